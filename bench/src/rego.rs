//! The same five rules in Rego, run on regorus over the partnership as JSON: the peer policy
//! engine the rhai rules are compared with. Dates are given to Rego as the earliest and latest
//! day they could be (ISO strings compare in date order), since Rego has no partial dates.

use regorus::{Engine, Value};
use scrutineer_graph::model::*;
use scrutineer_graph::{Date, Graph, When};
use serde_json::{Value as Json, json};

use crate::Answer;

const POLICIES: [(&str, &str); 6] = [
    ("common.rego", include_str!("../policies/common.rego")),
    ("probation.rego", include_str!("../policies/probation.rego")),
    (
        "action_overdue.rego",
        include_str!("../policies/action_overdue.rego"),
    ),
    (
        "fixed_term_posts.rego",
        include_str!("../policies/fixed_term_posts.rego"),
    ),
    (
        "priority_owner.rego",
        include_str!("../policies/priority_owner.rego"),
    ),
    (
        "risk_register.rego",
        include_str!("../policies/risk_register.rego"),
    ),
];

/// The Rego rule that holds each peer rule's outcomes.
pub fn query(rule: &str) -> &'static str {
    match rule {
        "CDA-S5-RA-PROBATION" => "data.scrutineer.probation.outcomes",
        "HALL-ACTION-OVERDUE" => "data.scrutineer.action_overdue.outcomes",
        "HALL-FIXED-TERM-POSTS" => "data.scrutineer.fixed_term_posts.outcomes",
        "HALL-PRIORITY-OWNER" => "data.scrutineer.priority_owner.outcomes",
        "HALL-RISK-REGISTER-COMPLETE" => "data.scrutineer.risk_register.outcomes",
        other => panic!("no Rego twin of {other}"),
    }
}

/// A regorus engine with the five policies loaded.
pub fn engine() -> Engine {
    let mut e = Engine::new();
    for (name, text) in POLICIES {
        e.add_policy(name.to_string(), text.to_string())
            .unwrap_or_else(|err| panic!("{name}: {err}"));
    }
    e
}

fn when(w: Option<When>) -> Json {
    match w {
        Some(w) => json!({ "earliest": w.earliest().iso(), "latest": w.latest().iso() }),
        None => Json::Null,
    }
}

fn cell(c: Option<DateCell>) -> Json {
    match c {
        None => Json::Null,
        Some(DateCell::Blank) => json!(""),
        Some(DateCell::Date(w)) => when(Some(w)),
    }
}

fn funding(f: &Funding) -> Json {
    json!(match f {
        Funding::Core => "core",
        Funding::External => "external",
        Funding::Mixed => "mixed",
    })
}

/// The partnership as Rego's input, evaluated as of `on`.
pub fn input(g: &Graph, on: Date) -> Value {
    let p = &g.data;
    let filled = |t: &Option<Text>| match t {
        None => Json::Null,
        Some(t) => json!(t.value().is_some()),
    };
    let j = json!({
        "id": p.id,
        "as_of": on.iso(),
        "as_of_minus_6m": on.add_months(-6).iso(),
        "as_of_plus_6m": on.add_months(6).iso(),
        "organisations": p.organisations.iter().map(|o| json!({ "id": o.id, "kind": o.kind.as_str(), "from": when(o.from), "to": when(o.to) })).collect::<Vec<_>>(),
        "people": p.people.iter().map(|x| json!({ "id": x.id, "organisation": x.organisation })).collect::<Vec<_>>(),
        "groups": p.groups.iter().map(|x| json!({ "id": x.id, "kind": x.kind.as_str(), "from": when(x.from), "to": when(x.to), "listed": x.members_listed_in_full })).collect::<Vec<_>>(),
        "memberships": p.memberships.iter().map(|m| json!({ "member": m.member, "group": m.group, "status": m.status.map(|s| s.as_str()), "from": when(m.from), "to": when(m.to) })).collect::<Vec<_>>(),
        "documents": p.documents.iter().map(|d| json!({ "id": d.id, "first": when(d.approved.or(d.published)), "period_from": when(d.period_from), "period_to": when(d.period_to) })).collect::<Vec<_>>(),
        "actions": p.actions.iter().map(|a| json!({ "id": a.id, "plan": a.plan, "due": cell(a.due), "completed": when(a.completed), "status": a.status.map(|s| s.as_str()) })).collect::<Vec<_>>(),
        "posts": p.posts.iter().map(|x| json!({ "id": x.id, "vacant": x.vacant, "fixed_term": x.fixed_term, "funding": x.funding.as_ref().map(funding), "funding_end": when(x.funding_end) })).collect::<Vec<_>>(),
        "priorities": p.priorities.iter().map(|x| json!({ "id": x.id, "plan": x.plan, "owner": x.owner })).collect::<Vec<_>>(),
        "risks": p.risks.iter().map(|r| json!({
            "id": r.id,
            "register": r.register,
            "cells": [filled(&r.consequence), filled(&r.likelihood), filled(&r.impact), filled(&r.controls), filled(&r.owner), match r.review_date { None => Json::Null, Some(c) => json!(c != DateCell::Blank) }],
            "review": cell(r.review_date),
        })).collect::<Vec<_>>(),
    });
    Value::from_json_str(&j.to_string()).expect("valid JSON")
}

/// Evaluates one rule on the input already set in `engine`.
pub fn run(engine: &mut Engine, rule: &str) -> Value {
    engine
        .eval_rule(query(rule).to_string())
        .unwrap_or_else(|e| panic!("{rule}: {e}"))
}

/// The answers of a Rego result, for parity checks.
pub fn answers(rule: &str, v: &Value) -> Vec<Answer> {
    let json: Json = serde_json::from_str(&v.to_json_str().expect("serialisable")).expect("JSON");
    let mut out: Vec<Answer> = json
        .as_array()
        .map(|a| {
            a.iter()
                .map(|o| {
                    (
                        rule.to_string(),
                        o["subject"].as_str().unwrap_or("").to_string(),
                        o["outcome"].as_str().unwrap_or("").to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out.dedup();
    out
}
