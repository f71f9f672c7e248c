//! Charts as PNG pictures, for readers who paste a figure into a slide or a report.
//!
//! The SVG is rasterised with resvg and the fonts the PDF embeds (DejaVu Sans, whose widths
//! the chart layout assumes), never the machine's: the picture is the same on every server.

use std::sync::{Arc, LazyLock};

/// Why a drawing could not become a picture.
#[derive(Debug, thiserror::Error)]
pub enum PngError {
    /// The SVG did not parse (a bug in a chart writer, never reader input).
    #[error("the chart's SVG does not parse: {0}")]
    Svg(String),
    /// Zero or absurd size.
    #[error("the chart has no drawable size ({0}×{1} px)")]
    Size(u32, u32),
    /// Encoding the PNG failed.
    #[error("PNG encoding failed: {0}")]
    Encode(String),
}

static FONTS: LazyLock<Arc<resvg::usvg::fontdb::Database>> = LazyLock::new(|| {
    let mut db = resvg::usvg::fontdb::Database::new();
    for f in crate::world::DEJAVU {
        db.load_font_data(f.to_vec());
    }
    db.set_sans_serif_family("DejaVu Sans");
    Arc::new(db)
});

/// The largest picture side, in pixels: a chart drawn wider than this is scaled down.
const MAX_SIDE: u32 = 4000;

/// Rasterises `svg` to a PNG `width` pixels wide (the height follows the drawing), on white.
pub fn svg_to_png(svg: &str, width: u32) -> Result<Vec<u8>, PngError> {
    let opt = resvg::usvg::Options { fontdb: Arc::clone(&FONTS), ..Default::default() };
    let tree = resvg::usvg::Tree::from_str(svg, &opt).map_err(|e| PngError::Svg(e.to_string()))?;
    let size = tree.size();
    let scale = f64::from(width.min(MAX_SIDE)) / f64::from(size.width());
    let (w, h) = ((f64::from(size.width()) * scale).round() as u32, (f64::from(size.height()) * scale).round() as u32);
    if w == 0 || h == 0 || h > MAX_SIDE * 2 {
        return Err(PngError::Size(w, h));
    }
    let mut pixmap = resvg::tiny_skia::Pixmap::new(w, h).ok_or(PngError::Size(w, h))?;
    pixmap.fill(resvg::tiny_skia::Color::WHITE);
    resvg::render(&tree, resvg::tiny_skia::Transform::from_scale(scale as f32, scale as f32), &mut pixmap.as_mut());
    pixmap.encode_png().map_err(|e| PngError::Encode(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chart_becomes_a_png_of_the_asked_width_with_its_text_drawn() {
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100" width="100%" font-family="DejaVu Sans, sans-serif"><rect x="10" y="10" width="50" height="50" fill="#08519c"/><text x="70" y="40" font-size="20">Sénégal</text></svg>"##;
        let png = svg_to_png(svg, 400).expect("png");
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        // IHDR: width and height, big-endian, at bytes 16..24.
        assert_eq!(u32::from_be_bytes([png[16], png[17], png[18], png[19]]), 400);
        assert_eq!(u32::from_be_bytes([png[20], png[21], png[22], png[23]]), 200);
        // The same drawing without its text makes a smaller file: the text was drawn.
        let bare = svg_to_png(&svg.replace("Sénégal", ""), 400).expect("png");
        assert!(png.len() > bare.len() + 200, "{} vs {}", png.len(), bare.len());
    }

    #[test]
    fn broken_svg_is_an_error_not_a_panic() {
        assert!(matches!(svg_to_png("<svg", 100), Err(PngError::Svg(_))));
    }
}
