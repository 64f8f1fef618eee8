//! Meetings of groups and who attended them.

use serde::{Deserialize, Serialize};

use super::names::named_enum;
use super::{Evidence, is_false};
use crate::date::When;

/// A meeting of a group.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    /// A short id (`rag-2021-06-08`).
    pub id: String,
    /// The group that met.
    pub group: String,
    /// When it met; a month or a range when the papers say no more.
    pub date: When,
    /// Held (the default), cancelled, inquorate or planned.
    #[serde(
        default = "MeetingStatus::held",
        skip_serializing_if = "MeetingStatus::is_held"
    )]
    pub status: MeetingStatus,
    /// Attendance by organisation or person, as the minutes record it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attendance: Vec<Attendance>,
    /// Earlier form of `Complete(list: Attendance, of: <this meeting>)`: the minutes list
    /// everyone present, so an absent member is known absent. `scrutineer fmt` rewrites it.
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
    /// Where the meeting is recorded (its minutes).
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

named_enum! {
    /// What happened to a meeting.
    pub enum MeetingStatus {
        Held => "held", "the meeting took place",
        Cancelled => "cancelled", "the meeting was cancelled",
        Inquorate => "inquorate", "the meeting took place but was inquorate",
        /// Agreed or scheduled but not yet held at the time of the record.
        Planned => "planned", "scheduled, not yet held when recorded",
    }
}

impl MeetingStatus {
    pub(crate) fn held() -> MeetingStatus {
        MeetingStatus::Held
    }

    pub(crate) fn is_held(&self) -> bool {
        *self == MeetingStatus::Held
    }

    /// Whether the meeting took place (held, or held but inquorate).
    pub fn took_place(self) -> bool {
        matches!(self, MeetingStatus::Held | MeetingStatus::Inquorate)
    }
}

/// One member's attendance at one meeting.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attendance {
    /// An organisation or person id. A person attends for their organisation.
    pub member: String,
    /// How the minutes record them.
    pub status: AttendanceStatus,
}

named_enum! {
    /// How a member was recorded at a meeting. Declared from best to worst: where several
    /// people attend for one body, the best record counts.
    pub enum AttendanceStatus {
        Present => "present", "present",
        Substitute => "substitute", "represented by a substitute",
        Apologies => "apologies", "sent apologies",
        Absent => "absent", "absent without apologies",
    }
}
