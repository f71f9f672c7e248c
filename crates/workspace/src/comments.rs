//! What a comment is about, and whom it mentions.
//!
//! Members discuss a figure (indicator × period × source of a country), a section of the
//! profile or a submission. A thread is a first comment with its replies; it is resolved and
//! reopened as a whole. `@login` in a comment mentions that member.

use mp_domain::{IndicatorCode, Period};
use std::collections::BTreeSet;
use std::fmt;

/// What a thread is about, within one country.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommentTarget {
    /// A figure: the indicator, the period and the source it comes from.
    Figure {
        /// Indicator.
        indicator: IndicatorCode,
        /// Period.
        period: Period,
        /// Source code (e.g. `undesa-ims`).
        source: String,
    },
    /// A section of the profile, by template id (e.g. `A.1`).
    Section(String),
    /// A submission, by id.
    Submission(i64),
}

/// A text that is not a comment target.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not what a comment can be about: expected figure:INDICATOR:PERIOD:SOURCE, section:ID or submission:ID")]
pub struct BadTarget(pub String);

impl CommentTarget {
    /// Reads `figure:IMM.STOCK:2020:undesa-ims`, `section:A.1` or `submission:12`.
    pub fn parse(s: &str) -> Result<CommentTarget, BadTarget> {
        let bad = || BadTarget(s.chars().take(80).collect());
        let mut parts = s.trim().split(':');
        let t = match (parts.next(), parts.next(), parts.next(), parts.next(), parts.next()) {
            (Some("figure"), Some(i), Some(p), Some(src), None) => {
                let ok_source =
                    !src.is_empty() && src.len() <= 64 && src.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
                if !ok_source {
                    return Err(bad());
                }
                CommentTarget::Figure {
                    indicator: IndicatorCode::parse(i).map_err(|_| bad())?,
                    period: p.parse::<Period>().map_err(|_| bad())?,
                    source: src.to_string(),
                }
            }
            (Some("section"), Some(id), None, None, None)
                if !id.is_empty() && id.len() <= 40 && id.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_')) =>
            {
                CommentTarget::Section(id.to_string())
            }
            (Some("submission"), Some(n), None, None, None) => {
                CommentTarget::Submission(n.parse::<i64>().ok().filter(|n| *n > 0).ok_or_else(bad)?)
            }
            _ => return Err(bad()),
        };
        Ok(t)
    }

    /// `figure`, `section` or `submission`.
    pub fn kind(&self) -> &'static str {
        match self {
            CommentTarget::Figure { .. } => "figure",
            CommentTarget::Section(_) => "section",
            CommentTarget::Submission(_) => "submission",
        }
    }
}

impl fmt::Display for CommentTarget {
    /// The form [`CommentTarget::parse`] reads.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CommentTarget::Figure { indicator, period, source } => write!(f, "figure:{}:{}:{source}", indicator.as_str(), period),
            CommentTarget::Section(id) => write!(f, "section:{id}"),
            CommentTarget::Submission(n) => write!(f, "submission:{n}"),
        }
    }
}

/// The sign-in names mentioned as `@login` in a comment (lower-case, as logins are), each once.
/// An `@` inside a word (an e-mail address) is not a mention.
pub fn mentions(body: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let chars: Vec<char> = body.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        if *c != '@' || (i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '.')) {
            continue;
        }
        let name: String = chars[i + 1..].iter().take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')).collect();
        let name = name.trim_end_matches('.').to_ascii_lowercase();
        if !name.is_empty() && name.len() <= 64 {
            out.insert(name);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_round_trip() {
        for s in ["figure:IMM.STOCK:2020:undesa-ims", "section:A.1", "submission:12"] {
            assert_eq!(CommentTarget::parse(s).unwrap().to_string(), s);
        }
        for s in [
            "",
            "figure:IMM.STOCK:2020",
            "figure:bad code:2020:x",
            "figure:IMM.STOCK:20x0:x",
            "section:",
            "section:A 1",
            "submission:-3",
            "submission:x",
            "other:1",
        ] {
            assert!(CommentTarget::parse(s).is_err(), "{s}");
        }
        assert_eq!(CommentTarget::parse("section:A.1").unwrap().kind(), "section");
    }

    #[test]
    fn mentions_are_found() {
        let m = mentions("@Awa can you check? cc @moussa.diop, and @awa again. Mail x@ansd.sn");
        assert_eq!(m.into_iter().collect::<Vec<_>>(), ["awa", "moussa.diop"]);
        assert!(mentions("no one @ all").is_empty());
    }

    proptest::proptest! {
        /// No text makes the mention reader panic, and every mention is a plausible login.
        #[test]
        fn mentions_never_panic(s in "\\PC{0,200}") {
            for m in mentions(&s) {
                proptest::prop_assert!(m.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')));
            }
        }
    }
}
