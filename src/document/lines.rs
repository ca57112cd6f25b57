//! Byte offset ↔ line and column, in O(log n) per conversion whatever the text: every output
//! format and the language server convert through one index, so they agree on where a line
//! breaks and a document with many findings costs findings × log n, not findings × size.
//!
//! A line ends at `\n`, `\r\n` or a lone `\r` (as the Language Server Protocol, miette and most
//! editors count them). Columns are 1-based and count characters; the language server's
//! columns are 0-based UTF-16 code units.

use crate::diagnostic::Span;

#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset of each line's first byte.
    starts: Vec<usize>,
    /// `(byte offset, characters before it, UTF-16 units before it)` every `CHECKPOINT` bytes
    /// or so, at character boundaries, so a column on a very long line costs O(CHECKPOINT),
    /// not O(line length). Empty when the text is ASCII (a column is then a byte difference).
    checkpoints: Vec<Checkpoint>,
}

#[derive(Debug, Clone, Copy)]
struct Checkpoint {
    byte: usize,
    chars: usize,
    utf16: usize,
}

const CHECKPOINT: usize = 1024;

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            // `\r\n` is one break, counted at its `\n`.
            if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                continue;
            }
            starts.push(i + 1);
        }
        let mut checkpoints = Vec::new();
        if !text.is_ascii() {
            let (mut next, mut chars, mut utf16) = (0, 0, 0);
            for (b, c) in text.char_indices() {
                if b >= next {
                    checkpoints.push(Checkpoint {
                        byte: b,
                        chars,
                        utf16,
                    });
                    next = b + CHECKPOINT;
                }
                chars += 1;
                utf16 += c.len_utf16();
            }
        }
        LineIndex {
            starts,
            checkpoints,
        }
    }

    /// (characters, UTF-16 units) in `text[..offset]` (`offset` on a character boundary).
    fn units_before(&self, text: &str, offset: usize) -> (usize, usize) {
        if self.checkpoints.is_empty() {
            return (offset, offset);
        }
        let i = self.checkpoints.partition_point(|c| c.byte <= offset);
        let c = self.checkpoints[i.saturating_sub(1)];
        text[c.byte..offset]
            .chars()
            .fold((c.chars, c.utf16), |(n, u), ch| (n + 1, u + ch.len_utf16()))
    }

    /// 0-based line holding `offset` (clamped to the text, floored to a character boundary).
    fn line_of(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        (self.starts.partition_point(|&s| s <= offset) - 1, offset)
    }

    /// 1-based (line, column); the column counts characters, not bytes.
    pub fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let (line, offset) = self.line_of(text, offset);
        let col = self.units_before(text, offset).0 - self.units_before(text, self.starts[line]).0;
        (line + 1, col + 1)
    }

    /// 0-based (line, UTF-16 column), as the Language Server Protocol counts.
    pub fn utf16_position(&self, text: &str, offset: usize) -> (u32, u32) {
        let (line, offset) = self.line_of(text, offset);
        let col = self.units_before(text, offset).1 - self.units_before(text, self.starts[line]).1;
        (saturate(line), saturate(col))
    }

    /// The byte offset of a 0-based (line, UTF-16 column): clamped to the line's end (before
    /// its break) and to the text's end; inside a surrogate pair, the character's start.
    pub fn utf16_offset(&self, text: &str, line: u32, column: u32) -> usize {
        let Some(&start) = self.starts.get(line as usize) else {
            return text.len();
        };
        let (_, end) = self.line_range(text, line as usize + 1);
        let want = self.units_before(text, start).1 + column as usize;
        if self.checkpoints.is_empty() {
            return (start + column as usize).min(end);
        }
        // The last checkpoint at or before the column, then walk at most CHECKPOINT bytes.
        let i = self
            .checkpoints
            .partition_point(|c| c.byte <= end && c.utf16 <= want);
        let c = self.checkpoints[i.saturating_sub(1)];
        let (mut at, mut units) = if c.byte >= start {
            (c.byte, c.utf16)
        } else {
            (start, self.units_before(text, start).1)
        };
        for ch in text[at..end].chars() {
            if units + ch.len_utf16() > want {
                break;
            }
            units += ch.len_utf16();
            at += ch.len_utf8();
        }
        at
    }

    pub fn span(&self, text: &str, start: usize, end: usize) -> Span {
        let (line, column) = self.position(text, start);
        let (end_line, end_column) = self.position(text, end.max(start));
        Span {
            start: floor_char_boundary(text, start.min(text.len())),
            end: floor_char_boundary(text, end.max(start).min(text.len())),
            line,
            column,
            end_line,
            end_column,
        }
    }

    /// Byte range of the 1-based line, without its line break.
    pub fn line_range(&self, text: &str, line: usize) -> (usize, usize) {
        let i = line.saturating_sub(1);
        let start = self.starts.get(i).copied().unwrap_or(text.len());
        let next = self.starts.get(i + 1).copied().unwrap_or(text.len());
        let body = &text.as_bytes()[start..next];
        let break_len = if body.ends_with(b"\r\n") {
            2
        } else {
            usize::from(body.ends_with(b"\n") || body.ends_with(b"\r"))
        };
        (start, next - break_len)
    }

    /// The byte range of the 1-based line including its line break.
    pub fn line_with_break(&self, text: &str, line: usize) -> (usize, usize) {
        let i = line.saturating_sub(1);
        let start = self.starts.get(i).copied().unwrap_or(text.len());
        (start, self.starts.get(i + 1).copied().unwrap_or(text.len()))
    }

    /// The line break the text uses (its first one), `\n` when it has none.
    pub fn line_break<'t>(&self, text: &'t str) -> &'t str {
        let (_, end) = self.line_range(text, 1);
        let (_, next) = self.line_with_break(text, 1);
        if next > end { &text[end..next] } else { "\n" }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

