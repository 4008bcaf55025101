//! parkatlas-core: the one home of parkatlas's domain rules and JSON wire types.
//!
//! Pure code: no IO, no clock, no web or database crates, so the same functions
//! run in the browser (wasm32) and natively (server, CLI, tests).
//!
//! # Catalogue
//! - [`units`]: quantities that carry their unit — [`units::SquareMetres`],
//!   [`units::Mu`] (亩, exactly 10000/15 m²), [`units::Hectares`].
//! - [`geometry`]: WGS-84 parcel and park shapes — parsing GeoJSON into
//!   validated [`geometry::Shape`]s, geodesic area and perimeter (Karney, via `geo`).
//! - [`wire`]: every JSON request and response body of the `/api/v1` API, shared by
//!   the SPA and the server.

pub mod geometry;
pub mod units;
pub mod wire;
