//! # unrendered-placeholder
//! A template field or draft marker left in the text: `{{first_name}}`, `<<Name 1>>`,
//! `[Street Address]`, `$ACCOUNT_ID`, `TODO`.
//!
//! ## What it flags
//! Template syntax that was never filled in: `{{first_name}}`, `{% if … %}`, `${name}`,
//! `$CUSTOMER_NAME`, `%NAME%`, Mailchimp's `*|FNAME|*`, `{FirstName}`, `{first_name}`,
//! `<<FirstName>>`, `<FIRST NAME>`; a bracketed field — capitalised words naming a field
//! (`[Customer Name]`, `[Street Address]`, `[ZIP]`, `[DATE]`) or an instruction (`[insert
//! date]`, `[TBD]`); draft markers (TODO, TBD, FIXME, XXX, lorem ipsum); and greetings with
//! nothing in them ("Hi ,", "Dear null").
//!
//! Not flagged: code blocks and inline code; syntax inside a URL or API path
//! (`/forms/{form_id}/submissions`); currency and percentages ("$100", "20%"); Markdown links,
//! footnote markers `[1]`, `[sic]`, and bracketed tags that are not fields (`[RESOLVED]`,
//! `[RCA]`); rendered sample values ("JOHN Q. SAMPLE"); "Dear Valued Customer".
//!
//! ## Why it matters
//! The founding Lucidchart case: a test e-mail went to every customer with its merge fields
//! still in it. An unrendered field is the most visible sign that nobody read the message before
//! it went out, in a message whose whole purpose is to show care.
//! Sources: the Lucidchart test e-mail case (catalog founding cases).
//!
//! ## Bad
//! > Dear {{ customer.first_name }},
//! > Account: ${account_id}
//! > Hi <<FirstName>>,
//! > [Street Address], [City] [ZIP]
//!
//! ## Good
//! > Dear Ana,
//! > Account: 4471-0032
//! > GET /v3/forms/{form_id}/submissions

// The docs above are also `candor explain`'s text: the placeholders stay as writers type them.
#![allow(rustdoc::invalid_html_tags, rustdoc::broken_intra_doc_links)]

use super::super::{Context, Family, Rule, RuleMeta};
use crate::diagnostic::{Finding, Severity};
use crate::lazy_regex::LazyRegex;

/// Template syntax. Placeholders are syntax, not language, so they stay regular expressions;
/// each compiles on first use and only runs where its literal prefix occurs.
/// One expression per kind of marker: each is compiled and run only where its own words
/// occur (a greeting with no name is common text to scan, "TODO" is rare), and only the
/// greeting, which has no word boundary, runs on every draft with a comma.
static TEMPLATES: [LazyRegex; 10] = [
    LazyRegex::new(r"\{\{[^{}\n]{1,80}\}\}|\{%[^%\n]{1,80}%\}|\$\{[^}\n]{1,60}\}"),
    LazyRegex::new(r"\$__\w{1,40}__|\*\|[A-Z0-9_:]{2,40}\|\*"),
    LazyRegex::new(r"<<[^<>\n]{1,60}>>"),
    LazyRegex::new(r"<[A-Z][A-Z0-9_]*(?: [A-Z0-9_]+){0,4}>|%%?[A-Z][A-Z0-9_]{1,40}%%?"),
    LazyRegex::new(r"\$[A-Z][A-Z0-9]*_[A-Z0-9_]+\b|\$[A-Z]{4,}\b"),
    LazyRegex::new(r"\{(?:[A-Z][a-z]+){2,4}\}|\{[a-z]+(?:_[a-z]+)+\}"),
    LazyRegex::new(r"\b(?:TODO|TBD|TBC|FIXME|XXX+)\b"),
    LazyRegex::new(r"(?i:\blorem ipsum\b)"),
    // A greeting whose name was never filled in: "Hi ,", "Dear,".
    LazyRegex::new(r"(?m:^[ \t]*(?:(?:Hi|Hello|Hey)[ \t]+|Dear[ \t]*),)"),
    LazyRegex::new(r"\b(?:Dear|Hi|Hello|Hey) (?:undefined|null|NaN|None|nil)\b"),
];

/// A bracketed run of words: a field when its words name one.
static BRACKETED: LazyRegex = LazyRegex::new(r"\[([^\[\]\n]{1,60})\]");

/// Words that name a merge field.
const FIELD_WORDS: &[&str] = &[
    "name",
    "first",
    "last",
    "full",
    "address",
    "street",
    "city",
    "state",
    "zip",
    "postcode",
    "postal",
    "country",
    "date",
    "time",
    "code",
    "number",
    "amount",
    "deadline",
    "phone",
    "email",
    "e-mail",
    "company",
    "account",
    "id",
    "title",
    "reference",
    "ref",
    "link",
    "url",
    "signature",
    "period",
    "duration",
    "product",
    "service",
    "customer",
    "client",
    "recipient",
    "member",
    "patient",
    "employee",
    "user",
    "organization",
    "organisation",
    "business",
    "website",
    "contact",
    "department",
    "position",
    "salutation",
    "balance",
    "plan",
    "region",
    "location",
    "passenger",
    "student",
    "school",
    "district",
    "month",
    "year",
    "day",
    "support",
];
/// Instructions and markers that make a bracketed text a placeholder whatever its case.
const FIELD_STARTS: &[&str] = &[
    "insert",
    "enter",
    "add",
    "your",
    "tbd",
    "tbc",
    "todo",
    "placeholder",
    "xx",
    "xxx",
    "...",
    "…",
    "fill",
    "include",
    "specify",
    "describe",
];

