//! One module per page; pages are the only code that calls the API. `atlas`, `park` and
//! `compare` make the public atlas; the others belong to the signed-in app.

pub mod account;
pub mod atlas;
pub mod compare;
pub mod land;
pub mod outbox;
pub mod park;
pub mod portal;
pub mod requests;
pub mod runs;
pub mod workspace;
