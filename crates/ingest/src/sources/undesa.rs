//! UN DESA International Migrant Stock by origin, destination and sex (2024 and 2020 revisions),
//! read from the tidy CSV conversions of the `iom/gdidata` R package.
//!
//! Each revision is its own dataset (`undesa-ims@2024`, `undesa-ims@2020`), so a figure can be
//! traced to the revision that published it. The files only hold bilateral rows by sex; every
//! total (over origins, over destinations, both sexes, world and groups) and the female shares
//! are sums computed here, and their footnotes say so.

use super::{PublicSource, UpstreamFile};
use crate::context::{Context, DatasetBuilder, Obs, ReadReport, Skips, checked};
use crate::error::{IngestError, Problem, Problems};
use crate::files::InputFile;
use crate::table::Table;
use mp_domain::{AreaCode, AreaKind, IndicatorCode, ObsStatus, Period, SourceInfo};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::path::Path;

/// The revisions read, with the vintage each becomes.
const REVISIONS: [(&str, &str); 2] = [("iom-gdidata/undesa_stocks_2024.csv", "2024"), ("iom-gdidata/undesa_stocks_2020.csv", "2020")];

/// The source family.
pub const SOURCE: PublicSource = PublicSource {
    family: "undesa-ims",
    title: "UN DESA International Migrant Stock 2024 and 2020: origin × destination × sex",
    files: &[
        UpstreamFile {
            path: "iom-gdidata/undesa_stocks_2024.csv",
            url: "https://raw.githubusercontent.com/iom/gdidata/c9e4cc69cebd91d6cfca5f4107e2406e4de2c6ff/data/undesa_stocks.rda",
            converted: true,
        },
        UpstreamFile {
            path: "iom-gdidata/undesa_stocks_2020.csv",
            url: "https://raw.githubusercontent.com/iom/gdidata/c9e4cc69cebd91d6cfca5f4107e2406e4de2c6ff/data/undesa_stocks_2020.rda",
            converted: true,
        },
    ],
    read,
};

/// The source code every revision is stored under.
pub const SOURCE_CODE: &str = "undesa-ims";

fn source_info() -> SourceInfo {
    SourceInfo {
        code: SOURCE_CODE.into(),
        name: "International Migrant Stock (origin × destination × sex)".into(),
        publisher: "UN DESA Population Division".into(),
        licence: "CC BY 3.0 IGO".into(),
        url: "https://www.un.org/development/desa/pd/content/international-migrant-stock".into(),
    }
}

const NOTE_BOTH_SEXES: &str = "Both sexes: computed at import as the sum of the female and male rows.";
const NOTE_OVER_ORIGINS: &str =
    "Total over all origins, including other or unknown origins: computed at import as the sum of the UN DESA origin-by-destination rows.";
const NOTE_OVER_DESTINATIONS: &str =
    "Total over all destinations: computed at import as the sum of the UN DESA origin-by-destination rows.";
const NOTE_WORLD: &str = "World total computed at import as the sum of every row of the file (all destinations and origins).";
const NOTE_GROUP: &str = "Group total computed at import as the sum over the group's member destinations in that year.";
const NOTE_FEM_IMM: &str = "Computed at import from the same UN DESA rows: female migrants as a percentage of all international migrants.";
const NOTE_FEM_EMI: &str = "Computed at import from the same UN DESA rows: women as a percentage of all emigrants.";
const NOTE_IMPUTED: &str = "Imputed by UN DESA: there were no data on international migrants for the destination (type of data I).";
const NOTE_CITIZENS: &str =
    "The destination's estimate is derived from data on foreign citizens, not on the foreign-born (UN DESA type of data C).";
const NOTE_MIXED: &str =
    "The destination's estimate is derived from data on both the foreign-born and foreign citizens (UN DESA type of data B and C).";

/// The T03 indicators the type-of-data flags fill.
const DEF_CONFORM: &str = "DQA.DEF_CONFORM";
const STOCK_TOPICS: &str = "DQA.STOCK_TOPICS";
const NOTE_FLAGS: &str = "From UN DESA's type-of-data flags of the country's own immigrant stock estimate in this revision's newest year.";

