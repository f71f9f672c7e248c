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
    pdf: Option<Arc<Typesetter>>,
}

/// What typesets a document as PDF (the binary hands `mp_pdf::document_pdf` in, so the web
/// crate does not compile typst).
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
            pdf: None,
        }
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
    /// The same state, typesetting the workspace's PDF downloads (the data-collection guides)
    /// with `pdf`; without it they are offered as HTML only.
    pub fn with_pdf(self, pdf: Arc<Typesetter>) -> Self {
        AppState { pdf: Some(pdf), ..self }
    }
    /// What typesets PDF downloads, if the binary gave one.
    pub fn pdf(&self) -> Option<Arc<Typesetter>> {
        self.pdf.clone()
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
