-- Narrative written by the Technical Working Group, and frozen editions of a profile.
-- The PostgreSQL twin is migrations/postgres/0002_editions_narrative.sql.

-- edition = '' is the working draft; a frozen edition keeps its own copy.
CREATE TABLE narrative (
    area       TEXT NOT NULL REFERENCES area (code),
    edition    TEXT NOT NULL,
    section    TEXT NOT NULL,
    lang       TEXT NOT NULL,
    body       TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (area, edition, section, lang)
);

CREATE TABLE edition (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    area       TEXT NOT NULL REFERENCES area (code),
    label      TEXT NOT NULL,
    template   TEXT NOT NULL,
    as_of      TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (area, label)
);

-- A copy of every observation an edition uses, so a rebuild gives the same document after new
-- data arrive or stored values are revised.
CREATE TABLE edition_record (
    edition_id     INTEGER NOT NULL REFERENCES edition (id),
    observation_id INTEGER NOT NULL,
    indicator      TEXT NOT NULL,
    area           TEXT NOT NULL,
    period         TEXT NOT NULL,
    dims           TEXT NOT NULL,
    value          REAL,
    obs_status     TEXT NOT NULL,
    footnote       TEXT,
    source_code    TEXT NOT NULL,
    vintage        TEXT NOT NULL,
    source_name    TEXT NOT NULL,
    file_path      TEXT NOT NULL,
    file_sha256    TEXT NOT NULL,
    locator        TEXT NOT NULL,
    PRIMARY KEY (edition_id, observation_id)
);
