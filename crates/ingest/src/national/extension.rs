//! How the submission template names a national indicator (one of a country's framework
//! extension, see `mp_domain::national`): its sheet title says it is national, so a provider
//! never takes it for a regional indicator that other countries report too.

use mp_domain::{Indicator, Lang};

/// The title of an indicator's sheet: its name, and for a national indicator the mark.
pub fn sheet_title(ind: &Indicator, lang: Lang) -> String {
    let name = ind.name.get(lang);
    match &ind.national {
        None => name.to_string(),
        Some(c) => match lang {
            Lang::En => format!("{name} — national indicator of {c}, not compared between countries"),
            Lang::Fr => format!("{name} — indicateur national ({c}), non comparé entre pays"),
            Lang::Pt => format!("{name} — indicador nacional ({c}), não comparado entre países"),
        },
    }
}
