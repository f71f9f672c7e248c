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

/// The `source` sheet's field that records, in a workbook downloaded from the TWG workspace,
/// the newest import batch of the store at the time: an entry whose version is newer was
/// changed after the download, and an upload that changes it again is refused.
pub const AS_OF_FIELD: &str = "as_of";

/// One row of the registry workbook read back for review in the TWG workspace (or by
/// `mprofile registry import` without `--public`): what it holds, where it is, the source it
/// belongs to and where the secretariat says it was read.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkbookEntry {
    /// The sheet: `instruments`, `status`, `institutions` or `projects`.
    pub sheet: &'static str,
    /// The row, counted from 1 as a spreadsheet shows it.
    pub row: u64,
    /// The row's `source` column: empty for a row the secretariat added.
    pub source: String,
    /// The row's `read_at` column: where the entry was read (empty on the `instruments` sheet,
    /// which has none: an instrument's status cites its source).
    pub read_at: String,
    /// The entry.
    pub item: WorkbookItem,
}

/// What a row of the registry workbook holds.
#[derive(Debug, Clone, PartialEq)]
pub enum WorkbookItem {
    /// A row of the `instruments` sheet.
    Instrument(crate::Instrument),
    /// A row of the `status` sheet.
    Status(crate::Ratification),
    /// A row of the `institutions` sheet.
    Institution(crate::registry::Institution),
    /// A row of the `projects` sheet.
    Project(crate::registry::Project),
}

/// The rows of a registry workbook read back for review, and its `source` sheet's fields.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WorkbookEntries {
    /// The `source` sheet, field (lower case) → value.
    pub fields: std::collections::BTreeMap<String, String>,
    /// The rows, in sheet and row order.
    pub entries: Vec<WorkbookEntry>,
}
