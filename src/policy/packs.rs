//! Regulatory packs: opt-in sets of statutory content requirements, as data.
//!
//! A pack is a TOML file — built in under `rules/packs/<id>.toml`, or the user's own in a
//! folder listed in `pack_dirs` — with an `id`, a `title`, the `source` it encodes and its
//! `version`, and a list of `[[require]]` entries. Each requirement is one rule with the id
//! `<pack id>-<requirement id>` (e.g. `us-ca-headings`), so it can be turned off or re-levelled
//! in `[rules]` like any other rule, and `candor explain us-ca-headings` prints its
//! documentation with the pack's source and version. Check types:
//!
//! * `title` — the document title (first heading or line, a `Subject:`/`Re:` line, or front
//!   matter `title`) matches one of `patterns`;
//! * `headings` — every heading in `headings` is present (as a Markdown heading, a short
//!   line, or a run-in label), in that order when `ordered = true`;
//! * `element` — one of `elements` is detected (a detected element with evidence, or an
//!   honest "not known yet" where the kind allows it);
//! * `pattern` — one of `patterns` matches a sentence outside quotations. Patterns are
//!   case-insensitive regexes and may use candor's cue lists, e.g. `{timeline:date}`.
//!
//! A requirement with `when = [patterns]` applies only if one of them matches the text (e.g.
//! credit-bureau contacts only when Social Security numbers were exposed).

use super::element::{Element, Elements, Evidence};
use crate::diagnostic::{Finding, Severity};
use crate::document::Document;
use crate::document::sections::{headings, norm_heading, own_words};
use crate::lazy_regex::LazyRegex;
use crate::rules::{EMBEDDED_RULE_FILES, Family, RuleMeta};
use serde::Deserialize;
use std::path::Path;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPack {
    id: String,
    title: String,
    source: String,
    version: String,
    #[serde(default)]
    url: Option<String>,
    summary: String,
    #[serde(default)]
    notes: Option<String>,
    #[serde(default)]
    waives: Waives,
    #[serde(rename = "require", default)]
    requirements: Vec<RawRequirement>,
}

