//! Meetings of the TWG: national and regional workshops, plenaries and sub-group meetings with
//! their participants, agenda, documents, minutes, decisions and action items, and the figures
//! discussed with their values when they were written into the record.
//!
//! A figure discussed is read from the store once, when it first enters the record, and kept
//! with the observation, the vintage, the store's latest import batch and the time it was read;
//! a later import does not change what the meeting saw. Every write appends its audit row in
//! its transaction. Who may write is `mp-workspace`'s decision, taken by the caller.

use crate::error::StoreError;
use crate::query::ObsQuery;
use crate::rows::{RowReader, now_utc};
use crate::store::Store;
use crate::workspace::Actor;
use mp_domain::registry::Date;
use mp_domain::{AreaCode, Iso3, Lang};
use mp_workspace::{ActionStatus, MeetingKind, MeetingRef, MeetingStatus};
use serde::Serialize;

/// Someone who took part: a person of an organisation, a workspace member when `user_id` is set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Participant {
    /// The organisation.
    pub organisation: String,
    /// The person.
    pub name: String,
    /// The workspace member, if the person is one.
    pub user_id: Option<i64>,
}

/// A figure discussed, with its value as read from the store when it entered the record.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MeetingFigure {
    /// Indicator, period and source, written `figure:IMM.STOCK:2020:undesa-ims`.
    pub reference: String,
    /// The observation read, if the store held one.
    pub observation_id: Option<i64>,
    /// Its value as stored (before UNIT_MULT).
    pub value: Option<f64>,
    /// Its UNIT_MULT.
    pub unit_mult: Option<i64>,
    /// The vintage of its dataset; empty when there was no observation.
    pub vintage: String,
    /// Where in its source file the observation was read; empty when there was none.
    pub locator: String,
    /// The store's latest import batch when it was read (0 before any import).
    pub import_batch: i64,
    /// When it was read (UTC).
    pub read_at: String,
}

/// An action item decided at a meeting.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActionItem {
    /// Store id.
    pub id: i64,
    /// The meeting.
    pub meeting_id: i64,
    /// What is to be done.
    pub body: String,
    /// Who does it (a name, or a member's sign-in name).
    pub owner: String,
    /// The member who does it, if a member.
    pub owner_id: Option<i64>,
    /// By when.
    pub due_on: Date,
    /// Where it stands.
    pub status: ActionStatus,
    /// The figures, sections and indicators it concerns.
    pub refs: Vec<MeetingRef>,
    /// Last change (UTC).
    pub updated_at: String,
}

/// What a meeting record says, as a form or the command line gives it.
#[derive(Debug, Clone)]
pub struct MeetingInput {
    /// The TWG's country that keeps the record.
    pub country: Iso3,
    /// The kind.
    pub kind: MeetingKind,
    /// Planned, held or cancelled.
    pub status: MeetingStatus,
    /// Title.
    pub title: String,
    /// Date (the first day).
    pub held_on: Date,
    /// Place.
    pub place: String,
    /// The meeting's language (its report is written in it).
    pub lang: Lang,
    /// The countries taking part (the keeping country first).
    pub countries: Vec<Iso3>,
    /// Agenda, one item a line.
    pub agenda: String,
    /// Documents, one a line (a title and a link).
    pub documents: String,
    /// Minutes (Markdown).
    pub minutes: String,
    /// Decisions, one a line.
    pub decisions: String,
    /// Outputs (reports, papers, a draft chapter…), one a line.
    pub outputs: String,
    /// Participants, in the order given.
    pub participants: Vec<Participant>,
    /// The figures discussed (only `Figure` references are read from the store).
    pub figures: Vec<MeetingRef>,
}

