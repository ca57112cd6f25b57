//! Element detectors: each reads the document and returns evidence for one element.
//!
//! Evidence comes from two places:
//! * **structure** — a section heading that names the element ("Root cause", "What we did",
//!   "What you can do"), written as a Markdown heading, a short unpunctuated line
//!   (`Sentence::heading_like`) or a run-in label ("Why." / "Cause: …"), followed by content;
//! * **sentences** — cue patterns checked with tense, negation and subject in mind.
//!
//! Cue vocabularies are data in `rules/elements/<element>.toml` (lists of regex alternatives,
//! plus `headings` and `headings_by_kind`); the logic that combines them lives here and in
//! one file per element. Words inside quotations attributed to someone else are blanked
//! before any cue is matched, so a customer's words never count as ours.

mod apology;
mod contact;
mod fix;
mod impact;
mod next_update;
mod prevention;
mod root_cause;
mod thanks_reporter;
mod timeline;
mod user_action;

use super::element::{Element, Elements, Evidence, Found};
use crate::document::Document;
use crate::kind::{Kind, Phase};
use crate::lazy_regex::LazyRegex;
use crate::analysis::Context;
use crate::rules::EMBEDDED_RULE_FILES;
use regex::Regex;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

pub use next_update::has_future_time;
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
    deferrals(ctx, &mut els);
    els
}

/// A cue file: `rules/elements/<element>.toml`.
#[derive(Debug, Default, Deserialize)]
struct CueFile {
    #[serde(default)]
    headings: Vec<String>,
    #[serde(default)]
    headings_by_kind: BTreeMap<String, Vec<String>>,
    #[serde(flatten)]
    lists: BTreeMap<String, Vec<String>>,
}

static CUES: LazyLock<BTreeMap<String, CueFile>> = LazyLock::new(|| {
    EMBEDDED_RULE_FILES
        .iter()
        .filter_map(|(p, text)| {
            let name = p.strip_prefix("rules/elements/")?.strip_suffix(".toml")?;
            // Built-in data: a parse error is a bug caught by the unit tests below.
            let file: CueFile = toml::from_str(text).unwrap_or_else(|e| panic!("{p}: {e}"));
            Some((name.to_string(), file))
        })
        .collect()
});

/// `(?:a|b|c)` from list `key` of `rules/elements/<file>.toml`, longest first.
pub(crate) fn alt(file: &str, key: &str) -> Option<String> {
    let mut items: Vec<&String> = CUES.get(file)?.lists.get(key)?.iter().collect();
    items.sort_by_key(|s| std::cmp::Reverse(s.len()));
    Some(format!(
        "(?:{})",
        items
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("|")
    ))
}

/// `pattern` with `{file:key}` placeholders replaced by cue lists, made case-insensitive.
pub(crate) fn expand_cues(pattern: &str) -> Result<String, String> {
    // ASCII names: a Unicode `\w` class costs a millisecond to compile, on every run.
    static SLOT: LazyRegex = LazyRegex::new(r"\{([A-Za-z0-9_]+):([A-Za-z0-9_]+)\}");
    let mut expanded = pattern.to_string();
    for _ in 0..4 {
        if !SLOT.is_match(&expanded) {
            break;
        }
        let mut missing = None;
        expanded = SLOT
            .replace_all(&expanded, |c: &regex::Captures| {
                alt(&c[1], &c[2]).unwrap_or_else(|| {
                    missing = Some(format!(
                        "no cue list `{}:{}` (lists live in rules/elements/<file>.toml)",
                        &c[1], &c[2]
                    ));
                    String::new()
                })
            })
            .into_owned();
        if let Some(m) = missing {
            return Err(m);
        }
    }
    Ok(format!("(?i){expanded}"))
}

/// A built-in cue pattern, compiled on first use where a text could match it: an error is a
/// bug caught by the unit tests.
pub(crate) fn cue_regex(pattern: &str) -> LazyRegex {
    LazyRegex::owned(
        expand_cues(pattern).unwrap_or_else(|e| panic!("bad cue pattern {pattern}: {e}")),
    )
}

/// One sentence as detectors see it: attributed quotations blanked out.
pub(crate) struct Sent {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub heading: bool,
}

impl Sent {
    pub fn evidence(&self) -> Evidence {
        Evidence {
            start: self.start,
            end: self.end,
        }
    }
}

/// The document's sentences with attributed quotations blanked.
pub(crate) fn sentences(doc: &Document) -> Vec<Sent> {
    doc.sentences
        .iter()
        .map(|s| {
            let raw = doc.sentence_text(s);
            let quoted: Vec<_> = doc
                .quotations
                .iter()
                .filter(|q| q.attributed && q.start >= s.start && q.end <= s.end)
                .collect();
            let mut text = raw.to_string();
            for q in quoted {
                crate::document::blank(&mut text, q.start - s.start..q.end - s.start);
            }
            let heading = s.heading_like || is_label(raw);
            Sent {
                start: s.start,
                end: s.end,
                text,
                heading,
            }
        })
        .collect()
}

