//! `scrutineer graph GRAPH --format dot|mermaid|svg|json|graphml`: the structure drawn in the pack.

use std::sync::Arc;

use scrutineer_report::Structure;
use scrutineer_rules::Limits;

use super::{BROKEN, OK, load_one, rule_set};
use crate::cli::{GraphArgs, GraphFormat};
use crate::output::{eprint, print};
use crate::paths;

pub fn run(args: GraphArgs) -> u8 {
    let as_of = match paths::as_of(args.as_of.as_deref()) {
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
    let set = match rule_set(&args.pack, Limits::default()) {
        Ok(s) => s,
        Err(code) => return code,
    };
    // The same marking as in the briefing pack: what fails on the date.
    let eval = set.evaluate(&[Arc::clone(&graph)], as_of, None);
    let findings: Vec<_> = eval.findings.iter().collect();
    let s = Structure::build(&graph, as_of, &findings);
    print(&match args.format {
        GraphFormat::Dot => s.to_dot(),
        GraphFormat::Mermaid => s.to_mermaid(),
        GraphFormat::Svg => s.to_svg(),
        GraphFormat::Json => s.to_json(),
        GraphFormat::Graphml => s.to_graphml(),
    });
    OK
}
