//! Status threads: the entries of a status update ("Investigating - …", "**Resolved**",
//! "Identified — 08:15 BST", "\[RESOLVED\] …", "Status: Monitoring") with their posting
//! timestamps, and which entry is the latest.
//!
//! A status page shows an incident as a thread of updates, each a status word, a body and the
//! time it was posted. The common layouts:
//!
//! * Atlassian Statuspage: the status word alone on a line (or `Investigating - body`), the
//!   body, then `Posted 2 hours ago. Mar 11, 2025 - 20:52 CET` (or `Mar 04, 2025 - 14:41 UTC`).
//!   `Update` keeps the incident's status.
//! * Instatus: `Investigating - body` with the timestamp on the next line.
//! * Cachet: `Investigating`, `Identified`, `Watching`, `Fixed`.
//! * Hand-written pages: `Identified — 08:15 BST` or `RESOLVED — Tuesday, January 21, 10:20 a.m.`
//!   as a header line, or the status in the title (`Checkout — Resolved`, `[RESOLVED] …`).
//!
//! Threads are shown newest first on most pages and oldest first on some. [`Thread::parse`]
//! finds the entries and orders them by their timestamps; without comparable timestamps it
//! reads the order from the progression of statuses (investigating → … → resolved), and
//! failing that assumes newest first, the convention of status pages.
//!
//! The parser reads plain text: pass the document with code blanked (`Document::raw`); block
//! quote markers are skipped, so a thread quoted in an article or a forum post is found too.

use crate::kind::Phase;
use std::cmp::Ordering;

/// What an entry says about the incident's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryStatus {
    /// The entry sets a phase (`Investigating`, `Watching`, `Fixed`, …).
    Phase(Phase),
    /// `Update`: more news, the status unchanged.
    Update,
}

/// One update of a status thread.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub status: EntryStatus,
    /// Byte range in the text: from the entry's status line to the next entry (or the end).
    pub start: usize,
    pub end: usize,
    /// Byte offset where the entry's own words begin (after the status word and separator).
    pub body_start: usize,
    /// When the entry was posted, when the thread says.
    pub stamp: Option<Stamp>,
    /// The status word was the suffix or prefix of a title line (`Checkout — Resolved`),
    /// not an entry header of its own.
    pub in_title: bool,
    /// One of the Statuspage words (investigating, identified, monitoring, resolved, update),
    /// not a word of another tool's vocabulary.
    pub core: bool,
}

/// A posting time, as far as the text gives it. Only used to order entries of one thread,
/// so time zones are ignored (a thread is written in one zone).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Stamp {
    /// Days, comparable within one thread (`year * 372 + month * 31 + day`; the year is 0 when
    /// not given).
    pub day: Option<u32>,
    /// Minutes after midnight.
    pub minute: Option<u32>,
    /// "Posted 2 hours ago": minutes before the page was rendered.
    pub ago: Option<u32>,
}

impl Stamp {
    /// Orders two stamps where the text allows it: by how long ago, then by day, then by time
    /// of day when neither day differs. `None` when they cannot be compared.
    pub fn compare(&self, other: &Stamp) -> Option<Ordering> {
        if let (Some(a), Some(b)) = (self.ago, other.ago)
            && a != b
        {
            return Some(b.cmp(&a));
        }
        if let (Some(a), Some(b)) = (self.day, other.day)
            && a != b
        {
            // Without years, a month that is much later most likely belongs to last year;
            // the thread is short, so compare as given.
            return Some(a.cmp(&b));
        }
        match (self.minute, other.minute) {
            (Some(a), Some(b)) => Some(a.cmp(&b)),
            // The same day, or as long ago, and no time of day to tell them apart.
            _ if self.day.is_some() && other.day.is_some() => Some(Ordering::Equal),
            _ if self.ago.is_some() && other.ago.is_some() => Some(Ordering::Equal),
            _ => None,
        }
    }
}

/// Which way the thread is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    NewestFirst,
    OldestFirst,
}

/// What decided the order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderEvidence {
    /// The entries' timestamps.
    Timestamps,
    /// The progression of statuses (a thread advances from investigating to resolved).
    Progression,
    /// Nothing: newest first assumed. Also used for a single entry.
    Default,
}

