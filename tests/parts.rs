//! A document over 3 MiB is checked in parts, one after another, so memory stays bounded
//! (docs/performance.md, "Large documents"). Checking a text in parts must find what checking
//! it whole finds, at the same file offsets: front matter settings reach every part,
//! suppressions and the per-rule limit work across parts, element evidence and pack
//! requirements are gathered from every part. These tests cut small drafts into small parts.

use candor::document::parts;
use candor::{Config, FileReport, Linter, Options};

fn whole(linter: &Linter, text: &str) -> FileReport {
    linter.check_parts(
        text,
        &Options::new("draft.md"),
        std::iter::once(0..text.len()).collect(),
    )
}

fn in_parts(linter: &Linter, text: &str, size: usize) -> FileReport {
    let cuts = parts::split(text, 0, size);
    assert!(
        cuts.len() >= 4,
        "the draft should make several parts: {cuts:?}"
    );
    linter.check_parts(text, &Options::new("draft.md"), cuts)
}

/// What a report says, in file offsets.
fn findings(r: &FileReport) -> Vec<(String, usize, usize, String)> {
    r.diagnostics
        .iter()
        .map(|d| (d.rule.clone(), d.span.start, d.span.end, d.message.clone()))
        .collect()
}

/// An element: its name, whether it was found, and where.
type Found = (String, bool, Vec<(usize, usize)>);

/// Per element: whether it was found and where (as a set: parts list it part by part).
fn evidence(r: &FileReport) -> Vec<Found> {
    r.elements
        .iter()
        .map(|(e, f)| {
            let mut at: Vec<(usize, usize)> = f.evidence.iter().map(|v| (v.start, v.end)).collect();
            at.sort();
            (e.to_string(), f.present, at)
        })
        .collect()
}

const UPDATE: &str = "We apologize for any inconvenience. A small number of users could not sign in between 10:15 and 11:00 because of a technical issue.\n\nMistakes were made. We take your privacy seriously, and we may have fixed the \"glitch\".\n\n";

fn repeated(head: &str, unit: &str, n: usize) -> String {
    let mut text = head.to_string();
    for _ in 0..n {
        text.push_str(unit);
    }
    text
}

#[test]
fn parts_find_what_the_whole_finds_at_the_same_offsets() {
    let linter = Linter::new();
    let text = repeated("# Sign-in failures\n\n", UPDATE, 12);
    let (a, b) = (whole(&linter, &text), in_parts(&linter, &text, 400));
    assert_eq!(findings(&a), findings(&b));
    assert!(
        b.diagnostics
            .iter()
            .any(|d| d.span.start > text.len() * 3 / 4),
        "the last part's findings are at file offsets"
    );
    assert_eq!(evidence(&a), evidence(&b));
    assert_eq!((a.kind, a.phase), (b.kind, b.phase));
    assert_eq!(a.requirements, b.requirements);
}

#[test]
fn front_matter_settings_reach_every_part() {
    let linter = Linter::new();
    let head = "---\nkind: incident-email\ntimes_tz: UTC\nrules:\n  hedging: off\n---\n# Sign-in failures\n\n";
    let text = repeated(head, UPDATE, 12);
    let b = in_parts(&linter, &text, 400);
    assert_eq!(findings(&whole(&linter, &text)), findings(&b));
    for rule in ["hedging", "time-without-zone"] {
        assert!(!b.diagnostics.iter().any(|d| d.rule == rule), "{rule}");
    }
    assert!(b.diagnostics.iter().any(|d| d.rule == "non-apology"));
}

