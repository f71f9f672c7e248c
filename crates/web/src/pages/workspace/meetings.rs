//! Meetings and workshops in the workspace: the record of a national or regional workshop, a
//! TWG plenary or a sub-group meeting (date, place, countries, participants, agenda,
//! documents, minutes, decisions), its action items, its report (HTML and PDF, in the
//! meeting's language), the overdue action items on the workspace home, and the regional
//! programme: the eight national and three regional workshops, planned and held, per country.
//!
//! Seeing a meeting needs its country's `ViewUnpublished` (otherwise 404); writing needs
//! `ManageMeetings` (403). The programme lists every meeting's date, place, status and
//! outputs to any signed-in member; minutes and action items stay with the country's TWG.

use super::{Viewer, WsError, page, see_other};
use crate::http::HTML;
use crate::pages::{Chrome, Section, m, ma};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::{HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use mp_domain::registry::Date;
use mp_domain::{Iso3, Lang};
use mp_store::{MeetingInput, MeetingRecord, NewAction, Participant};
use mp_workspace::meeting::{PROGRAMME_NATIONAL, PROGRAMME_REGIONAL};
use mp_workspace::{Action, ActionStatus, MeetingKind, MeetingRef, MeetingStatus, Principal, Target};
use serde::Deserialize;

/// The longest text field kept, in characters.
const MAX_FIELD: usize = 20_000;

fn bad(msg: String) -> WsError {
    WsError::Bad(StatusCode::UNPROCESSABLE_ENTITY, msg)
}

fn may_manage(p: &Principal, c: &Iso3) -> bool {
    p.may(Action::ManageMeetings, &Target::country(c))
}

fn may_see(p: &Principal, c: &Iso3) -> bool {
    p.may(Action::ViewUnpublished, &Target::country(c))
}

/// A meeting the viewer may see, or a 404.
async fn visible(st: &AppState, v: &Viewer, id: i64) -> Result<MeetingRecord, WsError> {
    st.store().meeting(id).await?.filter(|mt| may_see(&v.principal, &mt.country)).ok_or(WsError::NotFound)
}

fn kind_label(lang: Lang, k: MeetingKind) -> String {
    m(lang, &format!("meeting-kind-{}", k.code().replace('_', "-")))
}

fn status_label(lang: Lang, s: MeetingStatus) -> String {
    m(lang, &format!("meeting-status-{}", s.code()))
}

fn action_label(lang: Lang, s: ActionStatus) -> String {
    m(lang, &format!("meeting-action-status-{}", s.code()))
}

struct Choice {
    code: String,
    label: String,
    selected: bool,
}

fn choices<T: Copy + PartialEq>(all: &[T], current: T, code: impl Fn(T) -> String, label: impl Fn(T) -> String) -> Vec<Choice> {
    all.iter().map(|x| Choice { code: code(*x), label: label(*x), selected: *x == current }).collect()
}

// ---------------------------------------------------------------- list and programme

struct Row {
    href: String,
    date: String,
    country: String,
    kind: String,
    title: String,
    place: String,
    status: String,
    outputs: String,
}

#[derive(Template)]
#[template(path = "ws_meetings.html")]
struct ListT {
    chrome: Chrome,
    heading: String,
    intro: String,
    new_links: Vec<(String, String)>,
    programme_href: String,
    programme_label: String,
    rows: Vec<Row>,
    none: String,
    cols: [String; 7],
    summary: Vec<String>,
}

fn row(lang: Lang, mt: &MeetingRecord, link: bool) -> Row {
    let l = lang.code();
    let mut outputs: Vec<String> = mt.outputs.lines().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect();
    if mt.status == MeetingStatus::Held && mt.kind.is_workshop() {
        outputs.push(m(lang, "meeting-report"));
    }
    Row {
        href: if link { format!("/{l}/ws/meeting/{}", mt.id) } else { String::new() },
        date: mt.held_on.to_string(),
        country: mt.countries.iter().map(Iso3::as_str).collect::<Vec<_>>().join(", "),
        kind: kind_label(lang, mt.kind),
        title: mt.title.clone(),
        place: mt.place.clone(),
        status: status_label(lang, mt.status),
        outputs: outputs.join("; "),
    }
}

fn cols(lang: Lang) -> [String; 7] {
    [
        "meeting-field-date",
        "meeting-field-countries",
        "meeting-field-kind",
        "meeting-field-title",
        "meeting-field-place",
        "meeting-field-status",
        "meeting-field-outputs",
    ]
    .map(|id| m(lang, id))
}

/// `GET /{lang}/ws/meetings`: the meetings of the viewer's countries.
pub(crate) async fn list(State(st): State<AppState>, v: Viewer, uri: Uri) -> Response {
    let run = async {
        let lang = v.lang;
        let l = lang.code();
        let p = &v.principal;
        let countries: Option<Vec<Iso3>> = p.countries().map(|c| c.into_iter().collect());
        let all = st.store().meetings(countries.as_deref()).await?;
        let rows = all.iter().filter(|mt| may_see(p, &mt.country)).map(|mt| row(lang, mt, true)).collect();
        let mut mine: Vec<Iso3> = p.memberships.iter().filter_map(|ms| ms.scope.country.clone()).collect();
        mine.sort();
        mine.dedup();
        let new_links = mine
            .iter()
            .filter(|c| may_manage(p, c))
            .map(|c| (format!("/{l}/ws/meetings/new/{c}"), ma(lang, "meeting-new", &[("country", c.as_str())])))
            .collect();
        let heading = m(lang, "meeting-title");
        let t = ListT {
            chrome: Chrome::new(lang, &uri, &heading, Section::Other),
            heading,
            intro: String::new(),
            new_links,
            programme_href: format!("/{l}/ws/meetings/programme"),
            programme_label: m(lang, "meeting-programme"),
            rows,
            none: m(lang, "meeting-none"),
            cols: cols(lang),
            summary: Vec::new(),
        };
        Ok::<_, WsError>(page(StatusCode::OK, t.render().map_err(|e| WsError::Internal(e.to_string()))?))
    };
    run.await.unwrap_or_else(|e| e.page(v.lang, &uri))
}

/// `GET /{lang}/ws/meetings/programme`: the regional programme's workshops, planned and held,
/// per country, with their outputs.
pub(crate) async fn programme(State(st): State<AppState>, v: Viewer, uri: Uri) -> Response {
    let run = async {
        let lang = v.lang;
        let p = &v.principal;
        let all: Vec<MeetingRecord> = st.store().meetings(None).await?.into_iter().filter(|mt| mt.kind.is_workshop()).collect();
        let count = |k: MeetingKind, s: MeetingStatus| all.iter().filter(|mt| mt.kind == k && mt.status == s).count().to_string();
        let summary = [(MeetingKind::NationalWorkshop, PROGRAMME_NATIONAL), (MeetingKind::RegionalWorkshop, PROGRAMME_REGIONAL)]
            .into_iter()
            .map(|(k, target)| {
                ma(
                    lang,
                    "meeting-programme-count",
                    &[
                        ("kind", &kind_label(lang, k)),
                        ("held", &count(k, MeetingStatus::Held)),
                        ("planned", &count(k, MeetingStatus::Planned)),
                        ("target", &target.to_string()),
                    ],
                )
            })
            .collect();
        // Per country: national workshops under their country, regional ones under each country taking part.
        let mut rows: Vec<Row> = Vec::new();
        let mut by_country: Vec<(String, &MeetingRecord)> =
            all.iter().flat_map(|mt| mt.countries.iter().map(move |c| (c.as_str().to_string(), mt))).collect();
        by_country.sort_by(|a, b| (a.0.as_str(), a.1.held_on).cmp(&(b.0.as_str(), b.1.held_on)));
        for (c, mt) in by_country {
            let mut r = row(lang, mt, may_see(p, &mt.country));
            r.country = c;
            rows.push(r);
        }
        let heading = m(lang, "meeting-programme");
        let t = ListT {
            chrome: Chrome::new(lang, &uri, &heading, Section::Other),
            heading,
            intro: m(lang, "meeting-programme-intro"),
            new_links: Vec::new(),
            programme_href: format!("/{}/ws/meetings", lang.code()),
            programme_label: m(lang, "meeting-title"),
            rows,
            none: m(lang, "meeting-none"),
            cols: cols(lang),
            summary,
        };
        Ok::<_, WsError>(page(StatusCode::OK, t.render().map_err(|e| WsError::Internal(e.to_string()))?))
    };
    run.await.unwrap_or_else(|e| e.page(v.lang, &uri))
}

// ---------------------------------------------------------------- the record form

/// The meeting form, as posted.
#[derive(Deserialize, Default)]
pub(crate) struct MeetingForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    place: String,
    #[serde(default)]
    meeting_lang: String,
    #[serde(default)]
    countries: String,
    #[serde(default)]
    agenda: String,
    #[serde(default)]
    participants: String,
    #[serde(default)]
    documents: String,
    #[serde(default)]
    minutes: String,
    #[serde(default)]
    decisions: String,
    #[serde(default)]
    outputs: String,
    #[serde(default)]
    figures: String,
}

