//! The briefing pack as a Word document, for officers to paste into the council's committee
//! report template: real headings (Word's own "heading 1" to "heading 3", so the template's
//! styles and navigation pane apply), tables with a bold header row, and the same first
//! page, requests, sources and appendix as the HTML pack. Written with docx-rs.
//!
//! Each partnership's structure is drawn as a picture (the SVG of the HTML pack, drawn as a PNG
//! by [`raster`](crate::structure::raster) at print resolution), with its text description
//! as the picture's alternative text and again as the caption beneath it; when the picture
//! cannot be drawn, the caption stands alone. [`Figures`] adds any such picture.
//!
//! The pack must be the same bytes each time. docx-rs numbers pictures and hyperlinks from
//! counters shared by the whole process, so pictures are given ids of their own, counted per
//! pack; addresses are written out as text rather than as Word hyperlinks.

use docx_rs::{
    AlignmentType, Docx, LineSpacing, LineSpacingType, PageMargin, Paragraph, Pic, Run, RunFonts,
    Shading, Style, StyleType, Table, TableCell, TableLayoutType, TableRow, WidthType,
};
use scrutineer_graph::Date;
use scrutineer_rules::{Finding, Outcome, Severity};

use crate::ResultSet;
use crate::brief::{Brief, capital, plain, severity_label};
use crate::structure::Structure;

/// A4 in twentieths of a point, and a 2 cm margin.
const A4: (u32, u32) = (11906, 16838);
const MARGIN: i32 = 1134;
/// The text width between the margins, in twentieths of a point.
const TEXT_WIDTH: usize = (A4.0 as usize) - 2 * (MARGIN as usize);

/// Text as Word may hold it: XML 1.0 has no place for control characters, so each is shown as
/// a replacement character (as the HTML pack does).
fn clean(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { '\u{FFFD}' } else { c })
        .collect()
}

fn text(s: &str) -> Run {
    Run::new().add_text(clean(s))
}

/// Pictures are drawn at 200 pixels to the inch, print resolution.
const DPI: u32 = 200;
/// English Metric Units, Word's unit of a picture's size: 914,400 to the inch.
const EMU_PER_PIXEL: u32 = 914_400 / DPI;
/// The tallest a picture may be: 125 mm. The HTML pack prints at most 105 mm, to keep what comes
/// before its appendix on three pages; a Word picture goes into a report of any length.
const FIGURE_HEIGHT: u32 = 125 * DPI * 10 / 254;

/// The pictures of one pack, numbered from 1 as they are made.
///
/// docx-rs cannot give a picture alternative text (it writes each `wp:docPr` as
/// `id="1" name="Figure"`), so [`Figures::figure`] keeps each picture's text and
/// [`Figures::pack`] writes it into the document's `wp:docPr descr`, with an id of its own.
#[derive(Default)]
struct Figures {
    /// Each picture's relationship id, with its alternative text.
    alt: Vec<(String, String)>,
}

impl Figures {
    /// A paragraph holding `svg` drawn as a picture the width of the text (narrower if it would
    /// be taller than [`FIGURE_HEIGHT`]), with `alt` as its alternative text, kept on the page of
    /// the paragraph after it (its caption); `None` when it cannot be drawn, and the pack goes
    /// without it.
    fn figure(&mut self, svg: &str, alt: &str) -> Option<Paragraph> {
        let max_width = (TEXT_WIDTH as u32) * DPI / 1440;
        let png = crate::structure::raster::png(svg, max_width, FIGURE_HEIGHT).ok()?;
        // An id per pack, not docx-rs's counter for the whole process.
        let id = format!("rIdFigure{}", self.alt.len() + 1);
        self.alt.push((id.clone(), clean(alt)));
        let pic = Pic::new_with_dimensions(png.bytes, png.width, png.height)
            .id(id)
            .size(png.width * EMU_PER_PIXEL, png.height * EMU_PER_PIXEL);
        Some(
            Paragraph::new()
                .add_run(Run::new().add_image(pic))
                .align(AlignmentType::Center)
                .keep_next(true)
                // Single, not exact, line spacing, whatever the template's: an exact line
                // height would show only a strip of the picture.
                .line_spacing(
                    LineSpacing::new()
                        .line_rule(LineSpacingType::Auto)
                        .line(240)
                        .before(AFTER)
                        .after(AFTER),
                ),
        )
    }

