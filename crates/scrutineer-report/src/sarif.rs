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

/// The rule descriptors of the whole pack, in the order `ruleIndex` refers to.
fn descriptors(rules: &[Rule]) -> Vec<Value> {
    rules
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
        .collect()
}

/// The tool notification for one rule error.
fn notification(e: &RuleError) -> Value {
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
}

/// `value` pretty-printed as serde_json does, its lines after the first indented by `depth`
/// levels, so it can be written inside a document that is itself being written piece by piece.
/// Line-based indenting is safe: JSON strings hold no raw newlines (they are escaped).
fn nested(value: &Value, depth: usize) -> String {
    let text = serde_json::to_string_pretty(value).expect("plain data always serialises");
    text.replace('\n', &format!("\n{}", "  ".repeat(depth)))
}

fn result(f: &Finding, index: &BTreeMap<&str, usize>, files: &BTreeMap<&str, &str>) -> Value {
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
    if let Some(file) = files.get(f.partnership.as_str()) {
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

/// The SARIF reporter. The document is written as the run goes, so memory stays flat however
/// many partnerships there are: `start` writes the tool and its rules (the whole pack, known
/// before any check) and opens `results`; each chunk's results follow, each serialised on its
/// own; `finish` closes `results` and writes `invocations`, whose notifications (the rule
/// errors) are known only at the end. Key order does not matter to SARIF, so `invocations`
/// after `results` is as valid as before it.
pub(crate) struct SarifReporter<'r> {
    run: crate::Run<'r>,
    /// The position of each rule in the pack, for `ruleIndex`.
    index: BTreeMap<&'r str, usize>,
    /// No result written yet: the next needs no comma before it.
    first: bool,
}

impl<'r> SarifReporter<'r> {
    pub(crate) fn new(run: crate::Run<'r>) -> SarifReporter<'r> {
        SarifReporter {
            run,
            index: run
                .pack
                .iter()
                .enumerate()
                .map(|(i, r)| (r.id.as_str(), i))
                .collect(),
            first: true,
        }
    }
}

// The layout below is serde_json's pretty printing (two spaces a level) written by hand around
// the parts serialised one at a time: `{` of the log, `runs` at 1, the run at 2, its members
// at 3, each result at 4.
impl crate::Reporter for SarifReporter<'_> {
    fn start(&mut self) -> String {
        let tool = json!({
            "driver": {
                "name": "scrutineer",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": descriptors(self.run.pack),
            }
        });
        format!(
            "{{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {{\n      \"tool\": {},\n      \"results\": [",
            nested(&tool, 3)
        )
    }

    fn partnerships(&mut self, chunk: &crate::Chunk<'_>) -> String {
        // The findings of a chunk are of its partnerships only.
        let files: BTreeMap<&str, &str> = chunk
            .set
            .partnerships
            .iter()
            .map(|p| (p.id.as_str(), p.file.as_str()))
            .collect();
        let mut out = String::new();
        for f in &chunk.set.findings {
            out.push_str(if self.first {
                "\n        "
            } else {
                ",\n        "
            });
            self.first = false;
            out.push_str(&nested(&result(f, &self.index, &files), 4));
        }
        out
    }

    fn finish(&mut self, end: &crate::ResultSet<'_>) -> String {
        let invocations = json!([{
            "executionSuccessful": end.errors.is_empty(),
            "toolExecutionNotifications":
                end.errors.iter().map(|e| notification(e)).collect::<Vec<_>>(),
        }]);
        format!(
            "{}],\n      \"invocations\": {}\n    }}\n  ]\n}}\n",
            if self.first { "" } else { "\n      " },
            nested(&invocations, 3)
        )
    }
}
