//! Optional front matter: YAML between `---` lines or TOML between `+++` lines.

use serde::Deserialize;
use std::collections::BTreeMap;

/// What a document may declare about itself.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct FrontMatter {
    pub kind: Option<String>,
    pub phase: Option<String>,
    pub audience: Option<String>,
    /// Regulatory packs to enable for this document (e.g. `us-ca`, `eu-gdpr`).
    pub packs: Vec<String>,
    /// Declares the time zone of every bare clock time in the document.
    pub times_tz: Option<String>,
    /// Who reported the issue: a name, `anonymous` or `none`.
    pub reported_by: Option<String>,
    pub jurisdictions: Vec<String>,
    pub data_exposed: Option<serde_json::Value>,
    pub title: Option<String>,
    pub date: Option<serde_json::Value>,
    pub author: Option<serde_json::Value>,
    pub tags: Option<serde_json::Value>,
    /// Per-document rule overrides: `rule-id: off|info|warning|error`.
    pub rules: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrontMatterSyntax {
    Yaml,
    Toml,
}

/// Where the front matter sits in the file.
#[derive(Debug, Clone)]
pub struct FrontMatterBlock {
    pub syntax: FrontMatterSyntax,
    /// Whole block including both fences (and the newline after the closing fence).
    pub start: usize,
    pub end: usize,
    /// The content between the fences.
    pub content_start: usize,
    pub content_end: usize,
}

/// A front-matter parse error, with a byte span into the file.
#[derive(Debug, Clone)]
pub struct FrontMatterError {
    pub message: String,
    pub start: usize,
    pub end: usize,
}

/// Finds a front-matter block at the very start of `text` (after an optional BOM).
pub fn locate(text: &str) -> Option<FrontMatterBlock> {
    let offset = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &text[offset..];
    let (fence, syntax) = if rest.starts_with("---") {
        ("---", FrontMatterSyntax::Yaml)
    } else if rest.starts_with("+++") {
        ("+++", FrontMatterSyntax::Toml)
    } else {
        return None;
    };
    let first_nl = rest.find('\n')?;
    if rest[..first_nl].trim_end() != fence {
        return None;
    }
    let content_start = offset + first_nl + 1;
    let mut pos = content_start;
    for line in text[content_start..].split_inclusive('\n') {
        if line.trim_end() == fence {
            let end = pos + line.len();
            return Some(FrontMatterBlock {
                syntax,
                start: offset,
                end,
                content_start,
                content_end: pos,
            });
        }
        pos += line.len();
    }
    None
}

pub fn parse(text: &str, block: &FrontMatterBlock) -> Result<FrontMatter, FrontMatterError> {
    let content = &text[block.content_start..block.content_end];
    let whole = |message: String| FrontMatterError {
        message,
        start: block.start,
        end: block.content_end.max(block.start + 3),
    };
    match block.syntax {
        FrontMatterSyntax::Toml => toml::from_str::<FrontMatter>(content).map_err(|e| {
            let (s, e2) = e
                .span()
                .map(|r| (block.content_start + r.start, block.content_start + r.end))
                .unwrap_or((block.start, block.content_end));
            FrontMatterError {
                message: e.message().to_string(),
                start: s,
                end: e2.max(s),
            }
        }),
        FrontMatterSyntax::Yaml => {
            if content.trim().is_empty() {
                return Ok(FrontMatter::default());
            }
            serde_saphyr::from_str::<FrontMatter>(content).map_err(|e| {
                let msg = e.to_string();
                match yaml_error_offset(&msg, content) {
                    Some(off) => {
                        let s = block.content_start + off;
                        let end = text[s..block.content_end]
                            .find('\n')
                            .map_or(block.content_end, |i| s + i);
                        FrontMatterError {
                            message: first_line(&msg),
                            start: s,
                            end: end.max(s),
                        }
                    }
                    None => whole(first_line(&msg)),
                }
            })
        }
    }
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or(s).trim().to_string()
}

/// serde-saphyr reports "line N column M"; turn that into a byte offset into `content`.
fn yaml_error_offset(msg: &str, content: &str) -> Option<usize> {
    let lower = msg.to_lowercase();
    let i = lower.find("line ")?;
    let digits: String = lower[i + 5..].chars().take_while(|c| c.is_ascii_digit()).collect();
    let line: usize = digits.parse().ok()?;
    let mut off = 0;
    for (n, l) in content.split_inclusive('\n').enumerate() {
        if n + 1 == line {
            return Some(off + (l.len() - l.trim_start().len()));
        }
        off += l.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_and_toml() {
        let y = "---\nkind: postmortem\nphase: resolved\n---\n# Title\n";
        let b = locate(y).unwrap();
        assert_eq!(&y[b.end..], "# Title\n");
        let fm = parse(y, &b).unwrap();
        assert_eq!(fm.kind.as_deref(), Some("postmortem"));

        let t = "+++\nkind = \"breach-notice\"\npacks = [\"us-ca\"]\n+++\nBody";
        let b = locate(t).unwrap();
        let fm = parse(t, &b).unwrap();
        assert_eq!(fm.packs, vec!["us-ca".to_string()]);
    }

    #[test]
    fn unclosed_is_not_front_matter() {
        assert!(locate("---\nkind: x\nno end").is_none());
        assert!(locate("--- not a fence\n---\n").is_none());
    }

    #[test]
    fn errors_point_into_the_block() {
        let t = "+++\nkind = \n+++\n";
        let b = locate(t).unwrap();
        let e = parse(t, &b).unwrap_err();
        assert!(e.start >= b.start && e.end <= b.end, "{e:?}");
        let y = "---\nkind: [unclosed\n---\n";
        let b = locate(y).unwrap();
        assert!(parse(y, &b).is_err());
        let y = "---\nknid: postmortem\n---\n";
        let b = locate(y).unwrap();
        let e = parse(y, &b).unwrap_err();
        assert!(e.message.contains("knid"), "{}", e.message);
    }
}
