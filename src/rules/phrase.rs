//! Phrase rules as data: the format of `rules/phrases/*.toml` and the engine that runs them.
//!
//! ```toml
//! id = "non-apology"
//! severity = "warning"
//! summary = "Apologies that name no harm or make it hypothetical"
//! message = "This apology names no harm."
//! help = "Say what went wrong for the reader: \"We're sorry that your invoices …\""
//! kinds = []                      # empty: every kind
//! skip_phases = ["investigating"]
//!
//! [docs]
//! what = "…"
//! why = "…"
//! sources = ["…"]
//! bad = ["…"]
//! good = ["…"]
//!
//! [[patterns]]
//! match = '\b(?:sorry|{@apologize})\b for any {@harm}'
//! unless_sentence = '\d'          # no finding if the sentence matches
//! suggest = "…"                   # optional replacement for the matched text
//! ```
//!
//! Rule-level keys: `severity_by_kind = { breach-notice = "error" }` and
//! `severity_by_phase = { investigating = "info" }` override `severity`; `kinds`,
//! `skip_kinds`, `phases`, `skip_phases` limit where the rule runs; `skip_headings`;
//! `one_per_sentence` (several matches in a sentence become one finding); `view`
//! (`prose` or `raw`); `[vocab]` adds lists local to the rule.
//!
//! Pattern keys: `match` (a named group `hit` narrows the reported span), `message`, `help`,
//! `severity`, `suggest` (may use `$1`/`${name}` captures), `case_sensitive`, and guards —
//! each a regex; a match of the guard cancels the finding:
//! * `unless_sentence` — anywhere in the sentence;
//! * `unless_before` / `unless_after` — the sentence text before / after the match;
//! * `unless_next` — the next sentence;
//! * `unless_match` — the matched text itself (e.g. "test accounts" inside a population match);
//! * `unless_document` — the document's whole prose;
//! * `only_if_after` — the reverse: a finding only when the sentence text after the match
//!   matches (e.g. "rest assured" only when a promise follows);
//! * `info_if_paragraph` — not a cancel: if the paragraph (block) matches, the finding is
//!   reported as info (e.g. blame-shifting next to a first-person admission).
//!
//! In `match` and every guard, `{@name}` expands to a vocabulary list, a plain space matches
//! any run of white space (line breaks included), and matching ignores case unless the
//! pattern sets `case_sensitive = true`. Patterns use the `regex` crate: linear time, so a
//! user's pattern can never hang a run.

