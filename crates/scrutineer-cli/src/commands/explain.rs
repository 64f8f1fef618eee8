//! `scrutineer explain RULE-ID`: a rule's documentation, as `ruff rule` prints it; `scrutineer
//! explain Meeting`: a record of the file format; `scrutineer explain format`: all of them.

use super::{BROKEN, OK};
use crate::cli::ExplainArgs;
use crate::output::{eprint, print};

pub fn run(args: ExplainArgs) -> u8 {
    use scrutineer_graph::reference;
    // The file format: the whole reference, or one record or list of values.
    if args.rule == "format" {
        print(&reference::markdown());
        return OK;
    }
    if let Some(text) = reference::explain(&args.rule) {
        print(&text);
        return OK;
    }
    let set = match super::load_rule_pack(&args.pack) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let wanted = args.rule.to_uppercase();
    let Some(rule) = set.get(&wanted) else {
        let known: Vec<&str> = set
            .rules
            .iter()
            .map(|r| r.id.as_str())
            .chain(reference::names())
            .collect();
        let hint = scrutineer_graph::diagnostics::did_you_mean(&args.rule, known.iter().copied())
            .or_else(|| scrutineer_graph::diagnostics::did_you_mean(&wanted, known.iter().copied()))
            .map(|s| format!("\n  = help: did you mean `{s}`?"))
            .unwrap_or_else(|| {
                "\n  = help: `scrutineer rules` lists the rules; `scrutineer explain format` the records of a file".to_string()
            });
        eprint(&format!("error: no rule or record `{}`{hint}\n", args.rule));
        return BROKEN;
    };
    print(&explain(rule));
    OK
}

/// The text `explain` prints.
pub fn explain(rule: &scrutineer_rules::Rule) -> String {
    use scrutineer_graph::model::Nation;
    let mut out = format!("{}: {}\n\n", rule.id, rule.title);
    out.push_str(&format!("Severity:  {}\n", rule.severity));
    out.push_str(&format!("Law:       {}\n", rule.basis));
    out.push_str(&format!("Link:      {}\n", rule.url));
    let nations: Vec<&str> = rule
        .nations
        .iter()
        .map(|n| match n {
            Nation::England => "England",
            Nation::Wales => "Wales",
        })
        .collect();
    out.push_str(&format!("Applies:   {}\n", nations.join(" and ")));
    let dates = |by: &scrutineer_rules::rule::ByNation<scrutineer_graph::Date>| -> Option<String> {
        match (by.england, by.wales) {
            (None, None) => None,
            (e, w) if e == w => e.map(|d| d.long()),
            (e, w) => Some(
                [
                    e.map(|d| format!("{} (England)", d.long())),
                    w.map(|d| format!("{} (Wales)", d.long())),
                ]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", "),
            ),
        }
    };
    if let Some(from) = dates(&rule.in_force_from) {
        out.push_str(&format!("In force:  from {from}\n"));
    }
    if let Some(to) = dates(&rule.in_force_to) {
        out.push_str(&format!("Until:     {to}\n"));
    }
    out.push_str(&format!("Ask:       “{}”\n\n", rule.ask_anywhere()));
    out.push_str(&rule.docs.text);
    out.push('\n');
    out
}
