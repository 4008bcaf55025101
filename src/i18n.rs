//! Interface text in Simplified Chinese (the default) and English.
//!
//! The chosen language is kept in `localStorage` so it survives reloads, and is
//! mirrored into `<html lang>` so screen readers and fonts follow it.

use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;
use parkatlas_core::text::{Bilingual, Label};
use parkatlas_core::tiers::CertificateKind;
use parkatlas_core::wire::{LandUse, ParcelStatus, ParkLevel, ParkType, SupplyMode};

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

/// One of two text tables by the current language, tracked: views using it re-render on
/// a switch. For the text tables that sections of the app declare with [`texts!`].
pub fn use_localized<T: Send + Sync + 'static>(zh: &'static T, en: &'static T) -> Signal<&'static T> {
    let language = use_language();
    Signal::derive(move || match language.get() {
        Language::Zh => zh,
        Language::En => en,
    })
}

/// Declares a struct of interface strings and its two instances, Chinese and English,
/// from one list in which every string stands beside its translation. The public atlas
/// has [`Texts`]; the signed-in app declares its own, so that its strings stay out of the
/// public bundle.
#[macro_export]
macro_rules! texts {
    ($(#[$struct_doc:meta])* $texts:ident, $zh_name:ident, $en_name:ident; $($(#[$doc:meta])* $name:ident: $zh:literal / $en:literal,)*) => {
        $(#[$struct_doc])*
        pub struct $texts {
            $($(#[$doc])* pub $name: &'static str,)*
        }

        pub static $zh_name: $texts = $texts { $($name: $zh,)* };
        pub static $en_name: $texts = $texts { $($name: $en,)* };
    };
}

texts! {
    /// Every string the public atlas shows.
    Texts, ZH, EN;
    app_name: "园区一张图" / "parkatlas",
    app_subtitle: "工业园区用地与企业服务" / "Industrial park land and enterprise services",
    // The label of the button that switches to the *other* language, in that language.
    switch_language: "English" / "中文",
    switch_language_hint: "Switch to English" / "切换到中文",
    demo_badge: "演示数据" / "Demo data",
    demo_note: "地图上的园区与地块均为虚构的演示数据，仅供体验。" / "The parks and parcels on this map are fictional demonstration data.",
    parks_heading: "园区" / "Parks",
    parcels_unit: "宗地块" / "parcels",
    area_km2: "平方公里" / "km²",
    legend_heading: "地块状态" / "Parcel status",
    parcels_drawn: "已绘制地块" / "Parcels drawn",
    map_label: "园区与地块地图" / "Map of parks and parcels",
    loading: "正在加载园区与地块…" / "Loading parks and parcels…",
    retry: "重试" / "Retry",
    close: "关闭" / "Close",
    error_heading: "暂时无法加载" / "Could not load",
    error_network: "无法连接服务器，请检查网络后重试。" / "Cannot reach the server. Check the connection and retry.",
    error_server: "服务器返回错误" / "The server reported an error",
    error_unreadable: "服务器返回的数据无法识别，请刷新页面。" / "The server's answer could not be read. Please reload the page.",
    error_conflict: "记录已被他人修改，请核对当前内容后重新提交。" / "Someone changed this record meanwhile. Check it as it now stands, then send again.",
    empty_heading: "还没有园区" / "No parks yet",
    empty_body: "管理员导入园区边界与地块后，它们会显示在这里。" / "Parks and parcels appear here once an administrator imports them.",
    not_found_heading: "页面不存在" / "Page not found",
    not_found_back: "返回地图" / "Back to the map",
    nav_map: "地图找地" / "Find land",
    nav_compare: "园区对比" / "Compare parks",
    nav_sign_in: "登录" / "Sign in",
    nav_my_enterprise: "我的企业" / "My enterprise",
    nav_workspace: "工作台" / "Workspace",
    mu: "亩" / "mu",
    m2: "平方米" / "m²",
    search_label: "搜索园区、地块编号或企业" / "Search parks, parcel codes or enterprises",
    search_placeholder: "园区名称、地块编号、企业名称" / "Park, parcel code or enterprise",
    search_button: "搜索" / "Search",
    filters_heading: "筛选条件" / "Filters",
    filter_status: "地块状态" / "Status",
    filter_land_use: "用地性质" / "Land use",
    filter_area: "面积（亩）" / "Area (mu)",
    area_min: "最小面积（亩）" / "Smallest area (mu)",
    area_max: "最大面积（亩）" / "Largest area (mu)",
    filter_park: "园区" / "Park",
    filter_industry: "主导产业" / "Leading industry",
    any: "不限" / "Any",
    clear_filters: "清除筛选" / "Clear filters",
    filter_problem: "链接中的筛选条件无效，已忽略：" / "The link's filter could not be used and was dropped: ",
    results_heading: "符合条件的地块" / "Matching parcels",
    results_in_view: "当前地图范围内" / "in the current map view",
    results_empty: "当前地图范围内没有符合条件的地块" / "No matching parcels in this part of the map",
    results_empty_hint: "移动或缩小地图，或放宽筛选条件。" / "Move or zoom out the map, or relax the filters.",
    results_more: "仅列出面积最大的前 {shown} 宗，共 {total} 宗。" / "Showing the {shown} largest of {total}.",
    search_none: "没有找到与搜索内容相符的园区、地块或企业。" / "No park, parcel or enterprise matches the search.",
    finding: "正在查找地块…" / "Finding parcels…",
    standard_land: "标准地" / "Standard land",
    show_list: "列表" / "List",
    show_map: "地图" / "Map",
    base_map: "底图" / "Base map",
    base_none: "无底图" / "No base map",
    base_osm: "OpenStreetMap" / "OpenStreetMap",
    base_tianditu: "天地图矢量" / "Tianditu map",
    base_tianditu_imagery: "天地图影像" / "Tianditu imagery",
    base_amap: "高德地图" / "Amap (Gaode)",
    locate: "定位我的位置" / "Locate me",
    locating: "正在定位…" / "Locating…",
    locate_failed: "无法获取您的位置" / "Your position is not available",
    details_heading: "地块详情" / "Parcel details",
    details_expand: "展开" / "More",
    details_collapse: "收起" / "Less",
    parcel_code: "地块编号" / "Parcel code",
    area: "面积" / "Area",
    area_note: "按 WGS-84 椭球计算的测地面积" / "Geodesic area on the WGS-84 ellipsoid",
    land_use: "用地性质" / "Land use",
    status: "状态" / "Status",
    supply_mode: "供地方式" / "Supply mode",
    occupant: "使用企业" / "Occupant",
    park: "所属园区" / "Park",
    not_given: "未公布" / "Not published",
    terms_heading: "标准地出让条件" / "Standard-land conditions",
    no_terms: "该地块未按标准地公布出让条件。" / "This parcel is not offered with published standard-land conditions.",
    unconfirmed: "待核实" / "unconfirmed",
    land_price_policy: "地价政策" / "Land-price policy",
    contact_heading: "招商联系" / "Contact the park",
    phone: "电话" / "Phone",
    email: "电子邮箱" / "E-mail",
    share: "分享此地块" / "Share this parcel",
    link_copied: "链接已复制，可粘贴发送。" / "Link copied: paste it anywhere.",
    share_fallback: "复制下面的链接：" / "Copy this link:",
    open_park: "园区介绍" / "About the park",
    ask_park: "向园区咨询" / "Ask the park",
    plan_heading: "核对我的项目方案" / "Check my plan",
    plan_intro: "输入项目方案，即时对照每一项标准地条件（在您的浏览器中计算，不会上传）。" / "Enter your plan to check it against each condition at once (computed in your browser, nothing is sent).",
    plan_investment: "固定资产总投资（万元）" / "Fixed-asset investment (10⁴ CNY)",
    plan_land: "项目用地面积（亩）" / "Land area (mu)",
    plan_footprint: "建筑基底面积（平方米）" / "Building footprint (m²)",
    plan_floor_low: "层高不超过 {h} 米的楼层建筑面积（平方米）" / "Floor area of storeys up to {h} m high (m²)",
    plan_floor_tall: "层高超过 {h} 米的楼层建筑面积（平方米，计容时按 {x} 倍计）" / "Floor area of storeys over {h} m high (m², counted {x}×)",
    plan_green: "绿地面积（平方米）" / "Green area (m²)",
    plan_output: "预计年产值（万元）" / "Expected annual output (10⁴ CNY)",
    plan_tax: "预计年税收（万元）" / "Expected annual tax (10⁴ CNY)",
    plan_energy: "预计年综合能耗（吨标准煤）" / "Expected annual energy use (tce)",
    plan_all_met: "方案满足全部标准地条件。" / "The plan meets every condition.",
    plan_some_unmet: "有 {n} 项条件未满足或无法判断：" / "{n} conditions are not met or cannot be judged:",
    verdict_met: "满足" / "Met",
    verdict_unmet: "未满足" / "Not met",
    verdict_undetermined: "无法判断" / "Cannot judge",
    plan_problem: "请检查输入：" / "Check the figures: ",
    inquiry_heading: "投资咨询" / "Investment inquiry",
    inquiry_intro: "留下联系方式，园区招商部门会尽快与您联系。" / "Leave your details and the park's investment office will get back to you.",
    inquiry_name: "姓名" / "Name",
    inquiry_organisation: "单位名称" / "Company or institution",
    inquiry_phone: "手机或固定电话" / "Mobile or landline",
    inquiry_phone_hint: "如 13812345678 或 027-87654321；电话与邮箱至少填一项" / "e.g. 13812345678 or 027-87654321; give a phone number or an e-mail",
    inquiry_email: "电子邮箱" / "E-mail",
    inquiry_industry: "所属行业" / "Industry",
    inquiry_investment: "计划投资额（万元）" / "Planned investment (10⁴ CNY)",
    inquiry_land: "用地需求（亩）" / "Land needed (mu)",
    inquiry_message: "留言" / "Message",
    inquiry_send: "提交咨询" / "Send inquiry",
    inquiry_sending: "正在提交…" / "Sending…",
    inquiry_sent: "咨询已提交" / "Inquiry sent",
    inquiry_reference: "咨询编号（请保留以便查询）：" / "Your reference (keep it to follow up): ",
    inquiry_draft: "填写内容会自动保存在本机，断网或刷新也不会丢失。" / "What you type is kept on this device, through lost connections and reloads.",
    inquiry_kept: "提交失败，您填写的内容已保存，可稍后重试。" / "Sending failed. What you typed is kept: try again later.",
    inquiry_another: "再提交一条咨询" / "Send another inquiry",
    optional: "选填" / "optional",
    park_profile: "园区介绍" / "Park profile",
    park_level: "级别" / "Level",
    level_national: "国家级" / "National",
    level_provincial: "省级" / "Provincial",
    level_municipal: "市级" / "Municipal",
    district: "所在区域" / "District",
    leading_industries: "主导产业" / "Leading industries",
    approved_area: "批复面积" / "Approved area",
    available_land: "可供地" / "Available land",
    enterprises: "入园企业" / "Enterprises",
    enterprises_unit: "家" / "",
    tiers_heading: "梯度培育企业" / "Enterprises by tier",
    tiers_none: "暂无有效的梯度培育认定。" / "No tier certificates in force.",
    evaluation_heading: "亩均效益综合评价分类" / "Land-efficiency classes",
    evaluation_none: "园区尚未公布亩均效益评价结果。" / "The park has not published a land-efficiency evaluation.",
    evaluation_of: "{year} 年度评价，{date} 公布" / "{year} evaluation, published {date}",
    class_a: "A 类（优先发展）" / "Class A (priority)",
    class_b: "B 类（支持发展）" / "Class B (supported)",
    class_c: "C 类（提升发展）" / "Class C (to improve)",
    class_d: "D 类（整治淘汰）" / "Class D (to restructure)",
    land_by_status: "土地利用" / "Land by status",
    aggregates_note: "以上均为园区汇总数据，不含任何单个企业的经营数据。" / "Park totals only: no single enterprise's figures are shown.",
    view_parcels: "在地图上查看地块" / "See its parcels on the map",
    add_compare: "加入对比" / "Add to comparison",
    in_compare: "已加入对比" / "In the comparison",
    compare_heading: "园区对比" / "Compare parks",
    compare_intro: "选择二至三个园区并排对比。" / "Choose two or three parks to compare side by side.",
    compare_choose: "选择园区" / "Choose a park",
    compare_remove: "移除" / "Remove",
    compare_need_two: "至少选择两个园区。" / "Choose at least two parks.",
    rule_met: "符合" / "meets",
    rule_unmet: "不符合" / "does not meet",
    status_available: "可供地" / "Available",
    status_granted: "已出让" / "Granted",
    status_under_construction: "在建" / "Under construction",
    status_producing: "已投产" / "Producing",
    status_idle: "闲置" / "Idle",
    status_unsupplied: "批而未供" / "Approved, not supplied",
    park_modern: "现代产业园" / "Modern industry park",
    park_specialty: "特色产业园" / "Specialty industry park",
    park_urban: "都市工业园" / "Urban industry park",
    use_industrial: "工业用地" / "Industrial",
    use_innovative_industrial: "新型产业用地（M0）" / "Innovative industrial (M0)",
    use_warehousing: "仓储用地" / "Warehousing",
    use_commercial: "商服用地" / "Commercial",
    use_public: "公共管理与公共服务用地" / "Public services",
    supply_listing: "挂牌出让" / "Listing",
    supply_auction: "拍卖出让" / "Auction",
    supply_tender: "招标出让" / "Tender",
    supply_agreement: "协议出让" / "Agreement",
    supply_lease_then_transfer: "先租后让" / "Lease, then transfer",
    supply_flexible_term: "弹性年期出让" / "Flexible term",
    supply_allocation: "划拨" / "Allocation",
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

    pub fn land_use(&self, land_use: LandUse) -> &'static str {
        match land_use {
            LandUse::Industrial => self.use_industrial,
            LandUse::InnovativeIndustrial => self.use_innovative_industrial,
            LandUse::Warehousing => self.use_warehousing,
            LandUse::Commercial => self.use_commercial,
            LandUse::Public => self.use_public,
        }
    }

    pub fn supply_mode(&self, mode: SupplyMode) -> &'static str {
        match mode {
            SupplyMode::Listing => self.supply_listing,
            SupplyMode::Auction => self.supply_auction,
            SupplyMode::Tender => self.supply_tender,
            SupplyMode::Agreement => self.supply_agreement,
            SupplyMode::LeaseThenTransfer => self.supply_lease_then_transfer,
            SupplyMode::FlexibleTerm => self.supply_flexible_term,
            SupplyMode::Allocation => self.supply_allocation,
        }
    }

    pub fn park_level(&self, level: ParkLevel) -> &'static str {
        match level {
            ParkLevel::National => self.level_national,
            ParkLevel::Provincial => self.level_provincial,
            ParkLevel::Municipal => self.level_municipal,
        }
    }

    /// A core label (a request's state or category, a rating) in this language.
    pub fn label(&self, label: Label) -> &'static str {
        if std::ptr::eq(self, &ZH) {
            label.zh
        } else {
            label.en
        }
    }

    /// The text of one of the core's bilingual names or explanations in this language:
    /// the one place that chooses between Chinese and English.
    pub fn pick<'a>(&self, text: &'a Bilingual) -> &'a str {
        if std::ptr::eq(self, &ZH) {
            &text.zh
        } else {
            &text.en
        }
    }
}

/// A certificate's (tier's) name in both languages, for [`Texts::pick`]: the core names
/// these with a `name_zh`/`name_en` pair.
pub fn certificate_name(kind: CertificateKind) -> Bilingual {
    Bilingual::new(kind.name_zh(), kind.name_en())
}

/// Fills `{name}` placeholders of a text.
pub fn fill(template: &str, values: &[(&str, String)]) -> String {
    values.iter().fold(template.to_string(), |text, (name, value)| text.replace(&format!("{{{name}}}"), value))
}
