//! The document's own name: which capitalised name is the writer ("Acme", "Heronvale
//! Transit", "Brindle & Vane", "Granite Fork Unified School District"), so that "This is not
//! an Acme problem" is read as the writer speaking of itself and "Braintree" as someone else.
//!
//! A name scores for each mention, and more for where it stands: in the title, in the
//! signature (after "Sincerely," or in the last lines), in a "From:" line, in the domain of an
//! address or URL the document gives, before a company suffix ("Inc.", "Ltd"), and in a
//! self-description ("At Acme, we …", "Acme is committed to …", "Acme's own systems"). A name
//! introduced as someone else's — "our payment processor, Braintree", "an incident at
//! ClassNest, Inc., a company that provides …" — scores against. The best name is the
//! writer's when it scores clearly; its first word alone is an alias ("Heronvale").

use super::tagger::Tag;
use super::token::{Flags, Token, TokenKind};
use rustc_hash::FxHashMap;

/// Capitalised words that are not names.
const NOT_NAMES: &[&str] = &[
    "i",
    "we",
    "our",
    "you",
    "your",
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "it",
    "dear",
    "hi",
    "hello",
    "subject",
    "re",
    "fwd",
    "update",
    "updated",
    "resolved",
    "investigating",
    "identified",
    "monitoring",
    "posted",
    "what",
    "why",
    "how",
    "when",
    "who",
    "where",
    "which",
    "timeline",
    "summary",
    "impact",
    "root",
    "cause",
    "next",
    "steps",
    "if",
    "please",
    "thank",
    "thanks",
    "sincerely",
    "regards",
    "notice",
    "ssn",
    "faq",
    "q",
    "api",
    "url",
    "sms",
    "mfa",
    "vpn",
    "dns",
    "cdn",
    "us",
    "uk",
    "eu",
    "pm",
    "am",
    "mr",
    "mrs",
    "ms",
    "dr",
    "on",
    "in",
    "at",
    "for",
    "and",
    "or",
    "of",
    "to",
    "by",
    "with",
    "from",
    "all",
    "some",
    "no",
    "yes",
    "not",
    "new",
    "after",
    "before",
    "during",
    "between",
    "today",
    "yesterday",
    "tomorrow",
    "earlier",
    "later",
    "note",
    "ref",
    "date",
    "time",
    "status",
    "incident",
    "security",
    "data",
    "breach",
    "information",
    "customer",
    "customers",
    "support",
    "service",
    "services",
    "team",
    "important",
    "urgent",
    "action",
    "required",
    "other",
    "more",
    "utc",
    "gmt",
    "bst",
    "cet",
    "cest",
    "est",
    "edt",
    "pst",
    "pdt",
    "cst",
    "cdt",
    "mst",
    "mdt",
    "et",
    "pt",
    "ct",
    "mt",
    "ist",
    "jst",
    "aest",
    "eastern",
    "pacific",
    "central",
    "mountain",
    "posted",
    "thread",
];

const COMPANY_SUFFIXES: &[&str] = &[
    "inc",
    "inc.",
    "ltd",
    "ltd.",
    "llc",
    "plc",
    "corp",
    "corp.",
    "co.",
    "gmbh",
    "limited",
    "corporation",
    "company",
];

/// Closings after which the signature starts.
const CLOSINGS: &[&str] = &[
    "sincerely",
    "regards",
    "thanks",
    "cheers",
    "best",
    "respectfully",
    "yours",
    "warmly",
];

/// One name found in the document: its lowercase words.
pub type Name = Vec<String>;

/// The writer's own names, lowercase, longest first.
#[derive(Debug, Clone, Default)]
pub struct Entities {
    pub own: Vec<Name>,
}

impl Entities {
    /// Does token range `[s, e)` of `toks` contain one of the writer's names?
    pub fn is_own(&self, toks: &[Token], s: usize, e: usize) -> bool {
        let e = e.min(toks.len());
        (s..e).any(|i| self.own_at(toks, i, e).is_some())
    }

    /// The end of an own name starting at token `i`, if one does.
    pub fn own_at(&self, toks: &[Token], i: usize, end: usize) -> Option<usize> {
        self.own.iter().find_map(|name| {
            let e = i + name.len();
            (e <= end && name.iter().zip(&toks[i..e]).all(|(w, t)| *w == *t.lower)).then_some(e)
        })
    }