/// Elements the kind's policy requires that the pack's form of document does not call for
/// (an 8-K filing is not a customer letter), and why.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Waives {
    #[serde(default)]
    pub elements: Vec<Element>,
    #[serde(default)]
    pub reason: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRequirement {
    id: String,
    summary: String,
    cite: String,
    help: String,
    #[serde(default)]
    severity: Option<Severity>,
    check: RawCheck,
    #[serde(default)]
    when: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case", deny_unknown_fields)]
enum RawCheck {
    Title {
        patterns: Vec<String>,
    },
    Headings {
        headings: Vec<String>,
        #[serde(default)]
        ordered: bool,
    },
    Element {
        elements: Vec<Element>,
    },
    Pattern {
        patterns: Vec<String>,
    },
}

enum Check {
    Title(Vec<LazyRegex>),
    /// (display name, normalised name) per heading.
    Headings {
        headings: Vec<(String, String)>,
        ordered: bool,
    },
    Element(Vec<Element>),
    Pattern(Vec<LazyRegex>),
}

pub struct Requirement {
    /// Full rule id: `<pack>-<id>`.
    pub rule: String,
    pub summary: String,
    pub cite: String,
    pub help: String,
    pub severity: Severity,
    check: Check,
    when: Vec<LazyRegex>,
}

/// One regulatory pack.
pub struct Pack {
    pub id: String,
    pub title: String,
    pub source: String,
    pub version: String,
    pub url: Option<String>,
    pub summary: String,
    pub notes: Option<String>,
    /// Policy requirements a document under this pack does not have to meet.
    pub waives: Waives,
    pub requirements: Vec<Requirement>,
    /// Where it was loaded from (`rules/packs/us-ca.toml` or the user's file).
    pub origin: String,
}

/// The outcome of one pack requirement for one document (the checklist view).
#[derive(Debug, Clone, PartialEq)]
pub struct PackCheck {
    pub pack: String,
    pub rule: String,
    pub summary: String,
    pub severity: Severity,
    pub ok: bool,
    /// What satisfied it, or (for headings out of order) where the problem is.
    pub evidence: Option<Evidence>,
    /// Why it failed (missing headings, wrong order).
    pub detail: Option<String>,
}

/// A pack file that could not be loaded: message plus the TOML error span.
#[derive(Debug)]
pub struct PackError {
    pub message: String,
    pub span: Option<std::ops::Range<usize>>,
    pub help: String,
}

impl Pack {
    /// Parses a pack file.
    /// Parses a pack and compiles its patterns, so an invalid one is reported with its span.
    pub fn from_toml(text: &str, origin: &str) -> Result<Pack, PackError> {
        Pack::parse(text, origin, true)
    }

    /// With `eager` false, patterns compile on first use (built-in packs, whose patterns the
    /// unit tests compile): a run that enables no pack never pays for them.
    fn parse(text: &str, origin: &str, eager: bool) -> Result<Pack, PackError> {
        let raw: RawPack = toml::from_str(text).map_err(|e| PackError {
            message: format!("invalid pack file {origin}: {}", e.message()),
            span: e.span(),
            help: "a pack has id, title, source, version, summary and [[require]] entries with id, summary, cite, help and check = { type = \"title\" | \"headings\" | \"element\" | \"pattern\", … }; see docs/policies.md".into(),
        })?;
        let bad_id = |id: &str| crate::rule_id::validate_rule_id(id).is_err();
        if bad_id(&raw.id) {
            return Err(PackError {
                message: format!("pack id `{}` in {origin} is not kebab-case", raw.id),
                span: text.find(&raw.id).map(|i| i..i + raw.id.len()),
                help: "use lower-case letters, digits and `-`, e.g. `acme-uk`".into(),
            });
        }
        let compile = |p: &str| -> Result<LazyRegex, PackError> {
            let error = |e: String| {
                PackError {
                message: format!("invalid pattern in {origin}: {p}: {e}"),
                span: text.find(p).map(|i| i..i + p.len()),
                help: "patterns are regular expressions (Rust regex syntax, no look-around), matched case-insensitively".into(),
            }
            };
            let re = LazyRegex::owned(format!("(?i){p}"));
            if eager {
                re.try_compile().map_err(error)?;
            }
            Ok(re)
        };
        let mut requirements = Vec::new();
        for r in raw.requirements {
            if bad_id(&r.id) {
                return Err(PackError {
                    message: format!("requirement id `{}` in {origin} is not kebab-case", r.id),
                    span: text.find(&r.id).map(|i| i..i + r.id.len()),
                    help: "use lower-case letters, digits and `-`".into(),
                });
            }
            let check = match r.check {
                RawCheck::Title { patterns } => Check::Title(
                    patterns
                        .iter()
                        .map(|p| compile(p))
                        .collect::<Result<_, _>>()?,
                ),
                RawCheck::Headings { headings, ordered } => Check::Headings {
                    headings: headings
                        .iter()
                        .map(|h| (h.clone(), norm_heading(h)))
                        .collect(),
                    ordered,
                },
                RawCheck::Element { elements } => Check::Element(elements),
                RawCheck::Pattern { patterns } => Check::Pattern(
                    patterns
                        .iter()
                        .map(|p| compile(p))
                        .collect::<Result<_, _>>()?,
                ),
            };
            requirements.push(Requirement {
                rule: format!("{}-{}", raw.id, r.id),
                summary: r.summary,
                cite: r.cite,
                help: r.help,
                severity: r.severity.unwrap_or(Severity::Error),
                check,
                when: r
                    .when
                    .iter()
                    .map(|p| compile(p))
                    .collect::<Result<_, _>>()?,
            });
        }
        Ok(Pack {
            id: raw.id,
            title: raw.title,
            source: raw.source,
            version: raw.version,
            url: raw.url,
            summary: raw.summary,
            notes: raw.notes,
            waives: raw.waives,
            requirements,
            origin: origin.to_string(),
        })
    }

    /// Documentation of the whole pack (`candor explain us-ca`).
    pub fn docs(&self) -> String {
        let mut s = format!(
            "# {} — {}\n\n{}\n\nSource: {}\nVersion: {}\n",
            self.id,
            self.title,
            self.summary.trim(),
            self.source,
            self.version
        );
        if let Some(u) = &self.url {
            s.push_str(&format!("Text: {u}\n"));
        }
        s.push_str("\n## Requirements\n");
        for r in &self.requirements {
            s.push_str(&format!(
                "- `{}` ({}): {} — {}\n",
                r.rule, r.severity, r.summary, r.cite
            ));
        }
        if !self.waives.elements.is_empty() {
            let names: Vec<&str> = self.waives.elements.iter().map(|e| e.label()).collect();
            s.push_str(&format!(
                "\n## Policy requirements it waives\n{}: {}\n",
                names.join(", "),
                self.waives.reason.trim()
            ));
        }
        if let Some(n) = &self.notes {
            s.push_str(&format!("\n## Not checked\n{}\n", n.trim()));
        }
        s.push_str("\nA checklist, not legal advice: have counsel review every notice.\n");
        s
    }

    /// Registry entries, one per requirement.
    pub fn rule_metas(&self) -> Vec<RuleMeta> {
        self.requirements
            .iter()
            .map(|r| RuleMeta {
                id: r.rule.clone(),
                severity: r.severity,
                summary: format!("[{}] {}", self.id, r.summary),
                docs: format!(
                    "# {}\n\n{}\n\n## What it flags\nWith the `{}` pack enabled, a document that does not meet this requirement: {}.\n\n## Why it matters\n{} requires it ({}).\n\nSource: {}\nVersion: {}\n{}\n## Good\n> {}\n\nEnable the pack with `packs = [\"{}\"]` in candor.toml, `packs: [{}]` in front matter, or `--pack {}`. `candor explain {}` lists the whole pack. A checklist, not legal advice.\n",
                    r.rule,
                    r.summary,
                    self.id,
                    r.summary.to_lowercase(),
                    self.title,
                    r.cite,
                    self.source,
                    self.version,
                    self.url.as_ref().map(|u| format!("Text: {u}\n")).unwrap_or_default(),
                    r.help.trim(),
                    self.id,
                    self.id,
                    self.id,
                    self.id,
                ),
                family: Family::Pack,
                needs_nlp: false,
            })
            .collect()
    }

    /// Runs every requirement against a document.
    pub fn check(
        &self,
        doc: &Document,
        els: &Elements,
        title: (usize, usize),
    ) -> (Vec<PackCheck>, Vec<Finding>) {
        let mut reading = self.begin(doc, title);
        self.read(&mut reading, doc, 0);
        self.finish(&reading, els)
    }

    /// Starts reading a document for this pack: its title is in `first`, the document or its
    /// first part. Then [`Pack::read`] every part, and [`Pack::finish`].
    pub fn begin(&self, first: &Document, title: (usize, usize)) -> PackReading {
        let n = self.requirements.len();
        PackReading {
            title,
            title_candidates: title_candidates(first, title),
            applies: self
                .requirements
                .iter()
                .map(|r| r.when.is_empty())
                .collect(),
            pattern_at: vec![None; n],
            headings_at: self
                .requirements
                .iter()
                .map(|r| match &r.check {
                    Check::Headings { headings, .. } => vec![None; headings.len()],
                    _ => Vec::new(),
                })
                .collect(),
        }
    }

    /// Reads the sentences and headings of `doc`, a part that starts at byte `offset` of the
    /// file: the first sentence each requirement's patterns match, and the first heading of
    /// each name it wants.
    pub fn read(&self, reading: &mut PackReading, doc: &Document, offset: usize) {
        let wants_sentences = self
            .requirements
            .iter()
            .any(|r| !r.when.is_empty() || matches!(r.check, Check::Pattern(_)));
        if wants_sentences {
            for s in &doc.sentences {
                let text = own_words(doc, s);
                let at = Evidence {
                    start: offset + s.start,
                    end: offset + s.end,
                };
                for (i, r) in self.requirements.iter().enumerate() {
                    if !reading.applies[i] && r.when.iter().any(|w| w.is_match(&text)) {
                        reading.applies[i] = true;
                    }
                    if let Check::Pattern(pats) = &r.check
                        && reading.pattern_at[i].is_none()
                        && pats.iter().any(|p| p.is_match(&text))
                    {
                        reading.pattern_at[i] = Some(at);
                    }
                }
            }
        }
        if reading
            .headings_at
            .iter()
            .all(|h| h.iter().all(Option::is_some))
        {
            return;
        }
        let found = headings(doc, 8);
        for (i, r) in self.requirements.iter().enumerate() {
            let Check::Headings { headings: want, .. } = &r.check else {
                continue;
            };
            for (slot, (_, name)) in reading.headings_at[i].iter_mut().zip(want) {
                if slot.is_none()
                    && let Some(h) = found.iter().find(|h| h.text == *name)
                {
                    *slot = Some(Evidence {
                        start: offset + h.start,
                        end: offset + h.end,
                    });
                }
            }
        }
    }

    /// The outcome of every requirement that applies, from what was read and the elements
    /// found in the whole document.
    pub fn finish(&self, reading: &PackReading, els: &Elements) -> (Vec<PackCheck>, Vec<Finding>) {
        let mut checks = Vec::new();
        let mut findings = Vec::new();
        for (i, r) in self.requirements.iter().enumerate() {
            if !reading.applies[i] {
                continue;
            }
            let outcome = reading.evaluate(i, r, els);
            findings.extend(outcome.failures.into_iter().map(|(msg, at, doc_level)| {
                let mut f = Finding::new(r.rule.clone(), r.severity, at.0, at.1)
                    .message(format!("[{}] {msg} ({})", self.id, r.cite))
                    .help(r.help.trim().to_string());
                f.document_level = doc_level;
                f
            }));
            checks.push(PackCheck {
                pack: self.id.clone(),
                rule: r.rule.clone(),
                summary: r.summary.clone(),
                severity: r.severity,
                ok: outcome.ok,
                evidence: outcome.evidence,
                detail: outcome.detail,
            });
        }
        (checks, findings)
    }
}

/// Places a title can be: the first heading or line, the first few heading-like lines, a
/// `Subject:`/`Re:` line.
fn title_candidates(doc: &Document, title: (usize, usize)) -> Vec<(usize, usize, String)> {
    let mut out = vec![(title.0, title.1, doc.source[title.0..title.1].to_string())];
    for s in doc.sentences.iter().take(8) {
        let t = doc.sentence_text(s);
        if s.heading_like
            || t.trim_start().to_lowercase().starts_with("subject:")
            || t.trim_start().to_lowercase().starts_with("re:")
        {
            out.push((s.start, s.end, t.to_string()));
        }
    }
    if let Some(t) = doc.front_matter.as_ref().and_then(|f| f.title.clone()) {
        out.push((title.0, title.1, t));
    }
    out
}

/// A pack file read from disk: (path, text, parse result).
pub type LoadedPack = (String, String, Result<Pack, PackError>);

/// The built-in and user packs.
#[derive(Default)]
pub struct Packs {
    packs: Vec<Pack>,
}

impl Packs {
    pub fn builtin() -> Result<Packs, String> {
        let mut packs = Vec::new();
        for (path, text) in EMBEDDED_RULE_FILES
            .iter()
            .filter(|(p, _)| p.starts_with("rules/packs/"))
        {
            packs.push(Pack::parse(text, path, false).map_err(|e| e.message)?);
        }
        Ok(Packs { packs })
    }

    /// Adds a user pack; its id must be new.
    pub fn add(&mut self, pack: Pack) -> Result<(), String> {
        if let Some(p) = self.get(&pack.id) {
            return Err(format!(
                "pack `{}` in {} has the same id as the pack in {}",
                pack.id, pack.origin, p.origin
            ));
        }
        self.packs.push(pack);
        Ok(())
    }

    /// Loads every `*.toml` in a folder (sorted), returning (path, text, result) per file.
    pub fn load_dir(dir: &Path) -> std::io::Result<Vec<LoadedPack>> {
        let mut paths: Vec<_> = std::fs::read_dir(dir)?
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        paths.sort();
        let mut out = Vec::new();
        for p in paths {
            let name = p.display().to_string();
            let text = std::fs::read_to_string(&p)?;
            let pack = Pack::from_toml(&text, &name);
            out.push((name, text, pack));
        }
        Ok(out)
    }

    pub fn get(&self, id: &str) -> Option<&Pack> {
        self.packs.iter().find(|p| p.id == id)
    }

    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.packs.iter().map(|p| p.id.as_str())
    }

    pub fn iter(&self) -> impl Iterator<Item = &Pack> {
        self.packs.iter()
    }

    /// "unknown pack `us-cal`" with a did-you-mean hint.
    pub fn unknown(&self, id: &str) -> (String, String) {
        let known: Vec<&str> = self.ids().collect();
        let hint = match crate::config::closest(id, known.iter().copied()) {
            Some(s) => format!("did you mean `{s}`? "),
            None => String::new(),
        };
        (
            format!("unknown pack `{id}`"),
            format!(
                "{hint}known packs: {}; your own packs load from `pack_dirs` in candor.toml",
                known.join(", ")
            ),
        )
    }
}

