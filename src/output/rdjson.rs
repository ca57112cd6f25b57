//! `--format rdjson`: reviewdog's diagnostic format (the JSON form of `DiagnosticResult` in
//! reviewdog's `proto/rdf/reviewdog.proto`), for `reviewdog -f=rdjson`.
//!
//! Positions are 1-based; columns count UTF-8 bytes and range ends are exclusive, as the format
//! specifies. Severities are `ERROR`, `WARNING` and `INFO`. Each suggestion becomes a
//! `suggestions` entry (range + replacement text), which reviewdog posts as a suggested change.
//! A stable contract, documented in `docs/integrations.md`.

use super::{HOMEPAGE, RULE_DOCS_BASE, Renderer, rule_url_in, write_pretty};
use crate::diagnostic::{Severity, Span};
use crate::document::LineIndex;
use crate::report::{FileError, FileReport, Report, Summary};
use serde_json::{Value, json};
use std::io::{self, Write};

pub const SOURCE_NAME: &str = "candor";

pub fn render(report: &Report) -> String {
    super::render_with(&mut Rdjson::new(RULE_DOCS_BASE), report)
}

/// Writes the diagnostics as each file's report arrives; the `source` key comes last.
pub struct Rdjson {
    written: usize,
    /// Where rule links point (`docs_url` in candor.toml).
    docs_base: String,
}

impl Rdjson {
    pub fn new(docs_base: &str) -> Rdjson {
        Rdjson {
            written: 0,
            docs_base: docs_base.to_string(),
        }
    }

    fn diagnostic(&mut self, d: &Value, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(if self.written == 0 {
            b"{\n  \"diagnostics\": [\n    "
        } else {
            b",\n    "
        })?;
        self.written += 1;
        write_pretty(out, d, "    ")
    }
}

impl Renderer for Rdjson {
    fn file(&mut self, f: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        let lines = LineIndex::new(&f.source);
        for d in &f.diagnostics {
            let mut message = d.message.clone();
            if !d.help.is_empty() {
                message.push_str("\n\n");
                message.push_str(&d.help);
            }
            let range = |s: &Span| range(&f.source, &lines, s);
            let value = json!({
                "message": message,
                "location": {"path": f.path, "range": range(&d.span)},
                "severity": severity(d.severity),
                "source": {"name": SOURCE_NAME, "url": HOMEPAGE},
                "code": {"value": d.rule, "url": rule_url_in(&self.docs_base, &d.rule)},
                "suggestions": d.suggestions.iter().map(|s| json!({
                    "range": range(&s.span),
                    "text": s.replacement,
                })).collect::<Vec<_>>(),
                "original_output": format!("{}:{}:{}: {}[{}]: {}", f.path, d.span.line, d.span.column, d.severity, d.rule, d.message),
            });
            self.diagnostic(&value, out)?;
        }
        Ok(())
    }

    fn finish(
        &mut self,
        errors: &[FileError],
        _summary: &Summary,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        for e in errors {
            let value = json!({
                "message": format!("{}\n\n{}", e.message, e.help),
                "location": {"path": e.path},
                "severity": "ERROR",
                "source": {"name": SOURCE_NAME, "url": HOMEPAGE},
                "code": {"value": "io"},
            });
            self.diagnostic(&value, out)?;
        }
        if self.written == 0 {
            out.write_all(b"{\n  \"diagnostics\": []")?;
        } else {
            out.write_all(b"\n  ]")?;
        }
        out.write_all(b",\n  \"source\": ")?;
        write_pretty(out, &json!({"name": SOURCE_NAME, "url": HOMEPAGE}), "  ")?;
        out.write_all(b"\n}\n")
    }
}

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "ERROR",
        Severity::Warning => "WARNING",
        Severity::Info => "INFO",
    }
}

/// 1-based lines, 1-based columns in UTF-8 bytes (reviewdog's unit), end exclusive.
fn range(source: &str, lines: &LineIndex, s: &Span) -> Value {
    let column = |offset: usize| {
        let (start, _) = lines.line_with_break(source, lines.position(source, offset).0);
        offset - start + 1
    };
    json!({
        "start": {"line": s.line, "column": column(s.start)},
        "end": {"line": s.end_line, "column": column(s.end)},
    })
}
