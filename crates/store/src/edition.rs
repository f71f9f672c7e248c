//! Narrative texts of the Technical Working Group and frozen editions of a profile.

use crate::error::StoreError;
use crate::rows::{RowReader, now_utc};
use crate::store::{Backend, Store};
use mp_domain::{AreaCode, DatasetId, DimensionKey, IndicatorCode, Lang, ObsStatus, Period, Record};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write;

/// The working draft's edition label in the narrative table.
const DRAFT: &str = "";

/// Narrative by section id and language.
pub type NarrativeMap = BTreeMap<String, BTreeMap<Lang, String>>;

/// A frozen edition of a country's profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EditionInfo {
    /// Store id.
    pub id: i64,
    /// The country.
    pub area: String,
    /// The label, e.g. `2026`.
    pub label: String,
    /// Template id.
    pub template: String,
    /// Date of the data (YYYY-MM-DD).
    pub as_of: String,
    /// When it was frozen (UTC).
    pub created_at: String,
    /// Observations frozen with it.
    pub records: u64,
}

const REC_COLS: &str = "edition_id, observation_id, indicator, area, period, dims, value, obs_status, footnote, source_code, vintage, source_name, file_path, file_sha256, locator";
const REC_BINDS: usize = 15;
const REC_ROWS: usize = 500;

fn insert_sql(backend: Backend, rows: usize) -> String {
    let mut s = format!("INSERT INTO edition_record ({REC_COLS}) VALUES ");
    for r in 0..rows {
        s.push_str(if r == 0 { "(" } else { ", (" });
        for c in 0..REC_BINDS {
            if c > 0 {
                s.push_str(", ");
            }
            match backend {
                Backend::Sqlite => s.push('?'),
                Backend::Postgres => {
                    let _ = write!(s, "${}", r * REC_BINDS + c + 1);
                }
            }
        }
        s.push(')');
    }
    s
}

impl Store {
    /// Sets (or, with an empty body, removes) the working narrative of one section in one language.
    pub async fn narrative_set(&self, area: &AreaCode, section: &str, lang: Lang, body: &str) -> Result<(), StoreError> {
        let err = self.sql_err("saving the narrative");
        sqlx::query("DELETE FROM narrative WHERE area = $1 AND edition = $2 AND section = $3 AND lang = $4")
            .bind(area.as_str())
            .bind(DRAFT)
            .bind(section)
            .bind(lang.code())
            .execute(&self.pool)
            .await
            .map_err(&err)?;
        if !body.trim().is_empty() {
            sqlx::query("INSERT INTO narrative (area, edition, section, lang, body, updated_at) VALUES ($1, $2, $3, $4, $5, $6)")
                .bind(area.as_str())
                .bind(DRAFT)
                .bind(section)
                .bind(lang.code())
                .bind(body)
                .bind(now_utc())
                .execute(&self.pool)
                .await
                .map_err(&err)?;
        }
        Ok(())
    }

    /// The narrative of a country: the working draft, or a frozen edition's copy.
    pub async fn narrative(&self, area: &AreaCode, edition: Option<&str>) -> Result<NarrativeMap, StoreError> {
        let rows = sqlx::query("SELECT section, lang, body FROM narrative WHERE area = $1 AND edition = $2 ORDER BY section, lang")
            .bind(area.as_str())
            .bind(edition.unwrap_or(DRAFT))
            .fetch_all(&self.pool)
            .await
            .map_err(self.sql_err("reading the narrative"))?;
        let mut out = NarrativeMap::new();
        for row in &rows {
            let r = RowReader::new(row, "narrative", area);
            let section: String = r.get("section")?;
            let lang = r.parse("lang", |s| s.parse::<Lang>())?;
            out.entry(section).or_default().insert(lang, r.get("body")?);
        }
        Ok(out)
    }

