//! The JSON bodies of the `/api/v1` API, defined once and used by both the SPA and
//! the server, so that the two can never disagree about a field.
//!
//! Map data travels as GeoJSON (RFC 7946) `FeatureCollection`s whose `properties`
//! are typed per resource; errors travel as [`ErrorBody`].

mod annual;
mod api_key;
mod attachment;
mod certificate;
mod contact_check;
mod desk;
mod details;
mod enterprise;
mod evaluation;
mod inquiry;
#[cfg(test)]
mod json_keys;
mod land;
mod location;
mod park_statistics;
mod request;
mod request_kpi;
mod session;
mod sync;
mod tier_profile;

pub use annual::{check_year, AnnualDataRecord, AnnualFigures, FIRST_YEAR, LAST_YEAR, MAX_FIGURE};
pub use api_key::{ApiKeyRecord, IssuedApiKey, NewApiKey, MAX_API_KEY_LABEL_CHARS};
pub use attachment::{
    attachment_name_problem, is_attachment_type, media_url_problem, AttachmentInfo, ATTACHMENT_TYPES,
    MAX_ATTACHMENTS_PER_REQUEST, MAX_ATTACHMENT_BYTES, MAX_MEDIA_URL_CHARS,
};
pub use certificate::{CertificateBody, CertificateRecord, MAX_CERTIFICATE_NUMBER_CHARS, MAX_CERTIFICATE_YEARS};
pub use contact_check::{is_email, is_landline, is_mainland_mobile, normalise_phone};
pub use desk::{DeskProblem, DeskStep, OneTimeNotice, CLAIM_NOTE, MAX_FREE_MATERIALS};
pub use details::{
    Contact, ParcelBody, ParcelDetails, ParcelImport, ParcelRecord, ParcelsImported, ParkBody, ParkDetails, ParkLevel,
    ParkRecord, SupplyMode, MAX_IMPORT_PARCELS, MAX_PARCEL_AREA_M2,
};
pub use enterprise::{
    EnterpriseBody, EnterprisePrivate, EnterprisePublic, EnterpriseRecord, SizeClass, MAX_ENTERPRISE_NAME_CHARS,
};
pub use evaluation::{
    problem_field, profile_problem, ClassCounts, EvaluationInputRecord, EvaluationRecord, EvaluationResultRecord,
    EvaluationSummary, NewEvaluation, NoticePeriod, ProfileRecord, MAX_NOTICE_DAYS, MAX_PROFILE_KEY_CHARS,
    MAX_PROFILE_NAME_CHARS,
};
pub use inquiry::{inquiry_reference, InquiryReceipt, InquiryRecord, InquiryStatus, InquiryUpdate, NewInquiry};
pub use land::{
    LandFilter, LandMatch, LandSearch, QueryProblem, DEFAULT_LAND_LIMIT, MAX_FILTER_MU, MAX_LAND_LIMIT,
    MAX_SEARCH_CHARS,
};
pub use location::{address_problem, Location, MAX_ADDRESS_CHARS};
pub use park_statistics::{LandTally, ParkStatistics, PublishedClasses, TierTally};
pub use request::{NewRequest, RequestAction, RequestDue, RequestEvent, RequestRecord, PLATFORM_ACTOR};
pub use request_kpi::{desk_kpis, desk_kpis_by, DeskKpis, Period};
pub use session::{DemoAccount, DemoAccounts, Login, NewUser, Role, SessionInfo, UserRecord};
pub use sync::{Change, ChangeKind, ChangePage};
pub use tier_profile::EnterpriseTierProfile;

use serde::{Deserialize, Serialize};

use crate::text::Bilingual;
use crate::units::SquareMetres;

/// A GeoJSON Feature with typed properties and a numeric id.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Feature<P> {
    #[serde(rename = "type")]
    pub kind: FeatureType,
    pub id: i64,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub geometry: geojson::Geometry,
    pub properties: P,
}

