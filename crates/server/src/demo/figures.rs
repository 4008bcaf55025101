//! Three years of annual figures (2023–2025) and the tier certificates of the demo
//! enterprises. Figures follow each firm's size, industry and growth, with enough spread
//! in 亩均 output and tax that an evaluation gives A, B, C and D; titles follow its
//! innovation strength, so that they thin out up the ladder.

use chrono::NaiveDate;
use parkatlas_core::efficiency::{EfficiencyFigures, ExemptionReason};
use parkatlas_core::tiers::{CertificateKind, FiscalYearFigures, Tier};
use parkatlas_core::wire::{AnnualFigures, CertificateBody, SizeClass};
use rand::RngExt;
use rand_chacha::ChaCha8Rng;

use super::enterprises::{date, Firm, Firms};
use super::round;
use crate::store::bulk::{AnnualRow, CertificateRow, Dataset};

pub const YEARS: [i32; 3] = [2023, 2024, 2025];

/// Adds the figures and certificates of a park's firms to `data`.
pub(super) fn add(firms: &Firms, rng: &mut ChaCha8Rng, data: &mut Dataset) {
    for firm in &firms.firms {
        // A few firms moved under a relocation policy: the evaluation grades them T.
        let relocated = rng.random_bool(0.015);
        for year in YEARS {
            let figures = annual(firm, year, relocated, rng);
            let id = data.annual_data.len() as i64 + 1;
            data.annual_data.push(AnnualRow { id, enterprise_id: firm.id, park_id: firm.park_id, year, figures });
        }
        for body in certificates(firm, rng) {
            let id = data.certificates.len() as i64 + 1;
            data.certificates.push(CertificateRow { id, enterprise_id: firm.id, body });
        }
    }
}

fn annual(firm: &Firm, year: i32, relocated: bool, rng: &mut ChaCha8Rng) -> AnnualFigures {
    let years_before_2025 = 2025 - year;
    let revenue = firm.revenue_2025_wan_yuan / firm.growth.powi(years_before_2025) * rng.random_range(0.96..1.04);
    let tech = firm.industry.tech;
    // VAT refunds turn a small firm's tax negative now and then.
    let tax = if rng.random_bool(0.02) {
        -revenue * rng.random_range(0.001..0.004)
    } else {
        revenue * rng.random_range(0.012..0.075)
    };
    let energy = revenue * firm.industry.energy_tce_per_wan_yuan * rng.random_range(0.6..1.6);
    let rd = revenue * (0.004 + 0.075 * firm.strength) * rng.random_range(0.8..1.2);
    let production_start = firm.founded_on.checked_add_months(chrono::Months::new(18)).unwrap_or(firm.founded_on);
    let total_cost = revenue * rng.random_range(0.86..1.03);
    let efficiency = EfficiencyFigures {
        land_area_mu: firm.land_mu,
        tax_wan_yuan: Some(round(tax, 1)),
        value_added_wan_yuan: Some(round(revenue * rng.random_range(0.18..0.36), 1)),
        revenue_wan_yuan: Some(round(revenue, 1)),
        main_business_revenue_wan_yuan: Some(round(revenue * rng.random_range(0.88..0.99), 1)),
        energy_tce: Some(round(energy, 1)),
        emissions_t: Some(round(energy * rng.random_range(0.0003..0.002), 3)),
        water_t: Some(round(energy * rng.random_range(3.0..12.0), 0)),
        electricity_kwh: Some(round(energy * rng.random_range(2_500.0..6_000.0), 0)),
        average_staff: Some(round(f64::from(firm.staff) * rng.random_range(0.9..1.04), 0)),
        rd_wan_yuan: Some(round(rd, 1)),
        bonus: if rng.random_bool(0.08) { f64::from(rng.random_range(1..=5)) } else { 0.0 },
        deduction: if rng.random_bool(0.04) { f64::from(rng.random_range(1..=5)) } else { 0.0 },
        exemption: relocated.then_some(ExemptionReason::PolicyRelocation),
        production_start: Some(production_start),
        land_granted: None,
        under_construction: firm.under_construction,
        land_group: None,
    };
    let high_tech_share = if tech >= 0.6 { Some(rng.random_range(0.55..0.92)) } else { None };
    let accounts = FiscalYearFigures {
        revenue_wan_yuan: efficiency.revenue_wan_yuan,
        main_business_revenue_wan_yuan: efficiency.main_business_revenue_wan_yuan,
        niche_product_revenue_wan_yuan: (firm.strength > 0.7).then(|| round(revenue * rng.random_range(0.5..0.8), 1)),
        high_tech_product_revenue_wan_yuan: high_tech_share.map(|share| round(revenue * share, 1)),
        rd_expense_wan_yuan: Some(round(rd, 1)),
        domestic_rd_expense_wan_yuan: Some(round(rd * rng.random_range(0.85..1.0), 1)),
        total_cost_wan_yuan: Some(round(total_cost, 1)),
        net_profit_wan_yuan: Some(round((revenue - total_cost) * 0.85, 1)),
        equity_financing_wan_yuan: (firm.strength > 0.6 && rng.random_bool(0.15))
            .then(|| round(rng.random_range(500.0..8_000.0), 0)),
    };
    AnnualFigures { efficiency, accounts }
}

