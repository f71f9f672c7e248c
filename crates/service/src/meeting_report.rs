//! The workshop report: a document made from a meeting's record (agenda, participants by
//! organisation, minutes, decisions, action items, the figures discussed with the values they
//! had when they entered the record, and the documents), typeset by the same HTML and PDF
//! renderers as a profile, in the meeting's language.
//!
//! Nothing in it is computed: every figure is the value the store held when the figure was
//! written into the record, traced to that observation, and the report says when that was and
//! which import batch was the latest then.

use crate::ServiceError;
use mp_domain::{AreaCode, AreaRegistry, DatasetId, Framework, Iso3};
use mp_profile::data::kind_of;
use mp_profile::{Arg, Block, Cell, Document, Section, SourceEntry, Subject, Table, Text, Trace, Value};
use mp_store::{MeetingRecord, Store};
use mp_workspace::MeetingRef;
use std::collections::BTreeMap;

/// The template id recorded in a workshop report.
pub const MEETING_REPORT_ID: &str = "meeting-report";

fn msg(id: &str) -> Text {
    Text::msg(id)
}

fn lines(s: &str) -> Vec<&str> {
    s.lines().map(str::trim).filter(|l| !l.is_empty()).collect()
}

fn country_name(areas: &AreaRegistry, c: &Iso3) -> Text {
    areas.get(&AreaCode::from(c.clone())).map(|a| Text::I18n(a.name.clone())).unwrap_or_else(|| Text::plain(c.as_str()))
}

fn list_table(id: &str, title: &str, items: &[&str]) -> Block {
    Block::Table(Table {
        id: id.into(),
        title: msg(title),
        columns: vec![msg("meeting-col-number"), msg(title)],
        rows: items
            .iter()
            .enumerate()
            .map(|(i, t)| vec![Cell::Text(Text::plain((i + 1).to_string())), Cell::Text(Text::plain(*t))])
            .collect(),
        sources: Vec::new(),
        notes: Vec::new(),
    })
}

fn section(id: &str, n: usize, title: &str, blocks: Vec<Block>) -> Section {
    Section { id: id.into(), number: n.to_string(), title: msg(title), themes: Vec::new(), blocks, children: Vec::new() }
}

/// A reference as readers see it: an indicator's name, a section's number.
fn ref_text(fw: &Framework, r: &MeetingRef) -> Text {
    match r {
        MeetingRef::Figure { indicator, period, source } => match fw.find(indicator.as_str()) {
            Some(i) => Text::msg_with(
                "meeting-ref-figure",
                vec![
                    ("indicator", Arg::Text(Text::I18n(i.name.clone()))),
                    ("period", Arg::Period(*period)),
                    ("source", Arg::Text(Text::plain(source.clone()))),
                ],
            ),
            None => Text::plain(r.to_string()),
        },
        MeetingRef::Section(id) => Text::msg_with("meeting-ref-section", vec![("section", Arg::Text(Text::plain(id.clone())))]),
        MeetingRef::Indicator(code) => {
            fw.find(code.as_str()).map(|i| Text::I18n(i.name.clone())).unwrap_or_else(|| Text::plain(code.as_str()))
        }
    }
}

fn joined(parts: Vec<Text>) -> Text {
    let mut out: Option<Text> = None;
    for p in parts {
        out = Some(match out {
            None => p,
            Some(acc) => Text::msg_with("meeting-list-join", vec![("first", Arg::Text(acc)), ("next", Arg::Text(p))]),
        });
    }
    out.unwrap_or_else(|| msg("meeting-none"))
}

