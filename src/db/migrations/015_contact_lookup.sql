-- duijie schema: finding a contact by the tail of a phone number.
--
-- A caller is often looked up by the last digits of their number (2222, 0000-2222). The
-- digits index (contact_phone_digits) answers a whole number only; a tail would scan every
-- phone. This index on the last four digits narrows a tail of four or more digits to the few
-- numbers sharing those four, whatever the number of contacts.

CREATE INDEX contact_phone_tail ON contact_phone (substr(digits, -4));
