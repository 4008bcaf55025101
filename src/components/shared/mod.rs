//! Components shared by every section of the app: they know nothing of who is signed in.

pub mod deferred;
pub mod field;
pub mod header;
pub mod legend;
pub mod states;
pub mod toggle;
