//! The date arithmetic the script API exposes, with any numbers: as a script would call it
//! (`date`, `add_days`, `add_months`, `add_years`, `end_of_month`, `months_between`,
//! `days_between`, comparisons) and as the graph crate gives it to rules and scenarios
//! (`When` parsed from any text, `checked_shift_months`, the three-valued comparisons).
//! An error is fine; a panic, a hang or a date a file cannot hold is not.
#![no_main]

use std::path::Path;
use std::str::FromStr;

use libfuzzer_sys::fuzz_target;
use scrutineer_graph::{Date, Graph, When, load_file};
use scrutineer_rules::Limits;
use scrutineer_rules::whatif::Scenario;

fn base() -> &'static Graph {
    static G: std::sync::OnceLock<Graph> = std::sync::OnceLock::new();
    G.get_or_init(|| {
        let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("../graphs/partnerships/welwyn-hatfield.ron");
        load_file(&file).graph.expect("the seed loads")
    })
}

/// Reads numbers from the input: the edge cases of i64 are likelier than random bits.
struct Bytes<'a>(&'a [u8]);

impl Bytes<'_> {
    fn byte(&mut self) -> Option<u8> {
        let (b, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(*b)
    }
    fn number(&mut self) -> Option<i64> {
        Some(match self.byte()? % 8 {
            0 => i64::MAX,
            1 => i64::MIN,
            2 => i64::from(self.byte()?) - 128,
            3 => i64::from(i32::MAX) * i64::from(self.byte()? as i8),
            4 => 12 * 10_000 * i64::from(self.byte()? as i8),
            _ => {
                let mut n = [0u8; 8];
                for b in &mut n {
                    *b = self.byte().unwrap_or(0);
                }
                i64::from_le_bytes(n)
            }
        })
    }
    fn day(&mut self) -> Option<Date> {
        let year = 1 + i32::from(u16::from_le_bytes([self.byte()?, self.byte()?])) % 9999;
        Date::from_ymd(year, 1 + u32::from(self.byte()?) % 12, 1 + u32::from(self.byte()?) % 31)
            .or(Date::from_ymd(year, 1, 1))
    }
}

fuzz_target!(|data: &[u8]| {
    let (text_len, rest) = match data.split_first() {
        Some((n, rest)) => (usize::from(*n).min(rest.len()), rest),
        None => return,
    };
    // A `When` as a file would hold it, from any text.
    if let Ok(s) = std::str::from_utf8(&rest[..text_len])
        && let Ok(w) = When::from_str(s)
    {
        let mut b = Bytes(&rest[text_len..]);
        if let (Some(n), Some(d)) = (b.number(), b.day()) {
            let _ = (w.before(d), w.after(d), w.passed_by(d), w.started_by(d), w.on_long(), w.long());
            if let Some(moved) = w.checked_shift_months(n) {
                // Whatever a shift gives must be something a file can hold and read back.
                assert!(moved.earliest().is_writable() || moved.earliest().is_open(), "{w} + {n} months");
                assert!(moved.latest().is_writable() || moved.latest().is_open(), "{w} + {n} months");
                assert_eq!(When::from_str(&moved.to_string()).ok(), Some(moved), "{w} + {n} months");
            }
        }
    }
    // The same arithmetic through the script API, in a scenario that computes and discards.
    let mut b = Bytes(&rest[text_len..]);
    let mut lines = Vec::new();
    while let (Some(op), Some(n), Some(d)) = (b.byte(), b.number(), b.day()) {
        let d = format!("date(\"{d}\")");
        lines.push(match op % 8 {
            0 => format!("let x = {d}.add_days({n});"),
            1 => format!("let x = {d}.add_months({n});"),
            2 => format!("let x = {d}.add_years({n});"),
            3 => format!("let x = {d}.end_of_month().add_days({n}) >= {d};"),
            4 => format!("let x = months_between({d}, {d}.add_days({n}));"),
            5 => format!("let x = days_between({d}, {d}.add_months({n}));"),
            6 => format!("let x = max({d}, {d}.add_days({n})).iso;"),
            _ => format!("let x = `${{{d}.add_years({n})}}`;"),
        });
        if lines.len() == 16 {
            break;
        }
    }
    if lines.is_empty() {
        return;
    }
    let script = format!("fn scenario(g) {{\n{}\n}}\n", lines.join("\n"));
    let limits = Limits { max_operations: 10_000, ..Limits::default() };
    if let Ok(s) = Scenario::compile(Path::new("dates.rhai"), &script, limits) {
        let _ = s.run(base());
    }
});