pub(crate) static LABEL: LazyRegex = LazyRegex::new(
    r"^[\s*_#>]*(?:\d+[.)]\s*)?([A-Za-z][A-Za-z' ,/&’-]{1,48}?)[\s*_]*[:.—–]\s*(?:[*_]+\s*)?(\S.*)?$",
);

/// Normalised heading text: lower case, Markdown marks and trailing punctuation removed.
pub(crate) fn norm_heading(text: &str) -> String {
    let t = text
        .trim()
        .trim_start_matches(['#', '*', '_', ' ', '>'])
        .trim_end_matches(['*', '_', ' ', ':', '.', '?', '!']);
    let t = t.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ')' || c == ' ');
    t.to_lowercase()
        .replace('’', "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The anchored heading regex of cue file `file` for documents of `kind`, compiled once per
/// process and kind: compiling it for every document cost more than the detection itself.
/// Shared, not cloned: a cloned `Regex` starts with an empty search cache.
fn heading_regex(file: &str, kind: Option<Kind>) -> Option<Arc<Regex>> {
    type Cache = HashMap<(String, Option<Kind>), Option<Arc<Regex>>>;
    static CACHE: LazyLock<Mutex<Cache>> = LazyLock::new(Default::default);
    let key = (file.to_string(), kind);
    if let Some(re) = CACHE.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
        return re.clone();
    }
    let re = CUES.get(file).and_then(|cues| {
        let mut pats: Vec<&String> = cues.headings.iter().collect();
        if let Some(k) = kind {
            pats.extend(cues.headings_by_kind.get(k.as_str()).into_iter().flatten());
        }
        if pats.is_empty() {
            return None;
        }
        let alts: Vec<&str> = pats.iter().map(|s| s.as_str()).collect();
        // Built-in data: an invalid pattern is a bug caught by the unit tests.
        Some(Arc::new(
            Regex::new(&format!("^(?:{})$", alts.join("|")))
                .expect("heading cues are valid regexes"),
        ))
    });
    CACHE
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(key, re.clone());
    re
}

/// Heading evidence for `element`: a heading-like line, a short label sentence ("Why."), or a
/// run-in label ("Cause: a cache change …") whose text names the element and which is
/// followed by content. The evidence spans the heading and the first sentence of content.
pub(crate) fn heading_evidence(ctx: &Context, file: &str) -> Vec<Evidence> {
    let Some(re) = heading_regex(file, ctx.kind) else {
        return Vec::new();
    };
    let sents = &ctx.doc.sentences;
    let mut out = Vec::new();
    for (i, cue) in view(ctx).headings.iter().enumerate() {
        if let Some(heading) = &cue.whole
            && re.is_match(heading)
        {
            if cue.next_is_content {
                out.push(Evidence {
                    start: sents[i].start,
                    end: sents[i + 1].end,
                });
            }
            continue;
        }
        if let Some(label) = &cue.run_in
            && re.is_match(label)
        {
            out.push(Evidence {
                start: sents[i].start,
                end: sents[i].end,
            });
        }
    }
    out
}

/// What one sentence offers [`heading_evidence`], worked out once per document rather than
/// once per element.
pub(crate) struct HeadingCue {
    /// The normalised sentence, when it can act as a heading: a heading-like line or a short
    /// label sentence ("Why.").
    whole: Option<String>,
    /// The normalised label of a run-in label with content on the same line: "Cause: a cache
    /// configuration change …".
    run_in: Option<String>,
    /// The next sentence is content, not another heading or a blank.
    next_is_content: bool,
}

/// The per-document views element detectors share: sentences with attributed quotations
/// blanked, and heading cues.
pub(crate) struct DocView {
    pub sents: Vec<Sent>,
    headings: Vec<HeadingCue>,
}

/// The document's [`DocView`], built on first use.
pub(crate) fn view(ctx: &Context) -> Arc<DocView> {
    ctx.slot(|ctx| {
        let doc = ctx.doc;
        let sents = &doc.sentences;
        let headings = sents
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let text = doc.sentence_text(s);
                let words = text.split_whitespace().count();
                let whole = (s.heading_like
                    || (words <= 6 && text.trim_end().ends_with(['.', ':', '?'])))
                .then(|| norm_heading(text));
                let run_in = LABEL
                    .captures(text)
                    .and_then(|c| match (c.get(1), c.get(2)) {
                        (Some(label), Some(_))
                            if label.as_str().split_whitespace().count() <= 6 =>
                        {
                            Some(norm_heading(label.as_str()))
                        }
                        _ => None,
                    });
                let next_is_content = sents
                    .get(i + 1)
                    .is_some_and(|n| !n.heading_like && !doc.sentence_text(n).trim().is_empty());
                HeadingCue {
                    whole,
                    run_in,
                    next_is_content,
                }
            })
            .collect();
        DocView {
            sents: sentences(doc),
            headings,
        }
    })
}

