//! Presentational components: they receive data and emit callbacks. The parcel details,
//! park list and inquiry form also fetch or send what they show.

pub mod deferred;
pub mod finder;
pub mod header;
pub mod inquiry_form;
pub mod legend;
pub mod parcel_details;
pub mod plan_check;
pub mod results;
pub mod states;
pub mod toggle;
