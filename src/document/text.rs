//! Plain text → blocks: paragraphs split by blank lines, list items by their markers,
//! `>` lines as quotations.

use super::markdown::Parsed;
use super::{Block, BlockRole, blank};

pub(super) fn parse(body: &str) -> Parsed {
    let mut blocks = Vec::new();
    let mut prose = body.to_string();
    let mut current: Option<(BlockRole, usize, usize)> = None;
    let mut pos = 0;
    let flush = |cur: &mut Option<(BlockRole, usize, usize)>, blocks: &mut Vec<Block>| {
        if let Some((role, s, e)) = cur.take() {
            blocks.push(Block { role, start: s, end: e, level: 0, quoted: role == BlockRole::BlockQuote });
        }
    };
    for line in body.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let trimmed = content.trim_start();
        let lead = content.len() - trimmed.len();
        let start = pos + lead;
        let end = pos + content.len();
        if trimmed.is_empty() {
            flush(&mut current, &mut blocks);
        } else if trimmed.starts_with('>') {
            if !matches!(current, Some((BlockRole::BlockQuote, _, _))) {
                flush(&mut current, &mut blocks);
                current = Some((BlockRole::BlockQuote, start, end));
            }
            blank(&mut prose, start..end);
            if let Some(c) = current.as_mut() {
                c.2 = end;
            }
        } else if let Some(marker) = list_marker(trimmed) {
            flush(&mut current, &mut blocks);
            blank(&mut prose, start..start + marker);
            current = Some((BlockRole::ListItem, start + marker, end));
        } else {
            match current.as_mut() {
                Some((BlockRole::BlockQuote, _, _)) | None => {
                    flush(&mut current, &mut blocks);
                    current = Some((BlockRole::Paragraph, start, end));
                }
                Some(c) => c.2 = end,
            }
        }
        pos += line.len();
    }
    flush(&mut current, &mut blocks);
    Parsed { raw: body.to_string(), prose, blocks, comments: Vec::new() }
}

/// Length of a list marker and its space ("- ", "* ", "• ", "12. ", "3) "), if the line has one.
fn list_marker(line: &str) -> Option<usize> {
    for m in ["- ", "* ", "• ", "+ "] {
        if line.starts_with(m) {
            return Some(m.len());
        }
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let rest = &line[digits..];
        if rest.starts_with(". ") || rest.starts_with(") ") {
            return Some(digits + 2);
        }
    }
    None
}
