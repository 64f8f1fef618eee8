//! Whole-list scans done in Rust, for rules that judge every action, post, priority or risk.
//!
//! A script loop over thousands of records costs a few microseconds a record in getters, string
//! building and outcome construction; these helpers do the scan and the classification in Rust
//! and build the outcomes, about ten times faster (see BENCHMARKS.md). The rule still owns every
//! word a person reads: it passes a map of message templates, one per case, in which `{title}`,
//! `{due}` and the like are filled in. Each helper's cases are listed with it.
//!
//! ```text
//! p.action_outcomes(info_days, #{ complete, not_yet_due, late, unrecorded })
//!     {title} {due} {days}; late and less than `info_days` days late is for information
//! p.action_owner_due_outcomes(#{ blank, unrecorded, complete })
//!     {title} {blank} ("owner or due date") {missing} ("owner and due date") {verb} ("is"/"are")
//!     {owner} {due}
//! p.post_outcomes(months, #{ vacant, untold, settled, no_end, ended, ending, funded })
//!     {title} {how} {end}
//! p.priority_owner_outcomes(#{ unrecorded, blank, owned })
//!     {title} {owner}
//! p.risk_outcomes(review_months, #{ blank, stale, unrecorded, complete })
//!     {description} {cells} {review}
//! ```

use std::sync::Arc;

use rhai::{Array, Dynamic, Engine, EvalAltResult, Map, Position};
use scrutineer_graph::model::{ActionStatus, DateCell, Funding, Text};
use scrutineer_graph::{NodeKey, When};

use super::outcomes::{EvidenceRef, ScriptOutcome};
use super::{Partnership, View};
use crate::outcome::{Outcome, Severity};

type Res<T> = Result<T, Box<EvalAltResult>>;

/// The templates a rule passes, checked to have every case the helper needs.
struct Templates(Vec<(String, String)>);

impl Templates {
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
    })
}

/// Whether a record of `plan` is current: its plan exists by the date and is not known to have
/// ended (the same test the rules made with `p.actions()` and `a.plan.in_force != false`).
fn current(view: &Arc<View>, plan: Option<&str>) -> bool {
    match plan.and_then(|id| view.graph.node(id)) {
        Some(NodeKey::Document(i)) => {
            let d = &view.graph.data.documents[i];
            super::partnership::document_exists(view, i)
                && super::documents::in_force(view, d.period_from, d.period_to) != Some(false)
        }
        _ => true,
    }
}

fn action_outcomes(view: &Arc<View>, info_days: i64, t: &Templates) -> Array {
    let d = &view.graph.data;
    let mut out = Array::new();
    for (i, a) in d.actions.iter().enumerate() {
        if !current(view, a.plan.as_deref()) {
            continue;
        }
        let Some(DateCell::Date(due)) = a.due else {
            continue;
        };
        let complete = match (a.completed, a.status) {
            (Some(w), _) => Some(view.happened(w)),
            (None, Some(s)) => Some(matches!(
                s,
                ActionStatus::Complete | ActionStatus::Cancelled
            )),
            (None, None) => None,
        };
        let due_text = due.long();
        let vars = [("title", a.title.as_str()), ("due", due_text.as_str())];
        let key = NodeKey::Action(i);
        if complete == Some(true) {
            out.push(outcome(view, key, Outcome::Pass, t.fill("complete", &vars)));
        } else if view.as_of <= due.latest() {
            out.push(outcome(
                view,
                key,
                Outcome::Pass,
                t.fill("not_yet_due", &vars),
            ));
        } else if complete == Some(false) {
            let late = due.latest().days_until(view.as_of);
            let days = late.to_string();
            let vars = [
                ("title", a.title.as_str()),
                ("due", due_text.as_str()),
                ("days", days.as_str()),
            ];
            let mut o = outcome(view, key, Outcome::Fail, t.fill("late", &vars));
            if late < info_days
                && let Some(mut so) = o.write_lock::<ScriptOutcome>()
            {
                so.severity = Some(Severity::Info);
            }
            out.push(o);
        } else {
            out.push(outcome(
                view,
                key,
                Outcome::Unknown,
                t.fill("unrecorded", &vars),
            ));
        }
    }
    out
}

