//! `scrutineer import`: merge a spreadsheet into a partnership file.
//!
//! The order of the steps is what keeps the file safe: everything is read and checked first
//! (the partnership, the sheet, every row, and the partnership as it would be afterwards), and
//! only then is the file replaced, whole, by an atomic rename. Any problem on the way stops
//! the import with the file untouched.

use scrutineer_graph::files::{
    WriteError, check_partnership, read_for_update, replace_partnership,
};
use scrutineer_graph::format::rewrite;
use scrutineer_graph::load::MAX_FILE_BYTES;
use scrutineer_graph::load_str;
use scrutineer_import::cells::org_kind;
use scrutineer_import::{Kind, Options, import, read};

use super::{BROKEN, FAILED, OK};
use crate::cli::{ImportArgs, ImportKind};
use crate::output::{eprint, print};

pub fn run(args: ImportArgs) -> u8 {
    let kind = match args.kind {
        ImportKind::Membership => Kind::Membership,
        ImportKind::Attendance => Kind::Attendance,
        ImportKind::Actions => Kind::Actions,
        ImportKind::Risks => Kind::Risks,
    };
    let into = &args.into;
    let new_organisation_kind = match args.new_organisation_kind.as_deref().map(org_kind) {
        None => None,
        Some(Ok(k)) => Some(k),
        Some(Err(help)) => {
            eprint(&format!(
                "error: --new-organisation-kind: cannot read `{}` as a kind of body\n  = help: {help}\n",
                args.new_organisation_kind.as_deref().unwrap_or_default()
            ));
            return BROKEN;
        }
    };
    // Read as every input is, remembering what was read: the write at the end refuses if
    // another run (or a person) changed the file in between, rather than lose their change.
    let as_read = match read_for_update(into, MAX_FILE_BYTES) {
        Ok(t) => t,
        Err(e) => {
            eprint(&format!(
                "error: {e}\n  = help: --into names an existing partnership file; start one with `scrutineer new` and import into it\n"
            ));
            return BROKEN;
        }
    };
    let original = as_read.text.clone();
    let loaded = load_str(into, original.clone());
    let Some(graph) = loaded.graph.as_ref().filter(|_| !loaded.has_errors()) else {
        eprint(&loaded.render_diagnostics());
        eprint("error: the partnership file does not load, so nothing was imported\n");
        return BROKEN;
    };
    let table = match read(&args.file, args.sheet.as_deref()) {
        Ok(t) => t,
        Err(e) => {
            eprint(&format!("error: {e}\n"));
            return BROKEN;
        }
    };
    let options = Options {
        group: args.group,
        document: args.document,
        source: args.source,
        complete: args.complete,
        overwrite: args.overwrite,
        new_organisation_kind,
    };
    let report = match import(kind, &table, &graph.data, &options) {
        Ok(r) => r,
        Err(problems) => {
            for p in &problems {
                eprint(&p.render(&args.file, Some((into, &original))));
            }
            eprint(&format!(
                "error: {} problem{} in the spreadsheet; `{}` was not changed\n",
                problems.len(),
                if problems.len() == 1 { "" } else { "s" },
                into.display()
            ));
            return BROKEN;
        }
    };
    let updated = match rewrite(into, &original, &report.data) {
        Ok(t) => t,
        Err(diagnostics) => {
            for d in diagnostics {
                eprint(&d.render(Some(&original)));
            }
            eprint(&format!("error: `{}` was not changed\n", into.display()));
            return BROKEN;
        }
    };
    // The merged records must load as well as the original did, within the loader's size
    // limit: a check on this code as much as on the sheet, since every id it writes was resolved
    // or made fresh. Checked before the summary, so a refused import reports nothing as done.
    match check_partnership(into, &updated) {
        Ok(()) => {}
        Err(WriteError::DoesNotLoad { diagnostics, .. }) => {
            eprint(&diagnostics);
            eprint(&format!(
                "error: the import would leave `{}` unable to load; it was not changed\n",
                into.display()
            ));
            return BROKEN;
        }
        Err(e) => {
            eprint(&format!("error: {e}\n"));
            return BROKEN;
        }
    }
    print(&format!(
        "import {} from {}{} into {}\n",
        kind.as_str(),
        args.file.display(),
        if table.sheet.is_empty() {
            String::new()
        } else {
            format!(" (sheet `{}`)", table.sheet)
        },
        into.display()
    ));
    print(&report.render(args.dry_run));
    // The records as they were, written canonically: different from the file only when the
    // file was not in the canonical layout (no second parse needed to find out).
    if rewrite(into, &original, &graph.data).is_ok_and(|f| f != original) {
        print(&format!(
            "note: `{}` was not in the canonical layout, so the rewrite also reformats it (as `scrutineer fmt` would)\n",
            into.display()
        ));
    }
    if updated == original {
        print(&format!("no change to {}\n", into.display()));
    } else if args.dry_run {
        let name = into.display().to_string();
        let diff = similar::TextDiff::from_lines(&original, &updated);
        print(
            &diff
                .unified_diff()
                .context_radius(2)
                .header(&name, &name)
                .to_string(),
        );
        print(&format!("dry run: {} was not changed\n", into.display()));
    } else if let Err(e) = replace_partnership(&as_read, &updated) {
        eprint(&format!("error: {e}\n"));
        return BROKEN;
    } else {
        print(&format!("wrote {}\n", into.display()));
    }
    if report.conflicts.iter().any(|c| !c.overwritten) {
        FAILED
    } else {
        OK
    }
}
