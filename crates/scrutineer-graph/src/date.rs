//! Dates as the documents give them: a day, a month, a year, or a range when only bounds are
//! known ("after September 2021 and before September 2022").
//!
//! Every [`When`] has an earliest and a latest day. The crate's reading of a partial date is:
//! a fact *in force from* a month is in force from its first day, a fact in force *to* a month
//! until its last day, a *deadline* in a month falls on its last day, and an *event* in a month
//! is taken to have happened only once the month is over (so evaluating "as of" the middle of
//! the month never sees it). Keeping those choices here, in one type, is what keeps every rule
//! consistent about them.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar day. A thin wrapper so the script API and the file format share one type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub NaiveDate);

impl Date {
    /// A date from its parts; `None` for an impossible day such as 31 February.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        NaiveDate::from_ymd_opt(year, month, day).map(Date)
    }

    /// The day `months` calendar months later (or earlier, when negative), clamped to the end
    /// of a shorter month: 31 January plus one month is 28 or 29 February.
    pub fn add_months(self, months: i64) -> Date {
        let magnitude = Months::new(months.unsigned_abs().min(u32::MAX as u64) as u32);
        let moved = if months >= 0 {
            self.0.checked_add_months(magnitude)
        } else {
            self.0.checked_sub_months(magnitude)
        };
        Date(moved.unwrap_or(self.0))
    }

    /// The day `days` days later (or earlier).
    pub fn add_days(self, days: i64) -> Date {
        Date(
            self.0
                .checked_add_signed(chrono::Duration::days(days))
                .unwrap_or(self.0),
        )
    }

    /// Whole calendar months from `self` to `later` (negative when `later` is earlier),
    /// counting a month only once its day-of-month is reached.
    pub fn months_until(self, later: Date) -> i64 {
        let (a, b) = (self.0, later.0);
        let mut months =
            (b.year() as i64 - a.year() as i64) * 12 + (b.month() as i64 - a.month() as i64);
        if months > 0 && b.day() < a.day() {
            months -= 1;
        } else if months < 0 && b.day() > a.day() {
            months += 1;
        }
        months
    }

    /// Days from `self` to `later`.
    pub fn days_until(self, later: Date) -> i64 {
        (later.0 - self.0).num_days()
    }

    /// The last day of this date's month.
    pub fn end_of_month(self) -> Date {
        let first = NaiveDate::from_ymd_opt(self.0.year(), self.0.month(), 1).expect("valid");
        Date(
            first.checked_add_months(Months::new(1)).expect("in range") - chrono::Duration::days(1),
        )
    }

    /// ISO form, `2022-09-30`.
    pub fn iso(self) -> String {
        self.0.format("%Y-%m-%d").to_string()
    }

    /// The form a committee paper uses: `30 September 2022`.
    pub fn long(self) -> String {
        self.0.format("%-d %B %Y").to_string()
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

impl FromStr for Date {
    type Err = DateError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match When::from_str(s)? {
            When::Day(d) => Ok(d),
            _ => Err(DateError {
                text: s.to_string(),
                reason: "expected a day in the form `2022-09-30`".into(),
            }),
        }
    }
}

/// A date as precise as the document that gives it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum When {
    /// `2022-09-30`
    Day(Date),
    /// `2022-09`: some day in that month.
    Month { year: i32, month: u32 },
    /// `2022`: some day in that year.
    Year(i32),
    /// `2021-10/2022-08`: some day between the start of the first and the end of the second.
    Between(Date, Date),
}

/// A date that could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateError {
    /// The text as written.
    pub text: String,
    /// What is wrong with it, for a person.
    pub reason: String,
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not a date: {}", self.text, self.reason)
    }
}

impl std::error::Error for DateError {}

const FORMS: &str =
    "write a day `2022-09-30`, a month `2022-09`, a year `2022`, or a range `2021-10/2022-08`";

impl When {
    /// The first day it could be.
    pub fn earliest(self) -> Date {
        match self {
            When::Day(d) => d,
            When::Month { year, month } => Date::from_ymd(year, month, 1).expect("checked"),
            When::Year(y) => Date::from_ymd(y, 1, 1).expect("checked"),
            When::Between(a, _) => a,
        }
    }

    /// The last day it could be.
    pub fn latest(self) -> Date {
        match self {
            When::Day(d) => d,
            When::Month { .. } => self.earliest().end_of_month(),
            When::Year(y) => Date::from_ymd(y, 12, 31).expect("checked"),
            When::Between(_, b) => b,
        }
    }

    /// The same date moved by whole months, keeping its precision: a month stays a month, a
    /// year moved by whole years stays a year.
    pub fn shift_months(self, months: i64) -> When {
        match self {
            When::Day(d) => When::Day(d.add_months(months)),
            When::Month { .. } => {
                let d = self.earliest().add_months(months);
                When::Month {
                    year: d.0.year(),
                    month: d.0.month(),
                }
            }
            When::Year(y) if months % 12 == 0 => When::Year(y + (months / 12) as i32),
            When::Year(_) | When::Between(..) => {
                let (a, b) = (self.earliest(), self.latest());
                let end = b.add_months(months);
                // A range that ran to the end of a month still does.
                let end = if b == b.end_of_month() {
                    end.end_of_month()
                } else {
                    end
                };
                When::Between(a.add_months(months), end)
            }
        }
    }

    /// Whether the date is known to the day.
    pub fn is_exact(self) -> bool {
        matches!(self, When::Day(_))
    }

