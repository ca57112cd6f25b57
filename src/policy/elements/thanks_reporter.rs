//! thanks_reporter: thanks or credit to whoever reported a vulnerability or security issue
//! (`rules/elements/thanks_reporter.toml`). Counts only when the document is about a security
//! issue: thanking customers for their patience, or people who reported an outage, is not
//! crediting a reporter.

use super::{cue_hits, evidence, found, heading_evidence, signal};
use crate::analysis::Context;
use crate::policy::element::Found;

pub fn detect(ctx: &Context) -> Found {
    if !about_security(ctx) {
        return Found::default();
    }
    let mut ev = heading_evidence(ctx, "thanks_reporter");
    ev.extend(
        cue_hits(ctx, "thanks_reporter")
            .into_iter()
            .map(|(si, _)| evidence(ctx, si)),
    );
    found(ev)
}

/// Is the document about a security issue (a vulnerability, a breach, an exposure)?
fn about_security(ctx: &Context) -> bool {
    matches!(
        ctx.kind,
        Some(crate::kind::Kind::VulnerabilityNotice | crate::kind::Kind::BreachNotice)
    ) || (0..ctx.doc.sentences.len()).any(|si| signal(ctx, "thanks_reporter", "security", si))
}

/// Does the text say that someone reported the issue (a researcher, a customer)? Front matter
/// `reported_by` says so too.
pub fn was_reported(ctx: &Context) -> bool {
    if let Some(fm) = &ctx.doc.front_matter
        && let Some(r) = &fm.reported_by
    {
        return !matches!(
            r.trim().to_lowercase().as_str(),
            "none" | "no" | "nobody" | "internal" | "" | "false"
        );
    }
    // A customer who wrote in about an outage reported nothing to credit: the report that
    // needs thanks is of a security issue.
    about_security(ctx)
        && (0..ctx.doc.sentences.len()).any(|si| signal(ctx, "thanks_reporter", "reported", si))
}
