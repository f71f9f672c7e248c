//! The TWG workspace's tables: organisations, TWGs, accounts, memberships, sessions, API
//! tokens, submissions and the hash-chained audit trail.
//!
//! Every write here runs in one transaction whose first statement raises the workspace
//! generation in `ws_meta`: that takes SQLite's write lock and PostgreSQL's row lock on the one
//! `ws_meta` row, so writes (and the audit rows they append) are serialised across every
//! process sharing the database, and each process can tell from the generation that something
//! changed. Each write appends its audit row in the same transaction: a write without its audit
//! row cannot be committed. The rules (who may, which step comes next, how rows chain) are
//! `mp-workspace`'s; this module only stores.

use crate::error::StoreError;
use crate::rows::{RowReader, now_utc};
use crate::store::Store;
use mp_domain::Iso3;
use mp_workspace::{AuditRow, Membership, Principal, Role, State, ThemeSet, chain_hash};
use serde::Serialize;
use sqlx::{Any, Row, Transaction};

/// Who does a write: a signed-in user, or the operator at the command line (`id = None`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Actor {
    /// The user id, when a user acts.
    pub id: Option<i64>,
    /// The sign-in name, or `cli:<system user>`.
    pub name: String,
}

impl Actor {
    /// The operator running the command line.
    pub fn cli() -> Actor {
        let who = std::env::var("USER").or_else(|_| std::env::var("USERNAME")).unwrap_or_else(|_| "operator".into());
        Actor { id: None, name: format!("cli:{who}") }
    }
    /// A signed-in user.
    pub fn user(p: &Principal) -> Actor {
        Actor { id: Some(p.user_id), name: p.login.clone() }
    }
}

/// An organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OrgInfo {
    /// Store id.
    pub id: i64,
    /// Short code (lower-case letters, digits and `-`), used in its national source code.
    pub code: String,
    /// Name.
    pub name: String,
}

/// A country's TWG.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TwgInfo {
    /// The country.
    pub country: String,
    /// Name.
    pub name: String,
    /// Whether submissions skip the sub-group review.
    pub skip_subgroup: bool,
}

/// An account as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UserInfo {
    /// Store id.
    pub id: i64,
    /// Sign-in name.
    pub login: String,
    /// Name shown.
    pub display_name: String,
    /// Disabled accounts cannot sign in.
    pub disabled: bool,
    /// Locked for sign-in until this Unix time (after repeated failures).
    pub locked_until: i64,
    /// Created (UTC).
    pub created_at: String,
    /// Roles held.
    pub memberships: Vec<Membership>,
}

/// What sign-in needs of an account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserAuth {
    /// Store id.
    pub id: i64,
    /// Sign-in name.
    pub login: String,
    /// The argon2id PHC string.
    pub password_hash: String,
    /// Disabled accounts cannot sign in.
    pub disabled: bool,
    /// Locked until this Unix time.
    pub locked_until: i64,
}

/// A live session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionInfo {
    /// The user and their memberships.
    pub principal: Principal,
    /// The session's CSRF token.
    pub csrf: String,
    /// Unix time it ends.
    pub expires_at: i64,
}

/// An API token as listed (never the token itself).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TokenInfo {
    /// Store id.
    pub id: i64,
    /// Owner.
    pub user_id: i64,
    /// What it is for.
    pub label: String,
    /// Created (UTC).
    pub created_at: String,
    /// Revoked (UTC), if it was.
    pub revoked_at: Option<String>,
}

/// A submission to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSubmission {
    /// The country.
    pub country: Iso3,
    /// The submitting organisation.
    pub organisation_id: i64,
    /// The themes its figures belong to.
    pub themes: ThemeSet,
    /// The national source it will be published under.
    pub source_code: String,
    /// The file's name as uploaded.
    pub file_name: String,
    /// `xlsx`, `sdmx` or `csv`.
    pub file_kind: String,
    /// The file.
    pub file_bytes: Vec<u8>,
    /// SHA-256 of the file.
    pub file_sha256: String,
    /// What the preview found (JSON text).
    pub summary: String,
}

/// A submission as stored (without the file).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SubmissionInfo {
    /// Store id.
    pub id: i64,
    /// The country.
    pub country: Iso3,
    /// The submitting organisation.
    pub organisation_id: i64,
    /// Its code.
    pub organisation_code: String,
    /// The themes its figures belong to.
    pub themes: ThemeSet,
    /// Where it is.
    pub state: State,
    /// Raised at every change.
    pub version: i64,
    /// The national source it is published under.
    pub source_code: String,
    /// The file's name as uploaded.
    pub file_name: String,
    /// `xlsx`, `sdmx` or `csv`.
    pub file_kind: String,
    /// SHA-256 of the file.
    pub file_sha256: String,
    /// What the preview found (JSON text).
    pub summary: String,
    /// Why it was last sent back (empty if never).
    pub reason: String,
    /// The import batch that published it.
    pub batch_id: Option<i64>,
    /// Who created it.
    pub created_by: i64,
    /// Created (UTC).
    pub created_at: String,
    /// Last changed (UTC).
    pub updated_at: String,
}

