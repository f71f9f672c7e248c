-- New national indicators proposed in the TWG workspace (submitted → reviewed → approved) and
-- each country's framework extension: every approval writes a new version of the extension
-- (a framework indicator file, indicators/national/<ISO3>.toml) and the indicator's row, in the
-- same transaction as its audit row. Versions are kept, never overwritten.
-- The twin of this file is migrations/postgres/0016_national_indicators.sql.
CREATE TABLE indicator_proposal (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    area        TEXT NOT NULL REFERENCES area (code),
    code        TEXT NOT NULL,
    theme       TEXT NOT NULL,
    body        TEXT NOT NULL,
    state       TEXT NOT NULL,
    version     INTEGER NOT NULL,
    reason      TEXT NOT NULL,
    created_by  INTEGER NOT NULL REFERENCES app_user (id),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX indicator_proposal_area ON indicator_proposal (area, id);

CREATE TABLE framework_extension (
    area        TEXT NOT NULL REFERENCES area (code),
    version     INTEGER NOT NULL,
    body        TEXT NOT NULL,
    created_by  INTEGER REFERENCES app_user (id),
    created_at  TEXT NOT NULL,
    PRIMARY KEY (area, version)
);
