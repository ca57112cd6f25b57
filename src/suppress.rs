//! Inline suppression comments:
//!
//! * `<!-- candor-disable RULE [RULE …] -->` … `<!-- candor-enable RULE -->`: a region
//!   (no rule named: every rule; no enable: to the end of the file);
//! * `<!-- candor-disable-next-line RULE -->`: the next non-blank line.
//!
//! A directive that suppresses nothing is reported as `unused-suppression`, so stale
//! suppressions do not pile up; so is a rule id no rule has, with the closest id. A directive
//! naming only rules that are turned off (config or front matter) is not unused: it is ready
//! for when the rule is turned back on, and a config change must not fail CI.

use crate::diagnostic::{Applicability, Finding, Fix, Severity};
use crate::document::Document;
use crate::lazy_regex::LazyRegex;

pub const UNUSED_RULE: &str = "unused-suppression";

#[derive(Debug, Clone)]
struct Directive {
    /// Span of the comment.
    start: usize,
    end: usize,
    rules: Vec<String>,
    /// The byte range it covers.
    from: usize,
    to: usize,
    used: bool,
}

static DIRECTIVE: LazyRegex =
    LazyRegex::new(r"<!--\s*candor-(disable-next-line|disable|enable)\b([^>]*?)-->");

fn parse_rules(s: &str) -> Vec<String> {
    s.split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// What the directives may name: every rule id (`group/*` accepts a group's rules), and
/// whether a rule is turned off for this document.
pub struct Known<'a> {
    pub rule_ids: &'a [String],
    pub is_off: &'a dyn Fn(&str) -> bool,
}

impl Known<'_> {
    fn has(&self, id: &str) -> bool {
        crate::rule_id::is_known(id, self.rule_ids)
    }
}

/// A document's suppression comments: `(start, end, text)`, shifted by `offset` (a part's
/// start in the file). Markdown comments come from the parser (so examples inside code blocks
/// are ignored); plain text has no parser-found comments, so its raw view is scanned.
pub fn comments(doc: &Document, offset: usize) -> Vec<(usize, usize, String)> {
    if doc.comments.is_empty() {
        DIRECTIVE
            .find_iter(&doc.raw)
            .map(|m| (offset + m.start(), offset + m.end(), m.as_str().to_string()))
            .collect()
    } else {
        doc.comments
            .iter()
            .map(|c| {
                (
                    offset + c.start,
                    offset + c.end,
                    format!("<!-- {} -->", c.body),
                )
            })
            .collect()
    }
}

/// The directives of a document, read in order: a large document checked in parts adds each
/// part's comments before filtering its findings. A directive only covers text after it, so
/// the directives read so far decide every finding up to the end of the part being read.
#[derive(Debug, Default)]
pub struct Suppressions {
    directives: Vec<Directive>,
}

impl Suppressions {
    /// Adds the directives among `comments` (file offsets, in order; see [`comments`]);
    /// `source` is the whole file.
    pub fn add(&mut self, source: &str, comments: Vec<(usize, usize, String)>) {
        for (start, end, text) in comments {
            let Some(caps) = DIRECTIVE.captures(&text) else {
                continue;
            };
            let rules = parse_rules(&caps[2]);
            match &caps[1] {
                "disable-next-line" => {
                    let (from, to) = next_line(source, end);
                    self.directives.push(Directive {
                        start,
                        end,
                        rules,
                        from,
                        to,
                        used: false,
                    });
                }
                "disable" => self.directives.push(Directive {
                    start,
                    end,
                    rules,
                    from: end,
                    to: source.len(),
                    used: false,
                }),
                _ => {
                    // Close the open regions this enable names (or all of them).
                    for d in self.directives.iter_mut().rev() {
                        if d.to == source.len()
                            && (rules.is_empty()
                                || d.rules.iter().any(|r| rules.contains(r))
                                || d.rules.is_empty())
                        {
                            d.to = start;
                        }
                    }
                }
            }
        }
    }

