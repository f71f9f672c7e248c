//! Every message a profile needs exists in every language, with the arguments the code gives.
//!
//! Documents are built from the shipped templates over synthetic data shaped so that every
//! builder path runs (several sources, breakdowns, by sex, projections with bands, old and
//! missing data); the ids found in them, the fact ids the builder can name, and the ids the
//! HTML renderer uses itself are checked against the translation files.

use mp_domain::{
    Area, AreaCode, AreaKind, AreaRegistry, DatasetId, DimensionKey, Framework, I18nText, Lang, ObsStatus, Period, Record, RegistryView,
};
use mp_profile::{Arg, Block, Cell, Document, Inputs, Section, Template, Text, build_country, build_regional};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn framework() -> Framework {
    let files = mp_ingest::framework_dir::read_framework_dir(&root().join("framework")).unwrap_or_else(|e| panic!("{e}"));
    Framework::from_files(&files, None).unwrap_or_else(|e| panic!("{e}"))
}

fn template(name: &str, fw: &Framework) -> Template {
    let text = std::fs::read_to_string(root().join("templates").join(name)).unwrap();
    Template::parse(name, &text, fw).unwrap_or_else(|e| panic!("{e}"))
}

fn areas() -> AreaRegistry {
    let a = |code: &str, en: &str, fr: &str, pt: &str| Area {
        code: AreaCode::parse(code).unwrap(),
        iso2: None,
        m49: None,
        name: I18nText::new(en, fr, pt),
        kind: AreaKind::Country,
        profile_language: None,
    };
    AreaRegistry::new(
        vec![a("SEN", "Senegal", "Sénégal", "Senegal"), a("MLI", "Mali", "Mali", "Mali"), a("GIN", "Guinea", "Guinée", "Guiné")],
        Vec::new(),
    )
}

/// Records for every stored (not computed) indicator: two sources, by sex, by counterpart
/// area, and projections with their intervals; `until` cuts observations to make old data.
/// `sparse` leaves out what the builder's fallbacks are for: the denominators of shares and
/// rates, breakdowns by counterpart area, and 80 % intervals.
fn records(fw: &Framework, countries: &[&str], until: i32, sparse: bool) -> Vec<Record> {
    let mut out = Vec::new();
    let mut id = 0;
    let mut push = |ind: &mp_domain::IndicatorCode, area: &str, year: i32, dims: &str, v: f64, status: ObsStatus, source: &str| {
        id += 1;
        out.push(Record {
            id,
            indicator: ind.clone(),
            area: AreaCode::parse(area).unwrap(),
            period: Period::Year(year),
            dims: if dims.is_empty() { DimensionKey::total() } else { DimensionKey::parse(dims).unwrap() },
            value: Some(v),
            status,
            footnote: None,
            dataset: DatasetId { source: source.into(), vintage: "2024".into() },
            source_name: source.to_uppercase(),
            file: "synthetic.csv".into(),
            sha256: String::new(),
            locator: format!("row {id}"),
        });
    };
    let left_out = ["DEV.POP", "DEV.GDP", "NET.RATE", "LAB.YUR"];
    for ind in fw.indicators.iter().filter(|i| i.formula.is_none() && !(sparse && left_out.contains(&i.code.as_str()))) {
        let forecast = ind.code.as_str().starts_with("FCT.");
        for (k, area) in countries.iter().enumerate() {
            let base = 1000.0 * (k + 1) as f64;
            let years: Vec<i32> =
                if forecast { (2025..=2050).step_by(5).collect() } else { (1990..=until).step_by(5).chain([until]).collect() };
            for y in years {
                let v = base + (y - 1990) as f64 * 10.0;
                let status = if forecast { ObsStatus::Forecast } else { ObsStatus::Normal };
                push(&ind.code, area, y, "", v, status, "src-a");
                if forecast {
                    let variants: &[(&str, f64)] = if sparse {
                        &[("LO95", 0.8), ("HI95", 1.2)]
                    } else {
                        &[("LO95", 0.8), ("LO80", 0.9), ("HI80", 1.1), ("HI95", 1.2)]
                    };
                    for (var, f) in variants {
                        push(&ind.code, area, y, &format!("VARIANT={var}"), v * f, status, "src-a");
                    }
                    continue;
                }
                push(&ind.code, area, y, "", v * 1.05, status, "src-b");
                push(&ind.code, area, y, "SEX=F", v * 0.45, status, "src-a");
                push(&ind.code, area, y, "SEX=M", v * 0.55, status, "src-a");
                for (other, share) in countries.iter().filter(|o| *o != area && !sparse).zip([0.3, 0.2]) {
                    push(&ind.code, area, y, &format!("COUNTERPART_AREA={other}"), v * share, status, "src-a");
                }
            }
        }
    }
    out
}

