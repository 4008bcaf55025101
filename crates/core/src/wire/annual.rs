//! One enterprise's figures for one year on the wire: what the 亩均 evaluation (spec §1)
//! and the tier rules (spec §4) read, and the years they may be given for.

use serde::{Deserialize, Serialize};

use crate::efficiency::{Cohort, EfficiencyFigures, EnterpriseInput};
use crate::tiers::{FiscalYear, FiscalYearFigures};

/// The years annual figures may be given for.
pub const FIRST_YEAR: i32 = 2000;
pub const LAST_YEAR: i32 = 2100;

/// Figures larger than this in magnitude (万元, 亩, 吨, kWh…) are refused as a unit mistake.
pub const MAX_FIGURE: f64 = 1e12;

/// The problem with a year of annual figures, if it is outside [`FIRST_YEAR`]..=[`LAST_YEAR`].
pub fn check_year(year: i32) -> Option<(&'static str, String)> {
    (!(FIRST_YEAR..=LAST_YEAR).contains(&year)).then(|| {
        (
            "year",
            format!("{year} is not a year from {FIRST_YEAR} to {LAST_YEAR}; give the calendar year of the figures"),
        )
    })
}

/// One enterprise's figures for one year: what the 亩均 evaluation (spec §1) and the
/// tier rules (spec §4) read, each in the rules' own type. The year, and the enterprise's
/// id, name and cohort, come from the record they are stored under.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnnualFigures {
    pub efficiency: EfficiencyFigures,
    #[serde(default)]
    pub accounts: FiscalYearFigures,
}

impl EfficiencyFigures {
    /// Every number with its field name as [`AnnualFigures::problem`] reports it.
    fn numbers(&self) -> [(&'static str, Option<f64>); 13] {
        [
            ("efficiency.land_area_mu", Some(self.land_area_mu)),
            ("efficiency.tax_wan_yuan", self.tax_wan_yuan),
            ("efficiency.value_added_wan_yuan", self.value_added_wan_yuan),
            ("efficiency.revenue_wan_yuan", self.revenue_wan_yuan),
            ("efficiency.main_business_revenue_wan_yuan", self.main_business_revenue_wan_yuan),
            ("efficiency.energy_tce", self.energy_tce),
            ("efficiency.emissions_t", self.emissions_t),
            ("efficiency.water_t", self.water_t),
            ("efficiency.electricity_kwh", self.electricity_kwh),
            ("efficiency.average_staff", self.average_staff),
            ("efficiency.rd_wan_yuan", self.rd_wan_yuan),
            ("efficiency.bonus", Some(self.bonus)),
            ("efficiency.deduction", Some(self.deduction)),
        ]
    }
}

impl FiscalYearFigures {
    /// Every number with its field name and whether it may be negative.
    fn numbers(&self) -> [(&'static str, Option<f64>, bool); 9] {
        [
            ("accounts.revenue_wan_yuan", self.revenue_wan_yuan, false),
            ("accounts.main_business_revenue_wan_yuan", self.main_business_revenue_wan_yuan, false),
            ("accounts.niche_product_revenue_wan_yuan", self.niche_product_revenue_wan_yuan, false),
            ("accounts.high_tech_product_revenue_wan_yuan", self.high_tech_product_revenue_wan_yuan, false),
            ("accounts.rd_expense_wan_yuan", self.rd_expense_wan_yuan, false),
            ("accounts.domestic_rd_expense_wan_yuan", self.domestic_rd_expense_wan_yuan, false),
            ("accounts.total_cost_wan_yuan", self.total_cost_wan_yuan, false),
            ("accounts.net_profit_wan_yuan", self.net_profit_wan_yuan, true),
            ("accounts.equity_financing_wan_yuan", self.equity_financing_wan_yuan, false),
        ]
    }
}

fn out_of_range(value: f64) -> String {
    format!("{value} is out of range: no figure exceeds 10¹² in its unit; check the unit (万元, 亩, 吨, kWh)")
}

impl AnnualFigures {
    /// The first problem that makes these figures unfit to store, as `(field, problem)`,
    /// the field named by its path, e.g. `efficiency.energy_tce`, `accounts.net_profit_wan_yuan`.
    pub fn problem(&self) -> Option<(&'static str, String)> {
        // The evaluation's own checks, so that stored figures are always evaluable.
        let input = self.to_efficiency_input("-".into(), String::new(), Cohort::AboveScale);
        let numbers = self.efficiency.numbers();
        if let Some(problem) = input.problems().into_iter().next() {
            let field = numbers
                .iter()
                .map(|(name, _)| *name)
                .find(|name| name.strip_prefix("efficiency.") == Some(problem.field))
                .unwrap_or("efficiency");
            return Some((field, problem.problem));
        }
        if let Some((field, Some(value))) = numbers.into_iter().find(|(_, v)| v.is_some_and(|v| v.abs() > MAX_FIGURE)) {
            return Some((field, out_of_range(value)));
        }
        if self.efficiency.land_group.as_ref().is_some_and(|group| group.trim().is_empty()) {
            return Some(("efficiency.land_group", "is empty; name the shared parcel, or leave it out".into()));
        }
        for (field, value, may_be_negative) in self.accounts.numbers() {
            match value {
                Some(v) if !v.is_finite() => return Some((field, format!("{v} is not a number"))),
                Some(v) if v < 0.0 && !may_be_negative => {
                    return Some((field, format!("{v} is negative; it must be 0 or more")))
                }
                Some(v) if v.abs() > MAX_FIGURE => return Some((field, out_of_range(v))),
                _ => {}
            }
        }
        if let (Some(domestic), Some(all)) =
            (self.accounts.domestic_rd_expense_wan_yuan, self.accounts.rd_expense_wan_yuan)
        {
            if domestic > all {
                return Some((
                    "accounts.domestic_rd_expense_wan_yuan",
                    format!("{domestic} 万元 of R&D in mainland China is more than all R&D ({all} 万元), of which it is a part"),
                ));
            }
        }
        None
    }

