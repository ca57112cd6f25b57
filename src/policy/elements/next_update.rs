//! next_update: when the next communication comes — "Next update: 07:45 PT", "we'll post
//! again within 30 minutes", "we will write to you again by 12 April", "updates every 30
//! minutes", "a final report by 28 March" (`rules/elements/next_update.toml` for the fixed
//! phrases; the promise is read here). "We'll keep you posted", "we will share more soon" and
//! "we'll update when we know more" give no time.

use super::{cue_hits, evidence, found, heading_evidence};
use crate::analysis::time::WhenKind;
use crate::analysis::{Context, Party, Tense};
use crate::policy::element::Found;

pub fn detect(ctx: &Context) -> Found {
    let mut ev = heading_evidence(ctx, "next_update");
    ev.extend(
        cue_hits(ctx, "next_update")
            .into_iter()
            .map(|(si, _)| evidence(ctx, si)),
    );
    for si in 0..ctx.doc.sentences.len() {
        if has_future_time(ctx, si) {
            ev.push(evidence(ctx, si));
        }
    }
    found(ev)
}

/// Does sentence `si` promise a communication with a time: a future clause whose verb
/// communicates ("publish", "write", "update", "share") about the incident ("again", "an
/// update", "the results", "a final report", "you"), and a time, date or interval?
pub fn has_future_time(ctx: &Context, si: usize) -> bool {
    promises_to_tell(ctx, si, false)
}

/// A future communication with a time in sentence `si`. With `pronoun_object`, a pronoun
/// or "more" is enough as what is communicated: the deferral sentence names what is not known
/// yet, and "we will share it by 16:00 UTC" refers to it.
pub fn promises_to_tell(ctx: &Context, si: usize, pronoun_object: bool) -> bool {
    let Some(s) = ctx.analysis().sentences.get(si) else {
        return false;
    };
    let lex = ctx.lexicon;
    let future_times: Vec<_> = s
        .times
        .iter()
        .filter(|w| {
            // "since 3 May", "on 3 May we found": a past time is not a promise.
            !matches!(
                s.tokens.get(w.start.wrapping_sub(1)).map(|t| &*t.lower),
                Some("since" | "from" | "ago" | "last")
            )
        })
        .collect();
    if future_times.is_empty() {
        return false;
    }
    let words = s.words();
    s.clauses.iter().any(|c| {
        let Some(v) = c.verb else { return false };
        let head = words[v.head];
        // "will post", "we'll write", "plan to publish", "expect to share", "is due".
        let update_subject = c
            .subject
            .is_some_and(|(a, b)| (a..b).any(|k| lex.is("update_object", words[k]) && !matches!(words[k], "you" | "everyone" | "customers" | "members" | "affected")));
        // "The e-mail to affected accounts goes out this Friday": a scheduled dispatch.
        let scheduled = update_subject && matches!(head, "goes" | "go" | "arrives" | "lands" | "comes");
        let future = v.tense == Tense::Future || scheduled
            || c.role == crate::analysis::Role::Complement
                && c.parent.is_some_and(|p| {
                    s.clauses[p].verb.is_some_and(|pv| {
                        matches!(words[pv.head], "plan" | "plans" | "expect" | "expects" | "aim" | "aims" | "intend" | "intends" | "going" | "hope")
                    })
                });
        // "A full write-up will be on our blog by 28 March": the report itself is the subject.
        let communicates = lex.is("communicate", head)
            || lex
                .get("communicate")
                .is_some_and(|f| f.ends_at(&words, v.head).next().is_some())
            || update_subject && (v.copula || v.voice == crate::analysis::Voice::Passive || scheduled);
        // "Most locks will update within 48 hours": things updating themselves say nothing.
        let by_someone = update_subject || !matches!(c.subject_party, Some(Party::Thing | Party::Customers | Party::Reader | Party::Attacker));
        if !future || !communicates || v.negated || !by_someone {
            return false;
        }
        // What is communicated: an update about the incident, or the reader ("write to you").
        let object_end = c.end.min(words.len());
        let about = (v.head + 1..object_end).any(|k| {
            lex.is("update_object", words[k])
                || lex
                    .get("update_object")
                    .is_some_and(|f| f.ends_at(&words, k).next().is_some())
        }) || update_subject
            // "We'll e-mail every admin on shard 4": the audience is the object.
            || (v.head + 1..object_end).any(|k| matches!(s.party_at(k), Some(Party::Reader | Party::Customers)))
            || matches!(head, "update" | "follow" | "report")
            // After "we don't know the cause yet": "we will share it / more by 16:00 UTC".
            || pronoun_object && words.get(v.head + 1).is_some_and(|w| matches!(*w, "it" | "more" | "them"));
        let timed = future_times
            .iter()
            .any(|w| matches!(w.kind, WhenKind::Clock | WhenKind::Date | WhenKind::Weekday | WhenKind::Interval));
        about && timed
    })
}
