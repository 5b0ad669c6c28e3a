-- duijie schema, version 4: exact money, checked enums, and deadlines that are dates.
--
-- - Money was REAL 万元 (summed as f64: rounding drift, and "inf" on the board). It is now an
--   INTEGER count of 分 (0.01 元): budget_fen, price_fen, amount_fen, converted exactly by
--   rounding to the 分 (x 万元 = x × 1,000,000 分). A stored value no amount can be (negative,
--   not finite, over 10,000,000 万元) is not carried into the money column: a record keeps it
--   in `extra` under "预算（原值）" / "价格（原值）", a pair in its note, so nothing is lost.
-- - Stage, channel, contract type and shelve reason can only hold the words duijie knows.
-- - record.deadline is an ISO date (YYYY-MM-DD, 1900–2200) or ''. Text that is not such a date
--   ("明年", "2024-02-30") moves to deadline_text, where `show` and the desk flag it.
--
-- SQLite adds CHECK constraints only by rebuilding a table: each of record, pair, stage_change
-- and followup is copied into a new table that takes its name, with the same ids, the `rev`
-- columns, indexes and tombstone triggers of version 3. The migration runs with foreign keys
-- off (so dropping the old tables cascades nothing) and checks them before it commits.

CREATE TABLE record_v4 (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    kind         TEXT    NOT NULL CHECK (kind IN ('demand', 'result')),
    seq          INTEGER NOT NULL,
    ext_id       TEXT    NOT NULL DEFAULT '',
    title        TEXT    NOT NULL CHECK (title <> ''),
    org          TEXT    NOT NULL DEFAULT '',
    field        TEXT    NOT NULL DEFAULT '',
    region       TEXT    NOT NULL DEFAULT '',
    description  TEXT    NOT NULL DEFAULT '',
    keywords     TEXT    NOT NULL DEFAULT '',
    contact      TEXT    NOT NULL DEFAULT '',
    phone        TEXT    NOT NULL DEFAULT '',
    email        TEXT    NOT NULL DEFAULT '',
    source       TEXT    NOT NULL DEFAULT '',
    -- Free text on purpose: imports keep a status word they do not know ("洽谈中").
    status       TEXT    NOT NULL DEFAULT 'open',
    budget_fen   INTEGER CHECK (budget_fen IS NULL OR (typeof(budget_fen) = 'integer'
                     AND budget_fen BETWEEN 0 AND 10000000000000)),
    deadline     TEXT    NOT NULL DEFAULT '' CHECK (deadline = '' OR (date(deadline) IS deadline
                     AND deadline BETWEEN '1900-01-01' AND '2200-12-31')),
    -- What was given as the deadline when it was not a date: kept, and flagged where shown.
    deadline_text TEXT   NOT NULL DEFAULT '',
    open_call    INTEGER NOT NULL DEFAULT 0 CHECK (open_call IN (0, 1)),
    lead         TEXT    NOT NULL DEFAULT '',
    maturity     TEXT    NOT NULL DEFAULT '',
    ip           TEXT    NOT NULL DEFAULT '',
    modes        TEXT    NOT NULL DEFAULT '',
    price_fen    INTEGER CHECK (price_fen IS NULL OR (typeof(price_fen) = 'integer'
                     AND price_fen BETWEEN 0 AND 10000000000000)),
    extra        TEXT    NOT NULL DEFAULT '{}',
    dedup_key    TEXT    NOT NULL DEFAULT '',
    key_fold     TEXT    NOT NULL DEFAULT '',
    key_pinyin   TEXT    NOT NULL DEFAULT '',
    key_initials TEXT    NOT NULL DEFAULT '',
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL,
    rev          INTEGER NOT NULL DEFAULT 0,
    UNIQUE (kind, seq)
);

