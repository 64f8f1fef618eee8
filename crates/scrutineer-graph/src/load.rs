//! Reading a partnership file: RON syntax, then the references and dates inside it.
//!
//! Every problem found is reported, with file, line and column, up to [`MAX_DIAGNOSTICS`].
//! Syntax and type errors stop at the first (RON cannot resume after one); the checks after
//! parsing collect them all. Nothing here panics on any input.

use std::collections::HashMap;
use std::path::Path;

use ron::extensions::Extensions;

use crate::date::When;
use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::graph::Graph;
use crate::model::{DateCell, Evidence, ListKind, ListTime, Partnership};
use crate::record::{Kind, Period, Ref};
use crate::spans::{Pos, Span, SpanIndex};

/// The most problems reported for one file; past this, one line says how many more there were.
pub const MAX_DIAGNOSTICS: usize = 50;

/// The largest file read, in bytes. A partnership file is a few hundred kilobytes at most; a
/// much larger one is almost certainly the wrong file.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// How deep brackets may nest before the file is refused (RON's own guard against stack
/// exhaustion on hostile input).
pub const MAX_NESTING: usize = 64;

/// How serious a loader finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// The file cannot be used.
    Error,
    /// The file loads, but says something a person should look at (a reporting cycle, say).
    Warning,
}

/// The outcome of loading one file.
#[derive(Debug)]
pub struct Loaded {
    /// The graph, when the file had no errors.
    pub graph: Option<Graph>,
    /// Errors and warnings, in file order.
    pub diagnostics: Vec<(Level, Diagnostic)>,
    /// The text, for rendering diagnostics with their source line.
    pub source: Option<String>,
}

impl Loaded {
    /// Whether any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|(l, _)| *l == Level::Error)
    }

    /// Every diagnostic as a person reads it, in file order, warnings labelled as such.
    pub fn render_diagnostics(&self) -> String {
        let mut out = String::new();
        for (level, d) in &self.diagnostics {
            let text = d.render(self.source.as_deref());
            out.push_str(&match level {
                Level::Error => text,
                Level::Warning => text.replacen("error:", "warning:", 1),
            });
        }
        out
    }
}

/// Reads and checks one partnership file. It is read with [`crate::files::read_text`]: a
/// regular file only, at most [`MAX_FILE_BYTES`], UTF-8.
pub fn load_file(path: &Path) -> Loaded {
    use crate::files::{ReadErrorKind, read_text};
    match read_text(path, MAX_FILE_BYTES) {
        Ok(text) => load_str(path, text),
        Err(e) => {
            let at = e.position().map(|(line, col)| {
                let pos = Pos { line, col };
                Span {
                    start: pos,
                    end: pos,
                }
            });
            let mb = MAX_FILE_BYTES / (1024 * 1024);
            let d = match e.kind {
                ReadErrorKind::TooLarge {
                    size: Some(size), ..
                } => Diagnostic::new(
                    path,
                    at,
                    format!(
                        "file is {} MB, larger than the {mb} MB a partnership file may be",
                        size / (1024 * 1024)
                    ),
                )
                .with_help(
                    "check that this is a partnership file; split a very large one by partnership",
                ),
                ReadErrorKind::TooLarge { size: None, .. } => Diagnostic::new(
                    path,
                    at,
                    format!("file is larger than the {mb} MB a partnership file may be"),
                ),
                ReadErrorKind::Folder => {
                    Diagnostic::new(path, at, "is a folder, not a partnership file")
                }
                ReadErrorKind::UnreadableFolder(why) => {
                    Diagnostic::new(path, at, format!("is a folder that cannot be read: {why}"))
                }
                // A pipe, a device or a socket (or a link to one) could block for ever or
                // never end.
                ReadErrorKind::NotRegular => Diagnostic::new(
                    path,
                    at,
                    "is not a regular file (a pipe, a device or a socket)",
                )
                .with_help("a partnership file is a plain text file"),
                ReadErrorKind::NotUtf8 { .. } => {
                    Diagnostic::new(path, at, "file is not valid UTF-8 text")
                        .with_help("save the file as UTF-8; a partnership file is plain text")
                }
                ReadErrorKind::Missing => {
                    Diagnostic::new(path, at, "cannot read file: no such file")
                }
                ReadErrorKind::PermissionDenied => {
                    Diagnostic::new(path, at, "cannot read file: permission denied")
                }
                ReadErrorKind::Other(why) => {
                    Diagnostic::new(path, at, format!("cannot read file: {why}"))
                }
            };
            Loaded {
                graph: None,
                diagnostics: vec![(Level::Error, d)],
                source: None,
            }
        }
    }
}

/// Whether the text could be a partnership file: after comments, blank lines and `#![...]`
/// lines, it begins with `Partnership(` (or `(`). Anything else (a link to `/etc/passwd`, say) is
/// refused without echoing a line of it.
/// `None` when it could be a partnership file, else the line (from 1) where it goes wrong.
fn not_a_partnership(text: &str) -> Option<usize> {
    let (n, body) = text
        .lines()
        .map(str::trim)
        .enumerate()
        .find(|(_, l)| !l.is_empty() && !l.starts_with("//") && !l.starts_with("#!["))?;
    (!(body.starts_with("Partnership") || body.starts_with('('))).then_some(n + 1)
}

