//! Applying fixes: `candor check --fix`, `--unsafe-fixes` and `--diff`.
//!
//! A [`Suggestion`] is a list of edits plus an [`Applicability`]. A pass applies, for every
//! diagnostic, its first suggestion the [`Mode`] allows; a suggestion whose edits overlap one
//! already taken waits for the next pass, after the draft is checked again. Passes repeat
//! until no allowed fix is left, so the text written is one candor has checked.

use crate::diagnostic::{Applicability, Diagnostic, Suggestion};
use crate::linter::{Linter, Options};
use crate::report::FileReport;

/// Which fixes to apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Only fixes that cannot change what the draft says (`--fix`).
    Safe,
    /// Rewrites the writer reviews too (`--fix --unsafe-fixes`).
    Unsafe,
}

impl Mode {
    pub fn allows(self, a: Applicability) -> bool {
        match a {
            Applicability::Safe => true,
            Applicability::Unsafe => self == Mode::Unsafe,
            Applicability::DisplayOnly => false,
        }
    }
}

/// The suggestion `--fix` would apply to `d`, if any.
pub fn fix_for(d: &Diagnostic, mode: Mode) -> Option<&Suggestion> {
    d.suggestions.iter().find(|s| mode.allows(s.applicability))
}

/// The text after one pass, and how many suggestions it applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    pub text: String,
    pub applied: usize,
}

/// Applies `suggestions` to `source` in one pass; a suggestion is skipped when the mode does
/// not allow it or its edits overlap those of one taken before it.
pub fn apply<'a>(
    source: &str,
    suggestions: impl IntoIterator<Item = &'a Suggestion>,
    mode: Mode,
) -> Applied {
    let mut taken: Vec<&Suggestion> = suggestions
        .into_iter()
        .filter(|s| mode.allows(s.applicability) && valid(s, source))
        .collect();
    taken.sort_by_key(|s| (s.span.start, s.span.end));
    let mut edits: Vec<(usize, usize, &str)> = Vec::new();
    let mut applied = 0;
    for s in taken {
        let clashes = s.edits.iter().any(|e| {
            edits
                .iter()
                .any(|&(a, b, _)| overlap(a, b, e.span.start, e.span.end))
        });
        if clashes {
            continue;
        }
        edits.extend(
            s.edits
                .iter()
                .map(|e| (e.span.start, e.span.end, e.replacement.as_str())),
        );
        applied += 1;
    }
    edits.sort_by_key(|e| (e.0, e.1));
    let mut text = String::with_capacity(source.len());
    let mut at = 0;
    for (start, end, replacement) in edits {
        text.push_str(&source[at..start]);
        text.push_str(replacement);
        at = end;
    }
    text.push_str(&source[at..]);
    Applied { text, applied }
}

/// Two edits clash when their ranges share a byte, or both insert at the same place (their
/// order would be a guess).
fn overlap(a: usize, b: usize, c: usize, d: usize) -> bool {
    (a < d && c < b) || (a == b && c == d && a == c)
}

/// Edits within the text, on character boundaries, in order and apart.
fn valid(s: &Suggestion, source: &str) -> bool {
    let mut last = 0;
    s.edits.iter().all(|e| {
        let (a, b) = (e.span.start, e.span.end);
        let ok = last <= a
            && a <= b
            && b <= source.len()
            && source.is_char_boundary(a)
            && source.is_char_boundary(b);
        last = b;
        ok
    })
}

/// The most passes a fix run makes: every pass must apply something, and fixes that undo one
/// another must not loop.
pub const MAX_PASSES: usize = 10;

/// The outcome of fixing one draft.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The fixed text (the original when nothing applied).
    pub text: String,
    /// How many suggestions were applied, over every pass.
    pub fixed: usize,
    /// The check of the fixed text.
    pub report: FileReport,
}

/// Checks `text`, applies every allowed fix and checks again, until no allowed fix is left.
pub fn fix_until_stable(linter: &Linter, text: &str, opts: &Options, mode: Mode) -> Outcome {
    let mut report = linter.check(text, opts);
    let mut current = text.to_string();
    let mut fixed = 0;
    for _ in 0..MAX_PASSES {
        let pass = apply(
            &current,
            report.diagnostics.iter().filter_map(|d| fix_for(d, mode)),
            mode,
        );
        if pass.applied == 0 || pass.text == current {
            break;
        }
        fixed += pass.applied;
        current = pass.text;
        report = linter.check(&current, opts);
    }
    Outcome {
        text: current,
        fixed,
        report,
    }
}

