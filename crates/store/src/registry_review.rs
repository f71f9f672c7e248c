//! Registry changes made in the TWG workspace and their review (migration 0017), the same
//! steps as data: a member proposes a change (an instrument and its status, an institution, a
//! project), another member approves it or sends it back with a reason, and the secretariat
//! publishes it. Publishing writes the entry as the country's workspace registry source
//! (`nat-<iso3>-twg-registry`) and the audit row in one transaction, after checking that the
//! entry is still the version the proposer saw. Who may take which step is `mp-workspace`'s
//! decision, taken by the caller; that the approver is not the proposer is checked here.

use crate::error::StoreError;
use crate::import::ImportOptions;
use crate::rows::{RowReader, now_utc};
use crate::store::Store;
use crate::workspace::Actor;
use crate::{WORKSPACE_REGISTRY_VINTAGE, workspace_registry_source};
use mp_domain::registry::{Institution, Project};
use mp_domain::{AreaCode, Instrument, Provenance, Ratification, RegistryImport};
use serde::{Deserialize, Serialize};

/// One change to a country's registry, as proposed in the workspace.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RegistryChange {
    /// The status of an instrument in the country, with the instrument itself when the
    /// registry does not know it yet (or when its description is corrected).
    Status {
        /// The instrument, described in full; `None` to leave it as recorded.
        instrument: Option<Instrument>,
        /// The status (its provenance locator cites where it was read).
        status: Ratification,
    },
    /// An institution of the country (its provenance locator cites where it was read).
    Institution(Institution),
    /// A project in the country (its provenance locator cites where it was read).
    Project(Project),
}

impl RegistryChange {
    /// `status`, `institution` or `project`.
    pub fn kind(&self) -> &'static str {
        match self {
            RegistryChange::Status { .. } => "status",
            RegistryChange::Institution(_) => "institution",
            RegistryChange::Project(_) => "project",
        }
    }

    /// What identifies the entry within its country: the instrument code, the institution's
    /// name, the project's identifier.
    pub fn key(&self) -> String {
        match self {
            RegistryChange::Status { status, .. } => status.instrument.to_string(),
            RegistryChange::Institution(i) => i.name.clone(),
            RegistryChange::Project(p) => p.identifier.clone(),
        }
    }

    /// Where the change says it was read (the citation of its source).
    pub fn source(&self) -> &str {
        match self {
            RegistryChange::Status { status, .. } => &status.provenance.locator,
            RegistryChange::Institution(i) => &i.provenance.locator,
            RegistryChange::Project(p) => &p.provenance.locator,
        }
    }

    /// The audit trail's name of the entry.
    fn target(&self, area: &AreaCode) -> String {
        match self {
            RegistryChange::Status { status, .. } => format!("registry status {} {area}", status.instrument),
            RegistryChange::Institution(i) => format!("registry institution {area} {}", i.name),
            RegistryChange::Project(p) => format!("registry project {area} {}", p.identifier),
        }
    }
}

/// A change to propose: the country, the change, and the version of the workspace entry it
/// was made from (`None`: a new entry).
#[derive(Debug, Clone, PartialEq)]
pub struct NewProposal {
    /// The country.
    pub area: AreaCode,
    /// The change.
    pub change: RegistryChange,
    /// The workspace entry's version the proposer saw.
    pub seen_version: Option<i64>,
}

/// Where a proposed change is in its review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProposalState {
    /// Waiting for another member's approval.
    Proposed,
    /// Approved, waiting for the secretariat to publish it.
    Approved,
    /// Written to the registry.
    Published,
    /// Sent back with a reason; a new proposal replaces it.
    Rejected,
}

impl ProposalState {
    /// The code stored and shown in forms.
    pub fn code(self) -> &'static str {
        match self {
            ProposalState::Proposed => "proposed",
            ProposalState::Approved => "approved",
            ProposalState::Published => "published",
            ProposalState::Rejected => "rejected",
        }
    }

    fn parse(s: &str) -> Result<ProposalState, String> {
        [ProposalState::Proposed, ProposalState::Approved, ProposalState::Published, ProposalState::Rejected]
            .into_iter()
            .find(|p| p.code() == s)
            .ok_or_else(|| format!("`{s}` is not a proposal state"))
    }
}

/// A step of the review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProposalStep {
    /// Proposed → approved (by someone other than the proposer).
    Approve,
    /// Proposed or approved → rejected, with a reason.
    Reject,
    /// Approved → published: the entry is written.
    Publish,
}

