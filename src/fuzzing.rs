//! The fuzz targets' bodies (`fuzz/fuzz_targets/*.rs`), here so that the regression test
//! (`tests/fuzz_regressions.rs`) replays saved inputs through exactly the same code. Each
//! takes arbitrary bytes and panics only on a broken invariant.

use crate::document::{Document, Format};
use crate::output::{human, json, rdjson, sarif, short};
use crate::report::{FileReport, Report};
use crate::{Config, Linter, Options};
use std::path::PathBuf;
use std::sync::LazyLock;

static LINTER: LazyLock<Linter> = LazyLock::new(Linter::new);

/// The document model (Markdown or plain text, with YAML/TOML front matter): the masked views
/// keep every byte offset of the source.
pub fn document(data: &[u8]) {
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
        for q in &doc.quotations {
            assert!(q.start <= q.end && q.end <= text.len());
        }
        let _ = doc.title_range();
    }
}

/// The config parser (`candor.toml`): a config or a diagnostic. A config that parses also
/// builds a linter (rule ids are validated against the registry).
pub fn config(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(config) = Config::parse(text, "candor.toml", PathBuf::from("/nonexistent")) {
        let _ = Linter::with_config(config);
    }
}

/// The whole check as the CLI does it: decode (UTF-8 / UTF-16 / binary detection), then every
/// rule and policy, then every streamed format.
pub fn check(data: &[u8]) {
    let Ok(text) = crate::run::decode(data) else {
        return;
    };
    check_with(&LINTER, &text);
}

/// A `candor.toml` and a draft together, split at the first NUL byte: front matter, suppression
/// comments and config settings (rule settings, overrides, `time_zone`, the per-rule limit)
/// meet in one check. A config that does not load checks with the defaults, as the language
/// server does.
pub fn config_check(data: &[u8]) {
    let (config, draft) = match memchr::memchr(0, data) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (&[][..], data),
    };
    let Ok(draft) = std::str::from_utf8(draft) else {
        return;
    };
    let custom = std::str::from_utf8(config)
        .ok()
        .filter(|c| !c.trim().is_empty())
        .and_then(|c| Config::parse(c, "candor.toml", PathBuf::from("/nonexistent")).ok())
        .and_then(|c| Linter::with_config(c).ok());
    check_with(custom.as_ref().unwrap_or(&LINTER), draft);
}

fn check_with(linter: &Linter, text: &str) {
    for name in ["draft.md", "draft.txt"] {
        let report = linter.check(text, &Options::new(name));
        assert_spans_in_text(&report, text);
        render_all(linter, report);
    }
}

fn assert_spans_in_text(report: &FileReport, text: &str) {
    for d in &report.diagnostics {
        let spans = std::iter::once(&d.span).chain(d.suggestions.iter().map(|s| &s.span));
        for s in spans {
            assert!(s.start <= s.end && s.end <= text.len(), "{d:?}");
            assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
            assert!(
                s.line >= 1 && s.column >= 1 && (s.end_line, s.end_column) >= (s.line, s.column)
            );
        }
        assert!(!d.message.contains(['\n', '\r']), "{d:?}");
    }
}

fn render_all(linter: &Linter, report: FileReport) {
    let report = Report {
        files: vec![report],
        errors: vec![],
    };
    let _ = json::render(&report);
    let _ = short::render(&report);
    let _ = rdjson::render(&report);
    let _ = sarif::render(&report, &linter.metas());
    let _ = human::render(
        &report,
        &human::HumanOptions {
            color: false,
            explain_elements: true,
            width: 80,
        },
    );
}
