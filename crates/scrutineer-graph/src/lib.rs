//! The partnership graph: the RON file format, loading with diagnostics, the petgraph index,
//! and dated facts read "as of" a day.
//!
//! This crate knows nothing of rules or output formats. A partnership is loaded with
//! [`load_file`], which returns the [`Graph`] or every problem found, each with file, line and
//! column.
#![forbid(unsafe_code)]

pub mod as_of;
pub mod date;
pub mod diagnostics;
pub mod edit;
pub mod files;
pub mod format;
pub mod graph;
pub mod load;
pub mod model;
pub mod record;
pub mod reference;
pub mod spans;

pub use date::{Date, DateError, Tri, When};
pub use diagnostics::Diagnostic;
pub use edit::{EditError, Edits};
pub use files::{ReadError, ReadErrorKind, read_bytes, read_text, write_bytes_atomically};
pub use graph::{Cycle, Graph, NodeKey, in_force};
pub use load::{Level, Loaded, load_file, load_str};