/// The audit trail's recorded head.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditHead {
    /// Rows recorded.
    pub count: i64,
    /// The last row's hash.
    pub last: String,
}

/// Seconds since 1970 (the unit of session expiry and lock-outs).
pub fn unix_now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

fn bad_membership(id: i64, column: &'static str, problem: impl std::fmt::Display) -> StoreError {
    StoreError::BadRow { table: "membership", id: id.to_string(), column, problem: problem.to_string() }
}

const SUB_COLS: &str = "s.id AS id, s.country AS country, s.organisation_id AS organisation_id, o.code AS org_code, s.themes AS themes, \
     s.state AS state, s.version AS version, s.source_code AS source_code, s.file_name AS file_name, s.file_kind AS file_kind, \
     s.file_sha256 AS file_sha256, s.summary AS summary, s.reason AS reason, s.batch_id AS batch_id, s.created_by AS created_by, \
     s.created_at AS created_at, s.updated_at AS updated_at";

fn submission_row(row: &sqlx::any::AnyRow) -> Result<SubmissionInfo, StoreError> {
    let id: i64 = row.try_get("id").unwrap_or_default();
    let r = RowReader::new(row, "submission", id);
    Ok(SubmissionInfo {
        id,
        country: r.parse("country", Iso3::parse)?,
        organisation_id: r.get("organisation_id")?,
        organisation_code: r.get("org_code")?,
        themes: r.parse("themes", ThemeSet::parse)?,
        state: r.parse("state", |s| s.parse::<State>())?,
        version: r.get("version")?,
        source_code: r.get("source_code")?,
        file_name: r.get("file_name")?,
        file_kind: r.get("file_kind")?,
        file_sha256: r.get("file_sha256")?,
        summary: r.get("summary")?,
        reason: r.get("reason")?,
        batch_id: r.get("batch_id")?,
        created_by: r.get("created_by")?,
        created_at: r.get("created_at")?,
        updated_at: r.get("updated_at")?,
    })
}

/// Whether a database error is a uniqueness violation (a name already taken).
fn is_unique_violation(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Database(d) => {
            d.code().is_some_and(|c| c == "23505" || c == "2067" || c == "1555") || d.message().contains("UNIQUE constraint failed")
        }
        _ => false,
    }
}

