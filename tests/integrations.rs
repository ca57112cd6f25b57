//! Snapshot and contract tests of the integration formats (SARIF, GitHub workflow commands,
//! reviewdog rdjson, HTML) over the shipped fixture drafts. Review every snapshot change
//! (`cargo insta review`): these formats are documented contracts (docs/integrations.md).

use candor::output::{github, html, rdjson, sarif};
use candor::report::FileError;
use candor::run::{Input, RunOptions, check_inputs};
use candor::{Linter, Report};
use serde_json::Value;
use std::path::PathBuf;

fn fixtures() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir("fixtures/drafts")
        .expect("fixtures/drafts exists")
        .flatten()
        .map(|e| e.path())
        .collect();
    v.sort();
    assert!(v.len() >= 6, "expected the shipped fixture drafts");
    v
}

fn fixtures_report(linter: &Linter) -> Report {
    let report = check_inputs(
        linter,
        fixtures().into_iter().map(Input::Path).collect(),
        &RunOptions::default(),
    );
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert!(
        report.files.iter().any(|f| !f.diagnostics.is_empty()),
        "the fixtures must produce findings"
    );
    report
}

/// The fixture report plus an unreadable file, so every branch of each format is exercised.
fn report_with_error(linter: &Linter) -> Report {
    let mut r = fixtures_report(linter);
    r.errors.push(FileError {
        path: "drafts/broken, old: copy.md".into(),
        message: "not valid UTF-8: invalid byte at offset 12".into(),
        help: "re-save the file as UTF-8".into(),
        offset: Some(12),
    });
    r
}

fn sarif_value(linter: &Linter, report: &Report) -> Value {
    serde_json::from_str(&sarif::render(report, &linter.metas())).expect("SARIF output is JSON")
}

#[test]
#[cfg_attr(
    feature = "nlprule",
    ignore = "the nlprule feature adds the grammar rule's descriptor; tests/grammar.rs covers it"
)]
fn sarif_snapshot() {
    let linter = Linter::new();
    let report = fixtures_report(&linter);
    insta::assert_snapshot!("sarif", sarif::render(&report, &linter.metas()));
}

#[test]
fn github_snapshot() {
    let linter = Linter::new();
    insta::assert_snapshot!("github", github::render(&report_with_error(&linter)));
}

#[test]
fn rdjson_snapshot() {
    let linter = Linter::new();
    insta::assert_snapshot!("rdjson", rdjson::render(&fixtures_report(&linter)));
}

#[test]
fn html_snapshot() {
    let linter = Linter::new();
    insta::assert_snapshot!("html", html::render(&report_with_error(&linter)));
}

#[test]
fn sarif_output_is_valid_against_the_sarif_2_1_0_schema() {
    let mut schema: Value = serde_json::from_str(include_str!("fixtures/sarif-schema-2.1.0.json"))
        .expect("schema is JSON");
    // The official schema's `language` pattern has a stray `]` (a known erratum) that strict
    // regex checkers refuse to compile. candor never writes a `language` property, so the
    // pattern is dropped; everything else is validated as published.
    let dropped = drop_patterns(&mut schema, "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$");
    assert!(
        dropped >= 1,
        "the erratum pattern should be in the shipped schema"
    );
    let validator = jsonschema::validator_for(&schema).expect("the SARIF schema compiles");
    let linter = Linter::new();
    for report in [
        fixtures_report(&linter),
        report_with_error(&linter),
        Report::default(),
    ] {
        let instance = sarif_value(&linter, &report);
        let errors: Vec<String> = validator
            .iter_errors(&instance)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(
            errors.is_empty(),
            "SARIF output violates the schema:\n{}",
            errors.join("\n")
        );
    }
    // The validator is not vacuous: a log without `runs` is rejected.
    assert!(!validator.is_valid(&serde_json::json!({"version": "2.1.0"})));
}

fn drop_patterns(v: &mut Value, pattern: &str) -> usize {
    match v {
        Value::Object(map) => {
            let mut n = 0;
            if map.get("pattern").and_then(Value::as_str) == Some(pattern) {
                map.remove("pattern");
                n += 1;
            }
            n + map
                .values_mut()
                .map(|x| drop_patterns(x, pattern))
                .sum::<usize>()
        }
        Value::Array(items) => items.iter_mut().map(|x| drop_patterns(x, pattern)).sum(),
        _ => 0,
    }
}

