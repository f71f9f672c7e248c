//! The assessment over hand-written figures: every computed T03 figure and its evidence.

use mp_domain::{AreaCode, CodeValue, DatasetId, DimensionId, DimensionKey, Framework, IndicatorCode, ObsStatus, Period};
use mp_quality::Figure;
use mp_quality::figure::Location;
use mp_quality::mirror::MirrorPair;
use mp_quality::score::{Assessed, Inputs, assess};
use std::collections::BTreeMap;
use std::path::PathBuf;

fn framework() -> Framework {
    let files = mp_ingest::framework_dir::read_framework_dir(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../framework"))
        .unwrap_or_else(|e| panic!("{e}"));
    Framework::from_files(&files, None).unwrap_or_else(|e| panic!("{e}"))
}

fn key(dims: &[(&str, &str)]) -> DimensionKey {
    let mut k = DimensionKey::total();
    for (d, c) in dims {
        k.set(DimensionId::parse(d).unwrap(), CodeValue::parse(c).unwrap());
    }
    k
}

fn fig(ind: &str, year: i32, dims: &[(&str, &str)], v: f64, source: &str, vintage: &str) -> Figure {
    Figure {
        indicator: IndicatorCode::parse(ind).unwrap(),
        area: AreaCode::parse("SEN").unwrap(),
        period: Period::Year(year),
        dims: key(dims),
        value: v,
        status: ObsStatus::Normal,
        dataset: DatasetId { source: source.into(), vintage: vintage.into() },
        at: Location { file: "fixture".into(), locator: "row 1".into(), observation_id: None },
    }
}

fn get<'a>(out: &'a [Assessed], ind: &str, dims: &[(&str, &str)]) -> &'a Assessed {
    let k = key(dims);
    out.iter().find(|a| a.indicator.as_str() == ind && a.dims == k).unwrap_or_else(|| panic!("no {ind} {k} in {out:#?}"))
}

#[test]
fn timeliness_periodicity_disaggregation_revisions_coherence_and_scores() {
    let fw = framework();
    let figures = vec![
        fig("DEV.POP", 2020, &[], 100.0, "a", "2024-06"),
        fig("DEV.POP", 2021, &[], 101.0, "a", "2024-06"),
        fig("DEV.POP", 2022, &[], 102.0, "a", "2024-06"),
        fig("DEV.POP", 2023, &[], 103.0, "a", "2024-06"),
        fig("IMM.STOCK", 2010, &[], 10.0, "b", "2020"),
        fig("IMM.STOCK", 2015, &[], 100.0, "b", "2020"),
        fig("IMM.STOCK", 2019, &[], 12.0, "b", "2020"),
        fig("IMM.STOCK", 2019, &[("SEX", "F"), ("AGE", "Y15T24")], 2.0, "b", "2020"),
        fig("IMM.STOCK", 2015, &[], 110.0, "b", "2019"), // the older vintage: revised by 9.1 %
        fig("DEV.POP", 2020, &[], 110.0, "c", "2024"),   // a second source: 9.5 % apart
    ];
    let sen = vec![AreaCode::parse("SEN").unwrap()];
    let partner = CodeValue::parse("FRA").unwrap();
    let pairs = vec![MirrorPair {
        spec: "stock".into(),
        area: sen[0].clone(),
        partner,
        period: Period::Year(2017),
        a: (120.0, DatasetId { source: "k".into(), vintage: "2017".into() }),
        b: (80.0, DatasetId { source: "u".into(), vintage: "2024".into() }),
        b_note: None,
        gap_pct: 40.0,
    }];
    let mut weights = BTreeMap::new();
    let run =
        |w: &BTreeMap<String, f64>| assess(&Inputs { fw: &fw, countries: &sen, figures: &figures, mirror: &pairs, weights: w, year: 2026 });
    let out = run(&weights);
    let intl: [(&str, &str); 0] = [];
    // Lags: a 6 months (2023-12 → 2024-06), b at most 12 (2019-12 → December 2020), c at most 48.
    let lag = get(&out, "DQA.LAG", &intl);
    assert_eq!(lag.value, 12.0);
    assert!(lag.evidence.contains("a@2024-06 6, b@2020 12*, c@2024 48*"), "{}", lag.evidence);
    // Intervals: a every 12 months, b median of 60 and 48; c has one period.
    assert_eq!(get(&out, "DQA.PERIODICITY", &intl).value, 33.0);
    assert_eq!(get(&out, "DQA.DISAGG", &[]).value, 50.0);
    assert_eq!(get(&out, "DQA.DISAGG", &[("THEME", "T04")]).value, 100.0);
    assert_eq!(get(&out, "DQA.DISAGG", &[("THEME", "T02")]).value, 0.0);
    let gap = get(&out, "DQA.MIRROR_GAP", &[]);
    assert_eq!((gap.value, gap.period), (40.0, Period::Year(2017)));
    assert_eq!(get(&out, "DQA.MIRROR_GAP", &[("COUNTERPART_AREA", "FRA")]).value, 40.0);
    // The country's score of each dimension is the mean of its sources' (a, b, c; the mirror
    // pair's reporters hold no figure of the country).
    let score = |d: &str| get(&out, "DQA.SCORE", &[("DQA_DIMENSION", d)]).value;
    assert_eq!(score("TIMELINESS"), 2.0); // a 3 (6 months), b 3 (at most 12), c 0 (at most 48)
    assert_eq!(score("PERIODICITY"), 2.5); // a 3 (12 months), b 2 (54); c has one period
    assert_eq!(score("COVERAGE"), 3.0);
    assert_eq!(score("DISAGGREGATION"), 1.0); // b by sex and age, a and c not
    assert_eq!(score("ACCURACY"), 1.0); // b revised by 9.1 %
    assert_eq!(score("COHERENCE"), 1.0); // a and c 9.5 % apart
    let t = get(&out, "DQA.SCORE", &[("DQA_DIMENSION", "TIMELINESS")]);
    assert!(t.evidence.contains("mean of its sources' scores (n = 3): a 3, b 3, c 0"), "{}", t.evidence);
    // Each source's composite, by ASSESSED_SOURCE: b (3 + 2 + 3 + 3 + 1) / 5.
    assert_eq!(get(&out, "DQA.SCORE", &[("ASSESSED_SOURCE", "b")]).value, 2.4);
    // (2 + 2.5 + 3 + 1 + 1 + 1) / 6 = 1.75.
    assert_eq!(get(&out, "DQA.SCORE", &intl).value, 1.8);
    // The Technical Working Group weighs coverage four times: (2 + 2.5 + 12 + 1 + 1 + 1) / 9 = 2.17.
    weights.insert("COVERAGE".to_string(), 4.0);
    assert_eq!(get(&run(&weights), "DQA.SCORE", &intl).value, 2.2);
}

