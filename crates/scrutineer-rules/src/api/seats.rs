//! Seats on groups: whether a body holds one on the date, and the shared core of the seat
//! rules.
//!
//! ```text
//! let s = g.seat_of(org);
//! s.held           // true: a seat in force (its own, or a person's seated for it);
//!                  // false: the seat is recorded vacant or declined, or the body is missing
//!                  //        from a membership list declared complete and fresh on the date;
//!                  // (): the records cannot settle it (no record, an uncertain date, or the
//!                  //     last record of it is stale)
//! s.membership     // the seat (Membership) that shows it, or ()
//! s.participating  // true, false or (): the seat's recorded participation
//! s.why            // the answer in a sentence, for the message
//! s.request        // the record to ask for when the answer is ()
//! s.evidence       // what it rests on, for the outcome
//! s.fact           // "seat:<group>:<body>": the fact behind every rule that judges this seat
//!
//! p.seat_outcomes("fire_and_rescue_authority", "a fire and rescue authority")
//! p.seat_outcomes(["district_council", "unitary_council"], "the council for the area")
//! ```
//!
//! `seat_outcomes` gives, for each organisation of the kind that exists on the date, the seat on
//! the strategy group as an outcome: pass when held, fail when not, unknown when the records
//! cannot tell; and when no organisation of the kind is recorded, one outcome for the
//! partnership (fail only if the group's members are listed in full and fresh).

use std::sync::Arc;

use rhai::{Array, Dynamic, Engine};
use scrutineer_graph::as_of::{State, Support};
use scrutineer_graph::model::{AttendanceStatus, GroupKind, Participation};
use scrutineer_graph::{NodeKey, Tri, When};

use super::groups::counts_for;
use super::outcomes::{EvidenceRef, ScriptOutcome};
use super::{Group, Membership, Org, Partnership, View, array, tri};
use crate::outcome::Outcome;

/// A body's seat on a group as a script sees it.
#[derive(Clone)]
pub struct Seat {
    pub held: Tri,
    pub membership: Option<usize>,
    pub participating: Option<bool>,
    pub why: String,
    pub request: String,
    pub evidence: Vec<EvidenceRef>,
    pub fact: String,
    view: Arc<View>,
}

/// A body recorded at a meeting of a group: present, or represented by a substitute.
#[derive(Clone)]
struct Attended {
    meeting: usize,
    date: When,
    /// The person it attended through, when not itself.
    through: Option<String>,
    substitute: bool,
    support: Support,
}

impl Attended {
    /// "recorded present at its meeting of 16 October 2025", for messages.
    fn words(&self) -> String {
        let how = if self.substitute {
            "represented by a substitute"
        } else {
            "recorded present"
        };
        let through = self
            .through
            .as_ref()
            .map(|p| format!(" through {p}"))
            .unwrap_or_default();
        let when = if self.date.is_exact() {
            format!("of {}", self.date.long())
        } else {
            format!("held {}", self.date.on_long())
        };
        format!("{how}{through} at its meeting {when}")
    }
}

/// The body's recorded attendance at the group's meetings that took place, each with what it
/// shows of the seat on the date (a seat goes stale as any other: [`State::Seat`]). Only
/// positive evidence: present, or a substitute for it; apologies and absence show nothing
/// either way. A person counts for the organisation they belong to.
fn attendance(view: &View, group: usize, org: NodeKey) -> Vec<Attended> {
    let d = &view.graph.data;
    let mut out = Vec::new();
    for mi in view.graph.meetings_of_group(group) {
        let m = &d.meetings[mi];
        if !m.status.took_place() {
            continue;
        }
        // The body itself before a person of it, and present before a substitute.
        let best = m
            .attendance
            .iter()
            .filter(|a| {
                matches!(
                    a.status,
                    AttendanceStatus::Present | AttendanceStatus::Substitute
                )
            })
            .filter(|a| counts_for(view, &a.member, org))
            .min_by_key(|a| {
                (
                    a.status != AttendanceStatus::Present,
                    view.graph.node(&a.member) != Some(org),
                )
            });
        let Some(a) = best else { continue };
        let support = view.shown_by_event(m.date, &m.evidence, State::Seat);
        if support == Support::No {
            continue;
        }
        out.push(Attended {
            meeting: mi,
            date: m.date,
            through: match view.graph.node(&a.member) {
                Some(k @ NodeKey::Person(p)) if k != org => Some(d.people[p].name.clone()),
                _ => None,
            },
            substitute: a.status == AttendanceStatus::Substitute,
            support,
        });
    }
    out
}

