//! A team's own policies in candor.toml: kinds (`[kinds.<name>]`), elements
//! (`[elements.<name>]`), policy files (`policy_files`) and the errors in them.

use assert_cmd::Command;
use candor::{Config, Linter, Options};
use std::path::Path;

const CONFIG: &str = r#"[kinds.release-note]
files = ["notes/**"]
requires = ["impact", "status-link"]
should = ["action-items"]

[elements.status-link]
summary = "Links the status page"
links = ["status.example.com"]
cues = ["status page|site"]
vetoes = ["no status page"]

[elements.action-items]
summary = "Has an Action items section"
heading = "action items"
"#;

const NOTE: &str = "# Release 2.4.1\n\nExports failed for 12% of EU customers between 09:00 and 09:40 UTC on 3 March.\n";

fn write(dir: &Path, path: &str, text: &str) {
    let p = dir.join(path);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

fn candor(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("candor").unwrap();
    cmd.current_dir(dir).env("NO_COLOR", "1");
    cmd
}

fn json(dir: &Path, file: &str) -> serde_json::Value {
    let out = candor(dir)
        .args(["check", "--format", "json", file])
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap()
}

fn rules(v: &serde_json::Value) -> Vec<String> {
    v["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn missing_custom_element_is_reported_and_goes_when_the_link_is_added() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "candor.toml", CONFIG);
    write(dir.path(), "notes/a.md", NOTE);

    let v = json(dir.path(), "notes/a.md");
    let file = &v["files"][0];
    assert_eq!(file["custom_kind"], "release-note");
    assert_eq!(file["kind_source"], "config");
    assert!(file["kind"].is_null());
    let found = rules(&v);
    assert!(found.contains(&"missing-status-link".into()), "{found:?}");
    assert!(found.contains(&"missing-action-items".into()), "{found:?}");
    let d = file["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "missing-status-link")
        .unwrap();
    assert_eq!(d["severity"], "error");
    assert_eq!(d["document_level"], true);
    assert_eq!(file["elements"]["status-link"]["required"], "error");
    assert_eq!(file["elements"]["status-link"]["present"], false);
    // The built-in element the kind requires is checked too.
    assert_eq!(file["elements"]["impact"]["required"], "error");
    candor(dir.path())
        .args(["check", "notes/a.md"])
        .assert()
        .code(1);

    write(
        dir.path(),
        "notes/a.md",
        &format!(
            "{NOTE}\nFollow along at [our status](https://status.example.com/incidents/42).\n"
        ),
    );
    let v = json(dir.path(), "notes/a.md");
    let found = rules(&v);
    assert!(!found.contains(&"missing-status-link".into()), "{found:?}");
    let el = &v["files"][0]["elements"]["status-link"];
    assert_eq!(el["present"], true);
    assert!(
        el["evidence"][0]["text"]
            .as_str()
            .unwrap()
            .contains("status.example.com"),
        "{el}"
    );

    // The checklist shows the evidence.
    let out = candor(dir.path())
        .args(["check", "--explain-elements", "notes/a.md"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("release-note, kind from candor.toml"),
        "{text}"
    );
    assert!(
        text.lines()
            .any(|l| l.contains("✓ status link") && l.contains("status.example.com")),
        "{text}"
    );
    assert!(
        text.lines()
            .any(|l| l.contains("✗ action items") && l.contains("should")),
        "{text}"
    );

    // And the HTML report.
    let out = candor(dir.path())
        .args(["check", "--format", "html", "notes/a.md"])
        .output()
        .unwrap();
    let html = String::from_utf8_lossy(&out.stdout);
    assert!(
        html.contains("data-element=\"status-link\" data-status=\"ok\""),
        "{html}"
    );
    assert!(html.contains("data-element=\"action-items\" data-status=\"missing\""));
}

#[test]
fn cue_and_heading_elements() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "candor.toml", CONFIG);
    let config = Config::load(&dir.path().join("candor.toml")).unwrap();
    let linter = Linter::with_config(config).unwrap();
    let ids = |text: &str| -> Vec<String> {
        linter
            .check(
                text,
                &Options::new(dir.path().join("notes/b.md").to_str().unwrap()),
            )
            .diagnostics
            .into_iter()
            .map(|d| d.rule)
            .collect()
    };
    // A cue in the pattern notation.
    let with_cue = format!("{NOTE}\nSee our status page for updates.\n");
    assert!(!ids(&with_cue).contains(&"missing-status-link".to_string()));
    // A veto beats the cue.
    let vetoed = format!("{NOTE}\nThere is no status page yet.\n");
    assert!(ids(&vetoed).contains(&"missing-status-link".to_string()));

    // A heading element needs the heading, followed by content.
    let with_heading =
        format!("{NOTE}\n## Action items\n\n- Add an index check to CI (owner: Dana).\n");
    let found = ids(&with_heading);
    assert!(
        !found.contains(&"missing-action-items".to_string()),
        "{found:?}"
    );
    let run_in = format!("{NOTE}\nAction items: add an index check to CI (owner: Dana).\n");
    assert!(!ids(&run_in).contains(&"missing-action-items".to_string()));
    let bare = format!("{NOTE}\nWe have action items to follow up on.\n");
    assert!(ids(&bare).contains(&"missing-action-items".to_string()));
    let empty = format!("{NOTE}\n## Action items\n");
    assert!(ids(&empty).contains(&"missing-action-items".to_string()));

    // A file outside `files` is not a release note.
    let other = linter.check(
        NOTE,
        &Options::new(dir.path().join("other/b.md").to_str().unwrap()),
    );
    assert_eq!(other.custom_kind, None);
    assert!(
        !other
            .diagnostics
            .iter()
            .any(|d| d.rule.starts_with("missing-status"))
    );
}

#[test]
fn custom_rules_work_with_settings_suppressions_and_the_rule_list() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "candor.toml",
        &format!(
            "{CONFIG}\n[rules]\nmissing-action-items = \"off\"\nmissing-status-link = \"warning\"\n"
        ),
    );
    write(dir.path(), "notes/a.md", NOTE);
    let v = json(dir.path(), "notes/a.md");
    let diags = v["files"][0]["diagnostics"].as_array().unwrap();
    assert!(!diags.iter().any(|d| d["rule"] == "missing-action-items"));
    let d = diags
        .iter()
        .find(|d| d["rule"] == "missing-status-link")
        .unwrap();
    assert_eq!(d["severity"], "warning");

    write(
        dir.path(),
        "notes/a.md",
        &format!("<!-- candor-disable missing-status-link -->\n{NOTE}"),
    );
    let v = json(dir.path(), "notes/a.md");
    assert!(!rules(&v).contains(&"missing-status-link".into()));

    let out = candor(dir.path()).args(["rules"]).output().unwrap();
    let list = String::from_utf8_lossy(&out.stdout);
    assert!(list.contains("missing-status-link"), "{list}");
    let out = candor(dir.path())
        .args(["explain", "missing-status-link"])
        .output()
        .unwrap();
    let doc = String::from_utf8_lossy(&out.stdout);
    assert!(
        doc.contains("status.example.com") && doc.contains("release-note: error"),
        "{doc}"
    );
}