const SKIP_NEITHER: &str = "neither the destination nor the origin is a profile country: used only in the world and group totals";
const SKIP_OOO: &str = "origin OOO (other or unknown origin): counted in the destination's totals, no COUNTERPART_AREA breakdown";
const SKIP_XCX_ORIGIN: &str =
    "origin XCX (Channel Islands, no ISO 3166 code): counted in the destination's totals, no COUNTERPART_AREA breakdown";
const SKIP_XCX_DEST: &str = "destination XCX (Channel Islands, no ISO 3166 code): counted in the origin's emigrant total and the world total, no COUNTERPART_AREA breakdown";

/// The type-of-data flags of a destination and year, one bit per column in the order
/// `type_b` (foreign-born), `type_c` (foreign citizens), `type_r` (refugees added), `type_i` (imputed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Flags(u8);

impl Flags {
    const BORN: u8 = 1;
    const CITIZENS: u8 = 2;
    const IMPUTED: u8 = 8;

    /// The caveat the flags call for; `type_b` (foreign-born, the definition) and `type_r`
    /// (refugees added, the usual case for the profile countries) need none.
    fn note(self) -> Option<&'static str> {
        if self.0 & Flags::IMPUTED != 0 {
            Some(NOTE_IMPUTED)
        } else if self.0 & Flags::CITIZENS != 0 && self.0 & Flags::BORN != 0 {
            Some(NOTE_MIXED)
        } else if self.0 & Flags::CITIZENS != 0 {
            Some(NOTE_CITIZENS)
        } else {
            None
        }
    }
    /// The definitional conformity score (3 foreign-born, the UN definition of an international
    /// migrant; 2 foreign-born and foreign citizens; 1 foreign citizens only; 0 imputed: no data)
    /// and the number of the two core topics (country of birth, citizenship) the data rest on.
    fn conformity(self) -> (f64, f64) {
        let born = self.0 & Flags::BORN != 0;
        let citizens = self.0 & Flags::CITIZENS != 0;
        if self.0 & Flags::IMPUTED != 0 {
            return (0.0, 0.0);
        }
        let score = match (born, citizens) {
            (true, false) => 3.0,
            (true, true) => 2.0,
            (false, true) => 1.0,
            (false, false) => 0.0,
        };
        (score, f64::from(u8::from(born) + u8::from(citizens)))
    }

    /// The flags in words, for the footnote of the T03 figures.
    fn evidence(self) -> String {
        let mut parts = Vec::new();
        if self.0 & Flags::BORN != 0 {
            parts.push("B (data on the foreign-born: country of birth)");
        }
        if self.0 & Flags::CITIZENS != 0 {
            parts.push("C (data on foreign citizens: citizenship)");
        }
        if self.0 & Flags::IMPUTED != 0 {
            parts.push("I (no data on international migrants: imputed)");
        }
        if parts.is_empty() {
            parts.push("none");
        }
        format!("Type of data: {}.", parts.join(", "))
    }

    fn status(self) -> ObsStatus {
        if self.0 & Flags::IMPUTED != 0 { ObsStatus::Estimated } else { ObsStatus::Normal }
    }
}

/// What a country code in the file stands for.
#[derive(Debug, Clone)]
enum Place {
    /// A known country; `bool` = in the profile scope.
    Known(AreaCode, bool),
    /// Other or unknown origin: only in totals.
    OtherOrigin,
    /// Channel Islands: no ISO 3166 code, only in totals.
    ChannelIslands,
    /// Not a known code: every row using it is a problem.
    Unknown,
}

const EXPECT_ISO: &str = "expected an ISO 3166 alpha-3 country code (three upper-case letters such as SEN)";
const EXPECT_KNOWN: &str =
    "unknown country code: expected an ISO 3166 alpha-3 code of the area registry, OOO (other or unknown origin) or XCX (Channel Islands)";
const EXPECT_DEST: &str = "OOO (other or unknown) is an origin code: expected the ISO 3166 alpha-3 code of the destination";

/// The codes of the file, interned: ~150 000 rows use only ~235 codes, so each is looked up in
/// the area registry once and rows carry a small index.
struct Codes<'c> {
    ctx: &'c Context<'c>,
    /// Index by the three letters (26³ slots), `u16::MAX` when not seen yet.
    slots: Vec<u16>,
    places: Vec<Place>,
}