/// Whether the body `org` (an organisation) holds a seat on `group` on the date.
pub(crate) fn seat_of(view: &Arc<View>, group: usize, org: NodeKey) -> Seat {
    let d = &view.graph.data;
    let g = &d.groups[group];
    let org_name = match org {
        NodeKey::Organisation(i) => super::organisations::name_on(view, i),
        _ => view.graph.name_of(org).to_string(),
    };
    let group_name = g.name.clone();
    let day = view.as_of.long();
    let request = format!("the membership of {group_name} on {day}");
    let fact = format!("seat:{}:{}", g.id, view.graph.id_of(org));
    let mine: Vec<usize> = view
        .graph
        .memberships_of_group(group)
        .into_iter()
        .filter(|&m| counts_for(view, &d.memberships[m].member, org))
        .collect();
    let support: Vec<(usize, Support)> = mine.iter().map(|&m| (m, view.seat(m))).collect();
    let seat =
        |held: Tri, membership: Option<usize>, why: String, evidence: Vec<EvidenceRef>| Seat {
            held,
            membership,
            participating: membership
                .and_then(|m| d.memberships[m].status)
                .map(|s| s == Participation::Participating),
            why,
            request: request.clone(),
            evidence,
            fact: fact.clone(),
            view: Arc::clone(view),
        };
    let via = |m: usize| match view.graph.node(&d.memberships[m].member) {
        Some(NodeKey::Person(p)) => format!(" through {}", d.people[p].name),
        _ => String::new(),
    };
    let current: Vec<usize> = support
        .iter()
        .filter(|(_, s)| *s == Support::Yes)
        .map(|(m, _)| *m)
        .collect();
    if !current.is_empty() {
        let closed = |m: &usize| {
            matches!(
                d.memberships[*m].status,
                Some(Participation::Declined | Participation::Vacant)
            )
        };
        // The body's own seat before a person's, and an open seat before a closed one.
        let mut order = current.clone();
        order.sort_by_key(|m| {
            (
                closed(m),
                d.memberships[*m].member != view.graph.id_of(org),
                *m,
            )
        });
        let m = order[0];
        return if closed(&m) {
            let why = if d.memberships[m].status == Some(Participation::Vacant) {
                format!("the seat of {org_name} on {group_name} is recorded as vacant")
            } else {
                format!("{org_name} is recorded as having declined its seat on {group_name}")
            };
            seat(Tri::No, Some(m), why, vec![EvidenceRef::Membership(m)])
        } else {
            seat(
                Tri::Yes,
                Some(m),
                format!("{org_name} sits on {group_name}{}", via(m)),
                vec![EvidenceRef::Membership(m)],
            )
        };
    }
    // Recorded present at a meeting of the group: a seat on the meeting's day, fresh for the
    // seat's horizon. It does not outweigh a membership list declared complete on or after
    // that day which leaves the body out.
    let attended = attendance(view, group, org);
    let (complete, declaration) = view.members_complete_by(&g.id);
    let latest = |s: &dyn Fn(&Attended) -> bool| {
        attended
            .iter()
            .filter(|a| s(a))
            .max_by_key(|a| (a.date.latest(), a.date.earliest(), a.through.is_none()))
            .cloned()
    };
    // A seat of the body recorded as ending on or after the meeting, by the day, outweighs it.
    let ended_since = |a: &Attended| {
        mine.iter().any(|&m| {
            d.memberships[m]
                .to
                .is_some_and(|t| t.latest() >= a.date.earliest() && t.earliest() <= view.as_of)
        })
    };
    if let Some(a) = latest(&|a| {
        a.support == Support::Yes
            && !ended_since(a)
            && (complete != Tri::Yes
                || declaration
                    .and_then(|i| declared_through(view, i))
                    .is_some_and(|t| a.date.earliest() > t))
    }) {
        return seat(
            Tri::Yes,
            None,
            format!("{org_name} sits on {group_name}, {}", a.words()),
            vec![EvidenceRef::Node(NodeKey::Meeting(a.meeting))],
        );
    }
    if let Some((m, _)) = support.iter().find(|(_, s)| *s == Support::Maybe) {
        let since = d.memberships[*m]
            .from
            .map(|w| format!(" (its seat is recorded from {})", w.long()))
            .unwrap_or_default();
        return seat(
            Tri::Maybe,
            None,
            format!(
                "the records do not settle whether {org_name} sat on {group_name} on {day}{since}"
            ),
            vec![EvidenceRef::Membership(*m)],
        );
    }
    // A list made before the body was a responsible authority, or before it existed, cannot
    // show that it has no seat.
    let since = match org {
        NodeKey::Organisation(i) => {
            let o = &d.organisations[i];
            let kind = super::organisations::kind_on(view, i);
            crate::law::responsible_since(kind, d.nation, view.as_of)
                .into_iter()
                .chain(o.from.map(|w| w.as_start().1))
                .max()
        }
        _ => None,
    };
    let predates = since.zip(declaration).and_then(|(since, i)| {
        declared_through(view, i)
            .filter(|through| *through < since)
            .map(|_| since)
    });
    if let (Tri::Yes, Some(since)) = (complete, predates) {
        let listed = declaration
            .map(|i| declared_on(view, i))
            .unwrap_or_default();
        return seat(
            Tri::Maybe,
            None,
            format!(
                "the members of {group_name} are listed in full{listed}, before {org_name} could sit on it as a responsible authority (from {}); whether it does since is not recorded",
                since.long()
            ),
            vec![EvidenceRef::Node(org)],
        );
    }
    if complete == Tri::Yes {
        let listed = declaration
            .map(|i| declared_on(view, i))
            .unwrap_or_default();
        let mut evidence = vec![
            EvidenceRef::Node(NodeKey::Group(group)),
            EvidenceRef::Node(org),
        ];
        if let Some(i) = declaration {
            evidence.insert(0, EvidenceRef::Declaration(i));
        }
        return seat(
            Tri::No,
            None,
            format!(
                "{org_name} is not among the members of {group_name}, which the records list in full{listed}"
            ),
            evidence,
        );
    }
    // The latest of the last membership record and the last attendance, when neither shows the
    // seat on the day.
    let stale = support
        .iter()
        .rfind(|(_, s)| matches!(s, Support::Stale { .. }));
    let last_attended = latest(&|a| matches!(a.support, Support::Maybe | Support::Stale { .. }));
    if let Some(a) = last_attended.filter(|a| match stale {
        Some((_, Support::Stale { last })) => {
            (a.date.latest(), a.date.earliest()) > (last.latest(), last.earliest())
        }
        _ => true,
    }) {
        let why = if a.support == Support::Maybe {
            format!(
                "the records do not settle whether {org_name} sat on {group_name} on {day}: it was last {}",
                a.words()
            )
        } else {
            format!(
                "{org_name} was last recorded on {group_name}, {}; whether it still sits on it is not recorded",
                a.words()
            )
        };
        return seat(
            Tri::Maybe,
            None,
            why,
            vec![EvidenceRef::Node(NodeKey::Meeting(a.meeting))],
        );
    }
    if let Some((m, Support::Stale { last })) = stale {
        return seat(
            Tri::Maybe,
            None,
            format!(
                "{org_name} was last recorded on {group_name} {}; whether it still sits on it is not recorded",
                last.on_long()
            ),
            vec![EvidenceRef::Membership(*m)],
        );
    }
    let why = if complete == Tri::Maybe {
        format!(
            "the records do not settle whether the membership of {group_name} they list in full covers {day}"
        )
    } else {
        format!("no record of whether {org_name} sits on {group_name}")
    };
    seat(Tri::Maybe, None, why, vec![EvidenceRef::Node(org)])
}

