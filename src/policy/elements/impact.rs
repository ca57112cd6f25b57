//! impact: who or what was affected, and how — a section on it, or a sentence with a symptom,
//! what a vulnerability let someone do, or the personal data a breach involved
//! (`rules/elements/impact.toml`).

use super::{cue_hits, evidence, found, heading_evidence};
use crate::analysis::Context;
use crate::policy::element::Found;

pub fn detect(ctx: &Context) -> Found {
    let mut ev = heading_evidence(ctx, "impact");
    ev.extend(
        cue_hits(ctx, "impact")
            .into_iter()
            .map(|(si, _)| evidence(ctx, si)),
    );
    found(ev)
}
