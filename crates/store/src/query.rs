//! Reading observations, datasets and counts back.

use crate::error::StoreError;
use crate::rows::RowReader;
use crate::store::Store;
use mp_domain::{
    AreaCode, CodeValue, DatasetId, DimensionId, DimensionKey, FileInfo, IndicatorCode, ObsStatus, Period, Record, SourceInfo, UnitMult,
};
use serde::Serialize;
use sqlx::Row;
use std::collections::{BTreeMap, HashMap};

/// How one dimension must match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DimMatch {
    /// Exactly this code (`_T` means: at its total, i.e. absent from the key).
    Exact(CodeValue),
    /// Any code, the total included.
    Any,
}

/// Dimension filter: dimension → how it must match.
pub type DimFilter = BTreeMap<DimensionId, DimMatch>;

/// Which observations to read. The default reads everything at the total of every dimension,
/// newest vintage of each source only.
#[derive(Debug, Clone)]
pub struct ObsQuery {
    /// Only this indicator.
    pub indicator: Option<IndicatorCode>,
    /// Only these areas (empty: all).
    pub areas: Vec<AreaCode>,
    /// Exactly this period.
    pub period: Option<Period>,
    /// Periods starting on or after the start of this one.
    pub from: Option<Period>,
    /// Periods ending on or before the end of this one.
    pub to: Option<Period>,
    /// Dimension filter. Dimensions it does not name must be at their total, unless `any_dims`.
    pub dims: DimFilter,
    /// Let dimensions the filter does not name take any value.
    pub any_dims: bool,
    /// Only this source, and only this vintage of it when given (a vintage given here wins over
    /// `latest_only`).
    pub source: Option<(String, Option<String>)>,
    /// Only observations with this status.
    pub status: Option<ObsStatus>,
    /// For each source, only its newest vintage (vintages compared as text).
    pub latest_only: bool,
    /// At most this many results.
    pub limit: Option<u64>,
    /// Skip this many results first.
    pub offset: u64,
}

impl Default for ObsQuery {
    fn default() -> Self {
        ObsQuery {
            indicator: None,
            areas: Vec::new(),
            period: None,
            from: None,
            to: None,
            dims: DimFilter::new(),
            any_dims: false,
            source: None,
            status: None,
            latest_only: true,
            limit: None,
            offset: 0,
        }
    }
}

impl ObsQuery {
    /// A query for one indicator, with the defaults otherwise.
    pub fn indicator(code: IndicatorCode) -> Self {
        ObsQuery { indicator: Some(code), ..ObsQuery::default() }
    }

    /// Adds an area.
    pub fn area(mut self, area: AreaCode) -> Self {
        self.areas.push(area);
        self
    }

    /// Requires one dimension to have one code.
    pub fn dim(mut self, dim: DimensionId, code: CodeValue) -> Self {
        self.dims.insert(dim, DimMatch::Exact(code));
        self
    }

    /// Lets one dimension take any code, its total included.
    pub fn dim_any(mut self, dim: DimensionId) -> Self {
        self.dims.insert(dim, DimMatch::Any);
        self
    }

    /// Whether a stored key passes the dimension filter; the exact check behind the SQL prefilter.
    pub fn dims_match(&self, key: &DimensionKey) -> bool {
        for (d, c) in key.iter() {
            match self.dims.get(d) {
                Some(DimMatch::Exact(want)) if want != c => return false,
                Some(_) => {}
                None if !self.any_dims => return false,
                None => {}
            }
        }
        let wanted = self.exact_key();
        key.matches(&wanted)
            && self.dims.iter().all(|(d, m)| !matches!(m, DimMatch::Exact(c) if c.is_total()) || key.get(d.as_str()).is_none())
    }

    /// The non-total exact codes of the filter, as a partial key.
    fn exact_key(&self) -> DimensionKey {
        let mut k = DimensionKey::total();
        for (d, m) in &self.dims {
            if let DimMatch::Exact(c) = m {
                k.set(d.clone(), c.clone());
            }
        }
        k
    }
}

