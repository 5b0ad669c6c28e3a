//! duijie (对接): a keyboard-driven terminal desk for technology brokers.
//!
//! The library holds everything; `main.rs` only parses the command line and dispatches, so
//! integration tests and benchmarks reach the same code the binary runs.

pub mod cli;
pub mod config;
pub mod db;
pub mod demo;
pub mod domain;
pub mod export;
pub mod i18n;
pub mod import;
pub mod matching;
pub mod paths;
pub mod pipeline;
pub mod sanitize;
pub mod search;
pub mod store;
pub mod tui;

/// mimalloc instead of the system allocator for every binary built on the library (the app,
/// tests, benchmarks): an import builds records on one thread and frees them on another, and
/// glibc's malloc/free were a fifth of the writing thread's time in `cargo bench --bench
/// import`.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// How long mimalloc keeps freed memory before it goes back to the system, in ms (its
/// default is 10; 100 for arenas). The desk sets 0 while its lists load: it loads in chunks on
/// several threads and frees each chunk as it is taken in, and with the delay the freed chunks
/// pile up and count in its peak memory (`scripts/desk-bench` at 100,000 records: 144 MB peak
/// with the delay, 111–118 MB without; at a million 1,036–1,040 MB, 967–987 MB). Once loaded
/// it sets the default again: returning every freed block at once costs the search a few
/// milliseconds per keystroke in page faults.
#[allow(
    unsafe_code,
    reason = "one call into mimalloc's option API with two integers; no pointers"
)]
pub fn set_purge_delay(ms: i32) {
    /// `mi_option_purge_delay` in mimalloc.h (the same place in its v2 and v3 enums); the
    /// Rust binding names only some of the options.
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    // SAFETY: mi_option_set only stores an integer option; any value is valid for it.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, ms.into()) }
}

/// mimalloc's default purge delay (see [`set_purge_delay`]).
pub const DEFAULT_PURGE_DELAY_MS: i32 = 10;
