//! A year of figures as typed: one text per [`Figure`] of spec §1 (亩均) and §4 (tier
//! accounts), read into the wire's [`AnnualFigures`] and checked by core, each problem placed
//! beside its own field. Forms, the what-ifs and the conflict view all hold a [`Draft`].

use std::collections::BTreeMap;

use chrono::NaiveDate;
use parkatlas_core::efficiency::{EfficiencyFigures, ExemptionReason};
use parkatlas_core::tiers::FiscalYearFigures;
use parkatlas_core::wire::AnnualFigures;

use super::figure::{Figure, Kind};
use Figure::*;

/// Why a figure cannot be read or stored.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// Land must be given: every 亩均 indicator divides by it.
    Required,
    NotANumber,
    NotADate,
    /// A choice the form does not offer.
    NotAChoice,
    /// Core's check of the whole year ([`AnnualFigures::problem`]), in its words.
    Rule(String),
}

/// A year of figures as typed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Draft {
    texts: BTreeMap<Figure, String>,
}

impl Draft {
    /// The texts of stored figures.
    pub fn of(figures: &AnnualFigures) -> Draft {
        let (e, a) = (&figures.efficiency, &figures.accounts);
        let number = |value: Option<f64>| value.map(|v| v.to_string()).unwrap_or_default();
        let date = |value: Option<NaiveDate>| value.map(|d| d.to_string()).unwrap_or_default();
        let exemption = e.exemption.map(|reason| serde_key(&reason)).unwrap_or_default();
        let texts = Figure::ALL.into_iter().map(|figure| {
            let text = match figure {
                LandArea => e.land_area_mu.to_string(),
                Tax => number(e.tax_wan_yuan),
                ValueAdded => number(e.value_added_wan_yuan),
                Revenue => number(e.revenue_wan_yuan),
                MainBusinessRevenue => number(e.main_business_revenue_wan_yuan),
                Energy => number(e.energy_tce),
                Emissions => number(e.emissions_t),
                Water => number(e.water_t),
                Electricity => number(e.electricity_kwh),
                AverageStaff => number(e.average_staff),
                Rd => number(e.rd_wan_yuan),
                Bonus => e.bonus.to_string(),
                Deduction => e.deduction.to_string(),
                Exemption => exemption.clone(),
                ProductionStart => date(e.production_start),
                LandGranted => date(e.land_granted),
                UnderConstruction => e.under_construction.to_string(),
                LandGroup => e.land_group.clone().unwrap_or_default(),
                AccountsRevenue => number(a.revenue_wan_yuan),
                AccountsMainBusinessRevenue => number(a.main_business_revenue_wan_yuan),
                NicheProductRevenue => number(a.niche_product_revenue_wan_yuan),
                HighTechProductRevenue => number(a.high_tech_product_revenue_wan_yuan),
                RdExpense => number(a.rd_expense_wan_yuan),
                DomesticRdExpense => number(a.domestic_rd_expense_wan_yuan),
                TotalCost => number(a.total_cost_wan_yuan),
                NetProfit => number(a.net_profit_wan_yuan),
                EquityFinancing => number(a.equity_financing_wan_yuan),
            };
            (figure, text)
        });
        Draft { texts: texts.collect() }
    }

    /// A new year: the standing facts (land, dates, shared parcel) carried over from
    /// `previous`, every amount empty, so that last year's amounts are never saved as this
    /// year's by mistake.
    pub fn new_year(previous: Option<&AnnualFigures>) -> Draft {
        let mut draft = Draft::default();
        if let Some(previous) = previous.map(Draft::of) {
            for figure in [LandArea, ProductionStart, LandGranted, UnderConstruction, LandGroup] {
                draft.set(figure, previous.text(figure).to_string());
            }
        }
        draft
    }

    pub fn text(&self, figure: Figure) -> &str {
        match self.texts.get(&figure) {
            Some(text) => text,
            None => figure.options().first().copied().unwrap_or(""),
        }
    }

    pub fn set(&mut self, figure: Figure, text: String) {
        self.texts.insert(figure, text);
    }

