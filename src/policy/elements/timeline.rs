//! timeline: when it started, was detected or ended — a clock time, a date or a named day in a
//! sentence about the incident (`rules/elements/timeline.toml`). A line that is only a
//! posting stamp ("Mar 13, 2025 - 10:16 EDT", "RESOLVED — 14:05 UTC") dates the update, not
//! the incident.

use super::{cue_hits, evidence, found, heading_evidence};
use crate::analysis::{Context, Sentence, TokenKind};
use crate::policy::element::Found;

pub fn detect(ctx: &Context) -> Found {
    let mut ev = heading_evidence(ctx, "timeline");
    ev.extend(
        cue_hits(ctx, "timeline")
            .into_iter()
            .filter(|(si, _)| !stamp(ctx.sentence(*si)))
            .map(|(si, _)| evidence(ctx, si)),
    );
    found(ev)
}

/// Is the sentence only a stamp: times, dates, zones and status words?
fn stamp(s: &Sentence) -> bool {
    s.tokens.iter().enumerate().all(|(i, t)| {
        t.kind != TokenKind::Word
            || s.when_at(i).is_some()
            || matches!(
                &*t.lower,
                "investigating"
                    | "identified"
                    | "monitoring"
                    | "resolved"
                    | "update"
                    | "updated"
                    | "posted"
                    | "completed"
                    | "scheduled"
                    | "last"
                    | "at"
                    | "on"
                    | "utc"
                    | "gmt"
                    | "bst"
                    | "cet"
                    | "cest"
                    | "est"
                    | "edt"
                    | "pst"
                    | "pdt"
                    | "cst"
                    | "cdt"
                    | "mst"
                    | "mdt"
                    | "et"
                    | "pt"
                    | "ct"
                    | "mt"
                    | "z"
                    | "am"
                    | "pm"
                    | "a.m."
                    | "p.m."
            )
    })
}
