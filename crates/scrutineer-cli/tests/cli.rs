//! The `scrutineer` binary as a user runs it: exit codes, JSON shape, determinism, and errors.

mod common;

use std::io::Read;
use std::process::{Command, Output, Stdio};

use common::scrutineer;

fn code(o: &Output) -> i32 {
    o.status.code().expect("exited normally")
}

#[test]
fn check_reports_failures_with_exit_1_and_the_json_contract() {
    let out = scrutineer(&["check", "--as-of", "2022-10-01", "--format", "json"]);
    assert_eq!(code(&out), 1, "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(v["as_of"], "2022-10-01");
    assert_eq!(
        v["partnerships"].as_array().unwrap().len(),
        common::bundled()
    );
    assert!(v["errors"].as_array().unwrap().is_empty());
    let results = v["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for r in results {
        for key in [
            "rule",
            "partnership",
            "subject",
            "outcome",
            "severity",
            "message",
            "basis",
            "url",
            "evidence",
            "ask",
        ] {
            assert!(r.get(key).is_some(), "result without `{key}`: {r}");
        }
        assert!(["fail", "unknown", "waived"].contains(&r["outcome"].as_str().unwrap()));
        assert!(["violation", "warning", "info"].contains(&r["severity"].as_str().unwrap()));
    }
}

#[test]
fn output_is_the_same_bytes_whatever_the_thread_count() {
    let one = scrutineer(&[
        "--threads",
        "1",
        "check",
        "--as-of",
        "2022-10-01",
        "--format",
        "json",
        "--all",
    ]);
    let two = scrutineer(&[
        "--threads",
        "2",
        "check",
        "--as-of",
        "2022-10-01",
        "--format",
        "json",
        "--all",
    ]);
    let four = scrutineer(&[
        "--threads",
        "4",
        "check",
        "--as-of",
        "2022-10-01",
        "--format",
        "text",
        "--all",
    ]);
    let four_again = scrutineer(&[
        "--threads",
        "1",
        "check",
        "--as-of",
        "2022-10-01",
        "--format",
        "text",
        "--all",
    ]);
    assert_eq!(one.stdout, two.stdout);
    assert_eq!(four.stdout, four_again.stdout);
}

#[test]
fn severity_threshold_sets_the_exit_code() {
    // Nothing in the 2009 records fails as a violation.
    let out = scrutineer(&[
        "check",
        "--as-of",
        "2009-06-01",
        "--severity",
        "violation",
        "graphs/partnerships/welwyn-hatfield.ron",
    ]);
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stdout));
}

#[test]
fn select_and_ignore_choose_rules() {
    let out = scrutineer(&[
        "check",
        "--as-of",
        "2022-10-01",
        "--format",
        "json",
        "--select",
        "HALL-*",
        "--ignore",
        "HALL-RISK-REGISTER-COMPLETE",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for r in v["results"].as_array().unwrap() {
        let rule = r["rule"].as_str().unwrap();
        assert!(
            rule.starts_with("HALL-") && rule != "HALL-RISK-REGISTER-COMPLETE",
            "{rule}"
        );
    }
    let bad = scrutineer(&["check", "--select", "HALL-RISK-REGISTER"]);
    assert_eq!(code(&bad), 2);
    assert!(
        String::from_utf8_lossy(&bad.stderr)
            .contains("did you mean `HALL-RISK-REGISTER-COMPLETE`?")
    );
}

#[test]
fn malformed_files_exit_2_with_file_line_and_column() {
    let out = scrutineer(&["check", "graphs/invalid/dangling_reference.ron"]);
    assert_eq!(code(&out), 2);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("graphs/invalid/dangling_reference.ron:13:48"),
        "{err}"
    );
    assert!(err.contains("did you mean `rag`?"), "{err}");
    let out = scrutineer(&["validate", "graphs/invalid"]);
    assert_eq!(code(&out), 2);
    let out = scrutineer(&["validate"]);
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
}

/// A rules folder with one real rule and one broken one.
fn rules_with(broken: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = common::root();
    std::fs::copy(
        root.join("rules/delivery/HALL-FIXED-TERM-POSTS.rhai"),
        dir.path().join("HALL-FIXED-TERM-POSTS.rhai"),
    )
    .unwrap();
    std::fs::copy(
        root.join(format!(
            "crates/scrutineer-cli/tests/broken-rules/{broken}.rhai"
        )),
        dir.path().join(format!("{broken}.rhai")),
    )
    .unwrap();
    dir
}

#[test]
fn a_rule_with_a_syntax_error_exits_2_and_the_others_still_run() {
    let dir = rules_with("SYNTAX-ERROR");
    let out = scrutineer(&[
        "check",
        "--as-of",
        "2022-10-01",
        "--rules",
        dir.path().to_str().unwrap(),
        "graphs/partnerships/welwyn-hatfield.ron",
    ]);
    assert_eq!(code(&out), 2);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("SYNTAX-ERROR.rhai:11:16: syntax error"),
        "{text}"
    );
    assert!(
        text.contains("HALL-FIXED-TERM-POSTS"),
        "the other rule's results print: {text}"
    );
}

