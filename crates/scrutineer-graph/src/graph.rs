//! The loaded partnership: the file's data plus a petgraph index of its nodes and edges.
//!
//! Nodes are the typed records of [`model`](crate::model), addressed by [`NodeKey`]; edges are
//! the relations between them (memberships, reporting lines, meetings of a group). The graph
//! algorithms that rules need (who sits on a group, what a group reports to, reporting cycles)
//! run here, in Rust, so scripts stay short.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use petgraph::Direction;
use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::{EdgeFiltered, EdgeRef};

use crate::date::{Date, When};
use crate::model::{Complete, Evidence, ListKind, Partnership, Source};
use crate::record::{Kind, Record};

macro_rules! declare_node_key {
    (nodes: [$(($n:ident, $nl:ident, $nnoun:literal)),* $(,)?],
     others: [$(($o:ident, $ol:ident, $onoun:literal)),* $(,)?]) => {
        /// A node of the graph: which list of the file it is in, and where. One variant per
        /// record kind with an id (see [`crate::record_kinds!`]), and the partnership itself.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum NodeKey {
            Partnership,
            $($n(usize),)*
        }

        impl NodeKey {
            /// The key for the record of `kind` at `index`, if that kind is a node.
            pub fn of(kind: Kind, index: usize) -> Option<NodeKey> {
                match kind {
                    $(Kind::$n => Some(NodeKey::$n(index)),)*
                    _ => None,
                }
            }

            /// The record kind and index, or `None` for the partnership itself.
            pub fn kind(self) -> Option<(Kind, usize)> {
                match self {
                    NodeKey::Partnership => None,
                    $(NodeKey::$n(i) => Some((Kind::$n, i)),)*
                }
            }
        }
    };
}

crate::record_kinds!(declare_node_key);

/// An edge of the graph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edge {
    /// member → group; the index into `memberships`.
    Membership(usize),
    /// group → group it reports to; the index into `reporting`.
    ReportsTo(usize),
    /// meeting → group.
    MeetingOf,
}

/// A reporting cycle: the groups in order and the reporting lines that close it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cycle {
    /// Group ids, in reporting order.
    pub groups: Vec<String>,
    /// Indexes into `reporting`.
    pub edges: Vec<usize>,
}

/// One partnership, loaded and indexed.
#[derive(Debug, Clone)]
pub struct Graph {
    /// The file it was loaded from.
    pub file: PathBuf,
    /// The records as written.
    pub data: Partnership,
    ids: HashMap<String, NodeKey>,
    sources: HashMap<String, usize>,
    graph: DiGraph<NodeKey, Edge>,
    index_of: HashMap<NodeKey, NodeIndex>,
    /// Every declaration that a list is complete: the file's `complete` list, then those the
    /// earlier `*_listed_in_full` flags make.
    declarations: Vec<Complete>,
    /// For each replaced group, organisation or document, the records that replace it.
    successors: HashMap<NodeKey, Vec<NodeKey>>,
}

/// Whether a fact with these bounds is in force on `day`, reading partial dates generously (a
/// fact from "2022-09" is in force from 1 September). Kept for drawing the structure, where a
/// line that may be in force is drawn; rules use [`When::span_holds`] through
/// [`crate::as_of::View`], which answers maybe.
pub fn in_force(from: Option<When>, to: Option<When>, day: Date) -> bool {
    from.is_none_or(|f| f.earliest() <= day) && to.is_none_or(|t| day <= t.latest())
}

