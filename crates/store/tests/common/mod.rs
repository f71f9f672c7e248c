//! Test databases (a temp SQLite file, or a fresh PostgreSQL database per test) and test data.

#![allow(dead_code)]

use mp_domain::{
    Area, AreaCode, AreaKind, AreaRegistry, CodeValue, DatasetImport, DimensionId, DimensionKey, FileInfo, Framework, FrameworkFiles,
    GroupCode, I18nText, IndicatorCode, Iso3, Lang, M49, Membership, ObsStatus, Observation, Period, Provenance, SourceInfo, UnitMult,
};
use sqlx::Connection;
use std::sync::atomic::{AtomicU32, Ordering};

/// A database for one test; a PostgreSQL one is dropped when this is dropped.
pub struct TestDb {
    url: String,
    backend: &'static str,
    _dir: Option<tempfile::TempDir>,
    pg_drop: Option<(String, String)>,
}

impl TestDb {
    pub fn sqlite() -> TestDb {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = dir.path().join("sub").join("mprofile.db").display().to_string();
        TestDb { url, backend: "sqlite", _dir: Some(dir), pg_drop: None }
    }

    /// `None` (after saying so) when no PostgreSQL is configured outside CI; a panic in CI.
    pub async fn postgres() -> Option<TestDb> {
        let admin = match std::env::var("MPROFILE_TEST_PG_URL") {
            Ok(u) if !u.trim().is_empty() => u,
            _ => {
                if std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "0" && v != "false") {
                    panic!(
                        "MPROFILE_TEST_PG_URL is unset but CI is set: CI must test the PostgreSQL store (eval \"$(bash .ci/postgres.sh)\" first)"
                    );
                }
                eprintln!("skipping PostgreSQL: MPROFILE_TEST_PG_URL unset");
                return None;
            }
        };
        static N: AtomicU32 = AtomicU32::new(0);
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
        let name = format!("test_{}_{:x}_{}", std::process::id(), nanos, N.fetch_add(1, Ordering::Relaxed));
        sqlx::any::install_default_drivers();
        let mut conn = sqlx::AnyConnection::connect(&admin).await.unwrap_or_else(|e| panic!("cannot connect to MPROFILE_TEST_PG_URL: {e}"));
        sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut conn).await.expect("create test database");
        conn.close().await.ok();
        let (base, query) = match admin.split_once('?') {
            Some((b, q)) => (b.to_string(), format!("?{q}")),
            None => (admin.clone(), String::new()),
        };
        let prefix = base.rsplit_once('/').map(|(p, _)| p).unwrap_or(&base);
        let url = format!("{prefix}/{name}{query}");
        Some(TestDb { url, backend: "postgres", _dir: None, pg_drop: Some((admin, name)) })
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    pub fn backend(&self) -> &'static str {
        self.backend
    }

    /// A URL sqlx itself accepts, for tests that tamper with the database behind the store's back.
    pub fn raw_url(&self) -> String {
        if self.backend == "sqlite" { format!("sqlite://{}", self.url) } else { self.url.clone() }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let Some((admin, name)) = self.pg_drop.take() else {
            return;
        };
        // Drop runs inside the test's runtime, which cannot block on itself: a thread with its
        // own runtime does the DROP, also when the test panicked.
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
            rt.block_on(async move {
                if let Ok(mut conn) = sqlx::AnyConnection::connect(&admin).await {
                    let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&mut conn).await;
                    let _ = conn.close().await;
                }
            });
        })
        .join();
    }
}

/// Runs one async test body on SQLite and on PostgreSQL, as two tests.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let db = $crate::common::TestDb::sqlite();
                super::$name(&db).await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let Some(db) = $crate::common::TestDb::postgres().await else { return };
                super::$name(&db).await;
            }
        }
    )*};
}

fn t(s: &str) -> String {
    format!("{{ en = \"{s}\", fr = \"{s} (fr)\", pt = \"{s} (pt)\" }}")
}