    /// The document as a `.docx` file, with the pictures' alternative text.
    fn pack(&self, doc: Docx) -> Vec<u8> {
        let mut xml = doc.build();
        xml.document = self.describe(&xml.document);
        let mut out = std::io::Cursor::new(Vec::new());
        xml.pack(&mut out).expect("writing to memory does not fail");
        out.into_inner()
    }

    /// `document` (docx-rs's `word/document.xml`) with each picture's `wp:docPr` numbered in
    /// order and given the alternative text of the picture it frames (found by the
    /// relationship id that follows it).
    fn describe(&self, document: &[u8]) -> Vec<u8> {
        const DOC_PR: &str = "<wp:docPr id=\"1\" name=\"Figure\" />";
        let Ok(xml) = std::str::from_utf8(document) else {
            return document.to_vec();
        };
        let mut out = String::with_capacity(xml.len());
        let mut rest = xml;
        let mut n = 0;
        while let Some(at) = rest.find(DOC_PR) {
            out.push_str(&rest[..at]);
            rest = &rest[at + DOC_PR.len()..];
            n += 1;
            let embed = rest
                .find("r:embed=\"")
                .map(|i| &rest[i + 9..])
                .and_then(|r| r.split('"').next())
                .unwrap_or("");
            let alt = self
                .alt
                .iter()
                .find(|(id, _)| id == embed)
                .map(|(_, alt)| alt.as_str())
                .unwrap_or("");
            out.push_str(&format!(
                "<wp:docPr id=\"{n}\" name=\"Figure {n}\" descr=\"{}\" />",
                attribute(alt)
            ));
        }
        out.push_str(rest);
        out.into_bytes()
    }
}

