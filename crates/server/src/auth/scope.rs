//! What a caller may reach, resolved once from its account: the one place where a role
//! becomes a set of parks and enterprises. Store queries that list scoped records take a
//! [`Scope`], and every permission check asks one.

use parkatlas_core::calendar::RequestState;
use parkatlas_core::wire::{Role, UserRecord};

use crate::error::ApiError;

/// Where a record belongs: its park (none for city-wide records such as scoring
/// profiles) and its enterprise, if it is one enterprise's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Owner {
    pub park_id: Option<i64>,
    pub enterprise_id: Option<i64>,
}

impl Owner {
    /// A city-wide record: only city admins manage it.
    pub const CITY: Owner = Owner { park_id: None, enterprise_id: None };

    pub fn park(park_id: i64) -> Owner {
        Owner { park_id: Some(park_id), enterprise_id: None }
    }

    pub fn enterprise(enterprise_id: i64, park_id: i64) -> Owner {
        Owner { park_id: Some(park_id), enterprise_id: Some(enterprise_id) }
    }
}

/// The records a caller may reach.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// A city admin: everything.
    Everything,
    /// A park officer: the records of these parks.
    Parks(Vec<i64>),
    /// An enterprise user: the records of this enterprise.
    Enterprise(i64),
    /// The public, and accounts that belong to nothing: public records only.
    Public,
}

/// The requests an Open311 caller lists, and whether it sees them in full.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Open311Reach {
    pub listed: Scope,
    pub in_full: bool,
}

impl Scope {
    pub fn of(user: Option<&UserRecord>) -> Scope {
        let Some(user) = user else { return Scope::Public };
        match (user.role, user.enterprise_id) {
            (Role::Admin, _) => Scope::Everything,
            (Role::Officer, _) => Scope::Parks(user.park_ids.clone()),
            (Role::Enterprise, Some(enterprise_id)) => Scope::Enterprise(enterprise_id),
            (Role::Enterprise, None) => Scope::Public,
        }
    }

    /// May change the records of `owner`: admins all, officers those of their parks.
    pub fn manages(&self, owner: Owner) -> bool {
        match self {
            Scope::Everything => true,
            Scope::Parks(parks) => owner.park_id.is_some_and(|park| parks.contains(&park)),
            Scope::Enterprise(_) | Scope::Public => false,
        }
    }

    /// May read the private records of `owner`: whoever manages it, and the users of the
    /// enterprise it belongs to.
    pub fn sees(&self, owner: Owner) -> bool {
        match self {
            Scope::Enterprise(enterprise_id) => owner.enterprise_id == Some(*enterprise_id),
            _ => self.manages(owner),
        }
    }

    /// 403 unless this scope manages `owner`'s records.
    pub fn check_manages(&self, owner: Owner) -> Result<(), ApiError> {
        match (self.manages(owner), owner.park_id) {
            (true, _) => Ok(()),
            (false, Some(park_id)) => {
                Err(ApiError::Forbidden(format!("only officers of park {park_id} and city admins may do this")))
            }
            (false, None) => Err(ApiError::Forbidden("only city admins may do this".into())),
        }
    }

    /// 403 unless this scope sees `owner`'s private records.
    pub fn check_sees(&self, owner: Owner) -> Result<(), ApiError> {
        match (self.sees(owner), owner.enterprise_id) {
            (true, _) => Ok(()),
            (false, Some(enterprise_id)) => Err(ApiError::Forbidden(format!(
                "enterprise {enterprise_id}'s records are open to its own users, its park's officers and city admins"
            ))),
            (false, None) => self.check_manages(owner),
        }
    }

    /// Whether this scope reads the results of an evaluation run of `run_owner` in full,
    /// with the cohort's min–max range (other enterprises' figures): admins and the
    /// officers of a one-park run do. Officers read their parks' part of a city-wide run
    /// and an enterprise its own result, without the range; officers may not read a run
    /// of another park at all (403).
    pub fn reads_run(&self, run_owner: Owner) -> Result<bool, ApiError> {
        match self {
            Scope::Parks(_) if run_owner.park_id.is_some() => self.check_manages(run_owner).map(|()| true),
            _ => Ok(self.manages(run_owner)),
        }
    }

    /// Officers and admins act on records; enterprise users and the public file or read them.
    pub fn is_staff(&self) -> bool {
        matches!(self, Scope::Everything | Scope::Parks(_))
    }