/// A small framework: two themes, three indicators, SEX and AGE codelists, an area dimension.
pub fn framework_files(imm_stock_name: &str) -> FrameworkFiles {
    let ind = |code: &str, theme: &str, name: &str, unit: &str, dims: &str, extra: &str| {
        format!(
            "[[indicator]]\ncode = \"{code}\"\ntheme = \"{theme}\"\nname = {}\ndefinition = {}\nunit = \"{unit}\"\ndimensions = [{dims}]\n{extra}\n",
            t(name),
            t("definition")
        )
    };
    vec![
        ("framework.toml".into(), "version = \"2026.1\"\nlanguages = [\"en\", \"fr\", \"pt\"]\n".into()),
        (
            "themes.toml".into(),
            format!(
                "[[theme]]\ncode = \"T01\"\norder = 1\nname = {}\ndescription = {}\n[[theme]]\ncode = \"T04\"\norder = 4\nname = {}\ndescription = {}\n",
                t("Population"),
                t("Population"),
                t("Migration"),
                t("Stocks")
            ),
        ),
        (
            "units.toml".into(),
            format!(
                "[[unit]]\nid = \"persons\"\nkind = \"number\"\ndecimals = 0\nname = {}\n[[unit]]\nid = \"percent\"\nsymbol = \"%\"\nkind = \"percent\"\ndecimals = 1\nname = {}\n",
                t("persons"),
                t("percent")
            ),
        ),
        (
            "codelists.toml".into(),
            format!(
                "[[codelist]]\nid = \"CL_SEX\"\nname = {}\n[[codelist.code]]\nid = \"F\"\nname = {}\n[[codelist.code]]\nid = \"M\"\nname = {}\n[[codelist.code]]\nid = \"_T\"\nname = {}\n\
                 [[codelist]]\nid = \"CL_AGE\"\nname = {}\n[[codelist.code]]\nid = \"Y0T14\"\nname = {}\n[[codelist.code]]\nid = \"Y15T64\"\nname = {}\n",
                t("Sex"),
                t("Female"),
                t("Male"),
                t("Total"),
                t("Age"),
                t("0-14"),
                t("15-64")
            ),
        ),
        (
            "dimensions.toml".into(),
            format!(
                "[[dimension]]\nid = \"SEX\"\ncodelist = \"CL_SEX\"\nname = {}\n[[dimension]]\nid = \"AGE\"\ncodelist = \"CL_AGE\"\nname = {}\n[[dimension]]\nid = \"COUNTERPART_AREA\"\ncodelist = \"@AREA\"\nname = {}\n",
                t("Sex"),
                t("Age"),
                t("Counterpart area")
            ),
        ),
        ("indicators/T01-population.toml".into(), ind("POP.TOTAL", "T01", "Population", "persons", "\"SEX\", \"AGE\"", "key = true")),
        (
            "indicators/T04-migration.toml".into(),
            ind("IMM.STOCK", "T04", imm_stock_name, "persons", "\"SEX\", \"AGE\", \"COUNTERPART_AREA\"", "sdg = \"10.7.2\"")
                + &ind("IMM.SHARE", "T04", "Immigrant share", "percent", "\"SEX\"", "formula = \"IMM.STOCK / POP.TOTAL * 100\""),
        ),
    ]
}

pub fn framework() -> Framework {
    Framework::from_files(&framework_files("Immigrant stock"), None).unwrap_or_else(|e| panic!("{e}"))
}

fn area(code: &str, iso2: Option<&str>, m49: Option<u16>, kind: AreaKind, name: &str, lang: Option<Lang>) -> Area {
    Area {
        code: AreaCode::parse(code).unwrap(),
        iso2: iso2.map(String::from),
        m49: m49.and_then(M49::new),
        name: I18nText::new(name, format!("{name} (fr)"), format!("{name} (pt)")),
        kind,
        profile_language: lang,
    }
}

pub fn areas() -> AreaRegistry {
    use AreaKind::*;
    AreaRegistry::new(
        vec![
            area("CPV", Some("CV"), Some(132), Country, "Cabo Verde", Some(Lang::Pt)),
            area("FRA", Some("FR"), Some(250), Country, "France", None),
            area("GHA", Some("GH"), Some(288), Country, "Ghana", Some(Lang::En)),
            area("MLI", Some("ML"), Some(466), Country, "Mali", Some(Lang::Fr)),
            area("SEN", Some("SN"), Some(686), Country, "Senegal", Some(Lang::Fr)),
            area("ECOWAS", None, None, Group, "ECOWAS", None),
            area("WORLD", None, Some(1), Group, "World", None),
        ],
        vec![
            Membership { group: GroupCode::parse("ECOWAS").unwrap(), member: Iso3::parse("CPV").unwrap(), from: Some(1977), until: None },
            Membership { group: GroupCode::parse("ECOWAS").unwrap(), member: Iso3::parse("GHA").unwrap(), from: Some(1975), until: None },
            Membership {
                group: GroupCode::parse("ECOWAS").unwrap(),
                member: Iso3::parse("MLI").unwrap(),
                from: Some(1975),
                until: Some(2024),
            },
            Membership { group: GroupCode::parse("ECOWAS").unwrap(), member: Iso3::parse("SEN").unwrap(), from: Some(1975), until: None },
        ],
    )
}

/// An observation; `dims` in canonical text form (`SEX=F|AGE=Y0T14`, `` for total).
pub fn obs(indicator: &str, area: &str, period: &str, dims: &str, value: f64) -> Observation {
    Observation {
        indicator: IndicatorCode::parse(indicator).unwrap(),
        area: AreaCode::parse(area).unwrap(),
        period: Period::parse(period).unwrap(),
        dims: DimensionKey::parse(dims).unwrap(),
        value: Some(value),
        status: ObsStatus::Normal,
        unit_mult: UnitMult::UNITS,
        footnote: None,
        provenance: Provenance { file: 0, locator: format!("row {indicator}/{area}/{period}/{dims}") },
    }
}

pub fn source(code: &str) -> SourceInfo {
    SourceInfo {
        code: code.into(),
        name: format!("Source {code}"),
        publisher: "UN DESA".into(),
        licence: "CC BY 3.0 IGO".into(),
        url: format!("https://example.org/{code}"),
    }
}

/// A fake but well-formed SHA-256 built from a seed.
pub fn sha(seed: &str) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in seed.bytes() {
        h = (h ^ b as u64).wrapping_mul(0x100000001b3);
    }
    format!("{h:016x}").repeat(4)
}

pub fn dataset(source_code: &str, vintage: &str, observations: Vec<Observation>) -> DatasetImport {
    let file = format!("{source_code}/{vintage}/data.csv");
    DatasetImport {
        source: source(source_code),
        vintage: vintage.into(),
        files: vec![FileInfo { sha256: sha(&file), path: file, bytes: 1234 }],
        observations,
    }
}

pub fn dim(s: &str) -> DimensionId {
    DimensionId::parse(s).unwrap()
}

pub fn code(s: &str) -> CodeValue {
    CodeValue::parse(s).unwrap()
}
