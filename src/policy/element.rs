//! The elements a communication may contain, and what detection found for each.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Element {
    Apology,
    Impact,
    Timeline,
    RootCause,
    Fix,
    Prevention,
    UserAction,
    Contact,
    NextUpdate,
    ThanksReporter,
    DataLoss,
}

impl Element {
    pub const ALL: [Element; 11] = [
        Element::Apology,
        Element::Impact,
        Element::Timeline,
        Element::RootCause,
        Element::Fix,
        Element::Prevention,
        Element::UserAction,
        Element::Contact,
        Element::NextUpdate,
        Element::ThanksReporter,
        Element::DataLoss,
    ];

    /// The JSON key (`root_cause`).
    pub fn key(self) -> &'static str {
        match self {
            Element::Apology => "apology",
            Element::Impact => "impact",
            Element::Timeline => "timeline",
            Element::RootCause => "root_cause",
            Element::Fix => "fix",
            Element::Prevention => "prevention",
            Element::UserAction => "user_action",
            Element::Contact => "contact",
            Element::NextUpdate => "next_update",
            Element::ThanksReporter => "thanks_reporter",
            Element::DataLoss => "data_loss",
        }
    }

    /// The rule reported when the element is required and missing (`missing-root-cause`).
    pub fn missing_rule(self) -> &'static str {
        match self {
            Element::Apology => "missing-apology",
            Element::Impact => "missing-impact",
            Element::Timeline => "missing-timeline",
            Element::RootCause => "missing-root-cause",
            Element::Fix => "missing-fix",
            Element::Prevention => "missing-prevention",
            Element::UserAction => "missing-user-action",
            Element::Contact => "missing-contact",
            Element::NextUpdate => "missing-next-update",
            Element::ThanksReporter => "missing-thanks-reporter",
            Element::DataLoss => "missing-data-loss",
        }
    }

    /// Human label for checklists.
    pub fn label(self) -> &'static str {
        match self {
            Element::Apology => "apology",
            Element::Impact => "impact",
            Element::Timeline => "timeline",
            Element::RootCause => "root cause",
            Element::Fix => "fix",
            Element::Prevention => "prevention",
            Element::UserAction => "what users can do",
            Element::Contact => "contact",
            Element::NextUpdate => "next update",
            Element::ThanksReporter => "thanks to reporter",
            Element::DataLoss => "data loss",
        }
    }
}

impl fmt::Display for Element {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

impl FromStr for Element {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let norm = s.trim().replace('-', "_");
        Element::ALL
            .into_iter()
            .find(|e| e.key() == norm)
            .ok_or_else(|| {
                format!(
                    "unknown element `{s}`; expected one of: {}",
                    Element::ALL.map(Element::key).join(", ")
                )
            })
    }
}

/// How well an apology names the harm: judged once, in `analysis::apology`, for both the
/// element and the `non-apology` rule.
pub use crate::analysis::apology::Quality as ApologyQuality;

/// A piece of evidence: the byte range of the sentence or heading that shows the element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Evidence {
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Found {
    pub present: bool,
    /// Only for `apology`.
    pub quality: Option<ApologyQuality>,
    pub evidence: Vec<Evidence>,
    /// The element is not given, but the document honestly says it is not known yet and when
    /// it will be (catalog §0): the sentence saying so. Satisfies a requirement in in-progress
    /// status updates and breach notices; `present` stays false.
    pub deferred: Option<Evidence>,
}

impl Found {
    fn absorb(&mut self, part: Found, offset: usize, max: usize) {
        let shift = |e: Evidence| Evidence {
            start: e.start + offset,
            end: e.end + offset,
        };
        let mut evidence: Vec<Evidence> = part.evidence.into_iter().map(shift).collect();
        if part.quality > self.quality {
            self.quality = part.quality;
            evidence.append(&mut self.evidence);
            self.evidence = evidence;
        } else {
            self.evidence.append(&mut evidence);
        }
        if max > 0 {
            self.evidence.truncate(max);
        }
        self.present |= part.present;
        if self.deferred.is_none() {
            self.deferred = part.deferred.map(shift);
        }
    }

    pub fn from_evidence(evidence: Vec<Evidence>) -> Found {
        Found {
            present: !evidence.is_empty(),
            quality: None,
            evidence,
            deferred: None,
        }
    }
}

/// Detection results for all eleven built-in elements, in the fixed order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Elements {
    found: [Found; 11],
    /// The team's own elements (`[elements.<name>]` in candor.toml), by name, in config order.
    pub custom: Vec<(String, Found)>,
}

impl Elements {
    pub fn get(&self, e: Element) -> &Found {
        &self.found[e as usize]
    }

    pub fn set(&mut self, e: Element, f: Found) {
        self.found[e as usize] = f;
    }

    pub fn iter(&self) -> impl Iterator<Item = (Element, &Found)> {
        Element::ALL.into_iter().map(|e| (e, self.get(e)))
    }

    /// Adds what was found in a part of the document that starts at byte `offset`, keeping at
    /// most `max` pieces of evidence per element (`0`: all). The best apology's evidence comes
    /// first, as in one part.
    pub fn absorb(&mut self, part: Elements, offset: usize, max: usize) {
        for (e, found) in Element::ALL.into_iter().zip(part.found) {
            self.found[e as usize].absorb(found, offset, max);
        }
        for (name, found) in part.custom {
            match self.custom.iter_mut().find(|(n, _)| *n == name) {
                Some((_, mine)) => mine.absorb(found, offset, max),
                None => {
                    let mut mine = Found::default();
                    mine.absorb(found, offset, max);
                    self.custom.push((name, mine));
                }
            }
        }
    }

    /// What detection found for the team's element `name`.
    pub fn custom(&self, name: &str) -> Option<&Found> {
        self.custom.iter().find(|(n, _)| n == name).map(|(_, f)| f)
    }

    /// Does the document satisfy the element as a requirement? (Apology must be genuine.)
    pub fn satisfies(&self, e: Element) -> bool {
        let f = self.get(e);
        match e {
            Element::Apology => f.present && f.quality == Some(ApologyQuality::Genuine),
            _ => f.present || f.deferred.is_some(),
        }
    }
}
