//! A team's own policies: kinds and elements defined in `candor.toml` (or in the policy files
//! it lists in `policy_files`).
//!
//! ```toml
//! [kinds.release-note]                 # a kind of the team's own …
//! files = ["notes/**"]                 # which files are this kind (globs relative to candor.toml;
//!                                      # front matter `kind: release-note` works too)
//! like = "incident-email"              # optional: judged like this built-in kind, plus the lists below
//! requires = ["impact", "status-link"] # missing: an error
//! should = ["timeline"]                # missing: a warning
//! optional = []                        # missing: info
//! off = []                             # not checked (turns off what `like` requires)
//!
//! [kinds.status-update.phases.resolved] # … or more requirements for a built-in kind (and phase)
//! requires = ["status-link"]
//!
//! [elements.status-link]
//! summary = "Links the status page"
//! help = "Link https://status.example.com."          # optional
//! cues = ["status page|site", "@contact_verb us"]    # sentences, in the pattern notation
//! vetoes = ["no status page"]                        # sentences that never count
//! headings = ["action items"]                        # a heading, followed by content
//! links = ["status.example.com"]                     # text of a link or address
//! ```
//!
//! Each element of the team's makes the rule `missing-<name>`. Errors point into the file that
//! has them, with a "did you mean".

use super::Level;
use super::element::{Element, Evidence, Found};
use crate::analysis::{Context, Lexicon};
use crate::config::{ConfigError, build_globs, closest, unknown_field_help};
use crate::diagnostic::{Finding, Severity};
use crate::kind::{Kind, Phase};
use crate::pattern::Pattern;
use crate::pattern::cue::{Cue, CueDef, CueMemo};
use crate::pattern::registry::Registry;
use crate::rules::{Family, RuleMeta};
use globset::GlobSet;
use miette::{NamedSource, SourceSpan};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;
use toml::Spanned;

/// `[kinds.<name>]` as written. Its four level lists repeat [`RawLevels`]'s: serde's
/// `flatten` does not work with `deny_unknown_fields`, which is what reports a typo'd key.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawKind {
    #[serde(default)]
    files: Vec<String>,
    like: Option<Spanned<String>>,
    summary: Option<String>,
    #[serde(default)]
    requires: Vec<Spanned<String>>,
    #[serde(default)]
    should: Vec<Spanned<String>>,
    #[serde(default)]
    optional: Vec<Spanned<String>>,
    #[serde(default)]
    off: Vec<Spanned<String>>,
    #[serde(default)]
    phases: BTreeMap<String, RawLevels>,
}

/// `[kinds.<name>.phases.<phase>]` as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLevels {
    #[serde(default)]
    requires: Vec<Spanned<String>>,
    #[serde(default)]
    should: Vec<Spanned<String>>,
    #[serde(default)]
    optional: Vec<Spanned<String>>,
    #[serde(default)]
    off: Vec<Spanned<String>>,
}

/// `[elements.<name>]` as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawElement {
    summary: String,
    help: Option<String>,
    example: Option<String>,
    #[serde(default)]
    cues: Vec<Spanned<String>>,
    #[serde(default)]
    vetoes: Vec<Spanned<String>>,
    heading: Option<Spanned<String>>,
    #[serde(default)]
    headings: Vec<Spanned<String>>,
    #[serde(default)]
    links: Vec<String>,
}

/// A policy file listed in `policy_files`: the same tables as in candor.toml.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPolicyFile {
    #[serde(default)]
    kinds: BTreeMap<String, RawKind>,
    #[serde(default)]
    elements: BTreeMap<String, RawElement>,
}

/// A team's element, validated.
#[derive(Debug, Clone)]
pub struct CustomElement {
    pub name: String,
    pub summary: String,
    pub help: Option<String>,
    pub example: Option<String>,
    pub cues: Vec<String>,
    pub vetoes: Vec<String>,
    pub headings: Vec<String>,
    pub links: Vec<String>,
    /// The file that defines it.
    pub origin: String,
}

