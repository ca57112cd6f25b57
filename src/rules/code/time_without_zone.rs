//! # time-without-zone
//! A clock time with no time zone, in a document that declares none.
//!
//! ## What it flags
//! Clock times — `3:15 pm`, `15:15`, `10pm`, `10.30am`, `9:10 AM`, and dotted times after
//! "at/from/until/by/between" (`at 6.45`) — when the sentence has no zone token (UTC, GMT, Z,
//! ±hh:mm, PT/PST/PDT, ET/EST/EDT, CET/CEST, BST, IST, JST, AEST, "Pacific Time" …) and the
//! document declares none. A document-level declaration covers every time: "All times are
//! UTC", "Times in PT", a "Timeline (UTC)" heading, a "Time (UTC)" table column, or front
//! matter `times_tz: UTC`. In a range ("between 7:45 and 9:10 AM") each time is flagged.
//! Durations ("2:30 hours"), ratios ("3:1"), versions ("v10.30"), decimals ("6.45 GB") and
//! log lines are not times.
//!
//! ## Why it matters
//! Readers are spread across time zones; "10:15" means a different moment to each of them,
//! and a breach notice's dates and times may carry legal weight. PagerDuty's and Statuspage's
//! guidance is to give the time zone with every time (most status pages use UTC).
//! Sources: PagerDuty incident-response-docs (external communication guidelines); Atlassian
//! Statuspage, incident communication tips.
//!
//! ## Bad
//! > The outage began at 10:15 and ended at 11:40.
//! > Bookings made between 7:45 and 9:10 AM were lost.
//!
//! ## Good
//! > The outage began at 10:15 UTC and ended at 11:40 UTC.
//! > ## Timeline (UTC)
//! > Exports took 2:30 hours; we use a 3:1 replication ratio.

use super::super::{Context, Family, Rule, RuleMeta};
use crate::diagnostic::{Applicability, Finding, Fix, Severity};
use crate::lazy_regex::LazyRegex;
use std::sync::LazyLock;

const ZONE: &str = r"(?:\b(?:UTC|GMT|Z|[ECMPA][SD]?T|AK[SD]T|HST|CES?T|EES?T|WES?T|BST|IST|JST|KST|SGT|HKT|AE[SD]T|AC[SD]T|AW[SD]T|NZ[SD]T|MSK|BRT|ART|PHT|WIB|SAST)\b|(?:UTC|GMT)\s?[+\-−]\d{1,2}(?::?\d{2})?\b|\d\d?:\d\dZ\b|\b(?:Pacific|Eastern|Central|Mountain|Atlantic|Greenwich|Coordinated Universal|British Summer|Central European|Eastern European|India|Japan|Australian Eastern|Hawaii|Alaska|Universal) (?:Standard |Daylight |Summer )?Time\b|\b(?:Europe|America|Asia|Australia|Africa|Pacific)/[A-Z][a-z_]+|\b(?:UK|US|U\.K\.|London|Dublin|Paris|Berlin|Madrid|Amsterdam|New York|Chicago|Denver|Los Angeles|San Francisco|Seattle|Toronto|Vancouver|Sydney|Melbourne|Auckland|Tokyo|Singapore|Hong Kong|Mumbai|Delhi|Dubai|Johannesburg|São Paulo|Mexico City|Irish|Dutch|German|French|Spanish|Indian|Japanese|Singapore|Australian|Brazilian|European) (?i:time)\b)";

static TIME: LazyRegex = LazyRegex::new(
    r"(?xi)
        (?P<pre>\b(?:at|from|until|till|by|between|around|about|before|after|since|to|and|approx(?:imately)?|~|@)\s+)?
        \b(?P<t>
            (?:[01]?\d|2[0-3]) : [0-5]\d (?: : [0-5]\d )? (?: \s? (?:[ap]\.m\.|[ap]m\b) )?
          | (?:1[0-2]|0?[1-9]) (?: \. [0-5]\d )? \s? (?:[ap]\.m\.|[ap]m\b)
          | (?:1[0-2]|0?\d|2[0-3]) \. [0-5]\d
        )",
);

