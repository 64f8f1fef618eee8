//! A board membership list: one row per member of a group.

use scrutineer_graph::model::{Membership, Role};
use scrutineer_graph::{Date, When};

use super::{Read, blank_required, date, group_of, member, read, show_when, show_yes_no};
use crate::cells;
use crate::columns::{Field, KIND, Need, PERSON};
use crate::table::Row;
use crate::{Cited, Context, Effect};

pub const FIELDS: &[Field] = &[
    Field {
        name: "member",
        headers: &[
            "organisation",
            "organization",
            "agency",
            "partner",
            "member",
            "partner organisation",
            "partner agency",
            "body",
            "representing",
            "organisation name",
        ],
        need: Need::Either("person"),
    },
    PERSON,
    KIND,
    Field {
        name: "group",
        headers: &["group", "board", "partnership", "committee", "forum"],
        need: Need::Optional,
    },
    Field {
        name: "role",
        headers: &["role", "position", "capacity"],
        need: Need::Optional,
    },
    Field {
        name: "senior",
        headers: &[
            "senior",
            "senior representative",
            "senior officer",
            "senior rep",
        ],
        need: Need::Optional,
    },
    Field {
        name: "status",
        headers: &["status", "membership status", "participation"],
        need: Need::Optional,
    },
    Field {
        name: "from",
        headers: &[
            "from",
            "start",
            "start date",
            "joined",
            "date joined",
            "member since",
            "appointed",
        ],
        need: Need::Optional,
    },
    Field {
        name: "to",
        headers: &["to", "end", "end date", "left", "date left", "until"],
        need: Need::Optional,
    },
];

pub fn row(cx: &mut Context, row: &Row) {
    let member = match member(cx, row) {
        Read::Value(id, _) => Some(id),
        Read::Blank(column) => {
            blank_required(cx, row, &column, "member");
            None
        }
        _ => None,
    };
    let group = group_of(cx, row);
    let role = read(cx, row, "role", cells::role);
    let senior = read(cx, row, "senior", cells::yes_no);
    let status = read(cx, row, "status", cells::participation);
    let from = date(cx, row, "from");
    let to = date(cx, row, "to");
    let (Some(member), Some(group)) = (member, group) else {
        return;
    };
    if [
        matches!(role, Read::Bad),
        matches!(senior, Read::Bad),
        matches!(status, Read::Bad),
        matches!(from, Read::Bad),
        matches!(to, Read::Bad),
    ]
    .contains(&true)
    {
        return;
    }
    let record = format!("membership of `{member}` on `{group}`");
    let sheet_from = match &from {
        Read::Value(w, _) => Some(*w),
        _ => None,
    };
    let Some(i) = matching(cx, &member, &group, sheet_from) else {
        let sheet_to = match &to {
            Read::Value(w, _) => Some(*w),
            _ => None,
        };
        if let Some(j) = overlapping(cx, &member, &group, sheet_from, sheet_to) {
            refuse_overlap(cx, row, j, &record, sheet_from, sheet_to);
            return;
        }
        let m = Membership {
            member,
            group: group.clone(),
            role: role.value().unwrap_or(Role::Member),
            senior: senior.value(),
            status: status.value(),
            appointed_by: Vec::new(),
            from: from.value(),
            to: to.value(),
            evidence: Vec::new(),
        };
        cx.data.memberships.push(m);
        let i = cx.data.memberships.len() - 1;
        cx.added_seats.insert(i, row.number);
        cx.cite(Cited::Membership(i), row);
        cx.change(row, record, Effect::Added);
        complete(cx, &group);
        return;
    };
    let mut merge = cx.log.row(row, &record);
    let m = &mut cx.data.memberships[i];
    if let Read::Value(r, column) = role
        && r != m.role
    {
        // `Member` is also what a file says when it does not record a role, so the sheet may
        // refine it; a different named role is a conflict.
        let mut slot = (m.role != Role::Member).then_some(m.role);
        merge.field(&column, "role", &mut slot, r, |r| {
            format!("`{}`", r.as_str())
        });
        m.role = slot.unwrap_or(Role::Member);
    }
    if let Read::Value(v, column) = senior {
        merge.field(&column, "senior", &mut m.senior, v, show_yes_no);
    }
    if let Read::Value(v, column) = status {
        merge.field(&column, "status", &mut m.status, v, |s| {
            format!("`{}`", s.as_str())
        });
    }
    if let Read::Value(v, column) = from {
        merge.field(&column, "from", &mut m.from, v, show_when);
    }
    if let Read::Value(v, column) = to {
        merge.field(&column, "to", &mut m.to, v, show_when);
    }
    let filled = merge.filled;
    if filled.is_empty() {
        cx.change(row, record, Effect::Unchanged);
    } else {
        cx.cite(Cited::Membership(i), row);
        cx.change(row, record, Effect::Updated(filled));
    }
    complete(cx, &group);
}

