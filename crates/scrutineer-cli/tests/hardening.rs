//! Untrusted input: hostile scenarios, oversized files, and `fmt` never losing anything.

mod common;

use std::path::Path;

use scrutineer_graph::format::format_text;
use scrutineer_rules::Limits;
use scrutineer_rules::whatif::Scenario;

use common::scrutineer;

#[test]
fn hostile_scenarios_are_stopped_and_reported_with_file_and_position() {
    let root = common::root();
    let graph = common::load("graphs/partnerships/welwyn-hatfield.ron");
    let before = graph.data.clone();
    let limits = Limits {
        max_operations: 100_000,
        ..Limits::default()
    };
    let mut report = String::new();
    let mut names: Vec<_> =
        std::fs::read_dir(root.join("crates/scrutineer-cli/tests/hostile-scenarios"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
    names.sort();
    for path in names {
        let relative = path.strip_prefix(&root).unwrap().to_path_buf();
        let text = std::fs::read_to_string(&path).unwrap();
        let outcome =
            Scenario::compile(&relative, &text, limits).and_then(|s| s.run(&graph).map(|_| ()));
        let err = outcome.expect_err(&format!("{} should be stopped", relative.display()));
        assert!(
            err.line.is_some() && err.column.is_some(),
            "{}: no position in `{err}`",
            relative.display()
        );
        report.push_str(&format!("{err}\n"));
    }
    assert_eq!(
        graph.data, before,
        "a scenario changed the loaded partnership"
    );
    common::snapshot_settings().bind(|| insta::assert_snapshot!("hostile_scenarios", report));
}

#[test]
fn a_50_megabyte_file_is_refused_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.ron");
    let mut text = String::from(
        "Partnership(id: \"big\", name: \"Big\", nation: England, tier: Unitary, notes: [\n",
    );
    let line = format!("    \"{}\",\n", "x".repeat(1000));
    while text.len() < 50 * 1024 * 1024 {
        text.push_str(&line);
    }
    text.push_str("])\n");
    std::fs::write(&big, &text).unwrap();
    let out = scrutineer(&["check", big.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("big.ron:1:1") && err.contains("larger than the 16 MB"),
        "{err}"
    );
}

#[test]
fn fmt_round_trips_every_bundled_file() {
    let root = common::root();
    let mut files = Vec::new();
    for dir in [
        "graphs/partnerships",
        "graphs/fixtures",
        "crates/scrutineer-cli/tests/data",
    ] {
        let mut stack = vec![root.join(dir)];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|x| x == "ron") {
                    files.push(p);
                }
            }
        }
    }
    assert!(files.len() > 150);
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let formatted =
            format_text(&file, &text).unwrap_or_else(|d| panic!("{}: {d:?}", file.display()));
        assert_eq!(
            formatted,
            text,
            "{} is not in the canonical layout: run `scrutineer fmt`",
            file.display()
        );
        let reloaded = scrutineer_graph::load_str(Path::new("x.ron"), formatted.clone())
            .graph
            .expect("loads");
        let original = scrutineer_graph::load_str(Path::new("x.ron"), text)
            .graph
            .expect("loads");
        assert_eq!(reloaded.data, original.data, "{}", file.display());
    }
}

