//! The optional `grammar` rule group (cargo feature `nlprule`): LanguageTool's grammar rules,
//! run natively by [nlprule](https://github.com/bminixhofer/nlprule).
//!
//! One [`Rule`] in the registry stands for the whole group, so config, overrides, front matter
//! and suppression comments treat it like any other rule: `grammar = "off"` turns the group
//! off (and nothing is loaded), `grammar = "info"` sets the severity of every grammar finding,
//! and a single LanguageTool rule is addressed as `grammar/<LanguageTool rule id>`, e.g.
//! `grammar/COULD_OF`.
//!
//! The tokenizer and rules binaries (`en_tokenizer.bin`, `en_rules.bin`) are not shipped with
//! candor. Their folder comes from `CANDOR_NLPRULE_DATA` or `[nlprule] data = "path"` in
//! candor.toml (relative to that file); the environment wins. They are loaded lazily, on the
//! first document checked with the group on, once per process and folder (a cache shared by
//! every [`crate::Linter`], so a long-running process that rebuilds its linter does not reload
//! them). If they are missing, unreadable or from another nlprule version, a miette error saying
//! where to get them is printed to stderr once and checking goes on without the group.

use super::super::{Context, Family, Rule, RuleMeta};
use crate::config::{Config, ConfigError};
use crate::diagnostic::{Applicability, Finding, Severity};
use miette::{Diagnostic, NamedSource, SourceSpan};
use nlprule::{Rules, Tokenizer};
use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, LazyLock, Mutex, OnceLock};

/// The group's rule id; findings are `grammar/<LanguageTool rule id>`.
pub use super::GROUP;
/// Environment variable naming the folder with the binaries.
pub const ENV_VAR: &str = "CANDOR_NLPRULE_DATA";
/// The nlprule version the binaries must be built for (pinned with `=` in Cargo.toml).
pub const NLPRULE_VERSION: &str = "0.6.4";
/// Language of the binaries candor loads.
pub const LANG: &str = "en";
/// At most this many replacements are offered per finding.
const MAX_REPLACEMENTS: usize = 5;

const DOCS: &str = "# grammar

LanguageTool's English grammar rules, run by nlprule (optional: built with the cargo feature `nlprule`, and needs the nlprule binaries).

## What it flags
Grammar slips that LanguageTool's pattern rules catch: *could of*, agreement errors, confused words, doubled words and more — several thousand rules. Each finding's id is `grammar/<LanguageTool rule id>` (for example `grammar/COULD_OF`), its message and replacements are LanguageTool's. Code, quoted replies and words attributed to someone else are not checked.

Turn the group off with `[rules] grammar = \"off\"`, change the severity of all of it with `grammar = \"info\"`, or address one rule with `\"grammar/COULD_OF\" = \"off\"`; `<!-- candor-disable-next-line grammar -->` suppresses the whole group on a line. Point candor at the binaries with `[nlprule] data = \"path\"` in candor.toml or `CANDOR_NLPRULE_DATA`; docs/grammar.md says where to get them.

## Why it matters
A grammar slip in a customer notice reads as carelessness at the moment the organisation asks to be trusted with an explanation. Breach-notice law asks for \"clear and plain language\" (GDPR Art. 34(2); HIPAA 45 CFR 164.404(c) requires plain language; see also the Federal Plain Language Guidelines), and slips undercut the clarity those texts ask for. The rules themselves come from LanguageTool (languagetool.org), an openly maintained catalogue of such slips, compiled for nlprule.

## Bad
> We could of detected the outage sooner.

## Good
> We could have detected the outage sooner.
";

/// Where the binaries live and who said so (for error messages).
#[derive(Debug, Clone)]
struct Location {
    dir: PathBuf,
    origin: String,
}

/// The loaded binaries plus what candor needs to know about each rule.
struct Backend {
    tokenizer: Tokenizer,
    rules: Rules,
    /// nlprule rule id (`CATEGORY/RULE/N`) → (rule name, severity).
    info: HashMap<String, (String, Severity)>,
}

/// Loaded backends by folder (`None`: no folder configured). `None` values mean the load failed
/// and the error has already been reported.
type Cache = HashMap<Option<PathBuf>, Option<Arc<Backend>>>;
static CACHE: LazyLock<Mutex<Cache>> = LazyLock::new(Default::default);

