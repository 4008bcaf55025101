//! What the portal's what-ifs stand on, and the computations themselves, which are
//! parkatlas-core's own: the 亩均 score of one enterprise against a published run
//! ([`parkatlas_core::efficiency::what_if`]) and the tiers of its facts, years and
//! certificates ([`parkatlas_core::tiers::assess`] on `EnterprisePrivate::tier_profile`,
//! as the server's `GET /enterprises/{id}/tiers`).

use chrono::NaiveDate;
use parkatlas_core::efficiency::{what_if, Class, Published, WhatIf};
use parkatlas_core::tiers::{assess, TierAssessment, TierError, TierRules};
use parkatlas_core::wire::{
    AnnualDataRecord, AnnualFigures, CertificateRecord, EnterpriseRecord, EvaluationRecord, EvaluationResultRecord,
    ProfileRecord,
};

/// The newest run that covers `park_id` (its own or a city-wide one), of `year` when given.
pub fn latest_run(runs: &[EvaluationRecord], park_id: i64, year: Option<i32>) -> Option<&EvaluationRecord> {
    runs.iter()
        .filter(|run| run.summary.park_id.is_none_or(|park| park == park_id))
        .filter(|run| year.is_none_or(|year| run.summary.year == year))
        .max_by_key(|run| run.id)
}

/// A published run as one enterprise sees it: enough to score changed figures against it.
#[derive(Debug, Clone, PartialEq)]
pub struct EfficiencyBasis {
    pub enterprise: EnterpriseRecord,
    pub run: EvaluationRecord,
    /// The run's profile as it is now: see [`EfficiencyBasis::profile_changed`].
    pub profile: ProfileRecord,
    /// The enterprise's own result; `None` when it was not in the run.
    pub own: Option<EvaluationResultRecord>,
}

impl EfficiencyBasis {
    pub fn year(&self) -> i32 {
        self.run.summary.year
    }

    /// The profile was edited after the run: estimates use the rules as they are now.
    pub fn profile_changed(&self) -> bool {
        self.profile.version != self.run.summary.profile_version
    }

    /// The published total and class, when the run graded or exempted the enterprise.
    pub fn published(&self) -> Option<(Option<f64>, Class)> {
        let result = &self.own.as_ref()?.result;
        Some((result.total(), result.class()?))
    }

    /// The enterprise's score and class had its figures for the run's year been `figures`.
    pub fn estimate(&self, figures: &AnnualFigures) -> Result<WhatIf, String> {
        let enterprise = &self.enterprise;
        let input = figures.to_efficiency_input(enterprise.id.to_string(), enterprise.name.clone(), enterprise.cohort);
        let published = Published {
            profile: &self.profile.profile,
            evaluation_date: self.run.summary.evaluation_date,
            cutoffs: &self.run.summary.cutoffs,
            own: self.own.as_ref().map(|own| &own.result),
        };
        what_if(published, &input).map_err(|error| error.to_string())
    }
}

/// Everything the tier rules read about one enterprise.
#[derive(Debug, Clone, PartialEq)]
pub struct TierBasis {
    pub enterprise: EnterpriseRecord,
    pub annual: Vec<AnnualDataRecord>,
    pub certificates: Vec<CertificateRecord>,
}

