//! What a check returns: per-file results (kind, elements, diagnostics) and run-level errors.

use crate::diagnostic::{Diagnostic, Severity};
use crate::kind::{Confidence, Kind, KindSource, Phase};
use crate::policy::packs::PackCheck;
use crate::policy::{Element, Elements};
use std::collections::BTreeMap;

/// The result of checking one document.
#[derive(Debug, Clone)]
pub struct FileReport {
    pub path: String,
    pub kind: Option<Kind>,
    pub kind_source: KindSource,
    /// The team's own kind (`[kinds.<name>]` in candor.toml) the file is, if any; `kind` is
    /// then the built-in kind it is judged like (`like`), if any.
    pub custom_kind: Option<String>,
    /// How sure the inference of `kind` is; `None` when the kind was declared or none inferred.
    pub kind_confidence: Option<Confidence>,
    /// The second most likely kind, when the kind was inferred.
    pub kind_runner_up: Option<Kind>,
    pub phase: Option<Phase>,
    /// How sure the inference of `phase` is; `None` when the phase was declared or none inferred.
    pub phase_confidence: Option<Confidence>,
    pub packs: Vec<String>,
    pub elements: Elements,
    /// The elements the policy requires for this kind/phase, with the severity of their absence.
    pub requirements: BTreeMap<Element, Severity>,
    /// The team's elements (`[elements.<name>]`) required here, with the severity of their
    /// absence.
    pub custom_requirements: BTreeMap<String, Severity>,
    /// The outcome of every requirement of the enabled regulatory packs (checklist view).
    pub pack_checks: Vec<PackCheck>,
    pub diagnostics: Vec<Diagnostic>,
    /// The checked text, for rendering snippets.
    pub source: String,
    /// How the file was stored. Spans are byte offsets into `source`, which for a UTF-8 file
    /// are the file's own offsets, and for UTF-16 ones offsets into the UTF-8 decoding.
    pub encoding: Encoding,
    /// How many fixes `--fix` applied (the report is then of the fixed text).
    pub fixed: usize,
    /// The text before fixes, kept when they were not written (`--diff`, standard input).
    pub before_fixes: Option<String>,
}

/// A file's text encoding, as detected by its byte-order mark.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Encoding {
    #[default]
    Utf8,
    Utf16Le,
    Utf16Be,
}

impl Encoding {
    pub fn as_str(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
        }
    }
}

impl FileReport {
    pub fn count(&self, sev: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == sev)
            .count()
    }

    pub fn max_severity(&self) -> Option<Severity> {
        self.diagnostics.iter().map(|d| d.severity).max()
    }

    /// The kind or phase was inferred with low confidence: the reader should declare it.
    pub fn unsure_of_kind(&self) -> bool {
        self.kind_confidence == Some(Confidence::Low)
            || self.phase_confidence == Some(Confidence::Low)
    }
}

/// A file that could not be checked, and why.
#[derive(Debug, Clone)]
pub struct FileError {
    pub path: String,
    pub message: String,
    pub help: String,
    /// Byte offset of the problem, where there is one (e.g. the first invalid UTF-8 byte).
    pub offset: Option<usize>,
}

/// The result of a whole run.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub files: Vec<FileReport>,
    pub errors: Vec<FileError>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub files: usize,
    pub files_with_findings: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub unreadable: usize,
    /// Fixes applied by `--fix`.
    #[serde(skip_serializing_if = "is_zero")]
    pub fixed: usize,
    /// Findings that `--fix` would fix; and those only `--unsafe-fixes` would.
    #[serde(skip)]
    pub fixable: usize,
    #[serde(skip)]
    pub unsafe_fixable: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl Summary {
    /// Counts one checked file.
    pub fn add(&mut self, f: &FileReport) {
        self.files += 1;
        self.files_with_findings += usize::from(!f.diagnostics.is_empty());
        self.errors += f.count(Severity::Error);
        self.warnings += f.count(Severity::Warning);
        self.infos += f.count(Severity::Info);
        self.fixed += f.fixed;
        for d in &f.diagnostics {
            if crate::fix::fix_for(d, crate::fix::Mode::Safe).is_some() {
                self.fixable += 1;
            } else if crate::fix::fix_for(d, crate::fix::Mode::Unsafe).is_some() {
                self.unsafe_fixable += 1;
            }
        }
    }
}

/// Exit status: 2 if any file could not be read, 1 if any finding is at or above `fail_on`,
/// else 0. `worst` is the highest severity of any finding.
pub fn exit_code(unreadable: usize, worst: Option<Severity>, fail_on: Severity) -> i32 {
    if unreadable > 0 {
        2
    } else if worst.is_some_and(|s| s >= fail_on) {
        1
    } else {
        0
    }
}

impl Report {
    pub fn summary(&self) -> Summary {
        let mut s = Summary {
            unreadable: self.errors.len(),
            ..Summary::default()
        };
        for f in &self.files {
            s.add(f);
        }
        s
    }

    /// Exit status: 2 if any file could not be read, 1 if any finding is at or above
    /// `fail_on`, else 0.
    pub fn exit_code(&self, fail_on: Severity) -> i32 {
        let worst = self.files.iter().filter_map(FileReport::max_severity).max();
        exit_code(self.errors.len(), worst, fail_on)
    }
}
