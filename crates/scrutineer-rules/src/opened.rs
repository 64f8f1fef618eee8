//! When each failure on a day began: the first day of the unbroken run of days, up to that day,
//! on which the same fact failed, as far as the records show. The briefing pack says it beside
//! each finding and draws it as a chart, so a committee sees "open since July 2021", not only
//! "open".
//!
//! It is the exact timeline's reasoning (see [`crate::timeline`]) asked one question: walk back
//! from the day over the days an outcome can change while the fact still fails, then bisect
//! between the last day it did not and the first day it did. Only the rules that report the
//! failing facts are run, so a pack pays for a handful of rules, not the whole pack, on each day.
//!
//! The day is exact only where the day before it shows the fact not failing. Where the records
//! could not tell on the day before (a minute dated only "October 2021 to August 2022" shows a
//! gap for certain only from 31 August 2022), it began on that day or earlier, and says so.
//!
//! Waivers are not applied: a committee's waiver accepts a gap, it does not make it younger. A
//! failure followed by the fact under another severity or in other words (a deadline growing
//! later by the day) is one run, because the gap is the same.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use rayon::prelude::*;
use scrutineer_graph::{Date, Graph};

use crate::eval::RuleSet;
use crate::outcome::{Finding, Outcome, RuleError};
use crate::rule::Rule;
use crate::timeline::change_days;

/// The day a failure began.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Opened {
    pub day: Date,
    /// Set when it began on or before `day`: it already failed on the earliest day looked at,
    /// or on the day before `day` the records could not tell whether it failed.
    pub on_or_before: bool,
    /// Set when `day` is the first day anything in the records is dated, so the records cannot
    /// say how long before. Unset with `on_or_before` set, the search stopped at [`MAX_DAYS`] or
    /// the day before was one the records could not settle.
    pub records_begin: bool,
}

/// The most days a search for when failures opened evaluates for one partnership: the days an
/// outcome can change, from the pack's date back. The bundled partnerships need at most 12
/// on 31 March and 30 September of every year from 2003 to 2026; a file that names thousands of days (300 synthetic partnerships
/// each evaluated on some 3,000 days took 86 s, against 1.6 s for the rest of the pack) gets
/// "on or before" the day the search reached, which is true, rather than the exact day.
pub const MAX_DAYS: usize = 64;

/// The key a failure is followed by from day to day: its fact when the rule names one (so a
/// fact reported first by one rule and later by a more serious one is one run), otherwise its
/// rule and subject.
pub fn fact_key(f: &Finding) -> String {
    match &f.fact {
        Some(fact) => format!("fact {fact}"),
        None => format!("rule {} {}", f.rule, f.subject),
    }
}

