//! What the records let anyone say on a day: the one home of "as of".
//!
//! Every record comes from sources, and every source has a date. That gives each fact two
//! kinds of time: *valid time*, written on the record (`from`, `to`, a meeting's `date`, a
//! plan's period), and *report time*, the dates of the sources that tell us. Rules ask the
//! questions below of a [`View`]; none of them re-derives dates from the records itself.
//!
//! * **Events** (a meeting held, a plan approved, a review done) happened on their date and
//!   stay true for ever: [`View::happened`].
//! * **Entities** (an organisation, a group, a document) exist between their own dates, and a
//!   successor that `replaces` one ends it: [`View::exists`].
//! * **States** (a seat held, a post vacant, an action in progress, a draft) hold between their
//!   own dates when the record gives them; otherwise *as reported*, from the first source that
//!   reports them until a while after the last ([`State::horizon_months`]), and past that they
//!   are stale: [`View::state`], [`View::value`].
//! * **Silence is not absence**: a rule may conclude that something is missing from a list only
//!   where the file declares the list complete ([`crate::model::Complete`]):
//!   [`View::members_complete`], [`View::events_complete`], [`View::complete`].
//!
//! Every answer is three-valued ([`Tri`]): a rule fails only on yes-evidence of a gap and
//! passes only on yes-evidence that it is closed. A record with no evidence at all is taken as
//! the file states it (a fixture, a what-if edit): it holds throughout its own dates and never
//! goes stale. With `known_on`, only sources dated on or before that day are read, so the view
//! answers "what could we have known then?".

use std::sync::Arc;

use crate::date::{Date, Tri, When};
use crate::graph::{Graph, NodeKey};
use crate::model::{Complete, DocKind, Evidence, ListKind, ListTime, Source};

/// One partnership as of one day.
#[derive(Debug)]
pub struct View {
    /// The partnership.
    pub graph: Arc<Graph>,
    /// The day the questions are about.
    pub as_of: Date,
    /// When set, only sources dated on or before this day are read.
    pub known_on: Option<Date>,
}

/// Kinds of state, each with how long it stays known after it was last reported. This is the
/// one table of freshness horizons; the README's "Time" section prints it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    /// A seat on a group, and whether its holder takes part.
    Seat,
    /// A body's absence from a group whose members a source lists in full.
    Absence,
    /// A post's vacancy and funding.
    Post,
    /// An action's status, owner and due date.
    Action,
    /// A document's status (draft, final, deferred, superseded).
    DocumentStatus,
    /// A commissioned service's funding and renewal.
    Service,
    /// The cells of a risk register entry.
    Risk,
    /// "No decision yet" on a case review.
    CaseDecision,
    /// Who chairs a group (and its vice chair).
    GroupOfficers,
    /// A group's settings from its terms of reference: quorum, meetings a year, the terms
    /// themselves.
    GroupSettings,
    /// A group being in being at all: shown by its own records, meetings and seats.
    GroupInBeing,
    /// The name and kind of an organisation or group: they hold from its own start until a
    /// change.
    Identity,
    /// A line of accountability between groups.
    ReportingLine,
}

impl State {
    /// Months a state stays known after its last report; `None` for settings and structure,
    /// which hold until a later record changes them.
    pub fn horizon_months(self) -> Option<i64> {
        match self {
            State::Seat
            | State::Absence
            | State::Post
            | State::Action
            | State::DocumentStatus
            | State::Service
            | State::Risk
            | State::CaseDecision
            | State::GroupOfficers => Some(12),
            // Terms of reference are commonly reviewed every year or two, and a group that
            // has left no trace for two years may have stopped.
            State::GroupSettings | State::GroupInBeing => Some(24),
            State::Identity | State::ReportingLine => None,
        }
    }

    /// Every kind of state, for the README's table.
    pub const ALL: &'static [State] = &[
        State::Seat,
        State::Absence,
        State::Post,
        State::Action,
        State::DocumentStatus,
        State::Service,
        State::Risk,
        State::CaseDecision,
        State::GroupOfficers,
        State::GroupSettings,
        State::GroupInBeing,
        State::Identity,
        State::ReportingLine,
    ];

    /// What it is, in plain words.
    pub fn describe(self) -> &'static str {
        match self {
            State::Seat => "a seat on a group, and whether its holder takes part",
            State::Absence => "a body missing from a membership list declared complete",
            State::Post => "a post's vacancy and funding",
            State::Action => "an action's status, owner and due date",
            State::DocumentStatus => "a document's status (draft, final, deferred, superseded)",
            State::Service => "a commissioned service's funding and renewal",
            State::Risk => "the cells of a risk register entry",
            State::CaseDecision => "\"no decision yet\" on a case review",
            State::GroupOfficers => "who chairs a group, and its vice chair",
            State::GroupSettings => "a group's quorum, meetings a year and terms of reference",
            State::GroupInBeing => {
                "a group being in being, as shown by its records, meetings and seats"
            }
            State::Identity => "the name and kind of an organisation or group",
            State::ReportingLine => "a line of accountability between groups",
        }
    }
}