fn texts_of(doc: &Document) -> Vec<&Text> {
    fn walk<'a>(s: &'a Section, out: &mut Vec<&'a Text>) {
        out.push(&s.title);
        for b in &s.blocks {
            match b {
                Block::KeyFigures(k) => out.extend(k.iter().map(|k| &k.label)),
                Block::Paragraph(p) => out.extend(p.iter()),
                Block::Narrative(_) => {}
                Block::Table(t) => {
                    out.push(&t.title);
                    out.extend(t.columns.iter().chain(t.notes.iter()));
                    for c in t.rows.iter().flatten() {
                        if let Cell::Text(t) = c {
                            out.push(t);
                        }
                    }
                }
                Block::Chart(c) => {
                    out.extend([&c.title, &c.y_label, &c.alt]);
                    out.extend(c.categories.iter());
                    out.extend(c.series.iter().flat_map(|s| std::iter::once(&s.name).chain(s.band_label.iter())));
                }
                Block::Note(t) => out.push(t),
                Block::Definitions(d) => out.extend(d.iter().flat_map(|(a, b)| [a, b])),
                Block::Findings(f) => {
                    for e in f.iter().flat_map(|f| f.evidence.iter()) {
                        if let mp_profile::Evidence::Figure { name, area_name, .. } = e {
                            out.extend([name, area_name]);
                        }
                    }
                }
            }
        }
        for c in &s.children {
            walk(c, out);
        }
    }
    let mut out = vec![&doc.title];
    out.extend(doc.subtitle.iter());
    for s in &doc.sections {
        walk(s, &mut out);
    }
    out
}

/// Message id → the argument names the code passes (union over every use).
fn used_messages(t: &Text, out: &mut BTreeMap<String, BTreeSet<String>>) {
    if let Text::Msg { id, args } = t {
        let e = out.entry(id.clone()).or_default();
        e.extend(args.iter().map(|(k, _)| k.clone()));
        for (_, a) in args {
            if let Arg::Text(inner) = a {
                used_messages(inner, out);
            }
        }
    }
}

/// A hand-written registry: an instrument in every status, an institution and a project in
/// every stage, in SEN and MLI.
fn registry() -> RegistryView {
    use mp_domain::registry::{Currency, Date, Institution, Money, Project, ProjectStatus};
    use mp_domain::{Instrument, InstrumentCode, InstrumentKind, InstrumentStatus, Provenance, Ratification, Sourced, ThemeCode};
    let prov = || Provenance { file: 0, locator: "row 2".into() };
    let sourced = |entry| Sourced {
        entry,
        source: "fixture".into(),
        vintage: "2026".into(),
        source_name: "Fixture".into(),
        at: "f.csv row 2".into(),
    };
    let mut v = RegistryView::default();
    for (n, st) in InstrumentStatus::ALL.iter().enumerate() {
        let code = InstrumentCode::parse(&format!("TEST_{n}")).unwrap();
        v.instruments.push(Instrument {
            code: code.clone(),
            kind: InstrumentKind::Convention,
            short: format!("T{n}"),
            title: I18nText::new("Test convention", "Convention d'essai", "Convenção de teste"),
            year: Some(2000),
            area: None,
            citation: None,
            link: None,
            themes: vec![ThemeCode::parse("T01").unwrap()],
        });
        for a in ["SEN", "MLI"] {
            let r = Ratification {
                instrument: code.clone(),
                area: AreaCode::parse(a).unwrap(),
                status: *st,
                year: Some(2001),
                responsible: None,
                note: None,
                provenance: prov(),
            };
            v.ratifications.push(sourced(r));
        }
    }
    let sen = AreaCode::parse("SEN").unwrap();
    v.institutions.push(Sourced {
        entry: Institution {
            area: sen.clone(),
            name: "Direction".into(),
            acronym: Some("D".into()),
            mandate: Some("Coordination".into()),
            parent: None,
            themes: vec![],
            contact: None,
            data_held: None,
            organisation: None,
            provenance: prov(),
        },
        source: "fixture".into(),
        vintage: "2026".into(),
        source_name: "Fixture".into(),
        at: "f.csv row 3".into(),
    });
    for (n, st) in ProjectStatus::ALL.iter().enumerate() {
        v.projects.push(Sourced {
            entry: Project {
                identifier: format!("XM-TEST-{n}"),
                title: "Project".into(),
                reporting_org: "Agency".into(),
                implementing: vec!["Partner".into()],
                donors: vec![],
                countries: vec![sen.clone()],
                themes: vec![],
                sectors: vec![],
                start: Date::parse("2020-01-01").ok(),
                end: None,
                status: Some(*st),
                budget: Some(Money { value: 1000.0, currency: Currency::parse("USD").unwrap() }),
                results: None,
                provenance: prov(),
            },
            source: "fixture".into(),
            vintage: "2026".into(),
            source_name: "Fixture".into(),
            at: "f.xml line 3".into(),
        });
    }
    v
}

