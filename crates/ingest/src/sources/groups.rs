//! World and comparison-group totals that adapters compute while reading: only the importer
//! sees the rows of countries outside the profiles, which are not stored.

use crate::context::{Context, DatasetBuilder, Obs};
use crate::error::Problems;
use mp_domain::{AreaCode, CodeValue, DimensionId, DimensionKey, IndicatorCode, Iso3, ObsStatus, Period};
use std::collections::HashMap;

/// A dimension key from `(dimension, code)` pairs; `_T` codes leave the dimension at its total.
pub(crate) fn key(pairs: &[(&str, &str)]) -> DimensionKey {
    let mut k = DimensionKey::total();
    for (d, c) in pairs {
        if let (Ok(d), Ok(c)) = (DimensionId::parse(d), CodeValue::parse(c)) {
            k.set(d, c);
        }
    }
    k
}

/// The world and comparison groups a country counts in for a year, for the group totals the
/// adapters of UNHCR, IDMC, MMP, Frontex and Eurostat compute: only the importer sees every
/// country's rows, since countries outside the profiles are not stored. Memberships are those
/// of the year (ECOWAS loses Mauritania after 2000, Mali and Niger after 2024).
pub(crate) struct Groups {
    /// WORLD (when the registry has it) first, then the other comparison groups.
    areas: Vec<AreaCode>,
    world: bool,
    cache: HashMap<Iso3, HashMap<i32, GroupSet>>,
}

/// Indexes into [`Groups`] areas; a small copyable set.
#[derive(Clone, Copy, Default)]
pub(crate) struct GroupSet {
    idx: [u8; 8],
    len: u8,
}

impl GroupSet {
    /// The indexes.
    pub(crate) fn iter(self) -> impl Iterator<Item = usize> {
        (0..self.len as usize).map(move |i| self.idx[i] as usize)
    }
    fn push(&mut self, i: usize) {
        if (self.len as usize) < self.idx.len() {
            self.idx[self.len as usize] = i as u8;
            self.len += 1;
        }
    }
}

impl Groups {
    /// The groups of the registry that are in the profile scope.
    pub(crate) fn new(ctx: &Context) -> Groups {
        let mut areas = Vec::new();
        let world = ctx.area("WORLD").filter(|w| matches!(w, AreaCode::Group(_)));
        let has_world = world.is_some();
        areas.extend(world);
        for a in ctx.areas.all() {
            if let AreaCode::Group(g) = &a.code
                && g.as_str() != "WORLD"
                && ctx.in_scope(&a.code)
                && areas.len() < 8
            {
                areas.push(a.code.clone());
            }
        }
        Groups { areas, world: has_world, cache: HashMap::new() }
    }

    /// WORLD and the groups `country` belongs to in `year`; only WORLD for a code that is not
    /// a known country (unknown origin, stateless…), which the world total still counts.
    pub(crate) fn of(&mut self, ctx: &Context, country: Option<&AreaCode>, year: i32) -> GroupSet {
        let mut set = GroupSet::default();
        if self.world {
            set.push(0);
        }
        let Some(AreaCode::Country(iso)) = country else { return set };
        if let Some(s) = self.cache.get(iso).and_then(|m| m.get(&year)) {
            return *s;
        }
        for (i, g) in self.areas.iter().enumerate().skip(usize::from(self.world)) {
            if let AreaCode::Group(gc) = g
                && ctx.areas.is_member(gc, iso, Some(year))
            {
                set.push(i);
            }
        }
        self.cache.entry(iso.clone()).or_default().insert(year, set);
        set
    }

    /// The area of an index.
    pub(crate) fn area(&self, i: usize) -> &AreaCode {
        &self.areas[i]
    }

    /// Whether an index is WORLD.
    pub(crate) fn is_world(&self, i: usize) -> bool {
        self.world && i == 0
    }
}

/// Running world and group sums of one indicator, by group (an index of [`Groups`]), period
/// and dimensions: a hash map, since the sums take a figure from nearly every row.
#[derive(Default)]
pub(crate) struct GroupSums(HashMap<(usize, Period, DimensionKey), (f64, u64, u64)>);

impl GroupSums {
    /// Adds a figure of row `line` to the sums of every group of `set`.
    pub(crate) fn add(&mut self, set: GroupSet, period: Period, dims: &DimensionKey, v: f64, line: u64) {
        for g in set.iter() {
            let e = self.0.entry((g, period, dims.clone())).or_insert((0.0, 0, line));
            e.0 += v;
            e.1 += 1;
        }
    }

    /// Hands the sums to a dataset, in a stable order, each with the footnote `note(is WORLD)`.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn finish(
        self,
        groups: &Groups,
        ind: &IndicatorCode,
        ds: &mut DatasetBuilder,
        file: usize,
        note: impl Fn(bool) -> &'static str,
        problems: &mut Problems,
    ) {
        let mut all: Vec<_> = self.0.into_iter().collect();
        all.sort_by(|(a, _), (b, _)| (a.0, a.1, &a.2).cmp(&(b.0, b.1, &b.2)));
        for ((g, period, dims), (v, rows, first)) in all {
            let locator = if rows == 1 { format!("row {first}") } else { format!("sum of {rows} rows from row {first}") };
            let footnote = Some(note(groups.is_world(g)).to_string());
            let obs = Obs {
                indicator: ind.clone(),
                area: groups.area(g).clone(),
                period,
                dims,
                value: Some(v),
                status: ObsStatus::Normal,
                footnote,
            };
            ds.add(obs, file, locator, problems);
        }
    }
}
