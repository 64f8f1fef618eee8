//! One fact, one finding: when several rules report the same underlying gap (a missing seat as
//! a statutory check and as a participation check), the reader sees one finding, under the
//! most serious rule, with the others listed as further bases.
//!
//! Rules name the fact an outcome is about (`.fact("seat:rag:probation")`; the seat helpers do
//! it for every seat). Findings of one partnership with the same fact and the same outcome are
//! merged; the first, most severe, keeps its place and the others become its `also`.

use std::collections::HashMap;
use std::sync::Arc;

use scrutineer_graph::{Date, Graph};

use crate::eval::Evaluation;
use crate::outcome::{Also, Finding};
use crate::rule::Rule;

/// What every command does with an evaluation before showing it: apply the committee's waivers
/// (unless `waivers` is false, for `--no-waivers`), then show one finding per fact.
pub fn settle(
    eval: &mut Evaluation,
    graphs: &[Arc<Graph>],
    as_of: Date,
    ran: &[&Rule],
    waivers: bool,
) {
    if waivers {
        crate::waivers::apply(eval, graphs, as_of, ran);
    }
    one_finding_per_fact(eval);
}

/// Merges findings that report the same fact with the same outcome.
pub fn one_finding_per_fact(eval: &mut Evaluation) {
    let findings = std::mem::take(&mut eval.findings);
    // (partnership, fact, outcome) → the index in `kept` of the finding that stands for it.
    let mut first: HashMap<(String, String, crate::Outcome), usize> = HashMap::new();
    let mut kept: Vec<Finding> = Vec::with_capacity(findings.len());
    let mut merged: Vec<(usize, Finding)> = Vec::new();
    for f in findings {
        let Some(fact) = f.fact.clone() else {
            kept.push(f);
            continue;
        };
        let key = (f.partnership.clone(), fact, f.outcome);
        match first.get(&key) {
            Some(&i) => merged.push((i, f)),
            None => {
                first.insert(key, kept.len());
                kept.push(f);
            }
        }
    }
    for (i, f) in merged {
        let head = &mut kept[i];
        // The most severe rule leads; ties keep the order the rules ran in.
        if f.severity > head.severity {
            let demoted = Also {
                rule: head.rule.clone(),
                severity: head.severity,
                message: head.message.clone(),
            };
            head.rule = f.rule;
            head.severity = f.severity;
            head.message = f.message;
            head.evidence = f.evidence;
            head.ask = f.ask;
            head.also.insert(0, demoted);
        } else {
            head.also.push(Also {
                rule: f.rule,
                severity: f.severity,
                message: f.message,
            });
        }
    }
    eval.findings = kept;
}
