//! `scrutineer rules`: the pack, grouped by area, or as JSON.

use std::collections::BTreeMap;

use scrutineer_graph::model::Nation;
use scrutineer_rules::Rule;
use serde_json::json;

use super::{BROKEN, OK};
use crate::cli::{ListFormat, RulesArgs};
use crate::output::{eprint, print};

pub fn run(args: RulesArgs) -> u8 {
    let set = match super::load_rule_pack(&args.pack) {
        Ok(s) => s,
        Err(code) => return code,
    };
    for e in &set.errors {
        eprint(&format!("error: {e}\n"));
    }
    print(&match args.format {
        ListFormat::Text => text(&set.rules),
        ListFormat::Json => json(&set.rules),
    });
    if set.errors.is_empty() { OK } else { BROKEN }
}

fn text(rules: &[Rule]) -> String {
    let mut by_area: BTreeMap<&str, Vec<&Rule>> = BTreeMap::new();
    for r in rules {
        by_area.entry(r.area.as_str()).or_default().push(r);
    }
    let mut out = String::new();
    for (area, rs) in &by_area {
        out.push_str(&format!("{area} ({})\n", rs.len()));
        for r in rs {
            out.push_str(&format!(
                "  {:<34} {:<9} {}\n",
                r.id,
                r.severity.as_str(),
                r.title
            ));
        }
        out.push('\n');
    }
    out.push_str(&format!(
        "{} rules in {} areas\n",
        rules.len(),
        by_area.len()
    ));
    out
}

fn json(rules: &[Rule]) -> String {
    let nation = |n: &Nation| match n {
        Nation::England => "England",
        Nation::Wales => "Wales",
    };
    let dates = |b: &scrutineer_rules::rule::ByNation<scrutineer_graph::Date>| json!({ "England": b.england.map(|d| d.iso()), "Wales": b.wales.map(|d| d.iso()) });
    let list: Vec<_> = rules
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "title": r.title,
                "area": r.area,
                "severity": r.severity.as_str(),
                "basis": r.basis,
                "url": r.url,
                "in_force_from": dates(&r.in_force_from),
                "in_force_to": dates(&r.in_force_to),
                "nations": r.nations.iter().map(nation).collect::<Vec<_>>(),
                "ask": r.ask_anywhere(),
                "file": r.file.display().to_string(),
            })
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&list).expect("plain data");
    s.push('\n');
    s
}
