//! Delimited text tables with a header row, read whole, with typed cell access that records
//! problems instead of stopping at the first one.

use crate::error::{IngestError, Problem, Problems};
use crate::files::InputFile;
use crate::limits::{Limits, megabytes};
use mp_domain::{ObsValue, Period};

/// A delimited table: header plus records, each with its 1-based line number.
///
/// The cells of every record are kept one after another in one string, with their end
/// offsets, instead of one allocated record per row: a file of 170,000 rows then costs two
/// growing buffers rather than hundreds of thousands of allocations.
pub struct Table {
    /// The file name used in problems.
    pub file: String,
    /// Column names, trimmed.
    pub headers: Vec<String>,
    /// Every cell's text, untrimmed, record after record.
    cells: String,
    /// The end offset in `cells` of every cell; record `i` owns `ends[i * width..(i + 1) * width]`.
    ends: Vec<usize>,
    /// The 1-based line of every record.
    lines: Vec<u64>,
    /// Cells per record (the header's; a record of another length is refused).
    width: usize,
}

/// Line numbers from byte offsets. The csv reader's own line count lags one line behind in a
/// file with Windows line endings (it stops a record at `\r` and counts the `\n` with the next
/// one), so a locator would point at the line above the record.
struct LineCounter<'a> {
    text: &'a [u8],
    counted: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a [u8]) -> Self {
        LineCounter { text, counted: 0, line: 1 }
    }

    /// The 1-based line on which the record starting at `byte` (or at the line break just
    /// before it) begins; offsets must come in increasing order.
    fn line_at(&mut self, byte: u64) -> u64 {
        let mut start = usize::try_from(byte).unwrap_or(usize::MAX).min(self.text.len());
        while start < self.text.len() && matches!(self.text[start], b'\r' | b'\n') {
            start += 1;
        }
        if start >= self.counted {
            self.line += self.text[self.counted..start].iter().filter(|b| **b == b'\n').count() as u64;
            self.counted = start;
        }
        self.line
    }
}

impl Table {
    /// Parses the whole file within the upload limits; any malformed line (wrong number of
    /// fields, bad quoting) is a problem naming its line.
    pub fn parse(file: &InputFile, delimiter: u8) -> Result<Table, IngestError> {
        Table::parse_with(file, delimiter, &Limits::default())
    }

