//! The rule registry: every rule has an id, a default severity, a one-line summary and full
//! documentation, and a `check` over the shared analysis of one document.
//!
//! Three families share one interface:
//! * phrase rules, defined as data in `rules/phrases/*.toml` (and users' own files);
//! * code rules, one per file in `src/rules/code/`, documented by their `//!` doc comment;
//! * policy rules (`missing-*`, pack requirements), generated from `rules/policies/` data;
//! * with the cargo feature `nlprule`, the `grammar` group (`grammar.rs`): one rule standing for
//!   LanguageTool's rules, whose findings are `grammar/<LanguageTool id>`.

pub mod code;
#[cfg(feature = "nlprule")]
pub mod grammar;
pub mod phrase;
pub mod vocab;

use crate::diagnostic::{Finding, Severity};
use crate::document::Document;
use crate::kind::{Kind, Phase};
use crate::nlp::Nlp;
use std::sync::OnceLock;

pub use vocab::Vocab;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}
pub use embedded::{CODE_RULE_DOCS, EMBEDDED_RULE_FILES};

/// Which family a rule belongs to (shown by `candor rules`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Family {
    Phrase,
    Code,
    Policy,
    Pack,
    /// The optional LanguageTool group (cargo feature `nlprule`).
    Grammar,
}

#[derive(Debug, Clone)]
pub struct RuleMeta {
    pub id: String,
    pub severity: Severity,
    pub summary: String,
    /// Markdown documentation: what it flags, why it matters, bad and good examples.
    pub docs: String,
    pub family: Family,
    /// True when `check` needs part-of-speech tags (so the NLP engine is loaded).
    pub needs_nlp: bool,
}

/// Everything a rule may read about one document.
pub struct Context<'a> {
    pub doc: &'a Document,
    pub kind: Option<Kind>,
    pub phase: Option<Phase>,
    pub vocab: &'a Vocab,
    /// A time zone declared for the whole document (front matter `times_tz`).
    pub times_tz: Option<&'a str>,
    /// The zone the team writes times in (`time_zone` in candor.toml), for fixes.
    pub time_zone: Option<&'a str>,
    nlp: OnceLock<Nlp>,
    /// Per-sentence tags, filled on demand when the whole-document analysis was not built.
    tokens: Vec<OnceLock<Vec<crate::nlp::Token>>>,
    /// What the element detectors share, built on first use (`policy::elements::view`).
    pub(crate) element_view: OnceLock<crate::policy::elements::DocView<'a>>,
}

impl<'a> Context<'a> {
    pub fn new(
        doc: &'a Document,
        kind: Option<Kind>,
        phase: Option<Phase>,
        vocab: &'a Vocab,
    ) -> Self {
        let times_tz = doc
            .front_matter
            .as_ref()
            .and_then(|f| f.times_tz.as_deref());
        Context {
            doc,
            kind,
            phase,
            vocab,
            times_tz,
            time_zone: None,
            nlp: OnceLock::new(),
            tokens: (0..doc.sentences.len()).map(|_| OnceLock::new()).collect(),
            element_view: OnceLock::new(),
        }
    }

    /// Tagged tokens of one sentence, built on first use: a rule that needs tags for a few
    /// cue sentences pays for those sentences only, not for the whole document.
    pub fn sentence_tokens(&self, si: usize) -> &[crate::nlp::Token] {
        if let Some(nlp) = self.nlp.get() {
            return nlp.sentences.get(si).map_or(&[], Vec::as_slice);
        }
        let (Some(cell), Some(s)) = (self.tokens.get(si), self.doc.sentences.get(si)) else {
            return &[];
        };
        cell.get_or_init(|| crate::nlp::tokenize(self.doc.sentence_text(s), s.start))
    }

    /// Part-of-speech analysis of the document's sentences, built on first use.
    pub fn nlp(&self) -> &Nlp {
        self.nlp.get_or_init(|| Nlp::analyze(self.doc))
    }
}

pub trait Rule: Send + Sync {
    fn meta(&self) -> &RuleMeta;
    fn check(&self, ctx: &Context, out: &mut Vec<Finding>);
}
