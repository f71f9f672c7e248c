//! Text widths from the DejaVu Sans metrics, for sizing table columns before typesetting.
//!
//! Measuring every cell inside the template cost more than the rest of a profile's layout (in
//! typst, a measurement is a layout, repeated on each layout pass), while glyph advances give
//! the same widths up to kerning, which the padding of a cell absorbs.

use std::sync::OnceLock;
use ttf_parser::Face;

/// Regular and bold faces.
fn faces() -> &'static [Face<'static>; 2] {
    static FACES: OnceLock<[Face<'static>; 2]> = OnceLock::new();
    FACES.get_or_init(|| {
        // The files are compiled in; a parse failure would be caught by every test.
        let parse = |data: &'static [u8]| Face::parse(data, 0).expect("DejaVu Sans parses");
        [parse(crate::world::DEJAVU[0]), parse(crate::world::DEJAVU[1])]
    })
}

/// The width in points of `s` set in DejaVu Sans at `size` points.
pub(crate) fn width(s: &str, size: f64, bold: bool) -> f64 {
    let face = &faces()[usize::from(bold)];
    let per_em = f64::from(face.units_per_em());
    let em: f64 = s
        .chars()
        .map(|c| {
            // A glyph DejaVu lacks comes from a fallback font; 0.6 em is DejaVu's average.
            face.glyph_index(c).and_then(|g| face.glyph_hor_advance(g)).map_or(0.6, |a| f64::from(a) / per_em)
        })
        .sum();
    em * size
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_grow_with_text_size_and_weight() {
        let w = width("274,929", 10.0, false);
        // DejaVu digits are 0.636 em, the comma 0.318 em.
        assert!((w - (6.0 * 6.362 + 3.179)).abs() < 0.1, "{w}");
        assert!(width("Total", 10.0, true) > width("Total", 10.0, false));
        assert_eq!(width("", 10.0, false), 0.0);
    }
}
