//! One module per page; pages are the only code that calls the API.

pub mod atlas;
pub mod compare;
pub mod park;