    /// Whether two drafts hold the same value for `figure`: `600` and `600.0` do.
    pub fn same(&self, other: &Draft, figure: Figure) -> bool {
        let (mine, theirs) = (self.text(figure).trim(), other.text(figure).trim());
        match (figure.kind(), mine.parse::<f64>(), theirs.parse::<f64>()) {
            (Kind::Number(_), Ok(a), Ok(b)) => a == b,
            _ => mine == theirs,
        }
    }

    /// The figures whose value differs from `other`'s.
    pub fn differences(&self, other: &Draft) -> Vec<Figure> {
        Figure::ALL.into_iter().filter(|&figure| !self.same(other, figure)).collect()
    }

    /// The figures as the API takes them, or every problem with them by figure: what
    /// cannot be read, else the first rule core finds broken.
    pub fn read(&self) -> Result<AnnualFigures, BTreeMap<Figure, Problem>> {
        let mut problems = BTreeMap::new();
        let mut number = |figure: Figure| -> Option<f64> {
            let text = self.text(figure).trim();
            if text.is_empty() {
                return None;
            }
            // People type thousands separators and full-width digits' neighbours; only the former are harmless.
            let parsed = text.replace([',', '，'], "").parse::<f64>();
            parsed.map_err(|_| problems.insert(figure, Problem::NotANumber)).ok()
        };
        let efficiency = EfficiencyFigures {
            land_area_mu: number(LandArea).unwrap_or(f64::NAN),
            tax_wan_yuan: number(Tax),
            value_added_wan_yuan: number(ValueAdded),
            revenue_wan_yuan: number(Revenue),
            main_business_revenue_wan_yuan: number(MainBusinessRevenue),
            energy_tce: number(Energy),
            emissions_t: number(Emissions),
            water_t: number(Water),
            electricity_kwh: number(Electricity),
            average_staff: number(AverageStaff),
            rd_wan_yuan: number(Rd),
            bonus: number(Bonus).unwrap_or(0.0),
            deduction: number(Deduction).unwrap_or(0.0),
            exemption: None,
            production_start: None,
            land_granted: None,
            under_construction: self.text(UnderConstruction) == "true",
            land_group: Some(self.text(LandGroup).to_string()).filter(|group| !group.is_empty()),
        };
        let accounts = FiscalYearFigures {
            revenue_wan_yuan: number(AccountsRevenue),
            main_business_revenue_wan_yuan: number(AccountsMainBusinessRevenue),
            niche_product_revenue_wan_yuan: number(NicheProductRevenue),
            high_tech_product_revenue_wan_yuan: number(HighTechProductRevenue),
            rd_expense_wan_yuan: number(RdExpense),
            domestic_rd_expense_wan_yuan: number(DomesticRdExpense),
            total_cost_wan_yuan: number(TotalCost),
            net_profit_wan_yuan: number(NetProfit),
            equity_financing_wan_yuan: number(EquityFinancing),
        };
        let mut figures = AnnualFigures { efficiency, accounts };
        if self.text(LandArea).trim().is_empty() {
            problems.insert(LandArea, Problem::Required);
        }
        let mut date = |figure: Figure| -> Option<NaiveDate> {
            let text = self.text(figure).trim();
            let parsed = (!text.is_empty()).then(|| NaiveDate::parse_from_str(text, "%Y-%m-%d"));
            parsed?.map_err(|_| problems.insert(figure, Problem::NotADate)).ok()
        };
        figures.efficiency.production_start = date(ProductionStart);
        figures.efficiency.land_granted = date(LandGranted);
        figures.efficiency.exemption = serde_json::from_value::<Option<ExemptionReason>>(
            Some(self.text(Exemption)).filter(|key| !key.is_empty()).into(),
        )
        .unwrap_or_else(|_| {
            problems.insert(Exemption, Problem::NotAChoice);
            None
        });
        if !problems.is_empty() {
            return Err(problems);
        }
        match figures.problem() {
            None => Ok(figures),
            Some((field, problem)) => {
                let figure = Figure::at_path(field).unwrap_or(LandArea);
                Err(BTreeMap::from([(figure, Problem::Rule(problem))]))
            }
        }
    }
}

