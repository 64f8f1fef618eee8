//! Timeline output: when each failure opened and closed, as a text Gantt chart or as JSON.

use std::fmt::Write;

use scrutineer_rules::timeline::Timeline;
use serde::Serialize;

use crate::PartnershipInfo;
use crate::text::{WIDTH, wrap_into};

/// The widest chart drawn; longer ranges are sampled to fit.
const CHART: usize = 60;

/// Renders a timeline as a text Gantt chart: one row per rule and subject, one column per
/// evaluation date (sampled to fit), `█` where it failed.
pub fn render_timeline_text(p: &PartnershipInfo, t: &Timeline, step: &str) -> String {
    let mut out = String::new();
    let (Some(first), Some(last)) = (t.dates.first(), t.dates.last()) else {
        return "No dates in the range.\n".to_string();
    };
    let _ = writeln!(out, "Timeline: {}", p.name);
    let _ = writeln!(
        out,
        "{} · {step} from {} to {} ({} days evaluated)",
        p.file,
        first.long(),
        last.long(),
        t.evaluated
    );
    if t.rows.is_empty() {
        let _ = writeln!(out, "\nNo failures on any date.");
        return out;
    }
    // Columns: every date, or an even sample of them.
    let every = t.dates.len().div_ceil(CHART).max(1);
    let columns: Vec<usize> = (0..t.dates.len()).step_by(every).collect();
    let label = 44;
    // The scale: a year label where the year changes.
    let mut scale = String::new();
    let mut year = None;
    for &i in &columns {
        let y = t.dates[i].iso()[..4].to_string();
        if year.as_ref() != Some(&y) && scale.chars().count() + 4 <= columns.len() {
            scale.push_str(&y);
            year = Some(y);
        } else if scale.chars().count() < columns.iter().position(|&c| c == i).unwrap_or(0) + 1 {
            scale.push(' ');
        }
    }
    let _ = writeln!(out, "\n{:label$}{scale}", "");
    for row in &t.rows {
        let mut bar = String::new();
        for (n, &i) in columns.iter().enumerate() {
            // A column covers its date up to the next column's: a span shows if it overlaps.
            let (d, next) = (t.dates[i], columns.get(n + 1).map(|&j| t.dates[j]));
            let failing = row
                .spans
                .iter()
                .any(|s| next.is_none_or(|e| s.opened < e) && s.closed.is_none_or(|c| d < c));
            bar.push(if failing { '█' } else { '·' });
        }
        let name: String = format!("{}  {}", row.rule, row.subject_name)
            .chars()
            .take(label - 2)
            .collect();
        let _ = writeln!(out, "{name:label$}{bar}");
        for s in &row.spans {
            let closed = match s.closed {
                Some(c) => format!("closed {}", c.long()),
                None => "still open".to_string(),
            };
            wrap_into(
                &mut out,
                &format!("opened {}, {closed}: {}", s.opened.long(), s.message),
                "    ",
                WIDTH,
            );
        }
    }
    if every > 1 {
        let unit = if matches!(step, "exact" | "monthly") {
            "months"
        } else {
            "dates"
        };
        let _ = writeln!(out, "\nEach column is {every} {unit}.");
    }
    out
}

#[derive(Serialize)]
struct Json<'a> {
    partnership: &'a str,
    step: &'a str,
    /// The chart's dates (for the exact timeline, the first of each month).
    dates: Vec<String>,
    /// How many days were evaluated.
    evaluated: usize,
    rows: Vec<RowJson<'a>>,
    errors: Vec<String>,
}

#[derive(Serialize)]
struct RowJson<'a> {
    rule: &'a str,
    subject: &'a str,
    subject_name: &'a str,
    severity: &'a str,
    spans: Vec<SpanJson<'a>>,
}

#[derive(Serialize)]
struct SpanJson<'a> {
    opened: String,
    closed: Option<String>,
    severity: &'a str,
    message: &'a str,
}

/// Renders a timeline as JSON: the dates evaluated and, per rule and subject, each span of
/// failure with the date it opened and the date it closed (`null` if still open).
pub fn render_timeline_json(p: &PartnershipInfo, t: &Timeline, step: &str) -> String {
    let json = Json {
        partnership: &p.id,
        step,
        dates: t.dates.iter().map(|d| d.iso()).collect(),
        evaluated: t.evaluated,
        rows: t
            .rows
            .iter()
            .map(|r| RowJson {
                rule: &r.rule,
                subject: &r.subject,
                subject_name: &r.subject_name,
                severity: r.severity.as_str(),
                spans: r
                    .spans
                    .iter()
                    .map(|s| SpanJson {
                        opened: s.opened.iso(),
                        closed: s.closed.map(|c| c.iso()),
                        severity: s.severity.as_str(),
                        message: &s.message,
                    })
                    .collect(),
            })
            .collect(),
        errors: t.errors.iter().map(|e| e.to_string()).collect(),
    };
    let mut s = serde_json::to_string_pretty(&json).expect("plain data always serialises");
    s.push('\n');
    s
}
