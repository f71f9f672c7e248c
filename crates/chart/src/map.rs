//! A world map shaded by value (a choropleth), e.g. a country's emigrants by country of
//! destination.
//!
//! Shapes are the Natural Earth 1:110m countries as the npm package `world-atlas` ships them
//! (see `assets/README.md`), keyed by M49 code. They are drawn in the Equal Earth projection:
//! equal-area, so that the size of a country on the page does not add weight to its value.
//! Classes are round numbers (1, 2, 5 × 10ⁿ, or powers of ten for wide ranges) so that a
//! reader can say "between 10 000 and 100 000" without a lookup.

use std::collections::HashMap;
use std::fmt::Write;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::frame::{Ctx, LegendItem, Swatch, w};

/// The shapes file, compiled in: the map must draw offline and the same on every machine.
const SHAPES: &str = include_str!("../assets/countries-110m.json");

/// SHA-256 of [`SHAPES`], as copied from `world-atlas` 2.0.2; a test checks it.
pub const SHAPES_SHA256: &str = "2516c915867c7baf18ddec727aec46c315541a07cfb3d79a6559b05d5e94eee8";

/// Sequential blues (ColorBrewer "Blues"), light to dark; the lightest still differs from the
/// grey of "no data".
const RAMP: [&str; 5] = ["#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"];
/// Countries without a value.
const NO_DATA: &str = "#e4e4e4";
/// The country the map is about: the palette's orange, apart from every blue.
const FOCUS: &str = "#D55E00";
/// Antarctica has no migrants to show and would take a fifth of the height.
const ANTARCTICA: u16 = 10;
/// Points closer than this (in user units) to the last one kept are dropped: detail finer than
/// a third of a pixel on a 400-unit drawing costs bytes and shows nothing.
const THIN: f64 = 0.6;

/// A world map: countries shaded by class of value.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MapChart {
    /// Drawn at the top and used as the SVG `<title>`.
    pub title: String,
    /// Text alternative, the SVG `<desc>`: say which countries lead.
    pub alt: String,
    /// The unit, written as given before the classes, e.g. "Persons:".
    pub unit: String,
    /// (M49 code, value) per country; codes without a shape (small islands) are not drawn.
    pub values: Vec<(u16, f64)>,
    /// The country the map is about, drawn apart (it has no value of its own here).
    pub focus: Option<(u16, String)>,
    /// Legend label of countries without a value, e.g. "No data".
    pub no_data: String,
    /// Drawn under the map.
    pub source: String,
    /// When not empty, the drawing is framed on these countries (M49 codes) with a margin
    /// showing their neighbours, instead of the whole world: a regional choropleth.
    pub region: Vec<u16>,
}

/// One country's outline: polygons of rings of arc references (TopoJSON: `!i` is arc `i`
/// reversed).
struct Shape {
    m49: u16,
    polygons: Vec<Vec<Vec<i32>>>,
}

/// The shapes, projected once into Equal Earth units.
struct World {
    arcs: Vec<Vec<(f64, f64)>>,
    shapes: Vec<Shape>,
    /// (min x, min y, max x, max y) of everything drawn.
    bounds: (f64, f64, f64, f64),
}

#[derive(Deserialize)]
struct Topology {
    transform: Transform,
    arcs: Vec<Vec<[i64; 2]>>,
    objects: Objects,
}

#[derive(Deserialize)]
struct Transform {
    scale: [f64; 2],
    translate: [f64; 2],
}

#[derive(Deserialize)]
struct Objects {
    countries: Collection,
}

#[derive(Deserialize)]
struct Collection {
    geometries: Vec<Geometry>,
}

#[derive(Deserialize)]
#[serde(tag = "type")]
enum Geometry {
    Polygon { id: Option<String>, arcs: Vec<Vec<i32>> },
    MultiPolygon { id: Option<String>, arcs: Vec<Vec<Vec<i32>>> },
}

