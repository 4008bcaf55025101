//! The interface text of the officials' 亩均效益 runs page, Chinese first.

use leptos::prelude::*;
use parkatlas_core::efficiency::{Cohort, ProfileProblem};

use super::draft::Problem;
use crate::i18n::use_localized;

crate::texts! {
    /// The strings of the runs page.
    RunsTexts, RUNS_ZH, RUNS_EN;
    heading: "亩均效益评价" / "亩均 efficiency runs",
    intro: "在浏览器中按所选方案评价企业：修改权重或基准值后立即重新评价，并列出类别变化的企业。" / "Evaluate the enterprises under a profile in the browser: each change to a weight or benchmark re-evaluates at once and lists who changed class.",
    officials_only: "此页面仅供园区与市级管理人员使用。" / "This page is for park and city officials.",
    scope: "评价范围" / "Scope",
    scope_all_parks: "我负责的全部园区" / "All my parks",
    scope_city: "全市" / "The whole city",
    year: "数据年度" / "Figures of",
    profile: "评价方案" / "Profile",
    loading: "正在加载评价方案与企业数据…" / "Loading profiles and figures…",
    empty_heading: "该年度没有企业数据" / "No figures for this year",
    empty_body: "所选范围内没有企业填报该年度的数据，请换一个年度或范围。" / "No enterprise in this scope reported figures for the year; choose another year or scope.",
    cannot_evaluate: "无法评价：" / "Cannot evaluate: ",
    settings: "方案参数" / "Profile settings",
    cohort_above: "规上企业" / "Above designated size",
    cohort_below: "规下企业" / "Below designated size",
    weight: "权重" / "Weight",
    benchmark: "基准值" / "Benchmark",
    cap: "封顶倍数" / "Cap multiple",
    missing: "缺失数据" / "Missing data",
    missing_zero: "记 0 分" / "Scores 0",
    missing_average: "取同组平均分" / "Cohort average",
    class_rule: "分类规则" / "Class rule",
    rule_percentile: "按排名比例" / "By rank share",
    rule_thresholds: "按分数线" / "By minimum score",
    cut_a: "A 类" / "Class A",
    cut_b: "A+B 类" / "Classes A+B",
    cut_c: "A+B+C 类" / "Classes A+B+C",
    cut_share_hint: "占本组企业的比例，0 到 1" / "Share of the cohort, 0 to 1",
    cut_score_hint: "最低得分" / "Lowest score",
    floor_share: "最低得分比例" / "Floor share",
    unconfirmed: "待核实" / "To be confirmed",
    unconfirmed_heading: "以下取值尚无来源确认（待核实）：" / "No source confirms these values (待核实):",
    reset: "恢复原方案" / "Back to the profile as stored",
    problems_heading: "方案有误，暂按上次可用的参数显示结果：" / "The profile has problems; results stay as the last usable settings gave them:",
    distribution: "分类分布" / "Class distribution",
    distribution_label: "各类企业数：{counts}" / "Enterprises per class: {counts}",
    not_evaluated: "未评价" / "Not evaluated",
    moved_edit: "本次修改：{count} 家企业类别变化" / "This edit: {count} enterprise(s) changed class",
    moved_baseline: "与原方案相比：{count} 家企业类别变化" / "Against the profile as stored: {count} enterprise(s) changed class",
    movers_none: "没有企业类别变化。" / "No enterprise changed class.",
    movers_more: "另有 {count} 家未列出" / "{count} more not listed",
    search: "按企业名称搜索" / "Search by name",
    shown: "显示 {shown} / {total} 家" / "{shown} of {total} shown",
    col_rank: "排名" / "Rank",
    col_name: "企业" / "Enterprise",
    col_cohort: "组别" / "Cohort",
    col_score: "得分" / "Score",
    col_class: "类别" / "Class",
    sort_by: "按此列排序" / "Sort by this column",
    explanation: "评价说明" / "How this was scored",
    close: "关闭" / "Close",
    bonus: "加分" / "Bonus",
    deduction: "减分" / "Deduction",
    rank_of: "本组第 {rank} / {size} 名" / "Rank {rank} of {size} in the cohort",
    merged_with: "与同一地块企业合并评价：" / "Evaluated together with the enterprises on its parcel: ",
    compare_heading: "方案对比" / "Compare profiles",
    compare_with: "对比方案" / "Compare with",
    compare_none: "（不对比）" / "(none)",
    compare_moved: "换用该方案：{count} 家企业类别不同" / "Under that profile {count} enterprise(s) would be in another class",
    current: "当前" / "Current",
    publish_heading: "发布公示" / "Publish (公示)",
    publish_intro: "服务器按已保存的方案重新评价并发布结果与各类分数线；企业在公示期内可查看并提出异议。" / "The server re-evaluates under the stored profile and publishes the results and cut-offs; enterprises may object during the notice period.",
    notice_start: "公示开始" / "Notice starts",
    notice_end: "公示结束" / "Notice ends",
    publish: "发布" / "Publish",
    publishing: "正在发布…" / "Publishing…",
    published: "已发布第 {id} 号评价，公示期 {start} 至 {end}。" / "Run {id} published; notice from {start} to {end}.",
    blocked_edited: "方案已修改：只能按已保存的方案发布。请先恢复原方案，或请市级管理员保存修改后的方案。" / "The profile was edited: only a stored profile can be published. Go back to it, or ask a city admin to store the edited one.",
    blocked_city: "请选择一个园区后发布；全市评价由市级管理员发布。" / "Choose one park to publish; city-wide runs are published by city admins.",
    publish_online: "发布需要联网：服务器按发布时的数据评价。" / "Publishing needs a connection: the server evaluates the figures as they stand then.",
    export: "导出 Excel" / "Export to Excel",
    export_failed: "导出失败：" / "Export failed: ",
    not_a_number: "“{text}”不是数字" / "“{text}” is not a number",
}

