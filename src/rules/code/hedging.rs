//! # hedging
//! Hedges on facts you can know: "you may have experienced errors", "our review found the
//! files may have included …", "it appears the change was not reviewed".
//!
//! ## What it flags
//! A hedge on something the writer can establish from its own logs, records or actions:
//! * a modal perfect or state about what happened to readers, customers or the writer's own
//!   systems and data ("you may have received a reset email", "customers may have been
//!   double-charged", "your record may have been included", "the flaw may have been present
//!   since 2.3.0"), and a modal with a verb of noticing ("you may notice delays");
//! * any modal hedge inside the writer's own finding ("our review determined that the files
//!   may have contained …", "our records indicate that you may have placed an order");
//! * stance hedges on the writer's own facts ("we believe we introduced the bug", "it appears
//!   the change did not go through review", "the reporter appears to have accessed …");
//! * "potentially"/"possibly" on whether something happened ("an intruder potentially gained
//!   access"), double hedges ("could potentially have allowed", "could possibly have been
//!   viewed"), and "a potential vulnerability" for a flaw the notice confirms.
//!
//! Not flagged: uncertainty about what the writer cannot know — what an attacker, thief or
//! other third party did ("the attacker may have viewed …"); a sentence that says what is not
//! known ("we cannot tell whether anyone viewed it"); looking ahead ("some users may continue
//! to see errors", "you may receive scam emails"); permission and advice ("you may wish to
//! change your password", "you may place a freeze"); what a vulnerability allowed ("could
//! allow an attacker to …", "could have copied the key"); counterfactuals ("could have been
//! prevented"); feelings ("this news may be concerning"); statutory wording ("reasonably
//! believed to have been acquired"); the reader's own choices ("some of you may have already
//! called your customers"); the apology's object, which non-apology judges.
//!
//! ## Why it matters
//! A hedge on something you know reads as evasion: if the records were exposed, "may have
//! been exposed" tells the reader you are protecting yourself, not them. When you do not
//! know, say so plainly and say when you will know — GDPR Art. 33(4) and HIPAA allow phased
//! information, but not vagueness about what you already know.
//! Sources: PagerDuty incident-response-docs (external communication guidelines); Federal
//! Plain Language Guidelines; GDPR Art. 33(4).
//!
//! ## Bad
//! > Some bookings may have been double-booked.
//! > An intruder potentially gained access to your account.
//! > You may notice delays in sending messages.
//!
//! ## Good
//! > 412 bookings were double-booked between 07:45 and 09:10 UTC.
//! > The attacker may have viewed any file in those folders; the logs do not record reads.
//! > We do not yet know whether card numbers were in the file; we will tell you by 18 June.

use super::super::{Context, Family, Rule, RuleMeta};
use crate::analysis::{Clause, Lexicon, Party, Role, Sentence, Tag, Token};
use crate::diagnostic::{Finding, Severity};

pub struct Hedging {
    meta: RuleMeta,
}

pub fn rule() -> Box<dyn Rule> {
    Box::new(Hedging {
        meta: RuleMeta {
            id: "hedging".into(),
            severity: Severity::Warning,
            summary:
                "Hedges on facts you can know: \"may have been\", \"potentially\", \"it appears\""
                    .into(),
            docs: super::docs("hedging"),
            family: Family::Code,
            needs_nlp: true,
        },
    })
}

const MODALS: &[&str] = &["may", "might", "could"];

fn w(toks: &[Token], i: usize) -> &str {
    toks.get(i).map_or("", |t| &*t.lower)
}

/// Skips adverbs from `i`: "may also have", "could potentially have".
fn skip_adverbs(toks: &[Token], mut i: usize, lex: &Lexicon) -> (usize, bool) {
    let mut hedged = false;
    while i < toks.len()
        && (toks[i].is(Tag::ADV)
            || matches!(
                w(toks, i),
                "not" | "n't" | "never" | "also" | "already" | "still" | "well"
            ))
        && w(toks, i) != "have"
    {
        hedged |= lex.is("hedge_adverb", w(toks, i));
        i += 1;
    }
    (i, hedged)
}

