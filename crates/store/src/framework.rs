//! The framework (themes, units, codelists, dimensions, indicators) and the areas, kept in step
//! with the framework files.

use crate::error::StoreError;
use crate::rows::RowReader;
use crate::store::Store;
use mp_domain::framework::DimensionValues;
use mp_domain::{Area, AreaCode, AreaKind, AreaRegistry, Framework, GroupCode, I18nText, Iso3, Lang, M49, Membership, ObsStatus};
use serde::Serialize;
use sqlx::{AnyConnection, Row};
use std::collections::{HashMap, HashSet};
use std::str::FromStr;

/// What `load_framework` did to one table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TableLoad {
    /// The table.
    pub table: &'static str,
    /// Rows that were not there.
    pub inserted: u64,
    /// Rows that were there with other values.
    pub updated: u64,
    /// Rows that were there already, identical.
    pub unchanged: u64,
    /// Rows in the store that the framework no longer has; they are kept, since observations
    /// and older editions may still refer to them.
    pub not_in_framework: u64,
}

/// What `load_framework` did, table by table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FrameworkLoad {
    /// One entry per table, in load order.
    pub tables: Vec<TableLoad>,
    /// Rows inserted, all tables.
    pub inserted: u64,
    /// Rows updated, all tables.
    pub updated: u64,
    /// Rows unchanged, all tables.
    pub unchanged: u64,
}

impl std::fmt::Display for FrameworkLoad {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} rows inserted, {} updated, {} unchanged", self.inserted, self.updated, self.unchanged)?;
        let dropped: u64 = self.tables.iter().map(|t| t.not_in_framework).sum();
        if dropped > 0 {
            let tables: Vec<String> =
                self.tables.iter().filter(|t| t.not_in_framework > 0).map(|t| format!("{} {}", t.not_in_framework, t.table)).collect();
            write!(f, "; kept {dropped} rows the framework no longer has ({})", tables.join(", "))?;
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Copy)]
enum Kind {
    Text,
    Int,
}

#[derive(Debug, Clone, PartialEq)]
enum Val {
    Text(Option<String>),
    Int(Option<i64>),
}

/// A table of reference data: text key columns and value columns.
struct Table {
    name: &'static str,
    keys: &'static [&'static str],
    cols: &'static [(&'static str, Kind)],
}

struct Record {
    key: Vec<String>,
    vals: Vec<Val>,
}

const T: Kind = Kind::Text;
const I: Kind = Kind::Int;

const FRAMEWORK_META: Table = Table { name: "framework_meta", keys: &["key"], cols: &[("value", T)] };
const THEME: Table = Table {
    name: "theme",
    keys: &["code"],
    cols: &[
        ("ord", I),
        ("name_en", T),
        ("name_fr", T),
        ("name_pt", T),
        ("description_en", T),
        ("description_fr", T),
        ("description_pt", T),
    ],
};
const UNIT: Table = Table { name: "unit", keys: &["id"], cols: &[("symbol", T), ("name_en", T), ("name_fr", T), ("name_pt", T)] };
const CODELIST: Table = Table { name: "codelist", keys: &["id"], cols: &[("name_en", T), ("name_fr", T), ("name_pt", T)] };
const CODELIST_CODE: Table = Table {
    name: "codelist_code",
    keys: &["codelist", "code"],
    cols: &[("ord", I), ("parent", T), ("name_en", T), ("name_fr", T), ("name_pt", T)],
};
const DIMENSION: Table =
    Table { name: "dimension", keys: &["id"], cols: &[("codelist", T), ("name_en", T), ("name_fr", T), ("name_pt", T)] };
const INDICATOR: Table = Table {
    name: "indicator",
    keys: &["code"],
    cols: &[
        ("theme", T),
        ("name_en", T),
        ("name_fr", T),
        ("name_pt", T),
        ("definition_en", T),
        ("definition_fr", T),
        ("definition_pt", T),
        ("unit", T),
        ("unit_mult", I),
        ("decimals", I),
        ("dimensions", T),
        ("formula", T),
        ("sdg", T),
        ("is_key", I),
        ("spec", T),
    ],
};
const AREA: Table = Table {
    name: "area",
    keys: &["code"],
    cols: &[("iso2", T), ("m49", I), ("kind", T), ("name_en", T), ("name_fr", T), ("name_pt", T), ("profile_language", T)],
};
const AREA_MEMBERSHIP: Table =
    Table { name: "area_membership", keys: &["group_code", "member"], cols: &[("year_from", I), ("year_until", I)] };

