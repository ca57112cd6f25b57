//! Regexes that are compiled only when a text could match them.
//!
//! Compiling candor's rule and cue patterns (Unicode word classes, case-insensitive, long
//! vocabulary alternations) took most of a cold run on one small draft. A [`LazyRegex`] keeps
//! its pattern as text until a haystack contains one of the literals that every match must
//! contain (found from the pattern's syntax tree, e.g. one of "sorry", "apolog", "regret"),
//! and only then compiles it. A status update that never apologises never compiles the
//! non-apology patterns, and a rejected haystack costs one Aho-Corasick scan instead of a
//! regex search.
//!
//! The prefilter never rejects a haystack the regex would match: literals are compared ASCII
//! case-insensitively, a literal stops at any character whose case folding is not plain ASCII,
//! and a haystack containing one of the two non-ASCII characters that fold to ASCII letters
//! (KELVIN SIGN, LATIN SMALL LETTER LONG S) always goes to the regex.

use aho_corasick::AhoCorasick;
use regex::{Captures, Match, Regex, RegexBuilder};
use regex_syntax::hir::{Class, Hir, HirKind, Look};
use std::borrow::Cow;
use std::sync::OnceLock;

/// Size limit for compiled patterns (the `regex` crate's guard against huge automata).
pub const SIZE_LIMIT: usize = 1 << 22;

pub struct LazyRegex {
    pattern: Cow<'static, str>,
    prefilter: OnceLock<Option<AhoCorasick>>,
    regex: OnceLock<Result<Regex, String>>,
}

impl std::fmt::Debug for LazyRegex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("LazyRegex").field(&self.pattern).finish()
    }
}

impl LazyRegex {
    /// A built-in pattern: an invalid one is a bug, caught when a test compiles it.
    pub const fn new(pattern: &'static str) -> LazyRegex {
        LazyRegex {
            pattern: Cow::Borrowed(pattern),
            prefilter: OnceLock::new(),
            regex: OnceLock::new(),
        }
    }

    pub fn owned(pattern: String) -> LazyRegex {
        LazyRegex {
            pattern: Cow::Owned(pattern),
            prefilter: OnceLock::new(),
            regex: OnceLock::new(),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.pattern
    }

    /// Compiles now; the error is the `regex` crate's message.
    pub fn try_compile(&self) -> Result<&Regex, String> {
        self.regex
            .get_or_init(|| {
                RegexBuilder::new(&self.pattern)
                    .size_limit(SIZE_LIMIT)
                    .build()
                    .map_err(|e| e.to_string())
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// The compiled regex. Patterns are validated before use (built-in ones by the unit tests,
    /// users' when their config loads), so failing here is a bug.
    pub fn regex(&self) -> &Regex {
        match self.try_compile() {
            Ok(re) => re,
            Err(e) => panic!("pattern {:?} does not compile: {e}", self.pattern),
        }
    }

    /// False only when no match is possible in `haystack`.
    pub fn could_match(&self, haystack: &str) -> bool {
        let Some(ac) = self.prefilter.get_or_init(|| {
            // Debug builds (every test run) compile each pattern the first time it is
            // consulted, as if it were eager, so a broken built-in pattern fails the tests
            // even when no test text contains its literals.
            if cfg!(debug_assertions) {
                self.regex();
            }
            required_literals(&self.pattern).and_then(|lits| build_ac(&lits))
        }) else {
            return true;
        };
        ac.is_match(haystack) || has_ascii_folding_char(haystack)
    }

    pub fn is_match(&self, haystack: &str) -> bool {
        self.could_match(haystack) && self.regex().is_match(haystack)
    }

    pub fn find<'h>(&self, haystack: &'h str) -> Option<Match<'h>> {
        if self.could_match(haystack) {
            self.regex().find(haystack)
        } else {
            None
        }
    }

    pub fn find_iter<'r, 'h>(&'r self, haystack: &'h str) -> impl Iterator<Item = Match<'h>> + 'r
    where
        'h: 'r,
    {
        self.could_match(haystack)
            .then(|| self.regex().find_iter(haystack))
            .into_iter()
            .flatten()
    }

    pub fn captures<'h>(&self, haystack: &'h str) -> Option<Captures<'h>> {
        if self.could_match(haystack) {
            self.regex().captures(haystack)
        } else {
            None
        }
    }

    pub fn captures_iter<'r, 'h>(
        &'r self,
        haystack: &'h str,
    ) -> impl Iterator<Item = Captures<'h>> + 'r
    where
        'h: 'r,
    {
        self.could_match(haystack)
            .then(|| self.regex().captures_iter(haystack))
            .into_iter()
            .flatten()
    }
}

