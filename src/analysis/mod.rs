//! What sentences say: the layer between the document model and the rules.
//!
//! For every sentence of a [`Document`] it holds tagged tokens ([`token`], [`tagger`]) and
//! clauses with their roles, subjects, voice, modality and negation ([`clause`]); for the
//! document, the writer's own name ([`entities`]). Word families ([`lexicon`]) give rules and
//! element detectors vocabulary by meaning rather than by spelling. Everything is built once
//! per document, on first use, and shared by every rule and detector through [`Context`].
//!
//! This layer knows nothing of rules or policies: those read it, and keep their own
//! per-document views in [`Context::slot`].

pub mod apology;
pub mod clause;
pub mod entities;
pub mod inflect;
pub mod lexicon;
pub mod tagger;
pub mod time;
pub mod token;

pub use clause::{Clause, Party, Role, Tense, Voice};
pub use lexicon::Lexicon;
pub use tagger::Tag;
pub use token::{Token, TokenKind};

use crate::document::Document;
use crate::kind::{Kind, Phase};
use entities::Entities;
use std::any::{Any, TypeId};
use std::sync::{Arc, Mutex, OnceLock};

/// One analysed sentence.
#[derive(Debug, Default)]
pub struct Sentence {
    pub tokens: Vec<Token>,
    pub clauses: Vec<Clause>,
    /// Noun phrases, with who each one is.
    pub chunks: Vec<clause::Chunk>,
    /// Clock times, dates, named days and intervals.
    pub times: Vec<time::When>,
    /// The innermost clause of each token.
    clause_of: Vec<u32>,
}

impl Sentence {
    /// The innermost clause containing token `i`.
    pub fn clause_at(&self, i: usize) -> Option<&Clause> {
        self.clause_of
            .get(i)
            .and_then(|&c| self.clauses.get(c as usize))
    }

    pub fn clause_index_at(&self, i: usize) -> Option<usize> {
        self.clause_of.get(i).map(|&c| c as usize)
    }

    /// The clause containing token `i` and every clause around it, innermost first.
    pub fn clause_chain(&self, i: usize) -> impl Iterator<Item = &Clause> {
        let mut next = self.clause_index_at(i);
        std::iter::from_fn(move || {
            let c = &self.clauses[next?];
            next = c.parent;
            Some(c)
        })
    }

    /// The noun phrase containing token `i`.
    pub fn chunk_at(&self, i: usize) -> Option<&clause::Chunk> {
        let c = self.chunks.partition_point(|c| c.end <= i);
        self.chunks.get(c).filter(|c| c.start <= i)
    }

    /// Who the noun phrase containing token `i` is.
    pub fn party_at(&self, i: usize) -> Option<Party> {
        self.chunk_at(i).map(|c| c.party)
    }

    /// The time expression containing token `i`.
    pub fn when_at(&self, i: usize) -> Option<&time::When> {
        self.times.iter().find(|w| w.start <= i && i < w.end)
    }

    /// Lowercase words, for family and phrase lookups.
    pub fn words(&self) -> Vec<&str> {
        self.tokens.iter().map(|t| &*t.lower).collect()
    }

    /// Index of the first token starting at or after byte `offset`.
    pub fn token_at(&self, offset: usize) -> usize {
        self.tokens.partition_point(|t| t.end <= offset)
    }
}

/// The analysis of a whole document.
#[derive(Debug, Default)]
pub struct Analysis {
    /// Indexed like `Document::sentences`.
    pub sentences: Vec<Sentence>,
    pub entities: Entities,
}

