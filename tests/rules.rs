//! Fixture and snapshot tests for the anti-pattern rules.
//!
//! Every folder `fixtures/rules/<rule-id>/` holds `bad.md` (true positives) and `good.md`
//! (the catalog's traps, true negatives). The JSON diagnostics of that rule on `bad.md` are
//! snapshotted; `good.md` must produce none and `bad.md` at least one per paragraph.

use candor::{Config, Kind, Linter, Options, Severity};
use std::path::{Path, PathBuf};

/// The kind a rule's fixtures are checked as (where the rule's severity or scope depends on it).
fn kind_for(rule: &str) -> Kind {
    match rule {
        "breach-cliche" | "minimizing-scope" => Kind::BreachNotice,
        "jargon" | "vague-cause" => Kind::StatusUpdate,
        _ => Kind::IncidentEmail,
    }
}

fn run(linter: &Linter, path: &Path, rule: &str) -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut opts = Options::new(path.file_name().unwrap().to_string_lossy());
    opts.kind = Some(kind_for(rule));
    let report = linter.check(&text, &opts);
    report
        .diagnostics
        .iter()
        .filter(|d| d.rule == rule)
        .map(|d| {
            serde_json::json!({
                "line": d.span.line,
                "severity": d.severity,
                "text": d.text,
                "message": d.message,
                "help": d.help,
                "suggestions": d.suggestions.iter().map(|s| fixed_span(&text, d, s)).collect::<Vec<_>>(),
            })
        })
        .collect()
}

/// "safe: glitch." — a fix as its applicability and the finding's text once it is applied.
fn fixed_span(text: &str, d: &candor::Diagnostic, s: &candor::Suggestion) -> String {
    let (a, b) = (d.span.start.min(s.span.start), d.span.end.max(s.span.end));
    format!(
        "{}: {}{}{}",
        s.applicability.as_str(),
        &text[a..s.span.start],
        s.replacement,
        &text[s.span.end..b]
    )
}

fn fixture_dirs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/rules");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

fn rule_of(dir: &Path) -> String {
    dir.file_name().unwrap().to_string_lossy().to_string()
}

#[test]
fn every_rule_has_fixtures() {
    let ids: Vec<String> = fixture_dirs().iter().map(|d| rule_of(d)).collect();
    for id in [
        "minimizing-scope",
        "non-apology",
        "passive-evasion",
        "blame-shifting",
        "vague-cause",
        "scare-quotes",
        "breach-cliche",
        "over-promise",
        "unrendered-placeholder",
        "time-without-zone",
        "hedging",
        "jargon",
        "readability",
    ] {
        assert!(ids.contains(&id.to_string()), "no fixtures for {id}");
    }
}

#[test]
fn bad_fixtures_flag_every_paragraph_and_good_fixtures_nothing() {
    let linter = Linter::new();
    for dir in fixture_dirs() {
        let rule = rule_of(&dir);
        let bad_path = dir.join("bad.md");
        let bad = run(&linter, &bad_path, &rule);
        let text = std::fs::read_to_string(&bad_path).unwrap();
        // Every paragraph of bad.md has at least one finding.
        let mut line = 1;
        for para in text.split("\n\n") {
            let n = para.lines().count();
            if !para.trim().is_empty() && rule != "readability" {
                assert!(
                    bad.iter().any(|d| {
                        let l = d["line"].as_u64().unwrap() as usize;
                        l >= line && l < line + n
                    }),
                    "{rule}: no finding in bad.md paragraph at line {line}: {para:?}"
                );
            }
            line += n + 1;
        }
        assert!(!bad.is_empty(), "{rule}: bad.md produced nothing");
        let good = run(&linter, &dir.join("good.md"), &rule);
        assert!(good.is_empty(), "{rule}: good.md produced {good:#?}");
        insta::assert_json_snapshot!(format!("{rule}-bad"), bad);
    }
}

