//! Helpers shared by the integration tests: where things are, and how to check a partnership
//! with the real rule pack and render it as a person would read it.
#![allow(
    dead_code,
    reason = "each test file uses a different subset of these helpers"
)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Arc, OnceLock};

use scrutineer_graph::{Date, Graph, load_str};
use scrutineer_report::{PartnershipInfo, ResultSet};
use scrutineer_rules::{Evaluation, Limits, Rule, RuleSet};

/// Runs the `scrutineer` binary from the repository root, as a user would.
pub fn scrutineer(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_scrutineer"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("the scrutineer binary runs")
}

/// The repository root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("repository root")
}

/// The bundled rule pack, compiled once for all tests in a binary.
pub fn rules() -> &'static RuleSet {
    static SET: OnceLock<RuleSet> = OnceLock::new();
    SET.get_or_init(|| {
        RuleSet::load_dir(&root().join("rules"), Limits::default()).expect("rules folder")
    })
}

/// Loads a file given relative to the repository root, naming it by that relative path so
/// that snapshots do not depend on where the checkout is.
pub fn load(relative: &str) -> Graph {
    let text = std::fs::read_to_string(root().join(relative)).expect("readable file");
    let loaded = load_str(Path::new(relative), text);
    let errors: Vec<String> = loaded
        .diagnostics
        .iter()
        .map(|(_, d)| d.to_string())
        .collect();
    loaded
        .graph
        .unwrap_or_else(|| panic!("{relative} did not load: {errors:?}"))
}

/// How many partnership files are bundled in `graphs/partnerships/`.
pub fn bundled() -> usize {
    std::fs::read_dir(root().join("graphs/partnerships"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "ron")
        })
        .count()
}

/// Evaluates `rules` (all when empty) against `graphs`.
pub fn evaluate(graphs: &[Arc<Graph>], as_of: Date, only: &[&str]) -> Evaluation {
    let set = rules();
    let chosen: Vec<&Rule> = set
        .rules
        .iter()
        .filter(|r| only.is_empty() || only.contains(&r.id.as_str()))
        .collect();
    set.evaluate(graphs, as_of, Some(&chosen))
}

/// Evaluates as `evaluate` does, then settles as every command does before showing results:
/// waivers applied, one finding per fact.
pub fn settled(graphs: &[Arc<Graph>], as_of: Date, only: &[&str]) -> Evaluation {
    let mut eval = evaluate(graphs, as_of, only);
    let set = rules();
    let ran: Vec<&Rule> = set
        .rules
        .iter()
        .filter(|r| only.is_empty() || only.contains(&r.id.as_str()))
        .collect();
    scrutineer_rules::facts::settle(&mut eval, graphs, as_of, &ran, true);
    eval
}

/// The result set a renderer takes, with everything shown when `all`.
pub fn result_set<'a>(
    graphs: &[Arc<Graph>],
    as_of: Date,
    eval: &'a Evaluation,
    all: bool,
) -> ResultSet<'a> {
    let set = rules();
    let rules: HashMap<&str, &Rule> = set.rules.iter().map(|r| (r.id.as_str(), r)).collect();
    ResultSet {
        as_of,
        partnerships: graphs
            .iter()
            .map(|g| PartnershipInfo::of(g, as_of))
            .collect(),
        findings: eval
            .findings
            .iter()
            .filter(|f| {
                all || matches!(
                    f.outcome,
                    scrutineer_rules::Outcome::Fail | scrutineer_rules::Outcome::Unknown
                )
            })
            .collect(),
        rules,
        errors: eval.errors.iter().collect(),
        unused_waivers: eval.unused_waivers.iter().collect(),
        baseline: None,
        all,
    }
}

/// A day from its ISO form.
pub fn day(s: &str) -> Date {
    s.parse().expect("valid date")
}

/// Settings that send snapshots to the repository's `snapshots/` folder.
pub fn snapshot_settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path(root().join("snapshots"));
    s.set_prepend_module_to_snapshot(false);
    s
}
