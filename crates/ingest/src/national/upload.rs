//! The portal's uploads, read by the same readers as `mprofile import` (see
//! `mp_domain::upload`): the binary gives the portal a [`NationalReader`].

use super::longcsv::{Mapping, read_long_csv};
use super::sdmx::{SdmxOverrides, read_sdmx_csv};
use super::template::read_template;
use crate::error::{IngestError, MAX_PROBLEMS, Problem};
use crate::files::InputFile;
use crate::{Context, UPLOAD_LIMITS};
use mp_domain::upload::{ReadProblem, ReadRejected, Upload, UploadKind, UploadReader};
use mp_domain::{AreaRegistry, DatasetImport, Framework};

/// Reads uploaded national files (XLSX template, SDMX-CSV, mapped CSV) within the upload limits.
pub struct NationalReader;

impl UploadReader for NationalReader {
    fn read(&self, upload: Upload<'_>, framework: &Framework, areas: &AreaRegistry) -> Result<Vec<DatasetImport>, ReadRejected> {
        let mut ctx = Context::new(framework, areas);
        ctx.limits = UPLOAD_LIMITS;
        let file = InputFile::from_bytes(upload.name, upload.bytes);
        let report = match upload.kind {
            UploadKind::Xlsx => read_template(&file, &ctx),
            UploadKind::Sdmx => read_sdmx_csv(&file, &ctx, &SdmxOverrides::default()),
            UploadKind::Csv => {
                let text = upload.mapping.ok_or_else(|| ReadRejected::one("a CSV file needs its column mapping"))?;
                let m = Mapping::from_toml(text, "mapping").map_err(rejected)?;
                read_long_csv(&file, &m, &ctx)
            }
        }
        .map_err(rejected)?;
        Ok(report.datasets)
    }

    fn read_registry(
        &self,
        name: &str,
        bytes: Vec<u8>,
        own: &dyn Fn(&str) -> bool,
        framework: &Framework,
        areas: &AreaRegistry,
    ) -> Result<mp_domain::registry_layout::WorkbookEntries, ReadRejected> {
        let mut ctx = Context::new(framework, areas);
        ctx.limits = UPLOAD_LIMITS;
        let file = InputFile::from_bytes(name, bytes);
        crate::registry::workbook::read_entries(&file, &ctx, own).map_err(rejected)
    }
}

/// The problems of a refused upload, as a member sees them (at most `MAX_PROBLEMS` listed).
pub fn rejected(e: IngestError) -> ReadRejected {
    let mut problems: Vec<ReadProblem> = e.problems.iter().map(problem).collect();
    let mut more = e.more;
    if problems.len() > MAX_PROBLEMS {
        more += problems.len() - MAX_PROBLEMS;
        problems.truncate(MAX_PROBLEMS);
    }
    ReadRejected { problems, more }
}

fn problem(p: &Problem) -> ReadProblem {
    ReadProblem {
        sheet: p.sheet.clone().unwrap_or_default(),
        row: p.row.map(|r| r.to_string()).unwrap_or_default(),
        column: p.column.clone().unwrap_or_default(),
        value: p.value.clone().unwrap_or_default(),
        expected: p.expected.clone(),
    }
}
