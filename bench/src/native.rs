//! Five rules hand-written in Rust over the typed graph: the floor the rhai rules are measured
//! against. Each follows its rule file exactly (subjects, outcomes and messages), so that the
//! benchmark compares like with like; parity with the rhai rules is checked before any timing.

use scrutineer_graph::model::*;
use scrutineer_graph::{Date, Graph, When, in_force};

use crate::Answer;

/// One native result: rule, subject, outcome, message.
pub type Row = (String, String, &'static str, String);

fn day(y: i32, m: u32, d: u32) -> Date {
    Date::from_ymd(y, m, d).expect("valid")
}

fn happened(w: When, on: Date) -> bool {
    w.latest() <= on
}

fn document_exists(d: &Document, on: Date) -> bool {
    match d.approved.or(d.published) {
        Some(w) => happened(w, on),
        None => d.period_from.is_none_or(|f| f.earliest() <= on),
    }
}

/// `Some(false)` when the recorded period shows the document is not in force.
fn document_in_force(d: &Document, on: Date) -> Option<bool> {
    if d.period_from.is_none() && d.period_to.is_none() {
        return None;
    }
    if d.period_from.is_some_and(|f| f.earliest() > on)
        || d.period_to.is_some_and(|t| t.latest() < on)
    {
        return Some(false);
    }
    let started = d.period_from.is_none_or(|f| f.latest() <= on);
    let not_ended = d.period_to.is_some_and(|t| t.earliest() >= on);
    (started && not_ended).then_some(true)
}

fn plan<'a>(p: &'a Partnership, id: Option<&String>) -> Option<&'a Document> {
    id.and_then(|id| p.documents.iter().find(|d| &d.id == id))
}

/// Visible on `on` and not in a plan known to have ended.
fn current(p: &Partnership, id: Option<&String>, on: Date) -> bool {
    match plan(p, id) {
        Some(d) => document_exists(d, on) && document_in_force(d, on) != Some(false),
        None => true,
    }
}

