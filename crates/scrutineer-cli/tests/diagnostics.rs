//! Every file in `graphs/invalid/` is refused (or, for a reporting cycle, warned about) with
//! the message a person sees, including the line of source it points at.

mod common;

use std::path::Path;

use scrutineer_graph::load_str;

#[test]
fn invalid_files() {
    let root = common::root();
    common::snapshot_settings().bind(|| {
        insta::glob!(root.join("graphs/invalid"), "*.ron", |path| {
            let relative = path.strip_prefix(&root).unwrap();
            let bytes = std::fs::read(path).unwrap();
            // Read as `load_file` does, so non-UTF-8 files are exercised too.
            let loaded = match String::from_utf8(bytes) {
                Ok(text) => load_str(relative, text),
                Err(_) => scrutineer_graph::load_file(path),
            };
            assert!(
                !loaded.diagnostics.is_empty(),
                "{} loaded without complaint",
                relative.display()
            );
            let name = relative.file_stem().unwrap().to_string_lossy();
            if name != "reporting_cycle" {
                assert!(
                    loaded.has_errors() && loaded.graph.is_none(),
                    "{} should be refused",
                    relative.display()
                );
            }
            let prefix = format!("{}/", root.display());
            let text: String = loaded
                .diagnostics
                .iter()
                .map(|(_, d)| d.render(loaded.source.as_deref()).replace(&prefix, ""))
                .collect();
            for (_, d) in &loaded.diagnostics {
                if d.file.as_path() != Path::new("") {
                    assert!(
                        d.span.is_some(),
                        "{}: `{}` has no line and column",
                        relative.display(),
                        d.message
                    );
                }
            }
            insta::assert_snapshot!(text);
        });
    });
}

#[test]
fn several_problems_are_all_reported() {
    let text = std::fs::read_to_string(common::root().join("graphs/invalid/several_problems.ron"))
        .unwrap();
    let loaded = load_str(Path::new("several_problems.ron"), text);
    let messages: Vec<&str> = loaded
        .diagnostics
        .iter()
        .map(|(_, d)| d.message.as_str())
        .collect();
    assert_eq!(messages.len(), 5, "{messages:?}");
    assert!(messages.iter().any(|m| m.contains("`counsil`")));
    assert!(messages.iter().any(|m| m.contains("`bord`")));
    assert!(messages.iter().any(|m| m.contains("report to itself")));
}

/// `validate` warns about the facts the tool can place least well in time: those resting only
/// on a source with no date, and an old "listed in full" flag on a record whose sources differ
/// in date (it is read as complete on each of them). The file still loads.
#[test]
fn facts_placed_badly_in_time_are_warned_about() {
    let text = r#"Partnership(
    id: "p",
    name: "Warned Community Safety Partnership",
    nation: England,
    tier: Unitary,
    sources: [
        Source(id: "page", title: "An undated web page"),
        Source(id: "m1", title: "Minutes, March 2021", date: "2021-03-10"),
        Source(id: "m2", title: "Minutes, June 2022", date: "2022-06-09"),
    ],
    organisations: [
        Organisation(id: "council", name: "Warned Borough Council", kind: UnitaryCouncil, evidence: [Evidence(source: "page")]),
    ],
    groups: [
        Group(
            id: "rag",
            name: "Responsible Authorities Group",
            kind: StrategyGroup,
            members_listed_in_full: true,
            evidence: [Evidence(source: "m1"), Evidence(source: "m2")],
        ),
    ],
)
"#;
    let loaded = load_str(Path::new("warned.ron"), text.to_string());
    assert!(!loaded.has_errors() && loaded.graph.is_some());
    assert_eq!(loaded.diagnostics.len(), 2);
    for (level, d) in &loaded.diagnostics {
        assert_eq!(*level, scrutineer_graph::Level::Warning, "{}", d.message);
    }
    let text = loaded.render_diagnostics();
    assert!(
        text.contains("warning: source `page` has no date"),
        "{text}"
    );
    assert!(text.contains("10 March 2021, 9 June 2022"), "{text}");
    common::snapshot_settings().bind(|| insta::assert_snapshot!("validate_time_warnings", text));
}
