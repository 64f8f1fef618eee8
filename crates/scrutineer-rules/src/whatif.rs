//! What-if scenarios: rhai scripts that edit a copy of a partnership before evaluation.
//!
//! A scenario file looks like a rule file: `//!` documentation, constants, and a function.
//!
//! ```text
//! const TITLE = "Probation takes up its seat on the Responsible Authorities Group";
//! const AS_OF = "2022-10-01";                                  // optional default date
//! const EXPECT_NEW = [];                                       // optional promises, as
//! const EXPECT_RESOLVED = ["CDA-S5-RA-PARTICIPATION/probation"]; //   "RULE-ID/subject"
//! const EXPECT_SETTLED = [];                                   // unknowns it settles
//!
//! fn scenario(g) {
//!     g.set_participation("probation", "rag", "participating", "2022-09");
//! }
//! ```
//!
//! A sweep declares `fn variants()` returning an array; `scenario(g, v)` then runs once per
//! item, each on a fresh copy. An item that is a map with a `name` names its variant.
//!
//! The script runs in the same sandbox as rules and sees only the edit API below (plus
//! `date(...)`). It edits a copy in memory: the file on disk is never touched.
//!
//! ```text
//! g.join(member, group, from)                 g.leave(member, group, on)
//! g.set_participation(member, group, status, from)   // participating | not_participating | vacant | declined
//! g.set_date(doc, field, date)                g.slip(doc, field, months)
//! g.approve(doc, date)                        g.revise(doc, date, note)
//! g.add_document(id, kind, title)             // kind as in a file: "PartnershipPlan"
//! g.end_funding(post, date)                   g.stop_meeting(group, from)
//! g.hold_meeting(group, date, #{ org_id: "present", ... })
//! g.fill(id, field, text)                     // a risk's cell, an action's or priority's owner
//! g.complete(action, date)                    g.remove(id)
//! g.confirm_kind(group)                       // suppose the papers confirm what the file only
//!                                             // infers the group to be (`kind_inferred`)
//! g.declare_complete(list, of)                // suppose the records hold a list in full on every
//!                                             // date: ("Revisions", "plan-2019-22"), ("Documents", "")
//! g.waive(#{ rule, subject, reason, approved_by, minute, expires })   // optional `approved`
//! g.organisations_of_kind(kind)               // ids, for sweeps over bodies
//! g.members_of(group)                         // ids of those with a seat (any date)
//! ```
//! Dates are written as in a partnership file: `"2022-09"`, `"2022-09-30"`.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rhai::{AST, Array, CallFnOptions, Dynamic, Engine, EvalAltResult, Map, Position, Scope};
use scrutineer_graph::model::Partnership;
use scrutineer_graph::{Date, Edits, Graph, When};

use crate::outcome::{Finding, Outcome, RuleError};
use crate::rule::parse_docs;
use crate::sandbox::{Budget, Limits, build_engine};

/// The copy a scenario edits (`Scenario` in scripts). Shared so that edits made through the
/// argument of `scenario(g)` reach the caller.
#[derive(Clone)]
struct Draft {
    data: Arc<Mutex<Partnership>>,
    /// Edits made so far, and the most allowed ([`Limits::max_edits`]): each edit may copy or
    /// search the partnership, so an endless stream of them is refused early and by name.
    edits: Arc<std::sync::atomic::AtomicUsize>,
    max_edits: usize,
}

type Res<T> = Result<T, Box<EvalAltResult>>;

fn err<T>(msg: String) -> Res<T> {
    Err(Box::new(EvalAltResult::ErrorRuntime(
        msg.into(),
        Position::NONE,
    )))
}

fn when(s: &str) -> Res<When> {
    s.parse::<When>().or_else(|e| err(e.to_string()))
}

impl Draft {
    fn edit(
        &self,
        f: impl FnOnce(&mut Partnership) -> Result<(), scrutineer_graph::EditError>,
    ) -> Res<()> {
        let made = self
            .edits
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        if made >= self.max_edits {
            return Err(crate::sandbox::stopped(
                format!(
                    "the scenario made more than {} edits to its copy, the limit; a scenario describes a change, not a new partnership",
                    self.max_edits
                ),
                Position::NONE,
            ));
        }
        let mut data = self.data.lock().map_err(|_| {
            Box::new(EvalAltResult::ErrorRuntime(
                "the scenario's copy is unusable after an earlier failure".into(),
                Position::NONE,
            ))
        })?;
        f(&mut data).or_else(|e| err(e.to_string()))
    }