#[test]
fn a_rule_that_loops_forever_is_a_rule_error_and_the_others_still_run() {
    let dir = rules_with("LOOPS-FOREVER");
    let out = scrutineer(&[
        "check",
        "--as-of",
        "2022-10-01",
        "--max-operations",
        "100000",
        "--format",
        "json",
        "--rules",
        dir.path().to_str().unwrap(),
        "graphs/partnerships/welwyn-hatfield.ron",
    ]);
    assert_eq!(code(&out), 2);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let e = &v["errors"][0];
    assert_eq!(e["rule"], "LOOPS-FOREVER");
    assert!(
        e["line"].as_u64().is_some() && e["column"].as_u64().is_some(),
        "{e}"
    );
    assert!(e["message"].as_str().unwrap().contains("100000 operations"));
    assert!(
        v["results"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["rule"] == "HALL-FIXED-TERM-POSTS")
    );
}

#[test]
fn explain_prints_the_documentation_and_suggests_near_misses() {
    let out = scrutineer(&["explain", "CDA-S5-RA-PROBATION"]);
    assert_eq!(code(&out), 0);
    let text = String::from_utf8_lossy(&out.stdout);
    for part in [
        "## What it does",
        "## Why it matters",
        "## Example",
        "In force:  from 1 April 2010",
        "Ask:",
    ] {
        assert!(text.contains(part), "missing {part}: {text}");
    }
    let out = scrutineer(&["explain", "CDA-S5-RA-PROBATIN"]);
    assert_eq!(code(&out), 2);
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean `CDA-S5-RA-PROBATION`?"));
}

#[test]
fn rules_lists_the_pack_as_json() {
    let out = scrutineer(&["rules", "--format", "json"]);
    assert_eq!(code(&out), 0);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rules = v.as_array().unwrap();
    assert!(rules.len() >= 27);
    for r in rules {
        for key in [
            "id",
            "title",
            "severity",
            "basis",
            "url",
            "in_force_from",
            "in_force_to",
        ] {
            assert!(r.get(key).is_some(), "{r}");
        }
    }
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_scrutineer"))
        // The JSON of every result is larger than a pipe buffer, so the write really fails.
        .args([
            "check",
            "--as-of",
            "2022-10-01",
            "--all",
            "--format",
            "json",
        ])
        .current_dir(common::root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    drop(child.stdout.take());
    let status = child.wait().unwrap();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert!(err.is_empty(), "{err}");
    assert!(
        status.code() == Some(0) || status.code() == Some(1),
        "{status:?}"
    );
}

const SUBCOMMANDS: [&str; 13] = [
    "new",
    "check",
    "explain",
    "rules",
    "law",
    "validate",
    "what-if",
    "timeline",
    "report",
    "graph",
    "fmt",
    "completions",
    "man",
];

#[test]
fn completions_cover_every_command_in_each_shell() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = scrutineer(&["completions", shell]);
        assert_eq!(
            code(&out),
            0,
            "{shell}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let script = String::from_utf8(out.stdout).unwrap();
        for sub in SUBCOMMANDS {
            assert!(script.contains(sub), "{shell} completion lacks `{sub}`");
        }
        assert!(script.contains("as-of"), "{shell} completion lacks options");
    }
    let out = scrutineer(&["completions", "tcsh"]);
    assert_eq!(code(&out), 2, "an unknown shell is a usage error");
}

