//! Findings: what a rule reports, with exact spans back into the source.

use serde::{Deserialize, Serialize};
use std::fmt;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s.to_ascii_lowercase().as_str() {
            "info" | "infos" | "note" => Some(Severity::Info),
            "warning" | "warnings" | "warn" => Some(Severity::Warning),
            "error" | "errors" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A byte range in the original file plus 1-based line/column (columns count characters).
/// `end_line`/`end_column` point just past the last character, like LSP ranges.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

/// A machine-applicable edit: replace `span` with `replacement`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    pub message: String,
    pub replacement: String,
    pub span: Span,
}

/// One finding in one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    pub help: String,
    pub span: Span,
    /// The matched source text (for document-level findings, the line pointed at).
    pub text: String,
    /// True when the finding is about the whole document (a missing element), not this span.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub document_level: bool,
    #[serde(default)]
    pub suggestions: Vec<Suggestion>,
}

/// A finding before spans are resolved to lines and before config is applied.
/// Rules produce these; the engine turns them into [`Diagnostic`]s.
#[derive(Debug, Clone)]
pub struct Finding {
    pub rule: String,
    pub severity: Severity,
    pub start: usize,
    pub end: usize,
    pub message: String,
    pub help: String,
    pub document_level: bool,
    /// (message, replacement, start, end)
    pub suggestions: Vec<(String, String, usize, usize)>,
}

impl Finding {
    pub fn new(rule: impl Into<String>, severity: Severity, start: usize, end: usize) -> Self {
        Finding {
            rule: rule.into(),
            severity,
            start,
            end,
            message: String::new(),
            help: String::new(),
            document_level: false,
            suggestions: Vec::new(),
        }
    }

    pub fn message(mut self, m: impl Into<String>) -> Self {
        self.message = m.into();
        self
    }

    pub fn help(mut self, h: impl Into<String>) -> Self {
        self.help = h.into();
        self
    }

    pub fn suggest(mut self, message: impl Into<String>, replacement: impl Into<String>) -> Self {
        let (s, e) = (self.start, self.end);
        self.suggestions.push((message.into(), replacement.into(), s, e));
        self
    }
}
