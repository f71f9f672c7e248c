//! Problems found while reading input, each naming the file, sheet, row, column, value and
//! what was expected.

use std::fmt;

/// One problem in an input file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    /// The file as the user named it.
    pub file: String,
    /// The sheet, for workbooks.
    pub sheet: Option<String>,
    /// The 1-based row (the header is row 1 in CSV files).
    pub row: Option<u64>,
    /// The column name (or letter, in workbooks).
    pub column: Option<String>,
    /// The offending value.
    pub value: Option<String>,
    /// What was expected.
    pub expected: String,
}

impl Problem {
    /// A problem with the file as a whole.
    pub fn file(file: &str, expected: impl Into<String>) -> Self {
        Problem { file: file.to_string(), sheet: None, row: None, column: None, value: None, expected: expected.into() }
    }
    /// A problem in one cell.
    pub fn cell(file: &str, row: u64, column: &str, value: &str, expected: impl Into<String>) -> Self {
        Problem {
            file: file.to_string(),
            sheet: None,
            row: Some(row),
            column: Some(column.to_string()),
            value: Some(value.to_string()),
            expected: expected.into(),
        }
    }
    /// Sets the sheet.
    pub fn in_sheet(mut self, sheet: &str) -> Self {
        self.sheet = Some(sheet.to_string());
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(s) = &self.sheet {
            write!(f, ", sheet {s}")?;
        }
        if let Some(r) = self.row {
            write!(f, ", row {r}")?;
        }
        if let Some(c) = &self.column {
            write!(f, ", column {c}")?;
        }
        if let Some(v) = &self.value {
            let shown: String = v.chars().take(60).collect();
            write!(f, ": `{shown}`{}", if v.chars().count() > 60 { "…" } else { "" })?;
        }
        write!(f, ": {}", self.expected)
    }
}

/// Reading input failed; holds every problem found (up to a cap, with the number left out).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IngestError {
    /// The problems, in file order.
    pub problems: Vec<Problem>,
    /// Problems not listed because of the cap.
    pub more: usize,
}

/// How many problems are listed before the rest are only counted.
pub const MAX_PROBLEMS: usize = 200;

impl IngestError {
    /// One problem.
    pub fn one(p: Problem) -> Self {
        IngestError { problems: vec![p], more: 0 }
    }
    /// Gathers problems, keeping the first [`MAX_PROBLEMS`].
    pub fn many(mut problems: Vec<Problem>) -> Self {
        let more = problems.len().saturating_sub(MAX_PROBLEMS);
        problems.truncate(MAX_PROBLEMS);
        IngestError { problems, more }
    }
    /// Merges another error into this one.
    pub fn merge(&mut self, other: IngestError) {
        self.more += other.more;
        self.problems.extend(other.problems);
        if self.problems.len() > MAX_PROBLEMS {
            self.more += self.problems.len() - MAX_PROBLEMS;
            self.problems.truncate(MAX_PROBLEMS);
        }
    }
}

impl fmt::Display for IngestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.problems.len() + self.more;
        writeln!(f, "{n} problem{} found; nothing was imported:", if n == 1 { "" } else { "s" })?;
        for p in &self.problems {
            writeln!(f, "  {p}")?;
        }
        if self.more > 0 {
            writeln!(f, "  … and {} more", self.more)?;
        }
        Ok(())
    }
}

impl std::error::Error for IngestError {}

/// Collects problems while a file is read, so all are reported together.
#[derive(Debug, Default)]
pub struct Problems(Vec<Problem>);

impl Problems {
    /// Records a problem.
    pub fn push(&mut self, p: Problem) {
        self.0.push(p);
    }
    /// Whether none were recorded.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// Number recorded.
    pub fn len(&self) -> usize {
        self.0.len()
    }
    /// `Ok(v)` when there were no problems, otherwise all of them.
    pub fn finish<T>(self, v: T) -> Result<T, IngestError> {
        if self.0.is_empty() { Ok(v) } else { Err(IngestError::many(self.0)) }
    }
    /// Turns the problems into an error (even if empty).
    pub fn into_error(self) -> IngestError {
        IngestError::many(self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_everything() {
        let p = Problem::cell("data/x.csv", 12, "n", "12a", "a whole number of persons").in_sheet("S1");
        assert_eq!(p.to_string(), "data/x.csv, sheet S1, row 12, column n: `12a`: a whole number of persons");
    }
}
