//! Tests over all messages: the guarantee that French and Portuguese documents contain no
//! English left, and that every message renders.

use crate::format::{NARROW_NBSP, NBSP, format_compact, format_money_usd, format_number, format_percent};
use crate::ftl::{self, FtlEntry};
use crate::messages::SOURCES;
use crate::{Arg, all_ids, entries, has, locale_dir, obs_status_id, t};
use fluent_templates::fluent_bundle::FluentResource;
use mp_domain::{Lang, ObsStatus};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

fn locales_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("locales")
}

/// Fails with every problem at once, so a translator sees the whole list in one run.
fn assert_no_problems(what: &str, problems: Vec<String>) {
    assert!(problems.is_empty(), "{what}:\n  {}", problems.join("\n  "));
}

#[test]
fn embedded_sources_match_the_locale_folders() {
    let mut dirs: Vec<String> = std::fs::read_dir(locales_root())
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_dir())
        .map(|e| e.file_name().into_string().unwrap())
        .collect();
    dirs.sort();
    let mut want: Vec<String> = Lang::ALL.iter().map(|l| locale_dir(*l).to_string()).collect();
    want.sort();
    assert_eq!(dirs, want, "locales/ must hold exactly one folder per language");
    for lang in Lang::ALL {
        let mut on_disk: Vec<String> = std::fs::read_dir(locales_root().join(locale_dir(lang)))
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n.ends_with(".ftl"))
            .collect();
        on_disk.sort();
        let mut embedded: Vec<String> = SOURCES.iter().filter(|(l, _, _)| *l == lang).map(|(_, n, _)| n.to_string()).collect();
        embedded.sort();
        assert_eq!(on_disk, embedded, "{lang}: add new .ftl files to SOURCES in src/messages.rs");
    }
}

#[test]
fn sources_parse_without_errors_and_the_light_reader_agrees() {
    let mut problems = Vec::new();
    for (lang, name, src) in SOURCES {
        match FluentResource::try_new(src.to_string()) {
            Ok(res) => {
                let n = ftl::parse(src).len();
                if res.entries().count() != n {
                    problems.push(format!(
                        "{}/{name}: fluent sees {} entries, the id reader {n}",
                        locale_dir(*lang),
                        res.entries().count()
                    ));
                }
            }
            Err((_, errors)) => {
                for e in errors {
                    let line = src[..e.pos.start.min(src.len())].lines().count();
                    problems.push(format!("{}/{name}:{line}: {:?}", locale_dir(*lang), e.kind));
                }
            }
        }
    }
    assert_no_problems("Fluent syntax errors", problems);
}

#[test]
fn no_id_is_defined_twice() {
    let mut problems = Vec::new();
    for lang in Lang::ALL {
        let mut seen = BTreeMap::new();
        for (_, name, src) in SOURCES.iter().filter(|(l, _, _)| *l == lang) {
            for e in ftl::parse(src) {
                let key = (e.term, e.id.clone());
                if let Some(first) = seen.insert(key, format!("{name}:{}", e.line)) {
                    problems.push(format!("{lang}: `{}` at {name}:{} and {first}", e.id, e.line));
                }
            }
        }
    }
    assert_no_problems("duplicate message ids (Fluent would ignore the second)", problems);
}

#[test]
fn every_message_exists_in_all_languages_with_the_same_variables() {
    let en = entries(Lang::En);
    assert!(en.len() > 50, "only {} English messages were read", en.len());
    let mut problems = Vec::new();
    for lang in [Lang::Fr, Lang::Pt] {
        let other = entries(lang);
        for (id, e) in en {
            match other.get(id) {
                None => problems.push(format!("`{id}` is missing in {lang}")),
                Some(o) => {
                    // The forms of a country's name (`country_the`, `country_in`, `country_of`,
                    // see mp_render::grammar) are one argument: each language picks the form its
                    // grammar needs ("from Senegal", "originaires du Sénégal").
                    let base = |vars: &BTreeSet<String>| -> BTreeSet<String> {
                        vars.iter()
                            .map(|v| {
                                ["_the", "_The", "_in", "_In", "_of"]
                                    .iter()
                                    .find_map(|suffix| v.strip_suffix(suffix))
                                    .unwrap_or(v)
                                    .to_string()
                            })
                            .collect()
                    };
                    if base(&o.variables) != base(&e.variables) {
                        problems.push(format!("`{id}`: en uses {:?}, {lang} uses {:?}", e.variables, o.variables));
                    }
                    let (a, b): (BTreeSet<_>, BTreeSet<_>) = (e.attributes.iter().collect(), o.attributes.iter().collect());
                    if a != b {
                        problems.push(format!("`{id}`: en has attributes {a:?}, {lang} has {b:?}"));
                    }
                }
            }
        }
        for id in other.keys().filter(|id| !en.contains_key(*id)) {
            problems.push(format!("`{id}` exists in {lang} but not in en"));
        }
    }
    assert_no_problems("messages differ between languages", problems);
}

