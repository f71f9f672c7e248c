//! Adapter stub, replaced by the real importer.

use super::PublicSource;
use crate::context::{Context, ReadReport};
use crate::error::{IngestError, Problem};
use std::path::Path;

/// The source family.
pub const SOURCE: PublicSource = PublicSource { family: "knomad", title: "knomad", files: &[], read };

fn read(_dir: &Path, _ctx: &Context) -> Result<ReadReport, IngestError> {
    Err(IngestError::one(Problem::file("knomad", "this importer is not written yet")))
}
