//! The governance registries (instruments, their status per country, institutions, projects):
//! imported all or nothing and diffed like observations, and read back per area.

use crate::error::StoreError;
use crate::import::ImportOptions;
use crate::rows::{RowReader, now_utc};
use crate::store::Store;
use mp_domain::registry::{Currency, Date, Institution, Money, Project, ProjectStatus};
use mp_domain::{
    AreaCode, I18nText, Instrument, InstrumentCode, InstrumentKind, InstrumentStatus, Provenance, Ratification, RegistryImport,
    RegistryView, Sourced, ThemeCode,
};
use serde::Serialize;
use sqlx::{AnyConnection, Row};
use std::collections::{HashMap, HashSet};

/// What a registry import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RegistrySummary {
    /// The import batch recorded; `None` for a dry run.
    pub batch_id: Option<i64>,
    /// Entries (instruments, statuses, institutions, projects) handed in.
    pub entries: u64,
    /// New entries.
    pub added: u64,
    /// Entries whose content changed.
    pub changed: u64,
    /// Entries already stored, identical.
    pub unchanged: u64,
    /// Files not seen before (by checksum).
    pub files_added: u64,
}

impl std::fmt::Display for RegistrySummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "registry: {} entries, {} added, {} changed, {} unchanged", self.entries, self.added, self.changed, self.unchanged)?;
        match self.batch_id {
            Some(id) => write!(f, " (import batch {id})"),
            None => f.write_str(" (dry run: nothing was stored)"),
        }
    }
}

/// A column value, typed so that both backends bind and read it the same way.
#[derive(Debug, Clone, PartialEq)]
enum V {
    T(Option<String>),
    I(Option<i64>),
    R(Option<f64>),
}

fn t(s: impl Into<String>) -> V {
    V::T(Some(s.into()))
}

fn topt(s: &Option<String>) -> V {
    V::T(s.clone())
}

fn lines<T: std::fmt::Display>(items: &[T]) -> V {
    t(items.iter().map(|i| i.to_string()).collect::<Vec<_>>().join("\n"))
}

fn bind<'q>(
    q: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    v: &V,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    match v {
        V::T(x) => q.bind(x.clone()),
        V::I(x) => q.bind(*x),
        V::R(x) => q.bind(*x),
    }
}

fn placeholders(from: usize, n: usize) -> String {
    (from..from + n).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Added,
    Changed,
    Unchanged,
}

/// One table of the registry: its key columns, the columns compared, and the bookkeeping
/// columns (file, row, batch) written but not compared, so a re-import of the same content from
/// a renamed file is not a change.
struct Table {
    name: &'static str,
    key: &'static [&'static str],
    content: &'static [&'static str],
    book: &'static [&'static str],
}

const INSTRUMENT: Table = Table {
    name: "registry_instrument",
    key: &["code"],
    content: &["kind", "short", "title_en", "title_fr", "title_pt", "year", "area", "citation", "link", "themes", "position"],
    book: &["dataset_id", "batch_id"],
};
const RATIFICATION: Table = Table {
    name: "registry_ratification",
    key: &["dataset_id", "instrument", "area"],
    content: &["status", "year", "responsible", "note"],
    book: &["file_id", "locator", "batch_id"],
};
const INSTITUTION: Table = Table {
    name: "registry_institution",
    key: &["dataset_id", "area", "name"],
    content: &["acronym", "mandate", "parent", "themes", "contact", "data_held", "organisation"],
    book: &["file_id", "locator", "batch_id"],
};
const PROJECT: Table = Table {
    name: "registry_project",
    key: &["dataset_id", "identifier"],
    content: &[
        "title",
        "reporting_org",
        "implementing",
        "donors",
        "themes",
        "sectors",
        "start_date",
        "end_date",
        "status",
        "budget",
        "currency",
        "results",
    ],
    book: &["file_id", "locator", "batch_id"],
};

