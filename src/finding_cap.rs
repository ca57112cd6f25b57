//! At most `max` findings of one rule in one file; the rest become one summary finding that
//! says how many more there are. A pathological draft (a template pasted ten thousand times)
//! then yields a report, and output, bounded by the number of rules rather than by its size,
//! while the exit status and the summary still reflect every finding.

use crate::diagnostic::{Finding, Severity};
use std::collections::HashMap;

/// The default of `max_findings_per_rule` in candor.toml.
pub const DEFAULT_MAX_PER_RULE: usize = 100;

/// Keeps the first `max` findings of each rule (admitted in position order) and makes, for
/// each rule over the limit, a summary finding at the first one dropped, as severe as the
/// worst one dropped; `max == 0` keeps everything. Findings are admitted as they arrive (a
/// document checked in parts admits each part's in turn), so only the kept ones are held. A document-level finding
/// (one per rule: a missing element, the reading grade) is always kept.
pub struct Cap {
    max: usize,
    tallies: HashMap<String, Tally>,
}

/// Per rule: findings kept, findings dropped, and the first and worst dropped.
struct Tally {
    kept: usize,
    dropped: usize,
    first: Option<(usize, usize)>,
    worst: Severity,
}

impl Cap {
    pub fn new(max: usize) -> Cap {
        Cap {
            max,
            tallies: HashMap::new(),
        }
    }

    /// The finding, if its rule is still under the limit; otherwise it is counted.
    pub fn admit(&mut self, f: Finding) -> Option<Finding> {
        if self.max == 0 || f.document_level {
            return Some(f);
        }
        let t = match self.tallies.get_mut(&f.rule) {
            Some(t) => t,
            None => self.tallies.entry(f.rule.clone()).or_insert(Tally {
                kept: 0,
                dropped: 0,
                first: None,
                worst: Severity::Info,
            }),
        };
        if t.kept < self.max {
            t.kept += 1;
            return Some(f);
        }
        t.dropped += 1;
        t.first.get_or_insert((f.start, f.end));
        t.worst = t.worst.max(f.severity);
        None
    }

    /// One summary finding per rule over the limit, by position.
    pub fn summaries(self) -> Vec<Finding> {
        let max = self.max;
        let mut summaries: Vec<Finding> = self
            .tallies
            .into_iter()
            .filter_map(|(rule, t)| {
                let (start, end) = t.first?;
                let n = t.dropped;
                Some(
                    Finding::new(rule.clone(), t.worst, start, end)
                        .message(format!(
                            "{n} more `{rule}` finding{} in this file, from here on, not shown",
                            if n == 1 { "" } else { "s" }
                        ))
                        .help(format!(
                            "candor reports the first {max} findings of each rule in a file. Fix these first, or set `max_findings_per_rule` in candor.toml (0: no limit) to see every one."
                        )),
                )
            })
            .collect();
        summaries.sort_by_key(|f| (f.start, f.rule.clone()));
        summaries
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::{Element, Elements};

    fn finding(rule: &str, at: usize, severity: Severity) -> Finding {
        Finding::new(rule, severity, at, at + 1)
    }

    fn cap_per_rule(findings: Vec<Finding>, max: usize) -> Vec<Finding> {
        let mut cap = Cap::new(max);
        let mut out: Vec<Finding> = findings.into_iter().filter_map(|f| cap.admit(f)).collect();
        out.extend(cap.summaries());
        out
    }

    #[test]
    fn keeps_the_first_findings_of_each_rule_and_counts_the_rest() {
        let mut findings: Vec<Finding> = (0..10)
            .map(|i| finding("hedging", i * 10, Severity::Info))
            .collect();
        findings.push(finding("jargon", 5, Severity::Info));
        findings[7].severity = Severity::Error;
        let out = cap_per_rule(findings, 3);
        let hedging: Vec<&Finding> = out.iter().filter(|f| f.rule == "hedging").collect();
        assert_eq!(hedging.len(), 4);
        let summary = hedging[3];
        assert_eq!(summary.start, 30);
        assert_eq!(summary.severity, Severity::Error);
        assert!(
            summary.message.starts_with("7 more `hedging` findings"),
            "{}",
            summary.message
        );
        assert_eq!(out.iter().filter(|f| f.rule == "jargon").count(), 1);
    }

    #[test]
    fn evidence_is_capped_too() {
        use crate::policy::{Evidence, Found};
        let mut els = Elements::default();
        let evidence = (0..300)
            .map(|i| Evidence {
                start: i,
                end: i + 1,
            })
            .collect();
        els.set(Element::Apology, Found::from_evidence(evidence));
        let mut capped = Elements::default();
        capped.absorb(els, 0, 100);
        assert_eq!(capped.get(Element::Apology).evidence.len(), 100);
        assert!(capped.get(Element::Apology).present);
    }

    #[test]
    fn zero_means_no_limit() {
        let findings: Vec<Finding> = (0..500).map(|i| finding("x", i, Severity::Info)).collect();
        assert_eq!(cap_per_rule(findings, 0).len(), 500);
    }

    #[test]
    fn document_level_findings_are_not_capped() {
        let mut findings: Vec<Finding> = (0..5).map(|i| finding("x", i, Severity::Info)).collect();
        let mut grade = finding("x", 9, Severity::Info);
        grade.document_level = true;
        findings.push(grade);
        let out = cap_per_rule(findings, 2);
        assert!(out.iter().any(|f| f.document_level));
        assert!(
            out.iter()
                .any(|f| f.message.starts_with("3 more `x` findings"))
        );
    }
}
