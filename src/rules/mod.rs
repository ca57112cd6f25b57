//! The rule registry: every rule has an id, a default severity, a one-line summary and full
//! documentation, and a `check` over the shared analysis of one document.
//!
//! Three families share one interface:
//! * phrase rules, defined as data in `rules/phrases/*.toml` (and users' own files);
//! * code rules, one per file in `src/rules/code/`, documented by their `//!` doc comment;
//! * policy rules (`missing-*`, pack requirements), generated from `rules/policies/` data;
//! * with the cargo feature `nlprule`, the `grammar` group (`grammar/`): one rule standing for
//!   LanguageTool's rules, whose findings are `grammar/<LanguageTool id>`.
//!
//! Rules read the document through [`Context`] (from [`crate::analysis`]): tokens, clauses,
//! subjects and word families.

pub mod code;
pub mod grammar;
pub mod phrase;

pub use crate::analysis::Context;
use crate::diagnostic::{Finding, Severity};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}
pub use embedded::{CODE_RULE_DOCS, EMBEDDED_RULE_FILES};

/// Which family a rule belongs to (shown by `candor rules`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Family {
    Phrase,
    Code,
    Policy,
    Pack,
    /// The optional LanguageTool group (cargo feature `nlprule`).
    Grammar,
}

#[derive(Debug, Clone)]
pub struct RuleMeta {
    pub id: String,
    pub severity: Severity,
    pub summary: String,
    /// Markdown documentation: what it flags, why it matters, bad and good examples.
    pub docs: String,
    pub family: Family,
    /// True when `check` needs part-of-speech tags (so the NLP engine is loaded).
    pub needs_nlp: bool,
}

pub trait Rule: Send + Sync {
    fn meta(&self) -> &RuleMeta;
    fn check(&self, ctx: &Context, out: &mut Vec<Finding>);
}
