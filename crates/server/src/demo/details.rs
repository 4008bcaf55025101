//! Park profiles and parcel details of the demo: level, leading industries, approved
//! area, contact, land-price policy and the Wuhan 2027 targets for a park; supply mode,
//! supply dates, 标准地 terms, development figures and occupant for a parcel, each fitting
//! the parcel's status (an idle parcel was supplied long ago and never started, and so on).

use chrono::NaiveDate;
use parkatlas_core::control::{
    Bound, Condition, ControlIndicator, Development, StandardLandTerms, Storey, SupplyDates, TallStoreyRule,
};
use parkatlas_core::geometry::Shape;
use parkatlas_core::park_checks::targets::wuhan_2027_targets;
use parkatlas_core::text::Bilingual;
use parkatlas_core::units::SquareMetres;
use parkatlas_core::wire::{Contact, LandUse, ParcelDetails, ParcelStatus, ParkDetails, ParkType, SupplyMode};
use rand::RngExt;
use rand_chacha::ChaCha8Rng;

use super::enterprises::{date, Firm, M2_PER_MU};
use super::layout::PlannedParcel;
use super::{round, weighted, ParkCopy};

pub(super) fn park_details(park: &ParkCopy, boundary: &Shape) -> ParkDetails {
    // The approved planning area includes roads and land outside today's boundary.
    let approved_area_mu = (boundary.area().0 / M2_PER_MU * 1.12 / 10.0).round() * 10.0;
    ParkDetails {
        leading_industries: park.plan.leading_industries.iter().map(|name| name.to_string()).collect(),
        approved_area_mu: Some(approved_area_mu),
        targets: wuhan_2027_targets(),
        contact: Some(Contact {
            department: format!("{}招商服务中心（演示）", park.plan.name),
            // 027 is Wuhan's area code; 5999 0000 is a made-up local number.
            phone: format!("027-5999{:04}", park.id % 10_000),
            email: Some(format!("invest-{}@example.com", park.id)),
        }),
        land_price_policy: Some(Bilingual::new(
            "工业用地出让起始价不低于所在地土地等别对应的《全国工业用地出让最低价标准》；\
             符合园区主导产业且用地集约的优先发展项目，起始价可按不低于最低价标准的 70% 确定。（演示文本）",
            "The starting price of industrial land is at least the national minimum for the land grade; \
             priority projects in the park's leading industries that use land intensively may start at 70% \
             of that minimum. (demo text)",
        )),
    }
}

/// The details of one parcel; `occupant` is the enterprise using it, if any.
pub(super) fn parcel_details(
    park: &ParkCopy,
    parcel: &PlannedParcel,
    occupant: Option<&Firm>,
    rng: &mut ChaCha8Rng,
) -> ParcelDetails {
    let supply_mode = supply_mode(parcel, rng);
    let supply_dates = supply_dates(parcel.status, rng);
    // Land offered, granted or being built on since 标准地 reform carries its conditions.
    let standard_land = match parcel.status {
        ParcelStatus::Available => parcel.land_use != LandUse::Public && rng.random_bool(0.85),
        ParcelStatus::Granted | ParcelStatus::UnderConstruction => rng.random_bool(0.6),
        _ => false,
    };
    let terms = standard_land.then(|| terms(park.plan.park_type, &parcel.code, rng));
    let development = match parcel.status {
        ParcelStatus::Producing => Some(development(parcel, occupant, rng)),
        _ => None,
    };
    ParcelDetails {
        supply_mode,
        terms,
        development,
        supply_dates,
        occupant_id: occupant.map(|firm| firm.id),
        occupant_name: None,
    }
}

fn supply_mode(parcel: &PlannedParcel, rng: &mut ChaCha8Rng) -> Option<SupplyMode> {
    if parcel.land_use == LandUse::Public {
        return Some(SupplyMode::Allocation);
    }
    match parcel.status {
        ParcelStatus::Unsupplied => None,
        // The mode the park intends to offer it under.
        ParcelStatus::Available => Some(weighted(
            rng,
            &[(SupplyMode::Listing, 6), (SupplyMode::LeaseThenTransfer, 3), (SupplyMode::FlexibleTerm, 1)],
        )),
        _ => Some(weighted(
            rng,
            &[
                (SupplyMode::Listing, 60),
                (SupplyMode::Auction, 4),
                (SupplyMode::Tender, 4),
                (SupplyMode::Agreement, 10),
                (SupplyMode::LeaseThenTransfer, 12),
                (SupplyMode::FlexibleTerm, 10),
            ],
        )),
    }
}