    /// Finds the writer's names in a document's tokenised sentences. `title` holds the
    /// indices of title sentences.
    pub fn find(sentences: &[&[Token]], title: &[usize]) -> Entities {
        let mut scores: FxHashMap<Name, i32> = FxHashMap::default();
        let mut domains: Vec<String> = Vec::new();
        let total = sentences.len();
        // The signature: after a closing line, or the last three sentences.
        let closing = sentences.iter().rposition(|toks| {
            toks.first()
                .is_some_and(|t| CLOSINGS.contains(&&*t.lower) && toks.len() <= 4)
        });
        let signature_from = closing.unwrap_or(total.saturating_sub(3));
        for (si, toks) in sentences.iter().enumerate() {
            for t in toks.iter() {
                if matches!(t.kind, TokenKind::Email | TokenKind::Url) {
                    domains.extend(domain_labels(&t.lower));
                }
            }
            // A short line in capitals or title case is a heading, a letterhead or a signature:
            // its first word may be a name.
            let title_line = toks.len() <= 8
                && toks
                    .iter()
                    .filter(|t| t.is_word())
                    .all(|t| t.capitalized() || t.lower.len() <= 3);
            let w = |i: usize| toks.get(i).map_or("", |t| &*t.lower);
            let mut i = 0;
            while i < toks.len() {
                let Some(e) = name_end(toks, i, title_line) else {
                    i += 1;
                    continue;
                };
                let name: Name = toks[i..e].iter().map(|t| t.lower.to_string()).collect();
                let mut score = 1;
                if title.contains(&si) || si == 0 {
                    score += 3;
                }
                // A signature line: short, after the closing or at the very end.
                if si >= signature_from && title_line {
                    score += 4;
                }
                // "Acme — Service status", "Acme: delayed payouts": the name that heads the title.
                if (title.contains(&si) || si == 0)
                    && i == 0
                    && matches!(w(e), "—" | "–" | "-" | ":" | "|")
                {
                    score += 3;
                }
                if si < 4 && i > 1 && w(i - 2) == "from"
                    || i > 0 && w(i - 1) == ":" && w(i.saturating_sub(2)) == "from"
                {
                    score += 4;
                }
                if COMPANY_SUFFIXES.contains(&w(e))
                    || w(e) == "," && COMPANY_SUFFIXES.contains(&w(e + 1))
                {
                    score += 1;
                }
                // Self-descriptions: "At Acme, we …", "Acme is committed", "Acme's own".
                if i > 0 && w(i - 1) == "at" && w(e) == "," && w(e + 1) == "we" {
                    score += 4;
                }
                if matches!(w(e), "is" | "has" | "takes" | "values" | "remains" | "will")
                    && matches!(
                        w(e + 1),
                        "committed"
                            | "taking"
                            | "working"
                            | "aware"
                            | "reviewing"
                            | "notifying"
                            | "providing"
                            | "offering"
                            | "sorry"
                    )
                    || w(e) == "'s" && w(e + 1) == "own"
                    || w(e) == "("
                        && matches!(w(e + 1), "\"" | "“")
                        && matches!(w(e + 2), "we" | "the" | "us")
                {
                    score += 3;
                }
                // Someone else: "our payment processor, Braintree", "Braintree, our provider",
                // "at ClassNest, Inc., a company that provides …", "an incident at X".
                let appositive_before = i >= 2
                    && w(i - 1) == ","
                    && toks[..i - 1]
                        .iter()
                        .rev()
                        .take(4)
                        .any(|t| t.is(Tag::NOUN) && is_role(&t.lower));
                let appositive_after = w(e) == ","
                    && toks[e..].iter().take(7).any(|t| {
                        is_role(&t.lower)
                            || matches!(&*t.lower, "company" | "firm" | "vendor" | "provider")
                    })
                    && toks[e..]
                        .iter()
                        .take(3)
                        .any(|t| matches!(&*t.lower, "our" | "a" | "an" | "the" | "inc" | "inc."));
                let event_at = i > 0
                    && matches!(w(i - 1), "at" | "with" | "from" | "by")
                    && !(w(e) == "," && w(e + 1) == "we");
                if appositive_before || appositive_after {
                    score -= 6;
                } else if event_at {
                    score -= 1;
                }
                *scores.entry(name).or_default() += score;
                i = e;
            }
        }
        for (name, score) in scores.iter_mut() {
            let joined: String = name.concat().replace(['&', '.', '-', ' ', '\''], "");
            if domains.iter().any(|d| {
                d.len() >= 3 && (joined.starts_with(d.as_str()) || d.starts_with(name[0].as_str()))
            }) {
                *score += 4;
            }
        }
        // Names sharing a first word are one organisation ("Heronvale Transit", "Heronvale",
        // "Heronvale Transit Authority"): their scores add up.
        let mut groups: FxHashMap<String, i32> = FxHashMap::default();
        for (name, score) in &scores {
            *groups.entry(name[0].clone()).or_default() += score;
        }
        let mut ranked: Vec<(String, i32)> = groups.into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut own: Vec<Name> = Vec::new();
        if let Some((first, score)) = ranked.first()
            && *score >= 4
        {
            own.push(vec![first.clone()]);
            own.extend(
                scores
                    .keys()
                    .filter(|n| n[0] == *first && n.len() > 1)
                    .cloned(),
            );
        }
        own.sort_by_key(|n| std::cmp::Reverse(n.len()));
        Entities { own }
    }
}

