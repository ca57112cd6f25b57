//! user_action: what affected people can or should do — or an explicit "you don't need to do
//! anything".
//!
//! Evidence: a "What you can do" section; an imperative to the reader ("Please check your
//! itinerary", "Keep the app open", "If you wrote your own client, retry with backoff"); a
//! modal addressed to the reader ("you can change the flight", "we encourage you to review
//! your statements", "merchants should roll their keys"); an explicit no-action statement.
//! Not evidence: invitations to contact us with questions or to subscribe to updates (that
//! is `contact`), and "please note".

use super::{Sent, cue_regex, found, heading_evidence, view};
use crate::lazy_regex::LazyRegex;
use crate::policy::element::Found;
use crate::analysis::Context;
use std::sync::LazyLock;

/// An imperative at the start of a sentence or clause (after "Please", "If …,", ";", ":").
static IMPERATIVE: LazyLock<LazyRegex> = LazyLock::new(|| {
    cue_regex(
        r"(?:^|[;:—–]\s*|\(|\b(?:and|or|then)\s+|(?:^|[;:]\s*)(?:if|when|once|until)\b[^,;]{1,100},\s*)\W*(?:please\s+)?(?:(?:also|simply|just|always|first)\s+)?(?:(?:do not|don't|don’t|never)\s+\w+|{user_action:imperative}\s+(?:your|the|a|an|any|all|it|them|this|that|these|those|with|for|to|again|on|off|up|out|back|in|our|their|every|each|whether|if|that|yourself|us)\b)",
    )
});
static PLEASE: LazyLock<LazyRegex> = LazyLock::new(|| {
    cue_regex(r"\bplease\s+(?:(?:also|simply|just)\s+)?{user_action:imperative}\b")
});
static MODAL: LazyLock<LazyRegex> = LazyLock::new(|| cue_regex(r"\b{user_action:modal}\b"));
static NO_ACTION: LazyLock<LazyRegex> = LazyLock::new(|| cue_regex(r"\b{user_action:no_action}"));
static ONLY_CONTACT: LazyLock<LazyRegex> =
    LazyLock::new(|| cue_regex(r"\b{user_action:only_contact}"));
static CONTACT_VERB: LazyRegex = LazyRegex::new(
    r"(?i)\b(?:contact|call|e-?mail|write to|reach out|get in touch|ask|visit|go to|reply|message|talk to|speak to|subscribe|follow|see|read)\b",
);
/// "Please note", "please bear with us": politeness, not an action on the harm.
static NOT_ACTION: LazyRegex = LazyRegex::new(
    r"(?i)\bplease\s+(?:note|be assured|rest assured|bear with|accept|know|understand|excuse)\b|\bthank",
);

pub fn detect(ctx: &Context) -> Found {
    let mut ev = heading_evidence(ctx, "user_action");
    for s in &view(ctx).sents {
        if !s.heading && tells_reader(s) {
            ev.push(s.evidence());
        }
    }
    found(ev)
}

fn tells_reader(s: &Sent) -> bool {
    let t = s.text.trim();
    if NO_ACTION.is_match(t) {
        return true;
    }
    let t = NOT_ACTION.replace_all(t, " ");
    let instruction = IMPERATIVE.is_match(&t) || PLEASE.is_match(&t) || MODAL.is_match(&t);
    if !instruction {
        return false;
    }
    // "If you have questions, email us" / "Subscribe to updates": contact, not an action.
    let contact_only = ONLY_CONTACT.is_match(&t) && CONTACT_VERB.is_match(&t);
    static SUBSCRIBE: LazyRegex =
        LazyRegex::new(r"(?i)^\W*(?:please\s+)?(?:subscribe|follow|sign up)\b");
    !contact_only && !SUBSCRIBE.is_match(&t)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yes(t: &str) -> bool {
        tells_reader(&Sent {
            start: 0,
            end: t.len(),
            text: t.to_string(),
            heading: false,
        })
    }

    #[test]
    fn instructions() {
        assert!(yes("Please check your itinerary in the app."));
        assert!(yes("Keep the app open and your messages will send."));
        assert!(yes(
            "Applications retry automatically; if you wrote your own client, retry with exponential backoff."
        ));
        assert!(yes("We encourage you to review your financial statements."));
        assert!(yes(
            "Merchants should roll their secret keys in the dashboard."
        ));
        assert!(yes("You do not need to change your password."));
        assert!(yes("There is nothing you need to do."));
    }

    #[test]
    fn not_instructions() {
        assert!(!yes(
            "If you have any concerns, please reach out to your account representative."
        ));
        assert!(!yes(
            "Subscribe to updates at status.example.com or email support@example.com."
        ));
        assert!(!yes(
            "Please note that there is no indication that your data has been misused."
        ));
        assert!(!yes(
            "Anyone with a question about their quote can call 0345 555 0196."
        ));
        assert!(!yes("We are checking the connection pool."));
    }
}
