//! Each data source scored per quality dimension for each country, over hand-written figures of
//! two countries: every computed dimension, the Technical Working Group's scores, the composite
//! with its weights, and the country's T03 scores filled from the sources'.

use mp_domain::{AreaCode, CodeValue, DatasetId, DimensionId, DimensionKey, Framework, IndicatorCode, ObsStatus, Period};
use mp_quality::Figure;
use mp_quality::figure::Location;
use mp_quality::mirror::MirrorPair;
use mp_quality::score::{Inputs, assess};
use mp_quality::sources::{NATIONAL_SOURCE, SourceAssessment, SourceInputs, score_sources, source_code};
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

fn fig(area: &str, ind: &str, year: i32, dims: &[(&str, &str)], v: f64, source: &str, vintage: &str) -> Figure {
    Figure {
        indicator: IndicatorCode::parse(ind).unwrap(),
        area: AreaCode::parse(area).unwrap(),
        period: Period::Year(year),
        dims: key(dims),
        value: v,
        status: ObsStatus::Normal,
        dataset: DatasetId { source: source.into(), vintage: vintage.into() },
        at: Location { file: "fixture".into(), locator: "row 1".into(), observation_id: None },
    }
}

fn figures() -> Vec<Figure> {
    vec![
        // Source a: Senegal's population every year to 2023, released in June 2024; Ghana's
        // population and its immigrant women.
        fig("SEN", "DEV.POP", 2020, &[], 100.0, "a", "2024-06"),
        fig("SEN", "DEV.POP", 2021, &[], 101.0, "a", "2024-06"),
        fig("SEN", "DEV.POP", 2022, &[], 102.0, "a", "2024-06"),
        fig("SEN", "DEV.POP", 2023, &[], 103.0, "a", "2024-06"),
        fig("GHA", "DEV.POP", 2023, &[], 300.0, "a", "2024-06"),
        fig("GHA", "IMM.STOCK", 2023, &[("SEX", "F")], 30.0, "a", "2024-06"),
        // Source b: Senegal's immigrant stock in 2010, 2015 and 2019 (by sex and age in 2019),
        // revised from the previous vintage.
        fig("SEN", "IMM.STOCK", 2010, &[], 10.0, "b", "2020"),
        fig("SEN", "IMM.STOCK", 2015, &[], 100.0, "b", "2020"),
        fig("SEN", "IMM.STOCK", 2019, &[], 12.0, "b", "2020"),
        fig("SEN", "IMM.STOCK", 2019, &[("SEX", "F"), ("AGE", "Y15T24")], 2.0, "b", "2020"),
        fig("SEN", "IMM.STOCK", 2015, &[], 110.0, "b", "2019"),
        // Source c: one population figure, 9.5 % from source a's.
        fig("SEN", "DEV.POP", 2020, &[], 110.0, "c", "2024"),
        // UN DESA's stock with its type-of-data conformity, and a national submission that agrees.
        fig("SEN", "IMM.STOCK", 2024, &[], 10.0, "undesa-ims", "2025-01"),
        fig("SEN", "DQA.DEF_CONFORM", 2024, &[], 1.0, "undesa-ims", "2025-01"),
        fig("SEN", "IMM.STOCK", 2024, &[], 10.0, "nat-sen-ansd", "2025-03"),
        // The Technical Working Group scores its national sources: integrity (the newer of two
        // counts), and timeliness, which the data show and its score does not replace.
        fig("SEN", "DQA.SCORE", 2024, &[("ASSESSED_SOURCE", "NATIONAL"), ("DQA_DIMENSION", "INTEGRITY")], 1.0, "nat-sen-twg", "2025-01"),
        fig("SEN", "DQA.SCORE", 2025, &[("ASSESSED_SOURCE", "NATIONAL"), ("DQA_DIMENSION", "INTEGRITY")], 2.0, "nat-sen-twg", "2025-06"),
        fig("SEN", "DQA.SCORE", 2025, &[("ASSESSED_SOURCE", "NATIONAL"), ("DQA_DIMENSION", "TIMELINESS")], 0.0, "nat-sen-twg", "2025-06"),
    ]
}

fn mirror() -> Vec<MirrorPair> {
    vec![MirrorPair {
        spec: "stock".into(),
        area: AreaCode::parse("SEN").unwrap(),
        partner: CodeValue::parse("FRA").unwrap(),
        period: Period::Year(2017),
        a: (120.0, DatasetId { source: "k".into(), vintage: "2017".into() }),
        b: (80.0, DatasetId { source: "b".into(), vintage: "2020".into() }),
        b_note: None,
        gap_pct: 40.0,
    }]
}

fn countries() -> Vec<AreaCode> {
    vec![AreaCode::parse("SEN").unwrap(), AreaCode::parse("GHA").unwrap()]
}

fn run(weights: &BTreeMap<String, f64>) -> Vec<SourceAssessment> {
    let (fw, figures, mirror, countries) = (framework(), figures(), mirror(), countries());
    score_sources(&SourceInputs { fw: &fw, countries: &countries, figures: &figures, mirror: &mirror, weights })
}

