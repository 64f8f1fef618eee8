//! The text output: what a committee officer reads in a terminal or pastes into an email.
//! Grouped by partnership, then by severity; every failure carries its law, its evidence and
//! the question members could ask; unknowns are listed as information to request.

use std::fmt::Write;

use scrutineer_rules::{Finding, Outcome, Severity};

use crate::ResultSet;

pub const WIDTH: usize = 96;

/// Renders the result set as text.
pub fn render_text(set: &ResultSet<'_>) -> String {
    let mut out = render_text_partnerships(set);
    let mut totals = Totals::default();
    totals.add(set);
    out.push_str(&render_text_footer(set, &totals));
    out
}

/// What the summary line counts, added up over the chunks of a streamed run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    pub partnerships: usize,
    pub violations: usize,
    pub warnings: usize,
    pub info: usize,
    pub unknown: usize,
}

impl Totals {
    /// Adds the partnerships and shown findings of `set`.
    pub fn add(&mut self, set: &ResultSet<'_>) {
        self.partnerships += set.partnerships.len();
        for f in &set.findings {
            match (f.outcome, f.severity) {
                (Outcome::Fail, Severity::Violation) => self.violations += 1,
                (Outcome::Fail, Severity::Warning) => self.warnings += 1,
                (Outcome::Fail, Severity::Info) => self.info += 1,
                (Outcome::Unknown, _) => self.unknown += 1,
                _ => {}
            }
        }
    }

    /// Failures of any severity.
    pub fn failures(&self) -> usize {
        self.violations + self.warnings + self.info
    }
}

