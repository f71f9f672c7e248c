//! A submission's way from draft to published.
//!
//! `draft → submitted → reviewed → approved → validated → published`: the provider submits, a
//! sub-group chair reviews, the TWG secretariat approves, the statistics office validates, the
//! secretariat publishes. A country may skip the sub-group step (then the secretariat approves a
//! submitted submission directly). Every step before publication can instead send the
//! submission back to draft with a reason; the provider fixes it and submits again. A published
//! submission is final: a correction is a new submission through the same steps.

use crate::access::Action;
use serde::Serialize;
use std::fmt;
use std::str::FromStr;

/// Where a submission is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// Being prepared by its provider (also after being sent back).
    Draft,
    /// Waiting for the sub-group chair (or, when the country skips that step, the secretariat).
    Submitted,
    /// Reviewed by the chair; waiting for the secretariat.
    Reviewed,
    /// Approved by the secretariat; its figures are locked; waiting for the statistics office.
    Approved,
    /// Validated; waiting for publication.
    Validated,
    /// Its figures are public.
    Published,
}

impl State {
    /// Every state, in workflow order.
    pub const ALL: [State; 6] = [State::Draft, State::Submitted, State::Reviewed, State::Approved, State::Validated, State::Published];

    /// The code used in the store and in addresses.
    pub fn code(self) -> &'static str {
        match self {
            State::Draft => "draft",
            State::Submitted => "submitted",
            State::Reviewed => "reviewed",
            State::Approved => "approved",
            State::Validated => "validated",
            State::Published => "published",
        }
    }

    /// The action that moves a submission on from here, and the state it reaches;
    /// `None` once published.
    pub fn next(self, skip_subgroup: bool) -> Option<(Action, State)> {
        match self {
            State::Draft => Some((Action::Submit, State::Submitted)),
            State::Submitted if skip_subgroup => Some((Action::Approve, State::Approved)),
            State::Submitted => Some((Action::Review, State::Reviewed)),
            State::Reviewed => Some((Action::Approve, State::Approved)),
            State::Approved => Some((Action::Validate, State::Validated)),
            State::Validated => Some((Action::Publish, State::Published)),
            State::Published => None,
        }
    }

    /// Whether the figures can no longer change in this submission.
    pub fn locked(self) -> bool {
        self >= State::Approved
    }
}

impl fmt::Display for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for State {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        State::ALL.into_iter().find(|x| x.code() == s).ok_or_else(|| format!("`{s}` is not a submission state"))
    }
}

/// What a user asks of a submission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Step {
    /// Move it on (submit, review, approve, validate or publish, whichever comes next).
    Advance,
    /// Send it back to its provider, with the reason.
    SendBack(String),
}

/// Why a step cannot be taken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WorkflowError {
    /// A published submission takes no more steps.
    #[error("the submission is published; a correction needs a new submission")]
    Final,
    /// A draft is the provider's own: it cannot be sent back.
    #[error("a draft cannot be sent back")]
    DraftBack,
    /// Sending back needs a reason.
    #[error("say why the submission is sent back")]
    NoReason,
}

/// The result of `step` from `state`: the action it needs (to be authorised by the caller) and
/// the new state.
pub fn step(state: State, skip_subgroup: bool, s: &Step) -> Result<(Action, State), WorkflowError> {
    let (action, next) = state.next(skip_subgroup).ok_or(WorkflowError::Final)?;
    match s {
        Step::Advance => Ok((action, next)),
        Step::SendBack(reason) => {
            if state == State::Draft {
                return Err(WorkflowError::DraftBack);
            }
            if reason.trim().is_empty() {
                return Err(WorkflowError::NoReason);
            }
            // Whoever would move it on may send it back instead.
            Ok((action, State::Draft))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_whole_way() {
        let mut s = State::Draft;
        let mut actions = Vec::new();
        while let Ok((a, next)) = step(s, false, &Step::Advance) {
            actions.push(a);
            s = next;
        }
        assert_eq!(s, State::Published);
        assert_eq!(actions, [Action::Submit, Action::Review, Action::Approve, Action::Validate, Action::Publish]);
        assert_eq!(step(State::Published, false, &Step::Advance), Err(WorkflowError::Final));
    }

    #[test]
    fn skipping_the_subgroup() {
        assert_eq!(step(State::Submitted, true, &Step::Advance), Ok((Action::Approve, State::Approved)));
        assert_eq!(step(State::Submitted, false, &Step::Advance), Ok((Action::Review, State::Reviewed)));
    }

    #[test]
    fn sending_back() {
        let back = Step::SendBack("totals do not add up".into());
        for s in [State::Submitted, State::Reviewed, State::Approved, State::Validated] {
            let (a, to) = step(s, false, &back).unwrap();
            assert_eq!(to, State::Draft);
            assert_eq!(a, s.next(false).unwrap().0);
        }
        assert_eq!(step(State::Draft, false, &back), Err(WorkflowError::DraftBack));
        assert_eq!(step(State::Published, false, &back), Err(WorkflowError::Final));
        assert_eq!(step(State::Reviewed, false, &Step::SendBack("  ".into())), Err(WorkflowError::NoReason));
    }

    #[test]
    fn states_parse_and_lock() {
        for s in State::ALL {
            assert_eq!(s.code().parse::<State>().unwrap(), s);
        }
        assert!(!State::Reviewed.locked());
        assert!(State::Approved.locked() && State::Published.locked());
    }
}
