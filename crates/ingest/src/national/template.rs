//! Reads the XLSX submission template back as is: the workbook `mp-export` writes per country,
//! theme and language, whose very hidden `_mprofile` sheet (the layout of
//! [`mp_domain::submission`]) maps every cell to an indicator, a dimension or a dataset field
//! without any other step.

use super::{Built, EmptyValue, Part, RawRow, Resolver, fold, is_source_code, slug};
use crate::context::{Context, DatasetBuilder, ReadReport, Skips, checked};
use crate::error::{IngestError, Problem, Problems};
use crate::files::InputFile;
use crate::workbook::{self, Workbook};
use calamine::{Data, Range};
use mp_domain::submission::{
    META_SHEET, MetaKey, ROLE_FOOTNOTE, ROLE_PERIOD, ROLE_STATUS, ROLE_VALUE, SHEET_ROW, SheetLayout, TEMPLATE_VERSION, parse_a1,
};
use mp_domain::{DimensionId, SourceInfo};
use std::collections::BTreeMap;

/// The reason given for rows with cells filled in but no value and no status.
pub const NO_VALUE_ROW: &str = "template row without a value or an OBS_STATUS";

/// `YYYY-MM-DD` of an Excel serial day number (1900 date system).
fn excel_date(serial: f64) -> Option<String> {
    if !serial.is_finite() || !(1.0..=2_958_465.0).contains(&serial) {
        return None;
    }
    // Serial 25569 is 1970-01-01 (Excel counts a 29 February 1900).
    Some(mp_text::civil_date((serial.floor() as i64 - 25569) * 86_400))
}

/// A cell as the text a reader checks: errors are shown (never silently empty), dates become
/// `YYYY-MM-DD` (a period typed as a date by a spreadsheet), numbers keep every digit.
fn cell(d: Option<&Data>) -> String {
    match d {
        None | Some(Data::Empty) => String::new(),
        Some(Data::Error(e)) => format!("#{e:?}"),
        Some(Data::DateTime(dt)) => match excel_date(dt.as_f64()) {
            Some(date) => date,
            None => dt.as_f64().to_string(),
        },
        Some(d) => workbook::cell_text(d),
    }
}

/// Reads a filled-in template: every observation (area = the template's country), or every
/// problem of the workbook together, each naming the sheet, row, column and value.
pub fn read_template(file: &InputFile, ctx: &Context) -> Result<ReadReport, IngestError> {
    // calamine 0.38 panics on some damaged cell references (an arithmetic overflow in debug
    // builds); an upload that breaks the reader must come back as a problem, not a crash.
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_template_unguarded(file, ctx))) {
        Ok(r) => r,
        Err(_) => Err(IngestError::one(Problem::file(
            &file.display,
            "the XLSX reader failed on this workbook (a cell reference or part it cannot handle): expected an .xlsx file saved by Excel or LibreOffice; open it there and save it again",
        ))),
    }
}

