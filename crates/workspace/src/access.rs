//! Roles, scopes and the one authorisation decision.
//!
//! A user holds memberships; each gives one [`Role`] within a [`Scope`] (a country's TWG, and
//! for thematic roles a set of themes). An [`Action`] is asked about a [`Target`] (a country,
//! the themes it touches, the organisation that owns it). [`authorize`] allows the action when
//! one membership allows it; everything not written down below is denied.
//!
//! Separation of duties: the platform administrator manages accounts, TWGs and memberships and
//! reads everything, but takes no step of a submission; a data provider cannot review, approve
//! or validate its own figures.

use mp_domain::{Iso3, ThemeCode};
use serde::Serialize;
use std::collections::BTreeSet;
use std::fmt;
use std::str::FromStr;

/// A role in the workspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Manages accounts, TWGs and memberships on the whole platform.
    Admin,
    /// The TWG secretariat of a country: approves and publishes, manages its members, writes the narrative.
    Secretariat,
    /// An organisation's focal point: uploads and submits figures for some themes.
    Provider,
    /// A member of a thematic sub-group: reads unpublished work.
    Member,
    /// The chair of a thematic sub-group: reviews submissions on its themes.
    Chair,
    /// The statistics office: validates approved submissions.
    Validator,
    /// Reads unpublished work and changes nothing.
    Reader,
}

impl Role {
    /// Every role, in a fixed order.
    pub const ALL: [Role; 7] = [Role::Admin, Role::Secretariat, Role::Provider, Role::Member, Role::Chair, Role::Validator, Role::Reader];

    /// The code used in the store, on the command line and in forms.
    pub fn code(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Secretariat => "secretariat",
            Role::Provider => "provider",
            Role::Member => "member",
            Role::Chair => "chair",
            Role::Validator => "validator",
            Role::Reader => "reader",
        }
    }

    /// Whether the role is held for a country (every role but the administrator's).
    pub fn needs_country(self) -> bool {
        self != Role::Admin
    }

    /// Whether the role can be narrowed to some themes (providers, sub-group members and chairs).
    pub fn thematic(self) -> bool {
        matches!(self, Role::Provider | Role::Member | Role::Chair)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A text that is not a role.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a role: expected admin, secretariat, provider, member, chair, validator or reader")]
pub struct BadRole(pub String);

impl FromStr for Role {
    type Err = BadRole;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim().to_ascii_lowercase();
        Role::ALL.into_iter().find(|r| r.code() == t).ok_or_else(|| BadRole(s.to_string()))
    }
}

/// A set of themes; `All` covers every theme, present and future.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum ThemeSet {
    /// Every theme.
    All,
    /// These themes only (never empty).
    Some(BTreeSet<ThemeCode>),
}

impl ThemeSet {
    /// Parses `T01,T04` (or `*` / empty for every theme).
    pub fn parse(s: &str) -> Result<ThemeSet, mp_domain::CodeError> {
        let t = s.trim();
        if t.is_empty() || t == "*" {
            return Ok(ThemeSet::All);
        }
        let set = t.split(',').filter(|p| !p.trim().is_empty()).map(ThemeCode::parse).collect::<Result<BTreeSet<_>, _>>()?;
        Ok(if set.is_empty() { ThemeSet::All } else { ThemeSet::Some(set) })
    }

    /// Whether every theme of `other` is in this set.
    pub fn covers(&self, other: &ThemeSet) -> bool {
        match (self, other) {
            (ThemeSet::All, _) => true,
            (ThemeSet::Some(_), ThemeSet::All) => false,
            (ThemeSet::Some(mine), ThemeSet::Some(theirs)) => theirs.is_subset(mine),
        }
    }
}

impl fmt::Display for ThemeSet {
    /// `*` or `T01,T04`, the form [`ThemeSet::parse`] reads.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ThemeSet::All => f.write_str("*"),
            ThemeSet::Some(s) => f.write_str(&s.iter().map(ThemeCode::as_str).collect::<Vec<_>>().join(",")),
        }
    }
}

/// Where a membership applies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Scope {
    /// The country's TWG; `None` for the platform administrator, who is not tied to one.
    pub country: Option<Iso3>,
    /// The themes.
    pub themes: ThemeSet,
}

