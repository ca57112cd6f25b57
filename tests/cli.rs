//! The command line: exit codes, standard input, directories, config errors, suppression
//! comments, and bad input that must produce a clear error while other files are still checked.

use assert_cmd::Command;
use predicates::prelude::*;
use std::fs;
use tempfile::TempDir;

fn candor() -> Command {
    let mut c = Command::cargo_bin("candor").unwrap();
    c.env("NO_COLOR", "1").env_remove("CANDOR_NLPRULE_DATA");
    c
}

const CLEAN: &str = "---\nkind: status-update\nphase: resolved\n---\n# Resolved\n\nWe're sorry that exports failed for 120 accounts from 10:00 to 10:40 UTC. We rolled back the release at 10:40 UTC.\n";
const BAD: &str = "Dear {{first_name}},\n\nA small number of customers were affected. We apologize for any inconvenience.\n";

fn dir_with(files: &[(&str, &[u8])]) -> TempDir {
    let d = TempDir::new().unwrap();
    for (name, body) in files {
        let p = d.path().join(name);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, body).unwrap();
    }
    d
}

#[test]
fn exit_codes() {
    let d = dir_with(&[("clean.md", CLEAN.as_bytes()), ("bad.md", BAD.as_bytes())]);
    // --no-config: a candor.toml in a parent directory must not change the test.
    candor()
        .current_dir(d.path())
        .args(["check", "--no-config", "clean.md", "--format", "short"])
        .assert()
        .code(0);
    candor()
        .current_dir(d.path())
        .args(["check", "--no-config", "bad.md"])
        .assert()
        .code(1);
    candor()
        .current_dir(d.path())
        .args(["check", "--no-config", "missing.md"])
        .assert()
        .code(2)
        .stdout(predicate::str::contains("no such file"));
    candor()
        .args(["check", "--format", "nope"])
        .assert()
        .code(2);
    candor()
        .args(["check", "--kind", "memo", "x.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown kind"));
}

#[test]
fn deny_warnings_fails_on_warnings() {
    let text = "---\nkind: status-update\nphase: investigating\n---\nOnly a handful of users cannot log in since 09:10 UTC. Next update at 10:00 UTC.\n";
    let d = dir_with(&[("w.md", text.as_bytes())]);
    candor()
        .current_dir(d.path())
        .args(["check", "--no-config", "w.md"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("minimizing-scope"));
    candor()
        .current_dir(d.path())
        .args(["check", "--no-config", "--deny", "warnings", "w.md"])
        .assert()
        .code(1);
}

#[test]
fn stdin_with_a_name() {
    let out = candor()
        .args([
            "check",
            "--no-config",
            "--format",
            "short",
            "--stdin-filename",
            "draft.md",
            "-",
        ])
        .write_stdin(BAD)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.contains("draft.md:1:6: error[unrendered-placeholder]"),
        "{out}"
    );
    assert!(
        out.contains("draft.md:3:1: warning[minimizing-scope]"),
        "{out}"
    );
}

#[test]
fn directories_are_walked_with_gitignore_and_globs() {
    let d = dir_with(&[
        ("a/one.md", BAD.as_bytes()),
        ("a/two.txt", BAD.as_bytes()),
        ("a/skip.rs", BAD.as_bytes()),
        ("a/ignored/three.md", BAD.as_bytes()),
        (".gitignore", b"a/ignored/\n"),
    ]);
    let out = candor()
        .current_dir(d.path())
        .args(["check", "--no-config", "--format", "json", "a"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let paths: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, vec!["a/one.md", "a/two.txt"]);
}

#[test]
fn json_has_the_documented_shape() {
    let d = dir_with(&[("bad.md", BAD.as_bytes())]);
    let out = candor()
        .current_dir(d.path())
        .args([
            "check",
            "--no-config",
            "--format",
            "json",
            "--kind",
            "incident-email",
            "bad.md",
        ])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["version"], 1);
    let f = &v["files"][0];
    assert_eq!(f["kind"], "incident-email");
    assert_eq!(f["kind_source"], "cli");
    for e in [
        "apology",
        "impact",
        "timeline",
        "root_cause",
        "fix",
        "prevention",
        "user_action",
        "contact",
        "next_update",
        "thanks_reporter",
        "data_loss",
    ] {
        assert!(f["elements"][e]["present"].is_boolean(), "{e}");
        assert!(f["elements"][e]["evidence"].is_array(), "{e}");
    }
    assert_eq!(f["elements"]["apology"]["quality"], "generic");
    let d0 = &f["diagnostics"][0];
    for k in [
        "rule",
        "severity",
        "message",
        "help",
        "span",
        "text",
        "suggestions",
    ] {
        assert!(!d0[k].is_null(), "{k}");
    }
    for k in ["start", "end", "line", "column", "end_line", "end_column"] {
        assert!(d0["span"][k].is_u64(), "{k}");
    }
    assert!(v["summary"]["errors"].is_u64());
}

