//! # hedging
//! Hedges on facts you know: "may have been exposed", "potentially", "it appears".
//!
//! ## What it flags
//! A modal with a perfect ("may have been double-booked", "could potentially have allowed",
//! "may not have been saved"), a modal before a verb of observation or scope ("you may
//! notice", "the data may include", "may be affected"), "potentially" / "possibly" before a
//! verb or adjective, "a potential vulnerability / exposure / breach", and stance hedges
//! ("it appears that", "it seems", "appears to have", "we believe that", "it is possible
//! that"). Adjacent hedges in one phrase are reported once.
//!
//! Not flagged: honest uncertainty that says what is not known yet ("We do not yet know
//! whether exports were affected; we will update by 18 June", "It is not yet clear whether
//! …", "we are still working to determine …"); statutory wording ("reasonably believed to
//! have been acquired"); counterfactuals ("could have been prevented"); permission and
//! capability ("you may contact us", "an attacker could read files"); quotations and code.
//!
//! ## Why it matters
//! A hedge on something you know reads as evasion: if the records were exposed, "may have
//! been exposed" tells the reader you are protecting yourself, not them. When you do not
//! know, say so plainly and say when you will know — GDPR Art. 33(4) and HIPAA allow
//! phased information, but not vagueness about what you already know.
//! Sources: PagerDuty incident-response-docs (external communication guidelines); Federal
//! Plain Language Guidelines; GDPR Art. 33(4).
//!
//! ## Bad
//! > Some bookings may have been double-booked.
//! > An attacker potentially gained access to your account.
//! > You may notice delays in sending messages.
//!
//! ## Good
//! > 412 bookings were double-booked between 07:45 and 09:10 UTC.
//! > We do not yet know whether card numbers were in the file; we will tell you by 18 June.
//! > Messages were delayed by up to 20 minutes.

use super::super::{Context, Family, Rule, RuleMeta};
use crate::diagnostic::{Finding, Severity};
use crate::lazy_regex::LazyRegex;
use crate::nlp::{Token, UPOS};

/// Honest uncertainty in the sentence: the hedge states an unknown, not a known fact.
static HONEST: LazyRegex = LazyRegex::new(
    r"(?i)\b(?:(?:do|does|did) not|don't|doesn't|didn't) (?:yet |currently )?know\b|\bnot (?:yet )?(?:clear|known|confirmed|determined|certain)\b|\b(?:is|it's|remains?|are) (?:still |currently )?(?:unclear|unknown|not clear|not known|being (?:investigated|determined|assessed))\b|\b(?:still|currently) (?:working|trying) to (?:determine|confirm|establish|understand|find out|identify)\b|\b(?:can(?:not|'t)|are unable to|aren't able to) (?:yet )?(?:confirm|say|determine|rule out)\b|\binvestigating (?:whether|if)\b|\bwe(?: are|'re) (?:still )?(?:assessing|determining|confirming) (?:whether|if|how|which)\b|\breasonably believed?\b",
);

static APOLOGY_BEFORE: LazyRegex =
    LazyRegex::new(r"(?i)\b(?:sorry|apologi[sz]e[sd]?|apologi[sz]ing|apolog(?:y|ies)|regrets?)\b");

/// Stance hedges found by phrase.
static STANCE: LazyRegex = LazyRegex::new(
    r"(?i)\bit (?:appears|seems|would appear|looks like)(?: that)?\b|\b(?:appears?|seems?) to have\b|\bwe (?:currently |now )?(?:believe|think|suspect)(?: that)?\b(?:\s+(?:the|this|it|an?|some|no|your|our|there|they|these|those|all|most|[a-z]+ed)\b)|\bit is (?:possible|likely|conceivable) that\b|\bapparently\b|\bthere (?:may|might|could) have been\b",
);

