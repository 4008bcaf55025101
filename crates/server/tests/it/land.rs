//! Finding land (`GET /land`): every filter key against the demo parcels as the park and
//! parcel endpoints show them, filtered and ordered here; the text search over parcel
//! codes, park names and occupants, with LIKE's wildcards taken literally; the limit and
//! order; and the 400s naming the parameter.

use axum::http::{Method, StatusCode};
use parkatlas_core::geometry::{BoundingBox, Shape};
use parkatlas_core::units::Mu;
use parkatlas_core::wire::{
    ErrorBody, LandMatch, LandSearch, LandUse, ParcelCollection, ParcelRecord, ParcelStatus, ParkCollection,
};
use serde_json::{json, Value};

use crate::enterprises::{self, urlencode};
use crate::support::TestServer;

const OK: StatusCode = StatusCode::OK;

/// The demo map as the other public endpoints show it.
struct Atlas {
    parks: Vec<Park>,
    /// Every parcel as `GET /land` should describe it.
    parcels: Vec<LandMatch>,
}

struct Park {
    id: i64,
    name: String,
    name_en: String,
    leading_industries: Vec<String>,
    bbox: BoundingBox,
}

impl Atlas {
    /// Reads every park, every park's parcels, and every parcel's details.
    async fn read(server: &TestServer) -> Atlas {
        let listed: ParkCollection = server.get_json("/api/v1/parks", OK).await;
        let mut parks = Vec::new();
        let mut parcels = Vec::new();
        for park in listed.features {
            let of_park: ParcelCollection = server.get_json(&format!("/api/v1/parks/{}/parcels", park.id), OK).await;
            for parcel in of_park.features {
                let full: ParcelRecord = server.get_json(&format!("/api/v1/parcels/{}", parcel.id), OK).await;
                let details = full.properties.details.expect("a parcel's details");
                parcels.push(LandMatch {
                    id: parcel.id,
                    park_id: parcel.properties.park_id,
                    code: parcel.properties.code,
                    land_use: parcel.properties.land_use,
                    status: parcel.properties.status,
                    area_m2: parcel.properties.area_m2,
                    occupant_name: details.occupant_name,
                    standard_land: details.terms.is_some(),
                    bbox: Shape::from_geojson(&parcel.geometry).unwrap().bounding_box(),
                });
            }
            parks.push(Park {
                id: park.id,
                name: park.properties.name,
                name_en: park.properties.name_en,
                leading_industries: park.properties.details.leading_industries,
                bbox: Shape::from_geojson(&park.geometry).unwrap().bounding_box(),
            });
        }
        Atlas { parks, parcels }
    }

    fn park(&self, id: i64) -> &Park {
        self.parks.iter().find(|park| park.id == id).expect("the parcel's park")
    }

    /// The parcels `keep` admits, largest first, ties by id.
    fn expect(&self, keep: impl Fn(&LandMatch, &Park) -> bool) -> Vec<LandMatch> {
        let mut kept: Vec<LandMatch> =
            self.parcels.iter().filter(|parcel| keep(parcel, self.park(parcel.park_id))).cloned().collect();
        kept.sort_by(|a, b| b.area_m2.0.total_cmp(&a.area_m2.0).then(a.id.cmp(&b.id)));
        kept
    }

    /// The parcels whose code, park name (either language) or occupant contains `text`,
    /// in any case: the search's rule, with no wildcard in it.
    fn containing(&self, text: &str) -> Vec<LandMatch> {
        let text = text.to_lowercase();
        self.expect(|parcel, park| {
            [Some(&parcel.code), Some(&park.name), Some(&park.name_en), parcel.occupant_name.as_ref()]
                .into_iter()
                .flatten()
                .any(|field| field.to_lowercase().contains(&text))
        })
    }
}

/// A leading industry of the second demo park only.
const AUTO_PARTS: &str = "汽车零部件";

/// A query with the rule that picks the parcels it should find.
type Case = (String, Box<dyn Fn(&LandMatch, &Park) -> bool>);

