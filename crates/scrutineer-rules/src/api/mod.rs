//! Everything a rule script can see: one read-only, typed view of one partnership as of one
//! day. Each exposed type has its own file; [`register`] adds them all to the engine, and the
//! list of signatures is snapshot-tested so a change to the surface is reviewed.
//!
//! Handles are small (`Arc` of the view plus an index), so passing them around a script costs
//! nothing, and the graph is shared, never copied, across rules and threads. Anything that
//! scans the graph is done here in Rust.
//!
//! Values that a record may not hold come back as `()` ("the records do not say"), never as a
//! made-up default: a rule must decide what an absent fact means. The same goes for time: every
//! question about the day (is this plan in force? has this deadline passed? does this body hold
//! a seat?) answers `true`, `false` or `()` for "the records cannot settle it", and the answers
//! come from [`scrutineer_graph::as_of::View`], the one home of "as of". A rule never fails or
//! passes on `()`.

mod dates;
mod documents;
mod groups;
mod organisations;
mod outcomes;
mod partnership;
mod records;
mod reviews;
mod scans;
mod seats;
mod window;

use std::sync::Arc;

use rhai::{Dynamic, Engine};
use scrutineer_graph::{NodeKey, Tri};

pub use outcomes::{EvidenceRef, ScriptOutcome};
pub use scrutineer_graph::as_of::View;

/// A handle to a record: the view it is seen through and its index in its list.
macro_rules! handle {
    ($(#[$doc:meta])* $name:ident, $list:ident, $model:ident) => {
        $(#[$doc])*
        #[derive(Clone)]
        pub struct $name {
            pub(crate) view: Arc<View>,
            pub(crate) index: usize,
        }
        impl $name {
            pub(crate) fn new(view: &Arc<View>, index: usize) -> Self {
                $name { view: Arc::clone(view), index }
            }
            /// The record as written.
            pub(crate) fn rec(&self) -> &scrutineer_graph::model::$model {
                &self.view.graph.data.$list[self.index]
            }
        }
    };
}

handle!(
    /// A death notified for review (`CaseReview` in scripts).
    CaseReview, case_reviews, CaseReview
);
handle!(
    /// A matter referred to the committee (`Referral` in scripts).
    Referral, referrals, Referral
);
handle!(
    /// A commissioned service (`Service` in scripts).
    Service, services, Service
);
handle!(
    /// An organisation (`Organisation` in scripts).
    Org, organisations, Organisation
);
handle!(
    /// A person (`Person` in scripts).
    Person, people, Person
);
handle!(
    /// A group (`Group` in scripts).
    Group, groups, Group
);
handle!(
    /// A seat on a group (`Membership` in scripts).
    Membership, memberships, Membership
);
handle!(
    /// A meeting (`Meeting` in scripts).
    Meeting, meetings, Meeting
);
handle!(
    /// A document (`Document` in scripts).
    Document, documents, Document
);
handle!(
    /// A priority (`Priority` in scripts).
    Priority, priorities, Priority
);
handle!(
    /// An action (`Action` in scripts).
    Action, actions, Action
);
handle!(
    /// A post (`Post` in scripts).
    Post, posts, Post
);
handle!(
    /// A risk (`Risk` in scripts).
    Risk, risks, Risk
);
handle!(
    /// A review by the crime and disorder committee (`ScrutinyReview` in scripts).
    Review, scrutiny_reviews, ScrutinyReview
);

/// The partnership itself (`Partnership` in scripts): the argument of `check`.
#[derive(Clone)]
pub struct Partnership {
    pub(crate) view: Arc<View>,
}

impl Partnership {
    /// The handle a rule's `check` receives.
    pub fn new(view: Arc<View>) -> Partnership {
        Partnership { view }
    }
}

/// A three-valued answer as a script sees it: `true`, `false`, or `()` for maybe.
pub(crate) fn tri(t: Tri) -> Dynamic {
    match t {
        Tri::Yes => Dynamic::TRUE,
        Tri::No => Dynamic::FALSE,
        Tri::Maybe => Dynamic::UNIT,
    }
}

/// `Some(x)` as `x`, `None` as `()`.
pub(crate) fn opt<T: Clone + Send + Sync + 'static>(v: Option<T>) -> Dynamic {
    v.map(Dynamic::from).unwrap_or(Dynamic::UNIT)
}

/// A string option as a script string or `()`.
pub(crate) fn opt_str(v: Option<&str>) -> Dynamic {
    v.map(|s| Dynamic::from(s.to_string()))
        .unwrap_or(Dynamic::UNIT)
}

/// A list of handles as a script array.
pub(crate) fn array<T: Clone + Send + Sync + 'static>(
    items: impl IntoIterator<Item = T>,
) -> rhai::Array {
    items.into_iter().map(Dynamic::from).collect()
}

/// Whatever a script passes as a subject or as evidence, as a graph reference.
pub(crate) fn evidence_ref(d: &Dynamic) -> Option<(EvidenceRef, Arc<View>)> {
    macro_rules! try_node {
        ($t:ty, $key:expr) => {
            if let Some(h) = d.read_lock::<$t>() {
                return Some((EvidenceRef::Node($key(h.index)), Arc::clone(&h.view)));
            }
        };
    }
    try_node!(Org, NodeKey::Organisation);
    try_node!(Person, NodeKey::Person);
    try_node!(Group, NodeKey::Group);
    try_node!(Meeting, NodeKey::Meeting);
    try_node!(Document, NodeKey::Document);
    try_node!(Priority, NodeKey::Priority);
    try_node!(Action, NodeKey::Action);
    try_node!(Post, NodeKey::Post);
    try_node!(Risk, NodeKey::Risk);
    try_node!(Review, NodeKey::ScrutinyReview);
    try_node!(CaseReview, NodeKey::CaseReview);
    try_node!(Referral, NodeKey::Referral);
    try_node!(Service, NodeKey::Service);
    if let Some(h) = d.read_lock::<Membership>() {
        return Some((EvidenceRef::Membership(h.index), Arc::clone(&h.view)));
    }
    if let Some(h) = d.read_lock::<Partnership>() {
        return Some((EvidenceRef::Node(NodeKey::Partnership), Arc::clone(&h.view)));
    }
    None
}

/// Registers the date types and functions alone (what-if scenarios use these, not the rest).
pub fn register_dates(engine: &mut Engine) {
    dates::register(engine);
}

/// Registers every type and function a script may use.
pub fn register(engine: &mut Engine) {
    // `names.join(", ")`: rhai arrays have no join of their own.
    engine.register_fn("join", |items: &mut rhai::Array, sep: &str| {
        items
            .iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
            .join(sep)
    });
    // `words("not_participating")` is "not participating": API values are snake_case names,
    // and rhai's own `replace` edits a string in place rather than returning one.
    engine.register_fn("words", |s: &str| s.replace('_', " "));
    dates::register(engine);
    partnership::register(engine);
    organisations::register(engine);
    groups::register(engine);
    documents::register(engine);
    records::register(engine);
    reviews::register(engine);
    seats::register(engine);
    window::register(engine);
    scans::register(engine);
    outcomes::register(engine);
}
