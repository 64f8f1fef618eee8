//! `Document` in scripts.
//!
//! ```text
//! d.id  d.title  d.kind
//! d.status ("draft"|"final"|"deferred"|"superseded"|()): as reported, then stale; a later
//!          change, or an approval on or before the date, settles it
//! d.period_from  d.period_to  d.due  d.next_revision_due   (When or ())
//! d.period                  // the period in words: "April 2015 to March 2016", or with a
//!                           // bound known only to a range, "starting between ..., ending ..."
//! d.completed  d.presented  d.approved  d.published   (When, once it has certainly happened; or ())
//! d.approved_after          // true when it was certainly approved only after the date, () if unsure
//! d.approved_by (Group or ())  d.covers (array of topics)
//! d.topics_complete  d.consultees_complete  d.data_sources_complete  (true/false; also *_listed_in_full)
//! d.circulation_complete    // copies sent are declared complete up to the date
//! d.regard_to (array of Documents)
//! d.revision_dates()        // refreshes recorded by the evaluation date, oldest first
//! d.last_revised            // the newest of those, else its production date, or ()
//! d.revisions_within(12)    // a Window of its production and refresh dates
//! d.revisions_between(from, to)
//! d.in_force                // true, false, or () when the recorded period cannot settle it
//! d.current                 // true when it exists and covers the date (a plan with no period:
//!                           // as reported, then stale); false; () when that cannot be told
//! d.months_covered          // length of the period in months, or () when an end is missing
//!                           // or known only to a range
//! d.covers_months(24)       // true / false / (): whether the period is at least that long
//! d.sent_to                 // copies sent by the date: array of #{to: Organisation, date: When or ()}
//! d.sent_to_kind("local_policing_body")   // the first such copy, or ()
//! d.consulted               // organisations consulted in preparing it
//! d.threshold               // ASB case review threshold (complaints), or ()
//! ```
//!
//! A period given in months or years covers whole months or years: a plan "April 2015 to March
//! 2016" is in force on 1 April 2015 and on 31 March 2016.

use rhai::{Array, Dynamic, Engine};
use scrutineer_graph::as_of::{State, Support, Value, history};
use scrutineer_graph::model::{DocStatus, ListKind};
use scrutineer_graph::{NodeKey, Tri, When};

use super::reviews::{handles, letters};
use super::window::{ScriptWindow, period};
use super::{Document, Group, Org, View, array, opt, tri};

/// Whether the document's period covers the evaluation date: `Some(true)` or `Some(false)`
/// when the recorded dates settle it, `None` when an uncertain date leaves it open or no
/// period is recorded.
pub(crate) fn in_force(view: &View, from: Option<When>, to: Option<When>) -> Option<bool> {
    if from.is_none() && to.is_none() {
        return None;
    }
    view.span(from, to).known()
}

/// The fewest and the most whole months the period can cover, when both ends are recorded: the
/// same number unless an end is known only to a range.
fn months_covered(x: &scrutineer_graph::model::Document) -> Option<(i64, i64)> {
    let (from, to) = (x.period_from?, x.period_to?);
    let (start, end) = (from.as_start(), to.as_end());
    let months =
        |a: scrutineer_graph::Date, b: scrutineer_graph::Date| a.months_until(b.add_days(1));
    Some((months(start.1, end.0), months(start.0, end.1)))
}

/// Whether the plan is current on the date: it exists, and its period covers the day. A plan
/// whose period is not recorded at all is current as reported, and only for a while after
/// (a document's status goes stale): a plan named in 2016 says nothing of 2020.
pub(crate) fn plan_current(view: &View, index: usize) -> Tri {
    let d = &view.graph.data.documents[index];
    let exists = super::partnership::document_exists_by(view, index);
    let covers = if d.period_from.is_none() && d.period_to.is_none() {
        match view.state(None, None, &d.evidence, State::DocumentStatus) {
            Support::Yes => Tri::Yes,
            Support::No => Tri::No,
            Support::Maybe | Support::Stale { .. } => Tri::Maybe,
        }
    } else {
        view.span(d.period_from, d.period_to)
    };
    exists.and(covers)
}

