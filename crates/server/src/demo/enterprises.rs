//! The demo enterprises of one park: names, codes and classes, the parcels each one uses,
//! and the facts the tier rules read. How big and how innovative an enterprise is decides
//! the rest (its figures, its titles), so the park gets a realistic pyramid: many small
//! firms, a few large ones, and titles growing rarer up the ladder.

use chrono::NaiveDate;
use parkatlas_core::efficiency::Cohort;
use parkatlas_core::registry::{CreditCode, IndustryCode};
use parkatlas_core::tiers::{Award, AwardKind, AwardLevel, EnterpriseProfile, IpCounts, RdInstitutionLevel};
use parkatlas_core::wire::{EnterpriseBody, EnterprisePrivate, EnterprisePublic, ParcelStatus, SizeClass};
use rand::seq::SliceRandom;
use rand::RngExt;
use rand_chacha::ChaCha8Rng;

use super::layout::PlannedParcel;
use super::{log_uniform, round, weighted, Industry, ParkCopy};
use crate::store::bulk::EnterpriseRow;

/// Square metres in a 亩.
pub(super) const M2_PER_MU: f64 = 10_000.0 / 15.0;

/// Syllables of the fictional brand names, with their pinyin: 星河, 云帆, ….
const FIRST: [(&str, &str); 20] = [
    ("星", "Xing"),
    ("云", "Yun"),
    ("青", "Qing"),
    ("远", "Yuan"),
    ("晨", "Chen"),
    ("北", "Bei"),
    ("启", "Qi"),
    ("瀚", "Han"),
    ("鲲", "Kun"),
    ("楚", "Chu"),
    ("江", "Jiang"),
    ("汉", "Han"),
    ("东", "Dong"),
    ("珞", "Luo"),
    ("光", "Guang"),
    ("明", "Ming"),
    ("致", "Zhi"),
    ("恒", "Heng"),
    ("华", "Hua"),
    ("凯", "Kai"),
];
const SECOND: [(&str, &str); 20] = [
    ("河", "he"),
    ("帆", "fan"),
    ("木", "mu"),
    ("航", "hang"),
    ("曦", "xi"),
    ("辰", "chen"),
    ("明", "ming"),
    ("海", "hai"),
    ("鹏", "peng"),
    ("天", "tian"),
    ("城", "cheng"),
    ("水", "shui"),
    ("湖", "hu"),
    ("珈", "jia"),
    ("华", "hua"),
    ("德", "de"),
    ("远", "yuan"),
    ("信", "xin"),
    ("瑞", "rui"),
    ("达", "da"),
];
const SURNAMES: [&str; 12] = ["张", "王", "李", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙"];
const ROADS: [&str; 6] = ["创新大道", "智造路", "科技二路", "产业园路", "云帆路", "汉江湾路"];

/// Global enterprise ids: the parks take turns, so that enterprise 1 is in park 1,
/// enterprise 2 in park 2 and so on, whatever the scale (the demo accounts rely on it).
pub(super) struct EnterpriseIds {
    /// By park, the id of each of its enterprises.
    ids: Vec<Vec<i64>>,
}

impl EnterpriseIds {
    pub(super) fn new(parks: &[ParkCopy]) -> EnterpriseIds {
        let mut ids: Vec<Vec<i64>> = parks.iter().map(|p| Vec::with_capacity(p.plan.enterprises)).collect();
        let rounds = parks.iter().map(|p| p.plan.enterprises).max().unwrap_or(0);
        let mut next = 1;
        for round in 0..rounds {
            for (park, park_ids) in parks.iter().zip(&mut ids) {
                if round < park.plan.enterprises {
                    park_ids.push(next);
                    next += 1;
                }
            }
        }
        EnterpriseIds { ids }
    }

    fn of(&self, park: &ParkCopy, local: usize) -> i64 {
        self.ids[park.id as usize - 1][local]
    }
}

/// A demo enterprise and what its figures are generated from.
pub(super) struct Firm {
    pub id: i64,
    pub park_id: i64,
    pub body: EnterpriseBody,
    pub industry: &'static Industry,
    pub staff: u32,
    /// 营业收入 in 2025, 万元.
    pub revenue_2025_wan_yuan: f64,
    /// Yearly growth factor of revenue, 2023 to 2025.
    pub growth: f64,
    /// Innovation strength, 0 to 1: R&D, patents, titles.
    pub strength: f64,
    pub founded_on: NaiveDate,
    /// 用地面积 in 亩: its parcels, or the floor space it rents in standard factory buildings.
    pub land_mu: f64,
    /// True when all its land is still being built on: a new investor.
    pub under_construction: bool,
}

/// A park's enterprises and which of them uses each parcel.
pub(super) struct Firms {
    pub firms: Vec<Firm>,
    /// By parcel index, the index of its occupant in `firms`.
    occupants: Vec<Option<usize>>,
}

impl Firms {
    pub(super) fn occupant_of(&self, parcel: usize) -> Option<&Firm> {
        self.occupants[parcel].map(|firm| &self.firms[firm])
    }

    pub(super) fn into_rows(self) -> impl Iterator<Item = EnterpriseRow> {
        self.firms.into_iter().map(|firm| EnterpriseRow { id: firm.id, body: firm.body })
    }
}

/// The enterprises of `park`, placed on its `parcels`.
pub(super) fn generate(park: &ParkCopy, ids: &EnterpriseIds, parcels: &[PlannedParcel], rng: &mut ChaCha8Rng) -> Firms {
    let mut used_names = std::collections::HashSet::new();
    let mut firms: Vec<Firm> =
        (0..park.plan.enterprises).map(|local| firm(park, ids.of(park, local), &mut used_names, rng)).collect();
    let occupants = place(&mut firms, parcels, rng);
    Firms { firms, occupants }
}

fn firm(
    park: &ParkCopy,
    id: i64,
    used_names: &mut std::collections::HashSet<(usize, usize, &'static str)>,
    rng: &mut ChaCha8Rng,
) -> Firm {
    let industries: Vec<(usize, u32)> = park.plan.industries.iter().enumerate().map(|(i, x)| (i, x.weight)).collect();
    let industry = &park.plan.industries[weighted(rng, &industries)];
    let size_class = weighted(
        rng,
        &[(SizeClass::Large, 6), (SizeClass::Medium, 38), (SizeClass::Small, 40), (SizeClass::Micro, 16)],
    );
    let (staff, revenue) = match size_class {
        SizeClass::Large => (rng.random_range(1_000..3_500), log_uniform(rng, 40_000.0, 200_000.0)),
        SizeClass::Medium => (rng.random_range(300..1_000), log_uniform(rng, 2_000.0, 40_000.0)),
        SizeClass::Small => (rng.random_range(20..300), log_uniform(rng, 300.0, 2_000.0)),
        SizeClass::Micro => (rng.random_range(5..20), log_uniform(rng, 60.0, 300.0)),
    };
    // 规上: main-business revenue of 2,000 万元 or more.
    let cohort = if revenue >= 2_000.0 { Cohort::AboveScale } else { Cohort::BelowScale };
    let strength = (industry.tech * rng.random_range(0.25..1.15)).min(1.0);
    let founded_on = date(rng.random_range(1998..=2021), rng.random_range(1..=12), rng.random_range(1..=28));
    let (first, second) = loop {
        let pick = (rng.random_range(0..FIRST.len()), rng.random_range(0..SECOND.len()));
        // Distinct names within a park; 星星 and the like read badly.
        if FIRST[pick.0].0 != SECOND[pick.1].0 && used_names.insert((pick.0, pick.1, industry.trade)) {
            break pick;
        }
    };
    let brand = format!("{}{}", FIRST[first].0, SECOND[second].0);
    let brand_en = format!("{}{}", FIRST[first].1, SECOND[second].1);
    let body = EnterpriseBody {
        park_id: park.id,
        credit_code: credit_code(park.plan.division_code, id, rng),
        name: format!("{brand}示例{}有限公司{}", industry.trade, park.marker()),
        industry_code: IndustryCode::parse(industry.code).expect("the plans hold valid industry codes"),
        size_class,
        cohort,
        public: EnterprisePublic {
            name_en: Some(format!("{brand_en} Example Co., Ltd. (demo)")),
            address: Some(format!(
                "武汉市{}{}{}号（演示地址）",
                park.plan.district,
                ROADS[rng.random_range(0..ROADS.len())],
                rng.random_range(1..400)
            )),
            main_products: industry.products[..rng.random_range(1..=2)].iter().map(|p| p.to_string()).collect(),
            website: rng.random_bool(0.3).then(|| format!("https://example.com/demo/{id}")),
        },
        private: EnterprisePrivate {
            contact_name: Some(format!("{}经理（演示）", SURNAMES[rng.random_range(0..SURNAMES.len())])),
            // 199 0000 xxxx: shaped like a mobile number, obviously not one anybody uses.
            contact_phone: Some(format!("1990000{:04}", id % 10_000)),
            contact_email: Some(format!("contact{id}@example.com")),
            tier_facts: tier_facts(size_class, staff, revenue, strength, founded_on, industry, rng),
        },
    };
    Firm {
        id,
        park_id: park.id,
        body,
        industry,
        staff,
        revenue_2025_wan_yuan: round(revenue, 1),
        growth: rng.random_range(0.88..1.28),
        strength,
        founded_on,
        land_mu: 0.0,
        under_construction: false,
    }
}

/// A credit code registered in `division`: 9 (市场监管) 1 (企业), the division, and an
/// organisation code starting MA4 whose tail encodes the id, so that codes never repeat.
fn credit_code(division: &str, id: i64, rng: &mut ChaCha8Rng) -> CreditCode {
    const ALPHABET: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
    // Multiplying by a number prime to 31⁵ permutes the ids, so neighbours look unrelated.
    let mut value = (id as u64 * 1_000_003) % 31u64.pow(5);
    let mut tail = [0u8; 5];
    for slot in tail.iter_mut().rev() {
        *slot = ALPHABET[(value % 31) as usize];
        value /= 31;
    }
    let letter = char::from(ALPHABET[rng.random_range(10..ALPHABET.len())]);
    let body = format!("91{division}MA4{letter}{}", String::from_utf8_lossy(&tail));
    CreditCode::with_check_character(&body).expect("demo credit codes are built from valid characters")
}

/// Gives parcels to enterprises: producing land to the producers, bigger firms taking more;
/// land under construction to expanding firms; granted and idle land to some holders.
/// Returns each parcel's occupant and sets every firm's land area.
fn place(firms: &mut [Firm], parcels: &[PlannedParcel], rng: &mut ChaCha8Rng) -> Vec<Option<usize>> {
    let mut occupants = vec![None; parcels.len()];
    let mut producing: Vec<usize> = (0..parcels.len())
        .filter(|&i| parcels[i].status == ParcelStatus::Producing && !is_public(&parcels[i]))
        .collect();
    producing.shuffle(rng);
    let mut by_size: Vec<usize> = (0..firms.len()).collect();
    by_size.sort_by(|&a, &b| firms[b].revenue_2025_wan_yuan.total_cmp(&firms[a].revenue_2025_wan_yuan));
    for &firm in &by_size {
        let wanted = match firms[firm].body.size_class {
            SizeClass::Large => rng.random_range(3..=5),
            SizeClass::Medium => rng.random_range(1..=2),
            SizeClass::Small => usize::from(rng.random_bool(0.6)),
            SizeClass::Micro => usize::from(rng.random_bool(0.2)),
        };
        for _ in 0..wanted {
            if let Some(parcel) = producing.pop() {
                occupants[parcel] = Some(firm);
            }
        }
    }
    // Producing land left over goes to the largest firms still without a parcel of their own.
    let landless: Vec<usize> = by_size.iter().copied().filter(|f| !occupants.contains(&Some(*f))).collect();
    for (parcel, firm) in producing.into_iter().zip(landless.into_iter().chain(by_size.iter().copied().cycle())) {
        occupants[parcel] = Some(firm);
    }
    for (index, parcel) in parcels.iter().enumerate() {
        let holder_chance = match parcel.status {
            ParcelStatus::UnderConstruction => 0.7,
            ParcelStatus::Granted => 0.5,
            ParcelStatus::Idle => 0.6,
            _ => continue,
        };
        if is_public(parcel) || !rng.random_bool(holder_chance) {
            continue;
        }
        // Expansion by a large or medium firm, or a small one holding land it never built on.
        let candidates: Vec<usize> = (0..firms.len())
            .filter(|&f| match parcel.status {
                ParcelStatus::Idle => matches!(firms[f].body.size_class, SizeClass::Small | SizeClass::Micro),
                _ => matches!(firms[f].body.size_class, SizeClass::Large | SizeClass::Medium),
            })
            .collect();
        if !candidates.is_empty() {
            occupants[index] = Some(candidates[rng.random_range(0..candidates.len())]);
        }
    }
    for (index, occupant) in occupants.iter().enumerate() {
        if let Some(firm) = occupant {
            firms[*firm].land_mu += parcels[index].shape.area().0 / M2_PER_MU;
        }
    }
    for (index, firm) in firms.iter_mut().enumerate() {
        let parcels_held = occupants.iter().enumerate().filter(|(_, o)| **o == Some(index)).map(|(p, _)| p);
        let statuses: Vec<ParcelStatus> = parcels_held.map(|p| parcels[p].status).collect();
        firm.under_construction =
            !statuses.is_empty() && statuses.iter().all(|s| *s == ParcelStatus::UnderConstruction);
        firm.land_mu = if statuses.is_empty() {
            // Renting floor space in a standard factory building, counted as land share.
            round(rng.random_range(1.5..12.0), 2)
        } else {
            round(firm.land_mu, 2)
        };
    }
    give_the_first_firm_land(firms, &mut occupants, parcels);
    occupants
}

/// The demo accounts belong to each park's first enterprise, whose portal shows its parcels
/// and starts its requests on one: if it holds none, it takes over a producing parcel of the
/// firm holding the most. Done last, so that the random draws, and every other firm's
/// figures, stay as they were.
fn give_the_first_firm_land(firms: &mut [Firm], occupants: &mut [Option<usize>], parcels: &[PlannedParcel]) {
    const FIRST: usize = 0;
    if firms.is_empty() || occupants.contains(&Some(FIRST)) {
        return;
    }
    let held = |firm: usize| occupants.iter().filter(|o| **o == Some(firm)).count();
    let Some(donor) = (1..firms.len()).filter(|&firm| held(firm) >= 2).max_by_key(|&firm| held(firm)) else { return };
    let Some(parcel) =
        (0..parcels.len()).find(|&p| occupants[p] == Some(donor) && parcels[p].status == ParcelStatus::Producing)
    else {
        return;
    };
    let area_mu = parcels[parcel].shape.area().0 / M2_PER_MU;
    occupants[parcel] = Some(FIRST);
    firms[donor].land_mu = round(firms[donor].land_mu - area_mu, 2);
    firms[FIRST].land_mu = round(area_mu, 2);
    firms[FIRST].under_construction = false;
}

fn is_public(parcel: &PlannedParcel) -> bool {
    parcel.land_use == parkatlas_core::wire::LandUse::Public
}

/// The facts the tier rules read besides accounts and certificates.
fn tier_facts(
    size: SizeClass,
    staff: u32,
    revenue: f64,
    strength: f64,
    founded_on: NaiveDate,
    industry: &Industry,
    rng: &mut ChaCha8Rng,
) -> EnterpriseProfile {
    let share = |low: f64, high: f64| (f64::from(staff) * (low + high * strength)).round() as u32;
    let size_factor = match size {
        SizeClass::Large => 4.0,
        SizeClass::Medium => 2.0,
        SizeClass::Small => 1.0,
        SizeClass::Micro => 0.4,
    };
    let class1 = (strength.powi(2) * size_factor * rng.random_range(2.0..14.0)).floor() as u32;
    let age = 2026 - chrono::Datelike::year(&founded_on);
    EnterpriseProfile {
        founded_on: Some(founded_on),
        is_sme: Some(size != SizeClass::Large),
        in_good_standing: Some(rng.random_bool(0.97)),
        major_incident_years: Some(if rng.random_bool(0.02) { vec![2024] } else { Vec::new() }),
        staff_count: Some(staff),
        tech_staff_count: Some(share(0.04, 0.4)),
        rd_staff_count: Some(share(0.02, 0.25)),
        total_assets_wan_yuan: Some(round(revenue * rng.random_range(0.6..1.6), 1)),
        debt_ratio: Some(round(rng.random_range(0.18..0.78), 2)),
        accounts: Vec::new(),
        ip: IpCounts {
            class1_high_value: Some(class1 / 3),
            class1_self_developed: Some(class1 * 4 / 5),
            class1: Some(class1),
            class1_main_product: Some(class1 * 2 / 3),
            class2: Some(class1 * 2 + rng.random_range(0..12)),
        },
        years_in_niche: Some(rng.random_range(1..=age.max(1) as u32)),
        niche_is_new_product: Some(false),
        strategic_emerging_industry: Some(industry.tech >= 0.6),
        digitalisation_level: Some((1.0 + strength * 5.0).round() as u8),
        management_system_certified: Some(rng.random_bool(0.4 + 0.5 * strength)),
        has_core_business_information_system: Some(rng.random_bool(0.3 + 0.6 * strength)),
        has_own_brand: Some(rng.random_bool(0.5 + 0.4 * strength)),
        rd_institution_level: Some(match strength {
            s if s > 0.85 => RdInstitutionLevel::Provincial,
            s if s > 0.65 => RdInstitutionLevel::City,
            s if s > 0.4 => RdInstitutionLevel::BelowCity,
            _ => RdInstitutionLevel::Absent,
        }),
        distinctiveness_points: Some(round(strength * 15.0, 1)),
        development_quality_score: None,
        national_niche_market_share_ratio: (strength > 0.7).then(|| round(rng.random_range(0.03..0.3), 2)),
        domestic_niche_rank: (strength > 0.7).then(|| rng.random_range(1..=12)),
        global_market_rank: (strength > 0.95 && size == SizeClass::Large).then(|| rng.random_range(1..=5)),
        niche_share_leading: Some(strength > 0.7),
        key_chain_link: Some(strength > 0.75),
        ip_supports_main_products: Some(class1 > 0),
        core_technology_in_supported_field: Some(industry.tech >= 0.6),
        innovation_capability_score: Some(round(35.0 + 55.0 * strength, 0)),
        listed: Some(size == SizeClass::Large && rng.random_bool(0.3)),
        private_equity_backed: Some(strength > 0.6 && rng.random_bool(0.3)),
        valuation_yi_usd: None,
        awards: Some(if strength > 0.85 {
            vec![Award { kind: AwardKind::ScienceTechnology, level: AwardLevel::Provincial, year: 2024, rank: Some(2) }]
        } else {
            Vec::new()
        }),
        certificates: None,
    }
}

pub(super) fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("demo dates are valid")
}