/// A hedge found in a sentence: its token range and whether it is a stance or double hedge
/// (flagged whoever the subject is).
struct Hedge {
    start: usize,
    end: usize,
    /// The modal's token, for reading its clause.
    anchor: usize,
    strong: bool,
    perfect: bool,
}

/// The hedges of one sentence, before the judgement about what they hedge.
fn hedges(toks: &[Token], lex: &Lexicon) -> Vec<Hedge> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match hedge_at(toks, i, lex) {
            // Reading resumes after the hedge: its words hedge nothing more.
            Some(h) => {
                i = h.end;
                out.push(h);
            }
            None => i += 1,
        }
    }
    out
}

/// The hedge whose key word is token `i`, if any (its span may start a word earlier).
fn hedge_at(toks: &[Token], i: usize, lex: &Lexicon) -> Option<Hedge> {
    let word = w(toks, i);
    if MODALS.contains(&word) && toks[i].is(Tag::AUX) || MODALS.contains(&word) && word != "may" {
        modal_hedge(toks, i, lex)
    } else if lex.is("hedge_adverb", word) && matches!(word, "potentially" | "possibly") {
        adverb_hedge(toks, i)
    } else if word == "potential"
        && (i + 1..(i + 4).min(toks.len())).any(|k| lex.is("harm_noun", w(toks, k)))
    {
        Some(potential_harm(toks, i, lex))
    } else if lex.is("stance", word) && stance(toks, i) {
        let start = if i > 0 && matches!(w(toks, i - 1), "it" | "we" | "i") {
            i - 1
        } else {
            i
        };
        Some(Hedge {
            start,
            end: i + 1,
            anchor: i,
            strong: true,
            perfect: false,
        })
    } else {
        None
    }
}

/// A modal and its verb: "may have been double-booked" (perfect), "may notice", "may be
/// affected". Not an obligation ("may have to"), nor "could" alone (ability).
fn modal_hedge(toks: &[Token], i: usize, lex: &Lexicon) -> Option<Hedge> {
    let word = w(toks, i);
    let (j, adverb) = skip_adverbs(toks, i + 1, lex);
    let obligation = w(toks, j) == "have" && w(toks, j + 1) == "to";
    if w(toks, j) == "have" && !obligation {
        let (k, adverb2) = skip_adverbs(toks, j + 1, lex);
        let mut end = k;
        if w(toks, k) == "been" {
            end = skip_adverbs(toks, k + 1, lex).0;
        }
        // "may have been double-booked": the participle, with any hyphenated tail.
        // "could have been prevented" says what might have been done, not what happened.
        let counterfactual = word == "could" && lex.is("counterfactual", w(toks, end));
        (end < toks.len() && toks[end].is_word() && !counterfactual).then_some(Hedge {
            start: i,
            end: end + 1,
            anchor: i,
            strong: adverb || adverb2,
            perfect: true,
        })
    } else if word != "could" || adverb {
        // "may notice", "may be affected", "may be experiencing".
        let be = w(toks, j) == "be";
        let head = if be {
            skip_adverbs(toks, j + 1, lex).0
        } else {
            j
        };
        (head < toks.len() && toks[head].is_word() && !obligation).then_some(Hedge {
            start: i,
            end: head + 1,
            anchor: i,
            strong: adverb,
            perfect: false,
        })
    } else {
        None
    }
}

/// "potentially gained access": whether it happened at all. Not "potentially affected
/// customers" (who might have been affected).
fn adverb_hedge(toks: &[Token], i: usize) -> Option<Hedge> {
    let next = toks.get(i + 1);
    // After a determiner the participle modifies a noun ("the potentially affected
    // customers"); after a subject or auxiliary it says what happened.
    let attributive = i > 0
        && (toks[i - 1].is(Tag::DET) || toks[i - 1].is(Tag::ADP))
        && toks
            .get(i + 2)
            .is_some_and(|m| m.is(Tag::NOUN) || m.is(Tag::PROPN));
    let verb = !attributive
        && next.is_some_and(|n| n.is(Tag::VERB) || crate::analysis::clause::is_participle(n));
    verb.then_some(Hedge {
        start: i,
        end: i + 2,
        anchor: i,
        strong: true,
        perfect: false,
    })
}

