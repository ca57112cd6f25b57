//! Clauses: where each clause of a sentence starts and ends, what role it plays, who its
//! subject is, and what its verb group says (voice, tense, modality, negation).
//!
//! This is a shallow parse over the Brill tags, not a full syntactic analysis: it finds the
//! words that open clauses ("if", "because", "to" + verb, "which", "that", coordinating
//! "and we …", semicolons and dashes), the verb group of each clause, and the noun phrase before
//! it. It is right often enough to let a rule ask "is this in a purpose clause?" or "is the
//! subject the writer?", which a word pattern cannot.

use super::lexicon::Lexicon;
use super::tagger::Tag;
use super::token::{Token, TokenKind};

/// The role a clause plays in its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// A main clause (or one coordinated with it).
    Main,
    /// "to prevent this", "so that it cannot recur", "toward making sure …".
    Purpose,
    /// "if …", "unless …", "in case …".
    Conditional,
    /// "which …", "who …", "that …" after a noun.
    Relative,
    /// "that …" or "whether …" after a verb or adjective ("we found that …", "ensure that …"),
    /// and "to" + verb after a verb ("we plan to …").
    Complement,
    /// "because …", "since …", "as a result of …" clauses.
    Cause,
    /// "when …", "while …", "after …", "until …".
    Time,
    /// "although …", "even though …".
    Concession,
    /// Words inside quotation marks.
    Quoted,
    /// "(…)".
    Parenthetical,
    /// A question ("Do you need to do anything?").
    Question,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Main => "main",
            Role::Purpose => "purpose",
            Role::Conditional => "conditional",
            Role::Relative => "relative",
            Role::Complement => "complement",
            Role::Cause => "cause",
            Role::Time => "time",
            Role::Concession => "concession",
            Role::Quoted => "quoted",
            Role::Parenthetical => "parenthetical",
            Role::Question => "question",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        [
            Role::Main,
            Role::Purpose,
            Role::Conditional,
            Role::Relative,
            Role::Complement,
            Role::Cause,
            Role::Time,
            Role::Concession,
            Role::Quoted,
            Role::Parenthetical,
            Role::Question,
        ]
        .into_iter()
        .find(|r| r.as_str() == s)
    }
}

/// Who a noun phrase is, as far as a disclosure is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Party {
    /// The writer: "we", "I", "our team", the company's own name, "the County".
    Writer,
    /// Something the writer owns: "our systems", "our failover automation".
    WriterOwned,
    /// The reader: "you", and imperatives addressed to them.
    Reader,
    /// The affected population in the third person: "customers", "users", "some members".
    Customers,
    /// A vendor, provider or partner, by role ("our payment processor") or by name.
    Vendor,
    /// An attacker, thief or other unauthorised actor.
    Attacker,
    /// An individual person: "an employee", "a night-desk editor", "a contractor".
    Individual,
    /// Anything else: a thing, an event, an abstraction.
    Thing,
}

impl Party {
    pub fn as_str(self) -> &'static str {
        match self {
            Party::Writer => "writer",
            Party::WriterOwned => "writer-owned",
            Party::Reader => "reader",
            Party::Customers => "customers",
            Party::Vendor => "vendor",
            Party::Attacker => "attacker",
            Party::Individual => "individual",
            Party::Thing => "thing",
        }
    }

    pub fn parse(s: &str) -> Option<Party> {
        [
            Party::Writer,
            Party::WriterOwned,
            Party::Reader,
            Party::Customers,
            Party::Vendor,
            Party::Attacker,
            Party::Individual,
            Party::Thing,
        ]
        .into_iter()
        .find(|p| p.as_str() == s)
        .or(match s {
            "third-party" => Some(Party::Vendor),
            _ => None,
        })
    }

    /// Someone other than the writer and the reader who could be blamed or who acted.
    pub fn is_third_party(self) -> bool {
        matches!(
            self,
            Party::Vendor | Party::Attacker | Party::Individual | Party::Customers
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Voice {
    Active,
    Passive,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    Past,
    Present,
    Future,
    /// An infinitive or gerund: no tense of its own.
    None,
}

/// The verb group of a clause: auxiliaries, adverbs and negation up to the main verb.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VerbGroup {
    /// Token range of the group.
    pub start: usize,
    pub end: usize,
    /// The main verb (or the copula when there is no other verb: "the impact was minimal").
    pub head: usize,
    pub voice: Voice,
    pub tense: Tense,
    /// The modal auxiliary, if any ("may", "could", "will", "'ll").
    pub modal: Option<usize>,
    pub perfect: bool,
    pub progressive: bool,
    /// "not", "n't" or "never" in the group.
    pub negated: bool,
    /// "be" + adjective or noun with no other verb: "the impact was minimal".
    pub copula: bool,
}

#[derive(Debug, Clone)]
pub struct Clause {
    /// Token range [start, end).
    pub start: usize,
    pub end: usize,
    pub role: Role,
    pub parent: Option<usize>,
    /// The word that opens the clause ("if", "to", "which", "because"), when there is one.
    pub opener: Option<usize>,
    /// Token range of the subject noun phrase, when one is found.
    pub subject: Option<(usize, usize)>,
    pub subject_party: Option<Party>,
    pub verb: Option<VerbGroup>,
    /// For a passive: the agent after "by" ("… was deployed by our team").
    pub agent: Option<(usize, usize)>,
    pub agent_party: Option<Party>,
    /// A predicate coordinated with an earlier clause whose subject it leaves out ("We reversed
    /// the release and | now require review"): that clause's index. It shares its subject.
    pub coordinate_of: Option<usize>,
}

impl Clause {
    pub fn passive(&self) -> bool {
        self.verb.is_some_and(|v| v.voice == Voice::Passive)
    }
    pub fn negated(&self) -> bool {
        self.verb.is_some_and(|v| v.negated)
    }
}

pub const MODALS: &[&str] = &[
    "may", "might", "could", "can", "ca", "will", "would", "shall", "should", "must", "'ll", "wo",
    "sha", "'d",
];
const BE: &[&str] = &[
    "be", "is", "are", "was", "were", "been", "being", "am", "'s", "'re", "'m",
];
const GET: &[&str] = &["get", "gets", "got", "gotten", "getting"];
const HAVE: &[&str] = &["have", "has", "had", "having", "'ve"];
const DO: &[&str] = &["do", "does", "did"];
const NEGATION: &[&str] = &["not", "n't", "never", "no"];

pub fn is_be(w: &str) -> bool {
    BE.contains(&w)
}

/// Adverbs that may sit inside a verb group ("may also have", "was inadvertently sent").
fn is_group_adverb(t: &Token) -> bool {
    t.is(Tag::ADV) && !matches!(&*t.lower, "so" | "then" | "there" | "here" | "how" | "when")
        || matches!(
            &*t.lower,
            "not" | "n't" | "never" | "also" | "still" | "already" | "now"
        )
}

/// A past participle by shape or tag ("deployed", "written", "broken").
pub fn is_participle(t: &Token) -> bool {
    let w = &*t.lower;
    if !t.is_word() || t.is(Tag::PRON) || t.is(Tag::DET) || t.is(Tag::ADP) {
        return false;
    }
    (w.len() > 3
        && w.ends_with("ed")
        && !matches!(
            w,
            "need" | "speed" | "seed" | "feed" | "bleed" | "indeed" | "shed" | "red" | "bed"
        ))
        || super::inflect::is_irregular_participle(w)
}

fn is_verbish(t: &Token) -> bool {
    t.is(Tag::VERB) || t.is(Tag::AUX)
}

/// Words that open a subordinate clause, with the clause's role.
fn opener_role(w: &str) -> Option<Role> {
    Some(match w {
        "if" | "unless" => Role::Conditional,
        "because" | "since" | "as" => Role::Cause,
        "when" | "while" | "after" | "before" | "until" | "once" | "whenever" | "till" => {
            Role::Time
        }
        "although" | "though" | "whereas" => Role::Concession,
        "which" | "who" | "whom" | "whose" => Role::Relative,
        "whether" => Role::Complement,
        _ => return None,
    })
}

/// Verbs after which "to" + verb states an intention or promise, not a purpose
/// ("we plan to", "we promise to", "we are able to").
const INTENTION: &[&str] = &[
    "want",
    "plan",
    "intend",
    "aim",
    "expect",
    "hope",
    "try",
    "need",
    "have",
    "has",
    "had",
    "going",
    "able",
    "unable",
    "decide",
    "decided",
    "agree",
    "agreed",
    "promise",
    "promised",
    "commit",
    "committed",
    "pledge",
    "continue",
    "continues",
    "continued",
    "begin",
    "began",
    "start",
    "started",
    "seem",
    "seems",
    "seemed",
    "appear",
    "appears",
    "appeared",
    "used",
    "likely",
    "unlikely",
    "wish",
    "like",
    "would",
    "'d",
    "ought",
    "supposed",
    "due",
    "set",
    "fail",
    "failed",
    "forgot",
    "managed",
    "tend",
    "chose",
    "choose",
    "ask",
    "asked",
    "allow",
    "allowed",
    "enable",
    "enabled",
    "help",
    "helped",
    "encourage",
    "remind",
    "urge",
    "advise",
    "recommend",
    "wants",
    "plans",
    "intends",
    "aims",
    "expects",
    "hopes",
    "tried",
    "tries",
    "needs",
    "needed",
    "planned",
    "intended",
    "expected",
    "hoped",
    "wanted",
    "sure",
    "able",
    "glad",
    "happy",
    "pleased",
    "sorry",
    "ready",
    "willing",
    "about",
];

/// Words that begin a noun phrase by counting it: "most players", "some customers".
const QUANTIFIERS: &[&str] = &[
    "most", "some", "many", "all", "few", "several", "each", "every", "both", "none", "no", "any",
    "more", "fewer", "half", "nearly", "almost",
];

/// Verbs that report or judge a clause, with or without "that".
const REPORTING: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "tell",
    "informed",
    "informs",
    "reported",
    "reports",
    "confirmed",
    "confirms",
    "stated",
    "states",
    "believe",
    "believes",
    "believed",
    "think",
    "thinks",
    "thought",
    "found",
    "finds",
    "know",
    "knows",
    "knew",
    "learned",
    "learnt",
    "understand",
    "understands",
    "understood",
    "noticed",
    "discovered",
    "determined",
    "indicated",
    "indicates",
    "suggest",
    "suggests",
    "suggested",
    "show",
    "shows",
    "showed",
    "explained",
    "added",
    "claimed",
    "claims",
    "assured",
    "warned",
    "advised",
    "realised",
    "realized",
    "expect",
    "expects",
    "estimate",
    "estimates",
    "suspect",
    "suspects",
    "hope",
];

