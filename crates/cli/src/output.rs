//! Printing listings as aligned text tables or JSON.

use serde::Serialize;

/// How listings are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum Format {
    /// An aligned text table.
    #[default]
    Table,
    /// A JSON array.
    Json,
}

/// Prints rows as an aligned table; long cells are cut with an ellipsis.
pub fn table(headers: &[&str], rows: &[Vec<String>], max_width: usize) {
    let cut = |s: &str| -> String {
        if s.chars().count() > max_width {
            let t: String = s.chars().take(max_width.saturating_sub(1)).collect();
            format!("{t}…")
        } else {
            s.to_string()
        }
    };
    let rows: Vec<Vec<String>> = rows.iter().map(|r| r.iter().map(|c| cut(c)).collect()).collect();
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for r in &rows {
        for (i, c) in r.iter().enumerate() {
            if i < widths.len() {
                widths[i] = widths[i].max(c.chars().count());
            }
        }
    }
    let line = |cells: Vec<String>| {
        let s: Vec<String> = cells.iter().enumerate().map(|(i, c)| format!("{c:<w$}", w = widths.get(i).copied().unwrap_or(0))).collect();
        println!("{}", s.join("  ").trim_end());
    };
    line(headers.iter().map(|h| h.to_string()).collect());
    line(widths.iter().map(|w| "─".repeat(*w)).collect());
    for r in rows {
        line(r);
    }
}

/// Prints a value as pretty JSON.
pub fn json<T: Serialize + ?Sized>(v: &T) -> anyhow::Result<()> {
    println!("{}", serde_json::to_string_pretty(v)?);
    Ok(())
}
