//! The partnership file format: what a person writes in a `.ron` file.
//!
//! Two conventions run through every type:
//!
//! * **Leaving a field out means the records do not say.** An `Option` that is `None` is "no
//!   record", never "no". Rules turn it into an `unknown` outcome.
//! * **An empty string records a blank.** Where a document has the field and leaves it empty (a
//!   risk register cell, an action with no owner column filled in), write `""`. That is a fact
//!   about the document, and rules may fail on it.
//!
//! Lists of members, topics and attendance are taken as partial unless the file says they are
//! complete (`members_listed_in_full: true`): only a complete list lets a rule conclude that
//! something missing from it is absent.

use serde::{Deserialize, Serialize};

use crate::date::When;

/// For `skip_serializing_if`: a `false` flag is the default and is not written.
fn is_false(b: &bool) -> bool {
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
    /// When the partnership was formed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub formed: Option<When>,
    /// Partnerships merged into this one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub merged_from: Vec<String>,
    /// How several areas came to share one partnership: a combination agreement or an order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub combination: Option<Combination>,
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
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

/// The nation, which decides the regulations and dates that apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Nation {
    England,
    Wales,
}

/// The kind of local government area.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Tier {
    /// A district in a two-tier county: the county council is a responsible authority too.
    District,
    /// A unitary authority, metropolitan district or London borough.
    Unitary,
    /// A Welsh county or county borough.
    WelshPrincipalArea,
}

/// A document a fact comes from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    /// As a person would cite it: "Welwyn Hatfield Overview and Scrutiny Committee, report, 5 July 2021".
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<When>,
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

/// A body, in the form it had between its dates.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    pub id: String,
    pub name: String,
    pub kind: OrgKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<When>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<When>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

/// What kind of body an organisation is. Decides whether, and from when, it is a responsible
/// authority under s.5 of the Crime and Disorder Act 1998.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OrgKind {
    DistrictCouncil,
    CountyCouncil,
    UnitaryCouncil,
    LondonBoroughCouncil,
    WelshCouncil,
    ParishCouncil,
    ChiefOfficerOfPolice,
    PoliceAuthority,
    LocalPolicingBody,
    FireAndRescueAuthority,
    ProbationProvider,
    PrimaryCareTrust,
    ClinicalCommissioningGroup,
    IntegratedCareBoard,
    LocalHealthBoard,
    NhsTrust,
    YouthOffendingTeam,
    EducationalAuthority,
    PrisonAuthority,
    YouthCustodyAuthority,
    /// The Domestic Abuse Commissioner, to whom domestic homicide reviews are sent.
    DomesticAbuseCommissioner,
    HousingProvider,
    VoluntarySector,
    Business,
    Other,
}

impl OrgKind {
    /// The name used in scripts and output: `chief_officer_of_police`.
    pub fn as_str(self) -> &'static str {
        use OrgKind::*;
        match self {
            DistrictCouncil => "district_council",
            CountyCouncil => "county_council",
            UnitaryCouncil => "unitary_council",
            LondonBoroughCouncil => "london_borough_council",
            WelshCouncil => "welsh_council",
            ParishCouncil => "parish_council",
            ChiefOfficerOfPolice => "chief_officer_of_police",
            PoliceAuthority => "police_authority",
            LocalPolicingBody => "local_policing_body",
            FireAndRescueAuthority => "fire_and_rescue_authority",
            ProbationProvider => "probation_provider",
            PrimaryCareTrust => "primary_care_trust",
            ClinicalCommissioningGroup => "clinical_commissioning_group",
            IntegratedCareBoard => "integrated_care_board",
            LocalHealthBoard => "local_health_board",
            NhsTrust => "nhs_trust",
            YouthOffendingTeam => "youth_offending_team",
            EducationalAuthority => "educational_authority",
            PrisonAuthority => "prison_authority",
            YouthCustodyAuthority => "youth_custody_authority",
            DomesticAbuseCommissioner => "domestic_abuse_commissioner",
            HousingProvider => "housing_provider",
            VoluntarySector => "voluntary_sector",
            Business => "business",
            Other => "other",
        }
    }
}

/// A named person, usually to record who chairs or owns something.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub id: String,
    pub name: String,
    /// Job title as given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The organisation they belong to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

