//! Our SVG pictures as PNG images, for the Word pack (Word cannot be relied on to show SVG).
//!
//! Drawn with resvg, a well-kept renderer of static SVG, rather than code of our own. The
//! picture does not depend on the machine's fonts: resvg is built without its system fonts, so
//! text is set only in the fonts vendored in `fonts/` and built into the binary (see its
//! README): Liberation Sans, which has Arial's metrics, as the picture's text widths
//! (`structure/text.rs`) assume, and DejaVu Sans for the characters it lacks, among them the ⚠
//! that marks a part behind a finding. A character in neither (Chinese, say) is drawn as an
//! empty box rather than left out silently.

use std::sync::{Arc, OnceLock};

use resvg::tiny_skia::{Color, Pixmap, Transform};
use resvg::usvg::{self, fontdb};

static LIBERATION_SANS: &[u8] = include_bytes!("../../fonts/LiberationSans-Regular.ttf");
static LIBERATION_SANS_BOLD: &[u8] = include_bytes!("../../fonts/LiberationSans-Bold.ttf");
static DEJAVU_SANS: &[u8] = include_bytes!("../../fonts/DejaVuSans.ttf");

/// A picture as a PNG file, and its size in pixels.
#[derive(Clone, Debug)]
pub(crate) struct Png {
    pub(crate) bytes: Vec<u8>,
    pub(crate) width: u32,
    pub(crate) height: u32,
}

/// The vendored fonts, read once. Liberation Sans stands for every generic family, so
/// `font-family="Helvetica, Arial, sans-serif"` (and an SVG naming no font) gets it; DejaVu
/// Sans, loaded after it, is only reached as the fallback for a character Liberation lacks.
fn fonts() -> Arc<fontdb::Database> {
    static FONTS: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut db = fontdb::Database::new();
            for data in [LIBERATION_SANS, LIBERATION_SANS_BOLD, DEJAVU_SANS] {
                db.load_font_source(fontdb::Source::Binary(Arc::new(data)));
            }
            const FAMILY: &str = "Liberation Sans";
            db.set_sans_serif_family(FAMILY);
            db.set_serif_family(FAMILY);
            db.set_monospace_family(FAMILY);
            db.set_cursive_family(FAMILY);
            db.set_fantasy_family(FAMILY);
            Arc::new(db)
        })
        .clone()
}

/// Draws `svg` (as our own code writes it: no external files, no embedded images) as a PNG on a
/// white ground, as large as fits in `max_width` by `max_height` pixels with its proportions
/// kept. An error, never a panic, when the SVG cannot be read or drawn; the caller then goes
/// without the picture.
pub(crate) fn png(svg: &str, max_width: u32, max_height: u32) -> Result<Png, String> {
    // resvg is not expected to panic on a well-formed SVG; should it, on some text no test
    // thought of, the pack is still written, without this picture.
    std::panic::catch_unwind(|| draw(svg, max_width, max_height))
        .unwrap_or_else(|_| Err("the SVG renderer failed".to_string()))
}

