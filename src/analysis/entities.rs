//! The document's own name: which capitalised name is the writer ("Acme", "Heronvale
//! Transit", "Brindle & Vane"), so that "This is not an Acme problem" is read as the writer
//! speaking of itself and "Braintree" as someone else.
//!
//! A name scores for each mention, more for appearing in the title, in the signature (the
//! last lines), in the domain of an address or URL the document gives, before a company
//! suffix ("Inc.", "Ltd"), or in a self-description ("At Acme, we …"). The best-scoring name
//! is the writer's when it scores clearly; its first word alone is an alias ("Heronvale").

use super::tagger::Tag;
use super::token::{Token, TokenKind};
use rustc_hash::FxHashMap;

/// Capitalised words that are not names.
const NOT_NAMES: &[&str] = &[
    "i", "we", "our", "you", "your", "the", "a", "an", "this", "that", "these", "those", "it",
    "dear", "hi", "hello", "subject", "re", "fwd", "update", "updated", "resolved",
    "investigating", "identified", "monitoring", "posted", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "utc", "gmt",
    "bst", "cet", "cest", "est", "edt", "pst", "pdt", "et", "pt", "ct", "mt", "what", "why",
    "how", "when", "who", "where", "which", "timeline", "summary", "impact", "root", "cause",
    "next", "steps", "if", "please", "thank", "thanks", "sincerely", "regards", "team",
    "notice", "data", "breach", "incident", "security", "information", "ssn", "faq", "q", "a",
    "api", "url", "sms", "mfa", "vpn", "dns", "cdn", "us", "uk", "eu", "pm", "am", "mr",
    "mrs", "ms", "dr", "on", "in", "at", "for", "and", "or", "of", "to", "by", "with", "from",
    "all", "some", "no", "yes", "not", "new", "after", "before", "during", "between", "today",
    "yesterday", "tomorrow", "earlier", "later", "note", "ref", "date", "time", "status",
    "customer", "customers", "support", "service", "services",
];

const COMPANY_SUFFIXES: &[&str] = &[
    "inc", "inc.", "ltd", "ltd.", "llc", "plc", "corp", "corp.", "co.", "gmbh", "limited",
    "corporation", "company", "group", "health", "bank", "labs", "software", "systems",
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

    /// Finds the writer's names in a document's tokenised sentences.
    /// `title` holds the indices of title sentences; `domains` the labels of the domains of
    /// addresses and URLs in the text.
    pub fn find(sentences: &[&[Token]], title: &[usize]) -> Entities {
        let mut scores: FxHashMap<Name, i32> = FxHashMap::default();
        let mut domains: Vec<String> = Vec::new();
        let total = sentences.len();
        for (si, toks) in sentences.iter().enumerate() {
            for t in toks.iter() {
                if matches!(t.kind, TokenKind::Email | TokenKind::Url) {
                    domains.extend(domain_labels(&t.lower));
                }
            }
            let mut i = 0;
            while i < toks.len() {
                let Some(e) = name_end(toks, i) else {
                    i += 1;
                    continue;
                };
                let name: Name = toks[i..e].iter().map(|t| t.lower.to_string()).collect();
                let mut score = 1;
                if title.contains(&si) {
                    score += 3;
                }
                if si + 4 >= total {
                    score += 2;
                }
                if toks.get(e).is_some_and(|t| COMPANY_SUFFIXES.contains(&&*t.lower)) {
                    score += 2;
                }
                // "At Acme, we …"
                if i > 0 && &*toks[i - 1].lower == "at" && toks.get(e).is_some_and(|t| &*t.lower == ",") {
                    score += 3;
                }
                *scores.entry(name).or_default() += score;
                i = e;
            }
        }
        for (name, score) in scores.iter_mut() {
            let joined: String = name.concat().replace(['&', '.', '-', ' '], "");
            if domains.iter().any(|d| d.len() >= 3 && (joined.starts_with(d.as_str()) || d.starts_with(&name[0]))) {
                *score += 4;
            }
        }
        let mut ranked: Vec<(Name, i32)> = scores.into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(b.0.len().cmp(&a.0.len())).then(a.0.cmp(&b.0)));
        let mut own = Vec::new();
        if let Some((best, score)) = ranked.first()
            && *score >= 4
        {
            own.push(best.clone());
            if best.len() > 1 {
                own.push(vec![best[0].clone()]);
            }
            // Other names sharing the first word ("Heronvale Transit", "HeronPass" is not).
            for (name, s) in ranked.iter().skip(1) {
                if name[0] == best[0] && *s >= 2 && !own.contains(name) {
                    own.push(name.clone());
                }
            }
        }
        own.sort_by_key(|n| std::cmp::Reverse(n.len()));
        Entities { own }
    }
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
    let main = labels[labels.len() - 2];
    let mut v = vec![main.replace('-', "")];
    if let Some(first) = main.split('-').next() {
        v.push(first.to_string());
    }
    v
}

/// The end of a capitalised name starting at `i`: capitalised words, joined by "&" or "of"
/// ("Brindle & Vane", "Bank of Larchmont"), not at the start of a sentence unless tagged as a
/// proper noun.
fn name_end(toks: &[Token], i: usize) -> Option<usize> {
    let is_name_word = |t: &Token, at: usize| {
        t.kind == TokenKind::Word
            && t.capitalized()
            && !NOT_NAMES.contains(&&*t.lower)
            && (at > 0 || t.is(Tag::PROPN))
            && t.lower.chars().any(char::is_alphabetic)
            && !t.flags.has(super::token::Flags::ALL_CAPS) | (t.lower.len() >= 3 && t.is(Tag::PROPN))
    };
    if !is_name_word(&toks[i], i) {
        return None;
    }
    let mut e = i + 1;
    while e < toks.len() {
        if is_name_word(&toks[e], e) {
            e += 1;
        } else if matches!(&*toks[e].lower, "&") && toks.get(e + 1).is_some_and(|t| is_name_word(t, e + 1)) {
            e += 2;
        } else {
            break;
        }
    }
    Some(e)
}
