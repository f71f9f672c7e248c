//! mprofile store: the only place that speaks SQL (SQLite and PostgreSQL)
