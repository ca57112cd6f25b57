//! Part-of-speech tagging with harper's Brill tagger model.
//!
//! The model — a lexicon of each word's most frequent tag and an ordered list of contextual
//! patches — is harper-brill's, stored in `data/tagger/` and compiled into the binary by the
//! build script (the lexicon as a perfect-hash map), so a process starts tagging without
//! parsing a model. `tests/tagger_model.rs` checks that the stored model is the one in the
//! harper-brill version we depend on, and that these tags are harper's tags.
//!
//! Applying the patches follows harper's semantics exactly (they were trained with them); it is
//! faster only because a patch visits only the tokens that carry its source tag.

pub use harper_pos_utils::UPOS as Tag;
use harper_pos_utils::UPOS;
use serde::Deserialize;
use std::sync::LazyLock;

include!(concat!(env!("OUT_DIR"), "/lexicon.rs"));

#[derive(Debug, Deserialize)]
struct Patch {
    from: Tag,
    to: Tag,
    criteria: Criteria,
}

#[derive(Debug, Deserialize)]
enum Criteria {
    WordIsTaggedWith {
        relative: isize,
        is_tagged: Tag,
    },
    AnyWordIsTaggedWith {
        max_relative: isize,
        is_tagged: Tag,
    },
    SandwichTaggedWith {
        prev_word_tagged: Tag,
        post_word_tagged: Tag,
    },
    WordIs {
        relative: isize,
        word: String,
    },
    /// Only used by harper's chunker, never by the tagger's patches.
    NounPhraseAt {},
    Combined {
        a: Box<Criteria>,
        b: Box<Criteria>,
    },
}

/// A patch compiled for speed: tags as bytes, criteria flattened.
struct Compiled {
    from: u8,
    to: u8,
    /// Every criterion must hold.
    all: Vec<Test>,
    /// The first byte of the word the patched token itself must start with, when a criterion
    /// names it: only tokens starting with that byte need testing.
    first_byte: Option<u8>,
}

enum Test {
    TagAt(isize, u8),
    AnyTag(isize, u8),
    Sandwich(u8, u8),
    /// A word at an offset, compared as harper does: the common prefix, ASCII case ignored.
    Word(isize, Box<[u8]>),
    Never,
}

const NONE: u8 = u8::MAX;

static PATCHES: LazyLock<Vec<Compiled>> = LazyLock::new(|| {
    let patches: Vec<Patch> = serde_json::from_str(include_str!("../../data/tagger/patches.json"))
        .expect("data/tagger/patches.json is harper's patch list (tests/tagger_model.rs)");
    patches
        .into_iter()
        .map(|p| {
            let mut all = Vec::new();
            flatten(p.criteria, &mut all);
            // Cheap, selective tests first: the word, then one neighbour's tag, then a range.
            all.sort_by_key(|t| match t {
                Test::Word(..) => 0,
                Test::TagAt(..) | Test::Sandwich(..) => 1,
                Test::AnyTag(..) => 2,
                Test::Never => 3,
            });
            let first_byte = all.iter().find_map(|t| match t {
                Test::Word(0, w) => w.first().map(u8::to_ascii_lowercase),
                _ => None,
            });
            Compiled {
                from: p.from as u8,
                to: p.to as u8,
                all,
                first_byte,
            }
        })
        .collect()
});

fn flatten(c: Criteria, out: &mut Vec<Test>) {
    match c {
        Criteria::WordIsTaggedWith {
            relative,
            is_tagged,
        } => out.push(Test::TagAt(relative, is_tagged as u8)),
        Criteria::AnyWordIsTaggedWith {
            max_relative,
            is_tagged,
        } => out.push(Test::AnyTag(max_relative, is_tagged as u8)),
        Criteria::SandwichTaggedWith {
            prev_word_tagged,
            post_word_tagged,
        } => out.push(Test::Sandwich(
            prev_word_tagged as u8,
            post_word_tagged as u8,
        )),
        Criteria::WordIs { relative, word } => {
            out.push(Test::Word(relative, word.into_bytes().into_boxed_slice()))
        }
        Criteria::NounPhraseAt {} => out.push(Test::Never),
        Criteria::Combined { a, b } => {
            flatten(*a, out);
            flatten(*b, out);
        }
    }
}

fn offset(i: usize, rel: isize) -> Option<usize> {
    i.checked_add_signed(rel)
}

impl Test {
    #[inline]
    fn holds(&self, words: &[&str], tags: &[u8], i: usize) -> bool {
        let tag_at = |j: usize| tags.get(j).copied().unwrap_or(NONE);
        match self {
            Test::TagAt(rel, tag) => offset(i, *rel).is_some_and(|j| tag_at(j) == *tag),
            Test::AnyTag(rel, tag) => {
                // harper's range: from the token (inclusive) towards the far end (exclusive).
                let Some(far) = offset(i, *rel) else {
                    return false;
                };
                let (a, b) = (far.min(i), far.max(i).min(tags.len()));
                a < b && tags[a..b].contains(tag)
            }
            Test::Sandwich(prev, post) => i > 0 && tag_at(i - 1) == *prev && tag_at(i + 1) == *post,
            Test::Word(rel, word) => offset(i, *rel)
                .and_then(|j| words.get(j))
                // harper zips the two words' characters: only the common prefix is compared.
                .is_some_and(|w| {
                    let n = w.len().min(word.len());
                    w.as_bytes()[..n].eq_ignore_ascii_case(&word[..n])
                }),
            Test::Never => false,
        }
    }
}

