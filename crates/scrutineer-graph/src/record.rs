//! The one list of record kinds, and what every record can say about itself.
//!
//! Each kind of record is declared once, in [`record_kinds!`]. The loader, the index, the
//! script API and the what-if editor walk the records through [`Partnership::for_each_record`]
//! and the [`Record`] trait, so a kind added here is checked, indexed and editable everywhere,
//! and a reference field added to a record is checked by the loader and cleared by the editor
//! because its `refs` and `detach` say so.

use crate::date::When;
use crate::model::*;

/// Calls `$callback!` with every record kind: first those with an id of their own (nodes of the
/// graph), then those without (edges and declarations). Each entry is the kind (also the model
/// type's name), the list it lives in, and how a person names one.
#[macro_export]
macro_rules! record_kinds {
    ($callback:ident) => {
        $callback! {
            nodes: [
                (Organisation, organisations, "an organisation"),
                (Person, people, "a person"),
                (Group, groups, "a group"),
                (Meeting, meetings, "a meeting"),
                (Document, documents, "a document"),
                (Priority, priorities, "a priority"),
                (Action, actions, "an action"),
                (Post, posts, "a post"),
                (Risk, risks, "a risk"),
                (ScrutinyReview, scrutiny_reviews, "a scrutiny review"),
                (CaseReview, case_reviews, "a case review"),
                (Referral, referrals, "a referral"),
                (Service, services, "a service"),
            ],
            others: [
                (Membership, memberships, "a membership"),
                (ReportsTo, reporting, "a reporting line"),
                (DataReturn, data_returns, "a data return"),
                (Complete, complete, "a declaration that a list is complete"),
                (Waiver, waivers, "a waiver"),
            ]
        }
    };
}

macro_rules! declare_kinds {
    (nodes: [$(($n:ident, $nl:ident, $nnoun:literal)),* $(,)?],
     others: [$(($o:ident, $ol:ident, $onoun:literal)),* $(,)?]) => {
        /// What kind of record something is.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Kind {
            $($n,)*
            $($o,)*
        }

        impl Kind {
            /// Every kind, in the order a file lists them.
            pub const ALL: &'static [Kind] = &[$(Kind::$n,)* $(Kind::$o,)*];

            /// How a person names one: "an organisation".
            pub fn noun(self) -> &'static str {
                match self { $(Kind::$n => $nnoun,)* $(Kind::$o => $onoun,)* }
            }

            /// The noun without its article: "organisation".
            pub fn short(self) -> &'static str {
                let n = self.noun();
                &n[n.find(' ').map(|i| i + 1).unwrap_or(0)..]
            }

            /// The partnership file's list that holds records of this kind.
            pub fn list(self) -> &'static str {
                match self { $(Kind::$n => stringify!($nl),)* $(Kind::$o => stringify!($ol),)* }
            }

            /// The record type's name in a file: `Organisation`.
            pub fn type_name(self) -> &'static str {
                match self { $(Kind::$n => stringify!($n),)* $(Kind::$o => stringify!($o),)* }
            }

            /// Whether records of this kind have an id of their own and are nodes of the graph.
            pub fn is_node(self) -> bool {
                matches!(self, $(Kind::$n)|*)
            }
        }

        impl Partnership {
            /// Calls `f` with every record of the file, list by list in [`Kind::ALL`] order.
            pub fn for_each_record(&self, f: &mut dyn FnMut(Kind, usize, &dyn Record)) {
                $(for (i, r) in self.$nl.iter().enumerate() { f(Kind::$n, i, r); })*
                $(for (i, r) in self.$ol.iter().enumerate() { f(Kind::$o, i, r); })*
            }

            /// The record of `kind` at `index`.
            pub fn record(&self, kind: Kind, index: usize) -> Option<&dyn Record> {
                match kind {
                    $(Kind::$n => self.$nl.get(index).map(|r| r as &dyn Record),)*
                    $(Kind::$o => self.$ol.get(index).map(|r| r as &dyn Record),)*
                }
            }

            /// How many records of `kind` the file holds.
            pub fn count(&self, kind: Kind) -> usize {
                match kind { $(Kind::$n => self.$nl.len(),)* $(Kind::$o => self.$ol.len(),)* }
            }

            /// Removes every reference to `id` from every record, dropping the records (and
            /// the entries of lists) that cannot stand without it. Returns how many records
            /// were dropped.
            pub fn detach_all(&mut self, id: &str) -> usize {
                let mut dropped = 0;
                $(
                    let before = self.$nl.len();
                    self.$nl.retain_mut(|r| r.detach(id) == Detach::Keep);
                    dropped += before - self.$nl.len();
                )*
                $(
                    let before = self.$ol.len();
                    self.$ol.retain_mut(|r| r.detach(id) == Detach::Keep);
                    dropped += before - self.$ol.len();
                )*
                dropped
            }

            /// Removes the record with this id, of whatever kind. Returns whether one was found.
            pub fn remove_node(&mut self, id: &str) -> bool {
                let mut found = false;
                $(
                    let before = self.$nl.len();
                    self.$nl.retain(|r| r.id != id);
                    found |= before != self.$nl.len();
                )*
                found
            }

            /// Every node id, with its kind.
            pub fn node_ids(&self) -> Vec<(&str, Kind)> {
                let mut out = Vec::new();
                $(out.extend(self.$nl.iter().map(|r| (r.id.as_str(), Kind::$n)));)*
                out
            }
        }
    };
}

