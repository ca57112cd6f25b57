//! `--format html`: one self-contained page (inline CSS, no scripts, no external assets) for
//! people: a summary across documents, then each document with its findings highlighted in
//! place (`<mark class="finding" data-rule="…">`; hover, click or link to a highlight
//! (`#doc-N-m-M`) for the explanation), the list of findings, and the ✓/✗ checklist of required elements with the
//! evidence sentence. Everything taken from the input is HTML-escaped.
//!
//! The page's structure (the `data-*` attributes and classes below) is what the browser test
//! asserts; the look may change freely.

use super::checklist::{self, kind_label};
use super::{RULE_DOCS_BASE, plural, rule_url_in};
use crate::diagnostic::{Diagnostic, Severity};
use crate::policy::Element;
use crate::report::{FileReport, Report};
use std::fmt::Write;

/// Escapes text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
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
    out
}

const STYLE: &str = r#"
:root { --err: #c62828; --warn: #b26a00; --info: #1565c0; --ok: #2e7d32; --muted: #666; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto; max-width: 1100px; padding: 1.5rem; color: #1b1b1b; background: #fafafa; }
h1 { font-size: 1.6rem; margin: 0 0 1rem; }
h2 { font-size: 1.2rem; margin: 0; word-break: break-all; }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { text-align: left; padding: .35rem .6rem; border-bottom: 1px solid #e3e3e3; }
.totals { display: flex; gap: 1rem; flex-wrap: wrap; margin: 0 0 1rem; padding: 0; list-style: none; }
.totals li { background: #fff; border: 1px solid #e3e3e3; border-radius: 6px; padding: .4rem .8rem; }
.doc { background: #fff; border: 1px solid #ddd; border-radius: 8px; padding: 1rem 1.2rem; margin: 1.5rem 0; }
.meta { color: var(--muted); margin: .2rem 0 .8rem; }
.layout { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 1.2rem; }
@media (max-width: 800px) { .layout { grid-template-columns: 1fr; } }
pre.source { white-space: pre-wrap; word-wrap: break-word; font: 14px/1.6 ui-monospace, SFMono-Regular, Menlo, monospace; background: #f6f8fa; padding: .8rem; border-radius: 6px; margin: 0; }
mark.finding { position: relative; background: #fff3c4; border-bottom: 2px solid var(--warn); cursor: help; padding: 0 1px; }
mark.finding.sev-error { background: #fde0e0; border-bottom-color: var(--err); }
mark.finding.sev-info { background: #e3effd; border-bottom-color: var(--info); }
mark.finding .tip { display: none; position: absolute; left: 0; top: 1.7em; z-index: 10; width: min(28rem, 80vw); white-space: normal; font: 13px/1.45 system-ui, sans-serif; background: #222; color: #fff; padding: .55rem .7rem; border-radius: 6px; box-shadow: 0 3px 12px rgba(0,0,0,.25); }
mark.finding:hover .tip, mark.finding:focus .tip, mark.finding:focus-within .tip, mark.finding:target .tip { display: block; }
mark.finding:target { outline: 2px solid #222; }
.tip b { color: #ffd166; }
.tip a { color: #9fd3ff; }
ol.findings { padding-left: 1.4rem; }
ol.findings li { margin: .35rem 0; }
.sev { font-size: .75rem; font-weight: 600; text-transform: uppercase; padding: 0 .35rem; border-radius: 4px; color: #fff; }
.sev.error { background: var(--err); } .sev.warning { background: var(--warn); } .sev.info { background: var(--info); }
.help { color: #444; }
ul.checklist { list-style: none; padding: 0; margin: 0; }
ul.checklist li { padding: .3rem 0; border-bottom: 1px dashed #e6e6e6; }
ul.checklist .mark { display: inline-block; width: 1.3rem; font-weight: 700; }
ul.checklist li.ok .mark { color: var(--ok); }
ul.checklist li.missing .mark { color: var(--err); }
ul.checklist li.unchecked { color: var(--muted); }
.evidence { display: block; color: #444; font-style: italic; margin-left: 1.3rem; }
.clean { color: var(--ok); font-weight: 600; }
"#;

pub fn render(report: &Report) -> String {
    render_linked(report, RULE_DOCS_BASE)
}

/// The report with rule links under `docs_base` (`docs_url` in candor.toml).
pub fn render_linked(report: &Report, docs_base: &str) -> String {
    let s = report.summary();
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
    out.push_str("<table>\n<thead><tr><th>Document</th><th>Kind</th><th>Errors</th><th>Warnings</th><th>Infos</th><th>Required elements</th></tr></thead>\n<tbody>\n");
    for (i, f) in report.files.iter().enumerate() {
        let (met, required) = requirement_counts(f);
        let _ = writeln!(
            out,
            "<tr data-doc=\"doc-{i}\"><td><a href=\"#doc-{i}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{met}/{required}</td></tr>",
            escape(&f.path),
            escape(&kind_label(f)),
            f.count(Severity::Error),
            f.count(Severity::Warning),
            f.count(Severity::Info),
        );
    }
    out.push_str("</tbody>\n</table>\n");
    if !report.errors.is_empty() {
        out.push_str("<h2>Files that could not be read</h2>\n<ul class=\"unreadable\">\n");
        for e in &report.errors {
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

    for (i, f) in report.files.iter().enumerate() {
        document(&mut out, i, f, docs_base);
    }
    out.push_str("</body>\n</html>\n");
    out
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
    out.push_str("<div class=\"layout\">\n<div>\n");
    source_with_marks(out, i, f);
    findings_list(out, i, f, docs_base);
    out.push_str("</div>\n<div>\n<h3>Required elements</h3>\n");
    element_checklist(out, f);
    out.push_str("</div>\n</div>\n</section>\n");
}

/// The document text with each finding wrapped in a `<mark>`. Overlapping findings: the first
/// (by position) is highlighted, the others are listed below the text.
fn source_with_marks(out: &mut String, i: usize, f: &FileReport) {
    out.push_str("<pre class=\"source\">");
    let src = &f.source;
    let mut pos = 0;
    for (j, d) in f.diagnostics.iter().enumerate() {
        let (start, end) = (d.span.start.min(src.len()), d.span.end.min(src.len()));
        if d.document_level
            || start >= end
            || start < pos
            || !src.is_char_boundary(start)
            || !src.is_char_boundary(end)
        {
            continue;
        }
        out.push_str(&escape(&src[pos..start]));
        let _ = write!(
            out,
            "<mark class=\"finding sev-{sev}\" id=\"doc-{i}-m-{j}\" data-rule=\"{rule}\" data-severity=\"{sev}\" tabindex=\"0\" aria-describedby=\"doc-{i}-t-{j}\">{text}<span class=\"tip\" role=\"tooltip\" id=\"doc-{i}-t-{j}\"><b>{rule}</b> ({sev}): {msg}{help} <a href=\"#doc-{i}-f-{j}\">details</a></span></mark>",
            sev = d.severity.as_str(),
            rule = escape(&d.rule),
            text = escape(&src[start..end]),
            msg = escape(&d.message),
            help = if d.help.is_empty() {
                String::new()
            } else {
                format!("<br>{}", escape(&d.help))
            },
        );
        pos = end;
    }
    out.push_str(&escape(&src[pos..]));
    out.push_str("</pre>\n");
}

fn findings_list(out: &mut String, i: usize, f: &FileReport, docs_base: &str) {
    if f.diagnostics.is_empty() {
        out.push_str("<p class=\"clean\">No findings.</p>\n");
        return;
    }
    out.push_str("<h3>Findings</h3>\n<ol class=\"findings\">\n");
    for (j, d) in f.diagnostics.iter().enumerate() {
        finding_item(out, i, j, d, docs_base);
    }
    out.push_str("</ol>\n");
}

fn finding_item(out: &mut String, i: usize, j: usize, d: &Diagnostic, docs_base: &str) {
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
        let _ = write!(out, " <q>{}</q>", escape(&d.text));
    }
    if !d.help.is_empty() {
        let _ = write!(out, "<br><span class=\"help\">{}</span>", escape(&d.help));
    }
    for s in &d.suggestions {
        if s.replacement.is_empty() {
            let _ = write!(
                out,
                "<br><span class=\"suggestion\">suggestion: {}</span>",
                escape(&s.message)
            );
        } else {
            let _ = write!(
                out,
                "<br><span class=\"suggestion\">suggestion: replace with “{}”</span>",
                escape(&s.replacement)
            );
        }
    }
    out.push_str("</li>\n");
}

fn element_checklist(out: &mut String, f: &FileReport) {
    out.push_str("<ul class=\"checklist\">\n");
    for r in checklist::rows(f) {
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
        if let Some(ev) = r.evidence {
            let text = checklist::evidence_text(&f.source, ev);
            let _ = write!(out, "<q class=\"evidence\">{}</q>", escape(&text));
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
