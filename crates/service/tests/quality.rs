//! The validation rules before the store, as the command line and the web run them: errors and
//! warnings of a batch kept apart, the stored figures of other sources read as context, and
//! warnings stored as quality flags once the batch is stored.

use mp_domain::upload::{Upload, UploadKind, UploadReader};
use mp_domain::{DatasetImport, Framework};
use mp_ingest::framework_dir::testing::{fixture, repo_root};
use mp_quality::RuleSet;
use mp_quality::rules::RULES_FILE;
use mp_service::quality::{check_before_store, store_flags};
use mp_store::{ImportOptions, Origin, Store};
use std::path::PathBuf;

fn have_data() -> bool {
    let d = std::env::var_os("MPROFILE_DATA").map(PathBuf::from).unwrap_or_else(|| repo_root().join("../shared/data"));
    let ok = d.join("country-codes").exists();
    if !ok {
        eprintln!("skipped: no public data mirror (MPROFILE_DATA) for the framework's areas");
    }
    ok
}

fn rules(fw: &Framework) -> RuleSet {
    let text = std::fs::read_to_string(repo_root().join("framework").join(RULES_FILE)).unwrap();
    RuleSet::parse(&text, RULES_FILE, fw).unwrap_or_else(|e| panic!("{e}"))
}

/// A hand-written SDMX-CSV batch for Senegal, 2023, of `source` (rows: indicator, SEX, value).
fn batch(source: &str, rows: &[(&str, &str, &str)]) -> Vec<DatasetImport> {
    let (fw, areas) = fixture();
    let mut csv =
        String::from("STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,INDICATOR,SEX,AGE,TIME_PERIOD,OBS_VALUE,OBS_STATUS,UNIT_MULT,COMMENT_OBS\r\n");
    for (ind, sex, v) in rows {
        csv.push_str(&format!("dataflow,MPROFILE:TEST(2023),I,SEN,{ind},{sex},_T,2023,{v},,0,\r\n"));
    }
    let up = Upload { name: "test.csv", bytes: csv.into_bytes(), kind: UploadKind::Sdmx, mapping: None };
    let mut ds = mp_ingest::national::upload::NationalReader.read(up, fw, areas).unwrap_or_else(|e| panic!("{:?}", e.problems));
    for d in &mut ds {
        d.source.code = source.into();
    }
    ds
}

#[tokio::test(flavor = "multi_thread")]
async fn errors_and_warnings_are_kept_apart_and_the_store_is_read_as_context() {
    if !have_data() {
        return;
    }
    let (fw, areas) = fixture();
    let rules = rules(fw);
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(&tmp.path().join("q.db").display().to_string()).await.unwrap();
    store.load_framework(fw, areas).await.unwrap();

    // A negative stock is an error; women and men not adding up to the total, a warning.
    let bad = batch("nat-sen-test", &[("IMM.STOCK", "_T", "-5")]);
    let c = check_before_store(&store, &rules, fw, &bad).await.unwrap();
    assert!(!c.passes());
    assert_eq!(c.errors.iter().map(|v| v.rule.as_str()).collect::<Vec<_>>(), ["range.persons"]);
    let warn = batch("nat-sen-test", &[("IMM.STOCK", "_T", "287654"), ("IMM.STOCK", "F", "140321"), ("IMM.STOCK", "M", "100000")]);
    let c = check_before_store(&store, &rules, fw, &warn).await.unwrap();
    assert!(c.passes(), "{:?}", c.errors);
    assert_eq!(c.warnings.iter().map(|v| v.rule.as_str()).collect::<Vec<_>>(), ["sex-sum"]);

    // The stored population of another source is read: a stock above it is an error now.
    let pop = batch("nat-sen-pop", &[("DEV.POP", "_T", "1000")]);
    store.import(&pop, &ImportOptions { origin: Origin::National, ..ImportOptions::default() }, &|_, _| {}).await.unwrap();
    let c = check_before_store(&store, &rules, fw, &warn).await.unwrap();
    assert_eq!(c.errors.iter().map(|v| v.rule.as_str()).collect::<Vec<_>>(), ["immigrants-le-population"]);

    // Warnings are stored with their figures once the batch is stored; errors never are.
    let fine = batch("nat-sen-test", &[("IMM.STOCK", "_T", "900"), ("IMM.STOCK", "F", "400"), ("IMM.STOCK", "M", "300")]);
    let c = check_before_store(&store, &rules, fw, &fine).await.unwrap();
    assert!(c.passes(), "{:?}", c.errors);
    store.import(&fine, &ImportOptions::default(), &|_, _| {}).await.unwrap();
    assert_eq!(store_flags(&store, &c.warnings).await.unwrap(), 1);
    let flags = store.quality_flags(Some("SEN")).await.unwrap();
    assert_eq!((flags.len(), flags[0].rule.as_str(), flags[0].source.as_str()), (1, "sex-sum", "nat-sen-test"));
}