    /// The findings no directive covers; the directives that cover one are marked used.
    pub fn filter(&mut self, findings: Vec<Finding>) -> Vec<Finding> {
        if self.directives.is_empty() {
            return findings;
        }
        let mut kept = Vec::with_capacity(findings.len());
        'outer: for f in findings {
            for d in self.directives.iter_mut() {
                // Naming a group (`grammar`) covers its rules (`grammar/COULD_OF`).
                let rule_match = d.rules.is_empty()
                    || d.rules.iter().any(|r| {
                        *r == f.rule
                            || f.rule
                                .strip_prefix(r.as_str())
                                .is_some_and(|rest| rest.starts_with('/'))
                    });
                // A document-level finding (missing element) is covered by any directive that
                // names its rule explicitly, wherever the directive sits.
                let covers = (f.start >= d.from && f.start < d.to.max(d.from + 1))
                    || (f.document_level && !d.rules.is_empty());
                if rule_match && covers {
                    d.used = true;
                    continue 'outer;
                }
            }
            kept.push(f);
        }
        kept
    }

    /// `unused-suppression` findings: unknown rule ids, and directives that suppressed nothing
    /// though they could have. Call once every finding has been filtered.
    pub fn unused(&self, source: &str, known: &Known) -> Vec<Finding> {
        let mut out = Vec::new();
        for d in &self.directives {
            let (unknown, named): (Vec<&String>, Vec<&String>) =
                d.rules.iter().partition(|r| !known.has(r));
            for id in unknown {
                out.push(unknown_rule(source, d, id, known));
            }
            // Unused only if it could have suppressed something: it names every rule, or a
            // rule that is on.
            let could_apply = d.rules.is_empty() || named.iter().any(|r| !(known.is_off)(r));
            if d.used || !could_apply {
                continue;
            }
            let what = if d.rules.is_empty() {
                "any rule".to_string()
            } else {
                named
                    .iter()
                    .map(|r| r.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            out.push(
                Finding::new(UNUSED_RULE, Severity::Warning, d.start, d.end)
                    .message(format!("This suppression of {what} suppresses nothing"))
                    .help("Remove the comment, or fix the rule id: `candor rules` lists every id.")
                    .fix(remove_comment(source, d.start, d.end)),
            );
        }
        out
    }
}

/// "Unknown rule `minimising-scope` … did you mean `minimizing-scope`?", pointing at the id,
/// with the closest id as a fix.
fn unknown_rule(source: &str, d: &Directive, id: &str, known: &Known) -> Finding {
    let (start, end) = source[d.start..d.end]
        .find(id)
        .map_or((d.start, d.end), |i| (d.start + i, d.start + i + id.len()));
    let closest = crate::rule_id::closest_known(id, known.rule_ids);
    let f = Finding::new(UNUSED_RULE, Severity::Warning, start, end)
        .message(format!("Unknown rule `{id}` in this suppression"));
    match closest {
        Some(s) => f
            .help(format!(
                "Did you mean `{s}`? `candor rules` lists every id."
            ))
            .replace(format!("use `{s}`"), s, Applicability::Unsafe),
        None => f.help("Fix the rule id: `candor rules` lists every id."),
    }
}

/// Deletes a comment; when it is alone on its line, the line goes too.
fn remove_comment(src: &str, start: usize, end: usize) -> Fix {
    let line_start = src[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = src[end..].find('\n').map_or(src.len(), |i| end + i + 1);
    let alone = src[line_start..start].trim().is_empty() && src[end..line_end].trim().is_empty();
    let (s, e) = if alone {
        (line_start, line_end)
    } else {
        (start, end)
    };
    Fix::new(
        "remove the comment",
        Applicability::Safe,
        vec![(s, e, String::new())],
    )
}

/// The byte range of the first non-blank line after `pos`.
fn next_line(src: &str, pos: usize) -> (usize, usize) {
    let after = src[pos..].find('\n').map_or(src.len(), |i| pos + i + 1);
    let mut start = after;
    for line in src[after..].split_inclusive('\n') {
        if !line.trim().is_empty() {
            return (start, start + line.trim_end_matches(['\n', '\r']).len());
        }
        start += line.len();
    }
    (src.len(), src.len())
}
