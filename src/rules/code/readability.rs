//! # readability
//! Text harder to read than its readers need: a high grade level, or very long sentences.
//!
//! ## What it flags
//! * The document's Flesch-Kincaid grade (0.39 × words/sentence + 11.8 × syllables/word −
//!   15.59) above the target for its kind: 8 for breach notices, incident e-mails and status
//!   updates; 11 for post-mortems and vulnerability notices; 10 when the kind is unknown.
//!   Reported once, as info, or as a warning when the grade is 4 or more above target.
//!   Documents with fewer than 40 words are not graded.
//! * Sentences over 25 words (info) and over 35 words (warning).
//!
//! Code, tables, headings, block quotes and quotations are excluded from both measures.
//!
//! ## Why it matters
//! Incident notices go to everyone, often under stress. The NIH recommends patient materials
//! below 8th grade and GOV.UK writes for a reading age of 9; the Plain English Campaign
//! recommends an average sentence of 15–20 words. HIPAA and GDPR Art. 34 require plain,
//! clear language in breach notices.
//! Sources: Federal Plain Language Guidelines; GOV.UK content design; Plain English
//! Campaign; GDPR Art. 34(2); 45 CFR 164.404(c).
//!
//! ## Bad
//! > Notwithstanding the comprehensive remediation activities undertaken by our
//! > infrastructure organization, intermittent authentication degradation persisted
//! > throughout the maintenance window, which consequently necessitated additional
//! > investigative procedures and extended the period of unavailability.
//!
//! ## Good
//! > Sign-in kept failing during maintenance. We fixed it at 14:10 UTC.

use super::super::{Context, Family, Rule, RuleMeta};
use crate::diagnostic::{Finding, Severity};
use crate::document::{BlockRole, Document, Sentence};
use crate::kind::Kind;

pub struct Readability {
    meta: RuleMeta,
}

pub fn rule() -> Box<dyn Rule> {
    Box::new(Readability {
        meta: RuleMeta {
            id: "readability".into(),
            severity: Severity::Info,
            summary: "Grade level above target for the kind, or very long sentences".into(),
            docs: super::docs("readability"),
            family: Family::Code,
            needs_nlp: false,
        },
    })
}

/// Target Flesch-Kincaid grade for a kind.
pub fn target(kind: Option<Kind>) -> f64 {
    match kind {
        Some(Kind::BreachNotice | Kind::IncidentEmail | Kind::StatusUpdate) => 8.0,
        Some(Kind::Postmortem | Kind::VulnerabilityNotice) => 11.0,
        _ => 10.0,
    }
}

/// Estimated syllables of an English word (vowel groups, silent final e, minimum one).
pub fn syllables(word: &str) -> usize {
    let w: Vec<char> = word
        .to_lowercase()
        .chars()
        .filter(|c| c.is_ascii_alphabetic())
        .collect();
    if w.is_empty() {
        return 0;
    }
    let vowel = |c: char| "aeiouy".contains(c);
    let mut n = 0;
    let mut prev = false;
    for &c in &w {
        let v = vowel(c);
        if v && !prev {
            n += 1;
        }
        prev = v;
    }
    let len = w.len();
    if len > 2
        && w[len - 1] == 'e'
        && !vowel(w[len - 2])
        && (w[len - 2] != 'l' || vowel(w[len - 3]))
    {
        n -= 1;
    }
    if len > 3 && w[len - 2..] == ['e', 'd'] && !matches!(w[len - 3], 't' | 'd') && n > 1 {
        n -= 1;
    }
    n.max(1)
}

fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| c.is_whitespace() || c == '/' || c == '—')
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect()
}

/// Flesch-Kincaid grade of a list of sentences (each a list of words).
pub fn grade(sentences: &[Vec<&str>]) -> Option<f64> {
    let s = sentences.iter().filter(|w| !w.is_empty()).count();
    let w: usize = sentences.iter().map(Vec::len).sum();
    if s == 0 || w == 0 {
        return None;
    }
    let syl: usize = sentences.iter().flatten().map(|w| syllables(w)).sum();
    Some(0.39 * w as f64 / s as f64 + 11.8 * syl as f64 / w as f64 - 15.59)
}

