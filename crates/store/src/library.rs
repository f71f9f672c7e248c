//! The TWG's document library: documents (title, authors, languages, country or region, themes,
//! indicators, kind, visibility) and their versions, whose files are kept by the SHA-256 of
//! their content.
//!
//! Who may add or read what is `mp-workspace`'s decision, taken by the caller; the file's type
//! has been told from its content (`mp_workspace::library::sniff`) before it gets here. Every
//! write appends its audit row in its own transaction.

use crate::error::StoreError;
use crate::rows::{RowReader, now_utc};
use crate::store::Store;
use crate::workspace::Actor;
use mp_domain::Iso3;
use mp_workspace::library::{DocKind, FileType, Visibility, content_address};
use serde::Serialize;

/// One version of a library document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LibraryVersion {
    /// Store id (the download address uses it).
    pub id: i64,
    /// 1, 2, … within the document.
    pub number: i64,
    /// The file's type, told from its content.
    #[serde(serialize_with = "code")]
    pub file_type: FileType,
    /// Its size in bytes.
    pub size: i64,
    /// SHA-256 of the file.
    pub sha256: String,
    /// What changed.
    pub note: String,
    /// Who uploaded it.
    pub author: String,
    /// When (UTC).
    pub created_at: String,
}

fn code<S: serde::Serializer>(t: &FileType, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(t.code())
}

/// A library document with its versions (oldest first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LibraryDocument {
    /// Store id.
    pub id: i64,
    /// The TWG that owns it.
    pub country: Iso3,
    /// Whether it covers the region rather than the country alone.
    pub regional: bool,
    /// What it is.
    pub kind: DocKind,
    /// Who may read it.
    pub visibility: Visibility,
    /// Title.
    pub title: String,
    /// Authors, as written.
    pub authors: String,
    /// Language codes (`en`, `fr`, `pt`, or others).
    pub languages: Vec<String>,
    /// Theme codes it concerns.
    pub themes: Vec<String>,
    /// Indicator codes it concerns.
    pub indicators: Vec<String>,
    /// Who added it.
    pub created_by: String,
    /// When (UTC).
    pub created_at: String,
    /// Last change (UTC).
    pub updated_at: String,
    /// Its versions, oldest first (never empty once stored).
    pub versions: Vec<LibraryVersion>,
}

impl LibraryDocument {
    /// The newest version.
    pub fn latest(&self) -> Option<&LibraryVersion> {
        self.versions.last()
    }
}

/// What a new document says about itself.
#[derive(Debug, Clone)]
pub struct NewLibraryDocument<'a> {
    /// The owning TWG.
    pub country: &'a Iso3,
    /// Covers the region.
    pub regional: bool,
    /// Kind.
    pub kind: DocKind,
    /// Visibility.
    pub visibility: Visibility,
    /// Title (not empty).
    pub title: &'a str,
    /// Authors.
    pub authors: &'a str,
    /// Language codes.
    pub languages: &'a [String],
    /// Theme codes.
    pub themes: &'a [String],
    /// Indicator codes.
    pub indicators: &'a [String],
}

/// A file of a version, its type already told from its content.
#[derive(Debug, Clone, Copy)]
pub struct LibraryFile<'a> {
    /// The bytes.
    pub bytes: &'a [u8],
    /// Its type.
    pub file_type: FileType,
    /// What this version is or changes.
    pub note: &'a str,
}

fn joined(list: &[String]) -> String {
    if list.is_empty() { String::new() } else { format!(",{},", list.join(",")) }
}

fn split(s: &str) -> Vec<String> {
    s.split(',').filter(|p| !p.is_empty()).map(str::to_string).collect()
}

const DOC_COLS: &str = "d.id AS id, d.country AS country, d.regional AS regional, d.kind AS kind, d.visibility AS visibility, \
     d.title AS title, d.authors AS authors, d.languages AS languages, d.themes AS themes, d.indicators AS indicators, \
     u.login AS created_by, d.created_at AS created_at, d.updated_at AS updated_at";
const VER_COLS: &str = "v.id AS id, v.document_id AS document_id, v.number AS number, v.file_type AS file_type, v.size AS size, \
     v.sha256 AS sha256, v.note AS note, u.login AS author, v.created_at AS created_at";

fn doc_row(row: &sqlx::any::AnyRow) -> Result<LibraryDocument, StoreError> {
    use sqlx::Row;
    let id: i64 = row.try_get("id").unwrap_or_default();
    let r = RowReader::new(row, "library_document", id);
    Ok(LibraryDocument {
        id,
        country: r.parse("country", Iso3::parse)?,
        regional: r.get::<i64>("regional")? != 0,
        kind: r.parse("kind", str::parse::<DocKind>)?,
        visibility: r.parse("visibility", str::parse::<Visibility>)?,
        title: r.get("title")?,
        authors: r.get("authors")?,
        languages: split(&r.get::<String>("languages")?),
        themes: split(&r.get::<String>("themes")?),
        indicators: split(&r.get::<String>("indicators")?),
        created_by: r.get("created_by")?,
        created_at: r.get("created_at")?,
        updated_at: r.get("updated_at")?,
        versions: Vec::new(),
    })
}

