//! The Fluent files are compiled into the crate; a new or changed file in `locales/` must
//! rebuild it, which cargo does not notice on its own.

fn main() {
    println!("cargo:rerun-if-changed=locales");
}
