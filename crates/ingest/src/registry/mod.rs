//! Readers for the governance registries: the ratification status of treaties from public
//! files, and the projects agencies publish in the IATI standard. Like the observation
//! adapters, each reads and checks a whole input and returns every entry or every problem.

pub mod iati;
pub mod iati_csv;
pub mod treaties;
pub mod workbook;
