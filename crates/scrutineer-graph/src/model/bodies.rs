//! Bodies and how they sit together: organisations, people, groups, seats and reporting lines.

use serde::{Deserialize, Serialize};

use super::names::named_enum;
use super::{Evidence, is_false};
use crate::date::When;

/// A body, in the form it had between its dates.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    /// A short id that other records use to name it (`herts-police`).
    pub id: String,
    /// Its name as the documents give it.
    pub name: String,
    /// What kind of body it is: decides whether it is a responsible authority.
    pub kind: OrgKind,
    /// Other names officers write for it: abbreviations, a team or unit of it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also_known_as: Vec<String>,
    /// When the records name it as a body the responsible authorities co-operate with (Crime
    /// and Disorder Act 1998 s.5(2)), whether or not it sits on a group: `true`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub co_operating: Option<bool>,
    /// When it began to exist in this form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<When>,
    /// When it ceased to exist in this form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<When>,
    /// The body it took over from (a probation trust succeeding a probation board, say): the
    /// earlier body ends when this one begins.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaces: Option<String>,
    /// Later values of its name or kind, each from a date.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<OrganisationChange>,
    /// Where it is recorded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

impl Organisation {
    /// An organisation with only its id, name and kind recorded; code that builds one fills in
    /// the rest with struct update syntax, so a new field needs no change there.
    pub fn new(id: impl Into<String>, name: impl Into<String>, kind: OrgKind) -> Organisation {
        Organisation {
            id: id.into(),
            name: name.into(),
            kind,
            also_known_as: Vec::new(),
            co_operating: None,
            from: None,
            to: None,
            replaces: None,
            changes: Vec::new(),
            evidence: Vec::new(),
        }
    }
}

/// A change to an organisation from a date: a new name or kind.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrganisationChange {
    /// When the new value took effect; left out, it holds as its source reports it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<When>,
    /// The new name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The new kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<OrgKind>,
    /// Where the change is recorded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

named_enum! {
    /// What kind of body an organisation is. Decides whether, and from when, it is a
    /// responsible authority under s.5 of the Crime and Disorder Act 1998.
    pub enum OrgKind {
        DistrictCouncil => "district_council", "a district or borough council in a two-tier county",
        CountyCouncil => "county_council", "a county council in a two-tier area",
        UnitaryCouncil => "unitary_council", "a unitary, metropolitan district or city council",
        LondonBoroughCouncil => "london_borough_council", "a London borough council",
        WelshCouncil => "welsh_council", "a Welsh county or county borough council",
        /// The Common Council of the City of London, as the council for the City.
        CommonCouncil => "common_council", "the Common Council of the City of London",
        ParishCouncil => "parish_council", "a parish or town council",
        ChiefOfficerOfPolice => "chief_officer_of_police", "a chief officer of police (the police force)",
        PoliceAuthority => "police_authority", "a police authority (abolished in England and Wales, outside London, on 22 November 2012)",
        LocalPolicingBody => "local_policing_body", "a police and crime commissioner, the Mayor's Office for Policing and Crime, or a mayor with those functions",
        FireAndRescueAuthority => "fire_and_rescue_authority", "a fire and rescue authority",
        ProbationProvider => "probation_provider", "a provider of probation services: a probation board or trust, the National Probation Service or the Probation Service",
        /// A community rehabilitation company: a probation provider from June 2014 until the
        /// probation service was unified on 26 June 2021.
        CommunityRehabilitationCompany => "community_rehabilitation_company", "a community rehabilitation company (a probation provider from June 2014 to 25 June 2021)",
        PrimaryCareTrust => "primary_care_trust", "a primary care trust (England, 2004 to March 2013)",
        ClinicalCommissioningGroup => "clinical_commissioning_group", "a clinical commissioning group (England, April 2013 to June 2022)",
        IntegratedCareBoard => "integrated_care_board", "an integrated care board (England, from 1 July 2022); not an integrated care partnership",
        LocalHealthBoard => "local_health_board", "a Local Health Board (Wales)",
        /// An integrated care partnership: a joint committee, not a responsible authority.
        IntegratedCarePartnership => "integrated_care_partnership", "an integrated care partnership, the joint committee of an integrated care board and its councils (not a responsible authority)",
        NhsTrust => "nhs_trust", "an NHS trust or foundation trust",
        YouthOffendingTeam => "youth_offending_team", "a youth offending team or youth justice service",
        EducationalAuthority => "educational_authority", "an educational authority (serious violence duty consultee)",
        PrisonAuthority => "prison_authority", "a prison authority (serious violence duty consultee)",
        YouthCustodyAuthority => "youth_custody_authority", "a youth custody authority (serious violence duty consultee)",
        /// The Domestic Abuse Commissioner, to whom domestic homicide reviews are sent.
        DomesticAbuseCommissioner => "domestic_abuse_commissioner", "the Domestic Abuse Commissioner, to whom domestic homicide review reports are sent",
        HousingProvider => "housing_provider", "a housing association or other social housing provider",
        VoluntarySector => "voluntary_sector", "a voluntary or community sector body",
        Business => "business", "a business or business group",
        Other => "other", "any other body",
    }
}

