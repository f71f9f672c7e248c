//! XLSX workbooks read with calamine, with cell locators a reader can look up (`Table 1!C45`).

use crate::error::{IngestError, Problem};
use crate::files::InputFile;
use crate::limits::{Limits, megabytes};
use calamine::{Cell, Data, Range, Reader, Xlsx};
use std::io::{Cursor, Read, Write};

/// An opened workbook.
pub struct Workbook {
    /// The file name used in problems.
    pub file: String,
    inner: Xlsx<Cursor<Vec<u8>>>,
    limits: Limits,
    /// Non-empty cells read so far, all sheets.
    cells: u64,
}

/// Counts formula cells without a cached value (`<c><f>…</f></c>`, no `<v>`) in a sheet's XML
/// as it streams by: the reader would see them as empty cells and the rows would be left out
/// without a word.
#[derive(Default)]
struct FormulaScan {
    /// The bytes of a tag being matched across chunk boundaries.
    tag: Vec<u8>,
    in_tag: bool,
    /// Inside a cell that has a formula and no value yet.
    formula: bool,
    without_value: u64,
}

impl std::io::Write for FormulaScan {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        for &b in buf {
            if b == b'<' {
                self.in_tag = true;
                self.tag.clear();
                continue;
            }
            if !self.in_tag {
                continue;
            }
            // Only the first few bytes of a tag tell which it is.
            if matches!(b, b'>' | b' ' | b'/' | b'\t' | b'\n' | b'\r') && !(b == b'/' && self.tag.is_empty()) {
                match self.tag.as_slice() {
                    b"c" => self.formula = false,
                    b"f" => self.formula = true,
                    b"v" | b"is" => self.formula = false,
                    b"/c" if self.formula => {
                        self.without_value += 1;
                        self.formula = false;
                    }
                    _ => {}
                }
                self.in_tag = false;
                continue;
            }
            if self.tag.len() < 4 {
                self.tag.push(b);
            }
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Checks what the workbook's parts expand to before the XLSX reader reads any of them: the
/// reader keeps every shared string in memory and reserves room for the count the file
/// declares, so a small file declaring or holding a huge one must be refused first. Every part
/// is decompressed into a counter, never into memory.
fn check_package(file: &InputFile, limits: &Limits) -> Result<(), IngestError> {
    let refuse = |msg: String| Err(IngestError::one(Problem::file(&file.display, msg)));
    // Not a zip archive: the XLSX reader says so in its own words.
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(file.bytes.as_slice())) else {
        return Ok(());
    };
    let max = limits.max_expanded(file.bytes.len() as u64);
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let Ok(mut entry) = zip.by_index(i) else { continue };
        let name = entry.name().map(|n| n.to_string()).unwrap_or_default();
        let mut head = Vec::new();
        let room = max.saturating_sub(total);
        let mut limited = (&mut entry).take(room.saturating_add(1));
        if (&mut limited).take(4096).read_to_end(&mut head).is_err() {
            continue;
        }
        let mut scan = FormulaScan::default();
        let _ = scan.write_all(&head);
        let rest = std::io::copy(&mut limited, &mut scan).unwrap_or(0);
        total = total.saturating_add(head.len() as u64 + rest);
        if total > max {
            return refuse(format!(
                "the workbook expands to more than {} when unzipped (part {name}), over {} times its size: expected a workbook saved by Excel or LibreOffice, at most {} unzipped",
                megabytes(max),
                limits.xlsx_expansion,
                megabytes(max)
            ));
        }
        if name.starts_with("xl/worksheets/") && scan.without_value > 0 {
            return refuse(format!(
                "part {name} holds {} formula cell(s) without a computed value (the workbook was written by a program that does not calculate): expected values; open it in Excel or LibreOffice and save it again",
                scan.without_value
            ));
        }
        if name.ends_with("sharedStrings.xml") {
            let text = String::from_utf8_lossy(&head);
            for attr in ["uniqueCount=\"", "count=\""] {
                let declared = text
                    .split_once(attr)
                    .and_then(|(_, v)| v.split('"').next())
                    .and_then(|v| v.trim().parse::<u64>().ok().or(Some(u64::MAX)));
                if let Some(n) = declared
                    && n > limits.max_cells
                {
                    return refuse(format!(
                        "the workbook declares {} shared strings: expected at most {} cells with text",
                        if n == u64::MAX { "an unreadable number of".to_string() } else { n.to_string() },
                        limits.max_cells
                    ));
                }
            }
        }
    }
    Ok(())
}

