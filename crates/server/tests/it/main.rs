//! The server crate's one integration-test binary: the HTTP API over a real SQLite file
//! (and a real PostgreSQL server when the test command started one), and the commands
//! run as a user runs them.

mod api;
mod cli;
mod durability;
mod enterprises;
mod evaluations;
mod import;
mod inquiries;
mod land;
mod matrix;
mod open311;
mod requests;
mod session;
mod statistics;
mod support;
mod sync;
