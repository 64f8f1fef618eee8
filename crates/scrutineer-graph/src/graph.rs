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
use crate::model::{Evidence, Partnership, Source};

/// A node of the graph: which list of the file it is in, and where.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NodeKey {
    Partnership,
    Organisation(usize),
    Person(usize),
    Group(usize),
    Meeting(usize),
    Document(usize),
    Priority(usize),
    Action(usize),
    Post(usize),
    Risk(usize),
    ScrutinyReview(usize),
    CaseReview(usize),
    Referral(usize),
    Service(usize),
}

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
}

/// Whether a fact with these bounds is in force on `day`. A missing bound is open; a partial
/// date is read generously (a fact from "2022-09" is in force from 1 September).
pub fn in_force(from: Option<When>, to: Option<When>, day: Date) -> bool {
    from.is_none_or(|f| f.earliest() <= day) && to.is_none_or(|t| day <= t.latest())
}

impl Graph {
    /// Indexes a checked partnership. The loader has already rejected dangling references;
    /// any that remain (from a what-if edit, say) are skipped rather than panicking.
    pub fn build(file: &Path, data: Partnership) -> Graph {
        let mut ids = HashMap::new();
        let mut graph = DiGraph::new();
        let mut index_of = HashMap::new();
        let mut add = |key: NodeKey, id: &str| {
            let n = graph.add_node(key);
            index_of.insert(key, n);
            if !id.is_empty() {
                ids.insert(id.to_string(), key);
            }
        };
        add(NodeKey::Partnership, "");
        for (i, x) in data.organisations.iter().enumerate() {
            add(NodeKey::Organisation(i), &x.id);
        }
        for (i, x) in data.people.iter().enumerate() {
            add(NodeKey::Person(i), &x.id);
        }
        for (i, x) in data.groups.iter().enumerate() {
            add(NodeKey::Group(i), &x.id);
        }
        for (i, x) in data.meetings.iter().enumerate() {
            add(NodeKey::Meeting(i), &x.id);
        }
        for (i, x) in data.documents.iter().enumerate() {
            add(NodeKey::Document(i), &x.id);
        }
        for (i, x) in data.priorities.iter().enumerate() {
            add(NodeKey::Priority(i), &x.id);
        }
        for (i, x) in data.actions.iter().enumerate() {
            add(NodeKey::Action(i), &x.id);
        }
        for (i, x) in data.posts.iter().enumerate() {
            add(NodeKey::Post(i), &x.id);
        }
        for (i, x) in data.risks.iter().enumerate() {
            add(NodeKey::Risk(i), &x.id);
        }
        for (i, x) in data.scrutiny_reviews.iter().enumerate() {
            add(NodeKey::ScrutinyReview(i), &x.id);
        }
        for (i, x) in data.case_reviews.iter().enumerate() {
            add(NodeKey::CaseReview(i), &x.id);
        }
        for (i, x) in data.referrals.iter().enumerate() {
            add(NodeKey::Referral(i), &x.id);
        }
        for (i, x) in data.services.iter().enumerate() {
            add(NodeKey::Service(i), &x.id);
        }
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
        Graph {
            file: file.to_path_buf(),
            data,
            ids,
            sources,
            graph,
            index_of,
        }
    }

    /// The node with this id.
    pub fn node(&self, id: &str) -> Option<NodeKey> {
        self.ids.get(id).copied()
    }

    /// The id of a node (the partnership's own id for [`NodeKey::Partnership`]).
    pub fn id_of(&self, key: NodeKey) -> &str {
        let d = &self.data;
        match key {
            NodeKey::Partnership => &d.id,
            NodeKey::Organisation(i) => &d.organisations[i].id,
            NodeKey::Person(i) => &d.people[i].id,
            NodeKey::Group(i) => &d.groups[i].id,
            NodeKey::Meeting(i) => &d.meetings[i].id,
            NodeKey::Document(i) => &d.documents[i].id,
            NodeKey::Priority(i) => &d.priorities[i].id,
            NodeKey::Action(i) => &d.actions[i].id,
            NodeKey::Post(i) => &d.posts[i].id,
            NodeKey::Risk(i) => &d.risks[i].id,
            NodeKey::ScrutinyReview(i) => &d.scrutiny_reviews[i].id,
            NodeKey::CaseReview(i) => &d.case_reviews[i].id,
            NodeKey::Referral(i) => &d.referrals[i].id,
            NodeKey::Service(i) => &d.services[i].id,
        }
    }

    /// A readable name for a node: the organisation's or group's name, the document's title.
    pub fn name_of(&self, key: NodeKey) -> &str {
        let d = &self.data;
        match key {
            NodeKey::Partnership => &d.name,
            NodeKey::Organisation(i) => &d.organisations[i].name,
            NodeKey::Person(i) => &d.people[i].name,
            NodeKey::Group(i) => &d.groups[i].name,
            NodeKey::Meeting(i) => &d.meetings[i].id,
            NodeKey::Document(i) => &d.documents[i].title,
            NodeKey::Priority(i) => &d.priorities[i].title,
            NodeKey::Action(i) => &d.actions[i].title,
            NodeKey::Post(i) => &d.posts[i].title,
            NodeKey::Risk(i) => &d.risks[i].description,
            NodeKey::ScrutinyReview(i) => &d.scrutiny_reviews[i].topic,
            NodeKey::CaseReview(i) => &d.case_reviews[i].id,
            NodeKey::Referral(i) => &d.referrals[i].topic,
            NodeKey::Service(i) => &d.services[i].title,
        }
    }

    /// The evidence recorded on a node.
    pub fn evidence_of(&self, key: NodeKey) -> &[Evidence] {
        let d = &self.data;
        match key {
            NodeKey::Partnership => &d.evidence,
            NodeKey::Organisation(i) => &d.organisations[i].evidence,
            NodeKey::Person(i) => &d.people[i].evidence,
            NodeKey::Group(i) => &d.groups[i].evidence,
            NodeKey::Meeting(i) => &d.meetings[i].evidence,
            NodeKey::Document(i) => &d.documents[i].evidence,
            NodeKey::Priority(i) => &d.priorities[i].evidence,
            NodeKey::Action(i) => &d.actions[i].evidence,
            NodeKey::Post(i) => &d.posts[i].evidence,
            NodeKey::Risk(i) => &d.risks[i].evidence,
            NodeKey::ScrutinyReview(i) => &d.scrutiny_reviews[i].evidence,
            NodeKey::CaseReview(i) => &d.case_reviews[i].evidence,
            NodeKey::Referral(i) => &d.referrals[i].evidence,
            NodeKey::Service(i) => &d.services[i].evidence,
        }
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

    /// The latest day any source is dated: how far the records reach.
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
