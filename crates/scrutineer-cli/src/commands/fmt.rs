//! `scrutineer fmt`: rewrite partnership files in the canonical layout.

use scrutineer_graph::files::{read_for_update, replace_partnership};
use scrutineer_graph::format::format_text;
use scrutineer_graph::load::MAX_FILE_BYTES;

use super::{BROKEN, FAILED, OK};
use crate::cli::FmtArgs;
use crate::output::{eprint, print};
use crate::paths;

pub fn run(args: FmtArgs) -> u8 {
    let files = match paths::partnership_files(&args.paths) {
        Ok(f) => f,
        Err(e) => {
            eprint(&format!("error: {e}\n"));
            return BROKEN;
        }
    };
    let (mut broken, mut unformatted) = (false, 0);
    for file in &files {
        // Read as every input is (a regular file, within the size limit), remembering what was
        // read so the rewrite can tell whether anyone changed it in the meantime.
        let original = match read_for_update(file, MAX_FILE_BYTES) {
            Ok(t) => t,
            Err(e) => {
                eprint(&format!("error: {e}\n"));
                broken = true;
                continue;
            }
        };
        let text = &original.text;
        let formatted = match format_text(file, text) {
            Ok(f) => f,
            Err(diagnostics) => {
                for d in diagnostics {
                    eprint(&d.render(Some(text)));
                }
                broken = true;
                continue;
            }
        };
        if formatted == *text {
            continue;
        }
        unformatted += 1;
        if args.check {
            print(&format!("would reformat {}\n", file.display()));
        } else if let Err(e) = replace_partnership(&original, &formatted) {
            eprint(&format!("error: {e}\n"));
            broken = true;
        } else {
            print(&format!("formatted {}\n", file.display()));
        }
    }
    if broken {
        BROKEN
    } else if args.check && unformatted > 0 {
        FAILED
    } else {
        OK
    }
}
