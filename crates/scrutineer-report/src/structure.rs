//! The accountability structure of a partnership as a picture or as data: groups, who sits on
//! them, and reporting lines, as of a date, with the parts behind failures marked.
//!
//! One model ([`Structure`]) is built once and rendered five ways (DOT, Mermaid, SVG, GraphML
//! and JSON), so the picture in the briefing pack and `scrutineer graph` always agree. The SVG
//! is laid out for paper by [`picture`]: the strategy group at the top, the committee beside
//! it, subgroups in frames below, members listed in the cards, within an A4 page's width.
//! Failing parts are marked by a warning sign with words, hatching and a dashed border as well
//! as by colour, so the marking survives printing in black and white.
//!
//! Names come from untrusted files. Every format writes them through [`xml`]: escaped, and with
//! the characters XML 1.0 cannot hold (most control characters, U+FFFE, U+FFFF) replaced by a
//! visible U+FFFD, so the SVG and GraphML are well-formed whatever a name holds.

mod chart;
mod picture;
pub(crate) mod raster;
mod text;
mod xml;

use std::collections::{BTreeMap, BTreeSet};

use scrutineer_graph::model::{Participation, Role};
use scrutineer_graph::{Date, Graph, NodeKey, in_force};
use scrutineer_rules::{Finding, Outcome, law};
use serde::Serialize;

pub use chart::opened_chart;

/// What a node of the picture is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    Group,
    Organisation,
    Person,
}

/// A box in the picture.
#[derive(Clone, Debug, Serialize)]
pub struct Node {
    pub id: String,
    pub label: String,
    pub kind: NodeKind,
    /// The group's or organisation's kind (`strategy_group`, `probation_provider`, ...).
    pub detail: String,
    /// Rules that fail with this node as subject or evidence.
    pub failing: Vec<String>,
    /// An organisation that is a responsible authority on the day (s.5(1) of the Crime and
    /// Disorder Act 1998), or a person belonging to one: the picture lists these members first.
    pub responsible_authority: bool,
    /// For a person, the organisation they belong to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
}

/// A line in the picture: a seat on a group, or a reporting line.
#[derive(Clone, Debug, Serialize)]
pub struct Edge {
    pub from: String,
    pub to: String,
    /// `member` or `reports_to`.
    pub kind: &'static str,
    /// The role or status when it is worth showing (`chair`, `not participating`).
    pub label: String,
    pub failing: Vec<String>,
}

/// A partnership's structure as of a date.
#[derive(Clone, Debug, Serialize)]
pub struct Structure {
    pub partnership: String,
    pub name: String,
    pub as_of: String,
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
}

/// A name as every format shows it: whole (the picture wraps long names rather than cutting
/// them), with the characters no format can show replaced (see [`xml::clean`]).
fn label(s: &str) -> String {
    xml::clean(s)
}