#[test]
fn the_man_page_has_a_section_per_command_with_its_options() {
    let out = scrutineer(&["man"]);
    assert_eq!(code(&out), 0);
    let roff = String::from_utf8(out.stdout).unwrap();
    assert!(roff.starts_with(".ie"), "roff from the first byte");
    assert!(roff.contains(".TH scrutineer 1"));
    for sub in SUBCOMMANDS {
        assert!(
            roff.contains(&format!(".TH scrutineer-{sub} 1")),
            "no page for `{sub}`"
        );
    }
    assert!(
        !roff.contains(".TH scrutineer-help"),
        "clap's help needs no page"
    );
    // Each page carries the options as `--help` lists them.
    assert!(roff.contains("\\-\\-baseline"));
    assert!(roff.contains("Audit the governance of Community Safety Partnerships"));
}

/// More partnerships than one chunk of `check`: copies of Welwyn Hatfield under new ids (it has a
/// failure on 1 October 2022, so the run exits 1).
fn many_partnerships(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let text =
        std::fs::read_to_string(common::root().join("graphs/partnerships/welwyn-hatfield.ron"))
            .unwrap();
    for i in 0..n {
        let copy = text.replacen(
            "id: \"welwyn-hatfield\"",
            &format!("id: \"welwyn-hatfield-{i}\""),
            1,
        );
        std::fs::write(dir.path().join(format!("welwyn-hatfield-{i}.ron")), copy).unwrap();
    }
    dir
}

#[test]
fn no_progress_bar_when_standard_error_is_not_a_terminal() {
    let dir = many_partnerships(130);
    let out = scrutineer(&[
        "check",
        "--as-of",
        "2022-10-01",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 1, "{}", String::from_utf8_lossy(&out.stderr));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_progress_bar_on_a_terminal_for_a_long_run() {
    // `script` (util-linux) runs the command on a pseudo-terminal.
    let dir = many_partnerships(130);
    let command = format!(
        "{} check --as-of 2022-10-01 {} > /dev/null",
        env!("CARGO_BIN_EXE_scrutineer"),
        dir.path().display()
    );
    let out = Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .env("TERM", "xterm")
        .current_dir(common::root())
        .output()
        .expect("`script` from util-linux runs");
    let seen = String::from_utf8_lossy(&out.stdout);
    assert!(
        seen.contains("/130 partnerships checked"),
        "no progress bar on the terminal: {seen:?}"
    );
    // One chunk or fewer: no bar, even on a terminal.
    let command = format!(
        "{} check --as-of 2022-10-01 graphs/partnerships > /dev/null",
        env!("CARGO_BIN_EXE_scrutineer")
    );
    let out = Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .env("TERM", "xterm")
        .current_dir(common::root())
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stdout).contains("partnerships checked"));
}

/// The OASIS SARIF 2.1.0 schema (Schemata/sarif-schema-2.1.0.json of oasis-tcs/sarif-spec,
/// as vendored by the serde-sarif crate). One change: its two `language` patterns,
/// `^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`, have a stray `]` that Rust's regex engine rejects
/// as it compiles the schema; they read `^[a-zA-Z]{2}(-[a-zA-Z]{2})?$` here. scrutineer does not
/// write `language`.
fn sarif_validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(
        common::root().join("crates/scrutineer-cli/tests/data/sarif-schema-2.1.0.json"),
    )
    .unwrap();
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    jsonschema::draft7::new(&schema).expect("the SARIF schema compiles")
}

fn sarif(args: &[&str]) -> (i32, serde_json::Value) {
    let mut all = vec!["check", "--format", "sarif"];
    all.extend_from_slice(args);
    let out = scrutineer(&all);
    let v = serde_json::from_slice(&out.stdout).expect("SARIF is JSON");
    let errors: Vec<String> = sarif_validator()
        .iter_errors(&v)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "not valid SARIF 2.1.0: {errors:#?}");
    (code(&out), v)
}

