//! # passive-evasion
//! A fault told in the passive with nobody doing it: "mistakes were made", "an error occurred".
//!
//! ## What it flags
//! * A past be-verb (was, were, has/have/had been, got) + a past participle of a
//!   responsibility verb, with no "by …" agent and no first-person active clause ("we
//!   deployed …") in the sentence: "Credentials were compromised", "Customer records were
//!   exposed", "Your files were deleted". Verbs that are faults in themselves (compromised,
//!   exposed, leaked, deleted, misconfigured, overwritten, corrupted, lost, introduced, made
//!   …) always count; neutral verbs (deployed, pushed, sent, released, removed, disabled,
//!   changed, applied …) count when the subject or the sentence names a fault ("A
//!   misconfiguration was pushed", "a faulty change was deployed", "emails were sent in
//!   error", "a change was deployed that deleted the cache").
//! * Existential faults: "an error occurred", "a problem arose", "an issue happened",
//!   "mistakes were made".
//!
//! Not flagged: neutral narration and outcome verbs (restored, resolved, routed, recovered,
//! delivered, processed, fixed, notified, rolled back …: "service was restored at 14:09
//! UTC", "requests were routed to the backup region"), remedies ("a fix was deployed"),
//! present-tense descriptions ("data is encrypted"), negations, and sentences that name the
//! agent ("was deleted by an attacker", "by our on-call engineer"). In a post-mortem's
//! technical sections (timeline, root cause, technical details) the finding is info.
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
use crate::diagnostic::{Finding, Severity};
use crate::document::BlockRole;
use crate::kind::Kind;
use crate::lazy_regex::LazyRegex;
use crate::nlp::{Token, UPOS};
use std::sync::LazyLock;

/// Participles that are faults in themselves.
const FAULT_VERBS: &[&str] = &[
    "compromised",
    "exposed",
    "leaked",
    "misconfigured",
    "deleted",
    "overwritten",
    "overwrote",
    "corrupted",
    "mishandled",
    "lost",
    "breached",
    "misrouted",
    "misdirected",
    "erased",
    "wiped",
    "dropped",
    "truncated",
    "mislabeled",
    "mislabelled",
    "disclosed",
    "introduced",
    "broken",
    "missed",
    "overlooked",
    "ignored",
    "made",
    "miscalculated",
    "misapplied",
    "mistyped",
    "purged",
    "destroyed",
    "left",
    "forgotten",
    "misissued",
    "revealed",
];
/// Participles that are faults only in a fault context.
const NEUTRAL_VERBS: &[&str] = &[
    "sent",
    "deployed",
    "pushed",
    "released",
    "removed",
    "disabled",
    "applied",
    "shipped",
    "merged",
    "changed",
    "modified",
    "rolled",
    "run",
    "executed",
    "triggered",
    "set",
    "configured",
    "granted",
    "enabled",
    "updated",
    "upgraded",
    "migrated",
    "issued",
    "emailed",
    "charged",
    "billed",
    "shown",
    "displayed",
    "posted",
    "published",
    "shared",
    "uploaded",
    "skipped",
    "accessed",
    "installed",
    "copied",
    "moved",
    "renamed",
    "expired",
    "allowed",
];
/// Outcome and narration verbs: never evasive (listed for the documentation and tests).
pub const EXEMPT: &[&str] = &[
    "restored",
    "resolved",
    "routed",
    "rerouted",
    "recovered",
    "delivered",
    "processed",
    "fixed",
    "mitigated",
    "notified",
    "informed",
    "rolled back",
    "reverted",
    "identified",
    "detected",
    "contained",
    "patched",
];
const FAULT_SUBJECT: &[&str] = &[
    "error",
    "errors",
    "bug",
    "bugs",
    "misconfiguration",
    "mistake",
    "mistakes",
    "faulty",
    "bad",
    "incorrect",
    "wrong",
    "broken",
    "buggy",
    "defective",
    "flawed",
    "erroneous",
    "untested",
    "malformed",
    "invalid",
    "problematic",
    "unreviewed",
    "regression",
    "typo",
];
const REMEDY_SUBJECT: &[&str] = &[
    "fix",
    "patch",
    "hotfix",
    "mitigation",
    "rollback",
    "revert",
    "workaround",
    "remediation",
    "notification",
    "notice",
    "alert",
    "reminder",
    "credit",
    "refund",
    "correction",
    "update",
];

