//! Word families: named sets of words and phrases that rules and element detectors match
//! with `@name` (`rules/vocab/*.toml`, extended by the user's `[vocab]` in candor.toml).
//!
//! An entry is a lemma and matches all its forms:
//!
//! ```toml
//! [apology]
//! about = "Words that apologise"
//! words = ["apologize", "apologise", "apology", "sorry"]   # apologised, apologies, …
//! ```
//!
//! * `word` — every verb and noun form ("deploy" → deployed, deploying, deploys);
//! * `word/v`, `word/n` — verb forms only, noun forms only ("issue/n" is not "issued");
//! * `=word` — this exact word only;
//! * `several words` — a phrase, matched token by token (each word may carry a marker:
//!   `roll/v back` matches "rolled back");
//! * `@other` — every entry of another family.

use super::inflect;
use super::token::tokenize;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::Arc;

/// One family: single words, and phrases of several tokens.
#[derive(Debug, Clone, Default)]
pub struct Family {
    pub about: String,
    words: FxHashSet<Box<str>>,
    /// Each phrase is a sequence of token alternatives.
    phrases: Vec<Vec<Vec<Box<str>>>>,
    /// The phrases by each form of their first token, built on first use: matching a family
    /// at a token is then one lookup, not a scan of every phrase. Reset whenever `phrases`
    /// changes.
    by_first: std::sync::OnceLock<FxHashMap<Box<str>, Vec<u32>>>,
    /// The entries as written (for documentation and `candor explain`).
    pub entries: Vec<String>,
}

/// A token's lowercase text, for family lookups: sentences' tokens and plain `&str` words
/// both serve.
pub trait Lower {
    fn lower(&self) -> &str;
}

impl Lower for &str {
    fn lower(&self) -> &str {
        self
    }
}

impl Lower for super::Token {
    fn lower(&self) -> &str {
        &self.lower
    }
}

impl Family {
    pub fn has(&self, lower: &str) -> bool {
        self.words.contains(lower)
    }

    /// Ends (exclusive token indices) of every phrase or word of this family starting at `i`.
    pub fn ends_at<'a, W: Lower>(
        &'a self,
        words: &'a [W],
        i: usize,
    ) -> impl Iterator<Item = usize> + 'a {
        let first = words.get(i).map(Lower::lower);
        let single = first.is_some_and(|w| self.has(w)).then_some(i + 1);
        let candidates = first
            .and_then(|w| self.phrase_index().get(w))
            .map_or(&[][..], Vec::as_slice);
        single
            .into_iter()
            .chain(candidates.iter().filter_map(move |&p| {
                let p = &self.phrases[p as usize];
                let end = i + p.len();
                (end <= words.len()
                    && p[1..]
                        .iter()
                        .zip(&words[i + 1..end])
                        .all(|(alts, w)| alts.iter().any(|a| a.as_ref() == w.lower())))
                .then_some(end)
            }))
    }

    /// Does a word or phrase of this family occur anywhere in `words`?
    pub fn occurs_in<W: Lower>(&self, words: &[W]) -> bool {
        (0..words.len()).any(|i| self.ends_at(words, i).next().is_some())
    }

    fn phrase_index(&self) -> &FxHashMap<Box<str>, Vec<u32>> {
        self.by_first.get_or_init(|| {
            let mut index: FxHashMap<Box<str>, Vec<u32>> = FxHashMap::default();
            for (n, p) in self.phrases.iter().enumerate() {
                for first in &p[0] {
                    let ids = index.entry(first.clone()).or_default();
                    // A first token listed twice must not report its phrase twice.
                    if ids.last() != Some(&(n as u32)) {
                        ids.push(n as u32);
                    }
                }
            }
            index
        })
    }

    /// Adds phrases after the family was built (the index is rebuilt on next use).
    fn extend_phrases(&mut self, more: impl IntoIterator<Item = Vec<Vec<Box<str>>>>) {
        self.phrases.extend(more);
        self.by_first = std::sync::OnceLock::new();
    }

    /// Words any match must start with (single words and phrases' first tokens).
    pub fn first_words(&self) -> impl Iterator<Item = &str> {
        self.words.iter().map(|w| w.as_ref()).chain(
            self.phrases
                .iter()
                .flat_map(|p| p[0].iter().map(|w| w.as_ref())),
        )
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && self.phrases.is_empty()
    }
}

/// Every family, by name.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    families: FxHashMap<String, Arc<Family>>,
    /// Misspellings one edit away from a long family word, built on first use.
    spelling: std::sync::OnceLock<Arc<FxHashMap<Box<str>, Box<str>>>>,
}

