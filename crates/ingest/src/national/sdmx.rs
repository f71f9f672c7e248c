//! SDMX-CSV 1.0 and 2.0: reading what statistics offices export (the writer is `mp-export`).
//!
//! Reading accepts:
//! - SDMX-CSV 1.0: first column `DATAFLOW` holding `AGENCY:ID(VERSION)`;
//! - SDMX-CSV 2.0: `STRUCTURE` (or `STRUCTURE[;]`; `dataflow`, `datastructure` or
//!   `dataprovision`), `STRUCTURE_ID` (`AGENCY:ID(VERSION)`), optional `STRUCTURE_NAME` (or
//!   `DATA_SOURCE`, the attribute mprofile's downloads name the source with),
//!   `ACTION` (I, A and R are imported; D, a deletion, is refused for now), `SERIES_KEY` and
//!   `OBS_KEY` (ignored);
//!
//! then the components: `REF_AREA`, `INDICATOR` (or `SERIES` or `MEASURE`) holding the framework
//! indicator code, `TIME_PERIOD`, `OBS_VALUE` (empty only with a missing-value `OBS_STATUS`),
//! `OBS_STATUS`, `UNIT_MULT` (values are converted to units), `COMMENT_OBS` or `FOOTNOTE`, `FREQ`
//! (checked against the period), and one column per framework dimension (`SEX`, `AGE`,
//! `COUNTERPART_AREA`…). Any other column is a problem. Headers and coded cells written as
//! `ID: Name` (labels=both) are read by their id. `;` separators are detected.
//!
//! The dataset is the dataflow: `ANSD:MIGR_CENSUS(1.0)` gives source `ansd-migr-census`,
//! publisher `ANSD`, vintage `1.0`, unless the caller overrides them ([`SdmxOverrides`]).

use super::{Built, EmptyValue, Part, RawRow, Resolver, is_source_code, slug};
use crate::context::{Context, DatasetBuilder, ReadReport, Skips, checked};
use crate::error::{IngestError, MAX_PROBLEMS, Problem, Problems};
use crate::files::InputFile;
use crate::table::Table;
use mp_domain::{DimensionId, Framework, Period, SourceInfo};

/// What the caller imposes instead of what the dataflow implies.
#[derive(Debug, Clone, Default)]
pub struct SdmxOverrides {
    /// The source of every row, instead of one per dataflow.
    pub source: Option<SourceInfo>,
    /// The vintage, instead of the dataflow's version.
    pub vintage: Option<String>,
}

/// What a column of an SDMX-CSV file is.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Col {
    Dataflow,
    Structure,
    StructureId,
    StructureName,
    Action,
    Key,
    RefArea,
    Indicator,
    TimePeriod,
    ObsValue,
    ObsStatus,
    UnitMult,
    Comment,
    Freq,
    Dim(DimensionId),
}

const FIXED: [(&str, Col); 17] = [
    ("DATAFLOW", Col::Dataflow),
    ("STRUCTURE", Col::Structure),
    ("STRUCTURE_ID", Col::StructureId),
    ("STRUCTURE_NAME", Col::StructureName),
    // The source's name, as mprofile's downloads write it.
    ("DATA_SOURCE", Col::StructureName),
    ("ACTION", Col::Action),
    ("SERIES_KEY", Col::Key),
    ("OBS_KEY", Col::Key),
    ("REF_AREA", Col::RefArea),
    ("INDICATOR", Col::Indicator),
    ("SERIES", Col::Indicator),
    ("MEASURE", Col::Indicator),
    ("TIME_PERIOD", Col::TimePeriod),
    ("OBS_VALUE", Col::ObsValue),
    ("OBS_STATUS", Col::ObsStatus),
    ("UNIT_MULT", Col::UnitMult),
    ("COMMENT_OBS", Col::Comment),
];

/// The component id of a header: without a `[;]` sub-field separator declaration and without
/// the `: Name` of labels=both, in upper case.
fn header_id(h: &str) -> String {
    let mut t = h.trim();
    if let Some(i) = t.find('[')
        && t.ends_with(']')
    {
        t = &t[..i];
    }
    if let Some((id, _)) = t.split_once(':') {
        t = id;
    }
    t.trim().to_ascii_uppercase()
}

