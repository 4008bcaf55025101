//! Pages of the account: signing in.

pub mod sign_in;