/// The existing seat a row describes: the one with the same start date; else, when the file
/// has one seat for this member on this group, that one (unless it has a different start, in
/// which case the row is a new period of membership).
fn matching(
    cx: &Context,
    member: &str,
    group: &str,
    from: Option<scrutineer_graph::When>,
) -> Option<usize> {
    let seats: Vec<usize> = cx
        .data
        .memberships
        .iter()
        .enumerate()
        .filter(|(_, m)| m.member == member && m.group == group)
        .map(|(i, _)| i)
        .collect();
    if let Some(f) = from
        && let Some(&i) = seats
            .iter()
            .find(|&&i| cx.data.memberships[i].from == Some(f))
    {
        return Some(i);
    }
    match seats.as_slice() {
        [] => None,
        [one] if from.is_none() || cx.data.memberships[*one].from.is_none() => Some(*one),
        // Several periods and no start date in the sheet: the latest one.
        [_, _, ..] if from.is_none() => seats
            .iter()
            .copied()
            .max_by_key(|&i| cx.data.memberships[i].from.map(|w| w.earliest())),
        // A start date the file does not have: a new period of membership.
        _ => None,
    }
}

/// The first and last days a seat certainly covers: a partial date is read narrowly (a seat from
/// "2016" certainly covers only 31 December 2016 on), so that only seats that must overlap are
/// refused. An open end runs for ever.
fn certainly_covers(from: Option<When>, to: Option<When>) -> (Date, Date) {
    (
        from.map_or(Date::FAR_PAST, When::latest),
        to.map_or(Date::FAR_FUTURE, When::earliest),
    )
}

/// Another seat of the same member on the same group (in the file, or added by an earlier row)
/// whose dates overlap this row's. A seat ending the day the next begins is a handover, not an
/// overlap.
fn overlapping(
    cx: &Context,
    member: &str,
    group: &str,
    from: Option<When>,
    to: Option<When>,
) -> Option<usize> {
    cx.data
        .memberships
        .iter()
        .enumerate()
        .filter(|(_, m)| m.member == member && m.group == group)
        .find(|(_, m)| overlap((from, to), (m.from, m.to)))
        .map(|(j, _)| j)
}

/// Whether two seats, each `(from, to)`, certainly hold on more than one day in common.
fn overlap(a: (Option<When>, Option<When>), b: (Option<When>, Option<When>)) -> bool {
    let (a_start, a_end) = certainly_covers(a.0, a.1);
    let (b_start, b_end) = certainly_covers(b.0, b.1);
    a_start.max(b_start) < a_end.min(b_end)
}

fn refuse_overlap(
    cx: &mut Context,
    row: &Row,
    j: usize,
    record: &str,
    from: Option<When>,
    to: Option<When>,
) {
    let span = |from: Option<When>, to: Option<When>| match (from, to) {
        (Some(f), Some(t)) => format!("from {} to {}", f.long(), t.long()),
        (Some(f), None) => format!("from {}, with no end", f.long()),
        (None, Some(t)) => format!("until {}", t.long()),
        (None, None) => "with no dates".to_string(),
    };
    let theirs = span(cx.data.memberships[j].from, cx.data.memberships[j].to);
    let column = cx
        .cell_column("from")
        .or_else(|| cx.cell_column("member"))
        .cloned();
    let message = format!(
        "the row would add a second {record} ({}), overlapping the seat {}",
        span(from, to),
        match cx.added_seats.get(&j) {
            Some(earlier) => format!("row {earlier} of this sheet adds ({theirs})"),
            None => format!("the file has ({theirs})"),
        }
    );
    let help = "a member holds one seat on a group at a time: if this is a new term, give the earlier seat its end date (`to`) first; if it is the same seat, give the start date the file has";
    match cx.added_seats.get(&j) {
        Some(_) => cx.problem(row, column.as_ref(), message, Some(help.into())),
        None => cx.collision(
            row,
            column.as_ref(),
            message,
            help.into(),
            format!("memberships[{j}]"),
        ),
    }
}

/// With `--complete`, the sheet lists the whole group: the file says so.
fn complete(cx: &mut Context, group: &str) {
    if !cx.options.complete {
        return;
    }
    if let Some(g) = cx.data.groups.iter_mut().find(|g| g.id == group)
        && !g.members_listed_in_full
    {
        g.members_listed_in_full = true;
        cx.note(format!(
            "group `{group}` now records its members as listed in full (--complete)"
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::overlap;
    use scrutineer_graph::When;

    fn w(s: &str) -> Option<When> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn seats_overlap_only_when_they_must() {
        // An open seat and a later start: a second seat at once.
        assert!(overlap((w("2017-04-01"), None), (w("2016-10-20"), None)));
        // A seat that ended before the next began, or on the day it began (a handover).
        assert!(!overlap(
            (w("2017-06-01"), None),
            (w("2016-10-20"), w("2017-05"))
        ));
        assert!(!overlap(
            (w("2017-05-20"), None),
            (w("2016-10-20"), w("2017-05-20"))
        ));
        // A seat with no dates holds throughout: any other seat overlaps it.
        assert!(overlap((w("2020-01-01"), w("2020-12-31")), (None, None)));
        // A month or a year is read narrowly: ending "2017-05" and starting 20 May 2017 may
        // not overlap, so it is not refused.
        assert!(!overlap((w("2017-05-20"), None), (w("2016"), w("2017-05"))));
    }
}