/// A date of the document, once it has certainly happened by the evaluation date.
fn happened(d: &Document, w: Option<When>) -> Dynamic {
    opt(w.filter(|w| d.view.happened(*w) == Tri::Yes))
}

/// The document's status on the date. A status written on the record holds as reported; an
/// approval dated on or before the date makes it final, and one after it means it was not yet
/// approved then, whatever the record says now.
pub(crate) fn status(d: &Document) -> Option<DocStatus> {
    let x = d.rec();
    let v = &d.view;
    let mut entries = history(None, x.status, &x.evidence, &x.changes, |c| c.status);
    if let Some(a) = x.approved {
        entries.push(scrutineer_graph::as_of::Entry {
            from: Some(a),
            value: DocStatus::Final,
            evidence: &[],
        });
    }
    match v.value(&entries, State::DocumentStatus) {
        Value::Known(s) => Some(s),
        _ => {
            // Approved on or before the date settles it even when a status record is stale.
            if x.approved.is_some_and(|a| v.happened(a) == Tri::Yes) {
                Some(DocStatus::Final)
            } else {
                None
            }
        }
    }
}

fn revisions(d: &Document) -> Vec<When> {
    let mut out: Vec<When> = d
        .rec()
        .revisions
        .iter()
        .filter(|r| d.view.event(r.date, &r.evidence) == Tri::Yes)
        .map(|r| r.date)
        .collect();
    out.sort_by_key(|w| w.latest());
    out
}

/// The newest date on which the document was produced or refreshed, by the evaluation date.
pub(crate) fn last_revised(d: &Document) -> Option<When> {
    let x = d.rec();
    let produced = [x.approved, x.published, x.completed, x.presented]
        .into_iter()
        .flatten()
        .filter(|w| d.view.happened(*w) == Tri::Yes)
        .max_by_key(|w| w.latest());
    revisions(d)
        .last()
        .copied()
        .into_iter()
        .chain(produced)
        .max_by_key(|w| w.latest())
}

