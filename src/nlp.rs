//! The embedded NLP engine (harper): tokens with part-of-speech tags for each sentence.
//!
//! harper-core's lexer splits a sentence into tokens and harper's Brill tagger tags them. The
//! tagger's model is loaded on first use, once per process (a lazily initialised static inside
//! harper-brill), and only when a rule that needs tags runs: a document checked only by phrase
//! rules never pays for it.

use crate::document::Document;
use harper_brill::Tagger;
use harper_core::TokenKind;
use harper_core::parsers::{Parser, PlainEnglish};
pub use harper_pos_utils::UPOS;

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

/// Past participles of English irregular verbs (regular ones end in "-ed"). Prefixed forms
/// ("overwritten", "undone", "mislaid") are matched through their base.
const IRREGULAR_PARTICIPLES: &[&str] = &[
    "arisen",
    "awoken",
    "been",
    "beaten",
    "become",
    "begun",
    "bent",
    "bet",
    "bid",
    "bitten",
    "blown",
    "borne",
    "bound",
    "bought",
    "broken",
    "brought",
    "built",
    "burnt",
    "burst",
    "cast",
    "caught",
    "chosen",
    "clung",
    "come",
    "cost",
    "crept",
    "cut",
    "dealt",
    "done",
    "drawn",
    "dreamt",
    "driven",
    "drunk",
    "dug",
    "eaten",
    "fallen",
    "fed",
    "felt",
    "fled",
    "flown",
    "forbidden",
    "forgiven",
    "forgotten",
    "fought",
    "found",
    "frozen",
    "given",
    "gone",
    "got",
    "gotten",
    "ground",
    "grown",
    "had",
    "heard",
    "held",
    "hidden",
    "hit",
    "hung",
    "hurt",
    "kept",
    "knelt",
    "known",
    "laid",
    "leapt",
    "learnt",
    "led",
    "left",
    "lent",
    "let",
    "lit",
    "lost",
    "made",
    "meant",
    "met",
    "mistaken",
    "mown",
    "paid",
    "put",
    "quit",
    "read",
    "rid",
    "ridden",
    "risen",
    "run",
    "rung",
    "said",
    "sat",
    "seen",
    "sought",
    "sold",
    "sent",
    "set",
    "sewn",
    "shaken",
    "shed",
    "shone",
    "shot",
    "shown",
    "shrunk",
    "shut",
    "slain",
    "slept",
    "slid",
    "slung",
    "sped",
    "spent",
    "spilt",
    "split",
    "spoken",
    "spread",
    "sprung",
    "stolen",
    "stood",
    "struck",
    "stuck",
    "stung",
    "stunk",
    "sunk",
    "sung",
    "sworn",
    "swept",
    "swollen",
    "swum",
    "swung",
    "taken",
    "taught",
    "thought",
    "thrown",
    "told",
    "torn",
    "understood",
    "undone",
    "upset",
    "woken",
    "won",
    "worn",
    "wound",
    "woven",
    "wrung",
    "written",
];

/// Prefixes that keep a verb irregular: "overwritten", "mislaid", "rebuilt", "withdrawn".
const VERB_PREFIXES: &[&str] = &["over", "under", "mis", "re", "un", "with", "out", "fore"];

fn is_irregular_participle(lower: &str) -> bool {
    IRREGULAR_PARTICIPLES.contains(&lower)
        || VERB_PREFIXES.iter().any(|p| {
            lower
                .strip_prefix(p)
                .is_some_and(|rest| rest.len() > 2 && IRREGULAR_PARTICIPLES.contains(&rest))
        })
}

