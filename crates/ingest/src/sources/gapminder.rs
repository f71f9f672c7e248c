//! Gapminder Systema Globalis (open-numbers DDF repository): labour (ILO), poverty and GDP
//! (World Bank), HDI (UNDP), life expectancy and median age (UN WPP, IHME) and education
//! (UNESCO, IHME), one long file per indicator, `geo, time, <indicator>`, with Gapminder's own
//! lower-case geo ids (mostly ISO3; the others are mapped through the geo entities file).

use super::{PublicSource, UpstreamFile};
use crate::context::{Context, DatasetBuilder, Obs, ReadReport, Skips, checked};
use crate::error::{IngestError, Problem, Problems};
use crate::files::InputFile;
use crate::table::Table;
use mp_domain::{AreaCode, ObsStatus, Period, SourceInfo};
use std::collections::HashMap;
use std::path::Path;

/// The geo entities file, which gives the ISO code of ids that are not ISO3.
pub const ENTITIES_FILE: &str = "gapminder-systema-globalis/ddf--entities--geo--country.csv";

/// Which dataset an indicator goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Set {
    /// Gapminder's compilation.
    Main,
    /// IHME life expectancy, kept apart because it would share keys with WPP's.
    Ihme,
}

/// How the years of a series are qualified.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    /// As published.
    Plain,
    /// ILO modelled estimates: 2024 on are ILO projections.
    IloModelled,
    /// UN WPP series: 2024 on are projections (medium variant).
    Wpp,
}

/// What one indicator file holds.
struct Spec {
    /// Gapminder's concept id, which names the file and its value column.
    id: &'static str,
    indicator: &'static str,
    dims: &'static [(&'static str, &'static str)],
    set: Set,
    rule: Rule,
    note: Option<&'static str>,
}

/// Declares the files once, so the file list and the table of specs cannot drift apart.
macro_rules! gapminder_files {
    ($($id:literal => $ind:literal $dims:expr, $set:ident, $rule:ident, $note:expr;)*) => {
        const FILES: &[UpstreamFile] = &[
            $(UpstreamFile {
                path: concat!("gapminder-systema-globalis/countries-etc-datapoints/ddf--datapoints--", $id, "--by--geo--time.csv"),
                url: concat!("https://raw.githubusercontent.com/open-numbers/ddf--gapminder--systema_globalis/c63631abeb62af6db3910f68be7c2b443beca50b/countries-etc-datapoints/ddf--datapoints--", $id, "--by--geo--time.csv"),
                converted: false,
            },)*
            UpstreamFile {
                path: ENTITIES_FILE,
                url: "https://raw.githubusercontent.com/open-numbers/ddf--gapminder--systema_globalis/c63631abeb62af6db3910f68be7c2b443beca50b/ddf--entities--geo--country.csv",
                converted: false,
            },
        ];
        const SPECS: &[Spec] = &[$(Spec { id: $id, indicator: $ind, dims: $dims, set: Set::$set, rule: Rule::$rule, note: $note }),*];
    };
}

const NONE: &[(&str, &str)] = &[];

