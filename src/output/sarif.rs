//! `--format sarif`: SARIF 2.1.0 (OASIS), built with the typed `serde-sarif` structures, for
//! GitHub code scanning and other SARIF viewers.
//!
//! One run; `tool.driver.rules` has one descriptor per candor rule (summary, documentation as
//! help text and Markdown, `helpUri` to the rule's section of the docs, default level, family as
//! a tag). Each finding is a result with `ruleId`/`ruleIndex`, a level (error → `error`,
//! warning → `warning`, info → `note`), a physical location with a 1-based region
//! (`run.columnKind` is `unicodeCodePoints`: columns count characters, `endColumn` is
//! exclusive) and a snippet, and a `fix` for every suggestion. Files that could not be read are
//! tool execution notifications. A stable contract, documented in `docs/integrations.md`.

use super::{HOMEPAGE, rule_url};
use crate::diagnostic::{Severity, Span};
use crate::report::Report;
use crate::rules::{Family, RuleMeta};
use serde_sarif::sarif::{
    ArtifactChange, ArtifactContent, ArtifactLocation, Fix, Invocation, Location, Message,
    MultiformatMessageString, Notification, PhysicalLocation, PropertyBag, Region, Replacement,
    ReportingConfiguration, ReportingDescriptor, Result as SarifResult, ResultLevel, Run, Sarif,
    Tool, ToolComponent,
};
use std::collections::HashMap;

pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

pub fn render(report: &Report, rules: &[&RuleMeta]) -> String {
    let mut s =
        serde_json::to_string_pretty(&to_sarif(report, rules)).expect("SARIF values serialize");
    s.push('\n');
    s
}

fn level(s: Severity) -> ResultLevel {
    match s {
        Severity::Error => ResultLevel::Error,
        Severity::Warning => ResultLevel::Warning,
        Severity::Info => ResultLevel::Note,
    }
}

