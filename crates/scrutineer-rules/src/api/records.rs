//! `Priority`, `Action`, `Post`, `Risk` and `ScrutinyReview` in scripts.
//!
//! A field a record may leave blank reads as `""` when the document shows it blank, and `()`
//! when the document does not say.
//!
//! ```text
//! pr.id  pr.title  pr.plan  pr.owner ("" | name | ())  pr.themes
//! pr.measures             // () when not recorded; else array of #{description, baseline, target}
//! a.plan (Document or ())
//! a.id  a.title  a.owner  a.due (When | "" | ())  a.status  a.complete (bool or ())  a.completed
//! post.id  post.title  post.host  post.fixed_term  post.funding ("core"|"external"|"mixed"|())
//! post.funding_source  post.funding_end (When or ())  post.vacant
//! x.last_known("vacant")  // for a post or action: #{ value, reported } of a field no longer
//!                         // known on the date (stale or unsettled), or ()
//!
//! An action's status, owner and due date, and a post's vacancy and funding, are states: they
//! hold as their source reports them (or from a change's own date) and go stale a year after the
//! last report, when they read as `()`.
//! r.id  r.description  r.blank_cells (names of cells shown empty)
//! r.unrecorded_cells (names of cells the register does not have)  r.review_date
//! sr.id  sr.committee  sr.date  sr.topic  sr.recommendations  sr.covers (array of topics)
//! ```

use std::sync::Arc;

use rhai::{Dynamic, Engine, Map};
use scrutineer_graph::as_of::{State, Value, history};
use scrutineer_graph::model::{ActionStatus, DateCell, Funding, Text};
use scrutineer_graph::{NodeKey, When};

use super::{
    Action, Document, Group, Org, Post, Priority, Review, Risk, View, array, opt, opt_str,
};

/// A field of a post on the date.
pub(crate) fn post_value<T: Clone + PartialEq>(
    view: &View,
    i: usize,
    base: impl Fn(&scrutineer_graph::model::Post) -> Option<T>,
    change: impl Fn(&scrutineer_graph::model::PostChange) -> Option<T>,
) -> Value<T> {
    let x = &view.graph.data.posts[i];
    view.value(
        &history(None, base(x), &x.evidence, &x.changes, change),
        State::Post,
    )
}

/// A field of an action on the date.
pub(crate) fn action_value<T: Clone + PartialEq>(
    view: &View,
    i: usize,
    base: impl Fn(&scrutineer_graph::model::Action) -> Option<T>,
    change: impl Fn(&scrutineer_graph::model::ActionChange) -> Option<T>,
) -> Value<T> {
    let x = &view.graph.data.actions[i];
    view.value(
        &history(None, base(x), &x.evidence, &x.changes, change),
        State::Action,
    )
}

/// Whether an action is complete on the date: a completion date settles it (one after the
/// date means it was not yet complete then); else its status, while that is known.
pub(crate) fn action_complete(view: &View, i: usize) -> Option<bool> {
    let x = &view.graph.data.actions[i];
    if let Some(w) = x.completed {
        return view.happened(w).known();
    }
    action_value(view, i, |a| a.status, |c| c.status)
        .known()
        .map(|s| matches!(s, ActionStatus::Complete | ActionStatus::Cancelled))
}

/// `#{ value, reported }` for a value no longer known on the date, for messages.
fn last_known<T: Clone + Into<Dynamic>>(v: Value<T>) -> Dynamic {
    match v {
        Value::Unsettled {
            last: Some((value, reported)),
        } => {
            let mut m = Map::new();
            m.insert("value".into(), value.into());
            m.insert("reported".into(), opt::<When>(reported));
            Dynamic::from(m)
        }
        _ => Dynamic::UNIT,
    }
}

fn known<T: Clone + Send + Sync + 'static>(v: Value<T>) -> Dynamic {
    opt(v.known())
}

