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

/// Configs that change what a check does, each built into a linter once: rules off and
/// re-graded, overrides by glob with a kind, phase and pack, a time zone for fixes, and the
/// per-rule limit at 1 and off. (Building a linter per input would compile every pattern
/// again: seconds under AddressSanitizer. The `config` target fuzzes the parser itself.)
const CONFIGS: &[&str] = &[
    "",
    "fail_on = \"info\"\nmax_findings_per_rule = 1\n[rules]\nhedging = \"off\"\nminimizing-scope = \"error\"\nnon-apology = \"info\"\n",
    "time_zone = \"Europe/Berlin\"\nmax_findings_per_rule = 0\npacks = [\"us-ca\"]\n[[overrides]]\nfiles = [\"draft.*\"]\nkind = \"status-update\"\nphase = \"investigating\"\npacks = [\"sec-8k\"]\nrules = { time-without-zone = \"off\", unused-suppression = \"error\" }\n",
    "[[overrides]]\nfiles = [\"**/*.txt\"]\nkind = \"breach-notice\"\npacks = [\"eu-gdpr\", \"us-hipaa\"]\n[rules]\ngrammar = \"off\"\nmissing-apology = \"off\"\n",
];

static CONFIGURED: LazyLock<Vec<Linter>> = LazyLock::new(|| {
    CONFIGS
        .iter()
        .map(|c| {
            let config = Config::parse(c, "candor.toml", PathBuf::from("/nonexistent"))
                .expect("fuzzing configs are valid");
            Linter::with_config(config).expect("fuzzing configs build")
        })
        .collect()
});

/// A draft checked under one of `CONFIGS` (picked by the first byte): front matter (kind,
/// phase, packs, `times_tz`, rule settings) and suppression comments meet config settings in
/// one check.
pub fn config_check(data: &[u8]) {
    let Some((&pick, draft)) = data.split_first() else {
        return;
    };
    let Ok(draft) = std::str::from_utf8(draft) else {
        return;
    };
    let linters = &*CONFIGURED;
    check_with(&linters[usize::from(pick) % linters.len()], draft);
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
        let edits = d
            .suggestions
            .iter()
            .flat_map(|s| s.edits.iter().map(|e| &e.span));
        let spans = std::iter::once(&d.span)
            .chain(d.suggestions.iter().map(|s| &s.span))
            .chain(edits);
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
