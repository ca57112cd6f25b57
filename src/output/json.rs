//! `--format json`: the versioned machine-readable contract (see `docs/output.md`).
//!
//! Version 1. Fields are only ever added within a version; renaming or removing one bumps it.
//!
//! The top-level keys come in the order `version`, `files`, `errors`, `summary`, so the output
//! is written file by file as the run goes, straight to its writer (a run over thousands of
//! drafts, or one draft with thousands of findings, never holds the whole document); keys
//! inside objects are sorted (the structs below declare their fields in that order).

use super::{Renderer, write_pretty};
use crate::diagnostic::{Diagnostic, Severity, Span, Suggestion};
use crate::document::LineIndex;
use crate::policy::{Evidence, Found};
use crate::report::{FileError, FileReport, Report, Summary};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::{self, Write};

pub const VERSION: u32 = 1;

pub fn render(report: &Report) -> String {
    super::render_with(&mut Json::default(), report)
}

/// One file's object of the `files` array, as a value.
pub fn file_value(f: &FileReport) -> serde_json::Value {
    serde_json::to_value(FileOut::new(f)).expect("JSON values serialize")
}

/// Writes the pretty-printed report one file at a time.
#[derive(Default)]
pub struct Json {
    files: usize,
}

impl Renderer for Json {
    fn file(&mut self, f: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        if self.files == 0 {
            write!(out, "{{\n  \"version\": {VERSION},\n  \"files\": [\n    ")?;
        } else {
            out.write_all(b",\n    ")?;
        }
        self.files += 1;
        write_pretty(out, &FileOut::new(f), "    ")
    }

    fn finish(
        &mut self,
        errors: &[FileError],
        summary: &Summary,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        if self.files == 0 {
            write!(out, "{{\n  \"version\": {VERSION},\n  \"files\": []")?;
        } else {
            out.write_all(b"\n  ]")?;
        }
        let errors: Vec<ErrorOut> = errors
            .iter()
            .map(|e| ErrorOut {
                help: &e.help,
                message: &e.message,
                offset: e.offset,
                path: &e.path,
            })
            .collect();
        out.write_all(b",\n  \"errors\": ")?;
        write_pretty(out, &errors, "  ")?;
        out.write_all(b",\n  \"summary\": ")?;
        // Through a `Value`, so the summary's keys are sorted like every other object's.
        write_pretty(out, &serde_json::json!(summary), "  ")?;
        out.write_all(b"\n}\n")
    }
}

#[derive(Serialize)]
struct ErrorOut<'a> {
    help: &'a str,
    message: &'a str,
    offset: Option<usize>,
    path: &'a str,
}

/// One file, borrowing from its report.
#[derive(Serialize)]
struct FileOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    custom_kind: Option<&'a str>,
    diagnostics: Vec<DiagnosticOut<'a>>,
    elements: BTreeMap<&'a str, ElementOut>,
    encoding: &'static str,
    kind: Option<&'static str>,
    kind_confidence: Option<&'static str>,
    kind_source: &'static str,
    pack_checks: Vec<PackCheckOut<'a>>,
    packs: &'a [String],
    path: &'a str,
    phase: Option<&'static str>,
    phase_confidence: Option<&'static str>,
}

#[derive(Serialize)]
struct DiagnosticOut<'a> {
    document_level: bool,
    help: &'a str,
    message: &'a str,
    rule: &'a str,
    severity: &'static str,
    span: SpanOut,
    suggestions: Vec<SuggestionOut<'a>>,
    text: &'a str,
}

#[derive(Serialize)]
struct SuggestionOut<'a> {
    applicability: &'static str,
    edits: Vec<EditOut<'a>>,
    message: &'a str,
    replacement: &'a str,
    review: bool,
    span: SpanOut,
}

#[derive(Serialize)]
struct EditOut<'a> {
    replacement: &'a str,
    span: SpanOut,
}

#[derive(Serialize)]
struct ElementOut {
    deferred: Option<EvidenceOut>,
    evidence: Vec<EvidenceOut>,
    present: bool,
    quality: Option<&'static str>,
    required: Option<&'static str>,
}

#[derive(Serialize)]
struct PackCheckOut<'a> {
    detail: Option<&'a str>,
    evidence: Option<EvidenceOut>,
    ok: bool,
    pack: &'a str,
    rule: &'a str,
    severity: &'static str,
    summary: &'a str,
}

