//! `--format html`: one self-contained page (inline CSS, no scripts, no external assets) for
//! people: a summary across documents, then each document rendered as its readers will see it
//! (Markdown as headings, lists, links and tables in proportional type; plain text as
//! paragraphs; see `html_draft.rs`) with its findings highlighted on the rendered text
//! (`<mark class="finding" data-rule="…">`: hover, click, focus with the keyboard or link to a
//! highlight (`#doc-N-m-M`) to open its message, help and fix), the list of findings, and beside
//! it the ✓/✗ checklist of required elements, each evidence sentence linked to the place in
//! the text it came from (`#doc-N-ev-ELEMENT`). Everything taken from the input is escaped.
//!
//! The page's structure (the `data-*` attributes, ids and classes below) is what the browser
//! test asserts; the look may change freely.

use super::checklist::{self, kind_label};
use super::html_draft;
use super::{RULE_DOCS_BASE, Renderer, plural, rule_url_in};
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Format;
use crate::policy::Element;
use crate::report::{FileError, FileReport, Report, Summary};
use std::fmt::Write;
use std::io;

/// Escapes text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s);
    out
}

/// [`escape`], appended to `out` (a long run of text is not copied first).
pub fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

const STYLE: &str = r#"
:root { --err: #c62828; --warn: #b26a00; --info: #1565c0; --ok: #2e7d32; --muted: #666; --line: #e3e3e3; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", sans-serif; margin: 0 auto; max-width: 1240px; padding: 1.5rem; color: #1b1b1b; background: #f4f4f2; }
h1 { font-size: 1.6rem; margin: 0 0 1rem; }
h2 { font-size: 1.2rem; margin: 0; overflow-wrap: anywhere; }
h3 { font-size: 1rem; margin: 1.4rem 0 .5rem; }
#summary .table-wrap { overflow-x: auto; }
#summary table { border-collapse: collapse; width: 100%; background: #fff; }
#summary th, #summary td { text-align: left; padding: .35rem .6rem; border-bottom: 1px solid var(--line); }
.totals { display: flex; gap: 1rem; flex-wrap: wrap; margin: 0 0 1rem; padding: 0; list-style: none; }
.totals li { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: .4rem .8rem; }
.doc { background: #fff; border: 1px solid #ddd; border-radius: 8px; padding: 1rem 1.4rem 1.4rem; margin: 1.5rem 0; }
.meta { color: var(--muted); margin: .2rem 0 1rem; }
.layout { display: grid; grid-template-columns: minmax(0, 1fr) minmax(15rem, 22rem); gap: 2rem; align-items: start; }
.side { position: sticky; top: 0; max-height: 100vh; overflow-y: auto; padding: .2rem 0 1rem; }
.side > h3:first-child { margin-top: 0; }
@media (max-width: 900px) { .layout { grid-template-columns: minmax(0, 1fr); } .side { position: static; max-height: none; } }
.draft { font: 16.5px/1.65 Charter, "Bitstream Charter", "Sitka Text", Cambria, Georgia, "DejaVu Serif", serif; color: #1f1f1f; overflow-wrap: break-word; }
.draft > :not(.table-wrap):not(pre) { max-width: 70ch; }
.draft h1, .draft h2, .draft h3, .draft h4, .draft h5, .draft h6 { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; line-height: 1.3; margin: 1.4em 0 .5em; overflow-wrap: normal; }
.draft h1 { font-size: 1.55em; } .draft h2 { font-size: 1.3em; } .draft h3 { font-size: 1.12em; } .draft h4, .draft h5, .draft h6 { font-size: 1em; }
.draft > :first-child, .draft > details + * { margin-top: 0; }
.draft p, .draft ul, .draft ol, .draft blockquote, .draft pre, .draft .table-wrap { margin: 0 0 1em; }
.draft ul, .draft ol { padding-left: 1.6em; }
.draft li { margin: .2em 0; }
.draft li > p { margin: 0 0 .4em; }
.draft blockquote { border-left: 3px solid #ccc; margin-left: 0; padding: 0 0 0 1em; color: #444; }
.draft a { color: #0b57d0; }
.draft .link { text-decoration: underline dotted; }
.draft .image { color: var(--muted); font-style: italic; }
.draft code, .draft pre { font: .86em/1.5 ui-monospace, SFMono-Regular, Menlo, "DejaVu Sans Mono", monospace; }
.draft code { background: #f1f1ef; padding: .05em .3em; border-radius: 3px; }
.draft pre { background: #f6f6f4; border: 1px solid #e6e6e3; padding: .7em .9em; border-radius: 6px; white-space: pre-wrap; overflow-wrap: anywhere; }
.draft pre code { background: none; padding: 0; font-size: 1em; }
.draft .raw-html { color: #6b4f00; background: #fbf6e7; }
.draft .table-wrap { overflow-x: auto; }
.draft table { border-collapse: collapse; font-size: .92em; line-height: 1.45; }
.draft th, .draft td { border: 1px solid #cfcfcb; padding: .35em .6em; text-align: left; vertical-align: top; }
.draft th { background: #f1f1ee; font-family: system-ui, sans-serif; }
.draft.text p { white-space: pre-line; }
.draft p.columns { white-space: pre-wrap; font: .82em/1.5 ui-monospace, SFMono-Regular, Menlo, "DejaVu Sans Mono", monospace; overflow-x: auto; }
.draft hr { border: 0; border-top: 1px solid #ddd; margin: 1.5em 0; }
.draft .footnote { font-size: .9em; color: #444; }
details.front-matter { font: 13px/1.45 system-ui, sans-serif; color: var(--muted); margin: 0 0 1em; }
details.front-matter pre { margin: .3em 0 0; font-size: 12px; }
.ev:target, .ev:has(> .anchor:target) { background: #dff3e3; outline: 2px solid var(--ok); border-radius: 2px; }
.ev, .anchor, mark.finding { scroll-margin-top: 35vh; }
mark.finding { position: relative; color: inherit; background: #fff3c4; border-bottom: 2px solid var(--warn); cursor: help; padding: 0 1px; }
mark.finding.sev-error { background: #fde0e0; border-bottom-color: var(--err); }
mark.finding.sev-info { background: #e3effd; border-bottom-color: var(--info); }
mark.finding.cont { cursor: default; }
mark.finding:focus { outline: 2px solid #222; outline-offset: 1px; }
mark.finding .tips { display: none; position: absolute; left: 0; top: 1.6em; z-index: 10; width: min(26rem, 80vw); white-space: normal; text-align: left; font: 13px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; font-weight: normal; font-style: normal; background: #222; color: #fff; padding: .55rem .7rem; border-radius: 6px; box-shadow: 0 3px 12px rgba(0,0,0,.25); }
mark.finding:hover .tips, mark.finding:focus .tips, mark.finding:focus-within .tips, mark.finding:target .tips, mark.finding:has(> .anchor:target) .tips { display: block; }
mark.finding:target { outline: 2px solid #222; }
.tip { display: block; }
.tip + .tip { margin-top: .5rem; padding-top: .5rem; border-top: 1px solid #555; }
.tip b { color: #ffd166; }
.tip-help, .tip-fix, .tip-links { display: block; margin-top: .3rem; }
.tip-fix { color: #b9f6ca; }
.tip a { color: #9fd3ff; }
ol.findings { padding-left: 1.4rem; }
ol.findings li { margin: .45rem 0; }
a.to-text { color: inherit; }
.sev { font-size: .72rem; font-weight: 600; text-transform: uppercase; padding: 0 .35rem; border-radius: 4px; color: #fff; }
.sev.error { background: var(--err); } .sev.warning { background: var(--warn); } .sev.info { background: var(--info); }
.help { color: #444; }
.suggestion { color: #1b5e20; }
ul.checklist { list-style: none; padding: 0; margin: 0; }
ul.checklist li { padding: .35rem 0; border-bottom: 1px dashed #e6e6e6; }
ul.checklist .mark { display: inline-block; width: 1.3rem; font-weight: 700; }
ul.checklist li.ok .mark { color: var(--ok); }
ul.checklist li.missing .mark { color: var(--err); }
ul.checklist li.unchecked { color: var(--muted); }
.evidence { display: block; color: #444; margin-left: 1.3rem; font-size: .92em; }
a.evidence { text-decoration: none; }
a.evidence:hover q, a.evidence:focus q { text-decoration: underline; }
q.evidence { display: inline; margin: 0; font-style: italic; }
.side ol.findings { font-size: .92em; }
.clean { color: var(--ok); font-weight: 600; }
"#;

/// `--format html` (and `--html FILE`) as a [`Renderer`]: the page opens with a summary of
/// every document, so each document's section is rendered as its report arrives (the report,
/// and its source, need not be kept) and the page is written by `finish`.
pub struct Html {
    docs_base: String,
    rows: Vec<String>,
    sections: Vec<String>,
}

impl Html {
    pub fn new(docs_base: &str) -> Html {
        Html {
            docs_base: docs_base.to_string(),
            rows: Vec::new(),
            sections: Vec::new(),
        }
    }
}

impl Renderer for Html {
    fn file(&mut self, f: &FileReport, _: &mut dyn io::Write) -> io::Result<()> {
        let i = self.sections.len();
        self.rows.push(summary_row(i, f));
        // Room for the draft's markup up front: growing a string by doubling would hold two
        // copies of a large draft's page at once.
        let mut section = String::with_capacity(f.source.len() + f.source.len() / 4 + 4096);
        document(&mut section, i, f, &self.docs_base);
        self.sections.push(section);
        Ok(())
    }

    fn finish(
        &mut self,
        errors: &[FileError],
        summary: &Summary,
        out: &mut dyn io::Write,
    ) -> io::Result<()> {
        out.write_all(head(summary, &self.rows, errors).as_bytes())?;
        for section in self.sections.drain(..) {
            out.write_all(section.as_bytes())?;
        }
        out.write_all(FOOT.as_bytes())
    }
}

pub fn render(report: &Report) -> String {
    render_linked(report, RULE_DOCS_BASE)
}

/// The report with rule links under `docs_base` (`docs_url` in candor.toml).
pub fn render_linked(report: &Report, docs_base: &str) -> String {
    let rows: Vec<String> = report
        .files
        .iter()
        .enumerate()
        .map(|(i, f)| summary_row(i, f))
        .collect();
    let mut out = head(&report.summary(), &rows, &report.errors);
    for (i, f) in report.files.iter().enumerate() {
        document(&mut out, i, f, docs_base);
    }
    out.push_str(FOOT);
    out
}

const FOOT: &str = "</body>\n</html>\n";

/// The page up to the documents: style, totals, one summary row per document, unreadable files.
fn head(s: &Summary, rows: &[String], errors: &[FileError]) -> String {
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>candor report</title>\n<style>");
    out.push_str(STYLE);
    out.push_str("</style>\n</head>\n<body>\n<h1>candor report</h1>\n");

    // Summary across documents.
    let _ = writeln!(
        out,
        "<section id=\"summary\" data-files=\"{}\" data-errors=\"{}\" data-warnings=\"{}\" data-infos=\"{}\">\n<ul class=\"totals\"><li>{} document{}</li><li>{} error{}</li><li>{} warning{}</li><li>{} info{}</li><li>{} unreadable</li></ul>",
        s.files,
        s.errors,
        s.warnings,
        s.infos,
        s.files,
        plural(s.files),
        s.errors,
        plural(s.errors),
        s.warnings,
        plural(s.warnings),
        s.infos,
        plural(s.infos),
        s.unreadable
    );
    out.push_str("<div class=\"table-wrap\"><table>\n<thead><tr><th>Document</th><th>Kind</th><th>Errors</th><th>Warnings</th><th>Infos</th><th>Required elements</th></tr></thead>\n<tbody>\n");
    for row in rows {
        out.push_str(row);
    }
    out.push_str("</tbody>\n</table></div>\n");
    if !errors.is_empty() {
        out.push_str("<h2>Files that could not be read</h2>\n<ul class=\"unreadable\">\n");
        for e in errors {
            let _ = writeln!(
                out,
                "<li><b>{}</b>: {} <span class=\"help\">{}</span></li>",
                escape(&e.path),
                escape(&e.message),
                escape(&e.help)
            );
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
    out
}

/// A document's row in the summary table.
fn summary_row(i: usize, f: &FileReport) -> String {
    let (met, required) = requirement_counts(f);
    format!(
        "<tr data-doc=\"doc-{i}\"><td><a href=\"#doc-{i}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{met}/{required}</td></tr>\n",
        escape(&f.path),
        escape(&kind_label(f)),
        f.count(Severity::Error),
        f.count(Severity::Warning),
        f.count(Severity::Info),
    )
}

/// (satisfied, total) over the elements the policy checks at error or warning level.
fn requirement_counts(f: &FileReport) -> (usize, usize) {
    let required: Vec<Element> = f
        .requirements
        .iter()
        .filter(|(_, s)| **s >= Severity::Warning)
        .map(|(e, _)| *e)
        .collect();
    let custom: Vec<&String> = f
        .custom_requirements
        .iter()
        .filter(|(_, s)| **s >= Severity::Warning)
        .map(|(n, _)| n)
        .collect();
    (
        required
            .iter()
            .filter(|e| f.elements.satisfies(**e))
            .count()
            + custom
                .iter()
                .filter(|n| f.elements.custom(n).is_some_and(|x| x.present))
                .count(),
        required.len() + custom.len(),
    )
}

fn document(out: &mut String, i: usize, f: &FileReport, docs_base: &str) {
    let _ = writeln!(
        out,
        "<section class=\"doc\" id=\"doc-{i}\" data-path=\"{}\" data-findings=\"{}\">",
        escape(&f.path),
        f.diagnostics.len()
    );
    let _ = writeln!(out, "<h2>{}</h2>", escape(&f.path));
    let _ = writeln!(
        out,
        "<p class=\"meta\">{} · {} · {} error{}, {} warning{}, {} info{}</p>",
        escape(&kind_label(f)),
        checklist::kind_origin(f.kind_source),
        f.count(Severity::Error),
        plural(f.count(Severity::Error)),
        f.count(Severity::Warning),
        plural(f.count(Severity::Warning)),
        f.count(Severity::Info),
        plural(f.count(Severity::Info)),
    );
    let rows = checklist::rows(f);
    let mut targets = Vec::new();
    for r in &rows {
        for (ev, prefix) in [(r.evidence, "ev"), (r.deferred, "def")] {
            if let Some(ev) = ev {
                targets.push(html_draft::Target {
                    start: ev.start,
                    end: ev.end,
                    id: format!("doc-{i}-{prefix}-{}", r.key),
                });
            }
        }
    }
    let mut marks = html_draft::Marks::new(i, &f.source, &f.diagnostics, docs_base, targets);
    out.push_str("<div class=\"layout\">\n<div class=\"main\">\n");
    html_draft::render(out, &mut marks, &f.source, Format::from_path(&f.path));
    findings_list(out, i, f, docs_base, &marks);
    out.push_str("</div>\n<aside class=\"side\">\n<h3>Required elements</h3>\n");
    element_checklist(out, i, f, &rows, &marks);
    document_findings(out, i, f, docs_base);
    out.push_str("</aside>\n</div>\n</section>\n");
}

/// The findings about passages of the text, each linked to its highlight.
fn findings_list(
    out: &mut String,
    i: usize,
    f: &FileReport,
    docs_base: &str,
    marks: &html_draft::Marks,
) {
    if f.diagnostics.is_empty() {
        out.push_str("<p class=\"clean\">No findings.</p>\n");
        return;
    }
    if f.diagnostics.iter().all(|d| d.document_level) {
        return;
    }
    out.push_str("<h3>Findings in the text</h3>\n<ol class=\"findings\">\n");
    for (j, d) in f.diagnostics.iter().enumerate() {
        if !d.document_level {
            finding_item(out, i, j, d, docs_base, marks.shown.contains(&j));
        }
    }
    out.push_str("</ol>\n");
}

/// The findings about the whole document (missing elements), beside the checklist.
fn document_findings(out: &mut String, i: usize, f: &FileReport, docs_base: &str) {
    if !f.diagnostics.iter().any(|d| d.document_level) {
        return;
    }
    out.push_str("<h3>About the whole document</h3>\n<ol class=\"findings whole\">\n");
    for (j, d) in f.diagnostics.iter().enumerate() {
        if d.document_level {
            finding_item(out, i, j, d, docs_base, false);
        }
    }
    out.push_str("</ol>\n");
}

fn finding_item(
    out: &mut String,
    i: usize,
    j: usize,
    d: &Diagnostic,
    docs_base: &str,
    highlighted: bool,
) {
    let _ = write!(
        out,
        "<li id=\"doc-{i}-f-{j}\" data-rule=\"{rule}\"><span class=\"sev {sev}\">{sev}</span> <a href=\"{url}\"><code>{rule}</code></a> line {line}: {msg}",
        sev = d.severity.as_str(),
        rule = escape(&d.rule),
        url = escape(&rule_url_in(docs_base, &d.rule)),
        line = d.span.line,
        msg = escape(&d.message),
    );
    if !d.document_level && !d.text.is_empty() {
        if highlighted {
            let _ = write!(
                out,
                " <a class=\"to-text\" href=\"#doc-{i}-m-{j}\"><q>{}</q></a>",
                escape(&d.text)
            );
        } else {
            let _ = write!(out, " <q>{}</q>", escape(&d.text));
        }
    }
    if !d.help.is_empty() {
        let _ = write!(out, "<br><span class=\"help\">{}</span>", escape(&d.help));
    }
    for s in &d.suggestions {
        let _ = write!(
            out,
            "<br><span class=\"suggestion\">{}</span>",
            html_draft::fix_text(s)
        );
    }
    out.push_str("</li>\n");
}

fn element_checklist(
    out: &mut String,
    i: usize,
    f: &FileReport,
    rows: &[checklist::Row],
    marks: &html_draft::Marks,
) {
    out.push_str("<ul class=\"checklist\">\n");
    for r in rows {
        let class = r.status.class();
        let quality = r.quality.map(|q| format!(" [{q}]")).unwrap_or_default();
        let _ = write!(
            out,
            "<li class=\"element {class}\" data-element=\"{key}\" data-status=\"{class}\"><span class=\"mark\">{mark}</span>{label} <small>{need}{quality}</small>",
            key = escape(&r.key),
            mark = r.status.mark(),
            label = escape(&r.label),
            need = r.need,
        );
        let shown = [
            (r.evidence, "ev", ""),
            (r.deferred, "def", "not known yet: "),
        ];
        for (ev, prefix, lead) in shown {
            let Some(ev) = ev else { continue };
            if prefix == "def" && r.evidence.is_some() {
                continue;
            }
            let text = escape(&checklist::evidence_text(&f.source, ev));
            let id = format!("doc-{i}-{prefix}-{}", r.key);
            if marks.anchored.contains(&id) {
                let _ = write!(
                    out,
                    "<a class=\"evidence\" href=\"#{id}\">{lead}<q class=\"evidence\">{text}</q></a>"
                );
            } else {
                let _ = write!(
                    out,
                    "<span class=\"evidence\">{lead}<q class=\"evidence\">{text}</q></span>"
                );
            }
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape("<b>\"Tom & 'Jerry'\"</b>"),
            "&lt;b&gt;&quot;Tom &amp; &#39;Jerry&#39;&quot;&lt;/b&gt;"
        );
    }

    #[test]
    fn finding_text_is_escaped_inside_marks() {
        let report = Report {
            files: vec![crate::check(
                "Dear {{<script>}},\n\nWe apologize for any inconvenience.\n",
                &crate::Options::new("a.md"),
            )],
            errors: vec![],
        };
        let html = render(&report);
        assert!(!html.contains("<script>"));
        assert!(html.contains("&lt;script&gt;"));
        assert!(html.contains("data-rule=\"non-apology\""));
    }
}
