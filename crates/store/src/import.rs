//! Importing datasets: all or nothing, diffed against what the store already holds.

use crate::error::StoreError;
use crate::redact::redact;
use crate::rows::now_utc;
use crate::store::{Backend, Store};
use mp_domain::{DatasetImport, FileInfo, ObsStatus, Observation, SourceInfo};
use serde::Serialize;
use sqlx::{AnyConnection, Row};
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::time::{Duration, Instant};

/// Test hook for the "killed in the middle of an import" test: when this variable holds a number
/// N, the import, after writing N observations inside its transaction, prints
/// `mprofile: import paused for test` to stderr and sleeps 120 s before going on, so the test
/// can kill the process while the transaction is open and then check that nothing was stored.
pub const PAUSE_ENV: &str = "MPROFILE_TEST_PAUSE_AFTER_ROWS";

/// Columns of one observation row, in INSERT order.
const OBS_COLUMNS: &str = "dataset_id, indicator, area, period, period_start, period_end, freq, dims, value, obs_status, unit_mult, footnote, file_id, locator, batch_id";
const OBS_BINDS: usize = 15;
/// Rows per multi-row INSERT: 1,900 × 15 = 28,500 binds, under SQLite's 32,766 and PostgreSQL's 65,535.
const ROWS_PER_INSERT: usize = 1_900;
/// Rows per page when reading a dataset's existing observations, so memory stays bounded.
const READ_PAGE: i64 = 50_000;

/// How to run an import.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Compute the same counts, then roll everything back.
    pub dry_run: bool,
    /// The command line that started the import, recorded with the batch (secrets redacted
    /// with [`crate::redact`] before it is stored).
    pub command: String,
    /// Whose files the batch holds; decides which sources it may write.
    pub origin: Origin,
}

/// Whose files an import batch holds. The store checks every dataset against it, so no path
/// into the store can let a ministry's file write a publisher's source or the reverse.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Origin {
    /// Files submitted by a country (the default, since it may write the least): every source
    /// code starts with [`NATIONAL_PREFIX`], and an existing source keeps its name.
    #[default]
    National,
    /// A publisher's files read by a public adapter: no source code starts with [`NATIONAL_PREFIX`].
    Public,
}

/// The prefix of every national source code (`nat-<country>-<organisation>-…`).
pub const NATIONAL_PREFIX: &str = "nat-";

/// What an import did to one dataset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DatasetSummary {
    /// The source.
    pub source_code: String,
    /// The vintage.
    pub vintage: String,
    /// Observations handed in.
    pub observations: u64,
    /// New observations.
    pub added: u64,
    /// Observations whose value, status, unit multiplier or footnote changed.
    pub changed: u64,
    /// Observations already stored, identical.
    pub unchanged: u64,
    /// Files not seen before in this dataset (by checksum).
    pub files_added: u64,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportSummary {
    /// The import batch recorded; `None` for a dry run, which records nothing.
    pub batch_id: Option<i64>,
    /// Whether this was a dry run (everything rolled back).
    pub dry_run: bool,
    /// One entry per dataset, in the order given.
    pub datasets: Vec<DatasetSummary>,
    /// New observations, all datasets.
    pub added: u64,
    /// Changed observations, all datasets.
    pub changed: u64,
    /// Unchanged observations, all datasets.
    pub unchanged: u64,
}

impl std::fmt::Display for ImportSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} added, {} changed, {} unchanged in {} dataset(s)", self.added, self.changed, self.unchanged, self.datasets.len())?;
        match self.batch_id {
            Some(id) => write!(f, " (import batch {id})"),
            None if self.dry_run => f.write_str(" (dry run: nothing was stored)"),
            None => Ok(()),
        }
    }
}

/// An observation as stored, for the diff.
struct Existing {
    id: i64,
    value: Option<f64>,
    /// `None` when the stored text is not a status: the row is then rewritten.
    status: Option<ObsStatus>,
    unit_mult: i64,
    footnote: Option<String>,
    /// Already met in this import (a second time is an error).
    seen: bool,
}

/// A row waiting for the next multi-row INSERT.
struct NewRow<'a> {
    obs: &'a Observation,
    period: String,
    start: String,
    end: String,
    dims: String,
    file_id: i64,
}

