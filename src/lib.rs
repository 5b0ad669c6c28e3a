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
pub mod tui;

/// mimalloc instead of the system allocator for every binary built on the library (the app,
/// tests, benchmarks): an import builds records on one thread and frees them on another, and
/// glibc's malloc/free were a fifth of the writing thread's time in `cargo bench --bench
/// import`.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
