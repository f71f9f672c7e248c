//! Downloads of the observations behind the pages, in CSV, XLSX, SDMX-CSV and JSON:
//!
//! - `/{lang}/download/series.{fmt}?indicator=IMM.STOCK&area=SEN[,GHA…][&dims=SEX=F]`: a series;
//! - `/{lang}/download/country/{ISO3}.{fmt}[?edition=2026][&block=chart-3]`: every observation a
//!   country's profile is built from (live or of a frozen edition), or only those behind one of
//!   its charts or tables.
//!
//! CSV, XLSX and JSON carry each observation's source, vintage, status, file, checksum and
//! place in the file, so any figure can be traced; CSV and XLSX headers are in the page's
//! language. Every file is written by `mp-export`. SDMX-CSV 2.0 has every source as the CSV
//! does, each row under a dataflow that names its source and vintage (`MPROFILE:UN_WPP(2024)`,
//! with the source's name in the `DATA_SOURCE` attribute), and can be imported back.

use super::{Cache, PageLang};
use crate::http::{self, Cached, HttpError};
use crate::pages;
use crate::state::AppState;
use axum::Extension;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use mp_domain::{Area, AreaCode, Lang, Record};
use mp_profile::{Block, Cell, Document, Section};
use serde::Deserialize;
use std::collections::HashSet;
use std::sync::Arc;

use mp_export::Format;

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
    let mut q = pages::series_query(ind, codes.clone(), &key);
    // A forecast's series comes with its interval bounds (VARIANT=LO80, HI80, LO95, HI95).
    if key.is_total()
        && let Ok(variant) = mp_domain::DimensionId::parse("VARIANT")
        && ind.dimensions.contains(&variant)
    {
        q.dims.insert(variant, mp_store::DimMatch::Any);
    }
    let records = st.store().records(&q).await?;
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

/// The file of `records` in `format`, names in `lang`.
fn write(st: &AppState, lang: Lang, format: Format, records: &[Record]) -> Result<Vec<u8>, HttpError> {
    let x = mp_export::Exporter { framework: st.framework(), areas: st.areas() };
    x.write(lang, format, records).map_err(|e| match e {
        mp_export::ExportError::TooManyRows => HttpError::bad_request(e.to_string()),
        e => HttpError::internal(e),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slug("SEX=F|AGE=Y0T14"), "SEX-F-AGE-Y0T14");
        assert_eq!(slug("chart-3"), "chart-3");
    }
}
