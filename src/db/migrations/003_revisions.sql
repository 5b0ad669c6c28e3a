-- duijie schema, version 3: revisions, so a desk can ask "what changed since I last looked"
-- and refuse to overwrite a row someone else changed meanwhile.
--
-- Every write transaction takes one fresh value from rev_counter and stamps each record or
-- pair row it inserts or updates with it (one import = one rev). Deleted rows leave a
-- tombstone carrying the rev of the deleting transaction.

CREATE TABLE rev_counter (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    rev INTEGER NOT NULL
);
INSERT INTO rev_counter (id, rev) VALUES (1, 0);

ALTER TABLE record ADD COLUMN rev INTEGER NOT NULL DEFAULT 0;
ALTER TABLE pair ADD COLUMN rev INTEGER NOT NULL DEFAULT 0;

-- "Records of kind K changed after rev N" and "records of kind K newest first (rev DESC,
-- id ASC)" both walk this index.
CREATE INDEX record_kind_rev ON record (kind, rev DESC, id);
CREATE INDEX pair_rev ON pair (rev);

CREATE TABLE record_gone (
    id   INTEGER PRIMARY KEY,
    kind TEXT    NOT NULL,
    rev  INTEGER NOT NULL
);
CREATE INDEX record_gone_rev ON record_gone (rev);

CREATE TABLE pair_gone (
    id  INTEGER PRIMARY KEY,
    rev INTEGER NOT NULL
);
CREATE INDEX pair_gone_rev ON pair_gone (rev);

-- Foreign key cascades fire these too: a deleted record's pairs leave tombstones as well.
CREATE TRIGGER record_tombstone AFTER DELETE ON record BEGIN
    INSERT OR REPLACE INTO record_gone (id, kind, rev)
    VALUES (OLD.id, OLD.kind, (SELECT rev FROM rev_counter WHERE id = 1));
END;

CREATE TRIGGER pair_tombstone AFTER DELETE ON pair BEGIN
    INSERT OR REPLACE INTO pair_gone (id, rev)
    VALUES (OLD.id, (SELECT rev FROM rev_counter WHERE id = 1));
END;

-- Undo restores a deleted pair under its old id: it is no longer gone. (Record ids are
-- AUTOINCREMENT and never come back, so records need no such trigger, and an import pays
-- nothing per row.)
CREATE TRIGGER pair_back AFTER INSERT ON pair BEGIN
    DELETE FROM pair_gone WHERE id = NEW.id;
END;

-- Who made an undo step: "cli", "desk:<pid>", … ('' for steps written before version 3).
ALTER TABLE undo_entry ADD COLUMN origin TEXT NOT NULL DEFAULT '';
