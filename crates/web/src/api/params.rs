//! Query-string parameters, read strictly: an unknown or repeated parameter is a 400 that names
//! it, because a typo (`indicators=`) silently ignored returns wrong data that looks right.

use super::error::{ApiError, ApiResult};
use axum::extract::{FromRequestParts, Query};
use axum::http::request::Parts;

/// The decoded `name=value` pairs of a request's query string, in order.
#[derive(Debug, Clone, Default)]
pub struct Params {
    pairs: Vec<(String, String)>,
    raw: Option<String>,
}

impl<S: Send + Sync> FromRequestParts<S> for Params {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let Query(pairs) = Query::<Vec<(String, String)>>::try_from_uri(&parts.uri).map_err(|e| {
            ApiError::bad_request(format!("the query string cannot be read ({e}): expected name=value pairs separated by &"))
        })?;
        for (k, v) in &pairs {
            if k.chars().count() > MAX_NAME {
                return Err(ApiError::bad_request(format!(
                    "unknown parameter `{}`: parameter names are short words such as indicator or area",
                    shown(k)
                )));
            }
            if let Some(item) = v.split(',').find(|i| i.chars().count() > MAX_VALUE) {
                return Err(ApiError::bad_request(format!(
                    "parameter `{k}` has a value of {} characters (`{}`): expected a code, period or search text of at most {MAX_VALUE}",
                    item.chars().count(),
                    shown(item)
                )));
            }
        }
        Ok(Params { pairs, raw: parts.uri.query().map(str::to_string) })
    }
}

/// Longest parameter name accepted; longer ones are refused before they are echoed in a message.
const MAX_NAME: usize = 40;
/// Longest value (or comma-separated item): codes, periods and search texts are all far shorter.
pub const MAX_VALUE: usize = 100;

/// User input as echoed in an error message: at most 40 characters.
pub fn shown(s: &str) -> String {
    crate::http::truncate(s, 40)
}

impl Params {
    /// Refuses any parameter not in `allowed`.
    pub fn only(&self, allowed: &[&str]) -> ApiResult<()> {
        for (k, _) in &self.pairs {
            if !allowed.contains(&k.as_str()) {
                let expected =
                    if allowed.is_empty() { "no parameter on this endpoint".to_string() } else { format!("one of {}", allowed.join(", ")) };
                return Err(ApiError::bad_request(format!("unknown parameter `{k}`: expected {expected}")));
            }
        }
        Ok(())
    }

    /// A parameter that may be given at most once; an empty value counts as given and wrong.
    pub fn one(&self, name: &str) -> ApiResult<Option<&str>> {
        let mut it = self.pairs.iter().filter(|(k, _)| k == name);
        let first = it.next();
        let more = it.count();
        if more > 0 {
            return Err(ApiError::bad_request(format!("parameter `{name}` is given {} times: expected it at most once", more + 1)));
        }
        match first {
            Some((_, v)) if v.trim().is_empty() => {
                Err(ApiError::bad_request(format!("parameter `{name}` is empty: give a value or leave it out")))
            }
            Some((_, v)) => Ok(Some(v.trim())),
            None => Ok(None),
        }
    }

    /// A free-text parameter given at most once; empty means not given (a cleared search box).
    pub fn text(&self, name: &str) -> ApiResult<Option<&str>> {
        let mut it = self.pairs.iter().filter(|(k, _)| k == name);
        let first = it.next();
        if it.next().is_some() {
            return Err(ApiError::bad_request(format!("parameter `{name}` is given more than once: expected it at most once")));
        }
        Ok(first.map(|(_, v)| v.trim()).filter(|v| !v.is_empty()))
    }

    /// A repeatable parameter whose values may also be comma-separated (`area=SEN&area=GHA` or
    /// `area=SEN,GHA`); empty items are refused so `area=SEN,,GHA` is not read as two areas.
    pub fn many(&self, name: &str) -> ApiResult<Vec<&str>> {
        let mut out = Vec::new();
        for (_, v) in self.pairs.iter().filter(|(k, _)| k == name) {
            for item in v.split(',') {
                let item = item.trim();
                if item.is_empty() {
                    return Err(ApiError::bad_request(format!(
                        "parameter `{name}` has an empty item in `{v}`: expected codes separated by commas"
                    )));
                }
                out.push(item);
            }
        }
        Ok(out)
    }

    /// `true`/`false` (also `1`/`0`); absent is `false`.
    pub fn flag(&self, name: &str) -> ApiResult<bool> {
        match self.one(name)? {
            None => Ok(false),
            Some(v) => match v.to_ascii_lowercase().as_str() {
                "true" | "1" => Ok(true),
                "false" | "0" => Ok(false),
                _ => Err(ApiError::bad_request(format!("parameter `{name}` is `{v}`: expected true or false"))),
            },
        }
    }

    /// An optional flag that keeps the difference between `false` and absent.
    pub fn opt_flag(&self, name: &str) -> ApiResult<Option<bool>> {
        Ok(if self.one(name)?.is_some() { Some(self.flag(name)?) } else { None })
    }

    /// A whole number in `min..=max`, or `default` when absent.
    pub fn number(&self, name: &str, default: u64, min: u64, max: u64) -> ApiResult<u64> {
        let Some(v) = self.one(name)? else { return Ok(default) };
        match v.parse::<u64>() {
            Ok(n) if (min..=max).contains(&n) => Ok(n),
            _ => Err(ApiError::bad_request(format!("parameter `{name}` is `{v}`: expected a whole number from {min} to {max}"))),
        }
    }

    /// The raw query string with the named parameters removed, to build the link to another page.
    pub fn raw_without(&self, names: &[&str]) -> String {
        let Some(raw) = &self.raw else { return String::new() };
        raw.split('&')
            .filter(|p| !p.is_empty())
            .filter(|p| {
                let key = p.split('=').next().unwrap_or("");
                !names.contains(&key)
            })
            .collect::<Vec<_>>()
            .join("&")
    }
}
