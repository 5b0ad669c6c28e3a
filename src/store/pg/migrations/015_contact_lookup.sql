-- duijie schema on PostgreSQL, as SQLite's 015: finding a contact by the tail of a phone
-- number. An index on the last four digits narrows a tail of four or more digits to the few
-- numbers sharing those four (SQLite writes the same index as substr(digits, -4)).

CREATE INDEX contact_phone_tail ON contact_phone (right(digits, 4));
