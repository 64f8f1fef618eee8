//! The format reference for people: every record, its fields, the values they allow and a real
//! example, in the model's own words (read out of `src/model/` by `build.rs`). `docs/format.md`
//! is [`markdown`]'s output, and a test keeps it so; `scrutineer explain Meeting` prints one
//! record with [`explain`].

use std::fmt::Write;

/// One field of a record.
pub struct FieldDoc {
    pub name: &'static str,
    /// The Rust type, as the model declares it.
    pub ty: &'static str,
    pub doc: &'static str,
    /// Whether the field may be left out.
    pub optional: bool,
}

/// One record of the file format.
pub struct RecordDoc {
    pub name: &'static str,
    pub doc: &'static str,
    /// A record of this kind from the bundled partnerships, when one has it.
    pub example: Option<&'static str>,
    pub fields: &'static [FieldDoc],
}

/// A list of allowed values.
pub struct ValuesDoc {
    pub name: &'static str,
    pub doc: &'static str,
    /// Each value as a file writes it, with what it means.
    pub values: &'static [(&'static str, &'static str)],
}

include!(concat!(env!("OUT_DIR"), "/model_docs.rs"));

/// Value types written as text in a file, described once.
const TEXT_TYPES: &[(&str, &str)] = &[
    ("String", "text"),
    ("When", "a date"),
    ("Text", "text; `\"\"` for a cell the document shows blank"),
    (
        "DateCell",
        "a date, or `\"\"` for a cell the document shows blank",
    ),
    ("bool", "`true` or `false`"),
    ("u32", "a whole number"),
    ("i64", "a whole number"),
];

/// The type of a field in words, with links to records and value lists.
fn words(ty: &str, link: bool) -> String {
    if let Some(inner) = ty.strip_prefix("Option<").and_then(|t| t.strip_suffix('>')) {
        return words(inner, link);
    }
    let name = |t: &str| {
        if link {
            format!("[`{t}`](#{})", t.to_lowercase())
        } else {
            format!("`{t}`")
        }
    };
    if let Some(inner) = ty.strip_prefix("Vec<").and_then(|t| t.strip_suffix('>')) {
        return match inner {
            "String" => "a list of texts".to_string(),
            "When" => "a list of dates".to_string(),
            _ if RECORDS.iter().any(|r| r.name == inner) => {
                format!("a list of {} records", name(inner))
            }
            _ if VALUES.iter().any(|v| v.name == inner) => {
                format!("a list of {} values", name(inner))
            }
            _ => format!("a list of {}", words(inner, link)),
        };
    }
    if let Some((_, w)) = TEXT_TYPES.iter().find(|(t, _)| *t == ty) {
        return (*w).to_string();
    }
    if VALUES.iter().any(|v| v.name == ty) {
        return format!("one of the {} values", name(ty));
    }
    if RECORDS.iter().any(|r| r.name == ty) {
        return format!("a {} record", name(ty));
    }
    format!("`{ty}`")
}

/// How dates are written, once for the whole reference.
const DATES: &str = "A date is written as precisely as the paper gives it: a day `2022-09-30`, a month \
`2022-09`, a year `2022`, a range `2021-10/2022-08` when only its bounds are known, or a range open \
at one end, `2022-10/` (October 2022 or later) or `/2024-05` (by May 2024).";

/// The record or value list named `name` (any case), for `scrutineer explain`.
pub fn explain(name: &str) -> Option<String> {
    let same = |n: &str| n.eq_ignore_ascii_case(name);
    if let Some(r) = RECORDS.iter().find(|r| same(r.name)) {
        let mut out = String::new();
        let _ = writeln!(out, "{}\n\n{}\n", r.name, r.doc);
        let width = r.fields.iter().map(|f| f.name.len()).max().unwrap_or(0);
        for f in r.fields {
            let need = if f.optional { "" } else { " (required)" };
            let _ = writeln!(out, "  {:width$}  {}{need}", f.name, words(f.ty, false));
            for line in f.doc.lines() {
                let _ = writeln!(out, "  {:width$}    {line}", "");
            }
        }
        if r.fields
            .iter()
            .any(|f| f.ty.contains("When") || f.ty.contains("DateCell"))
        {
            let _ = writeln!(out, "\n{}", DATES.replace("\\\n", ""));
        }
        if let Some(e) = r.example {
            let _ = writeln!(out, "\nExample, from a bundled partnership:\n\n{e}");
        }
        return Some(out);
    }
    if let Some(v) = VALUES.iter().find(|v| same(v.name)) {
        let mut out = format!("{}\n\n{}\n\n", v.name, v.doc);
        let width = v.values.iter().map(|(n, _)| n.len()).max().unwrap_or(0);
        for (n, d) in v.values {
            let _ = writeln!(out, "  {n:width$}  {d}");
        }
        return Some(out);
    }
    None
}

