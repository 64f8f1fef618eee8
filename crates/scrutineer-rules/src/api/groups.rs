//! `Group`, `Membership` and `Meeting` in scripts.
//!
//! ```text
//! g.id  g.name  g.kind            // as on the date (a change may rename it)
//! g.chair (name, "" when recorded vacant, () when not recorded or no longer known)
//! g.chair_body                    // the organisation in the chair (a person's own), or ()
//! g.from  g.to  (When or ())
//! g.vice_chair  g.quorum  g.meetings_per_year (int or ())  g.suspended (true, false or ())
//! g.councils                      // for a committee: the councils whose committee it is
//! g.in_being                      // true when records recent enough show it in being; false; ()
//! g.designation                   // for a committee: "designated", "proposed" or ()
//! g.members_complete              // true / false / (): a membership list complete on the date
//! g.members_listed_in_full        // the same as a plain true or false (earlier name)
//! g.memberships()                 // seats in force on the date
//! g.uncertain_memberships()       // seats that may be in force: their dates or reports cannot say
//! g.membership_of(org_or_person)  // the seat in force, or ()
//! g.seat_of(org)                  // a Seat: whether the body holds a seat (see seats.rs)
//! g.reports_to()                  // groups it reports to on the date
//! g.reporting_chain()             // the groups above it, in order, up the first line of each
//! g.meetings()                    // meetings certainly held on or before the date, oldest first
//! g.meetings_within(12)           // a Window of meetings in the 12 months to the date
//! g.meetings_between(from, to)    // a Window of meetings in a period
//! g.reviews_within(12)            // for a committee: a Window of its reviews
//! g.meetings_listed_in_full       // meetings complete up to the date (earlier name)
//! g.terms_of_reference            // Document or (): a setting, stale two years after the
//!                                 // group's last report
//! g.terms_of_reference_last_known // the latest recorded, even when stale (for messages)
//! g.attendance_pattern(org, 12)   // #{ recorded, attended, meetings, enough } over 12 months
//! g.attendance_summary(org, 4)    // #{recorded, attended, meetings} over its last 4 held meetings
//! m.member  m.member_id  m.member_name  m.group  m.role  m.senior (bool or ())
//! m.body                          // the organisation the seat is for (a person's own), or ()
//! m.status ("participating", "not_participating", "vacant", "declined" or ())
//! m.participating (true, false or ())  m.from  m.to
//! mt.id  mt.date (When)  mt.status  mt.held  mt.group  mt.items
//! mt.attendance_of(org_or_person) // "present", "substitute", "apologies", "absent" or ()
//! mt.attendance_complete          // the minutes list everyone present (also attendance_listed_in_full)
//! mt.held_in_public (true, false or ())  mt.present_count  // members present or represented by a substitute
//! ```
//!
//! A person seated for an organisation holds that organisation's seat, and a person attending
//! for it is its attendance; where several people attend for one body, the best record counts.

use std::sync::Arc;

use rhai::{Array, Dynamic, Engine};
use scrutineer_graph::as_of::{State, Support, Value};
use scrutineer_graph::model::{AttendanceStatus, GroupKind, ListKind, Participation, Role};
use scrutineer_graph::{NodeKey, Tri};

use super::window::{ScriptWindow, period};
use super::{Document, Group, Meeting, Membership, Org, Person, View, array, opt, opt_str, tri};

/// The fewest meetings with recorded attendance on which a pattern of attendance is judged.
pub const MIN_PATTERN: i64 = 3;

/// The node a script value names, if it is an organisation or person.
pub(super) fn member_key(d: &Dynamic) -> Option<NodeKey> {
    if let Some(o) = d.read_lock::<Org>() {
        return Some(NodeKey::Organisation(o.index));
    }
    if let Some(p) = d.read_lock::<Person>() {
        return Some(NodeKey::Person(p.index));
    }
    None
}

pub(super) fn node_handle(view: &Arc<View>, id: &str) -> Dynamic {
    match view.graph.node(id) {
        Some(NodeKey::Organisation(i)) => Dynamic::from(Org::new(view, i)),
        Some(NodeKey::Person(i)) => Dynamic::from(Person::new(view, i)),
        Some(NodeKey::Group(i)) => Dynamic::from(Group::new(view, i)),
        _ => Dynamic::UNIT,
    }
}

