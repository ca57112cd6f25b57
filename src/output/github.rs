//! `--format github`: GitHub Actions workflow commands, one per finding, so a workflow step
//! annotates the pull request's diff:
//!
//! ```text
//! ::warning file=docs/update.md,line=3,col=5,endLine=3,endColumn=29,title=non-apology::This apology …
//! ```
//!
//! Severity maps to the command: error → `::error`, warning → `::warning`, info → `::notice`.
//! `col` is the 1-based column of the first character, `endColumn` the column of the last
//! character (inclusive); columns count characters. Property values escape `%`, `\r`, `\n`,
//! `:` and `,`; the message escapes `%`, `\r` and `\n` (as GitHub's toolkit does). A stable
//! contract, documented in `docs/integrations.md`.

use super::Renderer;
use crate::diagnostic::Severity;
use crate::report::{FileError, FileReport, Report, Summary};
use std::fmt::Write as _;
use std::io::{self, Write};

/// Escapes the message part of a workflow command.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value (`file=…`, `title=…`) of a workflow command.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(report: &Report) -> String {
    super::render_with(&mut Github, report)
}

pub struct Github;

impl Renderer for Github {
    fn file(&mut self, f: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        for d in &f.diagnostics {
            let command = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let s = &d.span;
            // An empty span still marks one character.
            let end_column = if s.end_line == s.line {
                s.end_column.saturating_sub(1).max(s.column)
            } else {
                s.end_column.max(1)
            };
            let mut message = d.message.clone();
            if !d.help.is_empty() {
                let _ = write!(message, "\n\nhelp: {}", d.help);
            }
            writeln!(
                out,
                "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                escape_property(&f.path),
                s.line,
                s.column,
                s.end_line,
                end_column,
                escape_property(&d.rule),
                escape_data(&message),
            )?;
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
            let mut message = e.message.clone();
            if !e.help.is_empty() {
                let _ = write!(message, "\n\nhelp: {}", e.help);
            }
            writeln!(
                out,
                "::error file={},title=candor::{}",
                escape_property(&e.path),
                escape_data(&message)
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_the_actions_toolkit() {
        assert_eq!(
            escape_data("50% off\r\nnext: a,b"),
            "50%25 off%0D%0Anext: a,b"
        );
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }
}
