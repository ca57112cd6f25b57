//! fix: a named remedial action — rolled back, patched, restored from backup, revoked
//! credentials, released 2.4.1 (`rules/elements/fix.toml`). Outcome words ("resolved", "a fix
//! has been implemented") name no action; a "What we did" section counts only when its first
//! sentence names one.

use super::{cue_hits, evidence, found, heading_evidence, is_heading, section_sentences};
use crate::analysis::Context;
use crate::policy::element::Found;

pub fn detect(ctx: &Context) -> Found {
    let hits = cue_hits(ctx, "fix");
    // A section on the fix counts when something in it names an action.
    let section = section_sentences(ctx, "fix");
    let mut ev: Vec<_> = if hits.iter().any(|(si, _)| section.contains(si)) {
        heading_evidence(ctx, "fix")
    } else {
        Vec::new()
    };
    ev.extend(
        hits.into_iter()
            .filter(|(si, _)| !is_heading(ctx, *si))
            .map(|(si, _)| evidence(ctx, si)),
    );
    found(ev)
}
