//! Named word lists shared by rules (`{@population}` in a pattern), from `rules/vocab/*.toml`
//! and from the user's config (`[vocab]`, e.g. their vendor names or internal codenames).

use regex::Regex;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

#[derive(Debug, Clone, Default)]
pub struct Vocab {
    /// name → regex alternatives (already regex syntax).
    lists: BTreeMap<String, Vec<String>>,
    /// [`Vocab::word_regex`] results, compiled once per list rather than once per document.
    /// Replaced (not cleared) whenever a list changes, so a clone taken earlier keeps its own.
    word_res: Arc<Mutex<BTreeMap<String, Option<Arc<Regex>>>>>,
}

impl Vocab {
    /// The built-in lists embedded from `rules/vocab/`.
    pub fn builtin() -> Result<Vocab, String> {
        let mut v = Vocab::default();
        for (path, text) in super::EMBEDDED_RULE_FILES
            .iter()
            .filter(|(p, _)| p.starts_with("rules/vocab/"))
        {
            let table: BTreeMap<String, Vec<String>> =
                toml::from_str(text).map_err(|e| format!("{path}: {e}"))?;
            for (name, items) in table {
                v.lists.entry(name).or_default().extend(items);
            }
        }
        Ok(v)
    }

    /// Adds entries that are regular expressions.
    pub fn extend_regex(&mut self, name: &str, items: impl IntoIterator<Item = String>) {
        self.word_res = Arc::default();
        self.lists
            .entry(name.to_string())
            .or_default()
            .extend(items);
    }

    /// Adds plain words or phrases (escaped; spaces match any whitespace).
    pub fn extend_literal(&mut self, name: &str, items: &[String]) {
        let escaped = items.iter().map(|w| {
            w.split_whitespace()
                .map(regex::escape)
                .collect::<Vec<_>>()
                .join(r"\s+")
        });
        self.extend_regex(name, escaped);
    }

    pub fn get(&self, name: &str) -> Option<&[String]> {
        self.lists.get(name).map(Vec::as_slice)
    }

    /// `(?:a|b|c)` for a list, longest alternatives first so the regex prefers them.
    pub fn alternation(&self, name: &str) -> Option<String> {
        let mut items: Vec<&String> = self.lists.get(name)?.iter().collect();
        if items.is_empty() {
            // An empty list must match nothing, not everything. `-i` because case-folding the
            // class of every character before negating it costs milliseconds per pattern.
            return Some(r"(?-i:[^\s\S])".to_string());
        }
        items.sort_by_key(|s| std::cmp::Reverse(s.len()));
        Some(format!(
            "(?:{})",
            items
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join("|")
        ))
    }

    /// A case-insensitive whole-word regex for a non-empty list, or `None` when the list is
    /// missing, empty or does not compile (user lists are validated when the config loads).
    /// Shared, not cloned: a cloned `Regex` starts with an empty search cache.
    pub fn word_regex(&self, name: &str) -> Option<Arc<Regex>> {
        let mut cache = self.word_res.lock().unwrap_or_else(|e| e.into_inner());
        cache
            .entry(name.to_string())
            .or_insert_with(|| {
                self.get(name)
                    .filter(|l| !l.is_empty())
                    .and_then(|_| self.alternation(name))
                    .and_then(|alt| Regex::new(&format!(r"(?i)\b{alt}\b")).ok())
                    .map(Arc::new)
            })
            .clone()
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.lists.keys().map(String::as_str)
    }
}
