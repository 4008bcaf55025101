//! What a park or parcel record holds beyond its map properties: level, leading
//! industries, targets and contact for a park; supply mode, 标准地 terms, development
//! figures and occupant for a parcel. All of it is public (spec §3, seed 001 §4).

use crate::text::quoted;
use serde::{Deserialize, Serialize};

use crate::control::{parcel_flags, ControlError, Development, IdleLandRule, LandFlag, StandardLandTerms, SupplyDates};
use crate::park_checks::Target;
use crate::text::Bilingual;

/// 国家级 / 省级 / 市级 park.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ParkLevel {
    National,
    Provincial,
    #[default]
    Municipal,
}

/// Who answers investors' questions about a park.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// e.g. 招商服务中心.
    pub department: String,
    pub phone: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

/// A park's public profile beyond its outline.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ParkDetails {
    /// 主导产业, in the park's own words; the Wuhan plan allows at most three (spec §5).
    pub leading_industries: Vec<String>,
    /// Approved planning area (批复面积), 亩.
    pub approved_area_mu: Option<f64>,
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<Object>))]
    pub targets: Vec<Target>,
    pub contact: Option<Contact>,
    /// The park's land-price policy (e.g. 工业用地出让起始价 rules), in both languages.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub land_price_policy: Option<Bilingual>,
}

impl ParkDetails {
    /// The first problem that makes these details unfit to store, as `(field, problem)`.
    pub fn problem(&self) -> Option<(&'static str, String)> {
        if let Some(area) = self.approved_area_mu.filter(|a| !(a.is_finite() && *a > 0.0 && *a < 1e7)) {
            return Some(("approved_area_mu", format!("{area} 亩 must be a positive area under 10,000,000 亩")));
        }
        if self.leading_industries.iter().any(|name| name.trim().is_empty()) {
            return Some(("leading_industries", "an industry name is empty".into()));
        }
        None
    }
}

/// How land is supplied (供地方式).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SupplyMode {
    /// 挂牌出让
    Listing,
    /// 拍卖出让
    Auction,
    /// 招标出让
    Tender,
    /// 协议出让
    Agreement,
    /// 先租后让
    LeaseThenTransfer,
    /// 弹性年期出让
    FlexibleTerm,
    /// 划拨
    Allocation,
}

/// A parcel's record beyond what the map draws.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ParcelDetails {
    pub supply_mode: Option<SupplyMode>,
    /// The 标准地 conditions the parcel is offered with.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub terms: Option<StandardLandTerms>,
    /// What has been built and is earned, for the land-use intensity indicators: the
    /// occupant's private figures, sent only to its users, the park's officers and admins.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub development: Option<Development>,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub supply_dates: SupplyDates,
    /// The enterprise using the parcel, if any.
    pub occupant_id: Option<i64>,
    /// Filled by the server from `occupant_id`; ignored on input.
    pub occupant_name: Option<String>,
}

impl ParcelDetails {
    /// The 批而未供, 闲置 and 低效用地 flags on the parcel as of a date (spec §3).
    pub fn flags(&self, as_of: chrono::NaiveDate, rule: &IdleLandRule) -> Result<Vec<LandFlag>, ControlError> {
        parcel_flags(&self.supply_dates, self.terms.as_ref(), self.development.as_ref(), as_of, rule)
    }

    /// The first problem that makes these details unfit to store, as `(field, problem)`.
    pub fn problem(&self) -> Option<(&'static str, String)> {
        if let Some(development) = &self.development {
            if let Err(problem) = development.validate() {
                return Some(("details.development", problem.to_string()));
            }
        }
        if let Some(terms) = &self.terms {
            if let Some(condition) = terms.conditions.iter().find(|c| !c.value.is_finite()) {
                return Some(("details.terms", format!("condition value {} is not a number", condition.value)));
            }
        }
        None
    }
}

/// A park as one GeoJSON feature with its full public record, as `GET /parks/{id}` and the
/// change feed return it.
pub type ParkRecord = super::Feature<super::ParkProperties>;

/// A parcel with its details, as `GET /parcels/{id}` and the change feed return it.
pub type ParcelRecord = super::Feature<super::ParcelProperties>;

