//! The canonical form of a partnership file, which `scrutineer fmt` writes.
//!
//! The records are written back by serde in a fixed layout (fields in the order of the model,
//! empty ones left out, one record per line up to three levels deep), after the file's leading
//! comment block, which is kept as written. Loading the result gives the same records. A comment
//! inside the partnership cannot be kept by this route, so such a file is refused rather than
//! have the comment silently dropped.

use std::path::Path;

use ron::extensions::Extensions;
use ron::ser::PrettyConfig;

use crate::diagnostics::Diagnostic;
use crate::load::load_str;
use crate::model::{Complete, Evidence, ListKind, Partnership};
use crate::spans::{Span, comment_layout};

/// Kept here for the commands that write through this path (`report --out`): the one safe
/// atomic write, in [`crate::files`].
pub use crate::files::write_atomically;

/// The records in canonical RON.
pub fn canonical(p: &Partnership) -> String {
    let config = PrettyConfig::new()
        .struct_names(true)
        .indentor(" ".repeat(INDENT))
        .extensions(Extensions::IMPLICIT_SOME);
    let expanded = plain_apostrophes(
        &ron::ser::to_string_pretty(p, config).expect("the model always serialises"),
    );
    let mut s = fold(&expanded);
    s.push('\n');
    s
}

/// Columns a folded line may use.
const WIDTH: usize = 100;
const INDENT: usize = 4;

/// One line of ron's fully expanded output, or a bracketed block of them.
enum Block {
    Line(String),
    Open {
        head: String,
        children: Vec<Block>,
        tail: String,
    },
}

/// Puts each record or list on one line when it fits in [`WIDTH`] columns, as people write
/// them by hand, and leaves it expanded, one field per line, when it does not.
///
/// ron's expanded output is regular: a bracket that opens a block ends its line, the block's
/// items are indented one level and end with a comma, and the closing bracket has a line of
/// its own. Strings never span lines (line breaks in them are escaped).
fn fold(expanded: &str) -> String {
    let lines: Vec<&str> = expanded.lines().collect();
    let mut i = 0;
    let mut blocks = Vec::new();
    while i < lines.len() {
        blocks.push(parse(&lines, &mut i));
    }
    let mut out = Vec::new();
    for b in &blocks {
        render(b, 0, &mut out, true);
    }
    out.join("\n")
}

fn parse(lines: &[&str], i: &mut usize) -> Block {
    let line = lines[*i].trim();
    *i += 1;
    if !(line.ends_with('(') || line.ends_with('[')) {
        return Block::Line(line.to_string());
    }
    let mut children = Vec::new();
    while *i < lines.len() {
        let next = lines[*i].trim();
        if next.starts_with(')') || next.starts_with(']') {
            *i += 1;
            return Block::Open {
                head: line.to_string(),
                children,
                tail: next.to_string(),
            };
        }
        children.push(parse(lines, i));
    }
    Block::Open {
        head: line.to_string(),
        children,
        tail: String::new(),
    }
}

/// The block on one line, items separated by ", ", with no trailing comma inside.
fn flat(b: &Block) -> String {
    match b {
        Block::Line(l) => l.clone(),
        Block::Open {
            head,
            children,
            tail,
        } => {
            let items: Vec<String> = children
                .iter()
                .map(|c| flat(c).trim_end_matches(',').to_string())
                .collect();
            format!("{head}{}{tail}", items.join(", "))
        }
    }
}

fn render(b: &Block, depth: usize, out: &mut Vec<String>, top: bool) {
    let pad = " ".repeat(depth * INDENT);
    match b {
        Block::Line(l) => out.push(format!("{pad}{l}")),
        Block::Open {
            head,
            children,
            tail,
        } => {
            let one = flat(b);
            // The partnership itself is always expanded: it is the file.
            if !top && pad.len() + one.chars().count() <= WIDTH {
                out.push(format!("{pad}{one}"));
                return;
            }
            out.push(format!("{pad}{head}"));
            for c in children {
                render(c, depth + 1, out, false);
            }
            out.push(format!("{pad}{tail}"));
        }
    }
}

