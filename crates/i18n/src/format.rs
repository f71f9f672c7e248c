//! Locale formatting of numbers, percentages, key figures, money, dates and periods.
//!
//! Everything here is a pure function of its arguments. Rounding is half away from zero and
//! is done on the shortest decimal representation of the `f64` (the digits a spreadsheet
//! shows), so `2.675` rounds to `2.68` although the nearest double is just below it. A value
//! that rounds to zero never shows a sign.
//!
//! Decisions the renderer may want to revisit are constants or fields of [`NumberStyle`]:
//!
//! - French groups digits with a narrow no-break space (U+202F), as CLDR and French typography
//!   do; a medium whose fonts lack it can swap in [`NBSP`] through [`NumberStyle`].
//! - Portuguese follows pt-PT, the convention of Cabo Verde (CLDR pt-PT and pt-CV): digits are
//!   grouped with a no-break space (U+00A0) and decimals follow a comma (`274 929`, `1 234,5`).
//!   A dot would read as a decimal point to English readers of the same table.
//! - Negative numbers use the true minus sign (U+2212) in French and Portuguese: French
//!   typography asks for it, screen readers voice it as "moins"/"menos" where a hyphen is often
//!   read as "tiret", and both languages already produce display-only strings (the grouping
//!   spaces keep them from being pasted into a spreadsheet as numbers anyway). English keeps
//!   the ASCII hyphen-minus, as CLDR does. Raw values for download never go through here.
//! - Non-finite values (NaN, infinities) are written as an em dash, the usual "no value" mark
//!   in tables in all three languages, rather than leaking `NaN` into a document.

use mp_domain::{Lang, Period};

/// Narrow no-break space (U+202F): the French group separator (CLDR, French typography).
pub const NARROW_NBSP: char = '\u{202F}';
/// No-break space (U+00A0): before `%` in French, and between a number and its unit word.
pub const NBSP: char = '\u{00A0}';
/// Minus sign (U+2212), used for negatives in French and Portuguese.
pub const MINUS_SIGN: char = '\u{2212}';
/// En dash (U+2013), between the two years of a range.
pub const EN_DASH: char = '\u{2013}';
/// What a non-finite value is written as.
pub const NO_VALUE: &str = "\u{2014}";
/// The French group separator; a renderer that cannot show U+202F may use [`NBSP`] instead.
pub const FR_GROUP_SEPARATOR: char = NARROW_NBSP;
/// The space between a French number and `%`.
pub const FR_PERCENT_SPACE: char = NBSP;

/// How a language writes numbers; copy one and change a field to adapt output to a medium.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NumberStyle {
    /// Between groups of three integer digits.
    pub group: char,
    /// Between the integer part and the decimals.
    pub decimal: char,
    /// Before a negative number.
    pub minus: char,
    /// Between the number and `%`, if any.
    pub percent_space: Option<char>,
}

impl NumberStyle {
    /// English: `-1,234.5`, `1.6%`.
    pub const EN: NumberStyle = NumberStyle { group: ',', decimal: '.', minus: '-', percent_space: None };
    /// French: `−1 234,5` (U+202F groups), `1,6 %` (U+00A0 before `%`).
    pub const FR: NumberStyle =
        NumberStyle { group: FR_GROUP_SEPARATOR, decimal: ',', minus: MINUS_SIGN, percent_space: Some(FR_PERCENT_SPACE) };
    /// Portuguese (pt-PT, pt-CV): `−1 234,5` (U+00A0 groups), `1,6%`.
    pub const PT: NumberStyle = NumberStyle { group: NBSP, decimal: ',', minus: MINUS_SIGN, percent_space: None };

    /// The style of a language.
    pub fn of(lang: Lang) -> NumberStyle {
        match lang {
            Lang::En => NumberStyle::EN,
            Lang::Fr => NumberStyle::FR,
            Lang::Pt => NumberStyle::PT,
        }
    }

    /// Formats `v` rounded to `decimals` places, with grouped thousands.
    pub fn number(&self, v: f64, decimals: u8) -> String {
        if !v.is_finite() {
            return NO_VALUE.to_string();
        }
        let r = Rounded::new(v, 0, decimals as usize);
        self.write(&r)
    }

    /// Formats a percentage given in percent units (`1.6` gives `1.6%`).
    pub fn percent(&self, v: f64, decimals: u8) -> String {
        if !v.is_finite() {
            return NO_VALUE.to_string();
        }
        let mut s = self.number(v, decimals);
        if let Some(space) = self.percent_space {
            s.push(space);
        }
        s.push('%');
        s
    }