/// The status entries of a document.
#[derive(Debug, Clone)]
pub struct Thread {
    /// In the order they appear in the text.
    pub entries: Vec<Entry>,
    pub order: Order,
    pub evidence: OrderEvidence,
}

/// Status words and the phase they set (`None`: an update that keeps the status).
const STATUS_WORDS: &[(&str, Option<Phase>)] = &[
    ("investigating", Some(Phase::Investigating)),
    ("identified", Some(Phase::Identified)),
    ("monitoring", Some(Phase::Monitoring)),
    ("resolved", Some(Phase::Resolved)),
    // Cachet.
    ("watching", Some(Phase::Monitoring)),
    ("fixed", Some(Phase::Resolved)),
    // Statuspage maintenance states.
    ("verifying", Some(Phase::Monitoring)),
    ("completed", Some(Phase::Resolved)),
    ("update", None),
];

/// Words that may end an entry's title form but would be ordinary English at the end of a
/// heading ("Vulnerability fixed"): only the four Statuspage phases count there.
const TITLE_STATUS_WORDS: &[&str] = &["investigating", "identified", "monitoring", "resolved"];

const SEPARATORS: &[&str] = &[" - ", " – ", " — ", ": ", " | ", " · ", "- ", "– ", "— "];

impl Thread {
    /// Finds the status entries of `text` and the order they are written in.
    pub fn parse(text: &str) -> Thread {
        let mut entries: Vec<Entry> = Vec::new();
        let mut offset = 0;
        for raw_line in text.split_inclusive('\n') {
            let line_start = offset;
            offset += raw_line.len();
            let (lead, line) = strip_decoration(raw_line);
            if line.is_empty() {
                continue;
            }
            if let Some((status, body_at, stamp, in_title, word)) = header(line) {
                let core = TITLE_STATUS_WORDS.contains(&word) || word == "update";
                entries.push(Entry {
                    core,
                    status,
                    start: line_start,
                    end: text.len(),
                    body_start: (line_start + lead + body_at).min(offset),
                    stamp,
                    in_title,
                });
            }
        }
        // Each entry runs to the next; its stamp, when not on the header line, is the first
        // stamp line inside it (Statuspage puts it after the body, other layouts right under
        // the header).
        for i in 0..entries.len() {
            let end = entries.get(i + 1).map_or(text.len(), |e| e.start);
            entries[i].end = end;
            if entries[i].stamp.is_none() {
                let from = entries[i].body_start.min(end);
                entries[i].stamp = text[from..end]
                    .lines()
                    .filter_map(|l| stamp_line(strip_decoration(l).1))
                    .next();
            }
        }
        // Cachet's "Fixed"/"Watching" and Statuspage's maintenance states are also ordinary
        // headings ("### Fixed" in a changelog): they count only next to the core words.
        if !entries.iter().any(|e| e.core) {
            entries.clear();
        }
        let (order, evidence) = decide_order(&entries);
        Thread {
            entries,
            order,
            evidence,
        }
    }

    /// The most recent entry.
    pub fn latest(&self) -> Option<&Entry> {
        match self.order {
            Order::NewestFirst => self.entries.first(),
            Order::OldestFirst => self.entries.last(),
        }
    }

    /// Entries from the latest to the earliest.
    pub fn newest_first(&self) -> Box<dyn Iterator<Item = &Entry> + '_> {
        match self.order {
            Order::NewestFirst => Box::new(self.entries.iter()),
            Order::OldestFirst => Box::new(self.entries.iter().rev()),
        }
    }

    /// The phase of the latest entry; an `Update` keeps the phase of the entry before it.
    pub fn phase(&self) -> Option<Phase> {
        self.newest_first().find_map(|e| match e.status {
            EntryStatus::Phase(p) => Some(p),
            EntryStatus::Update => None,
        })
    }

    /// Entries that set a phase (not `Update`), outside titles.
    pub fn phase_entries(&self) -> usize {
        self.entries
            .iter()
            .filter(|e| matches!(e.status, EntryStatus::Phase(_)))
            .count()
    }

    /// Entries with a timestamp.
    pub fn stamped(&self) -> usize {
        self.entries.iter().filter(|e| e.stamp.is_some()).count()
    }
}

