//! The policy checker: which elements each kind (and status-update phase) must contain,
//! detection of each element with evidence, and `missing-*` findings for what is absent.
//!
//! Policies are data: `rules/policies/<kind>.toml` says, per kind and phase, how serious a
//! missing element is; `rules/policies/elements.toml` documents each `missing-*` rule.

pub mod custom;
pub mod element;
pub mod elements;
pub mod packs;

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

/// When a conditional requirement applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Condition {
    /// Someone reported the issue (front matter `reported_by`, or the text says so).
    Reported,
    /// The text says the incident is not over yet.
    InProgress,
}

impl Condition {
    pub fn as_str(self) -> &'static str {
        match self {
            Condition::Reported => "when someone reported it",
            Condition::InProgress => "while the incident is in progress",
        }
    }
}

/// A requirement: a level, optionally only under a condition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum Requirement {
    Level(Level),
    When { level: Level, when: Condition },
}

impl Requirement {
    pub fn level(self, facts: &Facts) -> Level {
        match self {
            Requirement::Level(l) => l,
            Requirement::When { level, when } => {
                let holds = match when {
                    Condition::Reported => facts.reported,
                    Condition::InProgress => facts.in_progress,
                };
                if holds { level } else { Level::Off }
            }
        }
    }

    fn describe(self) -> Option<String> {
        match self {
            Requirement::Level(l) => l.severity().map(|s| s.to_string()),
            Requirement::When { level, when } => {
                level.severity().map(|s| format!("{s} {}", when.as_str()))
            }
        }
    }
}

/// What the document says about itself that conditional requirements depend on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Facts {
    pub reported: bool,
    pub in_progress: bool,
}

impl Facts {
    /// The facts of a document read in parts: each holds if it holds in some part.
    pub fn merge(self, other: Facts) -> Facts {
        Facts {
            reported: self.reported || other.reported,
            in_progress: self.in_progress || other.in_progress,
        }
    }

    pub fn of(ctx: &crate::analysis::Context) -> Facts {
        static ONGOING: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
            regex::Regex::new(r"(?i)\b(?:ongoing|still (?:investigating|working|affected|seeing|checking)|not yet (?:resolved|fixed|restored|know)|(?:do not|don't) yet know|we are (?:still )?(?:checking|investigating))\b").unwrap()
        });
        Facts {
            reported: elements::was_reported(ctx),
            in_progress: ctx.phase.is_some_and(|p| p != Phase::Resolved)
                || ONGOING.is_match(&ctx.doc.prose),
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
    pub requires: BTreeMap<Element, Requirement>,
    /// Per-phase requirements, layered over `requires`.
    #[serde(default)]
    pub phases: BTreeMap<Phase, BTreeMap<Element, Requirement>>,
    /// Requirements when the phase is unknown, layered over `requires`.
    #[serde(default)]
    pub unknown_phase: BTreeMap<Element, Requirement>,
    /// Elements a phase must not assert yet (`premature-*` findings), e.g. a root cause in an
    /// investigating update.
    #[serde(default)]
    pub forbid: BTreeMap<Phase, BTreeMap<Element, Level>>,
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
    premature_docs: BTreeMap<Element, ElementDoc>,
}

impl Policies {
    pub fn builtin() -> Result<Policies, String> {
        let mut files = Vec::new();
        let mut docs = BTreeMap::new();
        let mut premature_docs = BTreeMap::new();
        for (path, text) in EMBEDDED_RULE_FILES
            .iter()
            .filter(|(p, _)| p.starts_with("rules/policies/"))
        {
            if path.ends_with("/elements.toml") {
                docs = toml::from_str(text).map_err(|e| format!("{path}: {e}"))?;
            } else if path.ends_with("/premature.toml") {
                premature_docs = toml::from_str(text).map_err(|e| format!("{path}: {e}"))?;
            } else {
                files.push(toml::from_str::<PolicyFile>(text).map_err(|e| format!("{path}: {e}"))?);
            }
        }
        Ok(Policies {
            files,
            docs,
            premature_docs,
        })
    }

    /// Required elements and how serious their absence is, for a kind and phase.
    pub fn requirements(
        &self,
        kind: Kind,
        phase: Option<Phase>,
        facts: &Facts,
    ) -> BTreeMap<Element, Severity> {
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
        levels
            .into_iter()
            .filter_map(|(e, r)| r.level(facts).severity().map(|s| (e, s)))
            .collect()
    }

    pub fn policy(&self, kind: Kind) -> Option<&PolicyFile> {
        self.files.iter().find(|f| f.kind == kind)
    }

