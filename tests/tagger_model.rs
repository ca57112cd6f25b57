//! The part-of-speech model candor tags with is harper's Brill tagger model
//! (`harper-brill`), stored in `data/tagger/` in a form the build compiles into the binary.
//! These tests keep the two identical: the stored lexicon and patches must equal the model of
//! the `harper-brill` version in Cargo.lock, and candor's tagger must give harper's tags.
//!
//! After upgrading harper-brill, regenerate the stored model with
//! `CANDOR_REGENERATE_TAGGER=1 cargo test --test tagger_model`.

use harper_brill::Tagger;
use serde_json::Value;

fn harper_model() -> Value {
    serde_json::to_value(&*harper_brill::brill_tagger()).expect("the tagger serializes")
}

fn stored(name: &str) -> String {
    std::fs::read_to_string(format!("data/tagger/{name}")).unwrap_or_default()
}

fn expected_files() -> (String, String) {
    let model = harper_model();
    let mut words: Vec<(String, String)> = model["base"]["mapping"]
        .as_object()
        .expect("a word → tag mapping")
        .iter()
        .map(|(w, t)| (w.clone(), t.as_str().unwrap().to_string()))
        .filter(|(w, _)| !w.contains(['\t', '\n', '\r']))
        .collect();
    words.sort();
    let mut lexicon = String::from(
        "# Generated from harper-brill's trained_tagger_model.json (Apache-2.0); see README.md.\n",
    );
    for (w, t) in words {
        lexicon.push_str(&format!("{w}\t{t}\n"));
    }
    let patches = serde_json::to_string_pretty(&model["patches"]).unwrap() + "\n";
    (lexicon, patches)
}

#[test]
fn stored_model_is_harpers() {
    let (lexicon, patches) = expected_files();
    if std::env::var_os("CANDOR_REGENERATE_TAGGER").is_some() {
        std::fs::write("data/tagger/lexicon.tsv", &lexicon).unwrap();
        std::fs::write("data/tagger/patches.json", &patches).unwrap();
    }
    assert!(
        stored("lexicon.tsv") == lexicon && stored("patches.json") == patches,
        "data/tagger/ differs from harper-brill's model: run \
         `CANDOR_REGENERATE_TAGGER=1 cargo test --test tagger_model` and rebuild"
    );
}

#[test]
fn tags_are_harpers_tags() {
    let tagger = harper_brill::brill_tagger();
    let mut sentences = 0;
    for e in ignore::Walk::new("fixtures").flatten() {
        let Ok(text) = std::fs::read_to_string(e.path()) else {
            continue;
        };
        let doc = candor::document::Document::parse(&text, candor::document::Format::Markdown);
        for s in &doc.sentences {
            let toks = candor::analysis::token::tokenize(doc.sentence_text(s), s.start);
            let words: Vec<&str> = toks.iter().map(|t| &*t.lower).collect();
            let owned: Vec<String> = words.iter().map(|w| w.to_string()).collect();
            assert_eq!(
                candor::analysis::tagger::tag_words(&words),
                tagger.tag_sentence(&owned),
                "{words:?}"
            );
            sentences += 1;
        }
    }
    assert!(sentences > 300, "{sentences}");
}