-- A REAL 万元 value that is a valid amount: finite, 0 … 10,000,000.
INSERT INTO record_v4 (id, kind, seq, ext_id, title, org, field, region, description, keywords,
    contact, phone, email, source, status, budget_fen, deadline, deadline_text, open_call, lead,
    maturity, ip, modes, price_fen, extra, dedup_key, key_fold, key_pinyin, key_initials,
    created_at, updated_at, rev)
SELECT id, kind, seq, ext_id, title, org, field, region, description, keywords,
    contact, phone, email, source, status,
    CASE WHEN budget_wan BETWEEN 0 AND 10000000
         THEN CAST(round(budget_wan * 1000000) AS INTEGER) END,
    CASE WHEN date(trim(deadline)) IS trim(deadline)
              AND trim(deadline) BETWEEN '1900-01-01' AND '2200-12-31' THEN trim(deadline)
         WHEN date(replace(replace(trim(deadline), '/', '-'), '.', '-'))
                  IS replace(replace(trim(deadline), '/', '-'), '.', '-')
              AND replace(replace(trim(deadline), '/', '-'), '.', '-')
                  BETWEEN '1900-01-01' AND '2200-12-31'
              THEN replace(replace(trim(deadline), '/', '-'), '.', '-')
         ELSE '' END,
    CASE WHEN trim(deadline) = '' THEN ''
         WHEN date(trim(deadline)) IS trim(deadline)
              AND trim(deadline) BETWEEN '1900-01-01' AND '2200-12-31' THEN ''
         WHEN date(replace(replace(trim(deadline), '/', '-'), '.', '-'))
                  IS replace(replace(trim(deadline), '/', '-'), '.', '-')
              AND replace(replace(trim(deadline), '/', '-'), '.', '-')
                  BETWEEN '1900-01-01' AND '2200-12-31' THEN ''
         ELSE deadline END,
    CASE WHEN open_call THEN 1 ELSE 0 END, lead, maturity, ip, modes,
    CASE WHEN price_wan BETWEEN 0 AND 10000000
         THEN CAST(round(price_wan * 1000000) AS INTEGER) END,
    CASE
        WHEN budget_wan IS NOT NULL AND NOT (budget_wan BETWEEN 0 AND 10000000)
            THEN json_set(CASE WHEN json_valid(extra) THEN extra ELSE '{}' END,
                          '$."预算（原值）"', CAST(budget_wan AS TEXT))
        WHEN price_wan IS NOT NULL AND NOT (price_wan BETWEEN 0 AND 10000000)
            THEN json_set(CASE WHEN json_valid(extra) THEN extra ELSE '{}' END,
                          '$."价格（原值）"', CAST(price_wan AS TEXT))
        ELSE extra END,
    dedup_key, key_fold, key_pinyin, key_initials, created_at, updated_at, rev
FROM record;

DROP TABLE record;
ALTER TABLE record_v4 RENAME TO record;
CREATE INDEX record_ext_id ON record (kind, ext_id) WHERE ext_id <> '';
CREATE INDEX record_dedup ON record (kind, dedup_key);
CREATE INDEX record_kind_rev ON record (kind, rev DESC, id);
CREATE TRIGGER record_tombstone AFTER DELETE ON record BEGIN
    INSERT OR REPLACE INTO record_gone (id, kind, rev)
    VALUES (OLD.id, OLD.kind, (SELECT rev FROM rev_counter WHERE id = 1));
END;

CREATE TABLE pair_v4 (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    demand_id     INTEGER NOT NULL REFERENCES record (id) ON DELETE CASCADE,
    result_id     INTEGER NOT NULL REFERENCES record (id) ON DELETE CASCADE,
    note          TEXT    NOT NULL DEFAULT '',
    stage         TEXT    NOT NULL DEFAULT 'candidate' CHECK (stage IN ('candidate',
                      'contacted', 'negotiating', 'signed', 'registered', 'landed', 'shelved')),
    stage_since   TEXT    NOT NULL,
    amount_fen    INTEGER CHECK (amount_fen IS NULL OR (typeof(amount_fen) = 'integer'
                      AND amount_fen BETWEEN 0 AND 10000000000000)),
    signed_on     TEXT,
    contract_type TEXT    CHECK (contract_type IS NULL OR contract_type IN ('development',
                      'transfer', 'licence', 'consulting', 'service')),
    reg_no        TEXT,
    shelve_reason TEXT    CHECK (shelve_reason IS NULL OR shelve_reason IN ('price_gap',
                      'immature', 'ip_unclear', 'no_reply', 'chose_other', 'budget', 'other')),
    shelve_note   TEXT,
    next_action   TEXT,
    next_due      TEXT,
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL,
    rev           INTEGER NOT NULL DEFAULT 0,
    UNIQUE (demand_id, result_id)
);

