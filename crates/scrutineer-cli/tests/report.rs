//! The briefing pack and the structure pictures: snapshots of what a reader sees, escaping of
//! hostile text, and the same bytes for the same input.

mod common;

use common::scrutineer;

const SEEDS: [&str; 4] = [
    "leicestershire-district-fairmead",
    "watford",
    "wellingborough",
    "welwyn-hatfield",
];

#[test]
fn markdown_packs_and_pictures_of_each_seed_partnership() {
    common::snapshot_settings().bind(|| {
        for seed in SEEDS {
            let file = format!("graphs/partnerships/{seed}.ron");
            let md = scrutineer(&[
                "report",
                "--as-of",
                "2022-10-01",
                "--format",
                "markdown",
                &file,
            ]);
            assert_eq!(
                md.status.code(),
                Some(0),
                "{}",
                String::from_utf8_lossy(&md.stderr)
            );
            insta::assert_snapshot!(
                format!("report_markdown__{seed}"),
                String::from_utf8_lossy(&md.stdout)
            );
            for format in ["dot", "svg", "mermaid", "graphml"] {
                let out =
                    scrutineer(&["graph", &file, "--as-of", "2022-10-01", "--format", format]);
                assert_eq!(out.status.code(), Some(0));
                insta::assert_snapshot!(
                    format!("graph_{format}__{seed}"),
                    String::from_utf8_lossy(&out.stdout)
                );
            }
        }
    });
}

