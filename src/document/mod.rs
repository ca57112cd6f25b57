//! The document model every rule reads: blocks with roles, sentences, quoted regions and two
//! masked views of the source that keep every byte offset of the original file.
//!
//! * `prose`: the source with everything that is not the writer's own prose (code, HTML, block
//!   quotes, link targets, front matter, quoted e-mail threads) replaced by spaces. Newlines are
//!   kept, so line numbers and byte offsets are the file's own.
//! * `raw`: the source with only code, front matter and HTML comments blanked. Rules that look
//!   for template syntax (which Markdown would read as HTML) use it.

pub mod front_matter;
pub mod lines;
mod markdown;
pub mod parts;
mod quotes;
pub mod sections;
pub mod sentences;
mod text;
pub mod thread;

pub use front_matter::{FrontMatter, FrontMatterBlock, FrontMatterError};
pub use lines::LineIndex;
pub(crate) use markdown::markdown_options;
pub use quotes::Quotation;

use std::ops::Range;

/// Markdown or plain text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Markdown,
    Text,
}

impl Format {
    /// Chooses by file extension; anything not known as plain text is read as Markdown.
    pub fn from_path(path: &str) -> Format {
        let lower = path.to_ascii_lowercase();
        if lower.ends_with(".txt") || lower.ends_with(".text") || lower.ends_with(".eml") {
            Format::Text
        } else {
            Format::Markdown
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum BlockRole {
    Heading,
    Paragraph,
    ListItem,
    BlockQuote,
    Code,
    TableCell,
    Html,
}

#[derive(Debug, Clone)]
pub struct Block {
    pub role: BlockRole,
    pub start: usize,
    pub end: usize,
    /// Heading level (1–6) for headings.
    pub level: u8,
    /// Inside a block quote or a quoted e-mail thread: someone else's words.
    pub quoted: bool,
}

#[derive(Debug, Clone)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    /// Index into `Document::blocks`.
    pub block: usize,
    /// A Markdown heading, or a short unpunctuated line that acts as one ("What happened").
    pub heading_like: bool,
}

/// An HTML comment (`<!-- … -->`) outside code: where suppression directives live.
#[derive(Debug, Clone)]
pub struct Comment {
    pub start: usize,
    pub end: usize,
    pub body: String,
}

#[derive(Debug)]
pub struct Document {
    pub source: String,
    pub format: Format,
    pub lines: LineIndex,
    pub front_matter_block: Option<FrontMatterBlock>,
    pub front_matter: Option<FrontMatter>,
    pub front_matter_error: Option<FrontMatterError>,
    pub blocks: Vec<Block>,
    pub sentences: Vec<Sentence>,
    pub prose: String,
    pub raw: String,
    /// Sorted by start.
    pub quotations: Vec<Quotation>,
    pub comments: Vec<Comment>,
    /// `quote_max_end[i]`: the largest `end` among `quotations[..=i]` (for fast containment).
    quote_max_end: Vec<usize>,
    /// Where a quoted e-mail thread begins: the rest of the file is someone else's text.
    pub reply_thread: Option<usize>,
}

impl Document {
    pub fn parse(source: &str, format: Format) -> Document {
        Document::parse_with(source, format, true)
    }

    /// Parses a part of a larger document other than its first (see [`parts`]): front matter
    /// and a byte-order mark can only open a file.
    pub fn parse_part(source: &str, format: Format) -> Document {
        Document::parse_with(source, format, false)
    }

    fn parse_with(source: &str, format: Format, opens_file: bool) -> Document {
        let source = source.to_string();
        let lines = LineIndex::new(&source);
        let fm_block = if opens_file {
            front_matter::locate(&source)
        } else {
            None
        };
        let (front_matter, front_matter_error) = match &fm_block {
            Some(b) => match front_matter::parse(&source, b) {
                Ok(fm) => (Some(fm), None),
                Err(e) => (None, Some(e)),
            },
            None => (None, None),
        };
        // Blank the front matter (keeping newlines) so the body parses with original offsets.
        let mut body = source.clone();
        if let Some(b) = &fm_block {
            blank(&mut body, b.start..b.end);
        }
        if opens_file && source.starts_with('\u{feff}') {
            blank(&mut body, 0..3);
        }
        let parsed = match format {
            Format::Markdown => markdown::parse(&body),
            Format::Text => text::parse(&body),
        };
        let mut prose = parsed.prose;
        let mut raw = parsed.raw;
        let mut blocks = parsed.blocks;
        // A quoted e-mail thread ("On Mon, 3 May, Ana wrote:") is someone else's text to the end.
        let reply_thread = quotes::reply_thread_start(&prose);
        if let Some(at) = reply_thread {
            blank(&mut prose, at..source.len());
            blank(&mut raw, at..source.len());
            for b in blocks.iter_mut().filter(|b| b.start >= at) {
                b.quoted = true;
            }
        }
        let mut sentences = Vec::new();
        for (bi, b) in blocks.iter().enumerate() {
            if b.quoted
                || matches!(
                    b.role,
                    BlockRole::Code | BlockRole::Html | BlockRole::BlockQuote
                )
            {
                continue;
            }
            for (s, e, heading_like) in sentences::split(&prose[b.start..b.end]) {
                // A table cell of several words is content ("Patched on 10 June 2025"), not
                // a label, whatever its punctuation; a one-word cell ("Fixed") is a label.
                let cell_content = b.role == BlockRole::TableCell
                    && prose[b.start + s..b.start + e]
                        .split_whitespace()
                        .nth(1)
                        .is_some();
                sentences.push(Sentence {
                    start: b.start + s,
                    end: b.start + e,
                    block: bi,
                    heading_like: heading_like && !cell_content || b.role == BlockRole::Heading,
                });
            }
        }
        let mut quotations = quotes::find(&prose, &sentences);
        quotations.sort_by_key(|q| (q.start, q.end));
        let quote_max_end = quotations
            .iter()
            .scan(0, |m, q| {
                *m = q.end.max(*m);
                Some(*m)
            })
            .collect();
        Document {
            source,
            format,
            lines,
            front_matter_block: fm_block,
            front_matter,
            front_matter_error,
            blocks,
            sentences,
            prose,
            raw,
            quotations,
            comments: parsed.comments,
            quote_max_end,
            reply_thread,
        }
    }

    /// The sentence's prose text (masked regions appear as spaces).
    pub fn sentence_text(&self, s: &Sentence) -> &str {
        &self.prose[s.start..s.end]
    }

    /// Index of the sentence containing `offset`.
    pub fn sentence_at(&self, offset: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.end <= offset);
        (i < self.sentences.len() && self.sentences[i].start <= offset).then_some(i)
    }

    /// True if the range lies inside a quotation attributed to someone else.
    pub fn in_attributed_quote(&self, range: Range<usize>) -> bool {
        // Walk back from the last quotation starting at or before `range.start`; stop once no
        // earlier quotation reaches `range.end`. Linear scans per finding were quadratic.
        let i = self.quotations.partition_point(|q| q.start <= range.start);
        for j in (0..i).rev() {
            if self.quote_max_end[j] < range.end {
                return false;
            }
            let q = &self.quotations[j];
            if q.attributed && range.end <= q.end {
                return true;
            }
        }
        false
    }

    /// The title: the first heading, or the first non-empty line of the body.
    pub fn title_range(&self) -> (usize, usize) {
        if let Some(b) = self.blocks.iter().find(|b| b.role == BlockRole::Heading) {
            return (b.start, b.end);
        }
        let body_start = self.front_matter_block.as_ref().map_or(0, |b| b.end);
        let mut pos = body_start;
        for line in self.source[body_start..].split_inclusive('\n') {
            let t = line.trim();
            if !t.is_empty() {
                let lead = line.len() - line.trim_start().len();
                return (pos + lead, pos + lead + t.len());
            }
            pos += line.len();
        }
        (body_start, body_start)
    }

    pub fn text(&self, start: usize, end: usize) -> &str {
        &self.source[start..end]
    }
}

/// Replace a byte range with spaces, keeping newlines, so offsets and lines stay put.
pub(crate) fn blank(s: &mut String, range: Range<usize>) {
    let end = range.end.min(s.len());
    if range.start >= end {
        return;
    }
    let start = lines::floor_char_boundary(s, range.start);
    let end = if s.is_char_boundary(end) {
        end
    } else {
        lines::floor_char_boundary(s, end)
    };
    let replaced: String = s[start..end]
        .bytes()
        .map(|b| {
            if b == b'\n' || b == b'\r' {
                b as char
            } else {
                ' '
            }
        })
        .collect::<String>();
    // Every byte (a multi-byte character's too) becomes one space, which keeps the length.
    s.replace_range(start..end, &replaced);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masked_views_keep_offsets() {
        let src = "---\nkind: postmortem\n---\n# Title ✓\n\nWe use `code` and <b>html</b>.\n\n```\nsorry\n```\n\n> We apologize.\n";
        let d = Document::parse(src, Format::Markdown);
        assert_eq!(d.prose.len(), src.len());
        assert_eq!(d.raw.len(), src.len());
        assert!(!d.prose.contains("sorry"));
        assert!(!d.prose.contains("apologize"));
        assert!(!d.prose.contains("code"));
        assert!(d.prose.contains("We use"));
        assert_eq!(
            d.front_matter.as_ref().unwrap().kind.as_deref(),
            Some("postmortem")
        );
        let texts: Vec<&str> = d.sentences.iter().map(|s| d.text(s.start, s.end)).collect();
        assert_eq!(texts, vec!["Title ✓", "We use `code` and <b>html</b>."]);
        assert!(d.sentences[0].heading_like);
    }

    #[test]
    fn reply_threads_are_quoted() {
        let src =
            "Thanks for writing.\n\nOn Mon, 3 May 2025, Ana wrote:\nI'm so sorry to bother you.\n";
        let d = Document::parse(src, Format::Text);
        assert!(!d.prose.contains("sorry"));
    }

    #[test]
    fn title_falls_back_to_first_line() {
        let d = Document::parse("\n\nResolved: API errors\n\nText.", Format::Markdown);
        let (s, e) = d.title_range();
        assert_eq!(d.text(s, e), "Resolved: API errors");
    }
}