/// Words for a role another organisation plays for the writer.
fn is_role(lower: &str) -> bool {
    matches!(
        lower.trim_end_matches('s'),
        "provider"
            | "vendor"
            | "supplier"
            | "partner"
            | "processor"
            | "contractor"
            | "carrier"
            | "host"
            | "platform"
            | "company"
            | "firm"
            | "subcontractor"
            | "service"
            | "isp"
            | "registrar"
            | "cdn"
            | "reseller"
            | "insurer"
            | "bank"
            | "agency"
            | "consultant"
    )
}

/// The labels of an address's or URL's domain that could be a name ("help@acme-health.com" →
/// "acmehealth", "acme").
fn domain_labels(lower: &str) -> Vec<String> {
    let host = lower
        .rsplit('@')
        .next()
        .unwrap_or(lower)
        .trim_start_matches("https://")
        .trim_start_matches("http://")
        .trim_start_matches("www.");
    let host = host.split('/').next().unwrap_or(host);
    let labels: Vec<&str> = host.split('.').collect();
    if labels.len() < 2 {
        return Vec::new();
    }
    // "status.acme.com": the label before the top-level domain.
    let main = labels[labels.len() - 2];
    let mut v = vec![main.replace('-', "")];
    if let Some(first) = main.split('-').next() {
        v.push(first.to_string());
    }
    v
}

/// The end of a capitalised name starting at `i`: capitalised words, joined by "&" ("Brindle
/// & Vane"). At the start of a sentence a word counts only when the tagger does not know it
/// as a common word, or the line is a title-case heading or signature.
fn name_end(toks: &[Token], i: usize, title_line: bool) -> Option<usize> {
    let is_name_word = |t: &Token, at: usize| {
        let known_common =
            super::tagger::lexicon_tag(&t.lower).is_some_and(|tag| tag != Tag::PROPN);
        t.kind == TokenKind::Word
            && t.capitalized()
            && !NOT_NAMES.contains(&&*t.lower)
            && !super::time::is_calendar_word(&t.lower)
            && t.lower.chars().any(char::is_alphabetic)
            && !super::tagger::lexicon_tag(&t.lower).is_some_and(|tag| {
                matches!(
                    tag,
                    Tag::DET
                        | Tag::PRON
                        | Tag::ADP
                        | Tag::AUX
                        | Tag::CCONJ
                        | Tag::SCONJ
                        | Tag::PART
                )
            })
            && (!known_common || title_line || at > 0 && t.is(Tag::PROPN))
            && (!t.flags.has(Flags::ALL_CAPS)
                || title_line
                || t.lower.len() >= 3 && t.is(Tag::PROPN))
    };
    if !is_name_word(&toks[i], i) {
        return None;
    }
    let mut e = i + 1;
    while e < toks.len() {
        if is_name_word(&toks[e], e) {
            e += 1;
        } else if &*toks[e].lower == "&" && toks.get(e + 1).is_some_and(|t| is_name_word(t, e + 1))
        {
            e += 2;
        } else {
            break;
        }
    }
    Some(e)
}
