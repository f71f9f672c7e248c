//! mprofile domain: codes, periods, observations, the indicator framework and formulas.
//!
//! This crate does no I/O. Every type that crosses a crate boundary is parsed once, at the
//! edge, into a value that cannot be wrong (an indicator code, a period, an ISO country);
//! everything downstream can rely on it.

#![warn(missing_docs)]

pub mod area;
pub mod batch;
pub mod codes;
pub mod compute;
pub mod formula;
pub mod framework;
pub mod national;
pub mod obs;
pub mod period;
pub mod record;
pub mod registry;
pub mod registry_layout;
pub mod submission;
pub mod text;
pub mod upload;

pub use area::{Area, AreaKind, AreaRegistry, Membership};
pub use batch::{DatasetImport, FileInfo, Skip, SourceInfo};
pub use codes::{AreaCode, CodeError, CodeValue, DimensionId, GroupCode, IndicatorCode, Iso3, M49, ThemeCode};
pub use framework::{Framework, FrameworkError, FrameworkFiles, Indicator, Theme};
pub use obs::{DimensionKey, ObsStatus, ObsValue, Observation, Provenance, UnitMult};
pub use period::Period;
pub use record::{DatasetId, Record, SourceSelector, SourceSelectorError};
pub use registry::{Instrument, InstrumentCode, InstrumentKind, InstrumentStatus, Ratification, RegistryImport, RegistryView, Sourced};
pub use text::{I18nText, Lang};