/// Reads and checks a partnership from text; `path` is used in messages only.
pub fn load_str(path: &Path, text: String) -> Loaded {
    if let Some(line) = not_a_partnership(&text) {
        let at = Pos { line, col: 1 };
        return Loaded {
            graph: None,
            diagnostics: vec![(
                Level::Error,
                Diagnostic::new(path, Some(Span { start: at, end: at }), "is not a partnership file: it does not begin with `Partnership(`")
                    .with_help("a partnership file starts with `Partnership(`, after any `//` comments; none of this file is shown, in case it is not yours to show"),
            )],
            source: None,
        };
    }
    if text.trim().is_empty() {
        let pos = Pos { line: 1, col: 1 };
        return Loaded {
            graph: None,
            diagnostics: vec![(
                Level::Error,
                Diagnostic::new(path, Some(Span { start: pos, end: pos }), "file is empty")
                    .with_help("a partnership file starts with `Partnership(` and gives at least `id`, `name`, `nation` and `tier`"),
            )],
            source: Some(text),
        };
    }
    if let Some(at) = crate::spans::nesting_beyond(&text, MAX_NESTING) {
        return Loaded {
            graph: None,
            diagnostics: vec![(
                Level::Error,
                Diagnostic::new(path, Some(Span { start: at, end: at }), format!("brackets nest more than {MAX_NESTING} deep"))
                    .with_help("a partnership file nests a few levels at most; look for brackets that are never closed"),
            )],
            source: Some(text),
        };
    }
    let options = ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME)
        .with_recursion_limit(MAX_NESTING);
    // A wrong value in a list of allowed values (`nation: Englnd`) stops RON at the first one.
    // To report every one in a single run, each is noted, put right in a copy of the text (the
    // suggestion, or the first allowed value) and the copy parsed again; the records are then
    // checked as usual, but nothing is loaded.
    let mut repaired = text.clone();
    let mut earlier: Vec<(Level, Diagnostic)> = Vec::new();
    let parsed: Result<Partnership, _> = loop {
        match options.from_str::<Partnership>(&repaired) {
            Err(e) if earlier.len() < MAX_DIAGNOSTICS => {
                match repair_value(&repaired, &e).or_else(|| blank_unknown_field(&repaired, &e)) {
                    Some(next) => {
                        earlier.push((Level::Error, syntax_diagnostic(path, &e)));
                        repaired = next;
                    }
                    None => break Err(e),
                }
            }
            other => break other,
        }
    };
    if !earlier.is_empty() {
        let mut diagnostics = earlier;
        match parsed {
            Err(e) => diagnostics.push((Level::Error, syntax_diagnostic(path, &e))),
            Ok(p) => {
                let spans = LazySpans {
                    text: &repaired,
                    index: std::cell::OnceCell::new(),
                };
                let mut checker = Checker {
                    path,
                    spans: &spans,
                    found: Vec::new(),
                };
                checker.check(&p);
                diagnostics.extend(checker.found);
            }
        }
        cap(&mut diagnostics, path);
        return Loaded {
            graph: None,
            diagnostics,
            source: Some(text),
        };
    }
    match parsed {
        Err(e) => {
            let d = if ends_early(&text, &e) {
                let at = Pos {
                    line: e.span.start.line.max(1),
                    col: e.span.start.col.max(1),
                };
                Diagnostic::new(path, Some(Span { start: at, end: at }), "file ends early")
                    .with_help("look for an unclosed `(` or `[`, or an entry cut off part way")
            } else {
                syntax_diagnostic(path, &e)
            };
            Loaded {
                graph: None,
                diagnostics: vec![(Level::Error, d)],
                source: Some(text),
            }
        }
        Ok(p) => {
            // The span index is only needed to place a problem, so it is built on first use:
            // a file with no problems is never tokenised a second time.
            let spans = LazySpans {
                text: &text,
                index: std::cell::OnceCell::new(),
            };
            let mut checker = Checker {
                path,
                spans: &spans,
                found: Vec::new(),
            };
            checker.check(&p);
            let mut diagnostics = checker.found;
            if diagnostics.iter().any(|(l, _)| *l == Level::Error) {
                cap(&mut diagnostics, path);
                return Loaded {
                    graph: None,
                    diagnostics,
                    source: Some(text),
                };
            }
            let graph = Graph::build(path, p);
            for cycle in graph
                .reporting_cycles_ever()
                .into_iter()
                .filter(|c| graph.lines_overlap(&c.edges))
            {
                let first = graph.data.reporting[cycle.edges[0]].clone();
                let names: Vec<String> = cycle.groups.iter().map(|g| format!("`{g}`")).collect();
                diagnostics.push((
                    Level::Warning,
                    Diagnostic::new(
                        path,
                        spans.find(&format!("reporting[{}]", cycle.edges[0])),
                        format!("reporting lines form a cycle: {} → `{}`", names.join(" → "), first.group),
                    )
                    .with_help("each group should report up one chain to the strategy group; rule HALL-NO-REPORTING-CYCLES reports this too"),
                ));
            }
            cap(&mut diagnostics, path);
            Loaded {
                graph: Some(graph),
                diagnostics,
                source: Some(text),
            }
        }
    }
}

