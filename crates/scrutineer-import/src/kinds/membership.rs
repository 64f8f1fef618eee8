//! A board membership list: one row per member of a group.

use scrutineer_graph::model::{Membership, Role};

use super::{Read, blank_required, group_of, named, read, show_when, show_yes_no, when};
use crate::cells;
use crate::columns::Field;
use crate::resolve::Among;
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
        required: true,
    },
    Field {
        name: "group",
        headers: &["group", "board", "partnership", "committee", "forum"],
        required: false,
    },
    Field {
        name: "role",
        headers: &["role", "position", "capacity"],
        required: false,
    },
    Field {
        name: "senior",
        headers: &[
            "senior",
            "senior representative",
            "senior officer",
            "senior rep",
        ],
        required: false,
    },
    Field {
        name: "status",
        headers: &["status", "membership status", "participation"],
        required: false,
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
        required: false,
    },
    Field {
        name: "to",
        headers: &["to", "end", "end date", "left", "date left", "until"],
        required: false,
    },
];

pub fn row(cx: &mut Context, row: &Row) {
    let member = match named(cx, row, "member", Among::Members) {
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
    let from = read(cx, row, "from", when);
    let to = read(cx, row, "to", when);
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
        cx.cite(Cited::Membership(cx.data.memberships.len() - 1), row);
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
