//! Rules that need code, one per file. Each file starts with a `//!` doc comment in the form
//! *what it flags / why it matters / bad example / good example*; `candor explain` prints it.

use super::Rule;

/// Every code rule.
pub fn all() -> Vec<Box<dyn Rule>> {
    vec![]
}

/// The `//!` documentation of a code rule, by id.
pub fn docs(id: &str) -> String {
    super::CODE_RULE_DOCS.iter().find(|(k, _)| *k == id).map(|(_, d)| d.to_string()).unwrap_or_default()
}
