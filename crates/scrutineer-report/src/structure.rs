//! The accountability structure of a partnership as a picture or as data: groups, who sits on
//! them, and reporting lines, as of a date, with the parts behind failures marked.
//!
//! One model ([`Structure`]) is built once and rendered four ways (DOT, Mermaid, SVG and JSON),
//! so the picture in the briefing pack and `scrutineer graph` always agree. The SVG is laid out
//! by layout-rs (a Sugiyama layout like Graphviz's `dot`) rather than by hand. Failing parts are
//! marked by a warning sign in the label and a heavy (node) or dashed (line) stroke as well as by
//! colour, so the marking survives printing in black and white.

use std::collections::{BTreeMap, BTreeSet};

use layout::backends::svg::SVGWriter;
use layout::core::base::Orientation;
use layout::core::color::Color;
use layout::core::geometry::Point;
use layout::core::style::{LineStyleKind, StyleAttr};
use layout::std_shapes::shapes::{Arrow, Element, LineEndKind, ShapeKind};
use layout::topo::layout::VisualGraph;
use scrutineer_graph::model::{GroupKind, Participation, Role};
use scrutineer_graph::{Date, Graph, in_force};
use scrutineer_rules::{Finding, Outcome};
use serde::Serialize;

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

/// The longest label drawn; longer names are shortened with an ellipsis.
const MAX_LABEL: usize = 44;

