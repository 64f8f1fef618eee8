//! Finding inputs: partnership files, the rule pack, and the evaluation date.

use std::path::{Path, PathBuf};

use scrutineer_graph::Date;

/// The folder the bundled partnerships, rules and fixtures live in. Run from the repository,
/// that is the working directory; run from elsewhere, it is where the binary was built from,
/// so `scrutineer check` works in any directory of a checkout.
fn project_dir() -> PathBuf {
    let here = PathBuf::from(".");
    if here.join("rules").is_dir() && here.join("graphs").is_dir() {
        return here;
    }
    let built = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    if built.join("rules").is_dir() {
        return built.canonicalize().unwrap_or(built);
    }
    here
}

/// The rule pack folder: the one given, else `rules/`.
pub fn rules_dir(given: Option<&Path>) -> PathBuf {
    match given {
        Some(p) => p.to_path_buf(),
        None => {
            let base = project_dir();
            if base == Path::new(".") {
                PathBuf::from("rules")
            } else {
                base.join("rules")
            }
        }
    }
}

/// The partnership files named by `paths` (folders are searched for `.ron` files), sorted
/// within each folder; `graphs/partnerships/` when none are given.
pub fn partnership_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let given: Vec<PathBuf> = if paths.is_empty() {
        let base = project_dir();
        vec![if base == Path::new(".") {
            PathBuf::from("graphs/partnerships")
        } else {
            base.join("graphs/partnerships")
        }]
    } else {
        paths.to_vec()
    };
    let mut out = Vec::new();
    for p in given {
        if p.is_dir() {
            let mut found = Vec::new();
            collect_ron(&p, &mut found)
                .map_err(|e| format!("cannot read folder `{}`: {e}", p.display()))?;
            if found.is_empty() {
                return Err(format!("no `.ron` partnership files in `{}`", p.display()));
            }
            found.sort();
            out.extend(found);
        } else {
            // A missing file is reported by the loader, with the others still checked.
            out.push(p);
        }
    }
    Ok(out)
}

fn collect_ron(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect_ron(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "ron") {
            out.push(path);
        }
    }
    Ok(())
}

/// A day given on the command line for `flag`. A month or a year is refused with the days it
/// could mean, rather than guessing which: "as of September 2017" is the 1st to a reader and
/// the 30th to another.
pub fn day(flag: &str, given: &str) -> Result<Date, String> {
    use scrutineer_graph::When;
    match given.parse::<When>() {
        Ok(When::Day(d)) => Ok(d),
        Ok(w @ (When::Month { .. } | When::Year(_))) => Err(format!(
            "{flag}: `{given}` is {}, not a day; give a day, such as `{}` (its first) or `{}` (its last)",
            if matches!(w, When::Year(_)) {
                "a year"
            } else {
                "a month"
            },
            w.earliest(),
            w.latest()
        )),
        Ok(_) => Err(format!(
            "{flag}: `{given}` is a range, not a day; give one day in the form `2022-09-30`"
        )),
        Err(e) if e.reason.starts_with("write a day year first") => Err(format!("{flag}: {e}")),
        Err(e) => Err(format!(
            "{flag}: `{}` is not a day: {}",
            e.text,
            if e.reason.starts_with("write a day `") {
                "write it as `2022-09-30` (year, month, day)".to_string()
            } else {
                e.reason
            }
        )),
    }
}

/// The day given for `--known-on`, if any.
pub fn known_on(given: Option<&str>) -> Result<Option<Date>, String> {
    given.map(|s| day("--known-on", s)).transpose()
}

/// The evaluation date: the one given (`YYYY-MM-DD`), else today.
pub fn as_of(given: Option<&str>) -> Result<Date, String> {
    match given {
        Some(s) => day("--as-of", s),
        None => {
            let secs = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_err(|_| "the system clock is before 1970".to_string())?
                .as_secs();
            let epoch = Date::from_ymd(1970, 1, 1).expect("valid");
            Ok(epoch.add_days((secs / 86_400) as i64))
        }
    }
}