impl CustomElement {
    /// `missing-status-link`.
    pub fn rule(&self) -> String {
        format!("missing-{}", self.name.replace('_', "-"))
    }

    /// The checklist label: `status link`.
    pub fn label(&self) -> String {
        self.name.replace(['-', '_'], " ")
    }
}

/// An element a kind requires: built in, or the team's own (by name).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum ElementRef {
    Builtin(Element),
    Custom(String),
}

/// `[kinds.<name>]`, validated: a kind of the team's own, or more requirements for a built-in
/// kind.
#[derive(Debug, Clone)]
pub struct KindPolicy {
    pub name: String,
    /// The built-in kind this table extends (`[kinds.incident-email]`).
    pub builtin: Option<Kind>,
    /// A team's kind judged like this built-in kind (`like = "incident-email"`).
    pub like: Option<Kind>,
    /// Files that are this kind (`files`); `None` when the table names no files.
    pub globs: Option<GlobSet>,
    pub summary: Option<String>,
    /// For every phase (or the whole kind).
    pub levels: Vec<(ElementRef, Level)>,
    /// Per phase, layered over `levels`.
    pub phases: Vec<(Phase, Vec<(ElementRef, Level)>)>,
    pub origin: String,
}

impl KindPolicy {
    /// The built-in kind whose rules and policy apply.
    pub fn base(&self) -> Option<Kind> {
        self.builtin.or(self.like)
    }

    /// A kind of the team's own (not an extension of a built-in kind).
    pub fn is_custom(&self) -> bool {
        self.builtin.is_none()
    }

    /// The requirement levels for a phase: `levels`, then the phase's layer.
    pub fn levels_for(&self, phase: Option<Phase>) -> Vec<(ElementRef, Level)> {
        let mut out = self.levels.clone();
        if let Some(p) = phase
            && let Some((_, layer)) = self.phases.iter().find(|(q, _)| *q == p)
        {
            out.extend(layer.iter().cloned());
        }
        out
    }
}

/// One source of policy tables: candor.toml or a policy file.
struct Source {
    name: String,
    text: String,
    kinds: BTreeMap<String, RawKind>,
    elements: BTreeMap<String, RawElement>,
}

impl Source {
    fn error(
        &self,
        span: Option<Range<usize>>,
        label: &str,
        message: String,
        help: String,
    ) -> ConfigError {
        ConfigError {
            message,
            src: Some(NamedSource::new(self.name.clone(), self.text.clone())),
            span: span.map(|r| {
                SourceSpan::from(r.start..r.end.max(r.start + 1).min(self.text.len().max(1)))
            }),
            label: label.to_string(),
            help: Some(help),
        }
    }

    /// The span of the first occurrence of `needle`.
    fn find(&self, needle: &str) -> Option<Range<usize>> {
        self.text.find(needle).map(|i| i..i + needle.len())
    }

    /// The span of a table's name in its header (`[kinds.release-note]` → `release-note`).
    fn table_name(&self, table: &str, name: &str) -> Option<Range<usize>> {
        let header = format!("{table}.{name}");
        self.find(&header)
            .map(|r| r.start + table.len() + 1..r.end)
            .or_else(|| self.find(name))
    }
}

