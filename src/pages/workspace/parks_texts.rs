//! The 梯度培育库's and the park dashboard's interface text, Chinese first, kept out of
//! the public bundle. Names from the rules (tiers, criteria, targets) are core's own.

use leptos::prelude::*;

use crate::i18n::use_localized;

crate::texts! {
    /// Every string of the pool and the park dashboard.
    ParksTexts, PARKS_ZH, PARKS_EN;
    pool_heading: "梯度培育库" / "Cultivation pool",
    dashboard_heading: "园区看板" / "Park dashboard",
    park: "园区" / "Park",
    loading: "正在加载园区企业…" / "Loading the park's enterprises…",
    no_parks: "此账号没有可管理的园区。" / "This account manages no park.",
    assessed_on: "评定日期 {date}，按当日有效规则" / "Assessed on {date} under the rules then in force",
    refused: "{n} 家企业无法评定：" / "{n} enterprises could not be assessed:",
    pyramid_heading: "梯度金字塔" / "Tier pyramid",
    pyramid_summary: "按最高梯度计的企业数：" / "Enterprises by highest tier: ",
    enterprises_n: "{n} 家" / "{n}",
    side_labels: "其他称号" / "Other titles",
    near_heading: "临近晋级企业" / "Near their next tier",
    near_rule: "最多 {n} 项未满足，每项差距不超过 {m}%（默认 2 项、20%）" / "At most {n} criteria unmet, each at most {m}% short (default 2, 20%)",
    max_not_met: "未满足项上限" / "Most criteria unmet",
    margin: "差距上限（%）" / "Widest gap (%)",
    near_count: "{n} 家企业、{k} 个目标梯度" / "{n} enterprises, {k} target tiers",
    near_none: "按当前条件没有临近晋级的企业。" / "No enterprise is near its next tier under this rule.",
    criterion: "条件" / "Criterion",
    current: "现值" / "Current",
    required: "要求" / "Required",
    difference: "差距" / "Difference",
    unknown_value: "缺数据" / "missing",
    expiring_heading: "6 个月内到期的证书" / "Certificates expiring within 6 months",
    expiring_none: "6 个月内没有到期的证书。" / "No certificate expires within 6 months.",
    expires_on: "{date} 到期，剩 {n} 天" / "expires {date}, {n} days left",
    changes_heading: "2026 新规则下梯度变化的企业" / "Enterprises whose tier changes under the 2026 rules",
    changes_note: "同一事实分别按 2022 与 2026 规则评定（不计证书）。" / "The same facts assessed under the 2022 and the 2026 rules (certificates aside).",
    changes_none: "两版规则下所有企业梯度相同。" / "Every enterprise stands on the same tier under both rule versions.",
    export: "导出 Excel" / "Export to Excel",
    export_failed: "导出失败：" / "Export failed: ",
    print: "打印" / "Print",
    leading_heading: "主导产业" / "Leading industries",
    leading_gauge: "主导产业 {n} 个，上限 3 个" / "{n} leading industries, at most 3",
    scale_heading: "规模等级" / "Scale class",
    revenue_label: "园区年营业收入（亿元）" / "Yearly revenue of the park (亿元, 10⁸ CNY)",
    scale_thousand: "千亿园区（≥ 1000 亿元）" / "100-billion-yuan park (≥ 1000 亿元)",
    scale_hundred: "百亿园区（≥ 100 亿元）" / "10-billion-yuan park (≥ 100 亿元)",
    scale_below: "未达百亿（< 100 亿元）" / "Below 100 亿元",
    scale_unknown: "未知：请填写园区年营业收入" / "Unknown: enter the park's yearly revenue",
    targets_heading: "目标" / "Targets",
    targets_note: "当前值由园区填报，空白为未知；标“待核实”的要求尚未核实。" / "Current values are entered by the park; blank is unknown. Limits marked 待核实 are unconfirmed.",
    unconfirmed: "待核实" / "unconfirmed",
    intensity_heading: "土地集约利用" / "Land-use intensity",
    intensity_note: "本园区的土地核算（规程 §2）尚未登记，先列全国参考值。" / "The park's land accounts are not recorded yet: the reference values only.",
    indicator: "指标" / "Indicator",
    reference_scope: "参照范围" / "Reference",
    reference_value: "参考值" / "Reference value",
    dimensions_heading: "重庆园区评价七个维度" / "Chongqing's seven evaluation dimensions",
    compare_heading: "园区对比" / "Parks compared",
    compare_table: "园区对比表，可横向滚动" / "Parks compared, a table that scrolls sideways",
    park_type: "类型" / "Type",
    leading_count: "主导产业数（≤ 3）" / "Leading industries (≤ 3)",
    share_target: "主导产业占比目标" / "Leading-share target",
}

pub fn use_parks_texts() -> Signal<&'static ParksTexts> {
    use_localized(&PARKS_ZH, &PARKS_EN)
}