/// A problem loading the grammar binaries.
#[derive(Debug, thiserror::Error, Diagnostic)]
#[error("{message}")]
#[diagnostic(
    code(candor::nlprule),
    url("https://github.com/bminixhofer/nlprule/releases/tag/0.6.4")
)]
pub struct GrammarError {
    pub message: String,
    #[help]
    pub help: String,
}

fn download_help() -> String {
    format!(
        "download {t}.gz and {r}.gz from nlprule's release {v} (https://github.com/bminixhofer/nlprule/releases/tag/{v}), \
         gunzip them into one folder, and point candor at it with `{ENV_VAR}=/path/to/folder` or `[nlprule] data = \"path\"` \
         in candor.toml; the files must match nlprule {v}. Checking continues without the grammar rules; \
         `[rules] grammar = \"off\"` turns them off and silences this message",
        t = nlprule::tokenizer_filename(LANG),
        r = nlprule::rules_filename(LANG),
        v = NLPRULE_VERSION,
    )
}

/// The `grammar` group as one registry rule.
pub struct GrammarRule {
    meta: RuleMeta,
    location: Option<Location>,
    backend: OnceLock<Option<Arc<Backend>>>,
    panicked: AtomicBool,
}

impl GrammarRule {
    /// Reads `[nlprule]` from the config and `CANDOR_NLPRULE_DATA`; loads nothing yet.
    #[allow(clippy::result_large_err)] // ConfigError is the config module's error type
    pub fn from_config(config: &Config) -> Result<GrammarRule, ConfigError> {
        let from_config = config_location(config)?;
        let from_env = std::env::var_os(ENV_VAR)
            .filter(|v| !v.is_empty())
            .map(|v| Location {
                dir: PathBuf::from(v),
                origin: format!("the environment variable {ENV_VAR}"),
            });
        Ok(GrammarRule {
            meta: RuleMeta {
                id: GROUP.to_string(),
                severity: Severity::Warning,
                summary: "LanguageTool grammar rules run by nlprule (ids grammar/<LanguageTool id>; needs the nlprule binaries)".into(),
                docs: DOCS.to_string(),
                family: Family::Grammar,
                needs_nlp: false,
            },
            location: from_env.or(from_config),
            backend: OnceLock::new(),
            panicked: AtomicBool::new(false),
        })
    }

    /// The binaries, loaded on first use; `None` if they could not be loaded (already reported).
    fn backend(&self) -> Option<&Arc<Backend>> {
        self.backend
            .get_or_init(|| {
                let key = self.location.as_ref().map(|l| l.dir.clone());
                let mut cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
                cache
                    .entry(key)
                    .or_insert_with(|| match load(self.location.as_ref()) {
                        Ok(b) => Some(Arc::new(b)),
                        Err(e) => {
                            eprintln!("{:?}", miette::Report::new(e));
                            None
                        }
                    })
                    .clone()
            })
            .as_ref()
    }
}

/// `[nlprule] data = "path"`, resolved against the config's folder.
#[allow(clippy::result_large_err)] // ConfigError is the config module's error type
fn config_location(config: &Config) -> Result<Option<Location>, ConfigError> {
    let Some(value) = &config.nlprule else {
        return Ok(None);
    };
    let text = config
        .path
        .as_ref()
        .and_then(|p| std::fs::read_to_string(p).ok());
    let name = config.path.as_ref().map_or_else(
        || crate::config::FILE_NAME.to_string(),
        |p| p.display().to_string(),
    );
    let err = |needle: &str, message: String, help: &str| {
        let span = text.as_deref().and_then(|t| {
            t.find(needle)
                .map(|i| SourceSpan::from(i..i + needle.len()))
        });
        ConfigError {
            message,
            src: text.clone().map(|t| NamedSource::new(name.clone(), t)),
            span,
            label: "here".into(),
            help: Some(help.to_string()),
        }
    };
    let help = "the [nlprule] table has one key, `data`: the folder with en_tokenizer.bin and en_rules.bin, relative to candor.toml";
    let Some(table) = value.as_table() else {
        return Err(err(
            "nlprule",
            "`nlprule` in candor.toml must be a table".into(),
            help,
        ));
    };
    if let Some(key) = table.keys().find(|k| *k != "data") {
        return Err(err(key, format!("unknown key `{key}` in [nlprule]"), help));
    }
    match table.get("data") {
        None => Ok(None),
        Some(toml::Value::String(s)) => {
            let origin = match &config.path {
                Some(p) => format!("`[nlprule] data` in {}", p.display()),
                None => "`[nlprule] data` in candor.toml".to_string(),
            };
            Ok(Some(Location {
                dir: config.root.join(s),
                origin,
            }))
        }
        Some(_) => Err(err(
            "data",
            "`data` in [nlprule] must be a string".into(),
            help,
        )),
    }
}

