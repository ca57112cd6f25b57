//! Replays inputs found by the fuzz targets (`fuzz/`, run with `fuzz/run.sh`) and hand-made
//! hostile inputs through the same three entry points, with the same assertions: the document
//! model, the config parser, and the whole check on arbitrary bytes. Put a crash input in
//! `tests/fuzz-regressions/<target>/` and it is replayed here forever after.
//!
//! A small proptest over arbitrary bytes runs the same entry points, so the checks hold even
//! where cargo-fuzz cannot run.

use candor::document::{Document, Format};
use candor::{Config, Linter, Options, Report};
use proptest::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

static LINTER: LazyLock<Linter> = LazyLock::new(Linter::new);

fn document(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for format in [Format::Markdown, Format::Text] {
        let doc = Document::parse(text, format);
        assert_eq!(doc.prose.len(), text.len());
        assert_eq!(doc.raw.len(), text.len());
        for s in &doc.sentences {
            assert!(s.start <= s.end && s.end <= text.len());
            assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        }
        let _ = doc.title_range();
    }
}

fn config(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(c) = Config::parse(text, "candor.toml", PathBuf::from("/nonexistent")) {
        let _ = Linter::with_config(c);
    }
}

fn check(data: &[u8]) {
    let Ok(text) = candor::run::decode(data) else {
        return;
    };
    for name in ["draft.md", "draft.txt"] {
        let report = LINTER.check(&text, &Options::new(name));
        for d in &report.diagnostics {
            assert!(d.span.start <= d.span.end && d.span.end <= text.len());
            assert!(text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end));
        }
        let _ = candor::output::json::render(&Report {
            files: vec![report],
            errors: vec![],
        });
    }
}

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

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(data in prop::collection::vec(any::<u8>(), 0..512)) {
        document(&data);
        config(&data);
        check(&data);
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,300}") {
        document(text.as_bytes());
        config(text.as_bytes());
        check(text.as_bytes());
    }
}
