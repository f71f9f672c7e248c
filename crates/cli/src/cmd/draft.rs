//! `build --draft`: a members' draft of a country's documents, built with the figures of the
//! submissions not yet published added to the published ones.
//!
//! A submission's figures stay in its uploaded file until publication (see the workspace), so
//! the draft reads each file again with the readers the workspace and `mprofile import` use
//! (`NationalReader`), holds it to its submitter's country and themes as an upload is held, and
//! merges it into the published records the way publishing it would: a newer vintage of the
//! organisation's national source replaces the published one, the same vintage revises it
//! figure by figure, an older vintage would not show and is left out. Every draft figure names
//! its submission in its source and file, and every page of the HTML and PDF carries the mark.

use anyhow::{Context as _, Result};
use mp_domain::upload::{Upload, UploadKind, UploadReader as _};
use mp_domain::{AreaCode, AreaRegistry, DatasetId, Framework, Lang, Record};
use mp_store::Store;
use mp_workspace::{State, ThemeSet};
use std::collections::{BTreeMap, HashMap};

/// A submission whose figures a draft shows.
#[derive(Debug, Clone)]
pub struct DraftSource {
    /// Its id in the store.
    pub id: i64,
    /// The submitting organisation's name.
    pub org: String,
    /// Where it is in the workflow.
    pub state: State,
}

/// The records of a members' draft and where its unpublished figures come from.
pub struct Draft {
    /// Published records with the unpublished figures merged in.
    pub records: Vec<Record>,
    /// The submissions whose figures were merged, oldest first.
    pub used: Vec<DraftSource>,
    /// Submissions left out, with why.
    pub left_out: Vec<(i64, String)>,
}

/// The states whose figures a draft shows: sent to the TWG and not yet public. A draft that
/// its provider has not submitted is still the provider's own work.
fn in_draft(s: State) -> bool {
    !matches!(s, State::Draft | State::Published)
}

fn key(r: &Record) -> String {
    format!("{}|{}|{}|{}", r.indicator, r.area, r.period, r.dims)
}