#[derive(Template)]
#[template(path = "ws_meeting_form.html")]
struct FormT {
    chrome: Chrome,
    heading: String,
    action: String,
    csrf: String,
    f: MeetingForm,
    kinds: Vec<Choice>,
    statuses: Vec<Choice>,
    langs: Vec<Choice>,
    labels: FormLabels,
    save: String,
}

struct FormLabels {
    kind: String,
    status: String,
    title: String,
    date: String,
    place: String,
    lang: String,
    countries: String,
    countries_note: String,
    agenda: String,
    participants: String,
    participants_note: String,
    documents: String,
    minutes: String,
    decisions: String,
    outputs: String,
    figures: String,
    refs_note: String,
    lines_note: String,
}

fn form_page(lang: Lang, uri: &Uri, heading: String, action: String, csrf: String, f: MeetingForm) -> Result<Response, WsError> {
    let kind = MeetingKind::parse(&f.kind).unwrap_or(MeetingKind::NationalWorkshop);
    let status = MeetingStatus::parse(&f.status).unwrap_or(MeetingStatus::Planned);
    let ml = f.meeting_lang.parse::<Lang>().unwrap_or(lang);
    let labels = FormLabels {
        kind: m(lang, "meeting-field-kind"),
        status: m(lang, "meeting-field-status"),
        title: m(lang, "meeting-field-title"),
        date: m(lang, "meeting-field-date"),
        place: m(lang, "meeting-field-place"),
        lang: m(lang, "meeting-field-lang"),
        countries: m(lang, "meeting-field-countries"),
        countries_note: m(lang, "meeting-countries-note"),
        agenda: m(lang, "meeting-field-agenda"),
        participants: m(lang, "meeting-field-participants"),
        participants_note: m(lang, "meeting-participants-note"),
        documents: m(lang, "meeting-field-documents"),
        minutes: m(lang, "meeting-field-minutes"),
        decisions: m(lang, "meeting-field-decisions"),
        outputs: m(lang, "meeting-field-outputs"),
        figures: m(lang, "meeting-figures"),
        refs_note: m(lang, "meeting-refs-note"),
        lines_note: m(lang, "meeting-lines-note"),
    };
    let t = FormT {
        chrome: Chrome::new(lang, uri, &heading, Section::Other),
        heading,
        action,
        csrf,
        kinds: choices(MeetingKind::ALL, kind, |k| k.code().to_string(), |k| kind_label(lang, k)),
        statuses: choices(MeetingStatus::ALL, status, |s| s.code().to_string(), |s| status_label(lang, s)),
        langs: choices(&Lang::ALL, ml, |l| l.code().to_string(), |l| l.endonym().to_string()),
        f,
        labels,
        save: m(lang, "meeting-save"),
    };
    Ok(page(StatusCode::OK, t.render().map_err(|e| WsError::Internal(e.to_string()))?))
}

