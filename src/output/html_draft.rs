//! The draft in the HTML report as its readers will see it: Markdown rendered (headings, lists,
//! links, tables, code) from pulldown-cmark's offset iterator, plain text as paragraphs with
//! their line breaks, and on the rendered text the findings (`<mark>`) and the evidence of the
//! element checklist (`<span class="ev">`, the target of the checklist's links).
//!
//! Every text run the parser yields knows its byte range in the source, so a finding's byte
//! span is cut into the runs it overlaps: each part is its own `<mark>`, opened and closed
//! inside one run, so findings across inline markup, line breaks or each other never produce
//! broken HTML. The first part of a finding carries its id (`doc-N-m-J`) and its explanation.
//!
//! Nothing from the draft is ever markup: text is escaped, raw HTML is shown as escaped text,
//! images are not loaded (their alt text is shown), and links keep an `href` only for `http`,
//! `https` and `mailto` targets (with `rel="noopener noreferrer"`).

use super::html::{escape, escape_into};
use super::rule_url_in;
use crate::diagnostic::Diagnostic;
use crate::document::front_matter;
use crate::document::{Format, parts};
use pulldown_cmark::{Event, Parser, Tag};
use std::collections::HashSet;
use std::fmt::Write;
use std::ops::Range;

/// A stretch of the source the checklist links to (an element's evidence sentence).
pub(super) struct Target {
    pub start: usize,
    pub end: usize,
    pub id: String,
}

/// Draws findings and evidence onto text runs, remembering which were drawn.
pub(super) struct Marks<'a> {
    doc: usize,
    src: &'a str,
    diags: &'a [Diagnostic],
    docs_base: &'a str,
    /// Indices into `diags` of the findings to draw, by start.
    spans: Vec<usize>,
    /// `max_end[k]`: the largest end among `spans[..=k]` (finds the first candidate fast).
    max_end: Vec<usize>,
    targets: Vec<Target>,
    /// Findings whose first part (id and explanation) is written.
    pub shown: HashSet<usize>,
    /// Target ids written.
    pub anchored: HashSet<String>,
    /// Inside a link: no links in explanations (an `<a>` cannot hold another).
    in_link: usize,
    /// The evidence (indices into `targets`) of the `<span class="ev">` left open.
    open_ev: Option<Vec<usize>>,
}

