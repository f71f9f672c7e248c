//! mprofile rendering of the profile model to HTML.
//!
//! - [`localize`]: texts, figures, source lines and charts of a document in one language;
//!   the PDF renderer uses it too.
//! - [`numbering`]: figure and table numbers in reading order, shared with the PDF.
//! - [`html`]: the self-contained HTML profile and its pieces for the web portal.
//! - [`marks`]: circles on flagged chart points, the footnote that explains a block's marks.
//! - [`awaiting`]: sections waiting for text: marked in a draft, left out and renumbered when published.
//! - [`findings`]: Part D's findings and recommendations with their evidence and where it is shown.
//! - [`grammar`]: country names with their article and prepositions in sentences.
//! - [`markdown`]: narrative Markdown rendered without scripts, raw HTML or requests.

#![warn(missing_docs)]

pub mod awaiting;
pub mod findings;
pub mod grammar;
pub mod html;
pub mod localize;
pub mod markdown;
pub mod marks;
pub mod numbering;
pub mod reader;

pub use html::{CSS, Download, Fragments, HtmlOptions, document_html, section_html};
pub use localize::{chart_svg, source_line, text, value};
pub use numbering::{Numbering, numbering};