/// Runs one of the five rules natively.
pub fn run(rule: &str, g: &Graph, on: Date) -> Vec<Row> {
    let p = &g.data;
    let mut out: Vec<Row> = Vec::new();
    let mut push = |subject: &str, outcome: &'static str, message: String| {
        out.push((rule.to_string(), subject.to_string(), outcome, message))
    };
    match rule {
        "CDA-S5-RA-PROBATION" => {
            if on < day(2010, 4, 1) {
                push(
                    &p.id,
                    "not_applicable",
                    "not in force until 1 April 2010".into(),
                );
                return out;
            }
            let Some((gi, sg)) =
                p.groups.iter().enumerate().find(|(_, x)| {
                    x.kind == GroupKind::StrategyGroup && in_force(x.from, x.to, on)
                })
            else {
                push(&p.id, "unknown", "no strategy group is recorded".into());
                return out;
            };
            let _ = gi;
            let seats: Vec<&Membership> = p
                .memberships
                .iter()
                .filter(|m| m.group == sg.id && in_force(m.from, m.to, on))
                .collect();
            let orgs: Vec<&Organisation> = p
                .organisations
                .iter()
                .filter(|o| o.kind == OrgKind::ProbationProvider && in_force(o.from, o.to, on))
                .collect();
            if orgs.is_empty() {
                if sg.members_listed_in_full {
                    push(
                        &sg.id,
                        "fail",
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
            for o in orgs {
                let seat = seats.iter().find(|m| {
                    m.member == o.id
                        || p.people.iter().any(|x| {
                            x.id == m.member && x.organisation.as_deref() == Some(o.id.as_str())
                        })
                });
                match seat {
                    Some(m)
                        if matches!(
                            m.status,
                            Some(Participation::Declined | Participation::Vacant)
                        ) =>
                    {
                        push(
                            &o.id,
                            "fail",
                            format!(
                                "{} has declined or left vacant its seat on {}",
                                o.name, sg.name
                            ),
                        );
                    }
                    Some(_) => push(&o.id, "pass", format!("{} sits on {}", o.name, sg.name)),
                    None if sg.members_listed_in_full => push(
                        &o.id,
                        "fail",
                        format!("{} is not among the members of {}", o.name, sg.name),
                    ),
                    None => push(
                        &o.id,
                        "unknown",
                        format!("no record of whether {} sits on {}", o.name, sg.name),
                    ),
                }
            }
        }
        "HALL-ACTION-OVERDUE" => {
            for a in p.actions.iter().filter(|a| current(p, a.plan.as_ref(), on)) {
                let Some(DateCell::Date(due)) = a.due else {
                    continue;
                };
                let complete = match (a.completed, a.status) {
                    (Some(w), _) => Some(happened(w, on)),
                    (None, Some(s)) => Some(matches!(
                        s,
                        ActionStatus::Complete | ActionStatus::Cancelled
                    )),
                    (None, None) => None,
                };
                if complete == Some(true) {
                    push(&a.id, "pass", format!("\"{}\" is complete", a.title));
                } else if on <= due.latest() {
                    push(
                        &a.id,
                        "pass",
                        format!("\"{}\" is not yet due (due {})", a.title, due.long()),
                    );
                } else if complete == Some(false) {
                    let late = due.latest().days_until(on);
                    push(
                        &a.id,
                        "fail",
                        format!(
                            "\"{}\" was due by {} and is not complete ({late} days late)",
                            a.title,
                            due.long()
                        ),
                    );
                } else {
                    push(
                        &a.id,
                        "unknown",
                        format!(
                            "\"{}\" was due by {}; its progress is not recorded",
                            a.title,
                            due.long()
                        ),
                    );
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
                if post.vacant == Some(true) {
                    push(
                        &post.id,
                        "fail",
                        format!("{} is recorded as vacant", post.title),
                    );
                    continue;
                }
                let external = matches!(post.funding, Some(Funding::External | Funding::Mixed));
                if post.fixed_term != Some(true) && !external {
                    if post.fixed_term.is_none() && post.funding.is_none() {
                        push(
                            &post.id,
                            "unknown",
                            format!(
                                "whether {} is fixed-term or externally funded is not recorded",
                                post.title
                            ),
                        );
                    } else {
                        push(
                            &post.id,
                            "pass",
                            format!(
                                "{} is not recorded as fixed-term or externally funded",
                                post.title
                            ),
                        );
                    }
                    continue;
                }
                match post.funding_end {
                    None => push(
                        &post.id,
                        "fail",
                        format!("{} has no recorded funding end", post.title),
                    ),
                    Some(end) if end.latest() < on => push(
                        &post.id,
                        "fail",
                        format!("{}'s funding ended in {}", post.title, end.long()),
                    ),
                    Some(end) if end.earliest() <= horizon => push(
                        &post.id,
                        "fail",
                        format!("{}'s funding ends in {}", post.title, end.long()),
                    ),
                    Some(end) => push(
                        &post.id,
                        "pass",
                        format!("{}'s funding runs to {}", post.title, end.long()),
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
            for pr in p
                .priorities
                .iter()
                .filter(|x| current(p, x.plan.as_ref(), on))
            {
                match &pr.owner {
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
                    Some(o) => push(&pr.id, "pass", format!("\"{}\" is owned by {o}", pr.title)),
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
            let visible = |r: &Risk| match plan(p, r.register.as_ref()) {
                Some(d) => document_exists(d, on),
                None => true,
            };
            let six_months_ago = on.add_months(-6);
            for r in p.risks.iter().filter(|r| visible(r)) {
                let filled = |t: &Option<Text>| t.as_ref().map(|t| t.value().is_some());
                let cells = [
                    ("consequence", filled(&r.consequence)),
                    ("likelihood", filled(&r.likelihood)),
                    ("impact", filled(&r.impact)),
                    ("controls", filled(&r.controls)),
                    ("owner", filled(&r.owner)),
                    ("review date", r.review_date.map(|c| c != DateCell::Blank)),
                ];
                let blank: Vec<&str> = cells
                    .iter()
                    .filter(|(_, f)| *f == Some(false))
                    .map(|(n, _)| *n)
                    .collect();
                let unrecorded: Vec<&str> = cells
                    .iter()
                    .filter(|(_, f)| f.is_none())
                    .map(|(n, _)| *n)
                    .collect();
                if !blank.is_empty() {
                    push(
                        &r.id,
                        "fail",
                        format!(
                            "\"{}\": the register leaves {} blank",
                            r.description,
                            blank.join(", ")
                        ),
                    );
                } else if let Some(DateCell::Date(w)) = r.review_date
                    && w.latest() < six_months_ago
                {
                    push(
                        &r.id,
                        "fail",
                        format!("\"{}\" was last reviewed in {}", r.description, w.long()),
                    );
                } else if !unrecorded.is_empty() {
                    push(
                        &r.id,
                        "unknown",
                        format!(
                            "\"{}\": the register records no {}",
                            r.description,
                            unrecorded.join(", ")
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
