-- Narrative revisions written in the TWG workspace and their review (draft → submitted →
-- approved → published). Publishing a revision copies its body into `narrative` (the working
-- draft edition) in the same transaction, so documents only ever read published text.
-- The PostgreSQL twin is migrations/postgres/0011_narrative_review.sql.
CREATE TABLE narrative_revision (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    area        TEXT NOT NULL REFERENCES area (code),
    section     TEXT NOT NULL,
    lang        TEXT NOT NULL,
    body        TEXT NOT NULL,
    state       TEXT NOT NULL,
    version     INTEGER NOT NULL,
    reason      TEXT NOT NULL,
    created_by  INTEGER NOT NULL REFERENCES app_user (id),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX narrative_revision_section ON narrative_revision (area, section, lang, id);
