//! `Partnership`: the argument of `check`, and the way into everything else.
//!
//! ```text
//! p.id  p.name  p.nation ("England"|"Wales")  p.tier ("district"|"unitary"|"welsh_principal_area")
//! p.county  p.as_of (Date)  p.records_to (Date or (): the newest source's date)
//! p.organisations()  p.organisations_of_kind("probation_provider")
//! p.responsible_authorities()        // bodies s.5(1) makes responsible authorities on the date
//! p.health_kind_required()           // "integrated_care_board", ... or () before 30 April 2004
//! p.strategy_group()  p.committee()  p.groups()  p.groups_of_kind("subgroup")
//! p.groups_ever_of_kind("channel_panel")   // including groups not in force on the date
//! p.documents_of_kind("partnership_plan")   // those that exist by the date, oldest first
//! p.priorities()  p.actions()  p.posts()  p.risks()  p.scrutiny_reviews()
//! p.reporting_cycles()               // arrays of groups, each a cycle in force on the date
//! ```

use std::sync::Arc;

use rhai::{Array, Dynamic, Engine};
use scrutineer_graph::model::{GroupKind, Nation, Tier};

use super::{
    Action, Document, Group, Org, Partnership, Post, Priority, Review, Risk, View, array, opt,
};
use crate::law;

impl Partnership {
    pub(super) fn view(&self) -> &Arc<View> {
        &self.view
    }
}

/// Organisations in force on the date.
pub(crate) fn organisations(view: &Arc<View>) -> impl Iterator<Item = Org> + '_ {
    view.graph
        .data
        .organisations
        .iter()
        .enumerate()
        .filter(|(_, o)| view.in_force(o.from, o.to))
        .map(|(i, _)| Org::new(view, i))
}

/// Groups in force on the date, in file order.
pub(crate) fn groups(view: &Arc<View>) -> impl Iterator<Item = Group> + '_ {
    view.graph
        .data
        .groups
        .iter()
        .enumerate()
        .filter(|(_, g)| view.in_force(g.from, g.to))
        .map(|(i, _)| Group::new(view, i))
}

fn first_group(view: &Arc<View>, kind: GroupKind) -> Dynamic {
    groups(view)
        .find(|g| view.graph.data.groups[g.index].kind == kind)
        .map(Dynamic::from)
        .unwrap_or(Dynamic::UNIT)
}

/// Documents that exist by the date: approved or published on or before it, or (when neither
/// is recorded) whose period has begun, or undated ones.
pub(crate) fn document_exists(view: &View, index: usize) -> bool {
    let d = &view.graph.data.documents[index];
    match d.approved.or(d.published) {
        Some(w) => view.happened(w),
        None => d.period_from.is_none_or(|f| f.earliest() <= view.as_of),
    }
}

