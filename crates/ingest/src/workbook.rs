//! XLSX workbooks read with calamine, with cell locators a reader can look up (`Table 1!C45`).

use crate::error::{IngestError, Problem};
use crate::files::InputFile;
use calamine::{Data, Range, Reader, Xlsx};
use std::io::Cursor;

/// An opened workbook.
pub struct Workbook {
    /// The file name used in problems.
    pub file: String,
    inner: Xlsx<Cursor<Vec<u8>>>,
}

/// The column letters of a 0-based index (0 → A, 26 → AA).
pub fn column_letters(mut col: u32) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// `Sheet!C45` for a 0-based row and column.
pub fn locator(sheet: &str, row: u32, col: u32) -> String {
    format!("{sheet}!{}{}", column_letters(col), row + 1)
}

/// A cell as trimmed text (numbers without a spurious `.0`), empty for blanks and errors.
pub fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => format!("{f}"),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        other => other.to_string().trim().to_string(),
    }
}

/// A cell as a number: numeric cells directly, text cells parsed; `None` for blanks and the
/// `..` / `-` placeholders statistical workbooks use for "no data".
pub fn cell_number(d: &Data) -> Result<Option<f64>, String> {
    match d {
        Data::Empty => Ok(None),
        Data::Float(f) => Ok(Some(*f)),
        Data::Int(i) => Ok(Some(*i as f64)),
        Data::String(s) => {
            let t = s.trim();
            if t.is_empty() || t == ".." || t == "-" || t == "…" || t.eq_ignore_ascii_case("n/a") {
                Ok(None)
            } else {
                t.parse::<mp_domain::ObsValue>().map(|v| Some(v.get())).map_err(|e| e.to_string())
            }
        }
        other => Err(format!("`{other}` is not a number")),
    }
}

impl Workbook {
    /// Opens a workbook from a file read into memory; a truncated or non-XLSX file is one clear problem.
    pub fn open(file: &InputFile) -> Result<Workbook, IngestError> {
        let inner = Xlsx::new(Cursor::new(file.bytes.clone())).map_err(|e| {
            IngestError::one(Problem::file(
                &file.display,
                format!("not a readable XLSX workbook ({e}): expected an .xlsx file saved by Excel or LibreOffice; is it truncated?"),
            ))
        })?;
        Ok(Workbook { file: file.display.clone(), inner })
    }

    /// The sheet names in order.
    pub fn sheet_names(&self) -> Vec<String> {
        self.inner.sheet_names().to_vec()
    }

    /// A sheet's cells; a missing or unreadable sheet is a problem naming the sheets found.
    pub fn sheet(&mut self, name: &str) -> Result<Range<Data>, IngestError> {
        let names = self.sheet_names();
        if !names.iter().any(|n| n == name) {
            return Err(IngestError::one(Problem::file(
                &self.file,
                format!("no sheet named `{name}`: expected it among the sheets {}", names.join(", ")),
            )));
        }
        self.inner
            .worksheet_range(name)
            .map_err(|e| IngestError::one(Problem::file(&self.file, format!("cannot read sheet `{name}` ({e})")).in_sheet(name)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
        assert_eq!(locator("Table 1", 44, 2), "Table 1!C45");
    }

    #[test]
    fn truncated_workbook_is_refused() {
        let f = InputFile::from_bytes("x.xlsx", b"PK\x03\x04 not really".to_vec());
        let e = Workbook::open(&f).err().unwrap().to_string();
        assert!(e.contains("x.xlsx") && e.contains("not a readable XLSX"), "{e}");
    }
}
