//! Element detectors: each reads the document's analysis and returns evidence for one element.
//!
//! Evidence comes from two places:
//! * **sections** — a heading that names the element ("Root cause", "What we did", "What you
//!   can do"), as a Markdown heading, a short unpunctuated line or a run-in label ("Cause:
//!   …"), followed by content;
//! * **sentences** — cues in the pattern notation (`src/pattern/`, documented in docs/rules-guide.md), with clause
//!   predicates and guards: "a remedial verb whose subject is the writer", "a future promise
//!   to write again, with a time".
//!
//! Cues are data in `rules/elements/<element>.toml`:
//!
//! ```toml
//! headings = ["what we did", "what we have done"]       # patterns a whole heading matches
//! headings_by_kind = { breach-notice = ["what we are doing"] }
//!
//! [[cues]]                                             # a sentence that shows the element
//! tokens = "we|<writer> _{0,3} rolled back|reverted|restored"
//! tense = ["past"]
//!
//! [[vetoes]]                                           # a sentence that never does
//! tokens = "took|taken|take steps"
//! ```
//!
//! The code in each element's file adds what a cue cannot say (a route the reader can follow
//! must contain an address, number or URL; the next update is a promise with a time). Words
//! in quotations attributed to someone else never count as the writer's.

mod apology;
mod contact;
mod data_loss;
mod fix;
mod impact;
mod next_update;
mod prevention;
mod root_cause;
mod thanks_reporter;
mod timeline;
mod user_action;

use super::element::{Element, Elements, Evidence, Found};
use crate::analysis::{Context, Lexicon};
use crate::document::sections::{self, Heading};
use crate::kind::{Kind, Phase};
use crate::pattern::cue::{Cue, CueDef, CueMemo};
use crate::pattern::registry::{Registry, Triggered};
use crate::pattern::{Match, Pattern, SentenceEnv};
use crate::rules::EMBEDDED_RULE_FILES;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::LazyLock;

pub use next_update::{has_future_time, promises_to_tell};
pub use thanks_reporter::was_reported;

/// Runs every detector.
pub fn detect(ctx: &Context) -> Elements {
    let mut els = Elements::default();
    els.set(Element::Apology, apology::detect(ctx));
    els.set(Element::Impact, impact::detect(ctx));
    els.set(Element::Timeline, timeline::detect(ctx));
    els.set(Element::RootCause, root_cause::detect(ctx));
    els.set(Element::Fix, fix::detect(ctx));
    els.set(Element::Prevention, prevention::detect(ctx));
    els.set(Element::UserAction, user_action::detect(ctx));
    els.set(Element::Contact, contact::detect(ctx));
    els.set(Element::NextUpdate, next_update::detect(ctx));
    els.set(Element::ThanksReporter, thanks_reporter::detect(ctx));
    els.set(Element::DataLoss, data_loss::detect(ctx));
    deferrals(ctx, &mut els);
    els
}

/// A cue file: `rules/elements/<element>.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct CueFile {
    #[serde(default)]
    headings: Vec<String>,
    #[serde(default)]
    headings_by_kind: BTreeMap<Kind, Vec<String>>,
    #[serde(default)]
    cues: Vec<CueDef>,
    #[serde(default)]
    vetoes: Vec<CueDef>,
    /// What an honest "we don't know yet …" must be about to stand in for this element.
    #[serde(default)]
    deferral: Vec<String>,
    /// Named pattern lists the element's code asks about ("reported": the text says someone
    /// reported the issue).
    #[serde(default)]
    signals: BTreeMap<String, Vec<String>>,
}

struct Compiled {
    headings: Vec<Pattern>,
    headings_by_kind: BTreeMap<Kind, Vec<Pattern>>,
    cues: Vec<Cue>,
    vetoes: Vec<Cue>,
    deferral: Vec<Pattern>,
    signals: BTreeMap<String, Vec<Pattern>>,
}

/// Every element's compiled cues, and one trigger index for all of them.
struct ElementCues {
    registry: Registry,
    files: BTreeMap<String, Compiled>,
}

