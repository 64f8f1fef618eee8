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

/// The evaluation date: the one given (`YYYY-MM-DD`), else today.
pub fn as_of(given: Option<&str>) -> Result<Date, String> {
    match given {
        Some(s) => s.parse::<Date>().map_err(|e| format!("--as-of: {e}")),
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
