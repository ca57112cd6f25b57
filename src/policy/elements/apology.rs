//! Apology detection and quality.
//!
//! * genuine: we/I (or a subjectless "Sorry …"/"Apologies …") apologise for something named —
//!   "We're sorry that your invoices went out with the wrong totals", "We are sorry we let
//!   those shows down", "We're sorry: several forwarders had to phone terminals".
//! * conditional: the harm is made hypothetical — "sorry if …", "… this may have caused",
//!   "to anyone who …", "if you feel …".
//! * generic: an apology that names nothing — "for any inconvenience", "for the trouble",
//!   "regret that this occurred".
//!
//! Quoted words (a customer's "sorry", our own earlier sentence cited critically) and
//! "sorry to hear" are not apologies.

use crate::lazy_regex::LazyRegex;
use crate::policy::element::{ApologyQuality, Evidence, Found};
use crate::analysis::Context;

static APOLOGY: LazyRegex = LazyRegex::new(
    r"(?i)\b(?:sorry|apologi[sz](?:e|es|ed|ing)|apolog(?:y|ies)|regret(?:s|ted|ful)?)\b",
);
static NOT_OURS: LazyRegex = LazyRegex::new(
    r"(?i)\bsorry to (?:hear|see|chase|bother|trouble)\b|\b(?:say|said|says) sorry\b|\bno (?:need|reason) to (?:be )?sorry",
);
static CONDITIONAL: LazyRegex = LazyRegex::new(
    r"(?ix)
        \b(?:sorry|apologi[sz]e|apologies|regret)\b [^.!?]{0,12}? \bif\b
        | \b(?:may|might|could)\ (?:have\ )?(?:caused|inconvenienced|affected|disrupted|been)\b
        | ^[^,;:]{0,30}?\bto\ (?:anyone|those|all\ those|any\ \w+(?:\ \w+)?)\ (?:who|whom|that|this|affected|impacted)\b
        | ^[^,;:]{0,30}?\bfor\ (?:anyone|those|all\ those)\ (?:who|whom|that|affected|impacted)\b
        | \byou\ (?:feel|felt|were\ upset)\b
        | \bif\ (?:you|this|any)\b",
);
static GENERIC: LazyRegex = LazyRegex::new(
    r"(?ix)
        \bregret(?:s|ted)?\b
        | \b(?:for|about)\ (?:any|the|this|all\ the)\ (?:\w+\ )?(?:inconvenience|trouble|troubles|confusion|disruption|frustration|issues?|problems?|difficult(?:y|ies)|annoyance|hassle|situation)\b(?:\ (?:this|it)\ (?:has\ )?caused|\ caused)?\s*[.!]?\s*$
        | \b(?:for|about)\ (?:any|the)\ (?:inconvenience|trouble|confusion|disruption|frustration|issues?|problems?|difficult(?:y|ies))\b
        | \bfor\ (?:this|that|it)\s*[.!]?\s*$
        | \b(?:sorry|apologi[sz]e|apologies)\s*[.!]?\s*$",
);

pub fn detect(ctx: &Context) -> Found {
    let doc = ctx.doc;
    let mut best: Option<ApologyQuality> = None;
    let mut evidence = Vec::new();
    for s in &doc.sentences {
        let text = doc.sentence_text(s);
        let Some(m) = APOLOGY.find(text) else {
            continue;
        };
        let (ms, me) = (s.start + m.start(), s.start + m.end());
        if doc.in_attributed_quote(ms..me) || NOT_OURS.is_match(text) {
            continue;
        }
        let q = quality(&text[m.start()..]);
        evidence.push(Evidence {
            start: s.start,
            end: s.end,
        });
        best = Some(match (best, q) {
            (Some(ApologyQuality::Genuine), _) | (_, ApologyQuality::Genuine) => {
                ApologyQuality::Genuine
            }
            (Some(ApologyQuality::Conditional), _) | (_, ApologyQuality::Conditional) => {
                ApologyQuality::Conditional
            }
            _ => ApologyQuality::Generic,
        });
    }
    Found {
        present: best.is_some(),
        quality: best,
        evidence,
        deferred: None,
    }
}

/// Quality of one apology, judged from the apology word to the end of its sentence.
pub fn quality(from_apology: &str) -> ApologyQuality {
    if CONDITIONAL.is_match(from_apology) {
        ApologyQuality::Conditional
    } else if GENERIC.is_match(from_apology) {
        ApologyQuality::Generic
    } else {
        ApologyQuality::Genuine
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ApologyQuality::*;

    #[test]
    fn qualities() {
        for (s, q) in [
            (
                "sorry that your invoices went out with the wrong totals.",
                Genuine,
            ),
            ("sorry we let those shows down.", Genuine),
            (
                "apologise for letting you down when you relied on us.",
                Genuine,
            ),
            ("sorry: several forwarders had to phone terminals.", Genuine),
            (
                "sorry for the worry and the hassle, especially for anyone who went overdrawn.",
                Genuine,
            ),
            ("sorry for any inconvenience.", Generic),
            ("Apologies for any inconvenience caused.", Generic),
            ("sorry for any inconvenience this has caused.", Generic),
            ("regret that this occurred.", Generic),
            ("regret any inconvenience this may cause.", Generic),
            ("sorry if you had any trouble booking.", Conditional),
            (
                "sorry for any disruption this may have caused.",
                Conditional,
            ),
            (
                "apologise to any families this may have inconvenienced.",
                Conditional,
            ),
            ("sorry if this news is worrying.", Conditional),
        ] {
            assert_eq!(quality(s), q, "{s}");
        }
    }
}
