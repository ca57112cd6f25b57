//! `--format json`: the versioned machine-readable contract (see `docs/output.md`).
//!
//! Version 1. Fields are only ever added within a version; renaming or removing one bumps it.

use crate::diagnostic::Span;
use crate::document::LineIndex;
use crate::report::{FileReport, Report};
use serde_json::{Value, json};

pub const VERSION: u32 = 1;

pub fn render(report: &Report) -> String {
    let mut s = serde_json::to_string_pretty(&to_value(report)).expect("JSON values serialize");
    s.push('\n');
    s
}

pub fn to_value(report: &Report) -> Value {
    json!({
        "version": VERSION,
        "files": report.files.iter().map(file_value).collect::<Vec<_>>(),
        "errors": report.errors.iter().map(|e| json!({
            "path": e.path,
            "message": e.message,
            "help": e.help,
            "offset": e.offset,
        })).collect::<Vec<_>>(),
        "summary": report.summary(),
    })
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
        "phase": f.phase.map(|p| p.as_str()),
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
