//! The kinds of communication candor knows, status-update phases, and inference of both
//! from the text when nothing declares them.
//!
//! Kind inference ([`guess_kind`]) is a small scoring model: each entry of [`SIGNALS`] is a
//! named, documented measure of one convention of a genre (status-thread entries, e-mail
//! headers, the statutory headings of breach letters, advisory identifiers, post-mortem
//! sections, …), and the kind with the most points wins, with a confidence from its margin
//! over the runner-up. Other genres that share their words (release notes, project docs,
//! security policies) compete as "no communication". Phase inference ([`guess_phase`]) takes
//! the latest entry of the status thread ([`crate::document::thread`]), or the wording.

use crate::document::thread::{EntryStatus, OrderEvidence, Thread, strip_decoration};
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

/// How sure an inference is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Confidence {
    Low,
    Medium,
    High,
}

impl Confidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }

    /// Maps a 0–1 score: high from 0.6, medium from 0.3.
    pub fn from_score(score: f32) -> Confidence {
        if score >= 0.6 {
            Confidence::High
        } else if score >= 0.3 {
            Confidence::Medium
        } else {
            Confidence::Low
        }
    }
}

impl fmt::Display for Confidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The kind inferred for a document and how sure the inference is.
#[derive(Debug, Clone, PartialEq)]
pub struct KindGuess {
    /// `None` when the text is no incident communication (too little evidence for any kind).
    pub kind: Option<Kind>,
    /// 0–1: how clearly the best kind beats the runner-up, discounted when there is little
    /// evidence at all.
    pub score: f32,
    pub confidence: Confidence,
    /// The second most likely kind, when anything points to it.
    pub runner_up: Option<Kind>,
    /// Each kind's total, in [`Kind::ALL`] order.
    pub totals: [f32; 5],
    /// The total for "no incident communication" (release notes, project docs, policies).
    pub not_communication: f32,
    /// The signals that fired.
    pub signals: Vec<SignalHit>,
}

/// A signal that fired, with the points it gave.
#[derive(Debug, Clone, PartialEq)]
pub struct SignalHit {
    pub name: &'static str,
    /// `None`: evidence that the text is no incident communication.
    pub kind: Option<Kind>,
    pub points: f32,
}

/// Where an inferred phase came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhaseEvidence {
    /// The status word of the thread's latest entry.
    StatusWord,
    /// The wording of the update ("we are investigating", "has been resolved").
    Language,
    /// Nothing: no phase.
    Nothing,
}

/// The phase inferred for a status update and how sure the inference is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhaseGuess {
    pub phase: Option<Phase>,
    pub confidence: Confidence,
    pub from: PhaseEvidence,
}

/// The least total a kind needs before it is inferred: below it the text is taken to be no
/// incident communication (a shopping list, a note) and no policy applies. Documents of other
/// genres that share words with incident communications (release notes that cite CVEs, a
/// README with an "Affected versions" table) are told apart by [`NOT_COMMUNICATION`].
const MIN_TOTAL: f32 = 3.0;

/// Guess the kind from the structure and language of the text. Returns `None` when nothing
/// points anywhere, so an unrelated Markdown file is not judged against a policy it was never
/// meant to meet.
#[cfg(test)]
pub fn infer_kind(text: &str) -> Option<Kind> {
    guess_kind(text).kind
}

/// The kind with its confidence and the evidence for it.
///
/// Every [`SIGNALS`] entry measures one convention of a genre (0–1) and adds its weight times
/// that to its kind; the kind with the highest total wins when it reaches [`MIN_TOTAL`]. The
/// score is the margin over the runner-up relative to the winner's total, discounted when the
/// total itself is small.
pub fn guess_kind(text: &str) -> KindGuess {
    let text = sample(text);
    let t = Text::new(&text);
    let mut totals = [0f32; 5];
    let mut signals = Vec::new();
    for s in SIGNALS {
        let m = (s.measure)(&t).clamp(0.0, 1.0);
        if m > 0.0 {
            let points = m * s.weight;
            totals[kind_index(s.kind)] += points;
            signals.push(SignalHit {
                name: s.name,
                kind: Some(s.kind),
                points,
            });
        }
    }
    let mut other = 0.0;
    for (name, weight, measure) in NOT_COMMUNICATION {
        let m = measure(&t).clamp(0.0, 1.0);
        if m > 0.0 {
            other += m * weight;
            signals.push(SignalHit {
                name,
                kind: None,
                points: m * weight,
            });
        }
    }
    let mut ranked: Vec<(Kind, f32)> = Kind::ALL
        .iter()
        .map(|k| (*k, totals[kind_index(*k)]))
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
    let (best, top) = ranked[0];
    let (second, next) = ranked[1];
    let kind = (top >= MIN_TOTAL && top > other).then_some(best);
    let score = if kind.is_some() {
        let margin = (top - next.max(other)) / top;
        let evidence = 1.0 - (-top / 6.0).exp();
        (margin * 1.6).min(1.0) * evidence
    } else {
        0.0
    };
    KindGuess {
        kind,
        score,
        confidence: Confidence::from_score(score),
        runner_up: (kind.is_some() && next > 0.0).then_some(second),
        totals,
        not_communication: other,
        signals,
    }
}

/// Inference reads at most this much of a document: the beginning (title, letterhead,
/// greeting, the first updates) and the end (sign-off, appendices, the latest updates of an
/// oldest-first thread). Incident communications are far shorter; this bounds the cost on
/// hostile input.
const SAMPLE_HEAD: usize = 48 * 1024;
const SAMPLE_TAIL: usize = 16 * 1024;

fn sample(text: &str) -> std::borrow::Cow<'_, str> {
    if text.len() <= SAMPLE_HEAD + SAMPLE_TAIL {
        return text.into();
    }
    let mut head = SAMPLE_HEAD;
    while !text.is_char_boundary(head) {
        head -= 1;
    }
    let mut tail = text.len() - SAMPLE_TAIL;
    while !text.is_char_boundary(tail) {
        tail += 1;
    }
    format!("{}\n{}", &text[..head], &text[tail..]).into()
}

fn kind_index(k: Kind) -> usize {
    Kind::ALL.iter().position(|x| *x == k).unwrap_or(0)
}

/// Guess the phase of a status update: the status of its latest entry, or its wording.
#[cfg(test)]
pub fn infer_phase(text: &str) -> Option<Phase> {
    guess_phase(text).phase
}

/// The phase of a status update with its confidence.
///
/// A thread's entries are ordered by their timestamps (or by the progression of statuses, or
/// newest first by default), and the latest entry's status word is the phase; an `Update`
/// keeps the status before it. With no status word, the wording of the latest entry (or of
/// the whole text) decides.
pub fn guess_phase(text: &str) -> PhaseGuess {
    let text = &*sample(text);
    let thread = Thread::parse(text);
    if let Some(phase) = thread.phase() {
        let confidence = match thread.evidence {
            OrderEvidence::Timestamps | OrderEvidence::Progression => Confidence::High,
            // One phase, or several that all agree with newest first.
            OrderEvidence::Default if distinct_phases(&thread) <= 1 => Confidence::High,
            OrderEvidence::Default => Confidence::Medium,
        };
        // A latest `Update` whose words say otherwise ("we have restored …") stays with the
        // status word: status pages keep the incident's state until a new status is posted.
        return PhaseGuess {
            phase: Some(phase),
            confidence,
            from: PhaseEvidence::StatusWord,
        };
    }
    let scope = thread
        .latest()
        .map_or(text, |e| &text[e.body_start.min(e.end)..e.end]);
    match phase_from_language(scope).or_else(|| phase_from_language(text)) {
        Some((phase, clear)) => PhaseGuess {
            phase: Some(phase),
            confidence: if clear {
                Confidence::Medium
            } else {
                Confidence::Low
            },
            from: PhaseEvidence::Language,
        },
        None => PhaseGuess {
            phase: None,
            confidence: Confidence::Low,
            from: PhaseEvidence::Nothing,
        },
    }
}

fn distinct_phases(thread: &Thread) -> usize {
    let mut seen: Vec<Phase> = thread
        .entries
        .iter()
        .filter_map(|e| match e.status {
            EntryStatus::Phase(p) => Some(p),
            EntryStatus::Update => None,
        })
        .collect();
    seen.sort();
    seen.dedup();
    seen.len()
}

