-- duijie schema: organisations (codes O1…) and contacts (codes C1…) as records of their own.
--
-- An organisation is known by the normalised keys of the names it was met with (org_alias:
-- Simplified script, half-width, no spaces, brackets or legal suffixes; see
-- domain::org::org_key). A record keeps its org text as imported; record_org holds that
-- text's key, so the record belongs to whichever organisation holds the key: merging two
-- organisations moves keys, never rewrites records.
--
-- A contact is one person, de-duplicated by phone number (digits only) or email; record_contact
-- links a record to the person its contact, phone and email name.
--
-- The SQL makes the tables; filling them for the records already stored needs the key
-- function, so the migration's Rust step (db::orgs::backfill) does it in the same
-- transaction.

CREATE TABLE org (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    seq        INTEGER NOT NULL UNIQUE,
    name       TEXT    NOT NULL CHECK (name <> ''),
    kind       TEXT    NOT NULL DEFAULT 'other' CHECK (kind IN ('enterprise', 'university',
                   'institute', 'government_or_park', 'other')),
    region     TEXT    NOT NULL DEFAULT '',
    note       TEXT    NOT NULL DEFAULT '',
    -- 1: derived and never touched by the broker, so it goes when nothing refers to it.
    auto       INTEGER NOT NULL DEFAULT 1 CHECK (auto IN (0, 1)),
    created_at TEXT    NOT NULL,
    updated_at TEXT    NOT NULL,
    rev        INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE org_alias (
    key    TEXT    PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES org (id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX org_alias_org ON org_alias (org_id);

CREATE TABLE record_org (
    record_id INTEGER PRIMARY KEY REFERENCES record (id) ON DELETE CASCADE,
    org_key   TEXT    NOT NULL
);
CREATE INDEX record_org_key ON record_org (org_key);

CREATE TABLE contact (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    seq        INTEGER NOT NULL UNIQUE,
    name       TEXT    NOT NULL DEFAULT '',
    -- The name folded (script, width, spaces), for a person known by name alone.
    name_key   TEXT    NOT NULL DEFAULT '',
    email      TEXT    NOT NULL DEFAULT '',
    email_key  TEXT    NOT NULL DEFAULT '',
    org_id     INTEGER REFERENCES org (id) ON DELETE SET NULL,
    role       TEXT    NOT NULL DEFAULT '',
    note       TEXT    NOT NULL DEFAULT '',
    auto       INTEGER NOT NULL DEFAULT 1 CHECK (auto IN (0, 1)),
    created_at TEXT    NOT NULL,
    updated_at TEXT    NOT NULL,
    rev        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX contact_email ON contact (email_key) WHERE email_key <> '';
CREATE INDEX contact_name ON contact (name_key, org_id);
CREATE INDEX contact_org ON contact (org_id);

CREATE TABLE contact_phone (
    contact_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
    pos        INTEGER NOT NULL,
    phone      TEXT    NOT NULL,
    digits     TEXT    NOT NULL,
    PRIMARY KEY (contact_id, pos)
) WITHOUT ROWID;
CREATE INDEX contact_phone_digits ON contact_phone (digits);

CREATE TABLE record_contact (
    record_id  INTEGER PRIMARY KEY REFERENCES record (id) ON DELETE CASCADE,
    contact_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE
);
CREATE INDEX record_contact_contact ON record_contact (contact_id);

INSERT INTO code_seq (kind, next) VALUES ('org', 1), ('contact', 1);
