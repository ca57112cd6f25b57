//! root_cause: why it happened — a mechanism, not a label (`rules/elements/root_cause.toml`).

use super::{cue_hits, evidence, found, heading_evidence, is_heading};
use crate::analysis::Context;
use crate::policy::element::Found;

pub fn detect(ctx: &Context) -> Found {
    let mut ev = heading_evidence(ctx, "root_cause");
    ev.extend(
        cue_hits(ctx, "root_cause")
            .into_iter()
            .filter(|(si, _)| !is_heading(ctx, *si))
            .map(|(si, _)| evidence(ctx, si)),
    );
    found(ev)
}