/// Wording of each phase, as status updates put it. Weighted: a resolved update usually also
/// tells how the cause was found, so later phases carry more weight.
const PHASE_CUES: &[(Phase, f32, &[&str])] = &[
    (
        Phase::Resolved,
        3.0,
        &[
            "has been resolved",
            "have been resolved",
            "is now resolved",
            "is resolved",
            "has been fixed",
            "is fixed",
            "back to normal",
            "working normally",
            "working again",
            "operating normally",
            "running normally",
            "has been restored",
            "have been restored",
            "was restored",
            "were restored",
            "is restored",
            "restored",
            "fully operational",
            "fully available",
            "fully recovered",
            "has recovered",
            "have recovered",
            "no longer affected",
            "all systems operational",
            "was unavailable from",
            "were unavailable from",
            "has ended",
            "incident is closed",
        ],
    ),
    (
        Phase::Monitoring,
        2.5,
        &[
            "we are monitoring",
            "we're monitoring",
            "monitoring the results",
            "monitoring the situation",
            "monitoring closely",
            "continue to monitor",
            "continuing to monitor",
            "keep monitoring",
            "watching closely",
            "watching the",
            "a fix has been implemented",
            "a fix has been deployed",
            "a fix has been applied",
            "fix is now live",
            "fix is live",
            "is recovering",
            "are recovering",
            "catching up",
            "keep this incident open",
        ],
    ),
    (
        Phase::Identified,
        2.0,
        &[
            "we have identified",
            "we've identified",
            "has been identified",
            "have identified",
            "identified the cause",
            "identified the issue",
            "identified the problem",
            "found the cause",
            "found the problem",
            "we know what",
            "working on a fix",
            "working to fix",
            "deploying a fix",
            "fix is being",
            "rolling back",
            "rolling out a fix",
            "are replacing",
            "are reissuing",
            "are moving",
        ],
    ),
    (
        Phase::Investigating,
        2.0,
        &[
            "we are investigating",
            "we're investigating",
            "are investigating",
            "still investigating",
            "investigating",
            "looking into",
            "we are aware",
            "we're aware",
            "aware of reports",
            "receiving reports",
            "reports of",
            "do not yet know",
            "don't yet know",
            "not yet clear",
            "trying to understand",
        ],
    ),
];

/// The phase whose wording weighs most in `text`, and whether it is clear (no other phase
/// comes close).
fn phase_from_language(text: &str) -> Option<(Phase, bool)> {
    let lower = normalize(text);
    let mut scores: Vec<(Phase, f32)> = PHASE_CUES
        .iter()
        .map(|(p, w, cues)| (*p, *w * distinct(&lower, cues) as f32))
        .collect();
    scores.sort_by(|a, b| b.1.total_cmp(&a.1).then(b.0.cmp(&a.0)));
    let (phase, best) = scores[0];
    (best > 0.0).then_some((phase, best >= 2.0 * scores[1].1))
}

// ---------------------------------------------------------------------------------------
// The text as the signals read it.

/// One non-blank line, with Markdown decoration (quote markers, `#`, emphasis) removed.
struct Line<'a> {
    text: &'a str,
    lower: String,
    /// A Markdown heading, a bold line, a short line in capitals, or a short unpunctuated line
    /// standing alone: a section heading.
    heading: bool,
    /// Starts a paragraph (follows a blank line or starts the text).
    first_in_block: bool,
}

struct Text<'a> {
    lines: Vec<Line<'a>>,
    /// The decorated-free text, lower-cased, typographic apostrophes made plain.
    lower: String,
    words: usize,
    thread: Thread,
}