record_kinds!(declare_kinds);

/// A reference from one record to another, for the loader to check.
#[derive(Clone, Debug)]
pub struct Ref<'a> {
    /// Where it is within the record: `chair`, `attendance[2].member`.
    pub at: String,
    /// The id referred to.
    pub id: &'a str,
    /// The kinds it may refer to; the first is the one suggested when it is missing.
    pub to: &'static [Kind],
    /// Whether `""` (a blank the document shows) is allowed.
    pub blank_ok: bool,
}

/// A period whose end must not come before its start, for the loader to check.
#[derive(Clone, Debug)]
pub struct Period {
    /// Where it is within the record: `` (the record itself) or `changes[1]`.
    pub at: String,
    pub from_name: &'static str,
    pub to_name: &'static str,
    pub from: Option<When>,
    pub to: Option<When>,
}

/// What happens to a record when something it refers to is removed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Detach {
    /// It stays, with the reference cleared.
    Keep,
    /// It cannot stand without it and goes too.
    Drop,
}

/// What every record can say about itself. Implemented once per kind, below.
pub trait Record {
    /// Its id, or `""` for records without one.
    fn id(&self) -> &str;
    /// How a person names it: a name, a title, a description.
    fn name(&self) -> &str;
    /// Its own evidence.
    fn evidence(&self) -> &[Evidence];
    /// Every evidence list within it, with where it is (`` for its own).
    fn evidence_lists(&self, f: &mut dyn FnMut(String, &[Evidence])) {
        f(String::new(), self.evidence());
    }
    /// Every reference it makes to another record.
    fn refs(&self) -> Vec<Ref<'_>> {
        Vec::new()
    }
    /// Its periods, each to end no earlier than it starts.
    fn periods(&self) -> Vec<Period> {
        Vec::new()
    }
    /// Forgets `id`: clears optional references to it and drops list entries that name it.
    fn detach(&mut self, _id: &str) -> Detach {
        Detach::Keep
    }
}

const ORG: &[Kind] = &[Kind::Organisation];
const MEMBER: &[Kind] = &[Kind::Organisation, Kind::Person];
const OWNER: &[Kind] = &[Kind::Person, Kind::Organisation, Kind::Group];
const GROUP: &[Kind] = &[Kind::Group];
const DOC: &[Kind] = &[Kind::Document];

fn reference<'a>(at: impl Into<String>, id: &'a str, to: &'static [Kind]) -> Ref<'a> {
    Ref {
        at: at.into(),
        id,
        to,
        blank_ok: false,
    }
}

fn blank_ok<'a>(at: impl Into<String>, id: &'a str, to: &'static [Kind]) -> Ref<'a> {
    Ref {
        blank_ok: true,
        ..reference(at, id, to)
    }
}

fn optional<'a>(
    out: &mut Vec<Ref<'a>>,
    at: impl Into<String>,
    id: &'a Option<String>,
    to: &'static [Kind],
) {
    if let Some(id) = id {
        out.push(reference(at, id, to));
    }
}

