//! Comparing results with an earlier JSON result: what is new since then, what persists, and
//! what has been resolved. Results are matched by rule, partnership and subject.

use std::collections::{BTreeMap, BTreeSet};

use scrutineer_rules::{Finding, Outcome};
use serde::{Deserialize, Serialize};

/// A failure as the earlier JSON recorded it.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
pub struct EarlierResult {
    pub rule: String,
    pub partnership: String,
    pub subject: String,
    #[serde(default)]
    pub subject_name: String,
    pub outcome: String,
    pub severity: String,
    #[serde(default)]
    pub message: String,
}

#[derive(Deserialize)]
struct Earlier {
    as_of: String,
    results: Vec<EarlierResult>,
}

/// Whether a current failure was already failing in the baseline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    New,
    Persisting,
}

impl Change {
    /// The JSON spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Change::New => "new",
            Change::Persisting => "persisting",
        }
    }
}

/// The comparison with an earlier result.
#[derive(Clone, Debug)]
pub struct Baseline {
    /// The earlier file, as named.
    pub file: String,
    /// Its evaluation date.
    pub as_of: String,
    failing: BTreeSet<(String, String, String)>,
    /// Failures in the baseline that no longer fail (filled by [`Baseline::compare`]).
    pub resolved: Vec<EarlierResult>,
    earlier: Vec<EarlierResult>,
}

type Key = (String, String, String);

fn key(rule: &str, partnership: &str, subject: &str) -> Key {
    (
        rule.to_string(),
        partnership.to_string(),
        subject.to_string(),
    )
}

/// The largest baseline read: an earlier `check --format json` over every partnership in
/// England and Wales is well under this.
pub const MAX_BASELINE_BYTES: u64 = 256 * 1024 * 1024;

impl Baseline {
    /// Reads an earlier `--format json` result from a file, as every input is read (a regular
    /// file only, within [`MAX_BASELINE_BYTES`]).
    pub fn load(path: &std::path::Path) -> Result<Baseline, String> {
        let text = scrutineer_graph::read_text(path, MAX_BASELINE_BYTES)
            .map_err(|e| format!("baseline: {e}"))?;
        Baseline::parse(&path.display().to_string(), &text)
    }

    /// Reads an earlier `--format json` result.
    pub fn parse(file: &str, text: &str) -> Result<Baseline, String> {
        let earlier: Earlier = serde_json::from_str(text).map_err(|e| {
            format!(
                "`{file}` is not a scrutineer JSON result: {e} (line {}, column {})",
                e.line(),
                e.column()
            )
        })?;
        let failing = earlier
            .results
            .iter()
            .filter(|r| r.outcome == "fail")
            .map(|r| key(&r.rule, &r.partnership, &r.subject))
            .collect();
        Ok(Baseline {
            file: file.to_string(),
            as_of: earlier.as_of,
            failing,
            resolved: Vec::new(),
            earlier: earlier.results,
        })
    }

    /// Records which baseline failures the current findings no longer have, adding to those of
    /// earlier chunks of a streamed run. Only partnerships and rules present in `current` are
    /// compared, so checking one file against a baseline of four does not call the other three
    /// "resolved".
    pub fn compare(&mut self, current: &[Finding]) {
        let now: BTreeSet<Key> = current
            .iter()
            .filter(|f| f.outcome == Outcome::Fail)
            .map(|f| key(&f.rule, &f.partnership, &f.subject))
            .collect();
        let partnerships: BTreeSet<&str> = current.iter().map(|f| f.partnership.as_str()).collect();
        let rules: BTreeSet<&str> = current.iter().map(|f| f.rule.as_str()).collect();
        let gone: Vec<EarlierResult> = self
            .earlier
            .iter()
            .filter(|r| r.outcome == "fail")
            .filter(|r| {
                partnerships.contains(r.partnership.as_str()) && rules.contains(r.rule.as_str())
            })
            .filter(|r| !now.contains(&key(&r.rule, &r.partnership, &r.subject)))
            .cloned()
            .collect();
        self.resolved.extend(gone);
    }

    /// New or persisting, for a current failure; `None` for other outcomes.
    pub fn change(&self, f: &Finding) -> Option<Change> {
        if f.outcome != Outcome::Fail {
            return None;
        }
        Some(
            if self
                .failing
                .contains(&key(&f.rule, &f.partnership, &f.subject))
            {
                Change::Persisting
            } else {
                Change::New
            },
        )
    }

    /// Counts of new and persisting failures among `findings`, by partnership.
    pub fn counts<'a>(
        &self,
        findings: impl Iterator<Item = &'a Finding>,
    ) -> BTreeMap<String, (usize, usize)> {
        let mut out: BTreeMap<String, (usize, usize)> = BTreeMap::new();
        for f in findings {
            match self.change(f) {
                Some(Change::New) => out.entry(f.partnership.clone()).or_default().0 += 1,
                Some(Change::Persisting) => out.entry(f.partnership.clone()).or_default().1 += 1,
                None => {}
            }
        }
        out
    }
}