/// Whether a record named `id` counts as `key`: it is `key`, or a person of that organisation.
pub(super) fn counts_for(view: &View, id: &str, key: NodeKey) -> bool {
    match view.graph.node(id) {
        Some(k) if k == key => true,
        Some(NodeKey::Person(p)) => {
            view.graph.data.people[p]
                .organisation
                .as_deref()
                .and_then(|o| view.graph.node(o))
                == Some(key)
        }
        _ => false,
    }
}

/// Seats on the group in force on the date.
pub(super) fn seats(view: &View, group: usize) -> impl Iterator<Item = usize> + '_ {
    view.graph
        .memberships_of_group(group)
        .into_iter()
        .filter(move |&i| view.seat(i) == Support::Yes)
}

/// A group setting on the date, as a script value: the value, or `()`.
fn setting<T: Clone + PartialEq>(
    g: &Group,
    base: impl Fn(&scrutineer_graph::model::Group) -> Option<T>,
    change: impl Fn(&scrutineer_graph::model::GroupChange) -> Option<T>,
    kind: State,
) -> Option<T> {
    match g.view.group_value(g.index, base, change, kind) {
        Value::Known(v) => Some(v),
        _ => None,
    }
}

/// The group's terms of reference on the date: a setting, known for a while after the papers
/// that report the group (see [`State::GroupSettings`]). With `last_known`, the latest recorded
/// even when that is too old to rely on (for a message: "the terms last recorded are ...").
fn terms(g: &Group, last_known: bool) -> Dynamic {
    let v = &g.view;
    let x = &v.graph.data.groups[g.index];
    // Terms hold from the day they were agreed (the document's own first date, when recorded),
    // and are known as long as papers keep reporting the group or the terms themselves (a
    // review of the terms reported in 2023 shows they still govern it then).
    let doc = |id: &str| match v.graph.node(id) {
        Some(NodeKey::Document(i)) => Some(i),
        _ => None,
    };
    let reports = |id: &str, own: &[scrutineer_graph::model::Evidence]| {
        let mut all = own.to_vec();
        if let Some(i) = doc(id) {
            let d = &v.graph.data.documents[i];
            all.extend(d.evidence.iter().cloned());
            for r in &d.revisions {
                all.extend(r.evidence.iter().cloned());
            }
        }
        all
    };
    let mut values: Vec<(
        Option<scrutineer_graph::When>,
        String,
        Vec<scrutineer_graph::model::Evidence>,
    )> = Vec::new();
    if let Some(id) = &x.terms_of_reference {
        values.push((None, id.clone(), reports(id, &x.evidence)));
    }
    for c in &x.changes {
        if let Some(id) = &c.terms_of_reference {
            values.push((c.from, id.clone(), reports(id, &c.evidence)));
        }
    }
    let entries: Vec<scrutineer_graph::as_of::Entry<'_, String>> = values
        .iter()
        .map(|(from, id, evidence)| scrutineer_graph::as_of::Entry {
            from: from.or_else(|| {
                doc(id).and_then(|i| v.produced(i).into_iter().min_by_key(|w| w.earliest()))
            }),
            value: id.clone(),
            evidence,
        })
        .collect();
    let value = v.value(&entries, State::GroupSettings);
    let id = match value {
        Value::Known(id) => Some(id),
        Value::Unsettled {
            last: Some((id, _)),
        } if last_known => Some(id),
        _ => None,
    };
    match id.as_deref().and_then(|id| v.graph.node(id)) {
        Some(NodeKey::Document(i)) => Dynamic::from(Document::new(v, i)),
        _ => Dynamic::UNIT,
    }
}

/// The chair's (or vice chair's) name: the group's field on the date, else a member holding the
/// role; `""` when recorded vacant.
fn office(g: &Group, vice: bool) -> Dynamic {
    let v = &g.view;
    let field = if vice {
        setting(
            g,
            |x| x.vice_chair.clone(),
            |c| c.vice_chair.clone(),
            State::GroupOfficers,
        )
    } else {
        setting(
            g,
            |x| x.chair.clone(),
            |c| c.chair.clone(),
            State::GroupOfficers,
        )
    };
    if let Some(id) = field {
        if id.trim().is_empty() {
            return Dynamic::from(String::new());
        }
        if let Some(k) = v.graph.node(&id) {
            return Dynamic::from(v.graph.name_of(k).to_string());
        }
    }
    let role = if vice { Role::ViceChair } else { Role::Chair };
    seats(v, g.index)
        .find(|&i| v.graph.data.memberships[i].role == role)
        .and_then(|i| v.graph.node(&v.graph.data.memberships[i].member))
        .map(|k| Dynamic::from(v.graph.name_of(k).to_string()))
        .unwrap_or(Dynamic::UNIT)
}

