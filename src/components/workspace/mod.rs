//! The officials' workspace pieces.
//!
//! - [`import`]: the import preview: the column mapping, the problem list, the parcels
//!   with their areas and the enterprise rows.

pub mod import;
