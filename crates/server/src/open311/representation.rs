//! A service request as GeoReport v2 writes it, on its public side or in full.
//!
//! The public side is what anyone may know: the service, the status, the dates and the
//! park that answers. The text, the place, the media link and the officials' notes are
//! elements of the full view only, written for the enterprise's own key.

use chrono::{NaiveDateTime, SecondsFormat};
use parkatlas_core::calendar::{china_offset, service_rules, Open311Status, RequestState};
use parkatlas_core::wire::RequestRecord;
use serde::Serialize;

use super::services::service_code;

/// One request of `requests.{json,xml}` (GeoReport v2 field names; `address_id` is
/// omitted, as parkatlas keeps no address ids).
#[derive(Debug, Serialize)]
pub struct ServiceRequest {
    service_request_id: String,
    status: Open311Status,
    #[serde(skip_serializing_if = "Option::is_none")]
    status_notes: Option<String>,
    service_name: String,
    service_code: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    agency_responsible: String,
    service_notice: String,
    requested_datetime: String,
    updated_datetime: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    expected_datetime: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    address: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    zipcode: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lat: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    long: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    media_url: Option<String>,
}

/// The answer to filing a request: `[{service_request_id, service_notice, account_id}]`.
#[derive(Debug, Serialize)]
pub struct Receipt {
    pub service_request_id: String,
    pub service_notice: String,
    /// The account the key acts as: the enterprise user's id.
    pub account_id: String,
}

/// The answer to `tokens/{token}`: parkatlas files synchronously, so a request's token is its id.
#[derive(Debug, Serialize)]
pub struct Token {
    pub service_request_id: String,
    pub token: String,
}

impl ServiceRequest {
    /// `record` as Open311 shows it, answered by the park `agency`; in full or its public side.
    pub fn of(record: &RequestRecord, agency: &str, in_full: bool) -> ServiceRequest {
        let updated = record.events.last().map_or(record.submitted_at, |event| event.at);
        ServiceRequest {
            service_request_id: record.id.to_string(),
            status: record.state.open311_status(),
            status_notes: status_notes(record).filter(|_| in_full),
            service_name: record.category.to_string(),
            service_code: service_code(record.category),
            description: Some(record.body.clone()).filter(|_| in_full),
            agency_responsible: agency.to_string(),
            service_notice: service_notice(record.category),
            requested_datetime: iso(record.submitted_at),
            updated_datetime: iso(updated),
            expected_datetime: record.due.as_ref().map(|due| iso(due.due_at)),
            address: record.address.clone().filter(|_| in_full),
            zipcode: Some("").filter(|_| in_full),
            lat: record.location.map(|point| point.lat).filter(|_| in_full),
            long: record.location.map(|point| point.lon).filter(|_| in_full),
            media_url: record.media_url.clone().filter(|_| in_full),
        }
    }
}

/// The latest note an official or the platform wrote (a rating's note is the enterprise's own).
fn status_notes(record: &RequestRecord) -> Option<String> {
    record
        .events
        .iter()
        .rev()
        .find(|event| event.from.is_some() && event.to != RequestState::Rated && !event.note.trim().is_empty())
        .map(|event| event.note.clone())
}

/// The time limit of `category` in words: 2个工作日内办结 (resolved within 2 working days).
pub fn service_notice(category: parkatlas_core::calendar::Category) -> String {
    service_rules().category(category).map_or_else(String::new, |rule| {
        let limit = rule.limit_text();
        format!("{} ({})", limit.zh, limit.en)
    })
}

/// A China local time in ISO 8601 with its zone: `2026-03-02T09:00:00+08:00`.
pub fn iso(china: NaiveDateTime) -> String {
    let instant = china.and_local_timezone(china_offset()).single().expect("a fixed offset maps each local time once");
    instant.to_rfc3339_opts(SecondsFormat::Secs, false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use parkatlas_core::calendar::Category;
    use parkatlas_core::wire::{Location, RequestEvent};
    use serde_json::json;

    fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").unwrap()
    }

    fn record() -> RequestRecord {
        let submitted_at = at("2026-03-02 09:00:00");
        let mut answered = RequestEvent::received(at("2026-03-03 10:30:00"), "园区服务中心");
        (answered.from, answered.to, answered.note) =
            (Some(RequestState::Received), RequestState::Resolved, "已答复".into());
        RequestRecord {
            id: 42,
            version: 2,
            enterprise_id: 7,
            enterprise_name: "光谷示例科技有限公司".into(),
            park_id: 1,
            parcel_id: None,
            category: Category::Enquiry,
            title: "租金补贴".into(),
            body: "何时申报？".into(),
            location: Some(Location { lat: 30.5052, lon: 114.3983 }),
            address: Some("光谷大道77号".into()),
            media_url: Some("https://example.com/a.jpg".into()),
            state: RequestState::Resolved,
            rating: None,
            submitted_at,
            due: None,
            events: vec![RequestEvent::received(submitted_at, "光谷示例科技"), answered],
            attachments: Vec::new(),
        }
    }

    #[test]
    fn times_carry_china_s_offset() {
        assert_eq!(iso(at("2026-03-02 09:00:00")), "2026-03-02T09:00:00+08:00");
    }

    #[test]
    fn the_full_view_carries_text_place_media_and_notes() {
        let value = serde_json::to_value(ServiceRequest::of(&record(), "光谷星河智造园（演示）", true)).unwrap();
        assert_eq!(
            value,
            json!({
                "service_request_id": "42", "status": "closed", "status_notes": "已答复",
                "service_name": "咨询 (enquiry)", "service_code": "enquiry", "description": "何时申报？",
                "agency_responsible": "光谷星河智造园（演示）",
                "service_notice": "2个工作日内办结 (resolved within 2 working days)",
                "requested_datetime": "2026-03-02T09:00:00+08:00", "updated_datetime": "2026-03-03T10:30:00+08:00",
                "address": "光谷大道77号", "zipcode": "", "lat": 30.5052, "long": 114.3983,
                "media_url": "https://example.com/a.jpg"
            })
        );
    }

    #[test]
    fn the_public_side_is_the_service_status_dates_and_park_only() {
        let value = serde_json::to_value(ServiceRequest::of(&record(), "光谷星河智造园（演示）", false)).unwrap();
        let keys: Vec<&str> = value.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            vec![
                "agency_responsible",
                "requested_datetime",
                "service_code",
                "service_name",
                "service_notice",
                "service_request_id",
                "status",
                "updated_datetime"
            ]
        );
    }
}
