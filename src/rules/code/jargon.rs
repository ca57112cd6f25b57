//! # jargon
//! Internal terms readers can't decode: undefined acronyms, ticket keys, SEV labels, hostnames, codenames.
//!
//! ## What it flags
//! * Acronyms (two or more capitals, e.g. "RDS", "BGP", "WAF") that the document never
//!   defines — a definition is "Border Gateway Protocol (BGP)" or "BGP (Border Gateway
//!   Protocol)". Everyday acronyms (US, UK, EU, FAQ, ID, PIN, SMS, PDF, URL, API, CEO, IT,
//!   time zones, US states …) are not flagged.
//! * Ticket keys such as `OPS-1234` (not CVE/GHSA/CWE identifiers, SHA-256 or COVID-19).
//! * Severity labels: SEV1, Sev-2, P0 … P4.
//! * Hostnames and resource names: `db-prod-03`, `api.internal`, `us-east-1`.
//! * Internal codenames you list in `candor.toml`: `[vocab] codenames = ["Bluebird"]`.
//!
//! Each term is reported once per document, at its first use. Severity is info, and warning
//! in breach notices and status updates, whose readers are the general public.
//!
//! ## Why it matters
//! PagerDuty's external communication guidelines: define any technical lingo. Atlassian
//! Statuspage: summarise impact in layman's terms. Your readers don't know your ticket
//! tracker, your severity scale or your server names; each one tells them the message was
//! written for someone else.
//! Sources: PagerDuty incident-response-docs (external communication guidelines); Atlassian
//! Statuspage, incident communication tips; Federal Plain Language Guidelines.
//!
//! ## Bad
//! > SEV1: OPS-4471 — RDS failover on db-prod-03 degraded Bluebird.
//!
//! ## Good
//! > Our main customer database failed over to its standby, and checkout was slow for 12 minutes.
//! > We use the Border Gateway Protocol (BGP) to announce our network routes.

use super::super::{Context, Family, Rule, RuleMeta};
use crate::analysis::lexicon::Family as WordFamily;
use crate::diagnostic::{Finding, Severity};
use crate::document::{BlockRole, Document};
use crate::kind::Kind;
use crate::lazy_regex::LazyRegex;
use std::collections::HashSet;
use std::ops::Range;

const COMMON: &[&str] = &[
    "US", "USA", "UK", "EU", "EEA", "UN", "FAQ", "FAQS", "ID", "IDS", "PIN", "PINS", "SMS", "PDF",
    "URL", "URLS", "API", "APIS", "CEO", "CTO", "CFO", "CISO", "IT", "OK", "TV", "AM", "PM", "UTC",
    "GMT", "PT", "PST", "PDT", "ET", "EST", "EDT", "CT", "CST", "CDT", "MT", "MST", "MDT", "BST",
    "CET", "CEST", "IST", "JST", "AEST", "AEDT", "FBI", "IRS", "FTC", "SEC", "GDPR", "HIPAA",
    "CCPA", "ICO", "DPO", "SSN", "SSNS", "ATM", "PO", "LLC", "LLP", "INC", "LTD", "PLC", "CO",
    "NY", "CA", "MA", "TX", "FL", "DC", "NHS", "HR", "VPN", "PC", "PCS", "USB", "HTML", "CSV",
    "FAQ", "TODO", "TBD", "TBC", "FIXME", "XXX", "NOTE", "AI", "ASAP", "CVE", "CVSS", "IP", "II",
    "III", "IV", "VI", "ZIP", "EIN", "DOB", "MFA", "2FA", "ATO", "RSVP", "PS", "ISO", "NA", "N/A",
    "OS", "IOS", "GB", "MB", "KB", "TB", "AWS", "GCP", "IBM", "HTTP", "HTTPS", "SDK", "SDKS",
    "GET", "PUT", "POST", "BBC",
];
const NOT_TICKETS: &[&str] = &[
    "CVE", "GHSA", "CWE", "SHA", "AES", "TLS", "SSL", "COVID", "MD", "UTF", "SOC", "ISO", "RFC",
    "PCI", "NIST", "OWASP", "HTTP", "IPV", "RSA", "EC", "ES", "HS", "ECDSA", "X", "IEC", "SARS",
    "G", "F", "A", "B", "MS", "MSRC", "ICS", "CA", "K", "USN", "DSA", "RHSA", "ALAS", "GO",
    "PYSEC", "RUSTSEC",
];

static ACRONYM: LazyRegex = LazyRegex::new(r"\b[A-Z][A-Z0-9]{1,6}s?\b");
static TICKET: LazyRegex = LazyRegex::new(r"\b([A-Z][A-Z0-9]{1,9})-\d{1,6}\b");
static SEV: LazyRegex = LazyRegex::new(r"\b(?:(?i:sev)[- ]?[0-5]|P[0-4])\b");
static HOST: LazyRegex = LazyRegex::new(
    r"\b[a-z][a-z0-9]*(?:-[a-z0-9]+){2,}\b|\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:internal|local|lan|corp|intra|svc|cluster\.local)\b",
);