/// A tag for a word the tagger's lexicon does not know, from its shape: contractions are
/// auxiliaries, common suffixes decide adjectives, adverbs and verb forms, capitalised words
/// mid-sentence are proper nouns, anything else is a noun (most unknown words are).
fn guess_tag(word: &str, lower: &str, first: bool) -> Option<UPOS> {
    if !word.chars().any(char::is_alphabetic) {
        return word
            .chars()
            .any(|c| c.is_ascii_digit())
            .then_some(UPOS::NUM);
    }
    let lower = lower.replace('’', "'");
    if lower.ends_with("n't") {
        return Some(UPOS::AUX);
    }
    // "we're", "they'll", "I've": a pronoun fused with an auxiliary has no single tag.
    if ["'re", "'ll", "'ve", "'d", "'m"]
        .iter()
        .any(|c| lower.ends_with(c))
    {
        return None;
    }
    if lower.ends_with("'s") || lower.ends_with("s'") {
        return Some(if word.starts_with(char::is_uppercase) && !first {
            UPOS::PROPN
        } else {
            UPOS::NOUN
        });
    }
    let ends = |sufs: &[&str]| {
        sufs.iter()
            .any(|s| lower.len() > s.len() + 2 && lower.ends_with(s))
    };
    if word.starts_with(char::is_uppercase) && !first {
        return Some(UPOS::PROPN);
    }
    // Verbs that only look like adjectives.
    if matches!(lower.as_str(), "enable" | "disable") {
        return Some(UPOS::VERB);
    }
    Some(if ends(&["ly"]) {
        UPOS::ADV
    } else if ends(&[
        "ous", "ful", "ive", "able", "ible", "less", "ic", "ish", "ary",
    ]) {
        UPOS::ADJ
    } else if ends(&["ed", "ing", "ize", "ise", "ify"]) {
        UPOS::VERB
    } else {
        UPOS::NOUN
    })
}

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
///
/// The text is one sentence: harper's lexer splits it into tokens and its Brill tagger tags
/// them. This deliberately skips the rest of `harper_core::Document`'s pipeline: its neural
/// noun-phrase chunker (loaded per thread, and most of the tagging time) and its curated
/// dictionary (≈0.4 s and ≈130 MB to load) add nothing the rules read. The tagger already
/// decides the tag; the dictionary only filled in tags for words the tagger does not know, and
/// past participles are recognised below.
pub fn tokenize(text: &str, base: usize) -> Vec<Token> {
    let chars: Vec<char> = text.chars().collect();
    let lexed = PlainEnglish.parse(&chars);
    // harper spans count characters; map them back to bytes.
    let mut byte_at: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    byte_at.push(text.len());
    let kept: Vec<_> = lexed
        .iter()
        .filter(|t| {
            !matches!(
                t.kind,
                TokenKind::Space(_) | TokenKind::Newline(_) | TokenKind::ParagraphBreak
            ) && t.span.start < t.span.end
                && t.span.end < byte_at.len()
        })
        .collect();
    let words: Vec<String> = kept.iter().map(|t| t.get_str(&chars)).collect();
    let tags = harper_brill::brill_tagger().tag_sentence(&words);
    kept.iter()
        .zip(words)
        .zip(tags)
        .enumerate()
        .map(|(i, ((t, word), tag))| {
            let is_word = t.kind.is_word();
            let lower = word.to_lowercase();
            let is_past_participle = is_word
                && ((lower.len() > 3 && lower.ends_with("ed")) || is_irregular_participle(&lower));
            let pos = if is_word {
                tag.or_else(|| guess_tag(&word, &lower, i == 0))
            } else {
                None
            };
            Token {
                start: base + byte_at[t.span.start],
                end: base + byte_at[t.span.end],
                lower,
                text: word,
                pos,
                is_word,
                is_past_participle,
                is_punctuation: t.kind.is_punctuation(),
            }
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

    fn tag_of(text: &str, word: &str) -> Option<UPOS> {
        tokenize(text, 0)
            .into_iter()
            .find(|t| t.text == word)
            .and_then(|t| t.pos)
    }

    #[test]
    fn words_the_tagger_does_not_know_get_a_guess_from_their_shape() {
        assert_eq!(tag_of("We didn't see it.", "didn't"), Some(UPOS::AUX));
        assert_eq!(
            tag_of("The workaround helps.", "workaround"),
            Some(UPOS::NOUN)
        );
        assert_eq!(
            tag_of("We moved it to Ironbark today.", "Ironbark"),
            Some(UPOS::PROPN)
        );
        assert_eq!(
            tag_of("It was a malicious request.", "malicious"),
            Some(UPOS::ADJ)
        );
        assert_eq!(tag_of("We're on it.", "We're"), None);
        assert_eq!(tag_of("We had to disable it.", "disable"), Some(UPOS::VERB));
    }

    #[test]
    fn irregular_and_prefixed_participles() {
        for (text, word) in [
            ("The file was overwritten.", "overwritten"),
            ("The keys were mislaid.", "mislaid"),
            ("It has been fixed.", "been"),
            ("The index was rebuilt.", "rebuilt"),
        ] {
            let t = tokenize(text, 0)
                .into_iter()
                .find(|t| t.text == word)
                .unwrap();
            assert!(t.is_past_participle, "{word}");
        }
        let t = tokenize("The rebus was odd.", 0)
            .into_iter()
            .find(|t| t.text == "rebus")
            .unwrap();
        assert!(!t.is_past_participle);
    }
}
