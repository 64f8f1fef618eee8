//! Running the pack: every rule against every partnership as of one day, in parallel, with the
//! results in a fixed order whatever the thread count.

use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;
use rhai::{CallFnOptions, Dynamic, EvalAltResult, ParseErrorType, Scope};
use scrutineer_graph::model::{Group, Nation};
use scrutineer_graph::{Date, Graph, NodeKey};

use crate::api::{self, EvidenceRef, ScriptOutcome, View};
use crate::outcome::{EvidenceItem, Finding, Outcome, RuleError, UnusedWaiver};
use crate::rule::Rule;
use crate::sandbox::{Budget, Limits, OUT_OF_MEMORY, OUT_OF_TIME, build_engine};

/// The compiled rule pack and the one engine that runs it.
pub struct RuleSet {
    engine: rhai::Engine,
    /// Rules that compiled, sorted by id.
    pub rules: Vec<Rule>,
    /// Rules that did not.
    pub errors: Vec<RuleError>,
    limits: Limits,
    /// When set, rules read only the sources dated on or before this day (`--known-on`).
    pub known_on: Option<Date>,
}

/// The results of one evaluation.
#[derive(Debug, Default)]
pub struct Evaluation {
    /// Findings ordered by partnership (as given), then rule id, then the rule's own order.
    pub findings: Vec<Finding>,
    /// Rules that failed to compile or to run.
    pub errors: Vec<RuleError>,
    /// Waivers in force that matched no failure (filled by [`crate::waivers::apply`]).
    pub unused_waivers: Vec<UnusedWaiver>,
}

impl RuleSet {
    /// Finds and compiles every `*.rhai` file under `dir` (one level of area folders, or flat).
    pub fn load_dir(dir: &Path, limits: Limits) -> Result<RuleSet, String> {
        RuleSet::load_pack(Some(dir), &[], limits)
    }

    /// The rule pack built into the program (`rules/` as it was when it was built).
    pub fn load_builtin(limits: Limits) -> RuleSet {
        RuleSet::load_pack(None, &[], limits).expect("the built-in pack needs no folder")
    }

    /// A pack: the rules in `base` (the built-in pack when `None`), then the rules in each of
    /// `extra`, added to it. A rule whose id another already has is reported, not loaded, so
    /// a local rule never silently replaces one of the pack's.
    pub fn load_pack(
        base: Option<&Path>,
        extra: &[std::path::PathBuf],
        limits: Limits,
    ) -> Result<RuleSet, String> {
        let mut files: Vec<RuleFile> = Vec::new();
        let mut unreadable: Vec<RuleError> = Vec::new();
        let mut read = |dir: &Path, files: &mut Vec<RuleFile>| -> Result<(), String> {
            let (found, errors) = read_dir_rules(dir)?;
            files.extend(found);
            unreadable.extend(errors);
            Ok(())
        };
        match base {
            Some(dir) => read(dir, &mut files)?,
            None => files.extend(builtin::RULES.iter().map(|(rel, area, text)| {
                (Path::new("rules").join(rel), area.to_string(), Some(*text))
            })),
        }
        let first_extra = files.len();
        for dir in extra {
            read(dir, &mut files)?;
        }
        let mut set = RuleSet::empty(limits);
        set.errors.extend(unreadable);
        // Compiling is most of a one-partnership run's time (75 scripts, about 12 ms on one
        // core), and each script compiles independently; the results are kept in file order.
        let compiled: Vec<_> = files
            .par_iter()
            .map(|(path, area, text)| match text {
                Some(t) => Rule::from_text(&set.engine, path, area, t.to_string()),
                None => Rule::load(&set.engine, path, area),
            })
            .collect();
        // Ids of the base pack first, so that a duplicate is reported on the added rule.
        let mut ordered: Vec<(bool, Result<Rule, RuleError>)> = compiled
            .into_iter()
            .enumerate()
            .map(|(i, c)| (i >= first_extra, c))
            .collect();
        ordered.sort_by_key(|(added, _)| *added);
        let mut seen: std::collections::HashMap<String, std::path::PathBuf> =
            std::collections::HashMap::new();
        for (_, c) in ordered {
            match c {
                Ok(r) => match seen.get(&r.id) {
                    Some(first) => set.errors.push(RuleError {
                        rule: r.id.clone(),
                        file: r.file.display().to_string(),
                        line: None,
                        column: None,
                        partnership: None,
                        message: format!(
                            "rule id `{}` is also used by {}; rename one (a local rule cannot replace a rule of the pack)",
                            r.id,
                            first.display()
                        ),
                    }),
                    None => {
                        seen.insert(r.id.clone(), r.file.clone());
                        set.rules.push(r);
                    }
                },
                Err(e) => set.errors.push(e),
            }
        }
        set.rules.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(set)
    }

