-- duijie schema, version 7: a record's status is a word duijie knows, and every date of the
-- pipeline is a real date in 1900–2200.
--
-- - record.status holds only 'open' or 'closed'. The word a source used when it says more
--   ("洽谈中", "可转化", "合同已终止") moves to the new status_text column, where it is kept
--   and shown; what it means decides the status (Rust: domain::status::parse, with the same
--   word lists; tests/store_migration_007.rs checks that both agree).
-- - Dates: pair.stage_since, signed_on, next_due, created_at and updated_at, stage_change.at,
--   followup.at and next_due start with a real day between 1900-01-01 and 2200-12-31. They
--   were bounded on input only.
--
-- The checks are triggers, not table CHECKs: SQLite adds a CHECK only by copying the whole
-- table (migration 004 did so once, 1.8 s at 100k records), and a trigger that aborts the
-- statement gives the same guarantee, with a message naming the column.

ALTER TABLE record ADD COLUMN status_text TEXT NOT NULL DEFAULT '';

-- Both expressions read the row's old status.
UPDATE record SET
    status_text = CASE
        WHEN trim(status) = '' OR lower(trim(status)) IN ('open', 'active', '开放', '征集中', '有效', '进行中', '发布', '已发布', '在线')
             OR lower(trim(status)) IN ('closed', 'close', 'inactive', 'done', 'withdrawn', 'expired', '关闭', '已关闭', '结束', '已结束', '已完成', '已解决', '失效', '已失效', '过期', '已过期', '下线') THEN ''
        ELSE trim(status) END,
    status = CASE
        WHEN trim(status) = '' OR lower(trim(status)) IN ('open', 'active', '开放', '征集中', '有效', '进行中', '发布', '已发布', '在线') THEN 'open'
        WHEN lower(trim(status)) IN ('closed', 'close', 'inactive', 'done', 'withdrawn', 'expired', '关闭', '已关闭', '结束', '已结束', '已完成', '已解决', '失效', '已失效', '过期', '已过期', '下线') THEN 'closed'
        WHEN instr(trim(status), '关闭') > 0 OR instr(trim(status), '结束') > 0 OR instr(trim(status), '成交') > 0 OR instr(trim(status), '撤回') > 0 OR instr(trim(status), '撤销') > 0 OR instr(trim(status), '失效') > 0 OR instr(trim(status), '过期') > 0 OR instr(trim(status), '终止') > 0 THEN 'closed'
        ELSE 'open' END
WHERE status NOT IN ('open', 'closed');

CREATE TRIGGER record_status_insert BEFORE INSERT ON record
WHEN NEW.status NOT IN ('open', 'closed') BEGIN
    SELECT RAISE(ABORT, 'CHECK constraint failed: record.status must be open or closed');
END;
CREATE TRIGGER record_status_update BEFORE UPDATE OF status ON record
WHEN NEW.status NOT IN ('open', 'closed') BEGIN
    SELECT RAISE(ABORT, 'CHECK constraint failed: record.status must be open or closed');
END;

-- A date column holds a day in range (a time may follow: 2026-11-29T13:44:45Z). SQLite's
-- date() takes 2024-02-30 as it is; with a modifier it carries it over to 03-01, so a day
-- that does not exist differs from what comes back. An update checks only the dates it
-- changes.
CREATE TRIGGER pair_dates_insert BEFORE INSERT ON pair
WHEN NOT (substr(NEW.stage_since, 1, 10) BETWEEN '1900-01-01' AND '2200-12-31'
         AND date(substr(NEW.stage_since, 1, 10), '+0 days') IS substr(NEW.stage_since, 1, 10))
    OR NOT (NEW.signed_on IS NULL OR (substr(NEW.signed_on, 1, 10) BETWEEN '1900-01-01' AND '2200-12-31'
         AND date(substr(NEW.signed_on, 1, 10), '+0 days') IS substr(NEW.signed_on, 1, 10)))
    OR NOT (NEW.next_due IS NULL OR (substr(NEW.next_due, 1, 10) BETWEEN '1900-01-01' AND '2200-12-31'
         AND date(substr(NEW.next_due, 1, 10), '+0 days') IS substr(NEW.next_due, 1, 10)))
    OR NOT (substr(NEW.created_at, 1, 10) BETWEEN '1900-01-01' AND '2200-12-31'
         AND date(substr(NEW.created_at, 1, 10), '+0 days') IS substr(NEW.created_at, 1, 10))
    OR NOT (substr(NEW.updated_at, 1, 10) BETWEEN '1900-01-01' AND '2200-12-31'
         AND date(substr(NEW.updated_at, 1, 10), '+0 days') IS substr(NEW.updated_at, 1, 10))