/// The sections for each partnership in `set`: what a streamed run prints chunk by chunk.
pub fn render_text_partnerships(set: &ResultSet<'_>) -> String {
    let mut out = String::new();
    for p in &set.partnerships {
        let mine: Vec<&Finding> = set
            .findings
            .iter()
            .copied()
            .filter(|f| f.partnership == p.id)
            .collect();
        let count = |o: Outcome| mine.iter().filter(|f| f.outcome == o).count();
        let fails_at = |s: Severity| {
            mine.iter()
                .filter(|f| f.outcome == Outcome::Fail && f.severity == s)
                .count()
        };
        let _ = writeln!(out, "{}", p.name);
        let _ = writeln!(out, "{}", "=".repeat(p.name.chars().count().min(WIDTH)));
        let _ = writeln!(out, "{} · as of {}", p.file, set.as_of.long());
        let _ = writeln!(
            out,
            "{} · {} unknown{}",
            failures_phrase(
                count(Outcome::Fail),
                fails_at(Severity::Violation),
                fails_at(Severity::Warning),
                fails_at(Severity::Info)
            ),
            count(Outcome::Unknown),
            if set.all {
                format!(
                    " · {} passed · {} not applicable",
                    count(Outcome::Pass),
                    count(Outcome::NotApplicable)
                )
            } else {
                String::new()
            }
        );
        if count(Outcome::Waived) > 0 {
            let _ = writeln!(out, "{} waived by the committee", count(Outcome::Waived));
        }
        if let Some(b) = set.baseline {
            let (new, persisting) = b
                .counts(mine.iter().copied())
                .get(&p.id)
                .copied()
                .unwrap_or_default();
            let resolved = b.resolved.iter().filter(|r| r.partnership == p.id).count();
            let _ = writeln!(
                out,
                "Since {} ({}): {new} new, {persisting} persisting, {resolved} resolved",
                b.as_of, b.file
            );
        }
        if let Some(note) = &p.stale_note {
            out.push('\n');
            wrap_into(&mut out, &format!("Note: {note}."), "", WIDTH);
        }
        for (severity, heading) in [
            (Severity::Violation, "Violations"),
            (Severity::Warning, "Warnings"),
            (Severity::Info, "For information"),
        ] {
            let rows: Vec<&&Finding> = mine
                .iter()
                .filter(|f| f.outcome == Outcome::Fail && f.severity == severity)
                .collect();
            if rows.is_empty() {
                continue;
            }
            let _ = writeln!(out, "\n{heading}\n");
            for f in rows {
                failure(&mut out, set, f);
            }
        }
        let waived: Vec<&&Finding> = mine
            .iter()
            .filter(|f| f.outcome == Outcome::Waived)
            .collect();
        if !waived.is_empty() {
            let _ = writeln!(out, "\nWaived by the committee\n");
            for f in waived {
                let _ = writeln!(out, "  ~ {}  {}", f.rule, subject_label(f));
                wrap_into(&mut out, &f.message, "      ", WIDTH);
                if let Some(note) = &f.note {
                    wrap_into(&mut out, note, "      ", WIDTH);
                }
            }
        }
        if let Some(b) = set.baseline {
            let gone: Vec<_> = b
                .resolved
                .iter()
                .filter(|r| r.partnership == p.id)
                .collect();
            if !gone.is_empty() {
                let _ = writeln!(out, "\nResolved since {}\n", b.as_of);
                for r in gone {
                    let name = if r.subject_name.is_empty() {
                        &r.subject
                    } else {
                        &r.subject_name
                    };
                    let _ = writeln!(out, "  ✓ {}  {}", r.rule, name);
                    wrap_into(&mut out, &format!("was: {}", r.message), "      ", WIDTH);
                }
            }
        }
        let unknowns: Vec<&&Finding> = mine
            .iter()
            .filter(|f| f.outcome == Outcome::Unknown)
            .collect();
        if !unknowns.is_empty() {
            let _ = writeln!(out, "\nInformation to request from officers\n");
            for f in unknowns {
                let also: String = f.also.iter().map(|a| format!(", {}", a.rule)).collect();
                let _ = writeln!(out, "  ? {}{also}  {}", f.rule, subject_label(f));
                wrap_into(&mut out, &f.message, "      ", WIDTH);
                if let Some(r) = &f.request {
                    wrap_into(&mut out, &format!("ask for: {r}"), "      ", WIDTH);
                }
            }
        }
        if set.all {
            for (outcome, heading, mark) in [
                (Outcome::Pass, "Passed", "✓"),
                (Outcome::NotApplicable, "Not applicable", "–"),
            ] {
                let rows: Vec<&&Finding> = mine.iter().filter(|f| f.outcome == outcome).collect();
                if rows.is_empty() {
                    continue;
                }
                let _ = writeln!(out, "\n{heading}\n");
                for f in rows {
                    let detail = if f.message.is_empty() {
                        subject_label(f)
                    } else {
                        &f.message
                    };
                    wrap_into(
                        &mut out,
                        &format!("{mark} {}  {detail}", f.rule),
                        "  ",
                        WIDTH,
                    );
                }
            }
        }
        if mine.is_empty() {
            let _ = writeln!(out, "\nNothing to report at this severity.");
        }
        out.push('\n');
    }
    out
}

/// The end of the report: waivers that match nothing, rule errors, and the summary line over
/// `totals`. `set` supplies the waivers and errors (its partnerships are not used).
pub fn render_text_footer(set: &ResultSet<'_>, totals: &Totals) -> String {
    let mut out = String::new();
    if !set.unused_waivers.is_empty() {
        let _ = writeln!(out, "Waivers that match nothing\n");
        for w in &set.unused_waivers {
            let _ = writeln!(
                out,
                "  ! {} waives {} for `{}` until {}",
                w.partnership, w.rule, w.subject, w.expires
            );
            wrap_into(
                &mut out,
                &format!("{}; is it still needed?", w.why),
                "      ",
                WIDTH,
            );
        }
        out.push('\n');
    }
    if !set.errors.is_empty() {
        let _ = writeln!(out, "Rule errors\n");
        for e in &set.errors {
            let _ = writeln!(out, "  ! {}: {}", e.location(), e.message);
            if let Some(p) = &e.partnership {
                let _ = writeln!(
                    out,
                    "      while checking `{p}`; the other rules' results above are complete"
                );
            }
        }
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "Summary: {} partnership{} · {} · {} unknown{}",
        totals.partnerships,
        if totals.partnerships == 1 { "" } else { "s" },
        failures_phrase(
            totals.failures(),
            totals.violations,
            totals.warnings,
            totals.info
        ),
        totals.unknown,
        match set.errors.len() {
            0 => String::new(),
            1 => " · 1 rule error".to_string(),
            n => format!(" · {n} rule errors"),
        }
    );
    out
}