/// One observation read back, with where it came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredObservation {
    /// What is measured.
    pub indicator: IndicatorCode,
    /// Where.
    pub area: AreaCode,
    /// When.
    pub period: Period,
    /// The disaggregation (empty: total).
    pub dims: DimensionKey,
    /// The value, `None` for a missing value.
    pub value: Option<f64>,
    /// SDMX OBS_STATUS.
    pub status: ObsStatus,
    /// SDMX UNIT_MULT of the value.
    pub unit_mult: UnitMult,
    /// Note.
    pub footnote: Option<String>,
    /// Source code.
    pub source_code: String,
    /// Source name.
    pub source_name: String,
    /// Vintage of the dataset.
    pub vintage: String,
    /// The dataset's id in the store.
    pub dataset_id: i64,
    /// The file it was read from.
    pub file_path: String,
    /// That file's SHA-256.
    pub file_sha256: String,
    /// Where in the file.
    pub locator: String,
    /// The observation's id in the store.
    pub observation_id: i64,
}

impl StoredObservation {
    /// The observation as the domain's [`Record`], its value multiplied out by 10^UNIT_MULT.
    pub fn into_record(self) -> Record {
        let scale = 10f64.powi(i32::from(self.unit_mult.power()));
        Record {
            id: self.observation_id,
            indicator: self.indicator,
            area: self.area,
            period: self.period,
            dims: self.dims,
            value: self.value.map(|v| if scale == 1.0 { v } else { v * scale }),
            status: self.status,
            footnote: self.footnote,
            dataset: DatasetId { source: self.source_code, vintage: self.vintage },
            source_name: self.source_name,
            file: self.file_path,
            sha256: self.file_sha256,
            locator: self.locator,
        }
    }
}

/// One dataset (a source at one vintage) as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DatasetInfo {
    /// The dataset's id in the store.
    pub id: i64,
    /// The source.
    pub source: SourceInfo,
    /// The vintage.
    pub vintage: String,
    /// Files imported for it, in import order.
    pub files: Vec<FileInfo>,
    /// Observations stored.
    pub observations: u64,
    /// Whether this is the source's newest vintage (the one queries read by default).
    pub is_latest: bool,
}

/// One import batch as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BatchInfo {
    /// The batch id.
    pub id: i64,
    /// When it started (UTC, ISO 8601).
    pub started_at: String,
    /// When it finished.
    pub finished_at: Option<String>,
    /// The command line.
    pub command: String,
    /// `complete` once committed.
    pub status: String,
    /// Observations added.
    pub added: u64,
    /// Observations changed.
    pub changed: u64,
    /// Observations unchanged.
    pub unchanged: u64,
}

/// Rows per table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct StoreCounts {
    /// Themes.
    pub themes: u64,
    /// Units.
    pub units: u64,
    /// Codelists.
    pub codelists: u64,
    /// Codes of all codelists.
    pub codes: u64,
    /// Dimensions.
    pub dimensions: u64,
    /// Indicators.
    pub indicators: u64,
    /// Areas.
    pub areas: u64,
    /// Group memberships.
    pub memberships: u64,
    /// Sources.
    pub sources: u64,
    /// Datasets.
    pub datasets: u64,
    /// Source files.
    pub files: u64,
    /// Import batches.
    pub batches: u64,
    /// Observations.
    pub observations: u64,
}

impl std::fmt::Display for StoreCounts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} observations in {} datasets from {} sources ({} files, {} import batches); {} indicators, {} themes, {} areas",
            self.observations, self.datasets, self.sources, self.files, self.batches, self.indicators, self.themes, self.areas
        )
    }
}

fn like_escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

/// The newest vintage of each source, as text, over `(id, source, vintage)` rows.
fn latest_ids(datasets: &[(i64, String, String)]) -> Vec<i64> {
    let mut newest: HashMap<&str, (&str, i64)> = HashMap::new();
    for (id, src, vintage) in datasets {
        let e = newest.entry(src.as_str()).or_insert((vintage.as_str(), *id));
        if vintage.as_str() > e.0 {
            *e = (vintage.as_str(), *id);
        }
    }
    let mut ids: Vec<i64> = newest.values().map(|(_, id)| *id).collect();
    ids.sort_unstable();
    ids
}