#[test]
fn kind_is_inferred_and_said_so() {
    let d = dir_with(&[(
        "pm.md",
        b"# Post-mortem: search outage\n\n## Root cause\nA bad index.\n",
    )]);
    let out = candor()
        .current_dir(d.path())
        .args(["check", "--no-config", "--format", "json", "pm.md"])
        .assert()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["files"][0]["kind"], "postmortem");
    assert_eq!(v["files"][0]["kind_source"], "inferred");
}

#[test]
fn an_unsure_kind_is_said_and_declaring_it_is_suggested() {
    let d = dir_with(&[(
        "note.md",
        b"Hi all,\n\nUploads are failing with errors. We are investigating and will post the next update here within the hour.\n\nOps\n",
    )]);
    let json = |args: &[&str]| -> serde_json::Value {
        let out = candor()
            .current_dir(d.path())
            .args(["check", "--no-config", "--format", "json"])
            .args(args)
            .arg("note.md")
            .assert()
            .get_output()
            .stdout
            .clone();
        serde_json::from_slice(&out).unwrap()
    };
    let f = &json(&[])["files"][0];
    assert_eq!(f["kind_source"], "inferred");
    assert_eq!(f["kind_confidence"], "low", "{f}");
    // A declared kind is not inferred: no confidence.
    let f = &json(&["--kind", "status-update", "--phase", "investigating"])["files"][0];
    assert_eq!(f["kind_confidence"], serde_json::Value::Null);
    assert_eq!(f["phase_confidence"], serde_json::Value::Null);
    let out = candor()
        .current_dir(d.path())
        .args(["check", "--no-config", "--color", "never", "note.md"])
        .assert()
        .get_output()
        .stdout
        .clone();
    let human = String::from_utf8(out).unwrap();
    assert!(human.contains("with low confidence"), "{human}");
    assert!(human.contains("front matter"), "{human}");
}

#[test]
fn config_errors_point_into_the_toml() {
    let d = dir_with(&[
        (
            "candor.toml",
            b"fail_on = \"error\"\n[rules]\nminimising-scope = \"off\"\n",
        ),
        ("x.md", CLEAN.as_bytes()),
    ]);
    candor()
        .current_dir(d.path())
        .args(["check", "x.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown rule `minimising-scope`"))
        .stderr(predicate::str::contains("did you mean `minimizing-scope`"))
        .stderr(predicate::str::contains("candor.toml:3:1"));
    let d = dir_with(&[
        ("candor.toml", b"fail_onn = \"error\"\n"),
        ("x.md", CLEAN.as_bytes()),
    ]);
    candor()
        .current_dir(d.path())
        .args(["check", "x.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `fail_on`"));
    let d = dir_with(&[
        ("candor.toml", b"[rules]\nnon-apology = \"loud\"\n"),
        ("x.md", CLEAN.as_bytes()),
    ]);
    candor()
        .current_dir(d.path())
        .args(["check", "x.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid setting `loud`"));
}