/// Reads the participants: `Organisation: Name`, `Organisation: @login` or `@login` a line.
async fn participants(st: &AppState, c: &Iso3, text: &str) -> Result<Vec<Participant>, WsError> {
    let users = st.store().users().await?;
    let orgs = st.store().orgs().await?;
    let twg = st.store().twg(c).await?.map(|t| t.name).unwrap_or_else(|| c.as_str().to_string());
    let mut out = Vec::new();
    for (n, line) in text.lines().map(str::trim).enumerate().filter(|(_, l)| !l.is_empty()) {
        let (org, who) = match line.split_once(':') {
            Some((o, w)) => (Some(o.trim()), w.trim()),
            None => (None, line),
        };
        if let Some(login) = who.strip_prefix('@') {
            let u = users
                .iter()
                .find(|u| u.login.eq_ignore_ascii_case(login))
                .ok_or_else(|| bad(format!("participants, line {}: no member signs in as `{login}`", n + 1)))?;
            let org = match org {
                Some(o) => o.to_string(),
                None => {
                    let ms = st.store().memberships(u.id).await?;
                    ms.iter()
                        .filter(|ms| ms.scope.country.as_ref() == Some(c))
                        .find_map(|ms| ms.organisation)
                        .and_then(|o| orgs.iter().find(|x| x.id == o))
                        .map(|o| o.name.clone())
                        .unwrap_or_else(|| twg.clone())
                }
            };
            out.push(Participant { organisation: org, name: u.display_name.clone(), user_id: Some(u.id) });
        } else {
            let org = org
                .filter(|o| !o.is_empty())
                .ok_or_else(|| bad(format!("participants, line {}: `{line}`: expected `Organisation: Name` or `@login`", n + 1)))?;
            if who.is_empty() {
                return Err(bad(format!("participants, line {}: a name after `{org}:`", n + 1)));
            }
            out.push(Participant { organisation: org.to_string(), name: who.to_string(), user_id: None });
        }
    }
    Ok(out)
}

