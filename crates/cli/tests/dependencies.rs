//! Data flow one way: ingest → store → service → profile → render / pdf / export → web / cli.
//! No output crate depends on the input crate, and the input crate writes nothing, checked over
//! `cargo metadata` so a new dependency that breaks the flow fails here.

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

/// The workspace's `cargo metadata`.
fn metadata() -> Value {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--no-deps", "--offline"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata runs");
    assert!(out.status.success(), "cargo metadata: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("cargo metadata prints JSON")
}

/// Each workspace crate's normal (not dev, not build) dependencies on other workspace crates.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let meta = metadata();
    let packages = meta["packages"].as_array().expect("packages");
    let names: BTreeSet<String> = packages.iter().filter_map(|p| p["name"].as_str().map(str::to_string)).collect();
    packages
        .iter()
        .map(|p| {
            let deps = p["dependencies"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|d| d["kind"].is_null())
                .filter_map(|d| d["name"].as_str().map(str::to_string))
                .filter(|n| names.contains(n))
                .collect();
            (p["name"].as_str().unwrap_or_default().to_string(), deps)
        })
        .collect()
}

/// Every crate `name` depends on, directly or not.
fn closure(g: &BTreeMap<String, BTreeSet<String>>, name: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut todo = vec![name.to_string()];
    while let Some(n) = todo.pop() {
        for d in g.get(&n).into_iter().flatten() {
            if seen.insert(d.clone()) {
                todo.push(d.clone());
            }
        }
    }
    seen
}

#[test]
fn no_output_crate_depends_on_ingest() {
    let g = graph();
    // The graph is read: the binary, which imports, does reach ingest.
    assert!(closure(&g, "mprofile").contains("mp-ingest"), "{g:?}");
    for out in ["mp-render", "mp-pdf", "mp-export", "mp-web", "mp-profile", "mp-service", "mp-chart", "mp-i18n"] {
        assert!(g.contains_key(out), "{out} is a workspace crate");
        let deps = closure(&g, out);
        assert!(!deps.contains("mp-ingest"), "{out} depends on mp-ingest: {deps:?}");
    }
}

#[test]
fn ingest_reads_and_writes_nothing_out() {
    let g = graph();
    let deps = closure(&g, "mp-ingest");
    for out in ["mp-export", "mp-render", "mp-pdf", "mp-web", "mp-store", "mp-profile"] {
        assert!(!deps.contains(out), "mp-ingest depends on {out}: {deps:?}");
    }
}

#[test]
fn ingest_has_no_workbook_writer() {
    // The XLSX writers (the submission template, the registry workbook) live in mp-export.
    let meta = metadata();
    let ingest = meta["packages"].as_array().into_iter().flatten().find(|p| p["name"] == "mp-ingest").expect("mp-ingest");
    let writers: Vec<&Value> =
        ingest["dependencies"].as_array().into_iter().flatten().filter(|d| d["kind"].is_null() && d["name"] == "rust_xlsxwriter").collect();
    assert!(writers.is_empty(), "mp-ingest depends on rust_xlsxwriter");
}

#[test]
fn the_graph_has_no_cycle() {
    let g = graph();
    for name in g.keys() {
        assert!(!closure(&g, name).contains(name), "{name} depends on itself");
    }
}