/// Reads and deserialises both binaries; never panics.
fn load(location: Option<&Location>) -> Result<Backend, GrammarError> {
    let Some(loc) = location else {
        return Err(GrammarError {
            message: format!(
                "the grammar rules (cargo feature `nlprule`) are on, but no folder with the nlprule binaries is configured: set {ENV_VAR} or `[nlprule] data` in candor.toml"
            ),
            help: download_help(),
        });
    };
    let read = |file: String| -> Result<Vec<u8>, GrammarError> {
        let path = loc.dir.join(&file);
        std::fs::read(&path).map_err(|e| GrammarError {
            message: format!(
                "cannot read the nlprule binary {} (folder from {}): {e}",
                path.display(),
                loc.origin
            ),
            help: download_help(),
        })
    };
    let tokenizer_bytes = read(nlprule::tokenizer_filename(LANG))?;
    let rules_bytes = read(nlprule::rules_filename(LANG))?;
    let invalid = |file: String, why: String| GrammarError {
        message: format!(
            "{} (folder from {}) is not an nlprule {NLPRULE_VERSION} binary (another nlprule version, the other of the two files, or damaged): {why}",
            loc.dir.join(file).display(),
            loc.origin
        ),
        help: download_help(),
    };
    let tokenizer: Tokenizer = deserialize(&tokenizer_bytes)
        .map_err(|why| invalid(nlprule::tokenizer_filename(LANG), why))?;
    let rules: Rules =
        deserialize(&rules_bytes).map_err(|why| invalid(nlprule::rules_filename(LANG), why))?;
    // A smoke test: a tokenizer or rules file from another version usually fails here if not above.
    let smoke = catch_unwind(AssertUnwindSafe(|| {
        rules.suggest("This is a test.", &tokenizer).len()
    }));
    if smoke.is_err() {
        return Err(invalid(
            nlprule::rules_filename(LANG),
            "checking a test sentence with it crashed".into(),
        ));
    }
    let info = rules
        .rules()
        .iter()
        .map(|r| {
            (
                r.id().to_string(),
                (r.name().to_string(), severity_for(r.category_type())),
            )
        })
        .collect();
    Ok(Backend {
        tokenizer,
        rules,
        info,
    })
}

/// nlprule's `from_reader` (bincode, fixed-width integers, no size limit), but limited to the
/// file's size: a file from another version or of the other kind can otherwise make bincode
/// allocate exabytes and abort the process. Panics while building the structures are contained.
fn deserialize<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, String> {
    use bincode::Options;
    let opts = bincode::DefaultOptions::new()
        .with_fixint_encoding()
        .allow_trailing_bytes()
        .with_limit(bytes.len() as u64);
    match catch_unwind(|| opts.deserialize::<T>(bytes)) {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(e.to_string()),
        Err(_) => Err("reading it crashed".into()),
    }
}

/// LanguageTool's category type → candor severity: style advice is info, the rest warnings.
fn severity_for(category_type: Option<&str>) -> Severity {
    match category_type {
        Some("style" | "register" | "locale-violation") => Severity::Info,
        _ => Severity::Warning,
    }
}

/// `GRAMMAR/COULD_OF/0` → `COULD_OF`: the LanguageTool rule (or rule group) id.
pub fn languagetool_id(nlprule_id: &str) -> &str {
    let mut parts = nlprule_id.split('/');
    match (parts.next(), parts.next()) {
        (Some(_), Some(rule)) if !rule.is_empty() => rule,
        _ => nlprule_id,
    }
}

/// Byte offset of every char boundary in `s`, indexed by char position (plus the end).
fn char_to_byte(s: &str) -> Vec<usize> {
    s.char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(s.len()))
        .collect()
}

