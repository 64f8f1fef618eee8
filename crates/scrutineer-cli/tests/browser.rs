//! The briefing pack in a real browser: Debian's Chromium, headless, from a file, with a fresh
//! profile and background networking off. Each seed partnership's pack must render with no
//! console messages and no network requests, show the same counts as the JSON results, include
//! the structure picture, print to A4, and run nothing from hostile data.
//!
//! Chromium is required in CI (`.ci/run` installs it). Elsewhere, without Chromium, these tests
//! say so and pass, so that `cargo test` works on a fresh machine.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::scrutineer;

fn chromium() -> Option<PathBuf> {
    if let Ok(p) = std::env::var("SCRUTINEER_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
    ]
    .iter()
    .map(PathBuf::from)
    .find(|p| p.exists())
}

/// Chromium, or `None` (with a note) when it is missing outside CI. In CI it must be there.
fn require_chromium() -> Option<PathBuf> {
    match chromium() {
        Some(p) => Some(p),
        None if std::env::var_os("CI").is_some() => {
            panic!("Chromium is required in CI: apt-get install chromium")
        }
        None => {
            eprintln!(
                "skipping the browser test: Chromium is not installed (apt-get install chromium)"
            );
            None
        }
    }
}

/// Runs headless Chromium on a file with the flags that keep it off the network.
fn run_chromium(chrome: &Path, dir: &Path, page: &Path, extra: &[String]) -> Output {
    let profile = tempfile::tempdir_in(dir).unwrap();
    let mut cmd = Command::new(chrome);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
    ])
    .arg(format!("--user-data-dir={}", profile.path().display()))
    .args(extra)
    .arg(format!("file://{}", page.display()));
    let out = cmd.output().expect("chromium runs");
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// The page's own network requests from a Chromium net-log: requests the page initiated (its
/// initiator is the file's opaque origin, `null`) to anything other than a file or data URL.
/// Chromium's own background requests carry the initiator "not an origin" and are not the
/// page's doing.
fn page_requests(netlog: &Path) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(netlog).unwrap())
        .expect("a complete net-log");
    let start = v["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
        .as_u64()
        .expect("event type");
    v["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["type"].as_u64() == Some(start))
        .filter(|e| e["params"]["initiator"].as_str() != Some("not an origin"))
        .filter_map(|e| e["params"]["url"].as_str())
        .filter(|u| !u.starts_with("file:") && !u.starts_with("data:"))
        .map(String::from)
        .collect()
}

/// Loads a page and returns its DOM after rendering, checking there were no console messages
/// and no network requests.
fn render(chrome: &Path, dir: &Path, page: &Path) -> String {
    let netlog = dir.join(format!(
        "{}.netlog.json",
        page.file_stem().unwrap().to_string_lossy()
    ));
    let out = run_chromium(
        chrome,
        dir,
        page,
        &[
            "--enable-logging=stderr".into(),
            "--v=0".into(),
            format!("--log-net-log={}", netlog.display()),
            "--virtual-time-budget=3000".into(),
            "--dump-dom".into(),
        ],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    let console: Vec<&str> = stderr.lines().filter(|l| l.contains(":CONSOLE")).collect();
    assert!(
        console.is_empty(),
        "{}: console messages: {console:?}",
        page.display()
    );
    let requests = page_requests(&netlog);
    assert!(
        requests.is_empty(),
        "{}: network requests: {requests:?}",
        page.display()
    );
    String::from_utf8(out.stdout).unwrap()
}

/// `data-count` cells of a partnership's row in the summary, by name.
fn counts_in_dom(dom: &str, partnership: &str) -> Vec<(String, usize)> {
    let row_start = dom
        .find(&format!("data-partnership=\"{partnership}\""))
        .expect("the partnership's summary row");
    let row = &dom[row_start..row_start + dom[row_start..].find("</tr>").unwrap()];
    row.split("data-count=\"")
        .skip(1)
        .map(|part| {
            let name = &part[..part.find('"').unwrap()];
            let value = &part[part.find('>').unwrap() + 1..part.find('<').unwrap()];
            (name.to_string(), value.trim().parse().unwrap())
        })
        .collect()
}

#[test]
fn each_seed_pack_renders_offline_and_matches_the_json_counts() {
    let Some(chrome) = require_chromium() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let shots = common::root().join("target/browser-screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    for seed in [
        "leicestershire-district-fairmead",
        "watford",
        "wellingborough",
        "welwyn-hatfield",
    ] {
        let file = format!("graphs/partnerships/{seed}.ron");
        let page = dir.path().join(format!("{seed}.html"));
        let out = scrutineer(&[
            "report",
            "--as-of",
            "2022-10-01",
            "--from",
            "2021-01-01",
            "--to",
            "2023-12-31",
            "--out",
            page.to_str().unwrap(),
            &file,
        ]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let dom = render(&chrome, dir.path(), &page);

        let json = scrutineer(&["check", "--as-of", "2022-10-01", "--format", "json", &file]);
        let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
        let results = v["results"].as_array().unwrap();
        let n = |outcome: &str, severity: Option<&str>| {
            results
                .iter()
                .filter(|r| r["outcome"] == outcome && severity.is_none_or(|s| r["severity"] == s))
                .count()
        };
        let expected = vec![
            ("violation".to_string(), n("fail", Some("violation"))),
            ("warning".to_string(), n("fail", Some("warning"))),
            ("info".to_string(), n("fail", Some("info"))),
            ("unknown".to_string(), n("unknown", None)),
            ("waived".to_string(), n("waived", None)),
        ];
        assert_eq!(
            counts_in_dom(&dom, seed),
            expected,
            "{seed}: the summary disagrees with the JSON results"
        );
        let shown_failures = dom.matches("<article class=\"finding").count();
        assert_eq!(
            shown_failures,
            n("fail", None),
            "{seed}: one article per failure"
        );
        assert!(
            dom.contains("<svg role=\"img\" aria-labelledby=\"title-"),
            "{seed}: the structure picture is missing"
        );

        let shot = shots.join(format!("{seed}.png"));
        run_chromium(
            &chrome,
            dir.path(),
            &page,
            &[
                "--window-size=1200,1800".into(),
                format!("--screenshot={}", shot.display()),
            ],
        );
        assert!(
            std::fs::metadata(&shot).unwrap().len() > 10_000,
            "{seed}: the screenshot is empty"
        );
    }
}

#[test]
fn the_pack_prints_to_a4() {
    let Some(chrome) = require_chromium() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("pack.html");
    let out = scrutineer(&[
        "report",
        "--as-of",
        "2022-10-01",
        "--out",
        page.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let pdf = dir.path().join("pack.pdf");
    run_chromium(
        &chrome,
        dir.path(),
        &page,
        &[
            "--no-pdf-header-footer".into(),
            format!("--print-to-pdf={}", pdf.display()),
        ],
    );
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF"), "not a PDF");
    // A4 is 595 by 842 points; every page's MediaBox should say so.
    let text = String::from_utf8_lossy(&bytes);
    let boxes: Vec<&str> = text
        .split("/MediaBox")
        .skip(1)
        .map(|s| &s[..s.find(']').unwrap_or(0)])
        .collect();
    assert!(!boxes.is_empty(), "no pages");
    for b in &boxes {
        let numbers: Vec<f64> = b
            .trim_start_matches([' ', '['])
            .split_whitespace()
            .filter_map(|x| x.parse().ok())
            .collect();
        assert!(
            numbers.len() == 4
                && (numbers[2] - 595.0).abs() < 2.0
                && (numbers[3] - 842.0).abs() < 2.0,
            "page size {b}"
        );
    }
    assert!(
        boxes.len() >= 4,
        "each partnership starts a new page; got {} pages",
        boxes.len()
    );
}

#[test]
fn hostile_text_renders_as_text_and_runs_nothing() {
    let Some(chrome) = require_chromium() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("hostile.html");
    let out = scrutineer(&[
        "report",
        "--as-of",
        "2022-10-01",
        "--out",
        page.to_str().unwrap(),
        "crates/scrutineer-cli/tests/data/hostile.ron",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // `render` already fails on any console message or network request (the payloads try both).
    let dom = render(&chrome, dir.path(), &page);
    // The payloads set an attribute on <body>; their text, shown escaped, names it too.
    assert!(!dom.contains("data-pwned=\""), "a payload ran");
    assert!(
        dom.contains("&lt;script&gt;document.body.setAttribute"),
        "the markup should show as text"
    );
    assert!(
        dom.contains("Council &lt;b&gt;bold&lt;/b&gt;"),
        "the markup should show as text"
    );
}

/// LibreOffice, or `None` (with a note) when it is missing outside CI. In CI it must be there.
fn require_libreoffice() -> Option<PathBuf> {
    let found = ["/usr/bin/soffice", "/usr/bin/libreoffice"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.exists());
    match found {
        Some(p) => Some(p),
        None if std::env::var_os("CI").is_some() => {
            panic!("LibreOffice is required in CI: apt-get install libreoffice-writer-nogui")
        }
        None => {
            eprintln!(
                "skipped: libreoffice not installed (apt-get install libreoffice-writer-nogui)"
            );
            None
        }
    }
}

#[test]
fn the_word_pack_opens_in_libreoffice() {
    let Some(soffice) = require_libreoffice() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("pack.docx");
    let out = scrutineer(&[
        "report",
        "--as-of",
        "2022-10-01",
        "--format",
        "docx",
        "--out",
        docx.to_str().unwrap(),
        "graphs/partnerships/welwyn-hatfield.ron",
        "crates/scrutineer-cli/tests/data/hostile.ron",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A profile of its own, so a LibreOffice already open elsewhere does not take the job.
    let profile = dir.path().join("profile");
    let run = Command::new(&soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&docx)
        .output()
        .expect("libreoffice runs");
    assert!(
        run.status.success(),
        "libreoffice failed: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    let pdf = std::fs::read(dir.path().join("pack.pdf")).expect("a PDF was written");
    assert!(pdf.starts_with(b"%PDF"), "not a PDF");
    let pages = page_count(&pdf);
    assert!(pages >= 2, "each partnership starts a page; got {pages}");
    // Each partnership's structure picture (LibreOffice writes images as XObjects).
    let text = String::from_utf8_lossy(&pdf);
    let images = text.matches("/Subtype /Image").count() + text.matches("/Subtype/Image").count();
    assert!(images >= 2, "one picture per partnership; got {images}");
}

/// The pages of a PDF: its `/Type /Page` objects (not `/Pages`, the tree that holds them).
/// Chromium and LibreOffice write the page objects uncompressed.
fn page_count(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    text.match_indices("/Type")
        .filter(|(i, _)| {
            let rest = text[i + 5..].trim_start();
            rest.starts_with("/Page") && !rest.starts_with("/Pages")
        })
        .count()
}

/// Runs axe-core (vendored as `tests/data/axe.min.js`, version 4.14.1, MPL-2.0: see
/// `axe.LICENSE` beside it) on a copy of a pack in Chromium, for the WCAG 2.0 and 2.1 A and AA
/// rules, and returns each violation as "rule (impact): help — element: summary".
fn axe_violations(chrome: &Path, dir: &Path, page: &Path) -> Vec<String> {
    let axe = common::root().join("crates/scrutineer-cli/tests/data/axe.min.js");
    std::fs::copy(&axe, dir.join("axe.min.js")).unwrap();
    let html = std::fs::read_to_string(page).unwrap();
    // The pack itself has no script; only this test copy runs one.
    let probe = r#"<script src="axe.min.js"></script>
<script>
axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } })
  .then(function (r) {
    var out = [];
    r.violations.forEach(function (v) {
      v.nodes.forEach(function (n) {
        out.push(v.id + " (" + v.impact + "): " + v.help + " — " + n.target.join(" ") + ": " + n.failureSummary);
      });
    });
    var pre = document.createElement("pre");
    pre.id = "axe-result";
    pre.textContent = JSON.stringify(out);
    document.body.appendChild(pre);
  })
  .catch(function (e) {
    var pre = document.createElement("pre");
    pre.id = "axe-result";
    pre.textContent = JSON.stringify(["axe did not run: " + e]);
    document.body.appendChild(pre);
  });
</script>
</body>"#;
    let probed = dir.join(format!(
        "{}.axe.html",
        page.file_stem().unwrap().to_string_lossy()
    ));
    std::fs::write(&probed, html.replace("</body>", probe)).unwrap();
    let out = run_chromium(
        chrome,
        dir,
        &probed,
        &[
            "--virtual-time-budget=30000".into(),
            "--run-all-compositor-stages-before-draw".into(),
            "--dump-dom".into(),
        ],
    );
    let dom = String::from_utf8(out.stdout).unwrap();
    let start = dom
        .find("<pre id=\"axe-result\">")
        .unwrap_or_else(|| panic!("{}: axe left no result", page.display()));
    let rest = &dom[start + "<pre id=\"axe-result\">".len()..];
    let json = rest[..rest.find("</pre>").unwrap()]
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
    serde_json::from_str(&json).expect("axe's result as JSON")
}

#[test]
fn every_seed_pack_and_the_hostile_pack_pass_axe() {
    let Some(chrome) = require_chromium() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    // First, that axe runs and reports: a page with an image without a text alternative and
    // pale grey text must fail it.
    let bad = dir.path().join("bad.html");
    std::fs::write(
        &bad,
        "<!DOCTYPE html><html lang=\"en\"><head><title>t</title></head><body><main>\
         <img src=\"x.png\"><p style=\"color:#cccccc;background:#ffffff\">faint</p></main></body></html>",
    )
    .unwrap();
    let found = axe_violations(&chrome, dir.path(), &bad);
    assert!(
        found.iter().any(|v| v.starts_with("image-alt"))
            && found.iter().any(|v| v.starts_with("color-contrast")),
        "axe should have found the missing alt text and the low contrast: {found:?}"
    );
    let mut failures = Vec::new();
    for file in [
        "graphs/partnerships/leicestershire-district-fairmead.ron",
        "graphs/partnerships/watford.ron",
        "graphs/partnerships/wellingborough.ron",
        "graphs/partnerships/welwyn-hatfield.ron",
        "crates/scrutineer-cli/tests/data/hostile.ron",
    ] {
        let stem = Path::new(file).file_stem().unwrap().to_string_lossy();
        let page = dir.path().join(format!("{stem}.html"));
        let out = scrutineer(&[
            "report",
            "--as-of",
            "2022-10-01",
            "--from",
            "2021-01-01",
            "--to",
            "2023-12-31",
            "--out",
            page.to_str().unwrap(),
            file,
        ]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        for v in axe_violations(&chrome, dir.path(), &page) {
            failures.push(format!("{stem}: {v}"));
        }
    }
    assert!(
        failures.is_empty(),
        "axe found {} problem(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The most A4 pages a partnership's pack may take before its appendix: what a councillor
/// reads before the meeting.
const FRONT_PAGES: usize = 3;

#[test]
fn each_bundled_pack_prints_on_three_pages_before_its_appendix() {
    let Some(chrome) = require_chromium() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let mut files: Vec<PathBuf> = std::fs::read_dir(common::root().join("graphs/partnerships"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    files.sort();
    assert_eq!(files.len(), common::bundled());
    let mut too_long = Vec::new();
    // On the date the seed packs were first written for, and on the day the real partnerships
    // were built from their papers (their records are read then as a meeting would read them).
    for (as_of, file) in ["2022-10-01", "2026-11-30"]
        .iter()
        .flat_map(|d| files.iter().map(move |f| (*d, f)))
    {
        let stem = format!("{}-{as_of}", file.file_stem().unwrap().to_string_lossy());
        let page = dir.path().join(format!("{stem}.html"));
        let out = scrutineer(&[
            "report",
            "--as-of",
            as_of,
            "--out",
            page.to_str().unwrap(),
            file.to_str().unwrap(),
        ]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        // Print what comes before the appendix: the pack cut where the appendix starts.
        let html = std::fs::read_to_string(&page).unwrap();
        let cut = html
            .find("<section class=\"appendix\">")
            .unwrap_or_else(|| panic!("{stem}: the pack has no appendix"));
        let front = dir.path().join(format!("{stem}.front.html"));
        std::fs::write(
            &front,
            format!("{}</section></main></body></html>", &html[..cut]),
        )
        .unwrap();
        let pdf = dir.path().join(format!("{stem}.pdf"));
        run_chromium(
            &chrome,
            dir.path(),
            &front,
            &[
                "--no-pdf-header-footer".into(),
                format!("--print-to-pdf={}", pdf.display()),
            ],
        );
        let pages = page_count(&std::fs::read(&pdf).unwrap());
        assert!(pages >= 1, "{stem}: no pages");
        eprintln!("{stem}: {pages} page(s) before the appendix");
        if pages > FRONT_PAGES {
            too_long.push(format!("{stem}: {pages} pages"));
        }
    }
    assert!(
        too_long.is_empty(),
        "more than {FRONT_PAGES} A4 pages before the appendix: {too_long:?}"
    );
}