/// The multi-row INSERT for `rows` observations.
///
/// This is the one statement not written with `$N` placeholders: SQLite looks named parameters
/// up in a linear list, so binding 28,500 `$N` costs O(n²) (measured: 400 rows/s), while
/// anonymous `?` parameters bind in order at no cost. PostgreSQL only knows `$N`.
fn insert_sql(backend: Backend, rows: usize) -> String {
    let mut s = String::with_capacity(64 + rows * OBS_BINDS * 6);
    let _ = write!(s, "INSERT INTO observation ({OBS_COLUMNS}) VALUES ");
    for r in 0..rows {
        s.push_str(if r == 0 { "(" } else { ", (" });
        for c in 0..OBS_BINDS {
            if c > 0 {
                s.push_str(", ");
            }
            match backend {
                Backend::Sqlite => s.push('?'),
                Backend::Postgres => {
                    let _ = write!(s, "${}", r * OBS_BINDS + c + 1);
                }
            }
        }
        s.push(')');
    }
    s
}

async fn insert_rows(
    conn: &mut AnyConnection,
    backend: Backend,
    full_sql: &str,
    rows: &[NewRow<'_>],
    dataset_id: i64,
    batch_id: i64,
) -> Result<(), sqlx::Error> {
    if rows.is_empty() {
        return Ok(());
    }
    let short;
    let sql = if rows.len() == ROWS_PER_INSERT {
        full_sql
    } else {
        short = insert_sql(backend, rows.len());
        &short
    };
    let mut q = sqlx::query(sql);
    for r in rows {
        q = q
            .bind(dataset_id)
            .bind(r.obs.indicator.as_str())
            .bind(r.obs.area.as_str())
            .bind(r.period.as_str())
            .bind(r.start.as_str())
            .bind(r.end.as_str())
            .bind(r.obs.period.freq().code())
            .bind(r.dims.as_str())
            .bind(r.obs.value)
            .bind(r.obs.status.code())
            .bind(i64::from(r.obs.unit_mult.power()))
            .bind(r.obs.footnote.as_deref())
            .bind(r.file_id)
            .bind(r.obs.provenance.locator.as_str())
            .bind(batch_id);
    }
    q.execute(&mut *conn).await?;
    Ok(())
}

/// The `MPROFILE_TEST_PAUSE_AFTER_ROWS` hook (see [`PAUSE_ENV`]).
struct PauseHook {
    after: Option<u64>,
}

impl PauseHook {
    fn from_env() -> Self {
        PauseHook { after: std::env::var(PAUSE_ENV).ok().and_then(|v| v.trim().parse().ok()) }
    }

    /// How many rows may still be buffered before a flush, so the pause comes right after N.
    fn batch_limit(&self, written: u64) -> usize {
        match self.after {
            Some(n) if written < n => ROWS_PER_INSERT.min((n - written) as usize).max(1),
            _ => ROWS_PER_INSERT,
        }
    }

    async fn check(&mut self, written: u64) {
        if let Some(n) = self.after
            && written >= n
        {
            self.after = None;
            eprintln!("mprofile: import paused for test");
            tokio::time::sleep(Duration::from_secs(120)).await;
        }
    }
}

/// Whether SQLite refused because another connection holds the lock.
fn is_busy(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Database(db) => matches!(db.code().as_deref(), Some("5" | "6" | "517")) || db.message().contains("database is locked"),
        _ => false,
    }
}

/// Where an observation came from, as a reader would look it up: `file locator`.
fn at(ds: &DatasetImport, obs: &Observation) -> String {
    match ds.files.get(obs.provenance.file) {
        Some(f) => format!("{} {}", f.path, obs.provenance.locator),
        None => obs.provenance.locator.clone(),
    }
}

/// What every dataset of one import shares.
struct Run<'p> {
    origin: Origin,
    backend: Backend,
    batch_id: i64,
    /// Codes the foreign keys will accept, to refuse an unknown one with a clear message.
    indicators: HashSet<String>,
    areas: HashSet<String>,
    full_sql: String,
    pause: PauseHook,
    done: u64,
    written: u64,
    total: u64,
    progress: &'p (dyn Fn(u64, u64) + Sync),
}

