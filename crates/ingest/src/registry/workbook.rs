//! Reads the registry workbook (XLSX) a TWG secretariat works on offline: `mprofile registry
//! export` writes what the registries hold (the writer is `mp_export::registry_workbook`), the secretariat adds or corrects entries (the 1951
//! Convention, the Palermo protocols, ILO C97/C143, ECOWAS protocols, national laws, policies,
//! institutions), names its source on the `source` sheet, and `mprofile registry import` reads
//! it back, all or nothing.
//!
//! Sheets: `source` (field, value: code, name, publisher, licence, url, vintage), `instruments`,
//! `status`, `institutions`, `projects`, with the columns of
//! [`mp_domain::registry_layout`]. Lists of organisations and sectors are separated by `;`,
//! lists of codes (themes, countries) by spaces. An institution's `organisation` is the code of
//! the TWG workspace organisation it is, when it takes part in the TWG.
//! Rows whose `source` column names another source are exported for reference and left out on
//! import: they are corrected at their own source.
//!
//! [`read`] takes the workbook as one source of its own (`mprofile registry import --public`);
//! [`read_entries`] reads it for review in the TWG workspace (the browser upload, and
//! `mprofile registry import` otherwise): rows whose source the caller owns or which have none,
//! each with the `read_at` column naming where it was read, which is then required.

use crate::context::Context;
use crate::error::{IngestError, Problem, Problems};
use crate::files::InputFile;
use crate::workbook::{Workbook, cell_text};
use mp_domain::registry::{Currency, Date, Institution, Money, Project, ProjectStatus};
use mp_domain::registry_layout::{INSTITUTIONS, INSTRUMENTS, PROJECTS, STATUS, WorkbookEntries, WorkbookEntry, WorkbookItem};
use mp_domain::{
    AreaCode, I18nText, Instrument, InstrumentCode, InstrumentKind, InstrumentStatus, Provenance, Ratification, RegistryImport, SourceInfo,
    ThemeCode,
};

/// One sheet's rows as text, with the column positions of `cols` found in its header.
struct Sheet {
    name: &'static str,
    rows: Vec<Vec<String>>,
    idx: Vec<usize>,
}

impl Sheet {
    fn read(wb: &mut Workbook, name: &'static str, cols: &[&str], file: &str, problems: &mut Problems) -> Option<Sheet> {
        let range = match wb.sheet(name) {
            Ok(r) => r,
            Err(e) => {
                e.problems.into_iter().for_each(|p| problems.push(p));
                return None;
            }
        };
        let rows: Vec<Vec<String>> = range.rows().map(|r| r.iter().map(cell_text).collect()).collect();
        let header = rows.first().cloned().unwrap_or_default();
        let mut idx = Vec::new();
        for c in cols {
            match header.iter().position(|h| h.eq_ignore_ascii_case(c)) {
                Some(i) => idx.push(i),
                None => {
                    problems.push(
                        Problem::file(file, format!("no column `{c}` in the header row: expected the columns {}", cols.join(", ")))
                            .in_sheet(name),
                    );
                    return None;
                }
            }
        }
        Some(Sheet { name, rows, idx })
    }

    /// Data rows: (1-based row number, cells by column of `cols`), blank rows left out.
    fn data(&self) -> impl Iterator<Item = (u64, Vec<&str>)> {
        self.rows
            .iter()
            .enumerate()
            .skip(1)
            .filter(|(_, r)| r.iter().any(|c| !c.is_empty()))
            .map(|(i, r)| (i as u64 + 1, self.idx.iter().map(|&c| r.get(c).map(String::as_str).unwrap_or("")).collect()))
    }
}