/// Built-in packs plus the user's packs from `pack_dirs`; errors point into the pack file.
#[allow(clippy::result_large_err)]
pub fn load(config: &crate::config::Config) -> Result<Packs, crate::config::ConfigError> {
    use crate::config::ConfigError;
    use miette::{NamedSource, SourceSpan};
    let mut packs = Packs::builtin().map_err(|m| {
        ConfigError::plain(
            format!("built-in pack data is invalid: {m}"),
            "this is a bug in candor; please report it",
        )
    })?;
    for dir in &config.pack_dirs {
        let files = Packs::load_dir(dir).map_err(|e| {
            ConfigError::plain(format!("cannot read pack folder {}: {e}", dir.display()), "`pack_dirs` in candor.toml lists folders of pack TOML files, relative to candor.toml")
        })?;
        for (name, text, pack) in files {
            let pack = pack.map_err(|e| ConfigError {
                message: e.message,
                span: e.span.map(|r| {
                    SourceSpan::from(r.start..r.end.max(r.start + 1).min(text.len().max(1)))
                }),
                src: Some(NamedSource::new(name.clone(), text.clone())),
                label: "here".into(),
                help: Some(e.help),
            })?;
            packs.add(pack).map_err(|m| {
                ConfigError::plain(
                    m,
                    "give your pack its own id (a prefix such as `acme-` keeps ids apart)",
                )
            })?;
        }
    }
    Ok(packs)
}

