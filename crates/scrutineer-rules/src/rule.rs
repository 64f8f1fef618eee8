//! A rule file: its metadata (top-level constants, read without running the script), its
//! documentation (`//!` lines under fixed headings) and its compiled script.

use std::path::{Path, PathBuf};

use rhai::{AST, Dynamic, Engine};
use scrutineer_graph::Date;
use scrutineer_graph::model::{Nation, Place};

use crate::law::{self, Provision};
use crate::outcome::{RuleError, Severity};

/// A value that may differ between England and Wales (in-force dates often do).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ByNation<T> {
    pub england: Option<T>,
    pub wales: Option<T>,
}

impl<T> Default for ByNation<T> {
    fn default() -> Self {
        ByNation {
            england: None,
            wales: None,
        }
    }
}

impl<T: Copy> ByNation<T> {
    /// The value for `nation`.
    pub fn get(&self, nation: Nation) -> Option<T> {
        match nation {
            Nation::England => self.england,
            Nation::Wales => self.wales,
        }
    }
}

/// The documentation of a rule, from its `//!` lines.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RuleDocs {
    /// The whole text, as `scrutineer explain` prints it.
    pub text: String,
    pub what_it_does: Option<String>,
    pub why_it_matters: Option<String>,
    pub example: Option<String>,
}

/// One rule of the pack.
#[derive(Clone, Debug)]
pub struct Rule {
    pub id: String,
    pub title: String,
    pub severity: Severity,
    pub basis: String,
    pub url: String,
    pub ask: String,
    pub in_force_from: ByNation<Date>,
    pub in_force_to: ByNation<Date>,
    pub nations: Vec<Nation>,
    /// The law table's entry the rule rests on (`const LAW`), which sets its dates, nations and
    /// the places it does not apply in.
    pub law: Option<&'static Provision>,
    /// Places where the rule does not apply (from its law entry).
    pub except: Vec<Place>,
    pub docs: RuleDocs,
    /// The file, as found under the rules folder.
    pub file: PathBuf,
    /// The folder it sits in (`statutory`, `governance`, ...).
    pub area: String,
    /// The line of `fn check`, for errors about what it returns.
    pub check_line: Option<u32>,
    /// The days the rule's code names (see [`literal_dates`]).
    pub dates: Vec<Date>,
    /// The rule's text, as read (the built-in pack has no file to read again).
    pub source: String,
    pub(crate) ast: AST,
}

/// The constants every rule must define. `BASIS`, `URL` and `NATIONS` may be left out when
/// `LAW` names an entry of the law table, which gives them.
pub const REQUIRED: [&str; 7] = ["ID", "TITLE", "SEVERITY", "BASIS", "URL", "NATIONS", "ASK"];

/// The largest rule or scenario file read, in bytes. The longest rule of the pack is about
/// 5 KB; a script two hundred times that is not a rule a person wrote.
pub const MAX_SCRIPT_BYTES: u64 = 1024 * 1024;

/// The longest a rule's text constant (`TITLE`, `ASK`, `BASIS`, ...) may be, in characters:
/// each is copied into every finding the rule reports, so its length multiplies.
pub const MAX_METADATA: usize = 4_000;

/// Whether `id` is a rule id: ASCII capital letters, digits and hyphens, starting with a
/// letter. ASCII only, so that an id with a Cyrillic `О` cannot pass for one with a Latin `O`.
fn is_rule_id(id: &str) -> bool {
    id.starts_with(|c: char| c.is_ascii_uppercase())
        && id
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-')
}

/// The headings every rule's documentation must have.
pub const DOC_HEADINGS: [&str; 3] = ["## What it does", "## Why it matters", "## Example"];

impl Rule {
    /// Compiles a rule file and reads its metadata. Errors name the file, line and column.
    pub fn load(engine: &Engine, path: &Path, area: &str) -> Result<Rule, RuleError> {
        // Read as every input is: a regular file only, within a size limit counted on the
        // bytes read (a pipe or `/dev/zero` named `x.rhai` is refused, not read).
        match scrutineer_graph::read_text(path, MAX_SCRIPT_BYTES) {
            Ok(text) => Rule::from_text(engine, path, area, text),
            Err(e) => Err(RuleError {
                rule: path
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                file: path.display().to_string(),
                line: None,
                column: None,
                partnership: None,
                message: e.to_string(),
            }),
        }
    }