/// A short run-in label sentence that acts as a heading: "What You Can Do.", "Why.",
/// "What Happened?".
pub(crate) fn is_label(text: &str) -> bool {
    static LABEL_START: LazyRegex = LazyRegex::new(
        r"(?i)^\W*(?:what|why|how|when|where|who|for more|next steps|cause|root cause|summary|impact|timeline|resolution|prevention|background|details|contact|questions|acknowledge?ments?|credits?)\b",
    );
    text.split_whitespace().count() <= 6
        && text.trim_end().ends_with(['.', ':', '?'])
        && LABEL_START.is_match(text)
}

/// Heading candidates in document order: (start, end, normalised text). Markdown headings,
/// short unpunctuated lines, short label sentences ("Why.") and run-in labels ("Cause: …").
pub(crate) fn headings(doc: &Document) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    for s in &doc.sentences {
        let text = doc.sentence_text(s);
        let words = text.split_whitespace().count();
        if s.heading_like || (words <= 8 && text.trim_end().ends_with(['.', ':', '?'])) {
            out.push((s.start, s.end, norm_heading(text)));
        } else if let Some(c) = LABEL.captures(text)
            && let Some(label) = c.get(1)
            && label.as_str().split_whitespace().count() <= 8
        {
            out.push((
                s.start + label.start(),
                s.start + label.end(),
                norm_heading(label.as_str()),
            ));
        }
    }
    out
}

/// Statements that something is not known (yet).
pub(crate) static UNKNOWN: LazyLock<LazyRegex> = LazyLock::new(|| cue_regex(r"{common:unknown}"));
/// Future tense or intention.
pub(crate) static FUTURE: LazyLock<LazyRegex> = LazyLock::new(|| cue_regex(r"{common:future}"));
/// Investigation rather than action.
pub(crate) static INVESTIGATING: LazyLock<LazyRegex> =
    LazyLock::new(|| cue_regex(r"\b{common:investigating}\b"));

/// Is the sentence addressed to the reader as an instruction or about the reader's own
/// actions ("Please check …", "you can re-run …", "Merchants should …")?
pub(crate) fn addressed_to_reader(text: &str) -> bool {
    static READER: LazyLock<LazyRegex> = LazyLock::new(|| {
        cue_regex(
            r"^\W*(?:(?:if|when|once)\b[^,]{0,80},\s*)?{user_action:imperative}\s+(?:your|the|a|an|it|them|this|that|us)\b|\bplease\b|\byou(?:r)?\b",
        )
    });
    READER.is_match(text)
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
    static TOPIC: LazyLock<[(Element, LazyRegex); 4]> = LazyLock::new(|| {
        [
            (
                Element::RootCause,
                cue_regex(r"{common:unknown}[^.;]{0,40}\b{common:topic_cause}"),
            ),
            (
                Element::Impact,
                cue_regex(r"{common:unknown}[^.;]{0,40}\b{common:topic_impact}"),
            ),
            (
                Element::Timeline,
                cue_regex(r"{common:unknown}[^.;]{0,40}\b{common:topic_time}"),
            ),
            (
                Element::Fix,
                cue_regex(r"{common:unknown}[^.;]{0,40}\b{common:topic_fix}"),
            ),
        ]
    });
    let v = view(ctx);
    let sents = &v.sents;
    for (i, s) in sents.iter().enumerate() {
        for (e, re) in TOPIC.iter() {
            if els.get(*e).present || !re.is_match(&s.text) {
                continue;
            }
            let promise = has_future_time(&s.text)
                || sents.get(i + 1).is_some_and(|n| has_future_time(&n.text));
            if promise {
                let mut f = els.get(*e).clone();
                f.deferred = Some(s.evidence());
                els.set(*e, f);
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

    #[test]
    fn cue_files_parse_and_compile() {
        for (name, file) in CUES.iter() {
            for key in file.lists.keys() {
                cue_regex(&format!("{{{name}:{key}}}")).regex();
            }
            for h in file
                .headings
                .iter()
                .chain(file.headings_by_kind.values().flatten())
            {
                Regex::new(h).unwrap_or_else(|e| panic!("{name}: {h}: {e}"));
            }
        }
        assert!(CUES.len() >= 9);
    }

    #[test]
    fn headings_normalise() {
        assert_eq!(norm_heading("## Root cause:"), "root cause");
        assert_eq!(
            norm_heading("**What we’re changing**"),
            "what we're changing"
        );
        assert_eq!(norm_heading("2. Why."), "why");
    }
}
