//! Cues: a token pattern with clause predicates and guards — the unit both phrase rules and
//! element detectors are written in. A cue says what to match (`tokens`), what the clause
//! around the match must be (`in`, `subject`, `voice`, …), and what cancels it (`unless`, …).
//!
//! ```toml
//! tokens = "this|it will|can never happen|recur again"
//! not_in = ["purpose", "conditional"]      # clause roles, on the clause and those around it
//! subject = ["writer"]                      # the subject of the innermost clause with a verb
//! subject_words = ["@cause_thing"]          # the subject's head word is of a family
//! not_subject_words = ["@population"]       # … or is not
//! in_subject = true                         # the match starts in that subject
//! head = true                               # the match starts at the clause's main verb
//! voice = "passive"                         # active | passive
//! negated = false
//! asserted = true                           # not under "we cannot guarantee that …"
//! tense = ["past"]                          # past | present | future
//! unless = ["we will never ask"]            # a match of this overlapping cancels (antipattern)
//! unless_sentence = ["…"]                   # anywhere in the sentence
//! unless_previous = ["…"]                   # the sentence before
//! unless_next = ["…"]                       # the sentence after
//! unless_paragraph = ["…"]                  # anywhere in the paragraph
//! unless_document = ["…"]                   # anywhere in the document
//! only_if_sentence = ["…"]                  # needed somewhere in the sentence
//! ```

use super::registry::{PatternId, Registry, Triggered};
use super::{Match, Pattern, SentenceEnv};
use crate::analysis::{Context, Lexicon, Party, Role, Sentence, Tense, Voice};
use serde::Deserialize;

/// A cue as written in a rule or element file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CueDef {
    pub tokens: String,
    #[serde(default, rename = "in")]
    pub in_roles: Vec<String>,
    #[serde(default)]
    pub not_in: Vec<String>,
    #[serde(default)]
    pub subject: Vec<String>,
    #[serde(default)]
    pub not_subject: Vec<String>,
    /// The head word of the clause's subject is (not) a word of one of these families.
    #[serde(default)]
    pub subject_words: Vec<String>,
    #[serde(default)]
    pub not_subject_words: Vec<String>,
    /// The match starts in the subject of its clause (what the sentence is about).
    #[serde(default)]
    pub in_subject: Option<bool>,
    /// The match starts at its clause's main verb ("we rolled back", "was restored").
    #[serde(default)]
    pub head: Option<bool>,
    #[serde(default)]
    pub voice: Option<String>,
    #[serde(default)]
    pub negated: Option<bool>,
    /// The writer asserts the clause: it is not the complement of a negated verb ("we cannot
    /// guarantee that this will never happen again" asserts nothing about the future).
    #[serde(default)]
    pub asserted: Option<bool>,
    #[serde(default)]
    pub tense: Vec<String>,
    #[serde(default)]
    pub unless: Vec<String>,
    #[serde(default)]
    pub unless_sentence: Vec<String>,
    #[serde(default)]
    pub unless_previous: Vec<String>,
    #[serde(default)]
    pub unless_next: Vec<String>,
    #[serde(default)]
    pub unless_paragraph: Vec<String>,
    #[serde(default)]
    pub unless_document: Vec<String>,
    #[serde(default)]
    pub only_if_sentence: Vec<String>,
}

/// Clause predicates, parsed.
#[derive(Debug, Clone, Default)]
struct Predicates {
    subject_words: Vec<std::sync::Arc<crate::analysis::lexicon::Family>>,
    not_subject_words: Vec<std::sync::Arc<crate::analysis::lexicon::Family>>,
    in_roles: Vec<Role>,
    not_in: Vec<Role>,
    subject: Vec<Party>,
    not_subject: Vec<Party>,
    in_subject: Option<bool>,
    head: Option<bool>,
    voice: Option<Voice>,
    negated: Option<bool>,
    asserted: Option<bool>,
    tense: Vec<Tense>,
}

/// A compiled cue.
#[derive(Debug, Clone)]
pub struct Cue {
    pub id: PatternId,
    pub pattern: Pattern,
    predicates: Predicates,
    unless: Vec<Pattern>,
    unless_sentence: Vec<Pattern>,
    unless_previous: Vec<Pattern>,
    unless_next: Vec<Pattern>,
    unless_paragraph: Vec<Pattern>,
    unless_document: Vec<Pattern>,
    only_if_sentence: Vec<Pattern>,
}

/// Why a cue could not be compiled: the message and the pattern text it concerns (to locate
/// it in the file), with the byte offset inside that text when known.
#[derive(Debug, Clone)]
pub struct CueError {
    pub message: String,
    pub source: String,
    pub at: Option<usize>,
}

