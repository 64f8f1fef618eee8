//! What-if output: before and after a scenario, and the difference; for a sweep, a matrix of
//! variant against rule.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write;

use scrutineer_graph::Date;
use scrutineer_rules::{Finding, Outcome, Rule};
use serde::Serialize;

use crate::PartnershipInfo;
use crate::json::{Result as JsonResult, result};
use crate::text::{WIDTH, subject_label, wrap_into};

/// The results of one variant of a scenario.
pub struct VariantResult<'a> {
    pub name: String,
    /// What is shown after the scenario (failures and unknowns, or everything with `all`).
    pub after: Vec<&'a Finding>,
    pub new: Vec<&'a Finding>,
    pub resolved: Vec<&'a Finding>,
    pub settled: Vec<&'a Finding>,
}

/// A what-if run, ready to render.
pub struct WhatIf<'a> {
    pub as_of: Date,
    pub title: String,
    pub file: String,
    pub partnership: PartnershipInfo,
    pub rules: HashMap<&'a str, &'a Rule>,
    /// What is shown before the scenario.
    pub before: Vec<&'a Finding>,
    pub variants: Vec<VariantResult<'a>>,
    pub sweep: bool,
}

fn counts(findings: &[&Finding]) -> (usize, usize) {
    (
        findings
            .iter()
            .filter(|f| f.outcome == Outcome::Fail)
            .count(),
        findings
            .iter()
            .filter(|f| f.outcome == Outcome::Unknown)
            .count(),
    )
}

fn list(out: &mut String, heading: &str, rows: &[&Finding], mark: &str, prefix: &str) {
    let _ = writeln!(out, "\n{heading} ({})", rows.len());
    if !rows.is_empty() {
        out.push('\n');
    }
    for f in rows {
        let _ = writeln!(out, "  {mark} {}  {}", f.rule, subject_label(f));
        wrap_into(out, &format!("{prefix}{}", f.message), "      ", WIDTH);
    }
}

/// Renders a what-if run as text.
pub fn render_whatif_text(w: &WhatIf<'_>) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "What if: {}", w.title);
    let _ = writeln!(
        out,
        "{} on {} · as of {}",
        w.file,
        w.partnership.file,
        w.as_of.long()
    );
    let (bf, bu) = counts(&w.before);
    if !w.sweep {
        let v = &w.variants[0];
        let (af, au) = counts(&v.after);
        let _ = writeln!(out, "\nBefore: {} · {bu} unknown", failures(bf));
        let _ = writeln!(out, "After:  {} · {au} unknown", failures(af));
        list(&mut out, "Failures it brings", &v.new, "✗", "");
        list(&mut out, "Failures it clears", &v.resolved, "✓", "was: ");
        list(&mut out, "Unknowns it settles", &v.settled, "=", "now: ");
        return out;
    }
    let _ = writeln!(
        out,
        "\nBefore: {} · {bu} unknown · {} variants\n",
        failures(bf),
        w.variants.len()
    );
    // Rules whose failure count differs in some variant from before.
    let per_rule = |set: &[&Finding]| -> BTreeMap<String, usize> {
        let mut m = BTreeMap::new();
        for f in set.iter().filter(|f| f.outcome == Outcome::Fail) {
            *m.entry(f.rule.clone()).or_insert(0) += 1;
        }
        m
    };
    let before = per_rule(&w.before);
    let after: Vec<BTreeMap<String, usize>> =
        w.variants.iter().map(|v| per_rule(&v.after)).collect();
    let changing: BTreeSet<String> = after
        .iter()
        .flat_map(|m| m.keys().chain(before.keys()))
        .filter(|r| after.iter().any(|m| m.get(*r) != before.get(*r)))
        .cloned()
        .collect();
    if changing.is_empty() {
        let _ = writeln!(out, "No variant changes any failure.");
        return out;
    }
    // One column per variant: its name when they all fit, else its number with a legend.
    let names: Vec<String> = w.variants.iter().map(|v| v.name.clone()).collect();
    let label_width = changing.iter().map(|r| r.len()).max().unwrap_or(4).max(7) + 2;
    let fits = names
        .iter()
        .map(|n| n.chars().count().max(3) + 1)
        .sum::<usize>()
        + label_width
        + 7
        <= WIDTH + 40;
    let headers: Vec<String> = if fits {
        names.clone()
    } else {
        (1..=names.len()).map(|i| i.to_string()).collect()
    };
    let widths: Vec<usize> = headers.iter().map(|h| h.chars().count().max(3)).collect();
    let _ = write!(out, "{:<label_width$}{:>6} ", "rule", "before");
    for (h, wd) in headers.iter().zip(&widths) {
        let _ = write!(out, " {h:>wd$}");
    }
    out.push('\n');
    for rule in &changing {
        let _ = write!(
            out,
            "{:<label_width$}{:>6} ",
            rule,
            cell(before.get(rule).copied())
        );
        for (m, wd) in after.iter().zip(&widths) {
            let _ = write!(out, " {:>wd$}", cell(m.get(rule).copied()));
        }
        out.push('\n');
    }
    let _ = write!(out, "{:<label_width$}{:>6} ", "failures", bf);
    for (v, wd) in w.variants.iter().zip(&widths) {
        let _ = write!(out, " {:>wd$}", counts(&v.after).0);
    }
    out.push('\n');
    if !fits {
        let _ = writeln!(out, "\nVariants:");
        for (i, n) in names.iter().enumerate() {
            let _ = writeln!(out, "  {:>3}  {n}", i + 1);
        }
    }
    let _ = writeln!(
        out,
        "\nEach cell is the number of failures of that rule; · is none."
    );
    out
}