/// A body that meets.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    pub id: String,
    pub name: String,
    pub kind: GroupKind,
    /// A person or organisation id; `""` when the record shows the chair as vacant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chair: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vice_chair: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quorum: Option<u32>,
    /// How often its terms of reference, or the documents, say it meets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meetings_per_year: Option<u32>,
    /// The id of its terms of reference document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub terms_of_reference: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<When>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<When>,
    /// When the group was suspended, if it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suspended_from: Option<When>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suspended_to: Option<When>,
    /// True when a document lists all its members, so an organisation missing from the
    /// memberships is known not to sit on it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub members_listed_in_full: bool,
    /// True when `meetings` holds every meeting of the group, so a gap in them is known.
    #[serde(default, skip_serializing_if = "is_false")]
    pub meetings_listed_in_full: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

impl Group {
    /// A group with only its id, name and kind recorded.
    pub fn new(id: impl Into<String>, name: impl Into<String>, kind: GroupKind) -> Group {
        Group {
            id: id.into(),
            name: name.into(),
            kind,
            chair: None,
            vice_chair: None,
            quorum: None,
            meetings_per_year: None,
            terms_of_reference: None,
            from: None,
            to: None,
            suspended_from: None,
            suspended_to: None,
            members_listed_in_full: false,
            meetings_listed_in_full: false,
            notes: Vec::new(),
            evidence: Vec::new(),
        }
    }
}

/// What a group is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum GroupKind {
    /// The statutory strategy group (also called the board or the Responsible Authorities Group).
    StrategyGroup,
    CountyStrategyGroup,
    Subgroup,
    TaskGroup,
    OperationalGroup,
    DhrPanel,
    PreventBoard,
    ChannelPanel,
    SeriousViolencePartnership,
    /// The council's crime and disorder (overview and scrutiny) committee, or a panel of it.
    CrimeAndDisorderCommittee,
    /// A wider local strategic partnership that oversees community safety among other things.
    StrategicPartnership,
    /// A meeting of responsible authorities convened by the police and crime commissioner
    /// (SI 2007/1830 reg 14A).
    PccConvened,
    Other,
}

impl GroupKind {
    /// The name used in scripts and output: `strategy_group`.
    pub fn as_str(self) -> &'static str {
        use GroupKind::*;
        match self {
            StrategyGroup => "strategy_group",
            CountyStrategyGroup => "county_strategy_group",
            Subgroup => "subgroup",
            TaskGroup => "task_group",
            OperationalGroup => "operational_group",
            DhrPanel => "dhr_panel",
            PreventBoard => "prevent_board",
            ChannelPanel => "channel_panel",
            SeriousViolencePartnership => "serious_violence_partnership",
            CrimeAndDisorderCommittee => "crime_and_disorder_committee",
            StrategicPartnership => "strategic_partnership",
            PccConvened => "pcc_convened",
            Other => "other",
        }
    }
}

/// An organisation's or person's seat on a group (an edge of the graph).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Membership {
    /// An organisation or person id.
    pub member: String,
    /// A group id.
    pub group: String,
    #[serde(default = "Role::member", skip_serializing_if = "Role::is_member")]
    pub role: Role,
    /// Whether the representative holds a senior position, when the record says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub senior: Option<bool>,
    /// Whether the member takes part, when the record says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Participation>,
    /// The organisations that appointed the member, when the record says (several probation
    /// providers appoint jointly).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub appointed_by: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<When>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<When>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

/// The capacity in which a member sits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Role {
    Member,
    Chair,
    ViceChair,
    CoOpted,
}

impl Role {
    fn member() -> Role {
        Role::Member
    }

    fn is_member(&self) -> bool {
        *self == Role::Member
    }

    /// The name used in scripts and output.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Member => "member",
            Role::Chair => "chair",
            Role::ViceChair => "vice_chair",
            Role::CoOpted => "co_opted",
        }
    }
}

/// Whether a member takes part, as the record states it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Participation {
    Participating,
    NotParticipating,
    Vacant,
    Declined,
}

