//! What a change made on this device is, and the HTTP calls that bring it to the server,
//! resumed where an earlier attempt stopped.

use gloo_net::http::Method;
use parkatlas_core::wire::{AnnualFigures, NewRequest, ParcelBody, ParcelImport, RequestAction};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::outbox::Photo;

/// A change made on this device, kept until the server has it. `P` is the form of each
/// photo: a [`Photo`] with its JPEG in the app, its name where the write is stored as JSON
/// (the JPEGs lie beside it as Blobs) and in tests.
// The figures make one variant large; an outbox holds a handful of writes, and unboxed
// figures keep the pages' constructors plain.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Write<P = Photo> {
    /// `POST /api/v1/requests`, then each photo as an attachment of the new request.
    NewRequest { request: NewRequest, photos: Vec<P> },
    /// `POST /api/v1/requests/{id}/events`, made to `version` of the request (`If-Match`),
    /// then each photo as an attachment (an official's reply with photos of the work done).
    RequestAction {
        request_id: i64,
        version: i64,
        action: RequestAction,
        #[serde(default = "Vec::new")]
        photos: Vec<P>,
    },
    /// `PUT /api/v1/enterprises/{id}/annual-data/{year}`, made to `version` of a stored
    /// year, or without `If-Match` for a year not stored yet.
    AnnualFigures { enterprise_id: i64, year: i32, version: Option<i64>, figures: AnnualFigures },
    /// `PUT /api/v1/parcels/{id}` made to `version` of the parcel, or, without a parcel,
    /// `POST /api/v1/parks/{park_id}/parcels` (an outline drawn on the land page).
    Parcel { park_id: i64, parcel: Option<(i64, i64)>, body: ParcelBody },
    /// `POST /api/v1/parks/{id}/parcels/import`: a checked survey, stored whole or not at all.
    ImportParcels { park_id: i64, import: ParcelImport },
}

/// What the outbox needs of a photo in any form: its file name.
pub trait Named {
    fn file_name(&self) -> &str;
}

impl Named for String {
    fn file_name(&self) -> &str {
        self
    }
}

/// How far the sending of a write got, so that a retry resumes there: a created request
/// is not filed again, a stored photo not uploaded again.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    /// The id of the request the server created for a [`Write::NewRequest`], or acted on
    /// for a [`Write::RequestAction`]: set once the write's own call is stored.
    pub request_id: Option<i64>,
    /// How many of its photos the server has stored, in order.
    pub photos_stored: usize,
}

/// One HTTP call of a write.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    pub method: Method,
    pub path: String,
    pub if_match: Option<i64>,
    /// The call's `Idempotency-Key`.
    pub operation_id: String,
    pub body: CallBody,
}

#[derive(Debug, Clone, PartialEq)]
pub enum CallBody {
    Json(Value),
    /// The JPEG of the write's photo at this index, as the raw body.
    Photo(usize),
}

impl<P> Write<P> {
    /// The same write with each photo turned into another form.
    pub fn map_photos<Q>(self, change: impl FnMut(P) -> Q) -> Write<Q> {
        match self {
            Write::NewRequest { request, photos } => {
                Write::NewRequest { request, photos: photos.into_iter().map(change).collect() }
            }
            Write::RequestAction { request_id, version, action, photos } => {
                Write::RequestAction { request_id, version, action, photos: photos.into_iter().map(change).collect() }
            }
            Write::AnnualFigures { enterprise_id, year, version, figures } => {
                Write::AnnualFigures { enterprise_id, year, version, figures }
            }
            Write::Parcel { park_id, parcel, body } => Write::Parcel { park_id, parcel, body },
            Write::ImportParcels { park_id, import } => Write::ImportParcels { park_id, import },
        }
    }

    /// The photos the write attaches after its own call.
    pub fn photos(&self) -> &[P] {
        match self {
            Write::NewRequest { photos, .. } | Write::RequestAction { photos, .. } => photos,
            Write::AnnualFigures { .. } | Write::Parcel { .. } | Write::ImportParcels { .. } => &[],
        }
    }