/// One role a user holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Membership {
    /// The role.
    pub role: Role,
    /// Where it applies.
    pub scope: Scope,
    /// The user's organisation for this role (a provider submits for it).
    pub organisation: Option<i64>,
}

impl Membership {
    /// A membership, checked: the administrator has no country and every other role has one;
    /// only thematic roles may be narrowed to themes.
    pub fn new(role: Role, country: Option<Iso3>, themes: ThemeSet, organisation: Option<i64>) -> Result<Membership, String> {
        match (role.needs_country(), &country) {
            (true, None) => return Err(format!("the role {role} needs a country")),
            (false, Some(c)) => return Err(format!("the role {role} covers every country; do not give one (got {c})")),
            _ => {}
        }
        if !role.thematic() && themes != ThemeSet::All {
            return Err(format!("the role {role} covers every theme of its country; themes are for providers, members and chairs"));
        }
        if role == Role::Provider && organisation.is_none() {
            return Err("a data provider submits for an organisation: give one".into());
        }
        Ok(Membership { role, scope: Scope { country, themes }, organisation })
    }
}

/// Who is asking: the account and its memberships, as read for this request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Principal {
    /// User id.
    pub user_id: i64,
    /// Sign-in name.
    pub login: String,
    /// Memberships.
    pub memberships: Vec<Membership>,
}

impl Principal {
    /// Whether one membership allows `action` on `target`.
    pub fn may(&self, action: Action, target: &Target) -> bool {
        authorize(&self.memberships, action, target) == Decision::Allow
    }

    /// The countries where this user may see unpublished work (every profile country is not
    /// known here: an administrator gets `None`, meaning all).
    pub fn countries(&self) -> Option<BTreeSet<Iso3>> {
        if self.memberships.iter().any(|m| m.role == Role::Admin) {
            return None;
        }
        Some(self.memberships.iter().filter_map(|m| m.scope.country.clone()).collect())
    }
}

/// Everything a user can ask to do in the workspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// See unpublished submissions and their figures.
    ViewUnpublished,
    /// Upload a file and create a draft submission.
    Upload,
    /// Send a draft (of one's own organisation) for review.
    Submit,
    /// Review a submitted submission (sub-group chair).
    Review,
    /// Approve (TWG secretariat).
    Approve,
    /// Validate (statistics office).
    Validate,
    /// Publish validated figures.
    Publish,
    /// Write the narrative of the profile.
    EditNarrative,
    /// Freeze an edition.
    CreateEdition,
    /// Add or remove members of a country's TWG.
    ManageMembers,
    /// Create, disable and reset accounts.
    ManageUsers,
    /// Create TWGs and their sub-groups.
    ManageTwg,
    /// Read the audit trail.
    ViewAudit,
    /// Approve a narrative revision written by someone else (sub-group chair or secretariat).
    ApproveNarrative,
    /// Publish an approved narrative revision: the profile's documents then use it.
    PublishNarrative,
    /// Comment on a figure, a section or a submission of the country, and reply.
    Comment,
    /// Resolve or reopen any thread of the country (a thread's author may too, see the web).
    ResolveComment,
    // The governance registries (instruments, institutions, projects): a change is proposed,
    // approved by another member, then published, like data.
    /// Propose a change to the country's registries.
    ProposeRegistry,
    /// Approve or send back a proposed registry change (not one's own: checked by the store).
    ApproveRegistry,
    /// Publish an approved registry change.
    PublishRegistry,
    /// Record the country's meetings and workshops (agenda, participants, minutes, decisions,
    /// action items) and change an action item's status.
    ManageMeetings,
    /// Add documents and versions to the country's library and set who may read them.
    EditLibrary,
    /// Propose a new national indicator on the member's themes.
    ProposeIndicator,
    /// Review a proposed national indicator (sub-group chair of its theme, or the secretariat).
    ReviewIndicator,
    /// Approve a reviewed national indicator for the TWG: it joins the country's framework.
    ApproveIndicator,
}