/// The form, parsed; `keeper` is the TWG's country that keeps the record.
async fn parse_form(st: &AppState, keeper: &Iso3, f: &MeetingForm) -> Result<MeetingInput, WsError> {
    let field = |name: &str, v: &str| {
        if v.chars().count() > MAX_FIELD {
            Err(bad(format!("{name}: at most {MAX_FIELD} characters")))
        } else {
            Ok(v.replace("\r\n", "\n"))
        }
    };
    let title = field("title", f.title.trim())?;
    if title.is_empty() {
        return Err(bad("title: give the meeting a title".into()));
    }
    let mut countries = vec![keeper.clone()];
    for part in f.countries.split([',', ' ', '\n']).map(str::trim).filter(|s| !s.is_empty()) {
        let c = Iso3::parse(&part.to_ascii_uppercase()).map_err(|e| bad(format!("countries: {e}")))?;
        if !countries.contains(&c) {
            countries.push(c);
        }
    }
    Ok(MeetingInput {
        country: keeper.clone(),
        kind: MeetingKind::parse(&f.kind).map_err(|e| bad(format!("kind: {e}")))?,
        status: MeetingStatus::parse(&f.status).map_err(|e| bad(format!("status: {e}")))?,
        title,
        held_on: Date::parse(&f.date).map_err(|e| bad(format!("date: {e}")))?,
        place: field("place", f.place.trim())?,
        lang: f.meeting_lang.parse::<Lang>().map_err(|e| bad(format!("language: {e}")))?,
        countries,
        agenda: field("agenda", &f.agenda)?,
        documents: field("documents", &f.documents)?,
        minutes: field("minutes", &f.minutes)?,
        decisions: field("decisions", &f.decisions)?,
        outputs: field("outputs", &f.outputs)?,
        participants: participants(st, keeper, &field("participants", &f.participants)?).await?,
        figures: MeetingRef::parse_list(&f.figures).map_err(|e| bad(format!("figures: {e}")))?,
    })
}

fn keeper(v: &Viewer, iso: &str) -> Result<Iso3, WsError> {
    let c = super::comments::country(v, iso)?;
    if !may_manage(&v.principal, &c) {
        return Err(WsError::Forbidden(m(v.lang, "meeting-not-keeper")));
    }
    Ok(c)
}

/// `GET /{lang}/ws/meetings/new/{iso3}`: the form for a new meeting.
pub(crate) async fn new_page(v: Viewer, uri: Uri, Path((_, iso)): Path<(String, String)>) -> Response {
    let run = async {
        let c = keeper(&v, &iso)?;
        let f = MeetingForm { meeting_lang: v.lang.code().into(), status: "planned".into(), ..MeetingForm::default() };
        form_page(v.lang, &uri, ma(v.lang, "meeting-new", &[("country", c.as_str())]), uri.path().to_string(), v.csrf.clone(), f)
    };
    run.await.unwrap_or_else(|e: WsError| e.page(v.lang, &uri))
}