impl<'a> Text<'a> {
    fn new(text: &'a str) -> Text<'a> {
        let raw: Vec<&str> = text.lines().collect();
        let mut lines = Vec::new();
        for (i, r) in raw.iter().enumerate() {
            let (_, s) = strip_decoration(r);
            if s.is_empty()
                || s.chars()
                    .all(|c| matches!(c, '-' | '=' | '_' | '*' | '|' | ':' | ' '))
            {
                continue;
            }
            let prev_blank = i == 0 || strip_decoration(raw[i - 1]).1.trim().is_empty();
            let next_blank = raw
                .get(i + 1)
                .is_none_or(|n| strip_decoration(n).1.trim().is_empty());
            let rt = r.trim_start_matches(['>', ' ']);
            let words = s.split_whitespace().count();
            let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
            let caps = letters.len() >= 3 && letters.iter().all(|c| c.is_uppercase());
            let setext = raw.get(i + 1).is_some_and(|n| {
                let n = n.trim();
                n.len() >= 3 && (n.chars().all(|c| c == '=') || n.chars().all(|c| c == '-'))
            });
            let heading = rt.starts_with('#')
                || setext
                || (rt.starts_with("**") && rt.trim_end().ends_with("**") && words <= 14)
                || (caps && words <= 10)
                || (prev_blank
                    && words <= 8
                    && !s.ends_with(['.', ',', ';', ':'])
                    && s.chars().next().is_some_and(|c| c.is_uppercase())
                    && (next_blank
                        || !raw
                            .get(i + 1)
                            .is_some_and(|n| n.trim_start().starts_with(['-', '*', '|']))));
            lines.push(Line {
                text: s,
                lower: normalize(s),
                heading,
                first_in_block: prev_blank,
            });
        }
        let lower = lines
            .iter()
            .map(|l| l.lower.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        let words = lower.split_whitespace().count();
        Text {
            lines,
            lower,
            words,
            thread: Thread::parse(text),
        }
    }

    /// The first `n` lines: where titles, letterheads, subject lines and greetings sit.
    fn head(&self, n: usize) -> &[Line<'a>] {
        &self.lines[..self.lines.len().min(n)]
    }

    /// The last `n` lines: where sign-offs sit.
    fn tail(&self, n: usize) -> &[Line<'a>] {
        &self.lines[self.lines.len().saturating_sub(n)..]
    }

    /// The title: the first line, or the subject of an e-mail.
    fn title(&self) -> String {
        let subject = self
            .head(12)
            .iter()
            .find_map(|l| l.lower.strip_prefix("subject:").map(str::to_string));
        // The first line, and the heading-like lines right after it (a site or sender name
        // often comes first: "Acme Help Center › Announcements", then the title).
        let first: Vec<&str> = self
            .head(3)
            .iter()
            .enumerate()
            .filter(|(i, l)| {
                *i == 0
                    || l.heading
                    || (l.text.split_whitespace().count() <= 12 && !l.text.ends_with(['.', ',']))
            })
            .map(|(_, l)| l.lower.as_str())
            .collect();
        format!("{}\n{}", subject.unwrap_or_default(), first.join("\n"))
    }

    /// A section of the document opens with `phrase`: a heading that starts with it, or a
    /// paragraph that starts with it followed by `?`, `.` or `:` (inline headings of legal
    /// letters: "What Happened?  On May 2 …").
    fn section(&self, phrase: &str) -> bool {
        self.lines.iter().any(|l| {
            let Some(rest) = l.lower.strip_prefix(phrase) else {
                return false;
            };
            let boundary = rest.chars().next().is_none_or(|c| !c.is_alphanumeric());
            boundary
                && (l.heading
                    || (l.first_in_block && rest.starts_with(['?', '.', ':']) && rest.len() > 1))
        })
    }

    fn sections(&self, phrases: &[&str]) -> usize {
        phrases.iter().filter(|p| self.section(p)).count()
    }
}

/// Lower-case with plain apostrophes and quotes.
fn normalize(s: &str) -> String {
    s.to_lowercase()
        .replace(['\u{2019}', '\u{2018}'], "'")
        .replace(['\u{201c}', '\u{201d}'], "\"")
}

/// Occurrences of `needle` in `hay` at word boundaries. A trailing `*` in the needle matches
/// any word ending ("agenc*": agency, agencies).
fn count(hay: &str, needle: &str) -> usize {
    count_up_to(hay, needle, usize::MAX)
}

/// [`count`], stopping at `limit`.
fn count_up_to(hay: &str, needle: &str, limit: usize) -> usize {
    let (needle, open_end) = match needle.strip_suffix('*') {
        Some(n) => (n, true),
        None => (needle, false),
    };
    let mut n = 0;
    // memchr's SIMD search, one searcher for the whole text: `str::find` here was a fifth of a
    // whole run's time. Matches do not overlap.
    for start in memchr::memmem::find_iter(hay.as_bytes(), needle.as_bytes()) {
        let end = start + needle.len();
        let before_ok = hay[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let after_ok = open_end
            || hay[end..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
        if before_ok && after_ok {
            n += 1;
            if n >= limit {
                break;
            }
        }
    }
    n
}

fn has(hay: &str, needle: &str) -> bool {
    count_up_to(hay, needle, 1) > 0
}

/// How many of `needles` occur in `hay`.
fn distinct(hay: &str, needles: &[&str]) -> usize {
    needles.iter().filter(|n| has(hay, n)).count()
}

/// `n` found of `full` needed for full strength.
fn graded(n: usize, full: usize) -> f32 {
    (n as f32 / full as f32).min(1.0)
}

// ---------------------------------------------------------------------------------------
// Signals: one convention of a genre each.

/// One piece of evidence for a kind.
struct Signal {
    name: &'static str,
    kind: Kind,
    /// Points when the convention is fully present.
    weight: f32,
    /// How strongly the text shows it, 0–1.
    measure: Measure,
}

/// How strongly a text shows a convention, 0–1.
type Measure = fn(&Text) -> f32;

const STATUS: Kind = Kind::StatusUpdate;
const EMAIL: Kind = Kind::IncidentEmail;
const BREACH: Kind = Kind::BreachNotice;
const VULN: Kind = Kind::VulnerabilityNotice;
const REVIEW: Kind = Kind::Postmortem;

const fn sig(name: &'static str, kind: Kind, weight: f32, measure: Measure) -> Signal {
    Signal {
        name,
        kind,
        weight,
        measure,
    }
}

/// The scoring model. Weights: 1–2 a hint shared with other genres, 3–4 a convention typical
/// of the genre, 5–8 one that defines it. Signals of supporting evidence (versions, length,
/// letterheads, timelines) measure 0 unless the text is about what their genre is about.
const SIGNALS: &[Signal] = &[
    // Status updates.
    sig("status-entries", STATUS, 7.0, status_entries),
    sig("status-page-furniture", STATUS, 3.0, status_page_furniture),
    sig("posting-stamps", STATUS, 2.0, posting_stamps),
    sig("live-update-language", STATUS, 3.0, live_update_language),
    sig("short-service-notice", STATUS, 3.0, short_service_notice),
    // Incident e-mails.
    sig("email-header", EMAIL, 4.5, email_header),
    sig("salutation", EMAIL, 2.5, salutation),
    sig("sign-off", EMAIL, 1.5, sign_off),
    sig("direct-correspondence", EMAIL, 2.0, direct_correspondence),
    sig("letter-about-service", EMAIL, 2.5, letter_about_service),
    // Breach notices.
    sig("breach-notice-title", BREACH, 7.0, breach_notice_title),
    sig("breach-legal-headings", BREACH, 5.0, breach_legal_headings),
    sig("consumer-protection", BREACH, 6.0, consumer_protection),
    sig("personal-data-exposed", BREACH, 3.5, personal_data_exposed),
    sig("letterhead", BREACH, 2.5, letterhead),
    sig("cyberattack", BREACH, 3.0, cyberattack),
    sig("notification-register", BREACH, 2.0, notification_register),
    // Vulnerability notices.
    sig("advisory-identifiers", VULN, 7.0, advisory_identifiers),
    sig("advisory-fields", VULN, 5.0, advisory_fields),
    sig("vulnerability-language", VULN, 5.0, vulnerability_language),
    sig("security-notice-title", VULN, 4.0, security_notice_title),
    sig("versions-and-upgrades", VULN, 2.5, versions_and_upgrades),
    sig("secret-exposure", VULN, 4.0, secret_exposure),
    // Post-mortems.
    sig(
        "postmortem-self-reference",
        REVIEW,
        8.0,
        postmortem_self_reference,
    ),
    sig("postmortem-sections", REVIEW, 6.0, postmortem_sections),
    sig("timeline-rows", REVIEW, 3.0, timeline_rows),
    sig("report-metadata", REVIEW, 2.5, report_metadata),
    sig("long-form", REVIEW, 2.0, long_form),
    sig(
        "engineering-vocabulary",
        REVIEW,
        2.0,
        engineering_vocabulary,
    ),
];

/// Evidence that a text is no incident communication but another genre that shares some of
/// their words: release notes, project documentation, a security policy. When these outweigh
/// the best kind, no kind is inferred.
const NOT_COMMUNICATION: &[(&str, f32, Measure)] = &[
    ("release-notes", 14.0, release_notes),
    ("project-docs", 6.0, project_docs),
    ("security-policy", 8.0, security_policy),
];

/// Release notes: several headings that are version numbers ("## 1.4.2 - 2024-05-01",
/// "## [Unreleased]", "v0.3.0").
fn release_notes(t: &Text) -> f32 {
    let versions = t
        .lines
        .iter()
        .filter(|l| l.heading || l.text.starts_with('['))
        .filter(|l| {
            let w = l
                .lower
                .trim_start_matches("version")
                .trim_start_matches("release");
            let w = w.trim_start_matches(['[', 'v', ' ']);
            w.starts_with("unreleased")
                || (w.chars().next().is_some_and(|c| c.is_ascii_digit())
                    && w.split(|c: char| c.is_whitespace() || c == ']')
                        .next()
                        .is_some_and(|v| {
                            v.split('.').filter(|p| !p.is_empty()).count() >= 2
                                && v.chars().all(|c| {
                                    c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '+')
                                })
                        }))
        })
        .count();
    graded(versions.saturating_sub(1), 5)
}

/// Project documentation: sections on installation, usage, licence, contributing, examples.
fn project_docs(t: &Text) -> f32 {
    const SECTIONS: &[&str] = &[
        "installation",
        "install",
        "usage",
        "license",
        "licence",
        "licensing",
        "contributing",
        "getting started",
        "quick start",
        "quickstart",
        "examples",
        "example",
        "features",
        "documentation",
        "building",
        "requirements",
        "minimum supported rust version",
        "msrv",
        "api",
        "configuration",
        "benchmarks",
        "alternatives",
        "faq",
    ];
    graded(t.sections(SECTIONS), 2)
}

/// A security policy: how to report vulnerabilities, which versions are supported.
fn security_policy(t: &Text) -> f32 {
    const POLICY: &[&str] = &[
        "security policy",
        "reporting a vulnerability",
        "reporting vulnerabilities",
        "reporting security",
        "report a vulnerability",
        "report security vulnerabilities",
        "do not report security",
        "supported versions",
        "if you believe you have found",
        "if you believe you've found",
        "report it privately",
        "please report",
        "if you discover",
        "if you find a",
    ];
    graded(distinct(&t.lower, POLICY), 2)
}

// --- status updates ---

/// Thread entries: a status word with its body ("Investigating - …", "**Resolved**").
/// One entry is a strong hint, a thread of several is decisive.
fn status_entries(t: &Text) -> f32 {
    let phases = t.thread.phase_entries();
    let updates = t.thread.entries.len() - phases;
    match phases {
        0 => 0.15 * updates.min(2) as f32,
        1 => 0.7 + 0.1 * updates.min(2) as f32,
        2 => 0.85,
        _ => 1.0,
    }
}

/// The page around the thread: "Acme Status", "System status", "Service alerts",
/// "Incident history", "Incident Report for Acme", "Current status:", subscribe links.
fn status_page_furniture(t: &Text) -> f32 {
    const PAGE: &[&str] = &[
        "status page",
        "system status",
        "service status",
        "platform status",
        "service alerts",
        "service alert",
        "incident history",
        "incident report for",
        "current status",
        "subscribe to updates",
        "subscribe to this incident",
        "status history",
    ];
    let head_title = t.head(6).iter().any(|l| {
        let s = l.lower.trim_end_matches(['.', ':']);
        (s.ends_with(" status")
            || s == "status"
            || s.contains(" status —")
            || s.contains(" status -"))
            && s.split_whitespace().count() <= 8
    });
    let page = t.head(8).iter().any(|l| distinct(&l.lower, PAGE) > 0)
        || has(&t.lower, "subscribe to updates");
    if head_title || page { 1.0 } else { 0.0 }
}

/// Posting times on their own lines: "Posted Mar 21, 2025 - 16:48 UTC", "Mar 04, 2025 -
/// 14:41 UTC", "Last updated: 7:42am".
fn posting_stamps(t: &Text) -> f32 {
    let n = t.lines.iter().filter(|l| {
        let posted = l.lower.starts_with("posted")
            || l.lower.starts_with("update posted")
            || l.lower.starts_with("last updated")
            || l.lower.starts_with("updated");
        crate::document::thread::stamp_line(l.text).is_some()
            && (posted || l.text.contains(" - ") || l.text.contains(" – "))
    });
    graded(n.count(), 2)
}

/// The wording of live updates: "we are investigating", "next update", "monitoring the
/// results", "this incident has been resolved".
fn live_update_language(t: &Text) -> f32 {
    const LIVE: &[&str] = &[
        "we are investigating",
        "we're investigating",
        "are investigating",
        "still investigating",
        "we are looking into",
        "we're looking into",
        "looking into it",
        "updates to follow",
        "issue affecting",
        "currently experiencing",
        "update this post",
        "as soon as we know more",
        "we are aware",
        "we're aware",
        "working on a fix",
        "implemented a fix",
        "are monitoring",
        "back to normal",
        "has been mitigated",
        "has been fully mitigated",
        "now resolved",
        "has been resolved",
        "working to restore",
        "working to resolve",
        "we are monitoring",
        "we're monitoring",
        "monitoring the results",
        "continue to monitor",
        "continuing to monitor",
        "a fix has been implemented",
        "this incident has been resolved",
        "the incident has been resolved",
        "next update",
        "another update",
        "post another update",
        "post again",
        "update this page",
        "update again",
        "further updates",
        "update within",
        "provide an update",
        "provide updates",
    ];
    graded(distinct(&t.lower, LIVE), 3)
}

/// A short notice about a service problem with no letter form and no report structure: what a
/// status page or service alert says ("E-book borrowing restored … was unavailable from …").
fn short_service_notice(t: &Text) -> f32 {
    if t.words > 320
        || email_header(t) > 0.0
        || salutation(t) > 0.0
        || postmortem_self_reference(t) >= 1.0
        || timeline_rows(t) > 0.0
        || postmortem_sections(t) >= 0.25
    {
        return 0.0;
    }
    service_problem(t)
}

/// The vocabulary of a service problem: outages, errors, delays, things restored.
fn service_problem(t: &Text) -> f32 {
    const SERVICE: &[&str] = &[
        "outage",
        "unavailable",
        "down",
        "disruption",
        "disrupted",
        "degraded",
        "error*",
        "failing",
        "failed",
        "failure*",
        "delay*",
        "slow",
        "timeouts",
        "timing out",
        "restored",
        "working again",
        "working normally",
        "back to normal",
        "not affected",
        "unable to",
        "could not",
        "couldn't",
        "cannot",
        "can't",
        "interruption",
        "problem*",
        "charged twice",
        "twice",
        "not delivered",
        "were not sent",
        "loss of service",
        "experiencing issues",
        "experiencing problems",
    ];
    graded(distinct(&t.lower, SERVICE), 3)
}

// --- incident e-mails ---

/// E-mail header lines: `Subject:`, `From:`, `To:`, `Date:`.
fn email_header(t: &Text) -> f32 {
    let head = t.head(16);
    let field = |f: &str| head.iter().any(|l| l.lower.starts_with(f));
    let subject = field("subject:");
    let others = ["from:", "to:", "date:", "sent:", "cc:"]
        .iter()
        .filter(|f| field(f))
        .count();
    match (subject, others) {
        (true, 0) => 0.75,
        (true, _) => 1.0,
        (false, n) if n >= 2 => 0.75,
        _ => 0.0,
    }
}

/// A greeting line: "Dear …", "Hi …,", "Hello,", "Hey all,".
fn salutation(t: &Text) -> f32 {
    const GREETINGS: &[&str] = &[
        "dear",
        "hi",
        "hello",
        "hey",
        "good morning",
        "good afternoon",
        "greetings",
        "to all",
    ];
    let found = t.head(16).iter().any(|l| {
        let words = l.lower.split_whitespace().count();
        words <= 9
            && GREETINGS.iter().any(|g| {
                l.lower
                    .strip_prefix(g)
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', ',', '!']))
            })
            && (l.lower.ends_with([',', ':', '!']) || l.lower.starts_with("dear"))
    });
    if found { 1.0 } else { 0.0 }
}

/// A closing: "Kind regards", "Sincerely", "Thanks,", "Cheers".
fn sign_off(t: &Text) -> f32 {
    const CLOSINGS: &[&str] = &[
        "kind regards",
        "best regards",
        "warm regards",
        "warmest regards",
        "regards",
        "sincerely",
        "yours sincerely",
        "yours faithfully",
        "yours truly",
        "best wishes",
        "best",
        "thanks",
        "thank you",
        "many thanks",
        "cheers",
        "all the best",
        "take care",
        "respectfully",
    ];
    let found = t.tail(10).iter().any(|l| {
        let s = l.lower.trim_end_matches([',', '.', '!']);
        s.split_whitespace().count() <= 4
            && (CLOSINGS.contains(&s)
                || (l.lower.ends_with(',') && CLOSINGS.iter().any(|c| s.starts_with(c))))
    });
    if found { 1.0 } else { 0.0 }
}

/// A letter (greeting or sign-off) about a service problem rather than about data.
fn letter_about_service(t: &Text) -> f32 {
    if salutation(t) == 0.0 && sign_off(t) == 0.0 && email_header(t) == 0.0 {
        return 0.0;
    }
    service_problem(t)
}

/// A message written to its reader: "reply to this email", "we're writing to let you know".
fn direct_correspondence(t: &Text) -> f32 {
    const DIRECT: &[&str] = &[
        "reply to this email",
        "reply to this e-mail",
        "reply to this message",
        "just reply",
        "this email",
        "this e-mail",
        "this message",
        "in this email",
        "you're receiving",
        "you are receiving",
        "we're writing to",
        "we are writing to",
        "i'm writing",
        "i am writing",
        "we're contacting you",
        "we are contacting you",
        "we wanted to let you know",
        "email you again",
        "e-mail you again",
        "write to you again",
        "we'll email you",
        "we will email you",
    ];
    graded(distinct(&t.lower, DIRECT), 2)
}

// --- breach notices ---

/// The statutory title: "Notice of Data Breach", "Notice of Data Security Incident", "Notice
/// of Data Event"; or the letter calls the event a data breach.
fn breach_notice_title(t: &Text) -> f32 {
    const TITLES: &[&str] = &[
        "notice of data breach",
        "notice of data security incident",
        "notice of data incident",
        "notice of data privacy incident",
        "notice of privacy incident",
        "notice of security incident",
        "notice of data event",
        "notice of security event",
        "notice of data",
        "data breach notification",
        "personal data breach",
        "data security incident",
    ];
    const MENTIONS: &[&str] = &[
        "data breach",
        "security breach",
        "privacy incident",
        "privacy breach",
        "breach of your",
        "security incident",
    ];
    if distinct(&t.lower, TITLES) > 0 {
        1.0
    } else if distinct(&t.lower, MENTIONS) > 0 {
        0.4
    } else {
        0.0
    }
}

/// The headings of the model notice the U.S. states prescribe: What Happened, What Information
/// Was Involved, What We Are Doing, What You Can Do, For More Information.
fn breach_legal_headings(t: &Text) -> f32 {
    let involved = t.sections(&[
        "what information was involved",
        "what information is involved",
        "what personal information was involved",
        "information involved",
        "what data was involved",
        "what information was affected",
    ]) > 0;
    let general = t.sections(&[
        "what happened",
        "what we are doing",
        "what is being done",
        "what you can do",
        "for more information",
        "other important information",
        "steps you can take",
        "additional steps you can take",
    ]);
    (if involved { 0.7 } else { 0.0 }) + 0.1 * general as f32
}

/// The consumer-protection register of breach letters: credit monitoring, identity theft,
/// fraud alerts, credit freezes, Social Security numbers, attorneys general, the FTC, HIPAA,
/// data-protection authorities.
fn consumer_protection(t: &Text) -> f32 {
    const TERMS: &[&str] = &[
        "credit monitoring",
        "identity monitoring",
        "identity protection",
        "identity restoration",
        "identity theft",
        "fraud alert*",
        "security freeze",
        "credit freeze",
        "credit report*",
        "credit bureau*",
        "consumer reporting agenc*",
        "attorney general",
        "federal trade commission",
        "identitytheft.gov",
        "annualcreditreport",
        "social security number*",
        "enrollment code",
        "enrolment code",
        "activation code",
        "information commissioner",
        "data protection officer",
        "supervisory authority",
        "department of health and human services",
        "protected health information",
        "hipaa",
        "explanation of benefits",
        "state regulators",
        "notified law enforcement",
        "not delayed by law enforcement",
    ];
    graded(distinct(&t.lower, TERMS), 3)
}

/// The reader's personal data exposed: personal information, dates of birth, addresses, account
/// numbers, health details.
fn personal_data_exposed(t: &Text) -> f32 {
    const DATA: &[&str] = &[
        "personal information",
        "personal data",
        "personal details",
        "customer data",
        "your information",
        "your personal",
        "your data",
        "date of birth",
        "dates of birth",
        "home address*",
        "mailing address*",
        "email address*",
        "e-mail address*",
        "phone number*",
        "bank account*",
        "account number*",
        "routing number*",
        "card number*",
        "payment card",
        "payment details",
        "card details",
        "insurance number*",
        "driver's license",
        "passport",
        "medical",
        "health information",
        "health insurance",
        "patient",
        "diagnos*",
        "national insurance",
    ];
    const EXPOSED: &[&str] = &[
        "unauthorized",
        "unauthorised",
        "exposed",
        "exposure",
        "accessed",
        "acquired",
        "viewed",
        "copied",
        "stolen",
        "misused",
        "visible",
        "involved",
        "involving",
        "compromised",
    ];
    graded(distinct(&t.lower, DATA), 3) * graded(distinct(&t.lower, EXPOSED), 1)
}

/// An attack on the writer's systems: ransomware, phishing, malware, a threat actor, a
/// forensic investigation, a "cybersecurity incident" (the SEC's Item 1.05 heading).
fn cyberattack(t: &Text) -> f32 {
    const ATTACK: &[&str] = &[
        "cybersecurity incident*",
        "cyber security incident*",
        "cyberattack",
        "cyber attack",
        "cyber-attack",
        "ransomware",
        "phishing",
        "malware",
        "threat actor",
        "unauthorized actor",
        "unauthorized party",
        "unauthorised party",
        "forensic*",
    ];
    graded(distinct(&t.lower, ATTACK), 2)
}

/// A letterhead: the sender's postal address, a date line, the recipient's address block or
/// mail-merge fields, a "Re:" line.
fn letterhead(t: &Text) -> f32 {
    // A letter's form says nothing about its kind unless it is about someone's data.
    if personal_data_exposed(t) == 0.0 && consumer_protection(t) == 0.0 {
        return 0.0;
    }
    let head = t.head(18);
    let address = head.iter().any(|l| {
        let s = l.text;
        let w: Vec<&str> = s.split([' ', ',']).filter(|x| !x.is_empty()).collect();
        // "Harrisonburg, VA 22801", "Suwanee, GA 30024".
        let us_zip = w.windows(2).any(|p| {
            p[0].len() == 2
                && p[0].chars().all(|c| c.is_ascii_uppercase())
                && p[1].len() >= 5
                && p[1].bytes().take(5).all(|b| b.is_ascii_digit())
        });
        us_zip
            || l.lower.starts_with("po box")
            || l.lower.starts_with("p.o. box")
            || l.lower.starts_with("c/o ")
    });
    let dateline = head.iter().any(|l| {
        let words = l.text.split_whitespace().count();
        words <= 4
            && crate::document::thread::parse_stamp(l.text)
                .is_some_and(|s| s.day.is_some_and(|d| d > 372))
            && l.text.chars().next().is_some_and(|c| c.is_alphanumeric())
    });
    let merge = t.lower.contains("<<") && t.lower.contains(">>");
    let re = head
        .iter()
        .any(|l| l.lower.starts_with("re:") || l.lower.starts_with("ref:"));
    graded(
        [address, dateline, merge, re]
            .iter()
            .filter(|b| **b)
            .count(),
        2,
    )
}

/// The register of formal notification: "we are writing to inform you", "privacy", "out of
/// an abundance of caution", "regret any concern".
fn notification_register(t: &Text) -> f32 {
    const REGISTER: &[&str] = &[
        "privacy",
        "to inform you",
        "to notify you",
        "notifying you",
        "writing to let you know about",
        "abundance of caution",
        "regret any",
        "regret that",
        "remain vigilant",
        "your trust",
        "safeguard*",
    ];
    graded(distinct(&t.lower, REGISTER), 3)
}

// --- vulnerability notices ---

/// Advisory identifiers: CVE and GHSA ids, CVSS scores, CWE ids, a vendor advisory id
/// ("XX-SA-2025-004").
fn advisory_identifiers(t: &Text) -> f32 {
    let ids = ["cve-", "ghsa-", "cvss", "cwe-"]
        .iter()
        .any(|p| t.lower.contains(p));
    let vendor = t
        .lower
        .split(|c: char| c.is_whitespace() || c == ':')
        .any(|w| w.contains("sa-20") && w.chars().filter(|c| c.is_ascii_digit()).count() >= 5);
    if ids || vendor { 1.0 } else { 0.0 }
}

/// Advisory fields and sections: Affected versions, Patched/Fixed versions, Severity,
/// Workarounds, Remediation, Credits, Acknowledgements, Exploitation, References.
fn advisory_fields(t: &Text) -> f32 {
    const FIELDS: &[&str] = &[
        "affected versions",
        "affected version",
        "affected products",
        "affected product",
        "affected firmware",
        "affected and patched versions",
        "affected supported versions",
        "affected",
        "patched versions",
        "patched version",
        "patches",
        "fixed versions",
        "fixed version",
        "fixed firmware",
        "fixed in",
        "fixed",
        "workarounds",
        "workaround",
        "mitigations",
        "remediation",
        "credits",
        "credit",
        "acknowledgements",
        "acknowledgement",
        "acknowledgments",
        "acknowledgment",
        "exploitation",
        "detecting exploitation",
        "references",
        "vulnerable products",
        "products confirmed not vulnerable",
        "fixed software",
        "fixed releases",
        "revision history",
        "package",
        "products",
        "product",
    ];
    let fields = FIELDS
        .iter()
        .filter(|f| {
            t.section(f)
                || t.lines.iter().any(|l| {
                    l.lower
                        .strip_prefix(*f)
                        .is_some_and(|r| r.starts_with(':') && r.len() > 2)
                })
        })
        .count();
    let severity = t.lines.iter().any(|l| {
        l.lower.contains("severity")
            && distinct(&l.lower, &["critical", "high", "medium", "moderate", "low"]) > 0
    });
    let strength = graded(fields + usize::from(severity), 3);
    // "Fixed", "Credits", "References" head sections of changelogs and READMEs too.
    if security_topic(t) {
        strength
    } else {
        0.25 * strength
    }
}

/// Words that make a text about a security flaw at all.
const SECURITY_CORE: &[&str] = &[
    "vulnerabilit*",
    "security flaw*",
    "security issue*",
    "security bug*",
    "security fix*",
    "security advisory",
    "security release*",
    "exploit*",
    "attacker*",
    "proof of concept",
    "proof-of-concept",
    "bug bounty",
    "security researcher*",
    "responsible disclosure",
    "coordinated disclosure",
    "hackerone",
    "bugcrowd",
    // Flaw classes.
    "cross-site scripting",
    "sql injection",
    "remote code execution",
    "privilege escalation",
    "path traversal",
    "directory traversal",
    "denial of service",
    "denial-of-service",
    "authentication bypass",
    "open redirect",
];

/// The text is about a security flaw: an advisory identifier or a core security word.
fn security_topic(t: &Text) -> bool {
    advisory_identifiers(t) > 0.0
        || distinct(&t.lower, SECURITY_CORE) > 0
        // The GitHub advisory template: Impact, Patches, Workarounds, References.
        || t.sections(&["impact", "patches", "workarounds", "references"]) >= 3
}

/// The language of security flaws: vulnerability, attacker, exploit, proof of concept,
/// researchers, bug bounties, flaw classes. Flaw classes and attack words ("injection",
/// "crafted", "bypass") count only in a text that is about a security flaw.
fn vulnerability_language(t: &Text) -> f32 {
    const TERMS: &[&str] = &[
        "compromise*",
        "overflow",
        "use-after-free",
        "denial of service",
        "denial-of-service",
        "memory safety",
        "could allow",
        "would allow",
        "allows an attacker",
        "researcher",
        "responsibly",
        "disclosure process",
        "reported privately",
        "privately report*",
        "xss",
        "cross-site",
        "injection",
        "path traversal",
        "directory traversal",
        "open redirect",
        "bypass",
        "privilege escalation",
        "remote code execution",
        "arbitrary",
        "crafted",
        "malicious",
        "unauthenticated",
        "authentication",
        "authorization check",
        "ownership check",
        "race condition",
    ];
    let core = distinct(&t.lower, SECURITY_CORE);
    if core == 0 {
        return 0.0;
    }
    let n = core
        + distinct(&t.lower, TERMS)
        + usize::from(count_up_to(&t.lower, "vulnerabilit*", 2) >= 2);
    graded(n, 4)
}

/// A title naming a security advisory, notice, update or release.
fn security_notice_title(t: &Text) -> f32 {
    const TITLES: &[&str] = &[
        "security advisory",
        "security notice",
        "security bulletin",
        "security update",
        "security release",
        "security releases",
        "security fix",
        "product security",
        "[security]",
        "advisory",
    ];
    if distinct(&t.title(), TITLES) > 0 {
        1.0
    } else {
        0.0
    }
}

/// Version numbers and upgrade instructions: "upgrade to 3.4.2", "firmware 5.2.1", "pip
/// install --upgrade".
fn versions_and_upgrades(t: &Text) -> f32 {
    // Release notes and READMEs are full of versions: they count only in a text about a flaw.
    if !security_topic(t) {
        return 0.0;
    }
    let versions = t
        .lower
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')' | '`' | '"' | '|' | ';'))
        .filter(|w| {
            let w = w
                .trim_start_matches(['v', '<', '>', '='])
                .trim_end_matches(['.', ':']);
            let parts: Vec<&str> = w.split('.').collect();
            parts.len() >= 2
                && parts.len() <= 4
                && parts.iter().all(|p| {
                    !p.is_empty()
                        && p.len() <= 3
                        && p.chars().all(|c| c.is_ascii_digit() || c == 'x')
                })
                && !(parts.len() == 2
                    && parts[1].len() == 2
                    && parts[0].len() <= 2
                    && !w.contains('x'))
        })
        .count();
    const UPGRADE: &[&str] = &[
        "upgrade to",
        "update to version",
        "update to",
        "--upgrade",
        "go get",
        "npm install",
        "firmware",
        "patched",
        "backport*",
        "release*",
    ];
    0.6 * graded(versions, 4) + 0.4 * graded(distinct(&t.lower, UPGRADE), 2)
}

/// Secrets exposed: keys, tokens, credentials to rotate.
fn secret_exposure(t: &Text) -> f32 {
    const SECRETS: &[&str] = &[
        "api key*",
        "secret key*",
        "signing key",
        "private key",
        "access token*",
        "token",
        "credentials",
        "rotate",
        "roll their",
        "roll your",
        "revoked",
    ];
    const EXPOSED: &[&str] = &[
        "exposed",
        "exposure",
        "leaked",
        "leak",
        "compromised",
        "printed",
        "logged",
        "in its logs",
        "in plain text",
        "published",
    ];
    if distinct(&t.lower, EXPOSED) == 0 {
        return 0.0;
    }
    graded(distinct(&t.lower, SECRETS), 3)
}

// --- post-mortems ---

/// The text is about an incident: outages, impact, apologies, root causes. Generic evidence
/// of a report (length, timelines, engineering words) counts only in such a text.
fn incident_topic(t: &Text) -> f32 {
    const INCIDENT: &[&str] = &[
        "incident*",
        "outage*",
        "affected",
        "impact*",
        "disruption",
        "downtime",
        "degraded",
        "unavailable",
        "root cause",
        "sorry",
        "apologi*",
        "resolved",
        "restored",
        "failed",
        "failure",
        "errors",
        "lost",
        "went wrong",
    ];
    graded(distinct(&t.lower, INCIDENT), 2)
}

/// The document calls itself a post-mortem, incident review or report, root cause analysis or
/// retrospective: in its title (full strength) or in passing.
fn postmortem_self_reference(t: &Text) -> f32 {
    const NAMES: &[&str] = &[
        "post-mortem",
        "postmortem",
        "post mortem",
        "post-incident",
        "post incident",
        "incident review",
        "incident summary",
        "incident analysis",
        "root cause analysis",
        "[rca]",
        "rca",
        "retrospective",
        "after-action",
        "after action report",
        "review of the",
        "review of our",
        "write-up",
        "writeup",
    ];
    // Titles of published retrospectives that do not name the genre: "Summary of the
    // storage service event", "Details of the outage on 3 July", "What went wrong on Friday".
    const RETROSPECTIVE_TITLES: &[&str] = &[
        "summary of the",
        "details of the",
        "post-event summary",
        "analysis of the",
        "what happened on",
        "what went wrong",
        "lessons from",
    ];
    let title = t.title();
    // "Incident report" is also Statuspage's page header ("Incident Report for Acme").
    let report = |s: &str| count(s, "incident report") > count(s, "incident report for");
    if distinct(&title, NAMES) > 0 || report(&title) {
        1.0
    } else if distinct(&title, RETROSPECTIVE_TITLES) > 0 {
        0.6
    } else if distinct(&t.lower, NAMES) > 0 || report(&t.lower) {
        0.35
    } else {
        0.0
    }
}

/// Sections of a post-incident review: Timeline, Root cause, Contributing factors, Action
/// items, Lessons learned, What went wrong, Detection, Impact, Background.
fn postmortem_sections(t: &Text) -> f32 {
    const STRONG: &[&str] = &[
        "timeline",
        "incident timeline",
        "chronology",
        "root cause",
        "root causes",
        "cause",
        "contributing factors",
        "contributing factor",
        "action items",
        "follow-up actions",
        "follow-up items",
        "corrective actions",
        "lessons learned",
        "lessons",
        "what went wrong",
        "what went well",
        "where we got lucky",
        "detection",
        "recovery",
        "five whys",
        "why",
        "trigger",
    ];
    const WEAK: &[&str] = &[
        "summary",
        "tl;dr",
        "overview",
        "impact",
        "customer impact",
        "who was affected",
        "background",
        "resolution",
        "mitigation",
        "what we did",
        "response",
        "next steps",
        "going forward",
        "looking ahead",
        "what we're changing",
        "what we are changing",
        "what's changing",
        "what changes",
        "prevention",
        "measures to prevent recurrence",
        "remediation and follow-up",
        "follow-up",
    ];
    0.25 * t.sections(STRONG) as f32 + 0.08 * t.sections(WEAK) as f32
}

/// A timeline: several lines that begin with a time or date and go on to say what happened
/// ("- 08:19 On-call engineer paged.", "| 09:58 | We deploy …").
fn timeline_rows(t: &Text) -> f32 {
    let rows = t
        .lines
        .iter()
        .filter(|l| {
            let s = l.text.trim_start_matches(['-', '*', '•', '|', ' ']);
            let lead: Vec<&str> = s.split_whitespace().take(4).collect();
            let stamp = lead.iter().take(3).any(|w| {
                crate::document::thread::parse_stamp(w)
                    .is_some_and(|st| st.minute.is_some() || st.day.is_some_and(|d| d > 372))
            }) || crate::document::thread::parse_stamp(&lead.join(" "))
                .is_some_and(|st| st.day.is_some());
            let first_is_date_or_time = s.chars().next().is_some_and(|c| c.is_ascii_digit())
                || MONTH_OR_DAY.iter().any(|m| {
                    l.lower
                        .trim_start_matches(['-', '*', '•', '|', ' '])
                        .starts_with(m)
                });
            stamp
                && first_is_date_or_time
                && s.split_whitespace().count() >= 4
                && crate::document::thread::stamp_line(s).is_none()
        })
        .count();
    graded(rows.saturating_sub(1), 3) * incident_topic(t)
}

const MONTH_OR_DAY: &[&str] = &[
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "mon",
    "tue", "wed", "thu", "fri", "sat", "sun", "approx",
];

/// Report metadata: authors, reviewers, incident id, severity level, report status.
fn report_metadata(t: &Text) -> f32 {
    /// Fields of a report's header ("Written by: …", "Incident ID: …").
    const FIELDS: &[&str] = &[
        "authors:",
        "author:",
        "prepared by",
        "written by:",
        "reviewed by",
        "incident id",
        "incident number",
        "classification:",
        "date of report",
        "report date",
    ];
    /// Fields shared with status pages and advisories, counted with a report's values only.
    const SHARED: &[&str] = &["status:", "severity:", "incident:"];
    const VALUES: &[&str] = &[
        "sev-1", "sev-2", "sev-3", "sev1", "sev2", "sev3", "final", "draft",
    ];
    let fields = t
        .head(12)
        .iter()
        .flat_map(|l| l.lower.split(['·', '|']))
        .map(|part| part.trim().replace('*', ""))
        .filter(|part| {
            FIELDS.iter().any(|f| part.starts_with(f))
                || SHARED.iter().any(|f| {
                    part.strip_prefix(f)
                        .is_some_and(|v| distinct(v, VALUES) > 0)
                })
        })
        .count();
    graded(fields, 1)
}

/// Length: post-mortems run long.
fn long_form(t: &Text) -> f32 {
    ((t.words as f32 - 450.0) / 400.0).clamp(0.0, 1.0) * incident_topic(t)
}

/// The vocabulary of engineering reviews: on-call, paged, runbook, failover, rollback,
/// contributing, mitigated.
fn engineering_vocabulary(t: &Text) -> f32 {
    const TERMS: &[&str] = &[
        "on-call",
        "on call",
        "paged",
        "pages",
        "incident declared",
        "declared an incident",
        "runbook",
        "game day",
        "failover",
        "rolled back",
        "rollback",
        "alerting",
        "alert",
        "contributing",
        "mitigat*",
        "the incident",
        "escalat*",
        "staging",
        "production",
    ];
    graded(distinct(&t.lower, TERMS), 5) * incident_topic(t)
}

#[cfg(test)]
mod tests {

