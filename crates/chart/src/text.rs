//! Text measurement, truncation, wrapping and XML escaping.
//!
//! Layout happens here, without the font, so widths are estimated from DejaVu Sans advance
//! widths. DejaVu Sans is wider than the fonts phones fall back to (Roboto, Helvetica, Arial),
//! so an estimate that fits for DejaVu also fits for them.

use std::borrow::Cow;

/// DejaVu Sans advance widths of U+0020..=U+007E, in thousandths of an em.
const ASCII_WIDTHS: [u16; 95] = [
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, //
    636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, //
    1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787, //
    603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500, //
    500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612, //
    635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
];

/// For U+00C0..=U+00FF, the ASCII letter of the same advance width (accents do not change it
/// in DejaVu Sans); `M`, `m`, `+` and `b` stand in for Æ, æ, ×/÷ and ß.
const LATIN1_BASE: &[u8; 64] = b"AAAAAAMCEEEEIIIIDNOOOOO+OUUUUYPbaaaaaamceeeeiiiionooooo+ouuuuypy";

/// Bold DejaVu Sans is on average 10 % wider than regular.
const BOLD_FACTOR: f64 = 1.1;

pub(crate) const ELLIPSIS: char = '…';

fn char_em(c: char) -> f64 {
    let code = c as u32;
    match code {
        0x20..=0x7e => f64::from(ASCII_WIDTHS[(code - 0x20) as usize]) / 1000.0,
        0xc0..=0xff => char_em(char::from(LATIN1_BASE[(code - 0xc0) as usize])),
        // Combining marks sit on the previous letter.
        0x300..=0x36f | 0x200b..=0x200d => 0.0,
        0x2009 | 0x202f => 0.2,
        // As wide as a space in DejaVu Sans.
        0xa0 | 0x2018 | 0x2019 | 0x201a => char_em(' '),
        0x2013 => 0.5,
        0x2014 | 0x2026 => 1.0,
        0x2e80..=0x9fff | 0xac00..=0xd7af | 0xf900..=0xfaff | 0xff00..=0xff60 => 1.0,
        _ => 0.65,
    }
}

/// Estimated rendered width of `s` at font size `size`.
pub(crate) fn width(s: &str, size: f64, bold: bool) -> f64 {
    let em: f64 = s.chars().map(char_em).sum();
    em * size * if bold { BOLD_FACTOR } else { 1.0 }
}

/// `s` shortened with an ellipsis so that it fits in `max`; the flag tells whether it was cut.
pub(crate) fn truncate(s: &str, max: f64, size: f64, bold: bool) -> (Cow<'_, str>, bool) {
    if width(s, size, bold) <= max {
        return (Cow::Borrowed(s), false);
    }
    let scale = size * if bold { BOLD_FACTOR } else { 1.0 };
    let budget = max / scale - char_em(ELLIPSIS);
    if budget < 0.0 {
        return (Cow::Borrowed(""), true);
    }
    let mut used = 0.0;
    let mut end = 0;
    for (i, c) in s.char_indices() {
        used += char_em(c);
        if used > budget {
            break;
        }
        end = i + c.len_utf8();
    }
    let mut out = s[..end].trim_end().to_owned();
    out.push(ELLIPSIS);
    (Cow::Owned(out), true)
}

/// Greedy word wrap into at most `max_lines` lines of width `max`; what does not fit ends in an
/// ellipsis rather than overflowing the chart.
pub(crate) fn wrap(s: &str, max: f64, size: f64, bold: bool, max_lines: usize) -> Vec<String> {
    let max_lines = max_lines.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in s.split_whitespace() {
        let candidate = if current.is_empty() { word.to_owned() } else { format!("{current} {word}") };
        // On the last allowed line everything is kept, to be cut with an ellipsis below.
        if current.is_empty() || lines.len() + 1 == max_lines || width(&candidate, size, bold) <= max {
            current = candidate;
        } else {
            lines.push(std::mem::replace(&mut current, word.to_owned()));
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    for line in &mut lines {
        let (cut, was_cut) = truncate(line, max, size, bold);
        if was_cut {
            *line = cut.into_owned();
        }
    }
    lines
}

/// Escapes `s` for element content and double-quoted attributes, and drops characters that
/// XML 1.0 forbids even when escaped, so the output always parses.
pub(crate) fn esc(s: &str) -> Cow<'_, str> {
    let clean = |c: char| !(matches!(c, '&' | '<' | '>' | '"') || c.is_control() || c == '\u{fffe}' || c == '\u{ffff}');
    if s.chars().all(clean) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Whitespace controls collapse to a space in SVG text anyway.
            '\t' | '\n' | '\r' => out.push(' '),
            c if c.is_control() || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_follow_dejavu() {
        assert!((width("0000", 10.0, false) - 25.44).abs() < 1e-9);
        assert!(width("Sénégal", 12.0, false) > width("iiiiiii", 12.0, false));
        assert_eq!(width("Sénégal", 12.0, false), width("Senegal", 12.0, false));
        assert!(width("Title", 12.0, true) > width("Title", 12.0, false));
    }

    #[test]
    fn truncation_adds_an_ellipsis_and_fits() {
        let long = "Democratic Republic of the Congo";
        let (cut, was_cut) = truncate(long, 100.0, 12.0, false);
        assert!(was_cut);
        assert!(cut.ends_with('…'));
        assert!(width(&cut, 12.0, false) <= 100.0);
        let (same, was_cut) = truncate("Mali", 100.0, 12.0, false);
        assert!(!was_cut);
        assert_eq!(same, "Mali");
        assert_eq!(truncate("Mali", 1.0, 12.0, false).0, "");
    }

    #[test]
    fn truncation_keeps_combining_marks_with_their_letter() {
        let decomposed = "Se\u{301}ne\u{301}gal et Co\u{302}te d’Ivoire";
        let (cut, _) = truncate(decomposed, 40.0, 12.0, false);
        assert!(!cut.starts_with('\u{301}'));
        assert!(cut.chars().rev().nth(1).is_some_and(|c| c != ' '));
    }

    #[test]
    fn wrapping_respects_width_and_line_count() {
        let s = "International migrant stock by country of destination, both sexes, 1990–2024";
        let lines = wrap(s, 200.0, 12.0, true, 2);
        assert_eq!(lines.len(), 2);
        assert!(lines.iter().all(|l| width(l, 12.0, true) <= 200.0));
        assert!(lines[1].ends_with('…'));
        assert_eq!(wrap("Short", 200.0, 12.0, true, 2), vec!["Short"]);
        assert!(wrap("   ", 200.0, 12.0, true, 2).is_empty());
        let one = wrap("Antidisestablishmentarianism", 50.0, 12.0, false, 3);
        assert_eq!(one.len(), 1);
        assert!(width(&one[0], 12.0, false) <= 50.0);
    }

    #[test]
    fn escaping_covers_markup_and_forbidden_characters() {
        assert_eq!(esc("Côte d'Ivoire"), "Côte d'Ivoire");
        assert_eq!(esc("a & b < c > \"d\""), "a &amp; b &lt; c &gt; &quot;d&quot;");
        assert_eq!(esc("x\u{0}y\u{1b}z\nw"), "xyz w");
        assert!(matches!(esc("São Tomé"), Cow::Borrowed(_)));
    }
}