fn each<'a>(out: &mut Vec<Ref<'a>>, at: &str, ids: &'a [String], to: &'static [Kind]) {
    for (j, id) in ids.iter().enumerate() {
        out.push(reference(format!("{at}[{j}]"), id, to));
    }
}

fn period(
    at: impl Into<String>,
    names: (&'static str, &'static str),
    from: Option<When>,
    to: Option<When>,
) -> Period {
    Period {
        at: at.into(),
        from_name: names.0,
        to_name: names.1,
        from,
        to,
    }
}

/// Clears an optional reference to `id`.
fn clear(field: &mut Option<String>, id: &str) {
    if field.as_deref() == Some(id) {
        *field = None;
    }
}

fn drop_if(cond: bool) -> Detach {
    if cond { Detach::Drop } else { Detach::Keep }
}

fn nested_evidence<T>(
    f: &mut dyn FnMut(String, &[Evidence]),
    at: &str,
    items: &[T],
    ev: impl Fn(&T) -> &[Evidence],
) {
    for (j, x) in items.iter().enumerate() {
        f(format!("{at}[{j}].evidence"), ev(x));
    }
}

impl Record for Organisation {
    fn id(&self) -> &str {
        &self.id
    }
    fn name(&self) -> &str {
        &self.name
    }
    fn evidence(&self) -> &[Evidence] {
        &self.evidence
    }
    fn evidence_lists(&self, f: &mut dyn FnMut(String, &[Evidence])) {
        f(String::new(), &self.evidence);
        nested_evidence(f, "changes", &self.changes, |c| &c.evidence);
    }
    fn refs(&self) -> Vec<Ref<'_>> {
        let mut out = Vec::new();
        optional(&mut out, "replaces", &self.replaces, ORG);
        out
    }
    fn periods(&self) -> Vec<Period> {
        vec![period("", ("from", "to"), self.from, self.to)]
    }
    fn detach(&mut self, id: &str) -> Detach {
        clear(&mut self.replaces, id);
        Detach::Keep
    }
}

impl Record for Person {
    fn id(&self) -> &str {
        &self.id
    }
    fn name(&self) -> &str {
        &self.name
    }
    fn evidence(&self) -> &[Evidence] {
        &self.evidence
    }
    fn refs(&self) -> Vec<Ref<'_>> {
        let mut out = Vec::new();
        optional(&mut out, "organisation", &self.organisation, ORG);
        out
    }
    fn detach(&mut self, id: &str) -> Detach {
        clear(&mut self.organisation, id);
        Detach::Keep
    }
}

impl Record for Group {
    fn id(&self) -> &str {
        &self.id
    }
    fn name(&self) -> &str {
        &self.name
    }
    fn evidence(&self) -> &[Evidence] {
        &self.evidence
    }
    fn evidence_lists(&self, f: &mut dyn FnMut(String, &[Evidence])) {
        f(String::new(), &self.evidence);
        nested_evidence(f, "changes", &self.changes, |c| &c.evidence);
    }
    fn refs(&self) -> Vec<Ref<'_>> {
        let mut out = Vec::new();
        if let Some(c) = &self.chair {
            out.push(blank_ok("chair", c, MEMBER));
        }
        if let Some(c) = &self.vice_chair {
            out.push(blank_ok("vice_chair", c, MEMBER));
        }
        optional(
            &mut out,
            "terms_of_reference",
            &self.terms_of_reference,
            DOC,
        );
        optional(&mut out, "replaces", &self.replaces, GROUP);
        each(&mut out, "councils", &self.councils, ORG);
        for (k, c) in self.changes.iter().enumerate() {
            if let Some(x) = &c.chair {
                out.push(blank_ok(format!("changes[{k}].chair"), x, MEMBER));
            }
            if let Some(x) = &c.vice_chair {
                out.push(blank_ok(format!("changes[{k}].vice_chair"), x, MEMBER));
            }
            optional(
                &mut out,
                format!("changes[{k}].terms_of_reference"),
                &c.terms_of_reference,
                DOC,
            );
        }
        out
    }
    fn periods(&self) -> Vec<Period> {
        vec![
            period("", ("from", "to"), self.from, self.to),
            period(
                "",
                ("suspended_from", "suspended_to"),
                self.suspended_from,
                self.suspended_to,
            ),
        ]
    }
    fn detach(&mut self, id: &str) -> Detach {
        clear(&mut self.chair, id);
        clear(&mut self.vice_chair, id);
        clear(&mut self.terms_of_reference, id);
        clear(&mut self.replaces, id);
        self.councils.retain(|x| x != id);
        for c in &mut self.changes {
            clear(&mut c.chair, id);
            clear(&mut c.vice_chair, id);
            clear(&mut c.terms_of_reference, id);
        }
        Detach::Keep
    }
}