    fn write(&self, r: &Rounded) -> String {
        let mut s = String::with_capacity(r.int.len() + r.frac.len() + 8);
        if r.negative {
            s.push(self.minus);
        }
        s.push_str(&group(&r.int, self.group));
        if !r.frac.is_empty() {
            s.push(self.decimal);
            s.push_str(&r.frac);
        }
        s
    }
}

/// Formats `v` rounded to `decimals` places in the conventions of `lang`:
/// `274,929` / `274 929` / `274 929`, and `1,234.5` / `1 234,5` / `1 234,5`.
pub fn format_number(v: f64, decimals: u8, lang: Lang) -> String {
    NumberStyle::of(lang).number(v, decimals)
}

/// Formats a percentage given in percent units: `1.6%` / `1,6 %` / `1,6%`.
pub fn format_percent(v: f64, decimals: u8, lang: Lang) -> String {
    NumberStyle::of(lang).percent(v, decimals)
}

/// Formats a count for a key figure: `20.1 billion` / `20,1 milliards` / `20,1 mil milhões`.
///
/// Three significant digits or so: one decimal below 100 of the unit, none above, trailing
/// zeros dropped; numbers below 10 000 are written in full. French also writes thousands in
/// full (`741 000`), because "741 mille" is not idiomatic; Portuguese uses the European long
/// scale (`mil milhões`, `bilião`), not the Brazilian `bilhão`.
pub fn format_compact(v: f64, lang: Lang) -> String {
    if !v.is_finite() {
        return NO_VALUE.to_string();
    }
    let c = Compact::new(v, 1, lang);
    let mut s = sign(c.negative, lang);
    s.push_str(&c.number);
    if let Some(word) = c.word {
        s.push(NBSP);
        s.push_str(word);
    }
    s
}

/// Formats an axis tick in the fewest characters: `200M` / `200 M` / `1,5 M`, `2.5bn` /
/// `2,5 Md` / `2,5 mil M`.
///
/// Same rounding as [`format_compact`], with abbreviated scale words: a tick label sits next to
/// its neighbours and must stay short, while the axis title carries the unit in words.
pub fn format_compact_axis(v: f64, lang: Lang) -> String {
    if !v.is_finite() {
        return NO_VALUE.to_string();
    }
    let c = Compact::new(v, 1, lang);
    let mut s = sign(c.negative, lang);
    s.push_str(&c.number);
    let short = match (lang, c.scale) {
        (_, 0) | (Lang::Fr, 1) => None,
        (Lang::En, s) => Some(["k", "M", "bn", "tn"][s - 1]),
        (Lang::Fr, s) => Some(["M", "Md", "Bn"][s - 2]),
        (Lang::Pt, s) => Some(["mil", "M", "mil M", "B"][s - 1]),
    };
    if let Some(word) = short {
        // English writes "200M"; French and Portuguese put a space before a unit symbol.
        if lang != Lang::En {
            s.push(NBSP);
        }
        s.push_str(word);
    }
    s
}

/// Formats an amount in US dollars for a key figure:
/// `US$ 20.13 billion` / `20,13 milliards de dollars US` / `20,13 mil milhões de dólares`.
///
/// One more decimal than [`format_compact`], since money figures are read more closely.
/// Amounts below ten thousand keep their cents, if any (`US$ 12.50`).
pub fn format_money_usd(v: f64, lang: Lang) -> String {
    if !v.is_finite() {
        return NO_VALUE.to_string();
    }
    let c = Compact::new(v, 2, lang);
    let mut s = sign(c.negative, lang);
    // French and Portuguese scale words are nouns ("un million de dollars"); a bare number or
    // French thousands written in full, or Portuguese "mil", is an adjective ("741 mil dólares").
    let noun = matches!(c.scale, 2..) && lang != Lang::En;
    let one = c.is_one;
    match lang {
        Lang::En => {
            s.push_str("US$");
            s.push(NBSP);
            s.push_str(&c.number);
            if let Some(word) = c.word {
                s.push(NBSP);
                s.push_str(word);
            }
        }
        Lang::Fr => {
            s.push_str(&c.number);
            s.push(NBSP);
            if let Some(word) = c.word {
                s.push_str(word);
                s.push(' ');
            }
            s.push_str(match (noun, one) {
                (true, _) => "de dollars US",
                (false, true) => "dollar US",
                (false, false) => "dollars US",
            });
        }
        Lang::Pt => {
            s.push_str(&c.number);
            s.push(NBSP);
            if let Some(word) = c.word {
                s.push_str(word);
                s.push(' ');
            }
            s.push_str(match (noun, one) {
                (true, _) => "de dólares",
                (false, true) => "dólar",
                (false, false) => "dólares",
            });
        }
    }
    s
}

