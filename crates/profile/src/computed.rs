//! The source cell of a computed figure: "Computed from: World Bank (2024); UN DESA (2024)",
//! naming every source record the figure is computed from, in every table that shows one.

use crate::model::{Arg, Text, Value};
use mp_domain::{DatasetId, I18nText};

/// The message of a computed figure's source cell; its `sources` argument lists the sources.
pub const COMPUTED_FROM: &str = "onefig-computed-from";

/// The datasets a computed figure is evaluated from, each once, in the order of its inputs.
pub fn datasets_of(v: &Value) -> Vec<DatasetId> {
    let mut out: Vec<DatasetId> = Vec::new();
    for t in &v.trace {
        if !out.contains(&t.dataset) {
            out.push(t.dataset.clone());
        }
    }
    out
}

/// "Computed from: a; b": `names` joined by a semicolon (with the narrow no-break space French
/// puts before it).
pub fn computed_from(names: &[String]) -> Text {
    Text::msg_with(COMPUTED_FROM, vec![("sources", Arg::Text(joined(names)))])
}

/// Names joined by semicolons, in each language's typography.
pub fn joined(names: &[String]) -> Text {
    Text::I18n(I18nText::new(names.join("; "), names.join("\u{202f}; "), names.join("; ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_every_source_in_each_language() {
        let t = computed_from(&["World Bank (2024)".into(), "UN DESA (2024)".into()]);
        let Text::Msg { id, args } = t else { panic!("a message") };
        assert_eq!(id, COMPUTED_FROM);
        let Some((_, Arg::Text(Text::I18n(s)))) = args.first() else { panic!("a sources argument") };
        assert_eq!(s.en, "World Bank (2024); UN DESA (2024)");
        assert_eq!(s.fr, "World Bank (2024)\u{202f}; UN DESA (2024)");
    }
}
