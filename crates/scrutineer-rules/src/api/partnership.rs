//! `Partnership`: the argument of `check`, and the way into everything else.
//!
//! ```text
//! p.id  p.name  p.nation ("England"|"Wales")  p.tier ("district"|"unitary"|"welsh_principal_area")
//! p.place ("london"|"city_of_london"|())  p.county  p.as_of (Date)
//! p.known_on (Date or (): only sources dated by then are read)
//! p.records_to (Date or (): the newest source read)
//! p.organisations()  p.organisations_of_kind("probation_provider")   // existing on the date
//! p.recorded_organisations()         // as the records present them, even of a kind abolished by then
//! p.responsible_authorities()        // bodies s.5(1) makes responsible authorities on the date
//! p.health_kind_required()           // "integrated_care_board", ... or () before 30 April 2004
//! p.strategy_group()  p.committee()  p.committees()  p.groups()  p.groups_of_kind("subgroup")
//! p.groups_ever_of_kind("channel_panel")   // including groups not in force on the date
//! p.documents_of_kind("partnership_plan")   // those that exist by the date, oldest first
//! p.all_documents_of_kind("partnership_plan") // every one recorded, whatever its dates
//! p.plan_in_force("partnership_plan") // #{ answer: true|false|(), plan, maybe, newest,
//!                                    //    subject, why, request, fact }: when the answer is (),
//!                                    // `unknown(f.subject, f.why).ask_for(f.request).fact(f.fact)`
//!                                    // is the one finding every rule needing the plan shares
//! p.documents_within("annual_report", 12)   // a Window (see window.rs)
//! p.documents_between("consultation_record", from, to)   // a Window for a period
//! p.reviews_within(12)               // a Window of every committee's reviews
//! p.documents_complete("partnership_plan", from, to)   // declared complete for the period?
//! p.groups_complete("crime_and_disorder_committee")   // the area's groups of a kind listed in full today
//! p.priorities()  p.actions()  p.posts()  p.risks()  p.scrutiny_reviews()
//! p.reporting_cycles()               // arrays of groups, each a cycle in force on the date
//! p.law_in_force("reg3_2_each_ra_seat")   // the law table's entry is in force here today
//! p.law_from("probation_unified")  p.law_to("cda_s5_ccg")   // its first and last day here, or ()
//! p.law_date("sv_guidance_2024", "strategy_published_by")     // another day the entry names
//! p.severity_under("reg3_2_each_ra_seat")  // "violation" while it is in force here and read, else "warning"
//! ```
//!
//! Rules take every legal date from the law table through these, never as a literal.

use std::sync::Arc;

use rhai::{Array, Dynamic, Engine, EvalAltResult, Map, Position};
use scrutineer_graph::model::{DocKind, GroupKind, Nation};
use scrutineer_graph::{Date, NodeKey, Tri, When};

use super::window::{ScriptWindow, period};
use super::{
    Action, Document, Group, Org, Partnership, Post, Priority, Review, Risk, View, array, opt, tri,
};
use crate::law;

type Res<T> = Result<T, Box<EvalAltResult>>;

impl Partnership {
    pub(super) fn view(&self) -> &Arc<View> {
        &self.view
    }
}

/// A kind of document from its script name, or an error naming the kinds.
pub(super) fn doc_kind(kind: &str) -> Res<DocKind> {
    DocKind::from_name(kind).ok_or_else(|| {
        let names: Vec<&str> = DocKind::ALL.iter().map(|k| k.as_str()).collect();
        let hint = scrutineer_graph::diagnostics::did_you_mean(kind, names.iter().copied())
            .map(|s| format!("did you mean `{s}`?"))
            .unwrap_or_else(|| format!("the kinds are {}", names.join(", ")));
        Box::new(EvalAltResult::ErrorRuntime(
            format!("unknown document kind `{kind}`; {hint}").into(),
            Position::NONE,
        ))
    })
}

/// Organisations that exist on the date: within their own dates, not replaced, and of a kind
/// that still exists in law (a clinical commissioning group is no body after June 2022).
pub(crate) fn organisations(view: &Arc<View>) -> impl Iterator<Item = Org> + '_ {
    recorded_organisations(view).filter(|o| {
        law::in_being(
            super::organisations::kind(o),
            view.graph.data.place,
            view.as_of,
        )
    })
}

/// Organisations the records present as existing on the date, whatever the law says of their
/// kind: for rules about the records themselves.
pub(crate) fn recorded_organisations(view: &Arc<View>) -> impl Iterator<Item = Org> + '_ {
    (0..view.graph.data.organisations.len())
        .filter(|&i| view.exists(NodeKey::Organisation(i)) == Tri::Yes)
        .map(|i| Org::new(view, i))
}