/// Formats a date: `27 November 2026` / `27 novembre 2026` / `27 de novembro de 2026`.
///
/// French writes the first of the month as `1er`. A month outside 1–12 is written as ISO
/// digits rather than panicking, so a bad date shows up in review instead of crashing a build.
pub fn format_date(year: i32, month: u8, day: u8, lang: Lang) -> String {
    let Some(name) = month_name(month, lang) else {
        return format!("{year:04}-{month:02}-{day:02}");
    };
    match lang {
        Lang::En => format!("{day} {name} {year}"),
        Lang::Fr if day == 1 => format!("1er {name} {year}"),
        Lang::Fr => format!("{day} {name} {year}"),
        Lang::Pt => format!("{day} de {name} de {year}"),
    }
}

/// Formats a reference period: `2020`, `2015–2020`, `Q1 2020` / `T1 2020` /
/// `1.º trimestre de 2020`, `March 2020` / `mars 2020` / `março de 2020`.
pub fn format_period(p: Period, lang: Lang) -> String {
    match p {
        Period::Year(y) => y.to_string(),
        Period::Range(a, b) => format!("{a}{EN_DASH}{b}"),
        Period::Quarter(y, q) => match lang {
            Lang::En => format!("Q{q} {y}"),
            Lang::Fr => format!("T{q} {y}"),
            Lang::Pt => format!("{q}.º trimestre de {y}"),
        },
        Period::Month(y, m) => match (month_name(m, lang), lang) {
            (Some(name), Lang::Pt) => format!("{name} de {y}"),
            (Some(name), _) => format!("{name} {y}"),
            (None, _) => p.to_string(),
        },
    }
}

/// The name of a month (1–12) as written inside a date: capitalised in English only.
pub fn month_name(month: u8, lang: Lang) -> Option<&'static str> {
    const EN: [&str; 12] =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    const FR: [&str; 12] =
        ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];
    // Lower case, as the 1990 orthographic agreement has it for European Portuguese.
    const PT: [&str; 12] =
        ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"];
    let i = usize::from(month).checked_sub(1).filter(|i| *i < 12)?;
    Some(match lang {
        Lang::En => EN[i],
        Lang::Fr => FR[i],
        Lang::Pt => PT[i],
    })
}

fn sign(negative: bool, lang: Lang) -> String {
    if negative { NumberStyle::of(lang).minus.to_string() } else { String::new() }
}

/// Inserts `sep` between groups of three digits, counted from the right.
fn group(int: &str, sep: char) -> String {
    let n = int.len();
    let mut s = String::with_capacity(n + n / 3 * sep.len_utf8());
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (n - i).is_multiple_of(3) {
            s.push(sep);
        }
        s.push(c);
    }
    s
}

/// A magnitude rounded in decimal: integer digits (no leading zeros) and exactly the
/// requested number of fraction digits.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Rounded {
    negative: bool,
    int: String,
    frac: String,
}

impl Rounded {
    /// Rounds `v / 10^shift` to `decimals` places, half away from zero. The shift moves the
    /// decimal point in the digit string, so scaling to millions adds no binary error.
    fn new(v: f64, shift: usize, decimals: usize) -> Rounded {
        // Display for f64 gives the shortest digits that round-trip, and never an exponent.
        let text = format!("{}", v.abs());
        let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
        let mut digits: Vec<u8> = int.bytes().chain(frac.bytes()).map(|b| b - b'0').collect();
        let mut int_len = int.len() as isize - shift as isize;
        if int_len < 1 {
            let pad = (1 - int_len) as usize;
            digits.splice(0..0, std::iter::repeat_n(0, pad));
            int_len = 1;
        }
        let int_len = int_len as usize;
        let keep = int_len + decimals;
        let round_up = digits.get(keep).is_some_and(|d| *d >= 5);
        digits.resize(keep, 0);
        if round_up {
            let mut i = keep;
            loop {
                if i == 0 {
                    digits.insert(0, 1);
                    break;
                }
                i -= 1;
                if digits[i] == 9 {
                    digits[i] = 0;
                } else {
                    digits[i] += 1;
                    break;
                }
            }
        }
        let split = digits.len() - decimals;
        let to_str = |ds: &[u8]| ds.iter().map(|d| char::from(b'0' + d)).collect::<String>();
        let int = to_str(&digits[..split]);
        let int = match int.trim_start_matches('0') {
            "" => "0".to_string(),
            t => t.to_string(),
        };
        let frac = to_str(&digits[split..]);
        let zero = int == "0" && frac.bytes().all(|b| b == b'0');
        Rounded { negative: v < 0.0 && !zero, int, frac }
    }

