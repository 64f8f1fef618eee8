//! Dates as the documents give them: a day, a month, a year, a range when only bounds are known
//! ("after September 2021 and before September 2022"), or a range open at one end ("after June
//! 2021", "by May 2024").
//!
//! Every [`When`] is some one day between its earliest and its latest. Nothing here rounds a
//! partial date to one side: every comparison with a day answers yes, no or maybe
//! ([`Tri`]), and a rule may neither fail nor pass on a maybe. Keeping that logic in this one
//! type is what keeps every rule consistent about it.

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
    /// of a shorter month: 31 January plus one month is 28 or 29 February. A result beyond the
    /// calendar saturates at [`Date::FAR_FUTURE`] or [`Date::FAR_PAST`], which is what a window
    /// such as "the last N months" means for a huge N. Scripts and scenarios use the checked
    /// forms instead, so that a date out of range is an error they see, not a silent clamp.
    pub fn add_months(self, months: i64) -> Date {
        self.checked_add_months(months).unwrap_or(if months < 0 {
            Date::FAR_PAST
        } else {
            Date::FAR_FUTURE
        })
    }

    /// The day `days` days later (or earlier), saturating like [`Date::add_months`].
    pub fn add_days(self, days: i64) -> Date {
        self.checked_add_days(days).unwrap_or(if days < 0 {
            Date::FAR_PAST
        } else {
            Date::FAR_FUTURE
        })
    }

    /// The years a file can write (four digits): date arithmetic a script or a scenario asks for
    /// must stay within them, or its result could not be written down or read back.
    pub const YEARS: std::ops::RangeInclusive<i32> = 1..=9999;

    /// Whether a file can hold this day (its year is in [`Date::YEARS`]).
    pub fn is_writable(self) -> bool {
        Date::YEARS.contains(&self.0.year())
    }

    /// The day `days` days later (or earlier), or `None` beyond the calendar's range.
    pub fn checked_add_days(self, days: i64) -> Option<Date> {
        chrono::TimeDelta::try_days(days)
            .and_then(|d| self.0.checked_add_signed(d))
            .map(Date)
    }

    /// The day `months` calendar months later (or earlier), or `None` beyond the calendar.
    pub fn checked_add_months(self, months: i64) -> Option<Date> {
        let magnitude = Months::new(u32::try_from(months.unsigned_abs()).ok()?);
        if months >= 0 {
            self.0.checked_add_months(magnitude)
        } else {
            self.0.checked_sub_months(magnitude)
        }
        .map(Date)
    }

    /// The earliest day the crate uses: the open start of a range written `/2024-05`.
    pub const FAR_PAST: Date = Date(NaiveDate::MIN);
    /// The latest day the crate uses: the open end of a range written `2021-07/`.
    pub const FAR_FUTURE: Date = Date(NaiveDate::MAX);

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
        // December is the one month whose successor may be beyond the calendar's range.
        if self.0.month() == 12 {
            return Date::from_ymd(self.0.year(), 12, 31).unwrap_or(self);
        }
        NaiveDate::from_ymd_opt(self.0.year(), self.0.month() + 1, 1)
            .and_then(|next| next.pred_opt())
            .map(Date)
            .unwrap_or(self)
    }

    /// Whether this is one of the open ends [`Date::FAR_PAST`] and [`Date::FAR_FUTURE`].
    pub fn is_open(self) -> bool {
        self == Date::FAR_PAST || self == Date::FAR_FUTURE
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
    /// `2021-07/`: some day on or after this one ("after June 2021").
    Since(Date),
    /// `/2024-05`: some day on or before this one (here 31 May 2024, "by May 2024").
    Until(Date),
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

/// The forms a date may take, for messages.
pub const FORMS: &str = "write a day `2022-09-30`, a month `2022-09`, a year `2022`, a range `2021-10/2022-08`, or a range open at one end, `2021-07/` or `/2024-05`";

/// A three-valued answer: what the records let anyone say.
///
/// Every comparison of a partial date with a day gives one of these. A rule fails only on
/// [`Tri::Yes`] evidence of a gap and passes only on [`Tri::Yes`] evidence that it is closed;
/// [`Tri::Maybe`] becomes "unknown".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Tri {
    No,
    Maybe,
    Yes,
}