/// The built-in cues, compiled once per process. A mistake in them is a bug the unit tests
/// below catch.
static CUES: LazyLock<ElementCues> = LazyLock::new(|| {
    let lex = Lexicon::builtin().expect("built-in families load");
    let mut registry = Registry::default();
    let mut files = BTreeMap::new();
    for (path, text) in EMBEDDED_RULE_FILES {
        let Some(name) = path
            .strip_prefix("rules/elements/")
            .and_then(|p| p.strip_suffix(".toml"))
        else {
            continue;
        };
        let file: CueFile = toml::from_str(text).unwrap_or_else(|e| panic!("{path}: {e}"));
        let pattern =
            |p: &String| Pattern::new(p, &lex).unwrap_or_else(|e| panic!("{path}: {p}: {e}"));
        let cue = |c: &CueDef, reg: &mut Registry| {
            Cue::compile(c, &lex, reg).unwrap_or_else(|e| panic!("{path}: {}", e.message))
        };
        let compiled = Compiled {
            headings: file.headings.iter().map(pattern).collect(),
            headings_by_kind: file
                .headings_by_kind
                .iter()
                .map(|(k, v)| (*k, v.iter().map(pattern).collect()))
                .collect(),
            cues: file.cues.iter().map(|c| cue(c, &mut registry)).collect(),
            vetoes: file.vetoes.iter().map(|c| cue(c, &mut registry)).collect(),
            deferral: file.deferral.iter().map(pattern).collect(),
            signals: file
                .signals
                .iter()
                .map(|(k, v)| (k.clone(), v.iter().map(pattern).collect()))
                .collect(),
        };
        files.insert(name.to_string(), compiled);
    }
    ElementCues { registry, files }
});

/// The element cues' triggers for one document (a [`Context`] slot).
struct ElementTriggers(Triggered);

fn compiled(element: &str) -> &'static Compiled {
    CUES.files
        .get(element)
        .unwrap_or_else(|| panic!("no rules/elements/{element}.toml"))
}

/// The evidence of sentence `si`: its byte range.
pub(crate) fn evidence(ctx: &Context, si: usize) -> Evidence {
    let s = &ctx.doc.sentences[si];
    Evidence {
        start: s.start,
        end: s.end,
    }
}

/// Sentences where a cue of `element` matches and no veto does, with the first match.
pub(crate) fn cue_hits(ctx: &Context, element: &str) -> Vec<(usize, Match)> {
    let file = compiled(element);
    let triggers = ctx.slot(|c| ElementTriggers(CUES.registry.scan(c.analysis())));
    let mut hits: BTreeMap<usize, Match> = BTreeMap::new();
    for cue in &file.cues {
        let mut memo = CueMemo::default();
        for si in cue.sentences(ctx, &triggers.0) {
            if hits.contains_key(&si) {
                continue;
            }
            if let Some(m) = cue.matches(ctx, si, false, &mut memo).first() {
                if trace() {
                    eprintln!("[cue] {element}: sentence {si} `{}`", cue.pattern.as_str());
                }
                hits.insert(si, *m);
            }
        }
    }
    hits.into_iter()
        .filter(|(si, _)| !vetoed(ctx, element, *si))
        .collect()
}

/// Does a veto of `element` match in sentence `si`?
pub(crate) fn vetoed(ctx: &Context, element: &str, si: usize) -> bool {
    compiled(element).vetoes.iter().any(|v| {
        let mut memo = CueMemo::default();
        let hit = !v.matches(ctx, si, false, &mut memo).is_empty();
        if hit && trace() {
            eprintln!(
                "[cue] {element}: sentence {si} vetoed by `{}`",
                v.pattern.as_str()
            );
        }
        hit
    })
}

/// `CANDOR_TRACE_CUES=1` prints every element cue and veto that matches, to stderr: how a
/// cue author sees what their patterns do.
fn trace() -> bool {
    static ON: LazyLock<bool> = LazyLock::new(|| std::env::var_os("CANDOR_TRACE_CUES").is_some());
    *ON
}

/// The document's headings (computed once).
struct Headings(Vec<Heading>);