fn classify(id: &str, fw: &Framework) -> Option<Col> {
    if id == "FOOTNOTE" {
        return Some(Col::Comment);
    }
    if id == "FREQ" {
        return Some(Col::Freq);
    }
    if let Some((_, c)) = FIXED.iter().find(|(n, _)| *n == id) {
        return Some(c.clone());
    }
    DimensionId::parse(id).ok().filter(|d| fw.dimensions.contains_key(d)).map(Col::Dim)
}

/// A dataflow reference `AGENCY:ID(VERSION)`, split; the version may be absent.
fn parse_dataflow(text: &str) -> Result<(String, String, Option<String>), String> {
    let t = text.trim();
    // labels=both writes `ANSD:MIGR_CENSUS(1.0): Census`; the reference itself has no ": ".
    let t = t.split_once(": ").map(|(a, _)| a.trim()).unwrap_or(t);
    let bad = || "not a dataflow reference: expected AGENCY:ID(VERSION), such as ANSD:MIGR_CENSUS(1.0)".to_string();
    let (agency, rest) = t.split_once(':').ok_or_else(bad)?;
    let (id, version) = match rest.split_once('(') {
        Some((id, v)) => (id, Some(v.strip_suffix(')').ok_or_else(bad)?.trim().to_string())),
        None => (rest, None),
    };
    let ok = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '@' | '$'));
    if !ok(agency.trim()) || !ok(id.trim()) || version.as_deref().is_some_and(|v| !ok(v)) {
        return Err(bad());
    }
    Ok((agency.trim().to_string(), id.trim().to_string(), version))
}

/// The source a dataflow stands for: `ANSD:MIGR_CENSUS` → `ansd-migr-census`.
fn dataflow_source(agency: &str, id: &str, name: &str) -> SourceInfo {
    let code = slug(&format!("{agency} {}", id.replace(['_', '.'], " ")), 80);
    SourceInfo {
        code,
        name: if name.trim().is_empty() { format!("{agency}:{id}") } else { name.trim().to_string() },
        publisher: agency.to_string(),
        licence: String::new(),
        url: String::new(),
    }
}

