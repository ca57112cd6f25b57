//! The kinds of communication candor knows, status-update phases, and inference of both
//! from the text when nothing declares them.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    StatusUpdate,
    IncidentEmail,
    VulnerabilityNotice,
    BreachNotice,
    Postmortem,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::StatusUpdate,
        Kind::IncidentEmail,
        Kind::VulnerabilityNotice,
        Kind::BreachNotice,
        Kind::Postmortem,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::StatusUpdate => "status-update",
            Kind::IncidentEmail => "incident-email",
            Kind::VulnerabilityNotice => "vulnerability-notice",
            Kind::BreachNotice => "breach-notice",
            Kind::Postmortem => "postmortem",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Kind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let norm = s.trim().to_ascii_lowercase().replace(['_', ' '], "-");
        match norm.as_str() {
            "status-update" | "status" => Ok(Kind::StatusUpdate),
            "incident-email" | "email" => Ok(Kind::IncidentEmail),
            "vulnerability-notice" | "vulnerability" | "advisory" | "security-advisory" => {
                Ok(Kind::VulnerabilityNotice)
            }
            "breach-notice" | "breach" | "data-breach" => Ok(Kind::BreachNotice),
            "postmortem" | "post-mortem" | "incident-review" | "post-incident-review" => {
                Ok(Kind::Postmortem)
            }
            _ => Err(format!(
                "unknown kind `{s}`; expected one of: {}",
                Kind::ALL.map(Kind::as_str).join(", ")
            )),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Phase {
    Investigating,
    Identified,
    Monitoring,
    Resolved,
}

impl Phase {
    pub const ALL: [Phase; 4] = [
        Phase::Investigating,
        Phase::Identified,
        Phase::Monitoring,
        Phase::Resolved,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Investigating => "investigating",
            Phase::Identified => "identified",
            Phase::Monitoring => "monitoring",
            Phase::Resolved => "resolved",
        }
    }
}

impl fmt::Display for Phase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Phase {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "investigating" => Ok(Phase::Investigating),
            "identified" => Ok(Phase::Identified),
            "monitoring" => Ok(Phase::Monitoring),
            "resolved" => Ok(Phase::Resolved),
            _ => Err(format!(
                "unknown phase `{s}`; expected one of: {}",
                Phase::ALL.map(Phase::as_str).join(", ")
            )),
        }
    }
}

/// Where the kind (and phase) of a document came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum KindSource {
    FrontMatter,
    Config,
    Cli,
    Inferred,
}

impl KindSource {
    pub fn as_str(self) -> &'static str {
        match self {
            KindSource::FrontMatter => "front-matter",
            KindSource::Config => "config",
            KindSource::Cli => "cli",
            KindSource::Inferred => "inferred",
        }
    }
}

/// Guess the kind from vocabulary and headings. Returns `None` when nothing points anywhere,
/// so an unrelated Markdown file is not judged against a policy it was never meant to meet.
pub fn infer_kind(text: &str) -> Option<Kind> {
    let lower = text.to_lowercase();
    let has = |needles: &[&str]| needles.iter().filter(|n| lower.contains(*n)).count() as i32;
    let mut scores = [
        (
            Kind::Postmortem,
            3 * has(&[
                "post-mortem",
                "postmortem",
                "post-incident",
                "incident review",
                "incident report",
                "incident summary",
                "retrospective",
                "root cause",
            ]) + has(&[
                "## timeline",
                "lessons learned",
                "action items",
                "what went wrong",
                "contributing factor",
            ]),
        ),
        (
            Kind::BreachNotice,
            3 * has(&[
                "notice of data breach",
                "data breach",
                "notice of data incident",
                "notice of security",
            ]) + has(&[
                "personal information",
                "social security",
                "credit monitoring",
                "identity theft",
                "what information was involved",
                "unauthorized",
            ]),
        ),
        (
            Kind::VulnerabilityNotice,
            3 * has(&[
                "vulnerability",
                "security advisory",
                "cve-",
                "security notice",
            ]) + has(&[
                "bug bounty",
                "researcher",
                "xss",
                "injection",
                "open redirect",
                "disclosed",
                "reported by",
            ]),
        ),
        (
            Kind::StatusUpdate,
            2 * has(&["investigating", "identified", "monitoring", "resolved"])
                + has(&[
                    "next update",
                    "status page",
                    "we are currently",
                    "update posted",
                    "degraded",
                ]),
        ),
        (
            Kind::IncidentEmail,
            3 * has(&["subject:", "dear "])
                + has(&["kind regards", "sincerely", "hi there", "hello,"]),
        ),
    ];
    scores.sort_by_key(|(_, s)| -*s);
    (scores[0].1 > 0).then_some(scores[0].0)
}

/// Guess a status-update phase from its first lines (where status pages put the state).
pub fn infer_phase(text: &str) -> Option<Phase> {
    let head: String = text
        .lines()
        .take(6)
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let order = [
        ("resolved", Phase::Resolved),
        ("monitoring", Phase::Monitoring),
        ("identified", Phase::Identified),
        ("investigating", Phase::Investigating),
    ];
    order
        .iter()
        .filter_map(|(w, p)| head.find(w).map(|i| (i, *p)))
        .min_by_key(|(i, _)| *i)
        .map(|(_, p)| p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_kind_aliases() {
        assert_eq!("post-mortem".parse::<Kind>(), Ok(Kind::Postmortem));
        assert_eq!("Status_Update".parse::<Kind>(), Ok(Kind::StatusUpdate));
        assert!("memo".parse::<Kind>().is_err());
    }

    #[test]
    fn infers_from_vocabulary() {
        assert_eq!(
            infer_kind("# Post-mortem: API outage\n\n## Root cause"),
            Some(Kind::Postmortem)
        );
        assert_eq!(
            infer_kind("Notice of Data Breach\n\nDear Ms. Smith"),
            Some(Kind::BreachNotice)
        );
        assert_eq!(
            infer_kind("Investigating - We are looking into errors. Next update at 10:00 UTC."),
            Some(Kind::StatusUpdate)
        );
        assert_eq!(
            infer_kind("# Incident report: API errors on 14 October"),
            Some(Kind::Postmortem)
        );
        assert_eq!(infer_kind("A shopping list: eggs, milk."), None);
        assert_eq!(
            infer_phase("Resolved: API errors\n\nWe fixed it."),
            Some(Phase::Resolved)
        );
    }
}
