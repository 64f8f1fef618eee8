//! Text from the records made safe for XML 1.0 (SVG and GraphML) and for DOT.
//!
//! A partnership file is untrusted: a name may hold markup, quotes, `]]>`, control characters or
//! the noncharacters U+FFFE and U+FFFF. XML 1.0 has no way to write C0 controls other than tab,
//! newline and carriage return, nor U+FFFE/U+FFFF, even as character references (`&#7;` is
//! itself an error), so they cannot be escaped, only replaced. They are replaced by U+FFFD, the
//! replacement character, as the HTML pack does, so a reader sees that something was there
//! rather than a name that silently lost a letter. Characters that reorder text (bidirectional
//! overrides and isolates) are replaced too: in a picture they could make one name read as
//! another.

/// Whether `c` is replaced rather than shown: a control character (C0, DEL or C1) other than tab
/// and newline, U+FFFE or U+FFFF, or a bidirectional override or isolate.
pub(crate) fn hidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || c == '\u{FFFE}'
        || c == '\u{FFFF}'
        || ('\u{202A}'..='\u{202E}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// `s` with every [`hidden`] character replaced by U+FFFD; markup is left alone (for DOT and
/// Mermaid, which quote in their own ways).
pub(crate) fn clean(s: &str) -> String {
    s.chars()
        .map(|c| if hidden(c) { '\u{FFFD}' } else { c })
        .collect()
}

/// `s` as XML character data or an attribute value (in double or single quotes): the five
/// markup characters as entities, [`hidden`] characters replaced. `]]>` cannot survive, as its
/// `>` becomes `&gt;`.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    push_escaped(&mut out, s);
    out
}

/// [`escape`], appending to `out` (the picture writes many small pieces).
pub(crate) fn push_escaped(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if hidden(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
}

/// `s` as a DOT quoted string. Inside quotes DOT gives meaning only to `"` and to backslash
/// escapes (`\n`, `\l`, `\N`, ...), so a backslash is doubled and a quote escaped; a newline
/// becomes DOT's own line break, and hidden characters are replaced.
pub(crate) fn dot_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            c if hidden(c) || c == '\t' => out.push(if c == '\t' { ' ' } else { '\u{FFFD}' }),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_character_xml_forbids_is_replaced_and_markup_is_escaped() {
        let all: String = (0u32..0x80)
            .chain([0x85, 0x9f, 0xfffe, 0xffff, 0x202e, 0x2066])
            .filter_map(char::from_u32)
            .collect();
        let out = escape(&format!("{all}]]>"));
        for c in out.chars() {
            let legal = matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}')
                || c as u32 >= 0x10000;
            assert!(legal, "{:?} left in {out:?}", c);
            assert!(!c.is_control() || c == '\t' || c == '\n', "{c:?}");
        }
        assert!(!out.contains("]]>") && !out.contains('<') && !out.contains('"'));
        assert!(out.contains("&amp;") && out.contains("&lt;") && out.contains("&gt;"));
        // 31 C0 controls but tab and newline, DEL, two C1 controls, two noncharacters, two
        // bidirectional controls: each one visible replacement.
        assert_eq!(out.matches('\u{FFFD}').count(), 30 + 1 + 2 + 2 + 2);
    }

    #[test]
    fn dot_strings_cannot_be_closed_from_inside() {
        let q = dot_quote("a\"b\\\"];\nx\u{7}");
        assert_eq!(q, "\"a\\\"b\\\\\\\"];\\nx\u{FFFD}\"");
    }
}