    fn trim(mut self) -> Rounded {
        let t = self.frac.trim_end_matches('0').len();
        self.frac.truncate(t);
        self
    }

    fn int_digits(&self) -> usize {
        self.int.len()
    }
}

/// A value scaled to thousands, millions… with its unit word.
struct Compact {
    negative: bool,
    /// The number, already in the language's style, without sign.
    number: String,
    word: Option<&'static str>,
    /// Power of a thousand: 0 for units, 1 for thousands, 2 for millions…
    scale: usize,
    /// The shown number is exactly 1, for singular nouns.
    is_one: bool,
}

impl Compact {
    /// `extra` is the number of decimals below 100 of the unit (one fewer above).
    fn new(v: f64, extra: usize, lang: Lang) -> Compact {
        const MAX_SCALE: usize = 4;
        let style = NumberStyle::of(lang);
        let abs = v.abs();
        // Below ten thousand the full number is as short as "1.2 thousand" and reads better.
        let mut scale = 0;
        if abs >= 1e4 {
            scale = 1;
            while scale < MAX_SCALE && abs >= 1000f64.powi(scale as i32 + 1) {
                scale += 1;
            }
        }
        let round = |scale: usize| {
            if scale == 0 && extra == 2 {
                // Small amounts of money keep whole cents (12.50) or none (12), never 12.5.
                let r = Rounded::new(v, 0, 2);
                return if r.frac == "00" { r.trim() } else { r };
            }
            let probe = Rounded::new(abs, 3 * scale, extra);
            let decimals = if probe.int_digits() >= 3 { extra - 1 } else { extra };
            Rounded::new(v, 3 * scale, decimals).trim()
        };
        let mut r = round(scale);
        // 999 950 rounds to "1000 thousand": show it as 1 million instead.
        let max_digits = if scale == 0 { 4 } else { 3 };
        if r.int_digits() > max_digits && scale < MAX_SCALE {
            scale += 1;
            r = round(scale);
        }
        let is_one = r.int == "1" && r.frac.is_empty();
        let plural_fr = r.int_digits() > 1 || r.int.as_str() >= "2";
        let word = match (lang, scale) {
            (_, 0) => None,
            (Lang::En, s) => Some(["thousand", "million", "billion", "trillion"][s - 1]),
            (Lang::Fr, 1) => None,
            (Lang::Fr, s) => {
                let (one, many) = [("million", "millions"), ("milliard", "milliards"), ("billion", "billions")][s - 2];
                Some(if plural_fr { many } else { one })
            }
            (Lang::Pt, 1) => Some("mil"),
            (Lang::Pt, 3) => Some("mil milhões"),
            (Lang::Pt, s) => {
                let (one, many) = if s == 2 { ("milhão", "milhões") } else { ("bilião", "biliões") };
                Some(if is_one { one } else { many })
            }
        };
        let number = if lang == Lang::Fr && scale == 1 {
            // French thousands in full: the scaled digits times a thousand are an integer.
            let mut int = r.int.clone();
            let mut frac = r.frac.clone();
            frac.truncate(3);
            int.push_str(&format!("{frac:0<3}"));
            let int = int.trim_start_matches('0');
            group(if int.is_empty() { "0" } else { int }, style.group)
        } else {
            style.write(&Rounded { negative: false, ..r.clone() })
        };
        Compact { negative: r.negative, number, word, scale, is_one }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const NN: char = NARROW_NBSP;

    fn n(v: f64, d: u8, lang: Lang) -> String {
        format_number(v, d, lang)
    }

    #[test]
    fn numbers_per_language() {
        assert_eq!(n(274929.0, 0, Lang::En), "274,929");
        assert_eq!(n(274929.0, 0, Lang::Fr), format!("274{NN}929"));
        assert_eq!(n(274929.0, 0, Lang::Pt), "274\u{a0}929");
        assert_eq!(n(1234.5, 1, Lang::En), "1,234.5");
        assert_eq!(n(1234.5, 1, Lang::Fr), format!("1{NN}234,5"));
        assert_eq!(n(1234.5, 1, Lang::Pt), "1\u{a0}234,5");
        assert_eq!(n(1234567.891, 2, Lang::En), "1,234,567.89");
        assert_eq!(n(1234567.891, 2, Lang::Fr), format!("1{NN}234{NN}567,89"));
        assert_eq!(n(1234567.891, 2, Lang::Pt), "1\u{a0}234\u{a0}567,89");
        assert_eq!(n(0.0, 0, Lang::En), "0");
        assert_eq!(n(0.0, 2, Lang::Fr), "0,00");
        assert_eq!(n(999.0, 0, Lang::En), "999");
        assert_eq!(n(1000.0, 0, Lang::En), "1,000");
        assert_eq!(n(100000.0, 0, Lang::Pt), "100\u{a0}000");
        assert_eq!(n(0.05, 3, Lang::En), "0.050");
        assert_eq!(n(7.0, 2, Lang::Pt), "7,00");
    }

    #[test]
    fn negatives_and_minus_signs() {
        assert_eq!(n(-1234.5, 1, Lang::En), "-1,234.5");
        assert_eq!(n(-1234.5, 1, Lang::Fr), format!("\u{2212}1{NN}234,5"));
        assert_eq!(n(-1234.5, 1, Lang::Pt), "\u{2212}1\u{a0}234,5");
        assert_eq!(format_percent(-0.4, 1, Lang::Fr), format!("\u{2212}0,4{NBSP}%"));
    }

    #[test]
    fn no_negative_zero() {
        for lang in Lang::ALL {
            assert_eq!(n(-0.0, 0, lang), "0");
            assert_eq!(n(-0.4, 0, lang), "0");
            assert_eq!(n(-0.004, 2, lang), NumberStyle::of(lang).number(0.0, 2));
            assert_eq!(format_percent(-0.01, 1, lang), format_percent(0.0, 1, lang));
            assert_eq!(format_compact(-0.01, lang), "0");
        }
        assert_eq!(n(-0.5, 0, Lang::En), "-1");
    }

    #[test]
    fn rounds_half_away_from_zero_on_the_decimal_digits() {
        assert_eq!(n(0.5, 0, Lang::En), "1");
        assert_eq!(n(1.5, 0, Lang::En), "2");
        assert_eq!(n(2.5, 0, Lang::En), "3");
        assert_eq!(n(-2.5, 0, Lang::En), "-3");
        assert_eq!(n(2.675, 2, Lang::En), "2.68");
        assert_eq!(n(1.005, 2, Lang::En), "1.01");
        assert_eq!(n(0.125, 2, Lang::En), "0.13");
        assert_eq!(n(-0.125, 2, Lang::En), "-0.13");
        assert_eq!(n(1.0049, 2, Lang::En), "1.00");
        assert_eq!(n(999.95, 1, Lang::En), "1,000.0");
        assert_eq!(n(999999.5, 0, Lang::Fr), format!("1{NN}000{NN}000"));
        assert_eq!(n(9.999, 2, Lang::Pt), "10,00");
    }

    #[test]
    fn extreme_values() {
        assert_eq!(n(1e21, 0, Lang::En), "1,000,000,000,000,000,000,000");
        assert_eq!(n(1e-7, 2, Lang::En), "0.00");
        assert_eq!(n(1e-7, 7, Lang::En), "0.0000001");
        assert_eq!(n(5e-8, 7, Lang::En), "0.0000001");
        assert_eq!(n(f64::MAX, 0, Lang::En).len(), 309 + 308 / 3);
        assert_eq!(n(f64::MIN_POSITIVE, 0, Lang::En), "0");
        assert_eq!(n(123.0, 255, Lang::En).len(), 3 + 1 + 255);
        for v in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            for lang in Lang::ALL {
                assert_eq!(n(v, 1, lang), NO_VALUE);
                assert_eq!(format_percent(v, 1, lang), NO_VALUE);
                assert_eq!(format_compact(v, lang), NO_VALUE);
                assert_eq!(format_money_usd(v, lang), NO_VALUE);
            }
        }
    }

