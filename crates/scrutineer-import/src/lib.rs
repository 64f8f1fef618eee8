//! Spreadsheets in: the records community safety officers keep (a board membership list, an
//! attendance register, an action tracker, a risk register) merged into a partnership file.
//!
//! The import is a pure function from a partnership and a [`Table`] to a new partnership and a
//! [`Report`] of what changed. It never guesses silently:
//!
//! * a row that matches an existing record fills in the fields the record does not have;
//! * a cell that disagrees with the record is a [`Conflict`], listed, and the record's value is
//!   kept unless the caller asks to take the sheet's;
//! * a cell that cannot be read (a bad date, an organisation the partnership does not know) is
//!   a [`Problem`] naming the sheet, row and column, and any problem means nothing is changed;
//! * a row that is not a record (a key to the marks, a footnote, a line below the table) is
//!   skipped with a note saying so.
//!
//! Every record the import adds or changes cites the spreadsheet and row as its evidence.
#![forbid(unsafe_code)]

pub mod cells;
pub mod columns;
mod kinds;
mod resolve;
pub mod table;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::path::Path;

use scrutineer_graph::When;
use scrutineer_graph::model::{Evidence, OrgKind, Partnership, Source};
use scrutineer_graph::spans::SpanIndex;

use crate::cells::Cell;
use crate::columns::{Column, Columns};
use crate::table::Row;
pub use crate::table::{Table, read};

/// What a spreadsheet holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Who sits on a group: one row per member.
    Membership,
    /// Who came to meetings: one row per member per meeting.
    Attendance,
    /// An action tracker: one row per action.
    Actions,
    /// A risk register: one row per risk.
    Risks,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Membership => "membership",
            Kind::Attendance => "attendance",
            Kind::Actions => "actions",
            Kind::Risks => "risks",
        }
    }
}

/// Choices the person running the import makes.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The group rows belong to when the sheet has no group column (id or name). Without it,
    /// the partnership's strategy group, if it has exactly one.
    pub group: Option<String>,
    /// The plan (for actions) or register (for risks) the rows belong to (id or title).
    pub document: Option<String>,
    /// Cite this existing source instead of adding one for the spreadsheet.
    pub source: Option<String>,
    /// The sheet lists every member (membership) or everyone present (attendance).
    pub complete: bool,
    /// Where a cell disagrees with the file, take the sheet's value (still listed).
    pub overwrite: bool,
    /// The kind of body of every organisation the sheet names that the file does not know
    /// (membership and attendance), where a Kind column does not give one. Without a kind, an
    /// unknown organisation is a problem: the kind is never guessed.
    pub new_organisation_kind: Option<OrgKind>,
}

/// Where in the spreadsheet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    /// The sheet of a workbook; empty for a CSV file, which has none.
    pub sheet: String,
    pub row: usize,
    /// The column's letter and header, when the problem is one cell.
    pub column: Option<String>,
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.sheet.is_empty() {
            write!(f, "sheet `{}`, ", self.sheet)?;
        }
        write!(f, "row {}", self.row)?;
        if let Some(c) = &self.column {
            write!(f, ", column {c}")?;
        }
        Ok(())
    }
}

/// A cell or row that cannot be imported. Any problem means nothing is changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub place: Place,
    pub message: String,
    pub help: Option<String>,
    /// The partnership file's record the row collides with, by its path in the file
    /// (`memberships[6]`), when there is one.
    pub record: Option<String>,
}

impl Problem {
    /// As a person reads it, in the style of the loader's diagnostics. `into` is the
    /// partnership file and its text, so that a record of the file the problem names can be
    /// given by its line.
    pub fn render(&self, file: &Path, into: Option<(&Path, &str)>) -> String {
        let mut out = format!(
            "error: {}\n  --> {}, {}\n",
            self.message,
            file.display(),
            self.place
        );
        if let (Some(path), Some((graph, text))) = (&self.record, into) {
            match SpanIndex::new(text).find(path) {
                Some(span) => out.push_str(&format!(
                    "  --> {}:{}:{} (`{path}`), the file's record\n",
                    graph.display(),
                    span.start.line,
                    span.start.col
                )),
                None => out.push_str(&format!(
                    "  --> {}, `{path}`, the file's record\n",
                    graph.display()
                )),
            }
        }
        if let Some(h) = &self.help {
            out.push_str(&format!("  = help: {h}\n"));
        }
        out
    }
}

