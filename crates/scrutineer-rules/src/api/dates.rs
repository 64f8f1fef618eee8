//! `Date` (a day) and `When` (a date as precise as its document) in scripts.
//!
//! ```text
//! let d = date("2010-04-01");      // a day; an error for an impossible one
//! p.as_of >= d                     // days compare
//! d.add_months(12)  d.add_years(3)  d.add_days(28)  d.end_of_month()
//! months_between(a, b)             // whole months from a to b
//! doc.approved.latest              // a When's last possible day (also .earliest)
//! `${d}`  `${w}`                   // "1 April 2010", "September 2022"
//! ```
//!
//! A `When` may be uncertain (a month, a year, a range), so comparing it with a day answers
//! `true`, `false` or `()` for "maybe". Read a partial date as the role it plays:
//!
//! ```text
//! w.before(d)  w.on_or_before(d)  w.after(d)  w.on_or_after(d)   // an event's date: some day within it
//! w.within(from, to)               // an event's date within from..=to
//! w.passed_by(d)                   // a deadline or a period's end: a month ends on its last day
//! w.started_by(d)                  // a period's start: a month starts on its first day
//! w.shift_months(12)               // the same date a year on, as precise: "September 2022"
//! w.on_long                        // "on 30 September 2022", "in September 2022"
//! ```

use rhai::{Engine, EvalAltResult, Position};
use scrutineer_graph::{Date, When};

use super::tri;

fn parse_date(s: &str) -> Result<Date, Box<EvalAltResult>> {
    s.parse::<Date>().map_err(|e| {
        Box::new(EvalAltResult::ErrorRuntime(
            e.to_string().into(),
            Position::NONE,
        ))
    })
}

/// Date arithmetic in a script is checked: a result a file could not hold (before the year 1 or
/// after 9999) is an error the rule reports, never a panic or a silently wrong day.
fn in_range(
    result: Option<Date>,
    from: Date,
    n: i64,
    unit: &str,
) -> Result<Date, Box<EvalAltResult>> {
    result
        .filter(|d| d.is_writable())
        .ok_or_else(|| out_of_range(format!("{} plus {n} {unit}", from.long())))
}

fn out_of_range(what: String) -> Box<EvalAltResult> {
    Box::new(EvalAltResult::ErrorRuntime(
        format!("date out of range: {what} is outside the years 1 to 9999").into(),
        Position::NONE,
    ))
}

pub(super) fn register(engine: &mut Engine) {
    engine
        .register_type_with_name::<Date>("Date")
        .register_fn("date", parse_date)
        .register_fn("add_months", |d: &mut Date, n: i64| {
            in_range(d.checked_add_months(n), *d, n, "months")
        })
        .register_fn("add_years", |d: &mut Date, n: i64| {
            in_range(d.checked_add_months(n.saturating_mul(12)), *d, n, "years")
        })
        .register_fn("add_days", |d: &mut Date, n: i64| {
            in_range(d.checked_add_days(n), *d, n, "days")
        })
        .register_fn("end_of_month", |d: &mut Date| d.end_of_month())
        .register_fn("months_between", |a: Date, b: Date| a.months_until(b))
        .register_fn("days_between", |a: Date, b: Date| a.days_until(b))
        .register_get("iso", |d: &mut Date| d.iso())
        .register_fn("to_string", |d: &mut Date| d.long())
        .register_fn("to_debug", |d: &mut Date| d.iso())
        .register_fn("==", |a: Date, b: Date| a == b)
        .register_fn("!=", |a: Date, b: Date| a != b)
        .register_fn("<", |a: Date, b: Date| a < b)
        .register_fn("<=", |a: Date, b: Date| a <= b)
        .register_fn(">", |a: Date, b: Date| a > b)
        .register_fn(">=", |a: Date, b: Date| a >= b)
        .register_fn("max", |a: Date, b: Date| a.max(b))
        .register_fn("min", |a: Date, b: Date| a.min(b));

    engine
        .register_type_with_name::<When>("When")
        .register_get("earliest", |w: &mut When| w.earliest())
        .register_get("latest", |w: &mut When| w.latest())
        .register_get("exact", |w: &mut When| w.is_exact())
        .register_get("on_long", |w: &mut When| w.on_long())
        .register_fn("before", |w: &mut When, d: Date| tri(w.before(d)))
        .register_fn("on_or_before", |w: &mut When, d: Date| {
            tri(w.on_or_before(d))
        })
        .register_fn("after", |w: &mut When, d: Date| tri(w.after(d)))
        .register_fn("on_or_after", |w: &mut When, d: Date| tri(w.on_or_after(d)))
        .register_fn("within", |w: &mut When, a: Date, b: Date| {
            tri(w.within(a, b))
        })
        .register_fn("passed_by", |w: &mut When, d: Date| tri(w.passed_by(d)))
        .register_fn("started_by", |w: &mut When, d: Date| tri(w.started_by(d)))
        .register_fn("shift_months", |w: &mut When, n: i64| {
            w.checked_shift_months(n)
                .ok_or_else(|| out_of_range(format!("{} moved by {n} months", w.long())))
        })
        .register_fn("==", |a: When, b: When| a == b)
        .register_fn("!=", |a: When, b: When| a != b)
        .register_fn("to_string", |w: &mut When| w.long())
        .register_fn("to_debug", |w: &mut When| w.to_string());
}
