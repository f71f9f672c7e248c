//! The forecast downloads through the router, on a small hand-made store (invented figures, not
//! real data): a country's forecasts with their intervals, method and skill as CSV (headers in
//! the page's language), XLSX, JSON and SDMX-CSV; a forecast's series download with its bounds;
//! and clear errors for what is not a forecast.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::obs;
use mp_domain::{DatasetImport, FileInfo, ObsStatus, SourceInfo};
use mp_store::{ImportOptions, Origin, Store};
use mp_web::AppState;
use tower::ServiceExt;

fn source(code: &str) -> SourceInfo {
    SourceInfo {
        code: code.into(),
        name: format!("Test source {code}"),
        publisher: "Test".into(),
        licence: "CC BY 4.0".into(),
        url: String::new(),
    }
}

/// Remittances to 2023, the module's forecast of 2024–2025 with its bounds, and its backtest.
fn datasets() -> Vec<DatasetImport> {
    use ObsStatus::*;
    let note = "Forecast by the mprofile forecasting module (FC_MODEL=DAMPED, SERIES_KIND=OBSERVED) from wb-wdi@2025";
    let mut fc = Vec::new();
    let mut row = 0;
    for (year, m) in [("2024", 3_000_000_000.0), ("2025", 3_100_000_000.0)] {
        for (variant, v) in [("", m), ("LO80", m - 2e8), ("HI80", m + 2e8), ("LO95", m - 4e8), ("HI95", m + 4e8)] {
            row += 1;
            let dims: Vec<(&str, &str)> = if variant.is_empty() { Vec::new() } else { vec![("VARIANT", variant)] };
            let mut o = obs("FCT.REM", "SEN", year, &dims, v, Forecast, row);
            o.footnote = Some(note.into());
            fc.push(o);
        }
    }
    for (model, mase) in [("DAMPED", 0.8), ("NAIVE", 1.2)] {
        row += 1;
        fc.push(obs("FCT.SKILL_MASE", "SEN", "2023", &[("FC_TARGET", "REM_IN"), ("FC_MODEL", model)], mase, Normal, row));
    }
    for (level, cover) in [("PI80", 75.0), ("PI95", 100.0)] {
        row += 1;
        fc.push(obs(
            "FCT.PI_COVER",
            "SEN",
            "2023",
            &[("FC_TARGET", "REM_IN"), ("FC_MODEL", "DAMPED"), ("PI_LEVEL", level)],
            cover,
            Normal,
            row,
        ));
    }
    let wdi =
        (2019..=2023).map(|y| obs("REM.IN", "SEN", &y.to_string(), &[], 2.5e9 + f64::from(y - 2019) * 1e8, Normal, y as usize)).collect();
    let file = |p: &str| FileInfo { path: p.into(), sha256: "0".repeat(64), bytes: 1 };
    vec![
        DatasetImport { source: source("wb-wdi"), vintage: "2025".into(), files: vec![file("wb/wdi.csv")], observations: wdi },
        DatasetImport {
            source: source("mprofile-forecast"),
            vintage: "2026-01-05".into(),
            files: vec![file("forecast-run.csv")],
            observations: fc,
        },
    ]
}

fn template(name: &str, fw: &mp_domain::Framework) -> mp_profile::Template {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../templates").join(format!("{name}.toml"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    mp_profile::Template::parse(&format!("{name}.toml"), &text, fw).unwrap_or_else(|e| panic!("{e}"))
}

/// (status, body) of every URI, from one router over one new store.
fn answers(uris: &[&str]) -> Vec<(StatusCode, Vec<u8>)> {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
    rt.block_on(async {
        let (fw, areas) = mp_ingest::framework_dir::testing::fixture();
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(&dir.path().join("fc.db").display().to_string()).await.unwrap_or_else(|e| panic!("{e}"));
        store.load_framework(fw, areas).await.unwrap_or_else(|e| panic!("{e}"));
        let opts = ImportOptions { dry_run: false, command: "forecast downloads test".into(), origin: Origin::Public };
        store.import(&datasets(), &opts, &|_, _| {}).await.unwrap_or_else(|e| panic!("{e}"));
        let router = mp_web::router(AppState::new(store, fw.clone(), areas.clone(), template("iom-2011", fw), template("regional", fw)));
        let mut out = Vec::new();
        for uri in uris {
            let res = router.clone().oneshot(Request::get(*uri).body(Body::empty()).expect("request")).await.expect("answer");
            let status = res.status();
            let body = axum::body::to_bytes(res.into_body(), usize::MAX).await.expect("body").to_vec();
            out.push((status, body));
        }
        out
    })
}