/// Dates consistent with the status: idle land was supplied years ago and never started,
/// unsupplied land was approved and never supplied.
fn supply_dates(status: ParcelStatus, rng: &mut ChaCha8Rng) -> SupplyDates {
    let mut day =
        |from: i32, to: i32| date(rng.random_range(from..=to), rng.random_range(1..=12), rng.random_range(1..=28));
    let months = |d: NaiveDate, n: u32| d.checked_add_months(chrono::Months::new(n)).expect("demo dates are near");
    match status {
        ParcelStatus::Available => SupplyDates { approved_on: Some(day(2021, 2025)), ..SupplyDates::default() },
        ParcelStatus::Unsupplied => SupplyDates { approved_on: Some(day(2017, 2022)), ..SupplyDates::default() },
        ParcelStatus::Idle => {
            let supplied = day(2018, 2023);
            SupplyDates {
                approved_on: Some(months(supplied, 0) - chrono::Days::new(200)),
                supplied_on: Some(supplied),
                agreed_start_on: Some(months(supplied, 6)),
                construction_started_on: None,
            }
        }
        ParcelStatus::Granted => {
            let supplied = day(2025, 2026).min(date(2026, 9, 30));
            SupplyDates {
                approved_on: Some(supplied - chrono::Days::new(240)),
                supplied_on: Some(supplied),
                agreed_start_on: Some(months(supplied, 6)),
                construction_started_on: None,
            }
        }
        ParcelStatus::UnderConstruction | ParcelStatus::Producing => {
            let supplied = if status == ParcelStatus::Producing { day(2006, 2021) } else { day(2023, 2025) };
            SupplyDates {
                approved_on: Some(supplied - chrono::Days::new(300)),
                supplied_on: Some(supplied),
                agreed_start_on: Some(months(supplied, 6)),
                construction_started_on: Some(months(supplied, rng.random_range(2..9))),
            }
        }
    }
}

/// 标准地 conditions after the park's type: modern parks ask for more investment and
/// output, urban parks for high-rise (more 容积率) buildings.
fn terms(park_type: ParkType, code: &str, rng: &mut ChaCha8Rng) -> StandardLandTerms {
    use ControlIndicator::*;
    // (容积率 min, max, 建筑密度 min, 投资强度, 亩均产值, 亩均税收, 单位产值能耗 max)
    let (far_min, far_max, density, investment, output, tax, energy) = match park_type {
        ParkType::Modern => (1.2, 3.0, 40.0, 400.0, 600.0, 30.0, 0.08),
        ParkType::Specialty => (1.0, 2.5, 40.0, 300.0, 500.0, 25.0, 0.12),
        ParkType::Urban => (2.0, 4.0, 35.0, 500.0, 800.0, 50.0, 0.05),
    };
    // Parcels differ a little, in steps an official would publish.
    let nudge = |value: f64, step: f64, rng: &mut ChaCha8Rng| value + step * f64::from(rng.random_range(-1..=2));
    StandardLandTerms {
        parcel_code: code.to_string(),
        tall_storey: TallStoreyRule::edition_2008(),
        conditions: vec![
            Condition::new(FloorAreaRatio, Bound::AtLeast, far_min),
            Condition::new(FloorAreaRatio, Bound::AtMost, far_max),
            Condition::new(BuildingDensity, Bound::AtLeast, density),
            Condition::new(GreenRatio, Bound::AtMost, 15.0),
            Condition::new(InvestmentPerMu, Bound::AtLeast, nudge(investment, 50.0, rng)),
            Condition::new(OutputPerMu, Bound::AtLeast, nudge(output, 50.0, rng)),
            Condition::new(TaxPerMu, Bound::AtLeast, nudge(tax, 5.0, rng)),
            Condition::new(EnergyPerOutput, Bound::AtMost, energy),
        ],
    }
}

/// What stands on a producing parcel and what it earns: the occupant's 2025 figures in
/// proportion to the parcel's share of its land (or modest figures for land without one).
fn development(parcel: &PlannedParcel, occupant: Option<&Firm>, rng: &mut ChaCha8Rng) -> Development {
    let land_m2 = parcel.shape.area().0;
    let land_mu = land_m2 / M2_PER_MU;
    let (output, tax, energy) = match occupant {
        Some(firm) => {
            let share = (land_mu / firm.land_mu).min(1.0);
            let output = firm.revenue_2025_wan_yuan * share;
            (output, output * 0.04, output * firm.industry.energy_tce_per_wan_yuan)
        }
        None => {
            let output = land_mu * rng.random_range(50.0..300.0);
            (output, output * 0.03, output * 0.03)
        }
    };
    let footprint = land_m2 * rng.random_range(0.32..0.58);
    let floors = rng.random_range(1..=4);
    let mut storeys: Vec<Storey> = (0..floors)
        .map(|_| Storey { floor_area_m2: SquareMetres(round(footprint * 0.95, 0)), height_m: 4.5 })
        .collect();
    // Many plants have one high bay for cranes, which counts twice in 容积率.
    if rng.random_bool(0.5) {
        storeys[0].height_m = 12.0;
    }
    Development {
        land_area_m2: SquareMetres(round(land_m2, 0)),
        storeys,
        building_footprint_m2: SquareMetres(round(footprint, 0)),
        structure_footprint_m2: SquareMetres(round(land_m2 * rng.random_range(0.0..0.04), 0)),
        yard_area_m2: SquareMetres(round(land_m2 * rng.random_range(0.0..0.08), 0)),
        admin_service_area_m2: SquareMetres(round(land_m2 * rng.random_range(0.02..0.07), 0)),
        green_area_m2: SquareMetres(round(land_m2 * rng.random_range(0.08..0.2), 0)),
        fixed_asset_investment_wan_yuan: round(land_mu * rng.random_range(180.0..650.0), 0),
        annual_output_wan_yuan: round(output, 1),
        annual_tax_wan_yuan: round(tax, 1),
        annual_energy_tce: Some(round(energy, 1)),
        annual_emissions_t: None,
    }
}
