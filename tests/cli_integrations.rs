//! CLI tests for the integration features: output formats through the binary, `--html FILE`,
//! `--changed-since` and `--files-from` (with a temporary git repository), shell completions
//! and the man page.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::Path;

const BAD: &str = "# Outage\n\nWe apologize for any inconvenience this may have caused.\n";
const CLEAN: &str = "# Outage\n\nWe're sorry that exports failed for two hours this morning.\n";

fn candor(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("candor").unwrap();
    c.current_dir(dir).env("NO_COLOR", "1");
    c
}

fn git(dir: &Path, args: &[&str]) {
    let out = std::process::Command::new("git")
        .args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@example.com",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn lines(out: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(out)
        .lines()
        .map(str::to_string)
        .collect()
}

/// The files named in `--format short` output, sorted and deduplicated.
fn files_in(out: &[u8]) -> Vec<String> {
    let mut v: Vec<String> = lines(out)
        .iter()
        .filter_map(|l| l.split(':').next().map(str::to_string))
        .collect();
    v.sort();
    v.dedup();
    v
}

#[test]
fn changed_since_checks_only_what_the_branch_touched() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    git(d, &["init", "-q"]);
    std::fs::create_dir(d.join("docs")).unwrap();
    std::fs::write(d.join("docs/old.md"), BAD).unwrap();
    std::fs::write(d.join("docs/edited.md"), CLEAN).unwrap();
    std::fs::write(d.join("notes.md"), CLEAN).unwrap();
    git(d, &["add", "."]);
    git(d, &["commit", "-qm", "base"]);
    git(d, &["checkout", "-qb", "topic"]);
    std::fs::write(d.join("docs/edited.md"), BAD).unwrap();
    std::fs::write(d.join("docs/new draft.md"), BAD).unwrap();
    std::fs::write(
        d.join("script.sh"),
        "echo we apologize for any inconvenience\n",
    )
    .unwrap();
    git(d, &["add", "."]);
    git(d, &["commit", "-qm", "topic"]);
    std::fs::write(d.join("notes.md"), BAD).unwrap(); // uncommitted edit
    std::fs::write(d.join("untracked.md"), BAD).unwrap();

    let out = candor(d)
        .args([
            "check",
            "--no-config",
            "--format",
            "short",
            "--changed-since",
            "main",
        ])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    // docs/old.md has findings but was not touched; script.sh is not a draft.
    assert_eq!(
        files_in(&out),
        vec![
            "docs/edited.md",
            "docs/new draft.md",
            "notes.md",
            "untracked.md"
        ]
    );

    // With a path, only changed files under it.
    let out = candor(d)
        .args([
            "check",
            "--no-config",
            "--format",
            "short",
            "--changed-since",
            "main",
            "docs",
        ])
        .assert()
        .get_output()
        .stdout
        .clone();
    assert_eq!(files_in(&out), vec!["docs/edited.md", "docs/new draft.md"]);

    // Nothing changed: nothing checked, success.
    candor(d)
        .args([
            "check",
            "--no-config",
            "--format",
            "short",
            "--changed-since",
            "HEAD",
            "docs",
        ])
        .assert()
        .code(0)
        .stdout("");
}

#[test]
fn changed_since_explains_bad_revisions_and_missing_repositories() {
    let dir = tempfile::tempdir().unwrap();
    candor(dir.path())
        .args(["check", "--no-config", "--changed-since", "main"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("git").and(predicate::str::contains("help")));
    git(dir.path(), &["init", "-q"]);
    std::fs::write(dir.path().join("a.md"), CLEAN).unwrap();
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-qm", "one"]);
    candor(dir.path())
        .args(["check", "--no-config", "--changed-since", "no-such-branch"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("unknown revision `no-such-branch`")
                .and(predicate::str::contains("fetch-depth")),
        );
}

#[test]
fn files_from_reads_a_list_from_a_file_or_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("a.md"), BAD).unwrap();
    std::fs::write(d.join("b c.txt"), BAD).unwrap();
    std::fs::write(d.join("skip.md"), BAD).unwrap();
    std::fs::write(d.join("main.rs"), "// we apologize for any inconvenience\n").unwrap();
    std::fs::write(d.join("list.txt"), "a.md\r\n\nb c.txt\nmain.rs\n").unwrap();
    let out = candor(d)
        .args([
            "check",
            "--no-config",
            "--format",
            "short",
            "--files-from",
            "list.txt",
        ])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    assert_eq!(files_in(&out), vec!["a.md", "b c.txt"]);

    let out = candor(d)
        .args([
            "check",
            "--no-config",
            "--format",
            "short",
            "--files-from",
            "-",
        ])
        .write_stdin("skip.md\n")
        .assert()
        .get_output()
        .stdout
        .clone();
    assert_eq!(files_in(&out), vec!["skip.md"]);

    // A listed file that does not exist is an error (exit 2), not silently skipped.
    candor(d)
        .args(["check", "--no-config", "--files-from", "-"])
        .write_stdin("gone.md\n")
        .assert()
        .code(2)
        .stdout(predicate::str::contains("cannot read gone.md"));
    candor(d)
        .args(["check", "--no-config", "--files-from", "nope.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot read the file list"));
}