/// ron writes `'` inside strings as `\'`, which is valid but hard on the people who edit these
/// files. An apostrophe needs no escape in a double-quoted string, so write it plain. Escape
/// pairs are walked as pairs, so an escaped backslash before an apostrophe is left alone.
fn plain_apostrophes(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('\'') => out.push('\''),
                Some(next) => {
                    out.push('\\');
                    out.push(next);
                }
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The canonical form of a whole file: its leading comments, then the records. Fails with the
/// loader's diagnostics if the file does not load, or with one diagnostic if it holds a comment
/// that formatting would lose.
pub fn format_text(path: &Path, text: &str) -> Result<String, Vec<Diagnostic>> {
    let loaded = load_str(path, text.to_string());
    let errors: Vec<Diagnostic> = loaded
        .diagnostics
        .iter()
        .filter(|(l, _)| *l == crate::load::Level::Error)
        .map(|(_, d)| d.clone())
        .collect();
    let Some(graph) = loaded.graph else {
        return Err(errors);
    };
    let mut records = graph.data.clone();
    migrate(&mut records);
    rewrite(path, text, &records)
}

/// Rewrites the earlier forms a file may use into the current ones, keeping their meaning:
/// each `*_listed_in_full` flag becomes a [`Complete`] declaration citing the same sources
/// (a flag meant "complete as of the record's sources").
pub fn migrate(p: &mut Partnership) {
    let mut declared = Vec::new();
    let mut flag = |on: &mut bool, list: ListKind, of: &str, evidence: &[Evidence]| {
        if std::mem::take(on) {
            declared.push(Complete {
                // The place is enough to say which paper lists it; the quote stays on the record.
                evidence: evidence
                    .iter()
                    .map(|e| Evidence {
                        source: e.source.clone(),
                        at: e.at.clone(),
                        quote: None,
                        note: None,
                    })
                    .collect(),
                ..Complete::new(list, Some(of.to_string()))
            });
        }
    };
    for g in &mut p.groups {
        flag(
            &mut g.members_listed_in_full,
            ListKind::Members,
            &g.id,
            &g.evidence,
        );
        flag(
            &mut g.meetings_listed_in_full,
            ListKind::Meetings,
            &g.id,
            &g.evidence,
        );
    }
    for m in &mut p.meetings {
        flag(
            &mut m.attendance_listed_in_full,
            ListKind::Attendance,
            &m.id,
            &m.evidence,
        );
    }
    for d in &mut p.documents {
        flag(
            &mut d.topics_listed_in_full,
            ListKind::Topics,
            &d.id,
            &d.evidence,
        );
        flag(
            &mut d.circulation_listed_in_full,
            ListKind::Circulation,
            &d.id,
            &d.evidence,
        );
        flag(
            &mut d.consultees_listed_in_full,
            ListKind::Consultees,
            &d.id,
            &d.evidence,
        );
        flag(
            &mut d.data_sources_listed_in_full,
            ListKind::DataSources,
            &d.id,
            &d.evidence,
        );
    }
    for r in &mut p.scrutiny_reviews {
        flag(
            &mut r.circulation_listed_in_full,
            ListKind::Circulation,
            &r.id,
            &r.evidence,
        );
        flag(
            &mut r.responses_listed_in_full,
            ListKind::Responses,
            &r.id,
            &r.evidence,
        );
    }
    p.complete.extend(declared);
}

/// `records` written in the canonical layout under the leading comment block of `text` (the
/// file they were loaded from). Fails, with one diagnostic, if `text` holds a comment inside the
/// partnership, which the rewrite would lose.
pub fn rewrite(path: &Path, text: &str, records: &Partnership) -> Result<String, Vec<Diagnostic>> {
    let (first_line, inner) = comment_layout(text);
    if let Some(pos) = inner {
        return Err(vec![
            Diagnostic::new(
                path,
                Some(Span {
                    start: pos,
                    end: pos,
                }),
                "this comment is inside the partnership, and rewriting the file would lose it",
            )
            .with_help(
                "move it into a `notes` field, or into the comment block at the top of the file",
            ),
        ]);
    }
    let mut out: String = text
        .lines()
        .take(first_line.saturating_sub(1))
        .map(|l| format!("{}\n", l.trim_end()))
        .collect();
    out.push_str(&canonical(records));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::plain_apostrophes;

    #[test]
    fn apostrophes_are_unescaped_but_backslashes_kept() {
        assert_eq!(
            plain_apostrophes(r#""the PCC\'s area""#),
            r#""the PCC's area""#
        );
        assert_eq!(plain_apostrophes(r#""a \\' b""#), r#""a \\' b""#);
        assert_eq!(plain_apostrophes(r#""say \"hi\"""#), r#""say \"hi\"""#);
    }
}