impl Run<'_> {
    /// Checks what the database would refuse less clearly; returns the observation's file row.
    fn check(&self, ds: &DatasetImport, file_ids: &[i64], obs: &Observation) -> Result<i64, String> {
        let at = || at(ds, obs);
        let Some(&file_id) = file_ids.get(obs.provenance.file) else {
            return Err(format!(
                "observation {} (at {}) refers to file #{} but the dataset lists {} file(s)",
                obs.key(),
                at(),
                obs.provenance.file,
                ds.files.len()
            ));
        };
        if !self.indicators.contains(obs.indicator.as_str()) {
            return Err(format!(
                "indicator {} (at {}) is not in the store's framework: add it to the framework files and run `mprofile init`, or fix the source mapping",
                obs.indicator,
                at()
            ));
        }
        if !self.areas.contains(obs.area.as_str()) {
            return Err(format!(
                "area {} (at {}) is not in the store's list of areas: add it to areas.toml and run `mprofile init`",
                obs.area,
                at()
            ));
        }
        if obs.value.is_some_and(|v| !v.is_finite()) {
            return Err(format!("observation {} (at {}) has a value that is not a finite number", obs.key(), at()));
        }
        Ok(file_id)
    }

    /// Writes the buffered new rows.
    async fn flush(&mut self, conn: &mut AnyConnection, pending: &mut Vec<NewRow<'_>>, dataset_id: i64) -> Result<(), sqlx::Error> {
        insert_rows(conn, self.backend, &self.full_sql, pending, dataset_id, self.batch_id).await?;
        self.written += pending.len() as u64;
        pending.clear();
        self.pause.check(self.written).await;
        Ok(())
    }
}

impl Store {
    /// Imports datasets in ONE transaction: either every dataset is stored or nothing is.
    /// Observations are diffed against the dataset's stored ones by (indicator, area, period,
    /// dimensions): new ones are added, ones with another value, status, unit multiplier or
    /// footnote are changed, identical ones are left alone. `progress(done, total)` is called as
    /// observations are processed. With `opts.dry_run`, the counts are computed and everything
    /// is rolled back.
    ///
    /// Every import that is kept is one row of the audit trail (`import`, `batch:<id>`),
    /// written in the import's own transaction, as the command line's system user; see
    /// [`Store::import_as`] for another actor.
    pub async fn import(
        &self,
        datasets: &[DatasetImport],
        opts: &ImportOptions,
        progress: &(dyn Fn(u64, u64) + Sync),
    ) -> Result<ImportSummary, StoreError> {
        self.import_as(datasets, opts, progress, &crate::Actor::cli()).await
    }

