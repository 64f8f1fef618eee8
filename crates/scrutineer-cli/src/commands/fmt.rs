//! `scrutineer fmt`: rewrite partnership files in the canonical layout.

use scrutineer_graph::format::{format_text, write_atomically};

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
        let text = match std::fs::read_to_string(file) {
            Ok(t) => t,
            Err(e) => {
                eprint(&format!("error: cannot read `{}`: {e}\n", file.display()));
                broken = true;
                continue;
            }
        };
        let formatted = match format_text(file, &text) {
            Ok(f) => f,
            Err(diagnostics) => {
                for d in diagnostics {
                    eprint(&d.render(Some(&text)));
                }
                broken = true;
                continue;
            }
        };
        if formatted == text {
            continue;
        }
        unformatted += 1;
        if args.check {
            print(&format!("would reformat {}\n", file.display()));
        } else if let Err(e) = write_atomically(file, &formatted) {
            eprint(&format!(
                "error: cannot write `{}`: {e}; the file is unchanged\n",
                file.display()
            ));
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
