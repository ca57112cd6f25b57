//! Time expressions in a sentence: clock times ("10:20 a.m.", "2am", "14:05 UTC"), dates
//! ("18 March 2025", "March 18", "2025-03-18", "3/18/2025"), named days ("Tuesday"), and
//! intervals ("within 30 minutes", "every hour"). Element detectors ask for them
//! (timeline, next update) and patterns match them as `<clock>`, `<date>`, `<when>` and
//! `<interval>`.

use super::tagger::Tag;
use super::token::{Token, TokenKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WhenKind {
    Clock,
    Date,
    Weekday,
    /// A span of time from now: "within 30 minutes", "in two hours", "every 15 minutes".
    Interval,
}

/// A time expression: token range and kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct When {
    pub start: usize,
    pub end: usize,
    pub kind: WhenKind,
}

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];
const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
];
const UNITS: &[&str] = &[
    "second", "seconds", "minute", "minutes", "min", "mins", "hour", "hours", "hr", "hrs", "day",
    "days", "week", "weeks", "business", "working",
];
const NUMBER_WORDS: &[&str] = &[
    "a",
    "an",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "twelve",
    "fifteen",
    "twenty",
    "thirty",
    "forty-five",
    "sixty",
    "few",
    "half",
];

fn w(toks: &[Token], i: usize) -> &str {
    toks.get(i).map_or("", |t| &*t.lower)
}

/// A month or weekday name, or its abbreviation: never part of a company's name.
pub(crate) fn is_calendar_word(w: &str) -> bool {
    MONTHS.contains(&w) || WEEKDAYS.contains(&w)
}

fn is_month(t: &Token) -> bool {
    let l = t.lower.trim_end_matches('.');
    MONTHS.contains(&l)
        && (l != "may" || t.capitalized())
        && (l != "mar" && l != "sun" && l != "sat" || t.capitalized())
}

fn is_day_number(s: &str) -> bool {
    let digits = s.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    !digits.is_empty()
        && digits.len() <= 2
        && digits.chars().all(|c| c.is_ascii_digit())
        && digits.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d))
        && matches!(&s[digits.len()..], "" | "st" | "nd" | "rd" | "th")
}

fn is_year(s: &str) -> bool {
    s.len() == 4 && s.starts_with(['1', '2']) && s.chars().all(|c| c.is_ascii_digit())
}

/// "10:20", "14:05:33", "6.45" (after a time word), "2am", "10.30pm", "5.03AM".
fn clock_token(toks: &[Token], i: usize) -> Option<usize> {
    let t = &toks[i];
    let l = &*t.lower;
    let ampm = |k: usize| matches!(w(toks, k), "am" | "pm" | "a.m." | "p.m." | "a.m" | "p.m");
    let hm = |s: &str| -> bool {
        let mut parts = s.split(':');
        let (Some(h), Some(m)) = (parts.next(), parts.next()) else {
            return false;
        };
        h.len() <= 2
            && h.parse::<u32>().is_ok_and(|h| h <= 24)
            && m.len() == 2
            && m.parse::<u32>().is_ok_and(|m| m < 60)
            && parts.all(|x| x.len() == 2 && x.chars().all(|c| c.is_ascii_digit()))
    };
    if t.kind == TokenKind::Number && hm(l) {
        return Some(if ampm(i + 1) { i + 2 } else { i + 1 });
    }
    // "2am", "10.30pm", "5.03am"
    if let Some(num) = l.strip_suffix("am").or_else(|| l.strip_suffix("pm")) {
        let ok = num.split('.').collect::<Vec<_>>();
        let valid = match ok.as_slice() {
            [h] => h.len() <= 2 && h.parse::<u32>().is_ok_and(|h| (1..=12).contains(&h)),
            [h, m] => {
                h.len() <= 2
                    && h.parse::<u32>().is_ok_and(|h| h <= 12)
                    && m.len() == 2
                    && m.parse::<u32>().is_ok_and(|m| m < 60)
            }
            _ => false,
        };
        if valid {
            return Some(i + 1);
        }
    }
    // "7 a.m.", "10 pm", "6.45 pm"
    if t.kind == TokenKind::Number && ampm(i + 1) {
        let n = l.split('.').next().unwrap_or("");
        if n.parse::<u32>().is_ok_and(|h| (1..=12).contains(&h)) {
            return Some(i + 2);
        }
    }
    // "6.45" after a time word: "from 6.45", "at 10.30".
    if t.kind == TokenKind::Number
        && i > 0
        && matches!(
            w(toks, i - 1),
            "at" | "from"
                | "until"
                | "till"
                | "to"
                | "and"
                | "between"
                | "around"
                | "about"
                | "by"
                | "since"
        )
        && l.split_once('.').is_some_and(|(h, m)| {
            h.len() <= 2
                && h.parse::<u32>().is_ok_and(|h| h <= 23)
                && m.len() == 2
                && m.parse::<u32>().is_ok_and(|m| m < 60)
        })
    {
        return Some(i + 1);
    }
    if matches!(l, "noon" | "midnight" | "midday") {
        return Some(i + 1);
    }
    None
}