impl Record for Membership {
    fn id(&self) -> &str {
        ""
    }
    fn name(&self) -> &str {
        &self.member
    }
    fn evidence(&self) -> &[Evidence] {
        &self.evidence
    }
    fn refs(&self) -> Vec<Ref<'_>> {
        let mut out = vec![
            reference("member", &self.member, MEMBER),
            reference("group", &self.group, GROUP),
        ];
        each(&mut out, "appointed_by", &self.appointed_by, ORG);
        out
    }
    fn periods(&self) -> Vec<Period> {
        vec![period("", ("from", "to"), self.from, self.to)]
    }
    fn detach(&mut self, id: &str) -> Detach {
        self.appointed_by.retain(|x| x != id);
        drop_if(self.member == id || self.group == id)
    }
}

impl Record for ReportsTo {
    fn id(&self) -> &str {
        ""
    }
    fn name(&self) -> &str {
        &self.group
    }
    fn evidence(&self) -> &[Evidence] {
        &self.evidence
    }
    fn refs(&self) -> Vec<Ref<'_>> {
        vec![
            reference("group", &self.group, GROUP),
            reference("to", &self.to, GROUP),
        ]
    }
    fn periods(&self) -> Vec<Period> {
        vec![period("", ("from", "until"), self.from, self.until)]
    }
    fn detach(&mut self, id: &str) -> Detach {
        drop_if(self.group == id || self.to == id)
    }
}

impl Record for Meeting {
    fn id(&self) -> &str {
        &self.id
    }
    fn name(&self) -> &str {
        &self.id
    }
    fn evidence(&self) -> &[Evidence] {
        &self.evidence
    }
    fn refs(&self) -> Vec<Ref<'_>> {
        let mut out = vec![reference("group", &self.group, GROUP)];
        for (j, a) in self.attendance.iter().enumerate() {
            out.push(reference(
                format!("attendance[{j}].member"),
                &a.member,
                MEMBER,
            ));
        }
        each(&mut out, "reports_from", &self.reports_from, GROUP);
        each(&mut out, "papers", &self.papers, DOC);
        each(&mut out, "tabled", &self.tabled, DOC);
        out
    }
    fn detach(&mut self, id: &str) -> Detach {
        self.attendance.retain(|a| a.member != id);
        self.reports_from.retain(|x| x != id);
        self.papers.retain(|x| x != id);
        self.tabled.retain(|x| x != id);
        drop_if(self.group == id)
    }
}

impl Record for Document {
    fn id(&self) -> &str {
        &self.id
    }
    fn name(&self) -> &str {
        &self.title
    }
    fn evidence(&self) -> &[Evidence] {
        &self.evidence
    }
    fn evidence_lists(&self, f: &mut dyn FnMut(String, &[Evidence])) {
        f(String::new(), &self.evidence);
        nested_evidence(f, "revisions", &self.revisions, |r| &r.evidence);
        nested_evidence(f, "sent_to", &self.sent_to, |r| &r.evidence);
        nested_evidence(f, "changes", &self.changes, |r| &r.evidence);
    }
    fn refs(&self) -> Vec<Ref<'_>> {
        let mut out = Vec::new();
        optional(
            &mut out,
            "approved_by",
            &self.approved_by,
            &[Kind::Group, Kind::Organisation],
        );
        each(&mut out, "regard_to", &self.regard_to, DOC);
        for (j, s) in self.sent_to.iter().enumerate() {
            out.push(reference(format!("sent_to[{j}].to"), &s.to, ORG));
        }
        each(&mut out, "consulted", &self.consulted, ORG);
        each(&mut out, "data_from", &self.data_from, ORG);
        optional(&mut out, "replaces", &self.replaces, DOC);
        out
    }
    fn periods(&self) -> Vec<Period> {
        vec![period(
            "",
            ("period_from", "period_to"),
            self.period_from,
            self.period_to,
        )]
    }
    fn detach(&mut self, id: &str) -> Detach {
        clear(&mut self.approved_by, id);
        clear(&mut self.replaces, id);
        self.regard_to.retain(|x| x != id);
        self.sent_to.retain(|s| s.to != id);
        self.consulted.retain(|x| x != id);
        self.data_from.retain(|x| x != id);
        Detach::Keep
    }
}