impl TierBasis {
    /// The tiers on `on` had the accounts of `year` been those of `figures`.
    pub fn assess(&self, on: NaiveDate, year: i32, figures: &AnnualFigures) -> Result<TierAssessment, TierError> {
        let mut annual = self.annual.clone();
        match annual.iter_mut().find(|stored| stored.year == year) {
            Some(stored) => stored.figures = figures.clone(),
            None => annual.push(AnnualDataRecord {
                enterprise_id: self.enterprise.id,
                year,
                version: 0,
                figures: figures.clone(),
            }),
        }
        let private = self.enterprise.private.clone().unwrap_or_default();
        assess(&TierRules::default(), &private.tier_profile(&annual, &self.certificates), on)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use parkatlas_core::efficiency::{evaluate, shipped, EnterpriseInput};
    use parkatlas_core::tiers::LadderStep;
    use parkatlas_core::wire::EvaluationSummary;

    use super::*;
    use crate::components::portal::draft::tests::stored;

    pub(crate) fn enterprise() -> EnterpriseRecord {
        serde_json::from_value(serde_json::json!({
            "id": 1, "version": 1, "park_id": 1, "credit_code": "91350100M000100Y43", "name": "恒天示例光纤有限公司",
            "industry_code": "C3670", "size_class": "medium", "cohort": "above_scale", "public": {},
            "private": { "tier_facts": { "is_sme": true, "in_good_standing": true, "staff_count": 150 } }
        }))
        .unwrap()
    }

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    /// The enterprise's stored figures, on a parcel of its own.
    fn own_parcel() -> AnnualFigures {
        let mut figures = stored();
        figures.efficiency.land_group = None;
        figures
    }

    /// A run of year 2024 over the enterprise (the spec's worked example) and four others.
    pub(crate) fn basis() -> EfficiencyBasis {
        let profile = shipped::profile("huangyan-2022").unwrap();
        let mut inputs: Vec<EnterpriseInput> = [150.0, 300.0, 900.0, 1200.0]
            .iter()
            .enumerate()
            .map(|(i, &tax)| {
                let mut figures = own_parcel();
                figures.efficiency.tax_wan_yuan = Some(tax);
                figures.to_efficiency_input(format!("{}", i + 2), "其他".into(), enterprise().cohort)
            })
            .collect();
        inputs.insert(0, own_parcel().to_efficiency_input("1".into(), enterprise().name, enterprise().cohort));
        let run = evaluate(&profile, &inputs, date("2025-03-31")).unwrap();
        let summary = EvaluationSummary::of(&run, &profile.id, 1, 2024, Some(1));
        let own = EvaluationResultRecord {
            run_id: 7,
            enterprise_id: 1,
            park_id: 1,
            result: run.results[0].clone(),
            cohort_range_withheld: true,
        };
        EfficiencyBasis {
            enterprise: enterprise(),
            run: EvaluationRecord {
                id: 7,
                version: 1,
                profile_id: 1,
                created_at: "2025-03-31T02:00:00Z".into(),
                summary,
                notice: None,
            },
            profile: ProfileRecord { id: 1, key: profile.id.clone(), version: 1, profile },
            own: Some(own),
        }
    }

    #[test]
    fn the_newest_run_covering_the_park_is_chosen() {
        let run = basis().run;
        let with = |id: i64, park_id: Option<i64>, year: i32| {
            let mut run = run.clone();
            (run.id, run.summary.park_id, run.summary.year) = (id, park_id, year);
            run
        };
        let runs = [with(3, Some(1), 2024), with(9, Some(2), 2024), with(5, None, 2023), with(2, Some(1), 2023)];
        assert_eq!(latest_run(&runs, 1, None).map(|run| run.id), Some(5));
        assert_eq!(latest_run(&runs, 1, Some(2024)).map(|run| run.id), Some(3));
        assert_eq!(latest_run(&runs, 2, Some(2022)), None);
    }

    #[test]
    fn the_stored_figures_estimate_the_published_result_and_more_tax_moves_it() {
        let basis = basis();
        let (published_total, published_class) = basis.published().unwrap();
        let same = basis.estimate(&own_parcel()).unwrap();
        assert_eq!((same.total(), same.class()), (published_total, Some(published_class)));
        let mut richer = own_parcel();
        richer.efficiency.tax_wan_yuan = Some(3000.0);
        let moved = basis.estimate(&richer).unwrap();
        assert!(moved.total() > published_total);
        assert_eq!(moved.class(), Some(Class::A));
        assert!(!basis.profile_changed());
    }

    #[test]
    fn broken_figures_are_explained_not_scored() {
        let mut broken = own_parcel();
        broken.efficiency.energy_tce = Some(-1.0);
        assert!(basis().estimate(&broken).unwrap_err().contains("energy_tce"));
    }

    #[test]
    fn tiers_follow_the_accounts_of_the_year_changed() {
        let tiers = TierBasis {
            enterprise: enterprise(),
            annual: vec![AnnualDataRecord { enterprise_id: 1, year: 2024, version: 3, figures: stored() }],
            certificates: vec![],
        };
        let on = date("2025-06-30");
        let as_stored = tiers.assess(on, 2024, &stored()).unwrap();
        let mut more_rd = stored();
        more_rd.accounts.rd_expense_wan_yuan = Some(900.0);
        let changed = tiers.assess(on, 2024, &more_rd).unwrap();
        assert_ne!(as_stored.tiers, changed.tiers, "R&D is read by the rules");
        assert_eq!(as_stored.next_step, Some(LadderStep::TechOrInnovativeSme));
        // A year not stored yet is added, not lost.
        assert_eq!(tiers.assess(on, 2023, &more_rd).unwrap().evaluated_on, on);
    }
}