/// A stored meeting with everything attached to it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MeetingRecord {
    /// Store id.
    pub id: i64,
    /// The TWG's country that keeps the record.
    pub country: Iso3,
    /// The kind.
    pub kind: MeetingKind,
    /// Planned, held or cancelled.
    pub status: MeetingStatus,
    /// Title.
    pub title: String,
    /// Date.
    pub held_on: Date,
    /// Place.
    pub place: String,
    /// The meeting's language.
    pub lang: Lang,
    /// The countries taking part.
    pub countries: Vec<Iso3>,
    /// Agenda, one item a line.
    pub agenda: String,
    /// Documents, one a line.
    pub documents: String,
    /// Minutes (Markdown).
    pub minutes: String,
    /// Decisions, one a line.
    pub decisions: String,
    /// Outputs, one a line.
    pub outputs: String,
    /// Participants.
    pub participants: Vec<Participant>,
    /// The figures discussed, with their values when recorded.
    pub figures: Vec<MeetingFigure>,
    /// Action items, oldest first.
    pub actions: Vec<ActionItem>,
    /// Last change (UTC).
    pub updated_at: String,
}

/// A new action item.
#[derive(Debug, Clone)]
pub struct NewAction {
    /// What is to be done.
    pub body: String,
    /// Who does it.
    pub owner: String,
    /// The member who does it, if a member.
    pub owner_id: Option<i64>,
    /// By when.
    pub due_on: Date,
    /// What it concerns.
    pub refs: Vec<MeetingRef>,
}

fn iso_list(s: &str) -> Result<Vec<Iso3>, mp_domain::CodeError> {
    s.split(',').filter(|p| !p.trim().is_empty()).map(|p| Iso3::parse(p.trim())).collect()
}

fn action_row(row: &sqlx::any::AnyRow) -> Result<ActionItem, StoreError> {
    use sqlx::Row;
    let id: i64 = row.try_get("id").unwrap_or_default();
    let r = RowReader::new(row, "meeting_action", id);
    Ok(ActionItem {
        id,
        meeting_id: r.get("meeting_id")?,
        body: r.get("body")?,
        owner: r.get("owner")?,
        owner_id: r.get("owner_id")?,
        due_on: r.parse("due_on", Date::parse)?,
        status: r.parse("status", ActionStatus::parse)?,
        refs: r.parse("refs", MeetingRef::parse_list)?,
        updated_at: r.get("updated_at")?,
    })
}

const MEETING_COLS: &str =
    "id, country, kind, status, title, held_on, place, lang, countries, agenda, documents, minutes, decisions, outputs, updated_at";
const ACTION_COLS: &str = "id, meeting_id, body, owner, owner_id, due_on, status, refs, updated_at";