/// The subject as a heading: its name, or "the partnership" for findings about the whole.
pub(crate) fn subject_label(f: &Finding) -> &str {
    if f.subject == f.partnership {
        "the partnership"
    } else {
        &f.subject_name
    }
}

fn failures_phrase(total: usize, violations: usize, warnings: usize, info: usize) -> String {
    if total == 0 {
        return "no failures".to_string();
    }
    let mut parts = Vec::new();
    for (n, one, many) in [
        (violations, "violation", "violations"),
        (warnings, "warning", "warnings"),
        (info, "for information", "for information"),
    ] {
        if n > 0 {
            parts.push(format!("{n} {}", if n == 1 { one } else { many }));
        }
    }
    format!(
        "{total} failure{} ({})",
        if total == 1 { "" } else { "s" },
        parts.join(", ")
    )
}

fn failure(out: &mut String, set: &ResultSet<'_>, f: &Finding) {
    let rule = set.rules.get(f.rule.as_str());
    let title = rule.map(|r| r.title.as_str()).unwrap_or("");
    let change = match set.baseline.and_then(|b| b.change(f)) {
        Some(c) => format!("  [{}]", c.as_str()),
        None => String::new(),
    };
    let _ = writeln!(out, "  ✗ {}  {}{change}", f.rule, title);
    wrap_into(out, &f.message, "      ", WIDTH);
    if let Some(note) = &f.note {
        wrap_into(out, &format!("note: {note}"), "      ", WIDTH);
    }
    if let Some(r) = rule {
        wrap_into(
            out,
            &format!("law: {} <{}>", r.basis, r.url),
            "      ",
            WIDTH,
        );
    }
    for a in &f.also {
        let basis = set
            .rules
            .get(a.rule.as_str())
            .map(|r| format!(": {}", r.basis))
            .unwrap_or_default();
        wrap_into(
            out,
            &format!("also {} ({}){basis}", a.rule, a.severity),
            "      ",
            WIDTH,
        );
    }
    for e in &f.evidence {
        let line = match &e.source {
            Some(s) => format!("evidence: {} — {s}", e.node),
            None => format!("evidence: {} (no source recorded)", e.node),
        };
        wrap_into(out, &line, "      ", WIDTH);
    }
    if rule.is_some() {
        wrap_into(out, &format!("ask: “{}”", f.ask), "      ", WIDTH);
    }
    out.push('\n');
}

/// Appends `text` wrapped at `width`, each line prefixed by `indent`; continuation lines are
/// indented two more spaces so a wrapped entry reads as one.
pub fn wrap_into(out: &mut String, text: &str, indent: &str, width: usize) {
    let mut line = String::new();
    let mut first = true;
    for word in text.split_whitespace() {
        let prefix_len = indent.chars().count() + if first { 0 } else { 2 };
        if !line.is_empty() && prefix_len + line.chars().count() + 1 + word.chars().count() > width
        {
            out.push_str(indent);
            if !first {
                out.push_str("  ");
            }
            out.push_str(&line);
            out.push('\n');
            line.clear();
            first = false;
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        out.push_str(indent);
        if !first {
            out.push_str("  ");
        }
        out.push_str(&line);
        out.push('\n');
    }
}

/// The text reporter: each partnership's section as it is checked, then the footer with the
/// summary line counted over the whole run. It keeps only the counts, so a long run's memory
/// stays flat.
#[derive(Default)]
pub(crate) struct TextReporter {
    totals: Totals,
}

impl crate::Reporter for TextReporter {
    fn partnerships(&mut self, chunk: &crate::Chunk<'_>) -> String {
        self.totals.add(&chunk.set);
        render_text_partnerships(&chunk.set)
    }

    fn finish(&mut self, end: &ResultSet<'_>) -> String {
        render_text_footer(end, &self.totals)
    }
}