/// Reads an SDMX-CSV 1.0 or 2.0 file: one dataset per dataflow (or the caller's source), every
/// observation or every problem of the file together.
pub fn read_sdmx_csv(file: &InputFile, ctx: &Context, overrides: &SdmxOverrides) -> Result<ReadReport, IngestError> {
    let text = file.text()?;
    let delimiter = super::detect_delimiter(text);
    let lf = super::for_parsing(file, text);
    let text = lf.as_ref().and_then(|f| std::str::from_utf8(&f.bytes).ok()).unwrap_or(text);
    // `STRUCTURE[;]` declares the sub-field separator; when it is also the column separator a
    // CSV parser would split the header there, so the declaration is dropped before parsing.
    let cleaned;
    let parsed = match text.strip_prefix('\u{feff}').unwrap_or(text).split_once(']') {
        Some((head, tail)) if head.len() <= 12 && head.trim_start_matches('"').to_ascii_uppercase().starts_with("STRUCTURE[") => {
            let head = &head[..head.find('[').unwrap_or(head.len())];
            cleaned = InputFile { display: file.display.clone(), bytes: format!("{head}{tail}").into_bytes(), sha256: file.sha256.clone() };
            &cleaned
        }
        _ => lf.as_ref().unwrap_or(file),
    };
    let table = Table::parse_with(parsed, delimiter, &ctx.limits)?;
    let fw = ctx.framework;
    let mut problems = Problems::default();

    // Columns.
    let mut cols: Vec<Option<Col>> = Vec::new();
    let mut unknown = Vec::new();
    for (i, h) in table.headers.iter().enumerate() {
        let id = header_id(h);
        let c = classify(&id, fw);
        if c.is_none() {
            unknown.push(h.clone());
        }
        if let Some(c) = &c
            && *c != Col::Key
            && cols.iter().any(|x| x.as_ref() == Some(c))
        {
            let first = cols.iter().position(|x| x.as_ref() == Some(c)).and_then(|j| table.headers.get(j)).cloned().unwrap_or_default();
            let mut p = Problem::file(
                &file.display,
                format!("columns `{first}` and `{h}` hold the same component: expected one column per component"),
            );
            p.column = Some(h.clone());
            p.row = Some(1);
            problems.push(p);
        }
        let _ = i;
        cols.push(c);
    }
    let first = cols.first().cloned().flatten();
    let v2 = match first {
        Some(Col::Dataflow) => false,
        Some(Col::Structure) => true,
        _ => {
            let mut p = Problem::file(
                &file.display,
                "the first column is not DATAFLOW (SDMX-CSV 1.0) or STRUCTURE (SDMX-CSV 2.0): expected an SDMX-CSV file",
            );
            p.row = Some(1);
            p.column = table.headers.first().cloned();
            p.value = table.headers.first().cloned();
            problems.push(p);
            return Err(problems.into_error());
        }
    };
    if !unknown.is_empty() {
        let dims: Vec<&str> = fw.dimensions.keys().map(|d| d.as_str()).collect();
        let mut p = Problem::file(
            &file.display,
            format!(
                "unknown column{} {}: expected SDMX-CSV columns ({}STRUCTURE_NAME, DATA_SOURCE, ACTION, SERIES_KEY, OBS_KEY, REF_AREA, INDICATOR, FREQ, TIME_PERIOD, OBS_VALUE, OBS_STATUS, UNIT_MULT, COMMENT_OBS) or a dimension of the framework ({})",
                if unknown.len() > 1 { "s" } else { "" },
                super::list_some(&unknown, 20),
                if v2 { "STRUCTURE, STRUCTURE_ID, " } else { "DATAFLOW, " },
                dims.join(", ")
            ),
        );
        p.row = Some(1);
        problems.push(p);
    }
    let find = |c: &Col| cols.iter().position(|x| x.as_ref() == Some(c));
    let mut required = vec![
        ("REF_AREA", Col::RefArea),
        ("INDICATOR (or SERIES or MEASURE)", Col::Indicator),
        ("TIME_PERIOD", Col::TimePeriod),
        ("OBS_VALUE", Col::ObsValue),
    ];
    if v2 {
        required.insert(0, ("STRUCTURE_ID", Col::StructureId));
    }
    let missing: Vec<&str> = required.iter().filter(|(_, c)| find(c).is_none()).map(|(n, _)| *n).collect();
    if !missing.is_empty() {
        let mut p = Problem::file(
            &file.display,
            format!(
                "missing column{} {}: expected the SDMX-CSV columns {} (found {})",
                if missing.len() > 1 { "s" } else { "" },
                missing.join(", "),
                required.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", "),
                super::list_some(&table.headers, 30)
            ),
        );
        p.row = Some(1);
        problems.push(p);
    }
    if !problems.is_empty() {
        return Err(problems.into_error());
    }
    let col = |c: &Col| find(c).unwrap_or(usize::MAX);
    let (c_flow, c_structure) = if v2 { (col(&Col::StructureId), find(&Col::Structure)) } else { (col(&Col::Dataflow), None) };
    let (c_name, c_action, c_freq) = (find(&Col::StructureName), find(&Col::Action), find(&Col::Freq));
    let (c_area, c_ind, c_period, c_value) = (col(&Col::RefArea), col(&Col::Indicator), col(&Col::TimePeriod), col(&Col::ObsValue));
    let (c_status, c_mult, c_comment) = (find(&Col::ObsStatus), find(&Col::UnitMult), find(&Col::Comment));
    let dims: Vec<(DimensionId, usize)> = cols
        .iter()
        .enumerate()
        .filter_map(|(i, c)| match c {
            Some(Col::Dim(d)) => Some((d.clone(), i)),
            _ => None,
        })
        .collect();

    let resolver = Resolver::new(*ctx);
    let mut builders: Vec<((String, String), DatasetBuilder, usize)> = Vec::new();
    let mut skips = Skips::default();
    let mut stopped = false;
    for row in table.rows() {
        if problems.len() >= MAX_PROBLEMS * 5 {
            stopped = true;
            break;
        }
        let opt = |c: Option<usize>| c.map(|i| row.get(i)).unwrap_or("");
        let before = problems.len();

        // Which dataset the row belongs to.
        if let Some(i) = c_structure {
            let s = row.get(i);
            if !["dataflow", "datastructure", "dataprovision"].iter().any(|x| x.eq_ignore_ascii_case(s)) {
                problems.push(row.problem(i, "expected dataflow, datastructure or dataprovision"));
            }
        }
        let flow = match parse_dataflow(row.get(c_flow)) {
            Ok(f) => Some(f),
            Err(e) => {
                problems.push(row.problem(c_flow, e));
                None
            }
        };
        if let Some(i) = c_action {
            match row.get(i).to_ascii_uppercase().as_str() {
                "" | "I" | "A" | "R" => {}
                "D" => problems.push(
                    row.problem(i, "ACTION D (delete) is not supported yet: expected I, A or R; ask the maintainers to remove figures"),
                ),
                _ => problems.push(row.problem(i, "not an SDMX-CSV ACTION: expected I (information), A (append) or R (replace)")),
            }
        }
        if let (Some(i), Ok(p)) = (c_freq, Period::parse(row.get(c_period))) {
            let f = row.get(i).split(':').next().unwrap_or("").trim();
            if !f.is_empty() && !f.eq_ignore_ascii_case(p.freq().code()) {
                problems.push(row.problem(i, format!("the frequency does not match TIME_PERIOD {p}: expected {}", p.freq().code())));
            }
        }
        let raw = RawRow {
            indicator: row.get(c_ind),
            area: row.get(c_area),
            period: row.get(c_period),
            value: row.get(c_value),
            status: opt(c_status),
            unit_mult: opt(c_mult).split(':').next().unwrap_or(""),
            footnote: opt(c_comment),
            dims: dims.iter().map(|(d, i)| (d.clone(), row.get(*i))).collect(),
        };
        let at = |part: Part, expected: String| -> Problem {
            let i = match part {
                Part::Indicator => c_ind,
                Part::Area => c_area,
                Part::Period => c_period,
                Part::Value => c_value,
                Part::Status => c_status.unwrap_or(usize::MAX),
                Part::UnitMult => c_mult.unwrap_or(usize::MAX),
                Part::Dim(k) => dims.get(k).map(|(_, i)| *i).unwrap_or(usize::MAX),
            };
            row.problem(i, expected)
        };
        let built = resolver.build(&raw, 0, EmptyValue::Problem, &mut problems, &at);
        if problems.len() > before {
            continue;
        }
        let Some((agency, id, version)) = flow else { continue };
        let source = overrides.source.clone().unwrap_or_else(|| dataflow_source(&agency, &id, opt(c_name)));
        let Some(vintage) = overrides.vintage.clone().or(version) else {
            problems.push(row.problem(
                c_flow,
                "the dataflow has no version, which gives the vintage: expected AGENCY:ID(VERSION), such as ANSD:MIGR_CENSUS(1.0)",
            ));
            continue;
        };
        if !is_source_code(&source.code) {
            problems.push(row.problem(c_flow, format!("the source code `{}` made from the dataflow is not lower-case letters, digits and dashes: expected a simpler agency and id", source.code)));
            continue;
        }
        let key = (source.code.clone(), vintage.clone());
        let k = match builders.iter().position(|(x, _, _)| *x == key) {
            Some(k) => k,
            None => {
                let mut b = DatasetBuilder::new(source, vintage);
                let f = b.file(file);
                builders.push((key, b, f));
                builders.len() - 1
            }
        };
        let (_, b, fidx) = &mut builders[k];
        match built {
            Built::Obs(o) => b.add(o, *fidx, row.locator(), &mut problems),
            Built::Skip(reason) => skips.add(reason),
            Built::Bad => {}
        }
    }
    if stopped {
        problems
            .push(Problem::file(&file.display, format!("reading stopped after {} problems: fix these and import again", MAX_PROBLEMS * 5)));
    }
    let datasets = builders.into_iter().filter(|(_, b, _)| !b.is_empty()).map(|(_, b, _)| b.finish()).collect();
    let report = problems.finish(ReadReport { datasets, rows_read: table.len() as u64, skipped: skips.into_vec() })?;
    super::owner::claim(file, checked(ctx, report)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dataflows() {
        assert_eq!(parse_dataflow("ANSD:MIGR_CENSUS(1.0)").unwrap(), ("ANSD".into(), "MIGR_CENSUS".into(), Some("1.0".into())));
        assert_eq!(parse_dataflow("ANSD:MIGR_CENSUS(1.0): Census migration").unwrap().2.as_deref(), Some("1.0"));
        assert_eq!(parse_dataflow("ESTAT:NA_MAIN").unwrap().2, None);
        for bad in ["", "ANSD", "ANSD:(1.0)", "ANSD:X(1.0", "A B:X(1)"] {
            assert!(parse_dataflow(bad).is_err(), "{bad}");
        }
        assert_eq!(dataflow_source("ANSD", "MIGR_CENSUS", "").code, "ansd-migr-census");
    }

    #[test]
    fn headers() {
        assert_eq!(header_id("STRUCTURE[;]"), "STRUCTURE");
        assert_eq!(header_id("REF_AREA: Reference area"), "REF_AREA");
        assert_eq!(header_id(" sex "), "SEX");
    }
}
