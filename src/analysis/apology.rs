//! Apologies: where the writer apologises, and how well — judged from what the apology is
//! for, the way a reader judges it.
//!
//! * **genuine**: it names the failure or the harm — "we're sorry that your invoices went out
//!   with the wrong totals", "sorry for letting you down", "for the broken maps during that
//!   half hour", "for the disruption this caused" (the failure just described), or a bare "I'm
//!   sorry." followed by an admission ("That was careless of me.");
//! * **conditional**: it makes the harm hypothetical — "sorry if …", "to anyone who may have
//!   been affected", "any inconvenience this may have caused", "if you felt frustrated";
//! * **generic**: it names nothing — "for any inconvenience", "for the trouble", "please accept
//!   our apologies", "we sincerely apologize", "we regret any concern".
//!
//! Not apologies: someone else's ("the bank has not apologised", a quoted customer's
//! "sorry"), "sorry to hear", "regret to inform", "Regrettably, …", a negated apology.

use super::{Context, Party, Tag};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Quality {
    /// Ordered so that the best one wins: genuine > conditional > generic.
    Generic,
    Conditional,
    Genuine,
}

impl Quality {
    pub fn as_str(self) -> &'static str {
        match self {
            Quality::Genuine => "genuine",
            Quality::Generic => "generic",
            Quality::Conditional => "conditional",
        }
    }
}

/// One apology: its sentence, the token range of the apology phrase (from its first word to
/// the end of what it is for), and its quality.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Apology {
    pub sentence: usize,
    pub start: usize,
    pub end: usize,
    pub quality: Quality,
    /// It names nothing at all ("We're sorry.", "I'm sorry again.", "with my apologies"): in a
    /// document with a genuine apology it refers back to that one.
    pub bare: bool,
}

/// Every apology in the document (computed once, shared through a [`Context`] slot).
pub struct Apologies(pub Vec<Apology>);

pub fn apologies(ctx: &Context) -> std::sync::Arc<Apologies> {
    ctx.slot(|ctx| Apologies(find(ctx)))
}

fn find(ctx: &Context) -> Vec<Apology> {
    let lex = ctx.lexicon;
    let analysis = ctx.analysis();
    let mut out = Vec::new();
    for (si, s) in analysis.sentences.iter().enumerate() {
        let toks = &s.tokens;
        let w = |i: usize| toks.get(i).map_or("", |t| &*t.lower);
        for i in 0..toks.len() {
            let word = w(i);
            let regret = lex.is("regret", word);
            if !(lex.is("apology", word) || regret) {
                continue;
            }
            if toks[i].flags.has(super::token::Flags::ATTRIBUTED) {
                continue;
            }
            // "sorry to hear", "regret to inform", "say sorry", "no need to be sorry".
            if matches!(w(i + 1), "to")
                && matches!(
                    w(i + 2),
                    "hear"
                        | "see"
                        | "inform"
                        | "announce"
                        | "say"
                        | "bother"
                        | "trouble"
                        | "chase"
                        | "learn"
                        | "report"
                )
                || (i > 0 && matches!(w(i - 1), "say" | "said" | "says" | "saying"))
                || (i > 1 && w(i - 2) == "need" && w(i - 1) == "be")
            {
                continue;
            }
            let clause = s.clause_chain(i).find(|c| c.verb.is_some());
            // Someone else's apology, or none: "the bank has not apologised".
            if clause.is_some_and(|c| {
                c.negated()
                    || c.subject_party
                        .is_some_and(|p| !matches!(p, Party::Writer | Party::WriterOwned))
                        && c.subject.is_some_and(|(a, _)| a < i)
                        && !matches!(w(c.subject.unwrap().0), "it" | "this")
            }) {
                continue;
            }
            // A question ("Do we owe you an apology?") apologises for nothing.
            if s.clause_chain(i).any(|c| c.role == super::Role::Question) {
                continue;
            }
            let end = object_end(toks, i);
            let (quality, bare) = grade(ctx, si, i, end);
            out.push(Apology {
                sentence: si,
                start: apology_start(toks, i),
                end,
                quality,
                bare,
            });
            break;
        }
    }
    out
}

