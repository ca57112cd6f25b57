use super::*;
use crate::analysis::{Lexicon, token};

fn lex() -> Lexicon {
    Lexicon::builtin().expect("built-in families load")
}

/// The reported texts of every match of `pattern` in `text`.
fn hits(pattern: &str, text: &str) -> Vec<String> {
    let lex = lex();
    let p = Pattern::new(pattern, &lex).unwrap_or_else(|e| panic!("{pattern}: {e}"));
    let mut toks = token::tokenize(text, 0);
    let words: Vec<&str> = toks.iter().map(|t| &*t.lower).collect();
    let tags = crate::analysis::tagger::tag_words(&words);
    for (t, tag) in toks.iter_mut().zip(tags) {
        t.tag = tag.or(Some(Tag::NOUN));
    }
    p.find_all(&toks, &NoEnv)
        .into_iter()
        .map(|m| text[toks[m.span_start].start..toks[m.span_end - 1].end].to_string())
        .collect()
}

#[test]
fn words_alternations_and_optional_items() {
    assert_eq!(
        hits("a|an small number", "Only a small number of us."),
        ["a small number"]
    );
    assert_eq!(
        hits("a very? small", "a small and a very small"),
        ["a small", "a very small"]
    );
    assert_eq!(hits("we do n't", "We don't know."), ["We don't"]);
    assert_eq!(
        hits("we don't|never know", "We don't know; we never know."),
        ["We don't know", "we never know"]
    );
}

#[test]
fn families_match_every_form_and_phrases() {
    assert_eq!(
        hits("@public", "Our Customers and one user."),
        ["Customers", "user"]
    );
    assert_eq!(
        hits("@attacker", "A threat actor and an unauthorized party."),
        ["threat actor", "unauthorized"]
    );
}

#[test]
fn tags_classes_gaps_and_marks() {
    assert_eq!(hits("the <NOUN>", "the outage"), ["the outage"]);
    assert_eq!(
        hits("<number> <NOUN>", "about 312 accounts"),
        ["312 accounts"]
    );
    assert_eq!(hits("we _{0,2} [sorry]", "We are truly sorry."), ["sorry"]);
    assert_eq!(
        hits(
            "(this will | it can) never",
            "This will never; it can never"
        ),
        ["This will never", "it can never"]
    );
    assert_eq!(hits("!the outage", "an outage, the outage"), ["an outage"]);
}

#[test]
fn quoted_words_in_alternations() {
    assert_eq!(
        hits("forums \":\"|\"—\"|namely", "the forums — all 312"),
        ["forums —"]
    );
    assert_eq!(hits("a \"|\" b", "a | b"), ["a | b"]);
}

#[test]
fn anchors_are_required_words() {
    let lex = lex();
    let p = Pattern::new("a|an <ADJ>? small|tiny number of", &lex).unwrap();
    let a = p.anchors().unwrap();
    assert!(a.iter().any(|w| &**w == "of") || a.iter().any(|w| &**w == "number"));
    assert!(
        Pattern::new("<NOUN> _{0,2}", &lex)
            .unwrap()
            .anchors()
            .is_none()
    );
}

#[test]
fn start_words_are_the_first_set_of_the_pattern() {
    let lex = lex();
    let starts = |src: &str| -> Option<Vec<String>> {
        let p = Pattern::new(src, &lex).unwrap();
        p.starts.as_ref().map(|set| {
            let mut v: Vec<String> = set.iter().map(|w| w.to_string()).collect();
            v.sort();
            v
        })
    };
    // Optional and zero-width items let the next item start a match too.
    assert_eq!(
        starts("^ (please)? reset your password"),
        Some(vec!["please".to_string(), "reset".to_string()])
    );
    assert_eq!(
        starts("[a|an]{0,2} outage"),
        Some(vec![
            "a".to_string(),
            "an".to_string(),
            "outage".to_string()
        ])
    );
    // A tag, a class or `_` can start a match with any token.
    assert_eq!(starts("(the)? <NOUN> failed"), None);
    assert_eq!(starts("_{0,2} failed"), None);
    assert_eq!(starts("!we failed"), None);
}

#[test]
fn matches_start_only_where_the_first_set_allows_and_are_the_same() {
    // Each pattern finds what it found when every token was tried.
    assert_eq!(
        hits(
            "^ (please)? reset your password",
            "Please reset your password."
        ),
        ["Please reset your password"]
    );
    assert_eq!(
        hits("^ (please)? reset your password", "Reset your password."),
        ["Reset your password"]
    );
    assert_eq!(
        hits(
            "(a|an)? @apology for",
            "We offer an apology for this and apologize for that."
        ),
        ["an apology for", "apologize for"]
    );
    assert_eq!(
        hits("a|an? outage", "An outage, then outage."),
        ["An outage", "outage"]
    );
    assert!(hits("^ reset", "Please reset it.").is_empty());
}

#[test]
fn errors_point_into_the_pattern() {
    let lex = lex();
    let e = Pattern::new("a (small", &lex).unwrap_err();
    assert!(e.message.contains("unclosed"), "{e}");
    let e = Pattern::new("a _*", &lex).unwrap_err();
    assert!(e.message.contains("unbounded") && e.at == 3, "{e:?}");
    let e = Pattern::new("@publik", &lex).unwrap_err();
    assert!(e.message.contains("did you mean `@public`"), "{e}");
    assert!(Pattern::new("<NOUNS>", &lex).is_err());
    assert!(Pattern::new("x{0,40}", &lex).is_err());
}

#[test]
fn matching_is_linear_on_hostile_sentences() {
    let lex = lex();
    let p = Pattern::new("(_ _?){0,12} (a b? c?){1,12} z", &lex).unwrap();
    let text = "a b ".repeat(20_000);
    let toks = token::tokenize(&text, 0);
    super::matcher::TOTAL_STEPS.with(|s| s.set(0));
    assert!(p.find_all(&toks, &NoEnv).is_empty());
    let steps = super::matcher::TOTAL_STEPS.with(|s| s.get());
    assert!(
        steps <= 2 * super::matcher::BUDGET * toks.len(),
        "{steps} steps"
    );
}
