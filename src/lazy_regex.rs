//! Regexes that are compiled only when a text could match them.
//!
//! Compiling candor's rule and cue patterns (Unicode word classes, case-insensitive, long
//! vocabulary alternations) took most of a cold run on one small draft. A [`LazyRegex`] keeps
//! its pattern as text until a haystack meets the pattern's [`Need`]: a formula over the
//! literals every match contains, read from the pattern's syntax tree (`the root cause was`
//! needs "root" and "cause"; `sorry|apologi[sz]e` needs one of three words; `\d` a digit).
//! Only then is it compiled. A status update that never apologises never compiles the
//! non-apology patterns, and a rejected haystack costs Aho-Corasick scans instead of a regex
//! search.
//!
//! The prefilter never rejects a haystack the regex would match: literals are compared ASCII
//! case-insensitively, a literal stops at any character whose case folding is not plain ASCII,
//! and a haystack containing one of the two non-ASCII characters that fold to ASCII letters
//! (KELVIN SIGN, LATIN SMALL LETTER LONG S) always goes to the regex.
//!
//! On a haystack whose non-ASCII characters are all typographic punctuation or symbols, the
//! regex is compiled with ASCII `\w \d \s` classes instead ([`ascii_classes`]): a third
//! cheaper to compile, and the same matches on such text.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex::{Captures, Match, Regex, RegexBuilder};
use regex_syntax::hir::{Class, Hir, HirKind, Look};
use std::borrow::Cow;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};

/// Size limit for compiled patterns (the `regex` crate's guard against huge automata).
pub const SIZE_LIMIT: usize = 1 << 22;

pub struct LazyRegex {
    pattern: Cow<'static, str>,
    prefilter: OnceLock<Option<Prefilter>>,
    regex: OnceLock<Result<Regex, String>>,
    /// The pattern with ASCII `\w`, `\d` and `\s` classes, for haystacks where they match
    /// the same text (see [`ascii_classes_suffice`]); `None` when nothing was rewritten.
    ascii: OnceLock<Option<Regex>>,
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
            ascii: OnceLock::new(),
        }
    }

    pub fn owned(pattern: String) -> LazyRegex {
        LazyRegex {
            pattern: Cow::Owned(pattern),
            prefilter: OnceLock::new(),
            regex: OnceLock::new(),
            ascii: OnceLock::new(),
        }
    }

    /// Compiles now; the error is the `regex` crate's message.
    pub fn try_compile(&self) -> Result<&Regex, String> {
        self.regex
            .get_or_init(|| build(&self.pattern))
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

    /// The regex to search `haystack` with: the cheaper-to-compile ASCII-class variant when it
    /// finds exactly what the Unicode one would.
    fn regex_for(&self, haystack: &str) -> &Regex {
        // Once the Unicode regex exists it serves every haystack; a pattern without Perl
        // classes has no variant, and its haystacks need no looking at.
        if let Some(Ok(re)) = self.regex.get() {
            return re;
        }
        if !matches!(self.ascii.get(), Some(None)) && ascii_classes_suffice(haystack) {
            let ascii = self
                .ascii
                .get_or_init(|| build(&ascii_classes(&self.pattern)?).ok());
            if let Some(re) = ascii {
                return re;
            }
        }
        self.regex()
    }

    /// False only when no match is possible in `haystack`.
    pub fn could_match(&self, haystack: &str) -> bool {
        let Some(prefilter) = self.prefilter.get_or_init(|| {
            // Debug builds (every test run) compile each pattern the first time it is
            // consulted, as if it were eager, so a broken built-in pattern fails the tests
            // even when no test text contains its literals.
            if cfg!(debug_assertions) {
                self.regex();
            }
            analyse_pattern(&self.pattern)
                .and_then(|(need, anchored)| Prefilter::new(&need, anchored))
        }) else {
            return true;
        };
        prefilter.admits(haystack) || has_ascii_folding_char(haystack)
    }

    pub fn is_match(&self, haystack: &str) -> bool {
        self.could_match(haystack) && self.regex_for(haystack).is_match(haystack)
    }

    pub fn find<'h>(&self, haystack: &'h str) -> Option<Match<'h>> {
        if self.could_match(haystack) {
            self.regex_for(haystack).find(haystack)
        } else {
            None
        }
    }

    pub fn find_iter<'r, 'h>(&'r self, haystack: &'h str) -> impl Iterator<Item = Match<'h>> + 'r
    where
        'h: 'r,
    {
        self.could_match(haystack)
            .then(|| self.regex_for(haystack).find_iter(haystack))
            .into_iter()
            .flatten()
    }

    pub fn captures<'h>(&self, haystack: &'h str) -> Option<Captures<'h>> {
        if self.could_match(haystack) {
            self.regex_for(haystack).captures(haystack)
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
            .then(|| self.regex_for(haystack).captures_iter(haystack))
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

fn build(pattern: &str) -> Result<Regex, String> {
    let started = std::time::Instant::now();
    let built = RegexBuilder::new(pattern)
        .size_limit(SIZE_LIMIT)
        .build()
        .map_err(|e| e.to_string());
    // A profiling aid (docs/performance.md): which patterns a run compiles, and the cost.
    if std::env::var_os("CANDOR_TRACE_REGEX").is_some() {
        eprintln!(
            "candor: compiled in {:>6} µs: {pattern:?}",
            started.elapsed().as_micros()
        );
    }
    built
}

/// `pattern` with the Unicode Perl classes `\w \W \d \D \s \S` replaced by their ASCII
/// sets, or `None` when it has none. On a haystack whose every non-ASCII character is outside
/// all six classes' positive forms (see [`ascii_classes_suffice`]) both match the same text;
/// the ASCII one compiles about a third faster, which is most of a cold run on one draft.
/// `\b` stays Unicode: it costs nothing to compile.
pub fn ascii_classes(pattern: &str) -> Option<String> {
    const WORD: &str = "0-9A-Za-z_";
    const DIGIT: &str = "0-9";
    // `\x20`, not a space: verbose-mode patterns (`(?x)`) drop spaces even inside classes.
    const SPACE: &str = r"\t\n\x0B\x0C\r\x20";
    if has_verbose_flag(pattern) {
        // `#` comments could hold a `[` that would throw off the class tracking below.
        return None;
    }
    let mut out = String::with_capacity(pattern.len() + 32);
    let mut changed = false;
    let mut walk = PatternWalk::new(pattern);
    while let Some((piece, text)) = walk.next() {
        let (set, negated) = match (piece, text) {
            (Piece::Escape, "\\w") => (WORD, false),
            (Piece::Escape, "\\W") => (WORD, true),
            (Piece::Escape, "\\d") => (DIGIT, false),
            (Piece::Escape, "\\D") => (DIGIT, true),
            (Piece::Escape, "\\s") => (SPACE, false),
            (Piece::Escape, "\\S") => (SPACE, true),
            _ => {
                out.push_str(text);
                continue;
            }
        };
        changed = true;
        if walk.depth() > 0 && !negated {
            out.push_str(set); // a member list inside `[…]`
        } else {
            // A class of its own (nested classes are allowed inside `[…]`).
            out.push('[');
            if negated {
                out.push('^');
            }
            out.push_str(set);
            out.push(']');
        }
    }
    changed.then_some(out)
}

/// An inline `x` flag: `(?x)`, `(?ix:`, ….
fn has_verbose_flag(pattern: &str) -> bool {
    pattern.match_indices("(?").any(|(i, _)| {
        pattern[i + 2..]
            .chars()
            .take_while(|c| c.is_ascii_alphabetic() || *c == '-')
            .any(|c| c == 'x')
    })
}

/// True when every non-ASCII character of `haystack` is typographic punctuation or a symbol
/// (’ “ ” — – … • € → and the like): neither a word character, a digit nor white space in
/// Unicode's sense, so ASCII and Unicode classes agree on the whole text. Text with accented
/// letters, non-breaking spaces or combining marks uses the Unicode regex.
pub fn ascii_classes_suffice(haystack: &str) -> bool {
    if haystack.is_ascii() {
        return true;
    }
    // Skip ASCII runs a block at a time; look at each non-ASCII character.
    let bytes = haystack.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let block = (i + 16).min(bytes.len());
        if bytes[i..block].is_ascii() {
            i = block;
            continue;
        }
        if bytes[i].is_ascii() {
            i += 1;
            continue;
        }
        // `i` is on a character boundary: only whole characters and ASCII bytes are skipped.
        let Some(c) = haystack[i..].chars().next() else {
            break;
        };
        if !inert(c) {
            return false;
        }
        i += c.len_utf8();
    }
    true
}