impl Action {
    /// Every action, in a fixed order.
    pub const ALL: [Action; 25] = [
        Action::ViewUnpublished,
        Action::Upload,
        Action::Submit,
        Action::Review,
        Action::Approve,
        Action::Validate,
        Action::Publish,
        Action::EditNarrative,
        Action::CreateEdition,
        Action::ManageMembers,
        Action::ManageUsers,
        Action::ManageTwg,
        Action::ViewAudit,
        Action::ApproveNarrative,
        Action::PublishNarrative,
        Action::Comment,
        Action::ResolveComment,
        Action::ProposeRegistry,
        Action::ApproveRegistry,
        Action::PublishRegistry,
        Action::ManageMeetings,
        Action::EditLibrary,
        Action::ProposeIndicator,
        Action::ReviewIndicator,
        Action::ApproveIndicator,
    ];
}

/// What an action is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Target {
    /// The country; `None` for platform-wide actions (accounts, TWGs).
    pub country: Option<Iso3>,
    /// The themes it touches.
    pub themes: ThemeSet,
    /// The organisation that owns it (a submission's), if any.
    pub organisation: Option<i64>,
}

impl Target {
    /// A whole country (every theme, no owner).
    pub fn country(c: &Iso3) -> Target {
        Target { country: Some(c.clone()), themes: ThemeSet::All, organisation: None }
    }
    /// The platform (accounts, TWGs).
    pub fn platform() -> Target {
        Target { country: None, themes: ThemeSet::All, organisation: None }
    }
}

/// The answer of [`authorize`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Decision {
    /// Go ahead.
    Allow,
    /// Refused.
    Deny,
}

/// How far a role's permission for an action reaches.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Reach {
    /// Anywhere, including platform-wide targets.
    Everywhere,
    /// The membership's country, any theme.
    Country,
    /// The membership's country and only targets whose themes its themes cover.
    Themes,
    /// As `Themes`, and only the membership's own organisation's targets.
    OwnOrganisation,
}

/// The table of permissions: which role may do what, and how far. Anything missing is denied.
fn reach(role: Role, action: Action) -> Option<Reach> {
    use Action as A;
    use Role as R;
    match (role, action) {
        (R::Admin, A::ViewUnpublished | A::ManageMembers | A::ManageUsers | A::ManageTwg | A::ViewAudit) => Some(Reach::Everywhere),
        (
            R::Secretariat,
            A::ViewUnpublished | A::Approve | A::Publish | A::EditNarrative | A::CreateEdition | A::ManageMembers | A::ViewAudit,
        ) => Some(Reach::Country),
        (R::Provider, A::ViewUnpublished) => Some(Reach::Country),
        (R::Provider, A::Upload | A::Submit) => Some(Reach::OwnOrganisation),
        (R::Member | R::Reader, A::ViewUnpublished) => Some(Reach::Country),
        (R::Chair, A::ViewUnpublished) => Some(Reach::Country),
        (R::Chair, A::Review) => Some(Reach::Themes),
        // A section's text spans themes; any chair of the country's sub-groups may approve it.
        (R::Secretariat | R::Chair, A::ApproveNarrative) => Some(Reach::Country),
        (R::Secretariat, A::PublishNarrative) => Some(Reach::Country),
        // Every working member discusses; a reader reads and changes nothing.
        (R::Secretariat | R::Provider | R::Member | R::Chair | R::Validator, A::Comment) => Some(Reach::Country),
        (R::Secretariat | R::Chair, A::ResolveComment) => Some(Reach::Country),
        // The secretariat keeps the record of the TWG's meetings; a chair records its sub-group's.
        (R::Secretariat | R::Chair, A::ManageMeetings) => Some(Reach::Country),
        // The library: every working member brings papers and training material; a reader reads.
        (R::Secretariat | R::Provider | R::Member | R::Chair | R::Validator, A::EditLibrary) => Some(Reach::Country),
        (R::Validator, A::ViewUnpublished | A::Validate) => Some(Reach::Country),
        // Registries: working members propose, a chair or the secretariat approves, the
        // secretariat publishes; providers and readers do not edit them.
        (R::Secretariat | R::Member | R::Chair, A::ProposeRegistry) => Some(Reach::Country),
        (R::Secretariat | R::Chair, A::ApproveRegistry) => Some(Reach::Country),
        (R::Secretariat, A::PublishRegistry) => Some(Reach::Country),
        // New indicators: sub-groups propose on their themes, chairs review them, the TWG approves.
        (R::Provider | R::Member | R::Chair, A::ProposeIndicator) | (R::Chair, A::ReviewIndicator) => Some(Reach::Themes),
        (R::Secretariat, A::ProposeIndicator | A::ReviewIndicator | A::ApproveIndicator) => Some(Reach::Country),
        _ => None,
    }
}

