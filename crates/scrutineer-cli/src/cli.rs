//! The command-line definition (clap). Each subcommand's arguments live here so that
//! `--help`, completions and the man page come from one place.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Audit the governance of Community Safety Partnerships as of a date.
#[derive(Parser, Debug)]
#[command(name = "scrutineer", version, long_about = None)]
pub struct Cli {
    /// Worker threads for evaluation, 1 to 256 (default: one per core). Output is the same
    /// whatever the number.
    #[arg(long, global = true, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=scrutineer_rules::sandbox::MAX_THREADS as i64))]
    pub threads: Option<u16>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check partnerships against the rule pack as of a date.
    Check(CheckArgs),
    /// Print a rule's documentation, law and question for members, or a record of the file format.
    Explain(ExplainArgs),
    /// List the rules in the pack.
    Rules(RulesArgs),
    /// The law the rules rest on: each provision, its dates in each nation and place, whether
    /// its words were read, and the rules that use it.
    Law(RulesArgs),
    /// Check that partnership files load, and report every problem with its place.
    Validate(ValidateArgs),
    /// Run a scripted scenario on a copy of a partnership: results before, after, and the difference.
    #[command(name = "what-if")]
    WhatIf(WhatIfArgs),
    /// When each failure opened and closed over a range of dates.
    Timeline(TimelineArgs),
    /// The briefing pack for a committee meeting: one self-contained HTML file (or Markdown).
    Report(ReportArgs),
    /// A partnership's accountability structure as a picture or as data.
    Graph(GraphArgs),
    /// Start a partnership file from a few answers, with an example of each record to copy.
    New(NewArgs),
    /// Rewrite partnership files in the canonical layout (atomically; nothing is lost).
    Fmt(FmtArgs),
    /// Merge a spreadsheet (CSV or XLSX) of board membership, attendance, actions or risks
    /// into a partnership file.
    Import(ImportArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(CompletionsArgs),
    /// Print the manual page (roff) for scrutineer and each of its commands.
    Man,
}

#[derive(Args, Debug)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// What a spreadsheet holds.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ImportKind {
    /// A board membership list: one row per member (Organisation, Role, Start date, ...).
    Membership,
    /// An attendance register: one row per member per meeting (Meeting date, Organisation, Attendance).
    Attendance,
    /// An action tracker: one row per action (Ref, Action, Lead, Due date, Status, ...).
    Actions,
    /// A risk register: one row per risk (Ref, Risk, Likelihood, Impact, Controls, ...).
    Risks,
}