/// The organisation holding the chair: the chair itself when it is an organisation, else the
/// chair's own organisation; `()` when neither is recorded.
fn chair_body(g: &Group) -> Dynamic {
    let v = &g.view;
    let id = setting(
        g,
        |x| x.chair.clone(),
        |c| c.chair.clone(),
        State::GroupOfficers,
    )
    .or_else(|| {
        seats(v, g.index)
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
/// attending on its behalf; "absent" when the attendance is complete and it is not on the
/// list; `None` when the minutes do not say.
pub(super) fn attendance(view: &View, meeting: usize, key: NodeKey) -> Option<AttendanceStatus> {
    let mt = &view.graph.data.meetings[meeting];
    let best = mt
        .attendance
        .iter()
        .filter(|a| counts_for(view, &a.member, key))
        .map(|a| a.status)
        .min();
    match best {
        Some(s) => Some(s),
        None if view.complete(ListKind::Attendance, &mt.id) => Some(AttendanceStatus::Absent),
        None => None,
    }
}

/// Attendance of a member over the group's last `last` held meetings on or before the date:
/// `#{ recorded, attended, meetings }`.
fn attendance_summary(g: &Group, key: NodeKey, last: usize) -> Dynamic {
    let v = &g.view;
    let held = held_meetings(v, g.index);
    let recent = &held[held.len().saturating_sub(last)..];
    summary(v, recent, key, None)
}

/// Meetings of the group that took place on or before the date, oldest first.
fn held_meetings(v: &View, group: usize) -> Vec<usize> {
    let d = &v.graph.data;
    let mut held: Vec<usize> = v
        .graph
        .meetings_of_group(group)
        .into_iter()
        .filter(|&i| {
            let m = &d.meetings[i];
            v.event(m.date, &m.evidence) == Tri::Yes && m.status.took_place()
        })
        .collect();
    held.sort_by_key(|&i| (d.meetings[i].date.latest(), i));
    held
}

fn summary(v: &Arc<View>, meetings: &[usize], key: NodeKey, enough: Option<i64>) -> Dynamic {
    let (mut recorded, mut attended) = (0i64, 0i64);
    let mut counted = Vec::new();
    for &i in meetings {
        match attendance(v, i, key) {
            Some(AttendanceStatus::Present | AttendanceStatus::Substitute) => {
                recorded += 1;
                attended += 1;
                counted.push(i);
            }
            Some(_) => {
                recorded += 1;
                counted.push(i);
            }
            None => {}
        }
    }
    let mut map = rhai::Map::new();
    map.insert("recorded".into(), Dynamic::from(recorded));
    map.insert("attended".into(), Dynamic::from(attended));
    map.insert(
        "meetings".into(),
        Dynamic::from(array(counted.iter().map(|&i| Meeting::new(v, i)))),
    );
    if let Some(n) = enough {
        map.insert("enough".into(), Dynamic::from(recorded >= n));
        map.insert("minimum".into(), Dynamic::from(n));
    }
    Dynamic::from(map)
}

/// Attendance of a member at the group's meetings in the `months` to the date: a pattern is
/// judged only from [`MIN_PATTERN`] meetings with recorded attendance (`enough`).
fn attendance_pattern(g: &Group, key: NodeKey, months: i64) -> Dynamic {
    let v = &g.view;
    let w = v.meetings_between(g.index, v.as_of.add_months(-months.abs()), v.as_of);
    summary(v, &w.surely, key, Some(MIN_PATTERN))
}

pub(super) fn meetings_window(
    g: &Group,
    from: scrutineer_graph::Date,
    to: scrutineer_graph::Date,
) -> ScriptWindow {
    let v = &g.view;
    let w = v.meetings_between(g.index, from, to);
    ScriptWindow::from(
        w,
        |&i| Dynamic::from(Meeting::new(v, i)),
        format!(
            "the minutes of {}'s meetings {}",
            g.rec().name,
            period(from, to)
        ),
    )
}

pub(super) fn register(engine: &mut Engine) {
    engine
        .register_type_with_name::<Group>("Group")
        .register_get("id", |g: &mut Group| g.rec().id.clone())
        .register_get("name", |g: &mut Group| {
            setting(
                g,
                |x| Some(x.name.clone()),
                |c| c.name.clone(),
                State::Identity,
            )
            .unwrap_or_else(|| g.rec().name.clone())
        })
        .register_get("kind", |g: &mut Group| {
            super::partnership::group_kind(&g.view, g.index)
                .as_str()
                .to_string()
        })
        .register_get("is_subgroup", |g: &mut Group| {
            matches!(
                super::partnership::group_kind(&g.view, g.index),
                GroupKind::Subgroup | GroupKind::TaskGroup | GroupKind::OperationalGroup
            )
        })
        .register_get("chair", |g: &mut Group| office(g, false))
        .register_get("chair_body", |g: &mut Group| chair_body(g))
        .register_get("from", |g: &mut Group| opt(g.rec().from))
        .register_get("to", |g: &mut Group| opt(g.rec().to))
        .register_get("vice_chair", |g: &mut Group| office(g, true))
        .register_get("quorum", |g: &mut Group| {
            opt(setting(g, |x| x.quorum, |c| c.quorum, State::GroupSettings).map(i64::from))
        })
        .register_get("meetings_per_year", |g: &mut Group| {
            opt(setting(
                g,
                |x| x.meetings_per_year,
                |c| c.meetings_per_year,
                State::GroupSettings,
            )
            .map(i64::from))
        })
        .register_get("suspended", |g: &mut Group| {
            let x = g.rec();
            match x.suspended_from {
                None => Dynamic::FALSE,
                // A suspension is a state like any other: known as reported, then stale.
                Some(_) => tri(g
                    .view
                    .state(
                        x.suspended_from,
                        x.suspended_to,
                        &x.evidence,
                        State::GroupSettings,
                    )
                    .tri()),
            }
        })
        .register_get("councils", |g: &mut Group| {
            super::reviews::handles(&g.view, &g.rec().councils)
        })
        .register_get("in_being", |g: &mut Group| tri(g.view.in_being(g.index)))
        .register_get("designation", |g: &mut Group| {
            opt(g.rec().designation.map(|d| d.as_str().to_string()))
        })
        .register_get("members_complete", |g: &mut Group| {
            tri(g.view.members_complete(&g.rec().id))
        })
        .register_get("members_listed_in_full", |g: &mut Group| {
            g.view.members_complete(&g.rec().id) == Tri::Yes
        })
        .register_get("meetings_listed_in_full", |g: &mut Group| {
            let v = &g.view;
            v.events_complete(
                ListKind::Meetings,
                Some(&g.rec().id),
                None,
                g.rec()
                    .from
                    .map_or(scrutineer_graph::Date::FAR_PAST, |f| f.earliest()),
                v.as_of,
            )
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
        .register_get("terms_of_reference", |g: &mut Group| terms(g, false))
        .register_get("terms_of_reference_last_known", |g: &mut Group| {
            terms(g, true)
        })
        .register_fn("memberships", |g: &mut Group| {
            let v = Arc::clone(&g.view);
            array(
                seats(&v, g.index)
                    .map(|i| Membership::new(&v, i))
                    .collect::<Vec<_>>(),
            )
        })
        .register_fn("uncertain_memberships", |g: &mut Group| {
            let v = Arc::clone(&g.view);
            let maybe: Vec<Membership> = v
                .graph
                .memberships_of_group(g.index)
                .into_iter()
                .filter(|&i| v.seat(i) == Support::Maybe)
                .map(|i| Membership::new(&v, i))
                .collect();
            array(maybe)
        })
        .register_fn("membership_of", |g: &mut Group, who: Dynamic| {
            let Some(key) = member_key(&who) else {
                return Dynamic::UNIT;
            };
            let v = Arc::clone(&g.view);
            seats(&v, g.index)
                .find(|&i| counts_for(&v, &v.graph.data.memberships[i].member, key))
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
            let d = &v.graph.data;
            let mut rows: Vec<usize> = v
                .graph
                .meetings_of_group(g.index)
                .into_iter()
                .filter(|&i| v.event(d.meetings[i].date, &d.meetings[i].evidence) == Tri::Yes)
                .collect();
            rows.sort_by_key(|&i| (d.meetings[i].date.latest(), i));
            array(rows.into_iter().map(|i| Meeting::new(v, i)))
        })
        .register_fn("meetings_within", |g: &mut Group, months: i64| {
            let to = g.view.as_of;
            meetings_window(g, to.add_months(-months.abs()), to)
        })
        .register_fn(
            "meetings_between",
            |g: &mut Group, from: scrutineer_graph::Date, to: scrutineer_graph::Date| {
                meetings_window(g, from, to)
            },
        )
        .register_fn("reviews_within", |g: &mut Group, months: i64| {
            let v = &g.view;
            let from = v.as_of.add_months(-months.abs());
            let w = v.reviews_between(Some(&g.rec().id), from, v.as_of);
            ScriptWindow::from(
                w,
                |&i| Dynamic::from(super::Review::new(v, i)),
                format!(
                    "{}'s reviews of the partnership {}",
                    g.rec().name,
                    period(from, v.as_of)
                ),
            )
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
        .register_fn(
            "attendance_pattern",
            |g: &mut Group, who: Dynamic, months: i64| -> Dynamic {
                let Some(key) = member_key(&who) else {
                    return Dynamic::UNIT;
                };
                attendance_pattern(g, key, months)
            },
        )
        .register_fn("==", |a: Group, b: Group| a.index == b.index)
        .register_fn("!=", |a: Group, b: Group| a.index != b.index)
        .register_fn("to_string", |g: &mut Group| g.rec().name.clone());

    engine
        .register_type_with_name::<Membership>("Membership")
        .register_get("member", |m: &mut Membership| {
            node_handle(&m.view, &m.rec().member)
        })
        .register_get("member_id", |m: &mut Membership| m.rec().member.clone())
        .register_get("body", |m: &mut Membership| {
            // The organisation the seat is held for: the member, or a person's organisation.
            let v = &m.view;
            let org = |id: &str| match v.graph.node(id) {
                Some(NodeKey::Organisation(i)) => Dynamic::from(Org::new(v, i)),
                _ => Dynamic::UNIT,
            };
            match v.graph.node(&m.rec().member) {
                Some(NodeKey::Person(p)) => v.graph.data.people[p]
                    .organisation
                    .as_deref()
                    .map_or(Dynamic::UNIT, org),
                _ => org(&m.rec().member),
            }
        })
        .register_get("member_name", |m: &mut Membership| {
            let x = m.rec();
            m.view
                .graph
                .node(&x.member)
                .map(|k| m.view.graph.name_of(k).to_string())
                .unwrap_or_else(|| x.member.clone())
        })
        .register_get("group", |m: &mut Membership| {
            node_handle(&m.view, &m.rec().group)
        })
        .register_get("role", |m: &mut Membership| {
            m.rec().role.as_str().to_string()
        })
        .register_get("senior", |m: &mut Membership| opt(m.rec().senior))
        .register_get("status", |m: &mut Membership| {
            opt_str(m.rec().status.map(|s| s.as_str()))
        })
        .register_get("participating", |m: &mut Membership| {
            opt(m.rec().status.map(|s| s == Participation::Participating))
        })
        .register_get("from", |m: &mut Membership| opt(m.rec().from))
        .register_get("to", |m: &mut Membership| opt(m.rec().to));

    engine
        .register_type_with_name::<Meeting>("Meeting")
        .register_get("id", |m: &mut Meeting| m.rec().id.clone())
        .register_get("date", |m: &mut Meeting| m.rec().date)
        .register_get("status", |m: &mut Meeting| {
            m.rec().status.as_str().to_string()
        })
        .register_get("held", |m: &mut Meeting| m.rec().status.took_place())
        .register_get("group", |m: &mut Meeting| {
            node_handle(&m.view, &m.rec().group)
        })
        .register_get("items", |m: &mut Meeting| {
            array(m.rec().items.iter().cloned())
        })
        .register_get("attendance_complete", |m: &mut Meeting| {
            m.view.complete(ListKind::Attendance, &m.rec().id)
        })
        .register_get("attendance_listed_in_full", |m: &mut Meeting| {
            m.view.complete(ListKind::Attendance, &m.rec().id)
        })
        .register_get("held_in_public", |m: &mut Meeting| opt(m.rec().public))
        .register_get("present_count", |m: &mut Meeting| {
            m.rec()
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