fn allows(m: &Membership, action: Action, target: &Target) -> bool {
    let Some(reach) = reach(m.role, action) else { return false };
    if reach == Reach::Everywhere {
        return true;
    }
    // Every other reach is within one country: a platform-wide target is out of it.
    let (Some(mine), Some(theirs)) = (&m.scope.country, &target.country) else { return false };
    if mine != theirs {
        return false;
    }
    match reach {
        Reach::Everywhere | Reach::Country => true,
        Reach::Themes => m.scope.themes.covers(&target.themes),
        Reach::OwnOrganisation => {
            m.scope.themes.covers(&target.themes)
                && match target.organisation {
                    // Creating something new: it will be the membership's organisation's.
                    None => true,
                    Some(o) => m.organisation == Some(o),
                }
        }
    }
}

/// The one authorisation decision: `Allow` when one of `memberships` allows `action` on `target`.
pub fn authorize(memberships: &[Membership], action: Action, target: &Target) -> Decision {
    if memberships.iter().any(|m| allows(m, action, target)) { Decision::Allow } else { Decision::Deny }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(s: &str) -> Iso3 {
        Iso3::parse(s).unwrap()
    }
    fn themes(s: &str) -> ThemeSet {
        ThemeSet::parse(s).unwrap()
    }
    fn membership(role: Role) -> Membership {
        let country = role.needs_country().then(|| iso("SEN"));
        let t = if role.thematic() { themes("T04,T05") } else { ThemeSet::All };
        let org = (role == Role::Provider).then_some(7);
        Membership::new(role, country, t, org).unwrap()
    }

    /// What each role may do on a target in its country and themes, owned by its organisation:
    /// written out by hand, independently of `reach`, so a change to the table shows here.
    fn expected_in_scope(role: Role) -> &'static [Action] {
        use Action as A;
        match role {
            Role::Admin => &[A::ViewUnpublished, A::ManageMembers, A::ManageUsers, A::ManageTwg, A::ViewAudit],
            Role::Secretariat => &[
                A::ViewUnpublished,
                A::Approve,
                A::Publish,
                A::EditNarrative,
                A::CreateEdition,
                A::ManageMembers,
                A::ViewAudit,
                A::ApproveNarrative,
                A::PublishNarrative,
                A::Comment,
                A::ResolveComment,
                A::ProposeRegistry,
                A::ApproveRegistry,
                A::PublishRegistry,
                A::ManageMeetings,
                A::EditLibrary,
                A::ProposeIndicator,
                A::ReviewIndicator,
                A::ApproveIndicator,
            ],
            Role::Provider => &[A::ViewUnpublished, A::Upload, A::Submit, A::Comment, A::EditLibrary, A::ProposeIndicator],
            Role::Member => &[A::ViewUnpublished, A::Comment, A::ProposeRegistry, A::EditLibrary, A::ProposeIndicator],
            Role::Reader => &[A::ViewUnpublished],
            Role::Chair => &[
                A::ViewUnpublished,
                A::Review,
                A::ApproveNarrative,
                A::Comment,
                A::ResolveComment,
                A::ProposeRegistry,
                A::ApproveRegistry,
                A::ManageMeetings,
                A::EditLibrary,
                A::ProposeIndicator,
                A::ReviewIndicator,
            ],
            Role::Validator => &[A::ViewUnpublished, A::Validate, A::Comment, A::EditLibrary],
        }
    }

    /// Actions whose reach depends on the target's themes (for a thematic membership).
    fn theme_bound(role: Role, a: Action) -> bool {
        matches!(
            (role, a),
            (Role::Provider, Action::Upload | Action::Submit)
                | (Role::Chair, Action::Review | Action::ReviewIndicator)
                | (Role::Provider | Role::Member | Role::Chair, Action::ProposeIndicator)
        )
    }

    #[test]
    fn full_matrix() {
        let in_scope = Target { country: Some(iso("SEN")), themes: themes("T04"), organisation: Some(7) };
        let other_country = Target { country: Some(iso("MLI")), themes: themes("T04"), organisation: Some(7) };
        let other_theme = Target { country: Some(iso("SEN")), themes: themes("T09"), organisation: Some(7) };
        let wider_themes = Target { country: Some(iso("SEN")), themes: themes("T04,T09"), organisation: Some(7) };
        let all_themes = Target { country: Some(iso("SEN")), themes: ThemeSet::All, organisation: Some(7) };
        let other_org = Target { country: Some(iso("SEN")), themes: themes("T04"), organisation: Some(8) };
        let platform = Target::platform();
        let mut checked = 0;
        for role in Role::ALL {
            let m = [membership(role)];
            for action in Action::ALL {
                let want = expected_in_scope(role).contains(&action);
                let got = |t: &Target| authorize(&m, action, t) == Decision::Allow;
                assert_eq!(got(&in_scope), want, "{role} {action:?} in scope");
                // Another country: only the administrator's platform-wide reach crosses it.
                assert_eq!(got(&other_country), want && role == Role::Admin, "{role} {action:?} other country");
                // Other themes: denied exactly where the action is bound to the membership's themes.
                let themed = want && !(role.thematic() && theme_bound(role, action));
                assert_eq!(got(&other_theme), themed, "{role} {action:?} other theme");
                assert_eq!(got(&wider_themes), themed, "{role} {action:?} wider themes");
                assert_eq!(got(&all_themes), themed, "{role} {action:?} all themes");
                // Another organisation's submission: a provider may not act on it.
                let org = want && !(role == Role::Provider && matches!(action, Action::Upload | Action::Submit));
                assert_eq!(got(&other_org), org, "{role} {action:?} other organisation");
                // Platform-wide targets: the administrator only.
                assert_eq!(got(&platform), want && role == Role::Admin, "{role} {action:?} platform");
                checked += 7;
            }
        }
        assert_eq!(checked, 7 * Action::ALL.len() * 7);
    }

    #[test]
    fn no_membership_no_access() {
        for a in Action::ALL {
            assert_eq!(authorize(&[], a, &Target::country(&iso("SEN"))), Decision::Deny);
            assert_eq!(authorize(&[], a, &Target::platform()), Decision::Deny);
        }
    }

    #[test]
    fn one_of_several_memberships_suffices() {
        let ms = [membership(Role::Reader), Membership::new(Role::Validator, Some(iso("MLI")), ThemeSet::All, None).unwrap()];
        assert_eq!(authorize(&ms, Action::Validate, &Target::country(&iso("MLI"))), Decision::Allow);
        assert_eq!(authorize(&ms, Action::Validate, &Target::country(&iso("SEN"))), Decision::Deny);
        assert_eq!(authorize(&ms, Action::ViewUnpublished, &Target::country(&iso("SEN"))), Decision::Allow);
    }

    #[test]
    fn memberships_are_checked() {
        assert!(Membership::new(Role::Admin, Some(iso("SEN")), ThemeSet::All, None).is_err());
        assert!(Membership::new(Role::Chair, None, ThemeSet::All, None).is_err());
        assert!(Membership::new(Role::Validator, Some(iso("SEN")), themes("T01"), None).is_err());
        assert!(Membership::new(Role::Provider, Some(iso("SEN")), themes("T01"), None).is_err());
        assert!(Membership::new(Role::Provider, Some(iso("SEN")), themes("T01"), Some(1)).is_ok());
    }

    #[test]
    fn roles_and_themes_parse() {
        for r in Role::ALL {
            assert_eq!(r.code().parse::<Role>().unwrap(), r);
        }
        assert!("root".parse::<Role>().is_err());
        assert_eq!(themes(" * "), ThemeSet::All);
        assert_eq!(themes("T05,T04").to_string(), "T04,T05");
        assert!(ThemeSet::parse("T4").is_err());
        assert!(themes("T04,T05").covers(&themes("T05")));
        assert!(!themes("T04").covers(&ThemeSet::All));
    }
}
