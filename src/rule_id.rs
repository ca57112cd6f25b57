//! What a rule id may look like. Ids appear in `candor.toml`, front matter, suppression
//! comments, URLs (`docs/rules.md#<id>`) and SARIF, so they are kebab-case ASCII: lower-case
//! letters and digits in words joined by single hyphens, starting with a letter.

/// The longest id accepted: long enough for `acme-minimizing-scope-in-breach-letters`.
pub const MAX_LEN: usize = 64;

/// `Ok` for a valid id, or why it is not one (with a valid id to use instead, when one can be
/// made from it).
pub fn validate_rule_id(id: &str) -> Result<(), String> {
    let problem = if id.is_empty() {
        "is empty"
    } else if id.len() > MAX_LEN {
        "is longer than 64 characters"
    } else if !id.starts_with(|c: char| c.is_ascii_lowercase()) {
        "does not start with a lower-case letter"
    } else if !id
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        "has characters other than lower-case letters, digits and `-`"
    } else if id.ends_with('-') || id.contains("--") {
        "has an empty word (a hyphen at the end, or two in a row)"
    } else {
        return Ok(());
    };
    let hint = match kebab_case(id) {
        Some(s) if s != id => format!("; for example `{s}`"),
        _ => String::new(),
    };
    Err(format!(
        "`{id}` is not a valid id: it {problem}. Ids are kebab-case: lower-case letters and digits in words joined by `-`, starting with a letter{hint}"
    ))
}

/// Whether `id` names one of the `known` rules; a `group/*` entry accepts every id in the
/// group (`grammar/COULD_OF`).
pub fn is_known(id: &str, known: &[String]) -> bool {
    known.iter().any(|k| {
        k == id
            || k.strip_suffix('*').is_some_and(|group| {
                group.ends_with('/') && id.len() > group.len() && id.starts_with(group)
            })
    })
}

/// The known id closest to a misspelt `id`, for a "did you mean".
pub fn closest_known<'a>(id: &str, known: &'a [String]) -> Option<&'a str> {
    crate::config::closest(
        id,
        known
            .iter()
            .map(String::as_str)
            .filter(|k| !k.ends_with('*')),
    )
}

/// The kebab-case form of `s` ("Working Hard!" → `working-hard`), if it has any letters.
fn kebab_case(s: &str) -> Option<String> {
    let words: Vec<String> = s
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    let id = words.join("-");
    let id = id.trim_start_matches(|c: char| c.is_ascii_digit() || c == '-');
    let id: String = id.chars().take(MAX_LEN).collect();
    let id = id.trim_end_matches('-');
    (!id.is_empty()).then(|| id.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kebab_case_ids_pass() {
        for id in ["hedging", "acme-no-eta", "us-ca-2024", "x1"] {
            assert_eq!(validate_rule_id(id), Ok(()), "{id}");
        }
    }

    #[test]
    fn other_ids_fail_with_a_suggestion() {
        let e = validate_rule_id("Working Hard!").unwrap_err();
        assert!(e.contains("for example `working-hard`"), "{e}");
        for id in [
            "",
            "-x",
            "x-",
            "a--b",
            "1st",
            "a_b",
            "a/b",
            "é",
            &"a".repeat(65),
        ] {
            assert!(validate_rule_id(id).is_err(), "{id:?}");
        }
        assert!(!validate_rule_id("!!!").unwrap_err().contains("for example"));
    }
}
