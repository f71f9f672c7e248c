-- The TWG's document library: technical papers, training material, methodological notes and
-- national reports, with their versions. Files are kept by the SHA-256 of their content
-- (`library_blob`), so nothing the client sends names where they are stored, and the same file
-- uploaded twice is kept once. The twin of this file is in migrations/postgres/0015_library.sql.
CREATE TABLE library_blob (
    sha256      TEXT PRIMARY KEY,
    bytes       BLOB NOT NULL,
    size        INTEGER NOT NULL,
    created_at  TEXT NOT NULL
);

-- `country` is the TWG that owns the document (its members edit it and, when it is for members
-- only, read it); `regional` = 1 when it covers the region rather than that country alone.
-- `languages`, `themes` and `indicators` are comma-separated codes with a comma at each end
-- (`,T04,T05,`), so that one LIKE finds a code.
CREATE TABLE library_document (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    country     TEXT NOT NULL REFERENCES area (code),
    regional    INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    visibility  TEXT NOT NULL,
    title       TEXT NOT NULL,
    authors     TEXT NOT NULL,
    languages   TEXT NOT NULL,
    themes      TEXT NOT NULL,
    indicators  TEXT NOT NULL,
    created_by  INTEGER NOT NULL REFERENCES app_user (id),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX library_document_country ON library_document (country);

CREATE TABLE library_version (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    document_id  INTEGER NOT NULL REFERENCES library_document (id),
    number       INTEGER NOT NULL,
    sha256       TEXT NOT NULL REFERENCES library_blob (sha256),
    file_type    TEXT NOT NULL,
    size         INTEGER NOT NULL,
    note         TEXT NOT NULL,
    created_by   INTEGER NOT NULL REFERENCES app_user (id),
    created_at   TEXT NOT NULL,
    UNIQUE (document_id, number)
);

-- The deadline of the edition being prepared in each country, which the data-collection guides
-- of its organisations print (one row per country; set again, it is replaced).
CREATE TABLE collection_deadline (
    country     TEXT PRIMARY KEY REFERENCES area (code),
    edition     TEXT NOT NULL,
    deadline    TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