#[test]
fn explain_docs_exist_for_every_rule() {
    let linter = Linter::new();
    for dir in fixture_dirs() {
        let rule = rule_of(&dir);
        let meta = linter
            .meta(&rule)
            .unwrap_or_else(|| panic!("{rule} is not registered"));
        for section in ["## What it flags", "## Why it matters", "## Bad", "## Good"] {
            assert!(meta.docs.contains(section), "{rule}: docs lack {section}");
        }
        assert!(
            meta.docs.starts_with(&format!("# {rule}")),
            "{rule}: docs must start with its id"
        );
    }
}

#[test]
fn rules_that_read_the_sentence_analysis_say_so() {
    // Phrase rules match over the analysis; of the code rules, those that read clauses and
    // tags do. The pattern-free rules (placeholders, zones, quotes, readability) never build it.
    let linter = Linter::new();
    for m in linter.metas() {
        let needs = m.family == candor::rules::Family::Phrase
            || matches!(
                m.id.as_str(),
                "passive-evasion" | "hedging" | "non-apology" | "jargon"
            );
        assert_eq!(m.needs_nlp, needs, "{}: needs_nlp", m.id);
    }
}

fn config(text: &str, dir: &Path) -> Config {
    Config::parse(text, "candor.toml", dir.to_path_buf()).unwrap()
}

#[test]
fn user_vendor_vocabulary_extends_blame_shifting() {
    let dir = tempfile::tempdir().unwrap();
    let text = "The outage was caused by an outage at Nimbus Cloud.\n";
    let plain = Linter::new();
    assert!(
        !plain
            .check(text, &Options::new("a.md"))
            .diagnostics
            .iter()
            .any(|d| d.rule == "blame-shifting")
    );
    let linter = Linter::with_config(config(
        "[vocab]\nvendors = [\"Nimbus Cloud\"]\n",
        dir.path(),
    ))
    .unwrap();
    let r = linter.check(text, &Options::new("a.md"));
    let d = r
        .diagnostics
        .iter()
        .find(|d| d.rule == "blame-shifting")
        .expect("vendor blame flagged");
    assert!(d.text.contains("Nimbus Cloud"));
}

#[test]
fn user_codenames_extend_jargon() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Checkout was slow because Bluebird stalled.\n";
    let linter =
        Linter::with_config(config("[vocab]\ncodenames = [\"Bluebird\"]\n", dir.path())).unwrap();
    let mut opts = Options::new("a.md");
    opts.kind = Some(Kind::StatusUpdate);
    let r = linter.check(text, &opts);
    let d = r
        .diagnostics
        .iter()
        .find(|d| d.rule == "jargon")
        .expect("codename flagged");
    assert_eq!(d.text, "Bluebird");
    assert_eq!(d.severity, Severity::Warning);
}

#[test]
fn user_phrase_rules_load_from_rule_dirs() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("my-rules")).unwrap();
    std::fs::write(
        dir.path().join("my-rules/house-style.toml"),
        r#"id = "house-style"
severity = "info"
summary = "Say 'sign in', not 'log in'"
message = "We write 'sign in'."
help = "Write \"sign in\": \"You can sign in again now.\""

[docs]
what = "log in / login"
why = "House style."

[examples]
bad = ["You can ‹log in› again now."]
good = ["You can sign in again now."]

[[patterns]]
tokens = "log in|into | login"
suggest = "sign in"
"#,
    )
    .unwrap();
    let linter = Linter::with_config(config("rule_dirs = [\"my-rules\"]\n", dir.path())).unwrap();
    let r = linter.check("You can log in again now.\n", &Options::new("a.md"));
    let d = r
        .diagnostics
        .iter()
        .find(|d| d.rule == "house-style")
        .expect("user rule ran");
    assert_eq!(d.text, "log in");
    assert_eq!(d.suggestions[0].replacement, "sign in");
}

