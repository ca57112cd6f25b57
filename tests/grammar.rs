//! The `grammar` group (cargo feature `nlprule`) against real nlprule binaries.
//!
//! The binaries are compiled here from the tiny LanguageTool build directory in
//! `tests/nlprule/build/` (a dozen dictionary entries, one disambiguation rule, two grammar
//! rules) by `tests/nlprule/builder`, which uses nlprule's `compile` feature. It is a separate
//! package so that the test-only regex backend `compile` switches on never reaches candor's
//! own build; the first run compiles it into `target/tmp/nlprule-builder` (a few minutes),
//! later runs reuse it. Then the real `candor` binary checks documents with
//! `CANDOR_NLPRULE_DATA` or `[nlprule] data` pointing at the result.
#![cfg(feature = "nlprule")]

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Builds the tiny binaries once per test run; returns their folder.
fn binaries() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
        let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
        // nlprule writes a regex cache into the build directory: compile a copy.
        let build = tmp.join("nlprule-build-dir");
        let out = tmp.join("nlprule-bin");
        let _ = std::fs::remove_dir_all(&build);
        let _ = std::fs::remove_dir_all(&out);
        copy_dir(&manifest.join("tests/nlprule/build"), &build);
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let output = std::process::Command::new(cargo)
            .args(["run", "--quiet", "--locked", "--manifest-path"])
            .arg(manifest.join("tests/nlprule/builder/Cargo.toml"))
            .arg("--target-dir")
            .arg(tmp.join("nlprule-builder"))
            .arg("--")
            .arg(&build)
            .arg(&out)
            .output()
            .expect("cargo runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            output.status.success(),
            "building the tiny nlprule binaries failed:\n{stderr}"
        );
        // nlprule drops rules it cannot compile with only a warning; the test build must have none.
        assert!(
            !stderr.contains("nlprule WARN"),
            "nlprule dropped rules from the tiny build:\n{stderr}"
        );
        for f in ["en_tokenizer.bin", "en_rules.bin"] {
            assert!(
                out.join(f).metadata().map(|m| m.len() > 0).unwrap_or(false),
                "{f} was not written"
            );
        }
        out
    })
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Runs `candor check --format json` on `text` (as `draft.md` in a fresh folder with
/// `config` as its candor.toml, if any); returns the JSON report and stderr.
fn check(
    text: &str,
    config: Option<&str>,
    env_data: Option<&Path>,
    extra_files: &[(&str, &Path)],
) -> (Value, String) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("draft.md"), text).unwrap();
    if let Some(c) = config {
        std::fs::write(dir.path().join("candor.toml"), c).unwrap();
    }
    for (name, from) in extra_files {
        copy_dir(from, &dir.path().join(name));
    }
    let mut cmd = Command::cargo_bin("candor").unwrap();
    cmd.current_dir(dir.path())
        .args(["check", "--format", "json", "draft.md"])
        .env_remove("CANDOR_NLPRULE_DATA");
    if let Some(d) = env_data {
        cmd.env("CANDOR_NLPRULE_DATA", d);
    }
    let out = cmd.output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let json: Value =
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {stdout}"));
    (json, String::from_utf8(out.stderr).unwrap())
}

