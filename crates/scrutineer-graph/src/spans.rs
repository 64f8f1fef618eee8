//! Where each value sits in a RON file, by its path (`memberships[3].group`).
//!
//! serde hands us values without positions, so a problem found after parsing (a dangling
//! reference, a duplicate id) would otherwise have no line and column. This is a small,
//! tolerant tokenizer that walks the same text and records the position of every value by its
//! path. It never fails: on text it does not understand it records less, and the diagnostic
//! falls back to the nearest enclosing path that it did record.

use std::collections::HashMap;

/// A 1-based line and column (in characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

/// The start and end of a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Span {
    pub start: Pos,
    pub end: Pos,
}

/// Positions of values by path.
#[derive(Debug, Default)]
pub struct SpanIndex {
    spans: HashMap<String, Span>,
}

impl SpanIndex {
    /// Index `text`.
    pub fn new(text: &str) -> SpanIndex {
        let tokens = tokenize(text);
        let mut index = SpanIndex::default();
        index.walk(&tokens);
        index
    }

    /// The span of the value at `path`, or of the nearest enclosing value that was recorded.
    pub fn find(&self, path: &str) -> Option<Span> {
        let mut p = path;
        loop {
            if let Some(s) = self.spans.get(p) {
                return Some(*s);
            }
            let cut = p.rfind(['.', '['])?;
            p = &p[..cut];
        }
    }

    fn walk(&mut self, tokens: &[Token]) {
        let tokens: Vec<&Token> = tokens
            .iter()
            .filter(|t| !matches!(t.kind, Kind::Comment))
            .collect();
        // Each frame is one level of nesting: a struct (with the field being read, if any), a
        // list (with the index of the item being read) or a transparent wrapper (`Some(..)`).
        enum Frame {
            Struct { path: String, field: Option<String> },
            List { path: String, index: usize },
            Wrapper { path: String },
        }
        let mut stack: Vec<Frame> = Vec::new();
        let current = |stack: &Vec<Frame>| -> String {
            match stack.last() {
                None => String::new(),
                Some(Frame::Struct { path, field }) => match field {
                    Some(f) if path.is_empty() => f.clone(),
                    Some(f) => format!("{path}.{f}"),
                    None => path.clone(),
                },
                Some(Frame::List { path, index }) => format!("{path}[{index}]"),
                Some(Frame::Wrapper { path }) => path.clone(),
            }
        };
        let mut i = 0;
        while i < tokens.len() {
            let t = tokens[i];
            let next = tokens.get(i + 1).map(|t| &t.kind);
            match &t.kind {
                Kind::Ident(name) if matches!(next, Some(Kind::Colon)) => {
                    if let Some(Frame::Struct { field, .. }) = stack.last_mut() {
                        *field = Some(name.clone());
                    }
                    i += 2;
                    continue;
                }
                Kind::Ident(name) if matches!(next, Some(Kind::LParen)) => {
                    let path = current(&stack);
                    self.record(&path, t.span);
                    if name == "Some" {
                        stack.push(Frame::Wrapper { path });
                    } else {
                        stack.push(Frame::Struct { path, field: None });
                    }
                    i += 2;
                    continue;
                }
                Kind::LParen | Kind::LBrace => {
                    let path = current(&stack);
                    self.record(&path, t.span);
                    stack.push(Frame::Struct { path, field: None });
                }
                Kind::LBracket => {
                    let path = current(&stack);
                    self.record(&path, t.span);
                    stack.push(Frame::List { path, index: 0 });
                }
                Kind::RParen | Kind::RBracket | Kind::RBrace => {
                    stack.pop();
                }
                Kind::Comma => match stack.last_mut() {
                    Some(Frame::List { index, .. }) => *index += 1,
                    Some(Frame::Struct { field, .. }) => *field = None,
                    _ => {}
                },
                Kind::Colon | Kind::Comment => {}
                Kind::Ident(_) | Kind::Str | Kind::Other => {
                    let path = current(&stack);
                    self.record(&path, t.span);
                }
            }
            i += 1;
        }
    }

    fn record(&mut self, path: &str, span: Span) {
        self.spans.entry(path.to_string()).or_insert(span);
    }
}

/// Where the file's leading comment block ends (the line of its first non-comment token), and
/// the position of the first comment after that, if any. `fmt` keeps the leading block and
/// refuses files with comments inside the partnership, which it could not keep.
pub fn comment_layout(text: &str) -> (usize, Option<Pos>) {
    let tokens = tokenize(text);
    let first = tokens.iter().position(|t| !matches!(t.kind, Kind::Comment));
    let Some(first) = first else {
        return (usize::MAX, None);
    };
    let inner = tokens[first..]
        .iter()
        .find(|t| matches!(t.kind, Kind::Comment))
        .map(|t| t.span.start);
    (tokens[first].span.start.line, inner)
}

/// Where brackets in `text` first nest deeper than `limit`, if they do. Checked before parsing
/// so a hostile file gets a plain message rather than a parser error. A plain scan of the bytes
/// (skipping strings and comments) rather than the tokenizer, since every file goes through it.
pub fn nesting_beyond(text: &str, limit: usize) -> Option<Pos> {
    let bytes = text.as_bytes();
    let (mut depth, mut line, mut line_start) = (0usize, 1usize, 0usize);
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                line += 1;
                line_start = i + 1;
            }
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    if bytes[i] == b'\\' {
                        i += 1;
                    } else if bytes[i] == b'\n' {
                        line += 1;
                        line_start = i + 1;
                    }
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'(' | b'[' | b'{' => {
                depth += 1;
                if depth > limit {
                    let col = text[line_start..i].chars().count() + 1;
                    return Some(Pos { line, col });
                }
            }
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    None
}