/// The records of `area` with the figures of its unpublished submissions merged in.
pub async fn draft_records(store: &Store, fw: &Framework, areas: &AreaRegistry, area: &AreaCode) -> Result<Draft> {
    // Submissions are read with the country's framework, national indicators included.
    let fw = &mp_service::national::country_framework(store, fw, area).await?;
    let published = mp_service::live_records(store, area).await?;
    let AreaCode::Country(iso) = area else {
        return Ok(Draft { records: published, used: Vec::new(), left_out: Vec::new() });
    };
    // Published records by source: the store keeps the newest vintage of each.
    let mut by_source: BTreeMap<String, (String, Vec<Record>)> = BTreeMap::new();
    for r in published {
        let e = by_source.entry(r.dataset.source.clone()).or_insert_with(|| (r.dataset.vintage.clone(), Vec::new()));
        e.1.push(r);
    }
    let orgs: HashMap<i64, String> = store.orgs().await?.into_iter().map(|o| (o.id, o.name)).collect();
    let mut subs: Vec<_> = store.submissions(Some(std::slice::from_ref(iso))).await?.into_iter().filter(|s| in_draft(s.state)).collect();
    subs.sort_by_key(|s| s.id);
    let (mut used, mut left_out) = (Vec::new(), Vec::new());
    // Draft figures are in no table of the store: their ids are negative, so they can never
    // be taken for a stored observation.
    let mut next_id = -1i64;
    for s in subs {
        let bytes = store.submission_file(s.id).await?.with_context(|| format!("submission {} has no file", s.id))?;
        let kind = UploadKind::parse(&s.file_kind).with_context(|| format!("submission {} has file kind `{}`", s.id, s.file_kind))?;
        let mapping: Option<String> = serde_json::from_str::<serde_json::Value>(&s.summary)
            .ok()
            .and_then(|v| v.get("mapping").and_then(|m| m.as_str().map(str::to_string)));
        let upload = Upload { name: &s.file_name, bytes, kind, mapping: mapping.as_deref() };
        let datasets = match mp_ingest::national::upload::NationalReader.read(upload, fw, areas) {
            Ok(d) => d,
            Err(r) => {
                let first = r.problems.first().map(|p| format!("{} {} {}: {}", p.sheet, p.row, p.column, p.expected)).unwrap_or_default();
                left_out.push((s.id, format!("its file no longer reads: {}", first.trim())));
                continue;
            }
        };
        // Held to its scope as an upload is: the submission's country and themes only.
        let out_of_scope = datasets.iter().flat_map(|d| &d.observations).find(|o| {
            o.area != *area
                || match (&s.themes, fw.indicator(&o.indicator)) {
                    (_, None) => true,
                    (ThemeSet::All, Some(_)) => false,
                    (ThemeSet::Some(set), Some(ind)) => !set.contains(&ind.theme),
                }
        });
        if let Some(o) = out_of_scope {
            left_out.push((s.id, format!("{} {} at {} is outside its country and themes", o.indicator, o.area, o.provenance.locator)));
            continue;
        }
        let org = orgs.get(&s.organisation_id).cloned().unwrap_or_else(|| s.organisation_code.clone());
        let mut merged_any = false;
        for ds in datasets {
            let dataset = DatasetId { source: s.source_code.clone(), vintage: ds.vintage.clone() };
            let records: Vec<Record> = ds
                .observations
                .iter()
                .map(|o| {
                    let scale = 10f64.powi(i32::from(o.unit_mult.power()));
                    next_id -= 1;
                    Record {
                        id: next_id,
                        indicator: o.indicator.clone(),
                        area: o.area.clone(),
                        period: o.period,
                        dims: o.dims.clone(),
                        value: o.value.map(|v| v * scale),
                        status: o.status,
                        footnote: o.footnote.clone(),
                        dataset: dataset.clone(),
                        source_name: format!("{org} ({iso}) · #{} {}", s.id, s.state.code()),
                        file: format!("submission {}: {}", s.id, s.file_name),
                        sha256: ds.files.get(o.provenance.file).map(|f| f.sha256.clone()).unwrap_or_else(|| s.file_sha256.clone()),
                        locator: o.provenance.locator.clone(),
                    }
                })
                .collect();
            match by_source.get_mut(&s.source_code) {
                Some((vintage, have)) if ds.vintage == *vintage => {
                    // The same vintage: publishing revises figure by figure.
                    let mut at: HashMap<String, usize> = have.iter().enumerate().map(|(i, r)| (key(r), i)).collect();
                    for r in records {
                        match at.get(&key(&r)) {
                            Some(&i) => have[i] = r,
                            None => {
                                at.insert(key(&r), have.len());
                                have.push(r);
                            }
                        }
                    }
                    merged_any = true;
                }
                Some((vintage, _)) if ds.vintage < *vintage => {
                    left_out.push((
                        s.id,
                        format!("its vintage {} is older than the published {vintage}: publishing it would not show", ds.vintage),
                    ));
                }
                _ => {
                    by_source.insert(s.source_code.clone(), (ds.vintage.clone(), records));
                    merged_any = true;
                }
            }
        }
        if merged_any {
            used.push(DraftSource { id: s.id, org, state: s.state });
        }
    }
    let records = by_source.into_values().flat_map(|(_, r)| r).collect();
    Ok(Draft { records, used, left_out })
}

/// The mark of a draft in `lang`: the word and the note naming the submissions it shows.
pub fn mark(used: &[DraftSource], lang: Lang) -> (String, String) {
    let word = mp_render::localize::msg(lang, "draft-mark");
    let note = if used.is_empty() {
        mp_render::localize::msg(lang, "draft-note-none")
    } else {
        let list: Vec<String> = used
            .iter()
            .map(|d| {
                let state = mp_render::localize::msg(lang, &format!("ws-state-{}", d.state.code()));
                mp_render::localize::msg_with(
                    lang,
                    "draft-submission",
                    &[("id", &d.id.to_string()), ("org", &d.org), ("state", &state.to_lowercase())],
                )
            })
            .collect();
        mp_render::localize::msg_with(lang, "draft-note", &[("list", &list.join("; "))])
    };
    (word, note)
}
