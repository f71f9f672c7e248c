//! The registry workbook brought back from offline work, turned into proposed changes.
//!
//! The TWG workspace's upload and `mprofile registry import` (without `--public`) share this:
//! the workbook's rows that belong to a country's workspace registry source
//! (`nat-<iso3>-twg-registry`) or to no source yet are compared with what the registry holds;
//! each row that adds or changes an entry becomes a [`NewProposal`] that then goes through the
//! same review as the workspace's forms (another member approves, the secretariat publishes).
//! Rows of other sources are there for reference and are left alone. Nothing is proposed unless
//! every row can be: each problem names the sheet, the row, the column and what was expected.

use mp_domain::registry::{Institution, Project};
use mp_domain::registry_layout::{AS_OF_FIELD, WorkbookEntries, WorkbookItem};
use mp_domain::upload::{ReadProblem, ReadRejected};
use mp_domain::{AreaCode, Instrument, InstrumentCode, Iso3, Provenance, Ratification, RegistryView};
use mp_store::{NewProposal, RegistryChange, Store, StoreError, workspace_registry_source};
use mp_workspace::{Action, Membership, Target, authorize};
use std::collections::{HashMap, HashSet};

/// The country whose workspace registry source `code` is (`nat-sen-twg-registry` → SEN).
pub fn workspace_source_country(code: &str) -> Option<AreaCode> {
    let iso = code.strip_prefix("nat-")?.strip_suffix("-twg-registry")?;
    (iso.len() == 3 && iso.chars().all(|c| c.is_ascii_lowercase())).then(|| AreaCode::parse(&iso.to_ascii_uppercase()).ok()).flatten()
}

/// Whether a member with `memberships` may propose changes to `area`'s registry.
pub fn may_propose(memberships: &[Membership], area: &AreaCode) -> bool {
    match area {
        AreaCode::Country(c) => authorize(memberships, Action::ProposeRegistry, &Target::country(c)) == mp_workspace::Decision::Allow,
        _ => false,
    }
}

/// The countries, among `countries`, whose registry a member with `memberships` may change.
pub fn proposable(memberships: &[Membership], countries: &[AreaCode]) -> Vec<AreaCode> {
    countries.iter().filter(|a| may_propose(memberships, a)).cloned().collect()
}

/// The registry of `areas` as the workspace's workbook shows it: entries of the workspace's
/// own sources cite, in `read_at`, where they were read (not the proposal that wrote them), so
/// a workbook downloaded and uploaded unchanged proposes nothing.
pub async fn workbook_view(store: &Store, areas: &[AreaCode]) -> Result<RegistryView, StoreError> {
    let mut view = store.registry_view(areas).await?;
    let own = |s: &str| workspace_source_country(s).is_some();
    for r in view.ratifications.iter_mut().filter(|r| own(&r.source)) {
        r.at = r.entry.provenance.locator.clone();
    }
    for r in view.institutions.iter_mut().filter(|r| own(&r.source)) {
        r.at = r.entry.provenance.locator.clone();
    }
    for r in view.projects.iter_mut().filter(|r| own(&r.source)) {
        r.at = r.entry.provenance.locator.clone();
    }
    Ok(view)
}

/// The newest import batch: written as the workbook's `as_of` field, so an upload can tell an
/// entry changed since the download.
pub async fn as_of(store: &Store) -> Result<i64, StoreError> {
    Ok(store.import_generation().await?.1.unwrap_or(0))
}

fn problem(sheet: &str, row: u64, column: &str, value: &str, expected: impl Into<String>) -> ReadProblem {
    ReadProblem {
        sheet: sheet.to_string(),
        row: row.to_string(),
        column: column.to_string(),
        value: value.to_string(),
        expected: expected.into(),
    }
}

/// A change read from one row, before its version is looked up.
struct Planned {
    sheet: &'static str,
    row: u64,
    area: AreaCode,
    change: RegistryChange,
}

