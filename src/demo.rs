//! The built-in demo data (assets/demo), built into a fresh database on request so
//! `duijie --demo` never touches the user's own file.

use std::path::Path;

use crate::db::Db;
use crate::domain::Kind;
use crate::import::{ImportOptions, import_bytes};

const DEMANDS: &[u8] = include_bytes!("../assets/demo/demands.csv");
const RESULTS: &[u8] = include_bytes!("../assets/demo/results.csv");
const PAIRS: &str = include_str!("../assets/demo/pairs.json");

/// Builds the demo database at `path`; returns a one-line summary.
pub fn build(path: &Path) -> anyhow::Result<String> {
    let mut db = Db::open(path)?;
    let opts = ImportOptions {
        no_undo: true,
        ..ImportOptions::default()
    };
    let d = import_bytes(&mut db, Kind::Demand, "demands.csv", DEMANDS, &opts)?;
    let r = import_bytes(&mut db, Kind::Achievement, "results.csv", RESULTS, &opts)?;
    anyhow::ensure!(
        d.rejected.is_empty() && r.rejected.is_empty(),
        "demo data has rejected rows: {:?} {:?}",
        d.rejected,
        r.rejected
    );
    let pairs = crate::pipeline::demo::seed(&mut db, PAIRS)?;
    // The broker of the demo has looked at new matches already: the desk's count starts at
    // nothing new, and grows with what is added while trying it out.
    db.write(|tx| {
        let now = crate::db::rev::current(tx)?;
        crate::db::matches::set_mark(tx, now)
    })?;
    Ok(format!(
        "demo database {}: {} demands, {} results, {} pairs",
        path.display(),
        d.added,
        r.added,
        pairs
    ))
}
