//! Tokens: words, numbers, punctuation, URLs and e-mail addresses, with byte offsets into the
//! original file.
//!
//! The split follows the conventions of the Universal Dependencies English treebank the
//! part-of-speech model was trained on: clitics are tokens of their own ("don't" → "do" +
//! "n't", "we're" → "we" + "'re", "Acme's" → "Acme" + "'s"), hyphenated compounds stay whole
//! ("double-booked", "third-party"), and abbreviations keep their periods ("a.m.", "e.g.",
//! "Inc."). Numbers keep their separators ("10:20", "1,200", "2.3.0", "2025-03-18"), and URLs
//! and e-mail addresses are single tokens, so no rule ever reads inside one.

use super::tagger::Tag;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    Word,
    Number,
    Punct,
    Symbol,
    Url,
    Email,
}

/// One token. `lower` is its lowercase form with typographic apostrophes made straight.
#[derive(Debug, Clone)]
pub struct Token {
    /// Byte range in the original file.
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
    pub lower: Box<str>,
    /// Universal part-of-speech tag.
    pub tag: Option<Tag>,
    pub flags: Flags,
}

/// Facts about a token's surface form.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Flags(u8);

impl Flags {
    pub const CAPITALIZED: u8 = 1;
    pub const ALL_CAPS: u8 = 2;
    /// White space (or a masked region) right before the token.
    pub const SPACE_BEFORE: u8 = 4;
    /// Inside quotation marks.
    pub const QUOTED: u8 = 8;
    /// Inside a quotation attributed to someone else ("One customer wrote: \"…\"").
    pub const ATTRIBUTED: u8 = 16;

    pub fn has(self, f: u8) -> bool {
        self.0 & f != 0
    }
    pub fn set(&mut self, f: u8) {
        self.0 |= f;
    }
}

impl Token {
    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }
    pub fn is(&self, tag: Tag) -> bool {
        self.tag == Some(tag)
    }
    pub fn text<'s>(&self, source: &'s str) -> &'s str {
        &source[self.start..self.end]
    }
    pub fn capitalized(&self) -> bool {
        self.flags.has(Flags::CAPITALIZED)
    }
    pub fn quoted(&self) -> bool {
        self.flags.has(Flags::QUOTED)
    }
}

/// Clitics split off a word (UD style), longest first.
const CLITICS: &[&str] = &["n't", "'re", "'ve", "'ll", "'s", "'d", "'m"];

/// Abbreviations whose period belongs to the word ("Inc.", "approx.").
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "vs", "etc", "approx", "dept", "inc", "ltd",
    "co", "corp", "plc", "llc", "no", "nos", "tel", "ext", "ref", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu",
    "thur", "thurs", "fri", "sat", "sun",
];

/// Is `word` one of the clitics the tokenizer splits off ("n't", "'s", "’re")?
pub fn is_clitic(word: &str) -> bool {
    CLITICS.contains(&lower(word).as_str())
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// A character that may join two word characters into one token: "e-mail", "2.3.0",
/// "10:20", "1,200", "form_id", "name@example.com", "AT&T", "24/7".
fn joins(c: char, prev: char, next: char) -> bool {
    let (pa, na) = (prev.is_alphanumeric(), next.is_alphanumeric());
    match c {
        '-' | '.' | '_' | '@' => pa && na,
        '&' => prev.is_uppercase() && next.is_uppercase(),
        ':' | ',' | '/' => prev.is_ascii_digit() && next.is_ascii_digit(),
        _ => false,
    }
}

/// Splits one stretch of prose (a sentence) into tokens; offsets are shifted by `base`.
pub fn tokenize(text: &str, base: usize) -> Vec<Token> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let n = chars.len();
    let at = |i: usize| chars.get(i).map_or(' ', |&(_, c)| c);
    let byte = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let mut out: Vec<Token> = Vec::with_capacity(n / 5 + 1);
    let mut i = 0;
    let mut space_before = true;
    while i < n {
        let c = at(i);
        if c.is_whitespace() {
            space_before = true;
            i += 1;
            continue;
        }
        let start = i;
        let kind;
        if let Some(end) = url_end(&chars, i) {
            i = end;
            kind = TokenKind::Url;
        } else if c.is_alphanumeric() {
            i += 1;
            loop {
                let c = at(i);
                if c.is_alphanumeric() || c == '\u{AD}' {
                    i += 1;
                } else if joins(c, at(i - 1), at(i + 1)) {
                    i += 2;
                } else if is_apostrophe(c) && at(i - 1).is_alphabetic() && at(i + 1).is_alphabetic()
                {
                    // Apostrophes stay inside the run for now; clitics are split below.
                    i += 2;
                } else {
                    break;
                }
            }
            let word = &text[byte(start)..byte(i)];
            kind = classify(word);
            // "a.m.", "e.g.", "U.S.", "Inc.", "Q.": the period belongs to the abbreviation.
            if at(i) == '.' && kind == TokenKind::Word && takes_period(word) {
                i += 1;
            }
        } else {
            i += 1;
            // Runs of the same dash or dot are one token ("--", "...").
            if matches!(c, '-' | '.' | '—' | '–') {
                while at(i) == c {
                    i += 1;
                }
            }
            kind = if c.is_ascii_punctuation() && !"$%&#*+=<>|~^@`".contains(c)
                || matches!(
                    c,
                    '“' | '”' | '‘' | '’' | '—' | '–' | '…' | '«' | '»' | '·' | '•'
                ) {
                TokenKind::Punct
            } else {
                TokenKind::Symbol
            };
        }
        let (s, e) = (byte(start), byte(i));
        push_word(&mut out, &text[s..e], base + s, kind, space_before);
        space_before = false;
    }
    out
}