#[test]
fn built_in_kinds_take_more_requirements_per_phase() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "candor.toml",
        r#"[kinds.status-update.phases.resolved]
requires = ["status-link"]

[kinds.incident-email]
off = ["apology"]

[elements.status-link]
summary = "Links the status page"
links = ["status.example.com"]
"#,
    );
    let config = Config::load(&dir.path().join("candor.toml")).unwrap();
    let linter = Linter::with_config(config).unwrap();
    let check = |text: &str| -> Vec<String> {
        linter
            .check(text, &Options::new("a.md"))
            .diagnostics
            .into_iter()
            .map(|d| d.rule)
            .collect()
    };
    let resolved = "---\nkind: status-update\nphase: resolved\n---\nResolved: card payments failed for 5% of EU checkouts from 14:05 to 14:52 UTC.\n";
    assert!(check(resolved).contains(&"missing-status-link".into()));
    let investigating = "---\nkind: status-update\nphase: investigating\n---\nInvestigating: card payments are failing for 5% of EU checkouts since 14:05 UTC. Next update by 15:00 UTC.\n";
    assert!(!check(investigating).contains(&"missing-status-link".into()));
    let email = "---\nkind: incident-email\n---\nSubject: Outage\n\nCard payments failed.\n";
    let found = check(email);
    assert!(!found.contains(&"missing-apology".into()), "{found:?}");
    assert!(found.contains(&"missing-impact".into()) || found.contains(&"missing-timeline".into()));
}

