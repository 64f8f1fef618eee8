//! The three engines agree before any of them is timed: the rhai rule, its native twin and its
//! Rego twin give the same outcome for every subject, on synthetic partnerships at many dates
//! and on the bundled real ones. (`cargo test -p scrutineer-bench`.)

use std::path::Path;
use std::sync::Arc;

use scrutineer_bench::synth::{Rng, partnership};
use scrutineer_bench::{PEER_RULES, native, rego, rhai_answers};
use scrutineer_graph::{Date, Graph, load_file};
use scrutineer_rules::{Limits, RuleSet};

#[test]
fn rhai_native_and_rego_agree() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let set = RuleSet::load_dir(&root.join("rules"), Limits::default()).unwrap();
    let mut rego = rego::engine();
    let mut graphs: Vec<Arc<Graph>> = [
        "welwyn-hatfield",
        "watford",
        "wellingborough",
        "leicestershire-district-fairmead",
    ]
    .iter()
    .map(|p| {
        Arc::new(
            load_file(&root.join(format!("graphs/partnerships/{p}.ron")))
                .graph
                .unwrap(),
        )
    })
    .collect();
    let mut rng = Rng::new(7);
    for i in 0..20 {
        graphs.push(Arc::new(Graph::build(
            Path::new("synthetic.ron"),
            partnership(&mut rng, i, 150),
        )));
    }
    let dates = [
        "2009-06-01",
        "2016-10-21",
        "2019-03-31",
        "2022-10-01",
        "2025-01-15",
    ];
    let mut compared = 0;
    for g in &graphs {
        for d in dates {
            let on: Date = d.parse().unwrap();
            rego.set_input(rego::input(g, on));
            for rule in PEER_RULES {
                let rhai = rhai_answers(&set, g, rule, on);
                let native = native::answers(&native::run(rule, g, on));
                let rego_out = rego::answers(rule, &rego::run(&mut rego, rule));
                assert_eq!(
                    native, rhai,
                    "native and rhai differ: {rule} on {} as of {d}",
                    g.data.id
                );
                assert_eq!(
                    rego_out, rhai,
                    "Rego and rhai differ: {rule} on {} as of {d}",
                    g.data.id
                );
                compared += rhai.len();
            }
        }
    }
    assert!(compared > 2500, "compared only {compared} answers");
}
