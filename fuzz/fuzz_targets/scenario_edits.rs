//! What-if scenarios made of real edits: each input becomes a script of up to 24 calls of the
//! edit API (`join`, `leave`, `set_participation`, `slip`, `approve`, `remove`, `waive`, ...)
//! on Welwyn Hatfield's own ids, with dates and month counts from the input (the edges of i64
//! included), sometimes as a sweep. The script runs in the sandbox, every variant is evaluated
//! by the whole pack. An error is fine; a panic or a hang is not.
#![no_main]

use std::path::Path;
use std::sync::{Arc, OnceLock};

use libfuzzer_sys::fuzz_target;
use scrutineer_graph::{Date, Graph, load_file};
use scrutineer_rules::whatif::Scenario;
use scrutineer_rules::{Limits, RuleSet};

fn base() -> &'static Graph {
    static G: OnceLock<Graph> = OnceLock::new();
    G.get_or_init(|| {
        let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("../graphs/partnerships/welwyn-hatfield.ron");
        load_file(&file).graph.expect("the seed loads")
    })
}

fn rules() -> &'static RuleSet {
    static SET: OnceLock<RuleSet> = OnceLock::new();
    SET.get_or_init(|| RuleSet::load_builtin(Limits { max_operations: 200_000, ..Limits::default() }))
}

/// Ids from the partnership (and a few that are not in it), so that most edits reach a record.
const IDS: &[&str] = &[
    "rag", "osc", "probation", "whbc", "welwyn-hatfield", "plan-2019-22", "action-plan-2021-22",
    "strategic-needs-assessment", "csp-annual-report", "da-coordinator", "domestic-abuse",
    "covid-recovery", "bianca-moreira", "community-partnerships-manager", "rag-2021-06-08",
    "review-2021-03", "nobody", "", "RAG", "pr\u{43e}bation",
];
const FIELDS: &[&str] = &["approved", "period_from", "period_to", "published", "due", "title", "owner", "x"];
const STATUSES: &[&str] = &["participating", "not_participating", "vacant", "declined", "maybe"];
const KINDS: &[&str] = &["PartnershipPlan", "StrategicAssessment", "TermsOfReference", "Nothing"];
const LISTS: &[&str] = &["Revisions", "Documents", "Memberships", "Meetings", "Attendance", "Nope"];
const DATES: &[&str] = &["2022-09", "2022-09-30", "2021", "2021-10/2022-08", "2022-07/", "/2024-05", "0001-01-01", "9999-12-31", "2022-02-30", "soon"];

struct Bytes<'a>(&'a [u8]);

impl Bytes<'_> {
    fn byte(&mut self) -> Option<u8> {
        let (b, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(*b)
    }
    fn pick<'t>(&mut self, from: &[&'t str]) -> Option<&'t str> {
        Some(from[usize::from(self.byte()?) % from.len()])
    }
    fn number(&mut self) -> Option<i64> {
        Some(match self.byte()? % 6 {
            0 => i64::MAX,
            1 => i64::MIN,
            2 => 120_000,
            _ => i64::from(self.byte()? as i8),
        })
    }
}

fn edit(b: &mut Bytes) -> Option<String> {
    let id = |b: &mut Bytes| b.pick(IDS);
    let date = |b: &mut Bytes| b.pick(DATES);
    Some(match b.byte()? % 17 {
        0 => format!("g.join(\"{}\", \"{}\", \"{}\");", id(b)?, id(b)?, date(b)?),
        1 => format!("g.leave(\"{}\", \"{}\", \"{}\");", id(b)?, id(b)?, date(b)?),
        2 => format!("g.set_participation(\"{}\", \"{}\", \"{}\", \"{}\");", id(b)?, id(b)?, b.pick(STATUSES)?, date(b)?),
        3 => format!("g.set_date(\"{}\", \"{}\", \"{}\");", id(b)?, b.pick(FIELDS)?, date(b)?),
        4 => format!("g.slip(\"{}\", \"{}\", {});", id(b)?, b.pick(FIELDS)?, b.number()?),
        5 => format!("g.approve(\"{}\", \"{}\");", id(b)?, date(b)?),
        6 => format!("g.revise(\"{}\", \"{}\", \"a note\");", id(b)?, date(b)?),
        7 => format!("g.add_document(\"{}\", \"{}\", \"A title\");", id(b)?, b.pick(KINDS)?),
        8 => format!("g.end_funding(\"{}\", \"{}\");", id(b)?, date(b)?),
        9 => format!("g.stop_meeting(\"{}\", \"{}\");", id(b)?, date(b)?),
        10 => format!("g.hold_meeting(\"{}\", \"{}\", #{{ \"{}\": \"{}\" }});", id(b)?, date(b)?, id(b)?, b.pick(&["present", "apologies", "absent", "sent sub"])?),
        11 => format!("g.fill(\"{}\", \"{}\", \"someone\");", id(b)?, b.pick(FIELDS)?),
        12 => format!("g.complete(\"{}\", \"{}\");", id(b)?, date(b)?),
        13 => format!("g.remove(\"{}\");", id(b)?),
        14 => format!("g.confirm_kind(\"{}\");", id(b)?),
        15 => format!("g.declare_complete(\"{}\", \"{}\");", b.pick(LISTS)?, id(b)?),
        _ => format!(
            "g.waive(#{{ rule: \"CDA-S5-RA-PROBATION\", subject: \"{}\", reason: \"r\", approved_by: \"c\", minute: \"m\", expires: \"{}\" }});",
            id(b)?,
            date(b)?
        ),
    })
}

fuzz_target!(|data: &[u8]| {
    let mut b = Bytes(data);
    let Some(shape) = b.byte() else { return };
    let mut edits = Vec::new();
    while let Some(e) = edit(&mut b) {
        edits.push(format!("    {e}"));
        if edits.len() == 24 {
            break;
        }
    }
    let sweep = shape % 3 == 0;
    let script = if sweep {
        format!("fn variants() {{ [1, 2, 3] }}\nfn scenario(g, v) {{\n{}\n}}\n", edits.join("\n"))
    } else {
        format!("fn scenario(g) {{\n{}\n}}\n", edits.join("\n"))
    };
    let limits = Limits { max_operations: 50_000, ..Limits::default() };
    let Ok(scenario) = Scenario::compile(Path::new("edits.rhai"), &script, limits) else { return };
    let Ok(variants) = scenario.run(base()) else { return };
    let day = Date::from_ymd(2022, 10, 1).unwrap();
    for v in &variants {
        // An edited copy is a partnership like any other: the whole pack must evaluate it.
        let _ = rules().evaluate(&[Arc::clone(&v.graph)], day, None);
    }
});
