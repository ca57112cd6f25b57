//! root_cause: why it happened — more than "a technical issue".
//!
//! Evidence: a "Root cause" / "Why" / "What went wrong" section (in a breach notice also the
//! statutory "What happened"); a causal connective with a specific object ("because the queue
//! was sized for a normal on-sale", "as a result of a phishing e-mail"); a cause acting
//! ("a routine upgrade … changed the default concurrency", "our renewal job failed"); a
//! missing control ("chart titles were not escaped"); a manipulation that exposed data.
//! Not evidence: a vague cause ("due to a technical issue", "an intermittent issue with a
//! provider") and statements that the cause is not known yet.

use super::{UNKNOWN, addressed_to_reader, cue_regex, found, heading_evidence, view};
use crate::lazy_regex::LazyRegex;
use crate::policy::element::Found;
use crate::analysis::Context;
use std::sync::LazyLock;

static CONNECTIVE: LazyLock<LazyRegex> =
    LazyLock::new(|| cue_regex(r"\b{root_cause:connective}\b"));
static VAGUE: LazyLock<LazyRegex> = LazyLock::new(|| cue_regex(r"^\W*(?:{root_cause:vague})"));
static ACTING: LazyLock<LazyRegex> = LazyLock::new(|| {
    cue_regex(
        r"(?:\b(?:a|an|the|our|its|their|this|that|one)\s+|(?:^|[,;:]\s*))(?:[\w-]+\s+){0,4}?{root_cause:cause_noun}\b[^.;]{0,60}?\b{root_cause:cause_verb}\b",
    )
});
static MISSING: LazyLock<LazyRegex> =
    LazyLock::new(|| cue_regex(r"\b(?:{root_cause:missing_control})\b"));
static MANIPULATION: LazyLock<LazyRegex> =
    LazyLock::new(|| cue_regex(r"\b(?:{root_cause:manipulation})"));

pub fn detect(ctx: &Context) -> Found {
    let mut ev = heading_evidence(ctx, "root_cause");
    for s in &view(ctx).sents {
        if !s.heading && states_cause(&s.text) {
            ev.push(s.evidence());
        }
    }
    found(ev)
}

/// Does the sentence give a specific cause?
pub(crate) fn states_cause(text: &str) -> bool {
    if UNKNOWN.is_match(text) {
        return false;
    }
    let connective = CONNECTIVE.find_iter(text).any(|m| {
        let object = &text[m.end()..];
        !object.trim().is_empty() && !VAGUE.is_match(object)
    });
    if connective {
        return true;
    }
    if addressed_to_reader(text) {
        return false;
    }
    ACTING.is_match(text) || MISSING.is_match(text) || MANIPULATION.is_match(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specific_causes() {
        assert!(states_cause(
            "Checkout timed out because the queue was sized for a normal on-sale."
        ));
        assert!(states_cause(
            "Credentials were compromised as a result of a phishing email."
        ));
        assert!(states_cause(
            "A routine upgrade of our notification workers changed the default concurrency from 64 to 4."
        ));
        assert!(states_cause(
            "Chart titles in embedded dashboards were not escaped."
        ));
        assert!(states_cause("Our renewal job failed silently last week."));
    }

    #[test]
    fn vague_or_unknown_causes() {
        assert!(!states_cause(
            "This was due to a technical problem with our messaging service."
        ));
        assert!(!states_cause(
            "This was caused by an intermittent issue with a third-party database provider."
        ));
        assert!(!states_cause(
            "Due to unforeseen technical difficulties, uploads did not finish."
        ));
        assert!(!states_cause("We have not yet identified the cause."));
        assert!(!states_cause(
            "It is not yet clear whether the errors come from the metadata service."
        ));
        assert!(!states_cause(
            "An error was introduced into the notification service during an update on 2 September."
        ));
    }
}