#[test]
fn config_changes_rules_and_kinds() {
    let text = "Only a handful of users cannot log in.\n";
    let d = dir_with(&[
        ("candor.toml", b"fail_on = \"warning\"\n[rules]\nminimizing-scope = \"error\"\n[[overrides]]\nfiles = [\"status/**\"]\nkind = \"status-update\"\nphase = \"investigating\"\n"),
        ("status/x.md", text.as_bytes()),
    ]);
    let out = candor()
        .current_dir(d.path())
        .args(["check", "--format", "json", "status"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let f = &v["files"][0];
    assert_eq!(f["kind"], "status-update");
    assert_eq!(f["kind_source"], "config");
    assert_eq!(f["phase"], "investigating");
    let d0 = f["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "minimizing-scope")
        .unwrap();
    assert_eq!(d0["severity"], "error");
}

#[test]
fn suppression_comments() {
    let text = "---\nkind: status-update\nphase: monitoring\n---\n<!-- candor-disable-next-line minimizing-scope -->\nA small number of customers saw errors.\n\n<!-- candor-disable non-apology -->\nWe apologize for any inconvenience.\n<!-- candor-enable non-apology -->\nWe are sorry for any trouble.\n\n<!-- candor-disable-next-line hedging-typo -->\nFine.\n";
    let d = dir_with(&[("s.md", text.as_bytes())]);
    let out = candor()
        .current_dir(d.path())
        .args(["check", "--no-config", "--format", "short", "s.md"])
        .assert()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(!out.contains("minimizing-scope"), "{out}");
    assert!(out.contains("s.md:11:1: warning[non-apology]"), "{out}");
    assert_eq!(out.matches("non-apology").count(), 1, "{out}");
    assert!(
        out.contains(
            "s.md:13:31: warning[unused-suppression]: Unknown rule `hedging-typo` in this suppression"
        ),
        "{out}"
    );
}

#[test]
fn a_misspelt_suppression_says_which_rule_was_meant() {
    let text = "<!-- candor-disable-next-line minimising-scope -->\nA small number of customers saw errors.\n";
    let d = dir_with(&[("s.md", text.as_bytes())]);
    let out = candor()
        .current_dir(d.path())
        .args(["check", "--no-config", "--format", "json", "s.md"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let unknown = v["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "unused-suppression")
        .expect("the unknown id is reported");
    assert_eq!(unknown["text"], "minimising-scope");
    assert!(
        unknown["help"]
            .as_str()
            .unwrap()
            .contains("Did you mean `minimizing-scope`?"),
        "{unknown}"
    );
    assert_eq!(unknown["suggestions"][0]["replacement"], "minimizing-scope");
}

#[test]
fn suppressing_a_rule_that_is_off_is_not_unused() {
    let text = "<!-- candor-disable-next-line minimizing-scope -->\nA small number of customers saw errors.\n";
    let d = dir_with(&[
        (
            "candor.toml",
            b"fail_on = \"warning\"\n[rules]\nminimizing-scope = \"off\"\n",
        ),
        ("s.md", text.as_bytes()),
    ]);
    let out = candor()
        .current_dir(d.path())
        .args(["check", "--format", "short", "s.md"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!stdout.contains("unused-suppression"), "{stdout}");
}

#[test]
fn the_readme_suppression_example_suppresses_what_it_names() {
    let readme = include_str!("../README.md");
    let section = &readme[readme.find("## Suppressing a finding").unwrap()..];
    let start = section.find("```markdown\n").unwrap() + "```markdown\n".len();
    let example = &section[start..start + section[start..].find("```").unwrap()];
    let d = dir_with(&[("example.md", example.as_bytes())]);
    let out = candor()
        .current_dir(d.path())
        .args(["check", "--no-config", "--format", "short", "example.md"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    for rule in [
        "unused-suppression",
        "minimizing-scope",
        "non-apology",
        "hedging",
    ] {
        assert!(!stdout.contains(&format!("[{rule}]")), "{rule}: {stdout}");
    }
}

#[test]
fn bad_input_is_reported_and_other_files_still_checked() {
    let d = dir_with(&[
        ("good.md", BAD.as_bytes()),
        ("latin1.md", b"caf\xe9 menu\n"),
        ("binary.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00"),
        ("utf16.md", b"\xff\xfeH\x00i\x00\n\x00"),
        ("empty.md", b""),
        (
            "fm.md",
            b"---\nkind: [unclosed\n---\nA small number of users saw errors.\n",
        ),
    ]);
    let assert = candor()
        .current_dir(d.path())
        .args(["check", "--no-config", "--format", "json", "."])
        .assert()
        .code(2);
    let out = assert.get_output();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let errors = v["errors"].as_array().unwrap();
    let msg = |p: &str| {
        errors
            .iter()
            .find(|e| e["path"].as_str().unwrap().ends_with(p))
            .map(|e| e["message"].as_str().unwrap().to_string())
    };
    assert!(msg("latin1.md").unwrap().contains("offset 3"), "{errors:?}");
    assert!(msg("binary.md").unwrap().contains("binary"), "{errors:?}");
    let files = v["files"].as_array().unwrap();
    let names: Vec<&str> = files.iter().map(|f| f["path"].as_str().unwrap()).collect();
    assert!(names.iter().any(|n| n.ends_with("good.md")));
    assert!(names.iter().any(|n| n.ends_with("utf16.md")));
    assert!(names.iter().any(|n| n.ends_with("empty.md")));
    let fm = files
        .iter()
        .find(|f| f["path"].as_str().unwrap().ends_with("fm.md"))
        .unwrap();
    let rules: Vec<&str> = fm["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"invalid-front-matter"), "{rules:?}");
    assert!(
        rules.contains(&"minimizing-scope"),
        "the body is still checked: {rules:?}"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("UTF-8"), "{stderr}");
}

#[test]
fn rules_and_explain() {
    candor()
        .args(["rules"])
        .assert()
        .success()
        .stdout(predicate::str::contains("minimizing-scope"))
        .stdout(predicate::str::contains("missing-apology"));
    candor()
        .args(["explain", "non-apology"])
        .assert()
        .success()
        .stdout(predicate::str::contains("## Why it matters"))
        .stdout(predicate::str::contains("## Bad"))
        .stdout(predicate::str::contains("## Good"));
    candor()
        .args(["explain", "non-apolgy"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `non-apology`"));
}

#[test]
fn explain_rule_format_prints_the_rule_file_guide() {
    candor()
        .args(["explain", "rule-format"])
        .assert()
        .success()
        .stdout(predicate::str::contains("tokens"))
        .stdout(predicate::str::contains("## The token notation"))
        .stdout(predicate::str::contains("unless_sentence"));
    candor()
        .args(["explain", "rule-formt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `rule-format`"));
}

/// The first rule of docs/rules-guide.md (what `candor explain rule-format` prints) loads from
/// a `rule_dirs` folder and finds what the guide says it finds.
#[test]
fn the_rule_guides_example_rule_works() {
    let guide = include_str!("../docs/rules-guide.md");
    let after = guide
        .split_once("`candor-rules/acme-sign-in.toml`")
        .expect("the guide names its example file")
        .1;
    let rule = after
        .split_once("```toml\n")
        .and_then(|(_, r)| r.split_once("```"))
        .expect("a toml block follows")
        .0;
    let d = dir_with(&[
        ("candor.toml", b"rule_dirs = [\"candor-rules\"]\n"),
        ("candor-rules/acme-sign-in.toml", rule.as_bytes()),
    ]);
    candor()
        .current_dir(d.path())
        .args(["check", "--format", "short", "-"])
        .write_stdin("Customers could not log in.\n")
        .assert()
        .stdout(predicate::str::contains("info[acme-sign-in]"))
        .stdout(predicate::str::contains("1:21"));
    candor()
        .current_dir(d.path())
        .args(["explain", "acme-sign-in"])
        .assert()
        .success()
        .stdout(predicate::str::contains("You can log in again now."));
}

#[test]
fn init_writes_a_config_that_loads() {
    let d = TempDir::new().unwrap();
    candor()
        .current_dir(d.path())
        .args(["init"])
        .assert()
        .success();
    assert!(d.path().join("candor.toml").exists());
    candor()
        .current_dir(d.path())
        .args(["init"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--force"));
    fs::write(d.path().join("x.md"), CLEAN).unwrap();
    candor()
        .current_dir(d.path())
        .args(["check", "x.md"])
        .assert()
        .code(0);
}

#[test]
fn human_output_has_snippets_and_help() {
    let d = dir_with(&[("bad.md", BAD.as_bytes())]);
    candor()
        .current_dir(d.path())
        .args(["check", "--no-config", "bad.md"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("candor::unrendered-placeholder"))
        .stdout(predicate::str::contains("╭─[bad.md:1:6]"))
        .stdout(predicate::str::contains("help:"));
}

/// The CLI writes json, short, github and human output file by file as batches finish; the
/// result must be exactly the library's rendering of the whole report, in the same order, over
/// more files than one batch holds, with an unreadable file among them.
#[test]
fn streamed_output_equals_whole_report_rendering() {
    use candor::output::{github, human, json, short};
    use candor::run::{self, Input, RunOptions};
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for i in 0..150 {
        let body = match i % 3 {
            0 => CLEAN.as_bytes().to_vec(),
            1 => BAD.as_bytes().to_vec(),
            _ => format!("# Update {i}\n\nWe may have lost {i} records. Next update at 10:00.\n")
                .into_bytes(),
        };
        files.push((format!("d{i:03}.md"), body));
    }
    files.push(("z-binary.md".into(), b"\x00\x01\x02".to_vec()));
    let refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    let d = dir_with(&refs);
    let root = d.path().to_path_buf();

    let linter = candor::Linter::with_config(candor::config::Config::default()).unwrap();
    let mut errors = Vec::new();
    let paths = run::collect(
        &linter,
        std::slice::from_ref(&root),
        &Default::default(),
        &mut errors,
    );
    let inputs = paths.into_iter().map(Input::Path).collect();
    let mut report = run::check_inputs(&linter, inputs, &RunOptions::default());
    assert_eq!(report.files.len(), 150);
    errors.append(&mut report.errors);
    report.errors = errors;

    let cli = |format: &str| {
        let out = candor()
            .args(["check", "--no-config", "--format", format])
            .arg(&root)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{format}");
        String::from_utf8(out.stdout).unwrap()
    };
    assert_eq!(cli("json"), json::render(&report));
    assert_eq!(cli("short"), short::render(&report));
    assert_eq!(cli("github"), github::render(&report));
    let opts = human::HumanOptions {
        color: false,
        explain_elements: false,
        width: 100,
    };
    assert_eq!(cli("human"), human::render(&report, &opts));
}

/// The rule ids reported for each file of a `--format json` run.
fn rules_by_file(out: &[u8]) -> Vec<(String, Vec<String>)> {
    let v: serde_json::Value = serde_json::from_slice(out).expect("JSON output");
    v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let rules = f["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| d["rule"].as_str().unwrap().to_string())
                .collect();
            (f["path"].as_str().unwrap().to_string(), rules)
        })
        .collect()
}

#[test]
fn config_globs_are_relative_to_the_config_file_from_any_folder() {
    let config = "include = [\"status/**/*.md\", \"letters/**/*.md\"]\nexclude = [\"archive/**\"]\n\n[[overrides]]\nfiles = [\"letters/**\"]\nkind = \"breach-notice\"\npacks = [\"us-ca\"]\n";
    let letter = "We are writing about an incident that may have involved your data.\n";
    let d = dir_with(&[
        ("candor.toml", config.as_bytes()),
        ("letters/one.md", letter.as_bytes()),
        ("status/update.md", BAD.as_bytes()),
        ("archive/old.md", BAD.as_bytes()),
    ]);
    let run = |cwd: &str, args: &[&str]| {
        let out = candor()
            .current_dir(d.path().join(cwd))
            .args(["check", "--format", "json"])
            .args(args)
            .output()
            .unwrap();
        rules_by_file(&out.stdout)
    };
    // The override applies from the root and from inside the folder: same findings.
    let from_root = run(".", &["letters/one.md"]);
    let from_inside = run("letters", &["one.md"]);
    assert_eq!(from_root[0].1, from_inside[0].1);
    assert!(
        from_inside[0].1.iter().any(|r| r.starts_with("us-ca-")),
        "{from_inside:?}"
    );
    // `include` finds the drafts from inside their folder.
    let status = run("status", &[]);
    assert_eq!(status.len(), 1, "{status:?}");
    assert_eq!(status[0].0, "./update.md");
    // An excluded folder stays excluded when walked from inside it.
    assert!(run("archive", &[]).is_empty());
    assert!(run("archive", &["."]).is_empty());
}

#[test]
fn stdin_filename_alone_reads_standard_input() {
    // An editor pipes one buffer: the other drafts in the folder must not be checked.
    let d = dir_with(&[("other.md", BAD.as_bytes())]);
    let out = candor()
        .current_dir(d.path())
        .args([
            "check",
            "--no-config",
            "--format",
            "short",
            "--stdin-filename",
            "buffer.md",
        ])
        .write_stdin(CLEAN)
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(!out.contains("other.md"), "{out}");
}

#[test]
fn hidden_folders_are_skipped_unless_asked() {
    let d = dir_with(&[
        (".github/ISSUE.md", BAD.as_bytes()),
        ("a.md", CLEAN.as_bytes()),
    ]);
    let files = |extra: &[&str]| {
        let out = candor()
            .current_dir(d.path())
            .args(["check", "--no-config", "--format", "json"])
            .args(extra)
            .output()
            .unwrap();
        rules_by_file(&out.stdout)
            .into_iter()
            .map(|(p, _)| p)
            .collect::<Vec<_>>()
    };
    assert_eq!(files(&[]), vec!["./a.md"]);
    assert_eq!(files(&["--hidden"]), vec!["./.github/ISSUE.md", "./a.md"]);
}

#[test]
fn a_phase_with_another_kind_is_a_warning() {
    let d = dir_with(&[("letter.md", BAD.as_bytes())]);
    let out = candor()
        .current_dir(d.path())
        .args([
            "check",
            "--no-config",
            "--format",
            "json",
            "--kind",
            "breach-notice",
            "--phase",
            "resolved",
            "letter.md",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("--phase resolved is ignored"), "{stderr}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["files"][0]["phase"], serde_json::Value::Null);
}

const USER_RULE: &str = "id = \"ID\"\nseverity = \"info\"\nsummary = \"Say sign in\"\nmessage = \"We write 'sign in'.\"\nhelp = \"Write sign in.\"\n[docs]\nwhat = \"log in\"\nwhy = \"House style.\"\n[[patterns]]\ntokens = \"log in\"\n";

#[test]
fn user_rule_ids_must_be_kebab_case() {
    let d = dir_with(&[
        ("candor.toml", b"rule_dirs = [\"my-rules\"]\n"),
        (
            "my-rules/style.toml",
            USER_RULE.replace("ID", "Working Hard!").as_bytes(),
        ),
        ("a.md", CLEAN.as_bytes()),
    ]);
    candor()
        .current_dir(d.path())
        .args(["check", "a.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`Working Hard!` is"))
        .stderr(predicate::str::contains("not a valid id"))
        .stderr(predicate::str::contains("`working-hard`"))
        .stderr(predicate::str::contains("style.toml"));
}

#[test]
fn rules_and_explain_still_work_while_the_config_is_broken() {
    let d = dir_with(&[("candor.toml", b"fail_onn = \"error\"\n")]);
    for args in [&["rules"][..], &["explain", "hedging"]] {
        candor()
            .current_dir(d.path())
            .args(args)
            .assert()
            .code(0)
            .stdout(predicate::str::contains("hedging"))
            .stderr(predicate::str::contains("did you mean `fail_on`"))
            .stderr(predicate::str::contains("showing the built-in rules only"));
    }
}

/// The same bad paragraph `n` times: every rule it trips fires `n` times.
fn pathological_draft(n: usize) -> String {
    let para = "A small number of users could not log in at 10:15. We apologize for any inconvenience this may have caused.\n\n";
    format!("# Login outage\n\n{}", para.repeat(n))
}

#[test]
fn a_pathological_drafts_output_is_bounded_in_every_format() {
    // Ten times the findings, the same output: the first 100 findings of each rule and one
    // summary finding per rule (plus at most 100 pieces of evidence per element).
    let d = dir_with(&[
        ("small.md", pathological_draft(200).as_bytes()),
        ("large.md", pathological_draft(2_000).as_bytes()),
    ]);
    let output = |format: &str, file: &str| {
        candor()
            .current_dir(d.path())
            .args(["check", "--no-config", "--format", format, file])
            .output()
            .unwrap()
            .stdout
    };
    for format in ["json", "sarif", "rdjson", "short", "github", "human"] {
        let (small, large) = (output(format, "small.md"), output(format, "large.md"));
        assert!(
            large.len() < small.len() + small.len() / 20,
            "{format}: {} bytes for 200 paragraphs, {} for 2,000",
            small.len(),
            large.len()
        );
    }
    let (_, rules) = rules_by_file(&output("json", "large.md")).remove(0);
    let count = |rule: &str| rules.iter().filter(|r| *r == rule).count();
    assert_eq!(count("time-without-zone"), 101, "{rules:?}");
    let v: serde_json::Value = serde_json::from_slice(&output("json", "large.md")).unwrap();
    let summary = v["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| {
            d["message"]
                .as_str()
                .unwrap()
                .starts_with("1900 more `time-without-zone` findings")
        });
    assert!(summary.is_some(), "no summary finding");
}

#[test]
fn the_per_rule_limit_is_configurable() {
    let d = dir_with(&[
        ("candor.toml", b"max_findings_per_rule = 0\n"),
        ("draft.md", pathological_draft(150).as_bytes()),
    ]);
    let out = candor()
        .current_dir(d.path())
        .args(["check", "--format", "json", "draft.md"])
        .output()
        .unwrap();
    let (_, rules) = rules_by_file(&out.stdout).remove(0);
    assert_eq!(
        rules.iter().filter(|r| *r == "time-without-zone").count(),
        150
    );
}

#[test]
fn cr_only_line_endings_give_the_same_position_in_every_format() {
    let text =
        "First line here.\rSecond line.\rWe apologize for any inconvenience caused by this.\r";
    let d = dir_with(&[("cr.md", text.as_bytes())]);
    let run = |format: &str| {
        let out = candor()
            .current_dir(d.path())
            .args(["check", "--no-config", "--format", format, "cr.md"])
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    assert!(
        run("short").contains("cr.md:3:1: warning[non-apology]"),
        "{}",
        run("short")
    );
    assert!(run("human").contains("[cr.md:3:1]"), "{}", run("human"));
    let v: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    let apology = v["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "non-apology")
        .unwrap();
    assert_eq!(apology["span"]["line"], 3);
    assert_eq!(apology["span"]["column"], 1);
}

#[test]
fn docs_url_points_rule_links_at_a_teams_own_reference() {
    let d = dir_with(&[
        (
            "candor.toml",
            b"docs_url = \"https://docs.example.com/candor/rules.html\"\n",
        ),
        ("a.md", b"We apologize for any inconvenience.\n"),
    ]);
    for format in ["sarif", "rdjson", "html"] {
        let out = candor()
            .current_dir(d.path())
            .args(["check", "--format", format, "a.md"])
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            stdout.contains("https://docs.example.com/candor/rules.html#non-apology"),
            "{format}: {stdout}"
        );
        assert!(
            !stdout.contains("candor-lint/candor/blob/main/docs/rules.md#"),
            "{format}"
        );
    }
    // Not a web address: a config error pointing at the value.
    let bad = dir_with(&[
        ("candor.toml", b"docs_url = \"docs/rules.md\"\n"),
        ("a.md", CLEAN.as_bytes()),
    ]);
    candor()
        .current_dir(bad.path())
        .args(["check", "a.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid docs_url"))
        .stderr(predicate::str::contains("candor.toml:1"));
}

/// A draft with one fix of each applicability: scare quotes and an unused suppression (safe),
/// a time without a zone (display-only: UTC would be a guess).
const FIXABLE: &str = "---\nkind: status-update\nphase: resolved\n---\n# Resolved\n\nWe're sorry: a \"glitch.\" stopped exports for 120 accounts from 10:00 to 10:40.\n\n<!-- candor-disable-next-line hedging -->\nWe rolled back the release.\n";

#[cfg(unix)]
fn mode_of(p: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(p).unwrap().permissions().mode() & 0o777
}

#[test]
fn fix_writes_the_safe_fixes_and_reports_what_is_left() {
    let d = dir_with(&[("a.md", FIXABLE.as_bytes())]);
    let path = d.path().join("a.md");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    }
    candor()
        .current_dir(d.path())
        .args(["check", "--no-config", "--fix", "a.md"])
        .assert()
        .stdout(predicate::str::contains("2 fixes applied"))
        .stdout(predicate::str::contains("time-without-zone"))
        .stdout(predicate::str::contains("scare-quotes").not());
    let fixed = fs::read_to_string(&path).unwrap();
    assert!(fixed.contains("a glitch. stopped exports"), "{fixed}");
    assert!(!fixed.contains("candor-disable"), "{fixed}");
    // The guessed zone is advice, never written.
    assert!(fixed.contains("10:00 to 10:40.\n"), "{fixed}");
    #[cfg(unix)]
    assert_eq!(mode_of(&path), 0o640, "permissions kept");
    // No temporary file is left beside it.
    let names: Vec<_> = fs::read_dir(d.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
    // A second run has nothing left to fix.
    candor()
        .current_dir(d.path())
        .args(["check", "--no-config", "--fix", "a.md", "--format", "short"])
        .assert()
        .stdout(predicate::str::contains("scare-quotes").not());
    assert_eq!(fs::read_to_string(&path).unwrap(), fixed);
}

#[test]
fn fix_uses_the_configured_zone_as_a_safe_fix() {
    let d = dir_with(&[
        ("a.md", FIXABLE.as_bytes()),
        ("candor.toml", b"time_zone = \"Europe/Berlin\"\n"),
    ]);
    candor()
        .current_dir(d.path())
        .args(["check", "--fix", "a.md"])
        .assert()
        .code(predicate::ne(2));
    let fixed = fs::read_to_string(d.path().join("a.md")).unwrap();
    assert!(
        fixed.contains("from 10:00 Europe/Berlin to 10:40 Europe/Berlin."),
        "{fixed}"
    );
}

#[test]
fn diff_shows_the_fixes_and_writes_nothing() {
    let d = dir_with(&[("a.md", FIXABLE.as_bytes()), ("clean.md", CLEAN.as_bytes())]);
    candor()
        .current_dir(d.path())
        .args(["check", "--no-config", "--diff", "a.md", "clean.md"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("--- a/a.md"))
        .stdout(predicate::str::contains(
            "-We're sorry: a \"glitch.\" stopped",
        ))
        .stdout(predicate::str::contains("+We're sorry: a glitch. stopped"))
        .stdout(predicate::str::contains("clean.md").not())
        .stderr(predicate::str::contains("2 fixes would change 1 file"));
    assert_eq!(fs::read_to_string(d.path().join("a.md")).unwrap(), FIXABLE);
    candor()
        .current_dir(d.path())
        .args(["check", "--no-config", "--diff", "clean.md"])
        .assert()
        .code(0)
        .stdout("");
    candor()
        .current_dir(d.path())
        .args(["check", "--no-config", "--unsafe-fixes", "a.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("needs --fix or --diff"));
}

#[test]
fn fix_on_standard_input_prints_the_fixed_draft() {
    candor()
        .args([
            "check",
            "--no-config",
            "--fix",
            "--stdin-filename",
            "a.md",
            "--format",
            "short",
        ])
        .write_stdin(FIXABLE)
        .assert()
        .stdout(predicate::str::contains("a glitch. stopped"))
        .stdout(predicate::str::contains("time-without-zone").not())
        .stderr(predicate::str::contains("time-without-zone"));
}