/// Splits a tagged sentence into clauses.
pub fn clauses(toks: &[Token], lex: &Lexicon, own: &dyn Fn(usize, usize) -> bool) -> Vec<Clause> {
    let mut out = split(toks);
    for ci in 0..out.len() {
        analyse(&mut out, ci, toks, lex, own);
    }
    inherit_subjects(&mut out);
    out
}

/// Where each clause starts and ends and what role it plays, before any clause is analysed.
fn split(toks: &[Token]) -> Vec<Clause> {
    let mut splitter = Splitter::new(toks);
    let mut i = 0;
    while i < toks.len() {
        i = splitter.step(i);
    }
    splitter.finish()
}

/// The lower-cased word at `i`, or "" past the end.
fn word(toks: &[Token], i: usize) -> &str {
    toks.get(i).map_or("", |t| &*t.lower)
}

/// The clauses found so far and those still open, read one token at a time.
struct Splitter<'t> {
    toks: &'t [Token],
    out: Vec<Clause>,
    /// The stack of open clauses (indices into `out`); the bottom is a main clause.
    stack: Vec<usize>,
}

impl<'t> Splitter<'t> {
    fn new(toks: &'t [Token]) -> Splitter<'t> {
        let mut out = vec![new_clause(0, Role::Main, None, None)];
        // A question: the sentence ends with "?" and starts with an auxiliary or wh-word.
        if toks.last().is_some_and(|t| &*t.lower == "?") {
            out[0].role = Role::Question;
        }
        Splitter {
            toks,
            out,
            stack: vec![0],
        }
    }

    /// Reads the token at `i` and returns where to read next. The first stage that opens or
    /// ends a clause at `i` decides; when none does, the token may still close open clauses.
    fn step(&mut self, i: usize) -> usize {
        let next = self
            .quotation(i)
            .or_else(|| self.strong_punctuation(i))
            .or_else(|| self.parenthesis(i))
            .or_else(|| self.purpose_phrase(i))
            .or_else(|| self.infinitive(i))
            .or_else(|| self.gerund_aim(i))
            .or_else(|| self.reported_clause(i))
            .or_else(|| self.that_clause(i))
            .or_else(|| self.subordinate_opener(i))
            .or_else(|| self.coordination(i));
        if let Some(next) = next {
            return next;
        }
        self.end_relative_in_subject(i);
        self.end_at_comma(i);
        i + 1
    }

    /// Closes every clause at the end of the sentence and drops the empty ones.
    fn finish(mut self) -> Vec<Clause> {
        let n = self.toks.len();
        close_to(&mut self.out, &mut self.stack, 0, n);
        if let Some(c) = self.out.first_mut() {
            c.end = n;
        }
        self.out.retain(|c| c.start < c.end || c.start == 0);
        self.out
    }

    fn push(&mut self, start: usize, role: Role, opener: Option<usize>) {
        push(&mut self.out, &mut self.stack, start, role, opener);
    }

    /// Quotations of four words or more are someone's words: a clause of their own.
    fn quotation(&mut self, i: usize) -> Option<usize> {
        let toks = self.toks;
        if !toks[i].quoted() || (i > 0 && toks[i - 1].quoted()) {
            return None;
        }
        let mut j = i;
        while j < toks.len() && toks[j].quoted() {
            j += 1;
        }
        if j - i < 4 {
            return None;
        }
        close_to(&mut self.out, &mut self.stack, 1, i);
        self.push(i, Role::Quoted, None);
        close_to(&mut self.out, &mut self.stack, 1, j);
        Some(j)
    }

    /// Strong punctuation ends every open clause: a new main-level clause follows.
    fn strong_punctuation(&mut self, i: usize) -> Option<usize> {
        if !matches!(word(self.toks, i), ";" | ":" | "—" | "–" | "--") || i + 1 >= self.toks.len()
        {
            return None;
        }
        close_to(&mut self.out, &mut self.stack, 0, i + 1);
        let role = self.out[0].role;
        start_sibling(&mut self.out, &mut self.stack, i + 1, role);
        Some(i + 1)
    }

    /// "(" opens a parenthetical; ")" ends it and every clause opened inside it.
    fn parenthesis(&mut self, i: usize) -> Option<usize> {
        match word(self.toks, i) {
            "(" => self.push(i, Role::Parenthetical, Some(i)),
            ")" => {
                if let Some(pos) = self
                    .stack
                    .iter()
                    .rposition(|&c| self.out[c].role == Role::Parenthetical)
                {
                    close_to(&mut self.out, &mut self.stack, pos, i + 1);
                    // Close the parenthetical itself.
                    let c = self.stack.pop().unwrap_or(0);
                    self.out[c].end = i + 1;
                    if self.stack.is_empty() {
                        self.stack.push(0);
                    }
                }
            }
            _ => return None,
        }
        Some(i + 1)
    }

    /// "so that", "in order to", "in order that", "so as to": purpose.
    fn purpose_phrase(&mut self, i: usize) -> Option<usize> {
        let toks = self.toks;
        let w = |k: usize| word(toks, k);
        let skip = if w(i) == "so" && w(i + 1) == "that" {
            2
        } else if (w(i) == "in" && w(i + 1) == "order" && matches!(w(i + 2), "to" | "that"))
            || (w(i) == "so" && w(i + 1) == "as" && w(i + 2) == "to")
        {
            3
        } else {
            return None;
        };
        end_finished_subordinate(&mut self.out, &mut self.stack, toks, i);
        self.push(i, Role::Purpose, Some(i));
        Some(i + skip)
    }

    /// "to" + verb: an infinitive clause.
    fn infinitive(&mut self, i: usize) -> Option<usize> {
        let toks = self.toks;
        let noun_compound = toks
            .get(i + 2)
            .is_some_and(|n| n.is(Tag::NOUN) || n.is(Tag::PROPN))
            && toks
                .get(i + 1)
                .is_some_and(|nx| super::tagger::lexicon_tag(&nx.lower) == Some(Tag::NOUN));
        if word(toks, i) != "to" || noun_compound || !toks.get(i + 1).is_some_and(starts_infinitive)
        {
            return None;
        }
        let prev = i.checked_sub(1).map(|p| &toks[p]);
        let role = match prev {
            Some(p) if INTENTION.contains(&&*p.lower) => Role::Complement,
            // "working to ensure", "are committed to making": effort towards an aim.
            Some(p)
                if is_verbish(p)
                    && !matches!(&*p.lower, "working" | "work" | "works" | "worked") =>
            {
                Role::Complement
            }
            _ => Role::Purpose,
        };
        self.push(i, role, Some(i));
        Some(i + 1)
    }

    /// "toward(s) making sure …", "for ensuring …": a gerund aim.
    fn gerund_aim(&mut self, i: usize) -> Option<usize> {
        let toks = self.toks;
        let aim = matches!(word(toks, i), "toward" | "towards" | "for")
            && toks
                .get(i + 1)
                .is_some_and(|nx| nx.lower.ends_with("ing") && is_verbish(nx))
            && matches!(
                &*toks[i + 1].lower,
                "making" | "ensuring" | "preventing" | "guaranteeing" | "avoiding" | "stopping"
            );
        if !aim {
            return None;
        }
        self.push(i, Role::Purpose, Some(i));
        Some(i + 1)
    }

    /// A clause reported or judged with no "that": "Meridian has told us the attacker may
    /// have viewed …", "we believe the drive was encrypted", "our records show you …".
    fn reported_clause(&mut self, i: usize) -> Option<usize> {
        let toks = self.toks;
        let t = &toks[i];
        if !(t.is(Tag::VERB) || t.is(Tag::AUX)) || !REPORTING.contains(&&*t.lower) {
            return None;
        }
        let mut j = i + 1;
        if matches!(
            word(toks, j),
            "us" | "me" | "them" | "you" | "him" | "her" | "everyone"
        ) {
            j += 1;
        }
        if j >= toks.len() || word(toks, j) == "that" || !clause_follows_with_subject(toks, j) {
            return None;
        }
        self.push(j, Role::Complement, None);
        Some(j)
    }

    /// "that": a relative clause after a noun, a complement after a verb or adjective.
    fn that_clause(&mut self, i: usize) -> Option<usize> {
        let toks = self.toks;
        if word(toks, i) != "that" || i == 0 || !clause_follows(toks, i + 1) {
            return None;
        }
        self.push(i, that_role(&toks[i - 1]), Some(i));
        Some(i + 1)
    }

    /// A subordinating word ("if", "because", "when", "which", …) that opens a clause here.
    fn subordinate_opener(&mut self, i: usize) -> Option<usize> {
        let toks = self.toks;
        let w = |k: usize| word(toks, k);
        let lw = w(i);
        // "have since been re-sent", "has since recovered": an adverb, not an opener.
        let after_aux = i > 0 && (HAVE.contains(&w(i - 1)) || BE.contains(&w(i - 1)));
        let role = opener_role(lw).filter(|_| !(after_aux && matches!(lw, "since" | "once")))?;
        if !opens_clause(toks, i, role) {
            return None;
        }
        end_finished_subordinate(&mut self.out, &mut self.stack, toks, i);
        // "even though", "even if"
        let start = if i > 0 && w(i - 1) == "even" {
            i - 1
        } else {
            i
        };
        self.push(start, role, Some(i));
        Some(i + 1)
    }

    /// Coordination: "and we …", ", but the …", "so our …": a new clause of the same role.
    /// A coordinated predicate ("… and now require review") is one too, sharing the subject.
    fn coordination(&mut self, i: usize) -> Option<usize> {
        let toks = self.toks;
        let t = &toks[i];
        let lw = &*t.lower;
        let cur = *self.stack.last().unwrap();
        let comma = i > 0 && word(toks, i - 1) == ",";
        let with_subject = (t.is(Tag::CCONJ) || (lw == "so" && comma))
            && clause_follows_with_subject(toks, i + 1)
            && (comma
                || toks.get(i + 1).is_some_and(|n| {
                    n.is(Tag::PRON) || n.is(Tag::DET) || QUANTIFIERS.contains(&&*n.lower)
                }));
        let predicate = !with_subject
            && t.is(Tag::CCONJ)
            && lw != "nor"
            && predicate_follows(toks, self.out[cur].start, i);
        if !(with_subject || predicate) || !has_finite_verb(toks, self.out[cur].start, i) {
            return None;
        }
        // After a comma the new clause coordinates with the main clause ("…, and we
        // retried"); without one, with the clause it follows ("that X failed and Y …").
        if comma {
            close_to(&mut self.out, &mut self.stack, 1, i);
        } else {
            close_top(&mut self.out, &mut self.stack, i);
        }
        let top = *self.stack.last().unwrap();
        if self.stack.len() == 1 {
            self.out[top].end = i;
            let role = self.out[top].role;
            start_sibling(&mut self.out, &mut self.stack, i + 1, role);
        } else {
            let (role, parent) = (self.out[cur].role, self.out[cur].parent);
            let c = self.out.len();
            self.out.push(new_clause(i + 1, role, parent, None));
            self.stack.push(c);
        }
        if predicate {
            let c = self.out.len() - 1;
            self.out[c].coordinate_of = Some(top);
        }
        Some(i + 1)
    }

    /// A relative clause inside the subject ends where the main verb group starts: "Loans
    /// that were due to expire during the outage | have been extended".
    /// So does one whose own verb ends right before it: "Members who already renewed | do
    /// not need to do anything".
    fn end_relative_in_subject(&mut self, i: usize) {
        let toks = self.toks;
        let t = &toks[i];
        let at_verb_group = self.stack.len() > 1
            && i > 0
            && (t.is(Tag::AUX) || MODALS.contains(&&*t.lower))
            && (toks[i - 1].is(Tag::NOUN)
                || toks[i - 1].is(Tag::PROPN)
                || toks[i - 1].is(Tag::ADV)
                || toks[i - 1].is(Tag::VERB) && !toks[i - 1].lower.ends_with("ing"));
        if !at_verb_group {
            return;
        }
        let out = &self.out;
        let stack = &self.stack;
        let top = *stack.last().unwrap();
        let parent_has_verb = out[top]
            .parent
            .is_some_and(|p| has_finite_verb(toks, out[p].start, out[top].start));
        if !matches!(out[top].role, Role::Relative | Role::Complement)
            || parent_has_verb
            || !has_finite_verb(toks, out[top].opener.map_or(out[top].start, |o| o + 1), i)
        {
            return;
        }
        // Close every clause opened inside the subject.
        let mut k = stack.len() - 1;
        while k > 0 && !has_finite_verb(toks, out[stack[k - 1]].start, out[stack[k]].start) {
            k -= 1;
            if out[stack[k]].parent.is_none() {
                break;
            }
        }
        close_to(&mut self.out, &mut self.stack, k.max(1), i);
    }

    /// A comma after a subordinate clause's verb ends it: "If the job fails, we retry",
    /// "…, which let diners order, …". A comma inside a list before the verb does not.
    fn end_at_comma(&mut self, i: usize) {
        let toks = self.toks;
        if word(toks, i) != "," || self.stack.len() <= 1 {
            return;
        }
        let top = *self.stack.last().unwrap();
        let closes = match self.out[top].role {
            Role::Conditional
            | Role::Cause
            | Role::Time
            | Role::Concession
            | Role::Purpose
            | Role::Relative => true,
            Role::Complement => clause_follows_with_subject(toks, i + 1),
            _ => false,
        };
        let c = &self.out[top];
        if closes && has_verb(toks, c.opener.map_or(c.start, |o| o + 1), i) {
            close_top(&mut self.out, &mut self.stack, i);
            self.end_fronted_clauses(i);
        }
    }

    /// A fronted adverbial clause ends at the same comma when the main clause has no verb
    /// yet: "If you paid because your ticket failed, | email your receipt".
    fn end_fronted_clauses(&mut self, i: usize) {
        let toks = self.toks;
        while self.stack.len() > 1 {
            let top = &self.out[*self.stack.last().unwrap()];
            let fronted = matches!(
                top.role,
                Role::Conditional | Role::Time | Role::Concession | Role::Cause
            ) && top
                .parent
                .is_some_and(|p| !has_finite_verb(toks, self.out[p].start, top.start));
            if !fronted || !has_verb(toks, top.opener.map_or(top.start, |o| o + 1), i) {
                break;
            }
            close_top(&mut self.out, &mut self.stack, i);
        }
    }
}

/// The role of a "that" clause from the word before it: after most nouns it relates ("the
/// job that failed"), after nouns of evidence or belief and everything else it complements.
fn that_role(prev: &Token) -> Role {
    if prev.is(Tag::NOUN) || prev.is(Tag::PROPN) || prev.is(Tag::NUM) {
        if matches!(
            &*prev.lower,
            "evidence"
                | "indication"
                | "sign"
                | "reason"
                | "fact"
                | "possibility"
                | "chance"
                | "belief"
                | "risk"
                | "assurance"
                | "guarantee"
                | "promise"
                | "confirmation"
                | "news"
        ) {
            Role::Complement
        } else {
            Role::Relative
        }
    } else {
        // After a verb that takes a "that" clause, an adverb, a comma or anything else.
        Role::Complement
    }
}

/// Whether an opener word at `i` with `role` starts a clause here, rather than being a
/// preposition ("since October") or part of a fixed phrase ("as well").
fn opens_clause(toks: &[Token], i: usize, role: Role) -> bool {
    let lw = word(toks, i);
    let valid = match role {
        // "which" / "who" also ask questions; after a noun or comma they relate.
        Role::Relative => i > 0,
        // "as" is causal only before a clause with its own subject ("as we …").
        Role::Cause if lw == "as" => clause_follows_with_subject(toks, i + 1),
        // "since October", "after the update", "before 10:00", "as a precaution":
        // prepositions unless a clause follows.
        Role::Time | Role::Cause => clause_follows(toks, i + 1),
        _ => true,
    };
    // "as well", "as soon as", "as part of": not clause openers.
    valid
        && !(lw == "as"
            && matches!(
                word(toks, i + 1),
                "well"
                    | "soon"
                    | "part"
                    | "a"
                    | "an"
                    | "the"
                    | "long"
                    | "much"
                    | "many"
                    | "of"
                    | "far"
                    | "expected"
                    | "planned"
                    | "needed"
                    | "appropriate"
                    | "possible"
                    | "usual"
            ))
}

/// Clauses with no subject of their own take one from the clause they depend on.
fn inherit_subjects(out: &mut [Clause]) {
    // A coordinated predicate shares the subject of the clause it is coordinated with.
    for ci in 0..out.len() {
        if out[ci].subject.is_none()
            && let Some(p) = out[ci].coordinate_of
        {
            out[ci].subject = out[p].subject;
            out[ci].subject_party = out[p].subject_party;
        }
    }
    // Infinitive and gerund clauses take their subject from the clause they attach to
    // ("We are adding checks to prevent this": the preventing is ours).
    for ci in 0..out.len() {
        if out[ci].subject.is_none()
            && matches!(out[ci].role, Role::Purpose | Role::Complement)
            && let Some(p) = out[ci].parent
        {
            out[ci].subject_party = out[p].subject_party;
        }
    }
}

fn new_clause(start: usize, role: Role, parent: Option<usize>, opener: Option<usize>) -> Clause {
    Clause {
        start,
        end: start,
        role,
        parent,
        opener,
        subject: None,
        subject_party: None,
        verb: None,
        agent: None,
        agent_party: None,
        coordinate_of: None,
    }
}

fn push(
    out: &mut Vec<Clause>,
    stack: &mut Vec<usize>,
    start: usize,
    role: Role,
    opener: Option<usize>,
) -> usize {
    let parent = stack.last().copied();
    let c = out.len();
    out.push(new_clause(start, role, parent, opener));
    stack.push(c);
    c
}

/// Closes the innermost clause at token `end`.
fn close_top(out: &mut [Clause], stack: &mut Vec<usize>, end: usize) {
    if stack.len() > 1 {
        let c = stack.pop().unwrap();
        out[c].end = end;
    }
}

/// Closes open clauses until `keep` remain on the stack.
fn close_to(out: &mut [Clause], stack: &mut Vec<usize>, keep: usize, end: usize) {
    while stack.len() > keep.max(1) {
        close_top(out, stack, end);
    }
    if keep == 0 {
        let c = stack[0];
        out[c].end = end;
    }
}

/// After strong punctuation: a new clause at the same level as the first one.
fn start_sibling(out: &mut Vec<Clause>, stack: &mut Vec<usize>, start: usize, role: Role) {
    let c = out.len();
    out.push(new_clause(start, role, None, None));
    stack.clear();
    stack.push(c);
}

/// Before a new subordinate opener: a subordinate clause that already has its verb and ends
/// in a comma is finished ("Because X failed, if Y …").
fn end_finished_subordinate(out: &mut [Clause], stack: &mut Vec<usize>, toks: &[Token], i: usize) {
    if stack.len() > 1
        && i > 0
        && &*toks[i - 1].lower == ","
        && let Some(&top) = stack.last()
        && matches!(
            out[top].role,
            Role::Conditional | Role::Cause | Role::Time | Role::Concession
        )
        && has_verb(toks, out[top].start, i)
    {
        close_top(out, stack, i);
    }
}

fn starts_infinitive(t: &Token) -> bool {
    // "to Outlook", "to Acme": a name, not a verb.
    if t.capitalized() {
        return false;
    }
    (t.is(Tag::VERB) || t.is(Tag::AUX))
        && !t.lower.ends_with("ing")
        && !(t.lower.ends_with("ed") && t.lower.len() > 4)
        || matches!(
            &*t.lower,
            "be" | "make" | "ensure" | "prevent" | "avoid" | "help" | "keep" | "stop" | "protect"
        )
}

/// A finite verb in `[start, end)`: an auxiliary, or a verb that is not an "-ing" form.
fn has_finite_verb(toks: &[Token], start: usize, end: usize) -> bool {
    toks[start.min(end)..end]
        .iter()
        .any(|t| t.is(Tag::AUX) || t.is(Tag::VERB) && !t.lower.ends_with("ing"))
}

fn has_verb(toks: &[Token], start: usize, end: usize) -> bool {
    toks[start.min(end)..end].iter().any(is_verbish)
}

/// Does a finite clause start at `i` (a verb within the next few words, before punctuation)?
fn clause_follows(toks: &[Token], i: usize) -> bool {
    for t in toks.iter().skip(i).take(12) {
        if matches!(&*t.lower, "," | ";" | ":" | "." | "—" | "(" | ")") {
            return false;
        }
        if is_verbish(t) && !t.lower.ends_with("ing") || is_participle(t) && !t.is(Tag::ADJ) {
            return true;
        }
    }
    false
}

/// Does a predicate with its subject left out follow the conjunction at `i` ("… and now
/// require review", "… but will not publish")? Not a participle after a passive ("was stolen
/// and used": one verb group) and not a noun the tagger read as a verb before a verb of its own.
fn predicate_follows(toks: &[Token], clause_start: usize, i: usize) -> bool {
    let mut j = i + 1;
    while j < toks.len() && j <= i + 2 && toks[j].is(Tag::ADV) && !is_verbish(&toks[j]) {
        j += 1;
    }
    let Some(v) = toks.get(j) else {
        return false;
    };
    let finite = v.is(Tag::VERB) && !v.lower.ends_with("ing") && !v.is(Tag::ADJ)
        || MODALS.contains(&&*v.lower);
    if !finite || v.capitalized() && j > 0 {
        return false;
    }
    // A participle after a passive group continues that group.
    let participle = is_participle(v) && !MODALS.contains(&&*v.lower);
    let group_aux = toks[clause_start..i]
        .iter()
        .any(|t| t.is(Tag::AUX) && is_be(&t.lower));
    if participle && group_aux {
        return false;
    }
    // The previous word group must be a verb phrase, not a list of nouns ("tests and builds").
    toks[clause_start..i]
        .iter()
        .any(|t| t.is(Tag::VERB) && !t.lower.ends_with("ing") || t.is(Tag::AUX))
}

/// Does a clause with its own subject start at `i` ("we retry it", "the job stopped")?
fn clause_follows_with_subject(toks: &[Token], i: usize) -> bool {
    let Some(first) = toks.get(i) else {
        return false;
    };
    let nominal = QUANTIFIERS.contains(&&*first.lower)
        || first.is(Tag::PRON)
        || first.is(Tag::DET)
        || first.is(Tag::PROPN)
        || first.is(Tag::NOUN)
        || first.is(Tag::NUM)
        || first.is(Tag::ADJ);
    if !nominal || matches!(&*first.lower, "what" | "how") {
        return false;
    }
    // A subject pronoun is enough; otherwise a verb must follow the noun phrase.
    if matches!(
        &*first.lower,
        "we" | "i" | "you" | "they" | "he" | "she" | "it"
    ) {
        return toks
            .get(i + 1)
            .is_some_and(|t| is_verbish(t) || is_group_adverb(t));
    }
    for t in toks.iter().skip(i + 1).take(8) {
        if matches!(&*t.lower, "," | ";" | ":" | "." | "and" | "or" | "but") {
            return false;
        }
        if is_verbish(t) && !t.is(Tag::ADJ) {
            return !t.lower.ends_with("ing") || is_be(&t.lower);
        }
    }
    false
}

/// Finds the verb group, the subject and the agent of clause `ci`.
fn analyse(
    out: &mut [Clause],
    ci: usize,
    toks: &[Token],
    lex: &Lexicon,
    own: &dyn Fn(usize, usize) -> bool,
) {
    let end = out[ci].end.min(toks.len());
    // Tokens of nested clauses are not this clause's.
    let nested: Vec<(usize, usize)> = out
        .iter()
        .filter(|c| c.parent == Some(ci))
        .map(|c| (c.start, c.end))
        .collect();
    let own_token = |i: usize| !nested.iter().any(|&(s, e)| i >= s && i < e);
    let body_start = body_start(&out[ci], toks, end);
    let Some(vg) = verb_group(toks, body_start, end, &own_token) else {
        return;
    };
    out[ci].verb = Some(vg);
    if let Some((s, e)) = subject(&out[ci], toks, lex, vg, body_start, &nested) {
        out[ci].subject = Some((s, e));
        out[ci].subject_party = Some(party(toks, s, e, lex, own));
    } else if imperative(&out[ci], toks, vg, body_start, &own_token) {
        // The reader is told to act ("Change your password."). Its verb is a base form,
        // whatever the tagger made of "reset" or "re-run".
        out[ci].subject_party = Some(Party::Reader);
        if let Some(v) = out[ci].verb.as_mut()
            && v.tense == Tense::Past
            && !v.negated
        {
            v.tense = Tense::Present;
        }
    }
    if vg.voice == Voice::Passive
        && let Some((s, e)) = agent(toks, vg, end, &own_token)
    {
        out[ci].agent = Some((s, e));
        out[ci].agent_party = Some(party(toks, s, e, lex, own));
    }
}

/// Where a clause's own words start: after its opener ("so that", "in order to", "even
/// though").
fn body_start(c: &Clause, toks: &[Token], end: usize) -> usize {
    c.opener.map_or(c.start, |o| {
        let mut b = o + 1;
        while b < end
            && matches!(&*toks[b].lower, "that" | "order" | "to" | "as")
            && b <= o + 2
            && c.role == Role::Purpose
        {
            b += 1;
        }
        b
    })
}

/// The clause's subject: the antecedent of a relative pronoun right before the verb
/// ("customers who ignored …"), else the noun phrase before the verb group, outside any
/// clause nested before the verb ("If a payment failed, | call us").
fn subject(
    c: &Clause,
    toks: &[Token],
    lex: &Lexicon,
    vg: VerbGroup,
    body_start: usize,
    nested: &[(usize, usize)],
) -> Option<(usize, usize)> {
    if let Some(o) = c.opener
        && c.role == Role::Relative
        && matches!(&*toks[o].lower, "which" | "who" | "that")
        && vg.start <= o + 2
    {
        return antecedent(toks, o);
    }
    let from = nested
        .iter()
        .filter(|&&(s, e)| {
            s >= body_start
                && e <= vg.start
                && !toks[s..e]
                    .first()
                    .is_some_and(|t| matches!(&*t.lower, "who" | "which" | "that" | "whose" | "("))
        })
        .map(|&(_, e)| e)
        .max()
        .unwrap_or(body_start);
    subject_before(toks, from, vg.start, lex)
}

/// A main clause without a subject that starts with a verb's base form: an instruction to
/// the reader. "Update (10:15):" and "Update: …" are labels, not instructions.
fn imperative(
    c: &Clause,
    toks: &[Token],
    vg: VerbGroup,
    body_start: usize,
    own_token: &dyn Fn(usize) -> bool,
) -> bool {
    c.opener.is_none()
        && c.coordinate_of.is_none()
        && c.parent.is_none()
        && first_own_word(toks, body_start, vg.start, own_token)
        && !toks
            .get(vg.end)
            .is_some_and(|t| matches!(&*t.lower, "(" | ":" | "-" | "–" | "—"))
        && toks.get(vg.start).is_some_and(|t| {
            t.is(Tag::VERB) && !t.lower.ends_with("ed") && !t.lower.ends_with("ing")
        })
}

/// The agent of a passive verb group: "by" and the noun phrase after it, within a few words
/// of the participle and before any clause punctuation.
fn agent(
    toks: &[Token],
    vg: VerbGroup,
    end: usize,
    own_token: &dyn Fn(usize) -> bool,
) -> Option<(usize, usize)> {
    let mut j = vg.end;
    while j < end && j < vg.end + 6 {
        if &*toks[j].lower == "by" && own_token(j) {
            let np_end = np_end(toks, j + 1, end);
            return (np_end > j + 1).then_some((j + 1, np_end));
        }
        if matches!(&*toks[j].lower, "," | ";" | ".") {
            return None;
        }
        j += 1;
    }
    None
}

/// Is the verb group at `vg` the first word of the clause's own tokens, after "please", list
/// punctuation and any clause nested before it ("If it fails, | please retry")?
fn first_own_word(toks: &[Token], start: usize, vg: usize, mine: &dyn Fn(usize) -> bool) -> bool {
    (start..vg).all(|k| {
        !mine(k)
            || !toks[k].is_word()
            || matches!(
                &*toks[k].lower,
                "please" | "then" | "also" | "just" | "simply"
            )
    })
}

/// The verb group of the clause in `[start, end)` among tokens for which `mine` holds: the
/// first auxiliary or finite verb. An "-ing" form or a participle right after a noun modifies
/// that noun ("diners placing orders were unable …", "every ticket issued after 6:12 failed")
/// and is the head only when the clause has no finite verb.
fn verb_group(
    toks: &[Token],
    start: usize,
    end: usize,
    mine: &dyn Fn(usize) -> bool,
) -> Option<VerbGroup> {
    let mut fallback = None;
    for i in start..end {
        let t = &toks[i];
        // Quoted words are mentioned, not used: "reports marked “Failed” …".
        if !mine(i) || t.quoted() {
            continue;
        }
        let w = &*t.lower;
        let aux_like = MODALS.contains(&w)
            && (t.is(Tag::AUX) || t.is(Tag::VERB) || matches!(w, "'ll" | "ca" | "wo" | "'d"))
            || BE.contains(&w) && (t.is(Tag::AUX) || t.is(Tag::VERB) || w != "'s")
            || HAVE.contains(&w) && (t.is(Tag::AUX) || t.is(Tag::VERB))
            || DO.contains(&w) && (t.is(Tag::AUX) || t.is(Tag::VERB))
            || GET.contains(&w) && toks.get(i + 1).is_some_and(is_participle);
        if aux_like {
            return Some(read_group(toks, i, end));
        }
        let after_noun = i > start
            && (toks[i - 1].is(Tag::NOUN)
                || toks[i - 1].is(Tag::PROPN)
                || toks[i - 1].is(Tag::NUM));
        let before_noun = toks
            .get(i + 1)
            .is_some_and(|n| n.is(Tag::NOUN) || n.is(Tag::PROPN));
        // "a drive containing scanned court filings": a participle after an "-ing" form,
        // before its noun, modifies that noun. "payroll export files … were made": a base
        // form between nouns, when an auxiliary follows, is a noun.
        let chained =
            i > start && toks[i - 1].lower.ends_with("ing") && is_participle(t) && before_noun;
        let compound = after_noun
            && before_noun
            && !is_participle(t)
            && !w.ends_with("ing")
            && (i + 2..end)
                .any(|k| mine(k) && (toks[k].is(Tag::AUX) || BE.contains(&&*toks[k].lower)));
        let modifier = w.ends_with("ing")
            || chained
            || compound
            || (after_noun
                && is_participle(t)
                && i + 1 < end
                && !toks[i + 1].is(Tag::DET)
                && !toks[i + 1].is(Tag::PRON));
        if t.is(Tag::VERB) {
            if modifier {
                fallback.get_or_insert(i);
                continue;
            }
            return Some(read_group(toks, i, end));
        }
    }
    fallback.map(|i| read_group(toks, i, end))
}

/// Reads a verb group starting at `i`.
fn read_group(toks: &[Token], i: usize, end: usize) -> VerbGroup {
    let mut reader = GroupReader::new(toks, i, end);
    let mut j = i;
    while j < end {
        match reader.read(j) {
            Step::Next => j += 1,
            Step::Stop => break,
            Step::Copula(group) => return group,
        }
    }
    reader.finish(j)
}

/// What reading one word of a verb group decided.
enum Step {
    /// The word belongs to the group: read the next one.
    Next,
    /// The group ended before this word.
    Stop,
    /// A copula ended the group: "the impact was minimal".
    Copula(VerbGroup),
}

/// What the words of a verb group read so far say, one word at a time.
struct GroupReader<'t> {
    toks: &'t [Token],
    start: usize,
    end: usize,
    modal: Option<usize>,
    perfect: bool,
    progressive: bool,
    negated: bool,
    /// The last auxiliary read was a form of "be" (or "get"): a participle after it is passive.
    be_last: bool,
    get_last: bool,
    future: bool,
    past: bool,
    head: usize,
    saw_main: bool,
}

