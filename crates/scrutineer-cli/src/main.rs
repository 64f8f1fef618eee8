//! `scrutineer`: audits the governance of Community Safety Partnerships.
//!
//! Thin by design: parse the arguments, run one command, turn its result into an exit code
//! (0 nothing failed, 1 something failed at or above the chosen severity, 2 the input or a
//! rule is broken).
#![forbid(unsafe_code)]

mod cli;
mod commands;
mod output;
mod paths;

use std::process::ExitCode;

use clap::Parser;

/// The system allocator, counting what each thread holds, so that a rule or scenario that
/// builds too much is stopped at its memory limit (see `scrutineer_rules::memory`).
#[global_allocator]
static ALLOCATOR: scrutineer_rules::memory::CountingAllocator =
    scrutineer_rules::memory::CountingAllocator;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    if let Some(n) = cli.threads {
        // Only fails if a pool already exists, which cannot happen this early; clap has
        // already kept the number within range.
        let _ = rayon_pool(usize::from(n));
    }
    let code = match cli.command {
        cli::Command::Check(args) => commands::check::run(args),
        cli::Command::Explain(args) => commands::explain::run(args),
        cli::Command::Rules(args) => commands::rules::run(args),
        cli::Command::Law(args) => commands::law::run(args),
        cli::Command::New(args) => commands::new::run(args),
        cli::Command::Validate(args) => commands::validate::run(args),
        cli::Command::WhatIf(args) => commands::whatif::run(args),
        cli::Command::Timeline(args) => commands::timeline::run(args),
        cli::Command::Report(args) => commands::report::run(args),
        cli::Command::Graph(args) => commands::graph::run(args),
        cli::Command::Fmt(args) => commands::fmt::run(args),
        cli::Command::Import(args) => commands::import::run(args),
        cli::Command::Completions(args) => commands::shell::completions(args),
        cli::Command::Man => commands::shell::man(),
    };
    ExitCode::from(code)
}

fn rayon_pool(threads: usize) -> Result<(), String> {
    scrutineer_rules::eval::configure_threads(threads)
}
