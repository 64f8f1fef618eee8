//! Whole-list scans done in Rust, for rules that judge every action, post, priority or risk.
//!
//! A script loop over thousands of records costs a few microseconds a record in getters, string
//! building and outcome construction; these helpers do the scan and the classification in Rust
//! and build the outcomes, about ten times faster (see BENCHMARKS.md). The rule still owns every
//! word a person reads: it passes a map of message templates, one per case, in which `{title}`,
//! `{due}` and the like are filled in. Each helper's cases are listed with it; cases marked
//! `[optional]` have a default message, so rules written before they existed keep working.
//!
//! ```text
//! p.action_outcomes(info_days, #{ complete, not_yet_due, late, unrecorded, [stale] })
//!     {title} {due} {days} {late} ("1 day", "93 days") {status} {reported}; late and less than `info_days` days late is
//!     for information; stale: the status was last reported too long ago to rely on
//! p.action_owner_due_outcomes(#{ blank, unrecorded, complete, [stale] })
//!     {title} {blank} ("owner or due date") {missing} ("owner and due date") {verb} ("is"/"are")
//!     {owner} {due} {reported}
//! p.post_outcomes(months, #{ vacant, untold, settled, no_end, ended, ending, funded, [stale],
//!                            [unsure] })
//!     {title} {how} {end} {end_on} ("on 31 March 2023") {reported}; no_end is unknown: the end
//!     date is not recorded; unsure is unknown: the end is known only to a range that straddles
//!     the horizon
//! p.priority_owner_outcomes(#{ unrecorded, blank, owned })
//!     {title} {owner}
//! p.risk_outcomes(review_months, #{ blank, stale, unrecorded, complete, [old] })
//!     {description} {cells} {review} {review_on} {reported}; old: the register entry itself is
//!     too old
//! ```
//!
//! Each state (a status, a vacancy, a blank cell) holds as its source reports it and goes stale
//! a year after (see `scrutineer_graph::as_of::State`); a stale one is unknown, never a failure.

use std::sync::Arc;

use rhai::{Array, Dynamic, Engine, EvalAltResult, Map, Position};
use scrutineer_graph::as_of::{State, Support, Value};
use scrutineer_graph::model::{DateCell, Funding, Text};
use scrutineer_graph::{NodeKey, Tri, When};

use super::outcomes::{EvidenceRef, ScriptOutcome};
use super::records::{action_complete, action_value, post_value};
use super::{Partnership, View};
use crate::outcome::{Outcome, Severity};

type Res<T> = Result<T, Box<EvalAltResult>>;

/// The templates a rule passes, checked to have every case the helper needs.
struct Templates(Vec<(String, String)>);

impl Templates {
    /// The templates for `cases`, each required, and for `optional`, each with a default.
    fn with_defaults(
        map: Map,
        cases: &[&str],
        optional: &[(&str, &str)],
        helper: &str,
    ) -> Res<Templates> {
        let mut t = Templates::from(map.clone(), cases, helper)?;
        for (case, default) in optional {
            let text = match map.get(*case).map(|v| v.clone().into_string()) {
                Some(Ok(s)) => s,
                _ => default.to_string(),
            };
            t.0.push((case.to_string(), text));
        }
        Ok(t)
    }

    fn from(map: Map, cases: &[&str], helper: &str) -> Res<Templates> {
        let mut out = Vec::new();
        for case in cases {
            match map.get(*case).map(|v| v.clone().into_string()) {
                Some(Ok(s)) => out.push((case.to_string(), s)),
                _ => {
                    return Err(Box::new(EvalAltResult::ErrorRuntime(
                        format!(
                            "`{helper}` needs a message template for `{case}` (cases: {})",
                            cases.join(", ")
                        )
                        .into(),
                        Position::NONE,
                    )));
                }
            }
        }
        Ok(Templates(out))
    }

