//! The JSON output: a contract other tools and tests rely on (`design.md` section 4).
//! Fields are written in a fixed order so the same results give the same bytes.

use serde::Serialize;

use std::collections::HashMap;

use scrutineer_rules::{Finding, Rule};

use crate::ResultSet;

#[derive(Serialize)]
struct Output<'a> {
    as_of: String,
    partnerships: Vec<Partnership<'a>>,
    results: Vec<Result<'a>>,
    errors: Vec<Error<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    unused_waivers: Vec<Unused<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline: Option<BaselineJson<'a>>,
}

#[derive(Serialize)]
struct Unused<'a> {
    partnership: &'a str,
    rule: &'a str,
    subject: &'a str,
    expires: &'a str,
    why: &'a str,
}

#[derive(Serialize)]
struct BaselineJson<'a> {
    file: &'a str,
    as_of: &'a str,
    new: usize,
    persisting: usize,
    resolved: Vec<&'a crate::EarlierResult>,
}

#[derive(Serialize)]
struct Partnership<'a> {
    id: &'a str,
    name: &'a str,
    file: &'a str,
    newest_record: Option<String>,
    note: Option<&'a str>,
}

/// One result as the JSON contract spells it.
#[derive(Serialize)]
pub(crate) struct Result<'a> {
    rule: &'a str,
    title: &'a str,
    partnership: &'a str,
    subject: &'a str,
    subject_name: &'a str,
    outcome: &'a str,
    severity: &'a str,
    message: &'a str,
    basis: &'a str,
    url: &'a str,
    evidence: Vec<Evidence<'a>>,
    ask: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    change: Option<&'static str>,
}

#[derive(Serialize)]
pub(crate) struct Evidence<'a> {
    node: &'a str,
    source: Option<&'a str>,
}

#[derive(Serialize)]
struct Error<'a> {
    rule: &'a str,
    file: &'a str,
    line: Option<u32>,
    column: Option<u32>,
    partnership: Option<&'a str>,
    message: &'a str,
}

/// One finding with its rule's law, link and question, as the JSON contract spells it.
pub(crate) fn result<'a>(
    f: &'a Finding,
    rules: &HashMap<&'a str, &'a Rule>,
    baseline: Option<&crate::Baseline>,
) -> Result<'a> {
    let rule = rules.get(f.rule.as_str());
    Result {
        rule: &f.rule,
        title: rule.map(|r| r.title.as_str()).unwrap_or(""),
        partnership: &f.partnership,
        subject: &f.subject,
        subject_name: &f.subject_name,
        outcome: f.outcome.as_str(),
        severity: f.severity.as_str(),
        message: &f.message,
        basis: rule.map(|r| r.basis.as_str()).unwrap_or(""),
        url: rule.map(|r| r.url.as_str()).unwrap_or(""),
        evidence: f
            .evidence
            .iter()
            .map(|e| Evidence {
                node: &e.node,
                source: e.source.as_deref(),
            })
            .collect(),
        ask: rule.map(|r| r.ask.as_str()).unwrap_or(""),
        note: f.note.as_deref(),
        change: baseline.and_then(|b| b.change(f)).map(|c| c.as_str()),
    }
}

/// Renders the result set as pretty-printed JSON, ending with a newline.
pub fn render_json(set: &ResultSet<'_>) -> String {
    let out = Output {
        as_of: set.as_of.iso(),
        partnerships: set
            .partnerships
            .iter()
            .map(|p| Partnership {
                id: &p.id,
                name: &p.name,
                file: &p.file,
                newest_record: p.newest_record.map(|d| d.iso()),
                note: p.stale_note.as_deref(),
            })
            .collect(),
        results: set
            .findings
            .iter()
            .map(|f| result(f, &set.rules, set.baseline))
            .collect(),
        errors: set
            .errors
            .iter()
            .map(|e| Error {
                rule: &e.rule,
                file: &e.file,
                line: e.line,
                column: e.column,
                partnership: e.partnership.as_deref(),
                message: &e.message,
            })
            .collect(),
        unused_waivers: set
            .unused_waivers
            .iter()
            .map(|w| Unused {
                partnership: &w.partnership,
                rule: &w.rule,
                subject: &w.subject,
                expires: &w.expires,
                why: &w.why,
            })
            .collect(),
        baseline: set.baseline.map(|b| {
            let (new, persisting) =
                set.findings
                    .iter()
                    .fold((0, 0), |(n, p), f| match b.change(f) {
                        Some(crate::Change::New) => (n + 1, p),
                        Some(crate::Change::Persisting) => (n, p + 1),
                        None => (n, p),
                    });
            BaselineJson {
                file: &b.file,
                as_of: &b.as_of,
                new,
                persisting,
                resolved: b.resolved.iter().collect(),
            }
        }),
    };
    let mut s = serde_json::to_string_pretty(&out).expect("plain data always serialises");
    s.push('\n');
    s
}
