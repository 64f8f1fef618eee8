//! Finding inputs: partnership files, the rule pack, and the evaluation date.

use std::path::{Path, PathBuf};

use scrutineer_graph::Date;

/// Where partnership files are looked for when none are named: in the current folder.
pub const DEFAULT_FOLDER: &str = "graphs/partnerships";

/// The partnership files named by `paths` (folders are searched for `.ron` files), sorted
/// within each folder; `graphs/partnerships/` when none are given.
pub fn partnership_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    // Relative paths, and the default folder, are read from the current folder: an installed
    // binary knows nothing of the checkout it was built in.
    let given: Vec<PathBuf> = if paths.is_empty() {
        let default = PathBuf::from(DEFAULT_FOLDER);
        if !default.is_dir() {
            return Err(format!(
                "no partnership files given, and no `{DEFAULT_FOLDER}/` folder here; name a file or folder (`scrutineer check my-partnership.ron`)"
            ));
        }
        vec![default]
    } else {
        paths.to_vec()
    };
    let mut out = Vec::new();
    for p in given {
        if p.is_dir() {
            // An unreadable folder inside is passed on as it is, so that the loader reports it
            // and every other file is still checked.
            let (files, unreadable) = scrutineer_graph::files::files_under(&p, "ron")
                .map_err(|e| format!("cannot read folder `{}`: {e}", p.display()))?;
            if files.is_empty() && unreadable.is_empty() {
                return Err(format!("no `.ron` partnership files in `{}`", p.display()));
            }
            let mut found: Vec<PathBuf> = files.into_iter().chain(unreadable).collect();
            found.sort();
            out.extend(found);
        } else {
            // A missing file is reported by the loader, with the others still checked.
            out.push(p);
        }
    }
    Ok(each_real_file_once(out))
}

/// Each real file once: a link to a file also named (`alias.ron` -> `watford.ron`) would
/// otherwise be checked twice and reported as two partnerships with one id. The file's own
/// name is kept over a link's, else the first name met; a path that cannot be resolved (a
/// missing file) is kept as it is, for the loader to report.
fn each_real_file_once(paths: Vec<PathBuf>) -> Vec<PathBuf> {
    let real: Vec<PathBuf> = paths
        .iter()
        .map(|p| p.canonicalize().unwrap_or_else(|_| p.clone()))
        .collect();
    let is_link = |p: &Path| {
        p.symlink_metadata()
            .is_ok_and(|m| m.file_type().is_symlink())
    };
    let mut chosen: std::collections::HashMap<&PathBuf, usize> = std::collections::HashMap::new();
    for (i, r) in real.iter().enumerate() {
        let keep = chosen.entry(r).or_insert(i);
        if is_link(&paths[*keep]) && !is_link(&paths[i]) {
            *keep = i;
        }
    }
    paths
        .into_iter()
        .enumerate()
        .filter(|(i, _)| chosen.get(&real[*i]) == Some(i))
        .map(|(_, p)| p)
        .collect()
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
        Err(e) if e.reason.starts_with("write the year first") => Err(format!("{flag}: {e}")),
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