fn draw(svg: &str, max_width: u32, max_height: u32) -> Result<Png, String> {
    let options = usvg::Options {
        fontdb: fonts(),
        font_family: "Liberation Sans".to_string(),
        // Nothing to resolve: our SVG refers to no file.
        resources_dir: None,
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| e.to_string())?;
    let size = tree.size();
    let scale = (max_width as f32 / size.width()).min(max_height as f32 / size.height());
    let width = (size.width() * scale).round();
    let height = (size.height() * scale).round();
    if !(width >= 1.0 && height >= 1.0 && width <= max_width as f32 && height <= max_height as f32)
    {
        return Err(format!(
            "a {} by {} picture cannot be drawn within {max_width} by {max_height} pixels",
            size.width(),
            size.height()
        ));
    }
    let (width, height) = (width as u32, height as u32);
    let mut pixmap = Pixmap::new(width, height).ok_or("no room for the picture")?;
    pixmap.fill(Color::WHITE);
    resvg::render(
        &tree,
        Transform::from_scale(width as f32 / size.width(), height as f32 / size.height()),
        &mut pixmap.as_mut(),
    );
    let bytes = pixmap.encode_png().map_err(|e| e.to_string())?;
    Ok(Png {
        bytes,
        width,
        height,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::structure::{Edge, Node, NodeKind, Structure};

    const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

    /// The PNG's pixels, decoded with the renderer's own decoder.
    fn pixels(png: &Png) -> Pixmap {
        let p = Pixmap::decode_png(&png.bytes).expect("a PNG the renderer can read back");
        assert_eq!((p.width(), p.height()), (png.width, png.height));
        p
    }

    /// How many pixels are darker than mid-grey.
    fn inked(p: &Pixmap) -> usize {
        p.pixels()
            .iter()
            .filter(|c| {
                let c = c.demultiply();
                (c.red() as u32 + c.green() as u32 + c.blue() as u32) < 3 * 128
            })
            .count()
    }

    fn text_svg(text: &str, weight: &str) -> String {
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" height=\"40\" viewBox=\"0 0 100 40\" font-family=\"Helvetica, Arial, sans-serif\"><text x=\"10\" y=\"30\" font-size=\"28\" font-weight=\"{weight}\">{text}</text></svg>"
        )
    }

    #[test]
    fn a_png_of_the_asked_width_and_the_svg_s_proportions() {
        let svg = text_svg("Board", "normal");
        let png = png(&svg, 1338, 984).unwrap();
        assert!(png.bytes.starts_with(SIGNATURE));
        assert_eq!((png.width, png.height), (1338, 535));
        assert!(inked(&pixels(&png)) > 1000, "the word is drawn");
        // A tall picture is held to the height, and keeps its proportions.
        let tall = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" height=\"1000\"><rect width=\"100\" height=\"1000\"/></svg>";
        let png = png_of(tall, 1338, 984);
        assert_eq!((png.width, png.height), (98, 984));
        // The same bytes each time.
        assert_eq!(png_of(&svg, 1338, 984).bytes, png_of(&svg, 1338, 984).bytes);
    }

    fn png_of(svg: &str, w: u32, h: u32) -> Png {
        png(svg, w, h).unwrap()
    }

    #[test]
    fn the_warning_sign_is_drawn_from_the_vendored_fallback_font() {
        for weight in ["normal", "bold"] {
            let png = png_of(&text_svg("\u{26A0}", weight), 400, 400);
            let inked = inked(&pixels(&png));
            assert!(inked > 500, "⚠ ({weight}) is drawn: {inked} dark pixels");
        }
        // The stand-in for a character no format can hold.
        assert!(inked(&pixels(&png_of(&text_svg("\u{FFFD}", "normal"), 400, 400))) > 500);
        // Arial's widths: Liberation Sans, not DejaVu Sans (which is wider), sets the text.
        let wide = |s: &str| {
            let svg = text_svg(s, "normal").replace("100", "200");
            let p = pixels(&png_of(&svg, 2000, 400));
            (0..p.width())
                .rev()
                .find(|x| {
                    (0..p.height()).any(|y| {
                        let c = p.pixel(*x, y).unwrap().demultiply();
                        c.red() < 128
                    })
                })
                .unwrap()
        };
        // "mmmm" at 28 px is 93 px wide in Arial and 109 px in DejaVu Sans; set from x = 10
        // and drawn ten times larger, its ink ends near 1,010 px (1,170 px in DejaVu Sans).
        let right = wide("mmmm");
        assert!((980..=1050).contains(&right), "mmmm ends at {right}");
    }

    #[test]
    fn bad_input_is_an_error_not_a_panic() {
        assert!(png("not an SVG", 100, 100).is_err());
        assert!(
            png(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"0\" height=\"0\"/>",
                100,
                100
            )
            .is_err()
        );
        assert!(png(&text_svg("x", "normal"), 0, 0).is_err());
    }

    #[test]
    fn any_name_a_file_can_hold_is_drawn() {
        let names = [
            "<script>alert('x')</script> & \"quoted\"".to_string(),
            "\u{7} bell \u{0} nul \u{1b}[31m escape \u{FFFE}\u{FFFF}".to_string(),
            "社区安全伙伴关系 コミュニティ 안전".to_string(),
            "שותפות מקומית שראכة مجتمعية".to_string(),
            "e\u{301}\u{302}\u{303}\u{304} combining, \u{200B}\u{200D}\u{FEFF} joiners".to_string(),
            "👩‍👩‍👧 emoji \u{1F6A8} and \u{E000} private use".to_string(),
            "W".repeat(5000),
            "word ".repeat(3000),
        ];
        let nodes = names
            .iter()
            .enumerate()
            .map(|(i, name)| Node {
                id: format!("n{i}"),
                label: name.clone(),
                kind: if i == 0 {
                    NodeKind::Group
                } else {
                    NodeKind::Organisation
                },
                detail: if i == 0 { "strategy_group" } else { "police" }.to_string(),
                failing: if i % 2 == 0 {
                    vec!["r1".to_string()]
                } else {
                    vec![]
                },
                responsible_authority: true,
                organisation: None,
            })
            .collect();
        let edges = (1..names.len())
            .map(|i| Edge {
                from: format!("n{i}"),
                to: "n0".to_string(),
                kind: "member",
                label: String::new(),
                failing: vec![],
            })
            .collect();
        let s = Structure {
            partnership: "p".to_string(),
            name: names.concat(),
            as_of: "2022-10-01".to_string(),
            nodes,
            edges,
        };
        let png = png(&s.to_svg(), 1338, 984).expect("the picture is drawn");
        assert!(png.bytes.starts_with(SIGNATURE));
        // So many words make a tall, narrow picture, held to the height asked for.
        assert_eq!(png.height, 984);
        assert!(inked(&pixels(&png)) > 0);
        // A character in no vendored font is drawn as a box, not left out.
        assert!(inked(&pixels(&png_of(&text_svg("社区", "normal"), 400, 400))) > 500);
    }
}
