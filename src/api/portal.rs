//! The endpoints the enterprise portal reads (its enterprise is [`super::enterprise`]): its
//! yearly figures, certificates and tiers, the published evaluation runs with its own
//! result and their profiles, and its requests. The server decides what the caller may
//! see (`crates/server/src/auth`): an enterprise user gets its own enterprise's records.
//! The officials' runs page reads the profiles and a year's evaluation inputs from here too.

use parkatlas_core::tiers::TierAssessment;
use parkatlas_core::wire::{
    AnnualDataRecord, CertificateRecord, EvaluationInputRecord, EvaluationRecord, EvaluationResultRecord,
    ProfileRecord, RequestRecord,
};

use super::{get_json, ApiFailure};

/// Every stored year of the enterprise's figures, oldest first.
pub async fn annual_data(enterprise_id: i64) -> Result<Vec<AnnualDataRecord>, ApiFailure> {
    get_json(&format!("/api/v1/enterprises/{enterprise_id}/annual-data")).await
}

pub async fn certificates(enterprise_id: i64) -> Result<Vec<CertificateRecord>, ApiFailure> {
    get_json(&format!("/api/v1/enterprises/{enterprise_id}/certificates")).await
}

/// The enterprise's tiers on `date` (`YYYY-MM-DD`).
pub async fn tiers(enterprise_id: i64, date: &str) -> Result<TierAssessment, ApiFailure> {
    get_json(&format!("/api/v1/enterprises/{enterprise_id}/tiers?date={date}")).await
}

/// Every evaluation run, newest first, with its published cut-offs.
pub async fn evaluations() -> Result<Vec<EvaluationRecord>, ApiFailure> {
    get_json("/api/v1/evaluations").await
}

/// The results of run `run_id` the caller may see: for an enterprise user, its own or none.
pub async fn evaluation_results(run_id: i64) -> Result<Vec<EvaluationResultRecord>, ApiFailure> {
    get_json(&format!("/api/v1/evaluations/{run_id}/results")).await
}

/// Every stored scoring profile, the shipped ones first.
pub async fn profiles() -> Result<Vec<ProfileRecord>, ApiFailure> {
    get_json("/api/v1/profiles").await
}

pub async fn profile(id: i64) -> Result<ProfileRecord, ApiFailure> {
    get_json(&format!("/api/v1/profiles/{id}")).await
}

/// The caller's requests, newest first.
pub async fn requests() -> Result<Vec<RequestRecord>, ApiFailure> {
    get_json("/api/v1/requests").await
}

/// Every enterprise's figures of `year` as an evaluation reads them, in one answer: of
/// `park_id`, or of every park the caller manages (the city for an admin).
pub async fn evaluation_inputs(year: i32, park_id: Option<i64>) -> Result<Vec<EvaluationInputRecord>, ApiFailure> {
    let park = park_id.map_or_else(String::new, |id| format!("&park_id={id}"));
    get_json(&format!("/api/v1/evaluation-inputs?year={year}{park}")).await
}