/// A label as drawn: control characters (invalid in SVG and DOT) replaced, and shortened.
fn short(s: &str) -> String {
    let s: String = s
        .chars()
        .map(|c| if c.is_control() { '\u{FFFD}' } else { c })
        .collect();
    if s.chars().count() <= MAX_LABEL {
        s.to_string()
    } else {
        format!(
            "{}…",
            s.chars().take(MAX_LABEL - 1).collect::<String>().trim_end()
        )
    }
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
        let mut nodes = Vec::new();
        let mut present = BTreeSet::new();
        for g in d.groups.iter().filter(|g| in_force(g.from, g.to, as_of)) {
            present.insert(g.id.clone());
            nodes.push(Node {
                id: g.id.clone(),
                label: short(&g.name),
                kind: NodeKind::Group,
                detail: g.kind.as_str().to_string(),
                failing: fails(&node_fails, &g.id),
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
                label: short(&o.name),
                kind: NodeKind::Organisation,
                detail: o.kind.as_str().to_string(),
                failing: fails(&node_fails, &o.id),
            });
        }
        for p in d.people.iter().filter(|p| seated.contains(p.id.as_str())) {
            present.insert(p.id.clone());
            let org = p
                .organisation
                .as_deref()
                .and_then(|o| graph.node(o))
                .map(|k| graph.name_of(k).to_string());
            nodes.push(Node {
                id: p.id.clone(),
                label: short(&match org {
                    Some(o) => format!("{} ({o})", p.name),
                    None => p.name.clone(),
                }),
                kind: NodeKind::Person,
                detail: p.title.clone().unwrap_or_default(),
                failing: fails(&node_fails, &p.id),
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
        for r in d
            .reporting
            .iter()
            .filter(|r| in_force(r.from, r.until, as_of))
        {
            if present.contains(&r.group) && present.contains(&r.to) {
                let failing: BTreeSet<String> = evidence_sets
                    .iter()
                    .filter(|(_, set)| {
                        set.contains(r.group.as_str()) && set.contains(r.to.as_str())
                    })
                    .map(|(rule, _)| rule.clone())
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
        let mut s = format!(
            "The accountability structure of {} as of {}: {groups} group(s), {bodies} organisation(s) or people, {} seat(s) and {} reporting line(s).",
            self.name,
            self.as_of,
            self.edges.iter().filter(|e| e.kind == "member").count(),
            self.edges.iter().filter(|e| e.kind == "reports_to").count()
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
                    " {failing_edges} seat(s) or line(s) are marked too."
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

    /// Graphviz DOT.
    pub fn to_dot(&self) -> String {
        let q = |s: &str| {
            format!(
                "\"{}\"",
                s.replace('\\', "\\\\")
                    .replace('"', "\\\"")
                    .replace('\n', "\\n")
            )
        };
        let mut out = format!("digraph {} {{\n", q(&self.partnership));
        let title: String = format!("{} as of {}", self.name, self.as_of)
            .chars()
            .map(|c| if c.is_control() { '\u{FFFD}' } else { c })
            .collect();
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
                q(&Self::label(n))
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
            if e.kind == "reports_to" {
                attrs.push("style=bold".into());
            }
            if !e.failing.is_empty() {
                attrs.push("style=dashed, color=\"#b00020\", penwidth=2".into());
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
        let esc = |s: &str| {
            s.replace('&', "#amp;")
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
        let x = crate::html::escape;
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

    /// An SVG picture, laid out by layout-rs, ready to be placed inline in HTML: no XML prolog,
    /// `role="img"`, a title and a description.
    pub fn to_svg(&self) -> String {
        if self.nodes.is_empty() {
            return format!(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"400\" height=\"40\" viewBox=\"0 0 400 40\"><title>{}</title><text x=\"10\" y=\"25\">No groups or organisations are recorded.</text></svg>\n",
                crate::html::escape(&self.name)
            );
        }
        // Top to bottom: the strategy group at the top, members and subgroups below, so lines
        // run from each group down to what sits under it, with the arrow at the group.
        let mut vg = VisualGraph::new(Orientation::LeftToRight);
        let mut handles = BTreeMap::new();
        let order = |n: &Node| match (n.kind, n.detail.as_str()) {
            (NodeKind::Group, k) if k == GroupKind::StrategyGroup.as_str() => 0,
            (NodeKind::Group, _) => 1,
            _ => 2,
        };
        let mut sorted: Vec<&Node> = self.nodes.iter().collect();
        sorted.sort_by_key(|n| (order(n), n.id.clone()));
        for n in sorted {
            let text = Self::label(n);
            let width = 9.0 * text.chars().count() as f64 + 24.0;
            let failing = !n.failing.is_empty();
            let fill = match (n.kind, failing) {
                (_, true) => "#fde8ea",
                (NodeKind::Group, false) => "#eef3fb",
                _ => "#ffffff",
            };
            let style = StyleAttr::new(
                Color::fast(if failing { "#b00020" } else { "#1a1a1a" }),
                if failing { 5 } else { 1 },
                Some(Color::fast(fill)),
                if n.kind == NodeKind::Group { 12 } else { 0 },
                14,
            );
            let el = Element::create(
                ShapeKind::new_box(&text),
                style,
                Orientation::LeftToRight,
                Point::new(width, 40.0),
            );
            handles.insert(n.id.clone(), vg.add_node(el));
        }
        for e in &self.edges {
            let (Some(&to), Some(&from)) = (handles.get(&e.to), handles.get(&e.from)) else {
                continue;
            };
            let failing = !e.failing.is_empty();
            let label = if failing {
                format!("⚠ {}", e.label).trim().to_string()
            } else {
                e.label.clone()
            };
            let mut arrow = Arrow::simple(&label);
            // Drawn from the group down to its member or subgroup; the arrowhead points back up.
            arrow.start = LineEndKind::Arrow;
            arrow.end = LineEndKind::None;
            if failing {
                arrow.line_style = LineStyleKind::Dashed;
                arrow.look.line_color = Color::fast("#b00020");
                arrow.look.line_width = 3;
            } else if e.kind == "reports_to" {
                arrow.look.line_width = 3;
            }
            vg.add_edge(arrow, to, from);
        }
        let mut svg = SVGWriter::new();
        vg.do_it(false, false, false, &mut svg);
        let raw = trim_to_content(&sorted_styles(&svg.finalize()));
        let body = raw.find("<svg").map(|i| &raw[i..]).unwrap_or(&raw);
        let title = format!("Accountability structure of {}", self.name);
        // Ids unique per partnership, since one briefing pack holds several pictures.
        let slug: String = self
            .partnership
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        let body = body.replacen(
            "<svg ",
            &format!("<svg role=\"img\" aria-labelledby=\"title-{slug} desc-{slug}\" preserveAspectRatio=\"xMidYMin meet\" style=\"max-width:100%;height:auto\" "),
            1,
        );
        // layout-rs names its arrow markers with fixed ids; make them unique too.
        let body = body
            .replace("id=\"startarrow\"", &format!("id=\"startarrow-{slug}\""))
            .replace("url(#startarrow)", &format!("url(#startarrow-{slug})"))
            .replace("id=\"endarrow\"", &format!("id=\"endarrow-{slug}\""))
            .replace("url(#endarrow)", &format!("url(#endarrow-{slug})"))
            .replace("id=\"arrow", &format!("id=\"path-{slug}-"))
            .replace("href=\"#arrow", &format!("href=\"#path-{slug}-"));
        let body = body.replace(
            "font-family: Times, serif;",
            "font-family: Helvetica, Arial, sans-serif;",
        );
        let close = body.find('>').map(|i| i + 1).unwrap_or(0);
        format!(
            "{}<title id=\"title-{slug}\">{}</title><desc id=\"desc-{slug}\">{}</desc>{}\n",
            &body[..close],
            crate::html::escape(&title),
            crate::html::escape(&self.description()),
            &body[close..]
        )
    }
}

/// The value of attribute `name` in the tag text `tag`, as a number.
fn attr(tag: &str, name: &str) -> Option<f64> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let end = tag[start..].find('"')? + start;
    tag[start..end].trim().parse().ok()
}

/// layout-rs sizes its canvas generously; shrink the height to the boxes actually drawn, so a
/// small structure does not sit above a page of white space.
fn trim_to_content(svg: &str) -> String {
    let mut bottom: f64 = 0.0;
    for (i, _) in svg.match_indices("<rect") {
        let tag = &svg[i..svg[i..].find('>').map(|e| i + e).unwrap_or(svg.len())];
        if let (Some(y), Some(h)) = (attr(tag, "y"), attr(tag, "height")) {
            bottom = bottom.max(y + h);
        }
    }
    for (i, _) in svg.match_indices("<ellipse") {
        let tag = &svg[i..svg[i..].find('>').map(|e| i + e).unwrap_or(svg.len())];
        if let (Some(y), Some(r)) = (attr(tag, "cy"), attr(tag, "ry")) {
            bottom = bottom.max(y + r);
        }
    }
    let Some(open) = svg.find("<svg") else {
        return svg.to_string();
    };
    let close = svg[open..].find('>').map(|e| open + e).unwrap_or(svg.len());
    let head = &svg[open..close];
    let (Some(width), Some(height)) = (attr(head, "width"), attr(head, "height")) else {
        return svg.to_string();
    };
    let new_height = (bottom + 20.0).min(height).ceil();
    if bottom <= 0.0 || new_height >= height {
        return svg.to_string();
    }
    let new_head = format!(
        "<svg width=\"{width}\" height=\"{new_height}\" viewBox=\"0 0 {width} {new_height}\" xmlns=\"http://www.w3.org/2000/svg\""
    );
    format!("{}{new_head}{}", &svg[..open], &svg[close..])
}

/// layout-rs keeps its font classes in a `HashMap`, so the rules in its `<style>` block come out
/// in a different order from run to run. Sorting them makes the same input give the same bytes.
fn sorted_styles(svg: &str) -> String {
    let (Some(start), Some(end)) = (svg.find("<style>"), svg.find("</style>")) else {
        return svg.to_string();
    };
    let inner = &svg[start + "<style>".len()..end];
    let mut rules: Vec<&str> = inner
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    rules.sort_unstable();
    format!(
        "{}<style>\n{}\n{}",
        &svg[..start],
        rules.join("\n"),
        &svg[end..]
    )
}