/// A date written with numbers that could be read either way round (`04/01/2024`), and how it
/// was read: day first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateRead {
    /// The column's letter and header.
    pub column: String,
    /// The cell as written.
    pub text: String,
    pub read_as: When,
    /// The rows it was written in.
    pub rows: Vec<usize>,
}

/// A cell that disagrees with the record it matches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    pub place: Place,
    /// The record: "action `demographics-analysis`".
    pub record: String,
    pub field: &'static str,
    pub in_file: String,
    pub in_sheet: String,
    /// Whether the sheet's value was taken (`--overwrite`).
    pub overwritten: bool,
}

/// What one row did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    Added,
    /// The fields it filled in.
    Updated(Vec<&'static str>),
    Unchanged,
    /// The row says nothing to record (a blank attendance mark), with why.
    Skipped(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub row: usize,
    pub record: String,
    pub effect: Effect,
}

/// The result of an import: the new partnership and everything that happened on the way.
#[derive(Clone, Debug)]
pub struct Report {
    pub data: Partnership,
    pub changes: Vec<Change>,
    pub conflicts: Vec<Conflict>,
    /// Things the person should know: columns not read, defaults chosen, rows taken for a
    /// key or a footnote, organisations added.
    pub notes: Vec<String>,
    /// Each date that could have been read month first, and how it was read.
    pub dates: Vec<DateRead>,
}

impl Report {
    fn count(&self, f: impl Fn(&Effect) -> bool) -> usize {
        self.changes.iter().filter(|c| f(&c.effect)).count()
    }

    /// The summary line: `8 rows: 8 added, 0 updated, 0 unchanged, 0 conflicts`.
    pub fn summary(&self) -> String {
        let skipped = self.count(|e| matches!(e, Effect::Skipped(_)));
        let mut s = format!(
            "{} rows: {} added, {} updated, {} unchanged",
            self.changes.len(),
            self.count(|e| *e == Effect::Added),
            self.count(|e| matches!(e, Effect::Updated(_))),
            self.count(|e| *e == Effect::Unchanged),
        );
        if skipped > 0 {
            s.push_str(&format!(", {skipped} skipped"));
        }
        s.push_str(&format!(
            ", {} conflict{}",
            self.conflicts.len(),
            if self.conflicts.len() == 1 { "" } else { "s" }
        ));
        s
    }

    /// Every row's effect, the conflicts and the notes, for the terminal. With `list_dates`
    /// (a dry run), each date that could have been read month first is listed with how it was
    /// read; otherwise one note says how many there were.
    pub fn render(&self, list_dates: bool) -> String {
        let mut out = String::new();
        for c in &self.changes {
            let line = match &c.effect {
                Effect::Added => format!("added {}", c.record),
                Effect::Updated(fields) => format!("updated {}: {}", c.record, fields.join(", ")),
                Effect::Unchanged => format!("unchanged {}", c.record),
                Effect::Skipped(why) => format!("skipped {}: {why}", c.record),
            };
            out.push_str(&format!("  row {:>3}  {line}\n", c.row));
        }
        for c in &self.conflicts {
            out.push_str(&format!(
                "conflict: {}: {} has {} {} in the file; the sheet says {}\n  = {}\n",
                c.place,
                c.record,
                c.field,
                c.in_file,
                c.in_sheet,
                if c.overwritten {
                    "took the sheet's value (--overwrite)"
                } else {
                    "kept the file's value; run with --overwrite to take the sheet's"
                }
            ));
        }
        for n in &self.notes {
            out.push_str(&format!("note: {n}\n"));
        }
        if list_dates {
            for d in &self.dates {
                out.push_str(&format!(
                    "date: `{}` read day first, as {} (column {}, {}); month first it would be {}\n",
                    d.text,
                    d.read_as.long(),
                    d.column,
                    rows_label(&d.rows),
                    month_first(d.read_as),
                ));
            }
        } else {
            match self.dates.as_slice() {
                [] => {}
                [one] => out.push_str(&format!(
                    "note: `{}` ({}) could be read either way round; it was read day first, as {}, as in the United Kingdom (--dry-run lists such dates)\n",
                    one.text,
                    rows_label(&one.rows),
                    one.read_as.long()
                )),
                [first, ..] => out.push_str(&format!(
                    "note: {} dates, `{}` among them, could be read either way round; each was read day first, as in the United Kingdom (`{}` as {}); --dry-run lists them\n",
                    self.dates.len(),
                    first.text,
                    first.text,
                    first.read_as.long()
                )),
            }
        }
        out.push_str(&self.summary());
        out.push('\n');
        out
    }
}

/// The day a day-first date would be read month first, for the dry run's list.
fn month_first(w: When) -> String {
    match w {
        When::Day(d) => {
            use chrono::Datelike;
            scrutineer_graph::Date::from_ymd(d.0.year(), d.0.day(), d.0.month())
                .map(|d| d.long())
                .unwrap_or_else(|| "no day".into())
        }
        other => other.long(),
    }
}

/// Imports a table into a copy of a partnership.
pub fn import(
    kind: Kind,
    table: &Table,
    base: &Partnership,
    options: &Options,
) -> Result<Report, Vec<Problem>> {
    let fields = kinds::fields(kind);
    let columns = columns::find(table, fields).map_err(|(row, message, help)| {
        vec![Problem {
            place: Place {
                sheet: table.sheet.clone(),
                row,
                column: None,
            },
            message,
            help: Some(other_sheets(kind, table).unwrap_or(help)),
            record: None,
        }]
    })?;
    let mut cx = Context::new(table, base, options, &columns, kind)?;
    if options.new_organisation_kind.is_some() && matches!(kind, Kind::Actions | Kind::Risks) {
        cx.sheet_problem(
            format!(
                "--new-organisation-kind is for membership and attendance imports, not {}",
                kind.as_str()
            ),
            Some(
                "add the organisation to the partnership file first, or leave the option out"
                    .into(),
            ),
        );
    }
    kinds::prepare(kind, &mut cx);
    if !cx.problems.is_empty() {
        return Err(cx.problems);
    }
    let body = &table.rows[columns.header_row + 1..];
    let tail = tail_start(body);
    for (i, row) in body.iter().enumerate() {
        if row.is_blank() {
            continue;
        }
        if let Some(what) = footnote(row) {
            cx.note(format!(
                "row {} read as {what}, not a record: {}",
                row.number,
                row_text(row)
            ));
            continue;
        }
        if tail.is_some_and(|t| i > t)
            && row.filled() == 1
            && !kinds::lone_cell_is_record(kind, &cx, row)
        {
            cx.note(format!(
                "row {} read as a note below the table, not a record: {}",
                row.number,
                row_text(row)
            ));
            continue;
        }
        kinds::import_row(kind, &mut cx, row);
    }
    cx.finish()
}

/// When the first sheet of a workbook was taken and has no header row: the workbook's sheets,
/// and which of them has the columns this import needs. It reads the other sheets of the
/// file, the one time the import reads anything.
fn other_sheets(kind: Kind, table: &Table) -> Option<String> {
    if table.chosen || table.sheets.len() < 2 {
        return None;
    }
    let fields = kinds::fields(kind);
    let fit: Vec<(String, usize)> = table
        .sheets
        .iter()
        .filter(|s| **s != table.sheet)
        .filter_map(|s| {
            let other = table::read(&table.file, Some(s)).ok()?;
            let columns = columns::find(&other, fields).ok()?;
            Some((s.clone(), other.rows[columns.header_row].number))
        })
        .collect();
    let sheets = and_list(table.sheets.iter().map(|s| format!("`{s}`")).collect());
    let what = match kind {
        Kind::Membership => "the membership list",
        Kind::Attendance => "the attendance register",
        Kind::Actions => "the action tracker",
        Kind::Risks => "the risk register",
    };
    Some(match fit.as_slice() {
        [] => format!(
            "the workbook's sheets are {sheets}, and none has a header row with these columns; rename a header to one of the names above, or give --sheet NAME"
        ),
        [(name, row)] => format!(
            "the workbook's sheets are {sheets}; `{name}` looks like {what} (its header is row {row}): give --sheet {}",
            shell_word(name)
        ),
        several => format!(
            "the workbook's sheets are {sheets}; {} have the columns of {what}: give --sheet with the one to import",
            and_list(several.iter().map(|(n, _)| format!("`{n}`")).collect())
        ),
    })
}

/// `a`, `a and b`, `a, b and c`.
fn and_list(mut items: Vec<String>) -> String {
    match items.len() {
        0 => String::new(),
        1 => items.remove(0),
        _ => {
            let last = items.pop().expect("two or more");
            format!("{} and {last}", items.join(", "))
        }
    }
}

/// A sheet name as it would be typed after --sheet.
fn shell_word(name: &str) -> String {
    if name
        .chars()
        .all(|c| c.is_alphanumeric() || "-_.".contains(c))
    {
        name.to_string()
    } else {
        format!("'{}'", name.replace('\'', "'\\''"))
    }
}

/// Where the table ends and what is below it begins: the first blank row after the last row
/// with text in two or more cells (a key set out across cells does not count). A lone cell
/// below that is a note, unless it reads as a record. `None` when no row has two cells (a
/// one-column list), where only rows that look like notes are taken for notes.
fn tail_start(body: &[Row]) -> Option<usize> {
    let last_full = body
        .iter()
        .rposition(|r| r.filled() >= 2 && footnote(r).is_none())?;
    body.iter()
        .enumerate()
        .skip(last_full + 1)
        .find(|(_, r)| r.is_blank())
        .map(|(i, _)| i)
}

/// The words a key or note starts with, before a colon or dash, or as the whole cell.
const NOTE_LABELS: &[&str] = &[
    "key",
    "note",
    "notes",
    "nb",
    "n.b.",
    "n.b",
    "source",
    "sources",
    "footnote",
    "footnotes",
];

/// What a row is, when it is a key or a footnote rather than a record: a row starting
/// `Key:`, `Notes:` or `NB`, a lone cell starting with a footnote mark (`*`, `†`), or a key
/// of marks (`P = present, A = apologies`).
fn footnote(row: &Row) -> Option<&'static str> {
    let texts: Vec<String> = row.cells.iter().filter_map(|c| c.text()).collect();
    let first = texts.first()?;
    let lower = first.to_lowercase();
    let labelled = NOTE_LABELS.iter().any(|label| {
        lower.strip_prefix(label).is_some_and(|rest| {
            let rest = rest.trim_start();
            rest.is_empty() || rest.starts_with([':', '-', '–', '—'])
        })
    });
    if labelled {
        return Some(if lower.starts_with("key") {
            "a key"
        } else {
            "a note"
        });
    }
    if texts.len() == 1 && first.starts_with(cells::FOOTNOTE_SIGNS) {
        return Some("a footnote");
    }
    let legend = |t: &String| {
        t.split([',', ';'])
            .filter(|p| !p.trim().is_empty())
            .all(|p| {
                p.split_once('=').is_some_and(|(mark, meaning)| {
                    let mark = mark.trim();
                    !mark.is_empty() && mark.chars().count() <= 6 && !meaning.trim().is_empty()
                })
            })
    };
    if texts.iter().all(legend) {
        return Some("a key");
    }
    None
}

