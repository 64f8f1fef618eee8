//! Problems found in an input file, with the place and, where possible, a suggestion.
//!
//! Messages follow cedar's style guide: lower-case first letter, no final period, user input
//! in backticks, a second sentence as a `help` line.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::spans::Span;

/// One problem in one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file as the user named it.
    pub file: PathBuf,
    /// Where in the file; `None` for problems with the file as a whole (unreadable, say).
    pub span: Option<Span>,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A problem at a place in a file.
    pub fn new(file: &Path, span: Option<Span>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            file: file.to_path_buf(),
            span,
            message: message.into(),
            help: None,
        }
    }

    /// Adds a help line.
    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// `file:line:col`, or just the file.
    pub fn location(&self) -> String {
        match self.span {
            Some(s) => format!("{}:{}:{}", self.file.display(), s.start.line, s.start.col),
            None => self.file.display().to_string(),
        }
    }

    /// The diagnostic as a person reads it, with the line of source it points at.
    pub fn render(&self, source: Option<&str>) -> String {
        let mut out = format!("error: {}\n  --> {}\n", self.message, self.location());
        if let (Some(span), Some(src)) = (self.span, source)
            && let Some(line_text) = src.lines().nth(span.start.line.saturating_sub(1))
        {
            let number = span.start.line.to_string();
            let pad = " ".repeat(number.len());
            let shown: String = line_text.chars().take(160).collect();
            let width = if span.end.line == span.start.line && span.end.col > span.start.col {
                span.end.col - span.start.col
            } else {
                1
            };
            let width = width.min(
                shown
                    .chars()
                    .count()
                    .saturating_sub(span.start.col - 1)
                    .max(1),
            );
            out.push_str(&format!("{pad} |\n{number} | {shown}\n{pad} | "));
            out.push_str(&" ".repeat(span.start.col.saturating_sub(1)));
            out.push_str(&"^".repeat(width.max(1)));
            out.push('\n');
        }
        if let Some(help) = &self.help {
            out.push_str(&format!("  = help: {help}\n"));
        }
        out
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location(), self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

/// The closest of `candidates` to `word`, if any is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    let lower = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&lower, &c.to_lowercase()), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c.to_string())
}