impl<'c> Codes<'c> {
    fn new(ctx: &'c Context<'c>) -> Self {
        Codes { ctx, slots: vec![u16::MAX; 26 * 26 * 26], places: Vec::new() }
    }

    fn slot(s: &str) -> Option<usize> {
        let b = s.as_bytes();
        (b.len() == 3 && b.iter().all(u8::is_ascii_uppercase))
            .then(|| (usize::from(b[0] - b'A') * 26 + usize::from(b[1] - b'A')) * 26 + usize::from(b[2] - b'A'))
    }

    /// The index of a code, or what was expected instead.
    fn get(&mut self, s: &str) -> Result<u16, &'static str> {
        let Some(k) = Codes::slot(s) else { return Err(EXPECT_ISO) };
        let mut i = self.slots[k];
        if i == u16::MAX {
            let place = match s {
                "OOO" => Place::OtherOrigin,
                "XCX" => Place::ChannelIslands,
                _ => match self.ctx.area(s) {
                    Some(a @ AreaCode::Country(_)) => {
                        let scope = self.ctx.in_scope(&a);
                        Place::Known(a, scope)
                    }
                    _ => Place::Unknown,
                },
            };
            i = self.places.len() as u16;
            self.places.push(place);
            self.slots[k] = i;
        }
        match self.places[i as usize] {
            Place::Unknown => Err(EXPECT_KNOWN),
            _ => Ok(i),
        }
    }

    /// The index of a code already seen.
    fn seen(&self, s: &str) -> Option<u16> {
        Codes::slot(s).map(|k| self.slots[k]).filter(|&i| i != u16::MAX)
    }

    fn area(&self, i: u16) -> Option<&AreaCode> {
        match &self.places[i as usize] {
            Place::Known(a, _) => Some(a),
            _ => None,
        }
    }
}

/// A hasher for the packed integer keys below (a bijective mix of the key): SipHash costs more
/// than the rest of a row in debug builds, and the keys, built from interned indexes, are few.
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        // splitmix64's finaliser: the table uses the low bits, which a multiplication alone
        // leaves depending only on the low bits of the key.
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = self.0.rotate_left(5) ^ n;
    }
}

type KeyMap<V> = HashMap<u64, V, BuildHasherDefault<KeyHasher>>;

/// Packs (area index, counterpart index or [`NONE`], year index, sex index) into a key.
fn key(area: u16, counterpart: u16, year: u16, sex: u8) -> u64 {
    (u64::from(area) << 40) | (u64::from(counterpart) << 24) | (u64::from(year) << 8) | u64::from(sex)
}

fn unkey(k: u64) -> (u16, u16, u16, u8) {
    ((k >> 40) as u16, (k >> 24) as u16, (k >> 8) as u16, k as u8)
}

/// No counterpart: a total over origins or destinations.
const NONE: u16 = u16::MAX;

/// One checked data row.
struct Rec {
    line: u64,
    geo: u16,
    from: u16,
    year: u16,
    /// 1 = female, 2 = male (indexes of [`SEXES`]).
    sex: u8,
    n: f64,
}

/// A running sum with the rows it came from.
#[derive(Clone, Copy)]
struct Acc {
    sum: f64,
    rows: u64,
    first: u64,
}

impl Default for Acc {
    fn default() -> Self {
        Acc { sum: 0.0, rows: 0, first: u64::MAX }
    }
}

impl Acc {
    fn add(&mut self, v: f64, line: u64) {
        self.sum += v;
        self.rows += 1;
        self.first = self.first.min(line);
    }
    fn merge(&mut self, o: &Acc) {
        self.sum += o.sum;
        self.rows += o.rows;
        self.first = self.first.min(o.first);
    }
    fn locator(&self) -> String {
        if self.rows == 1 { format!("row {}", self.first) } else { format!("sum of {} rows from row {}", self.rows, self.first) }
    }
}

fn bump(map: &mut KeyMap<Acc>, k: u64, v: f64, line: u64) {
    map.entry(k).or_default().add(v, line);
}

