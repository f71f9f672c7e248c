//! UNESCO Institute for Statistics (UIS), SDG 4 education indicators, from the open-numbers DDF
//! repackaging: one long file per indicator, `country, year, <indicator>`, with lower-case ISO3.

use super::{PublicSource, UpstreamFile};
use crate::context::{Context, DatasetBuilder, Obs, ReadReport, Skips, checked};
use crate::error::{IngestError, Problem, Problems};
use crate::files::InputFile;
use crate::table::Table;
use mp_domain::{AreaCode, Period, SourceInfo};
use std::path::Path;

/// What one indicator file holds.
struct Spec {
    /// The UIS indicator id, which names the file and its value column.
    id: &'static str,
    indicator: &'static str,
    dims: &'static [(&'static str, &'static str)],
}

/// Declares the files once, so the file list and the table of specs cannot drift apart.
macro_rules! uis_files {
    ($($id:literal => $ind:literal $dims:expr),* $(,)?) => {
        const FILES: &[UpstreamFile] = &[$(UpstreamFile {
            path: concat!("unesco-uis-education/national_datapoints/ddf--datapoints--", $id, "--by--country--year.csv"),
            url: concat!("https://raw.githubusercontent.com/open-numbers/ddf--unesco--education/9ebe8204713bdcc166593d89f84087af72a09c86/national_datapoints/ddf--datapoints--", $id, "--by--country--year.csv"),
            converted: false,
        }),*];
        const SPECS: &[Spec] = &[$(Spec { id: $id, indicator: $ind, dims: $dims }),*];
    };
}

uis_files! {
    "ger_5t8" => "EDU.GER_TERT" &[],
    "cr_1" => "EDU.COMPL" &[("EDUCATION_LEV", "ISCED11_1")],
    "cr_2" => "EDU.COMPL" &[("EDUCATION_LEV", "ISCED11_2")],
    "cr_3" => "EDU.COMPL" &[("EDUCATION_LEV", "ISCED11_3")],
    "rofst_1_cp" => "EDU.OOS_RATE" &[("EDUCATION_LEV", "ISCED11_1")],
    "rofst_2_cp" => "EDU.OOS_RATE" &[("EDUCATION_LEV", "ISCED11_2")],
    "rofst_3_cp" => "EDU.OOS_RATE" &[("EDUCATION_LEV", "ISCED11_3")],
    "rofst_2t3_cp" => "EDU.OOS_RATE" &[("EDUCATION_LEV", "ISCED11_2T3")],
    "ea_3t8_ag25t99" => "EDU.ATTAIN" &[("EDUCATION_LEV", "ISCED11_3T8")],
    "ea_5t8_ag25t99" => "EDU.ATTAIN" &[("EDUCATION_LEV", "ISCED11_5T8")],
    "lr_ag15t24" => "DEV.LIT" &[("AGE", "Y15T24")],
    "lr_ag15t99" => "DEV.LIT" &[("AGE", "Y_GE15")],
    "odaflow_volumescholarship" => "EDU.ODA_SCHOL" &[],
}

/// The source family.
pub const SOURCE: PublicSource =
    PublicSource { family: "unesco-uis", title: "UNESCO Institute for Statistics, SDG 4 education indicators", files: FILES, read };

/// The vintage (date of the repackaging commit).
pub const VINTAGE: &str = "2024-10";

/// Skip reasons (also asserted by the tests).
pub mod skip {
    /// A country that is neither a profile country nor bilateral detail.
    pub const OUT_OF_SCOPE: &str = "reference area outside the profile countries and comparison groups";
    /// A row whose value is empty.
    pub const NO_VALUE: &str = "row without a value (empty)";
}

fn source_info() -> SourceInfo {
    SourceInfo {
        code: "unesco-uis".into(),
        name: "UIS SDG 4 education database (open-numbers ddf--unesco--education)".into(),
        publisher: "UNESCO Institute for Statistics (UIS)".into(),
        // UIS data are CC BY-SA 3.0 IGO; the repackaging's CC BY 4.0 cannot relax that.
        licence: "CC BY-SA 3.0 IGO".into(),
        url: "https://github.com/open-numbers/ddf--unesco--education/tree/9ebe8204713bdcc166593d89f84087af72a09c86".into(),
    }
}

