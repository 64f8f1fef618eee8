//! `scrutineer law`: the law table the rules rest on, as text or JSON.

use std::collections::BTreeMap;

use scrutineer_graph::Date;
use scrutineer_graph::model::{Nation, Place};
use scrutineer_rules::Rule;
use scrutineer_rules::law::{LAW, Provision, Span};
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
    let users = users(&set.rules);
    print(&match args.format {
        ListFormat::Text => text(&users),
        ListFormat::Json => json(&users),
    });
    if set.errors.is_empty() { OK } else { BROKEN }
}

/// For each provision, the rules that rest on it: by `const LAW`, or by naming it in their code
/// (`p.severity_under("...")`, `p.law_from("...")` and the like).
fn users(rules: &[Rule]) -> BTreeMap<&'static str, Vec<String>> {
    let mut out: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
    for r in rules {
        let text = &r.source;
        for p in LAW.iter() {
            let named = r.law.is_some_and(|l| l.name == p.name)
                || text.contains(&format!("\"{}\"", p.name));
            if named {
                out.entry(p.name).or_default().push(r.id.clone());
            }
        }
    }
    out
}

/// One entry of the text output, wrapped like the rest of scrutineer's text.
fn wrap(out: &mut String, text: &str, indent: &str) {
    scrutineer_report::wrap_into(out, text, indent, scrutineer_report::WIDTH);
}

fn span_words(s: Span) -> String {
    match s.to {
        Some(t) => format!("{} to {}", s.from.long(), t.long()),
        None => format!("from {}", s.from.long()),
    }
}

/// Where and when it is in force, in words: "England from 1 June 2011; Wales from 5 December
/// 2011 (words not read)".
fn where_words(p: &Provision) -> String {
    let mut parts = Vec::new();
    for (nation, name, span) in [
        (Nation::England, "England", p.england),
        (Nation::Wales, "Wales", p.wales),
    ] {
        if let Some(s) = span {
            let unread = if p.verified_in(nation) {
                ""
            } else {
                " (words not read there)"
            };
            parts.push(format!("{name} {}{unread}", span_words(s)));
        }
    }
    if let Some(s) = p.london {
        parts.push(format!("London {}", span_words(s)));
    }
    if parts.is_empty() {
        parts.push("not in force anywhere the pack covers".into());
    }
    let mut out = parts.join("; ");
    for place in p.except {
        out.push_str(&format!("; not in {}", place_words(*place)));
    }
    out
}

fn place_words(p: Place) -> &'static str {
    match p {
        Place::London => "London",
        Place::CityOfLondon => "the City of London",
    }
}

fn text(users: &BTreeMap<&'static str, Vec<String>>) -> String {
    let mut out = String::new();
    for p in LAW.iter() {
        out.push_str(&format!("{}  ({})\n", p.name, p.status.as_str()));
        for (line, value) in [
            ("", p.what.to_string()),
            ("", p.citation.to_string()),
            ("in force: ", where_words(p)),
        ] {
            wrap(&mut out, &format!("{line}{value}"), "  ");
        }
        for (name, day) in p.dates {
            let day: Date = day.parse().expect("valid");
            out.push_str(&format!("  {}: {}\n", name.replace('_', " "), day.long()));
        }
        if !p.quote.is_empty() && !p.quote.starts_with('(') {
            wrap(&mut out, &format!("words read: “{}”", p.quote), "  ");
        }
        out.push_str(&format!("  <{}>\n", p.url));
        match users.get(p.name) {
            Some(ids) => wrap(&mut out, &format!("rules: {}", ids.join(", ")), "  "),
            None => out.push_str("  rules: none\n"),
        }
        out.push('\n');
    }
    let read = LAW
        .iter()
        .filter(|p| p.status == scrutineer_rules::law::Status::Verified)
        .count();
    out.push_str(&format!(
        "{} provisions; the words of {read} were read. A violation rests only on those, on the days and in the places they are in force.\n",
        LAW.len()
    ));
    out
}

fn json(users: &BTreeMap<&'static str, Vec<String>>) -> String {
    let span =
        |s: Option<Span>| s.map(|s| json!({ "from": s.from.iso(), "to": s.to.map(|t| t.iso()) }));
    let provisions: Vec<_> = LAW
        .iter()
        .map(|p| {
            json!({
                "name": p.name,
                "what": p.what,
                "citation": p.citation,
                "url": p.url,
                "status": p.status.as_str(),
                "in_force": { "England": span(p.england), "Wales": span(p.wales), "London": span(p.london) },
                "verified_in": {
                    "England": p.england.is_some() && p.verified_in(Nation::England),
                    "Wales": p.wales.is_some() && p.verified_in(Nation::Wales),
                },
                "except": p.except.iter().map(|x| place_words(*x)).collect::<Vec<_>>(),
                "dates": p.dates.iter().map(|(n, d)| (n.to_string(), d.to_string())).collect::<BTreeMap<_, _>>(),
                "quote": p.quote,
                "rules": users.get(p.name).cloned().unwrap_or_default(),
            })
        })
        .collect();
    // Every date the pack uses, in order: each day a provision starts or ends, and each other
    // day it names.
    let mut dates: Vec<(Date, serde_json::Value)> = Vec::new();
    for p in LAW.iter() {
        let mut push = |day: Date, what: String| {
            dates.push((
                day,
                json!({ "date": day.iso(), "what": what, "provision": p.name, "citation": p.citation, "status": p.status.as_str() }),
            ));
        };
        for (place, s) in [
            ("England", p.england),
            ("Wales", p.wales),
            ("London", p.london),
        ] {
            if let Some(s) = s {
                push(s.from, format!("in force in {place} from"));
                if let Some(t) = s.to {
                    push(t, format!("in force in {place} to"));
                }
            }
        }
        for (name, day) in p.dates {
            push(day.parse().expect("valid"), name.replace('_', " "));
        }
    }
    dates.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| a.1["provision"].as_str().cmp(&b.1["provision"].as_str()))
    });
    let v = json!({
        "provisions": provisions,
        "dates": dates.into_iter().map(|(_, v)| v).collect::<Vec<_>>(),
    });
    let mut s = serde_json::to_string_pretty(&v).expect("plain data always serialises");
    s.push('\n');
    s
}
