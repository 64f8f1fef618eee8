//! The drawn structure: the SVG picture, GraphML and DOT stay well-formed whatever the names
//! hold; the picture keeps every name whole, fits an A4 page's width, marks the parts behind
//! findings in words as well as pattern, and grows downwards, not wider, with the partnership.
//! Parsed with a real XML parser (roxmltree), not searched for strings, since "well-formed" is
//! what a browser, an XML tool or an office suite will insist on.

mod common;

use std::path::Path;
use std::sync::Arc;

use common::{day, scrutineer};
use scrutineer_graph::{Graph, load_str};
use scrutineer_report::Structure;
use scrutineer_report::structure::opened_chart;
use scrutineer_rules::opened::Opened;

/// A failure that began on `day`, as the records show.
fn exactly(day: scrutineer_graph::Date) -> Opened {
    Opened {
        day,
        on_or_before: false,
        records_begin: false,
    }
}

/// Every ASCII control character, the two noncharacters XML 1.0 forbids, a bidirectional
/// override, and the markup that can end a CDATA section, a tag or an attribute.
fn every_hostile_character() -> String {
    let mut s: String = (0u8..0x20).chain([0x7f]).map(char::from).collect();
    s.push_str("\u{FFFE}\u{FFFF}\u{202E}]]><&\"'");
    s
}

/// `s` as a RON string body: every character written as an escape, so the file holds it as is.
fn ron_escaped(s: &str) -> String {
    s.chars()
        .map(|c| format!("\\u{{{:x}}}", c as u32))
        .collect()
}

/// A partnership whose every name (partnership, organisations, person, title, groups) holds
/// [`every_hostile_character`], with a seat and a reporting line between them.
fn hostile_everywhere() -> Graph {
    let h = ron_escaped(&every_hostile_character());
    let text = format!(
        r#"Partnership(
    id: "all-controls",
    name: "Partnership {h} end",
    areas: ["Here"],
    nation: England,
    tier: District,
    organisations: [
        Organisation(id: "council", name: "Council {h}", kind: DistrictCouncil),
        Organisation(id: "charity", name: "Charity {h}", kind: VoluntarySector),
    ],
    people: [Person(id: "chair", name: "Chair {h}", title: "Title {h}", organisation: "council")],
    groups: [
        Group(id: "board", name: "Board {h}", kind: StrategyGroup),
        Group(id: "sub", name: "Subgroup {h}", kind: Subgroup),
        Group(id: "osc", name: "Committee {h}", kind: CrimeAndDisorderCommittee),
    ],
    memberships: [
        Membership(member: "chair", group: "board", role: Chair),
        Membership(member: "council", group: "sub"),
    ],
    reporting: [ReportsTo(group: "sub", to: "board")],
)"#
    );
    let loaded = load_str(Path::new("all-controls.ron"), text);
    loaded.graph.unwrap_or_else(|| {
        panic!(
            "the generated partnership should load: {:?}",
            loaded
                .diagnostics
                .iter()
                .map(|(_, d)| d.to_string())
                .collect::<Vec<_>>()
        )
    })
}

/// Checks that `dot` is a sequence of statements whose quoted strings all close on their line:
/// a name that could end a string early, or run it on, would show here.
fn assert_dot_strings_close(dot: &str) {
    for line in dot.lines() {
        let mut in_string = false;
        let mut chars = line.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' if in_string => {
                    chars.next();
                }
                '"' => in_string = !in_string,
                c if !in_string => assert!(
                    c.is_ascii_graphic() || c == ' ',
                    "{c:?} outside a string in {line:?}"
                ),
                c => assert!(!c.is_control(), "{c:?} inside a string in {line:?}"),
            }
        }
        assert!(!in_string, "a string runs past its line: {line:?}");
    }
}

/// All the text a reader of `svg` would see, one `<text>` element per line.
fn texts(doc: &roxmltree::Document) -> Vec<String> {
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or("").to_string())
        .collect()
}

