//! The partnership file format: what a person writes in a `.ron` file.
//!
//! Three conventions run through every type:
//!
//! * **Leaving a field out means the records do not say.** An `Option` that is `None` is "no
//!   record", never "no". Rules turn it into an `unknown` outcome.
//! * **An empty string records a blank.** Where a document has the field and leaves it empty (a
//!   risk register cell, an action with no owner column filled in), write `""`. That is a fact
//!   about the document, and rules may fail on it.
//! * **Every fact is reported by a source on a day.** A record's `evidence` names the sources it
//!   comes from, and each source's `date` is when it reported the fact. A fact with no dates of
//!   its own holds *as reported*: on its source's date, and, for a state such as a vacancy, only
//!   for a while after (see [`crate::as_of`]).
//!
//! Lists of members, meetings, topics and the like are taken as partial unless the file
//! declares them complete ([`Complete`]): only a complete list lets a rule conclude that
//! something missing from it is absent.
//!
//! Each family of records has its own file; everything is re-exported here, so code names them
//! `model::Group`, `model::Document` and so on.

mod bodies;
mod delivery;
mod documents;
mod meetings;
pub(crate) mod names;
mod reviews;
mod time;

use serde::{Deserialize, Serialize};

pub use bodies::*;
pub use delivery::*;
pub use documents::*;
pub use meetings::*;
pub use reviews::*;
pub use time::*;

use crate::date::When;
use names::named_enum;

/// For `skip_serializing_if`: a `false` flag is the default and is not written.
pub(crate) fn is_false(b: &bool) -> bool {
    !*b
}

/// A string field that the document may show as blank. Written `""` for a blank, or the value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Text(pub String);

impl Text {
    /// The text, or `None` when the document shows the field blank.
    pub fn value(&self) -> Option<&str> {
        let t = self.0.trim();
        (!t.is_empty()).then_some(t)
    }
}

/// One partnership: the whole of one `.ron` file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Partnership {
    /// Short readable slug, unique across the files checked together (`welwyn-hatfield`).
    pub id: String,
    /// The partnership's name as its documents give it.
    pub name: String,
    /// The local government area(s) it covers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub areas: Vec<String>,
    /// England or Wales: decides which regulations apply.
    pub nation: Nation,
    /// Unitary or district: decides whether the county council is a responsible authority.
    pub tier: Tier,
    /// The county, for a district in a two-tier area.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub county: Option<String>,
    /// Where the law treats the area differently: London, or the City of London.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<Place>,
    /// When the partnership was formed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub formed: Option<When>,
    /// Partnerships merged into this one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub merged_from: Vec<String>,
    /// How several areas came to share one partnership: a combination agreement or an order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub combination: Option<Combination>,
    /// Changes to the partnership's tier, areas or county over time (a reorganisation of local
    /// government, say): each holds from its `from`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<PartnershipChange>,
    /// What the documents leave unclear about the partnership itself.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// Where the partnership-level facts come from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
    /// The documents this file is built from. Evidence cites them by id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    /// Bodies: councils, police, fire, probation, health, and the rest.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub organisations: Vec<Organisation>,
    /// Named people, when a document names them (chairs, officers).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<Person>,
    /// Bodies that meet: the strategy group, subgroups, the scrutiny committee.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<Group>,
    /// Who sits on which group, in what role, from when.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub memberships: Vec<Membership>,
    /// Lines of accountability between groups.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reporting: Vec<ReportsTo>,
    /// Meetings held, cancelled or planned.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub meetings: Vec<Meeting>,
    /// Assessments, plans, strategies, registers, reports.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<Document>,
    /// Priorities set by a plan.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub priorities: Vec<Priority>,
    /// Actions in a delivery plan.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<Action>,
    /// Staff posts that deliver the partnership's work.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub posts: Vec<Post>,
    /// Entries in the partnership's risk register.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub risks: Vec<Risk>,
    /// Occasions when the crime and disorder committee reviewed the partnership.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scrutiny_reviews: Vec<ScrutinyReview>,
    /// Deaths notified for review: domestic homicide and offensive weapons homicide reviews.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub case_reviews: Vec<CaseReview>,
    /// Matters referred to the crime and disorder committee (councillor calls for action).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub referrals: Vec<Referral>,
    /// Commissioned services the partnership depends on, and their funding.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub services: Vec<Service>,
    /// Quarterly returns of depersonalised data between the authorities (s.17A).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub data_returns: Vec<DataReturn>,
    /// Lists the records hold in full, and on what day or for what period: only inside such a
    /// declaration may a rule conclude that something missing from a list is absent.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub complete: Vec<Complete>,
    /// Failures the committee has knowingly accepted, each until an expiry date.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub waivers: Vec<Waiver>,
}