    /// Found by the property test: a two-capital word followed by a non-ASCII one.
    #[test]
    fn a_zip_code_check_never_slices_inside_a_character() {
        for text in ["` _AA`A`\u{d00}!Σ", "AB $ૐഄ+Ѩ", "VA 2280Σ1"] {
            guess_kind(text);
        }
    }
    use super::*;

    fn measure(f: fn(&Text) -> f32, text: &str) -> f32 {
        f(&Text::new(text))
    }

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

    // --- one test per signal, on short invented texts ---

    #[test]
    fn status_signals() {
        assert!(
            measure(
                status_entries,
                "Monitoring - The fix is live.\n\nInvestigating - Errors."
            ) > 0.8
        );
        assert_eq!(measure(status_entries, "We monitored the rollout."), 0.0);
        assert_eq!(
            measure(status_page_furniture, "Lumen Cloud Status\n\nSlow logins"),
            1.0
        );
        assert_eq!(
            measure(status_page_furniture, "Dear customer,\n\nSlow logins"),
            0.0
        );
        assert_eq!(
            measure(
                posting_stamps,
                "Errors.\nPosted Jan 3, 2025 - 10:02 UTC\n\nStart.\nPosted Jan 3, 2025 - 09:40 UTC"
            ),
            1.0
        );
        assert_eq!(measure(posting_stamps, "Posted by the ops team"), 0.0);
        assert!(
            measure(
                live_update_language,
                "We are investigating. Next update in 30 minutes."
            ) > 0.5
        );
        assert_eq!(
            measure(live_update_language, "Thanks for reading our newsletter."),
            0.0
        );
        assert!(
            measure(
                short_service_notice,
                "Printing is down at the library; jobs failed with errors. Service restored at noon."
            ) > 0.9
        );
        assert_eq!(
            measure(
                short_service_notice,
                "Subject: Printing\n\nHi all,\n\nPrinting is down; jobs failed with errors."
            ),
            0.0
        );
    }

