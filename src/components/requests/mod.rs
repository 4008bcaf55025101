//! Pieces of the service-request pages: the deadline countdown, a request's card in a
//! list, its timeline.

pub mod card;
pub mod deadline;
pub mod photo_picker;
pub mod timeline;
