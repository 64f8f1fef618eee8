//! Every fixture under `graphs/fixtures/<RULE-ID>/` is checked against its rule as of the date
//! in its `// as-of:` line. The file name says what must happen (`fails_`, `passes_`,
//! `unknown_`, `not_applicable_`), and the text a person would read is snapshot.

mod common;

use std::sync::Arc;

use scrutineer_report::render_text;
use scrutineer_rules::Outcome;

fn as_of_line(text: &str, file: &str) -> String {
    text.lines()
        .find_map(|l| {
            l.trim()
                .strip_prefix("// as-of:")
                .map(|d| d.trim().to_string())
        })
        .unwrap_or_else(|| panic!("{file} has no `// as-of: YYYY-MM-DD` line"))
}

#[test]
fn fixtures() {
    let root = common::root();
    // Every fixture whose outcome contradicts its name is listed, not only the first.
    let wrong = std::sync::Mutex::new(Vec::<String>::new());
    common::snapshot_settings().bind(|| {
        insta::glob!(root.join("graphs/fixtures"), "*/*.ron", |path| {
            let relative = path.strip_prefix(&root).unwrap().display().to_string();
            let rule = path
                .parent()
                .unwrap()
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(path).unwrap();
            let as_of = common::day(&as_of_line(&text, &relative));
            let graph = Arc::new(common::load(&relative));
            let graphs = [graph];
            let eval = common::evaluate(&graphs, as_of, &[rule.as_str()]);
            assert!(
                eval.errors.is_empty(),
                "{relative}: rule errors {:?}",
                eval.errors
            );
            assert!(
                !eval.findings.is_empty(),
                "{relative}: the rule returned nothing"
            );
            let has = |o: Outcome| eval.findings.iter().any(|f| f.outcome == o);
            let problem = if name.starts_with("fails_") {
                (!has(Outcome::Fail)).then_some("expected a failure")
            } else if name.starts_with("passes_") {
                (!has(Outcome::Pass) || has(Outcome::Fail))
                    .then_some("expected a pass and no failure")
            } else if name.starts_with("unknown_") {
                (!has(Outcome::Unknown) || has(Outcome::Fail))
                    .then_some("expected unknown and no failure")
            } else if name.starts_with("not_applicable_") {
                (!eval
                    .findings
                    .iter()
                    .all(|f| f.outcome == Outcome::NotApplicable))
                .then_some("expected not applicable")
            } else {
                Some("a fixture's name starts with fails_, passes_, unknown_ or not_applicable_")
            };
            // "Cannot tell" is a request: every unknown names the record that would settle it.
            let problem = problem.or_else(|| {
                eval.findings
                    .iter()
                    .any(|f| f.outcome == Outcome::Unknown && f.request.is_none())
                    .then_some("an unknown without a request (`.ask_for(...)`)")
            });
            if let Some(p) = problem {
                let got: Vec<String> = eval
                    .findings
                    .iter()
                    .map(|f| format!("{} {}: {}", f.outcome, f.subject, f.message))
                    .collect();
                wrong
                    .lock()
                    .unwrap()
                    .push(format!("{relative}: {p}; got {got:?}"));
            }
            let set = common::result_set(&graphs, as_of, &eval, true);
            insta::assert_snapshot!(render_text(&set));
        });
    });
    let wrong = wrong.into_inner().unwrap();
    assert!(
        wrong.is_empty(),
        "{} fixture(s) contradict their names:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}
