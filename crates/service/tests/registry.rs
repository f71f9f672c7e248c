//! The UN human rights treaty status files imported into the registry: every profile country's
//! status of the Migrant Workers Convention as in the file, a second import that changes
//! nothing, a damaged file that changes nothing, the derived T01 indicators (re-derived after a
//! registry change), and the C.1 table.

use mp_domain::{AreaCode, DimensionKey, IndicatorCode, InstrumentCode, InstrumentStatus};
use mp_ingest::Context;
use mp_ingest::files::InputFile;
use mp_ingest::framework_dir::testing::{fixture, repo_root};
use mp_ingest::registry::treaties;
use mp_profile::{Block, Cell, Document, Template, Text};
use mp_store::{ImportOptions, ObsQuery, Store};
use std::path::PathBuf;

/// The public data mirror, or `None` (the test then says it is skipped).
fn mirror() -> Option<PathBuf> {
    let d = std::env::var_os("MPROFILE_DATA").map(PathBuf::from).unwrap_or_else(|| repo_root().join("../shared/data"));
    if d.join(treaties::DIR).is_dir() {
        Some(d)
    } else {
        eprintln!("skipped: the public data mirror with {} is absent (set MPROFILE_DATA)", treaties::DIR);
        None
    }
}

/// `(iso2, status, year)` of the ICMW file's rows, read independently of the adapter.
fn icmw_rows(dir: &std::path::Path) -> Vec<(String, String, Option<i32>)> {
    let text = std::fs::read_to_string(dir.join(treaties::DIR).join("hr_status_icmw.csv")).unwrap();
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    rdr.records()
        .map(|r| {
            let r = r.unwrap();
            (r[0].to_string(), r[6].to_string(), r[3].parse().ok())
        })
        .collect()
}

async fn store_with_treaties(dir: &std::path::Path) -> (tempfile::TempDir, Store) {
    let (fw, areas) = fixture();
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(&tmp.path().join("t.db").display().to_string()).await.unwrap();
    store.load_framework(fw, areas).await.unwrap();
    let imp = treaties::read(dir, &Context::new(fw, areas)).unwrap_or_else(|e| panic!("{e}"));
    let sum = store.import_registry(&[imp], &public()).await.unwrap();
    assert_eq!((sum.changed, sum.unchanged), (0, 0));
    assert_eq!(sum.added, 18 + 18 * 10, "18 instruments and 18 statuses for each of the ten countries");
    (tmp, store)
}

