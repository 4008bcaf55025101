//! Components: pieces of pages that receive data and emit callbacks. Only the parcel
//! details and the inquiry form also fetch or send what they show.
//!
//! - [`shared`]: pieces any part of the app may use (header, loading and error states,
//!   deferred building, toggles, the parcel-status legend). They know nothing of who is
//!   signed in.
//! - [`public`]: the public atlas's pieces (finder, results, parcel details, plan check,
//!   inquiry form), shown to anyone without signing in.
//! - [`portal`]: the enterprise portal's pieces (figures form, conflict view, scores,
//!   tiers).
//!
//! - [`runs`]: the officials' 亩均效益 runs (profile form, class chart, ranked table,
//!   movers), in the signed-in app.
//! - [`land`]: the officials' land page's pieces (flag lists, parcel form, outline controls).
//!
//! - [`requests`]: service requests (企业诉求) as enterprises and officials both see them
//!   (cards, deadline countdown, timeline), in the signed-in app.
//!
//! - [`workspace`]: the officials' workspace (the import preview).
//!
//! Each signed-in section has its own sibling module (`portal/`, `workspace/`).
//! Sections do not import each other's components: a piece two sections need moves to
//! `shared`, so that a change made for one section cannot alter what another shows.

pub mod land;
pub mod portal;
pub mod public;
pub mod requests;
pub mod runs;
pub mod shared;
pub mod workspace;
