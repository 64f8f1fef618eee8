//! The one place the script engine is built. Rules and (later) what-if scenarios are shared
//! between councils, so they are treated as untrusted: no files, no network, no clock, no
//! `eval`, no modules, and hard limits on the work a script may do.

use rhai::Engine;
use rhai::module_resolvers::DummyModuleResolver;

/// Limits on what one call of a script may do. One value, defined here, documented in the
/// README, and adjustable on the command line for rule authors.
///
/// rhai's own limits (operations, sizes, nesting) bound the script; the budgets after them
/// bound what rhai does not see: time spent inside the rule API's own functions, memory held
/// in Rust, and what a rule or scenario hands back to be reported.
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
    /// Wall-clock seconds for one rule on one partnership, or one scenario with all its
    /// variants. A rule of the pack takes milliseconds; an expensive built-in called in a loop
    /// can stay inside the operation budget and still run for minutes.
    pub max_seconds: u64,
    /// Memory, in megabytes, that one call may hold at once, counted by the program's allocator
    /// (see [`crate::memory`]): rhai's size limits count items, not bytes, so a map of large
    /// arrays passes them while holding gigabytes.
    pub max_memory_mb: u64,
    /// Outcomes one call of `check` may return.
    pub max_outcomes: usize,
    /// Bytes of text (messages, requests, facts, evidence) one call of `check` may return.
    pub max_output_bytes: usize,
    /// Pieces of evidence one outcome may cite.
    pub max_evidence: usize,
    /// Variants one sweep may declare.
    pub max_variants: usize,
    /// Edits one scenario may make to its copy (per variant).
    pub max_edits: usize,
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
            max_seconds: 10,
            max_memory_mb: 512,
            max_outcomes: 10_000,
            max_output_bytes: 4 * 1024 * 1024,
            max_evidence: 1_000,
            max_variants: 1_000,
            max_edits: 10_000,
        }
    }
}

/// Why [`Budget`] stopped a script: carried in rhai's `ErrorTerminated` as a string token.
pub(crate) const OUT_OF_TIME: &str = "scrutineer: out of time";
pub(crate) const OUT_OF_MEMORY: &str = "scrutineer: out of memory";

/// Whether `e` is the engine stopping a script at one of its limits, whose position rhai gives
/// unreliably (see [`locate_last_step`]).
pub(crate) fn is_limit_error(e: &rhai::EvalAltResult) -> bool {
    use rhai::EvalAltResult as E;
    matches!(
        e,
        E::ErrorTooManyOperations(_)
            | E::ErrorDataTooLarge(..)
            | E::ErrorStackOverflow(_)
            | E::ErrorTooManyVariables(_)
    ) || matches!(e, E::ErrorTerminated(token, _)
        if token.to_string() == OUT_OF_TIME || token.to_string() == OUT_OF_MEMORY)
}

/// A script stopped by one of the host's budgets, with the reason as the author reads it.
/// `ErrorTerminated`, not a runtime error, so that it is never reported as something the
/// script threw.
pub(crate) fn stopped(reason: String, at: rhai::Position) -> Box<rhai::EvalAltResult> {
    Box::new(rhai::EvalAltResult::ErrorTerminated(reason.into(), at))
}

thread_local! {
    /// The budget of the script call running on this thread, if any. A script call never
    /// leaves its thread, so the engine's progress hook can find its own call's budget here.
    static BUDGET: std::cell::Cell<Option<Budget>> = const { std::cell::Cell::new(None) };
}

/// The wall-clock and memory budget of one script call (or one scenario), set around it with
/// [`Budget::run`] and checked by the engine's progress hook.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Budget {
    deadline: std::time::Instant,
    memory_from: isize,
    memory_bytes: isize,
}

impl Budget {
    /// The budget of the re-run that finds where a script stopped ([`locate_last_step`]) after
    /// `error`. The re-run must stop where the first run did, at the same limit, so it gets
    /// ten times the time (stepping under the debugger is slow, and the first run's work fitted
    /// in the time it had). After running out of time, though, at most two seconds: where a
    /// slow loop is when the clock runs out is a matter of chance anyway.
    pub(crate) fn for_locating(limits: &Limits, error: &rhai::EvalAltResult) -> Limits {
        let out_of_time = matches!(
            error,
            rhai::EvalAltResult::ErrorTerminated(token, _) if token.to_string() == OUT_OF_TIME
        );
        Limits {
            max_seconds: if out_of_time {
                limits.max_seconds.min(2)
            } else {
                limits.max_seconds.saturating_mul(10)
            },
            ..*limits
        }
    }

