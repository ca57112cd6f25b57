//! `--format short`: `path:line:col: severity[rule]: message`, one finding a line, for editors'
//! error formats (Vim's errorformat, Emacs compilation mode). A stable contract.

use super::Renderer;
use crate::report::{FileError, FileReport, Report, Summary};
use std::io::{self, Write};

pub fn render(report: &Report) -> String {
    super::render_with(&mut Short, report)
}

pub struct Short;

impl Renderer for Short {
    fn file(&mut self, f: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        for d in &f.diagnostics {
            writeln!(
                out,
                "{}:{}:{}: {}[{}]: {}",
                f.path,
                d.span.line,
                d.span.column,
                d.severity,
                d.rule,
                d.message.replace('\n', " ")
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
            writeln!(
                out,
                "{}:{}:{}: error[io]: {}",
                e.path,
                1,
                1,
                e.message.replace('\n', " ")
            )?;
        }
        Ok(())
    }
}
