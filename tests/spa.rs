//! Native tests of the SPA's plain logic (text, palette, error wording); the browser
//! journeys in e2e/ cover what needs a DOM.

use std::collections::HashSet;

use parkatlas::api::ApiFailure;
use parkatlas::i18n::{fill, Language, EN, ZH};
use parkatlas::theme::{parcel_status_colour, park_type_colour};
use parkatlas_core::text::Bilingual;
use parkatlas_core::wire::{LandUse, ParcelStatus, ParkType};

const PARK_TYPES: [ParkType; 3] = [ParkType::Modern, ParkType::Specialty, ParkType::Urban];

#[test]
fn every_status_has_its_own_label_and_colour_in_both_languages() {
    for texts in [&ZH, &EN] {
        let labels: HashSet<_> = ParcelStatus::ALL.iter().map(|&s| texts.parcel_status(s)).collect();
        assert_eq!(labels.len(), ParcelStatus::ALL.len());
    }
    let colours: HashSet<_> = ParcelStatus::ALL.iter().map(|&s| parcel_status_colour(s)).collect();
    assert_eq!(colours.len(), ParcelStatus::ALL.len());
}

#[test]
fn park_types_use_the_wuhan_plan_names() {
    let names: Vec<_> = PARK_TYPES.iter().map(|&t| ZH.park_type(t)).collect();
    assert_eq!(names, ["现代产业园", "特色产业园", "都市工业园"]);
    let colours: HashSet<_> = PARK_TYPES.iter().map(|&t| park_type_colour(t)).collect();
    assert_eq!(colours.len(), PARK_TYPES.len());
}

#[test]
fn chinese_is_first_and_the_switch_names_the_other_language() {
    assert_eq!(Language::Zh.texts().switch_language, "English");
    assert_eq!(Language::Zh.other().texts().switch_language, "中文");
    assert_eq!(Language::En.other(), Language::Zh);
}

#[test]
fn server_errors_show_their_status_and_message() {
    let failure = ApiFailure::Status { status: 404, message: Some("no park has id 9".into()), field: None };
    assert_eq!(failure.describe(&ZH), "服务器返回错误 (404): no park has id 9");
    assert_eq!(ApiFailure::Network.describe(&EN), "Cannot reach the server. Check the connection and retry.");
}

#[test]
fn core_explanations_follow_the_language_and_placeholders_are_filled() {
    let text = Bilingual::new("满足", "met");
    assert_eq!(ZH.pick(&text), "满足");
    assert_eq!(EN.pick(&text), "met");
    assert_eq!(fill(ZH.plan_some_unmet, &[("n", "1".into())]), "有 1 项条件未满足或无法判断：");
    assert_eq!(
        fill(EN.results_more, &[("shown", "50".into()), ("total", "312".into())]),
        "Showing the 50 largest of 312."
    );
}

#[test]
fn every_land_use_has_its_own_label_in_both_languages() {
    for texts in [&ZH, &EN] {
        let labels: HashSet<_> = LandUse::ALL.iter().map(|&u| texts.land_use(u)).collect();
        assert_eq!(labels.len(), LandUse::ALL.len());
    }
}
