//! When each failure opened and closed: the pack evaluated at regular dates across a range.

use std::collections::BTreeMap;
use std::sync::Arc;

use scrutineer_graph::{Date, Graph};

use crate::eval::RuleSet;
use crate::outcome::{Outcome, RuleError, Severity};
use crate::rule::Rule;

/// How far apart the evaluation dates are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Day,
    Week,
    Month,
}

impl Step {
    fn next(self, d: Date, start: Date, n: i64) -> Date {
        match self {
            Step::Day => d.add_days(1),
            Step::Week => d.add_days(7),
            // From the start each time, so 31 January steps to 28 February and then 31 March.
            Step::Month => start.add_months(n),
        }
    }
}

/// One period during which a rule failed for a subject.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    /// The first evaluation date on which it failed.
    pub opened: Date,
    /// The first evaluation date after that on which it no longer failed; `None` if it was still
    /// failing on the last date.
    pub closed: Option<Date>,
    /// The message on the day it opened.
    pub message: String,
}

/// The failures of one rule for one subject.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub rule: String,
    pub subject: String,
    pub subject_name: String,
    pub severity: Severity,
    pub spans: Vec<Span>,
}

/// The failures of one partnership across a range of dates.
#[derive(Clone, Debug)]
pub struct Timeline {
    pub dates: Vec<Date>,
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
    // (rule, subject) → the row, keyed to keep a stable order while building.
    let mut rows: BTreeMap<(String, String), Row> = BTreeMap::new();
    let mut open: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut errors = Vec::new();
    for &day in dates {
        let mut eval = set.evaluate(&graphs, day, Some(rules));
        crate::facts::settle(&mut eval, &graphs, day, rules, apply_waivers);
        errors.extend(eval.errors);
        let failing: BTreeMap<(String, String), &crate::outcome::Finding> = eval
            .findings
            .iter()
            .filter(|f| f.outcome == Outcome::Fail)
            .map(|f| ((f.rule.clone(), f.subject.clone()), f))
            .collect();
        // Close what stopped failing.
        let closing: Vec<(String, String)> = open
            .keys()
            .filter(|k| !failing.contains_key(*k))
            .cloned()
            .collect();
        for key in closing {
            let i = open.remove(&key).expect("open");
            if let Some(row) = rows.get_mut(&key) {
                row.spans[i].closed = Some(day);
            }
        }
        // Open what started.
        for (key, f) in failing {
            if open.contains_key(&key) {
                continue;
            }
            let row = rows.entry(key.clone()).or_insert_with(|| Row {
                rule: f.rule.clone(),
                subject: f.subject.clone(),
                subject_name: f.subject_name.clone(),
                severity: f.severity,
                spans: Vec::new(),
            });
            row.spans.push(Span {
                opened: day,
                closed: None,
                message: f.message.clone(),
            });
            open.insert(key, row.spans.len() - 1);
        }
    }
    let mut rows: Vec<Row> = rows.into_values().collect();
    rows.sort_by(|a, b| {
        (a.spans[0].opened, &a.rule, &a.subject).cmp(&(b.spans[0].opened, &b.rule, &b.subject))
    });
    errors.dedup_by(|a, b| a.rule == b.rule && a.message == b.message);
    Timeline {
        dates: dates.to_vec(),
        rows,
        errors,
    }
}