/// Groups that exist on the date, in file order.
pub(crate) fn groups(view: &Arc<View>) -> impl Iterator<Item = Group> + '_ {
    (0..view.graph.data.groups.len())
        .filter(|&i| view.exists(NodeKey::Group(i)) == Tri::Yes)
        .map(|i| Group::new(view, i))
}

/// The kind a group has on the date (its history may change it).
pub(crate) fn group_kind(view: &View, i: usize) -> GroupKind {
    view.group_value(
        i,
        |g| Some(g.kind),
        |c| c.kind,
        scrutineer_graph::as_of::State::Identity,
    )
    .known()
    .unwrap_or(view.graph.data.groups[i].kind)
}

/// The group of `kind` in being on the date: a successor before the group it replaces, then
/// the first in file order.
pub(crate) fn first_group(view: &Arc<View>, kind: GroupKind) -> Option<usize> {
    let found: Vec<usize> = groups(view)
        .map(|g| g.index)
        .filter(|&i| group_kind(view, i) == kind)
        .collect();
    // A group that another of the same kind replaces comes after its successor.
    found
        .iter()
        .copied()
        .find(|&i| {
            !view
                .graph
                .successors(NodeKey::Group(i))
                .iter()
                .any(|s| matches!(s, NodeKey::Group(j) if found.contains(j)))
        })
        .or_else(|| found.first().copied())
}

/// Documents that exist by the date: produced (completed, presented, approved or published)
/// on or before it, or (when none of those is recorded) whose period has begun, or undated
/// ones.
///
/// A document produced on a date that straddles the day is not counted; one whose period may
/// have begun is. Rules that must not rest on either use [`document_exists_by`].
pub(crate) fn document_exists(view: &View, index: usize) -> bool {
    let by = document_exists_by(view, index);
    if view.produced(index).is_empty() {
        by != Tri::No
    } else {
        by == Tri::Yes
    }
}

/// Whether the document certainly exists on the date (yes), certainly not yet (no), or cannot
/// be told (a production date, or the start of its period, that straddles the date).
pub(crate) fn document_exists_by(view: &View, index: usize) -> Tri {
    let d = &view.graph.data.documents[index];
    if !view.known(&d.evidence) {
        return Tri::No;
    }
    let dates = view.produced(index);
    if dates.is_empty() {
        return d.period_from.map_or(Tri::Yes, |f| f.started_by(view.as_of));
    }
    dates
        .iter()
        .fold(Tri::No, |any, w| any.or(view.happened(*w)))
}

/// The sort key of a document: the first date it records, undated ones first.
fn doc_order(view: &View, i: usize) -> (Option<Date>, usize) {
    let d = &view.graph.data.documents[i];
    (
        d.approved
            .or(d.published)
            .or(d.completed)
            .or(d.period_from)
            .map(|w| w.earliest()),
        i,
    )
}