/// A date starting at `i`: "18 March (2025)", "March 18(th)(, 2025)", "March 2025",
/// "2025-03-18", "3/18/2025", "18/03/2025".
fn date_at(toks: &[Token], i: usize) -> Option<usize> {
    let t = &toks[i];
    let l = &*t.lower;
    if t.kind == TokenKind::Number {
        let dashed: Vec<&str> = l.split('-').collect();
        if dashed.len() == 3 && is_year(dashed[0]) && dashed[1].len() == 2 {
            return Some(i + 1);
        }
        let slashed: Vec<&str> = l.split('/').collect();
        if slashed.len() == 3
            && slashed
                .iter()
                .all(|p| !p.is_empty() && p.len() <= 4 && p.chars().all(|c| c.is_ascii_digit()))
        {
            return Some(i + 1);
        }
    }
    // "18 March 2025", "18th March", "1–20 May"
    if is_day_number(l) {
        let mut k = i + 1;
        if matches!(w(toks, k), "–" | "-" | "and" | "to") && is_day_number(w(toks, k + 1)) {
            k += 2;
        }
        if toks.get(k).is_some_and(is_month) {
            let mut e = k + 1;
            if is_year(w(toks, e)) {
                e += 1;
            }
            return Some(e);
        }
    }
    // "March 18", "March 18th, 2025", "March 2025"
    if is_month(t) {
        let mut e = i + 1;
        if w(toks, e) == "." {
            e += 1;
        }
        if is_day_number(w(toks, e)) {
            e += 1;
            if w(toks, e) == "," && is_year(w(toks, e + 1)) {
                e += 2;
            } else if is_year(w(toks, e)) {
                e += 1;
            }
            return Some(e);
        }
        if is_year(w(toks, e)) {
            return Some(e + 1);
        }
        // "in March", "since early May", "until the end of June": the month itself.
        let prev = if i > 0 { w(toks, i - 1) } else { "" };
        let prev2 = if i > 1 { w(toks, i - 2) } else { "" };
        if matches!(
            prev,
            "in" | "since"
                | "during"
                | "from"
                | "until"
                | "between"
                | "early"
                | "mid"
                | "late"
                | "of"
                | "before"
                | "after"
                | "by"
        ) || matches!(prev2, "in" | "since" | "during" | "of")
        {
            return Some(i + 1);
        }
    }
    None
}

/// "within 30 minutes", "in 2 hours", "every 15 minutes", "in the next hour".
fn interval_at(toks: &[Token], i: usize) -> Option<usize> {
    let l = w(toks, i);
    if !matches!(l, "within" | "in" | "every" | "each") {
        return None;
    }
    let mut k = i + 1;
    if matches!(w(toks, k), "the") && matches!(w(toks, k + 1), "next" | "coming") {
        k += 2;
    } else if w(toks, k) == "next" {
        k += 1;
    }
    let count = toks
        .get(k)
        .is_some_and(|t| t.kind == TokenKind::Number || t.is(Tag::NUM))
        || NUMBER_WORDS.contains(&w(toks, k));
    if count {
        k += 1;
        if w(toks, k) == "-" || w(toks, k) == "–" || w(toks, k) == "to" {
            k += 2;
        }
    }
    if matches!(w(toks, k), "business" | "working") {
        k += 1;
    }
    let unit = UNITS.contains(&w(toks, k)) && !matches!(w(toks, k), "business" | "working");
    (unit && (count || w(toks, k - 1) == "next")).then_some(k + 1)
}

/// Every time expression in a sentence, left to right, not overlapping.
pub fn find(toks: &[Token]) -> Vec<When> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        let found = if let Some(e) = date_at(toks, i) {
            Some((e, WhenKind::Date))
        } else if let Some(e) = clock_token(toks, i) {
            Some((e, WhenKind::Clock))
        } else if WEEKDAYS.contains(&t.lower.trim_end_matches('.')) && t.capitalized() {
            Some((i + 1, WhenKind::Weekday))
        } else {
            interval_at(toks, i).map(|e| (e, WhenKind::Interval))
        };
        match found {
            Some((e, kind)) => {
                out.push(When {
                    start: i,
                    end: e,
                    kind,
                });
                i = e;
            }
            None => i += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(String, WhenKind)> {
        let toks = crate::analysis::token::tokenize(text, 0);
        find(&toks)
            .into_iter()
            .map(|w| {
                (
                    text[toks[w.start].start..toks[w.end - 1].end].to_string(),
                    w.kind,
                )
            })
            .collect()
    }

    #[test]
    fn clocks_dates_days_and_intervals() {
        use WhenKind::*;
        assert_eq!(
            kinds("On Tuesday, January 21, 2025, from 6:12 a.m. to 9:47 a.m."),
            [
                ("Tuesday".into(), Weekday),
                ("January 21, 2025".into(), Date),
                ("6:12 a.m.".into(), Clock),
                ("9:47 a.m.".into(), Clock)
            ]
        );
        assert_eq!(
            kinds("between 2am and 10.30pm on 18 March"),
            [
                ("2am".into(), Clock),
                ("10.30pm".into(), Clock),
                ("18 March".into(), Date)
            ]
        );
        assert_eq!(
            kinds("Next update within 30 minutes."),
            [("within 30 minutes".into(), Interval)]
        );
        assert_eq!(
            kinds("released 2025-03-18 and 3/18/2025"),
            [("2025-03-18".into(), Date), ("3/18/2025".into(), Date)]
        );
        assert_eq!(kinds("in March we moved"), [("March".into(), Date)]);
    }

    #[test]
    fn not_times() {
        assert!(kinds("You may see errors. Version 2.3.0 is out; 41.2 fixed it.").is_empty());
        assert!(kinds("We will march on. 30 minutes of downtime.").is_empty());
    }
}
