//! What a GeoReport v2 client learns before filing: where the endpoint is (discovery), the
//! services (the request categories of spec §6, with their time limits), and each service's
//! definition: the 一次性告知 materials of its category, as attributes that only inform
//! (`variable: false`).

use axum::extract::RawPathParams;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::Response;
use parkatlas_core::calendar::{service_rules, Category};
use serde::Serialize;

use super::format::{Format, Refusal};
use crate::api::id::path_param;

/// The GeoReport v2 specification this endpoint follows.
const SPECIFICATION: &str = "http://wiki.open311.org/GeoReport_v2";
/// When this interface last changed, as discovery reports it.
const CHANGESET: &str = "2026-05-01T00:00:00+08:00";
/// Every service belongs to one group.
const GROUP: &str = "企业诉求 (enterprise requests)";

/// `discovery.{json,xml}`.
#[derive(Serialize)]
struct Discovery<E> {
    changeset: &'static str,
    contact: &'static str,
    key_service: &'static str,
    endpoints: E,
}

#[derive(Serialize)]
struct Endpoint<F> {
    specification: &'static str,
    url: String,
    changeset: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    formats: F,
}

/// XML's `<endpoints>` of `<endpoint>` and `<formats>` of `<format>`; JSON writes arrays.
#[derive(Serialize)]
struct Endpoints<F> {
    endpoint: [Endpoint<F>; 1],
}

#[derive(Serialize)]
struct Formats {
    format: [&'static str; 2],
}

/// One service of `services.{json,xml}`.
#[derive(Serialize)]
pub struct Service {
    service_code: String,
    service_name: String,
    description: String,
    metadata: bool,
    #[serde(rename = "type")]
    kind: &'static str,
    keywords: String,
    group: &'static str,
}

/// `services/{code}.{json,xml}`.
#[derive(Serialize)]
struct ServiceDefinition<A> {
    service_code: String,
    attributes: A,
}

/// XML's `<attributes>` of `<attribute>`.
#[derive(Serialize)]
struct Attributes<'a> {
    attribute: &'a [Attribute],
}

#[derive(Debug, Serialize)]
struct Attribute {
    variable: bool,
    code: String,
    datatype: &'static str,
    required: bool,
    datatype_description: &'static str,
    order: usize,
    description: String,
}

/// Where the endpoint is, its formats, and how to get a key.
pub async fn discovery(format: Format, headers: HeaderMap) -> Response {
    let url = format!("{}/open311/v2", origin(&headers));
    let formats = [Format::Xml, Format::Json].map(|format| format.content_type().split(';').next().unwrap_or_default());
    let text = match format {
        Format::Json => format.text("discovery", &discovery_of([endpoint_of(url, formats)])),
        Format::Xml => {
            let endpoint = endpoint_of(url, Formats { format: formats });
            format.text("discovery", &discovery_of(Endpoints { endpoint: [endpoint] }))
        }
    };
    format.reply(text.map(|body| format.respond(StatusCode::OK, body)))
}

fn discovery_of<E>(endpoints: E) -> Discovery<E> {
    Discovery {
        changeset: CHANGESET,
        contact: "园区企业服务中心 (the park's enterprise service centre)",
        key_service: "API keys are issued to enterprise accounts by the city admin: POST /api/v1/users/{id}/api-keys",
        endpoints,
    }
}

fn endpoint_of<F>(url: String, formats: F) -> Endpoint<F> {
    Endpoint { specification: SPECIFICATION, url, changeset: CHANGESET, kind: "production", formats }
}

/// `http://host` as the client reached it, behind a proxy that says `X-Forwarded-Proto`.
fn origin(headers: &HeaderMap) -> String {
    let text = |name: &str| headers.get(name).and_then(|value| value.to_str().ok());
    let scheme = text("x-forwarded-proto").filter(|scheme| *scheme == "https").unwrap_or("http");
    format!("{scheme}://{}", text(header::HOST.as_str()).unwrap_or("localhost"))
}

/// Every request category as a service.
pub async fn list(format: Format) -> Response {
    let services: Vec<Service> = Category::ALL.into_iter().map(service).collect();
    format.reply(format.list("services", "service", &services).map(|body| format.respond(StatusCode::OK, body)))
}

