//! Generated sentences: each fact reads a few figures and returns a message with arguments,
//! so a profile with no hand-written text is still a useful document.

use crate::data::Data;
use crate::model::{Arg, Text, Value, ValueKind};
use mp_domain::{AreaCode, DimensionKey, Period};

/// Every fact id a template may name.
pub const FACTS: &[&str] = &[
    "population",
    "imm-stock",
    "imm-female",
    "imm-origins",
    "imm-change",
    "emi-stock",
    "emi-ecowas",
    "net-migration",
    "remittances",
    "refugees-hosted",
    "refugees-origin",
    "idps",
    "hdi",
    "unemployment",
    "dead-missing",
    "frontex",
    "eu-asylum",
    "forecast-pop",
    "forecast-netmig",
];

fn code(s: &str) -> mp_domain::IndicatorCode {
    mp_domain::IndicatorCode::parse(s).unwrap_or_else(|_| unreachable!("fact indicator codes are constants"))
}

fn year(p: &Period) -> Arg {
    Arg::Year(p.end_year())
}

fn pct(v: f64) -> Value {
    Value { v, kind: ValueKind::Percent, decimals: 1, trace: Vec::new(), formula: None, status: None }
}

/// A share computed from two figures, tracing both.
fn share(a: &Value, b: &Value) -> Option<Value> {
    let v = mp_domain::compute::share(a.v, b.v)?;
    let mut out = pct(v);
    out.trace = a.trace.iter().chain(b.trace.iter()).cloned().collect();
    out.formula = Some("share".into());
    // A share of a flagged figure (or of a flagged total) is flagged too.
    out.status = crate::marks::inherited([a, b]);
    Some(out)
}

/// The source whose stocks of internally displaced persons come split by cause, sex and age:
/// a split IDMC models, so the totals mprofile sums from it are not figures IDMC publishes.
pub const IDMC_MODELLED_SOURCE: &str = "idmc";

/// Internally displaced persons: IDMC's own published figure (conflict and violence, as UNHCR
/// redistributes it) where there is one for the year, and a total summed from IDMC's modelled
/// cells said to be one.
fn idps(d: &Data, area: &AreaCode, country: Arg) -> Option<Text> {
    let tot = DimensionKey::total();
    let r = d.latest(&code("IDP.STOCK"), area, &tot)?;
    let value = d.value(r)?;
    let year = year(&r.period);
    if !crate::idps::is_summed_record(r) {
        return Some(Text::msg_with("fact-idps", vec![("country", country), ("value", Arg::Value(value)), ("year", year)]));
    }
    let headline = crate::idps::headline(d, area, &r.period).and_then(|h| d.value(h));
    Some(match headline {
        Some(h) => Text::msg_with("onefig-idps-headline", vec![("headline", Arg::Value(h)), ("value", Arg::Value(value)), ("year", year)]),
        None => Text::msg_with("onefig-idps-modelled", vec![("value", Arg::Value(value)), ("year", year)]),
    })
}

/// The projecting dataset's own figure for the latest year any source has observed the
/// population (WPP's 2024 figure when the World Bank's latest count is of 2024), or else that
/// publisher's latest estimate of the population.
fn same_source_now(d: &Data, proj: &mp_domain::Record, area: &AreaCode) -> Option<(Period, Value)> {
    let tot = DimensionKey::total();
    let observed = d.latest(&code("DEV.POP"), area, &tot)?.period;
    let own = d.series(&proj.indicator, area, &tot, &proj.dataset).into_iter().find(|r| r.period == observed);
    if let Some(r) = own {
        return Some((r.period, d.value(r)?));
    }
    let publisher = proj.dataset.source.split('-').take(2).collect::<Vec<_>>().join("-");
    let estimates = d.datasets(&code("DEV.POP"), area, &tot).into_iter().find(|ds| ds.source.starts_with(&publisher))?;
    let r = d.series(&code("DEV.POP"), area, &tot, &estimates).into_iter().last()?;
    Some((r.period, d.value(r)?))
}

/// The sentence for a fact about a country, or `None` when its figures are missing. Every
/// sentence gets the country's name, so that its message can name it with the right article
/// and preposition (the renderer's grammar) rather than say "the country".
pub fn fact(id: &str, d: &Data, area: &AreaCode) -> Option<Text> {
    let mut t = sentence(id, d, area)?;
    if let Text::Msg { args, .. } = &mut t
        && !args.iter().any(|(k, _)| k == "country")
    {
        args.push(("country".into(), Arg::Text(Text::I18n(d.area_name(area)))));
    }
    Some(t)
}

