//! `cargo bench -p scrutineer-bench --bench drawing`: the structure picture of one partnership
//! with many subgroups (issue 16: 1,000 subgroups took 82 s to draw with the layered layout).
//!
//! Each partnership has a strategy group, a scrutiny committee, six organisations and `n`
//! subgroups with three seats each; most subgroups report to the strategy group and every
//! tenth to the subgroup before it, so frames nest and deeper groups lie flat. Timed in
//! process: building the structure as of a day, then each drawing of it.

use std::path::Path;

use divan::Bencher;
use scrutineer_graph::{Date, Graph, load_str};
use scrutineer_report::Structure;

fn main() {
    divan::main();
}

const SIZES: [usize; 4] = [250, 500, 1000, 2000];

fn on() -> Date {
    "2022-10-01".parse().unwrap()
}

/// The partnership with `n` subgroups, as a file would hold it, loaded as `scrutineer` loads it.
fn many_subgroups(n: usize) -> Graph {
    let orgs = [
        ("council", "Borough Council", "DistrictCouncil"),
        ("police", "Constabulary", "ChiefOfficerOfPolice"),
        ("fire", "Fire and Rescue Service", "FireAndRescueAuthority"),
        ("probation", "Probation Service", "ProbationProvider"),
        ("housing", "Homes Trust", "HousingProvider"),
        ("cvs", "Community Voluntary Services", "VoluntarySector"),
    ];
    let mut t = String::from(
        "Partnership(id: \"many\", name: \"Synthetic Community Safety Partnership\", areas: [\"Here\"], nation: England, tier: District, organisations: [",
    );
    for (id, name, kind) in orgs {
        t.push_str(&format!(
            "Organisation(id: \"{id}\", name: \"{name}\", kind: {kind}),"
        ));
    }
    t.push_str("], groups: [Group(id: \"board\", name: \"Responsible Authorities Group\", kind: StrategyGroup), Group(id: \"osc\", name: \"Overview and Scrutiny Committee\", kind: CrimeAndDisorderCommittee),");
    for i in 0..n {
        t.push_str(&format!(
            "Group(id: \"g{i}\", name: \"Subgroup {i} on antisocial behaviour and neighbourhood safety\", kind: Subgroup),"
        ));
    }
    t.push_str("], memberships: [");
    for (id, _, _) in orgs {
        t.push_str(&format!("Membership(member: \"{id}\", group: \"board\"),"));
    }
    for i in 0..n {
        for (id, _, _) in &orgs[i % 3..i % 3 + 3] {
            t.push_str(&format!("Membership(member: \"{id}\", group: \"g{i}\"),"));
        }
    }
    t.push_str("], reporting: [");
    for i in 0..n {
        let to = if i % 10 == 9 {
            format!("g{}", i - 1)
        } else {
            "board".into()
        };
        t.push_str(&format!("ReportsTo(group: \"g{i}\", to: \"{to}\"),"));
    }
    t.push_str("])");
    load_str(Path::new("many.ron"), t)
        .graph
        .expect("the generated partnership loads")
}

/// Building the structure as of the day: which groups, seats and lines are in force.
#[divan::bench(args = SIZES, sample_count = 10)]
fn build(bencher: Bencher, n: usize) {
    let g = many_subgroups(n);
    bencher.bench(|| Structure::build(&g, on(), &[]));
}

/// The SVG picture of the briefing pack (and `scrutineer graph --format svg`).
#[divan::bench(args = SIZES, sample_count = 10)]
fn svg(bencher: Bencher, n: usize) {
    let g = many_subgroups(n);
    let s = Structure::build(&g, on(), &[]);
    bencher.bench(|| s.to_svg());
}

/// The other drawings, for comparison: they are written line by line with no layout.
#[divan::bench(args = [2000], sample_count = 10)]
fn dot_and_graphml(bencher: Bencher, n: usize) {
    let g = many_subgroups(n);
    let s = Structure::build(&g, on(), &[]);
    bencher.bench(|| (s.to_dot(), s.to_graphml()));
}
