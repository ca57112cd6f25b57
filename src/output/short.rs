//! `--format short`: `path:line:col: severity[rule]: message`, one finding a line, for editors'
//! error formats (Vim's errorformat, Emacs compilation mode). A stable contract.

use crate::report::Report;
use std::fmt::Write;

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for f in &report.files {
        for d in &f.diagnostics {
            let _ = writeln!(
                out,
                "{}:{}:{}: {}[{}]: {}",
                f.path,
                d.span.line,
                d.span.column,
                d.severity,
                d.rule,
                d.message.replace('\n', " ")
            );
        }
    }
    for e in &report.errors {
        let _ = writeln!(out, "{}:{}:{}: error[io]: {}", e.path, 1, 1, e.message.replace('\n', " "));
    }
    out
}