fn documents() -> Vec<Document> {
    let fw = framework();
    let areas = areas();
    let sen = AreaCode::parse("SEN").unwrap();
    let narrative = BTreeMap::new();
    let full = records(&fw, &["SEN", "MLI", "GIN"], 2024, false);
    let sparse = records(&fw, &["SEN", "MLI", "GIN"], 2024, true);
    let old = records(&fw, &["SEN", "MLI", "GIN"], 2010, false);
    let none = Vec::new();
    let mut docs = Vec::new();
    let filled = registry();
    let empty = RegistryView::default();
    for recs in [&full, &sparse, &old, &none] {
        // The empty data set also has an empty registry, so both paths of the governance
        // blocks (tables, and the one-line notice) are checked.
        let registry = if recs.is_empty() { &empty } else { &filled };
        let inputs = Inputs {
            framework: &fw,
            areas: &areas,
            records: recs,
            narrative: &narrative,
            edition: None,
            as_of: "2026-01-15".into(),
            registry,
            conflicts: &[],
            previous: None,
            findings: &[],
        };
        for name in ["iom-2011.toml", "wca-2009.toml"] {
            docs.push(build_country(&template(name, &fw), &inputs, &sen));
        }
        let all: Vec<AreaCode> = ["SEN", "MLI", "GIN"].iter().map(|c| AreaCode::parse(c).unwrap()).collect();
        docs.push(build_regional(&template("regional.toml", &fw), &inputs, &all));
    }
    docs
}

/// Message ids named in the builder's source but reached only by data this test cannot make
/// (e.g. computed shares over group memberships): string literals of the builder's message
/// families, and `fact-<id>` for every fact.
fn ids_in_builder_source() -> BTreeSet<String> {
    const FAMILIES: &[&str] = &[
        "fact-",
        "no-data",
        "no-breakdown",
        "chart-",
        "series-",
        "band-",
        "col-",
        "table-",
        "note-",
        "doc-title",
        "computed",
        "area-year",
    ];
    let mut ids: BTreeSet<String> = mp_profile::facts::FACTS.iter().map(|f| format!("fact-{f}")).collect();
    for file in ["build.rs", "facts.rs"] {
        let src = std::fs::read_to_string(root().join("crates/profile/src").join(file)).unwrap();
        for lit in src.split('"').skip(1).step_by(2) {
            let kebab = !lit.is_empty() && lit.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            if kebab && FAMILIES.iter().any(|f| lit.starts_with(f)) && !lit.ends_with('-') && lit != "chart" && lit != "table" {
                ids.insert(lit.to_string());
            }
        }
    }
    // Chart and table ids from the builder's counter and the annexes are not messages.
    ids.retain(|i| !i.starts_with("chart-") || !i[6..].chars().all(|c| c.is_ascii_digit()));
    ids
}

/// Every message id the profile and the renderer use, with the argument names given.
fn used() -> BTreeMap<String, BTreeSet<String>> {
    let mut used: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for doc in documents() {
        for t in texts_of(&doc) {
            used_messages(t, &mut used);
        }
    }
    for id in ids_in_builder_source() {
        // Arguments unknown: the data of this test never reach the code that names it.
        used.entry(id).or_insert_with(|| BTreeSet::from([ANY.to_string()]));
    }
    for (id, args) in mp_render::html::UI_MESSAGES {
        used.entry(id.to_string()).or_default().extend(args.iter().map(|a| a.to_string()));
    }
    used
}

