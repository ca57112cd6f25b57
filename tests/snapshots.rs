//! Snapshot tests of human and JSON output for every shipped fixture draft.
//! Review every snapshot change (`cargo insta review`): they are the user-visible contract.

use candor::output::{human, json};
use candor::run::{Input, RunOptions, check_inputs};
use candor::{Linter, Report};
use std::path::{Path, PathBuf};

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

fn check(path: &Path) -> Report {
    let linter = Linter::new();
    check_inputs(
        &linter,
        vec![Input::Path(path.to_path_buf())],
        &RunOptions::default(),
    )
}

#[test]
fn json_output_of_fixtures() {
    for path in fixtures() {
        let report = check(&path);
        assert!(report.errors.is_empty(), "{:?}", report.errors);
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        insta::assert_snapshot!(format!("json__{name}"), json::render(&report));
    }
}

#[test]
fn human_output_of_fixtures() {
    for path in fixtures() {
        let report = check(&path);
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let out = human::render(
            &report,
            &human::HumanOptions {
                color: false,
                explain_elements: true,
                width: 100,
            },
        );
        insta::assert_snapshot!(format!("human__{name}"), out);
    }
}