fn ver_row(row: &sqlx::any::AnyRow) -> Result<(i64, LibraryVersion), StoreError> {
    use sqlx::Row;
    let id: i64 = row.try_get("id").unwrap_or_default();
    let r = RowReader::new(row, "library_version", id);
    let v = LibraryVersion {
        id,
        number: r.get("number")?,
        file_type: r.parse("file_type", |s| FileType::parse(s).ok_or("not a library file type"))?,
        size: r.get("size")?,
        sha256: r.get("sha256")?,
        note: r.get("note")?,
        author: r.get("author")?,
        created_at: r.get("created_at")?,
    };
    Ok((r.get("document_id")?, v))
}

impl Store {
    /// Stores a new document with its first version; answers its id.
    pub async fn library_add(&self, d: &NewLibraryDocument<'_>, f: LibraryFile<'_>, actor: &Actor) -> Result<i64, StoreError> {
        let writer = actor.id.ok_or_else(|| StoreError::Refused("a library document is added by a signed-in member".into()))?;
        if d.title.trim().is_empty() {
            return Err(StoreError::Refused("a library document needs a title".into()));
        }
        let err = self.sql_err("adding a library document");
        let now = now_utc();
        let mut tx = self.ws_begin("adding a library document").await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO library_document (country, regional, kind, visibility, title, authors, languages, themes, indicators, \
             created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id",
        )
        .bind(d.country.as_str())
        .bind(i64::from(d.regional))
        .bind(d.kind.code())
        .bind(d.visibility.code())
        .bind(d.title.trim())
        .bind(d.authors.trim())
        .bind(joined(d.languages))
        .bind(joined(d.themes))
        .bind(joined(d.indicators))
        .bind(writer)
        .bind(&now)
        .fetch_one(&mut *tx)
        .await
        .map_err(&err)?;
        let sha = Self::library_put_file(&mut tx, id, 1, f, writer, &now, &err).await?;
        let after = serde_json::json!({
            "document": id, "title": d.title.trim(), "kind": d.kind.code(), "visibility": d.visibility.code(),
            "regional": d.regional, "themes": d.themes, "indicators": d.indicators, "languages": d.languages,
            "version": 1, "sha256": sha, "type": f.file_type.code(),
        })
        .to_string();
        self.audit_append(&mut tx, actor, "library.add", &format!("library:{}:{id}", d.country), "", &after).await?;
        tx.commit().await.map_err(&err)?;
        Ok(id)
    }