/// Text as an XML attribute value (already [`clean`]ed).
fn attribute(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// Space after a paragraph, in twentieths of a point: enough to tell paragraphs apart.
const AFTER: u32 = 100;

fn para(s: &str) -> Paragraph {
    Paragraph::new()
        .add_run(text(s))
        .line_spacing(LineSpacing::new().after(AFTER))
}

fn heading(level: usize, s: &str) -> Paragraph {
    Paragraph::new()
        .add_run(text(s))
        .style(&format!("Heading{level}"))
}

/// A paragraph starting with a bold label: "Why it matters: ...".
fn labelled(label: &str, s: &str) -> Paragraph {
    Paragraph::new()
        .add_run(Run::new().add_text(format!("{label}: ")).bold())
        .add_run(text(s))
        .indent(Some(360), None, None, None)
        .line_spacing(LineSpacing::new().after(AFTER / 2))
}

/// A table with a bold, shaded header row (docx-rs cannot mark it to repeat on each page), and
/// columns of the given shares of the text width.
fn table(heads: &[&str], shares: &[usize], rows: Vec<Vec<String>>) -> Table {
    let total: usize = shares.iter().sum();
    let widths: Vec<usize> = shares.iter().map(|s| TEXT_WIDTH * s / total).collect();
    let cell = |s: &str, w: usize| {
        TableCell::new()
            .add_paragraph(Paragraph::new().add_run(text(s)))
            .width(w, WidthType::Dxa)
    };
    let head = TableRow::new(
        heads
            .iter()
            .zip(&widths)
            .map(|(h, w)| {
                TableCell::new()
                    .add_paragraph(Paragraph::new().add_run(text(h).bold()))
                    .width(*w, WidthType::Dxa)
                    .shading(Shading::new().fill("E6E6E6"))
            })
            .collect(),
    )
    .cant_split();
    let mut all = vec![head];
    all.extend(rows.into_iter().map(|r| {
        TableRow::new(r.iter().zip(&widths).map(|(s, w)| cell(s, *w)).collect()).cant_split()
    }));
    Table::new(all)
        .set_grid(widths.clone())
        .layout(TableLayoutType::Fixed)
        .width(TEXT_WIDTH, WidthType::Dxa)
}

/// Renders the briefing pack as a `.docx` file.
pub fn render_docx(set: &ResultSet<'_>, extras: &crate::PackExtras<'_>) -> Vec<u8> {
    let title = format!(
        "Community safety partnership briefing, as of {}",
        set.as_of.long()
    );
    let mut doc = Docx::new()
        .page_size(A4.0, A4.1)
        .page_margin(
            PageMargin::new()
                .top(MARGIN)
                .bottom(MARGIN)
                .left(MARGIN)
                .right(MARGIN),
        )
        .default_fonts(RunFonts::new().ascii("Arial").hi_ansi("Arial").cs("Arial"))
        .default_size(22)
        .created_at(&format!("{}T00:00:00Z", set.as_of.iso()))
        .updated_at(&format!("{}T00:00:00Z", set.as_of.iso()))
        .add_style(
            Style::new("Title", StyleType::Paragraph)
                .name("Title")
                .size(36)
                .bold(),
        );
    for (level, size) in [(1, 32), (2, 28), (3, 24)] {
        doc = doc.add_style(
            Style::new(format!("Heading{level}"), StyleType::Paragraph)
                .name(format!("heading {level}"))
                .size(size)
                .bold()
                .outline_lvl(level - 1)
                .line_spacing(LineSpacing::new().before(240).after(AFTER)),
        );
    }
    doc = doc
        .add_paragraph(Paragraph::new().add_run(text(&title)).style("Title"))
        .add_paragraph(para(
            "A check of each partnership's records against the law and good practice, for the \
             crime and disorder committee. Fail means the records show a requirement is not met; \
             to request means the records held cannot settle it.",
        ))
        .add_paragraph(heading(1, "Summary"));
    let rows = set
        .partnerships
        .iter()
        .map(|p| {
            let mine: Vec<&Finding> = set
                .findings
                .iter()
                .copied()
                .filter(|f| f.partnership == p.id)
                .collect();
            let n = |o: Outcome, s: Option<Severity>| {
                mine.iter()
                    .filter(|f| f.outcome == o && s.is_none_or(|s| f.severity == s))
                    .count()
                    .to_string()
            };
            vec![
                p.name.clone(),
                n(Outcome::Fail, Some(Severity::Violation)),
                n(Outcome::Fail, Some(Severity::Warning)),
                n(Outcome::Fail, Some(Severity::Info)),
                n(Outcome::Unknown, None),
                n(Outcome::Waived, None),
            ]
        })
        .collect();
    doc = doc.add_table(table(
        &[
            "Partnership",
            "Violations",
            "Warnings",
            "For information",
            "To request",
            "Waived",
        ],
        &[34, 13, 13, 14, 13, 13],
        rows,
    ));
    // Each partnership's findings and graph gathered once, so the pack grows linearly.
    let by = crate::brief::ByPartnership::new(set, extras);
    let mut figures = Figures::default();
    for p in &set.partnerships {
        let graph = by.graph(&p.id);
        let brief = Brief::of(set, p, by.findings(&p.id), graph);
        doc = doc
            .add_paragraph(heading(1, &p.name).page_break_before(true))
            .add_paragraph(para(&format!(
                "Records: {}. Evaluated as of {}.",
                p.file,
                set.as_of.long()
            )));
        doc = doc.add_paragraph(match &p.stale_note {
            Some(note) => labelled("Note", &format!("{note}.")),
            None => para(&brief.reach(set.as_of)),
        });
        doc = first_page(doc, &brief, set.as_of);
        doc = scenarios(doc, set, extras, &p.id);
        if let Some(g) = graph {
            let s = Structure::build(g, set.as_of, by.findings(&p.id));
            let description = s.description();
            doc = doc.add_paragraph(heading(2, "Accountability structure").keep_next(true));
            if let Some(picture) = figures.figure(&s.to_svg(), &description) {
                doc = doc.add_paragraph(picture);
            }
            doc = doc.add_paragraph(para(&description));
        }
        if let Some(chart) = brief.opened_chart(set.as_of) {
            doc = doc
                .add_paragraph(heading(2, "How long each finding has been open").keep_next(true));
            if let Some(picture) = figures.figure(&chart, &brief.opened_description(set.as_of)) {
                doc = doc.add_paragraph(picture);
            }
        }
        doc = appendix(doc, set, &brief);
    }
    figures.pack(doc)
}

fn first_page(mut doc: Docx, brief: &Brief<'_>, as_of: Date) -> Docx {
    doc = doc.add_paragraph(heading(2, "What to raise"));
    if brief.findings.is_empty() {
        doc = doc.add_paragraph(para(
            "The records show no requirement unmet at this severity.",
        ));
    }
    for k in &brief.findings {
        let f = k.finding;
        doc = doc.add_paragraph(heading(
            3,
            &format!("{}: {}", severity_label(f.severity), k.message),
        ));
        if let Some(since) = k.open_since(as_of) {
            doc = doc.add_paragraph(labelled("Open", &capital(&since)));
        }
        for b in &k.bases {
            doc = doc.add_paragraph(labelled(
                "Why it matters",
                &format!(
                    "{}: {} ({}) ({}, {})",
                    b.title,
                    b.law,
                    b.url,
                    b.rule,
                    b.severity.as_str()
                ),
            ));
        }
        for e in &f.evidence {
            doc = doc.add_paragraph(labelled(
                "Evidence",
                e.source.as_deref().unwrap_or("no source recorded"),
            ));
        }
        if !k.sources.is_empty() {
            doc = doc.add_paragraph(labelled(
                "Sources",
                &crate::brief::source_numbers(&k.sources),
            ));
        }
        if let Some(note) = &f.note {
            doc = doc.add_paragraph(labelled("Note", note));
        }
        if !f.ask.is_empty() {
            doc = doc.add_paragraph(labelled("Question to ask", &format!("“{}”", plain(&f.ask))));
        }
    }
    doc = doc.add_paragraph(heading(2, "What is in order"));
    if brief.in_order.is_empty() {
        doc = doc.add_paragraph(para("The records show no check met."));
    }
    for a in &brief.in_order {
        let sources = if a.sources.is_empty() {
            String::new()
        } else {
            format!(" (sources {})", crate::brief::source_numbers(&a.sources))
        };
        doc = doc.add_paragraph(
            Paragraph::new()
                .add_run(text(&format!("{}: ", capital(&a.area))).bold())
                .add_run(text(&format!("{}.{sources}", a.summary())))
                .line_spacing(LineSpacing::new().after(AFTER)),
        );
    }
    if !brief.questions.is_empty() {
        doc = doc.add_paragraph(heading(2, "Questions for the meeting"));
        for (n, q) in brief.questions.iter().enumerate() {
            doc = doc.add_paragraph(para(&format!("{}. {q}", n + 1)));
        }
    }
    doc = doc.add_paragraph(heading(2, "Information to request from officers"));
    if brief.unknowns.is_empty() {
        doc = doc.add_paragraph(para("None: the records settle every check."));
    }
    if !brief.requests.is_empty() {
        let rows = brief
            .requests
            .iter()
            .map(|r| vec![capital(&r.ask_for), crate::brief::checks(r.checks.len())])
            .collect();
        doc = doc.add_table(table(&["Ask officers for", "Settles"], &[80, 20], rows));
    }
    if let Some(line) = brief.other_requests_line() {
        doc = doc.add_paragraph(para(&line));
    }
    if !brief.untouched.is_empty() {
        doc = doc.add_paragraph(para("Areas the records do not touch at all:"));
        for u in &brief.untouched {
            let more = if u.more > 0 {
                format!("; and {} more in the appendix", u.more)
            } else {
                String::new()
            };
            doc = doc.add_paragraph(
                para(&format!(
                    "No records on {}: ask for {}{more} ({}).",
                    u.area,
                    u.ask_for.join("; "),
                    crate::brief::checks(u.checks.len())
                ))
                .indent(Some(360), None, None, None),
            );
        }
    }
    if !brief.sources.is_empty() {
        doc = doc.add_paragraph(heading(2, "Sources"));
        for (n, s) in brief.sources.iter().enumerate() {
            let mut line = format!("{}. {}", n + 1, s.title);
            if let Some(d) = &s.date {
                line.push_str(&format!(", {d}"));
            }
            if let Some(u) = &s.url {
                line.push_str(&format!(". {u}"));
            }
            doc = doc.add_paragraph(para(&line));
        }
    }
    if !brief.waived.is_empty() {
        doc = doc.add_paragraph(heading(2, "Waived by the committee"));
        let rows = brief
            .waived
            .iter()
            .map(|f| {
                vec![
                    format!("{} ({})", f.message, f.rule),
                    f.note.clone().unwrap_or_default(),
                ]
            })
            .collect();
        doc = doc.add_table(table(&["Failure", "Waiver"], &[50, 50], rows));
    }
    doc
}

fn appendix(mut doc: Docx, set: &ResultSet<'_>, brief: &Brief<'_>) -> Docx {
    if brief.unknowns.is_empty() {
        return doc;
    }
    doc = doc.add_paragraph(heading(
        2,
        "Appendix: every check the records cannot settle",
    ));
    let rows = brief
        .unknowns
        .iter()
        .map(|f| {
            let title = set
                .rules
                .get(f.rule.as_str())
                .map(|r| r.title.as_str())
                .unwrap_or(&f.rule);
            vec![
                plain(&f.message),
                f.request.clone().unwrap_or_default(),
                format!("{title} ({})", crate::rule_ids(f)),
            ]
        })
        .collect();
    doc.add_table(table(
        &[
            "What the records do not show",
            "Ask for",
            "The check it would settle",
        ],
        &[40, 32, 28],
        rows,
    ))
}

/// What each scenario would change for this partnership.
fn scenarios(mut doc: Docx, set: &ResultSet<'_>, extras: &crate::PackExtras<'_>, id: &str) -> Docx {
    let mine: Vec<_> = extras
        .scenarios
        .iter()
        .filter(|c| c.partnership == id)
        .collect();
    if mine.is_empty() {
        return doc;
    }
    doc = doc.add_paragraph(heading(2, "What the scenarios would change"));
    for c in mine {
        doc = doc
            .add_paragraph(heading(3, &format!("{} ({})", c.title, c.file)))
            .add_paragraph(para(&c.summary()));
        for (label, rows) in [
            ("New failure", &c.new),
            ("Failure cleared", &c.resolved),
            ("Check settled", &c.settled),
        ] {
            for f in rows.iter() {
                let title = set
                    .rules
                    .get(f.rule.as_str())
                    .map(|r| r.title.as_str())
                    .unwrap_or("");
                doc = doc.add_paragraph(labelled(
                    label,
                    &format!("{} ({title}, {})", plain(&f.message), f.rule),
                ));
            }
        }
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    fn svg(words: &str) -> String {
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"720\" height=\"200\" font-family=\"Helvetica, Arial, sans-serif\"><text x=\"10\" y=\"100\" font-size=\"40\">{words}</text></svg>"
        )
    }

    /// A document of two pictures, and the `word/document.xml` it is packed with.
    fn two_pictures() -> (Vec<u8>, String) {
        let mut figures = Figures::default();
        let mut doc = Docx::new();
        for (words, alt) in [
            ("⚠ Board", "A board & \"its\" <members>"),
            ("Committee", "The committee"),
        ] {
            doc = doc
                .add_paragraph(figures.figure(&svg(words), alt).expect("drawn"))
                .add_paragraph(para(alt));
        }
        let xml = figures.describe(&doc.clone().build().document);
        (figures.pack(doc), String::from_utf8(xml).unwrap())
    }

    #[test]
    fn pictures_carry_their_alternative_text_and_the_same_ids_in_each_pack() {
        let (first, xml) = two_pictures();
        assert!(
            xml.contains(
                "<wp:docPr id=\"1\" name=\"Figure 1\" descr=\"A board &amp; &quot;its&quot; &lt;members&gt;\" />"
            ),
            "{xml}"
        );
        assert!(xml.contains("<wp:docPr id=\"2\" name=\"Figure 2\" descr=\"The committee\" />"));
        assert!(xml.contains("r:embed=\"rIdFigure1\"") && xml.contains("r:embed=\"rIdFigure2\""));
        assert!(!xml.contains("name=\"Figure\""), "every picture described");
        // docx-rs's picture counter has moved on since; the pack has not.
        let (second, _) = two_pictures();
        assert!(first == second, "a second pack in the same process differs");
    }

    #[test]
    fn a_picture_that_cannot_be_drawn_is_left_out() {
        assert!(Figures::default().figure("<svg", "alt").is_none());
    }
}