    fn read<T>(&self, f: impl FnOnce(&Partnership) -> T) -> Res<T> {
        let data = self.data.lock().map_err(|_| {
            Box::new(EvalAltResult::ErrorRuntime(
                "the scenario's copy is unusable after an earlier failure".into(),
                Position::NONE,
            ))
        })?;
        Ok(f(&data))
    }
}

fn register(engine: &mut Engine) {
    crate::api::register_dates(engine);
    engine
        .register_type_with_name::<Draft>("Scenario")
        .register_fn("join", |g: &mut Draft, m: &str, grp: &str, from: &str| {
            let from = when(from)?;
            g.edit(|p| p.join(m, grp, from))
        })
        .register_fn("leave", |g: &mut Draft, m: &str, grp: &str, on: &str| {
            let on = when(on)?;
            g.edit(|p| p.leave(m, grp, on))
        })
        .register_fn("set_participation", |g: &mut Draft, m: &str, grp: &str, status: &str, from: &str| {
            let from = when(from)?;
            g.edit(|p| p.set_participation(m, grp, status, from))
        })
        .register_fn("set_date", |g: &mut Draft, doc: &str, field: &str, date: &str| {
            let date = when(date)?;
            g.edit(|p| p.set_document_date(doc, field, date))
        })
        .register_fn("slip", |g: &mut Draft, doc: &str, field: &str, months: i64| {
            g.edit(|p| p.slip_document_date(doc, field, months))
        })
        .register_fn("approve", |g: &mut Draft, doc: &str, date: &str| {
            let date = when(date)?;
            g.edit(|p| p.approve(doc, date))
        })
        .register_fn("revise", |g: &mut Draft, doc: &str, date: &str, note: &str| {
            let date = when(date)?;
            g.edit(|p| p.revise(doc, date, note))
        })
        .register_fn("add_document", |g: &mut Draft, id: &str, kind: &str, title: &str| {
            g.edit(|p| p.add_document(id, kind, title))
        })
        .register_fn("end_funding", |g: &mut Draft, post: &str, date: &str| {
            let date = when(date)?;
            g.edit(|p| p.end_funding(post, date))
        })
        .register_fn("stop_meeting", |g: &mut Draft, grp: &str, from: &str| {
            let from = when(from)?;
            g.edit(|p| p.stop_meeting(grp, from))
        })
        .register_fn("hold_meeting", |g: &mut Draft, grp: &str, date: &str, attendance: Map| {
            let date = when(date)?;
            let mut rows = Vec::new();
            for (k, v) in attendance {
                match v.into_string() {
                    Ok(s) => rows.push((k.to_string(), s)),
                    Err(t) => return err(format!("the attendance of `{k}` must be a string such as \"present\", not `{t}`")),
                }
            }
            g.edit(|p| p.hold_meeting(grp, date, &rows))
        })
        .register_fn("fill", |g: &mut Draft, id: &str, field: &str, text: &str| g.edit(|p| p.set_text(id, field, text)))
        .register_fn("complete", |g: &mut Draft, action: &str, date: &str| {
            let date = when(date)?;
            g.edit(|p| p.complete_action(action, date))
        })
        .register_fn("remove", |g: &mut Draft, id: &str| g.edit(|p| p.remove(id)))
        .register_fn("confirm_kind", |g: &mut Draft, grp: &str| g.edit(|p| p.confirm_kind(grp)))
        .register_fn("declare_complete", |g: &mut Draft, list: &str, of: &str| {
            g.edit(|p| p.declare_complete(list, of))
        })
        .register_fn("waive", |g: &mut Draft, w: Map| {
            let field = |k: &str| -> Res<String> {
                match w.get(k).map(|v| v.clone().into_string()) {
                    Some(Ok(s)) => Ok(s),
                    _ => err(format!("a waiver needs `{k}` as a string: #{{ rule, subject, reason, approved_by, minute, expires }}")),
                }
            };
            let waiver = scrutineer_graph::model::Waiver {
                rule: field("rule")?,
                subject: field("subject")?,
                reason: field("reason")?,
                approved_by: field("approved_by")?,
                minute: field("minute")?,
                approved: match w.get("approved") {
                    Some(v) => Some(when(&v.to_string())?),
                    None => None,
                },
                expires: when(&field("expires")?)?,
                evidence: Vec::new(),
            };
            g.edit(|p| p.waive(waiver))
        })
        .register_fn("organisations_of_kind", |g: &mut Draft, kind: &str| {
            g.read(|p| -> Array {
                p.organisations.iter().filter(|o| o.kind.as_str() == kind).map(|o| Dynamic::from(o.id.clone())).collect()
            })
        })
        .register_fn("members_of", |g: &mut Draft, grp: &str| {
            g.read(|p| -> Array {
                let mut ids: Vec<String> = p.memberships.iter().filter(|m| m.group == grp).map(|m| m.member.clone()).collect();
                ids.dedup();
                ids.into_iter().map(Dynamic::from).collect()
            })
        });
}