/// The column letters of a 0-based index (0 → A, 26 → AA), as the submission template's
/// layout writes them.
pub use mp_domain::submission::column_letters;

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
    /// Opens a workbook from a file read into memory with the upload limits; a truncated or
    /// non-XLSX file is one clear problem.
    pub fn open(file: &InputFile) -> Result<Workbook, IngestError> {
        Workbook::open_with(file, &Limits::default())
    }

    /// Opens a workbook within `limits`: its unzipped size and declared shared strings are
    /// checked before it is read.
    pub fn open_with(file: &InputFile, limits: &Limits) -> Result<Workbook, IngestError> {
        if file.bytes.len() as u64 > limits.max_file_bytes {
            return Err(IngestError::one(Problem::file(
                &file.display,
                format!("the file is {}: expected at most {}", megabytes(file.bytes.len() as u64), megabytes(limits.max_file_bytes)),
            )));
        }
        check_package(file, limits)?;
        let inner = Xlsx::new(Cursor::new(file.bytes.clone())).map_err(|e| {
            IngestError::one(Problem::file(
                &file.display,
                format!("not a readable XLSX workbook ({e}): expected an .xlsx file saved by Excel or LibreOffice; is it truncated?"),
            ))
        })?;
        Ok(Workbook { file: file.display.clone(), inner, limits: *limits, cells: 0 })
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
        let file = self.file.clone();
        let problem = |msg: String| IngestError::one(Problem::file(&file, msg).in_sheet(name));
        let unreadable = |e: calamine::XlsxError| problem(format!("cannot read sheet `{name}` ({e})"));
        // Cells are read one by one and checked before the rectangle that holds them is
        // allocated: the reader's own range would allocate rows × columns of the farthest cell.
        let mut reader = self.inner.worksheet_cells_reader(name).map_err(unreadable)?;
        let limits = self.limits;
        let mut cells: Vec<Cell<Data>> = Vec::new();
        let (mut rows, mut cols) = ((u32::MAX, 0u32), (u32::MAX, 0u32));
        while let Some(cell) = reader.next_cell().map_err(unreadable)? {
            let (r, c) = cell.get_position();
            let value = Data::from(cell.get_value().clone());
            if value == Data::Empty {
                continue;
            }
            let at = locator(name, r, c);
            if u64::from(r) >= limits.max_rows || u64::from(c) >= limits.max_columns {
                return Err(problem(format!(
                    "cell {at} lies outside the rows and columns a sheet may use (up to row {} and column {}): expected the data near the top left; delete the stray cell",
                    limits.max_rows,
                    column_letters(limits.max_columns.saturating_sub(1) as u32)
                )));
            }
            if let Data::String(s) = &value
                && s.chars().count() > limits.max_field_chars
            {
                return Err(problem(format!(
                    "cell {at} holds {} characters: expected at most {}",
                    s.chars().count(),
                    limits.max_field_chars
                )));
            }
            self.cells += 1;
            if self.cells > limits.max_cells {
                return Err(problem(format!(
                    "the workbook has more than {} non-empty cells (at {at}): expected a smaller file",
                    limits.max_cells
                )));
            }
            rows = (rows.0.min(r), rows.1.max(r));
            cols = (cols.0.min(c), cols.1.max(c));
            let area = u64::from(rows.1 - rows.0 + 1) * u64::from(cols.1 - cols.0 + 1);
            if area > limits.max_sheet_area {
                return Err(problem(format!(
                    "cell {at} lies far from the other cells (they span {} to {}), which would take {area} cells of memory: expected at most {}; delete the stray cell",
                    locator(name, rows.0, cols.0),
                    locator(name, rows.1, cols.1),
                    limits.max_sheet_area
                )));
            }
            cells.push(Cell::new((r, c), value));
        }
        Ok(Range::from_sparse(cells))
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
    fn formula_cells_without_a_value_are_counted() {
        let mut scan = FormulaScan::default();
        let xml = br#"<row r="1"><c r="A1"><f>1+1</f></c><c r="B1"><f>2</f><v>2</v></c><c r="C1" t="shared"><f t="shared" si="0"/></c><c r="D1"><v>3</v></c><c r="E1" t="inlineStr"><is><t>x</t></is></c></row>"#;
        // Byte by byte, as chunk boundaries may fall anywhere.
        for b in xml.iter() {
            scan.write_all(&[*b]).unwrap();
        }
        assert_eq!(scan.without_value, 2);
    }

    #[test]
    fn truncated_workbook_is_refused() {
        let f = InputFile::from_bytes("x.xlsx", b"PK\x03\x04 not really".to_vec());
        let e = Workbook::open(&f).err().unwrap().to_string();
        assert!(e.contains("x.xlsx") && e.contains("not a readable XLSX"), "{e}");
    }
}
