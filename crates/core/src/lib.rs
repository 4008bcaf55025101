//! parkatlas-core: the one home of parkatlas's domain rules and JSON wire types.
//!
//! Pure code: no IO, no clock, no web or database crates, so the same functions
//! run in the browser (wasm32) and natively (server, CLI, tests). Every result that
//! a person acts on carries its explanation: inputs, formula, benchmark, rule version.
//!
//! # Catalogue
//! - [`units`]: quantities that carry their unit — [`units::SquareMetres`],
//!   [`units::Mu`] (亩, exactly 10000/15 m²), [`units::Hectares`].
//! - [`geometry`]: WGS-84 parcel and park shapes — parsing GeoJSON into
//!   validated [`geometry::Shape`]s, geodesic area and perimeter (Karney, via `geo`),
//!   point-in-polygon, simplification per zoom level, WGS-84 ↔ GCJ-02 for 高德 tiles.
//! - [`efficiency`]: 亩均效益 evaluation (spec §1) — profiles, scoring methods, classes.
//! - [`intensity`]: park land-use intensity from land accounting codes (spec §2).
//! - [`control`]: parcel control indicators, 标准地 and investor plan checks (spec §3).
//! - [`tiers`]: enterprise gradient tiers under the 2022 and 2026 rules (spec §4).
//! - [`park_checks`]: park-level targets — leading industries (spec §5).
//! - [`calendar`]: working-day deadlines for service requests (spec §6).
//! - [`registry`]: Chinese registry codes — the 统一社会信用代码 with its check character and
//!   the GB/T 4754 industry code.
//! - [`text`]: [`text::Bilingual`], the Chinese-and-English text every explanation carries.
//! - [`wire`]: the JSON bodies of the `/api/v1` API, shared by the SPA and the server.

mod beside;
pub mod calendar;
pub mod control;
pub mod efficiency;
pub mod geometry;
pub mod intensity;
pub mod park_checks;
pub mod registry;
pub mod text;
pub mod tiers;
pub mod units;
pub mod wire;