#[test]
fn sarif_describes_every_rule_and_links_results_to_them() {
    let linter = Linter::new();
    let report = fixtures_report(&linter);
    let v = sarif_value(&linter, &report);
    let run = &v["runs"][0];
    let rules = run["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules array");
    for m in linter.metas() {
        let r = rules
            .iter()
            .find(|r| r["id"] == m.id.as_str())
            .unwrap_or_else(|| panic!("no descriptor for {}", m.id));
        assert_eq!(
            r["helpUri"],
            format!("{}#{}", candor::output::RULE_DOCS_BASE, m.id)
        );
        assert!(
            !r["help"]["text"].as_str().unwrap_or("").is_empty(),
            "{} has no help text",
            m.id
        );
    }
    let results = run["results"].as_array().expect("results array");
    let total: usize = report.files.iter().map(|f| f.diagnostics.len()).sum();
    assert_eq!(results.len(), total);
    for r in results {
        let i = r["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[i]["id"], r["ruleId"]);
        let region = &r["locations"][0]["physicalLocation"]["region"];
        assert!(
            region["startLine"].as_u64().unwrap() >= 1
                && region["startColumn"].as_u64().unwrap() >= 1
        );
    }
    // Every suggestion becomes a fix.
    let suggestions: usize = report
        .files
        .iter()
        .flat_map(|f| &f.diagnostics)
        .map(|d| d.suggestions.len())
        .sum();
    let fixes: usize = results
        .iter()
        .map(|r| r["fixes"].as_array().map_or(0, Vec::len))
        .sum();
    assert!(
        suggestions > 0,
        "the fixtures should include a finding with a suggestion"
    );
    assert_eq!(fixes, suggestions);
}

#[test]
fn github_commands_have_one_line_per_finding_and_escape_properties() {
    let linter = Linter::new();
    let report = report_with_error(&linter);
    let out = github::render(&report);
    let total: usize = report.files.iter().map(|f| f.diagnostics.len()).sum();
    assert_eq!(out.lines().count(), total + 1);
    for line in out.lines() {
        assert!(
            line.starts_with("::error ")
                || line.starts_with("::warning ")
                || line.starts_with("::notice "),
            "{line}"
        );
        // Properties end at the first `::` after the command; nothing in them may contain `:` or `,` unescaped.
        let props = &line[line.find(' ').unwrap() + 1..line[2..].find("::").unwrap() + 2];
        for p in props.split(',') {
            let (k, v) = p
                .split_once('=')
                .unwrap_or_else(|| panic!("bad property `{p}` in {line}"));
            assert!(
                ["file", "line", "col", "endLine", "endColumn", "title"].contains(&k),
                "{line}"
            );
            assert!(!v.contains(':'), "{line}");
        }
    }
    assert!(
        out.contains("file=drafts/broken%2C old%3A copy.md,title=candor::"),
        "{out}"
    );
}

#[test]
fn rdjson_uses_byte_columns_and_carries_suggestions() {
    let text = "# Café outage\n\nCafé users: we apologize for any inconvenience.\n";
    let report = Report {
        files: vec![candor::check(text, &candor::Options::new("café.md"))],
        errors: vec![],
    };
    let v: serde_json::Value = serde_json::from_str(&rdjson::render(&report)).unwrap();
    let d = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"]["value"] == "non-apology")
        .expect("non-apology finding");
    let start = &d["location"]["range"]["start"];
    // "Café users: " is 12 characters but 13 bytes; the finding starts after it.
    assert_eq!(start["line"], 3);
    assert_eq!(start["column"], 14);
    assert_eq!(d["severity"], "WARNING");
    assert_eq!(v["source"]["name"], "candor");

    let with_fix = candor::check(
        "<!-- candor-disable-next-line non-apology -->\nAll good here.\n",
        &candor::Options::new("a.md"),
    );
    let v: serde_json::Value = serde_json::from_str(&rdjson::render(&Report {
        files: vec![with_fix],
        errors: vec![],
    }))
    .unwrap();
    let d = &v["diagnostics"][0];
    assert_eq!(d["code"]["value"], "unused-suppression");
    assert_eq!(d["suggestions"][0]["text"], "");
    assert_eq!(d["suggestions"][0]["range"]["start"]["column"], 1);
}
