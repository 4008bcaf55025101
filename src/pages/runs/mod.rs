//! 亩均效益 runs, the officials' workspace page `/app/workspace/evaluations`: a year's
//! figures evaluated in the browser by core under a profile being edited, what-ifs, a
//! comparison of two profiles, publishing with a 公示 period, and an Excel export.
//!
//! - [`page`]: the page, wiring signals only; [`explain`], [`versus`], [`publish_panel`]:
//!   its panels that read or write.
//! - [`draft`]: the profile as edited, with every problem at once beside its field.
//! - [`workbench`]: the baseline and current runs and who changed class.
//! - [`ranking`]: the ranked table's rows, sort, search and window; [`export`]: as a sheet.
//! - [`publish`]: what a publication sends, and why a run cannot be published.
//! - [`texts`]: the page's strings.

pub mod draft;
pub mod explain;
pub mod export;
pub mod page;
pub mod publish;
pub mod publish_panel;
pub mod ranking;
pub mod texts;
pub mod versus;
pub mod workbench;
