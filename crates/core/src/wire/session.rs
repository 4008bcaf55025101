//! Accounts and sessions: who is calling, and what the caller may do.
//!
//! Four roles (spec §6 and the product brief): the public needs no account; an enterprise
//! user sees its own enterprise only; a park officer manages its parks; a city admin
//! manages everything.

use crate::text::quoted;
use serde::{Deserialize, Serialize};

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 企业用户: files requests and sees its own figures, evaluations and tier gap.
    Enterprise,
    /// 园区管理人员: manages the parks assigned to it.
    Officer,
    /// 市级管理员: manages every park, profile and account.
    Admin,
}

/// `POST /api/v1/session`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Login {
    pub username: String,
    pub password: String,
}

/// An account as admins and its owner see it; never the password hash.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserRecord {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    /// The enterprise an enterprise user belongs to.
    pub enterprise_id: Option<i64>,
    /// The parks an officer manages.
    pub park_ids: Vec<i64>,
    pub version: i64,
}

/// The signed-in caller, from `GET /api/v1/session` or a successful login. Every request
/// that changes something must echo `csrf_token` in the `X-CSRF-Token` header.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionInfo {
    pub user: UserRecord,
    pub csrf_token: String,
}

/// `GET /api/v1/demo-accounts`: the accounts of the demo dataset, for the sign-in page to
/// offer; empty, without a password, when the database holds real data.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DemoAccounts {
    /// The one password of every demo account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    pub accounts: Vec<DemoAccount>,
}

/// One demo account.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DemoAccount {
    pub username: String,
    pub display_name: String,
    pub role: Role,
}

/// `POST /api/v1/users` (admins) and `parkatlas user add`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewUser {
    pub username: String,
    pub display_name: String,
    pub password: String,
    pub role: Role,
    #[serde(default)]
    pub enterprise_id: Option<i64>,
    #[serde(default)]
    pub park_ids: Vec<i64>,
}

/// Passwords shorter than this are refused.
pub const MIN_PASSWORD_CHARS: usize = 10;

impl NewUser {
    /// The first problem with this account, as `(field, problem)`.
    pub fn problem(&self) -> Option<(&'static str, String)> {
        let username_ok = (3..=64).contains(&self.username.chars().count())
            && self.username.chars().all(|c| c.is_ascii_alphanumeric() || "._-@".contains(c));
        if !username_ok {
            return Some((
                "username",
                format!("{}: use 3 to 64 letters, digits, '.', '_', '-' or '@'", quoted(&self.username)),
            ));
        }
        if self.display_name.trim().is_empty() || self.display_name.chars().count() > 100 {
            return Some(("display_name", "give a name of 1 to 100 characters".into()));
        }
        if self.password.chars().count() < MIN_PASSWORD_CHARS {
            return Some(("password", format!("use at least {MIN_PASSWORD_CHARS} characters")));
        }
        match (self.role, self.enterprise_id, self.park_ids.is_empty()) {
            (Role::Enterprise, None, _) => Some(("enterprise_id", "an enterprise user needs its enterprise".into())),
            (Role::Enterprise, Some(_), false) | (Role::Admin, _, false) => {
                Some(("park_ids", "only officers are assigned parks".into()))
            }
            (Role::Officer | Role::Admin, Some(_), _) => {
                Some(("enterprise_id", "only enterprise users belong to an enterprise".into()))
            }
            (Role::Officer, None, true) => Some(("park_ids", "an officer needs at least one park".into())),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn officer() -> NewUser {
        NewUser {
            username: "officer.gx".into(),
            display_name: "园区管理员".into(),
            password: "correct horse battery".into(),
            role: Role::Officer,
            enterprise_id: None,
            park_ids: vec![1],
        }
    }

    #[test]
    fn a_complete_officer_has_no_problem() {
        assert_eq!(officer().problem(), None);
    }

    #[test]
    fn each_problem_names_its_field() {
        type Edit = fn(&mut NewUser);
        let cases: [(Edit, &str); 6] = [
            (|u| u.username = "a b".into(), "username"),
            (|u| u.display_name = " ".into(), "display_name"),
            (|u| u.password = "short".into(), "password"),
            (|u| u.park_ids.clear(), "park_ids"),
            (|u| u.enterprise_id = Some(3), "enterprise_id"),
            (|u| u.role = Role::Enterprise, "enterprise_id"),
        ];
        for (change, field) in cases {
            let mut user = officer();
            change(&mut user);
            assert_eq!(user.problem().map(|(f, _)| f), Some(field), "{user:?}");
        }
    }
}
