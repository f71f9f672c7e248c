//! The layout of the XLSX submission template, shared by its writer (`mp-export`) and its
//! reader (`mp-ingest`) so that the two cannot drift apart.
//!
//! A template holds a very hidden sheet ([`META_SHEET`]) describing itself: one key/value row
//! per [`MetaKey`] (the dataset fields record the cell where the ministry types them, as
//! `B6`), then one [`SheetLayout`] row per indicator sheet naming the indicator, where its
//! table starts and, per column, its role and header text.

/// The version of the template layout; the reader refuses templates it does not know.
pub const TEMPLATE_VERSION: &str = "1";
/// The name of the very hidden sheet describing the template.
pub const META_SHEET: &str = "_mprofile";
/// The name of the hidden sheet holding the drop-down values.
pub const LISTS_SHEET: &str = "lists";
/// Rows of each indicator table that get drop-down lists and formats.
pub const DATA_ROWS: u32 = 1000;
/// The 0-based row of the table header on indicator sheets (the header block is above it).
pub const HEADER_ROW: u32 = 10;
/// The first cell of a sheet row in [`META_SHEET`] (the others are key/value rows).
pub const SHEET_ROW: &str = "sheet";
/// The column role of the period.
pub const ROLE_PERIOD: &str = "PERIOD";
/// The column role of the value.
pub const ROLE_VALUE: &str = "OBS_VALUE";
/// The column role of the status.
pub const ROLE_STATUS: &str = "OBS_STATUS";
/// The column role of the footnote.
pub const ROLE_FOOTNOTE: &str = "FOOTNOTE";
/// The drop-down list of partner areas (lists of codelists are named by the codelist id).
pub const AREA_LIST: &str = "@AREA";

/// A key/value row of [`META_SHEET`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MetaKey {
    /// [`TEMPLATE_VERSION`].
    TemplateVersion,
    /// The country's ISO alpha-3 code.
    Country,
    /// The language of the texts.
    Language,
    /// The framework version the template was made with.
    FrameworkVersion,
    /// The theme, empty for all.
    Theme,
    /// The sheet holding the dataset fields.
    DatasetSheet,
    /// The cell of the source name.
    SourceName,
    /// The cell of the publisher.
    Publisher,
    /// The cell of the licence.
    Licence,
    /// The cell of the vintage.
    Vintage,
    /// The cell of the optional short code of the source.
    ShortCode,
}

impl MetaKey {
    /// The dataset fields, in the order they are written on the instructions sheet.
    pub const DATASET_FIELDS: [MetaKey; 5] =
        [MetaKey::SourceName, MetaKey::Publisher, MetaKey::Licence, MetaKey::Vintage, MetaKey::ShortCode];

    /// The key as written in the first column.
    pub fn key(self) -> &'static str {
        match self {
            MetaKey::TemplateVersion => "template_version",
            MetaKey::Country => "country",
            MetaKey::Language => "language",
            MetaKey::FrameworkVersion => "framework_version",
            MetaKey::Theme => "theme",
            MetaKey::DatasetSheet => "dataset_sheet",
            MetaKey::SourceName => "source_name",
            MetaKey::Publisher => "publisher",
            MetaKey::Licence => "licence",
            MetaKey::Vintage => "vintage",
            MetaKey::ShortCode => "short_code",
        }
    }
}

/// What [`META_SHEET`] says about one indicator sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetLayout {
    /// The sheet's name.
    pub name: String,
    /// The indicator code, as written (the reader checks it against the framework).
    pub indicator: String,
    /// The 0-based row of the table header.
    pub header_row: u32,
    /// The 0-based first data row.
    pub first_row: u32,
    /// (role, header text) per column: a `ROLE_*` or a dimension id.
    pub columns: Vec<(String, String)>,
}

impl SheetLayout {
    /// The cells of its row in [`META_SHEET`] (row numbers 1-based, as a person reads them).
    pub fn to_row(&self) -> Vec<String> {
        let mut m = vec![
            SHEET_ROW.to_string(),
            self.name.clone(),
            self.indicator.clone(),
            (self.header_row + 1).to_string(),
            (self.first_row + 1).to_string(),
        ];
        for (role, label) in &self.columns {
            m.push(role.clone());
            m.push(label.clone());
        }
        m
    }

    /// Reads a row written by [`SheetLayout::to_row`] (its first cell being [`SHEET_ROW`]);
    /// `None` when the row numbers are not numbers.
    pub fn from_row(cells: &[String]) -> Option<SheetLayout> {
        let get = |i: usize| cells.get(i).cloned().unwrap_or_default();
        let (h, f) = (get(3).parse::<u32>().ok()?, get(4).parse::<u32>().ok()?);
        let columns = cells[5.min(cells.len())..]
            .chunks(2)
            .filter(|c| c.len() == 2 && !c[0].is_empty())
            .map(|c| (c[0].clone(), c[1].clone()))
            .collect();
        Some(SheetLayout { name: get(1), indicator: get(2), header_row: h.saturating_sub(1), first_row: f.saturating_sub(1), columns })
    }
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

/// `B6` → (5, 1): a cell reference as 0-based (row, column).
pub fn parse_a1(s: &str) -> Option<(u32, u32)> {
    let s = s.trim();
    let letters: String = s.chars().take_while(|c| c.is_ascii_uppercase()).collect();
    let digits = &s[letters.len()..];
    if letters.is_empty() || digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let mut col: u32 = 0;
    for c in letters.chars() {
        col = col.checked_mul(26)?.checked_add(c as u32 - 'A' as u32 + 1)?;
    }
    let row: u32 = digits.parse().ok()?;
    (row >= 1 && col >= 1).then(|| (row - 1, col - 1))
}

/// `B6` for a 0-based row and column.
pub fn a1(row: u32, col: u32) -> String {
    format!("{}{}", column_letters(col), row + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_references_round_trip() {
        assert_eq!(parse_a1("B6"), Some((5, 1)));
        assert_eq!(parse_a1("AA10"), Some((9, 26)));
        assert_eq!(parse_a1("6B"), None);
        assert_eq!(parse_a1("A0"), None);
        for (r, c) in [(0, 0), (5, 1), (9, 26), (999, 701), (12, 702)] {
            assert_eq!(parse_a1(&a1(r, c)), Some((r, c)), "{}", a1(r, c));
        }
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(27), "AB");
    }

    #[test]
    fn sheet_rows_round_trip() {
        let s = SheetLayout {
            name: "IMM.STOCK".into(),
            indicator: "IMM.STOCK".into(),
            header_row: HEADER_ROW,
            first_row: HEADER_ROW + 1,
            columns: vec![
                (ROLE_PERIOD.into(), "Période".into()),
                ("SEX".into(), "Sexe (SEX)".into()),
                (ROLE_VALUE.into(), "Valeur".into()),
            ],
        };
        assert_eq!(SheetLayout::from_row(&s.to_row()), Some(s.clone()));
        let mut bad = s.to_row();
        bad[3] = "x".into();
        assert_eq!(SheetLayout::from_row(&bad), None);
    }
}
