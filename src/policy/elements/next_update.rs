//! next_update: when the next update comes.
//!
//! Evidence: "Next update: 07:45 PT", "We'll post another update within 30 minutes", "we will
//! write to you again by 12 April", "updates every 30 minutes", "we expect to finish by 18
//! June; we will update this page then". Not evidence: a promise with no time ("We'll keep you
//! posted", "we will share more soon", "we'll update when we know more").

use super::{FUTURE, cue_regex, found, heading_evidence, view};
use crate::lazy_regex::LazyRegex;
use crate::policy::element::Found;
use crate::analysis::Context;
use std::sync::LazyLock;

static WHEN: LazyLock<LazyRegex> = LazyLock::new(|| cue_regex(r"\b(?:{next_update:when})\b"));
static NEXT: LazyRegex = LazyRegex::new(
    r"(?i)\bnext (?:update|status update|post|report|communication|e-?mail)\b|\bupdates? every\b",
);
static COMM: LazyLock<LazyRegex> = LazyLock::new(|| cue_regex(r"\b{next_update:comm}\b"));
static AGAIN: LazyRegex = LazyRegex::new(
    r"(?i)\b(?:again|another update|an update|more updates?|further updates?|the results|what we find|our findings|a full|a detailed|the post-?mortem|an? (?:incident )?report|this page|you)\b",
);

pub fn detect(ctx: &Context) -> Found {
    let mut ev = heading_evidence(ctx, "next_update");
    for s in &view(ctx).sents {
        if promises_update(&s.text) {
            ev.push(s.evidence());
        }
    }
    found(ev)
}

/// Does the sentence say when we will communicate next?
pub(crate) fn promises_update(text: &str) -> bool {
    if NEXT.is_match(text) && WHEN.is_match(text) {
        return true;
    }
    has_future_time(text) && AGAIN.is_match(text)
}

/// A future promise to communicate, with a time: "we will write to every patient by 18 June".
pub fn has_future_time(text: &str) -> bool {
    let Some(f) = FUTURE.find(text) else {
        return false;
    };
    let after = &text[f.start()..];
    let comm = COMM.find(after);
    comm.is_some() && WHEN.is_match(text) && !text.to_lowercase().contains("next update was")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn promised_times() {
        assert!(promises_update(
            "Next update: 07:45 PT, or earlier if something changes."
        ));
        assert!(promises_update(
            "We'll post another update within 30 minutes."
        ));
        assert!(promises_update(
            "We will write to you again by 12 April either way."
        ));
        assert!(promises_update(
            "We expect to finish by 18 June; we will update this page then."
        ));
        assert!(promises_update(
            "We are watching the queue closely and will post again at 20:15 GMT."
        ));
    }

    #[test]
    fn vague_promises() {
        assert!(!promises_update("We'll keep you posted."));
        assert!(!promises_update("We will share more soon."));
        assert!(!promises_update(
            "We'll update this page when we know more."
        ));
        assert!(!promises_update(
            "A new certificate will be deployed by 17:00 UTC."
        ));
    }
}