/// When the sources behind a fact reported it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reported {
    /// The record cites no source: the file states it directly, and it holds throughout its
    /// own dates.
    AsWritten,
    /// Bounds of the first and of the last day on which a source read reported it.
    Reports {
        first: (Date, Date),
        last: (Date, Date),
    },
    /// Every source it cites is dated after the `known_on` day (or undated): on that day
    /// nobody could have known it.
    NotYetKnown,
}

impl Reported {
    /// The last report as a date a person can read: "between October 2021 and August 2022".
    pub fn last_when(self) -> Option<When> {
        match self {
            Reported::Reports { last, .. } => Some(When::from_bounds(last.0, last.1)),
            _ => None,
        }
    }

    /// The first report as a date a person can read.
    pub fn first_when(self) -> Option<When> {
        match self {
            Reported::Reports { first, .. } => Some(When::from_bounds(first.0, first.1)),
            _ => None,
        }
    }
}

/// Whether a state holds on the day, and if not, why not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Support {
    /// The records show it holds.
    Yes,
    /// The records cannot settle it: an uncertain date.
    Maybe,
    /// It had not begun, or had ended, or nothing read reports it.
    No,
    /// It was last reported on `last` and is too old to rely on.
    Stale { last: When },
}

impl Support {
    /// As a three-valued answer to "does it hold?": stale is maybe.
    pub fn tri(self) -> Tri {
        match self {
            Support::Yes => Tri::Yes,
            Support::No => Tri::No,
            Support::Maybe | Support::Stale { .. } => Tri::Maybe,
        }
    }
}

/// The value of a changeable field on the day.
#[derive(Clone, Debug, PartialEq)]
pub enum Value<T> {
    /// The records show this value on the day.
    Known(T),
    /// The records hold values, but cannot settle which holds on the day (an uncertain date,
    /// or the last report is stale); `last` is the latest value known and when it was reported.
    Unsettled { last: Option<(T, Option<When>)> },
    /// No value is recorded.
    Unrecorded,
}

impl<T: Clone> Value<T> {
    /// The value when known.
    pub fn known(&self) -> Option<T> {
        match self {
            Value::Known(v) => Some(v.clone()),
            _ => None,
        }
    }
}

/// One entry of a field's history: when it began to hold, its value, and who reports it.
#[derive(Clone, Debug)]
pub struct Entry<'a, T> {
    /// The change's own `from` (or the record's), if given.
    pub from: Option<When>,
    pub value: T,
    /// The evidence of the change (or of the record, for the value written on it).
    pub evidence: &'a [Evidence],
}

impl View {
    /// A view of `graph` as of `as_of`, reading every source.
    pub fn new(graph: Arc<Graph>, as_of: Date) -> View {
        View {
            graph,
            as_of,
            known_on: None,
        }
    }

    /// Whether a source is read: always, unless `known_on` is set and the source is (or may
    /// be) dated after it, or carries no date.
    pub fn reads(&self, source: &Source) -> bool {
        match self.known_on {
            None => true,
            Some(k) => source.date.is_some_and(|d| d.latest() <= k),
        }
    }

    /// When the sources this evidence cites reported it.
    pub fn reported(&self, evidence: &[Evidence]) -> Reported {
        if evidence.is_empty() {
            return Reported::AsWritten;
        }
        let mut first: Option<(Date, Date)> = None;
        let mut last: Option<(Date, Date)> = None;
        for e in evidence {
            let Some(s) = self
                .graph
                .source_index(&e.source)
                .map(|i| &self.graph.data.sources[i])
            else {
                continue;
            };
            if !self.reads(s) {
                continue;
            }
            // A source with no date reported it on some day nobody can tell.
            let (a, b) = s.date.map_or((Date::FAR_PAST, Date::FAR_FUTURE), |d| {
                (d.earliest(), d.latest())
            });
            first = Some(first.map_or((a, b), |(fa, fb)| (fa.min(a), fb.min(b))));
            last = Some(last.map_or((a, b), |(la, lb)| (la.max(a), lb.max(b))));
        }
        match (first, last) {
            (Some(first), Some(last)) => Reported::Reports { first, last },
            _ => Reported::NotYetKnown,
        }
    }