/// Stands for arguments this test could not observe.
const ANY: &str = "*";

/// Missing messages, and messages that use an argument the code does not give.
fn problems(used: &BTreeMap<String, BTreeSet<String>>) -> (Vec<String>, Vec<String>) {
    let mut missing = Vec::new();
    let mut args = Vec::new();
    for (id, given) in used {
        let absent: Vec<&str> = Lang::ALL.iter().filter(|l| !mp_i18n::has(**l, id)).map(|l| l.code()).collect();
        if !absent.is_empty() {
            missing.push(format!("{id} (missing in {})", absent.join(", ")));
            continue;
        }
        // A country's name also reaches the message with its article and prepositions.
        let given: BTreeSet<String> = given
            .iter()
            .flat_map(|g| {
                let forms = mp_render::grammar::NAMED
                    .contains(&g.as_str())
                    .then(|| ["_the", "_The", "_in", "_In", "_of"].map(|suffix| format!("{g}{suffix}")).to_vec());
                std::iter::once(g.clone()).chain(forms.into_iter().flatten())
            })
            .collect();
        for lang in Lang::ALL {
            let Some(e) = mp_i18n::entries(lang).get(id.as_str()) else { continue };
            // A message may use fewer arguments than given; one it uses but is not given breaks.
            let unknown: Vec<&String> = e.variables.iter().filter(|v| !given.contains(*v) && !given.contains(ANY)).collect();
            if !unknown.is_empty() {
                args.push(format!("{id} [{}]: uses {unknown:?}, the code gives {given:?}", lang.code()));
            }
        }
    }
    (missing, args)
}

#[test]
fn every_message_exists_with_its_arguments() {
    let used = used();
    let unreached: Vec<&String> = used.iter().filter(|(_, a)| a.contains(ANY)).map(|(id, _)| id).collect();
    if !unreached.is_empty() {
        eprintln!("named in the builder but not reached by the test data (arguments not checked): {unreached:?}");
    }
    let (missing, args) = problems(&used);
    assert!(
        missing.is_empty() && args.is_empty(),
        "missing messages:\n  {}\n\nargument mismatches:\n  {}",
        missing.join("\n  "),
        args.join("\n  ")
    );
}

#[test]
#[ignore = "until the i18n crate has the renderer's optional messages (download sizes)"]
fn optional_messages_exist() {
    let used =
        mp_render::html::OPTIONAL_MESSAGES.iter().map(|(id, a)| (id.to_string(), a.iter().map(|s| s.to_string()).collect())).collect();
    let (missing, args) = problems(&used);
    assert!(missing.is_empty() && args.is_empty(), "missing: {missing:?}\narguments: {args:?}");
}

#[test]
fn synthetic_data_reach_every_kind_of_block() {
    let docs = documents();
    let mut kinds = BTreeSet::new();
    fn walk(s: &Section, kinds: &mut BTreeSet<&'static str>) {
        for b in &s.blocks {
            kinds.insert(match b {
                Block::KeyFigures(_) => "key",
                Block::Paragraph(_) => "para",
                Block::Narrative(_) => "narr",
                Block::Table(_) => "table",
                Block::Chart(c) if c.forecast_from.is_some() => "forecast",
                Block::Chart(_) => "chart",
                Block::Note(_) => "note",
                Block::Definitions(_) => "defs",
                Block::Findings(_) => "findings",
            });
        }
        s.children.iter().for_each(|c| walk(c, kinds));
    }
    for d in &docs {
        d.sections.iter().for_each(|s| walk(s, &mut kinds));
    }
    // "narr": the builder keeps a narrative block where the template has one, written or not.
    assert_eq!(kinds, ["chart", "defs", "forecast", "key", "narr", "note", "para", "table"].into_iter().collect());
}

#[test]
#[ignore = "writes /tmp/render-full-*.html: whole profiles from the shipped templates over synthetic data"]
fn write_full_samples() {
    for (i, doc) in documents().iter().take(3).enumerate() {
        for lang in Lang::ALL {
            let html = mp_render::document_html(doc, lang, &mp_render::HtmlOptions::default());
            let path = format!("/tmp/render-full-{}-{}.html", doc.template, lang.code());
            eprintln!("{path}: {} bytes", html.len());
            if i < 3 {
                std::fs::write(&path, html).unwrap();
            }
        }
    }
}
