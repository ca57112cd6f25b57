//! timeline: when it started, was detected or was resolved.
//!
//! Evidence: a "Timeline" section; a sentence with a clock time, a date, a named day or a
//! relative day ("this morning") that is about the incident. Not evidence: the posting stamp
//! of an update ("Update posted 07:12 PT", "Updated 11 June"), deadlines and future times
//! ("by 17:00 UTC", "before 31 May", "Next update at 17:05"), vague words ("recently").

use super::{FUTURE, cue_regex, found, heading_evidence, view};
use crate::lazy_regex::LazyRegex;
use crate::policy::element::Found;
use crate::analysis::Context;
use std::sync::LazyLock;

pub(crate) static WHEN: LazyLock<LazyRegex> = LazyLock::new(|| {
    cue_regex(
        r"\b(?:{timeline:date}|{timeline:weekday}|{timeline:relative})\b|(?:^|[^\w.:])(?:{timeline:clock})",
    )
});
static BEFORE: LazyLock<LazyRegex> =
    LazyLock::new(|| cue_regex(r"\b{timeline:not_incident}\W*(?:(?:on|at|the)\s+)?(?:\w+,?\s+)?$"));
/// A posting stamp at the start of a line: "Update (Tue 10:15):", "Updated 11 June, 10:00 EDT".
static STAMP: LazyRegex = LazyRegex::new(
    r"(?i)^\W*(?:(?:last\s+)?updated?|posted|published|update posted|as of)\b[^:.\n]{0,40}(?::|$|\n)",
);
/// Office hours next to a contact channel: "call 0800 … (Mon–Fri, 9:00–17:30 GMT)".
static OFFICE_HOURS: LazyLock<LazyRegex> = LazyLock::new(|| {
    cue_regex(
        r"\b(?:{timeline:weekday}|mon|tue|wed|thu|fri|sat|sun)\w*\.?\s*(?:through|to|-|–|—)\s*(?:{timeline:weekday}|mon|tue|wed|thu|fri|sat|sun)\b|\b(?:daily|weekdays|every day|around the clock|24/7|24 hours|business hours|office hours|open|available)\b",
    )
});
static NEXT_UPDATE: LazyRegex = LazyRegex::new(r"(?i)\bnext update\b");

pub fn detect(ctx: &Context) -> Found {
    let mut ev = heading_evidence(ctx, "timeline");
    for s in &view(ctx).sents {
        if incident_time(&s.text) {
            ev.push(s.evidence());
        }
    }
    found(ev)
}

/// Does the sentence place the incident in time?
pub(crate) fn incident_time(text: &str) -> bool {
    if NEXT_UPDATE.is_match(text)
        || (OFFICE_HOURS.is_match(text) && super::contact::gives_channel(text))
    {
        return false;
    }
    let skip = STAMP.find(text).map_or(0, |m| m.end());
    let future = FUTURE.is_match(text);
    WHEN.find_iter(text).any(|m| {
        if m.start() < skip {
            return false;
        }
        let before = &text[..m.start()];
        let deadline = BEFORE.is_match(before);
        // A future sentence's time is a plan, unless the sentence also narrates the past.
        !(deadline || future && before.to_lowercase().contains("will"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_of_the_incident() {
        assert!(incident_time(
            "Starting at 06:48 PT, about 9% of requests failed."
        ));
        assert!(incident_time(
            "Uploads between Friday and Saturday did not finish."
        ));
        assert!(incident_time("On 3 February 2025 a laptop was stolen."));
        assert!(incident_time(
            "This morning, between 7:45 and 9:10 AM, messages were lost."
        ));
        assert!(!incident_time(
            "Update (Tue 10:15): This is an AWS problem."
        ));
        assert!(!incident_time("Next update at 17:05 UTC."));
        assert!(!incident_time("Activate it before 31 May."));
        assert!(!incident_time(
            "You may have noticed a hiccup last weekend."
        ));
        assert!(!incident_time("Foxglove recently discovered an intrusion."));
        assert!(!incident_time("We will write to you again by 12 April."));
        assert!(!incident_time(
            "Call 1-888-555-0199, Monday through Friday, 9:00 a.m. to 9:00 p.m. Eastern Time."
        ));
        assert!(!incident_time(
            "Call 0117 555 0142 (Mon–Fri, 09:00–17:30 GMT)."
        ));
    }
}
