//! Waivers: failures a committee has knowingly accepted, until an expiry date.
//!
//! A waiver in force turns a matching failure into `waived`, keeping the finding and adding the
//! reason, who approved it and where it is minuted. After expiry the failure shows again, with a
//! note that a waiver lapsed. A waiver in force that matches no failure is reported, because the
//! committee may be accepting a gap that has closed, or the waiver names the wrong thing.

use std::sync::Arc;

use scrutineer_graph::{Date, Graph};

use crate::eval::Evaluation;
use crate::outcome::{Outcome, UnusedWaiver};
use crate::rule::Rule;

/// Applies each partnership's waivers to the findings, as of `as_of`. `ran` are the rules that
/// were evaluated: a waiver for a rule left out by `--select` is neither used nor unused.
pub fn apply(eval: &mut Evaluation, graphs: &[Arc<Graph>], as_of: Date, ran: &[&Rule]) {
    for g in graphs {
        let p = &g.data.id;
        for w in &g.data.waivers {
            let approved = w.approved.is_none_or(|a| a.latest() <= as_of);
            if !approved {
                continue;
            }
            let expired = w.expires.latest() < as_of;
            let matches = |rule: &str, partnership: &str, subject: &str| {
                rule == w.rule && partnership == p && subject == w.subject
            };
            let mut used = false;
            // A waiver accepts a gap: every failure of the same fact is waived with it, so one
            // gap reported by several rules stays one finding.
            let facts: Vec<String> = eval
                .findings
                .iter()
                .filter(|f| {
                    f.outcome == Outcome::Fail && matches(&f.rule, &f.partnership, &f.subject)
                })
                .filter_map(|f| f.fact.clone())
                .collect();
            for f in eval.findings.iter_mut().filter(|f| {
                f.outcome == Outcome::Fail
                    && (matches(&f.rule, &f.partnership, &f.subject)
                        || (&f.partnership == p
                            && f.fact.as_ref().is_some_and(|x| facts.contains(x))))
            }) {
                used = true;
                if expired {
                    f.note = Some(format!(
                        "a waiver of this failure by {} ({}) expired on {}",
                        w.approved_by,
                        w.minute,
                        w.expires.long()
                    ));
                } else {
                    f.outcome = Outcome::Waived;
                    f.note = Some(format!(
                        "waived until {} by {} ({}): {}",
                        w.expires.long(),
                        w.approved_by,
                        w.minute,
                        w.reason
                    ));
                }
            }
            if used || expired {
                continue;
            }
            if ran.iter().all(|r| r.id != w.rule) {
                // Not part of this run (left out by `--select`, or not in the pack: see
                // `unknown_rules`), so it can be neither used nor unused here.
                continue;
            }
            let findings_for: Vec<Outcome> = eval
                .findings
                .iter()
                .filter(|f| matches(&f.rule, &f.partnership, &f.subject))
                .map(|f| f.outcome)
                .collect();
            let why = if findings_for.contains(&Outcome::Pass) {
                "the check now passes".to_string()
            } else if findings_for.contains(&Outcome::Unknown) {
                "the check cannot be told from the records".to_string()
            } else if findings_for.contains(&Outcome::NotApplicable) {
                "the rule does not apply on this date".to_string()
            } else {
                format!("no finding of `{}` is about `{}`", w.rule, w.subject)
            };
            eval.unused_waivers.push(UnusedWaiver {
                partnership: p.clone(),
                rule: w.rule.clone(),
                subject: w.subject.clone(),
                expires: w.expires.to_string(),
                why,
            });
        }
    }
}

/// Reports waivers that name a rule the pack does not have. Called once with the whole pack.
pub fn unknown_rules(graphs: &[Arc<Graph>], pack: &[Rule]) -> Vec<UnusedWaiver> {
    let mut out = Vec::new();
    for g in graphs {
        for w in &g.data.waivers {
            if pack.iter().all(|r| r.id != w.rule) {
                out.push(UnusedWaiver {
                    partnership: g.data.id.clone(),
                    rule: w.rule.clone(),
                    subject: w.subject.clone(),
                    expires: w.expires.to_string(),
                    why: format!("there is no rule `{}` in the pack", w.rule),
                });
            }
        }
    }
    out
}
