//! Human output: each finding rendered by miette's graphical handler (snippet, underline,
//! help), an optional ✓/✗ checklist of required elements with their evidence, and a summary.

use crate::diagnostic::{Diagnostic, Severity};
use crate::policy::Element;
use crate::report::{FileReport, Report};
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode};
use std::fmt::{self, Write};

pub struct HumanOptions {
    pub color: bool,
    /// Show the element checklist for every file.
    pub explain_elements: bool,
    pub width: usize,
}

/// A finding adapted to miette's `Diagnostic` trait for rendering.
struct View<'a> {
    d: &'a Diagnostic,
    src: NamedSource<String>,
}

impl fmt::Debug for View<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.d.message)
    }
}
impl fmt::Display for View<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.d.message)
    }
}
impl std::error::Error for View<'_> {}

impl miette::Diagnostic for View<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(format!("candor::{}", self.d.rule)))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.d.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }
    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        let mut h = self.d.help.clone();
        for s in &self.d.suggestions {
            if s.replacement.is_empty() {
                let _ = write!(h, "\nsuggestion: {}", s.message);
            } else {
                let _ = write!(h, "\nsuggestion: replace with \"{}\"", s.replacement);
            }
        }
        (!h.is_empty()).then(|| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.src)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let label = if self.d.document_level {
            "the whole document: this is its title".to_string()
        } else {
            self.d.rule.clone()
        };
        let len = (self.d.span.end - self.d.span.start)
            .max(usize::from(self.d.span.end < self.src.inner().len()));
        Some(Box::new(std::iter::once(LabeledSpan::new(
            Some(label),
            self.d.span.start,
            len,
        ))))
    }
}

pub fn render(report: &Report, opts: &HumanOptions) -> String {
    let theme = if opts.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(opts.width)
        .with_links(false);
    let mut out = String::new();
    for f in &report.files {
        let src = NamedSource::new(f.path.clone(), f.source.clone());
        for d in &f.diagnostics {
            let view = View {
                d,
                src: src.clone(),
            };
            let _ = handler.render_report(&mut out, &view);
            out.push('\n');
        }
        if opts.explain_elements {
            out.push_str(&checklist(f));
        }
    }
    for e in &report.errors {
        let _ = writeln!(out, "  × {}: {}\n  help: {}\n", e.path, e.message, e.help);
    }
    let s = report.summary();
    let _ = writeln!(
        out,
        "{} file{} checked: {} error{}, {} warning{}, {} info{}",
        s.files,
        plural(s.files),
        s.errors,
        plural(s.errors),
        s.warnings,
        plural(s.warnings),
        s.infos,
        plural(s.infos),
    );
    if s.unreadable > 0 {
        let _ = writeln!(
            out,
            "{} file{} could not be read",
            s.unreadable,
            plural(s.unreadable)
        );
    }
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// ✓/✗ per element, with the evidence sentence that satisfied it.
pub fn checklist(f: &FileReport) -> String {
    let mut out = String::new();
    let kind = f.kind.map_or("unknown kind".to_string(), |k| k.to_string());
    let phase = f.phase.map(|p| format!(" ({p})")).unwrap_or_default();
    let _ = writeln!(
        out,
        "{}: {kind}{phase}, kind from {}",
        f.path,
        f.kind_source.as_str()
    );
    for (e, found) in f.elements.iter() {
        let required = f.requirements.get(&e);
        let ok = f.elements.satisfies(e);
        let mark = if ok {
            "✓"
        } else if required.is_some() {
            "✗"
        } else {
            "·"
        };
        let need = match required {
            Some(Severity::Error) => "required",
            Some(Severity::Warning) => "should",
            Some(Severity::Info) => "optional",
            None => "not checked",
        };
        let quality = if e == Element::Apology {
            found
                .quality
                .map(|q| format!(" [{}]", q.as_str()))
                .unwrap_or_default()
        } else {
            String::new()
        };
        let _ = write!(out, "  {mark} {:<20} {need}{quality}", e.label());
        match (found.evidence.first(), found.deferred) {
            (Some(ev), _) => {
                let _ = writeln!(out, "  \"{}\"", excerpt(&f.source, ev.start, ev.end));
            }
            (None, Some(ev)) => {
                let _ = writeln!(
                    out,
                    "  not known yet: \"{}\"",
                    excerpt(&f.source, ev.start, ev.end)
                );
            }
            (None, None) => out.push('\n'),
        }
    }
    let mut pack = "";
    for c in &f.pack_checks {
        if c.pack != pack {
            pack = &c.pack;
            let _ = writeln!(out, "  pack {pack}:");
        }
        let mark = if c.ok { "✓" } else { "✗" };
        let _ = write!(out, "    {mark} {} ({})", c.summary, c.rule);
        match (&c.detail, c.evidence) {
            (Some(d), _) => {
                let _ = writeln!(out, ": {d}");
            }
            (None, Some(ev)) => {
                let _ = writeln!(out, "  \"{}\"", excerpt(&f.source, ev.start, ev.end));
            }
            (None, None) => out.push('\n'),
        }
    }
    out.push('\n');
    out
}

/// The evidence text on one line, shortened to 90 characters.
fn excerpt(source: &str, start: usize, end: usize) -> String {
    let text: String = source[start..end]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let short: String = text.chars().take(90).collect();
    let more = if text.chars().count() > 90 { "…" } else { "" };
    format!("{short}{more}")
}