/// An owner field: `""` blank, the owner's name, or `()` when not recorded.
fn owner(view: &Arc<View>, field: Option<&String>) -> Dynamic {
    match field {
        None => Dynamic::UNIT,
        Some(id) if id.trim().is_empty() => Dynamic::from(String::new()),
        Some(id) => Dynamic::from(
            view.graph
                .node(id)
                .map(|k| view.graph.name_of(k).to_string())
                .unwrap_or(id.clone()),
        ),
    }
}

fn date_cell(cell: Option<DateCell>) -> Dynamic {
    match cell {
        None => Dynamic::UNIT,
        Some(DateCell::Blank) => Dynamic::from(String::new()),
        Some(DateCell::Date(w)) => Dynamic::from(w),
    }
}

fn doc(view: &Arc<View>, id: Option<&str>) -> Dynamic {
    match id.and_then(|id| view.graph.node(id)) {
        Some(NodeKey::Document(i)) => Dynamic::from(Document::new(view, i)),
        _ => Dynamic::UNIT,
    }
}

fn risk_cells(r: &Risk) -> [(&'static str, Option<bool>); 6] {
    let x = &r.rec();
    let filled = |t: &Option<Text>| t.as_ref().map(|t| t.value().is_some());
    [
        ("consequence", filled(&x.consequence)),
        ("likelihood", filled(&x.likelihood)),
        ("impact", filled(&x.impact)),
        ("controls", filled(&x.controls)),
        ("owner", filled(&x.owner)),
        ("review_date", x.review_date.map(|c| c != DateCell::Blank)),
    ]
}

pub(super) fn register(engine: &mut Engine) {
    engine
        .register_type_with_name::<Priority>("Priority")
        .register_get("id", |p: &mut Priority| p.rec().id.clone())
        .register_get("title", |p: &mut Priority| p.rec().title.clone())
        .register_get("plan", |p: &mut Priority| {
            doc(&p.view, p.rec().plan.as_deref())
        })
        .register_get("owner", |p: &mut Priority| {
            owner(&p.view, p.rec().owner.as_ref())
        })
        .register_get("themes", |p: &mut Priority| {
            array(p.rec().themes.iter().map(|t| t.as_str().to_string()))
        })
        .register_get("measures", |p: &mut Priority| match &p.rec().measures {
            None => Dynamic::UNIT,
            Some(ms) => Dynamic::from(array(ms.iter().map(|m| {
                let mut map = Map::new();
                map.insert("description".into(), Dynamic::from(m.description.clone()));
                map.insert("baseline".into(), opt(m.baseline.clone()));
                map.insert("target".into(), opt(m.target.clone()));
                map
            }))),
        });

    engine
        .register_type_with_name::<Action>("Action")
        .register_get("id", |a: &mut Action| a.rec().id.clone())
        .register_get("title", |a: &mut Action| a.rec().title.clone())
        .register_get("plan", |a: &mut Action| {
            let v = &a.view;
            match v.graph.data.actions[a.index]
                .plan
                .as_deref()
                .and_then(|id| v.graph.node(id))
            {
                Some(scrutineer_graph::NodeKey::Document(i)) => {
                    Dynamic::from(super::Document::new(v, i))
                }
                _ => Dynamic::UNIT,
            }
        })
        .register_get("owner", |a: &mut Action| {
            let o =
                action_value(&a.view, a.index, |x| x.owner.clone(), |c| c.owner.clone()).known();
            owner(&a.view, o.as_ref())
        })
        .register_get("due", |a: &mut Action| {
            date_cell(action_value(&a.view, a.index, |x| x.due, |c| c.due).known())
        })
        .register_get("status", |a: &mut Action| {
            opt_str(
                action_value(&a.view, a.index, |x| x.status, |c| c.status)
                    .known()
                    .map(|s| s.as_str()),
            )
        })
        .register_get("complete", |a: &mut Action| {
            opt(action_complete(&a.view, a.index))
        })
        .register_fn("last_known", |a: &mut Action, field: &str| match field {
            "status" => last_known(
                match action_value(&a.view, a.index, |x| x.status, |c| c.status) {
                    Value::Unsettled { last } => Value::Unsettled {
                        last: last.map(|(s, w)| (s.as_str().to_string(), w)),
                    },
                    _ => Value::Unrecorded,
                },
            ),
            _ => Dynamic::UNIT,
        })
        .register_get("completed", |a: &mut Action| opt(a.rec().completed))
        .register_get("plan", |a: &mut Action| {
            doc(&a.view, a.rec().plan.as_deref())
        });

    engine
        .register_type_with_name::<Post>("Post")
        .register_get("id", |p: &mut Post| p.rec().id.clone())
        .register_get("title", |p: &mut Post| p.rec().title.clone())
        .register_get("host", |p: &mut Post| {
            let v = &p.view;
            match v.graph.data.posts[p.index]
                .host
                .as_deref()
                .and_then(|id| v.graph.node(id))
            {
                Some(NodeKey::Organisation(i)) => Dynamic::from(Org::new(v, i)),
                _ => Dynamic::UNIT,
            }
        })
        .register_get("fixed_term", |p: &mut Post| {
            known(post_value(
                &p.view,
                p.index,
                |x| x.fixed_term,
                |c| c.fixed_term,
            ))
        })
        .register_get("funding", |p: &mut Post| {
            opt_str(
                post_value(&p.view, p.index, |x| x.funding, |c| c.funding)
                    .known()
                    .map(Funding::as_str),
            )
        })
        .register_get("funding_source", |p: &mut Post| {
            known(post_value(
                &p.view,
                p.index,
                |x| x.funding_source.clone(),
                |c| c.funding_source.clone(),
            ))
        })
        .register_get("funding_end", |p: &mut Post| {
            known(post_value(
                &p.view,
                p.index,
                |x| x.funding_end,
                |c| c.funding_end,
            ))
        })
        .register_get("vacant", |p: &mut Post| {
            known(post_value(&p.view, p.index, |x| x.vacant, |c| c.vacant))
        })
        .register_fn("last_known", |p: &mut Post, field: &str| match field {
            "vacant" => last_known(post_value(&p.view, p.index, |x| x.vacant, |c| c.vacant)),
            _ => Dynamic::UNIT,
        });

    engine
        .register_type_with_name::<Risk>("Risk")
        .register_get("id", |r: &mut Risk| r.rec().id.clone())
        .register_get("description", |r: &mut Risk| r.rec().description.clone())
        .register_get("blank_cells", |r: &mut Risk| {
            array(
                risk_cells(r)
                    .into_iter()
                    .filter(|(_, f)| *f == Some(false))
                    .map(|(n, _)| n.to_string()),
            )
        })
        .register_get("unrecorded_cells", |r: &mut Risk| {
            array(
                risk_cells(r)
                    .into_iter()
                    .filter(|(_, f)| f.is_none())
                    .map(|(n, _)| n.to_string()),
            )
        })
        .register_get("review_date", |r: &mut Risk| date_cell(r.rec().review_date))
        .register_get("register", |r: &mut Risk| {
            doc(&r.view, r.rec().register.as_deref())
        });

    engine
        .register_type_with_name::<Review>("ScrutinyReview")
        .register_get("id", |r: &mut Review| r.rec().id.clone())
        .register_get("date", |r: &mut Review| r.rec().date)
        .register_get("topic", |r: &mut Review| r.rec().topic.clone())
        .register_get("covers", |r: &mut Review| {
            array(r.rec().covers.iter().map(|t| t.as_str().to_string()))
        })
        .register_get("committee", |r: &mut Review| {
            let v = &r.view;
            match v
                .graph
                .node(&v.graph.data.scrutiny_reviews[r.index].committee)
            {
                Some(NodeKey::Group(i)) => Dynamic::from(Group::new(v, i)),
                _ => Dynamic::UNIT,
            }
        })
        .register_get("recommendations", |r: &mut Review| {
            array(r.rec().recommendations.iter().cloned())
        });
}