impl Analysis {
    pub fn build(doc: &Document, lex: &Lexicon) -> Analysis {
        let mut sentences: Vec<Sentence> = doc
            .sentences
            .iter()
            .map(|s| Sentence {
                tokens: tag(doc, lex, doc.sentence_text(s), s.start),
                ..Sentence::default()
            })
            .collect();
        let (title_start, title_end) = doc.title_range();
        let title: Vec<usize> = doc
            .sentences
            .iter()
            .enumerate()
            .filter(|(_, s)| s.start < title_end && s.end > title_start)
            .map(|(i, _)| i)
            .collect();
        let token_slices: Vec<&[Token]> = sentences.iter().map(|s| s.tokens.as_slice()).collect();
        let entities = Entities::find(&token_slices, &title);
        for s in &mut sentences {
            let toks = &s.tokens;
            let own = |a: usize, b: usize| entities.is_own(toks, a, b);
            s.clauses = clause::clauses(toks, lex, &own);
            s.chunks = clause::chunks(toks, lex, &own);
            s.times = time::find(toks);
            s.clause_of = innermost(&s.clauses, toks.len());
        }
        Analysis {
            sentences,
            entities,
        }
    }
}

/// For each token, the innermost clause containing it (the one that starts last).
fn innermost(clauses: &[Clause], n: usize) -> Vec<u32> {
    let mut of = vec![0u32; n];
    for (ci, c) in clauses.iter().enumerate() {
        for slot in of.iter_mut().take(c.end.min(n)).skip(c.start) {
            let cur = &clauses[*slot as usize];
            if ci == 0 || c.start >= cur.start && (c.end - c.start) <= (cur.end - cur.start) {
                *slot = ci as u32;
            }
        }
    }
    of
}

/// Tokenises and tags one sentence, marking quoted tokens.
fn tag(doc: &Document, lex: &Lexicon, text: &str, base: usize) -> Vec<Token> {
    let mut toks = token::tokenize(text, base);
    // A long word neither the tagger nor any family knows, one edit from a family word, is
    // read as that word ("technical dificulties"); its span stays the original spelling.
    for t in toks
        .iter_mut()
        .filter(|t| t.is_word() && tagger::lexicon_tag(&t.lower).is_none())
    {
        if let Some(fixed) = lex.correct(&t.lower) {
            t.lower = fixed.into();
        }
    }
    let words: Vec<&str> = toks.iter().map(|t| &*t.lower).collect();
    let tags = tagger::tag_words(&words);
    let first_word = toks.iter().position(|t| t.is_word());
    for (i, (t, tag)) in toks.iter_mut().zip(tags).enumerate() {
        t.tag = tag.or_else(|| match t.kind {
            TokenKind::Word => {
                tagger::guess(&doc.source[t.start..t.end], &t.lower, Some(i) == first_word)
            }
            TokenKind::Number => Some(Tag::NUM),
            TokenKind::Url | TokenKind::Email => Some(Tag::PROPN),
            TokenKind::Punct => Some(Tag::PUNCT),
            TokenKind::Symbol => Some(Tag::SYM),
        });
    }
    correct_tags(&mut toks, lex);
    for q in doc
        .quotations
        .iter()
        .filter(|q| q.start < base + text.len() && q.end > base)
    {
        for t in toks
            .iter_mut()
            .filter(|t| t.start >= q.start && t.end <= q.end)
        {
            t.flags.set(token::Flags::QUOTED);
            if q.attributed {
                t.flags.set(token::Flags::ATTRIBUTED);
            }
        }
    }
    toks
}