static FAULT_CONTEXT: LazyRegex = LazyRegex::new(
    r"(?i)\b(?:in error|by mistake|by accident|mistakenly|accidentally|inadvertently|incorrectly|erroneously|wrongly|prematurely|improperly|without (?:review|testing|approval|authori[sz]ation|being tested|being reviewed))\b|\b(?:that|which) (?:then )?(?:caused|broke|deleted|triggered|led to|removed|disabled|overwrote|corrupted|exposed|took down|crashed)\b",
);
static EXISTENTIAL: LazyRegex = LazyRegex::new(
    r"(?i)\b(?:(?:an?|the|several|multiple|some|one|two|a few|a number of)\s+)?(?:[\w-]+\s+)?(?:errors?|issues?|problems?|mistakes?|faults?|bugs?|misconfigurations?|failures?|oversights?|glitch(?:es)?)\s+(?:(?:has|have|had)\s+)?(?:occurred|arose|arisen|happened|took place|crept in|emerged|surfaced|developed)\b",
);
static FIRST_PERSON_ACTIVE: LazyRegex = LazyRegex::new(
    r"(?i)\b(?:we|i)\s+(?:(?:\w+ly|then|also|had|have|did|do|just|later)\s+)*(?:[a-z]+ed|made|ran|sent|pushed|broke|took|set|put|left|lost|let|forgot|shipped|deployed|introduced|changed|caused|misconfigured|deleted|exposed|wrote|didn't|did not|failed|missed|should)\b",
);
static NOT_ASSERTED: LazyRegex =
    LazyRegex::new(r"(?i)\b(?:no|not|never|without|whether|if|unless|nothing|none)\b");
static TECH_HEADING: LazyRegex = LazyRegex::new(
    r"(?i)timeline|technical|root cause|contributing|detail|analysis|how it happened",
);

pub struct PassiveEvasion {
    meta: RuleMeta,
}

pub fn rule() -> Box<dyn Rule> {
    Box::new(PassiveEvasion {
        meta: RuleMeta {
            id: "passive-evasion".into(),
            severity: Severity::Warning,
            summary: "A fault in the passive with nobody doing it".into(),
            docs: super::docs("passive-evasion"),
            family: Family::Code,
            needs_nlp: true,
        },
    })
}

fn is_be(w: &str) -> bool {
    matches!(w, "was" | "were" | "been" | "got" | "gotten")
}

/// Token ranges of agentless passives of responsibility verbs in one sentence.
pub fn passives(toks: &[Token], sentence: &str, sentence_start: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    if FIRST_PERSON_ACTIVE.is_match(sentence) {
        return out;
    }
    for i in 0..toks.len() {
        if !is_be(&toks[i].lower) {
            continue;
        }
        // "may have been accessed" is a hedge (reported by `hedging`), not an evasion.
        if toks[i].lower == "been"
            && i >= 2
            && toks[i - 1].lower == "have"
            && matches!(
                toks[i - 2].lower.as_str(),
                "may" | "might" | "could" | "would" | "should"
            )
        {
            continue;
        }
        // "has been" counts; "is being" / present forms do not reach here.
        let mut j = i + 1;
        let mut negated = false;
        while j < toks.len()
            && (toks[j].is(UPOS::ADV) || toks[j].lower.ends_with("ly") || toks[j].lower == "been")
        {
            if matches!(toks[j].lower.as_str(), "not" | "never" | "n't") {
                negated = true;
            }
            j += 1;
        }
        if negated
            || toks
                .get(i + 1)
                .is_some_and(|t| matches!(t.lower.as_str(), "not" | "never" | "n't"))
        {
            continue;
        }
        let Some(p) = toks.get(j) else { continue };
        let v = p.lower.as_str();
        if !p.is_past_participle && !FAULT_VERBS.contains(&v) {
            continue;
        }
        // "made" only with a fault subject ("mistakes were made", "changes were made that …").
        let subject: Vec<&str> = toks[..i]
            .iter()
            .rev()
            .take(4)
            .map(|t| t.lower.as_str())
            .collect();
        let fault_subject = subject.iter().any(|w| FAULT_SUBJECT.contains(w));
        let remedy_subject = subject.iter().take(2).any(|w| REMEDY_SUBJECT.contains(w));
        if subject
            .iter()
            .any(|w| matches!(*w, "no" | "none" | "neither" | "nothing"))
        {
            continue;
        }
        let rest = &sentence[(p.end - sentence_start).min(sentence.len())..];
        let fault_context = FAULT_CONTEXT.is_match(sentence);
        let is_fault = if v == "made" || v == "left" || v == "set" {
            fault_subject || fault_context
        } else if FAULT_VERBS.contains(&v) {
            !remedy_subject || fault_context
        } else if NEUTRAL_VERBS.contains(&v) {
            fault_context || (fault_subject && !remedy_subject)
        } else {
            false
        };
        // Denied, doubted or asked about, not asserted: "no evidence that data was accessed".
        let before = &sentence[..(toks[i].start - sentence_start).min(sentence.len())];
        if NOT_ASSERTED.is_match(before) {
            continue;
        }
        if !is_fault || has_agent(rest) {
            continue;
        }
        // Extend back over the subject noun phrase.
        let mut s = i;
        while s > 0 && i - s < 4 {
            let t = &toks[s - 1];
            let np = t.is(UPOS::NOUN)
                || t.is(UPOS::PROPN)
                || t.is(UPOS::ADJ)
                || t.is(UPOS::DET)
                || t.is(UPOS::NUM)
                || (t.pos.is_none() && t.is_word);
            if !np || t.is_punctuation {
                break;
            }
            s -= 1;
        }
        out.push((s, j));
    }
    out
}

