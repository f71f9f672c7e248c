//! Size limits every reader enforces, so a file made to exhaust memory or time is refused with
//! a clear message instead of taking the process down.
//!
//! The defaults are the limits for uploads (a ministry's file through the web or `import FILE`);
//! public files are far smaller (the largest mirrored file is 8.6 MB, 170,000 rows). Memory
//! while reading stays proportional to the file: CSV readers hold the parsed rows (measured
//! about 33 times the file, measured), and an XLSX workbook may expand to at most
//! [`Limits::xlsx_expansion`] times its size, with its cells' bounding box checked before
//! anything is allocated for it.

/// Limits for one file. Configurable per call through [`crate::Context::limits`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest file accepted, in bytes (default 16 MB: reading holds about 33 times the file, so
    /// an upload at the limit peaks near 530 MB).
    pub max_file_bytes: u64,
    /// Most data rows (CSV) or rows of a sheet (XLSX) (default 500,000).
    pub max_rows: u64,
    /// Most columns of a table or sheet (default 1,000).
    pub max_columns: u64,
    /// Longest cell text in characters (default 10,000).
    pub max_field_chars: usize,
    /// Most non-empty cells of a workbook (default 2,000,000).
    pub max_cells: u64,
    /// Largest bounding box of one sheet's cells, in cells (default 4,000,000); a stray cell far
    /// from the data would otherwise make the reader allocate the whole rectangle.
    pub max_sheet_area: u64,
    /// How many times its size an XLSX file may expand when unzipped (default 50; Excel and
    /// LibreOffice files expand 4 to 10 times).
    pub xlsx_expansion: u64,
    /// Expanded size always allowed, whatever the ratio (default 16 MB), for small workbooks.
    pub xlsx_expanded_floor: u64,
}

/// The limits for uploads.
pub const UPLOAD_LIMITS: Limits = Limits {
    max_file_bytes: 16 * 1024 * 1024,
    max_rows: 500_000,
    max_columns: 1_000,
    max_field_chars: 10_000,
    max_cells: 2_000_000,
    max_sheet_area: 4_000_000,
    xlsx_expansion: 50,
    xlsx_expanded_floor: 16 * 1024 * 1024,
};

impl Default for Limits {
    fn default() -> Self {
        UPLOAD_LIMITS
    }
}

impl Limits {
    /// The most bytes an XLSX file of `file_bytes` may expand to.
    pub fn max_expanded(&self, file_bytes: u64) -> u64 {
        file_bytes.saturating_mul(self.xlsx_expansion).max(self.xlsx_expanded_floor)
    }
}

/// `12.3 MB`, for messages.
pub fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_048_576.0)
}
