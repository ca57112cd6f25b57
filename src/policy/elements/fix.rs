//! fix: a named remedial action — rolled back, patched, restored from backup, revoked
//! credentials, released 2.4.1 (`rules/elements/fix.toml`). Outcome words ("resolved", "a fix
//! has been implemented") name no action; a "What we did" section counts only when its first
//! sentence names one.

use super::{backed_heading_evidence, cue_hits, evidence, found, is_heading};
use crate::analysis::Context;
use crate::policy::element::Found;

pub fn detect(ctx: &Context) -> Found {
    let hits = cue_hits(ctx, "fix");
    // A section on the fix counts when something in it names an action.
    let hit_in = |si: usize| hits.iter().any(|(h, _)| *h == si);
    let mut ev = backed_heading_evidence(ctx, "fix", hit_in);
    ev.extend(
        hits.into_iter()
            .filter(|(si, _)| !is_heading(ctx, *si))
            .map(|(si, _)| evidence(ctx, si)),
    );
    found(ev)
}
