//! # scare-quotes
//! Quotation marks around a word for the fault ("a \"bug\"", so-called outage).
//!
//! ## What it flags
//! A quoted one- or two-word phrase whose head is a fault noun — bug, glitch, hiccup, issue,
//! error, outage, breach, incident, problem, mistake, vulnerability, leak, hack, attack,
//! failure, blip — and "so-called" before one. Straight, curly and single quotes count.
//! Not flagged: UI and status labels ("marked it 'Resolved'", "the 'Outage' status"),
//! titles and literal strings introduced by labeled/titled/marked/named/called/as/the word/
//! the term/status/message/reads/shows, attributed quotations (a customer's own words), and
//! code.
//!
//! ## Why it matters
//! Scare quotes signal that the writer doubts the word: a "bug" that lost customer data
//! reads as "so-called bug". In the founding backup-service case, quoting the "bug" in the
//! restore process made the notice read as a denial. Name the fault plainly.
//! Sources: catalog founding cases; Atlassian Statuspage, incident communication tips (own
//! the problem).
//!
//! ## Bad
//! > A "glitch" in our scheduler delayed payouts.
//! > The so-called outage lasted 40 minutes.
//!
//! ## Good
//! > A bug in our scheduler delayed payouts by six hours.
//! > We marked the incident "Resolved" at 14:09 UTC.
//! > One customer wrote: "this outage cost us a day".

use super::super::{Context, Family, Rule, RuleMeta};
use crate::diagnostic::{Applicability, Finding, Fix, Severity};
use crate::lazy_regex::LazyRegex;
use std::sync::LazyLock;

const FAULT: &str = r"(?:bugs?|glitch(?:es)?|hiccups?|blips?|issues?|errors?|outages?|breach(?:es)?|incidents?|problems?|mistakes?|vulnerabilit(?:y|ies)|leaks?|hacks?|attacks?|failures?|downtime|disruptions?|compromise|exposure|snafu|mishap|oversight|anomal(?:y|ies)|misconfiguration|data loss|security event|event)";

static FAULT_WORDS: LazyLock<LazyRegex> =
    LazyLock::new(|| LazyRegex::owned(format!(r"(?i)^\W*(?:[\w-]+\s+)?{FAULT}\W*$")));
static SO_CALLED: LazyLock<LazyRegex> = LazyLock::new(|| {
    LazyRegex::owned(format!(
        r#"(?i)\bso-?called\s+["“‘']?(?:[\w-]+\s+)?{FAULT}\b["”’']?"#
    ))
});
/// Plain single quotes ('bug'): not collected as quotations by the document model.
/// The "so-called" (and the space after it) that a fix removes.
static SO_CALLED_LEAD: LazyRegex = LazyRegex::new(r"(?i)^so-?called\s+");
static SINGLE: LazyRegex = LazyRegex::new(r"(?:^|[\s(\[])('([^'\n]{2,40})')(?:$|[\s.,;:!?)\]])");
/// Words that introduce a literal label or title, not scepticism.
static LABEL_BEFORE: LazyRegex = LazyRegex::new(
    r"(?i)\b(?:label(?:l?ed)?|titled|entitled|marked|named|called|status(?:\s+(?:of|to|is|was))?|set\s+to|changed\s+to|moved\s+to|tagged|flagged\s+as|categori[sz]ed\s+as|classified\s+as|as|the\s+word|the\s+term|the\s+phrase|term|message|reads?|read|shows?|showed|shown|displays?|displayed|displaying|says?|said|button|tab|option|field|column|header|heading|select|click|choose|type|error\s+code|code)\s*[:(]?\s*$",
);
/// A quoted label followed by a UI noun: the "Outage" status, the "Report a problem" button.
static LABEL_AFTER: LazyRegex = LazyRegex::new(
    r"(?i)^\s*(?:status|label|button|tab|page|banner|badge|state|column|field|category|tag|menu|option|link|screen|template|form|component|severity|type|flag|setting|queue|channel)\b",
);

pub struct ScareQuotes {
    meta: RuleMeta,
}

pub fn rule() -> Box<dyn Rule> {
    Box::new(ScareQuotes {
        meta: RuleMeta {
            id: "scare-quotes".into(),
            severity: Severity::Warning,
            summary: "Quotation marks around a word for the fault".into(),
            docs: super::docs("scare-quotes"),
            family: Family::Code,
            needs_nlp: false,
        },
    })
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '”' | '‘' | '’' | '«' | '»' | '`')
}

/// Bytes of opening quotation marks at the start of `s`.
fn quote_len(s: &str) -> usize {
    s.len() - s.trim_start_matches(is_quote).len()
}

/// Bytes of closing quotation marks at the end of `s`.
fn close_len(s: &str) -> usize {
    s.len() - s.trim_end_matches(is_quote).len()
}

impl ScareQuotes {
    /// `edits` delete what doubts the word: its quotation marks, or "so-called".
    fn finding(start: usize, end: usize, word: &str, fix: Fix) -> Finding {
        let w = word
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_string();
        Finding::new("scare-quotes", Severity::Warning, start, end)
            .message(format!("Quoting \"{w}\" suggests you doubt it was one."))
            .help(format!(
                "Drop the quotation marks and name the fault plainly: \"A {w} in our scheduler delayed payouts by six hours.\""
            ))
            .fix(fix)
    }
}