/// Newest or oldest first: by timestamps, then by the progression of phases, else newest
/// first.
fn decide_order(entries: &[Entry]) -> (Order, OrderEvidence) {
    let vote = |cmp: &dyn Fn(&Entry, &Entry) -> Option<Ordering>| {
        let (mut up, mut down) = (0, 0);
        let mut prev: Option<&Entry> = None;
        for e in entries {
            if let Some(p) = prev
                && let Some(o) = cmp(p, e)
            {
                match o {
                    Ordering::Less => up += 1,
                    Ordering::Greater => down += 1,
                    Ordering::Equal => {}
                }
            }
            // Compare each entry with the previous one that could be compared.
            if cmp(e, e).is_some() {
                prev = Some(e);
            }
        }
        match up.cmp(&down) {
            Ordering::Greater => Some(Order::OldestFirst),
            Ordering::Less => Some(Order::NewestFirst),
            Ordering::Equal => None,
        }
    };
    let by_stamp = |a: &Entry, b: &Entry| match (&a.stamp, &b.stamp) {
        (Some(x), Some(y)) => x.compare(y),
        _ => None,
    };
    if let Some(o) = vote(&by_stamp) {
        return (o, OrderEvidence::Timestamps);
    }
    let by_phase = |a: &Entry, b: &Entry| match (a.status, b.status) {
        (EntryStatus::Phase(x), EntryStatus::Phase(y)) if !a.in_title && !b.in_title => {
            Some(x.cmp(&y))
        }
        _ => None,
    };
    if let Some(o) = vote(&by_phase) {
        return (o, OrderEvidence::Progression);
    }
    (Order::NewestFirst, OrderEvidence::Default)
}

/// Strips block-quote markers, heading marks and emphasis around a line. Returns the number of
/// bytes removed at the start and the rest, trimmed.
pub fn strip_decoration(line: &str) -> (usize, &str) {
    let mut s = line.trim_end_matches(['\n', '\r']);
    let original = s.len();
    loop {
        let u = s.trim_start();
        let stripped = u
            .strip_prefix('>')
            .or_else(|| u.strip_prefix("**"))
            .or_else(|| u.strip_prefix("__"))
            .or_else(|| u.strip_prefix('#'))
            .or_else(|| {
                // Single `*`/`_` emphasis, not a list bullet ("* item").
                let rest = u.strip_prefix(['*', '_'])?;
                (!rest.starts_with(' ')).then_some(rest)
            });
        match stripped {
            Some(rest) => s = rest,
            None => {
                s = u;
                break;
            }
        }
    }
    let lead = original - s.len();
    let mut s = s.trim_end();
    loop {
        let t = s
            .strip_suffix("**")
            .or_else(|| s.strip_suffix("__"))
            .or_else(|| s.strip_suffix('*'))
            .or_else(|| s.strip_suffix('_'));
        match t {
            Some(rest) => s = rest.trim_end(),
            None => break,
        }
    }
    (lead, s)
}

/// The status word `w` starts `s` (case-insensitively) and ends at a word boundary.
fn starts_with_word<'a>(s: &'a str, w: &str) -> Option<&'a str> {
    let head = s.get(..w.len())?;
    if !head.eq_ignore_ascii_case(w) {
        return None;
    }
    let rest = &s[w.len()..];
    if rest.chars().next().is_some_and(|c| c.is_alphanumeric()) {
        return None;
    }
    Some(rest)
}

fn status_of(word: &str) -> Option<EntryStatus> {
    STATUS_WORDS
        .iter()
        .find(|(w, _)| w.eq_ignore_ascii_case(word))
        .map(|(_, p)| p.map_or(EntryStatus::Update, EntryStatus::Phase))
}

/// The status word as spelled in [`STATUS_WORDS`].
fn canonical(word: &str) -> Option<&'static str> {
    STATUS_WORDS
        .iter()
        .find(|(w, _)| w.eq_ignore_ascii_case(word))
        .map(|(w, _)| *w)
}