fn of<'a>(out: &'a [SourceAssessment], area: &str, source: &str) -> &'a SourceAssessment {
    out.iter().find(|s| s.area.as_str() == area && s.source == source).unwrap_or_else(|| panic!("no {source} for {area} in {out:#?}"))
}

fn score(s: &SourceAssessment, dim: &str) -> Option<f64> {
    s.scores.iter().find(|d| d.dimension == dim).map(|d| d.score)
}

fn evidence<'a>(s: &'a SourceAssessment, dim: &str) -> &'a str {
    s.scores.iter().find(|d| d.dimension == dim).map(|d| d.evidence.as_str()).unwrap_or_default()
}

#[test]
fn national_submissions_are_one_source() {
    assert_eq!(source_code("nat-sen-ansd"), NATIONAL_SOURCE);
    assert_eq!(source_code("unhcr"), "unhcr");
}

#[test]
fn timeliness_is_the_lag_of_the_countrys_newest_value() {
    let out = run(&BTreeMap::new());
    // a: 2023-12 → 2024-06, 6 months; b: at most 12 (December of 2020); c: at most 48.
    assert_eq!(score(of(&out, "SEN", "a"), "TIMELINESS"), Some(3.0));
    assert!(evidence(of(&out, "SEN", "a"), "TIMELINESS").contains("a@2024-06: newest value 2023, 6 months"));
    assert_eq!(score(of(&out, "SEN", "b"), "TIMELINESS"), Some(3.0));
    assert!(evidence(of(&out, "SEN", "b"), "TIMELINESS").contains("12 months at most"));
    assert_eq!(score(of(&out, "SEN", "c"), "TIMELINESS"), Some(0.0));
    // The national submission: 2024-12 → 2025-03; the TWG's 0 does not replace the data's 3.
    let nat = of(&out, "SEN", NATIONAL_SOURCE);
    assert_eq!(score(nat, "TIMELINESS"), Some(3.0));
    assert!(!nat.scores.iter().any(|d| d.dimension == "TIMELINESS" && d.by_twg));
}

#[test]
fn periodicity_is_the_interval_between_the_countrys_periods() {
    let out = run(&BTreeMap::new());
    assert_eq!(score(of(&out, "SEN", "a"), "PERIODICITY"), Some(3.0));
    // b: 2010, 2015, 2019: median of 60 and 48 months.
    assert_eq!(score(of(&out, "SEN", "b"), "PERIODICITY"), Some(2.0));
    assert!(evidence(of(&out, "SEN", "b"), "PERIODICITY").contains("median interval 54 months"));
    // One period: not scored.
    assert_eq!(score(of(&out, "SEN", "c"), "PERIODICITY"), None);
}

#[test]
fn coverage_is_the_share_of_the_sources_regional_indicators() {
    let out = run(&BTreeMap::new());
    // a publishes two indicators for the profile countries: Senegal has one, Ghana both.
    assert_eq!(score(of(&out, "SEN", "a"), "COVERAGE"), Some(1.0));
    assert!(evidence(of(&out, "SEN", "a"), "COVERAGE").contains("1 of the 2 indicators"));
    assert!(evidence(of(&out, "SEN", "a"), "COVERAGE").contains("covers 2 of the 2 profile countries"));
    assert_eq!(score(of(&out, "GHA", "a"), "COVERAGE"), Some(3.0));
    assert_eq!(score(of(&out, "SEN", "b"), "COVERAGE"), Some(3.0));
    assert!(evidence(of(&out, "SEN", "b"), "COVERAGE").contains("covers 1 of the 2 profile countries"));
}

#[test]
fn disaggregation_is_the_share_of_indicators_by_sex_or_age() {
    let out = run(&BTreeMap::new());
    assert_eq!(score(of(&out, "SEN", "a"), "DISAGGREGATION"), Some(0.0));
    assert_eq!(score(of(&out, "SEN", "b"), "DISAGGREGATION"), Some(3.0));
    // Ghana: the immigrant stock by sex, the population not: 50 %.
    assert_eq!(score(of(&out, "GHA", "a"), "DISAGGREGATION"), Some(2.0));
    assert!(evidence(of(&out, "GHA", "a"), "DISAGGREGATION").contains("1 of the 2 indicators"));
}

#[test]
fn accuracy_is_the_revision_between_vintages() {
    let out = run(&BTreeMap::new());
    // b revised 2015 from 110 to 100: 9.1 %.
    assert_eq!(score(of(&out, "SEN", "b"), "ACCURACY"), Some(1.0));
    assert!(evidence(of(&out, "SEN", "b"), "ACCURACY").contains("median revision 9.1 %"));
    assert!(evidence(of(&out, "SEN", "b"), "ACCURACY").contains("b 2019 → 2020"));
    // One vintage: not scored.
    assert_eq!(score(of(&out, "SEN", "a"), "ACCURACY"), None);
}