    /// An empty set with the engine built.
    pub fn empty(limits: Limits) -> RuleSet {
        let mut engine = build_engine(&limits);
        api::register(&mut engine);
        RuleSet {
            engine,
            rules: Vec::new(),
            errors: Vec::new(),
            limits,
            known_on: None,
        }
    }

    /// Compiles one rule file into the set.
    pub fn add_file(&mut self, path: &Path, area: &str) {
        match Rule::load(&self.engine, path, area) {
            Ok(r) => self.rules.push(r),
            Err(e) => self.errors.push(e),
        }
    }

    /// The rule with this id.
    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// Evaluates `rules` (all when `None`) against every graph as of `as_of`.
    pub fn evaluate(
        &self,
        graphs: &[Arc<Graph>],
        as_of: Date,
        only: Option<&[&Rule]>,
    ) -> Evaluation {
        self.evaluate_known_on(graphs, as_of, self.known_on, only)
    }

    /// Like [`RuleSet::evaluate`], but one evaluation per graph, all run as one parallel batch:
    /// for sweeps over many small variants, where a batch per variant would cost more in
    /// thread hand-offs than in evaluation.
    pub fn evaluate_each(
        &self,
        graphs: &[Arc<Graph>],
        as_of: Date,
        only: Option<&[&Rule]>,
    ) -> Vec<Evaluation> {
        self.evaluate_each_known_on(graphs, as_of, self.known_on, only)
    }

    /// Like [`RuleSet::evaluate`], reading only the sources dated on or before `known_on`
    /// (all of them when `None`), whatever the set's own `known_on`.
    pub fn evaluate_known_on(
        &self,
        graphs: &[Arc<Graph>],
        as_of: Date,
        known_on: Option<Date>,
        only: Option<&[&Rule]>,
    ) -> Evaluation {
        let mut eval = Evaluation::default();
        for e in self.evaluate_each_known_on(graphs, as_of, known_on, only) {
            eval.findings.extend(e.findings);
            eval.errors.extend(e.errors);
        }
        eval
    }

    fn evaluate_each_known_on(
        &self,
        graphs: &[Arc<Graph>],
        as_of: Date,
        known_on: Option<Date>,
        only: Option<&[&Rule]>,
    ) -> Vec<Evaluation> {
        let rules: Vec<&Rule> = match only {
            Some(r) => r.to_vec(),
            None => self.rules.iter().collect(),
        };
        let jobs: Vec<(usize, &Rule)> = (0..graphs.len())
            .flat_map(|g| rules.iter().map(move |r| (g, *r)))
            .collect();
        let views: Vec<Arc<View>> = graphs
            .iter()
            .map(|g| {
                Arc::new(View {
                    graph: Arc::clone(g),
                    as_of,
                    known_on,
                })
            })
            .collect();
        // `collect` on an indexed parallel iterator keeps job order, so output does not depend
        // on which thread finished first.
        let outputs: Vec<Result<Vec<Finding>, RuleError>> = crate::sandbox::install(|| {
            jobs.par_iter()
                .map(|&(g, rule)| self.run(rule, &views[g]))
                .collect()
        });
        let mut per_graph: Vec<Evaluation> =
            (0..graphs.len()).map(|_| Evaluation::default()).collect();
        for ((g, _), out) in jobs.iter().zip(outputs) {
            match out {
                Ok(f) => per_graph[*g].findings.extend(f),
                Err(e) => per_graph[*g].errors.push(e),
            }
        }
        per_graph
    }