#[test]
fn no_message_is_empty() {
    let mut problems = Vec::new();
    for lang in Lang::ALL {
        for (id, e) in entries(lang) {
            if e.value.trim().is_empty() && e.attributes.is_empty() {
                problems.push(format!("{lang}: `{id}` is empty"));
            }
        }
    }
    assert_no_problems("empty messages", problems);
}

#[test]
fn ids_are_kebab_case() {
    let ok = |id: &str| {
        id.split('-').all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
            && id.as_bytes()[0].is_ascii_lowercase()
    };
    let bad: Vec<String> = Lang::ALL.iter().flat_map(|l| all_ids(*l)).filter(|id| !ok(id)).collect();
    assert_no_problems("message ids must be kebab-case", bad);
}

/// Arguments for rendering any message: text for every variable, which also exercises the
/// default variant of every selector.
fn dummy_args(e: &FtlEntry) -> Vec<(&str, Arg<'static>)> {
    e.variables.iter().map(|v| (v.as_str(), Arg::text("X"))).collect()
}

#[test]
fn every_message_renders_in_every_language() {
    let mut problems = Vec::new();
    for lang in Lang::ALL {
        for (id, e) in entries(lang) {
            if e.value.is_empty() {
                continue;
            }
            let out = t(lang, id, &dummy_args(e));
            let bad =
                out == format!("[{id}]") || out.trim().is_empty() || out.contains(['{', '}', '\u{2068}', '\u{2069}']) || out.contains("  ");
            if bad {
                problems.push(format!("{lang}: `{id}` renders as {out:?}"));
            }
        }
    }
    assert_no_problems("messages that do not render cleanly", problems);
}

#[test]
fn french_punctuation_has_no_break_spaces() {
    let mut problems = Vec::new();
    for lang in Lang::ALL {
        for (id, e) in entries(lang) {
            // Fluent syntax (`->`, `[one]`, `*[other]`) has none of : ; ! ?, so the raw value will do.
            let cs: Vec<char> = e.value.chars().collect();
            for (i, c) in cs.iter().enumerate() {
                if !matches!(c, ':' | ';' | '!' | '?') {
                    continue;
                }
                let before = i.checked_sub(1).map(|j| cs[j]);
                let after = cs.get(i + 1).copied();
                // Only punctuation that ends a clause; "https://" and "10:30" are left alone.
                if !matches!(after, None | Some(' ' | '\n')) {
                    continue;
                }
                let spaced = matches!(before, Some(NBSP | NARROW_NBSP | ' '));
                match lang {
                    Lang::Fr if *c == ':' && before != Some(NBSP) => {
                        problems.push(format!("fr `{id}`: use a no-break space (U+00A0) before ':'"))
                    }
                    Lang::Fr if *c != ':' && before != Some(NARROW_NBSP) => {
                        problems.push(format!("fr `{id}`: use a narrow no-break space (U+202F) before '{c}'"))
                    }
                    Lang::En | Lang::Pt if spaced => problems.push(format!("{lang} `{id}`: no space before '{c}' in this language")),
                    _ => {}
                }
            }
        }
    }
    assert_no_problems("punctuation spacing", problems);
}

#[test]
fn translations_differ_from_english() {
    // Words that really are the same in the other language.
    let same_fr = [
        "figure",
        "figure-numbered",
        "notes",
        "page",
        "source",
        "sources",
        "area-year",
        "col-code",
        "col-source",
        "series-by-source",
        "period-label",
        "meeting-list-join",
        // Abbreviations and formats that read the same: "p. 12", "Recommandation 2" built from
        // parts, "Section".
        "findings-page",
        "findings-ws-item",
        "findings-ws-section",
        // Acronyms French keeps in their English form.
        "pubdoc-acr-idmc",
        "pubdoc-acr-knomad",
        "pubdoc-acr-unesco",
        "pubdoc-acr-wdi",
        "pubdoc-acr-wpp",
    ];
    let same_pt = [
        "obs-status-g",
        "area-year",
        "series-by-source",
        "legend-unit",
        "period-label",
        "meeting-list-join",
        "findings-page",
        "findings-ws-item",
        "findings-figure",
        "pubdoc-acr-iati",
        "pubdoc-acr-idmc",
        "pubdoc-acr-knomad",
        "pubdoc-acr-unesco",
        "pubdoc-acr-wdi",
        "pubdoc-acr-wpp",
    ];
    let en = entries(Lang::En);
    let mut problems = Vec::new();
    for (lang, allowed) in [(Lang::Fr, &same_fr[..]), (Lang::Pt, &same_pt[..])] {
        for (id, e) in entries(lang) {
            if en.get(id).is_some_and(|x| x.value == e.value) && !allowed.contains(&id.as_str()) {
                problems.push(format!("{lang}: `{id}` is the same as in English: {:?}", e.value));
            }
        }
    }
    assert_no_problems("untranslated messages (or add the id to the allowed list)", problems);
}