pub(super) fn register(engine: &mut Engine) {
    engine
        .register_type_with_name::<Partnership>("Partnership")
        .register_get("id", |p: &mut Partnership| p.view.graph.data.id.clone())
        .register_get("name", |p: &mut Partnership| p.view.graph.data.name.clone())
        .register_get("nation", |p: &mut Partnership| {
            match p.view.graph.data.nation {
                Nation::England => "England".to_string(),
                Nation::Wales => "Wales".to_string(),
            }
        })
        .register_get("tier", |p: &mut Partnership| match p.view.graph.data.tier {
            Tier::District => "district".to_string(),
            Tier::Unitary => "unitary".to_string(),
            Tier::WelshPrincipalArea => "welsh_principal_area".to_string(),
        })
        .register_get("county", |p: &mut Partnership| {
            opt(p.view.graph.data.county.clone())
        })
        .register_get("as_of", |p: &mut Partnership| p.view.as_of)
        .register_get("records_to", |p: &mut Partnership| {
            opt(p.view.graph.newest_source_date())
        })
        .register_fn("organisations", |p: &mut Partnership| {
            array(organisations(p.view()))
        })
        .register_fn(
            "organisations_of_kind",
            |p: &mut Partnership, kind: &str| {
                let v = p.view();
                array(
                    organisations(v)
                        .filter(|o| v.graph.data.organisations[o.index].kind.as_str() == kind),
                )
            },
        )
        .register_fn("responsible_authorities", |p: &mut Partnership| {
            let v = p.view();
            let d = &v.graph.data;
            array(organisations(v).filter(|o| {
                law::responsible_authority_limb(
                    d.organisations[o.index].kind,
                    d.nation,
                    d.tier,
                    v.as_of,
                )
                .is_some()
            }))
        })
        .register_fn("health_kind_required", |p: &mut Partnership| {
            let v = p.view();
            law::health_kind_required(v.graph.data.nation, v.as_of)
                .map(|k| Dynamic::from(k.as_str().to_string()))
                .unwrap_or(Dynamic::UNIT)
        })
        .register_fn("strategy_group", |p: &mut Partnership| {
            first_group(p.view(), GroupKind::StrategyGroup)
        })
        .register_fn("committee", |p: &mut Partnership| {
            first_group(p.view(), GroupKind::CrimeAndDisorderCommittee)
        })
        .register_fn("groups", |p: &mut Partnership| array(groups(p.view())))
        .register_fn("groups_of_kind", |p: &mut Partnership, kind: &str| {
            let v = p.view();
            array(groups(v).filter(|g| v.graph.data.groups[g.index].kind.as_str() == kind))
        })
        .register_fn("groups_ever_of_kind", |p: &mut Partnership, kind: &str| {
            let v = p.view();
            array(
                (0..v.graph.data.groups.len())
                    .filter(|&i| v.graph.data.groups[i].kind.as_str() == kind)
                    .filter(|&i| {
                        v.graph.data.groups[i]
                            .from
                            .is_none_or(|f| f.earliest() <= v.as_of)
                    })
                    .map(|i| Group::new(v, i)),
            )
        })
        .register_fn(
            "documents_of_kind",
            |p: &mut Partnership, kind: &str| -> Array {
                let v = p.view();
                let mut docs: Vec<usize> = (0..v.graph.data.documents.len())
                    .filter(|&i| {
                        v.graph.data.documents[i].kind.as_str() == kind && document_exists(v, i)
                    })
                    .collect();
                // Oldest first, by the first date the document records; undated ones first.
                docs.sort_by_key(|&i| {
                    let d = &v.graph.data.documents[i];
                    (
                        d.approved
                            .or(d.published)
                            .or(d.period_from)
                            .map(|w| w.earliest()),
                        i,
                    )
                });
                array(docs.into_iter().map(|i| Document::new(v, i)))
            },
        )
        .register_fn("priorities", |p: &mut Partnership| {
            let v = p.view();
            let d = &v.graph.data;
            array(
                (0..d.priorities.len())
                    .filter(|&i| visible_in_plan(v, d.priorities[i].plan.as_deref()))
                    .map(|i| Priority::new(v, i)),
            )
        })
        .register_fn("actions", |p: &mut Partnership| {
            let v = p.view();
            let d = &v.graph.data;
            array(
                (0..d.actions.len())
                    .filter(|&i| visible_in_plan(v, d.actions[i].plan.as_deref()))
                    .map(|i| Action::new(v, i)),
            )
        })
        .register_fn("posts", |p: &mut Partnership| {
            let v = p.view();
            array((0..v.graph.data.posts.len()).map(|i| Post::new(v, i)))
        })
        .register_fn("risks", |p: &mut Partnership| {
            let v = p.view();
            let d = &v.graph.data;
            array(
                (0..d.risks.len())
                    .filter(|&i| visible_in_plan(v, d.risks[i].register.as_deref()))
                    .map(|i| Risk::new(v, i)),
            )
        })
        .register_fn("scrutiny_reviews", |p: &mut Partnership| {
            let v = p.view();
            let d = &v.graph.data;
            let mut rows: Vec<usize> = (0..d.scrutiny_reviews.len())
                .filter(|&i| v.happened(d.scrutiny_reviews[i].date))
                .collect();
            rows.sort_by_key(|&i| (d.scrutiny_reviews[i].date.latest(), i));
            array(rows.into_iter().map(|i| Review::new(v, i)))
        })
        .register_fn("reporting_cycles", |p: &mut Partnership| -> Array {
            let v = p.view();
            v.graph
                .reporting_cycles(v.as_of)
                .into_iter()
                .map(|c| {
                    let groups: Array = c
                        .groups
                        .iter()
                        .filter_map(|id| match v.graph.node(id) {
                            Some(scrutineer_graph::NodeKey::Group(i)) => {
                                Some(Dynamic::from(Group::new(v, i)))
                            }
                            _ => None,
                        })
                        .collect();
                    Dynamic::from(groups)
                })
                .collect()
        });
}

/// Records that belong to a document (priorities of a plan, risks of a register) are seen when
/// their document exists by the date, or always when they name none.
pub(super) fn visible_in_plan(view: &Arc<View>, doc: Option<&str>) -> bool {
    match doc.and_then(|id| view.graph.node(id)) {
        Some(scrutineer_graph::NodeKey::Document(i)) => document_exists(view, i),
        _ => true,
    }
}