    /// The 亩均 evaluation's input for this year, with the enterprise's id, name and cohort.
    pub fn to_efficiency_input(&self, id: String, name: String, cohort: Cohort) -> EnterpriseInput {
        EnterpriseInput { id, name, cohort, figures: self.efficiency.clone() }
    }

    /// The tier rules' accounts for this year.
    pub fn to_fiscal_year(&self, year: i32) -> FiscalYear {
        FiscalYear { year, figures: self.accounts.clone() }
    }
}

/// One enterprise's stored figures for one year.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnnualDataRecord {
    pub enterprise_id: i64,
    pub year: i32,
    pub version: i64,
    pub figures: AnnualFigures,
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use chrono::NaiveDate;
    use serde_json::json;

    /// A change to a valid value that should make it invalid.
    type Edit<T> = fn(&mut T);

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    pub(crate) fn figures() -> AnnualFigures {
        AnnualFigures {
            // The spec's worked example, producing since 2015.
            efficiency: EfficiencyFigures {
                production_start: Some(date(2015, 3, 1)),
                ..crate::efficiency::huangyan_worked_example().figures
            },
            accounts: FiscalYearFigures {
                revenue_wan_yuan: Some(12000.0),
                rd_expense_wan_yuan: Some(300.0),
                domestic_rd_expense_wan_yuan: Some(280.0),
                net_profit_wan_yuan: Some(-50.0),
                ..FiscalYearFigures::default()
            },
        }
    }

    mod annual {
        use super::*;

        #[test]
        fn complete_figures_have_no_problem() {
            assert_eq!(figures().problem(), None);
        }

        #[test]
        fn each_problem_names_its_field() {
            let cases: [(Edit<AnnualFigures>, &str); 8] = [
                (|f| f.efficiency.land_area_mu = -1.0, "efficiency.land_area_mu"),
                (|f| f.efficiency.energy_tce = Some(f64::NAN), "efficiency.energy_tce"),
                (|f| f.efficiency.electricity_kwh = Some(2e12), "efficiency.electricity_kwh"),
                (|f| f.efficiency.tax_wan_yuan = Some(-2e12), "efficiency.tax_wan_yuan"),
                (|f| f.efficiency.land_group = Some(" ".into()), "efficiency.land_group"),
                (|f| f.accounts.total_cost_wan_yuan = Some(-1.0), "accounts.total_cost_wan_yuan"),
                (|f| f.accounts.net_profit_wan_yuan = Some(f64::INFINITY), "accounts.net_profit_wan_yuan"),
                (|f| f.accounts.domestic_rd_expense_wan_yuan = Some(301.0), "accounts.domestic_rd_expense_wan_yuan"),
            ];
            for (change, field) in cases {
                let mut figures = figures();
                change(&mut figures);
                assert_eq!(figures.problem().map(|(f, _)| f), Some(field), "{figures:?}");
            }
        }

