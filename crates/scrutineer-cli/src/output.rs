//! Writing to the terminal. A closed pipe (`scrutineer check | head`) is not an error: the
//! reader has what it wanted, so we stop quietly.

use std::io::Write;

/// Writes `text` to standard output; exits quietly with success if the pipe is closed.
pub fn print(text: &str) {
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
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}
