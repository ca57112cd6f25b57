//! The engine: builds the rule registry once from built-in data, config and user rule files,
//! then checks documents.

use crate::analysis::{Context, Lexicon};
use crate::config::{Config, ConfigError, Override, RuleSetting};
use crate::diagnostic::{Diagnostic, Edit, Finding, Fix, Severity, Suggestion, one_line};
use crate::document::{Document, Format, LineIndex, parts};
use crate::kind::{Confidence, Kind, KindGuess, KindSource, Phase, guess_kind, guess_phase};
use crate::pattern::registry::Registry;
use crate::policy::custom::KindPolicy;
use crate::policy::packs::{Pack, PackReading, Packs};
use crate::policy::{Element, Elements, Facts, Policies, elements};
use crate::report::FileReport;
use crate::rules::phrase::{PhraseRule, RuleTriggers};
use crate::rules::{EMBEDDED_RULE_FILES, Family, Rule, RuleMeta, code};
use crate::{front_matter_lint, suppress};
use collect::{Collector, setting_for};
use miette::{NamedSource, SourceSpan};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

mod collect;

/// Per-document options: what the caller knows about the document.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Name shown in output (a path, or `--stdin-filename`).
    pub path: String,
    pub format: Format,
    /// From the command line; wins over everything.
    pub kind: Option<Kind>,
    pub phase: Option<Phase>,
    pub packs: Vec<String>,
}

impl Options {
    pub fn new(path: impl Into<String>) -> Options {
        let path = path.into();
        Options {
            format: Format::from_path(&path),
            path,
            ..Options::default()
        }
    }
}

/// The rule registry plus configuration; build once, check many documents.
pub struct Linter {
    rules: Vec<Box<dyn Rule>>,
    policy_metas: Vec<RuleMeta>,
    policies: Policies,
    /// Detectors of the team's elements (`[elements.<name>]`).
    custom: crate::policy::custom::Detectors,
    packs: Packs,
    pack_metas: Vec<RuleMeta>,
    lexicon: Lexicon,
    /// The trigger index of the phrase rules' patterns.
    registry: Registry,
    config: Config,
    /// Every rule id a setting or suppression may name (`grammar/*` for the grammar group).
    rule_ids: Vec<String>,
}

impl Linter {
    /// Built-in rules with default settings.
    pub fn new() -> Linter {
        Linter::with_config(Config::default()).expect("built-in rules are valid")
    }