    /// Runs `f` with a fresh budget from `limits` on this thread.
    pub(crate) fn run<T>(limits: &Limits, f: impl FnOnce() -> T) -> T {
        let budget = Budget {
            deadline: std::time::Instant::now()
                + std::time::Duration::from_secs(limits.max_seconds),
            memory_from: crate::memory::held_by_this_thread(),
            memory_bytes: isize::try_from(limits.max_memory_mb.saturating_mul(1 << 20))
                .unwrap_or(isize::MAX),
        };
        let outer = BUDGET.with(|b| b.replace(Some(budget)));
        let result = f();
        BUDGET.with(|b| b.set(outer));
        result
    }

    /// Whether the call running on this thread has spent its budget, and on what. Memory is
    /// checked at every operation (one operation can double what a script holds, as
    /// `f = f.curry(f)` does), the clock every 256 (reading it costs more, and time does not
    /// jump).
    fn spent(ops: u64) -> Option<&'static str> {
        let b = BUDGET.with(|b| b.get())?;
        if crate::memory::held_by_this_thread() - b.memory_from > b.memory_bytes {
            return Some(OUT_OF_MEMORY);
        }
        if ops.is_multiple_of(256) && std::time::Instant::now() >= b.deadline {
            return Some(OUT_OF_TIME);
        }
        None
    }
}

/// Threads the scripts run on. rhai walks nested values recursively (to measure, copy and
/// drop them), so a script that nests an array in itself a hundred thousand times needs far
/// more stack than a thread's usual 2 MB; these threads reserve this much address space,
/// which costs memory only as far as it is used.
pub const STACK_BYTES: usize = 512 << 20;

/// The most evaluation threads `--threads` may ask for: more than any machine this runs on has
/// cores, and few enough that their stacks' address space stays reasonable.
pub const MAX_THREADS: usize = 256;

static THREADS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
static POOL: std::sync::OnceLock<rayon::ThreadPool> = std::sync::OnceLock::new();

thread_local! {
    static ON_SANDBOX_THREAD: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Sets how many threads evaluate (default: one per core). Results do not depend on it. Must
/// be called before the first evaluation.
pub fn configure_threads(threads: usize) -> Result<(), String> {
    if !(1..=MAX_THREADS).contains(&threads) {
        return Err(format!(
            "the number of threads must be between 1 and {MAX_THREADS}, not {threads}"
        ));
    }
    if POOL.get().is_some() {
        return Err("the evaluation threads have already started".into());
    }
    THREADS.store(threads, std::sync::atomic::Ordering::Relaxed);
    // The rest of the program's parallel work (loading files) uses rayon's global pool; it gets
    // the same count, so `--threads 1` means one thread throughout. It fails only if that pool
    // has already started, when it keeps the size it has.
    let _ = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build_global();
    Ok(())
}

/// A pool of `threads` sandbox threads: for callers (and tests) that choose their own count.
pub fn thread_pool(threads: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads.clamp(1, MAX_THREADS))
        .stack_size(STACK_BYTES)
        .thread_name(|i| format!("scrutineer-{i}"))
        .start_handler(|_| ON_SANDBOX_THREAD.with(|b| b.set(true)))
        .build()
        .expect("a thread pool of a bounded size can be built")
}

/// Runs `f` on a sandbox thread: directly when already on one (of any pool from
/// [`thread_pool`]), otherwise on the process's pool, so that `f`'s parallel work runs there too.
pub fn install<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    if ON_SANDBOX_THREAD.with(|b| b.get()) {
        return f();
    }
    POOL.get_or_init(|| {
        let n = match THREADS.load(std::sync::atomic::Ordering::Relaxed) {
            0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
            n => n,
        };
        thread_pool(n)
    })
    .install(f)
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
    // The time and memory budgets of the call running on this thread (see `Budget::spent`).
    engine.on_progress(|ops| Budget::spent(ops).map(rhai::Dynamic::from));
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
