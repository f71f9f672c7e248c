//! Messages in English, French and Portuguese, from the Fluent files under `locales/`.
//!
//! Portuguese lives in `locales/pt-PT/`, not `locales/pt/`: fluent picks plural rules from the
//! folder name, and plain `pt` gets the Brazilian rules, where 0 is singular ("0 refugiado").
//! The profiles use European Portuguese (Cabo Verde, Guinea-Bissau, São Tomé and Príncipe),
//! where 0 is plural ("0 refugiados").
//!
//! There is no fallback between languages: a message missing in French renders as `[id]`, not
//! in English, so a French document can never silently contain English.

use crate::format::{NumberStyle, format_number};
use crate::ftl::{self, FtlEntry};
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, langid, static_loader};
use mp_domain::{Lang, ObsStatus};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        customise: |bundle| {
            // Isolation marks (U+2068/U+2069) would end up as invisible characters in HTML and PDF.
            bundle.set_use_isolating(false);
            match bundle.locales.first().map(|l| l.language.as_str()) {
                Some("fr") => bundle.set_formatter(Some(number_fr)),
                Some("pt") => bundle.set_formatter(Some(number_pt)),
                _ => bundle.set_formatter(Some(number_en)),
            }
        },
    };
}

static EN: LanguageIdentifier = langid!("en");
static FR: LanguageIdentifier = langid!("fr");
static PT: LanguageIdentifier = langid!("pt-PT");

/// The folder under `locales/` that holds a language's `.ftl` files.
pub fn locale_dir(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "en",
        Lang::Fr => "fr",
        Lang::Pt => "pt-PT",
    }
}

fn langid(lang: Lang) -> &'static LanguageIdentifier {
    match lang {
        Lang::En => &EN,
        Lang::Fr => &FR,
        Lang::Pt => &PT,
    }
}