pub struct Jargon {
    meta: RuleMeta,
}

pub fn rule() -> Box<dyn Rule> {
    Box::new(Jargon {
        meta: RuleMeta {
            id: "jargon".into(),
            severity: Severity::Info,
            summary:
                "Undefined acronyms, ticket keys, SEV labels, hostnames and internal codenames"
                    .into(),
            docs: super::docs("jargon"),
            family: Family::Code,
            needs_nlp: true,
        },
    })
}

/// Whether the document defines `term` somewhere: "(SLA)", "SLA (service level agreement)",
/// "SLA, which means …", "SLA stands for …". A plain substring scan with anchored static
/// regexes for what follows: a regex per term and document was the rule's main cost.
fn defined(prose: &str, term: &str) -> bool {
    static CLOSE: LazyRegex = LazyRegex::new(r"^s?\s*\)");
    static EXPANSION: LazyRegex = LazyRegex::new(r"^s?\s*\(\s*[A-Za-z][a-z]+");
    static MEANS: LazyRegex = LazyRegex::new(r"^s?,? (?:which )?(?:means|stands for)\b");
    let t = term.trim_end_matches('s');
    if t.is_empty() {
        return false;
    }
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    prose.match_indices(t).any(|(i, _)| {
        let before = &prose[..i];
        let after = &prose[i + t.len()..];
        if before.trim_end().ends_with('(') && CLOSE.is_match(after) {
            return true;
        }
        let boundary = !before.chars().next_back().is_some_and(is_word);
        boundary && (EXPANSION.is_match(after) || MEANS.is_match(after))
    })
}

/// What kind of internal term a finding names, and how to say it instead.
struct TermKind {
    what: &'static str,
    help: &'static str,
}

const TICKET_KEY: TermKind = TermKind {
    what: "an internal ticket key",
    help: "Describe the work instead of citing your tracker: \"the fix for the export bug\" rather than \"OPS-1234\".",
};
const SEVERITY_LABEL: TermKind = TermKind {
    what: "an internal severity label",
    help: "Say what the severity means for the reader: \"a full outage of checkout\" rather than \"SEV1\".",
};
const HOST_NAME: TermKind = TermKind {
    what: "an internal host or resource name",
    help: "Name the role, not the machine: \"one of our database servers in Frankfurt\" rather than \"db-prod-03\".",
};
const CODENAME: TermKind = TermKind {
    what: "an internal codename",
    help: "Use the name your readers know: \"the mobile app\" rather than the project's codename.",
};
const ACRONYM_TERM: TermKind = TermKind {
    what: "an acronym",
    help: "Spell it out the first time, or say it in plain words: \"our web application firewall (WAF)\", or \"a filter that blocks malicious traffic\".",
};

/// Reports each term once per document, at its first use outside attributed quotes.
struct Reporter<'a> {
    doc: &'a Document,
    sev: Severity,
    seen: HashSet<String>,
}

impl Reporter<'_> {
    fn report(&mut self, out: &mut Vec<Finding>, range: Range<usize>, term: &str, kind: &TermKind) {
        let key = term.to_lowercase();
        if !self.seen.contains(&key) && !self.doc.in_attributed_quote(range.clone()) {
            let mut f = Finding::new("jargon", self.sev, range.start, range.end)
                .message(format!(
                    "\"{term}\" is {} your readers may not know.",
                    kind.what
                ))
                .help(kind.help.to_string());
            f.once_per_document = Some(key.clone());
            out.push(f);
        }
        self.seen.insert(key);
    }
}

/// Public readers (breach notices, status updates) get a warning; others an info.
fn severity(kind: Option<Kind>) -> Severity {
    match kind {
        Some(Kind::BreachNotice | Kind::StatusUpdate) => Severity::Warning,
        _ => Severity::Info,
    }
}

/// Code, HTML and block quotes are not the writer's prose.
fn is_prose_block(doc: &Document, block: usize) -> bool {
    let role = doc.blocks.get(block).map(|b| b.role);
    !matches!(
        role,
        Some(BlockRole::Code | BlockRole::BlockQuote | BlockRole::Html)
    )
}

/// Whole sentences in capitals are shouting, not acronyms.
fn is_shouting(text: &str) -> bool {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() > 12 && letters.iter().all(|c| c.is_uppercase())
}

/// Ticket keys (`OPS-1234`) in a sentence, skipping public identifiers such as CVE ids.
fn ticket_keys(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    TICKET.captures_iter(text).filter_map(|m| {
        let key = m.get(1).unwrap().as_str();
        if NOT_TICKETS.contains(&key) || key.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        Some(m.get(0).unwrap().range())
    })
}

