//! The layout of the registry workbook a TWG secretariat works on offline, shared by its writer
//! (`mp-export`) and its reader (`mp-ingest`) so the two cannot drift apart.
//!
//! Sheets: `source` (field, value: code, name, publisher, licence, url, vintage), `instruments`,
//! `status`, `institutions`, `projects`, with the columns below. Lists of organisations and
//! sectors are separated by `;`, lists of codes (themes, countries) by spaces.

/// Columns of the `instruments` sheet.
pub const INSTRUMENTS: &[&str] =
    &["code", "kind", "short", "title_en", "title_fr", "title_pt", "year", "country", "citation", "link", "themes", "source"];
/// Columns of the `status` sheet.
pub const STATUS: &[&str] = &["instrument", "country", "status", "year", "responsible", "note", "source", "read_at"];
/// Columns of the `institutions` sheet.
pub const INSTITUTIONS: &[&str] =
    &["country", "name", "acronym", "mandate", "parent", "themes", "contact", "data_held", "organisation", "source", "read_at"];
/// Columns of the `projects` sheet.
pub const PROJECTS: &[&str] = &[
    "identifier",
    "title",
    "reporting_org",
    "implementing",
    "donors",
    "countries",
    "themes",
    "sectors",
    "start",
    "end",
    "status",
    "budget",
    "currency",
    "results",
    "source",
    "read_at",
];
/// Fields of the `source` sheet.
pub const SOURCE_FIELDS: &[&str] = &["code", "name", "publisher", "licence", "url", "vintage"];
