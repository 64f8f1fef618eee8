//! Real partnerships the rules were not written for, against what a careful auditor expected
//! from the papers alone, written down before the tool was run (`graphs/expected/<id>.ron`,
//! with the auditor's notes beside it in `<id>.md`).
//!
//! Every disagreement must be listed, with which side is wrong and why, in
//! `graphs/expected/differences.ron`: a new disagreement fails this test, and so does a listed
//! one that has gone. A failure the auditor did not expect (a false finding put to a partner)
//! may be listed only where the expectation itself is shown wrong. Run with `--nocapture` for
//! the table and the agreement rate.

mod common;

use std::collections::BTreeMap;
use std::sync::Arc;

use scrutineer_rules::{Finding, Outcome};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expectations {
    partnership: String,
    written: String,
    results: Vec<Expect>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    rule: String,
    /// A record id, or `*` for the rule's result over the whole partnership.
    subject: String,
    as_of: String,
    outcome: Expected,
    because: String,
    source: String,
}

#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
enum Expected {
    Fail,
    Unknown,
    Pass,
    NotApplicable,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Differences {
    differences: Vec<Difference>,
}

/// A disagreement, and which side is wrong.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Difference {
    partnership: String,
    rule: String,
    subject: String,
    as_of: String,
    tool: Expected,
    /// `Tool` (the rules are wrong or too cautious), `Expectation` (the auditor misread the
    /// papers or the law) or `Records` (the papers cannot be encoded to say what they say).
    wrong: Wrong,
    why: String,
}

#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
enum Wrong {
    Tool,
    Expectation,
    Records,
}

/// The rule's result for the subject (any subject for `*`), counting findings that stand for
/// several rules under each: fail if any fails, else unknown, else pass, else not applicable.
fn result_of(findings: &[Finding], rule: &str, subject: &str) -> Option<Expected> {
    let mine: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.rule == rule || f.also.iter().any(|a| a.rule == rule))
        .filter(|f| subject == "*" || f.subject == subject)
        .collect();
    let has = |o: Outcome| mine.iter().any(|f| f.outcome == o);
    if has(Outcome::Fail) {
        Some(Expected::Fail)
    } else if has(Outcome::Unknown) {
        Some(Expected::Unknown)
    } else if has(Outcome::Pass) || has(Outcome::Waived) {
        Some(Expected::Pass)
    } else if has(Outcome::NotApplicable) {
        Some(Expected::NotApplicable)
    } else {
        None
    }
}

#[test]
fn real_partnerships_agree_with_the_auditor_or_the_difference_is_explained() {
    let root = common::root();
    let dir = root.join("graphs/expected");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension().is_some_and(|x| x == "ron")
                && p.file_stem().is_some_and(|s| s != "differences")
        })
        .collect();
    files.sort();
    assert!(files.len() >= 9, "{} expectation files", files.len());
    let listed: Differences =
        ron::from_str(&std::fs::read_to_string(dir.join("differences.ron")).unwrap())
            .unwrap_or_else(|e| panic!("graphs/expected/differences.ron: {e}"));

    let mut table = String::new();
    let (mut total, mut agree) = (0, 0);
    let mut false_failures = Vec::new();
    // (partnership, rule, subject, as_of) → what the tool said, for every disagreement.
    let mut found: BTreeMap<(String, String, String, String), Expected> = BTreeMap::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let e: Expectations =
            ron::from_str(&text).unwrap_or_else(|err| panic!("{}: {err}", file.display()));
        assert!(!e.written.is_empty());
        let graph = Arc::new(common::load(&format!(
            "graphs/partnerships/{}.ron",
            e.partnership
        )));
        // Evaluate once per date, as every command does (one finding per fact).
        let mut by_day: BTreeMap<String, Vec<Finding>> = BTreeMap::new();
        for x in &e.results {
            assert!(
                !x.because.is_empty() && x.source.len() < 400,
                "{}: every expectation says why",
                e.partnership
            );
            let findings = by_day.entry(x.as_of.clone()).or_insert_with(|| {
                let eval =
                    common::settled(std::slice::from_ref(&graph), common::day(&x.as_of), &[]);
                assert!(eval.errors.is_empty(), "{:?}", eval.errors);
                eval.findings
            });
            let tool = result_of(findings, &x.rule, &x.subject).unwrap_or_else(|| {
                panic!(
                    "{}: {} gave nothing for {}",
                    e.partnership, x.rule, x.subject
                )
            });
            total += 1;
            let same = tool == x.outcome;
            agree += usize::from(same);
            table.push_str(&format!(
                "{:<22} {} {:<32} {:<24} expected {:<13} tool {:<13} {}\n",
                e.partnership,
                x.as_of,
                x.rule,
                x.subject,
                format!("{:?}", x.outcome),
                format!("{tool:?}"),
                if same { "" } else { "DIFFERS" }
            ));
            if !same {
                if tool == Expected::Fail {
                    false_failures.push((e.partnership.clone(), x.rule.clone(), x.as_of.clone()));
                }
                found.insert(
                    (
                        e.partnership.clone(),
                        x.rule.clone(),
                        x.subject.clone(),
                        x.as_of.clone(),
                    ),
                    tool,
                );
            }
        }
    }
    println!(
        "{table}\n{agree} of {total} agree ({:.0}%); {} false failures",
        100.0 * agree as f64 / total as f64,
        false_failures.len()
    );

    let mut problems = Vec::new();
    for d in &listed.differences {
        assert!(!d.why.trim().is_empty(), "every listed difference says why");
        let key = (
            d.partnership.clone(),
            d.rule.clone(),
            d.subject.clone(),
            d.as_of.clone(),
        );
        match found.remove(&key) {
            Some(tool) if tool == d.tool => {
                if tool == Expected::Fail && d.wrong != Wrong::Expectation {
                    problems.push(format!("{key:?}: a false failure is listed as {:?}; only a wrong expectation excuses one", d.wrong));
                }
            }
            Some(tool) => problems.push(format!("{key:?}: listed as {:?}, the tool now says {tool:?}", d.tool)),
            None => problems.push(format!("{key:?}: listed, but the tool now agrees with the auditor: remove it from differences.ron")),
        }
    }
    for (key, tool) in found {
        problems.push(format!("{key:?}: the tool says {tool:?}, unlike the auditor, and differences.ron does not explain why"));
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}