fn inert(c: char) -> bool {
    c.is_ascii()
        || (!c.is_alphanumeric()
            && !c.is_whitespace()
            && matches!(c,
                '\u{A1}'..='\u{BF}' | '\u{D7}' | '\u{F7}'
                | '\u{2010}'..='\u{2027}'
                | '\u{2030}'..='\u{205E}'
                | '\u{20A0}'..='\u{20CF}'
                | '\u{2190}'..='\u{2BFF}'
                | '\u{1F300}'..='\u{1FAFF}')
            // Connector punctuation and the soft hyphen are word characters or invisible.
            && !matches!(c, '\u{AD}' | '\u{203F}' | '\u{2040}' | '\u{2054}'))
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
/// Most strings a sub-pattern may expand to before it stops counting as literal.
const MAX_SET: usize = 64;
/// Most literals in one requirement; a pattern needing more gets no prefilter.
const MAX_LITERALS: usize = 512;

/// Words so frequent in English prose that requiring one rejects almost no text, while
/// finding every occurrence of it costs the overlapping literal scan most of its time.
const COMMON: &[&str] = &[
    "and", "are", "been", "but", "for", "from", "had", "has", "have", "not", "our", "that", "the",
    "their", "them", "there", "they", "this", "was", "were", "which", "will", "with", "would",
    "you", "your",
];

fn usable(lit: &str) -> bool {
    (lit.len() >= MIN_LITERAL || lit.bytes().any(|b| RARE.contains(&b))) && !COMMON.contains(&lit)
}

/// What every match of a pattern needs the haystack to contain: a formula over literals
/// (lower-case ASCII, compared ignoring ASCII case). `True` says nothing; `False` is a
/// pattern that cannot match at all.
#[derive(Clone, Debug, PartialEq)]
pub enum Need {
    True,
    False,
    Lit(String),
    /// A digit: an ASCII one, or any non-ASCII character (a Unicode `\d` may match one).
    Digit,
    All(Vec<Need>),
    Any(Vec<Need>),
}

impl Need {
    fn lit(s: &str) -> Need {
        if usable(s) {
            Need::Lit(s.to_string())
        } else {
            Need::True
        }
    }

    fn all(parts: Vec<Need>) -> Need {
        Need::combine(parts, true)
    }

    fn any(parts: Vec<Need>) -> Need {
        Need::combine(parts, false)
    }

    /// `All` (`and`) or `Any` of `parts`, simplified: for `All`, `True` is dropped and `False`
    /// absorbs; for `Any` the other way round. Nested parts of the same kind are flattened, and
    /// a part another makes redundant is dropped: in `apologi & (apologise | apologize)` the
    /// first is implied by the second; in `(sorry & deeply) | sorry` the first is covered.
    fn combine(parts: Vec<Need>, and: bool) -> Need {
        let (identity, absorbing) = if and {
            (Need::True, Need::False)
        } else {
            (Need::False, Need::True)
        };
        let mut out = Vec::new();
        for p in parts {
            match p {
                p if p == identity => {}
                p if p == absorbing => return absorbing,
                Need::All(inner) if and => out.extend(inner),
                Need::Any(inner) if !and => out.extend(inner),
                p => out.push(p),
            }
        }
        dedup(&mut out);
        let mut out = keep_strongest(out, |a, b| if and { a.implies(b) } else { b.implies(a) });
        match out.len() {
            0 => identity,
            1 => out.pop().unwrap_or(identity),
            _ if and => Need::All(out),
            _ => Need::Any(out),
        }
    }

    /// Whether a text meeting `self` always meets `other` (conservative: false when unsure).
    fn implies(&self, other: &Need) -> bool {
        match (self, other) {
            (_, Need::True) | (Need::False, _) => true,
            (Need::Lit(a), Need::Lit(b)) => a.contains(b.as_str()),
            (Need::Digit, Need::Digit) => true,
            (Need::Lit(a), Need::Digit) => a.bytes().any(|b| b.is_ascii_digit()),
            (Need::Any(parts), _) => parts.iter().all(|p| p.implies(other)),
            (Need::All(parts), _) if parts.iter().any(|p| p.implies(other)) => true,
            (_, Need::All(parts)) => parts.iter().all(|p| self.implies(p)),
            (_, Need::Any(parts)) => parts.iter().any(|p| self.implies(p)),
            _ => false,
        }
    }

    fn literals<'a>(&'a self, out: &mut Vec<&'a str>) {
        match self {
            Need::Lit(s) => out.push(s),
            Need::All(parts) | Need::Any(parts) => parts.iter().for_each(|p| p.literals(out)),
            Need::True | Need::False | Need::Digit => {}
        }
    }
}

