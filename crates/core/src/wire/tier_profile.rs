//! A park's enterprises as the tier rules read them (`GET /parks/{id}/tier-profiles`), so
//! that the 梯度培育库 assesses a whole park in the browser from one request.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::annual::AnnualDataRecord;
use super::certificate::CertificateRecord;
use super::enterprise::EnterpriseRecord;
use crate::tiers::EnterpriseProfile;

/// One enterprise's name and what the tier rules read about it: private facts, every
/// year of figures and every certificate.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnterpriseTierProfile {
    pub enterprise_id: i64,
    pub name: String,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub profile: EnterpriseProfile,
}

impl EnterpriseTierProfile {
    /// Joins each enterprise with its own years and certificates (others' are ignored).
    pub fn join(
        enterprises: Vec<EnterpriseRecord>,
        annual: &[AnnualDataRecord],
        certificates: &[CertificateRecord],
    ) -> Vec<EnterpriseTierProfile> {
        let mut years: HashMap<i64, Vec<AnnualDataRecord>> = HashMap::new();
        for year in annual {
            years.entry(year.enterprise_id).or_default().push(year.clone());
        }
        let mut held: HashMap<i64, Vec<CertificateRecord>> = HashMap::new();
        for certificate in certificates {
            held.entry(certificate.enterprise_id).or_default().push(certificate.clone());
        }
        enterprises
            .into_iter()
            .map(|e| {
                let years = years.remove(&e.id).unwrap_or_default();
                let held = held.remove(&e.id).unwrap_or_default();
                EnterpriseTierProfile {
                    enterprise_id: e.id,
                    profile: e.private.unwrap_or_default().tier_profile(&years, &held),
                    name: e.name,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tiers::{CertificateKind, Tier};
    use crate::wire::annual::tests::figures;
    use crate::wire::enterprise::tests::body;
    use chrono::NaiveDate;

    fn record(id: i64) -> EnterpriseRecord {
        EnterpriseRecord::from_body(id, 1, body())
    }

    #[test]
    fn each_enterprise_gets_only_its_own_years_and_certificates() {
        let year = |enterprise_id, year| AnnualDataRecord { enterprise_id, year, version: 1, figures: figures() };
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let certificate = CertificateRecord {
            id: 9,
            enterprise_id: 2,
            version: 1,
            kind: CertificateKind::Tier(Tier::SpecialisedSme),
            number: "ZJTX-1".into(),
            issued_on: day(2024, 1, 1),
            expires_on: day(2026, 12, 31),
        };
        let joined = EnterpriseTierProfile::join(
            vec![record(1), record(2)],
            &[year(1, 2024), year(2, 2023), year(2, 2024)],
            &[certificate],
        );
        let years: Vec<Vec<i32>> = joined.iter().map(|e| e.profile.accounts.iter().map(|a| a.year).collect()).collect();
        assert_eq!(years, vec![vec![2024], vec![2023, 2024]]);
        assert_eq!(joined[0].profile.certificates, Some(vec![]));
        assert_eq!(joined[1].profile.certificates.as_ref().map(Vec::len), Some(1));
        assert_eq!(joined[1].profile.staff_count, Some(180));
        assert_eq!((joined[1].enterprise_id, joined[1].name.as_str()), (2, "武汉示例汽车零部件有限公司"));
    }
}
