//! What the desk holds in memory at a given size, part by part: each list's search index (by
//! part, from `Index::footprint`) and its compact rows, with the process's resident memory
//! after each step. The desk's peak is measured whole-process by `scripts/desk-bench`; this
//! says where it goes.
//!
//! Usage: `cargo run --release --example desk_memory -- target/desk-bench/n1000000/desk.db`

use duijie::db::keys::open_read_only;
use duijie::domain::Kind;
use duijie::search::Index;
use duijie::tui::features::filters::Filters;
use duijie::tui::model::ListModel;

/// Resident memory in MB, from /proc (Linux).
fn rss_mb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmRSS"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<u64>().ok())
        .unwrap_or(0)
        / 1024
}

fn main() -> anyhow::Result<()> {
    let path = std::env::args()
        .nth(1)
        .ok_or_else(|| anyhow::anyhow!("usage: desk_memory DB"))?;
    let conn = open_read_only(std::path::Path::new(&path))?;
    println!("start: rss {} MB", rss_mb());
    let mut held = Vec::new();
    for kind in [Kind::Demand, Kind::Achievement] {
        let index = Index::load(&conn, kind)?;
        let fp = index.footprint();
        println!(
            "index {kind:?}: {} MB (keys {} MB, offsets {} MB, sieve {} MB, heads {} MB, rows {} MB); rss {} MB",
            fp.total() >> 20,
            fp.keys >> 20,
            fp.offsets >> 20,
            fp.sieve >> 20,
            fp.heads >> 20,
            fp.rows >> 20,
            rss_mb()
        );
        held.push(index);
    }
    let mut lists = Vec::new();
    for kind in [Kind::Demand, Kind::Achievement] {
        let total = usize::try_from(duijie::db::records::count(&conn, kind)?).unwrap_or(0);
        let mut list = ListModel::loading(total);
        duijie::db::records::each_row(&conn, kind, 5000, |rows| {
            let added = list.append(rows);
            list.extend_shown(&added, &Filters::default(), &|_| vec![]);
            true
        })?;
        println!(
            "rows {kind:?}: {} held; rss {} MB",
            list.records.len(),
            rss_mb()
        );
        lists.push(list);
    }
    println!("end: rss {} MB", rss_mb());
    Ok(())
}
