//! Downloads of the observations behind the pages, in CSV, XLSX, SDMX-CSV and JSON:
//!
//! - `/{lang}/download/series.{fmt}?indicator=IMM.STOCK&area=SEN[,GHA…][&dims=SEX=F]`: a series;
//! - `/{lang}/download/country/{ISO3}.{fmt}[?edition=2026][&block=chart-3]`: every observation a
//!   country's profile is built from (live or of a frozen edition), or only those behind one of
//!   its charts or tables.
//!
//! CSV, XLSX and JSON carry each observation's source, vintage, status, file, checksum and
//! place in the file, so any figure can be traced; CSV and XLSX headers are in the page's
//! language. SDMX-CSV 2.0 is written by `mp-ingest` (the same writer as the command line), keeps
//! one observation per key (the template's preferred source, newest vintage) because SDMX has
//! no place for a second source of the same key, and can be imported back.

use crate::http::{self, Cached, HttpError};
use crate::pages::{self, Cache, PageLang};
use crate::state::AppState;
use axum::Extension;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use mp_domain::{Area, AreaCode, Indicator, Lang, Observation, Provenance, Record, UnitMult};
use mp_profile::{Block, Cell, Document, Section};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

/// Media type of XLSX workbooks.
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/// Media type of the CSV downloads.
pub const CSV: &str = "text/csv; charset=utf-8";
/// Media type of SDMX-CSV 2.0 (SDMX REST specification).
pub const SDMX_CSV: &str = "application/vnd.sdmx.data+csv; version=2.0.0; charset=utf-8";

/// A download format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// CSV with headers in the page's language.
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
            Format::Json => http::JSON,
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

/// Query of a series download.
#[derive(Debug, Default, Deserialize)]
pub struct SeriesParams {
    indicator: Option<String>,
    area: Option<String>,
    dims: Option<String>,
}

/// Query of a country download.
#[derive(Debug, Default, Deserialize)]
pub struct CountryParams {
    edition: Option<String>,
    block: Option<String>,
}

fn bad_file(file: &str, stem: &str) -> HttpError {
    let ext: Vec<String> = Format::ALL.iter().map(|f| format!("{stem}.{}", f.ext())).collect();
    HttpError::not_found(format!("no download `{}`: expected {}", http::truncate(file, 60), ext.join(", ")))
}

/// `GET /{lang}/download/series.{fmt}`
pub(crate) async fn series(
    State(st): State<AppState>,
    PageLang(lang): PageLang,
    Path((_, file)): Path<(String, String)>,
    p: Result<Query<SeriesParams>, QueryRejection>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let file = match pages::query(p) {
        Ok(p) => series_file(&st, lang, &file, p).await,
        Err(e) => Err(e),
    };
    match file {
        Ok(c) => c.respond(&headers),
        Err(e) => pages::error_page(lang, &e, &uri),
    }
}

async fn series_file(st: &AppState, lang: Lang, file: &str, p: SeriesParams) -> Result<Cached, HttpError> {
    let format = match Format::split(file) {
        Some(("series", f)) => f,
        _ => return Err(bad_file(file, "series")),
    };
    let code = p
        .indicator
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| HttpError::bad_request("missing `indicator`: e.g. series.csv?indicator=IMM.STOCK&area=SEN"))?;
    let ind = http::indicator(st, code)?;
    let profile = st.areas().profile_countries();
    let areas: Vec<&Area> = match p.area.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(list) => {
            list.split(',').map(str::trim).filter(|s| !s.is_empty()).take(300).map(|a| http::area(st, a)).collect::<Result<_, _>>()?
        }
        None => profile.first().copied().into_iter().collect(),
    };
    let key = pages::parse_dims(st, ind, p.dims.as_deref())?;
    let codes: Vec<AreaCode> = areas.iter().map(|a| a.code.clone()).collect();
    let records = st.store().records(&pages::series_query(ind, codes.clone(), &key)).await?;
    let mut name = format!("mprofile-{}", ind.code);
    if codes.len() == profile.len() && profile.iter().all(|a| codes.contains(&a.code)) {
        name.push_str("-profile-countries");
    } else if codes.len() <= 4 {
        for c in &codes {
            name.push_str(&format!("-{c}"));
        }
    } else {
        name.push_str(&format!("-{}-areas", codes.len()));
    }
    if !key.is_total() {
        name.push_str(&format!("-{}", slug(&key.to_string())));
    }
    let bytes = write(st, lang, format, &records)?;
    Ok(Cached::new(format.content_type(), bytes).download(&format!("{name}.{}", format.ext())))
}

