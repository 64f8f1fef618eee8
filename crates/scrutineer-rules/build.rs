//! Builds the rule pack into the library: every `rules/<area>/<RULE-ID>.rhai` of the workspace
//! becomes an entry of `RULES` (its path under `rules/`, its area and its text), so an installed
//! binary checks partnerships with no checkout beside it.

use std::path::{Path, PathBuf};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.expect("a readable folder entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|x| x == "rhai") {
            out.push(path);
        }
    }
}

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let root = manifest.join("../../rules");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    collect(&root, &mut files);
    let mut code = String::from(
        "/// The rule pack built in: (path under `rules/`, area, text).\npub static RULES: &[(&str, &str, &str)] = &[\n",
    );
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let rel = f.strip_prefix(&root).expect("under rules/");
        let area = rel
            .parent()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        let abs = f.canonicalize().expect("a rule file");
        code.push_str(&format!(
            "    ({:?}, {:?}, include_str!({:?})),\n",
            rel.display().to_string(),
            area,
            abs.display().to_string()
        ));
    }
    code.push_str("];\n");
    let out =
        PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets it")).join("builtin_rules.rs");
    std::fs::write(out, code).expect("the build folder is writable");
}