/// Drops every part that a kept part `covers`, keeping the first of parts that cover each other.
fn keep_strongest(parts: Vec<Need>, covers: impl Fn(&Need, &Need) -> bool) -> Vec<Need> {
    // Quadratic, and only a simplification: long vocabulary lists are left as they are.
    if parts.len() > 32 {
        return parts;
    }
    let mut kept: Vec<Need> = Vec::with_capacity(parts.len());
    for p in parts {
        if kept.iter().any(|k| covers(k, &p)) {
            continue;
        }
        kept.retain(|k| !covers(&p, k));
        kept.push(p);
    }
    kept
}

fn dedup(parts: &mut Vec<Need>) {
    let mut seen: Vec<Need> = Vec::with_capacity(parts.len());
    parts.retain(|p| {
        let new = !seen.contains(p);
        if new {
            seen.push(p.clone());
        }
        new
    });
}

/// `sorry`, `(a | b)`, `(a & b)`: for tests and `--debug` style tracing.
impl std::fmt::Display for Need {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let join = |f: &mut std::fmt::Formatter<'_>, parts: &[Need], sep: &str| {
            let mut text: Vec<String> = parts.iter().map(Need::to_string).collect();
            text.sort();
            write!(f, "({})", text.join(sep))
        };
        match self {
            Need::True => f.write_str("true"),
            Need::False => f.write_str("false"),
            Need::Digit => f.write_str("<digit>"),
            Need::Lit(s) => f.write_str(s),
            Need::All(parts) => join(f, parts, " & "),
            Need::Any(parts) => join(f, parts, " | "),
        }
    }
}

/// The requirement of `pattern`, or `None` when it has none worth checking (`Need::True`, or
/// a pattern that does not parse or needs too many literals).
#[cfg(test)]
pub fn requirement(pattern: &str) -> Option<Need> {
    analyse_pattern(pattern).map(|(need, _)| need)
}

