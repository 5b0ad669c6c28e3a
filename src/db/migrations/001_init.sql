-- duijie schema, version 1. Shipped migrations are never edited: add 002_*.sql instead.

-- Demands (kind = 'demand', code D<seq>) and results (kind = 'result', code R<seq>).
CREATE TABLE record (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    kind        TEXT    NOT NULL CHECK (kind IN ('demand', 'result')),
    seq         INTEGER NOT NULL,
    ext_id      TEXT    NOT NULL DEFAULT '',
    title       TEXT    NOT NULL CHECK (title <> ''),
    org         TEXT    NOT NULL DEFAULT '',
    field       TEXT    NOT NULL DEFAULT '',
    region      TEXT    NOT NULL DEFAULT '',
    description TEXT    NOT NULL DEFAULT '',
    keywords    TEXT    NOT NULL DEFAULT '',
    contact     TEXT    NOT NULL DEFAULT '',
    phone       TEXT    NOT NULL DEFAULT '',
    email       TEXT    NOT NULL DEFAULT '',
    source      TEXT    NOT NULL DEFAULT '',
    status      TEXT    NOT NULL DEFAULT 'open',
    budget_wan  REAL,
    deadline    TEXT    NOT NULL DEFAULT '',
    open_call   INTEGER NOT NULL DEFAULT 0,
    lead        TEXT    NOT NULL DEFAULT '',
    maturity    TEXT    NOT NULL DEFAULT '',
    ip          TEXT    NOT NULL DEFAULT '',
    modes       TEXT    NOT NULL DEFAULT '',
    price_wan   REAL,
    extra       TEXT    NOT NULL DEFAULT '{}',
    -- Normalised (title, org) used to recognise a re-imported row without an ext_id.
    dedup_key   TEXT    NOT NULL DEFAULT '',
    -- Search keys, computed by search::keys whenever the record is written.
    key_text    TEXT    NOT NULL DEFAULT '',
    key_fold    TEXT    NOT NULL DEFAULT '',
    key_pinyin  TEXT    NOT NULL DEFAULT '',
    key_initials TEXT   NOT NULL DEFAULT '',
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL,
    UNIQUE (kind, seq)
);
CREATE INDEX record_ext_id ON record (kind, ext_id) WHERE ext_id <> '';
CREATE INDEX record_dedup ON record (kind, dedup_key);

-- Per-kind code counters, so a deleted record's code is never handed out again.
CREATE TABLE code_seq (
    kind TEXT PRIMARY KEY,
    next INTEGER NOT NULL
);
INSERT INTO code_seq (kind, next) VALUES ('demand', 1), ('result', 1);

CREATE TABLE pair (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    demand_id     INTEGER NOT NULL REFERENCES record (id) ON DELETE CASCADE,
    result_id     INTEGER NOT NULL REFERENCES record (id) ON DELETE CASCADE,
    note          TEXT    NOT NULL DEFAULT '',
    stage         TEXT    NOT NULL DEFAULT 'candidate',
    stage_since   TEXT    NOT NULL,
    amount_wan    REAL,
    signed_on     TEXT,
    contract_type TEXT,
    reg_no        TEXT,
    shelve_reason TEXT,
    shelve_note   TEXT,
    next_action   TEXT,
    next_due      TEXT,
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL,
    UNIQUE (demand_id, result_id)
);
CREATE INDEX pair_result ON pair (result_id);

CREATE TABLE stage_change (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    pair_id    INTEGER NOT NULL REFERENCES pair (id) ON DELETE CASCADE,
    from_stage TEXT,
    to_stage   TEXT    NOT NULL,
    at         TEXT    NOT NULL
);
CREATE INDEX stage_change_pair ON stage_change (pair_id);

CREATE TABLE followup (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    pair_id     INTEGER NOT NULL REFERENCES pair (id) ON DELETE CASCADE,
    at          TEXT    NOT NULL,
    channel     TEXT    NOT NULL,
    note        TEXT    NOT NULL DEFAULT '',
    next_action TEXT,
    next_due    TEXT
);
CREATE INDEX followup_pair ON followup (pair_id);

-- Saved search + filters, recalled with number keys 1–9.
CREATE TABLE saved_view (
    slot    INTEGER PRIMARY KEY CHECK (slot BETWEEN 1 AND 9),
    query   TEXT NOT NULL DEFAULT '',
    filters TEXT NOT NULL DEFAULT '{}'
);

-- Undo journal: each entry is one user-visible change with the data needed to reverse it.
CREATE TABLE undo_entry (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    label   TEXT NOT NULL,
    payload TEXT NOT NULL,
    at      TEXT NOT NULL
);
