//! Running over files: path walking (.gitignore honoured), reading with clear errors for
//! anything that is not text, and checking in parallel with results in a stable order.

use crate::document::Format;
use crate::kind::{Kind, Phase};
use crate::linter::{Linter, Options};
use crate::report::{Encoding, FileError, FileReport, Report};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// Files larger than this are reported instead of read.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// What a run checks and how.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    pub kind: Option<Kind>,
    pub phase: Option<Phase>,
    pub packs: Vec<String>,
    /// Apply fixes (`--fix`, `--diff`); `None` checks without changing anything.
    pub fix: Option<FixRun>,
}

/// How a run fixes files.
#[derive(Debug, Clone, Copy)]
pub struct FixRun {
    pub mode: crate::fix::Mode,
    /// Write the fixed text back to its file (`--fix`); otherwise keep the text before fixes in
    /// the report for a diff (`--diff`). Standard input is never written.
    pub write: bool,
}

/// How directories are walked.
#[derive(Debug, Clone, Copy, Default)]
pub struct WalkOptions {
    /// Also walk hidden files and folders (`.github/`), which are skipped by default as
    /// ripgrep and fd do: they hold tool configuration, rarely drafts.
    pub hidden: bool,
}

/// One input: a file found on disk, or text from standard input with a display name.
pub enum Input {
    Path(PathBuf),
    Stdin { name: String, bytes: Vec<u8> },
}

/// Expands paths: files are taken as given (whatever their extension), directories are walked
/// with .gitignore honoured, hidden entries skipped unless `walk.hidden`, and filtered by the
/// config's include/exclude globs. Missing paths and unreadable folders become errors, each
/// against its own path. The result is sorted and free of duplicates.
pub fn collect(
    linter: &Linter,
    paths: &[PathBuf],
    walk: &WalkOptions,
    errors: &mut Vec<FileError>,
) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for p in paths {
        match std::fs::metadata(p) {
            Err(e) => errors.push(FileError {
                path: p.display().to_string(),
                message: format!("cannot read {}: {}", p.display(), io_reason(&e)),
                help: "check the path; `candor check` takes files and directories".into(),
                offset: None,
            }),
            Ok(m) if m.is_dir() => {
                let walker = ignore::WalkBuilder::new(p)
                    .hidden(!walk.hidden)
                    .git_ignore(true)
                    .require_git(false)
                    .follow_links(false)
                    .build();
                for entry in walker {
                    match entry {
                        Ok(e) if e.file_type().is_some_and(|t| t.is_file()) => {
                            if linter.config().is_included(e.path()) {
                                files.push(e.path().to_path_buf());
                            }
                        }
                        Ok(_) => {}
                        Err(err) => errors.push(FileError {
                            path: walk_error_path(&err).unwrap_or(p).display().to_string(),
                            message: format!("error while walking {}: {err}", p.display()),
                            help: "check permissions and symbolic links under this directory"
                                .into(),
                            offset: None,
                        }),
                    }
                }
            }
            Ok(_) => files.push(p.clone()),
        }
    }
    files.sort();
    files.dedup();
    files
}

/// The file or folder a walk error is about (`./sub` when `sub` cannot be read), if it says.
fn walk_error_path(err: &ignore::Error) -> Option<&Path> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            walk_error_path(err)
        }
        ignore::Error::Loop { child, .. } => Some(child),
        _ => None,
    }
}

/// Checks inputs in parallel; reports come back in input order.
pub fn check_inputs(linter: &Linter, inputs: Vec<Input>, opts: &RunOptions) -> Report {
    let mut report = Report::default();
    check_each(linter, inputs, opts, |r| match r {
        Ok(f) => report.files.push(f),
        Err(e) => report.errors.push(e),
    });
    report
}

/// Inputs checked per batch and thread: batches keep memory bounded by the batch, not the
/// run, and are large enough that waiting for a batch's slowest file costs little.
const BATCH_PER_THREAD: usize = 32;

/// Checks inputs in parallel and hands each result to `sink` in input order. Inputs are
/// checked in batches; `sink` runs on its own thread while the next batch is checked, so
/// rendering overlaps checking and a run never holds more than two batches of reports.
pub fn check_each<F>(linter: &Linter, inputs: Vec<Input>, opts: &RunOptions, mut sink: F)
where
    F: FnMut(Result<FileReport, FileError>) + Send,
{
    let batch = BATCH_PER_THREAD * rayon::current_num_threads().max(1);
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Result<FileReport, FileError>>>(1);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            for results in rx {
                results.into_iter().for_each(&mut sink);
            }
        });
        let mut inputs = inputs.into_iter();
        loop {
            let chunk: Vec<Input> = inputs.by_ref().take(batch).collect();
            if chunk.is_empty() {
                break;
            }
            let results = chunk
                .into_par_iter()
                .map(|input| check_one(linter, input, opts))
                .collect();
            if tx.send(results).is_err() {
                break;
            }
        }
        drop(tx);
    });
}

