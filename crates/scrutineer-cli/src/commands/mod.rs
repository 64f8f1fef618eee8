//! One module per subcommand. Each `run` returns the process exit code.

pub mod check;
pub mod explain;
pub mod rules;
pub mod validate;

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
/// that loaded and whether any file had errors.
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
        broken |= loaded.has_errors();
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

/// Matches a rule id against `--select`/`--ignore` patterns: an exact id, or a prefix
/// ending in `*` (`HALL-*`).
pub fn matches_any(id: &str, patterns: &[String]) -> bool {
    patterns.iter().any(|p| match p.strip_suffix('*') {
        Some(prefix) => id.starts_with(prefix),
        None => id == p,
    })
}