/// Everything else (`replace_all`, `captures_len`, …) goes to the compiled regex.
impl std::ops::Deref for LazyRegex {
    type Target = Regex;
    fn deref(&self) -> &Regex {
        self.regex()
    }
}

fn build_ac(literals: &[String]) -> Option<AhoCorasick> {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(literals)
        .ok()
}

/// KELVIN SIGN folds to `k` and LONG S to `s`: a case-insensitive regex matches them where the
/// ASCII-only prefilter would not.
fn has_ascii_folding_char(haystack: &str) -> bool {
    let b = haystack.as_bytes();
    memchr::memchr2(0xE2, 0xC5, b).is_some()
        && (haystack.contains('\u{212A}') || haystack.contains('\u{17F}'))
}

/// Shortest word-like literal worth prefiltering on: shorter ones occur in nearly every text.
const MIN_LITERAL: usize = 3;
/// Characters rare enough in prose that a literal containing one is worth prefiltering on
/// whatever its length (`{{`, `$`, `<<` in template placeholders).
const RARE: &[u8] = b"{}<>$%[]|*#@~^\\_=+`";

fn usable(lit: &str) -> bool {
    lit.len() >= MIN_LITERAL || lit.bytes().any(|b| RARE.contains(&b))
}

/// How good a requirement is: every literal usable first, then the shortest literal's
/// length, then fewer literals.
fn score(set: &[String]) -> (bool, usize, std::cmp::Reverse<usize>) {
    (
        !set.is_empty() && set.iter().all(|l| usable(l)),
        min_len(set),
        std::cmp::Reverse(set.len()),
    )
}
/// Most strings a sub-pattern may expand to before it stops counting as literal.
const MAX_SET: usize = 64;

/// Literals (lower-case ASCII) one of which occurs in every match of `pattern`, or `None` when
/// the pattern has no such set worth using. Case-insensitivity flags are ignored: literals
/// are compared ignoring ASCII case, and non-ASCII characters end a literal.
pub fn required_literals(pattern: &str) -> Option<Vec<String>> {
    let hir = regex_syntax::ParserBuilder::new()
        .case_insensitive(false)
        .build()
        .parse(&strip_case_flags(pattern))
        .ok()?;
    // An anchored regex (`^…`, `…$`) only looks at one end of the haystack, which is faster
    // than any scan of the whole of it: guards run on the text before or after a match, and a
    // prefilter there made a long line quadratic.
    let props = hir.properties();
    if props.look_set_prefix().contains(Look::Start) || props.look_set_suffix().contains(Look::End)
    {
        return None;
    }
    let lits = analyse(&hir).required?;
    let mut lits: Vec<String> = lits.into_iter().collect();
    lits.sort();
    lits.dedup();
    score(&lits).0.then_some(lits)
}

/// Removes `i` from inline flag groups, so literals come out as written rather than as case
/// classes. Escapes and character classes are copied untouched.
fn strip_case_flags(pattern: &str) -> Cow<'_, str> {
    if !pattern.contains("(?") {
        return Cow::Borrowed(pattern);
    }
    let b = pattern.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(b.len());
    let (mut i, mut class_depth) = (0, 0usize);
    while i < b.len() {
        match b[i] {
            b'\\' => {
                let end = (i + 2).min(b.len());
                out.extend_from_slice(&b[i..end]);
                i = end;
            }
            b'[' => {
                out.push(b'[');
                i += 1;
                if class_depth == 0 {
                    // `]` first in a class (after an optional `^`) is a literal.
                    if b.get(i) == Some(&b'^') {
                        out.push(b'^');
                        i += 1;
                    }
                    if b.get(i) == Some(&b']') {
                        out.push(b']');
                        i += 1;
                    }
                }
                class_depth += 1;
            }
            b']' if class_depth > 0 => {
                class_depth -= 1;
                out.push(b']');
                i += 1;
            }
            b'(' if class_depth == 0 && b.get(i + 1) == Some(&b'?') => {
                let start = i + 2;
                let mut end = start;
                while end < b.len() && (b[end].is_ascii_alphabetic() || b[end] == b'-') {
                    end += 1;
                }
                let flags = &b[start..end];
                let closes = b.get(end).is_some_and(|&c| c == b')' || c == b':');
                if flags.is_empty() || !closes {
                    // `(?:`, `(?P<name>` and the like.
                    out.extend_from_slice(b"(?");
                    i = start;
                    continue;
                }
                let kept: Vec<u8> = flags.iter().copied().filter(|&c| c != b'i').collect();
                let kept = kept.strip_suffix(b"-").unwrap_or(&kept);
                if kept.is_empty() && b[end] == b')' {
                    i = end + 1; // `(?i)` alone: drop it
                } else {
                    out.extend_from_slice(b"(?");
                    out.extend_from_slice(kept);
                    i = end;
                }
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    // Only ASCII bytes were removed, so the rest is still UTF-8.
    Cow::Owned(String::from_utf8(out).unwrap_or_else(|_| pattern.to_string()))
}

fn min_len(set: &[String]) -> usize {
    set.iter().map(String::len).min().unwrap_or(0)
}

/// What a sub-pattern tells the prefilter.
struct Facts {
    /// Every string it can match, when that is a small set of ASCII strings.
    exact: Option<Vec<String>>,
    /// Strings one of which every match contains.
    required: Option<Vec<String>>,
}

impl Facts {
    fn nothing() -> Facts {
        Facts {
            exact: None,
            required: None,
        }
    }

    fn exact(set: Vec<String>) -> Facts {
        let required = (!set.is_empty() && set.iter().all(|s| !s.is_empty())).then(|| set.clone());
        Facts {
            exact: Some(set),
            required,
        }
    }
}

/// The better of two requirements (see [`score`]).
fn better(a: Option<Vec<String>>, b: Option<Vec<String>>) -> Option<Vec<String>> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if score(&b) > score(&a) { b } else { a }),
        (a, b) => a.or(b),
    }
}

