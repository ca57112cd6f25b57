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
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_STRIKETHROUGH);
    opts.insert(Options::ENABLE_TASKLISTS);
    opts.insert(Options::ENABLE_FOOTNOTES);

    // Byte ranges that are the writer's prose (text events, line breaks).
    let mut prose_ranges: Vec<Range<usize>> = Vec::new();
    // Byte ranges to blank in the raw view too: code, HTML comments.
    let mut raw_blank: Vec<Range<usize>> = Vec::new();
    let mut blocks: Vec<Block> = Vec::new();
    let mut comments = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    let mut quote_depth = 0usize;

    let close = |open: Open, blocks: &mut Vec<Block>, quoted: bool| {
        if let Some(start) = open.start {
            blocks.push(Block {
                role: open.role,
                start,
                end: open.end,
                level: open.level,
                quoted,
            });
        }
    };

    for (event, range) in Parser::new_ext(body, opts).into_offset_iter() {
        match event {
            Event::Start(tag) => match tag {
                Tag::Paragraph => stack.push(open(BlockRole::Paragraph, 0)),
                Tag::Heading { level, .. } => stack.push(open(BlockRole::Heading, level as u8)),
                Tag::Item => stack.push(open(BlockRole::ListItem, 0)),
                Tag::TableCell => stack.push(open(BlockRole::TableCell, 0)),
                Tag::BlockQuote(_) => {
                    quote_depth += 1;
                    if quote_depth == 1 {
                        blocks.push(Block {
                            role: BlockRole::BlockQuote,
                            start: range.start,
                            end: range.end,
                            level: 0,
                            quoted: true,
                        });
                    }
                }
                Tag::CodeBlock(_) => {
                    raw_blank.push(range.clone());
                    blocks.push(Block {
                        role: BlockRole::Code,
                        start: range.start,
                        end: range.end,
                        level: 0,
                        quoted: quote_depth > 0,
                    });
                }
                Tag::HtmlBlock => {
                    blocks.push(Block {
                        role: BlockRole::Html,
                        start: range.start,
                        end: range.end,
                        level: 0,
                        quoted: quote_depth > 0,
                    });
                }
                _ => {}
            },
            Event::End(end) => match end {
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell => {
                    if let Some(o) = stack.pop() {
                        close(o, &mut blocks, quote_depth > 0);
                    }
                }
                TagEnd::BlockQuote(_) => quote_depth = quote_depth.saturating_sub(1),
                _ => {}
            },
            Event::Text(_) => {
                // Text inside a code block arrives as Text too; the code block's range is
                // already recorded as non-prose, and it has no open container of its own.
                if in_code_block(&blocks, &range) {
                    continue;
                }
                prose_ranges.push(range.clone());
                if let Some(top) = stack.last_mut() {
                    top.start.get_or_insert(range.start);
                    top.end = top.end.max(range.end);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                prose_ranges.push(range.clone());
            }
            Event::Code(_) => {
                raw_blank.push(range.clone());
                if let Some(top) = stack.last_mut() {
                    top.start.get_or_insert(range.start);
                    top.end = top.end.max(range.end);
                }
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                let text = &body[range.clone()];
                collect_comments(text, range.start, &mut comments, &mut raw_blank);
            }
            _ => {}
        }
    }
    // Blocks arrive in closing order (an item closes after its nested paragraphs); sort by start.
    blocks.sort_by_key(|b| (b.start, b.end));

    let mut prose = String::with_capacity(body.len());
    let mut last = 0;
    let mut ranges = prose_ranges;
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

    let mut raw = body.to_string();
    for r in raw_blank {
        blank(&mut raw, r);
    }
    Parsed {
        prose,
        raw,
        blocks,
        comments,
    }
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