#[test]
fn structure_json_marks_failing_parts() {
    let out = scrutineer(&[
        "graph",
        "graphs/partnerships/welwyn-hatfield.ron",
        "--as-of",
        "2022-10-01",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let probation = v["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == "probation")
        .unwrap();
    assert!(
        probation["failing"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r == "CDA-S5-RA-PARTICIPATION"),
        "{probation}"
    );
    let seat = v["edges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["from"] == "probation" && e["to"] == "rag")
        .unwrap();
    assert!(
        !seat["failing"].as_array().unwrap().is_empty(),
        "the probation seat is behind the participation failure: {seat}"
    );
    // Nothing fails in Watford on that day: its records are six years old.
    let out = scrutineer(&[
        "graph",
        "graphs/partnerships/watford.ron",
        "--as-of",
        "2022-10-01",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for n in v["nodes"].as_array().unwrap() {
        assert!(n["failing"].as_array().unwrap().is_empty(), "{n}");
    }
}

#[test]
fn the_pack_is_self_contained_and_the_same_bytes_each_time() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.html");
    let b = dir.path().join("b.html");
    for (path, threads) in [(&a, "1"), (&b, "2")] {
        let out = scrutineer(&[
            "--threads",
            threads,
            "report",
            "--as-of",
            "2022-10-01",
            "--from",
            "2021-01-01",
            "--to",
            "2023-12-31",
            "--out",
            path.to_str().unwrap(),
        ]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let html = std::fs::read_to_string(&a).unwrap();
    assert_eq!(html, std::fs::read_to_string(&b).unwrap());
    for banned in ["<script", "<link", "@import", "src=", "url(http", "<iframe"] {
        assert!(!html.contains(banned), "the pack contains `{banned}`");
    }
    // A structure picture and a timeline section for each bundled partnership; a timeline is
    // drawn only where something failed in the period.
    let n = common::bundled();
    assert_eq!(html.matches("<h3>Timeline</h3>").count(), n);
    let bars = html.matches("When each failure was open").count();
    assert!(bars >= 1, "Welwyn Hatfield's probation failure is drawn");
    // And a chart of when each finding opened, for each partnership with two findings or more
    // (none of the bundled ones on this day: Welwyn Hatfield has one).
    let charts = html
        .matches("<h3>How long each finding has been open</h3>")
        .count();
    assert_eq!(html.matches("<svg").count(), n + bars + charts);
    assert!(html.contains("@page { size: A4"));
}

#[test]
fn hostile_text_is_escaped_in_every_format() {
    let file = "crates/scrutineer-cli/tests/data/hostile.ron";
    let html = scrutineer(&["report", "--as-of", "2022-10-01", file]);
    let html = String::from_utf8_lossy(&html.stdout);
    for raw in [
        "<script>document",
        "<img src=x",
        "<b>bold</b>",
        "<svg onload",
        "<iframe",
        "</td></tr></table><script>",
    ] {
        assert!(!html.contains(raw), "HTML contains raw `{raw}`");
    }
    assert!(html.contains("&lt;script&gt;document.body.setAttribute(&#39;data-pwned&#39;,&#39;script&#39;)&lt;/script&gt;"));
    assert!(
        html.contains("&lt;img src=x onerror="),
        "the hostile source title should be cited, escaped"
    );
    assert!(
        !html.contains('\u{7}'),
        "a control character reached the HTML"
    );
    let md = scrutineer(&[
        "report",
        "--as-of",
        "2022-10-01",
        "--format",
        "markdown",
        file,
    ]);
    let md = String::from_utf8_lossy(&md.stdout);
    for raw in ["<script>", "<img", "**bold**", "[link](http", "<iframe"] {
        assert!(!md.contains(raw), "Markdown contains raw `{raw}`");
    }
    assert!(
        md.contains("&lt;img src=x onerror="),
        "the hostile source title should be cited, escaped"
    );
    let graph = |format: &str| {
        let out = scrutineer(&["graph", file, "--as-of", "2022-10-01", "--format", format]);
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let svg = graph("svg");
    assert!(
        !svg.contains("<script>") && !svg.contains("<svg onload") && !svg.contains('\u{7}'),
        "{svg}"
    );
    // In DOT a quoted string is plain text: quotes inside it must be escaped.
    let dot = graph("dot");
    assert!(
        dot.contains(r#"\"Quoted\""#) && !dot.contains('\u{7}'),
        "{dot}"
    );
    // GraphML is XML: it must parse, and the names must come back as the text they were.
    let graphml = graph("graphml");
    let doc = roxmltree::Document::parse(&graphml).expect("well-formed GraphML");
    assert!(
        doc.descendants()
            .any(|n| n.text().is_some_and(|t| t.contains("<svg onload"))),
        "the hostile name should survive as text: {graphml}"
    );
    assert!(!graphml.contains('\u{7}'), "{graphml}");
    let mermaid = graph("mermaid");
    assert!(
        !mermaid.contains("<svg")
            && mermaid.contains("#lt;svg onload")
            && mermaid.contains("#amp;"),
        "{mermaid}"
    );
    common::snapshot_settings().bind(|| insta::assert_snapshot!("report_markdown__hostile", md));
}

#[test]
fn report_out_replaces_a_file_whole_or_not_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("pack.html");
    std::fs::write(&out, "an earlier pack").unwrap();
    // A broken input stops the run before anything is written.
    let bad = scrutineer(&[
        "report",
        "--out",
        out.to_str().unwrap(),
        "graphs/invalid/dangling_reference.ron",
    ]);
    assert_eq!(bad.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "an earlier pack");
    let good = scrutineer(&[
        "report",
        "--as-of",
        "2022-10-01",
        "--out",
        out.to_str().unwrap(),
        "graphs/partnerships/watford.ron",
    ]);
    assert_eq!(good.status.code(), Some(0));
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .starts_with("<!DOCTYPE html>")
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn graphml_is_well_formed_and_holds_the_same_structure_as_json() {
    for seed in SEEDS {
        let file = format!("graphs/partnerships/{seed}.ron");
        let run = |format: &str| {
            let out = scrutineer(&["graph", &file, "--as-of", "2022-10-01", "--format", format]);
            assert_eq!(out.status.code(), Some(0));
            String::from_utf8(out.stdout).unwrap()
        };
        let json: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
        let graphml = run("graphml");
        let doc = roxmltree::Document::parse(&graphml).expect("well-formed GraphML");
        let count = |tag: &str| doc.descendants().filter(|n| n.has_tag_name(tag)).count();
        assert_eq!(
            count("node"),
            json["nodes"].as_array().unwrap().len(),
            "{seed}"
        );
        assert_eq!(
            count("edge"),
            json["edges"].as_array().unwrap().len(),
            "{seed}"
        );
        // Every edge joins two nodes of the file.
        let ids: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name("node"))
            .filter_map(|n| n.attribute("id"))
            .collect();
        for e in doc.descendants().filter(|n| n.has_tag_name("edge")) {
            for end in ["source", "target"] {
                assert!(
                    ids.contains(&e.attribute(end).unwrap()),
                    "{seed}: dangling {end}"
                );
            }
        }
    }
}

#[test]
fn text_and_markdown_packs_share_the_first_page() {
    let files: Vec<String> = SEEDS
        .iter()
        .map(|s| format!("graphs/partnerships/{s}.ron"))
        .collect();
    let run = |format: &str| {
        let mut args = vec!["report", "--as-of", "2022-10-01", "--format", format];
        args.extend(files.iter().map(String::as_str));
        let out = scrutineer(&args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let text = run("text");
    let md = run("markdown");
    // The same sections, in the same order, before each appendix.
    let sections = [
        "What to raise",
        "What is in order",
        "Questions for the meeting",
        "Information to request from officers",
        "Sources",
        "Appendix: every check the records cannot settle",
    ];
    // Headings: a line of their own in text, `### ` in Markdown; in the order they come.
    let headings = |doc: &str, prefix: &str| -> Vec<String> {
        doc.lines()
            .filter_map(|l| l.strip_prefix(prefix))
            .filter(|l| sections.contains(l))
            .map(String::from)
            .collect()
    };
    let in_text = headings(&text, "");
    assert_eq!(in_text, headings(&md, "### "));
    assert_eq!(
        in_text.iter().filter(|h| *h == "What to raise").count(),
        SEEDS.len()
    );
    for name in ["drug and alcohol misuse", "substance_misuse"] {
        assert_eq!(
            text.contains(name),
            md.contains(name),
            "`{name}` differs between text and Markdown"
        );
    }
    assert!(
        !md.contains("&lt;http"),
        "a Markdown link shown as &lt;…&gt;"
    );
    assert!(md.contains("](https://www.legislation.gov.uk/"));
    // The summary table: every line of a name is whole words of it, and no line passes the
    // text width.
    let table = &text[text.find("Partnership ").unwrap()..];
    let table = &table[..table.find("\n\n").unwrap()];
    for line in table.lines() {
        assert!(line.chars().count() <= 96, "too wide: {line}");
    }
    // Read the name column back: a row with counts starts a name, a row without continues it.
    // Joined at spaces, the rows give the names whole, so none was cut inside a word.
    let mut names: Vec<String> = Vec::new();
    for line in table.lines().skip(2) {
        let words: Vec<&str> = line.split_whitespace().collect();
        let counted = words.len() > 5
            && words[words.len() - 5..]
                .iter()
                .all(|w| w.parse::<usize>().is_ok());
        let name = if counted {
            &words[..words.len() - 5]
        } else {
            &words[..]
        }
        .join(" ");
        if counted {
            names.push(name);
        } else {
            let last = names.last_mut().expect("a continuation follows a row");
            last.push(' ');
            last.push_str(&name);
        }
    }
    let json = scrutineer(
        &[
            &["check", "--as-of", "2022-10-01", "--format", "json"][..],
            &files.iter().map(String::as_str).collect::<Vec<_>>()[..],
        ]
        .concat(),
    );
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let expected: Vec<String> = v["partnerships"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(names, expected);
    assert!(
        table.lines().count() > expected.len() + 2,
        "a long name should have wrapped in this table"
    );
    common::snapshot_settings().bind(|| insta::assert_snapshot!("report_text__seeds", text));
}

/// Undoes the HTML pack's escaping.
fn unescape_html(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The text of each element opened by `open` (up to its closing `close`) inside the part of
/// `html` between `from` and the next `until`, with tags removed.
fn texts_between(html: &str, from: &str, until: &str, open: &str, close: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(from) {
        let part = &rest[i + from.len()..];
        let end = part.find(until).unwrap_or(part.len());
        let mut block = &part[..end];
        while let Some(j) = block.find(open) {
            let after = &block[j..];
            let stop = after.find(close).unwrap();
            let inner = &after[after.find('>').unwrap() + 1..stop];
            let mut text = String::new();
            let mut in_tag = false;
            for c in inner.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    c if !in_tag => text.push(c),
                    _ => {}
                }
            }
            out.push(unescape_html(&text));
            block = &after[stop..];
        }
        rest = &part[end..];
    }
    out
}

/// The Word pack of `file` as of `as_of`, written into `dir` and read back; the run must
/// succeed.
fn word_pack(dir: &std::path::Path, as_of: &str, file: &str) -> Vec<u8> {
    let docx = dir.join("pack.docx");
    let out = scrutineer(&[
        "report",
        "--as-of",
        as_of,
        "--format",
        "docx",
        "--out",
        docx.to_str().unwrap(),
        file,
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::read(&docx).unwrap()
}

/// The text of a `.docx`: each paragraph of `word/document.xml` as one line.
fn docx_text(bytes: &[u8]) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip file");
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .expect("a Word document body")
        .read_to_string(&mut xml)
        .unwrap();
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    doc.descendants()
        .filter(|n| n.tag_name().name() == "p")
        .map(|p| {
            p.descendants()
                .filter(|n| n.tag_name().name() == "t")
                .filter_map(|t| t.text())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The pictures of a `.docx`: the size of each file under `word/media/`, and the alternative
/// text (`wp:docPr descr`) of each picture in `word/document.xml`.
fn docx_pictures(bytes: &[u8]) -> (Vec<(String, u64)>, Vec<String>) {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip file");
    let media = (0..zip.len())
        .map(|i| {
            let f = zip.by_index(i).unwrap();
            (f.name().to_string(), f.size())
        })
        .filter(|(name, _)| name.starts_with("word/media/") && !name.ends_with('/'))
        .collect();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let alt = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "docPr")
        .map(|n| n.attribute("descr").unwrap_or("").to_string())
        .collect();
    (media, alt)
}

/// Each partnership's structure picture is in the pack as a PNG, with its description as its
/// alternative text and as the caption beneath it; so is the chart of when each finding opened,
/// for each partnership with a finding to raise (under its heading), with the chart's facts as
/// its text.
fn assert_one_picture_each(bytes: &[u8], partnerships: usize, what: &str) {
    let (media, alt) = docx_pictures(bytes);
    let text = docx_text(bytes);
    let charts = text
        .lines()
        .filter(|l| *l == "How long each finding has been open")
        .count();
    assert_eq!(
        media.len(),
        partnerships + charts,
        "{what}: one picture each, and a chart for each with findings: {media:?}"
    );
    for (name, size) in &media {
        assert!(name.ends_with(".png"), "{what}: {name} is not a PNG");
        assert!(*size > 10_000, "{what}: {name} is only {size} bytes");
    }
    let (structures, opened): (Vec<&String>, Vec<&String>) = alt
        .iter()
        .partition(|a| a.starts_with("The accountability structure of "));
    assert_eq!(
        structures.len(),
        partnerships,
        "{what}: one picture each in the text"
    );
    assert_eq!(opened.len(), charts, "{what}: {alt:?}");
    for a in &structures {
        assert!(
            text.lines().any(|l| l == a.as_str()),
            "{what}: the caption is not the alternative text `{a}`"
        );
    }
    for a in &opened {
        assert!(
            a.starts_with("When each finding opened, as of ") && a.contains(": open "),
            "{what}: alternative text `{a}`"
        );
    }
}

#[test]
fn the_word_pack_holds_every_finding_question_and_source_of_the_html_pack() {
    let dir = tempfile::tempdir().unwrap();
    let mut files: Vec<String> = SEEDS
        .iter()
        .map(|s| format!("graphs/partnerships/{s}.ron"))
        .collect();
    files.push("crates/scrutineer-cli/tests/data/hostile.ron".into());
    for file in &files {
        let html = scrutineer(&["report", "--as-of", "2022-10-01", file]);
        assert_eq!(html.status.code(), Some(0));
        let html = String::from_utf8(html.stdout).unwrap();
        let bytes = word_pack(dir.path(), "2022-10-01", file);
        assert_one_picture_each(&bytes, 1, file);
        let text = docx_text(&bytes);
        if file.contains("hostile") {
            let (_, alt) = docx_pictures(&bytes);
            assert!(
                alt[0].contains("<script>") && alt[0].contains("\"Quoted\" &"),
                "the hostile name survives as text in the alternative text: {}",
                alt[0]
            );
        }
        let findings = texts_between(&html, "<h3>What to raise</h3>", "<h3>", "<h4>", "</h4>");
        let questions = texts_between(
            &html,
            "<h3>Questions for the meeting</h3>",
            "</ol>",
            "<li>",
            "</li>",
        );
        let sources = texts_between(&html, "<ol class=\"sources\">", "</ol>", "<li", "</li>");
        assert!(
            !questions.is_empty(),
            "{file}: no questions in the HTML pack"
        );
        for (kind, items) in [
            ("finding", &findings),
            ("question", &questions),
            ("source", &sources),
        ] {
            for item in items {
                // The HTML shows a source's address twice (a link and, for print, the text), and
                // a finding's severity as a badge before it.
                let mut item = item.split(". Online").next().unwrap();
                for badge in ["Violation", "Warning", "For information", "New"] {
                    item = item.strip_prefix(badge).unwrap_or(item);
                }
                assert!(
                    text.contains(item.trim()),
                    "{file}: the Word pack lacks the {kind} `{item}`"
                );
            }
        }
        if file.contains("welwyn") {
            assert_eq!(findings.len(), 1, "the probation finding");
            assert!(!sources.is_empty());
        }
    }
    // The same bytes whatever the thread count.
    let words: Vec<Vec<u8>> = ["1", "2"]
        .iter()
        .map(|threads| {
            let path = dir.path().join(format!("pack-{threads}.docx"));
            let out = scrutineer(&[
                "--threads",
                threads,
                "report",
                "--as-of",
                "2022-10-01",
                "--format",
                "docx",
                "--out",
                path.to_str().unwrap(),
            ]);
            assert_eq!(out.status.code(), Some(0));
            std::fs::read(&path).unwrap()
        })
        .collect();
    assert!(words[0] == words[1], "the Word pack differs between runs");
    let bundled = std::fs::read_dir(common::root().join("graphs/partnerships"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().extension() == Some("ron".as_ref()))
        .count();
    assert_one_picture_each(&words[0], bundled, "the bundled partnerships");
    let out = scrutineer(&["report", "--format", "docx"]);
    assert_eq!(out.status.code(), Some(2), "a Word pack needs --out");
    assert!(String::from_utf8_lossy(&out.stderr).contains("--out"));
}

#[test]
fn scenarios_in_the_pack_say_what_what_if_says() {
    let file = "graphs/partnerships/welwyn-hatfield.ron";
    // One bundled scenario that clears a failure, and one that brings one and settles checks.
    let dir = tempfile::tempdir().unwrap();
    let leaves = dir.path().join("council-leaves.rhai");
    std::fs::write(
        &leaves,
        "const TITLE = \"The council leaves the strategy group\";\n\
         fn scenario(g) {\n    g.leave(\"whbc\", \"rag\", \"2022-09-01\");\n}\n",
    )
    .unwrap();
    for scenario in [
        "graphs/what-if/welwyn-hatfield-probation-takes-its-seat.rhai",
        leaves.to_str().unwrap(),
    ] {
        let whatif = scrutineer(&[
            "what-if",
            file,
            scenario,
            "--as-of",
            "2022-10-01",
            "--format",
            "json",
        ]);
        let v: serde_json::Value = serde_json::from_slice(&whatif.stdout).unwrap();
        let md = scrutineer(&[
            "report",
            "--as-of",
            "2022-10-01",
            "--format",
            "markdown",
            "--scenario",
            scenario,
            file,
        ]);
        assert_eq!(
            md.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&md.stderr)
        );
        let md = String::from_utf8(md.stdout).unwrap();
        let section = &md[md
            .find("### What the scenarios would change")
            .expect("a scenario section")..];
        let section = &section[..section.find("\n### ").unwrap_or(section.len())];
        assert!(
            section.contains(v["scenario"]["title"].as_str().unwrap()),
            "{section}"
        );
        for (key, label) in [
            ("new", "New failure"),
            ("resolved", "Failure cleared"),
            ("settled", "Check settled"),
        ] {
            let rules: Vec<&str> = v[key]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["rule"].as_str().unwrap())
                .collect();
            assert_eq!(
                section.matches(&format!("- {label}:")).count(),
                rules.len(),
                "{scenario}: {key}: {section}"
            );
            for r in rules {
                assert!(section.contains(r), "{scenario}: {r} missing: {section}");
            }
        }
    }
    // A scenario that is not there, or not a scenario, stops the pack with a message.
    let out = scrutineer(&[
        "report",
        "--as-of",
        "2022-10-01",
        "--scenario",
        "graphs/what-if/no-such-scenario.rhai",
        file,
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("no-such-scenario"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty());
}

/// The outcome of `rule` in `check --format json` of `file` as of `day`, for any subject.
fn outcomes_of(file: &str, day: &str, rule: &str) -> Vec<String> {
    let out = scrutineer(&["check", "--all", "--as-of", day, "--format", "json", file]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    json["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["rule"] == rule)
        .map(|r| r["outcome"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn each_finding_says_the_day_it_opened_and_the_pack_charts_it() {
    // North Hampshire's joint committee: its reviews are listed in full, and the last before
    // October 2018 was on 20 July 2017, so it has gone 12 months without one from 21 July 2018.
    let nh = "graphs/partnerships/north-hampshire.ron";
    let rule = "CDOS-REG4-ANNUAL-SCRUTINY";
    let text = scrutineer(&["report", "--as-of", "2018-10-01", "--format", "text", nh]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("open since 21 July 2018 (2 months)"),
        "{text}"
    );
    // The day is what `check` says, day by day: not failing the day before, failing on it.
    assert!(!outcomes_of(nh, "2018-07-20", rule).contains(&"fail".to_string()));
    assert!(outcomes_of(nh, "2018-07-21", rule).contains(&"fail".to_string()));
    // Every format says it; HTML and Word draw it as a chart.
    let md = scrutineer(&[
        "report",
        "--as-of",
        "2018-10-01",
        "--format",
        "markdown",
        nh,
    ]);
    assert!(String::from_utf8_lossy(&md.stdout).contains("Open since 21 July 2018 (2 months)"));
    let html = scrutineer(&["report", "--as-of", "2018-10-01", nh]);
    let html = String::from_utf8_lossy(&html.stdout);
    assert!(html.contains("<dt>Open</dt><dd>Since 21 July 2018 (2 months)</dd>"));
    // One finding: its own line says it all, and there is no chart of one bar.
    assert!(!html.contains("<h3>How long each finding has been open</h3>"));
    let dir = tempfile::tempdir().unwrap();
    let bytes = word_pack(dir.path(), "2018-10-01", nh);
    assert!(docx_text(&bytes).contains("Open: Since 21 July 2018 (2 months)"));
    let (media, _) = docx_pictures(&bytes);
    assert_eq!(media.len(), 1, "the structure, and no chart of one bar");
    // Two findings open for a while: charted in HTML and in Word, with the facts as its text.
    let fixture = std::fs::read_to_string(
        common::root().join("graphs/fixtures/HALL-RISK-REGISTER-COMPLETE/fails_blank_cells.ron"),
    )
    .unwrap();
    let two = fixture
        .replace(
            "documents: [",
            "documents: [Document(id: \"plan\", title: \"Plan\", kind: AnnualActionPlan, period_from: \"2020-04\", period_to: \"2021-03\"), ",
        )
        .replace(
            "    risks: [",
            "    risks: [Risk(id: \"r2\", description: \"Funding ends\", register: \"register\", consequence: \"\", likelihood: \"High\", impact: \"High\", controls: \"Bids\", owner: \"Chair\", review_date: \"2022-09\"), ",
        );
    let path = dir.path().join("two.ron");
    std::fs::write(&path, two).unwrap();
    let html = scrutineer(&["report", "--as-of", "2022-10-01", path.to_str().unwrap()]);
    let html = String::from_utf8_lossy(&html.stdout);
    assert!(
        html.contains("<h3>How long each finding has been open</h3>"),
        "{html}"
    );
    assert!(html.contains("When each finding opened, as of 1 October 2022</title>"));
    let (media, alt) = docx_pictures(&word_pack(dir.path(), "2022-10-01", path.to_str().unwrap()));
    assert_eq!(media.len(), 2, "the structure and the chart");
    assert!(
        alt.iter()
            .any(|a| a.contains("open since 1 April 2020 or earlier, when the records begin")),
        "{alt:?}"
    );
    // Welwyn Hatfield's probation service: the minute that shows it not participating is
    // dated only "October 2021 to August 2022", so the failure is certain from 31 August 2022,
    // and the day before the records cannot tell. It began then or earlier, and says so.
    let wh = "graphs/partnerships/welwyn-hatfield.ron";
    assert!(
        outcomes_of(wh, "2022-08-30", "CDA-S5-RA-PARTICIPATION").contains(&"unknown".to_string())
    );
    let text = scrutineer(&["report", "--as-of", "2022-10-01", "--format", "text", wh]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("open since 31 August 2022 or earlier (at least 1 month)"),
        "{text}"
    );
    // A gap already there on the first day the records name began then or before: the pack
    // does not claim a day it cannot know.
    let fixture = "graphs/fixtures/HALL-RISK-REGISTER-COMPLETE/fails_blank_cells.ron";
    let text = scrutineer(&[
        "report",
        "--as-of",
        "2022-10-01",
        "--format",
        "text",
        fixture,
    ]);
    assert!(
        String::from_utf8_lossy(&text.stdout).contains(
            "open since 1 September 2022 or earlier, when the records begin (at least 1 month)"
        ),
        "{}",
        String::from_utf8_lossy(&text.stdout)
    );
    // No failure, no chart.
    let wh = scrutineer(&[
        "report",
        "--as-of",
        "2020-10-01",
        "graphs/partnerships/watford.ron",
    ]);
    let wh = String::from_utf8_lossy(&wh.stdout);
    assert!(!wh.contains("<dt>Open</dt>") && !wh.contains("How long each finding"));
}

#[test]
fn a_search_for_the_day_a_finding_opened_that_reaches_its_limit_says_or_earlier() {
    // The blank risk register fixture, with forty plans dated a year apart: the records name
    // far more days on which an outcome could change than the search may evaluate, and the
    // register (undated) fails on every one of them.
    let fixture = std::fs::read_to_string(
        common::root().join("graphs/fixtures/HALL-RISK-REGISTER-COMPLETE/fails_blank_cells.ron"),
    )
    .unwrap();
    let plans: String = (1980..2020)
        .map(|y| {
            format!(
                "Document(id: \"plan-{y}\", title: \"Plan {y}\", kind: AnnualActionPlan, period_from: \"{y}-04\", period_to: \"{}-03\"), ",
                y + 1
            )
        })
        .collect();
    let file = fixture.replace("documents: [", &format!("documents: [{plans}"));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("many-days.ron");
    std::fs::write(&path, file).unwrap();
    let out = scrutineer(&[
        "report",
        "--as-of",
        "2022-10-01",
        "--format",
        "text",
        path.to_str().unwrap(),
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let line = text
        .lines()
        .find(|l| l.trim_start().starts_with("open since"))
        .unwrap_or_else(|| panic!("{text}"));
    // Not the first day the records name (1 April 1980), and not claimed as it.
    assert!(line.contains("or earlier (at least"), "{line}");
    assert!(!line.contains("when the records begin"), "{line}");
    assert!(!line.contains("1980"), "{line}");
}
