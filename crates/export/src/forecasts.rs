//! Forecasts as a table of their own: one row per forecast period with the median, the 80 % and
//! 95 % interval bounds, the method that made it, the kind of series it was fitted to and the
//! method's backtest skill against persistence, headers in the reader's language. The SDMX-CSV
//! download writes the same forecasts as observations instead (see [`crate::sdmx_of_records`]).

use crate::ExportError;
use crate::rows::csv_of_rows;
use mp_domain::Lang;
use serde::Serialize;

/// One forecast period of one source's forecast of an indicator for a country.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ForecastRow {
    /// Indicator code, e.g. `FCT.REM`.
    pub indicator: String,
    /// Indicator name in the download's language.
    pub indicator_name: String,
    /// Country code.
    pub area: String,
    /// Period, e.g. `2029`.
    pub period: String,
    /// Median (or a projection's medium variant).
    pub median: Option<f64>,
    /// 80 % interval, lower bound.
    pub lo80: Option<f64>,
    /// 80 % interval, upper bound.
    pub hi80: Option<f64>,
    /// 95 % interval, lower bound.
    pub lo95: Option<f64>,
    /// 95 % interval, upper bound.
    pub hi95: Option<f64>,
    /// Unit, in the download's language.
    pub unit: String,
    /// The method's code in CL_FC_MODEL (the mprofile forecasting module's forecasts).
    pub method: Option<String>,
    /// `OBSERVED`, `ESTIMATES` or `MODEL`: the kind of series the method was fitted to.
    pub series_kind: Option<String>,
    /// The method's backtest mean absolute scaled error.
    pub mase: Option<f64>,
    /// Persistence's on the same series.
    pub naive_mase: Option<f64>,
    /// Share (%) of held-out values inside the 80 % interval in the backtest.
    pub cover80: Option<f64>,
    /// Share (%) inside the 95 % interval.
    pub cover95: Option<f64>,
    /// `source@vintage` of the forecast.
    pub dataset: String,
    /// The note stored with the forecast.
    pub footnote: Option<String>,
}

/// Column ids (messages) of the forecast downloads, in order.
pub const FORECAST_COLUMNS: [&str; 18] = [
    "dl-indicator",
    "dl-indicator-name",
    "dl-area",
    "dl-period",
    "dl-fc-median",
    "dl-fc-lo80",
    "dl-fc-hi80",
    "dl-fc-lo95",
    "dl-fc-hi95",
    "dl-unit",
    "dl-fc-method",
    "dl-fc-kind",
    "dl-fc-mase",
    "dl-fc-naive-mase",
    "dl-fc-cover80",
    "dl-fc-cover95",
    "dl-fc-dataset",
    "dl-footnote",
];