#[test]
fn administrative_sources_conformity_and_the_scores_the_twg_enters() {
    let fw = framework();
    let figures = vec![
        // Asylum applications in a procedure run by the government, and one run by UNHCR only.
        fig("REF.ASY_APP", 2024, &[("PROCEDURE", "G")], 40.0, "unhcr", "2025-12"),
        fig("REF.ASY_APP", 2024, &[("PROCEDURE", "U")], 5.0, "unhcr", "2025-12"),
        // Remittances, too old to count (before 2023 for an assessment in 2026).
        fig("REM.IN", 2020, &[], 9.0, "wdi", "2025"),
        // A national submission, and the conformity score from UN DESA's type of data.
        fig("IMM.STOCK", 2024, &[], 10.0, "nat-sen-ansd", "2025-03"),
        fig("DQA.DEF_CONFORM", 2024, &[], 1.0, "undesa-ims", "2024"),
        // Scores the TWG entered: integrity (the newer of two), and a computed dimension it
        // cannot override.
        fig("DQA.SCORE", 2024, &[("DQA_DIMENSION", "INTEGRITY")], 1.0, "nat-sen-twg", "2025-01"),
        fig("DQA.SCORE", 2025, &[("DQA_DIMENSION", "INTEGRITY")], 2.0, "nat-sen-twg", "2025-06"),
        fig("DQA.SCORE", 2025, &[("DQA_DIMENSION", "CONFORMITY")], 3.0, "nat-sen-twg", "2025-06"),
    ];
    let sen = vec![AreaCode::parse("SEN").unwrap()];
    let mut weights = BTreeMap::new();
    let run =
        |w: &BTreeMap<String, f64>| assess(&Inputs { fw: &fw, countries: &sen, figures: &figures, mirror: &[], weights: w, year: 2026 });
    let out = run(&weights);
    let admin = get(&out, "DQA.ADMIN_SRC", &[]);
    assert_eq!(admin.value, 2.0, "{}", admin.evidence);
    assert!(admin.evidence.contains("government asylum records") && admin.evidence.contains("nat-sen-ansd"), "{}", admin.evidence);
    assert!(!admin.evidence.contains("remittances"), "{}", admin.evidence);
    let score = |out: &[Assessed], d: &str| get(out, "DQA.SCORE", &[("DQA_DIMENSION", d)]).clone();
    // Conformity is computed from the data; the TWG's 3 does not replace it.
    let c = score(&out, "CONFORMITY");
    assert_eq!(c.value, 1.0, "{}", c.evidence);
    assert!(c.evidence.contains("undesa-ims 1"), "{}", c.evidence);
    let u = get(&out, "DQA.SCORE", &[("ASSESSED_SOURCE", "undesa-ims"), ("DQA_DIMENSION", "CONFORMITY")]);
    assert!(u.evidence.contains("UN DESA type of data"), "{}", u.evidence);
    let i = score(&out, "INTEGRITY");
    assert_eq!(i.value, 2.0);
    assert!(i.evidence.starts_with("entered by the Technical Working Group: nat-sen-twg@2025-06 2025"), "{}", i.evidence);
    // The composite weighs the TWG's score like the computed ones, and names what is left.
    let composite = get(&out, "DQA.SCORE", &[]);
    assert!(composite.evidence.contains("INTEGRITY 2 × 1"), "{}", composite.evidence);
    assert!(
        composite.evidence.contains("not yet scored by the Technical Working Group: PREREQUISITES, RELEVANCE, ACCESSIBILITY"),
        "{}",
        composite.evidence
    );
    let before = composite.value;
    weights.insert("INTEGRITY".to_string(), 10.0);
    assert!(get(&run(&weights), "DQA.SCORE", &[]).value > before, "a heavier integrity weight raises the composite");
}