fn text(s: impl Into<String>) -> Val {
    Val::Text(Some(s.into()))
}

fn opt_text(s: Option<impl Into<String>>) -> Val {
    Val::Text(s.map(Into::into))
}

fn int(i: impl Into<i64>) -> Val {
    Val::Int(Some(i.into()))
}

fn i18n(t: &I18nText) -> [Val; 3] {
    [text(&t.en), text(&t.fr), text(&t.pt)]
}

fn record(key: &[&str], vals: impl IntoIterator<Item = Val>) -> Record {
    Record { key: key.iter().map(|k| k.to_string()).collect(), vals: vals.into_iter().collect() }
}

/// A codelist id, its name and its codes with their names.
type BuiltinCodelist = (&'static str, I18nText, Vec<(String, I18nText)>);

/// SDMX codelists every store has, so that stored attributes (OBS_STATUS, UNIT_MULT, FREQ) can
/// be labelled even when the framework files do not list them.
fn builtin_codelists() -> Vec<BuiltinCodelist> {
    let s = |en: &str, fr: &str, pt: &str| I18nText::new(en, fr, pt);
    let status = ObsStatus::all()
        .map(|st| {
            let name = match st {
                ObsStatus::Normal => s("Normal value", "Valeur normale", "Valor normal"),
                ObsStatus::Break => s("Time series break", "Rupture de série", "Quebra de série"),
                ObsStatus::DefinitionDiffers => s("Definition differs", "Définition différente", "Definição diferente"),
                ObsStatus::Estimated => s("Estimated value", "Valeur estimée", "Valor estimado"),
                ObsStatus::Forecast => s("Forecast value", "Valeur prévisionnelle", "Valor previsto"),
                ObsStatus::Experimental => s("Experimental value", "Valeur expérimentale", "Valor experimental"),
                ObsStatus::Imputed => s("Imputed value", "Valeur imputée", "Valor imputado"),
                ObsStatus::Derogation => s("Derogation", "Dérogation", "Derrogação"),
                ObsStatus::IncludedElsewhere => {
                    s("Data included in another category", "Données incluses dans une autre catégorie", "Dados incluídos noutra categoria")
                }
                ObsStatus::NotCollected => s(
                    "Missing value; data exist but were not collected",
                    "Valeur manquante ; les données existent mais n'ont pas été collectées",
                    "Valor em falta; os dados existem mas não foram recolhidos",
                ),
                ObsStatus::CannotExist => s(
                    "Missing value; data cannot exist",
                    "Valeur manquante ; les données ne peuvent exister",
                    "Valor em falta; os dados não podem existir",
                ),
                ObsStatus::NotSignificant => s("Not significant", "Non significatif", "Não significativo"),
                ObsStatus::Missing => s("Missing value", "Valeur manquante", "Valor em falta"),
                ObsStatus::Provisional => s("Provisional value", "Valeur provisoire", "Valor provisório"),
                ObsStatus::Suppressed => s("Missing value; suppressed", "Valeur manquante ; supprimée", "Valor em falta; suprimido"),
                ObsStatus::SpecialEvent => {
                    s("Strike and other special events", "Grève et autres événements particuliers", "Greve e outros eventos especiais")
                }
                ObsStatus::LowReliability => s("Low reliability", "Fiabilité faible", "Baixa fiabilidade"),
                ObsStatus::Unvalidated => s("Unvalidated value", "Valeur non validée", "Valor não validado"),
                ObsStatus::IncludesOther => s(
                    "Includes data from another category",
                    "Comprend des données d'une autre catégorie",
                    "Inclui dados de outra categoria",
                ),
                ObsStatus::Holiday => s(
                    "Missing value; holiday or weekend",
                    "Valeur manquante ; jour férié ou week-end",
                    "Valor em falta; feriado ou fim de semana",
                ),
            };
            (st.code().to_string(), name)
        })
        .collect();
    let unit_mult = [
        ("0", s("Units", "Unités", "Unidades")),
        ("1", s("Tens", "Dizaines", "Dezenas")),
        ("2", s("Hundreds", "Centaines", "Centenas")),
        ("3", s("Thousands", "Milliers", "Milhares")),
        ("4", s("Tens of thousands", "Dizaines de milliers", "Dezenas de milhares")),
        ("6", s("Millions", "Millions", "Milhões")),
        ("9", s("Billions", "Milliards", "Mil milhões")),
        ("12", s("Trillions", "Billions", "Biliões")),
        ("15", s("Quadrillions", "Billiards", "Mil biliões")),
    ]
    .into_iter()
    .map(|(c, n)| (c.to_string(), n))
    .collect();
    let freq = [
        ("A", s("Annual", "Annuelle", "Anual")),
        ("Q", s("Quarterly", "Trimestrielle", "Trimestral")),
        ("M", s("Monthly", "Mensuelle", "Mensal")),
    ]
    .into_iter()
    .map(|(c, n)| (c.to_string(), n))
    .collect();
    vec![
        ("CL_OBS_STATUS", s("Observation status", "Statut de l'observation", "Estado da observação"), status),
        ("CL_UNIT_MULT", s("Unit multiplier", "Multiplicateur d'unité", "Multiplicador da unidade"), unit_mult),
        ("CL_FREQ", s("Frequency", "Fréquence", "Frequência"), freq),
    ]
}

fn kind_name(k: AreaKind) -> &'static str {
    k.as_str()
}