/// Is `name` usable as an element or kind name: lowercase words joined by `-` or `_`?
fn valid_name(name: &str) -> bool {
    let mut parts = name.split(['-', '_']);
    name.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && parts.all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

/// "did you mean `release-note`? name kinds with lowercase words joined by `-`".
fn name_help(name: &str, what: &str, example: &str) -> String {
    let fixed = name
        .trim()
        .to_ascii_lowercase()
        .replace(['_', ' ', '.'], "-");
    let hint = if valid_name(&fixed) {
        format!("did you mean `{fixed}`? ")
    } else {
        String::new()
    };
    format!(
        "{hint}name {what} with lowercase words joined by `-`, e.g. `{example}`; the rule of a missing element is `missing-<name>`"
    )
}

/// The most a policy file may hold: a policy is a page of TOML, and a path to a device or a
/// huge file must not hang or exhaust the run.
const MAX_POLICY_FILE: u64 = 1 << 20;

fn read_policy_file(path: &Path) -> std::io::Result<String> {
    use std::io::Read;
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(std::io::Error::other("not a regular file"));
    }
    if meta.len() > MAX_POLICY_FILE {
        return Err(std::io::Error::other(format!(
            "larger than {} KiB",
            MAX_POLICY_FILE / 1024
        )));
    }
    let mut text = String::new();
    std::fs::File::open(path)?
        .take(MAX_POLICY_FILE)
        .read_to_string(&mut text)?;
    Ok(text)
}

/// Reads the `[kinds]` and `[elements]` tables of candor.toml and of its `policy_files`.
#[allow(clippy::result_large_err, clippy::too_many_arguments)]
pub fn from_config(
    name: &str,
    text: &str,
    kinds: BTreeMap<String, RawKind>,
    elements: BTreeMap<String, RawElement>,
    policy_files: &[String],
    root: &Path,
    vocab: &BTreeMap<String, Vec<String>>,
) -> Result<(Vec<KindPolicy>, Vec<CustomElement>), ConfigError> {
    let mut sources = vec![Source {
        name: name.to_string(),
        text: text.to_string(),
        kinds,
        elements,
    }];
    for file in policy_files {
        let path = root.join(file);
        let file_text = read_policy_file(&path).map_err(|e| {
            sources[0].error(
                sources[0].find(&format!("\"{file}\"")),
                "cannot read this file",
                format!("cannot read policy file {}: {e}", path.display()),
                "`policy_files` lists TOML files with `[kinds.*]` and `[elements.*]` tables, relative to candor.toml".into(),
            )
        })?;
        let display = path.display().to_string();
        let raw: RawPolicyFile = toml::from_str(&file_text).map_err(|e| {
            let src = Source {
                name: display.clone(),
                text: file_text.clone(),
                kinds: BTreeMap::new(),
                elements: BTreeMap::new(),
            };
            let msg = e.message().to_string();
            let help = unknown_field_help(&msg).unwrap_or_else(|| {
                "a policy file holds `[kinds.<name>]` and `[elements.<name>]` tables, as in candor.toml (docs/policies.md)".into()
            });
            src.error(e.span(), "here", format!("invalid policy file {display}: {msg}"), help)
        })?;
        sources.push(Source {
            name: display,
            text: file_text,
            kinds: raw.kinds,
            elements: raw.elements,
        });
    }
    if sources
        .iter()
        .all(|s| s.kinds.is_empty() && s.elements.is_empty())
    {
        return Ok((Vec::new(), Vec::new()));
    }
    let mut lexicon = Lexicon::builtin().map_err(|m| {
        ConfigError::plain(
            format!("built-in word families are invalid: {m}"),
            "this is a bug in candor; please report it",
        )
    })?;
    for (family, words) in vocab {
        lexicon.extend_literal(family, words);
    }
    let mut custom = Vec::new();
    for src in &sources {
        for (ename, raw) in &src.elements {
            custom.push(element(src, ename, raw, &lexicon, &custom)?);
        }
    }
    let mut policies: Vec<KindPolicy> = Vec::new();
    for src in &sources {
        for (kname, raw) in &src.kinds {
            let policy = kind(src, kname, raw, &custom)?;
            if let Some(p) = policies.iter().find(|p| p.name == policy.name) {
                return Err(src.error(
                    src.table_name("kinds", kname),
                    "defined twice",
                    format!("kind `{kname}` is already defined in {}", p.origin),
                    "define each kind once; a policy file and candor.toml share one set of names"
                        .into(),
                ));
            }
            policies.push(policy);
        }
    }
    Ok((policies, custom))
}