impl Tri {
    /// `Yes` or `No`.
    pub fn from_bool(b: bool) -> Tri {
        if b { Tri::Yes } else { Tri::No }
    }

    /// `true` or `false` when settled, `None` for maybe.
    pub fn known(self) -> Option<bool> {
        match self {
            Tri::Yes => Some(true),
            Tri::No => Some(false),
            Tri::Maybe => None,
        }
    }

    pub fn is_yes(self) -> bool {
        self == Tri::Yes
    }

    pub fn is_no(self) -> bool {
        self == Tri::No
    }

    /// Both: no if either is no, yes only if both are yes.
    pub fn and(self, other: Tri) -> Tri {
        self.min(other)
    }

    /// Either: yes if either is yes, no only if both are no.
    pub fn or(self, other: Tri) -> Tri {
        self.max(other)
    }

    /// The opposite answer; maybe stays maybe.
    #[expect(
        clippy::should_implement_trait,
        reason = "reads better than `!` in rule code"
    )]
    pub fn not(self) -> Tri {
        match self {
            Tri::Yes => Tri::No,
            Tri::No => Tri::Yes,
            Tri::Maybe => Tri::Maybe,
        }
    }

    /// Yes when `yes` holds, no when `no` holds, maybe otherwise (`yes` wins if both).
    pub fn decide(yes: bool, no: bool) -> Tri {
        if yes {
            Tri::Yes
        } else if no {
            Tri::No
        } else {
            Tri::Maybe
        }
    }
}

impl When {
    /// The first day it could be.
    pub fn earliest(self) -> Date {
        match self {
            When::Day(d) | When::Since(d) => d,
            When::Month { year, month } => Date::from_ymd(year, month, 1).unwrap_or(Date::FAR_PAST),
            When::Year(y) => Date::from_ymd(y, 1, 1).unwrap_or(Date::FAR_PAST),
            When::Between(a, _) => a,
            When::Until(_) => Date::FAR_PAST,
        }
    }

    /// The last day it could be.
    pub fn latest(self) -> Date {
        match self {
            When::Day(d) | When::Until(d) => d,
            When::Month { .. } => self.earliest().end_of_month(),
            When::Year(y) => Date::from_ymd(y, 12, 31).unwrap_or(Date::FAR_FUTURE),
            When::Between(_, b) => b,
            When::Since(_) => Date::FAR_FUTURE,
        }
    }

    /// The date with these bounds, written as precisely as they allow: a day, a month, a year, a
    /// range, or a range open at one end.
    pub fn from_bounds(a: Date, b: Date) -> When {
        let (a, b) = if b < a { (b, a) } else { (a, b) };
        match (a == Date::FAR_PAST, b == Date::FAR_FUTURE) {
            (true, true) => When::Between(a, b),
            (true, false) => When::Until(b),
            (false, true) => When::Since(a),
            (false, false) if a == b => When::Day(a),
            (false, false) => {
                let whole_months = a.0.day() == 1 && b == b.end_of_month();
                if whole_months && a.0.year() == b.0.year() && a.0.month() == b.0.month() {
                    When::Month {
                        year: a.0.year(),
                        month: a.0.month(),
                    }
                } else if whole_months
                    && a.0.month() == 1
                    && b.0.month() == 12
                    && a.0.year() == b.0.year()
                {
                    When::Year(a.0.year())
                } else {
                    When::Between(a, b)
                }
            }
        }
    }

    /// Whether this day is certainly before `day`.
    pub fn before(self, day: Date) -> Tri {
        Tri::decide(self.latest() < day, self.earliest() >= day)
    }

    /// Whether this day is certainly on or before `day`: for an event, whether it had happened by
    /// then.
    pub fn on_or_before(self, day: Date) -> Tri {
        Tri::decide(self.latest() <= day, self.earliest() > day)
    }

