//! The rows one list holds, by id: packed in one vector with a map from id to place. A map of
//! whole rows keeps a quarter to a half of its table empty at any size; here only the small
//! id → place map does (at a million rows about 60 MB less than a map of rows). The map hashes
//! with FxHash, not SipHash: ids are the database's own integers, never an attacker's, and
//! showing every record of a million-row list looks each one up (SipHash made that ~100 ms).

use rustc_hash::FxHashMap as HashMap;

use crate::tui::features::desk::row::DeskRow;

#[derive(Debug, Clone, Default)]
pub struct Rows {
    rows: Vec<DeskRow>,
    at: HashMap<i64, u32>,
}

impl Rows {
    /// Room for `n` rows at once (grown row by row, a large map holds its old and new table
    /// together at each doubling).
    pub fn with_capacity(n: usize) -> Rows {
        Rows {
            rows: Vec::with_capacity(n),
            at: HashMap::with_capacity_and_hasher(n, rustc_hash::FxBuildHasher),
        }
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn get(&self, id: &i64) -> Option<&DeskRow> {
        self.at.get(id).map(|&i| &self.rows[i as usize])
    }

    pub fn contains_key(&self, id: &i64) -> bool {
        self.at.contains_key(id)
    }

    /// Puts `row` under `id`; returns the row it replaced.
    pub fn insert(&mut self, id: i64, row: DeskRow) -> Option<DeskRow> {
        if let Some(&i) = self.at.get(&id) {
            return Some(std::mem::replace(&mut self.rows[i as usize], row));
        }
        self.at.insert(id, self.rows.len() as u32);
        self.rows.push(row);
        None
    }

    /// Takes the row of `id` out; the last row moves into its place.
    pub fn remove(&mut self, id: &i64) -> Option<DeskRow> {
        let i = self.at.remove(id)? as usize;
        let row = self.rows.swap_remove(i);
        if let Some(moved) = self.rows.get(i) {
            self.at.insert(moved.id, i as u32);
        }
        Some(row)
    }

    /// Every row, in no particular order.
    pub fn values(&self) -> impl Iterator<Item = &DeskRow> {
        self.rows.iter()
    }
}

impl std::ops::Index<&i64> for Rows {
    type Output = DeskRow;

    fn index(&self, id: &i64) -> &DeskRow {
        self.get(id).expect("no row with this id")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Kind, RecordRow};

    fn row(id: i64, title: &str) -> DeskRow {
        DeskRow::of(&RecordRow {
            id,
            kind: Kind::Demand,
            seq: id,
            title: title.into(),
            ..RecordRow::default()
        })
    }

    #[test]
    fn rows_are_found_by_id_after_inserts_replacements_and_removals() {
        let mut rows = Rows::with_capacity(4);
        for id in 1..=4 {
            assert!(rows.insert(id, row(id, &format!("标题{id}"))).is_none());
        }
        let old = rows.insert(2, row(2, "新标题")).unwrap();
        assert_eq!(old.title(), "标题2");
        // Removing the first row moves the last into its place; every id still finds its row.
        assert_eq!(rows.remove(&1).unwrap().title(), "标题1");
        assert!(rows.remove(&1).is_none());
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[&2].title(), "新标题");
        assert_eq!(rows[&3].title(), "标题3");
        assert_eq!(rows[&4].title(), "标题4");
        assert!(!rows.contains_key(&1));
        let mut titles: Vec<&str> = rows.values().map(DeskRow::title).collect();
        titles.sort_unstable();
        assert_eq!(titles, ["新标题", "标题3", "标题4"]);
    }
}