impl Store {
    /// Stores a new meeting (`id` `None`) or replaces what meeting `id` says. Figures that
    /// enter the record are read from the store now; those already in it keep the values they
    /// had when they entered. Answers the meeting's id.
    pub async fn meeting_save(&self, id: Option<i64>, m: &MeetingInput, actor: &Actor) -> Result<i64, StoreError> {
        let before = match id {
            Some(i) => Some(self.meeting(i).await?.ok_or_else(|| StoreError::Refused(format!("there is no meeting {i}")))?),
            None => None,
        };
        if let Some(b) = &before
            && b.country != m.country
        {
            return Err(StoreError::Refused(format!("meeting {} is kept by {}, not {}", b.id, b.country, m.country)));
        }
        // What the store holds now for the figures new to the record, read before the write.
        let batch: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM import_batch")
            .fetch_one(&self.pool)
            .await
            .map_err(self.sql_err("reading the latest import batch"))?;
        let now = now_utc();
        let mut fresh = Vec::new();
        for r in &m.figures {
            let MeetingRef::Figure { indicator, period, source } = r else { continue };
            let key = r.to_string();
            if before.as_ref().is_some_and(|b| b.figures.iter().any(|f| f.reference == key)) {
                continue;
            }
            let q = ObsQuery {
                period: Some(*period),
                source: Some((source.clone(), None)),
                ..ObsQuery::indicator(indicator.clone()).area(AreaCode::from(m.country.clone()))
            };
            let obs = self.query(&q).await?.into_iter().next();
            fresh.push(MeetingFigure {
                reference: key,
                observation_id: obs.as_ref().map(|o| o.observation_id),
                value: obs.as_ref().and_then(|o| o.value),
                unit_mult: obs.as_ref().map(|o| i64::from(o.unit_mult.power())),
                vintage: obs.as_ref().map(|o| o.vintage.clone()).unwrap_or_default(),
                locator: obs.map(|o| o.locator).unwrap_or_default(),
                import_batch: batch,
                read_at: now.clone(),
            });
        }
        let err = self.sql_err("storing a meeting");
        let mut tx = self.ws_begin("storing a meeting").await?;
        let countries = m.countries.iter().map(Iso3::as_str).collect::<Vec<_>>().join(",");
        let fields = [
            m.kind.code().to_string(),
            m.status.code().to_string(),
            m.title.clone(),
            m.held_on.to_string(),
            m.place.clone(),
            m.lang.code().to_string(),
            countries,
            m.agenda.clone(),
            m.documents.clone(),
            m.minutes.clone(),
            m.decisions.clone(),
            m.outputs.clone(),
        ];
        let id = match id {
            None => {
                let mut q = sqlx::query_scalar(
                    "INSERT INTO meeting (kind, status, title, held_on, place, lang, countries, agenda, documents, minutes, decisions, outputs, \
                     country, created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15) RETURNING id",
                );
                for f in &fields {
                    q = q.bind(f.clone());
                }
                q.bind(m.country.as_str()).bind(actor.id).bind(&now).fetch_one(&mut *tx).await.map_err(&err)?
            }
            Some(id) => {
                let mut q = sqlx::query(
                    "UPDATE meeting SET kind = $1, status = $2, title = $3, held_on = $4, place = $5, lang = $6, countries = $7, agenda = $8, \
                     documents = $9, minutes = $10, decisions = $11, outputs = $12, updated_at = $13 WHERE id = $14",
                );
                for f in &fields {
                    q = q.bind(f.clone());
                }
                q.bind(&now).bind(id).execute(&mut *tx).await.map_err(&err)?;
                sqlx::query("DELETE FROM meeting_participant WHERE meeting_id = $1").bind(id).execute(&mut *tx).await.map_err(&err)?;
                id
            }
        };
        for (seq, p) in m.participants.iter().enumerate() {
            sqlx::query("INSERT INTO meeting_participant (meeting_id, seq, organisation, name, user_id) VALUES ($1, $2, $3, $4, $5)")
                .bind(id)
                .bind(seq as i64)
                .bind(&p.organisation)
                .bind(&p.name)
                .bind(p.user_id)
                .execute(&mut *tx)
                .await
                .map_err(&err)?;
        }
        let kept: Vec<String> = m.figures.iter().map(ToString::to_string).collect();
        for old in before.iter().flat_map(|b| &b.figures).filter(|f| !kept.contains(&f.reference)) {
            sqlx::query("DELETE FROM meeting_figure WHERE meeting_id = $1 AND reference = $2")
                .bind(id)
                .bind(&old.reference)
                .execute(&mut *tx)
                .await
                .map_err(&err)?;
        }
        for f in &fresh {
            sqlx::query(
                "INSERT INTO meeting_figure (meeting_id, reference, observation_id, value, unit_mult, vintage, locator, generation, read_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            )
            .bind(id)
            .bind(&f.reference)
            .bind(f.observation_id)
            .bind(f.value)
            .bind(f.unit_mult)
            .bind(&f.vintage)
            .bind(&f.locator)
            .bind(f.import_batch)
            .bind(&f.read_at)
            .execute(&mut *tx)
            .await
            .map_err(&err)?;
        }
        let summary = |kind: &str, status: &str, title: &str, date: &str, n: usize| {
            serde_json::json!({ "kind": kind, "status": status, "title": title, "date": date, "participants": n }).to_string()
        };
        let b = before.as_ref().map(|b| summary(b.kind.code(), b.status.code(), &b.title, &b.held_on.to_string(), b.participants.len()));
        let a = summary(m.kind.code(), m.status.code(), &m.title, &m.held_on.to_string(), m.participants.len());
        let action = if before.is_some() { "meeting.update" } else { "meeting.create" };
        self.audit_append(&mut tx, actor, action, &format!("meeting:{id}"), b.as_deref().unwrap_or(""), &a).await?;
        tx.commit().await.map_err(&err)?;
        Ok(id)
    }

    /// One meeting with its participants, figures and action items.
    pub async fn meeting(&self, id: i64) -> Result<Option<MeetingRecord>, StoreError> {
        let row = sqlx::query(&format!("SELECT {MEETING_COLS} FROM meeting WHERE id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await
            .map_err(self.sql_err("reading a meeting"))?;
        let Some(row) = row else { return Ok(None) };
        let mut m = self.meeting_row(&row)?;
        let err = self.sql_err("reading a meeting's details");
        for row in sqlx::query("SELECT seq, organisation, name, user_id FROM meeting_participant WHERE meeting_id = $1 ORDER BY seq")
            .bind(id)
            .fetch_all(&self.pool)
            .await
            .map_err(&err)?
        {
            let r = RowReader::new(&row, "meeting_participant", id);
            m.participants.push(Participant { organisation: r.get("organisation")?, name: r.get("name")?, user_id: r.get("user_id")? });
        }
        for row in sqlx::query(
            "SELECT reference, observation_id, value, unit_mult, vintage, locator, generation, read_at FROM meeting_figure WHERE meeting_id = $1 ORDER BY reference",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await
        .map_err(&err)?
        {
            let r = RowReader::new(&row, "meeting_figure", id);
            m.figures.push(MeetingFigure {
                reference: r.get("reference")?,
                observation_id: r.get("observation_id")?,
                value: r.get("value")?,
                unit_mult: r.get("unit_mult")?,
                vintage: r.get("vintage")?,
                locator: r.get("locator")?,
                import_batch: r.get("generation")?,
                read_at: r.get("read_at")?,
            });
        }
        let rows = sqlx::query(&format!("SELECT {ACTION_COLS} FROM meeting_action WHERE meeting_id = $1 ORDER BY id"))
            .bind(id)
            .fetch_all(&self.pool)
            .await
            .map_err(&err)?;
        m.actions = rows.iter().map(action_row).collect::<Result<_, _>>()?;
        Ok(Some(m))
    }

    fn meeting_row(&self, row: &sqlx::any::AnyRow) -> Result<MeetingRecord, StoreError> {
        use sqlx::Row;
        let id: i64 = row.try_get("id").unwrap_or_default();
        let r = RowReader::new(row, "meeting", id);
        Ok(MeetingRecord {
            id,
            country: r.parse("country", Iso3::parse)?,
            kind: r.parse("kind", MeetingKind::parse)?,
            status: r.parse("status", MeetingStatus::parse)?,
            title: r.get("title")?,
            held_on: r.parse("held_on", Date::parse)?,
            place: r.get("place")?,
            lang: r.parse("lang", str::parse::<Lang>)?,
            countries: r.parse("countries", iso_list)?,
            agenda: r.get("agenda")?,
            documents: r.get("documents")?,
            minutes: r.get("minutes")?,
            decisions: r.get("decisions")?,
            outputs: r.get("outputs")?,
            participants: Vec::new(),
            figures: Vec::new(),
            actions: Vec::new(),
            updated_at: r.get("updated_at")?,
        })
    }

    /// The meetings kept by some countries (every country with `None`), by date, without
    /// their participants, figures and action items.
    pub async fn meetings(&self, countries: Option<&[Iso3]>) -> Result<Vec<MeetingRecord>, StoreError> {
        let rows = sqlx::query(&format!("SELECT {MEETING_COLS} FROM meeting ORDER BY held_on, id"))
            .fetch_all(&self.pool)
            .await
            .map_err(self.sql_err("listing meetings"))?;
        let mut out = Vec::new();
        for row in &rows {
            let m = self.meeting_row(row)?;
            if countries.is_none_or(|cs| cs.contains(&m.country)) {
                out.push(m);
            }
        }
        Ok(out)
    }

    /// Adds an action item to meeting `meeting_id`; answers its id.
    pub async fn action_add(&self, meeting_id: i64, a: &NewAction, actor: &Actor) -> Result<i64, StoreError> {
        if self.meeting(meeting_id).await?.is_none() {
            return Err(StoreError::Refused(format!("there is no meeting {meeting_id}")));
        }
        let err = self.sql_err("storing an action item");
        let mut tx = self.ws_begin("storing an action item").await?;
        let refs = MeetingRef::write_list(&a.refs);
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO meeting_action (meeting_id, body, owner, owner_id, due_on, status, refs, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(meeting_id)
        .bind(&a.body)
        .bind(&a.owner)
        .bind(a.owner_id)
        .bind(a.due_on.to_string())
        .bind(ActionStatus::Open.code())
        .bind(&refs)
        .bind(now_utc())
        .fetch_one(&mut *tx)
        .await
        .map_err(&err)?;
        let after = serde_json::json!({ "action": id, "body": a.body, "owner": a.owner, "due": a.due_on.to_string(), "refs": refs });
        self.audit_append(&mut tx, actor, "meeting.action.add", &format!("meeting:{meeting_id}"), "", &after.to_string()).await?;
        tx.commit().await.map_err(&err)?;
        Ok(id)
    }

    /// One action item.
    pub async fn action(&self, id: i64) -> Result<Option<ActionItem>, StoreError> {
        let row = sqlx::query(&format!("SELECT {ACTION_COLS} FROM meeting_action WHERE id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await
            .map_err(self.sql_err("reading an action item"))?;
        row.as_ref().map(action_row).transpose()
    }

    /// Sets action item `id`'s status; an item already in that state is left as it is and the
    /// answer says so (`false`).
    pub async fn action_set_status(&self, id: i64, status: ActionStatus, actor: &Actor) -> Result<bool, StoreError> {
        let Some(a) = self.action(id).await? else { return Err(StoreError::Refused(format!("there is no action item {id}"))) };
        if a.status == status {
            return Ok(false);
        }
        let err = self.sql_err("changing an action item");
        let mut tx = self.ws_begin("changing an action item").await?;
        let n = sqlx::query("UPDATE meeting_action SET status = $1, updated_at = $2 WHERE id = $3 AND status = $4")
            .bind(status.code())
            .bind(now_utc())
            .bind(id)
            .bind(a.status.code())
            .execute(&mut *tx)
            .await
            .map_err(&err)?
            .rows_affected();
        if n == 0 {
            return Ok(false);
        }
        let before = serde_json::json!({ "action": id, "status": a.status.code() }).to_string();
        let after = serde_json::json!({ "action": id, "status": status.code() }).to_string();
        self.audit_append(&mut tx, actor, "meeting.action.status", &format!("meeting:{}", a.meeting_id), &before, &after).await?;
        tx.commit().await.map_err(&err)?;
        Ok(true)
    }

    /// The open action items due before `today` of the meetings some countries keep (every
    /// country with `None`), the longest overdue first, each with its meeting's country and title.
    pub async fn actions_overdue(&self, countries: Option<&[Iso3]>, today: &Date) -> Result<Vec<(ActionItem, Iso3, String)>, StoreError> {
        let rows = sqlx::query(
            "SELECT a.id AS id, a.meeting_id AS meeting_id, a.body AS body, a.owner AS owner, a.owner_id AS owner_id, a.due_on AS due_on, \
             a.status AS status, a.refs AS refs, a.updated_at AS updated_at, m.country AS country, m.title AS title \
             FROM meeting_action a JOIN meeting m ON m.id = a.meeting_id WHERE a.status = $1 AND a.due_on < $2 ORDER BY a.due_on, a.id",
        )
        .bind(ActionStatus::Open.code())
        .bind(today.to_string())
        .fetch_all(&self.pool)
        .await
        .map_err(self.sql_err("listing overdue action items"))?;
        let mut out = Vec::new();
        for row in &rows {
            let a = action_row(row)?;
            let r = RowReader::new(row, "meeting", a.meeting_id);
            let country = r.parse("country", Iso3::parse)?;
            if countries.is_none_or(|cs| cs.contains(&country)) {
                out.push((a, country, r.get("title")?));
            }
        }
        Ok(out)
    }
}