impl<'a> Marks<'a> {
    pub fn new(
        doc: usize,
        src: &'a str,
        diags: &'a [Diagnostic],
        docs_base: &'a str,
        mut targets: Vec<Target>,
    ) -> Marks<'a> {
        let mut spans: Vec<usize> = diags
            .iter()
            .enumerate()
            .filter(|(_, d)| drawable(src, d))
            .map(|(j, _)| j)
            .collect();
        spans.sort_by_key(|&j| (diags[j].span.start, j));
        let mut max_end = Vec::with_capacity(spans.len());
        let mut m = 0;
        for &j in &spans {
            m = m.max(diags[j].span.end);
            max_end.push(m);
        }
        targets.retain(|t| {
            t.start < t.end
                && t.end <= src.len()
                && src.is_char_boundary(t.start)
                && src.is_char_boundary(t.end)
        });
        Marks {
            doc,
            src,
            diags,
            docs_base,
            spans,
            max_end,
            targets,
            shown: HashSet::new(),
            anchored: HashSet::new(),
            in_link: 0,
            open_ev: None,
        }
    }

    /// The findings overlapping `a..b`, by start.
    fn findings_over(&self, a: usize, b: usize) -> Vec<usize> {
        let first = self.max_end.partition_point(|&e| e <= a);
        self.spans[first..]
            .iter()
            .take_while(|&&j| self.diags[j].span.start < b)
            .copied()
            .filter(|&j| self.diags[j].span.end > a)
            .collect()
    }

    fn targets_over(&self, a: usize, b: usize) -> Vec<usize> {
        (0..self.targets.len())
            .filter(|&k| self.targets[k].start < b && self.targets[k].end > a)
            .collect()
    }

    /// A text run the parser read at `range` and yields as `text`. When `text` is a slice of
    /// the source at a known place, findings are cut at their exact bytes; otherwise (entities,
    /// escapes) the run is marked whole.
    fn run(&mut self, out: &mut String, range: Range<usize>, text: &str) {
        if text.is_empty() {
            return;
        }
        let at = self.src.get(range.clone()).and_then(|s| s.find(text));
        match at {
            Some(k) => self.text(out, range.start + k, text),
            None => self.segments(
                out,
                vec![(range.start, range.end.max(range.start + 1), text)],
            ),
        }
    }

    /// `text`, which is `src[start..start + text.len()]`, with its marks.
    pub fn text(&mut self, out: &mut String, start: usize, text: &str) {
        let end = start + text.len();
        let mut cuts = vec![start, end];
        for j in self.findings_over(start, end) {
            let s = &self.diags[j].span;
            cuts.extend([s.start, s.end]);
        }
        for k in self.targets_over(start, end) {
            cuts.extend([self.targets[k].start, self.targets[k].end]);
        }
        cuts.retain(|&c| c >= start && c <= end && text.is_char_boundary(c - start));
        cuts.sort_unstable();
        cuts.dedup();
        let parts = cuts
            .windows(2)
            .map(|w| (w[0], w[1], &text[w[0] - start..w[1] - start]))
            .collect();
        self.segments(out, parts);
    }

    /// Writes consecutive parts `(start, end, text)`: parts under the same evidence share one
    /// `<span class="ev">`, left open across runs (a sentence over several lines is one span)
    /// until the evidence changes or [`Marks::close`] is called before any tag; each part
    /// under findings is one `<mark>`.
    fn segments(&mut self, out: &mut String, parts: Vec<(usize, usize, &str)>) {
        for (a, b, text) in parts {
            let evs = self.targets_over(a, b);
            if self.open_ev.as_ref() != Some(&evs) {
                self.close(out);
                if !evs.is_empty() {
                    let new: Vec<String> = evs
                        .iter()
                        .map(|&t| self.targets[t].id.clone())
                        .filter(|id| !self.anchored.contains(id))
                        .collect();
                    out.push_str("<span class=\"ev\"");
                    if let Some(first) = new.first() {
                        let _ = write!(out, " id=\"{}\"", escape(first));
                    }
                    out.push('>');
                    for id in new.iter().skip(1) {
                        let _ = write!(out, "<span class=\"anchor\" id=\"{}\"></span>", escape(id));
                    }
                    self.anchored.extend(new);
                    self.open_ev = Some(evs);
                }
            }
            let over = self.findings_over(a, b);
            if over.is_empty() {
                escape_into(out, text);
            } else {
                self.mark(out, &over, text);
            }
        }
    }

    /// Closes the evidence span left open, before a tag is written.
    pub fn close(&mut self, out: &mut String) {
        if self.open_ev.take().is_some() {
            out.push_str("</span>");
        }
    }

    /// One part of the text under the findings `over` (by start).
    fn mark(&mut self, out: &mut String, over: &[usize], text: &str) {
        let i = self.doc;
        let top = over
            .iter()
            .copied()
            .max_by_key(|&j| (self.diags[j].severity, std::cmp::Reverse(j)))
            .unwrap_or(over[0]);
        let sev = self.diags[top].severity.as_str();
        let mut rules: Vec<&str> = Vec::new();
        for &j in over {
            if !rules.contains(&self.diags[j].rule.as_str()) {
                rules.push(&self.diags[j].rule);
            }
        }
        let rules = escape(&rules.join(" "));
        let new: Vec<usize> = over
            .iter()
            .copied()
            .filter(|j| !self.shown.contains(j))
            .collect();
        let Some(&first) = new.first() else {
            // A later part of findings already explained where they begin.
            let title: Vec<String> = over
                .iter()
                .map(|&j| format!("{}: {}", self.diags[j].rule, self.diags[j].message))
                .collect();
            let _ = write!(
                out,
                "<mark class=\"finding sev-{sev} cont\" data-rule=\"{rules}\" data-severity=\"{sev}\" title=\"{}\">{}</mark>",
                escape(&title.join("\n")),
                escape(text)
            );
            return;
        };
        let described: Vec<String> = new.iter().map(|j| format!("doc-{i}-t-{j}")).collect();
        let _ = write!(
            out,
            "<mark class=\"finding sev-{sev}\" id=\"doc-{i}-m-{first}\" data-rule=\"{rules}\" data-severity=\"{sev}\" tabindex=\"0\" aria-describedby=\"{}\">",
            described.join(" ")
        );
        for j in new.iter().skip(1) {
            let _ = write!(out, "<span class=\"anchor\" id=\"doc-{i}-m-{j}\"></span>");
        }
        escape_into(out, text);
        out.push_str("<span class=\"tips\" role=\"tooltip\">");
        for &j in &new {
            self.tip(out, j);
        }
        out.push_str("</span></mark>");
        self.shown.extend(new);
    }

    /// A finding's explanation: rule, severity, message, help and fix.
    fn tip(&self, out: &mut String, j: usize) {
        let i = self.doc;
        let d = &self.diags[j];
        let _ = write!(
            out,
            "<span class=\"tip\" id=\"doc-{i}-t-{j}\"><b>{rule}</b> ({sev}): {msg}",
            rule = escape(&d.rule),
            sev = d.severity.as_str(),
            msg = escape(&d.message),
        );
        if !d.help.is_empty() {
            let _ = write!(out, "<span class=\"tip-help\">{}</span>", escape(&d.help));
        }
        for s in &d.suggestions {
            let _ = write!(out, "<span class=\"tip-fix\">{}</span>", fix_text(s));
        }
        if self.in_link == 0 {
            let _ = write!(
                out,
                "<span class=\"tip-links\"><a href=\"#doc-{i}-f-{j}\">details</a> · <a href=\"{}\">rule docs</a></span>",
                escape(&rule_url_in(self.docs_base, &d.rule))
            );
        }
        out.push_str("</span>");
    }
}

