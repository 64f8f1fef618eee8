//! The same five rules in Rego, run on regorus over the partnership as JSON: the peer policy
//! engine the rhai rules are compared with. Dates are given to Rego as the earliest and latest
//! day they could be, and the bounds of the day they start or end a period on (ISO strings
//! compare in date order), since Rego has no partial dates; the policies make the three-valued
//! comparisons. See [`input`] for what is precomputed and why.

use std::sync::Arc;

use regorus::{Engine, Value};
use scrutineer_graph::as_of::{Reported, State, Support, Value as ValueOn, View, history};
use scrutineer_graph::model::*;
use scrutineer_graph::{Date, Graph, NodeKey, Tri, When};
use scrutineer_rules::law;
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

/// A day as Rego compares it: ISO strings sort in date order, and the open ends of the
/// calendar become strings that sort before and after every real day.
fn iso(d: Date) -> String {
    if d == Date::FAR_PAST {
        "0000-01-01".into()
    } else if d == Date::FAR_FUTURE {
        "9999-12-31".into()
    } else {
        d.iso()
    }
}

/// A partial date: its earliest and latest day, and the bounds of the day it starts and ends a
/// period on ([`When::as_start`], [`When::as_end`]: a month that ends a period ends it on its
/// last day), so that Rego can make the three-valued comparisons itself.
fn when(w: Option<When>) -> Json {
    match w {
        Some(w) => {
            let (sa, sb) = w.as_start();
            let (ea, eb) = w.as_end();
            json!({
                "earliest": iso(w.earliest()),
                "latest": iso(w.latest()),
                "start": [iso(sa), iso(sb)],
                "end": [iso(ea), iso(eb)],
            })
        }
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

/// A three-valued answer as Rego reads it: 0 no, 1 maybe, 2 yes (so `and` is `min`, `or` is
/// `max`).
fn tri(t: Tri) -> Json {
    json!(match t {
        Tri::No => 0,
        Tri::Maybe => 1,
        Tri::Yes => 2,
    })
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

/// A field of a post on the day, from its history.
fn post_value<T: Clone + PartialEq>(
    v: &View,
    x: &Post,
    base: impl Fn(&Post) -> Option<T>,
    change: impl Fn(&PostChange) -> Option<T>,
) -> ValueOn<T> {
    v.value(
        &history(None, base(x), &x.evidence, &x.changes, change),
        State::Post,
    )
}

/// A field of an action on the day, from its history.
fn action_value<T: Clone + PartialEq>(
    v: &View,
    x: &Action,
    base: impl Fn(&Action) -> Option<T>,
    change: impl Fn(&ActionChange) -> Option<T>,
) -> ValueOn<T> {
    v.value(
        &history(None, base(x), &x.evidence, &x.changes, change),
        State::Action,
    )
}

/// The partnership as Rego's input, evaluated as of `on`.
///
/// The rules' logic (which records are judged, the three-valued date comparisons, the
/// classification into pass, fail and unknown) is in the policies. What a record *says on the
/// day* under the time model is precomputed here through the graph crate's [`View`], because it
/// cannot reasonably be written in Rego: it needs each cited source's date (an uncertain one
/// too), the twelve-month freshness horizon added to it as calendar months, a field's dated
/// history of changes resolved to the value holding on the day, seats replaced by later records
/// of the same seat, successors that end a group, and membership lists declared complete. So
/// each record carries: whether a source read reports it (`known`); a state's support (`seat`,
/// `state`, `status_tri`); a changeable field's value on the day (`vacant`, `fixed_term`,
/// `funding`, `funding_end`, `due`, `status`, `kind`); and, from the law tables, when a kind of
/// body became a responsible authority and whether it is in being. Building this input is not
/// timed by the benchmark.
pub fn input(g: &Arc<Graph>, on: Date) -> Value {
    let v = View::new(Arc::clone(g), on);
    let p = &g.data;
    let filled = |t: &Option<Text>| match t {
        None => Json::Null,
        Some(t) => json!(t.value().is_some()),
    };
    let support = |s: Support| match s {
        Support::Yes => "yes",
        Support::No => "no",
        Support::Maybe => "maybe",
        Support::Stale { .. } => "stale",
    };
    let org_kind = |i: usize| {
        let x = &p.organisations[i];
        v.value(
            &history(x.from, Some(x.kind), &x.evidence, &x.changes, |c| c.kind),
            State::Identity,
        )
        .known()
        .unwrap_or(x.kind)
    };
    let organisations: Vec<Json> = (0..p.organisations.len())
        .map(|i| {
            let o = &p.organisations[i];
            let kind = org_kind(i);
            json!({
                "id": o.id,
                "exists": tri(v.exists(NodeKey::Organisation(i))),
                "kind": kind.as_str(),
                "in_being": law::in_being(kind, p.place, on),
                "responsible_since": law::responsible_since(kind, p.nation, on).map(iso),
                "from": when(o.from),
            })
        })
        .collect();
    let groups: Vec<Json> = (0..p.groups.len())
        .map(|i| {
            let x = &p.groups[i];
            let kind = v
                .group_value(i, |g| Some(g.kind), |c| c.kind, State::Identity)
                .known()
                .unwrap_or(x.kind);
            let (complete, declaration) = v.members_complete_by(&x.id);
            let successors: Vec<&str> = g
                .successors(NodeKey::Group(i))
                .iter()
                .filter(|k| matches!(k, NodeKey::Group(_)))
                .map(|k| g.id_of(*k))
                .collect();
            json!({
                "id": x.id,
                "exists": tri(v.exists(NodeKey::Group(i))),
                "kind": kind.as_str(),
                "inferred": x.kind_inferred,
                "successors": successors,
                "members_complete": tri(complete),
                "declared_through": declaration.and_then(|d| declared_through(&v, d)).map(iso),
            })
        })
        .collect();
    let memberships: Vec<Json> = (0..p.memberships.len())
        .map(|i| {
            let m = &p.memberships[i];
            json!({ "member": m.member, "group": m.group, "status": m.status.map(|s| s.as_str()), "seat": support(v.seat(i)) })
        })
        .collect();
    let documents: Vec<Json> = (0..p.documents.len())
        .map(|i| {
            let d = &p.documents[i];
            json!({
                "id": d.id,
                "known": v.known(&d.evidence),
                "produced": v.produced(i).into_iter().map(|w| when(Some(w))).collect::<Vec<_>>(),
                "period_from": when(d.period_from),
                "period_to": when(d.period_to),
                "status_tri": tri(v.state(None, None, &d.evidence, State::DocumentStatus).tri()),
            })
        })
        .collect();
    let actions: Vec<Json> = p
        .actions
        .iter()
        .map(|a| {
            // The due date as last recorded, whether or not it is still fresh.
            let due = match action_value(&v, a, |x| x.due, |c| c.due) {
                ValueOn::Known(DateCell::Date(w))
                | ValueOn::Unsettled {
                    last: Some((DateCell::Date(w), _)),
                } => Some(w),
                _ => None,
            };
            let status = action_value(&v, a, |x| x.status, |c| c.status).known();
            json!({
                "id": a.id,
                "known": v.known(&a.evidence),
                "plan": a.plan,
                "due": when(due),
                "completed": when(a.completed),
                "status": status.map(|s| s.as_str()),
            })
        })
        .collect();
    let posts: Vec<Json> = p
        .posts
        .iter()
        .map(|x| {
            let vacant = match post_value(&v, x, |x| x.vacant, |c| c.vacant) {
                ValueOn::Known(true) => json!("yes"),
                ValueOn::Unsettled {
                    last: Some((true, _)),
                } => json!("stale"),
                _ => Json::Null,
            };
            let fixed_term = post_value(&v, x, |x| x.fixed_term, |c| c.fixed_term).known();
            let funding = post_value(&v, x, |x| x.funding, |c| c.funding).known();
            let funding_end = post_value(&v, x, |x| x.funding_end, |c| c.funding_end).known();
            json!({
                "id": x.id,
                "known": v.known(&x.evidence),
                "vacant": vacant,
                "fixed_term": fixed_term,
                "funding": funding.map(Funding::as_str),
                "funding_end": when(funding_end),
            })
        })
        .collect();
    let risks: Vec<Json> = p
        .risks
        .iter()
        .map(|r| {
            // The cells are as of the entry's source, or its register's.
            let register = match r.register.as_deref().and_then(|id| g.node(id)) {
                Some(NodeKey::Document(d)) => Some(d),
                _ => None,
            };
            let evidence = if r.evidence.is_empty() {
                register.map_or(&r.evidence[..], |d| &p.documents[d].evidence[..])
            } else {
                &r.evidence[..]
            };
            json!({
                "id": r.id,
                "known": v.known(&r.evidence),
                "register": r.register,
                "state": support(v.state(None, None, evidence, State::Risk)),
                "cells": [filled(&r.consequence), filled(&r.likelihood), filled(&r.impact), filled(&r.controls), filled(&r.owner), match r.review_date { None => Json::Null, Some(c) => json!(c != DateCell::Blank) }],
                "review": cell(r.review_date),
            })
        })
        .collect();
    let j = json!({
        "id": p.id,
        "as_of": iso(on),
        "as_of_minus_6m": iso(on.add_months(-6)),
        "as_of_plus_6m": iso(on.add_months(6)),
        "probation_from": iso(law::probation_from()),
        "probation_since": law::responsible_since(OrgKind::ProbationProvider, p.nation, on).map(iso),
        "organisations": organisations,
        "people": p.people.iter().map(|x| json!({ "id": x.id, "organisation": x.organisation })).collect::<Vec<_>>(),
        "groups": groups,
        "memberships": memberships,
        "documents": documents,
        "actions": actions,
        "posts": posts,
        "priorities": p.priorities.iter().map(|x| json!({ "id": x.id, "known": v.known(&x.evidence), "plan": x.plan, "owner": x.owner })).collect::<Vec<_>>(),
        "risks": risks,
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