/// Equal Earth (Šavrič, Patterson & Jenny 2018), in radians in, unit-sphere units out; y grows
/// northwards.
fn equal_earth(lon: f64, lat: f64) -> (f64, f64) {
    const A1: f64 = 1.340264;
    const A2: f64 = -0.081106;
    const A3: f64 = 0.000893;
    const A4: f64 = 0.003796;
    let m = 3f64.sqrt() / 2.0;
    let t = (m * lat.sin()).asin();
    let (t2, t6) = (t * t, t.powi(6));
    let x = lon * t.cos() / (m * (A1 + 3.0 * A2 * t2 + t6 * (7.0 * A3 + 9.0 * A4 * t2)));
    let y = t * (A1 + A2 * t2 + t6 * (A3 + A4 * t2));
    (x, y)
}

impl World {
    fn parse(json: &str) -> Result<World, serde_json::Error> {
        let topo: Topology = serde_json::from_str(json)?;
        let [sx, sy] = topo.transform.scale;
        let [tx, ty] = topo.transform.translate;
        let arcs: Vec<Vec<(f64, f64)>> = topo
            .arcs
            .iter()
            .map(|arc| {
                let (mut qx, mut qy) = (0i64, 0i64);
                let mut pts: Vec<(f64, f64)> = arc
                    .iter()
                    .map(|[dx, dy]| {
                        qx += dx;
                        qy += dy;
                        (qx as f64 * sx + tx, qy as f64 * sy + ty)
                    })
                    .collect();
                // Arcs that cross the antimeridian (eastern Russia, Fiji) jump from +180 to -180;
                // their far side is drawn on the eastern edge rather than as a stripe across the map.
                if pts.windows(2).any(|p| (p[1].0 - p[0].0).abs() > 180.0) {
                    for p in &mut pts {
                        if p.0 < 0.0 {
                            p.0 = 180.0;
                        }
                    }
                }
                pts.into_iter().map(|(lon, lat)| equal_earth(lon.to_radians(), lat.to_radians())).collect()
            })
            .collect();
        let mut shapes = Vec::new();
        for g in topo.objects.countries.geometries {
            let (id, polygons) = match g {
                Geometry::Polygon { id, arcs } => (id, vec![arcs]),
                Geometry::MultiPolygon { id, arcs } => (id, arcs),
            };
            // Shapes without an M49 code (Kosovo, Somaliland, N. Cyprus) have no data to show.
            let Some(m49) = id.and_then(|s| s.parse::<u16>().ok()) else { continue };
            if m49 == ANTARCTICA {
                continue;
            }
            shapes.push(Shape { m49, polygons });
        }
        let mut bounds = (f64::INFINITY, f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY);
        for s in &shapes {
            for ring in s.polygons.iter().flatten() {
                for &r in ring {
                    for &(x, y) in arc(&arcs, r).0 {
                        bounds = (bounds.0.min(x), bounds.1.min(y), bounds.2.max(x), bounds.3.max(y));
                    }
                }
            }
        }
        Ok(World { arcs, shapes, bounds })
    }

    /// The compiled-in world, parsed on first use; `None` only if the asset is broken, which a
    /// test rules out.
    fn get() -> Option<&'static World> {
        static WORLD: OnceLock<Option<World>> = OnceLock::new();
        WORLD.get_or_init(|| World::parse(SHAPES).ok()).as_ref()
    }
}

/// The points of arc reference `r` and whether to walk them backwards; an unknown index (a
/// broken asset) reads as an empty arc.
fn arc<P>(arcs: &[Vec<P>], r: i32) -> (&[P], bool) {
    let (i, rev) = if r >= 0 { (r as usize, false) } else { ((!r) as usize, true) };
    (arcs.get(i).map(Vec::as_slice).unwrap_or(&[]), rev)
}

impl World {
    /// The points of one shape, projected.
    fn points<'w>(&'w self, s: &'w Shape) -> impl Iterator<Item = (f64, f64)> + 'w {
        s.polygons.iter().flatten().flatten().flat_map(|r| arc(&self.arcs, *r).0.iter().copied())
    }

    /// (min x, min y, max x, max y) of the shapes of `region`, with a tenth of margin on each
    /// side to show the neighbours; `None` when none of them has a shape.
    fn region_bounds(&self, region: &[u16]) -> Option<(f64, f64, f64, f64)> {
        let mut b = (f64::INFINITY, f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY);
        for s in self.shapes.iter().filter(|s| region.contains(&s.m49)) {
            for (x, y) in self.points(s) {
                b = (b.0.min(x), b.1.min(y), b.2.max(x), b.3.max(y));
            }
        }
        if !b.0.is_finite() || b.2 <= b.0 || b.3 <= b.1 {
            return None;
        }
        let (mx, my) = ((b.2 - b.0) * 0.1, (b.3 - b.1) * 0.1);
        Some((b.0 - mx, b.1 - my, b.2 + mx, b.3 + my))
    }
}

