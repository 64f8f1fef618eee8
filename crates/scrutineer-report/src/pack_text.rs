//! The briefing pack as plain text, for an email body or a terminal: the same first page as the
//! HTML and Markdown packs, wrapped at [`WIDTH`] columns, with the per-check list as an appendix.

use crate::brief::{checks, refs, refs_list};
use std::fmt::Write;

use scrutineer_graph::Date;
use scrutineer_rules::{Outcome, Severity};

use crate::brief::{Brief, ByPartnership, ScenarioChange, capital, plain, severity_label};
use crate::{ResultSet, WIDTH, wrap_into};

/// The widest the partnership column of the summary table grows.
const NAME_WIDTH: usize = 36;

/// Renders the briefing pack as plain text.
pub fn render_pack_text(set: &ResultSet<'_>, extras: &crate::PackExtras<'_>) -> String {
    let by = ByPartnership::new(set, extras);
    let mut out = String::new();
    let title = format!(
        "Community safety partnership briefing, as of {}",
        set.as_of.long()
    );
    let _ = writeln!(out, "{title}\n{}\n", "=".repeat(title.chars().count()));
    let _ = writeln!(
        out,
        "A check of each partnership's records against the law and good practice.\n\
         Fail: the records show a requirement is not met. To request: the records cannot settle it."
    );
    summary(&mut out, set, &by);
    for p in &set.partnerships {
        let brief = Brief::of(set, p, by.findings(&p.id), by.graph(&p.id));
        let _ = writeln!(
            out,
            "\n{}\n{}",
            p.name,
            "=".repeat(p.name.chars().count().min(WIDTH))
        );
        let _ = writeln!(out, "{} · as of {}", p.file, set.as_of.long());
        match &p.stale_note {
            Some(note) => wrap_into(&mut out, &format!("Note: {note}."), "", WIDTH),
            None => wrap_into(&mut out, &brief.reach(set.as_of), "", WIDTH),
        }
        first_page(&mut out, &brief, set.as_of);
        scenarios(&mut out, set, by.scenarios(&p.id));
        appendix(&mut out, set, &brief);
    }
    out
}

/// The summary table. A long name wraps onto more lines of its column, at spaces, never inside
/// a word.
fn summary(out: &mut String, set: &ResultSet<'_>, by: &ByPartnership<'_>) {
    let heads = ["Violations", "Warnings", "Info", "To request", "Waived"];
    let names: Vec<Vec<String>> = set
        .partnerships
        .iter()
        .map(|p| {
            let mut wrapped = String::new();
            wrap_into(&mut wrapped, &p.name, "", NAME_WIDTH);
            // wrap_into indents continuation lines by two; the table keeps them flush.
            wrapped.lines().map(|l| l.trim().to_string()).collect()
        })
        .collect();
    let width = names
        .iter()
        .flatten()
        .map(|l| l.chars().count())
        .chain(["Partnership".len()])
        .max()
        .unwrap_or(0);
    let _ = write!(out, "\n{:<width$}", "Partnership");
    for h in heads {
        let _ = write!(out, " {h:>10}");
    }
    out.push('\n');
    let _ = writeln!(out, "{}", "-".repeat(width + heads.len() * 11));
    for (p, lines) in set.partnerships.iter().zip(&names) {
        let mine = by.findings(&p.id);
        let n = |o: Outcome, s: Option<Severity>| {
            mine.iter()
                .filter(|f| f.outcome == o && s.is_none_or(|s| f.severity == s))
                .count()
        };
        let counts = [
            n(Outcome::Fail, Some(Severity::Violation)),
            n(Outcome::Fail, Some(Severity::Warning)),
            n(Outcome::Fail, Some(Severity::Info)),
            n(Outcome::Unknown, None),
            n(Outcome::Waived, None),
        ];
        for (i, line) in lines.iter().enumerate() {
            if i == 0 {
                let _ = write!(out, "{line:<width$}");
                for c in counts {
                    let _ = write!(out, " {c:>10}");
                }
            } else {
                out.push_str(line);
            }
            out.push('\n');
        }
    }
}

fn heading(out: &mut String, text: &str) {
    let _ = writeln!(out, "\n{text}\n{}\n", "-".repeat(text.chars().count()));
}