    /// The template for `case` with each `{name}` replaced by its value.
    fn fill(&self, case: &str, vars: &[(&str, &str)]) -> String {
        let t = self
            .0
            .iter()
            .find(|(c, _)| c == case)
            .map(|(_, t)| t.as_str())
            .unwrap_or("");
        let mut out = String::with_capacity(t.len() + 32);
        let mut rest = t;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            match after.find('}') {
                Some(close) if vars.iter().any(|(k, _)| *k == &after[..close]) => {
                    let key = &after[..close];
                    out.push_str(
                        vars.iter()
                            .find(|(k, _)| *k == key)
                            .map(|(_, v)| *v)
                            .unwrap_or(""),
                    );
                    rest = &after[close + 1..];
                }
                _ => {
                    out.push('{');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }
}

fn outcome(view: &View, key: NodeKey, outcome: Outcome, message: String) -> Dynamic {
    let g = &view.graph;
    Dynamic::from(ScriptOutcome {
        outcome,
        subject: (g.id_of(key).to_string(), g.name_of(key).to_string()),
        message,
        evidence: vec![EvidenceRef::Node(key)],
        severity: None,
        request: None,
        fact: None,
    })
}

/// An unknown outcome with the record to ask for.
fn unknown(view: &View, key: NodeKey, message: String, request: String) -> Dynamic {
    let mut o = outcome(view, key, Outcome::Unknown, message);
    if let Some(mut so) = o.write_lock::<ScriptOutcome>() {
        so.request = Some(request);
    }
    o
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

/// Whether a record of `plan` is current: its plan certainly exists and covers the date
/// (`d.current` in scripts). A record of a plan that may not be current is not judged: a pass or
/// a failure on it would rest on a maybe.
fn current(view: &Arc<View>, plan: Option<&str>) -> bool {
    match plan.and_then(|id| view.graph.node(id)) {
        Some(NodeKey::Document(i)) => super::documents::plan_current(view, i) == Tri::Yes,
        _ => true,
    }
}

fn action_outcomes(view: &Arc<View>, info_days: i64, t: &Templates) -> Array {
    let d = &view.graph.data;
    let mut out = Array::new();
    for (i, a) in d.actions.iter().enumerate() {
        if !view.known(&a.evidence) || !current(view, a.plan.as_deref()) {
            continue;
        }
        // The due date as last recorded: a deadline, whether or not it was later moved.
        let due = match action_value(view, i, |x| x.due, |c| c.due) {
            Value::Known(DateCell::Date(w)) => w,
            Value::Unsettled {
                last: Some((DateCell::Date(w), _)),
            } => w,
            _ => continue,
        };
        let status = action_value(view, i, |x| x.status, |c| c.status);
        let complete = action_complete(view, i);
        let due_text = due.long();
        let key = NodeKey::Action(i);
        let when = reported(&status);
        let last_status = match &status {
            Value::Unsettled { last: Some((s, _)) } => s.as_str().replace('_', " "),
            _ => String::new(),
        };
        let vars = [
            ("title", a.title.as_str()),
            ("due", due_text.as_str()),
            ("status", last_status.as_str()),
            ("reported", when.as_str()),
        ];
        if complete == Some(true) {
            out.push(outcome(view, key, Outcome::Pass, t.fill("complete", &vars)));
            continue;
        }
        match due.passed_by(view.as_of) {
            Tri::No => out.push(outcome(
                view,
                key,
                Outcome::Pass,
                t.fill("not_yet_due", &vars),
            )),
            Tri::Yes if complete == Some(false) => {
                let late = due.as_end().1.days_until(view.as_of);
                let days = late.to_string();
                let late_words = super::outcomes::count(late, "day", "days");
                let vars = [
                    ("title", a.title.as_str()),
                    ("due", due_text.as_str()),
                    ("days", days.as_str()),
                    ("late", late_words.as_str()),
                    ("status", last_status.as_str()),
                    ("reported", when.as_str()),
                ];
                let mut o = outcome(view, key, Outcome::Fail, t.fill("late", &vars));
                if late < info_days
                    && let Some(mut so) = o.write_lock::<ScriptOutcome>()
                {
                    so.severity = Some(Severity::Info);
                }
                out.push(o);
            }
            _ if !last_status.is_empty() => out.push(unknown(
                view,
                key,
                t.fill("stale", &vars),
                format!("the current progress of \"{}\"", a.title),
            )),
            _ => out.push(unknown(
                view,
                key,
                t.fill("unrecorded", &vars),
                format!("the current progress of \"{}\"", a.title),
            )),
        }
    }
    out
}

fn action_owner_due_outcomes(view: &Arc<View>, t: &Templates) -> Array {
    let g = &view.graph;
    let mut out = Array::new();
    for (i, a) in g.data.actions.iter().enumerate() {
        if !view.known(&a.evidence) || !current(view, a.plan.as_deref()) {
            continue;
        }
        let owner_v = action_value(view, i, |x| x.owner.clone(), |c| c.owner.clone());
        let due_v = action_value(view, i, |x| x.due, |c| c.due);
        let key = NodeKey::Action(i);
        let title = a.title.as_str();
        // A value recorded but no longer fresh cannot show a blank today.
        if matches!(owner_v, Value::Unsettled { .. }) || matches!(due_v, Value::Unsettled { .. }) {
            let when = if matches!(owner_v, Value::Unsettled { .. }) {
                reported(&owner_v)
            } else {
                reported(&due_v)
            };
            out.push(unknown(
                view,
                key,
                t.fill("stale", &[("title", title), ("reported", &when)]),
                format!("the current owner and due date of \"{title}\""),
            ));
            continue;
        }
        let (owner, due) = (owner_v.known(), due_v.known());
        let (mut blank, mut missing) = (Vec::new(), Vec::new());
        match owner.as_deref() {
            Some(o) if o.trim().is_empty() => blank.push("owner"),
            None => missing.push("owner"),
            Some(_) => {}
        }
        match due {
            Some(DateCell::Blank) => blank.push("due date"),
            None => missing.push("due date"),
            Some(DateCell::Date(_)) => {}
        }
        if !blank.is_empty() {
            out.push(outcome(
                view,
                key,
                Outcome::Fail,
                t.fill("blank", &[("title", title), ("blank", &blank.join(" or "))]),
            ));
        } else if !missing.is_empty() {
            let verb = if missing.len() == 1 { "is" } else { "are" };
            out.push(unknown(
                view,
                key,
                t.fill(
                    "unrecorded",
                    &[
                        ("title", title),
                        ("missing", &missing.join(" and ")),
                        ("verb", verb),
                    ],
                ),
                format!("the {} of \"{title}\"", missing.join(" and ")),
            ));
        } else {
            let owner = owner
                .as_deref()
                .map(|o| g.node(o).map(|k| g.name_of(k)).unwrap_or(o))
                .unwrap_or("");
            let due = match due {
                Some(DateCell::Date(w)) => w.long(),
                _ => String::new(),
            };
            out.push(outcome(
                view,
                key,
                Outcome::Pass,
                t.fill(
                    "complete",
                    &[("title", title), ("owner", owner), ("due", &due)],
                ),
            ));
        }
    }
    out
}

fn post_outcomes(view: &Arc<View>, months: i64, t: &Templates) -> Array {
    let d = &view.graph.data;
    let horizon = view.as_of.add_months(months);
    let mut out = Array::new();
    for (i, post) in d.posts.iter().enumerate() {
        if !view.known(&post.evidence) {
            continue;
        }
        let key = NodeKey::Post(i);
        let title = post.title.as_str();
        let vacant = post_value(view, i, |x| x.vacant, |c| c.vacant);
        match &vacant {
            Value::Known(true) => {
                out.push(outcome(
                    view,
                    key,
                    Outcome::Fail,
                    t.fill("vacant", &[("title", title)]),
                ));
                continue;
            }
            Value::Unsettled {
                last: Some((true, _)),
            } => {
                let when = reported(&vacant);
                out.push(unknown(
                    view,
                    key,
                    t.fill("stale", &[("title", title), ("reported", &when)]),
                    format!("whether {title} is still vacant"),
                ));
                continue;
            }
            _ => {}
        }
        let fixed = post_value(view, i, |x| x.fixed_term, |c| c.fixed_term).known();
        let funding = post_value(view, i, |x| x.funding, |c| c.funding).known();
        let mut terms = Vec::new();
        if fixed == Some(true) {
            terms.push("fixed-term");
        }
        if matches!(funding, Some(Funding::External | Funding::Mixed)) {
            terms.push("externally funded");
        }
        if terms.is_empty() {
            if fixed.is_none() && funding.is_none() {
                out.push(unknown(
                    view,
                    key,
                    t.fill("untold", &[("title", title)]),
                    format!("whether {title} is fixed-term or externally funded, and until when"),
                ));
            } else {
                out.push(outcome(
                    view,
                    key,
                    Outcome::Pass,
                    t.fill("settled", &[("title", title)]),
                ));
            }
            continue;
        }
        let how = terms.join(" and ");
        match post_value(view, i, |x| x.funding_end, |c| c.funding_end).known() {
            None => out.push(unknown(
                view,
                key,
                t.fill("no_end", &[("title", title), ("how", &how)]),
                format!("when the funding of {title} ends"),
            )),
            Some(end) => {
                let end_text = end.long();
                let end_on = end.on_long();
                let vars = [
                    ("title", title),
                    ("how", how.as_str()),
                    ("end", end_text.as_str()),
                    ("end_on", end_on.as_str()),
                ];
                // Fails when the funding certainly ends by the horizon; an end that may fall
                // either side of it cannot be put to anyone.
                let (a, b) = end.as_end();
                let soon = Tri::decide(b <= horizon, a > horizon);
                match (soon, end.passed_by(view.as_of)) {
                    (Tri::Yes, Tri::Yes) => {
                        out.push(outcome(view, key, Outcome::Fail, t.fill("ended", &vars)))
                    }
                    (Tri::Yes, _) => {
                        out.push(outcome(view, key, Outcome::Fail, t.fill("ending", &vars)))
                    }
                    (Tri::No, _) => {
                        out.push(outcome(view, key, Outcome::Pass, t.fill("funded", &vars)))
                    }
                    (Tri::Maybe, _) => out.push(unknown(
                        view,
                        key,
                        t.fill("unsure", &vars),
                        format!("the day the funding of {title} ends"),
                    )),
                }
            }
        }
    }
    out
}

fn priority_owner_outcomes(view: &Arc<View>, t: &Templates) -> Array {
    let g = &view.graph;
    let mut out = Array::new();
    for (i, pr) in g.data.priorities.iter().enumerate() {
        if !view.known(&pr.evidence) || !current(view, pr.plan.as_deref()) {
            continue;
        }
        let key = NodeKey::Priority(i);
        let title = pr.title.as_str();
        match pr.owner.as_deref() {
            None => out.push(unknown(
                view,
                key,
                t.fill("unrecorded", &[("title", title)]),
                format!("the owner of \"{title}\""),
            )),
            Some(o) if o.trim().is_empty() => out.push(outcome(
                view,
                key,
                Outcome::Fail,
                t.fill("blank", &[("title", title)]),
            )),
            Some(o) => {
                let name = g.node(o).map(|k| g.name_of(k)).unwrap_or(o);
                out.push(outcome(
                    view,
                    key,
                    Outcome::Pass,
                    t.fill("owned", &[("title", title), ("owner", name)]),
                ));
            }
        }
    }
    out
}

fn risk_outcomes(view: &Arc<View>, review_months: i64, t: &Templates) -> Array {
    let g = &view.graph;
    let since = view.as_of.add_months(-review_months);
    let mut out = Array::new();
    for (i, r) in g.data.risks.iter().enumerate() {
        let register = match r.register.as_deref().and_then(|id| g.node(id)) {
            Some(NodeKey::Document(d)) => Some(d),
            _ => None,
        };
        if !view.known(&r.evidence)
            || register.is_some_and(|d| !super::partnership::document_exists(view, d))
        {
            continue;
        }
        // The cells are as of the entry's source, or its register's: a state that goes stale.
        let evidence = if r.evidence.is_empty() {
            register.map_or(&r.evidence[..], |d| &g.data.documents[d].evidence[..])
        } else {
            &r.evidence[..]
        };
        // Past the horizon, or perhaps past it (a source dated only to a range): the cells
        // cannot be put to anyone as today's.
        let old = match view.state(None, None, evidence, State::Risk) {
            // Not yet reported on the date: a register of 2017 says nothing of 2012.
            Support::No => continue,
            Support::Stale { last } => Some(last),
            Support::Maybe => view.reported(evidence).last_when(),
            Support::Yes => None,
        };
        if let Some(last) = old {
            let when = last.on_long();
            out.push(unknown(
                view,
                NodeKey::Risk(i),
                t.fill(
                    "old",
                    &[("description", &r.description), ("reported", &when)],
                ),
                "the partnership's current risk register".to_string(),
            ));
            continue;
        }
        let filled = |c: &Option<Text>| c.as_ref().map(|c| c.value().is_some());
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
        let key = NodeKey::Risk(i);
        let description = r.description.as_str();
        let blank = named(Some(false));
        let stale: Option<When> = match r.review_date {
            Some(DateCell::Date(w)) if w.before(since) == Tri::Yes => Some(w),
            _ => None,
        };
        let unrecorded = named(None);
        if !blank.is_empty() {
            out.push(outcome(
                view,
                key,
                Outcome::Fail,
                t.fill("blank", &[("description", description), ("cells", &blank)]),
            ));
        } else if let Some(w) = stale {
            let review = w.long();
            let review_on = w.on_long();
            out.push(outcome(
                view,
                key,
                Outcome::Fail,
                t.fill(
                    "stale",
                    &[
                        ("description", description),
                        ("review", &review),
                        ("review_on", &review_on),
                    ],
                ),
            ));
        } else if !unrecorded.is_empty() {
            out.push(unknown(
                view,
                key,
                t.fill(
                    "unrecorded",
                    &[("description", description), ("cells", &unrecorded)],
                ),
                format!("the {unrecorded} of \"{description}\" in the risk register"),
            ));
        } else {
            out.push(outcome(
                view,
                key,
                Outcome::Pass,
                t.fill("complete", &[("description", description)]),
            ));
        }
    }
    out
}

pub(super) fn register(engine: &mut Engine) {
    engine
        .register_fn(
            "action_outcomes",
            |p: &mut Partnership, info_days: i64, map: Map| -> Res<Array> {
                let t = Templates::with_defaults(
                    map,
                    &["complete", "not_yet_due", "late", "unrecorded"],
                    &[("stale", "\"{title}\" was due by {due}; it was last reported {status} {reported}, too long ago to rely on")],
                    "action_outcomes",
                )?;
                Ok(action_outcomes(&p.view, info_days, &t))
            },
        )
        .register_fn(
            "action_owner_due_outcomes",
            |p: &mut Partnership, map: Map| -> Res<Array> {
                let t = Templates::with_defaults(
                    map,
                    &["blank", "unrecorded", "complete"],
                    &[("stale", "the owner and due date of \"{title}\" were last recorded {reported}, too long ago to rely on")],
                    "action_owner_due_outcomes",
                )?;
                Ok(action_owner_due_outcomes(&p.view, &t))
            },
        )
        .register_fn(
            "post_outcomes",
            |p: &mut Partnership, months: i64, map: Map| -> Res<Array> {
                let t = Templates::with_defaults(
                    map,
                    &[
                        "vacant", "untold", "settled", "no_end", "ended", "ending", "funded",
                    ],
                    &[
                        ("stale", "{title} was last reported vacant {reported}; whether it still is is not recorded"),
                        ("unsure", "{title} is {how}; its funding ends {end_on}, which may or may not be within the horizon"),
                    ],
                    "post_outcomes",
                )?;
                Ok(post_outcomes(&p.view, months, &t))
            },
        )
        .register_fn(
            "priority_owner_outcomes",
            |p: &mut Partnership, map: Map| -> Res<Array> {
                let t = Templates::from(
                    map,
                    &["unrecorded", "blank", "owned"],
                    "priority_owner_outcomes",
                )?;
                Ok(priority_owner_outcomes(&p.view, &t))
            },
        )
        .register_fn(
            "risk_outcomes",
            |p: &mut Partnership, review_months: i64, map: Map| -> Res<Array> {
                let t = Templates::with_defaults(
                    map,
                    &["blank", "stale", "unrecorded", "complete"],
                    &[("old", "\"{description}\" is recorded in a register of {reported}, too old to show the register today")],
                    "risk_outcomes",
                )?;
                Ok(risk_outcomes(&p.view, review_months, &t))
            },
        );
}