/// Every pack named in the config (top level and overrides) must exist.
#[allow(clippy::result_large_err)]
pub fn validate_config_packs(
    packs: &Packs,
    config: &crate::config::Config,
    text: Option<&str>,
) -> Result<(), crate::config::ConfigError> {
    use miette::{NamedSource, SourceSpan};
    let named = config
        .packs
        .iter()
        .chain(config.overrides.iter().flat_map(|o| o.packs.iter()));
    for id in named {
        if packs.get(id).is_some() {
            continue;
        }
        let (message, help) = packs.unknown(id);
        let (src, span) = match (text, &config.path) {
            (Some(t), Some(p)) => (
                Some(NamedSource::new(p.display().to_string(), t.to_string())),
                t.find(&format!("\"{id}\""))
                    .map(|i| SourceSpan::from(i + 1..i + 1 + id.len())),
            ),
            _ => (None, None),
        };
        return Err(crate::config::ConfigError {
            message: format!("{message} in {}", crate::config::FILE_NAME),
            src,
            span,
            label: "no pack has this id".into(),
            help: Some(help),
        });
    }
    Ok(())
}

/// `invalid-front-matter` findings for pack names in front matter that no pack has.
pub fn front_matter_pack_findings(packs: &Packs, doc: &Document) -> Vec<Finding> {
    let (Some(fm), Some(b)) = (&doc.front_matter, &doc.front_matter_block) else {
        return Vec::new();
    };
    fm.packs
        .iter()
        .filter(|id| packs.get(id).is_none())
        .map(|id| {
            let block = &doc.source[b.start..b.end];
            let (s, e) = block.find(id.as_str()).map_or((b.start, b.start + 3), |i| {
                (b.start + i, b.start + i + id.len())
            });
            let (message, help) = packs.unknown(id);
            Finding::new("invalid-front-matter", Severity::Error, s, e)
                .message(message)
                .help(help)
        })
        .collect()
}

