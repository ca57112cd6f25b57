//! Phrase rules as data: the format of `rules/phrases/*.toml` (and users' own rule files) and
//! the engine that runs them over the sentence analysis.
//!
//! ```toml
//! id = "over-promise"                 # lowercase letters, digits and hyphens
//! severity = "warning"                # error | warning | info
//! summary = "Promises no one can keep"
//! message = "This promises something no one can guarantee."
//! help = "Promise the specific change instead: …"
//!
//! [docs]                              # optional; `candor explain ID` prints it
//! what = "…"
//! why = "…"
//! sources = ["…"]
//! traps = ["what is deliberately not flagged"]
//!
//! [examples]                          # run as tests: every `bad` must be flagged, no `good`
//! bad = ["We promise ‹this will never happen again›."]   # ‹…› marks the expected span
//! good = ["We made changes to ensure this does not happen again."]
//!
//! [[patterns]]
//! tokens = "this|it will|can never happen|recur again"   # the token-pattern notation
//! not_in = ["purpose", "conditional", "quoted"]           # clause predicates
//! unless = ["we will never ask"]                           # antipatterns (see below)
//! ```
//!
//! **Rule keys**: `kinds`, `skip_kinds`, `phases`, `skip_phases` limit where the rule runs;
//! `severity_by_kind` / `severity_by_phase` override `severity`; `skip_headings`;
//! `quotes = "include"` also reads quotations attributed to someone else (skipped by default);
//! `one_per_sentence = true` makes the findings of one sentence one finding.
//!
//! **Pattern keys** (every one optional but `tokens`):
//! * `tokens` — what to match, in the pattern notation (docs/rules-guide.md); `[ … ]` narrows the
//!   reported span;
//! * clause predicates, asked of the clause containing the reported span's first word:
//!   `in` / `not_in` (roles, checked on that clause and every clause around it: main,
//!   purpose, conditional, relative, complement, cause, time, concession, quoted,
//!   parenthetical, question), `subject` / `not_subject` (parties: writer, writer-owned,
//!   reader, customers, vendor, attacker, individual, thing), `in_subject` (true: the match
//!   starts in the clause's subject), `voice` (active | passive),
//!   `negated` (true | false), `tense` (past | present | future);
//! * guards, each a list of token patterns: `unless` (a match overlapping this one cancels it,
//!   as LanguageTool's antipatterns do), `unless_sentence` (anywhere in the sentence),
//!   `unless_previous` / `unless_next` (the sentence before / after), `unless_paragraph`
//!   (anywhere in the paragraph), `unless_document` (anywhere in the document), `only_if_sentence` (the finding needs this in the sentence);
//! * `message` (`{text}` in it stands for the matched text), `help`, `severity` for this pattern; `suggest`, a replacement for the span.

use super::{Context, Family, Rule, RuleMeta};
use crate::analysis::Lexicon;
use crate::diagnostic::{Applicability, Finding, Severity};
use crate::kind::{Kind, Phase};
use crate::pattern::cue::{Cue, CueDef, CueMemo};
use crate::pattern::registry::{Registry, Triggered};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::Arc;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleDef {
    pub id: String,
    pub severity: Severity,
    pub summary: String,
    pub message: String,
    pub help: String,
    #[serde(default)]
    pub kinds: Vec<Kind>,
    #[serde(default)]
    pub skip_kinds: Vec<Kind>,
    #[serde(default)]
    pub phases: Vec<Phase>,
    #[serde(default)]
    pub skip_phases: Vec<Phase>,
    #[serde(default)]
    pub severity_by_kind: BTreeMap<Kind, Severity>,
    #[serde(default)]
    pub severity_by_phase: BTreeMap<Phase, Severity>,
    #[serde(default)]
    pub skip_headings: bool,
    /// Several findings in one sentence become one covering them all.
    #[serde(default)]
    pub one_per_sentence: bool,
    #[serde(default)]
    pub quotes: Quotes,
    #[serde(default)]
    pub docs: Docs,
    #[serde(default)]
    pub examples: Examples,
    pub patterns: Vec<PatternDef>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Quotes {
    /// Quotations attributed to someone else are not the writer's words.
    #[default]
    Skip,
    Include,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Docs {
    #[serde(default)]
    pub what: String,
    #[serde(default)]
    pub why: String,
    #[serde(default)]
    pub sources: Vec<String>,
    #[serde(default)]
    pub traps: Vec<String>,
}

/// Sentences that document the rule and run as tests.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    #[serde(default)]
    pub bad: Vec<String>,
    #[serde(default)]
    pub good: Vec<String>,
}

/// One pattern of a rule: a cue (what to match, predicates, guards) and what to say.
#[derive(Debug, Clone, Deserialize)]
pub struct PatternDef {
    #[serde(flatten)]
    pub cue: CueDef,
    #[serde(default)]
    pub message: Option<String>,
    #[serde(default)]
    pub help: Option<String>,
    #[serde(default)]
    pub severity: Option<Severity>,
    #[serde(default)]
    pub suggest: Option<String>,
}

struct CompiledPattern {
    cue: Cue,
    message: Option<String>,
    help: Option<String>,
    severity: Option<Severity>,
    suggest: Option<String>,
}

pub struct PhraseRule {
    meta: RuleMeta,
    def: RuleDef,
    patterns: Vec<CompiledPattern>,
}

/// Why a rule file could not be loaded; `span` points into the file when known.
#[derive(Debug, Clone)]
pub struct PhraseRuleError {
    pub message: String,
    pub span: Option<(usize, usize)>,
    pub help: String,
}

/// The triggers of every phrase rule of a linter, for one document (a [`Context`] slot).
pub struct RuleTriggers(pub Triggered);

const FORMAT_HELP: &str =
    "the rule-file format is described by `candor explain rule-format` and in docs/rules-guide.md";

/// Is `id` a valid rule id (kebab-case: lower-case words joined by `-`)?
pub fn valid_rule_id(id: &str) -> bool {
    crate::rule_id::validate_rule_id(id).is_ok()
}

/// How deeply `( … )` and `[ … ]` may nest in a pattern of a rule file. candor's own patterns
/// nest four deep at most; the limit keeps a hostile file (ten thousand `(`) from exhausting
/// the stack of the recursive parser and matcher.
pub const MAX_NESTING: usize = 32;

/// The byte offset where a pattern nests deeper than [`MAX_NESTING`], if it does (quoted
/// words such as `"("` do not count).
fn too_deep(pattern: &str) -> Option<usize> {
    let (mut depth, mut quoted) = (0usize, false);
    for (i, c) in pattern.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '(' | '[' if !quoted => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Some(i);
                }
            }
            ')' | ']' if !quoted => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

