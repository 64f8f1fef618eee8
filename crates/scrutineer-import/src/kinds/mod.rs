//! One module per kind of spreadsheet: its columns, how a row finds the record it matches, and
//! what it fills in. What they share (reading a cell, naming a record) is here.

mod actions;
mod attendance;
mod membership;
mod risks;

use scrutineer_graph::When;
use scrutineer_graph::model::{DocKind, Evidence, GroupKind, Partnership};

use crate::cells::Cell;
use crate::columns::{Column, Field};
use crate::resolve::{Among, resolve};
use crate::table::Row;
use crate::{Cited, Context, Kind};

pub fn fields(kind: Kind) -> &'static [Field] {
    match kind {
        Kind::Membership => membership::FIELDS,
        Kind::Attendance => attendance::FIELDS,
        Kind::Actions => actions::FIELDS,
        Kind::Risks => risks::FIELDS,
    }
}

/// Settles the defaults a kind needs before its rows are read.
pub fn prepare(kind: Kind, cx: &mut Context) {
    match kind {
        Kind::Membership | Kind::Attendance => default_group(cx),
        Kind::Actions => default_document(cx, DocKind::AnnualActionPlan, "plan"),
        Kind::Risks => default_document(cx, DocKind::RiskRegister, "register"),
    }
}

pub fn import_row(kind: Kind, cx: &mut Context, row: &Row) {
    match kind {
        Kind::Membership => membership::row(cx, row),
        Kind::Attendance => attendance::row(cx, row),
        Kind::Actions => actions::row(cx, row),
        Kind::Risks => risks::row(cx, row),
    }
}

/// The evidence list of a record the import cited.
pub fn evidence_list(p: &mut Partnership, record: Cited) -> Option<&mut Vec<Evidence>> {
    match record {
        Cited::Membership(i) => p.memberships.get_mut(i).map(|m| &mut m.evidence),
        Cited::Meeting(i) => p.meetings.get_mut(i).map(|m| &mut m.evidence),
        Cited::Action(i) => p.actions.get_mut(i).map(|a| &mut a.evidence),
        Cited::Risk(i) => p.risks.get_mut(i).map(|r| &mut r.evidence),
    }
}

/// A field's cell in a row, read.
pub enum Read<T> {
    /// The sheet has no column for the field: the row says nothing about it.
    NoColumn,
    /// The column is there and the cell is blank.
    Blank(Column),
    Value(T, Column),
    /// The cell could not be read; a problem has been recorded.
    Bad,
}

impl<T> Read<T> {
    pub fn value(self) -> Option<T> {
        self.pair().map(|(v, _)| v)
    }

    pub fn pair(self) -> Option<(T, Column)> {
        match self {
            Read::Value(v, c) => Some((v, c)),
            _ => None,
        }
    }
}

/// Reads a non-blank cell with `parse`; a failure becomes a problem at the cell.
pub fn read<T>(
    cx: &mut Context,
    row: &Row,
    field: &str,
    parse: impl Fn(&Cell) -> Result<T, String>,
) -> Read<T> {
    let Some((cell, column)) = cx.cell(row, field) else {
        return Read::NoColumn;
    };
    if cell.text().is_none() {
        return Read::Blank(column);
    }
    match parse(cell) {
        Ok(v) => Read::Value(v, column),
        Err(help) => {
            let message = format!("cannot read {} as {}", cell.shown(), what_field(field));
            cx.problem(row, Some(&column), message, Some(help));
            Read::Bad
        }
    }
}

fn what_field(field: &str) -> String {
    match field {
        "role" => "a role".into(),
        "status" => "a status".into(),
        "senior" => "yes or no".into(),
        "attendance" => "an attendance mark".into(),
        "meeting" => "a meeting date".into(),
        "from" => "a start date".into(),
        "to" => "an end date".into(),
        "due" => "a due date".into(),
        "completed" => "a completion date".into(),
        "review date" => "a review date".into(),
        f => format!("the {f}"),
    }
}

/// Reads a cell that names a record of the partnership, and returns its id.
pub fn named(cx: &mut Context, row: &Row, field: &str, among: Among) -> Read<String> {
    let Some((cell, column)) = cx.cell(row, field) else {
        return Read::NoColumn;
    };
    let Some(text) = cell.text() else {
        return Read::Blank(column);
    };
    match resolve(&cx.data, among, &text) {
        Ok(id) => Read::Value(id, column),
        Err((message, help)) => {
            cx.problem(row, Some(&column), message, Some(help));
            Read::Bad
        }
    }
}

/// A required cell that is blank.
pub fn blank_required(cx: &mut Context, row: &Row, column: &Column, field: &str) {
    cx.problem(
        row,
        Some(column),
        format!("the {field} cell is blank"),
        Some(format!(
            "every row needs a {field}; fill it in or delete the row"
        )),
    );
}

/// The group a row belongs to: its Group cell, else `--group`, else the strategy group.
pub fn group_of(cx: &mut Context, row: &Row) -> Option<String> {
    match named(cx, row, "group", Among::Groups) {
        Read::Value(g, _) => Some(g),
        Read::Bad => None,
        Read::NoColumn | Read::Blank(_) => {
            if cx.group.is_none() {
                cx.problem(
                    row,
                    None,
                    "the row names no group, and there is no default".into(),
                    Some("add a Group column, or give --group ID".into()),
                );
            }
            cx.group.clone()
        }
    }
}

fn default_group(cx: &mut Context) {
    if let Some(g) = cx.options.group.clone() {
        match resolve(&cx.data, Among::Groups, &g) {
            Ok(id) => cx.group = Some(id),
            Err((message, help)) => cx.sheet_problem(format!("--group: {message}"), Some(help)),
        }
        return;
    }
    let strategy: Vec<&str> = cx
        .data
        .groups
        .iter()
        .filter(|g| g.kind == GroupKind::StrategyGroup)
        .map(|g| g.id.as_str())
        .collect();
    if let [one] = strategy.as_slice() {
        let one = one.to_string();
        if cx.cell_column("group").is_none() {
            cx.note(format!(
                "rows go to `{one}`, the strategy group; give --group to choose another"
            ));
        }
        cx.group = Some(one);
    }
}

fn default_document(cx: &mut Context, kind: DocKind, what: &str) {
    if let Some(d) = cx.options.document.clone() {
        match resolve(&cx.data, Among::Documents, &d) {
            Ok(id) => cx.document = Some(id),
            Err((message, help)) => cx.sheet_problem(format!("--document: {message}"), Some(help)),
        }
        return;
    }
    let docs: Vec<&str> = cx
        .data
        .documents
        .iter()
        .filter(|d| d.kind == kind)
        .map(|d| d.id.as_str())
        .collect();
    if let [one] = docs.as_slice() {
        let one = one.to_string();
        cx.note(format!(
            "rows belong to `{one}`, the partnership's only {what} of that kind; give --document to choose another"
        ));
        cx.document = Some(one);
    }
}

/// A non-blank date cell.
pub fn when(cell: &Cell) -> Result<When, String> {
    crate::cells::date(cell).and_then(|d| d.ok_or_else(|| "the cell is blank".to_string()))
}

pub fn show_when(w: &When) -> String {
    format!("`{}`", w.long())
}

pub fn show_yes_no(b: &bool) -> String {
    if *b { "`yes`" } else { "`no`" }.into()
}
