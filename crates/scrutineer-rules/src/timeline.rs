//! When each failure opened and closed: the pack evaluated across a range of dates.
//!
//! The exact timeline (the default) evaluates on the days an outcome can change: each bound of
//! every date in the file, one day after it, and the same moved by the spans rules measure
//! (horizons, windows, deadlines ahead); the days rules name in their code; the days the law
//! changes. Between two such days whose results differ, it bisects to the first day they
//! change. So a span opens on the true day, and a change of severity or of the finding's words
//! is a change it shows; words that differ only in the dates and counts they quote are the same
//! words ("not reviewed in the 12 months to 21 July 2018" and "... to 22 July 2018" are one
//! span, not one a day). The fixed steps (day, week, month) sample instead, for a chart.

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;
use scrutineer_graph::{Date, Graph};

use crate::eval::RuleSet;
use crate::outcome::{Finding, Outcome, RuleError, Severity};
use crate::rule::Rule;

/// How the evaluation dates are chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// The days an outcome can change (see the module documentation).
    Exact,
    Day,
    Week,
    Month,
}

impl Step {
    fn next(self, d: Date, start: Date, n: i64) -> Date {
        match self {
            Step::Day | Step::Exact => d.add_days(1),
            Step::Week => d.add_days(7),
            // From the start each time, so 31 January steps to 28 February and then 31 March.
            Step::Month => start.add_months(n),
        }
    }
}

/// One period during which a rule failed for a subject with the same finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    /// The first evaluation date on which it failed.
    pub opened: Date,
    /// The first evaluation date after that on which it no longer failed, or failed with
    /// another severity or message; `None` if it was still failing on the last date.
    pub closed: Option<Date>,
    pub severity: Severity,
    /// The message on the day it opened.
    pub message: String,
}

/// The failures of one rule for one subject.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub rule: String,
    pub subject: String,
    pub subject_name: String,
    /// The most severe of its spans.
    pub severity: Severity,
    pub spans: Vec<Span>,
}

/// The failures of one partnership across a range of dates.
#[derive(Clone, Debug)]
pub struct Timeline {
    /// The dates to draw a chart on: the step's dates, or for the exact timeline the first of
    /// each month and the last day.
    pub dates: Vec<Date>,
    /// How many days were evaluated.
    pub evaluated: usize,
    /// Rows in order of the date each first failed, then rule and subject.
    pub rows: Vec<Row>,
    pub errors: Vec<RuleError>,
}

/// The evaluation dates from `from` to `to` inclusive. At most `limit` are produced.
pub fn dates(from: Date, to: Date, step: Step, limit: usize) -> Vec<Date> {
    let mut out = Vec::new();
    let mut d = from;
    let mut n = 1;
    while d <= to && out.len() < limit {
        out.push(d);
        d = step.next(d, from, n);
        n += 1;
    }
    out
}

/// The spans, in months, that rules measure from a date: horizons of states, windows back from
/// the evaluation date, and deadlines ahead of it (so both signs).
const MONTHS: [i64; 5] = [3, 6, 12, 15, 24];

/// The days in `from..=to` on which an outcome can change, as far as the records, the rules and
/// the law say. See the module documentation.
pub fn change_days(graph: &Graph, rules: &[&Rule], from: Date, to: Date) -> Vec<Date> {
    let mut bounds: Vec<Date> = Vec::new();
    for w in graph.written_dates() {
        let (s, e) = (w.as_start(), w.as_end());
        bounds.extend([w.earliest(), w.latest(), s.0, s.1, e.0, e.1]);
    }
    bounds.sort();
    bounds.dedup();
    let mut days: Vec<Date> = vec![from, to];
    for &b in &bounds {
        days.extend([b, b.add_days(1)]);
        for m in MONTHS {
            for shifted in [b.add_months(m), b.add_months(-m)] {
                days.extend([shifted, shifted.add_days(1)]);
            }
        }
    }
    for r in rules {
        days.extend(r.dates.iter().flat_map(|d| [*d, d.add_days(1)]));
        for d in [r.in_force_from, r.in_force_to]
            .iter()
            .flat_map(|b| [b.england, b.wales])
            .flatten()
        {
            days.extend([d, d.add_days(1)]);
        }
    }
    for p in crate::law::LAW.iter() {
        for span in [p.england, p.wales, p.london].into_iter().flatten() {
            days.push(span.from);
            if let Some(t) = span.to {
                days.extend([t, t.add_days(1)]);
            }
        }
    }
    days.retain(|d| from <= *d && *d <= to);
    days.sort();
    days.dedup();
    days
}

