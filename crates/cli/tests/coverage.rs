//! One coverage for every place a reader looks, on the real data: for each of the ten profile
//! countries, the indicator tables of the document (Annex I), its data-gap annex (Annex III),
//! the portal's theme pages and the API's profile answer agree on which indicators have a
//! figure, of which year, and which are gaps.
//!
//! The store is built once (every public source, through the real binary); the documents, the
//! pages and the API answers are then read through the same crates `mprofile serve` uses.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::*;
use mp_domain::{AreaCode, AreaRegistry, Framework};
use mp_profile::{Block, Cell, Document, Section, Text};
use std::collections::BTreeMap;
use tower::ServiceExt;

const COUNTRIES: [&str; 10] = ["GHA", "CIV", "MLI", "MRT", "NER", "NGA", "SEN", "COD", "CPV", "CMR"];

/// Indicator code → year of the figure shown (`None`: no data).
type Years = BTreeMap<String, Option<i32>>;

fn plain(c: &Cell) -> Option<&str> {
    match c {
        Cell::Text(Text::Plain(s)) => Some(s),
        _ => None,
    }
}

/// Annex I: every indicator table (code, indicator, value, period, source) of the document.
fn annex_one(doc: &Document) -> Years {
    fn walk(s: &Section, out: &mut Years) {
        for b in &s.blocks {
            if let Block::Table(t) = b
                && t.columns.first() == Some(&Text::msg("col-code"))
                && t.columns.len() == 5
            {
                for r in &t.rows {
                    let code = plain(&r[0]).expect("a code cell").to_string();
                    let year = match (&r[2], plain(&r[3])) {
                        (Cell::Value(_), Some(p)) => Some(p.parse::<mp_domain::Period>().expect("a period").end_year()),
                        _ => None,
                    };
                    out.insert(code, year);
                }
            }
        }
        for c in &s.children {
            walk(c, out);
        }
    }
    let mut out = Years::new();
    for s in &doc.sections {
        walk(s, &mut out);
    }
    out
}

/// Annex III: the data-gap table, code → last year.
fn annex_three(doc: &Document) -> Years {
    fn walk(s: &Section, out: &mut Option<Years>) {
        for b in &s.blocks {
            if let Block::Table(t) = b
                && t.id == "table-gaps"
            {
                let rows = t.rows.iter().map(|r| {
                    let year = plain(&r[3]).and_then(|y| y.parse().ok());
                    (plain(&r[0]).expect("a code cell").to_string(), year)
                });
                *out = Some(rows.collect());
            }
        }
        for c in &s.children {
            walk(c, out);
        }
    }
    let mut out = None;
    for s in &doc.sections {
        walk(s, &mut out);
    }
    out.expect("the document has a data-gap annex")
}

async fn get(router: &axum::Router, uri: &str) -> String {
    let res = router.clone().oneshot(Request::get(uri).body(Body::empty()).expect("request")).await.expect("answer");
    assert_eq!(res.status(), StatusCode::OK, "{uri}");
    let body = axum::body::to_bytes(res.into_body(), usize::MAX).await.expect("body");
    String::from_utf8(body.to_vec()).expect("UTF-8")
}

/// A theme page's grid: (indicator code, country column) → year shown.
fn theme_grid(html: &str) -> BTreeMap<(String, String), Option<i32>> {
    let head = html.split("<thead>").nth(1).and_then(|s| s.split("</thead>").next()).expect("a grid head");
    let cols: Vec<String> =
        head.split("<abbr title=\"").skip(1).filter_map(|s| s.split('>').nth(1)?.split('<').next().map(str::to_string)).collect();
    let body = html.split("<tbody>").nth(1).and_then(|s| s.split("</tbody>").next()).expect("a grid body");
    let mut out = BTreeMap::new();
    for row in body.split("<tr>").skip(1) {
        let code = row.split("<small class=\"code\">").nth(1).and_then(|s| s.split('<').next()).expect("a code").to_string();
        let cells: Vec<Option<i32>> =
            row.split("<td").skip(1).map(|c| c.split_once('>').and_then(|(_, r)| r.split('<').next()?.trim().parse().ok())).collect();
        assert_eq!(cells.len(), cols.len(), "{code}: one cell per country");
        for (c, y) in cols.iter().zip(cells) {
            out.insert((code.clone(), c.clone()), y);
        }
    }
    out
}