/// The requirement and whether the pattern is anchored at the start or end of the haystack.
fn analyse_pattern(pattern: &str) -> Option<(Need, bool)> {
    let pattern = strip_case_flags(pattern);
    // Parsed without Unicode when the pattern allows it: `\w` and friends become small ASCII
    // classes instead of tables of hundreds of ranges, which the analysis ignores either way.
    let hir = regex_syntax::ParserBuilder::new()
        .case_insensitive(false)
        .unicode(false)
        .utf8(false)
        .build()
        .parse(&pattern)
        .or_else(|_| {
            regex_syntax::ParserBuilder::new()
                .case_insensitive(false)
                .build()
                .parse(&pattern)
        })
        .ok()?;
    let need = analyse(&hir).need;
    let props = hir.properties();
    let anchored = props.look_set_prefix().contains(Look::Start)
        || props.look_set_suffix().contains(Look::End);
    let mut lits = Vec::new();
    need.literals(&mut lits);
    (need != Need::True && lits.len() <= MAX_LITERALS).then_some((need, anchored))
}

/// An anchored regex (`^…`, `…$`) looks at one end of the haystack only, which on a long
/// haystack is faster than any scan of the whole of it: guards run on the text before or after
/// each match, and prefiltering those made a long line quadratic. Up to this length the scan
/// is cheap and can spare a compile.
const ANCHORED_PREFILTER_MAX: usize = 2048;

/// A requirement compiled for searching: its top-level parts ("clauses") in turn, each an
/// Aho-Corasick automaton over its literals. A clause of plain alternatives is a single
/// `is_match` (which the automaton's SIMD prefilter makes fast); a nested one collects the
/// literals present with an overlapping scan and evaluates its formula.
enum Prefilter {
    Never,
    Clauses {
        clauses: Vec<Clause>,
        /// See [`ANCHORED_PREFILTER_MAX`].
        anchored: bool,
    },
}

struct Clause {
    /// `None` for a clause without literals (a digit).
    matcher: Option<Matcher>,
    /// `None`: any one of the literals satisfies the clause.
    formula: Option<Node>,
    /// The formula mentions a digit, so the haystack's digits must be looked for.
    needs_digit: bool,
}

/// An automaton that starts as a contiguous NFA (several times cheaper to build) and becomes
/// a DFA (several times faster to search) once it has been used [`DFA_AFTER`] times.
struct Matcher {
    literals: Vec<String>,
    overlapping: bool,
    nfa: AhoCorasick,
    dfa: OnceLock<Option<AhoCorasick>>,
    uses: AtomicU32,
}

/// Uses after which an automaton is worth a DFA: one draft uses each a handful of times, a
/// repository thousands.
const DFA_AFTER: u32 = 64;

impl Matcher {
    fn new(literals: Vec<String>, overlapping: bool) -> Option<Matcher> {
        Some(Matcher {
            nfa: build_ac(&literals, AhoCorasickKind::ContiguousNFA, overlapping)?,
            literals,
            overlapping,
            dfa: OnceLock::new(),
            uses: AtomicU32::new(0),
        })
    }

    fn get(&self) -> &AhoCorasick {
        match self.dfa.get() {
            Some(Some(dfa)) => dfa,
            Some(None) => &self.nfa,
            None if self.uses.fetch_add(1, Ordering::Relaxed) >= DFA_AFTER => self
                .dfa
                .get_or_init(|| build_ac(&self.literals, AhoCorasickKind::DFA, self.overlapping))
                .as_ref()
                .unwrap_or(&self.nfa),
            None => &self.nfa,
        }
    }
}

enum Node {
    Lit(usize),
    Digit,
    All(Vec<Node>),
    Any(Vec<Node>),
}

impl Node {
    fn holds(&self, seen: &[bool], digit: bool) -> bool {
        match self {
            Node::Lit(i) => seen[*i],
            Node::Digit => digit,
            Node::All(parts) => parts.iter().all(|p| p.holds(seen, digit)),
            Node::Any(parts) => parts.iter().any(|p| p.holds(seen, digit)),
        }
    }

    fn mentions_digit(&self) -> bool {
        match self {
            Node::Lit(_) => false,
            Node::Digit => true,
            Node::All(parts) | Node::Any(parts) => parts.iter().any(Node::mentions_digit),
        }
    }
}

/// What [`Need::Digit`] asks of a haystack.
fn has_digit(haystack: &str) -> bool {
    haystack.bytes().any(|b| b.is_ascii_digit() || b >= 0x80)
}

impl Clause {
    fn new(need: &Need) -> Option<Clause> {
        let mut lits = Vec::new();
        need.literals(&mut lits);
        lits.sort_unstable();
        lits.dedup();
        fn node(need: &Need, lits: &[&str]) -> Option<Node> {
            Some(match need {
                Need::Lit(s) => Node::Lit(lits.binary_search(&s.as_str()).ok()?),
                Need::Digit => Node::Digit,
                Need::All(parts) => {
                    Node::All(parts.iter().map(|p| node(p, lits)).collect::<Option<_>>()?)
                }
                Need::Any(parts) => {
                    Node::Any(parts.iter().map(|p| node(p, lits)).collect::<Option<_>>()?)
                }
                Need::True | Need::False => return None,
            })
        }
        let any_one = match need {
            Need::Lit(_) => true,
            Need::Any(parts) => parts.iter().all(|p| matches!(p, Need::Lit(_))),
            _ => false,
        };
        let formula = if any_one {
            None
        } else {
            Some(node(need, &lits)?)
        };
        let matcher = if lits.is_empty() {
            None
        } else {
            Some(Matcher::new(
                lits.iter().map(|s| s.to_string()).collect(),
                formula.is_some(),
            )?)
        };
        Some(Clause {
            needs_digit: formula.as_ref().is_some_and(Node::mentions_digit),
            matcher,
            formula,
        })
    }

