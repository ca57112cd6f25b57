//! prevention: a concrete measure against recurrence, done or planned — an alert, a test,
//! validation, two-step login, a changed procedure (`rules/elements/prevention.toml`). A bare
//! pledge, a review, a promise to publish and advice to the reader are not prevention; a "What
//! we're changing" section counts when something in it names a measure.

use super::{cue_hits, evidence, found, heading_evidence, is_heading, section_sentences, signal, vetoed};
use crate::analysis::Context;
use crate::policy::element::Found;

pub fn detect(ctx: &Context) -> Found {
    let hits = cue_hits(ctx, "prevention");
    let section = section_sentences(ctx, "prevention");
    // A section counts when a cue, or a safeguard named in it, is there.
    let named = |si: usize| {
        signal(ctx, "prevention", "section", si) && !signal(ctx, "prevention", "pledge", si) && !vetoed(ctx, "prevention", si)
    };
    let mut ev: Vec<_> = if hits.iter().any(|(si, _)| section.contains(si)) || section.iter().any(|&si| named(si)) {
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
