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
            let n = |k: usize, one: &str, many: &str| {
                if k == 1 {
                    format!("1 {one}")
                } else {
                    format!("{k} {many}")
                }
            };
            print(&format!(
                "ok: {} ({}: {}, {}, {}, {}, {}, {})\n",
                file.display(),
                d.id,
                n(d.organisations.len(), "organisation", "organisations"),
                n(d.groups.len(), "group", "groups"),
                n(d.memberships.len(), "membership", "memberships"),
                n(d.meetings.len(), "meeting", "meetings"),
                n(d.documents.len(), "document", "documents"),
                n(d.sources.len(), "source", "sources")
            ));
        }
    }
    if problems == 0 { OK } else { BROKEN }
}
