//! What a park's public profile shows about it as a whole (`GET /parks/{id}/statistics`):
//! land by status, how many enterprises and how many hold each tier, and the class
//! counts of its latest published 亩均 evaluation. Counts only, never one enterprise's figures.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{ClassCounts, ParcelStatus};
use crate::tiers::CertificateKind;
use crate::units::SquareMetres;

/// The parcels of one status and their area.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LandTally {
    pub status: ParcelStatus,
    pub parcels: u32,
    #[cfg_attr(feature = "openapi", schema(value_type = f64))]
    pub area_m2: SquareMetres,
}

/// How many of the park's enterprises hold a certificate of one kind valid on `as_of`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TierTally {
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub kind: CertificateKind,
    pub enterprises: u32,
}

/// The class counts a published evaluation run of the park made public.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedClasses {
    pub run_id: i64,
    pub year: i32,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub evaluation_date: NaiveDate,
    pub classes: ClassCounts,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParkStatistics {
    pub park_id: i64,
    /// The day certificates were counted as valid on (the server's date).
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub as_of: NaiveDate,
    /// One tally per status, in [`ParcelStatus::ALL`] order, zero counts included.
    pub land: Vec<LandTally>,
    /// Enterprises registered in the park.
    pub enterprises: u32,
    /// Kinds no enterprise holds are left out. The tiers come first, as [`Tier`] declares
    /// them (the ladder from the bottom, then the side labels), then the two national honours.
    ///
    /// [`Tier`]: crate::tiers::Tier
    pub tiers: Vec<TierTally>,
    /// The most recent run for this park (by evaluation date), if any.
    pub latest_evaluation: Option<PublishedClasses>,
}

impl ParkStatistics {
    /// The tally of one status (zero when the list somehow lacks it).
    pub fn land_of(&self, status: ParcelStatus) -> LandTally {
        self.land.iter().copied().find(|tally| tally.status == status).unwrap_or(LandTally {
            status,
            parcels: 0,
            area_m2: SquareMetres(0.0),
        })
    }
}