    fn holds(&self, haystack: &str) -> bool {
        let (matcher, formula) = match (&self.matcher, &self.formula) {
            (Some(m), None) => return m.get().is_match(haystack),
            (None, Some(f)) => return f.holds(&[], has_digit(haystack)),
            (Some(m), Some(f)) => (m, f),
            (None, None) => return true,
        };
        let ac = matcher.get();
        let digit = self.needs_digit && has_digit(haystack);
        let mut seen = vec![false; ac.patterns_len()];
        if formula.holds(&seen, digit) {
            return true;
        }
        for m in ac.find_overlapping_iter(haystack) {
            let i = m.pattern().as_usize();
            if !seen[i] {
                seen[i] = true;
                if formula.holds(&seen, digit) {
                    return true;
                }
            }
        }
        false
    }

    /// Simple clauses first, then those whose shortest literal is longest (likely rarest):
    /// the first clause that fails ends the check.
    fn order(&self) -> (bool, std::cmp::Reverse<usize>) {
        let shortest = self
            .matcher
            .as_ref()
            .and_then(|m| m.literals.iter().map(String::len).min());
        (
            self.formula.is_some(),
            std::cmp::Reverse(shortest.unwrap_or(0)),
        )
    }
}

impl Prefilter {
    fn new(need: &Need, anchored: bool) -> Option<Prefilter> {
        let parts = match need {
            Need::False => return Some(Prefilter::Never),
            Need::All(parts) => parts.iter().collect(),
            need => vec![need],
        };
        let mut clauses = parts
            .into_iter()
            .map(Clause::new)
            .collect::<Option<Vec<Clause>>>()?;
        clauses.sort_by_key(Clause::order);
        Some(Prefilter::Clauses { clauses, anchored })
    }

    fn admits(&self, haystack: &str) -> bool {
        match self {
            Prefilter::Never => false,
            Prefilter::Clauses { anchored: true, .. }
                if haystack.len() > ANCHORED_PREFILTER_MAX =>
            {
                true
            }
            Prefilter::Clauses { clauses, .. } => clauses.iter().all(|c| c.holds(haystack)),
        }
    }
}

/// `overlapping`: every occurrence is reported (standard semantics); otherwise leftmost-first,
/// which lets the automaton use its SIMD prefilter for `is_match`.
fn build_ac(literals: &[String], kind: AhoCorasickKind, overlapping: bool) -> Option<AhoCorasick> {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(if overlapping {
            MatchKind::Standard
        } else {
            MatchKind::LeftmostFirst
        })
        .kind(Some(kind))
        .build(literals)
        .ok()
}

/// Removes `i` from inline flag groups, so literals come out as written rather than as case
/// classes. Escapes and character classes are copied untouched.
fn strip_case_flags(pattern: &str) -> Cow<'_, str> {
    if !pattern.contains("(?") {
        return Cow::Borrowed(pattern);
    }
    let mut out = String::with_capacity(pattern.len());
    let mut walk = PatternWalk::new(pattern);
    while let Some((piece, text)) = walk.next() {
        let rest = walk.rest();
        if piece != Piece::Other || text != "(" || walk.depth() > 0 || !rest.starts_with('?') {
            out.push_str(text);
            continue;
        }
        let after = &rest[1..];
        let n = after
            .find(|c: char| !(c.is_ascii_alphabetic() || c == '-'))
            .unwrap_or(after.len());
        let flags = &after[..n];
        if flags.is_empty() || !after[n..].starts_with([')', ':']) {
            // `(?:`, `(?P<name>` and the like.
            out.push_str(text);
            continue;
        }
        let kept: String = flags.chars().filter(|&c| c != 'i').collect();
        let kept = kept.strip_suffix('-').unwrap_or(&kept);
        walk.skip_bytes(1 + n);
        if kept.is_empty() && after[n..].starts_with(')') {
            walk.skip_bytes(1); // `(?i)` alone: drop it
        } else {
            out.push_str("(?");
            out.push_str(kept);
        }
    }
    Cow::Owned(out)
}

/// What [`PatternWalk`] steps over.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Piece {
    /// `\` and the character after it (`\w`, `\\`, `\[`).
    Escape,
    /// `[`, with a following `^` and a literal `]` (`[]…]`, `[^]…]`) at the outermost level.
    OpenClass,
    /// The `]` that closes a class.
    CloseClass,
    /// Any other character.
    Other,
}

/// Steps through a pattern's text the way the text rewrites here need: escapes whole, and
/// the depth of character classes (nested classes are allowed inside `[…]`). Each step is a
/// piece and its text; the texts put back together are the pattern.
struct PatternWalk<'p> {
    rest: &'p str,
    depth: usize,
}