    /// Whether this day is after `day`.
    pub fn after(self, day: Date) -> Tri {
        self.on_or_before(day).not()
    }

    /// Whether this day is on or after `day`.
    pub fn on_or_after(self, day: Date) -> Tri {
        self.before(day).not()
    }

    /// Whether this day falls within `from..=to`.
    pub fn within(self, from: Date, to: Date) -> Tri {
        Tri::decide(
            self.earliest() >= from && self.latest() <= to,
            self.latest() < from || self.earliest() > to,
        )
    }

    /// Whether the date is a whole day, month or year (a unit of the calendar) rather than an
    /// uncertain day in a range.
    pub fn is_unit(self) -> bool {
        matches!(self, When::Day(_) | When::Month { .. } | When::Year(_))
    }

    /// The bounds of the first day of a period that starts on this date. A month or a year that
    /// starts a period starts it on its first day ("April 2015 to March 2016" covers 1 April
    /// 2015); a range is some uncertain day within it.
    pub fn as_start(self) -> (Date, Date) {
        if self.is_unit() {
            (self.earliest(), self.earliest())
        } else {
            (self.earliest(), self.latest())
        }
    }

    /// The bounds of the last day of a period, or of a deadline, on this date. A month or a year
    /// that ends a period ends it on its last day ("to March 2016" covers 31 March; "due in
    /// September 2022" is due by 30 September); a range is some uncertain day within it.
    pub fn as_end(self) -> (Date, Date) {
        if self.is_unit() {
            (self.latest(), self.latest())
        } else {
            (self.earliest(), self.latest())
        }
    }

    /// Whether a period starting on this date has begun by `day`.
    pub fn started_by(self, day: Date) -> Tri {
        let (a, b) = self.as_start();
        Tri::decide(b <= day, a > day)
    }

    /// Whether a period ending on this date (or a deadline on it) has not yet passed on `day`.
    pub fn not_ended_by(self, day: Date) -> Tri {
        let (a, b) = self.as_end();
        Tri::decide(day <= a, day > b)
    }

    /// Whether a deadline on this date has passed on `day` (`day` is after it).
    pub fn passed_by(self, day: Date) -> Tri {
        self.not_ended_by(day).not()
    }

    /// Whether a fact written with these bounds holds on `day`: `from` reached and `to` not
    /// passed, each read as a period's start and end (see [`When::as_start`]). A missing bound
    /// is open.
    pub fn span_holds(from: Option<When>, to: Option<When>, day: Date) -> Tri {
        let started = from.map_or(Tri::Yes, |f| f.started_by(day));
        let not_ended = to.map_or(Tri::Yes, |t| t.not_ended_by(day));
        started.and(not_ended)
    }

    /// The same date moved by whole months, keeping its precision: a month stays a month, a
    /// year moved by whole years stays a year. An open end stays open. `None` when the result
    /// would leave the years a file can hold ([`Date::YEARS`]): a scenario that slips a date by
    /// ten thousand years gets an error, not a date it cannot write.
    pub fn checked_shift_months(self, months: i64) -> Option<When> {
        let shift = |d: Date| d.checked_add_months(months).filter(|d| d.is_writable());
        Some(match self {
            When::Day(d) => When::Day(shift(d)?),
            When::Since(d) => When::Since(shift(d)?),
            When::Until(d) => When::Until(shift(d)?),
            When::Month { .. } => {
                let d = shift(self.earliest())?;
                When::Month {
                    year: d.0.year(),
                    month: d.0.month(),
                }
            }
            When::Year(y) if months % 12 == 0 => {
                let year = i32::try_from(months / 12)
                    .ok()
                    .and_then(|n| y.checked_add(n))?;
                if !Date::YEARS.contains(&year) {
                    return None;
                }
                When::Year(year)
            }
            When::Year(_) | When::Between(..) => {
                let (a, b) = (self.earliest(), self.latest());
                let end = shift(b)?;
                // A range that ran to the end of a month still does.
                let end = if b == b.end_of_month() {
                    end.end_of_month()
                } else {
                    end
                };
                When::Between(shift(a)?, end)
            }
        })
    }

