//! root_cause: why it happened — a mechanism, not a label (`rules/elements/root_cause.toml`).
//! A section on the cause counts when something in it names one.

use super::{backed_heading_evidence, cue_hits, evidence, found, is_heading};
use crate::analysis::Context;
use crate::policy::element::Found;

pub fn detect(ctx: &Context) -> Found {
    let hits = cue_hits(ctx, "root_cause");
    let hit_in = |si: usize| hits.iter().any(|(h, _)| *h == si);
    let mut ev = backed_heading_evidence(ctx, "root_cause", hit_in);
    ev.extend(
        hits.into_iter()
            .filter(|(si, _)| !is_heading(ctx, *si))
            .map(|(si, _)| evidence(ctx, si)),
    );
    found(ev)
}
