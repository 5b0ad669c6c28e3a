//! Figures for the desk's loader on a large database (ignored by default): first rows and
//! counts, a full streamed pass, and the live checks. Run on a database built with the
//! import CLI:
//! `DUIJIE_SCALE_DB=/path/big.db cargo test --release --test store_scale -- --ignored --nocapture`

use std::time::Instant;

use duijie::db::{Db, live, records};
use duijie::domain::{Kind, RecordRow};

/// (current, peak) resident set size in MB, from /proc/self/status (0 where missing).
fn rss_mb() -> (f64, f64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
            / 1024.0
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// CPU seconds (user + system) of this thread, from /proc (0 where missing): on a busy
/// machine they say more than wall time.
fn cpu_ms() -> f64 {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").unwrap_or_default();
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let ticks: u64 = rest
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|x| x.parse::<u64>().ok())
        .sum();
    ticks as f64 * 10.0
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}

#[test]
#[ignore = "needs DUIJIE_SCALE_DB pointing at a large database"]
fn loader_figures_on_a_large_database() {
    let Ok(path) = std::env::var("DUIJIE_SCALE_DB") else {
        eprintln!("DUIJIE_SCALE_DB not set");
        return;
    };
    let kind = Kind::Achievement;
    let t = Instant::now();
    let db = Db::open(std::path::Path::new(&path)).unwrap();
    println!("open: {:.1} ms", ms(t));
    let conn = db.conn();
    for round in ["cold", "warm"] {
        let t = Instant::now();
        let first = records::first_rows(conn, kind, 50).unwrap();
        let t1 = ms(t);
        let t = Instant::now();
        let n = records::count(conn, kind).unwrap();
        println!(
            "{round}: first_rows(50) {t1:.2} ms, count {:.1} ms ({n} rows, {} first)",
            ms(t),
            first.len()
        );
    }
    let (rss0, _) = rss_mb();
    let c0 = cpu_ms();
    let t = Instant::now();
    let mut seen = 0usize;
    records::each_row(conn, kind, 10_000, |c| {
        seen += c.len();
        true
    })
    .unwrap();
    let (rss1, hwm1) = rss_mb();
    println!(
        "each_row streamed (chunks dropped): {:.0} ms ({:.0} ms CPU) for {seen} rows; RSS {rss0:.0} → {rss1:.0} MB (peak {hwm1:.0})",
        ms(t),
        cpu_ms() - c0
    );
    let c0 = cpu_ms();
    let t = Instant::now();
    let mut kept: Vec<RecordRow> = Vec::new();
    records::each_row(conn, kind, 10_000, |c| {
        kept.extend(c);
        true
    })
    .unwrap();
    let (rss2, hwm2) = rss_mb();
    println!(
        "each_row kept in one Vec: {:.0} ms ({:.0} ms CPU) for {} rows; RSS {rss1:.0} → {rss2:.0} MB (peak {hwm2:.0})",
        ms(t),
        cpu_ms() - c0,
        kept.len()
    );
    let t = Instant::now();
    let v = live::data_version(db.sqlite().unwrap()).unwrap();
    println!("data_version: {:.3} ms ({v})", ms(t));
    let rev = live::current_rev(conn).unwrap();
    let t = Instant::now();
    let c = live::changes_since(conn, rev).unwrap();
    println!(
        "changes_since(current): {:.3} ms ({} records)",
        ms(t),
        c.records.len()
    );
    let t = Instant::now();
    let n = live::records_changed(conn, rev - 1).unwrap();
    println!("records_changed(current - 1): {:.0} ms ({n})", ms(t));
    let t = Instant::now();
    let c = live::changes_since(conn, rev - 1).unwrap();
    println!(
        "changes_since(current - 1): {:.0} ms ({} records, {} pairs)",
        ms(t),
        c.records.len(),
        c.pairs.len()
    );
}