fn sentence(id: &str, d: &Data, area: &AreaCode) -> Option<Text> {
    let tot = DimensionKey::total();
    let country = Arg::Text(Text::I18n(d.area_name(area)));
    let latest = |c: &str| d.latest(&code(c), area, &tot).and_then(|r| Some((r.period, d.value(r)?)));
    let at = |c: &str, p: &Period| d.at(&code(c), area, &tot, p).and_then(|r| d.value(r));
    match id {
        "population" => {
            let (p, v) = latest("DEV.POP")?;
            Some(Text::msg_with("fact-population", vec![("country", country), ("value", Arg::Value(v)), ("year", year(&p))]))
        }
        "imm-stock" => {
            let (p, v) = latest("IMM.STOCK")?;
            match at("DEV.POP", &p).and_then(|pop| share(&v, &pop)) {
                Some(s) => Some(Text::msg_with(
                    "fact-imm-stock",
                    vec![("country", country), ("value", Arg::Value(v)), ("year", year(&p)), ("share", Arg::Value(s))],
                )),
                None => {
                    Some(Text::msg_with("fact-imm-stock-noshare", vec![("country", country), ("value", Arg::Value(v)), ("year", year(&p))]))
                }
            }
        }
        "imm-female" => {
            let r = d.latest(&code("IMM.STOCK"), area, &tot)?;
            let f = d.at(&code("IMM.STOCK"), area, &DimensionKey::parse("SEX=F").ok()?, &r.period)?;
            let s = share(&d.value(f)?, &d.value(r)?)?;
            Some(Text::msg_with("fact-imm-female", vec![("share", Arg::Value(s)), ("year", year(&r.period))]))
        }
        "imm-origins" | "emi-stock" => {
            let (ind, msg) = if id == "imm-origins" { ("IMM.STOCK", "fact-imm-origins") } else { ("EMI.STOCK", "fact-emi-stock") };
            let r = d.latest(&code(ind), area, &tot)?;
            let total = d.value(r)?;
            let parts = d.breakdown(&code(ind), area, "COUNTERPART_AREA", &r.period, &r.dataset, &tot);
            let (top_code, top_rec) = parts.iter().max_by(|a, b| a.1.value.unwrap_or(0.0).total_cmp(&b.1.value.unwrap_or(0.0)))?;
            let top_area = AreaCode::parse(top_code.as_str()).ok()?;
            let top_v = d.value(top_rec)?;
            let top_share = share(&top_v, &total)?;
            Some(Text::msg_with(
                msg,
                vec![
                    ("country", country),
                    ("value", Arg::Value(total)),
                    ("year", year(&r.period)),
                    ("top", Arg::Text(Text::I18n(d.area_name(&top_area)))),
                    ("top_value", Arg::Value(top_v)),
                    ("top_share", Arg::Value(top_share)),
                ],
            ))
        }
        "imm-change" => {
            let r = d.latest(&code("IMM.STOCK"), area, &tot)?;
            let from = Period::Year(r.period.end_year() - 10);
            let old = d.records(&code("IMM.STOCK"), area, &tot).into_iter().find(|x| x.dataset == r.dataset && x.period == from)?;
            let (a, b) = (d.value(old)?, d.value(r)?);
            let mut ch = pct(mp_domain::compute::pct_change(a.v, b.v)?);
            ch.formula = Some("relative change".into());
            ch.trace = a.trace.iter().chain(b.trace.iter()).cloned().collect();
            ch.status = crate::marks::inherited([&a, &b]);
            let sign = if ch.v >= 0.0 { "up" } else { "down" };
            ch.v = ch.v.abs();
            Some(Text::msg_with(
                "fact-imm-change",
                vec![("from", year(&from)), ("to", year(&r.period)), ("change", Arg::Value(ch)), ("direction", Arg::Select(sign.into()))],
            ))
        }
        "emi-ecowas" => {
            let ind = d.fw.find("SS.EMI_ECOWAS")?;
            let (p, v) = d.latest_computed(ind, area)?;
            Some(Text::msg_with("fact-emi-ecowas", vec![("share", Arg::Value(v)), ("year", year(&p))]))
        }
        "net-migration" => {
            let (p, v) = latest("NET.MIG")?;
            let sign = if v.v > 0.0 {
                "positive"
            } else if v.v < 0.0 {
                "negative"
            } else {
                "zero"
            };
            let mut args = vec![("country", country), ("value", Arg::Value(v)), ("year", year(&p)), ("sign", Arg::Select(sign.into()))];
            match at("NET.RATE", &p) {
                Some(rate) => {
                    args.push(("rate", Arg::Value(rate)));
                    Some(Text::msg_with("fact-net-migration", args))
                }
                None => Some(Text::msg_with("fact-net-migration-norate", args)),
            }
        }
        "remittances" => {
            let (p, v) = latest("REM.IN")?;
            match at("DEV.GDP", &p).and_then(|g| share(&v, &g)) {
                Some(s) => {
                    Some(Text::msg_with("fact-remittances", vec![("value", Arg::Value(v)), ("year", year(&p)), ("share", Arg::Value(s))]))
                }
                None => Some(Text::msg_with("fact-remittances-nogdp", vec![("value", Arg::Value(v)), ("year", year(&p))])),
            }
        }
        "idps" => idps(d, area, country),
        "refugees-hosted" | "refugees-origin" | "hdi" | "dead-missing" | "frontex" | "eu-asylum" => {
            let ind = match id {
                "refugees-hosted" => "REF.HOSTED",
                "refugees-origin" => "REF.ORIGIN",
                "hdi" => "DEV.HDI",
                "dead-missing" => "IRR.DEAD_MISSING_ORIGIN",
                "frontex" => "IRR.FRONTEX",
                _ => "IRR.EU_ASY_APP",
            };
            let (p, v) = latest(ind)?;
            Some(Text::msg_with(&format!("fact-{id}"), vec![("country", country), ("value", Arg::Value(v)), ("year", year(&p))]))
        }
        "unemployment" => {
            let (p, v) = latest("LAB.UR")?;
            let mut args = vec![("value", Arg::Value(v)), ("year", year(&p))];
            match at("LAB.YUR", &p) {
                Some(y) => {
                    args.push(("youth", Arg::Value(y)));
                    Some(Text::msg_with("fact-unemployment", args))
                }
                None => Some(Text::msg_with("fact-unemployment-noyouth", args)),
            }
        }
        "forecast-pop" => {
            let r = d.at(&code("FCT.POP"), area, &tot, &Period::Year(2050))?;
            // Like with like: the projection is set against the same publisher's figure for the
            // latest year observed, never against another source's count.
            let (p, now) = same_source_now(d, r, area)?;
            Some(Text::msg_with(
                "fact-forecast-pop",
                vec![("country", country), ("value", Arg::Value(d.value(r)?)), ("now", Arg::Value(now)), ("year", year(&p))],
            ))
        }
        "forecast-netmig" => {
            let r = d.at(&code("FCT.NETMIG_ABS"), area, &tot, &Period::Year(2030))?;
            let lo = d
                .at(&code("FCT.NETMIG_ABS"), area, &DimensionKey::parse("VARIANT=LO80").ok()?, &Period::Year(2030))
                .and_then(|r| d.value(r))?;
            let hi = d
                .at(&code("FCT.NETMIG_ABS"), area, &DimensionKey::parse("VARIANT=HI80").ok()?, &Period::Year(2030))
                .and_then(|r| d.value(r))?;
            Some(Text::msg_with(
                "fact-forecast-netmig",
                vec![("value", Arg::Value(d.value(r)?)), ("low", Arg::Value(lo)), ("high", Arg::Value(hi)), ("year", Arg::Year(2030))],
            ))
        }
        _ => None,
    }
}

#[cfg(test)]
mod mark_tests {
    use super::*;

    fn v(x: f64, status: Option<&str>) -> Value {
        Value { v: x, kind: ValueKind::Number, decimals: 0, trace: Vec::new(), formula: None, status: status.map(String::from) }
    }

    #[test]
    fn a_share_of_a_flagged_figure_or_total_carries_its_mark() {
        assert_eq!(share(&v(1.0, Some("U")), &v(4.0, None)).and_then(|s| s.status).as_deref(), Some("U"));
        assert_eq!(share(&v(1.0, None), &v(4.0, Some("P"))).and_then(|s| s.status).as_deref(), Some("P"));
        assert_eq!(share(&v(1.0, None), &v(4.0, None)).and_then(|s| s.status), None);
        // An experimental figure is not one readers are warned about.
        assert_eq!(share(&v(1.0, Some("G")), &v(4.0, None)).and_then(|s| s.status), None);
    }
}
