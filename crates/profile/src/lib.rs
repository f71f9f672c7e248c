//! mprofile profile model: from a template (data) and a set of observations, one
//! language-neutral document (sections → blocks: key figures, tables, charts, generated
//! sentences, narrative), each figure carrying the observations it came from.
//!
//! Invariant: this crate does no I/O and computes every figure a reader sees, once; the
//! renderers only format and lay out, so HTML, PDF and web pages cannot disagree.

#![warn(missing_docs)]

pub mod build;
pub mod collection_guide;
pub mod computed;
pub mod coverage;
pub mod data;
pub mod facts;
pub mod findings;
pub mod handbook;
pub mod idps;
pub mod marks;
pub mod model;
pub mod quality;
mod registry;
pub mod registry_coherence;
pub mod registry_findings;
pub mod template;
pub mod views;

pub use build::{Inputs, Narrative, PreviousEdition, build_country, build_regional};
pub use coverage::{CoverageEntry, Covered, Origin};
pub use findings::{EvidenceSpec, FindingSpec};
pub use model::*;
pub use quality::SourceConflict;
pub use template::Template;
