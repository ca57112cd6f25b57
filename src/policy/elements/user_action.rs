//! user_action: what affected readers can or should do, or an explicit "no action is needed"
//! (`rules/elements/user_action.toml`). An invitation to contact support is the contact
//! element, not an action.

use super::{cue_hits, evidence, found, heading_evidence, is_heading};
use crate::analysis::Context;
use crate::policy::element::Found;

pub fn detect(ctx: &Context) -> Found {
    let mut ev = heading_evidence(ctx, "user_action");
    ev.extend(
        cue_hits(ctx, "user_action")
            .into_iter()
            .filter(|(si, _)| !is_heading(ctx, *si))
            .map(|(si, _)| evidence(ctx, si)),
    );
    found(ev)
}
