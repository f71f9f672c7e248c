-- The governance registries: legal and policy instruments and their status per country,
-- institutions, and the projects of international agencies. Every entry belongs to a dataset
-- (a source at one vintage) and points at the file and row it was read from, like an
-- observation. The PostgreSQL twin is migrations/postgres/0006_registries.sql.

-- Lists (themes, organisations, sectors) are stored one item per line.
CREATE TABLE registry_instrument (
    code       TEXT PRIMARY KEY NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('convention', 'protocol', 'regional', 'law', 'decree', 'policy', 'strategy', 'action_plan', 'development_plan')),
    short      TEXT NOT NULL,
    title_en   TEXT NOT NULL,
    title_fr   TEXT NOT NULL,
    title_pt   TEXT NOT NULL,
    year       INTEGER,
    area       TEXT REFERENCES area (code),
    citation   TEXT,
    link       TEXT,
    themes     TEXT NOT NULL,
    -- Order of the instrument in its source's list, which is the order tables show.
    position   INTEGER NOT NULL,
    dataset_id INTEGER NOT NULL REFERENCES dataset (id),
    batch_id   INTEGER NOT NULL REFERENCES import_batch (id)
);

CREATE TABLE registry_ratification (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    dataset_id  INTEGER NOT NULL REFERENCES dataset (id),
    instrument  TEXT NOT NULL REFERENCES registry_instrument (code),
    area        TEXT NOT NULL REFERENCES area (code),
    status      TEXT NOT NULL CHECK (status IN ('signed', 'ratified', 'in_force', 'adopted', 'in_preparation', 'expired', 'no_action')),
    year        INTEGER,
    responsible TEXT,
    note        TEXT,
    file_id     INTEGER NOT NULL REFERENCES source_file (id),
    locator     TEXT NOT NULL,
    batch_id    INTEGER NOT NULL REFERENCES import_batch (id),
    UNIQUE (dataset_id, instrument, area)
);

CREATE TABLE registry_institution (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    dataset_id INTEGER NOT NULL REFERENCES dataset (id),
    area       TEXT NOT NULL REFERENCES area (code),
    name       TEXT NOT NULL,
    acronym    TEXT,
    mandate    TEXT,
    parent     TEXT,
    themes     TEXT NOT NULL,
    contact    TEXT,
    data_held  TEXT,
    file_id    INTEGER NOT NULL REFERENCES source_file (id),
    locator    TEXT NOT NULL,
    batch_id   INTEGER NOT NULL REFERENCES import_batch (id),
    UNIQUE (dataset_id, area, name)
);

CREATE TABLE registry_project (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    dataset_id    INTEGER NOT NULL REFERENCES dataset (id),
    identifier    TEXT NOT NULL,
    title         TEXT NOT NULL,
    reporting_org TEXT NOT NULL,
    implementing  TEXT NOT NULL,
    donors        TEXT NOT NULL,
    themes        TEXT NOT NULL,
    sectors       TEXT NOT NULL,
    start_date    TEXT,
    end_date      TEXT,
    status        TEXT CHECK (status IN ('pipeline', 'implementation', 'finalisation', 'closed', 'cancelled', 'suspended')),
    budget        REAL,
    currency      TEXT,
    results       TEXT,
    file_id       INTEGER NOT NULL REFERENCES source_file (id),
    locator       TEXT NOT NULL,
    batch_id      INTEGER NOT NULL REFERENCES import_batch (id),
    UNIQUE (dataset_id, identifier)
);

CREATE TABLE registry_project_country (
    project_id INTEGER NOT NULL REFERENCES registry_project (id),
    area       TEXT NOT NULL REFERENCES area (code),
    PRIMARY KEY (project_id, area)
);

CREATE INDEX registry_ratification_area ON registry_ratification (area);
CREATE INDEX registry_institution_area ON registry_institution (area);
CREATE INDEX registry_project_country_area ON registry_project_country (area);

-- What the registries held for the country when an edition was frozen (the RegistryView as
-- JSON), so rebuilding the edition shows C.1–C.3 as they were.
CREATE TABLE edition_registry (
    edition_id INTEGER PRIMARY KEY NOT NULL REFERENCES edition (id),
    body       TEXT NOT NULL
);
