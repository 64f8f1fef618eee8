//! `scrutineer import`: the sample spreadsheets in `graphs/imports/` hold facts already written
//! by hand in the seed partnerships. Taking those facts out of a copy of the seed and importing
//! the sheet must put the same facts back; importing into the untouched seed must change
//! nothing; a broken sheet must be refused with its sheet, row and column, changing nothing.

mod common;

use std::path::{Path, PathBuf};

use common::{root, scrutineer, snapshot_settings};
use scrutineer_graph::format::rewrite;
use scrutineer_graph::load_str;
use scrutineer_graph::model::Partnership;

/// A scratch folder under `target/`, named for the test, so paths in the output are relative
/// to the repository and the snapshots do not depend on where the checkout is.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new("target").join("import-tests").join(name);
    let full = root().join(&dir);
    let _ = std::fs::remove_dir_all(&full);
    std::fs::create_dir_all(&full).expect("scratch folder");
    dir
}

fn read(relative: &Path) -> String {
    std::fs::read_to_string(root().join(relative)).expect("readable")
}

fn records(relative: &Path) -> Partnership {
    let loaded = load_str(relative, read(relative));
    assert!(!loaded.has_errors(), "{}", loaded.render_diagnostics());
    loaded.graph.expect("loads").data.clone()
}

/// Copies a seed into `dir` with some of its facts taken out.
fn seed_without(seed: &str, dir: &Path, strip: impl Fn(&mut Partnership)) -> PathBuf {
    let from = Path::new("graphs/partnerships").join(format!("{seed}.ron"));
    let text = read(&from);
    let mut data = records(&from);
    strip(&mut data);
    let target = dir.join(format!("{seed}.ron"));
    let written = rewrite(&target, &text, &data).expect("rewrites");
    std::fs::write(root().join(&target), written).expect("writes");
    target
}

/// The facts, without where they came from: the imported copy cites the spreadsheet, the
/// hand-written one the council document. Records are put in id order, since imported ones are
/// added at the end of their list.
fn facts(mut p: Partnership) -> Partnership {
    p.sources.retain(|s| !s.id.starts_with("import-"));
    p.memberships.iter_mut().for_each(|x| x.evidence.clear());
    p.meetings.iter_mut().for_each(|x| x.evidence.clear());
    p.actions.iter_mut().for_each(|x| x.evidence.clear());
    p.risks.iter_mut().for_each(|x| x.evidence.clear());
    p.memberships
        .sort_by(|a, b| (&a.group, &a.member).cmp(&(&b.group, &b.member)));
    p.actions.sort_by(|a, b| a.id.cmp(&b.id));
    p.risks.sort_by(|a, b| a.id.cmp(&b.id));
    p
}

struct Sample {
    kind: &'static str,
    sheet: &'static str,
    seed: &'static str,
    strip: fn(&mut Partnership),
}

const SAMPLES: &[Sample] = &[
    Sample {
        kind: "membership",
        sheet: "graphs/imports/watford-jag-membership.csv",
        seed: "watford",
        strip: |p| p.memberships.retain(|m| m.group != "jag"),
    },
    Sample {
        kind: "attendance",
        sheet: "graphs/imports/watford-task-group-attendance.csv",
        seed: "watford",
        strip: |p| {
            p.meetings
                .iter_mut()
                .filter(|m| m.id == "tg-2016-10-20")
                .for_each(|m| m.attendance.clear())
        },
    },
    Sample {
        kind: "actions",
        sheet: "graphs/imports/watford-action-tracker.xlsx",
        seed: "watford",
        strip: |p| {
            p.actions.retain(|a| {
                ![
                    "demographics-analysis",
                    "prevent-members-workshop",
                    "ratify-cpp-outcomes",
                ]
                .contains(&a.id.as_str())
            })
        },
    },
    Sample {
        kind: "membership",
        sheet: "graphs/imports/wellingborough-board-membership.xlsx",
        seed: "wellingborough",
        strip: |p| p.memberships.retain(|m| m.group != "board"),
    },
    Sample {
        kind: "risks",
        sheet: "graphs/imports/wellingborough-risk-register.xlsx",
        seed: "wellingborough",
        strip: |p| p.risks.clear(),
    },
];