gapminder_files! {
    "aged_15plus_labour_force_participation_rate_percent" => "LAB.LFPR" &[("AGE", "Y_GE15")], Main, IloModelled, None;
    "aged_15_64_labour_force_participation_rate_percent" => "LAB.LFPR" &[("AGE", "Y15T64")], Main, IloModelled, None;
    "females_aged_15plus_labour_force_participation_rate_percent" => "LAB.LFPR" &[("SEX", "F"), ("AGE", "Y_GE15")], Main, IloModelled, None;
    "males_aged_15plus_labour_force_participation_rate_percent" => "LAB.LFPR" &[("SEX", "M"), ("AGE", "Y_GE15")], Main, IloModelled, None;
    "aged_15plus_employment_rate_percent" => "LAB.EMP_RATE" NONE, Main, IloModelled, None;
    "aged_15plus_unemployment_rate_percent" => "LAB.UR" &[("AGE", "Y_GE15")], Main, Plain, None;
    "aged_15_24_unemployment_rate_percent" => "LAB.YUR" NONE, Main, Plain, None;
    "agriculture_workers_percent_of_employment" => "LAB.AGRI_SH" NONE, Main, Plain, None;
    "self_employed_percent_of_employment" => "LAB.SELF_EMP" NONE, Main, Plain, None;
    "extreme_poverty_percent_people_below_300_a_day" => "DEV.POV" NONE, Main, Plain, None;
    "poverty_percent_people_below_420_a_day" => "DEV.POV_420" NONE, Main, Plain, None;
    "poverty_percent_people_below_830_a_day" => "DEV.POV_830" NONE, Main, Plain, None;
    "inequality_index_gini" => "DEV.GINI" NONE, Main, Plain, None;
    "alternative_poverty_percent_below_nationally_defined_poverty" => "DEV.POV_NAT" NONE, Main, Plain, None;
    "hdi_human_development_index" => "DEV.HDI" NONE, Main, Plain, None;
    "life_expectancy_female" => "DEV.LE" &[("SEX", "F")], Main, Wpp, None;
    "life_expectancy_male" => "DEV.LE" &[("SEX", "M")], Main, Wpp, None;
    "life_expectancy_at_birth_data_from_ihme" => "DEV.LE" NONE, Ihme, Plain, None;
    "median_age_years" => "DEV.MEDIAN_AGE" NONE, Main, Wpp, None;
    "primary_completion_rate_total_percent_of_relevant_age_group" => "EDU.COMPL" &[("EDUCATION_LEV", "ISCED11_1")], Main, Plain,
        Some("Gapminder describes this series as the gross intake ratio to the last grade, but its values are the UIS completion rate (CR.1)");
    "literacy_rate_adult_total_percent_of_people_ages_15_and_above" => "DEV.LIT" &[("AGE", "Y_GE15")], Main, Plain, None;
    "children_out_of_school_primary" => "EDU.OOS_CHILDREN" NONE, Main, Plain, None;
    "mean_years_in_school_men_25_years_and_older" => "EDU.MYS" &[("SEX", "M")], Main, Plain, Some("IHME estimate, population aged 25 and over");
    "mean_years_in_school_women_25_years_and_older" => "EDU.MYS" &[("SEX", "F")], Main, Plain, Some("IHME estimate, population aged 25 and over");
    "total_gdp_us_inflation_adjusted" => "DEV.GDP_CONST" NONE, Main, Plain, None;
    "gdppercapita_us_inflation_adjusted" => "DEV.GDPPC_CONST" NONE, Main, Plain, None;
    "gnipercapita_atlasmethod_current_us" => "DEV.GNIPC" NONE, Main, Plain, None;
    "urban_population_percent_of_total" => "DEV.URB" NONE, Main, Plain, None;
    "aid_received_percent_of_gni" => "DEV.ODA_GNI" NONE, Main, Plain, None;
}

/// The source family.
pub const SOURCE: PublicSource = PublicSource {
    family: "gapminder",
    title: "Gapminder Systema Globalis (ILO, World Bank, UNDP, UN WPP, IHME, UNESCO)",
    files: FILES,
    read,
};

/// The vintage (date of the repository commit).
pub const VINTAGE: &str = "2026-03";

/// The first year ILO and UN WPP publish as projections in this vintage.
const FIRST_PROJECTION_YEAR: i32 = 2024;

/// Skip reasons (also asserted by the tests).
pub mod skip {
    /// A country that is neither a profile country nor bilateral detail.
    pub const OUT_OF_SCOPE: &str = "reference area outside the profile countries and comparison groups";
    /// Gapminder entities with no ISO 3166 code.
    pub const NON_ISO: &str = "Gapminder entity without an ISO 3166 code (Netherlands Antilles, Channel Islands, Kosovo, Abkhazia…)";
    /// A row whose value is empty.
    pub const NO_VALUE: &str = "row without a value (empty)";
}

const REPO_URL: &str = "https://github.com/open-numbers/ddf--gapminder--systema_globalis/tree/c63631abeb62af6db3910f68be7c2b443beca50b";

fn source_info(set: Set) -> SourceInfo {
    match set {
        Set::Main => SourceInfo {
            code: "gapminder-sg".into(),
            name: "Gapminder Systema Globalis (compiled from ILO, World Bank, UNDP, UN WPP, IHME and UNESCO)".into(),
            publisher: "Gapminder Foundation".into(),
            licence: "CC BY 4.0".into(),
            url: REPO_URL.into(),
        },
        Set::Ihme => SourceInfo {
            code: "gapminder-ihme".into(),
            name: "IHME life expectancy at birth, via Gapminder Systema Globalis".into(),
            publisher: "Institute for Health Metrics and Evaluation (IHME), compiled by the Gapminder Foundation".into(),
            licence: "CC BY 4.0".into(),
            url: REPO_URL.into(),
        },
    }
}