#[test]
fn coherence_is_the_difference_with_other_sources_and_the_mirror_gap() {
    let out = run(&BTreeMap::new());
    // a and c: 100 against 110, 9.5 % apart.
    assert_eq!(score(of(&out, "SEN", "a"), "COHERENCE"), Some(1.0));
    assert_eq!(score(of(&out, "SEN", "c"), "COHERENCE"), Some(1.0));
    assert!(evidence(of(&out, "SEN", "c"), "COHERENCE").contains("median difference 9.5 %"));
    // b: only the mirror gap of 40 %.
    assert_eq!(score(of(&out, "SEN", "b"), "COHERENCE"), Some(1.0));
    assert!(evidence(of(&out, "SEN", "b"), "COHERENCE").contains("mirror gap 40.0 % over 1 corridors"));
    // UN DESA and the national submission agree.
    assert_eq!(score(of(&out, "SEN", "undesa-ims"), "COHERENCE"), Some(3.0));
    assert_eq!(score(of(&out, "SEN", NATIONAL_SOURCE), "COHERENCE"), Some(3.0));
    // Ghana's figures have no second source.
    assert_eq!(score(of(&out, "GHA", "a"), "COHERENCE"), None);
}

#[test]
fn conformity_and_the_scores_the_twg_enters() {
    let out = run(&BTreeMap::new());
    assert_eq!(score(of(&out, "SEN", "undesa-ims"), "CONFORMITY"), Some(1.0));
    assert_eq!(score(of(&out, "SEN", "a"), "CONFORMITY"), None);
    let nat = of(&out, "SEN", NATIONAL_SOURCE);
    assert_eq!(score(nat, "INTEGRITY"), Some(2.0));
    assert!(evidence(nat, "INTEGRITY").starts_with("entered by the Technical Working Group: nat-sen-twg@2025-06 2025"));
    // The TWG's figures are not migration data of the national source.
    assert!(evidence(nat, "COVERAGE").contains("1 of the 1 indicators"), "{}", evidence(nat, "COVERAGE"));
}

#[test]
fn the_composite_weighs_the_dimensions() {
    let out = run(&BTreeMap::new());
    // c: timeliness 0, coverage 3, disaggregation 0, coherence 1.
    let c = of(&out, "SEN", "c");
    assert_eq!(c.composite, Some(1.0), "{}", c.composite_evidence);
    // b: (3 + 2 + 3 + 3 + 1 + 1) / 6.
    assert_eq!(of(&out, "SEN", "b").composite, Some(2.2));
    let mut w = BTreeMap::new();
    w.insert("COVERAGE".to_string(), 4.0);
    let out = run(&w);
    // c: (0 + 12 + 0 + 1) / 7.
    let c = of(&out, "SEN", "c");
    assert_eq!(c.composite, Some(1.9));
    assert!(c.composite_evidence.contains("COVERAGE 3 × 4"), "{}", c.composite_evidence);
}

#[test]
fn the_t03_scores_are_filled_from_the_sources() {
    let (fw, figures, mirror, countries) = (framework(), figures(), mirror(), countries());
    let w = BTreeMap::new();
    let out = assess(&Inputs { fw: &fw, countries: &countries, figures: &figures, mirror: &mirror, weights: &w, year: 2026 });
    let get = |area: &str, dims: &[(&str, &str)]| {
        let k = key(dims);
        out.iter()
            .find(|a| a.indicator.as_str() == "DQA.SCORE" && a.area.as_str() == area && a.dims == k)
            .unwrap_or_else(|| panic!("no DQA.SCORE {area} {k}"))
    };
    // Each source's scores are stored by ASSESSED_SOURCE, with the evidence.
    let b = get("SEN", &[("ASSESSED_SOURCE", "b"), ("DQA_DIMENSION", "ACCURACY")]);
    assert_eq!(b.value, 1.0);
    assert!(b.evidence.starts_with("computed from the stored data: median revision 9.1 %"), "{}", b.evidence);
    assert_eq!(get("SEN", &[("ASSESSED_SOURCE", "b")]).value, 2.2);
    // The country's timeliness: the mean over a 3, b 3, c 0, UN DESA 3 (2024-12 → 2025-01) and
    // the national submissions 3.
    let t = get("SEN", &[("DQA_DIMENSION", "TIMELINESS")]);
    assert_eq!(t.value, 2.4, "{}", t.evidence);
    assert!(t.evidence.contains("mean of its sources' scores (n = 5)"), "{}", t.evidence);
    // Integrity comes from the national submissions only.
    assert_eq!(get("SEN", &[("DQA_DIMENSION", "INTEGRITY")]).value, 2.0);
    // Ghana has one source, so its scores are source a's.
    assert_eq!(get("GHA", &[("DQA_DIMENSION", "COVERAGE")]).value, 3.0);
    assert_eq!(get("GHA", &[]).value, get("GHA", &[("ASSESSED_SOURCE", "a")]).value);
}