    pub fn with_config(config: Config) -> Result<Linter, ConfigError> {
        let internal = |m: String| {
            ConfigError::plain(
                format!("built-in rule data is invalid: {m}"),
                "this is a bug in candor; please report it",
            )
        };
        let mut lexicon = Lexicon::builtin().map_err(internal)?;
        for (name, words) in &config.vocab {
            lexicon.extend_literal(name, words);
        }
        let mut registry = Registry::default();
        let mut rules: Vec<Box<dyn Rule>> = Vec::new();
        for (path, text) in EMBEDDED_RULE_FILES
            .iter()
            .filter(|(p, _)| p.starts_with("rules/phrases/"))
        {
            let r = PhraseRule::from_toml(text, &lexicon, &mut registry)
                .map_err(|e| internal(format!("{path}: {}", e.message)))?;
            rules.push(Box::new(r));
        }
        rules.extend(code::all());
        #[cfg(feature = "nlprule")]
        rules.push(Box::new(
            crate::rules::grammar::nlprule::GrammarRule::from_config(&config)?,
        ));
        for dir in &config.rule_dirs {
            load_user_rules(dir, &lexicon, &mut registry, &mut rules)?;
        }
        let policies = Policies::builtin().map_err(internal)?;
        let mut policy_metas = policies.rule_metas();
        policy_metas.extend(crate::policy::custom::rule_metas(
            &config.elements,
            &config.kinds,
        ));
        let custom = crate::policy::custom::Detectors::compile(&config.elements, &lexicon)
            .map_err(internal)?;
        let packs = crate::policy::packs::load(&config)?;
        let pack_metas = packs.iter().flat_map(|p| p.rule_metas()).collect();
        let mut linter = Linter {
            rules,
            policy_metas,
            policies,
            custom,
            packs,
            pack_metas,
            lexicon,
            registry,
            config,
            rule_ids: Vec::new(),
        };
        let mut known: Vec<String> = linter.metas().iter().map(|m| m.id.clone()).collect();
        // The grammar group (feature `nlprule`) and its `grammar/<LanguageTool id>` rules are valid
        // in any build, so one candor.toml serves builds with and without the feature.
        let group = crate::rules::grammar::GROUP;
        known.extend([group.to_string(), format!("{group}/*")]);
        linter.rule_ids = known.clone();
        let text = linter
            .config
            .path
            .as_ref()
            .and_then(|p| std::fs::read_to_string(p).ok());
        linter.config.validate_rule_ids(text.as_deref(), &known)?;
        crate::policy::packs::validate_config_packs(
            &linter.packs,
            &linter.config,
            text.as_deref(),
        )?;
        Ok(linter)
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Every rule's metadata, sorted by id.
    pub fn metas(&self) -> Vec<&RuleMeta> {
        let mut v: Vec<&RuleMeta> = self
            .rules
            .iter()
            .map(|r| r.meta())
            .chain(self.policy_metas.iter())
            .chain(self.pack_metas.iter())
            .collect();
        v.extend(ENGINE_RULES.iter());
        v.sort_by(|a, b| a.id.cmp(&b.id));
        v
    }

    pub fn meta(&self, id: &str) -> Option<&RuleMeta> {
        self.metas().into_iter().find(|m| m.id == id)
    }

    /// The word families rules match (built-in plus the config's `[vocab]`).
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    pub fn policies(&self) -> &Policies {
        &self.policies
    }

    /// The built-in and user regulatory packs.
    pub fn packs(&self) -> &Packs {
        &self.packs
    }

    /// Checks pack names given on the command line; an unknown name is an error with a
    /// did-you-mean hint.
    #[allow(clippy::result_large_err)]
    pub fn validate_packs(&self, ids: &[String]) -> Result<(), ConfigError> {
        for id in ids {
            if self.packs.get(id).is_none() {
                let (message, help) = self.packs.unknown(id);
                return Err(ConfigError::plain(message, help));
            }
        }
        Ok(())
    }

    /// Runs every registered rule (phrase and code rules, all enabled) over an analysed
    /// document, without policy, suppressions or severity overrides. The benchmarks use it to
    /// time the rule stage on its own.
    pub fn run_rules(&self, ctx: &Context) -> Vec<Finding> {
        self.scan_triggers(ctx);
        let mut findings = Vec::new();
        for rule in &self.rules {
            rule.check(ctx, &mut findings);
        }
        findings
    }

    /// One scan of the document finds which phrase-rule patterns can match where (kept in a
    /// slot of `ctx`, so the scan runs once per document).
    fn scan_triggers(&self, ctx: &Context) {
        ctx.slot(|c| RuleTriggers(self.registry.scan(c.analysis())));
    }

    /// Checks one document: parse, resolve what it is, run the rules and element detectors,
    /// apply the policies and packs, then suppressions and settings.
    ///
    /// A document over 3 MiB is checked in parts of 0.5–1 MiB (see [`crate::document::parts`]),
    /// one after another, so memory stays bounded by the part size: what the document is and
    /// its settings come from the first part (which holds any front matter), findings and
    /// element evidence are moved to file offsets, and the policies, packs, suppressions and
    /// per-rule limit apply to the whole.
    pub fn check(&self, text: &str, opts: &Options) -> FileReport {
        let parts = parts::split(text, parts::WHOLE_LIMIT, parts::PART_SIZE);
        self.check_parts(text, opts, parts)
    }

    /// [`Linter::check`] of a text the report then keeps as its `source`, without a copy.
    pub fn check_owned(&self, text: String, opts: &Options) -> FileReport {
        let parts = parts::split(&text, parts::WHOLE_LIMIT, parts::PART_SIZE);
        let mut report = self.check_in(&text, opts, parts);
        report.source = text;
        report
    }

    /// [`Linter::check`] with the document cut into `parts` (consecutive ranges covering
    /// `text`, the first starting at 0). Tests cut small documents with it.
    #[doc(hidden)]
    pub fn check_parts(&self, text: &str, opts: &Options, parts: Vec<Range<usize>>) -> FileReport {
        let mut report = self.check_in(text, opts, parts);
        report.source = text.to_string();
        report
    }

    /// The check, with the report's `source` left empty for the caller to fill.
    fn check_in(&self, text: &str, opts: &Options, parts: Vec<Range<usize>>) -> FileReport {
        let mut parts = parts.into_iter();
        let first_part = parts.next().unwrap_or(0..text.len());
        let mut first = Document::parse(&text[first_part.clone()], opts.format);
        // Before anything reads the front matter: what it reports, it also drops.
        let team_kinds: Vec<&str> = self
            .config
            .kinds
            .iter()
            .filter(|k| k.is_custom())
            .map(|k| k.name.as_str())
            .collect();
        let mut end_findings = front_matter_lint::check(&mut first, &self.rule_ids, &team_kinds);
        end_findings.extend(crate::policy::packs::front_matter_pack_findings(
            &self.packs,
            &first,
        ));
        let path = Path::new(&opts.path);
        let overrides = self.config.overrides_for(path);
        let what = self.identify(&first, opts, &overrides);
        let packs = self.packs_for(&first, opts, &overrides);
        let settings = self.settings_for(&first, &overrides);
        let title = first.title_range();
        let times_tz = first.front_matter.as_ref().and_then(|f| f.times_tz.clone());
        let enabled_packs: Vec<&Pack> = packs.iter().filter_map(|id| self.packs.get(id)).collect();
        let mut readings: Vec<PackReading> = enabled_packs
            .iter()
            .map(|p| p.begin(&first, title))
            .collect();

        let max = self.config.max_findings_per_rule;
        let mut collector = Collector::new(&settings, max);
        let mut els = Elements::default();
        let mut facts = Facts::default();
        let mut next = Some((first_part.start, first));
        // A quoted e-mail thread runs to the end of the file: the parts after the one it
        // starts in are someone else's text. Only their Markdown comments are read, as when the
        // file is parsed whole (plain text finds directives in the masked text, which the
        // thread blanks).
        let mut in_thread = false;
        // The file's line index: a file read in one part has it in that part's document.
        let mut whole_lines = None;
        while let Some((offset, doc)) = next.take() {
            if in_thread {
                collector.part(text, suppress::comments(&doc, offset), Vec::new());
            } else {
                let mut ctx = Context::new(&doc, what.kind, what.phase, &self.lexicon);
                ctx.time_zone = self.config.time_zone.as_deref();
                ctx.times_tz = times_tz.as_deref();
                let (findings, part_els) = self.run_rules_and_detectors(&ctx, &settings);
                facts = facts.merge(Facts::of(&ctx));
                for (pack, reading) in enabled_packs.iter().zip(&mut readings) {
                    pack.read(reading, &doc, offset);
                }
                els.absorb(part_els, offset, max);
                collector.part(
                    text,
                    suppress::comments(&doc, offset),
                    findings.into_iter().map(|f| f.shifted(offset)).collect(),
                );
                in_thread = doc.reply_thread.is_some();
            }
            if doc.source.len() == text.len() {
                whole_lines = Some(doc.lines);
            }
            if in_thread && opts.format == Format::Text {
                break;
            }
            next = parts
                .next()
                .map(|r| (r.start, Document::parse_part(&text[r], opts.format)));
        }

        let (requirements, custom_requirements) = self.requirements_for(&facts, &what, &packs);
        end_findings.extend(self.policy_findings(
            title,
            &what,
            &requirements,
            &custom_requirements,
            &els,
        ));
        let mut pack_checks = Vec::new();
        for (pack, reading) in enabled_packs.iter().zip(&readings) {
            let (checks, pack_findings) = pack.finish(reading, &els);
            pack_checks.extend(checks);
            end_findings.extend(pack_findings);
        }
        let is_off = |id: &str| setting_for(&settings, id) == Some(&RuleSetting::Off);
        let known = suppress::Known {
            rule_ids: &self.rule_ids,
            is_off: &is_off,
        };
        let lines = whole_lines.unwrap_or_else(|| LineIndex::new(text));
        let diagnostics = collector
            .finish(text, &known, end_findings)
            .into_iter()
            .map(|f| to_diagnostic(text, &lines, f))
            .collect();

        FileReport {
            path: opts.path.clone(),
            kind: what.kind,
            kind_source: what.kind_source,
            custom_kind: what.custom_kind,
            kind_confidence: what
                .kind_guess
                .as_ref()
                .and_then(|g| g.kind.map(|_| g.confidence)),
            kind_runner_up: what.kind_guess.as_ref().and_then(|g| g.runner_up),
            phase: what.phase,
            phase_confidence: what.phase_confidence,
            packs,
            elements: els,
            requirements,
            custom_requirements,
            pack_checks,
            diagnostics,
            source: String::new(),
            encoding: Default::default(),
            fixed: 0,
            before_fixes: None,
        }
    }

    /// What the document is. Kind and phase: CLI > front matter > config glob > inferred.
    fn identify(&self, doc: &Document, opts: &Options, overrides: &[&Override]) -> Identity {
        let fm = doc.front_matter.as_ref();
        let fm_kind = fm
            .and_then(|f| f.kind.as_deref())
            .and_then(|k| k.parse::<Kind>().ok());
        let fm_phase = fm
            .and_then(|f| f.phase.as_deref())
            .and_then(|p| p.parse::<Phase>().ok());
        let cfg_kind = overrides.iter().rev().find_map(|o| o.kind);
        let cfg_phase = overrides.iter().rev().find_map(|o| o.phase);
        // A team's kind (`[kinds.<name>] files`) is declared by candor.toml too, and wins over
        // an `[[overrides]]` kind.
        let team_kind = self.config.kind_for(Path::new(&opts.path));
        // … and front matter may name one (`kind: release-note`).
        let fm_team_kind = fm.and_then(|f| f.kind.as_deref()).and_then(|k| {
            self.config
                .kinds
                .iter()
                .find(|p| p.is_custom() && p.name == k.trim())
        });
        // Inference reads the text with code blanked but quotations kept: a status thread
        // pasted into a forum post or quoted by an article is still the document's subject.
        let (kind, kind_source, kind_guess, custom_kind) = if let Some(k) = opts.kind {
            (Some(k), KindSource::Cli, None, None)
        } else if let Some(k) = fm_kind {
            (Some(k), KindSource::FrontMatter, None, None)
        } else if let Some(p) = fm_team_kind {
            (
                p.base(),
                KindSource::FrontMatter,
                None,
                Some(p.name.clone()),
            )
        } else if let Some(p) = team_kind {
            let custom = p.is_custom().then(|| p.name.clone());
            (p.base(), KindSource::Config, None, custom)
        } else if let Some(k) = cfg_kind {
            (Some(k), KindSource::Config, None, None)
        } else {
            let g = guess_kind(&doc.raw);
            (g.kind, KindSource::Inferred, Some(g), None)
        };
        let declared_phase = opts.phase.or(fm_phase).or(cfg_phase);
        let (phase, phase_confidence) = match declared_phase {
            None if kind == Some(Kind::StatusUpdate) => {
                let g = guess_phase(&doc.raw);
                (g.phase, g.phase.map(|_| g.confidence))
            }
            declared => (declared, None),
        };
        Identity {
            kind,
            kind_source,
            kind_guess,
            custom_kind,
            phase,
            phase_confidence,
        }
    }

    /// The packs enabled for the document: config, matching overrides, front matter, CLI.
    fn packs_for(&self, doc: &Document, opts: &Options, overrides: &[&Override]) -> Vec<String> {
        let mut packs: Vec<String> = self.config.packs.clone();
        packs.extend(overrides.iter().flat_map(|o| o.packs.iter().cloned()));
        if let Some(f) = &doc.front_matter {
            packs.extend(f.packs.iter().cloned());
        }
        packs.extend(opts.packs.iter().cloned());
        packs.sort();
        packs.dedup();
        packs
    }

    /// Rule settings: config, then matching overrides, then front matter.
    fn settings_for(
        &self,
        doc: &Document,
        overrides: &[&Override],
    ) -> BTreeMap<String, RuleSetting> {
        let mut settings: BTreeMap<String, RuleSetting> = self.config.rules.clone();
        for o in overrides {
            settings.extend(o.rules.iter().map(|(k, v)| (k.clone(), *v)));
        }
        if let Some(f) = &doc.front_matter {
            for (k, v) in &f.rules {
                if let Some(s) = RuleSetting::parse(v) {
                    settings.insert(k.clone(), s);
                }
            }
        }
        settings
    }

    /// The findings of every rule not turned off, in rule order, and the elements found.
    fn run_rules_and_detectors(
        &self,
        ctx: &Context,
        settings: &BTreeMap<String, RuleSetting>,
    ) -> (Vec<Finding>, Elements) {
        self.scan_triggers(ctx);
        let active: Vec<&dyn Rule> = self
            .rules
            .iter()
            .filter(|rule| settings.get(&rule.meta().id) != Some(&RuleSetting::Off))
            .map(|rule| rule.as_ref())
            .collect();
        // Rules and element detectors run side by side: one draft checked cold is mostly
        // first-use regex compilation, which this spreads over the cores. In a many-file run
        // the pool is already busy and these run inline. Findings keep rule order.
        let (per_rule, els) = rayon::join(
            || {
                active
                    .par_iter()
                    .with_min_len(8)
                    .map(|rule| {
                        let mut found = Vec::new();
                        rule.check(ctx, &mut found);
                        found
                    })
                    .collect::<Vec<Vec<Finding>>>()
            },
            || {
                let mut els = elements::detect(ctx);
                if !self.custom.is_empty() {
                    els.custom = self.custom.detect(ctx);
                }
                els
            },
        );
        (per_rule.into_iter().flatten().collect(), els)
    }

    /// The elements the document must contain, with the severity of their absence: its kind's
    /// policy, then the team's levels, less what an enabled pack waives.
    fn requirements_for(
        &self,
        facts: &Facts,
        what: &Identity,
        packs: &[String],
    ) -> (BTreeMap<Element, Severity>, BTreeMap<String, Severity>) {
        use crate::policy::custom::ElementRef;
        let mut requirements = what
            .kind
            .map(|k| self.policies.requirements(k, what.phase, facts))
            .unwrap_or_default();
        let mut custom_requirements = BTreeMap::new();
        for (e, level) in self
            .team_policy(what)
            .map(|p| p.levels_for(what.phase))
            .unwrap_or_default()
        {
            match (e, level.severity()) {
                (ElementRef::Builtin(e), Some(s)) => {
                    requirements.insert(e, s);
                }
                (ElementRef::Builtin(e), None) => {
                    requirements.remove(&e);
                }
                (ElementRef::Custom(n), Some(s)) => {
                    custom_requirements.insert(n, s);
                }
                (ElementRef::Custom(n), None) => {
                    custom_requirements.remove(&n);
                }
            }
        }
        for pack in packs.iter().filter_map(|id| self.packs.get(id)) {
            for e in &pack.waives.elements {
                requirements.remove(e);
            }
        }
        (requirements, custom_requirements)
    }

    /// The team's requirements for this document: its own kind's, or those added to its
    /// built-in kind.
    fn team_policy(&self, what: &Identity) -> Option<&KindPolicy> {
        match &what.custom_kind {
            Some(name) => self.config.kinds.iter().find(|k| &k.name == name),
            None => what
                .kind
                .and_then(|k| self.config.kinds.iter().find(|p| p.builtin == Some(k))),
        }
    }

    /// `missing-*` findings for the required elements not found.
    fn policy_findings(
        &self,
        title: (usize, usize),
        what: &Identity,
        requirements: &BTreeMap<Element, Severity>,
        custom_requirements: &BTreeMap<String, Severity>,
        els: &Elements,
    ) -> Vec<Finding> {
        let name = match (&what.custom_kind, what.kind) {
            (Some(name), _) => name.replace(['-', '_'], " "),
            (None, Some(k)) => crate::policy::what_is(k, what.phase),
            (None, None) => "document".to_string(),
        };
        let mut findings =
            self.policies
                .check_as(what.kind, what.phase, &name, requirements, els, title);
        findings.extend(crate::policy::custom::missing_findings(
            &self.config.elements,
            custom_requirements,
            els,
            &name,
            title,
        ));
        findings
    }
}

impl Default for Linter {
    fn default() -> Self {
        Linter::new()
    }
}

/// Rules the engine itself reports.
static ENGINE_RULES: std::sync::LazyLock<[RuleMeta; 2]> = std::sync::LazyLock::new(|| {
    [
        RuleMeta {
            id: suppress::UNUSED_RULE.to_string(),
            severity: Severity::Warning,
            summary: "A suppression comment that suppresses nothing".into(),
            docs: "# unused-suppression\n\nA suppression comment that suppresses nothing.\n\n## What it flags\nA `<!-- candor-disable … -->` or `<!-- candor-disable-next-line … -->` comment that no finding falls under.\n\n## Why it matters\nStale suppressions hide future findings and mislead reviewers about what was checked. Remove the comment, or fix the rule id it names.\n\n## Bad\n> <!-- candor-disable-next-line non-apolgy -->\n\n## Good\n> <!-- candor-disable-next-line non-apology -->\n".into(),
            family: Family::Code,
            needs_nlp: false,
        },
        RuleMeta {
            id: front_matter_lint::RULE.to_string(),
            severity: Severity::Error,
            summary: "Front matter that cannot be read, or declares something candor does not know".into(),
            docs: "# invalid-front-matter\n\nFront matter that cannot be read, or that declares something candor does not know.\n\n## What it flags\nYAML (`---`) or TOML (`+++`) front matter with a syntax error, an unknown key, a `kind`/`phase` value candor does not know, an unknown pack, an unknown rule id or rule setting under `rules` (with the closest id), or a `times_tz` that is neither an IANA time zone name (`UTC`, `Europe/Berlin`) nor a UTC offset (`+02:00`). A value that is reported is ignored; the rest of the document is still checked.\n\n## Why it matters\nA typo in `kind` silently changes which policy a draft is held to; a typo in a rule id turns nothing off; a made-up `times_tz` would declare a zone no reader can use.\n\n## Bad\n> ---\n> kind: status\n> phse: resolved\n> ---\n\n## Good\n> ---\n> kind: status-update\n> phase: resolved\n> ---\n".into(),
            family: Family::Code,
            needs_nlp: false,
        },
    ]
});

/// What a document is, and how that was decided.
struct Identity {
    kind: Option<Kind>,
    kind_source: KindSource,
    /// The inference, when the kind was inferred.
    kind_guess: Option<KindGuess>,
    /// A team kind (`[kinds.<name>]`), when the document is one.
    custom_kind: Option<String>,
    phase: Option<Phase>,
    phase_confidence: Option<Confidence>,
}

fn to_diagnostic(source: &str, lines: &LineIndex, f: Finding) -> Diagnostic {
    let span = lines.span(source, f.start, f.end);
    Diagnostic {
        rule: f.rule,
        severity: f.severity,
        // A message may quote text across a line break; every format shows it on one line.
        message: one_line(&f.message),
        help: one_line(&f.help),
        text: source[span.start..span.end].to_string(),
        span,
        document_level: f.document_level,
        suggestions: f
            .suggestions
            .into_iter()
            .map(|fix| to_suggestion(source, lines, fix))
            .collect(),
    }
}

fn to_suggestion(source: &str, lines: &LineIndex, fix: Fix) -> Suggestion {
    let (start, end) = fix.range();
    let replacement = fix.covering_replacement(source);
    Suggestion {
        message: one_line(&fix.message),
        applicability: fix.applicability,
        edits: fix
            .edits
            .into_iter()
            .map(|(s, e, replacement)| Edit {
                span: lines.span(source, s, e),
                replacement,
            })
            .collect(),
        span: lines.span(source, start, end),
        replacement,
    }
}

/// Loads every `*.toml` in a user's rule folder.
fn load_user_rules(
    dir: &Path,
    lexicon: &Lexicon,
    registry: &mut Registry,
    rules: &mut Vec<Box<dyn Rule>>,
) -> Result<(), ConfigError> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        ConfigError::plain(
            format!("cannot read rule folder {}: {e}", dir.display()),
            "`rule_dirs` in candor.toml lists folders of phrase-rule TOML files, relative to candor.toml",
        )
    })?;
    let mut paths: Vec<_> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    for p in paths {
        let text = std::fs::read_to_string(&p).map_err(|e| {
            ConfigError::plain(
                format!("cannot read rule file {}: {e}", p.display()),
                "check the file's permissions",
            )
        })?;
        let rule = PhraseRule::from_toml(&text, lexicon, registry).map_err(|e| ConfigError {
            message: format!("invalid rule file {}: {}", p.display(), e.message),
            src: Some(NamedSource::new(p.display().to_string(), text.clone())),
            span: e
                .span
                .map(|(s, e2)| SourceSpan::from(s..e2.max(s + 1).min(text.len().max(1)))),
            label: "here".into(),
            help: Some(e.help.clone()),
        })?;
        let id = &rule.meta().id;
        if let Err(problem) = crate::rule_id::validate_rule_id(id) {
            return Err(ConfigError {
                message: format!("invalid rule file {}: {problem}", p.display()),
                src: Some(NamedSource::new(p.display().to_string(), text.clone())),
                span: text.find(id.as_str()).map(|i| SourceSpan::from(i..i + id.len())),
                label: "this id".into(),
                help: Some(
                    "set `id` to a kebab-case id, e.g. `id = \"acme-no-eta\"`: ids are used in candor.toml, suppression comments and links".into(),
                ),
            });
        }
        if rules.iter().any(|r| r.meta().id == rule.meta().id) {
            return Err(ConfigError::plain(
                format!(
                    "rule file {} defines `{}`, which already exists",
                    p.display(),
                    rule.meta().id
                ),
                "give your rule its own id (a prefix such as `acme-` keeps ids apart)",
            ));
        }
        rules.push(Box::new(rule));
    }
    Ok(())
}
