//! # passive-evasion
//! A fault told in the passive with nobody doing it: "mistakes were made", "a misconfiguration
//! was pushed", "the alert was not acted on".
//!
//! ## What it flags
//! A passive clause (be or get + past participle) with no agent — no "by …" in the clause,
//! and no one acting in the sentence before or after it — that hides who erred:
//! * a verb that is a fault in itself: "credentials were compromised", "a drive was
//!   misplaced", "data was lost", "an error was introduced", "mistakes were made";
//! * a deliberate action told with a sign that it went wrong: "emails were inadvertently
//!   sent", "orders were incorrectly marked as paid", "rate limits were set too aggressively",
//!   "the key was published under the wrong selector", "the endpoint was deployed without the
//!   ownership check", "a misconfiguration was pushed";
//! * a duty left undone: "the alert was not acted on", "the account had not been disabled";
//! * a change to the writer's own systems told with no one making it: "a retention setting was
//!   changed last week", "the caching configuration was updated";
//! * the reader's or customers' things destroyed: "your backups were deleted";
//! * existential faults: "an error occurred", "a problem arose".
//!
//! Not flagged: an agent in the clause ("was deployed by our team") or in the sentence before
//! or after ("We ran a migration. The table was dropped during it."); remedies and neutral
//! narration ("service was restored", "traffic was routed to the standby", "refunds were
//! issued"); what an attacker or thief did ("files were copied", "my laptop was taken");
//! things the writer names as its own ("our failover was never tested"); passives inside an
//! honest statement of what is not known. In a post-mortem's technical sections (timeline,
//! root cause, technical details) the finding is info.
//!
//! ## Why it matters
//! "Mistakes were made" admits a fault while hiding who made it — the "past exonerative".
//! Readers notice the missing subject. Blameless writing does not mean agentless writing:
//! the rewrite uses "we", never an individual's name.
//! Sources: Google SRE book, "Postmortem Culture"; Atlassian Statuspage, incident
//! communication tips (own the problem); GitLab's 2017 database post-mortem as a model.
//!
//! ## Bad
//! > An error occurred during maintenance.
//! > A misconfiguration was pushed to production.
//! > Credentials were compromised as a result of a phishing email.
//!
//! ## Good
//! > We deployed a configuration change that deleted the cache.
//! > An attacker used a support agent's phished password to sign in.
//! > Service was restored at 14:09 UTC.

use super::super::{Context, Family, Rule, RuleMeta};
use crate::analysis::{Clause, Lexicon, Party, Role, Sentence, Tag, Voice};
use crate::diagnostic::{Finding, Severity};
use crate::kind::Kind;

pub struct PassiveEvasion {
    meta: RuleMeta,
}

pub fn rule() -> Box<dyn Rule> {
    Box::new(PassiveEvasion {
        meta: RuleMeta {
            id: "passive-evasion".into(),
            severity: Severity::Warning,
            summary: "A fault told in the passive with nobody doing it".into(),
            docs: super::docs("passive-evasion"),
            family: Family::Code,
            needs_nlp: true,
        },
    })
}

/// Does a passive clause hide a fault?
fn evasive(s: &Sentence, ci: usize, lex: &Lexicon) -> bool {
    let toks = &s.tokens;
    let c = &s.clauses[ci];
    let Some(v) = c.verb else {
        return false;
    };
    // "could be downloaded", "may have been lost": a possibility, which hedging judges.
    if v.modal.is_some() {
        return false;
    }
    let head = &*toks[v.head].lower;
    // The phrasal particle: "acted on", "rolled out", "switched on".
    let particle = toks.get(v.head + 1).map_or("", |t| &*t.lower);
    let is = |fam: &str| {
        lex.is(fam, head)
            || lex
                .get(fam)
                .is_some_and(|f| f.ends_at(&[head, particle], 0).any(|e| e == 2))
    };
    // The clause's own words, without the clauses nested in it.
    let own: Vec<usize> = (c.start..c.end.min(toks.len()))
        .filter(|&k| s.clause_index_at(k) == Some(ci))
        .collect();
    let word = |k: usize| &*toks[k].lower;
    // "No data was lost", "none were exposed": a denial, not a fault.
    let body_start = c.opener.map_or(c.start, |o| o + 1).min(v.start);
    if toks[body_start..v.start].iter().any(|t| {
        matches!(
            &*t.lower,
            "no" | "none" | "nothing" | "neither" | "nobody" | "nor"
        )
    }) {
        return false;
    }
    let qualified = own.iter().any(|&k| {
        let x = word(k);
        lex.is("fault_qualifier", x)
            // "too aggressively": "too" before an adverb or adjective.
            && (x != "too" || toks.get(k + 1).is_some_and(|n| n.is(Tag::ADV) || n.is(Tag::ADJ)))
            // "deployed without the ownership check", not "processed without any problem".
            && (x != "without"
                || k > v.head
                    && (k + 1..(k + 5).min(toks.len())).any(|j| lex.is("safeguard", word(j))))
    }) || own.windows(2).any(|p| {
        lex.get("fault_qualifier")
            .is_some_and(|f| f.ends_at(&[word(p[0]), word(p[1])], 0).any(|e| e == 2))
    });
    let subject: Vec<&str> = c
        .subject
        .map_or(Vec::new(), |(a, b)| (a..b).map(word).collect());
    if subject.iter().any(|x| lex.is("remedy_subject", x)) {
        return false;
    }
    // "(no sign that) any records were exposed": "any" asserts nothing; it lives under a
    // negation, a question or a condition.
    if subject.first() == Some(&"any") {
        return false;
    }
    let faulty_subject = subject.iter().any(|x| lex.is("fault_subject", x))
        || subject
            .iter()
            .any(|x| matches!(*x, "wrong" | "incorrect" | "faulty" | "bad" | "erroneous"));
    if faulty_subject {
        return (is("action_verb") || is("fault_verb")) && !is("remedy_verb");
    }
    let past = v.tense == crate::analysis::Tense::Past;
    if qualified && past {
        return is("action_verb") || is("fault_verb");
    }
    if v.negated {
        // A duty left undone: "was not caught", "had not been disabled".
        return past && is("duty_verb");
    }
    if is("fault_verb") {
        return true;
    }
    // The reader's or customers' things destroyed with nobody doing it: "your backups were
    // deleted during the migration".
    let theirs = matches!(c.subject_party, Some(Party::Reader | Party::Customers));
    if past && theirs && is("destroy_verb") {
        return true;
    }
    // A change to the writer's own systems told with nobody making it.
    let change = subject.iter().any(|x| lex.is("change_object", x));
    past && change && is("action_verb") && !is("remedy_verb")
}