/// The proposals a workbook read for review makes, for a member with `memberships`: one per
/// row that adds or changes an entry of a country whose registry the member may change. Every
/// problem otherwise (all or nothing). `orgs` are the workspace organisations' codes an
/// institution may name.
pub async fn proposals(
    store: &Store,
    wb: &WorkbookEntries,
    memberships: &[Membership],
    orgs: &HashSet<String>,
) -> Result<Result<Vec<NewProposal>, ReadRejected>, StoreError> {
    let view = workbook_view(store, &[]).await?;
    let mut problems: Vec<ReadProblem> = Vec::new();
    let scope_text = || {
        let mut s: Vec<String> = memberships.iter().filter_map(|m| m.scope.country.as_ref().map(Iso3::to_string)).collect();
        s.sort();
        s.dedup();
        format!("a country whose registry you may change ({})", s.join(", "))
    };
    let ws = |a: &AreaCode| workspace_registry_source(a).code;
    // A row naming one country's workspace source belongs to that country.
    let country_of_source = |source: &str, sheet: &str, row: u64, problems: &mut Vec<ReadProblem>| -> Option<AreaCode> {
        if source.is_empty() {
            return None;
        }
        let a = workspace_source_country(source);
        if a.is_none() {
            problems.push(problem(
                sheet,
                row,
                "source",
                source,
                "empty for a new entry, or the workspace source the row was exported with",
            ));
        }
        a
    };

    // Instruments the workbook describes, by code, with their row.
    let mut described: HashMap<InstrumentCode, (&Instrument, u64)> = HashMap::new();
    for e in &wb.entries {
        if let WorkbookItem::Instrument(i) = &e.item
            && described.insert(i.code.clone(), (i, e.row)).is_some()
        {
            problems.push(problem(e.sheet, e.row, "code", i.code.as_str(), "each instrument once"));
        }
    }
    // An instrument the registry has from a public record is described there; the TWG describes
    // only those it added (those a workspace status cites).
    let twg_instrument =
        |c: &InstrumentCode| view.ratifications.iter().any(|r| &r.entry.instrument == c && workspace_source_country(&r.source).is_some());
    let redescribed = |i: &Instrument| match view.instrument(&i.code) {
        None => true,
        Some(known) => known != i,
    };
    for (code, (i, row)) in &described {
        if view.instrument(code).is_some() && redescribed(i) && !twg_instrument(code) {
            problems.push(problem(
                "instruments",
                *row,
                "code",
                code.as_str(),
                "an instrument the TWG added: this one is described by its public source, correct it there",
            ));
        }
    }

    let mut planned: Vec<Planned> = Vec::new();
    let mut seen: HashSet<(String, String, String)> = HashSet::new();
    let mut statuses_of: HashMap<InstrumentCode, Vec<usize>> = HashMap::new();
    for e in &wb.entries {
        let cite = Provenance { file: 0, locator: e.read_at.clone() };
        let (area, column, value) = match &e.item {
            WorkbookItem::Instrument(_) => continue,
            WorkbookItem::Status(r) => (Some(r.area.clone()), "country", r.area.to_string()),
            WorkbookItem::Institution(i) => (Some(i.area.clone()), "country", i.area.to_string()),
            WorkbookItem::Project(p) => {
                let from_source = country_of_source(&e.source, e.sheet, e.row, &mut problems);
                let a = from_source.or_else(|| p.countries.iter().find(|a| may_propose(memberships, a)).cloned());
                let listed = p.countries.iter().map(|a| a.as_str()).collect::<Vec<_>>().join(" ");
                (a.filter(|a| p.countries.contains(a)), "countries", listed)
            }
        };
        let Some(area) = area.filter(|a| may_propose(memberships, a)) else {
            problems.push(problem(e.sheet, e.row, column, &value, scope_text()));
            continue;
        };
        if !matches!(e.item, WorkbookItem::Project(_))
            && let Some(a) = country_of_source(&e.source, e.sheet, e.row, &mut problems)
            && a != area
        {
            problems.push(problem(e.sheet, e.row, "source", &e.source, format!("{} (the row's country)", ws(&area))));
            continue;
        }
        let change = match &e.item {
            WorkbookItem::Instrument(_) => continue,
            WorkbookItem::Status(r) => {
                let instrument = described.get(&r.instrument).map(|(i, _)| (*i).clone()).filter(redescribed);
                if instrument.is_none() && view.instrument(&r.instrument).is_none() {
                    problems.push(problem(
                        e.sheet,
                        e.row,
                        "instrument",
                        r.instrument.as_str(),
                        "an instrument of the registry, or one described on the instruments sheet",
                    ));
                    continue;
                }
                statuses_of.entry(r.instrument.clone()).or_default().push(planned.len());
                RegistryChange::Status { instrument, status: Ratification { provenance: cite, ..r.clone() } }
            }
            WorkbookItem::Institution(i) => {
                if let Some(o) = &i.organisation
                    && !orgs.contains(o)
                {
                    problems.push(problem(e.sheet, e.row, "organisation", o, "the code of an organisation of the workspace, or empty"));
                    continue;
                }
                RegistryChange::Institution(Institution { provenance: cite, ..i.clone() })
            }
            WorkbookItem::Project(p) => RegistryChange::Project(Project { provenance: cite, ..p.clone() }),
        };
        if !seen.insert((change.kind().to_string(), area.to_string(), change.key())) {
            problems.push(problem(e.sheet, e.row, "", &change.key(), "each entry once per country"));
            continue;
        }
        planned.push(Planned { sheet: e.sheet, row: e.row, area, change });
    }
    // An instrument redescribed needs a status row to carry it.
    for (code, (i, row)) in &described {
        if redescribed(i) && !statuses_of.contains_key(code) {
            problems.push(problem(
                "instruments",
                *row,
                "code",
                code.as_str(),
                "an instrument with its status in a country on the status sheet (a status row citing it)",
            ));
        }
    }

    // Unchanged rows propose nothing; changed ones carry the version they were changed from.
    let as_of: Option<i64> = wb.fields.get(AS_OF_FIELD).and_then(|v| v.trim().parse().ok());
    let mut out = Vec::new();
    for p in planned {
        let src = ws(&p.area);
        let unchanged = match &p.change {
            RegistryChange::Status { instrument, status } => {
                instrument.is_none() && view.ratifications.iter().any(|r| r.source == src && r.entry == *status)
            }
            RegistryChange::Institution(i) => view.institutions.iter().any(|r| r.source == src && r.entry == *i),
            RegistryChange::Project(x) => view.projects.iter().any(|r| r.source == src && r.entry == *x),
        };
        if unchanged {
            continue;
        }
        let seen_version = store.registry_entry_version(&p.area, &p.change).await?;
        if let (Some(v), Some(a)) = (seen_version, as_of)
            && v > a
        {
            problems.push(problem(
                p.sheet,
                p.row,
                "",
                &p.change.key(),
                "an entry not changed in the registry since the workbook was downloaded: download it again and redo the change",
            ));
            continue;
        }
        out.push(NewProposal { area: p.area, change: p.change, seen_version });
    }
    if problems.is_empty() { Ok(Ok(out)) } else { Ok(Err(ReadRejected { problems, more: 0 })) }
}