/// Where the apology phrase starts: its subject and auxiliaries ("We are truly sorry", "Please
/// accept our apologies", "The County regrets").
fn apology_start(toks: &[super::Token], i: usize) -> usize {
    let mut s = i;
    while s > 0 {
        let t = &toks[s - 1];
        let w = &*t.lower;
        let part = t.is(Tag::PRON)
            || t.is(Tag::AUX)
            || t.is(Tag::ADV)
            || t.is(Tag::PART)
            || matches!(
                w,
                "please"
                    | "accept"
                    | "our"
                    | "my"
                    | "sincere"
                    | "sincerest"
                    | "deepest"
                    | "deep"
                    | "heartfelt"
                    | "'re"
                    | "'m"
                    | "am"
                    | "want"
                    | "like"
                    | "'d"
                    | "would"
                    | "to"
                    | "again"
                    | "so"
                    | "very"
                    | "truly"
                    | "really"
                    | "genuinely"
                    | "deeply"
                    | "sincerely"
                    | "owe"
                    | "you"
                    | "an"
                    | "all"
                    | "of"
                    | "us"
                    | "everyone"
                    | "at"
                    | "the"
            )
            || t.is(Tag::PROPN)
            || (t.is(Tag::NOUN) && s >= 2 && toks[s - 2].is(Tag::DET));
        if !part || matches!(w, "," | ";" | ":" | "." | "and" | "but") {
            break;
        }
        s -= 1;
    }
    s
}

/// The end of what the apology is for: the rest of the sentence up to a new independent
/// clause ("…, and we promise …", "; …").
fn object_end(toks: &[super::Token], i: usize) -> usize {
    let mut e = i + 1;
    while e < toks.len() {
        let w = &*toks[e].lower;
        if matches!(w, ";" | "." | "!" | "?") {
            break;
        }
        // "…, and we …", "… and we promise …": a new clause with the writer as subject.
        // "… and we promise …", "… and thank you for …": a new clause or verb phrase.
        if matches!(w, "and" | "but" | "so")
            && toks.get(e + 1).is_some_and(|n| {
                matches!(
                    &*n.lower,
                    "we" | "i" | "our" | "this" | "it" | "that" | "they"
                ) || n.is(Tag::VERB) && !n.lower.ends_with("ing")
            })
        {
            break;
        }
        e += 1;
    }
    e
}

fn grade(ctx: &Context, si: usize, i: usize, end: usize) -> (Quality, bool) {
    let bare = object_of(ctx, si, i, end).is_empty();
    (quality(ctx, si, i, end), bare)
}

/// What the apology is for, without punctuation and the apology's own modifiers ("apologies
/// again", "sincerely", "go out").
fn object_of<'s>(ctx: &'s Context, si: usize, i: usize, end: usize) -> Vec<&'s str> {
    let toks = &ctx.sentence(si).tokens;
    (i + 1..end)
        .map(|k| &*toks[k].lower)
        .filter(|x| !matches!(*x, "," | "\"" | "”" | "“" | "." | "!"))
        .skip_while(|x| {
            matches!(
                *x,
                "again"
                    | "sincerely"
                    | "deeply"
                    | "truly"
                    | "also"
                    | "once"
                    | "more"
                    | "profusely"
                    | "unreservedly"
                    | "wholeheartedly"
                    | "go"
                    | "goes"
                    | "out"
                    | "is"
                    | "are"
            )
        })
        .collect()
}

