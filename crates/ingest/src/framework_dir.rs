//! Reading the framework directory into the `(path, text)` list the domain checks.

use crate::error::{IngestError, Problem};
use mp_domain::FrameworkFiles;
use std::path::Path;

/// Reads `*.toml` directly in `dir`, in `dir/indicators` and in `dir/indicators/national` (the
/// national extensions), with paths relative to `dir`.
pub fn read_framework_dir(dir: &Path) -> Result<FrameworkFiles, IngestError> {
    let shown = dir.display().to_string();
    let mut files = Vec::new();
    for sub in ["", "indicators", "indicators/national"] {
        let d = if sub.is_empty() { dir.to_path_buf() } else { dir.join(sub) };
        let entries = match std::fs::read_dir(&d) {
            Ok(e) => e,
            Err(e) if sub.is_empty() => {
                return Err(IngestError::one(Problem::file(&shown, format!("cannot read the framework directory ({e})"))));
            }
            Err(_) => continue,
        };
        for entry in entries.flatten() {
            let p = entry.path();
            if p.extension().is_some_and(|x| x == "toml") && p.is_file() {
                let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                let rel = if sub.is_empty() { name } else { format!("{sub}/{name}") };
                let text = std::fs::read_to_string(&p).map_err(|e| {
                    IngestError::one(Problem::file(&format!("{shown}/{rel}"), format!("cannot read the file as UTF-8 text ({e})")))
                })?;
                files.push((rel, text));
            }
        }
    }
    files.sort();
    Ok(files)
}

/// The data directory for tests and the demo: `MPROFILE_DATA`, else `../shared/data` beside the
/// repository, when it exists.
pub fn default_data_dir(repo_root: &Path) -> Option<std::path::PathBuf> {
    if let Some(d) = std::env::var_os("MPROFILE_DATA") {
        return Some(d.into());
    }
    let d = repo_root.join("../shared/data");
    d.is_dir().then_some(d)
}

/// Test support: the repository's framework and the real area registry, loaded once.
#[doc(hidden)]
pub mod testing {
    use mp_domain::{AreaRegistry, Framework};
    use std::path::PathBuf;
    use std::sync::OnceLock;

    /// The repository root (two levels above this crate).
    pub fn repo_root() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
    }

    /// The public data mirror; panics with an explanation when it is absent.
    pub fn data_dir() -> PathBuf {
        super::default_data_dir(&repo_root())
            .expect("the public data mirror is missing: set MPROFILE_DATA or place it at ../shared/data beside the repository")
    }

    /// The framework and areas, loaded once per test binary.
    pub fn fixture() -> &'static (Framework, AreaRegistry) {
        static F: OnceLock<(Framework, AreaRegistry)> = OnceLock::new();
        F.get_or_init(|| {
            let root = repo_root();
            let files = super::read_framework_dir(&root.join("framework")).unwrap_or_else(|e| panic!("{e}"));
            let areas_toml = files.iter().find(|(p, _)| p == "areas.toml").map(|(_, t)| t.clone()).unwrap_or_default();
            let areas = crate::areas::load(&data_dir(), &areas_toml, "framework/areas.toml").unwrap_or_else(|e| panic!("{e}"));
            let fw = Framework::from_files(&files, Some(&areas)).unwrap_or_else(|e| panic!("{e}"));
            (fw, areas)
        })
    }
}
