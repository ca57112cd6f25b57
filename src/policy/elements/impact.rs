//! impact: who or what was affected, and how.
//!
//! Evidence: a section heading such as "Impact" or "What information was involved"; a
//! sentence with a symptom ("failed", "were delayed", "returned errors", "could not",
//! "were exposed"); a vulnerability's capability ("could allow an attacker to read …"); or,
//! in a breach, the types of personal data involved. "Were affected" alone names no symptom,
//! and vague nouns ("a small hiccup with our service") name nothing.

use super::{Sent, cue_regex, found, heading_evidence, view};
use crate::lazy_regex::LazyRegex;
use crate::policy::element::Found;
use crate::analysis::Context;
use std::sync::LazyLock;

static SYMPTOM: LazyLock<LazyRegex> =
    LazyLock::new(|| cue_regex(r"\b{impact:symptom}\b|\b(?:went|was|were|is|are) down\b"));
static CAPABILITY: LazyLock<LazyRegex> = LazyLock::new(|| cue_regex(r"\b{impact:capability}"));
static DATA: LazyLock<LazyRegex> = LazyLock::new(|| cue_regex(r"\b{impact:data_types}\b"));
static INVOLVED: LazyLock<LazyRegex> = LazyLock::new(|| cue_regex(r"\b{impact:involved}\b"));
/// Symptom words used in a sense that is not a symptom.
static NOT_SYMPTOM: LazyRegex = LazyRegex::new(
    r"(?i)\b(?:(?:compar\w*|monitor\w*|check\w*|watch\w*|track\w*) (?:the )?error (?:rates?|codes?|messages?)|let (?:you|them|us) down|no (?:errors?|delays?)|without (?:errors?|delay))\b",
);

pub fn detect(ctx: &Context) -> Found {
    let mut ev = heading_evidence(ctx, "impact");
    for s in &view(ctx).sents {
        if is_impact(s) {
            ev.push(s.evidence());
        }
    }
    found(ev)
}

fn is_impact(s: &Sent) -> bool {
    let t = NOT_SYMPTOM.replace_all(&s.text, " ");
    SYMPTOM.is_match(&t) || CAPABILITY.is_match(&t) || (DATA.is_match(&t) && INVOLVED.is_match(&t))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yes(t: &str) -> bool {
        is_impact(&Sent {
            start: 0,
            end: t.len(),
            text: t.to_string(),
            heading: false,
        })
    }

    #[test]
    fn symptoms_and_scope() {
        assert!(yes("Report exports failed for 312 accounts."));
        assert!(yes("Customers could not see vessel positions."));
        assert!(yes(
            "An attacker could send a login link that returned users to a look-alike site."
        ));
        assert!(yes(
            "The information involved includes your name and date of birth."
        ));
        assert!(!yes("Only a limited number of subscribers were impacted."));
        assert!(!yes(
            "You may have noticed a small hiccup with our service."
        ));
        assert!(!yes("We are sorry we let you down."));
        assert!(!yes(
            "Engineers are comparing error rates across both layers."
        ));
    }
}
