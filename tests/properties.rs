//! Property tests (proptest): on generated drafts, every reported span lies inside the input on
//! character boundaries and its line/column agree with its byte offsets; suppression comments
//! never shift other findings; output is identical across runs and thread counts.
//!
//! Case counts are kept modest so `cargo test` stays fast; raise them locally with
//! `PROPTEST_CASES=2000 cargo test --test properties`.

use candor::report::Report;
use candor::run::{self, Input, RunOptions};
use candor::{Diagnostic, Linter, Options};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use std::sync::LazyLock;

static LINTER: LazyLock<Linter> = LazyLock::new(Linter::new);

/// Sentences the rules have opinions about, plus neutral ones and awkward Unicode.
const SENTENCES: &[&str] = &[
    "We apologize for any inconvenience this may have caused.",
    "We are sorry if anyone was affected.",
    "A small number of customers may have seen errors.",
    "Only a handful of users were impacted.",
    "Dear {{first_name}}, we are writing to you.",
    "Hello [FIRST NAME], your data is safe.",
    "Between 10:00 and 10:40 UTC, 12% of requests failed.",
    "We're sorry that 120 customers could not log in for 40 minutes.",
    "We rolled back the release at 10:40 UTC.",
    "Contact security@example.com with any questions.",
    "Café naïve résumé – “we’re sorry” — 🙂 ok.",
    "日本語のテキストです。",
    "One admin wrote to us: \"I'm sorry to chase.\"",
    "See e.g. the log at 5 p.m. We fixed v3.8.2 today.",
    "Errors were observed and the issue was mitigated.",
];

const RULES: &[&str] = &[
    "non-apology",
    "minimizing-scope",
    "unrendered-placeholder",
    "hedging",
    "passive-voice",
];

fn sentence() -> impl Strategy<Value = String> + Clone {
    prop::sample::select(SENTENCES).prop_map(str::to_string)
}

/// One paragraph-level block of Markdown, built from sentences (no blank lines inside).
fn block() -> impl Strategy<Value = String> {
    let sents = prop::collection::vec(sentence(), 1..4);
    prop_oneof![
        4 => sents.clone().prop_map(|s| s.join(" ")),
        1 => sents.clone().prop_map(|s| s.join("\n")),
        1 => sentence().prop_map(|s| format!("## {s}")),
        1 => sents.clone().prop_map(|s| s.iter().map(|x| format!("- {x}\n")).collect::<String>().trim_end().to_string()),
        1 => sents.clone().prop_map(|s| format!("> {}", s.join(" "))),
        1 => sents.prop_map(|s| s.join(" \r\n")),
        1 => sentence().prop_map(|s| format!("| When | What |\n|---|---|\n| 10:00 | {s} |")),
        1 => sentence().prop_map(|s| format!("```\n{s}\n```")),
    ]
}

/// Whole drafts: blocks separated by blank lines, sometimes with front matter.
fn draft_blocks() -> impl Strategy<Value = (Option<String>, Vec<String>)> {
    let fm = prop_oneof![
        Just(None),
        Just(Some(
            "---\nkind: status-update\nphase: resolved\n---\n".to_string()
        )),
        Just(Some("+++\nkind = \"breach-notice\"\n+++\n".to_string())),
        Just(Some("---\nkind: [broken\n---\n".to_string())),
    ];
    (fm, prop::collection::vec(block(), 1..8))
}

fn join(fm: &Option<String>, blocks: &[String]) -> String {
    format!(
        "{}{}\n",
        fm.clone().unwrap_or_default(),
        blocks.join("\n\n")
    )
}

/// Markdown-ish noise: structure characters, Unicode, control characters.
fn noisy() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        sentence(),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("<!-- candor-disable non-apology -->".to_string()),
        Just("<!-- candor-disable-next-line -->".to_string()),
        Just("<!-- candor-enable -->".to_string()),
        Just("---\n".to_string()),
        Just("+++\n".to_string()),
        Just("```".to_string()),
        Just("> ".to_string()),
        Just("- ".to_string()),
        Just("\u{feff}".to_string()),
        "[\\[\\]()<>*_`#|!\"“”‘’'.:\\-]{1,6}",
        "\\PC{0,12}",
        any::<String>().prop_map(|s| s.chars().take(12).collect()),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

