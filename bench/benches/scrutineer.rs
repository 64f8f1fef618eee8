//! `cargo bench -p scrutineer-bench`: speed (divan: median and spread of each) and memory.
//!
//! Data is generated once into `target/bench-data/` by the same generator as `synth`. Whole
//! processes are timed by running the release `scrutineer` binary, which this harness builds
//! first. Peak memory is the child's high-water mark (VmHWM) read from /proc while it runs.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use divan::Bencher;
use scrutineer_bench::synth::{Rng, nodes, partnership};
use scrutineer_bench::{PEER_RULES, native, rego, rhai_answers};
use scrutineer_graph::format::canonical;
use scrutineer_graph::{Date, Graph, load_file, load_str};
use scrutineer_rules::{Limits, RuleSet};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .canonicalize()
        .unwrap()
}

fn target() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"))
}

fn binary() -> PathBuf {
    target().join("release/scrutineer")
}

const AS_OF: &str = "2022-10-01";

fn on() -> Date {
    AS_OF.parse().unwrap()
}

/// Writes `count` synthetic partnerships of about `size` nodes into a folder once.
fn dataset(name: &str, count: usize, size: usize, seed: u64) -> PathBuf {
    let dir = target().join("bench-data").join(name);
    let stamp = dir.join(".complete");
    let want = format!("{count} {size} {seed}\n");
    if std::fs::read_to_string(&stamp).ok().as_deref() == Some(want.as_str()) {
        return dir;
    }
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut rng = Rng::new(seed);
    for i in 0..count {
        let k = size / 2 + rng.below(size as u64 + 1) as usize;
        let p = partnership(&mut rng, i, k);
        std::fs::write(dir.join(format!("{}.ron", p.id)), canonical(&p)).unwrap();
    }
    std::fs::write(stamp, want).unwrap();
    dir
}

/// A large partnership (about 10,000 nodes) for the per-rule and peer benchmarks.
fn large() -> &'static Arc<Graph> {
    static G: OnceLock<Arc<Graph>> = OnceLock::new();
    G.get_or_init(|| {
        let p = partnership(&mut Rng::new(10_000), 0, 10_000);
        eprintln!("large synthetic partnership: {} nodes", nodes(&p));
        Arc::new(Graph::build(Path::new("large.ron"), p))
    })
}

fn rules() -> &'static RuleSet {
    static SET: OnceLock<RuleSet> = OnceLock::new();
    SET.get_or_init(|| RuleSet::load_dir(&root().join("rules"), Limits::default()).unwrap())
}

fn real() -> &'static Arc<Graph> {
    static G: OnceLock<Arc<Graph>> = OnceLock::new();
    G.get_or_init(|| {
        Arc::new(
            load_file(&root().join("graphs/partnerships/welwyn-hatfield.ron"))
                .graph
                .unwrap(),
        )
    })
}