/// A row's text for a note, shortened.
fn row_text(row: &Row) -> String {
    let text = row
        .cells
        .iter()
        .filter_map(|c| c.text())
        .collect::<Vec<_>>()
        .join(" | ");
    let short: String = text.chars().take(70).collect();
    if short.len() < text.len() {
        format!("`{short}...`")
    } else {
        format!("`{text}`")
    }
}

/// Records the conflicts and filled-in fields of one row as it is merged.
pub(crate) struct Log {
    overwrite: bool,
    sheet: String,
    pub conflicts: Vec<Conflict>,
}

impl Log {
    /// Starts merging one row into one record.
    pub fn row<'l>(&'l mut self, row: &'l Row, record: &'l str) -> RowMerge<'l> {
        RowMerge {
            log: self,
            row,
            record,
            filled: Vec::new(),
        }
    }
}

/// One row being merged into the record it matches.
pub(crate) struct RowMerge<'l> {
    log: &'l mut Log,
    row: &'l Row,
    record: &'l str,
    /// The fields the row filled in (or, with --overwrite, replaced).
    pub filled: Vec<&'static str>,
}

impl RowMerge<'_> {
    /// Merges one cell into one field. The field is filled when the record has no value, left
    /// alone when they agree, and otherwise a conflict.
    pub fn field<T: PartialEq + Clone>(
        &mut self,
        column: &Column,
        field: &'static str,
        slot: &mut Option<T>,
        value: T,
        show: impl Fn(&T) -> String,
    ) {
        match slot {
            None => {
                *slot = Some(value);
                self.filled.push(field);
            }
            Some(existing) if *existing == value => {}
            Some(existing) => {
                self.log.conflicts.push(Conflict {
                    place: Place {
                        sheet: self.log.sheet.clone(),
                        row: self.row.number,
                        column: Some(column.label()),
                    },
                    record: self.record.to_string(),
                    field,
                    in_file: show(existing),
                    in_sheet: show(&value),
                    overwritten: self.log.overwrite,
                });
                if self.log.overwrite {
                    *slot = Some(value);
                    self.filled.push(field);
                }
            }
        }
    }
}

