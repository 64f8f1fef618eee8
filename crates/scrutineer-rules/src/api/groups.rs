//! `Group`, `Membership` and `Meeting` in scripts.
//!
//! ```text
//! g.id  g.name  g.kind  g.chair (name, "" when recorded vacant, () when not recorded)
//! g.chair_body                    // the organisation in the chair (a person's own), or ()
//! g.from  g.to  (When or ())
//! g.vice_chair  g.quorum  g.meetings_per_year (int or ())  g.suspended (on the date)
//! g.members_listed_in_full        // true: someone missing from memberships() is known absent
//! g.memberships()                 // seats in force on the date
//! g.membership_of(org_or_person)  // the seat, or ()
//! g.reports_to()                  // groups it reports to on the date
//! g.reporting_chain()             // the groups above it, in order, up the first line of each
//! g.meetings_listed_in_full       // true: a meeting missing from meetings() did not happen
//! g.meetings()                    // meetings dated on or before the date, oldest first
//! g.terms_of_reference            // Document or ()
//! m.member  m.member_id  m.member_name  m.group  m.role  m.senior (bool or ())
//! m.status ("participating", "not_participating", "vacant", "declined" or ())
//! m.participating (true, false or ())  m.from  m.to
//! mt.id  mt.date (When)  mt.status  mt.held  mt.group  mt.items
//! mt.attendance_of(org_or_person) // "present", "substitute", "apologies", "absent" or ()
//! mt.attendance_listed_in_full
//! mt.held_in_public (true, false or ())  mt.present_count  // members present or represented by a substitute
//! g.attendance_summary(org, 4)    // #{recorded, attended, meetings} over its last 4 held meetings
//! ```

use std::sync::Arc;

use rhai::{Array, Dynamic, Engine};
use scrutineer_graph::NodeKey;
use scrutineer_graph::model::{AttendanceStatus, GroupKind, MeetingStatus, Participation, Role};

use super::{Document, Group, Meeting, Membership, Org, Person, View, array, opt, opt_str};

/// The node a script value names, if it is an organisation or person.
fn member_key(d: &Dynamic) -> Option<NodeKey> {
    if let Some(o) = d.read_lock::<Org>() {
        return Some(NodeKey::Organisation(o.index));
    }
    if let Some(p) = d.read_lock::<Person>() {
        return Some(NodeKey::Person(p.index));
    }
    None
}

fn node_handle(view: &Arc<View>, id: &str) -> Dynamic {
    match view.graph.node(id) {
        Some(NodeKey::Organisation(i)) => Dynamic::from(Org::new(view, i)),
        Some(NodeKey::Person(i)) => Dynamic::from(Person::new(view, i)),
        Some(NodeKey::Group(i)) => Dynamic::from(Group::new(view, i)),
        _ => Dynamic::UNIT,
    }
}

fn seats(g: &Group) -> impl Iterator<Item = usize> + '_ {
    let v = &g.view;
    v.graph
        .memberships_of_group(g.index)
        .into_iter()
        .filter(move |&i| {
            let m = &v.graph.data.memberships[i];
            v.in_force(m.from, m.to)
        })
}

/// The chair's name: the group's `chair` field, else a member with the chair role.
fn office(g: &Group, field: Option<&String>, role: Role) -> Dynamic {
    let v = &g.view;
    if let Some(id) = field {
        if id.trim().is_empty() {
            return Dynamic::from(String::new());
        }
        if let Some(k) = v.graph.node(id) {
            return Dynamic::from(v.graph.name_of(k).to_string());
        }
    }
    seats(g)
        .find(|&i| v.graph.data.memberships[i].role == role)
        .and_then(|i| v.graph.node(&v.graph.data.memberships[i].member))
        .map(|k| Dynamic::from(v.graph.name_of(k).to_string()))
        .unwrap_or(Dynamic::UNIT)
}

