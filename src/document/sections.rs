//! Sections: which sentences act as headings — Markdown headings, short unpunctuated lines,
//! short label sentences ("Why.", "What You Can Do.") and run-in labels ("Cause: a cache
//! change …") — and what their labels say, normalised for comparison.

use super::{Document, Sentence};
use crate::lazy_regex::LazyRegex;

/// A heading or label and where its label text is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// Index into `Document::sentences`.
    pub sentence: usize,
    /// Byte range of the label in the file.
    pub start: usize,
    pub end: usize,
    /// The label, normalised (see [`norm_heading`]).
    pub text: String,
    /// A run-in label: the section's first content follows on the same line ("Cause: …").
    pub run_in: bool,
}

/// "Cause: …", "2. Why. …", "**What we did** — …": a label and the rest of the line.
static LABEL: LazyRegex = LazyRegex::new(
    r"^[\s*_#>]*(?:\d+[.)]\s*)?([A-Za-z][A-Za-z' ,/&’-]{1,48}?)[\s*_]*[:.—–]\s*(?:[*_]+\s*)?(\S.*)?$",
);

/// Normalised heading text: lower case, Markdown marks, numbering and trailing punctuation
/// removed, straight apostrophes, single spaces.
pub fn norm_heading(text: &str) -> String {
    let t = text
        .trim()
        .trim_start_matches(['#', '*', '_', ' ', '>'])
        .trim_end_matches(['*', '_', ' ', ':', '.', '?', '!']);
    let t = t.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ')' || c == ' ');
    t.to_lowercase()
        .replace('’', "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A short label sentence that acts as a heading: "What You Can Do.", "Why.", "What
/// Happened?".
pub fn is_label(text: &str) -> bool {
    static LABEL_START: LazyRegex = LazyRegex::new(
        r"(?i)^\W*(?:what|why|how|when|where|who|for more|next steps|cause|root cause|summary|impact|timeline|resolution|prevention|background|details|contact|questions|acknowledge?ments?|credits?)\b",
    );
    text.split_whitespace().count() <= 6
        && text.trim_end().ends_with(['.', ':', '?'])
        && LABEL_START.is_match(text)
}

/// Is the sentence a heading (a Markdown heading, a short unpunctuated line, or a short
/// label sentence)?
pub fn is_heading(doc: &Document, s: &Sentence) -> bool {
    s.heading_like || is_label(doc.sentence_text(s))
}

/// Every heading and run-in label, in document order. `max_words` bounds a label's length.
pub fn headings(doc: &Document, max_words: usize) -> Vec<Heading> {
    let mut out = Vec::new();
    for (i, s) in doc.sentences.iter().enumerate() {
        let text = doc.sentence_text(s);
        let words = text.split_whitespace().count();
        if s.heading_like || (words <= max_words && text.trim_end().ends_with(['.', ':', '?'])) {
            out.push(Heading {
                sentence: i,
                start: s.start,
                end: s.end,
                text: norm_heading(text),
                run_in: false,
            });
        } else if let Some(c) = LABEL.captures(text)
            && let (Some(label), Some(_)) = (c.get(1), c.get(2))
            && label.as_str().split_whitespace().count() <= max_words
        {
            out.push(Heading {
                sentence: i,
                start: s.start + label.start(),
                end: s.start + label.end(),
                text: norm_heading(label.as_str()),
                run_in: true,
            });
        }
    }
    out
}

/// A sentence's prose with quotations attributed to someone else blanked out.
pub fn own_words(doc: &Document, s: &Sentence) -> String {
    let mut text = doc.sentence_text(s).to_string();
    for q in doc
        .quotations
        .iter()
        .filter(|q| q.attributed && q.start >= s.start && q.end <= s.end)
    {
        super::blank(&mut text, q.start - s.start..q.end - s.start);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_normalise() {
        assert_eq!(norm_heading("## Root cause:"), "root cause");
        assert_eq!(
            norm_heading("**What we’re changing**"),
            "what we're changing"
        );
        assert_eq!(norm_heading("2. Why."), "why");
    }

    #[test]
    fn run_in_labels() {
        let doc = Document::parse(
            "What happened\n\nCause: a cache change removed the header.\n",
            crate::document::Format::Markdown,
        );
        let h = headings(&doc, 6);
        assert_eq!(h.len(), 2);
        assert_eq!(h[0].text, "what happened");
        assert!(h[1].run_in && h[1].text == "cause");
    }
}