/// The `.ftl` sources, embedded for listing ids. A test checks this list against the folders,
/// so a new file that is not added here fails the build's tests rather than going unlisted.
pub(crate) const SOURCES: &[(Lang, &str, &str)] = &[
    (Lang::En, "builder.ftl", include_str!("../locales/en/builder.ftl")),
    (Lang::En, "profile.ftl", include_str!("../locales/en/profile.ftl")),
    (Lang::En, "ui.ftl", include_str!("../locales/en/ui.ftl")),
    (Lang::En, "web.ftl", include_str!("../locales/en/web.ftl")),
    (Lang::En, "workspace.ftl", include_str!("../locales/en/workspace.ftl")),
    (Lang::En, "registry.ftl", include_str!("../locales/en/registry.ftl")),
    (Lang::Fr, "builder.ftl", include_str!("../locales/fr/builder.ftl")),
    (Lang::Fr, "profile.ftl", include_str!("../locales/fr/profile.ftl")),
    (Lang::Fr, "ui.ftl", include_str!("../locales/fr/ui.ftl")),
    (Lang::Fr, "web.ftl", include_str!("../locales/fr/web.ftl")),
    (Lang::Fr, "workspace.ftl", include_str!("../locales/fr/workspace.ftl")),
    (Lang::Fr, "registry.ftl", include_str!("../locales/fr/registry.ftl")),
    (Lang::Pt, "builder.ftl", include_str!("../locales/pt-PT/builder.ftl")),
    (Lang::Pt, "profile.ftl", include_str!("../locales/pt-PT/profile.ftl")),
    (Lang::Pt, "ui.ftl", include_str!("../locales/pt-PT/ui.ftl")),
    (Lang::Pt, "web.ftl", include_str!("../locales/pt-PT/web.ftl")),
    (Lang::Pt, "workspace.ftl", include_str!("../locales/pt-PT/workspace.ftl")),
    (Lang::Pt, "registry.ftl", include_str!("../locales/pt-PT/registry.ftl")),
    // The registry's findings in plain language and its review in the workspace.
    (Lang::En, "governance.ftl", include_str!("../locales/en/governance.ftl")),
    (Lang::Fr, "governance.ftl", include_str!("../locales/fr/governance.ftl")),
    (Lang::Pt, "governance.ftl", include_str!("../locales/pt-PT/governance.ftl")),
    // The forecasting module's messages, in their own files.
    (Lang::En, "forecast.ftl", include_str!("../locales/en/forecast.ftl")),
    (Lang::Fr, "forecast.ftl", include_str!("../locales/fr/forecast.ftl")),
    (Lang::Pt, "forecast.ftl", include_str!("../locales/pt-PT/forecast.ftl")),
    // How the previous edition's forecasts did, in the next edition.
    (Lang::En, "forecast-track.ftl", include_str!("../locales/en/forecast-track.ftl")),
    (Lang::Fr, "forecast-track.ftl", include_str!("../locales/fr/forecast-track.ftl")),
    (Lang::Pt, "forecast-track.ftl", include_str!("../locales/pt-PT/forecast-track.ftl")),
    // Which series the profiles do not forecast, and why.
    (Lang::En, "forecast-scope.ftl", include_str!("../locales/en/forecast-scope.ftl")),
    (Lang::Fr, "forecast-scope.ftl", include_str!("../locales/fr/forecast-scope.ftl")),
    (Lang::Pt, "forecast-scope.ftl", include_str!("../locales/pt-PT/forecast-scope.ftl")),
    // The data quality section and pages.
    (Lang::En, "quality.ftl", include_str!("../locales/en/quality.ftl")),
    (Lang::Fr, "quality.ftl", include_str!("../locales/fr/quality.ftl")),
    (Lang::Pt, "quality.ftl", include_str!("../locales/pt-PT/quality.ftl")),
    // Each data source scored per quality dimension.
    (Lang::En, "source-scores.ftl", include_str!("../locales/en/source-scores.ftl")),
    (Lang::Fr, "source-scores.ftl", include_str!("../locales/fr/source-scores.ftl")),
    (Lang::Pt, "source-scores.ftl", include_str!("../locales/pt-PT/source-scores.ftl")),
    // The portal's Sources page in plain words and the comparison by year.
    (Lang::En, "portal.ftl", include_str!("../locales/en/portal.ftl")),
    (Lang::Fr, "portal.ftl", include_str!("../locales/fr/portal.ftl")),
    (Lang::Pt, "portal.ftl", include_str!("../locales/pt-PT/portal.ftl")),
    // Members' drafts and a figure's history in the workspace.
    (Lang::En, "draft.ftl", include_str!("../locales/en/draft.ftl")),
    (Lang::Fr, "draft.ftl", include_str!("../locales/fr/draft.ftl")),
    (Lang::Pt, "draft.ftl", include_str!("../locales/pt-PT/draft.ftl")),
    // Meetings and workshops, their action items and reports.
    (Lang::En, "meeting.ftl", include_str!("../locales/en/meeting.ftl")),
    (Lang::Fr, "meeting.ftl", include_str!("../locales/fr/meeting.ftl")),
    (Lang::Pt, "meeting.ftl", include_str!("../locales/pt-PT/meeting.ftl")),
    (Lang::En, "history.ftl", include_str!("../locales/en/history.ftl")),
    (Lang::Fr, "history.ftl", include_str!("../locales/fr/history.ftl")),
    (Lang::Pt, "history.ftl", include_str!("../locales/pt-PT/history.ftl")),
    // The narrative in the TWG workspace.
    (Lang::En, "narrative.ftl", include_str!("../locales/en/narrative.ftl")),
    (Lang::Fr, "narrative.ftl", include_str!("../locales/fr/narrative.ftl")),
    (Lang::Pt, "narrative.ftl", include_str!("../locales/pt-PT/narrative.ftl")),
    // Part D's findings and recommendations, and the workspace page that records them.
    (Lang::En, "findings.ftl", include_str!("../locales/en/findings.ftl")),
    (Lang::Fr, "findings.ftl", include_str!("../locales/fr/findings.ftl")),
    (Lang::Pt, "findings.ftl", include_str!("../locales/pt-PT/findings.ftl")),
    // Optional e-mail notifications.
    (Lang::En, "mail.ftl", include_str!("../locales/en/mail.ftl")),
    (Lang::Fr, "mail.ftl", include_str!("../locales/fr/mail.ftl")),
    (Lang::Pt, "mail.ftl", include_str!("../locales/pt-PT/mail.ftl")),
    // The indicator handbook.
    (Lang::En, "handbook.ftl", include_str!("../locales/en/handbook.ftl")),
    (Lang::Fr, "handbook.ftl", include_str!("../locales/fr/handbook.ftl")),
    (Lang::Pt, "handbook.ftl", include_str!("../locales/pt-PT/handbook.ftl")),
    // Discussion threads and the inbox.
    (Lang::En, "discuss.ftl", include_str!("../locales/en/discuss.ftl")),
    (Lang::Fr, "discuss.ftl", include_str!("../locales/fr/discuss.ftl")),
    (Lang::Pt, "discuss.ftl", include_str!("../locales/pt-PT/discuss.ftl")),
    // Short source names for readers.
    (Lang::En, "reader.ftl", include_str!("../locales/en/reader.ftl")),
    (Lang::Fr, "reader.ftl", include_str!("../locales/fr/reader.ftl")),
    (Lang::Pt, "reader.ftl", include_str!("../locales/pt-PT/reader.ftl")),
    // Flagged figures and sentences quoting several sources, in their own files.
    (Lang::En, "onefig.ftl", include_str!("../locales/en/onefig.ftl")),
    (Lang::Fr, "onefig.ftl", include_str!("../locales/fr/onefig.ftl")),
    (Lang::Pt, "onefig.ftl", include_str!("../locales/pt-PT/onefig.ftl")),
    // The document library, the data-collection guides and texts awaiting writing.
    (Lang::En, "library.ftl", include_str!("../locales/en/library.ftl")),
    (Lang::Fr, "library.ftl", include_str!("../locales/fr/library.ftl")),
    (Lang::Pt, "library.ftl", include_str!("../locales/pt-PT/library.ftl")),
    // New national indicators: proposals and the national mark.
    (Lang::En, "national.ftl", include_str!("../locales/en/national.ftl")),
    (Lang::Fr, "national.ftl", include_str!("../locales/fr/national.ftl")),
    (Lang::Pt, "national.ftl", include_str!("../locales/pt-PT/national.ftl")),
    // The documents as publications: acronyms of the printed profile.
    (Lang::En, "pubdoc.ftl", include_str!("../locales/en/pubdoc.ftl")),
    (Lang::Fr, "pubdoc.ftl", include_str!("../locales/fr/pubdoc.ftl")),
    (Lang::Pt, "pubdoc.ftl", include_str!("../locales/pt-PT/pubdoc.ftl")),
    // The home page while a server just started is still building the profiles.
    (Lang::En, "warmup.ftl", include_str!("../locales/en/warmup.ftl")),
    (Lang::Fr, "warmup.ftl", include_str!("../locales/fr/warmup.ftl")),
    (Lang::Pt, "warmup.ftl", include_str!("../locales/pt-PT/warmup.ftl")),
    // The registry workbook downloaded and uploaded in the workspace.
    (Lang::En, "registry-workbook.ftl", include_str!("../locales/en/registry-workbook.ftl")),
    (Lang::Fr, "registry-workbook.ftl", include_str!("../locales/fr/registry-workbook.ftl")),
    (Lang::Pt, "registry-workbook.ftl", include_str!("../locales/pt-PT/registry-workbook.ftl")),
];

