-- Registry changes made in the TWG workspace go through a review like data: a member proposes
-- a change (an instrument and its status, an institution, a project), another member approves
-- it (or sends it back with a reason), the secretariat publishes it; publishing writes the
-- entry as the country's workspace registry source in the same transaction as the audit row.
-- An institution may name the workspace organisation it is. The PostgreSQL twin is
-- migrations/postgres/0017_registry_review.sql.
ALTER TABLE registry_institution ADD COLUMN organisation TEXT;

CREATE TABLE registry_proposal (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    area         TEXT NOT NULL REFERENCES area (code),
    kind         TEXT NOT NULL CHECK (kind IN ('status', 'institution', 'project')),
    entry_key    TEXT NOT NULL,
    body         TEXT NOT NULL,
    -- The version (import batch) of the workspace entry the proposer saw; NULL for a new entry.
    seen_version INTEGER,
    state        TEXT NOT NULL CHECK (state IN ('proposed', 'approved', 'published', 'rejected')),
    reason       TEXT NOT NULL,
    proposed_by  INTEGER NOT NULL REFERENCES app_user (id),
    approved_by  INTEGER REFERENCES app_user (id),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX registry_proposal_area ON registry_proposal (area, state, id);