/// Every table's records, in an order that satisfies the foreign keys.
fn records(fw: &Framework, areas: &AreaRegistry) -> Result<Vec<(&'static Table, Vec<Record>)>, StoreError> {
    let meta = vec![record(&["version"], [text(&fw.version)])];
    let themes = fw
        .themes
        .iter()
        .map(|t| record(&[t.code.as_str()], [int(t.order)].into_iter().chain(i18n(&t.name)).chain(i18n(&t.description))))
        .collect();
    let units = fw.units.iter().map(|u| record(&[&u.id], [opt_text(u.symbol.as_deref())].into_iter().chain(i18n(&u.name)))).collect();
    let mut codelists = Vec::new();
    let mut codes = Vec::new();
    for cl in fw.codelists.values() {
        codelists.push(record(&[&cl.id], i18n(&cl.name)));
        for (i, c) in cl.codes.iter().enumerate() {
            codes.push(record(
                &[&cl.id, c.id.as_str()],
                [int(i as i64), opt_text(c.parent.as_ref().map(|p| p.as_str()))].into_iter().chain(i18n(&c.name)),
            ));
        }
    }
    for (id, name, list) in builtin_codelists() {
        if fw.codelists.contains_key(id) {
            continue;
        }
        codelists.push(record(&[id], i18n(&name)));
        for (i, (c, n)) in list.iter().enumerate() {
            codes.push(record(&[id, c], [int(i as i64), Val::Text(None)].into_iter().chain(i18n(n))));
        }
    }
    let dimensions = fw
        .dimensions
        .values()
        .map(|d| {
            let cl = match &d.values {
                DimensionValues::Codelist(c) => Some(c.as_str()),
                DimensionValues::Areas => None,
            };
            record(&[d.id.as_str()], [opt_text(cl)].into_iter().chain(i18n(&d.name)))
        })
        .collect();
    let mut indicators = Vec::new();
    for ind in &fw.indicators {
        let spec = serde_json::to_string(ind)
            .map_err(|e| StoreError::Framework(format!("indicator {} cannot be written as JSON: {e}", ind.code)))?;
        let dims: Vec<&str> = ind.dimensions.iter().map(|d| d.as_str()).collect();
        let vals = [text(ind.theme.as_str())].into_iter().chain(i18n(&ind.name)).chain(i18n(&ind.definition)).chain([
            text(&ind.unit),
            int(ind.unit_mult.power()),
            int(ind.decimals),
            text(dims.join(",")),
            opt_text(ind.formula.as_ref().map(|f| f.text.as_str())),
            opt_text(ind.sdg.as_deref()),
            int(i64::from(ind.key)),
            text(spec),
        ]);
        indicators.push(record(&[ind.code.as_str()], vals));
    }
    let area_rows = areas
        .all()
        .iter()
        .map(|a| {
            let vals = [opt_text(a.iso2.as_deref()), Val::Int(a.m49.map(|m| i64::from(m.value()))), text(kind_name(a.kind))]
                .into_iter()
                .chain(i18n(&a.name))
                .chain([opt_text(a.profile_language.map(|l| l.code()))]);
            record(&[a.code.as_str()], vals)
        })
        .collect();
    let mut memberships = Vec::new();
    for m in areas.memberships() {
        let group = AreaCode::Group(m.group.clone());
        let member = AreaCode::Country(m.member.clone());
        for (code, role) in [(&group, "group"), (&member, "member")] {
            if !areas.contains(code) {
                return Err(StoreError::Framework(format!(
                    "the membership of {} in {} names the {role} {code}, which is not in the list of areas",
                    m.member, m.group
                )));
            }
        }
        memberships
            .push(record(&[m.group.as_str(), m.member.as_str()], [Val::Int(m.from.map(i64::from)), Val::Int(m.until.map(i64::from))]));
    }
    Ok(vec![
        (&FRAMEWORK_META, meta),
        (&THEME, themes),
        (&UNIT, units),
        (&CODELIST, codelists),
        (&CODELIST_CODE, codes),
        (&DIMENSION, dimensions),
        (&INDICATOR, indicators),
        (&AREA, area_rows),
        (&AREA_MEMBERSHIP, memberships),
    ])
}

