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
//!
//! Results are written as each file's report arrives, so the run's `results` come before its
//! `invocations` and `tool` (JSON objects are unordered; SARIF readers do not care): the rule
//! descriptors, which include any rule id first seen in a result, are written last.

use super::{HOMEPAGE, Renderer, rule_url_in, write_pretty};
use crate::diagnostic::{Diagnostic, Edit, Severity, Span, Suggestion};
use crate::report::{FileError, FileReport, Report, Summary};
use crate::rules::{Family, RuleMeta};
use serde_sarif::sarif::{
    ArtifactChange, ArtifactContent, ArtifactLocation, Fix, Invocation, Location, Message,
    MultiformatMessageString, Notification, PhysicalLocation, PropertyBag, Region, Replacement,
    ReportingConfiguration, ReportingDescriptor, Result as SarifResult, ResultLevel, Tool,
    ToolComponent,
};
use std::collections::HashMap;
use std::io::{self, Write};

pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

pub fn render(report: &Report, rules: &[&RuleMeta]) -> String {
    super::render_with(&mut SarifWriter::new(rules, super::RULE_DOCS_BASE), report)
}

/// The SARIF log, written result by result.
pub struct SarifWriter {
    docs_base: String,
    descriptors: Vec<ReportingDescriptor>,
    /// Rule id → index into `descriptors` (`ruleIndex`).
    index: HashMap<String, usize>,
    results: usize,
}

impl SarifWriter {
    /// `rules`: the registry's rules, each described in `tool.driver.rules`.
    /// `docs_base`: where `helpUri` points (`docs_url` in candor.toml, or
    /// [`super::RULE_DOCS_BASE`]).
    pub fn new(rules: &[&RuleMeta], docs_base: &str) -> SarifWriter {
        SarifWriter {
            docs_base: docs_base.to_string(),
            descriptors: rules.iter().map(|m| descriptor(m, docs_base)).collect(),
            index: rules
                .iter()
                .enumerate()
                .map(|(i, m)| (m.id.clone(), i))
                .collect(),
            results: 0,
        }
    }

    fn start(&self, out: &mut dyn Write) -> io::Result<()> {
        write!(
            out,
            "{{\n  \"$schema\": \"{SCHEMA}\",\n  \"runs\": [\n    {{\n      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": ["
        )
    }
}

impl Renderer for SarifWriter {
    fn file(&mut self, f: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        let uri = path_uri(&f.path);
        for d in &f.diagnostics {
            let rule_index = *self.index.entry(d.rule.clone()).or_insert_with(|| {
                self.descriptors
                    .push(bare_descriptor(&d.rule, &self.docs_base));
                self.descriptors.len() - 1
            });
            if self.results == 0 {
                self.start(out)?;
            } else {
                out.write_all(b",")?;
            }
            self.results += 1;
            out.write_all(b"\n        ")?;
            write_pretty(out, &result(&uri, d, rule_index), "        ")?;
        }
        Ok(())
    }

