//! Measures derived from an [`EnterpriseProfile`] on an evaluation date: ratios, growth,
//! sums over the last years, certificates held, ages. Each is `None` when an input is
//! missing or a denominator is not positive, so no rule ever sees NaN.

use chrono::{Datelike, NaiveDate};

use super::profile::{CertificateKind, EnterpriseProfile, FiscalYear, FiscalYearFigures};
use super::TierError;

/// An enterprise seen from one evaluation date.
pub(crate) struct Facts<'a> {
    pub profile: &'a EnterpriseProfile,
    pub on: NaiveDate,
    /// The last complete fiscal year: the calendar year before the evaluation date.
    pub last_year: i32,
}

/// `numerator / denominator`, or `None` when either is missing or the denominator is not positive.
pub(crate) fn ratio(numerator: Option<f64>, denominator: Option<f64>) -> Option<f64> {
    let denominator = denominator.filter(|d| *d > 0.0)?;
    Some(numerator? / denominator)
}

impl<'a> Facts<'a> {
    /// Checks what the rules cannot read around: one entry per fiscal year, certificates
    /// that expire after they are issued.
    pub fn new(profile: &'a EnterpriseProfile, on: NaiveDate) -> Result<Facts<'a>, TierError> {
        let mut years: Vec<i32> = profile.accounts.iter().map(|a| a.year).collect();
        years.sort_unstable();
        if let Some(pair) = years.windows(2).find(|w| w[0] == w[1]) {
            return Err(TierError::DuplicateFiscalYear(pair[0]));
        }
        if let Some(c) = profile.certificates.iter().flatten().find(|c| c.expires_on < c.issued_on) {
            return Err(TierError::CertificateExpiresBeforeIssue {
                kind: c.kind,
                issued_on: c.issued_on,
                expires_on: c.expires_on,
            });
        }
        Ok(Facts { profile, on, last_year: on.year() - 1 })
    }

    /// The accounts `back` years before last year (0: last year).
    fn year(&self, back: u32) -> Option<&FiscalYear> {
        let year = self.last_year - back as i32;
        self.profile.accounts.iter().find(|a| a.year == year)
    }

    pub fn value(&self, back: u32, field: impl Fn(&FiscalYearFigures) -> Option<f64>) -> Option<f64> {
        self.year(back).and_then(|year| field(&year.figures))
    }

    /// Sum over the last `years` fiscal years; `None` if any is missing.
    pub fn sum(&self, years: u32, field: impl Fn(&FiscalYearFigures) -> Option<f64>) -> Option<f64> {
        (0..years).map(|back| self.value(back, &field)).sum()
    }

    /// `numerator / denominator` within one fiscal year.
    pub fn share(
        &self,
        back: u32,
        numerator: impl Fn(&FiscalYearFigures) -> Option<f64>,
        denominator: impl Fn(&FiscalYearFigures) -> Option<f64>,
    ) -> Option<f64> {
        ratio(self.value(back, numerator), self.value(back, denominator))
    }

    /// Growth of `field` in fiscal year `back` over the year before it.
    pub fn growth(&self, back: u32, field: impl Fn(&FiscalYearFigures) -> Option<f64>) -> Option<f64> {
        ratio(self.value(back, &field), self.value(back + 1, &field)).map(|r| r - 1.0)
    }

    /// Arithmetic mean of the yearly growth rates of the last `years` years (近N年平均增长率).
    pub fn average_growth(&self, years: u32, field: impl Fn(&FiscalYearFigures) -> Option<f64>) -> Option<f64> {
        let total: Option<f64> = (0..years).map(|back| self.growth(back, &field)).sum();
        total.map(|t| t / f64::from(years))
    }

    /// Compound annual growth over the last `years` years (年均复合增长率).
    pub fn compound_growth(&self, years: u32, field: impl Fn(&FiscalYearFigures) -> Option<f64>) -> Option<f64> {
        ratio(self.value(0, &field), self.value(years, &field)).map(|r| r.powf(1.0 / f64::from(years)) - 1.0)
    }

    /// A head count as a share of all staff.
    pub fn staff_share(&self, count: Option<u32>) -> Option<f64> {
        ratio(count.map(f64::from), self.profile.staff_count.map(f64::from))
    }

    /// Whether a certificate of one of `kinds` is valid on the evaluation date.
    pub fn holds(&self, kinds: &[CertificateKind]) -> Option<bool> {
        let certificates = self.profile.certificates.as_ref()?;
        Some(certificates.iter().any(|c| kinds.contains(&c.kind) && c.valid_on(self.on)))
    }

    /// Whether a calendar year lies within the last `years` years: the `years` years before
    /// the evaluation year and that year itself, since awards and incidents are known by year.
    pub fn within(&self, year: i32, years: u32) -> bool {
        (self.on.year() - years as i32..=self.on.year()).contains(&year)
    }

    /// No major incident within the last `years` years.
    pub fn incident_free(&self, years: u32) -> Option<bool> {
        let incidents = self.profile.major_incident_years.as_ref()?;
        Some(!incidents.iter().any(|&y| self.within(y, years)))
    }

    /// Age in years counted in completed months, so "≤ 5 years" excludes 5 years and 1 month.
    pub fn age_years(&self) -> Option<f64> {
        let founded = self.profile.founded_on?;
        let mut months = (self.on.year() - founded.year()) * 12 + self.on.month() as i32 - founded.month() as i32;
        if self.on.day() < founded.day() {
            months -= 1;
        }
        Some(f64::from(months) / 12.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn revenue_years(pairs: &[(i32, f64)]) -> EnterpriseProfile {
        EnterpriseProfile {
            accounts: pairs
                .iter()
                .map(|&(year, r)| FiscalYear {
                    year,
                    figures: FiscalYearFigures { revenue_wan_yuan: Some(r), ..FiscalYearFigures::default() },
                })
                .collect(),
            ..EnterpriseProfile::default()
        }
    }

    #[test]
    fn last_year_is_the_calendar_year_before_the_evaluation() {
        let p = revenue_years(&[(2025, 1200.0), (2024, 1000.0)]);
        let f = Facts::new(&p, date(2026, 5, 1)).unwrap();
        assert_eq!(f.value(0, |y| y.revenue_wan_yuan), Some(1200.0));
        assert!((f.growth(0, |y| y.revenue_wan_yuan).unwrap() - 0.2).abs() < 1e-12);
    }

    #[test]
    fn growth_over_a_zero_year_is_unknown_not_infinite() {
        let p = revenue_years(&[(2025, 1200.0), (2024, 0.0)]);
        let f = Facts::new(&p, date(2026, 5, 1)).unwrap();
        assert_eq!(f.growth(0, |y| y.revenue_wan_yuan), None);
    }

    #[test]
    fn compound_growth_over_three_years() {
        let p = revenue_years(&[(2025, 1331.0), (2024, 1210.0), (2023, 1100.0), (2022, 1000.0)]);
        let f = Facts::new(&p, date(2026, 1, 1)).unwrap();
        assert!((f.compound_growth(3, |y| y.revenue_wan_yuan).unwrap() - 0.1).abs() < 1e-12);
        assert!((f.average_growth(2, |y| y.revenue_wan_yuan).unwrap() - 0.1).abs() < 1e-12);
    }

    #[test]
    fn sum_needs_every_year() {
        let p = revenue_years(&[(2025, 1.0), (2023, 1.0)]);
        let f = Facts::new(&p, date(2026, 1, 1)).unwrap();
        assert_eq!(f.sum(1, |y| y.revenue_wan_yuan), Some(1.0));
        assert_eq!(f.sum(2, |y| y.revenue_wan_yuan), None);
    }

    #[test]
    fn duplicate_fiscal_year_is_refused() {
        let p = revenue_years(&[(2025, 1.0), (2025, 2.0)]);
        assert_eq!(Facts::new(&p, date(2026, 1, 1)).err(), Some(TierError::DuplicateFiscalYear(2025)));
    }

    #[test]
    fn age_counts_completed_months() {
        let p = EnterpriseProfile { founded_on: Some(date(2021, 5, 2)), ..EnterpriseProfile::default() };
        assert_eq!(Facts::new(&p, date(2026, 5, 1)).unwrap().age_years(), Some(59.0 / 12.0));
        assert_eq!(Facts::new(&p, date(2026, 5, 2)).unwrap().age_years(), Some(5.0));
    }

    #[test]
    fn incident_window_includes_the_evaluation_year_and_the_years_before() {
        let p = EnterpriseProfile { major_incident_years: Some(vec![2023]), ..EnterpriseProfile::default() };
        assert_eq!(Facts::new(&p, date(2026, 6, 1)).unwrap().incident_free(3), Some(false));
        assert_eq!(Facts::new(&p, date(2027, 6, 1)).unwrap().incident_free(3), Some(true));
        assert_eq!(Facts::new(&EnterpriseProfile::default(), date(2026, 6, 1)).unwrap().incident_free(3), None);
    }
}
