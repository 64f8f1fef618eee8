//! One module per subcommand. Each `run` returns the process exit code.

pub mod check;
pub mod explain;
pub mod fmt;
pub mod graph;
pub mod import;
pub mod law;
pub mod new;
pub mod report;
pub mod rules;
pub mod shell;
pub mod timeline;
pub mod validate;
pub mod whatif;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;
use scrutineer_graph::{Graph, load_file};

use crate::output::eprint;

/// Exit code: nothing failed.
pub const OK: u8 = 0;
/// Exit code: a check failed at or above the chosen severity.
pub const FAILED: u8 = 1;
/// Exit code: the input or a rule is broken.
pub const BROKEN: u8 = 2;

/// Partnership files, loaded.
pub struct Loaded {
    pub graphs: Vec<Arc<Graph>>,
    /// Whether any file had a problem: errors, or warnings such as a reporting cycle (the graph
    /// still loads, so the rules report on it, but the run exits 2).
    pub problem: bool,
    /// The files' diagnostics in file order, for standard error.
    pub messages: String,
}

/// Loads files in parallel. `seen` holds the partnership ids already loaded in this run (by
/// file), so that a run in several batches still refuses two files with one id.
pub fn load_files(files: &[PathBuf], seen: &mut HashMap<String, PathBuf>) -> Loaded {
    let loaded: Vec<_> = files.par_iter().map(|f| load_file(f)).collect();
    let mut graphs = Vec::new();
    let mut problem = false;
    let mut messages = String::new();
    for l in loaded {
        messages.push_str(&l.render_diagnostics());
        problem |= !l.diagnostics.is_empty();
        if let Some(g) = l.graph {
            // Two files describing one partnership would make results ambiguous.
            if let Some(other) = seen.insert(g.data.id.clone(), g.file.clone()) {
                messages.push_str(&format!(
                    "error: partnership id `{}` is used by both {} and {}\n  = help: give each partnership its own id\n",
                    g.data.id,
                    other.display(),
                    g.file.display()
                ));
                problem = true;
                continue;
            }
            graphs.push(Arc::new(g));
        }
    }
    Loaded {
        graphs,
        problem,
        messages,
    }
}

/// Loads partnership files all at once, printing every diagnostic to standard error. Returns
/// the graphs that loaded and whether any file had problems.
pub fn load_partnerships(files: &[PathBuf]) -> (Vec<Arc<Graph>>, bool) {
    let l = load_files(files, &mut HashMap::new());
    eprint(&l.messages);
    (l.graphs, l.problem)
}

/// Loads the rule pack for a command that only reads its metadata, or says why it cannot.
pub fn load_rule_pack(pack: &crate::cli::PackArgs) -> Result<scrutineer_rules::RuleSet, u8> {
    rule_set(pack, scrutineer_rules::Limits::default())
}

/// Loads one partnership file for a command that needs exactly one, printing its diagnostics.
pub fn load_one(file: &std::path::Path) -> Result<Arc<Graph>, u8> {
    let (mut graphs, broken) = load_partnerships(std::slice::from_ref(&file.to_path_buf()));
    match graphs.pop() {
        Some(g) if !broken => Ok(g),
        _ => Err(BROKEN),
    }
}

/// Loads and compiles the rule pack for evaluation, printing why if it cannot.
pub fn rule_set(
    pack: &crate::cli::PackArgs,
    limits: scrutineer_rules::Limits,
) -> Result<scrutineer_rules::RuleSet, u8> {
    scrutineer_rules::RuleSet::load_pack(pack.rules.as_deref(), &pack.add_rules, limits).map_err(
        |e| {
            eprint(&format!(
                "error: {e}\n  = help: --rules DIR and --add-rules DIR name a folder of `.rhai` rule files; without them the pack built into scrutineer runs\n"
            ));
            BROKEN
        },
    )
}

/// The rules chosen by `--select` and `--ignore`, or the reason a pattern matches nothing.
pub fn choose<'a>(
    set: &'a scrutineer_rules::RuleSet,
    select: &[String],
    ignore: &[String],
) -> Result<Vec<&'a scrutineer_rules::Rule>, u8> {
    for p in select.iter().chain(ignore) {
        if !set
            .rules
            .iter()
            .any(|r| matches_any(&r.id, std::slice::from_ref(p)))
        {
            let hint = scrutineer_graph::diagnostics::did_you_mean(
                p,
                set.rules.iter().map(|r| r.id.as_str()),
            )
            .map(|s| format!("\n  = help: did you mean `{s}`?"))
            .unwrap_or_default();
            eprint(&format!("error: no rule matches `{p}`{hint}\n"));
            return Err(BROKEN);
        }
    }
    Ok(set
        .rules
        .iter()
        .filter(|r| select.is_empty() || matches_any(&r.id, select))
        .filter(|r| !matches_any(&r.id, ignore))
        .collect())
}

/// Matches a rule id against `--select`/`--ignore` patterns: an exact id, or a prefix
/// ending in `*` (`HALL-*`).
pub fn matches_any(id: &str, patterns: &[String]) -> bool {
    patterns.iter().any(|p| match p.strip_suffix('*') {
        Some(prefix) => id.starts_with(prefix),
        None => id == p,
    })
}