fn first_page(out: &mut String, brief: &Brief<'_>, as_of: Date) {
    heading(out, "What to raise");
    if brief.findings.is_empty() {
        let _ = writeln!(
            out,
            "The records show no requirement unmet at this severity."
        );
    }
    for k in &brief.findings {
        let f = k.finding;
        wrap_into(
            out,
            &format!("✗ {}: {}", severity_label(f.severity), k.message),
            "  ",
            WIDTH,
        );
        if let Some(since) = k.open_since(as_of) {
            wrap_into(out, &format!("open {since}"), "      ", WIDTH);
        }
        for b in &k.bases {
            let line = format!(
                "why it matters: {}: {} <{}> ({}, {})",
                b.title,
                b.law,
                b.url,
                b.rule,
                b.severity.as_str()
            );
            wrap_into(out, &line, "      ", WIDTH);
        }
        for e in &f.evidence {
            let line = format!(
                "evidence: {}",
                e.source.as_deref().unwrap_or("no source recorded")
            );
            wrap_into(out, &line, "      ", WIDTH);
        }
        if !k.sources.is_empty() {
            wrap_into(
                out,
                &format!("sources:{}", refs_list(&k.sources)),
                "      ",
                WIDTH,
            );
        }
        if let Some(note) = &f.note {
            wrap_into(out, &format!("note: {note}"), "      ", WIDTH);
        }
        if !f.ask.is_empty() {
            wrap_into(out, &format!("ask: “{}”", plain(&f.ask)), "      ", WIDTH);
        }
        out.push('\n');
    }
    heading(out, "What is in order");
    if brief.in_order.is_empty() {
        let _ = writeln!(out, "The records show no check met.");
    }
    for a in &brief.in_order {
        let line = format!(
            "✓ {}: {}.{}",
            capital(&a.area),
            a.summary(),
            refs(&a.sources)
        );
        wrap_into(out, &line, "  ", WIDTH);
    }
    if !brief.questions.is_empty() {
        heading(out, "Questions for the meeting");
        for (n, q) in brief.questions.iter().enumerate() {
            wrap_into(out, &format!("{}. {q}", n + 1), "  ", WIDTH);
        }
    }
    heading(out, "Information to request from officers");
    if brief.unknowns.is_empty() {
        let _ = writeln!(out, "None: the records settle every check.");
    }
    for r in &brief.requests {
        let line = format!("? {} ({})", capital(&r.ask_for), checks(r.checks.len()));
        wrap_into(out, &line, "  ", WIDTH);
    }
    if let Some(line) = brief.other_requests_line() {
        wrap_into(out, &line, "  ", WIDTH);
    }
    if !brief.untouched.is_empty() {
        let _ = writeln!(out, "\nAreas the records do not touch at all:\n");
        for u in &brief.untouched {
            let more = if u.more > 0 {
                format!("; and {} more in the appendix", u.more)
            } else {
                String::new()
            };
            let line = format!(
                "? No records on {}: ask for {}{more} ({}).",
                u.area,
                u.ask_for.join("; "),
                checks(u.checks.len())
            );
            wrap_into(out, &line, "  ", WIDTH);
        }
    }
    if !brief.sources.is_empty() {
        heading(out, "Sources");
        for (n, s) in brief.sources.iter().enumerate() {
            let mut line = format!("{}. {}", n + 1, s.title);
            if let Some(d) = &s.date {
                line.push_str(&format!(", {d}"));
            }
            if let Some(u) = &s.url {
                line.push_str(&format!(". <{u}>"));
            }
            wrap_into(out, &line, "  ", WIDTH);
        }
    }
    if !brief.waived.is_empty() {
        heading(out, "Waived by the committee");
        for f in &brief.waived {
            let line = format!(
                "~ {} ({}): {}",
                f.message,
                f.rule,
                f.note.as_deref().unwrap_or("")
            );
            wrap_into(out, &line, "  ", WIDTH);
        }
    }
}

fn appendix(out: &mut String, set: &ResultSet<'_>, brief: &Brief<'_>) {
    if brief.unknowns.is_empty() {
        return;
    }
    heading(out, "Appendix: every check the records cannot settle");
    for f in &brief.unknowns {
        let title = set
            .rules
            .get(f.rule.as_str())
            .map(|r| r.title.as_str())
            .unwrap_or(&f.rule);
        // What the records do not show comes first: the rule's title names the problem it
        // looks for, and heading an unknown with it reads as a charge.
        wrap_into(out, &format!("? {}", plain(&f.message)), "  ", WIDTH);
        if let Some(r) = &f.request {
            wrap_into(out, &format!("ask for: {r}"), "      ", WIDTH);
        }
        wrap_into(
            out,
            &format!(
                "the check it would settle: “{title}” ({})",
                crate::rule_ids(f)
            ),
            "      ",
            WIDTH,
        );
    }
}

/// What each scenario would change for this partnership.
fn scenarios(out: &mut String, set: &ResultSet<'_>, mine: &[&ScenarioChange<'_>]) {
    if mine.is_empty() {
        return;
    }
    heading(out, "What the scenarios would change");
    for c in mine {
        wrap_into(out, &format!("{} ({})", c.title, c.file), "", WIDTH);
        wrap_into(out, &c.summary(), "  ", WIDTH);
        for (mark, rows) in [("+", &c.new), ("-", &c.resolved), ("=", &c.settled)] {
            for f in rows.iter() {
                let title = set
                    .rules
                    .get(f.rule.as_str())
                    .map(|r| r.title.as_str())
                    .unwrap_or("");
                let line = format!("{mark} {} ({title}, {})", plain(&f.message), f.rule);
                wrap_into(out, &line, "  ", WIDTH);
            }
        }
        out.push('\n');
    }
}
