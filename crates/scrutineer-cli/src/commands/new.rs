//! `scrutineer new FILE --name ... --nation ... --tier ... --source ... --source-date ...`:
//! starts a partnership file from a few answers.
//!
//! It writes only what the answers say. Every other record is an example in the comment block at
//! the top of the file, to copy into the partnership and fill in from the papers: an example is
//! a comment until someone fills it in, so it can never be taken for a fact.

use scrutineer_graph::files::create_partnership;
use scrutineer_graph::format::canonical;
use scrutineer_graph::model::{Evidence, Nation, Partnership, Source, Tier};
use scrutineer_graph::{When, load_str};

use super::{BROKEN, OK};
use crate::cli::{NationArg, NewArgs, TierArg};
use crate::output::{eprint, print};

pub fn run(args: NewArgs) -> u8 {
    if args.file.exists() {
        eprint(&format!(
            "error: `{}` already exists; `new` never writes over a file\n  = help: choose another name, or edit the file you have\n",
            args.file.display()
        ));
        return BROKEN;
    }
    let date: When = match args.source_date.parse() {
        Ok(d) => d,
        Err(e) => {
            eprint(&format!("error: --source-date: {e}\n"));
            return BROKEN;
        }
    };
    if args.tier == TierArg::District && args.county.is_none() {
        eprint("error: a district partnership needs its county: add --county \"...\"\n");
        return BROKEN;
    }
    let p = partnership(&args, date);
    let text = format!("{}{}", header(&p), canonical(&p));
    // What `new` writes must load as it is: checked before anything is written.
    let loaded = load_str(&args.file, text.clone());
    if loaded.has_errors() {
        eprint(&loaded.render_diagnostics());
        return BROKEN;
    }
    // Never over a file, even one that appeared since the check above.
    if let Err(e) = create_partnership(&args.file, &text) {
        eprint(&format!("error: {e}\n"));
        return BROKEN;
    }
    print(&format!(
        "wrote {}: copy the examples at its top into the partnership as the papers support them, then `scrutineer validate {}`\n",
        args.file.display(),
        args.file.display()
    ));
    OK
}

/// A short id from the name: "Exampleshire Community Safety Partnership" is `exampleshire`.
fn slug(name: &str) -> String {
    let lower = name.to_lowercase();
    let trimmed = lower
        .trim_end_matches("community safety partnership")
        .trim_end_matches(" csp")
        .trim_end_matches("partnership")
        .trim();
    let base = if trimmed.is_empty() {
        lower.as_str()
    } else {
        trimmed
    };
    let mut out = String::new();
    for c in base.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "partnership".into()
    } else {
        out
    }
}

fn partnership(args: &NewArgs, date: When) -> Partnership {
    let source_id = "paper-1";
    let nation = match args.nation {
        NationArg::England => Nation::England,
        NationArg::Wales => Nation::Wales,
    };
    let tier = match args.tier {
        TierArg::District => Tier::District,
        TierArg::Unitary => Tier::Unitary,
        TierArg::Welsh => Tier::WelshPrincipalArea,
    };
    let mut p = Partnership::new(slug(&args.name), args.name.clone(), nation, tier);
    p.areas = args.areas.clone();
    p.county = args.county.clone();
    p.sources = vec![Source {
        id: source_id.into(),
        title: args.source.clone(),
        date: Some(date),
        url: args.source_url.clone(),
        note: None,
    }];
    p.evidence = vec![Evidence {
        source: source_id.into(),
        at: None,
        quote: None,
        note: None,
    }];
    p
}

/// The comment block at the top: what to do, and an example of each record to copy.
fn header(p: &Partnership) -> String {
    let source = &p.sources[0].id;
    let council = match p.tier {
        Tier::District => "DistrictCouncil",
        Tier::Unitary => "UnitaryCouncil",
        Tier::WelshPrincipalArea => "WelshCouncil",
    };
    let examples = [
        (
            "organisations",
            format!(
                r#"Organisation(id: "council", name: "... Council", kind: {council}, evidence: [Evidence(source: "{source}", at: "...")]),"#
            ),
        ),
        (
            "organisations",
            format!(
                r#"Organisation(id: "police", name: "... Police", kind: ChiefOfficerOfPolice, evidence: [Evidence(source: "{source}")]),"#
            ),
        ),
        (
            "people",
            format!(
                r#"Person(id: "cllr-smith", name: "Councillor A Smith", organisation: "council", evidence: [Evidence(source: "{source}")]),"#
            ),
        ),
        (
            "groups",
            format!(
                r#"Group(id: "board", name: "... Community Safety Partnership Board", kind: StrategyGroup, evidence: [Evidence(source: "{source}")]),"#
            ),
        ),
        (
            "groups",
            format!(
                r#"Group(id: "osc", name: "Overview and Scrutiny Committee", kind: CrimeAndDisorderCommittee, councils: ["council"], evidence: [Evidence(source: "{source}")]),"#
            ),
        ),
        (
            "memberships",
            format!(
                r#"Membership(member: "police", group: "board", evidence: [Evidence(source: "{source}", at: "attendance")]),"#
            ),
        ),
        (
            "meetings",
            format!(
                r#"Meeting(id: "board-2024-06-12", group: "board", date: "2024-06-12", attendance: [Attendance(member: "police", status: Present)], evidence: [Evidence(source: "{source}")]),"#
            ),
        ),
        (
            "documents",
            format!(
                r#"Document(id: "plan", title: "Community Safety Plan 2023-26", kind: PartnershipPlan, period_from: "2023-04", period_to: "2026-03", evidence: [Evidence(source: "{source}")]),"#
            ),
        ),
        (
            "scrutiny_reviews",
            format!(
                r#"ScrutinyReview(id: "review-2024", committee: "osc", date: "2024-06-12", topic: "the work of the partnership", evidence: [Evidence(source: "{source}")]),"#
            ),
        ),
        (
            "complete",
            format!(
                r#"Complete(list: Members, of: "board", evidence: [Evidence(source: "{source}", at: "the full membership list")]),"#
            ),
        ),
    ];
    let mut out = format!(
        "// {}: started with `scrutineer new`.\n//\n\
// Fill it in from the papers. Each example below goes in the list named before it (add the list\n\
// to the partnership if it is not there), changed to say what a paper says, citing the paper in\n\
// `evidence`. Leave out whatever the papers do not say: the checks then ask for it, and never\n\
// count it as missing. Add each further paper to `sources` with its date. `scrutineer explain\n\
// Meeting` (any record) and docs/format.md say what every field means; `scrutineer validate`\n\
// checks the file, every problem at once. Delete these examples when you are done.\n//\n",
        p.name
    );
    // One list at a time, its examples together.
    let mut i = 0;
    while i < examples.len() {
        let list = examples[i].0;
        out.push_str(&format!("// {list}: [\n"));
        while i < examples.len() && examples[i].0 == list {
            out.push_str(&format!("//     {}\n", examples[i].1));
            i += 1;
        }
        out.push_str("// ],\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::slug;

    #[test]
    fn ids_are_short_and_plain() {
        assert_eq!(
            slug("Exampleshire Community Safety Partnership"),
            "exampleshire"
        );
        assert_eq!(slug("Safer North Hampshire CSP"), "safer-north-hampshire");
        assert_eq!(
            slug("Bassetlaw, Newark & Sherwood"),
            "bassetlaw-newark-sherwood"
        );
    }
}