    /// Parses the whole file within `limits` (file size, rows, columns, cell length). A quoted
    /// cell that runs over lines holding what look like rows is refused: it is the mark of a
    /// quote left open, which would silently swallow the rows after it.
    pub fn parse_with(file: &InputFile, delimiter: u8, limits: &Limits) -> Result<Table, IngestError> {
        if file.bytes.len() as u64 > limits.max_file_bytes {
            return Err(IngestError::one(Problem::file(
                &file.display,
                format!("the file is {}: expected at most {}", megabytes(file.bytes.len() as u64), megabytes(limits.max_file_bytes)),
            )));
        }
        let text = file.text()?;
        let mut rdr = csv::ReaderBuilder::new().delimiter(delimiter).has_headers(true).flexible(false).from_reader(text.as_bytes());
        let headers: Vec<String> = match rdr.headers() {
            Ok(h) => h.iter().map(|s| s.trim().to_string()).collect(),
            Err(e) => return Err(IngestError::one(Problem::file(&file.display, format!("cannot read the header row ({e})")))),
        };
        if headers.iter().all(|h| h.is_empty()) {
            return Err(IngestError::one(Problem::file(&file.display, "the file is empty: expected a header row and data rows")));
        }
        if headers.len() as u64 > limits.max_columns {
            return Err(IngestError::one(Problem::file(
                &file.display,
                format!("the header has {} columns: expected at most {}", headers.len(), limits.max_columns),
            )));
        }
        let mut problems = Problems::default();
        let width = headers.len();
        let mut cells = String::with_capacity(text.len());
        let mut ends: Vec<usize> = Vec::new();
        let mut line_of: Vec<u64> = Vec::new();
        // A line inside one cell with this many delimiters is a swallowed row, not prose.
        let row_like = (headers.len() / 2).max(2);
        let mut lines = LineCounter::new(text.as_bytes());
        let mut rec = csv::ByteRecord::new();
        loop {
            match rdr.read_byte_record(&mut rec) {
                Ok(false) => break,
                Ok(true) => {
                    let line = rec.position().map(|p| lines.line_at(p.byte())).unwrap_or(0);
                    if line_of.len() as u64 >= limits.max_rows {
                        let mut p = Problem::file(
                            &file.display,
                            format!("more than {} data rows: expected a smaller file; split it", limits.max_rows),
                        );
                        p.row = Some(line);
                        return Err(IngestError::one(p));
                    }
                    if rec.len() != width {
                        // The reader refuses such a row itself (not flexible); kept so that a
                        // row can never shift the cells of the rows after it.
                        let mut p =
                            Problem::file(&file.display, format!("the row has {} fields: expected {width}, like the header", rec.len()));
                        p.row = Some(line);
                        problems.push(p);
                        continue;
                    }
                    for (i, cell) in rec.iter().enumerate() {
                        // The text was checked as UTF-8 and cells are cut at ASCII delimiters
                        // and quotes, so every cell is UTF-8 too.
                        let cell = std::str::from_utf8(cell).unwrap_or_default();
                        cells.push_str(cell);
                        ends.push(cells.len());
                        let cell_problem = |msg: String| {
                            let mut p = Problem::file(&file.display, msg);
                            p.row = Some(line);
                            p.column = Some(headers.get(i).cloned().unwrap_or_else(|| format!("#{}", i + 1)));
                            p.value = Some(cell.chars().take(60).collect());
                            p
                        };
                        if cell.len() > limits.max_field_chars && cell.chars().count() > limits.max_field_chars {
                            problems.push(cell_problem(format!(
                                "the cell holds {} characters: expected at most {} (is a quote left open?)",
                                cell.chars().count(),
                                limits.max_field_chars
                            )));
                            continue;
                        }
                        if cell.contains('\n') {
                            let swallowed =
                                cell.lines().skip(1).filter(|l| l.bytes().filter(|&b| b == delimiter).count() >= row_like).count();
                            if swallowed > 0 {
                                problems.push(cell_problem(format!(
                                    "the cell opens a quote that runs over {} more line(s), {swallowed} of them looking like rows: expected a closing quote on the same line (an unclosed quote swallows the rows after it)",
                                    cell.lines().count() - 1
                                )));
                            }
                        }
                    }
                    line_of.push(line);
                }
                Err(e) => {
                    let line = e.position().map(|p| lines.line_at(p.byte()));
                    let msg = match e.kind() {
                        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
                            format!("the row has {len} fields: expected {expected_len}, like the header")
                        }
                        _ => format!("cannot read the row ({e})"),
                    };
                    let mut p = Problem::file(&file.display, msg);
                    p.row = line;
                    problems.push(p);
                    if problems.len() > crate::error::MAX_PROBLEMS {
                        break;
                    }
                }
            }
        }
        problems.finish(Table { file: file.display.clone(), headers, cells, ends, lines: line_of, width })
    }

    /// The indexes of the named columns, or one problem listing every missing column.
    pub fn columns(&self, names: &[&str]) -> Result<Vec<usize>, IngestError> {
        let mut idx = Vec::new();
        let mut missing = Vec::new();
        for n in names {
            match self.headers.iter().position(|h| h.eq_ignore_ascii_case(n)) {
                Some(i) => idx.push(i),
                None => missing.push(*n),
            }
        }
        if missing.is_empty() {
            Ok(idx)
        } else {
            Err(IngestError::one(Problem::file(
                &self.file,
                format!(
                    "missing column{} {}: expected the columns {} (found {})",
                    if missing.len() > 1 { "s" } else { "" },
                    missing.join(", "),
                    names.join(", "),
                    self.headers.join(", ")
                ),
            )))
        }
    }

    /// The index of an optional column.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.headers.iter().position(|h| h.eq_ignore_ascii_case(name))
    }

    /// The data rows.
    pub fn rows(&self) -> impl Iterator<Item = Row<'_>> {
        self.lines.iter().enumerate().map(move |(i, line)| Row { table: self, line: *line, first: i * self.width })
    }

    /// Number of data rows.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// Whether there are no data rows.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }
}

/// One data row.
#[derive(Clone, Copy)]
pub struct Row<'t> {
    table: &'t Table,
    /// 1-based line number in the file.
    pub line: u64,
    /// The index in the table's `ends` of this row's first cell.
    first: usize,
}