/// `POST /{lang}/ws/meetings/new/{iso3}`: stores a new meeting.
pub(crate) async fn create(
    State(st): State<AppState>,
    v: Viewer,
    uri: Uri,
    Path((_, iso)): Path<(String, String)>,
    Form(f): Form<MeetingForm>,
) -> Response {
    let run = async {
        v.check_csrf(&f.csrf)?;
        let c = keeper(&v, &iso)?;
        let input = parse_form(&st, &c, &f).await?;
        let id = st.store().meeting_save(None, &input, &v.actor()).await?;
        Ok(see_other(&format!("/{}/ws/meeting/{id}", v.lang.code())))
    };
    run.await.unwrap_or_else(|e: WsError| e.page(v.lang, &uri))
}

/// `GET /{lang}/ws/meeting/{id}/edit`: the record's form, filled in.
pub(crate) async fn edit_page(State(st): State<AppState>, v: Viewer, uri: Uri, Path((_, id)): Path<(String, i64)>) -> Response {
    let run = async {
        let mt = visible(&st, &v, id).await?;
        keeper(&v, mt.country.as_str())?;
        let f = MeetingForm {
            csrf: String::new(),
            kind: mt.kind.code().into(),
            status: mt.status.code().into(),
            title: mt.title.clone(),
            date: mt.held_on.to_string(),
            place: mt.place.clone(),
            meeting_lang: mt.lang.code().into(),
            countries: mt.countries.iter().map(Iso3::as_str).collect::<Vec<_>>().join(", "),
            agenda: mt.agenda.clone(),
            participants: mt.participants.iter().map(|p| format!("{}: {}", p.organisation, p.name)).collect::<Vec<_>>().join("\n"),
            documents: mt.documents.clone(),
            minutes: mt.minutes.clone(),
            decisions: mt.decisions.clone(),
            outputs: mt.outputs.clone(),
            figures: mt.figures.iter().map(|f| f.reference.clone()).collect::<Vec<_>>().join(" "),
        };
        form_page(v.lang, &uri, mt.title.clone(), uri.path().to_string(), v.csrf.clone(), f)
    };
    run.await.unwrap_or_else(|e: WsError| e.page(v.lang, &uri))
}

/// `POST /{lang}/ws/meeting/{id}/edit`: replaces what the record says.
pub(crate) async fn update(
    State(st): State<AppState>,
    v: Viewer,
    uri: Uri,
    Path((_, id)): Path<(String, i64)>,
    Form(f): Form<MeetingForm>,
) -> Response {
    let run = async {
        v.check_csrf(&f.csrf)?;
        let mt = visible(&st, &v, id).await?;
        let c = keeper(&v, mt.country.as_str())?;
        let input = parse_form(&st, &c, &f).await?;
        // Participants given as members come back as their names: keep the member link.
        let input = MeetingInput {
            participants: input
                .participants
                .into_iter()
                .map(|mut p| {
                    if p.user_id.is_none() {
                        p.user_id =
                            mt.participants.iter().find(|o| o.name == p.name && o.organisation == p.organisation).and_then(|o| o.user_id);
                    }
                    p
                })
                .collect(),
            ..input
        };
        st.store().meeting_save(Some(id), &input, &v.actor()).await?;
        Ok(see_other(&format!("/{}/ws/meeting/{id}", v.lang.code())))
    };
    run.await.unwrap_or_else(|e: WsError| e.page(v.lang, &uri))
}

// ---------------------------------------------------------------- one meeting

struct ActionView {
    id: i64,
    body: String,
    owner: String,
    due: String,
    status: String,
    overdue: bool,
    refs: String,
    statuses: Vec<Choice>,
    action: String,
}

