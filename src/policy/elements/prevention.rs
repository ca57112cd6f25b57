//! prevention: what will change so it does not recur.
//!
//! Evidence: a "Prevention" / "What we're changing" / "Next steps" section; a sentence with a
//! preventive frame ("to prevent this, we are adding …", "no longer", "going forward"); a
//! standing change stated with "now" ("migrations are now checked by a linter", "we now
//! require …"); a safeguard added or planned ("we have added a synthetic alert", "new rules
//! will first run in observation mode"). Not evidence: promises to publish or update,
//! "this will never happen again", "reviewing our processes", investigation, and advice to
//! the reader ("to avoid delays, please approve timesheets earlier").

use super::{
    INVESTIGATING, UNKNOWN, addressed_to_reader, cue_regex, found, heading_evidence, view,
};
use crate::lazy_regex::LazyRegex;
use crate::policy::element::Found;
use crate::analysis::Context;
use std::sync::LazyLock;

static FRAME: LazyLock<LazyRegex> = LazyLock::new(|| cue_regex(r"\b{prevention:frame}\b"));
static NOW_CHANGE: LazyLock<LazyRegex> = LazyLock::new(|| {
    cue_regex(
        r"\b(?:now|since (?:\d{1,2} )?{timeline:month}(?: \d{1,2})?|since then)\b(?:\s+[\w-]+){0,2}?\s+(?:be\s+|being\s+)?{prevention:change}\b",
    )
});
/// "Every new link type now goes through an access-control test": a standing safeguard.
static NOW_SAFEGUARD: LazyLock<LazyRegex> = LazyLock::new(|| {
    cue_regex(r"\b(?:now|from now on|henceforth)\b[^.;]{0,50}\b{prevention:safeguard}\b")
});
static SINCE_EVERY: LazyLock<LazyRegex> = LazyLock::new(|| {
    cue_regex(
        r"\bsince\b[^.;]{0,40}\b(?:every|all|each)\b[^.;]{0,60}\b(?:enforced|required|encrypted|checked|reviewed|tested)\b",
    )
});
static SAFEGUARD: LazyLock<LazyRegex> = LazyLock::new(|| {
    cue_regex(
        r"\b{prevention:add_verb}\b[^.;]{0,50}?\b(?:(?:a|an|new|more|the|our|additional|automated|extra)\s+)?(?:[\w-]+\s+)?{prevention:safeguard}\b",
    )
});
static FUTURE_CHANGE: LazyLock<LazyRegex> = LazyLock::new(|| {
    cue_regex(
        r"\b(?:will|'ll|going to|plan to)\s+(?:also\s+|first\s+|now\s+|only\s+|be\s+)*{prevention:change}\b[^.;]{0,40}\b(?:before|until|only|every|all|each|any|new)\b",
    )
});
static NOT_PREVENTION: LazyLock<LazyRegex> =
    LazyLock::new(|| cue_regex(r"\b(?:{prevention:not_prevention})"));
static OUTCOME_NOW: LazyRegex = LazyRegex::new(
    r"(?i)\bnow\s+(?:\w+\s+)?(?:work(?:s|ing)?|back|available|running|operat\w+|function\w+|resolved|restored|normal|fixed|stable|healthy|complete\w*)\b",
);

pub fn detect(ctx: &Context) -> Found {
    // A "Next steps" section that only promises a post-mortem or "reviewing our processes" is
    // not prevention.
    let mut ev: Vec<_> = heading_evidence(ctx, "prevention")
        .into_iter()
        .filter(|e| {
            let body = &ctx.doc.prose[e.start..e.end];
            !NOT_PREVENTION.is_match(body) || names_prevention(body)
        })
        .collect();
    for s in &view(ctx).sents {
        if !s.heading && names_prevention(&s.text) {
            ev.push(s.evidence());
        }
    }
    found(ev)
}

/// Does the sentence state a specific change against recurrence?
pub(crate) fn names_prevention(text: &str) -> bool {
    if UNKNOWN.is_match(text) || addressed_to_reader(text) || OUTCOME_NOW.is_match(text) {
        return false;
    }
    if NOT_PREVENTION.is_match(text) && !SAFEGUARD.is_match(text) {
        return false;
    }
    let investigating_only = INVESTIGATING.is_match(text)
        && !SAFEGUARD.is_match(text)
        && !NOW_CHANGE.is_match(text)
        && !NOW_SAFEGUARD.is_match(text)
        && !SINCE_EVERY.is_match(text);
    if investigating_only && !FRAME.is_match(text) {
        return false;
    }
    FRAME.is_match(text)
        || NOW_CHANGE.is_match(text)
        || NOW_SAFEGUARD.is_match(text)
        || SINCE_EVERY.is_match(text)
        || SAFEGUARD.is_match(text)
        || FUTURE_CHANGE.is_match(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preventive_changes() {
        assert!(names_prevention(
            "To prevent this, we are adding a check on certificate expiry."
        ));
        assert!(names_prevention(
            "Migrations are now checked by a linter that rejects table rewrites."
        ));
        assert!(names_prevention(
            "We have added a synthetic alert that pages us if delivery is late."
        ));
        assert!(names_prevention(
            "We now require that any change to payment retries is tested first."
        ));
        assert!(names_prevention(
            "New rules will first run in observation mode for 24 hours before they can move mail."
        ));
    }

    #[test]
    fn not_prevention() {
        assert!(!names_prevention(
            "We will publish a post-mortem next week."
        ));
        assert!(!names_prevention(
            "We promise this will never happen again."
        ));
        assert!(!names_prevention(
            "We are now scanning every existing chart title for script content."
        ));
        assert!(!names_prevention(
            "To avoid delays in future, please make sure timesheets are approved early."
        ));
        assert!(!names_prevention(
            "Everything now works normally on all supported TVs."
        ));
        assert!(!names_prevention("We are reviewing our processes."));
    }
}