/// Inserts the row, or compares it with the stored one and rewrites it when its content differs.
async fn upsert(conn: &mut AnyConnection, tb: &Table, key: &[V], content: &[V], book: &[V]) -> Result<Outcome, sqlx::Error> {
    let where_ = tb.key.iter().enumerate().map(|(i, k)| format!("{k} = ${}", i + 1)).collect::<Vec<_>>().join(" AND ");
    let sql = format!("SELECT {} FROM {} WHERE {where_}", tb.content.join(", "), tb.name);
    let mut q = sqlx::query(&sql);
    for k in key {
        q = bind(q, k);
    }
    let found = q.fetch_optional(&mut *conn).await?;
    match found {
        Some(row) => {
            let mut same = true;
            for (i, v) in content.iter().enumerate() {
                let stored = match v {
                    V::T(_) => V::T(row.try_get::<Option<String>, _>(i)?),
                    V::I(_) => V::I(row.try_get::<Option<i64>, _>(i)?),
                    V::R(_) => V::R(row.try_get::<Option<f64>, _>(i)?),
                };
                same &= &stored == v;
            }
            if same {
                return Ok(Outcome::Unchanged);
            }
            let cols: Vec<&str> = tb.content.iter().chain(tb.book).copied().collect();
            let set = cols.iter().enumerate().map(|(i, c)| format!("{c} = ${}", i + 1)).collect::<Vec<_>>().join(", ");
            let where_ = tb.key.iter().enumerate().map(|(i, k)| format!("{k} = ${}", cols.len() + i + 1)).collect::<Vec<_>>().join(" AND ");
            let sql = format!("UPDATE {} SET {set} WHERE {where_}", tb.name);
            let mut q = sqlx::query(&sql);
            for v in content.iter().chain(book).chain(key) {
                q = bind(q, v);
            }
            q.execute(&mut *conn).await?;
            Ok(Outcome::Changed)
        }
        None => {
            let cols: Vec<&str> = tb.key.iter().chain(tb.content).chain(tb.book).copied().collect();
            let sql = format!("INSERT INTO {} ({}) VALUES ({})", tb.name, cols.join(", "), placeholders(1, cols.len()));
            let mut q = sqlx::query(&sql);
            for v in key.iter().chain(content).chain(book) {
                q = bind(q, v);
            }
            q.execute(&mut *conn).await?;
            Ok(Outcome::Added)
        }
    }
}

impl RegistrySummary {
    fn count(&mut self, o: Outcome) {
        self.entries += 1;
        match o {
            Outcome::Added => self.added += 1,
            Outcome::Changed => self.changed += 1,
            Outcome::Unchanged => self.unchanged += 1,
        }
    }
}

fn year(y: Option<i32>) -> V {
    V::I(y.map(i64::from))
}

fn refuse(imp: &RegistryImport, problem: String) -> StoreError {
    StoreError::Import { source_code: imp.source.code.clone(), vintage: imp.vintage.clone(), problem }
}

impl Store {
    /// Imports registry entries in ONE transaction: every entry of every import is stored, or
    /// nothing is. Entries are matched on their key (instrument code; dataset + instrument +
    /// country; dataset + country + name; dataset + project identifier): new ones are added,
    /// ones whose content differs are rewritten, identical ones are left alone, so importing the
    /// same files twice changes nothing.
    ///
    /// Every import that is kept is one row of the audit trail (`registry.import`,
    /// `batch:<id>`), written in the import's own transaction, as the command line's system
    /// user; see [`Store::import_registry_as`] for a member.
    pub async fn import_registry(&self, imports: &[RegistryImport], opts: &ImportOptions) -> Result<RegistrySummary, StoreError> {
        self.import_registry_as(imports, opts, &crate::Actor::cli()).await
    }