#[derive(Template)]
#[template(path = "ws_meeting.html")]
struct ViewT {
    chrome: Chrome,
    heading: String,
    facts: Vec<(String, String)>,
    sections: Vec<(String, Vec<String>)>,
    minutes_label: String,
    minutes: String,
    figures_label: String,
    figures: Vec<(String, String)>,
    actions_label: String,
    actions: Vec<ActionView>,
    none: String,
    may_manage: bool,
    csrf: String,
    edit_href: String,
    edit_label: String,
    report_html: String,
    report_pdf: Option<String>,
    report_label: String,
    add_action: String,
    add_label: String,
    labels: [String; 5],
    refs_note: String,
    set_label: String,
    overdue_label: String,
    back_href: String,
    back_label: String,
}

fn today() -> Result<Date, WsError> {
    Date::parse(&mp_text::today()).map_err(|e| WsError::Internal(e.to_string()))
}

/// `GET /{lang}/ws/meeting/{id}`: the record, its action items and its report.
pub(crate) async fn view(State(st): State<AppState>, v: Viewer, uri: Uri, Path((_, id)): Path<(String, i64)>) -> Response {
    let run = async {
        let lang = v.lang;
        let l = lang.code();
        let mt = visible(&st, &v, id).await?;
        let manage = may_manage(&v.principal, &mt.country);
        let today = today()?;
        let split = |s: &str| s.lines().map(str::trim).filter(|x| !x.is_empty()).map(str::to_string).collect::<Vec<_>>();
        let mut by_org: Vec<String> = Vec::new();
        for p in &mt.participants {
            by_org.push(format!("{}: {}", p.organisation, p.name));
        }
        let facts = vec![
            (m(lang, "meeting-field-kind"), kind_label(lang, mt.kind)),
            (m(lang, "meeting-field-status"), status_label(lang, mt.status)),
            (m(lang, "meeting-field-date"), mt.held_on.to_string()),
            (m(lang, "meeting-field-place"), mt.place.clone()),
            (m(lang, "meeting-field-lang"), mt.lang.endonym().to_string()),
            (m(lang, "meeting-field-countries"), mt.countries.iter().map(Iso3::as_str).collect::<Vec<_>>().join(", ")),
        ];
        let sections = vec![
            (m(lang, "meeting-field-agenda"), split(&mt.agenda)),
            (m(lang, "meeting-field-participants"), by_org),
            (m(lang, "meeting-field-decisions"), split(&mt.decisions)),
            (m(lang, "meeting-field-documents"), split(&mt.documents)),
            (m(lang, "meeting-field-outputs"), split(&mt.outputs)),
        ];
        let figures = mt
            .figures
            .iter()
            .map(|f| {
                let value = match (f.value, f.unit_mult) {
                    (Some(x), mult) => {
                        let x = x * 10f64.powi(i32::try_from(mult.unwrap_or(0)).unwrap_or(0));
                        ma(
                            lang,
                            "meeting-figure-seen",
                            &[
                                ("value", &mp_i18n::format_number(x, 0, lang)),
                                ("vintage", &f.vintage),
                                ("date", f.read_at.get(..10).unwrap_or(&f.read_at)),
                                ("batch", &f.import_batch.to_string()),
                            ],
                        )
                    }
                    (None, _) => m(lang, "meeting-figure-absent"),
                };
                (f.reference.clone(), value)
            })
            .collect();
        let actions = mt
            .actions
            .iter()
            .map(|a| ActionView {
                id: a.id,
                body: a.body.clone(),
                owner: a.owner.clone(),
                due: a.due_on.to_string(),
                status: action_label(lang, a.status),
                overdue: a.status == ActionStatus::Open && a.due_on < today,
                refs: MeetingRef::write_list(&a.refs),
                statuses: choices(ActionStatus::ALL, a.status, |s| s.code().to_string(), |s| action_label(lang, s)),
                action: format!("/{l}/ws/meeting-action/{}/status", a.id),
            })
            .collect();
        let t = ViewT {
            chrome: Chrome::new(lang, &uri, &mt.title, Section::Other),
            heading: mt.title.clone(),
            facts,
            sections,
            minutes_label: m(lang, "meeting-field-minutes"),
            minutes: mt.minutes.clone(),
            figures_label: m(lang, "meeting-figures"),
            figures,
            actions_label: m(lang, "meeting-actions"),
            actions,
            none: m(lang, "meeting-none"),
            may_manage: manage,
            csrf: v.csrf.clone(),
            edit_href: format!("/{l}/ws/meeting/{id}/edit"),
            edit_label: m(lang, "meeting-edit"),
            report_html: format!("/{l}/ws/meeting/{id}/report.html"),
            report_pdf: st.pdf().is_some().then(|| format!("/{l}/ws/meeting/{id}/report.pdf")),
            report_label: m(lang, "meeting-report"),
            add_action: format!("/{l}/ws/meeting/{id}/action"),
            add_label: m(lang, "meeting-action-add"),
            labels: ["meeting-action-body", "meeting-action-owner", "meeting-action-due", "meeting-field-status", "meeting-action-refs"]
                .map(|i| m(lang, i)),
            refs_note: m(lang, "meeting-refs-note"),
            set_label: m(lang, "meeting-action-set"),
            overdue_label: m(lang, "meeting-overdue"),
            back_href: format!("/{l}/ws/meetings"),
            back_label: m(lang, "meeting-title"),
        };
        Ok::<_, WsError>(page(StatusCode::OK, t.render().map_err(|e| WsError::Internal(e.to_string()))?))
    };
    run.await.unwrap_or_else(|e| e.page(v.lang, &uri))
}

