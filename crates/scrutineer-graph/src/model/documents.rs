//! Documents: assessments, plans, strategies, registers and reports, and their life cycle.

use serde::{Deserialize, Serialize};

use super::names::named_enum;
use super::{Evidence, is_false};
use crate::date::When;

/// An assessment, plan, strategy, register or report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// A short id (`plan-2019-22`).
    pub id: String,
    /// Its title as given.
    pub title: String,
    /// What kind of document it is.
    pub kind: DocKind,
    /// The first day of the period it covers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_from: Option<When>,
    /// The last day of the period it covers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_to: Option<When>,
    /// When it was due to be produced or approved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<When>,
    /// When it was completed (written or finished), whether or not it has been approved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed: Option<When>,
    /// When it was presented to a group (tabled), whatever was decided.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub presented: Option<When>,
    /// When it was approved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved: Option<When>,
    /// When it was published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<When>,
    /// The group that approved it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved_by: Option<String>,
    /// Draft, final, deferred or superseded, as its source reports it; see also `changes`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<DocStatus>,
    /// The statutory topics it covers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub covers: Vec<Topic>,
    /// Earlier form of `Complete(list: Topics, of: <this document>)`. `scrutineer fmt`
    /// rewrites it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub topics_listed_in_full: bool,
    /// Documents it has regard to (a police and crime plan, say), by id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub regard_to: Vec<String>,
    /// Refreshes and reviews after approval.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub revisions: Vec<Revision>,
    /// When the next refresh is scheduled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_revision_due: Option<When>,
    /// Bodies a copy was sent to (a plan to the police and crime commissioner, a review to the
    /// Domestic Abuse Commissioner), as the records show.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sent_to: Vec<Sent>,
    /// Earlier form of `Complete(list: Circulation, of: <this document>)`. `scrutineer fmt`
    /// rewrites it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub circulation_listed_in_full: bool,
    /// Bodies consulted in preparing it, by organisation id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub consulted: Vec<String>,
    /// Earlier form of `Complete(list: Consultees, of: <this document>)`. `scrutineer fmt`
    /// rewrites it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub consultees_listed_in_full: bool,
    /// For ASB case review procedures: the number of qualifying complaints that meets the
    /// threshold for a review.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threshold: Option<u32>,
    /// For an assessment: the organisations that supplied data to it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub data_from: Vec<String>,
    /// Earlier form of `Complete(list: DataSources, of: <this document>)`. `scrutineer fmt`
    /// rewrites it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub data_sources_listed_in_full: bool,
    /// For a report on a council decision: whether it assesses the effect on crime and disorder
    /// (Crime and Disorder Act 1998 s.17), when the record says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub considers_crime_and_disorder: Option<bool>,
    /// The document it takes over from (a plan replacing the last one): the earlier one ends
    /// when this one comes into force.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaces: Option<String>,
    /// Later values of its status, each from a date.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<DocumentChange>,
    /// What the documents leave unclear about it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// Where it is recorded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

impl Document {
    /// A document with only its id, title and kind recorded: every other field says "no
    /// record". Code that builds documents (what-if edits, generators) fills in the rest with
    /// struct update syntax, so a new field needs no change there.
    pub fn new(id: impl Into<String>, title: impl Into<String>, kind: DocKind) -> Document {
        Document {
            id: id.into(),
            title: title.into(),
            kind,
            period_from: None,
            period_to: None,
            due: None,
            completed: None,
            presented: None,
            approved: None,
            published: None,
            approved_by: None,
            status: None,
            covers: Vec::new(),
            topics_listed_in_full: false,
            regard_to: Vec::new(),
            revisions: Vec::new(),
            next_revision_due: None,
            sent_to: Vec::new(),
            circulation_listed_in_full: false,
            consulted: Vec::new(),
            consultees_listed_in_full: false,
            threshold: None,
            data_from: Vec::new(),
            data_sources_listed_in_full: false,
            considers_crime_and_disorder: None,
            replaces: None,
            changes: Vec::new(),
            notes: Vec::new(),
            evidence: Vec::new(),
        }
    }
}

