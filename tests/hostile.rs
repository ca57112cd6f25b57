//! Hostile input: every case gives a clear error or a clean result, the other files are still
//! checked, and the exit code is the documented one (2 when any file could not be read, else 1
//! or 0 by findings). `tests/cli.rs` covers the basic invalid-UTF-8, UTF-16, binary, empty and
//! malformed-YAML cases; this file covers the rest and the harder variants.

use assert_cmd::Command;
use predicates::prelude::*;
use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};
use tempfile::TempDir;

fn candor() -> Command {
    let mut c = Command::cargo_bin("candor").unwrap();
    c.env("NO_COLOR", "1").env_remove("CANDOR_NLPRULE_DATA");
    c.timeout(Duration::from_secs(120));
    c
}

/// A draft with a known finding (`non-apology`), so "still checked" is observable.
const GOOD: &str = "Dear {{first_name}},\n\nWe apologize for any inconvenience.\n";

fn dir_with(files: &[(&str, &[u8])]) -> TempDir {
    let d = TempDir::new().unwrap();
    for (name, body) in files {
        let p = d.path().join(name);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, body).unwrap();
    }
    d
}

/// Runs `candor check --no-config --format json ARGS` in `dir`; returns (exit code, JSON).
fn check_json(dir: &Path, args: &[&str]) -> (i32, serde_json::Value) {
    let out = candor()
        .current_dir(dir)
        .args(["check", "--no-config", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}); stderr: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code().unwrap_or(-1), v)
}

fn error_for<'a>(v: &'a serde_json::Value, name: &str) -> Option<&'a serde_json::Value> {
    v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["path"].as_str().unwrap().ends_with(name))
}

fn file_for<'a>(v: &'a serde_json::Value, name: &str) -> Option<&'a serde_json::Value> {
    v["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"].as_str().unwrap().ends_with(name))
}

fn rules_of(f: &serde_json::Value) -> Vec<String> {
    f["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect()
}

/// The good file was checked and found its finding.
fn assert_good_checked(v: &serde_json::Value) {
    let f = file_for(v, "good.md").expect("good.md is still checked");
    assert!(
        rules_of(f).iter().any(|r| r == "non-apology"),
        "{:?}",
        rules_of(f)
    );
}

#[test]
fn invalid_utf8_reports_the_byte_offset_deep_in_the_file() {
    // Valid multi-byte text first, so the offset is a byte offset, not a character count.
    let mut bad = "Café – naïve résumé.\n".repeat(50).into_bytes();
    let at = bad.len();
    bad.extend_from_slice(b"\xC3\x28 tail\n"); // 0xC3 starts a 2-byte sequence; 0x28 is not a continuation
    let mut truncated = b"Ends mid-character: ".to_vec();
    let at2 = truncated.len();
    truncated.extend_from_slice(&[0xE2, 0x82]); // first two bytes of a 3-byte character
    let d = dir_with(&[
        ("good.md", GOOD.as_bytes()),
        ("bad.md", &bad),
        ("truncated.md", &truncated),
    ]);
    let (code, v) = check_json(d.path(), &["."]);
    assert_eq!(code, 2);
    let e = error_for(&v, "bad.md").unwrap();
    assert_eq!(e["offset"], at, "{e}");
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .contains(&format!("offset {at}")),
        "{e}"
    );
    assert_eq!(error_for(&v, "truncated.md").unwrap()["offset"], at2);
    assert_good_checked(&v);
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for u in text.encode_utf16() {
        out.extend_from_slice(&if big_endian {
            u.to_be_bytes()
        } else {
            u.to_le_bytes()
        });
    }
    out
}