/// An observation query in SQL, before its `SELECT`.
struct Plan {
    from_where: String,
    args: Vec<String>,
    post_filter: bool,
}

impl Plan {
    fn bind<'q>(&'q self, sql: &'q str) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
        let mut query = sqlx::query(sql);
        for a in &self.args {
            query = query.bind(a.as_str());
        }
        query
    }
}

impl Store {
    async fn dataset_keys(&self) -> Result<Vec<(i64, String, String)>, StoreError> {
        let rows = sqlx::query("SELECT id, source_code, vintage FROM dataset")
            .fetch_all(&self.pool)
            .await
            .map_err(self.sql_err("listing the datasets"))?;
        rows.iter()
            .map(|row| {
                let id: i64 = row.try_get("id").unwrap_or_default();
                let r = RowReader::new(row, "dataset", id);
                Ok((r.get("id")?, r.get("source_code")?, r.get("vintage")?))
            })
            .collect()
    }

    /// The `FROM … WHERE …` of `q`, its arguments, and whether Rust must still check the
    /// dimensions row by row; `None` when nothing can match.
    async fn plan(&self, q: &ObsQuery) -> Result<Option<Plan>, StoreError> {
        let mut sql = String::from(
            " FROM observation o JOIN dataset d ON d.id = o.dataset_id JOIN source s ON s.code = d.source_code \
             JOIN source_file f ON f.id = o.file_id WHERE 1 = 1",
        );
        let mut args: Vec<String> = Vec::new();
        let mut arg = |sql: &mut String, cond: &str, v: String| {
            args.push(v);
            sql.push_str(&cond.replace("$?", &format!("${}", args.len())));
        };
        if let Some(i) = &q.indicator {
            arg(&mut sql, " AND o.indicator = $?", i.to_string());
        }
        if !q.areas.is_empty() {
            sql.push_str(" AND o.area IN (");
            for (n, a) in q.areas.iter().enumerate() {
                arg(&mut sql, if n == 0 { "$?" } else { ", $?" }, a.to_string());
            }
            sql.push(')');
        }
        if let Some(p) = &q.period {
            arg(&mut sql, " AND o.period = $?", p.to_string());
        }
        if let Some(p) = &q.from {
            arg(&mut sql, " AND o.period_start >= $?", p.start_date());
        }
        if let Some(p) = &q.to {
            arg(&mut sql, " AND o.period_end <= $?", p.end_date());
        }
        if let Some(s) = &q.status {
            arg(&mut sql, " AND o.obs_status = $?", s.code().to_string());
        }
        let explicit_vintage = matches!(&q.source, Some((_, Some(_))));
        if let Some((code, vintage)) = &q.source {
            arg(&mut sql, " AND d.source_code = $?", code.clone());
            if let Some(v) = vintage {
                arg(&mut sql, " AND d.vintage = $?", v.clone());
            }
        }
        if q.latest_only && !explicit_vintage {
            let ids = latest_ids(&self.dataset_keys().await?);
            if ids.is_empty() {
                return Ok(None);
            }
            let list: Vec<String> = ids.iter().map(i64::to_string).collect();
            sql.push_str(&format!(" AND o.dataset_id IN ({})", list.join(", ")));
        }
        // With only exact codes and no wildcard, the stored key must equal the filter's key: exact
        // in SQL, so LIMIT and COUNT can go to the database. Otherwise SQL narrows and Rust decides.
        let has_any = q.dims.values().any(|m| matches!(m, DimMatch::Any));
        let exact_in_sql = !has_any && !q.any_dims;
        if exact_in_sql {
            arg(&mut sql, " AND o.dims = $?", q.exact_key().to_string());
        } else {
            for (d, c) in q.exact_key().iter() {
                arg(&mut sql, " AND ('|' || o.dims || '|') LIKE $? ESCAPE '\\'", format!("%|{}|%", like_escape(&format!("{d}={c}"))));
            }
        }
        let post_filter = !(exact_in_sql || q.any_dims && q.dims.is_empty());
        Ok(Some(Plan { from_where: sql, args, post_filter }))
    }

