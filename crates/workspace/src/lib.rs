//! mprofile TWG workspace rules: who may do what, how a submission moves from draft to
//! published, how the audit trail chains its rows, and how passwords and tokens are made.
//!
//! Everything here is pure (no I/O): the store keeps users, memberships, sessions, submissions
//! and the audit rows, the web and the command line call [`authorize`] before every read of
//! unpublished work and every write, and the workflow and the audit chain are decided here so
//! that both front ends and both databases follow one set of rules.
//!
//! - [`access`]: roles, scopes, memberships, actions and the one decision [`authorize`].
//! - [`workflow`]: the submission states and their transitions.
//! - [`audit`]: the hash chain of the audit trail and its verification.
//! - [`comments`]: what a comment is about and whom it mentions.
//! - [`meeting`]: meetings, action items and what they point at.
//! - [`library`]: the document library's kinds, visibility and file types told from content.
//! - [`narrative`]: the narrative revisions' workflow and the diff between two revisions.
//! - [`indicator`]: a proposed national indicator's review and approval.
//! - [`secret`]: argon2id password hashes and random tokens (stored only as hashes).

#![warn(missing_docs)]

pub mod access;
pub mod audit;
pub mod comments;
pub mod indicator;
pub mod library;
pub mod meeting;
pub mod narrative;
pub mod secret;
pub mod workflow;

pub use access::{Action, Decision, Membership, Principal, Role, Scope, Target, ThemeSet, authorize};
pub use audit::{AuditBreak, AuditRow, GENESIS, chain_hash, verify_chain};
pub use comments::{CommentTarget, mentions};
pub use indicator::{proposal_next, proposal_step, proposer_may};
pub use meeting::{ActionStatus, MeetingKind, MeetingRef, MeetingStatus};
pub use narrative::{DiffLine, line_diff, narrative_next, narrative_step, writer_may};
pub use secret::{PasswordError, Token, dummy_hash, hash_password, hash_token, new_token, same_secret, verify_password};
pub use workflow::{State, Step, WorkflowError, step};