#[test]
fn policy_files_hold_the_same_tables() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "candor.toml",
        "policy_files = [\"policy/team.toml\"]\n",
    );
    write(dir.path(), "policy/team.toml", CONFIG);
    write(dir.path(), "notes/a.md", NOTE);
    let v = json(dir.path(), "notes/a.md");
    assert!(rules(&v).contains(&"missing-status-link".into()));

    // An error in the policy file points into it.
    write(
        dir.path(),
        "policy/team.toml",
        &CONFIG.replace(
            "requires = [\"impact\", \"status-link\"]",
            "requires = [\"impact\", \"status-lnik\"]",
        ),
    );
    let out = candor(dir.path())
        .args(["check", "notes/a.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("team.toml") && err.contains("did you mean `status-link`"),
        "{err}"
    );

    // A policy file that is not a file is an error pointing at its name in candor.toml.
    let text = "policy_files = [\"policy\"]\n";
    let e = Config::parse(text, "candor.toml", dir.path().to_path_buf()).unwrap_err();
    let span = e.span.unwrap();
    assert!(
        e.message.contains("cannot read policy file") && e.message.contains("not a regular file"),
        "{}",
        e.message
    );
    assert_eq!(
        &text[span.offset()..span.offset() + span.len()],
        "\"policy\""
    );
}

/// Config errors: the message, the text the span points at, and the help.
fn config_error(text: &str) -> (String, String, String) {
    let e = Config::parse(text, "candor.toml", std::env::temp_dir()).unwrap_err();
    let span = e.span.expect("a span into candor.toml");
    let at = text[span.offset()..span.offset() + span.len()].to_string();
    (e.message, at, e.help.unwrap_or_default())
}

#[test]
fn errors_point_into_the_config_with_a_suggestion() {
    // An unknown element in `requires`.
    let (msg, at, help) =
        config_error(&CONFIG.replace("\"impact\", \"status-link\"", "\"impact\", \"status-lnk\""));
    assert_eq!(msg, "unknown element `status-lnk`");
    assert_eq!(at, "\"status-lnk\"");
    assert!(help.starts_with("did you mean `status-link`?"), "{help}");
    // A misspelt built-in element.
    let (_, at, help) = config_error(&CONFIG.replace("\"impact\", ", "\"impcat\", "));
    assert_eq!(at, "\"impcat\"");
    assert!(help.starts_with("did you mean `impact`?"), "{help}");
    // A bad cue pattern: the span is where the parser stopped.
    let (msg, at, help) = config_error(&CONFIG.replace("status page|site", "status (page"));
    assert!(msg.contains("invalid pattern `status (page`"), "{msg}");
    assert_eq!(at.len(), 1);
    assert!(help.contains("pattern"), "{help}");
    // An unknown key.
    let (msg, at, help) = config_error(&CONFIG.replace("links =", "link ="));
    assert!(msg.contains("unknown field `link`"), "{msg}");
    assert_eq!(at, "link");
    assert!(help.starts_with("did you mean `links`?"), "{help}");
    let (_, at, help) = config_error(&CONFIG.replace("requires =", "require ="));
    assert_eq!(at, "require");
    assert!(help.starts_with("did you mean `requires`?"), "{help}");
    // A bad kind name.
    let (msg, at, help) =
        config_error(&CONFIG.replace("[kinds.release-note]", "[kinds.Release_Note]"));
    assert_eq!(msg, "invalid kind name `Release_Note`");
    assert_eq!(at, "Release_Note");
    assert!(help.contains("`release-note`"), "{help}");
    // A misspelt built-in kind (no files: not a kind of the team's own).
    let (_, at, help) = config_error("[kinds.postmortm]\nrequires = [\"impact\"]\n");
    assert_eq!(at, "postmortm");
    assert!(help.starts_with("did you mean `postmortem`?"), "{help}");
    // `like` names a built-in kind.
    let (_, at, help) = config_error(&CONFIG.replace(
        "files = [\"notes/**\"]",
        "files = [\"notes/**\"]\nlike = \"incident-mail\"",
    ));
    assert_eq!(at, "\"incident-mail\"");
    assert!(help.starts_with("did you mean `incident-email`?"), "{help}");
    // A phase that does not exist.
    let (_, at, help) =
        config_error("[kinds.status-update.phases.resolve]\nrequires = [\"impact\"]\n");
    assert_eq!(at, "resolve");
    assert!(help.starts_with("did you mean `resolved`?"), "{help}");
    // An element named like a built-in one, and one with nothing to detect it by.
    let (msg, _, _) = config_error("[elements.root-cause]\nsummary = \"x\"\ncues = [\"x\"]\n");
    assert_eq!(msg, "element `root-cause` is built in");
    let (msg, at, _) = config_error("[elements.owner]\nsummary = \"Names an owner\"\n");
    assert!(msg.contains("no `cues`, `headings` or `links`"), "{msg}");
    assert_eq!(at, "owner");
}