/// Runs the binary and returns its wall time and peak resident memory (kB).
fn run(args: &[&str]) -> (Duration, u64) {
    let start = Instant::now();
    let mut child = Command::new(binary())
        .args(args)
        .current_dir(root())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let status = format!("/proc/{}/status", child.id());
    let mut peak = 0;
    loop {
        if let Ok(text) = std::fs::read_to_string(&status)
            && let Some(line) = text.lines().find(|l| l.starts_with("VmHWM:"))
        {
            peak = peak.max(
                line.split_whitespace()
                    .nth(1)
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(0),
            );
        }
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    (start.elapsed(), peak)
}

fn main() {
    // The binary under test, built with the same profile the README's users get.
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let ok = Command::new(cargo)
        .args(["build", "--release", "-q", "-p", "scrutineer-cli"])
        .current_dir(root())
        .status()
        .unwrap();
    assert!(ok.success(), "cannot build the scrutineer binary");
    let d300 = dataset("synthetic-300", 300, 300, 300);
    let d10k = dataset("synthetic-10000", 10_000, 100, 10_000);
    // A sweep of 1,000 variants on one real partnership.
    let sweep = target().join("bench-data/sweep-1000.rhai");
    std::fs::write(&sweep, "fn variants() { let v = []; for i in 0..1000 { v.push(i); } v }\nfn scenario(g, i) { g.slip(\"plan-2019-22\", \"next_revision_due\", i % 13); }\n").unwrap();

    // Memory: peak of the whole process, and flatness as the number of files grows.
    let mem = |args: &[&str]| run(args).1 as f64 / 1024.0;
    eprintln!(
        "peak memory (MB): one real partnership {:.1}",
        mem(&[
            "check",
            "--as-of",
            AS_OF,
            "graphs/partnerships/welwyn-hatfield.ron"
        ])
    );
    eprintln!(
        "peak memory (MB): 300 synthetic {:.1}",
        mem(&["check", "--as-of", AS_OF, d300.to_str().unwrap()])
    );
    for n in [1_000usize, 5_000] {
        let sub = target().join(format!("bench-data/synthetic-first-{n}"));
        if !sub.exists() {
            std::fs::create_dir_all(&sub).unwrap();
            let mut names: Vec<_> = std::fs::read_dir(&d10k)
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|x| x == "ron"))
                .collect();
            names.sort();
            for f in names.into_iter().take(n) {
                std::os::unix::fs::symlink(&f, sub.join(f.file_name().unwrap())).unwrap();
            }
        }
        eprintln!(
            "peak memory (MB): first {n} of the 10,000 streamed {:.1}",
            mem(&["check", "--as-of", AS_OF, sub.to_str().unwrap()])
        );
    }
    // SARIF is streamed like the other formats: its peak should be that of the text run below.
    eprintln!(
        "peak memory (MB): 10,000 synthetic as SARIF {:.1}",
        mem(&[
            "check",
            "--as-of",
            AS_OF,
            "--format",
            "sarif",
            d10k.to_str().unwrap()
        ])
    );
    // The pack holds every partnership (it is one document): memory linear, time too.
    for dir in [&d300, &d10k] {
        let (t, peak) = run(&["report", "--as-of", AS_OF, dir.to_str().unwrap()]);
        eprintln!(
            "report (HTML) of {}: {:.2} s, peak memory {:.1} MB",
            dir.file_name().unwrap().to_string_lossy(),
            t.as_secs_f64(),
            peak as f64 / 1024.0
        );
    }
    let (t, peak) = run(&["check", "--as-of", AS_OF, d10k.to_str().unwrap()]);
    eprintln!(
        "10,000 synthetic streamed: {:.2} s, {:.0} partnerships/s, peak memory {:.1} MB",
        t.as_secs_f64(),
        10_000.0 / t.as_secs_f64(),
        peak as f64 / 1024.0
    );
    divan::main();
}

mod real_partnership {
    use super::*;

    #[divan::bench]
    fn load(b: Bencher) {
        let text = std::fs::read_to_string(root().join("graphs/partnerships/welwyn-hatfield.ron"))
            .unwrap();
        b.bench(|| {
            load_str(Path::new("welwyn-hatfield.ron"), text.clone())
                .graph
                .unwrap()
        });
    }

    #[divan::bench(sample_count = 20)]
    fn compile(b: Bencher) {
        let dir = root().join("rules");
        b.bench(|| RuleSet::load_dir(&dir, Limits::default()).unwrap());
    }

    #[divan::bench]
    fn evaluate(b: Bencher) {
        let g = [Arc::clone(real())];
        b.bench(|| rules().evaluate(&g, on(), None));
    }

    /// The exact timeline over 15 years, in process (the rules compiled once).
    #[divan::bench(sample_count = 20)]
    fn exact_timeline_15_years(b: Bencher) {
        let all: Vec<&scrutineer_rules::Rule> = rules().rules.iter().collect();
        let (from, to) = ("2010-01-01".parse().unwrap(), "2024-12-31".parse().unwrap());
        b.bench(|| {
            scrutineer_rules::timeline::exact_timeline(rules(), real(), from, to, &all, true)
        });
    }

    #[divan::bench(sample_count = 30)]
    fn whole_process() {
        run(&[
            "check",
            "--as-of",
            AS_OF,
            "graphs/partnerships/welwyn-hatfield.ron",
        ]);
    }
}

#[divan::bench(sample_count = 5)]
fn synthetic_300_whole_process() {
    let dir = target().join("bench-data/synthetic-300");
    run(&["check", "--as-of", AS_OF, dir.to_str().unwrap()]);
}

#[divan::bench(sample_count = 3)]
fn synthetic_10000_streamed_whole_process() {
    let dir = target().join("bench-data/synthetic-10000");
    run(&["check", "--as-of", AS_OF, dir.to_str().unwrap()]);
}

#[divan::bench(sample_count = 5)]
fn what_if_1000_variants_whole_process() {
    let sweep = target().join("bench-data/sweep-1000.rhai");
    run(&[
        "what-if",
        "--as-of",
        "2022-12-31",
        "graphs/partnerships/welwyn-hatfield.ron",
        sweep.to_str().unwrap(),
    ]);
}