fn read_template_unguarded(file: &InputFile, ctx: &Context) -> Result<ReadReport, IngestError> {
    let mut wb = Workbook::open_with(file, &ctx.limits)?;
    let f = file.display.as_str();
    if !wb.sheet_names().iter().any(|n| n == META_SHEET) {
        return Err(IngestError::one(Problem::file(
            f,
            format!(
                "not an mprofile submission template (no hidden `{META_SHEET}` sheet): expected a workbook made with `mprofile template`, filled in without deleting sheets"
            ),
        )));
    }
    let meta = wb.sheet(META_SHEET)?;
    let mut problems = Problems::default();
    let meta_problem = |msg: String| Problem::file(f, msg).in_sheet(META_SHEET);

    // The description of the template.
    let mut kv: BTreeMap<String, String> = BTreeMap::new();
    let mut sheets: Vec<SheetLayout> = Vec::new();
    for row in meta.rows() {
        let cells: Vec<String> = row.iter().map(|d| cell(Some(d))).collect();
        let Some(key) = cells.first() else { continue };
        if key == SHEET_ROW {
            match SheetLayout::from_row(&cells) {
                Some(s) => sheets.push(s),
                None => problems.push(meta_problem(format!(
                    "sheet {}: bad row numbers: the hidden sheet was edited; expected the template as downloaded",
                    cells.get(1).cloned().unwrap_or_default()
                ))),
            }
        } else if !key.is_empty() {
            kv.insert(key.clone(), cells.get(1).cloned().unwrap_or_default());
        }
    }
    let version = kv.get(MetaKey::TemplateVersion.key()).cloned().unwrap_or_default();
    if version != TEMPLATE_VERSION {
        return Err(IngestError::one(meta_problem(format!(
            "template version `{version}`: expected {TEMPLATE_VERSION}; download a new template"
        ))));
    }
    let resolver = Resolver::new(*ctx);
    let country = kv.get(MetaKey::Country.key()).cloned().unwrap_or_default();
    let area = match resolver.area(&country) {
        Ok(a) => a,
        Err(e) => return Err(IngestError::one(meta_problem(format!("country `{country}`: {e}")))),
    };

    // The dataset fields.
    let ds_sheet = kv.get(MetaKey::DatasetSheet.key()).cloned().unwrap_or_default();
    let field = |key: MetaKey, required: bool, problems: &mut Problems, range: Option<&Range<Data>>| -> String {
        let Some((r, c)) = kv.get(key.key()).and_then(|a| parse_a1(a)) else {
            problems.push(meta_problem(format!(
                "no cell recorded for `{}`: the hidden sheet was edited; expected the template as downloaded",
                key.key()
            )));
            return String::new();
        };
        let v = cell(range.and_then(|x| x.get_value((r, c))));
        if required && v.is_empty() {
            let label = match key {
                MetaKey::SourceName => "source name",
                MetaKey::Publisher => "publisher",
                _ => "vintage",
            };
            problems.push(
                Problem::cell(f, r as u64 + 1, &workbook::column_letters(c), "", format!("empty: expected the {label} of the data"))
                    .in_sheet(&ds_sheet),
            );
        }
        v
    };
    let ds_range = match wb.sheet(&ds_sheet) {
        Ok(r) => Some(r),
        Err(e) => {
            for p in e.problems {
                problems.push(p);
            }
            None
        }
    };
    let source_name = field(MetaKey::SourceName, true, &mut problems, ds_range.as_ref());
    let publisher = field(MetaKey::Publisher, true, &mut problems, ds_range.as_ref());
    let licence = field(MetaKey::Licence, false, &mut problems, ds_range.as_ref());
    let vintage = field(MetaKey::Vintage, true, &mut problems, ds_range.as_ref());
    let short = field(MetaKey::ShortCode, false, &mut problems, ds_range.as_ref());
    let iso = area.as_str().to_ascii_lowercase();
    let code = if short.is_empty() {
        let mut c = format!("{iso}-{}-{}", slug(&publisher, 24), slug(&source_name, 40));
        while c.contains("--") {
            c = c.replace("--", "-");
        }
        c.trim_end_matches('-').to_string()
    } else {
        let s = fold(&short);
        if s.starts_with(&format!("{iso}-")) { s } else { format!("{iso}-{s}") }
    };
    if !short.is_empty()
        && !is_source_code(&code)
        && let Some((r, c)) = kv.get(MetaKey::ShortCode.key()).and_then(|a| parse_a1(a))
    {
        problems.push(
            Problem::cell(
                f,
                r as u64 + 1,
                &workbook::column_letters(c),
                &short,
                "expected lower-case letters, digits and single dashes, such as rgphae-2013",
            )
            .in_sheet(&ds_sheet),
        );
    }
    let source = SourceInfo { code, name: source_name, publisher, licence, url: String::new() };
    let mut ds = DatasetBuilder::new(source, vintage.clone());
    let fidx = ds.file(file);
    let mut skips = Skips::default();
    let mut rows_read = 0u64;

    for sm in &sheets {
        let Some(ind) = ctx.framework.find(&sm.indicator) else {
            problems.push(Problem::file(f, format!("the framework has no indicator {} any more: expected a template made with the current framework; download a new one", sm.indicator)).in_sheet(&sm.name));
            continue;
        };
        let range = match wb.sheet(&sm.name) {
            Ok(r) => r,
            Err(e) => {
                for p in e.problems {
                    problems.push(p);
                }
                continue;
            }
        };
        // Columns found by their header, so inserted or moved columns do not shift anything.
        let width = range.end().map(|(_, c)| c + 1).unwrap_or(0);
        let headers: Vec<String> = (0..width).map(|c| fold(&cell(range.get_value((sm.header_row, c))))).collect();
        let mut at_col: Vec<(String, u32)> = Vec::new();
        let mut lost = Vec::new();
        for (role, label) in &sm.columns {
            match headers.iter().position(|h| *h == fold(label)) {
                Some(c) => at_col.push((role.clone(), c as u32)),
                None => lost.push(label.clone()),
            }
        }
        if !lost.is_empty() {
            let mut p = Problem::file(
                f,
                format!(
                    "the table header lost the column{} {}: expected the headers written in the template",
                    if lost.len() > 1 { "s" } else { "" },
                    lost.join(", ")
                ),
            )
            .in_sheet(&sm.name);
            p.row = Some(sm.header_row as u64 + 1);
            problems.push(p);
            continue;
        }
        let col_of = |role: &str| at_col.iter().find(|(r, _)| r == role).map(|(_, c)| *c);
        let (Some(c_period), Some(c_value), Some(c_status), Some(c_note)) =
            (col_of(ROLE_PERIOD), col_of(ROLE_VALUE), col_of(ROLE_STATUS), col_of(ROLE_FOOTNOTE))
        else {
            problems
                .push(meta_problem(format!("sheet {}: the columns recorded are incomplete; expected the template as downloaded", sm.name)));
            continue;
        };
        let dims: Vec<(DimensionId, u32)> = at_col
            .iter()
            .filter(|(r, _)| ![ROLE_PERIOD, ROLE_VALUE, ROLE_STATUS, ROLE_FOOTNOTE].contains(&r.as_str()))
            .filter_map(|(r, c)| DimensionId::parse(r).ok().map(|d| (d, *c)))
            .collect();
        let last_row = range.end().map(|(r, _)| r).unwrap_or(0);
        for r in sm.first_row..=last_row.max(sm.first_row) {
            let get = |c: u32| cell(range.get_value((r, c)));
            let (period, value, status, note) = (get(c_period), get(c_value), get(c_status), get(c_note));
            let dim_text: Vec<String> = dims.iter().map(|(_, c)| get(*c)).collect();
            if period.is_empty() && value.is_empty() && status.is_empty() && note.is_empty() && dim_text.iter().all(|d| d.is_empty()) {
                continue;
            }
            rows_read += 1;
            if value.is_empty() && status.is_empty() {
                skips.add(NO_VALUE_ROW);
                continue;
            }
            let raw = RawRow {
                indicator: ind.code.as_str(),
                area: area.as_str(),
                period: &period,
                value: &value,
                status: &status,
                unit_mult: "",
                footnote: &note,
                dims: dims.iter().zip(&dim_text).map(|((d, _), t)| (d.clone(), t.as_str())).collect(),
            };
            let at = |part: Part, expected: String| -> Problem {
                let c = match part {
                    Part::Period => Some(c_period),
                    Part::Value => Some(c_value),
                    Part::Status => Some(c_status),
                    Part::Dim(k) => dims.get(k).map(|(_, c)| *c),
                    Part::Indicator | Part::Area | Part::UnitMult => None,
                };
                match c {
                    Some(c) => Problem::cell(f, r as u64 + 1, &workbook::column_letters(c), &get(c), expected).in_sheet(&sm.name),
                    None => {
                        let mut p = Problem::file(f, expected).in_sheet(&sm.name);
                        p.row = Some(r as u64 + 1);
                        p
                    }
                }
            };
            match resolver.build(&raw, 0, EmptyValue::Problem, &mut problems, &at) {
                Built::Obs(o) => ds.add(o, fidx, workbook::locator(&sm.name, r, c_value), &mut problems),
                Built::Skip(reason) => skips.add(reason),
                Built::Bad => {}
            }
        }
    }
    let datasets = if ds.is_empty() { Vec::new() } else { vec![ds.finish()] };
    let report = problems.finish(ReadReport { datasets, rows_read, skipped: skips.into_vec() })?;
    super::owner::claim(file, checked(ctx, report)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_dates() {
        assert_eq!(excel_date(43891.0).as_deref(), Some("2020-03-01"));
        assert_eq!(excel_date(25569.0).as_deref(), Some("1970-01-01"));
        assert_eq!(excel_date(-3.0), None);
    }
}
