//! Human output: each finding rendered by miette's graphical handler (snippet, underline,
//! help), an optional ✓/✗ checklist of required elements with their evidence, and a summary.

use super::{checklist, plural};
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::LineIndex;
use crate::kind::{Confidence, Kind};
use crate::policy::Evidence;
use crate::report::{FileError, FileReport, Report, Summary};
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};
use std::fmt::{self, Write};
use std::io;

pub struct HumanOptions {
    pub color: bool,
    /// Show the element checklist for every file.
    pub explain_elements: bool,
    pub width: usize,
}

/// A finding adapted to miette's `Diagnostic` trait for rendering.
struct View<'a> {
    d: &'a Diagnostic,
    src: Excerpt,
    /// Length of the whole file.
    file_len: usize,
}

/// The part of a file miette needs to render one finding: the finding's lines plus one line of
/// context either side, with the file's line numbers. Rendering from an excerpt keeps each
/// finding O(excerpt) instead of O(file) (miette scans its source from the start, and a copy of
/// the whole file per finding made big files quadratic). Lines longer than `MAX_EXCERPT` are
/// clipped around the finding: miette pads with `{:width$}`, which panics past 65,535 columns.
struct Excerpt {
    name: String,
    text: String,
    /// Byte offset of `text` in the file.
    base: usize,
    /// 0-based line of `text`'s first byte, and its byte column (non-zero when clipped).
    first_line: usize,
    first_col: usize,
}

const MAX_EXCERPT: usize = 4096;
const CLIP_CONTEXT: usize = 160;

impl Excerpt {
    fn new(name: &str, source: &str, lines: &LineIndex, d: &Diagnostic) -> Excerpt {
        let (start, end) = (d.span.start.min(source.len()), d.span.end.min(source.len()));
        let (span_line, end_line) = (d.span.line, d.span.end_line.max(d.span.line));
        let (span_line_start, _) = lines.line_with_break(source, span_line);
        let (_, span_line_end) = lines.line_with_break(source, end_line);
        // One line of context either side.
        let before = usize::from(span_line > 1);
        let mut from = lines.line_with_break(source, span_line - before).0;
        let mut to = if end_line < lines.line_count() {
            lines.line_with_break(source, end_line + 1).1
        } else {
            span_line_end
        };
        let mut first_line = span_line - 1 - before;
        let mut first_col = 0;
        if to - from > MAX_EXCERPT {
            // Clip to the finding's own line(s), and to a window around the finding.
            from = floor(
                source,
                start.saturating_sub(CLIP_CONTEXT).max(span_line_start),
            );
            // A span longer than the window (a whole-line title, a long sentence) is shown
            // from its start; the label is cut at the excerpt's end.
            let shown_end = end.min(start + MAX_EXCERPT / 2);
            to = ceil(
                source,
                (shown_end + CLIP_CONTEXT).min(span_line_end).max(shown_end),
            );
            first_line = span_line - 1;
            first_col = from - span_line_start;
        }
        Excerpt {
            name: name.to_string(),
            text: source[from..to].to_string(),
            base: from,
            first_line,
            first_col,
        }
    }

    /// End of the text the renderer can see, as a file offset.
    fn visible_end(&self) -> usize {
        self.base + self.text.len()
    }
}

fn floor(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let off = span
            .offset()
            .checked_sub(self.base)
            .ok_or(MietteError::OutOfBounds)?
            .min(self.text.len());
        let len = span.len().min(self.text.len() - off);
        let c = self
            .text
            .as_str()
            .read_span(&SourceSpan::from((off, len)), before, after)?;
        let column = if c.line() == 0 {
            c.column() + self.first_col
        } else {
            c.column()
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            c.data(),
            SourceSpan::from((c.span().offset() + self.base, c.span().len())),
            c.line() + self.first_line,
            column,
            c.line_count() + self.first_line,
        )))
    }
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
            let _ = write!(h, "\n{}", s.describe());
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
        let visible = self.src.visible_end();
        let len = (self.d.span.end.min(visible) - self.d.span.start.min(visible))
            .max(usize::from(self.d.span.end < self.file_len));
        Some(Box::new(std::iter::once(LabeledSpan::new(
            Some(label),
            self.d.span.start,
            len,
        ))))
    }
}

pub fn render(report: &Report, opts: &HumanOptions) -> String {
    super::render_with(&mut Human::new(opts), report)
}

/// The human renderer, one file at a time (see [`super::Renderer`]).
pub struct Human {
    handler: GraphicalReportHandler,
    explain_elements: bool,
}

impl Human {
    pub fn new(opts: &HumanOptions) -> Human {
        let theme = if opts.color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        Human {
            handler: GraphicalReportHandler::new_themed(theme)
                .with_width(opts.width)
                .with_links(false),
            explain_elements: opts.explain_elements,
        }
    }
}