/// A compiled scenario script.
pub struct Scenario {
    pub file: PathBuf,
    pub title: String,
    /// The scenario's own date, used when none is given on the command line.
    pub as_of: Option<Date>,
    /// Promised changes, as `RULE-ID/subject`, checked by tests.
    pub expect_new: Option<Vec<String>>,
    pub expect_resolved: Option<Vec<String>>,
    pub expect_settled: Option<Vec<String>>,
    /// The `//!` documentation.
    pub docs: String,
    sweep: bool,
    /// The line of `fn variants`, for errors about what it returns.
    variants_line: Option<usize>,
    ast: AST,
    engine: Engine,
    limits: Limits,
}

/// One edited copy of the partnership.
pub struct Variant {
    pub name: String,
    pub graph: Arc<Graph>,
}

fn error(file: &Path, pos: Position, message: String) -> RuleError {
    RuleError {
        rule: file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
        file: file.display().to_string(),
        line: pos.line().map(|n| n as u32),
        column: pos.position().map(|n| n as u32),
        partnership: None,
        message,
    }
}

impl Scenario {
    /// Compiles a scenario file and reads its constants.
    pub fn load(path: &Path, limits: Limits) -> Result<Scenario, RuleError> {
        let text = scrutineer_graph::read_text(path, crate::rule::MAX_SCRIPT_BYTES)
            .map_err(|e| error(path, Position::NONE, e.to_string()))?;
        Scenario::compile(path, &text, limits)
    }

    /// Compiles a scenario from its text; `path` names it in messages.
    pub fn compile(path: &Path, text: &str, limits: Limits) -> Result<Scenario, RuleError> {
        let mut engine = build_engine(&limits);
        register(&mut engine);
        let ast = engine.compile(text).map_err(|e| {
            error(
                path,
                e.position(),
                format!("syntax error: {}", crate::eval::describe_parse(&e.0)),
            )
        })?;
        let constants: BTreeMap<String, Dynamic> = ast
            .iter_literal_variables(true, false)
            .map(|(n, _, v)| (n.to_string(), v))
            .collect();
        let string = |name: &str| {
            constants
                .get(name)
                .and_then(|v| v.clone().into_string().ok())
        };
        let list = |name: &str| -> Option<Vec<String>> {
            constants
                .get(name)
                .and_then(|v| v.clone().into_array().ok())
                .map(|a| a.into_iter().filter_map(|x| x.into_string().ok()).collect())
        };
        let as_of = match string("AS_OF") {
            Some(s) => Some(
                s.parse::<Date>()
                    .map_err(|e| error(path, Position::NONE, format!("`AS_OF`: {e}")))?,
            ),
            None => None,
        };
        let sweep = ast
            .iter_functions()
            .any(|f| f.name == "variants" && f.params.is_empty());
        let arity = if sweep { 2 } else { 1 };
        if !ast
            .iter_functions()
            .any(|f| f.name == "scenario" && f.params.len() == arity)
        {
            let want = if sweep {
                "fn scenario(g, variant)"
            } else {
                "fn scenario(g)"
            };
            return Err(error(
                path,
                Position::new(1, 1),
                format!("a scenario must define `{want} {{ ... }}`"),
            ));
        }
        Ok(Scenario {
            file: path.to_path_buf(),
            title: string("TITLE").unwrap_or_else(|| {
                path.file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default()
            }),
            as_of,
            expect_new: list("EXPECT_NEW"),
            expect_resolved: list("EXPECT_RESOLVED"),
            expect_settled: list("EXPECT_SETTLED"),
            docs: parse_docs(text).text,
            sweep,
            variants_line: text
                .lines()
                .position(|l| l.trim_start().starts_with("fn variants"))
                .map(|i| i + 1),
            ast,
            engine,
            limits,
        })
    }