impl PhraseRule {
    /// Parses and compiles one rule file, registering its patterns for triggering.
    pub fn from_toml(
        text: &str,
        lex: &Lexicon,
        registry: &mut Registry,
    ) -> Result<PhraseRule, PhraseRuleError> {
        let def: RuleDef = toml::from_str(text).map_err(|e| PhraseRuleError {
            message: e.message().to_string(),
            span: e.span().map(|r| (r.start, r.end)),
            help: FORMAT_HELP.into(),
        })?;
        let locate = |needle: &str| text.find(needle).map(|i| (i, i + needle.len()));
        if let Err(problem) = crate::rule_id::validate_rule_id(&def.id) {
            return Err(PhraseRuleError {
                message: problem,
                span: locate(&format!("\"{}\"", def.id)),
                help: "set `id` to a kebab-case id, e.g. `id = \"acme-no-eta\"`: ids are used in candor.toml, suppression comments and links".into(),
            });
        }
        let mut patterns = Vec::new();
        for p in &def.patterns {
            let c = &p.cue;
            let all = std::iter::once(&c.tokens).chain(
                [
                    &c.unless,
                    &c.unless_sentence,
                    &c.unless_previous,
                    &c.unless_next,
                    &c.unless_paragraph,
                    &c.unless_document,
                    &c.only_if_sentence,
                ]
                .into_iter()
                .flatten(),
            );
            for src in all {
                if let Some(at) = too_deep(src) {
                    return Err(PhraseRuleError {
                        message: format!(
                            "invalid pattern: groups nest more than {MAX_NESTING} deep (at character {})",
                            src[..at].chars().count() + 1
                        ),
                        span: locate(src).map(|(s, _)| (s + at, s + at + 1)),
                        help: "flatten the pattern: `a|b|c` and `( x y | z )` need no nesting"
                            .into(),
                    });
                }
            }
            let cue = Cue::compile(&p.cue, lex, registry).map_err(|e| PhraseRuleError {
                message: e.message,
                span: locate(&e.source).map(|(s, end)| match e.at {
                    Some(at) => (s + at, s + at + 1),
                    None => (s, end),
                }),
                help: FORMAT_HELP.into(),
            })?;
            patterns.push(CompiledPattern {
                cue,
                message: p.message.clone(),
                help: p.help.clone(),
                severity: p.severity,
                suggest: p.suggest.clone(),
            });
        }
        let meta = RuleMeta {
            id: def.id.clone(),
            severity: def.severity,
            summary: def.summary.clone(),
            docs: render_docs(&def),
            family: Family::Phrase,
            needs_nlp: true,
        };
        Ok(PhraseRule {
            meta,
            def,
            patterns,
        })
    }

    pub fn def(&self) -> &RuleDef {
        &self.def
    }

    fn applies(&self, ctx: &Context) -> bool {
        let d = &self.def;
        if let Some(k) = ctx.kind {
            if (!d.kinds.is_empty() && !d.kinds.contains(&k)) || d.skip_kinds.contains(&k) {
                return false;
            }
        } else if !d.kinds.is_empty() {
            return false;
        }
        if let Some(p) = ctx.phase
            && ((!d.phases.is_empty() && !d.phases.contains(&p)) || d.skip_phases.contains(&p))
        {
            return false;
        }
        true
    }

