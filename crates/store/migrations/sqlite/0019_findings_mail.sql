-- Part D's key findings and recommendations written by the TWG, and the evidence each rests
-- on: figures (indicator × area × period × source) and sections. An item's text, per
-- language, is kept and reviewed as narrative under the section key `finding:<id>`.
-- The PostgreSQL twin is migrations/postgres/0019_findings_mail.sql.
CREATE TABLE finding (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    area       TEXT NOT NULL REFERENCES area (code),
    kind       TEXT NOT NULL CHECK (kind IN ('finding', 'recommendation')),
    created_by INTEGER NOT NULL REFERENCES app_user (id),
    created_at TEXT NOT NULL
);
CREATE INDEX finding_area ON finding (area, id);

-- A figure has indicator, ref_area, period and source; a section reference has section only.
CREATE TABLE finding_evidence (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    finding_id INTEGER NOT NULL REFERENCES finding (id) ON DELETE CASCADE,
    indicator  TEXT,
    ref_area   TEXT,
    period     TEXT,
    source     TEXT,
    section    TEXT,
    CHECK ((section IS NULL) = (indicator IS NOT NULL AND ref_area IS NOT NULL AND period IS NOT NULL AND source IS NOT NULL))
);
CREATE INDEX finding_evidence_finding ON finding_evidence (finding_id, id);

-- Optional e-mail notifications: a member's address and the language of the mails (en, fr,
-- pt). Without an address, or without an SMTP server configured, nothing is sent.
ALTER TABLE app_user ADD COLUMN email TEXT;
ALTER TABLE app_user ADD COLUMN mail_lang TEXT;
