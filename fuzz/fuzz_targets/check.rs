//! The whole check on arbitrary bytes, as the CLI does it: decode (UTF-8 / UTF-16 / binary
//! detection), then every rule and policy. Spans must stay inside the text on char boundaries.
#![no_main]

use candor::{Linter, Options};
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static LINTER: LazyLock<Linter> = LazyLock::new(Linter::new);

fuzz_target!(|data: &[u8]| {
    let Ok(text) = candor::run::decode(data) else {
        return;
    };
    for name in ["draft.md", "draft.txt"] {
        let report = LINTER.check(&text, &Options::new(name));
        for d in &report.diagnostics {
            assert!(d.span.start <= d.span.end && d.span.end <= text.len(), "{d:?}");
            assert!(text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end));
        }
        let _ = candor::output::json::render(&candor::Report {
            files: vec![report],
            errors: vec![],
        });
    }
});
