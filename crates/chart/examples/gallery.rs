//! Writes sample charts to a folder (default /tmp) and prints their sizes:
//! `cargo run -p mp-chart --example gallery -- /tmp`

#[path = "../tests/support/samples.rs"]
mod samples;

use mp_chart::{ChartStyle, render_svg};

fn main() -> std::io::Result<()> {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "/tmp".into());
    let style = ChartStyle::default();
    let mut all = vec![("chart-line.svg", samples::line_sample()), ("chart-bar.svg", samples::bar_sample())];
    all.extend(samples::extras());
    for (name, chart) in &all {
        let svg = render_svg(chart, &style, &samples::fr);
        let path = std::path::Path::new(&dir).join(name);
        std::fs::write(&path, &svg)?;
        println!("{:>6} bytes  {}", svg.len(), path.display());
    }
    Ok(())
}