    /// [`Store::import`], recorded in the audit trail as `actor` (a member publishing a
    /// submission through the workspace).
    pub async fn import_as(
        &self,
        datasets: &[DatasetImport],
        opts: &ImportOptions,
        progress: &(dyn Fn(u64, u64) + Sync),
        actor: &crate::Actor,
    ) -> Result<ImportSummary, StoreError> {
        let t0 = Instant::now();
        let total: u64 = datasets.iter().map(|d| d.observations.len() as u64).sum();
        progress(0, total);
        let begin_err = self.sql_err("starting the import");
        let busy = |e: sqlx::Error| if is_busy(&e) { StoreError::Busy { url: self.display_url() } } else { begin_err(e) };
        // SQLite: take the write lock now (waiting up to the busy timeout), so a second import
        // at the same time waits and, if it cannot, says so before it has done anything.
        let mut tx = match self.backend() {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await.map_err(busy)?,
            Backend::Postgres => self.pool.begin().await.map_err(busy)?,
        };

        let batch_id: i64 = sqlx::query_scalar(
            "INSERT INTO import_batch (started_at, command, status, added, changed, unchanged) VALUES ($1, $2, $3, 0, 0, 0) RETURNING id",
        )
        .bind(now_utc())
        .bind(redact(&opts.command))
        .bind("running")
        .fetch_one(&mut *tx)
        .await
        .map_err(&begin_err)?;
        let indicators =
            sqlx::query_scalar("SELECT code FROM indicator").fetch_all(&mut *tx).await.map_err(&begin_err)?.into_iter().collect();
        let areas = sqlx::query_scalar("SELECT code FROM area").fetch_all(&mut *tx).await.map_err(&begin_err)?.into_iter().collect();
        let mut run = Run {
            origin: opts.origin,
            backend: self.backend(),
            batch_id,
            indicators,
            areas,
            full_sql: insert_sql(self.backend(), ROWS_PER_INSERT),
            pause: PauseHook::from_env(),
            done: 0,
            written: 0,
            total,
            progress,
        };

        let mut summary = ImportSummary { batch_id: None, dry_run: opts.dry_run, datasets: Vec::new(), added: 0, changed: 0, unchanged: 0 };
        for ds in datasets {
            let d = self.import_dataset(&mut tx, &mut run, ds).await?;
            summary.added += d.added;
            summary.changed += d.changed;
            summary.unchanged += d.unchanged;
            summary.datasets.push(d);
        }

        let end_err = self.sql_err("finishing the import");
        sqlx::query("UPDATE import_batch SET finished_at = $1, status = $2, added = $3, changed = $4, unchanged = $5 WHERE id = $6")
            .bind(now_utc())
            .bind("complete")
            .bind(summary.added as i64)
            .bind(summary.changed as i64)
            .bind(summary.unchanged as i64)
            .bind(batch_id)
            .execute(&mut *tx)
            .await
            .map_err(&end_err)?;
        if !opts.dry_run {
            // The import and its audit row are stored together or not at all. Raising the
            // workspace generation serialises this with the workspace's writers, as theirs do.
            sqlx::query("UPDATE ws_meta SET generation = generation + 1 WHERE id = 1").execute(&mut *tx).await.map_err(&end_err)?;
            let after = serde_json::json!({
                "added": summary.added,
                "changed": summary.changed,
                "unchanged": summary.unchanged,
                "command": redact(&opts.command),
            })
            .to_string();
            self.audit_append(&mut tx, actor, "import", &format!("batch:{batch_id}"), "", &after).await?;
        }
        if opts.dry_run {
            tx.rollback().await.map_err(&end_err)?;
        } else {
            tx.commit().await.map_err(&end_err)?;
            summary.batch_id = Some(batch_id);
            self.checkpoint().await;
        }
        let secs = t0.elapsed().as_secs_f64();
        tracing::info!(
            backend = self.backend().as_str(),
            observations = total,
            added = summary.added,
            changed = summary.changed,
            unchanged = summary.unchanged,
            seconds = secs,
            per_second = (total as f64 / secs.max(1e-9)) as u64,
            dry_run = opts.dry_run,
            "import finished"
        );
        Ok(summary)
    }

