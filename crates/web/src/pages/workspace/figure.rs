//! A figure's history for members: one indicator × country × period × source, its published
//! value, and every submission of the workspace that holds it with who created, submitted,
//! reviewed, approved, validated, sent back and published it, and when (the audit trail's rows
//! about that submission).
//!
//! Only members of the country's TWG see it; to anyone else the page does not exist (404), as
//! for a submission.

use super::submissions::{number, restage, view_target};
use super::{Viewer, WsError, page};
use crate::pages::{Chrome, Section, m, ma};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use mp_domain::{AreaCode, IndicatorCode, Iso3, Period};
use mp_store::ObsQuery;
use mp_workspace::{Action, Target};
use serde::Deserialize;

/// What names a figure: `?indicator=IMM.STOCK&country=SEN&period=2013&source=nat-sen-ansd`.
#[derive(Deserialize)]
pub(crate) struct FigureQuery {
    #[serde(default)]
    indicator: String,
    #[serde(default)]
    country: String,
    #[serde(default)]
    period: String,
    #[serde(default)]
    source: String,
}

/// The address of a figure's history page.
pub(crate) fn href(lang: mp_domain::Lang, indicator: &str, country: &Iso3, period: &str, source: &str) -> String {
    let q = |s: &str| s.chars().filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_')).collect::<String>();
    format!("/{}/ws/figure?indicator={}&country={}&period={}&source={}", lang.code(), q(indicator), country.as_str(), q(period), q(source))
}

struct StepView {
    what: String,
    who: String,
    when: String,
    reason: String,
}

struct SubView {
    heading: String,
    link: String,
    values: Vec<(String, String)>,
    problem: String,
    steps: Vec<StepView>,
}

#[derive(Template)]
#[template(path = "ws_figure.html")]
struct FigureT {
    chrome: Chrome,
    heading: String,
    what: String,
    published_label: String,
    published: Vec<(String, String)>,
    not_published: String,
    subs: Vec<SubView>,
    none: String,
    values_label: String,
    col_dims: String,
    col_value: String,
    col_step: String,
    col_who: String,
    col_when: String,
    col_reason: String,
}

/// The label of an audit action about a submission.
fn step_label(lang: mp_domain::Lang, action: &str) -> String {
    match action.strip_prefix("submission.") {
        Some("create") => m(lang, "ws-fig-created"),
        Some("send_back") => m(lang, "ws-fig-sent-back"),
        Some(state) if mp_workspace::State::ALL.iter().any(|s| s.code() == state) => m(lang, &format!("ws-state-{state}")),
        _ => action.to_string(),
    }
}

async fn figure_page(st: &AppState, v: &Viewer, uri: &Uri, q: FigureQuery) -> Result<Response, WsError> {
    let lang = v.lang;
    // A figure that cannot exist is as unknown as one the viewer may not see.
    let indicator = IndicatorCode::parse(q.indicator.trim()).map_err(|_| WsError::NotFound)?;
    let country = Iso3::parse(&q.country.trim().to_ascii_uppercase()).map_err(|_| WsError::NotFound)?;
    let period = Period::parse(q.period.trim()).map_err(|_| WsError::NotFound)?;
    let source = q.source.trim().to_string();
    if st.framework().indicator(&indicator).is_none() || source.is_empty() || source.len() > 100 {
        return Err(WsError::NotFound);
    }
    if !v.principal.may(Action::ViewUnpublished, &Target::country(&country)) {
        return Err(WsError::NotFound);
    }
    let area = AreaCode::Country(country.clone());
    let query = ObsQuery {
        indicator: Some(indicator.clone()),
        areas: vec![area.clone()],
        period: Some(period),
        any_dims: true,
        source: Some((source.clone(), None)),
        ..ObsQuery::default()
    };
    let published: Vec<(String, String)> =
        st.store().query(&query).await?.into_iter().map(|r| (r.dims.to_string(), number(r.value, lang))).collect();
    let orgs = st.store().orgs().await?;
    let mut subs = Vec::new();
    for s in st.store().submissions(Some(std::slice::from_ref(&country))).await? {
        if s.source_code != source || !v.principal.may(Action::ViewUnpublished, &view_target(&s)) {
            continue;
        }
        let (values, problem) = match restage(st, &s).await? {
            Ok(staged) => {
                let values: Vec<(String, String)> = staged
                    .datasets
                    .iter()
                    .flat_map(|d| &d.observations)
                    .filter(|o| o.indicator == indicator && o.period == period && o.area == area)
                    .map(|o| {
                        let scale = 10f64.powi(i32::from(o.unit_mult.power()));
                        (o.dims.to_string(), number(o.value.map(|x| x * scale), lang))
                    })
                    .collect();
                if values.is_empty() {
                    // This submission does not hold the figure.
                    continue;
                }
                (values, String::new())
            }
            Err(r) => (
                Vec::new(),
                ma(lang, "ws-fig-unreadable", &[("problem", &r.problems.first().map(|p| p.expected.clone()).unwrap_or_default())]),
            ),
        };
        let steps = st
            .store()
            .audit_rows(Some(&format!("submission:{}", s.id)))
            .await?
            .into_iter()
            .map(|r| StepView {
                what: step_label(lang, &r.action),
                who: r.actor_name,
                when: r.at,
                reason: serde_json::from_str::<serde_json::Value>(&r.after)
                    .ok()
                    .and_then(|a| a.get("reason").and_then(|x| x.as_str().map(str::to_string)))
                    .unwrap_or_default(),
            })
            .collect();
        let org = orgs.iter().find(|o| o.id == s.organisation_id).map(|o| o.name.clone()).unwrap_or_else(|| s.organisation_code.clone());
        subs.push(SubView {
            heading: ma(
                lang,
                "ws-fig-submission",
                &[("id", &s.id.to_string()), ("org", &org), ("state", &m(lang, &format!("ws-state-{}", s.state.code())))],
            ),
            link: format!("/{}/ws/submission/{}", lang.code(), s.id),
            values,
            problem,
            steps,
        });
    }
    let heading = m(lang, "ws-fig-title");
    let t = FigureT {
        chrome: Chrome::new(lang, uri, &heading, Section::Other),
        heading,
        what: ma(
            lang,
            "ws-fig-what",
            &[("indicator", indicator.as_ref()), ("country", country.as_str()), ("period", &period.to_string()), ("source", &source)],
        ),
        published_label: m(lang, "ws-fig-published"),
        published,
        not_published: m(lang, "ws-fig-not-published"),
        subs,
        none: m(lang, "ws-fig-none"),
        values_label: m(lang, "ws-fig-values"),
        col_dims: m(lang, "ws-fig-dims"),
        col_value: m(lang, "ws-fig-value"),
        col_step: m(lang, "ws-fig-step"),
        col_who: m(lang, "ws-fig-who"),
        col_when: m(lang, "ws-fig-when"),
        col_reason: m(lang, "ws-fig-reason"),
    };
    Ok(page(StatusCode::OK, t.render().map_err(|e| WsError::Internal(e.to_string()))?))
}

/// `GET /{lang}/ws/figure?indicator=…&country=…&period=…&source=…`
pub(crate) async fn view(State(st): State<AppState>, v: Viewer, uri: Uri, Query(q): Query<FigureQuery>) -> Response {
    figure_page(&st, &v, &uri, q).await.unwrap_or_else(|e| e.page(v.lang, &uri))
}