/// "a potential (security) vulnerability" for the flaw the notice is about.
fn potential_harm(toks: &[Token], i: usize, lex: &Lexicon) -> Hedge {
    let end = (i + 1..(i + 4).min(toks.len()))
        .find(|&k| lex.is("harm_noun", w(toks, k)))
        .unwrap_or(i);
    let start = if i > 0 && matches!(w(toks, i - 1), "a" | "an" | "the" | "this") {
        i - 1
    } else {
        i
    };
    Hedge {
        start,
        end: end + 1,
        anchor: i,
        strong: true,
        perfect: false,
    }
}

/// Is the stance verb at `i` a hedge: "it appears (that)", "appears to have", "we believe
/// (that) X …", "our engineers believe …"? Not "we believe in", "it seems fair".
fn stance(toks: &[Token], i: usize) -> bool {
    let word = w(toks, i);
    let prev = if i > 0 { w(toks, i - 1) } else { "" };
    let next = w(toks, i + 1);
    if word.starts_with("appear") || word.starts_with("seem") {
        // "it appears (that) …", "appears to have accessed", "appears to be resolved".
        return prev == "it" || next == "to" && matches!(w(toks, i + 2), "have" | "be");
    }
    // "we believe …", "our engineers believe …": a clause follows.
    let writer = matches!(prev, "we" | "i" | "engineers" | "team" | "investigators")
        || (i >= 2 && w(toks, i - 2) == "our");
    writer
        && !matches!(next, "in" | "it" | "so" | "," | "." | "strongly")
        && toks.get(i + 1).is_some()
}

impl Rule for Hedging {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        let analysis = ctx.analysis();
        let lex = ctx.lexicon;
        let apologies = crate::analysis::apology::apologies(ctx);
        for (si, s) in analysis.sentences.iter().enumerate() {
            if !s.tokens.iter().any(|t| {
                MODALS.contains(&&*t.lower)
                    || lex.is("hedge_adverb", &t.lower)
                    || &*t.lower == "potential"
                    || lex.is("stance", &t.lower)
            }) {
                continue;
            }
            if honest(ctx, si) {
                continue;
            }
            let mut spans: Vec<(usize, usize)> = Vec::new();
            for h in hedges(&s.tokens, lex) {
                if s.tokens[h.start..h.end]
                    .iter()
                    .any(|t| t.flags.has(crate::analysis::token::Flags::ATTRIBUTED))
                {
                    continue;
                }
                // Inside an apology's object: non-apology's concern.
                if apologies
                    .0
                    .iter()
                    .any(|a| a.sentence == si && h.start >= a.start && h.start < a.end)
                {
                    continue;
                }
                if !knowable(s, &h, lex) {
                    continue;
                }
                match spans.last_mut() {
                    // Hedges close together are one: "we believe the drive may have been …".
                    Some(last) if h.start <= last.1 + 3 => last.1 = last.1.max(h.end),
                    _ => spans.push((h.start, h.end)),
                }
            }
            for (a, b) in spans {
                let (start, end) = (s.tokens[a].start, s.tokens[b - 1].end);
                out.push(
                    Finding::new("hedging", Severity::Warning, start, end)
                        .message(format!("\"{}\" hedges a fact you can know.", ctx.doc.source[start..end].split_whitespace().collect::<Vec<_>>().join(" ")))
                        .help("If you know it happened, say so: \"412 bookings were double-booked.\" If you don't know yet, say what is unknown and when you will know: \"We don't yet know whether card numbers were in the file; we will tell you by 18 June.\""),
                );
            }
        }
    }
}

/// Does sentence `si` (or the one before or after it) say what is not known? Then its hedges
/// are honest uncertainty. Statutory "reasonably believed" counts too.
fn honest(ctx: &Context, si: usize) -> bool {
    let a = ctx.analysis();
    let says_unknown = |sj: usize| {
        ctx.says_unknown(sj)
            || ctx
                .sentence(sj)
                .tokens
                .windows(2)
                .any(|p| &*p[0].lower == "reasonably" && &*p[1].lower == "believed")
    };
    // A subject line or heading ("Your invoice may be wrong") is answered by the body.
    let heading = ctx.doc.sentences.get(si).is_some_and(|s| s.heading_like) || si == 0;
    says_unknown(si)
        || si > 0 && says_unknown(si - 1)
        || says_unknown(si + 1)
        || heading && (0..a.sentences.len()).any(says_unknown)
}