/// The action item form.
#[derive(Deserialize)]
pub(crate) struct ActionForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    owner: String,
    #[serde(default)]
    due: String,
    #[serde(default)]
    refs: String,
}

/// `POST /{lang}/ws/meeting/{id}/action`: adds an action item.
pub(crate) async fn add_action(
    State(st): State<AppState>,
    v: Viewer,
    uri: Uri,
    Path((_, id)): Path<(String, i64)>,
    Form(f): Form<ActionForm>,
) -> Response {
    let run = async {
        v.check_csrf(&f.csrf)?;
        let mt = visible(&st, &v, id).await?;
        keeper(&v, mt.country.as_str())?;
        let body = f.body.trim();
        if body.is_empty() || body.chars().count() > 2000 {
            return Err(bad("action: between 1 and 2000 characters".into()));
        }
        let owner = f.owner.trim();
        if owner.is_empty() || owner.chars().count() > 200 {
            return Err(bad("owner: a name, or @login for a member".into()));
        }
        let owner_id = match owner.strip_prefix('@') {
            Some(login) => Some(
                st.store()
                    .users()
                    .await?
                    .into_iter()
                    .find(|u| u.login.eq_ignore_ascii_case(login))
                    .ok_or_else(|| bad(format!("owner: no member signs in as `{login}`")))?
                    .id,
            ),
            None => None,
        };
        let a = NewAction {
            body: body.to_string(),
            owner: owner.trim_start_matches('@').to_string(),
            owner_id,
            due_on: Date::parse(&f.due).map_err(|e| bad(format!("due date: {e}")))?,
            refs: MeetingRef::parse_list(&f.refs).map_err(|e| bad(format!("concerns: {e}")))?,
        };
        st.store().action_add(id, &a, &v.actor()).await?;
        Ok(see_other(&format!("/{}/ws/meeting/{id}", v.lang.code())))
    };
    run.await.unwrap_or_else(|e: WsError| e.page(v.lang, &uri))
}

/// The status form of an action item.
#[derive(Deserialize)]
pub(crate) struct StatusForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    status: String,
}

/// `POST /{lang}/ws/meeting-action/{id}/status`: sets an action item's status.
pub(crate) async fn set_status(
    State(st): State<AppState>,
    v: Viewer,
    uri: Uri,
    Path((_, id)): Path<(String, i64)>,
    Form(f): Form<StatusForm>,
) -> Response {
    let run = async {
        v.check_csrf(&f.csrf)?;
        let a = st.store().action(id).await?.ok_or(WsError::NotFound)?;
        let mt = visible(&st, &v, a.meeting_id).await?;
        keeper(&v, mt.country.as_str())?;
        let status = ActionStatus::parse(&f.status).map_err(|e| bad(e.to_string()))?;
        st.store().action_set_status(id, status, &v.actor()).await?;
        Ok(see_other(&format!("/{}/ws/meeting/{}", v.lang.code(), mt.id)))
    };
    run.await.unwrap_or_else(|e: WsError| e.page(v.lang, &uri))
}

