-- Meetings of the TWG (national and regional workshops, plenaries, sub-group meetings), their
-- participants, action items and the figures discussed with their values when recorded. The
-- twin of this file is in migrations/postgres/0014_meetings.sql.
CREATE TABLE meeting (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    country     TEXT NOT NULL REFERENCES area (code),
    kind        TEXT NOT NULL,
    status      TEXT NOT NULL,
    title       TEXT NOT NULL,
    held_on     TEXT NOT NULL,
    place       TEXT NOT NULL,
    lang        TEXT NOT NULL,
    countries   TEXT NOT NULL,
    agenda      TEXT NOT NULL,
    documents   TEXT NOT NULL,
    minutes     TEXT NOT NULL,
    decisions   TEXT NOT NULL,
    outputs     TEXT NOT NULL,
    created_by  INTEGER REFERENCES app_user (id),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX meeting_country ON meeting (country, held_on);

CREATE TABLE meeting_participant (
    meeting_id    INTEGER NOT NULL REFERENCES meeting (id),
    seq           INTEGER NOT NULL,
    organisation  TEXT NOT NULL,
    name          TEXT NOT NULL,
    user_id       INTEGER REFERENCES app_user (id),
    PRIMARY KEY (meeting_id, seq)
);

CREATE TABLE meeting_action (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    meeting_id  INTEGER NOT NULL REFERENCES meeting (id),
    body        TEXT NOT NULL,
    owner       TEXT NOT NULL,
    owner_id    INTEGER REFERENCES app_user (id),
    due_on      TEXT NOT NULL,
    status      TEXT NOT NULL,
    refs        TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX meeting_action_meeting ON meeting_action (meeting_id);
CREATE INDEX meeting_action_due ON meeting_action (status, due_on);

CREATE TABLE meeting_figure (
    meeting_id      INTEGER NOT NULL REFERENCES meeting (id),
    reference       TEXT NOT NULL,
    observation_id  INTEGER,
    value           REAL,
    unit_mult       INTEGER,
    vintage         TEXT NOT NULL,
    locator         TEXT NOT NULL,
    generation      INTEGER NOT NULL,
    read_at         TEXT NOT NULL,
    PRIMARY KEY (meeting_id, reference)
);
