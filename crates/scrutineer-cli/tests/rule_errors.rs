//! Broken and hostile rules: each is stopped and reported against its file and position, and
//! the real rules' results are unchanged beside it.

mod common;

use std::sync::Arc;

use scrutineer_rules::{Limits, RuleSet};

/// As in the program: the memory budget is measured by the counting allocator.
#[global_allocator]
static ALLOCATOR: scrutineer_rules::memory::CountingAllocator =
    scrutineer_rules::memory::CountingAllocator;

/// The limits the broken rules run under: the defaults, with fewer operations, seconds and
/// megabytes so that each is stopped quickly.
fn test_limits() -> Limits {
    Limits {
        max_operations: 200_000,
        // Filling an array costs more per item as it grows; a smaller limit keeps the test of
        // it quick on a slow machine, well inside the time limit below.
        max_array_size: 10_000,
        max_seconds: 5,
        max_memory_mb: 64,
        ..Limits::default()
    }
}

fn broken(name: &str) -> std::path::PathBuf {
    common::root()
        .join("crates/scrutineer-cli/tests/broken-rules")
        .join(format!("{name}.rhai"))
}

/// Compiles the real pack plus one broken rule, evaluates Welwyn Hatfield, and returns the
/// errors as a person reads them, with the checkout's path removed.
fn errors_with(name: &str) -> String {
    errors_with_limits(name, test_limits())
}

/// [`errors_with`] under other limits.
fn errors_with_limits(name: &str, limits: Limits) -> String {
    let root = common::root();
    let mut set = RuleSet::load_dir(&root.join("rules"), limits).unwrap();
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
broken_rule!(date_out_of_range, "DATE-OUT-OF-RANGE");
broken_rule!(floods_outcomes, "FLOODS-OUTCOMES");
broken_rule!(huge_messages, "HUGE-MESSAGES");
broken_rule!(holds_too_much, "HOLDS-TOO-MUCH");

/// Where a rule was when its time ran out depends on the machine's speed, so the snapshot
/// keeps the file and the message and not the line and column.
#[test]
fn takes_too_long() {
    // Room enough in operations and array size that the clock stops it first, in a debug
    // build and in a release build alike.
    let text = errors_with_limits(
        "TAKES-TOO-LONG",
        Limits {
            max_operations: 50_000_000,
            max_array_size: 2_000_000,
            ..test_limits()
        },
    );
    let at = "broken-rules/TAKES-TOO-LONG.rhai:";
    let (file, rest) = text.split_at(text.find(at).expect(&text) + at.len());
    let message = rest.split_once(": ").expect(&text).1;
    assert!(
        message.starts_with("the script ran past its time limit of 5 seconds"),
        "{text}"
    );
    common::snapshot_settings().bind(|| {
        insta::assert_snapshot!(
            "rule_error__TAKES-TOO-LONG",
            format!("{file}[line]:[column]: {message}")
        )
    });
}

/// A rules folder with a link back up the tree, a pipe named like a rule and a broken link:
/// each real folder is walked once, the pipe is never opened (it would hang), the bad entries
/// are reported by name, and the genuine rule beside them loads.
#[cfg(unix)]
#[test]
fn a_hostile_rules_folder_is_walked_once_and_its_bad_entries_reported() {
    let root = common::root();
    let dir = tempfile::tempdir().unwrap();
    let area = dir.path().join("plans");
    std::fs::create_dir(&area).unwrap();
    std::fs::copy(
        root.join("rules/plans/REG10-PLAN-IN-FORCE-3YR.rhai"),
        area.join("REG10-PLAN-IN-FORCE-3YR.rhai"),
    )
    .unwrap();
    std::os::unix::fs::symlink(dir.path(), area.join("loop")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("nowhere.rhai"), area.join("broken.rhai")).unwrap();
    let fifo = area.join("PIPE.rhai");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());

    let set = RuleSet::load_dir(dir.path(), test_limits()).unwrap();
    let ids: Vec<&str> = set.rules.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["REG10-PLAN-IN-FORCE-3YR"]);
    let errors: Vec<String> = set
        .errors
        .iter()
        .map(|e| {
            e.to_string()
                .replace(&format!("{}/", dir.path().display()), "")
        })
        .collect();
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(
        errors[0].starts_with("plans/PIPE.rhai") && errors[0].contains("not a regular file"),
        "{errors:#?}"
    );
    assert!(
        errors[1].starts_with("plans/broken.rhai") && errors[1].contains("cannot read"),
        "{errors:#?}"
    );
}

/// Metadata is copied into every finding, and ids are compared by eye: both are bounded.
#[test]
fn rule_metadata_is_bounded_and_ids_are_plain_ascii() {
    let engine_set = RuleSet::empty(test_limits());
    let dir = tempfile::tempdir().unwrap();
    let good = std::fs::read_to_string(broken("THROWS")).unwrap();
    let cyrillic = dir.path().join("CYRILLIC.rhai");
    std::fs::write(&cyrillic, good.replace("\"THROWS\"", "\"THR\u{41e}WS\"")).unwrap();
    let long_ask = dir.path().join("LONG-ASK.rhai");
    std::fs::write(
        &long_ask,
        good.replace("\"THROWS\"", "\"LONG-ASK\"").replace(
            "const ASK = \"None.\";",
            &format!("const ASK = \"{}\";", "{policing_body} ".repeat(400)),
        ),
    )
    .unwrap();
    let mut set = engine_set;
    set.add_file(&cyrillic, "x");
    set.add_file(&long_ask, "x");
    assert!(set.rules.is_empty());
    let text: Vec<String> = set.errors.iter().map(|e| e.message.clone()).collect();
    assert!(
        text[0].contains("must be capital letters, digits and hyphens"),
        "{text:?}"
    );
    assert!(
        text[1].contains("`ASK` is 6400 characters long; at most 4000"),
        "{text:?}"
    );
}