    /// [`Store::import_registry`], recorded in the audit trail as `actor` (the member the
    /// command line names with `--as`).
    pub async fn import_registry_as(
        &self,
        imports: &[RegistryImport],
        opts: &ImportOptions,
        actor: &crate::Actor,
    ) -> Result<RegistrySummary, StoreError> {
        let err = self.sql_err("importing the registry");
        // Raising the workspace generation first serialises this with the workspace's writers,
        // as every audited write does.
        let mut tx = self.ws_begin("importing the registry").await?;
        let mut sum = self.import_registry_in(&mut tx, imports, opts).await?;
        if !opts.dry_run {
            let after = serde_json::json!({
                "sources": imports.iter().map(|i| format!("{}@{}", i.source.code, i.vintage)).collect::<Vec<_>>(),
                "files": imports.iter().flat_map(|i| i.files.iter().map(|f| format!("{} sha256:{}", f.path, f.sha256))).collect::<Vec<_>>(),
                "added": sum.added,
                "changed": sum.changed,
                "unchanged": sum.unchanged,
                "command": crate::redact::redact(&opts.command),
            })
            .to_string();
            let batch = sum.batch_id.map(|b| format!("batch:{b}")).unwrap_or_default();
            self.audit_append(&mut tx, actor, "registry.import", &batch, "", &after).await?;
        }
        if opts.dry_run {
            tx.rollback().await.map_err(&err)?;
            sum.batch_id = None;
        } else {
            tx.commit().await.map_err(&err)?;
        }
        Ok(sum)
    }

