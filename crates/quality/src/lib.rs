//! mprofile data quality: what a statistics office checks before it trusts a figure.
//!
//! - [`rules`]: validation rules read from the framework's `rules.toml` (ranges by unit and by
//!   indicator, parts not above their whole, women + men = total, comparisons between formulas
//!   such as the migrant stock not above the population), parsed once into types;
//! - [`check`]: runs the rules over a set of [`Figure`]s (an import batch, or the whole store) and
//!   names every violation with its file, row or cell, value, rule and what was expected;
//! - [`outliers`]: robust outlier tests (modified z-score on the median absolute deviation, Hampel
//!   filter, year-on-year jumps on a log scale, breaks between vintages);
//! - [`conflicts`]: the same figure from two or more sources, side by side;
//! - [`mirror`]: what each side of a bilateral corridor reports;
//! - [`sources`]: each data source scored per quality dimension for each country, with the
//!   evidence; [`score`] fills the T03 indicators from those scores.
//!
//! The crate does no I/O: callers hand it figures and framework text, and store what it returns.

#![warn(missing_docs)]

pub mod check;
pub mod conflicts;
pub mod figure;
pub mod mirror;
pub mod outliers;
pub mod rules;
pub mod score;
pub mod sources;

pub use check::{Violation, check};
pub use figure::{Figure, Location};
pub use rules::{Importance, RuleSet, RulesError, Severity};
