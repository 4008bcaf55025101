//! Interface text in Simplified Chinese (the default) and English.
//!
//! The chosen language is kept in `localStorage` so it survives reloads, and is
//! mirrored into `<html lang>` so screen readers and fonts follow it.

use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;
use parkatlas_core::wire::{ParcelStatus, ParkType};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    Zh,
    En,
}

const STORAGE_KEY: &str = "parkatlas.language";

impl Language {
    pub fn texts(self) -> &'static Texts {
        match self {
            Language::Zh => &ZH,
            Language::En => &EN,
        }
    }

    pub fn other(self) -> Language {
        match self {
            Language::Zh => Language::En,
            Language::En => Language::Zh,
        }
    }

    fn code(self) -> &'static str {
        match self {
            Language::Zh => "zh-CN",
            Language::En => "en",
        }
    }

    fn from_code(code: &str) -> Option<Language> {
        [Language::Zh, Language::En].into_iter().find(|l| l.code() == code)
    }
}

/// Makes the language signal available to the whole app; call once, in `App`.
pub fn provide_language() {
    let stored = LocalStorage::get::<String>(STORAGE_KEY).ok().and_then(|code| Language::from_code(&code));
    let language = RwSignal::new(stored.unwrap_or(Language::Zh));
    Effect::new(move || {
        let language = language.get();
        // Storage can be unavailable (private mode); the choice then lasts for the visit.
        let _ = LocalStorage::set(STORAGE_KEY, language.code());
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", language.code());
        }
    });
    provide_context(language);
}

pub fn use_language() -> RwSignal<Language> {
    expect_context::<RwSignal<Language>>()
}

/// The texts of the current language, tracked: views using it re-render on a switch.
pub fn use_texts() -> Signal<&'static Texts> {
    let language = use_language();
    Signal::derive(move || language.get().texts())
}

/// Every string the interface shows.
pub struct Texts {
    pub app_name: &'static str,
    pub app_subtitle: &'static str,
    /// The label of the button that switches to the *other* language, in that language.
    pub switch_language: &'static str,
    pub switch_language_hint: &'static str,
    pub demo_badge: &'static str,
    pub demo_note: &'static str,
    pub parks_heading: &'static str,
    pub parcels_unit: &'static str,
    pub area_km2: &'static str,
    pub legend_heading: &'static str,
    pub parcels_drawn: &'static str,
    pub map_label: &'static str,
    pub loading: &'static str,
    pub retry: &'static str,
    pub error_heading: &'static str,
    pub error_network: &'static str,
    pub error_server: &'static str,
    pub error_unreadable: &'static str,
    pub empty_heading: &'static str,
    pub empty_body: &'static str,
    pub not_found_heading: &'static str,
    pub not_found_back: &'static str,
    status_available: &'static str,
    status_granted: &'static str,
    status_under_construction: &'static str,
    status_producing: &'static str,
    status_idle: &'static str,
    status_unsupplied: &'static str,
    park_modern: &'static str,
    park_specialty: &'static str,
    park_urban: &'static str,
}

impl Texts {
    pub fn parcel_status(&self, status: ParcelStatus) -> &'static str {
        match status {
            ParcelStatus::Available => self.status_available,
            ParcelStatus::Granted => self.status_granted,
            ParcelStatus::UnderConstruction => self.status_under_construction,
            ParcelStatus::Producing => self.status_producing,
            ParcelStatus::Idle => self.status_idle,
            ParcelStatus::Unsupplied => self.status_unsupplied,
        }
    }

    pub fn park_type(&self, park_type: ParkType) -> &'static str {
        match park_type {
            ParkType::Modern => self.park_modern,
            ParkType::Specialty => self.park_specialty,
            ParkType::Urban => self.park_urban,
        }
    }
}

pub const ZH: Texts = Texts {
    app_name: "园区一张图",
    app_subtitle: "工业园区用地与企业服务",
    switch_language: "English",
    switch_language_hint: "Switch to English",
    demo_badge: "演示数据",
    demo_note: "地图上的园区与地块均为虚构的演示数据，仅供体验。",
    parks_heading: "园区",
    parcels_unit: "宗地块",
    area_km2: "平方公里",
    legend_heading: "地块状态",
    parcels_drawn: "已绘制地块",
    map_label: "园区与地块地图",
    loading: "正在加载园区与地块…",
    retry: "重试",
    error_heading: "暂时无法加载",
    error_network: "无法连接服务器，请检查网络后重试。",
    error_server: "服务器返回错误",
    error_unreadable: "服务器返回的数据无法识别，请刷新页面。",
    empty_heading: "还没有园区",
    empty_body: "管理员导入园区边界与地块后，它们会显示在这里。",
    not_found_heading: "页面不存在",
    not_found_back: "返回地图",
    status_available: "可供地",
    status_granted: "已出让",
    status_under_construction: "在建",
    status_producing: "已投产",
    status_idle: "闲置",
    status_unsupplied: "批而未供",
    park_modern: "现代产业园",
    park_specialty: "特色产业园",
    park_urban: "都市工业园",
};

pub const EN: Texts = Texts {
    app_name: "parkatlas",
    app_subtitle: "Industrial park land and enterprise services",
    switch_language: "中文",
    switch_language_hint: "切换到中文",
    demo_badge: "Demo data",
    demo_note: "The parks and parcels on this map are fictional demonstration data.",
    parks_heading: "Parks",
    parcels_unit: "parcels",
    area_km2: "km²",
    legend_heading: "Parcel status",
    parcels_drawn: "Parcels drawn",
    map_label: "Map of parks and parcels",
    loading: "Loading parks and parcels…",
    retry: "Retry",
    error_heading: "Could not load",
    error_network: "Cannot reach the server. Check the connection and retry.",
    error_server: "The server reported an error",
    error_unreadable: "The server's answer could not be read. Please reload the page.",
    empty_heading: "No parks yet",
    empty_body: "Parks and parcels appear here once an administrator imports them.",
    not_found_heading: "Page not found",
    not_found_back: "Back to the map",
    status_available: "Available",
    status_granted: "Granted",
    status_under_construction: "Under construction",
    status_producing: "Producing",
    status_idle: "Idle",
    status_unsupplied: "Approved, not supplied",
    park_modern: "Modern industry park",
    park_specialty: "Specialty industry park",
    park_urban: "Urban industry park",
};