/// The last day a declaration speaks for: its day, the end of its period, or the date of the
/// latest paper it cites.
pub(crate) fn declared_through(view: &View, i: usize) -> Option<scrutineer_graph::Date> {
    let c = &view.graph.declarations()[i];
    c.on.or(c.to)
        .map(|w| w.latest())
        .or_else(|| match view.reported(&c.evidence) {
            scrutineer_graph::as_of::Reported::Reports { last, .. } => Some(last.1),
            _ => None,
        })
}

/// " on 20 October 2016": when a declaration says the list is complete, for messages.
pub(crate) fn declared_on(view: &View, i: usize) -> String {
    let c = &view.graph.declarations()[i];
    if let Some(on) = c.on {
        return format!(" {}", on.on_long());
    }
    match (c.from, c.to) {
        (Some(f), Some(t)) => format!(" from {} to {}", f.long(), t.long()),
        _ => match view.reported(&c.evidence).last_when() {
            Some(w) => format!(" {}", w.on_long()),
            None => String::new(),
        },
    }
}

fn outcome(
    outcome: Outcome,
    subject: (&str, &str),
    message: String,
    evidence: Vec<EvidenceRef>,
    request: Option<String>,
    fact: Option<String>,
) -> Dynamic {
    Dynamic::from(ScriptOutcome {
        outcome,
        subject: (subject.0.to_string(), subject.1.to_string()),
        message,
        evidence,
        severity: None,
        request,
        fact,
    })
}