fn read_file(input: &InputFile, spec: &Spec, ctx: &Context, ds: &mut DatasetBuilder, skips: &mut Skips, problems: &mut Problems) -> u64 {
    let table = match Table::parse(input, b',') {
        Ok(t) => t,
        Err(e) => {
            absorb(problems, e);
            return 0;
        }
    };
    let c = match table.columns(&["country", "year", spec.id]) {
        Ok(c) => c,
        Err(e) => {
            absorb(problems, e);
            return table.len() as u64;
        }
    };
    let Some(ind) = ctx.indicator(spec.indicator, problems) else { return table.len() as u64 };
    let file = ds.file(input);
    for row in table.rows() {
        let code = row.get(c[0]);
        // Lower-case ISO3 only: upper-casing anything else could turn a typo into a country.
        let area = if code.len() == 3 && code.bytes().all(|b| b.is_ascii_lowercase()) {
            ctx.area(&code.to_ascii_uppercase()).filter(|a| matches!(a, AreaCode::Country(_)))
        } else {
            None
        };
        let Some(area) = area else {
            problems.push(row.problem(c[0], "not a known country: expected a lower-case ISO 3166 alpha-3 code such as sen"));
            continue;
        };
        if !ctx.in_scope(&area) {
            skips.add(skip::OUT_OF_SCOPE);
            continue;
        }
        let period = match row.period(c[1], problems) {
            Some(p @ Period::Year(_)) => p,
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
        let mut o = Obs::new(&ind, &area, period, value);
        for (d, v) in spec.dims {
            o = o.dim(d, v);
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

/// Reads one indicator file on its own (named by its mirror path), for checking a single file
/// and for tests.
pub fn read_one(input: &InputFile, ctx: &Context) -> Result<ReadReport, IngestError> {
    let Some((_, spec)) = FILES.iter().zip(SPECS).find(|(f, _)| f.path == input.display) else {
        let ids: Vec<&str> = SPECS.iter().map(|s| s.id).collect();
        return Err(IngestError::one(Problem::file(
            &input.display,
            format!(
                "not a UIS file this importer knows: expected unesco-uis-education/national_datapoints/ddf--datapoints--<id>--by--country--year.csv with <id> one of {}",
                ids.join(", ")
            ),
        )));
    };
    let mut problems = Problems::default();
    let mut skips = Skips::default();
    let mut ds = DatasetBuilder::new(source_info(), VINTAGE);
    let rows_read = read_file(input, spec, ctx, &mut ds, &mut skips, &mut problems);
    problems.finish(())?;
    checked(ctx, ReadReport { datasets: vec![ds.finish()], rows_read, skipped: skips.into_vec() })
}

fn read(dir: &Path, ctx: &Context) -> Result<ReadReport, IngestError> {
    let mut problems = Problems::default();
    let mut skips = Skips::default();
    let mut ds = DatasetBuilder::new(source_info(), VINTAGE);
    let mut rows_read = 0;
    for (upstream, spec) in FILES.iter().zip(SPECS) {
        match InputFile::read(&dir.join(upstream.path), upstream.path) {
            Ok(input) => rows_read += read_file(&input, spec, ctx, &mut ds, &mut skips, &mut problems),
            Err(e) => absorb(&mut problems, e),
        }
    }
    problems.finish(())?;
    checked(ctx, ReadReport { datasets: vec![ds.finish()], rows_read, skipped: skips.into_vec() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_is_in_the_manifest_and_named_after_its_indicator() {
        assert_eq!(FILES.len(), SPECS.len());
        for (f, s) in FILES.iter().zip(SPECS) {
            assert!(f.path.contains(&format!("--{}--", s.id)));
            assert!(PublicSource::expected(f.path).is_some(), "{}", f.path);
        }
    }
}