/// The runs texts of the current language, tracked.
pub fn use_runs_texts() -> Signal<&'static RunsTexts> {
    use_localized(&RUNS_ZH, &RUNS_EN)
}

impl RunsTexts {
    pub fn cohort(&self, cohort: Cohort) -> &'static str {
        match cohort {
            Cohort::AboveScale => self.cohort_above,
            Cohort::BelowScale => self.cohort_below,
        }
    }

    /// A problem in words, for the field it sits beside (which names the cohort and item).
    pub fn problem(&self, problem: &Problem) -> String {
        let zh = std::ptr::eq(self, &RUNS_ZH);
        let text = |zh_text: String, en_text: String| if zh { zh_text } else { en_text };
        match problem {
            Problem::NotANumber(typed) => crate::i18n::fill(self.not_a_number, &[("text", typed.clone())]),
            Problem::Rule(rule) => match rule {
                ProfileProblem::WeightsDoNotSum { sum, .. } => {
                    text(format!("权重合计 {sum}，应为 100"), format!("Weights sum to {sum}; they must sum to 100"))
                }
                ProfileProblem::WeightNotPositive { .. } => {
                    text("权重须大于 0".into(), "A weight must be above 0".into())
                }
                ProfileProblem::MissingBenchmark { .. } => {
                    text("该方法需要基准值".into(), "This method needs a benchmark".into())
                }
                ProfileProblem::BenchmarkNotPositive { .. } => {
                    text("基准值须大于 0".into(), "A benchmark must be above 0".into())
                }
                ProfileProblem::CapNotPositive { .. } => {
                    text("封顶倍数须大于 0，或留空".into(), "A cap must be above 0, or left empty".into())
                }
                ProfileProblem::FloorShareOutOfRange { .. } => {
                    text("最低得分比例须在 0 到 1 之间（不含 1）".into(), "The floor share must lie in [0, 1)".into())
                }
                ProfileProblem::OverlappingClasses { .. } => text(
                    "分类界限须依次递进：比例 0 < A < A+B < A+B+C ≤ 1，分数线 A > B > C".into(),
                    "Cut-offs must progress: shares 0 < A < A+B < A+B+C ≤ 1, scores A > B > C".into(),
                ),
                // Shipped and stored profiles never have these; their own words are enough.
                other => other.to_string(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_read_in_each_language() {
        let problem = Problem::Rule(ProfileProblem::WeightsDoNotSum { cohort: Cohort::AboveScale, sum: 110.0 });
        assert_eq!(RUNS_ZH.problem(&problem), "权重合计 110，应为 100");
        assert_eq!(RUNS_EN.problem(&problem), "Weights sum to 110; they must sum to 100");
        assert_eq!(RUNS_ZH.problem(&Problem::NotANumber("3o".into())), "“3o”不是数字");
    }
}
