//! `candor.toml`: which rules run and how seriously, kinds and phases by glob, file globs,
//! packs, vocabulary extensions and the failing severity.
//!
//! Errors are miette diagnostics that point into the TOML and say how to fix it.

use crate::diagnostic::Severity;
use crate::kind::{Kind, Phase};
use globset::{Glob, GlobSet, GlobSetBuilder};
use miette::{Diagnostic, NamedSource, SourceSpan};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const FILE_NAME: &str = "candor.toml";

/// A rule setting: `off`, `on` (default severity) or a severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleSetting {
    Off,
    On,
    Severity(Severity),
}

impl RuleSetting {
    pub fn parse(s: &str) -> Option<RuleSetting> {
        match s.trim().to_ascii_lowercase().as_str() {
            "off" | "false" | "disable" | "disabled" => Some(RuleSetting::Off),
            "on" | "true" | "enable" | "enabled" => Some(RuleSetting::On),
            other => Severity::parse(other).map(RuleSetting::Severity),
        }
    }
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    fail_on: Option<String>,
    include: Option<Vec<String>>,
    #[serde(default)]
    exclude: Vec<String>,
    #[serde(default)]
    packs: Vec<String>,
    #[serde(default)]
    rule_dirs: Vec<String>,
    #[serde(default)]
    pack_dirs: Vec<String>,
    #[serde(default)]
    rules: BTreeMap<String, String>,
    #[serde(default)]
    overrides: Vec<RawOverride>,
    #[serde(default)]
    vocab: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    nlprule: Option<toml::Value>,
    time_zone: Option<String>,
    max_findings_per_rule: Option<usize>,
    docs_url: Option<String>,
    #[serde(default)]
    policy_files: Vec<String>,
    #[serde(default)]
    kinds: BTreeMap<String, crate::policy::custom::RawKind>,
    #[serde(default)]
    elements: BTreeMap<String, crate::policy::custom::RawElement>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOverride {
    files: Vec<String>,
    kind: Option<String>,
    phase: Option<String>,
    #[serde(default)]
    packs: Vec<String>,
    #[serde(default)]
    rules: BTreeMap<String, String>,
}

/// A kind/phase/rule override for files matching globs.
#[derive(Debug, Clone)]
pub struct Override {
    pub globs: GlobSet,
    pub kind: Option<Kind>,
    pub phase: Option<Phase>,
    pub packs: Vec<String>,
    pub rules: BTreeMap<String, RuleSetting>,
}

#[derive(Debug, Clone)]
pub struct Config {
    /// Where the config was read from (None: built-in defaults).
    pub path: Option<PathBuf>,
    /// The folder of the config file (absolute): relative paths and globs are resolved
    /// against it, whatever the working directory.
    pub root: PathBuf,
    /// The working directory when the config was built: relative file paths given to
    /// [`Config::is_included`] and [`Config::overrides_for`] are relative to it.
    pub cwd: PathBuf,
    pub fail_on: Severity,
    pub include: GlobSet,
    pub exclude: GlobSet,
    pub packs: Vec<String>,
    pub rule_dirs: Vec<PathBuf>,
    pub pack_dirs: Vec<PathBuf>,
    pub rules: BTreeMap<String, RuleSetting>,
    pub overrides: Vec<Override>,
    /// Extra vocabulary (plain words), e.g. `vendors`, `codenames`.
    pub vocab: BTreeMap<String, Vec<String>>,
    /// The raw `[nlprule]` table, read by the optional grammar backend.
    pub nlprule: Option<toml::Value>,
    /// The zone the team writes times in (IANA name or UTC offset): `time-without-zone`'s fix
    /// inserts it as a fix editors may apply. Without it the fix proposes UTC, for review.
    pub time_zone: Option<String>,
    /// Where rule documentation links point (SARIF `helpUri`, rdjson, the language server, the
    /// HTML report): a team's own copy of docs/rules.md. `None`: candor's.
    pub docs_url: Option<String>,
    /// Findings of one rule reported per file before the rest are summed up in one finding
    /// (0: no limit).
    pub max_findings_per_rule: usize,
    /// The team's own kinds and extensions of built-in kinds (`[kinds.<name>]`, here and in
    /// `policy_files`).
    pub kinds: Vec<crate::policy::custom::KindPolicy>,
    /// The team's own elements (`[elements.<name>]`).
    pub elements: Vec<crate::policy::custom::CustomElement>,
}

pub const DEFAULT_INCLUDE: &[&str] = &[
    "**/*.md",
    "**/*.markdown",
    "**/*.mdx",
    "**/*.txt",
    "**/*.text",
];

impl Default for Config {
    fn default() -> Self {
        let cwd = current_dir();
        Config {
            path: None,
            root: cwd.clone(),
            cwd,
            fail_on: Severity::Error,
            include: build_globs(DEFAULT_INCLUDE.iter().copied()).expect("default globs are valid"),
            exclude: GlobSet::empty(),
            packs: Vec::new(),
            rule_dirs: Vec::new(),
            pack_dirs: Vec::new(),
            rules: BTreeMap::new(),
            overrides: Vec::new(),
            vocab: BTreeMap::new(),
            nlprule: None,
            time_zone: None,
            docs_url: None,
            max_findings_per_rule: crate::finding_cap::DEFAULT_MAX_PER_RULE,
            kinds: Vec::new(),
            elements: Vec::new(),
        }
    }
}

/// A configuration problem, pointing into the file.
#[derive(Debug, thiserror::Error, Diagnostic)]
#[error("{message}")]
#[diagnostic(code(candor::config))]
pub struct ConfigError {
    pub message: String,
    #[source_code]
    pub src: Option<NamedSource<String>>,
    #[label("{label}")]
    pub span: Option<SourceSpan>,
    pub label: String,
    #[help]
    pub help: Option<String>,
}

impl ConfigError {
    pub fn plain(message: impl Into<String>, help: impl Into<String>) -> Self {
        ConfigError {
            message: message.into(),
            src: None,
            span: None,
            label: String::new(),
            help: Some(help.into()),
        }
    }
}

/// The text of a config file, for errors that point into it.
struct ConfigText<'a> {
    name: &'a str,
    text: &'a str,
}