/// Line and column (1-based, columns in characters) computed the slow, obvious way.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, text[line_start..offset].chars().count() + 1)
}

fn assert_spans_valid(text: &str, diags: &[Diagnostic]) -> Result<(), TestCaseError> {
    for d in diags {
        let mut spans = vec![(d.span, "span")];
        spans.extend(d.suggestions.iter().map(|s| (s.span, "suggestion span")));
        for (sp, what) in spans {
            prop_assert!(
                sp.start <= sp.end && sp.end <= text.len(),
                "{} {what} {sp:?} outside the input ({} bytes)",
                d.rule,
                text.len()
            );
            prop_assert!(
                text.is_char_boundary(sp.start) && text.is_char_boundary(sp.end),
                "{} {what} {sp:?} not on char boundaries",
                d.rule
            );
            prop_assert_eq!(
                (sp.line, sp.column),
                line_col(text, sp.start),
                "{} {} start",
                &d.rule,
                what
            );
            prop_assert_eq!(
                (sp.end_line, sp.end_column),
                line_col(text, sp.end),
                "{} {} end",
                &d.rule,
                what
            );
        }
        prop_assert_eq!(&d.text, &text[d.span.start..d.span.end]);
    }
    Ok(())
}

fn check(text: &str, name: &str) -> Vec<Diagnostic> {
    LINTER.check(text, &Options::new(name)).diagnostics
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn spans_are_inside_the_input_on_char_boundaries((fm, blocks) in draft_blocks()) {
        let text = join(&fm, &blocks);
        assert_spans_valid(&text, &check(&text, "draft.md"))?;
        assert_spans_valid(&text, &check(&text, "draft.txt"))?;
    }

    #[test]
    fn spans_are_valid_on_noise(text in noisy()) {
        assert_spans_valid(&text, &check(&text, "noise.md"))?;
        assert_spans_valid(&text, &check(&text, "noise.txt"))?;
    }

    /// A document checked in parts (as one over 3 MiB is): the parts are consecutive, cover
    /// the text and start on character boundaries, and every span is valid in the file.
    #[test]
    fn spans_are_valid_when_checked_in_parts(text in noisy(), size in 4usize..160) {
        let cuts = candor::document::parts::split(&text, 0, size);
        prop_assert_eq!(cuts.first().map(|r| r.start), Some(0));
        prop_assert_eq!(cuts.last().map(|r| r.end), Some(text.len()));
        for pair in cuts.windows(2) {
            prop_assert_eq!(pair[0].end, pair[1].start);
            prop_assert!(text.is_char_boundary(pair[1].start));
        }
        for name in ["noise.md", "noise.txt"] {
            let report = LINTER.check_parts(&text, &Options::new(name), cuts.clone());
            assert_spans_valid(&text, &report.diagnostics)?;
        }
    }

    #[test]
    fn output_is_identical_across_runs((fm, blocks) in draft_blocks()) {
        let text = join(&fm, &blocks);
        let a = candor::check(&text, &Options::new("d.md"));
        let b = LINTER.check(&text, &Options::new("d.md"));
        let render = |f| candor::output::json::render(&Report { files: vec![f], errors: vec![] });
        prop_assert_eq!(render(a), render(b));
    }

    /// A `candor-disable-next-line RULE` comment before one block removes only RULE's findings
    /// on that line; every other finding stays, shifted by exactly the comment's length.
    #[test]
    fn suppression_comments_never_shift_other_findings(
        (fm, blocks) in draft_blocks(),
        at in any::<prop::sample::Index>(),
        rule in prop::sample::select(RULES),
        region in any::<bool>(),
    ) {
        prop_assume!(blocks.len() >= 2);
        // Not before the first block: the title is the first line, and moving it is a real change.
        let k = 1 + at.index(blocks.len() - 1);
        // Only before plain paragraphs (an HTML block can't interrupt some containers the same way).
        prop_assume!(!blocks[k].starts_with(['>', '-', '|', '`', '#']));
        let before = join(&fm, &blocks[..k]).trim_end_matches('\n').to_string() + "\n\n";
        let pos = before.len();
        let comment = if region {
            format!("<!-- candor-disable {rule} -->\n")
        } else {
            format!("<!-- candor-disable-next-line {rule} -->\n")
        };
        let original = join(&fm, &blocks);
        prop_assert!(original.starts_with(&before));
        let edited = format!("{before}{comment}{}", &original[pos..]);
        let first_line_end = pos + original[pos..].find('\n').unwrap_or(original.len() - pos);
        let suppressed = |d: &Diagnostic| {
            d.rule == rule && d.span.start >= pos && (region || d.span.start < first_line_end)
        };
        let key = |d: &Diagnostic, shift: usize| {
            let moved = |o: usize| if o >= pos { o + shift } else { o };
            (d.rule.clone(), moved(d.span.start), moved(d.span.end), d.message.clone(), d.text.clone())
        };
        let keep = |d: &Diagnostic| !d.document_level && d.rule != "unused-suppression";
        let expected: Vec<_> = check(&original, "d.md")
            .iter()
            .filter(|d| keep(d) && !suppressed(d))
            .map(|d| key(d, comment.len()))
            .collect();
        let got: Vec<_> = check(&edited, "d.md")
            .iter()
            .filter(|d| keep(d))
            .map(|d| key(d, 0))
            .collect();
        prop_assert_eq!(got, expected);
    }
}

