//! candor: an incident disclosure linter and policy checker.
//!
//! ```
//! let report = candor::check("We apologize for any inconvenience.", &candor::Options::new("draft.md"));
//! assert!(report.diagnostics.iter().any(|d| d.rule == "non-apology"));
//! ```
//!
//! The engine is [`Linter`]: build it once (rules, vocabulary and policies are compiled from
//! the data in `rules/` and the user's config), then check any number of documents.

// Errors carry their source text for miette snippets; they are built once, on a cold path.
#![allow(clippy::result_large_err)]

pub mod analysis;
pub mod config;
pub mod diagnostic;
pub mod document;
pub mod finding_cap;
pub mod fix;
pub mod front_matter_lint;
#[doc(hidden)]
pub mod fuzzing;
pub mod kind;
pub mod lazy_regex;
pub mod linter;
pub mod lsp;
pub mod nlp;
pub mod output;
pub mod pattern;
pub mod policy;
pub mod report;
pub mod rule_id;
pub mod rules;
pub mod run;
pub mod select;
pub mod suppress;

pub use config::Config;
pub use diagnostic::{Diagnostic, Severity, Span, Suggestion};
pub use kind::{Kind, KindSource, Phase};
pub use linter::{Linter, Options};
pub use report::{FileReport, Report};

use std::sync::LazyLock;

static DEFAULT_LINTER: LazyLock<Linter> = LazyLock::new(Linter::new);

/// Checks one document with the built-in rules and default settings.
pub fn check(text: &str, options: &Options) -> FileReport {
    DEFAULT_LINTER.check(text, options)
}