    /// Freezes an edition: its records and a copy of the working narrative, in one transaction.
    /// Refuses a label that already exists for the country.
    pub async fn edition_create(
        &self,
        area: &AreaCode,
        label: &str,
        template: &str,
        as_of: &str,
        records: &[Record],
    ) -> Result<EditionInfo, StoreError> {
        let err = self.sql_err(format!("freezing edition {label} of {area}"));
        let mut tx = self.pool.begin().await.map_err(&err)?;
        let exists = sqlx::query("SELECT id FROM edition WHERE area = $1 AND label = $2")
            .bind(area.as_str())
            .bind(label)
            .fetch_optional(&mut *tx)
            .await
            .map_err(&err)?;
        if exists.is_some() {
            return Err(StoreError::Import {
                source_code: area.to_string(),
                vintage: label.to_string(),
                problem: format!("edition {label} of {area} already exists; editions are frozen and never overwritten"),
            });
        }
        let created = now_utc();
        let row = sqlx::query("INSERT INTO edition (area, label, template, as_of, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id")
            .bind(area.as_str())
            .bind(label)
            .bind(template)
            .bind(as_of)
            .bind(&created)
            .fetch_one(&mut *tx)
            .await
            .map_err(&err)?;
        let id: i64 = sqlx::Row::try_get(&row, "id").map_err(&err)?;
        let full = insert_sql(self.backend(), REC_ROWS);
        for chunk in records.chunks(REC_ROWS) {
            let short;
            let sql = if chunk.len() == REC_ROWS {
                &full
            } else {
                short = insert_sql(self.backend(), chunk.len());
                &short
            };
            let mut q = sqlx::query(sql);
            for r in chunk {
                q = q
                    .bind(id)
                    .bind(r.id)
                    .bind(r.indicator.as_str())
                    .bind(r.area.as_str())
                    .bind(r.period.to_string())
                    .bind(r.dims.to_string())
                    .bind(r.value)
                    .bind(r.status.code())
                    .bind(r.footnote.as_deref())
                    .bind(r.dataset.source.as_str())
                    .bind(r.dataset.vintage.as_str())
                    .bind(r.source_name.as_str())
                    .bind(r.file.as_str())
                    .bind(r.sha256.as_str())
                    .bind(r.locator.as_str());
            }
            q.execute(&mut *tx).await.map_err(&err)?;
        }
        sqlx::query("INSERT INTO narrative (area, edition, section, lang, body, updated_at) SELECT area, $1, section, lang, body, updated_at FROM narrative WHERE area = $2 AND edition = $3")
            .bind(label)
            .bind(area.as_str())
            .bind(DRAFT)
            .execute(&mut *tx)
            .await
            .map_err(&err)?;
        tx.commit().await.map_err(&err)?;
        Ok(EditionInfo {
            id,
            area: area.to_string(),
            label: label.to_string(),
            template: template.to_string(),
            as_of: as_of.to_string(),
            created_at: created,
            records: records.len() as u64,
        })
    }

    /// The editions of one country (or of all), oldest first.
    pub async fn editions(&self, area: Option<&AreaCode>) -> Result<Vec<EditionInfo>, StoreError> {
        let rows = sqlx::query(
            "SELECT e.id AS id, e.area AS area, e.label AS label, e.template AS template, e.as_of AS as_of, e.created_at AS created_at, \
             (SELECT COUNT(*) FROM edition_record r WHERE r.edition_id = e.id) AS n FROM edition e WHERE ($1 = '' OR e.area = $1) ORDER BY e.area, e.created_at, e.id",
        )
        .bind(area.map(|a| a.as_str()).unwrap_or(""))
        .fetch_all(&self.pool)
        .await
        .map_err(self.sql_err("listing editions"))?;
        rows.iter()
            .map(|row| {
                let id: i64 = sqlx::Row::try_get(row, "id").unwrap_or_default();
                let r = RowReader::new(row, "edition", id);
                Ok(EditionInfo {
                    id,
                    area: r.get("area")?,
                    label: r.get("label")?,
                    template: r.get("template")?,
                    as_of: r.get("as_of")?,
                    created_at: r.get("created_at")?,
                    records: r.int("n")?,
                })
            })
            .collect()
    }

    /// A frozen edition and its records, as they were when it was frozen.
    pub async fn edition(&self, area: &AreaCode, label: &str) -> Result<Option<(EditionInfo, Vec<Record>)>, StoreError> {
        let Some(info) = self.editions(Some(area)).await?.into_iter().find(|e| e.label == label) else { return Ok(None) };
        let rows = sqlx::query(&format!("SELECT {REC_COLS} FROM edition_record WHERE edition_id = $1 ORDER BY observation_id"))
            .bind(info.id)
            .fetch_all(&self.pool)
            .await
            .map_err(self.sql_err("reading an edition"))?;
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            let oid: i64 = sqlx::Row::try_get(row, "observation_id").unwrap_or_default();
            let r = RowReader::new(row, "edition_record", oid);
            out.push(Record {
                id: oid,
                indicator: r.parse("indicator", IndicatorCode::parse)?,
                area: r.parse("area", AreaCode::parse)?,
                period: r.parse("period", Period::parse)?,
                dims: r.parse("dims", DimensionKey::parse)?,
                value: r.get("value")?,
                status: r.parse("obs_status", |s| s.parse::<ObsStatus>())?,
                footnote: r.get("footnote")?,
                dataset: DatasetId { source: r.get("source_code")?, vintage: r.get("vintage")? },
                source_name: r.get("source_name")?,
                file: r.get("file_path")?,
                sha256: r.get("file_sha256")?,
                locator: r.get("locator")?,
            });
        }
        Ok(Some((info, out)))
    }
}
