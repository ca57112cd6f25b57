//! One trigger index for many patterns: each pattern is filed under the words one of which
//! every match contains, so a document is scanned once — one hash lookup per token — to find
//! which patterns can match in which sentence. Patterns with no such word run everywhere.

use super::Pattern;
use crate::analysis::Analysis;
use rustc_hash::FxHashMap;

/// A pattern's index in its [`Registry`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PatternId(pub u32);

#[derive(Debug, Default, Clone)]
pub struct Registry {
    patterns: Vec<Pattern>,
    by_word: FxHashMap<Box<str>, Vec<u32>>,
    always: Vec<u32>,
}

/// For each sentence of a document, the patterns that may match in it (sorted ids).
#[derive(Debug, Default)]
pub struct Triggered {
    per_sentence: Vec<Vec<u32>>,
}

impl Triggered {
    /// True for the default value, which stands for "no index was built": callers then run
    /// every pattern on every sentence.
    pub fn is_empty(&self) -> bool {
        self.per_sentence.is_empty()
    }

    pub fn contains(&self, sentence: usize, id: PatternId) -> bool {
        self.per_sentence
            .get(sentence)
            .is_some_and(|ids| ids.binary_search(&id.0).is_ok())
    }

    /// The sentences in which pattern `id` may match.
    pub fn sentences_with(&self, id: PatternId) -> impl Iterator<Item = usize> + '_ {
        self.per_sentence
            .iter()
            .enumerate()
            .filter(move |(_, ids)| ids.binary_search(&id.0).is_ok())
            .map(|(i, _)| i)
    }
}

impl Registry {
    pub fn add(&mut self, p: Pattern) -> PatternId {
        let id = self.patterns.len() as u32;
        match p.anchors() {
            Some(words) => {
                for w in words {
                    let ids = self.by_word.entry(w.clone()).or_default();
                    if ids.last() != Some(&id) {
                        ids.push(id);
                    }
                }
            }
            None => self.always.push(id),
        }
        self.patterns.push(p);
        PatternId(id)
    }

    pub fn get(&self, id: PatternId) -> &Pattern {
        &self.patterns[id.0 as usize]
    }

    pub fn len(&self) -> usize {
        self.patterns.len()
    }

    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// Which patterns may match in which sentence.
    pub fn scan(&self, analysis: &Analysis) -> Triggered {
        let per_sentence = analysis
            .sentences
            .iter()
            .map(|s| {
                let mut ids: Vec<u32> = self.always.clone();
                for t in &s.tokens {
                    if let Some(v) = self.by_word.get(&*t.lower) {
                        ids.extend_from_slice(v);
                    }
                }
                ids.sort_unstable();
                ids.dedup();
                ids
            })
            .collect();
        Triggered { per_sentence }
    }
}