    /// How many observations match `q`, whatever its `limit` and `offset`: the total a client
    /// pages through.
    pub async fn count(&self, q: &ObsQuery) -> Result<u64, StoreError> {
        match self.plan(q).await? {
            Some(plan) => self.count_planned(&plan, q).await,
            None => Ok(0),
        }
    }

    async fn count_planned(&self, plan: &Plan, q: &ObsQuery) -> Result<u64, StoreError> {
        if !plan.post_filter {
            let sql = format!("SELECT COUNT(*) AS n{}", plan.from_where);
            let row = plan.bind(&sql).fetch_one(&self.pool).await.map_err(self.sql_err("counting observations"))?;
            let n: i64 = RowReader::new(&row, "observation", 0).get("n")?;
            return Ok(u64::try_from(n).unwrap_or(0));
        }
        let sql = format!("SELECT o.id AS id, o.dims AS dims{}", plan.from_where);
        let rows = plan.bind(&sql).fetch_all(&self.pool).await.map_err(self.sql_err("counting observations"))?;
        let mut n = 0;
        for row in &rows {
            let id: i64 = row.try_get("id").unwrap_or_default();
            if q.dims_match(&RowReader::new(row, "observation", id).parse("dims", DimensionKey::parse)?) {
                n += 1;
            }
        }
        Ok(n)
    }

    /// Observations matching `q`, ordered by indicator, area, dimensions, period, source.
    pub async fn query(&self, q: &ObsQuery) -> Result<Vec<StoredObservation>, StoreError> {
        Ok(self.read(q, false).await?.0)
    }

    /// The page of observations `q` asks for and how many match in all (as [`Store::count`]).
    /// When the dimensions are checked in Rust every match is read anyway, so they are counted
    /// on the way instead of being read a second time.
    pub async fn query_counted(&self, q: &ObsQuery) -> Result<(Vec<StoredObservation>, u64), StoreError> {
        let (rows, total) = self.read(q, true).await?;
        Ok((rows, total.unwrap_or(0)))
    }

    /// Reads `q`'s page, and its total when `with_total`.
    async fn read(&self, q: &ObsQuery, with_total: bool) -> Result<(Vec<StoredObservation>, Option<u64>), StoreError> {
        let Some(plan) = self.plan(q).await? else {
            return Ok((Vec::new(), with_total.then_some(0)));
        };
        let post_filter = plan.post_filter;
        let mut sql = format!(
            "SELECT o.id AS id, o.indicator AS indicator, o.area AS area, o.period AS period, o.dims AS dims, o.value AS value, \
             o.obs_status AS obs_status, o.unit_mult AS unit_mult, o.footnote AS footnote, o.locator AS locator, o.dataset_id AS dataset_id, \
             d.source_code AS source_code, d.vintage AS vintage, s.name AS source_name, f.path AS file_path, f.sha256 AS file_sha256{}",
            plan.from_where
        );
        sql.push_str(" ORDER BY o.indicator, o.area, o.dims, o.period_start, o.period_end, d.source_code, d.vintage, o.id");
        if !post_filter {
            if let Some(l) = q.limit {
                sql.push_str(&format!(" LIMIT {l}"));
            }
            if q.offset > 0 {
                if q.limit.is_none() {
                    sql.push_str(&format!(" LIMIT {}", i64::MAX));
                }
                sql.push_str(&format!(" OFFSET {}", q.offset));
            }
        }

        let rows = plan.bind(&sql).fetch_all(&self.pool).await.map_err(self.sql_err("reading observations"))?;
        let mut out = Vec::with_capacity(rows.len());
        let (mut skipped, mut matched) = (0u64, 0u64);
        for row in &rows {
            let id: i64 = row.try_get("id").unwrap_or_default();
            let r = RowReader::new(row, "observation", id);
            let dims = r.parse("dims", DimensionKey::parse)?;
            if post_filter {
                if !q.dims_match(&dims) {
                    continue;
                }
                matched += 1;
                if skipped < q.offset {
                    skipped += 1;
                    continue;
                }
                if q.limit.is_some_and(|l| out.len() as u64 >= l) {
                    if with_total {
                        continue;
                    }
                    break;
                }
            }
            out.push(StoredObservation {
                indicator: r.parse("indicator", IndicatorCode::parse)?,
                area: r.parse("area", AreaCode::parse)?,
                period: r.parse("period", Period::parse)?,
                dims,
                value: r.get("value")?,
                status: r.parse("obs_status", |s| s.parse::<ObsStatus>())?,
                unit_mult: r.int::<u8>("unit_mult").and_then(|p| {
                    UnitMult::new(p).map_err(|e| StoreError::BadRow {
                        table: "observation",
                        id: id.to_string(),
                        column: "unit_mult",
                        problem: e.to_string(),
                    })
                })?,
                footnote: r.get("footnote")?,
                source_code: r.get("source_code")?,
                source_name: r.get("source_name")?,
                vintage: r.get("vintage")?,
                dataset_id: r.get("dataset_id")?,
                file_path: r.get("file_path")?,
                file_sha256: r.get("file_sha256")?,
                locator: r.get("locator")?,
                observation_id: id,
            });
        }
        let total = match (with_total, post_filter) {
            (false, _) => None,
            (true, true) => Some(matched),
            (true, false) => Some(self.count_planned(&plan, q).await?),
        };
        Ok((out, total))
    }

