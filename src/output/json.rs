//! `--format json`: the versioned machine-readable contract (see `docs/output.md`).
//!
//! Version 1. Fields are only ever added within a version; renaming or removing one bumps it.
//!
//! The top-level keys come in the order `version`, `files`, `errors`, `summary`, so the output
//! can be written file by file as the run goes (a run over thousands of drafts never holds
//! the whole document); keys inside objects are sorted.

use super::Renderer;
use crate::diagnostic::Span;
use crate::document::LineIndex;
use crate::report::{FileError, FileReport, Report, Summary};
use serde_json::{Value, json};

pub const VERSION: u32 = 1;

pub fn render(report: &Report) -> String {
    super::render_with(&mut Json::default(), report)
}

/// Writes the pretty-printed report one file at a time.
#[derive(Default)]
pub struct Json {
    files: usize,
}

/// `value` pretty-printed and indented by `indent` spaces after each line break (JSON strings
/// never contain a raw line break, so this cannot touch string contents).
fn pretty(value: &impl serde::Serialize, indent: &str) -> String {
    let s = serde_json::to_string_pretty(value).expect("JSON values serialize");
    s.replace('\n', &format!("\n{indent}"))
}

impl Renderer for Json {
    fn file(&mut self, f: &FileReport, out: &mut String) {
        out.push_str(if self.files == 0 {
            "{\n  \"version\": "
        } else {
            ",\n    "
        });
        if self.files == 0 {
            out.push_str(&format!("{VERSION},\n  \"files\": [\n    "));
        }
        self.files += 1;
        out.push_str(&pretty(&file_value(f), "    "));
    }

    fn finish(&mut self, errors: &[FileError], summary: &Summary, out: &mut String) {
        if self.files == 0 {
            out.push_str(&format!("{{\n  \"version\": {VERSION},\n  \"files\": []"));
        } else {
            out.push_str("\n  ]");
        }
        let errors: Vec<Value> = errors
            .iter()
            .map(|e| {
                json!({
                    "path": e.path,
                    "message": e.message,
                    "help": e.help,
                    "offset": e.offset,
                })
            })
            .collect();
        out.push_str(",\n  \"errors\": ");
        out.push_str(&pretty(&errors, "  "));
        out.push_str(",\n  \"summary\": ");
        // Through a `Value`, so the summary's keys are sorted like every other object's.
        out.push_str(&pretty(&json!(summary), "  "));
        out.push_str("\n}\n");
    }
}

pub fn file_value(f: &FileReport) -> Value {
    let lines = LineIndex::new(&f.source);
    let mut elements = serde_json::Map::new();
    for (e, found) in f.elements.iter() {
        elements.insert(
            e.key().to_string(),
            json!({
                "present": found.present,
                "quality": found.quality.map(|q| q.as_str()),
                "required": f.requirements.get(&e).map(|s| s.as_str()),
                "deferred": found.deferred.map(|ev| {
                    let span = lines.span(&f.source, ev.start, ev.end);
                    let mut v = span_value(&span);
                    v["text"] = Value::String(f.source[span.start..span.end].to_string());
                    v
                }),
                "evidence": found.evidence.iter().map(|ev| {
                    let span = lines.span(&f.source, ev.start, ev.end);
                    let mut v = span_value(&span);
                    v["text"] = Value::String(f.source[span.start..span.end].to_string());
                    v
                }).collect::<Vec<_>>(),
            }),
        );
    }
    json!({
        "path": f.path,
        "kind": f.kind.map(|k| k.as_str()),
        "kind_source": f.kind_source.as_str(),
        "kind_confidence": f.kind_confidence.map(|c| c.as_str()),
        "phase": f.phase.map(|p| p.as_str()),
        "phase_confidence": f.phase_confidence.map(|c| c.as_str()),
        "packs": f.packs,
        "elements": elements,
        "pack_checks": f.pack_checks.iter().map(|c| json!({
            "pack": c.pack,
            "rule": c.rule,
            "summary": c.summary,
            "severity": c.severity.as_str(),
            "ok": c.ok,
            "detail": c.detail,
            "evidence": c.evidence.map(|ev| {
                let span = lines.span(&f.source, ev.start, ev.end);
                let mut v = span_value(&span);
                v["text"] = Value::String(f.source[span.start..span.end].to_string());
                v
            }),
        })).collect::<Vec<_>>(),
        "diagnostics": f.diagnostics.iter().map(|d| json!({
            "rule": d.rule,
            "severity": d.severity.as_str(),
            "message": d.message,
            "help": d.help,
            "span": span_value(&d.span),
            "text": d.text,
            "document_level": d.document_level,
            "suggestions": d.suggestions.iter().map(|s| json!({
                "message": s.message,
                "replacement": s.replacement,
                "span": span_value(&s.span),
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}

pub fn span_value(s: &Span) -> Value {
    json!({
        "start": s.start,
        "end": s.end,
        "line": s.line,
        "column": s.column,
        "end_line": s.end_line,
        "end_column": s.end_column,
    })
}
