//! Markdown (CommonMark + GFM) → blocks and masked views, via pulldown-cmark's offset iterator.

use super::{Block, BlockRole, Comment, blank};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::ops::Range;

pub(super) struct Parsed {
    pub prose: String,
    pub raw: String,
    pub blocks: Vec<Block>,
    pub comments: Vec<Comment>,
}

/// A container whose direct text forms one block.
struct Open {
    role: BlockRole,
    level: u8,
    start: Option<usize>,
    end: usize,
}

pub(super) fn parse(body: &str) -> Parsed {
    let mut events = Events::default();
    for (event, range) in Parser::new_ext(body, markdown_options()).into_offset_iter() {
        events.handle(body, event, range);
    }
    let Events {
        prose_ranges,
        raw_blank,
        mut blocks,
        comments,
        ..
    } = events;
    // Blocks arrive in closing order (an item closes after its nested paragraphs); sort by start.
    blocks.sort_by_key(|b| (b.start, b.end));
    let prose = prose_view(body, prose_ranges, &blocks);
    let raw = raw_view(body, raw_blank);
    Parsed {
        prose,
        raw,
        blocks,
        comments,
    }
}

/// The Markdown dialect candor reads: CommonMark plus the GFM extensions drafts use. The HTML
/// report renders with the same options, so it shows what was checked.
pub(crate) fn markdown_options() -> Options {
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_STRIKETHROUGH);
    opts.insert(Options::ENABLE_TASKLISTS);
    opts.insert(Options::ENABLE_FOOTNOTES);
    opts
}

/// What one pass over pulldown-cmark's events collects, before the views are built.
#[derive(Default)]
struct Events {
    /// Byte ranges that are the writer's prose (text events, line breaks).
    prose_ranges: Vec<Range<usize>>,
    /// Byte ranges to blank in the raw view too: code, HTML comments.
    raw_blank: Vec<Range<usize>>,
    /// Blocks in the order they close.
    blocks: Vec<Block>,
    comments: Vec<Comment>,
    /// Containers open at this point, innermost last.
    stack: Vec<Open>,
    quote_depth: usize,
}

impl Events {
    /// Dispatches one event to the stage that records it.
    fn handle(&mut self, body: &str, event: Event, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(end) => self.end(end),
            Event::Text(_) => self.text(range),
            Event::SoftBreak | Event::HardBreak => self.prose_ranges.push(range),
            Event::Code(_) => {
                self.raw_blank.push(range.clone());
                self.extend_open(&range);
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                let text = &body[range.clone()];
                collect_comments(text, range.start, &mut self.comments, &mut self.raw_blank);
            }
            _ => {}
        }
    }

    /// Opens a container, or records a block that is whole at its start (quote, code, HTML).
    fn start(&mut self, tag: Tag, range: Range<usize>) {
        match tag {
            Tag::Paragraph => self.stack.push(open(BlockRole::Paragraph, 0)),
            Tag::Heading { level, .. } => self.stack.push(open(BlockRole::Heading, level as u8)),
            Tag::Item => self.stack.push(open(BlockRole::ListItem, 0)),
            Tag::TableCell => self.stack.push(open(BlockRole::TableCell, 0)),
            Tag::BlockQuote(_) => {
                self.quote_depth += 1;
                if self.quote_depth == 1 {
                    self.push_whole(BlockRole::BlockQuote, range, true);
                }
            }
            Tag::CodeBlock(_) => {
                self.raw_blank.push(range.clone());
                self.push_whole(BlockRole::Code, range, self.quote_depth > 0);
            }
            Tag::HtmlBlock => self.push_whole(BlockRole::Html, range, self.quote_depth > 0),
            _ => {}
        }
    }

    /// Closes the innermost container, turning it into a block if it held any text.
    fn end(&mut self, end: TagEnd) {
        match end {
            TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell => {
                if let Some(open) = self.stack.pop()
                    && let Some(start) = open.start
                {
                    self.blocks.push(Block {
                        role: open.role,
                        start,
                        end: open.end,
                        level: open.level,
                        quoted: self.quote_depth > 0,
                    });
                }
            }
            TagEnd::BlockQuote(_) => self.quote_depth = self.quote_depth.saturating_sub(1),
            _ => {}
        }
    }

    /// Records a text event as prose and as part of the innermost open container.
    fn text(&mut self, range: Range<usize>) {
        // Text inside a code block arrives as Text too; the code block's range is
        // already recorded as non-prose, and it has no open container of its own.
        if in_code_block(&self.blocks, &range) {
            return;
        }
        self.prose_ranges.push(range.clone());
        self.extend_open(&range);
    }

    /// Widens the innermost open container to cover `range`.
    fn extend_open(&mut self, range: &Range<usize>) {
        if let Some(top) = self.stack.last_mut() {
            top.start.get_or_insert(range.start);
            top.end = top.end.max(range.end);
        }
    }

    /// Records a block whose extent pulldown-cmark gives at its start.
    fn push_whole(&mut self, role: BlockRole, range: Range<usize>, quoted: bool) {
        self.blocks.push(Block {
            role,
            start: range.start,
            end: range.end,
            level: 0,
            quoted,
        });
    }
}