impl Record for Priority {
    fn id(&self) -> &str {
        &self.id
    }
    fn name(&self) -> &str {
        &self.title
    }
    fn evidence(&self) -> &[Evidence] {
        &self.evidence
    }
    fn refs(&self) -> Vec<Ref<'_>> {
        let mut out = Vec::new();
        optional(&mut out, "plan", &self.plan, DOC);
        if let Some(o) = &self.owner {
            out.push(blank_ok("owner", o, OWNER));
        }
        out
    }
    fn detach(&mut self, id: &str) -> Detach {
        clear(&mut self.plan, id);
        clear(&mut self.owner, id);
        Detach::Keep
    }
}

impl Record for Action {
    fn id(&self) -> &str {
        &self.id
    }
    fn name(&self) -> &str {
        &self.title
    }
    fn evidence(&self) -> &[Evidence] {
        &self.evidence
    }
    fn evidence_lists(&self, f: &mut dyn FnMut(String, &[Evidence])) {
        f(String::new(), &self.evidence);
        nested_evidence(f, "changes", &self.changes, |c| &c.evidence);
    }
    fn refs(&self) -> Vec<Ref<'_>> {
        let mut out = Vec::new();
        optional(&mut out, "priority", &self.priority, &[Kind::Priority]);
        optional(&mut out, "plan", &self.plan, DOC);
        if let Some(o) = &self.owner {
            out.push(blank_ok("owner", o, OWNER));
        }
        for (k, c) in self.changes.iter().enumerate() {
            if let Some(o) = &c.owner {
                out.push(blank_ok(format!("changes[{k}].owner"), o, OWNER));
            }
        }
        out
    }
    fn detach(&mut self, id: &str) -> Detach {
        clear(&mut self.priority, id);
        clear(&mut self.plan, id);
        clear(&mut self.owner, id);
        for c in &mut self.changes {
            clear(&mut c.owner, id);
        }
        Detach::Keep
    }
}

impl Record for Post {
    fn id(&self) -> &str {
        &self.id
    }
    fn name(&self) -> &str {
        &self.title
    }
    fn evidence(&self) -> &[Evidence] {
        &self.evidence
    }
    fn evidence_lists(&self, f: &mut dyn FnMut(String, &[Evidence])) {
        f(String::new(), &self.evidence);
        nested_evidence(f, "changes", &self.changes, |c| &c.evidence);
    }
    fn refs(&self) -> Vec<Ref<'_>> {
        let mut out = Vec::new();
        optional(&mut out, "host", &self.host, ORG);
        out
    }
    fn detach(&mut self, id: &str) -> Detach {
        clear(&mut self.host, id);
        Detach::Keep
    }
}

impl Record for Risk {
    fn id(&self) -> &str {
        &self.id
    }
    fn name(&self) -> &str {
        &self.description
    }
    fn evidence(&self) -> &[Evidence] {
        &self.evidence
    }
    fn refs(&self) -> Vec<Ref<'_>> {
        let mut out = Vec::new();
        optional(&mut out, "register", &self.register, DOC);
        out
    }
    fn detach(&mut self, id: &str) -> Detach {
        clear(&mut self.register, id);
        Detach::Keep
    }
}

