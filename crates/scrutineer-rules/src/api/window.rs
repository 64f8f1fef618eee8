//! `Window` in scripts: the events of a list (meetings, reviews, documents, refreshes) in a
//! period, and whether the file declares the list complete for it.
//!
//! ```text
//! let w = g.meetings_within(12);          // the 12 months to the day; also g.meetings_between(from, to)
//! c.reviews_within(12)                    // a committee's reviews; p.reviews_within(12) for any committee
//! p.documents_within("annual_report", 12) // documents of a kind completed, presented, approved or published
//! d.revisions_within(12)                  // a document's own dates and its refreshes
//! w.surely     // the events certainly in the period, oldest first
//! w.maybe      // those whose uncertain date may fall in it
//! w.complete   // true when the file declares the list complete for the whole period
//! w.at_least(n)   // true (n certainly happened), false (the list is complete and fewer did), or ()
//! w.any        // w.at_least(1)
//! w.last       // the latest event certainly in the period, or ()
//! w.from  w.to // the period (Date)
//! w.request    // the record to ask officers for, when the answer is ()
//! ```
//!
//! Silence is not absence: without a complete list, no events in the period is "cannot tell",
//! never "none happened".

use rhai::{Array, Dynamic, Engine};
use scrutineer_graph::Date;
use scrutineer_graph::as_of::Window;

use super::tri;

/// A period's events as a script sees them.
#[derive(Clone)]
pub struct ScriptWindow {
    pub from: Date,
    pub to: Date,
    pub surely: Array,
    pub maybe: Array,
    pub complete: bool,
    pub request: String,
}

impl ScriptWindow {
    /// A script window from the graph's, turning each event into a script value.
    pub fn from<K>(
        w: Window<K>,
        mut value: impl FnMut(&K) -> Dynamic,
        request: String,
    ) -> ScriptWindow {
        ScriptWindow {
            from: w.from,
            to: w.to,
            surely: w.surely.iter().map(&mut value).collect(),
            maybe: w.maybe.iter().map(&mut value).collect(),
            complete: w.complete,
            request,
        }
    }

    fn at_least(&self, n: i64) -> Dynamic {
        let n = usize::try_from(n.max(0)).unwrap_or(usize::MAX);
        tri(scrutineer_graph::Tri::decide(
            self.surely.len() >= n,
            self.complete && self.surely.len() + self.maybe.len() < n,
        ))
    }
}

/// "from 1 October 2021 to 1 October 2022"
pub(crate) fn period(from: Date, to: Date) -> String {
    if from == Date::FAR_PAST {
        format!("up to {}", to.long())
    } else {
        format!("from {} to {}", from.long(), to.long())
    }
}

pub(super) fn register(engine: &mut Engine) {
    engine
        .register_type_with_name::<ScriptWindow>("Window")
        .register_get("from", |w: &mut ScriptWindow| w.from)
        .register_get("to", |w: &mut ScriptWindow| w.to)
        .register_get("surely", |w: &mut ScriptWindow| w.surely.clone())
        .register_get("maybe", |w: &mut ScriptWindow| w.maybe.clone())
        .register_get("complete", |w: &mut ScriptWindow| w.complete)
        .register_get("request", |w: &mut ScriptWindow| w.request.clone())
        .register_get("count", |w: &mut ScriptWindow| w.surely.len() as i64)
        .register_get("any", |w: &mut ScriptWindow| w.at_least(1))
        .register_get("last", |w: &mut ScriptWindow| {
            w.surely.last().cloned().unwrap_or(Dynamic::UNIT)
        })
        .register_fn("at_least", |w: &mut ScriptWindow, n: i64| w.at_least(n));
}
