//! Compact SVG number and path output.

use std::fmt::{self, Write};

/// A coordinate rounded to one decimal, without a trailing ".0" or a "-0": a tenth of a user
/// unit is invisible at any size the charts are shown, and every byte counts on a phone plan.
#[derive(Debug, Clone, Copy)]
pub(crate) struct N(pub f64);

impl fmt::Display for N {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `as` saturates and maps NaN to 0, so a stray value can only misplace a mark.
        let tenths = (self.0 * 10.0).round() as i64;
        let sign = if tenths < 0 { "-" } else { "" };
        let abs = tenths.unsigned_abs();
        if abs.is_multiple_of(10) { write!(f, "{sign}{}", abs / 10) } else { write!(f, "{sign}{}.{}", abs / 10, abs % 10) }
    }
}

/// Path data for polylines; after a moveto, further coordinate pairs are implicit linetos.
#[derive(Debug, Default)]
pub(crate) struct Path {
    d: String,
    run: usize,
}

impl Path {
    /// Starts a new subpath at (x, y).
    pub fn move_to(&mut self, x: f64, y: f64) {
        let _ = write!(self.d, "M{} {}", N(x), N(y));
        self.run = 1;
    }

    /// Continues the current subpath, or starts one if there is none.
    pub fn line_to(&mut self, x: f64, y: f64) {
        if self.run == 0 {
            self.move_to(x, y);
        } else {
            let _ = write!(self.d, " {} {}", N(x), N(y));
            self.run += 1;
        }
    }

    /// Ends the current subpath so that the next point starts a new one.
    pub fn lift(&mut self) {
        self.run = 0;
    }

    /// Closes the current subpath.
    pub fn close(&mut self) {
        self.d.push('Z');
        self.run = 0;
    }

    /// Appends raw path data (axis-aligned segments built by the caller).
    pub fn raw(&mut self, args: fmt::Arguments<'_>) {
        let _ = self.d.write_fmt(args);
        self.run = 0;
    }

    pub fn is_empty(&self) -> bool {
        self.d.is_empty()
    }

    pub fn as_str(&self) -> &str {
        &self.d
    }
}

/// Builds the path for points given in order, `None` breaking the line; subpaths of a single
/// point are left out because they draw nothing (isolated points get a dot elsewhere).
pub(crate) fn polyline(points: impl IntoIterator<Item = Option<(f64, f64)>>) -> Path {
    let mut path = Path::default();
    let mut pending: Option<(f64, f64)> = None;
    for p in points {
        match p {
            Some((x, y)) if x.is_finite() && y.is_finite() => {
                if let Some((px, py)) = pending.take() {
                    path.move_to(px, py);
                }
                if path.run == 0 {
                    pending = Some((x, y));
                } else {
                    path.line_to(x, y);
                }
            }
            _ => {
                pending = None;
                path.lift();
            }
        }
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short() {
        let s: Vec<String> = [0.0, -0.0, -0.04, 1.25, 1.24, 10.0, -3.5, 123.456, f64::NAN].iter().map(|v| N(*v).to_string()).collect();
        assert_eq!(s, ["0", "0", "0", "1.3", "1.2", "10", "-3.5", "123.5", "0"]);
        assert_eq!(N(f64::INFINITY).to_string(), (i64::MAX / 10).to_string() + ".7");
    }

    #[test]
    fn polylines_skip_gaps_and_lone_points() {
        let p = polyline([
            Some((0.0, 0.0)),
            Some((1.0, 1.0)),
            None,
            Some((5.0, 5.0)),
            None,
            Some((7.0, 7.0)),
            Some((8.0, 8.5)),
            Some((9.0, f64::NAN)),
        ]);
        assert_eq!(p.as_str(), "M0 0 1 1M7 7 8 8.5");
        assert!(polyline([Some((1.0, 1.0))]).is_empty());
        assert!(polyline([]).is_empty());
    }
}
