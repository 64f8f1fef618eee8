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
//!   a [`Problem`] naming the sheet, row and column, and any problem means nothing is changed.
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

use scrutineer_graph::model::{Evidence, Partnership, Source};

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
}

impl Problem {
    /// As a person reads it, in the style of the loader's diagnostics.
    pub fn render(&self, file: &Path) -> String {
        let mut out = format!(
            "error: {}\n  --> {}, {}\n",
            self.message,
            file.display(),
            self.place
        );
        if let Some(h) = &self.help {
            out.push_str(&format!("  = help: {h}\n"));
        }
        out
    }
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
    /// Things the person should know: columns not read, defaults chosen.
    pub notes: Vec<String>,
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

    /// Every row's effect, the conflicts and the notes, for the terminal.
    pub fn render(&self) -> String {
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
        out.push_str(&self.summary());
        out.push('\n');
        out
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
            help: Some(help),
        }]
    })?;
    let mut cx = Context::new(table, base, options, &columns, kind)?;
    kinds::prepare(kind, &mut cx);
    if !cx.problems.is_empty() {
        return Err(cx.problems);
    }
    for row in &table.rows[columns.header_row + 1..] {
        if row.is_blank() {
            continue;
        }
        kinds::import_row(kind, &mut cx, row);
    }
    cx.finish()
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
        });
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
            let evidence = self.evidence_for(rows);
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
    use super::{rows_label, slug};

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