/// A named person, usually to record who chairs or owns something.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// A short id that other records use to name them.
    pub id: String,
    /// Their name as the documents give it.
    pub name: String,
    /// Job title as given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The organisation they belong to: a seat or attendance of theirs counts for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    /// Other names the records use for them ("Cllr Smith", "Insp. Jones").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also_known_as: Vec<String>,
    /// Where they are named.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

/// A body that meets.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    /// A short id that other records use to name it (`rag`).
    pub id: String,
    /// Its name as the documents give it.
    pub name: String,
    /// What it is for: the statutory strategy group, a subgroup, the scrutiny committee, ...
    pub kind: GroupKind,
    /// True when the papers do not say what the group is, and `kind` is taken from its name or
    /// membership. A failure that cites the group then becomes unknown: the gap may be real,
    /// but it rests on an inference, not on the papers.
    #[serde(default, skip_serializing_if = "is_false")]
    pub kind_inferred: bool,
    /// A person or organisation id; `""` when the record shows the chair as vacant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chair: Option<String>,
    /// A person or organisation id; `""` when the record shows the vice chair as vacant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vice_chair: Option<String>,
    /// How many members make a quorum.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quorum: Option<u32>,
    /// How often its terms of reference, or the documents, say it meets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meetings_per_year: Option<u32>,
    /// The id of its terms of reference document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub terms_of_reference: Option<String>,
    /// When it was set up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<When>,
    /// When it was wound up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<When>,
    /// When the group was suspended, if it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suspended_from: Option<When>,
    /// When a suspension ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suspended_to: Option<When>,
    /// For a crime and disorder committee: whether it has been designated as the council's
    /// crime and disorder committee, or only proposed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub designation: Option<Designation>,
    /// For a crime and disorder committee: the council or councils whose committee it is (a
    /// joint committee names several).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub councils: Vec<String>,
    /// The group it took over from (a board replacing a county group, say): the earlier group
    /// ends when this one begins, and rules follow the line from one to the other.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaces: Option<String>,
    /// Later values of its name, kind, chair, quorum, meetings a year or terms of reference,
    /// each from a date.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<GroupChange>,
    /// Earlier form of `Complete(list: Members, of: <this group>)`: the sources this group
    /// cites list all its members on their dates. `scrutineer fmt` rewrites it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub members_listed_in_full: bool,
    /// Earlier form of `Complete(list: Meetings, of: <this group>)`: every meeting up to the
    /// dates of the sources it cites is recorded. `scrutineer fmt` rewrites it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub meetings_listed_in_full: bool,
    /// What the documents leave unclear about it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// Where it is recorded.
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
            kind_inferred: false,
            chair: None,
            vice_chair: None,
            quorum: None,
            meetings_per_year: None,
            terms_of_reference: None,
            from: None,
            to: None,
            suspended_from: None,
            suspended_to: None,
            designation: None,
            councils: Vec::new(),
            replaces: None,
            changes: Vec::new(),
            members_listed_in_full: false,
            meetings_listed_in_full: false,
            notes: Vec::new(),
            evidence: Vec::new(),
        }
    }
}

