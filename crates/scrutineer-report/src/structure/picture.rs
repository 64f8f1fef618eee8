//! The structure drawn for paper: the SVG in the briefing pack and `scrutineer graph --format svg`.
//!
//! The layout is written for this one kind of picture rather than left to a general graph
//! layout. A general layered layout (layout-rs, like Graphviz's `dot`) drew every seat as a
//! line, so a partnership of any size became a web of crossing lines, grew as wide as its widest
//! layer (names were cut off at the right edge of an A4 page), and took 82 s for 1,000
//! subgroups, since crossing reduction and placement are quadratic or worse in the nodes of a
//! layer. Here the shape of a partnership decides the picture:
//!
//! - the strategy group at the top, as a card listing its members, grouped into responsible
//!   authorities and other partners; the crime and disorder committee beside it, with an arrow
//!   saying that it scrutinises the group;
//! - below each group, a frame holding the groups that report to it, in rows that wrap at the
//!   page's width (two levels of frames; deeper groups sit flat in the frame of their ancestor
//!   and name the group they report to);
//! - then groups with no reporting line to a strategy group, bodies with no seat, and a key.
//!
//! Seats are written inside the cards instead of drawn as lines, so nothing crosses. The width
//! is fixed (an A4 page's text width at 96 dpi), so a larger partnership grows downwards, never
//! wider; every box is sized from its text, which wraps and is never shortened. Each step is one
//! pass over the groups or the seats, so the cost is linear in the size of the partnership.
//!
//! A part behind a finding is marked three ways that survive black-and-white printing and do
//! not rely on colour: a hatched background, a heavy dashed border, and a ⚠ with words (or the
//! pack's finding numbers).

use std::collections::BTreeMap;
use std::fmt::Write;

use super::text::{width, wrap};
use super::xml::{escape, push_escaped};
use super::{Node, NodeKind, Structure};

/// The drawing's width: A4's text width (170 mm) at 96 dpi is 643 px; a little more, since the
/// pack scales the picture to its column (`width:100%`), and text a tenth smaller still reads.
const W: f64 = 720.0;
const MARGIN: f64 = 12.0;
const GAP: f64 = 12.0;
const PAD: f64 = 8.0;
const SIZE: f64 = 12.0;
const LINE: f64 = 15.0;
const HEAD: f64 = 13.0;
const HEAD_LINE: f64 = 17.0;
const SMALL: f64 = 11.0;
const SMALL_LINE: f64 = 14.0;
/// The narrowest card: a row holds as many as fit (three across the page).
const MIN_CARD: f64 = 210.0;
const COMMITTEE_W: f64 = 210.0;
/// Room between the strategy group and the committee for the arrow and its word.
const ARROW_GAP: f64 = 84.0;
/// Frames nest two deep; deeper groups are laid flat in the frame of their ancestor at this depth.
const MAX_NEST: usize = 2;
const INK: &str = "#1a1a1a";
const MARK: &str = "#8b0000";

/// The parts to mark and what to write beside them: a node id, a seat (`member`, `group`) or a
/// reporting line (`group`, `to`), each with the labels of the findings behind it (empty: mark
/// with words only).
#[derive(Default)]
pub(crate) struct Marks {
    pub nodes: BTreeMap<String, Vec<String>>,
    pub seats: BTreeMap<(String, String), Vec<String>>,
    pub lines: BTreeMap<(String, String), Vec<String>>,
}

impl Marks {
    /// The marks `Structure::build` found: every part a failure points at.
    pub fn from_failures(s: &Structure) -> Marks {
        let mut m = Marks::default();
        for n in s.nodes.iter().filter(|n| !n.failing.is_empty()) {
            m.nodes.insert(n.id.clone(), Vec::new());
        }
        for e in s.edges.iter().filter(|e| !e.failing.is_empty()) {
            let key = (e.from.clone(), e.to.clone());
            if e.kind == "member" {
                m.seats.insert(key, Vec::new());
            } else {
                m.lines.insert(key, Vec::new());
            }
        }
        m
    }

    /// Marks given by the caller: `(part, label)` pairs, where a part is a node id or a seat
    /// written `member@group` as in a finding's evidence. Reporting lines keep the marks
    /// `build` found (a finding names a line only through both its ends).
    pub fn from_labels(s: &Structure, labels: &[(&str, &str)]) -> Marks {
        let mut m = Marks {
            lines: Marks::from_failures(s).lines,
            ..Marks::default()
        };
        for &(part, label) in labels {
            let list = match part.split_once('@') {
                Some((member, group)) => m
                    .seats
                    .entry((member.to_string(), group.to_string()))
                    .or_default(),
                None => m.nodes.entry(part.to_string()).or_default(),
            };
            if !label.is_empty() && !list.iter().any(|l| l == label) {
                list.push(label.to_string());
            }
        }
        m
    }
}

