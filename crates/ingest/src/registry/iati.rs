//! Projects from an IATI activity file (standard 2.03, `iati-activities/iati-activity`), the
//! format agencies already publish to the IATI Registry.
//!
//! Read per activity: `iati-identifier`; `title/narrative` (the first, or the English one);
//! `reporting-org`; `participating-org` by role (1 funding → donors, 4 implementing); the
//! `activity-status` code; `activity-date` (actual start and end preferred to planned);
//! `recipient-country` (ISO alpha-2); `sector` codes; `budget/value` with its currency
//! (revised budgets, type 2, replace original ones when both are given); `result/title`.
//! IATI has no field for the profile's 14 themes: a TWG tags an activity with
//! `<tag vocabulary="99" code="T05"/>` (a reporting organisation's own tag vocabulary).
//!
//! Every problem names the file, the line and the element.

use crate::context::Context;
use crate::error::{IngestError, Problem, Problems};
use crate::files::InputFile;
use mp_domain::registry::{Currency, Date, Money, Project, ProjectStatus};
use mp_domain::{AreaCode, Provenance, RegistryImport, SourceInfo, ThemeCode};
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

/// One activity being read.
#[derive(Default)]
struct Activity {
    line: u64,
    identifier: Option<String>,
    titles: Vec<(Option<String>, String)>,
    reporting: Option<String>,
    donors: Vec<String>,
    implementing: Vec<String>,
    status: Option<ProjectStatus>,
    /// IATI activity-date types 1–4 (planned start, actual start, planned end, actual end).
    dates: [Option<Date>; 4],
    countries: Vec<AreaCode>,
    sectors: Vec<String>,
    themes: Vec<ThemeCode>,
    /// (type, value, currency) of each budget.
    budgets: Vec<(u8, f64, Option<Currency>)>,
    default_currency: Option<Currency>,
    results: Vec<String>,
}

/// Where the reader is inside the activity, for the texts it collects.
#[derive(Clone, PartialEq)]
enum Slot {
    None,
    Identifier,
    Title(Option<String>),
    Reporting,
    Participating(u8),
    ResultTitle,
    BudgetValue(u8, Option<Currency>),
}

fn line_at(text: &str, pos: u64) -> u64 {
    let end = (pos as usize).min(text.len());
    text.as_bytes()[..end].iter().filter(|&&b| b == b'\n').count() as u64 + 1
}

fn problem(file: &str, line: u64, element: &str, what: impl std::fmt::Display) -> Problem {
    Problem::file(file, format!("line {line}, element <{element}>: {what}"))
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.try_get_attribute(name)
        .ok()
        .flatten()
        .and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(|v| v.trim().to_string()))
}

/// The lower-case, dash-separated source code of a reporting organisation's identifier.
pub(crate) fn source_code(org_ref: &str) -> String {
    let s: String = org_ref.to_ascii_lowercase().chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
    format!("iati-{}", s.split('-').filter(|p| !p.is_empty()).collect::<Vec<_>>().join("-"))
}

