//! The briefing pack as Markdown, for email and for pasting into a report template. Same order
//! as the HTML pack; the structure is listed rather than drawn.

use std::fmt::Write;

use scrutineer_graph::{Graph, in_force};
use scrutineer_rules::{Finding, Outcome, Severity};

use crate::ResultSet;

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
pub fn render_markdown(set: &ResultSet<'_>, graphs: &[&Graph]) -> String {
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
        let mine: Vec<&Finding> = set
            .findings
            .iter()
            .copied()
            .filter(|f| f.partnership == p.id)
            .collect();
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
        let mine: Vec<&Finding> = set
            .findings
            .iter()
            .copied()
            .filter(|f| f.partnership == p.id)
            .collect();
        let _ = writeln!(out, "\n## {}\n", escape(&p.name));
        let _ = writeln!(
            out,
            "Records: `{}`. Evaluated as of {}.\n",
            p.file.replace('`', "'"),
            set.as_of.long()
        );
        if let Some(note) = &p.stale_note {
            let _ = writeln!(out, "> **Note:** {}.\n", escape(note));
        }
        let mut fails: Vec<&&Finding> =
            mine.iter().filter(|f| f.outcome == Outcome::Fail).collect();
        fails.sort_by_key(|f| (std::cmp::Reverse(f.severity), f.rule.clone()));
        let _ = writeln!(out, "### What must be fixed\n");
        if fails.is_empty() {
            let _ = writeln!(out, "No failures at this severity.");
        }
        for f in fails {
            let rule = set.rules.get(f.rule.as_str());
            let _ = writeln!(
                out,
                "- **{}: {}** ({})  \n  {}  ",
                match f.severity {
                    Severity::Violation => "Violation",
                    Severity::Warning => "Warning",
                    Severity::Info => "For information",
                },
                escape(rule.map(|r| r.title.as_str()).unwrap_or(&f.rule)),
                escape(&f.rule),
                escape(&f.message)
            );
            if let Some(r) = rule {
                let _ = writeln!(
                    out,
                    "  Law: {} &lt;{}&gt;  ",
                    escape(&r.basis),
                    escape(&r.url)
                );
            }
            for e in &f.evidence {
                let _ = writeln!(
                    out,
                    "  Evidence: {}  ",
                    escape(e.source.as_deref().unwrap_or("no source recorded"))
                );
            }
            if let Some(note) = &f.note {
                let _ = writeln!(out, "  Note: {}  ", escape(note));
            }
            if rule.is_some() {
                let _ = writeln!(out, "  Ask: “{}”", escape(&f.ask));
            }
        }
        let unknown: Vec<&&Finding> = mine
            .iter()
            .filter(|f| f.outcome == Outcome::Unknown)
            .collect();
        let _ = writeln!(out, "\n### Information to request from officers\n");
        if unknown.is_empty() {
            let _ = writeln!(out, "None: the records settle every check.");
        }
        for f in unknown {
            let ask = f
                .request
                .as_deref()
                .map(|r| format!(" Ask for: {}.", escape(r)))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "- {} ({}).{ask}",
                escape(&f.message),
                escape(&crate::rule_ids(f))
            );
        }
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
        if let Some(g) = graphs.iter().find(|g| g.data.id == p.id) {
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
    }
    out
}
