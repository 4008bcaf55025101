//! What a park's public profile counts (`GET /parks/{id}/statistics`): its land by status,
//! its enterprises, how many of them hold each kind of certificate on a day, and the class
//! counts its latest evaluation run published. Only counts leave here, never a row.

use chrono::NaiveDate;
use parkatlas_core::tiers::CertificateKind;
use parkatlas_core::units::SquareMetres;
use parkatlas_core::wire::{EvaluationSummary, LandTally, ParcelStatus, ParkStatistics, PublishedClasses, TierTally};

use super::error::{Context, Result, StoreError};
use super::{from_db, Store};

impl Store {
    /// Park `park_id`'s statistics with certificates counted as valid on `as_of`; `None`
    /// when there is no such park.
    pub async fn park_statistics(&self, park_id: i64, as_of: NaiveDate) -> Result<Option<ParkStatistics>> {
        if !self.park_exists(park_id).await? {
            return Ok(None);
        }
        let by_status: Vec<(String, i64, f64)> =
            sqlx::query_as("SELECT status, COUNT(*), SUM(area_m2) FROM parcels WHERE park_id = $1 GROUP BY status")
                .bind(park_id)
                .fetch_all(&self.pool)
                .await?;
        let mut land: Vec<LandTally> = ParcelStatus::ALL
            .into_iter()
            .map(|status| LandTally { status, parcels: 0, area_m2: SquareMetres(0.0) })
            .collect();
        for (status, parcels, area) in by_status {
            let status: ParcelStatus = from_db(&status)?;
            let tally = land
                .iter_mut()
                .find(|tally| tally.status == status)
                .with_context(|| format!("ParcelStatus::ALL lacks {status:?}"))?;
            *tally = LandTally { status, parcels: u32::try_from(parcels)?, area_m2: SquareMetres(area) };
        }

        let enterprises: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM enterprises WHERE park_id = $1")
            .bind(park_id)
            .fetch_one(&self.pool)
            .await?;

        // Dates are ISO 8601 text, so text order is date order on both backends.
        let held: Vec<(String, i64)> = sqlx::query_as(
            "SELECT c.kind, COUNT(DISTINCT c.enterprise_id)
             FROM certificates c JOIN enterprises e ON e.id = c.enterprise_id
             WHERE e.park_id = $1 AND c.issued_on <= $2 AND c.expires_on >= $2
             GROUP BY c.kind",
        )
        .bind(park_id)
        .bind(as_of.to_string())
        .fetch_all(&self.pool)
        .await?;
        let mut tiers = held
            .into_iter()
            .map(|(kind, enterprises)| {
                Ok(TierTally { kind: from_db(&kind)?, enterprises: u32::try_from(enterprises)? })
            })
            .collect::<Result<Vec<_>>>()?;
        tiers.sort_by_key(|tally| listing_order(tally.kind));

        let latest: Option<(i64, String)> = sqlx::query_as(
            "SELECT id, summary FROM evaluation_runs WHERE park_id = $1
             ORDER BY evaluation_date DESC, id DESC LIMIT 1",
        )
        .bind(park_id)
        .fetch_optional(&self.pool)
        .await?;
        let latest_evaluation = latest
            .map(|(run_id, summary)| {
                let summary: EvaluationSummary =
                    serde_json::from_str(&summary).with_context(|| format!("the summary of run {run_id}"))?;
                Ok::<_, StoreError>(PublishedClasses {
                    run_id,
                    year: summary.year,
                    evaluation_date: summary.evaluation_date,
                    classes: summary.classes,
                })
            })
            .transpose()?;

        Ok(Some(ParkStatistics {
            park_id,
            as_of,
            land,
            enterprises: u32::try_from(enterprises)?,
            tiers,
            latest_evaluation,
        }))
    }
}

/// The order [`ParkStatistics::tiers`] lists kinds in: the tiers as [`Tier`] declares them
/// (the ladder from the bottom, then the side labels 高企, 瞪羚, 独角兽), then the two
/// national honours.
///
/// [`Tier`]: parkatlas_core::tiers::Tier
fn listing_order(kind: CertificateKind) -> (u8, u8) {
    match kind {
        CertificateKind::Tier(tier) => (0, tier as u8),
        CertificateKind::TechInnovationDemo => (1, 0),
        CertificateKind::IpAdvantageOrDemo => (1, 1),
    }
}
