-- duijie schema: suggestions the broker dismissed. A dismissed partner is not suggested to
-- that record again (`--all` shows it, marked); deleting the row takes the dismissal back.
-- One row per demand–result couple, whichever side it was dismissed from.
CREATE TABLE dismissal (
    demand_id INTEGER NOT NULL REFERENCES record (id) ON DELETE CASCADE,
    result_id INTEGER NOT NULL REFERENCES record (id) ON DELETE CASCADE,
    reason    TEXT    NOT NULL
              CHECK (reason IN ('not_relevant', 'known', 'wrong_field', 'other')),
    at        TEXT    NOT NULL,
    PRIMARY KEY (demand_id, result_id)
) WITHOUT ROWID;
CREATE INDEX dismissal_result ON dismissal (result_id);
