//! Byte offset → 1-based line and character column.

use crate::diagnostic::Span;

#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// `(byte offset, characters before it)` every `CHECKPOINT` bytes or so, at character
    /// boundaries, so a column on a very long line costs O(CHECKPOINT), not O(line length).
    /// Empty when the text is ASCII (a column is then a byte difference).
    checkpoints: Vec<(usize, usize)>,
}

const CHECKPOINT: usize = 1024;

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let mut checkpoints = Vec::new();
        if !text.is_ascii() {
            let mut next = 0;
            for (chars, (b, _)) in text.char_indices().enumerate() {
                if b >= next {
                    checkpoints.push((b, chars));
                    next = b + CHECKPOINT;
                }
            }
        }
        LineIndex {
            starts,
            checkpoints,
        }
    }

    /// Characters in `text[..offset]` (`offset` on a character boundary).
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        if self.checkpoints.is_empty() {
            return offset;
        }
        let i = self.checkpoints.partition_point(|&(b, _)| b <= offset);
        let (b, n) = self.checkpoints[i.saturating_sub(1)];
        n + text[b..offset].chars().count()
    }

    /// 1-based (line, column); the column counts characters, not bytes.
    pub fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let col = self.chars_before(text, offset) - self.chars_before(text, self.starts[line]) + 1;
        (line + 1, col)
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

    /// Byte range of the 1-based line, without its newline.
    pub fn line_range(&self, text: &str, line: usize) -> (usize, usize) {
        let start = self
            .starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(text.len());
        let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        (start, end)
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }
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
}
