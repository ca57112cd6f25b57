//! prevention: a concrete measure against recurrence, done or planned — an alert, a test,
//! validation, two-step login, a changed procedure (`rules/elements/prevention.toml`). A bare
//! pledge, a review, a promise to publish and advice to the reader are not prevention; a "What
//! we're changing" section counts when something in it names a measure.

use super::{cue_hits, evidence, found, heading_evidence, is_heading, section_sentences};
use crate::analysis::Context;
use crate::policy::element::Found;

pub fn detect(ctx: &Context) -> Found {
    let hits = cue_hits(ctx, "prevention");
    let section = section_sentences(ctx, "prevention");
    let mut ev: Vec<_> = if hits.iter().any(|(si, _)| section.contains(si)) {
        heading_evidence(ctx, "prevention")
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