fn cell(n: Option<usize>) -> String {
    match n {
        None | Some(0) => "·".to_string(),
        Some(n) => n.to_string(),
    }
}

#[derive(Serialize)]
struct ScenarioJson<'a> {
    title: &'a str,
    file: &'a str,
}

#[derive(Serialize)]
struct Single<'a> {
    as_of: String,
    scenario: ScenarioJson<'a>,
    partnership: &'a str,
    before: Vec<JsonResult<'a>>,
    after: Vec<JsonResult<'a>>,
    new: Vec<JsonResult<'a>>,
    resolved: Vec<JsonResult<'a>>,
    settled: Vec<JsonResult<'a>>,
}

#[derive(Serialize)]
struct SweepVariant<'a> {
    name: &'a str,
    failures: usize,
    unknown: usize,
    new: Vec<JsonResult<'a>>,
    resolved: Vec<JsonResult<'a>>,
    settled: Vec<JsonResult<'a>>,
}

#[derive(Serialize)]
struct Sweep<'a> {
    as_of: String,
    scenario: ScenarioJson<'a>,
    partnership: &'a str,
    before: Vec<JsonResult<'a>>,
    variants: Vec<SweepVariant<'a>>,
}

/// Renders a what-if run as JSON: `before`, `after`, `new`, `resolved` and `settled` for one
/// scenario; for a sweep, `variants` each with its `new`, `resolved` and `settled`.
pub fn render_whatif_json<'a>(w: &WhatIf<'a>) -> String {
    let all = |set: &[&'a Finding]| -> Vec<JsonResult<'a>> {
        set.iter().map(|f| result(f, &w.rules, None)).collect()
    };
    let scenario = ScenarioJson {
        title: &w.title,
        file: &w.file,
    };
    let text = if w.sweep {
        serde_json::to_string_pretty(&Sweep {
            as_of: w.as_of.iso(),
            scenario,
            partnership: &w.partnership.id,
            before: all(&w.before),
            variants: w
                .variants
                .iter()
                .map(|v| {
                    let (failures, unknown) = counts(&v.after);
                    SweepVariant {
                        name: &v.name,
                        failures,
                        unknown,
                        new: all(&v.new),
                        resolved: all(&v.resolved),
                        settled: all(&v.settled),
                    }
                })
                .collect(),
        })
    } else {
        let v = &w.variants[0];
        serde_json::to_string_pretty(&Single {
            as_of: w.as_of.iso(),
            scenario,
            partnership: &w.partnership.id,
            before: all(&w.before),
            after: all(&v.after),
            new: all(&v.new),
            resolved: all(&v.resolved),
            settled: all(&v.settled),
        })
    };
    let mut s = text.expect("plain data always serialises");
    s.push('\n');
    s
}

/// "1 failure", "2 failures".
fn failures(n: usize) -> String {
    if n == 1 {
        "1 failure".to_string()
    } else {
        format!("{n} failures")
    }
}
