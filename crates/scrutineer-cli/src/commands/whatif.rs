//! `scrutineer what-if GRAPH SCENARIO.rhai`: results before and after a scripted change.

use std::collections::HashMap;

use scrutineer_report::{
    PartnershipInfo, VariantResult, WhatIf, render_whatif_json, render_whatif_text,
};
use scrutineer_rules::whatif::{Before, Scenario};
use scrutineer_rules::{Evaluation, Finding, Outcome, Rule};

use super::check::limits;
use super::{BROKEN, OK, load_one, rule_set};
use crate::cli::{Format, WhatIfArgs};
use crate::output::{eprint, print};
use crate::paths;

pub fn run(args: WhatIfArgs) -> u8 {
    let limits = limits(&args.limits);
    let scenario = match Scenario::load(&args.scenario, limits) {
        Ok(s) => s,
        Err(e) => {
            eprint(&format!("error: {e}\n"));
            return BROKEN;
        }
    };
    let as_of = match args.as_of.as_deref() {
        Some(d) => paths::as_of(Some(d)),
        None => scenario.as_of.map(Ok).unwrap_or_else(|| paths::as_of(None)),
    };
    let as_of = match as_of {
        Ok(d) => d,
        Err(e) => {
            eprint(&format!("error: {e}\n"));
            return BROKEN;
        }
    };
    let graph = match load_one(&args.graph) {
        Ok(g) => g,
        Err(code) => return code,
    };
    let mut set = match rule_set(&args.pack, limits) {
        Ok(s) => s,
        Err(code) => return code,
    };
    set.known_on = match crate::paths::known_on(args.known_on.as_deref()) {
        Ok(k) => k,
        Err(e) => {
            eprint(&format!("error: {e}\n"));
            return BROKEN;
        }
    };
    let variants = match scenario.run(&graph) {
        Ok(v) => v,
        Err(e) => {
            eprint(&format!("error: {e}\n"));
            return BROKEN;
        }
    };
    let all_rules: Vec<&Rule> = set.rules.iter().collect();
    // Every variant in one parallel batch, the rules compiled once.
    let mut graphs = vec![std::sync::Arc::clone(&graph)];
    graphs.extend(variants.iter().map(|v| std::sync::Arc::clone(&v.graph)));
    let mut evaluations: Vec<Evaluation> = set.evaluate_each(&graphs, as_of, None);
    for (e, g) in evaluations.iter_mut().zip(&graphs) {
        scrutineer_rules::facts::settle(
            e,
            std::slice::from_ref(g),
            as_of,
            &all_rules,
            !args.no_waivers,
        );
    }
    let afters = evaluations.split_off(1);
    let before = evaluations.pop().expect("the unedited partnership");
    let errors: Vec<String> = set
        .errors
        .iter()
        .chain(&before.errors)
        .chain(afters.iter().flat_map(|a| &a.errors))
        .map(|e| e.to_string())
        .collect();
    let base = Before::new(&before.findings);
    let shown = |f: &&Finding| {
        args.all
            || matches!(
                f.outcome,
                Outcome::Fail | Outcome::Unknown | Outcome::Waived
            )
    };
    let report = WhatIf {
        as_of,
        title: scenario.title.clone(),
        file: args.scenario.display().to_string(),
        partnership: PartnershipInfo::of(&graph, as_of),
        rules: set
            .rules
            .iter()
            .map(|r| (r.id.as_str(), r))
            .collect::<HashMap<_, _>>(),
        before: before.findings.iter().filter(shown).collect(),
        variants: variants
            .iter()
            .zip(&afters)
            .map(|(v, after)| {
                let d = base.diff(&after.findings);
                VariantResult {
                    name: v.name.clone(),
                    after: after.findings.iter().filter(shown).collect(),
                    new: d.new,
                    resolved: d.resolved,
                    settled: d.settled,
                }
            })
            .collect(),
        sweep: scenario.is_sweep(),
    };
    print(&match args.format {
        Format::Text => render_whatif_text(&report),
        Format::Json => render_whatif_json(&report),
    });
    if errors.is_empty() {
        OK
    } else {
        let mut unique = errors;
        unique.dedup();
        for e in unique {
            eprint(&format!("error: {e}\n"));
        }
        BROKEN
    }
}
