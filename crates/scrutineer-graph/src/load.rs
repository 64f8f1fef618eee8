//! Reading a partnership file: RON syntax, then the references and dates inside it.
//!
//! Every problem found is reported, with file, line and column, up to [`MAX_DIAGNOSTICS`].
//! Syntax and type errors stop at the first (RON cannot resume after one); the checks after
//! parsing collect them all. Nothing here panics on any input.

use std::collections::HashMap;
use std::path::Path;

use ron::extensions::Extensions;

use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::graph::Graph;
use crate::model::{DateCell, Evidence, Partnership};
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

/// Reads and checks one partnership file.
pub fn load_file(path: &Path) -> Loaded {
    let fail = |d: Diagnostic| Loaded {
        graph: None,
        diagnostics: vec![(Level::Error, d)],
        source: None,
    };
    match std::fs::metadata(path) {
        Ok(m) if m.len() > MAX_FILE_BYTES => {
            let start = Pos { line: 1, col: 1 };
            return fail(
                Diagnostic::new(
                    path,
                    Some(Span { start, end: start }),
                    format!(
                        "file is {} MB, larger than the {} MB a partnership file may be",
                        m.len() / (1024 * 1024),
                        MAX_FILE_BYTES / (1024 * 1024)
                    ),
                )
                .with_help(
                    "check that this is a partnership file; split a very large one by partnership",
                ),
            );
        }
        Ok(m) if m.is_dir() => {
            return fail(Diagnostic::new(
                path,
                None,
                "is a folder, not a partnership file",
            ));
        }
        Ok(_) => {}
        Err(e) => {
            return fail(Diagnostic::new(
                path,
                None,
                format!("cannot read file: {}", io_reason(&e)),
            ));
        }
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            return fail(Diagnostic::new(
                path,
                None,
                format!("cannot read file: {}", io_reason(&e)),
            ));
        }
    };
    match String::from_utf8(bytes) {
        Ok(text) => load_str(path, text),
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let text = String::from_utf8_lossy(valid);
            let line = text.matches('\n').count() + 1;
            let col = text
                .rsplit('\n')
                .next()
                .map(|l| l.chars().count())
                .unwrap_or(0)
                + 1;
            let pos = Pos { line, col };
            fail(
                Diagnostic::new(
                    path,
                    Some(Span {
                        start: pos,
                        end: pos,
                    }),
                    "file is not valid UTF-8 text",
                )
                .with_help("save the file as UTF-8; a partnership file is plain text"),
            )
        }
    }
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string().to_lowercase(),
    }
}

/// Reads and checks a partnership from text; `path` is used in messages only.
pub fn load_str(path: &Path, text: String) -> Loaded {
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
    let parsed: Result<Partnership, _> = options.from_str(&text);
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

/// What an id names, for messages and for checking a reference points at the right kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum IdKind {
    Organisation,
    Person,
    Group,
    Meeting,
    Document,
    Priority,
    Action,
    Post,
    Risk,
    ScrutinyReview,
    CaseReview,
    Referral,
    Service,
}

