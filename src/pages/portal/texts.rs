//! The enterprise portal's interface text, Chinese first, kept out of the public bundle.
//! Names and explanations that come from the rules (indicators, classes, criteria) are
//! core's own `Bilingual`s, picked with [`crate::i18n::Texts::pick`].

use leptos::prelude::*;
use parkatlas_core::efficiency::{ExemptionReason, NotEvaluatedReason};
use parkatlas_core::tiers::Outcome;
use parkatlas_core::wire::{EvaluationSummary, SizeClass};

use crate::components::portal::draft::Problem;
use crate::components::portal::figure::{Figure, Group, Unit};
use crate::i18n::{fill, use_localized};

crate::texts! {
    /// Every string of the enterprise portal.
    PortalTexts, PORTAL_ZH, PORTAL_EN;
    nav_label: "我的企业栏目" / "My enterprise sections",
    nav_overview: "概览" / "Overview",
    nav_figures: "年度数据" / "Yearly figures",
    nav_efficiency: "亩均效益" / "Land efficiency",
    nav_tiers: "梯度培育" / "Gradient tiers",
    loading: "正在加载企业信息…" / "Loading your enterprise…",
    no_enterprise: "此账号没有关联企业，请联系园区管理人员。" / "This account is not linked to an enterprise: ask the park's officers.",
    credit_code: "统一社会信用代码" / "Unified social credit code",
    industry_code: "行业代码" / "Industry code",
    size_class: "企业规模" / "Size",
    cohort: "评价分组" / "Evaluated among",
    above_scale: "规上工业企业" / "Industrial enterprises above designated size",
    below_scale: "规下工业企业" / "Industrial enterprises below designated size",
    size_large: "大型" / "Large",
    size_medium: "中型" / "Medium",
    size_small: "小型" / "Small",
    size_micro: "微型" / "Micro",
    parcels_heading: "企业地块" / "The enterprise's parcels",
    parcels_none: "地图上还没有登记在本企业名下的地块。" / "No parcel on the map is registered to this enterprise yet.",
    parcels_count: "{n} 宗地块，共 {area}" / "{n} parcels, {area} in all",
    map_label: "本企业地块地图" / "Map of the enterprise's parcels",
    class_heading: "亩均效益评价" / "Land-efficiency evaluation",
    class_none: "尚未公布包含本企业的亩均效益评价。" / "No published land-efficiency evaluation includes this enterprise yet.",
    run_of: "{year} 年度评价 · {date} 评价 · {profile}" / "{year} evaluation · evaluated {date} · {profile}",
    score: "综合得分" / "Score",
    see_details: "查看详情" / "See the details",
    tiers_heading: "梯度培育" / "Gradient tiers",
    tier_none: "尚未达到任何梯度" / "No tier reached yet",
    next_step: "下一梯度" / "Next tier",
    top_reached: "已处于最高梯度。" / "At the top of the ladder.",
    side_labels: "其他称号" / "Other titles",
    requests_heading: "进行中的诉求" / "Open requests",
    requests_none: "没有进行中的诉求。" / "No open requests.",
    due_on: "截止 {due}" / "Due {due}",
    overdue: "已超期" / "Overdue",
    days_left: "剩余 {n} 个工作日" / "{n} working days left",
    due_today: "今日到期" / "Due today",
    no_deadline: "无办理时限" / "No deadline",
    new_request: "提交新诉求" / "File a request",
    all_requests: "全部诉求" / "All requests",
    figures_heading: "年度数据" / "Yearly figures",
    figures_none: "还没有填报任何年度数据。" / "No yearly figures yet.",
    add_year: "填报 {year} 年度数据" / "Enter the figures for {year}",
    version: "版本 {v}" / "version {v}",
    year_heading: "{year} 年度数据" / "Figures for {year}",
    year_invalid: "年度应为 2000 至 2100 年之间的公历年份。" / "A year is a calendar year from 2000 to 2100.",
    figures_intro: "按统计和财务报表口径填写。输入时即按评价规则检查，并即时测算亩均得分与分类。" / "Enter the figures as in your statistical and financial returns. Each is checked against the rules as you type, and the land-efficiency score and class are estimated at once.",
    new_year: "这是新的年度，保存后创建。" / "This year is new: saving creates it.",
    saved_as: "已保存，版本 {v}" / "Saved as version {v}",
    unsaved: "有未保存的修改" / "Unsaved changes",
    save_year: "保存 {year} 年度数据" / "Save the figures for {year}",
    saving: "正在保存…" / "Saving…",
    saved: "已保存。" / "Saved.",
    fix_first: "请先修正标出的 {n} 处问题。" / "Fix the {n} marked problem(s) first.",
    undo: "撤销修改" / "Undo my changes",
    save_failed: "保存失败：" / "Not saved: ",
    save_queued: "已保存在本机“待发送”中，联网后自动发送。" / "Kept on this device in the outbox: it is sent once there is a connection.",
    save_kept: "您填写的内容仍在页面上，可稍后重试。" / "What you typed stays on the page: try again later.",
    hint_tax: "可为负数（退税后）" / "May be negative after refunds",
    hint_land_group: "与其他企业共用一宗地时填写同一编号，评价时合并计算" / "Enterprises sharing a parcel give the same name: they are evaluated together",
    hint_date: "年-月-日，如 2015-03-01" / "year-month-day, e.g. 2015-03-01",
    estimate_heading: "即时测算" / "Estimate as you type",
    estimate_no_run: "{year} 年度尚未公布亩均评价，暂无分数线可对照。" / "No land-efficiency evaluation of {year} is published yet: there are no cut-offs to place a score against.",
    estimate_fix: "修正标出的问题后即可测算。" / "Fix the marked figures to see the estimate.",
    estimate_note: "测算在本机按公布的分数线进行，不会上传；正式结果以公布为准。" / "Estimated on this device against the published cut-offs, nothing is sent; the published result is what counts.",
    estimate_held: "以下各项依赖未向本企业公布的同组数据，按公布得分计：" / "These items depend on other enterprises' figures, which are not published to you, and keep their published score: ",
    estimate_profile_changed: "评价规则在该次评价后修改过，测算按现行规则计算，可能与公布结果不同。" / "The scoring rules changed after this evaluation: the estimate uses them as they are now and may differ from the published result.",
    class_moves: "分类将从 {from} 变为 {to}" / "The class would move from {from} to {to}",
    no_class: "无法分类" / "Cannot be classed",
    conflict_heading: "此年度数据已被他人修改" / "Someone else changed this year's figures",
    conflict_intro: "您的修改尚未保存，也不会丢失。请逐项对照，选择保留哪一方的数值，然后保存。" / "Your changes are not saved yet, and nothing is lost. Compare each figure, choose which value to keep, then save.",
    conflict_figure: "项目" / "Figure",
    conflict_mine: "我的修改" / "Mine",
    conflict_theirs: "已保存的（版本 {v}）" / "Saved now (version {v})",
    conflict_empty: "（空）" / "(empty)",
    changed_by_me: "我改过" / "I changed it",
    keep_mine: "全部保留我的" / "Keep all mine",
    keep_theirs: "全部采用已保存的" / "Take all saved values",
    save_choices: "按所选保存" / "Save my choices",
    use_theirs: "采用已保存版本" / "Use the saved version",
    efficiency_heading: "亩均效益评价" / "Land-efficiency evaluation",
    published_result: "公布结果" / "Published result",
    not_in_run: "本企业没有参加这次评价（没有 {year} 年度数据）。" / "This enterprise was not in this evaluation (no figures for {year}).",
    rank: "同组第 {rank} 名，共 {size} 家" / "Rank {rank} of {size} in its cohort",
    class_meaning: "这意味着：" / "What it means: ",
    exempt: "不参加分类（T 类）：" / "Not classed (T): ",
    below_minimum: "规下企业用地 {land} 亩，不足 {minimum} 亩，不参加评价。" / "A below-scale enterprise on {land} mu, under the {minimum} mu minimum: not evaluated.",
    no_rules_for_cohort: "评价规则没有本企业所在的分组。" / "The scoring rules have no cohort for this enterprise.",
    cutoffs_heading: "公布的分数线" / "Published cut-offs",
    cutoffs_note: "每类的最低得分。企业只能对照分数线看自己的分类，看不到其他企业的数据。" / "The lowest score in each class. An enterprise sees its own class against these, never other enterprises' figures.",
    cutoff_scale: "得分在分数线上的位置" / "Where the score lies against the cut-offs",
    published_marker: "公布得分" / "Published score",
    estimate_marker: "测算得分" / "Estimated score",
    items_heading: "各项得分" / "Item scores",
    indicator: "指标" / "Indicator",
    value: "数值" / "Value",
    benchmark: "基准值" / "Benchmark",
    weight: "权重" / "Weight",
    formula: "计算" / "Formula",
    adjustments: "加分 {bonus}，减分 {deduction}" / "Bonus {bonus}, deduction {deduction}",
    range_withheld: "同组的最大值与最小值属于其他企业的数据，不予显示。" / "The cohort's lowest and highest values are other enterprises' figures and are not shown.",
    what_if_heading: "假如数字变化" / "What if the figures change",
    what_if_intro: "修改 {year} 年度的任意数字，得分和分类随即按公布的分数线重新测算。不会保存。" / "Change any of {year}'s figures: the score and class are recomputed against the published cut-offs at once. Nothing is saved.",
    what_if_reset: "恢复实际数字" / "Back to the actual figures",
    go_to_figures: "去填报 {year} 年度数据" / "Enter the figures for {year}",
    tiers_page_heading: "梯度培育" / "Gradient tiers",
    assessed_on: "评估日期" / "Assessed on",
    rules_in_force: "适用规则" / "Rules in force",
    ladder_heading: "培育阶梯" / "The ladder",
    reached: "已达到" / "Reached",
    not_reached: "未达到" / "Not reached",
    next_marker: "下一步" / "Next",
    gap_heading: "距离{tier}还差" / "What {tier} still needs",
    current: "当前" / "Current",
    required: "要求" / "Required",
    difference: "差距" / "Gap",
    to_spare: "富余 {amount}" / "{amount} to spare",
    short_by: "还差 {amount}" / "{amount} short",
    over_by: "超出 {amount}" / "{amount} over",
    rank_value: "第 {n} 名" / "No. {n}",
    outcome_met: "满足" / "Met",
    outcome_unmet: "未满足" / "Not met",
    outcome_unknown: "缺少数据" / "Data missing",
    outcome_manual: "需人工审核" / "Manual review",
    all_tiers_heading: "各梯度逐项判定" / "Every tier, criterion by criterion",
    tier_tally: "{met} 项满足 · {unmet} 项未满足 · {unknown} 项缺数据 · {manual} 项待审核" / "{met} met · {unmet} not met · {unknown} missing data · {manual} for review",
    holds_certificate: "持有有效证书" / "Holds a valid certificate",
    unconfirmed: "待核实" / "unconfirmed",
    any_of: "满足其一即可：" / "Any one of:",
    all_of: "须全部满足：" / "All of:",
    certificates_heading: "证书" / "Certificates",
    certificates_none: "没有登记的证书。" / "No certificates on record.",
    certificate_number: "编号" / "Number",
    issued_on: "发证日期" / "Issued",
    expires_on: "有效期至" / "Valid until",
    valid: "有效" / "Valid",
    expired: "已过期" / "Expired",
    expires_in: "{n} 天后到期" / "Expires in {n} days",
    tier_what_if_heading: "假如财务数据变化" / "What if the accounts change",
    tier_what_if_intro: "修改某一年度的财务数据，梯度判定和差距随即按规则重新计算。不会保存。" / "Change a year's accounts: the tiers and gaps are reassessed by the rules at once. Nothing is saved.",
    tier_what_if_year: "年度" / "Year",
    tier_what_if_none: "还没有年度数据可供测算。" / "There are no yearly figures to vary yet.",
    tier_estimate: "测算后达到：" / "Estimated to reach: ",
    unit_wan_yuan: "万元" / "10⁴ CNY",
    unit_mu: "亩" / "mu",
    unit_tce: "吨标准煤" / "tce",
    unit_tonne: "吨" / "t",
    unit_kwh: "千瓦时" / "kWh",
    unit_people: "人" / "people",
    unit_points: "分" / "points",
    unit_yi_usd: "亿美元" / "10⁸ USD",
    unit_years: "年" / "years",
    unit_count: "项" / "",
    group_output: "用地与产出" / "Land and output",
    group_resources: "能耗与排放" / "Energy and emissions",
    group_innovation: "人员与研发" / "Staff and R&D",
    group_accounts: "财务数据（梯度培育）" / "Accounts (for the tiers)",
    group_standing: "生产与用地情况" / "Production and land",
    group_adjustments: "加分与减分（通常由园区填写）" / "Bonus and deduction (usually set by the park)",
    figure_land_area: "用地面积" / "Land area",
    figure_tax: "评价税收" / "Tax counted",
    figure_value_added: "工业增加值" / "Industrial value added",
    figure_revenue: "营业收入" / "Operating revenue",
    figure_main_business_revenue: "主营业务收入" / "Main-business revenue",
    figure_energy: "综合能耗（等价值）" / "Energy use (equivalent value)",
    figure_emissions: "主要污染物排放量" / "Main pollutant emissions",
    figure_water: "用水量" / "Water use",
    figure_electricity: "用电量" / "Electricity use",
    figure_average_staff: "年平均职工人数" / "Average staff in the year",
    figure_rd: "R&D 经费支出" / "R&D spending",
    figure_bonus: "加分" / "Bonus points",
    figure_deduction: "减分" / "Deduction points",
    figure_exemption: "不参加分类的原因" / "Reason not to be classed",
    figure_production_start: "投产日期" / "Production started on",
    figure_land_granted: "土地取得日期" / "Land granted on",
    figure_under_construction: "仍在建设中" / "Still under construction",
    figure_land_group: "共用地块编号" / "Shared parcel",
    figure_accounts_revenue: "营业收入（财务报表）" / "Revenue (accounts)",
    figure_accounts_main_business_revenue: "主营业务收入（财务报表）" / "Main-business revenue (accounts)",
    figure_niche_product_revenue: "细分市场主导产品收入" / "Revenue from the niche product",
    figure_high_tech_product_revenue: "高新技术产品（服务）收入" / "High-tech product and service revenue",
    figure_rd_expense: "研发费用" / "R&D expense",
    figure_domestic_rd_expense: "境内研发费用" / "R&D expense in mainland China",
    figure_total_cost: "成本费用总额" / "Total costs and expenses",
    figure_net_profit: "净利润" / "Net profit",
    figure_equity_financing: "新增股权融资" / "New equity financing",
    exemption_none: "无（参加分类）" / "None (classed)",
    exemption_public_utility: "公用事业" / "Public utility",
    exemption_recently_started: "投产不足规定年限" / "Producing for too short a time",
    exemption_recently_granted: "新取得用地且在建" / "Land recently granted, still being built",
    exemption_policy_relocation: "政策性搬迁" / "Policy relocation",
    no: "否" / "No",
    yes: "是" / "Yes",
    problem_required: "请填写用地面积：每项亩均指标都要除以它。" / "Give the land area: every per-mu indicator divides by it.",
    problem_number: "请输入数字，如 1250.5。" / "Enter a number, such as 1250.5.",
    problem_date: "请按 年-月-日 输入日期，如 2015-03-01。" / "Enter a date as year-month-day, such as 2015-03-01.",
    problem_choice: "请从列表中选择。" / "Choose from the list.",
    problem_rule: "不符合填报规则：{why}" / "Not accepted: {why}",
}

