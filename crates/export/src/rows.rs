//! Plain tables of text (a header and rows) as CSV or XLSX: the registries' downloads, whose
//! entries are not observations and so have columns of their own.

use crate::ExportError;
use crate::table::spreadsheet_safe;

/// The table as CSV (UTF-8 with a byte-order mark, so spreadsheet programs read accents).
pub fn csv_of_rows(header: &[&str], rows: &[Vec<String>]) -> Result<Vec<u8>, ExportError> {
    let mut w = csv::Writer::from_writer(b"\xef\xbb\xbf".to_vec());
    w.write_record(header)?;
    for r in rows {
        w.write_record(r.iter().map(|c| spreadsheet_safe(c.clone())))?;
    }
    w.into_inner().map_err(|e| ExportError::Buffer(e.to_string()))
}

/// The table as a workbook of one sheet named `sheet`, header in bold and frozen.
pub fn xlsx_of_rows(sheet: &str, header: &[&str], rows: &[Vec<String>]) -> Result<Vec<u8>, ExportError> {
    use rust_xlsxwriter::{Format as XFormat, Workbook};
    let mut wb = Workbook::new();
    let bold = XFormat::new().set_bold();
    let ws = wb.add_worksheet();
    ws.set_name(sheet)?;
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    for (i, r) in rows.iter().enumerate() {
        let row = u32::try_from(i + 1).map_err(|_| ExportError::TooManyRows)?;
        if row >= 1_048_576 {
            return Err(ExportError::TooManyRows);
        }
        for (c, cell) in r.iter().enumerate() {
            if !cell.is_empty() {
                ws.write_string(row, c as u16, cell)?;
            }
        }
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(wb.save_to_buffer()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_keeps_rows_and_defuses_formulas() {
        let b = csv_of_rows(&["code", "title"], &[vec!["ICRMW".into(), "=1+1".into()]]).unwrap();
        let s = String::from_utf8(b[3..].to_vec()).unwrap();
        assert_eq!(s.lines().next(), Some("code,title"));
        assert!(s.lines().nth(1).is_some_and(|l| l.starts_with("ICRMW,") && !l.ends_with(",=1+1")), "{s}");
    }

    #[test]
    fn xlsx_reads_back() {
        use calamine::{Reader, Xlsx};
        let b = xlsx_of_rows("projects", &["identifier"], &[vec!["XM-1".into()]]).unwrap();
        let mut x: Xlsx<_> = Xlsx::new(std::io::Cursor::new(b)).unwrap();
        let r = x.worksheet_range("projects").unwrap();
        assert_eq!(r.get_value((1, 0)).map(|v| v.to_string()), Some("XM-1".into()));
    }
}