/// The value an officer most likely means by an everyday word where a kind of body is wanted
/// ("Police" is the force, not the police authority abolished in 2012), with what it is.
fn everyday_word(list: Option<&str>, found: &str) -> Option<(&'static str, &'static str)> {
    if list != Some("OrgKind") {
        return None;
    }
    let word: String = found
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    Some(match word.as_str() {
        "police" | "policeforce" | "constabulary" | "chiefconstable" => (
            "ChiefOfficerOfPolice",
            "the police force (its chief officer is the responsible authority)",
        ),
        "fire" | "fireservice" | "fireandrescue" | "fireandrescueservice" | "frs" => (
            "FireAndRescueAuthority",
            "the fire and rescue service (its authority is the responsible authority)",
        ),
        "probation" | "probationservice" | "nps" => ("ProbationProvider", "the Probation Service"),
        "pcc" | "opcc" | "policeandcrimecommissioner" | "commissioner" => (
            "LocalPolicingBody",
            "the police and crime commissioner (or mayor)",
        ),
        "ccg" => (
            "ClinicalCommissioningGroup",
            "a clinical commissioning group (to 30 June 2022)",
        ),
        "icb" | "nhs" | "health" => (
            "IntegratedCareBoard",
            "the NHS integrated care board (from 1 July 2022)",
        ),
        "council" | "borough" | "boroughcouncil" | "district" => (
            "DistrictCouncil",
            "a district or borough council in a two-tier county (UnitaryCouncil for a unitary)",
        ),
        "county" => ("CountyCouncil", "the county council"),
        _ => return None,
    })
}

/// The text with the unknown value RON stopped at replaced by an allowed one (the closest, or
/// the first), when that is what stopped it; `None` otherwise.
fn repair_value(text: &str, e: &ron::error::SpannedError) -> Option<String> {
    // A date that does not read (`31/03/2022`): put a range that holds every day in its place,
    // so it cannot make a later check fail.
    if let ron::error::Error::Message(m) = &e.code
        && m.contains("is not a date")
    {
        let bad = m.split('`').nth(1)?;
        let quoted = format!("\"{bad}\"");
        let line_start: usize = text
            .split_inclusive('\n')
            .take(e.span.start.line.saturating_sub(1))
            .map(str::len)
            .sum();
        let line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |i| line_start + i);
        let start = line_start + text[line_start..line_end].find(&quoted)?;
        let mut out = String::with_capacity(text.len());
        out.push_str(&text[..start]);
        out.push_str("\"1900/2100\"");
        out.push_str(&text[start + quoted.len()..]);
        return Some(out);
    }
    let ron::error::Error::NoSuchEnumVariant {
        expected, found, ..
    } = &e.code
    else {
        return None;
    };
    let replacement = did_you_mean(found, expected.iter().copied())
        .map(|s| s.to_string())
        .or_else(|| expected.first().map(|s| s.to_string()))?;
    let line_start: usize = text
        .split_inclusive('\n')
        .take(e.span.start.line.saturating_sub(1))
        .map(str::len)
        .sum();
    let line = text[line_start..].split('\n').next()?;
    // RON's column counts characters, from 1.
    let col = line
        .char_indices()
        .nth(e.span.start.col.saturating_sub(1))
        .map(|(i, _)| i)?;
    let at = line_start + col;
    // The column may point at the value or just after it.
    let start = if text[at..].starts_with(found.as_str()) {
        at
    } else {
        text[..at].rfind(found.as_str())?
    };
    let mut out = String::with_capacity(text.len() + replacement.len());
    out.push_str(&text[..start]);
    out.push_str(&replacement);
    out.push_str(&text[start + found.len()..]);
    Some(out)
}

/// The text with the unknown field RON stopped at (`evidense: [],`) blanked out, name, value
/// and comma, so that the parse can go on to the next problem; `None` when that is not what
/// stopped it or the value's end cannot be found. Spaces replace it, newlines stay, so every
/// later line and column is still where the person's file has it.
fn blank_unknown_field(text: &str, e: &ron::error::SpannedError) -> Option<String> {
    let ron::error::Error::NoSuchStructField { found, .. } = &e.code else {
        return None;
    };
    let line_start: usize = text
        .split_inclusive('\n')
        .take(e.span.start.line.saturating_sub(1))
        .map(str::len)
        .sum();
    let line = text[line_start..].split('\n').next()?;
    let col = line
        .char_indices()
        .nth(e.span.start.col.saturating_sub(1))
        .map_or(line.len(), |(i, _)| i);
    let at = line_start + col;
    // The column may point at the name or just after it.
    let start = if text[at..].starts_with(found.as_str()) {
        at
    } else {
        line_start + text[line_start..at].rfind(found.as_str())?
    };
    let after_name = start + found.len();
    let colon = after_name + text[after_name..].find(|c: char| !c.is_whitespace())?;
    if !text[colon..].starts_with(':') {
        return None;
    }
    // The value ends at the first `,` or closing bracket outside brackets and strings.
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut end = None;
    for (i, c) in text[colon + 1..].char_indices() {
        let i = colon + 1 + i;
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' if depth == 0 => {
                end = Some(i);
                break;
            }
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => {
                end = Some(i + 1);
                break;
            }
            _ => {}
        }
    }
    let end = end?;
    let blank: String = text[start..end]
        .chars()
        .map(|c| if c == '\n' { '\n' } else { ' ' })
        .collect();
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..start]);
    out.push_str(&blank);
    out.push_str(&text[end..]);
    Some(out)
}