/// Every message (not term) of every language, by id.
static INDEX: LazyLock<HashMap<Lang, BTreeMap<String, FtlEntry>>> = LazyLock::new(|| {
    let mut index: HashMap<Lang, BTreeMap<String, FtlEntry>> = HashMap::new();
    for (lang, _, src) in SOURCES {
        let messages = index.entry(*lang).or_default();
        for e in ftl::parse(src).into_iter().filter(|e| !e.term) {
            // Fluent keeps the first definition of an id; so does the index.
            messages.entry(e.id.clone()).or_insert(e);
        }
    }
    index
});

/// The messages of one language, by id, as read from the `.ftl` sources.
pub fn entries(lang: Lang) -> &'static BTreeMap<String, FtlEntry> {
    static EMPTY: BTreeMap<String, FtlEntry> = BTreeMap::new();
    INDEX.get(&lang).unwrap_or(&EMPTY)
}

/// An argument of a message.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg<'a> {
    /// Text shown as is: a name, a date, or a number already formatted (`format_number`,
    /// `format_compact`…). Plural selectors see text as `other`. Pass years as text.
    Text(Cow<'a, str>),
    /// A count, shown in the language's number format and used for plural selection.
    Count(i64),
}

impl<'a> Arg<'a> {
    /// Text shown as is.
    pub fn text(s: impl Into<Cow<'a, str>>) -> Self {
        Arg::Text(s.into())
    }

