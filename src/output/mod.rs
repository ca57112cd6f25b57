//! Renderers for a [`Report`](crate::report::Report). `json` and `short` are stable contracts
//! documented in `docs/output.md`; `human` is for people and may change.

pub mod human;
pub mod json;
pub mod short;