    /// What Open311 (`/open311/v2`) shows this caller of service requests: the requests it
    /// lists, and whether in full. The public lists every request, on its public side only
    /// (category, status, dates, the park: never the text, place, media or notes); a key of
    /// an enterprise lists that enterprise's requests in full and nothing of another's. That
    /// is stricter than showing others' on their public side: a key narrows what is listed
    /// to the account it acts for, and never widens it.
    pub fn open311_reach(&self) -> Open311Reach {
        match self {
            Scope::Public => Open311Reach { listed: Scope::Everything, in_full: false },
            other => Open311Reach { listed: other.clone(), in_full: true },
        }
    }

    /// Whether this caller drives a request into `to`, a request it sees. Officers and
    /// admins take every step but the rating (into `rated`), which the enterprise gives;
    /// whether the step exists at all is core's `check_transition`, not this.
    pub fn drives_request_to(&self, to: RequestState) -> Result<(), &'static str> {
        match (self, to == RequestState::Rated) {
            (Scope::Enterprise(_), true) => Ok(()),
            (Scope::Enterprise(_) | Scope::Public, _) => {
                Err("an enterprise rates its request once it is resolved (to: rated); its park's officers take every \
                 other step")
            }
            (_, true) => Err("only the enterprise that filed the request rates it"),
            (_, false) => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(role: Role, enterprise_id: Option<i64>, park_ids: Vec<i64>) -> UserRecord {
        UserRecord {
            id: 1,
            username: "u".into(),
            display_name: "用户".into(),
            role,
            enterprise_id,
            park_ids,
            version: 1,
        }
    }

    #[test]
    fn each_role_resolves_to_its_scope() {
        assert_eq!(Scope::of(None), Scope::Public);
        assert_eq!(Scope::of(Some(&user(Role::Admin, None, vec![]))), Scope::Everything);
        assert_eq!(Scope::of(Some(&user(Role::Officer, None, vec![1, 3]))), Scope::Parks(vec![1, 3]));
        assert_eq!(Scope::of(Some(&user(Role::Enterprise, Some(7), vec![]))), Scope::Enterprise(7));
        assert_eq!(Scope::of(Some(&user(Role::Enterprise, None, vec![]))), Scope::Public);
    }

    #[test]
    fn officers_manage_their_parks_and_enterprises_see_only_their_own() {
        let guanggu = Scope::Parks(vec![1]);
        assert!(guanggu.manages(Owner::enterprise(5, 1)));
        assert!(!guanggu.manages(Owner::enterprise(6, 2)));
        assert!(!guanggu.manages(Owner::CITY));
        assert!(Scope::Everything.manages(Owner::CITY));
        let firm = Scope::Enterprise(5);
        assert!(firm.sees(Owner::enterprise(5, 1)));
        assert!(!firm.sees(Owner::enterprise(6, 1)));
        assert!(!firm.manages(Owner::enterprise(5, 1)));
        assert!(!Scope::Public.sees(Owner::enterprise(5, 1)));
    }

    #[test]
    fn officers_and_admins_drive_every_step_but_the_rating_which_is_the_enterprises() {
        for to in RequestState::ALL {
            let rating = to == RequestState::Rated;
            assert_eq!(Scope::Enterprise(1).drives_request_to(to).is_ok(), rating, "{to:?}");
            assert_eq!(Scope::Parks(vec![1]).drives_request_to(to).is_ok(), !rating, "{to:?}");
            assert_eq!(Scope::Everything.drives_request_to(to).is_ok(), !rating, "{to:?}");
            assert!(Scope::Public.drives_request_to(to).is_err());
        }
    }

    #[test]
    fn open311_shows_the_public_every_request_on_its_public_side_and_a_key_its_own_in_full() {
        assert_eq!(Scope::Public.open311_reach(), Open311Reach { listed: Scope::Everything, in_full: false });
        let firm = Scope::Enterprise(5);
        assert_eq!(firm.open311_reach(), Open311Reach { listed: firm.clone(), in_full: true });
    }

    #[test]
    fn over_the_legal_transitions_the_enterprise_drives_one_and_officers_the_other_thirteen() {
        let legal: Vec<_> =
            RequestState::ALL.iter().flat_map(|from| from.next_states().into_iter().map(|to| (*from, to))).collect();
        assert_eq!(legal.len(), 14);
        let by = |scope: Scope| legal.iter().filter(|(_, to)| scope.drives_request_to(*to).is_ok()).count();
        assert_eq!((by(Scope::Enterprise(1)), by(Scope::Parks(vec![1])), by(Scope::Everything)), (1, 13, 13));
    }
}
