//! Regulatory pack fixtures: `fixtures/packs/<pack>-{compliant,noncompliant}.md`.
//!
//! A compliant letter passes every requirement of its pack; a non-compliant one fails at
//! least one. The pack checklist and the pack findings are snapshotted.

use candor::output::json::file_value;
use candor::{Linter, Options};
use std::path::Path;

fn pack_result(path: &Path, pack: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap();
    let report = Linter::new().check(
        &text,
        &Options::new(path.file_name().unwrap().to_string_lossy().to_string()),
    );
    let v = file_value(&report);
    let prefix = format!("{pack}-");
    serde_json::json!({
        "checks": v["pack_checks"].as_array().unwrap().iter().map(|c| serde_json::json!({
            "rule": c["rule"], "ok": c["ok"], "detail": c["detail"], "evidence": c["evidence"].get("text"),
        })).collect::<Vec<_>>(),
        "findings": v["diagnostics"].as_array().unwrap().iter().filter(|d| d["rule"].as_str().unwrap().starts_with(&prefix)).map(|d| serde_json::json!({
            "rule": d["rule"], "severity": d["severity"], "message": d["message"], "line": d["span"]["line"],
        })).collect::<Vec<_>>(),
    })
}

#[test]
fn each_pack_has_compliant_and_noncompliant_letters() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/packs");
    // Every shipped pack, from the registry: a new pack without its two letters fails here.
    let linter = Linter::new();
    let packs: Vec<String> = linter.packs().ids().map(str::to_string).collect();
    assert!(packs.len() >= 5, "{packs:?}");
    for pack in packs.iter().map(String::as_str) {
        let ok = pack_result(&root.join(format!("{pack}-compliant.md")), pack);
        let checks = ok["checks"].as_array().unwrap();
        assert!(!checks.is_empty(), "{pack}: no checks ran");
        assert!(
            checks.iter().all(|c| c["ok"] == true),
            "{pack} compliant letter fails: {ok:#}"
        );
        assert!(
            ok["findings"].as_array().unwrap().is_empty(),
            "{pack}: {ok:#}"
        );
        insta::assert_json_snapshot!(format!("{pack}-compliant"), ok);
        // And it passes `candor check` as a whole: no policy finding fails it either.
        let path = root.join(format!("{pack}-compliant.md"));
        let report = Linter::new().check(
            &std::fs::read_to_string(&path).unwrap(),
            &Options::new(path.display().to_string()),
        );
        let errors: Vec<&str> = report
            .diagnostics
            .iter()
            .filter(|d| d.severity == candor::Severity::Error)
            .map(|d| d.rule.as_str())
            .collect();
        assert!(
            errors.is_empty(),
            "{pack} compliant letter fails: {errors:?}"
        );

        let bad = pack_result(&root.join(format!("{pack}-noncompliant.md")), pack);
        assert!(
            bad["checks"]
                .as_array()
                .unwrap()
                .iter()
                .any(|c| c["ok"] == false),
            "{pack} non-compliant letter passes: {bad:#}"
        );
        assert!(!bad["findings"].as_array().unwrap().is_empty());
        insta::assert_json_snapshot!(format!("{pack}-noncompliant"), bad);
    }
}

#[test]
fn unknown_pack_is_an_error_with_suggestion() {
    let err = Linter::new()
        .validate_packs(&["us-cal".to_string()])
        .unwrap_err();
    assert!(err.message.contains("unknown pack `us-cal`"));
    assert!(
        err.help
            .as_deref()
            .unwrap()
            .contains("did you mean `us-ca`")
    );

    let text = "---\npacks: [eu-gpdr]\n---\nHello.\n";
    let report = Linter::new().check(text, &Options::new("x.md"));
    let d = report
        .diagnostics
        .iter()
        .find(|d| d.rule == "invalid-front-matter")
        .expect("finding");
    assert!(d.help.contains("did you mean `eu-gdpr`"), "{}", d.help);
    assert_eq!(d.text, "eu-gpdr");
}

#[test]
fn pack_rules_are_documented_with_source_and_version() {
    let linter = Linter::new();
    for id in [
        "us-ca-headings",
        "eu-gdpr-contact-point",
        "us-hipaa-contact-procedures",
        "sec-8k-material-impact",
    ] {
        let m = linter.meta(id).unwrap_or_else(|| panic!("{id}"));
        assert!(
            m.docs.contains("Source:") && m.docs.contains("Version:"),
            "{id}: {}",
            m.docs
        );
    }
    assert!(
        linter
            .packs()
            .get("us-ca")
            .unwrap()
            .docs()
            .contains("1798.82")
    );
}

#[test]
fn user_pack_from_pack_dirs() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("packs")).unwrap();
    std::fs::write(
        dir.path().join("packs/acme.toml"),
        "id = \"acme-uk\"\ntitle = \"Acme house style\"\nsource = \"Acme comms handbook\"\nversion = \"2026-01\"\nsummary = \"Every notice names the duty manager.\"\n\n[[require]]\nid = \"duty-manager\"\nsummary = \"Names the duty manager\"\ncite = \"handbook §4\"\nhelp = \"Add the duty manager's name.\"\ncheck = { type = \"pattern\", patterns = [\"duty manager\"] }\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("candor.toml"),
        "packs = [\"acme-uk\"]\npack_dirs = [\"packs\"]\n",
    )
    .unwrap();
    let config = candor::Config::load(&dir.path().join("candor.toml")).unwrap();
    let linter = Linter::with_config(config).unwrap();
    let report = linter.check(
        "# Outage\n\nThe API failed from 10:00 to 11:00 UTC.\n",
        &Options::new("a.md"),
    );
    assert!(
        report
            .diagnostics
            .iter()
            .any(|d| d.rule == "acme-uk-duty-manager")
    );
    let report = linter.check(
        "# Outage\n\nThe duty manager was Sam Lee.\n",
        &Options::new("a.md"),
    );
    assert!(
        !report
            .diagnostics
            .iter()
            .any(|d| d.rule == "acme-uk-duty-manager")
    );

    std::fs::write(
        dir.path().join("candor.toml"),
        "packs = [\"acme-ukk\"]\npack_dirs = [\"packs\"]\n",
    )
    .unwrap();
    let config = candor::Config::load(&dir.path().join("candor.toml")).unwrap();
    let err = Linter::with_config(config)
        .err()
        .expect("unknown pack in config");
    assert!(
        err.help
            .as_deref()
            .unwrap()
            .contains("did you mean `acme-uk`")
    );
}

#[test]
fn cli_pack_errors_and_checklist() {
    use assert_cmd::Command;
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/packs/us-ca-noncompliant.md");
    Command::cargo_bin("candor")
        .unwrap()
        .args(["check", "--no-config", "--pack", "us-cal"])
        .arg(&fixture)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("did you mean `us-ca`"));
    Command::cargo_bin("candor")
        .unwrap()
        .args([
            "check",
            "--no-config",
            "--color",
            "never",
            "--explain-elements",
        ])
        .arg(&fixture)
        .assert()
        .code(1)
        .stdout(predicates::str::contains("pack us-ca:"))
        .stdout(predicates::str::contains(
            "✗ The five statutory headings, in order (us-ca-headings)",
        ));
    Command::cargo_bin("candor")
        .unwrap()
        .args(["explain", "us-ca"])
        .assert()
        .success()
        .stdout(predicates::str::contains("Version:"));
}