impl Rule for GrammarRule {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        let Some(backend) = self.backend() else {
            return;
        };
        let doc = ctx.doc;
        for s in &doc.sentences {
            let text = &doc.prose[s.start..s.end];
            if text.trim().is_empty() {
                continue;
            }
            let suggestions = match catch_unwind(AssertUnwindSafe(|| {
                backend.rules.suggest(text, &backend.tokenizer)
            })) {
                Ok(v) => v,
                Err(_) => {
                    if !self.panicked.swap(true, Ordering::Relaxed) {
                        eprintln!(
                            "warning: nlprule crashed while checking a sentence; the grammar rules skipped it (and will skip any other sentence it crashes on)"
                        );
                    }
                    continue;
                }
            };
            if suggestions.is_empty() {
                continue;
            }
            // nlprule's spans are char offsets into `text`; candor's are byte offsets into the source.
            let bytes = char_to_byte(text);
            for sug in suggestions {
                let chars = sug.span().char();
                let (Some(&a), Some(&b)) = (bytes.get(chars.start), bytes.get(chars.end)) else {
                    continue;
                };
                if a >= b {
                    continue;
                }
                let (start, end) = (s.start + a, s.start + b);
                if doc.in_attributed_quote(start..end) {
                    continue;
                }
                let source = sug.source();
                let lt_id = languagetool_id(source);
                let (name, severity) = backend
                    .info
                    .get(source)
                    .cloned()
                    .unwrap_or_else(|| (String::new(), Severity::Warning));
                let what = if name.is_empty() {
                    format!("LanguageTool rule {lt_id}")
                } else {
                    format!("LanguageTool rule {lt_id} ({name})")
                };
                let mut f = Finding::new(format!("{GROUP}/{lt_id}"), severity, start, end)
                    .message(sug.message().to_string())
                    .help(format!(
                        "{what}, via nlprule. Turn it off with `\"{GROUP}/{lt_id}\" = \"off\"` under [rules] in candor.toml, or all grammar rules with `{GROUP} = \"off\"`."
                    ));
                for r in sug
                    .replacements()
                    .iter()
                    .filter(|r| doc.source[start..end] != **r)
                    .take(MAX_REPLACEMENTS)
                {
                    f = f.replace(
                        format!("replace with “{r}”"),
                        r.clone(),
                        Applicability::Unsafe,
                    );
                }
                out.push(f);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languagetool_ids() {
        assert_eq!(languagetool_id("GRAMMAR/COULD_OF/0"), "COULD_OF");
        assert_eq!(
            languagetool_id("TYPOS/VERB_APOSTROPHE_S/3"),
            "VERB_APOSTROPHE_S"
        );
        assert_eq!(languagetool_id("ODD"), "ODD");
    }

    #[test]
    fn char_spans_to_bytes() {
        let m = char_to_byte("né là");
        assert_eq!(m, vec![0, 1, 3, 4, 5, 7]);
    }

    #[test]
    fn config_table_is_validated() {
        let c = Config::parse(
            "[nlprule]\ndata = \"bins\"\n",
            "candor.toml",
            PathBuf::from("/proj"),
        )
        .unwrap();
        let loc = config_location(&c).unwrap().unwrap();
        assert_eq!(loc.dir, PathBuf::from("/proj/bins"));
        let c = Config::parse(
            "[nlprule]\ndta = \"bins\"\n",
            "candor.toml",
            PathBuf::from("/proj"),
        )
        .unwrap();
        let e = config_location(&c).unwrap_err();
        assert!(e.message.contains("unknown key `dta`"), "{}", e.message);
        let c = Config::parse(
            "[nlprule]\ndata = 3\n",
            "candor.toml",
            PathBuf::from("/proj"),
        )
        .unwrap();
        assert!(config_location(&c).is_err());
    }

    #[test]
    fn missing_binaries_are_an_error_not_a_panic() {
        let dir = std::env::temp_dir().join("candor-no-such-nlprule-dir");
        let e = load(Some(&Location {
            dir,
            origin: "a test".into(),
        }))
        .err()
        .unwrap();
        assert!(
            e.message.contains("cannot read the nlprule binary"),
            "{}",
            e.message
        );
        assert!(
            e.help.contains("en_tokenizer.bin.gz") && e.help.contains("0.6.4"),
            "{}",
            e.help
        );
        assert!(load(None).is_err());
    }

    #[test]
    fn garbage_binaries_are_an_error_not_a_panic() {
        let dir =
            std::env::temp_dir().join(format!("candor-garbage-nlprule-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("en_tokenizer.bin"), b"not a tokenizer at all").unwrap();
        std::fs::write(dir.join("en_rules.bin"), b"").unwrap();
        let e = load(Some(&Location {
            dir: dir.clone(),
            origin: "a test".into(),
        }))
        .err()
        .unwrap();
        assert!(
            e.message.contains("is not an nlprule 0.6.4 binary"),
            "{}",
            e.message
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