fn doc_headings(ctx: &Context) -> std::sync::Arc<Headings> {
    ctx.slot(|c| Headings(sections::headings(c.doc, 6)))
}

/// Does heading `h` name `element`: does one of its heading patterns cover the whole label?
fn heading_names(ctx: &Context, h: &Heading, element: &str) -> bool {
    let file = compiled(element);
    let by_kind = ctx.kind.and_then(|k| file.headings_by_kind.get(&k));
    heading_matches(
        ctx,
        h,
        file.headings.iter().chain(by_kind.into_iter().flatten()),
    )
}

/// Does one of `patterns` cover the whole label of heading `h` (the heading, or the run-in
/// label before its colon)?
fn heading_matches<'p>(
    ctx: &Context,
    h: &Heading,
    mut patterns: impl Iterator<Item = &'p Pattern>,
) -> bool {
    let s = ctx.sentence(h.sentence);
    let env = SentenceEnv {
        sentence: s,
        entities: &ctx.analysis().entities,
    };
    // The label's word tokens: the whole heading, or the run-in label before its colon.
    let label: Vec<usize> = (0..s.tokens.len())
        .filter(|&i| {
            s.tokens[i].start >= h.start && s.tokens[i].end <= h.end && s.tokens[i].is_word()
        })
        .collect();
    let (Some(&first), Some(&last)) = (label.first(), label.last()) else {
        return false;
    };
    patterns.any(|p| {
        p.match_at(&s.tokens, first, &env)
            .is_some_and(|m| m.end > last)
    })
}

/// Evidence from headings one of `patterns` names, followed by content that `vetoed` does not
/// reject (a team's own elements: `headings` in candor.toml).
pub(crate) fn heading_evidence_for(
    ctx: &Context,
    patterns: &[Pattern],
    vetoed: impl Fn(usize) -> bool,
) -> Vec<Evidence> {
    let heads = doc_headings(ctx);
    heading_evidence_where(
        ctx,
        &heads.0,
        |h| heading_matches(ctx, h, patterns.iter()),
        vetoed,
    )
}

/// Sections headed by a heading that names `element` and followed by content, whose first
/// content sentence no veto rejects: evidence spanning the heading and that sentence.
pub(crate) fn heading_evidence(ctx: &Context, element: &str) -> Vec<Evidence> {
    let heads = doc_headings(ctx);
    heading_evidence_where(
        ctx,
        &heads.0,
        |h| heading_names(ctx, h, element),
        |si| vetoed(ctx, element, si),
    )
}

fn heading_evidence_where(
    ctx: &Context,
    heads: &[Heading],
    names: impl Fn(&Heading) -> bool,
    vetoed: impl Fn(usize) -> bool,
) -> Vec<Evidence> {
    let sents = &ctx.doc.sentences;
    let mut out = Vec::new();
    for h in heads {
        if !names(h) {
            continue;
        }
        if h.run_in {
            if !vetoed(h.sentence) {
                out.push(evidence(ctx, h.sentence));
            }
            continue;
        }
        let Some(next) = sents.get(h.sentence + 1) else {
            continue;
        };
        if next.heading_like || ctx.doc.sentence_text(next).trim().is_empty() {
            continue;
        }
        if vetoed(h.sentence + 1) {
            continue;
        }
        out.push(Evidence {
            start: sents[h.sentence].start,
            end: next.end,
        });
    }
    out
}

/// Evidence from headings naming `element` that something under them backs up: a section
/// heading when `names(si)` holds for one of its sentences, a run-in label ("Cause: we had
/// pinned every runner …") when a clause with a verb follows it on the line.
pub(crate) fn backed_heading_evidence(
    ctx: &Context,
    element: &str,
    names: impl Fn(usize) -> bool,
) -> Vec<Evidence> {
    let section = section_sentences(ctx, element);
    let backed = section.iter().any(|&si| names(si));
    let heads = doc_headings(ctx);
    let run_in_backed = |si: usize| {
        let h = heads.0.iter().find(|h| h.sentence == si && h.run_in);
        let s = ctx.sentence(si);
        h.is_some_and(|h| {
            s.clauses
                .iter()
                .any(|c| c.verb.is_some_and(|v| s.tokens[v.head].start >= h.end))
        })
    };
    heading_evidence(ctx, element)
        .into_iter()
        .filter(|e| {
            let si = ctx.doc.sentences.partition_point(|s| s.end <= e.start);
            if heads.0.iter().any(|h| h.sentence == si && h.run_in) {
                run_in_backed(si)
            } else {
                backed
            }
        })
        .collect()
}