    /// Whether the date is known to the day.
    pub fn is_exact(self) -> bool {
        matches!(self, When::Day(_))
    }

    /// How a person would say it: `30 September 2022`, `September 2022`, `2022`,
    /// `between October 2021 and August 2022`, `on or after 1 July 2021`, `by May 2024`.
    pub fn long(self) -> String {
        let month = |d: Date| d.0.format("%B %Y").to_string();
        match self {
            When::Day(d) => d.long(),
            When::Month { .. } => month(self.earliest()),
            When::Year(y) => y.to_string(),
            When::Between(a, b) => {
                if a.0.day() == 1 && b == b.end_of_month() {
                    format!("between {} and {}", month(a), month(b))
                } else {
                    format!("between {} and {}", a.long(), b.long())
                }
            }
            When::Since(d) if d.0.day() == 1 => format!("in or after {}", month(d)),
            When::Since(d) => format!("on or after {}", d.long()),
            When::Until(d) if d == d.end_of_month() => format!("in or before {}", month(d)),
            When::Until(d) => format!("on or before {}", d.long()),
        }
    }

    /// How a person would say "on this date": `on 30 September 2022`, `in September 2022`,
    /// `in 2022`, `between October 2021 and August 2022`.
    pub fn on_long(self) -> String {
        match self {
            When::Day(_) => format!("on {}", self.long()),
            When::Month { .. } | When::Year(_) => format!("in {}", self.long()),
            _ => self.long(),
        }
    }

