//! mprofile profile model: one language-neutral document built from a template and the store