fn ascii_text(bytes: &[u8]) -> Option<String> {
    bytes
        .is_ascii()
        .then(|| String::from_utf8_lossy(bytes).to_ascii_lowercase())
}

fn analyse(hir: &Hir) -> Facts {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Facts::exact(vec![String::new()]),
        HirKind::Literal(lit) => match ascii_text(&lit.0) {
            Some(s) => Facts::exact(vec![s]),
            None => Facts::nothing(),
        },
        HirKind::Class(class) => {
            let chars: Option<Vec<String>> = match class {
                Class::Unicode(c) => {
                    let n: u32 = c
                        .ranges()
                        .iter()
                        .map(|r| r.end() as u32 - r.start() as u32 + 1)
                        .sum();
                    (n as usize <= 8 && c.ranges().iter().all(|r| r.end().is_ascii())).then(|| {
                        c.iter()
                            .flat_map(|r| r.start()..=r.end())
                            .map(|ch| ch.to_ascii_lowercase().to_string())
                            .collect()
                    })
                }
                Class::Bytes(c) => {
                    let n: usize = c
                        .ranges()
                        .iter()
                        .map(|r| (r.end() - r.start()) as usize + 1)
                        .sum();
                    (n <= 8 && c.ranges().iter().all(|r| r.end().is_ascii())).then(|| {
                        c.iter()
                            .flat_map(|r| r.start()..=r.end())
                            .map(|b| (b as char).to_ascii_lowercase().to_string())
                            .collect()
                    })
                }
            };
            match chars {
                Some(mut set) => {
                    set.sort();
                    set.dedup();
                    Facts::exact(set)
                }
                None => Facts::nothing(),
            }
        }
        HirKind::Capture(c) => analyse(&c.sub),
        HirKind::Repetition(rep) => {
            let sub = analyse(&rep.sub);
            if rep.min == 0 {
                // Optional: `x?` is exactly {x, ""}; `x*` says nothing.
                let exact = (rep.max == Some(1))
                    .then_some(())
                    .and(sub.exact)
                    .map(|mut set| {
                        set.push(String::new());
                        set
                    });
                Facts {
                    exact,
                    required: None,
                }
            } else {
                let required = sub.required.or_else(|| {
                    sub.exact
                        .as_ref()
                        .filter(|s| s.iter().all(|x| !x.is_empty()))
                        .cloned()
                });
                let exact = (rep.min == 1 && rep.max == Some(1))
                    .then_some(())
                    .and(sub.exact);
                Facts { exact, required }
            }
        }
        HirKind::Concat(subs) => {
            let mut best: Option<Vec<String>> = None;
            // The running product of exact sets: a literal run across adjacent parts.
            let mut run: Option<Vec<String>> = Some(vec![String::new()]);
            let mut whole_exact = true;
            for sub in subs {
                let f = analyse(sub);
                best = better(best, f.required.clone());
                match (&run, f.exact) {
                    (Some(r), Some(e)) if r.len() * e.len() <= MAX_SET => {
                        run = Some(
                            r.iter()
                                .flat_map(|a| e.iter().map(move |b| format!("{a}{b}")))
                                .collect(),
                        );
                    }
                    (_, e) => {
                        whole_exact = false;
                        best = better(best, nonempty(run.take()));
                        run = e.or_else(|| Some(vec![String::new()]));
                    }
                }
            }
            let exact = if whole_exact { run.clone() } else { None };
            best = better(best, nonempty(run));
            Facts {
                exact,
                required: best,
            }
        }
        HirKind::Alternation(subs) => {
            let facts: Vec<Facts> = subs.iter().map(analyse).collect();
            let exact = facts
                .iter()
                .map(|f| f.exact.clone())
                .collect::<Option<Vec<Vec<String>>>>()
                .map(|sets| sets.concat())
                .filter(|s| s.len() <= MAX_SET);
            let required = facts
                .into_iter()
                .map(|f| f.required)
                .collect::<Option<Vec<Vec<String>>>>()
                .map(|sets| sets.concat());
            Facts { exact, required }
        }
    }
}