fn check_one(linter: &Linter, input: Input, opts: &RunOptions) -> Result<FileReport, FileError> {
    let mut file = None;
    let (name, bytes) = match input {
        Input::Path(p) => {
            let name = p.display().to_string();
            let bytes = read_file(&p).map_err(|(message, help)| FileError {
                path: name.clone(),
                message,
                help,
                offset: None,
            })?;
            file = Some(p);
            (name, bytes)
        }
        Input::Stdin { name, bytes } => (name, bytes),
    };
    let (text, encoding) = decode_detected(bytes).map_err(|(message, help, offset)| FileError {
        path: name.clone(),
        message,
        help,
        offset,
    })?;
    let doc_opts = Options {
        format: Format::from_path(&name),
        path: name,
        kind: opts.kind,
        phase: opts.phase,
        packs: opts.packs.clone(),
    };
    let Some(fix) = opts.fix else {
        let mut report = linter.check_owned(text, &doc_opts);
        report.encoding = encoding;
        return Ok(report);
    };
    let outcome = crate::fix::fix_until_stable(linter, &text, &doc_opts, fix.mode);
    let mut report = outcome.report;
    report.encoding = encoding;
    report.fixed = outcome.fixed;
    match file {
        Some(path) if fix.write => {
            if outcome.fixed > 0 {
                let bytes = encode(&outcome.text, encoding);
                crate::fix::write_atomically(&path, &bytes).map_err(|e| FileError {
                    path: report.path.clone(),
                    message: format!("cannot write the fixes: {}", io_reason(&e)),
                    help: "check that the file and its folder are writable; nothing was changed"
                        .into(),
                    offset: None,
                })?;
            }
        }
        _ => report.before_fixes = Some(text),
    }
    Ok(report)
}

/// `text` in the encoding its file had (a UTF-16 file gets its byte-order mark back).
fn encode(text: &str, encoding: Encoding) -> Vec<u8> {
    match encoding {
        Encoding::Utf8 => text.as_bytes().to_vec(),
        Encoding::Utf16Le => [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect(),
        Encoding::Utf16Be => [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect(),
    }
}

fn read_file(p: &Path) -> Result<Vec<u8>, (String, String)> {
    let meta = std::fs::metadata(p).map_err(|e| {
        (
            format!("cannot read {}: {}", p.display(), io_reason(&e)),
            "check that the file exists and is readable".to_string(),
        )
    })?;
    if meta.is_dir() {
        return Err((
            format!("{} is a directory", p.display()),
            "pass the directory itself to check every draft inside it".into(),
        ));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err((
            format!(
                "{} is {} MiB, more than the {} MiB candor reads",
                p.display(),
                meta.len() / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
            "split the document, or exclude it in candor.toml (`exclude = [...]`)".into(),
        ));
    }
    std::fs::read(p).map_err(|e| {
        (
            format!("cannot read {}: {}", p.display(), io_reason(&e)),
            "check the file's permissions".to_string(),
        )
    })
}

/// Bytes → text. UTF-8 (with or without BOM) and UTF-16 with a BOM are accepted; binary data and
/// invalid UTF-8 are errors that give the byte offset.
pub fn decode(bytes: &[u8]) -> Result<String, (String, String, Option<usize>)> {
    decode_detected(bytes.to_vec()).map(|(text, _)| text)
}

/// [`decode`], with the encoding it found. A UTF-8 text keeps its byte-order mark (so its
/// offsets are the file's); a UTF-16 one is decoded without it. UTF-8 bytes become the text
/// without a copy.
pub fn decode_detected(
    bytes: Vec<u8>,
) -> Result<(String, Encoding), (String, String, Option<usize>)> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let le = bytes[0] == 0xFF;
        let encoding = if le {
            Encoding::Utf16Le
        } else {
            Encoding::Utf16Be
        };
        let body = &bytes[2..];
        if body.len() % 2 == 1 {
            return Err((
                "invalid UTF-16 text after a UTF-16 byte-order mark: an odd number of bytes (the file may be truncated)".into(),
                "re-save the file as UTF-8".into(),
                Some(bytes.len() - 1),
            ));
        }
        let units = body.chunks_exact(2).map(|c| {
            if le {
                u16::from_le_bytes([c[0], c[1]])
            } else {
                u16::from_be_bytes([c[0], c[1]])
            }
        });
        let mut text = String::with_capacity(body.len());
        for (i, c) in char::decode_utf16(units).enumerate() {
            match c {
                Ok(c) => text.push(c),
                Err(_) => {
                    // An unpaired surrogate at UTF-16 unit `i`: report its byte offset in the file.
                    let at = 2 + 2 * i;
                    return Err((
                        format!(
                            "invalid UTF-16 text after a UTF-16 byte-order mark: unpaired surrogate at offset {at}"
                        ),
                        "re-save the file as UTF-8".into(),
                        Some(at),
                    ));
                }
            }
        }
        return Ok((text, encoding));
    }
    // Text never contains NUL; anywhere in the file it means binary data (or UTF-16 without a
    // byte-order mark).
    if let Some(nul) = bytes.iter().position(|&b| b == 0) {
        return Err((
            "this looks like a binary file, not a text draft".into(),
            "candor checks Markdown and plain text (UTF-8, or UTF-16 with a byte-order mark); exclude this file or check the right path"
                .into(),
            Some(nul),
        ));
    }
    match String::from_utf8(bytes) {
        Ok(s) => Ok((s, Encoding::Utf8)),
        Err(e) => Err((
            format!(
                "not valid UTF-8: invalid byte at offset {}",
                e.utf8_error().valid_up_to()
            ),
            "re-save the file as UTF-8 (most editors have an \"encoding\" option when saving)"
                .into(),
            Some(e.utf8_error().valid_up_to()),
        )),
    }
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walk_errors_name_the_folder_they_are_about() {
        let denied = || {
            Box::new(ignore::Error::Io(std::io::Error::from(
                std::io::ErrorKind::PermissionDenied,
            )))
        };
        let err = ignore::Error::WithDepth {
            depth: 1,
            err: Box::new(ignore::Error::WithPath {
                path: PathBuf::from("./sub"),
                err: denied(),
            }),
        };
        assert_eq!(walk_error_path(&err), Some(Path::new("./sub")));
        assert_eq!(walk_error_path(&denied()), None);
    }
}
