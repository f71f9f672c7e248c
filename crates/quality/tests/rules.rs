//! Every rule class over hand-written figures, with the repository's framework and rules file.

use mp_domain::{AreaCode, CodeValue, DatasetId, DimensionId, DimensionKey, Framework, IndicatorCode, ObsStatus, Period};
use mp_quality::rules::RULES_FILE;
use mp_quality::{Figure, Location, RuleSet, Severity, check};
use std::path::PathBuf;
use std::sync::OnceLock;

fn framework() -> &'static (Framework, RuleSet) {
    static F: OnceLock<(Framework, RuleSet)> = OnceLock::new();
    F.get_or_init(|| {
        let files = mp_ingest::framework_dir::read_framework_dir(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../framework"))
            .unwrap_or_else(|e| panic!("{e}"));
        let fw = Framework::from_files(&files, None).unwrap_or_else(|e| panic!("{e}"));
        let rules = RuleSet::from_framework_files(&files, &fw).unwrap_or_else(|e| panic!("{e}"));
        (fw, rules)
    })
}

fn fig(ind: &str, area: &str, year: i32, dims: &[(&str, &str)], v: f64, source: &str, row: usize) -> Figure {
    let mut k = DimensionKey::total();
    for (d, c) in dims {
        k.set(DimensionId::parse(d).unwrap(), CodeValue::parse(c).unwrap());
    }
    Figure {
        indicator: IndicatorCode::parse(ind).unwrap(),
        area: AreaCode::parse(area).unwrap(),
        period: Period::Year(year),
        dims: k,
        value: v,
        status: ObsStatus::Normal,
        dataset: DatasetId { source: source.into(), vintage: "2026".into() },
        at: Location { file: format!("{source}.csv"), locator: format!("row {row}"), observation_id: None },
    }
}

fn rules_of(v: &[mp_quality::Violation]) -> Vec<(String, String)> {
    v.iter().map(|x| (x.rule.clone(), x.figure.at.locator.clone())).collect()
}

#[test]
fn the_rules_file_parses_against_the_framework() {
    let (_, rules) = framework();
    assert!(rules.len() >= 20, "{}", rules.len());
    assert!(rules.parts.is_some() && rules.sex_sum.is_some());
    assert!(rules.compare.iter().any(|r| r.meta.id == "immigrants-le-population"));
}

#[test]
fn bad_rules_are_refused_with_every_problem_named() {
    let (fw, _) = framework();
    let text = r#"
version = "1"
[[unit_range]]
unit = "furlongs"
min = 5
max = 1
severity = "error"
importance = "high"
message = { en = "x", fr = "x" }
[[rule]]
id = "r"
left = "NO.SUCH"
op = "=~"
right = "DEV.POP{COLOUR=RED}"
severity = "warning"
importance = "low"
message = { en = "x", fr = "x", pt = "x" }
"#;
    let e = RuleSet::parse(text, RULES_FILE, fw).unwrap_err();
    let all = e.to_string();
    for want in [
        "unknown unit `furlongs`",
        "min 5 is above max 1",
        "no Português text",
        "unknown operator `=~`",
        "unknown indicator NO.SUCH",
        "DEV.POP has no dimension COLOUR",
    ] {
        assert!(all.contains(want), "missing `{want}` in:\n{all}");
    }
}

#[test]
fn unit_and_indicator_ranges() {
    let (fw, rules) = framework();
    let figs = vec![
        fig("DEV.POP", "SEN", 2020, &[], -5.0, "nso", 2),         // persons < 0
        fig("DEV.POP", "SEN", 2021, &[], 17_000_000.0, "nso", 3), // fine
        fig("DEV.URB", "SEN", 2020, &[], 104.0, "nso", 4),        // percent > 100
        fig("DEV.POP_GR", "SEN", 2020, &[], -1.5, "nso", 5),      // a growth rate may be negative
        fig("POL.NMP", "SEN", 2020, &[], 7.0, "nso", 6),          // 0–2 policy score
        fig("POL.NMP", "SEN", 2021, &[], 2.0, "nso", 7),          // fine
        fig("POL.COORD", "SEN", 2020, &[], 0.5, "nso", 8),        // binary
        fig("NET.MIG", "SEN", 2020, &[], -20_000.0, "nso", 9),    // net flows may be negative
    ];
    let v = check(rules, fw, &figs, &[]);
    assert_eq!(
        rules_of(&v),
        vec![
            ("range.persons".to_string(), "row 2".to_string()),
            ("range.percent".to_string(), "row 4".to_string()),
            ("range.POL.NMP".to_string(), "row 6".to_string()),
            ("range.binary".to_string(), "row 8".to_string()),
        ]
    );
    assert!(v.iter().all(|x| x.severity == Severity::Error));
    let pop = &v[0];
    assert_eq!(pop.expected, "≥ 0");
    assert!(pop.line().starts_with("nso.csv, row 2: DEV.POP SEN 2020 = -5: A number of persons cannot be negative."), "{}", pop.line());
    assert_eq!(v[2].expected, "one of 0, 1, 2");
}