/// Brings one table in line with `records`: inserts what is new, updates what differs, leaves
/// the rest alone (so a second load writes nothing and reports it).
async fn sync_table(conn: &mut AnyConnection, store: &Store, t: &Table, records: Vec<Record>) -> Result<TableLoad, StoreError> {
    let err = store.sql_err(format!("loading the framework into table {}", t.name));
    let cols: Vec<&str> = t.keys.iter().copied().chain(t.cols.iter().map(|(c, _)| *c)).collect();
    let select = format!("SELECT {} FROM {}", cols.join(", "), t.name);
    let rows = sqlx::query(&select).fetch_all(&mut *conn).await.map_err(&err)?;
    let mut existing: HashMap<Vec<String>, Vec<Val>> = HashMap::with_capacity(rows.len());
    for row in &rows {
        let mut key = Vec::with_capacity(t.keys.len());
        for (i, k) in t.keys.iter().enumerate() {
            let v: String =
                row.try_get(i).map_err(|e| StoreError::BadRow { table: t.name, id: key.join("/"), column: k, problem: e.to_string() })?;
            key.push(v);
        }
        let r = RowReader::new(row, t.name, key.join("/"));
        let mut vals = Vec::with_capacity(t.cols.len());
        for (c, kind) in t.cols {
            vals.push(match kind {
                Kind::Text => Val::Text(r.get(c)?),
                Kind::Int => Val::Int(r.get(c)?),
            });
        }
        existing.insert(key, vals);
    }

    let placeholders: Vec<String> = (1..=cols.len()).map(|i| format!("${i}")).collect();
    let insert = format!("INSERT INTO {} ({}) VALUES ({})", t.name, cols.join(", "), placeholders.join(", "));
    let set: Vec<String> = t.cols.iter().enumerate().map(|(i, (c, _))| format!("{c} = ${}", i + 1)).collect();
    let cond: Vec<String> = t.keys.iter().enumerate().map(|(i, k)| format!("{k} = ${}", t.cols.len() + i + 1)).collect();
    let update = format!("UPDATE {} SET {} WHERE {}", t.name, set.join(", "), cond.join(" AND "));

    let mut load = TableLoad { table: t.name, inserted: 0, updated: 0, unchanged: 0, not_in_framework: 0 };
    let mut seen: HashSet<Vec<String>> = HashSet::with_capacity(records.len());
    for rec in records {
        if !seen.insert(rec.key.clone()) {
            return Err(StoreError::Framework(format!("{} {} is given twice", t.name, rec.key.join("/"))));
        }
        let keys: Vec<Val> = rec.key.iter().map(|k| Val::Text(Some(k.clone()))).collect();
        // The placeholders are numbered keys-then-values in INSERT and values-then-keys in UPDATE.
        let (sql, binds): (&str, Vec<&Val>) = match existing.get(&rec.key) {
            Some(old) if *old == rec.vals => {
                load.unchanged += 1;
                continue;
            }
            Some(_) => {
                load.updated += 1;
                (&update, rec.vals.iter().chain(&keys).collect())
            }
            None => {
                load.inserted += 1;
                (&insert, keys.iter().chain(&rec.vals).collect())
            }
        };
        let mut q = sqlx::query(sql);
        for v in binds {
            q = match v {
                Val::Text(s) => q.bind(s.as_deref()),
                Val::Int(i) => q.bind(*i),
            };
        }
        q.execute(&mut *conn).await.map_err(&err)?;
    }
    load.not_in_framework = existing.keys().filter(|k| !seen.contains(*k)).count() as u64;
    Ok(load)
}