/// A suggestion in words, escaped: "fix: …" (applied by `--fix`), "fix (unsafe: review it): …"
/// or "suggestion: …" (advice).
pub(super) fn fix_text(s: &crate::diagnostic::Suggestion) -> String {
    escape(&crate::diagnostic::capitalize(&s.describe()))
}

/// A finding drawn on the text: about a span (not the whole document), with a span that is a
/// valid, non-empty slice of the source.
pub(super) fn drawable(src: &str, d: &Diagnostic) -> bool {
    !d.document_level
        && d.span.start < d.span.end
        && d.span.end <= src.len()
        && src.is_char_boundary(d.span.start)
        && src.is_char_boundary(d.span.end)
}

/// Only web and mail links keep an `href`.
fn safe_href(url: &str) -> bool {
    let u = url.trim_start().to_ascii_lowercase();
    u.starts_with("http://") || u.starts_with("https://") || u.starts_with("mailto:")
}

/// A paragraph of short lines (an address, a signature, a list typed line by line) keeps its
/// line breaks; a paragraph hard-wrapped at a normal width is one flowing paragraph.
fn keeps_breaks(para: &str) -> bool {
    let lines: Vec<&str> = para.trim_end().lines().collect();
    lines.len() > 1
        && lines[..lines.len() - 1]
            .iter()
            .all(|l| l.trim().chars().count() < 60)
}

/// A paragraph laid out in columns with runs of spaces (addresses side by side): shown as
/// typed, in fixed-width type, since proportional type would scramble the columns.
fn in_columns(para: &str) -> bool {
    let lines: Vec<&str> = para.trim_end().lines().collect();
    lines.len() > 1 && lines.iter().filter(|l| l.trim().contains("   ")).count() * 2 > lines.len()
}