    /// The limits the engine was built with.
    pub fn limits(&self) -> Limits {
        self.limits
    }

    fn run(&self, rule: &Rule, view: &Arc<View>) -> Result<Vec<Finding>, RuleError> {
        let g = &view.graph;
        if let Some(reason) = not_applicable_in(rule, g.data.nation, g.data.place, view.as_of) {
            return Ok(vec![Finding {
                rule: rule.id.clone(),
                partnership: g.data.id.clone(),
                subject: g.data.id.clone(),
                subject_name: g.data.name.clone(),
                outcome: Outcome::NotApplicable,
                severity: rule.severity,
                message: reason,
                evidence: Vec::new(),
                note: None,
                request: None,
                fact: None,
                also: Vec::new(),
                ask: rule.ask_in(g.data.place),
            }]);
        }
        let mut scope = Scope::new();
        let arg = api::Partnership::new(Arc::clone(view));
        // Constants are metadata; the script's top level need not run for each call.
        let options = CallFnOptions::new().eval_ast(false);
        // Errors about what `check` returned are placed at its `fn` line.
        let at_check = rule
            .check_line
            .map_or(rhai::Position::NONE, |l| rhai::Position::new(l as u16, 1));
        let result: Result<Dynamic, Box<EvalAltResult>> = Budget::run(&self.limits, || {
            self.engine
                .call_fn_with_options(options, &mut scope, &rule.ast, "check", (arg,))
                // What the script returns is measured inside the budget too.
                .and_then(|v| within_output_budget(v, &self.limits, at_check))
        });
        let runtime_error = |message: String, e: Option<&EvalAltResult>| {
            let pos = e.map(|e| e.position()).unwrap_or(rhai::Position::NONE);
            RuleError {
                rule: rule.id.clone(),
                file: rule.file.display().to_string(),
                line: pos.line().map(|n| n as u32),
                column: pos.position().map(|n| n as u32),
                partnership: Some(g.data.id.clone()),
                message,
            }
        };
        let value = result.map_err(|e| {
            let mut err = runtime_error(describe_runtime(&e, &self.limits), Some(&e));
            if err.line.is_none() || crate::sandbox::is_limit_error(&e) {
                // rhai drops the position of limit errors (too many operations, stack overflow,
                // data too large), or gives one that depends on what its caches held. The run
                // is deterministic, so run it again with a fresh engine watching each step to
                // find where it was when it stopped: the same answer every time. This costs
                // nothing on the normal path.
                let pos = Budget::run(&Budget::for_locating(&self.limits, &e), || {
                    self.locate(rule, view)
                });
                err.line = pos.line().map(|n| n as u32);
                err.column = pos.position().map(|n| n as u32);
            }
            err
        })?;
        let items: Vec<Dynamic> = if value.is_array() {
            value.into_array().unwrap_or_default()
        } else if value.is::<ScriptOutcome>() {
            vec![value]
        } else {
            let mut err = runtime_error(
                format!(
                    "`check` must return an array of outcomes (`pass`, `fail`, `unknown`), but returned `{}`",
                    value.type_name()
                ),
                None,
            );
            (err.line, err.column) = (rule.check_line, Some(1));
            return Err(err);
        };
        let mut findings = Vec::with_capacity(items.len());
        for (i, item) in items.into_iter().enumerate() {
            let type_name = item.type_name();
            let Some(o) = item.try_cast::<ScriptOutcome>() else {
                return Err(runtime_error(
                    format!(
                        "item {i} of the array `check` returned is `{type_name}`, not an outcome"
                    ),
                    None,
                ));
            };
            let mut finding = Finding {
                rule: rule.id.clone(),
                partnership: g.data.id.clone(),
                subject: o.subject.0,
                subject_name: o.subject.1,
                outcome: o.outcome,
                severity: o.severity.unwrap_or(rule.severity),
                message: o.message,
                evidence: resolve_evidence(view, &o.evidence),
                note: None,
                request: o.request,
                fact: o.fact,
                also: Vec::new(),
                ask: rule.ask_in(g.data.place),
            };
            if finding.outcome == Outcome::Fail
                && let Some(group) = inferred_group(g, &o.evidence)
            {
                rests_on_inference(&mut finding, group);
            }
            findings.push(finding);
        }
        Ok(findings)
    }
}

