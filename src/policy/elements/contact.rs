//! contact: a route the reader can actually follow — an e-mail address, a phone number, a link,
//! "reply to this email", "your account manager", "the help center"
//! (`rules/elements/contact.toml`). A channel named without its address or number ("contact our
//! support team") is not a route, and an address that only appears in a timeline entry is not
//! offered to the reader.

use super::{cue_hits, evidence, found, heading_evidence, section_sentences};
use crate::analysis::{Context, Sentence, TokenKind};
use crate::policy::element::Found;

pub fn detect(ctx: &Context) -> Found {
    let mut ev = heading_evidence(ctx, "contact");
    ev.extend(
        cue_hits(ctx, "contact")
            .into_iter()
            .map(|(si, _)| evidence(ctx, si)),
    );
    let timeline = section_sentences(ctx, "timeline");
    for (si, s) in ctx.analysis().sentences.iter().enumerate() {
        if timeline.contains(&si) || !gives_route(s) {
            continue;
        }
        ev.push(evidence(ctx, si));
    }
    found(ev)
}

/// Does the sentence give an address, a phone number or a link (not in someone else's quoted
/// words)?
fn gives_route(s: &Sentence) -> bool {
    let own = |t: &crate::analysis::Token| !t.flags.has(crate::analysis::token::Flags::ATTRIBUTED);
    s.tokens
        .iter()
        .any(|t| own(t) && matches!(t.kind, TokenKind::Email | TokenKind::Url))
        || phone_number(s)
}

/// A phone number: a run of numbers, dashes, dots, spaces and brackets with 9 to 15 digits
/// ("1-833-410-7786", "(570) 555-0162", "0800 055 7713", "+44 20 7946 0000").
fn phone_number(s: &Sentence) -> bool {
    let toks = &s.tokens;
    let mut i = 0;
    while i < toks.len() {
        let mut digits = 0;
        let mut j = i;
        while j < toks.len() {
            let t = &toks[j];
            let l = &*t.lower;
            let part = t.kind == TokenKind::Number
                && !l.contains(':')
                && !l.contains('/')
                && !l.contains(',')
                || matches!(l, "(" | ")" | "+" | "-" | ".");
            if !part
                || j > i
                    && t.flags.has(crate::analysis::token::Flags::SPACE_BEFORE)
                    && t.kind != TokenKind::Number
                    && !matches!(l, "(" | "+")
            {
                break;
            }
            digits += l.chars().filter(char::is_ascii_digit).count();
            j += 1;
        }
        // A year or a date range is not a number to call.
        if (9..=15).contains(&digits) && j > i && s.when_at(i).is_none() {
            return true;
        }
        i = j.max(i + 1);
    }
    false
}