/// stderr with miette's wrapping and box drawing removed, so phrases can be searched.
fn flat(stderr: &str) -> String {
    stderr
        .replace(['│', '×', '⚠'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn diagnostics(report: &Value) -> Vec<&Value> {
    report["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .collect()
}

fn grammar(report: &Value) -> Vec<(String, String, String, Vec<String>)> {
    diagnostics(report)
        .into_iter()
        .filter(|d| d["rule"].as_str().unwrap().starts_with("grammar/"))
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["text"].as_str().unwrap().to_string(),
                d["severity"].as_str().unwrap().to_string(),
                d["suggestions"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|s| s["replacement"].as_str().unwrap().to_string())
                    .collect(),
            )
        })
        .collect()
}

#[test]
fn grammar_rules_report_spans_messages_and_replacements() {
    // Non-ASCII before the slips: nlprule's char offsets must become byte offsets.
    let text = "# Status — update\n\nCafé résumé: we could of posted sooner. We restarted a servers, then the updates.\n";
    let (report, stderr) = check(text, None, Some(binaries()), &[]);
    assert!(!stderr.contains("nlprule"), "unexpected stderr: {stderr}");
    let g = grammar(&report);
    assert_eq!(
        g,
        vec![
            (
                "grammar/COULD_OF".into(),
                "could of".into(),
                "warning".into(),
                vec!["could have".into()]
            ),
            (
                "grammar/A_PLURAL".into(),
                "a servers".into(),
                "warning".into(),
                vec!["servers".into()]
            ),
        ],
        "{report:#}"
    );
    let d = diagnostics(&report)
        .into_iter()
        .find(|d| d["rule"] == "grammar/COULD_OF")
        .unwrap();
    let start = text.find("could of").unwrap();
    assert_eq!(d["span"]["start"], start);
    assert_eq!(d["span"]["end"], start + "could of".len());
    assert_eq!(d["span"]["line"], 3);
    assert_eq!(d["message"], "Did you mean could have?");
    assert_eq!(d["suggestions"][0]["span"]["start"], start);
}

#[test]
fn disambiguation_rules_from_the_tokenizer_binary_apply() {
    // "updates" is NNS or VBZ in the dictionary; A_PLURAL excludes VBZ readings, so "a updates"
    // is only flagged because the tokenizer's DT_NOUN rule removed VBZ after the determiner.
    let (report, _) = check(
        "We pushed a updates tonight.\n",
        None,
        Some(binaries()),
        &[],
    );
    assert_eq!(
        grammar(&report),
        vec![(
            "grammar/A_PLURAL".into(),
            "a updates".into(),
            "warning".into(),
            vec!["updates".into()]
        )]
    );
}

#[test]
fn code_quotes_and_markup_are_not_checked() {
    let text = "We restarted the servers.\n\nRun `could of` in the shell.\n\nAs the vendor put it, \"we could of caught this earlier.\"\n\n```\nwe could of\n```\n";
    let (report, _) = check(text, None, Some(binaries()), &[]);
    assert_eq!(grammar(&report), vec![], "{report:#}");
}

#[test]
fn config_locates_binaries_and_sets_severity_per_group_and_rule() {
    let config = "[nlprule]\ndata = \"vendor/nlprule\"\n\n[rules]\ngrammar = \"info\"\n\"grammar/A_PLURAL\" = \"off\"\n";
    let (report, stderr) = check(
        "We could of posted sooner. We restarted a servers.\n",
        Some(config),
        None,
        &[("vendor/nlprule", binaries())],
    );
    assert!(!stderr.contains("nlprule"), "unexpected stderr: {stderr}");
    assert_eq!(
        grammar(&report),
        vec![(
            "grammar/COULD_OF".into(),
            "could of".into(),
            "info".into(),
            vec!["could have".into()]
        )]
    );
}

#[test]
fn suppression_comments_cover_the_group_and_single_rules() {
    let text = "<!-- candor-disable-next-line grammar -->\nWe could of posted sooner.\n\n<!-- candor-disable-next-line grammar/A_PLURAL -->\nWe restarted a servers and we should of said so.\n";
    let (report, _) = check(text, None, Some(binaries()), &[]);
    assert_eq!(
        grammar(&report),
        vec![(
            "grammar/COULD_OF".into(),
            "should of".into(),
            "warning".into(),
            vec!["should have".into()]
        )]
    );
    assert!(
        !diagnostics(&report)
            .iter()
            .any(|d| d["rule"] == "unused-suppression"),
        "{report:#}"
    );
}

#[test]
fn group_off_loads_nothing() {
    // The folder does not exist: with the group off it is never read, so there is no error.
    let (report, stderr) = check(
        "We could of posted sooner.\n",
        Some("[rules]\ngrammar = \"off\"\n"),
        Some(Path::new("/nonexistent/nlprule")),
        &[],
    );
    assert_eq!(stderr, "");
    assert_eq!(grammar(&report), vec![]);
}

#[test]
fn missing_binaries_are_reported_once_and_checking_continues() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["a.md", "b.md"] {
        std::fs::write(
            dir.path().join(name),
            "We apologize for any inconvenience. We could of posted sooner.\n",
        )
        .unwrap();
    }
    let out = Command::cargo_bin("candor")
        .unwrap()
        .current_dir(dir.path())
        .env("CANDOR_NLPRULE_DATA", dir.path().join("no-such-folder"))
        .args(["check", "--no-config", "--format", "json", "a.md", "b.md"])
        .output()
        .unwrap();
    let stderr = flat(&String::from_utf8(out.stderr).unwrap());
    assert_eq!(
        stderr.matches("cannot read the nlprule binary").count(),
        1,
        "{stderr}"
    );
    for needle in [
        "en_tokenizer.bin",
        "en_rules.bin",
        "CANDOR_NLPRULE_DATA",
        "github.com/bminixhofer/nlprule/releases",
        "0.6.4",
    ] {
        assert!(stderr.contains(needle), "stderr lacks {needle}: {stderr}");
    }
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    for file in report["files"].as_array().unwrap() {
        let rules: Vec<&str> = file["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["rule"].as_str().unwrap())
            .collect();
        assert!(rules.contains(&"non-apology"), "{rules:?}");
        assert!(
            !rules.iter().any(|r| r.starts_with("grammar/")),
            "{rules:?}"
        );
    }
}

#[test]
fn no_data_location_is_a_clear_error() {
    let (report, stderr) = check("We could of posted sooner.\n", None, None, &[]);
    let stderr = flat(&stderr);
    assert!(
        stderr.contains("no folder with the nlprule binaries is configured"),
        "{stderr}"
    );
    assert!(stderr.contains("[nlprule] data"), "{stderr}");
    assert_eq!(grammar(&report), vec![]);
}

#[test]
fn wrong_or_corrupt_binaries_are_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    // The files swapped: each is a valid nlprule binary of the other kind.
    std::fs::copy(
        binaries().join("en_rules.bin"),
        dir.path().join("en_tokenizer.bin"),
    )
    .unwrap();
    std::fs::copy(
        binaries().join("en_tokenizer.bin"),
        dir.path().join("en_rules.bin"),
    )
    .unwrap();
    let (report, stderr) = check("We could of posted sooner.\n", None, Some(dir.path()), &[]);
    let stderr = flat(&stderr);
    assert!(
        stderr.contains("is not an nlprule 0.6.4 binary"),
        "{stderr}"
    );
    assert!(stderr.contains("releases"), "{stderr}");
    assert_eq!(grammar(&report), vec![]);

    std::fs::write(
        dir.path().join("en_tokenizer.bin"),
        b"\x05\x00\x00\x00garbage",
    )
    .unwrap();
    let (_, stderr) = check("We could of posted sooner.\n", None, Some(dir.path()), &[]);
    let stderr = flat(&stderr);
    assert!(
        stderr.contains("is not an nlprule 0.6.4 binary"),
        "{stderr}"
    );
}

#[test]
fn rules_list_and_explain_the_group() {
    let out = Command::cargo_bin("candor")
        .unwrap()
        .args(["explain", "grammar"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success());
    assert!(
        text.contains("grammar/COULD_OF") && text.contains("CANDOR_NLPRULE_DATA"),
        "{text}"
    );
}

#[test]
fn library_api_finds_grammar_slips_with_any_number_of_linters() {
    let toml = format!("[nlprule]\ndata = {:?}\n", binaries().display().to_string());
    for _ in 0..2 {
        let config = candor::Config::parse(&toml, "candor.toml", PathBuf::from(".")).unwrap();
        let linter = candor::Linter::with_config(config).unwrap();
        let report = linter.check(
            "We could of posted sooner.\n",
            &candor::Options::new("draft.md"),
        );
        let d = report
            .diagnostics
            .iter()
            .find(|d| d.rule == "grammar/COULD_OF")
            .expect("a grammar finding");
        assert_eq!(d.text, "could of");
        assert_eq!(d.suggestions[0].replacement, "could have");
    }
}