fn download(body: Vec<u8>, kind: &'static str, name: String) -> Response {
    let mut res = (StatusCode::OK, body).into_response();
    res.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static(kind));
    res.headers_mut().insert(CACHE_CONTROL, HeaderValue::from_static(crate::http::CACHE_NONE));
    if let Ok(v) = HeaderValue::from_str(&format!("inline; filename=\"{name}\"")) {
        res.headers_mut().insert(CONTENT_DISPOSITION, v);
    }
    res
}

/// `GET /{lang}/ws/meeting/{id}/report.{html,pdf}`: the workshop report, in the meeting's language.
pub(crate) async fn report(State(st): State<AppState>, v: Viewer, uri: Uri, Path((_, id, file)): Path<(String, i64, String)>) -> Response {
    let run = async {
        let mt = visible(&st, &v, id).await?;
        let doc = mp_service::meeting_report::meeting_report(st.store(), st.framework(), st.areas(), &mt).await?;
        let base = format!("meeting-{id}-{}", mt.lang.code());
        match file.as_str() {
            "report.html" => {
                let html = mp_render::html::document_html(&doc, mt.lang, &mp_render::html::HtmlOptions::default());
                Ok(download(html.into_bytes(), HTML, format!("{base}.html")))
            }
            "report.pdf" => {
                let pdf = st.pdf().ok_or(WsError::NotFound)?;
                let bytes = pdf(&doc, mt.lang).map_err(WsError::Internal)?;
                Ok(download(bytes, "application/pdf", format!("{base}.pdf")))
            }
            _ => Err(WsError::NotFound),
        }
    };
    run.await.unwrap_or_else(|e: WsError| e.page(v.lang, &uri))
}

/// The overdue action items of the meetings the viewer keeps, as (address, text) for the
/// workspace home.
pub(crate) async fn overdue(st: &AppState, p: &Principal, lang: Lang) -> Result<Vec<(String, String)>, WsError> {
    let mut mine: Vec<Iso3> = p.memberships.iter().filter_map(|ms| ms.scope.country.clone()).filter(|c| may_manage(p, c)).collect();
    mine.dedup();
    if mine.is_empty() {
        return Ok(Vec::new());
    }
    let items = st.store().actions_overdue(Some(&mine), &today()?).await?;
    Ok(items
        .into_iter()
        .map(|(a, c, title)| {
            (
                format!("/{}/ws/meeting/{}", lang.code(), a.meeting_id),
                ma(
                    lang,
                    "meeting-overdue-item",
                    &[
                        ("country", c.as_str()),
                        ("meeting", &title),
                        ("action", &a.body),
                        ("owner", &a.owner),
                        ("due", &a.due_on.to_string()),
                    ],
                ),
            )
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every message the meeting pages and the report use exists in the three languages: the
    /// ids written in their sources, and those made from the kinds and statuses.
    #[test]
    fn every_message_in_three_languages() {
        let sources = [include_str!("meetings.rs"), include_str!("../../../../service/src/meeting_report.rs")];
        let mut ids: Vec<String> = Vec::new();
        for src in sources {
            for part in src.split('"').skip(1).step_by(2) {
                if part.starts_with("meeting-") && !part.ends_with('-') && part.chars().all(|c| c.is_ascii_lowercase() || c == '-') {
                    ids.push(part.to_string());
                }
            }
        }
        ids.extend(MeetingKind::ALL.iter().map(|k| format!("meeting-kind-{}", k.code().replace('_', "-"))));
        ids.extend(MeetingStatus::ALL.iter().map(|s| format!("meeting-status-{}", s.code())));
        ids.extend(ActionStatus::ALL.iter().map(|s| format!("meeting-action-status-{}", s.code())));
        assert!(ids.len() > 40, "{ids:?}");
        let missing: Vec<String> =
            ids.iter().flat_map(|id| Lang::ALL.into_iter().filter(|l| !mp_i18n::has(*l, id)).map(move |l| format!("{id} ({l})"))).collect();
        assert!(missing.is_empty(), "missing messages: {missing:?}");
    }
}