#[test]
fn every_observation_status_has_a_label() {
    for status in ObsStatus::all() {
        for lang in Lang::ALL {
            assert!(has(lang, &obs_status_id(status)), "{lang}: no label for {status:?}");
        }
    }
    assert_eq!(t(Lang::Fr, &obs_status_id(ObsStatus::Provisional), &[]), "provisoire");
    assert_eq!(t(Lang::Pt, &obs_status_id(ObsStatus::Estimated), &[]), "estimado");
}

#[test]
fn missing_messages_and_variables_give_the_id_in_brackets() {
    for lang in Lang::ALL {
        assert_eq!(t(lang, "no-such-message", &[]), "[no-such-message]");
        assert_eq!(t(lang, "imm-stock", &[("year", "2020".into())]), "[imm-stock]");
        assert_eq!(t(lang, "site-title.nope", &[]), "[site-title.nope]");
    }
}

#[test]
fn has_and_all_ids() {
    for lang in Lang::ALL {
        assert!(has(lang, "site-title"));
        assert!(has(lang, "imm-stock"));
        assert!(!has(lang, "no-such-message"));
        assert!(!has(lang, "site-title.title"));
        let ids = all_ids(lang);
        assert!(ids.windows(2).all(|w| w[0] < w[1]), "sorted and unique");
        assert_eq!(ids, all_ids(Lang::En));
        assert!(ids.iter().all(|id| has(lang, id)));
    }
}

#[test]
fn ui_labels() {
    assert_eq!(t(Lang::En, "site-title", &[]), "Migration Profiles");
    assert_eq!(t(Lang::Fr, "site-title", &[]), "Profils migratoires");
    assert_eq!(t(Lang::Pt, "site-title", &[]), "Perfis Migratórios");
    let c = |lang| t(lang, "profile-title", &[("country", "Côte d'Ivoire".into())]);
    assert_eq!(c(Lang::En), "Migration Profile: Côte d'Ivoire");
    assert_eq!(c(Lang::Fr), format!("Profil migratoire{NBSP}: Côte d'Ivoire"));
    assert_eq!(c(Lang::Pt), "Perfil Migratório: Côte d'Ivoire");
    let d = |lang| t(lang, "generated-on", &[("date", crate::format_date(2026, 11, 27, lang).into())]);
    assert_eq!(d(Lang::En), "Generated on 27 November 2026");
    assert_eq!(d(Lang::Fr), "Généré le 27 novembre 2026");
    assert_eq!(d(Lang::Pt), "Gerado em 27 de novembro de 2026");
    assert_eq!(t(Lang::Pt, "page-of", &[("page", Arg::Count(3)), ("pages", Arg::Count(12))]), "Página 3 de 12");
}

#[test]
fn profile_sentences() {
    let args = |lang| {
        vec![
            ("year", Arg::text("2020")),
            ("value", Arg::text(format_number(274929.0, 0, lang))),
            ("share", Arg::text(format_percent(1.6, 1, lang))),
        ]
    };
    assert_eq!(
        t(Lang::En, "imm-stock", &args(Lang::En)),
        "In 2020, 274,929 international migrants lived in the country, 1.6% of its population."
    );
    assert_eq!(
        t(Lang::Fr, "imm-stock", &args(Lang::Fr)),
        format!("En 2020, 274{NARROW_NBSP}929 migrants internationaux vivaient dans le pays, soit 1,6{NBSP}% de sa population.")
    );
    assert_eq!(
        t(Lang::Pt, "imm-stock", &args(Lang::Pt)),
        format!("Em 2020, viviam no país 274{NBSP}929 migrantes internacionais, ou seja, 1,6% da população.")
    );
    let r = |lang| {
        t(
            lang,
            "remittances",
            &[("year", "2023".into()), ("value", format_money_usd(20.13e9, lang).into()), ("share", format_percent(9.2, 1, lang).into())],
        )
        .replace([NBSP, NARROW_NBSP], " ")
    };
    assert_eq!(
        r(Lang::En),
        "In 2023, personal remittances received by the country amounted to US$ 20.13 billion, equivalent to 9.2% of GDP."
    );
    assert_eq!(
        r(Lang::Fr),
        "En 2023, les envois de fonds personnels reçus par le pays s'élevaient à 20,13 milliards de dollars US, soit 9,2 % du PIB."
    );
    assert_eq!(
        r(Lang::Pt),
        "Em 2023, as remessas pessoais recebidas pelo país ascenderam a 20,13 mil milhões de dólares, o equivalente a 9,2% do PIB."
    );
    assert_eq!(t(Lang::Pt, "no-data-after", &[("year", "2019".into())]), "Sem dados depois de 2019.");
    assert_eq!(t(Lang::Fr, "no-data", &[]), "Aucune donnée disponible.");
    let differ = t(
        Lang::Fr,
        "two-sources-differ",
        &[
            ("year", "2020".into()),
            ("source1", "DAES".into()),
            ("value1", format_number(274929.0, 0, Lang::Fr).into()),
            ("source2", "Banque mondiale".into()),
            ("value2", format_number(280000.0, 0, Lang::Fr).into()),
        ],
    );
    assert_eq!(differ.replace([NBSP, NARROW_NBSP], " "), "Pour 2020, les sources divergent : 274 929 (DAES) et 280 000 (Banque mondiale).");
}