#[test]
fn each_sample_puts_back_the_hand_written_facts_it_holds() {
    for sample in SAMPLES {
        let name = Path::new(sample.sheet)
            .file_stem()
            .unwrap()
            .to_string_lossy();
        let dir = scratch(&format!("restore-{name}"));
        let target = seed_without(sample.seed, &dir, sample.strip);
        let hand_written =
            records(&Path::new("graphs/partnerships").join(format!("{}.ron", sample.seed)));
        assert_ne!(
            facts(records(&target)),
            facts(hand_written.clone()),
            "{name}: stripped"
        );
        let out = scrutineer(&[
            "import",
            sample.kind,
            sample.sheet,
            "--into",
            target.to_str().unwrap(),
        ]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{name}: {stdout}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let imported = records(&target);
        assert_eq!(facts(imported.clone()), facts(hand_written), "{name}");
        // Every record the import wrote cites the spreadsheet and its row.
        let source = imported
            .sources
            .iter()
            .find(|s| s.id.starts_with("import-"))
            .unwrap_or_else(|| panic!("{name}: the spreadsheet is a source"));
        let cites = |ev: &[scrutineer_graph::model::Evidence]| {
            ev.iter().any(|e| {
                e.source == source.id && e.at.as_deref().is_some_and(|a| a.contains("row"))
            })
        };
        let added = imported
            .memberships
            .iter()
            .map(|m| cites(&m.evidence))
            .filter(|c| *c)
            .count()
            + imported
                .actions
                .iter()
                .filter(|a| cites(&a.evidence))
                .count()
            + imported.risks.iter().filter(|r| cites(&r.evidence)).count()
            + imported
                .meetings
                .iter()
                .filter(|m| cites(&m.evidence))
                .count();
        assert!(added > 0, "{name}: imported records cite the sheet");
        let mut settings = snapshot_settings();
        settings.set_snapshot_suffix(name.to_string());
        settings.bind(|| insta::assert_snapshot!("import_restores", stdout));
    }
}

#[test]
fn importing_a_sample_into_its_untouched_seed_changes_nothing() {
    for sample in SAMPLES {
        let dir = scratch(&format!(
            "untouched-{}",
            Path::new(sample.sheet)
                .file_stem()
                .unwrap()
                .to_string_lossy()
        ));
        let target = seed_without(sample.seed, &dir, |_| {});
        let before = read(&target);
        let out = scrutineer(&[
            "import",
            sample.kind,
            sample.sheet,
            "--into",
            target.to_str().unwrap(),
        ]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(0), "{stdout}");
        assert!(stdout.contains("0 added, 0 updated"), "{stdout}");
        assert!(stdout.contains("no change to"), "{stdout}");
        assert_eq!(read(&target), before, "{}", sample.sheet);
    }
}

#[test]
fn importing_twice_is_the_same_as_importing_once() {
    let dir = scratch("twice");
    let target = seed_without("wellingborough", &dir, |p| p.risks.clear());
    let args = [
        "import",
        "risks",
        "graphs/imports/wellingborough-risk-register.xlsx",
        "--into",
        target.to_str().unwrap(),
    ];
    assert_eq!(scrutineer(&args).status.code(), Some(0));
    let once = read(&target);
    let out = scrutineer(&args);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("3 unchanged"));
    assert_eq!(read(&target), once);
}

/// Runs an import that must be refused: exit 2, the file byte for byte as it was, and the
/// message (snapshot) naming the sheet, row and column.
fn refused(name: &str, kind: &str, sheet: &str, extra: &[&str]) {
    let dir = scratch(name);
    let target = seed_without("watford", &dir, |_| {});
    let before = read(&target);
    let mut args = vec!["import", kind, sheet, "--into", target.to_str().unwrap()];
    args.extend_from_slice(extra);
    let out = scrutineer(&args);
    assert_eq!(out.status.code(), Some(2), "{name}");
    assert_eq!(read(&target), before, "{name}: the file is unchanged");
    let leftovers: Vec<_> = std::fs::read_dir(root().join(&dir))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        leftovers.len(),
        1,
        "{name}: no temporary file is left: {leftovers:?}"
    );
    assert!(out.stdout.is_empty(), "{name}: nothing on stdout");
    snapshot_settings().bind(|| {
        insta::assert_snapshot!(name, String::from_utf8_lossy(&out.stderr));
    });
}