/// Hostnames and resource names: only those with a digit or a dot, as plain hyphenated
/// words are ordinary English.
fn host_names(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    HOST.find_iter(text)
        .filter(|w| w.as_str().chars().any(|c| c.is_ascii_digit()) || w.as_str().contains('.'))
        .map(|w| w.range())
}

/// Codenames from `[vocab] codenames`, as byte ranges in the document, longest at each word.
fn codenames_in(ctx: &Context, si: usize, fam: &WordFamily) -> Vec<Range<usize>> {
    let sent = ctx.sentence(si);
    (0..sent.tokens.len())
        .filter_map(|i| {
            let e = fam.ends_at(&sent.tokens, i).max()?;
            Some(sent.tokens[i].start..sent.tokens[e - 1].end)
        })
        .collect()
}

/// Whether an acronym match needs a finding: all capitals, not everyday, not already
/// reported as another kind of term, and not defined anywhere in the document.
fn is_undefined_acronym(
    term: &str,
    at: &Range<usize>,
    taken: &[Range<usize>],
    prose: &str,
) -> bool {
    let upper = term.trim_end_matches('s');
    !(upper.len() < 2
        || !upper
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        || upper.chars().all(|c| c.is_ascii_digit())
        || COMMON.contains(&upper)
        || taken.iter().any(|t| at.start < t.end && t.start < at.end)
        || defined(prose, upper))
}

impl Rule for Jargon {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        let mut reporter = Reporter {
            doc: ctx.doc,
            sev: severity(ctx.kind),
            seen: HashSet::new(),
        };
        let codenames = ctx.lexicon.get("codenames").filter(|f| !f.is_empty());
        for (si, s) in ctx.doc.sentences.iter().enumerate() {
            if is_prose_block(ctx.doc, s.block) {
                check_sentence(ctx, si, codenames, &mut reporter, out);
            }
        }
    }
}

/// Runs every kind of term over one sentence, in an order where the specific kinds claim
/// their text (`taken`) before the acronym scan.
fn check_sentence(
    ctx: &Context,
    si: usize,
    codenames: Option<&WordFamily>,
    reporter: &mut Reporter,
    out: &mut Vec<Finding>,
) {
    let doc = ctx.doc;
    let s = &doc.sentences[si];
    let text = doc.sentence_text(s);
    let at = |r: &Range<usize>| s.start + r.start..s.start + r.end;
    // Ranges within the sentence already reported as a ticket, label, host or codename.
    let mut taken: Vec<Range<usize>> = Vec::new();
    for r in ticket_keys(text) {
        reporter.report(out, at(&r), &text[r.clone()], &TICKET_KEY);
        taken.push(r);
    }
    for r in SEV.find_iter(text).map(|w| w.range()) {
        reporter.report(out, at(&r), &text[r.clone()], &SEVERITY_LABEL);
        taken.push(r);
    }
    for r in host_names(text) {
        reporter.report(out, at(&r), &text[r.clone()], &HOST_NAME);
        taken.push(r);
    }
    if let Some(fam) = codenames {
        for r in codenames_in(ctx, si, fam) {
            reporter.report(out, r.clone(), &doc.source[r.clone()], &CODENAME);
            taken.push(r.start - s.start..r.end - s.start);
        }
    }
    if is_shouting(text) {
        return;
    }
    for w in ACRONYM.find_iter(text) {
        let r = w.range();
        if is_undefined_acronym(w.as_str(), &r, &taken, &doc.prose) {
            reporter.report(out, at(&r), w.as_str(), &ACRONYM_TERM);
        }
    }
}

#[cfg(test)]
mod tests {

    fn hits(src: &str) -> Vec<String> {
        super::super::test_hits("jargon", src)
    }

    #[test]
    fn flags_internal_terms_once() {
        assert_eq!(
            hits("SEV1: OPS-4471 caused an RDS failover on db-prod-03. RDS is back."),
            vec!["SEV1", "OPS-4471", "RDS", "db-prod-03"]
        );
    }

    #[test]
    fn defined_and_common_terms_pass() {
        assert!(hits("Our Border Gateway Protocol (BGP) routes were withdrawn. BGP is how networks find us.").is_empty());
        assert!(
            hits("See CVE-2024-1234 and our FAQ. Times are in UTC; the API is back.").is_empty()
        );
    }

    #[test]
    fn definitions_in_every_form() {
        use super::defined;
        assert!(defined("Our Border Gateway Protocol ( BGP ) routes", "BGP"));
        assert!(defined("the SLAs (service level agreements) say", "SLAs"));
        assert!(defined("An RPO, which means the data we can lose", "RPO"));
        assert!(defined("RTO stands for recovery time objective", "RTO"));
        // Inside a longer word, or followed by something else, is not a definition.
        assert!(!defined("the XRTO stands for nothing", "RTO"));
        assert!(!defined("RTO (2 hours) was missed", "RTO"));
        assert!(!defined("We restored the RTO quickly.", "RTO"));
        assert!(!defined("anything", "s"));
    }
}
