//! `scrutineer check`: the main job.

use std::collections::HashMap;

use scrutineer_report::{PartnershipInfo, ResultSet, render_json, render_text};
use scrutineer_rules::{Limits, Outcome, Rule, RuleSet};

use super::{BROKEN, FAILED, OK, load_partnerships, matches_any};
use crate::cli::{CheckArgs, Format, LimitArgs};
use crate::output::{eprint, print};
use crate::paths;

/// The sandbox limits: the defaults, with any given on the command line.
pub fn limits(args: &LimitArgs) -> Limits {
    let mut l = Limits::default();
    if let Some(n) = args.max_operations {
        l.max_operations = n;
    }
    if let Some(n) = args.max_call_levels {
        l.max_call_levels = n;
    }
    if let Some(n) = args.max_string_size {
        l.max_string_size = n;
    }
    if let Some(n) = args.max_array_size {
        l.max_array_size = n;
    }
    if let Some(n) = args.max_map_size {
        l.max_map_size = n;
    }
    l
}

pub fn run(args: CheckArgs) -> u8 {
    let as_of = match paths::as_of(args.as_of.as_deref()) {
        Ok(d) => d,
        Err(e) => {
            eprint(&format!("error: {e}\n"));
            return BROKEN;
        }
    };
    let files = match paths::partnership_files(&args.paths) {
        Ok(f) => f,
        Err(e) => {
            eprint(&format!("error: {e}\n"));
            return BROKEN;
        }
    };
    let rules_dir = paths::rules_dir(args.rules.as_deref());
    let set = match RuleSet::load_dir(&rules_dir, limits(&args.limits)) {
        Ok(s) => s,
        Err(e) => {
            eprint(&format!(
                "error: {e}\n  = help: pass --rules DIR, or run from the repository folder\n"
            ));
            return BROKEN;
        }
    };
    for p in args.select.iter().chain(&args.ignore) {
        let known = set
            .rules
            .iter()
            .any(|r| matches_any(&r.id, std::slice::from_ref(p)));
        if !known {
            let hint = scrutineer_graph::diagnostics::did_you_mean(
                p,
                set.rules.iter().map(|r| r.id.as_str()),
            )
            .map(|s| format!("\n  = help: did you mean `{s}`?"))
            .unwrap_or_default();
            eprint(&format!("error: no rule matches `{p}`{hint}\n"));
            return BROKEN;
        }
    }
    let chosen: Vec<&Rule> = set
        .rules
        .iter()
        .filter(|r| args.select.is_empty() || matches_any(&r.id, &args.select))
        .filter(|r| !matches_any(&r.id, &args.ignore))
        .collect();

    let (graphs, input_broken) = load_partnerships(&files);
    let evaluation = set.evaluate(&graphs, as_of, Some(&chosen));

    let threshold = args.severity.level();
    let shown =
        |o: Outcome| args.all || matches!(o, Outcome::Fail | Outcome::Unknown | Outcome::Waived);
    let findings: Vec<_> = evaluation
        .findings
        .iter()
        .filter(|f| shown(f.outcome) && f.severity >= threshold)
        .collect();
    let errors: Vec<_> = set.errors.iter().chain(&evaluation.errors).collect();
    let rules: HashMap<&str, &Rule> = set.rules.iter().map(|r| (r.id.as_str(), r)).collect();
    let result = ResultSet {
        as_of,
        partnerships: graphs
            .iter()
            .map(|g| PartnershipInfo::of(g, as_of))
            .collect(),
        findings,
        rules,
        errors,
        all: args.all,
    };
    print(&match args.format {
        Format::Text => render_text(&result),
        Format::Json => render_json(&result),
    });
    if input_broken || !result.errors.is_empty() {
        // Rule errors also go to stderr, so a JSON consumer piping stdout still sees them.
        if args.format == Format::Json {
            for e in &result.errors {
                eprint(&format!("error: {e}\n"));
            }
        }
        BROKEN
    } else if result.findings.iter().any(|f| f.outcome == Outcome::Fail) {
        FAILED
    } else {
        OK
    }
}
