//! The optional `grammar` rule group: LanguageTool's grammar rules through nlprule (cargo
//! feature `nlprule`, see `nlprule` when it is built in).
//!
//! The group's id is known in every build, so one candor.toml serves builds with and without
//! the feature: `grammar` and `grammar/<LanguageTool id>` are valid rule ids either way.

#[cfg(feature = "nlprule")]
pub mod nlprule;

/// The group's rule id; findings are `grammar/<LanguageTool rule id>`.
pub const GROUP: &str = "grammar";