impl RuleSet {
    /// Where a run of `rule` stopped: the position of the last step taken before the error.
    fn locate(&self, rule: &Rule, view: &Arc<View>) -> rhai::Position {
        let mut engine = build_engine(&self.limits);
        api::register(&mut engine);
        crate::sandbox::locate_last_step(engine, |engine| {
            let arg = api::Partnership::new(Arc::clone(view));
            let options = CallFnOptions::new().eval_ast(false);
            let _ = engine.call_fn_with_options::<Dynamic>(
                options,
                &mut Scope::new(),
                &rule.ast,
                "check",
                (arg,),
            );
        })
    }
}

/// Checks what `check` returned against the output budgets ([`Limits::max_outcomes`],
/// [`Limits::max_output_bytes`], [`Limits::max_evidence`]) before any of it is copied into
/// findings: a rule may not hand back more than a report can reasonably carry.
fn within_output_budget(
    value: Dynamic,
    limits: &Limits,
    at: rhai::Position,
) -> Result<Dynamic, Box<EvalAltResult>> {
    let too_much = |what: String| -> Box<EvalAltResult> {
        crate::sandbox::stopped(
            format!("the rule returned {what}; a rule reports what a committee can read"),
            at,
        )
    };
    let Some(items) = value.read_lock::<rhai::Array>() else {
        return Ok(value);
    };
    if items.len() > limits.max_outcomes {
        return Err(too_much(format!(
            "{} outcomes, more than the limit of {}",
            items.len(),
            limits.max_outcomes
        )));
    }
    let mut bytes = 0usize;
    for item in items.iter() {
        let Some(o) = item.read_lock::<ScriptOutcome>() else {
            continue;
        };
        if o.evidence.len() > limits.max_evidence {
            return Err(too_much(format!(
                "an outcome citing {} pieces of evidence, more than the limit of {}",
                o.evidence.len(),
                limits.max_evidence
            )));
        }
        bytes = bytes
            .saturating_add(o.message.len() + o.subject.0.len() + o.subject.1.len())
            .saturating_add(o.request.as_ref().map_or(0, String::len))
            .saturating_add(o.fact.as_ref().map_or(0, String::len))
            .saturating_add(o.evidence.len() * 64);
        if bytes > limits.max_output_bytes {
            return Err(too_much(format!(
                "more than {} of text, the limit",
                scrutineer_graph::files::amount(limits.max_output_bytes as u64)
            )));
        }
    }
    drop(items);
    Ok(value)
}

/// The built-in rule pack, generated by `build.rs` from the workspace's `rules/`.
mod builtin {
    include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));
}