/// The organisation holding the chair: the chair itself when it is an organisation, else the
/// chair's own organisation; `()` when neither is recorded.
fn chair_body(g: &Group) -> Dynamic {
    let v = &g.view;
    let id = v.graph.data.groups[g.index].chair.clone().or_else(|| {
        seats(g)
            .find(|&i| v.graph.data.memberships[i].role == Role::Chair)
            .map(|i| v.graph.data.memberships[i].member.clone())
    });
    match id.as_deref().and_then(|id| v.graph.node(id)) {
        Some(NodeKey::Organisation(i)) => Dynamic::from(Org::new(v, i)),
        Some(NodeKey::Person(p)) => v.graph.data.people[p]
            .organisation
            .as_deref()
            .and_then(|o| v.graph.node(o))
            .and_then(|k| match k {
                NodeKey::Organisation(i) => Some(Dynamic::from(Org::new(v, i))),
                _ => None,
            })
            .unwrap_or(Dynamic::UNIT),
        _ => Dynamic::UNIT,
    }
}

/// How a member was recorded at a meeting: the best status recorded for it or for a person
/// attending on its behalf; "absent" when the attendance is listed in full and it is not on the
/// list; `None` when the minutes do not say.
fn attendance(view: &View, meeting: usize, key: NodeKey) -> Option<AttendanceStatus> {
    let mt = &view.graph.data.meetings[meeting];
    let counts_for = |id: &str| match view.graph.node(id) {
        Some(k) if k == key => true,
        Some(NodeKey::Person(p)) => {
            view.graph.data.people[p]
                .organisation
                .as_deref()
                .and_then(|o| view.graph.node(o))
                == Some(key)
        }
        _ => false,
    };
    let best = mt
        .attendance
        .iter()
        .filter(|a| counts_for(&a.member))
        .map(|a| a.status)
        .min_by_key(|s| *s as u8);
    match best {
        Some(s) => Some(s),
        None if mt.attendance_listed_in_full => Some(AttendanceStatus::Absent),
        None => None,
    }
}

/// Attendance of a member over the group's last `last` held meetings on or before the date:
/// `#{ recorded, attended, meetings }`, where `recorded` counts the meetings whose minutes say
/// whether it attended, `attended` those where it was present or sent a substitute, and
/// `meetings` lists the meetings looked at.
fn attendance_summary(g: &Group, key: NodeKey, last: usize) -> Dynamic {
    let v = &g.view;
    let mut held: Vec<usize> = v
        .graph
        .meetings_of_group(g.index)
        .into_iter()
        .filter(|&i| {
            let m = &v.graph.data.meetings[i];
            v.happened(m.date) && matches!(m.status, MeetingStatus::Held | MeetingStatus::Inquorate)
        })
        .collect();
    held.sort_by_key(|&i| (v.graph.data.meetings[i].date.latest(), i));
    let recent = &held[held.len().saturating_sub(last)..];
    let (mut recorded, mut attended) = (0i64, 0i64);
    for &i in recent {
        match attendance(v, i, key) {
            Some(AttendanceStatus::Present | AttendanceStatus::Substitute) => {
                recorded += 1;
                attended += 1;
            }
            Some(_) => recorded += 1,
            None => {}
        }
    }
    let mut map = rhai::Map::new();
    map.insert("recorded".into(), Dynamic::from(recorded));
    map.insert("attended".into(), Dynamic::from(attended));
    map.insert(
        "meetings".into(),
        Dynamic::from(array(recent.iter().map(|&i| Meeting::new(v, i)))),
    );
    Dynamic::from(map)
}

