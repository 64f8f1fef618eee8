//! Checks the rule pack itself, so a rule without fixtures, documentation or metadata fails CI.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use scrutineer_rules::rule::{DOC_HEADINGS, REQUIRED, parse_docs};

#[test]
fn every_rule_compiles() {
    let set = common::rules();
    let errors: Vec<String> = set.errors.iter().map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "rules that do not compile: {errors:#?}");
    assert!(
        set.rules.len() >= 75,
        "expected at least 75 rules, found {}",
        set.rules.len()
    );
}

#[test]
fn ids_are_unique_and_match_file_names() {
    let mut seen = BTreeSet::new();
    for r in &common::rules().rules {
        let stem = r.file.file_stem().unwrap().to_string_lossy();
        assert_eq!(
            r.id,
            stem,
            "{}: the id must equal the file name",
            r.file.display()
        );
        assert!(seen.insert(r.id.clone()), "duplicate id {}", r.id);
        assert!(!r.area.is_empty(), "{}: rules live in rules/<area>/", r.id);
    }
}

#[test]
fn every_rule_has_its_constants_and_documentation() {
    for r in &common::rules().rules {
        let text = std::fs::read_to_string(&r.file).unwrap();
        // BASIS, URL and NATIONS may come from the law table's entry instead.
        let from_law = text.contains("const LAW =");
        for c in REQUIRED {
            if from_law && matches!(c, "BASIS" | "URL" | "NATIONS") {
                continue;
            }
            assert!(
                text.contains(&format!("const {c} =")),
                "{}: missing `const {c}`",
                r.id
            );
        }
        // A violation says a partner is breaking the law: it rests on a law table entry whose
        // words were read for every nation the rule applies in, and a rule raises a finding to
        // a violation only through that table (`p.severity_under`), never by its own say-so.
        if r.severity == scrutineer_rules::Severity::Violation {
            let law = r
                .law
                .unwrap_or_else(|| panic!("{}: a violation needs `const LAW`", r.id));
            for n in &r.nations {
                assert!(
                    law.verified_in(*n),
                    "{}: its law entry `{}` is not verified in {n:?}, so it cannot be a violation",
                    r.id,
                    law.name
                );
            }
        }
        assert!(
            !text.contains("with_severity(\"violation\")"),
            "{}: raise a finding to a violation with `p.severity_under(...)`, which checks the law table",
            r.id
        );
        assert!(
            r.url.starts_with("https://"),
            "{}: URL must be a link",
            r.id
        );
        assert!(
            r.title.chars().next().is_some_and(|c| c.is_lowercase()),
            "{}: a title is lower-case and names the problem",
            r.id
        );
        assert!(
            !r.ask.is_empty() && r.ask.ends_with('?'),
            "{}: ASK is a question",
            r.id
        );
        let docs = parse_docs(&text);
        for heading in DOC_HEADINGS {
            assert!(
                text.contains(&format!("//! {heading}")),
                "{}: missing `{heading}`",
                r.id
            );
        }
        assert!(
            docs.what_it_does.is_some() && docs.why_it_matters.is_some() && docs.example.is_some(),
            "{}: a documentation section is empty",
            r.id
        );
        // The documentation says what was read: "verified", or what was not.
        let prose = docs
            .text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        if r.severity == scrutineer_rules::Severity::Violation {
            assert!(
                prose.contains("verified"),
                "{}: a violation's documentation says the words it rests on were verified",
                r.id
            );
        }
    }
}

#[test]
fn every_rule_has_failing_passing_and_unknown_fixtures() {
    let root = common::root();
    let mut kinds: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for entry in std::fs::read_dir(root.join("graphs/fixtures")).unwrap() {
        let dir = entry.unwrap().path();
        let rule = dir.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            common::rules().get(&rule).is_some(),
            "graphs/fixtures/{rule} has no rule"
        );
        for f in std::fs::read_dir(&dir).unwrap() {
            let name = f.unwrap().file_name().to_string_lossy().into_owned();
            let kind = name.split('_').next().unwrap().to_string();
            kinds.entry(rule.clone()).or_default().insert(kind);
        }
    }
    for r in &common::rules().rules {
        let have = kinds.get(&r.id).cloned().unwrap_or_default();
        for need in ["fails", "passes", "unknown"] {
            assert!(
                have.contains(need),
                "{}: no `{need}_*.ron` fixture in graphs/fixtures/{}/",
                r.id,
                r.id
            );
        }
        // A rule for one nation shows it does not fire in the other.
        if r.nations.len() == 1 {
            let other = if r.nations[0] == scrutineer_graph::model::Nation::England {
                "nation: Wales"
            } else {
                "nation: England"
            };
            let dir = root.join("graphs/fixtures").join(&r.id);
            let shown = std::fs::read_dir(&dir).unwrap().any(|f| {
                let path = f.unwrap().path();
                path.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with("not_applicable")
                    && std::fs::read_to_string(&path).unwrap().contains(other)
            });
            assert!(
                shown,
                "{}: applies in one nation only, so it needs a `not_applicable_*` fixture in the other",
                r.id
            );
        }
        // A rule with an in-force date has a fixture on the day before it.
        // (Rules in force since 1998 are exempt: no records reach back that far.)
        let since_1999 = common::day("1999-01-01");
        let dated = [r.in_force_from.england, r.in_force_from.wales]
            .into_iter()
            .flatten()
            .any(|d| d > since_1999);
        if dated {
            assert!(
                have.contains("not"),
                "{}: no `not_applicable_*` fixture before its in-force date",
                r.id
            );
        }
    }
}

