//! Token patterns: the notation rules and element detectors use to say which words they look
//! for, over the tokens of [`crate::analysis`].
//!
//! ```text
//! a|an @degree? small|limited (number|share) of [@population]
//! ```
//!
//! | notation | matches one … |
//! |---|---|
//! | `word` | token whose lowercase text is `word` (`n't`, `third-party` and `10:00` are tokens) |
//! | `a\|an\|the` | token that is any of these words |
//! | `@name` | word or phrase of the family `name`, in any of its forms (`rules/vocab/`) |
//! | `<NOUN>`, `<VERB\|AUX>` | token with one of these part-of-speech tags |
//! | `<number>`, `<participle>`, `<cap>`, `<url>`, `<email>`, `<own>`, `<punct>`, `<word>` | token of this class (`<own>`: a word of the writer's own name) |
//! | `<gerund>` | verb in "-ing" |
//! | `<clock>`, `<date>`, `<when>`, `<interval>` | token of a clock time, a date or named day, any of those, or a span from now ("within 30 minutes") |
//! | `<writer>`, `<writer-owned>`, `<reader>`, `<customers>`, `<vendor>`, `<attacker>`, `<individual>`, `<thing>` | token of a noun phrase that is this party ("our payment processor" is `<vendor>`) |
//! | `_` | any token |
//! | `!x` | token that `x` does not match (`x` one token: a word, alternation, family or tag) |
//! | `( … )` | group; `( a b \| c d )` with a spaced `\|` is an alternation of sequences |
//! | `[ … ]` | the part of the match that is reported (the whole match otherwise) |
//! | `^`, `$` | the start / end of the sentence (list markers and punctuation aside); match no token |
//! | `x?`, `x{2}`, `x{0,3}` | `x` optional, exactly twice, zero to three times (at most 12) |
//!
//! A bare word is matched case-insensitively; a word with special characters is written in
//! double quotes (`"("`, `"|"`). Matching is greedy and tries every start token a match can
//! begin with; a pattern can never take more than linear time in the sentence's length
//! (repetition is bounded).

pub mod cue;
mod matcher;
mod parse;
pub mod registry;

pub use matcher::Match;

use crate::analysis::{Lexicon, Tag, Token};
use rustc_hash::FxHashSet;

/// The largest repetition a pattern may ask for.
pub const MAX_REPEAT: usize = 12;

/// A compiled pattern.
#[derive(Debug, Clone)]
pub struct Pattern {
    source: String,
    root: Node,
    /// Words one of which every match contains, for the trigger index (`None`: no such set).
    anchors: Option<Vec<Box<str>>>,
    /// Words every match starts with (`None`: a match may start with other tokens): the
    /// matcher tries only start tokens in this set.
    starts: Option<FxHashSet<Box<str>>>,
}

#[derive(Debug, Clone)]
pub(crate) enum Node {
    Test(Test),
    /// A family member, possibly several tokens long (resolved at compile time).
    Family(std::sync::Arc<crate::analysis::lexicon::Family>),
    Seq(Vec<Node>),
    Alt(Vec<Node>),
    Repeat(Box<Node>, usize, usize),
    Mark(Box<Node>),
    /// `^`: the start of the sentence (after list markers and opening punctuation).
    Start,
    /// `$`: the end of the sentence (before closing punctuation).
    End,
}

/// A test of one token.
#[derive(Debug, Clone)]
pub(crate) enum Test {
    Words(FxHashSet<Box<str>>),
    Tags(u32),
    Class(Class),
    Any,
    Not(Box<Node>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    Number,
    Participle,
    Capitalized,
    Url,
    Email,
    Own,
    Punct,
    Word,
    Party(crate::analysis::Party),
    /// A verb in "-ing": `<gerund>`.
    Gerund,
    /// A token of a time expression of one of these kinds (`<clock>`, `<date>`, `<when>`,
    /// `<interval>`).
    When(&'static [crate::analysis::time::WhenKind]),
}

/// Why a pattern could not be compiled; `at` is a byte offset into the pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    pub message: String,
    pub at: usize,
}

impl std::fmt::Display for PatternError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} (at character {})", self.message, self.at + 1)
    }
}

/// What a match may ask about the sentence beyond its tokens.
pub trait Env {
    /// Is token `i` part of the writer's own name?
    fn own(&self, i: usize) -> bool;
    /// Who the noun phrase containing token `i` is.
    fn party(&self, i: usize) -> Option<crate::analysis::Party>;
    /// The kind of time expression token `i` is part of.
    fn when(&self, _i: usize) -> Option<crate::analysis::time::WhenKind> {
        None
    }
}

/// An environment with no document: no own names, no noun phrases.
#[cfg(test)]
pub struct NoEnv;
#[cfg(test)]
impl Env for NoEnv {
    fn own(&self, _: usize) -> bool {
        false
    }
    fn party(&self, _: usize) -> Option<crate::analysis::Party> {
        None
    }
}

