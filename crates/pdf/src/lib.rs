//! mprofile PDF typesetting of the profile model with typst.
//!
//! [`document_pdf`] prints a [`Document`] in one language as an A4 PDF a ministry can print:
//! a cover, a table of contents, numbered sections, key-figure boxes, numbered figures and
//! tables with their source lines, running headers and page numbers. The text is what the HTML
//! profile shows: every string and number comes from `mp_render::localize`, and the figure and
//! table numbers from `mp_render::numbering`.
//!
//! The template (`profile.typ`) receives the localised document as a JSON file and each chart
//! as an SVG file, both virtual; user text is JSON data and never typst markup, so a `#` or a
//! `$` in a narrative prints as itself. The same document always gives the same bytes: the PDF
//! date is the document's `as_of` and its identifier a hash of the content.

#![warn(missing_docs)]

mod data;
mod markdown;
mod metrics;
pub mod png;
mod world;

use mp_domain::Lang;
use mp_profile::Document;
use sha2::{Digest, Sha256};
use typst::diag::SourceDiagnostic;
use typst::foundations::{Datetime, Smart};
use typst_pdf::{PdfOptions as TypstPdfOptions, Timestamp};

/// Choices the caller makes about the printed profile; the defaults suit a country profile.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PdfOptions {
    /// The running header; by default the country's name, or the title of a regional document.
    pub short_title: Option<String>,
    /// The publisher line of the cover; by default the `published-by` message for the country.
    /// A regional document has none unless it is given here.
    pub publisher: Option<String>,
    /// A members' draft: the mark (e.g. BROUILLON) and the note saying where its unpublished
    /// figures come from, printed on every page; `None` for a published document.
    pub draft: Option<(String, String)>,
}

/// Why a PDF could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// The template failed on this document (a bug in the template or in its input).
    #[error("typesetting failed: {0}")]
    Typeset(String),
    /// The laid-out document could not be written as PDF.
    #[error("PDF export failed: {0}")]
    Export(String),
}

fn diagnostics(d: &[SourceDiagnostic]) -> String {
    d.iter()
        .map(|d| {
            let hints: String = d.hints.iter().map(|h| format!(" (hint: {})", h.v)).collect();
            format!("{}{hints}", d.message)
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The profile `doc` in `lang` as a PDF file.
///
/// Fonts and the template are loaded once per process and shared by every call, so rendering
/// many profiles costs one font load; calls may run in parallel.
pub fn document_pdf(doc: &Document, lang: Lang, opts: &PdfOptions) -> Result<Vec<u8>, PdfError> {
    // Body tables without codes, gaps listed once (see mp_render::reader).
    let doc = &mp_render::awaiting::for_lang(&mp_render::reader::for_readers(doc), lang, opts.draft.is_some());
    let prepared = data::prepare(doc, lang, opts);
    let json = serde_json::to_vec(&prepared.data).map_err(|e| PdfError::Typeset(e.to_string()))?;

    // The identifier and the date come from the content, never from the clock or chance, so a
    // rebuilt edition is byte-identical and a changed one is told apart.
    let mut hash = Sha256::new();
    hash.update(&json);
    for (path, bytes) in &prepared.files {
        hash.update(path.as_bytes());
        hash.update(bytes);
    }
    let ident: String = hash.finalize().iter().map(|b| format!("{b:02x}")).collect();
    let date = data::ymd(&doc.as_of).and_then(|(y, m, d)| Datetime::from_ymd(y, m, d));

    let mut files = prepared.files;
    files.push(("/data.json".to_string(), json));
    let world = world::ProfileWorld::new(files, date);
    let compiled = typst::compile(&world);
    // typst memoizes layout across compilations; dropping entries unused for a few documents
    // keeps a batch of profiles from growing memory without losing the shared work.
    let out = compiled.output.map_err(|e| PdfError::Typeset(diagnostics(&e)));
    let pdf = out.and_then(|paged| {
        let options = TypstPdfOptions {
            ident: Smart::Custom(ident),
            creator: Smart::Custom(Some("mprofile".to_string())),
            timestamp: date.map(Timestamp::new_utc),
            ..TypstPdfOptions::default()
        };
        typst_pdf::pdf(&paged, &options).map_err(|e| PdfError::Export(diagnostics(&e)))
    });
    comemo::evict(4);
    pdf
}