impl PortalTexts {
    pub fn figure(&self, figure: Figure) -> &'static str {
        match figure {
            Figure::LandArea => self.figure_land_area,
            Figure::Tax => self.figure_tax,
            Figure::ValueAdded => self.figure_value_added,
            Figure::Revenue => self.figure_revenue,
            Figure::MainBusinessRevenue => self.figure_main_business_revenue,
            Figure::Energy => self.figure_energy,
            Figure::Emissions => self.figure_emissions,
            Figure::Water => self.figure_water,
            Figure::Electricity => self.figure_electricity,
            Figure::AverageStaff => self.figure_average_staff,
            Figure::Rd => self.figure_rd,
            Figure::Bonus => self.figure_bonus,
            Figure::Deduction => self.figure_deduction,
            Figure::Exemption => self.figure_exemption,
            Figure::ProductionStart => self.figure_production_start,
            Figure::LandGranted => self.figure_land_granted,
            Figure::UnderConstruction => self.figure_under_construction,
            Figure::LandGroup => self.figure_land_group,
            Figure::AccountsRevenue => self.figure_accounts_revenue,
            Figure::AccountsMainBusinessRevenue => self.figure_accounts_main_business_revenue,
            Figure::NicheProductRevenue => self.figure_niche_product_revenue,
            Figure::HighTechProductRevenue => self.figure_high_tech_product_revenue,
            Figure::RdExpense => self.figure_rd_expense,
            Figure::DomesticRdExpense => self.figure_domestic_rd_expense,
            Figure::TotalCost => self.figure_total_cost,
            Figure::NetProfit => self.figure_net_profit,
            Figure::EquityFinancing => self.figure_equity_financing,
        }
    }

    /// A hint under the figure's label, where one helps.
    pub fn figure_hint(&self, figure: Figure) -> Option<&'static str> {
        match figure {
            Figure::Tax => Some(self.hint_tax),
            Figure::LandGroup => Some(self.hint_land_group),
            Figure::ProductionStart | Figure::LandGranted => Some(self.hint_date),
            _ => None,
        }
    }

    pub fn unit(&self, unit: Unit) -> &'static str {
        match unit {
            Unit::WanYuan => self.unit_wan_yuan,
            Unit::Mu => self.unit_mu,
            Unit::Tce => self.unit_tce,
            Unit::Tonne => self.unit_tonne,
            Unit::Kwh => self.unit_kwh,
            Unit::People => self.unit_people,
            Unit::Points => self.unit_points,
        }
    }

    pub fn group(&self, group: Group) -> &'static str {
        match group {
            Group::Output => self.group_output,
            Group::Resources => self.group_resources,
            Group::Innovation => self.group_innovation,
            Group::Accounts => self.group_accounts,
            Group::Standing => self.group_standing,
            Group::Adjustments => self.group_adjustments,
        }
    }

    /// The label of one of a choice figure's options ([`Figure::options`]).
    pub fn option(&self, key: &str) -> &'static str {
        match key {
            "public_utility" => self.exemption_public_utility,
            "recently_started_production" => self.exemption_recently_started,
            "recently_granted_under_construction" => self.exemption_recently_granted,
            "policy_relocation" => self.exemption_policy_relocation,
            "true" => self.yes,
            "false" => self.no,
            _ => self.exemption_none,
        }
    }

    pub fn exemption(&self, reason: ExemptionReason) -> &'static str {
        match reason {
            ExemptionReason::PublicUtility => self.exemption_public_utility,
            ExemptionReason::RecentlyStartedProduction => self.exemption_recently_started,
            ExemptionReason::RecentlyGrantedUnderConstruction => self.exemption_recently_granted,
            ExemptionReason::PolicyRelocation => self.exemption_policy_relocation,
        }
    }

    pub fn not_evaluated(&self, reason: NotEvaluatedReason) -> String {
        match reason {
            NotEvaluatedReason::BelowScaleLandUnderMinimum { land_area_mu, minimum_mu } => {
                fill(self.below_minimum, &[("land", land_area_mu.to_string()), ("minimum", minimum_mu.to_string())])
            }
            NotEvaluatedReason::NoRulesForCohort => self.no_rules_for_cohort.to_string(),
        }
    }

    /// Which evaluation a result comes from: its year, date and profile.
    pub fn run(&self, summary: &EvaluationSummary) -> String {
        fill(
            self.run_of,
            &[
                ("year", summary.year.to_string()),
                ("date", summary.evaluation_date.to_string()),
                ("profile", summary.profile_name.clone()),
            ],
        )
    }

    pub fn problem(&self, problem: &Problem) -> String {
        match problem {
            Problem::Required => self.problem_required.to_string(),
            Problem::NotANumber => self.problem_number.to_string(),
            Problem::NotADate => self.problem_date.to_string(),
            Problem::NotAChoice => self.problem_choice.to_string(),
            Problem::Rule(why) => fill(self.problem_rule, &[("why", why.clone())]),
        }
    }

    pub fn size(&self, size: SizeClass) -> &'static str {
        match size {
            SizeClass::Large => self.size_large,
            SizeClass::Medium => self.size_medium,
            SizeClass::Small => self.size_small,
            SizeClass::Micro => self.size_micro,
        }
    }

    /// A criterion's outcome in words: shown beside its mark, so colour is never the only signal.
    pub fn outcome(&self, outcome: Outcome) -> &'static str {
        match outcome {
            Outcome::Met => self.outcome_met,
            Outcome::Unmet => self.outcome_unmet,
            Outcome::Unknown => self.outcome_unknown,
            Outcome::ManualReview => self.outcome_manual,
        }
    }
}

/// The portal's texts in the current language, tracked.
pub fn use_portal_texts() -> Signal<&'static PortalTexts> {
    use_localized(&PORTAL_ZH, &PORTAL_EN)
}