/// The family's name as `candor rules --format json` spells it (robust to new families).
fn family(f: Family) -> String {
    serde_json::to_value(f)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn descriptor(m: &RuleMeta) -> ReportingDescriptor {
    let docs = if m.docs.trim().is_empty() {
        m.summary.clone()
    } else {
        m.docs.clone()
    };
    ReportingDescriptor::builder()
        .id(m.id.clone())
        .name(m.id.clone())
        .short_description(
            MultiformatMessageString::builder()
                .text(m.summary.clone())
                .build(),
        )
        .help(
            MultiformatMessageString::builder()
                .text(docs.clone())
                .markdown(docs)
                .build(),
        )
        .help_uri(rule_url(&m.id))
        .default_configuration(
            ReportingConfiguration::builder()
                .level(serde_json::json!(level(m.severity)))
                .build(),
        )
        .properties(PropertyBag::builder().tags(vec![family(m.family)]).build())
        .build()
}

/// A descriptor for a rule id the registry does not list (e.g. `invalid-front-matter`).
fn bare_descriptor(id: &str) -> ReportingDescriptor {
    ReportingDescriptor::builder()
        .id(id.to_string())
        .name(id.to_string())
        .help_uri(rule_url(id))
        .build()
}

/// A URI for a path: relative paths become relative references (`./` dropped), absolute ones
/// `file://` URIs; backslashes become slashes and everything but unreserved characters and `/`
/// is percent-encoded.
pub fn path_uri(path: &str) -> String {
    let p = path.replace('\\', "/");
    let p = p.strip_prefix("./").unwrap_or(&p);
    let mut out = String::with_capacity(p.len() + 8);
    if p.starts_with('/') {
        out.push_str("file://");
    }
    for b in p.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn region(s: &Span) -> Region {
    Region::builder()
        .start_line(s.line as i64)
        .start_column(s.column as i64)
        .end_line(s.end_line as i64)
        .end_column(s.end_column as i64)
        .build()
}

pub fn to_sarif(report: &Report, rules: &[&RuleMeta]) -> Sarif {
    let mut descriptors: Vec<ReportingDescriptor> = rules.iter().map(|m| descriptor(m)).collect();
    let mut index: HashMap<String, usize> = rules
        .iter()
        .enumerate()
        .map(|(i, m)| (m.id.clone(), i))
        .collect();

    let mut results = Vec::new();
    for f in &report.files {
        let uri = path_uri(&f.path);
        for d in &f.diagnostics {
            let rule_index = *index.entry(d.rule.clone()).or_insert_with(|| {
                descriptors.push(bare_descriptor(&d.rule));
                descriptors.len() - 1
            });
            let mut reg = region(&d.span);
            if !d.text.is_empty() {
                reg.snippet = Some(ArtifactContent::builder().text(d.text.clone()).build());
            }
            let location = Location::builder()
                .physical_location(
                    PhysicalLocation::builder()
                        .artifact_location(ArtifactLocation::builder().uri(uri.clone()).build())
                        .region(reg)
                        .build(),
                )
                .build();
            let mut message = d.message.clone();
            if !d.help.is_empty() {
                message.push_str("\n\n");
                message.push_str(&d.help);
            }
            let mut result = SarifResult::builder()
                .rule_id(d.rule.clone())
                .rule_index(rule_index as i64)
                .level(level(d.severity))
                .message(Message::builder().text(message).build())
                .locations(vec![location])
                .build();
            if !d.suggestions.is_empty() {
                result.fixes = Some(
                    d.suggestions
                        .iter()
                        .map(|s| {
                            let replacement = Replacement::builder()
                                .deleted_region(region(&s.span))
                                .inserted_content(
                                    ArtifactContent::builder()
                                        .text(s.replacement.clone())
                                        .build(),
                                )
                                .build();
                            Fix::builder()
                                .description(Message::builder().text(s.message.clone()).build())
                                .artifact_changes(vec![
                                    ArtifactChange::builder()
                                        .artifact_location(
                                            ArtifactLocation::builder().uri(uri.clone()).build(),
                                        )
                                        .replacements(vec![replacement])
                                        .build(),
                                ])
                                .build()
                        })
                        .collect(),
                );
            }
            results.push(result);
        }
    }

    let notifications: Vec<Notification> = report
        .errors
        .iter()
        .map(|e| {
            Notification::builder()
                .level(serde_json::json!("error"))
                .message(
                    Message::builder()
                        .text(format!("{}: {} ({})", e.path, e.message, e.help))
                        .build(),
                )
                .locations(vec![
                    Location::builder()
                        .physical_location(
                            PhysicalLocation::builder()
                                .artifact_location(
                                    ArtifactLocation::builder().uri(path_uri(&e.path)).build(),
                                )
                                .build(),
                        )
                        .build(),
                ])
                .build()
        })
        .collect();
    let mut invocation = Invocation::builder()
        .execution_successful(report.errors.is_empty())
        .build();
    if !notifications.is_empty() {
        invocation.tool_execution_notifications = Some(notifications);
    }

    let driver = ToolComponent::builder()
        .name("candor")
        .version(env!("CARGO_PKG_VERSION"))
        .semantic_version(env!("CARGO_PKG_VERSION"))
        .information_uri(HOMEPAGE)
        .rules(descriptors)
        .build();
    let run = Run::builder()
        .tool(Tool::builder().driver(driver).build())
        .results(results)
        .invocations(vec![invocation])
        .column_kind(serde_json::json!("unicodeCodePoints"))
        .build();
    Sarif::builder()
        .schema(SCHEMA)
        .version(serde_json::json!("2.1.0"))
        .runs(vec![run])
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_relative_uri_references() {
        assert_eq!(path_uri("./docs/My Update.md"), "docs/My%20Update.md");
        assert_eq!(path_uri("<stdin>"), "%3Cstdin%3E");
        assert_eq!(path_uri("a\\b.md"), "a/b.md");
        assert_eq!(path_uri("/tmp/a b.md"), "file:///tmp/a%20b.md");
    }
}