    /// Whether anything read reports this record.
    pub fn known(&self, evidence: &[Evidence]) -> bool {
        self.reported(evidence) != Reported::NotYetKnown
    }

    /// Whether an event on `w` had happened by the day.
    pub fn happened(&self, w: When) -> Tri {
        w.on_or_before(self.as_of)
    }

    /// Whether an event on `w`, recorded with this evidence, is known to have happened by the
    /// day: it is reported by a source read, and its date has passed.
    pub fn event(&self, w: When, evidence: &[Evidence]) -> Tri {
        if !self.known(evidence) {
            return Tri::No;
        }
        self.happened(w)
    }

    /// Whether an event on `w` (a member recorded present at a meeting, say) shows a state of
    /// `kind` on the day. It is positive evidence only: of the state on the event's date, and
    /// then for the kind's horizon. It counts from the day the event certainly happened (an
    /// uncertain date is maybe until its last possible day), stays fresh until the horizon
    /// after its first possible day, and is stale once the horizon after its last possible day
    /// has passed. An event nobody read reports shows nothing.
    pub fn shown_by_event(&self, w: When, evidence: &[Evidence], kind: State) -> Support {
        if !self.known(evidence) {
            return Support::No;
        }
        let (a, b) = (w.earliest(), w.latest());
        let day = self.as_of;
        if day < a {
            return Support::No;
        }
        if day < b {
            return Support::Maybe;
        }
        let Some(h) = kind.horizon_months() else {
            return Support::Yes;
        };
        let fresh_until = a.checked_add_months(h).unwrap_or(Date::FAR_FUTURE);
        let stale_after = b.checked_add_months(h).unwrap_or(Date::FAR_FUTURE);
        if day > stale_after {
            Support::Stale { last: w }
        } else if day > fresh_until {
            Support::Maybe
        } else {
            Support::Yes
        }
    }

    /// Whether a period with these bounds covers the day (`from` reached, `to` not passed).
    pub fn span(&self, from: Option<When>, to: Option<When>) -> Tri {
        When::span_holds(from, to, self.as_of)
    }

    /// The bounds of the day a state began: its own `from`, else its first report.
    fn start(&self, from: Option<When>, reported: Reported) -> Option<(Date, Date)> {
        match (from, reported) {
            (_, Reported::NotYetKnown) => None,
            (Some(f), _) => Some(f.as_start()),
            (None, Reported::AsWritten) => Some((Date::FAR_PAST, Date::FAR_PAST)),
            (None, Reported::Reports { first, .. }) => Some(first),
        }
    }

    /// Whether a state holds on the day. `from` and `to` are its own dates; without `to`, a
    /// state of a kind that goes stale holds until [`State::horizon_months`] after its last
    /// report.
    pub fn state(
        &self,
        from: Option<When>,
        to: Option<When>,
        evidence: &[Evidence],
        kind: State,
    ) -> Support {
        let reported = self.reported(evidence);
        let Some((a, b)) = self.start(from, reported) else {
            return Support::No;
        };
        let day = self.as_of;
        let started = Tri::decide(b <= day, a > day);
        if started == Tri::No {
            return Support::No;
        }
        let ended = match (to, kind.horizon_months(), reported) {
            (Some(t), _, _) => t.not_ended_by(day).not(),
            (None, Some(h), Reported::Reports { last, .. }) => {
                let fresh_until = last.0.checked_add_months(h).unwrap_or(Date::FAR_FUTURE);
                let stale_after = last.1.checked_add_months(h).unwrap_or(Date::FAR_FUTURE);
                if day > stale_after {
                    return Support::Stale {
                        last: When::from_bounds(last.0, last.1),
                    };
                }
                Tri::decide(false, day <= fresh_until)
            }
            _ => Tri::No,
        };
        match started.and(ended.not()) {
            Tri::Yes => Support::Yes,
            Tri::No => Support::No,
            Tri::Maybe => Support::Maybe,
        }
    }

