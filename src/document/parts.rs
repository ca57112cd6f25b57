//! Where a large document is cut into parts that are checked one after another, so that the
//! memory a check needs is bounded by the part size rather than by the document's
//! (docs/performance.md, "Large documents").
//!
//! A part ends where a new Markdown block begins at the left margin: after a blank line,
//! outside a code fence and outside an HTML comment, at a line that does not start with
//! whitespace (an indented line could be a list item's continuation, or code). A text with no
//! such place in reach (one huge paragraph, a huge fence) is cut at a line break, and a line
//! that is itself too long, after a sentence's end, or else at a space, or else anywhere
//! between two characters.

use std::ops::Range;

/// Documents up to this size are checked whole: every incident draft there is.
pub const WHOLE_LIMIT: usize = 3 * 1024 * 1024;
/// The size of the parts a larger document is cut into.
pub const PART_SIZE: usize = 512 * 1024;

/// Consecutive byte ranges covering `text`: one, if `text` is at most `whole_limit` bytes;
/// otherwise parts of `part_size` bytes or more, each under twice that, cut at block
/// boundaries where the text has them.
pub fn split(text: &str, whole_limit: usize, part_size: usize) -> Vec<Range<usize>> {
    let part_size = part_size.max(1);
    if text.len() <= whole_limit.max(part_size) {
        return std::iter::once(0..text.len()).collect();
    }
    let mut cuts = Cutter {
        text,
        size: part_size,
        start: 0,
        parts: Vec::new(),
    };
    let mut fence: Option<(u8, usize)> = None;
    let mut in_comment = false;
    let mut after_blank = false;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let line_start = pos;
        pos += line.len();
        let so_far = line_start - cuts.start;
        if so_far >= part_size {
            let clean = fence.is_none()
                && !in_comment
                && after_blank
                && line
                    .as_bytes()
                    .first()
                    .is_some_and(|b| !b.is_ascii_whitespace());
            if clean || pos - cuts.start > 2 * part_size {
                cuts.cut(line_start);
            }
        }
        // A line that alone would take the part past twice the size is cut inside.
        while pos - cuts.start > 2 * part_size {
            let at = cuts.inside_line(line_start, pos);
            cuts.cut(at);
        }
        let trimmed = line.trim();
        after_blank = trimmed.is_empty();
        fence = next_fence_state(fence, line);
        if fence.is_none() {
            in_comment = match (in_comment, line.rfind("<!--"), line.rfind("-->")) {
                (_, Some(open), close) => close.is_none_or(|c| c < open),
                (true, None, Some(_)) => false,
                (state, None, _) => state,
            };
        }
    }
    cuts.parts.push(cuts.start..text.len());
    cuts.parts.retain(|r| !r.is_empty());
    if cuts.parts.is_empty() {
        cuts.parts.push(0..0);
    }
    cuts.parts
}

struct Cutter<'t> {
    text: &'t str,
    size: usize,
    start: usize,
    parts: Vec<Range<usize>>,
}

impl Cutter<'_> {
    fn cut(&mut self, at: usize) {
        if at > self.start {
            self.parts.push(self.start..at);
            self.start = at;
        }
    }

    /// A cut inside the line `line_start..line_end`, between the part's size and twice it:
    /// after the first sentence end there, or the first space, or at a character boundary.
    fn inside_line(&self, line_start: usize, line_end: usize) -> usize {
        let mut lo = (self.start + self.size).max(line_start + 1).min(line_end);
        while !self.text.is_char_boundary(lo) {
            lo += 1;
        }
        let hi = (self.start + 2 * self.size).min(line_end).max(lo);
        let window = &self.text.as_bytes()[lo..hi];
        let after_sentence = window
            .windows(2)
            .position(|w| matches!(w[0], b'.' | b'!' | b'?') && w[1] == b' ')
            .map(|i| lo + i + 2);
        let after_space = || window.iter().position(|&b| b == b' ').map(|i| lo + i + 1);
        after_sentence.or_else(after_space).unwrap_or(lo)
    }
}

/// Fenced code (CommonMark): a line of three or more backticks or tildes, indented at most
/// three spaces, opens a fence that a line of at least as many of the same character closes.
fn next_fence_state(fence: Option<(u8, usize)>, line: &str) -> Option<(u8, usize)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return fence;
    }
    let body = &line[indent..];
    let marker = match body.as_bytes().first() {
        Some(&c @ (b'`' | b'~')) => c,
        _ => return fence,
    };
    let run = body.bytes().take_while(|&b| b == marker).count();
    if run < 3 {
        return fence;
    }
    match fence {
        None => Some((marker, run)),
        Some((c, n)) if c == marker && run >= n && body[run..].trim().is_empty() => None,
        open => open,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(text: &str, size: usize) -> Vec<&str> {
        split(text, 0, size).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn small_documents_are_one_part() {
        let text = "# Title\n\nOne paragraph.\n";
        let one = |t: &str| {
            let got = split(t, WHOLE_LIMIT, PART_SIZE);
            got.len() == 1 && got[0] == (0..t.len())
        };
        assert!(one(text));
        assert!(one(""));
    }

    #[test]
    fn parts_cover_the_text_in_order_and_start_new_blocks() {
        let text = "First paragraph here.\n\nSecond one here.\n\n- a list\n  continued\n\nThird.\n";
        let got = parts(text, 16);
        assert_eq!(got.concat(), text);
        assert_eq!(
            got,
            vec![
                "First paragraph here.\n\n",
                "Second one here.\n\n",
                "- a list\n  continued\n\n",
                "Third.\n"
            ]
        );
    }

    #[test]
    fn no_cut_inside_a_code_fence_an_html_comment_or_before_an_indented_line() {
        let text = "Intro text that is long.\n\n```\ncode\n\nmore code\n```\n\nAfter.\n";
        assert_eq!(
            parts(text, 20),
            vec![
                "Intro text that is long.\n\n",
                "```\ncode\n\nmore code\n```\n\n",
                "After.\n"
            ]
        );
        let text = "Intro text that is long.\n\n<!-- a long comment text\n\nstill -->\n\nAfter.\n";
        assert_eq!(
            parts(text, 24),
            vec![
                "Intro text that is long.\n\n",
                "<!-- a long comment text\n\nstill -->\n\n",
                "After.\n"
            ]
        );
        let text = "Intro text.\n\n    indented\n\nAfter.\n";
        assert_eq!(
            parts(text, 20),
            vec!["Intro text.\n\n    indented\n\n", "After.\n"]
        );
    }

    #[test]
    fn a_long_line_is_cut_after_a_sentence_then_at_a_space_then_anywhere() {
        let line = "One sentence. Two sentence. Three sentence. Four.";
        let got = parts(line, 12);
        assert_eq!(got.concat(), line);
        assert!(got.iter().all(|p| p.len() < 2 * 12 + 1), "{got:?}");
        assert_eq!(got[0], "One sentence. ");
        let got = parts("aaaa bbbb cccc dddd eeee ffff gggg", 6);
        assert_eq!(got[0], "aaaa bbbb ");
        let word = "é".repeat(40);
        let got = parts(&word, 7);
        assert_eq!(got.concat(), word);
        assert!(got.len() > 2);
    }

    #[test]
    fn a_text_with_no_blank_line_is_cut_at_line_breaks() {
        let text = "line one\n".repeat(20);
        let got = parts(&text, 20);
        assert_eq!(got.concat(), text);
        assert!(
            got.iter().all(|p| p.ends_with('\n') && p.len() <= 40),
            "{got:?}"
        );
    }
}