/// Splits clitics off a word run and pushes the pieces.
fn push_word(out: &mut Vec<Token>, word: &str, start: usize, kind: TokenKind, space: bool) {
    // "cannot" → "can" + "not", as the treebank splits it: the verb group then reads a modal
    // and its negation, as for "can not" and "can't".
    if kind == TokenKind::Word && word.len() == 6 && word.eq_ignore_ascii_case("cannot") {
        out.push(token(&word[..3], start, kind, space));
        out.push(token(&word[3..], start + 3, kind, false));
        return;
    }
    if kind != TokenKind::Word || !word.contains(['\'', '’']) {
        out.push(token(word, start, kind, space));
        return;
    }
    let lower = lower(word);
    for clitic in CLITICS {
        if let Some(stem) = lower.strip_suffix(clitic)
            && !stem.is_empty()
            && !stem.ends_with('\'')
        {
            let cut = word.len() - clitic_len(word, clitic);
            // "can't" → "ca" + "n't", as the treebank splits it.
            out.push(token(&word[..cut], start, kind, space));
            out.push(token(&word[cut..], start + cut, kind, false));
            return;
        }
    }
    out.push(token(word, start, kind, space));
}

/// Byte length of `clitic` at the end of `word` (a typographic apostrophe is 3 bytes).
fn clitic_len(word: &str, clitic: &str) -> usize {
    let n = clitic.chars().count();
    word.char_indices()
        .rev()
        .nth(n - 1)
        .map_or(word.len(), |(b, _)| word.len() - b)
}

fn token(text: &str, start: usize, kind: TokenKind, space_before: bool) -> Token {
    let mut flags = Flags::default();
    let mut letters = text.chars().filter(|c| c.is_alphabetic());
    if let Some(first) = letters.next()
        && text.starts_with(char::is_uppercase)
    {
        flags.set(Flags::CAPITALIZED);
        if first.is_uppercase() && letters.all(|c| !c.is_lowercase()) && text.len() > 1 {
            flags.set(Flags::ALL_CAPS);
        }
    }
    if space_before {
        flags.set(Flags::SPACE_BEFORE);
    }
    Token {
        start,
        end: start + text.len(),
        kind,
        lower: lower(text).into_boxed_str(),
        tag: None,
        flags,
    }
}

/// Lowercase with straight apostrophes and soft hyphens removed.
pub fn lower(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    text.chars()
        .filter(|&c| c != '\u{AD}')
        .map(|c| if c == '’' || c == '‘' { '\'' } else { c })
        .flat_map(char::to_lowercase)
        .collect()
}

fn classify(word: &str) -> TokenKind {
    let first = word.chars().next().unwrap_or(' ');
    if word.contains('@') {
        TokenKind::Email
    } else if first.is_ascii_digit()
        && word
            .chars()
            .all(|c| c.is_ascii_digit() || ".,:/-".contains(c))
    {
        TokenKind::Number
    } else if word.contains('.') && is_domain(word) {
        TokenKind::Url
    } else {
        TokenKind::Word
    }
}