/// "behind a finding", or "behind findings 2, 5" when the pack numbers its findings.
fn behind(labels: &[String]) -> String {
    match labels.len() {
        0 => "behind a finding".to_string(),
        1 => format!("behind finding {}", labels[0]),
        _ => format!("behind findings {}", labels.join(", ")),
    }
}

/// "⚠ this group is behind a finding".
fn mark_words(labels: &[String], what: &str) -> String {
    format!("⚠ {what} {}", behind(labels))
}

/// How a group's kind is read aloud.
fn kind_words(detail: &str) -> String {
    match detail {
        "strategy_group" => "statutory strategy group".into(),
        "county_strategy_group" => "county strategy group".into(),
        "crime_and_disorder_committee" => "crime and disorder (scrutiny) committee".into(),
        "dhr_panel" => "domestic homicide review panel".into(),
        "pcc_convened" => "meeting convened by the police and crime commissioner".into(),
        other => other.replace('_', " "),
    }
}

/// One line of a membership list: a heading, or a member (wrapped, perhaps marked).
enum Item {
    Heading(String),
    Member { lines: Vec<String>, marked: bool },
}

impl Item {
    /// Its height as drawn (headings are short enough to take one line).
    fn height(&self) -> f64 {
        match self {
            Item::Heading(_) => SMALL_LINE,
            Item::Member { lines, .. } => lines.len() as f64 * LINE + 2.0,
        }
    }
}

/// A drawn piece in its own coordinates: its size and its SVG elements.
struct Block {
    h: f64,
    body: String,
}

