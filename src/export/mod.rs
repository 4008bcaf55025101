//! Files the signed-in app writes for an official to keep: tables as Excel workbooks
//! ([`xlsx`]) and any bytes handed to the browser as a download ([`download`]).
//! Reached only from the signed-in app, so the public atlas carries none of it.

pub mod download;
pub mod xlsx;