impl Graph {
    /// Every date written anywhere in the file, whatever the field. Read back from the file's
    /// canonical text, so a date field added to the model later is never missed: the exact
    /// timeline needs all of them, since an outcome can change only on or near one.
    pub fn written_dates(&self) -> Vec<When> {
        let text = crate::format::canonical(&self.data);
        let mut out = Vec::new();
        let mut chars = text.chars();
        while let Some(c) = chars.next() {
            if c != '"' {
                continue;
            }
            let mut s = String::new();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => {
                        chars.next();
                    }
                    '"' => break,
                    c => s.push(c),
                }
            }
            if s.len() <= 25
                && s.starts_with(|c: char| c.is_ascii_digit() || c == '/')
                && let Ok(w) = s.parse::<When>()
            {
                out.push(w);
            }
        }
        out.sort_by_key(|w| (w.earliest(), w.latest()));
        out.dedup();
        out
    }
    /// Indexes a checked partnership. The loader has already rejected dangling references;
    /// any that remain (from a what-if edit, say) are skipped rather than panicking.
    pub fn build(file: &Path, data: Partnership) -> Graph {
        let mut ids = HashMap::new();
        let mut graph = DiGraph::new();
        let mut index_of = HashMap::new();
        let n = graph.add_node(NodeKey::Partnership);
        index_of.insert(NodeKey::Partnership, n);
        data.for_each_record(&mut |kind, i, r| {
            if let Some(key) = NodeKey::of(kind, i) {
                let n = graph.add_node(key);
                index_of.insert(key, n);
                if !r.id().is_empty() {
                    ids.insert(r.id().to_string(), key);
                }
            }
        });
        let node = |id: &str| ids.get(id).and_then(|k| index_of.get(k)).copied();
        for (i, m) in data.memberships.iter().enumerate() {
            if let (Some(a), Some(b)) = (node(&m.member), node(&m.group)) {
                graph.add_edge(a, b, Edge::Membership(i));
            }
        }
        for (i, r) in data.reporting.iter().enumerate() {
            if let (Some(a), Some(b)) = (node(&r.group), node(&r.to)) {
                graph.add_edge(a, b, Edge::ReportsTo(i));
            }
        }
        for (i, m) in data.meetings.iter().enumerate() {
            if let (Some(a), Some(b)) =
                (index_of.get(&NodeKey::Meeting(i)).copied(), node(&m.group))
            {
                graph.add_edge(a, b, Edge::MeetingOf);
            }
        }
        let sources = data
            .sources
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.clone(), i))
            .collect();
        let declarations = declarations(&data);
        let mut successors: HashMap<NodeKey, Vec<NodeKey>> = HashMap::new();
        data.for_each_record(&mut |kind, i, _| {
            let replaced = match kind {
                Kind::Group => data.groups[i].replaces.as_deref(),
                Kind::Organisation => data.organisations[i].replaces.as_deref(),
                Kind::Document => data.documents[i].replaces.as_deref(),
                _ => None,
            };
            if let (Some(old), Some(me)) =
                (replaced.and_then(|id| ids.get(id)), NodeKey::of(kind, i))
            {
                successors.entry(*old).or_default().push(me);
            }
        });
        Graph {
            file: file.to_path_buf(),
            data,
            ids,
            sources,
            graph,
            index_of,
            declarations,
            successors,
        }
    }

    /// The node with this id.
    pub fn node(&self, id: &str) -> Option<NodeKey> {
        self.ids.get(id).copied()
    }

    /// The record behind a node; `None` for the partnership itself.
    pub fn record(&self, key: NodeKey) -> Option<&dyn Record> {
        let (kind, i) = key.kind()?;
        self.data.record(kind, i)
    }

    /// The id of a node (the partnership's own id for [`NodeKey::Partnership`]).
    pub fn id_of(&self, key: NodeKey) -> &str {
        self.record(key).map_or(&self.data.id, |r| r.id())
    }

    /// A readable name for a node: the organisation's or group's name, the document's title.
    pub fn name_of(&self, key: NodeKey) -> &str {
        self.record(key).map_or(&self.data.name, |r| r.name())
    }

    /// The evidence recorded on a node.
    pub fn evidence_of(&self, key: NodeKey) -> &[Evidence] {
        self.record(key)
            .map_or(&self.data.evidence, |r| r.evidence())
    }

    /// Every declaration that a list is complete, the earlier flags included.
    pub fn declarations(&self) -> &[Complete] {
        &self.declarations
    }

    /// The declarations of one list (of one owner, for lists that belong to a record).
    pub fn declarations_of(
        &self,
        list: ListKind,
        of: Option<&str>,
    ) -> impl Iterator<Item = &Complete> {
        self.declarations
            .iter()
            .filter(move |c| c.list == list && c.of.as_deref() == of)
    }

    /// The records that replace this one (a group's, organisation's or document's successors).
    pub fn successors(&self, key: NodeKey) -> &[NodeKey] {
        self.successors.get(&key).map_or(&[], |v| v.as_slice())
    }

    /// The index of a source by id.
    pub fn source_index(&self, id: &str) -> Option<usize> {
        self.sources.get(id).copied()
    }

    /// A source by id.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.get(id).map(|&i| &self.data.sources[i])
    }

    /// How an evidence entry is cited: the source's title, then the place in it.
    pub fn cite(&self, e: &Evidence) -> String {
        let mut out = match self.source(&e.source) {
            Some(s) => s.title.clone(),
            None => e.source.clone(),
        };
        if let Some(at) = &e.at {
            out.push_str(", ");
            out.push_str(at);
        }
        if let Some(note) = &e.note {
            out.push_str(" (");
            out.push_str(note);
            out.push(')');
        }
        out
    }

    /// How far the records certainly reach: the latest of the first days each source's date
    /// allows. A page dated only "between October 2022 and November 2026" may have been
    /// written in October 2022, so for certain it shows no more than that.
    pub fn newest_source_certain(&self) -> Option<Date> {
        self.data
            .sources
            .iter()
            .filter_map(|s| s.date.map(|d| d.earliest()))
            .max()
    }

    /// The latest day any source may be dated: how far the records may reach.
    pub fn newest_source_date(&self) -> Option<Date> {
        self.data
            .sources
            .iter()
            .filter_map(|s| s.date.map(|d| d.latest()))
            .max()
    }

    /// Indexes into `memberships` of the seats on a group, in file order.
    pub fn memberships_of_group(&self, group: usize) -> Vec<usize> {
        // A scan of the membership list rather than of the group's incoming edges: a group also
        // has an edge from each of its meetings and from each group reporting to it, and years of
        // meetings outnumber the seats many times over (this was most of the time of the seat
        // rules). Same result: a membership has an edge exactly when its group and member resolve.
        let Some(id) = self.data.groups.get(group).map(|g| g.id.as_str()) else {
            return Vec::new();
        };
        self.data
            .memberships
            .iter()
            .enumerate()
            .filter(|(_, m)| m.group == id && self.node(&m.member).is_some())
            .map(|(i, _)| i)
            .collect()
    }

    /// Indexes into `meetings` of a group's meetings, in file order.
    pub fn meetings_of_group(&self, group: usize) -> Vec<usize> {
        let Some(&n) = self.index_of.get(&NodeKey::Group(group)) else {
            return Vec::new();
        };
        let mut out: Vec<usize> = self
            .graph
            .edges_directed(n, Direction::Incoming)
            .filter(|e| *e.weight() == Edge::MeetingOf)
            .filter_map(|e| match self.graph[e.source()] {
                NodeKey::Meeting(i) => Some(i),
                _ => None,
            })
            .collect();
        out.sort_unstable();
        out
    }

    /// Indexes into `reporting` of the lines from a group upwards that are in force on `day`
    /// (all of them when `day` is `None`).
    pub fn reports_of_group(&self, group: usize, day: Option<Date>) -> Vec<usize> {
        let Some(&n) = self.index_of.get(&NodeKey::Group(group)) else {
            return Vec::new();
        };
        let mut out: Vec<usize> = self
            .graph
            .edges_directed(n, Direction::Outgoing)
            .filter_map(|e| match *e.weight() {
                Edge::ReportsTo(i) => Some(i),
                _ => None,
            })
            .filter(|&i| {
                let r = &self.data.reporting[i];
                day.is_none_or(|d| in_force(r.from, r.until, d))
            })
            .collect();
        out.sort_unstable();
        out
    }

    /// Whether the given reporting lines are all in force together on some day: a cycle whose
    /// lines never overlap in time is a reorganisation, not a cycle.
    pub fn lines_overlap(&self, edges: &[usize]) -> bool {
        let lines = edges.iter().map(|&i| &self.data.reporting[i]);
        let start = lines
            .clone()
            .filter_map(|r| r.from.map(|w| w.earliest()))
            .max();
        let end = lines.filter_map(|r| r.until.map(|w| w.latest())).min();
        match (start, end) {
            (Some(s), Some(e)) => s <= e,
            _ => true,
        }
    }

    /// Reporting cycles among the lines in force on `day`.
    pub fn reporting_cycles(&self, day: Date) -> Vec<Cycle> {
        self.cycles(Some(day))
    }

    /// Reporting cycles among all lines, whatever their dates (for the loader's warning).
    pub fn reporting_cycles_ever(&self) -> Vec<Cycle> {
        self.cycles(None)
    }

    fn cycles(&self, day: Option<Date>) -> Vec<Cycle> {
        let keep = |e: petgraph::graph::EdgeReference<'_, Edge>| match *e.weight() {
            Edge::ReportsTo(i) => {
                let r = &self.data.reporting[i];
                day.is_none_or(|d| in_force(r.from, r.until, d))
            }
            _ => false,
        };
        let view = EdgeFiltered::from_fn(&self.graph, keep);
        let mut cycles = Vec::new();
        for component in tarjan_scc(&view) {
            if component.len() < 2 {
                continue;
            }
            // Walk the cycle from its first group in file order, following in-force lines
            // that stay inside the component, so the order reads as the reporting chain.
            let mut members: Vec<usize> = component
                .iter()
                .filter_map(|n| match self.graph[*n] {
                    NodeKey::Group(i) => Some(i),
                    _ => None,
                })
                .collect();
            members.sort_unstable();
            let Some(&start) = members.first() else {
                continue;
            };
            let (mut groups, mut edges) = (Vec::new(), Vec::new());
            let mut at = start;
            while groups.len() <= members.len() {
                groups.push(self.data.groups[at].id.clone());
                let next = self.reports_of_group(at, day).into_iter().find_map(|i| {
                    match self.node(&self.data.reporting[i].to) {
                        Some(NodeKey::Group(g)) if members.contains(&g) => Some((i, g)),
                        _ => None,
                    }
                });
                let Some((edge, g)) = next else { break };
                edges.push(edge);
                if g == start {
                    break;
                }
                at = g;
            }
            cycles.push(Cycle { groups, edges });
        }
        cycles.sort_by(|a, b| a.edges.cmp(&b.edges));
        cycles
    }
}