#[tokio::test(flavor = "multi_thread")]
async fn icmw_status_of_the_ten_countries_is_as_in_the_file_and_a_second_import_changes_nothing() {
    let Some(dir) = mirror() else { return };
    let (fw, areas) = fixture();
    let (_tmp, store) = store_with_treaties(&dir).await;
    let ten: Vec<AreaCode> = areas.profile_countries().iter().map(|a| a.code.clone()).collect();
    assert_eq!(ten.len(), 10);
    let view = store.registry_view(&ten).await.unwrap();
    let icmw = InstrumentCode::parse("ICRMW").unwrap();
    let rows = icmw_rows(&dir);
    for area in &ten {
        let iso2 = areas.get(area).and_then(|a| a.iso2.clone()).unwrap();
        let (_, status, year) = rows.iter().find(|(i, _, _)| *i == iso2).unwrap_or_else(|| panic!("{iso2} not in the file"));
        let r = view.ratifications.iter().find(|r| &r.entry.area == area && r.entry.instrument == icmw).unwrap();
        let want = match status.as_str() {
            "state party" => InstrumentStatus::Ratified,
            "signatory state" => InstrumentStatus::Signed,
            _ => InstrumentStatus::NoAction,
        };
        assert_eq!((r.entry.status, r.entry.year), (want, *year), "{area}");
        assert!(r.at.starts_with("un-hr-treaties-ratification/hr_status_icmw.csv row "), "{}", r.at);
    }
    // The file's values as PROVENANCE.md states them, so a wrong reading of the file cannot
    // agree with itself above.
    let expect = [
        ("GHA", Some(2000)),
        ("MLI", Some(2003)),
        ("MRT", Some(2007)),
        ("NER", Some(2009)),
        ("NGA", Some(2009)),
        ("SEN", Some(1999)),
        ("CPV", Some(1997)),
        ("CMR", None),
        ("CIV", None),
        ("COD", None),
    ];
    for (a, y) in expect {
        let r = view.ratifications.iter().find(|r| r.entry.area.as_str() == a && r.entry.instrument == icmw).unwrap();
        assert_eq!(r.entry.year, y, "{a}");
        assert_eq!(r.entry.status.binds(), y.is_some(), "{a}");
    }
    assert_eq!(
        view.ratifications.iter().find(|r| r.entry.area.as_str() == "CMR" && r.entry.instrument == icmw).unwrap().entry.status,
        InstrumentStatus::Signed
    );

    // Again: nothing changes.
    let again = treaties::read(&dir, &Context::new(fw, areas)).unwrap();
    let sum = store.import_registry(&[again], &public()).await.unwrap();
    assert_eq!((sum.added, sum.changed, sum.unchanged, sum.files_added), (0, 0, 198, 0));
    assert_eq!(store.registry_view(&ten).await.unwrap(), view);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_damaged_file_is_refused_with_its_row_and_leaves_the_store_unchanged() {
    let Some(dir) = mirror() else { return };
    let (fw, areas) = fixture();
    let (_tmp, store) = store_with_treaties(&dir).await;
    let before = store.registry_view(&[]).await.unwrap();
    let files: Vec<InputFile> = treaties::files()
        .iter()
        .map(|rel| {
            let mut bytes = std::fs::read(dir.join(rel)).unwrap();
            if rel.ends_with("hr_status_crc.csv") {
                // Senegal's row now says it ratified in "199x", and a row of Ghana lost its status.
                let text = String::from_utf8(bytes).unwrap();
                let text = text
                    .replace("SN,Senegal,1,1990,", "SN,Senegal,1,199x,")
                    .replace(",Ghana,1,1990,0,0,state party", ",Ghana,1,1990,0,0,party");
                bytes = text.into_bytes();
            }
            InputFile::from_bytes(rel, bytes)
        })
        .collect();
    let err = treaties::read_files(&files, &Context::new(fw, areas)).unwrap_err().to_string();
    assert!(err.contains("hr_status_crc.csv"), "{err}");
    assert!(err.contains("199x") && err.contains("year ratification or accession"), "{err}");
    assert!(err.contains("status") && err.contains("\"state party\""), "{err}");
    assert_eq!(store.registry_view(&[]).await.unwrap(), before);

    // A file that reads but names an instrument status the store cannot take refuses the whole
    // import at the store, the entries before it included.
    let mut imp = treaties::read(&dir, &Context::new(fw, areas)).unwrap();
    let last = imp.ratifications.len() - 1;
    imp.ratifications[last].instrument = InstrumentCode::parse("NOT_IN_REGISTRY").unwrap();
    imp.ratifications[0].year = Some(1901);
    let e = store.import_registry(&[imp], &public()).await.unwrap_err().to_string();
    assert!(e.contains("NOT_IN_REGISTRY") && e.contains("nothing was imported"), "{e}");
    assert_eq!(store.registry_view(&[]).await.unwrap(), before);
}

fn table<'d>(doc: &'d Document, id: &str) -> &'d mp_profile::Table {
    fn walk<'d>(s: &'d mp_profile::Section, id: &str) -> Option<&'d mp_profile::Table> {
        s.blocks
            .iter()
            .find_map(|b| match b {
                Block::Table(t) if t.id == id => Some(t),
                _ => None,
            })
            .or_else(|| s.children.iter().find_map(|c| walk(c, id)))
    }
    doc.sections.iter().find_map(|s| walk(s, id)).unwrap_or_else(|| panic!("no table {id}"))
}