    /// The value of a changeable field on the day, from its history: the value written on the
    /// record and each later change that sets it. A value holds from its own `from` (or, with
    /// none, from its first report) until the next value begins; the last value, for a kind of
    /// state that goes stale, only until a while after its last report.
    pub fn value<T: Clone + PartialEq>(&self, history: &[Entry<'_, T>], kind: State) -> Value<T> {
        let day = self.as_of;
        let mut entries: Vec<((Date, Date), &Entry<'_, T>, Reported)> = history
            .iter()
            .filter_map(|e| {
                let reported = self.reported(e.evidence);
                self.start(e.from, reported).map(|s| (s, e, reported))
            })
            .collect();
        if entries.is_empty() {
            return if history.is_empty() {
                Value::Unrecorded
            } else {
                Value::Unsettled { last: None }
            };
        }
        entries.sort_by_key(|(s, _, _)| s.0);
        let last_known = |i: usize| {
            let (_, e, r) = &entries[i];
            Some((e.value.clone(), r.last_when()))
        };
        // The latest value certainly begun by the day, and any later one that may have begun.
        let sure = entries.iter().rposition(|(s, _, _)| s.1 <= day);
        let maybe = entries.iter().rposition(|(s, _, _)| s.0 <= day);
        let Some(i) = sure else {
            return Value::Unsettled {
                last: maybe.and_then(last_known),
            };
        };
        if maybe.is_some_and(|m| {
            m > i
                && entries[i + 1..=m]
                    .iter()
                    .any(|(_, e, _)| e.value != entries[i].1.value)
        }) {
            return Value::Unsettled {
                last: last_known(i),
            };
        }
        // Only the last value of a history can go stale: an earlier one held until the next.
        if i + 1 == entries.len()
            && let (Some(h), Reported::Reports { last, .. }) = (kind.horizon_months(), entries[i].2)
        {
            let fresh_until = last.0.checked_add_months(h).unwrap_or(Date::FAR_FUTURE);
            if day > fresh_until {
                return Value::Unsettled {
                    last: last_known(i),
                };
            }
        }
        Value::Known(entries[i].1.value.clone())
    }

    /// Whether a group, organisation or document exists on the day: within its own dates, and
    /// not yet replaced by a successor.
    pub fn exists(&self, key: NodeKey) -> Tri {
        let d = &self.graph.data;
        let (span, evidence) = match key {
            NodeKey::Partnership => return Tri::Yes,
            NodeKey::Organisation(i) => {
                let o = &d.organisations[i];
                (self.span(o.from, o.to), o.evidence.as_slice())
            }
            NodeKey::Group(i) => {
                let g = &d.groups[i];
                (self.span(g.from, g.to), g.evidence.as_slice())
            }
            NodeKey::Document(i) => (Tri::Yes, d.documents[i].evidence.as_slice()),
            other => (
                Tri::Yes,
                self.graph.record(other).map_or(&[][..], |r| r.evidence()),
            ),
        };
        if !self.known(evidence) {
            return Tri::No;
        }
        let mut answer = span;
        for &s in self.graph.successors(key) {
            answer = answer.and(self.begun(s).not());
        }
        answer
    }

    /// Whether a successor has begun by the day: its own `from` (or period start), else its
    /// first report.
    fn begun(&self, key: NodeKey) -> Tri {
        let d = &self.graph.data;
        let (from, evidence) = match key {
            NodeKey::Organisation(i) => (d.organisations[i].from, &d.organisations[i].evidence),
            NodeKey::Group(i) => (d.groups[i].from, &d.groups[i].evidence),
            NodeKey::Document(i) => {
                let x = &d.documents[i];
                (x.period_from.or(x.approved).or(x.published), &x.evidence)
            }
            _ => return Tri::No,
        };
        match self.start(from, self.reported(evidence)) {
            Some((a, b)) => Tri::decide(b <= self.as_of, a > self.as_of),
            None => Tri::No,
        }
    }

    /// Whether a membership is in force on the day, as a state: its own dates, or as reported
    /// and then only for a while. A later record of the same member's seat on the same group
    /// replaces an earlier one from its start.
    pub fn seat(&self, membership: usize) -> Support {
        let d = &self.graph.data;
        let m = &d.memberships[membership];
        let own = self.state(m.from, m.to, &m.evidence, State::Seat);
        if own == Support::No {
            return own;
        }
        let my_start = self.start(m.from, self.reported(&m.evidence));
        let mut replaced = Tri::No;
        for (j, other) in d.memberships.iter().enumerate() {
            if j == membership || other.member != m.member || other.group != m.group {
                continue;
            }
            let Some((a, b)) = self.start(other.from, self.reported(&other.evidence)) else {
                continue;
            };
            // Only a record that begins strictly later replaces this one; when the two starts
            // are uncertain and overlap, which is later is uncertain too.
            let Some((ma, mb)) = my_start else { continue };
            // Two records that begin on the same reading (both as reported by one paper, say)
            // are two seats at once, and neither replaces the other.
            let later = if (a, b) == (ma, mb) {
                Tri::No
            } else {
                Tri::decide(a > mb, b <= ma)
            };
            let started = Tri::decide(b <= self.as_of, a > self.as_of);
            replaced = replaced.or(later.and(started));
        }
        match replaced {
            Tri::Yes => Support::No,
            Tri::Maybe if own == Support::Yes => Support::Maybe,
            _ => own,
        }
    }

    /// The declarations that a list is complete, with their evidence read.
    fn declarations<'g>(
        &'g self,
        list: ListKind,
        of: Option<&'g str>,
    ) -> impl Iterator<Item = &'g Complete> + 'g {
        self.graph
            .declarations_of(list, of)
            .filter(|c| self.known(&c.evidence))
    }

    /// Whether a list that belongs to one meeting or document (its attendance, topics,
    /// consultees or data sources) is declared complete. Such a list is complete whatever the
    /// day, once a source read says so.
    pub fn complete(&self, list: ListKind, of: &str) -> bool {
        debug_assert_eq!(list.time(), ListTime::Timeless);
        self.declarations(list, Some(of)).next().is_some()
    }

    /// Whether the members of `group` are declared complete on the day: on the day of a
    /// declaration (or within its period), and for the [`State::Absence`] horizon after, since
    /// a body missing from the list is a state like any other.
    pub fn members_complete(&self, group: &str) -> Tri {
        self.members_complete_by(group).0
    }

    /// Like [`View::members_complete`], with the declaration (an index into
    /// [`Graph::declarations`]) that settles it, when one does.
    pub fn members_complete_by(&self, group: &str) -> (Tri, Option<usize>) {
        self.state_list_complete_by(|c| {
            c.list == ListKind::Members && c.of.as_deref() == Some(group)
        })
    }

    /// Whether the area's groups of `kind` (every kind when `None`) are declared complete on the
    /// day, and by which declaration: only then is a group missing from them known not to exist.
    pub fn groups_complete_by(
        &self,
        kind: Option<crate::model::GroupKind>,
    ) -> (Tri, Option<usize>) {
        self.state_list_complete_by(|c| {
            c.list == ListKind::Groups && (c.group_kind.is_none() || c.group_kind == kind)
        })
    }

    fn state_list_complete_by(&self, wanted: impl Fn(&Complete) -> bool) -> (Tri, Option<usize>) {
        let day = self.as_of;
        let h = State::Absence.horizon_months().unwrap_or(0);
        let plus = |d: Date| d.checked_add_months(h).unwrap_or(Date::FAR_FUTURE);
        let mut answer = (Tri::No, None);
        for (i, c) in self.graph.declarations().iter().enumerate() {
            if !wanted(c) || !self.known(&c.evidence) {
                continue;
            }
            for (a, b) in self.declared_days(c) {
                // (a, b): the bounds of the first and of the last day the list is complete.
                let yes = a.1 <= day && day <= plus(b.0);
                let maybe = a.0 <= day && day <= plus(b.1);
                let t = Tri::decide(yes, !maybe);
                if t > answer.0 {
                    answer = (t, Some(i));
                }
            }
        }
        answer
    }

    /// The days a declaration of a state list holds on: for each, the bounds of its first day
    /// and of its last.
    fn declared_days(&self, c: &Complete) -> Vec<((Date, Date), (Date, Date))> {
        if let Some(on) = c.on {
            let d = (on.earliest(), on.latest());
            return vec![(d, d)];
        }
        if c.from.is_some() || c.to.is_some() {
            let start = c
                .from
                .map_or((Date::FAR_PAST, Date::FAR_PAST), |f| f.as_start());
            let end = match c.to {
                Some(t) => t.as_end(),
                None => match self.reported(&c.evidence) {
                    Reported::Reports { last, .. } => last,
                    _ => (Date::FAR_FUTURE, Date::FAR_FUTURE),
                },
            };
            return vec![(start, end)];
        }
        match self.reported(&c.evidence) {
            Reported::AsWritten => vec![(
                (Date::FAR_PAST, Date::FAR_PAST),
                (Date::FAR_FUTURE, Date::FAR_FUTURE),
            )],
            Reported::NotYetKnown => Vec::new(),
            Reported::Reports { .. } => c
                .evidence
                .iter()
                .filter_map(|e| self.graph.source_index(&e.source))
                .map(|i| &self.graph.data.sources[i])
                .filter(|s| self.reads(s))
                .map(|s| {
                    let d = s.date.map_or((Date::FAR_PAST, Date::FAR_FUTURE), |d| {
                        (d.earliest(), d.latest())
                    });
                    (d, d)
                })
                .collect(),
        }
    }

    /// The periods for which a list of events is certainly declared complete: each from a
    /// declaration's start to its end, or, for one declared `on` a day (or with no dates), up
    /// to that day.
    fn covered(
        &self,
        list: ListKind,
        of: Option<&str>,
        kind: Option<DocKind>,
    ) -> Vec<(Date, Date)> {
        let mut spans = Vec::new();
        for c in self.declarations(list, of) {
            if list == ListKind::Documents && c.kind.is_some() && c.kind != kind {
                continue;
            }
            if let Some(on) = c.on {
                spans.push((Date::FAR_PAST, on.earliest()));
            } else if c.from.is_some() || c.to.is_some() {
                let start = c.from.map_or(Date::FAR_PAST, |f| f.as_start().1);
                let end = match c.to {
                    Some(t) => t.as_end().0,
                    None => match self.reported(&c.evidence) {
                        Reported::Reports { last, .. } => last.0,
                        _ => Date::FAR_FUTURE,
                    },
                };
                if start <= end {
                    spans.push((start, end));
                }
            } else if self.reported(&c.evidence) == Reported::AsWritten {
                spans.push((Date::FAR_PAST, Date::FAR_FUTURE));
            } else {
                // Each source lists every event up to its own (earliest possible) date.
                for ((a, _), _) in self.declared_days(c) {
                    spans.push((Date::FAR_PAST, a));
                }
            }
        }
        spans.sort();
        spans
    }

    /// Whether a list of events (meetings, documents of a kind, reviews, revisions, copies
    /// sent, responses, case reviews, referrals) is declared complete for every day from `from`
    /// to `to`: only then may a rule conclude that an event missing from it in that period did
    /// not happen.
    pub fn events_complete(
        &self,
        list: ListKind,
        of: Option<&str>,
        kind: Option<DocKind>,
        from: Date,
        to: Date,
    ) -> bool {
        debug_assert_eq!(list.time(), ListTime::Events);
        let mut reach = from;
        for (a, b) in self.covered(list, of, kind) {
            if a > reach {
                break;
            }
            if b >= reach {
                if b >= to {
                    return true;
                }
                match b.checked_add_days(1) {
                    Some(next) => reach = next,
                    None => return true,
                }
            }
        }
        false
    }

    /// The latest day any source read is dated: how far the records reach.
    pub fn records_to(&self) -> Option<Date> {
        self.graph
            .data
            .sources
            .iter()
            .filter(|s| self.reads(s))
            .filter_map(|s| s.date.map(|d| d.latest()))
            .filter(|d| !d.is_open())
            .max()
    }
}

/// Events in a period: those certainly in it, those that may be (an uncertain date), and
/// whether the list is declared complete for the whole period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Window<K> {
    pub from: Date,
    pub to: Date,
    /// Events certainly within the period, oldest first.
    pub surely: Vec<K>,
    /// Events whose date may or may not fall within it.
    pub maybe: Vec<K>,
    /// Whether the file declares the list complete for every day of the period.
    pub complete: bool,
}

