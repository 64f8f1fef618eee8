//! One module per subcommand. Each `run` returns the process exit code.

pub mod check;
pub mod explain;
pub mod fmt;
pub mod graph;
pub mod report;
pub mod rules;
pub mod shell;
pub mod timeline;
pub mod validate;
pub mod whatif;

use std::path::PathBuf;
use std::sync::Arc;

use scrutineer_graph::{Graph, Level, load_file};

use crate::output::eprint;

/// Exit code: nothing failed.
pub const OK: u8 = 0;
/// Exit code: a check failed at or above the chosen severity.
pub const FAILED: u8 = 1;
/// Exit code: the input or a rule is broken.
pub const BROKEN: u8 = 2;

/// Loads partnership files, printing every diagnostic to standard error. Returns the graphs
/// that loaded and whether any file had problems: errors, or warnings such as a reporting cycle
/// (the graph still loads, so the rules report on it, but the run exits 2).
pub fn load_partnerships(files: &[PathBuf]) -> (Vec<Arc<Graph>>, bool) {
    let mut graphs = Vec::new();
    let mut broken = false;
    for file in files {
        let loaded = load_file(file);
        for (level, d) in &loaded.diagnostics {
            let text = d.render(loaded.source.as_deref());
            match level {
                Level::Error => eprint(&text),
                Level::Warning => eprint(&text.replacen("error:", "warning:", 1)),
            }
        }
        broken |= !loaded.diagnostics.is_empty();
        if let Some(g) = loaded.graph {
            graphs.push(Arc::new(g));
        }
    }
    // Two files describing one partnership would make results ambiguous.
    let mut seen = std::collections::HashMap::new();
    for g in &graphs {
        if let Some(other) = seen.insert(g.data.id.clone(), g.file.clone()) {
            eprint(&format!(
                "error: partnership id `{}` is used by both {} and {}\n  = help: give each partnership its own id\n",
                g.data.id,
                other.display(),
                g.file.display()
            ));
            broken = true;
        }
    }
    (graphs, broken)
}

/// Loads the rule pack for a command that only reads its metadata, or says why it cannot.
pub fn load_rule_pack(given: Option<&std::path::Path>) -> Result<scrutineer_rules::RuleSet, u8> {
    let dir = crate::paths::rules_dir(given);
    scrutineer_rules::RuleSet::load_dir(&dir, scrutineer_rules::Limits::default()).map_err(|e| {
        eprint(&format!(
            "error: {e}\n  = help: pass --rules DIR, or run from the repository folder\n"
        ));
        BROKEN
    })
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
    given: Option<&std::path::Path>,
    limits: scrutineer_rules::Limits,
) -> Result<scrutineer_rules::RuleSet, u8> {
    let dir = crate::paths::rules_dir(given);
    scrutineer_rules::RuleSet::load_dir(&dir, limits).map_err(|e| {
        eprint(&format!(
            "error: {e}\n  = help: pass --rules DIR, or run from the repository folder\n"
        ));
        BROKEN
    })
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
