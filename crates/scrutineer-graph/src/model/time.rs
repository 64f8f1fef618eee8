//! Declared complete lists: the one way a file says "this list holds everything", and for
//! when.

use serde::{Deserialize, Serialize};

use super::names::named_enum;
use super::{DocKind, Evidence, GroupKind};
use crate::date::When;

/// A list the records hold in full. Outside every such declaration, a rule may not conclude
/// that something missing from a list is absent: "no later plan is recorded" is a fact about
/// the file, not about the partnership.
///
/// When it holds:
///
/// * a list of *members* (or of the area's *groups*) is complete `on` a day, or on every day
///   `from`..`to`;
/// * a list of *events* (meetings, documents, reviews, revisions, copies sent, responses, case
///   reviews, referrals) is complete for the period `from`..`to`; `on` a day means every event
///   up to that day;
/// * a list that belongs to one meeting or document (its attendance, topics, consultees, data
///   sources) is complete or not, whatever the day, and takes no dates;
/// * with no dates, a declaration holds on the date of each source its `evidence` cites (each
///   source is taken to list it in full), and with no evidence either, on every date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Complete {
    /// Which list.
    pub list: ListKind,
    /// Whose list: a group for `Members` and `Meetings`, a committee for `Reviews` and
    /// `Referrals`, a meeting for `Attendance`, a document for `Topics`, `Revisions`,
    /// `Consultees` and `DataSources`, a document or scrutiny review for `Circulation`, a
    /// scrutiny review for `Responses`. Left out for the partnership's own lists
    /// (`Documents`, `CaseReviews`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub of: Option<String>,
    /// For `Documents`: which kind of document (every kind when left out).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<DocKind>,
    /// For `Groups`: which kind of group (every kind when left out).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_kind: Option<GroupKind>,
    /// The day on which the list is complete.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on: Option<When>,
    /// The first day of the period the list covers in full.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<When>,
    /// The last day of the period the list covers in full.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<When>,
    /// Anything a reader should know about it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The document that lists it in full.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

impl Complete {
    /// A declaration with only its list and owner, holding on its sources' dates.
    pub fn new(list: ListKind, of: Option<String>) -> Complete {
        Complete {
            list,
            of,
            kind: None,
            group_kind: None,
            on: None,
            from: None,
            to: None,
            note: None,
            evidence: Vec::new(),
        }
    }
}

/// What a list's completeness is about in time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListTime {
    /// Who holds a seat: complete on a day, and what it shows goes stale like any state.
    State,
    /// Things that happened: complete for a period.
    Events,
    /// A property of one meeting or document: complete whatever the day.
    Timeless,
}

named_enum! {
    /// The lists a file can declare complete.
    pub enum ListKind {
        Members => "members", "the members of a group",
        Groups => "groups", "the groups of the partnership and its area (of one kind, or all): a council with no crime and disorder committee, say",
        Meetings => "meetings", "the meetings of a group",
        Attendance => "attendance", "who attended a meeting",
        Documents => "documents", "the partnership's documents (of one kind, or all)",
        Reviews => "reviews", "a crime and disorder committee's reviews of the partnership",
        Revisions => "revisions", "the refreshes and reviews of a document",
        Topics => "topics", "the topics a document covers",
        Circulation => "circulation", "the bodies a document or a committee's recommendations were sent to",
        Consultees => "consultees", "the bodies consulted on a document",
        DataSources => "data_sources", "the bodies that supplied data to an assessment",
        Responses => "responses", "the responses to a committee's recommendations",
        CaseReviews => "case_reviews", "the deaths notified for review",
        Referrals => "referrals", "the matters referred to a committee",
    }
}

impl ListKind {
    /// How the list's completeness sits in time.
    pub fn time(self) -> ListTime {
        use ListKind::*;
        match self {
            Members | Groups => ListTime::State,
            Attendance | Topics | Consultees | DataSources => ListTime::Timeless,
            Meetings | Documents | Reviews | Revisions | Circulation | Responses | CaseReviews
            | Referrals => ListTime::Events,
        }
    }
}
