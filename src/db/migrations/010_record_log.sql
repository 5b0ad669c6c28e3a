-- duijie schema: a record's own log. A call (or visit, message…) about a record that has no
-- open pair is noted on the record itself; one with open pairs goes to their follow-up logs.
--
-- Like the follow-up log and the stage history of a pair, a note has no revision or
-- tombstone of its own: writing or removing one stamps its record's rev (so a desk watching
-- revisions reads the record, and its log, again), and deleting the record takes its notes
-- along (cascade; the record's tombstone says so).
CREATE TABLE record_note (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    record_id   INTEGER NOT NULL REFERENCES record (id) ON DELETE CASCADE,
    at          TEXT    NOT NULL,
    channel     TEXT    NOT NULL,
    note        TEXT    NOT NULL CHECK (note <> ''),
    next_action TEXT,
    next_due    TEXT
);
CREATE INDEX record_note_record ON record_note (record_id, at);
