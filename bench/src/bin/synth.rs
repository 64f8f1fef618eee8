//! `synth --partnerships N --seed S --out DIR [--nodes K]`: writes N synthetic partnership files
//! of about K nodes each (default 300; each file varies from half to one and a half times K).

use std::path::PathBuf;

use scrutineer_bench::synth::{Rng, nodes, partnership};
use scrutineer_graph::format::{canonical, write_atomically};

fn main() {
    let mut count = 300usize;
    let mut seed = 1u64;
    let mut size = 300usize;
    let mut out: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || {
            args.next()
                .unwrap_or_else(|| usage(&format!("{a} needs a value")))
        };
        match a.as_str() {
            "--partnerships" => {
                count = value()
                    .parse()
                    .unwrap_or_else(|_| usage("--partnerships takes a number"))
            }
            "--seed" => {
                seed = value()
                    .parse()
                    .unwrap_or_else(|_| usage("--seed takes a number"))
            }
            "--nodes" => {
                size = value()
                    .parse()
                    .unwrap_or_else(|_| usage("--nodes takes a number"))
            }
            "--out" => out = Some(PathBuf::from(value())),
            "-h" | "--help" => usage(""),
            other => usage(&format!("unknown argument `{other}`")),
        }
    }
    let out = out.unwrap_or_else(|| usage("--out DIR is required"));
    std::fs::create_dir_all(&out)
        .unwrap_or_else(|e| usage(&format!("cannot create `{}`: {e}", out.display())));
    let mut rng = Rng::new(seed);
    let mut total = 0;
    for i in 0..count {
        let k = size / 2 + rng.below(size as u64 + 1) as usize;
        let p = partnership(&mut rng, i, k);
        total += nodes(&p);
        let path = out.join(format!("{}.ron", p.id));
        if let Err(e) = write_atomically(&path, &canonical(&p)) {
            usage(&format!("cannot write `{}`: {e}", path.display()));
        }
    }
    eprintln!(
        "wrote {count} partnerships ({total} nodes, {} on average) to {}",
        total / count.max(1),
        out.display()
    );
}

fn usage(problem: &str) -> ! {
    if !problem.is_empty() {
        eprintln!("error: {problem}");
    }
    eprintln!("usage: synth --partnerships N --seed S --out DIR [--nodes K]");
    std::process::exit(if problem.is_empty() { 0 } else { 2 });
}
