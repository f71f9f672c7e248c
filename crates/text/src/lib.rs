//! Text helpers shared by the input and the output crates: folding hand-typed text for
//! matching and sorting, escaping for HTML, percent-encoding query values, and today's date.
//!
//! One copy of each, so a name sorts, matches and escapes the same way in an import, a page
//! and a download.

#![warn(missing_docs)]

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Folds hand-typed text for matching: trimmed, lower-case, without accents, typographic
/// apostrophes made straight and inner runs of spaces collapsed, so `  Côte d’Ivoire` and
/// `cote d'ivoire` match.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.trim().nfd().filter(|c| !is_combining_mark(*c)).flat_map(char::to_lowercase) {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        match c {
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            '’' | '‘' | '`' | 'ʼ' => out.push('\''),
            '–' | '—' => out.push('-'),
            c => out.push(c),
        }
    }
    out
}

/// Escapes text for HTML content and attribute values (`&`, `<`, `>`, `"` and `'`).
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Everything but the unreserved characters of RFC 3986 (`A-Z a-z 0-9 - . _ ~`).
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// Percent-encodes a query value (every byte but the unreserved characters).
pub fn query_value(s: &str) -> String {
    utf8_percent_encode(s, QUERY_VALUE).to_string()
}

/// Today's date in UTC, `YYYY-MM-DD` (the data date of a live document).
pub fn today() -> String {
    iso_date(time::OffsetDateTime::now_utc().date())
}

/// `YYYY-MM-DD` of a Unix time in seconds, in UTC; times outside the calendar's range give
/// 1970-01-01.
pub fn civil_date(secs: i64) -> String {
    let d = time::OffsetDateTime::from_unix_timestamp(secs).unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    iso_date(d.date())
}

fn iso_date(d: time::Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding() {
        assert_eq!(fold("  Côte   d’Ivoire "), "cote d'ivoire");
        assert_eq!(fold("SÃO TOMÉ – Príncipe"), "sao tome - principe");
        assert_eq!(fold("Œuvre Cœur"), "oeuvre coeur");
        assert_eq!(fold("Ñame ÿ"), "name y");
        assert_eq!(fold(""), "");
    }

    #[test]
    fn escaping() {
        assert_eq!(escape_html("a<b & \"c\"'"), "a&lt;b &amp; &quot;c&quot;&#39;");
        assert_eq!(query_value("SEX=F|AGE=Y0T14"), "SEX%3DF%7CAGE%3DY0T14");
        assert_eq!(query_value("a-b._~c é"), "a-b._~c%20%C3%A9");
    }

    #[test]
    fn civil_dates() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(951_782_400), "2000-02-29");
        assert_eq!(civil_date(1_767_225_599), "2025-12-31");
        assert_eq!(civil_date(-86_400), "1969-12-31");
        assert_eq!(today().len(), 10);
    }
}

/// The path of an imported file as it may be published: a path relative to the mirror stays as
/// it is (`undesa/ims2024.csv`), an absolute local path (`/home/ansd/exports/census.csv`,
/// `C:\\Users\\…\\census.csv`) is cut to its file name, since where an importer kept a file on
/// their machine is no reader's business (stores imported before names were cut hold such paths).
pub fn published_path(path: &str) -> &str {
    let b = path.as_bytes();
    let absolute =
        path.starts_with(['/', '\\', '~']) || (b.len() > 2 && b[0].is_ascii_alphabetic() && b[1] == b':' && matches!(b[2], b'\\' | b'/'));
    if absolute { path.rsplit(['/', '\\']).next().unwrap_or(path) } else { path }
}

#[cfg(test)]
mod published_path_tests {
    use super::published_path;

    #[test]
    fn local_directories_are_not_published() {
        assert_eq!(published_path("undesa/ims2024.csv"), "undesa/ims2024.csv");
        assert_eq!(published_path("/home/ansd/exports/census.csv"), "census.csv");
        assert_eq!(published_path("C:\\Users\\ansd\\census.xlsx"), "census.xlsx");
        assert_eq!(published_path("~/census.csv"), "census.csv");
        assert_eq!(published_path("census.csv"), "census.csv");
    }
}
