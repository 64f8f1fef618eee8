//! `scrutineer completions SHELL` and `scrutineer man`: generated from the clap definitions in
//! `cli.rs`, so they can never disagree with `--help`.

use clap::CommandFactory;

use super::OK;
use crate::cli::{Cli, CompletionsArgs};
use crate::output::print;

/// Prints the completion script for a shell.
pub fn completions(args: CompletionsArgs) -> u8 {
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "scrutineer", &mut out);
    print(&String::from_utf8_lossy(&out));
    OK
}

/// Prints the man page (roff) for scrutineer and every subcommand, one after another.
pub fn man() -> u8 {
    let mut cmd = Cli::command();
    // Building fills in each subcommand's full name (`scrutineer what-if`) for its synopsis.
    cmd.build();
    let mut out = Vec::new();
    // Writing into a Vec cannot fail.
    let _ = clap_mangen::Man::new(cmd.clone()).render(&mut out);
    // clap's own `help` subcommand needs no page.
    for sub in cmd
        .get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
    {
        let name = format!("scrutineer-{}", sub.get_name());
        let page = sub
            .clone()
            .display_name(name)
            .version(env!("CARGO_PKG_VERSION"));
        let _ = clap_mangen::Man::new(page).render(&mut out);
    }
    print(&String::from_utf8_lossy(&out));
    OK
}
