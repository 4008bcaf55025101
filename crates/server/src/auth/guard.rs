//! Extractors that check a caller before its request body is read: a city admin, staff
//! (officers and admins), an enterprise's own user, or whoever manages or sees the record
//! that the path's `{id}` names. Each looks the record up first: 404 for a missing id,
//! for everyone, then 401 for the public and 403 for an account without rights.

use std::marker::PhantomData;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use parkatlas_core::wire::UserRecord;

use super::{Caller, Owner, Scope};
use crate::api::id::Id;
use crate::error::ApiError;
use crate::store::Store;
use crate::AppState;

/// A kind of record a path's `{id}` can name, and where such a record belongs.
pub trait Owned {
    const RESOURCE: &'static str;

    /// Where record `id` belongs, or `None` when there is no such record.
    fn owner(store: &Store, id: i64) -> impl std::future::Future<Output = Result<Option<Owner>, ApiError>> + Send;
}

/// A record whose private side the caller may read (`{id}` in the path): its
/// enterprise's users, its park's officers, city admins.
pub struct Sees<R> {
    pub id: i64,
    pub owner: Owner,
    pub user: UserRecord,
    kind: PhantomData<R>,
}

/// A record the caller may change (`{id}` in the path): its park's officers, city admins.
pub struct Manages<R> {
    pub id: i64,
    pub owner: Owner,
    pub user: UserRecord,
    kind: PhantomData<R>,
}

impl<R> Sees<R> {
    pub fn scope(&self) -> Scope {
        Scope::of(Some(&self.user))
    }
}

impl<R> Manages<R> {
    pub fn scope(&self) -> Scope {
        Scope::of(Some(&self.user))
    }
}

/// The record `{id}` names and the caller, once the record is known to exist.
async fn located<R: Owned>(parts: &mut Parts, state: &AppState) -> Result<(i64, Owner, Caller), ApiError> {
    let Id(id) = Id::from_request_parts(parts, state).await?;
    let owner = R::owner(&state.store, id).await?.ok_or(ApiError::NotFound { resource: R::RESOURCE, id })?;
    Ok((id, owner, Caller::from_request_parts(parts, state).await?))
}

impl<R: Owned + Send> FromRequestParts<AppState> for Sees<R> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let (id, owner, caller) = located::<R>(parts, state).await?;
        let user = caller.require_sees(owner)?.clone();
        Ok(Sees { id, owner, user, kind: PhantomData })
    }
}

impl<R: Owned + Send> FromRequestParts<AppState> for Manages<R> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let (id, owner, caller) = located::<R>(parts, state).await?;
        let user = caller.require_manages(owner)?.clone();
        Ok(Manages { id, owner, user, kind: PhantomData })
    }
}

/// A city admin.
pub struct Admin(pub UserRecord);

impl FromRequestParts<AppState> for Admin {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let caller = Caller::from_request_parts(parts, state).await?;
        Ok(Admin(caller.require_manages(Owner::CITY)?.clone()))
    }
}

/// A park officer or a city admin: those who act on records for a park. Which park the
/// body names is checked once the body is read.
pub struct Staff {
    pub user: UserRecord,
    pub scope: Scope,
}

impl FromRequestParts<AppState> for Staff {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let caller = Caller::from_request_parts(parts, state).await?;
        let user = caller.signed_in()?.clone();
        let scope = caller.scope();
        if !scope.is_staff() {
            return Err(ApiError::Forbidden("only park officers and city admins may do this".into()));
        }
        Ok(Staff { user, scope })
    }
}

/// An enterprise's own user, with the enterprise and its park: who files service requests.
pub struct EnterpriseUser {
    pub user: UserRecord,
    pub enterprise_id: i64,
    pub park_id: i64,
}

impl FromRequestParts<AppState> for EnterpriseUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let caller = Caller::from_request_parts(parts, state).await?;
        let user = caller.signed_in()?.clone();
        let Scope::Enterprise(enterprise_id) = caller.scope() else {
            return Err(ApiError::Forbidden(
                "requests are filed by an enterprise's own users; officers and admins act on them with \
                 POST /requests/{id}/events"
                    .into(),
            ));
        };
        let park_id = state.store.park_of_enterprise(enterprise_id).await?.ok_or_else(|| {
            ApiError::Internal(anyhow::anyhow!("user {} names enterprise {enterprise_id}, which is missing", user.id))
        })?;
        Ok(EnterpriseUser { user, enterprise_id, park_id })
    }
}

/// The kinds of record a path can name.
pub mod kinds {
    use super::{ApiError, Owned, Owner, Store};

    pub struct Park;
    pub struct Parcel;
    pub struct Enterprise;
    pub struct Certificate;
    pub struct Request;
    pub struct Inquiry;
    pub struct Profile;
    pub struct User;

    impl Owned for Park {
        const RESOURCE: &'static str = "park";
        async fn owner(store: &Store, id: i64) -> Result<Option<Owner>, ApiError> {
            Ok(store.park_exists(id).await?.then(|| Owner::park(id)))
        }
    }

    impl Owned for Parcel {
        const RESOURCE: &'static str = "parcel";
        async fn owner(store: &Store, id: i64) -> Result<Option<Owner>, ApiError> {
            Ok(store.park_of_parcel(id).await?.map(Owner::park))
        }
    }

    impl Owned for Enterprise {
        const RESOURCE: &'static str = "enterprise";
        async fn owner(store: &Store, id: i64) -> Result<Option<Owner>, ApiError> {
            Ok(store.park_of_enterprise(id).await?.map(|park_id| Owner::enterprise(id, park_id)))
        }
    }

    /// A certificate is public; changing it is its enterprise's park's business.
    impl Owned for Certificate {
        const RESOURCE: &'static str = "certificate";
        async fn owner(store: &Store, id: i64) -> Result<Option<Owner>, ApiError> {
            Ok(store.park_of_certificate(id).await?.map(Owner::park))
        }
    }

    impl Owned for Request {
        const RESOURCE: &'static str = "request";
        async fn owner(store: &Store, id: i64) -> Result<Option<Owner>, ApiError> {
            let owner = store.request_owner(id).await?;
            Ok(owner.map(|owner| Owner::enterprise(owner.enterprise_id, owner.park_id)))
        }
    }

    impl Owned for Inquiry {
        const RESOURCE: &'static str = "inquiry";
        async fn owner(store: &Store, id: i64) -> Result<Option<Owner>, ApiError> {
            Ok(store.park_of_inquiry(id).await?.map(Owner::park))
        }
    }

    /// Accounts are the city's: admins manage them.
    impl Owned for User {
        const RESOURCE: &'static str = "user";
        async fn owner(store: &Store, id: i64) -> Result<Option<Owner>, ApiError> {
            Ok(store.user(id).await?.map(|_| Owner::CITY))
        }
    }

    /// Scoring profiles are the city's.
    impl Owned for Profile {
        const RESOURCE: &'static str = "profile";
        async fn owner(store: &Store, id: i64) -> Result<Option<Owner>, ApiError> {
            Ok(store.profile(id).await?.map(|_| Owner::CITY))
        }
    }
}
