//! Case reviews, referrals, services and data returns in scripts, and the parts of scrutiny
//! reviews, memberships, meetings and documents that record correspondence.
//!
//! ```text
//! p.case_reviews()  p.referrals()  p.services()      // those that have happened by the date
//! p.data_returns()        // array of #{from: Organisation, period_to: When, delivered: When or ()}
//! p.areas  p.combination  // array of area names; #{kind: "agreement"|"order", date} or ()
//! cr.id  cr.kind ("domestic_homicide"|"offensive_weapons_homicide")  cr.notified
//! cr.decided (When; "" when no decision had been taken by the date, as a later decision's
//!             date shows or as a fresh record says; () when the records cannot tell)
//! cr.review_held (bool or ())  cr.report (Document or ())
//! rf.id  rf.topic  rf.committee (Group)  rf.referred
//! rf.considered (When; "" when not considered by the date; () when the records cannot tell)
//! sv.id  sv.title  sv.funder  sv.funding_end  sv.renewal ("renewed"|"pending"|"not_renewed"|())
//! sr.sent_to  sr.responses    // arrays of #{to: Organisation, date: When or ()} by the date
//! sr.circulation_complete  sr.responses_complete   // declared complete up to the date
//! sr.circulation_listed_in_full  sr.responses_listed_in_full   // the same (earlier names)
//! sr.requests             // array of #{to, kind ("attendance"|"information"), date, outcome}
//!                         //   outcome: "complied", "refused", "no_response" or ()
//! m.appointed_by          // organisations that appointed a member
//! mt.reports_from (Groups)  mt.papers  mt.tabled (Documents)
//! d.data_from (Organisations)  d.data_sources_listed_in_full
//! d.considers_crime_and_disorder (bool or ())
//! a.priority (Priority or ())
//! p.actions_by_priority() // #{ priority id: [actions] }, built in one pass over the actions
//! ```

use std::sync::Arc;

use rhai::{Array, Dynamic, Engine, Map};
use scrutineer_graph::as_of::{State, history};
use scrutineer_graph::model::{DateCell, Evidence, Sent};
use scrutineer_graph::{NodeKey, Tri, When};

use super::{
    Action, CaseReview, Document, Group, Meeting, Membership, Org, Partnership, Priority, Referral,
    Review, Service, View, array, opt, opt_str,
};

fn org(view: &Arc<View>, id: &str) -> Option<Dynamic> {
    match view.graph.node(id) {
        Some(NodeKey::Organisation(i)) => Some(Dynamic::from(Org::new(view, i))),
        _ => None,
    }
}

/// The records a list of ids names (organisations, groups or documents), as handles.
pub(super) fn handles(view: &Arc<View>, ids: &[String]) -> Array {
    ids.iter()
        .filter_map(|id| match view.graph.node(id) {
            Some(NodeKey::Organisation(i)) => Some(Dynamic::from(Org::new(view, i))),
            Some(NodeKey::Group(i)) => Some(Dynamic::from(Group::new(view, i))),
            Some(NodeKey::Document(i)) => Some(Dynamic::from(Document::new(view, i))),
            _ => None,
        })
        .collect()
}

/// Copies or responses that have happened by the date (an undated one counts).
pub(super) fn letters(view: &Arc<View>, list: &[Sent]) -> Array {
    list.iter()
        .filter(|s| s.evidence.is_empty() || view.known(&s.evidence))
        .filter(|s| s.date.is_none_or(|w| view.happened(w) == Tri::Yes))
        .filter_map(|s| {
            let to = org(view, &s.to)?;
            let mut m = Map::new();
            m.insert("to".into(), to);
            m.insert("date".into(), opt(s.date));
            Some(Dynamic::from(m))
        })
        .collect()
}

/// A decision cell as of the date: its date once certainly taken; `""` when it had not been
/// taken by the date (a later date shows it, or a record still fresh shows it blank); `()` when
/// the records cannot tell.
fn decision(view: &View, cell: Option<DateCell>, evidence: &[Evidence]) -> Dynamic {
    match cell {
        None => Dynamic::UNIT,
        Some(DateCell::Date(w)) => match view.happened(w) {
            Tri::Yes => Dynamic::from(w),
            Tri::No => Dynamic::from(String::new()),
            Tri::Maybe => Dynamic::UNIT,
        },
        Some(DateCell::Blank) => {
            match view.state(None, None, evidence, State::CaseDecision).tri() {
                Tri::Yes => Dynamic::from(String::new()),
                _ => Dynamic::UNIT,
            }
        }
    }
}

