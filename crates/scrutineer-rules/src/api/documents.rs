//! `Document` in scripts.
//!
//! ```text
//! d.id  d.title  d.kind  d.status ("draft"|"final"|())
//! d.period_from  d.period_to  d.due  d.approved  d.published  d.next_revision_due   (When or ())
//! d.approved_by (Group or ())  d.covers (array of topics)  d.topics_listed_in_full
//! d.regard_to (array of Documents)
//! d.revision_dates()      // refreshes recorded by the evaluation date, oldest first
//! d.last_revised          // the newest of those, else approved, else published, or ()
//! d.in_force              // true, false, or () when the recorded period cannot settle it
//! d.months_covered        // length of the period in months, or ()
//! d.sent_to               // copies sent by the date: array of #{to: Organisation, date: When or ()}
//! d.sent_to_kind("local_policing_body")   // the first such copy, or ()
//! d.circulation_listed_in_full           // true: a body missing from sent_to was not sent a copy
//! d.consulted             // organisations consulted in preparing it
//! d.consultees_listed_in_full             // true: an organisation missing from consulted was not
//! d.threshold             // ASB case review threshold (complaints), or ()
//! ```

use rhai::{Array, Dynamic, Engine};
use scrutineer_graph::{NodeKey, When};

use super::reviews::{handles, letters};
use super::{Document, Group, Org, View, array, opt};

/// Whether the document's period covers the evaluation date: `Some(true)` or `Some(false)`
/// when the recorded dates settle it, `None` when a partial date leaves it open.
pub(crate) fn in_force(view: &View, from: Option<When>, to: Option<When>) -> Option<bool> {
    let day = view.as_of;
    if from.is_none() && to.is_none() {
        return None;
    }
    if let Some(f) = from
        && f.earliest() > day
    {
        return Some(false);
    }
    if let Some(t) = to
        && t.latest() < day
    {
        return Some(false);
    }
    let started = from.is_none_or(|f| f.latest() <= day);
    let not_ended = to.is_some_and(|t| t.earliest() >= day);
    (started && not_ended).then_some(true)
}

fn revisions(d: &Document) -> Vec<When> {
    let mut out: Vec<When> = d.view.graph.data.documents[d.index]
        .revisions
        .iter()
        .map(|r| r.date)
        .filter(|w| d.view.happened(*w))
        .collect();
    out.sort_by_key(|w| w.latest());
    out
}

pub(super) fn register(engine: &mut Engine) {
    engine
        .register_type_with_name::<Document>("Document")
        .register_get("id", |d: &mut Document| {
            d.view.graph.data.documents[d.index].id.clone()
        })
        .register_get("title", |d: &mut Document| {
            d.view.graph.data.documents[d.index].title.clone()
        })
        .register_get("kind", |d: &mut Document| {
            d.view.graph.data.documents[d.index]
                .kind
                .as_str()
                .to_string()
        })
        .register_get("status", |d: &mut Document| {
            opt(d.view.graph.data.documents[d.index]
                .status
                .map(|s| s.as_str().to_string()))
        })
        .register_get("period_from", |d: &mut Document| {
            opt(d.view.graph.data.documents[d.index].period_from)
        })
        .register_get("period_to", |d: &mut Document| {
            opt(d.view.graph.data.documents[d.index].period_to)
        })
        .register_get("due", |d: &mut Document| {
            opt(d.view.graph.data.documents[d.index].due)
        })
        .register_get("approved", |d: &mut Document| {
            opt(d.view.graph.data.documents[d.index]
                .approved
                .filter(|w| d.view.happened(*w)))
        })
        .register_get("published", |d: &mut Document| {
            opt(d.view.graph.data.documents[d.index]
                .published
                .filter(|w| d.view.happened(*w)))
        })
        .register_get("next_revision_due", |d: &mut Document| {
            opt(d.view.graph.data.documents[d.index].next_revision_due)
        })
        .register_get("approved_by", |d: &mut Document| {
            let v = &d.view;
            match v.graph.data.documents[d.index]
                .approved_by
                .as_deref()
                .and_then(|id| v.graph.node(id))
            {
                Some(NodeKey::Group(i)) => Dynamic::from(Group::new(v, i)),
                Some(NodeKey::Organisation(i)) => Dynamic::from(Org::new(v, i)),
                _ => Dynamic::UNIT,
            }
        })
        .register_get("covers", |d: &mut Document| {
            array(
                d.view.graph.data.documents[d.index]
                    .covers
                    .iter()
                    .map(|t| t.as_str().to_string()),
            )
        })
        .register_get("topics_listed_in_full", |d: &mut Document| {
            d.view.graph.data.documents[d.index].topics_listed_in_full
        })
        .register_get("regard_to", |d: &mut Document| -> Array {
            let v = &d.view;
            v.graph.data.documents[d.index]
                .regard_to
                .iter()
                .filter_map(|id| match v.graph.node(id) {
                    Some(NodeKey::Document(i)) => Some(Dynamic::from(Document::new(v, i))),
                    _ => None,
                })
                .collect()
        })
        .register_get("sent_to", |d: &mut Document| {
            letters(&d.view, &d.view.graph.data.documents[d.index].sent_to)
        })
        .register_fn("sent_to_kind", |d: &mut Document, kind: &str| {
            let v = &d.view;
            letters(v, &v.graph.data.documents[d.index].sent_to)
                .into_iter()
                .find(|m| {
                    m.read_lock::<rhai::Map>()
                        .and_then(|m| m.get("to").and_then(|o| o.clone().try_cast::<Org>()))
                        .is_some_and(|o| v.graph.data.organisations[o.index].kind.as_str() == kind)
                })
                .unwrap_or(Dynamic::UNIT)
        })
        .register_get("consulted", |d: &mut Document| {
            handles(&d.view, &d.view.graph.data.documents[d.index].consulted)
        })
        .register_get("circulation_listed_in_full", |d: &mut Document| {
            d.view.graph.data.documents[d.index].circulation_listed_in_full
        })
        .register_get("consultees_listed_in_full", |d: &mut Document| {
            d.view.graph.data.documents[d.index].consultees_listed_in_full
        })
        .register_get("threshold", |d: &mut Document| {
            opt(d.view.graph.data.documents[d.index]
                .threshold
                .map(i64::from))
        })
        .register_fn("revision_dates", |d: &mut Document| array(revisions(d)))
        .register_get("last_revised", |d: &mut Document| {
            let x = &d.view.graph.data.documents[d.index];
            let base = x.approved.or(x.published).filter(|w| d.view.happened(*w));
            opt(revisions(d).last().copied().or(base))
        })
        .register_get("in_force", |d: &mut Document| {
            let x = &d.view.graph.data.documents[d.index];
            opt(in_force(&d.view, x.period_from, x.period_to))
        })
        .register_get("months_covered", |d: &mut Document| {
            let x = &d.view.graph.data.documents[d.index];
            opt(match (x.period_from, x.period_to) {
                (Some(f), Some(t)) => Some(f.earliest().months_until(t.latest().add_days(1))),
                _ => None,
            })
        })
        .register_fn("==", |a: Document, b: Document| a.index == b.index)
        .register_fn("!=", |a: Document, b: Document| a.index != b.index)
        .register_fn("to_string", |d: &mut Document| {
            d.view.graph.data.documents[d.index].title.clone()
        });
}