impl<K> Window<K> {
    /// Whether at least `n` events happened in the period: yes when `n` are certainly in it;
    /// no only when the list is complete and even counting the uncertain ones there are fewer.
    pub fn at_least(&self, n: usize) -> Tri {
        Tri::decide(
            self.surely.len() >= n,
            self.complete && self.surely.len() + self.maybe.len() < n,
        )
    }
}

/// A change to a record from a date: what every `*Change` type has in common.
pub trait Change {
    /// When it took effect, if the record says.
    fn from(&self) -> Option<When>;
    /// Who reports it.
    fn evidence(&self) -> &[Evidence];
}

macro_rules! impl_change {
    ($($t:ty),*) => {$(
        impl Change for $t {
            fn from(&self) -> Option<When> {
                self.from
            }
            fn evidence(&self) -> &[Evidence] {
                &self.evidence
            }
        }
    )*};
}

impl_change!(
    crate::model::PartnershipChange,
    crate::model::GroupChange,
    crate::model::OrganisationChange,
    crate::model::DocumentChange,
    crate::model::PostChange,
    crate::model::ActionChange,
    crate::model::ServiceChange
);

/// The history of one field: the value written on the record (holding from `base_from`, or
/// as reported by `base_evidence`), then each change that sets it.
pub fn history<'a, C: Change, T>(
    base_from: Option<When>,
    base: Option<T>,
    base_evidence: &'a [Evidence],
    changes: &'a [C],
    field: impl Fn(&'a C) -> Option<T>,
) -> Vec<Entry<'a, T>> {
    let mut out = Vec::new();
    if let Some(value) = base {
        out.push(Entry {
            from: base_from,
            value,
            evidence: base_evidence,
        });
    }
    for c in changes {
        if let Some(value) = field(c) {
            out.push(Entry {
                from: c.from(),
                value,
                evidence: c.evidence(),
            });
        }
    }
    out
}