/// The workshop report of meeting `m`, read against the store for the sources' names.
pub async fn meeting_report(store: &Store, fw: &Framework, areas: &AreaRegistry, m: &MeetingRecord) -> Result<Document, ServiceError> {
    let names: BTreeMap<(String, String), String> =
        store.datasets().await?.into_iter().map(|d| ((d.source.code.clone(), d.vintage.clone()), d.source.name.clone())).collect();
    let mut sources: Vec<SourceEntry> = Vec::new();
    let countries = joined(m.countries.iter().map(|c| country_name(areas, c)).collect());
    let facts = vec![
        (msg("meeting-field-kind"), msg(&format!("meeting-kind-{}", m.kind.code().replace('_', "-")))),
        (msg("meeting-field-status"), msg(&format!("meeting-status-{}", m.status.code()))),
        (msg("meeting-field-date"), Text::plain(m.held_on.to_string())),
        (msg("meeting-field-place"), Text::plain(m.place.clone())),
        (msg("meeting-field-countries"), countries),
    ];
    let mut sections = vec![section("record", 1, "meeting-report-record", vec![Block::Definitions(facts)])];
    let agenda = lines(&m.agenda);
    sections.push(section(
        "agenda",
        2,
        "meeting-field-agenda",
        vec![if agenda.is_empty() { Block::Note(msg("meeting-none")) } else { list_table("agenda", "meeting-field-agenda", &agenda) }],
    ));
    // Participants by organisation, organisations in the order they first appear.
    let mut orgs: Vec<(&str, Vec<&str>)> = Vec::new();
    for p in &m.participants {
        match orgs.iter_mut().find(|(o, _)| *o == p.organisation) {
            Some((_, names)) => names.push(&p.name),
            None => orgs.push((&p.organisation, vec![&p.name])),
        }
    }
    let participants = if orgs.is_empty() {
        Block::Note(msg("meeting-none"))
    } else {
        Block::Table(Table {
            id: "participants".into(),
            title: msg("meeting-field-participants"),
            columns: vec![msg("meeting-col-organisation"), msg("meeting-field-participants")],
            rows: orgs.iter().map(|(o, ns)| vec![Cell::Text(Text::plain(*o)), Cell::Text(Text::plain(ns.join(", ")))]).collect(),
            sources: Vec::new(),
            notes: Vec::new(),
        })
    };
    sections.push(section("participants", 3, "meeting-field-participants", vec![participants]));
    let minutes = if m.minutes.trim().is_empty() {
        Block::Note(msg("meeting-none"))
    } else {
        Block::Narrative(BTreeMap::from([(m.lang, m.minutes.clone())]))
    };
    sections.push(section("minutes", 4, "meeting-field-minutes", vec![minutes]));
    let decisions = lines(&m.decisions);
    sections.push(section(
        "decisions",
        5,
        "meeting-field-decisions",
        vec![if decisions.is_empty() {
            Block::Note(msg("meeting-none"))
        } else {
            list_table("decisions", "meeting-field-decisions", &decisions)
        }],
    ));
    let actions = if m.actions.is_empty() {
        Block::Note(msg("meeting-none"))
    } else {
        Block::Table(Table {
            id: "actions".into(),
            title: msg("meeting-actions"),
            columns: vec![
                msg("meeting-action-body"),
                msg("meeting-action-owner"),
                msg("meeting-action-due"),
                msg("meeting-field-status"),
                msg("meeting-action-refs"),
            ],
            rows: m
                .actions
                .iter()
                .map(|a| {
                    vec![
                        Cell::Text(Text::plain(a.body.clone())),
                        Cell::Text(Text::plain(a.owner.clone())),
                        Cell::Text(Text::plain(a.due_on.to_string())),
                        Cell::Text(msg(&format!("meeting-action-status-{}", a.status.code()))),
                        Cell::Text(joined(a.refs.iter().map(|r| ref_text(fw, r)).collect())),
                    ]
                })
                .collect(),
            sources: Vec::new(),
            notes: Vec::new(),
        })
    };
    sections.push(section("actions", 6, "meeting-actions", vec![actions]));
    // The figures discussed, with the values they had when they entered the record.
    let mut rows = Vec::new();
    let mut table_sources = Vec::new();
    let mut read: Vec<(&str, i64)> = Vec::new();
    for f in &m.figures {
        let Ok(r @ MeetingRef::Figure { .. }) = MeetingRef::parse(&f.reference) else { continue };
        let MeetingRef::Figure { indicator, period, source } = &r else { continue };
        let cell = match (fw.find(indicator.as_str()), f.value, f.observation_id) {
            (Some(ind), Some(v), Some(obs)) => {
                let scale = 10f64.powi(i32::try_from(f.unit_mult.unwrap_or(0)).unwrap_or(0));
                let name = names.get(&(source.clone(), f.vintage.clone())).cloned().unwrap_or_else(|| source.clone());
                let entry = SourceEntry { code: source.clone(), vintage: f.vintage.clone(), name };
                let at = sources.iter().position(|s| *s == entry).unwrap_or_else(|| {
                    sources.push(entry);
                    sources.len() - 1
                });
                if !table_sources.contains(&at) {
                    table_sources.push(at);
                }
                Cell::Value(Value {
                    v: v * scale,
                    kind: kind_of(ind),
                    decimals: ind.decimals,
                    trace: vec![Trace {
                        record: obs,
                        indicator: indicator.clone(),
                        area: AreaCode::from(m.country.clone()),
                        period: *period,
                        dims: String::new(),
                        dataset: DatasetId { source: source.clone(), vintage: f.vintage.clone() },
                        locator: f.locator.clone(),
                    }],
                    formula: None,
                    status: None,
                })
            }
            _ => Cell::Text(msg("meeting-figure-absent")),
        };
        read.push((&f.read_at, f.import_batch));
        rows.push(vec![Cell::Text(ref_text(fw, &r)), cell, Cell::Text(Text::plain(f.read_at.get(..10).unwrap_or(&f.read_at)))]);
    }
    let figures = if rows.is_empty() {
        Block::Note(msg("meeting-none"))
    } else {
        let batches = read.iter().map(|(_, b)| *b).collect::<std::collections::BTreeSet<_>>();
        let batches = batches.iter().map(i64::to_string).collect::<Vec<_>>().join(", ");
        Block::Table(Table {
            id: "figures".into(),
            title: msg("meeting-figures"),
            columns: vec![msg("meeting-figure-what"), msg("meeting-figure-value"), msg("meeting-figure-read")],
            rows,
            sources: table_sources,
            notes: vec![Text::msg_with("meeting-figures-note", vec![("batches", Arg::Text(Text::plain(batches)))])],
        })
    };
    sections.push(section("figures", 7, "meeting-figures", vec![figures]));
    let docs = lines(&m.documents);
    let outputs = lines(&m.outputs);
    let mut blocks = Vec::new();
    if !docs.is_empty() {
        blocks.push(list_table("documents", "meeting-field-documents", &docs));
    }
    if !outputs.is_empty() {
        blocks.push(list_table("outputs", "meeting-field-outputs", &outputs));
    }
    if blocks.is_empty() {
        blocks.push(Block::Note(msg("meeting-none")));
    }
    sections.push(section("documents", 8, "meeting-field-documents", blocks));
    Ok(Document {
        subject: Subject::Regional { areas: m.countries.iter().cloned().map(AreaCode::from).collect() },
        template: MEETING_REPORT_ID.into(),
        edition: None,
        as_of: m.updated_at.get(..10).unwrap_or(&m.updated_at).to_string(),
        title: Text::plain(m.title.clone()),
        subtitle: Some(Text::msg_with(
            "meeting-report-subtitle",
            vec![
                ("kind", Arg::Text(msg(&format!("meeting-kind-{}", m.kind.code().replace('_', "-"))))),
                ("place", Arg::Text(Text::plain(m.place.clone()))),
                ("date", Arg::Text(Text::plain(m.held_on.to_string()))),
            ],
        )),
        sections,
        sources,
        gaps: Vec::new(),
        coverage: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_skip_blank_lines() {
        assert_eq!(lines(" a \n\n b\n"), ["a", "b"]);
        let Block::Table(t) = list_table("x", "meeting-field-agenda", &["one", "two"]) else { panic!("a table") };
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[1][0], Cell::Text(Text::plain("2")));
    }

    #[test]
    fn joins_in_order() {
        assert_eq!(joined(Vec::new()), msg("meeting-none"));
        assert_eq!(joined(vec![Text::plain("a")]), Text::plain("a"));
        let Text::Msg { id, args } = joined(vec![Text::plain("a"), Text::plain("b")]) else { panic!("a message") };
        assert_eq!((id.as_str(), args.len()), ("meeting-list-join", 2));
    }
}
