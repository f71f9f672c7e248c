//! Every figure of the Senegal profile traces back to an observation in the store, and the French
//! document shows them formatted the French way.

use mp_domain::{AreaCode, Lang};
use mp_ingest::framework_dir::testing::{data_dir, fixture, repo_root};
use mp_ingest::sources;
use mp_ingest::{Context, ReadReport};
use mp_profile::Template;
use mp_store::{ImportOptions, Origin, Store};
use std::collections::HashMap;

#[tokio::test(flavor = "multi_thread")]
async fn every_figure_of_the_senegal_profile_is_a_stored_observation() {
    let (fw, areas) = fixture();
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("t.db").display().to_string()).await.unwrap();
    store.load_framework(fw, areas).await.unwrap();
    let ctx = Context::new(fw, areas);
    let mut report = ReadReport::default();
    for fam in ["undesa-ims", "wpp2024", "worldbank", "unhcr", "gapminder", "idmc"] {
        let s = sources::find(fam).unwrap();
        report.merge((s.read)(&data_dir(), &ctx).unwrap_or_else(|e| panic!("{e}")));
    }
    store.import(&report.datasets, &ImportOptions { origin: Origin::Public, ..ImportOptions::default() }, &|_, _| {}).await.unwrap();

    let text = std::fs::read_to_string(repo_root().join("templates/iom-2011.toml")).unwrap();
    let tpl = Template::parse("iom-2011.toml", &text, fw).unwrap();
    let sen = AreaCode::parse("SEN").unwrap();
    let doc = mp_service::country_document(&store, fw, areas, &tpl, &sen, None).await.unwrap();
    let stored: HashMap<i64, mp_domain::Record> =
        mp_service::live_records(&store, &sen).await.unwrap().into_iter().map(|r| (r.id, r)).collect();

    let values = doc.values();
    assert!(values.len() > 200, "only {} figures", values.len());
    let mut checked = 0;
    for v in &values {
        assert!(!v.trace.is_empty(), "a figure without provenance: {v:?}");
        for t in &v.trace {
            let r = stored
                .get(&t.record)
                .unwrap_or_else(|| panic!("figure {} traces to observation {}, which the store does not hold", v.v, t.record));
            assert_eq!((&r.indicator, &r.area, r.period, r.dataset.to_string()), (&t.indicator, &t.area, t.period, t.dataset.to_string()));
            assert_eq!(r.locator, t.locator);
        }
        if v.formula.is_none() && v.trace.len() == 1 {
            let r = &stored[&v.trace[0].record];
            assert_eq!(r.value, Some(v.v), "{v:?}");
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} stored figures compared");

    // The key figure "international migrants" is the 2024 UN DESA figure, shown in French as 281 867.
    let html = mp_render::document_html(&doc, Lang::Fr, &Default::default());
    let imm = stored.values().find(|r| r.indicator.as_str() == "IMM.STOCK" && r.dims.is_total() && r.period.to_string() == "2024").unwrap();
    assert_eq!(imm.value, Some(281_867.0));
    assert!(html.contains("281\u{202f}867"), "the French document should print 281 867 with a narrow no-break space");
    assert!(html.contains("lang=\"fr\""));

    // The diaspora map: every destination country placed by its M49 code, Senegal drawn apart,
    // France (176,632 emigrants in 2024) the first.
    fn maps<'a>(s: &'a [mp_profile::Section], out: &mut Vec<&'a mp_profile::Chart>) {
        for s in s {
            for b in &s.blocks {
                if let mp_profile::Block::Chart(c) = b
                    && c.kind == mp_profile::ChartKind::Map
                {
                    out.push(c);
                }
            }
            maps(&s.children, out);
        }
    }
    let mut found = Vec::new();
    maps(&doc.sections, &mut found);
    assert_eq!(found.len(), 1, "one diaspora map in the IOM template");
    let map = found[0];
    let m = map.map.as_ref().expect("a map says where its categories are");
    assert_eq!(m.m49.len(), map.categories.len());
    assert!(m.m49.len() > 50, "{} destinations", m.m49.len());
    assert_eq!((m.m49[0], map.series[0].values[0].as_ref().map(|v| v.v)), (250, Some(176_632.0)));
    assert_eq!(m.focus.as_ref().map(|f| f.0), Some(686));
    let svg = mp_render::localize::chart_svg(map, Lang::Fr, &doc);
    let legend: Vec<&str> = svg.split("<text").skip(1).filter_map(|t| t.split('>').nth(1)?.split('<').next()).collect();
    assert!(legend.contains(&"Personnes\u{a0}:") && legend.contains(&"Sénégal") && svg.contains("#D55E00"), "{legend:?}");
}
