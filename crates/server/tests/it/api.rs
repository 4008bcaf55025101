//! The HTTP API: the whole router driven without a socket, over a real SQLite file and,
//! when the test command started one (`PARKATLAS_TEST_POSTGRES`), a real PostgreSQL server.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use parkatlas_core::wire::{ClientConfig, ErrorBody, ParcelCollection, ParkCollection, ParkType, TileProvider};
use parkatlas_server::config::Tiles;
use parkatlas_server::store::Store;
use tower::ServiceExt;

use crate::support::{database_url, TestServer};

mod parks {
    use super::*;

    #[tokio::test]
    async fn lists_the_three_demo_parks_as_geojson() {
        for server in TestServer::each_backend().await {
            let (status, body) = server.get("/api/v1/parks").await;
            assert_eq!(status, StatusCode::OK);
            let raw: serde_json::Value = serde_json::from_slice(&body).unwrap();
            assert_eq!(raw["type"], "FeatureCollection");
            assert_eq!(raw["features"][0]["geometry"]["type"], "Polygon");

            let parks: ParkCollection = serde_json::from_slice(&body).unwrap();
            let types: Vec<ParkType> = parks.features.iter().map(|f| f.properties.park_type).collect();
            assert_eq!(types, [ParkType::Modern, ParkType::Specialty, ParkType::Urban]);
            assert!(parks.features.iter().all(|f| f.properties.demo && f.properties.parcel_count >= 50));
        }
    }

    #[tokio::test]
    async fn parcels_of_a_park_belong_to_it_and_match_its_count() {
        for server in TestServer::each_backend().await {
            let parks: ParkCollection = server.get_json("/api/v1/parks", StatusCode::OK).await;
            for park in &parks.features {
                let parcels: ParcelCollection =
                    server.get_json(&format!("/api/v1/parks/{}/parcels", park.id), StatusCode::OK).await;
                assert_eq!(parcels.features.len(), park.properties.parcel_count as usize);
                assert!(parcels.features.iter().all(|p| p.properties.park_id == park.id));
                assert!(parcels.features.iter().all(|p| p.properties.area_m2.0 > 1_000.0));
            }
        }
    }

    #[tokio::test]
    async fn some_parcels_have_holes() {
        for server in TestServer::each_backend().await {
            let parcels: serde_json::Value = server.get_json("/api/v1/parks/1/parcels", StatusCode::OK).await;
            let with_holes = parcels["features"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|f| f["geometry"]["coordinates"].as_array().unwrap().len() == 2)
                .count();
            assert!(with_holes > 0);
        }
    }
}

mod viewport {
    use super::*;

    #[tokio::test]
    async fn a_viewport_around_one_park_returns_exactly_its_parcels() {
        for server in TestServer::each_backend().await {
            let parks: ParkCollection = server.get_json("/api/v1/parks", StatusCode::OK).await;
            let hanjiang = &parks.features[2];
            let b = parkatlas_core::geometry::Shape::from_geojson(&hanjiang.geometry).unwrap().bounding_box();
            let path = format!("/api/v1/parcels?bbox={},{},{},{}&zoom=22", b.west, b.south, b.east, b.north);
            let in_view: ParcelCollection = server.get_json(&path, StatusCode::OK).await;
            assert_eq!(in_view.features.len(), hanjiang.properties.parcel_count as usize);
            assert!(in_view.features.iter().all(|parcel| parcel.properties.park_id == hanjiang.id));
            // At the deepest zoom nothing is simplified away.
            let by_park: ParcelCollection =
                server.get_json(&format!("/api/v1/parks/{}/parcels", hanjiang.id), StatusCode::OK).await;
            assert_eq!(in_view, by_park);
        }
    }