    /// Observations matching `q` as domain [`Record`]s (values multiplied out by UNIT_MULT).
    pub async fn records(&self, q: &ObsQuery) -> Result<Vec<Record>, StoreError> {
        Ok(self.query(q).await?.into_iter().map(StoredObservation::into_record).collect())
    }

    /// Every dataset with its source, files, number of observations and whether it is the
    /// source's newest vintage; ordered by source, then vintage.
    pub async fn datasets(&self) -> Result<Vec<DatasetInfo>, StoreError> {
        let err = self.sql_err("listing the datasets");
        let keys = self.dataset_keys().await?;
        let latest = latest_ids(&keys);
        let mut files: HashMap<i64, Vec<FileInfo>> = HashMap::new();
        for row in &sqlx::query("SELECT id, dataset_id, path, sha256, bytes FROM source_file ORDER BY id")
            .fetch_all(&self.pool)
            .await
            .map_err(&err)?
        {
            let id: i64 = row.try_get("id").unwrap_or_default();
            let r = RowReader::new(row, "source_file", id);
            files.entry(r.get("dataset_id")?).or_default().push(FileInfo {
                path: r.get("path")?,
                sha256: r.get("sha256")?,
                bytes: r.int("bytes")?,
            });
        }
        let mut counts: HashMap<i64, u64> = HashMap::new();
        for row in &sqlx::query("SELECT dataset_id, COUNT(*) AS n FROM observation GROUP BY dataset_id")
            .fetch_all(&self.pool)
            .await
            .map_err(&err)?
        {
            let id: i64 = row.try_get("dataset_id").unwrap_or_default();
            let r = RowReader::new(row, "observation", format!("dataset {id}"));
            counts.insert(id, r.int("n")?);
        }
        let rows = sqlx::query(
            "SELECT d.id AS id, d.source_code AS code, d.vintage AS vintage, s.name AS name, s.publisher AS publisher, s.licence AS licence, s.url AS url \
             FROM dataset d JOIN source s ON s.code = d.source_code ORDER BY d.source_code, d.vintage",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(&err)?;
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            let id: i64 = row.try_get("id").unwrap_or_default();
            let r = RowReader::new(row, "dataset", id);
            out.push(DatasetInfo {
                id,
                source: SourceInfo {
                    code: r.get("code")?,
                    name: r.get("name")?,
                    publisher: r.get("publisher")?,
                    licence: r.get("licence")?,
                    url: r.get("url")?,
                },
                vintage: r.get("vintage")?,
                files: files.remove(&id).unwrap_or_default(),
                observations: counts.get(&id).copied().unwrap_or(0),
                is_latest: latest.contains(&id),
            });
        }
        Ok(out)
    }