/// The plan of `kind` in force on the date, read from every plan recorded whatever its
/// approval: `answer` is true when a plan's period certainly covers the day, false when none
/// can and the file declares the plans complete for the day, `()` otherwise.
fn plan_in_force(view: &Arc<View>, kind: DocKind) -> Map {
    let d = &view.graph.data;
    let plans: Vec<usize> = (0..d.documents.len())
        .filter(|&i| d.documents[i].kind == kind && view.known(&d.documents[i].evidence))
        .collect();
    let span = |i: usize| {
        let x = &d.documents[i];
        if x.period_from.is_none() && x.period_to.is_none() {
            Tri::Maybe
        } else {
            view.span(x.period_from, x.period_to)
        }
    };
    // The newest plan is the one whose period ends last.
    let newest = plans
        .iter()
        .copied()
        .filter(|&i| d.documents[i].period_to.is_some())
        .max_by_key(|&i| (d.documents[i].period_to.map(|w| w.latest()), i));
    let sure: Vec<usize> = plans
        .iter()
        .copied()
        .filter(|&i| span(i) == Tri::Yes)
        .collect();
    let maybe: Vec<usize> = plans
        .iter()
        .copied()
        .filter(|&i| span(i) == Tri::Maybe)
        .collect();
    let complete = view.events_complete(
        scrutineer_graph::model::ListKind::Documents,
        None,
        Some(kind),
        view.as_of,
        view.as_of,
    );
    // The plan in force: the one that started last among those certainly in force, unless a
    // plan that may be in force may have started after it (then which plan is current, and so
    // what it says, cannot be told).
    let start = |i: usize| {
        d.documents[i]
            .period_from
            .map_or((Date::FAR_PAST, Date::FAR_PAST), |w| w.as_start())
    };
    let plan = sure
        .iter()
        .copied()
        .max_by_key(|&i| (start(i).0, i))
        .filter(|&p| maybe.iter().all(|&m| start(m).1 <= start(p).0));
    let answer = Tri::decide(
        plan.is_some(),
        sure.is_empty() && maybe.is_empty() && complete,
    );
    let mut m = Map::new();
    m.insert("answer".into(), tri(answer));
    m.insert(
        "plan".into(),
        plan.map(|i| Dynamic::from(Document::new(view, i)))
            .unwrap_or(Dynamic::UNIT),
    );
    m.insert(
        "maybe".into(),
        Dynamic::from(array(maybe.iter().map(|&i| Document::new(view, i)))),
    );
    m.insert(
        "newest".into(),
        newest
            .map(|i| Dynamic::from(Document::new(view, i)))
            .unwrap_or(Dynamic::UNIT),
    );
    // When it cannot be told, one account of why, shared by every rule that needs the plan:
    // its subject, the words, the record to ask for and the fact they name.
    let day = view.as_of.long();
    let (subject, why, request) = if let Some(&i) = maybe.first() {
        let x = &d.documents[i];
        (
            Dynamic::from(Document::new(view, i)),
            format!(
                "the records do not settle whether {} is in force on {day} ({})",
                x.title,
                When::period_words(x.period_from, x.period_to)
            ),
            format!(
                "the dates of {}: when it was agreed and the period it covers",
                x.title
            ),
        )
    } else {
        let last = newest.and_then(|i| Some((&d.documents[i].title, d.documents[i].period_to?)));
        let held = match last {
            Some((title, w)) => format!("the newest on record, {title}, ends {}", w.on_long()),
            None => "the records hold none".to_string(),
        };
        let ended = match last {
            Some((title, w)) if w.passed_by(view.as_of) == Tri::Yes => {
                format!("; the newest on record, {title}, ended {}", w.on_long())
            }
            _ => String::new(),
        };
        (
            Dynamic::from(d.id.clone()),
            format!(
                "no {} known to be in force on {day} is recorded{ended}",
                kind_words(kind)
            ),
            format!(
                "the partnership's {} in force on {day} ({held})",
                kind_plural(kind)
            ),
        )
    };
    m.insert("subject".into(), subject);
    m.insert("why".into(), Dynamic::from(why));
    m.insert("request".into(), Dynamic::from(request));
    m.insert(
        "fact".into(),
        Dynamic::from(format!("in-force:{}", kind.as_str())),
    );
    m
}

/// The law table's entry `name`, or an error naming the command that lists them.
fn law_entry(name: &str) -> Res<&'static law::Provision> {
    law::get(name).ok_or_else(|| {
        Box::new(EvalAltResult::ErrorRuntime(
            format!("no entry `{name}` in the law table; `scrutineer law` lists them").into(),
            Position::NONE,
        ))
    })
}

/// A document kind in words, singular: "partnership plan".
pub(crate) fn kind_words(kind: DocKind) -> String {
    match kind {
        DocKind::AsbCaseReviewData => "ASB case review figures".into(),
        DocKind::AsbCaseReviewProcedure => "ASB case review procedure".into(),
        DocKind::DhrActionPlan => "domestic homicide review action plan".into(),
        other => other.as_str().replace('_', " "),
    }
}