/// The seat outcomes for every organisation of `kinds` that exists on the date.
fn seat_outcomes(view: &Arc<View>, kinds: &[String], label: &str) -> Array {
    let g = &view.graph;
    let d = &g.data;
    let Some(gi) = super::partnership::first_group(view, GroupKind::StrategyGroup) else {
        return vec![outcome(
            Outcome::Unknown,
            (&d.id, &d.name),
            format!("no strategy group is recorded, so whether {label} sits on it cannot be told"),
            vec![EvidenceRef::Node(NodeKey::Partnership)],
            Some("the partnership's strategy group (its board) and its members".into()),
            None,
        )];
    };
    let sg = &d.groups[gi];
    let orgs: Vec<usize> = super::partnership::organisations(view)
        .filter(|o| {
            kinds
                .iter()
                .any(|k| k == super::organisations::kind(o).as_str())
        })
        .map(|o| o.index)
        .collect();
    if orgs.is_empty() {
        // A body of the kind whose dates leave it uncertain whether it exists on the day may
        // be the one that holds the seat: no failure rests on its absence.
        let kind_matches = |o: &super::Org| {
            kinds
                .iter()
                .any(|k| k == super::organisations::kind(o).as_str())
        };
        if let Some(o) = (0..d.organisations.len())
            .filter(|&i| view.exists(NodeKey::Organisation(i)) == Tri::Maybe)
            .map(|i| super::Org::new(view, i))
            .find(kind_matches)
        {
            let name = super::organisations::name_on(view, o.index);
            return vec![outcome(
                Outcome::Unknown,
                (&d.id, &d.name),
                format!(
                    "the records leave it uncertain whether {name} existed on {}, so whether {label} sits on {} cannot be told",
                    view.as_of.long(),
                    sg.name
                ),
                vec![
                    EvidenceRef::Node(NodeKey::Organisation(o.index)),
                    EvidenceRef::Node(NodeKey::Group(gi)),
                ],
                Some(format!("the dates {name} began and ceased to exist")),
                Some(format!("seat:{}:{}", sg.id, kinds.join("|"))),
            )];
        }
        let (complete, declaration) = view.members_complete_by(&sg.id);
        // As for one body: a list made before this kind of body was a responsible authority
        // cannot show that none sits.
        let since = kinds
            .iter()
            .filter_map(|k| scrutineer_graph::model::OrgKind::from_name(k))
            .filter_map(|k| crate::law::responsible_since(k, d.nation, view.as_of))
            .max();
        let predates = since
            .zip(declaration)
            .is_some_and(|(since, i)| declared_through(view, i).is_some_and(|t| t < since));
        return vec![if complete == Tri::Yes && !predates {
            let listed = declaration
                .map(|i| declared_on(view, i))
                .unwrap_or_default();
            outcome(
                Outcome::Fail,
                (&sg.id, &sg.name),
                format!(
                    "{label} is not among the members of {}, which the records list in full{listed}",
                    sg.name
                ),
                declaration
                    .map(EvidenceRef::Declaration)
                    .into_iter()
                    .chain([EvidenceRef::Node(NodeKey::Group(gi))])
                    .collect(),
                None,
                Some(format!("seat:{}:{}", sg.id, kinds.join("|"))),
            )
        } else {
            outcome(
                Outcome::Unknown,
                (&d.id, &d.name),
                format!(
                    "no record of {label} for the partnership, or of whether it sits on {}",
                    sg.name
                ),
                vec![EvidenceRef::Node(NodeKey::Group(gi))],
                Some(format!(
                    "the membership of {} on {}",
                    sg.name,
                    view.as_of.long()
                )),
                Some(format!("seat:{}:{}", sg.id, kinds.join("|"))),
            )
        }];
    }
    orgs.into_iter()
        .map(|oi| {
            let key = NodeKey::Organisation(oi);
            let s = seat_of(view, gi, key);
            let o = &d.organisations[oi];
            let (result, request) = match s.held {
                Tri::Yes => (Outcome::Pass, None),
                Tri::No => (Outcome::Fail, None),
                Tri::Maybe => (Outcome::Unknown, Some(s.request.clone())),
            };
            let name = super::organisations::name_on(view, oi);
            outcome(
                result,
                (&o.id, &name),
                s.why,
                s.evidence,
                request,
                Some(s.fact),
            )
        })
        .collect()
}

