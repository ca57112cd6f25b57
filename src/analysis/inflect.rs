//! English inflection: every form of a verb or noun from its base form, so word families in
//! rule data list lemmas ("apologize", "deploy", "fraction") and match every form
//! ("apologised", "deploying", "fractions").
//!
//! Generation over-produces rather than guesses: "stop" yields both "stoped" and "stopped",
//! because deciding consonant doubling needs stress; a form that is not a word never occurs in
//! text, so it costs nothing.

/// Irregular verbs: base, past tense, past participle (alternatives separated by `/`).
const IRREGULAR: &[(&str, &str, &str)] = &[
    ("arise", "arose", "arisen"),
    ("awake", "awoke", "awoken"),
    ("be", "was/were", "been"),
    ("bear", "bore", "borne/born"),
    ("beat", "beat", "beaten"),
    ("become", "became", "become"),
    ("begin", "began", "begun"),
    ("bend", "bent", "bent"),
    ("bet", "bet", "bet"),
    ("bind", "bound", "bound"),
    ("bite", "bit", "bitten"),
    ("blow", "blew", "blown"),
    ("break", "broke", "broken"),
    ("bring", "brought", "brought"),
    ("build", "built", "built"),
    ("burn", "burnt/burned", "burnt/burned"),
    ("burst", "burst", "burst"),
    ("buy", "bought", "bought"),
    ("cast", "cast", "cast"),
    ("catch", "caught", "caught"),
    ("choose", "chose", "chosen"),
    ("come", "came", "come"),
    ("cost", "cost", "cost"),
    ("creep", "crept", "crept"),
    ("cut", "cut", "cut"),
    ("deal", "dealt", "dealt"),
    ("dig", "dug", "dug"),
    ("do", "did", "done"),
    ("draw", "drew", "drawn"),
    ("drink", "drank", "drunk"),
    ("drive", "drove", "driven"),
    ("eat", "ate", "eaten"),
    ("fall", "fell", "fallen"),
    ("feed", "fed", "fed"),
    ("feel", "felt", "felt"),
    ("fight", "fought", "fought"),
    ("find", "found", "found"),
    ("flee", "fled", "fled"),
    ("fly", "flew", "flown"),
    ("forbid", "forbade", "forbidden"),
    ("forget", "forgot", "forgotten"),
    ("forgive", "forgave", "forgiven"),
    ("freeze", "froze", "frozen"),
    ("get", "got", "got/gotten"),
    ("give", "gave", "given"),
    ("go", "went", "gone"),
    ("grow", "grew", "grown"),
    ("hang", "hung", "hung"),
    ("have", "had", "had"),
    ("hear", "heard", "heard"),
    ("hide", "hid", "hidden"),
    ("hit", "hit", "hit"),
    ("hold", "held", "held"),
    ("hurt", "hurt", "hurt"),
    ("keep", "kept", "kept"),
    ("know", "knew", "known"),
    ("lay", "laid", "laid"),
    ("lead", "led", "led"),
    ("leap", "leapt/leaped", "leapt/leaped"),
    ("learn", "learnt/learned", "learnt/learned"),
    ("leave", "left", "left"),
    ("lend", "lent", "lent"),
    ("let", "let", "let"),
    ("lie", "lay", "lain"),
    ("light", "lit", "lit"),
    ("lose", "lost", "lost"),
    ("make", "made", "made"),
    ("mean", "meant", "meant"),
    ("meet", "met", "met"),
    ("pay", "paid", "paid"),
    ("put", "put", "put"),
    ("quit", "quit", "quit"),
    ("read", "read", "read"),
    ("rid", "rid", "rid"),
    ("ride", "rode", "ridden"),
    ("ring", "rang", "rung"),
    ("rise", "rose", "risen"),
    ("run", "ran", "run"),
    ("say", "said", "said"),
    ("see", "saw", "seen"),
    ("seek", "sought", "sought"),
    ("sell", "sold", "sold"),
    ("send", "sent", "sent"),
    ("set", "set", "set"),
    ("shake", "shook", "shaken"),
    ("shed", "shed", "shed"),
    ("shine", "shone", "shone"),
    ("shoot", "shot", "shot"),
    ("show", "showed", "shown/showed"),
    ("shrink", "shrank", "shrunk"),
    ("shut", "shut", "shut"),
    ("sing", "sang", "sung"),
    ("sink", "sank", "sunk"),
    ("sit", "sat", "sat"),
    ("sleep", "slept", "slept"),
    ("slide", "slid", "slid"),
    ("speak", "spoke", "spoken"),
    ("speed", "sped", "sped"),
    ("spend", "spent", "spent"),
    ("spill", "spilt/spilled", "spilt/spilled"),
    ("split", "split", "split"),
    ("spread", "spread", "spread"),
    ("spring", "sprang", "sprung"),
    ("stand", "stood", "stood"),
    ("steal", "stole", "stolen"),
    ("stick", "stuck", "stuck"),
    ("sting", "stung", "stung"),
    ("strike", "struck", "struck"),
    ("swear", "swore", "sworn"),
    ("sweep", "swept", "swept"),
    ("swim", "swam", "swum"),
    ("swing", "swung", "swung"),
    ("take", "took", "taken"),
    ("teach", "taught", "taught"),
    ("tear", "tore", "torn"),
    ("tell", "told", "told"),
    ("think", "thought", "thought"),
    ("throw", "threw", "thrown"),
    ("understand", "understood", "understood"),
    ("wake", "woke", "woken"),
    ("wear", "wore", "worn"),
    ("win", "won", "won"),
    ("wind", "wound", "wound"),
    ("withdraw", "withdrew", "withdrawn"),
    ("write", "wrote", "written"),
];

