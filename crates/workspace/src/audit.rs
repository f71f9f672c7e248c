//! The audit trail's hash chain.
//!
//! Every write is one row; its hash is `sha256(previous row's hash ‖ canonical row)`, the first
//! row chaining to [`GENESIS`]. Changing a row changes its hash, and every later row names the
//! hash before it, so [`verify_chain`] names the first row that was changed or removed. The
//! store also keeps the number of rows and the last hash beside the chain, so cutting rows off
//! the end is caught as well.

use serde::Serialize;
use sha2::{Digest, Sha256};

/// The hash the first row chains to.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One row of the audit trail, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditRow {
    /// Position in the chain, from 1, without gaps.
    pub seq: i64,
    /// When (UTC, RFC 3339).
    pub at: String,
    /// Who: a user id, or `None` for the command line run by the machine's operator.
    pub actor: Option<i64>,
    /// The actor's sign-in name (or `cli:<system user>`) at the time.
    pub actor_name: String,
    /// What happened, e.g. `sign_in`, `submission.approve`.
    pub action: String,
    /// What it happened to, e.g. `submission:12`, `user:3`.
    pub target: String,
    /// The state before (JSON text, may be empty).
    pub before: String,
    /// The state after (JSON text, may be empty).
    pub after: String,
    /// The previous row's hash.
    pub prev_hash: String,
    /// This row's hash.
    pub hash: String,
}

/// The canonical text of a row's content: its fields in a fixed order, as JSON, so no field
/// can leak into another.
fn canonical(r: &AuditRow) -> String {
    serde_json::json!([r.seq, r.at, r.actor, r.actor_name, r.action, r.target, r.before, r.after]).to_string()
}

/// The hash of `row` chained to `prev_hash` (the row's own `prev_hash` and `hash` are ignored).
pub fn chain_hash(prev_hash: &str, row: &AuditRow) -> String {
    let mut h = Sha256::new();
    h.update(prev_hash.as_bytes());
    h.update(canonical(row).as_bytes());
    hex::encode(h.finalize())
}

/// Where a chain breaks.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AuditBreak {
    /// The row's content no longer gives its hash.
    #[error("audit row {seq} was changed: its content no longer matches its hash")]
    Changed {
        /// The row.
        seq: i64,
    },
    /// The row does not chain to the row before it (that one was changed or removed).
    #[error("audit row {seq} does not follow row {prev}: row {prev} (or one between) was changed or removed")]
    Unchained {
        /// The row that names another hash.
        seq: i64,
        /// The row before it as stored.
        prev: i64,
    },
    /// A number is missing in the chain.
    #[error("audit row {seq} was removed")]
    Removed {
        /// The missing row.
        seq: i64,
    },
    /// Rows are missing at the end.
    #[error("audit rows after {last} were removed: the trail recorded {expected} rows")]
    Truncated {
        /// The last row present.
        last: i64,
        /// How many rows the trail recorded.
        expected: i64,
    },
    /// The chain is whole but ends elsewhere than the trail recorded (rows added or replaced
    /// behind mprofile's back).
    #[error("the audit trail ends at row {last} with a hash it never recorded: rows were added or replaced by hand")]
    Head {
        /// The last row present.
        last: i64,
    },
}

/// Checks rows given in `seq` order against each other and against the recorded count and
/// last hash; `Ok(n)` is the number of rows checked.
pub fn verify_chain(rows: &[AuditRow], recorded_count: i64, recorded_last: &str) -> Result<i64, AuditBreak> {
    let mut prev_hash = GENESIS.to_string();
    let mut prev_seq = 0;
    for r in rows {
        if r.seq != prev_seq + 1 {
            return Err(AuditBreak::Removed { seq: prev_seq + 1 });
        }
        if r.prev_hash != prev_hash {
            return Err(if prev_seq == 0 { AuditBreak::Removed { seq: 1 } } else { AuditBreak::Unchained { seq: r.seq, prev: prev_seq } });
        }
        if chain_hash(&r.prev_hash, r) != r.hash {
            return Err(AuditBreak::Changed { seq: r.seq });
        }
        prev_hash = r.hash.clone();
        prev_seq = r.seq;
    }
    if prev_seq < recorded_count {
        return Err(AuditBreak::Truncated { last: prev_seq, expected: recorded_count });
    }
    if prev_seq > recorded_count || prev_hash != recorded_last {
        return Err(AuditBreak::Head { last: prev_seq });
    }
    Ok(prev_seq)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(n: i64) -> Vec<AuditRow> {
        let mut prev = GENESIS.to_string();
        (1..=n)
            .map(|seq| {
                let mut r = AuditRow {
                    seq,
                    at: format!("2026-01-01T00:00:{seq:02}Z"),
                    actor: Some(1),
                    actor_name: "awa".into(),
                    action: "submission.approve".into(),
                    target: format!("submission:{seq}"),
                    before: r#"{"state":"reviewed"}"#.into(),
                    after: r#"{"state":"approved"}"#.into(),
                    prev_hash: prev.clone(),
                    hash: String::new(),
                };
                r.hash = chain_hash(&prev, &r);
                prev = r.hash.clone();
                r
            })
            .collect()
    }

    #[test]
    fn intact_chain_verifies() {
        let c = chain(5);
        assert_eq!(verify_chain(&c, 5, &c[4].hash), Ok(5));
        assert_eq!(verify_chain(&[], 0, GENESIS), Ok(0));
    }

    #[test]
    fn a_changed_row_is_named() {
        let mut c = chain(5);
        c[2].after = r#"{"state":"published"}"#.into();
        let last = c[4].hash.clone();
        assert_eq!(verify_chain(&c, 5, &last), Err(AuditBreak::Changed { seq: 3 }));
        // Rehashing the changed row does not help: the next row still names the old hash.
        c[2].hash = chain_hash(&c[2].prev_hash, &c[2]);
        assert_eq!(verify_chain(&c, 5, &last), Err(AuditBreak::Unchained { seq: 4, prev: 3 }));
    }

    #[test]
    fn removed_rows_are_named() {
        let c = chain(5);
        let last = c[4].hash.clone();
        let mut gap = c.clone();
        gap.remove(1);
        assert_eq!(verify_chain(&gap, 5, &last), Err(AuditBreak::Removed { seq: 2 }));
        let first_gone = c[1..].to_vec();
        assert_eq!(verify_chain(&first_gone, 5, &last), Err(AuditBreak::Removed { seq: 1 }));
        assert_eq!(verify_chain(&c[..3], 5, &last), Err(AuditBreak::Truncated { last: 3, expected: 5 }));
        assert_eq!(verify_chain(&c, 4, &c[3].hash), Err(AuditBreak::Head { last: 5 }));
    }

    #[test]
    fn every_field_counts() {
        let c = chain(1);
        let base = chain_hash(GENESIS, &c[0]);
        let variants: [fn(&mut AuditRow); 8] = [
            |r| r.seq = 2,
            |r| r.at.push('x'),
            |r| r.actor = None,
            |r| r.actor_name.push('x'),
            |r| r.action.push('x'),
            |r| r.target.push('x'),
            |r| r.before.push('x'),
            |r| r.after.push('x'),
        ];
        for f in variants {
            let mut r = c[0].clone();
            f(&mut r);
            assert_ne!(chain_hash(GENESIS, &r), base);
        }
    }
}
