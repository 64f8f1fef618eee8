//! `scrutineer check`: the main job.
//!
//! Partnerships are checked in chunks: each chunk is loaded (in parallel), evaluated, printed
//! and dropped before the next, so a run over thousands of files uses about as much memory as a
//! run over one chunk. The output is the same bytes whatever the chunk size or thread count.

use std::collections::HashMap;
use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};
use scrutineer_report::{Baseline, Chunk, Format, PartnershipInfo, ResultSet, Run};
use scrutineer_rules::{Finding, Limits, Outcome, Rule, RuleError, UnusedWaiver, waivers};

use super::{BROKEN, FAILED, Loaded, OK, choose, load_files, rule_set};
use crate::cli::{CheckArgs, LimitArgs};
use crate::output::{eprint, print};
use crate::paths;

/// Partnership files checked together. Large enough to keep both cores busy, small enough that
/// memory stays flat however many files there are.
const CHUNK: usize = 64;

/// The sandbox limits: the defaults, with any given on the command line.
pub fn limits(args: &LimitArgs) -> Limits {
    args.limits()
}

/// Prints `error: ...` and returns the exit code for broken input.
fn broken(message: &str) -> u8 {
    eprint(&format!("error: {message}\n"));
    BROKEN
}

/// A progress bar on standard error for a run of more than one chunk, shown only when a person
/// is watching standard error: never in a pipe, a file or CI logs.
fn progress_bar(files: usize) -> Option<ProgressBar> {
    if files <= CHUNK || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = ProgressBar::new(files as u64);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} partnerships checked, about {eta} left")
            .expect("a valid template")
            .progress_chars("=> "),
    );
    // Drawn at once, not at the end of the first chunk.
    bar.tick();
    Some(bar)
}

/// Runs `write` with the progress bar (if any) cleared, so output never mixes with it.
fn without_bar(bar: &Option<ProgressBar>, write: impl FnOnce()) {
    match bar {
        Some(b) => b.suspend(write),
        None => write(),
    }
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
        Some(path) => match Baseline::load(path) {
            Ok(b) => Some(b),
            Err(e) => return broken(&e),
        },
    };
    let mut set = match rule_set(&args.pack, limits(&args.limits)) {
        Ok(s) => s,
        Err(code) => return code,
    };
    set.known_on = match paths::known_on(args.known_on.as_deref()) {
        Ok(k) => k,
        Err(e) => {
            eprint(&format!("error: {e}\n"));
            return BROKEN;
        }
    };
    let chosen = match choose(&set, &args.select, &args.ignore) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let rules: HashMap<&str, &Rule> = set.rules.iter().map(|r| (r.id.as_str(), r)).collect();
    let threshold = args.severity.level();
    let shown = |f: &&Finding| {
        (args.all
            || matches!(
                f.outcome,
                Outcome::Fail | Outcome::Unknown | Outcome::Waived
            ))
            && f.severity >= threshold
    };

    let mut reporter = args.format.reporter(Run {
        as_of,
        pack: &set.rules,
        chosen: &chosen,
        threshold,
    });
    print(&reporter.start());
    let mut seen = HashMap::new();
    let mut input_broken = false;
    let mut errors: Vec<RuleError> = set.errors.clone();
    let mut unused: Vec<UnusedWaiver> = Vec::new();
    let mut failed = false;
    let bar = progress_bar(files.len());
    for chunk in files.chunks(CHUNK) {
        let Loaded {
            graphs,
            problem,
            messages,
        } = load_files(chunk, &mut seen);
        input_broken |= problem;
        let mut eval = set.evaluate(&graphs, as_of, Some(&chosen));
        scrutineer_rules::facts::settle(&mut eval, &graphs, as_of, &chosen, !args.no_waivers);
        if !args.no_waivers && args.select.is_empty() && args.ignore.is_empty() {
            eval.unused_waivers
                .extend(waivers::unknown_rules(&graphs, &set.rules));
        }
        if let Some(b) = &mut baseline {
            b.compare(&eval.findings);
        }
        let chunk_set = ResultSet {
            as_of,
            partnerships: graphs
                .iter()
                .map(|g| PartnershipInfo::of(g, as_of))
                .collect(),
            findings: eval.findings.iter().filter(shown).collect(),
            rules: rules.clone(),
            errors: Vec::new(),
            unused_waivers: Vec::new(),
            baseline: baseline.as_ref(),
            all: args.all,
        };
        failed |= chunk_set
            .findings
            .iter()
            .any(|f| f.outcome == Outcome::Fail);
        let text = reporter.partnerships(&Chunk {
            set: chunk_set,
            every: &eval.findings,
            errors: &eval.errors,
        });
        without_bar(&bar, || {
            eprint(&messages);
            print(&text);
        });
        if let Some(b) = &bar {
            b.inc(chunk.len() as u64);
        }
        errors.extend(eval.errors);
        unused.extend(eval.unused_waivers);
    }
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    print(&reporter.finish(&ResultSet {
        as_of,
        partnerships: Vec::new(),
        findings: Vec::new(),
        rules,
        errors: errors.iter().collect(),
        unused_waivers: unused.iter().collect(),
        baseline: baseline.as_ref(),
        all: args.all,
    }));
    if input_broken || !errors.is_empty() {
        // Rule errors also go to stderr, so a JSON consumer piping stdout still sees them.
        if args.format != Format::Text {
            for e in &errors {
                eprint(&format!("error: {e}\n"));
            }
        }
        BROKEN
    } else if failed {
        FAILED
    } else {
        OK
    }
}