/// A rule file to compile: the path that names it, its area, and its text when built in.
type RuleFile = (std::path::PathBuf, String, Option<&'static str>);

/// The `.rhai` files under `dir`, sorted, each with its area (its folder under `dir`), and an
/// error for each folder below it that could not be read. Only `dir` itself being unreadable
/// stops the pack: a bad entry is reported while the other rules load (a pipe or a broken link
/// named `x.rhai` is refused by name when it is read).
fn read_dir_rules(dir: &Path) -> Result<(Vec<RuleFile>, Vec<RuleError>), String> {
    let (files, unreadable) = scrutineer_graph::files::files_under(dir, "rhai")
        .map_err(|e| format!("cannot read rules folder `{}`: {e}", dir.display()))?;
    let area = |path: &Path| {
        path.parent()
            .and_then(|p| p.strip_prefix(dir).ok())
            .map(|p| p.display().to_string())
            .unwrap_or_default()
    };
    let errors = unreadable
        .into_iter()
        .map(|path| RuleError {
            rule: String::new(),
            file: path.display().to_string(),
            line: None,
            column: None,
            partnership: None,
            message: "cannot read this folder".into(),
        })
        .collect();
    Ok((
        files
            .into_iter()
            .map(|p| {
                let a = area(&p);
                (p, a, None)
            })
            .collect(),
        errors,
    ))
}

/// Why a rule does not apply, decided from its metadata before the script runs.
pub fn not_applicable(rule: &Rule, nation: Nation, day: Date) -> Option<String> {
    not_applicable_in(rule, nation, None, day)
}

/// Why a rule does not apply in `nation` and `place` on `day`, from its metadata: the nations
/// and dates it is in force, and the places its law excepts.
pub fn not_applicable_in(
    rule: &Rule,
    nation: Nation,
    place: Option<scrutineer_graph::model::Place>,
    day: Date,
) -> Option<String> {
    let name = match nation {
        Nation::England => "England",
        Nation::Wales => "Wales",
    };
    if let Some(p) = place.filter(|p| rule.except.contains(p)) {
        let place = match p {
            scrutineer_graph::model::Place::CityOfLondon => "the City of London",
            scrutineer_graph::model::Place::London => "London",
        };
        return Some(format!("does not apply in {place}"));
    }
    if let (Some(law), Some(scrutineer_graph::model::Place::London)) = (rule.law, place)
        && let Some(span) = law.span(nation, place)
    {
        if day < span.from {
            return Some(format!("not in force in London until {}", span.from.long()));
        }
        if span.to.is_some_and(|t| day > t) {
            return Some(format!(
                "no longer in force in London after {}",
                span.to.map(|t| t.long()).unwrap_or_default()
            ));
        }
        return None;
    }
    if !rule.nations.contains(&nation) {
        return Some(format!("does not apply in {name}"));
    }
    if let Some(from) = rule.in_force_from.get(nation)
        && day < from
    {
        return Some(format!("not in force in {name} until {}", from.long()));
    }
    if let Some(to) = rule.in_force_to.get(nation)
        && day > to
    {
        return Some(format!("no longer in force in {name} after {}", to.long()));
    }
    None
}

/// The first group cited as evidence whose kind the papers do not state (`kind_inferred`).
fn inferred_group<'g>(g: &'g Graph, refs: &[EvidenceRef]) -> Option<&'g Group> {
    let d = &g.data;
    let by_id = |id: &str| d.groups.iter().find(|x| x.id == id);
    refs.iter()
        .filter_map(|r| match *r {
            EvidenceRef::Node(NodeKey::Group(i)) => d.groups.get(i),
            EvidenceRef::Node(_) => None,
            EvidenceRef::Membership(i) => by_id(&d.memberships[i].group),
            EvidenceRef::Declaration(i) => g.declarations()[i].of.as_deref().and_then(by_id),
        })
        .find(|x| x.kind_inferred)
}

/// A failure is a claim about the partnership; when it rests on a group being what the file
/// only infers it to be, it cannot be put to a partner. It becomes unknown, and says so.
fn rests_on_inference(f: &mut Finding, group: &Group) {
    f.outcome = Outcome::Unknown;
    f.message = format!(
        "{}; but the papers do not say that {} is the partnership's {}: that is inferred",
        f.message,
        group.name,
        group.kind.as_str().replace('_', " ")
    );
    f.request = Some(format!(
        "the paper that says what {} is (its terms of reference, or the partnership's structure)",
        group.name
    ));
}

