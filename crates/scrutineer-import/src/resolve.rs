//! Turning the names officers write ("Hertfordshire Constabulary", "the Probation Service",
//! "Cllr Martins") into the ids of records the partnership already holds. A name that matches
//! nothing is a problem here; the import adds it as a new organisation only when the person
//! running it says what kind of body it is, since the kind decides whether it is a responsible
//! authority and is never to be inferred from a name.

use scrutineer_graph::model::Partnership;

use crate::cells::normalise;

/// Which records a cell may name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Among {
    /// Organisations and people: members and attendees.
    Members,
    /// Organisations only: the Organisation column of a sheet that names people in another.
    Organisations,
    /// People only: the Name column of a sheet that names organisations in another.
    People,
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
            Among::Organisations => "an organisation",
            Among::People => "a person",
            Among::Owners => "an organisation, person or group",
            Among::Groups => "a group",
            Among::Priorities => "a priority",
            Among::Documents => "a document",
        }
    }

    fn section(self) -> &'static str {
        match self {
            Among::Members => "`organisations` or `people`",
            Among::Organisations => "`organisations`",
            Among::People => "`people`",
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
        Among::Organisations => orgs.collect(),
        Among::People => people.collect(),
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

/// Why a cell names no record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Miss {
    pub message: String,
    pub help: String,
    /// Nothing matched (rather than several records): the name is new to the file.
    pub unknown: bool,
    /// The name of the record nearest to it, when it is near enough to be a typo.
    pub nearest: Option<String>,
}

/// Every record whose name (or id) the text could be.
fn matches<'a>(all: &[(&'a str, &'a str)], text: &str) -> Vec<&'a str> {
    if let Some((id, _)) = all.iter().find(|(id, _)| *id == text) {
        return vec![id];
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
    matches
}

fn unknown(p: &Partnership, among: Among, text: &str, all: &[(&str, &str)]) -> Miss {
    let nearest = closest(&key(text), all);
    Miss {
        message: format!("`{text}` is not {} of `{}`", among.what(), p.id),
        help: match nearest {
            Some(s) => format!(
                "did you mean `{s}`? Otherwise add it to {} in the partnership file first, with its source",
                among.section()
            ),
            None => format!(
                "add it to {} in the partnership file first, with its source, or write its id",
                among.section()
            ),
        },
        unknown: true,
        nearest: nearest.map(str::to_string),
    }
}

fn several(text: &str, ids: &[&str]) -> Miss {
    Miss {
        message: format!(
            "`{text}` could be any of {}",
            ids.iter()
                .map(|id| format!("`{id}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        help: "write the id instead of the name".into(),
        unknown: false,
        nearest: None,
    }
}

/// The id a cell names, or why it names none.
pub fn resolve(p: &Partnership, among: Among, text: &str) -> Result<String, Miss> {
    let all = candidates(p, among);
    let text = text.trim();
    match matches(&all, text).as_slice() {
        [one] => Ok(one.to_string()),
        [] => Err(unknown(p, among, text, &all)),
        ids => Err(several(text, ids)),
    }
}

/// A person named in a row that also names their organisation: of the people the name could
/// be, the one who belongs to that organisation. A person the file records with no
/// organisation matches too (the caller records the row's). Someone the file records at
/// another organisation is a problem, not a match: the row and the file disagree.
pub fn resolve_person(p: &Partnership, text: &str, organisation: &str) -> Result<String, Miss> {
    let all = candidates(p, Among::People);
    let text = text.trim();
    let found = matches(&all, text);
    let of = |id: &str| {
        p.people
            .iter()
            .find(|x| x.id == id)
            .and_then(|x| x.organisation.as_deref())
    };
    let theirs: Vec<&str> = found
        .iter()
        .copied()
        .filter(|id| of(id) == Some(organisation))
        .collect();
    let unplaced: Vec<&str> = found
        .iter()
        .copied()
        .filter(|id| of(id).is_none())
        .collect();
    match (theirs.as_slice(), unplaced.as_slice()) {
        ([one], _) | ([], [one]) => Ok(one.to_string()),
        ([_, _, ..], _) => Err(several(text, &theirs)),
        ([], [_, _, ..]) => Err(several(text, &unplaced)),
        ([], []) if found.is_empty() => {
            // The people of this organisation are the likeliest meaning of a misspelt name.
            let own: Vec<(&str, &str)> = all
                .iter()
                .copied()
                .filter(|(id, _)| of(id) == Some(organisation))
                .collect();
            let among = if own.is_empty() { &all } else { &own };
            let mut miss = unknown(p, Among::People, text, among);
            let add = format!(
                "add them to `people` in the partnership file first, with `organisation: \"{organisation}\"` and their source"
            );
            miss.help = match &miss.nearest {
                Some(s) => format!("did you mean `{s}`? Otherwise {add}"),
                None => add,
            };
            Err(miss)
        }
        ([], []) => Err(Miss {
            message: format!(
                "`{text}` is {} in the file, not of `{organisation}` as the row says",
                found
                    .iter()
                    .map(|id| format!("`{id}` of `{}`", of(id).unwrap_or_default()))
                    .collect::<Vec<_>>()
                    .join(" and ")
            ),
            help: "correct the organisation in the row, or the person's `organisation` in the partnership file if they have moved".into(),
            unknown: false,
            nearest: None,
        }),
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
    use scrutineer_graph::model::{Nation, OrgKind, Organisation, Person, Tier};

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
        assert!(find("Bromsgrove DC").is_err_and(|m| m.unknown));
    }

    #[test]
    fn a_person_is_found_at_their_organisation() {
        let mut p = partnership();
        let person = |id: &str, name: &str, org: Option<&str>| Person {
            id: id.into(),
            name: name.into(),
            title: None,
            organisation: org.map(str::to_string),
            also_known_as: Vec::new(),
            evidence: Vec::new(),
        };
        p.people = vec![
            person("js-police", "J Smith", Some("police")),
            person("js-council", "J Smith", Some("rbc")),
            person("ann", "Ann Jones", None),
        ];
        assert_eq!(resolve_person(&p, "J Smith", "rbc").unwrap(), "js-council");
        assert_eq!(
            resolve_person(&p, "j smith", "police").unwrap(),
            "js-police"
        );
        assert_eq!(resolve_person(&p, "Ann Jones", "rbc").unwrap(), "ann");
        let moved = resolve_person(&p, "J Smith", "probation").unwrap_err();
        assert!(moved.message.contains("not of `probation`"), "{moved:?}");
        assert!(!moved.unknown);
        assert!(resolve_person(&p, "Bob", "rbc").unwrap_err().unknown);
        assert!(resolve(&p, Among::Members, "J Smith").is_err_and(|m| !m.unknown));
    }
}
