//! A narrative revision's way from draft to published, and the line diff between two revisions.
//!
//! The text of one section in one language is kept as revisions. Each revision goes
//! `draft → submitted → approved → published`: its writer (the TWG secretariat) submits it for
//! review, a sub-group chair or the secretariat approves it, the secretariat publishes it, and
//! only then do the profile's documents use it. The states are the submissions' [`State`]s,
//! without the sub-group review and the statistics office's validation, which concern figures.
//! Before publication a revision can be sent back to draft with a reason. Nobody approves a
//! revision they wrote themselves.

use crate::access::Action;
use crate::workflow::{State, Step, WorkflowError};
use serde::Serialize;

/// The largest revision kept, in bytes: a section's text, not a book.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// The action that moves a narrative revision on from `state`, and the state it reaches;
/// `None` once published.
pub fn narrative_next(state: State) -> Option<(Action, State)> {
    match state {
        State::Draft => Some((Action::EditNarrative, State::Submitted)),
        State::Submitted | State::Reviewed => Some((Action::ApproveNarrative, State::Approved)),
        State::Approved | State::Validated => Some((Action::PublishNarrative, State::Published)),
        State::Published => None,
    }
}

/// The result of `s` on a revision in `state`: the action it needs (to be authorised by the
/// caller, who also refuses an approval by the revision's own writer, see [`writer_may`]) and
/// the new state.
pub fn narrative_step(state: State, s: &Step) -> Result<(Action, State), WorkflowError> {
    let (action, next) = narrative_next(state).ok_or(WorkflowError::Final)?;
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

/// Whether the writer of a revision may take `action` on it: writing, submitting and
/// publishing yes, approving their own text no (a second pair of eyes is the point).
pub fn writer_may(action: Action) -> bool {
    action != Action::ApproveNarrative
}

/// One line of a diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum DiffLine {
    /// In both texts.
    Same(String),
    /// Only in the older text.
    Removed(String),
    /// Only in the newer text.
    Added(String),
}

/// The lines of `old` and `new`, each marked as kept, removed or added (a longest common
/// subsequence of lines). Common first and last lines are matched before the quadratic part,
/// so an edit in the middle of a long text stays cheap.
pub fn line_diff(old: &str, new: &str) -> Vec<DiffLine> {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    let head = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let tail = a[head..].iter().rev().zip(b[head..].iter().rev()).take_while(|(x, y)| x == y).count();
    let (ma, mb) = (&a[head..a.len() - tail], &b[head..b.len() - tail]);
    // lcs[i][j]: the longest common subsequence of ma[i..] and mb[j..].
    let mut lcs = vec![vec![0u32; mb.len() + 1]; ma.len() + 1];
    for i in (0..ma.len()).rev() {
        for j in (0..mb.len()).rev() {
            lcs[i][j] = if ma[i] == mb[j] { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
        }
    }
    let mut out: Vec<DiffLine> = a[..head].iter().map(|l| DiffLine::Same(l.to_string())).collect();
    let (mut i, mut j) = (0, 0);
    while i < ma.len() || j < mb.len() {
        if i < ma.len() && j < mb.len() && ma[i] == mb[j] {
            out.push(DiffLine::Same(ma[i].to_string()));
            i += 1;
            j += 1;
        } else if i < ma.len() && (j == mb.len() || lcs[i + 1][j] >= lcs[i][j + 1]) {
            // Removals before additions, as readers of diffs expect.
            out.push(DiffLine::Removed(ma[i].to_string()));
            i += 1;
        } else {
            out.push(DiffLine::Added(mb[j].to_string()));
            j += 1;
        }
    }
    out.extend(a[a.len() - tail..].iter().map(|l| DiffLine::Same(l.to_string())));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_whole_way() {
        let mut s = State::Draft;
        let mut actions = Vec::new();
        while let Ok((a, next)) = narrative_step(s, &Step::Advance) {
            actions.push(a);
            s = next;
        }
        assert_eq!(s, State::Published);
        assert_eq!(actions, [Action::EditNarrative, Action::ApproveNarrative, Action::PublishNarrative]);
    }

    #[test]
    fn sending_back_and_the_end() {
        let back = Step::SendBack("the 2013 census figure is out of date".into());
        assert_eq!(narrative_step(State::Submitted, &back), Ok((Action::ApproveNarrative, State::Draft)));
        assert_eq!(narrative_step(State::Approved, &back), Ok((Action::PublishNarrative, State::Draft)));
        assert_eq!(narrative_step(State::Draft, &back), Err(WorkflowError::DraftBack));
        assert_eq!(narrative_step(State::Submitted, &Step::SendBack(" ".into())), Err(WorkflowError::NoReason));
        assert_eq!(narrative_step(State::Published, &Step::Advance), Err(WorkflowError::Final));
        assert!(!writer_may(Action::ApproveNarrative));
        assert!(writer_may(Action::PublishNarrative) && writer_may(Action::EditNarrative));
    }

    fn render(d: &[DiffLine]) -> String {
        d.iter()
            .map(|l| match l {
                DiffLine::Same(s) => format!(" {s}"),
                DiffLine::Removed(s) => format!("-{s}"),
                DiffLine::Added(s) => format!("+{s}"),
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn diffs() {
        let old = "# Immigration\n\nLe stock est de 275 000.\nSource : DAES.\nFin.";
        let new = "# Immigration\n\nLe stock est de 287 654.\nSource : DAES.\nAjout.\nFin.";
        assert_eq!(
            render(&line_diff(old, new)),
            " # Immigration\n \n-Le stock est de 275 000.\n+Le stock est de 287 654.\n Source : DAES.\n+Ajout.\n Fin."
        );
        assert_eq!(render(&line_diff("", "a\nb")), "+a\n+b");
        assert_eq!(render(&line_diff("a\nb", "")), "-a\n-b");
        assert_eq!(render(&line_diff("same", "same")), " same");
    }

    proptest::proptest! {
        /// Whatever the texts, the kept and removed lines spell the old text and the kept and
        /// added lines the new one.
        #[test]
        fn diff_rebuilds_both(old in proptest::collection::vec("[abc]{0,2}", 0..12), new in proptest::collection::vec("[abc]{0,2}", 0..12)) {
            let (o, n) = (old.join("\n"), new.join("\n"));
            let d = line_diff(&o, &n);
            let back_old: Vec<&str> = d.iter().filter_map(|l| match l { DiffLine::Same(s) | DiffLine::Removed(s) => Some(s.as_str()), _ => None }).collect();
            let back_new: Vec<&str> = d.iter().filter_map(|l| match l { DiffLine::Same(s) | DiffLine::Added(s) => Some(s.as_str()), _ => None }).collect();
            proptest::prop_assert_eq!(back_old, o.lines().collect::<Vec<_>>());
            proptest::prop_assert_eq!(back_new, n.lines().collect::<Vec<_>>());
        }
    }
}