impl Participation {
    /// The name used in scripts and output.
    pub fn as_str(self) -> &'static str {
        match self {
            Participation::Participating => "participating",
            Participation::NotParticipating => "not_participating",
            Participation::Vacant => "vacant",
            Participation::Declined => "declined",
        }
    }
}

/// A line of accountability: `group` reports to `to`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportsTo {
    pub group: String,
    pub to: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<When>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<When>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

/// A meeting of a group.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    pub id: String,
    pub group: String,
    pub date: When,
    #[serde(
        default = "MeetingStatus::held",
        skip_serializing_if = "MeetingStatus::is_held"
    )]
    pub status: MeetingStatus,
    /// Attendance by organisation or person, as the minutes record it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attendance: Vec<Attendance>,
    /// True when the minutes list everyone present, so an absent member is known absent.
    #[serde(default, skip_serializing_if = "is_false")]
    pub attendance_listed_in_full: bool,
    /// Whether the meeting was held in public, when the record says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public: Option<bool>,
    /// The business taken, in brief.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<String>,
    /// Groups that reported to this meeting.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reports_from: Vec<String>,
    /// Documents circulated with the agenda.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub papers: Vec<String>,
    /// Documents tabled at the meeting rather than circulated beforehand.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tabled: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

impl Meeting {
    /// A meeting held on a date, with nothing else recorded.
    pub fn new(id: impl Into<String>, group: impl Into<String>, date: When) -> Meeting {
        Meeting {
            id: id.into(),
            group: group.into(),
            date,
            status: MeetingStatus::Held,
            attendance: Vec::new(),
            attendance_listed_in_full: false,
            public: None,
            reports_from: Vec::new(),
            papers: Vec::new(),
            tabled: Vec::new(),
            items: Vec::new(),
            evidence: Vec::new(),
        }
    }
}

/// What happened to a meeting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MeetingStatus {
    Held,
    Cancelled,
    Inquorate,
    /// Agreed or scheduled but not yet held at the time of the record.
    Planned,
}

impl MeetingStatus {
    fn held() -> MeetingStatus {
        MeetingStatus::Held
    }

    fn is_held(&self) -> bool {
        *self == MeetingStatus::Held
    }

    /// The name used in scripts and output.
    pub fn as_str(self) -> &'static str {
        match self {
            MeetingStatus::Held => "held",
            MeetingStatus::Cancelled => "cancelled",
            MeetingStatus::Inquorate => "inquorate",
            MeetingStatus::Planned => "planned",
        }
    }
}

/// One member's attendance at one meeting.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attendance {
    pub member: String,
    pub status: AttendanceStatus,
}

/// How a member was recorded at a meeting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AttendanceStatus {
    Present,
    Substitute,
    Apologies,
    Absent,
}

impl AttendanceStatus {
    /// The name used in scripts and output.
    pub fn as_str(self) -> &'static str {
        match self {
            AttendanceStatus::Present => "present",
            AttendanceStatus::Substitute => "substitute",
            AttendanceStatus::Apologies => "apologies",
            AttendanceStatus::Absent => "absent",
        }
    }
}

/// An assessment, plan, strategy, register or report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub id: String,
    pub title: String,
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved: Option<When>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<When>,
    /// The group that approved it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<DocStatus>,
    /// The statutory topics it covers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub covers: Vec<Topic>,
    /// True when `covers` is known to be the whole list, so a missing topic is known missing.
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
    /// True when `sent_to` is every copy sent, so a body missing from it is known not sent one.
    #[serde(default, skip_serializing_if = "is_false")]
    pub circulation_listed_in_full: bool,
    /// Bodies consulted in preparing it, by organisation id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub consulted: Vec<String>,
    /// True when `consulted` is the whole list, so a body missing from it is known not consulted.
    #[serde(default, skip_serializing_if = "is_false")]
    pub consultees_listed_in_full: bool,
    /// For ASB case review procedures: the number of qualifying complaints that meets the
    /// threshold for a review.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threshold: Option<u32>,
    /// For an assessment: the organisations that supplied data to it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub data_from: Vec<String>,
    /// True when `data_from` is every contributor, so an authority missing from it supplied none.
    #[serde(default, skip_serializing_if = "is_false")]
    pub data_sources_listed_in_full: bool,
    /// For a report on a council decision: whether it assesses the effect on crime and disorder
    /// (Crime and Disorder Act 1998 s.17), when the record says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub considers_crime_and_disorder: Option<bool>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
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
            notes: Vec::new(),
            evidence: Vec::new(),
        }
    }
}

