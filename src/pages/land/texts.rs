//! The land page's interface text, Chinese first, kept out of the public bundle. Flag
//! reasons and outline problems are core's own `Bilingual`s.

use leptos::prelude::*;
use parkatlas_core::control::LandFlagKind;

use crate::i18n::use_localized;

crate::texts! {
    /// Every string of the land page.
    LandTexts, LAND_ZH, LAND_EN;
    heading: "土地" / "Land",
    intro: "闲置、批而未供与低效用地候选由规则按今天的日期算出，附理由。" / "Idle, approved-but-unsupplied and low-efficiency candidates, computed by the rules as of today, each with its reason.",
    loading: "正在加载地块…" / "Loading parcels…",
    map_label: "土地管理地图" / "Land management map",
    filter_label: "按标记筛选" / "Filter by flag",
    all_flags: "全部标记" / "All flags",
    flag_idle: "闲置" / "Idle",
    flag_unsupplied: "批而未供" / "Approved, not supplied",
    flag_low_efficiency: "低效用地候选" / "Low-efficiency candidates",
    count_area: "{n} 宗 · {area}" / "{n} · {area}",
    list_empty: "没有带此标记的地块。" / "No parcel carries this flag.",
    list_label: "带标记的地块" / "Flagged parcels",
    replica_note: "地块来自本机副本，联网后自动更新。" / "Parcels come from this device's copy, updated whenever online.",
    edit: "编辑" / "Edit",
    reshape: "修改边界" / "Reshape",
    draw_new: "绘制新地块" / "Draw a new parcel",
    draw_park: "所属园区" / "Park",
    close: "关闭" / "Close",
    code: "地块编号" / "Parcel code",
    status: "状态" / "Status",
    land_use: "用地性质" / "Land use",
    terms_heading: "标准地条件" / "标准地 terms",
    terms_hint: "留空的条件不列入。" / "Conditions left empty are left out.",
    unconfirmed: "待核实" / "To be confirmed",
    save: "保存" / "Save",
    saving: "正在保存…" / "Saving…",
    saved: "已保存（第 {version} 版）。" / "Saved (version {version}).",
    queued: "已离线保存在待发送列表，联网后发送。" / "Kept in the outbox; it is sent once online.",
    failed: "保存失败，请重试；已填写的内容都保留着。" / "Not saved: try again; everything typed is kept.",
    conflict_heading: "他人已修改此地块" / "Someone changed this parcel meanwhile",
    conflict_body: "服务器上的第 {version} 版：状态“{status}”，地块编号 {code}。您填写的内容都保留着；保存将覆盖该版本。" / "The server's version {version}: status “{status}”, code {code}. Everything you typed is kept; saving replaces that version.",
    save_over: "以我的内容保存" / "Save mine over it",
    take_theirs: "改用服务器版本" / "Use the server's version",
    problems: "请先修改 {n} 处问题。" / "Fix {n} problems first.",
    outline_heading: "地块边界" / "Parcel outline",
    outline_drawing: "在地图上依次点按添加顶点，然后点“完成”。" / "Tap the map to add corners in order, then tap “Finish”.",
    outline_reshaping: "拖动顶点移动；点按边中点的“+”添加顶点；点按顶点选中后可删除。" / "Drag a corner to move it; tap a side's “+” to add a corner; tap a corner to select it, then delete it.",
    corners: "{n} 个顶点" / "{n} corners",
    area_live: "面积 {area}" / "Area {area}",
    finish: "完成" / "Finish",
    delete_corner: "删除顶点" / "Delete corner",
    cancel: "取消" / "Cancel",
    outline_ok: "边界有效。" / "The outline is valid.",
    new_parcel_heading: "新地块" / "New parcel",
    created: "已创建地块 {code}。" / "Parcel {code} created.",
    no_parcels: "您管理的园区还没有地块。" / "The parks you manage have no parcels yet.",
}

pub fn use_land_texts() -> Signal<&'static LandTexts> {
    use_localized(&LAND_ZH, &LAND_EN)
}

impl LandTexts {
    pub fn flag(&self, kind: LandFlagKind) -> &'static str {
        match kind {
            LandFlagKind::Idle => self.flag_idle,
            LandFlagKind::ApprovedNotSupplied => self.flag_unsupplied,
            LandFlagKind::LowEfficiency => self.flag_low_efficiency,
        }
    }
}