fn text(b: &[u8]) -> String {
    String::from_utf8(b.strip_prefix(b"\xef\xbb\xbf").unwrap_or(b).to_vec()).expect("UTF-8")
}

#[test]
fn forecasts_download_with_intervals_method_and_skill() {
    let got = answers(&[
        "/fr/download/forecasts/SEN.csv",
        "/en/download/forecasts/SEN.xlsx?indicator=FCT.REM",
        "/en/download/forecasts/SEN.json",
        "/en/download/forecasts/SEN.sdmx.csv",
        "/en/download/series.csv?indicator=FCT.REM&area=SEN",
        "/en/download/forecasts/SEN.csv?indicator=IMM.STOCK",
        "/en/download/forecasts/FRA.csv",
        "/en/download/forecasts/SEN.txt",
    ]);
    for (i, (status, body)) in got.iter().enumerate().take(5) {
        assert_eq!(*status, StatusCode::OK, "answer {i}: {}", text(body));
    }

    // CSV, French headers: one row per period with the bounds, the method and its skill.
    let csv = text(&got[0].1);
    let mut lines = csv.lines();
    let head = lines.next().expect("header");
    assert!(head.contains("Médiane") && head.contains("Méthode") && head.contains("MASE"), "{head}");
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 2, "{csv}");
    assert!(
        rows[0].starts_with("FCT.REM,")
            && rows[0].contains(",SEN,2024,3000000000,2800000000,3200000000,2600000000,3400000000,")
            && rows[0].contains(",DAMPED,OBSERVED,0.8,1.2,75,100,mprofile-forecast@2026-01-05,"),
        "{}",
        rows[0]
    );

    // XLSX: figures as numbers.
    {
        use calamine::{DataType, Reader, Xlsx};
        let mut x: Xlsx<_> = Xlsx::new(std::io::Cursor::new(got[1].1.clone())).expect("workbook");
        let r = x.worksheet_range("forecasts").expect("sheet");
        assert_eq!(r.get_value((0, 4)).map(|v| v.to_string()), Some("Median".into()));
        assert_eq!(r.get_value((2, 4)).and_then(|v| v.get_float()), Some(3.1e9));
        assert_eq!(r.get_value((1, 12)).and_then(|v| v.get_float()), Some(0.8));
    }

    // JSON: the same fields.
    let j: serde_json::Value = serde_json::from_slice(&got[2].1).expect("JSON");
    assert_eq!(j[0]["lo95"], 2.6e9);
    assert_eq!(j[0]["method"], "DAMPED");
    assert_eq!(j[0]["cover80"], 75.0);

    // SDMX-CSV: the bounds as VARIANT codes, with the backtest figures beside them.
    let sdmx = text(&got[3].1);
    let head: Vec<&str> = sdmx.lines().next().expect("header").split(',').collect();
    let col = |name: &str| head.iter().position(|h| *h == name).unwrap_or_else(|| panic!("{name} in {head:?}"));
    let (ind, var, status) = (col("INDICATOR"), col("VARIANT"), col("OBS_STATUS"));
    let cells: Vec<Vec<&str>> = sdmx.lines().skip(1).map(|l| l.split(',').collect()).collect();
    assert!(cells.iter().any(|c| c[ind] == "FCT.REM" && c[var] == "HI95" && c[status] == "F"), "{sdmx}");
    assert!(cells.iter().any(|c| c[ind] == "FCT.SKILL_MASE"), "{sdmx}");
    assert!(cells.iter().any(|c| c[ind] == "FCT.PI_COVER"), "{sdmx}");

    // A forecast's series download carries its interval bounds.
    let series = text(&got[4].1);
    for v in ["VARIANT=LO80", "VARIANT=HI80", "VARIANT=LO95", "VARIANT=HI95"] {
        assert!(series.contains(v), "{v}: {series}");
    }

    // What is not a forecast, an unknown country or format: a clear 4xx.
    assert_eq!(got[5].0, StatusCode::BAD_REQUEST, "{}", text(&got[5].1));
    assert!(text(&got[5].1).contains("is not a forecast"));
    assert_eq!(got[6].0, StatusCode::NOT_FOUND);
    assert_eq!(got[7].0, StatusCode::NOT_FOUND);
}