/// Reads an IATI activity file into registry projects. `vintage` overrides the file's
/// `generated-datetime` date.
pub fn read(input: &InputFile, ctx: &Context, vintage: Option<&str>) -> Result<RegistryImport, IngestError> {
    let text = input.text()?;
    let file = input.display.as_str();
    let mut problems = Problems::default();
    let mut reader = Reader::from_str(text);
    reader.config_mut().trim_text(true);
    let mut stack: Vec<String> = Vec::new();
    let mut generated: Option<String> = None;
    let mut version: Option<String> = None;
    let mut org_ref: Option<String> = None;
    let mut org_name: Option<String> = None;
    let mut current: Option<Activity> = None;
    let mut slot = Slot::None;
    let mut budget_type: u8 = 1;
    let mut buf = String::new();
    let mut projects = Vec::new();
    loop {
        let pos = reader.buffer_position();
        let ev = match reader.read_event() {
            Ok(ev) => ev,
            Err(e) => {
                let line = line_at(text, reader.error_position());
                let el = stack.last().map(String::as_str).unwrap_or("iati-activities");
                problems.push(problem(file, line, el, format!("malformed XML ({e}): expected a well-formed IATI 2.03 activity file")));
                return Err(problems.into_error());
            }
        };
        // Text between elements is trimmed, so the event starts at the next `<` after `pos`.
        let start = text.get(pos as usize..).and_then(|t| t.find('<')).map_or(pos, |i| pos + i as u64);
        let line = line_at(text, start);
        let empty = matches!(ev, Event::Empty(_));
        match ev {
            Event::Start(e) | Event::Empty(e) => {
                let name = e.name().as_ref().to_string();
                let parent = stack.last().map(String::as_str).unwrap_or("");
                match (parent, name.as_str()) {
                    ("", "iati-activities") => {
                        generated = attr(&e, "generated-datetime");
                        version = attr(&e, "version");
                    }
                    ("", other) => {
                        problems.push(problem(file, line, other, "expected the root element <iati-activities>"));
                        return Err(problems.into_error());
                    }
                    ("iati-activities", "iati-activity") => {
                        let mut a = Activity { line, ..Activity::default() };
                        if let Some(c) = attr(&e, "default-currency") {
                            match Currency::parse(&c) {
                                Ok(c) => a.default_currency = Some(c),
                                Err(err) => problems.push(problem(file, line, "iati-activity default-currency", err)),
                            }
                        }
                        current = Some(a);
                    }
                    (_, _) if current.is_none() => {}
                    ("iati-activity", "iati-identifier") => slot = Slot::Identifier,
                    ("iati-activity", "reporting-org") => {
                        if org_ref.is_none() {
                            org_ref = attr(&e, "ref");
                        }
                        slot = Slot::Reporting;
                    }
                    ("iati-activity", "participating-org") => {
                        let role = attr(&e, "role").unwrap_or_default();
                        match role.parse::<u8>() {
                            Ok(r @ 1..=4) => slot = Slot::Participating(r),
                            _ => problems.push(problem(
                                file,
                                line,
                                "participating-org role",
                                format!("`{role}`: expected an IATI OrganisationRole code from 1 to 4"),
                            )),
                        }
                        // An organisation given only by its identifier.
                        if let (Some(r), true) = (attr(&e, "ref"), empty) {
                            push_org(current.as_mut(), &slot, r);
                            slot = Slot::None;
                        }
                    }
                    ("iati-activity", "activity-status") => {
                        let code = attr(&e, "code").unwrap_or_default();
                        match ProjectStatus::from_iati(&code) {
                            Some(s) => set(&mut current, |a| a.status = Some(s)),
                            None => problems.push(problem(
                                file,
                                line,
                                "activity-status code",
                                format!("`{code}`: expected an IATI ActivityStatus code from 1 to 6"),
                            )),
                        }
                    }
                    ("iati-activity", "activity-date") => {
                        let ty = attr(&e, "type").unwrap_or_default();
                        let date = attr(&e, "iso-date").unwrap_or_default();
                        match (ty.parse::<usize>(), Date::parse(&date)) {
                            (Ok(t @ 1..=4), Ok(d)) => set(&mut current, |a| a.dates[t - 1] = Some(d)),
                            (Ok(1..=4), Err(err)) => problems.push(problem(file, line, "activity-date iso-date", err)),
                            _ => problems.push(problem(
                                file,
                                line,
                                "activity-date type",
                                format!("`{ty}`: expected an IATI ActivityDateType code from 1 to 4"),
                            )),
                        }
                    }
                    ("iati-activity", "recipient-country") => {
                        let code = attr(&e, "code").unwrap_or_default();
                        let area = ctx.areas.all().iter().find(|a| a.iso2.as_deref() == Some(code.as_str())).map(|a| a.code.clone());
                        match area {
                            Some(a) => set(&mut current, |x| x.countries.push(a)),
                            None => problems.push(problem(
                                file,
                                line,
                                "recipient-country code",
                                format!("`{code}`: expected an ISO 3166 alpha-2 country code such as SN"),
                            )),
                        }
                    }
                    ("iati-activity", "sector") => {
                        let vocab = attr(&e, "vocabulary").unwrap_or_else(|| "1".into());
                        if let Some(code) = attr(&e, "code") {
                            set(&mut current, |a| a.sectors.push(if vocab == "1" { code } else { format!("{vocab}:{code}") }));
                        }
                    }
                    ("iati-activity", "tag") if attr(&e, "vocabulary").as_deref() == Some("99") => {
                        let code = attr(&e, "code").unwrap_or_default();
                        match ThemeCode::parse(&code) {
                            Ok(t) if ctx.framework.theme(&t).is_some() => set(&mut current, |a| a.themes.push(t)),
                            _ => problems.push(problem(
                                file,
                                line,
                                "tag code",
                                format!("`{code}`: expected a profile theme code T01 to T14 (tag vocabulary 99)"),
                            )),
                        }
                    }
                    ("budget", "value") => {
                        let ty = budget_type;
                        let cur = match attr(&e, "currency").map(|c| Currency::parse(&c)) {
                            Some(Ok(c)) => Some(c),
                            Some(Err(err)) => {
                                problems.push(problem(file, line, "budget/value currency", err));
                                None
                            }
                            None => None,
                        };
                        slot = Slot::BudgetValue(ty, cur);
                    }
                    ("iati-activity", "budget") => {
                        let ty = attr(&e, "type").unwrap_or_else(|| "1".into());
                        match ty.as_str() {
                            "1" => budget_type = 1,
                            "2" => budget_type = 2,
                            _ => problems.push(problem(
                                file,
                                line,
                                "budget type",
                                format!("`{ty}`: expected an IATI BudgetType code, 1 or 2"),
                            )),
                        }
                    }
                    ("title", "narrative") if stack.get(stack.len().wrapping_sub(2)).map(String::as_str) == Some("iati-activity") => {
                        slot = Slot::Title(attr(&e, "xml:lang"));
                    }
                    ("title", "narrative") if stack.iter().any(|s| s == "result") => slot = Slot::ResultTitle,
                    ("reporting-org", "narrative") => slot = Slot::Reporting,
                    ("participating-org", "narrative") => {}
                    _ => {}
                }
                if !empty {
                    stack.push(name);
                }
                buf.clear();
            }
            Event::Text(t) => buf.push_str(&t.xml10_content()),
            Event::CData(t) => buf.push_str(&t.into_inner()),
            Event::GeneralRef(r) => {
                let name = r.xml10_content();
                match r.resolve_char_ref() {
                    Ok(Some(c)) => buf.push(c),
                    _ => match name.as_ref() {
                        "amp" => buf.push('&'),
                        "lt" => buf.push('<'),
                        "gt" => buf.push('>'),
                        "quot" => buf.push('"'),
                        "apos" => buf.push('\''),
                        other => problems.push(problem(
                            file,
                            line,
                            stack.last().map(String::as_str).unwrap_or(""),
                            format!("unknown entity &{other};"),
                        )),
                    },
                }
            }
            Event::End(e) => {
                let name = e.name().as_ref().to_string();
                let text_now = buf.trim().to_string();
                if let Some(a) = current.as_mut() {
                    match (&slot, name.as_str()) {
                        (Slot::Identifier, "iati-identifier") => a.identifier = Some(text_now.clone()),
                        (Slot::Title(lang), "narrative") => a.titles.push((lang.clone(), text_now.clone())),
                        (Slot::Reporting, "narrative") if a.reporting.is_none() => a.reporting = Some(text_now.clone()),
                        (Slot::Participating(_), "narrative") => push_org(Some(a), &slot, text_now.clone()),
                        (Slot::ResultTitle, "narrative") => a.results.push(text_now.clone()),
                        (Slot::BudgetValue(ty, cur), "value") => match text_now.parse::<f64>() {
                            Ok(v) if v.is_finite() => a.budgets.push((*ty, v, cur.clone())),
                            _ => problems.push(problem(
                                file,
                                line,
                                "budget/value",
                                format!("`{text_now}`: expected an amount such as 1250000.00"),
                            )),
                        },
                        _ => {}
                    }
                }
                match name.as_str() {
                    "narrative" | "value" | "iati-identifier" => {
                        slot = match slot {
                            Slot::Participating(r) => Slot::Participating(r),
                            Slot::Reporting => Slot::Reporting,
                            _ => Slot::None,
                        }
                    }
                    "participating-org" | "reporting-org" => slot = Slot::None,
                    _ => {}
                }
                if name == "reporting-org" && org_name.is_none() {
                    org_name = current.as_ref().and_then(|a| a.reporting.clone());
                }
                if name == "iati-activity"
                    && let Some(p) = current.take().and_then(|a| finish(a, file, &mut problems))
                {
                    projects.push(p);
                }
                stack.pop();
                buf.clear();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if version.as_deref().is_some_and(|v| !v.starts_with("2.")) {
        problems.push(problem(
            file,
            1,
            "iati-activities version",
            format!("`{}`: expected an IATI 2.0x file (2.03)", version.unwrap_or_default()),
        ));
    }
    if projects.is_empty() && problems.is_empty() {
        problems.push(problem(file, 1, "iati-activities", "expected at least one <iati-activity>"));
    }
    let org = org_ref.clone().unwrap_or_default();
    let vintage = match vintage.map(str::to_string).or_else(|| generated.as_deref().and_then(|g| g.get(..10)).map(str::to_string)) {
        Some(v) if !v.trim().is_empty() => v,
        _ => {
            problems.push(problem(
                file,
                1,
                "iati-activities generated-datetime",
                "expected the date the file was generated, or give --vintage",
            ));
            String::new()
        }
    };
    if org.is_empty() {
        problems.push(problem(file, 1, "reporting-org ref", "expected the reporting organisation's identifier"));
    }
    let source = SourceInfo {
        code: source_code(&org),
        name: format!("IATI activity file of {}", org_name.unwrap_or_else(|| org.clone())),
        publisher: org.clone(),
        licence: "as published by the reporting organisation to the IATI Registry".into(),
        url: "https://iatistandard.org/en/iati-standard/203/".into(),
    };
    problems.finish(RegistryImport {
        source,
        vintage,
        files: vec![input.info()],
        instruments: Vec::new(),
        ratifications: Vec::new(),
        institutions: Vec::new(),
        projects,
    })
}

fn set(a: &mut Option<Activity>, f: impl FnOnce(&mut Activity)) {
    if let Some(a) = a.as_mut() {
        f(a);
    }
}

fn push_org(a: Option<&mut Activity>, slot: &Slot, name: String) {
    if let (Some(a), Slot::Participating(role)) = (a, slot) {
        let list = match role {
            1 => &mut a.donors,
            4 => &mut a.implementing,
            _ => return,
        };
        if !name.is_empty() && !list.contains(&name) {
            list.push(name);
        }
    }
}

fn finish(a: Activity, file: &str, problems: &mut Problems) -> Option<Project> {
    let line = a.line;
    let Some(identifier) = a.identifier.filter(|i| !i.is_empty()) else {
        problems.push(problem(file, line, "iati-activity", "expected an <iati-identifier>"));
        return None;
    };
    let title = a.titles.iter().find(|(l, _)| l.as_deref() == Some("en")).or_else(|| a.titles.first()).map(|(_, t)| t.clone());
    let Some(title) = title.filter(|t| !t.is_empty()) else {
        problems.push(problem(file, line, "iati-activity", format!("activity {identifier}: expected a <title> with a <narrative>")));
        return None;
    };
    if a.countries.is_empty() {
        problems.push(problem(file, line, "iati-activity", format!("activity {identifier}: expected at least one <recipient-country>")));
        return None;
    }
    // Revised budgets replace original ones when an activity gives both.
    let ty = if a.budgets.iter().any(|b| b.0 == 2) { 2 } else { 1 };
    let mut total: Option<(f64, Currency)> = None;
    for (_, v, c) in a.budgets.iter().filter(|b| b.0 == ty) {
        let Some(c) = c.clone().or_else(|| a.default_currency.clone()) else {
            problems.push(problem(
                file,
                line,
                "budget/value",
                format!("activity {identifier}: a budget without a currency and no default-currency"),
            ));
            return None;
        };
        total = match total {
            None => Some((*v, c)),
            Some((s, c0)) if c0 == c => Some((s + v, c0)),
            Some((_, c0)) => {
                problems.push(problem(
                    file,
                    line,
                    "budget/value",
                    format!("activity {identifier}: budgets in {} and {}: expected one currency", c0.as_str(), c.as_str()),
                ));
                return None;
            }
        };
    }
    let reporting = a.reporting.unwrap_or_default();
    Some(Project {
        identifier,
        title,
        reporting_org: reporting,
        implementing: a.implementing,
        donors: a.donors,
        countries: a.countries,
        themes: a.themes,
        sectors: a.sectors,
        start: a.dates[1].or(a.dates[0]),
        end: a.dates[3].or(a.dates[2]),
        status: a.status,
        budget: total.map(|(value, currency)| Money { value, currency }),
        results: if a.results.is_empty() { None } else { Some(a.results.join("; ")) },
        provenance: Provenance { file: 0, locator: format!("line {line}") },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_codes_are_lower_case_with_dashes() {
        assert_eq!(source_code("XM-DAC-47066"), "iati-xm-dac-47066");
        assert_eq!(source_code("GB-GOV-1 "), "iati-gb-gov-1");
    }
}