impl Cue {
    /// Compiles a cue and files its pattern in `registry` for triggering.
    pub fn compile(def: &CueDef, lex: &Lexicon, registry: &mut Registry) -> Result<Cue, CueError> {
        let compile = |src: &str| -> Result<Pattern, CueError> {
            Pattern::new(src, lex).map_err(|e| CueError {
                message: format!("invalid pattern `{src}`: {e}"),
                source: src.to_string(),
                at: Some(e.at),
            })
        };
        let list = |v: &[String]| -> Result<Vec<Pattern>, CueError> {
            v.iter().map(|s| compile(s)).collect()
        };
        let pattern = compile(&def.tokens)?;
        let predicates = predicates(def, lex).map_err(|m| CueError {
            message: m,
            source: def.tokens.clone(),
            at: None,
        })?;
        Ok(Cue {
            id: registry.add(pattern.clone()),
            pattern,
            predicates,
            unless: list(&def.unless)?,
            unless_sentence: list(&def.unless_sentence)?,
            unless_previous: list(&def.unless_previous)?,
            unless_next: list(&def.unless_next)?,
            unless_paragraph: list(&def.unless_paragraph)?,
            unless_document: list(&def.unless_document)?,
            only_if_sentence: list(&def.only_if_sentence)?,
        })
    }

    /// The sentences this cue may match in: those the trigger index selected, or every
    /// sentence when no index was built.
    pub fn sentences<'t>(
        &self,
        ctx: &Context,
        triggers: &'t Triggered,
    ) -> Box<dyn Iterator<Item = usize> + 't> {
        if triggers.is_empty() {
            Box::new(0..ctx.analysis().sentences.len())
        } else {
            Box::new(triggers.sentences_with(self.id))
        }
    }

    /// The cue's matches in sentence `si` that pass its predicates and guards. Matches in a
    /// quotation attributed to someone else are dropped unless `quotes` is true.
    pub fn matches(
        &self,
        ctx: &Context,
        si: usize,
        quotes: bool,
        memo: &mut CueMemo,
    ) -> Vec<Match> {
        let analysis = ctx.analysis();
        let Some(s) = analysis.sentences.get(si) else {
            return Vec::new();
        };
        let env = SentenceEnv {
            sentence: s,
            entities: &analysis.entities,
        };
        self.pattern
            .find_all(&s.tokens, &env)
            .into_iter()
            .filter(|m| {
                let span = &s.tokens[m.span_start..m.span_end];
                (quotes
                    || !span
                        .iter()
                        .any(|t| t.flags.has(crate::analysis::token::Flags::ATTRIBUTED)))
                    && predicates_hold(&self.predicates, s, m.span_start)
                    && !self.guarded(ctx, si, *m, memo)
            })
            .collect()
    }

    /// Does any guard cancel match `m` in sentence `si`?
    fn guarded(&self, ctx: &Context, si: usize, m: Match, memo: &mut CueMemo) -> bool {
        let analysis = ctx.analysis();
        let s = &analysis.sentences[si];
        if !self.unless.is_empty() {
            let env = SentenceEnv {
                sentence: s,
                entities: &analysis.entities,
            };
            // An antipattern overlapping the match cancels it.
            let overlaps = self.unless.iter().any(|q| {
                (0..s.tokens.len()).any(|i| {
                    q.match_at(&s.tokens, i, &env)
                        .is_some_and(|a| a.start < m.end && m.start < a.end)
                })
            });
            if overlaps {
                return true;
            }
        }
        if !self.only_if_sentence.is_empty() && !any_in(ctx, &self.only_if_sentence, si) {
            return true;
        }
        if any_in(ctx, &self.unless_sentence, si)
            || si > 0 && any_in(ctx, &self.unless_previous, si - 1)
            || any_in(ctx, &self.unless_next, si + 1)
        {
            return true;
        }
        if !self.unless_paragraph.is_empty() {
            let block = ctx.doc.sentences[si].block;
            if (0..analysis.sentences.len())
                .filter(|sj| ctx.doc.sentences[*sj].block == block)
                .any(|sj| any_in(ctx, &self.unless_paragraph, sj))
            {
                return true;
            }
        }
        if !self.unless_document.is_empty() {
            let hit = *memo.document.get_or_insert_with(|| {
                (0..analysis.sentences.len()).any(|sj| any_in(ctx, &self.unless_document, sj))
            });
            if hit {
                return true;
            }
        }
        false
    }
}

/// What a cue remembers while it runs over one document (its document-wide guard).
#[derive(Debug, Default)]
pub struct CueMemo {
    document: Option<bool>,
}

/// Does any of `pats` match in sentence `si`?
pub fn any_in(ctx: &Context, pats: &[Pattern], si: usize) -> bool {
    if pats.is_empty() {
        return false;
    }
    let analysis = ctx.analysis();
    let Some(s) = analysis.sentences.get(si) else {
        return false;
    };
    let env = SentenceEnv {
        sentence: s,
        entities: &analysis.entities,
    };
    pats.iter().any(|q| q.is_match(&s.tokens, &env))
}