#[test]
fn net_migration_selects_on_the_sign() {
    let nm = |lang, v: f64| {
        t(lang, "net-migration", &[("year", "2020".into()), ("value", format_compact(v.abs(), lang).into()), ("sign", Arg::sign(v, 0))])
            .replace([NBSP, NARROW_NBSP], " ")
    };
    assert_eq!(nm(Lang::En, -120_000.0), "In 2020, net migration was negative: departures exceeded arrivals by 120 thousand people.");
    assert_eq!(
        nm(Lang::Fr, 120_000.0),
        "En 2020, le solde migratoire était positif : les arrivées ont dépassé les départs de 120 000 personnes."
    );
    assert_eq!(nm(Lang::Pt, -120_000.0), "Em 2020, o saldo migratório foi negativo: as saídas superaram as entradas em 120 mil pessoas.");
    assert!(nm(Lang::Pt, 0.2).contains("nulo"));
    assert!(nm(Lang::En, -0.2).contains("zero"));
}

#[test]
fn arg_sign() {
    assert_eq!(Arg::sign(5.0, 0), Arg::text("positive"));
    assert_eq!(Arg::sign(-5.0, 0), Arg::text("negative"));
    assert_eq!(Arg::sign(0.0, 0), Arg::text("zero"));
    assert_eq!(Arg::sign(-0.04, 1), Arg::text("zero"));
    assert_eq!(Arg::sign(-0.05, 1), Arg::text("negative"));
    assert_eq!(Arg::sign(1234.0, 0), Arg::text("positive"));
}

#[test]
fn plurals_follow_each_language() {
    let hosted = |lang, n: i64| t(lang, "refugees-hosted", &[("year", "2020".into()), ("value", Arg::Count(n))]);
    assert_eq!(hosted(Lang::En, 0), "In 2020, the country hosted 0 refugees.");
    assert_eq!(hosted(Lang::En, 1), "In 2020, the country hosted 1 refugee.");
    assert_eq!(hosted(Lang::En, 2), "In 2020, the country hosted 2 refugees.");
    // French: 0 and 1 are singular.
    assert_eq!(hosted(Lang::Fr, 0), "En 2020, le pays accueillait 0 réfugié.");
    assert_eq!(hosted(Lang::Fr, 1), "En 2020, le pays accueillait 1 réfugié.");
    assert_eq!(hosted(Lang::Fr, 2), "En 2020, le pays accueillait 2 réfugiés.");
    // European Portuguese: only 1 is singular (Brazilian rules would make 0 singular too).
    assert_eq!(hosted(Lang::Pt, 0), "Em 2020, o país acolhia 0 refugiados.");
    assert_eq!(hosted(Lang::Pt, 1), "Em 2020, o país acolhia 1 refugiado.");
    assert_eq!(hosted(Lang::Pt, 2), "Em 2020, o país acolhia 2 refugiados.");
    // Counts are shown in the language's number format.
    assert_eq!(hosted(Lang::En, 1_234_567), "In 2020, the country hosted 1,234,567 refugees.");
    assert_eq!(hosted(Lang::Fr, 12_345), format!("En 2020, le pays accueillait 12{NARROW_NBSP}345 réfugiés."));
    assert_eq!(hosted(Lang::Pt, 12_345), format!("Em 2020, o país acolhia 12{NBSP}345 refugiados."));
    assert_eq!(hosted(Lang::Fr, -3), "En 2020, le pays accueillait \u{2212}3 réfugiés.");
    // Preformatted text takes the plural.
    let text = t(Lang::En, "refugees-hosted", &[("year", "2020".into()), ("value", "1.2 million".into())]);
    assert_eq!(text, "In 2020, the country hosted 1.2 million refugees.");
}

#[test]
fn no_isolation_marks() {
    for lang in Lang::ALL {
        let out = t(lang, "no-data-after", &[("year", "2019".into())]);
        assert!(!out.contains(['\u{2068}', '\u{2069}']), "{out:?}");
    }
}