/// The state of one import: the partnership being changed, and what has happened so far.
pub(crate) struct Context<'a> {
    pub data: Partnership,
    pub log: Log,
    pub options: &'a Options,
    columns: &'a Columns,
    table: &'a Table,
    pub problems: Vec<Problem>,
    pub changes: Vec<Change>,
    pub notes: Vec<String>,
    /// Dates that could have been read month first, in the order first met.
    dates: Vec<DateRead>,
    /// Seats this import added, by their place in the list, with the row that added each.
    pub added_seats: HashMap<usize, usize>,
    /// Organisations this import added whose kind came from the command line rather than the
    /// sheet, by their place in the list: their evidence says so.
    pub kind_from_option: HashSet<usize>,
    /// Every id in the partnership, lower-cased, so new ones do not clash.
    ids: HashSet<String>,
    source: String,
    /// Rows that cite each record, gathered so a record gets one evidence entry.
    cited: BTreeMap<Cited, Vec<usize>>,
    /// The header row's number, for problems with the sheet as a whole.
    pub header_row: usize,
    /// The group rows go to when they name none (membership, attendance).
    pub group: Option<String>,
    /// The plan or register rows belong to when they name none (actions, risks).
    pub document: Option<String>,
    /// Actions and risks by id and by their text (normalised), so that matching a row is a
    /// lookup rather than a scan: a 10,000-row tracker would otherwise take minutes.
    pub actions: RecordIndex,
    pub risks: RecordIndex,
}