fn has_agent(rest: &str) -> bool {
    static NOT_AGENT: LazyRegex = LazyRegex::new(
        r"(?i)^\s*by\s+(?:mistake|accident|error|default|design|hand|then|now|noon|midnight|the time|\d|about|around|up to|more than|roughly|approximately|over|nearly|january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|today|end of)\b",
    );
    let mut pos = 0;
    while let Some(i) = rest[pos..].to_ascii_lowercase().find("by ") {
        let at = pos + i;
        let word_start = at == 0 || !rest.as_bytes()[at - 1].is_ascii_alphanumeric();
        if word_start && !NOT_AGENT.is_match(&rest[at..]) {
            return true;
        }
        pos = at + 3;
    }
    false
}

impl Rule for PassiveEvasion {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        let doc = ctx.doc;
        // Only a sentence with a be-verb followed closely by a listed participle pays for
        // tagging (harper's dictionary loads on the first one).
        static CUE: LazyLock<LazyRegex> = LazyLock::new(|| {
            let verbs: Vec<&str> = FAULT_VERBS.iter().chain(NEUTRAL_VERBS).copied().collect();
            LazyRegex::owned(format!(
                r"(?i)\b(?:was|were|been|got|gotten)\s+(?:[\w'-]+\s+){{0,3}}(?:{})\b",
                verbs.join("|")
            ))
        });
        let mut current_heading = String::new();
        let mut found: Vec<(usize, usize)> = Vec::new();
        for (si, s) in doc.sentences.iter().enumerate() {
            let text = doc.sentence_text(s);
            if doc
                .blocks
                .get(s.block)
                .is_some_and(|b| b.role == BlockRole::Heading)
                || s.heading_like
            {
                current_heading = text.to_string();
                continue;
            }
            let technical =
                ctx.kind == Some(Kind::Postmortem) && TECH_HEADING.is_match(&current_heading);
            let sev = if technical {
                Severity::Info
            } else {
                Severity::Warning
            };
            let mut local: Vec<(usize, usize)> = EXISTENTIAL
                .find_iter(text)
                .map(|m| (s.start + m.start(), s.start + m.end()))
                .collect();
            if CUE.is_match(text) {
                let toks = ctx.sentence_tokens(si);
                if !toks.is_empty() {
                    for (a, b) in passives(toks, text, s.start) {
                        local.push((toks[a].start, toks[b].end));
                    }
                }
            }
            local.sort();
            for (a, b) in local {
                if found.iter().any(|&(x, y)| a < y && x < b) || doc.in_attributed_quote(a..b) {
                    continue;
                }
                found.push((a, b));
                out.push(
                    Finding::new("passive-evasion", sev, a, b)
                        .message(format!("\"{}\" hides who did it.", doc.text(a, b)))
                        .help("Say who did it, in the first person: \"We deployed a configuration change that deleted the cache.\" Blameless means \"we\", never an individual's name."),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {

    fn hits(src: &str) -> Vec<String> {
        super::super::test_hits("passive-evasion", src)
    }

    #[test]
    fn flags_agentless_faults() {
        assert_eq!(
            hits("An error occurred during maintenance."),
            vec!["An error occurred"]
        );
        assert_eq!(hits("Mistakes were made."), vec!["Mistakes were made"]);
        assert_eq!(
            hits("A misconfiguration was pushed to production."),
            vec!["A misconfiguration was pushed"]
        );
        assert_eq!(
            hits("Credentials were compromised in a phishing attack."),
            vec!["Credentials were compromised"]
        );
        assert_eq!(
            hits("Reminder emails were sent in error."),
            vec!["Reminder emails were sent"]
        );
    }

    #[test]
    fn narration_agents_and_first_person() {
        assert!(hits("Service was restored at 14:09 UTC.").is_empty());
        assert!(hits("Requests were routed to the backup region.").is_empty());
        assert!(hits("A fix was deployed at 10:02 UTC.").is_empty());
        assert!(hits("The files were deleted by an attacker.").is_empty());
        assert!(hits("We pushed a change, and the cache was deleted.").is_empty());
        assert!(hits("No customer data was exposed.").is_empty());
        assert!(hits("Our systems were never compromised.").is_empty());
        assert!(hits("Data is encrypted at rest.").is_empty());
    }
}
