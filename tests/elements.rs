//! Element detection fixtures: `fixtures/elements/<element>/{present,absent}.md`.
//!
//! Each fixture is checked for the expected presence of its element (present.md must show it
//! with evidence, absent.md — full of hard negatives — must not), and the element's JSON
//! (presence, quality, requirement level, evidence text) is snapshotted.

use candor::output::json::file_value;
use candor::policy::Element;
use candor::{Linter, Options};
use std::path::Path;

fn check(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap();
    let name = path
        .strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or(path)
        .display()
        .to_string();
    let report = Linter::new().check(&text, &Options::new(name));
    file_value(&report)
}

/// The element's JSON without line/column noise: presence, quality, requirement, evidence text.
fn summary(v: &serde_json::Value, key: &str) -> serde_json::Value {
    let e = &v["elements"][key];
    serde_json::json!({
        "present": e["present"],
        "quality": e["quality"],
        "required": e["required"],
        "deferred": e["deferred"].get("text"),
        "evidence": e["evidence"].as_array().unwrap().iter().map(|ev| ev["text"].clone()).collect::<Vec<_>>(),
        "missing_finding": v["diagnostics"].as_array().unwrap().iter().any(|d| d["rule"] == format!("missing-{}", key.replace('_', "-"))),
    })
}

#[test]
fn every_element_has_present_and_absent_fixtures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/elements");
    for e in Element::ALL {
        for case in ["present", "absent"] {
            let path = root.join(e.key()).join(format!("{case}.md"));
            assert!(path.is_file(), "missing fixture {}", path.display());
            let v = check(&path);
            let s = summary(&v, e.key());
            let present = s["present"].as_bool().unwrap();
            let genuine = e != Element::Apology || s["quality"] == "genuine";
            match case {
                "present" => assert!(
                    present && genuine,
                    "{} should show {}: {s}",
                    path.display(),
                    e.key()
                ),
                _ => assert!(
                    !(present && genuine),
                    "{} should not show {}: {s}",
                    path.display(),
                    e.key()
                ),
            }
            insta::assert_json_snapshot!(format!("{}-{case}", e.key()), s);
        }
    }
}

#[test]
fn deferral_satisfies_in_progress_updates() {
    let text = "---\nkind: status-update\nphase: identified\n---\nIdentified: API errors\n\nAPI requests are failing with 503 errors since 14:05 UTC. We have not yet identified the cause; we will share it by 16:00 UTC.\n";
    let report = Linter::new().check(text, &Options::new("x.md"));
    let rc = report.elements.get(Element::RootCause);
    assert!(!rc.present);
    assert!(rc.deferred.is_some());
    assert!(
        !report
            .diagnostics
            .iter()
            .any(|d| d.rule == "missing-root-cause")
    );

    // The same sentence in a post-mortem does not excuse a missing root cause.
    let report = Linter::new().check(
        &text.replace("kind: status-update\nphase: identified", "kind: postmortem"),
        &Options::new("x.md"),
    );
    assert!(
        report
            .diagnostics
            .iter()
            .any(|d| d.rule == "missing-root-cause")
    );
}

#[test]
fn investigating_update_must_not_assert_a_cause() {
    let text = "---\nkind: status-update\nphase: investigating\n---\nInvestigating: API errors\n\nAPI requests are failing because a configuration change deleted the routing table. Next update at 15:00 UTC.\n";
    let report = Linter::new().check(text, &Options::new("x.md"));
    let d = report
        .diagnostics
        .iter()
        .find(|d| d.rule == "premature-root-cause")
        .expect("premature-root-cause");
    assert!(d.text.contains("because a configuration change"));
}

#[test]
fn thanks_reporter_required_only_when_reported() {
    let base = "---\nkind: vulnerability-notice\nREPORTED---\n# XSS in dashboards\n\nSomeone with edit rights could insert a script. We deployed escaping on 7 May at 11:05 UTC. You don't need to do anything. Contact security@example.com.\n";
    let missing = |t: &str| {
        Linter::new()
            .check(t, &Options::new("x.md"))
            .diagnostics
            .iter()
            .any(|d| d.rule == "missing-thanks-reporter")
    };
    assert!(missing(
        &base.replace("REPORTED", "reported_by: Amara Nwosu\n")
    ));
    assert!(!missing(&base.replace("REPORTED", "reported_by: none\n")));
    assert!(!missing(&base.replace("REPORTED", "")));
    assert!(missing(&base.replace("REPORTED", "").replace(
        "Someone",
        "A security researcher reported to us that someone"
    )));
}

/// The data-loss statement: loss denied, loss admitted, restoration of the data itself; not the
/// restoration of a service, access or a setting, advice, or a question of whether.
#[test]
fn data_loss_statements() {
    let present = |sentence: &str| {
        let text = format!("---\nkind: breach-notice\n---\n# Notice\n\n{sentence}\n");
        let report = Linter::new().check(&text, &Options::new("x.md"));
        let missing = report
            .diagnostics
            .iter()
            .any(|d| d.rule == "missing-data-loss");
        assert_eq!(
            missing,
            !report.elements.get(Element::DataLoss).present,
            "{sentence}"
        );
        report.elements.get(Element::DataLoss).present
    };
    for s in [
        "No data was lost.",
        "Nothing was lost or edited.",
        "None of your files were deleted or corrupted.",
        "Your records were not altered or deleted.",
        "We did not lose any data.",
        "That decision made the outage longer, but it meant no customer data was lost.",
        "Some files could not be recovered.",
        "Posts from those 14 hours cannot be recovered.",
        "We lost 14 hours of posts.",
        "The messages were permanently deleted.",
        "We restored all records from backups.",
        "The deleted files were recovered from the nightly backup.",
        "All of your data has been restored.",
        "We recovered the text of 1,106 posts from notification e-mails.",
    ] {
        assert!(present(s), "should be a data-loss statement: {s}");
    }
    for s in [
        "Service was restored at 10:00 UTC.",
        "At 11:20 we restored the previous configuration from backup.",
        "We restored access to your account.",
        "We deleted the phishing emails from every mailbox.",
        "The laptop was lost.",
        "The attacker lost access within an hour.",
        "If you lose data, contact us.",
        "Please back up your files regularly.",
        "We cannot tell whether any records were deleted.",
        "Restore your files from the recycle bin if you deleted them by mistake.",
    ] {
        assert!(!present(s), "should not be a data-loss statement: {s}");
    }
    // "Not known yet, and when it will be" stands in for it in a breach notice.
    let text = "---\nkind: breach-notice\n---\n# Notice\n\nWe do not yet know whether any records were deleted; we will tell you by 20 June 2026.\n";
    let report = Linter::new().check(text, &Options::new("x.md"));
    assert!(report.elements.get(Element::DataLoss).deferred.is_some());
    assert!(
        !report
            .diagnostics
            .iter()
            .any(|d| d.rule == "missing-data-loss")
    );
}

#[test]
fn vague_section_under_a_fix_heading_is_not_a_fix() {
    let text = "---\nkind: breach-notice\n---\nNotice of Data Breach\n\nWhat we are doing\nWe took steps to secure our systems and engaged a leading forensic firm.\n\nWhat you can do\nReset your password.\n";
    let report = Linter::new().check(text, &Options::new("x.md"));
    assert!(!report.elements.get(Element::Fix).present);
    let concrete = text.replace(
        "We took steps to secure our systems and engaged a leading forensic firm.",
        "We revoked every session token on 3 May and reset all staff passwords.",
    );
    let report = Linter::new().check(&concrete, &Options::new("x.md"));
    assert!(report.elements.get(Element::Fix).present);
}