#[allow(clippy::result_large_err)]
fn element(
    src: &Source,
    name: &str,
    raw: &RawElement,
    lexicon: &Lexicon,
    defined: &[CustomElement],
) -> Result<CustomElement, ConfigError> {
    let at_name = || src.table_name("elements", name);
    if !valid_name(name) {
        return Err(src.error(
            at_name(),
            "not a valid element name",
            format!("invalid element name `{name}`"),
            name_help(name, "elements", "status-link"),
        ));
    }
    if let Ok(e) = name.parse::<Element>() {
        return Err(src.error(
            at_name(),
            "a built-in element",
            format!("element `{name}` is built in"),
            format!(
                "give your element its own name; `{}` is detected by candor already and can be required as it is",
                e.key()
            ),
        ));
    }
    let rule = format!("missing-{}", name.replace('_', "-"));
    if let Some(d) = defined.iter().find(|d| d.rule() == rule) {
        return Err(src.error(
            at_name(),
            "defined twice",
            format!("element `{name}` is already defined in {}", d.origin),
            "define each element once".into(),
        ));
    }
    let mut headings: Vec<Spanned<String>> = raw.heading.iter().cloned().collect();
    headings.extend(raw.headings.iter().cloned());
    if raw.cues.is_empty() && headings.is_empty() && raw.links.is_empty() {
        return Err(src.error(
            at_name(),
            "nothing to detect it by",
            format!("element `{name}` has no `cues`, `headings` or `links`"),
            "add `cues = [\"…\"]` (sentences, in the pattern notation of phrase rules), `headings = [\"…\"]` or `links = [\"…\"]`".into(),
        ));
    }
    let mut registry = Registry::default();
    let pattern_error = |s: &Spanned<String>, at: Option<usize>, message: String| {
        let span = s.span();
        // Inside the quotes, at the character the pattern parser stopped at.
        let span = match at {
            Some(at) if span.end > span.start + 1 => {
                let p = (span.start + 1 + at).min(span.end - 1);
                p..p + 1
            }
            _ => span,
        };
        src.error(
            Some(span),
            "invalid pattern",
            format!("element `{name}`: {message}"),
            "patterns use the notation of phrase rules: words, `a|b`, `@family`, `<NOUN>`, `_{0,3}` (`candor explain rule-format`)".into(),
        )
    };
    for c in &raw.cues {
        let def = CueDef {
            tokens: c.get_ref().clone(),
            ..CueDef::default()
        };
        Cue::compile(&def, lexicon, &mut registry)
            .map_err(|e| pattern_error(c, e.at, e.message))?;
    }
    for p in raw.vetoes.iter().chain(&headings) {
        Pattern::new(p.get_ref(), lexicon).map_err(|e| {
            pattern_error(
                p,
                Some(e.at),
                format!("invalid pattern `{}`: {}", p.get_ref(), e.message),
            )
        })?;
    }
    let strings = |v: &[Spanned<String>]| v.iter().map(|s| s.get_ref().clone()).collect();
    Ok(CustomElement {
        name: name.to_string(),
        summary: raw.summary.clone(),
        help: raw.help.clone(),
        example: raw.example.clone(),
        cues: strings(&raw.cues),
        vetoes: strings(&raw.vetoes),
        headings: strings(&headings),
        links: raw.links.iter().map(|l| l.to_ascii_lowercase()).collect(),
        origin: src.name.clone(),
    })
}

