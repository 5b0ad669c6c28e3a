-- duijie schema, version 5: what an undoable import changed, kept beside its undo entry.
--
-- An import's undo step must give back every record the import updated. Those can be tens
-- of thousands: each one's former content is one row here (written as the import goes, read
-- one at a time by undo), never one huge JSON value in the entry itself. Trimming the
-- journal or taking the step back removes them with their entry.
CREATE TABLE undo_snapshot (
    id       INTEGER PRIMARY KEY,
    entry_id INTEGER NOT NULL REFERENCES undo_entry (id) ON DELETE CASCADE,
    payload  TEXT    NOT NULL
);
CREATE INDEX undo_snapshot_entry ON undo_snapshot (entry_id);