impl ConfigText<'_> {
    fn source(&self) -> Option<NamedSource<String>> {
        Some(NamedSource::new(self.name, self.text.to_string()))
    }

    /// A TOML error (syntax, unknown key, wrong type), at the span the parser gives.
    fn syntax_error(&self, e: &toml::de::Error) -> ConfigError {
        let len = self.text.len();
        let span = e
            .span()
            .map(|r| SourceSpan::from(r.start..r.end.max(r.start + 1).min(len.max(1))));
        let msg = e.message().to_string();
        let help = unknown_field_help(&msg).unwrap_or_else(|| {
            "see `candor init` for a commented example of every setting".to_string()
        });
        ConfigError {
            message: format!("invalid {FILE_NAME}: {msg}"),
            src: self.source(),
            span,
            label: "here".into(),
            help: Some(help),
        }
    }

    /// An error pointing at the first occurrence of `needle` in the file.
    fn at(
        &self,
        needle: &str,
        label: &str,
        message: String,
        help: impl Into<String>,
    ) -> ConfigError {
        let span = self
            .text
            .find(needle)
            .map(|i| SourceSpan::from(i..i + needle.len()));
        ConfigError {
            message,
            src: self.source(),
            span,
            label: label.to_string(),
            help: Some(help.into()),
        }
    }

    fn globs<'g>(&self, globs: impl IntoIterator<Item = &'g str>) -> Result<GlobSet, ConfigError> {
        build_globs(globs).map_err(|(g, e)| {
            self.at(
                &g,
                "invalid glob",
                format!("invalid glob `{g}`: {e}"),
                "globs use `**` for any directories and `*` within a name, e.g. \"status/**/*.md\"",
            )
        })
    }

    fn rule_settings(
        &self,
        rules: &BTreeMap<String, String>,
    ) -> Result<BTreeMap<String, RuleSetting>, ConfigError> {
        let mut out = BTreeMap::new();
        for (id, v) in rules {
            let setting = RuleSetting::parse(v).ok_or_else(|| {
                self.at(
                    &format!("\"{v}\""),
                    "not a rule setting",
                    format!("invalid setting `{v}` for rule `{id}`"),
                    "use \"off\", \"on\", \"info\", \"warning\" or \"error\"",
                )
            })?;
            out.insert(id.clone(), setting);
        }
        Ok(out)
    }

    fn an_override(&self, o: &RawOverride) -> Result<Override, ConfigError> {
        let kinds = Kind::ALL.map(Kind::as_str).join(", ");
        let phases = Phase::ALL.map(Phase::as_str).join(", ");
        let kind = self.named::<Kind>(
            o.kind.as_deref(),
            "unknown kind",
            &format!("kinds: {kinds}"),
        )?;
        let phase = self.named::<Phase>(
            o.phase.as_deref(),
            "unknown phase",
            &format!("phases: {phases}"),
        )?;
        Ok(Override {
            globs: self.globs(o.files.iter().map(String::as_str))?,
            kind,
            phase,
            packs: o.packs.clone(),
            rules: self.rule_settings(&o.rules)?,
        })
    }

    /// An override's `kind` or `phase`, parsed; an unknown name is an error pointing at it,
    /// with the names there are as its help.
    fn named<T: std::str::FromStr<Err = String>>(
        &self,
        name: Option<&str>,
        label: &str,
        names: &str,
    ) -> Result<Option<T>, ConfigError> {
        name.map(|n| {
            n.parse::<T>()
                .map_err(|m| self.at(&format!("\"{n}\""), label, m, names))
        })
        .transpose()
    }

    /// `time_zone` is an IANA zone and `docs_url` a web address.
    fn check_addresses(&self, raw: &RawConfig) -> Result<(), ConfigError> {
        if let Some(tz) = &raw.time_zone
            && let Err(help) = crate::front_matter_lint::validate_time_zone(tz)
        {
            return Err(self.at(
                &format!("\"{tz}\""),
                "not a time zone",
                format!("invalid time_zone `{tz}`"),
                help.replace("`times_tz`", "`time_zone`"),
            ));
        }
        if let Some(url) = &raw.docs_url
            && !(url.starts_with("https://") || url.starts_with("http://"))
        {
            return Err(self.at(
                &format!("\"{url}\""),
                "not a web address",
                format!("invalid docs_url `{url}`"),
                "give the http(s) address of your copy of docs/rules.md, e.g. \"https://docs.example.com/candor/rules.html\"; rule links add `#rule-id`",
            ));
        }
        Ok(())
    }
}