impl super::Renderer for Human {
    fn file(&mut self, f: &FileReport, out: &mut dyn io::Write) -> io::Result<()> {
        let lines = LineIndex::new(&f.source);
        let mut rendered = String::new();
        // Before the findings: the policy findings all assume the inferred kind.
        if let Some(note) = inference_note(f) {
            out.write_all(note.as_bytes())?;
            out.write_all(b"\n")?;
        }
        for d in &f.diagnostics {
            let view = View {
                d,
                src: Excerpt::new(&f.path, &f.source, &lines, d),
                file_len: f.source.len(),
            };
            rendered.clear();
            let _ = self.handler.render_report(&mut rendered, &view);
            rendered.push('\n');
            out.write_all(rendered.as_bytes())?;
        }
        if self.explain_elements {
            out.write_all(checklist(f).as_bytes())?;
        }
        Ok(())
    }

    fn finish(
        &mut self,
        errors: &[FileError],
        s: &Summary,
        out: &mut dyn io::Write,
    ) -> io::Result<()> {
        for e in errors {
            writeln!(out, "  × {}: {}\n  help: {}\n", e.path, e.message, e.help)?;
        }
        writeln!(
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
        )?;
        if s.fixed > 0 {
            writeln!(
                out,
                "{} fix{} applied",
                s.fixed,
                if s.fixed == 1 { "" } else { "es" }
            )?;
        }
        match (s.fixable, s.unsafe_fixable) {
            (0, 0) => {}
            (n, 0) => writeln!(out, "{n} fixable with `candor check --fix`")?,
            (0, u) => writeln!(
                out,
                "{u} fixable with `candor check --fix --unsafe-fixes` (review the rewrites)"
            )?,
            (n, u) => writeln!(
                out,
                "{n} fixable with `candor check --fix` ({u} more with `--unsafe-fixes`: review the rewrites)"
            )?,
        }
        if s.unreadable > 0 {
            writeln!(
                out,
                "{} file{} could not be read",
                s.unreadable,
                plural(s.unreadable)
            )?;
        }
        Ok(())
    }
}

/// When the kind or phase was inferred with low confidence: says so, names the likely
/// alternative and how to declare the kind and phase.
pub fn inference_note(f: &FileReport) -> Option<String> {
    if !f.unsure_of_kind() {
        return None;
    }
    let mut out = String::new();
    let mut front_matter = Vec::new();
    let mut config = Vec::new();
    if let (Some(Confidence::Low), Some(kind)) = (f.kind_confidence, f.kind) {
        let alternative = f
            .kind_runner_up
            .map(|k| format!(" (it could also be {})", with_article(k)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  ⚠ {}: kind inferred as {kind} with low confidence{alternative}; the checks assume {kind}",
            f.path
        );
        front_matter.push(format!("`kind: {kind}`"));
        config.push(format!("`kind = \"{kind}\"`"));
    }
    if let (Some(Confidence::Low), Some(phase)) = (f.phase_confidence, f.phase) {
        let _ = writeln!(
            out,
            "  ⚠ {}: phase inferred as {phase} with low confidence; the checks assume {phase}",
            f.path
        );
        front_matter.push(format!("`phase: {phase}`"));
        config.push(format!("`phase = \"{phase}\"`"));
    }
    let _ = writeln!(
        out,
        "  help: declare it so the right policy applies: {} (or the right value) in the front matter, or {} in an [[overrides]] entry of candor.toml",
        front_matter.join(" and "),
        config.join(" and ")
    );
    Some(out)
}

fn with_article(k: Kind) -> String {
    let article = if k.as_str().starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {k}")
}

/// ✓/✗ per element, with the evidence sentence that satisfied it.
pub fn checklist(f: &FileReport) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}: {}, {}",
        f.path,
        checklist::kind_label(f),
        checklist::kind_origin(f.kind_source)
    );
    for r in checklist::rows(f) {
        let quality = r.quality.map(|q| format!(" [{q}]")).unwrap_or_default();
        let _ = write!(
            out,
            "  {} {:<20} {}{quality}",
            r.status.mark(),
            r.label,
            r.need
        );
        match (r.evidence, r.deferred) {
            (Some(ev), _) => {
                let _ = writeln!(out, "  \"{}\"", excerpt(&f.source, ev));
            }
            (None, Some(ev)) => {
                let _ = writeln!(out, "  not known yet: \"{}\"", excerpt(&f.source, ev));
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
                let _ = writeln!(out, "  \"{}\"", excerpt(&f.source, ev));
            }
            (None, None) => out.push('\n'),
        }
    }
    out.push('\n');
    out
}

/// The evidence text on one line, shortened to 90 characters.
fn excerpt(source: &str, ev: Evidence) -> String {
    checklist::evidence_excerpt(source, ev, 90)
}
