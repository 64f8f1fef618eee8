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

/// `(id, name)` of every record a cell may name.
fn candidates(p: &Partnership, among: Among) -> Vec<(&str, &str)> {
    let orgs = p
        .organisations
        .iter()
        .map(|o| (o.id.as_str(), o.name.as_str()));
    let people = p.people.iter().map(|x| (x.id.as_str(), x.name.as_str()));
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

/// A name compared without case, punctuation or a leading "the".
fn key(text: &str) -> String {
    let n = normalise(text);
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
    let matches: Vec<&str> = all
        .iter()
        .filter(|(id, name)| key(name) == wanted || key(id) == wanted)
        .map(|(id, _)| *id)
        .collect();
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