    async fn library_put_file(
        tx: &mut sqlx::Transaction<'static, sqlx::Any>,
        doc: i64,
        number: i64,
        f: LibraryFile<'_>,
        writer: i64,
        now: &str,
        err: &impl Fn(sqlx::Error) -> StoreError,
    ) -> Result<String, StoreError> {
        let sha = content_address(f.bytes);
        let size = i64::try_from(f.bytes.len()).map_err(|_| StoreError::Refused("the file is too large".into()))?;
        sqlx::query("INSERT INTO library_blob (sha256, bytes, size, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (sha256) DO NOTHING")
            .bind(&sha)
            .bind(f.bytes.to_vec())
            .bind(size)
            .bind(now)
            .execute(&mut **tx)
            .await
            .map_err(err)?;
        sqlx::query(
            "INSERT INTO library_version (document_id, number, sha256, file_type, size, note, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(doc)
        .bind(number)
        .bind(&sha)
        .bind(f.file_type.code())
        .bind(size)
        .bind(f.note.trim())
        .bind(writer)
        .bind(now)
        .execute(&mut **tx)
        .await
        .map_err(err)?;
        Ok(sha)
    }

    /// Adds a version to document `id`; answers its number.
    pub async fn library_add_version(&self, id: i64, f: LibraryFile<'_>, actor: &Actor) -> Result<i64, StoreError> {
        let writer = actor.id.ok_or_else(|| StoreError::Refused("a version is added by a signed-in member".into()))?;
        let Some(d) = self.library_document(id).await? else {
            return Err(StoreError::Refused(format!("there is no library document {id}")));
        };
        let err = self.sql_err("adding a library version");
        let now = now_utc();
        let mut tx = self.ws_begin("adding a library version").await?;
        let last: Option<i64> = sqlx::query_scalar("SELECT MAX(number) FROM library_version WHERE document_id = $1")
            .bind(id)
            .fetch_one(&mut *tx)
            .await
            .map_err(&err)?;
        let number = last.unwrap_or(0) + 1;
        let sha = Self::library_put_file(&mut tx, id, number, f, writer, &now, &err).await?;
        sqlx::query("UPDATE library_document SET updated_at = $1 WHERE id = $2")
            .bind(&now)
            .bind(id)
            .execute(&mut *tx)
            .await
            .map_err(&err)?;
        let after =
            serde_json::json!({ "document": id, "version": number, "sha256": sha, "type": f.file_type.code(), "note": f.note.trim() })
                .to_string();
        self.audit_append(&mut tx, actor, "library.version", &format!("library:{}:{id}", d.country), "", &after).await?;
        tx.commit().await.map_err(&err)?;
        Ok(number)
    }

    /// Sets who may read document `id`; `false` when it already was so.
    pub async fn library_set_visibility(&self, id: i64, to: Visibility, actor: &Actor) -> Result<bool, StoreError> {
        let Some(d) = self.library_document(id).await? else {
            return Err(StoreError::Refused(format!("there is no library document {id}")));
        };
        if d.visibility == to {
            return Ok(false);
        }
        let err = self.sql_err("changing a library document's visibility");
        let mut tx = self.ws_begin("changing a library document's visibility").await?;
        sqlx::query("UPDATE library_document SET visibility = $1, updated_at = $2 WHERE id = $3")
            .bind(to.code())
            .bind(now_utc())
            .bind(id)
            .execute(&mut *tx)
            .await
            .map_err(&err)?;
        let before = serde_json::json!({ "document": id, "visibility": d.visibility.code() }).to_string();
        let after = serde_json::json!({ "document": id, "visibility": to.code() }).to_string();
        self.audit_append(&mut tx, actor, "library.visibility", &format!("library:{}:{id}", d.country), &before, &after).await?;
        tx.commit().await.map_err(&err)?;
        Ok(true)
    }

    /// Every library document with its versions, newest change first. Callers hold
    /// members-only documents back from those who may not read them.
    pub async fn library_documents(&self) -> Result<Vec<LibraryDocument>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {DOC_COLS} FROM library_document d JOIN app_user u ON u.id = d.created_by ORDER BY d.updated_at DESC, d.id DESC"
        ))
        .fetch_all(&self.pool)
        .await
        .map_err(self.sql_err("listing library documents"))?;
        let mut docs = rows.iter().map(doc_row).collect::<Result<Vec<_>, _>>()?;
        let rows = sqlx::query(&format!(
            "SELECT {VER_COLS} FROM library_version v JOIN app_user u ON u.id = v.created_by ORDER BY v.document_id, v.number"
        ))
        .fetch_all(&self.pool)
        .await
        .map_err(self.sql_err("listing library versions"))?;
        for row in &rows {
            let (doc, v) = ver_row(row)?;
            if let Some(d) = docs.iter_mut().find(|d| d.id == doc) {
                d.versions.push(v);
            }
        }
        Ok(docs)
    }

    /// One library document with its versions.
    pub async fn library_document(&self, id: i64) -> Result<Option<LibraryDocument>, StoreError> {
        let row = sqlx::query(&format!("SELECT {DOC_COLS} FROM library_document d JOIN app_user u ON u.id = d.created_by WHERE d.id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await
            .map_err(self.sql_err("reading a library document"))?;
        let Some(mut d) = row.as_ref().map(doc_row).transpose()? else { return Ok(None) };
        let rows = sqlx::query(&format!(
            "SELECT {VER_COLS} FROM library_version v JOIN app_user u ON u.id = v.created_by WHERE v.document_id = $1 ORDER BY v.number"
        ))
        .bind(id)
        .fetch_all(&self.pool)
        .await
        .map_err(self.sql_err("reading a library document's versions"))?;
        for row in &rows {
            d.versions.push(ver_row(row)?.1);
        }
        Ok(Some(d))
    }

    /// The document of version `version_id`, and that version's bytes.
    pub async fn library_file(&self, version_id: i64) -> Result<Option<(LibraryDocument, LibraryVersion, Vec<u8>)>, StoreError> {
        let doc: Option<i64> = sqlx::query_scalar("SELECT document_id FROM library_version WHERE id = $1")
            .bind(version_id)
            .fetch_optional(&self.pool)
            .await
            .map_err(self.sql_err("reading a library version"))?;
        let Some(d) = (match doc {
            Some(id) => self.library_document(id).await?,
            None => None,
        }) else {
            return Ok(None);
        };
        let Some(v) = d.versions.iter().find(|v| v.id == version_id).cloned() else { return Ok(None) };
        let bytes: Option<Vec<u8>> = sqlx::query_scalar("SELECT bytes FROM library_blob WHERE sha256 = $1")
            .bind(&v.sha256)
            .fetch_optional(&self.pool)
            .await
            .map_err(self.sql_err("reading a library file"))?;
        Ok(bytes.map(|b| (d, v, b)))
    }
}
