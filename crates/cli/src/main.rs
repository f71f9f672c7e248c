//! The `mprofile` command-line tool.
fn main() {}
