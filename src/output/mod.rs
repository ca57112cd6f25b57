//! Renderers for a [`Report`](crate::report::Report). `json`, `short`, `sarif`, `github` and
//! `rdjson` are stable contracts documented in `docs/output.md` and `docs/integrations.md`;
//! `human` and `html` are for people and may change.

pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod rdjson;
pub mod sarif;
pub mod short;

/// Where each rule's documentation lives: `docs/rules.md`, one heading per rule id, so the
/// rule id is the anchor. Every format that links to a rule builds the link from here.
pub const RULE_DOCS_BASE: &str = "https://github.com/candor-lint/candor/blob/main/docs/rules.md";

/// The project's home page, used as the tool's information URI.
pub const HOMEPAGE: &str = "https://github.com/candor-lint/candor";

/// The documentation link for one rule.
pub fn rule_url(rule: &str) -> String {
    format!("{RULE_DOCS_BASE}#{rule}")
}

/// 1-based column counted in UTF-8 bytes (reviewdog's unit) for a byte offset.
pub fn byte_column(source: &str, offset: usize) -> usize {
    let offset = offset.min(source.len());
    let line_start = source[..offset].rfind('\n').map_or(0, |i| i + 1);
    offset - line_start + 1
}