BEGIN
    SELECT RAISE(ABORT, 'CHECK constraint failed: pair dates (stage_since, signed_on, next_due, created_at, updated_at) must be days in 1900–2200');
END;
CREATE TRIGGER pair_dates_update BEFORE UPDATE ON pair
WHEN (NEW.stage_since IS NOT OLD.stage_since AND NOT (substr(NEW.stage_since, 1, 10) BETWEEN '1900-01-01' AND '2200-12-31'
         AND date(substr(NEW.stage_since, 1, 10), '+0 days') IS substr(NEW.stage_since, 1, 10)))
    OR (NEW.signed_on IS NOT OLD.signed_on AND NOT (NEW.signed_on IS NULL OR (substr(NEW.signed_on, 1, 10) BETWEEN '1900-01-01' AND '2200-12-31'
         AND date(substr(NEW.signed_on, 1, 10), '+0 days') IS substr(NEW.signed_on, 1, 10))))
    OR (NEW.next_due IS NOT OLD.next_due AND NOT (NEW.next_due IS NULL OR (substr(NEW.next_due, 1, 10) BETWEEN '1900-01-01' AND '2200-12-31'
         AND date(substr(NEW.next_due, 1, 10), '+0 days') IS substr(NEW.next_due, 1, 10))))
    OR (NEW.created_at IS NOT OLD.created_at AND NOT (substr(NEW.created_at, 1, 10) BETWEEN '1900-01-01' AND '2200-12-31'
         AND date(substr(NEW.created_at, 1, 10), '+0 days') IS substr(NEW.created_at, 1, 10)))
    OR (NEW.updated_at IS NOT OLD.updated_at AND NOT (substr(NEW.updated_at, 1, 10) BETWEEN '1900-01-01' AND '2200-12-31'
         AND date(substr(NEW.updated_at, 1, 10), '+0 days') IS substr(NEW.updated_at, 1, 10)))
BEGIN
    SELECT RAISE(ABORT, 'CHECK constraint failed: pair dates (stage_since, signed_on, next_due, created_at, updated_at) must be days in 1900–2200');
END;
CREATE TRIGGER stage_change_dates_insert BEFORE INSERT ON stage_change
WHEN NOT (substr(NEW.at, 1, 10) BETWEEN '1900-01-01' AND '2200-12-31'
         AND date(substr(NEW.at, 1, 10), '+0 days') IS substr(NEW.at, 1, 10))
BEGIN
    SELECT RAISE(ABORT, 'CHECK constraint failed: stage_change dates (at) must be days in 1900–2200');
END;
CREATE TRIGGER stage_change_dates_update BEFORE UPDATE ON stage_change
WHEN (NEW.at IS NOT OLD.at AND NOT (substr(NEW.at, 1, 10) BETWEEN '1900-01-01' AND '2200-12-31'
         AND date(substr(NEW.at, 1, 10), '+0 days') IS substr(NEW.at, 1, 10)))
BEGIN
    SELECT RAISE(ABORT, 'CHECK constraint failed: stage_change dates (at) must be days in 1900–2200');
END;
CREATE TRIGGER followup_dates_insert BEFORE INSERT ON followup
WHEN NOT (substr(NEW.at, 1, 10) BETWEEN '1900-01-01' AND '2200-12-31'
         AND date(substr(NEW.at, 1, 10), '+0 days') IS substr(NEW.at, 1, 10))
    OR NOT (NEW.next_due IS NULL OR (substr(NEW.next_due, 1, 10) BETWEEN '1900-01-01' AND '2200-12-31'
         AND date(substr(NEW.next_due, 1, 10), '+0 days') IS substr(NEW.next_due, 1, 10)))
BEGIN
    SELECT RAISE(ABORT, 'CHECK constraint failed: followup dates (at, next_due) must be days in 1900–2200');
END;
CREATE TRIGGER followup_dates_update BEFORE UPDATE ON followup
WHEN (NEW.at IS NOT OLD.at AND NOT (substr(NEW.at, 1, 10) BETWEEN '1900-01-01' AND '2200-12-31'
         AND date(substr(NEW.at, 1, 10), '+0 days') IS substr(NEW.at, 1, 10)))
    OR (NEW.next_due IS NOT OLD.next_due AND NOT (NEW.next_due IS NULL OR (substr(NEW.next_due, 1, 10) BETWEEN '1900-01-01' AND '2200-12-31'
         AND date(substr(NEW.next_due, 1, 10), '+0 days') IS substr(NEW.next_due, 1, 10))))
BEGIN
    SELECT RAISE(ABORT, 'CHECK constraint failed: followup dates (at, next_due) must be days in 1900–2200');
END;
