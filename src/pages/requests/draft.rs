//! A request as it is being typed: kept in `localStorage` on every change, so a reload,
//! a lost connection or an ended session loses nothing, and turned into the
//! [`NewRequest`] core checks (the same rules the server applies).

use gloo_storage::{LocalStorage, Storage};
use parkatlas_core::calendar::Category;
use parkatlas_core::wire::{Location, NewRequest};
use serde::{Deserialize, Serialize};

const DRAFT_KEY: &str = "parkatlas.request-draft";

/// The form's fields as typed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub category: Option<Category>,
    pub title: String,
    pub body: String,
    pub address: String,
    pub location: Option<Location>,
    pub parcel_id: Option<i64>,
}

/// The draft's free-text fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextField {
    Title,
    Body,
    Address,
}

impl TextField {
    /// The field's name, as core's and the server's problems name it.
    pub fn name(self) -> &'static str {
        match self {
            TextField::Title => "title",
            TextField::Body => "body",
            TextField::Address => "address",
        }
    }
}

/// The field to fix, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub field: String,
    pub message: String,
}

impl Draft {
    /// The draft this device keeps, or an empty one.
    pub fn load() -> Draft {
        LocalStorage::get(DRAFT_KEY).unwrap_or_default()
    }

    pub fn keep(&self) {
        // Private browsing may refuse storage; the form still works for this visit.
        let _ = LocalStorage::set(DRAFT_KEY, self);
    }

    pub fn forget() {
        LocalStorage::delete(DRAFT_KEY);
    }

    pub fn text(&self, field: TextField) -> &str {
        match field {
            TextField::Title => &self.title,
            TextField::Body => &self.body,
            TextField::Address => &self.address,
        }
    }

    pub fn set_text(&mut self, field: TextField, typed: String) {
        match field {
            TextField::Title => self.title = typed,
            TextField::Body => self.body = typed,
            TextField::Address => self.address = typed,
        }
    }

    /// The draft of a request that waits in the outbox, to edit it.
    pub fn of(request: &NewRequest) -> Draft {
        Draft {
            category: Some(request.category),
            title: request.title.clone(),
            body: request.body.clone(),
            address: request.address.clone().unwrap_or_default(),
            location: request.location,
            parcel_id: request.parcel_id,
        }
    }

    /// The request to file, or the first field to fix.
    pub fn request(&self) -> Result<NewRequest, Problem> {
        let at = |field: &str, message: String| Problem { field: field.into(), message };
        let category =
            self.category.ok_or_else(|| at("category", "choose a category: its time limit follows from it".into()))?;
        let address = self.address.trim();
        let request = NewRequest {
            category,
            title: self.title.trim().to_string(),
            body: self.body.trim().to_string(),
            parcel_id: self.parcel_id,
            location: self.location,
            address: (!address.is_empty()).then(|| address.to_string()),
            media_url: None,
        };
        match request.problem() {
            Some((field, message)) => Err(at(field, message)),
            None => Ok(request),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn complete() -> Draft {
        Draft {
            category: Some(Category::HelpOrSuggestion),
            title: " 厂区道路积水 ".into(),
            body: "雨后3号门前道路积水严重，影响货车进出。".into(),
            address: "光谷星河智造园 3 号门".into(),
            location: Some(Location { lat: 30.4812, lon: 114.4105 }),
            parcel_id: Some(12),
        }
    }

    #[test]
    fn a_complete_draft_is_a_tidy_request() {
        let request = complete().request().unwrap();
        assert_eq!(request.title, "厂区道路积水");
        assert_eq!(request.address.as_deref(), Some("光谷星河智造园 3 号门"));
        assert_eq!(Draft::of(&request).request(), Ok(request), "an outbox item edits back into the same request");
    }

    #[test]
    fn each_problem_names_its_field() {
        let field = |draft: Draft| draft.request().unwrap_err().field;
        assert_eq!(field(Draft { category: None, ..complete() }), "category");
        assert_eq!(field(Draft { title: "水".into(), ..complete() }), "title");
        assert_eq!(field(Draft { body: "  ".into(), ..complete() }), "body");
        assert_eq!(field(Draft { address: "址".repeat(201), ..complete() }), "address");
        assert_eq!(field(Draft { location: Some(Location { lat: 91.0, lon: 114.0 }), ..complete() }), "location");
    }

    #[test]
    fn a_blank_address_is_no_address() {
        let request = Draft { address: "   ".into(), ..complete() }.request().unwrap();
        assert_eq!(request.address, None);
    }
}