/// Whether RON stopped because the text ran out: nothing but blanks and comments follow the
/// place it complained about.
fn ends_early(text: &str, e: &ron::error::SpannedError) -> bool {
    let Some(line) = text.lines().nth(e.span.start.line.saturating_sub(1)) else {
        return true;
    };
    let col = e.span.start.col.saturating_sub(1);
    let rest_of_line: String = line.chars().skip(col).collect();
    let after: String = text
        .lines()
        .skip(e.span.start.line)
        .collect::<Vec<_>>()
        .join("\n");
    let blank = |s: &str| {
        s.lines()
            .all(|l| l.trim().is_empty() || l.trim_start().starts_with("//"))
    };
    blank(&rest_of_line)
        && blank(&after)
        && !matches!(e.code, ron::error::Error::TrailingCharacters)
}

fn cap(diagnostics: &mut Vec<(Level, Diagnostic)>, path: &Path) {
    if diagnostics.len() > MAX_DIAGNOSTICS {
        let more = diagnostics.len() - MAX_DIAGNOSTICS;
        diagnostics.truncate(MAX_DIAGNOSTICS);
        diagnostics.push((
            Level::Error,
            Diagnostic::new(path, None, format!("{more} more problems not shown"))
                .with_help("fix the problems above and run `scrutineer validate` again"),
        ));
    }
}

/// Turns RON's error into our message, with a suggestion where one exists.
fn syntax_diagnostic(path: &Path, e: &ron::error::SpannedError) -> Diagnostic {
    use ron::error::Error as E;
    let start = Pos {
        line: e.span.start.line.max(1),
        col: e.span.start.col.max(1),
    };
    let end = Pos {
        line: e.span.end.line.max(1),
        col: e.span.end.col.max(1),
    };
    let span = Some(Span { start, end });
    let within = |outer: &Option<String>| match outer {
        Some(o) => format!(" in `{o}`"),
        None => String::new(),
    };
    match &e.code {
        E::NoSuchStructField {
            expected,
            found,
            outer,
        } => {
            let d = Diagnostic::new(
                path,
                span,
                format!("unknown field `{found}`{}", within(outer)),
            );
            match did_you_mean(found, expected.iter().copied()) {
                Some(s) => d.with_help(format!("did you mean `{s}`?")),
                None => d.with_help(format!("the fields are {}", list(expected))),
            }
        }
        E::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => {
            let d = Diagnostic::new(
                path,
                span,
                format!("unknown value `{found}`{}", within(outer)),
            );
            if let Some((value, what)) = everyday_word(outer.as_deref(), found) {
                return d.with_help(format!("write `{value}` for {what}"));
            }
            match did_you_mean(found, expected.iter().copied()) {
                Some(s) => d.with_help(format!("did you mean `{s}`?")),
                None => d.with_help(format!("expected one of {}", list(expected))),
            }
        }
        E::MissingStructField { field, outer } => Diagnostic::new(
            path,
            span,
            format!("missing field `{field}`{}", within(outer)),
        )
        .with_help(format!("add `{field}: ...` to this entry")),
        E::DuplicateStructField { field, outer } => Diagnostic::new(
            path,
            span,
            format!("field `{field}` is given twice{}", within(outer)),
        ),
        E::ExpectedDifferentStructName { expected, found } => Diagnostic::new(
            path,
            span,
            format!("expected `{expected}` here, found `{found}`"),
        )
        .with_help(format!("write `{expected}(...)`, or leave the name out")),
        E::ExceededRecursionLimit => Diagnostic::new(
            path,
            span,
            format!("brackets nest more than {MAX_NESTING} deep"),
        )
        .with_help("a partnership file nests a few levels at most; look for unclosed brackets"),
        E::Eof => Diagnostic::new(path, span, "file ends early")
            .with_help("look for an unclosed `(` or `[` or an unfinished entry"),
        E::Message(m) => {
            // Our own date errors and serde's type errors arrive as messages.
            let m = m.trim_end_matches('.');
            Diagnostic::new(path, span, lower_first(m))
        }
        E::ExpectedNamedStructLike(name) => {
            Diagnostic::new(path, span, format!("expected `{name}(...)` here"))
        }
        E::InvalidValueForType { expected, found } => {
            Diagnostic::new(path, span, format!("expected {expected}, found {found}"))
        }
        E::ExpectedString | E::ExpectedStringEnd => {
            Diagnostic::new(path, span, "expected text in double quotes")
                .with_help("write text as `\"...\"`; a list of texts is `[\"...\", \"...\"]`")
        }
        E::ExpectedArray => {
            Diagnostic::new(path, span, "expected a list in square brackets, `[...]`")
        }
        E::ExpectedBoolean => Diagnostic::new(path, span, "expected `true` or `false`"),
        E::ExpectedInteger => Diagnostic::new(path, span, "expected a whole number"),
        E::TrailingCharacters => Diagnostic::new(
            path,
            span,
            "unexpected text after the end of the partnership",
        )
        .with_help("a file holds one `Partnership(...)`; look for an extra `)`"),
        other => Diagnostic::new(
            path,
            span,
            lower_first(other.to_string().trim_end_matches('.')),
        ),
    }
}

fn list(items: &[&str]) -> String {
    items
        .iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// A [`SpanIndex`] built the first time a position is asked for.
struct LazySpans<'a> {
    text: &'a str,
    index: std::cell::OnceCell<SpanIndex>,
}

impl LazySpans<'_> {
    fn find(&self, path: &str) -> Option<Span> {
        self.index
            .get_or_init(|| SpanIndex::new(self.text))
            .find(path)
    }
}

struct Checker<'a> {
    path: &'a Path,
    spans: &'a LazySpans<'a>,
    found: Vec<(Level, Diagnostic)>,
}

