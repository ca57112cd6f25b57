//! fix: what was or is being done to resolve the problem.
//!
//! Evidence: a "What we did" / "Resolution" / "What we are doing" section; a sentence naming a
//! remediation action in the past, progressive or future ("we rolled back the release at
//! 14:10 UTC", "a new certificate will be deployed by 17:00 UTC", "each duplicate has been
//! refunded"). Not evidence: "has been resolved", "the issue has been addressed", "took
//! steps", "implemented a fix" (they name no action), checking or investigating, negated
//! actions, and instructions to the reader ("please roll your keys").

use super::{UNKNOWN, addressed_to_reader, cue_regex, found, heading_evidence, view};
use crate::lazy_regex::LazyRegex;
use crate::policy::element::Found;
use crate::analysis::Context;
use std::sync::LazyLock;

static ACTION: LazyLock<LazyRegex> = LazyLock::new(|| cue_regex(r"\b{fix:action}\b"));
static ACTIVE_ONLY: LazyLock<LazyRegex> = LazyLock::new(|| cue_regex(r"\b{fix:active_only}\b"));
static VAGUE: LazyLock<LazyRegex> = LazyLock::new(|| cue_regex(r"\b(?:{fix:vague})\b"));
static NEGATED: LazyRegex = LazyRegex::new(
    r"(?i)\b(?:not|n't|never|no longer|unable to|yet to|cannot|can't|couldn't|could not|before we|until we)\s+(?:\w+\s+){0,2}$",
);
/// "steps were taken to restore", "working to restore": an infinitive of effort is no action.
static EFFORT_TO: LazyRegex = LazyRegex::new(
    r"(?i)\b(?:steps?|measures?|actions?|work(?:s|ing)?|try(?:ing)?|tried|attempt(?:s|ing|ed)?|unable|able|how|need(?:s|ed)?|want(?:s|ed)?|hope|aim(?:ing)?|effort|efforts|intend|would like)\s+(?:\w+\s+){0,3}to\s+$",
);
/// The verb before a passive participle: the passive often describes harm, except in the
/// future or progressive ("will be deployed", "is being replaced").
static PASSIVE_BEFORE: LazyRegex =
    LazyRegex::new(r"(?i)\b(?:was|were|been|is|are|be|got|get|gets)\s+(?:\w+ly\s+)?$");
static FUTURE_PASSIVE: LazyRegex = LazyRegex::new(
    r"(?i)\b(?:will|'ll|being|going to|about to)\s+(?:\w+\s+)?(?:be\s+)?(?:\w+ly\s+)?$",
);
/// An imperative sentence or a reader subject ("Merchants should roll their keys").
static READER_SUBJECT: LazyLock<LazyRegex> = LazyLock::new(|| {
    cue_regex(
        r"\b{fix:reader}\s+(?:should|can|could|must|may|might|need to|will need to|have to)\b",
    )
});

pub fn detect(ctx: &Context) -> Found {
    // A "What we are doing" section whose first sentence only says "we took steps" names no
    // action: the heading alone does not make it a fix.
    let mut ev: Vec<_> = heading_evidence(ctx, "fix")
        .into_iter()
        .filter(|e| {
            let body = &ctx.doc.prose[e.start..e.end];
            !VAGUE.is_match(body) || names_fix(body)
        })
        .collect();
    for s in &view(ctx).sents {
        if !s.heading && names_fix(&s.text) {
            ev.push(s.evidence());
        }
    }
    found(ev)
}

/// Does the sentence name a concrete remediation action that is ours and not negated?
/// "… timed out until we stopped the migration": after "until we", a past-tense verb narrates
/// a completed action, while a base form ("until we fix it") is still to come.
static UNTIL_WE: LazyRegex = LazyRegex::new(r"(?i)\buntil we\s+$");

fn completed_until(before: &str, verb: &str) -> bool {
    UNTIL_WE.is_match(before)
        && verb
            .split_whitespace()
            .next()
            .is_some_and(|w| w.to_lowercase().ends_with("ed"))
}

pub(crate) fn names_fix(text: &str) -> bool {
    if UNKNOWN.is_match(text)
        || READER_SUBJECT.is_match(text)
        || addressed_to_reader(text) && !text.to_lowercase().contains("we ")
    {
        return false;
    }
    let vague: Vec<_> = VAGUE.find_iter(text).map(|m| m.range()).collect();
    let ok = |start: usize, end: usize| {
        let before = &text[..start];
        !vague.iter().any(|r| r.start <= start && end <= r.end)
            && (!NEGATED.is_match(before) || completed_until(before, &text[start..end]))
            && !EFFORT_TO.is_match(before)
    };
    if ACTION.find_iter(text).any(|m| ok(m.start(), m.end())) {
        return true;
    }
    ACTIVE_ONLY.find_iter(text).any(|m| {
        let before = &text[..m.start()];
        ok(m.start(), m.end())
            && (FUTURE_PASSIVE.is_match(before)
                || !PASSIVE_BEFORE.is_match(before) && has_agent(before))
    })
}

/// An agent before the verb: "we", "our team", "the partner has", a named company …
fn has_agent(before: &str) -> bool {
    static AGENT: LazyRegex = LazyRegex::new(
        r"(?i)\b(?:we|we've|we'd|we'll|our \w+|engineers?|the (?:\w+ )?(?:team|partner|provider|vendor|supplier|engineers?)|version \S+|release \S+|(?:the |this )?(?:patch|update|fix))\b",
    );
    let clause = before.rsplit([';', ',', ':']).next().unwrap_or(before);
    AGENT.is_match(clause) || AGENT.is_match(before)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn concrete_actions() {
        assert!(names_fix("We rolled back the change at 14:02 UTC."));
        assert!(names_fix(
            "A new certificate is being issued and will be deployed to all API nodes by 17:00 UTC."
        ));
        assert!(names_fix("Each duplicate has been refunded."));
        assert!(names_fix("We removed the code at 6:00 am on 15 February."));
        assert!(names_fix(
            "We restored the previous concurrency setting at 13:52 UTC."
        ));
        assert!(names_fix("We rolled the release back at 06:40 UTC."));
        assert!(names_fix(
            "Requests timed out until we stopped the migration at 09:55 UTC."
        ));
    }

    #[test]
    fn not_fixes() {
        assert!(!names_fix(
            "The problem has now been resolved and all messages have been delivered."
        ));
        assert!(!names_fix(
            "We have implemented a fix for the booking problem and are monitoring."
        ));
        assert!(!names_fix("The issue has been addressed."));
        assert!(!names_fix(
            "We promptly took steps to secure the account and engaged a leading cybersecurity firm."
        ));
        assert!(!names_fix(
            "Our platform team is checking the database connection pool."
        ));
        assert!(!names_fix(
            "Steps were taken to restore affected submissions where possible."
        ));
        assert!(!names_fix(
            "Merchants should roll their secret keys in the dashboard."
        ));
        assert!(!names_fix("Some files were deleted."));
        assert!(!names_fix("We have not yet rolled back the release."));
        assert!(!names_fix(
            "Requests will fail until we deploy the new build."
        ));
    }
}