#[test]
fn utf16_with_bom_is_decoded_and_checked() {
    let text = "# Update\n\nWe apologize for any inconvenience — ünïcödé 🙂.\n";
    let mut odd = utf16("We apologize for any inconvenience.\n", false);
    odd.push(b'x'); // a stray trailing byte: not whole UTF-16
    let mut lone = vec![0xFF, 0xFE];
    lone.extend_from_slice(&0xD800u16.to_le_bytes()); // an unpaired surrogate
    let d = dir_with(&[
        ("le.md", &utf16(text, false)),
        ("be.md", &utf16(text, true)),
        ("odd.md", &odd),
        ("lone.md", &lone),
    ]);
    let (code, v) = check_json(d.path(), &["."]);
    assert_eq!(code, 2, "odd.md and lone.md cannot be decoded");
    for name in ["le.md", "be.md"] {
        let f = file_for(&v, name).unwrap();
        assert!(rules_of(f).contains(&"non-apology".to_string()), "{name}");
        // Spans are offsets into the UTF-8 decoding, as `encoding` and docs/output.md say.
        let dg = &f["diagnostics"].as_array().unwrap()[0];
        assert_eq!(dg["span"]["line"], 3, "{dg}");
        let (start, end) = (
            dg["span"]["start"].as_u64().unwrap() as usize,
            dg["span"]["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(dg["text"], text[start..end], "{dg}");
        let expected = if name == "le.md" {
            "utf-16le"
        } else {
            "utf-16be"
        };
        assert_eq!(f["encoding"], expected);
    }
    assert!(
        error_for(&v, "odd.md").unwrap()["message"]
            .as_str()
            .unwrap()
            .contains("UTF-16"),
        "{v}"
    );
    assert!(
        error_for(&v, "lone.md").unwrap()["message"]
            .as_str()
            .unwrap()
            .contains("UTF-16")
    );
}

#[test]
fn binary_files_named_md_are_refused() {
    let mut elf = b"\x7fELF\x02\x01\x01\x00".to_vec();
    elf.extend(std::iter::repeat_n(0u8, 4096));
    let mut late_nul = "Text first. ".repeat(1000).into_bytes();
    late_nul.extend_from_slice(b"\x00\x01\x02 binary after 12 KB");
    let d = dir_with(&[
        ("good.md", GOOD.as_bytes()),
        ("program.md", &elf),
        ("late.md", &late_nul),
    ]);
    let (code, v) = check_json(d.path(), &["."]);
    assert_eq!(code, 2);
    let e = error_for(&v, "program.md").unwrap();
    assert!(e["message"].as_str().unwrap().contains("binary"), "{e}");
    assert_eq!(e["offset"], 7);
    // A NUL after the first 8 KB is still a NUL: refused too, with its offset.
    let e = error_for(&v, "late.md").unwrap();
    assert!(e["message"].as_str().unwrap().contains("binary"), "{e}");
    assert_eq!(e["offset"], 12000);
    assert_good_checked(&v);
}

#[test]
fn a_100_mb_file_is_refused_without_reading_it() {
    let d = dir_with(&[("good.md", GOOD.as_bytes())]);
    // A sparse file: 100 MB on paper, nothing written, so the test stays fast.
    let f = fs::File::create(d.path().join("huge.md")).unwrap();
    f.set_len(100 * 1024 * 1024).unwrap();
    drop(f);
    let start = Instant::now();
    let (code, v) = check_json(d.path(), &["."]);
    assert!(start.elapsed() < Duration::from_secs(30));
    assert_eq!(code, 2);
    let e = error_for(&v, "huge.md").unwrap();
    assert!(e["message"].as_str().unwrap().contains("100 MiB"), "{e}");
    assert!(e["help"].as_str().unwrap().contains("exclude"), "{e}");
    assert_good_checked(&v);
}

#[test]
fn a_megabyte_line_is_checked_to_its_end() {
    // One line, no newline anywhere, with a finding every ~1 KB all along it. How long a
    // 10 MB line takes is a benchmark (bench/compare.sh), not a timed test: a timed test fails
    // on a loaded machine and measures nothing.
    let unit = format!(
        "{}and a small number of users saw errors, ",
        "the service was slow for some time ".repeat(28)
    );
    let line = unit.repeat(1024 * 1024 / unit.len());
    let d = dir_with(&[("good.md", GOOD.as_bytes()), ("line.md", line.as_bytes())]);
    let (code, v) = check_json(d.path(), &["."]);
    assert_eq!(code, 1, "findings, no errors: {}", v["errors"]);
    let f = file_for(&v, "line.md").unwrap();
    let diags = f["diagnostics"].as_array().unwrap();
    // Every finding was made; the first 100 are reported and the rest summed up.
    let summary = diags.last().unwrap();
    let more: usize = summary["message"]
        .as_str()
        .unwrap()
        .split(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no summary finding: {summary}"));
    assert!(diags.len() + more > 500, "{} + {more}", diags.len());
    // Columns count characters along the one line.
    let last = &diags[diags.len() - 2];
    assert_eq!(last["span"]["line"], 1);
    assert_eq!(
        last["span"]["column"].as_u64().unwrap(),
        last["span"]["start"].as_u64().unwrap() + 1
    );
    assert_good_checked(&v);
}

#[test]
fn deep_nesting_does_not_overflow_or_stall() {
    let quotes = format!("{} deepest words\n", "> ".repeat(10_000));
    let lists = format!("{} item\n", "- ".repeat(10_000));
    let mut indented = String::new();
    for i in 0..2_000 {
        indented.push_str(&"  ".repeat(i));
        indented.push_str("- We apologize for any inconvenience.\n");
    }
    let brackets = format!("{}x{}\n", "[".repeat(10_000), "](http://e)".repeat(10_000));
    let emphasis = format!("{}x{}\n", "*_".repeat(10_000), "_*".repeat(10_000));
    let html = "<div>".repeat(10_000) + "\n\nWe apologize for any inconvenience.\n";
    let d = dir_with(&[
        ("good.md", GOOD.as_bytes()),
        ("quotes.md", quotes.as_bytes()),
        ("lists.md", lists.as_bytes()),
        ("indented.md", indented.as_bytes()),
        ("brackets.md", brackets.as_bytes()),
        ("emphasis.md", emphasis.as_bytes()),
        ("html.md", html.as_bytes()),
    ]);
    let start = Instant::now();
    let (code, v) = check_json(d.path(), &["."]);
    assert!(
        start.elapsed() < Duration::from_secs(300),
        "a pathological draft must not hang"
    );
    assert!(code == 0 || code == 1, "no errors: {}", v["errors"]);
    for name in [
        "quotes.md",
        "lists.md",
        "indented.md",
        "brackets.md",
        "emphasis.md",
        "html.md",
    ] {
        assert!(file_for(&v, name).is_some(), "{name} checked");
    }
    // Block quotes are someone else's words; deep nesting doesn't change that.
    assert!(rules_of(file_for(&v, "quotes.md").unwrap()).is_empty());
    assert!(
        rules_of(file_for(&v, "indented.md").unwrap())
            .iter()
            .any(|r| r == "non-apology")
    );
    assert_good_checked(&v);
}

#[test]
fn empty_and_front_matter_only_files_are_clean() {
    let d = dir_with(&[
        ("empty.md", b""),
        ("blank.md", b"\n\n   \n\t\n"),
        ("bom.md", "\u{feff}".as_bytes()),
        ("yaml.md", b"---\nkind: postmortem\n---\n"),
        ("yaml-no-newline.md", b"---\nkind: postmortem\n---"),
        ("yaml-empty.md", b"---\n---\n"),
        (
            "toml.md",
            b"+++\nkind = \"status-update\"\nphase = \"resolved\"\n+++\n",
        ),
        ("unclosed.md", b"---\nkind: postmortem\n"),
    ]);
    let (code, v) = check_json(d.path(), &["."]);
    assert!(
        v["errors"].as_array().unwrap().is_empty(),
        "{}",
        v["errors"]
    );
    assert!(code == 0 || code == 1);
    for name in ["empty.md", "blank.md", "bom.md", "yaml-empty.md"] {
        let f = file_for(&v, name).unwrap();
        assert!(rules_of(f).is_empty(), "{name}: {:?}", rules_of(f));
    }
    // Front matter only: the declared kind is read; nothing crashes on the empty body.
    assert_eq!(file_for(&v, "yaml.md").unwrap()["kind"], "postmortem");
    assert_eq!(
        file_for(&v, "yaml-no-newline.md").unwrap()["kind"],
        "postmortem"
    );
    assert_eq!(file_for(&v, "toml.md").unwrap()["phase"], "resolved");
    for name in ["yaml.md", "yaml-no-newline.md", "toml.md", "unclosed.md"] {
        let f = file_for(&v, name).unwrap();
        assert!(
            !rules_of(f).iter().any(|r| r == "invalid-front-matter"),
            "{name}"
        );
    }
}

#[test]
fn malformed_front_matter_is_a_finding_and_the_body_is_still_checked() {
    let body = "\nWe apologize for any inconvenience.\n";
    let cases: Vec<(&str, String)> = vec![
        ("toml-syntax.md", format!("+++\nkind = \n+++{body}")),
        (
            "toml-unknown.md",
            format!("+++\nknid = \"postmortem\"\n+++{body}"),
        ),
        ("toml-type.md", format!("+++\npacks = \"us-ca\"\n+++{body}")),
        ("yaml-tab.md", format!("---\nkind:\n\t- x\n---{body}")),
        ("yaml-unknown.md", format!("---\nphse: resolved\n---{body}")),
        ("yaml-bad-kind.md", format!("---\nkind: memo\n---{body}")),
        (
            "yaml-deep.md",
            format!(
                "---\nkind: {}{}\n---{body}",
                "[".repeat(5000),
                "]".repeat(5000)
            ),
        ),
        (
            "yaml-aliases.md",
            // A billion-laughs alias bomb must not expand exponentially.
            format!(
                "---\ntags:\n  a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n  b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n  c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n  d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n  e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n  f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n  g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n  h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n  i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n  z: [*i,*i,*i,*i,*i,*i,*i,*i,*i]\n---{body}"
            ),
        ),
    ];
    let files: Vec<(&str, &[u8])> = cases.iter().map(|(n, t)| (*n, t.as_bytes())).collect();
    let d = dir_with(&files);
    let start = Instant::now();
    let (code, v) = check_json(d.path(), &["."]);
    assert!(
        start.elapsed() < Duration::from_secs(300),
        "a pathological draft must not hang"
    );
    assert_eq!(
        code, 1,
        "front-matter problems are findings (error severity)"
    );
    for (name, text) in &cases {
        let f = file_for(&v, name).unwrap_or_else(|| panic!("{name} checked"));
        let rules = rules_of(f);
        if *name != "yaml-aliases.md" {
            assert!(
                rules.iter().any(|r| r == "invalid-front-matter"),
                "{name}: {rules:?}"
            );
        }
        assert!(
            rules.iter().any(|r| r == "non-apology"),
            "{name}: body still checked: {rules:?}"
        );
        // The front-matter finding points inside the front matter.
        for dg in f["diagnostics"].as_array().unwrap() {
            if dg["rule"] == "invalid-front-matter" {
                let end = dg["span"]["end"].as_u64().unwrap() as usize;
                assert!(end <= text.find(body).unwrap() + 4, "{name}: {dg}");
            }
        }
    }
}

#[test]
fn unknown_config_keys_point_at_the_key_with_a_suggestion() {
    let d = dir_with(&[
        (
            "candor.toml",
            b"fail_on = \"error\"\n\n[[overrides]]\nfiles = [\"status/**\"]\nknid = \"status-update\"\n",
        ),
        ("x.md", GOOD.as_bytes()),
    ]);
    candor()
        .current_dir(d.path())
        .args(["check", "x.md"])
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("unknown field `knid`"))
        .stderr(predicate::str::contains("did you mean `kind`"))
        .stderr(predicate::str::contains("candor.toml:5:1"));
}

/// A user rule file whose one pattern is `tokens` (line 10), guarded by `guard` (line 11).
fn hostile_rule(id: &str, tokens: &str, guard: &str) -> String {
    format!(
        "id = \"{id}\"\nseverity = \"warning\"\nsummary = \"s\"\nmessage = \"m\"\nhelp = \"h\"\n[docs]\nwhat = \"w\"\nwhy = \"y\"\n[[patterns]]\ntokens = '''{tokens}'''\nunless_document = ['''{guard}''']\n"
    )
}

#[test]
fn custom_rule_patterns_cannot_hang_or_crash() {
    // Valid but heavy token patterns, over a draft of one 100,000-word paragraph: huge
    // alternations, nested bounded repetitions, gaps, nesting just under the limit. Matching is
    // bounded per start token, so the run stays linear.
    let words: Vec<String> = (0..20_000).map(|i| format!("w{i}")).collect();
    let sequences: Vec<String> = (0..2_000).map(|i| format!("w{i} x")).collect();
    let heavy = [
        ("acme-long-alternation", format!("{}|a", words.join("|"))),
        // Each alternative tried costs steps of the per-start budget, so the one that matches
        // comes first: the rest are only tried and fail.
        (
            "acme-sequence-alternation",
            format!("( a b | {} )", sequences.join(" | ")),
        ),
        (
            "acme-nested-repetition",
            "( ( a|b ){1,12} _? ){1,12} z?".to_string(),
        ),
        ("acme-gaps", "a _{0,12} _{0,12} _{0,12} b".to_string()),
        (
            "acme-deep-groups",
            format!("{}a b{}", "( ".repeat(30), " )".repeat(30)),
        ),
    ];
    let mut files: Vec<(String, Vec<u8>)> = heavy
        .iter()
        .map(|(id, tokens)| {
            let guard = format!("( {tokens} ) zzz");
            (
                format!("rules/{id}.toml"),
                hostile_rule(id, tokens, &guard).into_bytes(),
            )
        })
        .collect();
    files.push(("candor.toml".into(), b"rule_dirs = [\"rules\"]\n".to_vec()));
    let text = format!("{}!\n\n{}b\n", "a ".repeat(50_000), "a b ".repeat(25_000));
    files.push(("x.md".into(), text.into_bytes()));
    let refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    let d = dir_with(&refs);
    let start = Instant::now();
    let out = candor()
        .current_dir(d.path())
        .args(["check", "--format", "json", "x.md"])
        .output()
        .unwrap();
    assert!(
        start.elapsed() < Duration::from_secs(300),
        "{:?}",
        start.elapsed()
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}); stderr: {stderr}"));
    let ran = rules_of(&v["files"][0]);
    for (id, _) in &heavy {
        assert!(ran.iter().any(|r| r == id), "{id} did not run: {ran:?}");
    }

    // Invalid patterns: a clear error pointing into the file (line 10: `tokens`; line 11: the
    // guard), exit code 2, no panic and no stack overflow.
    let deep = format!("{}a{}", "(".repeat(10_000), ")".repeat(10_000));
    for (tokens, guard, expect, line) in [
        (deep.as_str(), "zzz", "nest more than 32 deep", 10),
        ("zzz", deep.as_str(), "nest more than 32 deep", 11),
        ("a{0,1000000}", "zzz", "repetition must be at most 12", 10),
        (
            "_{0,99999999999999999999999}",
            "zzz",
            "expected {n} or {m,n}",
            10,
        ),
        ("a _*", "zzz", "unbounded", 10),
        (
            "@no_such_family words",
            "zzz",
            "unknown family `@no_such_family`",
            10,
        ),
        ("zzz", "@sorryy", "unknown family `@sorryy`", 11),
        ("a (b c", "zzz", "unclosed group", 10),
        ("[a b", "zzz", "unclosed group", 10),
        ("a b)", "zzz", "unexpected", 10),
        ("a b]", "zzz", "unexpected", 10),
        ("[a] [b]", "zzz", "only one `[ … ]`", 10),
        ("a \"b", "zzz", "unclosed `\"`", 10),
        ("<NOUNS>", "zzz", "unknown tag `<NOUNS>`", 10),
    ] {
        let d = dir_with(&[
            ("candor.toml", b"rule_dirs = [\"rules\"]\n"),
            (
                "rules/bad.toml",
                hostile_rule("acme-bad", tokens, guard).as_bytes(),
            ),
            ("x.md", GOOD.as_bytes()),
        ]);
        let out = candor()
            .current_dir(d.path())
            .args(["check", "x.md"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        let short: String = tokens.chars().take(40).collect();
        assert_eq!(out.status.code(), Some(2), "{short}: {stderr}");
        assert!(!stderr.contains("panicked"), "{short}: {stderr}");
        // miette wraps the message: compare it with the line breaks and margins taken out.
        let flat = stderr.replace('│', " ");
        let flat = flat.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            flat.contains(expect),
            "{short}: expected {expect:?} in {stderr}"
        );
        assert!(
            stderr.contains(&format!("bad.toml:{line}:")),
            "{short}: no span on line {line} in {stderr}"
        );
    }
}

#[cfg(unix)]
#[test]
fn symlink_loops_are_reported_or_skipped() {
    use std::os::unix::fs::symlink;
    let d = dir_with(&[("good.md", GOOD.as_bytes())]);
    let p = d.path();
    symlink(p.join("b.md"), p.join("a.md")).unwrap();
    symlink(p.join("a.md"), p.join("b.md")).unwrap();
    fs::create_dir(p.join("sub")).unwrap();
    symlink(p.join("sub"), p.join("sub/self")).unwrap();
    // Walking the directory: symbolic links are not followed, so the loops are skipped.
    let (code, v) = check_json(p, &["."]);
    assert_eq!(code, 1, "{}", v["errors"]);
    assert_eq!(v["files"].as_array().unwrap().len(), 1);
    assert_good_checked(&v);
    // Named explicitly: a clear error, and the other file is still checked.
    let (code, v) = check_json(p, &["a.md", "good.md"]);
    assert_eq!(code, 2);
    let e = error_for(&v, "a.md").unwrap();
    assert!(e["message"].as_str().unwrap().contains("a.md"), "{e}");
    assert_good_checked(&v);
}

#[cfg(unix)]
#[test]
fn unreadable_files_are_reported() {
    use std::os::unix::fs::PermissionsExt;
    let d = dir_with(&[("good.md", GOOD.as_bytes()), ("secret.md", GOOD.as_bytes())]);
    let secret = d.path().join("secret.md");
    fs::set_permissions(&secret, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&secret).is_ok() {
        eprintln!(
            "skipping the permission assertion: running as root (or with CAP_DAC_OVERRIDE), \
             so mode 000 does not stop reads"
        );
        let (_, v) = check_json(d.path(), &["."]);
        assert_good_checked(&v);
        return;
    }
    let (code, v) = check_json(d.path(), &["."]);
    assert_eq!(code, 2);
    let e = error_for(&v, "secret.md").unwrap();
    assert!(
        e["message"].as_str().unwrap().contains("permission denied"),
        "{e}"
    );
    assert_good_checked(&v);
}

#[test]
fn a_directory_named_like_a_file() {
    let d = dir_with(&[
        ("good.md", GOOD.as_bytes()),
        ("x.md/inner.md", GOOD.as_bytes()),
    ]);
    // Walking: the directory is walked into, never read as a file.
    let (code, v) = check_json(d.path(), &["."]);
    assert_eq!(code, 1, "{}", v["errors"]);
    assert!(file_for(&v, "x.md/inner.md").is_some());
    assert_good_checked(&v);
    // Named explicitly: a directory argument is walked.
    let (code, v) = check_json(d.path(), &["x.md", "good.md"]);
    assert_eq!(code, 1, "{}", v["errors"]);
    assert_eq!(v["files"].as_array().unwrap().len(), 2);
}

#[test]
fn a_path_that_disappears_mid_run() {
    // Collected, then deleted before it is read: the library reports it, others are checked.
    let d = dir_with(&[("good.md", GOOD.as_bytes()), ("gone.md", GOOD.as_bytes())]);
    let linter = candor::Linter::new();
    let mut errors = Vec::new();
    let files = candor::run::collect(
        &linter,
        &[d.path().to_path_buf()],
        &Default::default(),
        &mut errors,
    );
    assert_eq!(files.len(), 2);
    fs::remove_file(d.path().join("gone.md")).unwrap();
    let inputs = files.into_iter().map(candor::run::Input::Path).collect();
    let report = candor::run::check_inputs(&linter, inputs, &Default::default());
    assert_eq!(report.files.len(), 1);
    assert_eq!(report.errors.len(), 1);
    assert!(report.errors[0].message.contains("no such file"));
    assert_eq!(report.exit_code(candor::Severity::Error), 2);

    // Through the CLI: a dangling symbolic link named explicitly.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(d.path().join("nowhere.md"), d.path().join("dangling.md"))
            .unwrap();
        let (code, v) = check_json(d.path(), &["dangling.md", "good.md"]);
        assert_eq!(code, 2);
        assert!(
            error_for(&v, "dangling.md").unwrap()["message"]
                .as_str()
                .unwrap()
                .contains("no such file")
        );
        assert_good_checked(&v);
        // Walking a directory, a dangling link is not a draft: skipped.
        let (code, v) = check_json(d.path(), &["."]);
        assert_eq!(code, 1, "{}", v["errors"]);
    }
}

#[test]
fn candor_never_writes_to_the_files_it_checks() {
    // Without --fix nothing is written, not even a draft whose findings carry safe fixes.
    let d = dir_with(&[
        ("good.md", GOOD.as_bytes()),
        ("sub/b.md", b"Only a few users.\n"),
        (
            "fixable.md",
            b"A \"glitch\" stopped logins.\n\n<!-- candor-disable-next-line hedging -->\nFixed.\n",
        ),
    ]);
    let snapshot = |p: &Path| -> Vec<(String, Vec<u8>, std::time::SystemTime)> {
        let mut v: Vec<_> = walk(p)
            .into_iter()
            .map(|f| {
                let m = fs::metadata(&f).unwrap();
                (
                    f.display().to_string(),
                    fs::read(&f).unwrap(),
                    m.modified().unwrap(),
                )
            })
            .collect();
        v.sort();
        v
    };
    let before = snapshot(d.path());
    for format in [
        "human", "json", "short", "github", "sarif", "rdjson", "html",
    ] {
        candor()
            .current_dir(d.path())
            .args(["check", "--no-config", "--format", format, "."])
            .assert()
            .code(1);
    }
    assert_eq!(before, snapshot(d.path()));
}

fn walk(p: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in fs::read_dir(p).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            out.extend(walk(&e.path()));
        } else {
            out.push(e.path());
        }
    }
    out
}

#[test]
fn human_output_on_a_very_long_line() {
    // miette pads with `{:width$}`, which panics past 65,535 columns: candor used to crash
    // (exit 101) on any finding that far along one line. Now the line is clipped around it.
    let line = format!(
        "{}a small number of users saw errors.\n",
        "the service was slow for some time ".repeat(3000)
    );
    let d = dir_with(&[("long.md", line.as_bytes()), ("good.md", GOOD.as_bytes())]);
    let out = candor()
        .current_dir(d.path())
        .args(["check", "--no-config", "long.md", "good.md"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("[long.md:1:105001]"), "{stdout}");
    assert!(stdout.contains("a small number of users"));
    assert!(
        stdout.len() < 20_000,
        "the long line is clipped: {} bytes",
        stdout.len()
    );
    assert!(
        stdout.contains("candor::non-apology"),
        "good.md still rendered"
    );
}
