//! One module per kind of spreadsheet: its columns, how a row finds the record it matches, and
//! what it fills in. What they share (reading a cell, naming a record) is here.

mod actions;
mod attendance;
mod membership;
mod risks;

use scrutineer_graph::When;
use scrutineer_graph::model::{DocKind, Evidence, GroupKind, OrgKind, Organisation, Partnership};

use crate::cells::{self, Cell};
use crate::columns::{Column, Field};
use crate::resolve::{Among, resolve, resolve_person};
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
        Cited::Organisation(i) => p.organisations.get_mut(i).map(|o| &mut o.evidence),
        Cited::Person(i) => p.people.get_mut(i).map(|x| &mut x.evidence),
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
        "kind" => "a kind of body".into(),
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
        Err(miss) => {
            cx.problem(row, Some(&column), miss.message, Some(miss.help));
            Read::Bad
        }
    }
}

/// A lone cell below the table (after a blank row, with no fuller row below it) is a record
/// only in a membership list, and only when it names someone the file knows or nearly knows
/// (so that a misspelt name is still reported, not passed over as a note).
pub fn lone_cell_is_record(kind: Kind, cx: &Context, row: &Row) -> bool {
    if kind != Kind::Membership {
        return false;
    }
    ["member", "person"].iter().any(|field| {
        cx.cell(row, field)
            .and_then(|(cell, _)| cell.text())
            .is_some_and(|text| match resolve(&cx.data, Among::Members, &text) {
                Ok(_) => true,
                Err(miss) => miss.nearest.is_some() || !miss.unknown,
            })
    })
}

/// Who a membership or attendance row is about. A sheet may name an organisation
/// (Organisation column), a person (Name column), or both: then the row is the person's, and
/// the person must be one the file records at that organisation. An organisation the file
/// does not know is added when its kind is given (a Kind column, or
/// `--new-organisation-kind`), and is otherwise a problem.
pub fn member(cx: &mut Context, row: &Row) -> Read<String> {
    let has_person = cx.cell_column("person").is_some();
    let has_organisation = cx.cell_column("member").is_some();
    let organisation = organisation(
        cx,
        row,
        if has_person {
            Among::Organisations
        } else {
            Among::Members
        },
    );
    let Some((cell, column)) = cx.cell(row, "person") else {
        return organisation;
    };
    let Some(text) = cell.text() else {
        return match organisation {
            Read::NoColumn => Read::Blank(column),
            other => other,
        };
    };
    let found = match &organisation {
        Read::Bad => return Read::Bad,
        Read::Value(org, _) => {
            resolve_person(&cx.data, &text, org).map(|id| (id, Some(org.clone())))
        }
        Read::NoColumn | Read::Blank(_) => resolve(
            &cx.data,
            if has_organisation {
                Among::People
            } else {
                Among::Members
            },
            &text,
        )
        .map(|id| (id, None)),
    };
    match found {
        Ok((id, org)) => {
            if let Some(org) = org {
                belongs(cx, row, &id, &org);
            }
            Read::Value(id, column)
        }
        Err(miss) => {
            cx.problem(row, Some(&column), miss.message, Some(miss.help));
            Read::Bad
        }
    }
}

/// Records that a person the file gives no organisation belongs to the row's.
fn belongs(cx: &mut Context, row: &Row, person: &str, organisation: &str) {
    let Some(i) = cx.data.people.iter().position(|x| x.id == person) else {
        return;
    };
    if cx.data.people[i].organisation.is_none() {
        cx.data.people[i].organisation = Some(organisation.to_string());
        cx.cite(Cited::Person(i), row);
        cx.note(format!(
            "row {}: `{person}` is now recorded as belonging to `{organisation}`, as the row says",
            row.number
        ));
    }
}