/// A committee decision to accept a failure for a time. A waived failure is still reported, as
/// `waived`, with its reason; once the waiver expires the failure shows again.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Waiver {
    /// The rule id.
    pub rule: String,
    /// The id of the subject the failure is about (an organisation, a document, ...).
    pub subject: String,
    /// Why the committee accepted it.
    pub reason: String,
    /// Who approved it: the committee or officer.
    pub approved_by: String,
    /// Where the decision is minuted.
    pub minute: String,
    /// When it was approved; the waiver applies from then.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved: Option<When>,
    /// The last day it applies.
    pub expires: When,
    /// Where the decision is recorded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

named_enum! {
    /// The nation, which decides the regulations and dates that apply.
    pub enum Nation {
        England => "England", "England",
        Wales => "Wales", "Wales",
    }
}

named_enum! {
    /// The kind of local government area.
    pub enum Tier {
        /// A district in a two-tier county: the county council is a responsible authority too.
        District => "district", "a district in a two-tier county: the county council is a responsible authority too",
        /// A unitary authority, metropolitan district or London borough.
        Unitary => "unitary", "a unitary authority, metropolitan district, London borough or the City of London",
        /// A Welsh county or county borough.
        WelshPrincipalArea => "welsh_principal_area", "a Welsh county or county borough",
    }
}

named_enum! {
    /// Where the law treats an area differently from the rest of its nation.
    pub enum Place {
        /// A London borough: the Mayor's Office for Policing and Crime is the local policing body.
        London => "london", "a London borough: the Mayor's Office for Policing and Crime is the local policing body",
        /// The City of London: the Common Council is the police authority and local policing body.
        CityOfLondon => "city_of_london", "the City of London: the Common Council is its police authority and local policing body, and some duties except it",
    }
}

/// A document a fact comes from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// A short id that evidence uses to cite it (`osc-2021-07-05`).
    pub id: String,
    /// As a person would cite it: "Welwyn Hatfield Overview and Scrutiny Committee, report, 5 July 2021".
    pub title: String,
    /// When it was written or published: the day the facts it reports are reported. A range
    /// when only bounds are known; `/2024-05` for a page seen by May 2024 with no date of its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<When>,
    /// Its public address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Anything unclear about the document itself (an undated minute, say).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Where a fact comes from: a source, and the place in it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// The id of a [`Source`].
    pub source: String,
    /// Paragraph, item or section.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
    /// The words relied on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// What was inferred, and why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Partnership {
    /// A partnership with only its id, name, nation and tier recorded.
    pub fn new(
        id: impl Into<String>,
        name: impl Into<String>,
        nation: Nation,
        tier: Tier,
    ) -> Partnership {
        Partnership {
            id: id.into(),
            name: name.into(),
            areas: Vec::new(),
            nation,
            tier,
            county: None,
            place: None,
            formed: None,
            merged_from: Vec::new(),
            combination: None,
            changes: Vec::new(),
            notes: Vec::new(),
            evidence: Vec::new(),
            sources: Vec::new(),
            organisations: Vec::new(),
            people: Vec::new(),
            groups: Vec::new(),
            memberships: Vec::new(),
            reporting: Vec::new(),
            meetings: Vec::new(),
            documents: Vec::new(),
            priorities: Vec::new(),
            actions: Vec::new(),
            posts: Vec::new(),
            risks: Vec::new(),
            scrutiny_reviews: Vec::new(),
            case_reviews: Vec::new(),
            referrals: Vec::new(),
            services: Vec::new(),
            data_returns: Vec::new(),
            complete: Vec::new(),
            waivers: Vec::new(),
        }
    }
}

/// A change to the partnership itself: from a day, its tier, the areas it covers or its county
/// are different (North Yorkshire's seven districts became one unitary area on 1 April 2023).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartnershipChange {
    /// When the new values took effect.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<When>,
    /// The new tier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier: Option<Tier>,
    /// The areas it covers from then.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub areas: Option<Vec<String>>,
    /// Its county from then; `""` when it is no longer in a two-tier county.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub county: Option<String>,
    /// Where the change is recorded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

/// How a partnership covering several areas was formed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Combination {
    /// An agreement or an order.
    pub kind: CombinationKind,
    /// When it took effect.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<When>,
    /// Where it is recorded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

named_enum! {
    /// How several areas were combined into one partnership.
    pub enum CombinationKind {
        /// A combination agreement (Crime and Disorder Act 1998 s.5A).
        Agreement => "agreement", "a combination agreement (Crime and Disorder Act 1998 s.5A)",
        /// An order of the Secretary of State under the earlier wording of s.5.
        Order => "order", "an order of the Secretary of State under the earlier wording of s.5",
    }
}