/// Does the adjacent sentence `other` name who did the passive's action? An actor doing the
/// same verb ("We applied an update. It was applied to production …"), a pro-form ("I made
/// that change", "we never got it done"), or the writer owning it ("That is my failure").
fn agent_next_door(s: &Sentence, ci: usize, other: &Sentence, lex: &Lexicon) -> bool {
    let c = &s.clauses[ci];
    let Some(v) = c.verb else { return false };
    let stem = crate::analysis::inflect::stem(&s.tokens[v.head].lower);
    // The passive's subject words: "the sharing setting" is what "an adviser shared".
    let subject_heads: Vec<String> = c.subject.map_or(Vec::new(), |(a, b)| {
        (a..b)
            .filter(|&k| s.tokens[k].is_word() && !s.tokens[k].is(Tag::DET))
            .map(|k| crate::analysis::inflect::stem(&s.tokens[k].lower))
            .collect()
    });
    let owns = lex
        .get("own_up")
        .is_some_and(|f| f.occurs_in(&other.tokens));
    if owns {
        return true;
    }
    other.clauses.iter().any(|o| {
        let Some(ov) = o.verb else { return false };
        let actor = matches!(
            o.subject_party,
            Some(Party::Writer | Party::WriterOwned | Party::Individual | Party::Vendor)
        ) || o
            .subject
            .is_some_and(|(a, b)| (a..b).any(|k| other.tokens[k].is(Tag::NOUN)));
        // The same event: an actor doing it in the past ("We made that change"), not "we are
        // sending this message".
        if !actor || ov.voice != Voice::Active || ov.copula || ov.tense != crate::analysis::Tense::Past {
            return false;
        }
        let other_stem = crate::analysis::inflect::stem(&other.tokens[ov.head].lower);
        let end = o.end.min(other.tokens.len());
        let object: Vec<String> = other.tokens[ov.end.min(end)..end]
            .iter()
            .take(6)
            .map(|t| crate::analysis::inflect::stem(&t.lower))
            .collect();
        other_stem == stem
            || subject_heads.contains(&other_stem)
            // "we made that change", "our team made that move", "I never got it done".
            || matches!(other_stem.as_str(), "mak" | "do" | "did" | "got" | "get")
                && object.iter().any(|x| {
                    *x == stem
                        || subject_heads.contains(x)
                        || matches!(x.as_str(), "that" | "it" | "this" | "chang" | "mov" | "mistak" | "decision" | "don")
                })
    })
}

/// Does the attacker act in the sentence (or the one before), so that a passive of an
/// attacker's kind of act is theirs? "The intruder used a stolen password. Files were copied."
fn attackers_act(
    analysis: &crate::analysis::Analysis,
    si: usize,
    head: &str,
    lex: &Lexicon,
) -> bool {
    let near = |sj: usize| {
        analysis
            .sentences
            .get(sj)
            .is_some_and(|x| x.chunks.iter().any(|c| c.party == Party::Attacker))
    };
    lex.is("attack_act", head) && (near(si) || si > 0 && near(si - 1))
}

