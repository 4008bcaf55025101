//! The server crate's one integration-test binary: the HTTP API over a real SQLite
//! file, and the batch commands run as a user runs them.

mod api;
mod cli;