    #[test]
    fn percentages() {
        assert_eq!(format_percent(1.6, 1, Lang::En), "1.6%");
        assert_eq!(format_percent(1.6, 1, Lang::Fr), format!("1,6{NBSP}%"));
        assert_eq!(format_percent(1.6, 1, Lang::Pt), "1,6%");
        assert_eq!(format_percent(12.345, 2, Lang::En), "12.35%");
        assert_eq!(format_percent(100.0, 0, Lang::Pt), "100%");
        assert_eq!(format_percent(1250.0, 0, Lang::Fr), format!("1{NN}250{NBSP}%"));
    }

    #[test]
    fn a_renderer_can_choose_the_separator() {
        let style = NumberStyle { group: NBSP, ..NumberStyle::FR };
        assert_eq!(style.number(274929.0, 0), format!("274{NBSP}929"));
        let ascii = NumberStyle { minus: '-', ..NumberStyle::PT };
        assert_eq!(ascii.number(-1.5, 1), "-1,5");
    }

    #[test]
    fn compact_key_figures() {
        let c = |v: f64, lang| format_compact(v, lang).replace([NBSP, NN], " ");
        assert_eq!(c(20.1e9, Lang::En), "20.1 billion");
        assert_eq!(c(20.1e9, Lang::Fr), "20,1 milliards");
        assert_eq!(c(20.1e9, Lang::Pt), "20,1 mil milhões");
        assert_eq!(c(741_234.0, Lang::En), "741 thousand");
        assert_eq!(c(741_234.0, Lang::Fr), "741 000");
        assert_eq!(c(741_234.0, Lang::Pt), "741 mil");
        assert_eq!(c(274_929.0, Lang::En), "275 thousand");
        assert_eq!(c(1_234.0, Lang::En), "1,234");
        assert_eq!(c(1_234.0, Lang::Fr), "1 234");
        assert_eq!(c(1_234.0, Lang::Pt), "1 234");
        assert_eq!(c(12_345.0, Lang::En), "12.3 thousand");
        assert_eq!(c(12_345.0, Lang::Fr), "12 300");
        assert_eq!(c(12_345.0, Lang::Pt), "12,3 mil");
        assert_eq!(c(1_000_000.0, Lang::En), "1 million");
        assert_eq!(c(1_000_000.0, Lang::Fr), "1 million");
        assert_eq!(c(1_000_000.0, Lang::Pt), "1 milhão");
        assert_eq!(c(1_500_000.0, Lang::Fr), "1,5 million");
        assert_eq!(c(1_500_000.0, Lang::Pt), "1,5 milhões");
        assert_eq!(c(2_000_000.0, Lang::Fr), "2 millions");
        assert_eq!(c(2_000_000.0, Lang::Pt), "2 milhões");
        assert_eq!(c(12_345_678.0, Lang::En), "12.3 million");
        assert_eq!(c(123_456_789.0, Lang::En), "123 million");
        assert_eq!(c(1e9, Lang::Fr), "1 milliard");
        assert_eq!(c(1e9, Lang::Pt), "1 mil milhões");
        assert_eq!(c(3.2e12, Lang::En), "3.2 trillion");
        assert_eq!(c(3.2e12, Lang::Fr), "3,2 billions");
        assert_eq!(c(1e12, Lang::Pt), "1 bilião");
        assert_eq!(c(3.2e12, Lang::Pt), "3,2 biliões");
        assert_eq!(c(4.5e15, Lang::En), "4,500 trillion");
        assert_eq!(c(741.0, Lang::En), "741");
        assert_eq!(c(12.0, Lang::Fr), "12");
        assert_eq!(c(12.25, Lang::Fr), "12,3");
        assert_eq!(c(0.0, Lang::Pt), "0");
    }