pub fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    if i >= text.len() {
        return text.len();
    }
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters() {
        let t = "ab\nçé x\n";
        let idx = LineIndex::new(t);
        assert_eq!(idx.position(t, 0), (1, 1));
        assert_eq!(idx.position(t, 3), (2, 1));
        // "çé " is 5 bytes, x is the 4th character
        assert_eq!(idx.position(t, 8), (2, 4));
        assert_eq!(idx.line_range(t, 2), (3, 9));
    }

    #[test]
    fn columns_on_long_non_ascii_lines() {
        let t = format!("x\n{}", "é€a".repeat(3000));
        let idx = LineIndex::new(&t);
        for (chars, (b, _)) in t[2..].char_indices().enumerate().step_by(97) {
            assert_eq!(idx.position(&t, b + 2), (2, chars + 1));
        }
        assert_eq!(idx.position(&t, t.len()), (2, 9001));
    }

    #[test]
    fn every_line_break_counts_once() {
        let t = "a\r\nb\rc\nd";
        let idx = LineIndex::new(t);
        assert_eq!(idx.line_count(), 4);
        assert_eq!(idx.position(t, 3), (2, 1));
        assert_eq!(idx.position(t, 5), (3, 1));
        assert_eq!(idx.position(t, 7), (4, 1));
        assert_eq!(idx.line_range(t, 1), (0, 1));
        assert_eq!(idx.line_range(t, 2), (3, 4));
        assert_eq!(idx.line_with_break(t, 1), (0, 3));
        assert_eq!(idx.line_break(t), "\r\n");
        assert_eq!(LineIndex::new("a\rb").line_break("a\rb"), "\r");
        assert_eq!(LineIndex::new("ab").line_break("ab"), "\n");
    }

    #[test]
    fn utf16_positions_round_trip() {
        // 😀 is 4 bytes and 2 UTF-16 units; é is 2 bytes and 1 unit.
        let t = format!("ab\r\n😀x\né{}\rlast", "😀é".repeat(700));
        let idx = LineIndex::new(&t);
        // Every character boundary but the one inside `\r\n`, which is no position.
        let inside_crlf =
            |b: usize| b > 0 && t.as_bytes()[b - 1] == b'\r' && t.as_bytes().get(b) == Some(&b'\n');
        for (b, _) in t.char_indices().chain([(t.len(), ' ')]) {
            if inside_crlf(b) {
                continue;
            }
            let (line, col) = idx.utf16_position(&t, b);
            assert_eq!(idx.utf16_offset(&t, line, col), b, "offset {b}");
        }
        assert_eq!(idx.utf16_position(&t, 8), (1, 2));
        // Past the end of a line: its end, before the break; past the last line: the end.
        assert_eq!(idx.utf16_offset(&t, 0, 99), 2);
        assert_eq!(idx.utf16_offset(&t, 9, 0), t.len());
        // Inside a surrogate pair: the character's start.
        assert_eq!(idx.utf16_offset(&t, 1, 1), 4);
    }
}