impl IdKind {
    fn noun(self) -> &'static str {
        match self {
            IdKind::Organisation => "an organisation",
            IdKind::Person => "a person",
            IdKind::Group => "a group",
            IdKind::Meeting => "a meeting",
            IdKind::Document => "a document",
            IdKind::Priority => "a priority",
            IdKind::Action => "an action",
            IdKind::Post => "a post",
            IdKind::Risk => "a risk",
            IdKind::ScrutinyReview => "a scrutiny review",
            IdKind::CaseReview => "a case review",
            IdKind::Referral => "a referral",
            IdKind::Service => "a service",
        }
    }
    fn short(self) -> &'static str {
        &self.noun()[self.noun().find(' ').map(|i| i + 1).unwrap_or(0)..]
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

    fn check(&mut self, p: &Partnership) {
        let ids = self.collect_ids(p);
        let sources: Vec<&str> = p.sources.iter().map(|s| s.id.as_str()).collect();
        self.unique_sources(p);

        let refer = |c: &mut Checker, at: String, id: &str, allowed: &[IdKind], blank_ok: bool| {
            if blank_ok && id.trim().is_empty() {
                return;
            }
            match ids.get(id) {
                Some((kind, _)) if allowed.contains(kind) => {}
                Some((kind, _)) => {
                    let want: Vec<&str> = allowed.iter().map(|k| k.noun()).collect();
                    c.error(
                        &at,
                        format!("`{id}` is {}, not {}", kind.noun(), want.join(" or ")),
                        None,
                    );
                }
                None => {
                    let candidates = ids
                        .iter()
                        .filter(|(_, (k, _))| allowed.contains(k))
                        .map(|(name, _)| name.as_str());
                    let help = did_you_mean(id, candidates).map(|s| format!("did you mean `{s}`?"));
                    let noun = allowed
                        .iter()
                        .map(|k| k.short())
                        .collect::<Vec<_>>()
                        .join(" or ");
                    c.error(
                        &at,
                        format!("unknown {noun} `{id}`"),
                        help.or_else(|| {
                            Some(format!(
                                "add {} with id `{id}`, or correct the reference",
                                allowed[0].noun()
                            ))
                        }),
                    );
                }
            }
        };
        // A list of ids, each checked like a single reference.
        let refer_each = |c: &mut Checker, at: &str, list: &[String], allowed: &[IdKind]| {
            for (j, id) in list.iter().enumerate() {
                refer(c, format!("{at}[{j}]"), id, allowed, false);
            }
        };
        // Copies sent and responses received: an organisation and the evidence for it.
        let letters = |c: &mut Checker, at: &str, list: &[crate::model::Sent]| {
            for (j, x) in list.iter().enumerate() {
                refer(
                    c,
                    format!("{at}[{j}].to"),
                    &x.to,
                    &[IdKind::Organisation],
                    false,
                );
                c.evidence(&format!("{at}[{j}].evidence"), &x.evidence, &sources);
            }
        };
        use IdKind::*;
        let members = [Organisation, Person];
        let owners = [Person, Organisation, Group];

        self.evidence("evidence", &p.evidence, &sources);
        for (i, o) in p.organisations.iter().enumerate() {
            self.period(
                &format!("organisations[{i}]"),
                o.from,
                o.to,
                "from",
                "to",
                &format!("`{}`", o.id),
            );
            self.evidence(
                &format!("organisations[{i}].evidence"),
                &o.evidence,
                &sources,
            );
        }
        for (i, x) in p.people.iter().enumerate() {
            if let Some(org) = &x.organisation {
                refer(
                    self,
                    format!("people[{i}].organisation"),
                    org,
                    &[Organisation],
                    false,
                );
            }
            self.evidence(&format!("people[{i}].evidence"), &x.evidence, &sources);
        }
        for (i, g) in p.groups.iter().enumerate() {
            if let Some(c) = &g.chair {
                refer(self, format!("groups[{i}].chair"), c, &members, true);
            }
            if let Some(c) = &g.vice_chair {
                refer(self, format!("groups[{i}].vice_chair"), c, &members, true);
            }
            if let Some(t) = &g.terms_of_reference {
                refer(
                    self,
                    format!("groups[{i}].terms_of_reference"),
                    t,
                    &[Document],
                    false,
                );
            }
            self.period(
                &format!("groups[{i}]"),
                g.from,
                g.to,
                "from",
                "to",
                &format!("`{}`", g.id),
            );
            self.period(
                &format!("groups[{i}]"),
                g.suspended_from,
                g.suspended_to,
                "suspended_from",
                "suspended_to",
                &format!("the suspension of `{}`", g.id),
            );
            self.evidence(&format!("groups[{i}].evidence"), &g.evidence, &sources);
        }
        for (i, m) in p.memberships.iter().enumerate() {
            refer(
                self,
                format!("memberships[{i}].member"),
                &m.member,
                &members,
                false,
            );
            refer(
                self,
                format!("memberships[{i}].group"),
                &m.group,
                &[Group],
                false,
            );
            self.period(
                &format!("memberships[{i}]"),
                m.from,
                m.to,
                "from",
                "to",
                &format!("the membership of `{}` on `{}`", m.member, m.group),
            );
            refer_each(
                self,
                &format!("memberships[{i}].appointed_by"),
                &m.appointed_by,
                &[Organisation],
            );
            self.evidence(&format!("memberships[{i}].evidence"), &m.evidence, &sources);
        }
        for (i, r) in p.reporting.iter().enumerate() {
            refer(
                self,
                format!("reporting[{i}].group"),
                &r.group,
                &[Group],
                false,
            );
            refer(self, format!("reporting[{i}].to"), &r.to, &[Group], false);
            if r.group == r.to {
                self.error(
                    &format!("reporting[{i}].to"),
                    format!("group `{}` cannot report to itself", r.group),
                    None,
                );
            }
            self.period(
                &format!("reporting[{i}]"),
                r.from,
                r.until,
                "from",
                "until",
                &format!("the line from `{}` to `{}`", r.group, r.to),
            );
            self.evidence(&format!("reporting[{i}].evidence"), &r.evidence, &sources);
        }
        for (i, m) in p.meetings.iter().enumerate() {
            refer(
                self,
                format!("meetings[{i}].group"),
                &m.group,
                &[Group],
                false,
            );
            for (j, a) in m.attendance.iter().enumerate() {
                refer(
                    self,
                    format!("meetings[{i}].attendance[{j}].member"),
                    &a.member,
                    &members,
                    false,
                );
            }
            refer_each(
                self,
                &format!("meetings[{i}].reports_from"),
                &m.reports_from,
                &[Group],
            );
            refer_each(
                self,
                &format!("meetings[{i}].papers"),
                &m.papers,
                &[Document],
            );
            refer_each(
                self,
                &format!("meetings[{i}].tabled"),
                &m.tabled,
                &[Document],
            );
            self.evidence(&format!("meetings[{i}].evidence"), &m.evidence, &sources);
        }
        for (i, d) in p.documents.iter().enumerate() {
            if let Some(g) = &d.approved_by {
                refer(
                    self,
                    format!("documents[{i}].approved_by"),
                    g,
                    &[Group, Organisation],
                    false,
                );
            }
            refer_each(
                self,
                &format!("documents[{i}].regard_to"),
                &d.regard_to,
                &[Document],
            );
            letters(self, &format!("documents[{i}].sent_to"), &d.sent_to);
            refer_each(
                self,
                &format!("documents[{i}].consulted"),
                &d.consulted,
                &[Organisation],
            );
            refer_each(
                self,
                &format!("documents[{i}].data_from"),
                &d.data_from,
                &[Organisation],
            );
            self.period(
                &format!("documents[{i}]"),
                d.period_from,
                d.period_to,
                "period_from",
                "period_to",
                &format!("the period of `{}`", d.id),
            );
            self.evidence(&format!("documents[{i}].evidence"), &d.evidence, &sources);
            for (j, r) in d.revisions.iter().enumerate() {
                self.evidence(
                    &format!("documents[{i}].revisions[{j}].evidence"),
                    &r.evidence,
                    &sources,
                );
            }
        }
        for (i, x) in p.priorities.iter().enumerate() {
            if let Some(d) = &x.plan {
                refer(self, format!("priorities[{i}].plan"), d, &[Document], false);
            }
            if let Some(o) = &x.owner {
                refer(self, format!("priorities[{i}].owner"), o, &owners, true);
            }
            self.evidence(&format!("priorities[{i}].evidence"), &x.evidence, &sources);
        }
        for (i, a) in p.actions.iter().enumerate() {
            if let Some(x) = &a.priority {
                refer(
                    self,
                    format!("actions[{i}].priority"),
                    x,
                    &[Priority],
                    false,
                );
            }
            if let Some(x) = &a.plan {
                refer(self, format!("actions[{i}].plan"), x, &[Document], false);
            }
            if let Some(o) = &a.owner {
                refer(self, format!("actions[{i}].owner"), o, &owners, true);
            }
            self.evidence(&format!("actions[{i}].evidence"), &a.evidence, &sources);
        }
        for (i, x) in p.posts.iter().enumerate() {
            if let Some(h) = &x.host {
                refer(self, format!("posts[{i}].host"), h, &[Organisation], false);
            }
            self.evidence(&format!("posts[{i}].evidence"), &x.evidence, &sources);
        }
        for (i, r) in p.risks.iter().enumerate() {
            if let Some(d) = &r.register {
                refer(self, format!("risks[{i}].register"), d, &[Document], false);
            }
            self.evidence(&format!("risks[{i}].evidence"), &r.evidence, &sources);
        }
        for (i, s) in p.scrutiny_reviews.iter().enumerate() {
            refer(
                self,
                format!("scrutiny_reviews[{i}].committee"),
                &s.committee,
                &[Group],
                false,
            );
            if let Some(m) = &s.meeting {
                refer(
                    self,
                    format!("scrutiny_reviews[{i}].meeting"),
                    m,
                    &[Meeting],
                    false,
                );
            }
            letters(self, &format!("scrutiny_reviews[{i}].sent_to"), &s.sent_to);
            letters(
                self,
                &format!("scrutiny_reviews[{i}].responses"),
                &s.responses,
            );
            self.evidence(
                &format!("scrutiny_reviews[{i}].evidence"),
                &s.evidence,
                &sources,
            );
            for (j, r) in s.requests.iter().enumerate() {
                let at = format!("scrutiny_reviews[{i}].requests[{j}]");
                refer(self, format!("{at}.to"), &r.to, &[Organisation], false);
                self.evidence(&format!("{at}.evidence"), &r.evidence, &sources);
            }
        }
        for (i, c) in p.case_reviews.iter().enumerate() {
            if let Some(r) = &c.report {
                refer(
                    self,
                    format!("case_reviews[{i}].report"),
                    r,
                    &[Document],
                    false,
                );
            }
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
            self.evidence(
                &format!("case_reviews[{i}].evidence"),
                &c.evidence,
                &sources,
            );
        }
        for (i, r) in p.referrals.iter().enumerate() {
            refer(
                self,
                format!("referrals[{i}].committee"),
                &r.committee,
                &[Group],
                false,
            );
            self.evidence(&format!("referrals[{i}].evidence"), &r.evidence, &sources);
        }
        for (i, x) in p.services.iter().enumerate() {
            self.evidence(&format!("services[{i}].evidence"), &x.evidence, &sources);
        }
        for (i, x) in p.data_returns.iter().enumerate() {
            refer(
                self,
                format!("data_returns[{i}].from"),
                &x.from,
                &[Organisation],
                false,
            );
            self.evidence(
                &format!("data_returns[{i}].evidence"),
                &x.evidence,
                &sources,
            );
        }
        if let Some(c) = &p.combination {
            self.evidence("combination.evidence", &c.evidence, &sources);
        }
        for (i, w) in p.waivers.iter().enumerate() {
            if let Some(a) = w.approved
                && w.expires.latest() < a.earliest()
            {
                self.error(
                    &format!("waivers[{i}].expires"),
                    format!(
                        "the waiver of `{}` for `{}` expires ({}) before it was approved ({a})",
                        w.rule, w.subject, w.expires
                    ),
                    None,
                );
            }
            self.evidence(&format!("waivers[{i}].evidence"), &w.evidence, &sources);
        }
        // The file's own order is kept; sort by position so messages read top to bottom.
        self.found
            .sort_by_key(|(_, d)| d.span.map(|s| (s.start.line, s.start.col)));
    }

    /// All node ids, checking each is well formed and unique (ignoring case, since ids that
    /// differ only in case are a typo waiting to happen).
    fn collect_ids(&mut self, p: &Partnership) -> HashMap<String, (IdKind, String)> {
        let mut ids: HashMap<String, (IdKind, String)> = HashMap::new();
        let mut folded: HashMap<String, String> = HashMap::new();
        let mut add = |c: &mut Checker, id: &str, kind: IdKind, at: String| {
            if id.trim().is_empty() || id.chars().any(|ch| ch.is_whitespace() || ch.is_control()) {
                c.error(
                    &format!("{at}.id"),
                    format!("id `{id}` must be a short name without spaces"),
                    Some("use a slug such as `rag` or `probation-herts`".into()),
                );
                return;
            }
            if let Some((prev_kind, prev_at)) = ids.get(id) {
                let prev_line = c
                    .spans
                    .find(prev_at)
                    .map(|s| format!("line {}", s.start.line))
                    .unwrap_or_else(|| prev_at.clone());
                c.error(
                    &format!("{at}.id"),
                    format!(
                        "duplicate id `{id}`: {} at {} already has it",
                        prev_kind.noun(),
                        prev_line
                    ),
                    Some("every id in a partnership file must be different".into()),
                );
                return;
            }
            if let Some(other) = folded.get(&id.to_lowercase()) {
                c.error(
                    &format!("{at}.id"),
                    format!("id `{id}` differs from `{other}` only in case"),
                    Some(format!(
                        "use `{other}` if they are the same, or a clearly different id"
                    )),
                );
                return;
            }
            ids.insert(id.to_string(), (kind, at));
            folded.insert(id.to_lowercase(), id.to_string());
        };
        use IdKind::*;
        for (i, x) in p.organisations.iter().enumerate() {
            add(self, &x.id, Organisation, format!("organisations[{i}]"));
        }
        for (i, x) in p.people.iter().enumerate() {
            add(self, &x.id, Person, format!("people[{i}]"));
        }
        for (i, x) in p.groups.iter().enumerate() {
            add(self, &x.id, Group, format!("groups[{i}]"));
        }
        for (i, x) in p.meetings.iter().enumerate() {
            add(self, &x.id, Meeting, format!("meetings[{i}]"));
        }
        for (i, x) in p.documents.iter().enumerate() {
            add(self, &x.id, Document, format!("documents[{i}]"));
        }
        for (i, x) in p.priorities.iter().enumerate() {
            add(self, &x.id, Priority, format!("priorities[{i}]"));
        }
        for (i, x) in p.actions.iter().enumerate() {
            add(self, &x.id, Action, format!("actions[{i}]"));
        }
        for (i, x) in p.posts.iter().enumerate() {
            add(self, &x.id, Post, format!("posts[{i}]"));
        }
        for (i, x) in p.risks.iter().enumerate() {
            add(self, &x.id, Risk, format!("risks[{i}]"));
        }
        for (i, x) in p.scrutiny_reviews.iter().enumerate() {
            add(
                self,
                &x.id,
                ScrutinyReview,
                format!("scrutiny_reviews[{i}]"),
            );
        }
        for (i, x) in p.case_reviews.iter().enumerate() {
            add(self, &x.id, CaseReview, format!("case_reviews[{i}]"));
        }
        for (i, x) in p.referrals.iter().enumerate() {
            add(self, &x.id, Referral, format!("referrals[{i}]"));
        }
        for (i, x) in p.services.iter().enumerate() {
            add(self, &x.id, Service, format!("services[{i}]"));
        }
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

    fn period(
        &mut self,
        at: &str,
        from: Option<crate::When>,
        to: Option<crate::When>,
        from_name: &str,
        to_name: &str,
        what: &str,
    ) {
        if let (Some(f), Some(t)) = (from, to)
            && t.latest() < f.earliest()
        {
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