    /// Compiles a rule from its text, named by `path` in messages.
    pub fn from_text(
        engine: &Engine,
        path: &Path,
        area: &str,
        text: String,
    ) -> Result<Rule, RuleError> {
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let file = path.display().to_string();
        let error = |line: Option<u32>, column: Option<u32>, message: String| RuleError {
            rule: stem.clone(),
            file: file.clone(),
            line,
            column,
            partnership: None,
            message,
        };
        let ast = engine.compile(&text).map_err(|e| {
            let pos = e.position();
            error(
                pos.line().map(|n| n as u32),
                pos.position().map(|n| n as u32),
                format!("syntax error: {}", crate::eval::describe_parse(&e.0)),
            )
        })?;

        // Constants are read from the AST without running anything.
        let constants: Vec<(String, Dynamic)> = ast
            .iter_literal_variables(true, false)
            .map(|(name, _, value)| (name.to_string(), value))
            .collect();
        let at = |name: &str| -> (Option<u32>, Option<u32>) {
            text.lines()
                .position(|l| l.trim_start().starts_with(&format!("const {name}")))
                .map(|i| (Some(i as u32 + 1), Some(1)))
                .unwrap_or((None, None))
        };
        let get = |name: &str| {
            constants
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.clone())
        };
        let string = |name: &str| -> Result<String, RuleError> {
            match get(name) {
                Some(v) if v.is_string() && v.to_string().chars().count() > MAX_METADATA => {
                    let (l, c) = at(name);
                    Err(error(
                        l,
                        c,
                        format!(
                            "`{name}` is {} characters long; at most {MAX_METADATA}: it is printed with every finding",
                            v.to_string().chars().count()
                        ),
                    ))
                }
                Some(v) if v.is_string() => Ok(v.into_string().unwrap_or_default()),
                Some(v) => {
                    let (l, c) = at(name);
                    Err(error(
                        l,
                        c,
                        format!("`{name}` must be a string, not `{}`", v.type_name()),
                    ))
                }
                None => Err(error(
                    Some(1),
                    Some(1),
                    format!("missing `const {name} = \"...\";`"),
                )),
            }
        };
        let id = string("ID")?;
        if !is_rule_id(&id) {
            let (l, c) = at("ID");
            return Err(error(
                l,
                c,
                format!(
                    "`ID` `{}` must be capital letters, digits and hyphens (`CDA-S5-RA-POLICE`), so that two ids that look alike are alike",
                    id.escape_debug()
                ),
            ));
        }
        let severity_text = string("SEVERITY")?;
        let severity = severity_text.parse::<Severity>().map_err(|e| {
            let (l, c) = at("SEVERITY");
            error(l, c, e)
        })?;
        let date_by_nation = |name: &str| -> Result<ByNation<Date>, RuleError> {
            let Some(v) = get(name) else {
                return Ok(ByNation::default());
            };
            let bad = |msg: String| {
                let (l, c) = at(name);
                error(l, c, msg)
            };
            let parse = |s: &str| s.parse::<Date>().map_err(|e| bad(format!("`{name}`: {e}")));
            if v.is_string() {
                let d = parse(&v.into_string().unwrap_or_default())?;
                return Ok(ByNation {
                    england: Some(d),
                    wales: Some(d),
                });
            }
            if let Some(map) = v.read_lock::<rhai::Map>() {
                let mut out = ByNation::default();
                for (k, val) in map.iter() {
                    let s = val.clone().into_string().map_err(|t| {
                        bad(format!("`{name}.{k}` must be a date string, not `{t}`"))
                    })?;
                    match k.as_str() {
                        "England" => out.england = Some(parse(&s)?),
                        "Wales" => out.wales = Some(parse(&s)?),
                        other => {
                            return Err(bad(format!(
                                "`{name}` has unknown nation `{other}`; use `England` or `Wales`"
                            )));
                        }
                    }
                }
                return Ok(out);
            }
            Err(bad(format!(
                "`{name}` must be a date string or a map by nation, not `{}`",
                v.type_name()
            )))
        };
        let nations = || -> Result<Vec<Nation>, RuleError> {
            let Some(v) = get("NATIONS").filter(|v| v.is_array()) else {
                let (l, c) = at("NATIONS");
                return Err(error(
                    l.or(Some(1)),
                    c.or(Some(1)),
                    "missing `const NATIONS = [\"England\", \"Wales\"];` (or `const LAW = \"...\";`)"
                        .into(),
                ));
            };
            let mut out = Vec::new();
            for n in v.into_array().unwrap_or_default() {
                match n.into_string().as_deref() {
                    Ok("England") => out.push(Nation::England),
                    Ok("Wales") => out.push(Nation::Wales),
                    _ => {
                        let (l, c) = at("NATIONS");
                        return Err(error(
                            l,
                            c,
                            "`NATIONS` may hold only \"England\" and \"Wales\"".into(),
                        ));
                    }
                }
            }
            Ok(out)
        };
        let law_entry = match get("LAW") {
            None => None,
            Some(v) => {
                let (l, c) = at("LAW");
                let name = v
                    .into_string()
                    .map_err(|t| error(l, c, format!("`LAW` must be a string, not `{t}`")))?;
                let entry = law::get(&name).ok_or_else(|| {
                    let names = law::LAW.iter().map(|p| p.name);
                    let hint = scrutineer_graph::diagnostics::did_you_mean(&name, names)
                        .map(|s| format!("; did you mean `{s}`?"))
                        .unwrap_or_else(|| "; `scrutineer law` lists the entries".into());
                    error(l, c, format!("no entry `{name}` in the law table{hint}"))
                })?;
                for clash in ["IN_FORCE_FROM", "IN_FORCE_TO", "NATIONS"] {
                    if get(clash).is_some() {
                        let (l, c) = at(clash);
                        return Err(error(
                            l,
                            c,
                            format!(
                                "`{clash}` comes from the law table's entry `{name}`; leave it out"
                            ),
                        ));
                    }
                }
                Some(entry)
            }
        };
        let (in_force_from, in_force_to, nations) = match law_entry {
            Some(entry) => {
                let mut from = ByNation::default();
                let mut to = ByNation::default();
                let mut nations = Vec::new();
                if let Some(s) = entry.england {
                    nations.push(Nation::England);
                    from.england = Some(s.from);
                    to.england = s.to;
                }
                if let Some(s) = entry.wales {
                    nations.push(Nation::Wales);
                    from.wales = Some(s.from);
                    to.wales = s.to;
                }
                (from, to, nations)
            }
            None => (
                date_by_nation("IN_FORCE_FROM")?,
                date_by_nation("IN_FORCE_TO")?,
                nations()?,
            ),
        };
        let text_or_law = |name: &str, from_law: Option<&str>| -> Result<String, RuleError> {
            match (get(name), from_law) {
                (None, Some(v)) => Ok(v.to_string()),
                _ => string(name),
            }
        };
        let has_check = ast
            .iter_functions()
            .any(|f| f.name == "check" && f.params.len() == 1);
        if !has_check {
            return Err(error(
                Some(1),
                Some(1),
                "a rule must define `fn check(p) { ... }`".into(),
            ));
        }
        Ok(Rule {
            id,
            title: string("TITLE")?,
            severity,
            basis: text_or_law("BASIS", law_entry.map(|e| e.citation))?,
            url: text_or_law("URL", law_entry.map(|e| e.url))?,
            ask: string("ASK")?,
            in_force_from,
            in_force_to,
            nations,
            except: law_entry.map(|e| e.except.to_vec()).unwrap_or_default(),
            law: law_entry,
            docs: parse_docs(&text),
            file: path.to_path_buf(),
            area: area.to_string(),
            check_line: text
                .lines()
                .position(|l| l.trim_start().starts_with("fn check"))
                .map(|i| i as u32 + 1),
            dates: literal_dates(&text),
            ast,
            source: text,
        })
    }
}