/// A stored proposal.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RegistryProposal {
    /// Store id.
    pub id: i64,
    /// The country.
    pub area: AreaCode,
    /// The change.
    pub change: RegistryChange,
    /// The workspace entry's version the proposer saw (`None`: a new entry).
    pub seen_version: Option<i64>,
    /// Where it is.
    pub state: ProposalState,
    /// Why it was sent back, if it was.
    pub reason: String,
    /// The proposer's user id.
    pub proposed_by: i64,
    /// The proposer's sign-in name.
    pub proposer: String,
    /// The approver's user id, once approved.
    pub approved_by: Option<i64>,
    /// Proposed (UTC).
    pub created_at: String,
    /// Last step (UTC).
    pub updated_at: String,
}

const COLS: &str = "p.id AS id, p.area AS area, p.body AS body, p.seen_version AS seen_version, p.state AS state, p.reason AS reason, \
     p.proposed_by AS proposed_by, u.login AS proposer, p.approved_by AS approved_by, p.created_at AS created_at, p.updated_at AS updated_at";

fn proposal_row(row: &sqlx::any::AnyRow) -> Result<RegistryProposal, StoreError> {
    use sqlx::Row;
    let id: i64 = row.try_get("id").unwrap_or_default();
    let r = RowReader::new(row, "registry_proposal", id);
    Ok(RegistryProposal {
        id,
        area: r.parse("area", AreaCode::parse)?,
        change: r.parse("body", |s: &str| serde_json::from_str::<RegistryChange>(s))?,
        seen_version: r.get("seen_version")?,
        state: r.parse("state", ProposalState::parse)?,
        reason: r.get("reason")?,
        proposed_by: r.get("proposed_by")?,
        proposer: r.get("proposer")?,
        approved_by: r.get("approved_by")?,
        created_at: r.get("created_at")?,
        updated_at: r.get("updated_at")?,
    })
}

/// The SQL returning the version (import batch) of the workspace entry a change is about.
fn version_sql(kind: &str) -> &'static str {
    match kind {
        "status" => {
            "SELECT r.batch_id FROM registry_ratification r JOIN dataset d ON d.id = r.dataset_id \
             WHERE d.source_code = $1 AND r.area = $2 AND r.instrument = $3"
        }
        "institution" => {
            "SELECT r.batch_id FROM registry_institution r JOIN dataset d ON d.id = r.dataset_id \
             WHERE d.source_code = $1 AND r.area = $2 AND r.name = $3"
        }
        _ => {
            "SELECT p.batch_id FROM registry_project p JOIN dataset d ON d.id = p.dataset_id \
             JOIN registry_project_country c ON c.project_id = p.id WHERE d.source_code = $1 AND c.area = $2 AND p.identifier = $3"
        }
    }
}

impl Store {
    /// The version of the workspace entry `change` is about in `area`, if there is one.
    pub async fn registry_entry_version(&self, area: &AreaCode, change: &RegistryChange) -> Result<Option<i64>, StoreError> {
        sqlx::query_scalar(version_sql(change.kind()))
            .bind(workspace_registry_source(area).code)
            .bind(area.as_str())
            .bind(change.key())
            .fetch_optional(&self.pool)
            .await
            .map_err(self.sql_err("reading a registry entry's version"))
    }

    /// Stores a proposed change for `area` by `actor`, with the entry's version it was made
    /// from, and appends the audit row. Returns the proposal's id.
    pub async fn registry_propose(
        &self,
        actor: &Actor,
        area: &AreaCode,
        change: &RegistryChange,
        seen_version: Option<i64>,
    ) -> Result<i64, StoreError> {
        let item = NewProposal { area: area.clone(), change: change.clone(), seen_version };
        let ids = self.registry_propose_all(actor, std::slice::from_ref(&item), "").await?;
        ids.first().copied().ok_or_else(|| StoreError::Refused("the proposal was not stored".into()))
    }