/// The entries of a map in key order, so observations come out in a stable order.
fn sorted(map: &KeyMap<Acc>) -> Vec<(u64, Acc)> {
    let mut v: Vec<(u64, Acc)> = map.iter().map(|(k, a)| (*k, *a)).collect();
    v.sort_unstable_by_key(|(k, _)| *k);
    v
}

fn join(a: &str, b: Option<&str>) -> String {
    match b {
        Some(b) => format!("{a} {b}"),
        None => a.to_string(),
    }
}

/// Sex codes by index: 0 = both sexes (no SEX in the key), 1 = F, 2 = M.
const SEXES: [&str; 3] = ["_T", "F", "M"];

fn read(dir: &Path, ctx: &Context) -> Result<ReadReport, IngestError> {
    let mut report = ReadReport::default();
    let mut error: Option<IngestError> = None;
    for (path, vintage) in REVISIONS {
        let result = InputFile::read(&dir.join(path), path).and_then(|f| read_revision(&f, vintage, ctx));
        match (result, &mut error) {
            (Ok(r), None) => report.merge(r),
            (Ok(_), Some(_)) => {}
            (Err(e), Some(all)) => all.merge(e),
            (Err(e), None) => error = Some(e),
        }
    }
    match error {
        Some(e) => Err(e),
        None => Ok(report),
    }
}

/// A whole number of migrants written as plain digits, without the general decimal parser
/// (the common case, and the one that matters for speed).
fn plain_count(s: &str) -> Option<f64> {
    if s.is_empty() || s.len() > 15 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(s.bytes().fold(0u64, |n, b| n * 10 + u64::from(b - b'0')) as f64)
}

