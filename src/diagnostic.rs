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

/// How safe a [`Suggestion`] is to apply without reading it (ruff's `Applicability`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    /// Advice to read, never applied by `--fix`: a guess candor cannot check (a time zone it
    /// does not know), or one of several alternatives.
    DisplayOnly,
    /// A rewrite that may change what the draft says: the writer reviews it
    /// (`--unsafe-fixes` applies it).
    Unsafe,
    /// Cannot change the meaning (removing scare quotes or an unused suppression, a zone the
    /// team configured): `--fix` applies it.
    Safe,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
            Applicability::DisplayOnly => "display-only",
        }
    }
}

/// One edit of a [`Suggestion`]: replace `span` with `replacement`. An empty span inserts,
/// an empty replacement deletes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

/// A fix for a [`Diagnostic`]: edits that never overlap, in source order, and how safe they
/// are to apply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    pub message: String,
    pub applicability: Applicability,
    pub edits: Vec<Edit>,
    /// The edits as one replacement of the range they cover, for consumers that take a single
    /// range and text (rdjson, a one-edit code action).
    pub span: Span,
    pub replacement: String,
}

impl Suggestion {
    /// A guess or a rewrite the writer must check: editors never apply it with "fix all".
    pub fn needs_review(&self) -> bool {
        self.applicability != Applicability::Safe
    }

    /// How the human and HTML outputs show it: a "fix" is applied by `--fix` (safe) or
    /// `--fix --unsafe-fixes`; a "suggestion" is advice.
    pub fn describe(&self) -> String {
        match self.applicability {
            Applicability::Safe => format!("fix: {}", self.message),
            Applicability::Unsafe => format!("fix (unsafe: review it): {}", self.message),
            Applicability::DisplayOnly => format!("suggestion: {}", self.message),
        }
    }
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
    /// For a finding a rule makes once per document for a key (a jargon term at its first
    /// use): the key. A document checked in parts keeps the first part's.
    pub once_per_document: Option<String>,
}

/// A fix of a [`Finding`], in byte offsets: see [`Suggestion`].
#[derive(Debug, Clone)]
pub struct Fix {
    pub message: String,
    pub applicability: Applicability,
    /// `(start, end, replacement)`, sorted and not overlapping.
    pub edits: Vec<(usize, usize, String)>,
}

impl Fix {
    pub fn new(
        message: impl Into<String>,
        applicability: Applicability,
        mut edits: Vec<(usize, usize, String)>,
    ) -> Fix {
        edits.sort_by_key(|e| (e.0, e.1));
        Fix {
            message: message.into(),
            applicability,
            edits,
        }
    }

    /// The byte range the edits cover.
    pub fn range(&self) -> (usize, usize) {
        let start = self.edits.iter().map(|e| e.0).min().unwrap_or(0);
        let end = self.edits.iter().map(|e| e.1).max().unwrap_or(start);
        (start, end)
    }

    /// The text that replaces [`Fix::range`] of `source`.
    pub fn covering_replacement(&self, source: &str) -> String {
        let (start, _) = self.range();
        let mut out = String::new();
        let mut at = start;
        for (s, e, r) in &self.edits {
            out.push_str(source.get(at..*s).unwrap_or(""));
            out.push_str(r);
            at = *e;
        }
        out
    }
}

impl Finding {
    /// The finding with every offset moved `by` bytes later: from a part of a document to the
    /// whole file.
    pub fn shifted(mut self, by: usize) -> Finding {
        if by == 0 {
            return self;
        }
        self.start += by;
        self.end += by;
        for fix in &mut self.suggestions {
            for edit in &mut fix.edits {
                edit.0 += by;
                edit.1 += by;
            }
        }
        self
    }

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
            once_per_document: None,
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

    /// Replace the finding's span with `replacement`.
    pub fn replace(
        self,
        message: impl Into<String>,
        replacement: impl Into<String>,
        applicability: Applicability,
    ) -> Self {
        let edit = (self.start, self.end, replacement.into());
        self.fix(Fix::new(message, applicability, vec![edit]))
    }

    pub fn fix(mut self, fix: Fix) -> Self {
        self.suggestions.push(fix);
        self
    }
}

/// `text` with its first letter in upper case ("fix: …" → "Fix: …").
pub fn capitalize(text: &str) -> String {
    let mut c = text.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
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
