//! The JSON output: a contract other tools and tests rely on (`design.md` section 4).
//! Fields are written in a fixed order so the same results give the same bytes.

use serde::Serialize;

use crate::ResultSet;

#[derive(Serialize)]
struct Output<'a> {
    as_of: String,
    partnerships: Vec<Partnership<'a>>,
    results: Vec<Result<'a>>,
    errors: Vec<Error<'a>>,
}

#[derive(Serialize)]
struct Partnership<'a> {
    id: &'a str,
    name: &'a str,
    file: &'a str,
    newest_record: Option<String>,
    note: Option<&'a str>,
}

#[derive(Serialize)]
struct Result<'a> {
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
}

#[derive(Serialize)]
struct Evidence<'a> {
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
            .map(|f| {
                let rule = set.rules.get(f.rule.as_str());
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
                }
            })
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
    };
    let mut s = serde_json::to_string_pretty(&out).expect("plain data always serialises");
    s.push('\n');
    s
}