    /// Stores several proposed changes by `actor` in one transaction, all or none, each with
    /// its audit row; `origin` says where they came from (an uploaded workbook: its name and
    /// SHA-256) and is written in each audit row. Returns the proposals' ids, in order.
    pub async fn registry_propose_all(&self, actor: &Actor, items: &[NewProposal], origin: &str) -> Result<Vec<i64>, StoreError> {
        let who = actor.id.ok_or_else(|| StoreError::Refused("a registry change is proposed by a signed-in user".into()))?;
        for it in items {
            if it.change.source().trim().is_empty() {
                return Err(StoreError::Refused(format!(
                    "a registry change names the source it was read in ({} {})",
                    it.change.kind(),
                    it.change.key()
                )));
            }
        }
        let err = self.sql_err("proposing a registry change");
        let now = now_utc();
        let mut tx = self.ws_begin("proposing a registry change").await?;
        let mut ids = Vec::with_capacity(items.len());
        for it in items {
            let body = serde_json::to_string(&it.change).map_err(|e| StoreError::Refused(format!("the change cannot be stored: {e}")))?;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO registry_proposal (area, kind, entry_key, body, seen_version, state, reason, proposed_by, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, 'proposed', '', $6, $7, $7) RETURNING id",
            )
            .bind(it.area.as_str())
            .bind(it.change.kind())
            .bind(it.change.key())
            .bind(&body)
            .bind(it.seen_version)
            .bind(who)
            .bind(&now)
            .fetch_one(&mut *tx)
            .await
            .map_err(&err)?;
            let after = if origin.is_empty() { format!("proposal {id}: {body}") } else { format!("proposal {id} ({origin}): {body}") };
            self.audit_append(&mut tx, actor, "registry.propose", &it.change.target(&it.area), "", &after).await?;
            ids.push(id);
        }
        tx.commit().await.map_err(&err)?;
        Ok(ids)
    }

    /// One proposal.
    pub async fn registry_proposal(&self, id: i64) -> Result<Option<RegistryProposal>, StoreError> {
        let sql = format!("SELECT {COLS} FROM registry_proposal p JOIN app_user u ON u.id = p.proposed_by WHERE p.id = $1");
        let row = sqlx::query(&sql).bind(id).fetch_optional(&self.pool).await.map_err(self.sql_err("reading a registry proposal"))?;
        row.as_ref().map(proposal_row).transpose()
    }

    /// The proposals of `area`, newest first: those still under review, then the last 20 decided.
    pub async fn registry_proposals(&self, area: &AreaCode) -> Result<Vec<RegistryProposal>, StoreError> {
        let sql = format!(
            "SELECT {COLS} FROM registry_proposal p JOIN app_user u ON u.id = p.proposed_by WHERE p.area = $1 \
             ORDER BY CASE WHEN p.state IN ('proposed', 'approved') THEN 0 ELSE 1 END, p.id DESC LIMIT 200"
        );
        let rows = sqlx::query(&sql).bind(area.as_str()).fetch_all(&self.pool).await.map_err(self.sql_err("reading registry proposals"))?;
        let all = rows.iter().map(proposal_row).collect::<Result<Vec<_>, _>>()?;
        let (open, done): (Vec<_>, Vec<_>) =
            all.into_iter().partition(|p| matches!(p.state, ProposalState::Proposed | ProposalState::Approved));
        Ok(open.into_iter().chain(done.into_iter().take(20)).collect())
    }

    /// Takes one step of proposal `id`: approving (not one's own proposal), sending back with a
    /// reason, or publishing (the entry is written as the country's workspace registry source,
    /// refused with a [`StoreError::Conflict`] when the entry changed since it was proposed).
    /// The audit row is written in the same transaction.
    pub async fn registry_proposal_step(&self, actor: &Actor, id: i64, step: ProposalStep, reason: &str) -> Result<(), StoreError> {
        let who = actor.id.ok_or_else(|| StoreError::Refused("a review step is taken by a signed-in user".into()))?;
        let p = self.registry_proposal(id).await?.ok_or_else(|| StoreError::Refused(format!("there is no registry proposal {id}")))?;
        let (from, to): (&[ProposalState], ProposalState) = match step {
            ProposalStep::Approve => (&[ProposalState::Proposed], ProposalState::Approved),
            ProposalStep::Reject => (&[ProposalState::Proposed, ProposalState::Approved], ProposalState::Rejected),
            ProposalStep::Publish => (&[ProposalState::Approved], ProposalState::Published),
        };
        if step == ProposalStep::Approve && p.proposed_by == who {
            return Err(StoreError::Refused("a change is approved by someone other than the member who proposed it".into()));
        }
        if step == ProposalStep::Reject && reason.trim().is_empty() {
            return Err(StoreError::Refused("a change is sent back with a reason".into()));
        }
        let target = p.change.target(&p.area);
        if !from.contains(&p.state) {
            let last = self.audit_rows(Some(&target)).await?.pop();
            let (by, at) = last.map(|r| (r.actor_name, r.at)).unwrap_or_else(|| ("someone".into(), p.updated_at.clone()));
            return Err(StoreError::Conflict { what: format!("registry proposal {id}"), by, at, now: p.state.code().into() });
        }
        let err = self.sql_err(format!("reviewing registry proposal {id}"));
        let now = now_utc();
        let mut tx = self.ws_begin("reviewing a registry change").await?;
        let n = sqlx::query("UPDATE registry_proposal SET state = $1, reason = $2, approved_by = COALESCE($3, approved_by), updated_at = $4 WHERE id = $5 AND state = $6")
            .bind(to.code())
            .bind(reason.trim())
            .bind((step == ProposalStep::Approve).then_some(who))
            .bind(&now)
            .bind(id)
            .bind(p.state.code())
            .execute(&mut *tx)
            .await
            .map_err(&err)?
            .rows_affected();
        if n == 0 {
            return Err(StoreError::Conflict {
                what: format!("registry proposal {id}"),
                by: "someone".into(),
                at: now,
                now: "changed".into(),
            });
        }
        let mut after = format!("proposal {id}: {}", to.code());
        if !reason.trim().is_empty() {
            after.push_str(&format!(" ({})", reason.trim()));
        }
        let mut action = match step {
            ProposalStep::Approve => "registry.approve",
            ProposalStep::Reject => "registry.reject",
            ProposalStep::Publish => "registry.publish",
        };
        if step == ProposalStep::Publish {
            let src = workspace_registry_source(&p.area);
            let current: Option<i64> = sqlx::query_scalar(version_sql(p.change.kind()))
                .bind(&src.code)
                .bind(p.area.as_str())
                .bind(p.change.key())
                .fetch_optional(&mut *tx)
                .await
                .map_err(&err)?;
            if current != p.seen_version {
                let by: Option<(String, String)> =
                    sqlx::query_as("SELECT actor_name, at FROM audit_log WHERE target = $1 AND action IN ('registry.publish', 'registry.status') ORDER BY seq DESC LIMIT 1")
                        .bind(&target)
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(&err)?;
                let (by, at) = by.unwrap_or_else(|| ("another import".into(), String::new()));
                return Err(StoreError::Conflict {
                    what: target,
                    by,
                    at,
                    now: current.map(|v| format!("version {v}")).unwrap_or_else(|| "removed".into()),
                });
            }
            let body = serde_json::to_string(&p.change).map_err(|e| StoreError::Refused(format!("the change cannot be stored: {e}")))?;
            // The SHA-256 of what was entered: the "file" of a browser entry.
            let sha = mp_workspace::hash_token(&body);
            let at = |l: &str| Provenance { file: 0, locator: l.to_string() };
            let mut imp = RegistryImport {
                source: src,
                vintage: WORKSPACE_REGISTRY_VINTAGE.into(),
                files: vec![mp_domain::FileInfo {
                    path: format!("workspace proposal {id} by {}, published by {}", p.proposer, actor.name),
                    sha256: sha,
                    bytes: body.len() as u64,
                }],
                instruments: Vec::new(),
                ratifications: Vec::new(),
                institutions: Vec::new(),
                projects: Vec::new(),
            };
            match &p.change {
                RegistryChange::Status { instrument, status } => {
                    imp.instruments.extend(instrument.iter().cloned());
                    imp.ratifications.push(Ratification { provenance: at(&status.provenance.locator), ..status.clone() });
                }
                RegistryChange::Institution(i) => imp.institutions.push(Institution { provenance: at(&i.provenance.locator), ..i.clone() }),
                RegistryChange::Project(x) => imp.projects.push(Project { provenance: at(&x.provenance.locator), ..x.clone() }),
            }
            let opts = ImportOptions { dry_run: false, command: format!("workspace: {target}"), origin: crate::Origin::National };
            self.import_registry_in(&mut tx, std::slice::from_ref(&imp), &opts).await?;
            after = format!("proposal {id}: published by {} (proposed by {}): {body}", actor.name, p.proposer);
            action = "registry.publish";
        }
        self.audit_append(&mut tx, actor, action, &target, p.state.code(), &after).await?;
        tx.commit().await.map_err(&err)?;
        Ok(())
    }
}
