//! The public atlas's components, shown to anyone without signing in: finding land,
//! the list of matches, a parcel's details with its plan check, and the inquiry form.

pub mod finder;
pub mod inquiry_form;
pub mod parcel_details;
pub mod plan_check;
pub mod results;
