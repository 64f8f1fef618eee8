//! What-if scenarios, timelines, waivers and baselines.

mod common;

use std::collections::BTreeSet;

use scrutineer_report::{PartnershipInfo, VariantResult, WhatIf, render_whatif_text};
use scrutineer_rules::whatif::{Scenario, diff};
use scrutineer_rules::{Limits, Outcome};

use common::scrutineer;

fn scenarios() -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(common::root().join("graphs/what-if"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rhai"))
        .map(|p| {
            p.strip_prefix(common::root())
                .unwrap()
                .display()
                .to_string()
        })
        .collect();
    out.sort();
    out
}

/// The graph a scenario names in its `GRAPH` constant.
fn graph_of(scenario: &str) -> String {
    let text = std::fs::read_to_string(common::root().join(scenario)).unwrap();
    text.lines()
        .find_map(|l| {
            l.strip_prefix("const GRAPH = \"")
                .and_then(|r| r.strip_suffix("\";"))
        })
        .unwrap_or_else(|| panic!("{scenario} names no GRAPH"))
        .to_string()
}

#[test]
fn every_scenario_keeps_its_promises_and_its_output_is_snapshot() {
    let root = common::root();
    for path in scenarios() {
        let scenario =
            Scenario::load(&root.join(&path), Limits::default()).unwrap_or_else(|e| panic!("{e}"));
        let graph = std::sync::Arc::new(common::load(&graph_of(&path)));
        let as_of = scenario.as_of.expect("every bundled scenario has AS_OF");
        let variants = scenario.run(&graph).unwrap_or_else(|e| panic!("{e}"));
        let before = common::evaluate(std::slice::from_ref(&graph), as_of, &[]);
        let afters: Vec<_> = variants
            .iter()
            .map(|v| common::evaluate(std::slice::from_ref(&v.graph), as_of, &[]))
            .collect();
        if !scenario.is_sweep() {
            let d = diff(&before.findings, &afters[0].findings);
            let keys = |rows: &[&scrutineer_rules::Finding]| -> BTreeSet<String> {
                rows.iter()
                    .map(|f| format!("{}/{}", f.rule, f.subject))
                    .collect()
            };
            let promised = |v: &Option<Vec<String>>| -> BTreeSet<String> {
                v.clone().expect("promises").into_iter().collect()
            };
            assert_eq!(
                keys(&d.new),
                promised(&scenario.expect_new),
                "{path}: new failures"
            );
            assert_eq!(
                keys(&d.resolved),
                promised(&scenario.expect_resolved),
                "{path}: resolved failures"
            );
            if scenario.expect_settled.is_some() {
                assert_eq!(
                    keys(&d.settled),
                    promised(&scenario.expect_settled),
                    "{path}: settled unknowns"
                );
            }
        }
        // What a person reads: one finding per fact, as every command shows it.
        let before = common::settled(std::slice::from_ref(&graph), as_of, &[]);
        let afters: Vec<_> = variants
            .iter()
            .map(|v| common::settled(std::slice::from_ref(&v.graph), as_of, &[]))
            .collect();
        let shown = |f: &&scrutineer_rules::Finding| {
            matches!(
                f.outcome,
                Outcome::Fail | Outcome::Unknown | Outcome::Waived
            )
        };
        let report = WhatIf {
            as_of,
            title: scenario.title.clone(),
            file: path.clone(),
            partnership: PartnershipInfo::of(&graph, as_of),
            rules: common::rules()
                .rules
                .iter()
                .map(|r| (r.id.as_str(), r))
                .collect(),
            before: before.findings.iter().filter(shown).collect(),
            variants: variants
                .iter()
                .zip(&afters)
                .map(|(v, a)| {
                    let d = diff(&before.findings, &a.findings);
                    VariantResult {
                        name: v.name.clone(),
                        after: a.findings.iter().filter(shown).collect(),
                        new: d.new,
                        resolved: d.resolved,
                        settled: d.settled,
                    }
                })
                .collect(),
            sweep: scenario.is_sweep(),
        };
        let name = std::path::Path::new(&path)
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        common::snapshot_settings().bind(|| {
            insta::assert_snapshot!(format!("what_if__{name}"), render_whatif_text(&report))
        });
    }
}

#[test]
fn what_if_json_has_the_contract_and_the_file_is_untouched() {
    let file = "graphs/partnerships/welwyn-hatfield.ron";
    let before = std::fs::read(common::root().join(file)).unwrap();
    let out = scrutineer(&[
        "what-if",
        file,
        "graphs/what-if/welwyn-hatfield-probation-takes-its-seat.rhai",
        "--format",
        "json",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        std::fs::read(common::root().join(file)).unwrap(),
        before,
        "the partnership file changed"
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["as_of"], "2022-10-01");
    for key in ["scenario", "before", "after", "new", "resolved", "settled"] {
        assert!(v.get(key).is_some(), "no `{key}`");
    }
    assert_eq!(v["resolved"][0]["rule"], "CDA-S5-RA-PARTICIPATION");
    assert_eq!(v["resolved"][0]["subject"], "probation");
    assert!(v["new"].as_array().unwrap().is_empty());
}

#[test]
fn a_sweep_reports_each_variant_in_json() {
    let out = scrutineer(&[
        "what-if",
        "graphs/partnerships/watford.ron",
        "graphs/what-if/watford-each-authority-withdraws.rhai",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let variants = v["variants"].as_array().unwrap();
    assert_eq!(variants.len(), 5);
    let fire = variants.iter().find(|x| x["name"] == "herts-fire").unwrap();
    let new: Vec<&str> = fire["new"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["rule"].as_str().unwrap())
        .collect();
    assert!(new.contains(&"CDA-S5-RA-FIRE"), "{new:?}");
}

#[test]
fn scenario_errors_name_the_file_and_place() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("typo.rhai");
    std::fs::write(&bad, "const TITLE = \"a typo\";\n\nfn scenario(g) {\n    g.join(\"probaton\", \"rag\", \"2022-09\");\n}\n").unwrap();
    let out = scrutineer(&[
        "what-if",
        "graphs/partnerships/welwyn-hatfield.ron",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("typo.rhai:4:7"), "{err}");
    assert!(
        err.contains("unknown organisation or person `probaton`; did you mean `probation`?"),
        "{err}"
    );

    let looping = dir.path().join("loop.rhai");
    std::fs::write(&looping, "fn scenario(g) {\n    loop { }\n}\n").unwrap();
    let out = scrutineer(&[
        "what-if",
        "--max-operations",
        "10000",
        "graphs/partnerships/welwyn-hatfield.ron",
        looping.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("loop.rhai"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn timeline_shows_the_probation_failure_on_its_exact_days() {
    let out = scrutineer(&[
        "timeline",
        "graphs/partnerships/welwyn-hatfield.ron",
        "--from",
        "2021-01-01",
        "--to",
        "2023-12-31",
        "--format",
        "json",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["step"], "exact");
    let row = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["rule"] == "CDA-S5-RA-PARTICIPATION" && r["subject"] == "probation")
        .expect("a probation row");
    // The minute is dated only "October 2021 to August 2022": it certainly speaks from the last
    // day it could have been written, and no longer than a year after the first.
    assert_eq!(row["spans"][0]["opened"], "2022-08-31");
    assert_eq!(row["spans"][0]["closed"], "2022-10-02");
    let text = scrutineer(&[
        "timeline",
        "graphs/partnerships/welwyn-hatfield.ron",
        "--from",
        "2021-01-01",
        "--to",
        "2023-12-31",
    ]);
    common::snapshot_settings().bind(|| {
        insta::assert_snapshot!(
            "timeline__welwyn-hatfield",
            String::from_utf8_lossy(&text.stdout)
        )
    });
}

/// A finding that quotes the day it is evaluated on ("in the 12 months to 21 July 2018") is one
/// span while it lasts, not one span a day.
#[test]
fn a_failure_whose_words_name_the_day_is_one_span() {
    let out = scrutineer(&[
        "timeline",
        "graphs/partnerships/north-hampshire.ron",
        "--from",
        "2016-01-01",
        "--to",
        "2019-12-31",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let row = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["rule"] == "CDOS-REG4-ANNUAL-SCRUTINY")
        .expect("the joint committee's missed review");
    let spans: Vec<(&str, &str)> = row["spans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["opened"].as_str().unwrap(), s["closed"].as_str().unwrap()))
        .collect();
    assert_eq!(
        spans,
        [("2018-07-21", "2018-10-11"), ("2019-10-12", "2019-12-16")]
    );
}

/// The exact timeline evaluates a few hundred days; evaluating every day must give the same
/// spans.
#[test]
fn the_exact_timeline_agrees_with_evaluating_every_day() {
    use scrutineer_rules::timeline::{Step, dates, exact_timeline, timeline};
    let set = common::rules();
    let all: Vec<&scrutineer_rules::Rule> = set.rules.iter().collect();
    // Where each has failures: the probation minute, and the 2016-17 risk register.
    for (file, from, to) in [
        (
            "graphs/partnerships/welwyn-hatfield.ron",
            "2022-01-01",
            "2023-03-31",
        ),
        (
            "graphs/partnerships/wellingborough.ron",
            "2016-06-01",
            "2018-06-30",
        ),
    ] {
        let g = std::sync::Arc::new(common::load(file));
        let (from, to) = (common::day(from), common::day(to));
        let exact = exact_timeline(set, &g, from, to, &all, true);
        let daily = timeline(set, &g, &dates(from, to, Step::Day, usize::MAX), &all, true);
        assert!(
            exact.evaluated < daily.evaluated / 3,
            "{} of {}",
            exact.evaluated,
            daily.evaluated
        );
        assert_eq!(exact.rows, daily.rows, "{file}");
        assert!(!exact.rows.is_empty(), "{file}: nothing to compare");
    }
}

fn waiver_check(as_of: &str, extra: &[&str]) -> serde_json::Value {
    let mut args = vec![
        "check",
        "--as-of",
        as_of,
        "--format",
        "json",
        "--all",
        "crates/scrutineer-cli/tests/data/waivers.ron",
    ];
    args.extend_from_slice(extra);
    let out = scrutineer(&args);
    serde_json::from_slice(&out.stdout).unwrap()
}

fn outcome_for(v: &serde_json::Value, subject: &str) -> String {
    v["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["rule"] == "HALL-FIXED-TERM-POSTS" && r["subject"] == subject)
        .map(|r| r["outcome"].as_str().unwrap().to_string())
        .unwrap()
}

#[test]
fn a_waiver_applies_until_it_expires_and_unused_waivers_are_reported() {
    let during = waiver_check("2022-10-01", &[]);
    assert_eq!(outcome_for(&during, "dac"), "waived");
    let note = during["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["subject"] == "dac")
        .unwrap()["note"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        note.contains("OSC 1 September 2022, minute 31") && note.contains("letter is awaited"),
        "{note}"
    );
    let unused: Vec<(String, String)> = during["unused_waivers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| {
            (
                w["rule"].as_str().unwrap().to_string(),
                w["why"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(
        unused
            .iter()
            .any(|(r, why)| r == "HALL-FIXED-TERM-POSTS" && why.contains("passes")),
        "{unused:?}"
    );
    assert!(
        unused
            .iter()
            .any(|(r, why)| r == "HALL-NO-SUCH-RULE" && why.contains("no rule")),
        "{unused:?}"
    );

    let after = waiver_check("2023-01-02", &[]);
    assert_eq!(
        outcome_for(&after, "dac"),
        "fail",
        "an expired waiver no longer applies"
    );
    let row = after["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["subject"] == "dac")
        .unwrap()
        .clone();
    assert!(
        row["note"]
            .as_str()
            .unwrap()
            .contains("expired on 31 December 2022")
    );

    let before_approval = waiver_check("2022-08-01", &[]);
    assert_eq!(
        outcome_for(&before_approval, "dac"),
        "fail",
        "a waiver applies only once approved"
    );

    let raw = waiver_check("2022-10-01", &["--no-waivers"]);
    assert_eq!(outcome_for(&raw, "dac"), "fail");
    assert!(raw.get("unused_waivers").is_none());

    let text = scrutineer(&[
        "check",
        "--as-of",
        "2022-10-01",
        "crates/scrutineer-cli/tests/data/waivers.ron",
    ]);
    assert_eq!(
        text.status.code(),
        Some(0),
        "a waived failure does not fail the run"
    );
    common::snapshot_settings()
        .bind(|| insta::assert_snapshot!("waivers__check", String::from_utf8_lossy(&text.stdout)));
}

#[test]
fn a_baseline_comparison_matches_a_manual_diff() {
    let dir = tempfile::tempdir().unwrap();
    let march = dir.path().join("march.json");
    let first = scrutineer(&["check", "--as-of", "2022-03-31", "--format", "json"]);
    std::fs::write(&march, &first.stdout).unwrap();
    let out = scrutineer(&[
        "check",
        "--as-of",
        "2022-10-01",
        "--format",
        "json",
        "--baseline",
        march.to_str().unwrap(),
    ]);
    let now: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let then: serde_json::Value = serde_json::from_slice(&first.stdout).unwrap();
    let failing = |v: &serde_json::Value| -> BTreeSet<(String, String, String)> {
        v["results"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["outcome"] == "fail")
            .map(|r| {
                (
                    r["rule"].as_str().unwrap().into(),
                    r["partnership"].as_str().unwrap().into(),
                    r["subject"].as_str().unwrap().into(),
                )
            })
            .collect()
    };
    let (a, b) = (failing(&then), failing(&now));
    let manual_new: BTreeSet<_> = b.difference(&a).cloned().collect();
    let manual_resolved: BTreeSet<_> = a.difference(&b).cloned().collect();
    let marked_new: BTreeSet<_> = now["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["change"] == "new")
        .map(|r| {
            (
                r["rule"].as_str().unwrap().into(),
                r["partnership"].as_str().unwrap().into(),
                r["subject"].as_str().unwrap().into(),
            )
        })
        .collect();
    let listed_resolved: BTreeSet<_> = now["baseline"]["resolved"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["rule"].as_str().unwrap().into(),
                r["partnership"].as_str().unwrap().into(),
                r["subject"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(marked_new, manual_new);
    assert_eq!(listed_resolved, manual_resolved);
    assert_eq!(
        now["baseline"]["new"].as_u64().unwrap() as usize,
        manual_new.len()
    );
    assert!(!manual_new.is_empty(), "the test should compare something");
    let text = scrutineer(&[
        "check",
        "--as-of",
        "2022-10-01",
        "--baseline",
        march.to_str().unwrap(),
        "graphs/partnerships/welwyn-hatfield.ron",
    ]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("Since 2022-03-31"), "{text}");
    assert!(text.contains("[new]"), "{text}");
}
