-- duijie schema on PostgreSQL only (SQLite's desks read PRAGMA data_version instead): the
-- change feed. Every write transaction takes a revision from rev_counter; when it commits,
-- each listening desk hears the revision on channel duijie_change and reads only the rows
-- written after the one it last saw. A notification is sent at commit and never for a
-- transaction that rolled back.

CREATE FUNCTION duijie_announce_rev() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('duijie_change', current_schema() || ' ' || NEW.rev::text);
    RETURN NEW;
END
$$;

CREATE TRIGGER rev_counter_announce AFTER UPDATE ON rev_counter
    FOR EACH ROW EXECUTE FUNCTION duijie_announce_rev();