    /// How a person would say it: `30 September 2022`, `September 2022`, `2022`,
    /// `between October 2021 and August 2022`.
    pub fn long(self) -> String {
        match self {
            When::Day(d) => d.long(),
            When::Month { .. } => self.earliest().0.format("%B %Y").to_string(),
            When::Year(y) => y.to_string(),
            When::Between(a, b) => {
                let month = |d: Date| d.0.format("%B %Y").to_string();
                if a.0.day() == 1 && b == b.end_of_month() {
                    format!("between {} and {}", month(a), month(b))
                } else {
                    format!("between {} and {}", a.long(), b.long())
                }
            }
        }
    }

    fn parse_part(s: &str, whole: &str) -> Result<When, DateError> {
        let err = |reason: &str| DateError {
            text: whole.to_string(),
            reason: reason.to_string(),
        };
        let parts: Vec<&str> = s.split('-').collect();
        let num = |p: &str, digits: usize| -> Result<u32, DateError> {
            if p.len() != digits || !p.bytes().all(|b| b.is_ascii_digit()) {
                return Err(err(FORMS));
            }
            p.parse::<u32>().map_err(|_| err(FORMS))
        };
        match parts.as_slice() {
            [y] => {
                let year = num(y, 4)? as i32;
                Ok(When::Year(year))
            }
            [y, m] => {
                let (year, month) = (num(y, 4)? as i32, num(m, 2)?);
                if !(1..=12).contains(&month) {
                    return Err(err(&format!("there is no month {month}")));
                }
                Ok(When::Month { year, month })
            }
            [y, m, d] => {
                let (year, month, day) = (num(y, 4)? as i32, num(m, 2)?, num(d, 2)?);
                if !(1..=12).contains(&month) {
                    return Err(err(&format!("there is no month {month}")));
                }
                Date::from_ymd(year, month, day)
                    .map(When::Day)
                    .ok_or_else(|| {
                        let name = Date::from_ymd(year, month, 1)
                            .map(|d| d.0.format("%B %Y").to_string())
                            .unwrap_or_default();
                        err(&format!("{name} has no day {day}"))
                    })
            }
            _ => Err(err(FORMS)),
        }
    }
}

impl FromStr for When {
    type Err = DateError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let trimmed = s.trim();
        if trimmed.is_empty() {
            return Err(DateError {
                text: s.to_string(),
                reason: FORMS.to_string(),
            });
        }
        if let Some((a, b)) = trimmed.split_once('/') {
            let (a, b) = (When::parse_part(a, s)?, When::parse_part(b, s)?);
            let (start, end) = (a.earliest(), b.latest());
            if end < start {
                return Err(DateError {
                    text: s.to_string(),
                    reason: "the range ends before it starts".into(),
                });
            }
            return Ok(When::Between(start, end));
        }
        When::parse_part(trimmed, s)
    }
}

impl fmt::Display for When {
    /// The canonical written form, which [`When::from_str`] reads back to the same value.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            When::Day(d) => write!(f, "{d}"),
            When::Month { year, month } => write!(f, "{year:04}-{month:02}"),
            When::Year(y) => write!(f, "{y:04}"),
            When::Between(a, b) => {
                // Write months when the range is whole months, as people wrote it.
                if a.0.day() == 1 && b == b.end_of_month() {
                    write!(
                        f,
                        "{:04}-{:02}/{:04}-{:02}",
                        a.0.year(),
                        a.0.month(),
                        b.0.year(),
                        b.0.month()
                    )
                } else {
                    write!(f, "{a}/{b}")
                }
            }
        }
    }
}

impl Serialize for When {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for When {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        When::from_str(&text).map_err(serde::de::Error::custom)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Date::from_str(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> When {
        s.parse().unwrap()
    }

    #[test]
    fn partial_dates_have_bounds() {
        assert_eq!(w("2022-09").earliest().iso(), "2022-09-01");
        assert_eq!(w("2022-09").latest().iso(), "2022-09-30");
        assert_eq!(w("2024-02").latest().iso(), "2024-02-29");
        assert_eq!(w("2022").latest().iso(), "2022-12-31");
        assert_eq!(w("2021-10/2022-08").earliest().iso(), "2021-10-01");
        assert_eq!(w("2021-10/2022-08").latest().iso(), "2022-08-31");
    }

    #[test]
    fn written_form_round_trips() {
        for s in [
            "2022-09-30",
            "2022-09",
            "2022",
            "2021-10/2022-08",
            "2021-10-05/2022-08",
        ] {
            assert_eq!(w(s), w(&w(s).to_string()), "{s}");
        }
    }

    #[test]
    fn impossible_dates_say_why() {
        let e = "2022-02-30".parse::<When>().unwrap_err();
        assert_eq!(
            e.to_string(),
            "`2022-02-30` is not a date: February 2022 has no day 30"
        );
        assert!(
            "2022-13"
                .parse::<When>()
                .unwrap_err()
                .to_string()
                .contains("no month 13")
        );
        assert!(
            "2023/2022"
                .parse::<When>()
                .unwrap_err()
                .to_string()
                .contains("ends before")
        );
        assert!("30/09/2022".parse::<When>().is_err());
    }

    #[test]
    fn shifting_keeps_precision() {
        assert_eq!(w("2022-09").shift_months(6), w("2023-03"));
        assert_eq!(w("2022-09-30").shift_months(5), w("2023-02-28"));
        assert_eq!(w("2022").shift_months(12), w("2023"));
        assert_eq!(w("2021-10/2022-08").shift_months(6), w("2022-04/2023-02"));
    }

    #[test]
    fn month_arithmetic_counts_whole_months() {
        let d = |s: &str| s.parse::<Date>().unwrap();
        assert_eq!(d("2021-09-30").months_until(d("2022-09-29")), 11);
        assert_eq!(d("2021-09-30").months_until(d("2022-09-30")), 12);
        assert_eq!(d("2022-01-31").add_months(1).iso(), "2022-02-28");
        assert_eq!(d("2022-03-31").add_months(-1).iso(), "2022-02-28");
    }
}
