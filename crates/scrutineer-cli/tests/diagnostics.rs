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
