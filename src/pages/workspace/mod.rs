//! 工作台: the officials' workspace (officers: their parks; admins: every park).
//!
//! - [`home`]: the figures of the parks, each a link to its list, and the sections as tiles;
//!   [`figures`] computes them as plain values.
//! - [`desk`]: the request desk, its filter in the URL ([`filter`]); the steps on one request
//!   are on the request page (`pages/requests/desk_actions.rs`).
//! - [`kpis`]: the desk's KPIs per park and category over a period, as a table and bars.
//! - [`inquiries`]: investors' inquiries, marked answered or closed.
//! - [`texts`]: the one text table of the workspace frame and the desk.

pub mod desk;
pub mod figures;
pub mod filter;
pub mod home;
pub mod inquiries;
pub mod kpis;
pub mod texts;
