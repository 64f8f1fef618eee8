//! Load arbitrary bytes, and if they load, run the whole rule pack as of a date taken from the
//! input and render every output format (the Word pack included). Nothing may panic or hang.
#![no_main]

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use libfuzzer_sys::fuzz_target;
use scrutineer_graph::{Date, load_str};
use scrutineer_report::{PackExtras, PartnershipInfo, ResultSet, Structure, render_docx, render_html, render_json, render_markdown, render_pack_text, render_text};
use scrutineer_rules::{Limits, RuleSet};

fn rules() -> &'static RuleSet {
    static SET: OnceLock<RuleSet> = OnceLock::new();
    SET.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../rules");
        RuleSet::load_dir(&dir, Limits { max_operations: 200_000, ..Limits::default() }).expect("rules")
    })
}

fuzz_target!(|data: &[u8]| {
    if data.len() < 2 {
        return;
    }
    // The first two bytes choose the date: any day from 1998 to about 2040.
    let offset = u16::from_le_bytes([data[0], data[1]]) as i64 % 15_000;
    let as_of = Date::from_ymd(1998, 1, 1).unwrap().add_days(offset);
    let Ok(text) = std::str::from_utf8(&data[2..]) else { return };
    let Some(graph) = load_str(Path::new("fuzz.ron"), text.to_string()).graph else { return };
    let graphs = [Arc::new(graph)];
    let set = rules();
    let eval = set.evaluate(&graphs, as_of, None);
    let result = ResultSet {
        as_of,
        partnerships: graphs.iter().map(|g| PartnershipInfo::of(g, as_of)).collect(),
        findings: eval.findings.iter().collect(),
        rules: set.rules.iter().map(|r| (r.id.as_str(), r)).collect::<HashMap<_, _>>(),
        errors: eval.errors.iter().collect(),
        unused_waivers: Vec::new(),
        baseline: None,
        all: true,
    };
    let _ = render_text(&result);
    let _ = render_json(&result);
    let refs = vec![graphs[0].as_ref()];
    let extras = PackExtras { graphs: refs.clone(), timelines: vec![None], generator: "fuzz".into(), scenarios: Vec::new() };
    let _ = render_markdown(&result, &extras);
    let _ = render_html(&result, &extras);
    let _ = render_pack_text(&result, &extras);
    let _ = render_docx(&result, &extras);
    let s = Structure::build(&graphs[0], as_of, &result.findings);
    let _ = (s.to_dot(), s.to_mermaid(), s.to_json(), s.to_svg());
});