fn plain(c: &Cell) -> String {
    match c {
        Cell::Text(Text::Plain(s)) => s.clone(),
        Cell::Text(Text::I18n(t)) => t.en.clone(),
        Cell::Text(Text::Msg { id, .. }) => id.clone(),
        _ => String::new(),
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_registry_feeds_t01_and_the_governance_tables() {
    let Some(dir) = mirror() else { return };
    let (fw, areas) = fixture();
    let (_tmp, store) = store_with_treaties(&dir).await;
    let ten: Vec<AreaCode> = areas.profile_countries().iter().map(|a| a.code.clone()).collect();
    let view = store.registry_view(&ten).await.unwrap();
    let ds = mp_service::registry::derived_dataset(&view, fw, &ten, 2026);
    assert_eq!(ds.observations.len(), 10, "ICRMW is the one instrument of the file in the framework's INSTRUMENT codelist");
    store.import(&[ds], &public(), &|_, _| {}).await.unwrap();
    let ind = IndicatorCode::parse("POL.CONV_RATIF").unwrap();
    let key = DimensionKey::parse("INSTRUMENT=ICRMW").unwrap();
    for (a, want) in [("SEN", 1.0), ("CPV", 1.0), ("CMR", 0.0), ("CIV", 0.0)] {
        let q = ObsQuery { areas: vec![AreaCode::parse(a).unwrap()], indicator: Some(ind.clone()), any_dims: true, ..ObsQuery::default() };
        let recs = store.records(&q).await.unwrap();
        let r = recs.iter().find(|r| r.dims == key).unwrap_or_else(|| panic!("no POL.CONV_RATIF for {a}"));
        assert_eq!(r.value, Some(want), "{a}");
        assert_eq!(r.dataset.source, "mprofile-registry");
        assert!(r.locator.contains("hr_status_icmw.csv row"), "{}", r.locator);
    }

    // C.1 of Senegal lists the 18 instruments, the Migrant Workers Convention with 1999; C.2
    // and C.3 say in one line that their registries are empty.
    let tpl_text = std::fs::read_to_string(repo_root().join("templates/iom-2011.toml")).unwrap();
    let tpl = Template::parse("iom-2011.toml", &tpl_text, fw).unwrap();
    let sen = AreaCode::parse("SEN").unwrap();
    let doc = mp_service::country_document(&store, fw, areas, &tpl, &sen, None).await.unwrap();
    let t = table(&doc, "table-ratifications");
    assert_eq!(t.rows.len(), 18);
    let icmw = t.rows.iter().find(|r| plain(&r[0]).contains("(ICMW)")).unwrap();
    assert_eq!((plain(&icmw[1]).as_str(), plain(&icmw[2]).as_str()), ("instrument-status-ratified", "1999"));
    assert!(plain(&t.rows[0][0]).contains("Migrant Workers"), "the migration convention comes first");
    let c2 = doc.sections.iter().find(|s| s.id == "C").unwrap().children.iter().find(|s| s.id == "C.2").unwrap();
    // The narrative block the template gives C.2 is kept, empty, beside the note (mp_render::awaiting).
    let shown: Vec<_> = c2.blocks.iter().filter(|b| !matches!(b, Block::Narrative(n) if n.is_empty())).cloned().collect();
    assert_eq!(shown, vec![Block::Note(Text::msg("registry-no-institutions"))]);

    // A frozen edition keeps the registry as it was: a later correction does not reach it.
    let records = mp_service::live_records(&store, &sen).await.unwrap();
    store.edition_create(&sen, "2026", "iom-2011", "2026-06-30", &records).await.unwrap();
    store.edition_registry_save(&sen, "2026", &store.registry_view(std::slice::from_ref(&sen)).await.unwrap()).await.unwrap();
    assert!(store.edition_registry_save(&sen, "2026", &view).await.is_err(), "a frozen copy is never overwritten");
    let mut fix = treaties::read(&dir, &Context::new(fw, areas)).unwrap();
    let r = fix.ratifications.iter_mut().find(|r| r.area == sen && r.instrument.as_str() == "ICRMW").unwrap();
    r.year = Some(2001);
    assert_eq!(store.import_registry(&[fix], &public()).await.unwrap().changed, 1);
    let year_of_icmw = |doc: &Document| {
        let t = table(doc, "table-ratifications");
        plain(&t.rows.iter().find(|r| plain(&r[0]).contains("(ICMW)")).unwrap()[2])
    };
    let live = mp_service::country_document(&store, fw, areas, &tpl, &sen, None).await.unwrap();
    let frozen = mp_service::country_document(&store, fw, areas, &tpl, &sen, Some("2026")).await.unwrap();
    assert_eq!((year_of_icmw(&live).as_str(), year_of_icmw(&frozen).as_str()), ("2001", "1999"));

    // The regional report compares the ten countries.
    let rtext = std::fs::read_to_string(repo_root().join("templates/regional.toml")).unwrap();
    let rtpl = Template::parse("regional.toml", &rtext, fw).unwrap();
    let reg = mp_service::regional_document(&store, fw, areas, &rtpl).await.unwrap();
    let t = table(&reg, "table-ratifications-compare");
    assert_eq!(t.rows.len(), 10);
    assert_eq!(plain(&t.rows[0][0]), areas.get(&ten[0]).unwrap().name.en);
    let civ = t.rows.iter().find(|r| plain(&r[0]) == "Côte d'Ivoire").unwrap();
    assert_eq!(plain(&civ[1]), "instrument-status-no-action", "CIV took no action on the ICMW");
}

/// The options of a registry import, which is mprofile's own reading of public files.
fn public() -> ImportOptions {
    ImportOptions { origin: mp_store::Origin::Public, ..ImportOptions::default() }
}

/// The coherence view on the real treaty data: Senegal's C.1 has the 14 themes, each with the
/// treaties covering it or "none recorded", and the regional report compares the ten countries.
#[tokio::test(flavor = "multi_thread")]
async fn coherence_on_the_treaty_data() {
    let Some(dir) = mirror() else { return };
    let (fw, areas) = fixture();
    let (_tmp, store) = store_with_treaties(&dir).await;
    let tpl_text = std::fs::read_to_string(repo_root().join("templates/iom-2011.toml")).unwrap();
    let tpl = Template::parse("iom-2011.toml", &tpl_text, fw).unwrap();
    let sen = AreaCode::parse("SEN").unwrap();
    let doc = mp_service::country_document(&store, fw, areas, &tpl, &sen, None).await.unwrap();
    let t = table(&doc, "table-coherence");
    assert_eq!(t.rows.len(), fw.themes.len());
    let t01 = &t.rows[0];
    assert_eq!(plain(&t01[0]), "T01");
    assert!(plain(&t01[2]).contains("ICMW"), "the ratified ICMW covers T01: {}", plain(&t01[2]));
    // No development plan is in the treaty file: the sentence says it is not known.
    let c1 = doc.sections.iter().find(|s| s.id == "C").unwrap().children.iter().find(|s| s.id == "C.1").unwrap();
    let Some(Block::Paragraph(p)) = c1.blocks.iter().find(|b| matches!(b, Block::Paragraph(_))) else { panic!("no sentences in C.1") };
    assert!(p.iter().any(|s| matches!(s, Text::Msg { id, .. } if id == "coherence-plan-none")));
    // Part D restates it as findings: the themes no treaty covers, the plan not recorded.
    let d = doc.sections.iter().find(|s| s.id == "D").unwrap();
    let Some(Block::Paragraph(f)) = d.blocks.iter().find(|b| matches!(b, Block::Paragraph(_))) else { panic!("no findings in D") };
    let ids: Vec<&str> = f.iter().filter_map(|t| if let Text::Msg { id, .. } = t { Some(id.as_str()) } else { None }).collect();
    assert_eq!(ids[..2], ["gov-finding-uncovered", "gov-finding-plan-unknown"]);
    let html = mp_render::section_html(&doc, d, mp_domain::Lang::Fr);
    assert!(html.contains("On ne sait pas si le plan national de développement traite de la migration"), "{html}");

    let rtext = std::fs::read_to_string(repo_root().join("templates/regional.toml")).unwrap();
    let rtpl = Template::parse("regional.toml", &rtext, fw).unwrap();
    let reg = mp_service::regional_document(&store, fw, areas, &rtpl).await.unwrap();
    assert_eq!(table(&reg, "table-coherence-compare").rows.len(), 10);
    // And compares the ten countries in plain language.
    let g = reg.sections.iter().find(|s| s.id == "governance").unwrap();
    let found = g.blocks.iter().any(|b| {
        matches!(b, Block::Paragraph(p) if p.iter().any(|t| matches!(t, Text::Msg { id, args } if id == "gov-regional-countries"
            && args.iter().any(|(k, a)| k == "recorded" && *a == mp_profile::Arg::Count(10)))))
    });
    assert!(found, "the regional findings count the ten countries with entries");
}

/// An IATI datastore CSV export with two reporting organisations imports in one transaction as
/// two sources; a second import changes nothing; Senegal's C.3 lists its project.
#[tokio::test(flavor = "multi_thread")]
async fn an_iati_csv_export_imports_as_one_source_per_organisation() {
    let (fw, areas) = fixture();
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(&tmp.path().join("t.db").display().to_string()).await.unwrap();
    store.load_framework(fw, areas).await.unwrap();
    let name = "two-activities.csv";
    let input = InputFile::read(&repo_root().join("crates/ingest/tests/fixtures/iati").join(name), name).unwrap();
    let imps = mp_ingest::registry::iati_csv::read(&input, &Context::new(fw, areas), None).unwrap_or_else(|e| panic!("{e}"));
    let sum = store.import_registry(&imps, &public()).await.unwrap();
    assert_eq!(sum.added, 2);
    assert_eq!(store.import_registry(&imps, &public()).await.unwrap().unchanged, 2);
    let view = store.registry_view(&[AreaCode::parse("MLI").unwrap()]).await.unwrap();
    assert_eq!(view.projects.len(), 1);
    assert_eq!(view.projects[0].source, "iati-xm-example-2");
    assert_eq!(view.projects[0].at, "two-activities.csv row 3");
    let tpl_text = std::fs::read_to_string(repo_root().join("templates/iom-2011.toml")).unwrap();
    let tpl = Template::parse("iom-2011.toml", &tpl_text, fw).unwrap();
    let doc = mp_service::country_document(&store, fw, areas, &tpl, &AreaCode::parse("SEN").unwrap(), None).await.unwrap();
    let t = table(&doc, "table-projects");
    assert_eq!(plain(&t.rows[0][0]), "Labour migration governance (example)");
}

/// The demo's check, on the HTML the build writes: C.1 of each of the ten countries shows the
/// ratification table in English, French and Portuguese (the Migrant Workers Convention with
/// the status and year imported from the treaty file), and the empty registries of C.2 and
/// C.3 say so in one line, never as "no data".
#[tokio::test(flavor = "multi_thread")]
async fn c1_shows_the_ratification_table_for_the_ten_countries_in_three_languages() {
    use mp_domain::Lang;
    let Some(dir) = mirror() else { return };
    let (fw, areas) = fixture();
    let (_tmp, store) = store_with_treaties(&dir).await;
    let tpl_text = std::fs::read_to_string(repo_root().join("templates/iom-2011.toml")).unwrap();
    let tpl = Template::parse("iom-2011.toml", &tpl_text, fw).unwrap();
    let ten: Vec<AreaCode> = areas.profile_countries().iter().map(|a| a.code.clone()).collect();
    let view = store.registry_view(&ten).await.unwrap();
    // The words of each language, as the reader sees them (from the locale files).
    let words = |lang: Lang| match lang {
        Lang::En => (
            "Ratified or acceded",
            "Not signed",
            "The institutions registry holds no entry",
            "The project registry holds no",
            "No data available",
        ),
        Lang::Fr => (
            "Ratification ou adhésion",
            "Non signé",
            "Le registre des institutions ne contient",
            "Le registre des projets ne contient",
            "Aucune donnée",
        ),
        Lang::Pt => {
            ("Ratificação ou adesão", "Não assinado", "O registo de instituições ainda não", "O registo de projetos ainda não", "Sem dados")
        }
    };
    let mut checked = 0;
    for area in &ten {
        let doc = mp_service::country_document(&store, fw, areas, &tpl, area, None).await.unwrap();
        let c = doc.sections.iter().find(|s| s.id == "C").unwrap();
        let sub = |id: &str| c.children.iter().find(|s| s.id == id).unwrap_or_else(|| panic!("no {id}"));
        let icmw = view
            .ratifications
            .iter()
            .find(|r| &r.entry.area == area && r.entry.instrument.as_str() == "ICRMW")
            .unwrap_or_else(|| panic!("{area}: no ICMW status"));
        for lang in [Lang::En, Lang::Fr, Lang::Pt] {
            let (ratified, not_signed, no_inst, no_proj, no_data) = words(lang);
            let c1 = mp_render::section_html(&doc, sub("C.1"), lang);
            let tbody =
                c1.split("<tbody>").nth(1).and_then(|t| t.split("</tbody>").next()).unwrap_or_else(|| panic!("{area} {lang}: no table"));
            assert_eq!(tbody.matches("<tr").count(), 18, "{area} {lang}: the 18 instruments of the treaty file");
            let row = tbody.split("<tr").find(|r| r.contains("(ICMW)")).unwrap_or_else(|| panic!("{area} {lang}: no ICMW row"));
            match icmw.entry.status {
                InstrumentStatus::Ratified => assert!(row.contains(ratified), "{area} {lang}: {row}"),
                InstrumentStatus::NoAction => assert!(row.contains(not_signed), "{area} {lang}: {row}"),
                _ => {}
            }
            if let Some(y) = icmw.entry.year {
                assert!(row.contains(&y.to_string()), "{area} {lang}: {y} in {row}");
            }
            for (id, line) in [("C.2", no_inst), ("C.3", no_proj)] {
                let html = mp_render::section_html(&doc, sub(id), lang);
                assert_eq!(html.matches(line).count(), 1, "{area} {lang} {id}: one line saying the registry is empty: {html}");
                assert!(!html.contains(no_data) && !html.contains("<table"), "{area} {lang} {id}: no wall of empty cells: {html}");
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 30);
}

/// The value and locator of POL.NMP stored for Senegal.
async fn stored_nmp(store: &Store) -> Option<(f64, String)> {
    let q = ObsQuery {
        areas: vec![AreaCode::parse("SEN").unwrap()],
        indicator: Some(IndicatorCode::parse("POL.NMP").unwrap()),
        any_dims: true,
        ..ObsQuery::default()
    };
    let recs = store.records(&q).await.unwrap();
    recs.into_iter().find(|r| r.dataset.source == "mprofile-registry").map(|r| (r.value.unwrap(), r.locator))
}

#[tokio::test(flavor = "multi_thread")]
async fn a_policy_status_changed_in_the_registry_changes_pol_nmp_once_re_derived() {
    use mp_domain::registry::RegistryImport;
    use mp_domain::{FileInfo, I18nText, Instrument, InstrumentKind, Provenance, Ratification, SourceInfo, ThemeCode};
    let Some(_) = mirror() else { return };
    let (fw, areas) = fixture();
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(&tmp.path().join("t.db").display().to_string()).await.unwrap();
    store.load_framework(fw, areas).await.unwrap();
    let sen = AreaCode::parse("SEN").unwrap();
    // A hand-written national policy, not a real one.
    let registry = |status: InstrumentStatus| RegistryImport {
        source: SourceInfo {
            code: "test-twg-registry".into(),
            name: "Test registry".into(),
            publisher: "Test".into(),
            licence: "test".into(),
            url: "test".into(),
        },
        vintage: "current".into(),
        files: vec![FileInfo { path: "registry.xlsx".into(), sha256: "0".repeat(64), bytes: 1 }],
        instruments: vec![Instrument {
            code: InstrumentCode::parse("POL_SEN_TEST").unwrap(),
            kind: InstrumentKind::Policy,
            short: "PNM".into(),
            title: I18nText::new("Test migration policy", "Politique de test", "Política de teste"),
            year: Some(2018),
            area: Some(sen.clone()),
            citation: None,
            link: None,
            themes: vec![ThemeCode::parse("T01").unwrap()],
        }],
        ratifications: vec![Ratification {
            instrument: InstrumentCode::parse("POL_SEN_TEST").unwrap(),
            area: sen.clone(),
            status,
            year: Some(2018),
            responsible: None,
            note: None,
            provenance: Provenance { file: 0, locator: "row 3".into() },
        }],
        institutions: vec![],
        projects: vec![],
    };
    let derive = async |store: &Store| {
        let view = store.registry_view(std::slice::from_ref(&sen)).await.unwrap();
        let ds = mp_service::registry::derived_dataset(&view, fw, std::slice::from_ref(&sen), 2026);
        store.import(&[ds], &public(), &|_, _| {}).await.unwrap();
    };
    store.import_registry(&[registry(InstrumentStatus::InPreparation)], &public()).await.unwrap();
    derive(&store).await;
    let (v, at) = stored_nmp(&store).await.expect("a policy in preparation is derived");
    assert_eq!(v, 1.0);
    assert!(at.contains("POL_SEN_TEST"), "{at}");
    assert_eq!(store.import_registry(&[registry(InstrumentStatus::Adopted)], &public()).await.unwrap().changed, 1);
    derive(&store).await;
    assert_eq!(stored_nmp(&store).await.map(|(v, _)| v), Some(2.0), "the adopted policy replaces the draft's value");
}
