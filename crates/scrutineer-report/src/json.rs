//! The JSON output: a contract other tools and tests rely on (`design.md` section 4).
//! Fields are written in a fixed order so the same results give the same bytes.

use serde::Serialize;

use std::collections::HashMap;

use scrutineer_rules::{Finding, Rule};

use crate::ResultSet;

/// Everything after the results: small, so it is held until the end of a streamed run.
#[derive(Serialize)]
struct Tail<'a> {
    partnerships: Vec<Partnership<'a>>,
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
    /// For an unknown: the record or list that would settle it.
    #[serde(skip_serializing_if = "Option::is_none")]
    request: Option<&'a str>,
    /// The underlying fact, when several rules may report it.
    #[serde(skip_serializing_if = "Option::is_none")]
    fact: Option<&'a str>,
    /// Other rules that report the same fact with the same outcome.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    also: Vec<Also<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    change: Option<&'static str>,
}

/// Another rule's basis for the same finding.
#[derive(Serialize)]
pub(crate) struct Also<'a> {
    rule: &'a str,
    severity: &'a str,
    basis: &'a str,
    url: &'a str,
    message: &'a str,
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
        ask: if rule.is_some() { f.ask.as_str() } else { "" },
        request: f.request.as_deref(),
        fact: f.fact.as_deref(),
        also: f
            .also
            .iter()
            .map(|a| {
                let r = rules.get(a.rule.as_str());
                Also {
                    rule: &a.rule,
                    severity: a.severity.as_str(),
                    basis: r.map(|r| r.basis.as_str()).unwrap_or(""),
                    url: r.map(|r| r.url.as_str()).unwrap_or(""),
                    message: &a.message,
                }
            })
            .collect(),
        note: f.note.as_deref(),
        change: baseline.and_then(|b| b.change(f)).map(|c| c.as_str()),
    }
}

/// Renders the result set as pretty-printed JSON, ending with a newline. The keys come in the
/// order `as_of`, `results`, `partnerships`, `errors` (then `unused_waivers` and `baseline` when
/// there are any), so that a long run can stream its results as it goes.
pub fn render_json(set: &ResultSet<'_>) -> String {
    let mut stream = JsonStream::start(set.as_of);
    let mut out = stream.head.clone();
    out.push_str(&stream.results(set));
    let (new, persisting) = match set.baseline {
        Some(b) => set
            .findings
            .iter()
            .fold((0, 0), |(n, p), f| match b.change(f) {
                Some(crate::Change::New) => (n + 1, p),
                Some(crate::Change::Persisting) => (n, p + 1),
                None => (n, p),
            }),
        None => (0, 0),
    };
    out.push_str(&stream.finish(set, &set.partnerships, (new, persisting)));
    out
}

/// Writes the JSON output in pieces: the head, the results of each chunk of partnerships in
/// turn, then the tail. The pieces joined are exactly what [`render_json`] gives.
pub struct JsonStream {
    /// The opening, up to the results array.
    pub head: String,
    first: bool,
}

fn indent(text: &str, by: &str) -> String {
    text.lines()
        .map(|l| format!("{by}{l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

impl JsonStream {
    /// Starts the output for an evaluation date.
    pub fn start(as_of: scrutineer_graph::Date) -> JsonStream {
        JsonStream {
            head: format!("{{\n  \"as_of\": \"{}\",\n  \"results\": [", as_of.iso()),
            first: true,
        }
    }

    /// The results of one chunk.
    pub fn results(&mut self, set: &ResultSet<'_>) -> String {
        let mut out = String::new();
        for f in &set.findings {
            let item = serde_json::to_string_pretty(&result(f, &set.rules, set.baseline))
                .expect("plain data always serialises");
            out.push_str(if self.first { "\n" } else { ",\n" });
            out.push_str(&indent(&item, "    "));
            self.first = false;
        }
        out
    }

    /// Closes the results and writes the rest: every partnership checked, the errors, unused
    /// waivers and the baseline summary (new and persisting counted over the whole run).
    pub fn finish(
        &self,
        set: &ResultSet<'_>,
        partnerships: &[crate::PartnershipInfo],
        baseline_counts: (usize, usize),
    ) -> String {
        let tail = Tail {
            partnerships: partnerships
                .iter()
                .map(|p| Partnership {
                    id: &p.id,
                    name: &p.name,
                    file: &p.file,
                    newest_record: p.newest_record.map(|d| d.iso()),
                    note: p.stale_note.as_deref(),
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
            baseline: set.baseline.map(|b| BaselineJson {
                file: &b.file,
                as_of: &b.as_of,
                new: baseline_counts.0,
                persisting: baseline_counts.1,
                resolved: b.resolved.iter().collect(),
            }),
        };
        let text = serde_json::to_string_pretty(&tail).expect("plain data always serialises");
        // `{` + the tail's fields + `}`: join its fields onto the results array.
        let fields = text.trim_start_matches('{');
        let close = if self.first { "]" } else { "\n  ]" };
        format!("{close},{fields}\n")
    }
}

/// The JSON reporter: the results stream as partnerships are checked; the list of
/// partnerships and the baseline counts, which come after them, are kept until the end.
pub(crate) struct JsonReporter {
    stream: JsonStream,
    partnerships: Vec<crate::PartnershipInfo>,
    /// New and persisting findings, against the baseline.
    counts: (usize, usize),
}

impl JsonReporter {
    pub(crate) fn new(run: crate::Run<'_>) -> JsonReporter {
        JsonReporter {
            stream: JsonStream::start(run.as_of),
            partnerships: Vec::new(),
            counts: (0, 0),
        }
    }
}

impl crate::Reporter for JsonReporter {
    fn start(&mut self) -> String {
        self.stream.head.clone()
    }

    fn partnerships(&mut self, chunk: &crate::Chunk<'_>) -> String {
        if let Some(b) = chunk.set.baseline {
            for f in &chunk.set.findings {
                match b.change(f) {
                    Some(crate::Change::New) => self.counts.0 += 1,
                    Some(crate::Change::Persisting) => self.counts.1 += 1,
                    None => {}
                }
            }
        }
        self.partnerships
            .extend(chunk.set.partnerships.iter().cloned());
        self.stream.results(&chunk.set)
    }

    fn finish(&mut self, end: &ResultSet<'_>) -> String {
        self.stream.finish(end, &self.partnerships, self.counts)
    }
}
