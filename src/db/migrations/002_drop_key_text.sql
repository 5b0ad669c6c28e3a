-- duijie schema, version 2: record.key_text held the searchable fields' original text a second
-- time; nothing reads it (searches match the folded, pinyin and initials keys, highlights use
-- the fields themselves), and it was about a sixth of every row an import writes.
ALTER TABLE record DROP COLUMN key_text;