fn predicates(p: &CueDef, lex: &Lexicon) -> Result<Predicates, String> {
    let families = |v: &[String]| -> Result<Vec<_>, String> {
        v.iter()
            .map(|n| {
                let name = n.trim_start_matches('@');
                lex.family(name)
                    .ok_or_else(|| format!("unknown family `@{name}`"))
            })
            .collect()
    };
    let roles = |v: &[String]| -> Result<Vec<Role>, String> {
        v.iter()
            .map(|r| Role::parse(r).ok_or_else(|| format!("unknown clause role `{r}`")))
            .collect()
    };
    let parties = |v: &[String]| -> Result<Vec<Party>, String> {
        v.iter()
            .map(|r| Party::parse(r).ok_or_else(|| format!("unknown party `{r}`")))
            .collect()
    };
    Ok(Predicates {
        subject_words: families(&p.subject_words)?,
        not_subject_words: families(&p.not_subject_words)?,
        in_roles: roles(&p.in_roles)?,
        not_in: roles(&p.not_in)?,
        subject: parties(&p.subject)?,
        not_subject: parties(&p.not_subject)?,
        in_subject: p.in_subject,
        head: p.head,
        voice: match p.voice.as_deref() {
            None => None,
            Some("active") => Some(Voice::Active),
            Some("passive") => Some(Voice::Passive),
            Some(v) => return Err(format!("voice is `active` or `passive`, not `{v}`")),
        },
        negated: p.negated,
        asserted: p.asserted,
        tense: p
            .tense
            .iter()
            .map(|t| match t.as_str() {
                "past" => Ok(Tense::Past),
                "present" => Ok(Tense::Present),
                "future" => Ok(Tense::Future),
                other => Err(format!("tense is past, present or future, not `{other}`")),
            })
            .collect::<Result<_, _>>()?,
    })
}

/// Do the clause predicates hold for the clause containing token `i`?
fn predicates_hold(p: &Predicates, s: &Sentence, i: usize) -> bool {
    if !p.in_roles.is_empty() && !s.clause_chain(i).any(|c| p.in_roles.contains(&c.role)) {
        return false;
    }
    if s.clause_chain(i).any(|c| p.not_in.contains(&c.role)) {
        return false;
    }
    // The innermost clause with a verb speaks for the token.
    let clause = s.clause_chain(i).find(|c| c.verb.is_some());
    let subject = clause.and_then(|c| c.subject_party);
    if !p.subject.is_empty() && !subject.is_some_and(|x| p.subject.contains(&x)) {
        return false;
    }
    if subject.is_some_and(|x| p.not_subject.contains(&x)) {
        return false;
    }
    if !p.subject_words.is_empty() || !p.not_subject_words.is_empty() {
        // The subject's head: its last noun (or word).
        let head = clause.and_then(|c| c.subject).and_then(|(a, b)| {
            s.tokens[a..b]
                .iter()
                .rev()
                .find(|t| {
                    t.is(crate::analysis::Tag::NOUN)
                        || t.is(crate::analysis::Tag::PROPN)
                        || t.is(crate::analysis::Tag::PRON)
                })
                .map(|t| &*t.lower)
        });
        if !p.subject_words.is_empty()
            && !head.is_some_and(|h| p.subject_words.iter().any(|f| f.has(h)))
        {
            return false;
        }
        if head.is_some_and(|h| p.not_subject_words.iter().any(|f| f.has(h))) {
            return false;
        }
    }
    if let Some(want) = p.in_subject {
        let inside = clause
            .and_then(|c| c.subject)
            .is_some_and(|(a, b)| a <= i && i < b);
        if inside != want {
            return false;
        }
    }
    let verb = clause.and_then(|c| c.verb);
    if let Some(want) = p.head
        && verb.is_some_and(|v| v.head == i) != want
    {
        return false;
    }
    if let Some(v) = p.voice
        && verb.map(|g| g.voice) != Some(v)
    {
        return false;
    }
    if let Some(n) = p.negated
        && verb.is_some_and(|g| g.negated) != n
    {
        return false;
    }
    if !p.tense.is_empty() && !verb.is_some_and(|g| p.tense.contains(&g.tense)) {
        return false;
    }
    if let Some(want) = p.asserted
        && asserted(s, i) != want
    {
        return false;
    }
    true
}

/// Does the writer assert the clause containing token `i`? Not when it, or a clause it sits
/// in, is the complement of a negated verb: "we cannot guarantee | that this will not recur",
/// "we do not believe | that any data was taken".
fn asserted(s: &Sentence, i: usize) -> bool {
    !s.clause_chain(i)
        .any(|c| c.role == Role::Complement && c.parent.is_some_and(|p| s.clauses[p].negated()))
}