/// West and Central Africa: the UN M49 regions Western Africa (011) and Middle Africa (017).
pub const WEST_CENTRAL_AFRICA: [u16; 25] =
    [204, 854, 132, 384, 270, 288, 324, 624, 430, 466, 478, 562, 566, 686, 694, 768, 24, 120, 140, 148, 178, 180, 226, 266, 678];

/// A locator map for a cover: the countries of `region` framed and tinted, `focus` in the
/// focus orange, neighbours outside the region in grey, `width` units wide (the height
/// follows the region's shape). `None` when no country of `region` has a shape.
pub fn region_locator(focus: u16, region: &[u16], width: f64, alt: &str) -> Option<String> {
    let world = World::get()?;
    let (x0, y0, x1, y1) = world.region_bounds(region)?;
    let k = width / (x1 - x0);
    let height = ((y1 - y0) * k).ceil();
    let inside = |&(x, y): &(f64, f64)| x >= x0 && x <= x1 && y >= y0 && y <= y1;
    let half: Vec<Vec<(i32, i32)>> = world
        .arcs
        .iter()
        .map(|a| a.iter().map(|&(x, y)| (((x - x0) * k * 2.0).round() as i32, ((y1 - y) * k * 2.0).round() as i32)).collect())
        .collect();
    let mut paths: Vec<(&str, String)> = vec![(NO_DATA, String::new()), (RAMP[0], String::new()), (FOCUS, String::new())];
    for s in world.shapes.iter().filter(|s| world.points(s).any(|p| inside(&p))) {
        let i = if s.m49 == focus {
            2
        } else if region.contains(&s.m49) {
            1
        } else {
            0
        };
        for ring in s.polygons.iter().flatten() {
            ring_path(&mut paths[i].1, ring.iter().map(|&r| arc(&half, r)));
        }
    }
    let mut out = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" width="{}" height="{}" role="img"><title>{}</title><rect width="100%" height="100%" fill="#f4f7fb"/><g transform="scale(.5)" stroke="#fff" stroke-width="1.2" stroke-linejoin="round">"##,
        width.round(),
        height,
        width.round(),
        height,
        crate::text::esc(alt)
    );
    for (fill, d) in &paths {
        if !d.is_empty() {
            w!(out, r#"<path d="{d}" fill="{fill}"/>"#);
        }
    }
    out.push_str("</g></svg>");
    Some(out)
}

/// Class limits for `values`: at most four, so at most five classes.
fn breaks(values: &[f64]) -> Vec<f64> {
    let pos: Vec<f64> = values.iter().copied().filter(|v| v.is_finite() && *v > 0.0).collect();
    let (Some(lo), Some(hi)) = (pos.iter().copied().reduce(f64::min), pos.iter().copied().reduce(f64::max)) else {
        return Vec::new();
    };
    let (e0, e1) = (lo.log10().floor() as i32, hi.log10().ceil() as i32);
    let within = |cands: Vec<f64>| -> Vec<f64> { cands.into_iter().filter(|b| *b > lo && *b <= hi).collect() };
    let steps = within((e0..=e1).flat_map(|e| [1.0, 2.0, 5.0].map(|m| m * 10f64.powi(e))).collect());
    if steps.len() <= 4 {
        return steps;
    }
    let decades = within((e0..=e1).map(|e| 10f64.powi(e)).collect());
    // A range of more than five decades keeps the top four: where most of the diaspora lives.
    decades[decades.len().saturating_sub(4)..].to_vec()
}

/// Colours for `n` classes, spread over the ramp.
fn ramp(n: usize) -> Vec<&'static str> {
    match n {
        0 => Vec::new(),
        1 => vec![RAMP[3]],
        2 => vec![RAMP[1], RAMP[4]],
        3 => vec![RAMP[0], RAMP[2], RAMP[4]],
        4 => vec![RAMP[0], RAMP[1], RAMP[3], RAMP[4]],
        _ => RAMP.to_vec(),
    }
}

