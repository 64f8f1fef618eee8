//! The briefing pack: one self-contained HTML file for a crime and disorder committee's agenda.
//!
//! It has no external references (no fonts, scripts or images from anywhere) and no script at
//! all, so it reads the same offline, in any browser, and printed. Every piece of text from the
//! data goes through [`escape`]. The order follows what a member needs (see [`crate::brief`]): a
//! summary, then for each partnership what to raise, what is in order, the questions, what to
//! ask officers for, the sources, what the committee has waived, what any scenario would change,
//! the structure as a picture, (with a date range) the timeline, and last the appendix of every
//! check the records cannot settle.

use crate::brief::checks;
use std::fmt::Write;

use scrutineer_graph::Graph;
use scrutineer_rules::timeline::Timeline;
use scrutineer_rules::{Finding, Outcome, Severity};

use crate::ResultSet;
use crate::brief::{Brief, ByPartnership, ScenarioChange, capital, plain, severity_label};
use crate::structure::Structure;

/// Escapes text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters have no business in a report; show where one was.
            c if c.is_control() && c != '\n' && c != '\t' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// A link only for http(s) addresses; anything else is shown as text.
fn link(url: &str, text: &str) -> String {
    if url.starts_with("https://") || url.starts_with("http://") {
        format!("<a href=\"{}\">{}</a>", escape(url), escape(text))
    } else {
        escape(text)
    }
}

