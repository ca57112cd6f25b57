//! `--format rdjson`: reviewdog's diagnostic format (the JSON form of `DiagnosticResult` in
//! reviewdog's `proto/rdf/reviewdog.proto`), for `reviewdog -f=rdjson`.
//!
//! Positions are 1-based; columns count UTF-8 bytes and range ends are exclusive, as the format
//! specifies. Severities are `ERROR`, `WARNING` and `INFO`. Each suggestion becomes a
//! `suggestions` entry (range + replacement text), which reviewdog posts as a suggested change.
//! A stable contract, documented in `docs/integrations.md`.

use super::{HOMEPAGE, byte_column, rule_url};
use crate::diagnostic::{Severity, Span};
use crate::report::Report;
use serde_json::{Value, json};

pub const SOURCE_NAME: &str = "candor";

pub fn render(report: &Report) -> String {
    let mut s = serde_json::to_string_pretty(&to_value(report)).expect("JSON values serialize");
    s.push('\n');
    s
}

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "ERROR",
        Severity::Warning => "WARNING",
        Severity::Info => "INFO",
    }
}

fn range(source: &str, s: &Span) -> Value {
    json!({
        "start": {"line": s.line, "column": byte_column(source, s.start)},
        "end": {"line": s.end_line, "column": byte_column(source, s.end)},
    })
}

pub fn to_value(report: &Report) -> Value {
    let mut diagnostics = Vec::new();
    for f in &report.files {
        for d in &f.diagnostics {
            let mut message = d.message.clone();
            if !d.help.is_empty() {
                message.push_str("\n\n");
                message.push_str(&d.help);
            }
            diagnostics.push(json!({
                "message": message,
                "location": {"path": f.path, "range": range(&f.source, &d.span)},
                "severity": severity(d.severity),
                "source": {"name": SOURCE_NAME, "url": HOMEPAGE},
                "code": {"value": d.rule, "url": rule_url(&d.rule)},
                "suggestions": d.suggestions.iter().map(|s| json!({
                    "range": range(&f.source, &s.span),
                    "text": s.replacement,
                })).collect::<Vec<_>>(),
                "original_output": format!("{}:{}:{}: {}[{}]: {}", f.path, d.span.line, d.span.column, d.severity, d.rule, d.message.replace('\n', " ")),
            }));
        }
    }
    for e in &report.errors {
        diagnostics.push(json!({
            "message": format!("{}\n\n{}", e.message, e.help),
            "location": {"path": e.path},
            "severity": "ERROR",
            "source": {"name": SOURCE_NAME, "url": HOMEPAGE},
            "code": {"value": "io"},
        }));
    }
    json!({
        "source": {"name": SOURCE_NAME, "url": HOMEPAGE},
        "diagnostics": diagnostics,
    })
}
