//! Finding the header row and matching its headers to the fields an import needs, by name and
//! by the variants officers use ("Organisation", "Agency", "Partner").

use crate::cells::normalise;
use crate::table::{Table, column_letters};

/// A field an import reads, and the headers that mean it (already normalised: lower case,
/// words separated by one space).
pub struct Field {
    pub name: &'static str,
    pub headers: &'static [&'static str],
    pub need: Need,
}

/// Whether a sheet must have a column for a field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Need {
    Required,
    Optional,
    /// Required unless the sheet has a column for the named field instead: an attendance
    /// register names an organisation, a person, or both.
    Either(&'static str),
}

impl Field {
    fn satisfied(&self, found: &Found) -> bool {
        let has = |name: &str| found.iter().any(|(n, _)| *n == name);
        match self.need {
            Need::Required => has(self.name),
            Need::Optional => true,
            Need::Either(other) => has(self.name) || has(other),
        }
    }

    /// `Risk` (or `Description`, ...): how a message names the headers it looks for.
    fn wanted(&self) -> String {
        format!(
            "{} (or {})",
            title_case(self.headers[0]),
            self.headers[1..]
                .iter()
                .take(3)
                .map(|h| title_case(h))
                .collect::<Vec<_>>()
                .join(", ")
        )
    }
}

/// A person's name, in a membership list or attendance register that may also name their
/// organisation in another column.
pub const PERSON: Field = Field {
    name: "person",
    headers: &[
        "name",
        "attendee",
        "person",
        "representative",
        "rep",
        "member name",
        "attendee name",
        "name of attendee",
        "representative name",
        "name of representative",
        "named representative",
        "full name",
        "officer",
        "nominee",
    ],
    need: Need::Optional,
};

/// What kind of body an organisation is, as the partnership file writes it: read to add an
/// organisation the file does not know.
pub const KIND: Field = Field {
    name: "kind",
    headers: &[
        "kind",
        "kind of body",
        "type of body",
        "organisation type",
        "organisation kind",
        "type of organisation",
        "body type",
        "agency type",
    ],
    need: Need::Optional,
};

/// A column found for a field.
#[derive(Clone, Debug)]
pub struct Column {
    pub index: usize,
    /// The header as written in the sheet.
    pub header: String,
}

impl Column {
    /// `D (`Due date`)`: how a message names the column.
    pub fn label(&self) -> String {
        format!("{} (`{}`)", column_letters(self.index), self.header)
    }
}

/// The header row and where each field's column is.
pub struct Columns {
    /// Index into the table's rows of the header row.
    pub header_row: usize,
    found: Vec<(&'static str, Column)>,
    /// Headers that matched no field, so the summary can say they were not read.
    pub ignored: Vec<Column>,
}

impl Columns {
    pub fn get(&self, field: &str) -> Option<&Column> {
        self.found.iter().find(|(f, _)| *f == field).map(|(_, c)| c)
    }
}

/// How many rows from the top a header row may be: officers put a title and a date or two
/// above the table.
const HEADER_SEARCH_ROWS: usize = 20;

/// Finds the first row, near the top, that has a column for every required field, and matches
/// the rest of its headers. Exact (normalised) matches are taken first; then a header that
/// starts with a known name (`Due date (dd/mm/yyyy)`).
///
/// A row of one cell is taken as the header only when no row of several cells below it (among
/// the rows searched) has the columns. A title above the table is one cell, and may well be a
/// column's name ("Risk register" reads as `Risk`, "Members" as `Member`); taking it for the
/// header would read the real header and every row as records. Requiring two recognised
/// columns outright would be simpler, but would refuse a list kept as one column (the member
/// bodies under `Organisation`), which is how some boards record membership.
pub fn find(table: &Table, fields: &[Field]) -> Result<Columns, (usize, String, String)> {
    let mut first_nonblank = None;
    let mut lone: Option<Columns> = None;
    for (i, row) in table.rows.iter().enumerate().take(HEADER_SEARCH_ROWS) {
        if row.is_blank() {
            continue;
        }
        first_nonblank.get_or_insert(i);
        let headers: Vec<Column> = row
            .cells
            .iter()
            .enumerate()
            .filter_map(|(j, c)| {
                c.text().map(|h| Column {
                    index: row.first_column + j,
                    header: h,
                })
            })
            .collect();
        let found = match match_headers(&headers, fields) {
            Ok(found) => found,
            // Below a one-cell header, a row is looked at only in case it is the real header:
            // one that is not cannot stop the import.
            Err(_) if lone.is_some() => continue,
            Err((_, m, h)) => return Err((row.number, m, h)),
        };
        if fields.iter().all(|f| f.satisfied(&found)) {
            let ignored = headers
                .iter()
                .filter(|h| !found.iter().any(|(_, c)| c.index == h.index))
                .cloned()
                .collect();
            let columns = Columns {
                header_row: i,
                found,
                ignored,
            };
            if row.filled() > 1 {
                return Ok(columns);
            }
            lone.get_or_insert(columns);
        }
    }
    if let Some(columns) = lone {
        return Ok(columns);
    }
    let row_number = first_nonblank.map(|i| table.rows[i].number).unwrap_or(1);
    let missing: Vec<String> = fields
        .iter()
        .filter_map(|f| match f.need {
            Need::Required => Some(f.wanted()),
            Need::Optional => None,
            Need::Either(other) => {
                let other = fields.iter().find(|g| g.name == other)?;
                Some(format!("{}, or {}", f.wanted(), other.wanted()))
            }
        })
        .collect();
    let seen = first_nonblank
        .map(|i| {
            table.rows[i]
                .cells
                .iter()
                .filter_map(|c| c.text())
                .map(|t| format!("`{t}`"))
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_default();
    Err((
        row_number,
        format!(
            "no header row with the columns this import needs: {}",
            missing.join("; ")
        ),
        if seen.is_empty() {
            "the sheet is empty".into()
        } else {
            format!("the first row with text has {seen}; rename a header to one of the names above")
        },
    ))
}

type Found = Vec<(&'static str, Column)>;

fn match_headers(headers: &[Column], fields: &[Field]) -> Result<Found, (usize, String, String)> {
    let mut found: Found = Vec::new();
    let taken = |found: &Found, index: usize| found.iter().any(|(_, c)| c.index == index);
    for exact in [true, false] {
        for field in fields {
            if found.iter().any(|(n, _)| *n == field.name) {
                continue;
            }
            let matches: Vec<&Column> = headers
                .iter()
                .filter(|h| !taken(&found, h.index))
                .filter(|h| {
                    let n = normalise(&h.header);
                    field.headers.iter().any(|known| {
                        if exact {
                            n == *known
                        } else {
                            n.starts_with(&format!("{known} "))
                        }
                    })
                })
                .collect();
            match matches.as_slice() {
                [] => {}
                [one] => found.push((field.name, (*one).clone())),
                [a, b, ..] => {
                    return Err((
                        0,
                        format!(
                            "two columns could be the {} column: {} and {}",
                            field.name,
                            a.label(),
                            b.label()
                        ),
                        "rename one of them so that each field has one column".into(),
                    ));
                }
            }
        }
    }
    Ok(found)
}

fn title_case(h: &str) -> String {
    let mut c = h.chars();
    match c.next() {
        Some(f) => format!("`{}{}`", f.to_uppercase(), c.as_str()),
        None => String::new(),
    }
}
