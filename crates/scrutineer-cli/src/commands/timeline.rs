//! `scrutineer timeline GRAPH --from DATE --to DATE`: when each failure opened and closed.

use scrutineer_report::{PartnershipInfo, render_timeline_json, render_timeline_text};
use scrutineer_rules::timeline::{Step, dates, exact_timeline, timeline};

use super::check::limits;
use super::{BROKEN, OK, choose, load_one, rule_set};
use crate::cli::{Format, StepArg, TimelineArgs};
use crate::output::{eprint, print};
use crate::paths;

/// The most dates one timeline evaluates: ten years of days.
const MAX_DATES: usize = 3_660;

pub fn run(args: TimelineArgs) -> u8 {
    let (from, to) = match (paths::as_of(Some(&args.from)), paths::as_of(Some(&args.to))) {
        (Ok(f), Ok(t)) if f <= t => (f, t),
        (Ok(_), Ok(_)) => {
            eprint("error: --from is after --to\n");
            return BROKEN;
        }
        (Err(e), _) | (_, Err(e)) => {
            eprint(&format!("error: {}\n", e.replace("--as-of", "date")));
            return BROKEN;
        }
    };
    let graph = match load_one(&args.graph) {
        Ok(g) => g,
        Err(code) => return code,
    };
    let set = match rule_set(&args.pack, limits(&args.limits)) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let chosen = match choose(&set, &args.select, &[]) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let (step, name) = match args.step {
        StepArg::Exact => (Step::Exact, "exact"),
        StepArg::Day => (Step::Day, "daily"),
        StepArg::Week => (Step::Week, "weekly"),
        StepArg::Month => (Step::Month, "monthly"),
    };
    let t = if step == Step::Exact {
        exact_timeline(&set, &graph, from, to, &chosen, !args.no_waivers)
    } else {
        let days = dates(from, to, step, MAX_DATES);
        if days.len() == MAX_DATES && days.last().is_some_and(|d| *d < to) {
            eprint(&format!(
                "error: more than {MAX_DATES} dates in the range\n  = help: use a longer --step, the default exact timeline, or a shorter range\n"
            ));
            return BROKEN;
        }
        timeline(&set, &graph, &days, &chosen, !args.no_waivers)
    };
    let info = PartnershipInfo::of(&graph, to);
    print(&match args.format {
        Format::Text => render_timeline_text(&info, &t, name),
        Format::Json => render_timeline_json(&info, &t, name),
    });
    let errors: Vec<String> = set
        .errors
        .iter()
        .chain(&t.errors)
        .map(|e| e.to_string())
        .collect();
    if errors.is_empty() {
        OK
    } else {
        for e in errors {
            eprint(&format!("error: {e}\n"));
        }
        BROKEN
    }
}
