//! mprofile ingestion: readers and per-publisher adapters producing observations with provenance