/// A sentence of an analysed document as the matcher's environment.
pub struct SentenceEnv<'a> {
    pub sentence: &'a crate::analysis::Sentence,
    pub entities: &'a crate::analysis::entities::Entities,
}

impl Env for SentenceEnv<'_> {
    fn own(&self, i: usize) -> bool {
        let toks = &self.sentence.tokens;
        (i.saturating_sub(4)..=i).any(|s| {
            self.entities
                .own_at(toks, s, toks.len())
                .is_some_and(|e| e > i)
        })
    }
    fn party(&self, i: usize) -> Option<crate::analysis::Party> {
        self.sentence.party_at(i)
    }
    fn when(&self, i: usize) -> Option<crate::analysis::time::WhenKind> {
        self.sentence.when_at(i).map(|w| w.kind)
    }
}

impl Pattern {
    /// Compiles `source` against the word families of `lex`.
    pub fn new(source: &str, lex: &Lexicon) -> Result<Pattern, PatternError> {
        let root = parse::parse(source, lex)?;
        let anchors = anchors(&root).map(|set| {
            let mut v: Vec<Box<str>> = set.into_iter().collect();
            v.sort();
            v
        });
        let starts = first(&root);
        Ok(Pattern {
            source: source.to_string(),
            root,
            anchors,
            starts,
        })
    }

    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// Words one of which every match contains; `None` when the pattern has no such word
    /// (it then runs on every sentence).
    pub fn anchors(&self) -> Option<&[Box<str>]> {
        self.anchors.as_deref()
    }

    /// Every match in a sentence, left to right, non-overlapping, each the longest at its
    /// start.
    pub fn find_all(&self, toks: &[Token], env: &dyn Env) -> Vec<Match> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            match self.match_at(toks, i, env) {
                Some(m) => {
                    out.push(m);
                    i = m.end;
                }
                None => i += 1,
            }
        }
        out
    }

    /// Does the pattern match anywhere in the sentence?
    pub fn is_match(&self, toks: &[Token], env: &dyn Env) -> bool {
        (0..toks.len()).any(|i| self.match_at(toks, i, env).is_some())
    }

    /// The match starting exactly at token `i`, if there is one (never an empty one).
    pub fn match_at(&self, toks: &[Token], i: usize, env: &dyn Env) -> Option<Match> {
        if let Some(starts) = &self.starts
            && !toks.get(i).is_some_and(|t| starts.contains(&*t.lower))
        {
            return None;
        }
        matcher::match_at(&self.root, toks, i, env)
    }
}

impl Test {
    pub(crate) fn tag_mask(tags: &[Tag]) -> u32 {
        tags.iter().fold(0, |m, t| m | 1 << (*t as u32))
    }
}

/// The smallest set of words one of which every match must contain.
fn anchors(node: &Node) -> Option<FxHashSet<Box<str>>> {
    match node {
        Node::Test(Test::Words(w)) => Some(w.clone()),
        Node::Test(_) => None,
        Node::Family(f) => {
            let set: FxHashSet<Box<str>> = f.first_words().map(Box::from).collect();
            (!set.is_empty()).then_some(set)
        }
        Node::Seq(items) => items.iter().filter_map(anchors).min_by_key(|s| s.len()),
        Node::Alt(alts) => {
            let mut all = FxHashSet::default();
            for a in alts {
                all.extend(anchors(a)?);
            }
            Some(all)
        }
        Node::Repeat(inner, min, _) if *min > 0 => anchors(inner),
        Node::Repeat(..) => None,
        Node::Mark(inner) => anchors(inner),
        Node::Start | Node::End => None,
    }
}

/// The words a non-empty match of `node` can start with (`None`: any token may start one),
/// the FIRST set of parsing theory. Zero-width items (`^`, `$`) and optional items let the
/// next item's words start a match too.
fn first(node: &Node) -> Option<FxHashSet<Box<str>>> {
    match node {
        Node::Test(Test::Words(w)) => Some(w.clone()),
        Node::Test(_) => None,
        Node::Family(f) => Some(f.first_words().map(Box::from).collect()),
        Node::Seq(items) => {
            let mut all = FxHashSet::default();
            for item in items {
                all.extend(first(item)?);
                if !nullable(item) {
                    break;
                }
            }
            Some(all)
        }
        Node::Alt(alts) => {
            let mut all = FxHashSet::default();
            for a in alts {
                all.extend(first(a)?);
            }
            Some(all)
        }
        Node::Repeat(inner, ..) | Node::Mark(inner) => first(inner),
        Node::Start | Node::End => Some(FxHashSet::default()),
    }
}

/// Can `node` match no token at all?
fn nullable(node: &Node) -> bool {
    match node {
        Node::Test(_) => false,
        Node::Family(f) => f.is_empty(),
        Node::Seq(items) => items.iter().all(nullable),
        Node::Alt(alts) => alts.iter().any(nullable),
        Node::Repeat(inner, min, _) => *min == 0 || nullable(inner),
        Node::Mark(inner) => nullable(inner),
        Node::Start | Node::End => true,
    }
}

#[cfg(test)]
mod tests;
