//! Reading one cell as the value a column expects: dates in the forms officers type or Excel
//! stores, yes/no, and the small vocabularies of roles, statuses and attendance marks.
//!
//! Every reader returns `Err(help)` with a sentence for the person fixing the sheet; the caller
//! adds the sheet, row and column.

use chrono::{Datelike, NaiveDate};
use scrutineer_graph::model::{ActionStatus, AttendanceStatus, OrgKind, Participation, Role};
use scrutineer_graph::{Date, When};

/// One cell as read from the file. CSV gives only text; XLSX may give numbers and dates.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
    Date(Date),
}

impl Cell {
    /// The cell as text, trimmed; `None` when it is blank.
    pub fn text(&self) -> Option<String> {
        let t = match self {
            Cell::Empty => return None,
            Cell::Text(t) => t.trim().to_string(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
            Cell::Bool(b) => if *b { "yes" } else { "no" }.to_string(),
            Cell::Date(d) => d.iso(),
        };
        (!t.is_empty()).then_some(t)
    }

    /// How the cell shows in a message.
    pub fn shown(&self) -> String {
        match self {
            Cell::Empty => "a blank cell".into(),
            Cell::Date(d) => format!("the date {}", d.long()),
            other => format!("`{}`", other.text().unwrap_or_default()),
        }
    }
}

/// Dates a partnership record can hold: nothing in this tool predates the 1998 Act by much,
/// so a number far outside these years is not a date, whatever Excel would make of it.
const EARLIEST_YEAR: i32 = 1990;
const LATEST_YEAR: i32 = 2100;

const DATE_FORMS: &str = "dates are read day first: `31/03/2022`, `31 March 2022`, `March 2022`, `2022-03-31` or an Excel date";

/// A date cell. Blank cells are the caller's business (`Ok(None)`).
pub fn date(cell: &Cell) -> Result<Option<When>, String> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Date(d) => Ok(Some(When::Day(*d))),
        Cell::Number(n) => number_as_date(*n).map(Some),
        Cell::Bool(_) => Err(format!("a yes/no value is not a date; {DATE_FORMS}")),
        Cell::Text(t) => {
            let t = t.trim();
            if t.is_empty() {
                Ok(None)
            } else {
                text_as_date(t).map(Some)
            }
        }
    }
}

/// A number in a date column: a year (`2022`) or an Excel serial day number (`44651` is
/// 31 March 2022), which is what a date cell holds once its formatting is lost, as in a CSV
/// saved from Excel.
fn number_as_date(n: f64) -> Result<When, String> {
    if n.fract() == 0.0 && (EARLIEST_YEAR as f64..=LATEST_YEAR as f64).contains(&n) {
        return Ok(When::Year(n as i32));
    }
    // Excel's day 0 is 30 December 1899 for every serial after February 1900 (its day 60 is
    // the 29 February 1900 that never was, a Lotus 1-2-3 compatibility choice).
    let base = NaiveDate::from_ymd_opt(1899, 12, 30).expect("valid");
    let day = base
        .checked_add_signed(chrono::Duration::days(n.floor() as i64))
        .filter(|d| (EARLIEST_YEAR..=LATEST_YEAR).contains(&d.year()));
    match day {
        Some(d) if n >= 61.0 => Ok(When::Day(Date(d))),
        _ => Err(format!(
            "the number {n} is neither a year nor an Excel date between {EARLIEST_YEAR} and {LATEST_YEAR}; {DATE_FORMS}"
        )),
    }
}

fn month_number(word: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| m.starts_with(&w) || (w == "sept" && *m == "september"))
        .map(|i| i as u32 + 1)
}

fn year_number(text: &str) -> Option<i32> {
    let y: i32 = text.parse().ok()?;
    match text.len() {
        2 => Some(2000 + y),
        4 if (EARLIEST_YEAR..=LATEST_YEAR).contains(&y) => Some(y),
        _ => None,
    }
}

