//! The store's one error type. The API tells a duplicate (a unique constraint that refused
//! a change two writers raced for) from every other failure by its variant, and each
//! failure names the record or row it met.

use std::fmt::Display;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A unique constraint refused the change.
    #[error("{what}a unique constraint refused the change: {source}")]
    Duplicate { what: String, source: sqlx::Error },
    #[error("{what}database failure: {source}")]
    Database { what: String, source: sqlx::Error },
    /// The database holds what this version cannot read, or a record vanished mid-write.
    #[error("{0}")]
    Inconsistent(String),
    /// A client operation id that was first sent with another request.
    #[error("operation id {key:?} was already used for {method} {path}; send a new id with a different request")]
    OperationReused { key: String, method: String, path: String },
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

impl StoreError {
    pub fn is_duplicate(&self) -> bool {
        matches!(self, StoreError::Duplicate { .. })
    }

    /// The same error, said to have happened while doing `what`.
    fn within(self, what: impl Display) -> StoreError {
        match self {
            StoreError::Duplicate { what: inner, source } => {
                StoreError::Duplicate { what: format!("{what}: {inner}"), source }
            }
            StoreError::Database { what: inner, source } => {
                StoreError::Database { what: format!("{what}: {inner}"), source }
            }
            StoreError::Inconsistent(inner) => StoreError::Inconsistent(format!("{what}: {inner}")),
            reused @ StoreError::OperationReused { .. } => reused,
        }
    }
}

impl From<sqlx::Error> for StoreError {
    fn from(source: sqlx::Error) -> StoreError {
        let what = String::new();
        match &source {
            sqlx::Error::Database(error) if error.is_unique_violation() => StoreError::Duplicate { what, source },
            _ => StoreError::Database { what, source },
        }
    }
}

/// Stored text that does not parse is an inconsistency, whatever the parser.
macro_rules! inconsistent_from {
    ($($error:ty),*) => {$(
        impl From<$error> for StoreError {
            fn from(error: $error) -> StoreError {
                StoreError::Inconsistent(error.to_string())
            }
        }
    )*};
}

inconsistent_from!(
    serde_json::Error,
    chrono::ParseError,
    std::num::TryFromIntError,
    geojson::Error,
    parkatlas_core::geometry::GeometryError
);

/// Says what the store was doing when something failed or was missing, as `anyhow`'s
/// `Context` does, keeping the error's variant.
pub trait Context<T> {
    fn context(self, what: impl Display) -> Result<T>;
    fn with_context<D: Display>(self, what: impl FnOnce() -> D) -> Result<T>;
}

impl<T> Context<T> for Option<T> {
    fn context(self, what: impl Display) -> Result<T> {
        self.ok_or_else(|| StoreError::Inconsistent(what.to_string()))
    }

    fn with_context<D: Display>(self, what: impl FnOnce() -> D) -> Result<T> {
        self.ok_or_else(|| StoreError::Inconsistent(what().to_string()))
    }
}

impl<T, E: Into<StoreError>> Context<T> for std::result::Result<T, E> {
    fn context(self, what: impl Display) -> Result<T> {
        self.map_err(|error| error.into().within(what))
    }

    fn with_context<D: Display>(self, what: impl FnOnce() -> D) -> Result<T> {
        self.map_err(|error| error.into().within(what()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_keeps_the_variant_and_names_what_was_done() {
        let missing: Option<i64> = None;
        let error = missing.context("the park just inserted is missing").unwrap_err();
        assert_eq!(error.to_string(), "the park just inserted is missing");
        let unreadable = serde_json::from_str::<i64>("x").context("stored profile huangyan-2022").unwrap_err();
        assert!(
            matches!(unreadable, StoreError::Inconsistent(ref text) if text.starts_with("stored profile huangyan-2022: "))
        );
        let failed: Result<(), sqlx::Error> = Err(sqlx::Error::RowNotFound);
        let error = failed.context("cannot insert park 光谷").unwrap_err();
        assert!(!error.is_duplicate());
        assert!(error.to_string().starts_with("cannot insert park 光谷: "));
    }
}