/// The briefing pack over the 300 synthetic partnerships, rendered in process from results
/// worked out once: the cost of the pack itself, which once grew with the square of the number
/// of partnerships (each searched every finding).
mod report_300 {
    use super::*;
    use scrutineer_report::{PackExtras, PartnershipInfo, ResultSet};
    use scrutineer_rules::{Evaluation, Outcome};

    struct Checked {
        graphs: Vec<Arc<Graph>>,
        eval: Evaluation,
    }

    fn checked() -> &'static Checked {
        static C: OnceLock<Checked> = OnceLock::new();
        C.get_or_init(|| {
            let dir = target().join("bench-data/synthetic-300");
            let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|x| x == "ron"))
                .collect();
            files.sort();
            let graphs: Vec<Arc<Graph>> = files
                .iter()
                .map(|f| Arc::new(load_file(f).graph.unwrap()))
                .collect();
            let all: Vec<&scrutineer_rules::Rule> = rules().rules.iter().collect();
            let mut eval = rules().evaluate(&graphs, on(), None);
            scrutineer_rules::facts::settle(&mut eval, &graphs, on(), &all, true);
            Checked { graphs, eval }
        })
    }

    /// Renders the pack as `report` does (every outcome but not-applicable, no timelines).
    fn pack(render: fn(&ResultSet<'_>, &PackExtras<'_>) -> String) -> String {
        let c = checked();
        let set = ResultSet {
            as_of: on(),
            partnerships: c
                .graphs
                .iter()
                .map(|g| PartnershipInfo::of(g, on()))
                .collect(),
            findings: c
                .eval
                .findings
                .iter()
                .filter(|f| f.outcome != Outcome::NotApplicable)
                .collect(),
            rules: rules().rules.iter().map(|r| (r.id.as_str(), r)).collect(),
            errors: Vec::new(),
            unused_waivers: Vec::new(),
            baseline: None,
            all: false,
        };
        let extras = PackExtras {
            graphs: c.graphs.iter().map(|g| g.as_ref()).collect(),
            timelines: c.graphs.iter().map(|_| None).collect(),
            generator: "scrutineer bench".into(),
            scenarios: Vec::new(),
        };
        render(&set, &extras)
    }

    #[divan::bench(sample_count = 5)]
    fn html(b: Bencher) {
        checked();
        b.bench(|| pack(scrutineer_report::render_html));
    }

    #[divan::bench(sample_count = 5)]
    fn markdown(b: Bencher) {
        checked();
        b.bench(|| pack(scrutineer_report::render_markdown));
    }
}

/// Every rule alone on the large synthetic partnership, to find the slow ones.
#[divan::bench(args = rule_ids(), sample_count = 10)]
fn each_rule(b: Bencher, rule: &str) {
    let g = [Arc::clone(large())];
    let r = rules().get(rule).unwrap();
    b.bench(|| rules().evaluate(&g, on(), Some(&[r])));
}

fn rule_ids() -> Vec<&'static str> {
    rules().rules.iter().map(|r| r.id.as_str()).collect()
}

/// The five peer rules on the large partnership: rhai, native Rust, and Rego on regorus. Parity
/// is checked here before timing (and in `tests/parity.rs` across many inputs).
mod peers {
    use super::*;

    fn check_parity(rule: &str) {
        let g = large();
        let rhai = rhai_answers(rules(), g, rule, on());
        assert_eq!(
            native::answers(&native::run(rule, g, on())),
            rhai,
            "native twin of {rule} disagrees"
        );
        let mut e = rego::engine();
        e.set_input(rego::input(g, on()));
        assert_eq!(
            rego::answers(rule, &rego::run(&mut e, rule)),
            rhai,
            "Rego twin of {rule} disagrees"
        );
    }

    #[divan::bench(args = PEER_RULES, sample_count = 10)]
    fn rhai(b: Bencher, rule: &str) {
        check_parity(rule);
        let g = [Arc::clone(large())];
        let r = rules().get(rule).unwrap();
        b.bench(|| rules().evaluate(&g, on(), Some(&[r])));
    }

    #[divan::bench(args = PEER_RULES, sample_count = 10)]
    fn native(b: Bencher, rule: &str) {
        check_parity(rule);
        let g = large();
        b.bench(|| native::run(rule, g, on()));
    }

    #[divan::bench(args = PEER_RULES, sample_count = 10)]
    fn rego(b: Bencher, rule: &str) {
        check_parity(rule);
        let mut e = rego::engine();
        e.set_input(rego::input(large(), on()));
        // A fresh copy of the loaded engine for each run (not timed), so no run reuses another's work.
        b.with_inputs(|| e.clone())
            .bench_local_refs(|e| rego::run(e, rule));
    }
}
