//! The synthetic demo dataset: three fictional parks around real Wuhan industrial
//! districts, one of each type, with about 600 parcels, 300 enterprises with three years
//! of figures and their certificates, 200 service requests and a few investment
//! inquiries, generated from a fixed seed so that every machine and every test sees the
//! same data. `--scale N` stores N copies of the three parks side by side for benchmarks.
//!
//! Nothing here describes a real park, parcel or enterprise: names carry 演示 / demo and
//! 示例, credit codes are made up (with a correct check character), and the database is
//! marked as demo data.
//!
//! - [`plans`]: the three parks and the industries they host.
//! - [`layout`]: parcel geometry, statuses and land uses.
//! - [`details`]: park profiles and parcel details (supply, 标准地 terms, development).
//! - [`enterprises`]: enterprises, their parcels and tier facts.
//! - [`figures`]: three years of annual figures and the tier certificates.
//! - [`requests`]: service requests with their histories, and investment inquiries.

pub mod accounts;
mod details;
mod enterprises;
mod figures;
mod layout;
mod plans;
mod requests;

use parkatlas_core::wire::{ParcelBody, ParcelStatus, ParkBody};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::store::bulk::{Dataset, ParcelRow, ParkRow};
use crate::store::{NewParcel, NewPark, Store};
pub(crate) use plans::{Industry, ParkPlan, PLANS};

const SEED: u64 = 2025;

/// One copy of a plan: the dataset at `--scale N` holds copies 1 to N of every plan.
pub(crate) struct ParkCopy {
    plan: &'static ParkPlan,
    /// The park's id: copies are numbered plan by plan, copy 1 first.
    id: i64,
    /// 1 to N.
    number: usize,
    /// Where this copy lies: the plan's origin shifted east and south by the copy number.
    origin: (f64, f64),
}

impl ParkCopy {
    fn all(scale: usize) -> Vec<ParkCopy> {
        // Copies sit on a grid of tiles, each wider than the three parks together.
        let columns = (scale as f64).sqrt().ceil() as usize;
        (0..scale)
            .flat_map(|copy| {
                let (dx, dy) = ((copy % columns) as f64 * 0.45, -((copy / columns) as f64) * 0.18);
                PLANS.iter().enumerate().map(move |(index, plan)| ParkCopy {
                    plan,
                    id: (copy * PLANS.len() + index + 1) as i64,
                    number: copy + 1,
                    origin: (plan.origin.0 + dx, plan.origin.1 + dy),
                })
            })
            .collect()
    }

    /// The demo marker of names, with the copy number beyond the first: （演示）, （演示2）.
    fn marker(&self) -> String {
        match self.number {
            1 => "（演示）".into(),
            n => format!("（演示{n}）"),
        }
    }

    fn name(&self) -> String {
        match self.number {
            1 => format!("{}{}", self.plan.name, self.marker()),
            n => format!("{}{n}号园{}", self.plan.name, self.marker()),
        }
    }

    fn name_en(&self) -> String {
        match self.number {
            1 => format!("{} (demo)", self.plan.name_en),
            n => format!("{} No. {n} (demo)", self.plan.name_en),
        }
    }

    fn code_prefix(&self) -> String {
        match self.number {
            1 => self.plan.code_prefix.into(),
            n => format!("{}{n}", self.plan.code_prefix),
        }
    }
}

/// The demo dataset at scale 1; the same every time.
pub fn dataset() -> Dataset {
    generate(1)
}

/// The dataset with `scale` copies of the three parks; the same every time.
pub fn generate(scale: usize) -> Dataset {
    let parks = ParkCopy::all(scale);
    let ids = enterprises::EnterpriseIds::new(&parks);
    let mut data = Dataset::default();
    for park in &parks {
        // One stream per park, so that a park is the same whatever the scale.
        let mut rng = ChaCha8Rng::seed_from_u64(SEED + park.id as u64);
        generate_park(park, &ids, &mut rng, &mut data);
    }
    data.enterprises.sort_by_key(|row| row.id);
    data
}

