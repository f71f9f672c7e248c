-- The TWG workspace: accounts, organisations, TWGs, memberships, sessions, API tokens,
-- submissions waiting for publication, and the hash-chained audit trail.
-- The PostgreSQL twin is migrations/postgres/0004_workspace.sql.

-- One row: the workspace generation (raised by every workspace write, so several server
-- processes see each other's writes) and the audit chain's head (count and last hash), which
-- catches rows cut off the end of the chain.
CREATE TABLE ws_meta (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    generation  INTEGER NOT NULL,
    audit_count INTEGER NOT NULL,
    audit_last  TEXT NOT NULL
);
INSERT INTO ws_meta (id, generation, audit_count, audit_last)
VALUES (1, 0, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Ministries, the statistics office, agencies, civil society. `code` names the organisation's
-- national source (nat-<country>-<code>).
CREATE TABLE organisation (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    code       TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- One TWG per country; skip_subgroup = 1 sends submissions straight to the secretariat.
CREATE TABLE twg (
    country       TEXT PRIMARY KEY REFERENCES area (code),
    name          TEXT NOT NULL,
    skip_subgroup INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL
);

-- Thematic sub-groups: `themes` is `T01,T04` (or `*`).
CREATE TABLE subgroup (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    country TEXT NOT NULL REFERENCES twg (country),
    name    TEXT NOT NULL,
    themes  TEXT NOT NULL,
    UNIQUE (country, name)
);

-- Accounts. failed_logins and locked_until (Unix seconds) throttle sign-in.
CREATE TABLE app_user (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    login         TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    disabled      INTEGER NOT NULL DEFAULT 0,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until  INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL
);

-- A role held by a user; country = '' for the platform administrator, themes `*` or `T01,T04`.
CREATE TABLE membership (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id         INTEGER NOT NULL REFERENCES app_user (id),
    role            TEXT NOT NULL,
    country         TEXT NOT NULL,
    themes          TEXT NOT NULL,
    organisation_id INTEGER REFERENCES organisation (id),
    UNIQUE (user_id, role, country)
);

-- Server-side sessions; only the SHA-256 of the session id is kept.
CREATE TABLE session (
    id_hash    TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES app_user (id),
    csrf       TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX session_by_user ON session (user_id);

-- API tokens for machine submissions; only the SHA-256 is kept; revoked_at set = refused.
CREATE TABLE api_token (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id    INTEGER NOT NULL REFERENCES app_user (id),
    token_hash TEXT NOT NULL UNIQUE,
    label      TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);

-- Figures waiting for publication: the uploaded file as sent (read again with the same readers
-- to preview and to publish), never in `observation` before it is published. `version` rises at
-- every change (optimistic concurrency).
CREATE TABLE submission (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    country         TEXT NOT NULL REFERENCES area (code),
    organisation_id INTEGER NOT NULL REFERENCES organisation (id),
    themes          TEXT NOT NULL,
    state           TEXT NOT NULL,
    version         INTEGER NOT NULL,
    source_code     TEXT NOT NULL,
    file_name       TEXT NOT NULL,
    file_kind       TEXT NOT NULL,
    file_bytes      BLOB NOT NULL,
    file_sha256     TEXT NOT NULL,
    summary         TEXT NOT NULL,
    reason          TEXT NOT NULL,
    batch_id        INTEGER,
    created_by      INTEGER NOT NULL REFERENCES app_user (id),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX submission_country ON submission (country, state);

-- The audit trail: hash = sha256(prev_hash || canonical row), see mp-workspace.
CREATE TABLE audit_log (
    seq        INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    actor      INTEGER,
    actor_name TEXT NOT NULL,
    action     TEXT NOT NULL,
    target     TEXT NOT NULL,
    before     TEXT NOT NULL,
    after      TEXT NOT NULL,
    prev_hash  TEXT NOT NULL,
    hash       TEXT NOT NULL
);
CREATE INDEX audit_target ON audit_log (target);