/// Overlapping matches of one rule's patterns give one finding, the longest, wherever it
/// starts (the engine's single de-duplication pass).
#[test]
fn overlapping_patterns_of_one_rule_give_the_longest_finding() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("my-rules")).unwrap();
    std::fs::write(
        dir.path().join("my-rules/padding.toml"),
        r#"id = "padding"
severity = "info"
summary = "Padding"
message = "Padding."
help = "Cut it."

[[patterns]]
tokens = "at this point"

[[patterns]]
tokens = "this point in time"
"#,
    )
    .unwrap();
    let linter = Linter::with_config(config("rule_dirs = [\"my-rules\"]\n", dir.path())).unwrap();
    let r = linter.check(
        "We are, at this point in time, investigating.\n",
        &Options::new("a.md"),
    );
    let found: Vec<&str> = r
        .diagnostics
        .iter()
        .filter(|d| d.rule == "padding")
        .map(|d| d.text.as_str())
        .collect();
    assert_eq!(found, ["this point in time"]);
}

fn severities(
    text: &str,
    kind: Kind,
    phase: Option<candor::Phase>,
    rule: &str,
) -> Vec<(String, Severity)> {
    let mut opts = Options::new("a.md");
    opts.kind = Some(kind);
    opts.phase = phase;
    Linter::new()
        .check(text, &opts)
        .diagnostics
        .into_iter()
        .filter(|d| d.rule == rule)
        .map(|d| (d.text, d.severity))
        .collect()
}

#[test]
fn blame_is_not_flagged_when_the_paragraph_owns_the_failure() {
    // The specification: a vendor mentioned while the writer owns its own gap is not blame.
    let alone = "The outage was caused by our third-party hosting provider.\n";
    let owned = "The outage was caused by our third-party hosting provider. We should have had a second one; that is our mistake.\n";
    assert_eq!(
        severities(alone, Kind::IncidentEmail, None, "blame-shifting")[0].1,
        Severity::Warning
    );
    assert_eq!(
        severities(owned, Kind::IncidentEmail, None, "blame-shifting"),
        vec![]
    );
}

#[test]
fn vague_cause_is_info_while_investigating() {
    // A label given as the cause; "we are investigating an issue" gives no cause at all.
    let text = "Logins are failing due to an unexpected issue.\n";
    let inv = severities(
        text,
        Kind::StatusUpdate,
        Some(candor::Phase::Investigating),
        "vague-cause",
    );
    let res = severities(
        text,
        Kind::StatusUpdate,
        Some(candor::Phase::Resolved),
        "vague-cause",
    );
    assert_eq!(
        inv,
        vec![("an unexpected issue".to_string(), Severity::Info)]
    );
    assert_eq!(
        res,
        vec![("an unexpected issue".to_string(), Severity::Warning)]
    );
}

#[test]
fn passive_evasion_is_info_in_technical_postmortem_sections() {
    let text = "# Outage\n\n## Summary\n\nA faulty configuration was deployed.\n\n## Root cause\n\nA faulty configuration was deployed to every region.\n";
    let found = severities(text, Kind::Postmortem, None, "passive-evasion");
    assert_eq!(
        found.iter().map(|f| f.1).collect::<Vec<_>>(),
        vec![Severity::Warning, Severity::Info]
    );
}

#[test]
fn one_finding_per_sentence_and_per_overlap() {
    // Two blame phrases in one sentence are one finding covering both.
    let text = "The outage was caused by our upstream provider, which was entirely outside of our control.\n";
    let found = severities(text, Kind::IncidentEmail, None, "blame-shifting");
    assert_eq!(found.len(), 1);
    assert!(found[0].0.contains("caused by") && found[0].0.ends_with("control"));
    // Overlapping placeholder syntaxes are one finding.
    let found = severities(
        "Account: ${account_id}\n",
        Kind::IncidentEmail,
        None,
        "unrendered-placeholder",
    );
    assert_eq!(found, vec![("${account_id}".to_string(), Severity::Error)]);
}