    /// A period in words, as a person would write it: "April 2015 to March 2016"; with a bound
    /// known only to a range, "starting between 1 January 2019 and 1 April 2019, ending between
    /// 31 March 2022 and 31 December 2022".
    pub fn period_words(from: Option<When>, to: Option<When>) -> String {
        let exact = |w: When| matches!(w, When::Day(_) | When::Month { .. } | When::Year(_));
        match (from, to) {
            (Some(f), Some(t)) if exact(f) && exact(t) => format!("{} to {}", f.long(), t.long()),
            (Some(f), Some(t)) => format!("starting {}, ending {}", f.on_long(), t.on_long()),
            (Some(f), None) => format!("starting {}, with no recorded end", f.on_long()),
            (None, Some(t)) => format!("ending {}, with no recorded start", t.on_long()),
            (None, None) => "period not recorded".to_string(),
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
        let year = |p: &str| -> Result<i32, DateError> {
            let y = num(p, 4)? as i32;
            if y == 0 {
                return Err(err("there is no year 0"));
            }
            Ok(y)
        };
        match parts.as_slice() {
            [y] => Ok(When::Year(year(y)?)),
            [y, m] => {
                let (year, month) = (year(y)?, num(m, 2)?);
                if !(1..=12).contains(&month) {
                    return Err(err(&format!("there is no month {month}")));
                }
                Ok(When::Month { year, month })
            }
            [y, m, d] => {
                let (year, month, day) = (year(y)?, num(m, 2)?, num(d, 2)?);
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

/// A day written the British way, `31/03/2022`, in the ISO form the files use.
fn uk_day(s: &str) -> Option<String> {
    let parts: Vec<&str> = s.split('/').collect();
    let [d, m, y] = parts.as_slice() else {
        return None;
    };
    let num = |p: &str, max: usize| {
        (!p.is_empty() && p.len() <= max && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    let (d, m, y) = (num(d, 2)?, num(m, 2)?, num(y, 4)?);
    if y < 1000 {
        return None;
    }
    Date::from_ymd(y as i32, m, d).map(|day| day.iso())
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
        if let Some(iso) = uk_day(trimmed) {
            return Err(DateError {
                text: s.to_string(),
                reason: format!("write the year first, as `{iso}`"),
            });
        }
        if let Some((a, b)) = trimmed.split_once('/') {
            let (a, b) = (a.trim(), b.trim());
            return match (a.is_empty(), b.is_empty()) {
                (true, true) => Err(DateError {
                    text: s.to_string(),
                    reason: "a range needs at least one end; leave the field out when the date is not known".into(),
                }),
                (false, true) => Ok(When::Since(When::parse_part(a, s)?.earliest())),
                (true, false) => Ok(When::Until(When::parse_part(b, s)?.latest())),
                (false, false) => {
                    let (a, b) = (When::parse_part(a, s)?, When::parse_part(b, s)?);
                    let (start, end) = (a.earliest(), b.latest());
                    if end < start {
                        return Err(DateError {
                            text: s.to_string(),
                            reason: format!(
                                "the range ends before it starts ({} is before {})",
                                b.long(),
                                a.long()
                            ),
                        });
                    }
                    Ok(When::Between(start, end))
                }
            };
        }
        When::parse_part(trimmed, s)
    }
}

impl fmt::Display for When {
    /// The canonical written form, which [`When::from_str`] reads back to the same value.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let month =
            |f: &mut fmt::Formatter<'_>, d: Date| write!(f, "{:04}-{:02}", d.0.year(), d.0.month());
        match *self {
            When::Day(d) => write!(f, "{d}"),
            When::Month { year, month } => write!(f, "{year:04}-{month:02}"),
            When::Year(y) => write!(f, "{y:04}"),
            When::Between(a, b) => {
                // Write months when the range is whole months, as people wrote it.
                if a.0.day() == 1 && b == b.end_of_month() {
                    month(f, a)?;
                    f.write_str("/")?;
                    month(f, b)
                } else {
                    write!(f, "{a}/{b}")
                }
            }
            When::Since(d) if d.0.day() == 1 => {
                month(f, d)?;
                f.write_str("/")
            }
            When::Since(d) => write!(f, "{d}/"),
            When::Until(d) if d == d.end_of_month() => {
                f.write_str("/")?;
                month(f, d)
            }
            When::Until(d) => write!(f, "/{d}"),
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
        let shift = |s: &str, n| w(s).checked_shift_months(n).unwrap();
        assert_eq!(shift("2022-09", 6), w("2023-03"));
        assert_eq!(shift("2022-09-30", 5), w("2023-02-28"));
        assert_eq!(shift("2022", 12), w("2023"));
        assert_eq!(shift("2021-10/2022-08", 6), w("2022-04/2023-02"));
    }

    #[test]
    fn month_arithmetic_counts_whole_months() {
        let d = |s: &str| s.parse::<Date>().unwrap();
        assert_eq!(d("2021-09-30").months_until(d("2022-09-29")), 11);
        assert_eq!(d("2021-09-30").months_until(d("2022-09-30")), 12);
        assert_eq!(d("2022-01-31").add_months(1).iso(), "2022-02-28");
        assert_eq!(d("2022-03-31").add_months(-1).iso(), "2022-02-28");
    }

    #[test]
    fn open_ranges_read_and_write_back() {
        assert_eq!(w("2021-07/").earliest().iso(), "2021-07-01");
        assert_eq!(w("2021-07/").latest(), Date::FAR_FUTURE);
        assert_eq!(w("/2024-05").latest().iso(), "2024-05-31");
        assert_eq!(w("/2024-05").earliest(), Date::FAR_PAST);
        for s in ["2021-07/", "2021-07-05/", "/2024-05", "/2024-05-14"] {
            assert_eq!(w(s).to_string(), s);
        }
        assert_eq!(w("2021-07/").long(), "in or after July 2021");
        assert_eq!(w("/2024-05").long(), "in or before May 2024");
        assert!("/".parse::<When>().is_err());
    }

    #[test]
    fn comparisons_answer_yes_no_or_maybe() {
        let d = |s: &str| s.parse::<Date>().unwrap();
        // "between February and December 2024" as of June 2024: it may or may not have happened.
        let range = w("2024-02/2024-12");
        assert_eq!(range.on_or_before(d("2024-06-15")), Tri::Maybe);
        assert_eq!(range.on_or_before(d("2024-12-31")), Tri::Yes);
        assert_eq!(range.on_or_before(d("2024-01-31")), Tri::No);
        // "early 2015" counts in March 2015 once it is certainly past.
        assert_eq!(w("2015-01/2015-02").on_or_before(d("2015-03-01")), Tri::Yes);
        assert_eq!(
            w("2022").within(d("2021-10-01"), d("2022-10-01")),
            Tri::Maybe
        );
        assert_eq!(
            w("2022-03").within(d("2021-10-01"), d("2022-10-01")),
            Tri::Yes
        );
        assert_eq!(w("2020").within(d("2021-10-01"), d("2022-10-01")), Tri::No);
        // A plan "April 2015 to March 2016" is in force from 1 April 2015.
        assert_eq!(
            When::span_holds(Some(w("2015-04")), Some(w("2016-03")), d("2015-04-01")),
            Tri::Yes
        );
        assert_eq!(
            When::span_holds(
                Some(w("2015-01/2015-06")),
                Some(w("2016-03")),
                d("2015-04-01")
            ),
            Tri::Maybe
        );
        assert_eq!(
            When::span_holds(Some(w("2015-04")), Some(w("2016-03")), d("2016-03-31")),
            Tri::Yes
        );
        assert_eq!(
            When::span_holds(Some(w("2015-04")), Some(w("2016-03")), d("2016-04-01")),
            Tri::No
        );
        // A deadline in September 2022 has passed on 1 October, not on 30 September.
        assert_eq!(w("2022-09").passed_by(d("2022-09-30")), Tri::No);
        assert_eq!(w("2022-09").passed_by(d("2022-10-01")), Tri::Yes);
        assert_eq!(w("2021-07/").on_or_before(d("2030-01-01")), Tri::Maybe);
    }

    #[test]
    fn arithmetic_never_panics() {
        let d = |s: &str| s.parse::<Date>().unwrap();
        // The saturating forms clamp to the calendar's ends in the direction of travel.
        assert_eq!(d("2022-01-01").add_days(i64::MAX), Date::FAR_FUTURE);
        assert_eq!(d("2022-01-01").add_days(i64::MIN), Date::FAR_PAST);
        assert_eq!(d("2022-01-01").add_months(i64::MAX), Date::FAR_FUTURE);
        assert_eq!(d("2022-01-01").add_months(i64::MIN), Date::FAR_PAST);
        assert_eq!(Date::FAR_FUTURE.end_of_month(), Date::FAR_FUTURE);
        assert_eq!(Date::FAR_PAST.add_months(-1), Date::FAR_PAST);
        // The checked forms refuse what a file could not hold.
        assert_eq!(w("9999").checked_shift_months(i64::MAX), None);
        assert_eq!(w("9999-12").checked_shift_months(1200), None);
        assert_eq!(w("0001-01").checked_shift_months(-1), None);
        assert_eq!(w("2021-10/2022-08").checked_shift_months(i64::MIN), None);
        assert_eq!(w("2022-09/").checked_shift_months(12), Some(w("2023-09/")));
    }

    #[test]
    fn tri_logic() {
        assert_eq!(Tri::Yes.and(Tri::Maybe), Tri::Maybe);
        assert_eq!(Tri::No.and(Tri::Maybe), Tri::No);
        assert_eq!(Tri::Yes.or(Tri::Maybe), Tri::Yes);
        assert_eq!(Tri::No.or(Tri::Maybe), Tri::Maybe);
        assert_eq!(Tri::Maybe.not(), Tri::Maybe);
    }

    #[test]
    fn bounds_choose_the_plainest_form() {
        let d = |s: &str| s.parse::<Date>().unwrap();
        assert_eq!(
            When::from_bounds(d("2022-09-01"), d("2022-09-30")),
            w("2022-09")
        );
        assert_eq!(
            When::from_bounds(d("2022-01-01"), d("2022-12-31")),
            w("2022")
        );
        assert_eq!(
            When::from_bounds(d("2022-09-05"), d("2022-09-05")),
            w("2022-09-05")
        );
        assert_eq!(
            When::from_bounds(d("2022-09-05"), Date::FAR_FUTURE),
            w("2022-09-05/")
        );
    }
}
