//! How long a desk's search takes to cover every record of a list, from its start: with no
//! cache (every key read from the database, and for a shared one the cache written after),
//! then with that cache warm (read in place, or caught up with what was written since).
//! The clock runs from the loader's start (its connection included) to the first answer that
//! covers the whole list; three runs of each, one list (results).
//!
//! Run: `cargo run --release --example desk_index_cost -- DATABASE [--runs 3]`, DATABASE a
//! file or a `postgres://` address. The cache goes to a temporary directory.

use std::time::Instant;

use duijie::db::index_cache::spawn_desk_loader;
use duijie::db::location::Location;
use duijie::domain::Kind;
use duijie::search::worker::SearchWorker;

fn covered_after(at: &Location, cache: &std::path::Path) -> anyhow::Result<(f64, usize)> {
    let t = Instant::now();
    let (w, feed) = SearchWorker::spawn_fed(duijie::search::worker::DEFAULT_LIMIT);
    spawn_desk_loader(
        at.clone(),
        Kind::Achievement,
        Some(cache.to_path_buf()),
        feed,
    );
    w.query(1, "锂电池 回收");
    loop {
        let a = w
            .recv()
            .ok_or_else(|| anyhow::anyhow!("the worker stopped"))?;
        if let Some(why) = a.coverage.failed {
            anyhow::bail!("loading failed: {why}");
        }
        if a.coverage.complete {
            return Ok((t.elapsed().as_secs_f64() * 1e3, a.coverage.loaded));
        }
    }
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let target = args
        .next()
        .ok_or_else(|| anyhow::anyhow!("usage: desk_index_cost DATABASE [--runs N]"))?;
    let runs: usize = match (args.next().as_deref(), args.next()) {
        (Some("--runs"), Some(n)) => n.parse()?,
        _ => 3,
    };
    let at = Location::parse(std::ffi::OsStr::new(&target));
    println!("| {} | rows | complete after (ms) |", at.shown());
    println!("|---|---|---|");
    for _ in 0..runs {
        let cache = tempfile::tempdir()?;
        let (cold, rows) = covered_after(&at, cache.path())?;
        // The loader writes the cache after its last rows: wait for the file.
        let dir = cache.path().join("index");
        let t = Instant::now();
        while at.is_server()
            && !std::fs::read_dir(&dir).is_ok_and(|d| {
                d.flatten()
                    .any(|f| f.path().extension().is_some_and(|e| e == "idx"))
            })
            && t.elapsed().as_secs() < 60
        {
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        if !at.is_server() {
            // A file's desk reads the cache `find` writes.
            let (db, _) = duijie::db::Db::open_at(&at, 0, false)?;
            duijie::db::index_cache::load_in(&db, Kind::Achievement, Some(cache.path()))?;
        }
        let (warm, _) = covered_after(&at, cache.path())?;
        println!("| cold cache | {rows} | {cold:.0} |");
        println!("| warm cache | {rows} | {warm:.0} |");
    }
    Ok(())
}