/// A record an import added to or changed, by its place in its list (memberships have no id).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Cited {
    Organisation(usize),
    Person(usize),
    Membership(usize),
    Meeting(usize),
    Action(usize),
    Risk(usize),
}

/// Where records are, by id and by normalised text.
#[derive(Default)]
pub(crate) struct RecordIndex {
    by_id: HashMap<String, usize>,
    by_text: HashMap<String, usize>,
}

impl RecordIndex {
    fn of<'x>(records: impl Iterator<Item = (&'x str, &'x str)>) -> RecordIndex {
        let mut index = RecordIndex::default();
        for (i, (id, text)) in records.enumerate() {
            index.insert(i, id, text);
        }
        index
    }

    /// Records the position of a record; the first record with a text keeps it.
    pub fn insert(&mut self, at: usize, id: &str, text: &str) {
        self.by_id.entry(id.to_string()).or_insert(at);
        self.by_text.entry(cells::normalise(text)).or_insert(at);
    }

    pub fn by_id(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    pub fn by_text(&self, text: &str) -> Option<usize> {
        self.by_text.get(&cells::normalise(text)).copied()
    }

    /// The record a row describes: by its reference (as the id, or as the id an earlier import
    /// made from it with `prefix`), else by its text.
    pub fn find(&self, reference: Option<&str>, prefix: &str, text: &str) -> Option<usize> {
        reference
            .and_then(|r| {
                self.by_id(r)
                    .or_else(|| self.by_id(&format!("{prefix}-{}", slug(r, 6))))
            })
            .or_else(|| self.by_text(text))
    }
}