    /// What identifies the imported data as they are now: the number of import batches and the
    /// newest one's id. Every import commits its batch row with its observations, so the pair
    /// changes with every import that changed anything (an import committed after a later-numbered
    /// one still raises the count); one cheap query, for caches keyed by it.
    pub async fn import_generation(&self) -> Result<(i64, Option<i64>), StoreError> {
        let row = sqlx::query("SELECT COUNT(*) AS n, MAX(id) AS last FROM import_batch")
            .fetch_one(&self.pool)
            .await
            .map_err(self.sql_err("reading the import generation"))?;
        let n: i64 = row.try_get("n").map_err(self.sql_err("reading the import generation"))?;
        let last: Option<i64> = row.try_get("last").map_err(self.sql_err("reading the import generation"))?;
        Ok((n, last))
    }

    /// Every import batch, oldest first.
    pub async fn import_batches(&self) -> Result<Vec<BatchInfo>, StoreError> {
        let rows =
            sqlx::query("SELECT id, started_at, finished_at, command, status, added, changed, unchanged FROM import_batch ORDER BY id")
                .fetch_all(&self.pool)
                .await
                .map_err(self.sql_err("listing the import batches"))?;
        rows.iter()
            .map(|row| {
                let id: i64 = row.try_get("id").unwrap_or_default();
                let r = RowReader::new(row, "import_batch", id);
                Ok(BatchInfo {
                    id,
                    started_at: r.get("started_at")?,
                    finished_at: r.get("finished_at")?,
                    command: r.get("command")?,
                    status: r.get("status")?,
                    added: r.int("added")?,
                    changed: r.int("changed")?,
                    unchanged: r.int("unchanged")?,
                })
            })
            .collect()
    }

    /// How many rows each table holds.
    pub async fn counts(&self) -> Result<StoreCounts, StoreError> {
        let mut c = StoreCounts::default();
        for (table, field) in [
            ("theme", &mut c.themes),
            ("unit", &mut c.units),
            ("codelist", &mut c.codelists),
            ("codelist_code", &mut c.codes),
            ("dimension", &mut c.dimensions),
            ("indicator", &mut c.indicators),
            ("area", &mut c.areas),
            ("area_membership", &mut c.memberships),
            ("source", &mut c.sources),
            ("dataset", &mut c.datasets),
            ("source_file", &mut c.files),
            ("import_batch", &mut c.batches),
            ("observation", &mut c.observations),
        ] {
            let n: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
                .fetch_one(&self.pool)
                .await
                .map_err(self.sql_err(format!("counting the rows of {table}")))?;
            *field = u64::try_from(n).unwrap_or(0);
        }
        Ok(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(s: &str) -> DimensionId {
        DimensionId::parse(s).unwrap()
    }
    fn code(s: &str) -> CodeValue {
        CodeValue::parse(s).unwrap()
    }

    #[test]
    fn dims_filter_semantics() {
        let key = |s: &str| DimensionKey::parse(s).unwrap();
        let q = ObsQuery::default();
        assert!(q.dims_match(&key("")));
        assert!(!q.dims_match(&key("SEX=F")), "unnamed dimensions must be at total");
        let q = ObsQuery::default().dim(id("SEX"), code("F"));
        assert!(q.dims_match(&key("SEX=F")));
        assert!(!q.dims_match(&key("SEX=M")) && !q.dims_match(&key("")) && !q.dims_match(&key("AGE=Y0T14|SEX=F")));
        let q = ObsQuery::default().dim_any(id("SEX"));
        assert!(q.dims_match(&key("")) && q.dims_match(&key("SEX=M")) && !q.dims_match(&key("AGE=Y0T14")));
        let q = ObsQuery { any_dims: true, ..ObsQuery::default() }.dim(id("SEX"), code("_T"));
        assert!(q.dims_match(&key("AGE=Y0T14")) && !q.dims_match(&key("SEX=F")));
    }

    #[test]
    fn latest_is_per_source_by_text() {
        let ds = vec![
            (1, "a".to_string(), "2019".to_string()),
            (2, "a".to_string(), "2024".to_string()),
            (3, "b".to_string(), "2020".to_string()),
        ];
        assert_eq!(latest_ids(&ds), vec![2, 3]);
    }

    #[test]
    fn like_patterns_are_escaped() {
        assert_eq!(like_escape("COUNTERPART_AREA=FRA"), "COUNTERPART\\_AREA=FRA");
    }
}
