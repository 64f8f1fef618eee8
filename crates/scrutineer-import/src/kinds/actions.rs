//! An action tracker: one row per action.

use scrutineer_graph::model::{Action, DateCell};

use super::{Read, blank_required, date, named, read, show_when};
use crate::cells;
use crate::columns::{Field, Need};
use crate::resolve::Among;
use crate::table::Row;
use crate::{Cited, Context, Effect};

pub const FIELDS: &[Field] = &[
    Field {
        name: "ref",
        headers: &[
            "ref",
            "reference",
            "id",
            "action ref",
            "action id",
            "action no",
            "action number",
            "no",
            "number",
        ],
        need: Need::Optional,
    },
    Field {
        name: "action",
        headers: &[
            "action",
            "actions",
            "description",
            "action description",
            "title",
            "task",
            "activity",
        ],
        need: Need::Required,
    },
    Field {
        name: "priority",
        headers: &[
            "priority",
            "theme",
            "strategic priority",
            "objective",
            "priority area",
        ],
        need: Need::Optional,
    },
    Field {
        name: "plan",
        headers: &["plan", "delivery plan", "action plan"],
        need: Need::Optional,
    },
    Field {
        name: "owner",
        headers: &[
            "owner",
            "lead",
            "responsible",
            "lead officer",
            "lead agency",
            "action owner",
            "responsible officer",
            "lead partner",
            "who",
        ],
        need: Need::Optional,
    },
    Field {
        name: "due",
        headers: &[
            "due",
            "due date",
            "deadline",
            "target date",
            "by when",
            "timescale",
            "target completion date",
            "due by",
        ],
        need: Need::Optional,
    },
    Field {
        name: "status",
        headers: &["status", "progress", "current status"],
        need: Need::Optional,
    },
    Field {
        name: "completed",
        headers: &[
            "completed",
            "date completed",
            "completion date",
            "completed on",
            "date closed",
        ],
        need: Need::Optional,
    },
];

pub fn row(cx: &mut Context, row: &Row) {
    let title = read(cx, row, "action", |c| Ok(c.text().unwrap_or_default()));
    let reference = read(cx, row, "ref", |c| Ok(c.text().unwrap_or_default()));
    let priority = named(cx, row, "priority", Among::Priorities);
    let plan = named(cx, row, "plan", Among::Documents);
    let owner = named(cx, row, "owner", Among::Owners);
    let due = date(cx, row, "due");
    let status = read(cx, row, "status", cells::action_status);
    let completed = date(cx, row, "completed");
    let title = match title {
        Read::Value(t, _) => t,
        Read::Blank(column) => {
            blank_required(cx, row, &column, "action");
            return;
        }
        _ => return,
    };
    if [
        matches!(priority, Read::Bad),
        matches!(plan, Read::Bad),
        matches!(owner, Read::Bad),
        matches!(due, Read::Bad),
        matches!(status, Read::Bad),
        matches!(completed, Read::Bad),
    ]
    .contains(&true)
    {
        return;
    }
    let reference = reference.value();
    // A tracker with the column but a blank cell shows no owner, or no date: that is a fact
    // about the tracker (`""`), unlike a tracker with no such column.
    let owner = match owner {
        Read::Value(id, c) => Some((id, c)),
        Read::Blank(c) => Some((String::new(), c)),
        _ => None,
    };
    let due = match due {
        Read::Value(w, c) => Some((DateCell::Date(w), c)),
        Read::Blank(c) => Some((DateCell::Blank, c)),
        _ => None,
    };
    let title_column = cx
        .cell_column("action")
        .cloned()
        .expect("a required column");
    let priority = priority.pair();
    let plan = plan.pair();
    let plan_for_new = plan.as_ref().map(|(p, _)| p.clone()).or_else(|| {
        priority
            .as_ref()
            .and_then(|(p, _)| cx.data.priorities.iter().find(|x| &x.id == p))
            .and_then(|p| p.plan.clone())
            .or_else(|| cx.document.clone())
    });
    let existing = cx.actions.find(reference.as_deref(), "action", &title);
    let Some(i) = existing else {
        let id = cx.new_record_id(reference.as_deref(), "action", &title);
        cx.change(row, format!("action `{id}`"), Effect::Added);
        cx.cite(Cited::Action(cx.data.actions.len()), row);
        cx.actions.insert(cx.data.actions.len(), &id, &title);
        cx.data.actions.push(Action {
            id,
            title,
            priority: priority.map(|(p, _)| p),
            plan: plan_for_new,
            owner: owner.map(|(o, _)| o),
            due: due.map(|(d, _)| d),
            status: status.value(),
            completed: completed.value(),
            changes: Vec::new(),
            evidence: Vec::new(),
        });
        return;
    };
    let id = cx.data.actions[i].id.clone();
    let record = format!("action `{id}`");
    let mut merge = cx.log.row(row, &record);
    let a = &mut cx.data.actions[i];
    let quoted = |s: &String| format!("`{s}`");
    let mut slot = Some(a.title.clone());
    merge.field(&title_column, "title", &mut slot, title, quoted);
    a.title = slot.expect("kept or replaced");
    if let Some((p, column)) = priority {
        merge.field(&column, "priority", &mut a.priority, p, quoted);
    }
    if let Some((p, column)) = plan {
        merge.field(&column, "plan", &mut a.plan, p, quoted);
    }
    if let Some((o, column)) = owner {
        merge.field(&column, "owner", &mut a.owner, o, quoted);
    }
    if let Some((d, column)) = due {
        let show = |d: &DateCell| match d.date() {
            Some(w) => show_when(&w),
            None => "a blank date".into(),
        };
        merge.field(&column, "due", &mut a.due, d, show);
    }
    if let Read::Value(s, column) = status {
        merge.field(&column, "status", &mut a.status, s, |s| {
            format!("`{}`", s.as_str())
        });
    }
    if let Read::Value(w, column) = completed {
        merge.field(&column, "completed", &mut a.completed, w, show_when);
    }
    let filled = merge.filled;
    if filled.is_empty() {
        cx.change(row, record, Effect::Unchanged);
    } else {
        cx.cite(Cited::Action(i), row);
        cx.change(row, record, Effect::Updated(filled));
    }
}