/// A change to a group from a date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupChange {
    /// When the new values took effect; left out, they hold as their source reports them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<When>,
    /// A new name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// A new kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<GroupKind>,
    /// A new chair (a person or organisation id; `""` when recorded vacant).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chair: Option<String>,
    /// A new vice chair.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vice_chair: Option<String>,
    /// A new quorum.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quorum: Option<u32>,
    /// A new planned number of meetings a year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meetings_per_year: Option<u32>,
    /// New terms of reference (a document id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub terms_of_reference: Option<String>,
    /// Where the change is recorded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

named_enum! {
    /// Whether a committee has been designated as the council's crime and disorder committee.
    pub enum Designation {
        Designated => "designated", "designated as the council's crime and disorder committee",
        Proposed => "proposed", "proposed, not yet designated",
    }
}

named_enum! {
    /// What a group is for.
    pub enum GroupKind {
        /// The statutory strategy group (also called the board or the Responsible Authorities Group).
        StrategyGroup => "strategy_group", "the statutory strategy group of the partnership (its board, Responsible Authorities Group or Joint Authorities Group)",
        CountyStrategyGroup => "county_strategy_group", "the county strategy group of a two-tier county",
        Subgroup => "subgroup", "a subgroup or thematic group of the partnership",
        TaskGroup => "task_group", "a task and finish group",
        OperationalGroup => "operational_group", "an operational or problem-solving group",
        DhrPanel => "dhr_panel", "a domestic homicide review panel",
        PreventBoard => "prevent_board", "a Prevent partnership board or steering group",
        ChannelPanel => "channel_panel", "a Channel panel (Counter-Terrorism and Security Act 2015 s.36)",
        SeriousViolencePartnership => "serious_violence_partnership", "the partnership arrangement for the serious violence duty",
        /// The council's crime and disorder (overview and scrutiny) committee, or a panel of it.
        CrimeAndDisorderCommittee => "crime_and_disorder_committee", "the council's crime and disorder (overview and scrutiny) committee, or a panel of it",
        /// A wider local strategic partnership that oversees community safety among other things.
        StrategicPartnership => "strategic_partnership", "a wider local strategic partnership or public services board",
        /// A meeting of responsible authorities convened by the police and crime commissioner
        /// (SI 2007/1830 reg 14A).
        PccConvened => "pcc_convened", "a meeting of responsible authorities convened by the police and crime commissioner",
        Other => "other", "any other group",
    }
}

/// An organisation's or person's seat on a group (an edge of the graph).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Membership {
    /// An organisation or person id. A person's seat counts for their organisation.
    pub member: String,
    /// A group id.
    pub group: String,
    /// The capacity in which the member sits.
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
    /// When the seat began; left out, the seat holds as its source reports it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<When>,
    /// When the seat ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<When>,
    /// Where the seat is recorded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

named_enum! {
    /// The capacity in which a member sits.
    pub enum Role {
        Member => "member", "a member",
        Chair => "chair", "the chair (or a joint chair)",
        ViceChair => "vice_chair", "the vice chair",
        CoOpted => "co_opted", "a co-opted member",
        /// Attends by invitation rather than as a member.
        Invited => "invited", "attends by invitation, not as a member",
    }
}

impl Role {
    pub(crate) fn member() -> Role {
        Role::Member
    }

    pub(crate) fn is_member(&self) -> bool {
        *self == Role::Member
    }
}

named_enum! {
    /// Whether a member takes part, as the record states it.
    pub enum Participation {
        Participating => "participating", "takes part",
        NotParticipating => "not_participating", "recorded as not taking part",
        Vacant => "vacant", "the seat is recorded as vacant",
        Declined => "declined", "the body declined its seat",
    }
}

/// A line of accountability: `group` reports to `to`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportsTo {
    /// The group that reports.
    pub group: String,
    /// The group it reports to.
    pub to: String,
    /// When the line began.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<When>,
    /// When the line ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<When>,
    /// Where the line is recorded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}