const MODALS: &[&str] = &["may", "might", "could"];
/// Verbs a modal hedges when it is about what happened or what is affected.
const OBSERVE: &[&str] = &[
    "notice",
    "see",
    "experience",
    "include",
    "contain",
    "affect",
    "impact",
    "encounter",
    "observe",
    "find",
    "receive",
    "lose",
    "involve",
    "expose",
    "show",
    "get",
    "have",
];
/// States after "may be": "may be affected", "may be incomplete".
const STATE: &[&str] = &[
    "affected",
    "impacted",
    "exposed",
    "accessible",
    "incomplete",
    "delayed",
    "unavailable",
    "missing",
    "involved",
    "compromised",
    "duplicated",
    "incorrect",
    "inaccurate",
    "lost",
    "at",
    "visible",
    "stale",
];
/// Counterfactual participles: "could have been prevented" is not a hedge.
const COUNTERFACTUAL: &[&str] = &[
    "prevented",
    "avoided",
    "caught",
    "detected",
    "done",
    "handled",
    "stopped",
    "mitigated",
    "predicted",
    "foreseen",
    "worse",
];
/// Harm nouns after "potential".
const POTENTIAL_NOUNS: &[&str] = &[
    "vulnerability",
    "vulnerabilities",
    "exposure",
    "breach",
    "compromise",
    "impact",
    "issue",
    "incident",
    "unauthorized",
    "unauthorised",
    "access",
    "data",
    "loss",
    "leak",
    "risk",
    "exploitation",
    "misuse",
];

pub struct Hedging {
    meta: RuleMeta,
}

pub fn rule() -> Box<dyn Rule> {
    Box::new(Hedging {
        meta: RuleMeta {
            id: "hedging".into(),
            severity: Severity::Warning,
            summary: "Hedges on facts you know: \"may have been\", \"potentially\", \"it appears\""
                .into(),
            docs: super::docs("hedging"),
            family: Family::Code,
            needs_nlp: true,
        },
    })
}

fn word(t: &Token) -> &str {
    t.lower.as_str()
}

fn is_adv(t: &Token) -> bool {
    t.is(UPOS::ADV)
        || matches!(
            word(t),
            "potentially"
                | "possibly"
                | "also"
                | "still"
                | "well"
                | "already"
                | "not"
                | "never"
                | "even"
                | "perhaps"
                | "conceivably"
        )
}

/// Hedge spans (token index ranges) in one sentence.
pub fn hedges(toks: &[Token]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let w = word(&toks[i]);
        if MODALS.contains(&w) {
            let mut j = i + 1;
            while j < toks.len() && is_adv(&toks[j]) && word(&toks[j]) != "have" {
                j += 1;
            }
            // "may have to restart" is obligation, not a perfect.
            let perfect = toks.get(j).is_some_and(|t| word(t) == "have")
                && toks.get(j + 1).is_some_and(|t| word(t) != "to");
            if perfect {
                let mut k = j + 1;
                while k < toks.len() && (is_adv(&toks[k]) || word(&toks[k]) == "been") {
                    k += 1;
                }
                // "may have been double-booked": include a hyphenated participle.
                if let Some(t) = toks.get(k)
                    && (t.is_past_participle || t.is(UPOS::VERB) || t.is(UPOS::ADJ) || t.is_word)
                    && !COUNTERFACTUAL.contains(&word(t))
                {
                    let mut end = k;
                    while end + 2 < toks.len()
                        && toks[end + 1].text == "-"
                        && toks[end + 1].start == toks[end].end
                    {
                        end += 2;
                    }
                    spans.push((i, end));
                    i = end + 1;
                    continue;
                }
            } else if w != "could"
                && let Some(t) = toks.get(j)
            {
                let v = word(t);
                let obs = OBSERVE
                    .iter()
                    .any(|o| v == *o || v.strip_suffix('s') == Some(o));
                let state = v == "be" && toks.get(j + 1).is_some_and(|n| STATE.contains(&word(n)));
                if obs && v != "have" || state {
                    let end = if state { j + 1 } else { j };
                    spans.push((i, end));
                    i = end + 1;
                    continue;
                }
            }
        } else if matches!(w, "potentially" | "possibly") {
            let next = toks.get(i + 1);
            if next.is_some_and(|n| n.is_word && !n.is(UPOS::NOUN) || n.is_past_participle) {
                spans.push((i, i + 1));
                i += 2;
                continue;
            }
        } else if w == "potential"
            && toks
                .get(i + 1)
                .is_some_and(|n| POTENTIAL_NOUNS.contains(&word(n)))
        {
            let start = if i > 0 && matches!(word(&toks[i - 1]), "a" | "an" | "the") {
                i - 1
            } else {
                i
            };
            spans.push((start, i + 1));
            i += 2;
            continue;
        }
        i += 1;
    }
    spans
}

