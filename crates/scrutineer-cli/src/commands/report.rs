//! `scrutineer report`: the briefing pack for a committee meeting.

use std::collections::HashMap;

use scrutineer_report::{
    Baseline, PackExtras, PartnershipInfo, ResultSet, render_docx, render_html, render_markdown,
    render_pack_text,
};
use scrutineer_rules::opened::opened;
use scrutineer_rules::timeline::exact_timeline;
use std::sync::Arc;

use scrutineer_report::brief::ScenarioChange;
use scrutineer_rules::whatif::{Before, Scenario};
use scrutineer_rules::{Finding, Outcome, Rule};

use super::check::limits;
use super::{BROKEN, OK, load_partnerships, rule_set};
use crate::cli::{ReportArgs, ReportFormat};
use crate::output::{eprint, print};
use crate::paths;

fn broken(message: &str) -> u8 {
    eprint(&format!("error: {message}\n"));
    BROKEN
}

pub fn run(args: ReportArgs) -> u8 {
    let as_of = match paths::as_of(args.as_of.as_deref()) {
        Ok(d) => d,
        Err(e) => return broken(&e),
    };
    let range = match (&args.from, &args.to) {
        (Some(f), Some(t)) => match (paths::as_of(Some(f)), paths::as_of(Some(t))) {
            (Ok(f), Ok(t)) if f <= t => Some((f, t)),
            (Ok(_), Ok(_)) => return broken("--from is after --to"),
            (Err(e), _) | (_, Err(e)) => return broken(&e.replace("--as-of", "date")),
        },
        _ => None,
    };
    let files = match paths::partnership_files(&args.paths) {
        Ok(f) => f,
        Err(e) => return broken(&e),
    };
    let mut baseline = match &args.baseline {
        None => None,
        Some(path) => match Baseline::load(path) {
            Ok(b) => Some(b),
            Err(e) => return broken(&e),
        },
    };
    let mut set = match rule_set(&args.pack, limits(&args.limits)) {
        Ok(s) => s,
        Err(code) => return code,
    };
    set.known_on = match crate::paths::known_on(args.known_on.as_deref()) {
        Ok(k) => k,
        Err(e) => return broken(&e),
    };
    let all: Vec<&Rule> = set.rules.iter().collect();
    let (graphs, input_broken) = load_partnerships(&files);
    if input_broken {
        // A pack built on a broken file would mislead a committee: stop before writing.
        return BROKEN;
    }
    let mut eval = set.evaluate(&graphs, as_of, None);
    scrutineer_rules::facts::settle(&mut eval, &graphs, as_of, &all, !args.no_waivers);
    if let Some(b) = &mut baseline {
        b.compare(&eval.findings);
    }
    let threshold = args.severity.level();
    // Passes too: the pack says what is in order, not only what is not.
    let findings: Vec<_> = eval
        .findings
        .iter()
        .filter(|f| f.outcome != Outcome::NotApplicable && f.severity >= threshold)
        .collect();
    // When each failure began, for the pack to say beside it and chart.
    let mut opened_errors = Vec::new();
    let partnerships = graphs
        .iter()
        .map(|g| {
            let mut info = PartnershipInfo::of(g, as_of);
            let (opened, errors) = opened(&set, g, as_of, &findings, &all);
            info.opened = opened;
            opened_errors.extend(errors);
            info
        })
        .collect();
    let result = ResultSet {
        as_of,
        partnerships,
        findings,
        rules: set
            .rules
            .iter()
            .map(|r| (r.id.as_str(), r))
            .collect::<HashMap<_, _>>(),
        errors: set
            .errors
            .iter()
            .chain(&eval.errors)
            .chain(&opened_errors)
            .collect(),
        unused_waivers: eval.unused_waivers.iter().collect(),
        baseline: baseline.as_ref(),
        all: false,
    };
    // Each scenario on each partnership, compared as `what-if` compares: by rule and subject.
    let mut runs: Vec<(String, String, String, scrutineer_rules::Evaluation)> = Vec::new();
    for path in &args.scenario {
        let scenario = match Scenario::load(path, limits(&args.limits)) {
            Ok(s) => s,
            Err(e) => return broken(&e.to_string()),
        };
        for g in &graphs {
            let variants = match scenario.run(g) {
                Ok(v) => v,
                Err(e) => return broken(&e.to_string()),
            };
            let edited: Vec<_> = variants.iter().map(|v| Arc::clone(&v.graph)).collect();
            let mut evals = set.evaluate_each(&edited, as_of, None);
            for (e, vg) in evals.iter_mut().zip(&edited) {
                scrutineer_rules::facts::settle(
                    e,
                    std::slice::from_ref(vg),
                    as_of,
                    &all,
                    !args.no_waivers,
                );
            }
            let several = variants.len() > 1;
            for (v, e) in variants.iter().zip(evals) {
                let title = if several {
                    format!("{}: {}", scenario.title, v.name)
                } else {
                    scenario.title.clone()
                };
                runs.push((title, path.display().to_string(), g.data.id.clone(), e));
            }
        }
    }
    let before = Before::new(&eval.findings);
    let wanted = |f: &&Finding| f.severity >= threshold;
    let scenarios: Vec<ScenarioChange> = runs
        .iter()
        .map(|(title, file, id, e)| {
            let d = before.diff(&e.findings);
            ScenarioChange {
                partnership: id.clone(),
                title: title.clone(),
                file: file.clone(),
                new: d.new.into_iter().filter(wanted).collect(),
                resolved: d
                    .resolved
                    .into_iter()
                    .filter(|f| f.partnership == *id)
                    .filter(wanted)
                    .collect(),
                settled: d.settled.into_iter().filter(wanted).collect(),
            }
        })
        .collect();
    let scenario_errors: Vec<&scrutineer_rules::RuleError> =
        runs.iter().flat_map(|r| &r.3.errors).collect();
    let timelines = graphs
        .iter()
        .map(|g| range.map(|(f, t)| exact_timeline(&set, g, f, t, &all, !args.no_waivers)))
        .collect();
    let refs: Vec<&scrutineer_graph::Graph> = graphs.iter().map(|g| g.as_ref()).collect();
    if args.format == ReportFormat::Docx && args.out.is_none() {
        return broken("a Word document is not text: give --out FILE.docx to write it");
    }
    let extras = PackExtras {
        graphs: refs,
        timelines,
        generator: format!("scrutineer {}", env!("CARGO_PKG_VERSION")),
        scenarios,
    };
    let bytes = match args.format {
        ReportFormat::Docx => render_docx(&result, &extras),
        ReportFormat::Html => render_html(&result, &extras).into_bytes(),
        ReportFormat::Markdown => render_markdown(&result, &extras).into_bytes(),
        ReportFormat::Text => render_pack_text(&result, &extras).into_bytes(),
    };
    if !result.errors.is_empty() || !scenario_errors.is_empty() {
        for e in result.errors.iter().chain(&scenario_errors) {
            eprint(&format!("error: {e}\n"));
        }
        return broken("a rule is broken, so the pack would be incomplete; it was not written");
    }
    match &args.out {
        Some(path) => match scrutineer_graph::write_bytes_atomically(path, &bytes) {
            Ok(()) => {
                eprint(&format!("wrote {}\n", path.display()));
                OK
            }
            Err(e) => broken(&format!("cannot write `{}`: {e}", path.display())),
        },
        None => {
            print(&String::from_utf8_lossy(&bytes));
            OK
        }
    }
}