/// A category as a service: its code, its name in both languages, its time limit, and
/// whether it lists materials.
fn service(category: Category) -> Service {
    let label = category.label();
    let limit = service_rules().category(category).map(|rule| rule.limit_text());
    let description = match limit {
        Some(limit) => format!("{category}: {} ({})", limit.zh, limit.en),
        None => category.to_string(),
    };
    Service {
        service_code: service_code(category),
        service_name: category.to_string(),
        description,
        metadata: !service_rules().materials(category).is_empty(),
        kind: "realtime",
        keywords: format!("{}, {}", label.zh.replace('/', ", "), label.en),
        group: GROUP,
    }
}

/// A category's service code: its snake_case wire name (`help_or_suggestion`).
pub fn service_code(category: Category) -> String {
    crate::store::to_db(category)
}

/// The category of service code `code`.
pub fn category_of(code: &str) -> Option<Category> {
    Category::ALL.into_iter().find(|category| service_code(*category) == code)
}

/// The attribute code of the `n`th material (from 1).
pub fn material_code(n: usize) -> String {
    format!("material-{n}")
}

/// A service's definition: its 一次性告知 materials, each an attribute that informs.
pub async fn definition(params: RawPathParams) -> Response {
    let file = path_param(&params, "file");
    let format = Format::of_path(file);
    format.reply(define(file).and_then(|(code, attributes)| {
        let text = match format {
            Format::Json => format.text("service_definition", &ServiceDefinition { service_code: code, attributes }),
            Format::Xml => format.text(
                "service_definition",
                &ServiceDefinition { service_code: code, attributes: Attributes { attribute: &attributes } },
            ),
        };
        text.map(|body| format.respond(StatusCode::OK, body))
    }))
}

/// The service code `file` names and its attributes.
fn define(file: &str) -> Result<(String, Vec<Attribute>), Refusal> {
    let unknown =
        || Refusal::not_found(format!("service_code: no service is called {file:?}; GET services.json lists them"));
    let (code, _) = Format::split(file).ok_or_else(unknown)?;
    let category = category_of(code).ok_or_else(unknown)?;
    let attributes = (1..)
        .zip(service_rules().materials(category))
        .map(|(order, material)| Attribute {
            variable: false,
            code: material_code(order),
            datatype: "text",
            required: false,
            datatype_description:
                "一次性告知：可能需要的材料（待核实） / a material the request may need, listed at once (unconfirmed)",
            order,
            description: format!("{} ({})", material.zh, material.en),
        })
        .collect();
    Ok((code.to_string(), attributes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_category_is_a_service_named_in_both_languages_with_its_limit() {
        let enquiry = service(Category::Enquiry);
        assert_eq!((enquiry.service_code.as_str(), enquiry.service_name.as_str()), ("enquiry", "咨询 (enquiry)"));
        assert_eq!(enquiry.description, "咨询 (enquiry): 2个工作日内办结 (resolved within 2 working days)");
        assert!(!enquiry.metadata);
        assert_eq!(service(Category::HelpOrSuggestion).keywords, "求助, 建议, help or suggestion");
        assert!(service(Category::ComplaintOrReport).metadata);
        for category in Category::ALL {
            assert_eq!(category_of(&service_code(category)), Some(category));
        }
        assert_eq!(category_of("pothole"), None);
    }

    #[test]
    fn a_definition_lists_the_materials_in_order_and_unknown_services_are_404() {
        let (code, attributes) = define("complaint_or_report.json").unwrap();
        assert_eq!(code, "complaint_or_report");
        let listed: Vec<_> = attributes.iter().map(|a| (a.code.as_str(), a.order, a.variable, a.required)).collect();
        assert_eq!(
            listed,
            vec![("material-1", 1, false, false), ("material-2", 2, false, false), ("material-3", 3, false, false)]
        );
        assert_eq!(attributes[0].description, "营业执照或身份证明 (business licence or proof of identity)");
        assert_eq!(define("enquiry.xml").unwrap().1.len(), 0);
        assert_eq!(define("pothole.json").unwrap_err().status, StatusCode::NOT_FOUND);
    }
}
