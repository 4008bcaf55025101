//! The land page's pieces (officials, signed in): the flag filter and lists with their
//! reasons, the parcel form with its conflict view, and the outline controls. They receive
//! data and emit callbacks; the page (`pages/land`) saves and drives the map.

pub mod flag_list;
pub mod outline_panel;
pub mod parcel_form;
