//! 企业诉求: service requests, filed by enterprises and followed by officials.

mod desk_actions;
pub mod detail;
pub mod draft;
pub mod list;
pub mod new;
mod rating;
mod sending;
pub mod texts;
