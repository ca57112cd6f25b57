//! contact: a way to ask questions — an e-mail address, a phone number, a support or status
//! link, "reply to this e-mail", or a named team or representative to contact.
//!
//! Evidence: a "For more information" / "Contact" / "Questions?" section; any sentence with
//! an e-mail address or a phone number; a support/status URL; an invitation to contact us.
//! Not evidence: "emailed us" in the past (a report, not a channel), a bare signature with no
//! channel ("The Acme Team").

use super::{cue_regex, found, heading_evidence, view};
use crate::lazy_regex::LazyRegex;
use crate::policy::element::Found;
use crate::analysis::Context;
use std::sync::LazyLock;

static EMAIL: LazyRegex = LazyRegex::new(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b");
/// A phone number: 9–15 digits with separators, starting with +, 0, 1- or (, or introduced by a
/// phone word.
static PHONE: LazyRegex = LazyRegex::new(
    r"(?i)(?:\+\d[\d\s().-]{7,18}\d|\b0\d[\d\s-]{7,14}\d|\b1[-. ]8\d\d[-. ]\d{3}[-. ]\d{4}|\(\d{3}\)\s*\d{3}[-. ]\d{4}|\b(?:call|phone|tel(?:ephone)?|on|at|toll-free|helpline)[:.]?\s+\d[\d\s-]{7,14}\d)",
);
static URL: LazyLock<LazyRegex> = LazyLock::new(|| {
    cue_regex(
        r"\b(?:https?://)?[\w-]*{contact:url_words}[\w-]*\.[\w.-]+\.?[a-z]{2,}\b(?:/\S*)?|\b(?:https?://)?[\w.-]+\.[a-z]{2,}/[\w/-]*{contact:url_words}[\w/-]*",
    )
});
static INVITE: LazyLock<LazyRegex> = LazyLock::new(|| cue_regex(r"\b(?:{contact:invite})\b"));

pub fn detect(ctx: &Context) -> Found {
    let mut ev = heading_evidence(ctx, "contact");
    let doc = ctx.doc;
    for s in &view(ctx).sents {
        // Link targets are blanked in prose; read them from the raw text.
        let raw = &doc.raw[s.start..s.end];
        if gives_channel(&s.text) || EMAIL.is_match(raw) && !doc.in_attributed_quote(s.start..s.end)
        {
            ev.push(s.evidence());
        }
    }
    found(ev)
}

pub(crate) fn gives_channel(text: &str) -> bool {
    let digits = |m: &str| m.chars().filter(char::is_ascii_digit).count();
    EMAIL.is_match(text)
        || PHONE
            .find_iter(text)
            .any(|m| (9..=15).contains(&digits(m.as_str())))
        || URL.is_match(text)
        || INVITE.is_match(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn channels() {
        assert!(gives_channel("Questions? Reply to this email."));
        assert!(gives_channel("Call 0117 555 0142 (Mon–Fri)."));
        assert!(gives_channel("If you have questions, call 1-866-555-0178."));
        assert!(gives_channel(
            "Contact security@umberfield.example with questions."
        ));
        assert!(gives_channel(
            "Our travel team is available on +44 20 5550 0193 around the clock."
        ));
        assert!(gives_channel(
            "Please reach out to your account representative."
        ));
    }

    #[test]
    fn not_channels() {
        assert!(!gives_channel(
            "Thanks to the podcasters who emailed us at 23:00 UTC."
        ));
        assert!(!gives_channel(
            "We reported the theft to the police (crime reference 5225-0031)."
        ));
        assert!(!gives_channel(
            "3,962 quotes were too low and 1,108 were too high."
        ));
        assert!(!gives_channel("The Duskfall Team"));
    }
}