    #[test]
    fn email_signals() {
        assert_eq!(
            measure(email_header, "From: Ops <ops@x.example>\nSubject: Outage"),
            1.0
        );
        assert_eq!(measure(email_header, "The subject: outages"), 0.0);
        assert_eq!(measure(salutation, "Hi Tomas,\n\nYour sync failed."), 1.0);
        assert_eq!(
            measure(salutation, "Dear customer\n\nYour sync failed."),
            1.0
        );
        assert_eq!(measure(salutation, "Hiking is fun."), 0.0);
        assert_eq!(measure(sign_off, "Sorry again.\n\nBest regards,\nIna"), 1.0);
        assert_eq!(
            measure(sign_off, "Regards are not a closing here, they are a noun."),
            0.0
        );
        assert_eq!(
            measure(
                direct_correspondence,
                "We are writing to explain. Reply to this email with questions."
            ),
            1.0
        );
        assert!(
            measure(
                letter_about_service,
                "Hello,\n\nThe app was down and uploads failed with errors."
            ) > 0.9
        );
        assert_eq!(
            measure(
                letter_about_service,
                "The app was down and uploads failed with errors."
            ),
            0.0
        );
    }

    #[test]
    fn breach_signals() {
        assert_eq!(
            measure(
                breach_notice_title,
                "NOTICE OF DATA SECURITY INCIDENT\n\nDear Sam,"
            ),
            1.0
        );
        assert!(measure(breach_notice_title, "This was not a data breach.") < 0.5);
        assert!(
            measure(
                breach_legal_headings,
                "What Information Was Involved\nYour name.\n\nWhat You Can Do\nWatch your mail."
            ) >= 0.8
        );
        assert!(measure(breach_legal_headings, "What happened\nThe disk filled up.") < 0.2);
        assert_eq!(
            measure(
                consumer_protection,
                "Enroll in credit monitoring, place a fraud alert, or contact the Federal Trade Commission."
            ),
            1.0
        );
        assert_eq!(
            measure(consumer_protection, "Monitoring dashboards were slow."),
            0.0
        );
        assert_eq!(
            measure(
                personal_data_exposed,
                "An unauthorized person accessed your name, date of birth, bank account and phone number."
            ),
            1.0
        );
        assert_eq!(
            measure(personal_data_exposed, "Your name is on the invite list."),
            0.0
        );
        let letter = "Acme Clinic\nPO Box 12\nSpringfield, IL 62701\n\nMarch 3, 2025\n\nDear Pat,\n\nYour date of birth was exposed.";
        assert_eq!(measure(letterhead, letter), 1.0);
        assert_eq!(
            measure(
                letterhead,
                "PO Box 12\nSpringfield, IL 62701\n\nOur new opening hours."
            ),
            0.0
        );
        assert!(
            measure(
                notification_register,
                "We are writing to notify you. Out of an abundance of caution, we value your privacy."
            ) > 0.9
        );
    }

