//! The officials' runs page's parts (`pages::runs`): the profile form, the class chart,
//! the windowed ranked table and the list of who changed class.

pub mod chart;
pub mod movers;
pub mod profile_form;
pub mod table;