impl View {
    /// A field of the partnership itself on the day, from its `changes`; where a change's date
    /// cannot settle it, the value written on the partnership.
    fn partnership_value<T: Clone + PartialEq>(
        &self,
        base: T,
        field: impl Fn(&crate::model::PartnershipChange) -> Option<T>,
    ) -> T {
        let d = &self.graph.data;
        self.value(
            &history(None, Some(base.clone()), &d.evidence, &d.changes, field),
            State::Identity,
        )
        .known()
        .unwrap_or(base)
    }

    /// The partnership's tier on the day.
    pub fn tier(&self) -> crate::model::Tier {
        self.partnership_value(self.graph.data.tier, |c| c.tier)
    }

    /// The areas the partnership covers on the day.
    pub fn areas(&self) -> Vec<String> {
        self.partnership_value(self.graph.data.areas.clone(), |c| c.areas.clone())
    }

    /// The partnership's county on the day (`None` when it is in none).
    pub fn county(&self) -> Option<String> {
        self.partnership_value(self.graph.data.county.clone(), |c| {
            c.county.clone().map(|k| (!k.is_empty()).then_some(k))
        })
    }
}

impl View {
    /// Whether a group is known to be in being on the day: it exists, and something read shows
    /// it (its own record, a meeting, a seat or a change) no longer than
    /// [`State::GroupInBeing`]'s horizon before, or its own dates say so.
    pub fn in_being(&self, group: usize) -> Tri {
        let exists = self.exists(NodeKey::Group(group));
        if exists == Tri::No {
            return Tri::No;
        }
        let d = &self.graph.data;
        let g = &d.groups[group];
        if g.to.is_some_and(|t| t.not_ended_by(self.as_of) == Tri::Yes)
            && g.from.is_some_and(|f| f.started_by(self.as_of) == Tri::Yes)
        {
            return exists;
        }
        // Signs of life: each as the bounds of the day it shows the group existing.
        let mut signs: Vec<(Date, Date)> = Vec::new();
        let mut add_reports = |r: Reported| match r {
            Reported::Reports { first, last } => {
                signs.push(first);
                signs.push(last);
            }
            Reported::AsWritten => signs.push((Date::FAR_PAST, Date::FAR_FUTURE)),
            Reported::NotYetKnown => {}
        };
        add_reports(self.reported(&g.evidence));
        for c in &g.changes {
            add_reports(self.reported(&c.evidence));
        }
        for m in d.memberships.iter().filter(|m| m.group == g.id) {
            if self.known(&m.evidence) {
                add_reports(self.reported(&m.evidence));
            }
        }
        for mt in d.meetings.iter().filter(|m| m.group == g.id) {
            if self.known(&mt.evidence) && mt.status.took_place() {
                signs.push((mt.date.earliest(), mt.date.latest()));
            }
        }
        if signs.contains(&(Date::FAR_PAST, Date::FAR_FUTURE)) {
            return exists;
        }
        let h = State::GroupInBeing.horizon_months().unwrap_or(0);
        let day = self.as_of;
        // A sign certainly before or on the day and recent enough settles it; a sign that may be.
        let yes = signs
            .iter()
            .any(|(a, b)| *b <= day && day <= a.checked_add_months(h).unwrap_or(Date::FAR_FUTURE))
            && g.from.is_none_or(|f| f.started_by(day) == Tri::Yes);
        if yes {
            return exists;
        }
        Tri::Maybe.and(exists)
    }

