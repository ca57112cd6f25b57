//! Element detectors: each reads the document and returns evidence for one element.

mod apology;

use super::element::{Element, Elements};
use crate::rules::Context;

/// Runs every detector.
pub fn detect(ctx: &Context) -> Elements {
    let mut els = Elements::default();
    els.set(Element::Apology, apology::detect(ctx));
    els
}