impl<'a> Context<'a> {
    fn new(
        table: &'a Table,
        base: &Partnership,
        options: &'a Options,
        columns: &'a Columns,
        kind: Kind,
    ) -> Result<Context<'a>, Vec<Problem>> {
        let mut notes = Vec::new();
        if !columns.ignored.is_empty() {
            notes.push(format!(
                "columns not read by a {} import: {}",
                kind.as_str(),
                columns
                    .ignored
                    .iter()
                    .map(Column::label)
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        let header_row = table.rows[columns.header_row].number;
        let source = match &options.source {
            Some(id) => {
                if !base.sources.iter().any(|s| &s.id == id) {
                    return Err(vec![Problem {
                        place: Place {
                            sheet: table.sheet.clone(),
                            row: header_row,
                            column: None,
                        },
                        message: format!("--source `{id}` is not a source of `{}`", base.id),
                        help: Some(
                            scrutineer_graph::diagnostics::did_you_mean(
                                id,
                                base.sources.iter().map(|s| s.id.as_str()),
                            )
                            .map(|s| format!("did you mean `{s}`?"))
                            .unwrap_or_else(|| {
                                "leave --source out to cite the spreadsheet itself".into()
                            }),
                        ),
                        record: None,
                    }]);
                }
                id.clone()
            }
            None => format!("import-{}", slug(&file_stem(&table.file), 8)),
        };
        Ok(Context {
            ids: all_ids(base),
            data: base.clone(),
            log: Log {
                overwrite: options.overwrite,
                sheet: table.sheet.clone(),
                conflicts: Vec::new(),
            },
            options,
            columns,
            table,
            problems: Vec::new(),
            changes: Vec::new(),
            notes,
            dates: Vec::new(),
            added_seats: HashMap::new(),
            kind_from_option: HashSet::new(),
            source,
            cited: BTreeMap::new(),
            header_row,
            group: None,
            document: None,
            actions: RecordIndex::of(
                base.actions
                    .iter()
                    .map(|a| (a.id.as_str(), a.title.as_str())),
            ),
            risks: RecordIndex::of(
                base.risks
                    .iter()
                    .map(|r| (r.id.as_str(), r.description.as_str())),
            ),
        })
    }

    /// The cell of a field in a row, with its column; `None` when the sheet has no such column.
    pub fn cell<'r>(&self, row: &'r Row, field: &str) -> Option<(&'r Cell, Column)> {
        self.columns
            .get(field)
            .map(|c| (row.cell(c.index), c.clone()))
    }

    /// The column a field was found in, if the sheet has one.
    pub fn cell_column(&self, field: &str) -> Option<&Column> {
        self.columns.get(field)
    }

    pub fn place(&self, row: &Row, column: Option<&Column>) -> Place {
        Place {
            sheet: self.table.sheet.clone(),
            row: row.number,
            column: column.map(Column::label),
        }
    }

    /// A problem with the sheet as a whole or the options, placed at the header row.
    pub fn sheet_problem(&mut self, message: String, help: Option<String>) {
        self.problems.push(Problem {
            place: Place {
                sheet: self.table.sheet.clone(),
                row: self.header_row,
                column: None,
            },
            message,
            help,
            record: None,
        });
    }

    pub fn note(&mut self, note: String) {
        self.notes.push(note);
    }

    pub fn problem(
        &mut self,
        row: &Row,
        column: Option<&Column>,
        message: String,
        help: Option<String>,
    ) {
        let place = self.place(row, column);
        self.problems.push(Problem {
            place,
            message,
            help,
            record: None,
        });
    }

    /// A problem with a row that collides with a record of the file, at `record` (its path
    /// in the file: `memberships[6]`).
    pub fn collision(
        &mut self,
        row: &Row,
        column: Option<&Column>,
        message: String,
        help: String,
        record: String,
    ) {
        let place = self.place(row, column);
        self.problems.push(Problem {
            place,
            message,
            help: Some(help),
            record: Some(record),
        });
    }

    /// Notes a date that could have been read month first, and how it was read.
    pub fn date_read(&mut self, row: &Row, column: &Column, text: String, read_as: When) {
        let label = column.label();
        match self
            .dates
            .iter_mut()
            .find(|d| d.column == label && d.text == text)
        {
            Some(d) => d.rows.push(row.number),
            None => self.dates.push(DateRead {
                column: label,
                text,
                read_as,
                rows: vec![row.number],
            }),
        }
    }

    pub fn change(&mut self, row: &Row, record: String, effect: Effect) {
        self.changes.push(Change {
            row: row.number,
            record,
            effect,
        });
    }

    /// Notes that a row is evidence for a record; the record gets one evidence entry naming
    /// all its rows when the import finishes.
    pub fn cite(&mut self, record: Cited, row: &Row) {
        self.cited.entry(record).or_default().push(row.number);
    }

    /// An id not yet used in the partnership, as close to `wanted` as can be.
    pub fn fresh_id(&mut self, wanted: &str) -> String {
        let mut id = wanted.to_string();
        let mut n = 2;
        while self.ids.contains(&id.to_lowercase()) {
            id = format!("{wanted}-{n}");
            n += 1;
        }
        self.ids.insert(id.to_lowercase());
        id
    }

    /// The id for a new action or risk: the sheet's own reference where it is free and has no
    /// spaces, else one made from the reference (`risk-r1`) or from the text.
    pub fn new_record_id(&mut self, reference: Option<&str>, prefix: &str, text: &str) -> String {
        match reference {
            Some(r)
                if !r.chars().any(char::is_whitespace) && !self.ids.contains(&r.to_lowercase()) =>
            {
                self.ids.insert(r.to_lowercase());
                r.to_string()
            }
            Some(r) => self.fresh_id(&format!("{prefix}-{}", slug(r, 6))),
            None => self.fresh_id(&slug(text, 6)),
        }
    }

    fn evidence_for(&self, rows: &[usize]) -> Evidence {
        Evidence {
            source: self.source.clone(),
            at: Some(format!(
                "{}{}",
                if self.table.sheet.is_empty() {
                    String::new()
                } else {
                    format!("sheet `{}`, ", self.table.sheet)
                },
                rows_label(rows)
            )),
            quote: None,
            note: None,
        }
    }

    fn finish(mut self) -> Result<Report, Vec<Problem>> {
        if !self.problems.is_empty() {
            return Err(self.problems);
        }
        let cited = std::mem::take(&mut self.cited);
        for (record, rows) in &cited {
            let mut evidence = self.evidence_for(rows);
            if let Cited::Organisation(i) = record
                && self.kind_from_option.contains(i)
            {
                evidence.note = Some("its kind was given with --new-organisation-kind".into());
            }
            if let Some(list) = kinds::evidence_list(&mut self.data, *record)
                && !list.contains(&evidence)
            {
                list.push(evidence);
            }
        }
        if !cited.is_empty() && !self.data.sources.iter().any(|s| s.id == self.source) {
            let name = self
                .table
                .file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            self.data.sources.push(Source {
                id: self.source.clone(),
                title: if self.table.sheet.is_empty() {
                    format!("Spreadsheet `{name}`")
                } else {
                    format!("Spreadsheet `{name}`, sheet `{}`", self.table.sheet)
                },
                date: None,
                url: None,
                note: Some("imported with `scrutineer import`".into()),
            });
        }
        Ok(Report {
            data: self.data,
            changes: self.changes,
            conflicts: self.log.conflicts,
            notes: self.notes,
            dates: self.dates,
        })
    }
}

fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// `rows 2-4, 7`: the rows a record comes from.
fn rows_label(rows: &[usize]) -> String {
    let mut rows = rows.to_vec();
    rows.sort_unstable();
    rows.dedup();
    let mut parts = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        let start = rows[i];
        while i + 1 < rows.len() && rows[i + 1] == rows[i] + 1 {
            i += 1;
        }
        parts.push(if rows[i] == start {
            start.to_string()
        } else {
            format!("{start}-{}", rows[i])
        });
        i += 1;
    }
    format!(
        "{} {}",
        if rows.len() == 1 { "row" } else { "rows" },
        parts.join(", ")
    )
}