    /// Whether the scenario declares variants.
    pub fn is_sweep(&self) -> bool {
        self.sweep
    }

    /// Runs the scenario on copies of `base` and returns the edited graphs, one per variant.
    ///
    /// The whole scenario, every variant included, runs within one time and memory budget
    /// ([`Limits::max_seconds`], [`Limits::max_memory_mb`]) on a sandbox thread.
    pub fn run(&self, base: &Graph) -> Result<Vec<Variant>, RuleError> {
        crate::sandbox::install(|| self.run_here(base))
    }

    fn run_here(&self, base: &Graph) -> Result<Vec<Variant>, RuleError> {
        let (variants, failure) = Budget::run(&self.limits, || self.execute(&self.engine, base));
        let Some(e) = failure else {
            return Ok(variants);
        };
        let message = match &*e {
            EvalAltResult::ErrorRuntime(v, _) => v.to_string(),
            other => crate::eval::describe_runtime(other, &self.limits),
        };
        let mut pos = e.position();
        if (pos.is_none() && !matches!(&*e, EvalAltResult::ErrorRuntime(..)))
            || crate::sandbox::is_limit_error(&e)
        {
            // A limit error has no position; run again watching each step (see sandbox),
            // within a budget of its own.
            let mut engine = build_engine(&self.limits);
            register(&mut engine);
            pos = Budget::run(&Budget::for_locating(&self.limits, &e), || {
                crate::sandbox::locate_last_step(engine, |engine| {
                    let _ = self.execute(engine, base);
                })
            });
        }
        let mut err = error(&self.file, pos, message);
        err.partnership = Some(base.data.id.clone());
        Err(err)
    }

    /// Calls `variants` (for a sweep) and `scenario` for each, on fresh copies of `base`,
    /// stopping at the first error.
    fn execute(&self, engine: &Engine, base: &Graph) -> (Vec<Variant>, Option<Box<EvalAltResult>>) {
        let options = || CallFnOptions::new().eval_ast(false);
        let items: Vec<Dynamic> = if self.sweep {
            match engine.call_fn_with_options::<Dynamic>(
                options(),
                &mut Scope::new(),
                &self.ast,
                "variants",
                (),
            ) {
                Ok(v) => match v.into_array() {
                    Ok(a) if a.len() > self.limits.max_variants => {
                        let message = format!(
                            "`variants` returned {} variants, more than the limit of {}",
                            a.len(),
                            self.limits.max_variants
                        );
                        let at = self
                            .variants_line
                            .map(|l| Position::new(l as u16, 1))
                            .unwrap_or(Position::NONE);
                        return (Vec::new(), Some(crate::sandbox::stopped(message, at)));
                    }
                    Ok(a) => a,
                    Err(t) => {
                        let message = format!("`variants` must return an array, not `{t}`");
                        let at = self
                            .variants_line
                            .map(|l| Position::new(l as u16, 1))
                            .unwrap_or(Position::NONE);
                        return (
                            Vec::new(),
                            Some(Box::new(EvalAltResult::ErrorRuntime(message.into(), at))),
                        );
                    }
                },
                Err(e) => return (Vec::new(), Some(e)),
            }
        } else {
            vec![Dynamic::UNIT]
        };
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.into_iter().enumerate() {
            let draft = Draft {
                data: Arc::new(Mutex::new(base.data.clone())),
                edits: Arc::default(),
                max_edits: self.limits.max_edits,
            };
            let name = if !self.sweep {
                "scenario".to_string()
            } else if let Some(map) = item.read_lock::<Map>() {
                map.get("name")
                    .map(|n| n.to_string())
                    .unwrap_or_else(|| format!("variant {}", i + 1))
            } else {
                item.to_string()
            };
            let result: Result<Dynamic, _> = if self.sweep {
                engine.call_fn_with_options(
                    options(),
                    &mut Scope::new(),
                    &self.ast,
                    "scenario",
                    (draft.clone(), item),
                )
            } else {
                engine.call_fn_with_options(
                    options(),
                    &mut Scope::new(),
                    &self.ast,
                    "scenario",
                    (draft.clone(),),
                )
            };
            if let Err(e) = result {
                return (out, Some(e));
            }
            let Ok(data) = draft.data.lock().map(|d| d.clone()) else {
                let message = "the scenario failed part way".to_string();
                return (
                    out,
                    Some(Box::new(EvalAltResult::ErrorRuntime(
                        message.into(),
                        Position::NONE,
                    ))),
                );
            };
            out.push(Variant {
                name,
                graph: Arc::new(Graph::build(&base.file, data)),
            });
        }
        (out, None)
    }
}

