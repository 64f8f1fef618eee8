//! How wide a line of text will be drawn, and wrapping to a width.
//!
//! An SVG has no text layout of its own: a box must be sized before any font is chosen, and the
//! reader's font (Helvetica, Arial, or whatever the printer substitutes) is unknown. So widths
//! are estimated per character from Arial's metrics, rounded up, and then given a further tenth
//! as margin: a name that wraps a word early costs a line; a name that overflows its box is cut
//! off on paper, which is what the picture must never do.

/// The estimated width of `s` at `size` pixels, generously.
pub(crate) fn width(s: &str, size: f64, bold: bool) -> f64 {
    let em: f64 = s.chars().map(advance).sum();
    em * size * if bold { 1.18 } else { 1.1 }
}

/// The advance of one character in ems, rounded up from Arial's; anything outside Latin is
/// taken as a full em (CJK ideographs and most symbols are about that wide).
fn advance(c: char) -> f64 {
    match c {
        'i' | 'j' | 'l' | '\'' | '|' | '.' | ',' | ':' | ';' | '!' => 0.28,
        'f' | 't' | 'r' | 'I' | ' ' | '(' | ')' | '[' | ']' | '/' | '-' | '`' => 0.36,
        'm' | 'w' | 'M' | 'W' | '@' | '%' => 0.9,
        'A'..='Z' | '&' | '#' | '⚠' => 0.72,
        'a'..='z' | '0'..='9' | '"' | '?' | '$' | '_' | '+' | '=' | '<' | '>' | '~' | '*' => 0.58,
        '—' | '…' => 1.0,
        c if (c as u32) < 0x2000 => 0.62,
        _ => 1.0,
    }
}

/// `s` broken into lines no wider than `max` (see [`width`]): at spaces where it can be, and
/// inside a word only when the word alone is wider than the line. Never empty; nothing is
/// dropped.
pub(crate) fn wrap(s: &str, max: f64, size: f64, bold: bool) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_width = 0.0;
    let space = width(" ", size, bold);
    for word in s.split_whitespace() {
        let w = width(word, size, bold);
        if !line.is_empty() && line_width + space + w <= max {
            line.push(' ');
            line.push_str(word);
            line_width += space + w;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if w <= max {
            line.push_str(word);
            line_width = w;
            continue;
        }
        // A word wider than the whole line: break it between characters.
        line_width = 0.0;
        for c in word.chars() {
            let cw = width(c.encode_utf8(&mut [0; 4]), size, bold);
            if !line.is_empty() && line_width + cw > max {
                lines.push(std::mem::take(&mut line));
                line_width = 0.0;
            }
            line.push(c);
            line_width += cw;
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_every_word_and_respects_the_width() {
        let name = "Hertfordshire Domestic Abuse and Sexual Violence Partnership Board (Responsible Authorities Group)";
        let lines = wrap(name, 200.0, 12.0, false);
        assert!(lines.len() > 2, "{lines:?}");
        assert_eq!(lines.join(" "), name);
        for l in &lines {
            assert!(width(l, 12.0, false) <= 200.0, "{l}");
        }
    }

    #[test]
    fn a_word_wider_than_the_line_is_broken_not_dropped() {
        let word = "W".repeat(100);
        let lines = wrap(&word, 100.0, 12.0, true);
        assert_eq!(lines.concat(), word);
        assert!(lines.iter().all(|l| width(l, 12.0, true) <= 100.0));
        assert_eq!(wrap("", 100.0, 12.0, false), vec![String::new()]);
    }

    #[test]
    fn estimates_are_at_least_arial_widths() {
        // Arial at 100 px: "Police" is 283 px wide, "WWW" 283, "iii" 67 (from its metrics).
        assert!(width("Police", 100.0, false) >= 283.0);
        assert!(width("WWW", 100.0, false) >= 283.0);
        assert!(width("iii", 100.0, false) >= 67.0);
    }
}
