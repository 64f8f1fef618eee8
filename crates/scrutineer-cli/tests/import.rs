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
    p.organisations.iter_mut().for_each(|x| x.evidence.clear());
    p.people.iter_mut().for_each(|x| x.evidence.clear());
    p.organisations.sort_by(|a, b| a.id.cmp(&b.id));
    p.meetings
        .iter_mut()
        .for_each(|m| m.attendance.sort_by(|a, b| a.member.cmp(&b.member)));
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
    /// Options the sheet needs (the group, when the partnership has several strategy groups
    /// or the register is of another group; the sheet of a workbook).
    args: &'static [&'static str],
}

/// Takes the attendance out of some meetings.
fn clear_attendance(p: &mut Partnership, meetings: &[&str]) {
    p.meetings
        .iter_mut()
        .filter(|m| meetings.contains(&m.id.as_str()))
        .for_each(|m| m.attendance.clear());
}

const SAMPLES: &[Sample] = &[
    Sample {
        kind: "membership",
        sheet: "graphs/imports/watford-jag-membership.csv",
        seed: "watford",
        strip: |p| p.memberships.retain(|m| m.group != "jag"),
        args: &[],
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
        args: &[],
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
        args: &[],
    },
    Sample {
        kind: "membership",
        sheet: "graphs/imports/wellingborough-board-membership.xlsx",
        seed: "wellingborough",
        strip: |p| p.memberships.retain(|m| m.group != "board"),
        args: &[],
    },
    Sample {
        kind: "risks",
        sheet: "graphs/imports/wellingborough-risk-register.xlsx",
        seed: "wellingborough",
        strip: |p| p.risks.clear(),
        args: &[],
    },
    // A register as officers keep them: ticks, letters, a key, a footnote and a line below.
    Sample {
        kind: "attendance",
        sheet: "graphs/imports/dorset-dcsp-register.csv",
        seed: "dorset",
        strip: |p| clear_attendance(p, &["dcsp-2019-06-17", "dcsp-2019-12-19"]),
        args: &["--group", "dcsp"],
    },
    // People and their organisations in two columns, and a date either way round.
    Sample {
        kind: "attendance",
        sheet: "graphs/imports/croydon-scrutiny-register.csv",
        seed: "croydon",
        strip: |p| clear_attendance(p, &["sc-2019-03-05"]),
        args: &["--group", "sc"],
    },
    // The same in a workbook whose first sheet is a cover page.
    Sample {
        kind: "attendance",
        sheet: "graphs/imports/croydon-scrutiny-workbook.xlsx",
        seed: "croydon",
        strip: |p| clear_attendance(p, &["sc-2019-03-05"]),
        args: &["--group", "sc", "--sheet", "Register"],
    },
    Sample {
        kind: "membership",
        sheet: "graphs/imports/wellingborough-board-named.csv",
        seed: "wellingborough",
        strip: |p| p.memberships.retain(|m| m.group != "board"),
        args: &[],
    },
    // Bodies new to the file, added with the kind the sheet gives.
    Sample {
        kind: "membership",
        sheet: "graphs/imports/watford-cpg-membership.csv",
        seed: "watford",
        strip: |p| {
            let new = ["street-angels", "community-mental-health"];
            p.organisations.retain(|o| !new.contains(&o.id.as_str()));
            p.memberships.retain(|m| m.group != "cpg");
        },
        args: &[],
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
        let mut args = vec![
            "import",
            sample.kind,
            sample.sheet,
            "--into",
            target.to_str().unwrap(),
        ];
        args.extend_from_slice(sample.args);
        let out = scrutineer(&args);
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
                .count()
            + imported
                .organisations
                .iter()
                .filter(|o| cites(&o.evidence))
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
        let mut args = vec![
            "import",
            sample.kind,
            sample.sheet,
            "--into",
            target.to_str().unwrap(),
        ];
        args.extend_from_slice(sample.args);
        let out = scrutineer(&args);
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

/// Runs an import into Watford that must be refused.
fn refused(name: &str, kind: &str, sheet: &str, extra: &[&str]) {
    refused_in("watford", name, kind, sheet, extra);
}

/// Runs an import that must be refused: exit 2, the file byte for byte as it was, and the
/// message (snapshot) naming the sheet, row and column.
fn refused_in(seed: &str, name: &str, kind: &str, sheet: &str, extra: &[&str]) {
    let dir = scratch(name);
    let target = seed_without(seed, &dir, |_| {});
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

/// Runs an import into a copy of a seed with some facts taken out, expecting success; returns
/// what it printed and the records written.
fn imported(
    name: &str,
    seed: &str,
    strip: impl Fn(&mut Partnership),
    args: &[&str],
) -> (String, Partnership) {
    let dir = scratch(name);
    let target = seed_without(seed, &dir, strip);
    let mut all = vec!["import"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--into", target.to_str().unwrap()]);
    let out = scrutineer(&all);
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{name}: {stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (stdout, records(&target))
}

fn attendance_at(p: &Partnership, meeting: &str) -> Vec<(String, &'static str)> {
    let m = p
        .meetings
        .iter()
        .find(|m| m.id == meeting)
        .expect("meeting");
    m.attendance
        .iter()
        .map(|a| (a.member.clone(), a.status.as_str()))
        .collect()
}

#[test]
fn a_key_footnotes_and_a_line_below_the_register_are_noted_not_read() {
    let (stdout, data) = imported(
        "key-and-footnotes",
        "dorset",
        |p| clear_attendance(p, &["dcsp-2019-12-19"]),
        &[
            "attendance",
            "graphs/imports/dorset-dcsp-register.csv",
            "--group",
            "dcsp",
        ],
    );
    for line in [
        "note: row 24 read as a key, not a record: `Key: ✓ or P = present",
        "note: row 25 read as a footnote, not a record: `* the Office of the Police",
        "note: row 27 read as a note below the table, not a record: `Register kept by",
    ] {
        assert!(stdout.contains(line), "{line}\n{stdout}");
    }
    assert!(
        stdout.contains("20 rows: 10 added, 0 updated, 10 unchanged"),
        "{stdout}"
    );
    // Ticks, letters and a cross, as the register writes them.
    let marks = attendance_at(&data, "dcsp-2019-12-19");
    for (member, status) in [
        ("dc", "present"),
        ("dorset-police", "present"),
        ("crc", "present"),
        ("dorset-ccg", "absent"),
        ("dorset-pcc", "apologies"),
    ] {
        assert!(
            marks.contains(&(member.to_string(), status)),
            "{member} {status}: {marks:?}"
        );
    }
}

#[test]
fn substitutes_ticks_and_crosses_are_read_as_registers_write_them() {
    let (_, data) = imported(
        "substitutes",
        "dorset",
        |p| clear_attendance(p, &["dcsp-2025-10-16"]),
        &[
            "attendance",
            "graphs/imports/illustrative/dorset-dcsp-substitutes.csv",
            "--group",
            "dcsp",
        ],
    );
    let expected: Vec<(String, &str)> = [
        ("dc", "substitute"),            // sent sub
        ("dorset-police", "substitute"), // Substitute
        ("nhs-dorset", "substitute"),    // rep sent
        ("probation", "absent"),         // x
        ("dwfra", "absent"),             // ✘
        ("dorset-pcc", "apologies"),     // A
        ("yot", "apologies"),            // Apols
        ("daf", "present"),              // ✔
    ]
    .into_iter()
    .map(|(m, s)| (m.to_string(), s))
    .collect();
    assert_eq!(attendance_at(&data, "dcsp-2025-10-16"), expected);
}

#[test]
fn a_mark_the_import_does_not_know_is_refused_with_its_row_and_column() {
    refused_in(
        "dorset",
        "import_unknown_mark",
        "attendance",
        "graphs/imports/invalid/dorset-register-unknown-mark.csv",
        &["--group", "dcsp"],
    );
}

#[test]
fn a_person_and_their_organisation_in_two_columns_are_the_persons_record() {
    let (_, data) = imported(
        "person-and-organisation",
        "croydon",
        |p| clear_attendance(p, &["sc-2019-03-05"]),
        &[
            "attendance",
            "graphs/imports/croydon-scrutiny-register.csv",
            "--group",
            "sc",
        ],
    );
    let marks = attendance_at(&data, "sc-2019-03-05");
    assert_eq!(marks.len(), 7);
    // Two officers of the same force are each their own record, not the force's.
    assert!(marks.contains(&("colin-carswell".into(), "present")));
    assert!(marks.contains(&("dave-stringer".into(), "present")));
    assert!(!marks.iter().any(|(m, _)| m == "met"));
    // A membership list: a named person's seat is theirs; a seat with no name is the body's.
    let (_, data) = imported(
        "named-membership",
        "wellingborough",
        |p| p.memberships.retain(|m| m.group != "board"),
        &[
            "membership",
            "graphs/imports/wellingborough-board-named.csv",
        ],
    );
    let seats: Vec<(&str, &str)> = data
        .memberships
        .iter()
        .filter(|m| m.group == "board")
        .map(|m| (m.member.as_str(), m.role.as_str()))
        .collect();
    assert_eq!(
        seats,
        [
            ("john-campbell", "chair"),
            ("bcw", "member"),
            ("lara-alexander-lloyd", "vice_chair"),
            ("northants-police", "member"),
        ]
    );
}

#[test]
fn a_person_recorded_at_another_organisation_is_refused_naming_both() {
    refused_in(
        "croydon",
        "import_person_at_another_organisation",
        "attendance",
        "graphs/imports/invalid/croydon-person-at-another-organisation.csv",
        &["--group", "sc"],
    );
}

#[test]
fn dates_either_way_round_are_read_day_first_and_the_dry_run_lists_them() {
    let dir = scratch("either-way-round");
    let target = seed_without("croydon", &dir, |p| clear_attendance(p, &["sc-2019-03-05"]));
    let run = |extra: &[&str]| {
        let mut args = vec![
            "import",
            "attendance",
            "graphs/imports/croydon-scrutiny-register.csv",
            "--group",
            "sc",
            "--into",
            target.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        let out = scrutineer(&args);
        assert_eq!(out.status.code(), Some(0));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let dry = run(&["--dry-run"]);
    assert!(
        dry.contains(
            "date: `05/03/2019` read day first, as 5 March 2019 (column A (`Meeting date`), rows 3-9); month first it would be 3 May 2019"
        ),
        "{dry}"
    );
    let wet = run(&[]);
    assert!(
        wet.contains("note: `05/03/2019` (rows 3-9) could be read either way round; it was read day first, as 5 March 2019"),
        "{wet}"
    );
    assert!(!wet.contains("date: `05/03/2019`"), "{wet}");
    let data = records(&target);
    let meeting = data
        .meetings
        .iter()
        .find(|m| m.id == "sc-2019-03-05")
        .unwrap();
    assert_eq!(meeting.attendance.len(), 7, "the register went to 5 March");
}

#[test]
fn a_second_overlapping_seat_is_refused_naming_the_row_and_the_files_record() {
    refused(
        "import_second_seat",
        "membership",
        "graphs/imports/invalid/watford-jag-second-seat.csv",
        &[],
    );
}

#[test]
fn a_workbook_with_a_cover_page_says_which_sheet_looks_like_the_register() {
    refused_in(
        "croydon",
        "import_cover_sheet",
        "attendance",
        "graphs/imports/croydon-scrutiny-workbook.xlsx",
        &["--group", "sc"],
    );
}

#[test]
fn an_organisation_new_to_the_file_is_added_with_the_kind_given_on_the_command_line() {
    let strip = |p: &mut Partnership| {
        p.organisations.retain(|o| o.id != "youth-connexions");
        p.memberships.retain(|m| m.member != "youth-connexions");
    };
    let (stdout, data) = imported(
        "new-organisation-kind",
        "watford",
        strip,
        &[
            "membership",
            "graphs/imports/watford-jag-membership.csv",
            "--new-organisation-kind",
            "Other",
        ],
    );
    assert!(
        stdout.contains(
            "note: row 11: added organisation `youth-connexions`, \"Youth Connexions\", of kind `Other` (--new-organisation-kind)"
        ),
        "{stdout}"
    );
    let org = data
        .organisations
        .iter()
        .find(|o| o.id == "youth-connexions")
        .expect("added");
    assert_eq!(org.name, "Youth Connexions");
    assert_eq!(org.kind, scrutineer_graph::model::OrgKind::Other);
    assert_eq!(org.evidence.len(), 1);
    assert_eq!(org.evidence[0].source, "import-watford-jag-membership");
    assert_eq!(org.evidence[0].at.as_deref(), Some("row 11"));
    assert_eq!(
        org.evidence[0].note.as_deref(),
        Some("its kind was given with --new-organisation-kind")
    );
    assert!(
        data.memberships
            .iter()
            .any(|m| m.member == "youth-connexions" && m.group == "jag")
    );

    // A kind that is not one of the file's is refused, not guessed at.
    let dir = scratch("new-organisation-bad-kind");
    let target = seed_without("watford", &dir, strip);
    let before = read(&target);
    let out = scrutineer(&[
        "import",
        "membership",
        "graphs/imports/watford-jag-membership.csv",
        "--into",
        target.to_str().unwrap(),
        "--new-organisation-kind",
        "Charity",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("cannot read `Charity` as a kind of body"),
        "{stderr}"
    );
    assert!(stderr.contains("scrutineer explain OrgKind"), "{stderr}");
    assert_eq!(read(&target), before);

    // Without a kind, the name the file does not know stays a problem.
    let out = scrutineer(&[
        "import",
        "membership",
        "graphs/imports/watford-jag-membership.csv",
        "--into",
        target.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("`Youth Connexions` is not an organisation or person of `watford`")
    );
    assert_eq!(read(&target), before);
}

#[test]
fn a_kind_column_adds_the_organisations_new_to_the_file_citing_their_rows() {
    let (stdout, data) = imported(
        "kind-column",
        "watford",
        |p| {
            p.organisations.retain(|o| o.id != "street-angels");
            p.memberships.retain(|m| m.group != "cpg");
        },
        &["membership", "graphs/imports/watford-cpg-membership.csv"],
    );
    assert!(
        stdout.contains(
            "note: row 5: added organisation `street-angels`, \"Street Angels\", of kind `VoluntarySector`\n"
        ),
        "{stdout}"
    );
    let org = data
        .organisations
        .iter()
        .find(|o| o.id == "street-angels")
        .expect("added");
    assert_eq!(org.kind, scrutineer_graph::model::OrgKind::VoluntarySector);
    assert_eq!(
        org.evidence,
        [scrutineer_graph::model::Evidence {
            source: "import-watford-cpg-membership".into(),
            at: Some("row 5".into()),
            quote: None,
            note: None,
        }]
    );
    // The kinds the sheet gives for bodies the file has agree with it: nothing to report.
    assert!(!stdout.contains("conflict:"), "{stdout}");
}

/// Two imports into one file at once never both report success with one of them lost: the
/// second either runs on the file the first wrote (both changes are there) or finds the file
/// changed since it read it and refuses, exit 2, saying to run it again. Tried several times,
/// since which comes first is up to the machine.
#[test]
fn two_imports_into_one_file_at_once_never_lose_one() {
    let dir = scratch("concurrent");
    let strip = |p: &mut Partnership| {
        p.memberships.retain(|m| m.group != "jag");
        p.meetings
            .iter_mut()
            .filter(|m| m.id == "tg-2016-10-20")
            .for_each(|m| m.attendance.clear());
    };
    let (mut refusals, mut both) = (0, 0);
    for _ in 0..6 {
        let target = seed_without("watford", &dir, strip);
        let start = |kind: &str, sheet: &str| {
            std::process::Command::new(env!("CARGO_BIN_EXE_scrutineer"))
                .args(["import", kind, sheet, "--into", target.to_str().unwrap()])
                .current_dir(root())
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("runs")
        };
        let a = start("membership", "graphs/imports/watford-jag-membership.csv");
        let b = start(
            "attendance",
            "graphs/imports/watford-task-group-attendance.csv",
        );
        let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
        let data = records(&target);
        let has_membership = data.memberships.iter().any(|m| m.group == "jag");
        let has_attendance = data
            .meetings
            .iter()
            .any(|m| m.id == "tg-2016-10-20" && !m.attendance.is_empty());
        for (out, present) in [(&a, has_membership), (&b, has_attendance)] {
            let stderr = String::from_utf8_lossy(&out.stderr);
            match out.status.code() {
                Some(0) => assert!(present, "reported success but its change is lost"),
                Some(2) => {
                    assert!(
                        stderr.contains("changed since it was read; run the command again"),
                        "{stderr}"
                    );
                    assert!(!present);
                    refusals += 1;
                }
                other => panic!("exit {other:?}: {stderr}"),
            }
        }
        assert!(a.status.success() || b.status.success(), "one of them won");
        if a.status.success() && b.status.success() {
            both += 1;
        }
        let leftovers = std::fs::read_dir(root().join(&dir)).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary file is left");
    }
    eprintln!("6 tries: {both} with both applied, {refusals} refused");
}

/// An import whose result would be larger than the loader reads is refused, exit 2, and the
/// file is left as it was (the import used to write a file that then would not load).
#[test]
fn an_import_that_would_pass_the_size_limit_is_refused() {
    let dir = scratch("size-limit");
    let limit = scrutineer_graph::load::MAX_FILE_BYTES as usize;
    let from = Path::new("graphs/partnerships/watford.ron");
    let text = read(from);
    let mut data = records(from);
    data.memberships.retain(|m| m.group != "jag");
    let target = dir.join("watford.ron");
    // A long note brings the file to just under the limit; the import adds a few hundred bytes.
    let fill = |n: usize, data: &mut Partnership| {
        data.notes = vec!["x".repeat(n)];
        rewrite(&target, &text, data).expect("rewrites")
    };
    let short = fill(0, &mut data).len();
    let written = fill(limit - short - 64, &mut data);
    assert!(written.len() <= limit && written.len() > limit - 200);
    std::fs::write(root().join(&target), &written).unwrap();
    let out = scrutineer(&[
        "import",
        "membership",
        "graphs/imports/watford-jag-membership.csv",
        "--into",
        target.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("over the 16 MB a partnership file may be")
            && stderr.contains("watford.ron` was not changed"),
        "{stderr}"
    );
    assert!(std::fs::read(root().join(&target)).unwrap() == written.as_bytes());
}

/// A CSV saved with Windows line endings (CRLF) is numbered as Excel shows it, in messages and
/// in the evidence written: the same as the file with plain line endings.
#[test]
fn rows_of_a_csv_with_windows_line_endings_are_numbered_as_excel_shows_them() {
    let dir = scratch("crlf");
    let crlf = |from: &str, to: &str| {
        let text = read(Path::new(from))
            .replace("\r\n", "\n")
            .replace('\n', "\r\n");
        assert!(text.contains("\r\n"));
        let path = dir.join(to);
        std::fs::write(root().join(&path), text).unwrap();
        path
    };
    // Evidence: each membership cites the row it came from.
    let sheet = crlf("graphs/imports/watford-jag-membership.csv", "jag.csv");
    let strip = |p: &mut Partnership| p.memberships.retain(|m| m.group != "jag");
    let cited = |data: &Partnership| -> Vec<(String, Option<String>)> {
        data.memberships
            .iter()
            .filter(|m| m.group == "jag")
            .map(|m| (m.member.clone(), m.evidence[0].at.clone()))
            .collect()
    };
    let (_, plain) = imported(
        "crlf-plain",
        "watford",
        strip,
        &["membership", "graphs/imports/watford-jag-membership.csv"],
    );
    let (_, windows) = imported(
        "crlf-windows",
        "watford",
        strip,
        &["membership", sheet.to_str().unwrap()],
    );
    assert!(!cited(&plain).is_empty());
    assert!(
        cited(&plain)
            .iter()
            .any(|(_, at)| at.as_deref().is_some_and(|a| a.contains("row 4"))),
        "{:?}",
        cited(&plain)
    );
    assert_eq!(cited(&windows), cited(&plain));
    // Messages: a refused row is named by the same number.
    let bad = "graphs/imports/invalid/watford-attendance-month-first.csv";
    let bad_crlf = crlf(bad, "month-first.csv");
    let message = |sheet: &str| {
        let target = seed_without("watford", &dir, |_| {});
        let out = scrutineer(&[
            "import",
            "attendance",
            sheet,
            "--into",
            target.to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(2));
        String::from_utf8_lossy(&out.stderr).replace(sheet, "SHEET")
    };
    let plain = message(bad);
    assert!(plain.contains("row "), "{plain}");
    assert_eq!(message(bad_crlf.to_str().unwrap()), plain);
    // A CRLF line end is not an empty line: no blank row is read into the sheet, which would
    // end the table there and have a row of one cell below it read as a note, dropping an
    // action whose other cells are blank.
    let tracker = dir.join("tracker.csv");
    std::fs::write(
        root().join(&tracker),
        "Action,Owner\r\nReview the plan,Watford Borough Council\r\nPublish the strategy\r\n",
    )
    .unwrap();
    let (stdout, data) = imported(
        "crlf-tracker",
        "watford",
        |_| {},
        &["actions", tracker.to_str().unwrap()],
    );
    for id in ["review-the-plan", "publish-the-strategy"] {
        assert!(data.actions.iter().any(|a| a.id == id), "{id}: {stdout}");
    }
    assert!(stdout.contains("row   3  added action"), "{stdout}");
}

/// A title above the table that happens to be a column's name ("Agency") is not taken for the
/// header: the real header below it is, and every row is read as it would be without the
/// title.
#[test]
fn a_one_cell_title_that_is_a_column_name_is_not_the_header() {
    let dir = scratch("title-row");
    let original = read(Path::new("graphs/imports/watford-jag-membership.csv"));
    let (first, rest) = original.split_once('\n').unwrap();
    assert!(first.starts_with("\"Joint Authorities Group"));
    for title in ["Agency", "Members", "Agency\n"] {
        let sheet = dir.join("titled.csv");
        std::fs::write(root().join(&sheet), format!("{title}\n{rest}")).unwrap();
        let strip = |p: &mut Partnership| p.memberships.retain(|m| m.group != "jag");
        let (_, titled) = imported(
            "title-row-titled",
            "watford",
            strip,
            &["membership", sheet.to_str().unwrap()],
        );
        let (_, plain) = imported(
            "title-row-plain",
            "watford",
            strip,
            &["membership", "graphs/imports/watford-jag-membership.csv"],
        );
        let jag = |p: &Partnership| -> Vec<String> {
            p.memberships
                .iter()
                .filter(|m| m.group == "jag")
                .map(|m| format!("{} {:?}", m.member, m.role))
                .collect()
        };
        assert!(jag(&plain).len() >= 5);
        assert_eq!(jag(&titled), jag(&plain), "title {title:?}");
    }
}

/// A list kept as one column (`Organisation` and the bodies below it) still has its one cell
/// taken as the header, since no other row has the columns.
#[test]
fn a_list_of_one_column_is_still_read() {
    let dir = scratch("one-column");
    let sheet = dir.join("one-column.csv");
    std::fs::write(
        root().join(&sheet),
        "Agency\nHertfordshire Fire and Rescue\nWatford Borough Council\n",
    )
    .unwrap();
    let (_, data) = imported(
        "one-column-into",
        "watford",
        |p| p.memberships.retain(|m| m.group != "jag"),
        &["membership", sheet.to_str().unwrap(), "--group", "jag"],
    );
    assert_eq!(
        data.memberships.iter().filter(|m| m.group == "jag").count(),
        2
    );
}

/// A spreadsheet is read as every input is: a pipe named as a CSV or a link to an endless
/// device named as a workbook is refused, exit 2, without hanging or filling memory.
#[cfg(unix)]
#[test]
fn a_pipe_or_a_device_named_as_a_spreadsheet_is_refused_unread() {
    let dir = scratch("not-a-sheet");
    let target = seed_without("watford", &dir, |_| {});
    let before = read(&target);
    let fifo = root().join(&dir).join("pipe.csv");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let zero = root().join(&dir).join("zero.xlsx");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    for sheet in [&fifo, &zero] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_scrutineer"))
            .args(["import", "membership", sheet.to_str().unwrap(), "--into"])
            .arg(root().join(&target))
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let started = std::time::Instant::now();
        while child.try_wait().unwrap().is_none() {
            if started.elapsed() > std::time::Duration::from_secs(30) {
                child.kill().unwrap();
                panic!("{}: still reading after 30 s", sheet.display());
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains("is not a regular file"), "{stderr}");
    }
    assert_eq!(read(&target), before);
}