fn happened_rows(view: &View, dates: impl Iterator<Item = When>) -> Vec<usize> {
    dates
        .enumerate()
        .filter(|(_, w)| view.happened(*w) == Tri::Yes)
        .map(|(i, _)| i)
        .collect()
}

pub(super) fn register(engine: &mut Engine) {
    engine
        .register_fn("case_reviews", |p: &mut Partnership| {
            let v = p.view();
            let rows = happened_rows(v, v.graph.data.case_reviews.iter().map(|c| c.notified));
            array(rows.into_iter().map(|i| CaseReview::new(v, i)))
        })
        .register_fn("referrals", |p: &mut Partnership| {
            let v = p.view();
            let rows = happened_rows(v, v.graph.data.referrals.iter().map(|r| r.referred));
            array(rows.into_iter().map(|i| Referral::new(v, i)))
        })
        .register_fn("services", |p: &mut Partnership| {
            let v = p.view();
            array((0..v.graph.data.services.len()).map(|i| Service::new(v, i)))
        })
        .register_fn("data_returns", |p: &mut Partnership| -> Array {
            let v = p.view();
            v.graph
                .data
                .data_returns
                .iter()
                .filter(|r| v.known(&r.evidence) && v.happened(r.period_to) == Tri::Yes)
                .filter_map(|r| {
                    let from = org(v, &r.from)?;
                    let mut m = Map::new();
                    m.insert("from".into(), from);
                    m.insert("period_to".into(), Dynamic::from(r.period_to));
                    m.insert(
                        "delivered".into(),
                        opt(r.delivered.filter(|w| v.happened(*w) == Tri::Yes)),
                    );
                    Some(Dynamic::from(m))
                })
                .collect()
        })
        // One pass, so a rule that looks up each priority's actions stays linear; a script
        // filter per priority is quadratic (two seconds on a 10,000-node partnership).
        .register_fn("actions_by_priority", |p: &mut Partnership| -> Map {
            let v = p.view();
            let d = &v.graph.data;
            let mut out = Map::new();
            for (i, a) in d.actions.iter().enumerate() {
                let Some(pr) = a.priority.as_deref() else {
                    continue;
                };
                if !super::partnership::visible_in_plan(v, a.plan.as_deref()) {
                    continue;
                }
                let entry = out
                    .entry(pr.into())
                    .or_insert_with(|| Dynamic::from(Array::new()));
                if let Some(mut list) = entry.write_lock::<Array>() {
                    list.push(Dynamic::from(Action::new(v, i)));
                }
            }
            out
        })
        .register_get("areas", |p: &mut Partnership| array(p.view().areas()))
        .register_get("combination", |p: &mut Partnership| {
            match &p.view().graph.data.combination {
                Some(c) => {
                    let mut m = Map::new();
                    m.insert("kind".into(), Dynamic::from(c.kind.as_str().to_string()));
                    m.insert("date".into(), opt(c.date));
                    Dynamic::from(m)
                }
                None => Dynamic::UNIT,
            }
        });

    engine
        .register_type_with_name::<CaseReview>("CaseReview")
        .register_get("id", |c: &mut CaseReview| c.rec().id.clone())
        .register_get("kind", |c: &mut CaseReview| {
            c.rec().kind.as_str().to_string()
        })
        .register_get("notified", |c: &mut CaseReview| c.rec().notified)
        .register_get("decided", |c: &mut CaseReview| {
            let x = &c.rec();
            decision(&c.view, x.decided, &x.evidence)
        })
        .register_get("review_held", |c: &mut CaseReview| {
            let x = &c.rec();
            // What was decided is known only once the decision has been taken.
            let taken = match x.decided {
                Some(DateCell::Date(w)) => c.view.happened(w) == Tri::Yes,
                Some(DateCell::Blank) => false,
                None => true,
            };
            opt(x.review_held.filter(|_| taken))
        })
        .register_get("report", |c: &mut CaseReview| {
            let v = &c.view;
            match v.graph.data.case_reviews[c.index]
                .report
                .as_deref()
                .and_then(|id| v.graph.node(id))
            {
                Some(NodeKey::Document(i)) => Dynamic::from(Document::new(v, i)),
                _ => Dynamic::UNIT,
            }
        })
        .register_fn("to_string", |c: &mut CaseReview| c.rec().id.clone());

    engine
        .register_type_with_name::<Referral>("Referral")
        .register_get("id", |r: &mut Referral| r.rec().id.clone())
        .register_get("topic", |r: &mut Referral| r.rec().topic.clone())
        .register_get("committee", |r: &mut Referral| {
            let v = &r.view;
            match v.graph.node(&v.graph.data.referrals[r.index].committee) {
                Some(NodeKey::Group(i)) => Dynamic::from(Group::new(v, i)),
                _ => Dynamic::UNIT,
            }
        })
        .register_get("referred", |r: &mut Referral| r.rec().referred)
        .register_get("considered", |r: &mut Referral| {
            let x = &r.rec();
            decision(&r.view, x.considered, &x.evidence)
        });

    engine
        .register_type_with_name::<Service>("Service")
        .register_get("id", |s: &mut Service| s.rec().id.clone())
        .register_get("title", |s: &mut Service| s.rec().title.clone())
        .register_get("funder", |s: &mut Service| {
            opt_str(s.rec().funder.as_deref())
        })
        .register_get("funding_end", |s: &mut Service| {
            let x = &s.rec();
            opt(s
                .view
                .value(
                    &history(None, x.funding_end, &x.evidence, &x.changes, |c| {
                        c.funding_end
                    }),
                    State::Service,
                )
                .known())
        })
        .register_get("renewal", |s: &mut Service| {
            let x = &s.rec();
            opt_str(
                s.view
                    .value(
                        &history(None, x.renewal, &x.evidence, &x.changes, |c| c.renewal),
                        State::Service,
                    )
                    .known()
                    .map(|r| r.as_str()),
            )
        });

    engine
        .register_get("sent_to", |r: &mut Review| {
            letters(&r.view, &r.rec().sent_to)
        })
        .register_get("responses", |r: &mut Review| {
            letters(&r.view, &r.rec().responses)
        })
        .register_get("circulation_listed_in_full", |r: &mut Review| {
            super::documents::circulation_complete(&r.view, &r.rec().id, Some(r.rec().date))
        })
        .register_get("circulation_complete", |r: &mut Review| {
            super::documents::circulation_complete(&r.view, &r.rec().id, Some(r.rec().date))
        })
        .register_get("responses_complete", |r: &mut Review| {
            let v = &r.view;
            v.events_complete(
                scrutineer_graph::model::ListKind::Responses,
                Some(&r.rec().id),
                None,
                r.rec().date.earliest(),
                v.as_of,
            )
        })
        .register_get("responses_listed_in_full", |r: &mut Review| {
            let v = &r.view;
            v.events_complete(
                scrutineer_graph::model::ListKind::Responses,
                Some(&r.rec().id),
                None,
                r.rec().date.earliest(),
                v.as_of,
            )
        })
        .register_get("requests", |r: &mut Review| -> Array {
            let v = &r.view;
            v.graph.data.scrutiny_reviews[r.index]
                .requests
                .iter()
                .filter(|q| q.date.is_none_or(|w| v.happened(w) == Tri::Yes))
                .filter_map(|q| {
                    let to = org(v, &q.to)?;
                    let mut m = Map::new();
                    m.insert("to".into(), to);
                    m.insert("kind".into(), Dynamic::from(q.kind.as_str().to_string()));
                    m.insert("date".into(), opt(q.date));
                    m.insert("outcome".into(), opt_str(q.outcome.map(|o| o.as_str())));
                    Some(Dynamic::from(m))
                })
                .collect()
        });

    engine
        .register_get("appointed_by", |m: &mut Membership| {
            handles(&m.view, &m.rec().appointed_by)
        })
        .register_get("reports_from", |m: &mut Meeting| {
            handles(&m.view, &m.rec().reports_from)
        })
        .register_get("papers", |m: &mut Meeting| {
            handles(&m.view, &m.rec().papers)
        })
        .register_get("tabled", |m: &mut Meeting| {
            handles(&m.view, &m.rec().tabled)
        })
        .register_get("data_from", |d: &mut Document| {
            handles(&d.view, &d.rec().data_from)
        })
        .register_get("data_sources_listed_in_full", |d: &mut Document| {
            d.view
                .complete(scrutineer_graph::model::ListKind::DataSources, &d.rec().id)
        })
        .register_get("data_sources_complete", |d: &mut Document| {
            d.view
                .complete(scrutineer_graph::model::ListKind::DataSources, &d.rec().id)
        })
        .register_get("considers_crime_and_disorder", |d: &mut Document| {
            opt(d.rec().considers_crime_and_disorder)
        })
        .register_fn("==", |a: Priority, b: Priority| a.index == b.index)
        .register_fn("!=", |a: Priority, b: Priority| a.index != b.index)
        .register_get("priority", |a: &mut Action| {
            let v = &a.view;
            match v.graph.data.actions[a.index]
                .priority
                .as_deref()
                .and_then(|id| v.graph.node(id))
            {
                Some(NodeKey::Priority(i)) => Dynamic::from(Priority::new(v, i)),
                _ => Dynamic::UNIT,
            }
        });
}