/// How the results changed from before a scenario to after it.
#[derive(Debug, Default)]
pub struct Diff<'a> {
    /// Failures the scenario brings (as found after it).
    pub new: Vec<&'a Finding>,
    /// Failures it clears (as found before it).
    pub resolved: Vec<&'a Finding>,
    /// Unknowns it settles (as found after it: now a pass or a failure).
    pub settled: Vec<&'a Finding>,
}

/// The "before" side of a comparison, indexed once and reused for every variant of a sweep.
pub struct Before<'a> {
    findings: &'a [Finding],
    failed: HashSet<(&'a str, &'a str, &'a str)>,
    unknown: HashSet<(&'a str, &'a str, &'a str)>,
    /// Each (rule, partnership) with an unknown, and every (rule, partnership, subject) judged.
    unknown_rules: HashSet<(&'a str, &'a str)>,
    judged: HashSet<(&'a str, &'a str, &'a str)>,
}

/// Each (rule, partnership) that could not tell something, counting the rules a finding stands
/// for as well as its own (one finding per fact).
fn unknown_rules(findings: &[Finding]) -> HashSet<(&str, &str)> {
    findings
        .iter()
        .filter(|f| f.outcome == Outcome::Unknown)
        .flat_map(|f| {
            std::iter::once(f.rule.as_str())
                .chain(f.also.iter().map(|a| a.rule.as_str()))
                .map(move |r| (r, f.partnership.as_str()))
        })
        .collect()
}

fn key(f: &Finding) -> (&str, &str, &str) {
    (f.rule.as_str(), f.partnership.as_str(), f.subject.as_str())
}

impl<'a> Before<'a> {
    /// Indexes the results before the scenario.
    pub fn new(findings: &'a [Finding]) -> Before<'a> {
        let with = |o: Outcome| {
            findings
                .iter()
                .filter(|f| f.outcome == o)
                .map(key)
                .collect()
        };
        Before {
            findings,
            failed: with(Outcome::Fail),
            unknown: with(Outcome::Unknown),
            unknown_rules: unknown_rules(findings),
            judged: findings
                .iter()
                .filter(|f| matches!(f.outcome, Outcome::Pass | Outcome::Fail))
                .map(key)
                .collect(),
        }
    }

    /// Compares the results after a scenario with these, by rule, partnership and subject.
    pub fn diff<'b>(&self, after: &'b [Finding]) -> Diff<'b>
    where
        'a: 'b,
    {
        let failed_after: HashSet<_> = after
            .iter()
            .filter(|f| f.outcome == Outcome::Fail)
            .map(key)
            .collect();
        let unknown_after: HashSet<_> = after
            .iter()
            .filter(|f| f.outcome == Outcome::Unknown)
            .map(key)
            .collect();
        let unknown_rules_after = unknown_rules(after);
        // Settled: the same subject, unknown before and judged after; or a rule that could not
        // tell before and now judges everything it looks at, about a subject it has just found
        // (a plan the scenario adds, say).
        let settles = |f: &Finding| {
            let rule = (f.rule.as_str(), f.partnership.as_str());
            (self.unknown.contains(&key(f)) && !unknown_after.contains(&key(f)))
                || (self.unknown_rules.contains(&rule)
                    && !unknown_rules_after.contains(&rule)
                    && !self.judged.contains(&key(f)))
        };
        Diff {
            new: after
                .iter()
                .filter(|f| f.outcome == Outcome::Fail && !self.failed.contains(&key(f)))
                .collect(),
            resolved: self
                .findings
                .iter()
                .filter(|f| f.outcome == Outcome::Fail && !failed_after.contains(&key(f)))
                .collect(),
            settled: after
                .iter()
                .filter(|f| matches!(f.outcome, Outcome::Pass | Outcome::Fail) && settles(f))
                .collect(),
        }
    }
}

/// Compares two result sets by rule, partnership and subject.
pub fn diff<'a>(before: &'a [Finding], after: &'a [Finding]) -> Diff<'a> {
    Before::new(before).diff(after)
}