/// The evidence a finding cites, with the papers each record rests on: only those read on the
/// view's `known_on` day, so a finding never cites a paper written after it.
fn resolve_evidence(view: &View, refs: &[EvidenceRef]) -> Vec<EvidenceItem> {
    let g = &*view.graph;
    let read = |e: &&scrutineer_graph::model::Evidence| {
        g.source_index(&e.source)
            .is_none_or(|i| view.reads(&g.data.sources[i]))
    };
    let mut out: Vec<EvidenceItem> = Vec::new();
    for r in refs {
        let (node, evidence) = match *r {
            EvidenceRef::Node(k) => (node_label(g, k), g.evidence_of(k)),
            EvidenceRef::Membership(i) => {
                let m = &g.data.memberships[i];
                (format!("{}@{}", m.member, m.group), m.evidence.as_slice())
            }
            EvidenceRef::Declaration(i) => {
                let c = &g.declarations()[i];
                let owner = c.of.as_deref().unwrap_or(&g.data.id);
                (
                    format!("complete:{}:{owner}", c.list.as_str()),
                    c.evidence.as_slice(),
                )
            }
        };
        let evidence: Vec<&scrutineer_graph::model::Evidence> =
            evidence.iter().filter(read).collect();
        if evidence.is_empty() {
            out.push(EvidenceItem { node, source: None });
        } else {
            for e in evidence {
                out.push(EvidenceItem {
                    node: node.clone(),
                    source: Some(g.cite(e)),
                });
            }
        }
    }
    out.dedup();
    out
}

fn node_label(g: &Graph, k: NodeKey) -> String {
    g.id_of(k).to_string()
}

/// A runtime error as a rule author needs to read it.
pub(crate) fn describe_runtime(e: &EvalAltResult, limits: &Limits) -> String {
    use EvalAltResult as E;
    match e {
        E::ErrorTooManyOperations(_) => format!(
            "the script ran past its limit of {} operations; does a loop never end?",
            limits.max_operations
        ),
        E::ErrorStackOverflow(_) => format!(
            "calls nested deeper than {} levels; is a function calling itself without end?",
            limits.max_call_levels
        ),
        E::ErrorDataTooLarge(what, _) => {
            format!("{} grew past the sandbox's limit", what.to_lowercase())
        }
        E::ErrorTerminated(token, _) if token.to_string() == OUT_OF_TIME => format!(
            "the script ran past its time limit of {} seconds; does it call an expensive function in a loop?",
            limits.max_seconds
        ),
        E::ErrorTerminated(token, _) if token.to_string() == OUT_OF_MEMORY => format!(
            "the script held more than its memory limit of {} MB; does it copy large arrays or maps?",
            limits.max_memory_mb
        ),
        E::ErrorTerminated(token, _) => token.to_string(),
        E::ErrorTooManyVariables(_) => {
            format!("more than {} variables in scope", limits.max_variables)
        }
        E::ErrorFunctionNotFound(sig, _) => format!("no function `{sig}` in the rule API"),
        E::ErrorVariableNotFound(name, _) => format!("unknown variable `{name}`"),
        E::ErrorPropertyNotFound(name, _) => format!("no property `{name}` here"),
        E::ErrorModuleNotFound(name, _) => {
            format!("cannot import `{name}`: rules may not load modules or files")
        }
        E::ErrorInFunctionCall(name, _, inner, _) => {
            format!("in `{name}`: {}", describe_runtime(inner, limits))
        }
        E::ErrorRuntime(value, _) => format!("the script threw: {value}"),
        other => {
            let text = other.to_string();
            // rhai appends " (line x, position y)"; the location is given separately.
            let text = text.split(" (line ").next().unwrap_or(&text).to_string();
            lower_first(&text)
        }
    }
}

/// A parse error as a rule author needs to read it.
pub(crate) fn describe_parse(e: &ParseErrorType) -> String {
    let forbidden = |s: &str| match s {
        "eval" => Some("`eval` is not allowed in rules and scenarios".to_string()),
        "import" => Some(
            "`import` is not allowed: rules and scenarios may not load modules or files"
                .to_string(),
        ),
        _ => None,
    };
    match e {
        ParseErrorType::BadInput(rhai::LexError::ImproperSymbol(s, _))
        | ParseErrorType::Reserved(s)
            if forbidden(s).is_some() =>
        {
            forbidden(s).unwrap_or_default()
        }
        ParseErrorType::ForbiddenVariable(s) | ParseErrorType::Reserved(s) => {
            format!("`{s}` is not allowed in rules and scenarios")
        }
        other => lower_first(&other.to_string()),
    }
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// Sets the number of evaluation threads for the process (see [`crate::sandbox::install`]).
/// Results do not depend on it.
pub fn configure_threads(threads: usize) -> Result<(), String> {
    crate::sandbox::configure_threads(threads)
}