#[test]
fn every_format_is_well_formed_whatever_a_name_holds() {
    let g = hostile_everywhere();
    let s = Structure::build(&g, day("2022-10-01"), &[]);
    for (format, out) in [
        ("svg", s.to_svg()),
        ("labelled svg", s.to_svg_labelled(&[("council", "1]]>&<2")])),
        ("graphml", s.to_graphml()),
    ] {
        let doc = roxmltree::Document::parse(&out)
            .unwrap_or_else(|e| panic!("{format} is not well-formed XML: {e}\n{out}"));
        let all: String = doc
            .descendants()
            .filter_map(|n| n.text())
            .collect::<Vec<_>>()
            .join("\n");
        // The markup comes back as the text it was, and each forbidden character shows where
        // it was, as U+FFFD.
        assert!(all.contains("]]><&\"'"), "{format}: {all}");
        assert!(all.contains('\u{FFFD}'), "{format}: {all}");
    }
    assert_dot_strings_close(&s.to_dot());
    // Mermaid: each label stays inside its quotes, markup as Mermaid's entities.
    let mermaid = s.to_mermaid();
    for line in mermaid.lines() {
        assert_eq!(line.matches('"').count() % 2, 0, "{line}");
        assert!(!line.contains('<'), "{line}");
    }
    assert!(!mermaid.chars().any(|c| c.is_control() && c != '\n'));
}

#[test]
fn the_hostile_partnership_draws_as_well_formed_xml_through_the_command() {
    for format in ["svg", "graphml"] {
        let out = scrutineer(&[
            "graph",
            "crates/scrutineer-cli/tests/data/hostile.ron",
            "--as-of",
            "2022-10-01",
            "--format",
            format,
        ]);
        assert_eq!(out.status.code(), Some(0), "{format}");
        let text = String::from_utf8(out.stdout).unwrap();
        let doc = roxmltree::Document::parse(&text)
            .unwrap_or_else(|e| panic!("{format} is not well-formed XML: {e}\n{text}"));
        assert!(
            doc.descendants()
                .filter_map(|n| n.text())
                .any(|t| t.contains("Board <svg onload=")),
            "{format}: the hostile name should be there as text"
        );
        // Only the SVG and its own elements: nothing from the names became markup.
        for n in doc.descendants().filter(|n| n.is_element()) {
            assert!(
                !matches!(n.tag_name().name(), "script" | "iframe" | "img" | "b"),
                "{format}: <{}> came from a name",
                n.tag_name().name()
            );
        }
    }
    let dot = scrutineer(&[
        "graph",
        "crates/scrutineer-cli/tests/data/hostile.ron",
        "--as-of",
        "2022-10-01",
        "--format",
        "dot",
    ]);
    assert_dot_strings_close(&String::from_utf8(dot.stdout).unwrap());
}