    /// The import inside a transaction the caller commits (`batch_id` is set).
    pub(crate) async fn import_registry_in(
        &self,
        tx: &mut sqlx::Transaction<'static, sqlx::Any>,
        imports: &[RegistryImport],
        opts: &ImportOptions,
    ) -> Result<RegistrySummary, StoreError> {
        let err = self.sql_err("importing the registry");
        let batch_id: i64 = sqlx::query_scalar(
            "INSERT INTO import_batch (started_at, command, status, added, changed, unchanged) VALUES ($1, $2, $3, 0, 0, 0) RETURNING id",
        )
        .bind(now_utc())
        .bind(crate::redact::redact(&opts.command))
        .bind("running")
        .fetch_one(&mut **tx)
        .await
        .map_err(&err)?;
        let areas: HashSet<String> =
            sqlx::query_scalar("SELECT code FROM area").fetch_all(&mut **tx).await.map_err(&err)?.into_iter().collect();
        let mut known: HashSet<String> =
            sqlx::query_scalar("SELECT code FROM registry_instrument").fetch_all(&mut **tx).await.map_err(&err)?.into_iter().collect();
        let mut sum = RegistrySummary::default();
        for imp in imports {
            if imp.source.code.trim().is_empty() || imp.vintage.trim().is_empty() {
                return Err(refuse(imp, "the source code and the vintage must not be empty".to_string()));
            }
            let (dataset_id, file_ids) = self
                .claim_dataset(tx, &imp.source, &imp.vintage, &imp.files, opts.origin, batch_id, &mut sum.files_added, &|p| refuse(imp, p))
                .await?;
            let file_of = |p: &Provenance, what: &str| {
                file_ids.get(p.file).copied().ok_or_else(|| {
                    refuse(
                        imp,
                        format!("{what} ({}) refers to file #{} but the import lists {} file(s)", p.locator, p.file, imp.files.len()),
                    )
                })
            };
            let area_ok = |a: &AreaCode, what: &str| {
                if areas.contains(a.as_str()) {
                    Ok(())
                } else {
                    Err(refuse(imp, format!("{what}: area {a} is not in the store's list of areas (run `mprofile init`)")))
                }
            };
            for (position, i) in imp.instruments.iter().enumerate() {
                if let Some(a) = &i.area {
                    area_ok(a, &format!("instrument {}", i.code))?;
                }
                let content = [
                    t(i.kind.code()),
                    t(i.short.as_str()),
                    t(i.title.en.as_str()),
                    t(i.title.fr.as_str()),
                    t(i.title.pt.as_str()),
                    year(i.year),
                    V::T(i.area.as_ref().map(|a| a.to_string())),
                    topt(&i.citation),
                    topt(&i.link),
                    lines(&i.themes),
                    V::I(Some(position as i64)),
                ];
                let o = upsert(tx, &INSTRUMENT, &[t(i.code.as_str())], &content, &[V::I(Some(dataset_id)), V::I(Some(batch_id))])
                    .await
                    .map_err(&err)?;
                known.insert(i.code.to_string());
                sum.count(o);
            }
            let mut seen = HashSet::new();
            for r in &imp.ratifications {
                let what = format!("status of {} in {}", r.instrument, r.area);
                if !known.contains(r.instrument.as_str()) {
                    return Err(refuse(
                        imp,
                        format!("{what} ({}): instrument {} is not in the registry", r.provenance.locator, r.instrument),
                    ));
                }
                if !seen.insert((r.instrument.clone(), r.area.clone())) {
                    return Err(refuse(imp, format!("{what} is given twice (second at {})", r.provenance.locator)));
                }
                area_ok(&r.area, &what)?;
                let file_id = file_of(&r.provenance, &what)?;
                let key = [V::I(Some(dataset_id)), t(r.instrument.as_str()), t(r.area.as_str())];
                let content = [t(r.status.code()), year(r.year), topt(&r.responsible), topt(&r.note)];
                let book = [V::I(Some(file_id)), t(r.provenance.locator.as_str()), V::I(Some(batch_id))];
                sum.count(upsert(tx, &RATIFICATION, &key, &content, &book).await.map_err(&err)?);
            }
            for i in &imp.institutions {
                let what = format!("institution {} ({})", i.name, i.area);
                area_ok(&i.area, &what)?;
                let file_id = file_of(&i.provenance, &what)?;
                let key = [V::I(Some(dataset_id)), t(i.area.as_str()), t(i.name.as_str())];
                let content = [
                    topt(&i.acronym),
                    topt(&i.mandate),
                    topt(&i.parent),
                    lines(&i.themes),
                    topt(&i.contact),
                    topt(&i.data_held),
                    topt(&i.organisation),
                ];
                let book = [V::I(Some(file_id)), t(i.provenance.locator.as_str()), V::I(Some(batch_id))];
                sum.count(upsert(tx, &INSTITUTION, &key, &content, &book).await.map_err(&err)?);
            }
            let mut seen = HashSet::new();
            for p in &imp.projects {
                let what = format!("project {}", p.identifier);
                if !seen.insert(p.identifier.as_str()) {
                    return Err(refuse(imp, format!("{what} is given twice (second at {})", p.provenance.locator)));
                }
                for a in &p.countries {
                    area_ok(a, &what)?;
                }
                if p.budget.as_ref().is_some_and(|b| !b.value.is_finite()) {
                    return Err(refuse(imp, format!("{what} ({}): the budget is not a finite number", p.provenance.locator)));
                }
                let file_id = file_of(&p.provenance, &what)?;
                let key = [V::I(Some(dataset_id)), t(p.identifier.as_str())];
                let content = [
                    t(p.title.as_str()),
                    t(p.reporting_org.as_str()),
                    lines(&p.implementing),
                    lines(&p.donors),
                    lines(&p.themes),
                    lines(&p.sectors),
                    V::T(p.start.map(|d| d.to_string())),
                    V::T(p.end.map(|d| d.to_string())),
                    V::T(p.status.map(|s| s.code().to_string())),
                    V::R(p.budget.as_ref().map(|b| b.value)),
                    V::T(p.budget.as_ref().map(|b| b.currency.as_str().to_string())),
                    topt(&p.results),
                ];
                let book = [V::I(Some(file_id)), t(p.provenance.locator.as_str()), V::I(Some(batch_id))];
                let mut o = upsert(tx, &PROJECT, &key, &content, &book).await.map_err(&err)?;
                let id: i64 = sqlx::query_scalar("SELECT id FROM registry_project WHERE dataset_id = $1 AND identifier = $2")
                    .bind(dataset_id)
                    .bind(p.identifier.as_str())
                    .fetch_one(&mut **tx)
                    .await
                    .map_err(&err)?;
                let stored: HashSet<String> = sqlx::query_scalar("SELECT area FROM registry_project_country WHERE project_id = $1")
                    .bind(id)
                    .fetch_all(&mut **tx)
                    .await
                    .map_err(&err)?
                    .into_iter()
                    .collect();
                let wanted: HashSet<String> = p.countries.iter().map(|a| a.to_string()).collect();
                if stored != wanted {
                    sqlx::query("DELETE FROM registry_project_country WHERE project_id = $1")
                        .bind(id)
                        .execute(&mut **tx)
                        .await
                        .map_err(&err)?;
                    for a in &wanted {
                        sqlx::query("INSERT INTO registry_project_country (project_id, area) VALUES ($1, $2)")
                            .bind(id)
                            .bind(a.as_str())
                            .execute(&mut **tx)
                            .await
                            .map_err(&err)?;
                    }
                    if o == Outcome::Unchanged {
                        o = Outcome::Changed;
                    }
                }
                sum.count(o);
            }
        }
        sqlx::query("UPDATE import_batch SET finished_at = $1, status = $2, added = $3, changed = $4, unchanged = $5 WHERE id = $6")
            .bind(now_utc())
            .bind("complete")
            .bind(sum.added as i64)
            .bind(sum.changed as i64)
            .bind(sum.unchanged as i64)
            .bind(batch_id)
            .execute(&mut **tx)
            .await
            .map_err(&err)?;
        sum.batch_id = Some(batch_id);
        Ok(sum)
    }