/// One requirement's outcome: whether it holds, its evidence, what is wrong, and the failures
/// to report (message, span, whether about the whole document).
#[derive(Default)]
struct Outcome {
    ok: bool,
    evidence: Option<Evidence>,
    detail: Option<String>,
    failures: Vec<(String, (usize, usize), bool)>,
}

impl Outcome {
    fn found(evidence: Option<Evidence>) -> Outcome {
        Outcome {
            ok: true,
            evidence,
            ..Outcome::default()
        }
    }

    fn failed(message: String, at: (usize, usize)) -> Outcome {
        Outcome {
            failures: vec![(message, at, true)],
            ..Outcome::default()
        }
    }
}

/// What a pack's requirements read of a document, gathered part by part (a large document is
/// checked in parts): the title, whether each requirement applies, the first sentence each
/// `pattern` requirement matches and the first heading of each name a `headings` requirement
/// wants. Sentences matched against patterns are not kept, so a pack costs no memory per
/// sentence.
pub struct PackReading {
    title: (usize, usize),
    title_candidates: Vec<(usize, usize, String)>,
    /// Per requirement: it has no `when`, or a sentence matched one.
    applies: Vec<bool>,
    pattern_at: Vec<Option<Evidence>>,
    /// Per requirement, per wanted heading.
    headings_at: Vec<Vec<Option<Evidence>>>,
}