/// The lexicon's tag for a lowercase word.
pub fn lexicon_tag(lower: &str) -> Option<Tag> {
    LEXICON.get(lower).copied()
}

const TAGS: [Tag; 16] = [
    UPOS::ADJ,
    UPOS::ADP,
    UPOS::ADV,
    UPOS::AUX,
    UPOS::CCONJ,
    UPOS::DET,
    UPOS::INTJ,
    UPOS::NOUN,
    UPOS::NUM,
    UPOS::PART,
    UPOS::PRON,
    UPOS::PROPN,
    UPOS::PUNCT,
    UPOS::SCONJ,
    UPOS::SYM,
    UPOS::VERB,
];

/// Tags a sentence given as lowercase words: harper's Brill tagger (lexicon, then patches).
/// Words the lexicon does not know stay `None`.
pub fn tag_words(words: &[&str]) -> Vec<Option<Tag>> {
    let mut tags: Vec<u8> = words
        .iter()
        .map(|w| lexicon_tag(w).map_or(NONE, |t| t as u8))
        .collect();
    // Where each tag stands, as bit sets over the positions: a patch visits only the tokens
    // carrying its source tag instead of scanning the sentence (a patch changes only tokens
    // of its own source tag, so the set taken at its start is the set it visits).
    let blocks = words.len().div_ceil(64);
    let mut at = vec![0u64; TAGS.len() * blocks];
    for (i, &t) in tags.iter().enumerate() {
        if t != NONE {
            at[t as usize * blocks + i / 64] |= 1 << (i % 64);
        }
    }
    // Which first bytes the sentence's words start with (a 64-bit filter), for patches that
    // name the patched word: most such patches can be skipped without looking at a token.
    let first = |w: &str| w.as_bytes().first().map_or(0, u8::to_ascii_lowercase);
    let first_mask = words.iter().fold(0u64, |m, w| m | 1 << (first(w) % 64));
    for p in PATCHES.iter() {
        if p.first_byte
            .is_some_and(|b| first_mask & (1 << (b % 64)) == 0)
        {
            continue;
        }
        let from = p.from as usize * blocks;
        // Positions in increasing order, as harper's left-to-right pass visits them.
        for block in 0..blocks {
            let mut bits = at[from + block];
            while bits != 0 {
                let i = block * 64 + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                if p.first_byte.is_some_and(|b| first(words[i]) != b)
                    || !p.all.iter().all(|t| t.holds(words, &tags, i))
                {
                    continue;
                }
                tags[i] = p.to;
                at[from + block] &= !(1 << (i % 64));
                at[p.to as usize * blocks + block] |= 1 << (i % 64);
            }
        }
    }
    tags.into_iter()
        .map(|t| (t != NONE).then(|| TAGS[t as usize]))
        .collect()
}

/// A tag for a word the lexicon does not know, from its shape: suffixes decide nouns,
/// adjectives, adverbs and verb forms; capitalised words mid-sentence are proper nouns.
pub fn guess(text: &str, lower: &str, first: bool) -> Option<Tag> {
    if !lower.chars().any(char::is_alphabetic) {
        return lower
            .chars()
            .any(|c| c.is_ascii_digit())
            .then_some(UPOS::NUM);
    }
    if lower.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        // "2am", "10.30pm", "4xx", "v2": numbers with units.
        return Some(UPOS::NUM);
    }
    if text.starts_with(char::is_uppercase) && !first {
        return Some(UPOS::PROPN);
    }
    let ends = |sufs: &[&str]| {
        sufs.iter()
            .any(|s| lower.len() > s.len() + 2 && lower.ends_with(s))
    };
    Some(if ends(&["ly"]) {
        UPOS::ADV
    } else if ends(&[
        "tion", "sion", "ment", "ness", "ity", "ance", "ence", "ship", "ism", "ist", "er", "or",
        "age", "ure",
    ]) {
        UPOS::NOUN
    } else if ends(&[
        "ous", "ful", "ive", "able", "ible", "less", "ic", "ish", "ary", "ical", "al",
    ]) {
        UPOS::ADJ
    } else if ends(&["ed", "ing", "ize", "ise", "ify", "ate"]) {
        UPOS::VERB
    } else {
        UPOS::NOUN
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(sentence: &str) -> Vec<Option<Tag>> {
        let words: Vec<&str> = sentence.split(' ').collect();
        tag_words(&words)
    }

    #[test]
    fn lexicon_and_patches() {
        assert_eq!(lexicon_tag("the"), Some(UPOS::DET));
        assert_eq!(lexicon_tag("inconvenience"), None);
        let t = tags("we deployed a change to the servers .");
        assert_eq!(t[0], Some(UPOS::PRON));
        assert_eq!(t[1], Some(UPOS::VERB));
        assert_eq!(t[2], Some(UPOS::DET));
    }

    #[test]
    fn guesses_from_shape() {
        assert_eq!(guess("Ironbark", "ironbark", false), Some(UPOS::PROPN));
        assert_eq!(
            guess("misconfiguration", "misconfiguration", true),
            Some(UPOS::NOUN)
        );
        assert_eq!(
            guess("unrecoverable", "unrecoverable", true),
            Some(UPOS::ADJ)
        );
        assert_eq!(guess("2am", "2am", false), Some(UPOS::NUM));
    }
}
