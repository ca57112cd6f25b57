//! # non-apology
//! An apology that names no harm or makes it hypothetical: "we apologize for any
//! inconvenience", "sorry if you were affected".
//!
//! ## What it flags
//! Every apology (sorry, apologise/apologize, apology, "we regret") that is *generic* — it
//! names nothing: "for any inconvenience", "for the trouble", "please accept our apologies",
//! "we sincerely apologize", "we regret any concern this may cause" — or *conditional* — it
//! makes the harm hypothetical: "sorry if …", "to anyone who may have been affected", "the
//! inconvenience this may have caused", "if you felt frustrated". The judgement is made on
//! what the apology is for (see `src/analysis/apology.rs`), the same judgement the apology
//! element uses.
//!
//! Not flagged: an apology that names the failure or harm ("we're sorry that your invoices went
//! out with the wrong totals", "for the broken maps during that half hour", "for the
//! disruption this caused" right after describing it, "I'm sorry." followed by "That was
//! careless of me."); someone else's words (a quoted customer's "sorry", an earlier
//! status line cited critically); "sorry to hear", "regret to inform", "Regrettably".
//!
//! ## Why it matters
//! "If" makes the harm hypothetical and "any inconvenience" names nothing: both tell the reader
//! the writer has not looked at what happened to them. Statuspage advises apologising for the
//! specific failure; the cases this project studied (GitHub 2018, Wistia, Lucidchart) earned
//! trust by naming the harm.
//! Sources: Atlassian Statuspage, incident communication tips and "Create a postmortem";
//! GitHub, "October 21 post-incident analysis" (2018).
//!
//! ## Bad
//! > We apologize for any inconvenience this may have caused.
//! > We're sorry if you were affected.
//! > Please accept our sincere apologies.
//!
//! ## Good
//! > We're sorry that your invoices went out with the wrong totals.
//! > We apologise for letting you down when you relied on us to wake you up.

use super::super::{Context, Family, Rule, RuleMeta};
use crate::analysis::apology::{Quality, apologies};
use crate::diagnostic::{Finding, Severity};

pub struct NonApology {
    meta: RuleMeta,
}

pub fn rule() -> Box<dyn Rule> {
    Box::new(NonApology {
        meta: RuleMeta {
            id: "non-apology".into(),
            severity: Severity::Warning,
            summary: "An apology that names no harm or makes it hypothetical".into(),
            docs: super::docs("non-apology"),
            family: Family::Code,
            needs_nlp: true,
        },
    })
}

impl Rule for NonApology {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        let all = apologies(ctx);
        // "We're sorry." after a genuine apology elsewhere refers back to it.
        let genuine_elsewhere = all.0.iter().any(|a| a.quality == Quality::Genuine);
        for a in &all.0 {
            if a.bare && genuine_elsewhere {
                continue;
            }
            let toks = &ctx.sentence(a.sentence).tokens;
            let (start, end) = (toks[a.start].start, toks[a.end.max(a.start + 1) - 1].end);
            let (message, help) = match a.quality {
                Quality::Genuine => continue,
                Quality::Conditional => (
                    "This apology makes the harm hypothetical.",
                    "Apologise for what happened, without \"if\", \"may have\" or \"anyone who\": \"We're sorry that 412 of you were charged twice on 3 May.\"",
                ),
                Quality::Generic => (
                    "This apology names no specific harm.",
                    "Say what went wrong for the reader: \"We're sorry that your invoices went out with the wrong totals.\"",
                ),
            };
            out.push(
                Finding::new("non-apology", Severity::Warning, start, end)
                    .message(message)
                    .help(help),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    fn hits(src: &str) -> Vec<String> {
        super::super::test_hits("non-apology", src)
    }

    #[test]
    fn generic_and_conditional_apologies() {
        for s in [
            "We apologize for any inconvenience this may have caused.",
            "We're sorry if you were affected.",
            "Please accept our sincere apologies.",
            "We sincerely apologize.",
            "We regret any concern this may cause.",
            "We apologise to anyone who was affected by this.",
            "Sorry for the trouble.",
            "We apologise for the inconvenience caused.",
        ] {
            assert_eq!(hits(s).len(), 1, "{s}");
        }
    }

    #[test]
    fn genuine_and_not_ours() {
        for s in [
            "We're sorry that your invoices went out with the wrong totals.",
            "We apologise for letting you down when you relied on us.",
            "We sincerely apologise for the disruption this caused.",
            "I'm sorry. That was careless of me, and it put you at risk.",
            "One customer wrote: \"sorry to bother you, but my invoice is wrong\".",
            "The bank has not apologised.",
            "We were sorry to hear about your experience.",
            "Regrettably, the job failed.",
        ] {
            assert!(hits(s).is_empty(), "{s}: {:?}", hits(s));
        }
    }
}
