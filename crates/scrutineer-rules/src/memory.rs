//! Counting the memory each thread holds, so that the sandbox can stop a script that builds
//! too much ([`crate::Limits::max_memory_mb`]).
//!
//! rhai limits the number of items in a string, an array or a map, not the bytes behind them:
//! a map of five thousand entries, each a copy of a 90,000-item array, passes every one of its
//! limits and holds 7 GB. The only complete count is the allocator's. [`CountingAllocator`]
//! wraps the system allocator and keeps, per thread, the bytes allocated minus the bytes freed
//! there; the engine's progress hook compares that with the figure when the script started.
//!
//! The program installs it (`#[global_allocator]` in `scrutineer`'s `main.rs`); a library user
//! that does not gets every other limit, and a memory budget that never fires.
#![allow(
    unsafe_code,
    reason = "a global allocator is an unsafe trait; this one only delegates to the system's"
)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

thread_local! {
    // `const` and without a destructor, so reading it never allocates or registers anything:
    // it is safe to touch from inside the allocator.
    static HELD: Cell<isize> = const { Cell::new(0) };
}

fn add(bytes: isize) {
    // `try_with` fails only while the thread is being torn down, when nothing is measured.
    let _ = HELD.try_with(|h| h.set(h.get().wrapping_add(bytes)));
}

/// Bytes allocated by this thread and not yet freed by it. Memory freed on another thread than
/// the one that allocated it makes the figures drift, which is why a budget compares two
/// readings on one thread around one call, never a reading with zero.
pub fn held_by_this_thread() -> isize {
    HELD.try_with(Cell::get).unwrap_or(0)
}

/// The system allocator, counting per thread. Install it with
/// `#[global_allocator] static A: CountingAllocator = CountingAllocator;`.
pub struct CountingAllocator;

// SAFETY: every method delegates to `System` with the caller's arguments unchanged; the only
// addition is arithmetic on a thread-local counter, which neither allocates nor panics.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded as given; the caller upholds `alloc`'s contract.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            add(layout.size() as isize);
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as for `alloc`.
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            add(layout.size() as isize);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` and `layout` come from an allocation made by `System` through us.
        unsafe { System.dealloc(ptr, layout) };
        add(-(layout.size() as isize));
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: as for `dealloc`; the caller upholds `realloc`'s contract.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            add(new_size as isize - layout.size() as isize);
        }
        p
    }
}
