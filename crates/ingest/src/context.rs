//! What adapters share: the framework and areas to check against, the scope of areas kept,
//! and builders that gather observations, explained skips and sums.

use crate::error::{IngestError, Problem, Problems};
use crate::files::InputFile;
use mp_domain::{
    AreaCode, AreaRegistry, CodeValue, DatasetImport, DimensionId, DimensionKey, Framework, IndicatorCode, ObsStatus, Observation, Period,
    Provenance, Skip, SourceInfo, UnitMult,
};
use std::collections::{BTreeMap, HashMap};

/// The framework and areas every observation is checked against.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    /// The indicator framework.
    pub framework: &'a Framework,
    /// Known areas and group memberships.
    pub areas: &'a AreaRegistry,
    /// Size limits every reader enforces (the upload limits unless changed).
    pub limits: crate::limits::Limits,
}

impl<'a> Context<'a> {
    /// Builds a context.
    pub fn new(framework: &'a Framework, areas: &'a AreaRegistry) -> Self {
        Context { framework, areas, limits: crate::limits::Limits::default() }
    }

    /// Whether observations for this reference area are kept from public sources: the profile
    /// countries and the groups they are compared with. Bilateral detail about every other
    /// country is still kept, as a COUNTERPART_AREA of these.
    pub fn in_scope(&self, area: &AreaCode) -> bool {
        match area {
            AreaCode::Group(_) => self.areas.contains(area),
            AreaCode::Country(_) => self.areas.get(area).is_some_and(|a| a.profile_language.is_some()),
        }
    }

    /// A known area from a code in a file (ISO alpha-3, group code or M49 number).
    pub fn area(&self, code: &str) -> Option<AreaCode> {
        self.areas.find(code).map(|a| a.code.clone())
    }

    /// An indicator code an adapter relies on; a problem if the framework lacks it, which is a
    /// programming or framework error, reported instead of panicking.
    pub fn indicator(&self, code: &str, problems: &mut Problems) -> Option<IndicatorCode> {
        match self.framework.find(code) {
            Some(i) => Some(i.code.clone()),
            None => {
                problems.push(Problem::file("framework", format!("the framework has no indicator {code}, which this importer needs")));
                None
            }
        }
    }

    /// Checks every observation of a dataset against the framework and areas, collecting all
    /// problems: unknown indicator, dimension not allowed, code not in its codelist, unknown area,
    /// missing value without a missing-value status.
    pub fn check(&self, ds: &DatasetImport) -> Vec<Problem> {
        let mut out = Vec::new();
        for o in &ds.observations {
            let file = ds.files.get(o.provenance.file).map(|f| f.path.as_str()).unwrap_or("?");
            let at = |msg: String| {
                let mut p = Problem::file(file, msg);
                p.column = None;
                p.value = Some(o.key());
                p.sheet = None;
                p.row = o.provenance.locator.strip_prefix("row ").and_then(|r| r.parse().ok());
                p
            };
            let Some(ind) = self.framework.indicator(&o.indicator) else {
                out.push(at(format!("unknown indicator {}", o.indicator)));
                continue;
            };
            if !self.areas.contains(&o.area) {
                out.push(at(format!("unknown area {}", o.area)));
            }
            if let Err(e) = self.framework.check_dims(ind, &o.dims, |c| AreaCode::parse(c.as_str()).is_ok_and(|a| self.areas.contains(&a)))
            {
                out.push(at(e));
            }
            if o.value.is_none() && !o.status.is_missing() {
                out.push(at("no value: expected a number, or an OBS_STATUS for a missing value (L, M, O, Q)".into()));
            }
            if out.len() > crate::error::MAX_PROBLEMS {
                break;
            }
        }
        out
    }
}

/// What an adapter read: datasets ready for the store, and the rows it left out on purpose.
#[derive(Debug, Default)]
pub struct ReadReport {
    /// The datasets.
    pub datasets: Vec<DatasetImport>,
    /// Data rows read.
    pub rows_read: u64,
    /// Rows not imported, grouped by an explained reason.
    pub skipped: Vec<Skip>,
}

impl ReadReport {
    /// Adds another report.
    pub fn merge(&mut self, other: ReadReport) {
        self.datasets.extend(other.datasets);
        self.rows_read += other.rows_read;
        for s in other.skipped {
            match self.skipped.iter_mut().find(|x| x.reason == s.reason) {
                Some(x) => x.rows += s.rows,
                None => self.skipped.push(s),
            }
        }
    }
    /// Number of observations.
    pub fn observations(&self) -> usize {
        self.datasets.iter().map(|d| d.observations.len()).sum()
    }
}

/// Counts rows left out, by reason.
#[derive(Debug, Default)]
pub struct Skips(BTreeMap<String, u64>);

impl Skips {
    /// Counts one row for a reason.
    pub fn add(&mut self, reason: impl Into<String>) {
        *self.0.entry(reason.into()).or_default() += 1;
    }
    /// The skips, largest first.
    pub fn into_vec(self) -> Vec<Skip> {
        let mut v: Vec<Skip> = self.0.into_iter().map(|(reason, rows)| Skip { reason, rows }).collect();
        v.sort_by_key(|s| std::cmp::Reverse(s.rows));
        v
    }
}

/// The key of a summed observation.
type SumKey = (IndicatorCode, AreaCode, Period, DimensionKey);
/// A running sum: total, rows added, file and first row of the rows.
type SumAcc = (f64, u64, usize, String);

/// Gathers the observations of one dataset; a key given twice is a problem (two rows claiming
/// the same figure), except through [`DatasetBuilder::add_to_sum`].
pub struct DatasetBuilder {
    source: SourceInfo,
    vintage: String,
    files: Vec<mp_domain::FileInfo>,
    obs: Vec<Observation>,
    seen: HashMap<String, usize>,
    sums: BTreeMap<SumKey, SumAcc>,
    sum_note: Option<String>,
}