pub(crate) fn build_globs<'a>(
    globs: impl IntoIterator<Item = &'a str>,
) -> Result<GlobSet, (String, globset::Error)> {
    let mut b = GlobSetBuilder::new();
    for g in globs {
        b.add(Glob::new(g).map_err(|e| (g.to_string(), e))?);
    }
    b.build().map_err(|e| (String::new(), e))
}

impl Config {
    /// Where rule documentation links point: `docs_url`, or candor's own reference.
    pub fn docs_base(&self) -> &str {
        self.docs_url
            .as_deref()
            .unwrap_or(crate::output::RULE_DOCS_BASE)
    }

    /// Walks up from `start` looking for `candor.toml`.
    pub fn discover(start: &Path) -> Option<PathBuf> {
        let mut dir = std::fs::canonicalize(start).ok()?;
        loop {
            let candidate = dir.join(FILE_NAME);
            if candidate.is_file() {
                return Some(candidate);
            }
            if !dir.pop() {
                return None;
            }
        }
    }

    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            ConfigError::plain(
                format!("cannot read config file {}: {e}", path.display()),
                "check the path given to --config, or run `candor init` to create a starter candor.toml",
            )
        })?;
        let root = path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        Config::parse(&text, &path.display().to_string(), root).map(|mut c| {
            c.path = Some(path.to_path_buf());
            c
        })
    }

    /// Parses config text; `name` labels the source in errors.
    pub fn parse(text: &str, name: &str, root: PathBuf) -> Result<Config, ConfigError> {
        let file = ConfigText { name, text };
        let raw: RawConfig = toml::from_str(text).map_err(|e| file.syntax_error(&e))?;
        let fail_on = match raw.fail_on.as_deref() {
            None => Severity::Error,
            Some(s) => Severity::parse(s).ok_or_else(|| {
                file.at(
                    &format!("\"{s}\""),
                    "not a severity",
                    format!("invalid fail_on value `{s}`"),
                    "use \"error\", \"warning\" or \"info\"",
                )
            })?,
        };
        let include = match &raw.include {
            Some(v) => file.globs(v.iter().map(String::as_str))?,
            None => file.globs(DEFAULT_INCLUDE.iter().copied())?,
        };
        let exclude = file.globs(raw.exclude.iter().map(String::as_str))?;
        let rules = file.rule_settings(&raw.rules)?;
        let overrides = raw
            .overrides
            .iter()
            .map(|o| file.an_override(o))
            .collect::<Result<Vec<_>, _>>()?;
        let cwd = current_dir();
        // Canonical when it exists: the working directory is (getcwd resolves links).
        let root = std::fs::canonicalize(&root).unwrap_or_else(|_| normalize(&cwd.join(&root)));
        file.check_addresses(&raw)?;
        let resolve = |v: &[String]| v.iter().map(|d| root.join(d)).collect::<Vec<_>>();
        let (kinds, elements) = crate::policy::custom::from_config(
            name,
            text,
            raw.kinds,
            raw.elements,
            &raw.policy_files,
            &root,
            &raw.vocab,
        )?;
        Ok(Config {
            kinds,
            elements,
            cwd,
            path: None,
            fail_on,
            include,
            exclude,
            packs: raw.packs,
            rule_dirs: resolve(&raw.rule_dirs),
            pack_dirs: resolve(&raw.pack_dirs),
            rules,
            overrides,
            vocab: raw.vocab,
            nlprule: raw.nlprule,
            time_zone: raw.time_zone,
            docs_url: raw.docs_url,
            max_findings_per_rule: raw
                .max_findings_per_rule
                .unwrap_or(crate::finding_cap::DEFAULT_MAX_PER_RULE),
            root,
        })
    }

    /// Checks that every rule id named in the config exists; errors suggest the closest id.
    pub fn validate_rule_ids(
        &self,
        text: Option<&str>,
        known: &[String],
    ) -> Result<(), ConfigError> {
        let mut named: Vec<&String> = self.rules.keys().collect();
        for o in &self.overrides {
            named.extend(o.rules.keys());
        }
        for id in named {
            if crate::rule_id::is_known(id, known) {
                continue;
            }
            let suggestion = crate::rule_id::closest_known(id, known);
            let (src, span) = match (text, &self.path) {
                (Some(t), Some(p)) => (
                    Some(NamedSource::new(p.display().to_string(), t.to_string())),
                    t.find(id.as_str())
                        .map(|i| SourceSpan::from(i..i + id.len())),
                ),
                _ => (None, None),
            };
            return Err(ConfigError {
                message: format!("unknown rule `{id}` in {FILE_NAME}"),
                src,
                span,
                label: "no rule has this id".into(),
                help: Some(match suggestion {
                    Some(s) => format!("did you mean `{s}`? `candor rules` lists every rule"),
                    None => "`candor rules` lists every rule id".into(),
                }),
            });
        }
        Ok(())
    }

    /// Kind/phase/packs/rule settings for one file from the overrides that match it.
    pub fn overrides_for(&self, path: &Path) -> Vec<&Override> {
        let rel = self.glob_path(path);
        self.overrides
            .iter()
            .filter(|o| o.globs.is_match(&rel))
            .collect()
    }

    /// The team's kind whose `files` match the file (the last one that does), if any.
    pub fn kind_for(&self, path: &Path) -> Option<&crate::policy::custom::KindPolicy> {
        if self.kinds.is_empty() {
            return None;
        }
        let rel = self.glob_path(path);
        self.kinds
            .iter()
            .rev()
            .find(|k| k.globs.as_ref().is_some_and(|g| g.is_match(&rel)))
    }

    pub fn is_included(&self, path: &Path) -> bool {
        let rel = self.glob_path(path);
        self.include.is_match(&rel) && !self.exclude.is_match(&rel)
    }

    /// The path globs are matched against: relative to the config's folder, so `status/**`
    /// means the same files from any working directory (as ruff, ESLint and Vale do). A file
    /// outside that folder is matched by its absolute path.
    fn glob_path(&self, path: &Path) -> PathBuf {
        let abs = normalize(&self.cwd.join(path));
        match abs.strip_prefix(&self.root) {
            Ok(rel) => rel.to_path_buf(),
            Err(_) => abs,
        }
    }
}