/// The sentences of the section a heading naming `element` starts (up to the next heading).
pub(crate) fn section_sentences(ctx: &Context, element: &str) -> Vec<usize> {
    let heads = doc_headings(ctx);
    let mut out = Vec::new();
    for (k, h) in heads.0.iter().enumerate() {
        if h.run_in || !heading_names(ctx, h, element) {
            continue;
        }
        let end = heads.0[k + 1..]
            .iter()
            .find(|n| !n.run_in)
            .map_or(ctx.doc.sentences.len(), |n| n.sentence);
        out.extend(h.sentence + 1..end);
    }
    out
}

/// Does a pattern of signal `name` of `element` match in sentence `si`?
pub(crate) fn signal(ctx: &Context, element: &str, name: &str, si: usize) -> bool {
    let pats = compiled(element)
        .signals
        .get(name)
        .unwrap_or_else(|| panic!("no signal `{name}` in rules/elements/{element}.toml"));
    crate::pattern::cue::any_in(ctx, pats, si)
}

/// Is sentence `si` a heading?
pub(crate) fn is_heading(ctx: &Context, si: usize) -> bool {
    sections::is_heading(ctx.doc, &ctx.doc.sentences[si])
}

/// Kinds and phases in which an honest "we don't know yet, and will say by …" satisfies a
/// requirement (catalog §0).
pub(crate) fn deferral_allowed(kind: Option<Kind>, phase: Option<Phase>) -> bool {
    match kind {
        Some(Kind::BreachNotice) => true,
        Some(Kind::StatusUpdate) => phase != Some(Phase::Resolved),
        _ => false,
    }
}

/// Marks elements that the document honestly says it cannot give yet, with a time for when
/// it will. The element stays `present: false`; `deferred` makes it satisfy a requirement.
fn deferrals(ctx: &Context, els: &mut Elements) {
    if !deferral_allowed(ctx.kind, ctx.phase) {
        return;
    }
    let analysis = ctx.analysis();
    for e in [
        Element::RootCause,
        Element::Impact,
        Element::Timeline,
        Element::Fix,
        Element::DataLoss,
    ] {
        let file = compiled(e.key());
        if els.get(e).present || file.deferral.is_empty() {
            continue;
        }
        for si in 0..analysis.sentences.len() {
            if !ctx.says_unknown(si) {
                continue;
            }
            let s = &analysis.sentences[si];
            let env = SentenceEnv {
                sentence: s,
                entities: &analysis.entities,
            };
            if !file.deferral.iter().any(|p| p.is_match(&s.tokens, &env)) {
                continue;
            }
            if promises_to_tell(ctx, si, true) || promises_to_tell(ctx, si + 1, true) {
                let mut f = els.get(e).clone();
                f.deferred = Some(evidence(ctx, si));
                els.set(e, f);
                break;
            }
        }
    }
}

/// Builds a `Found` from evidence, sorted and without duplicates.
pub(crate) fn found(mut ev: Vec<Evidence>) -> Found {
    ev.sort_by_key(|e| (e.start, e.end));
    ev.dedup();
    Found::from_evidence(ev)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Built-in cue files compile: this is where a mistake in them is caught.
    #[test]
    fn cue_files_compile() {
        assert!(
            CUES.files.len() >= 9,
            "{:?}",
            CUES.files.keys().collect::<Vec<_>>()
        );
        for (name, f) in &CUES.files {
            assert!(
                !f.cues.is_empty() || name == "apology",
                "{name} has no cues"
            );
        }
    }
}
