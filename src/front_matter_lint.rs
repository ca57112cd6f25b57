//! `invalid-front-matter`: what a document declares about itself is checked as strictly as
//! `candor.toml` is, with a span and a "did you mean": a syntax error, an unknown kind or
//! phase, an unknown rule id or rule setting, or a `times_tz` that is not a time zone.
//!
//! A value that is reported is also ignored, so a mistake never changes the check silently
//! (a `times_tz: Mars/Olympus` would otherwise declare a zone and silence `time-without-zone`).

use crate::config::{RuleSetting, closest};
use crate::diagnostic::{Finding, Severity};
use crate::document::Document;
use crate::kind::{Kind, Phase};
use crate::rule_id::{closest_known, is_known};

pub const RULE: &str = "invalid-front-matter";

/// Findings for the document's front matter; drops the values it reports from
/// `doc.front_matter`. `rule_ids` are the ids the linter knows (a `group/*` entry accepts
/// every id in the group); `kind` may name a built-in kind or one of `team_kinds`
/// (`[kinds.<name>]` in candor.toml).
pub fn check(doc: &mut Document, rule_ids: &[String], team_kinds: &[&str]) -> Vec<Finding> {
    let mut out = Vec::new();
    if let Some(e) = &doc.front_matter_error {
        out.push(
            Finding::new(RULE, Severity::Error, e.start, e.end)
                .message(format!("The front matter could not be read: {}", e.message))
                .help("Front matter is YAML between `---` lines or TOML between `+++` lines, with keys kind, phase, audience, packs, times_tz, reported_by and rules. The rest of the document was still checked."),
        );
    }
    let (Some(fm), Some(b)) = (doc.front_matter.as_mut(), &doc.front_matter_block) else {
        return out;
    };
    let block = &doc.source[b.start..b.end];
    // The span of `needle` in the block, searching from byte `from` of the block; the opening
    // fence when it is not found (a value written with escapes, say).
    let at = |needle: &str, from: usize| {
        block
            .get(from..)
            .and_then(|rest| rest.find(needle))
            .map_or((b.start, b.start + 3), |i| {
                (b.start + from + i, b.start + from + i + needle.len())
            })
    };
    let mut report = |(s, e): (usize, usize), message: String, help: String| {
        out.push(
            Finding::new(RULE, Severity::Error, s, e)
                .message(message)
                .help(help),
        );
    };

    if let Some(k) = &fm.kind
        && !team_kinds.contains(&k.trim())
        && let Err(m) = k.parse::<Kind>()
    {
        report(
            at(k, 0),
            m,
            "Set `kind` to one of the five kinds, or remove it to let candor infer the kind."
                .into(),
        );
    }
    if let Some(p) = &fm.phase
        && let Err(m) = p.parse::<Phase>()
    {
        report(
            at(p, 0),
            m,
            "Status-update phases are investigating, identified, monitoring and resolved.".into(),
        );
    }

    let rules_at = block.find("rules").unwrap_or(0);
    let mut rejected = Vec::new();
    for (id, value) in &fm.rules {
        let key = at(id, rules_at);
        if !is_known(id, rule_ids) {
            let help = match closest_known(id, rule_ids) {
                Some(s) => format!("Did you mean `{s}`? `candor rules` lists every rule id."),
                None => "`candor rules` lists every rule id.".into(),
            };
            report(
                key,
                format!("Unknown rule `{id}` in the front matter"),
                help,
            );
            rejected.push(id.clone());
        } else if RuleSetting::parse(value).is_none() {
            report(
                at(value, key.1 - b.start),
                format!("Invalid setting `{value}` for rule `{id}`"),
                "Use off, on, info, warning or error.".into(),
            );
            rejected.push(id.clone());
        }
    }
    for id in rejected {
        fm.rules.remove(&id);
    }

    if let Some(tz) = &fm.times_tz
        && let Err(help) = validate_time_zone(tz)
    {
        let key = block.find("times_tz").unwrap_or(0);
        report(
            at(tz.trim(), key),
            format!("`{}` is not a time zone", tz.trim()),
            help,
        );
        fm.times_tz = None;
    }
    out
}