/// What fails on a day: (rule, subject) → the failure.
type Failing = BTreeMap<(String, String), Failure>;

/// One rule's failure for one subject on a day. Two are the same failure when their severity
/// and their [`gist`] are.
#[derive(Clone, Debug)]
struct Failure {
    severity: Severity,
    gist: String,
    message: String,
    subject_name: String,
}

impl PartialEq for Failure {
    fn eq(&self, other: &Failure) -> bool {
        self.severity == other.severity && self.gist == other.gist
    }
}

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A finding's words without the dates and counts they quote: each run of digits becomes `#`
/// and each month's name `M`. Messages often name the day they are evaluated on, or count the
/// days to it; without this a failure would open a new span every day.
fn gist(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        if MONTH_NAMES.contains(&word.as_str()) {
            out.push('M');
        } else {
            out.push_str(word);
        }
        word.clear();
    };
    for c in message.chars() {
        if c.is_ascii_digit() {
            flush(&mut word, &mut out);
            if !out.ends_with('#') {
                out.push('#');
            }
        } else if c.is_alphabetic() {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

fn failing_on(
    set: &RuleSet,
    graphs: &[Arc<Graph>],
    day: Date,
    rules: &[&Rule],
    apply_waivers: bool,
) -> (Failing, Vec<RuleError>) {
    let mut eval = set.evaluate(graphs, day, Some(rules));
    crate::facts::settle(&mut eval, graphs, day, rules, apply_waivers);
    let failing = eval
        .findings
        .into_iter()
        .filter(|f| f.outcome == Outcome::Fail)
        .map(|f: Finding| {
            let failure = Failure {
                severity: f.severity,
                gist: gist(&f.message),
                message: f.message,
                subject_name: f.subject_name,
            };
            ((f.rule, f.subject), failure)
        })
        .collect();
    (failing, eval.errors)
}

/// Evaluates `rules` for `graph` on each of `dates` and collects when each failure opened and
/// closed. `apply_waivers` decides whether waived failures count as failing.
pub fn timeline(
    set: &RuleSet,
    graph: &Arc<Graph>,
    dates: &[Date],
    rules: &[&Rule],
    apply_waivers: bool,
) -> Timeline {
    let graphs = [Arc::clone(graph)];
    let results: Vec<(Failing, Vec<RuleError>)> = crate::sandbox::install(|| {
        dates
            .par_iter()
            .map(|&d| failing_on(set, &graphs, d, rules, apply_waivers))
            .collect()
    });
    let mut errors = Vec::new();
    let mut days = Vec::with_capacity(dates.len());
    for (&d, (failing, errs)) in dates.iter().zip(results) {
        errors.extend(errs);
        days.push((d, failing));
    }
    build(dates.to_vec(), days, errors)
}

/// The exact timeline from `from` to `to`: see the module documentation.
pub fn exact_timeline(
    set: &RuleSet,
    graph: &Arc<Graph>,
    from: Date,
    to: Date,
    rules: &[&Rule],
    apply_waivers: bool,
) -> Timeline {
    let graphs = [Arc::clone(graph)];
    let candidates = change_days(graph, rules, from, to);
    let results: Vec<(Failing, Vec<RuleError>)> = crate::sandbox::install(|| {
        candidates
            .par_iter()
            .map(|&d| failing_on(set, &graphs, d, rules, apply_waivers))
            .collect()
    });
    let mut errors = Vec::new();
    let mut days: Vec<(Date, Failing)> = Vec::with_capacity(candidates.len());
    for (&d, (failing, errs)) in candidates.iter().zip(results) {
        errors.extend(errs);
        days.push((d, failing));
    }
    // Between two evaluated days whose results differ, find the first day they change: the
    // candidates should already hold it, and this makes sure.
    let mut i = 0;
    while i + 1 < days.len() {
        let (a, b) = (days[i].0, days[i + 1].0);
        if days[i].1 != days[i + 1].1 && a.days_until(b) > 1 {
            let (mut lo, mut hi) = (a, b);
            let mut found = None;
            while lo.days_until(hi) > 1 {
                let mid = lo.add_days(lo.days_until(hi) / 2);
                let (failing, errs) = failing_on(set, &graphs, mid, rules, apply_waivers);
                errors.extend(errs);
                if failing == days[i].1 {
                    lo = mid;
                } else {
                    hi = mid;
                    found = Some(failing);
                }
            }
            if let Some(failing) = found.filter(|_| hi != b) {
                days.insert(i + 1, (hi, failing));
            }
        }
        i += 1;
    }
    let mut grid: Vec<Date> = dates(from, to, Step::Month, usize::MAX);
    if grid.last() != Some(&to) {
        grid.push(to);
    }
    let mut t = build(grid, days, errors);
    t.evaluated = t.evaluated.max(candidates.len());
    t
}

/// Spans from the results on each evaluated day, in date order.
fn build(grid: Vec<Date>, days: Vec<(Date, Failing)>, mut errors: Vec<RuleError>) -> Timeline {
    let evaluated = days.len();
    let mut rows: BTreeMap<(String, String), Row> = BTreeMap::new();
    // (rule, subject) → the index of its open span, and the failure on the day it opened.
    let mut open: BTreeMap<(String, String), (usize, Failure)> = BTreeMap::new();
    for (day, failing) in days {
        // Close what stopped failing, or now fails with another severity or other words.
        let closing: Vec<(String, String)> = open
            .iter()
            .filter(|&(k, (_, first))| failing.get(k) != Some(first))
            .map(|(k, _)| k.clone())
            .collect();
        for key in closing {
            let (i, _) = open.remove(&key).expect("open");
            if let Some(row) = rows.get_mut(&key) {
                row.spans[i].closed = Some(day);
            }
        }
        for (key, failure) in failing {
            if open.contains_key(&key) {
                continue;
            }
            let first = failure.clone();
            let Failure {
                severity,
                message,
                subject_name: name,
                ..
            } = failure;
            let row = rows.entry(key.clone()).or_insert_with(|| Row {
                rule: key.0.clone(),
                subject: key.1.clone(),
                subject_name: name,
                severity,
                spans: Vec::new(),
            });
            row.severity = row.severity.max(severity);
            row.spans.push(Span {
                opened: day,
                closed: None,
                severity,
                message,
            });
            open.insert(key, (row.spans.len() - 1, first));
        }
    }
    let mut rows: Vec<Row> = rows.into_values().collect();
    rows.sort_by(|a, b| {
        (a.spans[0].opened, &a.rule, &a.subject).cmp(&(b.spans[0].opened, &b.rule, &b.subject))
    });
    errors.sort_by(|a, b| (&a.rule, &a.message).cmp(&(&b.rule, &b.message)));
    errors.dedup_by(|a, b| a.rule == b.rule && a.message == b.message);
    Timeline {
        dates: grid,
        evaluated,
        rows,
        errors,
    }
}

#[cfg(test)]
mod tests {
    use super::gist;

    #[test]
    fn the_gist_of_a_finding_leaves_out_its_dates_and_counts() {
        assert_eq!(
            gist("not reviewed in the 12 months to 21 July 2018"),
            gist("not reviewed in the 12 months to 2 August 2019")
        );
        assert_eq!(gist("3 days late"), gist("41 days late"));
        // Other words are other findings; a word that only holds a month's name is kept.
        assert_ne!(
            gist("the register leaves likelihood blank"),
            gist("the register leaves likelihood, controls blank")
        );
        assert_ne!(gist("Mayfield ward"), gist("May ward"));
        assert_eq!(gist("to 21 July 2018;"), "to # M #;");
    }
}
