//! Renderers of a result set. Each output format of `check` is a [`Reporter`] in a file of its
//! own, chosen by [`Format`]; the briefing pack (HTML, Markdown) is rendered whole. None of them
//! knows how the results were produced or which command asked for them.
#![forbid(unsafe_code)]

mod baseline;
pub mod brief;
mod docx;
pub mod html;
mod json;
mod junit;
pub mod markdown;
mod pack_text;
mod reporter;
mod sarif;
pub mod structure;
mod text;
mod timeline;
mod whatif;

use std::collections::{BTreeMap, HashMap};

use scrutineer_graph::{Date, Graph};
use scrutineer_rules::opened::Opened;
use scrutineer_rules::{Finding, Rule, RuleError, UnusedWaiver};

pub use baseline::{Baseline, Change, EarlierResult};
pub use docx::render_docx;
pub use html::{PackExtras, render_html};
pub use json::render_json;
pub use markdown::render_markdown;
pub use pack_text::render_pack_text;
pub use reporter::{Chunk, Format, Reporter, Run};
pub use structure::Structure;
pub use text::{WIDTH, render_text, wrap_into};
pub use timeline::{render_timeline_json, render_timeline_text};
pub use whatif::{VariantResult, WhatIf, render_whatif_json, render_whatif_text};

/// One partnership that was checked.
#[derive(Clone, Debug)]
pub struct PartnershipInfo {
    pub id: String,
    pub name: String,
    pub file: String,
    /// The latest date any of the file's sources may carry.
    pub newest_record: Option<Date>,
    /// How far the sources certainly reach: see `Graph::newest_source_certain`. Earlier than
    /// `newest_record` when the newest paper is dated only within a range.
    pub newest_certain: Option<Date>,
    /// Set when the evaluation date is well past the newest record.
    pub stale_note: Option<String>,
    /// When each failure began, by [`scrutineer_rules::opened::fact_key`]: filled by the
    /// briefing pack, empty elsewhere.
    pub opened: BTreeMap<String, Opened>,
}

impl PartnershipInfo {
    /// The heading facts of one loaded partnership, evaluated as of `as_of`.
    pub fn of(graph: &Graph, as_of: Date) -> PartnershipInfo {
        let newest = graph.newest_source_date();
        let certain = graph.newest_source_certain();
        PartnershipInfo {
            id: graph.data.id.clone(),
            name: graph.data.name.clone(),
            file: graph.file.display().to_string(),
            newest_record: newest,
            newest_certain: certain,
            stale_note: stale_note(certain, newest, as_of),
            opened: BTreeMap::new(),
        }
    }
}

/// Everything a renderer needs.
pub struct ResultSet<'a> {
    pub as_of: Date,
    pub partnerships: Vec<PartnershipInfo>,
    /// The findings to show, already filtered, in evaluation order. The briefing pack also
    /// holds the passes, for what is in order; `check` holds them only with `--all`.
    pub findings: Vec<&'a Finding>,
    /// Rule metadata by id, for the law, the link and the question.
    pub rules: HashMap<&'a str, &'a Rule>,
    pub errors: Vec<&'a RuleError>,
    /// Waivers in force that matched no failure.
    pub unused_waivers: Vec<&'a UnusedWaiver>,
    /// The comparison with an earlier result, when one was given.
    pub baseline: Option<&'a Baseline>,
    /// Whether passes and not-applicable results were asked for.
    pub all: bool,
}

/// The rule ids a finding stands for: its own, then those of the other rules that report the
/// same fact (see `scrutineer_rules::facts`).
pub fn rule_ids(f: &Finding) -> String {
    std::iter::once(f.rule.as_str())
        .chain(f.also.iter().map(|a| a.rule.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// How far past the newest record an evaluation date may be before the report says so.
pub const STALE_AFTER_MONTHS: i64 = 6;

/// The date of the newest record in words: "1 October 2022", or where the newest paper is
/// dated only within a range, "between 1 October 2022 and 30 November 2026".
pub fn newest_words(certain: Option<Date>, newest: Option<Date>) -> Option<String> {
    match (certain, newest) {
        _ if newest_is_a_range(certain, newest) => Some(format!(
            "between {} and {}",
            certain?.long(),
            newest?.long()
        )),
        (_, Some(n)) => Some(n.long()),
        (Some(c), None) => Some(c.long()),
        (None, None) => None,
    }
}

/// Whether the newest paper is dated only within a range: how far the records certainly reach
/// falls short of how far they may.
pub fn newest_is_a_range(certain: Option<Date>, newest: Option<Date>) -> bool {
    matches!((certain, newest), (Some(c), Some(n)) if c < n)
}

/// The note printed at the top of a partnership's results when its records end, or may end,
/// well before the evaluation date. Judged from how far the records certainly reach: a paper
/// dated only "between 2022 and the day it was read" does not make a file current.
pub fn stale_note(certain: Option<Date>, newest: Option<Date>, as_of: Date) -> Option<String> {
    let from = certain.or(newest)?;
    let months = from.months_until(as_of);
    if months < STALE_AFTER_MONTHS {
        return None;
    }
    let words = newest_words(certain, newest)?;
    Some(if newest_is_a_range(certain, newest) {
        format!(
            "the newest record in this file is dated {words}, up to {months} months before the \
             evaluation date: much of what it says may have gone stale, and the checks it cannot \
             settle ask for newer papers"
        )
    } else {
        format!(
            "the newest record in this file is dated {words}, {months} months before the \
             evaluation date: much of what it says has gone stale, and the checks it cannot \
             settle ask for newer papers"
        )
    })
}