#[test]
fn formats_through_the_binary() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("a, b: c.md"), BAD).unwrap();
    let gh = candor(d)
        .args(["check", "--no-config", "--format", "github", "a, b: c.md"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let gh = String::from_utf8(gh).unwrap();
    assert!(
        gh.starts_with("::warning file=a%2C b%3A c.md,line=3,col=1,"),
        "{gh}"
    );
    assert!(gh.contains(",title=non-apology::"), "{gh}");

    let sarif = candor(d)
        .args(["check", "--no-config", "--format", "sarif", "."])
        .assert()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&sarif).unwrap();
    assert_eq!(v["version"], "2.1.0");
    assert_eq!(v["runs"][0]["results"][0]["ruleId"], "non-apology");
    assert_eq!(
        v["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "a%2C%20b%3A%20c.md"
    );

    let rd = candor(d)
        .args(["check", "--no-config", "--format", "rdjson", "."])
        .assert()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&rd).unwrap();
    assert_eq!(v["diagnostics"][0]["code"]["value"], "non-apology");

    // --html writes the page as well as the chosen format.
    candor(d)
        .args([
            "check",
            "--no-config",
            "--format",
            "short",
            "--html",
            "report.html",
            ".",
        ])
        .assert()
        .stdout(predicate::str::contains("non-apology"));
    let page = std::fs::read_to_string(d.join("report.html")).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>") && page.contains("data-rule=\"non-apology\""));
    assert!(
        !page.contains("http://") && !page.contains("<script") && !page.contains("<link"),
        "the page must be self-contained"
    );
}

#[test]
fn completions_and_man_page_come_from_the_cli_definition() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = candor(dir.path())
            .args(["completions", shell])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let s = String::from_utf8(out).unwrap();
        assert!(
            s.contains("candor") && s.contains("changed-since"),
            "{shell} completions lack the check options"
        );
    }
    let man = candor(dir.path())
        .arg("man")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let man = String::from_utf8(man).unwrap();
    assert!(
        man.starts_with(".ie") || man.contains(".TH candor"),
        "not roff: {}",
        &man[..man.len().min(200)]
    );
    // One page documents every command and every option, and refers to no other page.
    for command in [
        "CHECK",
        "RULES",
        "EXPLAIN",
        "INIT",
        "LSP",
        "COMPLETIONS",
        "MAN",
    ] {
        assert!(
            man.contains(&format!(".SH \"CANDOR {command}\"")),
            "{command}"
        );
    }
    for option in [
        "stdin\\-filename",
        "changed\\-since",
        "explain\\-elements",
        "hidden",
    ] {
        assert!(man.contains(&format!("\\fB\\-\\-{option}\\fR")), "{option}");
    }
    assert!(!man.contains("(1)"), "refers to another page");
    candor(dir.path())
        .args(["completions", "tcsh"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("possible values"));
}

#[test]
fn pre_commit_hooks_and_workflow_example_are_valid_and_documented() {
    let hooks: serde_json::Value =
        serde_saphyr::from_str(&std::fs::read_to_string(".pre-commit-hooks.yaml").unwrap())
            .expect("valid YAML");
    let hooks = hooks.as_array().expect("a list of hooks");
    assert!(!hooks.is_empty());
    for h in hooks {
        assert!(
            h["entry"].as_str().unwrap().starts_with("candor check"),
            "{h}"
        );
        assert!(
            ["rust", "system"].contains(&h["language"].as_str().unwrap()),
            "{h}"
        );
        let files = regex::Regex::new(h["files"].as_str().unwrap()).unwrap();
        assert!(
            files.is_match("docs/update.md")
                && files.is_match("notice.txt")
                && !files.is_match("src/main.rs")
        );
    }

    let workflow = std::fs::read_to_string("examples/github-workflow.yml").unwrap();
    let parsed: serde_json::Value = serde_saphyr::from_str(&workflow).expect("valid YAML");
    let steps = parsed["jobs"]["candor"]["steps"].as_array().expect("steps");
    let runs: Vec<&str> = steps.iter().filter_map(|s| s["run"].as_str()).collect();
    assert!(
        runs.iter().any(|r| r.contains("--format github"))
            && runs.iter().any(|r| r.contains("--format sarif"))
    );
    assert!(steps.iter().any(|s| {
        s["uses"]
            .as_str()
            .is_some_and(|u| u.starts_with("github/codeql-action/upload-sarif"))
    }));
    // The docs show the same workflow (everything after the leading comment lines).
    let body: String = workflow
        .lines()
        .skip_while(|l| l.starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n");
    let docs = std::fs::read_to_string("docs/integrations.md").unwrap();
    assert!(
        docs.contains(body.trim()),
        "docs/integrations.md's workflow differs from examples/github-workflow.yml"
    );
}

#[test]
fn rule_reference_has_a_section_for_every_rule() {
    let dir = tempfile::tempdir().unwrap();
    let out = candor(dir.path())
        .args(["rules", "--format", "markdown"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let md = String::from_utf8(out).unwrap();
    let linter = candor::Linter::new();
    for m in linter.metas() {
        // The heading text is the rule id, so the GitHub anchor `#<rule-id>` resolves.
        assert!(
            md.lines().any(|l| l == format!("## {}", m.id)),
            "no section for {}",
            m.id
        );
    }
}