/// A unified diff of `before` → `after` under the name `path` (empty when they are equal).
pub fn unified_diff(path: &str, before: &str, after: &str) -> String {
    if before == after {
        return String::new();
    }
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

/// Writes `text` to `path` atomically: a temporary file in the same folder, given the
/// original's permissions, then renamed over it. A reader never sees half a file.
pub fn write_atomically(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    // Through a symbolic link, the file it points at is the one to replace.
    let path = &std::fs::canonicalize(path)?;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => std::path::Path::new("."),
    };
    let permissions = std::fs::metadata(path)?.permissions();
    let mut tmp = tempfile::Builder::new()
        .prefix(".candor-fix-")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.as_file().set_permissions(permissions)?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Edit, Span};

    fn span(start: usize, end: usize) -> Span {
        Span {
            start,
            end,
            line: 1,
            column: start + 1,
            end_line: 1,
            end_column: end + 1,
        }
    }

    fn sug(applicability: Applicability, edits: &[(usize, usize, &str)]) -> Suggestion {
        let start = edits.iter().map(|e| e.0).min().unwrap();
        let end = edits.iter().map(|e| e.1).max().unwrap();
        Suggestion {
            message: "fix".into(),
            applicability,
            edits: edits
                .iter()
                .map(|&(s, e, r)| Edit {
                    span: span(s, e),
                    replacement: r.into(),
                })
                .collect(),
            span: span(start, end),
            replacement: String::new(),
        }
    }

    #[test]
    fn applies_inserts_deletes_and_replacements_in_one_pass() {
        let text = "a \"bug\" at 10:00.";
        let quotes = sug(Applicability::Safe, &[(2, 3, ""), (6, 7, "")]);
        let zone = sug(Applicability::Safe, &[(16, 16, " UTC")]);
        let out = apply(text, [&zone, &quotes], Mode::Safe);
        assert_eq!(out.text, "a bug at 10:00 UTC.");
        assert_eq!(out.applied, 2);
    }

    #[test]
    fn mode_decides_what_applies() {
        let text = "for any inconvenience";
        let rewrite = sug(Applicability::Unsafe, &[(0, 21, "for the outage")]);
        let guess = sug(Applicability::DisplayOnly, &[(0, 0, "x")]);
        assert_eq!(apply(text, [&rewrite, &guess], Mode::Safe).applied, 0);
        let out = apply(text, [&rewrite, &guess], Mode::Unsafe);
        assert_eq!((out.text.as_str(), out.applied), ("for the outage", 1));
    }

    #[test]
    fn overlapping_fixes_wait_for_the_next_pass() {
        let text = "abcdef";
        let first = sug(Applicability::Safe, &[(0, 3, "X")]);
        let second = sug(Applicability::Safe, &[(2, 4, "Y")]);
        let same_insert = sug(Applicability::Safe, &[(6, 6, "!")]);
        let other_insert = sug(Applicability::Safe, &[(6, 6, "?")]);
        let out = apply(
            text,
            [&second, &first, &same_insert, &other_insert],
            Mode::Safe,
        );
        assert_eq!(out.text, "Xdef!");
        assert_eq!(out.applied, 2);
    }

    #[test]
    fn edits_off_the_text_or_inside_a_character_are_skipped() {
        let text = "é";
        let inside = sug(Applicability::Safe, &[(1, 2, "")]);
        let beyond = sug(Applicability::Safe, &[(0, 9, "")]);
        assert_eq!(apply(text, [&inside, &beyond], Mode::Safe).applied, 0);
    }

    #[test]
    fn diff_names_the_file_and_shows_the_change() {
        let d = unified_diff(
            "draft.md",
            "one\nA \"bug\".\nthree\n",
            "one\nA bug.\nthree\n",
        );
        assert!(d.contains("--- a/draft.md"), "{d}");
        assert!(d.contains("-A \"bug\"."), "{d}");
        assert!(d.contains("+A bug."), "{d}");
        assert_eq!(unified_diff("x", "same", "same"), "");
    }
}