impl Record for ScrutinyReview {
    fn id(&self) -> &str {
        &self.id
    }
    fn name(&self) -> &str {
        &self.topic
    }
    fn evidence(&self) -> &[Evidence] {
        &self.evidence
    }
    fn evidence_lists(&self, f: &mut dyn FnMut(String, &[Evidence])) {
        f(String::new(), &self.evidence);
        nested_evidence(f, "sent_to", &self.sent_to, |r| &r.evidence);
        nested_evidence(f, "responses", &self.responses, |r| &r.evidence);
        nested_evidence(f, "requests", &self.requests, |r| &r.evidence);
    }
    fn refs(&self) -> Vec<Ref<'_>> {
        let mut out = vec![reference("committee", &self.committee, GROUP)];
        optional(&mut out, "meeting", &self.meeting, &[Kind::Meeting]);
        for (j, s) in self.sent_to.iter().enumerate() {
            out.push(reference(format!("sent_to[{j}].to"), &s.to, ORG));
        }
        for (j, s) in self.responses.iter().enumerate() {
            out.push(reference(format!("responses[{j}].to"), &s.to, ORG));
        }
        for (j, r) in self.requests.iter().enumerate() {
            out.push(reference(format!("requests[{j}].to"), &r.to, ORG));
        }
        out
    }
    fn detach(&mut self, id: &str) -> Detach {
        clear(&mut self.meeting, id);
        self.sent_to.retain(|s| s.to != id);
        self.responses.retain(|s| s.to != id);
        self.requests.retain(|r| r.to != id);
        drop_if(self.committee == id)
    }
}

impl Record for CaseReview {
    fn id(&self) -> &str {
        &self.id
    }
    fn name(&self) -> &str {
        &self.id
    }
    fn evidence(&self) -> &[Evidence] {
        &self.evidence
    }
    fn refs(&self) -> Vec<Ref<'_>> {
        let mut out = Vec::new();
        optional(&mut out, "report", &self.report, DOC);
        out
    }
    fn detach(&mut self, id: &str) -> Detach {
        clear(&mut self.report, id);
        Detach::Keep
    }
}

impl Record for Referral {
    fn id(&self) -> &str {
        &self.id
    }
    fn name(&self) -> &str {
        &self.topic
    }
    fn evidence(&self) -> &[Evidence] {
        &self.evidence
    }
    fn refs(&self) -> Vec<Ref<'_>> {
        vec![reference("committee", &self.committee, GROUP)]
    }
    fn detach(&mut self, id: &str) -> Detach {
        drop_if(self.committee == id)
    }
}

impl Record for Service {
    fn id(&self) -> &str {
        &self.id
    }
    fn name(&self) -> &str {
        &self.title
    }
    fn evidence(&self) -> &[Evidence] {
        &self.evidence
    }
    fn evidence_lists(&self, f: &mut dyn FnMut(String, &[Evidence])) {
        f(String::new(), &self.evidence);
        nested_evidence(f, "changes", &self.changes, |c| &c.evidence);
    }
}

impl Record for DataReturn {
    fn id(&self) -> &str {
        ""
    }
    fn name(&self) -> &str {
        &self.from
    }
    fn evidence(&self) -> &[Evidence] {
        &self.evidence
    }
    fn refs(&self) -> Vec<Ref<'_>> {
        vec![reference("from", &self.from, ORG)]
    }
    fn detach(&mut self, id: &str) -> Detach {
        drop_if(self.from == id)
    }
}

impl Record for Complete {
    fn id(&self) -> &str {
        ""
    }
    fn name(&self) -> &str {
        self.list.as_str()
    }
    fn evidence(&self) -> &[Evidence] {
        &self.evidence
    }
    fn refs(&self) -> Vec<Ref<'_>> {
        let mut out = Vec::new();
        optional(&mut out, "of", &self.of, self.list.owner_kinds());
        out
    }
    fn periods(&self) -> Vec<Period> {
        vec![period("", ("from", "to"), self.from, self.to)]
    }
    fn detach(&mut self, id: &str) -> Detach {
        drop_if(self.of.as_deref() == Some(id))
    }
}

impl Record for Waiver {
    fn id(&self) -> &str {
        ""
    }
    fn name(&self) -> &str {
        &self.rule
    }
    fn evidence(&self) -> &[Evidence] {
        &self.evidence
    }
    fn periods(&self) -> Vec<Period> {
        vec![period(
            "",
            ("approved", "expires"),
            self.approved,
            Some(self.expires),
        )]
    }
}

impl ListKind {
    /// The kinds of record whose list this is; empty for the partnership's own lists.
    pub fn owner_kinds(self) -> &'static [Kind] {
        use ListKind::*;
        match self {
            Members | Meetings => GROUP,
            Reviews | Referrals => GROUP,
            Attendance => &[Kind::Meeting],
            Revisions | Topics | Consultees | DataSources => DOC,
            Circulation => &[Kind::Document, Kind::ScrutinyReview],
            Responses => &[Kind::ScrutinyReview],
            Documents | CaseReviews | Groups => &[],
        }
    }
}