static ZONE_RE: LazyLock<LazyRegex> = LazyLock::new(|| LazyRegex::new(ZONE));

/// A region named without "Time", which counts when a declaration names it: "All times
/// Eastern.", "times are Pacific".
const REGION: &str = r"(?:Eastern|Pacific|Central|Mountain|Atlantic|UK|local)";

/// Document-level declarations: "All times UTC", "All times in this document are CET (UTC+1)",
/// "Timeline (UTC)", a "Time (UTC)" column, "times are in PT".
static DECLARATION: LazyLock<LazyRegex> = LazyLock::new(|| {
    LazyRegex::owned(format!(
        r"(?i)\ball\s+(?:the\s+)?(?:times?|timestamps?|hours)\b[^.\n]{{0,40}}?(?:(?-i:{ZONE})|\b(?-i:{REGION})\b)|\b(?:times?|timestamps?)\s+(?:are|is|were|shown|given|listed|below)\b[^.\n]{{0,20}}?(?:(?-i:{ZONE})|\b(?-i:{REGION})\b)|\b(?:time(?:line|s)?|timestamps?|when|date(?:\s*/\s*time)?|hour)\s*[\(\[,]\s*(?:all\s+times?\s+)?(?-i:{ZONE})|\(\s*(?:all\s+)?times?\s+(?:in\s+)?(?-i:{ZONE})\s*\)"
    ))
});

/// A zone right after a time, even across a sentence break the abbreviation caused: "10:05
/// a.m. Eastern", "9:00 +01:00", "local time" (each reader's own zone), or after the end of a
/// range that starts with the time ("between 3:05 and 3:47 a.m. Pacific").
static ZONE_AFTER: LazyLock<LazyRegex> = LazyLock::new(|| {
    LazyRegex::owned(format!(
        r"^\s*(?:(?i:to|and|until|till|through|[-–—])\s*(?:[01]?\d|2[0-3])(?:[:.][0-5]\d)?\s?(?i:[ap]\.?m\.?)?\s*)?(?:\(\s*)?(?:(?-i:{ZONE})|[+\-−]\d\d:?\d\d\b|(?i:(?:your\s+|their\s+|the\s+device's\s+|each\s+\w+'s\s+)?local\s+time)|\b(?-i:(?:Eastern|Pacific|Central|Mountain|Atlantic))\b)"
    ))
});

/// What follows a match that makes it a duration, ratio, decimal or version.
static NOT_TIME_AFTER: LazyRegex = LazyRegex::new(
    r"(?i)^(?:\s*(?:hours?|hrs?|h\b|minutes?|mins?|m\b|seconds?|secs?|s\b|ms\b|%|percent|gb|mb|kb|tb|x\b|times\b|ratio|split|odds)|[.:]\d|\.\d+\.\d)",
);
static NOT_TIME_BEFORE: LazyRegex = LazyRegex::new(
    r"(?i)(?:\bv(?:ersion)?\s*|[\w.]\.|ratio(?: of)?\s+|\d[:.]|\$|€|£|#|\bchapter\s+|\bverse\s+)$",
);
/// Log lines: a line that starts with a timestamp or date followed by a level.
static LOG_LINE: LazyRegex = LazyRegex::new(
    r"(?m)^\s*\[?(?:\d{4}-\d\d-\d\d[T ])?\d\d:\d\d(?::\d\d)?(?:[.,]\d+)?\]?\s+(?:\[?(?:INFO|WARN|WARNING|ERROR|DEBUG|TRACE|FATAL)\b)",
);

pub struct TimeWithoutZone {
    meta: RuleMeta,
}

pub fn rule() -> Box<dyn Rule> {
    Box::new(TimeWithoutZone {
        meta: RuleMeta {
            id: "time-without-zone".into(),
            severity: Severity::Warning,
            summary: "A clock time with no time zone".into(),
            docs: super::docs("time-without-zone"),
            family: Family::Code,
            needs_nlp: false,
        },
    })
}

/// True if the document declares one zone for all its times.
pub fn declares_zone(ctx: &Context) -> bool {
    ctx.times_tz.is_some_and(|z| !z.trim().is_empty()) || DECLARATION.is_match(&ctx.doc.prose)
}

