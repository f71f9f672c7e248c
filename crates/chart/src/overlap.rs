//! Measuring the text of a drawn chart: the boxes of its labels, with the same advance widths
//! that layout uses, so that tests over real documents can prove no two labels touch.

use crate::text::width;

/// A label as drawn: its text and its box in SVG user units.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelBox {
    /// The text, unescaped.
    pub text: String,
    /// Left edge.
    pub x0: f64,
    /// Right edge.
    pub x1: f64,
    /// Top (the cap height above the baseline).
    pub y0: f64,
    /// Bottom (the descender below the baseline).
    pub y1: f64,
}

impl LabelBox {
    /// Whether the two boxes share more than a hair's width of area.
    pub fn overlaps(&self, other: &LabelBox) -> bool {
        const HAIR: f64 = 0.5;
        self.x0 + HAIR < other.x1 && other.x0 + HAIR < self.x1 && self.y0 + HAIR < other.y1 && other.y0 + HAIR < self.y1
    }
}

#[derive(Clone)]
struct Inherited {
    anchor: String,
    size: f64,
    bold: bool,
}

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let end = tag[start..].find('"')? + start;
    Some(&tag[start..end])
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&")
}

/// The boxes of every horizontal or vertical `<text>` of an SVG this crate drew (labels turned
/// by other angles are left out: their boxes are not axis-aligned). Text anchors and font sizes inherited from `<g>` and
/// the root element are honoured.
pub fn label_boxes(svg: &str) -> Vec<LabelBox> {
    let mut stack: Vec<Inherited> = vec![Inherited { anchor: "start".into(), size: 12.0, bold: false }];
    let mut boxes = Vec::new();
    let mut rest = svg;
    while let Some(open) = rest.find('<') {
        rest = &rest[open..];
        let Some(close) = rest.find('>') else { break };
        let tag = &rest[..=close];
        let after = &rest[close + 1..];
        let self_closing = tag.ends_with("/>");
        let inherit = |parent: &Inherited| Inherited {
            anchor: attr(tag, "text-anchor").unwrap_or(&parent.anchor).to_owned(),
            size: attr(tag, "font-size").and_then(|s| s.parse().ok()).unwrap_or(parent.size),
            bold: attr(tag, "font-weight").map_or(parent.bold, |w| w == "bold"),
        };
        let parent = stack.last().cloned().unwrap_or(Inherited { anchor: "start".into(), size: 12.0, bold: false });
        if tag.starts_with("<svg") || (tag.starts_with("<g") && !self_closing) {
            stack.push(inherit(&parent));
        } else if tag.starts_with("</g") || tag.starts_with("</svg") {
            stack.pop();
        } else if tag.starts_with("<text") {
            let end = after.find("</text>").unwrap_or(after.len());
            let mut content = &after[..end];
            // A cut name carries its full form as a tooltip: only the drawn text counts.
            if let Some(t) = content.find("</title>") {
                content = &content[t + "</title>".len()..];
            }
            let me = inherit(&parent);
            let x: Option<f64> = attr(tag, "x").and_then(|v| v.parse().ok());
            let y: Option<f64> = attr(tag, "y").and_then(|v| v.parse().ok());
            let turn = match attr(tag, "transform") {
                None => Some(0),
                Some(t) => quarter_turns(t, x, y),
            };
            if let (Some(x), Some(y), Some(turn)) = (x, y, turn) {
                let text = unescape(content);
                let w = width(&text, me.size, me.bold);
                let x0 = match me.anchor.as_str() {
                    "middle" => x - w / 2.0,
                    "end" => x - w,
                    _ => x,
                };
                let (x1, y0, y1) = (x0 + w, y - me.size * 0.75, y + me.size * 0.2);
                // Turned about (x, y) by a quarter turn counter-clockwise (SVG's -90°), a point
                // (px, py) goes to (x + (py - y), y - (px - x)).
                let b = match turn {
                    0 => LabelBox { text, x0, x1, y0, y1 },
                    1 => LabelBox { text, x0: x + (y0 - y), x1: x + (y1 - y), y0: y - (x1 - x), y1: y - (x0 - x) },
                    2 => LabelBox { text, x0: 2.0 * x - x1, x1: 2.0 * x - x0, y0: 2.0 * y - y1, y1: 2.0 * y - y0 },
                    _ => LabelBox { text, x0: x - (y1 - y), x1: x - (y0 - y), y0: y + (x0 - x), y1: y + (x1 - x) },
                };
                boxes.push(b);
            }
            rest = &after[end..];
            continue;
        }
        rest = after;
    }
    boxes
}