fn generate_park(park: &ParkCopy, ids: &enterprises::EnterpriseIds, rng: &mut ChaCha8Rng, data: &mut Dataset) {
    let layout = layout::lay_out(park.plan, park.origin, &park.code_prefix(), rng);
    let firms = enterprises::generate(park, ids, &layout.parcels, rng);
    let first_parcel_id = data.parcels.len() as i64 + 1;
    let parcel_ids_of = |firm: usize| -> Vec<i64> {
        (0..layout.parcels.len())
            .filter(|&parcel| firms.occupant_of(parcel).is_some_and(|o| o.id == firms.firms[firm].id))
            .map(|parcel| first_parcel_id + parcel as i64)
            .collect()
    };
    let available: Vec<i64> = (0..layout.parcels.len())
        .filter(|&parcel| layout.parcels[parcel].status == ParcelStatus::Available)
        .map(|parcel| first_parcel_id + parcel as i64)
        .collect();
    requests::add(park, &firms, &parcel_ids_of, &available, rng, data);
    for (index, planned) in layout.parcels.into_iter().enumerate() {
        let occupant = firms.occupant_of(index);
        let details = details::parcel_details(park, &planned, occupant, rng);
        let body = ParcelBody {
            code: planned.code,
            land_use: planned.land_use,
            status: planned.status,
            geometry: planned.shape.to_geojson(),
            details,
        };
        data.parcels.push(ParcelRow {
            id: first_parcel_id + index as i64,
            park_id: park.id,
            parcel: NewParcel { body, geometry: planned.shape },
        });
    }
    let body = ParkBody {
        name: park.name(),
        name_en: park.name_en(),
        park_type: park.plan.park_type,
        level: park.plan.level,
        district: park.plan.district.into(),
        boundary: layout.boundary.to_geojson(),
        details: details::park_details(park, &layout.boundary),
    };
    data.parks.push(ParkRow { id: park.id, park: NewPark { body, boundary: layout.boundary } });
    figures::add(&firms, rng, data);
    data.enterprises.extend(firms.into_rows());
}

/// Stores the demo dataset (scale 1) and marks the database as demo data, then adds the
/// demo accounts.
pub async fn load(store: &Store) -> anyhow::Result<()> {
    load_scaled(store, 1).await
}

/// Stores `scale` copies of the demo dataset, then adds the demo accounts.
pub async fn load_scaled(store: &Store, scale: usize) -> anyhow::Result<()> {
    store.insert_demo(&generate(scale)).await?;
    accounts::load(store).await
}

fn weighted<T: Copy>(rng: &mut ChaCha8Rng, weights: &[(T, u32)]) -> T {
    let total: u32 = weights.iter().map(|(_, w)| w).sum();
    let mut pick = rng.random_range(0..total);
    for &(value, weight) in weights {
        if pick < weight {
            return value;
        }
        pick -= weight;
    }
    unreachable!("pick is below the total weight")
}

/// A value spread evenly on a logarithmic scale between `low` and `high`: sizes and
/// incomes spread over orders of magnitude.
fn log_uniform(rng: &mut ChaCha8Rng, low: f64, high: f64) -> f64 {
    (rng.random_range(low.ln()..high.ln())).exp()
}