/// A bare domain or host name ("status.acme.com", "pinecrest.example").
fn is_domain(word: &str) -> bool {
    const TLDS: &[&str] = &[
        "com", "org", "net", "io", "co", "uk", "gov", "edu", "example", "app", "dev", "us", "eu",
        "de", "fr", "info", "biz", "ai", "ca", "au", "nz", "ie", "nl", "test",
    ];
    let lower = word.to_ascii_lowercase();
    let parts: Vec<&str> = lower.split('.').collect();
    parts.len() >= 2
        && parts.iter().all(|p| !p.is_empty())
        && parts[0].chars().any(|c| c.is_ascii_alphabetic())
        && TLDS.contains(parts.last().unwrap())
}

/// Does a period right after this word belong to it?
fn takes_period(word: &str) -> bool {
    if word.len() > 8 {
        return false;
    }
    let lower = word.to_lowercase();
    // Initials and dotted abbreviations: "Q.", "a.m", "e.g", "U.S".
    if lower.chars().count() == 1 && word.chars().all(char::is_uppercase) {
        return true;
    }
    if lower.split('.').count() > 1 && lower.split('.').all(|p| p.chars().count() == 1) {
        return true;
    }
    ABBREVIATIONS.contains(&lower.as_str())
}

/// The end (char index) of a URL starting at `i`, if one starts there.
fn url_end(chars: &[(usize, char)], i: usize) -> Option<usize> {
    let prefix: String = chars[i..]
        .iter()
        .take(8)
        .map(|&(_, c)| c.to_ascii_lowercase())
        .collect();
    if !(prefix.starts_with("http://")
        || prefix.starts_with("https://")
        || prefix.starts_with("www."))
    {
        return None;
    }
    if i > 0 && chars[i - 1].1.is_alphanumeric() {
        return None;
    }
    let mut end = i;
    while end < chars.len() && !chars[end].1.is_whitespace() {
        end += 1;
    }
    // Sentence punctuation after a URL is not part of it.
    while end > i && ".,;:!?)]}'\"’”>".contains(chars[end - 1].1) {
        end -= 1;
    }
    Some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        tokenize(text, 0)
            .iter()
            .map(|t| text[t.start..t.end].to_string())
            .collect()
    }

    #[test]
    fn clitics_split_as_the_treebank_does() {
        assert_eq!(words("We don't know."), ["We", "do", "n't", "know", "."]);
        assert_eq!(words("we’re sorry"), ["we", "’re", "sorry"]);
        assert_eq!(words("Acme's systems"), ["Acme", "'s", "systems"]);
        assert_eq!(words("It can't recur"), ["It", "ca", "n't", "recur"]);
        assert_eq!(words("We Cannot say"), ["We", "Can", "not", "say"]);
        assert_eq!(words("O'Connell said"), ["O'Connell", "said"]);
        assert_eq!(tokenize("we’re", 0)[1].lower.as_ref(), "'re");
    }

    #[test]
    fn compounds_numbers_and_abbreviations_stay_whole() {
        assert_eq!(
            words("A third-party e-mail at 10:20 a.m. cost $1,200 (2.3.0)."),
            [
                "A",
                "third-party",
                "e-mail",
                "at",
                "10:20",
                "a.m.",
                "cost",
                "$",
                "1,200",
                "(",
                "2.3.0",
                ")",
                "."
            ]
        );
        assert_eq!(
            words("Acme Inc. and John Q. Sample"),
            ["Acme", "Inc.", "and", "John", "Q.", "Sample"]
        );
        assert_eq!(
            words("between 2am and 4pm"),
            ["between", "2am", "and", "4pm"]
        );
    }

    #[test]
    fn urls_and_addresses_are_single_tokens() {
        let toks = tokenize(
            "Write to help@acme.example or see https://status.acme.com/x.",
            0,
        );
        let kinds: Vec<TokenKind> = toks.iter().map(|t| t.kind).collect();
        assert_eq!(
            kinds,
            [
                TokenKind::Word,
                TokenKind::Word,
                TokenKind::Email,
                TokenKind::Word,
                TokenKind::Word,
                TokenKind::Url,
                TokenKind::Punct
            ]
        );
        assert_eq!(
            tokenize("Visit status.acme.com today", 0)[1].kind,
            TokenKind::Url
        );
    }

    #[test]
    fn offsets_are_bytes_into_the_file() {
        let text = "Café “outage” — fixed";
        for t in tokenize(text, 100) {
            assert!(text.is_char_boundary(t.start - 100) && text.is_char_boundary(t.end - 100));
        }
        let toks = tokenize(text, 100);
        assert_eq!(&text[toks[2].start - 100..toks[2].end - 100], "outage");
    }
}