fn case(query: impl Into<String>, keep: impl Fn(&LandMatch, &Park) -> bool + 'static) -> Case {
    (query.into(), Box::new(keep))
}

fn mu(parcel: &LandMatch) -> f64 {
    parcel.area_m2.0 * 15.0 / 10_000.0
}

fn overlaps(a: &BoundingBox, b: &BoundingBox) -> bool {
    a.east >= b.west && a.west <= b.east && a.north >= b.south && a.south <= b.north
}

/// The box around every parcel of `parcels`.
fn around(parcels: &[LandMatch]) -> Option<BoundingBox> {
    parcels.iter().map(|parcel| parcel.bbox).reduce(BoundingBox::union)
}

/// `GET /land?{query}` must find `expected` (in order): all of them counted and framed,
/// the first `limit` listed.
async fn check(server: &TestServer, query: &str, expected: &[LandMatch], limit: usize) -> LandSearch {
    let found: LandSearch = server.get_json(&format!("/api/v1/land?{query}"), OK).await;
    assert_eq!(found.total as usize, expected.len(), "total of {query}");
    assert_eq!(found.parcels, expected[..expected.len().min(limit)], "parcels of {query}");
    assert_eq!(found.bounds, around(expected), "bounds of {query}");
    found
}

#[tokio::test]
async fn each_filter_finds_exactly_the_parcels_it_names() {
    for server in TestServer::each_backend().await {
        let atlas = Atlas::read(&server).await;
        let (first, second) = (atlas.parks[0].id, atlas.parks[1].id);
        // The western half of the first park: some of its parcels straddle the edge.
        let b = atlas.parks[0].bbox;
        let half = BoundingBox { east: (b.west + b.east) / 2.0, ..b };
        assert!(!atlas.parks[0].leading_industries.iter().any(|name| name == AUTO_PARTS));
        assert!(atlas.parks[1].leading_industries.iter().any(|name| name == AUTO_PARTS));

        let cases = [
            case("status=available", |p, _| p.status == ParcelStatus::Available),
            case("status=available,idle", |p, _| [ParcelStatus::Available, ParcelStatus::Idle].contains(&p.status)),
            case("land_use=warehousing,%20commercial", |p, _| {
                [LandUse::Warehousing, LandUse::Commercial].contains(&p.land_use)
            }),
            case("min_mu=50", |p, _| mu(p) >= 50.0),
            case("max_mu=20", |p, _| mu(p) <= 20.0),
            case("min_mu=20&max_mu=50", |p, _| (20.0..=50.0).contains(&mu(p))),
            case(format!("park={second}"), move |p, _| p.park_id == second),
            case(format!("industry={}", urlencode(AUTO_PARTS)), |_, park| {
                park.leading_industries.iter().any(|name| name == AUTO_PARTS)
            }),
            case(format!("bbox={},{},{},{}", half.west, half.south, half.east, half.north), move |p, _| {
                overlaps(&p.bbox, &half)
            }),
            case("status=available&min_mu=50", |p, _| p.status == ParcelStatus::Available && mu(p) >= 50.0),
            case(format!("status=producing&land_use=industrial&park={first}&max_mu=100"), move |p, _| {
                p.status == ParcelStatus::Producing
                    && p.land_use == LandUse::Industrial
                    && p.park_id == first
                    && mu(p) <= 100.0
            }),
        ];
        for (query, keep) in &cases {
            let expected = atlas.expect(keep);
            assert!(
                !expected.is_empty() && expected.len() < atlas.parcels.len(),
                "{query} must narrow the demo parcels down: {} of {}",
                expected.len(),
                atlas.parcels.len()
            );
            check(&server, query, &expected, 100).await;
        }
        // The western half holds parcels of the first park only, and not all of them.
        let in_half = atlas.expect(|p, _| overlaps(&p.bbox, &half));
        assert!(in_half.iter().all(|p| p.park_id == first));
        assert!(in_half.len() < atlas.expect(|p, _| p.park_id == first).len());

        // Both bounds are inclusive: a parcel's own area in 亩 finds it.
        let exact = atlas
            .parcels
            .iter()
            .find(|p| Mu(mu(p)).to_square_metres() == p.area_m2)
            .expect("a parcel whose area survives the round trip through 亩");
        let own_area = mu(exact);
        let same_area = atlas.expect(|p, _| p.area_m2 == exact.area_m2);
        check(&server, &format!("min_mu={own_area}&max_mu={own_area}"), &same_area, 100).await;

        // No filter: everything. Keys of the map's own URL state are ignored.
        check(&server, "", &atlas.expect(|_, _| true), 100).await;
        let available = atlas.expect(|p, _| p.status == ParcelStatus::Available);
        check(&server, "at=30.5,114.3,14&parcel=7&status=available&lang=en", &available, 100).await;
        // An industry is matched whole; an empty value means "any".
        for query in ["industry=%E6%B1%BD%E8%BD%A6", "industry=no-such-industry", "bbox=100.0,20.0,100.1,20.1"] {
            let none = check(&server, query, &[], 100).await;
            assert_eq!((none.total, none.bounds), (0, None), "{query}");
        }
        check(&server, "status=&land_use=&min_mu=&bbox=&limit=&industry=", &atlas.expect(|_, _| true), 100).await;
    }
}