#[derive(Debug)]
enum Kind {
    LParen,
    RParen,
    LBracket,
    RBracket,
    LBrace,
    RBrace,
    Colon,
    Comma,
    Ident(String),
    Str,
    Comment,
    Other,
}

#[derive(Debug)]
struct Token {
    kind: Kind,
    span: Span,
}

fn tokenize(text: &str) -> Vec<Token> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let (mut i, mut line, mut col) = (0usize, 1usize, 1usize);
    // Advance one character, keeping line and column.
    let step = |i: &mut usize, line: &mut usize, col: &mut usize| {
        if chars[*i] == '\n' {
            *line += 1;
            *col = 1;
        } else {
            *col += 1;
        }
        *i += 1;
    };
    while i < chars.len() {
        let c = chars[i];
        let start = Pos { line, col };
        if c.is_whitespace() {
            step(&mut i, &mut line, &mut col);
            continue;
        }
        if c == '/' && chars.get(i + 1) == Some(&'/') {
            while i < chars.len() && chars[i] != '\n' {
                step(&mut i, &mut line, &mut col);
            }
            tokens.push(Token {
                kind: Kind::Comment,
                span: Span {
                    start,
                    end: Pos { line, col },
                },
            });
            continue;
        }
        if c == '/' && chars.get(i + 1) == Some(&'*') {
            let mut depth = 0usize;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    step(&mut i, &mut line, &mut col);
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    step(&mut i, &mut line, &mut col);
                    if depth == 0 {
                        step(&mut i, &mut line, &mut col);
                        break;
                    }
                }
                step(&mut i, &mut line, &mut col);
            }
            tokens.push(Token {
                kind: Kind::Comment,
                span: Span {
                    start,
                    end: Pos { line, col },
                },
            });
            continue;
        }
        let single = match c {
            '(' => Some(Kind::LParen),
            ')' => Some(Kind::RParen),
            '[' => Some(Kind::LBracket),
            ']' => Some(Kind::RBracket),
            '{' => Some(Kind::LBrace),
            '}' => Some(Kind::RBrace),
            ':' => Some(Kind::Colon),
            ',' => Some(Kind::Comma),
            _ => None,
        };
        if let Some(kind) = single {
            step(&mut i, &mut line, &mut col);
            tokens.push(Token {
                kind,
                span: Span {
                    start,
                    end: Pos { line, col },
                },
            });
            continue;
        }
        if c == '"' {
            step(&mut i, &mut line, &mut col);
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' && i + 1 < chars.len() {
                    step(&mut i, &mut line, &mut col);
                }
                step(&mut i, &mut line, &mut col);
            }
            if i < chars.len() {
                step(&mut i, &mut line, &mut col);
            }
            tokens.push(Token {
                kind: Kind::Str,
                span: Span {
                    start,
                    end: Pos { line, col },
                },
            });
            continue;
        }
        if c == 'r' && matches!(chars.get(i + 1), Some('"') | Some('#')) {
            // Raw string: r"..." or r#"..."#.
            step(&mut i, &mut line, &mut col);
            let mut hashes = 0;
            while i < chars.len() && chars[i] == '#' {
                hashes += 1;
                step(&mut i, &mut line, &mut col);
            }
            if i < chars.len() {
                step(&mut i, &mut line, &mut col);
            }
            'raw: while i < chars.len() {
                if chars[i] == '"' && (1..=hashes).all(|k| chars.get(i + k) == Some(&'#')) {
                    for _ in 0..=hashes {
                        step(&mut i, &mut line, &mut col);
                    }
                    break 'raw;
                }
                step(&mut i, &mut line, &mut col);
            }
            tokens.push(Token {
                kind: Kind::Str,
                span: Span {
                    start,
                    end: Pos { line, col },
                },
            });
            continue;
        }
        if c.is_alphabetic() || c == '_' {
            let mut name = String::new();
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                name.push(chars[i]);
                step(&mut i, &mut line, &mut col);
            }
            tokens.push(Token {
                kind: Kind::Ident(name),
                span: Span {
                    start,
                    end: Pos { line, col },
                },
            });
            continue;
        }
        // Numbers, chars and anything else: one token up to the next delimiter. A stray
        // character that is itself a delimiter-like symbol still advances, so the loop ends.
        let begin = i;
        while i < chars.len() && !chars[i].is_whitespace() && !"()[]{}:,\"".contains(chars[i]) {
            step(&mut i, &mut line, &mut col);
        }
        if i == begin {
            step(&mut i, &mut line, &mut col);
        }
        tokens.push(Token {
            kind: Kind::Other,
            span: Span {
                start,
                end: Pos { line, col },
            },
        });
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_fields_in_lists_of_structs() {
        let text = "Partnership(\n  id: \"x\",\n  memberships: [\n    Membership(member: \"a\", group: \"rag2\"),\n    (member: \"b\", group: Some(\"g\")),\n  ],\n)";
        let idx = SpanIndex::new(text);
        assert_eq!(idx.find("id").unwrap().start, Pos { line: 2, col: 7 });
        let g = idx.find("memberships[0].group").unwrap();
        assert_eq!((g.start.line, g.start.col), (4, 36));
        assert_eq!(idx.find("memberships[1].group").unwrap().start.line, 5);
        // Unknown deeper paths fall back to the nearest recorded one.
        assert_eq!(idx.find("memberships[1].nope").unwrap().start.line, 5);
    }

    #[test]
    fn comments_and_escapes_do_not_confuse_it() {
        let text = "( // a comment with \"quotes\"\n a: \"x\\\"y\", /* b: 1 */ b: 2 )";
        let idx = SpanIndex::new(text);
        assert_eq!(idx.find("b").unwrap().start, Pos { line: 2, col: 27 });
    }
}