/// Is what the hedge is about something the writer can know?
fn knowable(s: &Sentence, h: &Hedge, lex: &Lexicon) -> bool {
    let toks = &s.tokens;
    let chain: Vec<_> = s.clause_chain(h.anchor).collect();
    if chain
        .iter()
        .any(|c| matches!(c.role, Role::Question | Role::Conditional | Role::Quoted))
    {
        return false;
    }
    let clause = chain.iter().find(|c| c.verb.is_some());
    let subject = clause.and_then(|c| c.subject_party);
    // Third parties' acts: "the attacker may have viewed", "the person who took it may never
    // have looked", "the malware may have captured".
    if matches!(
        subject,
        Some(Party::Attacker | Party::Individual | Party::Vendor)
    ) && !h.strong
    {
        return false;
    }
    if h.strong {
        return true;
    }
    // "could" alone describes what a flaw or exposure allowed.
    if w(toks, h.anchor) == "could" {
        return false;
    }
    if in_writers_finding(s, &chain, lex) {
        return true;
    }
    let head = (h.start..h.end)
        .rev()
        .find(|&k| toks[k].is_word())
        .map_or("", |k| w(toks, k));
    if uncertain_by_nature(toks, h, head, lex) {
        return false;
    }
    if subject == Some(Party::Reader) && h.perfect {
        return readers_own_choice(toks, h, head, clause.copied(), lex);
    }
    true
}

/// Inside the writer's own finding: "our review found that … may have contained".
fn in_writers_finding(s: &Sentence, chain: &[&Clause], lex: &Lexicon) -> bool {
    chain.iter().any(|c| {
        c.role == Role::Complement
            && c.parent.is_some_and(|p| {
                let parent = &s.clauses[p];
                parent
                    .verb
                    .is_some_and(|v| lex.is("finding_verb", w(&s.tokens, v.head)))
                    && matches!(
                        parent.subject_party,
                        Some(Party::Writer | Party::WriterOwned)
                    )
            })
    })
}

/// What no one can know yet or is not a fact at all: feelings and permission ("this may be
/// concerning", "you may wish to"), the future ("may continue to see errors", "may receive
/// scam emails"), and, unless perfect, anything but a state of the impact ("may be
/// affected", "may be experiencing"; not "may be contacted by scammers", "may be slower").
fn uncertain_by_nature(toks: &[Token], h: &Hedge, head: &str, lex: &Lexicon) -> bool {
    if lex.is("feeling", head) || (h.end - h.start <= 2 && lex.is("permissive", head)) {
        return true;
    }
    if h.perfect {
        return false;
    }
    let ahead = toks[h.start..]
        .iter()
        .take(8)
        .any(|t| lex.is("ahead", &t.lower));
    if ahead || matches!(head, "receive" | "be" | "get") {
        return true;
    }
    let be = toks[h.start + 1..h.end].iter().any(|t| &*t.lower == "be");
    let impact_state = lex.is("observe", head) || be && lex.is("impact_state", head);
    !impact_state
}

/// A perfect hedge on the reader's acts: "some of you may have already chased customers" is
/// the reader's own choice, which the writer cannot know; what the reader may have seen or
/// suffered ("you may have noticed", "you may have been charged twice") the writer can.
fn readers_own_choice(
    toks: &[Token],
    h: &Hedge,
    head: &str,
    clause: Option<&Clause>,
    lex: &Lexicon,
) -> bool {
    if !lex.is("observe", head) && !toks[h.end - 1].is(Tag::VERB) {
        return true;
    }
    let active = clause.is_some_and(|c| {
        c.verb
            .is_some_and(|v| v.voice == crate::analysis::Voice::Active)
    });
    !(active && !lex.is("observe", head) && !lex.is("fault_verb", head))
}
