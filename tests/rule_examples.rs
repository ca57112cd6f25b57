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

/// Drafts whose findings carry fixes: the shipped fixtures, every rule's fixtures, and drafts
/// for each built-in fix.
fn fix_corpus() -> Vec<(String, String)> {
    let mut docs = Vec::new();
    let mut dirs = vec![std::path::PathBuf::from("fixtures/drafts")];
    for e in std::fs::read_dir("fixtures/rules").unwrap() {
        dirs.push(e.unwrap().path());
    }
    for dir in dirs {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if let Ok(text) = std::fs::read_to_string(&p) {
                docs.push((p.display().to_string(), text));
            }
        }
    }
    for text in [
        "We had a \"glitch.\" It is fixed.\n",
        "A so-called ‘network glitch’ and a 'bug' stopped logins.\n",
        "---\ntimes_tz: UTC\n---\nLogins failed from 10:00 to 10:40 and at 11:15.\n",
        "<!-- candor-disable-next-line hedging -->\nLogins failed. <!-- candor-disable-next-line minimising-scope --> Fixed.\n",
    ] {
        docs.push(("example.md".into(), text.to_string()));
    }
    docs
}

/// ruff's fix-convergence test: applying any fix (safe or unsafe) removes its finding and
/// changes nothing elsewhere: a new finding may only appear in the text the fix rewrote (removing
/// scare quotes uncovers the vague "a glitch" they hid); applying every safe fix reaches a text
/// with none left.
#[test]
fn every_fix_removes_its_finding_and_changes_nothing_else() {
    use candor::fix::{self, Mode};
    let linter = Linter::new();
    let mut failures = Vec::new();
    let mut fixes = 0;
    let key = |d: &candor::Diagnostic| (d.rule.clone(), d.message.clone());
    for (path, text) in fix_corpus() {
        let opts = Options::new(path.as_str());
        let report = linter.check(&text, &opts);
        let before: Vec<_> = report.diagnostics.iter().map(key).collect();
        for d in &report.diagnostics {
            let Some(s) = fix::fix_for(d, Mode::Unsafe) else {
                continue;
            };
            fixes += 1;
            let fixed = fix::apply(&text, [s], Mode::Unsafe);
            assert_eq!(fixed.applied, 1, "{path}: {s:?}");
            let after = linter.check(&fixed.text, &opts).diagnostics;
            let count =
                |v: &mut dyn Iterator<Item = (String, String)>| v.filter(|k| *k == key(d)).count();
            if count(&mut after.iter().map(key)) >= count(&mut before.iter().cloned()) {
                failures.push(format!(
                    "{path}: fixing {} ({}) left it in:\n{}",
                    d.rule, d.text, fixed.text
                ));
            }
            // Where the fix's text now is.
            let (rs, re) = (s.span.start, s.span.start + s.replacement.len());
            let mut left = before.clone();
            for n in &after {
                match left.iter().position(|b| *b == key(n)) {
                    Some(i) => {
                        left.remove(i);
                    }
                    None if n.span.start <= re && rs <= n.span.end => {}
                    None => failures.push(format!(
                        "{path}: fixing {} ({}) brought a finding elsewhere: {} {:?}",
                        d.rule, d.text, n.rule, n.message
                    )),
                }
            }
        }
        let stable = fix::fix_until_stable(&linter, &text, &opts, Mode::Safe);
        if stable
            .report
            .diagnostics
            .iter()
            .any(|d| fix::fix_for(d, Mode::Safe).is_some())
        {
            failures.push(format!(
                "{path}: safe fixes did not converge in {} passes",
                fix::MAX_PASSES
            ));
        }
    }
    assert!(fixes >= 8, "only {fixes} fixes exercised");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