/// `GET /{lang}/download/country/{ISO3}.{fmt}`
pub(crate) async fn country(
    State(st): State<AppState>,
    Extension(cache): Extension<Arc<Cache>>,
    PageLang(lang): PageLang,
    Path((_, file)): Path<(String, String)>,
    p: Result<Query<CountryParams>, QueryRejection>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let file = match pages::query(p) {
        Ok(p) => country_file(&st, &cache, lang, &file, p).await,
        Err(e) => Err(e),
    };
    match file {
        Ok(c) => c.respond(&headers),
        Err(e) => pages::error_page(lang, &e, &uri),
    }
}

async fn country_file(st: &AppState, cache: &Cache, lang: Lang, file: &str, p: CountryParams) -> Result<Cached, HttpError> {
    let Some((stem, format)) = Format::split(file) else { return Err(bad_file(file, "SEN")) };
    let area = http::profile_country(st, stem)?;
    let edition = p.edition.as_deref().map(str::trim).filter(|s| !s.is_empty());
    let mut records = match edition {
        Some(label) => {
            let (_, recs) = st
                .store()
                .edition(&area.code, label)
                .await?
                .ok_or_else(|| HttpError::not_found(format!("{} has no edition `{}`", area.code, http::truncate(label, 40))))?;
            recs
        }
        None => mp_service::live_records(st.store(), &area.code).await?,
    };
    let mut name = format!("mprofile-{}", area.code);
    if let Some(e) = edition {
        name.push_str(&format!("-edition-{}", slug(e)));
    }
    if let Some(block) = p.block.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        let g = cache.generation(st).await?;
        let doc = g.document(st, &area.code, edition).await?;
        let ids = block_records(&doc, block).ok_or_else(|| {
            HttpError::not_found(format!("no chart or table `{}` in the profile of {}", http::truncate(block, 40), area.code))
        })?;
        records.retain(|r| ids.contains(&r.id));
        name.push_str(&format!("-{}", slug(block)));
    }
    records.sort_by(|a, b| {
        (a.indicator.as_str(), a.area.as_str(), a.dims.to_string(), a.period, &a.dataset).cmp(&(
            b.indicator.as_str(),
            b.area.as_str(),
            b.dims.to_string(),
            b.period,
            &b.dataset,
        ))
    });
    let bytes = write(st, lang, format, &records)?;
    Ok(Cached::new(format.content_type(), bytes).download(&format!("{name}.{}", format.ext())))
}

/// The ids of the observations a chart or table of the document was drawn from.
pub fn block_records(doc: &Document, id: &str) -> Option<HashSet<i64>> {
    fn find<'a>(s: &'a [Section], id: &str) -> Option<&'a Block> {
        s.iter().find_map(|s| {
            s.blocks
                .iter()
                .find(|b| matches!(b, Block::Chart(c) if c.id == id) || matches!(b, Block::Table(t) if t.id == id))
                .or_else(|| find(&s.children, id))
        })
    }
    let mut ids = HashSet::new();
    match find(&doc.sections, id)? {
        Block::Chart(c) => {
            ids.extend(c.series.iter().flat_map(|s| s.values.iter().flatten()).flat_map(|v| v.trace.iter().map(|t| t.record)))
        }
        Block::Table(t) => ids.extend(
            t.rows
                .iter()
                .flatten()
                .filter_map(|c| if let Cell::Value(v) = c { Some(v) } else { None })
                .flat_map(|v| v.trace.iter().map(|t| t.record)),
        ),
        _ => {}
    }
    Some(ids)
}

/// Letters, digits, `.`, `_` and `-` only, for file names.
fn slug(s: &str) -> String {
    s.chars().map(|c| if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') { c } else { '-' }).take(60).collect()
}

/// Column ids (messages) of the CSV and XLSX downloads, in order.
pub const COLUMNS: [&str; 18] = [
    "dl-indicator",
    "dl-indicator-name",
    "dl-area",
    "dl-area-name",
    "dl-period",
    "dl-dims",
    "dl-value",
    "dl-unit",
    "dl-status",
    "dl-status-label",
    "dl-footnote",
    "dl-source",
    "dl-source-name",
    "dl-vintage",
    "dl-file",
    "dl-sha256",
    "dl-locator",
    "dl-id",
];

/// One observation as written to a file, names in the download's language.
#[derive(Serialize)]
struct Row<'a> {
    indicator: &'a str,
    indicator_name: String,
    area: &'a str,
    area_name: String,
    period: String,
    dims: BTreeMap<String, String>,
    value: Option<f64>,
    unit: String,
    status: &'static str,
    status_label: String,
    footnote: Option<&'a str>,
    source: &'a str,
    source_name: &'a str,
    vintage: &'a str,
    file: &'a str,
    sha256: &'a str,
    locator: &'a str,
    id: i64,
}