/// `Ok` for an IANA time zone name (`UTC`, `Europe/Berlin`, any case) or a UTC offset
/// (`+02:00`, `UTC-5`); otherwise a help text, with the closest IANA name when one is close.
pub fn validate_time_zone(tz: &str) -> Result<(), String> {
    let tz = tz.trim();
    if is_utc_offset(tz) || jiff::tz::db().get(tz).is_ok() {
        return Ok(());
    }
    let names: Vec<String> = jiff::tz::db().available().map(|n| n.to_string()).collect();
    let example = "an IANA time zone name such as `UTC`, `America/New_York` or `Europe/Berlin`, or a UTC offset such as `+02:00`";
    Err(match closest(tz, names.iter().map(String::as_str)) {
        Some(s) => format!("Did you mean `{s}`? `times_tz` takes {example}."),
        None => format!("`times_tz` takes {example}."),
    })
}

/// `+02:00`, `-0530`, `+2`, `UTC+2`, `GMT-05:00`.
fn is_utc_offset(s: &str) -> bool {
    let s = s
        .strip_prefix("UTC")
        .or_else(|| s.strip_prefix("GMT"))
        .unwrap_or(s);
    let Some(rest) = s.strip_prefix(['+', '-']) else {
        return false;
    };
    let (hours, minutes) = match rest.split_once(':') {
        Some((h, m)) => (h, m),
        None if rest.len() > 2 => rest.split_at(rest.len() - 2),
        None => (rest, "00"),
    };
    let digits = |d: &str, max: u32| {
        (1..=2).contains(&d.len())
            && d.bytes().all(|b| b.is_ascii_digit())
            && d.parse::<u32>().is_ok_and(|n| n <= max)
    };
    digits(hours, 14) && minutes.len() == 2 && digits(minutes, 59)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;

    fn findings(text: &str) -> (Vec<(String, String)>, Document) {
        let mut doc = Document::parse(text, Format::Markdown);
        let ids = vec!["minimizing-scope".to_string(), "grammar/*".to_string()];
        let found = check(&mut doc, &ids, &[])
            .into_iter()
            .map(|f| {
                (
                    doc.source[f.start..f.end].to_string(),
                    f.message + " " + &f.help,
                )
            })
            .collect();
        (found, doc)
    }

    #[test]
    fn unknown_rule_ids_and_bad_values_point_at_themselves() {
        let (f, doc) = findings("---\nrules: {minimising-scope: off}\n---\nText.\n");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].0, "minimising-scope");
        assert!(f[0].1.contains("Did you mean `minimizing-scope`?"), "{f:?}");
        assert!(doc.front_matter.unwrap().rules.is_empty());

        let (f, _) = findings("+++\n[rules]\nminimizing-scope = \"loud\"\n+++\nText.\n");
        assert_eq!(f[0].0, "loud");
        assert!(f[0].1.contains("Invalid setting `loud`"), "{f:?}");

        let (f, _) =
            findings("---\nrules:\n  grammar/COULD_OF: off\n  minimizing-scope: warning\n---\n");
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn times_tz_is_an_iana_zone_or_an_offset() {
        for ok in [
            "UTC",
            "utc",
            "Europe/Berlin",
            "America/New_York",
            "+02:00",
            "UTC-5",
            "-0530",
        ] {
            assert_eq!(validate_time_zone(ok), Ok(()), "{ok}");
        }
        for bad in ["Mars/Olympus", "PT", "+25:00", "UTC+", "Europe/Berln"] {
            assert!(validate_time_zone(bad).is_err(), "{bad}");
        }
        assert!(
            validate_time_zone("Europe/Berln")
                .unwrap_err()
                .contains("`Europe/Berlin`")
        );

        let (f, doc) = findings("---\ntimes_tz: Mars/Olympus\n---\nIt began at 10:15.\n");
        assert_eq!(f[0].0, "Mars/Olympus");
        assert!(f[0].1.contains("is not a time zone"), "{f:?}");
        assert_eq!(doc.front_matter.unwrap().times_tz, None);
    }

    #[test]
    fn a_zone_that_is_not_one_does_not_silence_time_without_zone() {
        let r = crate::check(
            "---\ntimes_tz: Mars/Olympus\n---\nThe outage began at 10:15.\n",
            &crate::Options::new("a.md"),
        );
        let rules: Vec<&str> = r.diagnostics.iter().map(|d| d.rule.as_str()).collect();
        assert!(rules.contains(&RULE), "{rules:?}");
        assert!(rules.contains(&"time-without-zone"), "{rules:?}");
    }
}