/// Gapminder geo id → ISO 3166 alpha-3 (`None`: an entity with no ISO code).
type Entities = HashMap<String, Option<String>>;

fn read_entities(input: &InputFile, problems: &mut Problems) -> Option<Entities> {
    let table = match Table::parse(input, b',') {
        Ok(t) => t,
        Err(e) => {
            absorb(problems, e);
            return None;
        }
    };
    let c = match table.columns(&["country", "iso3166_1_alpha3"]) {
        Ok(c) => c,
        Err(e) => {
            absorb(problems, e);
            return None;
        }
    };
    let mut out = Entities::new();
    for row in table.rows() {
        let iso = row.get(c[1]);
        let is_iso3 = iso.len() == 3 && iso.bytes().all(|b| b.is_ascii_uppercase());
        if !iso.is_empty() && !is_iso3 {
            problems.push(row.problem(c[1], "expected an ISO 3166 alpha-3 code such as SEN, or nothing"));
            continue;
        }
        out.insert(row.get(c[0]).to_string(), (!iso.is_empty()).then(|| iso.to_string()));
    }
    Some(out)
}

/// Resolves a geo id: the entities file first, then the id itself as lower-case ISO3.
fn area(geo: &str, entities: &Entities, ctx: &Context) -> Result<Option<AreaCode>, &'static str> {
    let iso = match entities.get(geo) {
        Some(Some(iso)) => iso.clone(),
        Some(None) => return Ok(None),
        None if geo.len() == 3 && geo.bytes().all(|b| b.is_ascii_lowercase()) => geo.to_ascii_uppercase(),
        None => {
            return Err(
                "unknown Gapminder geo id: expected a lower-case ISO3 code such as sen, or an id of ddf--entities--geo--country.csv",
            );
        }
    };
    match ctx.area(&iso).filter(|a| matches!(a, AreaCode::Country(_))) {
        Some(a) => Ok(Some(a)),
        None => Err("not a known country: expected a geo id whose ISO 3166 code is in the area registry"),
    }
}

fn read_file(
    input: &InputFile,
    spec: &Spec,
    entities: &Entities,
    ctx: &Context,
    ds: &mut DatasetBuilder,
    skips: &mut Skips,
    problems: &mut Problems,
) -> u64 {
    let table = match Table::parse(input, b',') {
        Ok(t) => t,
        Err(e) => {
            absorb(problems, e);
            return 0;
        }
    };
    let c = match table.columns(&["geo", "time", spec.id]) {
        Ok(c) => c,
        Err(e) => {
            absorb(problems, e);
            return table.len() as u64;
        }
    };
    let Some(ind) = ctx.indicator(spec.indicator, problems) else { return table.len() as u64 };
    let file = ds.file(input);
    for row in table.rows() {
        let area = match area(row.get(c[0]), entities, ctx) {
            Ok(Some(a)) if ctx.in_scope(&a) => a,
            Ok(Some(_)) => {
                skips.add(skip::OUT_OF_SCOPE);
                continue;
            }
            Ok(None) => {
                skips.add(skip::NON_ISO);
                continue;
            }
            Err(msg) => {
                problems.push(row.problem(c[0], msg));
                continue;
            }
        };
        let (period, year) = match row.period(c[1], problems) {
            Some(p @ Period::Year(y)) => (p, y),
            Some(_) => {
                problems.push(row.problem(c[1], "expected a year such as 2022"));
                continue;
            }
            None => continue,
        };
        let value = match row.value(c[2], 0, problems) {
            Some(Some(v)) => v,
            Some(None) => {
                skips.add(skip::NO_VALUE);
                continue;
            }
            None => continue,
        };
        let projected = year >= FIRST_PROJECTION_YEAR;
        let (status, qualifier) = match spec.rule {
            Rule::Plain => (ObsStatus::Normal, None),
            Rule::IloModelled if projected => (ObsStatus::Forecast, Some("ILO modelled estimate; 2024 and later are ILO projections")),
            Rule::IloModelled => (ObsStatus::Normal, Some("ILO modelled estimate")),
            Rule::Wpp if projected => (ObsStatus::Forecast, Some("UN WPP projection (medium variant)")),
            Rule::Wpp => (ObsStatus::Normal, None),
        };
        let mut o = Obs::new(&ind, &area, period, value).status(status);
        for (d, v) in spec.dims {
            o = o.dim(d, v);
        }
        let notes: Vec<&str> = [qualifier, spec.note].into_iter().flatten().collect();
        if !notes.is_empty() {
            o = o.note(notes.join("; "));
        }
        ds.add(o, file, row.locator(), problems);
    }
    table.len() as u64
}