/// The titles a firm holds, after its strength and size: most firms none, many 科技型 or
/// 创新型, fewer 专精特新 and 高企, a handful 小巨人, one or two 单项冠军 per park at most.
fn certificates(firm: &Firm, rng: &mut ChaCha8Rng) -> Vec<CertificateBody> {
    let s = firm.strength;
    let sme = firm.body.size_class != SizeClass::Large;
    let day = |rng: &mut ChaCha8Rng, years: std::ops::RangeInclusive<i32>| {
        // Titles are published in spring and autumn; none after the dataset's own date.
        date(rng.random_range(years), rng.random_range(3..=11), rng.random_range(1..=28)).min(date(2026, 10, 31))
    };
    let mut held = Vec::new();
    if sme && s > 0.35 && rng.random_bool(0.8) {
        // 科技型 registrations run for the calendar year.
        let issued = day(rng, 2026..=2026);
        held.push(certificate(firm.id, CertificateKind::Tier(Tier::TechSme), issued, date(2026, 12, 31)));
    }
    let mut title = |kind: CertificateKind, issued_on: NaiveDate, years: u32| {
        let expires_on = issued_on
            .checked_add_months(chrono::Months::new(12 * years))
            .and_then(|d| d.pred_opt())
            .expect("demo dates are near");
        held.push(certificate(firm.id, kind, issued_on, expires_on));
    };
    if sme && s > 0.45 && rng.random_bool(0.75) {
        title(CertificateKind::Tier(Tier::InnovativeSme), day(rng, 2024..=2025), 3);
    }
    let specialised = sme && s > 0.6 && rng.random_bool(0.8);
    if specialised {
        title(CertificateKind::Tier(Tier::SpecialisedSme), day(rng, 2024..=2026), 3);
    } else if sme && s > 0.55 && rng.random_bool(0.3) {
        // A title that lapsed and was not renewed.
        title(CertificateKind::Tier(Tier::SpecialisedSme), day(rng, 2021..=2021), 3);
    }
    if specialised && s > 0.8 && rng.random_bool(0.5) {
        title(CertificateKind::Tier(Tier::LittleGiant), day(rng, 2024..=2026), 3);
    }
    if !sme && s > 0.8 {
        title(CertificateKind::Tier(Tier::SingleChampion), day(rng, 2024..=2025), 3);
    }
    if s > 0.5 && rng.random_bool(0.7) {
        title(CertificateKind::Tier(Tier::HighTech), day(rng, 2024..=2026), 3);
    }
    if s > 0.5 && firm.growth > 1.2 && rng.random_bool(0.6) {
        title(CertificateKind::Tier(Tier::Gazelle), day(rng, 2026..=2026), 1);
    }
    if !sme && s > 0.6 && rng.random_bool(0.4) {
        title(CertificateKind::TechInnovationDemo, day(rng, 2024..=2025), 3);
    }
    if s > 0.85 && rng.random_bool(0.3) {
        title(CertificateKind::IpAdvantageOrDemo, day(rng, 2023..=2023), 5);
    }
    held
}

fn certificate(firm: i64, kind: CertificateKind, issued_on: NaiveDate, expires_on: NaiveDate) -> CertificateBody {
    let number = format!("演示-{}-{}-{firm:05}", code(kind), chrono::Datelike::year(&issued_on));
    CertificateBody { kind, number, issued_on, expires_on }
}

/// A short code for certificate numbers.
fn code(kind: CertificateKind) -> &'static str {
    match kind {
        CertificateKind::TechInnovationDemo => "JSCX",
        CertificateKind::IpAdvantageOrDemo => "ZSCQ",
        CertificateKind::Tier(tier) => match tier {
            Tier::TechSme => "KJX",
            Tier::InnovativeSme => "CXX",
            Tier::TechInnovativeSme => "KCX",
            Tier::SpecialisedSme => "ZJTX",
            Tier::LittleGiant => "XJR",
            Tier::SingleChampion => "DXGJ",
            Tier::HighTech => "GQ",
            Tier::Gazelle => "DL",
            Tier::Unicorn => "DJS",
            Tier::PotentialUnicorn => "QDJS",
        },
    }
}