impl Store {
    /// Loads the framework and the areas in one transaction: inserts what is new, updates what
    /// changed, and reports what it did per table. Running it again with the same files writes
    /// nothing. Never deletes anything: rows the framework dropped are counted, not removed.
    pub async fn load_framework(&self, fw: &Framework, areas: &AreaRegistry) -> Result<FrameworkLoad, StoreError> {
        let tables = records(fw, areas)?;
        let err = self.sql_err("loading the framework");
        let mut tx = self.pool.begin().await.map_err(&err)?;
        let mut out = FrameworkLoad { tables: Vec::new(), inserted: 0, updated: 0, unchanged: 0 };
        for (t, recs) in tables {
            let load = sync_table(&mut tx, self, t, recs).await?;
            out.inserted += load.inserted;
            out.updated += load.updated;
            out.unchanged += load.unchanged;
            out.tables.push(load);
        }
        tx.commit().await.map_err(&err)?;
        // `init` ends here: leave the data in the database file, not only in its log.
        self.checkpoint().await;
        tracing::debug!(inserted = out.inserted, updated = out.updated, unchanged = out.unchanged, "framework loaded");
        Ok(out)
    }

    /// The version of the framework last loaded, `None` before the first load.
    pub async fn framework_version(&self) -> Result<Option<String>, StoreError> {
        sqlx::query_scalar::<_, String>("SELECT value FROM framework_meta WHERE key = $1")
            .bind("version")
            .fetch_optional(&self.pool)
            .await
            .map_err(self.sql_err("reading the framework version"))
    }

    /// The codes of every indicator in the store, sorted.
    pub async fn indicator_codes(&self) -> Result<Vec<String>, StoreError> {
        sqlx::query_scalar::<_, String>("SELECT code FROM indicator ORDER BY code")
            .fetch_all(&self.pool)
            .await
            .map_err(self.sql_err("listing the indicators"))
    }

    /// Every area in the store: countries first, then groups, each in code order.
    pub async fn areas(&self) -> Result<Vec<Area>, StoreError> {
        let rows = sqlx::query("SELECT code, iso2, m49, kind, name_en, name_fr, name_pt, profile_language FROM area ORDER BY kind, code")
            .fetch_all(&self.pool)
            .await
            .map_err(self.sql_err("listing the areas"))?;
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            let id: String = row.try_get("code").unwrap_or_default();
            let r = RowReader::new(row, "area", &id);
            let kind = r.parse("kind", |s| match s {
                "country" => Ok(AreaKind::Country),
                "group" => Ok(AreaKind::Group),
                other => Err(format!("`{other}` is not an area kind: expected country or group")),
            })?;
            let m49 = r
                .int_opt::<u16>("m49")?
                .map(|n| {
                    M49::new(n).ok_or_else(|| StoreError::BadRow {
                        table: "area",
                        id: id.clone(),
                        column: "m49",
                        problem: format!("{n} is not a UN M49 code"),
                    })
                })
                .transpose()?;
            out.push(Area {
                code: r.parse("code", AreaCode::parse)?,
                iso2: r.get("iso2")?,
                m49,
                name: I18nText::new(r.get::<String>("name_en")?, r.get::<String>("name_fr")?, r.get::<String>("name_pt")?),
                kind,
                profile_language: r.parse_opt("profile_language", Lang::from_str)?,
            });
        }
        Ok(out)
    }

    /// The areas and their memberships, as the registry the rest of mprofile looks areas up in.
    pub async fn area_registry(&self) -> Result<AreaRegistry, StoreError> {
        let areas = self.areas().await?;
        let rows = sqlx::query("SELECT group_code, member, year_from, year_until FROM area_membership ORDER BY group_code, member")
            .fetch_all(&self.pool)
            .await
            .map_err(self.sql_err("listing the area memberships"))?;
        let mut memberships = Vec::with_capacity(rows.len());
        for row in &rows {
            let id = format!(
                "{}/{}",
                row.try_get::<String, _>("group_code").unwrap_or_default(),
                row.try_get::<String, _>("member").unwrap_or_default()
            );
            let r = RowReader::new(row, "area_membership", id);
            memberships.push(Membership {
                group: r.parse("group_code", GroupCode::parse)?,
                member: r.parse("member", Iso3::parse)?,
                from: r.int_opt("year_from")?,
                until: r.int_opt("year_until")?,
            });
        }
        Ok(AreaRegistry::new(areas, memberships))
    }
}