pub(super) fn register(engine: &mut Engine) {
    engine
        .register_type_with_name::<Document>("Document")
        .register_get("id", |d: &mut Document| d.rec().id.clone())
        .register_get("title", |d: &mut Document| d.rec().title.clone())
        .register_get("kind", |d: &mut Document| d.rec().kind.as_str().to_string())
        .register_get("status", |d: &mut Document| {
            opt(status(d).map(|s| s.as_str().to_string()))
        })
        .register_get("period_from", |d: &mut Document| opt(d.rec().period_from))
        .register_get("period_to", |d: &mut Document| opt(d.rec().period_to))
        .register_get("current", |d: &mut Document| {
            tri(plan_current(&d.view, d.index))
        })
        .register_get("period", |d: &mut Document| {
            When::period_words(d.rec().period_from, d.rec().period_to)
        })
        .register_get("due", |d: &mut Document| opt(d.rec().due))
        .register_get("completed", |d: &mut Document| {
            happened(d, d.rec().completed)
        })
        .register_get("presented", |d: &mut Document| {
            happened(d, d.rec().presented)
        })
        .register_get("approved", |d: &mut Document| happened(d, d.rec().approved))
        .register_get("published", |d: &mut Document| {
            happened(d, d.rec().published)
        })
        .register_get("approved_after", |d: &mut Document| {
            match d.rec().approved {
                Some(a) => tri(a.after(d.view.as_of)),
                None => Dynamic::UNIT,
            }
        })
        .register_get("next_revision_due", |d: &mut Document| {
            opt(d.rec().next_revision_due)
        })
        .register_get("approved_by", |d: &mut Document| {
            let v = &d.view;
            match d
                .rec()
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
            array(d.rec().covers.iter().map(|t| t.as_str().to_string()))
        })
        .register_get("topics_complete", |d: &mut Document| {
            d.view.complete(ListKind::Topics, &d.rec().id)
        })
        .register_get("topics_listed_in_full", |d: &mut Document| {
            d.view.complete(ListKind::Topics, &d.rec().id)
        })
        .register_get("regard_to", |d: &mut Document| -> Array {
            let v = &d.view;
            d.rec()
                .regard_to
                .iter()
                .filter_map(|id| match v.graph.node(id) {
                    Some(NodeKey::Document(i)) => Some(Dynamic::from(Document::new(v, i))),
                    _ => None,
                })
                .collect()
        })
        .register_get("sent_to", |d: &mut Document| {
            letters(&d.view, &d.rec().sent_to)
        })
        .register_fn("sent_to_kind", |d: &mut Document, kind: &str| {
            let v = &d.view;
            letters(v, &d.rec().sent_to)
                .into_iter()
                .find(|m| {
                    m.read_lock::<rhai::Map>()
                        .and_then(|m| m.get("to").and_then(|o| o.clone().try_cast::<Org>()))
                        .is_some_and(|o| super::organisations::kind(&o).as_str() == kind)
                })
                .unwrap_or(Dynamic::UNIT)
        })
        .register_get("consulted", |d: &mut Document| {
            handles(&d.view, &d.rec().consulted)
        })
        .register_get("circulation_complete", |d: &mut Document| {
            circulation_complete(&d.view, &d.rec().id, d.rec().approved.or(d.rec().published))
        })
        .register_get("circulation_listed_in_full", |d: &mut Document| {
            circulation_complete(&d.view, &d.rec().id, d.rec().approved.or(d.rec().published))
        })
        .register_get("consultees_complete", |d: &mut Document| {
            d.view.complete(ListKind::Consultees, &d.rec().id)
        })
        .register_get("consultees_listed_in_full", |d: &mut Document| {
            d.view.complete(ListKind::Consultees, &d.rec().id)
        })
        .register_get("threshold", |d: &mut Document| {
            opt(d.rec().threshold.map(i64::from))
        })
        .register_fn("revision_dates", |d: &mut Document| array(revisions(d)))
        .register_get("last_revised", |d: &mut Document| opt(last_revised(d)))
        .register_fn(
            "revisions_between",
            |d: &mut Document, from: scrutineer_graph::Date, to: scrutineer_graph::Date| {
                let v = &d.view;
                let w = v.revisions_between(d.index, from, to);
                ScriptWindow::from(
                    w,
                    |w| Dynamic::from(*w),
                    format!(
                        "the record of when {} was agreed or refreshed {}",
                        d.rec().title,
                        period(from, to)
                    ),
                )
            },
        )
        .register_fn("revisions_within", |d: &mut Document, months: i64| {
            let v = &d.view;
            let from = v.as_of.add_months(-months.abs());
            let w = v.revisions_between(d.index, from, v.as_of);
            ScriptWindow::from(
                w,
                |w| Dynamic::from(*w),
                format!(
                    "the record of when {} was agreed or refreshed {}",
                    d.rec().title,
                    period(from, v.as_of)
                ),
            )
        })
        .register_get("in_force", |d: &mut Document| {
            let x = d.rec();
            opt(in_force(&d.view, x.period_from, x.period_to))
        })
        .register_get("months_covered", |d: &mut Document| {
            opt(months_covered(d.rec())
                .filter(|(lo, hi)| lo == hi)
                .map(|(n, _)| n))
        })
        .register_fn("covers_months", |d: &mut Document, n: i64| {
            tri(match months_covered(d.rec()) {
                Some((lo, hi)) => Tri::decide(lo >= n, hi < n),
                None => Tri::Maybe,
            })
        })
        .register_fn("==", |a: Document, b: Document| a.index == b.index)
        .register_fn("!=", |a: Document, b: Document| a.index != b.index)
        .register_fn("to_string", |d: &mut Document| d.rec().title.clone());
}

/// Whether the copies of a document or review sent are declared complete from when it was
/// made (or, undated, from the start) to the evaluation date.
pub(crate) fn circulation_complete(view: &View, id: &str, since: Option<When>) -> bool {
    let from = since.map_or(scrutineer_graph::Date::FAR_PAST, |w| w.earliest());
    view.events_complete(ListKind::Circulation, Some(id), None, from, view.as_of)
}