impl Rule for Hedging {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        let doc = ctx.doc;
        // Only sentences that contain a hedge cue pay for tagging.
        static CUE: LazyRegex =
            LazyRegex::new(r"(?i)\b(?:may|might|could|potential(?:ly)?|possibly)\b");
        let mut spans: Vec<(usize, usize)> = Vec::new();
        for (si, s) in doc.sentences.iter().enumerate() {
            let text = doc.sentence_text(s);
            if s.heading_like && !text.contains("potential") || HONEST.is_match(text) {
                continue;
            }
            let mut local: Vec<(usize, usize)> = STANCE
                .find_iter(text)
                .map(|m| (s.start + m.start(), s.start + m.end()))
                .collect();
            if CUE.is_match(text) {
                let toks = ctx.sentence_tokens(si);
                if !toks.is_empty() {
                    for (a, b) in hedges(toks) {
                        // "sorry for any disruption this may have caused" is the non-apology's
                        // concern, not a hedge on a fact.
                        if APOLOGY_BEFORE.is_match(&doc.prose[s.start..toks[a].start]) {
                            continue;
                        }
                        local.push((toks[a].start, toks[b].end));
                    }
                }
            }
            local.sort();
            // Merge hedges that touch or sit within a few bytes of each other.
            for (a, b) in local {
                match spans.last_mut() {
                    Some(last) if last.0 >= s.start && a <= last.1 + 1 => last.1 = last.1.max(b),
                    _ => spans.push((a, b)),
                }
            }
        }
        for (start, end) in spans {
            if doc.in_attributed_quote(start..end) {
                continue;
            }
            let text = doc.text(start, end).to_string();
            out.push(
                Finding::new("hedging", Severity::Warning, start, end)
                    .message(format!("\"{text}\" hedges a fact."))
                    .help(
                        "If you know it happened, say so: \"412 bookings were double-booked.\" If you don't know yet, say what is unknown and when you will know: \"We don't yet know whether card numbers were in the file; we will tell you by 18 June.\"",
                    ),
            );
        }
    }
}

#[cfg(test)]
mod tests {

    fn hits(src: &str) -> Vec<String> {
        super::super::test_hits("hedging", src)
    }

    #[test]
    fn modal_perfect_and_observation() {
        assert_eq!(
            hits("Some bookings may have been double-booked."),
            vec!["may have been double-booked"]
        );
        assert_eq!(
            hits("The flaw could potentially have allowed an attacker in."),
            vec!["could potentially have allowed"]
        );
        assert_eq!(
            hits("Some drafts may not have been saved."),
            vec!["may not have been saved"]
        );
        assert_eq!(hits("You may notice slower uploads."), vec!["may notice"]);
        assert_eq!(hits("The file may include your name."), vec!["may include"]);
        assert_eq!(
            hits("An attacker potentially gained access."),
            vec!["potentially gained"]
        );
        assert_eq!(
            hits("We found a potential vulnerability."),
            vec!["a potential vulnerability"]
        );
        assert_eq!(
            hits("It appears that the job ran twice."),
            vec!["It appears that"]
        );
    }

    #[test]
    fn honest_uncertainty_and_other_modals() {
        assert!(hits("We do not yet know whether exports may have been affected; we will update by 18 June.").is_empty());
        assert!(hits("It is not yet clear whether card data may have been included.").is_empty());
        assert!(
            hits("Information reasonably believed to have been acquired includes names.")
                .is_empty()
        );
        assert!(hits("This could have been prevented by an alert.").is_empty());
        assert!(hits("We may have to restart the service tonight.").is_empty());
        assert!(hits("You may contact us at any time. An attacker could read files.").is_empty());
        assert!(hits("One customer wrote: \"it may have been exposed\".").is_empty());
    }
}