/// Reads an entry header: the status, where the entry's words begin (offset in `line`), a
/// stamp on the header line, whether the status is part of a title, and the status word.
fn header(line: &str) -> Option<(EntryStatus, usize, Option<Stamp>, bool, &'static str)> {
    let lower = line.to_lowercase();
    // "Status: Investigating", "Current status: investigating".
    for field in ["current status:", "status:", "incident status:"] {
        if let Some(rest) = lower.strip_prefix(field) {
            let word = rest.trim().trim_end_matches(['.', '!']);
            return match (status_of(word), canonical(word)) {
                (Some(EntryStatus::Phase(p)), Some(w)) if !matches!(w, "fixed" | "completed") => {
                    Some((EntryStatus::Phase(p), line.len(), None, true, w))
                }
                _ => None,
            };
        }
    }
    // "[RESOLVED] Login problems".
    if let Some(rest) = line.strip_prefix('[')
        && let Some((word, _)) = rest.split_once(']')
        && let Some(EntryStatus::Phase(p)) = status_of(word.trim())
        && let Some(w) = canonical(word.trim())
    {
        return Some((EntryStatus::Phase(p), line.len(), None, true, w));
    }
    // "14:10 UTC — Resolved: …": a time before the status word.
    let (skip, s) = match SEPARATORS.iter().find_map(|sep| line.split_once(sep)) {
        Some((before, after)) if is_stamp_text(before) && !before.trim().is_empty() => {
            (line.len() - after.len(), after)
        }
        _ => (0, line),
    };
    for (word, _) in STATUS_WORDS {
        let Some(rest) = starts_with_word(s, word) else {
            continue;
        };
        let status = status_of(word)?;
        // "**Identified** · Posted …": emphasis closes after the word.
        let rest = rest.trim_start_matches(['*', '_']);
        let at = skip + (s.len() - rest.len());
        let trimmed = rest.trim_start();
        // "Investigating" alone, or with a colon or full stop.
        if trimmed.is_empty() || matches!(trimmed, ":" | "." | "!") {
            return Some((status, line.len(), None, false, word));
        }
        // "Update posted 07:12 PT" is a stamp line, not an entry.
        if status == EntryStatus::Update && trimmed.to_lowercase().starts_with("posted") {
            return None;
        }
        // "Update (Tue 10:15): …" and "Update 19:40 GMT: …": a stamp before the separator.
        let (stamp_before, after_stamp) = split_leading_stamp(rest);
        for sep in SEPARATORS {
            let sep_trim = sep.trim_start();
            if let Some(body) = after_stamp
                .strip_prefix(sep)
                .or_else(|| after_stamp.strip_prefix(sep_trim))
            {
                let body_at = at + (rest.len() - body.len());
                // "Identified — 08:15 BST", "**Identified** · Posted Apr 17, 2025 – 10:05 PDT".
                let stamp = stamp_before.or_else(|| stamp_line(body));
                let in_title = stamp.is_none()
                    && body.split_whitespace().count() <= 12
                    && !body.trim_end().ends_with(['.', '!', '?']);
                // "Update: …" in prose is too common to read as a title.
                if in_title && status == EntryStatus::Update {
                    return None;
                }
                return Some((status, body_at, stamp, in_title, word));
            }
        }
        return None;
    }
    // "Checkout failures — Resolved", "Service update: reminders – RESOLVED".
    if line.split_whitespace().count() <= 14 {
        for sep in SEPARATORS {
            if let Some((title, word)) = line.rsplit_once(sep.trim_end()) {
                let word = word.trim().trim_end_matches(['.', '!']);
                if !title.trim().is_empty()
                    && TITLE_STATUS_WORDS
                        .iter()
                        .any(|w| w.eq_ignore_ascii_case(word))
                    && let Some(EntryStatus::Phase(p)) = status_of(word)
                    && let Some(w) = canonical(word)
                {
                    return Some((EntryStatus::Phase(p), line.len(), None, true, w));
                }
            }
        }
    }
    None
}

/// Splits "(Tue 10:15): body" or " 19:40 GMT: body" into the stamp and ": body".
fn split_leading_stamp(rest: &str) -> (Option<Stamp>, &str) {
    let t = rest.trim_start();
    if let Some(inner) = t.strip_prefix('(')
        && let Some((stamp, after)) = inner.split_once(')')
    {
        return (parse_stamp(stamp), after);
    }
    if let Some(i) = t
        .find(':')
        .filter(|_| t.starts_with(|c: char| c.is_ascii_digit()))
    {
        // "19:40 GMT: body": the stamp runs to the colon that follows the time.
        let tail = &t[i + 1..];
        if let Some(j) = tail.find(": ") {
            let stamp_text = &t[..i + 1 + j];
            if is_stamp_text(stamp_text) {
                return (parse_stamp(stamp_text), &tail[j..]);
            }
        }
    }
    (None, rest)
}