fn action_owner_due_outcomes(view: &Arc<View>, t: &Templates) -> Array {
    let g = &view.graph;
    let mut out = Array::new();
    for (i, a) in g.data.actions.iter().enumerate() {
        if !current(view, a.plan.as_deref()) {
            continue;
        }
        let (mut blank, mut missing) = (Vec::new(), Vec::new());
        match a.owner.as_deref() {
            Some(o) if o.trim().is_empty() => blank.push("owner"),
            None => missing.push("owner"),
            Some(_) => {}
        }
        match a.due {
            Some(DateCell::Blank) => blank.push("due date"),
            None => missing.push("due date"),
            Some(DateCell::Date(_)) => {}
        }
        let key = NodeKey::Action(i);
        let title = a.title.as_str();
        if !blank.is_empty() {
            out.push(outcome(
                view,
                key,
                Outcome::Fail,
                t.fill("blank", &[("title", title), ("blank", &blank.join(" or "))]),
            ));
        } else if !missing.is_empty() {
            let verb = if missing.len() == 1 { "is" } else { "are" };
            out.push(outcome(
                view,
                key,
                Outcome::Unknown,
                t.fill(
                    "unrecorded",
                    &[
                        ("title", title),
                        ("missing", &missing.join(" and ")),
                        ("verb", verb),
                    ],
                ),
            ));
        } else {
            let owner = a
                .owner
                .as_deref()
                .map(|o| g.node(o).map(|k| g.name_of(k)).unwrap_or(o))
                .unwrap_or("");
            let due = match a.due {
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
        let key = NodeKey::Post(i);
        let title = post.title.as_str();
        if post.vacant == Some(true) {
            out.push(outcome(
                view,
                key,
                Outcome::Fail,
                t.fill("vacant", &[("title", title)]),
            ));
            continue;
        }
        let mut terms = Vec::new();
        if post.fixed_term == Some(true) {
            terms.push("fixed-term");
        }
        if matches!(post.funding, Some(Funding::External | Funding::Mixed)) {
            terms.push("externally funded");
        }
        if terms.is_empty() {
            if post.fixed_term.is_none() && post.funding.is_none() {
                out.push(outcome(
                    view,
                    key,
                    Outcome::Unknown,
                    t.fill("untold", &[("title", title)]),
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
        match post.funding_end {
            None => out.push(outcome(
                view,
                key,
                Outcome::Fail,
                t.fill("no_end", &[("title", title), ("how", &how)]),
            )),
            Some(end) => {
                let end_text = end.long();
                let vars = [
                    ("title", title),
                    ("how", how.as_str()),
                    ("end", end_text.as_str()),
                ];
                let (o, case) = if end.latest() < view.as_of {
                    (Outcome::Fail, "ended")
                } else if end.earliest() <= horizon {
                    (Outcome::Fail, "ending")
                } else {
                    (Outcome::Pass, "funded")
                };
                out.push(outcome(view, key, o, t.fill(case, &vars)));
            }
        }
    }
    out
}

fn priority_owner_outcomes(view: &Arc<View>, t: &Templates) -> Array {
    let g = &view.graph;
    let mut out = Array::new();
    for (i, pr) in g.data.priorities.iter().enumerate() {
        if !current(view, pr.plan.as_deref()) {
            continue;
        }
        let key = NodeKey::Priority(i);
        let title = pr.title.as_str();
        match pr.owner.as_deref() {
            None => out.push(outcome(
                view,
                key,
                Outcome::Unknown,
                t.fill("unrecorded", &[("title", title)]),
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
        let visible = match r.register.as_deref().and_then(|id| g.node(id)) {
            Some(NodeKey::Document(d)) => super::partnership::document_exists(view, d),
            _ => true,
        };
        if !visible {
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
            Some(DateCell::Date(w)) if w.latest() < since => Some(w),
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
            out.push(outcome(
                view,
                key,
                Outcome::Fail,
                t.fill(
                    "stale",
                    &[("description", description), ("review", &review)],
                ),
            ));
        } else if !unrecorded.is_empty() {
            out.push(outcome(
                view,
                key,
                Outcome::Unknown,
                t.fill(
                    "unrecorded",
                    &[("description", description), ("cells", &unrecorded)],
                ),
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
                let t = Templates::from(
                    map,
                    &["complete", "not_yet_due", "late", "unrecorded"],
                    "action_outcomes",
                )?;
                Ok(action_outcomes(&p.view, info_days, &t))
            },
        )
        .register_fn(
            "action_owner_due_outcomes",
            |p: &mut Partnership, map: Map| -> Res<Array> {
                let t = Templates::from(
                    map,
                    &["blank", "unrecorded", "complete"],
                    "action_owner_due_outcomes",
                )?;
                Ok(action_owner_due_outcomes(&p.view, &t))
            },
        )
        .register_fn(
            "post_outcomes",
            |p: &mut Partnership, months: i64, map: Map| -> Res<Array> {
                let t = Templates::from(
                    map,
                    &[
                        "vacant", "untold", "settled", "no_end", "ended", "ending", "funded",
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
                let t = Templates::from(
                    map,
                    &["blank", "stale", "unrecorded", "complete"],
                    "risk_outcomes",
                )?;
                Ok(risk_outcomes(&p.view, review_months, &t))
            },
        );
}