fn num(v: Option<f64>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

impl ForecastRow {
    fn cells(&self) -> Vec<String> {
        vec![
            self.indicator.clone(),
            self.indicator_name.clone(),
            self.area.clone(),
            self.period.clone(),
            num(self.median),
            num(self.lo80),
            num(self.hi80),
            num(self.lo95),
            num(self.hi95),
            self.unit.clone(),
            self.method.clone().unwrap_or_default(),
            self.series_kind.clone().unwrap_or_default(),
            num(self.mase),
            num(self.naive_mase),
            num(self.cover80),
            num(self.cover95),
            self.dataset.clone(),
            self.footnote.clone().unwrap_or_default(),
        ]
    }
}

/// The headers of [`FORECAST_COLUMNS`] in `lang`.
fn header(lang: Lang) -> Vec<String> {
    FORECAST_COLUMNS.iter().map(|id| mp_i18n::t(lang, id, &[])).collect()
}

/// The forecasts as CSV (headers in `lang`).
pub fn forecasts_csv(lang: Lang, rows: &[ForecastRow]) -> Result<Vec<u8>, ExportError> {
    let h = header(lang);
    let refs: Vec<&str> = h.iter().map(String::as_str).collect();
    csv_of_rows(&refs, &rows.iter().map(ForecastRow::cells).collect::<Vec<_>>())
}

/// The forecasts as a workbook of one sheet (headers in `lang`), figures as numbers.
pub fn forecasts_xlsx(lang: Lang, rows: &[ForecastRow]) -> Result<Vec<u8>, ExportError> {
    use rust_xlsxwriter::{Format as XFormat, Workbook};
    let mut wb = Workbook::new();
    let bold = XFormat::new().set_bold();
    let ws = wb.add_worksheet();
    ws.set_name("forecasts")?;
    for (c, h) in header(lang).iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, &bold)?;
    }
    for (i, r) in rows.iter().enumerate() {
        let row = u32::try_from(i + 1).map_err(|_| ExportError::TooManyRows)?;
        if row >= 1_048_576 {
            return Err(ExportError::TooManyRows);
        }
        let numbers = [r.median, r.lo80, r.hi80, r.lo95, r.hi95, None, None, None, r.mase, r.naive_mase, r.cover80, r.cover95];
        for (c, cell) in r.cells().iter().enumerate() {
            match numbers.get(c.wrapping_sub(4)).copied().flatten() {
                Some(v) if (4..16).contains(&c) => {
                    ws.write_number(row, c as u16, v)?;
                }
                _ if !cell.is_empty() => {
                    ws.write_string(row, c as u16, cell)?;
                }
                _ => {}
            }
        }
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(wb.save_to_buffer()?)
}

/// The forecasts as JSON (stable English keys, as [`ForecastRow`] names them).
pub fn forecasts_json(rows: &[ForecastRow]) -> Result<Vec<u8>, ExportError> {
    Ok(serde_json::to_vec_pretty(rows)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row() -> ForecastRow {
        ForecastRow {
            indicator: "FCT.REM".into(),
            area: "SEN".into(),
            period: "2029".into(),
            median: Some(3.5e9),
            lo80: Some(3.0e9),
            hi80: Some(4.0e9),
            method: Some("DAMPED".into()),
            mase: Some(0.8),
            naive_mase: Some(1.1),
            cover80: Some(80.0),
            dataset: "mprofile-forecast@2026-12-03".into(),
            ..ForecastRow::default()
        }
    }

    #[test]
    fn csv_has_the_interval_method_and_skill_in_the_readers_language() {
        let b = forecasts_csv(Lang::Fr, &[row()]).unwrap();
        let s = String::from_utf8(b[3..].to_vec()).unwrap();
        let mut lines = s.lines();
        let head = lines.next().unwrap();
        assert!(head.contains("Médiane") && head.contains("Méthode"), "{head}");
        assert_eq!(
            lines.next(),
            Some("FCT.REM,,SEN,2029,3500000000,3000000000,4000000000,,,,DAMPED,,0.8,1.1,80,,mprofile-forecast@2026-12-03,")
        );
    }

    #[test]
    fn xlsx_and_json_read_back() {
        use calamine::{DataType, Reader, Xlsx};
        let b = forecasts_xlsx(Lang::En, &[row()]).unwrap();
        let mut x: Xlsx<_> = Xlsx::new(std::io::Cursor::new(b)).unwrap();
        let r = x.worksheet_range("forecasts").unwrap();
        assert_eq!(r.get_value((0, 4)).map(|v| v.to_string()), Some("Median".into()));
        assert_eq!(r.get_value((1, 10)).map(|v| v.to_string()), Some("DAMPED".into()));
        assert_eq!(r.get_value((1, 6)).and_then(|v| v.get_float()), Some(4.0e9), "figures are numbers");
        let j: serde_json::Value = serde_json::from_slice(&forecasts_json(&[row()]).unwrap()).unwrap();
        assert_eq!(j[0]["hi80"], 4.0e9);
        assert_eq!(j[0]["naive_mase"], 1.1);
    }
}