/// Fixes the tagger's mistakes that matter for reading clauses:
/// * a word after a determiner or possessive is not a verb ("the root cause", "our review");
///   a participle or "-ing" form there modifies a noun ("the affected accounts");
/// * a sentence that starts with an action verb from `@imperative` addressed to the reader is
///   an instruction ("Email your receipt to …", "Call us on …"), as is the word after "please".
fn correct_tags(toks: &mut [Token], lex: &Lexicon) {
    use clause::MODALS as MODAL_WORDS;
    const DETERMINERS: &[&str] = &[
        "the", "a", "an", "our", "your", "their", "its", "his", "her", "my", "these", "those",
        "each", "every", "any", "no", "another", "'s",
    ];
    for i in 1..toks.len() {
        let verbal = toks[i].is(Tag::VERB) || toks[i].is(Tag::AUX);
        if verbal && DETERMINERS.contains(&&*toks[i - 1].lower) && !clause::is_be(&toks[i].lower) {
            let modifies = toks
                .get(i + 1)
                .is_some_and(|n| n.is(Tag::NOUN) || n.is(Tag::PROPN) || n.is(Tag::ADJ));
            let form = &*toks[i].lower;
            toks[i].tag = Some(
                if modifies && (form.ends_with("ing") || clause::is_participle(&toks[i])) {
                    Tag::ADJ
                } else {
                    Tag::NOUN
                },
            );
        }
    }
    // "the individual is", "the affected were": an adjective ending a noun phrase before a
    // verb is its head noun. "no" in "no longer" is an adverb ("is no longer employed").
    for i in 1..toks.len() {
        let before_verb = toks
            .get(i + 1)
            .is_some_and(|n| n.is(Tag::AUX) || MODAL_WORDS.contains(&&*n.lower));
        // "every admin on shard 4": a word for the people served is a noun there too.
        let person = lex.is("public", &toks[i].lower)
            && toks
                .get(i + 1)
                .is_none_or(|n| !n.is(Tag::NOUN) && !n.is(Tag::PROPN));
        if toks[i].is(Tag::ADJ) && toks[i - 1].is(Tag::DET) && (before_verb || person) {
            toks[i].tag = Some(Tag::NOUN);
        }
        if &*toks[i - 1].lower == "no" && &*toks[i].lower == "longer" {
            toks[i - 1].tag = Some(Tag::ADV);
        }
    }
    // "the e-mail to affected accounts": a participle between "to" and a noun modifies the
    // noun; "to" is a preposition there.
    for i in 1..toks.len() {
        if &*toks[i - 1].lower == "to"
            && toks[i].lower.ends_with("ed")
            && clause::is_participle(&toks[i])
            && toks
                .get(i + 1)
                .is_some_and(|n| n.is(Tag::NOUN) || n.is(Tag::PROPN))
        {
            toks[i].tag = Some(Tag::ADJ);
            toks[i - 1].tag = Some(Tag::ADP);
        }
    }
    // "Messages to Outlook": a capitalised word mid-sentence after a preposition, determiner
    // or comma is a name, not a verb.
    for i in 1..toks.len() {
        if toks[i].is(Tag::VERB)
            && toks[i].capitalized()
            && !toks[i].flags.has(token::Flags::ALL_CAPS)
            && (toks[i - 1].is(Tag::ADP) && &*toks[i - 1].lower != "to"
                || toks[i - 1].is(Tag::DET)
                || &*toks[i - 1].lower == ","
                || &*toks[i - 1].lower == "to"
                    && toks
                        .get(i + 1)
                        .is_some_and(|n| !n.is(Tag::DET) && !n.is(Tag::PRON)))
        {
            toks[i].tag = Some(Tag::PROPN);
        }
    }
    // "the root cause of": a verb- or preposition-tagged word inside a noun phrase before "of"
    // is a noun.
    for i in 2..toks.len() {
        if (toks[i].is(Tag::VERB) || toks[i].is(Tag::ADP) && !lex.is("preposition", &toks[i].lower))
            && (toks[i - 1].is(Tag::NOUN) || toks[i - 1].is(Tag::ADJ))
            && toks[i - 2].is(Tag::DET)
            && toks.get(i + 1).is_some_and(|n| &*n.lower == "of")
        {
            toks[i].tag = Some(Tag::NOUN);
        }
    }
    // "The script now validates the chain", "the University now disables accounts": after a
    // noun phrase and an adverb, a third-person form of a known verb followed by its object is
    // the verb, not a plural noun.
    for i in 2..toks.len() {
        const PREVERBAL: &[&str] = &[
            "now",
            "also",
            "still",
            "automatically",
            "always",
            "only",
            "never",
            "already",
            "routinely",
            "immediately",
            "then",
            "currently",
            "regularly",
            "longer",
            "first",
        ];
        // … or after a relative pronoun: "the queue that hands orders to our processor".
        let relative = matches!(&*toks[i - 1].lower, "that" | "which" | "who");
        let after_subject = (PREVERBAL.contains(&&*toks[i - 1].lower) || relative)
            && (toks[i - 2].is(Tag::NOUN)
                || toks[i - 2].is(Tag::PROPN)
                || toks[i - 2].is(Tag::PRON));
        let object_follows = toks.get(i + 1).is_some_and(|n| {
            n.is(Tag::DET) || n.is(Tag::ADJ) || n.is(Tag::NOUN) || n.is(Tag::PRON) || n.is(Tag::NUM)
        });
        if after_subject
            && object_follows
            && toks[i].is(Tag::NOUN)
            && (is_third_person_verb(&toks[i].lower) || relative && is_plural_shape(&toks[i].lower))
        {
            toks[i].tag = Some(Tag::VERB);
        }
    }
    let first = toks.iter().position(|t| t.is_word());
    // A sentence does not open with a verb in the third person: "Changes to single sign-on will
    // need sign-off" starts with a noun. (Base forms in "-ss", "-us", "-is" are not plurals.)
    let third_person = is_plural_shape;
    if let Some(f) = first
        && toks[f].is(Tag::VERB)
        && third_person(&toks[f].lower)
    {
        toks[f].tag = Some(Tag::NOUN);
    }
    // "Email on LON-3 was not affected", "Live positions are running behind": a first word
    // that heads a noun phrase running into an auxiliary is the subject, not an instruction.
    let noun_subject = first.is_some_and(|f| {
        let mut k = f + 1;
        while k < toks.len() && k <= f + 5 {
            let t = &toks[k];
            if t.is(Tag::AUX) || MODAL_WORDS.contains(&&*t.lower) {
                return k > f + 1 || !t.lower.starts_with('\'');
            }
            let in_phrase = t.is(Tag::NOUN)
                || t.is(Tag::PROPN)
                || t.is(Tag::ADJ)
                || t.is(Tag::NUM)
                || t.is(Tag::ADP) && !matches!(&*t.lower, "to" | "for" | "with" | "about");
            if !in_phrase {
                return false;
            }
            k += 1;
        }
        false
    });
    if let Some(f) = first
        && noun_subject
        && toks[f].is(Tag::VERB)
    {
        toks[f].tag = Some(Tag::NOUN);
    }
    for i in 0..toks.len() {
        // "If a photo shows a placeholder, upload it again": the main clause after a leading
        // conditional or time clause may open with the instruction.
        let after_condition = i > 0 && &*toks[i - 1].lower == "," && {
            // The stretch since the sentence start or a semicolon: "…; if you wrote your own
            // client, retry with backoff".
            let from = toks[..i]
                .iter()
                .rposition(|t| matches!(&*t.lower, ";" | ":"))
                .map_or(0, |p| p + 1);
            let opener = toks[from..i].iter().find(|t| t.is_word());
            opener.is_some_and(|t| {
                matches!(
                    &*t.lower,
                    "if" | "when"
                        | "once"
                        | "after"
                        | "before"
                        | "until"
                        | "unless"
                        | "whenever"
                        | "while"
                )
            }) && toks[from..i].iter().filter(|t| &*t.lower == ",").count() == 1
        };
        let after_please = i > 0 && &*toks[i - 1].lower == "please" && toks[i].is_word();
        // A prohibition: "Do not reply to …", "Don't resend", "Never share your code".
        let prohibited = (i >= 2
            && matches!(&*toks[i - 1].lower, "not" | "n't")
            && &*toks[i - 2].lower == "do"
            && Some(i - 2) == first
            || i >= 1 && &*toks[i - 1].lower == "never" && Some(i - 1) == first)
            && lex.is("imperative", &toks[i].lower);
        let instruction = ((Some(i) == first && !noun_subject || after_condition)
            && lex.is("imperative", &toks[i].lower)
            && !third_person(&toks[i].lower))
            || after_please
            || prohibited;
        let next_fits = toks.get(i + 1).is_none_or(|n| {
            n.is(Tag::DET)
                || n.is(Tag::PRON)
                || n.is(Tag::ADP)
                || n.is(Tag::ADV)
                || n.is(Tag::NUM)
                || n.is(Tag::PART)
                || n.kind != TokenKind::Word
                || n.is(Tag::PROPN)
        });
        // After "please" the word is the instruction whatever follows ("please re-run failed jobs").
        if instruction && (next_fits || after_please) && !toks[i].is(Tag::AUX) {
            toks[i].tag = Some(Tag::VERB);
        }
    }
}