#[test]
fn a_bad_date_is_refused_with_its_sheet_row_and_column() {
    refused(
        "import_bad_date",
        "actions",
        "graphs/imports/invalid/watford-actions-bad-date.xlsx",
        &[],
    );
}

#[test]
fn an_unknown_organisation_is_refused_with_a_suggestion() {
    refused(
        "import_unknown_organisation",
        "membership",
        "graphs/imports/invalid/watford-unknown-organisation.xlsx",
        &["--group", "jag"],
    );
}

#[test]
fn a_month_first_date_is_refused_rather_than_misread() {
    refused(
        "import_month_first",
        "attendance",
        "graphs/imports/invalid/watford-attendance-month-first.csv",
        &[],
    );
}

#[test]
fn a_sheet_without_the_needed_columns_says_which_names_it_looked_for() {
    refused(
        "import_no_header",
        "risks",
        "graphs/imports/watford-jag-membership.csv",
        &[],
    );
}

#[test]
fn a_missing_sheet_lists_the_sheets_there_are() {
    refused(
        "import_missing_sheet",
        "actions",
        "graphs/imports/watford-action-tracker.xlsx",
        &["--sheet", "Tracker"],
    );
}

#[test]
fn conflicts_are_listed_and_the_file_value_kept_unless_overwrite() {
    let dir = scratch("conflict");
    let target = seed_without("watford", &dir, |_| {});
    let sheet = dir.join("tracker.csv");
    std::fs::write(
        root().join(&sheet),
        "Ref,Action,Lead,Due date,Status\n\
         demographics-analysis,Hertfordshire County Council analyst to determine the demographics of the Watford community now and over the next four years,Watford Borough Council,15/02/2017,In progress\n\
         new-ref,Review CCTV coverage of the town centre,,,\n",
    )
    .unwrap();
    let args = |extra: &'static [&'static str]| {
        let mut a = vec![
            "import".to_string(),
            "actions".into(),
            sheet.to_str().unwrap().into(),
            "--into".into(),
            target.to_str().unwrap().into(),
        ];
        a.extend(extra.iter().map(|s| s.to_string()));
        a
    };
    let run = |a: Vec<String>| {
        let refs: Vec<&str> = a.iter().map(String::as_str).collect();
        scrutineer(&refs)
    };
    let dry = run(args(&["--dry-run"]));
    assert_eq!(dry.status.code(), Some(1), "conflicts exit 1");
    let before = read(&seed_without(
        "watford",
        &scratch("conflict-reference"),
        |_| {},
    ));
    assert_eq!(read(&target), before, "a dry run writes nothing");
    snapshot_settings().bind(|| {
        insta::assert_snapshot!(
            "import_conflict_dry_run",
            String::from_utf8_lossy(&dry.stdout)
        );
    });

    let kept = run(args(&[]));
    assert_eq!(kept.status.code(), Some(1));
    let data = records(&target);
    let action = |id: &str| data.actions.iter().find(|a| a.id == id).cloned().unwrap();
    assert_eq!(
        action("demographics-analysis").owner.as_deref(),
        Some("hcc")
    );
    assert_eq!(
        action("demographics-analysis").status,
        Some(scrutineer_graph::model::ActionStatus::InProgress),
        "a field the file lacked is filled in"
    );
    // Blank owner and due cells in a tracker are blanks, not missing records.
    assert_eq!(action("new-ref").owner.as_deref(), Some(""));
    assert_eq!(
        action("new-ref").due,
        Some(scrutineer_graph::model::DateCell::Blank)
    );

    let taken = run(args(&["--overwrite"]));
    assert_eq!(taken.status.code(), Some(0));
    let data = records(&target);
    let a = data
        .actions
        .iter()
        .find(|a| a.id == "demographics-analysis")
        .unwrap();
    assert_eq!(a.owner.as_deref(), Some("wbc"));
    assert!(String::from_utf8_lossy(&taken.stdout).contains("took the sheet's value"));
}
