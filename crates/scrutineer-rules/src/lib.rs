//! The rhai host: the sandboxed engine, the script API, rule files and their metadata, and
//! evaluation in parallel with deterministic results.
//!
//! This crate knows nothing of output formats: it produces [`Finding`]s and [`RuleError`]s,
//! and `scrutineer-report` renders them.
// `deny`, not `forbid`: the one exception is the counting allocator in `memory`, which says why.
#![deny(unsafe_code)]

pub mod api;
pub mod eval;
pub mod facts;
pub mod law;
pub mod memory;
pub mod opened;
pub mod outcome;
pub mod rule;
pub mod sandbox;
pub mod timeline;
pub mod waivers;
pub mod whatif;

pub use eval::{Evaluation, RuleSet, not_applicable};
pub use outcome::{Also, EvidenceItem, Finding, Outcome, RuleError, Severity, UnusedWaiver};
pub use rule::Rule;
pub use sandbox::Limits;