/// A directory of generated drafts, checked with 1 and with 2 threads, library and CLI: the
/// output is byte-identical and in path order.
#[test]
fn output_is_identical_across_thread_counts() {
    let dir = tempfile::TempDir::new().unwrap();
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = draft_blocks();
    for i in 0..60 {
        let (fm, blocks) = strategy.new_tree(&mut runner).unwrap().current();
        let ext = if i % 5 == 0 { "txt" } else { "md" };
        let sub = dir.path().join(format!("d{}", i % 7));
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(sub.join(format!("{i:03}.{ext}")), join(&fm, &blocks)).unwrap();
    }
    std::fs::write(dir.path().join("bad.md"), b"caf\xe9\n").unwrap();

    let lib = |threads: usize| {
        let pool = rayon_pool(threads);
        pool.install(|| {
            let mut errors = Vec::new();
            let files = run::collect(
                &LINTER,
                &[dir.path().to_path_buf()],
                &Default::default(),
                &mut errors,
            );
            let inputs = files.into_iter().map(Input::Path).collect();
            let mut r = run::check_inputs(&LINTER, inputs, &RunOptions::default());
            errors.append(&mut r.errors);
            r.errors = errors;
            r
        })
    };
    let one = lib(1);
    let two = lib(2);
    let paths: Vec<&str> = one.files.iter().map(|f| f.path.as_str()).collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted, "reports come back in path order");
    assert_eq!(
        candor::output::json::render(&one),
        candor::output::json::render(&two)
    );

    let cli = |threads: &str, format: &str| {
        assert_cmd::Command::cargo_bin("candor")
            .unwrap()
            .env("RAYON_NUM_THREADS", threads)
            .env("NO_COLOR", "1")
            .current_dir(dir.path())
            .args(["check", "--no-config", "--format", format, "."])
            .output()
            .unwrap()
    };
    for format in ["json", "short", "human"] {
        let a = cli("1", format);
        let b = cli("2", format);
        assert_eq!(a.status.code(), Some(2), "bad.md cannot be read");
        assert!(!a.stdout.is_empty());
        assert_eq!(
            a.stdout, b.stdout,
            "{format} output differs between 1 and 2 threads"
        );
        assert_eq!(a.stderr, b.stderr);
    }
}

fn rayon_pool(threads: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap()
}