    /// What the registries hold about these areas (every area when `areas` is empty): the
    /// newest vintage of each source, entries in a stable order (area, then code or name).
    pub async fn registry_view(&self, areas: &[AreaCode]) -> Result<RegistryView, StoreError> {
        let err = self.sql_err("reading the registry");
        let filter = |col: &str| {
            if areas.is_empty() { String::new() } else { format!(" AND {col} IN ({})", placeholders(1, areas.len())) }
        };
        let newest = "d.vintage = (SELECT MAX(d2.vintage) FROM dataset d2 WHERE d2.source_code = d.source_code)";
        let mut view = RegistryView::default();

        let rows = sqlx::query(
            "SELECT code, kind, short, title_en, title_fr, title_pt, year, area, citation, link, themes FROM registry_instrument ORDER BY position, code",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(&err)?;
        for row in &rows {
            let code: String = row.try_get("code").map_err(&err)?;
            let r = RowReader::new(row, "registry_instrument", &code);
            view.instruments.push(Instrument {
                code: r.parse("code", InstrumentCode::parse)?,
                kind: r.parse("kind", InstrumentKind::parse)?,
                short: r.get("short")?,
                title: I18nText::new(r.get::<String>("title_en")?, r.get::<String>("title_fr")?, r.get::<String>("title_pt")?),
                year: r.int_opt("year")?,
                area: r.parse_opt("area", AreaCode::parse)?,
                citation: r.get("citation")?,
                link: r.get("link")?,
                themes: r.parse("themes", parse_themes)?,
            });
        }

        let sql = format!(
            "SELECT r.id, r.instrument, r.area, r.status, r.year, r.responsible, r.note, r.locator, f.path, d.source_code, d.vintage, s.name \
             FROM registry_ratification r JOIN dataset d ON d.id = r.dataset_id JOIN source s ON s.code = d.source_code \
             JOIN source_file f ON f.id = r.file_id WHERE {newest}{} ORDER BY r.area, r.instrument, d.source_code",
            filter("r.area")
        );
        let mut q = sqlx::query(&sql);
        for a in areas {
            q = q.bind(a.as_str());
        }
        for row in &q.fetch_all(&self.pool).await.map_err(&err)? {
            let id: i64 = row.try_get("id").map_err(&err)?;
            let r = RowReader::new(row, "registry_ratification", id);
            let entry = Ratification {
                instrument: r.parse("instrument", InstrumentCode::parse)?,
                area: r.parse("area", AreaCode::parse)?,
                status: r.parse("status", InstrumentStatus::parse)?,
                year: r.int_opt("year")?,
                responsible: r.get("responsible")?,
                note: r.get("note")?,
                provenance: Provenance { file: 0, locator: r.get("locator")? },
            };
            view.ratifications.push(sourced(&r, entry)?);
        }

        let sql = format!(
            "SELECT r.id, r.area, r.name, r.acronym, r.mandate, r.parent, r.themes, r.contact, r.data_held, r.organisation, r.locator, f.path, d.source_code, d.vintage, s.name AS source_name \
             FROM registry_institution r JOIN dataset d ON d.id = r.dataset_id JOIN source s ON s.code = d.source_code \
             JOIN source_file f ON f.id = r.file_id WHERE {newest}{} ORDER BY r.area, r.name",
            filter("r.area")
        );
        let mut q = sqlx::query(&sql);
        for a in areas {
            q = q.bind(a.as_str());
        }
        for row in &q.fetch_all(&self.pool).await.map_err(&err)? {
            let id: i64 = row.try_get("id").map_err(&err)?;
            let r = RowReader::new(row, "registry_institution", id);
            let entry = Institution {
                area: r.parse("area", AreaCode::parse)?,
                name: r.get("name")?,
                acronym: r.get("acronym")?,
                mandate: r.get("mandate")?,
                parent: r.get("parent")?,
                themes: r.parse("themes", parse_themes)?,
                contact: r.get("contact")?,
                data_held: r.get("data_held")?,
                organisation: r.get("organisation")?,
                provenance: Provenance { file: 0, locator: r.get("locator")? },
            };
            view.institutions.push(sourced_named(&r, entry, "source_name")?);
        }

        let sql = format!(
            "SELECT DISTINCT p.id, p.identifier, p.title, p.reporting_org, p.implementing, p.donors, p.themes, p.sectors, p.start_date, p.end_date, \
             p.status, p.budget, p.currency, p.results, p.locator, f.path, d.source_code, d.vintage, s.name \
             FROM registry_project p JOIN registry_project_country c ON c.project_id = p.id JOIN dataset d ON d.id = p.dataset_id \
             JOIN source s ON s.code = d.source_code JOIN source_file f ON f.id = p.file_id WHERE {newest}{} ORDER BY p.identifier, p.id",
            filter("c.area")
        );
        let mut q = sqlx::query(&sql);
        for a in areas {
            q = q.bind(a.as_str());
        }
        let rows = q.fetch_all(&self.pool).await.map_err(&err)?;
        let mut countries: HashMap<i64, Vec<AreaCode>> = HashMap::new();
        for row in
            sqlx::query("SELECT project_id, area FROM registry_project_country ORDER BY area").fetch_all(&self.pool).await.map_err(&err)?
        {
            let id: i64 = row.try_get("project_id").map_err(&err)?;
            let r = RowReader::new(&row, "registry_project_country", id);
            countries.entry(id).or_default().push(r.parse("area", AreaCode::parse)?);
        }
        for row in &rows {
            let id: i64 = row.try_get("id").map_err(&err)?;
            let r = RowReader::new(row, "registry_project", id);
            let budget = match (r.get::<Option<f64>>("budget")?, r.parse_opt("currency", Currency::parse)?) {
                (Some(value), Some(currency)) => Some(Money { value, currency }),
                _ => None,
            };
            let entry = Project {
                identifier: r.get("identifier")?,
                title: r.get("title")?,
                reporting_org: r.get("reporting_org")?,
                implementing: split_lines(&r.get::<String>("implementing")?),
                donors: split_lines(&r.get::<String>("donors")?),
                countries: countries.remove(&id).unwrap_or_default(),
                themes: r.parse("themes", parse_themes)?,
                sectors: split_lines(&r.get::<String>("sectors")?),
                start: r.parse_opt("start_date", Date::parse)?,
                end: r.parse_opt("end_date", Date::parse)?,
                status: r.parse_opt("status", ProjectStatus::parse)?,
                budget,
                results: r.get("results")?,
                provenance: Provenance { file: 0, locator: r.get("locator")? },
            };
            view.projects.push(sourced(&r, entry)?);
        }
        Ok(view)
    }
}

fn split_lines(s: &str) -> Vec<String> {
    s.lines().filter(|l| !l.trim().is_empty()).map(str::to_string).collect()
}

fn parse_themes(s: &str) -> Result<Vec<ThemeCode>, mp_domain::CodeError> {
    s.lines().filter(|l| !l.trim().is_empty()).map(ThemeCode::parse).collect()
}

fn sourced<T>(r: &RowReader<'_>, entry: T) -> Result<Sourced<T>, StoreError> {
    sourced_named(r, entry, "name")
}

fn sourced_named<T>(r: &RowReader<'_>, entry: T, name_col: &'static str) -> Result<Sourced<T>, StoreError> {
    let path: String = r.get("path")?;
    let locator: String = r.get("locator")?;
    Ok(Sourced {
        entry,
        source: r.get("source_code")?,
        vintage: r.get("vintage")?,
        source_name: r.get(name_col)?,
        at: format!("{path} {locator}"),
    })
}

impl Store {
    /// Keeps a copy of what the registries hold for an edition's country, with the edition.
    /// Refuses when the edition does not exist or already has its copy (editions are frozen).
    pub async fn edition_registry_save(&self, area: &AreaCode, label: &str, view: &RegistryView) -> Result<(), StoreError> {
        let err = self.sql_err(format!("freezing the registry of edition {label} of {area}"));
        let refuse = |problem: String| StoreError::Import { source_code: area.to_string(), vintage: label.to_string(), problem };
        let id: Option<i64> = sqlx::query_scalar("SELECT id FROM edition WHERE area = $1 AND label = $2")
            .bind(area.as_str())
            .bind(label)
            .fetch_optional(&self.pool)
            .await
            .map_err(&err)?;
        let id = id.ok_or_else(|| refuse(format!("no edition {label} of {area}")))?;
        let body = serde_json::to_string(view).map_err(|e| refuse(format!("cannot serialise the registry ({e})")))?;
        let done = sqlx::query("INSERT INTO edition_registry (edition_id, body) SELECT $1, $2 WHERE NOT EXISTS (SELECT 1 FROM edition_registry WHERE edition_id = $3)")
            .bind(id)
            .bind(body)
            .bind(id)
            .execute(&self.pool)
            .await
            .map_err(&err)?;
        if done.rows_affected() == 0 {
            return Err(refuse(format!("edition {label} of {area} already has its registry copy; editions are frozen")));
        }
        Ok(())
    }