    /// The value of one of a group's fields on the day.
    pub fn group_value<T: Clone + PartialEq>(
        &self,
        group: usize,
        base: impl Fn(&crate::model::Group) -> Option<T>,
        change: impl Fn(&crate::model::GroupChange) -> Option<T>,
        kind: State,
    ) -> Value<T> {
        let g = &self.graph.data.groups[group];
        // A name or kind holds from the group's own start; officers and settings as reported.
        let base_from = if kind == State::Identity {
            g.from
        } else {
            None
        };
        self.value(
            &history(base_from, base(g), &g.evidence, &g.changes, change),
            kind,
        )
    }

    /// Meetings of a group that took place (held, or held but inquorate) in `from..=to`.
    pub fn meetings_between(&self, group: usize, from: Date, to: Date) -> Window<usize> {
        let d = &self.graph.data;
        let id = d.groups[group].id.as_str();
        let mut w = Window {
            from,
            to,
            surely: Vec::new(),
            maybe: Vec::new(),
            complete: self.events_complete(ListKind::Meetings, Some(id), None, from, to),
        };
        let mut rows: Vec<usize> = (0..d.meetings.len())
            .filter(|&i| d.meetings[i].group == id && d.meetings[i].status.took_place())
            .filter(|&i| self.known(&d.meetings[i].evidence))
            .collect();
        rows.sort_by_key(|&i| (d.meetings[i].date.latest(), i));
        for i in rows {
            match d.meetings[i].date.within(from, to) {
                Tri::Yes => w.surely.push(i),
                Tri::Maybe => w.maybe.push(i),
                Tri::No => {}
            }
        }
        w
    }