/// A GeoJSON FeatureCollection of [`Feature`]s.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeatureCollection<P> {
    #[serde(rename = "type")]
    pub kind: FeatureCollectionType,
    pub features: Vec<Feature<P>>,
}

/// The `"type": "Feature"` member; any other value is refused when reading.
/// (serde's `tag` attribute on a struct writes the tag but does not check it.)
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum FeatureType {
    #[default]
    Feature,
}

/// The `"type": "FeatureCollection"` member.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum FeatureCollectionType {
    #[default]
    FeatureCollection,
}

impl<P> Feature<P> {
    pub fn new(id: i64, geometry: geojson::Geometry, properties: P) -> Feature<P> {
        Feature { kind: FeatureType::Feature, id, geometry, properties }
    }
}

impl<P> FeatureCollection<P> {
    pub fn new(features: Vec<Feature<P>>) -> FeatureCollection<P> {
        FeatureCollection { kind: FeatureCollectionType::FeatureCollection, features }
    }
}

/// The three park types of the Wuhan plan (seed 003), each with its own
/// leading-industry revenue target (spec §5).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ParkType {
    /// 现代产业园
    Modern,
    /// 特色产业园
    Specialty,
    /// 都市工业园
    Urban,
}

/// Public facts about a park: what anyone may see.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParkProperties {
    pub name: String,
    pub name_en: String,
    pub park_type: ParkType,
    /// Where the park is, e.g. 东湖新技术开发区.
    pub district: String,
    /// Geodesic area of the boundary.
    #[cfg_attr(feature = "openapi", schema(value_type = f64))]
    pub area_m2: SquareMetres,
    pub parcel_count: u32,
    /// True for the synthetic demonstration dataset, which the UI labels as such.
    pub demo: bool,
    #[serde(default)]
    pub level: ParkLevel,
    #[serde(default)]
    pub details: ParkDetails,
    /// The record's version: its ETag, and what `If-Match` must name to change it.
    #[serde(default)]
    pub version: i64,
}

impl ParkProperties {
    /// The park's name in both languages, for a client to show in the one chosen.
    pub fn name(&self) -> Bilingual {
        Bilingual::new(&self.name, &self.name_en)
    }
}

/// Where a parcel stands in the land-supply cycle (spec §3: 批而未供, 闲置 and the rest).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ParcelStatus {
    /// Offered to investors, often as 标准地.
    Available,
    /// Granted (出让) but construction not started.
    Granted,
    UnderConstruction,
    Producing,
    /// Supplied but not developed in time (闲置土地).
    Idle,
    /// Approved for construction but not supplied (批而未供).
    Unsupplied,
}

impl ParcelStatus {
    pub const ALL: [ParcelStatus; 6] = [
        ParcelStatus::Available,
        ParcelStatus::Granted,
        ParcelStatus::UnderConstruction,
        ParcelStatus::Producing,
        ParcelStatus::Idle,
        ParcelStatus::Unsupplied,
    ];
}

/// Planned land use, after the GB/T 21010 classes a park plans with.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LandUse {
    /// 工业用地
    Industrial,
    /// 新型产业用地 (M0): research and production together
    InnovativeIndustrial,
    /// 仓储用地
    Warehousing,
    /// 商服用地
    Commercial,
    /// 公共管理与公共服务用地
    Public,
}

impl LandUse {
    pub const ALL: [LandUse; 5] = [
        LandUse::Industrial,
        LandUse::InnovativeIndustrial,
        LandUse::Warehousing,
        LandUse::Commercial,
        LandUse::Public,
    ];
}

/// Public facts about a parcel.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParcelProperties {
    pub park_id: i64,
    /// The parcel code printed on the park's land-supply plan, e.g. GG-2025-017.
    pub code: String,
    pub land_use: LandUse,
    pub status: ParcelStatus,
    /// Geodesic area, holes subtracted.
    #[cfg_attr(feature = "openapi", schema(value_type = f64))]
    pub area_m2: SquareMetres,
    #[serde(default)]
    pub version: i64,
    /// Present on a single parcel and in the change feed; left out of map viewports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<ParcelDetails>,
}

