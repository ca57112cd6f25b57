//! candor: an incident disclosure linter and policy checker.
//!
//! ```
//! let report = candor::check("We apologize for any inconvenience.", &candor::Options::new("draft.md"));
//! assert!(report.diagnostics.iter().any(|d| d.rule == "non-apology"));
//! ```
//!
//! The engine is [`Linter`]: build it once (rules, vocabulary and policies are compiled from
//! the data in `rules/` and the user's config), then check any number of documents. A
//! [`FileReport`] holds the inferred [`Kind`] and [`Phase`], the required elements with the
//! evidence found, and the [`Diagnostic`]s in source order.
//!
//! ```
//! use candor::{Config, Kind, Linter, Options};
//!
//! let config = Config::parse("[rules]\nhedging = \"error\"\n", "candor.toml", ".".into())?;
//! let linter = Linter::with_config(config)?;
//! let mut options = Options::new("update.md");
//! options.kind = Some(Kind::StatusUpdate);
//! let report = linter.check("We are investigating reports that some users may be affected.\n", &options);
//! for d in &report.diagnostics {
//!     println!("{}:{}: {} [{}]", d.span.line, d.span.column, d.message, d.rule);
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Findings may carry [`Suggestion`]s: edits with an [`Applicability`]. [`fix`] applies them
//! the way `candor check --fix` does:
//!
//! ```
//! use candor::fix::{Mode, fix_until_stable};
//! use candor::{Linter, Options};
//!
//! let linter = Linter::new();
//! let fixed = fix_until_stable(&linter, "We had a \"glitch\" at noon.\n", &Options::new("a.md"), Mode::Safe);
//! assert_eq!(fixed.text, "We had a glitch at noon.\n");
//! ```
//!
//! `analysis`, `document`, `nlp` and `fuzzing` are public only for the command line, the
//! benchmarks and the fuzzers; they are hidden from these docs and are not a stable API.

// Errors carry their source text for miette snippets; they are built once, on a cold path.
#![allow(clippy::result_large_err)]

#[doc(hidden)]
pub mod analysis;
pub mod config;
pub mod diagnostic;
#[doc(hidden)]
pub mod document;
pub(crate) mod finding_cap;
pub mod fix;
pub(crate) mod front_matter_lint;
#[doc(hidden)]
pub mod fuzzing;
pub(crate) mod kind;
pub(crate) mod lazy_regex;
pub mod linter;
pub mod lsp;
#[doc(hidden)]
pub mod nlp;
pub mod output;
pub(crate) mod pattern;
pub mod policy;
pub mod report;
pub(crate) mod rule_id;
pub mod rules;
pub mod run;
pub mod select;
pub(crate) mod suppress;

pub use config::Config;
pub use diagnostic::{Applicability, Diagnostic, Edit, Severity, Span, Suggestion};
pub use document::Format;
pub use kind::{Confidence, Kind, KindSource, Phase};
pub use linter::{Linter, Options};
pub use report::{FileReport, Report};

use std::sync::LazyLock;

static DEFAULT_LINTER: LazyLock<Linter> = LazyLock::new(Linter::new);

/// Checks one document with the built-in rules and default settings.
pub fn check(text: &str, options: &Options) -> FileReport {
    DEFAULT_LINTER.check(text, options)
}