    /// The dataset `source`@`vintage` that an import (of observations or of registry entries)
    /// writes, created when new, and the store ids of its files (a file imported before with
    /// the same bytes keeps its row, whatever its path now). Decides, for every kind of import,
    /// which sources a batch of `origin` may write, and that a national import never renames
    /// a source.
    #[allow(clippy::too_many_arguments)] // the dataset (source, vintage, files) and the batch (origin, id, counter)
    pub(crate) async fn claim_dataset(
        &self,
        conn: &mut AnyConnection,
        source: &SourceInfo,
        vintage: &str,
        files: &[FileInfo],
        origin: Origin,
        batch_id: i64,
        files_added: &mut u64,
        refuse: &(dyn Fn(String) -> StoreError + Sync),
    ) -> Result<(i64, Vec<i64>), StoreError> {
        let src = source.code.as_str();
        match origin {
            Origin::National if !src.starts_with(NATIONAL_PREFIX) => {
                return Err(refuse(format!(
                    "a national file may only write national sources, whose code starts with `{NATIONAL_PREFIX}`; this is a public source"
                )));
            }
            Origin::Public if src.starts_with(NATIONAL_PREFIX) => {
                return Err(refuse(format!("a public import may not write a national source (code starting with `{NATIONAL_PREFIX}`)")));
            }
            _ => {}
        }
        let err = self.sql_err(format!("importing {src} {vintage}"));
        if origin == Origin::National {
            let existing: Option<(String, String)> = sqlx::query_as("SELECT name, publisher FROM source WHERE code = $1")
                .bind(src)
                .fetch_optional(&mut *conn)
                .await
                .map_err(&err)?;
            if let Some((name, publisher)) = existing
                && (name != source.name || publisher != source.publisher)
            {
                return Err(refuse(format!(
                    "the source is already stored as `{name}` ({publisher}); this file calls it `{}` ({}): an import does not rename a source; keep the name, or submit under another source code",
                    source.name, source.publisher
                )));
            }
        }
        sqlx::query(
            "INSERT INTO source (code, name, publisher, licence, url) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (code) DO UPDATE SET name = excluded.name, publisher = excluded.publisher, licence = excluded.licence, url = excluded.url",
        )
        .bind(src)
        .bind(source.name.as_str())
        .bind(source.publisher.as_str())
        .bind(source.licence.as_str())
        .bind(source.url.as_str())
        .execute(&mut *conn)
        .await
        .map_err(&err)?;
        let found: Option<i64> = sqlx::query_scalar("SELECT id FROM dataset WHERE source_code = $1 AND vintage = $2")
            .bind(src)
            .bind(vintage)
            .fetch_optional(&mut *conn)
            .await
            .map_err(&err)?;
        let dataset_id = match found {
            Some(id) => id,
            None => sqlx::query_scalar("INSERT INTO dataset (source_code, vintage) VALUES ($1, $2) RETURNING id")
                .bind(src)
                .bind(vintage)
                .fetch_one(&mut *conn)
                .await
                .map_err(&err)?,
        };

        // A file imported before with the same bytes keeps its row, whatever its path now.
        let mut file_ids = Vec::with_capacity(files.len());
        for f in files {
            let found: Option<i64> = sqlx::query_scalar("SELECT id FROM source_file WHERE dataset_id = $1 AND sha256 = $2")
                .bind(dataset_id)
                .bind(f.sha256.as_str())
                .fetch_optional(&mut *conn)
                .await
                .map_err(&err)?;
            let id = match found {
                Some(id) => id,
                None => {
                    *files_added += 1;
                    let bytes = i64::try_from(f.bytes)
                        .map_err(|_| refuse(format!("file {} is too large to record ({} bytes)", f.path, f.bytes)))?;
                    sqlx::query_scalar(
                        "INSERT INTO source_file (dataset_id, batch_id, path, sha256, bytes) VALUES ($1, $2, $3, $4, $5) RETURNING id",
                    )
                    .bind(dataset_id)
                    .bind(batch_id)
                    .bind(f.path.as_str())
                    .bind(f.sha256.as_str())
                    .bind(bytes)
                    .fetch_one(&mut *conn)
                    .await
                    .map_err(&err)?
                }
            };
            file_ids.push(id);
        }
        Ok((dataset_id, file_ids))
    }