/// The JSON key serde writes for a unit enum variant, e.g. `policy_relocation`.
fn serde_key<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The spec's worked example (§1.5) with a year of accounts, as stored.
    pub(crate) fn stored() -> AnnualFigures {
        serde_json::from_value(serde_json::json!({
            "efficiency": {
                "land_area_mu": 30.0, "tax_wan_yuan": 600.0, "value_added_wan_yuan": 3000.0,
                "revenue_wan_yuan": 12000.0, "main_business_revenue_wan_yuan": 10000.0, "energy_tce": 1000.0,
                "emissions_t": 0.5, "average_staff": 150.0, "rd_wan_yuan": 300.0,
                "production_start": "2015-03-01", "land_group": "GG-017"
            },
            "accounts": { "revenue_wan_yuan": 12000.0, "rd_expense_wan_yuan": 300.0, "net_profit_wan_yuan": -50.0 }
        }))
        .unwrap()
    }

    #[test]
    fn stored_figures_read_back_unchanged() {
        let draft = Draft::of(&stored());
        assert_eq!(draft.text(Tax), "600");
        assert_eq!(draft.text(Emissions), "0.5");
        assert_eq!(draft.text(Water), "");
        assert_eq!(draft.text(ProductionStart), "2015-03-01");
        assert_eq!(draft.text(UnderConstruction), "false");
        assert_eq!(draft.read(), Ok(stored()));
    }

    #[test]
    fn unreadable_texts_are_all_reported_beside_their_figures() {
        let mut draft = Draft::of(&stored());
        draft.set(Tax, "六百".into());
        draft.set(LandArea, " ".into());
        draft.set(LandGranted, "2015/03/01".into());
        let problems = draft.read().unwrap_err();
        assert_eq!(problems.get(&Tax), Some(&Problem::NotANumber));
        assert_eq!(problems.get(&LandArea), Some(&Problem::Required));
        assert_eq!(problems.get(&LandGranted), Some(&Problem::NotADate));
        assert_eq!(problems.len(), 3);
    }

    #[test]
    fn core_s_rules_are_checked_and_placed() {
        let mut draft = Draft::of(&stored());
        draft.set(Energy, "-5".into());
        let problems = draft.read().unwrap_err();
        assert!(matches!(problems.get(&Energy), Some(Problem::Rule(message)) if message.contains("negative")));
        let mut draft = Draft::of(&stored());
        draft.set(DomesticRdExpense, "400".into());
        assert!(matches!(draft.read().unwrap_err().get(&DomesticRdExpense), Some(Problem::Rule(_))));
    }

    #[test]
    fn thousands_separators_are_read_and_empty_amounts_are_unreported() {
        let mut draft = Draft::of(&stored());
        draft.set(Revenue, "12,500".into());
        draft.set(Tax, String::new());
        let figures = draft.read().unwrap();
        assert_eq!(figures.efficiency.revenue_wan_yuan, Some(12500.0));
        assert_eq!(figures.efficiency.tax_wan_yuan, None);
    }

    #[test]
    fn choices_read_as_the_wire_s_values() {
        let mut draft = Draft::of(&stored());
        draft.set(Exemption, "policy_relocation".into());
        draft.set(UnderConstruction, "true".into());
        let figures = draft.read().unwrap();
        assert_eq!(figures.efficiency.exemption, Some(ExemptionReason::PolicyRelocation));
        assert!(figures.efficiency.under_construction);
        assert_eq!(Draft::of(&figures).text(Exemption), "policy_relocation");
        draft.set(Exemption, "moved".into());
        assert_eq!(draft.read().unwrap_err().keys().collect::<Vec<_>>(), [&Exemption]);
    }

    #[test]
    fn a_new_year_carries_the_standing_facts_only() {
        let draft = Draft::new_year(Some(&stored()));
        assert_eq!((draft.text(LandArea), draft.text(LandGroup)), ("30", "GG-017"));
        assert_eq!((draft.text(Tax), draft.text(AccountsRevenue)), ("", ""));
        assert_eq!(Draft::new_year(None).read().unwrap_err().get(&LandArea), Some(&Problem::Required));
    }

    #[test]
    fn equal_numbers_written_differently_are_the_same() {
        let draft = Draft::of(&stored());
        let mut typed = draft.clone();
        typed.set(Tax, "600.0".into());
        typed.set(Energy, "1001".into());
        assert_eq!(typed.differences(&draft), [Energy]);
    }
}
