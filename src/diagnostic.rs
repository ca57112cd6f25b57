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

/// An edit: replace `span` with `replacement`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    pub message: String,
    pub replacement: String,
    pub span: Span,
    /// A guess the writer must check before applying (a time zone candor cannot know): editors
    /// never apply it with "fix all".
    #[serde(default)]
    pub review: bool,
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
    pub suggestions: Vec<Fix>,
}

/// A suggested edit of a [`Finding`]: replace `start..end` with `replacement`.
#[derive(Debug, Clone)]
pub struct Fix {
    pub message: String,
    pub replacement: String,
    pub start: usize,
    pub end: usize,
    /// See [`Suggestion::review`].
    pub review: bool,
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

    /// An edit of the finding's span that is right whenever the finding is.
    pub fn suggest(self, message: impl Into<String>, replacement: impl Into<String>) -> Self {
        self.fix(message.into(), replacement.into(), false)
    }

    /// An edit of the finding's span that may be wrong: the writer must check it.
    pub fn suggest_to_review(
        self,
        message: impl Into<String>,
        replacement: impl Into<String>,
    ) -> Self {
        self.fix(message.into(), replacement.into(), true)
    }

    fn fix(mut self, message: String, replacement: String, review: bool) -> Self {
        self.suggestions.push(Fix {
            message,
            replacement,
            start: self.start,
            end: self.end,
            review,
        });
        self
    }
}

/// `text` on one line: every run of whitespace that holds a line break becomes one space, so a
/// message quoting text across lines reads the same in every format.
pub fn one_line(text: &str) -> String {
    if !text.contains(['\n', '\r']) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    for c in text.chars() {
        if c.is_whitespace() {
            run.push(c);
            continue;
        }
        flush_whitespace(&mut out, &mut run);
        out.push(c);
    }
    flush_whitespace(&mut out, &mut run);
    out
}

fn flush_whitespace(out: &mut String, run: &mut String) {
    if run.contains(['\n', '\r']) {
        out.push(' ');
    } else {
        out.push_str(run);
    }
    run.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_joins_lines_and_keeps_other_spacing() {
        assert_eq!(
            one_line("\"a small\r\n  number\" of  users"),
            "\"a small number\" of  users"
        );
        assert_eq!(one_line("a\rb\n"), "a b ");
        assert_eq!(one_line("plain  text"), "plain  text");
    }
}
