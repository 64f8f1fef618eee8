//! An attendance register: one row per member per meeting.

use scrutineer_graph::When;
use scrutineer_graph::model::{Attendance, Meeting};

use super::{Read, blank_required, group_of, member, read};
use crate::cells::{self, Cell};
use crate::columns::{Field, KIND, Need, PERSON};
use crate::table::Row;
use crate::{Cited, Context, Effect};

pub const FIELDS: &[Field] = &[
    Field {
        name: "meeting",
        headers: &[
            "meeting date",
            "date",
            "meeting",
            "date of meeting",
            "meeting held",
        ],
        need: Need::Required,
    },
    Field {
        name: "member",
        headers: &[
            "organisation",
            "organization",
            "agency",
            "partner",
            "member",
            "representing",
            "partner agency",
            "organisation name",
            "body",
        ],
        need: Need::Either("person"),
    },
    PERSON,
    KIND,
    Field {
        name: "attendance",
        headers: &[
            "attendance",
            "attended",
            "present",
            "status",
            "attendance status",
        ],
        need: Need::Required,
    },
    Field {
        name: "group",
        headers: &["group", "board", "partnership", "committee", "forum"],
        need: Need::Optional,
    },
];

/// A meeting cell: a date, or the id of a meeting the file already has.
enum MeetingRef {
    Date(When),
    Id(String),
}

pub fn row(cx: &mut Context, row: &Row) {
    // A cell naming a meeting the file has is that meeting; anything else is read as a date.
    let named_meeting = cx.cell(row, "meeting").and_then(|(c, _)| match c {
        Cell::Text(t) => cx
            .data
            .meetings
            .iter()
            .any(|m| m.id == t.trim())
            .then(|| t.trim().to_string()),
        _ => None,
    });
    let meeting = match named_meeting {
        Some(id) => Read::Value(
            MeetingRef::Id(id),
            cx.cell_column("meeting").cloned().expect("found"),
        ),
        None => {
            let read = read(cx, row, "meeting", |c: &Cell| {
                super::when(c).map(MeetingRef::Date)
            });
            if let Read::Value(MeetingRef::Date(w), column) = &read
                && let Some((cell, _)) = cx.cell(row, "meeting")
                && cells::day_month_ambiguous(cell)
            {
                let text = cell.text().unwrap_or_default();
                cx.date_read(row, column, text, *w);
            }
            read
        }
    };
    let member = member(cx, row);
    let mark = read(cx, row, "attendance", cells::attendance);
    let group = group_of(cx, row);
    let meeting = match meeting {
        Read::Value(m, _) => m,
        Read::Blank(column) => {
            blank_required(cx, row, &column, "meeting date");
            return;
        }
        _ => return,
    };
    let member = match member {
        Read::Value(m, _) => m,
        Read::Blank(column) => {
            blank_required(cx, row, &column, "member");
            return;
        }
        _ => return,
    };
    let Some(group) = group else { return };
    let (status, column) = match mark {
        Read::Value(s, c) => (s, c),
        Read::Blank(_) => {
            cx.change(
                row,
                format!("attendance of `{member}`"),
                Effect::Skipped("no attendance mark, so nothing is recorded".into()),
            );
            return;
        }
        _ => return,
    };
    let index = match meeting {
        MeetingRef::Id(id) => cx.data.meetings.iter().position(|m| m.id == id),
        MeetingRef::Date(date) => cx
            .data
            .meetings
            .iter()
            .position(|m| m.group == group && m.date == date)
            .or_else(|| Some(new_meeting(cx, row, &group, date))),
    }
    .expect("found or made");
    let meeting_id = cx.data.meetings[index].id.clone();
    let record = format!("attendance of `{member}` at `{meeting_id}`");
    let meeting = &mut cx.data.meetings[index];
    let effect = match meeting.attendance.iter_mut().find(|a| a.member == member) {
        None => {
            meeting.attendance.push(Attendance { member, status });
            Effect::Added
        }
        Some(a) => {
            let mut slot = Some(a.status);
            let mut merge = cx.log.row(row, &record);
            merge.field(&column, "attendance", &mut slot, status, |s| {
                format!("`{}`", s.as_str())
            });
            a.status = slot.expect("kept or replaced");
            let filled = merge.filled;
            if filled.is_empty() {
                Effect::Unchanged
            } else {
                Effect::Updated(filled)
            }
        }
    };
    if cx.options.complete && !meeting.attendance_listed_in_full {
        meeting.attendance_listed_in_full = true;
        cx.note(format!(
            "meeting `{meeting_id}` now records its attendance as listed in full (--complete)"
        ));
    }
    if effect != Effect::Unchanged {
        cx.cite(Cited::Meeting(index), row);
    }
    cx.change(row, record, effect);
}

/// A meeting the file does not have yet: held on the register's date.
fn new_meeting(cx: &mut Context, row: &Row, group: &str, date: When) -> usize {
    let id = cx.fresh_id(&format!("{group}-{}", date.earliest().iso()));
    cx.note(format!(
        "row {}: added meeting `{id}` of `{group}` on {}",
        row.number,
        date.long()
    ));
    cx.data.meetings.push(Meeting::new(id, group, date));
    cx.data.meetings.len() - 1
}
