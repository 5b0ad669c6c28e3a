//! What durable writes cost: an import of a CSV into a fresh database file, then single
//! record saves, with `synchronous=NORMAL` (a crash is safe, a power cut may drop the last
//! commits) and `FULL` (what duijie uses: every commit synced before it returns). Also times
//! the quick check run on opening, and an online backup (what an import does first).
//!
//! Run: `cargo run --release --example durable_cost -- /work/shared/data/nsfc_projects.csv`
//! (in results: the file's rows). Files go to a temporary folder beside the current
//! directory, on the same disk as the worktree.

use std::time::{Duration, Instant};

use duijie::db::{Db, backup::Reason, check, records};
use duijie::domain::{Code, Kind};
use duijie::import::{ImportOptions, import_file};

const SAVES: usize = 200;

fn median(mut v: Vec<Duration>) -> (Duration, Duration) {
    v.sort();
    (v[v.len() / 2], v[v.len() * 9 / 10])
}

fn main() -> anyhow::Result<()> {
    let csv = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "/work/shared/data/nsfc_projects.csv".into());
    let tmp = tempfile::tempdir_in(".")?;
    for mode in ["NORMAL", "FULL", "NORMAL", "FULL"] {
        let path = tmp.path().join(format!("{mode}-{}.db", rand_suffix()));
        let mut db = Db::open(&path)?;
        db.sqlite()
            .expect("a file")
            .pragma_update(None, "synchronous", mode)?;
        let t = Instant::now();
        let report = import_file(
            &mut db,
            Kind::Achievement,
            csv.as_ref(),
            &ImportOptions::default(),
        )?;
        let import = t.elapsed();
        let code: Code = "R1".parse()?;
        let mut saves = Vec::with_capacity(SAVES);
        for i in 0..SAVES {
            let t = Instant::now();
            db.write(|tx| -> duijie::db::DbResult<()> {
                let mut r = records::get_by_code(tx, code)?;
                r.keywords = format!("k{i}");
                records::update(tx, &mut r)
            })?;
            saves.push(t.elapsed());
        }
        let (mid, p90) = median(saves);
        let t = Instant::now();
        let ok = check::quick_ok(db.sqlite().expect("a file"));
        let quick = t.elapsed();
        let t = Instant::now();
        db.auto_backup(Reason::Import, 10)?;
        let backup = t.elapsed();
        println!(
            "{mode:6}: import {} rows {:>7.0} ms; save median {:>6.2} ms, p90 {:>6.2} ms; \
             quick_check {:>5.0} ms ({ok}); backup {:>5.0} ms; file {:.1} MB",
            report.added,
            import.as_secs_f64() * 1e3,
            mid.as_secs_f64() * 1e3,
            p90.as_secs_f64() * 1e3,
            quick.as_secs_f64() * 1e3,
            backup.as_secs_f64() * 1e3,
            std::fs::metadata(&path)?.len() as f64 / 1e6,
        );
    }
    Ok(())
}

fn rand_suffix() -> u32 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos())
}