const MONTHS: &[&str] = &[
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];
const WEEKDAYS: &[&str] = &["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
/// Words that may sit in a timestamp besides numbers, months, weekdays and zones.
const STAMP_WORDS: &[&str] = &[
    "posted",
    "updated",
    "update",
    "last",
    "on",
    "at",
    "ago",
    "hour",
    "hours",
    "minute",
    "minutes",
    "min",
    "mins",
    "day",
    "days",
    "today",
    "yesterday",
    "am",
    "pm",
    "a.m",
    "p.m",
    "a.m.",
    "p.m.",
    "by",
    "local",
    "time",
];

fn month_of(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.');
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| w.starts_with(m) && "january february march april may june july august september october november december sept".contains(w))
        .map(|i| i as u32 + 1)
}

fn is_zone(word: &str) -> bool {
    let w = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '+');
    (2..=5).contains(&w.len()) && w.chars().all(|c| c.is_ascii_uppercase())
        || w.starts_with("UTC")
        || w.starts_with("GMT")
}

/// True when `s` reads as nothing but a timestamp ("Mar 04, 2025 - 14:41 UTC", "10:20 a.m.",
/// "Posted 1 hour ago. Mar 11, 2025 - 21:40 CET").
fn is_stamp_text(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.is_empty() || words.len() > 12 {
        return false;
    }
    let stampish = words
        .iter()
        .filter(|w| {
            let lw = w.to_lowercase();
            let core = lw.trim_matches(|c: char| matches!(c, ',' | '.' | '(' | ')' | ':' | ';'));
            core.is_empty()
                || matches!(core, "-" | "–" | "—" | "|" | "·")
                || core.chars().next().is_some_and(|c| c.is_ascii_digit())
                || month_of(core).is_some()
                || WEEKDAYS.iter().any(|d| core.starts_with(d))
                || STAMP_WORDS.contains(&core)
                || is_zone(w)
        })
        .count();
    stampish == words.len()
        && parse_stamp(s)
            .is_some_and(|st| st.minute.is_some() || st.day.is_some() || st.ago.is_some())
}

/// A line that is only a posting time: "Posted Apr 22, 2025 - 16:10 UTC", "Mar 27, 11:40 SGT",
/// "Jan 15, 9:47 AM", "Posted 15:22, 19 May 2025".
pub fn stamp_line(line: &str) -> Option<Stamp> {
    let l = line.trim();
    if !is_stamp_text(l) {
        return None;
    }
    let st = parse_stamp(l)?;
    // A bare day ("Friday 28 February 2025") is a dateline, not a posting time, unless it
    // says it was posted.
    (st.minute.is_some() || st.ago.is_some() || l.to_lowercase().starts_with("posted"))
        .then_some(st)
}