/// What closes an open element.
enum Close {
    Tag(&'static str),
    Paragraph,
    Link(&'static str),
    TableHead,
}

/// The draft as an `<article class="draft">`.
pub(super) fn render(out: &mut String, m: &mut Marks, src: &str, format: Format) {
    let _ = writeln!(
        out,
        "<article class=\"draft {}\">",
        match format {
            Format::Markdown => "markdown",
            Format::Text => "text",
        }
    );
    // The body starts after the front matter (and a byte-order mark); it is read in place,
    // its offsets the file's.
    let mut body_start = if src.starts_with('\u{feff}') { 3 } else { 0 };
    if let Some(b) = front_matter::locate(src) {
        let open = if m.findings_over(b.start, b.end).is_empty() {
            ""
        } else {
            " open"
        };
        let _ = write!(
            out,
            "<details class=\"front-matter\"{open}><summary>Front matter</summary><pre>"
        );
        m.text(out, b.start, &src[b.start..b.end]);
        m.close(out);
        out.push_str("</pre></details>\n");
        body_start = body_start.max(b.end);
    }
    // A large draft is drawn in the parts it was checked in: the Markdown parser holds a
    // tree of what it reads.
    for part in parts::split(src, parts::WHOLE_LIMIT, parts::PART_SIZE) {
        let part = part.start.max(body_start)..part.end.max(body_start);
        match format {
            Format::Markdown => markdown(out, m, src, part),
            Format::Text => plain(out, m, src, part),
        }
    }
    out.push_str("</article>\n");
}

/// Plain text: paragraphs between blank lines, line breaks kept (by CSS).
/// `body[part]`.
fn plain(out: &mut String, m: &mut Marks, body: &str, part: Range<usize>) {
    let mut pos = part.start;
    let mut para: Option<(usize, usize)> = None;
    for line in body[part].split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim().is_empty() {
            if let Some((s, e)) = para.take() {
                plain_paragraph(out, m, body, s, e);
            }
        } else {
            let e = start + content.len();
            para = Some(para.map_or((start, e), |(s, _)| (s, e)));
        }
    }
    if let Some((s, e)) = para {
        plain_paragraph(out, m, body, s, e);
    }
}

fn plain_paragraph(out: &mut String, m: &mut Marks, body: &str, s: usize, e: usize) {
    out.push_str(if in_columns(&body[s..e]) {
        "<p class=\"columns\">"
    } else {
        "<p>"
    });
    m.text(out, s, &body[s..e]);
    m.close(out);
    out.push_str("</p>\n");
}

/// Markdown: pulldown-cmark's events as safe HTML, every text run drawn through `Marks`.
/// `body[part]`; `body` is the whole source.
fn markdown(out: &mut String, m: &mut Marks, body: &str, part: Range<usize>) {
    let mut w = MarkdownWriter::default();
    let offset = part.start;
    for (event, range) in
        Parser::new_ext(&body[part], crate::document::markdown_options()).into_offset_iter()
    {
        let range = range.start + offset..range.end + offset;
        if !matches!(
            event,
            Event::Text(_) | Event::SoftBreak | Event::HardBreak | Event::Html(_)
        ) {
            m.close(out);
        }
        w.event(out, m, body, event, range);
    }
    m.close(out);
    w.close_unbalanced(out);
}

/// The state of the Markdown rendering between events: what closes each open element, and
/// what the open paragraph and table need to know.
#[derive(Default)]
struct MarkdownWriter {
    stack: Vec<Close>,
    /// The open paragraph keeps its line breaks (see [`keeps_breaks`]).
    keep_breaks: bool,
    /// Inside a table's head: cells are `<th>`.
    in_head: bool,
}

impl MarkdownWriter {
    /// Writes one event.
    fn event(
        &mut self,
        out: &mut String,
        m: &mut Marks,
        body: &str,
        event: Event,
        range: Range<usize>,
    ) {
        match event {
            Event::Start(tag) => {
                let close = self.start(out, m, body, tag, range);
                self.stack.push(close);
            }
            Event::End(_) => self.end(out, m),
            Event::Text(t) => m.run(out, range, &t),
            Event::Code(t) => {
                out.push_str("<code>");
                m.run(out, range, &t);
                out.push_str("</code>");
            }
            Event::InlineHtml(t) => {
                out.push_str("<code class=\"raw-html\">");
                m.run(out, range, &t);
                out.push_str("</code>");
            }
            Event::Html(t) | Event::InlineMath(t) | Event::DisplayMath(t) => m.run(out, range, &t),
            Event::FootnoteReference(label) => {
                let _ = write!(out, "<sup class=\"fnref\">[{}]</sup>", escape(&label));
            }
            Event::SoftBreak => out.push_str(if self.keep_breaks { "<br>\n" } else { "\n" }),
            Event::HardBreak => out.push_str("<br>\n"),
            Event::Rule => out.push_str("<hr>\n"),
            Event::TaskListMarker(done) => out.push_str(if done {
                "<span class=\"task\">☑</span> "
            } else {
                "<span class=\"task\">☐</span> "
            }),
        }
    }