pub(crate) fn render(c: &MapChart, cx: &mut Ctx<'_>) {
    let vals: Vec<f64> = c.values.iter().map(|(_, v)| *v).filter(|v| v.is_finite()).collect();
    let limits = breaks(&vals);
    let colors = ramp(if vals.is_empty() { 0 } else { limits.len() + 1 });
    let class = |v: f64| limits.iter().filter(|b| v >= **b).count();

    let mut legend = Vec::new();
    if !c.unit.trim().is_empty() && !colors.is_empty() {
        legend.push(LegendItem { swatch: Swatch::None, label: c.unit.trim().to_owned() });
    }
    for (i, color) in colors.iter().enumerate() {
        let label = match (i.checked_sub(1).and_then(|j| limits.get(j)), limits.get(i)) {
            (None, Some(b)) => format!("< {}", cx.label(*b)),
            (Some(a), Some(b)) => format!("{}\u{2013}{}", cx.label(*a), cx.label(*b)),
            (Some(a), None) => format!("\u{2265} {}", cx.label(*a)),
            // One class: every value is the same round number.
            (None, None) => vals.first().map(|v| cx.label(*v)).unwrap_or_default(),
        };
        legend.push(LegendItem { swatch: Swatch::Solid(color), label });
    }
    let world = World::get();
    let has_shape = |m49: u16| world.is_some_and(|w| w.shapes.iter().any(|s| s.m49 == m49));
    if let Some((m49, name)) = &c.focus
        && has_shape(*m49)
    {
        legend.push(LegendItem { swatch: Swatch::Solid(FOCUS), label: name.clone() });
    }
    if !c.no_data.trim().is_empty() {
        legend.push(LegendItem { swatch: Swatch::Solid(NO_DATA), label: c.no_data.clone() });
    }
    // The world is wider than high: when the width limits it, the drawing ends below the map
    // rather than leaving a blank band (a page that shows the title outside has room to spare).
    // A regional map frames its countries; so does a map whose countries all lie in West and
    // Central Africa (the regional report's); any other shows the world.
    let in_region = |m: &u16| WEST_CENTRAL_AFRICA.contains(m);
    let region: &[u16] = if !c.region.is_empty() {
        &c.region
    } else if !c.values.is_empty() && c.values.iter().all(|(m, _)| in_region(m)) && c.focus.as_ref().is_none_or(|(m, _)| in_region(m)) {
        &WEST_CENTRAL_AFRICA
    } else {
        &[]
    };
    let framed = world.and_then(|w| w.region_bounds(region));
    let frame = world.map(|w| framed.unwrap_or(w.bounds));
    if let Some((x0, y0, x1, y1)) = frame {
        let (top, below) = cx.measure_decor(&c.title, &legend, &c.source);
        let map_h = (cx.w - 2.0 * cx.pad) * (y1 - y0) / (x1 - x0);
        let fitted = (top + map_h + below + cx.pad / 2.0).ceil();
        // A region taller than wide (West and Central Africa down to the Congo) gets the height
        // it needs on a narrow screen, up to one and a half times the width.
        cx.h = if framed.is_none() { cx.h.min(fitted) } else { fitted.min(cx.w * 1.5).max(cx.h.min(fitted)) };
    }
    cx.begin(&c.title, &c.alt);
    let (top, bottom) = cx.decor(&c.title, &legend, &c.source);
    let (Some(world), Some((x0, y0, x1, y1))) = (world, frame) else {
        return;
    };

    // Fit the frame into the space between legend and source, centred, north up.
    let (bw, bh) = (cx.w - 2.0 * cx.pad, (bottom - top).max(1.0));
    let k = (bw / (x1 - x0)).min(bh / (y1 - y0));
    let ox = cx.pad + (bw - k * (x1 - x0)) / 2.0;
    let oy = top + (bh - k * (y1 - y0)) / 2.0;
    let project = |(x, y): (f64, f64)| (ox + (x - x0) * k, oy + (y1 - y) * k);

    // Each arc thinned once, so two neighbours share exactly the same border points. Points are
    // kept in half units as integers: drawn at half scale, every coordinate after the first of a
    // ring is a short relative step such as `3-2`, a third of the bytes of absolute decimals.
    let thinned: Vec<Vec<(i32, i32)>> = world
        .arcs
        .iter()
        .map(|a| {
            let mut out: Vec<(i32, i32)> = Vec::with_capacity(a.len());
            for (i, &p) in a.iter().enumerate() {
                let (x, y) = project(p);
                let q = ((x * 2.0).round() as i32, (y * 2.0).round() as i32);
                let last = i + 1 == a.len();
                match out.last() {
                    Some(&l) if l == q => {}
                    Some(&(lx, ly)) if !last && f64::from(q.0 - lx).hypot(f64::from(q.1 - ly)) < 2.0 * THIN => {}
                    _ => out.push(q),
                }
            }
            out
        })
        .collect();

    let by_code: HashMap<u16, f64> = c.values.iter().filter(|(_, v)| v.is_finite()).map(|&(m, v)| (m, v)).collect();
    let focus = c.focus.as_ref().map(|(m, _)| *m);
    // One path per fill: fewer bytes than one per country, and the table under the map names
    // every country and value anyway.
    let mut paths: Vec<(&str, String)> = Vec::new();
    let in_frame = |s: &&Shape| framed.is_none() || world.points(s).any(|(x, y)| x >= x0 && x <= x1 && y >= y0 && y <= y1);
    for s in world.shapes.iter().filter(in_frame) {
        let fill: &'static str = if Some(s.m49) == focus {
            FOCUS
        } else {
            match by_code.get(&s.m49) {
                Some(v) => colors.get(class(*v)).copied().unwrap_or(NO_DATA),
                None => NO_DATA,
            }
        };
        let i = match paths.iter().position(|(f, _)| *f == fill) {
            Some(i) => i,
            None => {
                paths.push((fill, String::new()));
                paths.len() - 1
            }
        };
        for ring in s.polygons.iter().flatten() {
            ring_path(&mut paths[i].1, ring.iter().map(|&r| arc(&thinned, r)));
        }
    }
    // No-data countries first, so shaded borders are drawn over grey ones.
    paths.sort_by_key(|(f, _)| *f != NO_DATA);
    // A framed map cuts its neighbours at the frame: a nested viewport clips without an id
    // that could collide with another chart's on the same page.
    let clip = framed.is_some();
    if clip {
        let (fw, fh) = (k * (x1 - x0), k * (y1 - y0));
        w!(cx.out, r#"<svg x="{ox:.1}" y="{oy:.1}" width="{fw:.1}" height="{fh:.1}" viewBox="{ox:.1} {oy:.1} {fw:.1} {fh:.1}">"#);
    }
    cx.out.push_str(r##"<g transform="scale(.5)" stroke="#fff" stroke-width=".6" stroke-linejoin="round">"##);
    for (fill, d) in &paths {
        if !d.is_empty() {
            w!(cx.out, r#"<path d="{d}" fill="{fill}"/>"#);
        }
    }
    cx.out.push_str("</g>");
    if clip {
        cx.out.push_str("</svg>");
    }
}

/// Appends one closed ring, walked through its arcs, as `M x y l dx dy … z`.
fn ring_path<'a>(d: &mut String, arcs: impl Iterator<Item = (&'a [(i32, i32)], bool)>) {
    let mut at: Option<(i32, i32)> = None;
    let mut steps = 0;
    for (pts, rev) in arcs {
        let ordered: Box<dyn Iterator<Item = &(i32, i32)>> = if rev { Box::new(pts.iter().rev()) } else { Box::new(pts.iter()) };
        for &(x, y) in ordered {
            match at {
                None => {
                    w!(d, "M{x} {y}l");
                }
                // The first point of every arc after the first repeats the last one drawn.
                Some((px, py)) if (px, py) == (x, y) => continue,
                Some((px, py)) => {
                    for (k, v) in [x - px, y - py].into_iter().enumerate() {
                        // A minus sign separates numbers by itself.
                        if (steps > 0 || k > 0) && v >= 0 {
                            d.push(' ');
                        }
                        w!(d, "{v}");
                    }
                    steps += 1;
                }
            }
            at = Some((x, y));
        }
    }
    if at.is_some() {
        if steps == 0 {
            // A ring thinned to one point: keep it valid path data.
            d.push_str("0 0");
        }
        d.push('z');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_locator_frames_the_region_and_marks_the_country() {
        let svg = region_locator(686, &WEST_CENTRAL_AFRICA, 300.0, "Senegal & its region").expect("a map");
        assert!(svg.starts_with("<svg") && svg.contains("<title>Senegal &amp; its region</title>"), "{}", &svg[..200]);
        assert_eq!(svg.matches(&format!("fill=\"{FOCUS}\"")).count(), 1, "the country drawn once");
        assert!(svg.contains(&format!("fill=\"{}\"", RAMP[0])), "the region tinted");
        // Framed on the region: far smaller than the world.
        assert!(svg.len() < 60_000, "{} bytes", svg.len());
        assert!(region_locator(686, &[], 300.0, "none").is_none());
    }

    #[test]
    fn a_map_of_the_region_s_countries_frames_the_region() {
        let map =
            |values: Vec<(u16, f64)>| MapChart {
                title: "Émigrés".into(), values, no_data: "Pas de données".into(), ..MapChart::default()
            };
        let draw = |m: &MapChart| crate::render_svg(&crate::Chart::Map(m.clone()), &crate::ChartStyle::default(), &|v| format!("{v}"));
        let regional = draw(&map(vec![(686, 5.0), (566, 20.0), (180, 1.0)]));
        let world = draw(&map(vec![(686, 5.0), (250, 20.0)]));
        // Only the region and the neighbours its frame cuts are drawn, clipped to the frame:
        // fewer path bytes than the world a map with a country outside the region shows.
        assert!(regional.contains("<svg x=\""), "clipped to the frame");
        assert!(regional.len() * 2 < world.len(), "{} vs {} bytes", regional.len(), world.len());
    }

    #[test]
    fn the_world_loads_without_antarctica() {
        let w = World::get().expect("the compiled-in shapes parse");
        assert!(w.shapes.len() > 170, "{}", w.shapes.len());
        for m49 in [686, 250, 466, 384, 566, 288, 178, 180, 120, 478, 562, 840, 643] {
            assert!(w.shapes.iter().any(|s| s.m49 == m49), "no shape for {m49}");
        }
        assert!(!w.shapes.iter().any(|s| s.m49 == ANTARCTICA));
        let (x0, y0, x1, y1) = w.bounds;
        // Alaska to Chukotka across, Tierra del Fuego (56° S) to the Arctic islands up.
        assert!(x0 < -2.2 && x1 > 2.6 && y0 > -1.1 && y0 < -0.9 && y1 < 1.32, "{:?}", w.bounds);
    }

    #[test]
    fn the_shapes_are_world_atlas_2_0_2() {
        use sha2::Digest;
        assert_eq!(hex::encode(sha2::Sha256::digest(SHAPES.as_bytes())), SHAPES_SHA256);
    }

    #[test]
    fn equal_earth_matches_the_published_extent() {
        let (x, y) = equal_earth(std::f64::consts::PI, 0.0);
        assert!((x - 2.7066).abs() < 1e-3, "{x}");
        assert_eq!(y, 0.0);
        let (x, y) = equal_earth(0.0, std::f64::consts::FRAC_PI_2);
        assert!(x.abs() < 1e-12 && (y - 1.3173).abs() < 1e-3, "{y}");
    }

    #[test]
    fn breaks_are_round_and_at_most_four() {
        assert_eq!(breaks(&[3.0, 40.0, 600.0]), [10.0, 100.0], "seven 1-2-5 steps: decades instead");
        assert_eq!(breaks(&[12.0, 30.0, 90.0]), [20.0, 50.0]);
        assert_eq!(breaks(&[1.0, 176_632.0]), [10.0, 100.0, 1_000.0, 10_000.0, 100_000.0][1..].to_vec());
        assert_eq!(breaks(&[5.0, 5.0]), Vec::<f64>::new());
        assert_eq!(breaks(&[]), Vec::<f64>::new());
        assert_eq!(breaks(&[0.0, -3.0, f64::NAN]), Vec::<f64>::new());
        for vals in [vec![1.0, 2.0, 3e9], vec![0.5, 0.7], vec![7.0, 7_000.0, 7e6]] {
            let b = breaks(&vals);
            assert!(b.len() <= 4 && b.windows(2).all(|w| w[0] < w[1]), "{vals:?} → {b:?}");
        }
    }
}