/// Rounds to `decimals` places: stored figures look like figures people type.
fn round(value: f64, decimals: i32) -> f64 {
    let factor = 10f64.powi(decimals);
    (value * factor).round() / factor
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, HashSet};

    use geo::Contains;
    use parkatlas_core::calendar::RequestState;
    use parkatlas_core::registry::CreditCode;
    use parkatlas_core::wire::ParkType;

    use super::*;

    #[test]
    fn dataset_is_deterministic() {
        // Everything the dataset holds, as text, so two runs can be compared whole.
        let fingerprint = |data: Dataset| -> Vec<String> {
            let parcels = data.parcels.into_iter().map(|p| {
                let details = serde_json::to_string(&p.parcel.body.details).unwrap();
                format!("{} {} {details}", p.parcel.body.code, p.parcel.geometry.area().0)
            });
            let enterprises =
                data.enterprises.into_iter().map(|e| format!("{} {}", e.id, serde_json::to_string(&e.body).unwrap()));
            let figures = data.annual_data.iter().map(|a| serde_json::to_string(&a.figures).unwrap());
            let certificates = data.certificates.iter().map(|c| serde_json::to_string(&c.body).unwrap());
            let requests = data.requests.iter().map(|r| {
                let events: Vec<String> =
                    r.events.iter().map(|e| format!("{} {:?} {:?}", e.at, e.to, e.rating)).collect();
                format!("{} {} {} {:?} {events:?}", r.enterprise_id, r.title, r.body, r.parcel_id)
            });
            parcels.chain(enterprises).chain(figures).chain(certificates).chain(requests).collect()
        };
        assert_eq!(fingerprint(dataset()), fingerprint(dataset()));
    }

    #[test]
    fn three_parks_of_the_three_types_with_about_600_parcels() {
        let data = dataset();
        let types: Vec<ParkType> = data.parks.iter().map(|p| p.park.body.park_type).collect();
        assert_eq!(types, [ParkType::Modern, ParkType::Specialty, ParkType::Urban]);
        assert_eq!(data.parks.iter().map(|p| p.id).collect::<Vec<_>>(), [1, 2, 3]);
        assert!((560..=660).contains(&data.parcels.len()), "{} parcels", data.parcels.len());
        let ids: Vec<i64> = data.parcels.iter().map(|p| p.id).collect();
        assert_eq!(ids, (1..=data.parcels.len() as i64).collect::<Vec<_>>());
    }

    #[test]
    fn every_park_has_parcels_of_every_status_and_some_with_holes() {
        let data = dataset();
        for park in &data.parks {
            let parcels: Vec<_> = data.parcels.iter().filter(|p| p.park_id == park.id).collect();
            assert!(parcels.len() >= 80, "{} has only {} parcels", park.park.body.name, parcels.len());
            for status in ParcelStatus::ALL {
                assert!(
                    parcels.iter().any(|p| p.parcel.body.status == status),
                    "{} has no {status:?} parcel",
                    park.park.body.name
                );
            }
            assert!(parcels.iter().any(|p| p.parcel.geometry.polygons()[0].interiors().len() == 1));
        }
    }

    #[test]
    fn parcels_lie_inside_their_park() {
        let data = dataset();
        for parcel in &data.parcels {
            let park = &data.parks[parcel.park_id as usize - 1];
            assert!(
                park.park.boundary.polygons()[0].contains(&parcel.parcel.geometry.polygons()[0]),
                "{} is outside {}",
                parcel.parcel.body.code,
                park.park.body.name
            );
        }
    }

    #[test]
    fn names_say_demo() {
        let data = dataset();
        for park in &data.parks {
            assert!(park.park.body.name.contains("演示") && park.park.body.name_en.contains("demo"));
        }
        for enterprise in &data.enterprises {
            let name = &enterprise.body.name;
            assert!(name.contains("示例") && name.ends_with("（演示）"), "{name}");
        }
    }

    #[test]
    fn about_300_enterprises_and_the_demo_accounts_find_theirs() {
        let data = dataset();
        assert_eq!(data.enterprises.len(), 300);
        let ids: Vec<i64> = data.enterprises.iter().map(|e| e.id).collect();
        assert_eq!(ids, (1..=300).collect::<Vec<_>>());
        // enterprise.a belongs to enterprise 1 in park 1, enterprise.b to enterprise 2 in park 2.
        assert_eq!(data.enterprises[0].body.park_id, 1);
        assert_eq!(data.enterprises[1].body.park_id, 2);
        let per_park = data.enterprises.iter().fold(BTreeMap::new(), |mut counts, e| {
            *counts.entry(e.body.park_id).or_insert(0) += 1;
            counts
        });
        assert_eq!(per_park, BTreeMap::from([(1, 130), (2, 110), (3, 60)]));
    }

    #[test]
    fn credit_codes_validate_and_never_repeat() {
        let data = generate(3);
        let mut seen = HashSet::new();
        for enterprise in &data.enterprises {
            let code = enterprise.body.credit_code.as_str();
            assert_eq!(CreditCode::parse(code).as_ref(), Ok(&enterprise.body.credit_code));
            assert!(code.starts_with("9142010") || code.starts_with("91420104") || code.starts_with("91420113"));
            assert!(seen.insert(code.to_string()), "{code} twice");
        }
    }

    #[test]
    fn occupants_are_enterprises_of_the_same_park() {
        let data = dataset();
        let mut occupied = 0;
        for parcel in &data.parcels {
            if let Some(occupant) = parcel.parcel.body.details.occupant_id {
                let enterprise = &data.enterprises[occupant as usize - 1];
                assert_eq!(enterprise.id, occupant);
                assert_eq!(enterprise.body.park_id, parcel.park_id, "{}", parcel.parcel.body.code);
                occupied += 1;
            }
            if parcel.parcel.body.status == ParcelStatus::Producing && parcel.parcel.body.details.occupant_id.is_none()
            {
                assert_eq!(parcel.parcel.body.land_use, parkatlas_core::wire::LandUse::Public);
            }
        }
        assert!(occupied > 300, "{occupied} occupied parcels");
    }

    #[test]
    fn every_record_passes_the_checks_the_api_applies() {
        let data = generate(2);
        for park in &data.parks {
            assert_eq!(park.park.body.problem(), None, "{}", park.park.body.name);
        }
        for parcel in &data.parcels {
            assert_eq!(parcel.parcel.body.problem(), None, "{}", parcel.parcel.body.code);
        }
        for enterprise in &data.enterprises {
            assert_eq!(enterprise.body.problem(), None, "{}", enterprise.body.name);
        }
        for row in &data.annual_data {
            assert_eq!(row.figures.problem(), None, "enterprise {} {}", row.enterprise_id, row.year);
        }
        for row in &data.certificates {
            assert_eq!(row.body.problem(), None, "enterprise {}", row.enterprise_id);
        }
    }

    #[test]
    fn scaled_copies_have_distinct_names_codes_and_places() {
        let data = generate(4);
        assert_eq!(data.parks.len(), 12);
        let names: HashSet<&str> = data.parks.iter().map(|p| p.park.body.name.as_str()).collect();
        assert_eq!(names.len(), 12);
        assert!(names.contains("光谷星河智造园4号园（演示4）"), "{names:?}");
        let codes: HashSet<&str> = data.parcels.iter().map(|p| p.parcel.body.code.as_str()).collect();
        assert_eq!(codes.len(), data.parcels.len());
        for (a, b) in data.parks.iter().zip(&data.parks[1..]) {
            let (a, b) = (a.park.boundary.bounding_box(), b.park.boundary.bounding_box());
            assert!(a.east < b.west || b.east < a.west || a.north < b.south || b.north < a.south);
        }
    }

    #[test]
    fn about_200_requests_in_every_state_in_every_park_with_histories_core_allows() {
        let data = dataset();
        assert_eq!(data.requests.len(), 200);
        for park in 1..=3 {
            let states: HashSet<RequestState> =
                data.requests.iter().filter(|r| r.park_id == park).map(|r| r.state).collect();
            assert_eq!(states.len(), RequestState::ALL.len(), "park {park}: {states:?}");
        }
        for enterprise in [1, 2] {
            let states: HashSet<RequestState> =
                data.requests.iter().filter(|r| r.enterprise_id == enterprise).map(|r| r.state).collect();
            assert_eq!(states.len(), RequestState::ALL.len(), "enterprise {enterprise}");
        }
        for request in &data.requests {
            assert_eq!(requests::replay(request), Ok(()));
            let enterprise = &data.enterprises[request.enterprise_id as usize - 1];
            assert_eq!(enterprise.body.park_id, request.park_id);
            if let Some(parcel) = request.parcel_id {
                assert_eq!(data.parcels[parcel as usize - 1].parcel.body.details.occupant_id, Some(enterprise.id));
            }
            let rated = matches!(request.state, RequestState::Rated | RequestState::Reopened);
            assert_eq!(request.rating.is_some(), rated, "request {}", request.id);
        }
        let by_state = data.requests.iter().fold(BTreeMap::new(), |mut counts, r| {
            *counts.entry(r.state).or_insert(0) += 1;
            counts
        });
        assert!(by_state[&RequestState::Rated] > 50, "{by_state:?}");
    }

    #[test]
    fn the_demo_enterprises_each_have_the_desks_worked_example() {
        let data = dataset();
        for enterprise in [1, 2] {
            let received: Vec<_> = data
                .requests
                .iter()
                .filter(|r| r.enterprise_id == enterprise && r.state == RequestState::Received)
                .map(|r| (r.category, r.title.as_str()))
                .collect();
            assert_eq!(received, [(parkatlas_core::calendar::Category::General, "厂房用电增容")], "{enterprise}");
        }
    }

    #[test]
    fn a_handful_of_inquiries_in_every_status() {
        let data = dataset();
        assert_eq!(data.inquiries.len(), 12);
        for row in &data.inquiries {
            assert_eq!(row.inquiry.problem(), None);
            if let Some(parcel) = row.inquiry.parcel_id {
                let parcel = &data.parcels[parcel as usize - 1];
                assert_eq!((parcel.park_id, parcel.parcel.body.status), (row.inquiry.park_id, ParcelStatus::Available));
            }
        }
        let statuses: HashSet<_> = data.inquiries.iter().map(|row| row.status).collect();
        assert_eq!(statuses.len(), 3);
    }
}
