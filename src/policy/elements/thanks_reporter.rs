//! thanks_reporter: thanks or credit to whoever reported a vulnerability.
//!
//! Evidence: an "Acknowledgements" / "Credits" section; "We thank Wen Jie Lau for reporting
//! this", "Thank you, Amara, for the clear report", "credit to the researcher who …". Only in
//! a document about a security issue (a vulnerability notice, or security vocabulary in the
//! text): thanking people who reported an outage or customers for their patience is not it.
//!
//! Also decides whether someone reported the issue at all (front matter `reported_by`, or the
//! text: "reported by a researcher", "disclosed to us by …"), which makes the element
//! required in vulnerability notices and incident e-mails.

use super::{cue_regex, found, heading_evidence, view};
use crate::kind::Kind;
use crate::lazy_regex::LazyRegex;
use crate::policy::element::Found;
use crate::analysis::Context;
use std::sync::LazyLock;

static THANKS: LazyLock<LazyRegex> = LazyLock::new(|| {
    cue_regex(r"\b{thanks_reporter:thanks}\b[^.;]{0,80}\b{thanks_reporter:reporter}")
});
static SECURITY: LazyLock<LazyRegex> =
    LazyLock::new(|| cue_regex(r"\b{thanks_reporter:security}\b"));
static REPORTED: LazyLock<LazyRegex> =
    LazyLock::new(|| cue_regex(r"\b(?:{thanks_reporter:reported})"));

pub fn detect(ctx: &Context) -> Found {
    if !about_security(ctx) {
        return Found::default();
    }
    let mut ev = heading_evidence(ctx, "thanks_reporter");
    for s in &view(ctx).sents {
        if THANKS.is_match(&s.text) {
            ev.push(s.evidence());
        }
    }
    found(ev)
}

fn about_security(ctx: &Context) -> bool {
    ctx.kind == Some(Kind::VulnerabilityNotice) || SECURITY.is_match(&ctx.doc.prose)
}

/// Did someone report the issue? Front matter `reported_by` decides (`none` means nobody);
/// otherwise the text.
pub fn was_reported(ctx: &Context) -> bool {
    if let Some(by) = ctx
        .doc
        .front_matter
        .as_ref()
        .and_then(|f| f.reported_by.as_deref())
    {
        return !matches!(
            by.trim().to_ascii_lowercase().as_str(),
            "none" | "no" | "nobody" | "internal" | "" | "false"
        );
    }
    view(ctx).sents.iter().any(|s| REPORTED.is_match(&s.text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thanks_patterns() {
        assert!(
            THANKS.is_match(
                "We thank Wen Jie Lau for reporting this through our bug bounty programme."
            )
        );
        assert!(THANKS.is_match("Thank you, Amara, for the clear report."));
        assert!(!THANKS.is_match("Thanks for hanging in there."));
        assert!(!THANKS.is_match("Thank you for your patience."));
        assert!(REPORTED.is_match("On 6 May, security researcher Amara Nwosu reported through our bug bounty that titles were not escaped."));
        assert!(!REPORTED.is_match("We found the flaw during an internal review."));
    }
}