#[test]
fn fmt_refuses_what_it_would_lose_and_never_half_writes() {
    let dir = tempfile::tempdir().unwrap();
    // A comment inside the partnership would be lost: refused, file untouched.
    let commented = dir.path().join("commented.ron");
    let text = "// kept\nPartnership(\n    id: \"x\", // lost\n    name: \"X\", nation: England, tier: Unitary,\n)\n";
    std::fs::write(&commented, text).unwrap();
    let out = scrutineer(&["fmt", commented.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("commented.ron:3:14"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(std::fs::read_to_string(&commented).unwrap(), text);
    // A broken file is not touched.
    let broken = dir.path().join("broken.ron");
    std::fs::copy(
        common::root().join("graphs/invalid/dangling_reference.ron"),
        &broken,
    )
    .unwrap();
    let before = std::fs::read(&broken).unwrap();
    assert_eq!(
        scrutineer(&["fmt", broken.to_str().unwrap()]).status.code(),
        Some(2)
    );
    assert_eq!(std::fs::read(&broken).unwrap(), before);
    // An unformatted file: --check says so and changes nothing; fmt rewrites it whole.
    let loose = dir.path().join("loose.ron");
    let messy = "// kept\nPartnership(id:\"x\",name:\"X\",nation:England,tier:Unitary,\n  organisations:[Organisation(id:\"c\",name:\"C\",kind:UnitaryCouncil)])";
    std::fs::write(&loose, messy).unwrap();
    assert_eq!(
        scrutineer(&["fmt", "--check", loose.to_str().unwrap()])
            .status
            .code(),
        Some(1)
    );
    assert_eq!(std::fs::read_to_string(&loose).unwrap(), messy);
    assert_eq!(
        scrutineer(&["fmt", loose.to_str().unwrap()]).status.code(),
        Some(0)
    );
    let tidy = std::fs::read_to_string(&loose).unwrap();
    assert!(
        tidy.starts_with("// kept\n")
            && tidy.contains("Organisation(id: \"c\", name: \"C\", kind: UnitaryCouncil)"),
        "{tidy}"
    );
    assert_eq!(
        scrutineer(&["fmt", "--check", loose.to_str().unwrap()])
            .status
            .code(),
        Some(0)
    );
    // A write that fails part way is covered by `write_atomically`'s own test in the graph crate.
}

/// Files as users wrote them for earlier versions (Watford and fixtures as they stood in October
/// 2026, with `members_listed_in_full` and the other old flags) keep loading, and `fmt`'s
/// rewrite into the present form means the same: every result on every date is the same.
#[test]
fn files_written_for_an_earlier_version_load_and_keep_their_meaning() {
    let root = common::root();
    let dir = root.join("crates/scrutineer-cli/tests/legacy");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.retain(|f| f.extension().is_some_and(|x| x == "ron"));
    files.sort();
    assert!(files.len() >= 8);
    for file in files {
        let relative = file
            .strip_prefix(&root)
            .unwrap()
            .to_str()
            .unwrap()
            .to_string();
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(
            text.contains("_listed_in_full: true"),
            "{relative}: keep the old flags, or this test proves nothing"
        );
        let old = std::sync::Arc::new(common::load(&relative));
        let rewritten = format_text(&file, &text).unwrap_or_else(|d| panic!("{relative}: {d:?}"));
        assert!(
            !rewritten.contains("_listed_in_full"),
            "{relative}: fmt keeps an old flag"
        );
        let loaded = scrutineer_graph::load_str(Path::new(&relative), rewritten);
        let new = std::sync::Arc::new(loaded.graph.expect("the rewritten file loads"));
        let own = text
            .lines()
            .find_map(|l| l.strip_prefix("// as-of: "))
            .map(str::trim);
        let days = [
            "2015-06-01",
            "2016-11-01",
            "2019-04-01",
            "2022-10-01",
            "2026-11-29",
        ];
        for day in own.into_iter().chain(days) {
            let day = common::day(day);
            let a = common::evaluate(std::slice::from_ref(&old), day, &[]);
            let b = common::evaluate(std::slice::from_ref(&new), day, &[]);
            let show = |e: &scrutineer_rules::Evaluation| -> Vec<String> {
                e.findings
                    .iter()
                    .map(|f| format!("{} {} {:?} {}", f.rule, f.subject, f.outcome, f.message))
                    .collect()
            };
            assert_eq!(show(&a), show(&b), "{relative} on {day}");
        }
    }
}

/// A hostile folder: a link to a file that is not a partnership (its contents never echoed), a
/// pipe and a link to an endless device (refused, never read), and a link back up the tree (read
/// once). Every real partnership in it is still checked.
#[test]
fn a_hostile_folder_is_refused_entry_by_entry_and_nothing_is_echoed() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let secret = root.join("secret.txt");
    std::fs::write(&secret, "API_TOKEN=do-not-print-me\n").unwrap();
    let folder = root.join("partnerships");
    std::fs::create_dir(&folder).unwrap();
    std::fs::copy(
        common::root().join("graphs/partnerships/watford.ron"),
        folder.join("watford.ron"),
    )
    .unwrap();
    std::os::unix::fs::symlink(&secret, folder.join("secret.ron")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", folder.join("zero.ron")).unwrap();
    std::os::unix::fs::symlink(&folder, folder.join("loop")).unwrap();
    // A second name for a partnership in the folder: checked once, not as two with one id.
    std::os::unix::fs::symlink("watford.ron", folder.join("alias.ron")).unwrap();
    let fifo = folder.join("pipe.ron");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let out = scrutineer(&["check", "--as-of", "2016-11-01", folder.to_str().unwrap()]);
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(!stdout.contains("do-not-print-me") && !stderr.contains("do-not-print-me"));
    assert!(stderr.contains("is not a partnership file"), "{stderr}");
    assert!(!stderr.contains("is used by both"), "{stderr}");
    assert!(
        !stdout.contains("alias.ron") && stdout.contains("watford.ron"),
        "the file's own name is shown: {stdout}"
    );
    assert_eq!(
        stderr.matches("is not a regular file").count(),
        2,
        "{stderr}"
    );
    assert_eq!(
        stdout
            .matches("Watford Community Safety Partnership\n===")
            .count(),
        1,
        "{stdout}"
    );
}

/// Text from the records reaches a terminal only as visible characters: a name that would clear
/// the screen and print "All checks passed" is shown escaped.
#[test]
fn control_characters_from_the_records_are_shown_not_obeyed() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("esc.ron");
    std::fs::write(
        &file,
        "Partnership(id: \"p\", name: \"\\u{1b}[2J\\u{1b}[HAll checks passed \\u{202e}gnp.exe\", nation: England, tier: Unitary)\n",
    )
    .unwrap();
    for args in [
        vec!["check", "--as-of", "2020-01-01", file.to_str().unwrap()],
        vec!["validate", file.to_str().unwrap()],
    ] {
        let out = scrutineer(&args);
        for stream in [&out.stdout, &out.stderr] {
            assert!(
                !stream.contains(&0x1b),
                "{args:?}: a raw escape reached the terminal"
            );
            assert!(!String::from_utf8_lossy(stream).contains('\u{202e}'));
        }
    }
    let out = scrutineer(&["check", "--as-of", "2020-01-01", file.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("\\u{1b}[2J"));
}

/// A partnership file not in the canonical layout, so that `fmt` rewrites it.
const MESSY: &str = "// kept\nPartnership(id:\"x\",name:\"X\",nation:England,tier:Unitary,\n  organisations:[Organisation(id:\"c\",name:\"C\",kind:UnitaryCouncil)])\n";

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A file only its owner may read stays so after `fmt` rewrites it (a rewrite by way of a
/// temporary file used to come back `0644`, readable by everyone on a shared machine).
#[cfg(unix)]
#[test]
fn a_rewritten_file_keeps_its_permission_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    for mode in [0o600, 0o640, 0o664] {
        let file = dir.path().join(format!("p{mode:o}.ron"));
        std::fs::write(&file, MESSY).unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(mode)).unwrap();
        let out = scrutineer(&["fmt", file.to_str().unwrap()]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_ne!(std::fs::read_to_string(&file).unwrap(), MESSY, "rewritten");
        let now = std::fs::metadata(&file).unwrap().permissions().mode() & 0o7777;
        assert_eq!(now, mode, "mode {mode:o} became {now:o}");
    }
}

/// A file on a shared drive keeps its owner and group after `fmt` rewrites it, where the user
/// running it may set them (root may give a file to anyone; others keep the group when they
/// are in it). Only a run that may give a file away can show it, so elsewhere this says so and
/// stops.
#[cfg(unix)]
#[test]
fn a_rewritten_file_keeps_its_owner_where_allowed() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("p.ron");
    std::fs::write(&file, MESSY).unwrap();
    // `nobody`, a user other than the one running the tests.
    let (uid, gid) = (65534, 65534);
    if std::os::unix::fs::chown(&file, Some(uid), Some(gid)).is_err() {
        eprintln!("not checked: this user may not give a file to another");
        return;
    }
    let out = scrutineer(&["fmt", file.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_ne!(std::fs::read_to_string(&file).unwrap(), MESSY, "rewritten");
    let m = std::fs::metadata(&file).unwrap();
    assert_eq!((m.uid(), m.gid()), (uid, gid));
}

/// `fmt` on a link rewrites the file it points to; the link stays a link (it used to be
/// replaced by a regular file, and the real file never got the change).
#[cfg(unix)]
#[test]
fn a_link_is_written_through_and_stays_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let shared = dir.path().join("shared");
    let mine = dir.path().join("mine");
    std::fs::create_dir_all(&shared).unwrap();
    std::fs::create_dir_all(&mine).unwrap();
    let real = shared.join("p.ron");
    std::fs::write(&real, MESSY).unwrap();
    let link = mine.join("p.ron");
    // A relative link, as `ln -s ../shared/p.ron` makes: resolved from the link's folder.
    std::os::unix::fs::symlink("../shared/p.ron", &link).unwrap();
    let out = scrutineer(&["fmt", link.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link is still a link"
    );
    let tidy = std::fs::read_to_string(&real).unwrap();
    assert!(
        tidy.contains("Organisation(id: \"c\", name: \"C\", kind: UnitaryCouncil)"),
        "the real file has the change: {tidy}"
    );
    assert_eq!(names_in(&shared), ["p.ron"], "no temporary file is left");
    assert_eq!(names_in(&mine), ["p.ron"]);
}

/// Someone who can write to a shared folder cannot make `fmt` write elsewhere by planting a
/// link at the name of its temporary file. The old name was `.NAME.PID.tmp`; the link is
/// planted at it by a shell that then becomes `scrutineer` (`exec` keeps the process id).
#[cfg(unix)]
#[test]
fn a_link_planted_at_the_old_temporary_name_is_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("shared");
    std::fs::create_dir_all(&folder).unwrap();
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "not yours to write\n").unwrap();
    let file = folder.join("p.ron");
    std::fs::write(&file, MESSY).unwrap();
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg("ln -s \"$1\" \"$2/.p.ron.$$.tmp\" && exec \"$3\" fmt \"$2/p.ron\"")
        .arg("sh")
        .arg(&victim)
        .arg(&folder)
        .arg(env!("CARGO_BIN_EXE_scrutineer"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(&victim).unwrap(),
        "not yours to write\n"
    );
    assert!(
        std::fs::symlink_metadata(&file)
            .unwrap()
            .file_type()
            .is_file()
    );
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("kind: UnitaryCouncil)")
    );
    let names = names_in(&folder);
    assert_eq!(
        names.len(),
        2,
        "the planted link and the file only: {names:?}"
    );
    assert!(
        names[0].starts_with(".p.ron.") && names[1] == "p.ron",
        "{names:?}"
    );
}

/// A file changed by someone else between being read and being written is not written over:
/// the rewrite is refused, saying so, and the other change is kept. (Two `import` runs at
/// once, in the import tests, meet this through the command line.)
#[test]
fn a_file_changed_since_it_was_read_is_not_written_over() {
    use scrutineer_graph::files::{WriteError, read_for_update, replace_partnership};
    use scrutineer_graph::load::MAX_FILE_BYTES;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("p.ron");
    let theirs = MESSY.replace("name:\"X\"", "name:\"Theirs\"");
    // Changed in place, and replaced whole by a rename (as an editor or another run does).
    for replace_whole in [false, true] {
        std::fs::write(&file, MESSY).unwrap();
        let read = read_for_update(&file, MAX_FILE_BYTES).unwrap();
        let mine = format_text(&file, &read.text).unwrap();
        if replace_whole {
            let other = dir.path().join("other");
            std::fs::write(&other, &theirs).unwrap();
            std::fs::rename(&other, &file).unwrap();
        } else {
            std::fs::write(&file, &theirs).unwrap();
        }
        let err = replace_partnership(&read, &mine).unwrap_err();
        assert!(matches!(err, WriteError::Changed { .. }), "{err:?}");
        assert!(
            err.to_string()
                .contains("p.ron` changed since it was read; run the command again"),
            "{err}"
        );
        assert_eq!(std::fs::read_to_string(&file).unwrap(), theirs);
        assert_eq!(names_in(dir.path()), ["p.ron"], "no temporary file is left");
    }
    // Unchanged, the same rewrite goes through.
    std::fs::write(&file, MESSY).unwrap();
    let read = read_for_update(&file, MAX_FILE_BYTES).unwrap();
    let mine = format_text(&file, &read.text).unwrap();
    replace_partnership(&read, &mine).unwrap();
    assert_eq!(std::fs::read_to_string(&file).unwrap(), mine);
}

/// A rewrite that would not load is never written, whatever asked for it.
#[test]
fn a_rewrite_that_would_not_load_is_not_written() {
    use scrutineer_graph::files::{WriteError, read_for_update, replace_partnership};
    use scrutineer_graph::load::MAX_FILE_BYTES;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("p.ron");
    std::fs::write(&file, MESSY).unwrap();
    let read = read_for_update(&file, MAX_FILE_BYTES).unwrap();
    let err = replace_partnership(&read, "Partnership(id: \"x\")\n").unwrap_err();
    assert!(matches!(err, WriteError::DoesNotLoad { .. }), "{err:?}");
    let big = format!(
        "Partnership(id: \"x\", name: \"X\", nation: England, tier: Unitary, notes: [\"{}\"])\n",
        "x".repeat(MAX_FILE_BYTES as usize)
    );
    let err = replace_partnership(&read, &big).unwrap_err();
    assert!(matches!(err, WriteError::TooLarge { .. }), "{err:?}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), MESSY);
}
