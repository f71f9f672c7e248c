//! mprofile writers: the observations behind a page, a chart or a country's profile as CSV,
//! XLSX, SDMX-CSV 2.0 and JSON, for the portal's downloads and the command line alike.
//!
//! CSV, XLSX and JSON carry each observation's source, vintage, status, file, checksum and
//! place in the file, so any figure can be traced; CSV and XLSX headers are in the reader's
//! language. SDMX-CSV has every source too, each under a dataflow naming the source and its
//! vintage, and can be imported back by `mp-ingest`.
//!
//! Invariant: this crate only writes; it reads nothing and depends on no input crate.

#![warn(missing_docs)]

mod forecasts;
pub mod registry_workbook;
mod rows;
mod sdmx;
mod table;
pub mod template;

pub use forecasts::{FORECAST_COLUMNS, ForecastRow, forecasts_csv, forecasts_json, forecasts_xlsx};

pub use rows::{csv_of_rows, xlsx_of_rows};

pub use sdmx::{DATA_SOURCE, EXPORT_DATAFLOW, sdmx_of_records, source_dataflow, write_sdmx_csv};
pub use table::COLUMNS;

use mp_domain::{AreaRegistry, Framework, Lang, Record};

/// Media type of XLSX workbooks.
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/// Media type of the CSV downloads.
pub const CSV: &str = "text/csv; charset=utf-8";
/// Media type of SDMX-CSV 2.0 (SDMX REST specification).
pub const SDMX_CSV: &str = "application/vnd.sdmx.data+csv; version=2.0.0; charset=utf-8";
/// Media type of the JSON downloads.
pub const JSON: &str = "application/json";

/// A download format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// CSV with headers in the reader's language.
    Csv,
    /// An Excel workbook.
    Xlsx,
    /// SDMX-CSV 2.0.
    SdmxCsv,
    /// JSON.
    Json,
}

impl Format {
    /// Every format, in the order links are offered.
    pub const ALL: [Format; 4] = [Format::Csv, Format::Xlsx, Format::SdmxCsv, Format::Json];

    /// The file extension.
    pub fn ext(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
            Format::SdmxCsv => "sdmx.csv",
            Format::Json => "json",
        }
    }

    /// The format's name as shown on links.
    pub fn label(self) -> &'static str {
        match self {
            Format::Csv => "CSV",
            Format::Xlsx => "XLSX",
            Format::SdmxCsv => "SDMX-CSV",
            Format::Json => "JSON",
        }
    }

    /// The media type.
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Csv => CSV,
            Format::Xlsx => XLSX,
            Format::SdmxCsv => SDMX_CSV,
            Format::Json => JSON,
        }
    }

    /// Splits a file name into its stem and format: `SEN.sdmx.csv` → (`SEN`, SDMX-CSV).
    pub fn split(file: &str) -> Option<(&str, Format)> {
        // The longest extension first: `x.sdmx.csv` is SDMX, not CSV.
        [Format::SdmxCsv, Format::Xlsx, Format::Json, Format::Csv]
            .into_iter()
            .find_map(|f| file.strip_suffix(f.ext()).and_then(|s| s.strip_suffix('.')).filter(|s| !s.is_empty()).map(|s| (s, f)))
    }
}

/// Why a file could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// More rows than a worksheet holds.
    #[error("too many rows for a workbook: download CSV instead")]
    TooManyRows,
    /// The CSV writer failed.
    #[error("writing CSV: {0}")]
    Csv(#[from] csv::Error),
    /// The workbook writer failed.
    #[error("writing XLSX: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    /// The JSON writer failed.
    #[error("writing JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// A CSV buffer could not be taken back from its writer.
    #[error("writing CSV: {0}")]
    Buffer(String),
}

/// What names the observations of a file: the framework (indicator names and units) and the
/// areas (names).
#[derive(Clone, Copy)]
pub struct Exporter<'a> {
    /// The framework.
    pub framework: &'a Framework,
    /// The areas.
    pub areas: &'a AreaRegistry,
}

impl Exporter<'_> {
    /// The file of `records` in `format`, names in `lang`.
    pub fn write(&self, lang: Lang, format: Format, records: &[Record]) -> Result<Vec<u8>, ExportError> {
        match format {
            Format::Csv => table::csv_bytes(&table::rows(self.framework, self.areas, lang, records), lang),
            Format::Xlsx => table::xlsx_bytes(&table::rows(self.framework, self.areas, lang, records), lang),
            Format::Json => table::json_bytes(&table::rows(self.framework, self.areas, lang, records), lang),
            Format::SdmxCsv => Ok(sdmx_of_records(self.framework, records).into_bytes()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_split_into_stem_and_format() {
        assert_eq!(Format::split("SEN.csv"), Some(("SEN", Format::Csv)));
        assert_eq!(Format::split("SEN.sdmx.csv"), Some(("SEN", Format::SdmxCsv)));
        assert_eq!(Format::split("series.xlsx"), Some(("series", Format::Xlsx)));
        assert_eq!(Format::split("series.json"), Some(("series", Format::Json)));
        assert_eq!(Format::split("series.pdf"), None);
        assert_eq!(Format::split(".csv"), None);
        assert_eq!(Format::split("csv"), None);
    }
}
