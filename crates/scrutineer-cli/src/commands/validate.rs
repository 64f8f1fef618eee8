//! `scrutineer validate`: load files and report every problem. Stricter than `check`:
//! warnings (a reporting cycle, say) also make it exit 2, so a clean validate means a clean file.

use scrutineer_graph::load_file;

use super::{BROKEN, OK};
use crate::cli::ValidateArgs;
use crate::output::{eprint, print};
use crate::paths;

pub fn run(args: ValidateArgs) -> u8 {
    let files = match paths::partnership_files(&args.paths) {
        Ok(f) => f,
        Err(e) => {
            eprint(&format!("error: {e}\n"));
            return BROKEN;
        }
    };
    let mut problems = 0;
    for file in &files {
        let loaded = load_file(file);
        eprint(&loaded.render_diagnostics());
        problems += loaded.diagnostics.len();
        if let Some(g) = &loaded.graph
            && loaded.diagnostics.is_empty()
        {
            let d = &g.data;
            print(&format!(
                "ok: {} ({}: {} organisations, {} groups, {} memberships, {} meetings, {} documents, {} sources)\n",
                file.display(),
                d.id,
                d.organisations.len(),
                d.groups.len(),
                d.memberships.len(),
                d.meetings.len(),
                d.documents.len(),
                d.sources.len()
            ));
        }
    }
    if problems == 0 { OK } else { BROKEN }
}