/// Every record and value-list name, for suggestions.
pub fn names() -> Vec<&'static str> {
    RECORDS
        .iter()
        .map(|r| r.name)
        .chain(VALUES.iter().map(|v| v.name))
        .collect()
}

/// The whole reference, as Markdown: `docs/format.md`.
pub fn markdown() -> String {
    let mut out = String::new();
    out.push_str("# The partnership file format\n\n");
    out.push_str(
        "This reference is generated from the model (`crates/scrutineer-graph/src/model/`) by \
`scrutineer explain format`; a test fails when it differs, so it is always the format the program \
reads. `scrutineer explain Meeting` (or any record or value list below) prints one entry.\n\n\
A partnership is one `.ron` file: records written `Name(field: value, ...)`, lists in `[...]`, \
text in double quotes, comments after `//` (only at the top of the file: `scrutineer fmt` keeps \
that block, and refuses a comment inside the partnership, which it would lose). The line \
`#![enable(implicit_some)]` before the partnership lets a field that may be left out be written \
plainly (`date: \"2022-09-30\"`); keep it. A field marked *required* must be given; any other may \
be left out, and leaving it out means \"the papers do not say\", which the rules read as unknown, \
never as a failure. Write `\"\"` for a blank the document shows. Every record that cites papers \
says so with `evidence: [Evidence(source: \"...\", at: \"...\")]`, and every `Source` has a date: \
what a date means as the start or end of a period, as an event or as a deadline, and how long a \
reported state stays known, is in the README's section on time. Lists are declared complete with \
[`Complete`](#complete) records.\n\n",
    );
    let _ = writeln!(out, "{DATES}\n");
    out.push_str("## Records\n\n");
    for r in ordered() {
        let _ = writeln!(out, "### {}\n\n{}\n", r.name, r.doc);
        out.push_str("| field | | what it holds |\n| --- | --- | --- |\n");
        for f in r.fields {
            let need = if f.optional { "" } else { "required" };
            let doc = f.doc.replace('\n', " ");
            let _ = writeln!(
                out,
                "| `{}` | {need} | {}. {doc} |",
                f.name,
                capitalised(&words(f.ty, true))
            );
        }
        match r.example {
            Some(e) => {
                let _ = writeln!(out, "\nFrom a bundled partnership:\n\n```ron\n{e}\n```\n");
            }
            None => out.push('\n'),
        }
    }
    out.push_str("## Values\n\nThe values a field of each kind allows, as a file writes them.\n\n");
    for v in VALUES {
        let _ = writeln!(out, "### {}\n\n{}\n", v.name, v.doc);
        out.push_str("| value | means |\n| --- | --- |\n");
        for (n, d) in v.values {
            let _ = writeln!(out, "| `{n}` | {d} |");
        }
        out.push('\n');
    }
    out
}

/// The records in reading order: the partnership, then the records its lists hold in the order
/// it lists them (each followed by the records only it holds), then the rest.
fn ordered() -> Vec<&'static RecordDoc> {
    let by_name = |n: &str| RECORDS.iter().find(|r| r.name == n);
    let held = |r: &RecordDoc| -> Vec<&'static str> {
        r.fields
            .iter()
            .filter_map(|f| {
                let t =
                    f.ty.trim_start_matches("Option<")
                        .trim_start_matches("Vec<");
                let t = t.trim_end_matches('>');
                RECORDS.iter().find(|x| x.name == t).map(|x| x.name)
            })
            .collect()
    };
    let mut out: Vec<&'static RecordDoc> = Vec::new();
    let mut queue: Vec<&'static str> = vec!["Partnership"];
    while let Some(name) = queue.first().copied() {
        queue.remove(0);
        if out.iter().any(|r| r.name == name) {
            continue;
        }
        if let Some(r) = by_name(name) {
            out.push(r);
            // The records this one holds come next, before its siblings' (depth first).
            let mut inner = held(r);
            inner.retain(|n| !out.iter().any(|r| r.name == *n));
            queue.splice(0..0, inner);
        }
    }
    for r in RECORDS {
        if !out.iter().any(|x| x.name == r.name) {
            out.push(r);
        }
    }
    out
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