    #[test]
    fn vulnerability_signals() {
        assert_eq!(
            measure(advisory_identifiers, "Tracked as CVE-2031-0042."),
            1.0
        );
        assert_eq!(
            measure(advisory_identifiers, "Advisory ZZ-SA-2031-007"),
            1.0
        );
        assert_eq!(measure(advisory_identifiers, "We saw 2031 errors."), 0.0);
        let advisory = "A vulnerability in the parser.\n\nAffected versions: < 2.4.1\nPatched versions: 2.4.1\nSeverity: High\n\n## Workarounds\nDisable it.";
        assert_eq!(measure(advisory_fields, advisory), 1.0);
        // Changelog sections alone are not advisory fields.
        assert!(
            measure(
                advisory_fields,
                "## Fixed\n- a typo\n\n## Credits\nThanks all."
            ) < 0.5
        );
        assert!(
            measure(
                vulnerability_language,
                "A researcher reported a vulnerability: a crafted request could allow an attacker to bypass login."
            ) > 0.9
        );
        assert_eq!(
            measure(
                vulnerability_language,
                "Dependency injection with arbitrary crafted builders."
            ),
            0.0
        );
        assert_eq!(
            measure(
                security_notice_title,
                "Security Advisory: token leak\n\nAn attacker could read it."
            ),
            1.0
        );
        assert_eq!(
            measure(
                security_notice_title,
                "Weekly digest\n\nA security advisory was published elsewhere, see below."
            ),
            0.0
        );
        assert!(
            measure(
                versions_and_upgrades,
                "A vulnerability affects 1.2.0 to 1.2.7; upgrade to the patched 1.2.8 or 1.3.1."
            ) > 0.9
        );
        assert_eq!(
            measure(versions_and_upgrades, "Upgrade to 1.2.8 for faster builds."),
            0.0
        );
        assert!(
            measure(
                secret_exposure,
                "Our API keys were printed in a public log; we revoked them, please rotate yours."
            ) > 0.9
        );
        assert_eq!(measure(secret_exposure, "Create an API key to start."), 0.0);
    }