impl<'t> GroupReader<'t> {
    fn new(toks: &'t [Token], start: usize, end: usize) -> GroupReader<'t> {
        GroupReader {
            toks,
            start,
            end,
            modal: None,
            perfect: false,
            progressive: false,
            negated: false,
            be_last: false,
            get_last: false,
            future: false,
            past: false,
            head: start,
            saw_main: false,
        }
    }

    /// Reads the word at `j`: negation, adverbs, modals, "have", "be"/"get" and "do"
    /// auxiliaries, and finally the main verb, after which only negation and adverbs follow.
    fn read(&mut self, j: usize) -> Step {
        let t = &self.toks[j];
        let w = &*t.lower;
        if NEGATION.contains(&w) && w != "no" {
            self.negated = true;
            return Step::Next;
        }
        if j > self.start && is_group_adverb(t) && !self.saw_main {
            return Step::Next;
        }
        if self.saw_main {
            return Step::Stop;
        }
        if self.modal(j) || self.perfect_have(j) {
            return Step::Next;
        }
        if BE.contains(&w) || GET.contains(&w) {
            return self.be_or_get(j);
        }
        if self.do_support(j) {
            return Step::Next;
        }
        self.main_verb(j);
        Step::Next
    }

    /// A modal auxiliary ("may", "will", "'ll"): the group's modality, and its future or past.
    fn modal(&mut self, j: usize) -> bool {
        let t = &self.toks[j];
        let w = &*t.lower;
        let is_modal = MODALS.contains(&w) && j == self.start
            || (MODALS.contains(&w) && self.modal.is_none() && !self.be_last && !self.perfect)
                && (t.is(Tag::AUX) || matches!(w, "'ll" | "ca" | "wo"));
        if !is_modal {
            return false;
        }
        self.modal = Some(j);
        if matches!(w, "will" | "'ll" | "shall" | "wo" | "sha") {
            self.future = true;
        }
        if matches!(w, "could" | "would" | "might" | "should") {
            self.past = self.past || w == "could";
        }
        true
    }

    /// "have" before a participle (adverbs aside): the perfect.
    fn perfect_have(&mut self, j: usize) -> bool {
        let toks = self.toks;
        let w = &*toks[j].lower;
        let perfect = HAVE.contains(&w)
            && toks.get(j + 1..self.end).is_some_and(|rest| {
                rest.iter()
                    .take(3)
                    .find(|t| !is_group_adverb(t))
                    .is_some_and(|t| is_participle(t) || &*t.lower == "been")
            });
        if perfect {
            self.perfect = true;
            self.past |= matches!(w, "had");
        }
        perfect
    }

    /// "be" or "get": an auxiliary before a participle or -ing form, "get" as a main verb
    /// ("got it done"), and otherwise a copula, which ends the group.
    fn be_or_get(&mut self, j: usize) -> Step {
        let toks = self.toks;
        let w = &*toks[j].lower;
        // Auxiliary "be" when a participle or -ing form follows; otherwise a copula.
        let next = toks[j + 1..self.end]
            .iter()
            .position(|t| !is_group_adverb(t))
            .map(|p| j + 1 + p);
        let continues = !has_degree_adverb(&toks[j + 1..next.unwrap_or(j + 1)])
            && next.is_some_and(|k| {
                let t = &toks[k];
                is_participle(t)
                    || (t.lower.ends_with("ing") && is_verbish(t))
                    || BE.contains(&&*t.lower)
            });
        self.past |= matches!(w, "was" | "were");
        self.future |= w == "going";
        // "got it done", "get back": "get" as a main verb, not a copula.
        if GET.contains(&w) && !continues && !next.is_some_and(|k| toks[k].is(Tag::ADJ)) {
            self.head = j;
            self.saw_main = true;
            self.past |= matches!(w, "got" | "gotten");
            return Step::Next;
        }
        if continues && (BE.contains(&w) || toks.get(j + 1).is_some_and(is_participle)) {
            self.be_last = BE.contains(&w);
            self.get_last = GET.contains(&w);
            return Step::Next;
        }
        // A copula: "the impact was minimal", "your data is safe".
        Step::Copula(self.copula(j))
    }

    /// The group ended by the copula at `j`; a negation right after it still counts.
    fn copula(&self, j: usize) -> VerbGroup {
        let tense = if self.future {
            Tense::Future
        } else if self.past {
            Tense::Past
        } else {
            Tense::Present
        };
        VerbGroup {
            start: self.start,
            end: j + 1,
            head: j,
            voice: Voice::Active,
            tense,
            modal: self.modal,
            perfect: self.perfect,
            progressive: self.progressive,
            negated: self.negated
                || self.toks[j + 1..self.end]
                    .iter()
                    .take(2)
                    .any(|t| matches!(&*t.lower, "not" | "n't" | "never")),
            copula: true,
        }
    }

    /// "do" before "not": support for the negation, not the main verb.
    fn do_support(&mut self, j: usize) -> bool {
        let toks = self.toks;
        let w = &*toks[j].lower;
        let support = DO.contains(&w)
            && toks
                .get(j + 1)
                .is_some_and(|t| matches!(&*t.lower, "not" | "n't"));
        if support {
            self.past |= w == "did";
        }
        support
    }

    /// The main verb: the group's head, progressive after "be", past by its form when no
    /// auxiliary gave the tense.
    fn main_verb(&mut self, j: usize) {
        let t = &self.toks[j];
        let w = &*t.lower;
        self.head = j;
        self.saw_main = true;
        if w.ends_with("ing") && self.be_last {
            self.progressive = true;
        }
        if (super::inflect::is_irregular_past(w) || is_participle(t))
            && !self.perfect
            && !self.be_last
            && self.modal.is_none()
        {
            self.past = true;
        }
    }

    /// The group read up to `j`: passive when "be" or "get" precedes a participle head.
    fn finish(self, j: usize) -> VerbGroup {
        let h = &self.toks[self.head];
        let passive =
            (self.be_last || self.get_last) && is_participle(h) && !h.lower.ends_with("ing");
        let tense = if self.future {
            Tense::Future
        } else if self.past || self.perfect {
            Tense::Past
        } else {
            Tense::Present
        };
        VerbGroup {
            start: self.start,
            end: j.max(self.head + 1),
            head: self.head,
            voice: if passive {
                Voice::Passive
            } else {
                Voice::Active
            },
            tense,
            modal: self.modal,
            perfect: self.perfect,
            progressive: self.progressive,
            negated: self.negated,
            copula: false,
        }
    }
}

/// "was very limited", "is fully protected": a degree adverb makes the participle an
/// adjective, so "be" is a copula.
fn has_degree_adverb(words: &[Token]) -> bool {
    words.iter().any(|t| {
        matches!(
            &*t.lower,
            "very"
                | "quite"
                | "too"
                | "so"
                | "extremely"
                | "relatively"
                | "fairly"
                | "rather"
                | "highly"
                | "fully"
                | "completely"
                | "totally"
                | "entirely"
                | "somewhat"
                | "more"
                | "less"
                | "most"
                | "least"
                | "well"
        )
    })
}

/// The subject noun phrase right before the verb group: the first noun phrase after the last
/// clause-internal boundary, e.g. "A retention setting on the broker" → (A … setting).
fn subject_before(
    toks: &[Token],
    start: usize,
    vg_start: usize,
    lex: &Lexicon,
) -> Option<(usize, usize)> {
    if vg_start <= start {
        return None;
    }
    let i = skip_introduction(toks, after_last_comma(toks, start, vg_start), vg_start);
    if i >= vg_start {
        return None;
    }
    // The head noun phrase ends at a preposition, a relative word or the verb; "of" after a
    // counting noun continues it ("a number of orders").
    let mut e = i;
    while e < vg_start {
        let t = &toks[e];
        let counted = &*t.lower == "of" && e > i && lex.is("quantity", &toks[e - 1].lower);
        if e > i
            && !counted
            && (t.is(Tag::ADP) && &*t.lower != "'s"
                || matches!(&*t.lower, "who" | "which" | "that" | "," | "("))
        {
            break;
        }
        e += 1;
    }
    Some((i, e))
}

/// Where the words before the verb start after the last comma that is not inside a phrase:
/// "Between 3 and 17 March, | files were …". A comma in a list ("Outlook, iCloud and most
/// business systems were …") is inside one.
fn after_last_comma(toks: &[Token], start: usize, vg_start: usize) -> usize {
    for k in (start..vg_start).rev() {
        if !matches!(&*toks[k].lower, "," | ";" | ":" | "—") {
            continue;
        }
        let listed = &*toks[k].lower == ","
            && k > start
            && (toks[k - 1].is(Tag::NOUN) || toks[k - 1].is(Tag::PROPN))
            && toks[k + 1..vg_start]
                .iter()
                .any(|t| matches!(&*t.lower, "and" | "or"));
        if listed {
            continue;
        }
        return if k + 1 < vg_start { k + 1 } else { start };
    }
    start
}

/// Skips what introduces a subject without being it: adverbs, conjunctions, "please", and
/// leading prepositional phrases ("At 10:47 the team raised …", "During the migration the
/// table …", "At 15:20 EDT on 9 June we …").
fn skip_introduction(toks: &[Token], s: usize, vg_start: usize) -> usize {
    let mut i = s;
    while i < vg_start
        && !QUANTIFIERS.contains(&&*toks[i].lower)
        && (toks[i].is(Tag::ADV)
            || toks[i].is(Tag::CCONJ)
            || toks[i].is(Tag::SCONJ)
            || toks[i].is(Tag::PUNCT)
            || toks[i].is(Tag::INTJ)
            || &*toks[i].lower == "please")
    {
        i += 1;
    }
    while toks[i].is(Tag::ADP) && !matches!(&*toks[i].lower, "of" | "'s") {
        let mut k = i + 1;
        while k < vg_start
            && (toks[k].is(Tag::DET)
                || toks[k].is(Tag::ADJ)
                || toks[k].is(Tag::NUM)
                || toks[k].is(Tag::NOUN)
                || toks[k].is(Tag::PROPN))
            && !(k > i + 1 && (toks[k].is(Tag::DET) || matches!(&*toks[k].lower, "we" | "i")))
        {
            k += 1;
        }
        if k < vg_start
            && (toks[k].is(Tag::DET)
                || toks[k].is(Tag::PRON)
                || toks[k].is(Tag::NOUN)
                || toks[k].is(Tag::PROPN)
                || toks[k].is(Tag::ADP) && !matches!(&*toks[k].lower, "of" | "'s"))
        {
            i = k;
        } else {
            break;
        }
    }
    i
}

/// The noun phrase a relative pronoun at `o` refers to: the words before it back to a
/// determiner or boundary ("clients who …" → clients; "an employee of Quorra who …").
fn antecedent(toks: &[Token], o: usize) -> Option<(usize, usize)> {
    let mut e = o;
    while e > 0 && &*toks[e - 1].lower == "," {
        e -= 1;
    }
    if e == 0 {
        return None;
    }
    let mut s = e - 1;
    while s > 0 {
        let t = &toks[s - 1];
        if t.is(Tag::NOUN)
            || t.is(Tag::PROPN)
            || t.is(Tag::ADJ)
            || t.is(Tag::DET)
            || t.is(Tag::NUM)
            || &*t.lower == "'s"
            || t.is(Tag::ADP) && &*t.lower == "of"
        {
            s -= 1;
            if toks[s].is(Tag::DET) {
                break;
            }
        } else {
            break;
        }
    }
    Some((s, e))
}

/// The end of a noun phrase starting at `i` (for agents: "by our on-call engineer").
fn np_end(toks: &[Token], i: usize, end: usize) -> usize {
    let mut e = i;
    while e < end {
        let t = &toks[e];
        if t.is(Tag::DET)
            || t.is(Tag::ADJ)
            || t.is(Tag::NOUN)
            || t.is(Tag::PROPN)
            || t.is(Tag::PRON)
            || t.is(Tag::NUM)
            || &*t.lower == "'s"
            || (t.kind == TokenKind::Word && t.is(Tag::ADV) && e == i)
            || (&*t.lower == "-")
            || (&*t.lower == "of" && e > i)
        {
            e += 1;
        } else {
            break;
        }
    }
    e
}

/// Who the noun phrase `[s, e)` is: a pronoun says it outright; then an attacker; then whose
/// the phrase is (ours, yours, a vendor's) and what its head noun names.
pub fn party(
    toks: &[Token],
    s: usize,
    e: usize,
    lex: &Lexicon,
    own: &dyn Fn(usize, usize) -> bool,
) -> Party {
    let np = &toks[s..e.min(toks.len())];
    let words: Vec<&str> = np.iter().map(|t| &*t.lower).collect();
    if let Some(p) = pronoun_party(&words, lex) {
        return p;
    }
    let head_at = np_head(np, lex);
    if names_attacker(&words, head_at.map(|h| &*np[h].lower), lex) {
        return Party::Attacker;
    }
    owner_party(np, &words, head_at, lex, own(s, e))
}

/// The head of a noun phrase: the last noun, or the first noun before "of" ("an employee of
/// Quorra" → employee) unless that noun counts the one after it ("a handful of our partners").
fn np_head(np: &[Token], lex: &Lexicon) -> Option<usize> {
    let nominal = |t: &Token| t.is(Tag::NOUN) || t.is(Tag::PROPN) || t.is(Tag::PRON);
    let of = np.iter().position(|t| &*t.lower == "of");
    of.and_then(|of| {
        np[..of]
            .iter()
            .rposition(|t| nominal(t) || lex.is("quantity", &t.lower))
    })
    .filter(|&h| !lex.is("quantity", &np[h].lower))
    .or_else(|| np.iter().rposition(nominal))
}

/// A phrase a pronoun decides: "we", "you", and "some of you", "many of us".
fn pronoun_party(words: &[&str], lex: &Lexicon) -> Option<Party> {
    match words.first().copied() {
        Some("we" | "us" | "i" | "me" | "ourselves" | "myself") => return Some(Party::Writer),
        Some("you" | "yourself" | "yourselves") => return Some(Party::Reader),
        _ => {}
    }
    let of = words.iter().position(|w| *w == "of")?;
    if of == 0 || !lex.is("quantity", words[of - 1]) {
        return None;
    }
    match words.get(of + 1).copied() {
        Some("you") => Some(Party::Reader),
        Some("us") => Some(Party::Writer),
        _ => None,
    }
}

/// An attacker: "someone", a head noun of `@attacker`, an unauthorised person or party, or a
/// several-word `@attacker` phrase anywhere in the noun phrase.
fn names_attacker(words: &[&str], head: Option<&str>, lex: &Lexicon) -> bool {
    if words.len() == 1 && matches!(words[0], "someone" | "somebody" | "anyone" | "anybody") {
        return true;
    }
    let unauthorised = words.iter().any(|w| {
        matches!(
            *w,
            "unauthorized" | "unauthorised" | "unknown" | "malicious" | "criminal" | "rogue"
        )
    });
    let person = |h: &str| {
        matches!(
            h,
            "party"
                | "parties"
                | "person"
                | "people"
                | "individual"
                | "individuals"
                | "actor"
                | "actors"
                | "user"
                | "users"
                | "third"
                | "someone"
                | "group"
                | "entity"
        )
    };
    head.is_some_and(|h| lex.is("attacker", h))
        || unauthorised && head.is_some_and(person)
        || words.len() > 1
            && lex
                .get("attacker")
                .is_some_and(|f| (0..words.len()).any(|i| f.ends_at(words, i).any(|e| e > i + 1)))
}

/// Whose a phrase with no deciding pronoun is: a vendor's, the customers', the writer's or
/// its own things', the reader's, an individual, or just a thing.
fn owner_party(
    np: &[Token],
    words: &[&str],
    head_at: Option<usize>,
    lex: &Lexicon,
    own_name: bool,
) -> Party {
    let head_is = |fam: &str| head_at.is_some_and(|h| lex.is(fam, &np[h].lower));
    let ours = words.iter().any(|w| matches!(*w, "our" | "my" | "ours"));
    let yours = words.iter().any(|w| matches!(*w, "your" | "yours"));
    let third = words
        .iter()
        .any(|w| matches!(*w, "third-party" | "external"))
        || words
            .windows(2)
            .any(|w| w == ["third", "party"] || w == ["third", "parties"]);
    let names_vendor = lex.get("vendors").is_some_and(|f| f.occurs_in(words));
    if head_is("vendor") || third && !head_is("writer_group") || names_vendor {
        return Party::Vendor;
    }
    if head_is("public") && !own_name {
        // "our customers", "some of our members": the people served, even when "ours".
        return Party::Customers;
    }
    let foreign = foreign_possessor(np, lex);
    if foreign && !own_name {
        return Party::Vendor;
    }
    if ours || own_name {
        // "our team", "Acme's engineers", "Acme" itself.
        if head_is("writer_group") || (own_name && np.iter().all(|t| !t.is(Tag::NOUN))) {
            return Party::Writer;
        }
        return Party::WriterOwned;
    }
    if yours {
        return Party::Reader;
    }
    let the = words.first() == Some(&"the");
    // "the team", "the on-call engineer": in the writer's own text, the writer's people.
    if head_is("writer_group") && the && np.len() <= 3 && !foreign {
        return Party::Writer;
    }
    if head_is("institution") && the && np.iter().any(|t| t.capitalized()) {
        // "the County", "the District": a public body naming itself.
        return Party::Writer;
    }
    if head_is("individual") {
        return Party::Individual;
    }
    if head_is("public") {
        return Party::Customers;
    }
    // Another organisation's name: a proper noun that is not a date or a zone.
    match head_at {
        Some(h)
            if np[h].is(Tag::PROPN) && np[h].capitalized() && !lex.is("calendar", &np[h].lower) =>
        {
            Party::Vendor
        }
        _ => Party::Thing,
    }
}

/// "Cartwheel's platform", "Google's stricter enforcement": another organisation's thing.
fn foreign_possessor(np: &[Token], lex: &Lexicon) -> bool {
    np.windows(2).any(|p| {
        p[0].is(Tag::PROPN)
            && p[0].capitalized()
            && &*p[1].lower == "'s"
            && !lex.is("calendar", &p[0].lower)
    })
}

/// A noun phrase and who it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chunk {
    /// Token range [start, end).
    pub start: usize,
    pub end: usize,
    pub party: Party,
}

