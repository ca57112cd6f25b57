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
use crate::diagnostic::{Finding, Severity};
use crate::document::BlockRole;
use crate::kind::Kind;
use crate::lazy_regex::LazyRegex;
use std::collections::HashSet;

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

impl Rule for Jargon {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        let doc = ctx.doc;
        let sev = match ctx.kind {
            Some(Kind::BreachNotice | Kind::StatusUpdate) => Severity::Warning,
            _ => Severity::Info,
        };
        let codenames = ctx.lexicon.get("codenames").filter(|f| !f.is_empty());
        let mut seen: HashSet<String> = HashSet::new();
        let mut push = |out: &mut Vec<Finding>,
                        start: usize,
                        end: usize,
                        term: &str,
                        what: &str,
                        help: &str| {
            if seen.insert(term.to_lowercase()) && !doc.in_attributed_quote(start..end) {
                out.push(
                    Finding::new("jargon", sev, start, end)
                        .message(format!("\"{term}\" is {what} your readers may not know."))
                        .help(help.to_string()),
                );
            }
        };
        for (si, s) in doc.sentences.iter().enumerate() {
            let role = doc.blocks.get(s.block).map(|b| b.role);
            if matches!(
                role,
                Some(BlockRole::Code | BlockRole::BlockQuote | BlockRole::Html)
            ) {
                continue;
            }
            let text = doc.sentence_text(s);
            // Whole sentences in capitals are shouting, not acronyms.
            let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
            let shouting = letters.len() > 12 && letters.iter().all(|c| c.is_uppercase());
            let mut taken: Vec<(usize, usize)> = Vec::new();
            for m in TICKET.captures_iter(text) {
                let key = m.get(1).unwrap().as_str();
                if NOT_TICKETS.contains(&key) || key.chars().all(|c| c.is_ascii_digit()) {
                    continue;
                }
                let w = m.get(0).unwrap();
                taken.push((w.start(), w.end()));
                push(
                    out,
                    s.start + w.start(),
                    s.start + w.end(),
                    w.as_str(),
                    "an internal ticket key",
                    "Describe the work instead of citing your tracker: \"the fix for the export bug\" rather than \"OPS-1234\".",
                );
            }
            for w in SEV.find_iter(text) {
                taken.push((w.start(), w.end()));
                push(
                    out,
                    s.start + w.start(),
                    s.start + w.end(),
                    w.as_str(),
                    "an internal severity label",
                    "Say what the severity means for the reader: \"a full outage of checkout\" rather than \"SEV1\".",
                );
            }
            for w in HOST.find_iter(text) {
                if !w.as_str().chars().any(|c| c.is_ascii_digit()) && !w.as_str().contains('.') {
                    continue;
                }
                taken.push((w.start(), w.end()));
                push(
                    out,
                    s.start + w.start(),
                    s.start + w.end(),
                    w.as_str(),
                    "an internal host or resource name",
                    "Name the role, not the machine: \"one of our database servers in Frankfurt\" rather than \"db-prod-03\".",
                );
            }
            if let Some(fam) = codenames {
                let sent = ctx.sentence(si);
                let words = sent.words();
                for i in 0..words.len() {
                    if let Some(e) = fam.ends_at(&words, i).max() {
                        let (a, b) = (sent.tokens[i].start, sent.tokens[e - 1].end);
                        taken.push((a - s.start, b - s.start));
                        push(
                            out,
                            a,
                            b,
                            &doc.source[a..b],
                            "an internal codename",
                            "Use the name your readers know: \"the mobile app\" rather than the project's codename.",
                        );
                    }
                }
            }
            if shouting {
                continue;
            }
            for w in ACRONYM.find_iter(text) {
                let term = w.as_str();
                let upper = term.trim_end_matches('s');
                if upper.len() < 2
                    || !upper
                        .chars()
                        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
                    || upper.chars().all(|c| c.is_ascii_digit())
                    || COMMON.contains(&upper)
                    || taken.iter().any(|&(a, b)| w.start() < b && a < w.end())
                    || defined(&doc.prose, upper)
                {
                    continue;
                }
                push(
                    out,
                    s.start + w.start(),
                    s.start + w.end(),
                    term,
                    "an acronym",
                    "Spell it out the first time, or say it in plain words: \"our web application firewall (WAF)\", or \"a filter that blocks malicious traffic\".",
                );
            }
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