/// Prefixes that keep a verb irregular: "overwritten", "mislaid", "rebuilt", "undone".
const PREFIXES: &[&str] = &[
    "over", "under", "mis", "re", "un", "with", "out", "fore", "up",
];

fn irregular(base: &str) -> Option<(String, Vec<String>, Vec<String>)> {
    let split = |s: &str, prefix: &str| -> Vec<String> {
        s.split('/').map(|f| format!("{prefix}{f}")).collect()
    };
    if let Some(&(b, past, pp)) = IRREGULAR.iter().find(|(b, _, _)| *b == base) {
        return Some((b.to_string(), split(past, ""), split(pp, "")));
    }
    for p in PREFIXES {
        if let Some(rest) = base.strip_prefix(p)
            && let Some(&(_, past, pp)) = IRREGULAR.iter().find(|(b, _, _)| *b == rest)
            && rest.len() > 2
        {
            return Some((base.to_string(), split(past, p), split(pp, p)));
        }
    }
    None
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// "-s"/"-es"/"-ies": the third person singular of a verb, or a noun's regular plural.
fn s_form(w: &str) -> String {
    let mut chars = w.chars().rev();
    let (last, before) = (chars.next().unwrap_or(' '), chars.next().unwrap_or(' '));
    if last == 'y' && !is_vowel(before) {
        format!("{}ies", &w[..w.len() - 1])
    } else if w.ends_with(['s', 'x', 'z']) || w.ends_with("ch") || w.ends_with("sh") {
        format!("{w}es")
    } else {
        format!("{w}s")
    }
}

/// Regular "-ed" forms (with and without a doubled final consonant where one could double).
fn ed_forms(w: &str) -> Vec<String> {
    let chars: Vec<char> = w.chars().collect();
    let n = chars.len();
    if n == 0 {
        return Vec::new();
    }
    let last = chars[n - 1];
    if last == 'e' {
        return vec![format!("{w}d")];
    }
    if last == 'y' && n > 1 && !is_vowel(chars[n - 2]) {
        return vec![format!("{}ied", &w[..w.len() - 1])];
    }
    let mut v = vec![format!("{w}ed")];
    if doubles(&chars) {
        v.push(format!("{w}{last}ed"));
    }
    v
}

fn ing_forms(w: &str) -> Vec<String> {
    let chars: Vec<char> = w.chars().collect();
    let n = chars.len();
    if n == 0 {
        return Vec::new();
    }
    if let Some(stem) = w.strip_suffix("ie") {
        return vec![format!("{stem}ying")];
    }
    if chars[n - 1] == 'e'
        && n > 2
        && !w.ends_with("ee")
        && !w.ends_with("ye")
        && !w.ends_with("oe")
    {
        return vec![format!("{}ing", &w[..w.len() - 1])];
    }
    let mut v = vec![format!("{w}ing")];
    if doubles(&chars) {
        v.push(format!("{w}{}ing", chars[n - 1]));
    }
    v
}

/// Consonant-vowel-consonant endings that may double before a suffix ("stop" → "stopped").
fn doubles(chars: &[char]) -> bool {
    let n = chars.len();
    n >= 3
        && !is_vowel(chars[n - 1])
        && !matches!(chars[n - 1], 'w' | 'x' | 'y')
        && is_vowel(chars[n - 2])
        && !is_vowel(chars[n - 3])
}

/// Is `w` the past participle of an irregular verb ("written", "mislaid", "rebuilt")?
pub fn is_irregular_participle(w: &str) -> bool {
    static PARTICIPLES: std::sync::LazyLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::LazyLock::new(|| {
            IRREGULAR
                .iter()
                .flat_map(|(_, _, pp)| pp.split('/'))
                .collect()
        });
    let is_pp = |x: &str| PARTICIPLES.contains(x);
    is_pp(w)
        || PREFIXES.iter().any(|p| {
            w.strip_prefix(p)
                .is_some_and(|rest| rest.len() > 2 && is_pp(rest))
        })
}

/// Is `w` the simple past of an irregular verb ("wrote", "ran", "took")?
pub fn is_irregular_past(w: &str) -> bool {
    static PAST: std::sync::LazyLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::LazyLock::new(|| {
            IRREGULAR
                .iter()
                .flat_map(|(_, past, _)| past.split('/'))
                .collect()
        });
    PAST.contains(w)
        || PREFIXES.iter().any(|p| {
            w.strip_prefix(p)
                .is_some_and(|rest| rest.len() > 2 && PAST.contains(rest))
        })
}

/// A crude stem for comparing two forms of one verb: irregular forms map to their base, and
/// regular endings are removed ("applied" and "apply" → "appl", "changed" and "change" →
/// "chang", "ran" and "run" → "run").
pub fn stem(w: &str) -> String {
    static BASES: std::sync::LazyLock<rustc_hash::FxHashMap<&'static str, &'static str>> =
        std::sync::LazyLock::new(|| {
            let mut m = rustc_hash::FxHashMap::default();
            for (base, past, pp) in IRREGULAR {
                for f in past.split('/').chain(pp.split('/')) {
                    m.insert(f, *base);
                }
            }
            m
        });
    let base = BASES.get(w).copied().unwrap_or(w);
    let mut s = base.to_string();
    for suffix in ["ing", "ied", "ies", "ed", "es", "s", "e", "y"] {
        if s.len() > suffix.len() + 2 && s.ends_with(suffix) {
            s.truncate(s.len() - suffix.len());
            break;
        }
    }
    // "stopped" → "stopp" → "stop".
    let b = s.as_bytes();
    if b.len() > 3 && b[b.len() - 1] == b[b.len() - 2] && !is_vowel(b[b.len() - 1] as char) {
        s.pop();
    }
    s
}

/// Every form of a verb: base, third person, past, past participle, present participle.
pub fn verb_forms(base: &str) -> Vec<String> {
    // Phrasal verbs inflect their first word: "roll back" → "rolled back".
    if let Some((head, rest)) = base.split_once(' ') {
        return verb_forms(head)
            .into_iter()
            .map(|h| format!("{h} {rest}"))
            .collect();
    }
    let mut v = vec![base.to_string(), s_form(base)];
    if base == "be" {
        v.extend(["am", "is", "are", "was", "were", "been", "being"].map(String::from));
        return v;
    }
    if base == "have" {
        v = vec!["have".into(), "has".into(), "had".into(), "having".into()];
        return v;
    }
    if base == "do" {
        v = ["do", "does", "did", "done", "doing"]
            .map(String::from)
            .to_vec();
        return v;
    }
    if base == "go" {
        v.push("goes".into());
    }
    match irregular(base) {
        Some((_, past, pp)) => {
            v.extend(past);
            v.extend(pp);
        }
        None => v.extend(ed_forms(base)),
    }
    v.extend(ing_forms(base));
    v.sort();
    v.dedup();
    v
}

/// Singular and plural of a noun.
pub fn noun_forms(base: &str) -> Vec<String> {
    if let Some((head, last)) = base.rsplit_once(' ') {
        return noun_forms(last)
            .into_iter()
            .map(|l| format!("{head} {l}"))
            .collect();
    }
    const IRREGULAR_PLURALS: &[(&str, &str)] = &[
        ("person", "people"),
        ("child", "children"),
        ("man", "men"),
        ("woman", "women"),
        ("datum", "data"),
        ("medium", "media"),
        ("analysis", "analyses"),
        ("crisis", "crises"),
        ("criterion", "criteria"),
        ("index", "indices"),
        ("life", "lives"),
    ];
    let mut v = vec![base.to_string(), s_form(base)];
    for (s, p) in IRREGULAR_PLURALS {
        if base == *s {
            v.push(p.to_string());
        }
    }
    v
}

/// Every form of a word used as a verb and as a noun.
pub fn all_forms(base: &str) -> Vec<String> {
    let mut v = verb_forms(base);
    v.extend(noun_forms(base));
    v.sort();
    v.dedup();
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(forms: Vec<String>, want: &[&str]) {
        for w in want {
            assert!(forms.iter().any(|f| f == w), "{w} missing from {forms:?}");
        }
    }

    #[test]
    fn verbs() {
        has(
            verb_forms("apologize"),
            &["apologizes", "apologized", "apologizing"],
        );
        has(verb_forms("deploy"), &["deploys", "deployed", "deploying"]);
        has(verb_forms("stop"), &["stopped", "stopping", "stops"]);
        has(verb_forms("apply"), &["applies", "applied", "applying"]);
        has(verb_forms("overwrite"), &["overwrote", "overwritten"]);
        has(verb_forms("mislay"), &["mislaid"]);
        has(verb_forms("roll back"), &["rolled back", "rolling back"]);
        has(verb_forms("be"), &["was", "were", "been", "is"]);
        has(verb_forms("lose"), &["lost", "losing"]);
    }

    #[test]
    fn nouns() {
        has(noun_forms("apology"), &["apologies"]);
        has(noun_forms("glitch"), &["glitches"]);
        has(noun_forms("person"), &["people"]);
        has(noun_forms("confluence of event"), &["confluence of events"]);
    }
}