#[test]
fn suppressions_work_across_parts() {
    let linter = Linter::new();
    let mut text = repeated("# Sign-in failures\n\n", UPDATE, 4);
    // A region opened in one part and closed several parts later…
    text.push_str("<!-- candor-disable non-apology passive-evasion -->\n\n");
    text.push_str(&UPDATE.repeat(5));
    text.push_str("<!-- candor-enable non-apology -->\n\n");
    text.push_str(&UPDATE.repeat(2));
    // … a directive for the next line, and one that suppresses nothing.
    text.push_str("<!-- candor-disable-next-line minimizing-scope -->\n");
    text.push_str(UPDATE);
    text.push_str("<!-- candor-disable-next-line scare-quotes -->\nNothing quoted here.\n");
    let (a, b) = (whole(&linter, &text), in_parts(&linter, &text, 400));
    assert_eq!(findings(&a), findings(&b));
    let region = text.find("candor-disable non").unwrap()..text.find("candor-enable").unwrap();
    assert!(
        !b.diagnostics
            .iter()
            .any(|d| d.rule == "non-apology" && region.contains(&d.span.start))
    );
    assert!(
        b.diagnostics
            .iter()
            .any(|d| d.rule == "unused-suppression" && d.span.start > text.len() - 80),
        "{:?}",
        findings(&b)
    );
}

#[test]
fn the_per_rule_limit_counts_every_part() {
    let config = Config::parse("max_findings_per_rule = 5\n", "candor.toml", ".".into()).unwrap();
    let linter = Linter::with_config(config).unwrap();
    let text = repeated("# Sign-in failures\n\n", UPDATE, 12);
    let (a, b) = (whole(&linter, &text), in_parts(&linter, &text, 400));
    assert_eq!(findings(&a), findings(&b));
    let summary = b
        .diagnostics
        .iter()
        .find(|d| d.rule == "non-apology" && d.message.contains("more"))
        .expect("a summary of the findings over the limit");
    assert!(summary.message.starts_with("7 more"), "{}", summary.message);
}

#[test]
fn a_quoted_thread_ends_the_check_in_any_part() {
    let linter = Linter::new();
    let mut text = repeated("# Sign-in failures\n\n", UPDATE, 4);
    text.push_str("On Mon, 3 May 2025, Ana Lima wrote:\n\n");
    text.push_str(&UPDATE.repeat(4));
    // A suppression comment in the quoted text is still a comment (an unused one).
    text.push_str("<!-- candor-disable-next-line hedging -->\n\n");
    text.push_str(&UPDATE.repeat(2));
    let (a, b) = (whole(&linter, &text), in_parts(&linter, &text, 400));
    assert_eq!(findings(&a), findings(&b));
    let thread = text.find("On Mon").unwrap();
    assert!(
        !b.diagnostics
            .iter()
            .any(|d| !d.document_level && d.span.start > thread && d.rule != "unused-suppression")
    );
}

#[test]
fn pack_requirements_read_every_part() {
    let linter = Linter::new();
    let head = "---\nkind: breach-notice\npacks: [us-ca]\n---\n# Notice of Data Breach\n\n## What Happened\n\n";
    let mut text = repeated(head, UPDATE, 6);
    text.push_str("## What Information Was Involved\n\nNames and Social Security numbers.\n\n");
    text.push_str(&UPDATE.repeat(6));
    text.push_str("## What We Are Doing\n\nWe rotated every key.\n\n## What You Can Do\n\nCall 1-800-555-0100, or contact the major credit bureaus.\n\n## For More Information\n\nWrite to privacy@example.com.\n\n");
    let (a, b) = (whole(&linter, &text), in_parts(&linter, &text, 400));
    assert!(!a.pack_checks.is_empty());
    assert_eq!(a.pack_checks, b.pack_checks);
    assert_eq!(findings(&a), findings(&b));
}

#[test]
fn a_term_is_reported_once_in_the_whole_document() {
    let linter = Linter::new();
    let unit = "The SEV1 on db-prod-03 (OPS-4471) slowed checkout for 12 minutes.\n\n";
    let text = repeated("# Checkout was slow\n\n", unit, 30);
    let (a, b) = (whole(&linter, &text), in_parts(&linter, &text, 400));
    assert_eq!(findings(&a), findings(&b));
    let jargon = b.diagnostics.iter().filter(|d| d.rule == "jargon").count();
    assert_eq!(jargon, 3, "{:?}", findings(&b));
}