fn num(v: f64) -> String {
    // One decimal place, so the same layout always prints the same bytes.
    let r = (v * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

/// One line of text at (x, y) (y is the baseline).
fn text(out: &mut String, x: f64, y: f64, size: f64, style: &str, s: &str) {
    let _ = write!(
        out,
        "<text x=\"{}\" y=\"{}\" font-size=\"{}\"{style}>",
        num(x),
        num(y),
        num(size)
    );
    push_escaped(out, s);
    out.push_str("</text>");
}

const BOLD: &str = " font-weight=\"bold\"";
const ITALIC: &str = " font-style=\"italic\" fill=\"#333\"";
const MARKED: &str = " font-weight=\"bold\" fill=\"#8b0000\"";

/// Everything the layout needs, indexed once.
struct Plan<'a> {
    s: &'a Structure,
    marks: &'a Marks,
    slug: String,
    /// The seats on each group: (member node, role words), chair first, then in record order.
    seats: Vec<Vec<(usize, &'a str)>>,
    /// Reporting lines from each group: (group it reports to, drawn by a frame).
    reports: Vec<Vec<(usize, bool)>>,
    /// Groups drawn in each group's frame, in order.
    children: Vec<Vec<usize>>,
    depth: Vec<usize>,
    strategy: Vec<usize>,
    committees: Vec<usize>,
    others: Vec<usize>,
    unseated: Vec<usize>,
}

impl<'a> Plan<'a> {
    fn new(s: &'a Structure, marks: &'a Marks) -> Plan<'a> {
        let n = s.nodes.len();
        let index: BTreeMap<&str, usize> = s
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id.as_str(), i))
            .collect();
        let is_group = |i: usize| s.nodes[i].kind == NodeKind::Group;
        let detail = |i: usize| s.nodes[i].detail.as_str();
        let mut seats: Vec<Vec<(usize, &str)>> = vec![Vec::new(); n];
        let mut seated = vec![false; n];
        let mut parents: Vec<Vec<usize>> = vec![Vec::new(); n];
        for e in &s.edges {
            let (Some(&from), Some(&to)) = (index.get(e.from.as_str()), index.get(e.to.as_str()))
            else {
                continue;
            };
            if e.kind == "member" {
                seats[to].push((from, e.label.as_str()));
                seated[from] = true;
            } else if is_group(from) && is_group(to) && from != to {
                parents[from].push(to);
            }
        }
        for list in &mut seats {
            // Stable: chairs first, then vice chairs, then the rest as recorded.
            list.sort_by_key(|&(_, role)| {
                if role.starts_with("chair") {
                    0
                } else if role.starts_with("vice chair") {
                    1
                } else {
                    2
                }
            });
        }
        // A person's seat represents their organisation, which is then not "without a seat".
        for (i, node) in s.nodes.iter().enumerate() {
            if node.kind == NodeKind::Person
                && seated[i]
                && let Some(&o) = node.organisation.as_deref().and_then(|o| index.get(o))
            {
                seated[o] = true;
            }
        }
        // The groups at the top: the statutory strategy groups, or, in a county partnership
        // that records none, its county strategy groups.
        let of_kind = |kind: &str| -> Vec<usize> {
            (0..n)
                .filter(|&i| is_group(i) && detail(i) == kind)
                .collect()
        };
        let mut strategy = of_kind("strategy_group");
        if strategy.is_empty() {
            strategy = of_kind("county_strategy_group");
        }
        let mut top = vec![false; n];
        for &g in &strategy {
            top[g] = true;
        }
        let committees: Vec<usize> = (0..n)
            .filter(|&i| is_group(i) && detail(i) == "crime_and_disorder_committee")
            .collect();
        // The frame a group sits in: the first group it reports to that can hold a frame (not a
        // committee, which is drawn in its own column). The groups at the top and committees
        // sit in no frame.
        let framed =
            |i: usize| is_group(i) && !top[i] && detail(i) != "crime_and_disorder_committee";
        let mut parent: Vec<Option<usize>> = vec![None; n];
        let mut kids: Vec<Vec<usize>> = vec![Vec::new(); n];
        for i in (0..n).filter(|&i| framed(i)) {
            if let Some(&p) = parents[i]
                .iter()
                .find(|&&p| detail(p) != "crime_and_disorder_committee")
            {
                parent[i] = Some(p);
                kids[p].push(i);
            }
        }
        // Place the groups by walking down from the strategy groups, then from groups that report
        // to nothing drawn; what is left is in a reporting cycle, and each cycle is entered at its
        // first group. Each group is placed once, so this is linear.
        let mut placed = vec![false; n];
        let mut depth = vec![0; n];
        let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut framed_by: Vec<Option<usize>> = vec![None; n];
        let mut walk = |root: usize, placed: &mut Vec<bool>| {
            placed[root] = true;
            let mut stack = vec![root];
            while let Some(p) = stack.pop() {
                for &c in kids[p].iter().rev() {
                    if !placed[c] {
                        placed[c] = true;
                        depth[c] = depth[p] + 1;
                        framed_by[c] = Some(p);
                        children[p].push(c);
                        stack.push(c);
                    }
                }
            }
        };
        for &g in &strategy {
            walk(g, &mut placed);
        }
        let mut others = Vec::new();
        for i in (0..n).filter(|&i| framed(i) && parent[i].is_none()) {
            others.push(i);
            walk(i, &mut placed);
        }
        for i in 0..n {
            if framed(i) && !placed[i] {
                others.push(i);
                walk(i, &mut placed);
            }
        }
        // The walk pushed children in reverse; put each frame back in record order.
        for list in &mut children {
            list.reverse();
        }
        let mut reports: Vec<Vec<(usize, bool)>> = vec![Vec::new(); n];
        for (i, ps) in parents.iter().enumerate() {
            for &p in ps {
                let drawn = framed_by[i] == Some(p) && depth[i] <= MAX_NEST;
                reports[i].push((p, drawn));
            }
        }
        let unseated = (0..n)
            .filter(|&i| s.nodes[i].kind == NodeKind::Organisation && !seated[i])
            .collect();
        Plan {
            s,
            marks,
            slug: slug(&s.partnership),
            seats,
            reports,
            children,
            depth,
            strategy,
            committees,
            others,
            unseated,
        }
    }

    fn node(&self, i: usize) -> &'a Node {
        &self.s.nodes[i]
    }

    fn node_mark(&self, i: usize) -> Option<&'a Vec<String>> {
        self.marks.nodes.get(&self.node(i).id)
    }

    /// A group's card at width `w`: its name, kind, marks, the lines it reports along that no
    /// frame shows, and its members in two groups (side by side when the card is wide).
    fn card(&self, g: usize, w: f64) -> Block {
        let node = self.node(g);
        let inner = w - 2.0 * PAD;
        let mut body = String::new();
        let mut y = PAD;
        let mark = self.node_mark(g);
        let head = wrap(&node.label, inner, HEAD, true);
        if mark.is_some() {
            let _ = write!(
                body,
                "<rect x=\"2\" y=\"2\" width=\"{}\" height=\"{}\" rx=\"7\" fill=\"url(#hatch-{})\"/>",
                num(w - 4.0),
                num(head.len() as f64 * HEAD_LINE + PAD + 2.0),
                self.slug
            );
        }
        for l in &head {
            y += HEAD_LINE;
            text(&mut body, PAD, y - 4.0, HEAD, BOLD, l);
        }
        for l in wrap(&kind_words(&node.detail), inner, SMALL, false) {
            y += SMALL_LINE;
            text(&mut body, PAD, y - 3.0, SMALL, ITALIC, &l);
        }
        if let Some(labels) = mark {
            for l in wrap(&mark_words(labels, "this group is"), inner, SMALL, true) {
                y += SMALL_LINE;
                text(&mut body, PAD, y - 3.0, SMALL, MARKED, &l);
            }
        }
        for &(to, drawn) in &self.reports[g] {
            let key = (node.id.clone(), self.node(to).id.clone());
            let line_mark = self.marks.lines.get(&key);
            if drawn && line_mark.is_none() {
                continue;
            }
            let mut words = format!("Reports to {}", self.node(to).label);
            if let Some(labels) = line_mark {
                words = format!("{words} ({})", mark_words(labels, "this line is"));
            }
            let style = if line_mark.is_some() { MARKED } else { "" };
            for l in wrap(&words, inner, SMALL, line_mark.is_some()) {
                y += SMALL_LINE;
                text(&mut body, PAD, y - 3.0, SMALL, style, &l);
            }
        }
        y += 4.0;
        if self.seats[g].is_empty() {
            y += SMALL_LINE;
            text(
                &mut body,
                PAD,
                y - 3.0,
                SMALL,
                ITALIC,
                "No members recorded",
            );
            return Block { h: y + PAD, body };
        }
        // Members flow down one column, or, on a card wide enough, down two like a
        // newspaper's, so a long membership does not make a tall, half-empty card.
        let col = (inner - GAP) / 2.0;
        if inner >= 340.0 && self.seats[g].len() > 2 {
            let items = self.members(g, col);
            let total: f64 = items.iter().map(Item::height).sum();
            // Where to start the second column: the split that makes the taller column
            // shortest, where starting mid-section costs its repeated heading and a little
            // more, so a short list breaks between its sections, not inside one. A heading is
            // never left at the foot of the first column.
            let mut split = items.len();
            let mut best = total;
            let mut above = 0.0;
            for k in 1..items.len() {
                above += items[k - 1].height();
                if matches!(items[k - 1], Item::Heading(_)) {
                    continue;
                }
                let mid = matches!(items[k], Item::Member { .. });
                let below = total - above + if mid { SMALL_LINE + 2.0 * LINE } else { 0.0 };
                let cost = above.max(below);
                if cost < best {
                    best = cost;
                    split = k;
                }
            }
            let mut left = y;
            for item in &items[..split] {
                left = self.draw_item(&mut body, item, PAD, left, col);
            }
            let mut right = y;
            // The second column starts mid-section: say which, again.
            if let Some(Item::Member { .. }) = items.get(split)
                && let Some(Item::Heading(title)) = items[..split]
                    .iter()
                    .rev()
                    .find(|i| matches!(i, Item::Heading(_)))
            {
                let name = title.rsplit_once(" (").map_or(title.as_str(), |(n, _)| n);
                let again = Item::Heading(format!("{name}, continued"));
                right = self.draw_item(&mut body, &again, PAD + col + GAP, right, col);
            }
            for item in &items[split..] {
                right = self.draw_item(&mut body, item, PAD + col + GAP, right, col);
            }
            y = left.max(right);
        } else {
            for item in &self.members(g, inner) {
                y = self.draw_item(&mut body, item, PAD, y, inner);
            }
        }
        Block { h: y + PAD, body }
    }

    /// A group's members as drawn in a column `w` wide: responsible authorities, then other
    /// partners and people, each under a heading with its count.
    fn members(&self, g: usize, w: f64) -> Vec<Item> {
        let (ra, other): (Vec<_>, Vec<_>) = self.seats[g]
            .iter()
            .partition(|&&(m, _)| self.node(m).responsible_authority);
        let group = &self.node(g).id;
        let mut items = Vec::new();
        for (title, list) in [
            ("Responsible authorities", ra),
            ("Other partners and people", other),
        ] {
            if list.is_empty() {
                continue;
            }
            items.push(Item::Heading(format!("{title} ({})", list.len())));
            for &(m, role) in list {
                let member = self.node(m);
                let seat_mark = self.marks.seats.get(&(member.id.clone(), group.clone()));
                let node_mark = self.node_mark(m);
                let marked = seat_mark.is_some() || node_mark.is_some();
                let mut words = String::new();
                if marked {
                    words.push_str("⚠ ");
                }
                words.push_str(&member.label);
                if !role.is_empty() {
                    let _ = write!(words, " — {role}");
                }
                if marked {
                    let mut labels: Vec<String> = Vec::new();
                    for l in seat_mark.into_iter().chain(node_mark).flatten() {
                        if !labels.contains(l) {
                            labels.push(l.clone());
                        }
                    }
                    let _ = write!(words, " ({})", behind(&labels));
                }
                items.push(Item::Member {
                    lines: wrap(&words, w - 12.0, SIZE, false),
                    marked,
                });
            }
        }
        items
    }

    /// Draws one item of a membership list at `y`; returns where the next begins.
    fn draw_item(&self, body: &mut String, item: &Item, x: f64, mut y: f64, w: f64) -> f64 {
        match item {
            Item::Heading(title) => {
                for l in wrap(title, w, SMALL, true) {
                    y += SMALL_LINE;
                    text(body, x, y - 3.0, SMALL, BOLD, &l);
                }
            }
            Item::Member { lines, marked } => {
                if *marked {
                    let _ = write!(
                        body,
                        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"url(#hatch-{})\" stroke=\"{MARK}\" stroke-width=\"1.5\" stroke-dasharray=\"4 2\"/>",
                        num(x - 2.0),
                        num(y + 1.0),
                        num(w + 2.0),
                        num(lines.len() as f64 * LINE + 2.0),
                        self.slug
                    );
                }
                for (k, l) in lines.iter().enumerate() {
                    y += LINE;
                    if k == 0 {
                        text(body, x, y - 3.0, SIZE, "", "•");
                    }
                    text(body, x + 10.0, y - 3.0, SIZE, "", l);
                }
                y += 2.0;
            }
        }
        y
    }

    /// A card with its box, at its final size.
    fn boxed(
        &self,
        out: &mut String,
        g: usize,
        (x, y): (f64, f64),
        (w, h): (f64, f64),
        card: &Block,
    ) {
        let marked = self.node_mark(g).is_some();
        let stroke = if marked {
            format!("stroke=\"{MARK}\" stroke-width=\"3\" stroke-dasharray=\"9 4\"")
        } else {
            format!("stroke=\"{INK}\" stroke-width=\"1.2\"")
        };
        let _ = write!(
            out,
            "<g transform=\"translate({} {})\"><rect width=\"{}\" height=\"{}\" rx=\"8\" fill=\"#f3f6fb\" {stroke}/>{}</g>",
            num(x),
            num(y),
            num(w),
            num(h),
            card.body
        );
    }

    /// A group and, below it, the frame of groups that report to it, `w` wide; the card itself
    /// `card_w` wide (narrower at the top, where the committee sits beside it, `beside` tall, so
    /// the frame starts below both).
    fn tree(&self, g: usize, w: f64, card_w: f64, beside: f64) -> (Block, Block) {
        let card = self.card(g, card_w);
        let mut body = String::new();
        self.boxed(&mut body, g, (0.0, 0.0), (card_w, card.h), &card);
        let mut h = card.h;
        let kids = &self.children[g];
        if !kids.is_empty() {
            let top = h.max(beside) + 24.0;
            let inner = w - 2.0 * PAD;
            let caption = format!(
                "{} group{} reporting to {}:",
                kids.len(),
                if kids.len() == 1 { "" } else { "s" },
                self.node(g).label
            );
            let caption_lines = wrap(&caption, inner, SMALL, false);
            let grid = self.grid(kids, inner, self.depth[g] + 1);
            let frame_h = PAD + caption_lines.len() as f64 * SMALL_LINE + 4.0 + grid.h + PAD;
            let _ = write!(
                body,
                "<rect x=\"0\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"4\" fill=\"#fafafa\" stroke=\"#777\" stroke-width=\"1\"/>",
                num(top),
                num(w),
                num(frame_h)
            );
            // The reporting line: from the frame up to the group, the arrow at the group.
            let _ = write!(
                body,
                "<line x1=\"28\" y1=\"{}\" x2=\"28\" y2=\"{}\" stroke=\"{INK}\" stroke-width=\"2.5\" marker-end=\"url(#arrow-{})\"/>",
                num(top),
                num(card.h + 1.0),
                self.slug
            );
            text(&mut body, 38.0, top - 9.0, SMALL, ITALIC, "report to");
            let mut y = top + PAD;
            for l in &caption_lines {
                y += SMALL_LINE;
                text(&mut body, PAD, y - 3.0, SMALL, ITALIC, l);
            }
            let _ = write!(
                body,
                "<g transform=\"translate({} {})\">{}</g>",
                num(PAD),
                num(y + 4.0),
                grid.body
            );
            h = top + frame_h;
        }
        (card, Block { h, body })
    }

    /// Groups side by side in rows that wrap at `w`. A group with a frame of its own takes a
    /// full row; past the deepest frame, a group's descendants follow it in the same rows.
    fn grid(&self, items: &[usize], w: f64, depth: usize) -> Block {
        let per_row = (((w + GAP) / (MIN_CARD + GAP)).floor() as usize).max(1);
        let card_w = (w - (per_row - 1) as f64 * GAP) / per_row as f64;
        let mut body = String::new();
        let mut y = 0.0;
        let mut row: Vec<(usize, Block)> = Vec::new();
        let flush = |row: &mut Vec<(usize, Block)>, body: &mut String, y: &mut f64| {
            if row.is_empty() {
                return;
            }
            let h = row.iter().map(|(_, b)| b.h).fold(0.0, f64::max);
            for (k, (g, card)) in row.iter().enumerate() {
                self.boxed(body, *g, (k as f64 * (card_w + GAP), *y), (card_w, h), card);
            }
            *y += h + GAP;
            row.clear();
        };
        for &g in items {
            if depth < MAX_NEST && !self.children[g].is_empty() {
                flush(&mut row, &mut body, &mut y);
                let (_, tree) = self.tree(g, w, w, 0.0);
                let _ = write!(
                    body,
                    "<g transform=\"translate(0 {})\">{}</g>",
                    num(y),
                    tree.body
                );
                y += tree.h + GAP;
                continue;
            }
            // This group, then (past the deepest frame) everything below it, in order.
            let mut stack = vec![g];
            while let Some(c) = stack.pop() {
                row.push((c, self.card(c, card_w)));
                if row.len() == per_row {
                    flush(&mut row, &mut body, &mut y);
                }
                stack.extend(self.children[c].iter().rev());
            }
        }
        flush(&mut row, &mut body, &mut y);
        Block {
            h: (y - GAP).max(0.0),
            body,
        }
    }

    /// Bodies with no seat on any group, as labelled boxes flowing in rows, in two groups.
    fn unseated_block(&self, w: f64) -> Block {
        let mut body = String::new();
        let mut y = 0.0;
        let (ra, other): (Vec<usize>, Vec<usize>) = self
            .unseated
            .iter()
            .partition(|&&i| self.node(i).responsible_authority);
        for (title, list) in [
            ("Responsible authorities with no seat on a group", ra),
            ("Other bodies recorded with no seat on a group", other),
        ] {
            if list.is_empty() {
                continue;
            }
            y += SMALL_LINE + 2.0;
            text(&mut body, 0.0, y - 4.0, SMALL, BOLD, title);
            let mut x = 0.0;
            let mut row_h: f64 = 0.0;
            for i in list {
                let node = self.node(i);
                let labels = self.node_mark(i);
                let mut words = node.label.clone();
                if let Some(labels) = labels {
                    words = format!("⚠ {words} ({})", behind(labels));
                }
                // A pixel over the estimate, so rounding never wraps the last word of a box
                // sized to fit it.
                let natural = width(&words, SIZE, labels.is_some()) + 2.0 * PAD + 1.0;
                let chip_w = natural.min(w);
                let lines = wrap(&words, chip_w - 2.0 * PAD, SIZE, labels.is_some());
                let chip_h = lines.len() as f64 * LINE + 2.0 * 5.0;
                if x > 0.0 && x + chip_w > w {
                    x = 0.0;
                    y += row_h + 6.0;
                    row_h = 0.0;
                }
                let (fill, stroke) = if labels.is_some() {
                    (
                        format!("url(#hatch-{})", self.slug),
                        format!("stroke=\"{MARK}\" stroke-width=\"3\" stroke-dasharray=\"9 4\""),
                    )
                } else {
                    (
                        "#fff".to_string(),
                        format!("stroke=\"{INK}\" stroke-width=\"1\""),
                    )
                };
                let _ = write!(
                    body,
                    "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{fill}\" {stroke}/>",
                    num(x),
                    num(y),
                    num(chip_w),
                    num(chip_h)
                );
                for (k, l) in lines.iter().enumerate() {
                    let style = if labels.is_some() { BOLD } else { "" };
                    text(
                        &mut body,
                        x + PAD,
                        y + 5.0 + (k + 1) as f64 * LINE - 3.0,
                        SIZE,
                        style,
                        l,
                    );
                }
                x += chip_w + 6.0;
                row_h = row_h.max(chip_h);
            }
            y += row_h + 8.0;
        }
        Block { h: y, body }
    }

    /// The key to the marks and shapes, so the picture explains itself on paper.
    fn key(&self, w: f64) -> Block {
        let mut body = String::new();
        let _ = write!(
            body,
            "<rect x=\"0\" y=\"0\" width=\"30\" height=\"16\" rx=\"4\" fill=\"url(#hatch-{})\" stroke=\"{MARK}\" stroke-width=\"3\" stroke-dasharray=\"9 4\"/>",
            self.slug
        );
        let words = "⚠, hatching and a dashed border: behind a finding. Rounded boxes are groups, \
                     listing their members; a frame holds the groups that report to the group \
                     above it; square boxes are bodies with no seat.";
        let lines = wrap(words, w - 40.0, SMALL, false);
        for (k, l) in lines.iter().enumerate() {
            text(&mut body, 40.0, 12.0 + k as f64 * SMALL_LINE, SMALL, "", l);
        }
        Block {
            h: (lines.len() as f64 * SMALL_LINE).max(16.0) + 4.0,
            body,
        }
    }

    /// A text outline of the picture, for its `<desc>`: the same facts in reading order.
    fn outline(&self) -> String {
        let mut out = String::new();
        let mut order: Vec<usize> = Vec::new();
        for &g in self
            .strategy
            .iter()
            .chain(&self.committees)
            .chain(&self.others)
        {
            let mut stack = vec![g];
            while let Some(c) = stack.pop() {
                order.push(c);
                stack.extend(self.children[c].iter().rev());
            }
        }
        for g in order {
            let node = self.node(g);
            let _ = write!(out, " {} ({}", node.label, kind_words(&node.detail));
            for &(to, _) in &self.reports[g] {
                let _ = write!(out, ", reports to {}", self.node(to).label);
            }
            if self.node_mark(g).is_some() {
                out.push_str(", behind a finding");
            }
            out.push(')');
            if self.seats[g].is_empty() {
                out.push_str(": no members recorded.");
                continue;
            }
            out.push_str(": members ");
            let names: Vec<String> = self.seats[g]
                .iter()
                .map(|&(m, role)| {
                    let member = self.node(m);
                    let mut s = member.label.clone();
                    if !role.is_empty() {
                        let _ = write!(s, ", {role}");
                    }
                    let seat = (member.id.clone(), node.id.clone());
                    if self.marks.seats.contains_key(&seat) || self.node_mark(m).is_some() {
                        s.push_str(", behind a finding");
                    }
                    s
                })
                .collect();
            out.push_str(&names.join("; "));
            out.push('.');
        }
        if !self.unseated.is_empty() {
            let names: Vec<&str> = self
                .unseated
                .iter()
                .map(|&i| self.node(i).label.as_str())
                .collect();
            let _ = write!(out, " With no seat on a group: {}.", names.join("; "));
        }
        out
    }
}

