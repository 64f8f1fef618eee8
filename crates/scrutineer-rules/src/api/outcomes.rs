//! The outcomes a rule returns.
//!
//! ```text
//! pass(subject)                       pass(subject, message_or_evidence)
//! pass(subject, message, evidence)
//! fail(subject, message)              fail(subject, message, evidence)
//! unknown(subject, message)           unknown(subject, message, evidence)
//! fail(...).with_severity("violation")    // when the rule's severity depends on the case
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
}

/// An outcome as a script builds it; the evaluator adds the rule and partnership.
#[derive(Clone, Debug)]
pub struct ScriptOutcome {
    pub outcome: Outcome,
    /// The subject's id and readable name.
    pub subject: (String, String),
    pub message: String,
    pub evidence: Vec<EvidenceRef>,
    pub severity: Option<Severity>,
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
    })
}

pub(super) fn register(engine: &mut Engine) {
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