impl Structure {
    /// Builds the picture of `graph` as of `as_of`, marking what `findings` fail on.
    pub fn build(graph: &Graph, as_of: Date, findings: &[&Finding]) -> Structure {
        let d = &graph.data;
        // Which nodes and seats each failure points at.
        let mut node_fails: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        let mut edge_fails: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for f in findings
            .iter()
            .filter(|f| f.outcome == Outcome::Fail && f.partnership == d.id)
        {
            node_fails
                .entry(f.subject.clone())
                .or_default()
                .insert(f.rule.clone());
            for e in &f.evidence {
                let target = if e.node.contains('@') {
                    &mut edge_fails
                } else {
                    &mut node_fails
                };
                target
                    .entry(e.node.clone())
                    .or_default()
                    .insert(f.rule.clone());
            }
        }
        let fails = |map: &BTreeMap<String, BTreeSet<String>>, key: &str| -> Vec<String> {
            map.get(key)
                .map(|s| s.iter().cloned().collect())
                .unwrap_or_default()
        };
        // Which members are responsible authorities, by the law on the day; the tier is the one
        // written on the partnership (a picture groups its members, it does not judge them).
        let responsible =
            |kind| law::responsible_authority_limb(kind, d.nation, d.tier, as_of).is_some();
        let mut nodes = Vec::new();
        let mut present = BTreeSet::new();
        for g in d.groups.iter().filter(|g| in_force(g.from, g.to, as_of)) {
            present.insert(g.id.clone());
            nodes.push(Node {
                id: g.id.clone(),
                label: label(&g.name),
                kind: NodeKind::Group,
                detail: g.kind.as_str().to_string(),
                failing: fails(&node_fails, &g.id),
                responsible_authority: false,
                organisation: None,
            });
        }
        let seats: Vec<usize> = (0..d.memberships.len())
            .filter(|&i| {
                let m = &d.memberships[i];
                in_force(m.from, m.to, as_of) && present.contains(&m.group)
            })
            .collect();
        let seated: BTreeSet<&str> = seats
            .iter()
            .map(|&i| d.memberships[i].member.as_str())
            .collect();
        for o in d
            .organisations
            .iter()
            .filter(|o| in_force(o.from, o.to, as_of))
        {
            present.insert(o.id.clone());
            nodes.push(Node {
                id: o.id.clone(),
                label: label(&o.name),
                kind: NodeKind::Organisation,
                detail: o.kind.as_str().to_string(),
                failing: fails(&node_fails, &o.id),
                responsible_authority: responsible(o.kind),
                organisation: None,
            });
        }
        for p in d.people.iter().filter(|p| seated.contains(p.id.as_str())) {
            present.insert(p.id.clone());
            let org = p
                .organisation
                .as_deref()
                .and_then(|o| graph.node(o))
                .map(|k| graph.name_of(k).to_string());
            let org_kind = match p.organisation.as_deref().and_then(|o| graph.node(o)) {
                Some(NodeKey::Organisation(i)) => Some(d.organisations[i].kind),
                _ => None,
            };
            nodes.push(Node {
                id: p.id.clone(),
                label: label(&match org {
                    Some(o) => format!("{} ({o})", p.name),
                    None => p.name.clone(),
                }),
                kind: NodeKind::Person,
                detail: p.title.as_deref().map(label).unwrap_or_default(),
                failing: fails(&node_fails, &p.id),
                responsible_authority: org_kind.is_some_and(responsible),
                organisation: p.organisation.clone(),
            });
        }
        let mut edges = Vec::new();
        for i in seats {
            let m = &d.memberships[i];
            if !present.contains(&m.member) {
                continue;
            }
            let mut label = match m.role {
                Role::Member => String::new(),
                other => other.as_str().replace('_', " "),
            };
            if let Some(s) = m.status.filter(|s| *s != Participation::Participating) {
                if !label.is_empty() {
                    label.push_str(", ");
                }
                label.push_str(&s.as_str().replace('_', " "));
            }
            edges.push(Edge {
                from: m.member.clone(),
                to: m.group.clone(),
                kind: "member",
                label,
                failing: fails(&edge_fails, &format!("{}@{}", m.member, m.group)),
            });
        }
        // A failure whose evidence names both ends of a reporting line marks that line (a
        // cycle names its groups; a subgroup with two parents names itself and both).
        let evidence_sets: Vec<(String, BTreeSet<&str>)> = findings
            .iter()
            .filter(|f| f.outcome == Outcome::Fail && f.partnership == d.id)
            .map(|f| {
                let mut set: BTreeSet<&str> = f.evidence.iter().map(|e| e.node.as_str()).collect();
                set.insert(f.subject.as_str());
                (f.rule.clone(), set)
            })
            .collect();
        // The failures naming each node, so a line looks only at those naming one of its ends
        // (scanning every failure for every line is quadratic in a large partnership).
        let mut naming: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, (_, set)) in evidence_sets.iter().enumerate() {
            for &node in set {
                naming.entry(node).or_default().push(i);
            }
        }
        for r in d
            .reporting
            .iter()
            .filter(|r| in_force(r.from, r.until, as_of))
        {
            if present.contains(&r.group) && present.contains(&r.to) {
                let named = |id: &str| naming.get(id).map_or(&[][..], Vec::as_slice);
                let (a, b) = (named(&r.group), named(&r.to));
                let (fewer, other) = if a.len() <= b.len() {
                    (a, r.to.as_str())
                } else {
                    (b, r.group.as_str())
                };
                let failing: BTreeSet<String> = fewer
                    .iter()
                    .filter(|&&i| evidence_sets[i].1.contains(other))
                    .map(|&i| evidence_sets[i].0.clone())
                    .collect();
                edges.push(Edge {
                    from: r.group.clone(),
                    to: r.to.clone(),
                    kind: "reports_to",
                    label: "reports to".to_string(),
                    failing: failing.into_iter().collect(),
                });
            }
        }
        Structure {
            partnership: d.id.clone(),
            name: d.name.clone(),
            as_of: as_of.iso(),
            nodes,
            edges,
        }
    }

    /// A sentence describing the picture, for screen readers and as the figure's alt text.
    pub fn description(&self) -> String {
        let groups = self
            .nodes
            .iter()
            .filter(|n| n.kind == NodeKind::Group)
            .count();
        let bodies = self.nodes.len() - groups;
        let failing_nodes: Vec<&str> = self
            .nodes
            .iter()
            .filter(|n| !n.failing.is_empty())
            .map(|n| n.label.as_str())
            .collect();
        let failing_edges = self.edges.iter().filter(|e| !e.failing.is_empty()).count();
        let n = |k: usize, one: &str, many: &str| {
            if k == 1 {
                format!("1 {one}")
            } else {
                format!("{k} {many}")
            }
        };
        // `as_of` is kept in ISO form for the JSON; a reader gets "1 October 2022".
        let on = self
            .as_of
            .parse::<Date>()
            .map_or_else(|_| self.as_of.clone(), |d| d.long());
        let mut s = format!(
            "The accountability structure of {} on {on}: {}, {}, {} and {}.",
            self.name,
            n(groups, "group", "groups"),
            n(bodies, "organisation or person", "organisations or people"),
            n(
                self.edges.iter().filter(|e| e.kind == "member").count(),
                "seat",
                "seats"
            ),
            n(
                self.edges.iter().filter(|e| e.kind == "reports_to").count(),
                "reporting line",
                "reporting lines"
            ),
        );
        if failing_nodes.is_empty() && failing_edges == 0 {
            s.push_str(" Nothing in it is behind a failure.");
        } else {
            if !failing_nodes.is_empty() {
                s.push_str(&format!(
                    " Marked as behind a failure: {}.",
                    failing_nodes.join("; ")
                ));
            }
            if failing_edges > 0 {
                s.push_str(&format!(
                    " {} marked too.",
                    n(failing_edges, "seat or line is", "seats or lines are")
                ));
            }
        }
        s
    }

    fn label(n: &Node) -> String {
        if n.failing.is_empty() {
            n.label.clone()
        } else {
            format!("⚠ {}", n.label)
        }
    }

    /// Graphviz DOT. Long names are broken over lines (DOT draws a label on one line, however
    /// long), and every string is quoted by [`xml::dot_quote`].
    pub fn to_dot(&self) -> String {
        let q = xml::dot_quote;
        let lines = |s: &str| text::wrap(s, 260.0, 14.0, false).join("\n");
        let mut out = format!("digraph {} {{\n", q(&self.partnership));
        let title = format!("{} as of {}", self.name, self.as_of);
        out.push_str(&format!(
            "  graph [label={}, labelloc=t, rankdir=BT, fontname=\"Helvetica\"];\n",
            q(&title)
        ));
        out.push_str("  node [fontname=\"Helvetica\", shape=box];\n  edge [fontname=\"Helvetica\", fontsize=10];\n");
        for n in &self.nodes {
            let style = match (n.kind, n.failing.is_empty()) {
                (NodeKind::Group, true) => "style=\"rounded,filled\", fillcolor=\"#eef3fb\"",
                (NodeKind::Group, false) => {
                    "style=\"rounded,filled,bold\", fillcolor=\"#fde8ea\", color=\"#b00020\", penwidth=3"
                }
                (_, true) => "style=\"solid\"",
                (_, false) => {
                    "style=\"filled,bold\", fillcolor=\"#fde8ea\", color=\"#b00020\", penwidth=3"
                }
            };
            out.push_str(&format!(
                "  {} [label={}, {style}];\n",
                q(&n.id),
                q(&lines(&Self::label(n)))
            ));
        }
        for e in &self.edges {
            let mut attrs = vec![format!(
                "label={}",
                q(&if e.failing.is_empty() {
                    e.label.clone()
                } else {
                    format!("⚠ {}", e.label).trim().to_string()
                })
            )];
            if !e.failing.is_empty() {
                attrs.push("style=dashed, color=\"#b00020\", penwidth=2".into());
            } else if e.kind == "reports_to" {
                attrs.push("style=bold".into());
            }
            out.push_str(&format!(
                "  {} -> {} [{}];\n",
                q(&e.from),
                q(&e.to),
                attrs.join(", ")
            ));
        }
        out.push_str("}\n");
        out
    }

    /// A Mermaid flowchart.
    pub fn to_mermaid(&self) -> String {
        // Mermaid ids must be plain words; labels carry the names, with quotes escaped.
        let ids: BTreeMap<&str, String> = self
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id.as_str(), format!("n{i}")))
            .collect();
        // Mermaid reads a newline inside quotes as the end of the statement.
        let esc = |s: &str| {
            xml::clean(s)
                .replace(['\n', '\t'], " ")
                .replace('&', "#amp;")
                .replace('"', "#quot;")
                .replace('<', "#lt;")
                .replace('>', "#gt;")
        };
        let mut out = String::from("flowchart BT\n");
        for n in &self.nodes {
            let label = esc(&Self::label(n));
            let shape = match n.kind {
                NodeKind::Group => format!("(\"{label}\")"),
                _ => format!("[\"{label}\"]"),
            };
            out.push_str(&format!("  {}{shape}\n", ids[n.id.as_str()]));
        }
        for e in &self.edges {
            let (Some(a), Some(b)) = (ids.get(e.from.as_str()), ids.get(e.to.as_str())) else {
                continue;
            };
            let arrow = if !e.failing.is_empty() {
                "-.->"
            } else if e.kind == "reports_to" {
                "==>"
            } else {
                "-->"
            };
            let label = if e.failing.is_empty() {
                e.label.clone()
            } else {
                format!("⚠ {}", e.label).trim().to_string()
            };
            if label.is_empty() {
                out.push_str(&format!("  {a} {arrow} {b}\n"));
            } else {
                out.push_str(&format!("  {a} {arrow}|\"{}\"| {b}\n", esc(&label)));
            }
        }
        out.push_str("  classDef failing stroke:#b00020,stroke-width:4px,fill:#fde8ea\n");
        let failing: Vec<&str> = self
            .nodes
            .iter()
            .filter(|n| !n.failing.is_empty())
            .map(|n| ids[n.id.as_str()].as_str())
            .collect();
        if !failing.is_empty() {
            out.push_str(&format!("  class {} failing\n", failing.join(",")));
        }
        out
    }

    /// GraphML, for graph tools (Gephi, yEd, NetworkX, igraph). Every node and edge carries its
    /// kind, label and the rules failing on it; ids are the partnership file's.
    pub fn to_graphml(&self) -> String {
        let x = xml::escape;
        let mut out = String::from(concat!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" ",
            "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" ",
            "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns ",
            "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
        ));
        for (id, on, name) in [
            ("label", "node", "label"),
            ("kind", "node", "kind"),
            ("detail", "node", "detail"),
            ("failing", "node", "failing"),
            ("edge_kind", "edge", "kind"),
            ("edge_label", "edge", "label"),
            ("edge_failing", "edge", "failing"),
        ] {
            out.push_str(&format!(
                "  <key id=\"{id}\" for=\"{on}\" attr.name=\"{name}\" attr.type=\"string\"/>\n"
            ));
        }
        out.push_str(&format!(
            "  <graph id=\"{}\" edgedefault=\"directed\">\n    <desc>{} as of {}</desc>\n",
            x(&self.partnership),
            x(&self.name),
            x(&self.as_of)
        ));
        let kind = |k: NodeKind| match k {
            NodeKind::Group => "group",
            NodeKind::Organisation => "organisation",
            NodeKind::Person => "person",
        };
        for n in &self.nodes {
            out.push_str(&format!(
                "    <node id=\"{}\">\n      <data key=\"label\">{}</data>\n      <data key=\"kind\">{}</data>\n      <data key=\"detail\">{}</data>\n      <data key=\"failing\">{}</data>\n    </node>\n",
                x(&n.id),
                x(&n.label),
                kind(n.kind),
                x(&n.detail),
                x(&n.failing.join(" "))
            ));
        }
        for (i, e) in self.edges.iter().enumerate() {
            out.push_str(&format!(
                "    <edge id=\"e{i}\" source=\"{}\" target=\"{}\">\n      <data key=\"edge_kind\">{}</data>\n      <data key=\"edge_label\">{}</data>\n      <data key=\"edge_failing\">{}</data>\n    </edge>\n",
                x(&e.from),
                x(&e.to),
                e.kind,
                x(&e.label),
                x(&e.failing.join(" "))
            ));
        }
        out.push_str("  </graph>\n</graphml>\n");
        out
    }

    /// The structure as JSON.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("plain data always serialises");
        s.push('\n');
        s
    }

    /// The picture for the briefing pack, ready to be placed inline in HTML: no XML prolog,
    /// `role="img"` with a title and a description (an outline of the whole structure, for
    /// readers who cannot see it), scaled to its column (`width:100%`). Parts behind a failure
    /// are marked "behind a finding".
    pub fn to_svg(&self) -> String {
        picture::svg(self, &picture::Marks::from_failures(self))
    }

    /// The picture as [`Structure::to_svg`] draws it, but marking the parts named in `labels`
    /// instead of those `build` found failing, each with the label the pack gives its finding:
    /// `(part, label)` pairs, where a part is a node id (a finding's subject or an evidence
    /// node) or a seat written `member@group` (as a finding's evidence names it), and a label is
    /// what the pack calls the finding ("3"). A part named twice shows both labels; an empty
    /// label marks the part without one. Reporting lines are marked as in `to_svg`.
    pub fn to_svg_labelled(&self, labels: &[(&str, &str)]) -> String {
        picture::svg(self, &picture::Marks::from_labels(self, labels))
    }
}
