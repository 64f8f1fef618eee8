//! Responsible authorities' seats on the strategy group, the shared core of the
//! `CDA-S5-RA-*` rules.
//!
//! ```text
//! p.seat_outcomes("fire_and_rescue_authority", "a fire and rescue authority")
//! p.seat_outcomes(["district_council", "unitary_council"], "the council for the area")
//! ```
//!
//! For each organisation of the kind in force on the date: `pass` when it has a seat on the
//! strategy group; `fail` when the records show the seat declined or vacant, or the group's
//! members are listed in full and it is not among them;
//! `unknown` otherwise. When no organisation of the kind is recorded, one outcome for the
//! partnership: `fail` if the members are listed in full (so none of them is of that kind),
//! else `unknown`.

use std::sync::Arc;

use rhai::{Array, Dynamic, Engine};
use scrutineer_graph::NodeKey;
use scrutineer_graph::model::{GroupKind, Participation};

use super::outcomes::{EvidenceRef, ScriptOutcome};
use super::{Partnership, View};
use crate::outcome::Outcome;

fn outcome(
    outcome: Outcome,
    subject: (&str, &str),
    message: String,
    evidence: Vec<EvidenceRef>,
) -> Dynamic {
    Dynamic::from(ScriptOutcome {
        outcome,
        subject: (subject.0.to_string(), subject.1.to_string()),
        message,
        evidence,
        severity: None,
    })
}

fn seat_outcomes(view: &Arc<View>, kinds: &[String], label: &str) -> Array {
    let g = &view.graph;
    let d = &g.data;
    let group = d
        .groups
        .iter()
        .position(|x| x.kind == GroupKind::StrategyGroup && view.in_force(x.from, x.to));
    let Some(gi) = group else {
        return vec![outcome(
            Outcome::Unknown,
            (&d.id, &d.name),
            format!("no strategy group is recorded, so whether {label} sits on it cannot be told"),
            vec![EvidenceRef::Node(NodeKey::Partnership)],
        )];
    };
    let sg = &d.groups[gi];
    let orgs: Vec<usize> = (0..d.organisations.len())
        .filter(|&i| {
            let o = &d.organisations[i];
            kinds.iter().any(|k| k == o.kind.as_str()) && view.in_force(o.from, o.to)
        })
        .collect();
    let seats: Vec<usize> = g
        .memberships_of_group(gi)
        .into_iter()
        .filter(|&m| view.in_force(d.memberships[m].from, d.memberships[m].to))
        .collect();
    if orgs.is_empty() {
        return vec![if sg.members_listed_in_full {
            outcome(
                Outcome::Fail,
                (&sg.id, &sg.name),
                format!(
                    "{label} is not among the members of {}, which the records list in full",
                    sg.name
                ),
                vec![EvidenceRef::Node(NodeKey::Group(gi))],
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
            )
        }];
    }
    orgs.into_iter()
        .map(|oi| {
            let o = &d.organisations[oi];
            // A person seated for the organisation counts as its seat.
            let seat = seats
                .iter()
                .copied()
                .find(|&m| match g.node(&d.memberships[m].member) {
                    Some(NodeKey::Organisation(x)) => x == oi,
                    Some(NodeKey::Person(p)) => {
                        d.people[p].organisation.as_deref() == Some(o.id.as_str())
                    }
                    _ => false,
                });
            let declined = seat
                .and_then(|m| d.memberships[m].status)
                .filter(|s| matches!(s, Participation::Declined | Participation::Vacant));
            match seat {
                Some(m) if declined.is_some() => outcome(
                    Outcome::Fail,
                    (&o.id, &o.name),
                    if declined == Some(Participation::Vacant) {
                        format!(
                            "the seat of {} on {} is recorded as vacant",
                            o.name, sg.name
                        )
                    } else {
                        format!(
                            "{} is recorded as having declined its seat on {}",
                            o.name, sg.name
                        )
                    },
                    vec![EvidenceRef::Membership(m)],
                ),
                Some(m) => outcome(
                    Outcome::Pass,
                    (&o.id, &o.name),
                    format!("{} sits on {}", o.name, sg.name),
                    vec![EvidenceRef::Membership(m)],
                ),
                None if sg.members_listed_in_full => outcome(
                    Outcome::Fail,
                    (&o.id, &o.name),
                    format!(
                        "{} is not among the members of {}, which the records list in full",
                        o.name, sg.name
                    ),
                    vec![
                        EvidenceRef::Node(NodeKey::Group(gi)),
                        EvidenceRef::Node(NodeKey::Organisation(oi)),
                    ],
                ),
                None => outcome(
                    Outcome::Unknown,
                    (&o.id, &o.name),
                    format!("no record of whether {} sits on {}", o.name, sg.name),
                    vec![EvidenceRef::Node(NodeKey::Organisation(oi))],
                ),
            }
        })
        .collect()
}

pub(super) fn register(engine: &mut Engine) {
    engine
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