/// Everything about one observation except provenance.
pub struct Obs {
    /// Indicator.
    pub indicator: IndicatorCode,
    /// Area.
    pub area: AreaCode,
    /// Period.
    pub period: Period,
    /// Disaggregation.
    pub dims: DimensionKey,
    /// Value.
    pub value: Option<f64>,
    /// OBS_STATUS.
    pub status: ObsStatus,
    /// Footnote.
    pub footnote: Option<String>,
}

impl Obs {
    /// A normal (status A) observation with no disaggregation.
    pub fn new(indicator: &IndicatorCode, area: &AreaCode, period: Period, value: f64) -> Obs {
        Obs {
            indicator: indicator.clone(),
            area: area.clone(),
            period,
            dims: DimensionKey::total(),
            value: Some(value),
            status: ObsStatus::Normal,
            footnote: None,
        }
    }
    /// Adds a dimension value (`_T` is ignored).
    pub fn dim(mut self, dim: &str, code: &str) -> Obs {
        if let (Ok(d), Ok(c)) = (DimensionId::parse(dim), CodeValue::parse(code)) {
            self.dims.set(d, c);
        }
        self
    }
    /// Sets the status.
    pub fn status(mut self, s: ObsStatus) -> Obs {
        self.status = s;
        self
    }
    /// Sets a footnote.
    pub fn note(mut self, n: impl Into<String>) -> Obs {
        self.footnote = Some(n.into());
        self
    }
}

impl DatasetBuilder {
    /// Starts a dataset for a source and vintage.
    pub fn new(source: SourceInfo, vintage: impl Into<String>) -> Self {
        DatasetBuilder {
            source,
            vintage: vintage.into(),
            files: Vec::new(),
            obs: Vec::new(),
            seen: HashMap::new(),
            sums: BTreeMap::new(),
            sum_note: None,
        }
    }

    /// Registers a file and returns its index for provenance.
    pub fn file(&mut self, f: &InputFile) -> usize {
        if let Some(i) = self.files.iter().position(|x| x.sha256 == f.sha256 && x.path == f.display) {
            return i;
        }
        self.files.push(f.info());
        self.files.len() - 1
    }

    /// Adds an observation; a duplicate key is a problem naming both rows.
    pub fn add(&mut self, o: Obs, file: usize, locator: String, problems: &mut Problems) {
        let obs = Observation {
            indicator: o.indicator,
            area: o.area,
            period: o.period,
            dims: o.dims,
            value: o.value,
            status: o.status,
            unit_mult: UnitMult::UNITS,
            footnote: o.footnote,
            provenance: Provenance { file, locator },
        };
        let key = obs.key();
        if let Some(&i) = self.seen.get(&key) {
            let first = &self.obs[i].provenance.locator;
            let fname = self.files.get(file).map(|f| f.path.clone()).unwrap_or_default();
            problems.push(Problem::file(
                &fname,
                format!("{}: the same figure ({key}) is given twice: first at {first}; expected one value per key", obs.provenance.locator),
            ));
            return;
        }
        self.seen.insert(key, self.obs.len());
        self.obs.push(obs);
    }

    /// Adds a value to a sum (a world total, an emigrant total over destinations…); the sums
    /// become observations in [`DatasetBuilder::finish`], with the number of rows in the locator.
    // The four key parts are the observation's own key; bundling them would only rename them.
    #[allow(clippy::too_many_arguments)]
    pub fn add_to_sum(
        &mut self,
        indicator: &IndicatorCode,
        area: &AreaCode,
        period: Period,
        dims: DimensionKey,
        value: f64,
        file: usize,
        first_row: &str,
    ) {
        let e = self.sums.entry((indicator.clone(), area.clone(), period, dims)).or_insert((0.0, 0, file, first_row.to_string()));
        e.0 += value;
        e.1 += 1;
    }

    /// The footnote given to every summed observation (how the sum was made).
    pub fn sum_note(&mut self, note: impl Into<String>) {
        self.sum_note = Some(note.into());
    }

    /// Number of observations so far (sums not included).
    pub fn len(&self) -> usize {
        self.obs.len()
    }

    /// Whether there are no observations yet.
    pub fn is_empty(&self) -> bool {
        self.obs.is_empty() && self.sums.is_empty()
    }

    /// The dataset, with sums turned into observations (a sum never overrides a figure the file
    /// gives itself).
    pub fn finish(mut self) -> DatasetImport {
        let sums = std::mem::take(&mut self.sums);
        for ((indicator, area, period, dims), (v, n, file, first)) in sums {
            let o = Observation {
                indicator,
                area,
                period,
                dims,
                value: Some(v),
                status: ObsStatus::Normal,
                unit_mult: UnitMult::UNITS,
                footnote: self.sum_note.clone(),
                provenance: Provenance { file, locator: if n == 1 { first } else { format!("sum of {n} rows from {first}") } },
            };
            let key = o.key();
            if !self.seen.contains_key(&key) {
                self.seen.insert(key, self.obs.len());
                self.obs.push(o);
            }
        }
        DatasetImport { source: self.source, vintage: self.vintage, files: self.files, observations: self.obs }
    }
}

/// Checks every dataset of a report with [`Context::check`]; all problems or the report.
pub fn checked(ctx: &Context, report: ReadReport) -> Result<ReadReport, IngestError> {
    let mut problems = Vec::new();
    for ds in &report.datasets {
        problems.extend(ctx.check(ds));
    }
    if problems.is_empty() { Ok(report) } else { Err(IngestError::many(problems)) }
}
