//! Reads the file format's documentation out of the model's source: each record's `///` lines,
//! its fields (name, type, whether it may be left out, and their `///` lines) and each list of
//! allowed values with its plain description. `src/reference.rs` turns this into the format
//! reference people read (`docs/format.md`, `scrutineer explain Meeting`), so the reference is
//! the model's own words and cannot fall behind it.

use std::fmt::Write;
use std::path::PathBuf;

struct Field {
    name: String,
    ty: String,
    doc: String,
    optional: bool,
}

struct Record {
    name: String,
    doc: String,
    fields: Vec<Field>,
}

struct Values {
    name: String,
    doc: String,
    values: Vec<(String, String)>,
}

fn parse(text: &str, records: &mut Vec<Record>, lists: &mut Vec<Values>) {
    let mut doc: Vec<String> = Vec::new();
    let mut attrs = String::new();
    let mut in_attr = false;
    let mut record: Option<Record> = None;
    let mut list: Option<Values> = None;
    for raw in text.lines() {
        let line = raw.trim();
        if in_attr {
            attrs.push_str(line);
            if line.ends_with(")]") || line == "]" {
                in_attr = false;
            }
            continue;
        }
        if let Some(d) = line.strip_prefix("///") {
            doc.push(d.strip_prefix(' ').unwrap_or(d).to_string());
            continue;
        }
        if line.starts_with("#[") {
            attrs.push_str(line);
            in_attr = !(line.ends_with(")]") || line.ends_with(']'));
            continue;
        }
        let indent = raw.len() - raw.trim_start().len();
        if let Some(rest) = line.strip_prefix("pub struct ") {
            if let Some(name) = rest.strip_suffix(" {") {
                record = Some(Record {
                    name: name.to_string(),
                    doc: doc.join("\n"),
                    fields: Vec::new(),
                });
            }
        } else if let Some(rest) = line.strip_prefix("pub enum ") {
            if list.is_none() && indent == 4 {
                // Inside `named_enum!`: the allowed values follow.
                list = Some(Values {
                    name: rest.trim_end_matches(" {").to_string(),
                    doc: doc.join("\n"),
                    values: Vec::new(),
                });
            }
        } else if let (Some(r), Some(rest)) = (record.as_mut(), line.strip_prefix("pub ")) {
            if let Some((name, ty)) = rest.split_once(": ") {
                r.fields.push(Field {
                    name: name.to_string(),
                    ty: ty.trim_end_matches(',').to_string(),
                    doc: doc.join("\n"),
                    optional: attrs.contains("default"),
                });
            }
        } else if let (Some(l), Some((variant, rest))) = (list.as_mut(), line.split_once(" => ")) {
            // `Variant => "snake", "description",`
            let parts: Vec<&str> = rest.splitn(2, "\", \"").collect();
            if parts.len() == 2 {
                let desc = parts[1].trim_end_matches(',').trim_end_matches('"');
                l.values
                    .push((variant.to_string(), desc.replace("\\\"", "\"")));
            }
        } else if line == "}" {
            if indent == 0 {
                if let Some(r) = record.take() {
                    records.push(r);
                }
            } else if let Some(l) = list.take() {
                lists.push(l);
            }
        }
        if !line.is_empty() {
            doc.clear();
            attrs.clear();
        }
    }
}

/// The record `name(...)` starting at byte `at` of `text`, brackets matched outside strings.
fn record_at(text: &str, at: usize) -> Option<&str> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for (i, c) in text[at..].char_indices() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '(' | '[' => depth += 1,
            ')' | ']' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(&text[at..=at + i]);
                }
            }
            _ => {}
        }
    }
    None
}

/// A short real example of each record: the first one of at most 12 lines in the bundled
/// partnerships, re-indented to the left margin.
fn example(name: &str, texts: &[String]) -> Option<String> {
    let needle = format!("{name}(");
    let mut shortest: Option<String> = None;
    for text in texts {
        let mut from = 0;
        while let Some(i) = text[from..].find(&needle) {
            let at = from + i;
            from = at + needle.len();
            let before = text[..at].chars().last();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let Some(rec) = record_at(text, at) else {
                continue;
            };
            // Continuation lines are indented as the line the record starts on.
            let line = text[..at].rsplit('\n').next().unwrap_or("");
            let indent = line.len() - line.trim_start().len();
            let lines: Vec<String> = rec
                .lines()
                .enumerate()
                .map(|(k, l)| {
                    if k == 0 {
                        l.to_string()
                    } else {
                        l.chars().skip(indent).collect()
                    }
                })
                .collect();
            let ex = lines.join("\n");
            if lines.len() <= 12 {
                return Some(ex);
            }
            if lines.len() <= 40
                && shortest
                    .as_ref()
                    .is_none_or(|s| s.lines().count() > lines.len())
            {
                shortest = Some(ex);
            }
        }
    }
    shortest
}

fn ron_files(dir: &std::path::Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.map(|e| e.expect("a folder entry").path()).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            ron_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "ron") {
            out.push(p);
        }
    }
}

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let dir = manifest.join("src/model");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("the model folder")
        .map(|e| e.expect("a folder entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .collect();
    files.sort();
    let (mut records, mut lists) = (Vec::new(), Vec::new());
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        parse(
            &std::fs::read_to_string(f).expect("a model file"),
            &mut records,
            &mut lists,
        );
    }
    // Examples come from the bundled real partnerships (not the fixtures, which change often
    // and would rebuild everything each time).
    let mut example_files = Vec::new();
    let bundled = manifest.join("../../graphs/partnerships");
    println!("cargo:rerun-if-changed={}", bundled.display());
    ron_files(&bundled, &mut example_files);
    let texts: Vec<String> = example_files
        .iter()
        .filter_map(|f| std::fs::read_to_string(f).ok())
        .collect();
    let mut out = String::new();
    out.push_str("/// Every record of the file format, as the model declares it.\n");
    out.push_str("pub static RECORDS: &[RecordDoc] = &[\n");
    for r in &records {
        let _ = writeln!(
            out,
            "    RecordDoc {{ name: {:?}, doc: {:?}, example: {:?}, fields: &[",
            r.name,
            r.doc,
            example(&r.name, &texts)
        );
        for f in &r.fields {
            let _ = writeln!(
                out,
                "        FieldDoc {{ name: {:?}, ty: {:?}, doc: {:?}, optional: {} }},",
                f.name, f.ty, f.doc, f.optional
            );
        }
        out.push_str("    ] },\n");
    }
    out.push_str("];\n\n/// Every list of allowed values, with what each means.\n");
    out.push_str("pub static VALUES: &[ValuesDoc] = &[\n");
    for l in &lists {
        let _ = writeln!(
            out,
            "    ValuesDoc {{ name: {:?}, doc: {:?}, values: &[",
            l.name, l.doc
        );
        for (v, d) in &l.values {
            let _ = writeln!(out, "        ({v:?}, {d:?}),");
        }
        out.push_str("    ] },\n");
    }
    out.push_str("];\n");
    let path =
        PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets it")).join("model_docs.rs");
    std::fs::write(path, out).expect("the build folder is writable");
}
