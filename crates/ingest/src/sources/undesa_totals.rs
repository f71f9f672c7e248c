//! Adapter stub, replaced by the real importer.

use super::PublicSource;
use crate::context::{Context, ReadReport};
use crate::error::{IngestError, Problem};
use std::path::Path;

/// The source family.
pub const SOURCE: PublicSource = PublicSource { family: "undesa_totals", title: "undesa_totals", files: &[], read };

fn read(_dir: &Path, _ctx: &Context) -> Result<ReadReport, IngestError> {
    Err(IngestError::one(Problem::file("undesa_totals", "this importer is not written yet")))
}
