//! mprofile messages in English, French and Portuguese, and locale number formatting.
//!
//! - [`format`](mod@format): numbers, percentages, key figures, money, dates and periods, per language.
//! - [`t`], [`has`], [`all_ids`]: messages from `locales/{en,fr,pt-PT}/*.ftl`.
//!
//! Message conventions (the `.ftl` headers repeat them for translators): ids are kebab-case;
//! every message exists in all three languages with the same variables; profile sentences speak
//! of "the country" and never take the country's name as a subject, because French and
//! Portuguese need an article and preposition that depend on the name ("au Sénégal", "en Côte
//! d'Ivoire", "em Cabo Verde", "na Guiné-Bissau"); names of countries, sources and indicators
//! appear only in label positions ("Profil migratoire : Côte d'Ivoire").

#![warn(missing_docs)]

pub mod format;
pub mod ftl;
mod messages;

pub use format::{
    NumberStyle, format_compact, format_compact_axis, format_date, format_money_usd, format_number, format_percent, format_period,
};
pub use messages::{Arg, all_ids, entries, has, locale_dir, obs_status_id, t};

#[cfg(test)]
mod tests;
