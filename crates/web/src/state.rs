//! What every request handler shares: the store, the framework, the areas and the templates,
//! loaded once at start-up.

use mp_domain::{AreaRegistry, Framework};
use mp_profile::Template;
use mp_store::Store;
use std::sync::Arc;

/// Shared, read-mostly application state (cheap to clone).
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

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
        AppState { inner: Arc::new(Inner { store, framework, areas, profile, regional }) }
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
