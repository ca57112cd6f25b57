//! From findings to diagnostics, part by part: suppressions, rule settings (off, severity),
//! one finding per rule and span, the per-rule limit, and source order. A document checked in
//! parts hands each part's findings over as they are made, so only the findings that will be
//! reported are held, however many the rules make.

use crate::config::RuleSetting;
use crate::diagnostic::Finding;
use crate::finding_cap::Cap;
use crate::suppress::{Known, Suppressions};
use std::collections::{BTreeMap, HashSet};

pub(super) struct Collector<'a> {
    settings: &'a BTreeMap<String, RuleSetting>,
    suppressions: Suppressions,
    cap: Cap,
    kept: Vec<Finding>,
    /// The parts' document-level findings (the reading grade), one per rule: a directive
    /// anywhere that names the rule covers them, so they wait for the last part.
    held: Vec<Finding>,
    /// (rule, key) of the findings made once per document, from earlier parts.
    once: HashSet<(String, String)>,
}

impl<'a> Collector<'a> {
    pub(super) fn new(settings: &'a BTreeMap<String, RuleSetting>, max_per_rule: usize) -> Self {
        Collector {
            settings,
            suppressions: Suppressions::default(),
            cap: Cap::new(max_per_rule),
            kept: Vec::new(),
            held: Vec::new(),
            once: HashSet::new(),
        }
    }

    /// A part's suppression comments and findings, in file offsets; parts come in order.
    pub(super) fn part(
        &mut self,
        source: &str,
        comments: Vec<(usize, usize, String)>,
        findings: Vec<Finding>,
    ) {
        self.suppressions.add(source, comments);
        let once = &mut self.once;
        let (document_level, local): (Vec<Finding>, Vec<Finding>) = findings
            .into_iter()
            .filter(|f| match &f.once_per_document {
                Some(key) => once.insert((f.rule.clone(), key.clone())),
                None => true,
            })
            .partition(|f| f.document_level);
        for f in document_level {
            if !self.held.iter().any(|h| h.rule == f.rule) {
                self.held.push(f);
            }
        }
        let local = self.suppressions.filter(local);
        self.admit(local);
    }

    /// The kept findings by position, with the document's own findings (`end`: policies,
    /// packs, front matter), unused suppressions and the per-rule summaries.
    pub(super) fn finish(mut self, source: &str, known: &Known, end: Vec<Finding>) -> Vec<Finding> {
        let mut last = std::mem::take(&mut self.held);
        last.extend(end);
        let mut last = self.suppressions.filter(last);
        last.extend(self.suppressions.unused(source, known));
        self.admit(last);
        let mut kept = self.kept;
        kept.extend(self.cap.summaries());
        kept.sort_by(by_position);
        kept
    }

    /// Settings, then one finding per rule and span, then the per-rule limit.
    fn admit(&mut self, findings: Vec<Finding>) {
        let mut findings: Vec<Finding> = findings
            .into_iter()
            .filter_map(|mut f| {
                f.severity = match setting_for(self.settings, &f.rule) {
                    Some(RuleSetting::Off) => return None,
                    Some(RuleSetting::Severity(s)) => *s,
                    _ => f.severity,
                };
                Some(f)
            })
            .collect();
        findings.sort_by(by_position);
        for f in dedup(findings) {
            if let Some(f) = self.cap.admit(f) {
                self.kept.push(f);
            }
        }
    }
}

/// The one de-duplication pass: two patterns of one rule can match overlapping text
/// ("{{name}}" and "{name}", "a small number" and "a small number of users"): the longest
/// finding stays. `findings` are sorted by position.
fn dedup(findings: Vec<Finding>) -> Vec<Finding> {
    let mut kept: Vec<Finding> = Vec::with_capacity(findings.len());
    for f in findings {
        // Sorted by start: an overlapping finding is among the last few kept.
        let recent = kept.len().saturating_sub(8);
        let overlapped = kept[recent..]
            .iter()
            .rposition(|k| {
                k.rule == f.rule
                    && !f.document_level
                    && !k.document_level
                    && k.start < f.end.max(f.start + 1)
                    && f.start < k.end
            })
            .map(|i| recent + i);
        match overlapped {
            Some(i) if f.end - f.start > kept[i].end - kept[i].start => kept[i] = f,
            Some(_) => {}
            None => kept.push(f),
        }
    }
    kept
}

fn by_position(a: &Finding, b: &Finding) -> std::cmp::Ordering {
    (a.start, std::cmp::Reverse(a.end), &a.rule).cmp(&(b.start, std::cmp::Reverse(b.end), &b.rule))
}

/// A rule's setting; a grouped id (`grammar/COULD_OF`) falls back to its group's (`grammar`).
pub(super) fn setting_for<'a>(
    settings: &'a BTreeMap<String, RuleSetting>,
    rule: &str,
) -> Option<&'a RuleSetting> {
    settings
        .get(rule)
        .or_else(|| rule.split_once('/').and_then(|(g, _)| settings.get(g)))
}