impl Rule {
    /// The question for members, in the words of the partnership's place: `{policing_body}` in
    /// an `ASK` becomes the police and crime commissioner, in London the Mayor's Office for
    /// Policing and Crime, in the City of London the Common Council.
    pub fn ask_in(&self, place: Option<Place>) -> String {
        let body = match place {
            Some(Place::London) => "the Mayor's Office for Policing and Crime",
            Some(Place::CityOfLondon) => "the Common Council",
            None => "the police and crime commissioner",
        };
        self.ask.replace("{policing_body}", body)
    }

    /// The question for members, for a reader with no particular place in mind.
    pub fn ask_anywhere(&self) -> String {
        self.ask.replace(
            "{policing_body}",
            "the police and crime commissioner (in London, the Mayor's Office for Policing and Crime)",
        )
    }
}

/// The days a rule names in its code (`date("2024-01-31")`): deadlines and commencements on
/// which its outcome can change, for the exact timeline.
fn literal_dates(text: &str) -> Vec<Date> {
    let mut out: Vec<Date> = text
        .split("date(\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter_map(|s| s.parse::<scrutineer_graph::When>().ok())
        .flat_map(|w| [w.earliest(), w.latest()])
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Reads the `//!` lines at the top of a rule file.
pub fn parse_docs(text: &str) -> RuleDocs {
    let lines: Vec<&str> = text
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("//!"))
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect();
    let full = lines.join("\n").trim().to_string();
    let section = |heading: &str| -> Option<String> {
        let start = lines.iter().position(|l| l.trim() == heading)? + 1;
        let end = lines[start..]
            .iter()
            .position(|l| l.starts_with("## "))
            .map(|e| start + e)
            .unwrap_or(lines.len());
        let body = lines[start..end].join("\n").trim().to_string();
        (!body.is_empty()).then_some(body)
    };
    RuleDocs {
        what_it_does: section(DOC_HEADINGS[0]),
        why_it_matters: section(DOC_HEADINGS[1]),
        example: section(DOC_HEADINGS[2]),
        text: full,
    }
}