    #[tokio::test]
    async fn a_moved_parcel_is_found_where_it_now_is_and_a_deleted_one_nowhere() {
        for server in TestServer::each_backend().await {
            let ids_in = |bbox: String| {
                let server = &server;
                async move {
                    let path = format!("/api/v1/parcels?bbox={bbox}&zoom=18");
                    let found: ParcelCollection = server.get_json(&path, StatusCode::OK).await;
                    found.features.into_iter().map(|f| f.id).collect::<Vec<_>>()
                }
            };
            let (empty_land, parcel) = ("100.0,20.0,100.1,20.1", 1);
            let old: serde_json::Value = server.get_json(&format!("/api/v1/parcels/{parcel}"), StatusCode::OK).await;
            let body = serde_json::json!({
                "code": old["properties"]["code"], "land_use": old["properties"]["land_use"],
                "status": old["properties"]["status"],
                "geometry": { "type": "Polygon", "coordinates": [[[100.02, 20.02], [100.03, 20.02], [100.03, 20.03], [100.02, 20.03], [100.02, 20.02]]] }
            });
            let officer = server.login("officer.guanggu").await;
            let moved = officer.call(axum::http::Method::PUT, "/api/v1/parcels/1").header("if-match", "\"1\"");
            assert_eq!(moved.json(&body).send().await.status, StatusCode::OK);
            assert_eq!(ids_in(empty_land.to_string()).await, [parcel]);
            let b = parkatlas_core::geometry::Shape::from_geojson(
                &serde_json::from_value(old["geometry"].clone()).unwrap(),
            )
            .unwrap()
            .bounding_box();
            let old_place = format!("{},{},{},{}", b.west, b.south, b.east, b.north);
            assert!(!ids_in(old_place).await.contains(&parcel));

            let deleted = officer.call(axum::http::Method::DELETE, "/api/v1/parcels/1").header("if-match", "\"2\"");
            assert_eq!(deleted.send().await.status, StatusCode::NO_CONTENT);
            assert!(ids_in(empty_land.to_string()).await.is_empty());
        }
    }

    #[tokio::test]
    async fn an_empty_stretch_of_map_has_no_parcels() {
        for server in TestServer::each_backend().await {
            let none: ParcelCollection =
                server.get_json("/api/v1/parcels?bbox=100.0,20.0,100.1,20.1&zoom=14", StatusCode::OK).await;
            assert!(none.features.is_empty());
        }
    }

    #[tokio::test]
    async fn bad_viewports_are_400s_naming_the_parameter() {
        let server = TestServer::with_demo_data().await;
        for (query, field) in [
            ("zoom=12", "bbox"),
            ("bbox=114.1,30.4,114.6&zoom=12", "bbox"),
            ("bbox=114.6,30.4,114.1,30.7&zoom=12", "bbox"),
            ("bbox=114.1,30.4,114.6,30.7", "zoom"),
            ("bbox=114.1,30.4,114.6,30.7&zoom=23", "zoom"),
            ("bbox=114.1,30.4,114.6,30.7&zoom=-1", "zoom"),
        ] {
            let body: ErrorBody = server.get_json(&format!("/api/v1/parcels?{query}"), StatusCode::BAD_REQUEST).await;
            assert_eq!(
                (body.error.code.as_str(), body.error.field.as_deref()),
                ("invalid_parameter", Some(field)),
                "{query}"
            );
        }
    }
}

mod errors {
    use super::*;

    async fn expect_error(path: &str, status: StatusCode, code: &str, field: Option<&str>) -> ErrorBody {
        let server = TestServer::with_demo_data().await;
        let body: ErrorBody = server.get_json(path, status).await;
        assert_eq!(body.error.code, code, "{path}");
        assert_eq!(body.error.field.as_deref(), field, "{path}");
        body
    }

    #[tokio::test]
    async fn unknown_park_is_404_naming_the_id() {
        let body = expect_error("/api/v1/parks/9999/parcels", StatusCode::NOT_FOUND, "not_found", Some("id")).await;
        assert_eq!(body.error.message, "no park has id 9999");
    }

    #[tokio::test]
    async fn ids_that_are_not_positive_integers_are_400() {
        for bad in ["abc", "0", "-3", "1.5", "99999999999999999999", "%20"] {
            let body = expect_error(
                &format!("/api/v1/parks/{bad}/parcels"),
                StatusCode::BAD_REQUEST,
                "invalid_parameter",
                Some("id"),
            )
            .await;
            assert!(body.error.message.contains("positive whole numbers"), "{bad}: {}", body.error.message);
        }
    }