impl Rule for ScareQuotes {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        let doc = ctx.doc;
        let prose = &doc.prose;
        let mut spans: Vec<(usize, usize, String)> = Vec::new();
        for q in &doc.quotations {
            if q.attributed {
                continue;
            }
            let (is, ie) = q.inner(prose);
            if is < ie && ie <= prose.len() {
                spans.push((q.start, q.end, prose[is..ie].to_string()));
            }
        }
        for c in SINGLE.captures_iter(prose) {
            let (whole, inner) = (c.get(1).unwrap(), c.get(2).unwrap());
            spans.push((whole.start(), whole.end(), inner.as_str().to_string()));
        }
        for (start, end, inner) in spans {
            let words = inner.split_whitespace().count();
            if !(1..=2).contains(&words)
                || !FAULT_WORDS.is_match(&inner)
                || doc.in_attributed_quote(start..end)
            {
                continue;
            }
            let Some(si) = doc.sentence_at(start) else {
                continue;
            };
            let s = &doc.sentences[si];
            if s.heading_like {
                continue;
            }
            let before = &prose[s.start..start];
            let after = &prose[end..s.end.max(end)];
            // "A “Bug” label", "marked 'Resolved'", "with the title 'Security incident'".
            if LABEL_BEFORE.is_match(before) || LABEL_AFTER.is_match(after) {
                continue;
            }
            // A defined term: (the "Incident"), ("Breach").
            let lead = before.trim_end();
            if (lead.ends_with('(') || lead.to_lowercase().ends_with("(the"))
                && after.trim_start().starts_with(')')
            {
                continue;
            }
            // Only the quotation marks go: `"glitch."` becomes `glitch.`, keeping the full stop.
            let quoted = &prose[start..end];
            let (is, ie) = (start + quote_len(quoted), end - close_len(quoted));
            let edits = vec![(start, is, String::new()), (ie, end, String::new())];
            let fix = Fix::new("remove the quotation marks", Applicability::Safe, edits);
            out.push(Self::finding(start, end, &inner, fix));
        }
        for m in SO_CALLED.find_iter(prose) {
            if doc.in_attributed_quote(m.range())
                || out.iter().any(|f| f.start < m.end() && m.start() < f.end)
            {
                continue;
            }
            let word = m
                .as_str()
                .split_whitespace()
                .last()
                .unwrap_or("")
                .to_string();
            // "so-called", the space after it and any quotation marks go.
            let rest = SO_CALLED_LEAD.regex().replace(m.as_str(), "");
            let rs = m.end() - rest.len();
            let edits = vec![
                (m.start(), rs + quote_len(&rest), String::new()),
                (m.end() - close_len(&rest), m.end(), String::new()),
            ];
            out.push(
                Self::finding(
                    m.start(),
                    m.end(),
                    &word,
                    Fix::new("remove “so-called”", Applicability::Safe, edits),
                )
                .message("\"So-called\" suggests you doubt the fault was real."),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{Options, check};

    #[test]
    fn removing_the_quotes_keeps_the_punctuation_inside_them() {
        assert_eq!(
            fixed("We had a \"glitch.\" It is fixed."),
            "We had a glitch. It is fixed."
        );
        assert_eq!(fixed("A “bug” stopped logins."), "A bug stopped logins.");
        assert_eq!(
            fixed("A so-called “network glitch” stopped logins."),
            "A network glitch stopped logins."
        );
    }

    /// The draft with every scare-quotes fix applied.
    fn fixed(src: &str) -> String {
        let r = check(src, &Options::new("t.md"));
        let fixes: Vec<_> = r
            .diagnostics
            .iter()
            .filter(|d| d.rule == "scare-quotes")
            .flat_map(|d| d.suggestions.first())
            .collect();
        assert!(!fixes.is_empty(), "no scare-quotes fix in {src:?}");
        crate::fix::apply(src, fixes, crate::fix::Mode::Safe).text
    }

    fn hits(src: &str) -> Vec<String> {
        super::super::test_hits("scare-quotes", src)
    }

    #[test]
    fn flags_quoted_fault_words() {
        assert_eq!(
            hits("A \"glitch\" in our scheduler delayed payouts."),
            vec!["\"glitch\""]
        );
        assert_eq!(hits("There was a “bug” in restore."), vec!["“bug”"]);
        assert_eq!(hits("The 'hiccup' lasted an hour."), vec!["'hiccup'"]);
        assert_eq!(
            hits("The so-called outage lasted 40 minutes."),
            vec!["so-called outage"]
        );
    }

    #[test]
    fn labels_titles_and_attribution_are_not_scare_quotes() {
        assert!(
            hits("We marked the incident \"Resolved\" and the \"Outage\" status cleared.")
                .is_empty()
        );
        assert!(hits("Tickets labeled \"bug\" are triaged daily.").is_empty());
        assert!(hits("One customer wrote: \"this outage cost us a day\".").is_empty());
        assert!(hits("Run `echo \"error\"` to test.").is_empty());
        assert!(hits("We didn't notice the \"connection refused\" messages.").is_empty());
    }
}