impl Checker<'_> {
    fn error(&mut self, at: &str, message: String, help: Option<String>) {
        let mut d = Diagnostic::new(self.path, self.spans.find(at), message);
        d.help = help;
        self.found.push((Level::Error, d));
    }

    fn warning(&mut self, at: &str, message: String, help: Option<String>) {
        let mut d = Diagnostic::new(self.path, self.spans.find(at), message);
        d.help = help;
        self.found.push((Level::Warning, d));
    }

    fn check(&mut self, p: &Partnership) {
        let ids = self.collect_ids(p);
        let sources: Vec<&str> = p.sources.iter().map(|s| s.id.as_str()).collect();
        self.unique_sources(p);
        self.evidence("evidence", &p.evidence, &sources);
        for (k, c) in p.changes.iter().enumerate() {
            self.evidence(&format!("changes[{k}].evidence"), &c.evidence, &sources);
        }
        if let Some(c) = &p.combination {
            self.evidence("combination.evidence", &c.evidence, &sources);
        }
        // Every record, whatever its kind, through what it says about itself: its references,
        // its periods and its evidence. A field added to a record is checked here because its
        // `Record` implementation lists it.
        p.for_each_record(&mut |kind, i, r| {
            let at = format!("{}[{i}]", kind.list());
            for rf in r.refs() {
                self.reference(&ids, &format!("{at}.{}", rf.at), &rf);
            }
            for period in r.periods() {
                if kind == Kind::Waiver {
                    let w = &p.waivers[i];
                    if let Some(a) = w.approved
                        && w.expires.latest() < a.earliest()
                    {
                        self.error(
                            &format!("{at}.expires"),
                            format!(
                                "the waiver of `{}` for `{}` expires ({}) before it was approved ({a})",
                                w.rule, w.subject, w.expires
                            ),
                            None,
                        );
                    }
                    continue;
                }
                let what = match kind {
                    Kind::Membership => {
                        let m = &p.memberships[i];
                        format!("the membership of `{}` on `{}`", m.member, m.group)
                    }
                    Kind::ReportsTo => {
                        let x = &p.reporting[i];
                        format!("the line from `{}` to `{}`", x.group, x.to)
                    }
                    Kind::Complete => format!("the declaration that {} is complete", p.complete[i].list.describe()),
                    _ if period.from_name == "suspended_from" => format!("the suspension of `{}`", r.id()),
                    Kind::Document => format!("the period of `{}`", r.id()),
                    _ => format!("`{}`", r.id()),
                };
                let at = if period.at.is_empty() { at.clone() } else { format!("{at}.{}", period.at) };
                self.period(&at, &period, &what);
            }
            r.evidence_lists(&mut |sub, ev| {
                let place = if sub.is_empty() { format!("{at}.evidence") } else { format!("{at}.{sub}") };
                self.evidence(&place, ev, &sources);
            });
        });
        self.special_cases(p);
        self.histories(p);
        self.successors(p, &ids);
        self.declarations(p);
        self.undated_sources(p);
        // The file's own order is kept; sort by position so messages read top to bottom.
        self.found
            .sort_by_key(|(_, d)| d.span.map(|s| (s.start.line, s.start.col)));
    }

    /// Checks one reference: that it names a record, of a kind it may name.
    fn reference(&mut self, ids: &HashMap<String, (Kind, String)>, at: &str, rf: &Ref<'_>) {
        let id = rf.id;
        if rf.blank_ok && id.trim().is_empty() {
            return;
        }
        match ids.get(id) {
            Some((kind, _)) if rf.to.contains(kind) => {}
            Some((kind, _)) => {
                let want: Vec<&str> = rf.to.iter().map(|k| k.noun()).collect();
                self.error(
                    at,
                    format!("`{id}` is {}, not {}", kind.noun(), want.join(" or ")),
                    None,
                );
            }
            None if rf.to.is_empty() => {
                self.error(
                    at,
                    format!("this list belongs to the partnership, so `{id}` is not needed"),
                    Some("leave `of` out".into()),
                );
            }
            None => {
                let candidates = ids
                    .iter()
                    .filter(|(_, (k, _))| rf.to.contains(k))
                    .map(|(name, _)| name.as_str());
                let help = did_you_mean(id, candidates).map(|s| format!("did you mean `{s}`?"));
                let noun = rf
                    .to
                    .iter()
                    .map(|k| k.short())
                    .collect::<Vec<_>>()
                    .join(" or ");
                self.error(
                    at,
                    format!("unknown {noun} `{id}`"),
                    help.or_else(|| {
                        Some(format!(
                            "add {} with id `{id}`, or correct the reference",
                            rf.to[0].noun()
                        ))
                    }),
                );
            }
        }
    }

    /// Checks that do not fit the shape of every record.
    fn special_cases(&mut self, p: &Partnership) {
        for (i, r) in p.reporting.iter().enumerate() {
            if r.group == r.to {
                self.error(
                    &format!("reporting[{i}].to"),
                    format!("group `{}` cannot report to itself", r.group),
                    None,
                );
            }
        }
        for (i, c) in p.case_reviews.iter().enumerate() {
            if let Some(d) = c.decided.and_then(DateCell::date)
                && d.latest() < c.notified.earliest()
            {
                self.error(
                    &format!("case_reviews[{i}].decided"),
                    format!(
                        "the decision on `{}` ({d}) is dated before the death was notified ({})",
                        c.id, c.notified
                    ),
                    None,
                );
            }
        }
    }

    /// Each record's `changes` must run in date order, and no two may set one field on the
    /// same day.
    fn histories(&mut self, p: &Partnership) {
        fn check<C>(
            c: &mut Checker<'_>,
            at: &str,
            what: &str,
            base_from: Option<When>,
            changes: &[C],
            from: impl Fn(&C) -> Option<When>,
            fields: impl Fn(&C) -> Vec<&'static str>,
        ) {
            let place = |k: usize| {
                if at.is_empty() {
                    format!("changes[{k}].from")
                } else {
                    format!("{at}.changes[{k}].from")
                }
            };
            let mut previous: Option<When> = base_from;
            let mut seen: Vec<(When, &'static str, usize)> = Vec::new();
            for (k, change) in changes.iter().enumerate() {
                let Some(f) = from(change) else { continue };
                if let Some(prev) = previous
                    && f.latest() < prev.earliest()
                {
                    c.error(
                        &place(k),
                        format!(
                            "the changes to {what} are out of order: {} comes after {}",
                            f.long(),
                            prev.long()
                        ),
                        Some("list changes from the earliest to the latest".into()),
                    );
                }
                for field in fields(change) {
                    if let Some((_, _, other)) =
                        seen.iter().find(|(w, name, _)| *w == f && *name == field)
                    {
                        c.error(
                            &place(k),
                            format!("two values of `{field}` of {what} claim the same day, {}: changes[{other}] and changes[{k}]", f.long()),
                            Some("keep the one the later paper gives, or give each its own date".into()),
                        );
                    }
                    seen.push((f, field, k));
                }
                previous = Some(f);
            }
        }
        fn set<T>(name: &'static str, v: &Option<T>) -> Option<&'static str> {
            v.as_ref().map(|_| name)
        }
        check(
            self,
            "",
            "the partnership",
            p.formed,
            &p.changes,
            |c| c.from,
            |c| {
                [
                    set("tier", &c.tier),
                    set("areas", &c.areas),
                    set("county", &c.county),
                ]
                .into_iter()
                .flatten()
                .collect()
            },
        );
        for (i, x) in p.groups.iter().enumerate() {
            check(
                self,
                &format!("groups[{i}]"),
                &format!("`{}`", x.id),
                x.from,
                &x.changes,
                |c| c.from,
                |c| {
                    [
                        set("name", &c.name),
                        set("kind", &c.kind),
                        set("chair", &c.chair),
                        set("vice_chair", &c.vice_chair),
                        set("quorum", &c.quorum),
                        set("meetings_per_year", &c.meetings_per_year),
                        set("terms_of_reference", &c.terms_of_reference),
                    ]
                    .into_iter()
                    .flatten()
                    .collect()
                },
            );
        }
        for (i, x) in p.organisations.iter().enumerate() {
            check(
                self,
                &format!("organisations[{i}]"),
                &format!("`{}`", x.id),
                x.from,
                &x.changes,
                |c| c.from,
                |c| {
                    [set("name", &c.name), set("kind", &c.kind)]
                        .into_iter()
                        .flatten()
                        .collect()
                },
            );
        }
        for (i, x) in p.documents.iter().enumerate() {
            check(
                self,
                &format!("documents[{i}]"),
                &format!("`{}`", x.id),
                None,
                &x.changes,
                |c| c.from,
                |c| [set("status", &c.status)].into_iter().flatten().collect(),
            );
        }
        for (i, x) in p.posts.iter().enumerate() {
            check(
                self,
                &format!("posts[{i}]"),
                &format!("`{}`", x.id),
                None,
                &x.changes,
                |c| c.from,
                |c| {
                    [
                        set("vacant", &c.vacant),
                        set("fixed_term", &c.fixed_term),
                        set("funding", &c.funding),
                        set("funding_source", &c.funding_source),
                        set("funding_end", &c.funding_end),
                    ]
                    .into_iter()
                    .flatten()
                    .collect()
                },
            );
        }
        for (i, x) in p.actions.iter().enumerate() {
            check(
                self,
                &format!("actions[{i}]"),
                &format!("`{}`", x.id),
                None,
                &x.changes,
                |c| c.from,
                |c| {
                    [
                        set("status", &c.status),
                        set("owner", &c.owner),
                        set("due", &c.due),
                    ]
                    .into_iter()
                    .flatten()
                    .collect()
                },
            );
        }
        for (i, x) in p.services.iter().enumerate() {
            check(
                self,
                &format!("services[{i}]"),
                &format!("`{}`", x.id),
                None,
                &x.changes,
                |c| c.from,
                |c| {
                    [
                        set("funding_end", &c.funding_end),
                        set("renewal", &c.renewal),
                    ]
                    .into_iter()
                    .flatten()
                    .collect()
                },
            );
        }
    }

    /// A successor must not lead back to itself.
    fn successors(&mut self, p: &Partnership, ids: &HashMap<String, (Kind, String)>) {
        let replaces: HashMap<&str, &str> = p
            .groups
            .iter()
            .filter_map(|g| g.replaces.as_deref().map(|r| (g.id.as_str(), r)))
            .chain(
                p.organisations
                    .iter()
                    .filter_map(|o| o.replaces.as_deref().map(|r| (o.id.as_str(), r))),
            )
            .chain(
                p.documents
                    .iter()
                    .filter_map(|d| d.replaces.as_deref().map(|r| (d.id.as_str(), r))),
            )
            .collect();
        let mut reported = std::collections::HashSet::new();
        let mut starts: Vec<&str> = replaces.keys().copied().collect();
        starts.sort_unstable();
        for start in starts {
            let mut chain = vec![start];
            let mut at = start;
            while let Some(&next) = replaces.get(at) {
                if next == start {
                    if chain.iter().any(|c| reported.contains(c)) {
                        break;
                    }
                    reported.extend(chain.iter().copied());
                    let path: Vec<String> = chain
                        .iter()
                        .chain([&start])
                        .map(|c| format!("`{c}`"))
                        .collect();
                    let place = ids
                        .get(start)
                        .map(|(_, at)| format!("{at}.replaces"))
                        .unwrap_or_default();
                    self.error(
                        &place,
                        format!("successors form a cycle: {}", path.join(" replaces ")),
                        Some("a record can replace only one that came before it".into()),
                    );
                    break;
                }
                if chain.contains(&next) || chain.len() > replaces.len() {
                    break;
                }
                if next == at {
                    break;
                }
                chain.push(next);
                at = next;
            }
            if replaces.get(start) == Some(&start) {
                let place = ids
                    .get(start)
                    .map(|(_, at)| format!("{at}.replaces"))
                    .unwrap_or_default();
                self.error(&place, format!("`{start}` cannot replace itself"), None);
            }
        }
    }

    /// A declaration names the list's owner when the list has one, and dates that fit it.
    fn declarations(&mut self, p: &Partnership) {
        for (i, c) in p.complete.iter().enumerate() {
            let at = format!("complete[{i}]");
            let owned = !c.list.owner_kinds().is_empty();
            if owned && c.of.is_none() {
                let owners: Vec<&str> = c.list.owner_kinds().iter().map(|k| k.noun()).collect();
                self.error(
                    &format!("{at}.list"),
                    format!(
                        "a complete list of `{}` needs `of`: whose list is it?",
                        c.list.variant()
                    ),
                    Some(format!("add `of: \"...\"` naming {}", owners.join(" or "))),
                );
            }
            if c.group_kind.is_some() && c.list != ListKind::Groups {
                self.error(
                    &format!("{at}.group_kind"),
                    "`group_kind` is only for a list of groups".into(),
                    Some("leave `group_kind` out".into()),
                );
            }
            if c.kind.is_some() && c.list != ListKind::Documents {
                self.error(
                    &format!("{at}.kind"),
                    "`kind` is only for a list of documents".into(),
                    Some("leave `kind` out".into()),
                );
            }
            if c.on.is_some() && (c.from.is_some() || c.to.is_some()) {
                self.error(
                    &format!("{at}.on"),
                    "give either `on` (a day) or `from` and `to` (a period), not both".into(),
                    None,
                );
            }
            if c.list.time() == ListTime::Timeless
                && (c.on.is_some() || c.from.is_some() || c.to.is_some())
            {
                let field = if c.on.is_some() {
                    "on"
                } else if c.from.is_some() {
                    "from"
                } else {
                    "to"
                };
                self.error(
                    &format!("{at}.{field}"),
                    format!(
                        "{} is complete or not, whatever the day, so it takes no date",
                        c.list.describe()
                    ),
                    Some("leave the dates out".into()),
                );
            }
        }
        // An earlier flag on a record that cites sources of different dates is read as complete
        // on each of those dates; say so, since often only one of them lists it in full.
        let dates = |ev: &[Evidence]| -> Vec<When> {
            let mut out: Vec<When> = ev
                .iter()
                .filter_map(|e| p.sources.iter().find(|s| s.id == e.source))
                .filter_map(|s| s.date)
                .collect();
            out.sort_by_key(|w| (w.earliest(), w.latest()));
            out.dedup();
            out
        };
        let flag = |c: &mut Checker<'_>,
                    on: bool,
                    at: String,
                    field: &str,
                    list: ListKind,
                    of: &str,
                    ev: &[Evidence]| {
            if !on {
                return;
            }
            let ds = dates(ev);
            if ds.len() > 1 {
                let days: Vec<String> = ds.iter().map(|d| d.long()).collect();
                c.warning(
                    &format!("{at}.{field}"),
                    format!("`{field}` is read as complete on each date of the sources `{of}` cites: {}", days.join(", ")),
                    Some(format!("if only one of them lists it in full, declare that one: `Complete(list: {}, of: \"{of}\", on: \"...\", evidence: [...])`", list.variant())),
                );
            }
        };
        for (i, g) in p.groups.iter().enumerate() {
            flag(
                self,
                g.members_listed_in_full,
                format!("groups[{i}]"),
                "members_listed_in_full",
                ListKind::Members,
                &g.id,
                &g.evidence,
            );
            flag(
                self,
                g.meetings_listed_in_full,
                format!("groups[{i}]"),
                "meetings_listed_in_full",
                ListKind::Meetings,
                &g.id,
                &g.evidence,
            );
        }
        for (i, r) in p.scrutiny_reviews.iter().enumerate() {
            flag(
                self,
                r.circulation_listed_in_full,
                format!("scrutiny_reviews[{i}]"),
                "circulation_listed_in_full",
                ListKind::Circulation,
                &r.id,
                &r.evidence,
            );
            flag(
                self,
                r.responses_listed_in_full,
                format!("scrutiny_reviews[{i}]"),
                "responses_listed_in_full",
                ListKind::Responses,
                &r.id,
                &r.evidence,
            );
        }
        for (i, d) in p.documents.iter().enumerate() {
            flag(
                self,
                d.circulation_listed_in_full,
                format!("documents[{i}]"),
                "circulation_listed_in_full",
                ListKind::Circulation,
                &d.id,
                &d.evidence,
            );
        }
    }

    /// Facts that hold only as reported can be placed in time only through their sources'
    /// dates: a source with no date leaves them unplaced.
    fn undated_sources(&mut self, p: &Partnership) {
        for (i, s) in p.sources.iter().enumerate() {
            if s.date.is_some() {
                continue;
            }
            let mut cited = 0;
            p.for_each_record(&mut |_, _, r| {
                r.evidence_lists(&mut |_, ev| {
                    if ev.iter().any(|e| e.source == s.id) {
                        cited += 1;
                    }
                });
            });
            if cited > 0 {
                self.warning(
                    &format!("sources[{i}].id"),
                    format!(
                        "source `{}` has no date, so the {cited} fact(s) citing it hold only as reported on a day nobody can tell",
                        s.id
                    ),
                    Some("give its `date`, as a range if need be (`2021-10/2022-08`, or `/2024-05` for a page seen by May 2024)".into()),
                );
            }
        }
    }

    /// All node ids, checking each is well formed and unique (ignoring case, since ids that
    /// differ only in case are a typo waiting to happen).
    fn collect_ids(&mut self, p: &Partnership) -> HashMap<String, (Kind, String)> {
        let mut ids: HashMap<String, (Kind, String)> = HashMap::new();
        let mut folded: HashMap<String, String> = HashMap::new();
        p.for_each_record(&mut |kind, i, r| {
            if !kind.is_node() {
                return;
            }
            let id = r.id();
            let at = format!("{}[{i}]", kind.list());
            if id.trim().is_empty() || id.chars().any(|ch| ch.is_whitespace() || ch.is_control()) {
                self.error(
                    &format!("{at}.id"),
                    format!("id `{id}` must be a short name without spaces"),
                    Some("use a slug such as `rag` or `probation-herts`".into()),
                );
                return;
            }
            if let Some((prev_kind, prev_at)) = ids.get(id) {
                let prev_line = self
                    .spans
                    .find(prev_at)
                    .map(|s| format!("line {}", s.start.line))
                    .unwrap_or_else(|| prev_at.clone());
                let message = format!(
                    "duplicate id `{id}`: {} at {} already has it",
                    prev_kind.noun(),
                    prev_line
                );
                self.error(
                    &format!("{at}.id"),
                    message,
                    Some("every id in a partnership file must be different".into()),
                );
                return;
            }
            if let Some(other) = folded.get(&look_alike(id)) {
                let other = other.clone();
                let how = if other.to_lowercase() == id.to_lowercase() {
                    "only in case".to_string()
                } else {
                    // Shown escaped, so that the reader sees which letter is not what it seems.
                    format!(
                        "only in letters that look alike (`{}` and `{}`)",
                        non_ascii_escaped(id),
                        non_ascii_escaped(&other)
                    )
                };
                self.error(
                    &format!("{at}.id"),
                    format!("id `{id}` differs from `{other}` {how}"),
                    Some(format!(
                        "use `{other}` if they are the same, or a clearly different id"
                    )),
                );
                return;
            }
            ids.insert(id.to_string(), (kind, at));
            folded.insert(look_alike(id), id.to_string());
        });
        ids
    }

    fn unique_sources(&mut self, p: &Partnership) {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (i, s) in p.sources.iter().enumerate() {
            if let Some(first) = seen.insert(s.id.as_str(), i) {
                self.error(
                    &format!("sources[{i}].id"),
                    format!(
                        "duplicate source id `{}`: sources[{first}] already has it",
                        s.id
                    ),
                    None,
                );
            }
        }
    }

    fn evidence(&mut self, at: &str, evidence: &[Evidence], sources: &[&str]) {
        for (i, e) in evidence.iter().enumerate() {
            if !sources.contains(&e.source.as_str()) {
                let help = did_you_mean(&e.source, sources.iter().copied())
                    .map(|s| format!("did you mean `{s}`?"))
                    .unwrap_or_else(|| {
                        format!(
                            "add `Source(id: \"{}\", title: ...)` to `sources`",
                            e.source
                        )
                    });
                self.error(
                    &format!("{at}[{i}].source"),
                    format!("unknown source `{}`", e.source),
                    Some(help),
                );
            }
        }
    }

    fn period(&mut self, at: &str, period: &Period, what: &str) {
        if let (Some(f), Some(t)) = (period.from, period.to)
            && t.latest() < f.earliest()
        {
            let (from_name, to_name) = (period.from_name, period.to_name);
            self.error(
                &format!("{at}.{to_name}"),
                format!("{what} ends ({to_name} {t}) before it starts ({from_name} {f})"),
                Some(format!(
                    "check the dates; `{to_name}` must not be before `{from_name}`"
                )),
            );
        }
    }
}

/// What an id looks like on the page: lower case, with each letter replaced by the one it is
/// confusable with (Unicode's UTS #39 skeleton), so that `prоbation` with a Cyrillic `о` and
/// `probation` are found to be the same id to a reader, as they are.
fn look_alike(id: &str) -> String {
    unicode_security::confusable_detection::skeleton(&id.to_lowercase())
        .collect::<String>()
        .to_lowercase()
}

/// `prоbation` with a Cyrillic `о` as `pr\u{43e}bation`: which letter is not what it seems.
fn non_ascii_escaped(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii() {
                c.to_string()
            } else {
                c.escape_unicode().to_string()
            }
        })
        .collect()
}
