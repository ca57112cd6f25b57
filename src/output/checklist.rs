//! The element checklist every view shows (human `--explain-elements`, HTML, the language
//! server's hover on a missing-element finding): for each element, whether the policy needs it,
//! whether the document has it, and the evidence found.

use crate::diagnostic::Severity;
use crate::kind::KindSource;
use crate::policy::{Element, Evidence};
use crate::report::FileReport;

/// Where an element stands in one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Present (or honestly deferred), as the policy needs it.
    Met,
    /// Required by the policy and not found.
    Missing,
    /// Not found, and the policy does not ask for it.
    NotChecked,
}

impl Status {
    pub fn mark(self) -> &'static str {
        match self {
            Status::Met => "✓",
            Status::Missing => "✗",
            Status::NotChecked => "·",
        }
    }

    /// The HTML report's class and `data-status` (a stable attribute).
    pub fn class(self) -> &'static str {
        match self {
            Status::Met => "ok",
            Status::Missing => "missing",
            Status::NotChecked => "unchecked",
        }
    }
}

/// One element's line of the checklist.
pub struct Row {
    /// The element's key (`root_cause`, or a team element's name).
    pub key: String,
    /// The element's label (`root cause`).
    pub label: String,
    pub status: Status,
    /// "required", "should", "optional" or "not checked".
    pub need: &'static str,
    /// The apology's quality (`genuine`, `generic`, `conditional`), when one was found.
    pub quality: Option<&'static str>,
    /// The first sentence that shows the element.
    pub evidence: Option<Evidence>,
    /// The sentence saying the element is not known yet (and when it will be).
    pub deferred: Option<Evidence>,
}

pub fn rows(f: &FileReport) -> Vec<Row> {
    let need = |required: Option<&Severity>| match required {
        Some(Severity::Error) => "required",
        Some(Severity::Warning) => "should",
        Some(Severity::Info) => "optional",
        None => "not checked",
    };
    let status = |met: bool, required: bool| {
        if met {
            Status::Met
        } else if required {
            Status::Missing
        } else {
            Status::NotChecked
        }
    };
    let mut rows: Vec<Row> = f
        .elements
        .iter()
        .map(|(e, found)| {
            let required = f.requirements.get(&e);
            Row {
                key: e.key().to_string(),
                label: e.label().to_string(),
                status: status(f.elements.satisfies(e), required.is_some()),
                need: need(required),
                quality: (e == Element::Apology)
                    .then(|| found.quality.map(|q| q.as_str()))
                    .flatten(),
                evidence: found.evidence.first().copied(),
                deferred: found.deferred,
            }
        })
        .collect();
    // The team's elements: listed when the document's policy requires them or they were found.
    for (name, found) in &f.elements.custom {
        let required = f.custom_requirements.get(name);
        if required.is_none() && !found.present {
            continue;
        }
        rows.push(Row {
            key: name.clone(),
            label: name.replace(['-', '_'], " "),
            status: status(found.present, required.is_some()),
            need: need(required),
            quality: None,
            evidence: found.evidence.first().copied(),
            deferred: None,
        });
    }
    rows
}

/// "status update (resolved)", or "unknown kind".
pub fn kind_label(f: &FileReport) -> String {
    let kind = match (&f.custom_kind, f.kind) {
        (Some(c), Some(k)) => format!("{c} (like {k})"),
        (Some(c), None) => c.clone(),
        (None, k) => k.map_or("unknown kind".to_string(), |k| k.to_string()),
    };
    let phase = f.phase.map(|p| format!(" ({p})")).unwrap_or_default();
    let confidence = match (f.kind_confidence, f.phase_confidence) {
        (Some(k), Some(p)) if k != p => format!(" ({k} confidence; phase: {p} confidence)"),
        (Some(k), _) => format!(" ({k} confidence)"),
        (None, Some(p)) => format!(" (phase: {p} confidence)"),
        (None, None) => String::new(),
    };
    format!("{kind}{phase}{confidence}")
}

/// Where the kind came from, in words: "kind inferred from the text".
pub fn kind_origin(source: KindSource) -> &'static str {
    match source {
        KindSource::Cli => "kind from --kind",
        KindSource::FrontMatter => "kind from the front matter",
        KindSource::Config => "kind from candor.toml",
        KindSource::Inferred => "kind inferred from the text",
    }
}

/// Evidence text on one line.
pub fn evidence_text(source: &str, ev: Evidence) -> String {
    source
        .get(ev.start..ev.end)
        .unwrap_or("")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Evidence text on one line, shortened to `max` characters.
pub fn evidence_excerpt(source: &str, ev: Evidence, max: usize) -> String {
    let text = evidence_text(source, ev);
    if text.chars().count() <= max {
        return text;
    }
    let short: String = text.chars().take(max).collect();
    format!("{short}…")
}

/// The checklist as Markdown (the language server's hover).
pub fn markdown(f: &FileReport) -> String {
    let mut out = format!(
        "**Checklist**: {}, {}\n\n",
        kind_label(f),
        kind_origin(f.kind_source)
    );
    for r in rows(f) {
        let quality = r.quality.map(|q| format!(" [{q}]")).unwrap_or_default();
        out.push_str(&format!(
            "- {} **{}** — {}{quality}",
            r.status.mark(),
            r.label,
            r.need
        ));
        match (r.evidence, r.deferred) {
            (Some(ev), _) => out.push_str(&format!(": “{}”", evidence_excerpt(&f.source, ev, 120))),
            (None, Some(ev)) => out.push_str(&format!(
                ": not known yet: “{}”",
                evidence_excerpt(&f.source, ev, 120)
            )),
            (None, None) => {}
        }
        out.push('\n');
    }
    out
}