    fn finish(
        &mut self,
        errors: &[FileError],
        _summary: &Summary,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        if self.results == 0 {
            self.start(out)?;
            out.write_all(b"]")?;
        } else {
            out.write_all(b"\n      ]")?;
        }
        out.write_all(b",\n      \"invocations\": ")?;
        write_pretty(out, &[invocation(errors)], "      ")?;
        let driver = ToolComponent::builder()
            .name("candor")
            .version(env!("CARGO_PKG_VERSION"))
            .semantic_version(env!("CARGO_PKG_VERSION"))
            .information_uri(HOMEPAGE)
            .rules(std::mem::take(&mut self.descriptors))
            .build();
        out.write_all(b",\n      \"tool\": ")?;
        write_pretty(out, &Tool::builder().driver(driver).build(), "      ")?;
        out.write_all(b"\n    }\n  ],\n  \"version\": \"2.1.0\"\n}\n")
    }
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

fn descriptor(m: &RuleMeta, docs_base: &str) -> ReportingDescriptor {
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
        .help_uri(rule_url_in(docs_base, &m.id))
        .default_configuration(
            ReportingConfiguration::builder()
                .level(serde_json::json!(level(m.severity)))
                .build(),
        )
        .properties(PropertyBag::builder().tags(vec![family(m.family)]).build())
        .build()
}

/// A descriptor for a rule id the registry does not list (e.g. `invalid-front-matter`).
fn bare_descriptor(id: &str, docs_base: &str) -> ReportingDescriptor {
    ReportingDescriptor::builder()
        .id(id.to_string())
        .name(id.to_string())
        .help_uri(rule_url_in(docs_base, id))
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

/// One finding as a SARIF result.
fn result(uri: &str, d: &Diagnostic, rule_index: usize) -> SarifResult {
    let mut result = SarifResult::builder()
        .rule_id(d.rule.clone())
        .rule_index(rule_index as i64)
        .level(level(d.severity))
        .message(Message::builder().text(message_with_help(d)).build())
        .locations(vec![finding_location(uri, d)])
        .build();
    if !d.suggestions.is_empty() {
        result.fixes = Some(d.suggestions.iter().map(|s| fix(uri, s)).collect());
    }
    result
}

/// The finding's region in its file, with the flagged text as the snippet.
fn finding_location(uri: &str, d: &Diagnostic) -> Location {
    let mut reg = region(&d.span);
    if !d.text.is_empty() {
        reg.snippet = Some(ArtifactContent::builder().text(d.text.clone()).build());
    }
    Location::builder()
        .physical_location(
            PhysicalLocation::builder()
                .artifact_location(ArtifactLocation::builder().uri(uri).build())
                .region(reg)
                .build(),
        )
        .build()
}

/// The result's message: SARIF has no help field per result, so the help follows the message.
fn message_with_help(d: &Diagnostic) -> String {
    let mut message = d.message.clone();
    if !d.help.is_empty() {
        message.push_str("\n\n");
        message.push_str(&d.help);
    }
    message
}

/// One suggestion as a SARIF fix: its edits as replacements in the finding's file.
fn fix(uri: &str, s: &Suggestion) -> Fix {
    let replacements = s.edits.iter().map(replacement).collect::<Vec<_>>();
    Fix::builder()
        .description(Message::builder().text(s.message.clone()).build())
        .artifact_changes(vec![
            ArtifactChange::builder()
                .artifact_location(ArtifactLocation::builder().uri(uri).build())
                .replacements(replacements)
                .build(),
        ])
        .build()
}

/// One edit as a SARIF replacement: the region deleted and the text inserted.
fn replacement(e: &Edit) -> Replacement {
    Replacement::builder()
        .deleted_region(region(&e.span))
        .inserted_content(
            ArtifactContent::builder()
                .text(e.replacement.clone())
                .build(),
        )
        .build()
}

/// The run's invocation: successful unless a file could not be read, each such file a
/// tool execution notification.
fn invocation(errors: &[FileError]) -> Invocation {
    let notifications: Vec<Notification> = errors.iter().map(unreadable_file).collect();
    let mut invocation = Invocation::builder()
        .execution_successful(errors.is_empty())
        .build();
    if !notifications.is_empty() {
        invocation.tool_execution_notifications = Some(notifications);
    }
    invocation
}

/// A file that could not be read, as an error notification located at the file.
fn unreadable_file(e: &FileError) -> Notification {
    let location = Location::builder()
        .physical_location(
            PhysicalLocation::builder()
                .artifact_location(ArtifactLocation::builder().uri(path_uri(&e.path)).build())
                .build(),
        )
        .build();
    Notification::builder()
        .level(serde_json::json!("error"))
        .message(
            Message::builder()
                .text(format!("{}: {} ({})", e.path, e.message, e.help))
                .build(),
        )
        .locations(vec![location])
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
