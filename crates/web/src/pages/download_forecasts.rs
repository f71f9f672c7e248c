//! `/{lang}/download/forecasts/{ISO3}.{fmt}[?indicator=FCT.REM]`: a country's forecasts with
//! their intervals, method and skill. CSV, XLSX and JSON have one row per forecast period (median,
//! 80 % and 95 % bounds, the method, the kind of series it was fitted to, its backtest error
//! against persistence's and its interval coverage), read as the forecasts API reads them;
//! SDMX-CSV has the same forecasts as observations (the bounds under the VARIANT dimension, the
//! method and series in each comment) beside the module's backtest figures (FCT.SKILL_MASE and
//! FCT.PI_COVER by FC_TARGET and FC_MODEL).

use super::PageLang;
use crate::api::forecasts::{Answer, TARGETS, collect};
use crate::http::{self, Cached, HttpError};
use crate::pages;
use crate::state::AppState;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use mp_domain::{Indicator, Lang, ObsStatus, Record};
use mp_export::{ForecastRow, Format};
use mp_store::ObsQuery;
use serde::Deserialize;

/// Query of a forecast download.
#[derive(Debug, Default, Deserialize)]
pub struct ForecastParams {
    indicator: Option<String>,
}

/// Source code of the forecasting module's figures.
const MODULE: &str = "mprofile-forecast";

/// `GET /{lang}/download/forecasts/{ISO3}.{fmt}`
pub(crate) async fn forecasts(
    State(st): State<AppState>,
    PageLang(lang): PageLang,
    Path((_, file)): Path<(String, String)>,
    p: Result<Query<ForecastParams>, QueryRejection>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let file = match pages::query(p) {
        Ok(p) => forecasts_file(&st, lang, &file, p).await,
        Err(e) => Err(e),
    };
    match file {
        Ok(c) => c.respond(&headers),
        Err(e) => pages::error_page(lang, &e, &uri),
    }
}

async fn forecasts_file(st: &AppState, lang: Lang, file: &str, p: ForecastParams) -> Result<Cached, HttpError> {
    let Some((stem, format)) = Format::split(file) else {
        let ext: Vec<String> = Format::ALL.iter().map(|f| format!("SEN.{}", f.ext())).collect();
        return Err(HttpError::not_found(format!("no download `{}`: expected {}", http::truncate(file, 60), ext.join(", "))));
    };
    let area = http::profile_country(st, stem)?;
    let inds: Vec<&Indicator> = match p.indicator.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(code) => {
            let ind = http::indicator(st, code)?;
            if !TARGETS.iter().any(|(c, _)| *c == ind.code.as_str()) {
                let list: Vec<&str> = TARGETS.iter().map(|(c, _)| *c).collect();
                return Err(HttpError::bad_request(format!("{} is not a forecast: expected one of {}", ind.code, list.join(", "))));
            }
            vec![ind]
        }
        None => TARGETS.iter().filter_map(|(c, _)| st.framework().find(c)).collect(),
    };
    let mut name = format!("mprofile-forecasts-{}", area.code);
    if let [one] = inds.as_slice()
        && p.indicator.is_some()
    {
        name.push_str(&format!("-{}", one.code));
    }
    let bytes = match format {
        Format::SdmxCsv => {
            let records = sdmx_records(st, &inds, &area.code).await?;
            mp_export::sdmx_of_records(st.framework(), &records).into_bytes()
        }
        _ => {
            let mut rows = Vec::new();
            for ind in &inds {
                let answer = collect(st, &ind.code, &area.code).await.map_err(|e| HttpError::new(e.status, e.message))?;
                rows.extend(table_rows(st, lang, ind, &answer));
            }
            let written = match format {
                Format::Csv => mp_export::forecasts_csv(lang, &rows),
                Format::Xlsx => mp_export::forecasts_xlsx(lang, &rows),
                _ => mp_export::forecasts_json(&rows),
            };
            written.map_err(HttpError::internal)?
        }
    };
    Ok(Cached::new(format.content_type(), bytes).download(&format!("{name}.{}", format.ext())))
}

/// One row per forecast period of every source's forecast (the module's first).
fn table_rows(st: &AppState, lang: Lang, ind: &Indicator, a: &Answer) -> Vec<ForecastRow> {
    let fw = st.framework();
    let unit = fw.unit(&ind.unit).map(|u| u.name.get(lang).to_string()).unwrap_or_else(|| ind.unit.clone());
    let mut out = Vec::new();
    for f in &a.forecasts {
        for pt in &f.points {
            out.push(ForecastRow {
                indicator: a.indicator.clone(),
                indicator_name: ind.name.get(lang).to_string(),
                area: a.area.clone(),
                period: pt.period.clone(),
                median: pt.median,
                lo80: pt.lo80,
                hi80: pt.hi80,
                lo95: pt.lo95,
                hi95: pt.hi95,
                unit: unit.clone(),
                method: f.method.clone(),
                series_kind: f.series_kind.clone(),
                mase: f.skill.as_ref().and_then(|s| s.mase),
                naive_mase: f.skill.as_ref().and_then(|s| s.naive_mase),
                cover80: f.skill.as_ref().and_then(|s| s.cover80),
                cover95: f.skill.as_ref().and_then(|s| s.cover95),
                dataset: f.dataset.clone(),
                footnote: f.footnote.clone(),
            });
        }
    }
    out
}

/// The forecasts of `inds` (every source, every bound) and the module's backtest figures of the
/// country, for SDMX-CSV.
async fn sdmx_records(st: &AppState, inds: &[&Indicator], area: &mp_domain::AreaCode) -> Result<Vec<Record>, HttpError> {
    let mut out = Vec::new();
    for ind in inds {
        let q = ObsQuery {
            areas: vec![area.clone()],
            any_dims: true,
            status: Some(ObsStatus::Forecast),
            ..ObsQuery::indicator(ind.code.clone())
        };
        out.extend(st.store().records(&q).await?);
    }
    for code in ["FCT.SKILL_MASE", "FCT.PI_COVER"] {
        let Some(ind) = st.framework().find(code) else { continue };
        let q = ObsQuery {
            areas: vec![area.clone()],
            any_dims: true,
            source: Some((MODULE.into(), None)),
            ..ObsQuery::indicator(ind.code.clone())
        };
        out.extend(st.store().records(&q).await?);
    }
    Ok(out)
}