    /// Opens an element for `tag` and says what will close it.
    fn start(
        &mut self,
        out: &mut String,
        m: &mut Marks,
        body: &str,
        tag: Tag,
        range: Range<usize>,
    ) -> Close {
        if let Some((open, close)) = fixed_markup(&tag) {
            out.push_str(open);
            return Close::Tag(close);
        }
        match tag {
            Tag::Paragraph => self.open_paragraph(out, &body[range]),
            Tag::List(Some(n)) => {
                let _ = writeln!(out, "<ol start=\"{n}\">");
                Close::Tag("</ol>\n")
            }
            Tag::FootnoteDefinition(label) => {
                let _ = write!(
                    out,
                    "<div class=\"footnote\"><sup>{}</sup> ",
                    escape(&label)
                );
                Close::Tag("</div>\n")
            }
            Tag::TableHead => {
                self.in_head = true;
                out.push_str("<thead><tr>");
                Close::TableHead
            }
            Tag::TableCell if self.in_head => {
                out.push_str("<th>");
                Close::Tag("</th>")
            }
            Tag::TableCell => {
                out.push_str("<td>");
                Close::Tag("</td>")
            }
            Tag::Link {
                dest_url, title, ..
            } => open_link(out, m, &dest_url, &title),
            Tag::Image { dest_url, .. } => {
                let _ = write!(
                    out,
                    "<span class=\"image\" data-src=\"{}\">[image: ",
                    escape(&dest_url)
                );
                Close::Tag("]</span>")
            }
            _ => Close::Tag(""),
        }
    }

    /// A paragraph: with its line breaks, or in columns, as its lines ask.
    fn open_paragraph(&mut self, out: &mut String, para: &str) -> Close {
        self.keep_breaks = keeps_breaks(para);
        out.push_str(if in_columns(para) {
            self.keep_breaks = false;
            "<p class=\"columns\">"
        } else {
            "<p>"
        });
        Close::Paragraph
    }

    /// Closes the innermost open element.
    fn end(&mut self, out: &mut String, m: &mut Marks) {
        match self.stack.pop() {
            Some(Close::Tag(s)) => out.push_str(s),
            Some(Close::Paragraph) => {
                self.keep_breaks = false;
                out.push_str("</p>\n");
            }
            Some(Close::Link(s)) => {
                m.in_link = m.in_link.saturating_sub(1);
                out.push_str(s);
            }
            Some(Close::TableHead) => {
                self.in_head = false;
                out.push_str("</tr></thead>\n<tbody>\n");
            }
            None => {}
        }
    }