impl<'t> Row<'t> {
    /// The trimmed text of a cell.
    pub fn get(&self, col: usize) -> &'t str {
        let t = self.table;
        if col >= t.width {
            return "";
        }
        let i = self.first + col;
        let start = if i == 0 { 0 } else { t.ends[i - 1] };
        t.cells.get(start..t.ends[i]).unwrap_or("").trim()
    }

    /// `row N`, for provenance.
    pub fn locator(&self) -> String {
        format!("row {}", self.line)
    }

    /// A problem in a cell of this row.
    pub fn problem(&self, col: usize, expected: impl Into<String>) -> Problem {
        let name = self.table.headers.get(col).cloned().unwrap_or_else(|| format!("#{}", col + 1));
        Problem::cell(&self.table.file, self.line, &name, self.get(col), expected)
    }

    /// A number scaled by 10^`scale` (e.g. 3 for thousands); an empty cell is `Ok(None)`;
    /// `NA` too, since R exports write it for missing values.
    pub fn value(&self, col: usize, scale: i32, problems: &mut Problems) -> Option<Option<f64>> {
        let s = self.get(col);
        if s.is_empty() || s == "NA" || s == ".." {
            return Some(None);
        }
        match ObsValue::parse_scaled(s, scale) {
            Ok(v) => Some(Some(v.get())),
            Err(e) => {
                problems.push(self.problem(col, e.to_string()));
                None
            }
        }
    }

    /// A period.
    pub fn period(&self, col: usize, problems: &mut Problems) -> Option<Period> {
        match Period::parse(self.get(col)) {
            Ok(p) => Some(p),
            Err(e) => {
                problems.push(self.problem(col, e.to_string()));
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(s: &str) -> Result<Table, IngestError> {
        Table::parse(&InputFile::from_bytes("t.csv", s.as_bytes().to_vec()), b',')
    }

    #[test]
    fn ragged_rows_and_missing_columns_are_named() {
        let e = table("a,b\n1,2\n3\n4,5\n").err().unwrap().to_string();
        assert!(e.contains("t.csv, row 3") && e.contains("expected 2"), "{e}");
        let t = table("geo,t\nSEN,2020\n").unwrap();
        let e = t.columns(&["geo", "t", "n"]).unwrap_err().to_string();
        assert!(e.contains("missing column n") && e.contains("found geo, t"), "{e}");
    }

    #[test]
    fn limits_are_named() {
        let small = Limits { max_rows: 2, max_field_chars: 10, max_columns: 3, max_file_bytes: 100, ..Limits::default() };
        let parse = |s: &str| Table::parse_with(&InputFile::from_bytes("t.csv", s.as_bytes().to_vec()), b',', &small);
        let e = parse("a,b\n1,2\n3,4\n5,6\n").err().unwrap().to_string();
        assert!(e.contains("t.csv, row 4: more than 2 data rows"), "{e}");
        let e = parse("a,b\n1,abcdefghijkl\n").err().unwrap().to_string();
        assert!(e.contains("t.csv, row 2, column b") && e.contains("12 characters: expected at most 10"), "{e}");
        let e = parse("a,b,c,d\n").err().unwrap().to_string();
        assert!(e.contains("4 columns: expected at most 3"), "{e}");
        let e = parse(&"a\n".repeat(60)).err().unwrap().to_string();
        assert!(e.contains("the file is 0.0 MB: expected at most 0.0 MB"), "{e}");
    }

    #[test]
    fn an_unclosed_quote_is_refused_with_its_row_and_column() {
        let e = table("a,b,c,note\n1,2,3,\"open\n4,5,6,x\n7,8,9,y\n10,11,12,\"\n").err().unwrap().to_string();
        assert!(e.contains("t.csv, row 2, column note") && e.contains("unclosed quote"), "{e}");
        // Prose over several lines is not a swallowed row.
        let t = table("a,b,c,note\n1,2,3,\"first line\nsecond line, with a comma\"\n").unwrap();
        assert_eq!(t.len(), 1);
    }

    #[test]
    fn line_numbers_are_the_same_with_windows_line_endings() {
        let lf = "a,b\n1,2\n3,4\n\n5,6\n";
        for text in [lf.to_string(), lf.replace('\n', "\r\n")] {
            let t = table(&text).unwrap();
            let lines: Vec<u64> = t.rows().map(|r| r.line).collect();
            assert_eq!(lines, [2, 3, 5], "{text:?}");
            assert_eq!(t.rows().next().unwrap().locator(), "row 2");
        }
        let e = table("a,b\r\n1,2\r\n3\r\n").err().unwrap().to_string();
        assert!(e.contains("t.csv, row 3"), "{e}");
    }

    #[test]
    fn cells_parse_or_record_a_problem() {
        let t = table("n,t\n16.425,2022\nx,20x\n,2020\n").unwrap();
        let mut p = Problems::default();
        let rows: Vec<Row> = t.rows().collect();
        assert_eq!(rows[0].value(0, 3, &mut p), Some(Some(16425.0)));
        assert_eq!(rows[0].period(1, &mut p), Some(Period::Year(2022)));
        assert_eq!(rows[1].value(0, 0, &mut p), None);
        assert_eq!(rows[1].period(1, &mut p), None);
        assert_eq!(rows[2].value(0, 0, &mut p), Some(None));
        assert_eq!(p.len(), 2);
        let e = p.into_error().to_string();
        assert!(e.contains("t.csv, row 3, column n: `x`"), "{e}");
    }
}
