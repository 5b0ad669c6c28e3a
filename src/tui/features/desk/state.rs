//! One list of the desk (demands or results) as a live, light view: compact rows only (the
//! full record is fetched when it is shown or edited), kept newest first, patched from the
//! rows that changed instead of reloaded.

use crate::domain::{RecordRow, Stage};
use crate::search::Hit;
use crate::tui::features::desk::row::DeskRow;
use crate::tui::features::desk::rows::Rows;
use crate::tui::features::filters::Filters;

/// One list: its rows by id in the order an empty query shows them, the current hits and the
/// selection.
#[derive(Debug, Clone, Default)]
#[allow(
    clippy::struct_excessive_bools,
    reason = "independent facts about one list: loaded, capped, partial, chosen"
)]
pub struct ListModel {
    /// Every row held, by id.
    pub records: Rows,
    /// Ids newest first (rev descending, then id): the order of an empty query.
    order: Vec<i64>,
    /// How many rows the database holds (known before they are all loaded).
    pub total: usize,
    /// Every row has been loaded.
    pub loaded: bool,
    /// Hits of the current query, best first (all records for an empty query).
    pub hits: Vec<Hit>,
    /// Ids shown: the hits that pass the filters, in hit order.
    pub shown: Vec<i64>,
    pub selected: usize,
    /// The user put the selection where it is since the query last changed: answers keep it
    /// on its record. Otherwise an answer to a typed query selects its best hit, so the
    /// detail (and the contact) shown is the best match, not a record chosen for an earlier
    /// query that still matches loosely.
    pub chosen: bool,
    /// First shown row on screen.
    pub offset: usize,
    /// Sequence number of the query the hits answer.
    pub answered: u64,
    /// More records matched the query than `hits` holds: counts show "1000+".
    pub capped: bool,
    /// The hits answer the query over part of the list only; a fuller answer follows.
    pub partial: bool,
    /// Records the people the query names reach (features/lookup), shown after the hits.
    pub via: Vec<i64>,
}

impl ListModel {
    /// A fully loaded list of `rows`, in any order: they are sorted newest first.
    pub fn new(mut rows: Vec<RecordRow>) -> ListModel {
        // Written together (one revision): the later update first, then code order.
        rows.sort_unstable_by(|a, b| {
            (b.rev.cmp(&a.rev))
                .then_with(|| b.updated_at.cmp(&a.updated_at))
                .then(a.id.cmp(&b.id))
        });
        let total = rows.len();
        let mut list = ListModel::loading(total);
        list.append(rows);
        list.loaded = true;
        list
    }

    /// An empty list that will receive `total` rows in chunks, newest first.
    /// The tables are sized for `total` at once: grown row by row, a million-row map holds
    /// its old and its new table together at each doubling (a quarter of the desk's peak).
    pub fn loading(total: usize) -> ListModel {
        ListModel {
            records: Rows::with_capacity(total),
            order: Vec::with_capacity(total),
            total,
            ..ListModel::default()
        }
    }

    /// Takes the next chunk of the initial load (newest first, after those already held).
    /// Rows already held (the first screenful, or a row a change brought in) are kept as
    /// they are: a change is never older than the load.
    /// Returns the ids it added, in order.
    pub fn append(&mut self, rows: Vec<RecordRow>) -> Vec<i64> {
        let mut added = Vec::with_capacity(rows.len());
        for r in rows {
            if !self.records.contains_key(&r.id) {
                self.order.push(r.id);
                self.records.insert(r.id, DeskRow::of(&r));
                added.push(r.id);
            }
        }
        self.total = self.total.max(self.records.len());
        added
    }

    /// Rows just appended, under an empty query: they join the hits and, when they pass the
    /// filters, the shown rows, at the end (they are older than every row held).
    pub fn extend_shown(
        &mut self,
        added: &[i64],
        filters: &Filters,
        stages_of: &dyn Fn(i64) -> Vec<Stage>,
    ) {
        self.hits
            .extend(added.iter().map(|&id| Hit { id, score: 0 }));
        let by_stage = !filters.stage.is_empty();
        for &id in added {
            let Some(r) = self.records.get(&id) else {
                continue;
            };
            let pass = if filters.is_empty() {
                true
            } else if by_stage {
                filters.matches(r, &stages_of(id))
            } else {
                filters.admits(r)
            };
            if pass {
                self.shown.push(id);
            }
        }
    }

    /// Puts a new or changed row first (it is now the newest).
    pub fn upsert(&mut self, row: &RecordRow) {
        let id = row.id;
        if self.records.insert(id, DeskRow::of(row)).is_some() {
            self.order.retain(|&o| o != id);
        } else {
            self.total += 1;
        }
        self.order.insert(0, id);
        if !self.hits.iter().any(|h| h.id == id) && self.answered_empty() {
            self.hits.insert(0, Hit { id, score: 0 });
        }
    }

    /// Drops a deleted row; false when it was not held.
    pub fn remove(&mut self, id: i64) -> bool {
        if self.records.remove(&id).is_none() {
            return false;
        }
        self.total = self.total.saturating_sub(1);
        self.order.retain(|&o| o != id);
        self.hits.retain(|h| h.id != id);
        true
    }

    /// Whether the hits are those of an empty query (every row, newest first).
    fn answered_empty(&self) -> bool {
        self.hits.iter().all(|h| h.score == 0)
    }

    /// Every record as the hits of an empty query: newest first; records written together
    /// (one import shares one revision) in code order, as the file had them.
    pub fn all_hits(&self) -> Vec<Hit> {
        self.order.iter().map(|&id| Hit { id, score: 0 }).collect()
    }