impl Rule for PassiveEvasion {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        let analysis = ctx.analysis();
        let lex = ctx.lexicon;
        let mut section_technical = false;
        for (si, s) in analysis.sentences.iter().enumerate() {
            let doc_sentence = &ctx.doc.sentences[si];
            if doc_sentence.heading_like {
                let h = ctx.doc.sentence_text(doc_sentence).to_lowercase();
                section_technical = [
                    "timeline",
                    "technical",
                    "root cause",
                    "contributing",
                    "detail",
                    "analysis",
                    "how it happened",
                ]
                .iter()
                .any(|k| h.contains(k));
                continue;
            }
            let toks = &s.tokens;
            if ctx.says_unknown(si) {
                continue;
            }
            // A writer acting in the sentence names the agent: "…, a value we raised in 2023".
            let writer_acts = toks.windows(2).any(|p| {
                matches!(&*p[0].lower, "we" | "i")
                    && (p[1].is(Tag::VERB) || p[1].is(Tag::AUX) || p[1].is(Tag::ADV))
            });
            let mut spans: Vec<(usize, usize)> = Vec::new();
            for (ci, c) in s.clauses.iter().enumerate() {
                let Some(v) = c.verb else { continue };
                if c.role == Role::Quoted || c.agent.is_some() {
                    continue;
                }
                let passive = v.voice == Voice::Passive;
                let existential = !passive && existential(s, c, lex);
                if !passive && !existential {
                    continue;
                }
                if passive && !evasive(s, ci, lex) {
                    continue;
                }
                if toks[v.head]
                    .flags
                    .has(crate::analysis::token::Flags::ATTRIBUTED)
                {
                    continue;
                }
                // "our failover automation was never tested": the writer names it as its own.
                if passive && matches!(c.subject_party, Some(Party::WriterOwned | Party::Writer)) {
                    continue;
                }
                // The attacker's acts, and agents named in the sentence or next door.
                if attackers_act(analysis, si, &toks[v.head].lower, lex) || writer_acts {
                    continue;
                }
                let prev = si.checked_sub(1).and_then(|p| analysis.sentences.get(p));
                let next = analysis.sentences.get(si + 1);
                if prev.is_some_and(|o| agent_next_door(s, ci, o, lex))
                    || next.is_some_and(|o| agent_next_door(s, ci, o, lex))
                    || names_actor_in(s, c)
                {
                    continue;
                }
                let start = c.subject.map_or(v.start, |(a, _)| a.min(v.start));
                let end = v.head + 1;
                spans.push((start, end));
            }
            for (a, b) in spans {
                let sev = if section_technical && ctx.kind == Some(Kind::Postmortem) {
                    Severity::Info
                } else {
                    Severity::Warning
                };
                let (start, end) = (toks[a].start, toks[b - 1].end);
                out.push(
                    Finding::new("passive-evasion", sev, start, end)
                        .message("This passive hides who made the mistake.")
                        .help("Say who did it, in the first person: \"We deployed a change that …\" (blameless writing uses \"we\", not an individual's name)."),
                );
            }
        }
    }
}

/// "an error occurred", "a problem arose", "mistakes were made": a fault that simply happened.
fn existential(s: &Sentence, c: &Clause, lex: &Lexicon) -> bool {
    let toks = &s.tokens;
    let Some(v) = c.verb else { return false };
    let head = &*toks[v.head].lower;
    matches!(
        head,
        "occurred"
            | "arose"
            | "arisen"
            | "happened"
            | "crept"
            | "emerged"
            | "surfaced"
            | "occur"
            | "arise"
            | "happen"
            | "occurs"
            | "happens"
    ) && !v.negated
        && c.subject
            .is_some_and(|(a, b)| (a..b).any(|k| lex.is("fault_subject", &toks[k].lower)))
}

/// Another clause of the same sentence with the writer or a person acting ("…, and we had
/// not noticed"): the sentence names who did it.
fn names_actor_in(s: &Sentence, c: &Clause) -> bool {
    s.clauses.iter().any(|o| {
        !std::ptr::eq(o, c)
            && o.verb
                .is_some_and(|v| v.voice == Voice::Active && !v.copula)
            && matches!(o.subject_party, Some(Party::Writer | Party::Individual))
    })
}

#[cfg(test)]
mod tests {
    fn hits(src: &str) -> Vec<String> {
        super::super::test_hits("passive-evasion", src)
    }

    #[test]
    fn flags_agentless_faults() {
        for s in [
            "A misconfiguration was pushed to production.",
            "Credentials were compromised as a result of a phishing email.",
            "The reminders were inadvertently sent using the old schedule.",
            "Mistakes were made in the way the bills were checked.",
            "The initial alert was not acted on for 40 minutes.",
            "An error occurred during maintenance.",
        ] {
            assert_eq!(hits(s).len(), 1, "{s}");
        }
    }

    #[test]
    fn narration_agents_and_remedies() {
        for s in [
            "Service was restored at 14:09 UTC.",
            "Requests were routed to the backup region.",
            "The change was deployed by our on-call engineer.",
            "We ran a migration. The table was dropped during it.",
            "The attacker signed in with a stolen password. Files were copied from two servers.",
            "Refunds were issued to every affected customer.",
            "Our failover automation was never tested.",
        ] {
            assert!(hits(s).is_empty(), "{s}: {:?}", hits(s));
        }
    }
}
