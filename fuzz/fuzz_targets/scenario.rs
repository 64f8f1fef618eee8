//! Arbitrary what-if scripts against a real partnership: compile, run (sandboxed, with small
//! limits) and evaluate. Errors are fine; panics and hangs are not.
#![no_main]

use std::path::Path;
use std::sync::{Arc, OnceLock};

use libfuzzer_sys::fuzz_target;
use scrutineer_graph::{Date, Graph, load_file};
use scrutineer_rules::whatif::Scenario;
use scrutineer_rules::{Limits, RuleSet};

fn base() -> &'static Graph {
    static G: OnceLock<Graph> = OnceLock::new();
    G.get_or_init(|| {
        let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("../graphs/partnerships/welwyn-hatfield.ron");
        load_file(&file).graph.expect("the seed loads")
    })
}

fn rules() -> &'static RuleSet {
    static SET: OnceLock<RuleSet> = OnceLock::new();
    SET.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../rules");
        RuleSet::load_dir(&dir, Limits { max_operations: 200_000, ..Limits::default() }).expect("rules")
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let limits = Limits { max_operations: 50_000, max_array_size: 1_000, max_string_size: 10_000, ..Limits::default() };
    let Ok(scenario) = Scenario::compile(Path::new("fuzz.rhai"), text, limits) else { return };
    let Ok(variants) = scenario.run(base()) else { return };
    let day = Date::from_ymd(2022, 10, 1).unwrap();
    for v in variants.iter().take(20) {
        let _ = rules().evaluate(&[Arc::clone(&v.graph)], day, None);
    }
});