/// The Organisation column of a membership or attendance row, with its Kind column.
fn organisation(cx: &mut Context, row: &Row, among: Among) -> Read<String> {
    let Some((cell, column)) = cx.cell(row, "member") else {
        return Read::NoColumn;
    };
    let Some(text) = cell.text() else {
        return Read::Blank(column);
    };
    let kind = read(cx, row, "kind", |c: &Cell| {
        cells::org_kind(&c.text().unwrap_or_default())
    });
    if matches!(kind, Read::Bad) {
        return Read::Bad;
    }
    match resolve(&cx.data, among, &text) {
        Ok(id) => {
            if let Read::Value(k, kind_column) = kind
                && !same_kind(cx, row, &id, k, &kind_column)
            {
                return Read::Bad;
            }
            Read::Value(id, column)
        }
        Err(miss) if miss.unknown => {
            let given = match kind {
                Read::Value(k, _) => Some((k, false)),
                _ => cx.options.new_organisation_kind.map(|k| (k, true)),
            };
            match given {
                Some((k, from_option)) => {
                    let id = new_organisation(cx, row, &text, k, from_option, miss.nearest);
                    Read::Value(id, column)
                }
                None => {
                    cx.problem(
                        row,
                        Some(&column),
                        miss.message,
                        Some(format!(
                            "{}; for a new organisation, give its kind (--new-organisation-kind KIND, or a Kind column) and the import adds it",
                            miss.help
                        )),
                    );
                    Read::Bad
                }
            }
        }
        Err(miss) => {
            cx.problem(row, Some(&column), miss.message, Some(miss.help));
            Read::Bad
        }
    }
}

/// Whether a Kind cell agrees with the organisation the row names; a disagreement is a
/// conflict like any other, and a kind for a person is a problem.
fn same_kind(cx: &mut Context, row: &Row, id: &str, kind: OrgKind, column: &Column) -> bool {
    let Some(i) = cx.data.organisations.iter().position(|o| o.id == id) else {
        cx.problem(
            row,
            Some(column),
            format!("`{id}` is a person, and a kind of body is for an organisation"),
            Some("leave the Kind cell blank for a person".into()),
        );
        return false;
    };
    let record = format!("organisation `{id}`");
    let mut merge = cx.log.row(row, &record);
    let org = &mut cx.data.organisations[i];
    let mut slot = Some(org.kind);
    merge.field(column, "kind", &mut slot, kind, |k| {
        format!("`{}`", k.variant())
    });
    org.kind = slot.expect("kept or replaced");
    if !merge.filled.is_empty() {
        cx.cite(Cited::Organisation(i), row);
    }
    true
}

/// Adds an organisation the file does not know, of the kind given, citing the row.
fn new_organisation(
    cx: &mut Context,
    row: &Row,
    name: &str,
    kind: OrgKind,
    from_option: bool,
    nearest: Option<String>,
) -> String {
    let id = cx.fresh_id(&organisation_id(name));
    let i = cx.data.organisations.len();
    cx.data
        .organisations
        .push(Organisation::new(id.clone(), name.trim(), kind));
    cx.cite(Cited::Organisation(i), row);
    if from_option {
        cx.kind_from_option.insert(i);
    }
    cx.note(format!(
        "row {}: added organisation `{id}`, \"{}\", of kind `{}`{}",
        row.number,
        name.trim(),
        kind.variant(),
        if from_option {
            " (--new-organisation-kind)"
        } else {
            ""
        }
    ));
    if let Some(n) = nearest {
        cx.note(format!(
            "row {}: `{}` is close to `{n}`, which the file has; if they are one body, correct the cell and import again",
            row.number,
            name.trim()
        ));
    }
    id
}

/// A short id from an organisation's name: its first words, lower case, without a leading
/// "the" or apostrophes (`Watford Women's Centre` is `watford-womens-centre`).
fn organisation_id(name: &str) -> String {
    let plain: String = name.chars().filter(|c| !matches!(c, '\'' | '’')).collect();
    let words = cells::normalise(&plain);
    let words = words.strip_prefix("the ").unwrap_or(&words);
    crate::slug(words, 5)
}

/// A date cell; a date that could have been read month first is noted with how it was read.
pub fn date(cx: &mut Context, row: &Row, field: &str) -> Read<When> {
    let read = read(cx, row, field, when);
    if let Read::Value(w, column) = &read
        && let Some((cell, _)) = cx.cell(row, field)
        && cells::day_month_ambiguous(cell)
    {
        let text = cell.text().unwrap_or_default();
        cx.date_read(row, column, text, *w);
    }
    read
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
            Err(miss) => cx.sheet_problem(format!("--group: {}", miss.message), Some(miss.help)),
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
            Err(miss) => cx.sheet_problem(format!("--document: {}", miss.message), Some(miss.help)),
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

#[cfg(test)]
mod tests {
    use super::organisation_id;

    #[test]
    fn a_new_organisation_gets_a_short_id_from_its_name() {
        assert_eq!(organisation_id("Street Angels"), "street-angels");
        assert_eq!(
            organisation_id("The Watford Women's Centre"),
            "watford-womens-centre"
        );
        assert_eq!(
            organisation_id("Hertfordshire Partnership University NHS Foundation Trust"),
            "hertfordshire-partnership-university-nhs-foundation"
        );
    }
}