fn day_number(text: &str) -> Option<u32> {
    let digits = text
        .trim_end_matches(|c: char| c.is_ascii_alphabetic())
        .trim();
    let suffix = &text[digits.len()..];
    if !matches!(suffix, "" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

fn day(year: i32, month: u32, day: u32, written: &str) -> Result<When, String> {
    Date::from_ymd(year, month, day)
        .map(When::Day)
        .ok_or_else(|| format!("`{written}` is not a day in the calendar"))
}

fn text_as_date(t: &str) -> Result<When, String> {
    // ISO days, months, years and ranges, as the partnership files write them.
    if let Ok(w) = t.parse::<When>() {
        return Ok(w);
    }
    // A bare serial number, as a CSV saved from Excel can hold.
    if t.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && t.len() >= 5
        && let Ok(n) = t.parse::<f64>()
    {
        return number_as_date(n);
    }
    // 31/03/2022, 31.03.2022, 31-03-2022, 31/03/22: day first, as in the United Kingdom.
    let numeric: Vec<&str> = t.split(['/', '.', '-']).collect();
    if numeric.len() == 3
        && numeric
            .iter()
            .all(|p| p.bytes().all(|b| b.is_ascii_digit()))
    {
        let (d, m) = (numeric[0].parse::<u32>(), numeric[1].parse::<u32>());
        let y = year_number(numeric[2]);
        if let (Ok(d), Ok(m), Some(y)) = (d, m, y) {
            if m > 12 && d <= 12 {
                return Err(format!(
                    "`{t}` reads as month first; {DATE_FORMS}, so write `{m:02}/{d:02}/{}`",
                    numeric[2]
                ));
            }
            return day(y, m, d, t);
        }
    }
    // 31 March 2022, Thursday 31st Mar 2022, 31-Mar-2022, March 2022, Mar-22.
    let words: Vec<&str> = t
        .split(|c: char| c.is_whitespace() || c == '-' || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let words: &[&str] = match words.first() {
        // A leading weekday adds nothing.
        Some(w) if w.len() >= 3 && is_weekday(w) => &words[1..],
        _ => &words,
    };
    match words {
        [d, m, y] => {
            if let (Some(d), Some(m), Some(y)) = (day_number(d), month_number(m), year_number(y)) {
                return day(y, m, d, t);
            }
        }
        [m, y] => {
            if let (Some(month), Some(year)) = (month_number(m), year_number(y)) {
                return Ok(When::Month { year, month });
            }
        }
        _ => {}
    }
    Err(format!("cannot read `{t}` as a date; {DATE_FORMS}"))
}

/// Whether a date cell is written with numbers that would read as another day month first:
/// `04/01/2024` is 4 January here and 1 April in the United States. `04/04/2024` and
/// `13/01/2024` are not.
pub fn day_month_ambiguous(cell: &Cell) -> bool {
    let Cell::Text(t) = cell else { return false };
    let parts: Vec<&str> = t.trim().split(['/', '.', '-']).collect();
    if parts.len() != 3
        || !parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        || year_number(parts[2]).is_none()
    {
        return false;
    }
    match (parts[0].parse::<u32>(), parts[1].parse::<u32>()) {
        (Ok(d), Ok(m)) => (1..=12).contains(&d) && (1..=12).contains(&m) && d != m,
        _ => false,
    }
}

fn is_weekday(word: &str) -> bool {
    let w = word.to_ascii_lowercase();
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
    .iter()
    .any(|d| d.starts_with(&w))
}

/// Lower case, punctuation to spaces, runs of spaces to one: how headers and vocabulary words
/// are compared, so that `Vice-Chair`, `vice chair` and `VICE_CHAIR` are one word.
pub fn normalise(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                ' '
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Reads a cell against a small vocabulary: each entry is a value and the words that mean it.
fn vocabulary<T: Copy>(cell: &Cell, words: &[(T, &[&str])], what: &str) -> Result<T, String> {
    let text = cell.text().unwrap_or_default();
    let n = normalise(&text);
    for (value, spellings) in words {
        if spellings.iter().any(|s| *s == n) {
            return Ok(*value);
        }
    }
    let accepted: Vec<&str> = words.iter().map(|(_, s)| s[0]).collect();
    let article = if what.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    Err(format!(
        "`{text}` is not {article} {what} this import knows; write one of: {}",
        accepted.join(", ")
    ))
}

pub fn role(cell: &Cell) -> Result<Role, String> {
    vocabulary(
        cell,
        &[
            (Role::Member, &["member", "board member", "partner"]),
            (
                Role::Chair,
                &["chair", "chairman", "chairperson", "chair person"],
            ),
            (
                Role::ViceChair,
                &[
                    "vice chair",
                    "vice chairman",
                    "deputy chair",
                    "vice chairperson",
                ],
            ),
            (
                Role::CoOpted,
                &[
                    "co opted",
                    "co opted member",
                    "coopted",
                    "adviser",
                    "advisor",
                ],
            ),
        ],
        "role",
    )
}

pub fn participation(cell: &Cell) -> Result<Participation, String> {
    vocabulary(
        cell,
        &[
            (
                Participation::Participating,
                &["participating", "active", "attends"],
            ),
            (
                Participation::NotParticipating,
                &[
                    "not participating",
                    "inactive",
                    "not attending",
                    "non attending",
                ],
            ),
            (Participation::Vacant, &["vacant", "seat vacant"]),
            (
                Participation::Declined,
                &["declined", "withdrawn", "withdrew"],
            ),
        ],
        "membership status",
    )
}

/// Ticks and crosses, compared before the text is normalised (which would drop them).
const TICKS: &[&str] = &["✓", "✔", "☑", "✅", "√", "🗸"];
const CROSSES: &[&str] = &["✗", "✘", "×", "❌", "❎", "☒"];
/// Signs that point to a footnote.
pub const FOOTNOTE_SIGNS: &[char] = &['*', '†', '‡', '§', '¹', '²', '³'];

pub fn attendance(cell: &Cell) -> Result<AttendanceStatus, String> {
    let raw = cell.text().unwrap_or_default();
    if TICKS.contains(&raw.as_str()) {
        return Ok(AttendanceStatus::Present);
    }
    if CROSSES.contains(&raw.as_str()) {
        return Ok(AttendanceStatus::Absent);
    }
    // `P*` with a footnote "* sent a substitute" is not simply present: the sign says
    // something the mark does not, so the person fixing the sheet writes what it means.
    if let Some(sign) = raw.chars().find(|c| FOOTNOTE_SIGNS.contains(c)) {
        return Err(format!(
            "`{raw}` carries a footnote sign (`{sign}`); write the mark it stands for instead: present, apologies, substitute or absent"
        ));
    }
    vocabulary(
        cell,
        &[
            (
                AttendanceStatus::Present,
                &[
                    "present",
                    "attended",
                    "p",
                    "y",
                    "yes",
                    "in attendance",
                    "attending",
                ],
            ),
            (
                AttendanceStatus::Apologies,
                &[
                    "apologies",
                    "apols",
                    "apologies given",
                    "sent apologies",
                    "apologies sent",
                    "apologies received",
                    "apols sent",
                    "apols received",
                    "apol",
                    "apology",
                    "a",
                ],
            ),
            (
                AttendanceStatus::Substitute,
                &[
                    "substitute",
                    "sub",
                    "sent sub",
                    "sub sent",
                    "sent substitute",
                    "substitute sent",
                    "substitute attended",
                    "sub attended",
                    "rep sent",
                    "sent rep",
                    "representative sent",
                    "sent representative",
                    "deputy",
                    "deputy sent",
                    "sent deputy",
                    "represented",
                ],
            ),
            (
                AttendanceStatus::Absent,
                &[
                    "absent",
                    "x",
                    "n",
                    "no",
                    "did not attend",
                    "dna",
                    "not present",
                    "no apologies",
                    "absent no apologies",
                ],
            ),
        ],
        "attendance mark",
    )
    .map_err(|e| format!("{e} (or a tick ✓ for present, a cross ✗ or x for absent)"))
}

/// A kind of body as the partnership file writes it (`DistrictCouncil`), or as its name in
/// scripts (`district_council`), in any case and spacing (`District council`). Nothing else:
/// what kind of body an organisation is decides whether it is a responsible authority, so an
/// everyday word ("Police", "Council") is not read as a kind.
pub fn org_kind(text: &str) -> Result<OrgKind, String> {
    let squash = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let wanted = squash(text);
    if let Some(k) = OrgKind::ALL
        .iter()
        .copied()
        .find(|k| squash(k.variant()) == wanted)
    {
        return Ok(k);
    }
    let suggestion = scrutineer_graph::diagnostics::did_you_mean(
        text.trim(),
        OrgKind::ALL.iter().map(|k| k.variant()),
    );
    Err(format!(
        "`{}` is not a kind of body; {}write one of the values `scrutineer explain OrgKind` lists, as the partnership file writes them (`DistrictCouncil`, `ChiefOfficerOfPolice`, `VoluntarySector`, ...)",
        text.trim(),
        suggestion
            .map(|s| format!("did you mean `{s}`? Otherwise "))
            .unwrap_or_default()
    ))
}

pub fn action_status(cell: &Cell) -> Result<ActionStatus, String> {
    vocabulary(
        cell,
        &[
            (
                ActionStatus::NotStarted,
                &["not started", "not yet started", "open"],
            ),
            (
                ActionStatus::InProgress,
                &[
                    "in progress",
                    "ongoing",
                    "started",
                    "on track",
                    "underway",
                    "in hand",
                ],
            ),
            (
                ActionStatus::Complete,
                &["complete", "completed", "done", "closed", "achieved"],
            ),
            (
                ActionStatus::Cancelled,
                &[
                    "cancelled",
                    "canceled",
                    "withdrawn",
                    "deleted",
                    "no longer required",
                ],
            ),
        ],
        "action status",
    )
}

pub fn yes_no(cell: &Cell) -> Result<bool, String> {
    if let Cell::Bool(b) = cell {
        return Ok(*b);
    }
    vocabulary(
        cell,
        &[
            (true, &["yes", "y", "true", "1"]),
            (false, &["no", "n", "false", "0"]),
        ],
        "yes or no",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Result<Option<When>, String> {
        date(&Cell::Text(s.into()))
    }

    fn day_of(y: i32, m: u32, dd: u32) -> Option<When> {
        Some(When::Day(Date::from_ymd(y, m, dd).unwrap()))
    }

    #[test]
    fn the_forms_officers_write_all_read_as_one_day() {
        for form in [
            "31/03/2022",
            "31/3/2022",
            "31/03/22",
            "31.03.2022",
            "31-03-2022",
            "31 March 2022",
            "31st March 2022",
            "31 Mar 2022",
            "31-Mar-2022",
            "Thursday 31 March 2022",
            "Thu, 31 March 2022",
            "2022-03-31",
            "44651",
        ] {
            assert_eq!(d(form), Ok(day_of(2022, 3, 31)), "{form}");
        }
        assert_eq!(date(&Cell::Number(44651.0)), Ok(day_of(2022, 3, 31)));
        // A date-time serial keeps its day.
        assert_eq!(date(&Cell::Number(44651.75)), Ok(day_of(2022, 3, 31)));
    }

    #[test]
    fn months_years_and_blanks_keep_their_precision() {
        let march = Some(When::Month {
            year: 2022,
            month: 3,
        });
        assert_eq!(d("March 2022"), Ok(march));
        assert_eq!(d("Mar-22"), Ok(march));
        assert_eq!(d("2022-03"), Ok(march));
        assert_eq!(d("2022"), Ok(Some(When::Year(2022))));
        assert_eq!(date(&Cell::Number(2022.0)), Ok(Some(When::Year(2022))));
        assert_eq!(d("  "), Ok(None));
        assert_eq!(date(&Cell::Empty), Ok(None));
    }

    #[test]
    fn impossible_and_american_dates_are_refused_with_a_reason() {
        assert!(
            d("31/02/2022")
                .unwrap_err()
                .contains("not a day in the calendar")
        );
        assert!(d("03/31/2022").unwrap_err().contains("month first"));
        assert!(d("next Tuesday").unwrap_err().contains("day first"));
        assert!(d("31/13/2022").unwrap_err().contains("not a day"));
        assert!(
            date(&Cell::Number(12.0))
                .unwrap_err()
                .contains("neither a year")
        );
    }

    #[test]
    fn vocabularies_accept_common_spellings() {
        assert_eq!(role(&Cell::Text("Vice-Chair".into())), Ok(Role::ViceChair));
        assert_eq!(
            attendance(&Cell::Text("Sent apologies".into())),
            Ok(AttendanceStatus::Apologies)
        );
        assert_eq!(
            action_status(&Cell::Text("Completed".into())),
            Ok(ActionStatus::Complete)
        );
        assert!(
            action_status(&Cell::Text("Green".into()))
                .unwrap_err()
                .contains("write one of: not started, in progress, complete, cancelled")
        );
        assert_eq!(yes_no(&Cell::Text("Y".into())), Ok(true));
    }

    #[test]
    fn attendance_marks_as_registers_write_them() {
        let mark = |s: &str| attendance(&Cell::Text(s.into()));
        for (written, status) in [
            ("✓", AttendanceStatus::Present),
            ("✔", AttendanceStatus::Present),
            ("P", AttendanceStatus::Present),
            ("✗", AttendanceStatus::Absent),
            ("✘", AttendanceStatus::Absent),
            ("x", AttendanceStatus::Absent),
            ("X", AttendanceStatus::Absent),
            ("A", AttendanceStatus::Apologies),
            ("Apols", AttendanceStatus::Apologies),
            ("sent sub", AttendanceStatus::Substitute),
            ("Sent Sub", AttendanceStatus::Substitute),
            ("substitute", AttendanceStatus::Substitute),
            ("rep sent", AttendanceStatus::Substitute),
        ] {
            assert_eq!(mark(written), Ok(status), "{written}");
        }
        for unknown in ["Late", "?", "✓✓"] {
            assert!(
                mark(unknown)
                    .unwrap_err()
                    .contains("not an attendance mark"),
                "{unknown}"
            );
        }
        assert!(mark("P*").unwrap_err().contains("footnote sign (`*`)"));
    }

    #[test]
    fn kinds_of_body_are_the_files_own_names_and_nothing_else() {
        assert_eq!(org_kind("VoluntarySector"), Ok(OrgKind::VoluntarySector));
        assert_eq!(org_kind("voluntary_sector"), Ok(OrgKind::VoluntarySector));
        assert_eq!(org_kind("Voluntary sector"), Ok(OrgKind::VoluntarySector));
        assert_eq!(
            org_kind("chief officer of police"),
            Ok(OrgKind::ChiefOfficerOfPolice)
        );
        // Everyday words are not kinds: "Police" could be the force or its commissioner.
        assert!(org_kind("Police").is_err());
        assert!(org_kind("Charity").unwrap_err().contains("explain OrgKind"));
        assert!(
            org_kind("DistrictCouncl")
                .unwrap_err()
                .contains("did you mean `DistrictCouncil`?")
        );
    }

    #[test]
    fn a_date_is_ambiguous_when_it_would_read_as_another_day_month_first() {
        let ambiguous = |s: &str| day_month_ambiguous(&Cell::Text(s.into()));
        assert!(ambiguous("04/01/2024"));
        assert!(ambiguous("4/1/24"));
        assert!(ambiguous("05.03.2019"));
        assert!(!ambiguous("04/04/2024"), "the same day either way");
        assert!(!ambiguous("13/01/2024"), "only one way round");
        assert!(!ambiguous("2024-01-04"), "ISO is year, month, day");
        assert!(!ambiguous("4 January 2024"));
        assert!(!day_month_ambiguous(&Cell::Date(
            Date::from_ymd(2024, 1, 4).unwrap()
        )));
        assert_eq!(d("04/01/2024"), Ok(day_of(2024, 1, 4)));
    }
}