    /// "shown/total" for titles and the status bar; "1000+/50000" when the query matched more
    /// than the hits hold.
    pub fn count_label(&self) -> String {
        let plus = if self.capped { "+" } else { "" };
        format!("{}{plus}/{}", self.shown.len(), self.total)
    }

    pub fn selected_id(&self) -> Option<i64> {
        self.shown.get(self.selected).copied()
    }

    pub fn selected_record(&self) -> Option<&DeskRow> {
        self.selected_id().and_then(|id| self.records.get(&id))
    }

    /// Recomputes `shown` from hits and filters, keeping the selected record when still shown.
    /// `stages_of` gives the stages of a record's pairs, for the stage filter.
    pub fn refilter(&mut self, filters: &Filters, stages_of: &dyn Fn(i64) -> Vec<Stage>) {
        let keep = self.selected_id();
        let by_stage = !filters.stage.is_empty();
        let unfiltered = filters.is_empty();
        let hit_ids: std::collections::HashSet<i64> = if self.via.is_empty() {
            std::collections::HashSet::new()
        } else {
            self.hits.iter().map(|h| h.id).collect()
        };
        let via = self.via.iter().filter(|id| !hit_ids.contains(id));
        self.shown = self
            .hits
            .iter()
            .map(|h| &h.id)
            .chain(via)
            .filter(|&&id| {
                self.records.get(&id).is_some_and(|r| {
                    if unfiltered {
                        true
                    } else if by_stage {
                        filters.matches(r, &stages_of(r.id))
                    } else {
                        filters.admits(r)
                    }
                })
            })
            .copied()
            .collect();
        self.selected = keep
            .and_then(|id| self.shown.iter().position(|&s| s == id))
            .unwrap_or(0);
    }

    /// Moves the selection by `delta` rows, clamped.
    pub fn move_by(&mut self, delta: i64) {
        self.chosen = true;
        if self.shown.is_empty() {
            self.selected = 0;
            return;
        }
        let last = self.shown.len() as i64 - 1;
        self.selected = (self.selected as i64 + delta).clamp(0, last) as usize;
    }

    /// Scrolls so the selection is within `rows` visible rows.
    pub fn scroll_into_view(&mut self, rows: usize) {
        let rows = rows.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + rows {
            self.offset = self.selected + 1 - rows;
        }
        let max_offset = self.shown.len().saturating_sub(rows);
        self.offset = self.offset.min(max_offset);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Kind;

    fn row(id: i64, rev: i64) -> RecordRow {
        RecordRow {
            id,
            kind: Kind::Demand,
            seq: id,
            title: format!("需求{id}"),
            rev,
            ..RecordRow::default()
        }
    }

    #[test]
    fn the_stage_filter_keeps_only_records_with_a_pair_in_that_stage() {
        let mut list = ListModel::new((1..=3).map(|i| row(i, 1)).collect());
        list.hits = list.all_hits();
        let stages = |id: i64| match id {
            1 => vec![Stage::Signed],
            2 => vec![Stage::Candidate, Stage::Shelved],
            _ => Vec::new(),
        };
        let mut f = Filters::default();
        list.refilter(&f, &stages);
        assert_eq!(list.shown.len(), 3);
        f.stage.insert(Stage::Signed);
        list.refilter(&f, &stages);
        assert_eq!(list.shown, vec![1]);
        f.stage.insert(Stage::Shelved);
        list.refilter(&f, &stages);
        let mut shown = list.shown.clone();
        shown.sort_unstable();
        assert_eq!(shown, vec![1, 2]);
    }

    #[test]
    fn chunks_append_in_order_and_a_change_comes_first() {
        // Case table: (what happens, ids in the order an empty query shows them, total).
        let mut list = ListModel::loading(4);
        list.append(vec![row(3, 9), row(1, 5)]);
        assert_eq!((ids(&list), list.total), (vec![3, 1], 4));
        list.append(vec![row(2, 4), row(4, 4)]);
        assert_eq!((ids(&list), list.total), (vec![3, 1, 2, 4], 4));
        list.upsert(&row(2, 10));
        assert_eq!((ids(&list), list.total), (vec![2, 3, 1, 4], 4));
        list.upsert(&row(7, 11));
        assert_eq!((ids(&list), list.total), (vec![7, 2, 3, 1, 4], 5));
        assert!(list.remove(3));
        assert!(!list.remove(3));
        assert_eq!((ids(&list), list.total), (vec![7, 2, 1, 4], 4));
        // A chunk that repeats a row held already (the first screenful) adds nothing.
        list.append(vec![row(1, 5)]);
        assert_eq!(ids(&list), vec![7, 2, 1, 4]);
    }

    #[test]
    fn a_loaded_chunk_joins_the_end_of_the_shown_rows_through_the_filters() {
        let mut list = ListModel::loading(4);
        let mut f = Filters::default();
        f.region.insert("陕西".into());
        let in_shaanxi = |id: i64, rev: i64, region: &str| RecordRow {
            region: region.into(),
            ..row(id, rev)
        };
        let added = list.append(vec![in_shaanxi(1, 9, "陕西"), in_shaanxi(2, 8, "河南")]);
        list.extend_shown(&added, &f, &|_| Vec::new());
        assert_eq!(list.shown, vec![1]);
        let added = list.append(vec![in_shaanxi(2, 8, "河南"), in_shaanxi(3, 7, "陕西")]);
        assert_eq!(added, vec![3], "a row held already is not added twice");
        list.extend_shown(&added, &f, &|_| Vec::new());
        assert_eq!(list.shown, vec![1, 3]);
        assert_eq!(list.hits.len(), 3);
    }

    fn ids(list: &ListModel) -> Vec<i64> {
        list.all_hits().iter().map(|h| h.id).collect()
    }
}