impl Row<'_> {
    /// The cells in [`COLUMNS`] order, as text; the value in its shortest exact form.
    fn cells(&self) -> [String; 18] {
        let dims: Vec<String> = self.dims.iter().map(|(d, c)| format!("{d}={c}")).collect();
        [
            self.indicator.to_string(),
            self.indicator_name.clone(),
            self.area.to_string(),
            self.area_name.clone(),
            self.period.clone(),
            dims.join("|"),
            self.value.map(|v| v.to_string()).unwrap_or_default(),
            self.unit.clone(),
            self.status.to_string(),
            self.status_label.clone(),
            self.footnote.unwrap_or("").to_string(),
            self.source.to_string(),
            self.source_name.to_string(),
            self.vintage.to_string(),
            self.file.to_string(),
            self.sha256.to_string(),
            self.locator.to_string(),
            self.id.to_string(),
        ]
    }
}

fn rows<'a>(st: &AppState, lang: Lang, records: &'a [Record]) -> Vec<Row<'a>> {
    let fw = st.framework();
    let mut ind_cache: BTreeMap<&str, (String, String)> = BTreeMap::new();
    records
        .iter()
        .map(|r| {
            let (indicator_name, unit) = ind_cache
                .entry(r.indicator.as_str())
                .or_insert_with(|| {
                    let ind: Option<&Indicator> = fw.indicator(&r.indicator);
                    let name = ind.map(|i| i.name.get(lang).to_string()).unwrap_or_default();
                    let unit = ind
                        .map(|i| fw.unit(&i.unit).map(|u| u.name.get(lang).to_string()).unwrap_or_else(|| i.unit.clone()))
                        .unwrap_or_default();
                    (name, unit)
                })
                .clone();
            Row {
                indicator: r.indicator.as_str(),
                indicator_name,
                area: r.area.as_str(),
                area_name: st.areas().get(&r.area).map(|a| a.name.get(lang).to_string()).unwrap_or_default(),
                period: r.period.to_string(),
                dims: r.dims.iter().map(|(d, c)| (d.to_string(), c.to_string())).collect(),
                value: r.value,
                unit,
                status: r.status.code(),
                status_label: pages::m(lang, &mp_i18n::obs_status_id(r.status)),
                footnote: r.footnote.as_deref(),
                source: &r.dataset.source,
                source_name: &r.source_name,
                vintage: &r.dataset.vintage,
                file: mp_service::json::published_path(&r.file),
                sha256: &r.sha256,
                locator: &r.locator,
                id: r.id,
            }
        })
        .collect()
}

/// The file of `records` in `format`.
fn write(st: &AppState, lang: Lang, format: Format, records: &[Record]) -> Result<Vec<u8>, HttpError> {
    match format {
        Format::Csv => csv_bytes(&rows(st, lang, records), lang),
        Format::Xlsx => xlsx_bytes(&rows(st, lang, records), lang),
        Format::Json => json_bytes(&rows(st, lang, records), lang),
        Format::SdmxCsv => Ok(sdmx(st, records).into_bytes()),
    }
}

fn csv_bytes(rows: &[Row], lang: Lang) -> Result<Vec<u8>, HttpError> {
    // The byte-order mark makes spreadsheet programs read the file as UTF-8 (names with accents).
    let mut w = csv::Writer::from_writer(b"\xef\xbb\xbf".to_vec());
    w.write_record(COLUMNS.iter().map(|c| pages::m(lang, c))).map_err(HttpError::internal)?;
    for r in rows {
        w.write_record(r.cells().map(spreadsheet_safe)).map_err(HttpError::internal)?;
    }
    w.into_inner().map_err(HttpError::internal)
}

/// A CSV cell a spreadsheet program would run as a formula (text starting with `=`, `+`, `-`,
/// `@`, a tab or a carriage return, such as a footnote `=HYPERLINK(…)`) gets a leading `'`, so
/// it opens as text (OWASP "CSV injection"). Numbers, negative ones included, stay numbers.
fn spreadsheet_safe(cell: String) -> String {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && cell.parse::<f64>().is_err() { format!("'{cell}") } else { cell }
}