/// Moves every problem of an error into the collection, keeping the count of those left out.
fn absorb(problems: &mut Problems, e: IngestError) {
    let file = e.problems.first().map(|p| p.file.clone()).unwrap_or_default();
    for p in e.problems {
        problems.push(p);
    }
    if e.more > 0 {
        problems.push(Problem::file(&file, format!("… and {} more problems in this file", e.more)));
    }
}

/// Reads one indicator file on its own (named by its mirror path), with the geo entities file,
/// for checking a single file and for tests.
pub fn read_one(input: &InputFile, entities: &InputFile, ctx: &Context) -> Result<ReadReport, IngestError> {
    let Some((_, spec)) = FILES.iter().zip(SPECS).find(|(f, _)| f.path == input.display) else {
        return Err(IngestError::one(Problem::file(
            &input.display,
            "not a Gapminder file this importer knows: expected gapminder-systema-globalis/countries-etc-datapoints/ddf--datapoints--<concept>--by--geo--time.csv for one of the concepts listed in the adapter",
        )));
    };
    let mut problems = Problems::default();
    let Some(entities) = read_entities(entities, &mut problems) else { return Err(problems.into_error()) };
    let mut skips = Skips::default();
    let mut ds = DatasetBuilder::new(source_info(spec.set), VINTAGE);
    let rows_read = read_file(input, spec, &entities, ctx, &mut ds, &mut skips, &mut problems);
    problems.finish(())?;
    checked(ctx, ReadReport { datasets: vec![ds.finish()], rows_read, skipped: skips.into_vec() })
}

fn read(dir: &Path, ctx: &Context) -> Result<ReadReport, IngestError> {
    let mut problems = Problems::default();
    let mut skips = Skips::default();
    let mut main = DatasetBuilder::new(source_info(Set::Main), VINTAGE);
    let mut ihme = DatasetBuilder::new(source_info(Set::Ihme), VINTAGE);
    let entities = match InputFile::read(&dir.join(ENTITIES_FILE), ENTITIES_FILE) {
        Ok(f) => read_entities(&f, &mut problems),
        Err(e) => {
            absorb(&mut problems, e);
            None
        }
    };
    // Without the entities the ids cannot be told apart from typos: report and stop.
    let Some(entities) = entities else { return Err(problems.into_error()) };
    let mut rows_read = 0;
    for (upstream, spec) in FILES.iter().zip(SPECS) {
        let ds = match spec.set {
            Set::Main => &mut main,
            Set::Ihme => &mut ihme,
        };
        match InputFile::read(&dir.join(upstream.path), upstream.path) {
            Ok(input) => rows_read += read_file(&input, spec, &entities, ctx, ds, &mut skips, &mut problems),
            Err(e) => absorb(&mut problems, e),
        }
    }
    problems.finish(())?;
    checked(ctx, ReadReport { datasets: vec![main.finish(), ihme.finish()], rows_read, skipped: skips.into_vec() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_is_in_the_manifest_and_named_after_its_concept() {
        assert_eq!(FILES.len(), SPECS.len() + 1);
        for (f, s) in FILES.iter().zip(SPECS) {
            assert!(f.path.contains(&format!("--{}--", s.id)));
        }
        for f in FILES {
            assert!(PublicSource::expected(f.path).is_some(), "{}", f.path);
        }
    }

    #[test]
    fn keys_never_collide_within_a_dataset() {
        let mut keys: Vec<String> = SPECS
            .iter()
            .map(|s| {
                let mut d = s.dims.to_vec();
                d.sort();
                format!("{:?} {} {d:?}", s.set, s.indicator)
            })
            .collect();
        keys.sort();
        let n = keys.len();
        keys.dedup();
        assert_eq!(keys.len(), n);
    }
}
