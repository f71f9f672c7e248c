//! The public sources mprofile imports: one adapter per publisher family, each knowing its
//! files (path in the mirror, upstream address, expected checksum) and how to read them.

pub mod manifest;

pub mod eurostat;
pub mod frontex;
pub mod gapminder;
mod groups;
pub mod idmc;
pub mod knomad;
pub mod mmp;
pub mod undesa;
pub mod undesa_totals;
pub mod unesco;
pub mod unhcr;
pub mod worldbank;
pub mod wpp;

use crate::context::{Context, ReadReport};
use crate::error::IngestError;
use std::path::Path;

/// A file of a public source.
#[derive(Debug, Clone, Copy)]
pub struct UpstreamFile {
    /// Path relative to the mirror directory (as in the mirror's MANIFEST.tsv).
    pub path: &'static str,
    /// Where the file (or, for converted files, the file it was converted from) is published.
    pub url: &'static str,
    /// Whether the mirror holds a conversion (R `.rda` to CSV) rather than the published bytes,
    /// so a download cannot reproduce it.
    pub converted: bool,
}

/// A public source family and its adapter.
#[derive(Clone, Copy)]
pub struct PublicSource {
    /// Stable family code, e.g. `undesa-ims`; `mprofile import --source` takes it.
    pub family: &'static str,
    /// Human title.
    pub title: &'static str,
    /// The files the adapter reads.
    pub files: &'static [UpstreamFile],
    /// Reads and checks every file of the family from a mirror directory.
    pub read: fn(&Path, &Context) -> Result<ReadReport, IngestError>,
}

impl PublicSource {
    /// The expected `(bytes, sha256)` of a file, from the manifest.
    pub fn expected(path: &str) -> Option<(u64, &'static str)> {
        manifest::FILES.iter().find(|(p, _, _)| *p == path).map(|(_, b, s)| (*b, *s))
    }
}

/// Every public source, in import order (areas and framework come first, elsewhere).
pub fn catalog() -> Vec<PublicSource> {
    vec![
        undesa::SOURCE,
        undesa_totals::SOURCE,
        wpp::SOURCE,
        worldbank::SOURCE,
        unhcr::SOURCE,
        idmc::SOURCE,
        mmp::SOURCE,
        frontex::SOURCE,
        eurostat::SOURCE,
        unesco::SOURCE,
        gapminder::SOURCE,
        knomad::SOURCE,
    ]
}

/// Looks a family up by code.
pub fn find(family: &str) -> Option<PublicSource> {
    catalog().into_iter().find(|s| s.family.eq_ignore_ascii_case(family))
}

/// The source codes the public adapters write (checked on every public import, so an adapter
/// cannot write a code missing here). National files may not use them, nor codes that start
/// with one of them followed by a dash.
pub const PUBLIC_SOURCE_CODES: &[&str] = &[
    "undesa-ims",
    "undesa-ims-totals",
    "un-wpp",
    "un-wpp-wdi",
    "wb-wdi",
    "wb-pop",
    "wb-gdp",
    "wb-knomad",
    "unhcr",
    "unhcr-solutions",
    "idmc",
    "idmc-unhcr",
    "idmc-nd",
    "iom-mmp",
    "frontex",
    "eurostat-asyappctza",
    "unesco-uis",
    "gapminder-sg",
    "gapminder-ihme",
];

/// The public source a code is, or starts with (`undesa-ims-2024` → `undesa-ims`).
pub fn public_source_of(code: &str) -> Option<&'static str> {
    let code = code.trim().to_ascii_lowercase();
    PUBLIC_SOURCE_CODES.iter().copied().find(|p| code == *p || code.strip_prefix(p).is_some_and(|rest| rest.starts_with('-')))
}
