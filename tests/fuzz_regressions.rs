//! Replays inputs found by the fuzz targets (`fuzz/`, run with `fuzz/run.sh`) and hand-made
//! hostile inputs through the same entry points (`candor::fuzzing`), with the same assertions:
//! the document model, the config parser, the whole check on arbitrary bytes, and a config and
//! a draft together. Put a crash input in
//! `tests/fuzz-regressions/<target>/` and it is replayed here forever after.
//!
//! A small proptest over arbitrary bytes runs the same entry points, so the checks hold even
//! where cargo-fuzz cannot run.

use candor::fuzzing::{check, config, config_check, document};
use proptest::prelude::*;
use std::path::Path;

fn replay(target: &str, f: fn(&[u8])) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz-regressions")
        .join(target);
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let data = std::fs::read(&path).unwrap();
        let r = std::panic::catch_unwind(|| f(&data));
        assert!(r.is_ok(), "{target}: {} panics", path.display());
        n += 1;
    }
    n
}

#[test]
fn document_regressions() {
    assert!(replay("document", document) > 0);
}

#[test]
fn config_regressions() {
    assert!(replay("config", config) > 0);
}

#[test]
fn check_regressions() {
    assert!(replay("check", check) > 0);
}

#[test]
fn config_check_regressions() {
    assert!(replay("config_check", config_check) > 0);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(data in prop::collection::vec(any::<u8>(), 0..512)) {
        document(&data);
        config(&data);
        check(&data);
        config_check(&data);
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,300}") {
        document(text.as_bytes());
        config(text.as_bytes());
        check(text.as_bytes());
        config_check(text.as_bytes());
    }
}