const STYLE: &str = r#"
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: #1a1a1a; background: #ffffff; line-height: 1.5; margin: 0 auto; max-width: 60rem; padding: 1.5rem; }
h1 { font-size: 1.7rem; margin: 0 0 .25rem; }
h2 { font-size: 1.4rem; border-bottom: 2px solid #1a1a1a; padding-bottom: .2rem; margin-top: 2.5rem; }
h3 { font-size: 1.15rem; margin-top: 1.8rem; }
h4 { font-size: 1rem; margin: 0 0 .3rem; }
a { color: #0b4fb3; }
.meta, .muted { color: #4a4a4a; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; margin: .5rem 0 1rem; }
th, td { border: 1px solid #8a8a8a; padding: .3rem .45rem; text-align: left; vertical-align: top; overflow-wrap: break-word; }
table.summary { table-layout: auto; }
table.summary td.num, table.summary th.num { width: auto; }
th { background: #eeeeee; }
td.num, th.num { text-align: right; width: 6.5rem; }
.finding { border: 1px solid #8a8a8a; border-left-width: .5rem; padding: .6rem .8rem; margin: .8rem 0; break-inside: avoid; }
.finding.violation { border-left-color: #b00020; }
.finding.warning { border-left-color: #8a5a00; }
.finding.info { border-left-color: #1d4e89; }
.badge { display: inline-block; font-size: .8rem; font-weight: 700; padding: .05rem .45rem; border-radius: .2rem; margin-right: .4rem; text-transform: uppercase; letter-spacing: .03em; }
.badge.violation { background: #b00020; color: #ffffff; }
.badge.warning { background: #ffe08a; color: #1a1a1a; border: 1px solid #8a5a00; }
.badge.info { background: #1d4e89; color: #ffffff; }
.badge.new { background: #1a1a1a; color: #ffffff; }
dl { display: grid; grid-template-columns: 8.5rem 1fr; gap: .2rem .8rem; margin: .4rem 0 0; }
dt { font-weight: 700; }
dd { margin: 0; }
dd ul { margin: 0; padding-left: 1.1rem; }
.note { background: #fff7d6; border: 1px solid #8a5a00; padding: .5rem .8rem; }
figure { margin: 1rem 0; border: 1px solid #8a8a8a; padding: .5rem; break-inside: avoid; }
figcaption { font-size: .9rem; color: #4a4a4a; margin-top: .4rem; }
.print-url { display: none; }
@media print {
  @page { size: A4; margin: 15mm; }
  body { max-width: none; padding: 0; font-size: 10pt; line-height: 1.35; }
  h1 { font-size: 16pt; }
  h2 { font-size: 14pt; margin-top: 1.2rem; }
  h3 { font-size: 12pt; margin-top: 1rem; }
  table { margin: .3rem 0 .6rem; }
  th, td { padding: .15rem .35rem; }
  section.partnership ~ section.partnership, section.appendix { break-before: page; }
  figure svg { max-height: 105mm; width: auto; max-width: 100%; }
  h2, h3, h4 { break-after: avoid; }
  tr, .finding, figure { break-inside: avoid; }
  a { color: #1a1a1a; text-decoration: none; }
  .print-url { display: inline; font-size: 9pt; overflow-wrap: anywhere; }
}
"#;

/// What the pack shows besides the results: each partnership's graph (for its picture) and,
/// when a date range was given, its timeline.
pub struct PackExtras<'a> {
    pub graphs: Vec<&'a Graph>,
    pub timelines: Vec<Option<Timeline>>,
    /// The tool's name and version, for the footer.
    pub generator: String,
    /// What each scenario given would change, for each partnership.
    pub scenarios: Vec<crate::brief::ScenarioChange<'a>>,
}

/// Renders the briefing pack.
pub fn render_html(set: &ResultSet<'_>, extras: &PackExtras<'_>) -> String {
    let mut out = String::new();
    let title = format!(
        "Community safety partnership briefing, as of {}",
        set.as_of.long()
    );
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        escape(&title)
    );
    let _ = writeln!(out, "<header>\n<h1>{}</h1>", escape(&title));
    let _ = writeln!(
        out,
        "<p class=\"meta\">A check of each partnership's records against the law and good practice, for the crime and disorder committee. \
         <strong>Fail</strong> means the records show a requirement is not met; <strong>information to request</strong> means the records held cannot settle it.</p>\n</header>\n<main>"
    );
    let by = ByPartnership::new(set, extras);
    summary(&mut out, set, &by);
    for (i, p) in set.partnerships.iter().enumerate() {
        let mine = by.findings(&p.id);
        let _ = writeln!(
            out,
            "<section class=\"partnership\" aria-labelledby=\"p-{i}\">"
        );
        let _ = writeln!(out, "<h2 id=\"p-{i}\">{}</h2>", escape(&p.name));
        let _ = writeln!(
            out,
            "<p class=\"meta\">Records: <code>{}</code>{}. Evaluated as of {}.</p>",
            escape(&p.file),
            crate::newest_words(p.newest_certain, p.newest_record)
                .map(|w| format!("; newest document dated {w}"))
                .unwrap_or_default(),
            set.as_of.long()
        );
        let graph = by.graph(&p.id);
        let brief = Brief::of(set, p, mine, graph);
        match &p.stale_note {
            Some(note) => {
                let _ = writeln!(
                    out,
                    "<p class=\"note\"><strong>Note:</strong> {}.</p>",
                    escape(note)
                );
            }
            None => {
                let _ = writeln!(
                    out,
                    "<p class=\"meta\">{}</p>",
                    escape(&brief.reach(set.as_of))
                );
            }
        }
        raise(&mut out, &brief, i, set);
        in_order(&mut out, &brief, i);
        questions(&mut out, &brief);
        requests(&mut out, &brief);
        sources(&mut out, &brief, i);
        waived(&mut out, mine);
        scenarios(&mut out, set, by.scenarios(&p.id));
        if let Some(g) = graph {
            let s = Structure::build(g, set.as_of, mine);
            let _ = writeln!(
                out,
                "<h3>Accountability structure</h3>\n<figure>\n{}",
                s.to_svg()
            );
            let _ = writeln!(
                out,
                "<figcaption>{} The picture carries its own key: parts behind a finding are hatched, with a dashed border and ⚠.</figcaption>\n</figure>",
                escape(&s.description())
            );
        }
        opened(&mut out, &brief, set);
        if let Some(Some(t)) = extras.timelines.get(i) {
            timeline(&mut out, t, i);
        }
        appendix(&mut out, set, &brief);
        let _ = writeln!(out, "</section>");
    }
    let _ = writeln!(
        out,
        "</main>\n<footer><p class=\"muted\">Produced by {} as of {}. Rules, laws and questions are explained by <code>scrutineer explain RULE-ID</code>.</p></footer>\n</body>\n</html>",
        escape(&extras.generator),
        set.as_of.long()
    );
    out
}

fn count(findings: &[&Finding], outcome: Outcome, severity: Option<Severity>) -> usize {
    findings
        .iter()
        .filter(|f| f.outcome == outcome && severity.is_none_or(|s| f.severity == s))
        .count()
}

fn summary(out: &mut String, set: &ResultSet<'_>, by: &ByPartnership<'_>) {
    let _ = writeln!(
        out,
        "<section aria-labelledby=\"summary\">\n<h2 id=\"summary\">Summary</h2>"
    );
    let _ = writeln!(
        out,
        "<table class=\"summary\">\n<caption class=\"muted\">Failures by severity, points the records cannot settle, and failures the committee has waived.</caption>\n<thead><tr><th scope=\"col\">Partnership</th><th scope=\"col\" class=\"num\">Violations</th><th scope=\"col\" class=\"num\">Warnings</th><th scope=\"col\" class=\"num\"><abbr title=\"For information\">Info</abbr></th><th scope=\"col\" class=\"num\">To request</th><th scope=\"col\" class=\"num\">Waived</th>{}</tr></thead>\n<tbody>",
        if set.baseline.is_some() {
            "<th scope=\"col\" class=\"num\">New since baseline</th>"
        } else {
            ""
        }
    );
    for (i, p) in set.partnerships.iter().enumerate() {
        let mine = by.findings(&p.id);
        let _ = write!(
            out,
            "<tr data-partnership=\"{}\"><th scope=\"row\"><a href=\"#p-{i}\">{}</a></th><td class=\"num\" data-count=\"violation\">{}</td><td class=\"num\" data-count=\"warning\">{}</td><td class=\"num\" data-count=\"info\">{}</td><td class=\"num\" data-count=\"unknown\">{}</td><td class=\"num\" data-count=\"waived\">{}</td>",
            escape(&p.id),
            escape(&p.name),
            count(mine, Outcome::Fail, Some(Severity::Violation)),
            count(mine, Outcome::Fail, Some(Severity::Warning)),
            count(mine, Outcome::Fail, Some(Severity::Info)),
            count(mine, Outcome::Unknown, None),
            count(mine, Outcome::Waived, None),
        );
        if let Some(b) = set.baseline {
            let (new, _) = b
                .counts(mine.iter().copied())
                .get(&p.id)
                .copied()
                .unwrap_or_default();
            let resolved = by.resolved(&p.id);
            let _ = write!(
                out,
                "<td class=\"num\" data-count=\"new\">{new} new, {resolved} resolved</td>"
            );
        }
        let _ = writeln!(out, "</tr>");
    }
    let _ = writeln!(out, "</tbody>\n</table>");
    if let Some(b) = set.baseline {
        let _ = writeln!(
            out,
            "<p class=\"muted\">Compared with the results as of {} (<code>{}</code>).</p>",
            escape(&b.as_of),
            escape(&b.file)
        );
    }
    let _ = writeln!(out, "</section>");
}

/// Source numbers as links to the list of sources: `[1, 3]`.
fn refs(numbers: &[usize], i: usize) -> String {
    if numbers.is_empty() {
        return String::new();
    }
    let links: Vec<String> = numbers
        .iter()
        .map(|n| format!("<a href=\"#src-{i}-{n}\">{n}</a>"))
        .collect();
    format!(
        " <span class=\"refs\">(source{} {})</span>",
        if numbers.len() == 1 { "" } else { "s" },
        links.join(", ")
    )
}

/// The failures that matter, most serious first: one per fact, with each basis.
fn raise(out: &mut String, brief: &Brief<'_>, i: usize, set: &ResultSet<'_>) {
    let _ = writeln!(out, "<h3>What to raise</h3>");
    if brief.findings.is_empty() {
        let _ = writeln!(
            out,
            "<p>The records show no requirement unmet at this severity.</p>"
        );
        return;
    }
    for k in &brief.findings {
        let f = k.finding;
        let sev = f.severity.as_str();
        let change = match set.baseline.and_then(|b| b.change(f)) {
            Some(crate::Change::New) => "<span class=\"badge new\">New</span>",
            _ => "",
        };
        let _ = writeln!(
            out,
            "<article class=\"finding {sev}\" data-rule=\"{}\" data-subject=\"{}\">\n<h4><span class=\"badge {sev}\">{}</span>{change}{}</h4>\n<dl>",
            escape(&f.rule),
            escape(&f.subject),
            severity_label(f.severity),
            escape(&k.message),
        );
        if let Some(since) = k.open_since(set.as_of) {
            let _ = writeln!(out, "<dt>Open</dt><dd>{}</dd>", escape(&capital(&since)));
        }
        let _ = write!(out, "<dt>Why it matters</dt><dd><ul>");
        for b in &k.bases {
            let _ = write!(
                out,
                "<li>{}: {} <span class=\"print-url\">({})</span> <span class=\"muted\">(<code>{}</code>, {})</span></li>",
                escape(&b.title),
                link(&b.url, &b.law),
                escape(&b.url),
                escape(&b.rule),
                b.severity.as_str()
            );
        }
        let _ = writeln!(out, "</ul></dd>");
        if !f.evidence.is_empty() {
            let _ = write!(out, "<dt>Evidence</dt><dd><ul>");
            for e in &f.evidence {
                let _ = write!(
                    out,
                    "<li>{}</li>",
                    escape(&match &e.source {
                        Some(s) => s.clone(),
                        None => format!("{} (no source recorded)", e.node),
                    })
                );
            }
            let _ = writeln!(out, "</ul>{}</dd>", refs(&k.sources, i));
        }
        if let Some(note) = &f.note {
            let _ = writeln!(out, "<dt>Note</dt><dd>{}</dd>", escape(note));
        }
        if set.rules.contains_key(f.rule.as_str()) {
            let _ = writeln!(
                out,
                "<dt>Question to ask</dt><dd>“{}”</dd>",
                escape(&plain(&f.ask))
            );
        }
        let _ = writeln!(out, "</dl>\n</article>");
    }
}

/// The chart of when each finding opened, under the structure: how long each gap has been so.
fn opened(out: &mut String, brief: &Brief<'_>, set: &ResultSet<'_>) {
    let Some(chart) = brief.opened_chart(set.as_of) else {
        return;
    };
    let _ = writeln!(
        out,
        "<h3>How long each finding has been open</h3>\n<figure>\n{chart}</figure>"
    );
}

/// What is in order, by area, from the passes.
fn in_order(out: &mut String, brief: &Brief<'_>, i: usize) {
    let _ = writeln!(out, "<h3>What is in order</h3>");
    if brief.in_order.is_empty() {
        let _ = writeln!(out, "<p>The records show no check met.</p>");
        return;
    }
    let _ = writeln!(out, "<ul class=\"in-order\">");
    for a in &brief.in_order {
        let _ = writeln!(
            out,
            "<li><strong>{}</strong>: {}.{}</li>",
            escape(&capital(&a.area)),
            escape(&a.summary()),
            refs(&a.sources, i)
        );
    }
    let _ = writeln!(out, "</ul>");
}

fn questions(out: &mut String, brief: &Brief<'_>) {
    if brief.questions.is_empty() {
        return;
    }
    let _ = writeln!(out, "<h3>Questions for the meeting</h3>\n<ol>");
    for q in &brief.questions {
        let _ = writeln!(out, "<li>{}</li>", escape(q));
    }
    let _ = writeln!(out, "</ol>");
}

/// What to ask officers for: one row per record, ranked by the checks it would settle, then
/// one line per area the records never touch.
fn requests(out: &mut String, brief: &Brief<'_>) {
    let _ = writeln!(out, "<h3>Information to request from officers</h3>");
    if brief.unknowns.is_empty() {
        let _ = writeln!(out, "<p>None: the records settle every check.</p>");
        return;
    }
    if !brief.requests.is_empty() {
        let _ = writeln!(
            out,
            "<table class=\"requests\">\n<caption class=\"muted\">Each record would settle the checks beside it; the appendix lists every check.</caption>\n<thead><tr><th scope=\"col\">Ask officers for</th><th scope=\"col\" class=\"num\">Settles</th></tr></thead>\n<tbody>"
        );
        for r in &brief.requests {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td class=\"num\">{}</td></tr>",
                escape(&capital(&r.ask_for)),
                checks(r.checks.len())
            );
        }
        let _ = writeln!(out, "</tbody>\n</table>");
    }
    if let Some(line) = brief.other_requests_line() {
        let _ = writeln!(out, "<p>{}</p>", escape(&line));
    }
    if !brief.untouched.is_empty() {
        let _ = writeln!(
            out,
            "<p>Areas the records do not touch at all:</p>\n<ul class=\"untouched\">"
        );
        for u in &brief.untouched {
            let _ = writeln!(
                out,
                "<li>No records on {}: ask for {}{} ({}).</li>",
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
        let _ = writeln!(out, "</ul>");
    }
}

/// Every paper the verdicts rest on, numbered as the findings cite them.
fn sources(out: &mut String, brief: &Brief<'_>, i: usize) {
    if brief.sources.is_empty() {
        return;
    }
    let _ = writeln!(out, "<h3>Sources</h3>\n<ol class=\"sources\">");
    for (n, s) in brief.sources.iter().enumerate() {
        let _ = write!(out, "<li id=\"src-{i}-{}\">{}", n + 1, escape(&s.title));
        if let Some(d) = &s.date {
            let _ = write!(out, ", {}", escape(d));
        }
        if let Some(u) = &s.url {
            let _ = write!(
                out,
                ". {} <span class=\"print-url\">{}</span>",
                link(u, "Online"),
                escape(u)
            );
        }
        let _ = writeln!(out, "</li>");
    }
    let _ = writeln!(out, "</ol>");
}

/// What each scenario would change for this partnership.
fn scenarios(out: &mut String, set: &ResultSet<'_>, mine: &[&ScenarioChange<'_>]) {
    if mine.is_empty() {
        return;
    }
    let _ = writeln!(out, "<h3>What the scenarios would change</h3>");
    for c in mine {
        let _ = writeln!(
            out,
            "<h4>{} <span class=\"muted\">(<code>{}</code>)</span></h4>\n<p>{}</p>",
            escape(&c.title),
            escape(&c.file),
            escape(&c.summary())
        );
        for (label, rows) in [
            ("New failures", &c.new),
            ("Failures cleared", &c.resolved),
            ("Checks settled", &c.settled),
        ] {
            if rows.is_empty() {
                continue;
            }
            let _ = write!(out, "<p><strong>{label}:</strong></p><ul>");
            for f in rows.iter() {
                let title = set
                    .rules
                    .get(f.rule.as_str())
                    .map(|r| r.title.as_str())
                    .unwrap_or("");
                let _ = write!(
                    out,
                    "<li>{} <span class=\"muted\">({}, <code>{}</code>)</span></li>",
                    escape(&plain(&f.message)),
                    escape(title),
                    escape(&f.rule)
                );
            }
            let _ = writeln!(out, "</ul>");
        }
    }
}

/// The appendix: every check the records cannot settle, one row each.
fn appendix(out: &mut String, set: &ResultSet<'_>, brief: &Brief<'_>) {
    if brief.unknowns.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "<section class=\"appendix\">\n<h3>Appendix: every check the records cannot settle</h3>\n<table>\n<thead><tr><th scope=\"col\">What the records do not show</th><th scope=\"col\" style=\"width:32%\">Ask for</th><th scope=\"col\" style=\"width:28%\">The check it would settle</th></tr></thead>\n<tbody>"
    );
    for f in &brief.unknowns {
        let title = set
            .rules
            .get(f.rule.as_str())
            .map(|r| r.title.as_str())
            .unwrap_or(&f.rule);
        let _ = writeln!(
            out,
            "<tr data-rule=\"{}\"><td>{}</td><td>{}</td><td>{} <span class=\"muted\">(<code>{}</code>)</span></td></tr>",
            escape(&f.rule),
            escape(&plain(&f.message)),
            escape(f.request.as_deref().unwrap_or("")),
            escape(title),
            escape(&crate::rule_ids(f))
        );
    }
    let _ = writeln!(out, "</tbody>\n</table>\n</section>");
}

fn waived(out: &mut String, mine: &[&Finding]) {
    let rows: Vec<&&Finding> = mine
        .iter()
        .filter(|f| f.outcome == Outcome::Waived)
        .collect();
    if rows.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "<h3>Waived by the committee</h3>\n<table>\n<thead><tr><th scope=\"col\" style=\"width:40%\">Failure</th><th scope=\"col\">Waiver</th></tr></thead>\n<tbody>"
    );
    for f in rows {
        let _ = writeln!(
            out,
            "<tr><td>{} <span class=\"muted\">(<code>{}</code>)</span></td><td>{}</td></tr>",
            escape(&f.message),
            escape(&f.rule),
            escape(f.note.as_deref().unwrap_or(""))
        );
    }
    let _ = writeln!(out, "</tbody>\n</table>");
}

fn timeline(out: &mut String, t: &Timeline, i: usize) {
    let _ = writeln!(out, "<h3>Timeline</h3>");
    let (Some(first), Some(last)) = (t.dates.first(), t.dates.last()) else {
        return;
    };
    if t.rows.is_empty() {
        let _ = writeln!(
            out,
            "<p>No failures between {} and {}.</p>",
            first.long(),
            last.long()
        );
        return;
    }
    // A bar chart: one row per failure, on a time axis from the first date to the last.
    let row_h = 18.0_f64;
    let height = row_h * t.rows.len() as f64 + 24.0;
    let span_days = first.days_until(*last).max(1) as f64;
    let x = |d: scrutineer_graph::Date| 10.0 + 640.0 * first.days_until(d) as f64 / span_days;
    let _ = write!(
        out,
        "<figure>\n<svg role=\"img\" aria-labelledby=\"tl-title-{i}\" viewBox=\"0 0 660 {height}\" style=\"max-width:100%;height:auto\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"tl-title-{i}\">When each failure was open, from {} to {}</title>",
        first.long(),
        last.long()
    );
    let mut year = String::new();
    for d in &t.dates {
        let y = d.iso()[..4].to_string();
        if y != year {
            let _ = write!(
                out,
                "<text x=\"{:.1}\" y=\"12\" font-size=\"11\" fill=\"#1a1a1a\">{y}</text>",
                x(*d)
            );
            year = y;
        }
    }
    for (r, row) in t.rows.iter().enumerate() {
        let y = 20.0 + r as f64 * row_h;
        let _ = write!(
            out,
            "<rect x=\"10\" y=\"{y:.1}\" width=\"640\" height=\"{:.1}\" fill=\"#f2f2f2\"/>",
            row_h - 4.0
        );
        for s in &row.spans {
            let end = s.closed.unwrap_or(last.add_days(1));
            // At least a sliver, so a span of a few days is still seen.
            let width = (x(end) - x(s.opened)).max(1.5);
            let _ = write!(
                out,
                "<rect x=\"{:.1}\" y=\"{y:.1}\" width=\"{width:.1}\" height=\"{:.1}\" fill=\"#b00020\"/>",
                x(s.opened),
                row_h - 4.0
            );
        }
    }
    let _ = writeln!(
        out,
        "</svg>\n<figcaption>Each bar is one failure in the table below, in the same order; red marks the days it was open.</figcaption>\n</figure>"
    );
    let _ = writeln!(
        out,
        "<table>\n<thead><tr><th scope=\"col\" style=\"width:28%\">Failure</th><th scope=\"col\" style=\"width:15%\">Opened</th><th scope=\"col\" style=\"width:15%\">Closed</th><th scope=\"col\">Finding when it opened</th></tr></thead>\n<tbody>"
    );
    for row in &t.rows {
        for s in &row.spans {
            let _ = writeln!(
                out,
                "<tr><td><code>{}</code> {}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(&row.rule),
                escape(&row.subject_name),
                s.opened.long(),
                s.closed
                    .map(|c| c.long())
                    .unwrap_or_else(|| "still open".into()),
                escape(&s.message)
            );
        }
    }
    let _ = writeln!(out, "</tbody>\n</table>");
}
