//! What the lookup by person and number adds to a search (`duijie find`, each desk query):
//! the first lookup in a fresh connection (as `find` pays it: pages read from disk) and the
//! median of 50 more, for a phone number, its tail, a name, pinyin and a query that names
//! nobody, over a duijie database (schema 15 or later, so the tail index is there).
//!
//! Run: `cargo run --release --example lookup_cost -- target/desk-bench/n100000/desk.db`
//! The database is opened read-only.

use std::time::{Duration, Instant};

use duijie::pipeline::lookup::lookup;

const QUERIES: &[&str] = &[
    "13800000021",
    "138-0000-0021",
    "0021",
    "西安交通大学",
    "张伟",
    "dian",
    "锂电池 回收",
];

fn main() -> anyhow::Result<()> {
    let path = std::env::args()
        .nth(1)
        .ok_or_else(|| anyhow::anyhow!("usage: lookup_cost DATABASE"))?;
    println!("| query | contacts | records reached | first (fresh connection) | median of 50 |");
    println!("|---|---|---|---|---|");
    for q in QUERIES {
        let conn = duijie::db::backup::open_read_only(std::path::Path::new(&path))?;
        let t = Instant::now();
        let first = lookup(&conn, q)?;
        let cold = t.elapsed();
        let mut times: Vec<Duration> = (0..50)
            .map(|_| {
                let t = Instant::now();
                let _ = lookup(&conn, q);
                t.elapsed()
            })
            .collect();
        times.sort();
        let (contacts, reached) = first
            .as_ref()
            .map_or((0, 0), |l| (l.contacts.len() + l.more, l.records.len()));
        println!(
            "| {q} | {contacts} | {reached} | {:.2} ms | {:.3} ms |",
            cold.as_secs_f64() * 1e3,
            times[25].as_secs_f64() * 1e3
        );
    }
    Ok(())
}