    /// Unbalanced events cannot happen, but the page must stay well formed whatever the parser does.
    fn close_unbalanced(&mut self, out: &mut String) {
        while let Some(c) = self.stack.pop() {
            match c {
                Close::Tag(s) => out.push_str(s),
                Close::Paragraph => out.push_str("</p>\n"),
                Close::Link(s) => out.push_str(s),
                Close::TableHead => out.push_str("</tr></thead><tbody>"),
            }
        }
    }
}

/// The opening and closing markup of tags that need no attributes and no state.
fn fixed_markup(tag: &Tag) -> Option<(&'static str, &'static str)> {
    Some(match tag {
        Tag::Heading { level, .. } => match *level as u8 {
            1 => ("<h1>", "</h1>\n"),
            2 => ("<h2>", "</h2>\n"),
            3 => ("<h3>", "</h3>\n"),
            4 => ("<h4>", "</h4>\n"),
            5 => ("<h5>", "</h5>\n"),
            _ => ("<h6>", "</h6>\n"),
        },
        Tag::BlockQuote(_) => ("<blockquote>\n", "</blockquote>\n"),
        Tag::CodeBlock(_) => ("<pre class=\"code\"><code>", "</code></pre>\n"),
        Tag::HtmlBlock => (
            "<pre class=\"raw-html\" title=\"HTML in the draft, shown as text\">",
            "</pre>\n",
        ),
        Tag::List(Some(1)) => ("<ol>\n", "</ol>\n"),
        Tag::List(None) => ("<ul>\n", "</ul>\n"),
        Tag::Item => ("<li>", "</li>\n"),
        Tag::Table(_) => (
            "<div class=\"table-wrap\"><table>\n",
            "</tbody></table></div>\n",
        ),
        Tag::TableRow => ("<tr>", "</tr>\n"),
        Tag::Emphasis => ("<em>", "</em>"),
        Tag::Strong => ("<strong>", "</strong>"),
        Tag::Strikethrough => ("<del>", "</del>"),
        _ => return None,
    })
}

/// A link: an `href` only for safe targets (see [`safe_href`]), otherwise a span that keeps
/// the target as data. Explanations inside it carry no links of their own.
fn open_link(out: &mut String, m: &mut Marks, dest_url: &str, title: &str) -> Close {
    let title = if title.is_empty() {
        String::new()
    } else {
        format!(" title=\"{}\"", escape(title))
    };
    let safe = safe_href(dest_url);
    if safe {
        let _ = write!(
            out,
            "<a href=\"{}\" rel=\"noopener noreferrer\"{title}>",
            escape(dest_url.trim())
        );
    } else {
        let _ = write!(
            out,
            "<span class=\"link\" data-url=\"{}\"{title}>",
            escape(dest_url)
        );
    }
    m.in_link += 1;
    Close::Link(if safe { "</a>" } else { "</span>" })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Severity, Span};

    fn diag(rule: &str, src: &str, needle: &str) -> Diagnostic {
        let start = src.find(needle).expect("needle in source");
        Diagnostic {
            rule: rule.into(),
            severity: Severity::Warning,
            message: format!("{rule} message"),
            help: format!("{rule} help"),
            span: Span {
                start,
                end: start + needle.len(),
                line: 1,
                column: 1,
                end_line: 1,
                end_column: 1,
            },
            text: needle.into(),
            document_level: false,
            suggestions: vec![],
        }
    }

    fn draw(src: &str, format: Format, diags: &[Diagnostic], targets: Vec<Target>) -> String {
        let mut out = String::new();
        let mut m = Marks::new(0, src, diags, "https://docs.example/rules", targets);
        render(&mut out, &mut m, src, format);
        for (j, d) in diags.iter().enumerate() {
            if drawable(src, d) {
                assert!(m.shown.contains(&j), "finding {j} not drawn: {out}");
            }
        }
        assert_balanced(&out);
        out
    }

    /// Every element opened is closed, in order (void elements aside).
    fn assert_balanced(html: &str) {
        let mut stack: Vec<String> = Vec::new();
        let mut rest = html;
        while let Some(i) = rest.find('<') {
            rest = &rest[i + 1..];
            let end = rest.find('>').expect("tag ends");
            let tag = &rest[..end];
            rest = &rest[end + 1..];
            let name: String = tag
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            if ["br", "hr"].contains(&name.as_str()) {
                continue;
            }
            if tag.starts_with('/') {
                assert_eq!(stack.pop().as_deref(), Some(name.as_str()), "in {html}");
            } else {
                stack.push(name);
            }
        }
        assert!(stack.is_empty(), "unclosed {stack:?} in {html}");
    }

