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
