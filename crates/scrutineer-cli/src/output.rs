//! Writing to the terminal. A closed pipe (`scrutineer check | head`) is not an error: the
//! reader has what it wanted, so we stop quietly. Text from the records reaches the terminal
//! only as visible characters: a name holding an escape sequence could otherwise clear the
//! screen and print "All checks passed".

use std::borrow::Cow;
use std::io::Write;

/// `text` with every control character but newline and tab, and every character that reorders
/// text (bidirectional overrides), shown as a visible `\u{..}` escape.
pub fn visible(text: &str) -> Cow<'_, str> {
    let hidden = |c: char| {
        (c.is_control() && c != '\n' && c != '\t')
            || ('\u{202a}'..='\u{202e}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)
    };
    if !text.chars().any(hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if hidden(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Writes `text` to standard output; exits quietly with success if the pipe is closed.
pub fn print(text: &str) {
    let text = visible(text);
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("error: cannot write output: {e}");
        std::process::exit(2);
    }
}

/// Writes `text` to standard error, ignoring failures (there is nowhere left to report them).
pub fn eprint(text: &str) {
    let _ = std::io::stderr().lock().write_all(visible(text).as_bytes());
}