/// A readable id from text: the first `words` words, lower case, joined by hyphens.
pub(crate) fn slug(text: &str, words: usize) -> String {
    let s = cells::normalise(text)
        .split(' ')
        .filter(|w| !w.is_empty())
        .take(words)
        .collect::<Vec<_>>()
        .join("-");
    if s.is_empty() { "row".into() } else { s }
}

fn all_ids(p: &Partnership) -> HashSet<String> {
    let mut ids = HashSet::new();
    let mut add = |id: &str| {
        ids.insert(id.to_lowercase());
    };
    p.sources.iter().for_each(|x| add(&x.id));
    p.organisations.iter().for_each(|x| add(&x.id));
    p.people.iter().for_each(|x| add(&x.id));
    p.groups.iter().for_each(|x| add(&x.id));
    p.meetings.iter().for_each(|x| add(&x.id));
    p.documents.iter().for_each(|x| add(&x.id));
    p.priorities.iter().for_each(|x| add(&x.id));
    p.actions.iter().for_each(|x| add(&x.id));
    p.posts.iter().for_each(|x| add(&x.id));
    p.risks.iter().for_each(|x| add(&x.id));
    p.scrutiny_reviews.iter().for_each(|x| add(&x.id));
    ids
}

#[cfg(test)]
mod tests {
    use super::{footnote, rows_label, slug};
    use crate::cells::Cell;
    use crate::table::Row;

