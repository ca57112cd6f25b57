//! Choosing which files to check for pre-merge runs: `--changed-since REV` (files a branch
//! touched, from git) and `--files-from FILE|-` (a list of paths, one a line).
//!
//! Both lists are filtered by the config's `include`/`exclude` globs, so piping every changed
//! file (code included) is fine: only drafts are checked.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Why a file list could not be built.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("{message}")]
#[diagnostic(code(candor::select))]
pub struct SelectError {
    pub message: String,
    #[help]
    pub help: Option<String>,
}

fn err(message: impl Into<String>, help: impl Into<String>) -> SelectError {
    SelectError {
        message: message.into(),
        help: Some(help.into()),
    }
}

fn git(cwd: &Path, args: &[&str]) -> Result<Vec<u8>, SelectError> {
    let out = Command::new("git").args(args).current_dir(cwd).output().map_err(|e| {
        err(format!("cannot run git: {e}"), "--changed-since needs git on the PATH; use --files-from to pass a list of files instead")
    })?;
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr).trim().to_string();
        return Err(err(
            format!("`git {}` failed: {stderr}", args.join(" ")),
            "run candor inside a git repository and pass a revision git knows, e.g. `--changed-since origin/main` (in CI, fetch enough history: `fetch-depth: 0`)",
        ));
    }
    Ok(out.stdout)
}

/// Files added, copied, modified or renamed since `rev`, and untracked files that are not
/// ignored, as paths relative to `cwd` when they are inside it. "Since" means since the
/// merge base of `rev` and HEAD (what a pull request changed), including uncommitted work.
pub fn changed_since(rev: &str, cwd: &Path) -> Result<Vec<PathBuf>, SelectError> {
    if rev.starts_with('-') {
        return Err(err(
            format!("`{rev}` is not a revision"),
            "pass a branch, tag or commit, e.g. `--changed-since origin/main`",
        ));
    }
    let top = String::from_utf8_lossy(&git(cwd, &["rev-parse", "--show-toplevel"])?)
        .trim()
        .to_string();
    let top = PathBuf::from(top);
    // Verify the revision first, for a clear error.
    git(cwd, &["rev-parse", "--verify", "--quiet", &format!("{rev}^{{commit}}")])
        .map_err(|_| err(format!("unknown revision `{rev}`"), "pass a branch, tag or commit git knows; in CI, fetch it first (e.g. `fetch-depth: 0` in actions/checkout)"))?;
    let base = git(cwd, &["merge-base", rev, "HEAD"])
        .map(|b| String::from_utf8_lossy(&b).trim().to_string())
        .unwrap_or_else(|_| rev.to_string());
    let mut names = split_nul(&git(
        cwd,
        &[
            "diff",
            "--name-only",
            "-z",
            "--no-renames",
            "--diff-filter=ACMR",
            &base,
            "--",
        ],
    )?);
    names.extend(split_nul(&git(
        cwd,
        &[
            "ls-files",
            "-z",
            "--others",
            "--exclude-standard",
            "--full-name",
        ],
    )?));
    let cwd_abs = std::fs::canonicalize(cwd).unwrap_or_else(|_| cwd.to_path_buf());
    let top_abs = std::fs::canonicalize(&top).unwrap_or(top);
    let mut files: Vec<PathBuf> = names
        .into_iter()
        .map(|n| top_abs.join(n))
        .filter(|p| p.is_file())
        .map(|p| p.strip_prefix(&cwd_abs).map(Path::to_path_buf).unwrap_or(p))
        .collect();
    files.sort();
    files.dedup();
    Ok(files)
}

fn split_nul(bytes: &[u8]) -> Vec<String> {
    bytes
        .split(|b| *b == 0)
        .filter(|s| !s.is_empty())
        .map(|s| String::from_utf8_lossy(s).into_owned())
        .collect()
}

/// Paths from a file (or standard input for `-`), one a line; blank lines are skipped.
pub fn files_from(source: &Path) -> Result<Vec<PathBuf>, SelectError> {
    let text = if source.as_os_str() == "-" {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s).map_err(|e| {
            err(
                format!("cannot read the file list from standard input: {e}"),
                "pipe one path a line into candor",
            )
        })?;
        s
    } else {
        std::fs::read_to_string(source).map_err(|e| {
            err(
                format!("cannot read the file list {}: {e}", source.display()),
                "--files-from takes a text file with one path a line, or `-` for standard input",
            )
        })?
    };
    Ok(parse_list(&text))
}

pub fn parse_list(text: &str) -> Vec<PathBuf> {
    text.lines()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.trim().is_empty())
        .map(PathBuf::from)
        .collect()
}

/// Keeps the files under one of `roots` (all of them when `roots` is empty).
pub fn within(files: Vec<PathBuf>, roots: &[PathBuf]) -> Vec<PathBuf> {
    if roots.is_empty() {
        return files;
    }
    let norm = |p: &Path| p.strip_prefix("./").unwrap_or(p).to_path_buf();
    let roots: Vec<PathBuf> = roots.iter().map(|r| norm(r)).collect();
    files
        .into_iter()
        .filter(|f| {
            roots
                .iter()
                .any(|r| r.as_os_str() == "." || norm(f).starts_with(r))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_skip_blank_lines_and_carriage_returns() {
        assert_eq!(
            parse_list("a.md\r\n\n  \nb c.txt\n"),
            vec![PathBuf::from("a.md"), PathBuf::from("b c.txt")]
        );
    }

    #[test]
    fn within_keeps_files_under_the_given_roots() {
        let files = vec![PathBuf::from("docs/a.md"), PathBuf::from("notes/b.md")];
        assert_eq!(
            within(files.clone(), &[PathBuf::from("./docs")]),
            vec![PathBuf::from("docs/a.md")]
        );
        assert_eq!(within(files.clone(), &[]), files);
    }
}