    /// One dataset, inside the import's transaction.
    async fn import_dataset(&self, conn: &mut AnyConnection, run: &mut Run<'_>, ds: &DatasetImport) -> Result<DatasetSummary, StoreError> {
        let (src, vintage) = (ds.source.code.as_str(), ds.vintage.as_str());
        let refuse = |problem: String| StoreError::Import { source_code: src.to_string(), vintage: vintage.to_string(), problem };
        if src.trim().is_empty() || vintage.trim().is_empty() {
            return Err(refuse("the source code and the vintage must not be empty".to_string()));
        }
        let err = self.sql_err(format!("importing {src} {vintage}"));
        let mut sum = DatasetSummary {
            source_code: src.to_string(),
            vintage: vintage.to_string(),
            observations: ds.observations.len() as u64,
            added: 0,
            changed: 0,
            unchanged: 0,
            files_added: 0,
        };

        let (dataset_id, file_ids) =
            self.claim_dataset(conn, &ds.source, vintage, &ds.files, run.origin, run.batch_id, &mut sum.files_added, &refuse).await?;

        let mut existing = self.existing_observations(conn, dataset_id, &err).await?;
        let mut pending: Vec<NewRow> = Vec::with_capacity(ROWS_PER_INSERT);
        for obs in &ds.observations {
            let file_id = run.check(ds, &file_ids, obs).map_err(refuse)?;
            let period = obs.period.to_string();
            let dims = obs.dims.to_string();
            let key = format!("{}\u{1f}{}\u{1f}{period}\u{1f}{dims}", obs.indicator, obs.area);
            match existing.get_mut(&key) {
                Some(e) if e.seen => {
                    return Err(refuse(format!("observation {} is given twice (the second time at {})", obs.key(), at(ds, obs))));
                }
                Some(e) => {
                    e.seen = true;
                    let same = e.value == obs.value
                        && e.status == Some(obs.status)
                        && e.unit_mult == i64::from(obs.unit_mult.power())
                        && e.footnote.as_deref() == obs.footnote.as_deref();
                    if same {
                        sum.unchanged += 1;
                    } else {
                        sqlx::query(
                            "UPDATE observation SET value = $1, obs_status = $2, unit_mult = $3, footnote = $4, file_id = $5, locator = $6, batch_id = $7 \
                             WHERE id = $8",
                        )
                        .bind(obs.value)
                        .bind(obs.status.code())
                        .bind(i64::from(obs.unit_mult.power()))
                        .bind(obs.footnote.as_deref())
                        .bind(file_id)
                        .bind(obs.provenance.locator.as_str())
                        .bind(run.batch_id)
                        .bind(e.id)
                        .execute(&mut *conn)
                        .await
                        .map_err(&err)?;
                        sum.changed += 1;
                        run.written += 1;
                        run.pause.check(run.written).await;
                    }
                }
                None => {
                    existing.insert(key, Existing { id: 0, value: None, status: None, unit_mult: 0, footnote: None, seen: true });
                    pending.push(NewRow { obs, start: obs.period.start_date(), end: obs.period.end_date(), period, dims, file_id });
                    sum.added += 1;
                    if pending.len() >= run.pause.batch_limit(run.written) {
                        run.flush(conn, &mut pending, dataset_id).await.map_err(&err)?;
                    }
                }
            }
            run.done += 1;
            if run.done.is_multiple_of(2_000) {
                (run.progress)(run.done, run.total);
            }
        }
        run.flush(conn, &mut pending, dataset_id).await.map_err(&err)?;
        (run.progress)(run.done, run.total);
        Ok(sum)
    }

    /// The dataset's stored observations keyed by indicator, area, period and dimensions, read
    /// page by page.
    async fn existing_observations(
        &self,
        conn: &mut AnyConnection,
        dataset_id: i64,
        err: &impl Fn(sqlx::Error) -> StoreError,
    ) -> Result<HashMap<String, Existing>, StoreError> {
        let mut map = HashMap::new();
        // Keyset pages along the UNIQUE index: paging by id made SQLite sort the whole dataset
        // for every page (1 M unchanged rows took 34 s).
        let mut after: Option<[String; 4]> = None;
        loop {
            let q = match &after {
                None => sqlx::query(
                    "SELECT id, indicator, area, period, dims, value, obs_status, unit_mult, footnote FROM observation \
                     WHERE dataset_id = $1 ORDER BY indicator, area, period, dims LIMIT $2",
                )
                .bind(dataset_id)
                .bind(READ_PAGE),
                Some([i, a, p, d]) => sqlx::query(
                    "SELECT id, indicator, area, period, dims, value, obs_status, unit_mult, footnote FROM observation \
                     WHERE dataset_id = $1 AND (indicator, area, period, dims) > ($2, $3, $4, $5) ORDER BY indicator, area, period, dims LIMIT $6",
                )
                .bind(dataset_id)
                .bind(i.as_str())
                .bind(a.as_str())
                .bind(p.as_str())
                .bind(d.as_str())
                .bind(READ_PAGE),
            };
            let rows = q.fetch_all(&mut *conn).await.map_err(err)?;
            let n = rows.len();
            for row in &rows {
                let id: i64 = row.try_get("id").map_err(err)?;
                let r = crate::rows::RowReader::new(row, "observation", id);
                let parts: [String; 4] = [r.get("indicator")?, r.get("area")?, r.get("period")?, r.get("dims")?];
                let key = parts.join("\u{1f}");
                let status: String = r.get("obs_status")?;
                map.insert(
                    key,
                    Existing {
                        id,
                        value: r.get("value")?,
                        status: status.parse().ok(),
                        unit_mult: r.get("unit_mult")?,
                        footnote: r.get("footnote")?,
                        seen: false,
                    },
                );
                after = Some(parts);
            }
            if (n as i64) < READ_PAGE {
                break;
            }
        }
        Ok(map)
    }
}