/// An id fragment from the partnership's id, so each picture in a pack has ids of its own.
pub(crate) fn slug(id: &str) -> String {
    id.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

/// The pattern and arrowhead the picture refers to.
fn defs(slug: &str) -> String {
    format!(
        "<defs><pattern id=\"hatch-{slug}\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"8\" height=\"8\" fill=\"#fde8ea\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"8\" stroke=\"{MARK}\" stroke-width=\"2.5\" stroke-opacity=\"0.45\"/></pattern>\
         <marker id=\"arrow-{slug}\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"{INK}\"/></marker></defs>"
    )
}

/// The whole picture.
pub(crate) fn svg(s: &Structure, marks: &Marks) -> String {
    let plan = Plan::new(s, marks);
    let slug = &plan.slug;
    let full = W - 2.0 * MARGIN;
    let mut body = String::new();
    let mut y = MARGIN;
    // The day in words, as the pack writes it ("1 October 2022").
    let day = s
        .as_of
        .parse::<scrutineer_graph::Date>()
        .map(|d| d.long())
        .unwrap_or_else(|_| s.as_of.clone());
    let title = format!(
        "Accountability structure of {} as of {day}",
        super::xml::clean(&s.name)
    );
    for l in wrap(&title, full, 15.0, true) {
        y += 19.0;
        text(&mut body, MARGIN, y - 4.0, 15.0, BOLD, &l);
    }
    y += 10.0;
    if s.nodes.is_empty() {
        y += LINE;
        text(
            &mut body,
            MARGIN,
            y - 3.0,
            SIZE,
            "",
            "No groups or organisations are recorded.",
        );
    }
    // The top: the first strategy group, with the committee beside it when there is one.
    let mut strategy = plan.strategy.iter();
    let first = strategy.next();
    if let Some(&g) = first {
        let card_w = if plan.committees.is_empty() {
            full
        } else {
            full - COMMITTEE_W - ARROW_GAP
        };
        // The committee column first: the strategy group's frame must start below it.
        let cards: Vec<Block> = plan
            .committees
            .iter()
            .map(|&c| plan.card(c, COMMITTEE_W))
            .collect();
        let column_h = cards.iter().map(|c| c.h + GAP).sum::<f64>() - GAP;
        let (card, tree) = plan.tree(g, full, card_w, column_h.max(0.0));
        let mut committee_y = 0.0;
        let mut column = String::new();
        for (k, (&c, cc)) in plan.committees.iter().zip(&cards).enumerate() {
            plan.boxed(
                &mut column,
                c,
                (full - COMMITTEE_W, committee_y),
                (COMMITTEE_W, cc.h),
                cc,
            );
            // The committee scrutinises the partnership's work: an arrow to the strategy group,
            // level where the card allows, slanting up to it where the committee sits lower.
            let from_y = committee_y + 24.0;
            let to_y = from_y.min(card.h - 12.0 - 6.0 * k as f64).max(12.0);
            let _ = write!(
                column,
                "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{INK}\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\" marker-end=\"url(#arrow-{slug})\"/>",
                num(full - COMMITTEE_W),
                num(from_y),
                num(card_w + 1.0),
                num(to_y)
            );
            if k == 0 {
                text(
                    &mut column,
                    card_w + 8.0,
                    from_y - 6.0,
                    SMALL,
                    ITALIC,
                    "scrutinises",
                );
            }
            committee_y += cc.h + GAP;
        }
        let _ = write!(
            body,
            "<g transform=\"translate({} {})\">{}{}</g>",
            num(MARGIN),
            num(y),
            tree.body,
            column
        );
        y += tree.h.max(column_h) + 2.0 * GAP;
    }
    if first.is_none() && !plan.committees.is_empty() {
        let grid = plan.grid(&plan.committees, full, MAX_NEST);
        let _ = write!(
            body,
            "<g transform=\"translate({} {})\">{}</g>",
            num(MARGIN),
            num(y),
            grid.body
        );
        y += grid.h + 2.0 * GAP;
    }
    for &g in strategy {
        let (_, tree) = plan.tree(g, full, full, 0.0);
        let _ = write!(
            body,
            "<g transform=\"translate({} {})\">{}</g>",
            num(MARGIN),
            num(y),
            tree.body
        );
        y += tree.h + 2.0 * GAP;
    }
    if !plan.others.is_empty() {
        let heading = if plan.strategy.is_empty() {
            "Groups"
        } else {
            "Other groups, with no reporting line to the strategy group recorded"
        };
        for l in wrap(heading, full, HEAD, true) {
            y += HEAD_LINE;
            text(&mut body, MARGIN, y - 4.0, HEAD, BOLD, &l);
        }
        y += 6.0;
        let grid = plan.grid(&plan.others, full, 0);
        let _ = write!(
            body,
            "<g transform=\"translate({} {})\">{}</g>",
            num(MARGIN),
            num(y),
            grid.body
        );
        y += grid.h + 2.0 * GAP;
    }
    if !plan.unseated.is_empty() {
        let block = plan.unseated_block(full);
        let _ = write!(
            body,
            "<g transform=\"translate({} {})\">{}</g>",
            num(MARGIN),
            num(y),
            block.body
        );
        y += block.h + GAP;
    }
    let key = plan.key(full);
    let _ = write!(
        body,
        "<g transform=\"translate({} {})\">{}</g>",
        num(MARGIN),
        num(y),
        key.body
    );
    y += key.h + MARGIN;
    let h = y.ceil();
    let mut desc = s.description();
    desc.push_str(&plan.outline());
    format!(
        "<svg role=\"img\" aria-labelledby=\"title-{slug} desc-{slug}\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" preserveAspectRatio=\"xMidYMin meet\" style=\"width:100%;height:auto;break-inside:avoid\" font-family=\"Helvetica, Arial, sans-serif\" fill=\"{INK}\">\
         <title id=\"title-{slug}\">{}</title><desc id=\"desc-{slug}\">{}</desc>{}{body}</svg>\n",
        escape(&format!("Accountability structure of {}", s.name)),
        escape(&desc),
        defs(slug),
        w = num(W),
        h = num(h),
    )
}