fn current_dir() -> PathBuf {
    std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."))
}

/// `a/./b/../c` → `a/c`, without touching the file system (symbolic links are not resolved,
/// so a path keeps the folder names the user sees).
fn normalize(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push(c);
                }
            }
            other => out.push(other),
        }
    }
    out
}

pub(crate) fn unknown_field_help(msg: &str) -> Option<String> {
    // toml's message: "unknown field `x`, expected one of `a`, `b`"
    let rest = msg.strip_prefix("unknown field `")?;
    let field = &rest[..rest.find('`')?];
    let expected: Vec<&str> = msg.split('`').skip(3).step_by(2).collect();
    Some(match closest(field, expected.iter().copied()) {
        Some(s) => format!(
            "did you mean `{s}`? valid keys here: {}",
            expected.join(", ")
        ),
        None => format!("valid keys here: {}", expected.join(", ")),
    })
}

/// The candidate closest to `word` by edit distance, if it is close enough to be a typo.
pub fn closest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .map(|c| (edit_distance(word, c), c))
        .filter(|(d, c)| *d <= (c.len().max(word.len()) / 3).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            cur.push(
                (prev[j] + usize::from(ca != *cb))
                    .min(prev[j + 1] + 1)
                    .min(cur[j] + 1),
            );
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The starter config written by `candor init`.
pub const STARTER: &str = r#"# candor.toml — configuration for candor, the incident disclosure linter.
# Every setting is optional; the values shown are the defaults unless marked "example".

# Exit with status 1 when any finding is at or above this severity: "error", "warning" or "info".
fail_on = "error"

# Which files `candor check DIR` reads (globs relative to this file).
include = ["**/*.md", "**/*.markdown", "**/*.mdx", "**/*.txt", "**/*.text"]
exclude = []           # example: ["archive/**", "templates/**"]

# The time zone your drafts' times are in (IANA name or offset). time-without-zone's fix then
# adds it, and editors may apply that fix on their own; without it the fix proposes UTC, for
# you to check.
# time_zone = "UTC"    # example: "Europe/Berlin", "+02:00"

# Where rule documentation links point (SARIF, rdjson, editors, the HTML report), for teams
# that host their own copy of docs/rules.md; links add #rule-id.
# docs_url = "https://docs.example.com/candor/rules.html"    # example

# Findings of one rule reported per file; the rest are summed up in one finding (0: no limit).
max_findings_per_rule = 100

# Regulatory packs to apply to every document: "us-ca", "eu-gdpr", "us-hipaa", "sec-8k", "us-ny".
packs = []

# Folders with your own phrase rules (same TOML format as candor's rules/phrases/).
rule_dirs = []         # example: ["candor-rules"]
# Folders with your own policy packs.
pack_dirs = []

# Turn rules off or change their severity: "off", "on", "info", "warning", "error".
[rules]
# hedging = "warning"
# jargon = "off"

# Extend candor's word lists with your own.
[vocab]
# vendors = ["Acme Cloud", "BigDB"]        # blame-shifting: your providers' names
# codenames = ["Falcon", "PROJ-ORION"]     # jargon: internal names readers won't know

# Declare kind and phase by folder. Front matter in a file and --kind/--phase win over this.
# [[overrides]]
# files = ["status/**"]
# kind = "status-update"
#
# [[overrides]]
# files = ["breach-letters/**"]
# kind = "breach-notice"
# packs = ["us-ca"]
# rules = { minimizing-scope = "error" }

# Your own kinds and required content (docs/policies.md); a missing element is the finding
# missing-<name>. policy_files = ["policy/comms.toml"] holds more of these tables.
# [kinds.release-note]
# files = ["notes/**"]
# requires = ["impact", "status-link"]     # also should = […], optional = […], off = […]
#
# [kinds.incident-email]                   # more requirements for a built-in kind
# requires = ["status-link"]
#
# [elements.status-link]
# summary = "Links the status page"
# links = ["status.example.com"]           # or cues = ["status page"], headings = ["…"]
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starter_config_parses() {
        let c = Config::parse(STARTER, "candor.toml", PathBuf::from(".")).unwrap();
        assert_eq!(c.fail_on, Severity::Error);
        assert!(c.is_included(Path::new("a/b.md")));
        assert!(!c.is_included(Path::new("a/b.rs")));
    }

    #[test]
    fn unknown_key_suggests() {
        let e =
            Config::parse("fail_onn = \"error\"\n", "candor.toml", PathBuf::from(".")).unwrap_err();
        assert!(
            e.help
                .as_deref()
                .unwrap()
                .contains("did you mean `fail_on`"),
            "{:?}",
            e.help
        );
        assert_eq!(e.span.unwrap().offset(), 0);
    }

    #[test]
    fn overrides_by_glob() {
        let c = Config::parse("[[overrides]]\nfiles = [\"status/**\"]\nkind = \"status-update\"\nphase = \"resolved\"\n", "c", PathBuf::from(".")).unwrap();
        let o = c.overrides_for(Path::new("status/x.md"));
        assert_eq!(o[0].kind, Some(Kind::StatusUpdate));
        assert!(c.overrides_for(Path::new("other/x.md")).is_empty());
        let e = Config::parse(
            "[[overrides]]\nfiles = [\"x\"]\nkind = \"memo\"\n",
            "c",
            PathBuf::from("."),
        )
        .unwrap_err();
        assert!(e.span.is_some());
    }

    #[test]
    fn time_zone_is_validated_and_the_limit_defaults_to_100() {
        let c = Config::parse("time_zone = \"Europe/Berlin\"\n", "c", PathBuf::from(".")).unwrap();
        assert_eq!(c.time_zone.as_deref(), Some("Europe/Berlin"));
        assert_eq!(c.max_findings_per_rule, 100);
        let e =
            Config::parse("time_zone = \"Europe/Berln\"\n", "c", PathBuf::from(".")).unwrap_err();
        assert!(e.help.unwrap().contains("`Europe/Berlin`"));
        assert_eq!(e.span.unwrap().offset(), 12);
    }

    #[test]
    fn closest_ids() {
        let ids = ["minimizing-scope", "non-apology"];
        assert_eq!(
            closest("minimising-scope", ids.into_iter()),
            Some("minimizing-scope")
        );
        assert_eq!(closest("zzz", ids.into_iter()), None);
    }
}
