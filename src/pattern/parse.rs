//! Parsing the pattern notation (see the module documentation) into a [`Node`] tree.

use super::{Class, MAX_REPEAT, Node, PatternError, Test};
use crate::analysis::time::WhenKind;
use crate::analysis::{Lexicon, Tag};
use rustc_hash::FxHashSet;

#[derive(Debug, Clone, PartialEq)]
enum Lexeme {
    Open,
    Close,
    OpenMark,
    CloseMark,
    Bar,
    /// `?` or `{m,n}`.
    Quant(usize, usize),
    /// A run of non-space characters: words, families, tags, `_`, `!x`.
    Atom(String),
}

fn err(message: impl Into<String>, at: usize) -> PatternError {
    PatternError {
        message: message.into(),
        at,
    }
}

fn lex(src: &str) -> Result<Vec<(Lexeme, usize)>, PatternError> {
    let mut out = Vec::new();
    let b = src.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = src[i..].chars().next().unwrap_or(' ');
        match c {
            c if c.is_whitespace() => i += c.len_utf8(),
            '(' => {
                out.push((Lexeme::Open, i));
                i += 1;
            }
            ')' => {
                out.push((Lexeme::Close, i));
                i += 1;
            }
            '[' => {
                out.push((Lexeme::OpenMark, i));
                i += 1;
            }
            ']' => {
                out.push((Lexeme::CloseMark, i));
                i += 1;
            }
            '|' => {
                out.push((Lexeme::Bar, i));
                i += 1;
            }
            '?' => {
                out.push((Lexeme::Quant(0, 1), i));
                i += 1;
            }
            '{' => {
                let close = src[i..]
                    .find('}')
                    .ok_or_else(|| err("`{` without `}`", i))?;
                let body = &src[i + 1..i + close];
                let num = |s: &str| {
                    s.trim()
                        .parse::<usize>()
                        .map_err(|_| err(format!("`{{{body}}}`: expected {{n}} or {{m,n}}"), i))
                };
                let (m, n) = match body.split_once(',') {
                    Some((a, b)) => (num(a)?, num(b)?),
                    None => {
                        let n = num(body)?;
                        (n, n)
                    }
                };
                if m > n || n == 0 || n > MAX_REPEAT {
                    return Err(err(
                        format!("`{{{body}}}`: repetition must be at most {MAX_REPEAT} and m ≤ n"),
                        i,
                    ));
                }
                out.push((Lexeme::Quant(m, n), i));
                i += close + 1;
            }
            '*' | '+' => {
                return Err(err(
                    format!("`{c}` is unbounded: write `{{0,n}}` or `{{1,n}}` (n ≤ {MAX_REPEAT})"),
                    i,
                ));
            }
            _ => {
                let start = i;
                while i < b.len() {
                    let c = src[i..].chars().next().unwrap_or(' ');
                    // A quoted word is part of the atom, whatever it contains: `":"|"—"|namely`.
                    if c == '"' {
                        let close = src[i + 1..]
                            .find('"')
                            .ok_or_else(|| err("unclosed `\"`", i))?;
                        i += close + 2;
                        continue;
                    }
                    if c.is_whitespace() || "()[]?{}*+".contains(c) {
                        break;
                    }
                    // `a|b` inside an atom is a word alternation; a spaced `|` is a lexeme.
                    i += c.len_utf8();
                }
                let atom = &src[start..i];
                if atom == "|" {
                    out.push((Lexeme::Bar, start));
                } else {
                    out.push((Lexeme::Atom(atom.to_string()), start));
                }
            }
        }
    }
    Ok(out)
}

/// Splits an atom on `|`, except inside quotes.
fn split_alternatives(a: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut start, mut quoted) = (0, false);
    for (i, c) in a.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '|' if !quoted => {
                out.push(&a[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&a[start..]);
    out
}

struct Parser<'a> {
    toks: Vec<(Lexeme, usize)>,
    pos: usize,
    lex: &'a Lexicon,
    len: usize,
    marks: usize,
}