/// Family words this long or longer are recognised with one letter wrong, missing, extra or
/// swapped ("dificulties", "inconveniance"): drafts pasted from e-mail keep their typos.
const TYPO_MIN_LEN: usize = 7;

fn deletions(w: &str) -> impl Iterator<Item = String> + '_ {
    w.char_indices()
        .map(move |(i, c)| format!("{}{}", &w[..i], &w[i + c.len_utf8()..]))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FamilyDef {
    #[serde(default)]
    about: String,
    words: Vec<String>,
}

impl Lexicon {
    /// The built-in families embedded from `rules/vocab/`.
    pub fn builtin() -> Result<Lexicon, String> {
        let mut defs: BTreeMap<String, FamilyDef> = BTreeMap::new();
        for (path, text) in crate::rules::EMBEDDED_RULE_FILES
            .iter()
            .filter(|(p, _)| p.starts_with("rules/vocab/"))
        {
            let table: BTreeMap<String, FamilyDef> =
                toml::from_str(text).map_err(|e| format!("{path}: {e}"))?;
            for (name, def) in table {
                if defs.insert(name.clone(), def).is_some() {
                    return Err(format!("{path}: family `{name}` is defined twice"));
                }
            }
        }
        let mut lex = Lexicon::default();
        for (name, def) in &defs {
            let mut fam = expand(name, &defs, &mut Vec::new())?;
            fam.about = def.about.clone();
            fam.entries = def.words.clone();
            lex.families.insert(name.clone(), Arc::new(fam));
        }
        Ok(lex)
    }

    /// Adds plain words or phrases from the user's config (`[vocab] vendors = ["Acme Cloud"]`):
    /// matched exactly, case-insensitively. Families that include this one (`@vendors`) are
    /// extended too.
    pub fn extend_literal(&mut self, name: &str, items: &[String]) {
        let mut added = Family::default();
        for item in items {
            // Config words are names, not lemmas: no inflection.
            let exact: String = item
                .split_whitespace()
                .map(|w| format!("={w}"))
                .collect::<Vec<_>>()
                .join(" ");
            if add_entry(&mut added, &exact).is_ok() {
                added.entries.push(item.clone());
            }
        }
        let includer = format!("@{name}");
        for (fname, fam) in self.families.iter_mut() {
            if fname == name || fam.entries.contains(&includer) {
                let f = Arc::make_mut(fam);
                f.words.extend(added.words.iter().cloned());
                f.extend_phrases(added.phrases.iter().cloned());
                if fname == name {
                    f.entries.extend(added.entries.iter().cloned());
                }
            }
        }
        if !self.families.contains_key(name) {
            self.families.insert(name.to_string(), Arc::new(added));
        }
    }

    pub fn get(&self, name: &str) -> Option<&Family> {
        self.families.get(name).map(|f| f.as_ref())
    }

    /// A shared handle on a family (compiled patterns keep one).
    pub fn family(&self, name: &str) -> Option<Arc<Family>> {
        self.families.get(name).cloned()
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.families.keys().map(String::as_str)
    }

    /// Is `lower` a word of family `name`? (False for unknown families.)
    pub fn is(&self, name: &str, lower: &str) -> bool {
        self.families.get(name).is_some_and(|f| f.has(lower))
    }

    /// The family word `lower` is a one-edit misspelling of, if it is one ("dificulties" →
    /// "difficulties"). Only for long words that are not themselves a family word.
    pub fn correct(&self, lower: &str) -> Option<&str> {
        if lower.chars().count() < TYPO_MIN_LEN
            || !lower.chars().all(|c| c.is_alphabetic() || c == '-')
        {
            return None;
        }
        let map = self.spelling.get_or_init(|| {
            let mut exact: rustc_hash::FxHashSet<&str> = FxHashSet::default();
            for f in self.families.values() {
                exact.extend(f.words.iter().map(|w| w.as_ref()));
            }
            let mut map: FxHashMap<Box<str>, Box<str>> = FxHashMap::default();
            let mut ambiguous: FxHashSet<Box<str>> = FxHashSet::default();
            for w in exact.iter().filter(|w| w.chars().count() >= TYPO_MIN_LEN) {
                for d in std::iter::once(w.to_string()).chain(deletions(w)) {
                    if exact.contains(d.as_str()) && d != **w {
                        continue;
                    }
                    match map.get(d.as_str()) {
                        Some(prev) if prev.as_ref() != *w => {
                            ambiguous.insert(d.clone().into_boxed_str());
                        }
                        _ => {
                            map.insert(d.into_boxed_str(), Box::from(*w));
                        }
                    }
                }
            }
            for a in ambiguous {
                map.remove(&a);
            }
            Arc::new(map)
        });
        if self.families.values().any(|f| f.has(lower)) {
            return None;
        }
        // The word itself with a letter dropped, or a word with a letter dropped: one edit.
        std::iter::once(lower.to_string())
            .chain(deletions(lower))
            .find_map(|d| map.get(d.as_str()))
            .map(|w| w.as_ref())
            .filter(|w| *w != lower)
    }
}

