//! The policy checker: which elements each kind (and status-update phase) must contain,
//! detection of each element with evidence, and `missing-*` findings for what is absent.
//!
//! Policies are data: `rules/policies/<kind>.toml` says, per kind and phase, how serious a
//! missing element is; `rules/policies/elements.toml` documents each `missing-*` rule.

pub mod element;
pub mod elements;

pub use element::{ApologyQuality, Element, Elements, Evidence, Found};

use crate::diagnostic::{Finding, Severity};
use crate::kind::{Kind, Phase};
use crate::rules::{EMBEDDED_RULE_FILES, Family, RuleMeta};
use serde::Deserialize;
use std::collections::BTreeMap;

/// A requirement level in a policy file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Off,
    Info,
    Warning,
    Error,
}

impl Level {
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Off => None,
            Level::Info => Some(Severity::Info),
            Level::Warning => Some(Severity::Warning),
            Level::Error => Some(Severity::Error),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyFile {
    pub kind: Kind,
    pub summary: String,
    /// Requirements for every phase (or the whole kind, when it has no phases).
    #[serde(default)]
    pub requires: BTreeMap<Element, Level>,
    /// Per-phase requirements, layered over `requires`.
    #[serde(default)]
    pub phases: BTreeMap<Phase, BTreeMap<Element, Level>>,
    /// Requirements when the phase is unknown (defaults to `requires`).
    #[serde(default)]
    pub unknown_phase: BTreeMap<Element, Level>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct ElementDoc {
    summary: String,
    what: String,
    why: String,
    help: String,
    example: String,
    #[serde(default)]
    sources: Vec<String>,
}

/// The built-in policies and element docs.
#[derive(Debug, Clone)]
pub struct Policies {
    files: Vec<PolicyFile>,
    docs: BTreeMap<Element, ElementDoc>,
}

impl Policies {
    pub fn builtin() -> Result<Policies, String> {
        let mut files = Vec::new();
        let mut docs = BTreeMap::new();
        for (path, text) in EMBEDDED_RULE_FILES.iter().filter(|(p, _)| p.starts_with("rules/policies/")) {
            if path.ends_with("/elements.toml") {
                docs = toml::from_str(text).map_err(|e| format!("{path}: {e}"))?;
            } else {
                files.push(toml::from_str::<PolicyFile>(text).map_err(|e| format!("{path}: {e}"))?);
            }
        }
        Ok(Policies { files, docs })
    }

    /// Required elements and how serious their absence is, for a kind and phase.
    pub fn requirements(&self, kind: Kind, phase: Option<Phase>) -> BTreeMap<Element, Severity> {
        let Some(file) = self.files.iter().find(|f| f.kind == kind) else {
            return BTreeMap::new();
        };
        let mut levels = file.requires.clone();
        match phase.and_then(|p| file.phases.get(&p)) {
            Some(layer) => levels.extend(layer.iter().map(|(k, v)| (*k, *v))),
            None if phase.is_none() || !file.phases.is_empty() => {
                levels.extend(file.unknown_phase.iter().map(|(k, v)| (*k, *v)))
            }
            None => {}
        }
        levels.into_iter().filter_map(|(e, l)| l.severity().map(|s| (e, s))).collect()
    }

    pub fn policy(&self, kind: Kind) -> Option<&PolicyFile> {
        self.files.iter().find(|f| f.kind == kind)
    }

    /// Registry entries for the ten `missing-*` rules.
    pub fn rule_metas(&self) -> Vec<RuleMeta> {
        Element::ALL
            .into_iter()
            .map(|e| {
                let d = self.docs.get(&e);
                RuleMeta {
                    id: e.missing_rule().to_string(),
                    severity: Severity::Error,
                    summary: d.map_or_else(|| format!("required {} is missing", e.label()), |d| d.summary.clone()),
                    docs: d.map_or_else(String::new, |d| self.render_docs(e, d)),
                    family: Family::Policy,
                    needs_nlp: false,
                }
            })
            .collect()
    }

    fn render_docs(&self, e: Element, d: &ElementDoc) -> String {
        let mut s = format!(
            "# {}\n\n{}\n\n## What it flags\n{}\n\n## Why it matters\n{}\n",
            e.missing_rule(),
            d.summary,
            d.what.trim(),
            d.why.trim()
        );
        if !d.sources.is_empty() {
            s.push_str("\nSources:\n");
            for src in &d.sources {
                s.push_str(&format!("- {src}\n"));
            }
        }
        s.push_str(&format!("\n## Good\n> {}\n\n## Required by\n", d.example.trim()));
        for f in &self.files {
            let mut where_: Vec<String> = Vec::new();
            if let Some(l) = f.requires.get(&e).and_then(|l| l.severity()) {
                where_.push(format!("{l}"));
            }
            for (p, layer) in &f.phases {
                if let Some(l) = layer.get(&e).and_then(|l| l.severity()) {
                    where_.push(format!("{p}: {l}"));
                }
            }
            if !where_.is_empty() {
                s.push_str(&format!("- {}: {}\n", f.kind, where_.join(", ")));
            }
        }
        s
    }

    /// `missing-*` findings for a document whose elements were detected.
    pub fn check(&self, kind: Kind, phase: Option<Phase>, els: &Elements, title: (usize, usize)) -> Vec<Finding> {
        let mut out = Vec::new();
        let what = match phase {
            Some(p) if kind == Kind::StatusUpdate => format!("{p} status update"),
            _ => kind.as_str().replace('-', " "),
        };
        for (e, sev) in self.requirements(kind, phase) {
            if els.satisfies(e) {
                continue;
            }
            let d = self.docs.get(&e);
            let message = match (e, els.get(e).quality) {
                (Element::Apology, Some(q)) => format!("This {what} apologises, but the apology is {}: it names no specific harm", q.as_str()),
                _ => format!("This {what} has no {}", e.label()),
            };
            let help = d.map_or_else(String::new, |d| format!("{} For example: \"{}\"", d.help.trim(), d.example.trim()));
            let mut f = Finding::new(e.missing_rule(), sev, title.0, title.1).message(message).help(help);
            f.document_level = true;
            out.push(f);
        }
        out
    }
}
