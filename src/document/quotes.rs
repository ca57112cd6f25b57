//! Quotation marks in prose, and whether a quotation is someone else's words.
//!
//! A quotation is *attributed* when a speech verb or a colon introduces it ("One admin wrote to
//! us: \"…\"", "our status page said only: \"…\""). Rules skip attributed quotations: a
//! customer's "sorry" is not our apology, and a cited old sentence is not our non-apology.

use super::Sentence;
use crate::lazy_regex::LazyRegex;

#[derive(Debug, Clone)]
pub struct Quotation {
    /// Byte range including the quotation marks.
    pub start: usize,
    pub end: usize,
    pub attributed: bool,
}

impl Quotation {
    /// Byte range of the quoted words, without the marks.
    pub fn inner(&self, prose: &str) -> (usize, usize) {
        let open = prose[self.start..].chars().next().map_or(1, char::len_utf8);
        let close = prose[..self.end]
            .chars()
            .next_back()
            .map_or(1, char::len_utf8);
        (self.start + open, self.end - close)
    }
}

static SPEECH: LazyRegex = LazyRegex::new(
    r"(?ix)
        (?: \b(?:said|says|say|wrote|writes|write|reported|reports|asked|asks|told\s+(?:us|me|them)|
               tweeted|posted|commented|complained|stated|states|replied|explained|added|
               read|reads|called\ it|described\ it\ as|put\ it|according\ to)\b [^.!?]{0,25}
            | : )
        \s*$",
);

/// Finds quotation-mark pairs within each sentence.
pub(super) fn find(prose: &str, sentences: &[Sentence]) -> Vec<Quotation> {
    let mut out = Vec::new();
    for s in sentences {
        let text = &prose[s.start..s.end];
        let mut open: Option<(usize, char)> = None;
        for (i, c) in text.char_indices() {
            match (open, c) {
                (None, '"' | '“' | '‘') => open = Some((i, c)),
                (Some((o, oc)), '"' | '”' | '’')
                    if matches!((oc, c), ('"', '"') | ('“', '”') | ('“', '"') | ('‘', '’')) =>
                {
                    // A right single quote is also an apostrophe ("don’t"): only close on it
                    // when no letter follows.
                    if c == '’'
                        && text[i + c.len_utf8()..]
                            .chars()
                            .next()
                            .is_some_and(char::is_alphanumeric)
                    {
                        continue;
                    }
                    let end = i + c.len_utf8();
                    let before = &text[..o];
                    out.push(Quotation {
                        start: s.start + o,
                        end: s.start + end,
                        attributed: attributed(before),
                    });
                    open = None;
                }
                _ => {}
            }
        }
    }
    out
}

/// Does the text before a quotation attribute it to a speaker? Not when the "speech verb" is a
/// noun or adjective ("the reported “vulnerability”", "Reports online describe …").
fn attributed(before: &str) -> bool {
    let Some(m) = SPEECH.find(before) else {
        return false;
    };
    let lead = before[..m.start()].trim_end().to_lowercase();
    let as_modifier = [
        "the", "a", "an", "this", "that", "these", "those", "its", "their",
    ]
    .iter()
    .any(|d| lead.ends_with(&format!(" {d}")) || lead == *d);
    let matched = m.as_str().trim_start();
    let as_noun = matched.starts_with("Reports") || matched.starts_with("reports ");
    (!as_modifier || matched.starts_with(':')) && !as_noun
}

static REPLY_HEADER: LazyRegex = LazyRegex::new(
    r"(?m)^[ \t]*(?:On\b[^\n]{4,200}\bwrote:|-{2,}\s*Original Message\s*-{2,}|From:[^\n]+\n[ \t]*Sent:)",
);

/// Where a quoted e-mail thread begins, if the draft contains one.
pub(super) fn reply_thread_start(prose: &str) -> Option<usize> {
    REPLY_HEADER.find(prose).map(|m| m.start())
}

#[cfg(test)]
mod tests {
    use crate::document::{Document, Format};

    fn quotes(src: &str) -> Vec<(String, bool)> {
        let d = Document::parse(src, Format::Markdown);
        d.quotations
            .iter()
            .map(|q| (d.text(q.start, q.end).to_string(), q.attributed))
            .collect()
    }

    #[test]
    fn attribution() {
        assert_eq!(
            quotes("One admin wrote to us: \"I'm sorry to chase.\" We agree."),
            vec![("\"I'm sorry to chase.\"".to_string(), true)]
        );
        assert_eq!(
            quotes("There was a “bug” in restore."),
            vec![("“bug”".to_string(), false)]
        );
        assert_eq!(
            quotes("Our update said only: “We apologize.”"),
            vec![("“We apologize.”".to_string(), true)]
        );
    }

    #[test]
    fn apostrophes_do_not_close() {
        assert_eq!(
            quotes("It was a ‘don’t panic’ moment."),
            vec![("‘don’t panic’".to_string(), false)]
        );
    }
}
