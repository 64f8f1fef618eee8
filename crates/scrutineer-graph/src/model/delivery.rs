//! Delivering the plan: priorities, actions, posts, risks and commissioned services.

use serde::{Deserialize, Serialize};

use super::names::named_enum;
use super::{Evidence, Text, Topic};
use crate::date::When;

/// A priority set by a plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Priority {
    /// A short id.
    pub id: String,
    /// The priority as the plan words it.
    pub title: String,
    /// The plan it comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<String>,
    /// A person, organisation or group id; `""` when the plan shows no owner.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// The measures of success; `[]` when the plan shows none, left out when not recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measures: Option<Vec<Measure>>,
    /// The statutory themes it addresses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub themes: Vec<Topic>,
    /// Where it is recorded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

/// A measure of success.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    /// What is measured.
    pub description: String,
    /// Where it started.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<String>,
    /// Where it should get to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
}

/// An action in a delivery plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// A short id.
    pub id: String,
    /// The action as the tracker words it.
    pub title: String,
    /// The priority it serves.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<String>,
    /// The plan it belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<String>,
    /// A person, organisation or group id; `""` when the tracker shows no owner.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// When it is due; `""` when the tracker shows no date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<DateCell>,
    /// Where it stands, as its source reports it: a state that goes stale (see `changes`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ActionStatus>,
    /// When it was completed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed: Option<When>,
    /// Later values of its status, owner or due date, each from a date (a later tracker).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<ActionChange>,
    /// Where it is recorded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

/// A change to an action from a date: a later tracker's status, owner or due date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionChange {
    /// When the new values took effect; left out, they hold as their source reports them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<When>,
    /// The new status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ActionStatus>,
    /// The new owner.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// The new due date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<DateCell>,
    /// Where the change is recorded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

/// A date cell that may be blank: `""` or a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateCell {
    Blank,
    Date(When),
}

impl DateCell {
    /// The date, unless the cell is blank.
    pub fn date(self) -> Option<When> {
        match self {
            DateCell::Blank => None,
            DateCell::Date(w) => Some(w),
        }
    }
}

impl Serialize for DateCell {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            DateCell::Blank => s.serialize_str(""),
            DateCell::Date(w) => w.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for DateCell {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        if text.trim().is_empty() {
            return Ok(DateCell::Blank);
        }
        text.parse::<When>()
            .map(DateCell::Date)
            .map_err(serde::de::Error::custom)
    }
}

named_enum! {
    /// Where an action stands.
    pub enum ActionStatus {
        NotStarted => "not_started", "not started",
        InProgress => "in_progress", "in progress",
        Complete => "complete", "complete",
        Cancelled => "cancelled", "cancelled",
    }
}

/// A staff post that delivers the partnership's work.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Post {
    /// A short id.
    pub id: String,
    /// The post's title.
    pub title: String,
    /// The organisation that employs or hosts it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    /// Fixed-term (true) or permanent (false), when the record says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fixed_term: Option<bool>,
    /// Core budget or external grant, when the record says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub funding: Option<Funding>,
    /// Who funds it, as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub funding_source: Option<String>,
    /// When its funding or contract ends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub funding_end: Option<When>,
    /// Whether it is vacant, as its source reports it: a state that goes stale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vacant: Option<bool>,
    /// Later values, each from a date: filled, vacant again, funding extended.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<PostChange>,
    /// Where it is recorded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

/// A change to a post from a date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PostChange {
    /// When the new values took effect ("vacant since July 2017"); left out, they hold as
    /// their source reports them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<When>,
    /// Whether it is vacant from then.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vacant: Option<bool>,
    /// Fixed-term or not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fixed_term: Option<bool>,
    /// How it is paid for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub funding: Option<Funding>,
    /// Who funds it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub funding_source: Option<String>,
    /// When its funding ends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub funding_end: Option<When>,
    /// Where the change is recorded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

named_enum! {
    /// How a post is paid for.
    pub enum Funding {
        Core => "core", "the core budget of a partner",
        External => "external", "an external or time-limited grant",
        Mixed => "mixed", "partly core, partly external",
    }
}

/// One entry in a risk register. Each cell is left out when the register has no such column,
/// and written `""` when the register has the column and leaves it blank. The cells are as of
/// the register's date (or the entry's source).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Risk {
    /// A short id.
    pub id: String,
    /// The risk as the register names it.
    pub description: String,
    /// The register (document) it belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub register: Option<String>,
    /// What would happen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consequence: Option<Text>,
    /// How likely it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub likelihood: Option<Text>,
    /// How bad it would be.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub impact: Option<Text>,
    /// The control measures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub controls: Option<Text>,
    /// Who owns it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<Text>,
    /// When it was last reviewed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_date: Option<DateCell>,
    /// Where it is recorded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

/// A commissioned service and its funding.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Service {
    /// A short id.
    pub id: String,
    /// The service's name.
    pub title: String,
    /// Who funds it, as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub funder: Option<String>,
    /// When its funding ends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub funding_end: Option<When>,
    /// Where its renewal stands, as its source reports it: a state that goes stale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renewal: Option<Renewal>,
    /// Later values of its funding end or renewal, each from a date.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<ServiceChange>,
    /// Where it is recorded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

/// A change to a commissioned service from a date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceChange {
    /// When the new values took effect; left out, they hold as their source reports them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<When>,
    /// The new end of its funding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub funding_end: Option<When>,
    /// Where its renewal stands from then.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renewal: Option<Renewal>,
    /// Where the change is recorded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

named_enum! {
    /// Where the renewal of a service's funding stands.
    pub enum Renewal {
        Renewed => "renewed", "renewed",
        Pending => "pending", "a decision on renewal is pending",
        NotRenewed => "not_renewed", "not renewed",
    }
}
