//! The briefing pack as Markdown, for email and for pasting into a report template. The same
//! sections in the same order as the HTML pack; the structure is listed rather than drawn.

use crate::brief::{checks, refs, refs_list};
use std::fmt::Write;

use scrutineer_graph::Date;

use scrutineer_graph::in_force;
use scrutineer_rules::{Finding, Outcome, Severity};

use crate::ResultSet;
use crate::brief::{Brief, ByPartnership, ScenarioChange, capital, plain, severity_label};

/// Escapes text so that Markdown shows it literally: punctuation that would format is
/// backslashed, and `<`, `>` and `&` become entities so no HTML gets through.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            // With brackets escaped, `(` and `!` cannot start a link or image, so they stay
            // plain and the text stays readable.
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' => out.push(' '),
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Renders the briefing pack as Markdown.
pub fn render_markdown(set: &ResultSet<'_>, extras: &crate::PackExtras<'_>) -> String {
    let by = ByPartnership::new(set, extras);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Community safety partnership briefing, as of {}\n",
        set.as_of.long()
    );
    let _ = writeln!(
        out,
        "A check of each partnership's records against the law and good practice. **Fail** means the records show a requirement is not met; **to request** means the records held cannot settle it.\n"
    );
    let _ = writeln!(
        out,
        "## Summary\n\n| Partnership | Violations | Warnings | For information | To request | Waived |\n| --- | ---: | ---: | ---: | ---: | ---: |"
    );
    for p in &set.partnerships {
        let mine = by.findings(&p.id);
        let n = |o: Outcome, s: Option<Severity>| {
            mine.iter()
                .filter(|f| f.outcome == o && s.is_none_or(|s| f.severity == s))
                .count()
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            escape(&p.name),
            n(Outcome::Fail, Some(Severity::Violation)),
            n(Outcome::Fail, Some(Severity::Warning)),
            n(Outcome::Fail, Some(Severity::Info)),
            n(Outcome::Unknown, None),
            n(Outcome::Waived, None)
        );
    }
    for p in &set.partnerships {
        let mine = by.findings(&p.id);
        let _ = writeln!(out, "\n## {}\n", escape(&p.name));
        let _ = writeln!(
            out,
            "Records: `{}`. Evaluated as of {}.\n",
            p.file.replace('`', "'"),
            set.as_of.long()
        );
        let graph = by.graph(&p.id);
        let brief = Brief::of(set, p, mine, graph);
        match &p.stale_note {
            Some(note) => {
                let _ = writeln!(out, "> **Note:** {}.\n", escape(note));
            }
            None => {
                let _ = writeln!(out, "{}\n", escape(&brief.reach(set.as_of)));
            }
        }
        first_page(&mut out, &brief, set.as_of);
        scenarios(&mut out, set, by.scenarios(&p.id));
        let waived: Vec<&&Finding> = mine
            .iter()
            .filter(|f| f.outcome == Outcome::Waived)
            .collect();
        if !waived.is_empty() {
            let _ = writeln!(out, "\n### Waived by the committee\n");
            for f in waived {
                let _ = writeln!(
                    out,
                    "- {} ({}): {}",
                    escape(&f.message),
                    escape(&f.rule),
                    escape(f.note.as_deref().unwrap_or(""))
                );
            }
        }
        if let Some(g) = graph {
            let d = &g.data;
            let _ = writeln!(out, "\n### Accountability structure\n");
            for grp in d
                .groups
                .iter()
                .filter(|x| in_force(x.from, x.to, set.as_of))
            {
                let members: Vec<String> = d
                    .memberships
                    .iter()
                    .filter(|m| m.group == grp.id && in_force(m.from, m.to, set.as_of))
                    .map(|m| escape(g.node(&m.member).map(|k| g.name_of(k)).unwrap_or(&m.member)))
                    .collect();
                let up: Vec<String> = d
                    .reporting
                    .iter()
                    .filter(|r| r.group == grp.id && in_force(r.from, r.until, set.as_of))
                    .map(|r| escape(g.node(&r.to).map(|k| g.name_of(k)).unwrap_or(&r.to)))
                    .collect();
                let _ = writeln!(
                    out,
                    "- **{}**{}: {}",
                    escape(&grp.name),
                    if up.is_empty() {
                        String::new()
                    } else {
                        format!(", reports to {}", up.join(", "))
                    },
                    if members.is_empty() {
                        "no members recorded".to_string()
                    } else {
                        members.join(", ")
                    }
                );
            }
        }
        appendix(&mut out, set, &brief);
    }
    out
}

/// A link to an http(s) address, with brackets and spaces in it encoded; anything else is
/// shown as text.
fn link(url: &str, text: &str) -> String {
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        return escape(text);
    }
    let mut target = String::new();
    for c in url.chars() {
        match c {
            '(' => target.push_str("%28"),
            ')' => target.push_str("%29"),
            '<' => target.push_str("%3C"),
            '>' => target.push_str("%3E"),
            ' ' => target.push_str("%20"),
            c if c.is_control() => {}
            c => target.push(c),
        }
    }
    format!("[{}]({target})", escape(text))
}