    #[test]
    fn compact_carries_into_the_next_unit() {
        let c = |v: f64, lang| format_compact(v, lang).replace([NBSP, NN], " ");
        assert_eq!(c(999_950.0, Lang::En), "1 million");
        assert_eq!(c(999_499.0, Lang::En), "999 thousand");
        assert_eq!(c(999_500.0, Lang::Fr), "1 million");
        assert_eq!(c(99_960.0, Lang::En), "100 thousand");
        assert_eq!(c(999.7, Lang::Pt), "1 000");
        assert_eq!(c(9_999.7, Lang::Pt), "10 mil");
        assert_eq!(c(9_999.7, Lang::En), "10 thousand");
        assert_eq!(c(9_999.4, Lang::Fr), "9 999");
        assert_eq!(c(999.4, Lang::Pt), "999");
        assert_eq!(c(1_950_000.0, Lang::Fr), "2 millions");
    }

    #[test]
    fn compact_axis_ticks_are_short() {
        let c = |v: f64, lang| format_compact_axis(v, lang).replace([NBSP, NN], " ");
        assert_eq!(c(200e6, Lang::En), "200M");
        assert_eq!(c(200e6, Lang::Fr), "200 M");
        assert_eq!(c(1.5e6, Lang::Fr), "1,5 M");
        assert_eq!(c(2.5e9, Lang::Fr), "2,5 Md");
        assert_eq!(c(2.5e9, Lang::Pt), "2,5 mil M");
        assert_eq!(c(20_000.0, Lang::En), "20k");
        assert_eq!(c(20_000.0, Lang::Fr), "20 000");
        assert_eq!(c(20_000.0, Lang::Pt), "20 mil");
        assert_eq!(c(800.0, Lang::Fr), "800");
        assert_eq!(c(0.0, Lang::Pt), "0");
    }

    #[test]
    fn compact_negatives() {
        assert_eq!(format_compact(-120_000.0, Lang::En), format!("-120{NBSP}thousand"));
        assert_eq!(format_compact(-120_000.0, Lang::Fr), format!("\u{2212}120{NN}000"));
        assert_eq!(format_compact(-2.5e6, Lang::Pt), format!("\u{2212}2,5{NBSP}milhões"));
    }