use super::{Context, Family, Rule, RuleMeta, Vocab};
use crate::diagnostic::{Finding, Severity};
use crate::kind::{Kind, Phase};
use crate::lazy_regex::LazyRegex;
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhraseRuleDef {
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
    /// Severity per kind, overriding `severity` (e.g. error in a breach notice).
    #[serde(default)]
    pub severity_by_kind: std::collections::BTreeMap<Kind, Severity>,
    /// Severity per status-update phase, overriding `severity` and `severity_by_kind`.
    #[serde(default)]
    pub severity_by_phase: std::collections::BTreeMap<Phase, Severity>,
    /// Extra vocabulary lists local to this rule.
    #[serde(default)]
    pub vocab: std::collections::BTreeMap<String, Vec<String>>,
    /// Report at most one finding per sentence (spanning every match in it).
    #[serde(default)]
    pub one_per_sentence: bool,
    /// Skip matches in headings.
    #[serde(default)]
    pub skip_headings: bool,
    /// `prose` (default): sentence by sentence over the writer's own prose. `raw`: over the whole
    /// text with only code, front matter and comments removed (template syntax such as
    /// `<FIRST NAME>` would otherwise be read as HTML and hidden).
    #[serde(default)]
    pub view: View,
    pub docs: Docs,
    pub patterns: Vec<PatternDef>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum View {
    #[default]
    Prose,
    Raw,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Docs {
    pub what: String,
    pub why: String,
    #[serde(default)]
    pub sources: Vec<String>,
    #[serde(default)]
    pub bad: Vec<String>,
    #[serde(default)]
    pub good: Vec<String>,
    #[serde(default)]
    pub traps: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PatternDef {
    #[serde(rename = "match")]
    pub pattern: String,
    /// If the named capture group `hit` exists, the finding covers just that group.
    #[serde(default)]
    pub unless_sentence: Option<String>,
    /// Checked against the matched text.
    #[serde(default)]
    pub unless_match: Option<String>,
    /// Checked against the sentence after the match's sentence.
    #[serde(default)]
    pub unless_next: Option<String>,
    /// Checked against the text of the sentence before the match.
    #[serde(default)]
    pub unless_before: Option<String>,
    /// Checked against the text of the sentence after the match.
    #[serde(default)]
    pub unless_after: Option<String>,
    /// Checked against the whole document's prose.
    #[serde(default)]
    pub unless_document: Option<String>,
    /// The finding stands only if the sentence text after the match matches.
    #[serde(default)]
    pub only_if_after: Option<String>,
    /// Checked against the paragraph (block) of the match: a match lowers the finding to info.
    #[serde(default)]
    pub info_if_paragraph: Option<String>,
    #[serde(default)]
    pub message: Option<String>,
    #[serde(default)]
    pub help: Option<String>,
    #[serde(default)]
    pub severity: Option<Severity>,
    #[serde(default)]
    pub suggest: Option<String>,
    #[serde(default)]
    pub case_sensitive: bool,
}

struct Pattern {
    re: LazyRegex,
    unless_sentence: Option<LazyRegex>,
    unless_next: Option<LazyRegex>,
    unless_match: Option<LazyRegex>,
    unless_before: Option<LazyRegex>,
    unless_after: Option<LazyRegex>,
    unless_document: Option<LazyRegex>,
    info_if_paragraph: Option<LazyRegex>,
    only_if_after: Option<LazyRegex>,
    message: Option<String>,
    help: Option<String>,
    severity: Option<Severity>,
    suggest: Option<String>,
}

pub struct PhraseRule {
    meta: RuleMeta,
    def: PhraseRuleDef,
    patterns: Vec<Pattern>,
}

/// Why a phrase-rule file could not be loaded; `span` points into the file when known.
#[derive(Debug, Clone)]
pub struct PhraseRuleError {
    pub message: String,
    pub span: Option<(usize, usize)>,
    pub help: String,
}

impl PhraseRule {
    /// Parses one rule file. With `eager`, every pattern is compiled now (user rule files and
    /// user vocabularies, whose errors must be reported at load); built-in patterns otherwise
    /// compile on first use, and a unit test compiles them all.
    pub fn from_toml(
        text: &str,
        vocab: &Vocab,
        eager: bool,
    ) -> Result<PhraseRule, PhraseRuleError> {
        let def: PhraseRuleDef = toml::from_str(text).map_err(|e| PhraseRuleError {
            message: e.message().to_string(),
            span: e.span().map(|r| (r.start, r.end)),
            help: "see `candor explain phrase-rule-format` or the README section \"Writing phrase rules\"".into(),
        })?;
        let mut vocab = vocab.clone();
        for (name, items) in &def.vocab {
            vocab.extend_regex(name, items.iter().cloned());
        }
        let locate = |needle: &str| text.find(needle).map(|i| (i, i + needle.len()));
        // Patterns compile on first use, and only for documents that contain one of their
        // required literals (see `lazy_regex`); `eager` compiles them now so a user's invalid
        // pattern is reported when the config loads, with its span.
        let compile = |src: &str, case_sensitive: bool| -> Result<LazyRegex, PhraseRuleError> {
            let expanded = expand(src, &vocab).map_err(|m| PhraseRuleError {
                message: m,
                span: locate(src),
                help: format!(
                    "known vocabulary lists: {}",
                    vocab.names().collect::<Vec<_>>().join(", ")
                ),
            })?;
            let flags = if case_sensitive { "" } else { "(?i)" };
            let re = LazyRegex::owned(format!("{flags}{expanded}"));
            if eager {
                re.try_compile().map_err(|e| PhraseRuleError {
                    message: format!("invalid pattern: {e}"),
                    span: locate(src),
                    help: "patterns use the `regex` crate's syntax (no look-around or back-references)".into(),
                })?;
            }
            Ok(re)
        };
        let opt = |s: &Option<String>| -> Result<Option<LazyRegex>, PhraseRuleError> {
            s.as_deref().map(|s| compile(s, false)).transpose()
        };
        let mut patterns = Vec::new();
        for p in &def.patterns {
            patterns.push(Pattern {
                re: compile(&p.pattern, p.case_sensitive)?,
                unless_sentence: opt(&p.unless_sentence)?,
                unless_next: opt(&p.unless_next)?,
                unless_match: opt(&p.unless_match)?,
                unless_before: opt(&p.unless_before)?,
                unless_after: opt(&p.unless_after)?,
                unless_document: opt(&p.unless_document)?,
                info_if_paragraph: opt(&p.info_if_paragraph)?,
                only_if_after: opt(&p.only_if_after)?,
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
            needs_nlp: false,
        };
        Ok(PhraseRule {
            meta,
            def,
            patterns,
        })
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
}

impl Rule for PhraseRule {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        let mut found = Vec::new();
        self.collect(ctx, &mut found);
        out.extend(self.merge(ctx, found));
    }
}

impl PhraseRule {
    fn collect(&self, ctx: &Context, out: &mut Vec<Finding>) {
        if !self.applies(ctx) {
            return;
        }
        let doc = ctx.doc;
        let base_sev = ctx
            .kind
            .and_then(|k| self.def.severity_by_kind.get(&k).copied())
            .unwrap_or(self.def.severity);
        let base_sev = ctx
            .phase
            .and_then(|p| self.def.severity_by_phase.get(&p).copied())
            .unwrap_or(base_sev);
        // Guards over a whole sentence or document are evaluated once per pattern and sentence
        // (or document), not once per match: per-match evaluation made long sentences and big
        // documents quadratic.
        let mut doc_guards: Vec<GuardCache> = vec![GuardCache::default(); self.patterns.len()];
        if self.def.view == View::Raw {
            for (pi, p) in self.patterns.iter().enumerate() {
                for caps in p.re.captures_iter(&doc.raw) {
                    let m = caps.name("hit").unwrap_or_else(|| caps.get(0).unwrap());
                    let si = doc.sentence_at(m.start());
                    let guarded = si.is_some_and(|si| {
                        let s = &doc.sentences[si];
                        let text = doc.sentence_text(s);
                        let (ms, me) = (
                            m.start().max(s.start) - s.start,
                            m.end().min(s.end).max(s.start) - s.start,
                        );
                        guarded(p, doc, si, text, ms, me.max(ms), &mut doc_guards[pi])
                    });
                    if !guarded && !m.as_str().trim().is_empty() {
                        out.push(self.finding(p, base_sev, m.start(), m.end(), &caps));
                    }
                }
            }
            return;
        }
        // Patterns none of whose required literals occur in the document are skipped (and
        // never compiled); the others are prefiltered again per sentence.
        let live: Vec<bool> = self
            .patterns
            .iter()
            .map(|p| p.re.could_match(&doc.prose))
            .collect();
        for (si, s) in doc.sentences.iter().enumerate() {
            if self.def.skip_headings && s.heading_like {
                continue;
            }
            let text = doc.sentence_text(s);
            for (pi, p) in self.patterns.iter().enumerate() {
                if !live[pi] {
                    continue;
                }
                for caps in p.re.captures_iter(text) {
                    let m = caps.name("hit").unwrap_or_else(|| caps.get(0).unwrap());
                    if m.as_str().trim().is_empty() {
                        continue;
                    }
                    let (start, end) = (s.start + m.start(), s.start + m.end());
                    if doc.in_attributed_quote(start..end)
                        || guarded(p, doc, si, text, m.start(), m.end(), &mut doc_guards[pi])
                    {
                        continue;
                    }
                    let mut f = self.finding(p, base_sev, start, end, &caps);
                    if let Some(re) = &p.info_if_paragraph {
                        let para = doc
                            .blocks
                            .get(s.block)
                            .map_or(text, |b| &doc.prose[b.start..b.end.min(doc.prose.len())]);
                        if re.is_match(para) {
                            f.severity = Severity::Info;
                        }
                    }
                    out.push(f);
                }
            }
        }
    }
}

impl PhraseRule {
    /// Overlapping findings of this rule become one (the longest wins); with
    /// `one_per_sentence`, all findings in a sentence become one covering them all.
    fn merge(&self, ctx: &Context, mut found: Vec<Finding>) -> Vec<Finding> {
        found.sort_by_key(|f| (f.start, std::cmp::Reverse(f.end)));
        let mut out: Vec<Finding> = Vec::new();
        for f in found {
            if let Some(last) = out.last_mut() {
                let same_sentence = self.def.one_per_sentence
                    && ctx.doc.sentence_at(last.start).is_some()
                    && ctx.doc.sentence_at(last.start) == ctx.doc.sentence_at(f.start);
                if f.start < last.end || same_sentence {
                    if f.end > last.end {
                        if same_sentence && f.start >= last.end {
                            last.end = f.end;
                            last.suggestions.clear();
                        } else if f.end - f.start > last.end - last.start {
                            *last = f;
                        }
                    }
                    continue;
                }
            }
            out.push(f);
        }
        out
    }

    fn finding(
        &self,
        p: &Pattern,
        base_sev: Severity,
        start: usize,
        end: usize,
        caps: &regex::Captures,
    ) -> Finding {
        let mut f = Finding::new(
            self.def.id.clone(),
            p.severity.unwrap_or(base_sev),
            start,
            end,
        )
        .message(
            p.message
                .clone()
                .unwrap_or_else(|| self.def.message.clone()),
        )
        .help(p.help.clone().unwrap_or_else(|| self.def.help.clone()));
        if let Some(rep) = &p.suggest {
            let mut expanded = String::new();
            caps.expand(rep, &mut expanded);
            f = f.suggest(format!("replace with \"{expanded}\""), expanded);
        }
        f
    }
}

#[allow(clippy::too_many_arguments)]
fn guarded(
    p: &Pattern,
    doc: &crate::document::Document,
    si: usize,
    text: &str,
    ms: usize,
    me: usize,
    cache: &mut GuardCache,
) -> bool {
    let hit = |re: &Option<LazyRegex>, t: &str| re.as_ref().is_some_and(|r| r.is_match(t));
    if p.only_if_after
        .as_ref()
        .is_some_and(|r| !r.is_match(&text[me..]))
    {
        return true;
    }
    if hit(&p.unless_match, &text[ms..me]) {
        return true;
    }
    let sentence = match cache.sentence {
        Some((i, r)) if i == si => r,
        _ => {
            let r = hit(&p.unless_sentence, text)
                || p.unless_next.as_ref().is_some_and(|re| {
                    doc.sentences
                        .get(si + 1)
                        .is_some_and(|next| re.is_match(doc.sentence_text(next)))
                });
            cache.sentence = Some((si, r));
            r
        }
    };
    if sentence || hit(&p.unless_before, &text[..ms]) || hit(&p.unless_after, &text[me..]) {
        return true;
    }
    *cache
        .document
        .get_or_insert_with(|| hit(&p.unless_document, &doc.prose))
}

/// Per-pattern memo of the guards that do not depend on the match position.
#[derive(Debug, Clone, Default)]
struct GuardCache {
    /// `unless_sentence` or `unless_next` for sentence `.0`.
    sentence: Option<(usize, bool)>,
    document: Option<bool>,
}

/// Expands `{@name}` vocabulary references and turns plain spaces into `\s+`.
pub fn expand(pattern: &str, vocab: &Vocab) -> Result<String, String> {
    let mut out = String::with_capacity(pattern.len() * 2);
    let mut chars = pattern.char_indices().peekable();
    let mut in_class = false;
    let mut escaped = false;
    while let Some((i, c)) = chars.next() {
        if escaped {
            out.push(c);
            escaped = false;
            continue;
        }
        match c {
            '\\' => {
                out.push(c);
                escaped = true;
            }
            '[' if !in_class => {
                in_class = true;
                out.push(c);
            }
            ']' if in_class => {
                in_class = false;
                out.push(c);
            }
            '{' if !in_class && pattern[i..].starts_with("{@") => {
                let close = pattern[i..]
                    .find('}')
                    .ok_or_else(|| format!("unclosed `{{@` in `{pattern}`"))?;
                let name = &pattern[i + 2..i + close];
                let alt = vocab
                    .alternation(name)
                    .ok_or_else(|| format!("unknown vocabulary list `{name}` in `{pattern}`"))?;
                out.push_str(&expand(&alt, &Vocab::default())?);
                for _ in 0..close {
                    chars.next();
                }
            }
            ' ' if !in_class => {
                // Collapse a run of spaces into one `\s+`.
                while chars.peek().is_some_and(|&(_, c)| c == ' ') {
                    chars.next();
                }
                out.push_str(r"\s+");
            }
            _ => out.push(c),
        }
    }
    Ok(out)
}

fn render_docs(def: &PhraseRuleDef) -> String {
    let d = &def.docs;
    let mut s = format!(
        "# {}\n\n{}\n\n## What it flags\n{}\n\n## Why it matters\n{}\n",
        def.id,
        def.summary,
        d.what.trim(),
        d.why.trim()
    );
    if !d.sources.is_empty() {
        s.push_str("\nSources:\n");
        for src in &d.sources {
            s.push_str(&format!("- {src}\n"));
        }
    }
    if !d.bad.is_empty() {
        s.push_str("\n## Bad\n");
        for b in &d.bad {
            s.push_str(&format!("> {b}\n"));
        }
    }
    if !d.good.is_empty() {
        s.push_str("\n## Good\n");
        for g in &d.good {
            s.push_str(&format!("> {g}\n"));
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

#[cfg(test)]
mod tests {
    use super::*;

    fn builtin_rules() -> Vec<PhraseRule> {
        let vocab = Vocab::builtin().unwrap();
        crate::rules::EMBEDDED_RULE_FILES
            .iter()
            .filter(|(p, _)| p.starts_with("rules/phrases/"))
            .map(|(p, text)| {
                PhraseRule::from_toml(text, &vocab, true)
                    .unwrap_or_else(|e| panic!("{p}: {}", e.message))
            })
            .collect()
    }

    fn all_regexes(p: &Pattern) -> Vec<&LazyRegex> {
        [
            Some(&p.re),
            p.unless_sentence.as_ref(),
            p.unless_next.as_ref(),
            p.unless_match.as_ref(),
            p.unless_before.as_ref(),
            p.unless_after.as_ref(),
            p.unless_document.as_ref(),
            p.info_if_paragraph.as_ref(),
            p.only_if_after.as_ref(),
        ]
        .into_iter()
        .flatten()
        .collect()
    }

    /// Built-in patterns compile lazily, so this is where an invalid one is caught.
    #[test]
    fn every_builtin_pattern_compiles() {
        assert!(builtin_rules().len() >= 7);
    }

    /// The literal prefilter may only skip text the regex cannot match: checked for every
    /// built-in pattern and guard on every sentence of the shipped fixtures and rule examples.
    #[test]
    fn prefilter_never_hides_a_match() {
        let mut texts: Vec<String> = Vec::new();
        for dir in [
            "fixtures/drafts",
            "fixtures/rules",
            "fixtures/elements",
            "fixtures/packs",
        ] {
            for e in ignore::Walk::new(dir).flatten() {
                if let Ok(t) = std::fs::read_to_string(e.path()) {
                    let doc =
                        crate::document::Document::parse(&t, crate::document::Format::Markdown);
                    texts.extend(
                        doc.sentences
                            .iter()
                            .map(|s| doc.sentence_text(s).to_string()),
                    );
                    texts.push(t);
                }
            }
        }
        for r in builtin_rules() {
            texts.extend(r.def.docs.bad.iter().cloned());
            texts.extend(r.def.docs.good.iter().cloned());
        }
        assert!(texts.len() > 300, "{}", texts.len());
        // The same texts as a word processor would type them: curly quotes and dashes keep
        // the ASCII-class regexes in play; accented letters and no-break spaces do not.
        let typeset: Vec<String> = texts
            .iter()
            .map(|t| {
                t.replace(" - ", " — ")
                    .replace("'", "’")
                    .replace(" \"", " “")
                    .replace("\"", "”")
            })
            .collect();
        let accented: Vec<String> = texts
            .iter()
            .map(|t| t.replace("e ", "é ").replace(". ", ".\u{A0}"))
            .collect();
        texts.extend(typeset);
        texts.extend(accented);
        let (mut checked, mut compared) = (0, 0);
        for r in builtin_rules() {
            for p in &r.patterns {
                for re in all_regexes(p) {
                    let ascii = crate::lazy_regex::ascii_classes(re.as_str())
                        .map(|a| regex::Regex::new(&a).unwrap());
                    for t in &texts {
                        let unicode: Vec<_> = re.regex().find_iter(t).map(|m| m.range()).collect();
                        if !unicode.is_empty() {
                            assert!(re.could_match(t), "{} hides a match in {t:?}", re.as_str());
                            checked += 1;
                        }
                        if let Some(a) = &ascii
                            && crate::lazy_regex::ascii_classes_suffice(t)
                        {
                            let found: Vec<_> = a.find_iter(t).map(|m| m.range()).collect();
                            assert_eq!(
                                found,
                                unicode,
                                "ASCII classes differ: {} on {t:?}",
                                re.as_str()
                            );
                            compared += !found.is_empty() as usize;
                        }
                    }
                }
            }
        }
        assert!(checked > 100, "{checked}");
        assert!(compared > 100, "{compared}");
    }

    #[test]
    fn expands_vocab_and_spaces() {
        let mut v = Vocab::default();
        v.extend_regex("pop", ["customers?".to_string(), "users?".into()]);
        assert_eq!(
            expand(r"a small {@pop}", &v).unwrap(),
            r"a\s+small\s+(?:customers?|users?)"
        );
        assert_eq!(expand(r"[a ]x\ y", &v).unwrap(), r"[a ]x\ y");
        assert!(expand("{@nope}", &v).is_err());
    }
}
