//! The officials' workspace pages beyond the request desk.
//!
//! - [`import`]: import parcels and enterprises from officials' files, previewed first;
//!   export a park's parcels. [`import_preview`] holds its logic as plain types.

pub mod import;
pub mod import_preview;
pub mod texts;