#[tokio::test]
async fn text_finds_codes_park_names_and_occupants_with_wildcards_taken_literally() {
    for server in TestServer::each_backend().await {
        let atlas = Atlas::read(&server).await;
        let first_park = &atlas.parks[0];
        let of_first_park = atlas.expect(|p, _| p.park_id == first_park.id);

        // A parcel code, in lower case.
        let largest = &of_first_park[..1];
        let found = check(&server, &format!("q={}", largest[0].code.to_lowercase()), largest, 100).await;
        assert_eq!(found.total, 1);

        // The park's name in Chinese (a part of it) and in English (in another case).
        let zh: String = first_park.name.chars().skip(2).take(2).collect();
        let en = first_park.name_en.split(' ').nth(1).unwrap().to_uppercase();
        for text in [zh, en] {
            assert_eq!(atlas.containing(&text), of_first_park, "{text} names the first park alone");
            check(&server, &format!("q={}", urlencode(&text)), &of_first_park, 100).await;
        }

        // An occupant's registered name.
        let occupied = atlas.parcels.iter().find(|p| p.occupant_name.is_some()).expect("an occupied parcel");
        let name = occupied.occupant_name.clone().unwrap();
        let by_name = atlas.containing(&name);
        assert!(by_name.contains(occupied) && by_name.len() < atlas.parcels.len());
        check(&server, &format!("q={}", urlencode(&name)), &by_name, 100).await;

        // An occupant whose name holds LIKE's wildcards and escape character.
        let admin = server.login("admin").await;
        let mut body = enterprises::body(first_park.id, 901);
        body["name"] = json!("通配100%_\\测试（演示）");
        let made = admin.call(Method::POST, "/api/v1/enterprises").json(&body).send().await;
        let enterprise = made.json::<Value>(StatusCode::CREATED)["id"].as_i64().unwrap();
        let target = of_first_park.iter().find(|p| p.occupant_name.is_none()).expect("a vacant parcel");
        let path = format!("/api/v1/parcels/{}", target.id);
        let read = admin.call(Method::GET, &path).send().await;
        let current: Value = read.json(OK);
        let mut details = current["properties"]["details"].clone();
        details["occupant_id"] = json!(enterprise);
        let p = &current["properties"];
        let update = json!({ "code": p["code"], "land_use": p["land_use"], "status": p["status"],
                             "geometry": current["geometry"], "details": details });
        let written = admin.call(Method::PUT, &path).header("if-match", &read.etag()).json(&update).send().await;
        assert_eq!(written.status, OK, "{}", written.text());

        let atlas = Atlas::read(&server).await;
        let wildcard: Vec<LandMatch> = atlas.parcels.iter().filter(|p| p.id == target.id).cloned().collect();
        assert_eq!(wildcard.len(), 1);
        for text in ["%", "_", "\\", "100%_", "0%_\\测"] {
            assert_eq!(atlas.containing(text), wildcard, "{text}");
            check(&server, &format!("q={}", urlencode(text)), &wildcard, 100).await;
        }
        // As wildcards these would match "100%_" and every name with a 1 and a 0.
        for text in ["1_0", "1%0", "%%%"] {
            assert!(atlas.containing(text).is_empty(), "{text}");
            check(&server, &format!("q={}", urlencode(text)), &[], 100).await;
        }
    }
}

