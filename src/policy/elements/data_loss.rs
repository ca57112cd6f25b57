//! data_loss: whether stored data was lost, destroyed or corrupted, and what was restored —
//! "No data was lost", "we restored all records from backups", "some files could not be
//! recovered" (`rules/elements/data_loss.toml`). Restoring a service, access or a setting is a
//! fix, not a statement about data; advice about the reader's own backups does not count.

use super::{cue_hits, evidence, found, heading_evidence};
use crate::analysis::Context;
use crate::policy::element::Found;

pub fn detect(ctx: &Context) -> Found {
    let mut ev = heading_evidence(ctx, "data_loss");
    ev.extend(
        cue_hits(ctx, "data_loss")
            .into_iter()
            .map(|(si, _)| evidence(ctx, si)),
    );
    found(ev)
}
