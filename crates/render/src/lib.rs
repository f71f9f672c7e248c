//! mprofile rendering of the profile model to HTML.
//!
//! - [`localize`]: texts, figures, source lines and charts of a document in one language;
//!   the PDF renderer uses it too.
//! - [`numbering`]: figure and table numbers in reading order, shared with the PDF.

pub mod localize;
pub mod numbering;

pub use localize::{chart_svg, source_line, text, value};
pub use numbering::{Numbering, numbering};