    #[tokio::test]
    async fn unknown_api_path_is_a_json_404_not_the_spa() {
        let body = expect_error("/api/v1/nowhere", StatusCode::NOT_FOUND, "no_such_endpoint", None).await;
        assert!(body.error.message.contains("/api/v1/nowhere"));
    }
}

#[tokio::test]
async fn config_reports_tiles_and_demo_data() {
    for server in TestServer::each_backend().await {
        let config: ClientConfig = server.get_json("/api/v1/config", StatusCode::OK).await;
        assert_eq!(config.tiles, TileProvider::None);
        assert_eq!(config.tianditu_key, None);
        assert!(config.demo_data);
    }
}

#[tokio::test]
async fn config_offers_tianditu_beside_another_starting_base_map() {
    let tiles = Tiles { start: TileProvider::Osm, tianditu_key: Some("0123abcd".into()) };
    let server = TestServer::with_state(None, |state| parkatlas_server::AppState { tiles, ..state }).await;
    let config: ClientConfig = server.get_json("/api/v1/config", StatusCode::OK).await;
    assert_eq!(config.tiles, TileProvider::Osm);
    assert_eq!(config.tianditu_key.as_deref(), Some("0123abcd"));
}

#[tokio::test]
async fn spa_routes_fall_back_to_index_html() {
    let server = TestServer::with_demo_data().await;
    let (status, body) = server.get("/parks/1").await;
    assert_eq!(status, StatusCode::OK);
    assert!(String::from_utf8(body).unwrap().contains("<title>parkatlas</title>"));
}

#[tokio::test]
async fn the_signed_in_app_is_served_under_app_with_its_own_fallback() {
    let server = TestServer::with_demo_data().await;
    std::fs::create_dir(server.dir.path().join("app")).unwrap();
    std::fs::write(server.dir.path().join("app/index.html"), "<title>parkatlas app</title>").unwrap();
    for path in ["/app/", "/app/requests/12", "/app/sign-in?next=%2Fapp%2F"] {
        let (status, body) = server.get(path).await;
        assert_eq!((status, String::from_utf8(body).unwrap()), (StatusCode::OK, "<title>parkatlas app</title>".into()));
    }
    let (_, body) = server.get("/apparatus").await;
    assert!(String::from_utf8(body).unwrap().contains("<title>parkatlas</title>"), "only /app/ is the signed-in app");
}

#[tokio::test]
async fn hashed_assets_are_immutable_and_index_html_is_revalidated() {
    let server = TestServer::with_demo_data().await;
    std::fs::write(server.dir.path().join("main-89b14aac6850720c.css"), "body{}").unwrap();
    let cache_control = |path: &'static str| {
        let router = server.router.clone();
        async move {
            let response = router.oneshot(Request::get(path).body(Body::empty()).unwrap()).await.unwrap();
            response.headers()["cache-control"].to_str().unwrap().to_string()
        }
    };
    assert_eq!(cache_control("/main-89b14aac6850720c.css").await, "public, max-age=31536000, immutable");
    // Trunk drops the hash's leading zeros: 15 digits are a hash too.
    std::fs::write(server.dir.path().join("leaflet-6c92c0056ca7a79.css"), "a{}").unwrap();
    assert_eq!(cache_control("/leaflet-6c92c0056ca7a79.css").await, "public, max-age=31536000, immutable");
    assert_eq!(cache_control("/").await, "no-cache");
    assert_eq!(cache_control("/parks/1").await, "no-cache");
}