#[derive(Args, Debug)]
pub struct ImportArgs {
    /// What the spreadsheet holds.
    #[arg(value_enum)]
    pub kind: ImportKind,
    /// The spreadsheet: .csv, .xlsx, .xls, .xlsb or .ods.
    pub file: PathBuf,
    /// The partnership file to merge into; rewritten whole, in the canonical layout, or not at all.
    #[arg(long, value_name = "GRAPH.ron")]
    pub into: PathBuf,
    /// The sheet of a workbook to read (default: the first).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// The group the rows belong to when the sheet has no Group column (id or name; default:
    /// the partnership's strategy group).
    #[arg(long, value_name = "GROUP")]
    pub group: Option<String>,
    /// The plan (actions) or register (risks) the rows belong to (id or title).
    #[arg(long, value_name = "DOCUMENT")]
    pub document: Option<String>,
    /// Cite this source of the partnership instead of adding one for the spreadsheet.
    #[arg(long, value_name = "SOURCE")]
    pub source: Option<String>,
    /// The sheet lists every member (membership) or everyone present (attendance), so anyone
    /// missing from it is known to be absent.
    #[arg(long)]
    pub complete: bool,
    /// Where a cell disagrees with the file, take the sheet's value (each one is still listed).
    #[arg(long)]
    pub overwrite: bool,
    /// Add each organisation the sheet names that the file does not know, as this kind of body
    /// (as the file writes it: `VoluntarySector`, `NhsTrust`, ...; see `scrutineer explain
    /// OrgKind`). A Kind column in the sheet says it row by row instead. Membership and
    /// attendance only.
    #[arg(long, value_name = "KIND")]
    pub new_organisation_kind: Option<String>,
    /// Show what would change, as a diff, and write nothing; list how each date that could be
    /// read either way round (`04/01/2024`) was read.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Args, Debug)]
pub struct FmtArgs {
    /// Partnership files or folders of them (default: graphs/partnerships/).
    pub paths: Vec<PathBuf>,
    /// Change nothing; exit 1 if any file is not in the canonical layout.
    #[arg(long)]
    pub check: bool,
}

#[derive(Args, Debug)]
pub struct ReportArgs {
    /// Partnership files or folders of them (default: graphs/partnerships/).
    pub paths: Vec<PathBuf>,
    /// Evaluate as of this day, YYYY-MM-DD (default: today).
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// Read only the sources dated on or before this day: what could have been known then
    /// (default: every source on file).
    #[arg(long, value_name = "DATE")]
    pub known_on: Option<String>,
    /// Write the pack here (written whole or not at all); without it, to standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = ReportFormat::Html)]
    pub format: ReportFormat,
    /// With --to, add a timeline of failures from this date.
    #[arg(long, value_name = "DATE", requires = "to")]
    pub from: Option<String>,
    /// With --from, the end of the timeline.
    #[arg(long, value_name = "DATE", requires = "from")]
    pub to: Option<String>,
    /// Show, and count, only findings at or above this severity.
    #[arg(long, value_enum, default_value_t = SeverityArg::Info, value_name = "LEVEL")]
    pub severity: SeverityArg,
    /// Mark what is new since an earlier `check --format json` result.
    #[arg(long, value_name = "PREVIOUS.json")]
    pub baseline: Option<PathBuf>,
    /// Add what this what-if scenario would change, as of the pack's date (repeatable).
    #[arg(long, value_name = "FILE.rhai")]
    pub scenario: Vec<PathBuf>,
    /// Show failures the committee has waived as failures.
    #[arg(long)]
    pub no_waivers: bool,
    #[command(flatten)]
    pub pack: PackArgs,
    #[command(flatten)]
    pub limits: LimitArgs,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportFormat {
    Html,
    Markdown,
    /// Plain text, for an email body.
    Text,
    /// A Word document, for a committee report template (needs --out).
    Docx,
}

#[derive(Args, Debug)]
pub struct GraphArgs {
    /// The partnership file.
    pub graph: PathBuf,
    #[arg(long, value_enum, default_value_t = GraphFormat::Svg)]
    pub format: GraphFormat,
    /// Draw the structure as of this day, with failures then marked (default: today).
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    #[command(flatten)]
    pub pack: PackArgs,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum GraphFormat {
    Dot,
    Mermaid,
    Svg,
    Json,
    Graphml,
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Partnership files or folders of them (default: graphs/partnerships/).
    pub paths: Vec<PathBuf>,
    /// Evaluate as of this day, YYYY-MM-DD (default: today).
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// Read only the sources dated on or before this day: what could have been known then
    /// (default: every source on file).
    #[arg(long, value_name = "DATE")]
    pub known_on: Option<String>,
    #[command(flatten)]
    pub pack: PackArgs,
    #[arg(long, default_value = "text", value_parser = check_format())]
    pub format: scrutineer_report::Format,
    /// Also show passes and rules that do not apply.
    #[arg(long)]
    pub all: bool,
    /// Show, and fail on, only findings at or above this severity.
    #[arg(long, value_enum, default_value_t = SeverityArg::Info, value_name = "LEVEL")]
    pub severity: SeverityArg,
    /// Run only these rules (comma-separated ids, or a prefix ending in `*`).
    #[arg(long, value_delimiter = ',', value_name = "IDS")]
    pub select: Vec<String>,
    /// Skip these rules (comma-separated ids, or a prefix ending in `*`).
    #[arg(long, value_delimiter = ',', value_name = "IDS")]
    pub ignore: Vec<String>,
    /// Show failures the committee has waived as failures.
    #[arg(long)]
    pub no_waivers: bool,
    /// Mark each failure new or persisting against an earlier `--format json` result, and list
    /// what has been resolved since.
    #[arg(long, value_name = "PREVIOUS.json")]
    pub baseline: Option<PathBuf>,
    #[command(flatten)]
    pub limits: LimitArgs,
}

#[derive(Args, Debug)]
pub struct WhatIfArgs {
    /// The partnership file.
    pub graph: PathBuf,
    /// The scenario script.
    pub scenario: PathBuf,
    /// Evaluate as of this day (default: the scenario's AS_OF, else today).
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// Read only the sources dated on or before this day (default: every source on file).
    #[arg(long, value_name = "DATE")]
    pub known_on: Option<String>,
    #[command(flatten)]
    pub pack: PackArgs,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Show passes too in the before and after lists.
    #[arg(long)]
    pub all: bool,
    /// Show failures the committee has waived as failures.
    #[arg(long)]
    pub no_waivers: bool,
    #[command(flatten)]
    pub limits: LimitArgs,
}

#[derive(Args, Debug)]
pub struct TimelineArgs {
    /// The partnership file.
    pub graph: PathBuf,
    /// The first date, YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    pub from: String,
    /// The last date, YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    pub to: String,
    #[arg(long, value_enum, default_value_t = StepArg::Exact)]
    pub step: StepArg,
    #[command(flatten)]
    pub pack: PackArgs,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Run only these rules (comma-separated ids, or a prefix ending in `*`).
    #[arg(long, value_delimiter = ',', value_name = "IDS")]
    pub select: Vec<String>,
    /// Show failures the committee has waived as failures.
    #[arg(long)]
    pub no_waivers: bool,
    #[command(flatten)]
    pub limits: LimitArgs,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepArg {
    /// The days an outcome can change: the true day each failure opened and closed.
    Exact,
    Day,
    Week,
    Month,
}

/// Which rules to run: the pack built into scrutineer, another folder instead, or local rules
/// added to it.
#[derive(Args, Debug, Clone, Default)]
pub struct PackArgs {
    /// Use the rules in this folder instead of the pack built into scrutineer.
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
    /// Add the rules in this folder to the pack (repeatable); an id the pack already has is
    /// reported as an error, never silently replaced.
    #[arg(long, value_name = "DIR")]
    pub add_rules: Vec<PathBuf>,
}

/// Sandbox limits, for rule authors testing heavy rules. Defaults are in the README. Each must
/// be at least 1: a limit of 0 would mean "none" to the script engine, which is never wanted.
#[derive(Args, Debug, Clone)]
pub struct LimitArgs {
    /// Script operations allowed per rule and partnership.
    #[arg(long, value_name = "N", help_heading = "Sandbox limits", value_parser = at_least_one_u64)]
    pub max_operations: Option<u64>,
    /// Nested function calls allowed.
    #[arg(long, value_name = "N", help_heading = "Sandbox limits", value_parser = at_least_one)]
    pub max_call_levels: Option<usize>,
    /// Largest string, in characters.
    #[arg(long, value_name = "N", help_heading = "Sandbox limits", value_parser = at_least_one)]
    pub max_string_size: Option<usize>,
    /// Largest array, in items.
    #[arg(long, value_name = "N", help_heading = "Sandbox limits", value_parser = at_least_one)]
    pub max_array_size: Option<usize>,
    /// Largest map, in entries.
    #[arg(long, value_name = "N", help_heading = "Sandbox limits", value_parser = at_least_one)]
    pub max_map_size: Option<usize>,
    /// Seconds one rule may run on one partnership (or one scenario, all its variants).
    #[arg(long, value_name = "N", help_heading = "Sandbox limits", value_parser = at_least_one_u64)]
    pub max_seconds: Option<u64>,
    /// Memory one rule or scenario may hold at once, in MB.
    #[arg(long, value_name = "MB", help_heading = "Sandbox limits", value_parser = at_least_one_u64)]
    pub max_memory: Option<u64>,
    /// Outcomes one rule may return for one partnership.
    #[arg(long, value_name = "N", help_heading = "Sandbox limits", value_parser = at_least_one)]
    pub max_outcomes: Option<usize>,
    /// Variants one what-if sweep may declare.
    #[arg(long, value_name = "N", help_heading = "Sandbox limits", value_parser = at_least_one)]
    pub max_variants: Option<usize>,
}

impl LimitArgs {
    /// The sandbox limits: the defaults, with any given on the command line.
    pub fn limits(&self) -> scrutineer_rules::Limits {
        let d = scrutineer_rules::Limits::default();
        scrutineer_rules::Limits {
            max_operations: self.max_operations.unwrap_or(d.max_operations),
            max_call_levels: self.max_call_levels.unwrap_or(d.max_call_levels),
            max_string_size: self.max_string_size.unwrap_or(d.max_string_size),
            max_array_size: self.max_array_size.unwrap_or(d.max_array_size),
            max_map_size: self.max_map_size.unwrap_or(d.max_map_size),
            max_seconds: self.max_seconds.unwrap_or(d.max_seconds),
            max_memory_mb: self.max_memory.unwrap_or(d.max_memory_mb),
            max_outcomes: self.max_outcomes.unwrap_or(d.max_outcomes),
            max_variants: self.max_variants.unwrap_or(d.max_variants),
            ..d
        }
    }
}

fn at_least_one(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(0) => Err("must be at least 1 (0 would mean no limit at all)".into()),
        Ok(n) => Ok(n),
        Err(e) => Err(e.to_string()),
    }
}

fn at_least_one_u64(s: &str) -> Result<u64, String> {
    at_least_one(s).map(|n| n as u64)
}

#[derive(Args, Debug)]
pub struct ExplainArgs {
    /// A rule id (CDA-S5-RA-PROBATION); a record or list of values of the file format
    /// (Meeting, OrgKind); or `format` for the whole format reference.
    pub rule: String,
    #[command(flatten)]
    pub pack: PackArgs,
}

#[derive(Args, Debug)]
pub struct RulesArgs {
    #[command(flatten)]
    pub pack: PackArgs,
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
}

#[derive(Args, Debug)]
pub struct NewArgs {
    /// The file to write (it must not exist yet), for example `exampleshire.ron`.
    pub file: PathBuf,
    /// The partnership's name, as its papers give it.
    #[arg(long)]
    pub name: String,
    /// A local government area it covers (repeat for each).
    #[arg(long = "area", value_name = "AREA")]
    pub areas: Vec<String>,
    /// England or Wales.
    #[arg(long, value_enum)]
    pub nation: NationArg,
    /// `district` (in a two-tier county), `unitary`, or `welsh` (a Welsh principal area).
    #[arg(long, value_enum)]
    pub tier: TierArg,
    /// The county, for a district.
    #[arg(long)]
    pub county: Option<String>,
    /// The paper the file is built from: its title, as a person would cite it.
    #[arg(long, value_name = "TITLE")]
    pub source: String,
    /// The paper's date: a day, a month, a year or a range, as in the file.
    #[arg(long, value_name = "DATE")]
    pub source_date: String,
    /// The paper's public address.
    #[arg(long, value_name = "URL")]
    pub source_url: Option<String>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum NationArg {
    England,
    Wales,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum TierArg {
    District,
    Unitary,
    Welsh,
}

#[derive(Args, Debug)]
pub struct ValidateArgs {
    /// Partnership files or folders of them (default: graphs/partnerships/).
    pub paths: Vec<PathBuf>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
}

/// `check`'s formats, as the report crate lists them: adding a format there adds it here.
fn check_format() -> impl clap::builder::TypedValueParser<Value = scrutineer_report::Format> {
    use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
    PossibleValuesParser::new(scrutineer_report::Format::ALL.map(|f| {
        let v = PossibleValue::new(f.name());
        match f.help() {
            Some(h) => v.help(h),
            None => v,
        }
    }))
    .map(|name| scrutineer_report::Format::from_name(&name).expect("one of the listed names"))
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListFormat {
    Text,
    Json,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum SeverityArg {
    Info,
    Warning,
    Violation,
}

impl SeverityArg {
    pub fn level(self) -> scrutineer_rules::Severity {
        match self {
            SeverityArg::Info => scrutineer_rules::Severity::Info,
            SeverityArg::Warning => scrutineer_rules::Severity::Warning,
            SeverityArg::Violation => scrutineer_rules::Severity::Violation,
        }
    }
}
