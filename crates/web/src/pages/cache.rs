//! Documents and store summaries built once and kept in memory while the data do not change.
//!
//! Building a country's document reads every observation of the country and runs the profile
//! builder: seconds on a full store, far too slow for each page view. Everything here belongs
//! to a *generation*, keyed by the store's latest import batch and today's date (a live
//! document is dated); a new import or a new day starts a new generation and the old one is
//! dropped once the requests holding it finish. A live document is also keyed by a hash of its
//! narrative, which the Technical Working Group edits without an import.

use crate::http::HttpError;
use crate::state::AppState;
use axum::body::Bytes;
use mp_domain::{AreaCode, Record};
use mp_profile::Document;
use mp_store::{BatchInfo, DatasetInfo, ObsQuery};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex, Weak};
use tokio::sync::{OnceCell, RwLock, mpsc};

/// What makes cached data stale.
#[derive(Debug, Clone, PartialEq, Eq)]
struct GenKey {
    batch: Option<i64>,
    day: String,
}

type DocKey = (AreaCode, Option<String>, [u8; 16]);

/// Most rendered pages kept per generation; past it the page cache starts again empty, so odd
/// query strings cannot make it grow without end.
const MAX_PAGES: usize = 400;
type Slot<T> = Arc<OnceCell<Arc<T>>>;

/// Everything built from one state of the store.
pub(crate) struct Generation {
    key: GenKey,
    docs: Mutex<HashMap<DocKey, Slot<Document>>>,
    regional: OnceCell<Arc<Document>>,
    totals: OnceCell<Arc<Vec<Record>>>,
    datasets: OnceCell<Arc<Vec<DatasetInfo>>>,
    batches: Vec<BatchInfo>,
    pages: Mutex<HashMap<String, Slot<Bytes>>>,
    /// Countries whose live document a reader asked for before it was ready, for the warm-up
    /// to build next (bounded: past it a request is dropped, and asked again by the next reader).
    wanted: mpsc::Sender<AreaCode>,
}

/// Most countries waiting in a generation's warm-up queue.
const WANTED: usize = 32;

/// The cache the page handlers share (one per router).
#[derive(Default)]
pub(crate) struct Cache {
    current: RwLock<Option<Arc<Generation>>>,
    /// Set by the server: pages that list every country show the figures of those whose
    /// documents are ready and mark the others as being prepared, rather than wait for all of
    /// them (and are not kept until they are complete).
    ready_only: bool,
}

impl Cache {
    /// The server's cache: its first generation starts warming now, in the background, and
    /// pages listing the countries show what is ready and mark the rest (see `ready_only`).
    pub(crate) fn warming(st: &AppState) -> Arc<Cache> {
        let cache = Arc::new(Cache { ready_only: true, ..Cache::default() });
        if tokio::runtime::Handle::try_current().is_ok() {
            let (c, st) = (cache.clone(), st.clone());
            tokio::spawn(async move {
                if let Err(e) = c.generation(&st).await {
                    tracing::warn!(error = %e.message(), "warming the page cache");
                }
            });
        }
        cache
    }

    /// Whether pages listing the countries show only the documents already built.
    pub(crate) fn ready_only(&self) -> bool {
        self.ready_only
    }

    /// The generation for the store as it is now; starts a new one (and warms it in the
    /// background) when data were imported or the day changed.
    pub(crate) async fn generation(&self, st: &AppState) -> Result<Arc<Generation>, HttpError> {
        let batches = st.store().import_batches().await?;
        let key = GenKey { batch: batches.iter().map(|b| b.id).max(), day: mp_service::today() };
        if let Some(g) = self.current.read().await.as_ref().filter(|g| g.key == key) {
            return Ok(g.clone());
        }
        let mut w = self.current.write().await;
        if let Some(g) = w.as_ref().filter(|g| g.key == key) {
            return Ok(g.clone());
        }
        let (wanted, queue) = mpsc::channel(WANTED);
        let g = Arc::new(Generation {
            key,
            docs: Mutex::new(HashMap::new()),
            regional: OnceCell::new(),
            totals: OnceCell::new(),
            datasets: OnceCell::new(),
            batches,
            pages: Mutex::new(HashMap::new()),
            wanted,
        });
        *w = Some(g.clone());
        warm(st.clone(), &g, queue);
        Ok(g)
    }
}