#[test]
fn sarif_output_validates_and_maps_every_outcome() {
    // The schema does reject what is not SARIF.
    assert!(!sarif_validator().is_valid(&serde_json::json!({ "version": "2.1.0" })));
    let (exit, v) = sarif(&["--as-of", "2022-10-01", "--all"]);
    assert_eq!(exit, 1, "failures still set the exit code");
    let run = &v["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), common::rules().rules.len());
    for r in rules {
        assert!(r["helpUri"].as_str().unwrap().starts_with("https://"));
        assert!(!r["help"]["text"].as_str().unwrap().is_empty());
    }
    let results = run["results"].as_array().unwrap();
    for kind in ["fail", "open", "pass", "notApplicable"] {
        assert!(
            results.iter().any(|r| r["kind"] == kind),
            "no result of kind {kind}"
        );
    }
    // Welwyn Hatfield's probation seat, as in the JSON output.
    let probation = results
        .iter()
        .find(|r| {
            r["ruleId"] == "CDA-S5-RA-PARTICIPATION"
                && r["properties"]["partnership"] == "welwyn-hatfield"
                && r["properties"]["subject"] == "probation"
        })
        .expect("the probation result");
    assert_eq!(probation["kind"], "fail");
    // A warning in the pack, so a SARIF warning.
    assert_eq!(probation["level"], "warning");
    assert_eq!(
        probation["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "graphs/partnerships/welwyn-hatfield.ron"
    );
    let i = probation["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(rules[i]["id"], "CDA-S5-RA-PARTICIPATION");
    // Only fails carry a level other than none.
    for r in results.iter().filter(|r| r["kind"] != "fail") {
        assert_eq!(r["level"], "none", "{r}");
    }
}

#[test]
fn sarif_suppresses_waived_failures_and_reports_rule_errors() {
    let (_, v) = sarif(&[
        "--as-of",
        "2022-10-01",
        "crates/scrutineer-cli/tests/data/waivers.ron",
    ]);
    let waived: Vec<_> = v["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["properties"]["outcome"] == "waived")
        .collect();
    assert!(!waived.is_empty());
    for r in waived {
        assert_eq!(r["kind"], "fail");
        assert_eq!(r["suppressions"][0]["kind"], "external");
        assert!(
            !r["suppressions"][0]["justification"]
                .as_str()
                .unwrap()
                .is_empty()
        );
    }
    let dir = rules_with("LOOPS-FOREVER");
    let (exit, v) = sarif(&[
        "--as-of",
        "2022-10-01",
        "--rules",
        dir.path().to_str().unwrap(),
        "graphs/partnerships/welwyn-hatfield.ron",
    ]);
    assert_eq!(exit, 2);
    let inv = &v["runs"][0]["invocations"][0];
    assert_eq!(inv["executionSuccessful"], false);
    let note = &inv["toolExecutionNotifications"][0];
    assert_eq!(note["descriptor"]["id"], "LOOPS-FOREVER");
    assert!(note["locations"][0]["physicalLocation"]["region"]["startLine"].is_u64());
    // The other rule's results are still there.
    assert!(
        v["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["ruleId"] == "HALL-FIXED-TERM-POSTS")
    );
}

/// SARIF is written chunk by chunk (64 partnerships each): across chunk boundaries it is still one
/// valid document, with every partnership's results, in file order.
#[test]
fn sarif_streamed_over_several_chunks_is_one_valid_document() {
    let (_, one) = sarif(&[
        "--as-of",
        "2022-10-01",
        "graphs/partnerships/welwyn-hatfield.ron",
    ]);
    let per_copy = one["runs"][0]["results"].as_array().unwrap().len();
    assert!(per_copy > 0);
    let dir = many_partnerships(130);
    let (exit, v) = sarif(&["--as-of", "2022-10-01", dir.path().to_str().unwrap()]);
    assert_eq!(exit, 1);
    let results = v["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 130 * per_copy);
    let mut order: Vec<&str> = results
        .iter()
        .map(|r| r["properties"]["partnership"].as_str().unwrap())
        .collect();
    order.dedup();
    let mut files: Vec<String> = (0..130).map(|i| format!("welwyn-hatfield-{i}")).collect();
    files.sort();
    assert_eq!(order, files);
    assert_eq!(v["runs"][0]["invocations"][0]["executionSuccessful"], true);
}

/// (partnership, rule) of each case with a child element named `tag`, from JUnit XML.
fn junit_cases_with(xml: &str, tag: &str) -> std::collections::BTreeSet<(String, String)> {
    let doc = roxmltree::Document::parse(xml).expect("well-formed JUnit XML");
    doc.descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .filter(|c| c.children().any(|x| x.has_tag_name(tag)))
        .map(|c| {
            let rule = c.attribute("name").unwrap().split(':').next().unwrap();
            (
                c.attribute("classname").unwrap().to_string(),
                rule.to_string(),
            )
        })
        .collect()
}

#[test]
fn junit_has_a_case_per_rule_and_partnership_agreeing_with_json() {
    let out = scrutineer(&["check", "--as-of", "2022-10-01", "--format", "junit"]);
    assert_eq!(code(&out), 1);
    let xml = String::from_utf8(out.stdout).unwrap();
    let doc = roxmltree::Document::parse(&xml).expect("well-formed JUnit XML");
    let root = doc.root_element();
    assert!(root.has_tag_name("testsuites"));
    let suites: Vec<_> = root.children().filter(|n| n.is_element()).collect();
    assert_eq!(suites.len(), common::bundled());
    for s in &suites {
        assert!(s.has_tag_name("testsuite"));
        let cases: Vec<_> = s
            .children()
            .filter(|n| n.has_tag_name("testcase"))
            .collect();
        assert_eq!(cases.len(), common::rules().rules.len());
        let count = |tag: &str| {
            cases
                .iter()
                .filter(|c| c.children().any(|x| x.has_tag_name(tag)))
                .count()
                .to_string()
        };
        // The suite's totals are its cases'.
        assert_eq!(s.attribute("tests"), Some(cases.len().to_string().as_str()));
        assert_eq!(s.attribute("failures"), Some(count("failure").as_str()));
        assert_eq!(s.attribute("skipped"), Some(count("skipped").as_str()));
        assert_eq!(s.attribute("errors"), Some(count("error").as_str()));
        for c in &cases {
            assert!(c.attribute("classname").is_some() && c.attribute("name").is_some());
        }
    }
    // A case fails exactly when JSON has a failure for that rule and partnership.
    let json = scrutineer(&["check", "--as-of", "2022-10-01", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let failing: std::collections::BTreeSet<(String, String)> = v["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["outcome"] == "fail")
        .map(|r| {
            (
                r["partnership"].as_str().unwrap().to_string(),
                r["rule"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(!failing.is_empty());
    assert_eq!(junit_cases_with(&xml, "failure"), failing);
    // --severity applies as to the exit code: only violations fail.
    let out = scrutineer(&[
        "check",
        "--as-of",
        "2022-10-01",
        "--format",
        "junit",
        "--severity",
        "violation",
    ]);
    let strict = junit_cases_with(&String::from_utf8(out.stdout).unwrap(), "failure");
    assert!(strict.len() < failing.len() && strict.is_subset(&failing));
}

#[test]
fn junit_reports_a_rule_that_could_not_run_as_an_error() {
    let dir = rules_with("LOOPS-FOREVER");
    let out = scrutineer(&[
        "check",
        "--as-of",
        "2022-10-01",
        "--format",
        "junit",
        "--rules",
        dir.path().to_str().unwrap(),
        "graphs/partnerships/welwyn-hatfield.ron",
    ]);
    assert_eq!(code(&out), 2);
    let xml = String::from_utf8(out.stdout).unwrap();
    let errors = junit_cases_with(&xml, "error");
    assert!(errors.contains(&("welwyn-hatfield".into(), "LOOPS-FOREVER".into())));
    assert!(
        xml.contains("HALL-FIXED-TERM-POSTS"),
        "the other rule still reports"
    );
}

#[test]
fn hostile_text_stays_text_in_junit_and_sarif() {
    let file = "crates/scrutineer-cli/tests/data/hostile.ron";
    let out = scrutineer(&[
        "check",
        "--as-of",
        "2022-10-01",
        "--all",
        "--format",
        "junit",
        file,
    ]);
    let xml = String::from_utf8(out.stdout).unwrap();
    let doc = roxmltree::Document::parse(&xml).expect("well-formed despite the markup");
    assert!(
        doc.descendants()
            .filter_map(|n| n.attribute("name"))
            .any(|t| t.starts_with("<script>document")),
        "the hostile partnership name should come back as text"
    );
    assert!(
        doc.descendants()
            .filter_map(|n| n.text())
            .any(|t| t.contains("Board <svg onload")),
        "the hostile group name should come back as text"
    );
    assert!(!xml.chars().any(|c| c.is_control() && c != '\n'), "{xml}");
    let (_, v) = sarif(&["--as-of", "2022-10-01", "--all", file]);
    assert!(v.to_string().contains("svg onload"));
}

#[test]
fn law_lists_every_provision_and_every_date_the_pack_uses() {
    let out = scrutineer(&["law", "--format", "json"]);
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let provisions = v["provisions"].as_array().unwrap();
    assert_eq!(provisions.len(), scrutineer_rules::law::LAW.len());
    for p in provisions {
        for key in [
            "name", "citation", "url", "status", "in_force", "quote", "rules",
        ] {
            assert!(p.get(key).is_some(), "{p}");
        }
    }
    // The regulations' substitution of 2011: a seat for each authority ends, the plan duty as
    // substituted begins, each with its citation and status.
    let dates = v["dates"].as_array().unwrap();
    let on = |day: &str, name: &str| {
        dates
            .iter()
            .any(|d| d["date"] == day && d["provision"] == name && d["status"] == "verified")
    };
    assert!(on("2011-05-31", "reg3_2_each_ra_seat"));
    assert!(on("2011-06-01", "reg3_1b_partnership_plan"));
    assert!(on("2011-12-05", "reg3_2_two_or_more"));
    // Every rule with a `LAW` is listed under it.
    for r in &common::rules().rules {
        if let Some(l) = r.law {
            let p = provisions.iter().find(|p| p["name"] == l.name).unwrap();
            assert!(
                p["rules"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|x| x == r.id.as_str()),
                "{} is not listed under {}",
                r.id,
                l.name
            );
        }
    }
    let text = scrutineer(&["law"]);
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("reg3_2_each_ra_seat  (verified)"));
    let unwrapped = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(unwrapped.contains("Wales 19 November 2007 to 4 December 2011 (words not read there)"));
}

/// The HTML pack without its chart of when each finding opened, which labels each finding's
/// bar with its words (in the picture and in the picture's text alternative) by design.
fn without_opened_chart(html: &str) -> String {
    let Some(start) = html.find("<h3>How long each finding has been open</h3>") else {
        return html.to_string();
    };
    let end = start + html[start..].find("</figure>").unwrap();
    format!("{}{}", &html[..start], &html[end..])
}

/// A missing seat is one fact: the seat rule and the participation rule report it together,
/// once, in every format a person or a tool reads.
#[test]
fn one_missing_seat_is_one_finding_in_every_format() {
    let file = "graphs/fixtures/CDA-S5-RA-POLICE/fails_police_missing_from_full_list.ron";
    let said = "Fixture Constabulary is not among";
    let check = |format: &str| {
        String::from_utf8(
            scrutineer(&["check", "--as-of", "2022-10-01", file, "--format", format]).stdout,
        )
        .unwrap()
    };
    let report = |format: &str| {
        String::from_utf8(
            scrutineer(&["report", "--as-of", "2022-10-01", file, "--format", format]).stdout,
        )
        .unwrap()
    };
    let v: serde_json::Value = serde_json::from_str(&check("json")).unwrap();
    let police: Vec<&serde_json::Value> = v["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["subject"] == "police" && r["outcome"] == "fail")
        .collect();
    assert_eq!(police.len(), 1, "{police:?}");
    let also: Vec<&str> = police[0]["also"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["rule"].as_str().unwrap())
        .collect();
    assert!(
        police[0]["rule"] == "CDA-S5-RA-POLICE" || also.contains(&"CDA-S5-RA-POLICE"),
        "{police:?}"
    );
    for (name, text) in [
        ("text", check("text")),
        ("sarif", check("sarif")),
        ("junit", check("junit")),
        ("markdown", report("markdown")),
        ("html", without_opened_chart(&report("html"))),
    ] {
        assert_eq!(text.matches(said).count(), 1, "{name}: {text}");
    }
}

/// The question for members names the body that is there: in London the Mayor's Office for
/// Policing and Crime, not a police and crime commissioner the area does not have.
#[test]
fn the_question_names_the_local_policing_body_of_the_place() {
    let ask = |file: &str| -> String {
        let out = scrutineer(&[
            "check",
            "--all",
            "--as-of",
            "2022-10-01",
            file,
            "--select",
            "REG13A-PLAN-SENT-TO-PCC",
            "--format",
            "json",
        ]);
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["results"][0]["ask"].as_str().unwrap().to_string()
    };
    assert!(
        ask("graphs/partnerships/croydon.ron")
            .contains("the Mayor's Office for Policing and Crime")
    );
    assert!(
        ask("graphs/partnerships/welwyn-hatfield.ron")
            .contains("the police and crime commissioner")
    );
    let explained =
        String::from_utf8(scrutineer(&["explain", "REG13A-PLAN-SENT-TO-PCC"]).stdout).unwrap();
    assert!(!explained.contains("{policing_body}"), "{explained}");
}

/// Installed anywhere: a copy of the binary in a folder with no checkout beside it checks a
/// partnership there, with the rule pack built in, and reads relative paths from where it runs.
#[test]
fn the_binary_runs_from_any_folder_with_its_rules_built_in() {
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("scrutineer");
    std::fs::copy(env!("CARGO_BIN_EXE_scrutineer"), &bin).unwrap();
    let work = dir.path().join("council");
    std::fs::create_dir(&work).unwrap();
    std::fs::copy(
        common::root().join("graphs/partnerships/welwyn-hatfield.ron"),
        work.join("ours.ron"),
    )
    .unwrap();
    let run = |args: &[&str]| {
        std::process::Command::new(&bin)
            .args(args)
            .current_dir(&work)
            .env_remove("CARGO_MANIFEST_DIR")
            .output()
            .unwrap()
    };
    let out = run(&["check", "--as-of", "2022-10-01", "ours.ron"]);
    assert_eq!(code(&out), 1, "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("CDA-S5-RA-PARTICIPATION"));
    let rules = run(&["rules", "--format", "json"]);
    assert_eq!(code(&rules), 0);
    let v: serde_json::Value = serde_json::from_slice(&rules.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), common::rules().rules.len());
    assert_eq!(code(&run(&["explain", "REG10-PLAN-IN-FORCE-3YR"])), 0);
    assert_eq!(code(&run(&["law"])), 0);
    // No partnership named and no graphs/partnerships/ here: a clear message, not the
    // checkout's files.
    let none = run(&["check"]);
    assert_eq!(code(&none), 2);
    assert!(String::from_utf8_lossy(&none.stderr).contains("no partnership files given"));
    // Local rules added to the pack, and one that clashes with a pack rule refused by name.
    let local = work.join("local");
    std::fs::create_dir(&local).unwrap();
    let pack_rule = common::root().join("rules/plans/REG10-PLAN-IN-FORCE-3YR.rhai");
    std::fs::copy(&pack_rule, local.join("REG10-PLAN-IN-FORCE-3YR.rhai")).unwrap();
    let clash = run(&[
        "check",
        "--as-of",
        "2022-10-01",
        "--add-rules",
        "local",
        "ours.ron",
    ]);
    assert_eq!(code(&clash), 2);
    let said = String::from_utf8_lossy(&clash.stdout);
    assert!(
        said.contains("local/REG10-PLAN-IN-FORCE-3YR.rhai: rule id `REG10-PLAN-IN-FORCE-3YR` is also used by rules/plans/REG10-PLAN-IN-FORCE-3YR.rhai"),
        "{said}"
    );
}

/// `new` starts a file from a few answers: it loads, it is in the canonical layout, it holds
/// only what was answered, and it never writes over a file.
#[test]
fn new_starts_a_partnership_file_that_validates_and_invents_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("exampleshire.ron");
    let f = file.to_str().unwrap();
    let args = [
        "new",
        f,
        "--name",
        "Exampleshire Community Safety Partnership",
        "--area",
        "Exampleshire",
        "--nation",
        "england",
        "--tier",
        "district",
        "--county",
        "Exampleshire County",
        "--source",
        "Exampleshire DC Overview and Scrutiny Committee minutes, 12 June 2024",
        "--source-date",
        "2024-06-12",
    ];
    let out = scrutineer(&args);
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(&file).unwrap();
    assert_eq!(code(&scrutineer(&["validate", f])), 0);
    assert_eq!(code(&scrutineer(&["fmt", "--check", f])), 0);
    // The examples are comments: the partnership itself holds only the answers.
    let g = scrutineer_graph::load_str(&file, text.clone())
        .graph
        .unwrap();
    assert!(g.data.organisations.is_empty() && g.data.groups.is_empty());
    assert_eq!(g.data.areas, ["Exampleshire"]);
    assert_eq!(g.data.sources.len(), 1);
    assert!(text.contains("// organisations: ["), "{text}");
    // Never over a file; a district needs its county; a date as the files write it.
    let again = scrutineer(&args);
    assert_eq!(code(&again), 2);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
    let other = dir.path().join("other.ron");
    let mut no_county: Vec<&str> = args.to_vec();
    no_county[1] = other.to_str().unwrap();
    let i = no_county.iter().position(|a| *a == "--county").unwrap();
    no_county.drain(i..i + 2);
    assert_eq!(code(&scrutineer(&no_county)), 2);
    assert!(!other.exists());
    let mut bad_date = args.to_vec();
    bad_date[1] = other.to_str().unwrap();
    let d = bad_date.len() - 1;
    bad_date[d] = "12/06/2024";
    let out = scrutineer(&bad_date);
    assert_eq!(code(&out), 2);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("2024-06-12"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The README's worked example, step by step: `new` with its answers, then the finished file
/// validates, is in the canonical layout, and checks with no failure and the committee's annual
/// scrutiny passed.
#[test]
fn the_readme_worked_example_runs() {
    let readme = std::fs::read_to_string(common::root().join("README.md")).unwrap();
    assert!(readme.contains(
        "scrutineer new south-and-vale.ron --name \"South and Vale Community Safety Partnership\""
    ));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("south-and-vale.ron");
    let out = scrutineer(&[
        "new",
        file.to_str().unwrap(),
        "--name",
        "South and Vale Community Safety Partnership",
        "--area",
        "South Oxfordshire",
        "--area",
        "Vale of White Horse",
        "--nation",
        "england",
        "--tier",
        "district",
        "--county",
        "Oxfordshire",
        "--source-date",
        "2019-06-18",
        "--source",
        "South Oxfordshire and Vale of White Horse Joint Scrutiny Committee, minutes, 18 June 2019, item 6",
        "--source-url",
        "https://democratic.whitehorsedc.gov.uk/ieListDocuments.aspx?CId=549&MId=2587&Ver=4",
    ]);
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(code(&scrutineer(&["validate", file.to_str().unwrap()])), 0);
    let finished = "docs/walkthrough/south-and-vale.ron";
    assert_eq!(code(&scrutineer(&["validate", finished])), 0);
    assert_eq!(code(&scrutineer(&["fmt", "--check", finished])), 0);
    let out = scrutineer(&[
        "check",
        "--as-of",
        "2019-06-18",
        "--all",
        "--format",
        "json",
        finished,
    ]);
    assert_eq!(code(&out), 0, "no failures");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let results = v["results"].as_array().unwrap();
    let unknown = results.iter().filter(|r| r["outcome"] == "unknown").count();
    let flat = readme.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains(&format!(
            "finds no failures and {unknown} things to ask for"
        )),
        "the README's count of requests should be {unknown}"
    );
    assert!(
        results
            .iter()
            .any(|r| r["rule"] == "CDOS-REG4-ANNUAL-SCRUTINY" && r["outcome"] == "pass")
    );
}

#[test]
fn a_limit_of_zero_and_an_absurd_thread_count_are_refused() {
    // rhai reads an operation limit of 0 as "no limit": refused, so a typo cannot switch the
    // sandbox off.
    for flag in [
        "--max-operations",
        "--max-seconds",
        "--max-memory",
        "--max-outcomes",
    ] {
        let out = scrutineer(&[
            "check",
            flag,
            "0",
            "graphs/partnerships/welwyn-hatfield.ron",
        ]);
        assert_eq!(code(&out), 2, "{flag}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("must be at least 1"), "{flag}: {err}");
    }
    // Twenty thousand threads would each reserve a large stack: refused with the range.
    let out = scrutineer(&[
        "--threads",
        "20000",
        "check",
        "graphs/partnerships/welwyn-hatfield.ron",
    ]);
    assert_eq!(code(&out), 2);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("20000") && err.contains("1..=256"), "{err}");
    // Within the range, the result is the same as with the default.
    let one = scrutineer(&[
        "--threads",
        "1",
        "check",
        "--format",
        "json",
        "graphs/partnerships/welwyn-hatfield.ron",
    ]);
    let many = scrutineer(&[
        "--threads",
        "256",
        "check",
        "--format",
        "json",
        "graphs/partnerships/welwyn-hatfield.ron",
    ]);
    assert_eq!(one.stdout, many.stdout);
}

/// A scenario or a rule named on the command line is read as every input is: a pipe is refused
/// at once (reading it would wait for ever), with the file named and exit code 2.
#[cfg(unix)]
#[test]
fn a_pipe_named_as_a_scenario_or_a_rule_is_refused_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("scenario.rhai");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let out = scrutineer(&[
        "what-if",
        "graphs/partnerships/welwyn-hatfield.ron",
        fifo.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 2);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("scenario.rhai") && err.contains("not a regular file"),
        "{err}"
    );
}