/// Reads one revision's CSV (`geo,t,from,sex,n,type_b,type_c,type_r,type_i`) into the dataset
/// `undesa-ims@<vintage>`, or every problem found in it.
pub fn read_revision(file: &InputFile, vintage: &str, ctx: &Context) -> Result<ReadReport, IngestError> {
    let table = Table::parse(file, b',')?;
    let c = table.columns(&["geo", "t", "from", "sex", "n", "type_b", "type_c", "type_r", "type_i"])?;
    let mut problems = Problems::default();
    let imm = ctx.indicator("IMM.STOCK", &mut problems);
    let emi = ctx.indicator("EMI.STOCK", &mut problems);
    let imm_fem = ctx.indicator("IMM.STOCK_FEM", &mut problems);
    let emi_fem = ctx.indicator("GEN.FEM_EMI", &mut problems);
    let (Some(imm), Some(emi), Some(imm_fem), Some(emi_fem)) = (imm, emi, imm_fem, emi_fem) else {
        return Err(problems.into_error());
    };

    let mut codes = Codes::new(ctx);
    let mut years: Vec<i32> = Vec::new();
    let mut recs: Vec<Rec> = Vec::with_capacity(table.len());
    let mut seen: KeyMap<u64> = KeyMap::with_capacity_and_hasher(table.len(), Default::default());
    let mut flags: KeyMap<(Flags, u64)> = KeyMap::default();
    for row in table.rows() {
        if problems.len() > crate::error::MAX_PROBLEMS {
            break;
        }
        let geo = match codes.get(row.get(c[0])) {
            Ok(i) if matches!(codes.places[i as usize], Place::OtherOrigin) => {
                problems.push(row.problem(c[0], EXPECT_DEST));
                None
            }
            Ok(i) => Some(i),
            Err(e) => {
                problems.push(row.problem(c[0], e));
                None
            }
        };
        let year = match row.get(c[1]).parse::<i32>() {
            Ok(y) if row.get(c[1]).len() == 4 && (1800..=2200).contains(&y) => Some(y),
            _ => match row.period(c[1], &mut problems) {
                Some(Period::Year(y)) => Some(y),
                Some(_) => {
                    problems.push(row.problem(c[1], "expected a year such as 2020"));
                    None
                }
                None => None,
            },
        };
        let from = codes.get(row.get(c[2])).map_err(|e| problems.push(row.problem(c[2], e))).ok();
        let sex = match row.get(c[3]) {
            "female" => Some(1u8),
            "male" => Some(2u8),
            _ => {
                problems.push(row.problem(c[3], "expected female or male"));
                None
            }
        };
        let n = match plain_count(row.get(c[4])) {
            Some(v) => Some(v),
            None => match row.value(c[4], 0, &mut problems) {
                Some(Some(v)) if v >= 0.0 && v.fract() == 0.0 => Some(v),
                Some(Some(_)) => {
                    problems.push(row.problem(c[4], "expected a whole, non-negative number of migrants"));
                    None
                }
                Some(None) => {
                    problems.push(row.problem(c[4], "expected a number of migrants, found an empty cell"));
                    None
                }
                None => None,
            },
        };
        let mut bits = 0u8;
        let mut flags_ok = true;
        for k in 0..4 {
            match row.get(c[5 + k]) {
                "1" => bits |= 1 << k,
                "0" => {}
                _ => {
                    problems.push(row.problem(c[5 + k], "expected 0 or 1"));
                    flags_ok = false;
                }
            }
        }
        let (Some(geo), Some(year), Some(from), Some(sex), Some(n), true) = (geo, year, from, sex, n, flags_ok) else {
            continue;
        };
        if geo == from {
            problems.push(row.problem(c[2], "the origin is the destination: expected migrants from another country"));
            continue;
        }
        let yi = match years.iter().position(|&y| y == year) {
            Some(i) => i as u16,
            None => {
                years.push(year);
                (years.len() - 1) as u16
            }
        };
        if let Some(first) = seen.insert(key(geo, from, yi, sex), row.line) {
            problems.push(Problem::cell(
                &table.file,
                row.line,
                "n",
                row.get(c[4]),
                format!("the same figure (destination, year, origin, sex) is given twice: first at row {first}; expected one row per key"),
            ));
            continue;
        }
        let f = Flags(bits);
        match flags.get(&key(geo, 0, yi, 0)) {
            Some((g, first)) if *g != f => {
                problems.push(row.problem(c[5], format!("the type-of-data flags differ from those at row {first} for the same destination and year: expected one set of flags per destination and year")));
                continue;
            }
            Some(_) => {}
            None => {
                flags.insert(key(geo, 0, yi, 0), (f, row.line));
            }
        }
        recs.push(Rec { line: row.line, geo, from, year: yi, sex, n });
    }
    if !problems.is_empty() {
        return Err(problems.into_error());
    }
    drop(seen);

    let mut ds = DatasetBuilder::new(source_info(), vintage);
    let fi = ds.file(file);
    let mut skips = Skips::default();
    let flag_of = |geo: u16, yi: u16| flags.get(&key(geo, 0, yi, 0)).map(|(f, _)| *f).unwrap_or_default();
    let places = &codes.places;

    let mut imm_sums: KeyMap<Acc> = KeyMap::default();
    let mut emi_sums: KeyMap<Acc> = KeyMap::default();
    let mut dest_all: KeyMap<Acc> = KeyMap::default();
    let mut world = vec![[Acc::default(); 3]; years.len()];

    for r in &recs {
        let sex = r.sex;
        let year = Period::Year(years[r.year as usize]);
        let fl = flag_of(r.geo, r.year);
        bump(&mut dest_all, key(r.geo, NONE, r.year, sex), r.n, r.line);
        let w = &mut world[r.year as usize];
        w[0].add(r.n, r.line);
        w[sex as usize].add(r.n, r.line);

        let dest = &places[r.geo as usize];
        let origin = &places[r.from as usize];
        let dest_in = matches!(dest, Place::Known(_, true));
        let origin_in = matches!(origin, Place::Known(_, true));
        if dest_in {
            bump(&mut imm_sums, key(r.geo, NONE, r.year, sex), r.n, r.line);
            bump(&mut imm_sums, key(r.geo, NONE, r.year, 0), r.n, r.line);
            if let (Place::Known(d, _), Place::Known(o, _)) = (dest, origin) {
                let mut obs =
                    Obs::new(&imm, d, year, r.n).dim("SEX", SEXES[sex as usize]).dim("COUNTERPART_AREA", o.as_str()).status(fl.status());
                if let Some(n) = fl.note() {
                    obs = obs.note(n);
                }
                ds.add(obs, fi, format!("row {}", r.line), &mut problems);
                bump(&mut imm_sums, key(r.geo, r.from, r.year, 0), r.n, r.line);
            }
        }
        if origin_in {
            bump(&mut emi_sums, key(r.from, NONE, r.year, sex), r.n, r.line);
            bump(&mut emi_sums, key(r.from, NONE, r.year, 0), r.n, r.line);
            if let (Place::Known(d, _), Place::Known(o, _)) = (dest, origin) {
                let mut obs =
                    Obs::new(&emi, o, year, r.n).dim("SEX", SEXES[sex as usize]).dim("COUNTERPART_AREA", d.as_str()).status(fl.status());
                if let Some(n) = fl.note() {
                    obs = obs.note(n);
                }
                ds.add(obs, fi, format!("row {}", r.line), &mut problems);
                bump(&mut emi_sums, key(r.from, r.geo, r.year, 0), r.n, r.line);
            }
        }
        let skip = match (dest, origin) {
            _ if !dest_in && !origin_in => Some(SKIP_NEITHER),
            (_, Place::OtherOrigin) => Some(SKIP_OOO),
            (_, Place::ChannelIslands) => Some(SKIP_XCX_ORIGIN),
            (Place::ChannelIslands, _) => Some(SKIP_XCX_DEST),
            _ => None,
        };
        if let Some(s) = skip {
            skips.add(s);
        }
    }

    let add_sum = |ds: &mut DatasetBuilder,
                   problems: &mut Problems,
                   ind: &IndicatorCode,
                   area: &AreaCode,
                   counterpart: Option<&AreaCode>,
                   yi: u16,
                   sex: u8,
                   acc: &Acc,
                   note: String,
                   status: ObsStatus| {
        let mut obs =
            Obs::new(ind, area, Period::Year(years[yi as usize]), acc.sum).dim("SEX", SEXES[sex as usize]).status(status).note(note);
        if let Some(cp) = counterpart {
            obs = obs.dim("COUNTERPART_AREA", cp.as_str());
        }
        ds.add(obs, fi, acc.locator(), problems);
    };
    // (indicator, area, year index, female, all) for the female shares.
    let mut shares: Vec<(&IndicatorCode, AreaCode, u16, Acc, Acc)> = Vec::new();

    // Immigrants in the profile countries: both sexes by origin, totals by sex and both.
    for (k, acc) in sorted(&imm_sums) {
        let (geo, from, yi, sex) = unkey(k);
        let Some(area) = codes.area(geo) else { continue };
        let fl = flag_of(geo, yi);
        if from == NONE {
            let note = if sex == 0 { format!("{NOTE_OVER_ORIGINS} {NOTE_BOTH_SEXES}") } else { NOTE_OVER_ORIGINS.to_string() };
            add_sum(&mut ds, &mut problems, &imm, area, None, yi, sex, &acc, join(&note, fl.note()), fl.status());
            if sex == 0 {
                let female = imm_sums.get(&key(geo, NONE, yi, 1)).copied().unwrap_or_default();
                shares.push((&imm_fem, area.clone(), yi, female, acc));
            }
        } else if let Some(cp) = codes.area(from) {
            add_sum(&mut ds, &mut problems, &imm, area, Some(cp), yi, sex, &acc, join(NOTE_BOTH_SEXES, fl.note()), fl.status());
        }
    }
    // Emigrants from the profile countries.
    for (k, acc) in sorted(&emi_sums) {
        let (from, geo, yi, sex) = unkey(k);
        let Some(area) = codes.area(from) else { continue };
        if geo == NONE {
            let note = if sex == 0 { format!("{NOTE_OVER_DESTINATIONS} {NOTE_BOTH_SEXES}") } else { NOTE_OVER_DESTINATIONS.to_string() };
            add_sum(&mut ds, &mut problems, &emi, area, None, yi, sex, &acc, note, ObsStatus::Normal);
            if sex == 0 {
                let female = emi_sums.get(&key(from, NONE, yi, 1)).copied().unwrap_or_default();
                shares.push((&emi_fem, area.clone(), yi, female, acc));
            }
        } else if let Some(cp) = codes.area(geo) {
            let fl = flag_of(geo, yi);
            add_sum(&mut ds, &mut problems, &emi, area, Some(cp), yi, sex, &acc, join(NOTE_BOTH_SEXES, fl.note()), fl.status());
        }
    }

    // World (every row, Channel Islands included) and groups (their member destinations in
    // each year, so ECOWAS loses Mauritania after 2000): IMM.STOCK by sex and both sexes.
    if let Some(w) = ctx.area("WORLD") {
        for (yi, accs) in world.iter().enumerate() {
            for (sex, acc) in accs.iter().enumerate() {
                add_sum(&mut ds, &mut problems, &imm, &w, None, yi as u16, sex as u8, acc, NOTE_WORLD.to_string(), ObsStatus::Normal);
            }
            shares.push((&imm_fem, w.clone(), yi as u16, accs[1], accs[0]));
        }
    }
    for g in ctx.areas.all().iter().filter(|a| a.kind == AreaKind::Group && a.code.as_str() != "WORLD" && ctx.in_scope(&a.code)) {
        let AreaCode::Group(gc) = &g.code else { continue };
        for (yi, &year) in years.iter().enumerate() {
            let yi = yi as u16;
            let mut accs = [Acc::default(); 3];
            for m in ctx.areas.members(gc, Some(year)) {
                let Some(id) = codes.seen(m.as_str()) else { continue };
                for sex in 1..=2u8 {
                    if let Some(a) = dest_all.get(&key(id, NONE, yi, sex)) {
                        accs[sex as usize].merge(a);
                        accs[0].merge(a);
                    }
                }
            }
            if accs[0].rows == 0 {
                continue;
            }
            for (sex, acc) in accs.iter().enumerate() {
                add_sum(&mut ds, &mut problems, &imm, &g.code, None, yi, sex as u8, acc, NOTE_GROUP.to_string(), ObsStatus::Normal);
            }
            shares.push((&imm_fem, g.code.clone(), yi, accs[1], accs[0]));
        }
    }
    for (ind, area, yi, female, all) in shares {
        if all.sum <= 0.0 {
            skips.add("female share not computed: no migrants in the total");
            continue;
        }
        let note = if *ind == emi_fem { NOTE_FEM_EMI } else { NOTE_FEM_IMM };
        let obs = Obs::new(ind, &area, Period::Year(years[yi as usize]), female.sum / all.sum * 100.0).note(note);
        ds.add(obs, fi, all.locator(), &mut problems);
    }

    // What the type-of-data flags show about each profile country's own migrant data, in the
    // revision's newest year (theme T03): the framework's definitions say how they are scored.
    if let Some(newest) = years.iter().copied().max() {
        let yi = years.iter().position(|&y| y == newest).unwrap_or(0) as u16;
        let conform = ctx.framework.find(DEF_CONFORM).map(|i| i.code.clone());
        let topics = ctx.framework.find(STOCK_TOPICS).map(|i| i.code.clone());
        let mut dests: Vec<(u16, Flags, u64)> = flags
            .iter()
            .filter_map(|(k, (f, line))| {
                let (geo, _, y, _) = unkey(*k);
                (y == yi && matches!(places[geo as usize], Place::Known(_, true))).then_some((geo, *f, *line))
            })
            .collect();
        dests.sort_by_key(|d| d.2);
        for (geo, f, line) in dests {
            let Some(area) = codes.area(geo) else { continue };
            let (score, topic_count) = f.conformity();
            let why = f.evidence();
            if let Some(c) = &conform {
                let obs = Obs::new(c, area, Period::Year(newest), score).note(format!("{NOTE_FLAGS} {why}"));
                ds.add(obs, fi, format!("row {line}, columns type_b, type_c, type_i"), &mut problems);
            }
            if let Some(t) = &topics {
                let obs = Obs::new(t, area, Period::Year(newest), topic_count).note(format!("{NOTE_FLAGS} {why}"));
                ds.add(obs, fi, format!("row {line}, columns type_b, type_c, type_i"), &mut problems);
            }
        }
    }

    let report = ReadReport { datasets: vec![ds.finish()], rows_read: table.len() as u64, skipped: skips.into_vec() };
    problems.finish(())?;
    checked(ctx, report)
}