/// Builds the live profiles in the background, one at a time, so the first reader of the home
/// page does not wait for ten documents; then the countries readers asked for meanwhile (a
/// narrative changed, say). Requests that need a document first build it themselves. The
/// building runs off the request workers (see [`off_workers`]), so pages that need nothing
/// new answer while it goes on. The task holds the generation weakly: it ends when the
/// generation is dropped.
fn warm(st: AppState, g: &Arc<Generation>, mut queue: mpsc::Receiver<AreaCode>) {
    if tokio::runtime::Handle::try_current().is_err() {
        return;
    }
    let weak = Arc::downgrade(g);
    tokio::spawn(async move {
        // What the home page reads besides the documents first: it is small.
        if let Some(g) = weak.upgrade()
            && let Err(e) = g.datasets(&st).await
        {
            tracing::warn!(error = %e, "warming the page cache");
        }
        for a in st.areas().profile_countries() {
            warm_document(&st, &weak, &a.code).await;
        }
        if let Some(g) = weak.upgrade() {
            for e in [g.totals(&st).await.err(), g.regional(&st).await.err()].into_iter().flatten() {
                tracing::warn!(error = %e, "warming the page cache");
            }
        }
        while let Some(area) = queue.recv().await {
            warm_document(&st, &weak, &area).await;
        }
    });
}

async fn warm_document(st: &AppState, g: &Weak<Generation>, area: &AreaCode) {
    let Some(g) = g.upgrade() else { return };
    if let Err(e) = g.document(st, area, None).await {
        tracing::warn!(area = %area, error = %e, "warming the page cache");
    }
}

/// Runs `work` (store reads, then seconds of CPU laying out a document) on a blocking thread
/// rather than on the async workers that answer requests: otherwise, on a machine with few
/// cores, every page waits behind the documents being built.
async fn off_workers<T, F>(work: F) -> Result<T, HttpError>
where
    T: Send + 'static,
    F: Future<Output = Result<T, HttpError>> + Send + 'static,
{
    let runtime = tokio::runtime::Handle::current();
    tokio::task::spawn_blocking(move || runtime.block_on(work)).await.map_err(HttpError::internal)?
}

/// What identifies a country's live narrative, for keys of what is built from it.
pub(crate) async fn narrative_key(st: &AppState, area: &AreaCode) -> Result<[u8; 16], HttpError> {
    let mut key = narrative_hash(&st.store().narrative(area, None).await?);
    // A national indicator approved without an import changes the document too.
    if let AreaCode::Country(c) = area
        && let Some(ext) = st.store().framework_extension(c).await?
    {
        let v = Sha256::digest(format!("{}:{}", ext.version, ext.created_at));
        key.iter_mut().zip(v.iter()).for_each(|(k, x)| *k ^= x);
    }
    Ok(key)
}

fn narrative_hash(n: &mp_store::NarrativeMap) -> [u8; 16] {
    let mut h = Sha256::new();
    for (section, texts) in n {
        for (lang, body) in texts {
            h.update(section.as_bytes());
            h.update([0]);
            h.update(lang.code().as_bytes());
            h.update([0]);
            h.update(body.as_bytes());
            h.update([1]);
        }
    }
    let d = h.finalize();
    let mut out = [0u8; 16];
    out.copy_from_slice(&d[..16]);
    out
}

impl Generation {
    /// The import batches, oldest first, as of this generation.
    pub(crate) fn batches(&self) -> &[BatchInfo] {
        &self.batches
    }

    /// A country's document, live or of a frozen edition, built once per generation.
    pub(crate) async fn document(&self, st: &AppState, area: &AreaCode, edition: Option<&str>) -> Result<Arc<Document>, HttpError> {
        let narrative = match edition {
            Some(_) => [0; 16],
            None => narrative_key(st, area).await?,
        };
        let key = (area.clone(), edition.map(str::to_string), narrative);
        let slot = {
            let mut docs = self.docs.lock().unwrap_or_else(|e| e.into_inner());
            // Old narratives of the same country are dead weight once a new one is stored.
            if edition.is_none() {
                docs.retain(|k, _| !(k.0 == *area && k.1.is_none() && k.2 != narrative));
            }
            docs.entry(key).or_default().clone()
        };
        let (st, area, edition) = (st.clone(), area.clone(), edition.map(str::to_string));
        let doc = slot
            .get_or_try_init(|| {
                off_workers(async move {
                    let d = mp_service::country_document(
                        st.store(),
                        st.framework(),
                        st.areas(),
                        st.profile_template(),
                        &area,
                        edition.as_deref(),
                    )
                    .await?;
                    Ok::<_, HttpError>(Arc::new(d))
                })
            })
            .await?;
        Ok(doc.clone())
    }