#[cfg(test)]
mod csv_injection_tests {
    use super::spreadsheet_safe;

    #[test]
    fn formulas_open_as_text_and_numbers_stay_numbers() {
        for (cell, want) in [
            ("=HYPERLINK(\"http://x\",\"click\")", "'=HYPERLINK(\"http://x\",\"click\")"),
            ("+1+2", "'+1+2"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
            ("-5000", "-5000"),
            ("-1.5e3", "-1.5e3"),
            ("Estimated; see report", "Estimated; see report"),
            ("", ""),
        ] {
            assert_eq!(spreadsheet_safe(cell.to_string()), want, "{cell}");
        }
    }
}

fn xlsx_bytes(rows: &[Row], lang: Lang) -> Result<Vec<u8>, HttpError> {
    use rust_xlsxwriter::{Format as XFormat, Workbook};
    let mut wb = Workbook::new();
    let bold = XFormat::new().set_bold();
    let ws = wb.add_worksheet();
    ws.set_name("data").map_err(HttpError::internal)?;
    for (c, id) in COLUMNS.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, pages::m(lang, id), &bold).map_err(HttpError::internal)?;
    }
    for (i, r) in rows.iter().enumerate() {
        let row = u32::try_from(i + 1).map_err(|_| HttpError::bad_request("too many rows for a workbook: download CSV instead"))?;
        if row >= 1_048_576 {
            return Err(HttpError::bad_request("too many rows for a workbook: download CSV instead"));
        }
        for (c, cell) in r.cells().iter().enumerate() {
            let col = c as u16;
            if COLUMNS[c] == "dl-value" {
                if let Some(v) = r.value {
                    ws.write_number(row, col, v).map_err(HttpError::internal)?;
                }
            } else if COLUMNS[c] == "dl-id" {
                ws.write_number(row, col, r.id as f64).map_err(HttpError::internal)?;
            } else if !cell.is_empty() {
                ws.write_string(row, col, cell).map_err(HttpError::internal)?;
            }
        }
    }
    ws.set_freeze_panes(1, 0).map_err(HttpError::internal)?;
    for (c, w) in [10, 30, 8, 16, 10, 18, 14, 12, 6, 14, 20, 14, 30, 10, 30, 20, 16, 10].iter().enumerate() {
        ws.set_column_width(c as u16, *w).map_err(HttpError::internal)?;
    }
    wb.save_to_buffer().map_err(HttpError::internal)
}

#[derive(Serialize)]
struct JsonFile<'a> {
    lang: &'static str,
    count: usize,
    observations: &'a [Row<'a>],
}

fn json_bytes(rows: &[Row], lang: Lang) -> Result<Vec<u8>, HttpError> {
    serde_json::to_vec(&JsonFile { lang: lang.code(), count: rows.len(), observations: rows }).map_err(HttpError::internal)
}

/// SDMX-CSV 2.0 of the records, one per key: the template's preferred source, newest vintage.
fn sdmx(st: &AppState, records: &[Record]) -> String {
    let prefer = &st.profile_template().prefer;
    let rank = |r: &Record| {
        (prefer.iter().position(|p| *p == r.dataset.source).unwrap_or(prefer.len()), std::cmp::Reverse(r.dataset.vintage.clone()))
    };
    let mut best: BTreeMap<(String, String, String, mp_domain::Period), &Record> = BTreeMap::new();
    for r in records {
        let k = (r.indicator.to_string(), r.area.to_string(), r.dims.to_string(), r.period);
        match best.get(&k) {
            Some(b) if rank(b) <= rank(r) => {}
            _ => {
                best.insert(k, r);
            }
        }
    }
    let obs: Vec<Observation> = best
        .values()
        .map(|r| Observation {
            indicator: r.indicator.clone(),
            area: r.area.clone(),
            period: r.period,
            dims: r.dims.clone(),
            value: r.value,
            status: r.status,
            // Stored values are already in units.
            unit_mult: UnitMult::default(),
            footnote: r.footnote.clone(),
            provenance: Provenance { file: 0, locator: r.locator.clone() },
        })
        .collect();
    mp_ingest::national::write_sdmx_csv(st.framework(), &obs)
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

    #[test]
    fn slugs() {
        assert_eq!(slug("SEX=F|AGE=Y0T14"), "SEX-F-AGE-Y0T14");
        assert_eq!(slug("chart-3"), "chart-3");
    }
}