/// A copy of a document sent to a body.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sent {
    /// An organisation id.
    pub to: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<When>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

/// The kinds of document the rules look for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DocKind {
    StrategicAssessment,
    /// The (usually three-year) partnership plan or community safety strategy.
    PartnershipPlan,
    /// The yearly delivery plan under the partnership plan.
    AnnualActionPlan,
    CommunitySafetyAgreement,
    PoliceAndCrimePlan,
    SeriousViolenceNeedsAssessment,
    SeriousViolenceStrategy,
    InformationSharingProtocol,
    TermsOfReference,
    RiskRegister,
    AnnualReport,
    ScrutinyReport,
    DomesticHomicideReview,
    /// The action plan of a domestic homicide review.
    DhrActionPlan,
    /// Published procedures for ASB case reviews (the "community trigger").
    AsbCaseReviewProcedure,
    /// Published figures on ASB case review applications and reviews.
    AsbCaseReviewData,
    /// A record of consultation with residents and groups (for an assessment or plan).
    ConsultationRecord,
    /// The local Prevent risk assessment (counter-terrorism situational risk assessment).
    PreventRiskAssessment,
    /// A report on a council decision (cabinet, committee or officer decision).
    DecisionReport,
    /// A thematic plan or strategy (Prevent, ASB, a policing plan) that is not the partnership plan.
    ThematicPlan,
    Other,
}

impl DocKind {
    /// The name used in scripts and output: `partnership_plan`.
    pub fn as_str(self) -> &'static str {
        use DocKind::*;
        match self {
            StrategicAssessment => "strategic_assessment",
            PartnershipPlan => "partnership_plan",
            AnnualActionPlan => "annual_action_plan",
            CommunitySafetyAgreement => "community_safety_agreement",
            PoliceAndCrimePlan => "police_and_crime_plan",
            SeriousViolenceNeedsAssessment => "serious_violence_needs_assessment",
            SeriousViolenceStrategy => "serious_violence_strategy",
            InformationSharingProtocol => "information_sharing_protocol",
            TermsOfReference => "terms_of_reference",
            RiskRegister => "risk_register",
            AnnualReport => "annual_report",
            ScrutinyReport => "scrutiny_report",
            DomesticHomicideReview => "domestic_homicide_review",
            DhrActionPlan => "dhr_action_plan",
            AsbCaseReviewProcedure => "asb_case_review_procedure",
            AsbCaseReviewData => "asb_case_review_data",
            ConsultationRecord => "consultation_record",
            PreventRiskAssessment => "prevent_risk_assessment",
            DecisionReport => "decision_report",
            ThematicPlan => "thematic_plan",
            Other => "other",
        }
    }
}

/// Whether a document is settled.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DocStatus {
    Draft,
    Final,
}

/// The statutory subjects of a strategy (Crime and Disorder Act 1998 s.6(1)) and common themes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Topic {
    CrimeAndDisorder,
    AntiSocialBehaviour,
    SubstanceMisuse,
    Reoffending,
    SeriousViolence,
    DomesticAbuse,
    Vulnerability,
    Prevent,
}

impl Topic {
    /// The name used in scripts and output: `serious_violence`.
    pub fn as_str(self) -> &'static str {
        use Topic::*;
        match self {
            CrimeAndDisorder => "crime_and_disorder",
            AntiSocialBehaviour => "anti_social_behaviour",
            SubstanceMisuse => "substance_misuse",
            Reoffending => "reoffending",
            SeriousViolence => "serious_violence",
            DomesticAbuse => "domestic_abuse",
            Vulnerability => "vulnerability",
            Prevent => "prevent",
        }
    }
}

/// A refresh or review of a document after it was first approved.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Revision {
    pub date: When,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

/// A priority set by a plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Priority {
    pub id: String,
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
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub themes: Vec<Topic>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

/// A measure of success.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    pub description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
}