/// Counter-clockwise quarter turns (0 to 3) of `transform="rotate(A X Y)"` about the text's
/// own anchor; `None` for any other transform.
fn quarter_turns(t: &str, x: Option<f64>, y: Option<f64>) -> Option<u8> {
    let args: Vec<f64> = t
        .strip_prefix("rotate(")?
        .strip_suffix(')')?
        .split([' ', ','])
        .filter(|a| !a.is_empty())
        .map(|a| a.parse().ok())
        .collect::<Option<_>>()?;
    let (&angle, about) = args.split_first()?;
    let about_anchor = match about {
        [] => x == Some(0.0) && y == Some(0.0),
        [ax, ay] => x.is_some_and(|x| (x - ax).abs() < 1e-9) && y.is_some_and(|y| (y - ay).abs() < 1e-9),
        _ => false,
    };
    let quarters = -angle / 90.0;
    if !about_anchor || (quarters - quarters.round()).abs() > 1e-9 {
        return None;
    }
    Some(quarters.round().rem_euclid(4.0) as u8)
}

/// Every pair of labels of the SVG whose boxes overlap.
pub fn overlapping_labels(svg: &str) -> Vec<(LabelBox, LabelBox)> {
    let boxes = label_boxes(svg);
    let mut out = Vec::new();
    for (i, a) in boxes.iter().enumerate() {
        for b in &boxes[i + 1..] {
            if !a.text.trim().is_empty() && !b.text.trim().is_empty() && a.overlaps(b) {
                out.push((a.clone(), b.clone()));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_and_sizes_are_inherited() {
        let svg = r#"<svg font-size="10"><g text-anchor="middle" font-size="20"><text x="100" y="50">ab</text></g><text x="0" y="50">x &amp; y</text></svg>"#;
        let b = label_boxes(svg);
        assert_eq!(b.len(), 2);
        let w = width("ab", 20.0, false);
        assert!((b[0].x0 - (100.0 - w / 2.0)).abs() < 1e-9);
        assert_eq!(b[1].text, "x & y");
        assert!((b[1].x1 - width("x & y", 10.0, false)).abs() < 1e-9);
    }

    #[test]
    fn vertical_labels_are_boxed_and_slanted_ones_left_out() {
        let svg = r#"<svg font-size="10"><text x="50" y="100" transform="rotate(-90 50 100)">abcd</text><text x="0" y="0" transform="rotate(-45 0 0)">x</text></svg>"#;
        let b = label_boxes(svg);
        assert_eq!(b.len(), 1);
        let w = width("abcd", 10.0, false);
        assert!((b[0].x0 - 42.5).abs() < 1e-9 && (b[0].x1 - 52.0).abs() < 1e-9, "{b:?}");
        assert!((b[0].y0 - (100.0 - w)).abs() < 1e-9 && (b[0].y1 - 100.0).abs() < 1e-9, "{b:?}");
        // Two vertical headings 8 units apart touch; 12 apart they do not.
        let pair = |dx: f64| {
            format!(
                r#"<svg font-size="10"><text x="50" y="100" transform="rotate(-90 50 100)">abcd</text><text x="{0}" y="100" transform="rotate(-90 {0} 100)">efgh</text></svg>"#,
                50.0 + dx
            )
        };
        assert_eq!(overlapping_labels(&pair(8.0)).len(), 1);
        assert!(overlapping_labels(&pair(12.0)).is_empty());
    }

    #[test]
    fn touching_labels_are_found() {
        let svg = r#"<svg font-size="12"><text x="0" y="20">200 million</text><text x="30" y="20">400 million</text><text x="300" y="20">far</text></svg>"#;
        let pairs = overlapping_labels(svg);
        assert_eq!(pairs.len(), 1);
        assert_eq!((pairs[0].0.text.as_str(), pairs[0].1.text.as_str()), ("200 million", "400 million"));
    }
}
