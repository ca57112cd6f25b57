//! prevention: a concrete measure against recurrence, done or planned — an alert, a test,
//! validation, two-step login, a changed procedure (`rules/elements/prevention.toml`). A bare
//! pledge, a review, a promise to publish and advice to the reader are not prevention; a "What
//! we're changing" section counts when something in it names a measure.

use super::{backed_heading_evidence, cue_hits, evidence, found, is_heading, signal, vetoed};
use crate::analysis::Context;
use crate::policy::element::Found;

pub fn detect(ctx: &Context) -> Found {
    let hits = cue_hits(ctx, "prevention");
    // A section counts when a cue, or a safeguard named in it, is there.
    let named = |si: usize| {
        hits.iter().any(|(h, _)| *h == si)
            || signal(ctx, "prevention", "section", si)
                && !signal(ctx, "prevention", "pledge", si)
                && !vetoed(ctx, "prevention", si)
    };
    let mut ev = backed_heading_evidence(ctx, "prevention", named);
    ev.extend(
        hits.into_iter()
            .filter(|(si, _)| !is_heading(ctx, *si))
            .map(|(si, _)| evidence(ctx, si)),
    );
    found(ev)
}
