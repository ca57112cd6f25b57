//! Rules that need code, one per file. Each file starts with a `//!` doc comment in the form
//! *what it flags / why it matters / bad example / good example*; `candor explain` prints it.

use super::Rule;

pub mod hedging;
pub mod jargon;
pub mod non_apology;
pub mod passive_evasion;
pub mod readability;
pub mod scare_quotes;
pub mod time_without_zone;
pub mod unrendered_placeholder;

/// Every code rule.
pub fn all() -> Vec<Box<dyn Rule>> {
    vec![
        hedging::rule(),
        jargon::rule(),
        non_apology::rule(),
        passive_evasion::rule(),
        readability::rule(),
        scare_quotes::rule(),
        time_without_zone::rule(),
        unrendered_placeholder::rule(),
    ]
}

/// The `//!` documentation of a code rule, by id.
pub fn docs(id: &str) -> String {
    super::CODE_RULE_DOCS
        .iter()
        .find(|(k, _)| *k == id)
        .map(|(_, d)| d.to_string())
        .unwrap_or_default()
}

/// The matched texts of one rule's findings on `src` (default options): the shared helper of
/// the code rules' unit tests.
#[cfg(test)]
pub(crate) fn test_hits(rule: &str, src: &str) -> Vec<String> {
    crate::check(src, &crate::Options::new("t.md"))
        .diagnostics
        .iter()
        .filter(|d| d.rule == rule)
        .map(|d| d.text.clone())
        .collect()
}
