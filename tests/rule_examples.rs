//! The `[examples]` of every built-in phrase rule run as tests: each `bad` sentence gives a
//! finding of its rule that overlaps the part marked `‹ … ›` (or anywhere, when nothing is
//! marked), and no `good` sentence gives one. docs/rules-guide.md documents this.

use candor::rules::EMBEDDED_RULE_FILES;
use candor::rules::phrase::RuleDef;
use candor::{Linter, Options};

/// The sentence without its marks, and the marked byte range in it.
fn unmark(example: &str) -> (String, Option<(usize, usize)>) {
    let text = example.replace(['‹', '›'], "");
    let span = example.find('‹').and_then(|s| {
        let e = example.find('›')?;
        Some((s, e - '‹'.len_utf8()))
    });
    (text, span)
}

#[test]
fn phrase_rule_examples_hold() {
    let linter = Linter::new();
    let mut failures = Vec::new();
    let mut checked = 0;
    for (path, text) in EMBEDDED_RULE_FILES
        .iter()
        .filter(|(p, _)| p.starts_with("rules/phrases/"))
    {
        let def: RuleDef = toml::from_str(text).unwrap_or_else(|e| panic!("{path}: {e}"));
        let findings = |sentence: &str| -> Vec<(usize, usize)> {
            linter
                .check(&format!("{sentence}\n"), &Options::new("example.md"))
                .diagnostics
                .iter()
                .filter(|d| d.rule == def.id)
                .map(|d| (d.span.start, d.span.end))
                .collect()
        };
        for bad in &def.examples.bad {
            checked += 1;
            let (sentence, marked) = unmark(bad);
            let found = findings(&sentence);
            let hit = match marked {
                Some((s, e)) => found.iter().any(|&(fs, fe)| fs < e && s < fe),
                None => !found.is_empty(),
            };
            if !hit {
                failures.push(format!("{}: bad example not flagged: {bad}", def.id));
            }
        }
        for good in &def.examples.good {
            checked += 1;
            if !findings(good).is_empty() {
                failures.push(format!("{}: good example flagged: {good}", def.id));
            }
        }
    }
    assert!(checked > 0, "no examples found");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
