//! Writes a zipped Shapefile survey in EPSG:4547 (CGCS2000, 3-degree Gauss–Krüger
//! CM 114° E) with GBK attributes, built from known WGS-84 parcels, and prints those
//! parcels as JSON; the browser journey imports the zip and compares.
//!
//! `cargo run -p parkatlas-exchange --example survey-zip -- OUT.zip CODE-PREFIX [bad]`:
//! three parcels coded `CODE-PREFIX-1…3`; with `bad`, the second has a land use no
//! parcel can have (工矿仓储用地).

use parkatlas_exchange::test_support::{square, SurveyLayer, SurveyParcel};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [out, prefix, rest @ ..] = args.as_slice() else {
        eprintln!("usage: survey-zip OUT.zip CODE-PREFIX [bad]");
        std::process::exit(2);
    };
    let bad = rest.iter().any(|arg| arg == "bad");
    let parcels: Vec<SurveyParcel> = (1..=3)
        .map(|n| SurveyParcel {
            code: format!("{prefix}-{n}"),
            land_use: if bad && n == 2 { "工矿仓储用地".into() } else { "工业用地".into() },
            status: "待出让".into(),
            note: format!("光谷测绘第{n}号，东临高新大道"),
            rings: vec![square(114.5 + 0.003 * f64::from(n), 30.45, 90.0)],
        })
        .collect();
    std::fs::write(out, SurveyLayer::wuhan_gbk().zip(&parcels)).expect("the zip is written");
    let known: Vec<serde_json::Value> = parcels
        .iter()
        .map(|parcel| {
            let ring: Vec<[f64; 2]> = parcel.rings[0].iter().map(|&(lon, lat)| [lon, lat]).collect();
            serde_json::json!({ "code": parcel.code, "note": parcel.note, "ring": ring })
        })
        .collect();
    println!("{}", serde_json::Value::from(known));
}
