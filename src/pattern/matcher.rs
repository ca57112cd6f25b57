//! Matching a pattern tree against a sentence's tokens: a backtracking search that prefers
//! longer repetitions (like a regex), with a step budget per start token so that no pattern
//! can take more than linear time in the sentence's length.

use super::{Class, Env, Node, Test};
use crate::analysis::{Tag, Token, TokenKind};

/// A match: token ranges of the whole match and of the reported span (`[ … ]`, or the whole).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    pub start: usize,
    pub end: usize,
    pub span_start: usize,
    pub span_end: usize,
}

/// Steps one start position may take before the search gives up there.
pub(super) const BUDGET: usize = 512;

#[cfg(test)]
thread_local! {
    /// Every step taken on this thread (tests check the linear bound with it).
    pub(super) static TOTAL_STEPS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

struct Ctx<'a> {
    toks: &'a [Token],
    env: &'a dyn Env,
    steps: std::cell::Cell<usize>,
}

#[derive(Clone, Copy, Default)]
struct Marks {
    start: Option<usize>,
    end: Option<usize>,
}

pub(super) fn match_at(root: &Node, toks: &[Token], i: usize, env: &dyn Env) -> Option<Match> {
    let cx = Ctx {
        toks,
        env,
        steps: std::cell::Cell::new(0),
    };
    let mut found: Option<Match> = None;
    go(&cx, root, i, Marks::default(), &mut |j, marks| {
        found = Some(Match {
            start: i,
            end: j,
            span_start: marks.start.unwrap_or(i),
            span_end: marks.end.unwrap_or(j),
        });
        true
    });
    found.filter(|m| m.end > m.start)
}

type Cont<'k> = dyn FnMut(usize, Marks) -> bool + 'k;

fn go(cx: &Ctx, node: &Node, i: usize, marks: Marks, k: &mut Cont) -> bool {
    cx.steps.set(cx.steps.get() + 1);
    #[cfg(test)]
    TOTAL_STEPS.with(|s| s.set(s.get() + 1));
    if cx.steps.get() > BUDGET {
        return false;
    }
    match node {
        Node::Test(test) => i < cx.toks.len() && test_one(cx, test, i) && k(i + 1, marks),
        Node::Family(fam) => {
            // Longer phrases first.
            let mut ends: Vec<usize> = fam.ends_at(cx.toks, i).collect();
            ends.sort_unstable_by(|a, b| b.cmp(a));
            ends.dedup();
            ends.into_iter().any(|e| k(e, marks))
        }
        Node::Seq(items) => seq(cx, items, i, marks, k),
        Node::Alt(alts) => alts.iter().any(|a| go(cx, a, i, marks, k)),
        Node::Repeat(inner, min, max) => repeat(cx, inner, *min, *max, 0, i, marks, k),
        // Only punctuation and list markers ("-", "1.", "*") may stand before the start.
        Node::Start => {
            cx.toks[..i.min(cx.toks.len())]
                .iter()
                .all(|t| t.kind != TokenKind::Word)
                && k(i, marks)
        }
        Node::End => {
            cx.toks[i.min(cx.toks.len())..]
                .iter()
                .all(|t| t.kind == TokenKind::Punct)
                && k(i, marks)
        }
        Node::Mark(inner) => {
            let m = Marks {
                start: Some(i),
                ..marks
            };
            go(cx, inner, i, m, &mut |j, m2| {
                k(
                    j,
                    Marks {
                        start: m2.start,
                        end: Some(j),
                    },
                )
            })
        }
    }
}

fn seq(cx: &Ctx, items: &[Node], i: usize, marks: Marks, k: &mut Cont) -> bool {
    match items.split_first() {
        None => k(i, marks),
        Some((first, rest)) => go(cx, first, i, marks, &mut |j, m| seq(cx, rest, j, m, k)),
    }
}

#[allow(clippy::too_many_arguments)]
fn repeat(
    cx: &Ctx,
    inner: &Node,
    min: usize,
    max: usize,
    count: usize,
    i: usize,
    marks: Marks,
    k: &mut Cont,
) -> bool {
    // Greedy: one more repetition first, then stop if enough were matched.
    if count < max {
        let more = go(cx, inner, i, marks, &mut |j, m| {
            // An empty repetition would loop forever.
            j != i && repeat(cx, inner, min, max, count + 1, j, m, k)
        });
        if more {
            return true;
        }
    }
    count >= min && k(i, marks)
}

fn test_one(cx: &Ctx, test: &Test, i: usize) -> bool {
    let t = &cx.toks[i];
    match test {
        Test::Words(set) => set.contains(&*t.lower),
        Test::Tags(mask) => t.tag.is_some_and(|tag| mask & (1 << (tag as u32)) != 0),
        Test::Any => true,
        Test::Class(c) => match c {
            Class::Number => t.kind == TokenKind::Number || t.is(Tag::NUM),
            Class::Participle => crate::analysis::clause::is_participle(t),
            Class::Capitalized => t.capitalized(),
            Class::Url => t.kind == TokenKind::Url,
            Class::Email => t.kind == TokenKind::Email,
            Class::Own => cx.env.own(i),
            Class::Punct => t.kind == TokenKind::Punct,
            Class::Word => t.kind == TokenKind::Word,
            Class::Party(p) => cx.env.party(i) == Some(*p),
            Class::Gerund => {
                t.is_word() && t.lower.ends_with("ing") && (t.is(Tag::VERB) || t.is(Tag::AUX))
            }
            Class::When(kinds) => cx.env.when(i).is_some_and(|k| kinds.contains(&k)),
        },
        Test::Not(inner) => {
            let mut ok = false;
            go(cx, inner, i, Marks::default(), &mut |j, _| {
                ok = j == i + 1;
                ok
            });
            !ok
        }
    }
}