pub(super) fn register(engine: &mut Engine) {
    engine
        .register_type_with_name::<Seat>("Seat")
        .register_get("held", |s: &mut Seat| tri(s.held))
        .register_get("membership", |s: &mut Seat| {
            s.membership
                .map(|m| Dynamic::from(Membership::new(&s.view, m)))
                .unwrap_or(Dynamic::UNIT)
        })
        .register_get("participating", |s: &mut Seat| {
            s.participating.map(Dynamic::from).unwrap_or(Dynamic::UNIT)
        })
        .register_get("status", |s: &mut Seat| {
            s.membership
                .and_then(|m| s.view.graph.data.memberships[m].status)
                .map(|x| Dynamic::from(x.as_str().to_string()))
                .unwrap_or(Dynamic::UNIT)
        })
        .register_get("why", |s: &mut Seat| s.why.clone())
        .register_get("request", |s: &mut Seat| s.request.clone())
        .register_get("fact", |s: &mut Seat| s.fact.clone())
        .register_get("evidence", |s: &mut Seat| {
            array(
                s.evidence
                    .iter()
                    .map(|e| super::outcomes::EvidenceHandle(*e)),
            )
        })
        .register_fn("seat_of", |g: &mut Group, who: Dynamic| {
            let key = match super::groups::member_key(&who) {
                Some(k) => k,
                None => return Dynamic::UNIT,
            };
            Dynamic::from(seat_of(&g.view, g.index, key))
        })
        .register_fn("seat_of", |g: &mut Group, org: Org| {
            seat_of(&g.view, g.index, NodeKey::Organisation(org.index))
        })
        .register_fn(
            "seat_outcomes",
            |p: &mut Partnership, kind: &str, label: &str| {
                seat_outcomes(&p.view, &[kind.to_string()], label)
            },
        )
        .register_fn(
            "seat_outcomes",
            |p: &mut Partnership, kinds: Array, label: &str| {
                let kinds: Vec<String> = kinds
                    .into_iter()
                    .filter_map(|k| k.into_string().ok())
                    .collect();
                seat_outcomes(&p.view, &kinds, label)
            },
        );
}