/// The body of `POST /parks` and `PUT /parks/{id}`: everything an admin or officer edits.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParkBody {
    pub name: String,
    pub name_en: String,
    pub park_type: super::ParkType,
    #[serde(default)]
    pub level: ParkLevel,
    pub district: String,
    /// A GeoJSON Polygon or MultiPolygon in WGS-84.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub boundary: geojson::Geometry,
    #[serde(default)]
    pub details: ParkDetails,
}

/// The body of `POST /parks/{id}/parcels` and `PUT /parcels/{id}`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParcelBody {
    pub code: String,
    pub land_use: super::LandUse,
    pub status: super::ParcelStatus,
    /// A GeoJSON Polygon or MultiPolygon in WGS-84.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub geometry: geojson::Geometry,
    #[serde(default)]
    pub details: ParcelDetails,
}

/// The most parcels one import may hold (a park's survey has hundreds; the body limit of
/// 1 MB is reached before this by outlines of many vertices).
pub const MAX_IMPORT_PARCELS: usize = 2000;

/// The body of `POST /parks/{id}/parcels/import`: parcels stored together, or none.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParcelImport {
    pub parcels: Vec<ParcelBody>,
}

impl ParcelImport {
    /// The first problem outside the outlines (which the server checks with the store), as
    /// `(field, problem)`, the field a path such as `parcels[2].code`.
    pub fn problem(&self) -> Option<(String, String)> {
        if self.parcels.is_empty() {
            return Some(("parcels".into(), "is empty".into()));
        }
        if self.parcels.len() > MAX_IMPORT_PARCELS {
            return Some(("parcels".into(), format!("holds more than {MAX_IMPORT_PARCELS} parcels")));
        }
        let mut codes = std::collections::HashMap::new();
        for (index, parcel) in self.parcels.iter().enumerate() {
            if let Some((field, problem)) = parcel.problem() {
                return Some((format!("parcels[{index}].{field}"), problem));
            }
            if let Some(first) = codes.insert(parcel.code.as_str(), index) {
                return Some((format!("parcels[{index}].code"), format!("is the code of parcels[{first}] too")));
            }
        }
        None
    }
}

/// The answer to an import: the ids of the new parcels, in the body's order.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParcelsImported {
    pub ids: Vec<i64>,
}

/// Text fields must hold something and stay within a screen's width of characters.
fn text_problem(field: &'static str, value: &str, max_chars: usize) -> Option<(&'static str, String)> {
    if value.trim().is_empty() {
        Some((field, "is empty".into()))
    } else if value.chars().count() > max_chars {
        Some((field, format!("is longer than {max_chars} characters")))
    } else {
        None
    }
}

impl ParkBody {
    /// The first problem outside the boundary (which the geometry module checks).
    pub fn problem(&self) -> Option<(&'static str, String)> {
        text_problem("name", &self.name, 100)
            .or_else(|| text_problem("name_en", &self.name_en, 200))
            .or_else(|| text_problem("district", &self.district, 100))
            .or_else(|| self.details.problem())
    }
}

/// The largest parcel accepted, m² (20 km², 30,000 亩: far above any single land grant).
pub const MAX_PARCEL_AREA_M2: f64 = 2.0e7;

impl ParcelBody {
    /// The outline as a validated shape, or the problem of the `geometry` field: what
    /// `POST /parks/{id}/parcels` and every import check.
    pub fn outline(&self) -> Result<crate::geometry::Shape, String> {
        let shape = crate::geometry::Shape::from_geojson(&self.geometry).map_err(|error| error.to_string())?;
        let area = shape.area().0;
        if area > MAX_PARCEL_AREA_M2 {
            return Err(format!(
                "encloses {:.1} km², more than the {:.0} km² a parcel may cover",
                area / 1e6,
                MAX_PARCEL_AREA_M2 / 1e6
            ));
        }
        Ok(shape)
    }

    /// The first problem outside the geometry (which the geometry module checks).
    pub fn problem(&self) -> Option<(&'static str, String)> {
        let code_ok = self.code.chars().all(|c| c.is_ascii_alphanumeric() || "-_/.".contains(c));
        text_problem("code", &self.code, 40)
            .or_else(|| {
                (!code_ok).then(|| ("code", format!("{}: use letters, digits and - _ / . only", quoted(&self.code))))
            })
            .or_else(|| self.details.problem())
    }
}