    #[test]
    fn money() {
        let m = |v: f64, lang| format_money_usd(v, lang).replace([NBSP, NN], " ");
        assert_eq!(m(20.13e9, Lang::En), "US$ 20.13 billion");
        assert_eq!(m(20.13e9, Lang::Fr), "20,13 milliards de dollars US");
        assert_eq!(m(20.13e9, Lang::Pt), "20,13 mil milhões de dólares");
        assert_eq!(m(741.26e6, Lang::En), "US$ 741.3 million");
        assert_eq!(m(1e6, Lang::Fr), "1 million de dollars US");
        assert_eq!(m(1e6, Lang::Pt), "1 milhão de dólares");
        assert_eq!(m(2.5e6, Lang::Pt), "2,5 milhões de dólares");
        assert_eq!(m(741_000.0, Lang::En), "US$ 741 thousand");
        assert_eq!(m(741_000.0, Lang::Fr), "741 000 dollars US");
        assert_eq!(m(741_000.0, Lang::Pt), "741 mil dólares");
        assert_eq!(m(12.5, Lang::En), "US$ 12.50");
        assert_eq!(m(12.0, Lang::En), "US$ 12");
        assert_eq!(m(1234.5, Lang::En), "US$ 1,234.50");
        assert_eq!(m(9_999.999, Lang::Pt), "10 mil dólares");
        assert_eq!(m(12.5, Lang::Fr), "12,50 dollars US");
        assert_eq!(m(1.0, Lang::Fr), "1 dollar US");
        assert_eq!(m(1.0, Lang::Pt), "1 dólar");
        assert_eq!(m(1.0, Lang::En), "US$ 1");
        assert_eq!(m(-5e6, Lang::En), "-US$ 5 million");
        assert_eq!(m(-5e6, Lang::Fr), "\u{2212}5 millions de dollars US");
        assert_eq!(m(999_999.0, Lang::En), "US$ 1 million");
    }

    #[test]
    fn dates() {
        assert_eq!(format_date(2026, 11, 27, Lang::En), "27 November 2026");
        assert_eq!(format_date(2026, 11, 27, Lang::Fr), "27 novembre 2026");
        assert_eq!(format_date(2026, 11, 27, Lang::Pt), "27 de novembro de 2026");
        assert_eq!(format_date(2026, 1, 1, Lang::Fr), "1er janvier 2026");
        assert_eq!(format_date(2026, 1, 1, Lang::En), "1 January 2026");
        assert_eq!(format_date(2026, 2, 3, Lang::Pt), "3 de fevereiro de 2026");
        assert_eq!(format_date(2026, 8, 15, Lang::Fr), "15 août 2026");
        assert_eq!(format_date(2026, 13, 1, Lang::Fr), "2026-13-01");
        assert_eq!(format_date(2026, 0, 1, Lang::En), "2026-00-01");
    }

    #[test]
    fn periods() {
        let p = |s: &str, lang| format_period(Period::parse(s).unwrap(), lang);
        for lang in Lang::ALL {
            assert_eq!(p("2020", lang), "2020");
            assert_eq!(p("2015-2020", lang), "2015\u{2013}2020");
        }
        assert_eq!(p("2020-Q1", Lang::En), "Q1 2020");
        assert_eq!(p("2020-Q1", Lang::Fr), "T1 2020");
        assert_eq!(p("2020-Q1", Lang::Pt), "1.º trimestre de 2020");
        assert_eq!(p("2020-Q4", Lang::Pt), "4.º trimestre de 2020");
        assert_eq!(p("2020-03", Lang::En), "March 2020");
        assert_eq!(p("2020-03", Lang::Fr), "mars 2020");
        assert_eq!(p("2020-03", Lang::Pt), "março de 2020");
        assert_eq!(p("2020-12", Lang::Fr), "décembre 2020");
    }

    #[test]
    fn month_names() {
        assert_eq!(month_name(0, Lang::En), None);
        assert_eq!(month_name(13, Lang::En), None);
        for lang in Lang::ALL {
            assert!((1..=12).all(|m| month_name(m, lang).is_some()));
        }
    }

    /// Undoes the formatting: drops group separators and signs, reads the decimal mark.
    fn parse_back(s: &str, lang: Lang) -> (bool, String) {
        let st = NumberStyle::of(lang);
        let negative = s.starts_with(st.minus);
        let body: String = s.chars().filter(|c| *c != st.group && *c != st.minus).collect();
        (negative, body.replace(st.decimal, "."))
    }

