//! The enterprise portal's components (我的企业): they receive data and emit callbacks; the
//! pages in `crate::pages::portal` load and save.
//!
//! - [`figure`]: the inputs of a year of figures; [`draft`]: a year as typed, read into the
//!   wire's figures and checked by core; [`merge`]: two versions of it after a conflict,
//!   merged figure by figure.
//! - [`figure_fields`]: the form's inputs; [`conflict_view`]: the side-by-side conflict.
//! - [`score`]: classes, cut-offs, item scores and estimates of the 亩均 evaluation.
//! - [`criterion`] and [`tiers`]: tier criteria, the ladder, gaps and certificates.
//! - [`nav`]: the section tabs.

pub mod conflict_view;
pub mod criterion;
pub mod draft;
pub mod figure;
pub mod figure_fields;
pub mod merge;
pub mod nav;
pub mod score;
pub mod tiers;
