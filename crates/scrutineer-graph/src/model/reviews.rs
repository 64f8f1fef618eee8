//! Scrutiny and statutory reviews: the committee's reviews, case reviews, referrals and data
//! returns.

use serde::{Deserialize, Serialize};

use super::names::named_enum;
use super::{DateCell, Evidence, Sent, Topic, is_false};
use crate::date::When;

/// An occasion on which the crime and disorder committee reviewed or scrutinised the
/// partnership's work.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScrutinyReview {
    /// A short id.
    pub id: String,
    /// The committee (a group id).
    pub committee: String,
    /// When it took place.
    pub date: When,
    /// What it looked at.
    pub topic: String,
    /// The statutory topics it took in (serious violence, say), when the record says.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub covers: Vec<Topic>,
    /// The meeting it took place at, if recorded as a meeting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting: Option<String>,
    /// Its recommendations.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recommendations: Vec<String>,
    /// Copies of the committee's report or recommendations sent (PJA 2006 s.19(2)).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sent_to: Vec<Sent>,
    /// Earlier form of `Complete(list: Circulation, of: <this review>)`. `scrutineer fmt`
    /// rewrites it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub circulation_listed_in_full: bool,
    /// Responses received from the bodies sent a copy.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub responses: Vec<Sent>,
    /// Earlier form of `Complete(list: Responses, of: <this review>)`. `scrutineer fmt`
    /// rewrites it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub responses_listed_in_full: bool,
    /// Requests the committee made for an officer to attend or for information.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requests: Vec<Request>,
    /// Where it is recorded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

/// A request by the crime and disorder committee to a body.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Request {
    /// An organisation id.
    pub to: String,
    /// For an officer to attend, or for information.
    pub kind: RequestKind,
    /// When it was made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<When>,
    /// What came of it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<RequestOutcome>,
    /// Where it is recorded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

named_enum! {
    /// What the committee asked for.
    pub enum RequestKind {
        Attendance => "attendance", "an officer to attend",
        Information => "information", "information",
    }
}

named_enum! {
    /// What came of a committee's request.
    pub enum RequestOutcome {
        Complied => "complied", "the body complied",
        Refused => "refused", "the body refused",
        NoResponse => "no_response", "no response was received",
    }
}

/// A death notified to the partnership for a statutory review.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseReview {
    /// A short id (never a name).
    pub id: String,
    /// Which kind of review.
    pub kind: CaseReviewKind,
    /// When the partnership was notified of the death.
    pub notified: When,
    /// When it decided whether to hold a review; `""` when the record shows no decision yet
    /// (as of its source's date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided: Option<DateCell>,
    /// What it decided: true to hold a review.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_held: Option<bool>,
    /// The review's report (a document id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report: Option<String>,
    /// What the documents leave unclear.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// Where it is recorded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

named_enum! {
    /// The kinds of statutory review of a death.
    pub enum CaseReviewKind {
        DomesticHomicide => "domestic_homicide", "a domestic homicide review (Domestic Violence, Crime and Victims Act 2004 s.9)",
        OffensiveWeaponsHomicide => "offensive_weapons_homicide", "an offensive weapons homicide review (Police, Crime, Sentencing and Courts Act 2022, pilot)",
    }
}

/// A matter referred to the crime and disorder committee.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Referral {
    /// A short id.
    pub id: String,
    /// The committee (a group id).
    pub committee: String,
    /// When it was referred.
    pub referred: When,
    /// When the committee considered it; `""` when the record shows it not yet considered (as
    /// of its source's date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub considered: Option<DateCell>,
    /// What it was about.
    pub topic: String,
    /// Where it is recorded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

/// One authority's quarterly return of depersonalised data under s.17A.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataReturn {
    /// The authority that supplied it (an organisation id).
    pub from: String,
    /// The last day of the quarter it covers.
    pub period_to: When,
    /// When it was delivered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivered: Option<When>,
    /// Where it is recorded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}