/// A span's fields, in sorted order.
#[derive(Serialize)]
struct SpanOut {
    column: usize,
    end: usize,
    end_column: usize,
    end_line: usize,
    line: usize,
    start: usize,
}

impl From<&Span> for SpanOut {
    fn from(s: &Span) -> SpanOut {
        SpanOut {
            column: s.column,
            end: s.end,
            end_column: s.end_column,
            end_line: s.end_line,
            line: s.line,
            start: s.start,
        }
    }
}

/// A span with its text (evidence of an element or pack requirement).
#[derive(Serialize)]
struct EvidenceOut {
    #[serde(flatten)]
    span: SpanOut,
    text: String,
}

impl EvidenceOut {
    fn new(f: &FileReport, lines: &LineIndex, ev: Evidence) -> EvidenceOut {
        let s = lines.span(&f.source, ev.start, ev.end);
        EvidenceOut {
            span: SpanOut::from(&s),
            text: f.source[s.start..s.end].to_string(),
        }
    }
}

impl<'a> FileOut<'a> {
    fn new(f: &'a FileReport) -> FileOut<'a> {
        let lines = LineIndex::new(&f.source);
        let mut elements = f
            .elements
            .iter()
            .map(|(e, found)| {
                let required = f.requirements.get(&e);
                (e.key(), ElementOut::new(f, &lines, found, required))
            })
            .collect::<BTreeMap<_, _>>();
        for (name, found) in &f.elements.custom {
            let required = f.custom_requirements.get(name);
            elements.insert(name.as_str(), ElementOut::new(f, &lines, found, required));
        }
        FileOut {
            custom_kind: f.custom_kind.as_deref(),
            diagnostics: f.diagnostics.iter().map(DiagnosticOut::new).collect(),
            elements,
            encoding: f.encoding.as_str(),
            kind: f.kind.map(|k| k.as_str()),
            kind_confidence: f.kind_confidence.map(|c| c.as_str()),
            kind_source: f.kind_source.as_str(),
            pack_checks: f
                .pack_checks
                .iter()
                .map(|c| PackCheckOut {
                    detail: c.detail.as_deref(),
                    evidence: c.evidence.map(|ev| EvidenceOut::new(f, &lines, ev)),
                    ok: c.ok,
                    pack: &c.pack,
                    rule: &c.rule,
                    severity: c.severity.as_str(),
                    summary: &c.summary,
                })
                .collect(),
            packs: &f.packs,
            path: &f.path,
            phase: f.phase.map(|p| p.as_str()),
            phase_confidence: f.phase_confidence.map(|c| c.as_str()),
        }
    }
}

impl<'a> DiagnosticOut<'a> {
    fn new(d: &'a Diagnostic) -> DiagnosticOut<'a> {
        DiagnosticOut {
            document_level: d.document_level,
            help: &d.help,
            message: &d.message,
            rule: &d.rule,
            severity: d.severity.as_str(),
            span: SpanOut::from(&d.span),
            suggestions: d.suggestions.iter().map(SuggestionOut::new).collect(),
            text: &d.text,
        }
    }
}

impl ElementOut {
    /// A built-in or a team element, with the severity of its absence under the file's policy.
    fn new(
        f: &FileReport,
        lines: &LineIndex,
        found: &Found,
        required: Option<&Severity>,
    ) -> ElementOut {
        ElementOut {
            deferred: found.deferred.map(|ev| EvidenceOut::new(f, lines, ev)),
            evidence: found
                .evidence
                .iter()
                .map(|&ev| EvidenceOut::new(f, lines, ev))
                .collect(),
            present: found.present,
            quality: found.quality.map(|q| q.as_str()),
            required: required.map(|s| s.as_str()),
        }
    }
}

impl<'a> SuggestionOut<'a> {
    fn new(s: &'a Suggestion) -> SuggestionOut<'a> {
        SuggestionOut {
            applicability: s.applicability.as_str(),
            edits: s
                .edits
                .iter()
                .map(|e| EditOut {
                    replacement: &e.replacement,
                    span: SpanOut::from(&e.span),
                })
                .collect(),
            message: &s.message,
            replacement: &s.replacement,
            review: s.needs_review(),
            span: SpanOut::from(&s.span),
        }
    }
}