INSERT INTO pair_v4 (id, demand_id, result_id, note, stage, stage_since, amount_fen, signed_on,
    contract_type, reg_no, shelve_reason, shelve_note, next_action, next_due, created_at,
    updated_at, rev)
SELECT id, demand_id, result_id,
    CASE WHEN amount_wan IS NOT NULL AND NOT (amount_wan BETWEEN 0 AND 10000000)
         THEN note || CASE WHEN note = '' THEN '' ELSE ' ' END
              || '[金额原值 ' || CAST(amount_wan AS TEXT) || ' 万元，超出范围，未保留]'
         ELSE note END,
    stage, stage_since,
    CASE WHEN amount_wan BETWEEN 0 AND 10000000
         THEN CAST(round(amount_wan * 1000000) AS INTEGER) END,
    signed_on, contract_type, reg_no, shelve_reason, shelve_note, next_action, next_due,
    created_at, updated_at, rev
FROM pair;

-- The old table's triggers go with it; the new ones are made after the copy, so it fires none.
DROP TABLE pair;
ALTER TABLE pair_v4 RENAME TO pair;
CREATE INDEX pair_result ON pair (result_id);
CREATE INDEX pair_rev ON pair (rev);
CREATE TRIGGER pair_tombstone AFTER DELETE ON pair BEGIN
    INSERT OR REPLACE INTO pair_gone (id, rev)
    VALUES (OLD.id, (SELECT rev FROM rev_counter WHERE id = 1));
END;
CREATE TRIGGER pair_back AFTER INSERT ON pair BEGIN
    DELETE FROM pair_gone WHERE id = NEW.id;
END;

CREATE TABLE stage_change_v4 (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    pair_id    INTEGER NOT NULL REFERENCES pair (id) ON DELETE CASCADE,
    from_stage TEXT    CHECK (from_stage IS NULL OR from_stage IN ('candidate', 'contacted',
                   'negotiating', 'signed', 'registered', 'landed', 'shelved')),
    to_stage   TEXT    NOT NULL CHECK (to_stage IN ('candidate', 'contacted', 'negotiating',
                   'signed', 'registered', 'landed', 'shelved')),
    at         TEXT    NOT NULL
);
INSERT INTO stage_change_v4 (id, pair_id, from_stage, to_stage, at)
SELECT id, pair_id, from_stage, to_stage, at FROM stage_change;
DROP TABLE stage_change;
ALTER TABLE stage_change_v4 RENAME TO stage_change;
CREATE INDEX stage_change_pair ON stage_change (pair_id);

CREATE TABLE followup_v4 (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    pair_id     INTEGER NOT NULL REFERENCES pair (id) ON DELETE CASCADE,
    at          TEXT    NOT NULL,
    channel     TEXT    NOT NULL CHECK (channel IN ('phone', 'visit', 'meeting', 'email',
                    'wechat', 'roadshow')),
    note        TEXT    NOT NULL DEFAULT '',
    next_action TEXT,
    next_due    TEXT
);
INSERT INTO followup_v4 (id, pair_id, at, channel, note, next_action, next_due)
SELECT id, pair_id, at, channel, note, next_action, next_due FROM followup;
DROP TABLE followup;
ALTER TABLE followup_v4 RENAME TO followup;
CREATE INDEX followup_pair ON followup (pair_id);