fn quality(ctx: &Context, si: usize, i: usize, end: usize) -> Quality {
    let lex = ctx.lexicon;
    let s = ctx.sentence(si);
    let toks = &s.tokens;
    let w = |k: usize| toks.get(k).map_or("", |t| &*t.lower);
    let object = object_of(ctx, si, i, end);
    let has = |x: &str| object.contains(&x);
    // "the inconvenience this may have caused", "anyone who may be affected": the harm made
    // hypothetical. "Any concern this may cause" looks ahead and is boilerplate (generic).
    let may = object.windows(2).any(|p| {
        matches!(p[0], "may" | "might" | "could")
            && matches!(p[1], "have" | "caused" | "be" | "affect")
    });
    // An apology with nothing after it: genuine only when the next sentence owns the failure.
    if object.is_empty()
        || object
            .iter()
            .all(|x| matches!(*x, "to" | "you" | "everyone" | "all" | "of"))
    {
        return if admits_failure(ctx, si + 1) || si > 0 && admits_failure(ctx, si - 1) {
            Quality::Genuine
        } else {
            Quality::Generic
        };
    }
    // "sorry: several forwarders had to …", "an apology: for three days the app showed …".
    if w(i + 1) == ":"
        || (w(i + 1) == "," && object.len() > 6 && !matches!(object[0], "for" | "to" | "if"))
    {
        return Quality::Genuine;
    }
    if object[0] == "if" || has("if") && object.iter().position(|x| *x == "if") < Some(3) {
        return Quality::Conditional;
    }
    if has("feel") || has("felt") {
        return Quality::Conditional;
    }
    // "to anyone who …", "to any readers who were affected", "to all those affected".
    let recipients = object[0] == "to"
        && object.iter().take(5).any(|x| {
            matches!(
                *x,
                "anyone" | "anybody" | "those" | "any" | "everyone" | "whoever" | "all"
            )
        });
    if recipients {
        return Quality::Conditional;
    }
    if may {
        return Quality::Conditional;
    }
    if has("any") {
        return Quality::Generic;
    }
    // "regret that this (incident) occurred": regret that it happened at all.
    if object[0] == "that"
        && object
            .iter()
            .any(|x| matches!(*x, "occurred" | "happened" | "took"))
        && object.len() <= 6
    {
        return Quality::Generic;
    }
    // "for the inconvenience (caused)", "the disruption", "for this": a vague harm with nothing
    // specific; "the disruption this caused" points at the failure just described.
    let start = usize::from(matches!(
        object[0],
        "for" | "about" | "over" | "that" | "of"
    ));
    let rest = &object[start..];
    let det = rest.first().copied().unwrap_or("");
    if matches!(
        det,
        "the" | "this" | "that" | "these" | "our" | "your" | "all" | "such"
    ) || lex.is("vague_harm", det)
    {
        let from = usize::from(!lex.is("vague_harm", det));
        let mut j = from;
        while j < rest.len() && (lex.is("vague_harm", rest[j]) || matches!(rest[j], "and" | "or")) {
            j += 1;
        }
        if j == from {
            // "for this", "for that": the failure just described, or nothing.
            return if rest.len() <= 1 && matches!(det, "this" | "that") && !describes_harm(ctx, si)
            {
                Quality::Generic
            } else {
                Quality::Genuine
            };
        }
        let tail = &rest[j..];
        let refers_back = tail.windows(2).any(|p| {
            matches!(p[0], "this" | "it" | "which")
                && matches!(p[1], "caused" | "has" | "created" | "brought" | "meant")
        });
        let specific_tail = tail.iter().any(|x| {
            matches!(
                *x,
                "especially" | "particularly" | "when" | "while" | "during"
            )
        });
        return if refers_back || specific_tail {
            Quality::Genuine
        } else {
            Quality::Generic
        };
    }
    Quality::Genuine
}

/// Does the sentence before `si` describe what went wrong, so that "we are sorry for that"
/// points at it?
fn describes_harm(ctx: &Context, si: usize) -> bool {
    si > 0
        && !ctx.doc.sentences[si - 1].heading_like
        && ctx
            .sentence(si - 1)
            .tokens
            .iter()
            .filter(|t| t.is_word())
            .count()
            >= 6
}

/// Does sentence `si` own a failure in the first person ("That was careless of me", "I did
/// not protect it", "we let you down")?
fn admits_failure(ctx: &Context, si: usize) -> bool {
    let Some(s) = ctx.analysis().sentences.get(si) else {
        return false;
    };
    let writer = s
        .clauses
        .iter()
        .any(|c| c.subject_party == Some(Party::Writer))
        || s.tokens.iter().any(|t| {
            matches!(
                &*t.lower,
                "me" | "my" | "mine" | "us" | "our" | "ours" | "we" | "i"
            )
        });
    // A fault word, or the writer not doing something in the past ("I did not protect it").
    let fault = s
        .tokens
        .iter()
        .any(|t| ctx.lexicon.is("own_fault", &t.lower))
        || s.clauses.iter().any(|c| {
            c.subject_party == Some(Party::Writer)
                && c.negated()
                && c.verb.is_some_and(|v| v.tense == super::Tense::Past)
        });
    writer && fault
}