#[allow(clippy::result_large_err)]
fn kind(
    src: &Source,
    name: &str,
    raw: &RawKind,
    custom: &[CustomElement],
) -> Result<KindPolicy, ConfigError> {
    let kinds_list = || Kind::ALL.map(Kind::as_str).join(", ");
    let builtin = Kind::ALL.into_iter().find(|k| k.as_str() == name);
    if builtin.is_none() && !valid_name(name) {
        return Err(src.error(
            src.table_name("kinds", name),
            "not a valid kind name",
            format!("invalid kind name `{name}`"),
            name_help(name, "kinds", "release-note"),
        ));
    }
    if builtin.is_none()
        && let Ok(k) = name.parse::<Kind>()
    {
        return Err(src.error(
            src.table_name("kinds", name),
            "another name of a built-in kind",
            format!("`{name}` is another name of the built-in kind `{k}`"),
            format!(
                "write `[kinds.{k}]` to add requirements to it, or give your kind its own name"
            ),
        ));
    }
    // A kind of your own without `files` is declared in front matter; one whose name is a
    // built-in kind's misspelt is a mistake.
    if builtin.is_none()
        && raw.files.is_empty()
        && let Some(k) = closest(name, Kind::ALL.map(Kind::as_str).into_iter())
    {
        return Err(src.error(
            src.table_name("kinds", name),
            "no built-in kind has this name",
            format!("kind `{name}` names no files and no built-in kind"),
            format!(
                "did you mean `{k}`? a kind of your own needs `files = [\"…\"]` or front matter `kind: {name}`; built-in kinds: {}",
                kinds_list()
            ),
        ));
    }
    let like = match &raw.like {
        None => None,
        Some(l) => Some(l.get_ref().parse::<Kind>().map_err(|_| {
            let hint = closest(l.get_ref(), Kind::ALL.map(Kind::as_str).into_iter())
                .map(|k| format!("did you mean `{k}`? "))
                .unwrap_or_default();
            src.error(
                Some(l.span()),
                "not a built-in kind",
                format!("unknown kind `{}` in `like`", l.get_ref()),
                format!("{hint}`like` names a built-in kind: {}", kinds_list()),
            )
        })?),
    };
    let globs = if raw.files.is_empty() {
        None
    } else {
        Some(
            build_globs(raw.files.iter().map(String::as_str)).map_err(|(g, e)| {
                src.error(
                    src.find(&g),
                    "invalid glob",
                    format!("invalid glob `{g}`: {e}"),
                    "globs use `**` for any directories and `*` within a name, e.g. \"notes/**\""
                        .into(),
                )
            })?,
        )
    };
    let resolve =
        |lists: [&Vec<Spanned<String>>; 4]| -> Result<Vec<(ElementRef, Level)>, ConfigError> {
            let mut out = Vec::new();
            for (list, level) in
                lists
                    .into_iter()
                    .zip([Level::Error, Level::Warning, Level::Info, Level::Off])
            {
                for e in list {
                    out.push((element_ref(src, e, custom)?, level));
                }
            }
            Ok(out)
        };
    let levels = resolve([&raw.requires, &raw.should, &raw.optional, &raw.off])?;
    let mut phases = Vec::new();
    for (p, layer) in &raw.phases {
        let phase = p.parse::<Phase>().map_err(|m| {
            let hint = closest(p, Phase::ALL.map(Phase::as_str).into_iter())
                .map(|k| format!("did you mean `{k}`? "))
                .unwrap_or_default();
            src.error(
                src.find(&format!("phases.{p}"))
                    .map(|r| r.start + 7..r.end)
                    .or_else(|| src.find(p)),
                "not a phase",
                m,
                format!("{hint}phases: {}", Phase::ALL.map(Phase::as_str).join(", ")),
            )
        })?;
        phases.push((
            phase,
            resolve([&layer.requires, &layer.should, &layer.optional, &layer.off])?,
        ));
    }
    Ok(KindPolicy {
        name: name.to_string(),
        builtin,
        like: if builtin.is_some() { None } else { like },
        globs,
        summary: raw.summary.clone(),
        levels,
        phases,
        origin: src.name.clone(),
    })
}

