//! National files given to `import`: chosen by their extension and content.

use mp_ingest::{Context, IngestError, Problem, ReadReport};
use std::path::Path;

/// Reads one national file: `.xlsx` (a filled submission template), SDMX-CSV (first header
/// `DATAFLOW` or `STRUCTURE`), or a long CSV described by a mapping.
pub fn read_file(path: &Path, mapping: Option<&Path>, source: Option<&str>, vintage: Option<&str>, ctx: &Context) -> Result<ReadReport, IngestError> {
    let _ = (mapping, source, vintage, ctx);
    Err(IngestError::one(Problem::file(&path.display().to_string(), "national imports are not wired yet")))
}
