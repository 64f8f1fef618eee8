//! The RON loader on arbitrary bytes: it must never panic, and whatever loads must come back
//! the same through `fmt` (the canonical form loads to equal records, and is stable).
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use scrutineer_graph::format::format_text;
use scrutineer_graph::load_str;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let path = Path::new("fuzz.ron");
    let loaded = load_str(path, text.to_string());
    for (_, d) in &loaded.diagnostics {
        let _ = d.render(loaded.source.as_deref());
    }
    let Some(graph) = loaded.graph else { return };
    if let Ok(formatted) = format_text(path, text) {
        let again = load_str(path, formatted.clone());
        let reloaded = again.graph.expect("the canonical form of a loadable file must load");
        assert_eq!(reloaded.data, graph.data, "fmt changed the records");
        assert_eq!(format_text(path, &formatted).expect("formats again"), formatted, "fmt is not stable");
    }
});