    #[test]
    fn markdown_renders_as_markup_with_marks_on_the_text() {
        let src = "# Outage on 3 May\n\nWe **apologize for any** inconvenience.\n\n- one\n- two\n\n| Time | Event |\n|---|---|\n| 10:00 | Start |\n\nSee [status](https://status.example/x).\n";
        let d = [diag(
            "non-apology",
            src,
            "apologize for any** inconvenience",
        )];
        let html = draw(src, Format::Markdown, &d, vec![]);
        assert!(html.contains("<h1>Outage on 3 May</h1>"), "{html}");
        assert!(html.contains("<ul>\n<li>one</li>"), "{html}");
        assert!(html.contains("<th>Time</th>") && html.contains("<td>10:00</td>"));
        assert!(html.contains(
            "<a href=\"https://status.example/x\" rel=\"noopener noreferrer\">status</a>"
        ));
        // Split across the bold text: the first part explains, the rest continue.
        assert!(
            html.contains("<strong><mark class=\"finding sev-warning\" id=\"doc-0-m-0\""),
            "{html}"
        );
        assert!(html.contains("apologize for any<span class=\"tips\""));
        assert!(html.contains("<span class=\"tip-help\">non-apology help</span>"));
        assert!(html.contains("</strong><mark class=\"finding sev-warning cont\""));
        assert!(!html.contains("**"));
    }

    #[test]
    fn overlapping_findings_nest_nothing_and_each_gets_its_explanation() {
        let src = "We apologize for any inconvenience this may have caused.\n";
        let d = [
            diag("a", src, "apologize for any inconvenience"),
            diag("b", src, "any inconvenience this may"),
            diag("c", src, "any inconvenience"),
        ];
        let html = draw(src, Format::Markdown, &d, vec![]);
        for j in 0..3 {
            assert_eq!(html.matches(&format!("id=\"doc-0-t-{j}\"")).count(), 1);
            assert_eq!(html.matches(&format!("id=\"doc-0-m-{j}\"")).count(), 1);
        }
        assert!(html.contains("data-rule=\"a b c\""), "{html}");
        assert!(!html.contains("<mark class=\"finding sev-warning\"><mark"));
    }

    #[test]
    fn raw_html_and_unsafe_links_stay_text() {
        let src = "Hi <script>alert(1)</script> [x](javascript:alert(2)) ![logo](https://x/y.png)\n\n<div onclick=\"z()\">block</div>\n";
        let html = draw(src, Format::Markdown, &[], vec![]);
        assert!(!html.contains("<script") && !html.contains("<div onclick"));
        assert!(html.contains("&lt;script&gt;"));
        assert!(!html.contains("href=\"javascript"));
        assert!(!html.contains("<img"));
        assert!(html.contains("[image: logo]"));
    }

    #[test]
    fn front_matter_is_collapsed_and_text_keeps_its_lines() {
        let src = "---\nkind: incident-email\n---\n\nDear customer,\n\nThanks.\n";
        let html = draw(src, Format::Markdown, &[], vec![]);
        assert!(html.contains("<details class=\"front-matter\"><summary>"));
        assert!(html.contains("<p>Dear customer,</p>"), "{html}");
        assert!(
            !html.contains("<hr>"),
            "front matter fences rendered: {html}"
        );

        let src = "ACME INC\nP.O. Box 1\n\nDear <customer>,\nhello\n";
        let d = [diag("x", src, "INC\nP.O.")];
        let html = draw(src, Format::Text, &d, vec![]);
        assert!(html.contains("<article class=\"draft text\">"));
        assert!(
            html.contains("<p>Dear &lt;customer&gt;,\nhello</p>"),
            "{html}"
        );
    }

    #[test]
    fn evidence_is_an_anchor_on_its_sentence() {
        let src = "We are sorry. We *restored* service at 10:00.\n";
        let start = src.find("We *").unwrap();
        let targets = vec![
            Target {
                start,
                end: src.len() - 1,
                id: "doc-0-ev-fix".into(),
            },
            Target {
                start,
                end: src.len() - 1,
                id: "doc-0-ev-timeline".into(),
            },
        ];
        let d = [diag("r", src, "restored")];
        let mut out = String::new();
        let mut m = Marks::new(0, src, &d, "", targets);
        render(&mut out, &mut m, src, Format::Markdown);
        assert_balanced(&out);
        assert!(m.anchored.contains("doc-0-ev-fix") && m.anchored.contains("doc-0-ev-timeline"));
        assert!(
            out.contains("<span class=\"ev\" id=\"doc-0-ev-fix\"><span class=\"anchor\" id=\"doc-0-ev-timeline\"></span>We </span>"),
            "{out}"
        );
    }
}
