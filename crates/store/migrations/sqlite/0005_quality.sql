-- Quality flags: warnings of the validation rules, stored with the figure they concern, and a
-- reviewer's verdict ("checked, correct" with its reason). Errors are never stored: they refuse
-- the import. The PostgreSQL twin is migrations/postgres/0005_quality.sql.
CREATE TABLE quality_flag (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    observation_id INTEGER NOT NULL REFERENCES observation (id),
    rule           TEXT NOT NULL,
    severity       TEXT NOT NULL,
    message        TEXT NOT NULL,
    value          REAL,
    expected       TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    review_status  TEXT,
    review_reason  TEXT,
    reviewed_by    TEXT,
    reviewed_at    TEXT,
    UNIQUE (observation_id, rule)
);