/// A name in `requires` (or `should`, …): a built-in element or one of the team's.
#[allow(clippy::result_large_err)]
fn element_ref(
    src: &Source,
    name: &Spanned<String>,
    custom: &[CustomElement],
) -> Result<ElementRef, ConfigError> {
    let n = name.get_ref();
    if let Some(c) = custom.iter().find(|c| c.name == *n) {
        return Ok(ElementRef::Custom(c.name.clone()));
    }
    if let Ok(e) = n.parse::<Element>() {
        return Ok(ElementRef::Builtin(e));
    }
    let known: Vec<&str> = Element::ALL
        .iter()
        .map(|e| e.key())
        .chain(custom.iter().map(|c| c.name.as_str()))
        .collect();
    let hint = closest(n, known.iter().copied())
        .map(|k| format!("did you mean `{k}`? "))
        .unwrap_or_default();
    Err(src.error(
        Some(name.span()),
        "no element has this name",
        format!("unknown element `{n}`"),
        format!(
            "{hint}elements: {}; define your own under `[elements.<name>]`",
            known.join(", ")
        ),
    ))
}

/// The team's elements, compiled for detection.
#[derive(Default)]
pub struct Detectors {
    items: Vec<Detector>,
}

struct Detector {
    name: String,
    cues: Vec<Cue>,
    vetoes: Vec<Pattern>,
    headings: Vec<Pattern>,
    links: Vec<String>,
}

impl Detectors {
    /// Compiles the elements of a config (validated when it was read, so errors here are bugs).
    pub fn compile(elements: &[CustomElement], lex: &Lexicon) -> Result<Detectors, String> {
        let mut registry = Registry::default();
        let mut items = Vec::new();
        for e in elements {
            let pattern = |p: &String| Pattern::new(p, lex).map_err(|err| format!("{p}: {err}"));
            items.push(Detector {
                name: e.name.clone(),
                cues: e
                    .cues
                    .iter()
                    .map(|c| {
                        let def = CueDef {
                            tokens: c.clone(),
                            ..CueDef::default()
                        };
                        Cue::compile(&def, lex, &mut registry).map_err(|err| err.message)
                    })
                    .collect::<Result<_, _>>()?,
                vetoes: e.vetoes.iter().map(pattern).collect::<Result<_, _>>()?,
                headings: e.headings.iter().map(pattern).collect::<Result<_, _>>()?,
                links: e.links.clone(),
            });
        }
        Ok(Detectors { items })
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Detects every element of the team's in a document, with evidence.
    pub fn detect(&self, ctx: &Context) -> Vec<(String, Found)> {
        self.items
            .iter()
            .map(|d| (d.name.clone(), d.detect(ctx)))
            .collect()
    }
}

impl Detector {
    fn detect(&self, ctx: &Context) -> Found {
        let n = ctx.analysis().sentences.len();
        let vetoed = |si: usize| crate::pattern::cue::any_in(ctx, &self.vetoes, si);
        let mut ev = Vec::new();
        if !self.headings.is_empty() {
            ev.extend(super::elements::heading_evidence_for(
                ctx,
                &self.headings,
                vetoed,
            ));
        }
        for cue in &self.cues {
            let mut memo = CueMemo::default();
            for si in 0..n {
                if !cue.matches(ctx, si, false, &mut memo).is_empty() && !vetoed(si) {
                    ev.push(super::elements::evidence(ctx, si));
                }
            }
        }
        if !self.links.is_empty() {
            // Link targets and addresses are in the `raw` view (`prose` blanks link targets).
            let raw = ctx.doc.raw.to_ascii_lowercase();
            let sents = &ctx.doc.sentences;
            for needle in &self.links {
                for (at, _) in raw.match_indices(needle.as_str()) {
                    let si = sents.partition_point(|s| s.start <= at);
                    let e = match si.checked_sub(1) {
                        Some(si) if sents[si].end + 3 >= at && !vetoed(si) => {
                            super::elements::evidence(ctx, si)
                        }
                        Some(si) if vetoed(si) => continue,
                        _ => Evidence {
                            start: at,
                            end: at + needle.len(),
                        },
                    };
                    ev.push(e);
                }
            }
        }
        super::elements::found(ev)
    }
}

/// The requirement of the team's elements for a document, by name.
pub type CustomRequirements = BTreeMap<String, Severity>;

/// `missing-<name>` findings for the team's required elements that a document lacks.
pub fn missing_findings(
    elements: &[CustomElement],
    requirements: &CustomRequirements,
    found: &super::Elements,
    what: &str,
    title: (usize, usize),
) -> Vec<Finding> {
    let mut out = Vec::new();
    for (name, &sev) in requirements {
        if found.custom(name).is_some_and(|f| f.present) {
            continue;
        }
        let Some(e) = elements.iter().find(|e| &e.name == name) else {
            continue;
        };
        let summary = e.summary.trim().trim_end_matches('.');
        let message = format!(
            "This {what} is missing {}: {}",
            e.label(),
            lower_first(summary)
        );
        let mut help = e.help.clone().unwrap_or_else(|| {
            format!("Add what `{}` asks for ({}).", e.name, lower_first(summary))
        });
        if let Some(x) = &e.example {
            help.push_str(&format!(" For example: \"{}\"", x.trim()));
        }
        let mut f = Finding::new(e.rule(), sev, title.0, title.1)
            .message(message)
            .help(help);
        f.document_level = true;
        out.push(f);
    }
    out
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_lowercase().chain(c).collect())
        .unwrap_or_default()
}