impl Store {
    /// Starts a workspace write: raises the generation first, which serialises writers (see
    /// the module documentation).
    pub(crate) async fn ws_begin(&self, action: &str) -> Result<Transaction<'static, Any>, StoreError> {
        let err = self.sql_err(action.to_string());
        let mut tx = self.pool.begin().await.map_err(&err)?;
        sqlx::query("UPDATE ws_meta SET generation = generation + 1 WHERE id = 1").execute(&mut *tx).await.map_err(&err)?;
        Ok(tx)
    }

    /// Appends one audit row inside a write begun with `ws_begin`.
    pub(crate) async fn audit_append(
        &self,
        tx: &mut Transaction<'static, Any>,
        actor: &Actor,
        action: &str,
        target: &str,
        before: &str,
        after: &str,
    ) -> Result<(), StoreError> {
        let err = self.sql_err("appending to the audit trail");
        let row = sqlx::query("SELECT audit_count, audit_last FROM ws_meta WHERE id = 1").fetch_one(&mut **tx).await.map_err(&err)?;
        let count: i64 = row.try_get("audit_count").map_err(&err)?;
        let prev: String = row.try_get("audit_last").map_err(&err)?;
        let mut r = AuditRow {
            seq: count + 1,
            at: now_utc(),
            actor: actor.id,
            actor_name: actor.name.clone(),
            action: action.to_string(),
            target: target.to_string(),
            before: before.to_string(),
            after: after.to_string(),
            prev_hash: prev,
            hash: String::new(),
        };
        r.hash = chain_hash(&r.prev_hash, &r);
        sqlx::query(
            "INSERT INTO audit_log (seq, at, actor, actor_name, action, target, before, after, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(r.seq)
        .bind(&r.at)
        .bind(r.actor)
        .bind(&r.actor_name)
        .bind(&r.action)
        .bind(&r.target)
        .bind(&r.before)
        .bind(&r.after)
        .bind(&r.prev_hash)
        .bind(&r.hash)
        .execute(&mut **tx)
        .await
        .map_err(&err)?;
        sqlx::query("UPDATE ws_meta SET audit_count = $1, audit_last = $2 WHERE id = 1")
            .bind(r.seq)
            .bind(&r.hash)
            .execute(&mut **tx)
            .await
            .map_err(&err)?;
        Ok(())
    }

    /// Records one event that changes no workspace table (an import from the command line, a
    /// narrative change…) in the audit trail.
    pub async fn audit_record(&self, actor: &Actor, action: &str, target: &str, before: &str, after: &str) -> Result<(), StoreError> {
        let mut tx = self.ws_begin("recording in the audit trail").await?;
        self.audit_append(&mut tx, actor, action, target, before, after).await?;
        tx.commit().await.map_err(self.sql_err("recording in the audit trail"))
    }

    /// The workspace generation: it rises with every workspace write, in every process.
    pub async fn ws_generation(&self) -> Result<i64, StoreError> {
        sqlx::query_scalar("SELECT generation FROM ws_meta WHERE id = 1")
            .fetch_one(&self.pool)
            .await
            .map_err(self.sql_err("reading the workspace generation"))
    }

    /// The audit rows, in chain order, with `target` (exact) when given.
    pub async fn audit_rows(&self, target: Option<&str>) -> Result<Vec<AuditRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT seq, at, actor, actor_name, action, target, before, after, prev_hash, hash FROM audit_log WHERE ($1 = '' OR target = $1) ORDER BY seq",
        )
        .bind(target.unwrap_or(""))
        .fetch_all(&self.pool)
        .await
        .map_err(self.sql_err("reading the audit trail"))?;
        rows.iter()
            .map(|row| {
                let seq: i64 = row.try_get("seq").unwrap_or_default();
                let r = RowReader::new(row, "audit_log", seq);
                Ok(AuditRow {
                    seq,
                    at: r.get("at")?,
                    actor: r.get("actor")?,
                    actor_name: r.get("actor_name")?,
                    action: r.get("action")?,
                    target: r.get("target")?,
                    before: r.get("before")?,
                    after: r.get("after")?,
                    prev_hash: r.get("prev_hash")?,
                    hash: r.get("hash")?,
                })
            })
            .collect()
    }

    /// The audit trail's recorded head (row count and last hash).
    pub async fn audit_head(&self) -> Result<AuditHead, StoreError> {
        let row = sqlx::query("SELECT audit_count, audit_last FROM ws_meta WHERE id = 1")
            .fetch_one(&self.pool)
            .await
            .map_err(self.sql_err("reading the audit head"))?;
        let r = RowReader::new(&row, "ws_meta", 1);
        Ok(AuditHead { count: r.get("audit_count")?, last: r.get("audit_last")? })
    }

    // ---- organisations and TWGs ----

    /// Adds an organisation; its code must be new.
    pub async fn org_add(&self, code: &str, name: &str, actor: &Actor) -> Result<OrgInfo, StoreError> {
        let ok = !code.is_empty()
            && code.len() <= 24
            && code.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !code.starts_with('-');
        if !ok {
            return Err(StoreError::Refused(format!(
                "`{code}` is not an organisation code: expected up to 24 lower-case letters, digits and dashes, such as ansd"
            )));
        }
        if name.trim().is_empty() {
            return Err(StoreError::Refused("an organisation needs a name".into()));
        }
        let err = self.sql_err(format!("adding organisation {code}"));
        let mut tx = self.ws_begin("adding an organisation").await?;
        let id: i64 = sqlx::query_scalar("INSERT INTO organisation (code, name, created_at) VALUES ($1, $2, $3) RETURNING id")
            .bind(code)
            .bind(name.trim())
            .bind(now_utc())
            .fetch_one(&mut *tx)
            .await
            .map_err(
                |e| if is_unique_violation(&e) { StoreError::Refused(format!("organisation {code} already exists")) } else { err(e) },
            )?;
        let info = OrgInfo { id, code: code.to_string(), name: name.trim().to_string() };
        self.audit_append(&mut tx, actor, "organisation.add", &format!("organisation:{id}"), "", &json(&info)).await?;
        tx.commit().await.map_err(&err)?;
        Ok(info)
    }

    /// Every organisation, by code.
    pub async fn orgs(&self) -> Result<Vec<OrgInfo>, StoreError> {
        let rows = sqlx::query("SELECT id, code, name FROM organisation ORDER BY code")
            .fetch_all(&self.pool)
            .await
            .map_err(self.sql_err("listing organisations"))?;
        rows.iter()
            .map(|row| {
                let id: i64 = row.try_get("id").unwrap_or_default();
                let r = RowReader::new(row, "organisation", id);
                Ok(OrgInfo { id, code: r.get("code")?, name: r.get("name")? })
            })
            .collect()
    }

    /// Creates a country's TWG (or changes its name and sub-group setting).
    pub async fn twg_set(&self, country: &Iso3, name: &str, skip_subgroup: bool, actor: &Actor) -> Result<TwgInfo, StoreError> {
        let err = self.sql_err(format!("creating the TWG of {country}"));
        let before = self.twg(country).await?;
        let mut tx = self.ws_begin("creating a TWG").await?;
        let known: Option<String> = sqlx::query_scalar("SELECT code FROM area WHERE code = $1")
            .bind(country.as_str())
            .fetch_optional(&mut *tx)
            .await
            .map_err(&err)?;
        if known.is_none() {
            return Err(StoreError::Refused(format!("{country} is not a country of this store (run `mprofile init` first)")));
        }
        sqlx::query("DELETE FROM twg WHERE country = $1").bind(country.as_str()).execute(&mut *tx).await.map_err(&err)?;
        sqlx::query("INSERT INTO twg (country, name, skip_subgroup, created_at) VALUES ($1, $2, $3, $4)")
            .bind(country.as_str())
            .bind(name.trim())
            .bind(i64::from(skip_subgroup))
            .bind(now_utc())
            .execute(&mut *tx)
            .await
            .map_err(&err)?;
        let info = TwgInfo { country: country.to_string(), name: name.trim().to_string(), skip_subgroup };
        let b = before.as_ref().map(json).unwrap_or_default();
        self.audit_append(&mut tx, actor, "twg.set", &format!("twg:{country}"), &b, &json(&info)).await?;
        tx.commit().await.map_err(&err)?;
        Ok(info)
    }

    /// A country's TWG, if it has one.
    pub async fn twg(&self, country: &Iso3) -> Result<Option<TwgInfo>, StoreError> {
        let row = sqlx::query("SELECT country, name, skip_subgroup FROM twg WHERE country = $1")
            .bind(country.as_str())
            .fetch_optional(&self.pool)
            .await
            .map_err(self.sql_err("reading a TWG"))?;
        row.map(|row| {
            let r = RowReader::new(&row, "twg", country);
            Ok(TwgInfo { country: r.get("country")?, name: r.get("name")?, skip_subgroup: r.get::<i64>("skip_subgroup")? != 0 })
        })
        .transpose()
    }

    // ---- accounts ----

    /// Adds an account with an argon2id hash made by `mp_workspace::hash_password`.
    pub async fn user_add(&self, login: &str, display_name: &str, password_hash: &str, actor: &Actor) -> Result<i64, StoreError> {
        let login = login.trim();
        let ok = (3..=64).contains(&login.len())
            && login.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '@'))
            && login.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
        if !ok {
            return Err(StoreError::Refused(format!(
                "`{login}` is not a sign-in name: expected 3 to 64 letters, digits, dots, dashes, underscores or @, starting with a letter or digit"
            )));
        }
        let err = self.sql_err(format!("adding user {login}"));
        let mut tx = self.ws_begin("adding a user").await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO app_user (login, display_name, password_hash, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(login)
        .bind(display_name.trim())
        .bind(password_hash)
        .bind(now_utc())
        .fetch_one(&mut *tx)
        .await
        .map_err(|e| if is_unique_violation(&e) { StoreError::Refused(format!("the sign-in name {login} is taken")) } else { err(e) })?;
        let after = serde_json::json!({ "login": login, "display_name": display_name.trim() }).to_string();
        self.audit_append(&mut tx, actor, "user.add", &format!("user:{id}"), "", &after).await?;
        tx.commit().await.map_err(&err)?;
        Ok(id)
    }

    /// Every account with its memberships, by sign-in name.
    pub async fn users(&self) -> Result<Vec<UserInfo>, StoreError> {
        let rows = sqlx::query("SELECT id, login, display_name, disabled, locked_until, created_at FROM app_user ORDER BY login")
            .fetch_all(&self.pool)
            .await
            .map_err(self.sql_err("listing users"))?;
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            let id: i64 = row.try_get("id").unwrap_or_default();
            let r = RowReader::new(row, "app_user", id);
            out.push(UserInfo {
                id,
                login: r.get("login")?,
                display_name: r.get("display_name")?,
                disabled: r.get::<i64>("disabled")? != 0,
                locked_until: r.get("locked_until")?,
                created_at: r.get("created_at")?,
                memberships: self.memberships(id).await?,
            });
        }
        Ok(out)
    }

    /// What sign-in needs of the account with this name.
    pub async fn user_auth(&self, login: &str) -> Result<Option<UserAuth>, StoreError> {
        let row = sqlx::query("SELECT id, login, password_hash, disabled, locked_until FROM app_user WHERE login = $1")
            .bind(login.trim())
            .fetch_optional(&self.pool)
            .await
            .map_err(self.sql_err("reading a user"))?;
        row.map(|row| {
            let id: i64 = row.try_get("id").unwrap_or_default();
            let r = RowReader::new(&row, "app_user", id);
            Ok(UserAuth {
                id,
                login: r.get("login")?,
                password_hash: r.get("password_hash")?,
                disabled: r.get::<i64>("disabled")? != 0,
                locked_until: r.get("locked_until")?,
            })
        })
        .transpose()
    }

    /// Disables (or enables again) an account; disabling also ends its sessions.
    pub async fn user_set_disabled(&self, login: &str, disabled: bool, actor: &Actor) -> Result<(), StoreError> {
        let user = self.user_auth(login).await?.ok_or_else(|| StoreError::Refused(format!("there is no user {login}")))?;
        let err = self.sql_err(format!("changing user {login}"));
        let mut tx = self.ws_begin("changing a user").await?;
        sqlx::query("UPDATE app_user SET disabled = $1 WHERE id = $2")
            .bind(i64::from(disabled))
            .bind(user.id)
            .execute(&mut *tx)
            .await
            .map_err(&err)?;
        if disabled {
            sqlx::query("DELETE FROM session WHERE user_id = $1").bind(user.id).execute(&mut *tx).await.map_err(&err)?;
        }
        let (action, b, a) = if disabled { ("user.disable", "enabled", "disabled") } else { ("user.enable", "disabled", "enabled") };
        self.audit_append(&mut tx, actor, action, &format!("user:{}", user.id), b, a).await?;
        tx.commit().await.map_err(&err)
    }

    /// Sets a new password hash (a change by the user or an administrator's reset), clears any
    /// lock-out and ends the account's other sessions (all of them when `keep_session` is `None`).
    pub async fn user_set_password(
        &self,
        user_id: i64,
        password_hash: &str,
        keep_session: Option<&str>,
        actor: &Actor,
        action: &str,
    ) -> Result<(), StoreError> {
        let err = self.sql_err("changing a password");
        let mut tx = self.ws_begin("changing a password").await?;
        let n = sqlx::query("UPDATE app_user SET password_hash = $1, failed_logins = 0, locked_until = 0 WHERE id = $2")
            .bind(password_hash)
            .bind(user_id)
            .execute(&mut *tx)
            .await
            .map_err(&err)?
            .rows_affected();
        if n == 0 {
            return Err(StoreError::Refused(format!("there is no user {user_id}")));
        }
        sqlx::query("DELETE FROM session WHERE user_id = $1 AND id_hash <> $2")
            .bind(user_id)
            .bind(keep_session.unwrap_or(""))
            .execute(&mut *tx)
            .await
            .map_err(&err)?;
        self.audit_append(&mut tx, actor, action, &format!("user:{user_id}"), "", "password changed, other sessions ended").await?;
        tx.commit().await.map_err(&err)
    }

    /// Records a failed sign-in; after `max_failures` in a row the account is locked for
    /// `lock_secs`. Returns whether it is now locked.
    pub async fn sign_in_failed(&self, user: &UserAuth, max_failures: i64, lock_secs: i64) -> Result<bool, StoreError> {
        let err = self.sql_err("recording a failed sign-in");
        let mut tx = self.ws_begin("recording a failed sign-in").await?;
        let failed: i64 = sqlx::query_scalar("UPDATE app_user SET failed_logins = failed_logins + 1 WHERE id = $1 RETURNING failed_logins")
            .bind(user.id)
            .fetch_one(&mut *tx)
            .await
            .map_err(&err)?;
        let actor = Actor { id: Some(user.id), name: user.login.clone() };
        let target = format!("user:{}", user.id);
        let locked = failed >= max_failures;
        if locked {
            let until = unix_now() + lock_secs;
            sqlx::query("UPDATE app_user SET failed_logins = 0, locked_until = $1 WHERE id = $2")
                .bind(until)
                .bind(user.id)
                .execute(&mut *tx)
                .await
                .map_err(&err)?;
            self.audit_append(&mut tx, &actor, "sign_in.locked", &target, &format!("{failed} failures"), &format!("locked until {until}"))
                .await?;
        } else {
            self.audit_append(&mut tx, &actor, "sign_in.failed", &target, "", &format!("{failed} failures")).await?;
        }
        tx.commit().await.map_err(&err)?;
        Ok(locked)
    }

    /// Opens a session after a good password: clears the failure count, stores the session
    /// (its id's hash only) and records the sign-in. Expired sessions are swept on the way.
    pub async fn sign_in(&self, user_id: i64, login: &str, id_hash: &str, csrf: &str, ttl_secs: i64) -> Result<(), StoreError> {
        let err = self.sql_err("opening a session");
        let now = unix_now();
        let mut tx = self.ws_begin("opening a session").await?;
        sqlx::query("DELETE FROM session WHERE expires_at <= $1").bind(now).execute(&mut *tx).await.map_err(&err)?;
        sqlx::query("UPDATE app_user SET failed_logins = 0, locked_until = 0 WHERE id = $1")
            .bind(user_id)
            .execute(&mut *tx)
            .await
            .map_err(&err)?;
        sqlx::query("INSERT INTO session (id_hash, user_id, csrf, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(id_hash)
            .bind(user_id)
            .bind(csrf)
            .bind(now)
            .bind(now + ttl_secs)
            .execute(&mut *tx)
            .await
            .map_err(&err)?;
        let actor = Actor { id: Some(user_id), name: login.to_string() };
        self.audit_append(&mut tx, &actor, "sign_in", &format!("user:{user_id}"), "", "").await?;
        tx.commit().await.map_err(&err)
    }

    /// Ends a session (sign-out).
    pub async fn sign_out(&self, id_hash: &str, actor: &Actor) -> Result<(), StoreError> {
        let err = self.sql_err("closing a session");
        let mut tx = self.ws_begin("closing a session").await?;
        sqlx::query("DELETE FROM session WHERE id_hash = $1").bind(id_hash).execute(&mut *tx).await.map_err(&err)?;
        let target = actor.id.map(|i| format!("user:{i}")).unwrap_or_default();
        self.audit_append(&mut tx, actor, "sign_out", &target, "", "").await?;
        tx.commit().await.map_err(&err)
    }

    /// The live session with this id hash, for an enabled account; `None` when unknown, expired
    /// or disabled.
    pub async fn session(&self, id_hash: &str) -> Result<Option<SessionInfo>, StoreError> {
        let row = sqlx::query(
            "SELECT s.user_id AS user_id, u.login AS login, s.csrf AS csrf, s.expires_at AS expires_at FROM session s \
             JOIN app_user u ON u.id = s.user_id WHERE s.id_hash = $1 AND s.expires_at > $2 AND u.disabled = 0",
        )
        .bind(id_hash)
        .bind(unix_now())
        .fetch_optional(&self.pool)
        .await
        .map_err(self.sql_err("reading a session"))?;
        let Some(row) = row else { return Ok(None) };
        let r = RowReader::new(&row, "session", "…");
        let user_id: i64 = r.get("user_id")?;
        Ok(Some(SessionInfo {
            principal: Principal { user_id, login: r.get("login")?, memberships: self.memberships(user_id).await? },
            csrf: r.get("csrf")?,
            expires_at: r.get("expires_at")?,
        }))
    }

    // ---- memberships ----

    /// Gives a user a role (replacing the same role in the same country).
    pub async fn member_add(&self, login: &str, m: &Membership, actor: &Actor) -> Result<(), StoreError> {
        let user = self.user_auth(login).await?.ok_or_else(|| StoreError::Refused(format!("there is no user {login}")))?;
        let country = m.scope.country.as_ref().map(|c| c.to_string()).unwrap_or_default();
        if let Some(c) = &m.scope.country
            && self.twg(c).await?.is_none()
        {
            return Err(StoreError::Refused(format!("{c} has no TWG yet: create it first (`mprofile twg create {c}`)")));
        }
        let err = self.sql_err(format!("giving {login} a role"));
        let mut tx = self.ws_begin("giving a role").await?;
        sqlx::query("DELETE FROM membership WHERE user_id = $1 AND role = $2 AND country = $3")
            .bind(user.id)
            .bind(m.role.code())
            .bind(&country)
            .execute(&mut *tx)
            .await
            .map_err(&err)?;
        sqlx::query("INSERT INTO membership (user_id, role, country, themes, organisation_id) VALUES ($1, $2, $3, $4, $5)")
            .bind(user.id)
            .bind(m.role.code())
            .bind(&country)
            .bind(m.scope.themes.to_string())
            .bind(m.organisation)
            .execute(&mut *tx)
            .await
            .map_err(|e| {
                if matches!(&e, sqlx::Error::Database(d) if d.message().to_ascii_lowercase().contains("foreign key")) {
                    StoreError::Refused(format!("there is no organisation {}", m.organisation.unwrap_or_default()))
                } else {
                    err(e)
                }
            })?;
        self.audit_append(&mut tx, actor, "member.add", &format!("user:{}", user.id), "", &json(m)).await?;
        tx.commit().await.map_err(&err)
    }

    /// Takes a role away; `Refused` when the user does not hold it.
    pub async fn member_remove(&self, login: &str, role: Role, country: Option<&Iso3>, actor: &Actor) -> Result<(), StoreError> {
        let user = self.user_auth(login).await?.ok_or_else(|| StoreError::Refused(format!("there is no user {login}")))?;
        let country = country.map(|c| c.to_string()).unwrap_or_default();
        let err = self.sql_err(format!("taking a role from {login}"));
        let mut tx = self.ws_begin("taking a role").await?;
        let n = sqlx::query("DELETE FROM membership WHERE user_id = $1 AND role = $2 AND country = $3")
            .bind(user.id)
            .bind(role.code())
            .bind(&country)
            .execute(&mut *tx)
            .await
            .map_err(&err)?
            .rows_affected();
        if n == 0 {
            return Err(StoreError::Refused(format!(
                "{login} is not {role}{}",
                if country.is_empty() { String::new() } else { format!(" in {country}") }
            )));
        }
        let before = serde_json::json!({ "role": role.code(), "country": country }).to_string();
        self.audit_append(&mut tx, actor, "member.remove", &format!("user:{}", user.id), &before, "").await?;
        tx.commit().await.map_err(&err)
    }

    /// A user's memberships.
    pub async fn memberships(&self, user_id: i64) -> Result<Vec<Membership>, StoreError> {
        let rows =
            sqlx::query("SELECT id, role, country, themes, organisation_id FROM membership WHERE user_id = $1 ORDER BY country, role")
                .bind(user_id)
                .fetch_all(&self.pool)
                .await
                .map_err(self.sql_err("reading memberships"))?;
        rows.iter()
            .map(|row| {
                let id: i64 = row.try_get("id").unwrap_or_default();
                let r = RowReader::new(row, "membership", id);
                let role = r.parse("role", |s| s.parse::<Role>())?;
                let country: String = r.get("country")?;
                let country =
                    if country.is_empty() { None } else { Some(Iso3::parse(&country).map_err(|e| bad_membership(id, "country", e))?) };
                let themes = r.parse("themes", ThemeSet::parse)?;
                Membership::new(role, country, themes, r.get("organisation_id")?).map_err(|e| bad_membership(id, "role", e))
            })
            .collect()
    }

    // ---- API tokens ----

    /// Stores a new API token's hash for a user; returns its id.
    pub async fn token_add(&self, user_id: i64, token_hash: &str, label: &str, actor: &Actor) -> Result<i64, StoreError> {
        let err = self.sql_err("creating an API token");
        let mut tx = self.ws_begin("creating an API token").await?;
        let id: i64 =
            sqlx::query_scalar("INSERT INTO api_token (user_id, token_hash, label, created_at) VALUES ($1, $2, $3, $4) RETURNING id")
                .bind(user_id)
                .bind(token_hash)
                .bind(label.trim())
                .bind(now_utc())
                .fetch_one(&mut *tx)
                .await
                .map_err(&err)?;
        self.audit_append(&mut tx, actor, "token.add", &format!("token:{id}"), "", label.trim()).await?;
        tx.commit().await.map_err(&err)?;
        Ok(id)
    }

    /// Revokes a token of `user_id`; `Refused` when it is not theirs or already revoked.
    pub async fn token_revoke(&self, user_id: i64, token_id: i64, actor: &Actor) -> Result<(), StoreError> {
        let err = self.sql_err("revoking an API token");
        let mut tx = self.ws_begin("revoking an API token").await?;
        let n = sqlx::query("UPDATE api_token SET revoked_at = $1 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL")
            .bind(now_utc())
            .bind(token_id)
            .bind(user_id)
            .execute(&mut *tx)
            .await
            .map_err(&err)?
            .rows_affected();
        if n == 0 {
            return Err(StoreError::Refused(format!("there is no live API token {token_id} of this user")));
        }
        self.audit_append(&mut tx, actor, "token.revoke", &format!("token:{token_id}"), "live", "revoked").await?;
        tx.commit().await.map_err(&err)
    }

    /// A user's tokens.
    pub async fn tokens(&self, user_id: i64) -> Result<Vec<TokenInfo>, StoreError> {
        let rows = sqlx::query("SELECT id, user_id, label, created_at, revoked_at FROM api_token WHERE user_id = $1 ORDER BY id")
            .bind(user_id)
            .fetch_all(&self.pool)
            .await
            .map_err(self.sql_err("listing API tokens"))?;
        rows.iter()
            .map(|row| {
                let id: i64 = row.try_get("id").unwrap_or_default();
                let r = RowReader::new(row, "api_token", id);
                Ok(TokenInfo {
                    id,
                    user_id: r.get("user_id")?,
                    label: r.get("label")?,
                    created_at: r.get("created_at")?,
                    revoked_at: r.get("revoked_at")?,
                })
            })
            .collect()
    }

    /// The owner of a live token (by its hash), with their memberships: a token acts exactly
    /// as its owner may. `None` when unknown, revoked or the owner is disabled.
    pub async fn token_principal(&self, token_hash: &str) -> Result<Option<Principal>, StoreError> {
        let row = sqlx::query(
            "SELECT u.id AS user_id, u.login AS login FROM api_token t JOIN app_user u ON u.id = t.user_id \
             WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.disabled = 0",
        )
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await
        .map_err(self.sql_err("reading an API token"))?;
        let Some(row) = row else { return Ok(None) };
        let r = RowReader::new(&row, "api_token", "…");
        let user_id: i64 = r.get("user_id")?;
        Ok(Some(Principal { user_id, login: r.get("login")?, memberships: self.memberships(user_id).await? }))
    }

    // ---- submissions ----

    /// Stores a new draft submission.
    pub async fn submission_add(&self, s: &NewSubmission, actor: &Actor) -> Result<SubmissionInfo, StoreError> {
        let creator = actor.id.ok_or_else(|| StoreError::Refused("a submission is made by a signed-in user".into()))?;
        let err = self.sql_err("storing a submission");
        let now = now_utc();
        let mut tx = self.ws_begin("storing a submission").await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO submission (country, organisation_id, themes, state, version, source_code, file_name, file_kind, file_bytes, file_sha256, summary, reason, created_by, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, 1, $5, $6, $7, $8, $9, $10, '', $11, $12, $12) RETURNING id",
        )
        .bind(s.country.as_str())
        .bind(s.organisation_id)
        .bind(s.themes.to_string())
        .bind(State::Draft.code())
        .bind(&s.source_code)
        .bind(&s.file_name)
        .bind(&s.file_kind)
        .bind(s.file_bytes.as_slice())
        .bind(&s.file_sha256)
        .bind(&s.summary)
        .bind(creator)
        .bind(&now)
        .fetch_one(&mut *tx)
        .await
        .map_err(&err)?;
        let after = serde_json::json!({ "state": "draft", "file": s.file_name, "sha256": s.file_sha256, "source": s.source_code, "themes": s.themes.to_string() }).to_string();
        self.audit_append(&mut tx, actor, "submission.create", &format!("submission:{id}"), "", &after).await?;
        tx.commit().await.map_err(&err)?;
        self.submission(id).await?.ok_or_else(|| StoreError::Refused(format!("submission {id} vanished")))
    }

    /// One submission (without its file).
    pub async fn submission(&self, id: i64) -> Result<Option<SubmissionInfo>, StoreError> {
        let row =
            sqlx::query(&format!("SELECT {SUB_COLS} FROM submission s JOIN organisation o ON o.id = s.organisation_id WHERE s.id = $1"))
                .bind(id)
                .fetch_optional(&self.pool)
                .await
                .map_err(self.sql_err("reading a submission"))?;
        row.as_ref().map(submission_row).transpose()
    }

    /// A submission's file as uploaded.
    pub async fn submission_file(&self, id: i64) -> Result<Option<Vec<u8>>, StoreError> {
        sqlx::query_scalar("SELECT file_bytes FROM submission WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await
            .map_err(self.sql_err("reading a submission's file"))
    }

    /// The submissions of some countries (every country with `None`), newest first.
    pub async fn submissions(&self, countries: Option<&[Iso3]>) -> Result<Vec<SubmissionInfo>, StoreError> {
        let rows =
            sqlx::query(&format!("SELECT {SUB_COLS} FROM submission s JOIN organisation o ON o.id = s.organisation_id ORDER BY s.id DESC"))
                .fetch_all(&self.pool)
                .await
                .map_err(self.sql_err("listing submissions"))?;
        let mut out = Vec::new();
        for row in &rows {
            let s = submission_row(row)?;
            if countries.is_none_or(|cs| cs.contains(&s.country)) {
                out.push(s);
            }
        }
        Ok(out)
    }

    /// Moves a submission from `from` at `version` to `to`, recording `action` (e.g.
    /// `submission.approve`), the reason of a send-back and the batch that published it. When
    /// someone else moved it first, nothing changes and the answer is a
    /// [`StoreError::Conflict`] naming who did what.
    #[allow(clippy::too_many_arguments)]
    pub async fn submission_move(
        &self,
        id: i64,
        version: i64,
        from: State,
        to: State,
        reason: &str,
        batch_id: Option<i64>,
        action: &str,
        actor: &Actor,
    ) -> Result<SubmissionInfo, StoreError> {
        let err = self.sql_err(format!("moving submission {id}"));
        let mut tx = self.ws_begin("moving a submission").await?;
        let n = sqlx::query(
            "UPDATE submission SET state = $1, version = version + 1, reason = $2, batch_id = COALESCE($3, batch_id), updated_at = $4 \
             WHERE id = $5 AND version = $6 AND state = $7",
        )
        .bind(to.code())
        .bind(reason.trim())
        .bind(batch_id)
        .bind(now_utc())
        .bind(id)
        .bind(version)
        .bind(from.code())
        .execute(&mut *tx)
        .await
        .map_err(&err)?
        .rows_affected();
        if n == 0 {
            drop(tx);
            return Err(self.submission_conflict(id).await?);
        }
        let before = serde_json::json!({ "state": from.code(), "version": version }).to_string();
        let after =
            serde_json::json!({ "state": to.code(), "version": version + 1, "reason": reason.trim(), "batch": batch_id }).to_string();
        self.audit_append(&mut tx, actor, action, &format!("submission:{id}"), &before, &after).await?;
        tx.commit().await.map_err(&err)?;
        self.submission(id).await?.ok_or_else(|| StoreError::Refused(format!("submission {id} vanished")))
    }

    /// The [`StoreError::Conflict`] to answer someone acting on an older version of a
    /// submission: who changed it last, when, and what it is now.
    pub async fn submission_conflict(&self, id: i64) -> Result<StoreError, StoreError> {
        let Some(now) = self.submission(id).await? else {
            return Ok(StoreError::Refused(format!("there is no submission {id}")));
        };
        let last = self.audit_rows(Some(&format!("submission:{id}"))).await?.pop();
        let (by, at) = last.map(|r| (r.actor_name, r.at)).unwrap_or_else(|| ("someone".into(), now.updated_at.clone()));
        Ok(StoreError::Conflict { what: format!("submission {id}"), by, at, now: format!("{}, version {}", now.state, now.version) })
    }
}

impl Store {
    /// Writes a consistent copy of a SQLite store to `path` while it stays in use (`VACUUM
    /// INTO`); refuses an existing file. A PostgreSQL store is backed up with `pg_dump`.
    pub async fn backup_to(&self, path: &std::path::Path) -> Result<(), StoreError> {
        if self.backend() != crate::Backend::Sqlite {
            return Err(StoreError::Refused(
                "a PostgreSQL store is backed up with its own tools: pg_dump --format=custom --file=FILE DATABASE_URL, restored with pg_restore --clean --dbname=DATABASE_URL FILE".into(),
            ));
        }
        if path.exists() {
            return Err(StoreError::Refused(format!("{} exists: a backup never overwrites a file", path.display())));
        }
        let abs = std::path::absolute(path).map_err(|e| StoreError::Refused(format!("cannot use {}: {e}", path.display())))?;
        let text = abs.to_str().ok_or_else(|| StoreError::Refused(format!("{} is not valid UTF-8", abs.display())))?;
        sqlx::query("VACUUM INTO $1").bind(text).execute(&self.pool).await.map_err(self.sql_err(format!("backing up to {text}")))?;
        Ok(())
    }
}

fn json<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_default()
}
