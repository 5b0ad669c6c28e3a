-- duijie schema: who did what. Each broker has a name (config `user`, DUIJIE_USER, or the
-- login name); every change records it, and every pair has an owner who can hand it over.
--
-- Rows written before names have NULL here: nobody knows who made them, and no invented name
-- stands for them (the desk and `show` print "—"). A pair with no owner belongs to nobody in
-- particular, so it is among everyone's "mine" until someone takes it over.
ALTER TABLE record ADD COLUMN created_by TEXT CHECK (created_by IS NULL OR created_by <> '');
ALTER TABLE record ADD COLUMN updated_by TEXT CHECK (updated_by IS NULL OR updated_by <> '');
ALTER TABLE pair ADD COLUMN created_by TEXT CHECK (created_by IS NULL OR created_by <> '');
ALTER TABLE pair ADD COLUMN owner TEXT CHECK (owner IS NULL OR owner <> '');
CREATE INDEX pair_owner ON pair (owner);
ALTER TABLE stage_change ADD COLUMN actor TEXT CHECK (actor IS NULL OR actor <> '');
ALTER TABLE followup ADD COLUMN actor TEXT CHECK (actor IS NULL OR actor <> '');
ALTER TABLE contract ADD COLUMN actor TEXT CHECK (actor IS NULL OR actor <> '');
ALTER TABLE payment ADD COLUMN actor TEXT CHECK (actor IS NULL OR actor <> '');
ALTER TABLE record_note ADD COLUMN actor TEXT CHECK (actor IS NULL OR actor <> '');
ALTER TABLE undo_entry ADD COLUMN actor TEXT CHECK (actor IS NULL OR actor <> '');