impl PackReading {
    fn evaluate(&self, i: usize, r: &Requirement, els: &Elements) -> Outcome {
        match &r.check {
            Check::Title(pats) => self.title_names(r, pats),
            Check::Headings { headings, ordered } => {
                self.has_headings(headings, &self.headings_at[i], *ordered)
            }
            Check::Element(elements) => self.has_element(r, elements, els),
            Check::Pattern(_) => match self.pattern_at[i] {
                Some(ev) => Outcome::found(Some(ev)),
                None => Outcome::failed(format!("{}: not found", r.summary), self.title),
            },
        }
    }

    fn title_names(&self, r: &Requirement, pats: &[LazyRegex]) -> Outcome {
        match self
            .title_candidates
            .iter()
            .find(|(_, _, t)| pats.iter().any(|p| p.is_match(t)))
        {
            Some(&(start, end, _)) => Outcome::found(Some(Evidence { start, end })),
            None => Outcome::failed(format!("{}: not in the title", r.summary), self.title),
        }
    }

    /// Every wanted heading is present and, when `ordered`, in the order given.
    fn has_headings(
        &self,
        want: &[(String, String)],
        found: &[Option<Evidence>],
        ordered: bool,
    ) -> Outcome {
        let missing: Vec<&str> = want
            .iter()
            .zip(found)
            .filter(|(_, f)| f.is_none())
            .map(|(w, _)| w.0.as_str())
            .collect();
        let mut outcome = Outcome::default();
        let mut problems = Vec::new();
        if !missing.is_empty() {
            let list = missing
                .iter()
                .map(|m| format!("\"{m}\""))
                .collect::<Vec<_>>()
                .join(", ");
            problems.push(format!("missing {list}"));
            let verb = if missing.len() == 1 { " is" } else { "s are" };
            outcome.failures.push((
                format!("Required heading{verb} missing: {list}"),
                self.title,
                true,
            ));
        }
        if ordered {
            let present: Vec<(&str, Evidence)> = want
                .iter()
                .zip(found)
                .filter_map(|(w, f)| f.map(|f| (w.0.as_str(), f)))
                .collect();
            let order = want
                .iter()
                .map(|w| w.0.as_str())
                .collect::<Vec<_>>()
                .join(" → ");
            for pair in present.windows(2) {
                let ((a, ha), (b, hb)) = (pair[0], pair[1]);
                if hb.start < ha.start {
                    problems.push(format!("\"{b}\" comes before \"{a}\""));
                    outcome.failures.push((
                        format!(
                            "Heading \"{b}\" comes before \"{a}\"; the required order is {order}"
                        ),
                        (hb.start, hb.end),
                        false,
                    ));
                    outcome.evidence = Some(hb);
                }
            }
        }
        if problems.is_empty() {
            outcome.ok = true;
            outcome.evidence = found.first().copied().flatten();
        } else {
            outcome.detail = Some(problems.join("; "));
        }
        outcome
    }