    /// Registry entries for the `missing-*` rules of the built-in elements and the `premature-*` rules.
    pub fn rule_metas(&self) -> Vec<RuleMeta> {
        let premature = self.premature_docs.iter().map(|(e, d)| {
            let mut docs = format!("# {}\n\n{}\n\n## What it flags\n{}\n\n## Why it matters\n{}\n\n## Good\n> {}\n\n## Applies to\n", premature_rule(*e), d.summary, d.what.trim(), d.why.trim(), d.example.trim());
            for f in &self.files {
                for (p, layer) in &f.forbid {
                    if let Some(s) = layer.get(e).and_then(|l| l.severity()) {
                        docs.push_str(&format!("- {} ({p}): {s}\n", f.kind));
                    }
                }
            }
            RuleMeta { id: premature_rule(*e), severity: Severity::Warning, summary: d.summary.clone(), docs, family: Family::Policy, needs_nlp: false }
        });
        let mut metas: Vec<RuleMeta> = Element::ALL
            .into_iter()
            .map(|e| {
                let d = self.docs.get(&e);
                RuleMeta {
                    id: e.missing_rule().to_string(),
                    severity: Severity::Error,
                    summary: d.map_or_else(
                        || format!("required {} is missing", e.label()),
                        |d| d.summary.clone(),
                    ),
                    docs: d.map_or_else(String::new, |d| self.render_docs(e, d)),
                    family: Family::Policy,
                    needs_nlp: false,
                }
            })
            .collect();
        metas.extend(premature);
        metas
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
        s.push_str(&format!(
            "\n## Good\n> {}\n\n## Required by\n",
            d.example.trim()
        ));
        for f in &self.files {
            let mut where_: Vec<String> = Vec::new();
            if let Some(l) = f.requires.get(&e).and_then(|r| r.describe()) {
                where_.push(if f.phases.is_empty() {
                    l
                } else {
                    format!("every phase: {l}")
                });
            }
            for (p, layer) in &f.phases {
                if let Some(l) = layer.get(&e).and_then(|r| r.describe()) {
                    where_.push(format!("{p}: {l}"));
                }
            }
            if !where_.is_empty() {
                s.push_str(&format!("- {}: {}\n", f.kind, where_.join(", ")));
            }
        }
        s
    }

    /// `missing-*` findings for a document whose elements were detected, against its
    /// `requirements` ([`Policies::requirements`], less what its packs waive).
    pub fn check(
        &self,
        kind: Kind,
        phase: Option<Phase>,
        requirements: &BTreeMap<Element, Severity>,
        els: &Elements,
        title: (usize, usize),
    ) -> Vec<Finding> {
        let what = what_is(kind, phase);
        self.check_as(Some(kind), phase, &what, requirements, els, title)
    }

    /// [`Policies::check`] for a document that may have no built-in kind (a team's kind), named
    /// `what` in messages ("This release note has no …").
    pub fn check_as(
        &self,
        kind: Option<Kind>,
        phase: Option<Phase>,
        what: &str,
        requirements: &BTreeMap<Element, Severity>,
        els: &Elements,
        title: (usize, usize),
    ) -> Vec<Finding> {
        let mut out = Vec::new();
        for (&e, &sev) in requirements {
            if els.satisfies(e) {
                continue;
            }
            let d = self.docs.get(&e);
            let message = match (e, els.get(e).quality) {
                (Element::Apology, Some(q)) => format!(
                    "This {what} apologises, but the apology is {}: it names no specific harm",
                    q.as_str()
                ),
                (Element::Apology, None) => format!("This {what} has no apology"),
                _ => match d {
                    Some(d) => {
                        let mut c = d.summary.chars();
                        let lower: String = c
                            .next()
                            .map(|f| f.to_lowercase().chain(c).collect())
                            .unwrap_or_default();
                        format!("This {what} {lower}")
                    }
                    None => format!("This {what} has no {}", e.label()),
                },
            };
            let help = d.map_or_else(String::new, |d| {
                format!("{} For example: \"{}\"", d.help.trim(), d.example.trim())
            });
            let mut f = Finding::new(e.missing_rule(), sev, title.0, title.1)
                .message(message)
                .help(help);
            f.document_level = true;
            out.push(f);
        }
        let forbidden = kind
            .and_then(|k| self.policy(k))
            .zip(phase)
            .and_then(|(f, p)| f.forbid.get(&p));
        for (e, level) in forbidden.into_iter().flatten() {
            let (Some(sev), Some(ev)) = (level.severity(), els.get(*e).evidence.first()) else {
                continue;
            };
            let d = self.premature_docs.get(e);
            let message = format!(
                "This {what} states a {} before the incident is identified",
                e.label()
            );
            let help = d.map_or_else(String::new, |d| {
                format!("{} For example: \"{}\"", d.help.trim(), d.example.trim())
            });
            out.push(
                Finding::new(premature_rule(*e), sev, ev.start, ev.end)
                    .message(message)
                    .help(help),
            );
        }
        out
    }
}

/// How messages name a document: "resolved status update", "breach notice".
pub fn what_is(kind: Kind, phase: Option<Phase>) -> String {
    match phase {
        Some(p) if kind == Kind::StatusUpdate => format!("{p} status update"),
        _ => kind.as_str().replace('-', " "),
    }
}

/// `premature-root-cause`.
pub fn premature_rule(e: Element) -> String {
    format!("premature-{}", e.key().replace('_', "-"))
}