    /// Rounds `m / 10^k` to `d < k` places half away from zero, as an integer count of 10^-d.
    fn reference(m: i64, k: u32, d: u32) -> i128 {
        let div = 10i128.pow(k - d);
        let m = i128::from(m);
        let q = m.abs() / div;
        let r = m.abs() % div;
        let q = if 2 * r >= div { q + 1 } else { q };
        if m < 0 { -q } else { q }
    }

    proptest! {
        /// Decimal inputs (up to 15 significant digits, so the f64 prints back as typed) come
        /// out rounded exactly as integer arithmetic rounds them.
        #[test]
        fn parses_back_to_the_rounded_value(
            m in -999_999_999_999_999i64..=999_999_999_999_999,
            k in 0u32..=8,
            d in 0u8..=8,
            li in 0usize..3,
        ) {
            let lang = Lang::ALL[li];
            let v = m as f64 / 10f64.powi(k as i32);
            let s = format_number(v, d, lang);
            let (negative, body) = parse_back(&s, lang);
            let (int, frac) = body.split_once('.').unwrap_or((&body, ""));
            prop_assert_eq!(frac.len(), usize::from(d));
            prop_assert!(int.bytes().all(|b| b.is_ascii_digit()) && !int.is_empty());
            prop_assert!(int == "0" || !int.starts_with('0'));
            let digits: i128 = format!("{int}{frac}").parse().unwrap();
            let got = if negative { -digits } else { digits };
            prop_assert!(!(negative && digits == 0), "negative zero: {}", s);
            let want = if u32::from(d) >= k {
                i128::from(m) * 10i128.pow(u32::from(d) - k)
            } else {
                reference(m, k, u32::from(d))
            };
            prop_assert_eq!(got, want, "{} -> {}", v, s);
        }

        /// Any finite double comes back within half a unit of the last place.
        #[test]
        fn parses_back_close_to_any_double(v in -1e12f64..1e12, d in 0u8..=6, li in 0usize..3) {
            let lang = Lang::ALL[li];
            let s = format_number(v, d, lang);
            let (negative, body) = parse_back(&s, lang);
            let parsed: f64 = body.parse().unwrap();
            let parsed = if negative { -parsed } else { parsed };
            let half = 0.5 * 10f64.powi(-i32::from(d));
            prop_assert!((parsed - v).abs() <= half * (1.0 + 1e-9) + v.abs() * 1e-15, "{} -> {}", v, s);
        }

        /// Groups are always three digits, and the separator only appears in the integer part.
        #[test]
        fn groups_are_three_digits(v in -1e15f64..1e15, d in 0u8..=3, li in 0usize..3) {
            let lang = Lang::ALL[li];
            let st = NumberStyle::of(lang);
            let s = format_number(v, d, lang);
            let int = s.trim_start_matches(st.minus).split(st.decimal).next().unwrap().to_string();
            let groups: Vec<&str> = int.split(st.group).collect();
            prop_assert!(!groups[0].is_empty() && groups[0].len() <= 3);
            prop_assert!(groups[1..].iter().all(|g| g.len() == 3));
        }

        /// Percentages are the number followed by the language's percent sign.
        #[test]
        fn percent_is_number_plus_sign(v in -1e6f64..1e6, d in 0u8..=3, li in 0usize..3) {
            let lang = Lang::ALL[li];
            let p = format_percent(v, d, lang);
            let suffix = match lang { Lang::Fr => "\u{a0}%", _ => "%" };
            prop_assert_eq!(p, format!("{}{}", format_number(v, d, lang), suffix));
        }

        /// Key figures stay within rounding distance (5 % of the shown value) of the input.
        #[test]
        fn compact_is_close(v in 0f64..1e14, li in 0usize..3) {
            let lang = Lang::ALL[li];
            let s = format_compact(v, lang);
            let st = NumberStyle::of(lang);
            let (num, word) = s.split_once(NBSP).unwrap_or((&s, ""));
            let num: f64 = num.replace(st.group, "").replace(st.decimal, ".").parse().unwrap();
            let scale = match word {
                "" => 1.0,
                "thousand" | "mil" => 1e3,
                "million" | "millions" | "milhão" | "milhões" => 1e6,
                "billion" if lang == Lang::En => 1e9,
                "milliard" | "milliards" | "mil milhões" => 1e9,
                "trillion" | "billion" | "billions" | "bilião" | "biliões" => 1e12,
                other => return Err(TestCaseError::fail(format!("unknown unit {other:?} in {s}"))),
            };
            let shown = num * scale;
            prop_assert!((shown - v).abs() <= 0.05 * v.max(1.0), "{} -> {}", v, s);
        }
    }
}