/// What to raise, what is in order, the questions, the requests and the sources: the same
/// first page as the HTML pack.
fn first_page(out: &mut String, brief: &Brief<'_>, as_of: Date) {
    let _ = writeln!(out, "### What to raise\n");
    if brief.findings.is_empty() {
        let _ = writeln!(
            out,
            "The records show no requirement unmet at this severity."
        );
    }
    for k in &brief.findings {
        let f = k.finding;
        let _ = writeln!(
            out,
            "- **{}: {}**  ",
            severity_label(f.severity),
            escape(&k.message)
        );
        if let Some(since) = k.open_since(as_of) {
            let _ = writeln!(out, "  Open {}  ", escape(&since));
        }
        for b in &k.bases {
            let _ = writeln!(
                out,
                "  Why it matters: {}: {} ({}, {})  ",
                escape(&b.title),
                link(&b.url, &b.law),
                escape(&b.rule),
                b.severity.as_str()
            );
        }
        for e in &f.evidence {
            let _ = writeln!(
                out,
                "  Evidence: {}  ",
                escape(e.source.as_deref().unwrap_or("no source recorded"))
            );
        }
        if !k.sources.is_empty() {
            let _ = writeln!(out, "  Sources:{}  ", refs_list(&k.sources));
        }
        if let Some(note) = &f.note {
            let _ = writeln!(out, "  Note: {}  ", escape(note));
        }
        if !f.ask.is_empty() {
            let _ = writeln!(out, "  Ask: “{}”", escape(&plain(&f.ask)));
        }
    }
    let _ = writeln!(out, "\n### What is in order\n");
    if brief.in_order.is_empty() {
        let _ = writeln!(out, "The records show no check met.");
    }
    for a in &brief.in_order {
        let _ = writeln!(
            out,
            "- **{}**: {}.{}",
            escape(&capital(&a.area)),
            escape(&a.summary()),
            refs(&a.sources)
        );
    }
    if !brief.questions.is_empty() {
        let _ = writeln!(out, "\n### Questions for the meeting\n");
        for (n, q) in brief.questions.iter().enumerate() {
            let _ = writeln!(out, "{}. {}", n + 1, escape(q));
        }
    }
    let _ = writeln!(out, "\n### Information to request from officers\n");
    if brief.unknowns.is_empty() {
        let _ = writeln!(out, "None: the records settle every check.");
    }
    if !brief.requests.is_empty() {
        let _ = writeln!(out, "| Ask officers for | Settles |\n| --- | ---: |");
        for r in &brief.requests {
            let _ = writeln!(
                out,
                "| {} | {} |",
                escape(&capital(&r.ask_for)),
                checks(r.checks.len())
            );
        }
    }
    if let Some(line) = brief.other_requests_line() {
        let _ = writeln!(out, "\n{line}");
    }
    if !brief.untouched.is_empty() {
        let _ = writeln!(out, "\nAreas the records do not touch at all:\n");
        for u in &brief.untouched {
            let _ = writeln!(
                out,
                "- No records on {}: ask for {}{} ({}).",
                escape(&u.area),
                escape(&u.ask_for.join("; ")),
                if u.more > 0 {
                    format!("; and {} more in the appendix", u.more)
                } else {
                    String::new()
                },
                checks(u.checks.len())
            );
        }
    }
    if !brief.sources.is_empty() {
        let _ = writeln!(out, "\n### Sources\n");
        for (n, s) in brief.sources.iter().enumerate() {
            let _ = write!(out, "{}. {}", n + 1, escape(&s.title));
            if let Some(d) = &s.date {
                let _ = write!(out, ", {}", escape(d));
            }
            if let Some(u) = &s.url {
                let _ = write!(out, ". {}", link(u, u));
            }
            out.push('\n');
        }
    }
}

/// Every check the records cannot settle, one line each.
fn appendix(out: &mut String, set: &ResultSet<'_>, brief: &Brief<'_>) {
    if brief.unknowns.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "\n### Appendix: every check the records cannot settle\n"
    );
    for f in &brief.unknowns {
        let title = set
            .rules
            .get(f.rule.as_str())
            .map(|r| r.title.as_str())
            .unwrap_or(&f.rule);
        let ask = f
            .request
            .as_deref()
            .map(|r| format!(" Ask for: {}.", escape(r)))
            .unwrap_or_default();
        // What the records do not show first, as in the other packs: the rule's title names
        // the problem it looks for, and heading an unknown with it reads as a charge.
        let _ = writeln!(
            out,
            "- {}.{ask} The check it would settle: “{}” ({}).",
            escape(&capital(&plain(&f.message))),
            escape(title),
            escape(&crate::rule_ids(f))
        );
    }
}

/// What each scenario would change for this partnership.
fn scenarios(out: &mut String, set: &ResultSet<'_>, mine: &[&ScenarioChange<'_>]) {
    if mine.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n### What the scenarios would change");
    for c in mine {
        let _ = writeln!(
            out,
            "\n**{}** ({})  \n{}",
            escape(&c.title),
            escape(&c.file),
            escape(&c.summary())
        );
        for (label, rows) in [
            ("New failure", &c.new),
            ("Failure cleared", &c.resolved),
            ("Check settled", &c.settled),
        ] {
            for f in rows.iter() {
                let title = set
                    .rules
                    .get(f.rule.as_str())
                    .map(|r| r.title.as_str())
                    .unwrap_or("");
                let _ = writeln!(
                    out,
                    "- {label}: {} ({}, {})",
                    escape(&plain(&f.message)),
                    escape(title),
                    escape(&f.rule)
                );
            }
        }
    }
}