/// An action in a delivery plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<String>,
    /// A person, organisation or group id; `""` when the tracker shows no owner.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// When it is due; `""` when the tracker shows no date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<DateCell>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ActionStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed: Option<When>,
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

/// Where an action stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ActionStatus {
    NotStarted,
    InProgress,
    Complete,
    Cancelled,
}

impl ActionStatus {
    /// The name used in scripts and output.
    pub fn as_str(self) -> &'static str {
        match self {
            ActionStatus::NotStarted => "not_started",
            ActionStatus::InProgress => "in_progress",
            ActionStatus::Complete => "complete",
            ActionStatus::Cancelled => "cancelled",
        }
    }
}

/// A staff post that delivers the partnership's work.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Post {
    pub id: String,
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vacant: Option<bool>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

/// How a post is paid for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Funding {
    Core,
    External,
    Mixed,
}

/// One entry in a risk register. Each cell is left out when the register has no such column,
/// and written `""` when the register has the column and leaves it blank.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Risk {
    pub id: String,
    /// The risk as the register names it.
    pub description: String,
    /// The register (document) it belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub register: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consequence: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub likelihood: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub impact: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub controls: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_date: Option<DateCell>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

/// An occasion on which the crime and disorder committee reviewed or scrutinised the
/// partnership's work.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScrutinyReview {
    pub id: String,
    /// The committee (a group id).
    pub committee: String,
    pub date: When,
    pub topic: String,
    /// The statutory topics it took in (serious violence, say), when the record says.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub covers: Vec<Topic>,
    /// The meeting it took place at, if recorded as a meeting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recommendations: Vec<String>,
    /// Copies of the committee's report or recommendations sent (PJA 2006 s.19(2)).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sent_to: Vec<Sent>,
    /// True when `sent_to` is every copy sent.
    #[serde(default, skip_serializing_if = "is_false")]
    pub circulation_listed_in_full: bool,
    /// Responses received from the bodies sent a copy.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub responses: Vec<Sent>,
    /// True when `responses` is every response received.
    #[serde(default, skip_serializing_if = "is_false")]
    pub responses_listed_in_full: bool,
    /// Requests the committee made for an officer to attend or for information.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requests: Vec<Request>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

/// A request by the crime and disorder committee to a body.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Request {
    /// An organisation id.
    pub to: String,
    pub kind: RequestKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<When>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<RequestOutcome>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RequestKind {
    Attendance,
    Information,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RequestOutcome {
    Complied,
    Refused,
    NoResponse,
}

/// How a partnership covering several areas was formed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Combination {
    pub kind: CombinationKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<When>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CombinationKind {
    /// A combination agreement (Crime and Disorder Act 1998 s.5A).
    Agreement,
    /// An order of the Secretary of State under the earlier wording of s.5.
    Order,
}

/// A death notified to the partnership for a statutory review.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseReview {
    pub id: String,
    pub kind: CaseReviewKind,
    /// When the partnership was notified of the death.
    pub notified: When,
    /// When it decided whether to hold a review; `""` when the record shows no decision yet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided: Option<DateCell>,
    /// What it decided: true to hold a review.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_held: Option<bool>,
    /// The review's report (a document id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CaseReviewKind {
    DomesticHomicide,
    OffensiveWeaponsHomicide,
}

impl CaseReviewKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CaseReviewKind::DomesticHomicide => "domestic_homicide",
            CaseReviewKind::OffensiveWeaponsHomicide => "offensive_weapons_homicide",
        }
    }
}

/// A matter referred to the crime and disorder committee.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Referral {
    pub id: String,
    /// The committee (a group id).
    pub committee: String,
    pub referred: When,
    /// When the committee considered it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub considered: Option<When>,
    pub topic: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

/// A commissioned service and its funding.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Service {
    pub id: String,
    pub title: String,
    /// Who funds it, as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub funder: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub funding_end: Option<When>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renewal: Option<Renewal>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Renewal {
    Renewed,
    Pending,
    NotRenewed,
}

/// One authority's quarterly return of depersonalised data under s.17A.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataReturn {
    /// The authority that supplied it (an organisation id).
    pub from: String,
    /// The last day of the quarter it covers.
    pub period_to: When,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivered: Option<When>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}
