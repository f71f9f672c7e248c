//! CSV, XLSX and JSON: one row per observation with its names in the reader's language and
//! its full provenance.

use crate::ExportError;
use mp_domain::{AreaRegistry, Framework, Indicator, Lang, Record};
use serde::Serialize;
use std::collections::BTreeMap;

fn m(lang: Lang, id: &str) -> String {
    mp_i18n::t(lang, id, &[])
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
pub(crate) struct Row<'a> {
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

/// The rows of a file, names in `lang`.
pub(crate) fn rows<'a>(fw: &Framework, areas: &AreaRegistry, lang: Lang, records: &'a [Record]) -> Vec<Row<'a>> {
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
                area_name: areas.get(&r.area).map(|a| a.name.get(lang).to_string()).unwrap_or_default(),
                period: r.period.to_string(),
                dims: r.dims.iter().map(|(d, c)| (d.to_string(), c.to_string())).collect(),
                value: r.value,
                unit,
                status: r.status.code(),
                status_label: m(lang, &mp_i18n::obs_status_id(r.status)),
                footnote: r.footnote.as_deref(),
                source: &r.dataset.source,
                source_name: &r.source_name,
                vintage: &r.dataset.vintage,
                file: mp_text::published_path(&r.file),
                sha256: &r.sha256,
                locator: &r.locator,
                id: r.id,
            }
        })
        .collect()
}

/// A CSV cell a spreadsheet program would run as a formula (text starting with `=`, `+`, `-`,
/// `@`, a tab or a carriage return, such as a footnote `=HYPERLINK(…)`) gets a leading `'`, so
/// it opens as text (OWASP "CSV injection"). Numbers, negative ones included, stay numbers.
pub(crate) fn spreadsheet_safe(cell: String) -> String {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && cell.parse::<f64>().is_err() { format!("'{cell}") } else { cell }
}

pub(crate) fn csv_bytes(rows: &[Row], lang: Lang) -> Result<Vec<u8>, ExportError> {
    // The byte-order mark makes spreadsheet programs read the file as UTF-8 (names with accents).
    let mut w = csv::Writer::from_writer(b"\xef\xbb\xbf".to_vec());
    w.write_record(COLUMNS.iter().map(|c| m(lang, c)))?;
    for r in rows {
        w.write_record(r.cells().map(spreadsheet_safe))?;
    }
    w.into_inner().map_err(|e| ExportError::Buffer(e.to_string()))
}

pub(crate) fn xlsx_bytes(rows: &[Row], lang: Lang) -> Result<Vec<u8>, ExportError> {
    use rust_xlsxwriter::{Format as XFormat, Workbook};
    let mut wb = Workbook::new();
    let bold = XFormat::new().set_bold();
    let ws = wb.add_worksheet();
    ws.set_name("data")?;
    for (c, id) in COLUMNS.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, m(lang, id), &bold)?;
    }
    for (i, r) in rows.iter().enumerate() {
        let row = u32::try_from(i + 1).map_err(|_| ExportError::TooManyRows)?;
        if row >= 1_048_576 {
            return Err(ExportError::TooManyRows);
        }
        for (c, cell) in r.cells().iter().enumerate() {
            let col = c as u16;
            if COLUMNS[c] == "dl-value" {
                if let Some(v) = r.value {
                    ws.write_number(row, col, v)?;
                }
            } else if COLUMNS[c] == "dl-id" {
                ws.write_number(row, col, r.id as f64)?;
            } else if !cell.is_empty() {
                ws.write_string(row, col, cell)?;
            }
        }
    }
    ws.set_freeze_panes(1, 0)?;
    for (c, w) in [10, 30, 8, 16, 10, 18, 14, 12, 6, 14, 20, 14, 30, 10, 30, 20, 16, 10].iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    Ok(wb.save_to_buffer()?)
}

#[derive(Serialize)]
struct JsonFile<'a> {
    lang: &'static str,
    count: usize,
    observations: &'a [Row<'a>],
}

pub(crate) fn json_bytes(rows: &[Row], lang: Lang) -> Result<Vec<u8>, ExportError> {
    Ok(serde_json::to_vec(&JsonFile { lang: lang.code(), count: rows.len(), observations: rows })?)
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
