//! Reading a file a member uploads through the portal.
//!
//! The portal (`mp-web`) is an output crate and never depends on the readers (`mp-ingest`):
//! data flow one way. The binary therefore hands the portal an [`UploadReader`] that runs the
//! command line's own readers, so an upload is read exactly as `mprofile import` reads a file.

use crate::{AreaRegistry, DatasetImport, Framework};

/// What kind of file an upload is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UploadKind {
    /// A filled XLSX submission template.
    Xlsx,
    /// SDMX-CSV 1.0 or 2.0.
    Sdmx,
    /// A long CSV described by a mapping.
    Csv,
}

impl UploadKind {
    /// The code stored with a submission.
    pub fn code(self) -> &'static str {
        match self {
            UploadKind::Xlsx => "xlsx",
            UploadKind::Sdmx => "sdmx",
            UploadKind::Csv => "csv",
        }
    }

    /// The kind a stored code names.
    pub fn parse(s: &str) -> Option<UploadKind> {
        [UploadKind::Xlsx, UploadKind::Sdmx, UploadKind::Csv].into_iter().find(|k| k.code() == s)
    }
}

/// One problem of an upload, as a member sees it listed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ReadProblem {
    /// The sheet, for workbooks (empty otherwise).
    pub sheet: String,
    /// The row or locator (empty for the file as a whole).
    pub row: String,
    /// The column (empty when the problem is not in one column).
    pub column: String,
    /// The offending value.
    pub value: String,
    /// What was expected.
    pub expected: String,
}

/// Why an upload was refused: the problems listed, and how many more were left out.
#[derive(Debug, Clone, Default)]
pub struct ReadRejected {
    /// The problems listed.
    pub problems: Vec<ReadProblem>,
    /// Problems found but not listed.
    pub more: usize,
}

impl ReadRejected {
    /// A refusal of the file as a whole.
    pub fn one(expected: impl Into<String>) -> ReadRejected {
        ReadRejected {
            problems: vec![ReadProblem {
                sheet: String::new(),
                row: String::new(),
                column: String::new(),
                value: String::new(),
                expected: expected.into(),
            }],
            more: 0,
        }
    }
}

/// An uploaded file, as the portal received it.
pub struct Upload<'a> {
    /// The file name the member gave (never a local path of the server).
    pub name: &'a str,
    /// The bytes.
    pub bytes: Vec<u8>,
    /// Its kind, told from its name and first bytes.
    pub kind: UploadKind,
    /// The column mapping (TOML) of a long CSV.
    pub mapping: Option<&'a str>,
}

/// Reads uploads into datasets, all or nothing, within the upload limits.
pub trait UploadReader: Send + Sync {
    /// The datasets of `upload`, or every problem found.
    fn read(&self, upload: Upload<'_>, framework: &Framework, areas: &AreaRegistry) -> Result<Vec<DatasetImport>, ReadRejected>;

    /// The rows of an uploaded registry workbook (see `mp_domain::registry_layout`) that belong
    /// to a source `own` accepts or to none (rows the secretariat added), every one with the
    /// place it was read; every problem otherwise. A reader without it refuses every workbook.
    fn read_registry(
        &self,
        name: &str,
        bytes: Vec<u8>,
        own: &dyn Fn(&str) -> bool,
        framework: &Framework,
        areas: &AreaRegistry,
    ) -> Result<crate::registry_layout::WorkbookEntries, ReadRejected> {
        let _ = (name, bytes, own, framework, areas);
        Err(ReadRejected::one("this server takes no registry workbooks"))
    }
}

/// The reader of a portal that takes no uploads.
pub struct NoUploads;

impl UploadReader for NoUploads {
    fn read(&self, _: Upload<'_>, _: &Framework, _: &AreaRegistry) -> Result<Vec<DatasetImport>, ReadRejected> {
        Err(ReadRejected::one("this server takes no uploads"))
    }
}
