//! Embeds the framework directory into the binary, so `mprofile` works from any directory;
//! `--framework DIR` still reads another copy at run time.

use std::fmt::Write;
use std::path::Path;

fn main() {
    // Read at run time: a build script compiled once may serve several checkouts.
    let manifest = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into());
    let root = Path::new(&manifest).join("../../framework");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    for sub in ["", "indicators"] {
        let dir = if sub.is_empty() { root.clone() } else { root.join(sub) };
        println!("cargo:rerun-if-changed={}", dir.display());
        if let Ok(entries) = std::fs::read_dir(&dir) {
            for e in entries.flatten() {
                let p = e.path();
                if p.extension().is_some_and(|x| x == "toml") {
                    let name = p.file_name().unwrap_or_default().to_string_lossy().into_owned();
                    let rel = if sub.is_empty() { name } else { format!("{sub}/{name}") };
                    println!("cargo:rerun-if-changed={}", p.display());
                    files.push((rel, p.canonicalize().unwrap_or(p)));
                }
            }
        }
    }
    files.sort();
    let mut out = String::from(
        "/// The framework files compiled into the binary: `(relative path, contents)`.\npub const FILES: &[(&str, &str)] = &[\n",
    );
    for (rel, p) in files {
        let _ = writeln!(out, "    ({rel:?}, include_str!({:?})),", p.display().to_string());
    }
    out.push_str("];\n");
    let templates = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../templates");
    println!("cargo:rerun-if-changed={}", templates.display());
    let mut tpl = Vec::new();
    if let Ok(entries) = std::fs::read_dir(&templates) {
        for e in entries.flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "toml") {
                println!("cargo:rerun-if-changed={}", p.display());
                tpl.push((p.file_name().unwrap_or_default().to_string_lossy().into_owned(), p.canonicalize().unwrap_or(p)));
            }
        }
    }
    tpl.sort();
    out.push_str(
        "/// The profile templates compiled into the binary: `(file name, contents)`.\npub const TEMPLATES: &[(&str, &str)] = &[\n",
    );
    for (name, p) in tpl {
        let _ = writeln!(out, "    ({name:?}, include_str!({:?})),", p.display().to_string());
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap_or_default()).join("framework_files.rs");
    if let Err(e) = std::fs::write(&dest, out) {
        panic!("cannot write {}: {e}", dest.display());
    }
}
