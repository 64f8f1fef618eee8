//! Turning the names officers write ("Hertfordshire Constabulary", "the Probation Service",
//! "Cllr Martins") into the ids of records the partnership already holds. A name that matches
//! nothing is a problem, never a new organisation: who is a responsible authority is a fact
//! that belongs in the file with its source, not something to infer from a spreadsheet cell.

use scrutineer_graph::model::Partnership;

use crate::cells::normalise;

/// Which records a cell may name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Among {
    /// Organisations and people: members and attendees.
    Members,
    /// Organisations, people and groups: owners of actions and priorities.
    Owners,
    Groups,
    Priorities,
    Documents,
}

impl Among {
    fn what(self) -> &'static str {
        match self {
            Among::Members => "an organisation or person",
            Among::Owners => "an organisation, person or group",
            Among::Groups => "a group",
            Among::Priorities => "a priority",
            Among::Documents => "a document",
        }
    }

    fn section(self) -> &'static str {
        match self {
            Among::Members => "`organisations` or `people`",
            Among::Owners => "`organisations`, `people` or `groups`",
            Among::Groups => "`groups`",
            Among::Priorities => "`priorities`",
            Among::Documents => "`documents`",
        }
    }
}

/// `(id, name)` of every record a cell may name: each organisation and person under its name
/// and under every other name it is recorded as going by (`also_known_as`).
fn candidates(p: &Partnership, among: Among) -> Vec<(&str, &str)> {
    let orgs = p.organisations.iter().flat_map(|o| {
        std::iter::once((o.id.as_str(), o.name.as_str()))
            .chain(o.also_known_as.iter().map(|a| (o.id.as_str(), a.as_str())))
    });
    let people = p.people.iter().flat_map(|x| {
        std::iter::once((x.id.as_str(), x.name.as_str()))
            .chain(x.also_known_as.iter().map(|a| (x.id.as_str(), a.as_str())))
    });
    let groups = p.groups.iter().map(|x| (x.id.as_str(), x.name.as_str()));
    match among {
        Among::Members => orgs.chain(people).collect(),
        Among::Owners => orgs.chain(people).chain(groups).collect(),
        Among::Groups => groups.collect(),
        Among::Priorities => p
            .priorities
            .iter()
            .map(|x| (x.id.as_str(), x.title.as_str()))
            .collect(),
        Among::Documents => p
            .documents
            .iter()
            .map(|x| (x.id.as_str(), x.title.as_str()))
            .collect(),
    }
}

/// Abbreviations officers write, and the words they stand for.
const SHORT: &[(&str, &str)] = &[
    ("bc", "borough council"),
    ("dc", "district council"),
    ("cc", "county council"),
    ("mbc", "metropolitan borough council"),
    ("cllr", "councillor"),
    ("councilor", "councillor"),
    ("frs", "fire and rescue service"),
    ("f rs", "fire and rescue service"),
    ("pcc", "police and crime commissioner"),
    ("opcc", "office of the police and crime commissioner"),
    ("icb", "integrated care board"),
    ("ccg", "clinical commissioning group"),
    ("nhs", "nhs"),
    ("&", "and"),
];

/// A name compared without case, punctuation, a leading "the", a part in brackets (a team or
/// unit: "The Probation Service (Worcestershire PDU)"), or the difference between an
/// abbreviation and its words ("Redditch BC" and "Redditch Borough Council").
fn key(text: &str) -> String {
    let mut t = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            '&' if depth == 0 => t.push_str(" and "),
            c if depth == 0 => t.push(c),
            _ => {}
        }
    }
    let words: Vec<String> = normalise(&t)
        .split(' ')
        .map(|w| {
            SHORT
                .iter()
                .find(|(s, _)| *s == w)
                .map_or(w.to_string(), |(_, long)| long.to_string())
        })
        .collect();
    let n = words.join(" ");
    n.strip_prefix("the ").map(str::to_string).unwrap_or(n)
}

/// The id a cell names, or a message and a suggestion.
pub fn resolve(p: &Partnership, among: Among, text: &str) -> Result<String, (String, String)> {
    let all = candidates(p, among);
    let text = text.trim();
    if let Some((id, _)) = all.iter().find(|(id, _)| *id == text) {
        return Ok(id.to_string());
    }
    let wanted = key(text);
    let mut matches: Vec<&str> = all
        .iter()
        .filter(|(id, name)| key(name) == wanted || key(id) == wanted)
        .map(|(id, _)| *id)
        .collect();
    // "Hertfordshire Constabulary - Watford Community Safety Unit": a body's name followed by a
    // team or place, when only one body's name fits.
    if matches.is_empty() {
        matches = all
            .iter()
            .filter(|(_, name)| {
                let k = key(name);
                k.split(' ').count() >= 2 && wanted.starts_with(&format!("{k} "))
            })
            .map(|(id, _)| *id)
            .collect();
    }
    matches.sort_unstable();
    matches.dedup();
    match matches.as_slice() {
        [one] => Ok(one.to_string()),
        [] => {
            let suggestion = closest(&wanted, &all);
            Err((
                format!("`{text}` is not {} of `{}`", among.what(), p.id),
                match suggestion {
                    Some(s) => format!(
                        "did you mean `{s}`? Otherwise add it to {} in the partnership file first, with its source",
                        among.section()
                    ),
                    None => format!(
                        "add it to {} in the partnership file first, with its source, or write its id",
                        among.section()
                    ),
                },
            ))
        }
        several => Err((
            format!(
                "`{text}` could be any of {}",
                several
                    .iter()
                    .map(|id| format!("`{id}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            "write the id instead of the name".into(),
        )),
    }
}

/// The record whose name (or id) is nearest to `wanted`, if it is near enough to be a typo.
/// Names are long and share words ("Hertfordshire ..."), so this compares whole names by edit
/// distance rather than by the prefix-weighted measure used for ids.
fn closest<'a>(wanted: &str, all: &[(&'a str, &'a str)]) -> Option<&'a str> {
    all.iter()
        .flat_map(|(id, name)| [(*name, key(name)), (*name, key(id))])
        .map(|(name, k)| (strsim::normalized_levenshtein(wanted, &k), name))
        .filter(|(score, _)| *score >= 0.75)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, name)| name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use scrutineer_graph::model::{Nation, OrgKind, Organisation, Tier};

    fn partnership() -> Partnership {
        let mut p = Partnership::new("p", "P", Nation::England, Tier::District);
        p.organisations = vec![
            Organisation::new("rbc", "Redditch Borough Council", OrgKind::DistrictCouncil),
            Organisation::new(
                "probation",
                "The Probation Service",
                OrgKind::ProbationProvider,
            ),
            Organisation::new(
                "police",
                "West Mercia Police",
                OrgKind::ChiefOfficerOfPolice,
            ),
        ];
        p.organisations[2].also_known_as = vec!["WMP".into()];
        p
    }

    #[test]
    fn names_as_officers_write_them() {
        let p = partnership();
        let find = |t: &str| resolve(&p, Among::Members, t);
        assert_eq!(find("Redditch BC").unwrap(), "rbc");
        assert_eq!(find("redditch borough council").unwrap(), "rbc");
        assert_eq!(
            find("The Probation Service (Worcestershire PDU)").unwrap(),
            "probation"
        );
        assert_eq!(
            find("Probation Service - Worcestershire PDU").unwrap(),
            "probation"
        );
        assert_eq!(find("WMP").unwrap(), "police");
        assert!(find("Bromsgrove DC").is_err());
    }
}