    #[test]
    fn postmortem_signals() {
        assert_eq!(
            measure(
                postmortem_self_reference,
                "Retrospective: queue outage\n\nWe lost an hour."
            ),
            1.0
        );
        assert!(
            measure(
                postmortem_self_reference,
                "Incident Report for Acme\n\nInvestigating"
            ) < 0.5
        );
        let pm = "## Summary\nIt broke.\n\n## Timeline\nEvents.\n\n## Root cause\nA bad flag.\n\n## Action items\nTests.\n\n## Lessons learned\nMany.";
        assert!(measure(postmortem_sections, pm) > 0.9);
        assert!(measure(postmortem_sections, "What happened\nA fire.") < 0.1);
        let rows = "The outage lasted an hour.\n\n- 09:02 Alert fires for errors\n- 09:10 On-call engineer paged\n- 09:31 Deploy rolled back\n- 09:40 Error rate recovers";
        assert_eq!(measure(timeline_rows, rows), 1.0);
        assert_eq!(
            measure(
                timeline_rows,
                "- 2024-01-02 Released the new theme\n- 2024-02-03 Released dark mode\n- 2024-03-04 Released search"
            ),
            0.0
        );
        assert_eq!(
            measure(report_metadata, "Authors: K. Ito · Severity: SEV-2"),
            1.0
        );
        assert_eq!(
            measure(long_form, &"The incident affected users. ".repeat(300)),
            1.0
        );
        assert_eq!(measure(long_form, "The incident affected users."), 0.0);
        assert!(
            measure(
                engineering_vocabulary,
                "The on-call engineer was paged in the outage; the incident was mitigated by a rollback."
            ) > 0.9
        );
    }

    #[test]
    fn not_communication_signals() {
        assert_eq!(
            measure(
                release_notes,
                "# Changelog\n\n## 1.4.0\n- x\n\n## 1.3.2\n- y\n\n## 1.3.1\n\n## 1.3.0\n\n## 1.2.0\n\n## 1.1.0"
            ),
            1.0
        );
        assert_eq!(
            measure(release_notes, "1. PURPOSE\n\n2. SUMMARY\n\n3. TIMELINE"),
            0.0
        );
        assert_eq!(
            measure(
                project_docs,
                "# tool\n\n## Installation\ncargo install\n\n## Usage\nrun it\n\n## License\nMIT"
            ),
            1.0
        );
        assert_eq!(
            measure(
                security_policy,
                "## Reporting a Vulnerability\nPlease report it privately."
            ),
            1.0
        );
    }

    // --- whole documents ---

