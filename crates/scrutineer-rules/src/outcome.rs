//! What evaluation produces: findings (one per rule, partnership and subject) and rule errors.

use std::fmt;
use std::str::FromStr;

/// The answer a rule gives for one subject.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Outcome {
    /// The evidence shows the check is not met.
    Fail,
    /// The records held do not let anyone judge.
    Unknown,
    /// A failure the committee has knowingly accepted, under a waiver in the partnership file.
    Waived,
    /// The evidence shows the check is met.
    Pass,
    /// The law was not in force on the date, or does not apply to the nation.
    NotApplicable,
}

impl Outcome {
    /// The JSON spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Fail => "fail",
            Outcome::Unknown => "unknown",
            Outcome::Waived => "waived",
            Outcome::Pass => "pass",
            Outcome::NotApplicable => "not_applicable",
        }
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How serious a failure of a rule is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Context, a power rather than a duty, or a rule whose legal wording is unconfirmed.
    Info,
    /// Statutory guidance, good practice, or a duty the records can only show a likely breach of.
    Warning,
    /// A clear statutory duty is not met and the records show it.
    Violation,
}

impl Severity {
    /// The JSON spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Violation => "violation",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "info" => Ok(Severity::Info),
            "warning" => Ok(Severity::Warning),
            "violation" => Ok(Severity::Violation),
            other => Err(format!(
                "unknown severity `{other}`; expected `violation`, `warning` or `info`"
            )),
        }
    }
}

/// One cited piece of evidence: the node it is recorded on and where that came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EvidenceItem {
    /// The node's id (for a membership, `member@group`).
    pub node: String,
    /// The source as a person would cite it; `None` when the node records no source.
    pub source: Option<String>,
}

/// One result: a rule's answer for one subject of one partnership.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The rule id.
    pub rule: String,
    /// The partnership id.
    pub partnership: String,
    /// The id of the node the finding is about.
    pub subject: String,
    /// That node's readable name.
    pub subject_name: String,
    pub outcome: Outcome,
    pub severity: Severity,
    /// The finding in plain English.
    pub message: String,
    pub evidence: Vec<EvidenceItem>,
    /// A waiver that applies to this finding, or one that has expired.
    pub note: Option<String>,
    /// For an unknown: the record or list that would settle it.
    pub request: Option<String>,
    /// The underlying fact, when the rule names one: findings of several rules about one fact
    /// are shown as one (see [`crate::facts`]).
    pub fact: Option<String>,
    /// The other rules that report the same fact with the same outcome.
    pub also: Vec<Also>,
    /// The question for members, in the words of the partnership's place.
    pub ask: String,
}

/// Another rule's finding on the same fact, shown under the first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Also {
    pub rule: String,
    pub severity: Severity,
    pub message: String,
}

/// A rule that could not be compiled, or that failed while running.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleError {
    /// The rule id, or the file stem when the id could not be read.
    pub rule: String,
    /// The rule file.
    pub file: String,
    /// Where in the file, when known. (`u32` keeps the error small enough to return by value.)
    pub line: Option<u32>,
    pub column: Option<u32>,
    /// The partnership being checked when it failed, for errors while running.
    pub partnership: Option<String>,
    pub message: String,
}

/// A waiver in force that matched no failure: the committee may be accepting a gap that is no
/// longer there, or the waiver names the wrong rule or subject.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnusedWaiver {
    pub partnership: String,
    pub rule: String,
    pub subject: String,
    pub expires: String,
    /// Why nothing matched.
    pub why: String,
}

impl RuleError {
    /// `rules/x/ID.rhai:12:5`, or the file alone.
    pub fn location(&self) -> String {
        match (self.line, self.column) {
            (Some(l), Some(c)) => format!("{}:{l}:{c}", self.file),
            (Some(l), None) => format!("{}:{l}", self.file),
            _ => self.file.clone(),
        }
    }
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location(), self.message)?;
        if let Some(p) = &self.partnership {
            write!(f, " (while checking `{p}`)")?;
        }
        Ok(())
    }
}