    /// The page where the write is edited.
    pub fn edit_path(&self) -> String {
        match self {
            Write::NewRequest { .. } => "/app/requests/new".into(),
            Write::RequestAction { request_id, .. } => format!("/app/requests/{request_id}"),
            Write::AnnualFigures { year, .. } => format!("/app/enterprise/figures/{year}"),
            Write::Parcel { parcel: Some((id, _)), .. } => format!("/app/workspace/land?parcel={id}"),
            Write::Parcel { parcel: None, .. } => "/app/workspace/land".into(),
            Write::ImportParcels { .. } => "/app/workspace/import".into(),
        }
    }
}

impl<P: Named> Write<P> {
    /// The call that goes on from `progress`; `None` for a new request whose photos are
    /// all stored. The write's own call carries `operation_id`, each photo a key of its own.
    pub fn call(&self, operation_id: &str, progress: &Progress) -> Option<Call> {
        fn json<T: Serialize>(body: &T) -> CallBody {
            CallBody::Json(serde_json::to_value(body).unwrap_or(Value::Null))
        }
        let call =
            |method, path, if_match, body| Call { method, path, if_match, operation_id: operation_id.into(), body };
        // Once the write's own call is stored, each photo follows under a key of its own.
        if let Some(id) = progress.request_id {
            let index = progress.photos_stored;
            let name: String =
                form_urlencoded::byte_serialize(self.photos().get(index)?.file_name().as_bytes()).collect();
            let path = format!("/api/v1/requests/{id}/attachments?name={name}");
            let operation_id = format!("{operation_id}-photo-{index}");
            return Some(Call { operation_id, ..call(Method::POST, path, None, CallBody::Photo(index)) });
        }
        Some(match self {
            Write::NewRequest { request, .. } => call(Method::POST, "/api/v1/requests".into(), None, json(request)),
            Write::RequestAction { request_id, version, action, .. } => {
                call(Method::POST, format!("/api/v1/requests/{request_id}/events"), Some(*version), json(action))
            }
            Write::AnnualFigures { enterprise_id, year, version, figures } => {
                let path = format!("/api/v1/enterprises/{enterprise_id}/annual-data/{year}");
                call(Method::PUT, path, *version, json(figures))
            }
            Write::Parcel { parcel: Some((id, version)), body, .. } => {
                call(Method::PUT, format!("/api/v1/parcels/{id}"), Some(*version), json(body))
            }
            Write::Parcel { park_id, parcel: None, body } => {
                call(Method::POST, format!("/api/v1/parks/{park_id}/parcels"), None, json(body))
            }
            Write::ImportParcels { park_id, import } => {
                call(Method::POST, format!("/api/v1/parks/{park_id}/parcels/import"), None, json(import))
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use parkatlas_core::calendar::{Category, RequestState};
    use serde_json::json;

    use super::*;

    fn new_request(photos: &[&str]) -> Write<String> {
        let request = NewRequest {
            category: Category::General,
            title: "光谷三路厂房断电".into(),
            body: "三号厂房自昨日起断电，影响生产。".into(),
            parcel_id: Some(12),
            location: None,
            address: None,
            media_url: None,
        };
        Write::NewRequest { request, photos: photos.iter().map(|name| name.to_string()).collect() }
    }

    #[test]
    fn a_new_request_is_filed_then_each_photo_is_attached_under_its_own_key() {
        let write = new_request(&["配电房 1.jpg", "b.jpg"]);
        let filed = write.call("op-5f2c", &Progress::default()).unwrap();
        assert_eq!((filed.method, filed.path.as_str(), filed.if_match), (Method::POST, "/api/v1/requests", None));
        assert_eq!(filed.operation_id, "op-5f2c");
        assert_eq!(
            filed.body,
            CallBody::Json(json!({
                "category": "general", "title": "光谷三路厂房断电", "body": "三号厂房自昨日起断电，影响生产。", "parcel_id": 12,
                "location": null, "address": null, "media_url": null
            }))
        );

        let first = write.call("op-5f2c", &Progress { request_id: Some(42), photos_stored: 0 }).unwrap();
        assert_eq!(first.path, "/api/v1/requests/42/attachments?name=%E9%85%8D%E7%94%B5%E6%88%BF+1.jpg");
        assert_eq!((first.operation_id.as_str(), first.body), ("op-5f2c-photo-0", CallBody::Photo(0)));
        let second = write.call("op-5f2c", &Progress { request_id: Some(42), photos_stored: 1 }).unwrap();
        assert_eq!((second.operation_id.as_str(), second.body), ("op-5f2c-photo-1", CallBody::Photo(1)));
        assert_eq!(write.call("op-5f2c", &Progress { request_id: Some(42), photos_stored: 2 }), None);
    }

    #[test]
    fn an_action_names_the_version_it_was_made_to() {
        let action = RequestAction { to: RequestState::Rated, note: String::new(), rating: None };
        let write: Write<String> = Write::RequestAction { request_id: 42, version: 3, action, photos: Vec::new() };
        let call = write.call("op-rate-42", &Progress::default()).unwrap();
        assert_eq!(
            (call.method, call.path.as_str(), call.if_match),
            (Method::POST, "/api/v1/requests/42/events", Some(3))
        );
    }

    #[test]
    fn yearly_figures_are_put_with_if_match_only_when_a_version_is_known() {
        let figures: AnnualFigures = serde_json::from_value(json!({"efficiency": {"land_area_mu": 36.5}})).unwrap();
        let write = |version| Write::<String>::AnnualFigures {
            enterprise_id: 7,
            year: 2025,
            version,
            figures: figures.clone(),
        };
        let first = write(None).call("op-figures", &Progress::default()).unwrap();
        assert_eq!(
            (first.method, first.path.as_str(), first.if_match),
            (Method::PUT, "/api/v1/enterprises/7/annual-data/2025", None)
        );
        assert_eq!(write(Some(4)).call("op-figures", &Progress::default()).unwrap().if_match, Some(4));
    }

    #[test]
    fn a_parcel_is_replaced_at_its_version_or_added_to_its_park() {
        let body: ParcelBody = serde_json::from_value(json!({
            "code": "GG-2026-001", "land_use": "industrial", "status": "available",
            "geometry": {"type": "Polygon", "coordinates": [[[114.4, 30.5], [114.401, 30.5], [114.401, 30.501], [114.4, 30.5]]]}
        }))
        .unwrap();
        let edited = Write::<String>::Parcel { park_id: 1, parcel: Some((12, 3)), body: body.clone() };
        let call = edited.call("op-parcel", &Progress::default()).unwrap();
        assert_eq!((call.method, call.path.as_str(), call.if_match), (Method::PUT, "/api/v1/parcels/12", Some(3)));
        assert_eq!(edited.edit_path(), "/app/workspace/land?parcel=12");
        let drawn = Write::<String>::Parcel { park_id: 1, parcel: None, body };
        let call = drawn.call("op-parcel", &Progress::default()).unwrap();
        assert_eq!((call.method, call.path.as_str(), call.if_match), (Method::POST, "/api/v1/parks/1/parcels", None));
        assert!(matches!(call.body, CallBody::Json(ref value) if value["code"] == "GG-2026-001"));
    }

    #[test]
    fn each_write_is_edited_on_its_own_page() {
        let action = RequestAction { to: RequestState::Rated, note: String::new(), rating: None };
        let figures: AnnualFigures = serde_json::from_value(json!({"efficiency": {"land_area_mu": 36.5}})).unwrap();
        assert_eq!(new_request(&[]).edit_path(), "/app/requests/new");
        assert_eq!(
            Write::<String>::RequestAction { request_id: 42, version: 3, action, photos: Vec::new() }.edit_path(),
            "/app/requests/42"
        );
        let figures = Write::<String>::AnnualFigures { enterprise_id: 7, year: 2025, version: None, figures };
        assert_eq!(figures.edit_path(), "/app/enterprise/figures/2025");
    }
}