impl Rule for Readability {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        let doc = ctx.doc;
        // The words of each graded sentence, a sentence cut for length joined up again.
        let mut graded: Vec<Vec<&str>> = Vec::new();
        let mut first: Option<(usize, usize)> = None;
        // The previous piece was cut for length: this one continues its sentence.
        let mut continues: Option<usize> = None;
        for s in &doc.sentences {
            let after_cut = continues.take() == Some(s.block);
            if !is_graded(doc, s) {
                continue;
            }
            let text = doc.sentence_text(s);
            let ws = words(text);
            if ws.is_empty() {
                continue;
            }
            first.get_or_insert((s.start, s.end));
            if crate::document::sentences::was_cut(text) {
                continues = Some(s.block);
            }
            if after_cut {
                grow_cut_sentence(out, &mut graded, s.start + text.trim_end().len(), ws);
                continue;
            }
            out.extend(long_sentence(doc, s, ws.len()));
            graded.push(ws);
        }
        out.extend(grade_finding(ctx, &graded, first));
    }
}

/// Headings, table cells, code, quotes and HTML are not running prose: they are not graded.
fn is_graded(doc: &Document, s: &Sentence) -> bool {
    let role = doc.blocks.get(s.block).map(|b| b.role);
    !(s.heading_like
        || matches!(
            role,
            Some(
                BlockRole::Heading
                    | BlockRole::TableCell
                    | BlockRole::Code
                    | BlockRole::BlockQuote
                    | BlockRole::Html
            )
        ))
}

/// A piece that continues a sentence cut for length joins it: one sentence, one finding, so
/// the long-sentence finding already made grows to `end`.
fn grow_cut_sentence<'a>(
    out: &mut [Finding],
    graded: &mut [Vec<&'a str>],
    end: usize,
    ws: Vec<&'a str>,
) {
    if let (Some(f), Some(prev)) = (
        out.last_mut().filter(|f| f.rule == "readability"),
        graded.last_mut(),
    ) {
        f.end = end;
        let n = prev.len() + ws.len();
        f.message = format!("This sentence has {n} words.");
    }
    if let Some(prev) = graded.last_mut() {
        prev.extend(ws);
    }
}

/// A sentence of over 25 words (a warning over 35), `n` being its word count.
fn long_sentence(doc: &Document, s: &Sentence, n: usize) -> Option<Finding> {
    if n <= 25 {
        return None;
    }
    let sev = if n > 35 {
        Severity::Warning
    } else {
        Severity::Info
    };
    // Point at the sentence's first line only, to keep the report readable.
    let src = doc.text(s.start, s.end);
    let lead = src.len() - src.trim_start().len();
    let end = src.trim_end().len();
    Some(
        Finding::new("readability", sev, s.start + lead, s.start + end)
            .message(format!("This sentence has {n} words."))
            .help("Split it: one fact per sentence, 15–20 words on average. \"We restored sign-in at 14:10 UTC. Some sessions ended; sign in again to continue.\""),
    )
}

/// The document's reading grade against the target for its kind, once there are enough
/// words (40) for a grade to mean something; `first` is the first graded sentence.
fn grade_finding(
    ctx: &Context,
    graded: &[Vec<&str>],
    first: Option<(usize, usize)>,
) -> Option<Finding> {
    let total: usize = graded.iter().map(Vec::len).sum();
    if total < 40 {
        return None;
    }
    let (Some(g), Some((start, end))) = (grade(graded), first) else {
        return None;
    };
    // Point at the first word (a long-sentence finding may cover the whole sentence).
    let end = ctx.doc.source[start..end]
        .find(char::is_whitespace)
        .map_or(end, |i| start + i);
    let t = target(ctx.kind);
    (g > t).then(|| grade_above_target(start, end, g, t))
}

/// The finding for a reading grade `g` above the target `t`, at `start..end`.
fn grade_above_target(start: usize, end: usize, g: f64, t: f64) -> Finding {
    let sev = if g >= t + 4.0 {
        Severity::Warning
    } else {
        Severity::Info
    };
    let mut f = Finding::new("readability", sev, start, end)
        .message(format!("Reading grade {g:.1} is above the target of {t:.0} for this kind of document."))
        .help("Use shorter sentences and everyday words: \"use\" not \"utilise\", \"because\" not \"due to the fact that\". Aim for 15–20 words a sentence.");
    f.document_level = true;
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllable_estimates() {
        assert_eq!(syllables("cat"), 1);
        assert_eq!(syllables("table"), 2);
        assert_eq!(syllables("restored"), 2);
        assert_eq!(syllables("infrastructure"), 4);
        assert_eq!(syllables("availability"), 6);
    }

    #[test]
    fn grade_orders_texts() {
        let easy = vec![words("We fixed the bug at noon."), words("Sign in again.")];
        let hard = vec![words(
            "Notwithstanding comprehensive remediation, intermittent authentication degradation persisted throughout the maintenance window.",
        )];
        assert!(grade(&easy).unwrap() < 4.0);
        assert!(grade(&hard).unwrap() > 14.0);
    }
}
