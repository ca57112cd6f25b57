//! Embeds the rule data in `rules/`, the documentation of code rules and the part-of-speech
//! lexicon (`data/tagger/`) into the binary.
//!
//! * Every `rules/**/*.toml` file becomes an entry of `EMBEDDED_RULE_FILES` (path, contents).
//! * Every `src/rules/code/*.rs` file's leading `//!` block becomes an entry of
//!   `CODE_RULE_DOCS` (file stem, markdown), so `candor explain` prints the doc comment itself.

use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap());

    let mut data = Vec::new();
    collect(&root.join("rules"), "toml", &mut data);
    data.sort();
    let mut generated = String::from("pub static EMBEDDED_RULE_FILES: &[(&str, &str)] = &[\n");
    for p in &data {
        let rel = p
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        // Relative to the crate at compile time, not an absolute path baked in here: a target
        // folder copied from another checkout must not embed that checkout's files.
        generated.push_str(&format!(
            "    ({rel:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/{rel}\"))),\n"
        ));
    }
    generated.push_str("];\n");

    let mut code = Vec::new();
    collect(&root.join("src/rules/code"), "rs", &mut code);
    code.sort();
    generated.push_str("pub static CODE_RULE_DOCS: &[(&str, &str)] = &[\n");
    for p in &code {
        let stem = p.file_stem().unwrap().to_string_lossy().to_string();
        if stem == "mod" {
            continue;
        }
        let text = fs::read_to_string(p).unwrap();
        let doc: Vec<&str> = text
            .lines()
            .take_while(|l| l.starts_with("//!"))
            .map(|l| {
                l.strip_prefix("//! ")
                    .unwrap_or(l.strip_prefix("//!").unwrap_or(l))
            })
            .collect();
        generated.push_str(&format!(
            "    ({:?}, {:?}),\n",
            stem.replace('_', "-"),
            doc.join("\n")
        ));
    }
    generated.push_str("];\n");
    fs::write(out.join("embedded.rs"), generated).unwrap();
    fs::write(out.join("lexicon.rs"), tagger_lexicon(&root)).unwrap();
    println!("cargo:rerun-if-changed=rules");
    println!("cargo:rerun-if-changed=data/tagger");
    println!("cargo:rerun-if-changed=src/rules/code");
}

/// harper's Brill-tagger lexicon (`data/tagger/lexicon.tsv`: word, tab, tag) as a perfect-hash
/// map, so tagging starts with no model to parse.
fn tagger_lexicon(root: &Path) -> String {
    let text = fs::read_to_string(root.join("data/tagger/lexicon.tsv")).unwrap();
    let mut map = phf_codegen::Map::new();
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let (word, tag) = line.split_once('\t').expect("word<TAB>tag");
        map.entry(word, format!("UPOS::{tag}"));
    }
    format!(
        "/// Word (lowercase) → its most frequent tag.\npub(super) static LEXICON: phf::Map<&'static str, UPOS> = {};\n",
        map.build()
    )
}

fn collect(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    let Ok(rd) = fs::read_dir(dir) else { return };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, ext, out);
        } else if p.extension().is_some_and(|x| x == ext) {
            out.push(p);
        }
    }
}