/// The sentence's noun phrases: an optional determiner or possessive, modifiers, and a noun,
/// name or pronoun ("our payment processor", "Acme's own systems", "a night-desk editor",
/// "Brindle & Vane", "we").
pub fn chunks(toks: &[Token], lex: &Lexicon, own: &dyn Fn(usize, usize) -> bool) -> Vec<Chunk> {
    let nominal = |t: &Token| {
        t.is(Tag::NOUN) || t.is(Tag::PROPN) || (t.is(Tag::NUM) && t.kind == TokenKind::Word)
    };
    let modifier = |t: &Token| {
        t.is(Tag::ADJ)
            || t.is(Tag::NUM)
            || nominal(t)
            || &*t.lower == "'s"
            || &*t.lower == "&"
            || (is_participle(t) && !t.is(Tag::VERB))
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        if t.is(Tag::PRON)
            && !matches!(
                &*t.lower,
                "our" | "my" | "your" | "their" | "its" | "his" | "her"
            )
        {
            out.push(Chunk {
                start: i,
                end: i + 1,
                party: party(toks, i, i + 1, lex, own),
            });
            i += 1;
            continue;
        }
        let starts = t.is(Tag::DET)
            || matches!(
                &*t.lower,
                "our" | "my" | "your" | "their" | "its" | "his" | "her"
            )
            || modifier(t);
        if !starts || &*t.lower == "'s" || &*t.lower == "&" {
            i += 1;
            continue;
        }
        let mut e = i + 1;
        while e < toks.len()
            && (modifier(&toks[e])
                || (toks[e].is(Tag::ADV) && toks.get(e + 1).is_some_and(|n| n.is(Tag::ADJ))))
        {
            e += 1;
        }
        // The phrase must end in a noun or name.
        let mut end = e;
        while end > i && !nominal(&toks[end - 1]) {
            end -= 1;
        }
        if end > i {
            out.push(Chunk {
                start: i,
                end,
                party: party(toks, i, end, lex, own),
            });
            i = end;
        } else {
            i += 1;
        }
    }
    out
}