/// The words and phrases of family `name`, with the families it includes.
fn expand(
    name: &str,
    defs: &BTreeMap<String, FamilyDef>,
    seen: &mut Vec<String>,
) -> Result<Family, String> {
    if seen.iter().any(|s| s == name) {
        return Err(format!(
            "family `{name}` includes itself ({})",
            seen.join(" → ")
        ));
    }
    seen.push(name.to_string());
    let def = defs
        .get(name)
        .ok_or_else(|| format!("unknown family `@{name}`"))?;
    let mut fam = Family::default();
    for entry in &def.words {
        if let Some(other) = entry.strip_prefix('@') {
            let sub = expand(other, defs, seen)?;
            fam.words.extend(sub.words);
            fam.extend_phrases(sub.phrases);
        } else {
            add_entry(&mut fam, entry)?;
        }
    }
    seen.pop();
    Ok(fam)
}

/// The forms one written word stands for.
fn forms(word: &str) -> Result<Vec<String>, String> {
    let lower = super::token::lower(word);
    Ok(if let Some(exact) = lower.strip_prefix('=') {
        vec![exact.to_string()]
    } else if let Some(base) = lower.strip_suffix("/v") {
        inflect::verb_forms(base)
    } else if let Some(base) = lower.strip_suffix("/n") {
        inflect::noun_forms(base)
    } else if lower.contains('/') {
        return Err(format!("`{word}`: a marker is `/v` or `/n`"));
    } else {
        inflect::all_forms(&lower)
    })
}

fn add_entry(fam: &mut Family, entry: &str) -> Result<(), String> {
    let pieces: Vec<&str> = entry.split_whitespace().collect();
    if pieces.is_empty() {
        return Err("an empty entry".into());
    }
    // Each written word becomes one or more tokens ("don't" → "do" + "n't"); markers apply to
    // words that are one token.
    let mut phrase: Vec<Vec<Box<str>>> = Vec::new();
    for piece in pieces {
        let bare = piece.trim_start_matches('=');
        let bare = bare
            .strip_suffix("/v")
            .or_else(|| bare.strip_suffix("/n"))
            .unwrap_or(bare);
        let toks = tokenize(bare, 0);
        if toks.len() == 1 {
            phrase.push(
                forms(piece)?
                    .into_iter()
                    .map(String::into_boxed_str)
                    .collect(),
            );
        } else {
            phrase.extend(toks.into_iter().map(|t| vec![t.lower]));
        }
    }
    if phrase.len() == 1 {
        fam.words.extend(phrase.pop().unwrap_or_default());
    } else {
        fam.extend_phrases([phrase]);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn family(words: &[&str]) -> Family {
        let mut f = Family::default();
        for w in words {
            add_entry(&mut f, w).unwrap();
        }
        f
    }

    #[test]
    fn entries_match_their_forms() {
        let f = family(&["apologize", "issue/n", "=sorry", "roll/v back", "don't"]);
        assert!(f.has("apologized") && f.has("apologizing") && f.has("issues"));
        assert!(!f.has("issued") && !f.has("sorries"));
        let words = ["we", "rolled", "back", "and", "do", "n't"];
        assert_eq!(f.ends_at(&words, 1).collect::<Vec<_>>(), vec![3]);
        assert_eq!(f.ends_at(&words, 4).collect::<Vec<_>>(), vec![6]);
    }

    #[test]
    fn phrases_added_after_a_lookup_are_found() {
        let mut lex = Lexicon::builtin().unwrap();
        let words = ["our", "acme", "cloud", "bill"];
        let vendors = |lex: &Lexicon| lex.get("vendors").is_some_and(|f| f.occurs_in(&words));
        // The lookup builds the family's phrase index ...
        assert!(!vendors(&lex));
        // ... and a phrase from the user's config must not be hidden by it.
        lex.extend_literal("vendors", &["Acme Cloud".to_string()]);
        assert!(vendors(&lex));
        let f = lex.get("vendors").unwrap();
        assert_eq!(f.ends_at(&words, 1).collect::<Vec<_>>(), vec![3]);
    }

    #[test]
    fn builtin_families_load() {
        let lex = Lexicon::builtin().unwrap();
        assert!(lex.names().count() > 5);
    }
}