/// "hands", "sends": a word in "-s" that is not a base form in "-ss", "-us" or "-is".
fn is_plural_shape(w: &str) -> bool {
    w.len() > 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
}

/// "validates", "disables", "applies": the third person of a verb (a base the tagger knows as
/// a verb, or a word it does not know at all).
fn is_third_person_verb(w: &str) -> bool {
    let base = |b: &str| {
        matches!(tagger::lexicon_tag(b), Some(Tag::VERB) | None) && tagger::lexicon_tag(w).is_none()
            || tagger::lexicon_tag(b) == Some(Tag::VERB)
    };
    w.strip_suffix("ies")
        .is_some_and(|s| base(&format!("{s}y")))
        || w.strip_suffix("es").is_some_and(&base)
        || w.strip_suffix('s')
            .is_some_and(|s| !s.ends_with('s') && base(s))
}

/// Everything a rule or element detector may read about one document.
pub struct Context<'a> {
    pub doc: &'a Document,
    pub kind: Option<Kind>,
    pub phase: Option<Phase>,
    pub lexicon: &'a Lexicon,
    /// A time zone declared for the whole document (front matter `times_tz`).
    pub times_tz: Option<&'a str>,
    /// The zone the team writes times in (`time_zone` in candor.toml), for fixes.
    pub time_zone: Option<&'a str>,
    analysis: OnceLock<Analysis>,
    /// Per-document views owned by later layers (see [`Context::slot`]).
    slots: Mutex<Vec<(TypeId, Arc<dyn Any + Send + Sync>)>>,
}

