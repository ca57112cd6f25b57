//! Sentence splitting over a block of prose, with byte spans.
//!
//! Handles abbreviations ("Inc.", "e.g.", "Mr."), initials, clock times ("a.m./p.m."), decimals
//! and version numbers (a period with no space after it never ends a sentence), and short
//! unpunctuated lines that act as headings or signature lines in plain-text drafts.

/// Abbreviations after which a period does not end a sentence when a capital follows.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "ft", "no", "nos", "vs", "etc", "e.g",
    "i.e", "cf", "approx", "dept", "est", "fig", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri",
    "sat", "sun", "inc", "ltd", "co", "corp", "plc", "llc", "llp", "gmbh", "u.s", "u.k", "e.u",
    "ref", "tel", "ext", "op", "vol", "art", "sec", "para", "ph.d",
];

/// Abbreviations that usually sit at the end of a sentence too ("... at 5 p.m. We fixed it").
const CLOCK: &[&str] = &["a.m", "p.m", "am", "pm"];

/// A split piece: (start, end, heading_like), offsets relative to the text passed in.
pub type Piece = (usize, usize, bool);

/// Splits `text` (one block) into sentences. Offsets are byte offsets into `text`.
pub fn split(text: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    // First cut into lines, so that short unpunctuated lines ("What happened", "Kind regards")
    // become pieces of their own.
    let mut segments: Vec<(usize, usize, bool)> = Vec::new();
    let mut seg_start = 0;
    let lines: Vec<(usize, &str)> = line_spans(text);
    for (i, &(lstart, line)) in lines.iter().enumerate() {
        let trimmed = line.trim();
        let is_last = i + 1 == lines.len();
        let next_starts_upper = lines
            .get(i + 1)
            .and_then(|(_, l)| l.trim_start().chars().next())
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "\"'“‘(*_#[".contains(c));
        if !trimmed.is_empty() && is_heading_line(trimmed) && (is_last || next_starts_upper) {
            if lstart > seg_start {
                segments.push((seg_start, lstart, false));
            }
            segments.push((lstart, lstart + line.len(), true));
            seg_start = lstart + line.len();
        }
    }
    if seg_start < text.len() {
        segments.push((seg_start, text.len(), false));
    }
    for (s, e, heading) in segments {
        if heading {
            push_trimmed(text, s, e, true, &mut out);
        } else {
            for (a, b) in split_prose(&text[s..e]) {
                for (a, b) in bounded(&text[s..e], a, b) {
                    push_trimmed(text, s + a, s + b, false, &mut out);
                }
            }
        }
    }
    out
}

/// The longest sentence the analysis sees, in bytes. Real sentences, even a breach letter's
/// legal ones, stay well under it (about 300 words); an unpunctuated run of text longer than
/// this (a pasted log, a 10 MB line) is cut into pieces, so the work per sentence stays bounded
/// and checking time grows linearly with the input.
pub const MAX_SENTENCE_BYTES: usize = 2000;

/// Was this piece cut for length ([`MAX_SENTENCE_BYTES`]), so that the next piece of its block
/// continues the same sentence? Rules that judge whole sentences (their length) join them.
pub fn was_cut(piece: &str) -> bool {
    piece.len() > MAX_SENTENCE_BYTES / 2 && !piece.trim_end().ends_with(['.', '!', '?'])
}

/// `text[a..b]` cut into pieces of at most [`MAX_SENTENCE_BYTES`], each ending after a `;`
/// or `,` when one is in the second half of the piece, otherwise after a space.
fn bounded(text: &str, a: usize, b: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = a;
    while b - start > MAX_SENTENCE_BYTES {
        let mut limit = start + MAX_SENTENCE_BYTES;
        while !text.is_char_boundary(limit) {
            limit -= 1;
        }
        let window = &text[start..limit];
        let half = window.len() / 2;
        let cut = [";", ",", " "]
            .iter()
            .find_map(|sep| window.rfind(sep).filter(|&i| i >= half))
            .map_or(limit, |i| start + i + 1);
        out.push((start, cut));
        start = cut;
    }
    out.push((start, b));
    out
}

fn line_spans(text: &str) -> Vec<(usize, &str)> {
    let mut v = Vec::new();
    let mut pos = 0;
    for l in text.split_inclusive('\n') {
        v.push((pos, l));
        pos += l.len();
    }
    v
}

/// A short line with no sentence punctuation at its end: a heading, label or signature line.
fn is_heading_line(line: &str) -> bool {
    let words = line.split_whitespace().count();
    let last = line.chars().last().unwrap_or(' ');
    if words == 0 || words > 9 || line.len() > 80 {
        return false;
    }
    if last == ':' {
        return words <= 6;
    }
    let last_word = line.rsplit(' ').next().unwrap_or("").to_lowercase();
    !matches!(
        last,
        '.' | '!' | '?' | ',' | ';' | '-' | '–' | '—' | '(' | '/' | '&'
    ) && !CONTINUATION_WORDS.contains(&last_word.as_str())
}