#[test]
fn parts_not_above_the_whole_and_women_plus_men() {
    let (fw, rules) = framework();
    let figs = vec![
        fig("IMM.STOCK", "SEN", 2020, &[], 100_000.0, "undesa", 2),
        fig("IMM.STOCK", "SEN", 2020, &[("SEX", "F")], 48_000.0, "undesa", 3),
        fig("IMM.STOCK", "SEN", 2020, &[("SEX", "M")], 52_000.0, "undesa", 4),
        fig("IMM.STOCK", "SEN", 2020, &[("COUNTERPART_AREA", "MLI")], 130_000.0, "undesa", 5), // part > whole
        fig("IMM.STOCK", "SEN", 2020, &[("AGE", "Y15T24")], 20_000.0, "undesa", 6),
        // Another source's total does not count as this one's whole.
        fig("IMM.STOCK", "SEN", 2020, &[("COUNTERPART_AREA", "GIN")], 150_000.0, "other", 7),
        // 2015: women + men far from the total.
        fig("IMM.STOCK", "SEN", 2015, &[], 100_000.0, "undesa", 8),
        fig("IMM.STOCK", "SEN", 2015, &[("SEX", "F")], 30_000.0, "undesa", 9),
        fig("IMM.STOCK", "SEN", 2015, &[("SEX", "M")], 40_000.0, "undesa", 10),
    ];
    let v = check(rules, fw, &figs, &[]);
    assert_eq!(
        rules_of(&v),
        vec![("parts.COUNTERPART_AREA".to_string(), "row 5".to_string()), ("sex-sum".to_string(), "row 8".to_string())]
    );
    assert_eq!(v[0].expected, "≤ 100000 (the total)");
    assert_eq!(v[0].related[0].locator, "row 2");
    assert_eq!(v[1].severity, Severity::Warning);
    assert_eq!(v[1].expected, "≈ 70000 (women 30000 + men 40000)");
}

#[test]
fn comparisons_across_indicators_and_sources() {
    let (fw, rules) = framework();
    // A national file states a migrant stock larger than the population held in the store.
    let subjects = vec![
        fig("IMM.STOCK", "SEN", 2020, &[], 20_000_000.0, "nso", 2),
        fig("IMM.STOCK", "SEN", 2021, &[], 300_000.0, "nso", 3),
        fig("IMM.STOCK_PCT", "SEN", 2021, &[], 9.0, "nso", 4), // 300,000 / 16.5 M = 1.8 %
    ];
    let context = vec![
        fig("DEV.POP", "SEN", 2020, &[], 16_400_000.0, "wpp", 10),
        fig("DEV.POP", "SEN", 2021, &[], 16_500_000.0, "wpp", 11),
        fig("DEV.POP", "SEN", 2021, &[], 16_700_000.0, "wdi", 12),
    ];
    let v = check(rules, fw, &subjects, &context);
    assert_eq!(
        rules_of(&v),
        vec![("immigrants-le-population".to_string(), "row 2".to_string()), ("stock-share-consistent".to_string(), "row 4".to_string()),]
    );
    assert!(v[0].expected.contains("left IMM.STOCK = 20000000, right DEV.POP = 16400000"), "{}", v[0].expected);
    assert!(v[0].expected.contains("also read from wpp@2026"), "{}", v[0].expected);
    // Nothing from the checked file took part: no violation is laid at its door.
    assert!(check(rules, fw, &[], &context).is_empty());
    let v2 = check(rules, fw, &context, &subjects);
    assert!(v2.iter().all(|x| x.figure.dataset.source != "nso"));
}