fn opt(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

/// Reads a registry workbook as one source of its own (the `source` sheet names it); the
/// workbook is the import's one file.
pub fn read(input: &InputFile, ctx: &Context) -> Result<RegistryImport, IngestError> {
    let (fields, entries, mut problems) = parse(input, ctx, None);
    let file = input.display.as_str();
    let cell = |sheet: &str, row: u64, col: &str, v: &str, expected: String| Problem::cell(file, row, col, v, expected).in_sheet(sheet);
    let field = |k: &str, problems: &mut Problems| -> String {
        let v = fields.get(k).cloned().unwrap_or_default();
        if v.is_empty() {
            problems
                .push(Problem::file(file, format!("the field `{k}` is empty: every registry entry needs its source")).in_sheet("source"));
        }
        v
    };
    let code = field("code", &mut problems);
    if !code.is_empty() && !code.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
        problems.push(cell("source", 2, "value", &code, "a source code in lower case with dashes, e.g. twg-sen-registry".into()));
    }
    let source = SourceInfo {
        code,
        name: field("name", &mut problems),
        publisher: field("publisher", &mut problems),
        licence: field("licence", &mut problems),
        url: fields.get("url").cloned().unwrap_or_default(),
    };
    let vintage = field("vintage", &mut problems);
    let mut imp = RegistryImport {
        source,
        vintage,
        files: vec![input.info()],
        instruments: Vec::new(),
        ratifications: Vec::new(),
        institutions: Vec::new(),
        projects: Vec::new(),
    };
    let at = |sheet: &str, row: u64| Provenance { file: 0, locator: format!("sheet {sheet} row {row}") };
    for e in entries {
        match e.item {
            WorkbookItem::Instrument(i) => imp.instruments.push(i),
            WorkbookItem::Status(r) => imp.ratifications.push(Ratification { provenance: at(e.sheet, e.row), ..r }),
            WorkbookItem::Institution(i) => imp.institutions.push(Institution { provenance: at(e.sheet, e.row), ..i }),
            WorkbookItem::Project(p) => imp.projects.push(Project { provenance: at(e.sheet, e.row), ..p }),
        }
    }
    problems.finish(imp)
}

/// Reads a registry workbook for review: the rows whose `source` column is empty or names a
/// source `own` accepts, each with its `read_at` citation (required on the `status`,
/// `institutions` and `projects` sheets: where the entry was read). The `source` sheet is
/// optional then; its fields are returned as they are.
pub fn read_entries(input: &InputFile, ctx: &Context, own: &dyn Fn(&str) -> bool) -> Result<WorkbookEntries, IngestError> {
    let (fields, entries, problems) = parse(input, ctx, Some(own));
    problems.finish(WorkbookEntries { fields: fields.into_iter().collect(), entries })
}

type Parsed = (std::collections::HashMap<String, String>, Vec<WorkbookEntry>, Problems);

