-- duijie schema: new matches. `duijie matches --new` lists the suggestions that appeared
-- since it was last asked: the records written after `match_mark.rev` are the ones whose
-- suggestions may be new, and `match_seen` holds every couple already listed, so none is
-- listed twice. The mark starts at the records as they are when this migration runs.
CREATE TABLE match_mark (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    rev INTEGER NOT NULL,
    at  TEXT    NOT NULL
);
INSERT INTO match_mark (id, rev, at)
VALUES (1, (SELECT coalesce(max(rev), 0) FROM record), '');

CREATE TABLE match_seen (
    demand_id INTEGER NOT NULL REFERENCES record (id) ON DELETE CASCADE,
    result_id INTEGER NOT NULL REFERENCES record (id) ON DELETE CASCADE,
    score     REAL    NOT NULL,
    at        TEXT    NOT NULL,
    PRIMARY KEY (demand_id, result_id)
) WITHOUT ROWID;
CREATE INDEX match_seen_result ON match_seen (result_id);
