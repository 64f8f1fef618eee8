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
//! r.id  r.description  r.blank_cells (names of cells shown empty)
//! r.unrecorded_cells (names of cells the register does not have)  r.review_date
//! sr.id  sr.committee  sr.date  sr.topic  sr.recommendations  sr.covers (array of topics)
//! ```

use std::sync::Arc;

use rhai::{Dynamic, Engine, Map};
use scrutineer_graph::NodeKey;
use scrutineer_graph::model::{ActionStatus, DateCell, Funding, Text};

use super::{
    Action, Document, Group, Org, Post, Priority, Review, Risk, View, array, opt, opt_str,
};

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
    let x = &r.view.graph.data.risks[r.index];
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
        .register_get("id", |p: &mut Priority| {
            p.view.graph.data.priorities[p.index].id.clone()
        })
        .register_get("title", |p: &mut Priority| {
            p.view.graph.data.priorities[p.index].title.clone()
        })
        .register_get("plan", |p: &mut Priority| {
            doc(
                &p.view,
                p.view.graph.data.priorities[p.index].plan.as_deref(),
            )
        })
        .register_get("owner", |p: &mut Priority| {
            owner(
                &p.view,
                p.view.graph.data.priorities[p.index].owner.as_ref(),
            )
        })
        .register_get("themes", |p: &mut Priority| {
            array(
                p.view.graph.data.priorities[p.index]
                    .themes
                    .iter()
                    .map(|t| t.as_str().to_string()),
            )
        })
        .register_get("measures", |p: &mut Priority| {
            match &p.view.graph.data.priorities[p.index].measures {
                None => Dynamic::UNIT,
                Some(ms) => Dynamic::from(array(ms.iter().map(|m| {
                    let mut map = Map::new();
                    map.insert("description".into(), Dynamic::from(m.description.clone()));
                    map.insert("baseline".into(), opt(m.baseline.clone()));
                    map.insert("target".into(), opt(m.target.clone()));
                    map
                }))),
            }
        });

    engine
        .register_type_with_name::<Action>("Action")
        .register_get("id", |a: &mut Action| {
            a.view.graph.data.actions[a.index].id.clone()
        })
        .register_get("title", |a: &mut Action| {
            a.view.graph.data.actions[a.index].title.clone()
        })
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
            owner(&a.view, a.view.graph.data.actions[a.index].owner.as_ref())
        })
        .register_get("due", |a: &mut Action| {
            date_cell(a.view.graph.data.actions[a.index].due)
        })
        .register_get("status", |a: &mut Action| {
            opt_str(
                a.view.graph.data.actions[a.index]
                    .status
                    .map(|s| s.as_str()),
            )
        })
        .register_get("complete", |a: &mut Action| {
            let x = &a.view.graph.data.actions[a.index];
            // A completion date on or before the evaluation date settles it; a later one means
            // it was not yet complete then, whatever the status says now.
            match (x.completed, x.status) {
                (Some(w), _) => Dynamic::from(a.view.happened(w)),
                (None, Some(s)) => Dynamic::from(matches!(
                    s,
                    ActionStatus::Complete | ActionStatus::Cancelled
                )),
                (None, None) => Dynamic::UNIT,
            }
        })
        .register_get("completed", |a: &mut Action| {
            opt(a.view.graph.data.actions[a.index].completed)
        })
        .register_get("plan", |a: &mut Action| {
            doc(&a.view, a.view.graph.data.actions[a.index].plan.as_deref())
        });

    engine
        .register_type_with_name::<Post>("Post")
        .register_get("id", |p: &mut Post| {
            p.view.graph.data.posts[p.index].id.clone()
        })
        .register_get("title", |p: &mut Post| {
            p.view.graph.data.posts[p.index].title.clone()
        })
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
            opt(p.view.graph.data.posts[p.index].fixed_term)
        })
        .register_get("funding", |p: &mut Post| {
            opt_str(p.view.graph.data.posts[p.index].funding.map(|f| match f {
                Funding::Core => "core",
                Funding::External => "external",
                Funding::Mixed => "mixed",
            }))
        })
        .register_get("funding_source", |p: &mut Post| {
            opt(p.view.graph.data.posts[p.index].funding_source.clone())
        })
        .register_get("funding_end", |p: &mut Post| {
            opt(p.view.graph.data.posts[p.index].funding_end)
        })
        .register_get("vacant", |p: &mut Post| {
            opt(p.view.graph.data.posts[p.index].vacant)
        });

    engine
        .register_type_with_name::<Risk>("Risk")
        .register_get("id", |r: &mut Risk| {
            r.view.graph.data.risks[r.index].id.clone()
        })
        .register_get("description", |r: &mut Risk| {
            r.view.graph.data.risks[r.index].description.clone()
        })
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
        .register_get("review_date", |r: &mut Risk| {
            date_cell(r.view.graph.data.risks[r.index].review_date)
        })
        .register_get("register", |r: &mut Risk| {
            doc(
                &r.view,
                r.view.graph.data.risks[r.index].register.as_deref(),
            )
        });

    engine
        .register_type_with_name::<Review>("ScrutinyReview")
        .register_get("id", |r: &mut Review| {
            r.view.graph.data.scrutiny_reviews[r.index].id.clone()
        })
        .register_get("date", |r: &mut Review| {
            r.view.graph.data.scrutiny_reviews[r.index].date
        })
        .register_get("topic", |r: &mut Review| {
            r.view.graph.data.scrutiny_reviews[r.index].topic.clone()
        })
        .register_get("covers", |r: &mut Review| {
            array(
                r.view.graph.data.scrutiny_reviews[r.index]
                    .covers
                    .iter()
                    .map(|t| t.as_str().to_string()),
            )
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
            array(
                r.view.graph.data.scrutiny_reviews[r.index]
                    .recommendations
                    .iter()
                    .cloned(),
            )
        });
}
