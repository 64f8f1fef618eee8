//! `scrutineer check`: the main job.

use std::collections::HashMap;

use scrutineer_report::{Baseline, PartnershipInfo, ResultSet, render_json, render_text};
use scrutineer_rules::{Limits, Outcome, Rule, waivers};

use super::{BROKEN, FAILED, OK, choose, load_partnerships, rule_set};
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

/// Prints `error: ...` and returns the exit code for broken input.
fn broken(message: &str) -> u8 {
    eprint(&format!("error: {message}\n"));
    BROKEN
}

pub fn run(args: CheckArgs) -> u8 {
    let as_of = match paths::as_of(args.as_of.as_deref()) {
        Ok(d) => d,
        Err(e) => return broken(&e),
    };
    let files = match paths::partnership_files(&args.paths) {
        Ok(f) => f,
        Err(e) => return broken(&e),
    };
    let mut baseline = match &args.baseline {
        None => None,
        Some(path) => {
            let name = path.display().to_string();
            match std::fs::read_to_string(path) {
                Ok(text) => match Baseline::parse(&name, &text) {
                    Ok(b) => Some(b),
                    Err(e) => return broken(&e),
                },
                Err(e) => return broken(&format!("cannot read baseline `{name}`: {e}")),
            }
        }
    };
    let set = match rule_set(args.rules.as_deref(), limits(&args.limits)) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let chosen = match choose(&set, &args.select, &args.ignore) {
        Ok(c) => c,
        Err(code) => return code,
    };

    let (graphs, input_broken) = load_partnerships(&files);
    let mut evaluation = set.evaluate(&graphs, as_of, Some(&chosen));
    if !args.no_waivers {
        waivers::apply(&mut evaluation, &graphs, as_of, &chosen);
        if args.select.is_empty() && args.ignore.is_empty() {
            evaluation
                .unused_waivers
                .extend(waivers::unknown_rules(&graphs, &set.rules));
        }
    }
    if let Some(b) = &mut baseline {
        b.compare(&evaluation.findings);
    }

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
        unused_waivers: evaluation.unused_waivers.iter().collect(),
        baseline: baseline.as_ref(),
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