#[test]
fn no_orphan_snapshots() {
    let root = common::root();
    let fixtures: BTreeSet<String> = std::fs::read_dir(root.join("graphs/fixtures"))
        .unwrap()
        .flat_map(|d| {
            let d = d.unwrap().path();
            let rule = d.file_name().unwrap().to_string_lossy().into_owned();
            std::fs::read_dir(&d).unwrap().map(move |f| {
                format!(
                    "fixtures@{rule}__{}.snap",
                    f.unwrap().file_name().to_string_lossy()
                )
            })
        })
        .collect();
    let invalid: BTreeSet<String> = std::fs::read_dir(root.join("graphs/invalid"))
        .unwrap()
        .map(|f| f.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".ron"))
        .map(|n| format!("invalid_files@{n}.snap"))
        .collect();
    for entry in std::fs::read_dir(root.join("snapshots")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name.starts_with("fixtures@") {
            assert!(fixtures.contains(&name), "snapshots/{name} has no fixture");
        }
        if name.starts_with("invalid_files@") {
            assert!(
                invalid.contains(&name),
                "snapshots/{name} has no file in graphs/invalid"
            );
        }
    }
}

#[test]
fn the_pack_covers_the_catalogue_and_the_readme_says_so() {
    let rules = &common::rules().rules;
    // The statutory catalogue lists 77 checks. Two are not rules: CDA-S115-POWER is a power to
    // disclose that no record can show unused, and VPA-2024-DARDR is not yet in force.
    assert!(rules.len() >= 75, "{} rules", rules.len());
    for r in rules {
        assert!(!r.basis.trim().is_empty(), "{}: no BASIS", r.id);
    }
    let readme = std::fs::read_to_string(common::root().join("README.md")).unwrap();
    assert!(
        readme.contains(&format!("The pack has {} rules", rules.len())),
        "README's rule pack section gives the wrong count"
    );
    let areas: BTreeSet<&str> = rules.iter().map(|r| r.area.as_str()).collect();
    let rules_readme = std::fs::read_to_string(common::root().join("rules/README.md")).unwrap();
    for a in areas {
        assert!(
            rules_readme.contains(&format!("| `{a}` |")),
            "rules/README.md does not describe the area `{a}`"
        );
    }
}

/// The README's table of how long each state stays known is the code's one table, row by row.
#[test]
fn the_readme_prints_the_freshness_horizons_the_code_uses() {
    use scrutineer_graph::as_of::State;
    let readme = std::fs::read_to_string(common::root().join("README.md")).unwrap();
    for s in State::ALL {
        let horizon = match s.horizon_months() {
            Some(m) => format!("{m} months"),
            None => "until a later record changes it".to_string(),
        };
        let row = format!("| {} | {horizon} |", s.describe());
        assert!(readme.contains(&row), "README lacks the row `{row}`");
    }
}

/// Every legal date comes from the law table: a rule names an entry (`const LAW`,
/// `p.law_from("...")`, `p.law_date("...", "...")`), never a literal day, so a date is corrected
/// in one place and `scrutineer law` lists every date the pack uses.
#[test]
fn rules_take_their_dates_from_the_law_table() {
    for r in &common::rules().rules {
        let text = std::fs::read_to_string(&r.file).unwrap();
        let code: String = text
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n")
            .replace("law_date(\"", "");
        assert!(
            !code.contains("date(\""),
            "{}: a literal date in the code; name the law table's entry instead",
            r.id
        );
    }
    // And every entry a rule names exists (a misspelt name would be a rule error at run time).
    let names: Vec<&str> = scrutineer_rules::law::LAW.iter().map(|p| p.name).collect();
    for r in &common::rules().rules {
        let text = std::fs::read_to_string(&r.file).unwrap();
        for call in [
            "severity_under(\"",
            "law_from(\"",
            "law_to(\"",
            "law_date(\"",
            "law_in_force(\"",
        ] {
            for rest in text.split(call).skip(1) {
                let name = rest.split('"').next().unwrap();
                assert!(
                    names.contains(&name),
                    "{}: no law table entry `{name}`",
                    r.id
                );
            }
        }
    }
}

/// The format reference people read is the model's own: `docs/format.md` is what
/// `scrutineer explain format` prints, generated from `crates/scrutineer-graph/src/model/`.
#[test]
fn the_format_reference_is_generated_and_current() {
    let on_disk = std::fs::read_to_string(common::root().join("docs/format.md")).unwrap();
    let generated = scrutineer_graph::reference::markdown();
    assert!(
        on_disk == generated,
        "docs/format.md is out of date: run `cargo run -- explain format > docs/format.md`"
    );
    // Every record a file can hold is in it, with each of its fields.
    for r in scrutineer_graph::reference::RECORDS {
        assert!(
            generated.contains(&format!("### {}\n", r.name)),
            "{}",
            r.name
        );
        for f in r.fields {
            assert!(
                generated.contains(&format!("| `{}` |", f.name)),
                "{}.{}",
                r.name,
                f.name
            );
            assert!(
                !f.doc.trim().is_empty(),
                "{}.{} has no `///` line in the model",
                r.name,
                f.name
            );
        }
    }
    for v in scrutineer_graph::reference::VALUES {
        assert!(!v.values.is_empty(), "{}", v.name);
    }
}
