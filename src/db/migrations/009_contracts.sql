-- duijie schema: the contract on a pair after 签约, its planned instalments and the payments
-- received. The pair keeps what it always held (total amount_fen, signed_on, contract_type,
-- reg_no); a contract row adds the rest. All three tables go with their pair (cascade), and
-- a deleted pair's undo step carries them back.

CREATE TABLE contract (
    pair_id     INTEGER PRIMARY KEY REFERENCES pair (id) ON DELETE CASCADE,
    -- 技术交易额: the total less equipment, materials and the like.
    tech_fen    INTEGER CHECK (tech_fen IS NULL OR (typeof(tech_fen) = 'integer'
                    AND tech_fen BETWEEN 0 AND 10000000000000)),
    pay_mode    TEXT    CHECK (pay_mode IS NULL OR pay_mode IN ('lump', 'instalments',
                    'royalty', 'down_royalty')),
    valid_to    TEXT    CHECK (valid_to IS NULL OR (date(valid_to) IS valid_to
                    AND valid_to BETWEEN '1900-01-01' AND '2200-12-31')),
    reg_date    TEXT    CHECK (reg_date IS NULL OR (date(reg_date) IS reg_date
                    AND reg_date BETWEEN '1900-01-01' AND '2200-12-31')),
    -- Why the pair was moved to 落地 with no payment received (the explicit override).
    landed_note TEXT
);

CREATE TABLE instalment (
    id         INTEGER PRIMARY KEY,
    pair_id    INTEGER NOT NULL REFERENCES pair (id) ON DELETE CASCADE,
    due        TEXT    NOT NULL CHECK (date(due) IS due
                   AND due BETWEEN '1900-01-01' AND '2200-12-31'),
    amount_fen INTEGER NOT NULL CHECK (typeof(amount_fen) = 'integer'
                   AND amount_fen BETWEEN 1 AND 10000000000000)
);
CREATE INDEX instalment_pair ON instalment (pair_id, due);

CREATE TABLE payment (
    id         INTEGER PRIMARY KEY,
    pair_id    INTEGER NOT NULL REFERENCES pair (id) ON DELETE CASCADE,
    paid_on    TEXT    NOT NULL CHECK (date(paid_on) IS paid_on
                   AND paid_on BETWEEN '1900-01-01' AND '2200-12-31'),
    amount_fen INTEGER NOT NULL CHECK (typeof(amount_fen) = 'integer'
                   AND amount_fen BETWEEN 1 AND 10000000000000),
    note       TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX payment_pair ON payment (pair_id, paid_on);
CREATE INDEX payment_day ON payment (paid_on);