impl<'a> Context<'a> {
    pub fn new(
        doc: &'a Document,
        kind: Option<Kind>,
        phase: Option<Phase>,
        lexicon: &'a Lexicon,
    ) -> Self {
        let times_tz = doc
            .front_matter
            .as_ref()
            .and_then(|f| f.times_tz.as_deref());
        Context {
            doc,
            kind,
            phase,
            lexicon,
            times_tz,
            time_zone: None,
            analysis: OnceLock::new(),
            slots: Mutex::new(Vec::new()),
        }
    }

    /// The document's analysis, built on first use.
    pub fn analysis(&self) -> &Analysis {
        self.analysis
            .get_or_init(|| Analysis::build(self.doc, self.lexicon))
    }

    /// Sentence `si`'s analysis.
    pub fn sentence(&self, si: usize) -> &Sentence {
        static EMPTY: Sentence = Sentence {
            tokens: Vec::new(),
            clauses: Vec::new(),
            chunks: Vec::new(),
            times: Vec::new(),
            clause_of: Vec::new(),
        };
        self.analysis().sentences.get(si).unwrap_or(&EMPTY)
    }

    /// Does sentence `si` say that something is not known yet (a word or phrase of
    /// `@unknown`)? False past the last sentence.
    pub fn says_unknown(&self, si: usize) -> bool {
        self.lexicon
            .get("unknown")
            .is_some_and(|f| f.occurs_in(&self.sentence(si).tokens))
    }

    /// A per-document value of type `T`, built once by `init` and shared: how a later layer
    /// (policy, say) keeps its own view of the document without this layer knowing its type.
    pub fn slot<T: Any + Send + Sync>(&self, init: impl FnOnce(&Context<'a>) -> T) -> Arc<T> {
        let id = TypeId::of::<T>();
        let found = self
            .slots
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .find(|(t, _)| *t == id)
            .map(|(_, v)| v.clone());
        if let Some(v) = found {
            return v.downcast::<T>().expect("slot holds its own type");
        }
        // Built outside the lock: `init` may read other slots.
        let value: Arc<dyn Any + Send + Sync> = Arc::new(init(self));
        let mut slots = self.slots.lock().unwrap_or_else(|e| e.into_inner());
        let v = match slots.iter().find(|(t, _)| *t == id) {
            Some((_, existing)) => existing.clone(),
            None => {
                slots.push((id, value.clone()));
                value
            }
        };
        v.downcast::<T>().expect("slot holds its own type")
    }
}