/// The bundled partnerships, loaded.
fn bundled() -> Vec<(String, Arc<Graph>)> {
    let mut files: Vec<_> = std::fs::read_dir(common::root().join("graphs/partnerships"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".ron"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|f| {
            let g = common::load(&format!("graphs/partnerships/{f}"));
            (f, Arc::new(g))
        })
        .collect()
}

#[test]
fn every_name_is_drawn_whole_and_the_picture_fits_a4() {
    let on = day("2022-10-01");
    for (file, g) in bundled() {
        let eval = common::evaluate(std::slice::from_ref(&g), on, &[]);
        let findings: Vec<_> = eval.findings.iter().collect();
        let s = Structure::build(&g, on, &findings);
        let svg = s.to_svg();
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let root = doc.root_element();
        assert_eq!(root.attribute("role"), Some("img"), "{file}");
        // The width is an A4 page's text width whatever the partnership; the height is the
        // content's. Every bundled partnership fits one portrait page (297/210 = 1.41).
        let view: Vec<f64> = root
            .attribute("viewBox")
            .unwrap()
            .split(' ')
            .map(|v| v.parse().unwrap())
            .collect();
        assert_eq!(view[2], 720.0, "{file}");
        assert!(view[3] / view[2] <= 1.41, "{file} is {} tall", view[3]);
        assert!(
            root.attribute("style")
                .unwrap()
                .contains("width:100%;height:auto"),
            "{file}"
        );
        // Each name, wrapped over lines, is all there, with nothing shortened.
        let drawn = texts(&doc).join(" ");
        assert!(!drawn.contains('…'), "{file}: something was shortened");
        for n in &s.nodes {
            let words: Vec<&str> = n.label.split_whitespace().collect();
            assert!(
                drawn.contains(&words.join(" ")),
                "{file}: {:?} is not drawn whole",
                n.label
            );
        }
        // The text alternative names the structure too.
        let desc = root
            .children()
            .find(|c| c.has_tag_name("desc"))
            .and_then(|c| c.text())
            .unwrap();
        assert!(desc.starts_with(&s.description()), "{file}");
        for n in s
            .nodes
            .iter()
            .filter(|n| n.kind == scrutineer_report::structure::NodeKind::Group)
        {
            assert!(
                desc.contains(&n.label),
                "{file}: {} not in the description",
                n.label
            );
        }
    }
}

#[test]
fn the_parts_behind_findings_are_marked_in_words_and_pattern() {
    let on = day("2022-10-01");
    let g = Arc::new(common::load("graphs/partnerships/welwyn-hatfield.ron"));
    let eval = common::evaluate(std::slice::from_ref(&g), on, &[]);
    let findings: Vec<_> = eval.findings.iter().collect();
    let s = Structure::build(&g, on, &findings);
    let svg = s.to_svg();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let lines = texts(&doc);
    // The probation service's seat is behind a participation failure: the line says so, and
    // sits on the hatched pattern.
    let probation = lines
        .iter()
        .find(|l| l.contains("the probation service"))
        .expect("probation is drawn");
    assert!(probation.starts_with('⚠'), "{probation}");
    assert!(lines.join(" ").contains("(behind a finding)"));
    assert!(svg.contains("fill=\"url(#hatch-welwyn-hatfield)\""));
    // The pack's own numbering, when it gives one, replaces the words.
    let labelled = s.to_svg_labelled(&[("probation@rag", "2"), ("rag", "1"), ("rag", "3")]);
    let doc = roxmltree::Document::parse(&labelled).unwrap();
    let lines = texts(&doc).join(" ");
    assert!(lines.contains("(behind finding 2)"), "{lines}");
    assert!(
        lines.contains("this group is behind findings 1, 3"),
        "{lines}"
    );
    // Nothing marked, nothing said.
    let plain = s.to_svg_labelled(&[]);
    assert_eq!(plain.matches('⚠').count(), 1, "only the key has one");
    assert!(!plain.contains("behind finding"));
}

#[test]
fn the_picture_of_a_bundled_partnership() {
    let on = day("2022-10-01");
    let g = Arc::new(common::load("graphs/partnerships/watford.ron"));
    let eval = common::evaluate(std::slice::from_ref(&g), on, &[]);
    let findings: Vec<_> = eval.findings.iter().collect();
    let s = Structure::build(&g, on, &findings);
    let svg = s.to_svg();
    // The same bytes every time.
    assert_eq!(svg, Structure::build(&g, on, &findings).to_svg());
    common::snapshot_settings().bind(|| insta::assert_snapshot!("picture_svg__watford", svg));
}

/// A partnership with `n` subgroups reporting to its strategy group, each with three seats.
fn many_subgroups(n: usize) -> Graph {
    let mut text = String::from(
        r#"Partnership(id: "many", name: "Many Subgroups Partnership", areas: ["Here"], nation: England, tier: District,
    organisations: [
        Organisation(id: "council", name: "Borough Council", kind: DistrictCouncil),
        Organisation(id: "police", name: "Constabulary", kind: ChiefOfficerOfPolice),
        Organisation(id: "charity", name: "Community Voluntary Services", kind: VoluntarySector),
    ],
    groups: [Group(id: "board", name: "Board", kind: StrategyGroup),"#,
    );
    for i in 0..n {
        text.push_str(&format!(
            "Group(id: \"g{i}\", name: \"Subgroup {i} on neighbourhood safety\", kind: Subgroup),"
        ));
    }
    text.push_str("], memberships: [");
    for i in 0..n {
        for m in ["council", "police", "charity"] {
            text.push_str(&format!("Membership(member: \"{m}\", group: \"g{i}\"),"));
        }
    }
    text.push_str("], reporting: [");
    for i in 0..n {
        // A few chains, so frames nest and deeper groups lie flat in their ancestor's frame.
        let to = if i % 10 == 9 {
            format!("g{}", i - 1)
        } else {
            "board".to_string()
        };
        text.push_str(&format!("ReportsTo(group: \"g{i}\", to: \"{to}\"),"));
    }
    text.push_str("])");
    load_str(Path::new("many.ron"), text).graph.expect("loads")
}

#[test]
fn two_thousand_subgroups_grow_downwards_and_keep_every_name() {
    let g = many_subgroups(2000);
    let s = Structure::build(&g, day("2022-10-01"), &[]);
    let svg = s.to_svg();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let root = doc.root_element();
    let view: Vec<f64> = root
        .attribute("viewBox")
        .unwrap()
        .split(' ')
        .map(|v| v.parse().unwrap())
        .collect();
    assert_eq!(view[2], 720.0, "never wider than the page");
    let drawn = texts(&doc).join(" ");
    for i in [0, 8, 9, 999, 1999] {
        assert!(
            drawn.contains(&format!("Subgroup {i} on neighbourhood safety")),
            "subgroup {i}"
        );
    }
    // Each subgroup is one card (a rounded rectangle), the board one more.
    let cards = doc
        .descendants()
        .filter(|n| n.has_tag_name("rect") && n.attribute("rx") == Some("8"))
        .count();
    assert_eq!(cards, 2001);
    // A subgroup reporting to another is framed under it and says nothing more; none is lost.
    assert!(drawn.contains("1 group reporting to Subgroup 8 on neighbourhood safety:"));
}

#[test]
fn the_chart_of_when_findings_opened() {
    let as_of = day("2022-10-01");
    let hostile = every_hostile_character();
    let opened = [
        (
            "1. The probation service does not take part",
            exactly(day("2019-03-14")),
        ),
        (hostile.as_str(), exactly(day("2022-09-20"))),
        (
            "3. Opened after the day, drawn as opening on it",
            exactly(day("2023-01-01")),
        ),
        (
            "4. Already open when the records begin",
            Opened {
                day: day("2018-06-01"),
                on_or_before: true,
                records_begin: true,
            },
        ),
    ];
    let svg = opened_chart("welwyn-hatfield", &opened, as_of);
    let doc = roxmltree::Document::parse(&svg).expect("well-formed");
    let root = doc.root_element();
    assert_eq!(
        root.attribute("aria-labelledby"),
        Some("title-opened-welwyn-hatfield desc-opened-welwyn-hatfield")
    );
    let bars = doc.descendants().filter(|n| n.has_tag_name("rect")).count();
    assert_eq!(bars, 4);
    // The one open when the records begin has an arrow back from its start, and says so.
    assert_eq!(
        doc.descendants().filter(|n| n.has_tag_name("path")).count(),
        1
    );
    let lines = texts(&doc).join("\n");
    assert!(
        lines.contains("since 14 March 2019 (3 years 6 months)"),
        "{lines}"
    );
    assert!(lines.contains("from 1 October 2022"), "{lines}");
    assert!(
        lines.contains("since 1 June 2018 or earlier (4 years 4 months or more)"),
        "{lines}"
    );
    for year in 2018..=2023 {
        assert!(lines.contains(&year.to_string()), "{year}");
    }
    let desc = root
        .children()
        .find(|c| c.has_tag_name("desc"))
        .and_then(|c| c.text())
        .unwrap();
    assert!(desc.contains(
        "1. The probation service does not take part: open since 14 March 2019 (3 years 6 months)."
    ));
    assert!(desc.contains("when the records begin (at least 4 years 4 months)"));
    common::snapshot_settings().bind(|| insta::assert_snapshot!("picture_opened_chart", svg));
    // No findings: still a picture, saying so.
    let empty = opened_chart("x", &[], as_of);
    let doc = roxmltree::Document::parse(&empty).unwrap();
    assert!(
        doc.descendants()
            .any(|n| n.text() == Some("No findings are open."))
    );
}

#[test]
fn the_strategy_group_comes_first_and_the_committee_beside_it() {
    let on = day("2022-10-01");
    for (file, top) in [
        ("watford.ron", "Joint Authorities Group"),
        // Kent records only a county strategy group: that is the top of its picture.
        ("kent.ron", "Kent Community Safety Partnership"),
    ] {
        let g = common::load(&format!("graphs/partnerships/{file}"));
        let svg = Structure::build(&g, on, &[]).to_svg();
        let doc = roxmltree::Document::parse(&svg).unwrap();
        // Group names are the 13 px bold lines; the first is the top group's.
        let heads: Vec<&str> = doc
            .descendants()
            .filter(|n| n.attribute("font-size") == Some("13"))
            .filter_map(|n| n.text())
            .collect();
        assert!(heads[0].starts_with(top), "{file}: {heads:?}");
        // The committee's card is beside it (its top at the same height), with the arrow.
        let cards: Vec<(f64, f64)> = doc
            .descendants()
            .filter(|n| n.has_tag_name("g"))
            .filter(|n| {
                n.first_element_child()
                    .is_some_and(|r| r.has_tag_name("rect") && r.attribute("rx") == Some("8"))
            })
            .filter_map(|n| {
                let t = n.attribute("transform")?;
                let inner = t.strip_prefix("translate(")?.strip_suffix(')')?;
                let (x, y) = inner.split_once(' ')?;
                Some((x.parse().ok()?, y.parse().ok()?))
            })
            .collect();
        assert_eq!(cards[0], (0.0, 0.0), "{file}: {cards:?}");
        assert!(
            cards.iter().any(|&(x, y)| x > 400.0 && y == 0.0),
            "{file}: no card beside the top group: {cards:?}"
        );
        assert!(
            doc.descendants().any(|n| n.text() == Some("scrutinises")),
            "{file}"
        );
    }
}

#[test]
fn a_reporting_line_behind_a_finding_is_written_out_and_marked() {
    // The task group reports to the board and to the local strategic partnership: the rule
    // that a subgroup reports to the board alone fails, naming the group and both ends.
    let on = day("2024-06-01");
    let file = "graphs/fixtures/HALL-SUBGROUP-REPORTS-TO-BOARD/fails_two_parents.ron";
    let g = Arc::new(common::load(file));
    let eval = common::evaluate(
        std::slice::from_ref(&g),
        on,
        &["HALL-SUBGROUP-REPORTS-TO-BOARD"],
    );
    let findings: Vec<_> = eval.findings.iter().collect();
    let s = Structure::build(&g, on, &findings);
    let marked: Vec<(&str, &str)> = s
        .edges
        .iter()
        .filter(|e| e.kind == "reports_to" && !e.failing.is_empty())
        .map(|e| (e.from.as_str(), e.to.as_str()))
        .collect();
    assert_eq!(marked, [("asb", "board"), ("asb", "lsp")]);
    let svg = s.to_svg();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let lines = texts(&doc).join(" ");
    // The task group sits in the board's frame; both lines are written on its card, marked,
    // since a frame alone cannot show that the line is in question.
    for to in ["Safer Fixture Board", "Local Strategic Partnership"] {
        assert!(
            lines.contains(&format!(
                "Reports to {to} (⚠ this line is behind a finding)"
            )),
            "{to}: {lines}"
        );
    }
    assert!(
        lines.contains("1 group reporting to Safer Fixture Board:"),
        "{lines}"
    );
}