impl Rule for TimeWithoutZone {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        if declares_zone(ctx) {
            return;
        }
        let doc = ctx.doc;
        let log_lines: Vec<(usize, usize)> = LOG_LINE
            .find_iter(&doc.prose)
            .map(|m| {
                let end = doc.prose[m.start()..]
                    .find('\n')
                    .map_or(doc.prose.len(), |i| m.start() + i);
                (m.start(), end)
            })
            .collect();
        for s in &doc.sentences {
            let text = doc.sentence_text(s);
            if ZONE_RE.is_match(text) {
                continue;
            }
            for caps in TIME.captures_iter(text) {
                let t = caps.name("t").unwrap();
                let tt = t.as_str();
                let has_ampm = tt.to_ascii_lowercase().trim_end_matches('.').ends_with('m');
                let dotted = !tt.contains(':');
                // Dotted times without am/pm are decimals unless a time preposition leads in.
                if dotted && !has_ampm && caps.name("pre").is_none() {
                    continue;
                }
                if NOT_TIME_AFTER.is_match(&text[t.end()..])
                    || NOT_TIME_BEFORE.is_match(&text[..t.start()])
                {
                    continue;
                }
                let (start, end) = (s.start + t.start(), s.start + t.end());
                let after_end = crate::document::lines::floor_char_boundary(
                    &doc.prose,
                    (end + 60).min(doc.prose.len()),
                );
                if ZONE_AFTER.is_match(&doc.prose[end..after_end]) {
                    continue;
                }
                if log_lines.iter().any(|&(a, b)| a <= start && end <= b)
                    || doc.in_attributed_quote(start..end)
                {
                    continue;
                }
                let finding = Finding::new("time-without-zone", Severity::Warning, start, end)
                    .message(format!("\"{tt}\" has no time zone."))
                    .help(format!(
                        "Add the zone to the time (\"{tt} UTC\"), or declare it once for the whole document: \"All times are UTC.\" or front matter `times_tz: UTC`."
                    ));
                // Only a zone the team configured is a safe fix; UTC is a guess to check.
                let (zone, how, applicability) = match ctx.time_zone {
                    Some(zone) => (zone, "add the time zone", Applicability::Safe),
                    None => (
                        "UTC",
                        "add a time zone (check that UTC is right)",
                        Applicability::DisplayOnly,
                    ),
                };
                let insert = vec![(end, end, format!(" {zone}"))];
                out.push(finding.fix(Fix::new(how, applicability, insert)));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{Options, check};

    fn times(src: &str) -> Vec<String> {
        let r = check(src, &Options::new("t.md"));
        r.diagnostics
            .iter()
            .filter(|d| d.rule == "time-without-zone")
            .map(|d| d.text.clone())
            .collect()
    }

    #[test]
    fn flags_bare_times() {
        assert_eq!(
            times("The outage began at 10:15 and ended at 11:40."),
            vec!["10:15", "11:40"]
        );
        assert_eq!(
            times("Bookings between 7:45 and 9:10 AM were lost."),
            vec!["7:45", "9:10 AM"]
        );
        assert_eq!(
            times("It started at 10pm and again at 10.30am."),
            vec!["10pm", "10.30am"]
        );
        assert_eq!(times("Classes from 6.45 were cancelled."), vec!["6.45"]);
    }

    #[test]
    fn zones_and_declarations() {
        assert!(times("The outage began at 10:15 UTC.").is_empty());
        assert!(times("It began at 3:15 pm PT (22:15 UTC).").is_empty());
        assert!(times("All times are UTC.\n\nIt began at 10:15.").is_empty());
        assert!(times("## Timeline (UTC)\n\n- 10:15 alerts fired").is_empty());
        assert!(times("---\ntimes_tz: UTC\n---\nIt began at 10:15.").is_empty());
    }

    #[test]
    fn traps() {
        assert!(times("Exports took 2:30 hours.").is_empty());
        assert!(times("We run at 6.45 GB per node with version 10.30 and a 3:1 ratio.").is_empty());
        assert!(times("Usage rose 12.45% overnight.").is_empty());
    }
}