    #[test]
    fn no_communication_infers_no_kind() {
        for text in [
            "A shopping list: eggs, milk, bread, two lemons.",
            "# fastgrep\n\nA fast grep.\n\n## Installation\n\n    cargo install fastgrep\n\n## Usage\n\nRun `fastgrep PATTERN`.\n\n## License\n\nMIT",
            "# Changelog\n\n## 2.1.0\n- Fixed a crash (CVE-2031-1111).\n\n## 2.0.1\n- Security fix for path handling.\n\n## 2.0.0\n- New API.\n\n## 1.9.0\n- Faster.\n\n## 1.8.0\n- Docs.",
            "# Security Policy\n\n## Supported Versions\n\nOnly the latest release.\n\n## Reporting a Vulnerability\n\nIf you believe you have found a vulnerability, please report it privately.",
        ] {
            let g = guess_kind(text);
            assert_eq!(g.kind, None, "{text}: {g:?}");
        }
    }

    #[test]
    fn invented_documents_of_each_kind() {
        let cases = [
            (
                "Orbit Storage Status\n\nUploads failing in eu-north\n\nIdentified - A full disk on the metadata nodes. We are adding capacity.\nJun 2, 2031 - 11:20 UTC\n\nInvestigating - We are investigating failed uploads.\nJun 2, 2031 - 10:55 UTC",
                Kind::StatusUpdate,
            ),
            (
                "Subject: Your invoices were late on Tuesday\n\nHi Noor,\n\nOn Tuesday our invoicing job stopped for six hours, so invoices went out late. We restarted it at 15:00 and every invoice has now been sent.\n\nYou don't need to do anything. Reply to this email if something looks wrong.\n\nBest,\nAri",
                Kind::IncidentEmail,
            ),
            (
                "Pinewood Dental\nPO Box 44\nSalem, OR 97301\n\nJune 9, 2031\n\nNOTICE OF DATA BREACH\n\nDear Robin,\n\nWhat Happened\nA backup drive was stolen from our office.\n\nWhat Information Was Involved\nYour name, date of birth and insurance number.\n\nWhat You Can Do\nEnroll in the free credit monitoring we offer and consider a security freeze.",
                Kind::BreachNotice,
            ),
            (
                "# Heap overflow in `tinyimg` PNG decoder\n\n**Affected versions:** < 0.9.4\n**Patched versions:** 0.9.4\n**Severity:** High\n\n## Impact\nA crafted image could allow an attacker to run code.\n\n## Credits\nThanks to a researcher who reported this privately.",
                Kind::VulnerabilityNotice,
            ),
            (
                "# Incident review: checkout errors, 4 May\n\n## Summary\nCheckout failed for 40 minutes.\n\n## Timeline (UTC)\n- 12:01 Deploy starts\n- 12:04 Error rate rises; on-call paged\n- 12:30 Deploy rolled back\n- 12:41 Errors stop\n\n## Root cause\nA missing index.\n\n## Action items\n- Add a migration check.",
                Kind::Postmortem,
            ),
        ];
        for (text, kind) in cases {
            let g = guess_kind(text);
            assert_eq!(g.kind, Some(kind), "{text}\n{g:?}");
        }
    }

    #[test]
    fn confidence_reflects_the_margin() {
        let clear = guess_kind(
            "Acme Status\n\nResolved - This incident has been resolved.\nPosted May 1, 2031 - 10:00 UTC\n\nMonitoring - We are monitoring the results.\nPosted May 1, 2031 - 09:30 UTC\n\nInvestigating - We are investigating errors.\nPosted May 1, 2031 - 09:00 UTC",
        );
        assert_eq!(clear.kind, Some(Kind::StatusUpdate));
        assert_eq!(clear.confidence, Confidence::High);
        // A greeting, a sign-off and one line about a service problem: could be an e-mail or
        // a status post.
        let unsure =
            guess_kind("Hi everyone,\n\nLogins failed with errors this morning.\n\nThe Team");
        assert!(unsure.confidence < Confidence::High, "{unsure:?}");
        assert_eq!(Confidence::from_score(0.1), Confidence::Low);
        assert_eq!(Confidence::from_score(0.45), Confidence::Medium);
    }

    #[test]
    fn phase_of_newest_first_and_oldest_first_threads() {
        let newest_first = "Resolved - Payments work again.\nMay 9, 14:10 UTC\n\nIdentified - A certificate expired.\nMay 9, 13:20 UTC\n\nInvestigating - Payments fail.\nMay 9, 13:02 UTC";
        let oldest_first = "Investigating - Payments fail.\nMay 9, 13:02 UTC\n\nIdentified - A certificate expired.\nMay 9, 13:20 UTC\n\nResolved - Payments work again.\nMay 9, 14:10 UTC";
        for text in [newest_first, oldest_first] {
            let g = guess_phase(text);
            assert_eq!(g.phase, Some(Phase::Resolved), "{text}");
            assert_eq!(g.from, PhaseEvidence::StatusWord);
            assert_eq!(g.confidence, Confidence::High);
        }
        // An "Update" keeps the status before it.
        let update = "Update - Still working on it.\nMay 9, 13:40 UTC\n\nIdentified - A certificate expired.\nMay 9, 13:20 UTC";
        assert_eq!(infer_phase(update), Some(Phase::Identified));
    }

    #[test]
    fn phase_from_wording_when_no_status_word() {
        for (text, phase) in [
            (
                "We are investigating reports of slow logins.",
                Phase::Investigating,
            ),
            (
                "We have identified the cause and are working on a fix.",
                Phase::Identified,
            ),
            (
                "A fix has been deployed and we are monitoring the results.",
                Phase::Monitoring,
            ),
            (
                "This incident has been resolved; logins are back to normal.",
                Phase::Resolved,
            ),
        ] {
            let g = guess_phase(text);
            assert_eq!(g.phase, Some(phase), "{text}");
            assert_eq!(g.from, PhaseEvidence::Language);
            assert!(g.confidence < Confidence::High);
        }
        assert_eq!(guess_phase("Thanks for your patience.").phase, None);
    }

    /// The kind is inferred right for the shipped fixture drafts whose kind is known (from
    /// their front matter or their file name), and for the labeled corpus when it is present.
    #[test]
    fn infers_the_kind_of_known_drafts() {
        use std::path::Path;
        let mut cases: Vec<(String, String, Kind)> = Vec::new();
        // Whole drafts and letters; the element and rule fixtures are one-paragraph snippets
        // whose declared kind only selects the policy they exercise.
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut walk = vec![root.join("drafts"), root.join("packs")];
        while let Some(dir) = walk.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for e in entries.flatten() {
                let p = e.path();
                if p.is_dir() {
                    walk.push(p);
                    continue;
                }
                let Ok(text) = std::fs::read_to_string(&p) else {
                    continue;
                };
                let name = p.file_name().unwrap().to_string_lossy().to_string();
                // A pack's non-compliant letter is stripped of what a breach letter says (what
                // happened, what data, what to do): it is not a whole letter.
                if name.ends_with("-noncompliant.md") {
                    continue;
                }
                // Front matter declares the kind; strip it so only the text speaks.
                let declared = text
                    .strip_prefix("---\n")
                    .and_then(|r| r.split_once("\n---\n"))
                    .and_then(|(fm, body)| {
                        let k = fm.lines().find_map(|l| l.strip_prefix("kind:"))?;
                        Some((k.trim().parse::<Kind>().ok()?, body.to_string()))
                    });
                let by_name = Kind::ALL.iter().find(|k| name.starts_with(k.as_str()));
                match (declared, by_name) {
                    (Some((k, body)), _) => cases.push((p.display().to_string(), body, k)),
                    (None, Some(k)) => cases.push((p.display().to_string(), text, *k)),
                    _ => {}
                }
            }
        }
        let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/labels.json");
        if let Ok(labels) = std::fs::read_to_string(&corpus) {
            let labels: serde_json::Value = serde_json::from_str(&labels).unwrap();
            for l in labels.as_array().into_iter().flatten() {
                let (Some(id), Some(kind)) = (l["id"].as_str(), l["kind"].as_str()) else {
                    continue;
                };
                let path = corpus.with_file_name(format!("{id}.md"));
                if let (Ok(text), Ok(k)) = (std::fs::read_to_string(&path), kind.parse::<Kind>()) {
                    cases.push((path.display().to_string(), text, k));
                }
            }
        }
        assert!(cases.len() >= 10, "expected the fixture drafts");
        let wrong: Vec<String> = cases
            .iter()
            .filter_map(|(path, text, k)| {
                let got = infer_kind(text);
                (got != Some(*k)).then(|| format!("{path}: inferred {got:?}, expected {k}"))
            })
            .collect();
        let right = cases.len() - wrong.len();
        assert!(
            right as f32 >= 0.95 * cases.len() as f32,
            "{right} of {} right:\n{}",
            cases.len(),
            wrong.join("\n")
        );
    }
}
