//! One file per page. Pages are the only code that calls the API.

pub mod atlas;