    /// One of `elements` is present (or stood in for by a "not known yet" sentence).
    fn has_element(&self, r: &Requirement, elements: &[Element], els: &Elements) -> Outcome {
        match elements.iter().find(|e| els.satisfies(**e)) {
            Some(e) => {
                let f = els.get(*e);
                Outcome::found(f.evidence.first().copied().or(f.deferred))
            }
            None => {
                let names = elements
                    .iter()
                    .map(|e| e.label())
                    .collect::<Vec<_>>()
                    .join(" or ");
                Outcome::failed(
                    format!("{}: not found (no {names} detected)", r.summary),
                    self.title,
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Built-in packs compile their patterns lazily; compiling them all here catches a bad one.
    #[test]
    fn builtin_pack_patterns_compile() {
        for (path, text) in EMBEDDED_RULE_FILES
            .iter()
            .filter(|(p, _)| p.starts_with("rules/packs/"))
        {
            Pack::from_toml(text, path).unwrap_or_else(|e| panic!("{path}: {}", e.message));
        }
    }

    #[test]
    fn builtin_packs_load() {
        let p = Packs::builtin().unwrap();
        for id in ["us-ca", "eu-gdpr", "us-hipaa", "sec-8k"] {
            let pack = p.get(id).unwrap_or_else(|| panic!("{id}"));
            assert!(!pack.requirements.is_empty());
            assert!(pack.docs().contains("Version:"));
        }
        let (msg, help) = p.unknown("us-cal");
        assert!(
            msg.contains("us-cal") && help.contains("did you mean `us-ca`"),
            "{help}"
        );
    }

    #[test]
    fn bad_pack_files_are_errors() {
        assert!(Pack::from_toml("id = \"x\"", "t.toml").is_err());
        let e = Pack::from_toml(
            "id = \"Bad Id\"\ntitle = \"t\"\nsource = \"s\"\nversion = \"v\"\nsummary = \"s\"\n",
            "t.toml",
        )
        .err()
        .unwrap();
        assert!(e.message.contains("kebab-case"));
    }
}