impl<'p> PatternWalk<'p> {
    fn new(pattern: &'p str) -> Self {
        PatternWalk {
            rest: pattern,
            depth: 0,
        }
    }

    /// Class depth after the last step (inside `[…]` when above zero).
    fn depth(&self) -> usize {
        self.depth
    }

    /// The text not stepped over yet.
    fn rest(&self) -> &'p str {
        self.rest
    }

    /// Skips `n` bytes of plain text (flag letters) without looking at them.
    fn skip_bytes(&mut self, n: usize) {
        self.rest = &self.rest[n.min(self.rest.len())..];
    }
}

impl<'p> Iterator for PatternWalk<'p> {
    type Item = (Piece, &'p str);

    fn next(&mut self) -> Option<(Piece, &'p str)> {
        let c = self.rest.chars().next()?;
        let (piece, len) = match c {
            '\\' => (
                Piece::Escape,
                1 + self.rest[1..].chars().next().map_or(0, char::len_utf8),
            ),
            '[' => {
                let mut len = 1;
                if self.depth == 0 {
                    // `]` first in a class (after an optional `^`) is a literal.
                    if self.rest[len..].starts_with('^') {
                        len += 1;
                    }
                    if self.rest[len..].starts_with(']') {
                        len += 1;
                    }
                }
                self.depth += 1;
                (Piece::OpenClass, len)
            }
            ']' if self.depth > 0 => {
                self.depth -= 1;
                (Piece::CloseClass, 1)
            }
            c => (Piece::Other, c.len_utf8()),
        };
        let (text, rest) = self.rest.split_at(len);
        self.rest = rest;
        Some((piece, text))
    }
}

/// What a sub-pattern tells the prefilter.
struct Facts {
    /// Every string it can match, when that is a small set of ASCII strings.
    exact: Option<Vec<String>>,
    /// What every match of it contains.
    need: Need,
}

impl Facts {
    fn nothing() -> Facts {
        Facts {
            exact: None,
            need: Need::True,
        }
    }

