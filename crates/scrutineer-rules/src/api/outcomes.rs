//! The outcomes a rule returns.
//!
//! ```text
//! pass(subject)                       pass(subject, message_or_evidence)
//! pass(subject, message, evidence)
//! fail(subject, message)              fail(subject, message, evidence)
//! unknown(subject, message)           unknown(subject, message, evidence)
//! fail(...).with_severity("warning")      // when the rule's severity depends on the case
//! fail(...).with_severity(p.severity_under("reg3_2_each_ra_seat"))
//!                                         // a violation only while that law is in force here
//!                                         // and its words were read; a warning otherwise
//! unknown(...).ask_for("the membership of the board on 1 October 2022")
//!                                         // the record that would settle it
//! fail(...).fact("seat:rag:probation")    // rules that report one fact share one finding
//! count(1, "meeting")  count(3, "meeting")   // "1 meeting", "3 meetings": never "meeting(s)"
//! count(2, "body", "bodies")                 // with an irregular plural
//! ```
//!
//! `subject` is a handle (an organisation, group, document, ...) or an id string. `evidence` is
//! a handle or an array of handles; when it is left out the subject is the evidence.

use rhai::{Dynamic, Engine, EvalAltResult, Position};
use scrutineer_graph::NodeKey;

use super::evidence_ref;
use crate::outcome::{Outcome, Severity};

/// What a piece of evidence points at in the graph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EvidenceRef {
    Node(NodeKey),
    Membership(usize),
    /// A declaration that a list is complete (an index into `Graph::declarations`).
    Declaration(usize),
}

/// A piece of evidence that is not a record of its own, as a script holds it.
#[derive(Clone)]
pub struct EvidenceHandle(pub EvidenceRef);

/// An outcome as a script builds it; the evaluator adds the rule and partnership.
#[derive(Clone, Debug)]
pub struct ScriptOutcome {
    pub outcome: Outcome,
    /// The subject's id and readable name.
    pub subject: (String, String),
    pub message: String,
    pub evidence: Vec<EvidenceRef>,
    pub severity: Option<Severity>,
    /// For an unknown: the record or list that would settle it.
    pub request: Option<String>,
    /// The underlying fact, shared by every rule that reports it.
    pub fact: Option<String>,
}

type Res<T> = Result<T, Box<EvalAltResult>>;

fn err<T>(msg: String) -> Res<T> {
    Err(Box::new(EvalAltResult::ErrorRuntime(
        msg.into(),
        Position::NONE,
    )))
}

fn subject(d: &Dynamic) -> Res<((String, String), Option<EvidenceRef>)> {
    if let Some((r, view)) = evidence_ref(d) {
        let g = &view.graph;
        let (id, name) = match r {
            EvidenceRef::Node(k) => (g.id_of(k).to_string(), g.name_of(k).to_string()),
            EvidenceRef::Membership(i) => {
                let m = &g.data.memberships[i];
                let name = g
                    .node(&m.member)
                    .map(|k| g.name_of(k).to_string())
                    .unwrap_or(m.member.clone());
                (m.member.clone(), name)
            }
            EvidenceRef::Declaration(_) => (g.data.id.clone(), g.data.name.clone()),
        };
        return Ok(((id, name), Some(r)));
    }
    if let Some(s) = d.read_lock::<rhai::ImmutableString>() {
        return Ok(((s.to_string(), s.to_string()), None));
    }
    err(format!(
        "the subject of an outcome must be a record (organisation, group, document, ...) or an id string, not `{}`",
        d.type_name()
    ))
}

fn evidence(d: &Dynamic) -> Res<Vec<EvidenceRef>> {
    if d.is_unit() {
        return Ok(Vec::new());
    }
    if let Some(arr) = d.read_lock::<rhai::Array>() {
        let mut out = Vec::new();
        for item in arr.iter() {
            out.extend(evidence(item)?);
        }
        return Ok(out);
    }
    if let Some(h) = d.read_lock::<EvidenceHandle>() {
        return Ok(vec![h.0]);
    }
    if let Some(s) = d.read_lock::<super::seats::Seat>() {
        return Ok(s.evidence.clone());
    }
    match evidence_ref(d) {
        Some((r, _)) => Ok(vec![r]),
        None => err(format!(
            "evidence must be a record or an array of records, not `{}`",
            d.type_name()
        )),
    }
}

fn make(
    outcome: Outcome,
    subj: &Dynamic,
    message: String,
    ev: Option<&Dynamic>,
) -> Res<ScriptOutcome> {
    let (subject, own) = subject(subj)?;
    let mut evidence = match ev {
        Some(e) => evidence(e)?,
        None => Vec::new(),
    };
    if evidence.is_empty() {
        evidence.extend(own);
    }
    Ok(ScriptOutcome {
        outcome,
        subject,
        message,
        evidence,
        severity: None,
        request: None,
        fact: None,
    })
}

/// "1 meeting", "3 meetings": a number with its noun, as a person writes it.
pub fn count(n: i64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

pub(super) fn register(engine: &mut Engine) {
    engine
        .register_fn("count", |n: i64, one: &str| {
            count(n, one, &format!("{one}s"))
        })
        .register_fn("count", |n: i64, one: &str, many: &str| count(n, one, many));
    engine
        .register_type_with_name::<ScriptOutcome>("Outcome")
        .register_fn("pass", |s: Dynamic| {
            make(Outcome::Pass, &s, String::new(), None)
        })
        .register_fn("pass", |s: Dynamic, x: Dynamic| {
            if x.is_string() {
                make(Outcome::Pass, &s, x.into_string().unwrap_or_default(), None)
            } else {
                make(Outcome::Pass, &s, String::new(), Some(&x))
            }
        })
        .register_fn("pass", |s: Dynamic, m: &str, e: Dynamic| {
            make(Outcome::Pass, &s, m.to_string(), Some(&e))
        })
        .register_fn("fail", |s: Dynamic, m: &str| {
            make(Outcome::Fail, &s, m.to_string(), None)
        })
        .register_fn("fail", |s: Dynamic, m: &str, e: Dynamic| {
            make(Outcome::Fail, &s, m.to_string(), Some(&e))
        })
        .register_fn("unknown", |s: Dynamic, m: &str| {
            make(Outcome::Unknown, &s, m.to_string(), None)
        })
        .register_fn("unknown", |s: Dynamic, m: &str, e: Dynamic| {
            make(Outcome::Unknown, &s, m.to_string(), Some(&e))
        })
        .register_type_with_name::<EvidenceHandle>("Evidence")
        .register_get("outcome", |o: &mut ScriptOutcome| {
            o.outcome.as_str().to_string()
        })
        .register_get("message", |o: &mut ScriptOutcome| o.message.clone())
        .register_get("subject", |o: &mut ScriptOutcome| o.subject.0.clone())
        .register_fn("ask_for", |o: &mut ScriptOutcome, request: &str| {
            ScriptOutcome {
                request: Some(request.to_string()),
                ..o.clone()
            }
        })
        .register_fn("fact", |o: &mut ScriptOutcome, fact: &str| ScriptOutcome {
            fact: Some(fact.to_string()),
            ..o.clone()
        })
        .register_fn(
            "with_severity",
            |o: &mut ScriptOutcome, s: &str| -> Res<ScriptOutcome> {
                match s.parse::<Severity>() {
                    Ok(sev) => Ok(ScriptOutcome {
                        severity: Some(sev),
                        ..o.clone()
                    }),
                    Err(e) => err(e),
                }
            },
        );
}
