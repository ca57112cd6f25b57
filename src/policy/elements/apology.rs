//! Apology detection and quality: the judgement of `crate::analysis::apology`, shared with the
//! `non-apology` rule, so the checklist and the findings never disagree.
//!
//! * genuine: we/I (or a subjectless "Sorry …"/"Apologies …") apologise for something named —
//!   "We're sorry that your invoices went out with the wrong totals", "for the disruption this
//!   caused" after describing it, "I'm sorry." followed by "That was careless of me.";
//! * conditional: the harm is made hypothetical — "sorry if …", "… this may have caused",
//!   "to anyone who …";
//! * generic: an apology that names nothing — "for any inconvenience", "for the trouble",
//!   "please accept our apologies".
//!
//! Several apologies: the best one wins (genuine > conditional > generic).

use crate::analysis::Context;
use crate::analysis::apology::apologies;
use crate::policy::element::{Evidence, Found};

pub fn detect(ctx: &Context) -> Found {
    let found = apologies(ctx);
    let best = found.0.iter().map(|a| a.quality).max();
    // The evidence: the best apologies' sentences first, so the checklist shows the one that
    // decided the quality.
    let mut ranked: Vec<_> = found.0.iter().collect();
    ranked.sort_by_key(|a| std::cmp::Reverse(a.quality));
    let evidence = ranked
        .iter()
        .map(|a| {
            let s = &ctx.doc.sentences[a.sentence];
            Evidence {
                start: s.start,
                end: s.end,
            }
        })
        .collect();
    Found {
        present: best.is_some(),
        quality: best,
        evidence,
        deferred: None,
    }
}
