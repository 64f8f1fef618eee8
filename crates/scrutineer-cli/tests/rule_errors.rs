//! Broken and hostile rules: each is stopped and reported against its file and position, and
//! the real rules' results are unchanged beside it.

mod common;

use std::sync::Arc;

use scrutineer_rules::{Limits, RuleSet};

fn broken(name: &str) -> std::path::PathBuf {
    common::root()
        .join("crates/scrutineer-cli/tests/broken-rules")
        .join(format!("{name}.rhai"))
}

/// Compiles the real pack plus one broken rule, evaluates Welwyn Hatfield, and returns the
/// errors as a person reads them, with the checkout's path removed.
fn errors_with(name: &str) -> String {
    let root = common::root();
    let mut set = RuleSet::load_dir(
        &root.join("rules"),
        Limits {
            max_operations: 200_000,
            ..Limits::default()
        },
    )
    .unwrap();
    set.add_file(&broken(name), "broken");
    let graph = Arc::new(common::load("graphs/partnerships/welwyn-hatfield.ron"));
    let day = common::day("2022-10-01");
    let eval = set.evaluate(std::slice::from_ref(&graph), day, None);
    // The real rules' results do not depend on the broken one.
    let clean = common::evaluate(&[graph], day, &[]);
    assert_eq!(
        eval.findings, clean.findings,
        "{name} changed the other rules' results"
    );
    let prefix = format!("{}/", root.display());
    set.errors
        .iter()
        .chain(&eval.errors)
        .map(|e| e.to_string().replace(&prefix, ""))
        .collect::<Vec<_>>()
        .join("\n")
}

macro_rules! broken_rule {
    ($test:ident, $name:literal) => {
        #[test]
        fn $test() {
            let text = errors_with($name);
            assert!(
                text.contains(concat!("broken-rules/", $name, ".rhai")),
                "{text}"
            );
            common::snapshot_settings()
                .bind(|| insta::assert_snapshot!(concat!("rule_error__", $name), text));
        }
    };
}

broken_rule!(syntax_error, "SYNTAX-ERROR");
broken_rule!(loops_forever, "LOOPS-FOREVER");
broken_rule!(recurses, "RECURSES");
broken_rule!(grows_a_string, "GROWS-A-STRING");
broken_rule!(wrong_return, "WRONG-RETURN");
broken_rule!(throws, "THROWS");
broken_rule!(uses_eval, "USES-EVAL");
broken_rule!(imports, "IMPORTS");
broken_rule!(no_metadata, "NO-METADATA");
broken_rule!(unknown_function, "UNKNOWN-FUNCTION");
broken_rule!(grows_an_array, "GROWS-AN-ARRAY");
broken_rule!(huge_map, "HUGE-MAP");