pub struct UnrenderedPlaceholder {
    meta: RuleMeta,
}

pub fn rule() -> Box<dyn Rule> {
    Box::new(UnrenderedPlaceholder {
        meta: RuleMeta {
            id: "unrendered-placeholder".into(),
            severity: Severity::Error,
            summary: "A template field or draft marker left in the text".into(),
            docs: super::docs("unrendered-placeholder"),
            family: Family::Code,
            needs_nlp: false,
        },
    })
}

/// Is the bracketed text a merge field ("Street Address", "ZIP", "insert date")?
fn is_field(inner: &str) -> bool {
    let words: Vec<&str> = inner.split_whitespace().collect();
    let Some(first) = words.first() else {
        return false;
    };
    if FIELD_STARTS.contains(&first.to_lowercase().as_str()) {
        return true;
    }
    let field = |w: &&str| {
        let lower = w.to_lowercase();
        FIELD_WORDS.contains(&lower.trim_matches(|c: char| !c.is_alphanumeric()))
    };
    // Every word names a field ("support email"), whatever the case.
    if words.len() <= 3 && words.iter().all(field) {
        return true;
    }
    // Capitalised words (Title Case or all caps), at least one naming a field.
    words.len() <= 5
        && words
            .iter()
            .all(|w| w.starts_with(|c: char| c.is_uppercase()) || matches!(*w, "of" | "/" | "&"))
        && words.iter().any(field)
}

impl Rule for UnrenderedPlaceholder {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        // The raw view: code and comments blanked, but `<FIRST NAME>` kept, which Markdown
        // would read as HTML.
        let raw = &ctx.doc.raw;
        let mut found: Vec<Finding> = Vec::new();
        let mut push = |start: usize, end: usize| {
            let before = raw[..start].chars().next_back();
            let after = raw[end..].chars().next();
            // Inside a URL or an API path: "/forms/{form_id}/submissions".
            if before == Some('/') || after == Some('/') {
                return;
            }
            if ctx.doc.in_attributed_quote(start..end) {
                return;
            }
            found.push(
                Finding::new("unrendered-placeholder", Severity::Error, start, end)
                    .message("This looks like an unrendered template field or a draft marker.")
                    .help("Fill it in before sending, or check that your mail-merge or status tool renders this syntax. A reader who sees \"Dear {{first_name}}\" stops trusting everything after it."),
            );
        };
        for re in &TEMPLATES {
            if !re.could_match(raw) {
                continue;
            }
            for m in re.find_iter(raw) {
                if !m.as_str().trim().is_empty() {
                    push(m.start(), m.end());
                }
            }
        }
        if raw.contains('[') {
            for c in BRACKETED.captures_iter(raw) {
                let (m, inner) = (c.get(0).unwrap(), c.get(1).unwrap());
                // A Markdown link or reference: "[text](url)", "[text][ref]".
                let next = raw[m.end()..].chars().next();
                if matches!(next, Some('(' | '[')) || !is_field(inner.as_str()) {
                    continue;
                }
                push(m.start(), m.end());
            }
        }
        // Two patterns can match one field ("{{name}}" and "{name}"): keep the first.
        found.sort_by_key(|f| (f.start, std::cmp::Reverse(f.end)));
        found.dedup_by(|b, a| a.start < b.end && b.start < a.end);
        out.extend(found);
    }
}

#[cfg(test)]
mod tests {
    fn hits(src: &str) -> Vec<String> {
        super::super::test_hits("unrendered-placeholder", src)
    }

    #[test]
    fn fields_and_markers() {
        assert_eq!(
            hits("Dear {{ customer.first_name }},"),
            ["{{ customer.first_name }}"]
        );
        assert_eq!(hits("Hi <<FirstName>>, welcome."), ["<<FirstName>>"]);
        assert_eq!(
            hits("[Street Address]\n[City], [State] [ZIP]"),
            ["[Street Address]", "[City]", "[State]", "[ZIP]"]
        );
        assert_eq!(hits("We will write by [DATE]."), ["[DATE]"]);
        assert_eq!(hits("Account: ${account_id}."), ["${account_id}"]);
    }

    #[test]
    fn not_fields() {
        assert!(hits("GET /v3/forms/{form_id}/submissions returned data.").is_empty());
        assert!(
            hits("[RESOLVED] API errors. See [the status page](https://x.example).").is_empty()
        );
        assert!(hits("It cost $100, about 20% more [1]. The \"inconveniance\" [sic].").is_empty());
        assert!(hits("Dear Valued Customer,").is_empty());
    }
}