    fn row(cells: &[&str]) -> Row {
        Row {
            number: 1,
            first_column: 0,
            cells: cells
                .iter()
                .map(|c| {
                    if c.is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(c.to_string())
                    }
                })
                .collect(),
        }
    }

    #[test]
    fn keys_and_footnotes_are_told_from_records() {
        assert_eq!(
            footnote(&row(&["Key: P = present, A = apologies"])),
            Some("a key")
        );
        assert_eq!(
            footnote(&row(&["Key", "P = present", "A = apologies"])),
            Some("a key")
        );
        assert_eq!(
            footnote(&row(&["P = present; A = apologies; S = substitute"])),
            Some("a key")
        );
        assert_eq!(footnote(&row(&["* sent a substitute"])), Some("a footnote"));
        assert_eq!(footnote(&row(&["", "† left at 11am"])), Some("a footnote"));
        assert_eq!(
            footnote(&row(&["Notes: figures to 31 March"])),
            Some("a note")
        );
        assert_eq!(footnote(&row(&["NB - draft"])), Some("a note"));
        // Records that start with the same letters are records.
        assert_eq!(footnote(&row(&["Keyworker Housing Trust", "P"])), None);
        assert_eq!(footnote(&row(&["Note the new risk", "High"])), None);
        assert_eq!(footnote(&row(&["Street Angels", "*"])), None);
        assert_eq!(footnote(&row(&["04/01/2024", "Watford BC", "P"])), None);
    }

    #[test]
    fn rows_are_cited_as_ranges() {
        assert_eq!(rows_label(&[4]), "row 4");
        assert_eq!(rows_label(&[2, 3, 4, 7, 9, 10]), "rows 2-4, 7, 9-10");
    }

    #[test]
    fn slugs_are_short_and_plain() {
        assert_eq!(
            slug(
                "Prevent awareness workshop for members across the Council",
                6
            ),
            "prevent-awareness-workshop-for-members-across"
        );
        assert_eq!(slug("  ", 6), "row");
    }
}