/// A document kind in words, plural: "partnership plans", "ASB case review figures".
pub(crate) fn kind_plural(kind: DocKind) -> String {
    match kind {
        DocKind::AsbCaseReviewData => "published ASB case review figures".into(),
        DocKind::AnnualActionPlan => "annual action plans".into(),
        DocKind::CommunitySafetyAgreement => "county community safety agreements".into(),
        DocKind::PoliceAndCrimePlan => "police and crime plans".into(),
        DocKind::TermsOfReference => "terms of reference".into(),
        DocKind::Other => "documents".into(),
        other => format!("{}s", kind_words(other)),
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
        .register_get("tier", |p: &mut Partnership| {
            p.view.tier().as_str().to_string()
        })
        .register_get("place", |p: &mut Partnership| {
            opt(p.view.graph.data.place.map(|x| x.as_str().to_string()))
        })
        .register_get("county", |p: &mut Partnership| opt(p.view.county()))
        .register_get("as_of", |p: &mut Partnership| p.view.as_of)
        .register_get("known_on", |p: &mut Partnership| opt(p.view.known_on))
        .register_get("records_to", |p: &mut Partnership| opt(p.view.records_to()))
        .register_fn("organisations", |p: &mut Partnership| {
            array(organisations(p.view()))
        })
        .register_fn("recorded_organisations", |p: &mut Partnership| {
            array(recorded_organisations(p.view()))
        })
        .register_fn(
            "organisations_of_kind",
            |p: &mut Partnership, kind: &str| {
                let v = p.view();
                array(organisations(v).filter(|o| o.rec().kind.as_str() == kind))
            },
        )
        .register_fn("responsible_authorities", |p: &mut Partnership| {
            let v = p.view();
            let (nation, tier) = (v.graph.data.nation, v.tier());
            array(organisations(v).filter(|o| {
                law::responsible_authority_limb(
                    super::organisations::kind(o),
                    nation,
                    tier,
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
                .map(|i| Dynamic::from(Group::new(p.view(), i)))
                .unwrap_or(Dynamic::UNIT)
        })
        .register_fn("committee", |p: &mut Partnership| {
            first_group(p.view(), GroupKind::CrimeAndDisorderCommittee)
                .map(|i| Dynamic::from(Group::new(p.view(), i)))
                .unwrap_or(Dynamic::UNIT)
        })
        .register_fn("committees", |p: &mut Partnership| {
            let v = p.view();
            array(
                groups(v)
                    .filter(|g| group_kind(v, g.index) == GroupKind::CrimeAndDisorderCommittee),
            )
        })
        .register_fn("groups", |p: &mut Partnership| array(groups(p.view())))
        .register_fn("groups_of_kind", |p: &mut Partnership, kind: &str| {
            let v = p.view();
            array(groups(v).filter(|g| group_kind(v, g.index).as_str() == kind))
        })
        .register_fn("groups_ever_of_kind", |p: &mut Partnership, kind: &str| {
            let v = p.view();
            array(
                (0..v.graph.data.groups.len())
                    .filter(|&i| group_kind(v, i).as_str() == kind)
                    .filter(|&i| v.known(&v.graph.data.groups[i].evidence))
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
                docs.sort_by_key(|&i| doc_order(v, i));
                array(docs.into_iter().map(|i| Document::new(v, i)))
            },
        )
        .register_fn(
            "all_documents_of_kind",
            |p: &mut Partnership, kind: &str| -> Res<Array> {
                let v = p.view();
                let k = doc_kind(kind)?;
                let mut docs: Vec<usize> = (0..v.graph.data.documents.len())
                    .filter(|&i| {
                        v.graph.data.documents[i].kind == k
                            && v.known(&v.graph.data.documents[i].evidence)
                    })
                    .collect();
                docs.sort_by_key(|&i| doc_order(v, i));
                Ok(array(docs.into_iter().map(|i| Document::new(v, i))))
            },
        )
        .register_fn(
            "plan_in_force",
            |p: &mut Partnership, kind: &str| -> Res<Map> {
                Ok(plan_in_force(p.view(), doc_kind(kind)?))
            },
        )
        .register_fn(
            "documents_within",
            |p: &mut Partnership, kind: &str, months: i64| -> Res<ScriptWindow> {
                let v = p.view();
                let k = doc_kind(kind)?;
                let from = v.as_of.add_months(-months.abs());
                let w = v.documents_between(k, from, v.as_of);
                let request = format!(
                    "the partnership's {} {}",
                    kind_plural(k),
                    period(from, v.as_of)
                );
                Ok(ScriptWindow::from(
                    w,
                    |&i| Dynamic::from(Document::new(v, i)),
                    request,
                ))
            },
        )
        .register_fn(
            "documents_between",
            |p: &mut Partnership, kind: &str, from: Date, to: Date| -> Res<ScriptWindow> {
                let v = p.view();
                let k = doc_kind(kind)?;
                let w = v.documents_between(k, from, to);
                let request = format!("the partnership's {} {}", kind_plural(k), period(from, to));
                Ok(ScriptWindow::from(
                    w,
                    |&i| Dynamic::from(Document::new(v, i)),
                    request,
                ))
            },
        )
        .register_fn(
            "documents_complete",
            |p: &mut Partnership, kind: &str, from: Date, to: Date| -> Res<bool> {
                let v = p.view();
                Ok(v.events_complete(
                    scrutineer_graph::model::ListKind::Documents,
                    None,
                    Some(doc_kind(kind)?),
                    from,
                    to,
                ))
            },
        )
        .register_fn(
            "groups_complete",
            |p: &mut Partnership, kind: &str| -> Res<Dynamic> {
                let k = GroupKind::from_name(kind).ok_or_else(|| {
                    Box::new(EvalAltResult::ErrorRuntime(
                        format!("unknown group kind `{kind}`").into(),
                        Position::NONE,
                    ))
                })?;
                Ok(tri(p.view().groups_complete_by(Some(k)).0))
            },
        )
        .register_fn("reviews_within", |p: &mut Partnership, months: i64| {
            let v = p.view();
            let from = v.as_of.add_months(-months.abs());
            let w = v.reviews_between(None, from, v.as_of);
            ScriptWindow::from(
                w,
                |&i| Dynamic::from(Review::new(v, i)),
                format!(
                    "the crime and disorder committees' reviews of the partnership {}",
                    period(from, v.as_of)
                ),
            )
        })
        .register_fn(
            "law_in_force",
            |p: &mut Partnership, name: &str| -> Res<bool> {
                let v = p.view();
                let entry = law_entry(name)?;
                Ok(entry.in_force(v.graph.data.nation, v.graph.data.place, v.as_of))
            },
        )
        .register_fn(
            "law_from",
            |p: &mut Partnership, name: &str| -> Res<Dynamic> {
                let v = p.view();
                let span = law_entry(name)?.span(v.graph.data.nation, v.graph.data.place);
                Ok(opt(span.map(|s| s.from)))
            },
        )
        .register_fn(
            "law_to",
            |p: &mut Partnership, name: &str| -> Res<Dynamic> {
                let v = p.view();
                let span = law_entry(name)?.span(v.graph.data.nation, v.graph.data.place);
                Ok(opt(span.and_then(|s| s.to)))
            },
        )
        .register_fn(
            "law_date",
            |_: &mut Partnership, name: &str, which: &str| -> Res<Date> {
                law_entry(name)?.date(which).ok_or_else(|| {
                    Box::new(EvalAltResult::ErrorRuntime(
                        format!("the law table's entry `{name}` names no date `{which}`").into(),
                        Position::NONE,
                    ))
                })
            },
        )
        .register_fn(
            "severity_under",
            |p: &mut Partnership, name: &str| -> Res<String> {
                // A violation says a partner is breaking the law: only while the entry is in force
                // here, and only where its words were read.
                let v = p.view();
                let entry = law::get(name).ok_or_else(|| {
                    Box::new(EvalAltResult::ErrorRuntime(
                        format!("no entry `{name}` in the law table; `scrutineer law` lists them")
                            .into(),
                        Position::NONE,
                    ))
                })?;
                let d = &v.graph.data;
                Ok(
                    if entry.in_force(d.nation, d.place, v.as_of) && entry.verified_in(d.nation) {
                        "violation".into()
                    } else {
                        "warning".into()
                    },
                )
            },
        )
        .register_fn("priorities", |p: &mut Partnership| {
            let v = p.view();
            let d = &v.graph.data;
            array(
                (0..d.priorities.len())
                    .filter(|&i| v.known(&d.priorities[i].evidence))
                    .filter(|&i| visible_in_plan(v, d.priorities[i].plan.as_deref()))
                    .map(|i| Priority::new(v, i)),
            )
        })
        .register_fn("actions", |p: &mut Partnership| {
            let v = p.view();
            let d = &v.graph.data;
            array(
                (0..d.actions.len())
                    .filter(|&i| v.known(&d.actions[i].evidence))
                    .filter(|&i| visible_in_plan(v, d.actions[i].plan.as_deref()))
                    .map(|i| Action::new(v, i)),
            )
        })
        .register_fn("posts", |p: &mut Partnership| {
            let v = p.view();
            let d = &v.graph.data;
            array(
                (0..d.posts.len())
                    .filter(|&i| v.known(&d.posts[i].evidence))
                    .map(|i| Post::new(v, i)),
            )
        })
        .register_fn("risks", |p: &mut Partnership| {
            let v = p.view();
            let d = &v.graph.data;
            array(
                (0..d.risks.len())
                    .filter(|&i| v.known(&d.risks[i].evidence))
                    .filter(|&i| visible_in_plan(v, d.risks[i].register.as_deref()))
                    .map(|i| Risk::new(v, i)),
            )
        })
        .register_fn("scrutiny_reviews", |p: &mut Partnership| {
            let v = p.view();
            let d = &v.graph.data;
            let mut rows: Vec<usize> = (0..d.scrutiny_reviews.len())
                .filter(|&i| {
                    v.event(d.scrutiny_reviews[i].date, &d.scrutiny_reviews[i].evidence) == Tri::Yes
                })
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
                            Some(NodeKey::Group(i)) => Some(Dynamic::from(Group::new(v, i))),
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
        Some(NodeKey::Document(i)) => document_exists(view, i),
        _ => true,
    }
}
