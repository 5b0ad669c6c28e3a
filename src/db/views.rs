//! Saved views: a search and its filters in a numbered slot (1–9) the desk recalls with a
//! number key. The filters are stored as JSON of whatever type the desk gives.

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::DbResult;
use crate::store::Sql;

/// Stores `query` and `filters` in `slot` (1–9), replacing what it held.
pub fn save<F: Serialize>(conn: &dyn Sql, slot: u8, query: &str, filters: &F) -> DbResult<()> {
    let json = serde_json::to_string(filters)?;
    conn.execute(
        "INSERT INTO saved_view (slot, query, filters) VALUES (?1, ?2, ?3) \
         ON CONFLICT (slot) DO UPDATE SET query = ?2, filters = ?3",
        &[&slot, &query, &json],
    )?;
    Ok(())
}

/// The query and filters saved in `slot`; `None` when it is empty. Filters that no longer
/// parse (saved by another version) come back as their default.
pub fn load<F: DeserializeOwned + Default>(
    conn: &dyn Sql,
    slot: u8,
) -> DbResult<Option<(String, F)>> {
    let Some(row) = conn.query_opt(
        "SELECT query, filters FROM saved_view WHERE slot = ?1",
        &[&slot],
    )?
    else {
        return Ok(None);
    };
    let (q, f): (String, String) = (row.get(0)?, row.get(1)?);
    Ok(Some((q, serde_json::from_str(&f).unwrap_or_default())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Db;

    #[test]
    fn a_view_round_trips_and_a_slot_is_replaced() {
        let mut db = Db::open_in_memory().unwrap();
        let filters = vec!["光伏".to_string()];
        db.write(|tx| save(tx, 3, "铜箔", &filters)).unwrap();
        db.write(|tx| save(tx, 3, "锂电", &filters)).unwrap();
        let got: Option<(String, Vec<String>)> = load(db.conn(), 3).unwrap();
        assert_eq!(got, Some(("锂电".into(), filters)));
        assert_eq!(load::<Vec<String>>(db.conn(), 4).unwrap(), None);
    }
}