/// Reads the day, time of day and "ago" of a timestamp.
pub fn parse_stamp(s: &str) -> Option<Stamp> {
    let lower = s.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let mut st = Stamp::default();
    let (mut month, mut day, mut year) = (None, None, None);
    for (i, w) in words.iter().enumerate() {
        let core = w.trim_matches(|c: char| matches!(c, '.' | '(' | ')' | ';' | '-' | '–' | '—'));
        if let Some(m) = month_of(core) {
            month = Some(m);
            continue;
        }
        if let Some(n) = words.get(i + 1).filter(|n| {
            n.starts_with("hour")
                || n.starts_with("minute")
                || n.starts_with("min")
                || n.starts_with("day")
        }) && let Ok(k) = core.parse::<u32>()
        {
            let unit = if n.starts_with("hour") {
                60
            } else if n.starts_with("day") {
                1440
            } else {
                1
            };
            if words.get(i + 2).is_some_and(|a| a.starts_with("ago")) {
                st.ago = Some(k * unit);
            }
            continue;
        }
        if core == "an" || core == "a" {
            continue;
        }
        // ISO date 2025-04-22.
        let parts: Vec<&str> = core.split('-').collect();
        if parts.len() == 3
            && parts[0].len() == 4
            && let (Ok(y), Ok(m), Ok(d)) = (
                parts[0].parse::<u32>(),
                parts[1].parse::<u32>(),
                parts[2].parse::<u32>(),
            )
        {
            year = Some(y);
            month = Some(m);
            day = Some(d);
            continue;
        }
        // 03/18/2025.
        let parts: Vec<&str> = core.split('/').collect();
        if parts.len() == 3
            && let (Ok(a), Ok(b), Ok(y)) = (
                parts[0].parse::<u32>(),
                parts[1].parse::<u32>(),
                parts[2].parse::<u32>(),
            )
        {
            year = Some(y);
            month = Some(a);
            day = Some(b);
            continue;
        }
        if let Some(m) = clock(core, words.get(i + 1).copied()) {
            st.minute = Some(m);
            continue;
        }
        let digits = core.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        if let Ok(n) = digits.parse::<u32>() {
            if (1900..2200).contains(&n) && digits.len() == 4 {
                year = Some(n);
            } else if (1..=31).contains(&n) && digits.len() <= 2 {
                day = Some(n);
            }
        }
    }
    if let (Some(m), Some(d)) = (month, day) {
        st.day = Some(year.unwrap_or(0) * 372 + m * 31 + d);
    }
    (st.day.is_some() || st.minute.is_some() || st.ago.is_some()).then_some(st)
}