/// The prose view: the writer's text kept, everything else (and block quotes) blanked.
fn prose_view(body: &str, mut ranges: Vec<Range<usize>>, blocks: &[Block]) -> String {
    let mut prose = String::with_capacity(body.len());
    let mut last = 0;
    ranges.sort_by_key(|r| r.start);
    // Drop prose that sits inside a block quote: someone else's words.
    let quotes: Vec<Range<usize>> = blocks
        .iter()
        .filter(|b| b.role == BlockRole::BlockQuote)
        .map(|b| b.start..b.end)
        .collect();
    for r in ranges {
        // Top-level block quotes are disjoint and sorted: only the last one starting at or
        // before `r` can contain it (a binary search keeps this linear on huge inputs).
        let i = quotes.partition_point(|q| q.start <= r.start);
        let quoted = i > 0 && r.end <= quotes[i - 1].end;
        if r.start < last || quoted {
            continue;
        }
        push_blank(&mut prose, &body[last..r.start]);
        prose.push_str(&body[r.clone()]);
        last = r.end;
    }
    push_blank(&mut prose, &body[last..]);
    prose
}

/// The raw view: the source with only code and HTML comments blanked.
fn raw_view(body: &str, raw_blank: Vec<Range<usize>>) -> String {
    let mut raw = body.to_string();
    for r in raw_blank {
        blank(&mut raw, r);
    }
    raw
}

fn open(role: BlockRole, level: u8) -> Open {
    Open {
        role,
        level,
        start: None,
        end: 0,
    }
}

fn in_code_block(blocks: &[Block], range: &Range<usize>) -> bool {
    blocks
        .iter()
        .rev()
        .take(4)
        .any(|b| b.role == BlockRole::Code && b.start <= range.start && range.end <= b.end)
}

fn push_blank(out: &mut String, text: &str) {
    out.extend(text.bytes().map(|b| {
        if b == b'\n' || b == b'\r' {
            b as char
        } else {
            ' '
        }
    }));
}

fn collect_comments(
    text: &str,
    base: usize,
    comments: &mut Vec<Comment>,
    raw_blank: &mut Vec<Range<usize>>,
) {
    let mut pos = 0;
    while let Some(i) = text[pos..].find("<!--") {
        let s = pos + i;
        let Some(j) = text[s + 4..].find("-->") else {
            break;
        };
        let e = s + 4 + j + 3;
        comments.push(Comment {
            start: base + s,
            end: base + e,
            body: text[s + 4..e - 3].trim().to_string(),
        });
        raw_blank.push(base + s..base + e);
        pos = e;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_and_tables() {
        let src = "# Head\n\n- one\n- two\n\n| Time (UTC) | Event |\n|---|---|\n| 10:00 | Start |\n\nPara <!-- candor-disable hedging --> end.\n";
        let p = parse(src);
        let roles: Vec<(BlockRole, &str)> = p
            .blocks
            .iter()
            .map(|b| (b.role, &src[b.start..b.end]))
            .collect();
        assert!(roles.contains(&(BlockRole::Heading, "Head")));
        assert!(roles.contains(&(BlockRole::ListItem, "two")));
        assert!(roles.contains(&(BlockRole::TableCell, "Time (UTC)")));
        assert!(roles.contains(&(BlockRole::TableCell, "10:00")));
        assert_eq!(p.comments.len(), 1);
        assert_eq!(p.comments[0].body, "candor-disable hedging");
        assert!(!p.prose.contains("candor-disable"));
    }

    #[test]
    fn links_keep_text_not_target() {
        let src = "See [our status page](https://status.example/x) now.\n";
        let p = parse(src);
        assert!(p.prose.contains("our status page"));
        assert!(!p.prose.contains("https"));
        assert!(p.raw.contains("https"));
    }
}