/// Reads every sheet: the `source` sheet's fields, the rows that belong to the workbook's own
/// source (`review`: those `review` accepts, which must cite where they were read; otherwise
/// those of the `source` sheet's code), and every problem found.
fn parse(input: &InputFile, ctx: &Context, review: Option<&dyn Fn(&str) -> bool>) -> Parsed {
    let file = input.display.as_str();
    let mut problems = Problems::default();
    let mut fields = std::collections::HashMap::new();
    let mut entries = Vec::new();
    let mut wb = match Workbook::open(input) {
        Ok(wb) => wb,
        Err(e) => {
            e.problems.into_iter().for_each(|p| problems.push(p));
            return (fields, entries, problems);
        }
    };
    let cell = |sheet: &str, row: u64, col: &str, v: &str, expected: String| Problem::cell(file, row, col, v, expected).in_sheet(sheet);

    // The source sheet: field / value pairs (optional for review, which writes to the
    // workspace's own source).
    let has_source = wb.sheet_names().iter().any(|n| n == "source");
    if (review.is_none() || has_source)
        && let Some(s) = Sheet::read(&mut wb, "source", &["field", "value"], file, &mut problems)
    {
        for (_, r) in s.data() {
            fields.insert(r[0].to_ascii_lowercase(), r[1].to_string());
        }
    }
    let code = fields.get("code").cloned().unwrap_or_default();
    let mine = |s: &str| s.is_empty() || review.map(|own| own(s)).unwrap_or(s == code);
    // Where a reviewed row was read: required, as in the workspace's forms.
    let cited = |sheet: &str, row: u64, v: &str, problems: &mut Problems| -> String {
        if review.is_some() && v.trim().is_empty() {
            problems.push(cell(
                sheet,
                row,
                "read_at",
                "",
                "where the entry was read: the gazette, decree, treaty record, report or page, with its date".into(),
            ));
        }
        v.trim().to_string()
    };
    // The `read_at` column of a sheet, when it has one.
    let read_at_col = |s: &Sheet| s.rows.first().and_then(|h| h.iter().position(|c| c.eq_ignore_ascii_case("read_at")));
    let read_at = |s: &Sheet, row: u64, col: Option<usize>| -> String {
        col.and_then(|c| s.rows.get(row as usize - 1).and_then(|r| r.get(c))).cloned().unwrap_or_default()
    };
    let country = |sheet: &str, row: u64, v: &str, problems: &mut Problems| -> Option<AreaCode> {
        match ctx.area(&v.to_ascii_uppercase()).filter(|a| matches!(a, AreaCode::Country(_))) {
            Some(a) => Some(a),
            None => {
                problems.push(cell(sheet, row, "country", v, "an ISO 3166 alpha-3 country code such as SEN".into()));
                None
            }
        }
    };
    let themes = |sheet: &str, row: u64, v: &str, problems: &mut Problems| -> Vec<ThemeCode> {
        let mut out = Vec::new();
        for t in v.split([' ', ',', ';']).filter(|t| !t.is_empty()) {
            match ThemeCode::parse(t) {
                Ok(c) if ctx.framework.theme(&c).is_some() => out.push(c),
                _ => problems.push(cell(sheet, row, "themes", t, "profile theme codes T01 to T14, separated by spaces".into())),
            }
        }
        out
    };
    let year = |sheet: &str, row: u64, v: &str, problems: &mut Problems| -> Option<i32> {
        if v.is_empty() {
            return None;
        }
        match v.parse::<i32>() {
            Ok(y) if (1900..=2100).contains(&y) => Some(y),
            _ => {
                problems.push(cell(sheet, row, "year", v, "a year such as 2019, or empty".into()));
                None
            }
        }
    };

    let at = |_: &str, _: u64| Provenance { file: 0, locator: String::new() };
    let entry = |sheet: &'static str, row: u64, source: &str, read_at: String, item: WorkbookItem| WorkbookEntry {
        sheet,
        row,
        source: source.to_string(),
        read_at,
        item,
    };

    if let Some(s) = Sheet::read(&mut wb, "instruments", INSTRUMENTS, file, &mut problems) {
        for (row, r) in s.data() {
            if !mine(r[11]) {
                continue;
            }
            let code = InstrumentCode::parse(r[0]).map_err(|e| problems.push(cell(s.name, row, "code", r[0], e.expected.into()))).ok();
            let kind = InstrumentKind::parse(r[1])
                .map_err(|e| problems.push(cell(s.name, row, "kind", r[1], format!("one of {}", e.expected))))
                .ok();
            if r[3].is_empty() {
                problems.push(cell(s.name, row, "title_en", "", "the title in English".into()));
            }
            let title = I18nText::new(r[3], if r[4].is_empty() { r[3] } else { r[4] }, if r[5].is_empty() { r[3] } else { r[5] });
            let y = year(s.name, row, r[6], &mut problems);
            let area = if r[7].is_empty() { None } else { country(s.name, row, r[7], &mut problems) };
            let th = themes(s.name, row, r[10], &mut problems);
            if let (Some(code), Some(kind)) = (code, kind) {
                let item = WorkbookItem::Instrument(Instrument {
                    code,
                    kind,
                    short: r[2].to_string(),
                    title,
                    year: y,
                    area,
                    citation: opt(r[8]),
                    link: opt(r[9]),
                    themes: th,
                });
                entries.push(entry(s.name, row, r[11], String::new(), item));
            }
        }
    }
    if let Some(s) = Sheet::read(&mut wb, "status", STATUS, file, &mut problems) {
        let ra = read_at_col(&s);
        for (row, r) in s.data() {
            if !mine(r[6]) {
                continue;
            }
            let cite = cited(s.name, row, &read_at(&s, row, ra), &mut problems);
            let inst =
                InstrumentCode::parse(r[0]).map_err(|e| problems.push(cell(s.name, row, "instrument", r[0], e.expected.into()))).ok();
            let area = country(s.name, row, r[1], &mut problems);
            let status = InstrumentStatus::parse(r[2])
                .map_err(|e| problems.push(cell(s.name, row, "status", r[2], format!("one of {}", e.expected))))
                .ok();
            let y = year(s.name, row, r[3], &mut problems);
            if let (Some(instrument), Some(area), Some(status)) = (inst, area, status) {
                let item = WorkbookItem::Status(Ratification {
                    instrument,
                    area,
                    status,
                    year: y,
                    responsible: opt(r[4]),
                    note: opt(r[5]),
                    provenance: at(s.name, row),
                });
                entries.push(entry(s.name, row, r[6], cite, item));
            }
        }
    }
    if let Some(s) = Sheet::read(&mut wb, "institutions", INSTITUTIONS, file, &mut problems) {
        let ra = read_at_col(&s);
        for (row, r) in s.data() {
            if !mine(r[9]) {
                continue;
            }
            let cite = cited(s.name, row, &read_at(&s, row, ra), &mut problems);
            let area = country(s.name, row, r[0], &mut problems);
            if r[1].is_empty() {
                problems.push(cell(s.name, row, "name", "", "the institution's name".into()));
                continue;
            }
            let th = themes(s.name, row, r[5], &mut problems);
            if let Some(area) = area {
                let item = WorkbookItem::Institution(Institution {
                    area,
                    name: r[1].to_string(),
                    acronym: opt(r[2]),
                    mandate: opt(r[3]),
                    parent: opt(r[4]),
                    themes: th,
                    contact: opt(r[6]),
                    data_held: opt(r[7]),
                    organisation: opt(r[8]),
                    provenance: at(s.name, row),
                });
                entries.push(entry(s.name, row, r[9], cite, item));
            }
        }
    }
    // Workbooks written before the projects sheet existed have none: nothing to read then.
    let has_projects = wb.sheet_names().iter().any(|n| n == "projects");
    if let Some(s) = has_projects.then(|| Sheet::read(&mut wb, "projects", PROJECTS, file, &mut problems)).flatten() {
        let list = |v: &str| v.split(';').map(str::trim).filter(|x| !x.is_empty()).map(str::to_string).collect::<Vec<_>>();
        let ra = read_at_col(&s);
        for (row, r) in s.data() {
            if !mine(r[14]) {
                continue;
            }
            let cite = cited(s.name, row, &read_at(&s, row, ra), &mut problems);
            if r[0].is_empty() {
                problems.push(cell(s.name, row, "identifier", "", "the project's identifier (its IATI identifier when it has one)".into()));
                continue;
            }
            if r[1].is_empty() {
                problems.push(cell(s.name, row, "title", "", "the project's title".into()));
            }
            if r[2].is_empty() {
                problems.push(cell(s.name, row, "reporting_org", "", "the organisation reporting the project".into()));
            }
            let countries: Vec<AreaCode> = r[5].split_whitespace().filter_map(|c| country(s.name, row, c, &mut problems)).collect();
            if r[5].trim().is_empty() {
                problems.push(cell(
                    s.name,
                    row,
                    "countries",
                    "",
                    "the countries of the project, ISO alpha-3 codes separated by spaces".into(),
                ));
            }
            let th = themes(s.name, row, r[6], &mut problems);
            let mut date = |col: &str, v: &str| -> Option<Date> {
                if v.is_empty() {
                    return None;
                }
                Date::parse(v).map_err(|e| problems.push(cell(s.name, row, col, v, e.expected.into()))).ok()
            };
            let (start, end) = (date("start", r[8]), date("end", r[9]));
            let status = if r[10].is_empty() {
                None
            } else {
                ProjectStatus::parse(r[10])
                    .map_err(|e| problems.push(cell(s.name, row, "status", r[10], format!("one of {}", e.expected))))
                    .ok()
            };
            let budget = match (r[11], r[12]) {
                ("", "") => None,
                (v, c) => {
                    let value = v.parse::<f64>().ok().filter(|x| x.is_finite() && *x >= 0.0);
                    if value.is_none() {
                        problems.push(cell(s.name, row, "budget", v, "an amount such as 1500000, with its currency".into()));
                    }
                    let cur = Currency::parse(c).map_err(|e| problems.push(cell(s.name, row, "currency", c, e.expected.into()))).ok();
                    value.zip(cur).map(|(value, currency)| Money { value, currency })
                }
            };
            let item = WorkbookItem::Project(Project {
                identifier: r[0].to_string(),
                title: r[1].to_string(),
                reporting_org: r[2].to_string(),
                implementing: list(r[3]),
                donors: list(r[4]),
                countries,
                themes: th,
                sectors: list(r[7]),
                start,
                end,
                status,
                budget,
                results: opt(r[13]),
                provenance: at(s.name, row),
            });
            entries.push(entry(s.name, row, r[14], cite, item));
        }
    }
    (fields, entries, problems)
}