/// For each failure of `graph` among `failing` (the findings of an evaluation on `as_of`, after
/// [`crate::facts::settle`]), the day it began, by [`fact_key`]. A failure that the rules
/// reporting it no longer give on `as_of` when run alone is left out rather than guessed.
/// Errors of rules on the days evaluated are returned for the caller to report.
pub fn opened(
    set: &RuleSet,
    graph: &Arc<Graph>,
    as_of: Date,
    failing: &[&Finding],
    rules: &[&Rule],
) -> (BTreeMap<String, Opened>, Vec<RuleError>) {
    let mine: Vec<&Finding> = failing
        .iter()
        .copied()
        .filter(|f| f.outcome == Outcome::Fail && f.partnership == graph.data.id)
        .collect();
    if mine.is_empty() {
        return (BTreeMap::new(), Vec::new());
    }
    let ids: BTreeSet<&str> = mine
        .iter()
        .flat_map(|f| {
            std::iter::once(f.rule.as_str()).chain(f.also.iter().map(|a| a.rule.as_str()))
        })
        .collect();
    let only: Vec<&Rule> = rules
        .iter()
        .copied()
        .filter(|r| ids.contains(r.id.as_str()))
        .collect();
    let first = graph
        .written_dates()
        .iter()
        .map(|w| w.earliest())
        .min()
        .unwrap_or(as_of)
        .min(as_of);
    let graphs = [Arc::clone(graph)];
    let on = |day: Date| failing_on(set, &graphs, day, &only);
    let days = change_days(graph, &only, first, as_of);
    let mut errors: Vec<RuleError> = Vec::new();
    let mut out = BTreeMap::new();
    // Walk back from `as_of` over the candidate days, a batch at a time (each batch evaluated
    // in parallel, each twice as long as the last), and stop as soon as every failure has a day
    // it did not fail: most gaps are young, and a partnership's records can name thousands of
    // days.
    let mut open: BTreeSet<String> = mine.iter().map(|f| fact_key(f)).collect();
    // Each failure's other names, for finding it among the unknowns of an earlier day: one
    // fact may be reported under another while the records cannot settle it (a seat's
    // participation failing, the seat itself unknown).
    let mut aliases: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for f in &mine {
        aliases.entry(fact_key(f)).or_default().extend(names(f));
    }
    let maybe = |found: &Day, key: &str| {
        found.unknown.contains(key)
            || aliases
                .get(key)
                .is_some_and(|a| a.iter().any(|n| found.unknown.contains(n)))
    };
    // The earliest day evaluated so far, on which every key in `open` failed.
    let mut later: Option<Date> = None;
    let mut end = days.len();
    let mut batch = 2 * rayon::current_num_threads().max(1);
    while end > 0 && !open.is_empty() && days.len() - end < MAX_DAYS {
        let start = end
            .saturating_sub(batch)
            .max(days.len().saturating_sub(MAX_DAYS));
        let results: Vec<(Day, Vec<RuleError>)> =
            crate::sandbox::install(|| days[start..end].par_iter().map(|&d| on(d)).collect());
        for (&day, (found, errs)) in days[start..end].iter().zip(results).rev() {
            errors.extend(errs);
            let closed: Vec<String> = open
                .iter()
                .filter(|k| !found.fails.contains(*k))
                .cloned()
                .collect();
            for key in closed {
                open.remove(&key);
                // Not failing on the day itself: a failure on `as_of` the rules, run alone,
                // do not give is left out rather than guessed.
                let Some(hi) = later else { continue };
                // `day` did not fail and `hi` did: the candidates should hold the first day,
                // and this makes sure.
                let (mut lo, mut hi) = (day, hi);
                let mut maybe_before = maybe(&found, &key);
                while lo.days_until(hi) > 1 {
                    let mid = lo.add_days(lo.days_until(hi) / 2);
                    let (at, errs) = on(mid);
                    errors.extend(errs);
                    if at.fails.contains(&key) {
                        hi = mid;
                    } else {
                        lo = mid;
                        maybe_before = maybe(&at, &key);
                    }
                }
                // The day before it failed, the records could not tell: it may have begun
                // earlier (a paper dated only within a range fails from the range's end).
                out.insert(
                    key,
                    Opened {
                        day: hi,
                        on_or_before: maybe_before,
                        records_begin: false,
                    },
                );
            }
            later = Some(day);
            if open.is_empty() {
                break;
            }
        }
        end = start;
        batch *= 2;
    }
    // Still failing on the earliest day looked at: the first day the records name, or the
    // last the search reached.
    if let Some(earliest) = later {
        let records_begin = end == 0;
        for key in open {
            out.insert(
                key,
                Opened {
                    day: earliest,
                    on_or_before: true,
                    records_begin,
                },
            );
        }
    }
    errors.sort_by(|a, b| (&a.rule, &a.message).cmp(&(&b.rule, &b.message)));
    errors.dedup_by(|a, b| a.rule == b.rule && a.message == b.message);
    (out, errors)
}

/// A finding's rule and subject, and those of each rule reporting the same fact with it.
fn names(f: &Finding) -> impl Iterator<Item = String> + '_ {
    std::iter::once(f.rule.as_str())
        .chain(f.also.iter().map(|a| a.rule.as_str()))
        .map(|r| format!("rule {r} {}", f.subject))
}

/// The keys of what fails, and of what the records cannot settle, on one day (the unknowns
/// also under their [`names`]).
struct Day {
    fails: BTreeSet<String>,
    unknown: BTreeSet<String>,
}

/// What fails and what is unknown on `day`, waivers not applied.
fn failing_on(
    set: &RuleSet,
    graphs: &[Arc<Graph>],
    day: Date,
    rules: &[&Rule],
) -> (Day, Vec<RuleError>) {
    let mut eval = set.evaluate(graphs, day, Some(rules));
    crate::facts::settle(&mut eval, graphs, day, rules, false);
    let mut found = Day {
        fails: BTreeSet::new(),
        unknown: BTreeSet::new(),
    };
    for f in &eval.findings {
        match f.outcome {
            Outcome::Fail => found.fails.insert(fact_key(f)),
            Outcome::Unknown => {
                found.unknown.insert(fact_key(f));
                found.unknown.extend(names(f));
                true
            }
            _ => false,
        };
    }
    (found, eval.errors)
}