/// A pack file in the repository works like a shipped one: enabled from candor.toml, its
/// requirements are rules in the checklist, `candor rules` and `candor explain`.
#[test]
fn repository_pack_file_works_like_a_shipped_pack() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "candor.toml",
        "pack_dirs = [\"compliance/packs\"]\n\n[[overrides]]\nfiles = [\"letters/**\"]\nkind = \"breach-notice\"\npacks = [\"acme-uk\"]\n",
    );
    write(
        dir.path(),
        "compliance/packs/acme-uk.toml",
        r#"id = "acme-uk"
title = "Acme customer notice standard"
source = "Acme communications handbook §4"
version = "2026-01"
summary = "Every customer notice names the duty manager and uses the standard headings."

[[require]]
id = "duty-manager"
summary = "Names the duty manager"
cite = "handbook §4.2"
help = "Add the duty manager's name and direct line."
check = { type = "pattern", patterns = ["duty manager"] }

[[require]]
id = "headings"
summary = "Standard headings, in order"
cite = "handbook §4.1"
help = "Use the headings Summary, Impact, Next steps."
severity = "warning"
check = { type = "headings", ordered = true, headings = ["Summary", "Impact", "Next steps"] }
"#,
    );
    write(
        dir.path(),
        "letters/a.md",
        "# Notice\n\n## Summary\n\nOn 3 March 2026 an attacker read 1,200 customer e-mail addresses.\n\n## Impact\n\nYour e-mail address was exposed.\n",
    );
    let v = json(dir.path(), "letters/a.md");
    let file = &v["files"][0];
    assert_eq!(file["packs"][0], "acme-uk");
    let checks = file["pack_checks"].as_array().unwrap();
    let check = |rule: &str| checks.iter().find(|c| c["rule"] == rule).unwrap().clone();
    assert_eq!(check("acme-uk-duty-manager")["ok"], false);
    assert_eq!(check("acme-uk-headings")["ok"], false);
    let found = rules(&v);
    assert!(found.contains(&"acme-uk-duty-manager".into()), "{found:?}");

    write(
        dir.path(),
        "letters/a.md",
        "# Notice\n\n## Summary\n\nOn 3 March 2026 an attacker read 1,200 customer e-mail addresses. The duty manager is Sam Lee, on 020 7946 0000.\n\n## Impact\n\nYour e-mail address was exposed.\n\n## Next steps\n\nWe reset every staff password.\n",
    );
    let v = json(dir.path(), "letters/a.md");
    let checks = v["files"][0]["pack_checks"].as_array().unwrap();
    assert!(checks.iter().all(|c| c["ok"] == true), "{checks:?}");

    let out = candor(dir.path()).args(["rules"]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("acme-uk-headings"));
    let out = candor(dir.path())
        .args(["explain", "acme-uk"])
        .output()
        .unwrap();
    let doc = String::from_utf8_lossy(&out.stdout);
    assert!(
        doc.contains("handbook §4.2") && doc.contains("2026-01"),
        "{doc}"
    );
}

/// Front matter may name a kind of the team's own; a misspelt one is still an
/// `invalid-front-matter` finding.
#[test]
fn front_matter_names_a_team_kind() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "candor.toml",
        &CONFIG.replace("files = [\"notes/**\"]\n", "like = \"incident-email\"\n"),
    );
    let config = Config::load(&dir.path().join("candor.toml")).unwrap();
    let linter = Linter::with_config(config).unwrap();
    let text = format!("---\nkind: release-note\n---\n{NOTE}");
    let report = linter.check(&text, &Options::new("anywhere/a.md"));
    assert_eq!(report.custom_kind.as_deref(), Some("release-note"));
    assert_eq!(report.kind, Some(candor::Kind::IncidentEmail));
    let rules: Vec<&str> = report.diagnostics.iter().map(|d| d.rule.as_str()).collect();
    assert!(rules.contains(&"missing-status-link"), "{rules:?}");
    // Held to the built-in kind it is like, too.
    assert!(rules.contains(&"missing-contact"), "{rules:?}");
    assert!(!rules.contains(&"invalid-front-matter"), "{rules:?}");

    let text = format!("---\nkind: release-nots\n---\n{NOTE}");
    let report = linter.check(&text, &Options::new("anywhere/a.md"));
    assert_eq!(report.custom_kind, None);
    assert!(
        report
            .diagnostics
            .iter()
            .any(|d| d.rule == "invalid-front-matter")
    );
}