    /// The registry copy of an edition; `None` when the edition was frozen without one.
    pub async fn edition_registry(&self, area: &AreaCode, label: &str) -> Result<Option<RegistryView>, StoreError> {
        let err = self.sql_err(format!("reading the registry of edition {label} of {area}"));
        let body: Option<String> = sqlx::query_scalar(
            "SELECT r.body FROM edition_registry r JOIN edition e ON e.id = r.edition_id WHERE e.area = $1 AND e.label = $2",
        )
        .bind(area.as_str())
        .bind(label)
        .fetch_optional(&self.pool)
        .await
        .map_err(&err)?;
        match body {
            None => Ok(None),
            Some(b) => serde_json::from_str(&b).map(Some).map_err(|e| StoreError::BadRow {
                table: "edition_registry",
                id: format!("{area} {label}"),
                column: "body",
                problem: e.to_string(),
            }),
        }
    }
}

/// The source of a country's registry entries made in the TWG workspace: a national source.
pub fn workspace_registry_source(area: &AreaCode) -> mp_domain::SourceInfo {
    mp_domain::SourceInfo {
        code: format!("nat-{}-twg-registry", area.as_str().to_ascii_lowercase()),
        name: format!("Registry entries of the Technical Working Group ({area})"),
        publisher: format!("Technical Working Group on migration data ({area})"),
        licence: "as decided by the Technical Working Group".into(),
        url: String::new(),
    }
}

/// The vintage of the workspace registry source: one, rewritten in place.
pub const WORKSPACE_REGISTRY_VINTAGE: &str = "current";
