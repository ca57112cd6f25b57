//! The embedded NLP engine (harper-core): tokens with part-of-speech tags for each sentence.
//!
//! Harper's curated dictionary is loaded on first use, once per process (it is a lazily
//! initialised static inside harper-core), and only when a rule that needs tags runs: a
//! document checked only by phrase rules never pays for it.

use crate::document::Document;
pub use harper_pos_utils::UPOS;
use harper_core::{Document as HarperDoc, TokenKind};

#[derive(Debug, Clone)]
pub struct Token {
    /// Byte range in the original file.
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub lower: String,
    /// Universal part-of-speech tag, when harper assigned one (words only).
    pub pos: Option<UPOS>,
    pub is_word: bool,
    pub is_past_participle: bool,
    pub is_punctuation: bool,
}

impl Token {
    pub fn is(&self, pos: UPOS) -> bool {
        self.pos == Some(pos)
    }
}

const IRREGULAR_PARTICIPLES: &[&str] = &[
    "made", "sent", "done", "taken", "given", "shown", "known", "seen", "found", "lost", "left",
    "built", "run", "put", "set", "hit", "cut", "shut", "spread", "broken", "written", "stolen",
    "held", "kept", "brought", "caught", "told", "sold", "paid", "laid", "led", "read", "struck",
    "thrown", "drawn", "driven", "chosen", "frozen", "hidden", "forgotten", "gotten", "begun",
    "undone", "overwritten", "mistaken", "withdrawn", "shaken", "torn", "worn", "blown", "grown",
    "flown", "fallen", "ridden", "risen", "bitten", "beaten", "eaten", "sunk", "stuck", "dealt",
    "meant", "spent", "lent", "bent", "burnt", "leapt", "slept", "swept", "felt", "dealt", "won",
];

/// Tokens for each sentence of a document, indexed like `Document::sentences`.
#[derive(Debug, Default)]
pub struct Nlp {
    pub sentences: Vec<Vec<Token>>,
}

impl Nlp {
    pub fn analyze(doc: &Document) -> Nlp {
        let sentences = doc
            .sentences
            .iter()
            .map(|s| tokenize(doc.sentence_text(s), s.start))
            .collect();
        Nlp { sentences }
    }
}

/// Tags one piece of text; token offsets are shifted by `base`.
pub fn tokenize(text: &str, base: usize) -> Vec<Token> {
    let hd = HarperDoc::new_plain_english_curated(text);
    // harper spans count characters; map them back to bytes.
    let mut byte_at: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    byte_at.push(text.len());
    let chars = hd.get_source();
    hd.tokens()
        .filter(|t| !matches!(t.kind, TokenKind::Space(_) | TokenKind::Newline(_) | TokenKind::ParagraphBreak))
        .filter_map(|t| {
            let (s, e) = (t.span.start, t.span.end);
            if e > byte_at.len() - 1 || s >= e {
                return None;
            }
            let word: String = chars[s..e].iter().collect();
            let (pos, pp) = match &t.kind {
                TokenKind::Word(Some(meta)) => (meta.pos_tag, meta.is_verb_past_participle_form()),
                _ => (None, false),
            };
            let lower = word.to_lowercase();
            // harper's dictionary does not mark every participle; regular -ed forms and the
            // common irregular ones are recognised here.
            let pp = pp
                || (t.kind.is_word() && lower.len() > 3 && lower.ends_with("ed"))
                || IRREGULAR_PARTICIPLES.contains(&lower.as_str());
            Some(Token {
                start: base + byte_at[s],
                end: base + byte_at[e],
                lower,
                text: word,
                pos,
                is_word: t.kind.is_word(),
                is_past_participle: pp,
                is_punctuation: t.kind.is_punctuation(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_and_offsets() {
        let text = "Café data was exposed by mistake.";
        let toks = tokenize(text, 10);
        let exposed = toks.iter().find(|t| t.lower == "exposed").unwrap();
        assert_eq!(&text[exposed.start - 10..exposed.end - 10], "exposed");
        assert!(exposed.is_past_participle);
        let was = toks.iter().find(|t| t.lower == "was").unwrap();
        assert!(was.pos.is_some());
    }
}