    /// Reviews of the partnership by a crime and disorder committee (by `committee`, or by any
    /// when `None`) in `from..=to`.
    pub fn reviews_between(&self, committee: Option<&str>, from: Date, to: Date) -> Window<usize> {
        let d = &self.graph.data;
        let mut w = Window {
            from,
            to,
            surely: Vec::new(),
            maybe: Vec::new(),
            complete: match committee {
                Some(c) => self.events_complete(ListKind::Reviews, Some(c), None, from, to),
                None => false,
            },
        };
        let mut rows: Vec<usize> = (0..d.scrutiny_reviews.len())
            .filter(|&i| committee.is_none_or(|c| d.scrutiny_reviews[i].committee == c))
            .filter(|&i| self.known(&d.scrutiny_reviews[i].evidence))
            .collect();
        rows.sort_by_key(|&i| (d.scrutiny_reviews[i].date.latest(), i));
        for i in rows {
            match d.scrutiny_reviews[i].date.within(from, to) {
                Tri::Yes => w.surely.push(i),
                Tri::Maybe => w.maybe.push(i),
                Tri::No => {}
            }
        }
        w
    }

    /// The dates on which a document was produced: completed, presented, approved or
    /// published.
    pub fn produced(&self, doc: usize) -> Vec<When> {
        let x = &self.graph.data.documents[doc];
        [x.completed, x.presented, x.approved, x.published]
            .into_iter()
            .flatten()
            .collect()
    }

    /// Documents of `kind` produced (completed, presented, approved or published) in
    /// `from..=to`, with whether the partnership's documents of that kind are declared
    /// complete for the period.
    pub fn documents_between(&self, kind: DocKind, from: Date, to: Date) -> Window<usize> {
        let d = &self.graph.data;
        let mut w = Window {
            from,
            to,
            surely: Vec::new(),
            maybe: Vec::new(),
            complete: self.events_complete(ListKind::Documents, None, Some(kind), from, to),
        };
        let mut rows: Vec<(Date, usize, Tri)> = Vec::new();
        for (i, x) in d.documents.iter().enumerate() {
            if x.kind != kind || !self.known(&x.evidence) {
                continue;
            }
            let dates = self.produced(i);
            let answer = dates
                .iter()
                .map(|w| w.within(from, to))
                .max()
                .unwrap_or(Tri::No);
            let latest = dates
                .iter()
                .map(|w| w.latest())
                .max()
                .unwrap_or(Date::FAR_PAST);
            rows.push((latest, i, answer));
        }
        rows.sort();
        for (_, i, answer) in rows {
            match answer {
                Tri::Yes => w.surely.push(i),
                Tri::Maybe => w.maybe.push(i),
                Tri::No => {}
            }
        }
        w
    }

    /// The dates on which a document was produced or refreshed in `from..=to`: its own
    /// production dates and each revision, with whether its revisions are declared complete for
    /// the period.
    pub fn revisions_between(&self, doc: usize, from: Date, to: Date) -> Window<When> {
        let x = &self.graph.data.documents[doc];
        let mut w = Window {
            from,
            to,
            surely: Vec::new(),
            maybe: Vec::new(),
            complete: self.events_complete(ListKind::Revisions, Some(&x.id), None, from, to),
        };
        let mut dates: Vec<When> = self.produced(doc);
        dates.extend(
            x.revisions
                .iter()
                .filter(|r| r.evidence.is_empty() || self.known(&r.evidence))
                .map(|r| r.date),
        );
        dates.sort_by_key(|w| (w.latest(), w.earliest()));
        dates.dedup();
        for d in dates {
            match d.within(from, to) {
                Tri::Yes => w.surely.push(d),
                Tri::Maybe => w.maybe.push(d),
                Tri::No => {}
            }
        }
        w
    }
}
