//! The SDMX-CSV download names each value's source and vintage and keeps every source's value
//! of one key, and an independent SDMX reader (pysdmx) reads it. The records are invented for
//! the test (round numbers beside two real-looking population figures); they are not data.
//!
//! pysdmx runs when the Python named by `MPROFILE_PYSDMX_PYTHON` (else `python3`) can import
//! `pysdmx.io` with its data extra (`pip install 'pysdmx[data]'` in a virtual environment);
//! otherwise that part says so and is skipped.

use mp_domain::{AreaCode, DatasetId, DimensionId, DimensionKey, Framework, IndicatorCode, ObsStatus, Period, Record};
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

fn framework() -> Framework {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../framework");
    let mut files = Vec::new();
    for sub in ["", "indicators"] {
        for e in std::fs::read_dir(dir.join(sub)).unwrap().flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "toml") {
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                let rel = if sub.is_empty() { name } else { format!("{sub}/{name}") };
                files.push((rel, std::fs::read_to_string(&p).unwrap()));
            }
        }
    }
    files.sort();
    Framework::from_files(&files, None).unwrap_or_else(|e| panic!("{e}"))
}

fn rec(id: i64, ind: &str, dims: &[(&str, &str)], value: f64, ds: (&str, &str, &str)) -> Record {
    let mut key = DimensionKey::total();
    for (d, c) in dims {
        key.set(DimensionId::parse(d).unwrap(), mp_domain::CodeValue::parse(c).unwrap());
    }
    Record {
        id,
        indicator: IndicatorCode::parse(ind).unwrap(),
        area: AreaCode::parse("SEN").unwrap(),
        period: Period::parse("2022").unwrap(),
        dims: key,
        value: Some(value),
        status: ObsStatus::Normal,
        footnote: None,
        dataset: DatasetId { source: ds.0.into(), vintage: ds.1.into() },
        source_name: ds.2.into(),
        file: format!("test/{}.csv", ds.0),
        sha256: "0".repeat(64),
        locator: format!("row {id}"),
    }
}

const WPP: (&str, &str, &str) = ("un-wpp", "2024", "World Population Prospects 2024");
const WB: (&str, &str, &str) = ("wb-wdi", "2025-06", "World Development Indicators, World Bank");
const IMS: (&str, &str, &str) = ("undesa-ims", "2024", "International Migrant Stock");

/// (dataflow, indicator, value, source name) of every row.
type Rows = BTreeSet<(String, String, String, String)>;

fn records() -> Vec<Record> {
    let mut flagged = rec(3, "IMM.STOCK", &[("SEX", "F")], 140_000.0, IMS);
    flagged.status = ObsStatus::Estimated;
    flagged.footnote = Some("estimate, \"revised\"".into());
    vec![rec(1, "DEV.POP", &[], 17_651_099.0, WPP), rec(2, "DEV.POP", &[], 17_651_103.0, WB), flagged]
}

fn expected() -> Rows {
    [
        ("MPROFILE:UN_WPP(2024)", "DEV.POP", "17651099", WPP.2),
        ("MPROFILE:WB_WDI(2025-06)", "DEV.POP", "17651103", WB.2),
        ("MPROFILE:UNDESA_IMS(2024)", "IMM.STOCK", "140000", IMS.2),
    ]
    .iter()
    .map(|(a, b, c, d)| (a.to_string(), b.to_string(), c.to_string(), d.to_string()))
    .collect()
}

#[test]
fn every_source_of_a_key_is_kept_and_named() {
    let text = mp_export::sdmx_of_records(&framework(), &records());
    let mut rd = csv::Reader::from_reader(text.as_bytes());
    let h: Vec<String> = rd.headers().unwrap().iter().map(str::to_string).collect();
    let col = |n: &str| h.iter().position(|x| x == n).unwrap_or_else(|| panic!("no {n} in {h:?}"));
    assert_eq!(h.last().map(String::as_str), Some(mp_export::DATA_SOURCE));
    let rows: Rows = rd
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[1].to_string(), r[col("INDICATOR")].to_string(), r[col("OBS_VALUE")].to_string(), r[col("DATA_SOURCE")].to_string())
        })
        .collect();
    assert_eq!(rows, expected(), "both population figures of one key, each under its source and vintage");
}

#[test]
fn pysdmx_reads_the_download() {
    let python = std::env::var("MPROFILE_PYSDMX_PYTHON").unwrap_or_else(|_| "python3".into());
    let usable = Command::new(&python).args(["-c", "import pysdmx.io.csv"]).output().is_ok_and(|o| o.status.success());
    if !usable {
        eprintln!("skipped: {python} cannot import pysdmx.io.csv; set MPROFILE_PYSDMX_PYTHON to a Python with pysdmx[data]");
        return;
    }
    let path = std::env::temp_dir().join(format!("mprofile-sdmx-{}.csv", std::process::id()));
    std::fs::write(&path, mp_export::sdmx_of_records(&framework(), &records())).unwrap();
    let script = "import json, sys\n\
                  from pysdmx.io import read_sdmx\n\
                  m = read_sdmx(sys.argv[1])\n\
                  print(json.dumps([[d.short_urn, r] for d in m.data for r in d.data.astype(str).to_dict('records')]))\n";
    let out = Command::new(&python).args(["-c", script, &path.display().to_string()]).output().unwrap();
    let _ = std::fs::remove_file(&path);
    assert!(out.status.success(), "pysdmx: {}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows: Rows = v
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            let flow = x[0].as_str().unwrap().trim_start_matches("Dataflow=").to_string();
            let r = &x[1];
            (
                flow,
                r["INDICATOR"].as_str().unwrap().into(),
                r["OBS_VALUE"].as_str().unwrap().into(),
                r["DATA_SOURCE"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(rows, expected());
}