#[test]
fn annexes_theme_pages_and_api_show_the_same_coverage() {
    if !data_dir().join("PROVENANCE.md").is_file() {
        eprintln!("skipping: the public data are not at {} (set MPROFILE_DATA)", data_dir().display());
        return;
    }
    let (_dir, db) = temp_db();
    ok(&mprofile(&db, &["init"]));
    ok(&mprofile(&db, &["import", "--all", "-q"]));

    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
    rt.block_on(async {
        let store = mp_store::Store::open_existing(&db).await.expect("store");
        let areas: AreaRegistry = store.area_registry().await.expect("areas");
        let files = mp_ingest::framework_dir::read_framework_dir(&repo().join("framework")).expect("framework files");
        let fw = Framework::from_files(&files, Some(&areas)).expect("framework");
        let tpl = |name: &str| {
            let text = std::fs::read_to_string(repo().join("templates").join(format!("{name}.toml"))).expect("template");
            mp_profile::Template::parse(&format!("{name}.toml"), &text, &fw).expect("template parses")
        };
        let (profile, regional) = (tpl("iom-2011"), tpl("regional"));
        let router = mp_web::router(mp_web::AppState::new(store.clone(), fw.clone(), areas.clone(), profile.clone(), regional));

        let mut grid = BTreeMap::new();
        for t in &fw.themes {
            grid.extend(theme_grid(&get(&router, &format!("/en/theme/{}", t.code)).await));
        }
        for iso in COUNTRIES {
            let area = AreaCode::parse(iso).expect("code");
            let doc = mp_service::country_document(&store, &fw, &areas, &profile, &area, None).await.expect("document");
            let as_of: i32 = doc.as_of[..4].parse().expect("a dated document");
            let one = annex_one(&doc);
            let three = annex_three(&doc);
            assert_eq!(one.len(), fw.indicators.len(), "{iso}: Annex I lists every indicator");

            // Annex III lists exactly the indicators Annex I shows without a figure or with an
            // old one, with the year Annex I shows.
            let expected: Years = one
                .iter()
                .filter(|(c, y)| {
                    let projected = doc.coverage.iter().any(|e| {
                        e.indicator.as_str() == c.as_str() && e.latest.as_ref().is_some_and(|l| l.origin == mp_profile::Origin::Projected)
                    });
                    !projected && y.is_none_or(|y| y < as_of - mp_profile::coverage::OLD_AFTER_YEARS)
                })
                .map(|(c, y)| (c.clone(), *y))
                .collect();
            assert_eq!(three, expected, "{iso}: Annex III vs Annex I");

            // The portal's theme pages.
            for (code, year) in &one {
                assert_eq!(grid.get(&(code.clone(), iso.to_string())), Some(year), "{iso} {code}: theme page vs Annex I");
            }

            // The API's answer.
            let json: serde_json::Value =
                serde_json::from_str(&get(&router, &format!("/api/v1/countries/{iso}/profile")).await).expect("JSON");
            let cov = json["coverage"].as_array().expect("coverage");
            assert_eq!(cov.len(), one.len(), "{iso}: API coverage lists every indicator");
            for e in cov {
                let code = e["indicator"].as_str().expect("code");
                let year = e["latest"]["period"].as_str().map(|p| p.parse::<mp_domain::Period>().expect("period").end_year());
                assert_eq!(one.get(code), Some(&year), "{iso} {code}: API vs Annex I");
                assert_eq!(e["gap"].as_bool(), Some(three.contains_key(code)), "{iso} {code}: API gap vs Annex III");
            }
            let api_gaps: Years = json["gaps"]
                .as_array()
                .expect("gaps")
                .iter()
                .map(|g| (g["indicator"].as_str().expect("code").to_string(), g["last_year"].as_i64().map(|y| y as i32)))
                .collect();
            assert_eq!(api_gaps, three, "{iso}: API gaps vs Annex III");
        }
    });
}