/// The file's declarations of complete lists, and those its earlier `*_listed_in_full` flags
/// make: each flag declares its list complete as of the sources its record cites, which is
/// what the flag meant.
fn declarations(data: &Partnership) -> Vec<Complete> {
    let mut out = data.complete.clone();
    let mut flag = |on: bool, list: ListKind, of: &str, evidence: &[Evidence]| {
        if on {
            out.push(Complete {
                evidence: evidence.to_vec(),
                ..Complete::new(list, Some(of.to_string()))
            });
        }
    };
    for g in &data.groups {
        flag(
            g.members_listed_in_full,
            ListKind::Members,
            &g.id,
            &g.evidence,
        );
        flag(
            g.meetings_listed_in_full,
            ListKind::Meetings,
            &g.id,
            &g.evidence,
        );
    }
    for m in &data.meetings {
        flag(
            m.attendance_listed_in_full,
            ListKind::Attendance,
            &m.id,
            &m.evidence,
        );
    }
    for d in &data.documents {
        flag(
            d.topics_listed_in_full,
            ListKind::Topics,
            &d.id,
            &d.evidence,
        );
        flag(
            d.circulation_listed_in_full,
            ListKind::Circulation,
            &d.id,
            &d.evidence,
        );
        flag(
            d.consultees_listed_in_full,
            ListKind::Consultees,
            &d.id,
            &d.evidence,
        );
        flag(
            d.data_sources_listed_in_full,
            ListKind::DataSources,
            &d.id,
            &d.evidence,
        );
    }
    for r in &data.scrutiny_reviews {
        flag(
            r.circulation_listed_in_full,
            ListKind::Circulation,
            &r.id,
            &r.evidence,
        );
        flag(
            r.responses_listed_in_full,
            ListKind::Responses,
            &r.id,
            &r.evidence,
        );
    }
    out
}