    /// The `sign` of a value for messages that select on it: `positive`, `negative` or `zero`,
    /// as the value would show at `decimals` places (so −0.04 shown as 0.0 is `zero`).
    pub fn sign(v: f64, decimals: u8) -> Self {
        let shown = format_number(v, decimals, Lang::En);
        let s = if shown.bytes().all(|b| matches!(b, b'0' | b'.' | b',')) {
            "zero"
        } else if v < 0.0 {
            "negative"
        } else {
            "positive"
        };
        Arg::Text(Cow::Borrowed(s))
    }

    fn to_fluent(&self) -> FluentValue<'_> {
        match self {
            Arg::Text(s) => FluentValue::String(Cow::Borrowed(s.as_ref())),
            Arg::Count(n) => FluentValue::from(*n),
        }
    }
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(s: &'a str) -> Self {
        Arg::Text(Cow::Borrowed(s))
    }
}

impl From<String> for Arg<'_> {
    fn from(s: String) -> Self {
        Arg::Text(Cow::Owned(s))
    }
}

impl From<i64> for Arg<'_> {
    fn from(n: i64) -> Self {
        Arg::Count(n)
    }
}

/// Renders message `id` (or `id.attribute`) in `lang` with `args`.
///
/// A missing message, a missing variable or any other Fluent error gives `[id]`, in every
/// language and without logging: the tests over all messages are where such errors are caught.
pub fn t(lang: Lang, id: &str, args: &[(&str, Arg)]) -> String {
    let map: HashMap<&str, FluentValue> = args.iter().map(|(k, v)| (*k, v.to_fluent())).collect();
    LOCALES.lookup_single_language(langid(lang), id, Some(&map)).unwrap_or_else(|_| format!("[{id}]"))
}

/// Whether message `id` (or `id.attribute`) exists in `lang` with a value [`t`] can render.
pub fn has(lang: Lang, id: &str) -> bool {
    let (msg, attr) = match id.split_once('.') {
        Some((m, a)) => (m, Some(a)),
        None => (id, None),
    };
    entries(lang).get(msg).is_some_and(|e| match attr {
        Some(a) => e.attributes.iter().any(|x| x == a),
        None => !e.value.is_empty(),
    })
}

/// Every message id of `lang`, sorted.
pub fn all_ids(lang: Lang) -> Vec<String> {
    entries(lang).keys().cloned().collect()
}

/// The message id of an observation status label: `obs-status-e` for estimated.
pub fn obs_status_id(status: ObsStatus) -> String {
    format!("obs-status-{}", status.code().to_ascii_lowercase())
}

/// Shows Fluent numbers (from [`Arg::Count`] or literals) in the language's format.
fn number_with(style: NumberStyle, value: &FluentValue) -> Option<String> {
    let FluentValue::Number(n) = value else {
        return None;
    };
    let decimals = n.options.minimum_fraction_digits.unwrap_or_else(|| {
        let shortest = format!("{}", n.value);
        shortest.split_once('.').map_or(0, |(_, f)| f.len())
    });
    Some(style.number(n.value, u8::try_from(decimals).unwrap_or(u8::MAX)))
}

fn number_en<M>(value: &FluentValue, _: &M) -> Option<String> {
    number_with(NumberStyle::EN, value)
}

fn number_fr<M>(value: &FluentValue, _: &M) -> Option<String> {
    number_with(NumberStyle::FR, value)
}

fn number_pt<M>(value: &FluentValue, _: &M) -> Option<String> {
    number_with(NumberStyle::PT, value)
}
