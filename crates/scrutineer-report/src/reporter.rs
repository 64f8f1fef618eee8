//! One reporter per output format of `check`, behind one trait.
//!
//! A run is written in three steps: [`Reporter::start`] once, [`Reporter::partnerships`] for
//! each chunk of partnerships as it is checked, and [`Reporter::finish`] once at the end. Each
//! step returns the text to print, and every format prints as it goes: memory stays flat
//! however many partnerships are checked (SARIF too: its rules, known from the pack, are written
//! first and its run-wide notifications last). The command that runs the checks never asks
//! which format it is writing.
//!
//! Adding a format is one file with a type implementing [`Reporter`] and one variant of
//! [`Format`].

use scrutineer_graph::Date;
use scrutineer_rules::{Finding, Rule, RuleError, Severity};

use crate::ResultSet;

/// The output formats of `check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    /// SARIF 2.1.0, for code-scanning tools.
    Sarif,
    /// JUnit XML: a test suite per partnership, a test case per rule.
    Junit,
}

impl Format {
    /// Every format, in the order `--help` lists them.
    pub const ALL: [Format; 4] = [Format::Text, Format::Json, Format::Sarif, Format::Junit];

    /// The name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Json => "json",
            Format::Sarif => "sarif",
            Format::Junit => "junit",
        }
    }

    /// One line for `--help`, when the name alone does not say enough.
    pub fn help(self) -> Option<&'static str> {
        match self {
            Format::Text | Format::Json => None,
            Format::Sarif => Some("SARIF 2.1.0, for code-scanning tools"),
            Format::Junit => Some("JUnit XML: a test suite per partnership, a test case per rule"),
        }
    }

    /// The format of this name.
    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name() == name)
    }

    /// A reporter writing this format for one run.
    pub fn reporter<'r>(self, run: Run<'r>) -> Box<dyn Reporter + 'r> {
        match self {
            Format::Text => Box::new(crate::text::TextReporter::default()),
            Format::Json => Box::new(crate::json::JsonReporter::new(run)),
            Format::Sarif => Box::new(crate::sarif::SarifReporter::new(run)),
            Format::Junit => Box::new(crate::junit::JunitReporter::new(run)),
        }
    }
}

/// What is fixed for the whole run.
#[derive(Clone, Copy)]
pub struct Run<'r> {
    pub as_of: Date,
    /// Every rule of the pack, in pack order (SARIF lists them all).
    pub pack: &'r [Rule],
    /// The rules that were run (after `--select` and `--ignore`).
    pub chosen: &'r [&'r Rule],
    /// The lowest severity shown and failed on.
    pub threshold: Severity,
}

/// One chunk of partnerships, just checked.
pub struct Chunk<'a> {
    /// The partnerships and the findings to show (already filtered by outcome and severity).
    pub set: ResultSet<'a>,
    /// Every finding of these partnerships, of every outcome and severity.
    pub every: &'a [Finding],
    /// The rule errors raised while checking them.
    pub errors: &'a [RuleError],
}

/// Writes one output format, piece by piece as the run goes.
pub trait Reporter {
    /// What comes before any partnership.
    fn start(&mut self) -> String {
        String::new()
    }

    /// The output for one chunk of partnerships.
    fn partnerships(&mut self, chunk: &Chunk<'_>) -> String;

    /// What comes after every partnership. `end` holds no partnerships or findings, only the
    /// run's errors, unused waivers and baseline.
    fn finish(&mut self, end: &ResultSet<'_>) -> String;
}