/// Registry entries for the `missing-<name>` rules of the team's elements.
pub fn rule_metas(elements: &[CustomElement], kinds: &[KindPolicy]) -> Vec<RuleMeta> {
    elements
        .iter()
        .map(|e| {
            let mut docs = format!(
                "# {}\n\n{}\n\n## What it flags\nA document of a kind that requires the element `{}` ({}) without it. The element is defined in {}",
                e.rule(),
                e.summary.trim(),
                e.name,
                lower_first(e.summary.trim().trim_end_matches('.')),
                e.origin
            );
            let mut by = Vec::new();
            if !e.cues.is_empty() {
                by.push(format!("a sentence matching {}", quoted(&e.cues)));
            }
            if !e.headings.is_empty() {
                by.push(format!("a heading {} followed by content", quoted(&e.headings)));
            }
            if !e.links.is_empty() {
                by.push(format!("a link or address containing {}", quoted(&e.links)));
            }
            docs.push_str(&format!("; it is satisfied by {}.\n", by.join(", or ")));
            if let Some(h) = &e.help {
                docs.push_str(&format!("\n## Why it matters\n{}\n", h.trim()));
            }
            if let Some(x) = &e.example {
                docs.push_str(&format!("\n## Good\n> {}\n", x.trim()));
            }
            docs.push_str("\n## Required by\n");
            for k in kinds {
                let mut where_ = Vec::new();
                for (p, levels) in std::iter::once((None, &k.levels))
                    .chain(k.phases.iter().map(|(p, l)| (Some(*p), l)))
                {
                    for (r, level) in levels {
                        if *r == ElementRef::Custom(e.name.clone())
                            && let Some(s) = level.severity()
                        {
                            where_.push(match p {
                                Some(p) => format!("{p}: {s}"),
                                None => s.to_string(),
                            });
                        }
                    }
                }
                if !where_.is_empty() {
                    docs.push_str(&format!("- {}: {}\n", k.name, where_.join(", ")));
                }
            }
            RuleMeta {
                id: e.rule(),
                severity: Severity::Error,
                summary: e.summary.trim().to_string(),
                docs,
                family: Family::Policy,
                needs_nlp: false,
            }
        })
        .collect()
}

fn quoted(v: &[String]) -> String {
    v.iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
