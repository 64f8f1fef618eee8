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
    common::snapshot_settings().bind(|| {
        insta::glob!(root.join("graphs/fixtures"), "*/*.ron", |path| {
            let relative = path.strip_prefix(&root).unwrap().display().to_string();
            let rule = path.parent().unwrap().file_name().unwrap().to_string_lossy().into_owned();
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(path).unwrap();
            let as_of = common::day(&as_of_line(&text, &relative));
            let graph = Arc::new(common::load(&relative));
            let graphs = [graph];
            let eval = common::evaluate(&graphs, as_of, &[rule.as_str()]);
            assert!(eval.errors.is_empty(), "{relative}: rule errors {:?}", eval.errors);
            assert!(!eval.findings.is_empty(), "{relative}: the rule returned nothing");
            let has = |o: Outcome| eval.findings.iter().any(|f| f.outcome == o);
            if name.starts_with("fails_") {
                assert!(has(Outcome::Fail), "{relative}: expected a failure");
            } else if name.starts_with("passes_") {
                assert!(has(Outcome::Pass) && !has(Outcome::Fail), "{relative}: expected a pass and no failure");
            } else if name.starts_with("unknown_") {
                assert!(has(Outcome::Unknown) && !has(Outcome::Fail), "{relative}: expected unknown and no failure");
            } else if name.starts_with("not_applicable_") {
                assert!(eval.findings.iter().all(|f| f.outcome == Outcome::NotApplicable), "{relative}: expected not applicable");
            } else {
                panic!("{relative}: a fixture's name starts with fails_, passes_, unknown_ or not_applicable_");
            }
            let set = common::result_set(&graphs, as_of, &eval, true);
            insta::assert_snapshot!(render_text(&set));
        });
    });
}
