//! The four seed partnerships, checked as of the dates that matter: the findings the issue
//! promises, and the full text a committee officer would read, snapshot.

mod common;

use std::sync::Arc;

use scrutineer_graph::Graph;
use scrutineer_report::render_text;
use scrutineer_rules::{Finding, Outcome};

const FILES: [&str; 4] = [
    "graphs/partnerships/leicestershire-district-fairmead.ron",
    "graphs/partnerships/watford.ron",
    "graphs/partnerships/wellingborough.ron",
    "graphs/partnerships/welwyn-hatfield.ron",
];

fn graphs() -> Vec<Arc<Graph>> {
    FILES.iter().map(|f| Arc::new(common::load(f))).collect()
}

fn findings(as_of: &str) -> Vec<Finding> {
    let eval = common::evaluate(&graphs(), common::day(as_of), &[]);
    assert!(eval.errors.is_empty(), "rule errors: {:?}", eval.errors);
    eval.findings
}

fn outcome_of<'a>(all: &'a [Finding], p: &str, rule: &str, subject: &str) -> Vec<&'a Finding> {
    all.iter()
        .filter(|f| f.partnership == p && f.rule == rule && f.subject == subject)
        .collect()
}

#[test]
fn welwyn_hatfield_on_1_october_2022() {
    let all = findings("2022-10-01");
    let wh = "welwyn-hatfield";
    let probation = outcome_of(&all, wh, "CDA-S5-RA-PARTICIPATION", "probation");
    assert_eq!(probation.len(), 1);
    assert_eq!(probation[0].outcome, Outcome::Fail);
    let plan_fails = all
        .iter()
        .filter(|f| {
            f.partnership == wh
                && f.rule.starts_with("REG10-")
                && f.subject == "plan-2019-22"
                && f.outcome == Outcome::Fail
        })
        .count();
    assert!(
        plan_fails >= 1,
        "the missed September 2022 refresh fails a plan rule"
    );
    assert_eq!(
        outcome_of(&all, wh, "HALL-FIXED-TERM-POSTS", "da-coordinator")[0].outcome,
        Outcome::Fail
    );
    for rule in ["CDA-S5-RA-POLICE", "CDA-S5-RA-FIRE", "CDA-S5-RA-HEALTH"] {
        let rows: Vec<&Finding> = all
            .iter()
            .filter(|f| f.partnership == wh && f.rule == rule)
            .collect();
        assert!(
            !rows.is_empty() && rows.iter().all(|f| f.outcome == Outcome::Unknown),
            "{rule}: {rows:?}"
        );
    }
}

#[test]
fn welwyn_hatfield_plan_is_fine_on_31_march_2022() {
    let all = findings("2022-03-31");
    let bad: Vec<&Finding> = all
        .iter()
        .filter(|f| {
            f.partnership == "welwyn-hatfield"
                && f.rule.starts_with("REG10-")
                && f.outcome == Outcome::Fail
        })
        .collect();
    assert!(bad.is_empty(), "{bad:?}");
}

#[test]
fn wellingborough_risk_register_fails_for_exactly_the_two_incomplete_risks() {
    let all = findings("2022-10-01");
    let mut failed: Vec<&str> = all
        .iter()
        .filter(|f| {
            f.partnership == "wellingborough"
                && f.rule == "HALL-RISK-REGISTER-COMPLETE"
                && f.outcome == Outcome::Fail
        })
        .map(|f| f.subject.as_str())
        .collect();
    failed.sort_unstable();
    assert_eq!(failed, ["priorities-not-addressed", "resources-duplicated"]);
}

#[test]
fn probation_rule_does_not_apply_in_2009() {
    let all = findings("2009-06-01");
    let rows: Vec<&Finding> = all
        .iter()
        .filter(|f| f.rule == "CDA-S5-RA-PROBATION")
        .collect();
    assert_eq!(rows.len(), FILES.len());
    assert!(rows.iter().all(|f| f.outcome == Outcome::NotApplicable));
}

#[test]
fn watford_police_are_missing_from_the_joint_authorities_group() {
    let all = findings("2016-10-21");
    assert_eq!(
        outcome_of(&all, "watford", "CDA-S5-RA-POLICE", "herts-police")[0].outcome,
        Outcome::Fail
    );
    assert_eq!(
        outcome_of(&all, "watford", "CDA-S5-RA-PROBATION", "probation")[0].outcome,
        Outcome::Pass
    );
}

#[test]
fn text_reports_as_of_the_dates_that_matter() {
    let graphs = graphs();
    common::snapshot_settings().bind(|| {
        for day in ["2009-06-01", "2016-10-21", "2022-03-31", "2022-10-01"] {
            for g in &graphs {
                let one = [Arc::clone(g)];
                let eval = common::evaluate(&one, common::day(day), &[]);
                let set = common::result_set(&one, common::day(day), &eval, false);
                insta::assert_snapshot!(
                    format!("partnership__{}__{day}", g.data.id),
                    render_text(&set)
                );
            }
        }
    });
}
