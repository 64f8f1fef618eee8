//! Benchmark support: a deterministic generator of synthetic partnerships, and five rules
//! written twice more, natively in Rust over the typed graph (the floor) and in Rego for
//! regorus (the peer policy engine), so that the rhai rules can be measured against both.
//! None of this is part of the product; it lives here so `cargo test` never builds it.
#![forbid(unsafe_code)]

pub mod native;
pub mod rego;
pub mod synth;

/// The five rules benchmarked against their twins.
pub const PEER_RULES: [&str; 5] = [
    "CDA-S5-RA-PROBATION",
    "HALL-ACTION-OVERDUE",
    "HALL-FIXED-TERM-POSTS",
    "HALL-PRIORITY-OWNER",
    "HALL-RISK-REGISTER-COMPLETE",
];

/// One answer, as compared across engines: rule, subject, outcome.
pub type Answer = (String, String, String);

/// The answers of one rhai rule on one partnership, sorted, for comparison with its twins.
/// Panics if the rule reports an error: a twin cannot agree with a rule that did not run.
pub fn rhai_answers(
    set: &scrutineer_rules::RuleSet,
    g: &std::sync::Arc<scrutineer_graph::Graph>,
    rule: &str,
    on: scrutineer_graph::Date,
) -> Vec<Answer> {
    let r = set.get(rule).expect("a peer rule is in the pack");
    let eval = set.evaluate(std::slice::from_ref(g), on, Some(&[r]));
    assert!(eval.errors.is_empty(), "{:?}", eval.errors);
    let mut a: Vec<Answer> = eval
        .findings
        .iter()
        .map(|f| {
            (
                f.rule.clone(),
                f.subject.clone(),
                f.outcome.as_str().to_string(),
            )
        })
        .collect();
    a.sort();
    a.dedup();
    a
}
