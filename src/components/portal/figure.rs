//! The inputs of a year of figures (spec §1 and §4): where each sits in the wire's
//! `AnnualFigures`, what its text holds, its unit, and the form section it belongs to.

/// One input of a year's figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Figure {
    LandArea,
    Tax,
    ValueAdded,
    Revenue,
    MainBusinessRevenue,
    Energy,
    Emissions,
    Water,
    Electricity,
    AverageStaff,
    Rd,
    Bonus,
    Deduction,
    Exemption,
    ProductionStart,
    LandGranted,
    UnderConstruction,
    LandGroup,
    AccountsRevenue,
    AccountsMainBusinessRevenue,
    NicheProductRevenue,
    HighTechProductRevenue,
    RdExpense,
    DomesticRdExpense,
    TotalCost,
    NetProfit,
    EquityFinancing,
}

/// What a figure's text holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Number(Unit),
    /// `YYYY-MM-DD`, or empty.
    Date,
    /// One of the options [`Figure::options`] lists.
    Choice,
    Text,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    WanYuan,
    Mu,
    Tce,
    Tonne,
    Kwh,
    People,
    Points,
}

/// The form's sections, in the order they are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    /// Land, tax and output: the 亩均 figures.
    Output,
    /// Energy, emissions, water, electricity.
    Resources,
    /// Staff and R&D.
    Innovation,
    /// The year's accounts that the tier rules read.
    Accounts,
    /// Production and land dates, shared parcels, exemptions.
    Standing,
    /// Bonus and deduction points, usually set by the park.
    Adjustments,
}

use Figure::*;

impl Figure {
    pub const ALL: [Figure; 27] = [
        LandArea,
        Tax,
        ValueAdded,
        Revenue,
        MainBusinessRevenue,
        Energy,
        Emissions,
        Water,
        Electricity,
        AverageStaff,
        Rd,
        AccountsRevenue,
        AccountsMainBusinessRevenue,
        NicheProductRevenue,
        HighTechProductRevenue,
        RdExpense,
        DomesticRdExpense,
        TotalCost,
        NetProfit,
        EquityFinancing,
        ProductionStart,
        LandGranted,
        UnderConstruction,
        LandGroup,
        Exemption,
        Bonus,
        Deduction,
    ];

    /// The figure's place in [`AnnualFigures`], as the API and core name a field in a problem.
    pub fn path(self) -> &'static str {
        match self {
            LandArea => "efficiency.land_area_mu",
            Tax => "efficiency.tax_wan_yuan",
            ValueAdded => "efficiency.value_added_wan_yuan",
            Revenue => "efficiency.revenue_wan_yuan",
            MainBusinessRevenue => "efficiency.main_business_revenue_wan_yuan",
            Energy => "efficiency.energy_tce",
            Emissions => "efficiency.emissions_t",
            Water => "efficiency.water_t",
            Electricity => "efficiency.electricity_kwh",
            AverageStaff => "efficiency.average_staff",
            Rd => "efficiency.rd_wan_yuan",
            Bonus => "efficiency.bonus",
            Deduction => "efficiency.deduction",
            Exemption => "efficiency.exemption",
            ProductionStart => "efficiency.production_start",
            LandGranted => "efficiency.land_granted",
            UnderConstruction => "efficiency.under_construction",
            LandGroup => "efficiency.land_group",
            AccountsRevenue => "accounts.revenue_wan_yuan",
            AccountsMainBusinessRevenue => "accounts.main_business_revenue_wan_yuan",
            NicheProductRevenue => "accounts.niche_product_revenue_wan_yuan",
            HighTechProductRevenue => "accounts.high_tech_product_revenue_wan_yuan",
            RdExpense => "accounts.rd_expense_wan_yuan",
            DomesticRdExpense => "accounts.domestic_rd_expense_wan_yuan",
            TotalCost => "accounts.total_cost_wan_yuan",
            NetProfit => "accounts.net_profit_wan_yuan",
            EquityFinancing => "accounts.equity_financing_wan_yuan",
        }
    }

    /// The figure a problem's field names, e.g. `efficiency.energy_tce`.
    pub fn at_path(path: &str) -> Option<Figure> {
        Figure::ALL.into_iter().find(|figure| figure.path() == path)
    }

    /// The element id of the figure's input, unique on a page per `form`.
    pub fn input_id(self, form: &str) -> String {
        format!("{form}-{}", self.path().replace(['.', '_'], "-"))
    }

    pub fn kind(self) -> Kind {
        match self {
            LandArea => Kind::Number(Unit::Mu),
            Energy => Kind::Number(Unit::Tce),
            Emissions | Water => Kind::Number(Unit::Tonne),
            Electricity => Kind::Number(Unit::Kwh),
            AverageStaff => Kind::Number(Unit::People),
            Bonus | Deduction => Kind::Number(Unit::Points),
            ProductionStart | LandGranted => Kind::Date,
            Exemption | UnderConstruction => Kind::Choice,
            LandGroup => Kind::Text,
            _ => Kind::Number(Unit::WanYuan),
        }
    }

    pub fn group(self) -> Group {
        match self {
            LandArea | Tax | ValueAdded | Revenue | MainBusinessRevenue => Group::Output,
            Energy | Emissions | Water | Electricity => Group::Resources,
            AverageStaff | Rd => Group::Innovation,
            ProductionStart | LandGranted | UnderConstruction | LandGroup | Exemption => Group::Standing,
            Bonus | Deduction => Group::Adjustments,
            _ => Group::Accounts,
        }
    }

    /// The values a choice takes, in the order offered; the first is the default.
    pub fn options(self) -> &'static [&'static str] {
        match self {
            Exemption => &[
                "",
                "public_utility",
                "recently_started_production",
                "recently_granted_under_construction",
                "policy_relocation",
            ],
            UnderConstruction => &["false", "true"],
            _ => &[],
        }
    }

    /// The figures a 亩均 what-if varies: the amounts the evaluation divides.
    pub fn scored(self) -> bool {
        matches!(self.group(), Group::Output | Group::Resources | Group::Innovation)
    }
}

impl Group {
    pub const ALL: [Group; 6] =
        [Group::Output, Group::Resources, Group::Innovation, Group::Accounts, Group::Standing, Group::Adjustments];

    pub fn figures(self) -> impl Iterator<Item = Figure> {
        Figure::ALL.into_iter().filter(move |figure| figure.group() == self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_figure_has_a_distinct_path_and_a_group() {
        for figure in Figure::ALL {
            assert_eq!(Figure::at_path(figure.path()), Some(figure));
        }
        let grouped: usize = Group::ALL.iter().map(|group| group.figures().count()).sum();
        assert_eq!(grouped, Figure::ALL.len());
        assert_eq!(Tax.input_id("figures"), "figures-efficiency-tax-wan-yuan");
    }
}