pub(super) fn parse(src: &str, lex: &Lexicon) -> Result<Node, PatternError> {
    if src.trim().is_empty() {
        return Err(err("empty pattern", 0));
    }
    let mut p = Parser {
        toks: self::lex(src)?,
        pos: 0,
        lex,
        len: src.len(),
        marks: 0,
    };
    let node = p.alt()?;
    if let Some((l, at)) = p.toks.get(p.pos) {
        return Err(err(format!("unexpected {l:?}"), *at));
    }
    if p.marks > 1 {
        return Err(err("only one `[ … ]` span per pattern", 0));
    }
    Ok(node)
}

impl Parser<'_> {
    fn at(&self) -> usize {
        self.toks.get(self.pos).map_or(self.len, |t| t.1)
    }

    fn alt(&mut self) -> Result<Node, PatternError> {
        let mut alts = vec![self.seq()?];
        while matches!(self.toks.get(self.pos), Some((Lexeme::Bar, _))) {
            self.pos += 1;
            alts.push(self.seq()?);
        }
        Ok(if alts.len() == 1 {
            alts.pop().unwrap()
        } else {
            Node::Alt(alts)
        })
    }

    fn seq(&mut self) -> Result<Node, PatternError> {
        let mut items = Vec::new();
        while let Some((l, _)) = self.toks.get(self.pos) {
            if matches!(l, Lexeme::Close | Lexeme::CloseMark | Lexeme::Bar) {
                break;
            }
            let mut item = self.primary()?;
            if let Some((Lexeme::Quant(m, n), _)) = self.toks.get(self.pos) {
                item = Node::Repeat(Box::new(item), *m, *n);
                self.pos += 1;
            }
            items.push(item);
        }
        if items.is_empty() {
            return Err(err("expected a word, family, tag or group", self.at()));
        }
        Ok(if items.len() == 1 {
            items.pop().unwrap()
        } else {
            Node::Seq(items)
        })
    }

    fn primary(&mut self) -> Result<Node, PatternError> {
        let (l, at) = self.toks[self.pos].clone();
        self.pos += 1;
        match l {
            Lexeme::Open | Lexeme::OpenMark => {
                let inner = self.alt()?;
                let want = if l == Lexeme::Open {
                    Lexeme::Close
                } else {
                    Lexeme::CloseMark
                };
                match self.toks.get(self.pos) {
                    Some((c, _)) if *c == want => self.pos += 1,
                    _ => return Err(err("unclosed group", at)),
                }
                if l == Lexeme::OpenMark {
                    self.marks += 1;
                    Ok(Node::Mark(Box::new(inner)))
                } else {
                    Ok(inner)
                }
            }
            Lexeme::Atom(a) => self.atom(&a, at),
            Lexeme::Quant(..) => Err(err("a repetition needs something to repeat", at)),
            other => Err(err(format!("unexpected {other:?}"), at)),
        }
    }

    fn atom(&self, a: &str, at: usize) -> Result<Node, PatternError> {
        if let Some(rest) = a.strip_prefix('!') {
            let inner = self.atom(rest, at + 1)?;
            return Ok(Node::Test(Test::Not(Box::new(inner))));
        }
        if a == "_" {
            return Ok(Node::Test(Test::Any));
        }
        if a == "^" {
            return Ok(Node::Start);
        }
        if a == "$" {
            return Ok(Node::End);
        }
        if a.starts_with('<')
            && a.ends_with('>')
            && a[1..a.len() - 1].chars().all(|c| c != '<' && c != '>')
        {
            return self.tags(&a[1..a.len() - 1], at);
        }
        // An alternation of words, families and tags in one token position.
        let mut words: FxHashSet<Box<str>> = FxHashSet::default();
        let mut alts: Vec<Node> = Vec::new();
        for part in split_alternatives(a) {
            if part.is_empty() {
                return Err(err(format!("`{a}`: empty alternative"), at));
            }
            if part.len() >= 2 && part.starts_with('"') && part.ends_with('"') {
                // A quoted word: matched as written, whatever its characters.
                words.insert(
                    crate::analysis::token::lower(&part[1..part.len() - 1]).into_boxed_str(),
                );
            } else if let Some(body) = part.strip_prefix('<') {
                let body = body
                    .strip_suffix('>')
                    .ok_or_else(|| err(format!("`{part}`: a tag is written `<NOUN>`"), at))?;
                alts.push(self.tags(body, at)?);
            } else if let Some(name) = part.strip_prefix('@') {
                let fam = self.lex.family(name).ok_or_else(|| {
                    err(
                        format!(
                            "unknown family `@{name}`{}",
                            crate::config::closest(name, self.lex.names())
                                .map(|s| format!("; did you mean `@{s}`?"))
                                .unwrap_or_default()
                        ),
                        at,
                    )
                })?;
                alts.push(Node::Family(fam));
            } else if crate::analysis::token::is_clitic(part) {
                // "'s", "n't", "'re": tokens of their own in text, words in patterns.
                words.insert(crate::analysis::token::lower(part).into_boxed_str());
            } else {
                let toks = crate::analysis::token::tokenize(part, 0);
                match toks.len() {
                    0 => return Err(err(format!("`{part}` is not a word"), at)),
                    1 => {
                        words.insert(toks[0].lower.clone());
                    }
                    // "don't" is "do" + "n't", "100%" is "100" + "%": the tokens in a row.
                    _ => alts.push(Node::Seq(
                        toks.into_iter()
                            .map(|t| Node::Test(Test::Words(std::iter::once(t.lower).collect())))
                            .collect(),
                    )),
                }
            }
        }
        if !words.is_empty() {
            alts.push(Node::Test(Test::Words(words)));
        }
        Ok(if alts.len() == 1 {
            alts.pop().unwrap()
        } else {
            Node::Alt(alts)
        })
    }

    fn tags(&self, body: &str, at: usize) -> Result<Node, PatternError> {
        let mut tags = Vec::new();
        let mut classes = Vec::new();
        for name in body.split('|') {
            let class = match name {
                "number" => Some(Class::Number),
                "participle" => Some(Class::Participle),
                "cap" => Some(Class::Capitalized),
                "url" => Some(Class::Url),
                "email" => Some(Class::Email),
                "own" => Some(Class::Own),
                "punct" => Some(Class::Punct),
                "word" => Some(Class::Word),
                "gerund" => Some(Class::Gerund),
                "clock" => Some(Class::When(&[WhenKind::Clock])),
                "date" => Some(Class::When(&[WhenKind::Date, WhenKind::Weekday])),
                "when" => Some(Class::When(&[
                    WhenKind::Clock,
                    WhenKind::Date,
                    WhenKind::Weekday,
                ])),
                "interval" => Some(Class::When(&[WhenKind::Interval])),
                other => crate::analysis::Party::parse(other).map(Class::Party),
            };
            if let Some(c) = class {
                classes.push(c);
                continue;
            }
            let tag: Tag = name.parse().map_err(|_| {
                err(
                    format!(
                        "unknown tag `<{name}>`: a part of speech (NOUN, VERB, AUX, ADJ, ADV, ADP, DET, PRON, PROPN, NUM, PART, CCONJ, SCONJ, PUNCT, SYM, INTJ) or a class (number, participle, cap, url, email, own, punct, word, clock, date, when, interval, writer, writer-owned, reader, customers, vendor, attacker, individual, thing)"
                    ),
                    at,
                )
            })?;
            tags.push(tag);
        }
        let mut alts: Vec<Node> = classes
            .into_iter()
            .map(|c| Node::Test(Test::Class(c)))
            .collect();
        if !tags.is_empty() {
            alts.push(Node::Test(Test::Tags(Test::tag_mask(&tags))));
        }
        Ok(if alts.len() == 1 {
            alts.pop().unwrap()
        } else {
            Node::Alt(alts)
        })
    }
}
