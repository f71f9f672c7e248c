//! Reading columns back into domain values, with errors that name the table, row and column.

use crate::error::StoreError;
use sqlx::any::AnyRow;
use sqlx::{Any, Decode, Row, Type};
use std::fmt::Display;

/// One row being read, so that every failure can say where it was.
pub(crate) struct RowReader<'r> {
    row: &'r AnyRow,
    table: &'static str,
    id: String,
}

impl<'r> RowReader<'r> {
    pub(crate) fn new(row: &'r AnyRow, table: &'static str, id: impl Display) -> Self {
        RowReader { row, table, id: id.to_string() }
    }

    fn bad(&self, column: &'static str, problem: impl Display) -> StoreError {
        StoreError::BadRow { table: self.table, id: self.id.clone(), column, problem: problem.to_string() }
    }

    /// A column as a plain value (text, integer, float, or an `Option` of one).
    pub(crate) fn get<T>(&self, column: &'static str) -> Result<T, StoreError>
    where
        T: for<'a> Decode<'a, Any> + Type<Any>,
    {
        self.row.try_get::<T, _>(column).map_err(|e| self.bad(column, e))
    }

    /// A text column parsed into a domain value.
    pub(crate) fn parse<T, E: Display>(&self, column: &'static str, f: impl FnOnce(&str) -> Result<T, E>) -> Result<T, StoreError> {
        let s: String = self.get(column)?;
        f(&s).map_err(|e| self.bad(column, e))
    }

    /// A nullable text column parsed into a domain value.
    pub(crate) fn parse_opt<T, E: Display>(
        &self,
        column: &'static str,
        f: impl FnOnce(&str) -> Result<T, E>,
    ) -> Result<Option<T>, StoreError> {
        match self.get::<Option<String>>(column)? {
            Some(s) => f(&s).map(Some).map_err(|e| self.bad(column, e)),
            None => Ok(None),
        }
    }

    /// An integer column that must fit in a narrower type.
    pub(crate) fn int<T: TryFrom<i64>>(&self, column: &'static str) -> Result<T, StoreError> {
        let v: i64 = self.get(column)?;
        T::try_from(v).map_err(|_| self.bad(column, format!("{v} is out of range")))
    }

    /// A nullable integer column that must fit in a narrower type.
    pub(crate) fn int_opt<T: TryFrom<i64>>(&self, column: &'static str) -> Result<Option<T>, StoreError> {
        match self.get::<Option<i64>>(column)? {
            Some(v) => T::try_from(v).map(Some).map_err(|_| self.bad(column, format!("{v} is out of range"))),
            None => Ok(None),
        }
    }
}

/// The current UTC time as `YYYY-MM-DDTHH:MM:SSZ`; stored as text because `Any` has no date type.
pub(crate) fn now_utc() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    let (days, rem) = ((secs / 86_400) as i64, secs % 86_400);
    // Civil date from days since 1970-01-01 (H. Hinnant's algorithm), to avoid a date crate.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", rem / 3600, rem % 3600 / 60, rem % 60)
}

#[cfg(test)]
mod tests {
    #[test]
    fn timestamp_shape() {
        let t = super::now_utc();
        assert_eq!(t.len(), 20, "{t}");
        assert!(t.starts_with("20") && t.ends_with('Z') && &t[10..11] == "T", "{t}");
    }
}