/// A literal run as a requirement: only when every string in it is non-empty.
fn nonempty(set: Option<Vec<String>>) -> Option<Vec<String>> {
    set.filter(|s| !s.is_empty() && s.iter().all(|x| !x.is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lits(p: &str) -> Option<Vec<String>> {
        required_literals(p)
    }

    #[test]
    fn literals_every_match_contains() {
        assert_eq!(lits(r"(?i)\bsorry\b"), Some(vec!["sorry".into()]));
        assert_eq!(
            lits(r"(?i)\b(?:we|i)\s+(?:are\s+)?(?:sorry|apologi[sz]e)\b"),
            Some(vec!["apologise".into(), "apologize".into(), "sorry".into()])
        );
        // A run across adjacent parts is preferred to a short part.
        assert_eq!(
            lits(r"\bnext (?:update|post)\b"),
            Some(vec!["next post".into(), "next update".into()])
        );
        // Optional and repeated parts add nothing; the required part is used.
        assert_eq!(
            lits(r"(?:[\w-]+ ){0,3}outage\w*"),
            Some(vec!["outage".into()])
        );
        // Nothing required: no prefilter.
        assert_eq!(lits(r"\d+ (?:users|accounts)?"), None);
        assert_eq!(lits(r"(?:sorry|\w+)"), None);
        // Too short to be worth it, unless made of characters rare in prose.
        assert_eq!(lits(r"\bno\b"), None);
        assert_eq!(
            lits(r"\{\{[^{}\n]{1,80}\}\}|\$\{[^}]+\}"),
            Some(vec!["${".into(), "{{".into()])
        );
        // A rare character makes a run with a short word usable.
        assert_eq!(
            lits(r"(?i)\[(?:id|insert|name)\]"),
            Some(vec!["[id]".into(), "[insert]".into(), "[name]".into()])
        );
        // Anchored: the regex only looks at one end, faster than scanning for literals.
        assert_eq!(lits(r"^\s*(?:of|with) the outage"), None);
        assert_eq!(lits(r"(?i)\b(?:sorry|apologies)\s*$"), None);
    }

    #[test]
    fn flags_and_escapes() {
        assert_eq!(strip_case_flags("(?i)abc"), "abc");
        assert_eq!(strip_case_flags("(?i:abc)"), "(?:abc)");
        assert_eq!(strip_case_flags("(?im)^abc"), "(?m)^abc");
        assert_eq!(strip_case_flags(r"\(?i)"), r"\(?i)");
        assert_eq!(lits(r"(?i)ACME(?-i:Corp)"), Some(vec!["acmecorp".into()]));
    }

    #[test]
    fn prefilter_never_rejects_a_real_match() {
        let cases = [
            (r"(?i)\bsorry\b", "We're SORRY about this."),
            (r"(?i)\brisk\b", "A \u{212A}-sized risk"),
            (r"(?i)\bsorry\b", "\u{17F}orry"),
            (r"(?i)caf\w+", "CAFÉ"),
            (r"(?i)\bnext update\b", "Next Update: 10:00"),
        ];
        for (p, text) in cases {
            let lazy = LazyRegex::new(p);
            let re = Regex::new(p).unwrap();
            assert_eq!(lazy.is_match(text), re.is_match(text), "{p} on {text:?}");
            assert!(lazy.could_match(text), "{p} on {text:?}");
        }
        let lazy = LazyRegex::new(r"(?i)\bsorry\b");
        assert!(!lazy.could_match("All systems are operational."));
        assert!(
            cfg!(debug_assertions) || lazy.regex.get().is_none(),
            "in release builds, rejected text must not compile the regex"
        );
    }

    #[test]
    fn iterators_and_captures() {
        let lazy = LazyRegex::new(r"(?i)\b(?P<w>outage|incident)s?\b");
        let text = "Two outages and an Incident.";
        let found: Vec<&str> = lazy.find_iter(text).map(|m| m.as_str()).collect();
        assert_eq!(found, ["outages", "Incident"]);
        let words: Vec<String> = lazy
            .captures_iter(text)
            .map(|c| c["w"].to_string())
            .collect();
        assert_eq!(words, ["outage", "Incident"]);
        assert_eq!(lazy.find_iter("nothing here").count(), 0);
        assert!(lazy.captures("nothing here").is_none());
    }
}
