-- The first schema: framework, areas, sources, datasets, files, import batches, observations.
-- The PostgreSQL twin is migrations/postgres/0001_initial.sql; keep the two in step (same
-- tables, columns and constraints; only types and auto-increment differ).

CREATE TABLE framework_meta (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);

CREATE TABLE theme (
    code           TEXT PRIMARY KEY NOT NULL,
    ord            INTEGER NOT NULL,
    name_en        TEXT NOT NULL,
    name_fr        TEXT NOT NULL,
    name_pt        TEXT NOT NULL,
    description_en TEXT NOT NULL,
    description_fr TEXT NOT NULL,
    description_pt TEXT NOT NULL
);

CREATE TABLE unit (
    id      TEXT PRIMARY KEY NOT NULL,
    symbol  TEXT,
    name_en TEXT NOT NULL,
    name_fr TEXT NOT NULL,
    name_pt TEXT NOT NULL
);

CREATE TABLE codelist (
    id      TEXT PRIMARY KEY NOT NULL,
    name_en TEXT NOT NULL,
    name_fr TEXT NOT NULL,
    name_pt TEXT NOT NULL
);

CREATE TABLE codelist_code (
    codelist TEXT NOT NULL REFERENCES codelist (id),
    code     TEXT NOT NULL,
    ord      INTEGER NOT NULL,
    parent   TEXT,
    name_en  TEXT NOT NULL,
    name_fr  TEXT NOT NULL,
    name_pt  TEXT NOT NULL,
    PRIMARY KEY (codelist, code)
);

-- codelist is NULL for dimensions whose values are area codes.
CREATE TABLE dimension (
    id       TEXT PRIMARY KEY NOT NULL,
    codelist TEXT REFERENCES codelist (id),
    name_en  TEXT NOT NULL,
    name_fr  TEXT NOT NULL,
    name_pt  TEXT NOT NULL
);

CREATE TABLE indicator (
    code          TEXT PRIMARY KEY NOT NULL,
    theme         TEXT NOT NULL REFERENCES theme (code),
    name_en       TEXT NOT NULL,
    name_fr       TEXT NOT NULL,
    name_pt       TEXT NOT NULL,
    definition_en TEXT NOT NULL,
    definition_fr TEXT NOT NULL,
    definition_pt TEXT NOT NULL,
    unit          TEXT NOT NULL REFERENCES unit (id),
    unit_mult     INTEGER NOT NULL,
    decimals      INTEGER NOT NULL,
    dimensions    TEXT NOT NULL,
    formula       TEXT,
    sdg           TEXT,
    is_key        INTEGER NOT NULL,
    spec          TEXT NOT NULL
);

CREATE TABLE area (
    code             TEXT PRIMARY KEY NOT NULL,
    iso2             TEXT,
    m49              INTEGER,
    kind             TEXT NOT NULL CHECK (kind IN ('country', 'group')),
    name_en          TEXT NOT NULL,
    name_fr          TEXT NOT NULL,
    name_pt          TEXT NOT NULL,
    profile_language TEXT
);

CREATE TABLE area_membership (
    group_code TEXT NOT NULL REFERENCES area (code),
    member     TEXT NOT NULL REFERENCES area (code),
    year_from  INTEGER,
    year_until INTEGER,
    PRIMARY KEY (group_code, member)
);

CREATE TABLE source (
    code      TEXT PRIMARY KEY NOT NULL,
    name      TEXT NOT NULL,
    publisher TEXT NOT NULL,
    licence   TEXT NOT NULL,
    url       TEXT NOT NULL
);

CREATE TABLE dataset (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    source_code TEXT NOT NULL REFERENCES source (code),
    vintage     TEXT NOT NULL,
    UNIQUE (source_code, vintage)
);

CREATE TABLE import_batch (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    command     TEXT NOT NULL,
    status      TEXT NOT NULL,
    added       INTEGER NOT NULL DEFAULT 0,
    changed     INTEGER NOT NULL DEFAULT 0,
    unchanged   INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE source_file (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    dataset_id INTEGER NOT NULL REFERENCES dataset (id),
    batch_id   INTEGER NOT NULL REFERENCES import_batch (id),
    path       TEXT NOT NULL,
    sha256     TEXT NOT NULL,
    bytes      INTEGER NOT NULL,
    UNIQUE (dataset_id, sha256)
);

-- dims is the canonical DimensionKey text ('' = total of every dimension), so the UNIQUE key
-- cannot hold two spellings of one observation.
CREATE TABLE observation (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    dataset_id   INTEGER NOT NULL REFERENCES dataset (id),
    indicator    TEXT NOT NULL REFERENCES indicator (code),
    area         TEXT NOT NULL REFERENCES area (code),
    period       TEXT NOT NULL,
    period_start TEXT NOT NULL,
    period_end   TEXT NOT NULL,
    freq         TEXT NOT NULL,
    dims         TEXT NOT NULL,
    value        REAL,
    obs_status   TEXT NOT NULL,
    unit_mult    INTEGER NOT NULL,
    footnote     TEXT,
    file_id      INTEGER NOT NULL REFERENCES source_file (id),
    locator      TEXT NOT NULL,
    batch_id     INTEGER NOT NULL REFERENCES import_batch (id),
    UNIQUE (dataset_id, indicator, area, period, dims)
);

CREATE INDEX observation_lookup ON observation (indicator, area, period_start);
CREATE INDEX observation_area ON observation (area, indicator);
CREATE INDEX source_file_batch ON source_file (batch_id);
CREATE INDEX area_membership_member ON area_membership (member);