pub type ParkCollection = FeatureCollection<ParkProperties>;
pub type ParcelCollection = FeatureCollection<ParcelProperties>;

/// The base map visitors start with (`PARKATLAS_TILES`).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TileProvider {
    /// No tiles: parks on a plain background. Works offline.
    #[default]
    None,
    /// OpenStreetMap raster tiles (WGS-84, no offset).
    Osm,
    /// 天地图 vector tiles with annotation (needs [`ClientConfig::tianditu_key`]).
    Tianditu,
}

/// What the SPA needs to know about the deployment, from `GET /api/v1/config`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClientConfig {
    pub tiles: TileProvider,
    /// 天地图's browser key when the deployment has one: 天地图's layers are offered
    /// whatever `tiles` says. Sent to the browser, as 天地图 requires.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tianditu_key: Option<String>,
    /// True when the database holds the synthetic demo dataset.
    pub demo_data: bool,
    pub version: String,
}

/// Every 4xx and 5xx response body: `{ "error": { "code", "message", "field" } }`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub error: ErrorDetail,
    /// With 412 (a stale `If-Match`): the record as it now stands, so a client can merge.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current: Option<serde_json::Value>,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorDetail {
    /// Stable, machine-readable, e.g. `not_found`, `invalid_id`.
    pub code: String,
    /// What was wrong and how to fix it, for a person.
    pub message: String,
    /// The request field or path parameter at fault, if one is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use geojson::{GeometryValue, Position};
    use serde_json::json;

    fn parcel() -> Feature<ParcelProperties> {
        let ring = [(114.4, 30.48), (114.401, 30.48), (114.401, 30.481), (114.4, 30.48)];
        Feature::new(
            7,
            geojson::Geometry::new(GeometryValue::Polygon {
                coordinates: vec![ring.iter().map(|&(x, y)| Position::from(vec![x, y])).collect()],
            }),
            ParcelProperties {
                park_id: 1,
                code: "GG-2025-007".into(),
                land_use: LandUse::Industrial,
                status: ParcelStatus::UnderConstruction,
                area_m2: SquareMetres(5_321.5),
                version: 1,
                details: None,
            },
        )
    }

    #[test]
    fn parcel_feature_is_rfc7946_geojson() {
        let value = serde_json::to_value(FeatureCollection::new(vec![parcel()])).unwrap();
        assert_eq!(value["type"], "FeatureCollection");
        assert_eq!(value["features"][0]["type"], "Feature");
        assert_eq!(value["features"][0]["id"], 7);
        assert_eq!(value["features"][0]["geometry"]["type"], "Polygon");
        assert_eq!(value["features"][0]["properties"]["status"], "under_construction");
        assert_eq!(value["features"][0]["properties"]["area_m2"], 5_321.5);
    }

    #[test]
    fn parcel_collection_round_trips() {
        let collection = FeatureCollection::new(vec![parcel()]);
        let text = serde_json::to_string(&collection).unwrap();
        assert_eq!(serde_json::from_str::<ParcelCollection>(&text).unwrap(), collection);
    }

    #[test]
    fn feature_with_wrong_type_tag_is_rejected() {
        let mut value = serde_json::to_value(parcel()).unwrap();
        value["type"] = json!("Point");
        assert!(serde_json::from_value::<Feature<ParcelProperties>>(value).is_err());
    }

    #[test]
    fn config_carries_the_tianditu_key_whatever_the_default() {
        let config = ClientConfig {
            tiles: TileProvider::Osm,
            tianditu_key: Some("k".into()),
            demo_data: true,
            version: "0.1.0".into(),
        };
        assert_eq!(
            serde_json::to_value(&config).unwrap(),
            json!({ "tiles": { "kind": "osm" }, "tianditu_key": "k", "demo_data": true, "version": "0.1.0" })
        );
        let keyless = ClientConfig { tiles: TileProvider::None, tianditu_key: None, ..config };
        assert!(serde_json::to_value(&keyless).unwrap().get("tianditu_key").is_none());
    }

    mod round_trips {
        use super::*;
        use proptest::prelude::*;

        fn park_type() -> impl Strategy<Value = ParkType> {
            prop_oneof![Just(ParkType::Modern), Just(ParkType::Specialty), Just(ParkType::Urban)]
        }

        fn status() -> impl Strategy<Value = ParcelStatus> {
            proptest::sample::select(ParcelStatus::ALL.to_vec())
        }

        fn ring() -> impl Strategy<Value = geojson::Geometry> {
            (73.0f64..135.0, 18.0f64..53.0, 1e-4f64..1e-2).prop_map(|(lon, lat, d)| {
                let corners = [(lon, lat), (lon + d, lat), (lon + d, lat + d), (lon, lat + d), (lon, lat)];
                geojson::Geometry::new(GeometryValue::Polygon {
                    coordinates: vec![corners.iter().map(|&(x, y)| Position::from(vec![x, y])).collect()],
                })
            })
        }

        proptest! {
            #[test]
            fn parks_round_trip(id in 1i64.., name in ".{0,20}", kind in park_type(), area in 0.0f64..1e9, count: u32, demo: bool, geometry in ring()) {
                let park = Feature::new(id, geometry, ParkProperties {
                    name: name.clone(), name_en: name.clone(), park_type: kind, district: name,
                    area_m2: SquareMetres(area), parcel_count: count, demo,
                    level: ParkLevel::Provincial, details: ParkDetails { leading_industries: vec!["光电子信息".into()], ..ParkDetails::default() }, version: id,
                });
                let collection = FeatureCollection::new(vec![park]);
                let text = serde_json::to_string(&collection).unwrap();
                prop_assert_eq!(serde_json::from_str::<ParkCollection>(&text).unwrap(), collection);
            }

            #[test]
            fn parcels_round_trip(id in 1i64.., park_id in 1i64.., code in "[A-Z]{2}-[0-9]{3}", status in status(), area in 0.0f64..1e7, geometry in ring()) {
                let parcel = Feature::new(id, geometry, ParcelProperties {
                    park_id, code, land_use: LandUse::Industrial, status, area_m2: SquareMetres(area),
                    version: 3, details: Some(ParcelDetails { supply_mode: Some(SupplyMode::Listing), ..ParcelDetails::default() }),
                });
                let collection = FeatureCollection::new(vec![parcel]);
                let text = serde_json::to_string(&collection).unwrap();
                prop_assert_eq!(serde_json::from_str::<ParcelCollection>(&text).unwrap(), collection);
            }

            #[test]
            fn config_and_errors_round_trip(key in "[a-f0-9]{0,32}", demo: bool, message in ".{0,40}", field in proptest::option::of("[a-z_]{1,12}")) {
                let config = ClientConfig { tiles: TileProvider::Tianditu, tianditu_key: Some(key), demo_data: demo, version: "0.1.0".into() };
                prop_assert_eq!(serde_json::from_str::<ClientConfig>(&serde_json::to_string(&config).unwrap()).unwrap(), config);
                let body = ErrorBody { error: ErrorDetail { code: "invalid_parameter".into(), message, field }, current: None };
                prop_assert_eq!(serde_json::from_str::<ErrorBody>(&serde_json::to_string(&body).unwrap()).unwrap(), body);
            }
        }
    }

    #[test]
    fn error_body_omits_absent_field() {
        let body = ErrorBody {
            error: ErrorDetail { code: "not_found".into(), message: "no park 9".into(), field: None },
            current: None,
        };
        assert_eq!(
            serde_json::to_value(&body).unwrap(),
            json!({ "error": { "code": "not_found", "message": "no park 9" } })
        );
    }
}