pub(super) fn register(engine: &mut Engine) {
    engine
        .register_type_with_name::<Group>("Group")
        .register_get("id", |g: &mut Group| {
            g.view.graph.data.groups[g.index].id.clone()
        })
        .register_get("name", |g: &mut Group| {
            g.view.graph.data.groups[g.index].name.clone()
        })
        .register_get("kind", |g: &mut Group| {
            g.view.graph.data.groups[g.index].kind.as_str().to_string()
        })
        .register_get("is_subgroup", |g: &mut Group| {
            matches!(
                g.view.graph.data.groups[g.index].kind,
                GroupKind::Subgroup | GroupKind::TaskGroup | GroupKind::OperationalGroup
            )
        })
        .register_get("chair", |g: &mut Group| {
            let field = g.view.graph.data.groups[g.index].chair.clone();
            office(g, field.as_ref(), Role::Chair)
        })
        .register_get("chair_body", |g: &mut Group| chair_body(g))
        .register_get("from", |g: &mut Group| {
            opt(g.view.graph.data.groups[g.index].from)
        })
        .register_get("to", |g: &mut Group| {
            opt(g.view.graph.data.groups[g.index].to)
        })
        .register_get("vice_chair", |g: &mut Group| {
            let field = g.view.graph.data.groups[g.index].vice_chair.clone();
            office(g, field.as_ref(), Role::ViceChair)
        })
        .register_get("quorum", |g: &mut Group| {
            opt(g.view.graph.data.groups[g.index].quorum.map(i64::from))
        })
        .register_get("meetings_per_year", |g: &mut Group| {
            opt(g.view.graph.data.groups[g.index]
                .meetings_per_year
                .map(i64::from))
        })
        .register_get("suspended", |g: &mut Group| {
            let x = &g.view.graph.data.groups[g.index];
            x.suspended_from.is_some() && g.view.in_force(x.suspended_from, x.suspended_to)
        })
        .register_get("members_listed_in_full", |g: &mut Group| {
            g.view.graph.data.groups[g.index].members_listed_in_full
        })
        .register_get("meetings_listed_in_full", |g: &mut Group| {
            g.view.graph.data.groups[g.index].meetings_listed_in_full
        })
        .register_fn("reporting_chain", |g: &mut Group| -> Array {
            // Up the first in-force line from each group until the top or a repeat.
            let v = &g.view;
            let mut chain = Vec::new();
            let mut seen = vec![g.index];
            let mut at = g.index;
            while let Some(&line) = v.graph.reports_of_group(at, Some(v.as_of)).first() {
                let Some(NodeKey::Group(next)) = v.graph.node(&v.graph.data.reporting[line].to)
                else {
                    break;
                };
                chain.push(Dynamic::from(Group::new(v, next)));
                if seen.contains(&next) {
                    break;
                }
                seen.push(next);
                at = next;
            }
            chain
        })
        .register_get("terms_of_reference", |g: &mut Group| {
            let v = &g.view;
            match v.graph.data.groups[g.index]
                .terms_of_reference
                .as_deref()
                .and_then(|id| v.graph.node(id))
            {
                Some(NodeKey::Document(i)) => Dynamic::from(Document::new(v, i)),
                _ => Dynamic::UNIT,
            }
        })
        .register_fn("memberships", |g: &mut Group| {
            let v = Arc::clone(&g.view);
            array(seats(g).map(|i| Membership::new(&v, i)).collect::<Vec<_>>())
        })
        .register_fn("membership_of", |g: &mut Group, who: Dynamic| {
            let Some(key) = member_key(&who) else {
                return Dynamic::UNIT;
            };
            let v = Arc::clone(&g.view);
            seats(g)
                .find(|&i| v.graph.node(&v.graph.data.memberships[i].member) == Some(key))
                .map(|i| Dynamic::from(Membership::new(&v, i)))
                .unwrap_or(Dynamic::UNIT)
        })
        .register_fn("reports_to", |g: &mut Group| -> Array {
            let v = &g.view;
            v.graph
                .reports_of_group(g.index, Some(v.as_of))
                .into_iter()
                .map(|i| node_handle(v, &v.graph.data.reporting[i].to))
                .collect()
        })
        .register_fn("meetings", |g: &mut Group| {
            let v = &g.view;
            let mut rows: Vec<usize> = v
                .graph
                .meetings_of_group(g.index)
                .into_iter()
                .filter(|&i| v.happened(v.graph.data.meetings[i].date))
                .collect();
            rows.sort_by_key(|&i| (v.graph.data.meetings[i].date.latest(), i));
            array(rows.into_iter().map(|i| Meeting::new(v, i)))
        })
        .register_fn(
            "attendance_summary",
            |g: &mut Group, who: Dynamic, last: i64| -> Dynamic {
                let Some(key) = member_key(&who) else {
                    return Dynamic::UNIT;
                };
                attendance_summary(g, key, last.max(0) as usize)
            },
        )
        .register_fn("==", |a: Group, b: Group| a.index == b.index)
        .register_fn("!=", |a: Group, b: Group| a.index != b.index)
        .register_fn("to_string", |g: &mut Group| {
            g.view.graph.data.groups[g.index].name.clone()
        });

    engine
        .register_type_with_name::<Membership>("Membership")
        .register_get("member", |m: &mut Membership| {
            node_handle(&m.view, &m.view.graph.data.memberships[m.index].member)
        })
        .register_get("member_id", |m: &mut Membership| {
            m.view.graph.data.memberships[m.index].member.clone()
        })
        .register_get("member_name", |m: &mut Membership| {
            let x = &m.view.graph.data.memberships[m.index];
            m.view
                .graph
                .node(&x.member)
                .map(|k| m.view.graph.name_of(k).to_string())
                .unwrap_or_else(|| x.member.clone())
        })
        .register_get("group", |m: &mut Membership| {
            node_handle(&m.view, &m.view.graph.data.memberships[m.index].group)
        })
        .register_get("role", |m: &mut Membership| {
            m.view.graph.data.memberships[m.index]
                .role
                .as_str()
                .to_string()
        })
        .register_get("senior", |m: &mut Membership| {
            opt(m.view.graph.data.memberships[m.index].senior)
        })
        .register_get("status", |m: &mut Membership| {
            opt_str(
                m.view.graph.data.memberships[m.index]
                    .status
                    .map(|s| s.as_str()),
            )
        })
        .register_get("participating", |m: &mut Membership| {
            opt(m.view.graph.data.memberships[m.index]
                .status
                .map(|s| s == Participation::Participating))
        })
        .register_get("from", |m: &mut Membership| {
            opt(m.view.graph.data.memberships[m.index].from)
        })
        .register_get("to", |m: &mut Membership| {
            opt(m.view.graph.data.memberships[m.index].to)
        });

    engine
        .register_type_with_name::<Meeting>("Meeting")
        .register_get("id", |m: &mut Meeting| {
            m.view.graph.data.meetings[m.index].id.clone()
        })
        .register_get("date", |m: &mut Meeting| {
            m.view.graph.data.meetings[m.index].date
        })
        .register_get("status", |m: &mut Meeting| {
            m.view.graph.data.meetings[m.index]
                .status
                .as_str()
                .to_string()
        })
        .register_get("held", |m: &mut Meeting| {
            matches!(
                m.view.graph.data.meetings[m.index].status,
                MeetingStatus::Held | MeetingStatus::Inquorate
            )
        })
        .register_get("group", |m: &mut Meeting| {
            node_handle(&m.view, &m.view.graph.data.meetings[m.index].group)
        })
        .register_get("items", |m: &mut Meeting| {
            array(m.view.graph.data.meetings[m.index].items.iter().cloned())
        })
        .register_get("attendance_listed_in_full", |m: &mut Meeting| {
            m.view.graph.data.meetings[m.index].attendance_listed_in_full
        })
        .register_get("held_in_public", |m: &mut Meeting| {
            opt(m.view.graph.data.meetings[m.index].public)
        })
        .register_get("present_count", |m: &mut Meeting| {
            m.view.graph.data.meetings[m.index]
                .attendance
                .iter()
                .filter(|a| {
                    matches!(
                        a.status,
                        AttendanceStatus::Present | AttendanceStatus::Substitute
                    )
                })
                .count() as i64
        })
        .register_fn("attendance_of", |m: &mut Meeting, who: Dynamic| {
            let Some(key) = member_key(&who) else {
                return Dynamic::UNIT;
            };
            opt_str(attendance(&m.view, m.index, key).map(|s| s.as_str()))
        });
}
