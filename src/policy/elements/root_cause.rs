//! root_cause: why it happened — a mechanism, not a label (`rules/elements/root_cause.toml`).
//! A section on the cause counts when something in it names one.

use super::{cue_hits, evidence, found, heading_evidence, is_heading, section_sentences};
use crate::analysis::Context;
use crate::policy::element::Found;

pub fn detect(ctx: &Context) -> Found {
    let hits = cue_hits(ctx, "root_cause");
    let section = section_sentences(ctx, "root_cause");
    let mut ev: Vec<_> = if hits.iter().any(|(si, _)| section.contains(si)) {
        heading_evidence(ctx, "root_cause")
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
