//! The one place the script engine is built. Rules and (later) what-if scenarios are shared
//! between councils, so they are treated as untrusted: no files, no network, no clock, no
//! `eval`, no modules, and hard limits on the work a script may do.

use rhai::Engine;
use rhai::module_resolvers::DummyModuleResolver;

/// Limits on what one call of a script may do. One value, defined here, documented in the
/// README, and adjustable on the command line for rule authors.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Script operations per call of `check`. A full rule over a large partnership uses a few
    /// thousand; the default leaves room for a thousandfold more before calling it a hang.
    pub max_operations: u64,
    /// Nested function calls (guards against unbounded recursion).
    pub max_call_levels: usize,
    /// Expression nesting, at global level and inside functions. Pinned explicitly because
    /// rhai's defaults differ between debug and release builds.
    pub max_expr_depth: usize,
    pub max_fn_expr_depth: usize,
    /// Characters in any one string.
    pub max_string_size: usize,
    /// Items in any one array.
    pub max_array_size: usize,
    /// Entries in any one object map.
    pub max_map_size: usize,
    /// Variables in scope at once.
    pub max_variables: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_operations: 5_000_000,
            max_call_levels: 48,
            max_expr_depth: 64,
            max_fn_expr_depth: 48,
            max_string_size: 64 * 1024,
            max_array_size: 100_000,
            max_map_size: 10_000,
            max_variables: 1_000,
        }
    }
}

/// Builds the sandboxed engine. Everything a script can call is registered by the caller
/// afterwards ([`crate::api::register`]); nothing here touches the outside world.
pub fn build_engine(limits: &Limits) -> Engine {
    let mut engine = Engine::new();
    // No `import`: the default resolver would read script files from disk.
    engine.set_module_resolver(DummyModuleResolver::new());
    // `eval` would let a script compile and run text it builds, around every other check.
    engine.disable_symbol("eval");
    // Refused when the script is compiled, wherever it appears, so a top-level `import` (which
    // would otherwise never run) cannot be mistaken for one that worked.
    engine.disable_symbol("import");
    // Scripts speak only through their return value.
    engine.on_print(|_| {});
    engine.on_debug(|_, _, _| {});
    engine.set_strict_variables(true);
    engine.set_fail_on_invalid_map_property(true);
    engine.set_max_operations(limits.max_operations);
    engine.set_max_call_levels(limits.max_call_levels);
    engine.set_max_expr_depths(limits.max_expr_depth, limits.max_fn_expr_depth);
    engine.set_max_string_size(limits.max_string_size);
    engine.set_max_array_size(limits.max_array_size);
    engine.set_max_map_size(limits.max_map_size);
    engine.set_max_variables(limits.max_variables);
    // rhai interns strings behind one lock shared by every thread using the engine; with the
    // rules run on all cores that lock made evaluation no faster on two threads than on one.
    engine.set_max_strings_interned(0);
    engine
}

/// Where a deterministic script run stopped: `run` is called once more on `engine` with rhai's
/// debugger hook recording each step's position, and the last one is returned. rhai drops the
/// position of limit errors (too many operations, stack overflow, data too large), so this is
/// how those errors get a line and column. It is only used after such an error, so it costs
/// nothing on the normal path.
#[expect(
    deprecated,
    reason = "rhai marks its debugger interface volatile, not deprecated"
)]
pub fn locate_last_step(mut engine: Engine, run: impl FnOnce(&Engine)) -> rhai::Position {
    use rhai::debugger::{DebuggerCommand, DebuggerEvent};
    use std::sync::{Arc, Mutex};
    let last = Arc::new(Mutex::new(rhai::Position::NONE));
    let seen = Arc::clone(&last);
    engine.register_debugger(
        |_, debugger| debugger,
        move |_, event, _, _, pos| {
            if matches!(event, DebuggerEvent::Step)
                && !pos.is_none()
                && let Ok(mut at) = seen.lock()
            {
                *at = pos;
            }
            Ok(DebuggerCommand::StepInto)
        },
    );
    run(&engine);
    last.lock().map(|p| *p).unwrap_or(rhai::Position::NONE)
}