        #[test]
        fn refunds_and_losses_may_be_negative() {
            let mut figures = figures();
            figures.efficiency.tax_wan_yuan = Some(-20.0);
            figures.accounts.net_profit_wan_yuan = Some(-1e6);
            assert_eq!(figures.problem(), None);
        }

        #[test]
        fn huge_figures_are_out_of_range() {
            let mut figures = figures();
            figures.accounts.revenue_wan_yuan = Some(1.5e12);
            let (field, problem) = figures.problem().unwrap();
            assert_eq!(field, "accounts.revenue_wan_yuan");
            assert!(problem.contains("out of range"), "{problem}");
        }

        #[test]
        fn figures_convert_to_the_evaluation_and_tier_inputs() {
            let figures = figures();
            let input = figures.to_efficiency_input("7".into(), "示例".into(), Cohort::BelowScale);
            assert_eq!((input.id.as_str(), input.cohort), ("7", Cohort::BelowScale));
            assert_eq!(input.figures.land_area_mu, 30.0);
            assert_eq!(input.figures.production_start, Some(date(2015, 3, 1)));
            assert!(input.problems().is_empty());
            let year = figures.to_fiscal_year(2024);
            assert_eq!((year.year, year.figures.net_profit_wan_yuan), (2024, Some(-50.0)));
            assert_eq!(year.figures.domestic_rd_expense_wan_yuan, Some(280.0));
            let flat = serde_json::to_value(&year).unwrap();
            assert_eq!((&flat["year"], &flat["revenue_wan_yuan"]), (&json!(2024), &json!(12000.0)));
        }

        #[test]
        fn the_json_nests_the_two_sets_of_figures_and_refuses_unknown_fields() {
            let value = serde_json::to_value(figures()).unwrap();
            assert_eq!(value["efficiency"]["land_area_mu"], 30.0);
            assert_eq!(value["efficiency"]["production_start"], "2015-03-01");
            assert_eq!(value["accounts"]["domestic_rd_expense_wan_yuan"], 280.0);
            for (set, misspelt) in [("efficiency", "tax_wanyuan"), ("accounts", "year")] {
                let mut value = value.clone();
                value[set][misspelt] = json!(1.0);
                let error = serde_json::from_value::<AnnualFigures>(value).unwrap_err().to_string();
                assert!(error.starts_with(&format!("unknown field `{misspelt}`")), "{error}");
            }
        }

        #[test]
        fn accounts_may_be_left_out() {
            let figures: AnnualFigures =
                serde_json::from_value(json!({ "efficiency": { "land_area_mu": 12.5 } })).unwrap();
            assert_eq!(figures.accounts, FiscalYearFigures::default());
            assert_eq!(figures.problem(), None);
        }

        #[test]
        fn years_run_from_2000_to_2100() {
            assert_eq!(check_year(2000), None);
            assert_eq!(check_year(2100), None);
            assert_eq!(check_year(1999).map(|(f, _)| f), Some("year"));
            assert!(check_year(2101).is_some());
        }
    }

    mod round_trips {
        use super::*;
        use proptest::prelude::*;

        fn figure() -> impl Strategy<Value = Option<f64>> {
            proptest::option::of(0.0f64..1e9)
        }

        proptest! {
            #[test]
            fn annual_figures_round_trip(
                land in 0.0f64..1e5, tax in proptest::option::of(-1e6f64..1e7), revenue in figure(), energy in figure(),
                staff in figure(), bonus in 0.0f64..10.0, started in proptest::option::of(0i64..15_000),
                under_construction: bool, group in proptest::option::of("[A-Z]{2}-[0-9]{3}"),
                rd in figure(), profit in proptest::option::of(-1e6f64..1e6),
            ) {
                let figures = AnnualFigures {
                    efficiency: EfficiencyFigures {
                        land_area_mu: land, tax_wan_yuan: tax, revenue_wan_yuan: revenue, energy_tce: energy,
                        average_staff: staff, bonus,
                        production_start: started.map(|days| date(1990, 1, 1) + chrono::Days::new(days as u64)),
                        under_construction, land_group: group,
                        ..figures().efficiency
                    },
                    accounts: FiscalYearFigures {
                        revenue_wan_yuan: revenue, rd_expense_wan_yuan: rd, net_profit_wan_yuan: profit,
                        ..FiscalYearFigures::default()
                    },
                };
                let text = serde_json::to_string(&figures).unwrap();
                prop_assert_eq!(serde_json::from_str::<AnnualFigures>(&text).unwrap(), figures);
            }
        }
    }
}