#[tokio::test]
async fn the_builds_brotli_copy_is_served_to_browsers_that_take_it() {
    let server = TestServer::with_demo_data().await;
    let dir = server.dir.path();
    std::fs::write(dir.join("app-89b14aac6850720c.js"), "plain").unwrap();
    std::fs::write(dir.join("app-89b14aac6850720c.js.br"), "brotli bytes").unwrap();
    let fetch = |encoding: &'static str| {
        let router = server.router.clone();
        async move {
            let request =
                Request::get("/app-89b14aac6850720c.js").header("accept-encoding", encoding).body(Body::empty());
            let response = router.oneshot(request.unwrap()).await.unwrap();
            let used = response.headers().get("content-encoding").map(|v| v.to_str().unwrap().to_string());
            (used, axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap())
        }
    };
    assert_eq!(fetch("br, gzip").await, (Some("br".to_string()), "brotli bytes".into()));
    assert_eq!(fetch("identity").await, (None, "plain".into()));
}

#[tokio::test]
async fn healthz_answers_ok() {
    let server = TestServer::with_demo_data().await;
    assert_eq!(server.get("/healthz").await, (StatusCode::OK, b"ok".to_vec()));
}

#[tokio::test]
async fn database_is_a_file_that_survives_reopening_without_duplicating_demo_data() {
    let server = TestServer::with_demo_data().await;
    let url = database_url(server.dir.path());
    assert!(server.dir.path().join("parkatlas.db").is_file());
    let before: ParkCollection = server.get_json("/api/v1/parks", StatusCode::OK).await;
    drop(server.router);

    let reopened = Store::open(&url).await.unwrap();
    assert!(!reopened.is_empty().await.unwrap());
    assert!(reopened.holds_demo_data().await.unwrap());
    assert_eq!(reopened.parks().await.unwrap(), before);
}

#[tokio::test]
async fn an_unknown_database_url_names_both_accepted_forms() {
    let err = Store::open("mysql://parkatlas@localhost/parkatlas").await.err().expect("refused");
    assert!(err.to_string().contains("sqlite://parkatlas.db") && err.to_string().contains("postgres://"), "{err}");
}

#[tokio::test]
async fn a_parcel_import_stores_every_parcel_or_none_naming_the_bad_one() {
    use axum::http::Method;
    use parkatlas_core::wire::ParcelsImported;
    use serde_json::json;
    for server in TestServer::each_backend().await {
        let officer = server.login("officer.guanggu").await;
        let square = |code: &str, x: f64| {
            json!({ "code": code, "land_use": "industrial", "status": "available", "geometry": { "type": "Polygon",
                    "coordinates": [[[x, 20.0], [x + 0.001, 20.0], [x + 0.001, 20.001], [x, 20.001], [x, 20.0]]] } })
        };
        let count = || async {
            let parcels: ParcelCollection = server.get_json("/api/v1/parks/1/parcels", StatusCode::OK).await;
            parcels.features.len()
        };
        let before = count().await;
        let import = |parcels: Vec<serde_json::Value>| {
            officer.call(Method::POST, "/api/v1/parks/1/parcels/import").json(&json!({ "parcels": parcels })).send()
        };

        let mut open_ring = square("IMP-2", 100.01);
        open_ring["geometry"]["coordinates"][0][4] = json!([100.01, 20.0005]);
        let refused = import(vec![square("IMP-1", 100.0), open_ring]).await;
        assert_eq!(refused.error(StatusCode::UNPROCESSABLE_ENTITY).1.as_deref(), Some("parcels[1].geometry"));
        let twice = import(vec![square("IMP-1", 100.0), square("IMP-1", 100.01)]).await;
        assert_eq!(twice.error(StatusCode::UNPROCESSABLE_ENTITY).1.as_deref(), Some("parcels[1].code"));
        assert_eq!(count().await, before, "nothing of a refused import is stored");

        let imported: ParcelsImported =
            import(vec![square("IMP-1", 100.0), square("IMP-2", 100.01)]).await.json(StatusCode::CREATED);
        assert_eq!(imported.ids.len(), 2);
        assert_eq!(count().await, before + 2);
        let taken = import(vec![square("IMP-3", 100.02), square("IMP-1", 100.03)]).await;
        assert_eq!(taken.error(StatusCode::CONFLICT).1.as_deref(), Some("parcels[1].code"));
        assert_eq!(count().await, before + 2, "not even IMP-3 is stored");
    }
}
