//! Writes the registry workbook (XLSX) a TWG secretariat works on offline: what the registries
//! hold, with the `source` sheet left to fill or filled in; `mp-ingest` reads it back. The
//! layout is [`mp_domain::registry_layout`].

use mp_domain::registry::Date;
use mp_domain::registry_layout::{AS_OF_FIELD, INSTITUTIONS, INSTRUMENTS, PROJECTS, SOURCE_FIELDS, STATUS};
use mp_domain::{RegistryView, SourceInfo, ThemeCode};
use rust_xlsxwriter::{Format, Workbook as XlsxWriter, XlsxError};

fn themes_text(t: &[ThemeCode]) -> String {
    t.iter().map(|t| t.as_str()).collect::<Vec<_>>().join(" ")
}

/// Writes the registry workbook with the entries of `view` (the `source` sheet left for the
/// secretariat to fill).
pub fn write(view: &RegistryView) -> Result<Vec<u8>, XlsxError> {
    write_with_source(view, None)
}

/// Writes the registry workbook with the entries of `view` and, when given, the `source` sheet
/// filled in with the source and vintage the secretariat's rows belong to (a workbook that
/// imports back as it is).
pub fn write_with_source(view: &RegistryView, source: Option<(&SourceInfo, &str)>) -> Result<Vec<u8>, XlsxError> {
    write_as_of(view, source, None)
}

/// Writes the registry workbook the TWG workspace hands out for offline work: as
/// [`write_with_source`], with the `source` sheet's `as_of` field set to the newest import
/// batch of the store, so that an upload can tell an entry someone changed after the download.
pub fn write_as_of(view: &RegistryView, source: Option<(&SourceInfo, &str)>, as_of: Option<i64>) -> Result<Vec<u8>, XlsxError> {
    let mut wb = XlsxWriter::new();
    let bold = Format::new().set_bold();
    let src = wb.add_worksheet();
    src.set_name("source")?;
    src.write_string_with_format(0, 0, "field", &bold)?;
    src.write_string_with_format(0, 1, "value", &bold)?;
    for (i, f) in SOURCE_FIELDS.iter().enumerate() {
        src.write_string(i as u32 + 1, 0, *f)?;
        if let Some((s, vintage)) = source {
            let v = match *f {
                "code" => &s.code,
                "name" => &s.name,
                "publisher" => &s.publisher,
                "licence" => &s.licence,
                "url" => &s.url,
                _ => vintage,
            };
            src.write_string(i as u32 + 1, 1, v)?;
        }
    }
    if let Some(n) = as_of {
        let row = SOURCE_FIELDS.len() as u32 + 1;
        src.write_string(row, 0, AS_OF_FIELD)?;
        src.write_string(row, 1, n.to_string())?;
    }
    src.set_column_width(1, 60)?;

    let sheet = wb.add_worksheet();
    sheet.set_name("instruments")?;
    for (c, h) in INSTRUMENTS.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    // Instruments have no source of their own in the view: the statuses that cite them do.
    for (r, i) in view.instruments.iter().enumerate() {
        let source = view.ratifications.iter().find(|s| s.entry.instrument == i.code).map(|s| s.source.clone()).unwrap_or_default();
        let row = [
            i.code.to_string(),
            i.kind.code().to_string(),
            i.short.clone(),
            i.title.en.clone(),
            i.title.fr.clone(),
            i.title.pt.clone(),
            i.year.map(|y| y.to_string()).unwrap_or_default(),
            i.area.as_ref().map(|a| a.to_string()).unwrap_or_default(),
            i.citation.clone().unwrap_or_default(),
            i.link.clone().unwrap_or_default(),
            themes_text(&i.themes),
            source,
        ];
        for (c, v) in row.iter().enumerate() {
            sheet.write_string(r as u32 + 1, c as u16, v)?;
        }
    }

    let sheet = wb.add_worksheet();
    sheet.set_name("status")?;
    for (c, h) in STATUS.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    for (r, s) in view.ratifications.iter().enumerate() {
        let e = &s.entry;
        let row = [
            e.instrument.to_string(),
            e.area.to_string(),
            e.status.code().to_string(),
            e.year.map(|y| y.to_string()).unwrap_or_default(),
            e.responsible.clone().unwrap_or_default(),
            e.note.clone().unwrap_or_default(),
            s.source.clone(),
            s.at.clone(),
        ];
        for (c, v) in row.iter().enumerate() {
            sheet.write_string(r as u32 + 1, c as u16, v)?;
        }
    }

    let sheet = wb.add_worksheet();
    sheet.set_name("institutions")?;
    for (c, h) in INSTITUTIONS.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    for (r, s) in view.institutions.iter().enumerate() {
        let e = &s.entry;
        let o = |x: &Option<String>| x.clone().unwrap_or_default();
        let row = [
            e.area.to_string(),
            e.name.clone(),
            o(&e.acronym),
            o(&e.mandate),
            o(&e.parent),
            themes_text(&e.themes),
            o(&e.contact),
            o(&e.data_held),
            o(&e.organisation),
            s.source.clone(),
            s.at.clone(),
        ];
        for (c, v) in row.iter().enumerate() {
            sheet.write_string(r as u32 + 1, c as u16, v)?;
        }
    }

    let sheet = wb.add_worksheet();
    sheet.set_name("projects")?;
    for (c, h) in PROJECTS.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    for (r, s) in view.projects.iter().enumerate() {
        let e = &s.entry;
        let d = |x: &Option<Date>| x.map(|d| d.to_string()).unwrap_or_default();
        let row = [
            e.identifier.clone(),
            e.title.clone(),
            e.reporting_org.clone(),
            e.implementing.join("; "),
            e.donors.join("; "),
            e.countries.iter().map(|a| a.as_str()).collect::<Vec<_>>().join(" "),
            themes_text(&e.themes),
            e.sectors.join("; "),
            d(&e.start),
            d(&e.end),
            e.status.map(|s| s.code().to_string()).unwrap_or_default(),
            e.budget.as_ref().map(|b| b.value.to_string()).unwrap_or_default(),
            e.budget.as_ref().map(|b| b.currency.as_str().to_string()).unwrap_or_default(),
            e.results.clone().unwrap_or_default(),
            s.source.clone(),
            s.at.clone(),
        ];
        for (c, v) in row.iter().enumerate() {
            sheet.write_string(r as u32 + 1, c as u16, v)?;
        }
    }
    wb.save_to_buffer()
}