    /// Asks the warm-up to build a country's live document soon, without waiting for it.
    pub(crate) fn want(&self, area: &AreaCode) {
        // A full queue already holds work for minutes; the next reader asks again.
        let _ = self.wanted.try_send(area.clone());
    }

    /// A country's live document if it is already built, without building it.
    pub(crate) async fn ready_document(&self, st: &AppState, area: &AreaCode) -> Result<Option<Arc<Document>>, HttpError> {
        let key = (area.clone(), None, narrative_key(st, area).await?);
        let docs = self.docs.lock().unwrap_or_else(|e| e.into_inner());
        Ok(docs.get(&key).and_then(|slot| slot.get().cloned()))
    }

    /// Like [`Generation::page`], for a page that may be built from part of what it shows
    /// (`build` says whether it is complete): only a complete page is kept.
    pub(crate) async fn page_when_complete<F, Fut>(&self, key: String, build: F) -> Result<Bytes, HttpError>
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Result<(String, bool), HttpError>>,
    {
        let slot = {
            let mut pages = self.pages.lock().unwrap_or_else(|e| e.into_inner());
            if pages.len() >= MAX_PAGES && !pages.contains_key(&key) {
                pages.clear();
            }
            pages.entry(key).or_default().clone()
        };
        if let Some(body) = slot.get() {
            return Ok(Bytes::clone(body));
        }
        let (body, complete) = build().await?;
        let body = Bytes::from(body);
        if complete {
            // Another reader may have kept the same page meanwhile; either copy is the same.
            let _ = slot.set(Arc::new(body.clone()));
        }
        Ok(body)
    }

    /// A page rendered once per generation and `key` (its address, plus whatever else it
    /// depends on that does not start a new generation): readers of the same page get the
    /// same bytes without the profile being laid out again.
    pub(crate) async fn page<F, Fut>(&self, key: String, build: F) -> Result<Bytes, HttpError>
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Result<String, HttpError>>,
    {
        let slot = {
            let mut pages = self.pages.lock().unwrap_or_else(|e| e.into_inner());
            if pages.len() >= MAX_PAGES && !pages.contains_key(&key) {
                pages.clear();
            }
            pages.entry(key).or_default().clone()
        };
        let body = slot.get_or_try_init(|| async { Ok::<_, HttpError>(Arc::new(Bytes::from(build().await?))) }).await?;
        Ok(Bytes::clone(body))
    }

    /// The regional comparison document.
    pub(crate) async fn regional(&self, st: &AppState) -> Result<Arc<Document>, HttpError> {
        let st = st.clone();
        let doc = self
            .regional
            .get_or_try_init(|| {
                off_workers(async move {
                    let d = mp_service::regional_document(st.store(), st.framework(), st.areas(), st.regional_template()).await?;
                    Ok::<_, HttpError>(Arc::new(d))
                })
            })
            .await?;
        Ok(doc.clone())
    }

    /// Totals (no disaggregation) of every indicator for the profile countries, every vintage:
    /// what coverage grids and source coverage are computed from.
    pub(crate) async fn totals(&self, st: &AppState) -> Result<Arc<Vec<Record>>, HttpError> {
        let st = st.clone();
        let v = self
            .totals
            .get_or_try_init(|| {
                off_workers(async move {
                    let areas: Vec<AreaCode> = st.areas().profile_countries().iter().map(|a| a.code.clone()).collect();
                    let q = ObsQuery { areas, latest_only: false, ..ObsQuery::default() };
                    Ok::<_, HttpError>(Arc::new(st.store().records(&q).await?))
                })
            })
            .await?;
        Ok(v.clone())
    }

    /// Every dataset with its files and counts.
    pub(crate) async fn datasets(&self, st: &AppState) -> Result<Arc<Vec<DatasetInfo>>, HttpError> {
        let v = self.datasets.get_or_try_init(|| async { Ok::<_, HttpError>(Arc::new(st.store().datasets().await?)) }).await?;
        Ok(v.clone())
    }
}