/// "14:41", "9:47", "10:20" with "a.m."/"pm" after it, "4pm", "9.15pm".
fn clock(word: &str, next: Option<&str>) -> Option<u32> {
    let w = word.trim_end_matches(['.', ')']);
    let (num, suffix) = match w.find(|c: char| c.is_ascii_alphabetic()) {
        Some(i) => (&w[..i], &w[i..]),
        None => (w, ""),
    };
    let meridiem = |s: &str| match s.trim_end_matches('.') {
        "am" | "a.m" => Some(false),
        "pm" | "p.m" => Some(true),
        _ => None,
    };
    let pm = if suffix.is_empty() {
        next.and_then(|n| meridiem(n.trim_matches(|c: char| matches!(c, ',' | ')' | '('))))
    } else {
        Some(meridiem(suffix)?)
    };
    let (h, m) = match num.split_once([':', '.']) {
        Some((h, m)) if m.len() == 2 => (h.parse::<u32>().ok()?, m.parse::<u32>().ok()?),
        // "9.15" without am/pm is more likely a version than a time.
        _ if pm.is_some() && !num.contains(['.', ':']) => (num.parse::<u32>().ok()?, 0),
        _ => return None,
    };
    if num.contains('.') && pm.is_none() {
        return None;
    }
    if h > 23 || m > 59 {
        return None;
    }
    let h = match pm {
        Some(true) if h < 12 => h + 12,
        Some(false) if h == 12 => 0,
        _ => h,
    };
    Some(h * 60 + m)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phases(t: &Thread) -> Vec<EntryStatus> {
        t.entries.iter().map(|e| e.status).collect()
    }

    #[test]
    fn newest_first_statuspage_thread() {
        let text = "Widget Co Status\n\nSlow uploads\n\nResolved\nUploads are fast again.\nPosted Feb 7, 2025 - 09:14 GMT\n\nMonitoring\nA change was made and we are watching.\nPosted Feb 6, 2025 - 21:30 GMT\n\nInvestigating\nUploads are slow.\nPosted Feb 6, 2025 - 11:02 GMT\n";
        let t = Thread::parse(text);
        assert_eq!(
            phases(&t),
            vec![
                EntryStatus::Phase(Phase::Resolved),
                EntryStatus::Phase(Phase::Monitoring),
                EntryStatus::Phase(Phase::Investigating)
            ]
        );
        assert_eq!(t.order, Order::NewestFirst);
        assert_eq!(t.evidence, OrderEvidence::Timestamps);
        assert_eq!(t.phase(), Some(Phase::Resolved));
    }

    #[test]
    fn oldest_first_thread_takes_the_last_entry() {
        let text = "Investigating - Some pages fail to load.\nMay 2, 2025 - 08:01 UTC\n\nIdentified - A cache node is out of memory.\nMay 2, 2025 - 08:30 UTC\n\nMonitoring - The node was replaced; we are watching error rates.\nMay 2, 2025 - 09:05 UTC\n";
        let t = Thread::parse(text);
        assert_eq!(t.order, Order::OldestFirst);
        assert_eq!(t.phase(), Some(Phase::Monitoring));
    }

    #[test]
    fn hand_written_header_lines_with_times() {
        let text = "Update — 11:40 BST\nThe queue is draining.\n\nIdentified — 10:15 BST\nA full disk.\n\nInvestigating — 09:30 BST\nLooking into it.\n";
        let t = Thread::parse(text);
        assert_eq!(t.entries.len(), 3);
        assert_eq!(t.order, Order::NewestFirst);
        // The update keeps the phase of the entry before it.
        assert_eq!(t.latest().unwrap().status, EntryStatus::Update);
        assert_eq!(t.phase(), Some(Phase::Identified));
    }

    #[test]
    fn oldest_first_without_times_reads_the_progression() {
        let text = "INVESTIGATING: card payments fail.\n\nIDENTIFIED: an expired certificate.\n\nRESOLVED: payments work again.\n";
        let t = Thread::parse(text);
        assert_eq!(t.order, Order::OldestFirst);
        assert_eq!(t.evidence, OrderEvidence::Progression);
        assert_eq!(t.phase(), Some(Phase::Resolved));
    }

    #[test]
    fn twelve_hour_times_order_entries() {
        let text = "Identified – 4:05 PM\nThe cause is known.\n\nInvestigating – 3:20 PM\nWe are looking.\n";
        let t = Thread::parse(text);
        assert_eq!(t.order, Order::NewestFirst);
        assert_eq!(t.phase(), Some(Phase::Identified));
    }

    #[test]
    fn status_in_titles_fields_and_quotes() {
        for (text, phase) in [
            ("Acme Mail – Resolved\n\nMail flows again.", Phase::Resolved),
            (
                "[RESOLVED] Login problems\n\nAll good now.",
                Phase::Resolved,
            ),
            (
                "Status: Investigating\nLast updated: 7:42am",
                Phase::Investigating,
            ),
            ("> **Monitoring** – A fix is live.", Phase::Monitoring),
            (
                "## Identified: API timeouts\n\nA pool is exhausted.",
                Phase::Identified,
            ),
        ] {
            assert_eq!(Thread::parse(text).phase(), Some(phase), "{text}");
        }
    }

    #[test]
    fn prose_is_not_a_thread() {
        for text in [
            "We resolved the problem on Monday.\nMonitoring continues.",
            "Update your app to version 2.1.",
            "## Resolution\nWe rolled back.",
            "Status: Fixed (no customer action required)",
            "Identified by our scanner, the flaw affects 2.3.",
        ] {
            assert_eq!(Thread::parse(text).phase(), None, "{text}");
        }
    }

    #[test]
    fn other_tools_words_count_only_in_a_thread() {
        // Keep a Changelog headings are no thread.
        assert!(
            Thread::parse("## Fixed\n- a crash\n\n## Completed\n- docs")
                .entries
                .is_empty()
        );
        // Cachet's words next to a core word are.
        let t = Thread::parse("Fixed\nAll good.\n\nInvestigating\nErrors.");
        assert_eq!(t.phase(), Some(Phase::Resolved));
        // "Fixed - the update is live" is a Cachet entry, not a core one.
        assert!(
            !Thread::parse("Fixed - the update is live.")
                .entries
                .iter()
                .any(|e| e.core)
        );
    }

    #[test]
    fn stamps() {
        let s = parse_stamp("Posted 2 hours ago. Mar 11, 2025 - 20:52 CET").unwrap();
        assert_eq!(s.ago, Some(120));
        assert_eq!(s.minute, Some(20 * 60 + 52));
        assert!(s.day.is_some());
        assert_eq!(parse_stamp("10:20 a.m.").unwrap().minute, Some(620));
        assert_eq!(parse_stamp("4pm").unwrap().minute, Some(16 * 60));
        assert!(stamp_line("Posted by the operations team").is_none());
        assert!(stamp_line("Jan 15, 9:47 AM").is_some());
        assert!(stamp_line("We restarted it at 10:12.").is_none());
    }
}
