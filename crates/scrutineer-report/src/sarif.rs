//! SARIF 2.1.0, for code-scanning dashboards and CI systems that collect static-analysis
//! results.
//!
//! SARIF's result kinds match scrutineer's outcomes closely: `fail`, `pass`, `notApplicable`,
//! and `open` ("the rule was evaluated, and the tool was unable to determine whether the result
//! was a pass or fail"), which is exactly "cannot tell from the records". A waived failure is a
//! `fail` carrying an external suppression with the committee's reason. Each rule's law is its
//! `helpUri` and the question for members its help text. Rule errors become tool notifications
//! and mark the run as not successful.

use std::collections::BTreeMap;

use scrutineer_rules::{Finding, Outcome, Rule, RuleError, Severity};
use serde_json::{Value, json};

/// SARIF's level for a failing result of this severity.
fn level(s: Severity) -> &'static str {
    match s {
        Severity::Violation => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// Renders findings as one SARIF run. `files` maps each partnership id to its file, as given on
/// the command line; `rules` is the whole pack, in the order the rule index refers to.
pub(crate) fn render_sarif(
    findings: &[Finding],
    rules: &[&Rule],
    files: &BTreeMap<String, String>,
    errors: &[&RuleError],
) -> String {
    let index: BTreeMap<&str, usize> = rules
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    let descriptors: Vec<Value> = rules
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "name": r.id,
                "shortDescription": { "text": r.title },
                "fullDescription": { "text": format!("{} ({})", r.title, r.basis) },
                "help": { "text": r.ask_anywhere() },
                "helpUri": r.url,
                "defaultConfiguration": { "level": level(r.severity) },
                "properties": {
                    "basis": r.basis,
                    "severity": r.severity.as_str(),
                    "area": r.area,
                },
            })
        })
        .collect();
    let results: Vec<Value> = findings.iter().map(|f| result(f, &index, files)).collect();
    let notifications: Vec<Value> = errors
        .iter()
        .map(|e| {
            let mut region = serde_json::Map::new();
            if let Some(l) = e.line {
                region.insert("startLine".into(), json!(l));
            }
            if let Some(c) = e.column {
                region.insert("startColumn".into(), json!(c));
            }
            let mut physical = json!({ "artifactLocation": { "uri": uri(&e.file) } });
            if !region.is_empty() {
                physical["region"] = Value::Object(region);
            }
            json!({
                "level": "error",
                "message": { "text": e.message },
                "descriptor": { "id": e.rule },
                "locations": [{ "physicalLocation": physical }],
            })
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "scrutineer",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": descriptors,
                }
            },
            "invocations": [{
                "executionSuccessful": errors.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "results": results,
        }]
    });
    let mut out = serde_json::to_string_pretty(&log).expect("plain data always serialises");
    out.push('\n');
    out
}

fn result(f: &Finding, index: &BTreeMap<&str, usize>, files: &BTreeMap<String, String>) -> Value {
    let (kind, level) = match f.outcome {
        Outcome::Fail | Outcome::Waived => ("fail", level(f.severity)),
        Outcome::Unknown => ("open", "none"),
        Outcome::Pass => ("pass", "none"),
        Outcome::NotApplicable => ("notApplicable", "none"),
    };
    let mut text = f.message.clone();
    if let Some(note) = &f.note {
        text.push_str(&format!(" ({note})"));
    }
    let mut location = json!({
        "logicalLocations": [{
            "name": f.subject,
            "fullyQualifiedName": format!("{}/{}", f.partnership, f.subject),
            "kind": "object",
        }],
    });
    if let Some(file) = files.get(&f.partnership) {
        location["physicalLocation"] = json!({ "artifactLocation": { "uri": uri(file) } });
    }
    let mut r = json!({
        "ruleId": f.rule,
        "kind": kind,
        "level": level,
        "message": { "text": text },
        "locations": [location],
        "properties": {
            "partnership": f.partnership,
            "subject": f.subject,
            "subjectName": f.subject_name,
            "outcome": f.outcome.as_str(),
            "severity": f.severity.as_str(),
            "evidence": f.evidence.iter().map(|e| json!({
                "node": e.node,
                "source": e.source,
            })).collect::<Vec<_>>(),
        },
    });
    if let Some(&i) = index.get(f.rule.as_str()) {
        r["ruleIndex"] = json!(i);
    }
    if f.outcome == Outcome::Waived {
        r["suppressions"] = json!([{
            "kind": "external",
            "status": "accepted",
            "justification": f.note.clone().unwrap_or_default(),
        }]);
    }
    r
}

/// A relative file path as a URI reference: forward slashes, spaces and the like encoded.
fn uri(path: &str) -> String {
    let mut out = String::new();
    for b in path.replace('\\', "/").bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// The SARIF reporter. SARIF is one JSON document with the rules first, so the shown findings
/// and the partnerships' files are kept until the end of the run.
pub(crate) struct SarifReporter<'r> {
    run: crate::Run<'r>,
    findings: Vec<Finding>,
    files: BTreeMap<String, String>,
}

impl<'r> SarifReporter<'r> {
    pub(crate) fn new(run: crate::Run<'r>) -> SarifReporter<'r> {
        SarifReporter {
            run,
            findings: Vec::new(),
            files: BTreeMap::new(),
        }
    }
}

impl crate::Reporter for SarifReporter<'_> {
    fn partnerships(&mut self, chunk: &crate::Chunk<'_>) -> String {
        self.findings
            .extend(chunk.set.findings.iter().map(|f| (*f).clone()));
        self.files.extend(
            chunk
                .set
                .partnerships
                .iter()
                .map(|p| (p.id.clone(), p.file.clone())),
        );
        String::new()
    }

    fn finish(&mut self, end: &crate::ResultSet<'_>) -> String {
        let pack: Vec<&Rule> = self.run.pack.iter().collect();
        render_sarif(&self.findings, &pack, &self.files, &end.errors)
    }
}
