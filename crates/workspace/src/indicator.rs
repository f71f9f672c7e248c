//! A proposed national indicator's way to the country's framework.
//!
//! A sub-group member proposes it (it starts `submitted`), the chair of its theme's sub-group
//! (or the secretariat) reviews it, and the TWG secretariat approves it: it then joins the
//! country's framework extension and takes no more steps. A country whose TWG has no
//! sub-groups skips the review, as for submissions. Before approval it can be sent back to
//! draft with a reason and proposed again. The states are the submissions' [`State`]s; nobody
//! reviews or approves their own proposal.

use crate::access::Action;
use crate::workflow::{State, Step, WorkflowError};

/// The action that moves a proposal on from `state`, and the state it reaches; `None` once
/// approved (approved is final: the indicator is part of the country's framework).
pub fn proposal_next(state: State, skip_subgroup: bool) -> Option<(Action, State)> {
    match state {
        State::Draft => Some((Action::ProposeIndicator, State::Submitted)),
        State::Submitted if skip_subgroup => Some((Action::ApproveIndicator, State::Approved)),
        State::Submitted => Some((Action::ReviewIndicator, State::Reviewed)),
        State::Reviewed => Some((Action::ApproveIndicator, State::Approved)),
        State::Approved | State::Validated | State::Published => None,
    }
}

/// The result of `s` on a proposal in `state`: the action it needs (to be authorised by the
/// caller, who also refuses the proposer's own review or approval, see [`proposer_may`]) and
/// the new state.
pub fn proposal_step(state: State, skip_subgroup: bool, s: &Step) -> Result<(Action, State), WorkflowError> {
    let (action, next) = proposal_next(state, skip_subgroup).ok_or(WorkflowError::Final)?;
    match s {
        Step::Advance => Ok((action, next)),
        Step::SendBack(reason) => {
            if state == State::Draft {
                return Err(WorkflowError::DraftBack);
            }
            if reason.trim().is_empty() {
                return Err(WorkflowError::NoReason);
            }
            Ok((action, State::Draft))
        }
    }
}

/// Whether the proposer may take `action` on their own proposal: proposing again yes,
/// reviewing or approving it no.
pub fn proposer_may(action: Action) -> bool {
    action == Action::ProposeIndicator
}

#[cfg(test)]
mod tests {
    use super::*;

    fn way(skip: bool) -> Vec<Action> {
        let (mut s, mut actions) = (State::Draft, Vec::new());
        while let Ok((a, next)) = proposal_step(s, skip, &Step::Advance) {
            actions.push(a);
            s = next;
        }
        assert_eq!(s, State::Approved);
        actions
    }

    #[test]
    fn the_whole_way_with_and_without_a_sub_group() {
        assert_eq!(way(false), [Action::ProposeIndicator, Action::ReviewIndicator, Action::ApproveIndicator]);
        assert_eq!(way(true), [Action::ProposeIndicator, Action::ApproveIndicator]);
    }

    #[test]
    fn sending_back_needs_a_reason_and_approval_is_final() {
        let back = Step::SendBack("the pilot covered one region only".into());
        assert_eq!(proposal_step(State::Reviewed, false, &back), Ok((Action::ApproveIndicator, State::Draft)));
        assert_eq!(proposal_step(State::Submitted, false, &Step::SendBack(" ".into())), Err(WorkflowError::NoReason));
        assert_eq!(proposal_step(State::Draft, false, &back), Err(WorkflowError::DraftBack));
        assert_eq!(proposal_step(State::Approved, false, &Step::Advance), Err(WorkflowError::Final));
        assert!(proposer_may(Action::ProposeIndicator));
        assert!(!proposer_may(Action::ReviewIndicator) && !proposer_may(Action::ApproveIndicator));
    }
}
