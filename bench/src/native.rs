//! Five rules hand-written in Rust over the typed graph: the floor the rhai rules are measured
//! against. Each follows its rule file exactly (subjects, outcomes and messages), so that the
//! benchmark compares like with like; parity with the rhai rules is checked before any timing.
//!
//! The time model is the graph crate's: every "as of" question (is a record reported yet, is a
//! state fresh, which value of a history holds, is a seat in force, is a membership list
//! complete) goes to [`View`], and every comparison of a partial date is one of [`When`]'s
//! three-valued ones. What is written here is the rules' own classification, the same algorithm
//! the script API's scans run, so the comparison is "the same rule in plain Rust".

use std::sync::Arc;

use scrutineer_graph::as_of::{Reported, State, Support, Value, View, history};
use scrutineer_graph::model::*;
use scrutineer_graph::{Date, Graph, NodeKey, Tri, When};
use scrutineer_rules::law;

use crate::Answer;

/// One native result: rule, subject, outcome, message.
pub type Row = (String, String, &'static str, String);

/// Whether a document certainly exists on the day (yes), certainly not yet (no), or cannot be
/// told: reported by a source read, and produced (completed, presented, approved or published)
/// by the day, or, with none of those, its period begun.
fn document_exists_by(v: &View, i: usize) -> Tri {
    let d = &v.graph.data.documents[i];
    if !v.known(&d.evidence) {
        return Tri::No;
    }
    let dates = v.produced(i);
    if dates.is_empty() {
        return d.period_from.map_or(Tri::Yes, |f| f.started_by(v.as_of));
    }
    dates.iter().fold(Tri::No, |any, w| any.or(v.happened(*w)))
}

/// Whether a document exists by the day, for listing: one whose production date straddles the
/// day is not counted, one whose period may have begun is.
fn document_exists(v: &View, i: usize) -> bool {
    let by = document_exists_by(v, i);
    if v.produced(i).is_empty() {
        by != Tri::No
    } else {
        by == Tri::Yes
    }
}

/// Whether a plan is current: it exists and its period covers the day; a plan with no period
/// covers the day as reported, a document status that goes stale.
fn plan_current(v: &View, i: usize) -> Tri {
    let d = &v.graph.data.documents[i];
    let covers = if d.period_from.is_none() && d.period_to.is_none() {
        v.state(None, None, &d.evidence, State::DocumentStatus)
            .tri()
    } else {
        v.span(d.period_from, d.period_to)
    };
    document_exists_by(v, i).and(covers)
}

/// Whether a record of `plan` is judged: its plan is certainly current (or it names none).
fn current(v: &View, plan: Option<&str>) -> bool {
    match plan.and_then(|id| v.graph.node(id)) {
        Some(NodeKey::Document(i)) => plan_current(v, i) == Tri::Yes,
        _ => true,
    }
}

fn post_value<T: Clone + PartialEq>(
    v: &View,
    x: &Post,
    base: impl Fn(&Post) -> Option<T>,
    change: impl Fn(&PostChange) -> Option<T>,
) -> Value<T> {
    v.value(
        &history(None, base(x), &x.evidence, &x.changes, change),
        State::Post,
    )
}

fn action_value<T: Clone + PartialEq>(
    v: &View,
    x: &Action,
    base: impl Fn(&Action) -> Option<T>,
    change: impl Fn(&ActionChange) -> Option<T>,
) -> Value<T> {
    v.value(
        &history(None, base(x), &x.evidence, &x.changes, change),
        State::Action,
    )
}

/// "in July 2017": when a value no longer known was last reported.
fn reported<T>(v: &Value<T>) -> String {
    match v {
        Value::Unsettled {
            last: Some((_, Some(w))),
        } => w.on_long(),
        _ => "some time ago".to_string(),
    }
}

/// The kind of an organisation on the day (a change may alter it).
fn org_kind(v: &View, i: usize) -> OrgKind {
    let x = &v.graph.data.organisations[i];
    v.value(
        &history(x.from, Some(x.kind), &x.evidence, &x.changes, |c| c.kind),
        State::Identity,
    )
    .known()
    .unwrap_or(x.kind)
}

/// The strategy group in being on the day: a successor before the group it replaces, then the
/// first in file order.
fn strategy_group(v: &View) -> Option<usize> {
    let groups = &v.graph.data.groups;
    let found: Vec<usize> = (0..groups.len())
        .filter(|&i| v.exists(NodeKey::Group(i)) == Tri::Yes)
        .filter(|&i| {
            v.group_value(i, |g| Some(g.kind), |c| c.kind, State::Identity)
                .known()
                .unwrap_or(groups[i].kind)
                == GroupKind::StrategyGroup
        })
        .collect();
    found
        .iter()
        .copied()
        .find(|&i| {
            !v.graph
                .successors(NodeKey::Group(i))
                .iter()
                .any(|s| matches!(s, NodeKey::Group(j) if found.contains(j)))
        })
        .or_else(|| found.first().copied())
}

/// The last day a completeness declaration speaks for.
fn declared_through(v: &View, i: usize) -> Option<Date> {
    let c = &v.graph.declarations()[i];
    c.on.or(c.to)
        .map(|w| w.latest())
        .or_else(|| match v.reported(&c.evidence) {
            Reported::Reports { last, .. } => Some(last.1),
            _ => None,
        })
}

/// Whether `org` holds a seat on `group` on the day, and why, in a sentence.
fn seat_of(v: &View, group: usize, org: usize) -> (Tri, String) {
    let d = &v.graph.data;
    let g = &d.groups[group];
    let o = &d.organisations[org];
    let key = NodeKey::Organisation(org);
    // A seat of the body itself, or of a person seated for it.
    let counts = |id: &str| match v.graph.node(id) {
        Some(k) if k == key => true,
        Some(NodeKey::Person(p)) => {
            d.people[p]
                .organisation
                .as_deref()
                .and_then(|x| v.graph.node(x))
                == Some(key)
        }
        _ => false,
    };
    let support: Vec<(usize, Support)> = v
        .graph
        .memberships_of_group(group)
        .into_iter()
        .filter(|&m| counts(&d.memberships[m].member))
        .map(|m| (m, v.seat(m)))
        .collect();
    let closed = |m: usize| {
        matches!(
            d.memberships[m].status,
            Some(Participation::Declined | Participation::Vacant)
        )
    };
    let held: Vec<usize> = support
        .iter()
        .filter(|(_, s)| *s == Support::Yes)
        .map(|(m, _)| *m)
        .collect();
    // An open seat settles it before a closed one.
    if held.iter().any(|&m| !closed(m)) {
        return (Tri::Yes, format!("{} sits on {}", o.name, g.name));
    }
    if let Some(&m) = held.first() {
        let what = if d.memberships[m].status == Some(Participation::Vacant) {
            "left vacant"
        } else {
            "declined"
        };
        return (
            Tri::No,
            format!("{} has {what} its seat on {}", o.name, g.name),
        );
    }
    if support.iter().any(|(_, s)| *s == Support::Maybe) {
        return (
            Tri::Maybe,
            format!(
                "the records do not settle whether {} sat on {} on {}",
                o.name,
                g.name,
                v.as_of.long()
            ),
        );
    }
    let (complete, declaration) = v.members_complete_by(&g.id);
    if complete == Tri::Yes {
        // A list made before the body was a responsible authority, or before it existed,
        // cannot show that it has no seat.
        let since = law::responsible_since(org_kind(v, org), d.nation, v.as_of)
            .into_iter()
            .chain(o.from.map(|w| w.as_start().1))
            .max();
        let predates = since
            .zip(declaration)
            .is_some_and(|(since, i)| declared_through(v, i).is_some_and(|t| t < since));
        return if predates {
            (
                Tri::Maybe,
                format!(
                    "the members of {} are listed before {} could sit on it",
                    g.name, o.name
                ),
            )
        } else {
            (
                Tri::No,
                format!(
                    "{} is not among the members of {}, which the records list in full",
                    o.name, g.name
                ),
            )
        };
    }
    if let Some((_, Support::Stale { last })) = support
        .iter()
        .rfind(|(_, s)| matches!(s, Support::Stale { .. }))
    {
        return (
            Tri::Maybe,
            format!(
                "{} was last recorded on {} {}; whether it still sits on it is not recorded",
                o.name,
                g.name,
                last.on_long()
            ),
        );
    }
    (
        Tri::Maybe,
        format!("no record of whether {} sits on {}", o.name, g.name),
    )
}

/// Runs one of the five rules natively.
pub fn run(rule: &str, g: &Arc<Graph>, on: Date) -> Vec<Row> {
    let v = View::new(Arc::clone(g), on);
    let p = &g.data;
    let mut out: Vec<Row> = Vec::new();
    let mut push = |subject: &str, outcome: &'static str, message: String| {
        out.push((rule.to_string(), subject.to_string(), outcome, message))
    };
    match rule {
        "CDA-S5-RA-PROBATION" => {
            if on < law::probation_from() {
                push(
                    &p.id,
                    "not_applicable",
                    format!("not in force until {}", law::probation_from().long()),
                );
                return out;
            }
            let Some(gi) = strategy_group(&v) else {
                push(&p.id, "unknown", "no strategy group is recorded".into());
                return out;
            };
            let sg = &p.groups[gi];
            // A failure resting on a group only inferred to be the strategy group cannot be put
            // to a partner: it is unknown.
            let fail = if sg.kind_inferred { "unknown" } else { "fail" };
            let orgs: Vec<usize> = (0..p.organisations.len())
                .filter(|&i| v.exists(NodeKey::Organisation(i)) == Tri::Yes)
                .filter(|&i| {
                    let kind = org_kind(&v, i);
                    kind == OrgKind::ProbationProvider && law::in_being(kind, p.place, on)
                })
                .collect();
            if orgs.is_empty() {
                let (complete, declaration) = v.members_complete_by(&sg.id);
                let since = law::responsible_since(OrgKind::ProbationProvider, p.nation, on);
                let predates = since
                    .zip(declaration)
                    .is_some_and(|(since, i)| declared_through(&v, i).is_some_and(|t| t < since));
                if complete == Tri::Yes && !predates {
                    push(
                        &sg.id,
                        fail,
                        format!(
                            "a provider of probation services is not among the members of {}",
                            sg.name
                        ),
                    );
                } else {
                    push(
                        &p.id,
                        "unknown",
                        "no record of a provider of probation services".into(),
                    );
                }
            }
            for oi in orgs {
                let (held, why) = seat_of(&v, gi, oi);
                let outcome = match held {
                    Tri::Yes => "pass",
                    Tri::No => fail,
                    Tri::Maybe => "unknown",
                };
                push(&p.organisations[oi].id, outcome, why);
            }
        }
        "HALL-ACTION-OVERDUE" => {
            for a in &p.actions {
                if !v.known(&a.evidence) || !current(&v, a.plan.as_deref()) {
                    continue;
                }
                // The due date as last recorded: a deadline, whether or not it was later moved.
                let due = match action_value(&v, a, |x| x.due, |c| c.due) {
                    Value::Known(DateCell::Date(w))
                    | Value::Unsettled {
                        last: Some((DateCell::Date(w), _)),
                    } => w,
                    _ => continue,
                };
                let status = action_value(&v, a, |x| x.status, |c| c.status);
                // A completion date settles it; else the status, while it is known.
                let complete = match a.completed {
                    Some(w) => v.happened(w).known(),
                    None => status
                        .known()
                        .map(|s| matches!(s, ActionStatus::Complete | ActionStatus::Cancelled)),
                };
                if complete == Some(true) {
                    push(&a.id, "pass", format!("\"{}\" is complete", a.title));
                    continue;
                }
                match due.passed_by(on) {
                    Tri::No => push(
                        &a.id,
                        "pass",
                        format!("\"{}\" is not yet due (due {})", a.title, due.long()),
                    ),
                    Tri::Yes if complete == Some(false) => {
                        let late = due.as_end().1.days_until(on);
                        push(
                            &a.id,
                            "fail",
                            format!(
                                "\"{}\" was due by {} and is not complete ({late} days late)",
                                a.title,
                                due.long()
                            ),
                        );
                    }
                    _ => match &status {
                        Value::Unsettled { last: Some((s, _)) } => push(
                            &a.id,
                            "unknown",
                            format!(
                                "\"{}\" was due by {}; it was last reported {} {}, too long ago to rely on",
                                a.title,
                                due.long(),
                                s.as_str().replace('_', " "),
                                reported(&status)
                            ),
                        ),
                        _ => push(
                            &a.id,
                            "unknown",
                            format!(
                                "\"{}\" was due by {}; its progress is not recorded",
                                a.title,
                                due.long()
                            ),
                        ),
                    },
                }
            }
            if out.is_empty() {
                out.push((
                    rule.to_string(),
                    p.id.clone(),
                    "unknown",
                    "no dated actions of a current plan are recorded".into(),
                ));
            }
        }
        "HALL-FIXED-TERM-POSTS" => {
            let horizon = on.add_months(6);
            for post in &p.posts {
                if !v.known(&post.evidence) {
                    continue;
                }
                let title = &post.title;
                let vacant = post_value(&v, post, |x| x.vacant, |c| c.vacant);
                match &vacant {
                    Value::Known(true) => {
                        push(&post.id, "fail", format!("{title} is recorded as vacant"));
                        continue;
                    }
                    Value::Unsettled {
                        last: Some((true, _)),
                    } => {
                        push(
                            &post.id,
                            "unknown",
                            format!(
                                "{title} was last reported vacant {}; whether it still is is not recorded",
                                reported(&vacant)
                            ),
                        );
                        continue;
                    }
                    _ => {}
                }
                let fixed = post_value(&v, post, |x| x.fixed_term, |c| c.fixed_term).known();
                let funding = post_value(&v, post, |x| x.funding, |c| c.funding).known();
                let mut terms = Vec::new();
                if fixed == Some(true) {
                    terms.push("fixed-term");
                }
                if matches!(funding, Some(Funding::External | Funding::Mixed)) {
                    terms.push("externally funded");
                }
                if terms.is_empty() {
                    if fixed.is_none() && funding.is_none() {
                        push(
                            &post.id,
                            "unknown",
                            format!(
                                "whether {title} is fixed-term or externally funded is not recorded"
                            ),
                        );
                    } else {
                        push(
                            &post.id,
                            "pass",
                            format!("{title} is not recorded as fixed-term or externally funded"),
                        );
                    }
                    continue;
                }
                let how = terms.join(" and ");
                let Some(end) = post_value(&v, post, |x| x.funding_end, |c| c.funding_end).known()
                else {
                    push(
                        &post.id,
                        "unknown",
                        format!("{title} is {how}, and no end date for its funding is recorded"),
                    );
                    continue;
                };
                // Fails when the funding certainly ends by the horizon; an end that may fall
                // either side of it cannot be put to anyone.
                let (a, b) = end.as_end();
                let soon = Tri::decide(b <= horizon, a > horizon);
                match (soon, end.passed_by(on)) {
                    (Tri::Yes, Tri::Yes) => push(
                        &post.id,
                        "fail",
                        format!(
                            "{title} is {how}; its funding ended {}, and no renewal is recorded",
                            end.on_long()
                        ),
                    ),
                    (Tri::Yes, _) => push(
                        &post.id,
                        "fail",
                        format!(
                            "{title} is {how}; its funding ends {}, within six months",
                            end.on_long()
                        ),
                    ),
                    (Tri::No, _) => push(
                        &post.id,
                        "pass",
                        format!("{title} is {how}; its funding runs to {}", end.long()),
                    ),
                    (Tri::Maybe, _) => push(
                        &post.id,
                        "unknown",
                        format!(
                            "{title} is {how}; its funding ends {}, which may or may not be within six months",
                            end.on_long()
                        ),
                    ),
                }
            }
            if out.is_empty() {
                out.push((
                    rule.to_string(),
                    p.id.clone(),
                    "unknown",
                    "no community safety posts are recorded".into(),
                ));
            }
        }
        "HALL-PRIORITY-OWNER" => {
            for pr in &p.priorities {
                if !v.known(&pr.evidence) || !current(&v, pr.plan.as_deref()) {
                    continue;
                }
                match pr.owner.as_deref() {
                    None => push(
                        &pr.id,
                        "unknown",
                        format!("the owner of \"{}\" is not recorded", pr.title),
                    ),
                    Some(o) if o.trim().is_empty() => push(
                        &pr.id,
                        "fail",
                        format!("\"{}\" has no named owner in the plan", pr.title),
                    ),
                    Some(o) => {
                        let name = g.node(o).map(|k| g.name_of(k)).unwrap_or(o);
                        push(
                            &pr.id,
                            "pass",
                            format!("\"{}\" is owned by {name}", pr.title),
                        )
                    }
                }
            }
            if out.is_empty() {
                out.push((
                    rule.to_string(),
                    p.id.clone(),
                    "unknown",
                    "no priorities of a current plan are recorded".into(),
                ));
            }
        }
        "HALL-RISK-REGISTER-COMPLETE" => {
            let since = on.add_months(-6);
            for r in &p.risks {
                let register = match r.register.as_deref().and_then(|id| g.node(id)) {
                    Some(NodeKey::Document(d)) => Some(d),
                    _ => None,
                };
                if !v.known(&r.evidence) || register.is_some_and(|d| !document_exists(&v, d)) {
                    continue;
                }
                // The cells are as of the entry's source, or its register's: a state that goes
                // stale, or may have (a source dated only to a range).
                let evidence = if r.evidence.is_empty() {
                    register.map_or(&r.evidence[..], |d| &p.documents[d].evidence[..])
                } else {
                    &r.evidence[..]
                };
                let old = match v.state(None, None, evidence, State::Risk) {
                    Support::No => continue,
                    Support::Stale { last } => Some(last),
                    Support::Maybe => v.reported(evidence).last_when(),
                    Support::Yes => None,
                };
                if let Some(last) = old {
                    push(
                        &r.id,
                        "unknown",
                        format!(
                            "\"{}\" comes from a register reported {}, which may no longer show the register as it is",
                            r.description,
                            last.on_long()
                        ),
                    );
                    continue;
                }
                let filled = |t: &Option<Text>| t.as_ref().map(|t| t.value().is_some());
                let cells = [
                    ("consequence", filled(&r.consequence)),
                    ("likelihood", filled(&r.likelihood)),
                    ("impact", filled(&r.impact)),
                    ("controls", filled(&r.controls)),
                    ("owner", filled(&r.owner)),
                    ("review date", r.review_date.map(|c| c != DateCell::Blank)),
                ];
                let named = |want: Option<bool>| {
                    cells
                        .iter()
                        .filter(|(_, f)| *f == want)
                        .map(|(n, _)| *n)
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                let blank = named(Some(false));
                let stale: Option<When> = match r.review_date {
                    Some(DateCell::Date(w)) if w.before(since) == Tri::Yes => Some(w),
                    _ => None,
                };
                let unrecorded = named(None);
                if !blank.is_empty() {
                    push(
                        &r.id,
                        "fail",
                        format!("\"{}\": the register leaves {blank} blank", r.description),
                    );
                } else if let Some(w) = stale {
                    push(
                        &r.id,
                        "fail",
                        format!(
                            "\"{}\" was last reviewed {}, more than six months ago",
                            r.description,
                            w.on_long()
                        ),
                    );
                } else if !unrecorded.is_empty() {
                    push(
                        &r.id,
                        "unknown",
                        format!(
                            "\"{}\": the register records no {unrecorded}",
                            r.description
                        ),
                    );
                } else {
                    push(
                        &r.id,
                        "pass",
                        format!("\"{}\" is complete and reviewed", r.description),
                    );
                }
            }
            if out.is_empty() {
                out.push((
                    rule.to_string(),
                    p.id.clone(),
                    "unknown",
                    "no risk register entries are recorded".into(),
                ));
            }
        }
        other => panic!("no native twin of {other}"),
    }
    out
}

/// The answers of native rows, for parity checks.
pub fn answers(rows: &[Row]) -> Vec<Answer> {
    let mut a: Vec<Answer> = rows
        .iter()
        .map(|(r, s, o, _)| (r.clone(), s.clone(), o.to_string()))
        .collect();
    a.sort();
    a
}