/// A line ending in one of these is a wrapped sentence, not a heading.
const CONTINUATION_WORDS: &[&str] = &[
    "a", "an", "the", "to", "of", "in", "on", "at", "by", "for", "with", "from", "and", "or",
    "but", "our", "your", "their", "we", "is", "are", "was", "were", "be", "been", "has", "have",
    "had", "that", "this", "which", "who", "as", "than", "not", "will", "can", "may", "about",
    "into",
];

fn push_trimmed(text: &str, s: usize, e: usize, heading: bool, out: &mut Vec<Piece>) {
    let piece = &text[s..e];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead + trail < piece.len() {
        out.push((s + lead, e - trail, heading));
    }
}

fn split_prose(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if c == b'.' || c == b'!' || c == b'?' {
            // Swallow runs of terminators and closing quotes/brackets.
            let mut j = i + 1;
            while j < bytes.len()
                && matches!(bytes[j], b'.' | b'!' | b'?' | b'"' | b'\'' | b')' | b']')
            {
                j += 1;
            }
            // Curly closing quotes (3-byte UTF-8 sequences).
            while text[j..].starts_with('”') || text[j..].starts_with('’') {
                j += 3;
            }
            let at_end = j >= bytes.len();
            let followed_by_space = at_end || bytes[j].is_ascii_whitespace();
            if followed_by_space && (c != b'.' || ends_sentence(text, i, j)) {
                out.push((start, j));
                start = j;
            }
            i = j;
            continue;
        }
        i += 1;
    }
    if start < text.len() {
        out.push((start, text.len()));
    }
    out
}

/// Decides whether the period at `dot` (with terminators up to `after`) ends a sentence.
fn ends_sentence(text: &str, dot: usize, after: usize) -> bool {
    let next = text[after..].trim_start();
    let Some(next_char) = next.chars().next() else {
        return true;
    };
    let word_before = text[..dot]
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("")
        .trim_start_matches(['"', '\'', '“', '‘']);
    let lower = word_before.to_lowercase();
    let next_word: String = next.chars().take_while(|c| c.is_alphanumeric()).collect();
    let starts_sentence =
        next_char.is_uppercase() || next_char.is_ascii_digit() || "\"'“‘([*_".contains(next_char);
    if !starts_sentence {
        return false;
    }
    if CLOCK.contains(&lower.as_str()) {
        // "8:00 a.m. EDT" continues; "at 5 p.m. We restored" ends.
        let is_zone = next_word.len() >= 2
            && next_word.len() <= 5
            && next_word.chars().all(|c| c.is_ascii_uppercase());
        return !is_zone;
    }
    if ABBREVIATIONS.contains(&lower.as_str()) {
        return false;
    }
    // Initials: "J. Smith", and dotted abbreviations such as "U.S." handled above.
    if word_before.chars().count() == 1 && word_before.chars().all(|c| c.is_uppercase()) {
        return false;
    }
    true
}

#[cfg(test)]
mod tests {
    #[test]
    fn very_long_sentences_are_cut_at_a_comma_or_space() {
        let text = "the queue stalled, ".repeat(500);
        let pieces = super::split(&text);
        assert!(pieces.len() > 1);
        for p in &pieces {
            assert!(p.1 - p.0 <= super::MAX_SENTENCE_BYTES, "{p:?}");
            assert!(text[p.0..p.1].ends_with(','), "{:?}", &text[p.0..p.1]);
        }
        // A long multi-byte run with no spaces is cut on a character boundary.
        let text = "é".repeat(3000);
        assert!(super::split(&text).len() > 1);
    }
    use super::*;

    fn texts(t: &str) -> Vec<&str> {
        split(t).into_iter().map(|(s, e, _)| &t[s..e]).collect()
    }

    #[test]
    fn abbreviations_and_numbers() {
        assert_eq!(
            texts("Acme Inc. is sorry. We fixed v3.8.2 at 6.45 today. See e.g. the log."),
            vec![
                "Acme Inc. is sorry.",
                "We fixed v3.8.2 at 6.45 today.",
                "See e.g. the log."
            ]
        );
        assert_eq!(
            texts("Call us from 8:00 a.m. EDT until 5 p.m. We answer fast. Dr. Who agrees."),
            vec![
                "Call us from 8:00 a.m. EDT until 5 p.m.",
                "We answer fast.",
                "Dr. Who agrees."
            ]
        );
    }

    #[test]
    fn quotes_and_questions() {
        assert_eq!(
            texts("He said \"stop.\" Then it broke! Why? Nobody knows."),
            vec![
                "He said \"stop.\"",
                "Then it broke!",
                "Why?",
                "Nobody knows."
            ]
        );
    }

    #[test]
    fn heading_lines() {
        let t = "What happened\nOn 3 May we lost data.\nKind regards,\nLena Vogt\nAcme Bank";
        let parts = split(t);
        let got: Vec<(&str, bool)> = parts.iter().map(|&(s, e, h)| (&t[s..e], h)).collect();
        assert_eq!(
            got,
            vec![
                ("What happened", true),
                ("On 3 May we lost data.", false),
                ("Kind regards,", false),
                ("Lena Vogt", true),
                ("Acme Bank", true)
            ]
        );
    }

    #[test]
    fn wrapped_lines_stay_together() {
        assert_eq!(
            texts("We are looking\ninto errors on the API.\n"),
            vec!["We are looking\ninto errors on the API."]
        );
    }
}
