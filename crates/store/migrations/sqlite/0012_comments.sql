-- Discussion in the TWG workspace: threads of comments on a figure, a section or a submission
-- of a country, replies, resolution and mentions of members. The twin of this file is in
-- migrations/postgres/0012_comments.sql.
CREATE TABLE comment (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    country     TEXT NOT NULL REFERENCES area (code),
    target      TEXT NOT NULL,
    theme       TEXT NOT NULL,
    parent_id   INTEGER REFERENCES comment (id),
    body        TEXT NOT NULL,
    resolved    INTEGER NOT NULL,
    created_by  INTEGER NOT NULL REFERENCES app_user (id),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX comment_target ON comment (country, target);
CREATE INDEX comment_parent ON comment (parent_id);

CREATE TABLE comment_mention (
    comment_id  INTEGER NOT NULL REFERENCES comment (id),
    user_id     INTEGER NOT NULL REFERENCES app_user (id),
    PRIMARY KEY (comment_id, user_id)
);
CREATE INDEX comment_mention_user ON comment_mention (user_id);