    fn exact(set: Vec<String>) -> Facts {
        Facts {
            need: any_of(&set),
            exact: Some(set),
        }
    }
}

/// One of these strings (an empty set: nothing can match).
fn any_of(set: &[String]) -> Need {
    Need::any(set.iter().map(|s| Need::lit(s)).collect())
}

fn ascii_text(bytes: &[u8]) -> Option<String> {
    bytes
        .is_ascii()
        .then(|| String::from_utf8_lossy(bytes).to_ascii_lowercase())
}

fn small_ascii_class<I: Iterator<Item = (char, char)>>(ranges: I) -> Option<Vec<String>> {
    let ranges: Vec<(char, char)> = ranges.collect();
    let n: u32 = ranges.iter().map(|(a, b)| *b as u32 - *a as u32 + 1).sum();
    (n as usize <= 8 && ranges.iter().all(|(_, b)| b.is_ascii())).then(|| {
        let mut set: Vec<String> = ranges
            .iter()
            .flat_map(|&(a, b)| a..=b)
            .map(|ch| ch.to_ascii_lowercase().to_string())
            .collect();
        set.sort();
        set.dedup();
        set
    })
}

fn analyse(hir: &Hir) -> Facts {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Facts::exact(vec![String::new()]),
        HirKind::Literal(lit) => match ascii_text(&lit.0) {
            Some(s) => Facts::exact(vec![s]),
            None => Facts::nothing(),
        },
        HirKind::Class(class) => {
            let chars = match class {
                Class::Unicode(c) => small_ascii_class(c.iter().map(|r| (r.start(), r.end()))),
                Class::Bytes(c) => small_ascii_class(
                    c.iter()
                        .map(|r| (char::from(r.start()), char::from(r.end()))),
                ),
            };
            let digits = match class {
                Class::Unicode(c) => c.iter().all(|r| r.start() >= '0' && r.end() <= '9'),
                Class::Bytes(c) => c.iter().all(|r| r.start() >= b'0' && r.end() <= b'9'),
            };
            let mut facts = chars.map_or_else(Facts::nothing, Facts::exact);
            if digits && facts.need != Need::False {
                // Parsed without Unicode, `\d` is `[0-9]`; `Need::Digit` admits any
                // non-ASCII text too.
                facts.need = Need::Digit;
            }
            facts
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
                    need: Need::True,
                }
            } else {
                let exact = (rep.min == 1 && rep.max == Some(1))
                    .then_some(())
                    .and(sub.exact);
                Facts {
                    exact,
                    need: sub.need,
                }
            }
        }
        HirKind::Concat(subs) => {
            let mut needs = Vec::new();
            // The running product of exact sets: a literal run across adjacent parts, which
            // needs more than its parts do ("next update" rather than "next").
            let mut run: Option<Vec<String>> = Some(vec![String::new()]);
            let mut whole_exact = true;
            for sub in subs {
                let f = analyse(sub);
                needs.push(f.need);
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
                        if let Some(r) = run.take() {
                            needs.push(any_of(&r));
                        }
                        run = e.or_else(|| Some(vec![String::new()]));
                    }
                }
            }
            if let Some(r) = &run {
                needs.push(any_of(r));
            }
            Facts {
                exact: if whole_exact { run } else { None },
                need: Need::all(needs),
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
            Facts {
                exact,
                need: Need::any(facts.into_iter().map(|f| f.need).collect()),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn need(p: &str) -> String {
        requirement(p).map_or("none".into(), |n| n.to_string())
    }

    #[test]
    fn what_every_match_needs() {
        assert_eq!(need(r"(?i)\bsorry\b"), "sorry");
        assert_eq!(
            need(r"(?i)\b(?:we|i)\s+(?:are\s+)?(?:sorry|apologi[sz]e)\b"),
            "(apologise | apologize | sorry)"
        );
        // Every part of a sequence is needed, and a run across adjacent parts is used whole;
        // the commonest words ("the", "was") are not worth looking for.
        assert_eq!(
            need(r"(?i)\bthe\s+root\s+cause\s+(?:was|is)\b"),
            "(cause & root)"
        );
        assert_eq!(
            need(r"\bnext (?:update|post)\b"),
            "(next post | next update)"
        );
        // Each branch of an alternation needs its own parts.
        assert_eq!(
            need(r"(?i)\b(?:caused\s+by|due\s+to\s+an?\s+outage)\b"),
            "((due & outage) | caused)"
        );
        // Optional and repeated parts add nothing; the required part is used.
        assert_eq!(need(r"(?:[\w-]+ ){0,3}outage\w*"), "outage");
        // A pattern that cannot match (an empty vocabulary list) rejects every text; a branch
        // that cannot match adds nothing.
        assert_eq!(need(r"(?i)\bfoo\s+(?-i:[^\s\S])"), "false");
        assert!(!LazyRegex::new(r"(?i)\bfoo\s+(?-i:[^\s\S])").could_match("foo bar"));
        assert_eq!(need(r"(?i)(?:\bfoo\s+(?-i:[^\s\S]))|\bsorry"), "sorry");
        // Nothing required: no prefilter.
        assert_eq!(need(r"(?:\w+ )?(?:users|accounts)?"), "none");
        assert_eq!(need(r"(?:sorry|\w+)"), "none");
        // Too short to be worth it, unless made of characters rare in prose.
        assert_eq!(need(r"\bno\b"), "none");
        assert_eq!(
            need(r"\{\{[^{}\n]{1,80}\}\}|\$\{[^}]+\}"),
            "((${ & }) | ({{ & }}))"
        );
        // A rare character makes a run with a short word usable.
        assert_eq!(
            need(r"(?i)\[(?:id|insert|name)\]"),
            "([id] | [insert] | [name])"
        );
        // Anchored patterns have requirements too (checked on short haystacks only).
        assert_eq!(
            need(r"^\s*(?:of|with) the outage"),
            "(of the outage | with the outage)"
        );
        assert_eq!(
            need(r"(?i)\b(?:sorry|apologies)\s*$"),
            "(apologies | sorry)"
        );
        // Digits: `\d`, `[0-9]`, `[0-5]`.
        assert_eq!(need(r"\b\d{1,2}:\d\d\b"), "<digit>");
        assert_eq!(
            need(r"(?i)\b[0-5]\s*(?:users|accounts)\b"),
            "((accounts | users) & <digit>)"
        );
        assert_eq!(need(r"\d+|sorry"), "(<digit> | sorry)");
    }

    #[test]
    fn a_text_needs_every_part() {
        let lazy = LazyRegex::new(r"(?i)\bthe\s+root\s+cause\s+was\b");
        assert!(!lazy.could_match("The cause is unknown."));
        assert!(!lazy.could_match("We found the cause."));
        // Literals in any order and overlapping one another still admit the text.
        assert!(lazy.could_match("was cause root the"));
        assert!(lazy.could_match("The ROOT CAUSE WAS a bad deploy."));
        let overlapping = LazyRegex::new(r"(?i)\bcause\s+\w+\s+used\b");
        assert!(overlapping.could_match("caused"), "cause and used overlap");
        let lazy = LazyRegex::new(r"(?i)\b(?:caused\s+by|due\s+to\s+an?\s+outage)\b");
        assert!(!lazy.could_match("This was due to maintenance."));
        assert!(lazy.could_match("This was due to an outage."));
        assert!(lazy.could_match("Caused by a storm."));
    }

    #[test]
    fn digits_and_anchors() {
        let time = LazyRegex::new(r"\b\d{1,2}:\d\d\b");
        assert!(!time.could_match("No times here."));
        assert!(time.could_match("At 14:05."));
        // A Unicode `\d` matches other scripts' digits: any non-ASCII text is admitted.
        assert!(time.could_match("At ١٤:٠٥."));
        assert!(time.is_match("At ١٤:٠٥."));
        let mixed = LazyRegex::new(r"\d+|sorry");
        assert!(mixed.could_match("We are sorry."));
        assert!(mixed.could_match("12"));
        assert!(!mixed.could_match("We regret this."));
        // Anchored: prefiltered on short text, not on long text (the regex looks at one end).
        let anchored = LazyRegex::new(r"(?i)^\W*please\s+note\b");
        assert!(!anchored.could_match("Thanks for waiting."));
        assert!(anchored.could_match(&"Thanks for waiting. ".repeat(200)));
        assert!(anchored.could_match("Please note: the API is back."));
    }

    #[test]
    fn flags_and_escapes() {
        assert_eq!(strip_case_flags("(?i)abc"), "abc");
        assert_eq!(strip_case_flags("(?i:abc)"), "(?:abc)");
        assert_eq!(strip_case_flags("(?im)^abc"), "(?m)^abc");
        assert_eq!(strip_case_flags(r"\(?i)"), r"\(?i)");
        // Inside a class `(?i)` is three characters; `]` first in a class is one of them.
        assert_eq!(strip_case_flags(r"[](?i)](?i)x"), r"[](?i)]x");
        assert_eq!(strip_case_flags(r"[^]\]](?-i:A)\’"), r"[^]\]](?:A)\’");
        assert_eq!(strip_case_flags(r"(?P<n>a)(?i:b)"), r"(?P<n>a)(?:b)");
        assert_eq!(need(r"(?i)ACME(?-i:Corp)"), "acmecorp");
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

    #[test]
    fn ascii_class_rewrite() {
        assert_eq!(ascii_classes(r"(?i)\bsorry\b"), None);
        assert_eq!(
            ascii_classes(r"\w+\s\d").as_deref(),
            Some(r"[0-9A-Za-z_]+[\t\n\x0B\x0C\r\x20][0-9]")
        );
        // Inside a class the members are spliced in; negated ones become nested classes.
        assert_eq!(
            ascii_classes(r"[\w-]+[^\s.]\W[\S]").as_deref(),
            Some(r"[0-9A-Za-z_-]+[^\t\n\x0B\x0C\r\x20.][^0-9A-Za-z_][[^\t\n\x0B\x0C\r\x20]]")
        );
        // Escaped backslashes, `]` first in a class and other escapes are left alone.
        assert_eq!(
            ascii_classes(r"\\w[]\w]\p{L}").as_deref(),
            Some(r"\\w[]0-9A-Za-z_]\p{L}")
        );
        // Verbose patterns are not rewritten: their comments may hold brackets.
        assert_eq!(ascii_classes("(?x) \\w+ # [note"), None);
        assert_eq!(ascii_classes("(?ix:\\w)"), None);
    }

    /// Every character [`inert`] admits is outside Unicode `\w`, `\s` and `\d`, and no
    /// case-insensitive ASCII letter matches it: on text made of ASCII and such characters
    /// the ASCII classes and the Unicode ones agree.
    #[test]
    fn inert_characters_are_in_no_unicode_class() {
        let classes = Regex::new(r"^[\w\s\d]$").unwrap();
        let letters = Regex::new(r"(?i)^[a-z0-9_]$").unwrap();
        let mut n = 0;
        for c in (0x80..=0x10FFFFu32)
            .filter_map(char::from_u32)
            .filter(|&c| inert(c))
        {
            let s = c.to_string();
            assert!(
                !classes.is_match(&s),
                "{c:?} U+{:04X} is in a class",
                c as u32
            );
            assert!(
                !letters.is_match(&s),
                "{c:?} U+{:04X} folds to ASCII",
                c as u32
            );
            n += 1;
        }
        assert!(n > 1000, "{n}");
        for c in [
            'é', '\u{A0}', '\u{200D}', '\u{301}', '\u{212A}', '\u{17F}', '٣', '\u{203F}',
        ] {
            assert!(!inert(c), "{c:?}");
        }
    }

    #[test]
    fn ascii_variant_finds_what_unicode_finds() {
        let patterns = [
            r"(?i)\b(?:[\w-]+\s+){0,2}outages?\b",
            r"(?i)\bwe\W+(?:are|were)\s+sorry\b",
            r"\d+\s*(?:users|customers)",
            r"(?i)[^\w\s]{2,}",
            r"\S+@\S+",
        ];
        let texts = [
            "We’re sorry — a brief, partial outage hit 1,200 users… “Status” → green.",
            "We are  sorry: the café outage affected 12 customers.",
            "Non-breaking\u{A0}space outage; 3\u{A0}users",
            "Arabic digits ٣ users and mail me@example.com — «ok»",
            "plain ascii outage for 4 users!!",
        ];
        for p in patterns {
            let unicode = Regex::new(p).unwrap();
            let ascii = Regex::new(&ascii_classes(p).unwrap()).unwrap();
            for t in texts {
                let spans = |re: &Regex| re.find_iter(t).map(|m| m.range()).collect::<Vec<_>>();
                if ascii_classes_suffice(t) {
                    assert_eq!(spans(&ascii), spans(&unicode), "{p} on {t:?}");
                }
                let lazy = LazyRegex::new(p);
                let found: Vec<_> = lazy.find_iter(t).map(|m| m.range()).collect();
                assert_eq!(found, spans(&unicode), "{p} on {t:?}");
            }
        }
        assert!(ascii_classes_suffice(
            "We’re sorry — “quoted” … € 5 → ok ✓ 🎉"
        ));
        assert!(!ascii_classes_suffice("café"));
        assert!(!ascii_classes_suffice("12\u{A0}users"));
    }
}