/// A change to a document's status from a date (a draft approved, a plan superseded).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentChange {
    /// When the new status took effect; left out, it holds as its source reports it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<When>,
    /// The new status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<DocStatus>,
    /// Where the change is recorded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

/// A copy of a document sent to a body.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sent {
    /// An organisation id.
    pub to: String,
    /// When it was sent (or, for a response, received).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<When>,
    /// Where it is recorded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

named_enum! {
    /// The kinds of document the rules look for.
    pub enum DocKind {
        StrategicAssessment => "strategic_assessment", "the partnership's strategic assessment",
        /// The (usually three-year) partnership plan or community safety strategy.
        PartnershipPlan => "partnership_plan", "the partnership plan or community safety strategy (usually three years)",
        /// The yearly delivery plan under the partnership plan.
        AnnualActionPlan => "annual_action_plan", "the yearly delivery or action plan under the partnership plan",
        CommunitySafetyAgreement => "community_safety_agreement", "the county community safety agreement",
        PoliceAndCrimePlan => "police_and_crime_plan", "the police and crime plan of the local policing body",
        SeriousViolenceNeedsAssessment => "serious_violence_needs_assessment", "the serious violence strategic needs assessment",
        SeriousViolenceStrategy => "serious_violence_strategy", "the serious violence strategy",
        InformationSharingProtocol => "information_sharing_protocol", "the information sharing protocol or agreement",
        TermsOfReference => "terms_of_reference", "a group's terms of reference",
        RiskRegister => "risk_register", "the partnership's risk register",
        AnnualReport => "annual_report", "the partnership's annual report",
        ScrutinyReport => "scrutiny_report", "a report of the crime and disorder committee",
        DomesticHomicideReview => "domestic_homicide_review", "a domestic homicide review report",
        /// The action plan of a domestic homicide review.
        DhrActionPlan => "dhr_action_plan", "the action plan of a domestic homicide review",
        /// Published procedures for ASB case reviews (the "community trigger").
        AsbCaseReviewProcedure => "asb_case_review_procedure", "the published ASB case review (community trigger) procedure",
        /// Published figures on ASB case review applications and reviews.
        AsbCaseReviewData => "asb_case_review_data", "published figures on ASB case review applications and reviews",
        /// A record of consultation with residents and groups (for an assessment or plan).
        ConsultationRecord => "consultation_record", "a record of consultation with residents and groups",
        /// The local Prevent risk assessment (counter-terrorism situational risk assessment).
        PreventRiskAssessment => "prevent_risk_assessment", "the local Prevent risk assessment",
        /// A report on a council decision (cabinet, committee or officer decision).
        DecisionReport => "decision_report", "a report for a council decision",
        /// A thematic plan or strategy (Prevent, ASB, a policing plan) that is not the partnership plan.
        ThematicPlan => "thematic_plan", "a thematic plan or strategy that is not the partnership plan",
        Other => "other", "any other document",
    }
}

named_enum! {
    /// Where a document stands.
    pub enum DocStatus {
        Draft => "draft", "a draft, not yet agreed",
        Final => "final", "agreed or approved",
        /// Presented to a group and deferred: neither agreed nor refused.
        Deferred => "deferred", "tabled and deferred: presented, not yet agreed",
        /// Replaced by a later version.
        Superseded => "superseded", "replaced by a later version",
    }
}

named_enum! {
    /// The statutory subjects of a strategy (Crime and Disorder Act 1998 s.6(1)) and common
    /// themes.
    pub enum Topic {
        CrimeAndDisorder => "crime_and_disorder", "crime and disorder",
        AntiSocialBehaviour => "anti_social_behaviour", "anti-social behaviour",
        SubstanceMisuse => "substance_misuse", "the misuse of drugs, alcohol and other substances",
        Reoffending => "reoffending", "re-offending",
        SeriousViolence => "serious_violence", "serious violence",
        DomesticAbuse => "domestic_abuse", "domestic abuse",
        Vulnerability => "vulnerability", "vulnerable people",
        Prevent => "prevent", "Prevent (stopping people being drawn into terrorism)",
    }
}

/// A refresh or review of a document after it was first approved.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Revision {
    /// When it was refreshed or reviewed.
    pub date: When,
    /// What was changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Where it is recorded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}