    fn base_severity(&self, ctx: &Context) -> Severity {
        let by_kind = ctx
            .kind
            .and_then(|k| self.def.severity_by_kind.get(&k).copied());
        ctx.phase
            .and_then(|p| self.def.severity_by_phase.get(&p).copied())
            .or(by_kind)
            .unwrap_or(self.def.severity)
    }
}

impl Rule for PhraseRule {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        if !self.applies(ctx) {
            return;
        }
        let analysis = ctx.analysis();
        let triggers = ctx.slot::<RuleTriggers>(|_| RuleTriggers(Triggered::default()));
        let base = self.base_severity(ctx);
        let mut found = Vec::new();
        for p in &self.patterns {
            let mut memo = CueMemo::default();
            for si in p.cue.sentences(ctx, &triggers.0) {
                if self.def.skip_headings && ctx.doc.sentences[si].heading_like {
                    continue;
                }
                let toks = &analysis.sentences[si].tokens;
                for m in p
                    .cue
                    .matches(ctx, si, self.def.quotes == Quotes::Include, &mut memo)
                {
                    let (start, end) = (toks[m.span_start].start, toks[m.span_end - 1].end);
                    let mut f =
                        Finding::new(self.def.id.clone(), p.severity.unwrap_or(base), start, end)
                            .message(with_text(
                                p.message.as_deref().unwrap_or(&self.def.message),
                                &ctx.doc.source[start..end],
                            ))
                            .help(p.help.clone().unwrap_or_else(|| self.def.help.clone()));
                    if let Some(rep) = &p.suggest {
                        let rep = match_case(&ctx.doc.source[start..end], rep);
                        // A rewrite of what the draft says: the writer reviews it.
                        f = f.replace(
                            format!("replace with \"{rep}\""),
                            rep,
                            Applicability::Unsafe,
                        );
                    }
                    found.push(f);
                }
            }
        }
        // Overlapping findings of one rule are merged once, by the engine (the longest wins).
        if self.def.one_per_sentence {
            found.sort_by_key(|f| (f.start, std::cmp::Reverse(f.end)));
            out.extend(merge_sentences(ctx, found));
        } else {
            out.extend(found);
        }
    }
}

/// A message with `{text}` replaced by the matched text, on one line: `"{text}" is a stock
/// phrase` becomes `"Out of an abundance of caution" is a stock phrase`.
fn with_text(message: &str, text: &str) -> String {
    if !message.contains("{text}") {
        return message.to_string();
    }
    message.replace(
        "{text}",
        &text.split_whitespace().collect::<Vec<_>>().join(" "),
    )
}

/// Findings in one sentence become one spanning them all (for rules whose finding is the
/// sentence's stance: "Rest assured, this will never happen again").
fn merge_sentences(ctx: &Context, found: Vec<Finding>) -> Vec<Finding> {
    let mut out: Vec<Finding> = Vec::new();
    for f in found {
        if let Some(last) = out.last_mut()
            && ctx.doc.sentence_at(last.start).is_some()
            && ctx.doc.sentence_at(last.start) == ctx.doc.sentence_at(f.start)
        {
            last.end = last.end.max(f.end);
            last.suggestions.clear();
            continue;
        }
        out.push(f);
    }
    out
}

/// A replacement in the case of the text it replaces: "Rest assured" → "We have…" stays
/// capitalised at the start of a sentence; ALL CAPS stays all caps.
pub fn match_case(original: &str, replacement: &str) -> String {
    let letters: Vec<char> = original.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        return replacement.to_uppercase();
    }
    if original.starts_with(char::is_uppercase) {
        return crate::diagnostic::capitalize(replacement);
    }
    replacement.to_string()
}

fn render_docs(def: &RuleDef) -> String {
    let d = &def.docs;
    let mut s = format!("# {}\n\n{}\n", def.id, def.summary);
    if !d.what.trim().is_empty() {
        s.push_str(&format!("\n## What it flags\n{}\n", d.what.trim()));
    }
    if !d.why.trim().is_empty() {
        s.push_str(&format!("\n## Why it matters\n{}\n", d.why.trim()));
    }
    if !d.sources.is_empty() {
        s.push_str("\nSources:\n");
        for src in &d.sources {
            s.push_str(&format!("- {src}\n"));
        }
    }
    let strip = |e: &str| e.replace(['‹', '›'], "");
    if !def.examples.bad.is_empty() {
        s.push_str("\n## Bad\n");
        for b in &def.examples.bad {
            s.push_str(&format!("> {}\n", strip(b)));
        }
    }
    if !def.examples.good.is_empty() {
        s.push_str("\n## Good\n");
        for g in &def.examples.good {
            s.push_str(&format!("> {}\n", strip(g)));
        }
    }
    if !d.traps.is_empty() {
        s.push_str("\n## Not flagged\n");
        for t in &d.traps {
            s.push_str(&format!("- {t}\n"));
        }
    }
    s.push_str(&format!(
        "\nDefault severity: {}. Help shown with each finding:\n{}\n",
        def.severity,
        def.help.trim()
    ));
    s
}

/// The shared, frozen trigger index of a linter's phrase rules.
pub type SharedRegistry = Arc<Registry>;
