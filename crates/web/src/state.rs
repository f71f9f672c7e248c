//! What every request handler shares: the store, the framework, the areas and the templates,
//! loaded once at start-up.

use mp_domain::upload::{NoUploads, UploadReader};
use mp_domain::{AreaRegistry, Framework};
use mp_profile::Template;
use mp_quality::RuleSet;
use mp_store::Store;
use std::sync::Arc;

/// Shared, read-mostly application state (cheap to clone).
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
    uploads: Arc<dyn UploadReader>,
    rules: Arc<RuleSet>,
    pictures: Option<Arc<Rasteriser>>,
    pdf: Option<PdfWriter>,
    mail: Option<Arc<crate::mail::MailSettings>>,
}

/// Turns a chart's SVG into a PNG `width` pixels wide. The binary hands in the PDF writer's
/// (which owns the fonts the charts are laid out for), so this crate needs no rasteriser.
pub type Rasteriser = dyn Fn(&str, u32) -> Result<Vec<u8>, String> + Send + Sync;

/// Typesets a document as PDF in one language (the binary gives `mp-pdf`'s; the portal itself
/// does not link typst).
pub type PdfWriter = Arc<Typesetter>;

/// What typesets a document as PDF in one language.
pub type Typesetter = dyn Fn(&mp_profile::Document, mp_domain::Lang) -> Result<Vec<u8>, String> + Send + Sync;

struct Inner {
    store: Store,
    framework: Framework,
    areas: AreaRegistry,
    profile: Template,
    regional: Template,
}

impl AppState {
    /// Builds the state from what the binary loaded.
    pub fn new(store: Store, framework: Framework, areas: AreaRegistry, profile: Template, regional: Template) -> Self {
        AppState {
            inner: Arc::new(Inner { store, framework, areas, profile, regional }),
            uploads: Arc::new(NoUploads),
            rules: Arc::new(RuleSet::default()),
            pictures: None,
            pdf: None,
            mail: None,
        }
    }
    /// The same state, offering charts as PNG pictures drawn by `rasterise` (without it,
    /// charts download as SVG only).
    pub fn with_pictures(self, rasterise: Arc<Rasteriser>) -> Self {
        AppState { pictures: Some(rasterise), ..self }
    }
    /// What draws charts as PNG pictures, if anything.
    pub fn pictures(&self) -> Option<&Rasteriser> {
        self.pictures.as_deref()
    }
    /// The same state, taking uploads into the TWG workspace with `reader` (the binary gives
    /// the command line's readers; without it, every upload is refused).
    pub fn with_uploads(self, reader: Arc<dyn UploadReader>) -> Self {
        AppState { uploads: reader, ..self }
    }
    /// The same state, checking uploads and publications with the framework's validation
    /// `rules` (loaded once by the binary; without them, no rule applies).
    pub fn with_rules(self, rules: RuleSet) -> Self {
        AppState { rules: Arc::new(rules), ..self }
    }
    /// The same state, typesetting workshop reports as PDF with `pdf` (without it, the
    /// workspace offers the HTML report only).
    pub fn with_pdf(self, pdf: PdfWriter) -> Self {
        AppState { pdf: Some(pdf), ..self }
    }
    /// What typesets PDF downloads (workshop reports, data-collection guides), if the binary
    /// gave one.
    pub fn pdf(&self) -> Option<PdfWriter> {
        self.pdf.clone()
    }
    /// The same state, telling members by e-mail through the SMTP server of `mail` (without
    /// it, nothing is sent; the inbox page is the notification).
    pub fn with_mail(self, mail: crate::mail::MailSettings) -> Self {
        AppState { mail: Some(Arc::new(mail)), ..self }
    }
    /// Where mails go out, if the binary configured a server.
    pub fn mail(&self) -> Option<&crate::mail::MailSettings> {
        self.mail.as_deref()
    }
    /// The validation rules run on every upload and publication.
    pub fn rules(&self) -> &RuleSet {
        self.rules.as_ref()
    }
    /// What reads uploaded files.
    pub fn uploads(&self) -> &dyn UploadReader {
        self.uploads.as_ref()
    }
    /// The store.
    pub fn store(&self) -> &Store {
        &self.inner.store
    }
    /// The indicator framework.
    pub fn framework(&self) -> &Framework {
        &self.inner.framework
    }
    /// Countries and groups.
    pub fn areas(&self) -> &AreaRegistry {
        &self.inner.areas
    }
    /// The country-profile template.
    pub fn profile_template(&self) -> &Template {
        &self.inner.profile
    }
    /// The regional-report template.
    pub fn regional_template(&self) -> &Template {
        &self.inner.regional
    }
}