#[tokio::test]
async fn the_largest_come_first_up_to_the_limit() {
    for server in TestServer::each_backend().await {
        let atlas = Atlas::read(&server).await;
        let everything = atlas.expect(|_, _| true);
        assert!(everything.len() > 500, "the demo data has more parcels than the largest page");
        for limit in [1, 5, 100, 500] {
            let found = check(&server, &format!("limit={limit}"), &everything, limit).await;
            assert_eq!(found.parcels.len(), limit);
            assert!(found.parcels.windows(2).all(|pair| pair[0].area_m2.0 >= pair[1].area_m2.0));
        }
        let idle = atlas.expect(|p, _| p.status == ParcelStatus::Idle);
        assert!(idle.len() > 3);
        check(&server, "status=idle&limit=3", &idle, 3).await;
        // Parcels offered with 标准地 terms and parcels with occupants are both on the first page.
        let page = check(&server, "limit=500", &everything, 500).await;
        assert!(page.parcels.iter().any(|p| p.standard_land) && page.parcels.iter().any(|p| !p.standard_land));
        assert!(page.parcels.iter().any(|p| p.occupant_name.is_some()));

        // Two parcels of one shape, larger than any of the demo's, have the same area: the
        // one made first comes first.
        let admin = server.login("admin").await;
        let square = json!({ "type": "Polygon", "coordinates": [[[100.0, 20.0], [100.004, 20.0], [100.004, 20.004],
                                                                [100.0, 20.004], [100.0, 20.0]]] });
        let mut twins = Vec::new();
        for code in ["TWIN-B", "TWIN-A"] {
            let body = json!({ "code": code, "land_use": "industrial", "status": "available", "geometry": square });
            let made = admin.call(Method::POST, "/api/v1/parks/1/parcels").json(&body).send().await;
            twins.push(made.json::<Value>(StatusCode::CREATED)["id"].as_i64().unwrap());
        }
        let largest: LandSearch = server.get_json("/api/v1/land?limit=2", OK).await;
        assert_eq!(largest.parcels.iter().map(|p| p.id).collect::<Vec<_>>(), twins);
        assert_eq!(largest.parcels[0].area_m2, largest.parcels[1].area_m2);
        assert!(largest.parcels[1].area_m2 > everything[0].area_m2);
        let first: LandSearch = server.get_json("/api/v1/land?limit=1", OK).await;
        assert_eq!(first.parcels[0].id, twins[0]);
    }
}

#[tokio::test]
async fn bad_parameters_are_400s_naming_the_parameter() {
    let server = TestServer::with_demo_data().await;
    let too_long = format!("q={}", urlencode(&"地".repeat(51)));
    for (query, field) in [
        ("status=vacant", "status"),
        ("status=available,vacant", "status"),
        ("land_use=farmland", "land_use"),
        ("min_mu=-1", "min_mu"),
        ("max_mu=abc", "max_mu"),
        ("min_mu=80&max_mu=50", "min_mu"),
        ("park=0", "park"),
        ("park=abc", "park"),
        (too_long.as_str(), "q"),
        ("bbox=1,2,3", "bbox"),
        ("bbox=114.6,30.4,114.1,30.7", "bbox"),
        ("limit=0", "limit"),
        ("limit=501", "limit"),
        ("limit=ten", "limit"),
    ] {
        let body: ErrorBody = server.get_json(&format!("/api/v1/land?{query}"), StatusCode::BAD_REQUEST).await;
        assert_eq!(
            (body.error.code.as_str(), body.error.field.as_deref()),
            ("invalid_parameter", Some(field)),
            "{query}: {}",
            body.error.message
        );
    }
}
