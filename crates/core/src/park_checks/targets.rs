//! City-level park targets from the seeds (spec §5): Wuhan by 2027 and Chongqing by 2025,
//! as data for dashboards, each checkable against a current figure.

use serde::{Deserialize, Serialize};

use crate::control::measure::{number, Assessment, Bilingual, Bound, Computed, Limit, Unit};

/// A published target: what, how much, by when, for whom and where it is written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Target {
    /// A stable identifier for dashboards, e.g. `high_tech_manufacturing_share`.
    pub key: String,
    pub name: Bilingual,
    pub limit: Limit,
    pub year: u16,
    pub jurisdiction: Bilingual,
    pub source: String,
}

impl Target {
    /// Checks a current figure, in the target's unit, against the target.
    pub fn assess(&self, current: f64) -> Assessment<String> {
        let working = Bilingual::new(
            format!("当前 {}{}", number(current), self.limit.unit.symbol_zh()),
            format!("currently {}{}", number(current), self.limit.unit.symbol_en()),
        );
        let name = Bilingual::new(
            format!("{}（{} {} 年目标）", self.name.zh, self.jurisdiction.zh, self.year),
            format!("{} ({} target for {})", self.name.en, self.jurisdiction.en, self.year),
        );
        self.limit.assess(self.key.clone(), name, &Computed::given(current, self.limit.unit, working))
    }
}

type Row = (&'static str, &'static str, &'static str, Bound, f64, Unit, &'static str);

fn targets(year: u16, jurisdiction: Bilingual, rows: &[Row]) -> Vec<Target> {
    rows.iter()
        .map(|&(key, zh, en, bound, value, unit, source)| Target {
            key: key.to_owned(),
            name: Bilingual::new(zh, en),
            limit: Limit::new(bound, value, unit),
            year,
            jurisdiction: jurisdiction.clone(),
            source: source.to_owned(),
        })
        .collect()
}

/// 《加快推进武汉工业园区高质量发展的实施方案（2025-2027年）》 (征求意见稿, seed 003).
pub fn wuhan_2027_targets() -> Vec<Target> {
    const GOALS: &str = "武汉实施方案（2025—2027年）总体目标";
    const SMART: &str = "武汉实施方案（2025—2027年）第14条";
    use Bound::{AtLeast, MoreThan};
    targets(
        2027,
        Bilingual::new("武汉", "Wuhan"),
        &[
            (
                "thousand_yi_parks",
                "千亿产值（营收）工业园区数量",
                "parks with ≥ 100 bn CNY output",
                MoreThan,
                5.0,
                Unit::Count,
                GOALS,
            ),
            (
                "hundred_yi_parks",
                "百亿产值（营收）工业园区数量",
                "parks with ≥ 10 bn CNY output",
                MoreThan,
                20.0,
                Unit::Count,
                GOALS,
            ),
            (
                "high_tech_manufacturing_share",
                "规上高技术制造业增加值占规上工业增加值比重",
                "high-tech manufacturing share of industrial value added",
                AtLeast,
                25.0,
                Unit::Percent,
                GOALS,
            ),
            (
                "rd_intensity_growth",
                "研发投入强度年均增长",
                "yearly growth of R&D intensity",
                AtLeast,
                10.0,
                Unit::Percent,
                GOALS,
            ),
            (
                "producer_services_share_growth",
                "生产性服务业占比年均增长",
                "yearly growth of the producer-services share",
                AtLeast,
                10.0,
                Unit::Percent,
                GOALS,
            ),
            (
                "smart_platform_coverage",
                "重点园区智慧化平台覆盖率",
                "smart-platform coverage of key parks",
                AtLeast,
                90.0,
                Unit::Percent,
                SMART,
            ),
            (
                "digital_transformation_share",
                "园区规上制造业企业数字化转型比例",
                "share of manufacturers above designated size that went digital",
                AtLeast,
                85.0,
                Unit::Percent,
                SMART,
            ),
        ],
    )
}

/// 《重庆市人民政府关于加快推进全市产业园区高质量发展的意见》 (渝府发〔2021〕29号), 二、发展目标 (seed 004).
pub fn chongqing_2025_targets() -> Vec<Target> {
    const GOALS: &str = "渝府发〔2021〕29号 二、发展目标";
    use Bound::AtLeast;
    targets(
        2025,
        Bilingual::new("重庆", "Chongqing"),
        &[
            (
                "industrial_output_growth",
                "园区规模工业产值年均增长",
                "yearly growth of industrial output above designated size",
                AtLeast,
                6.5,
                Unit::Percent,
                GOALS,
            ),
            (
                "rd_intensity",
                "园区规模工业企业研发投入强度",
                "R&D intensity of industrial firms",
                AtLeast,
                2.2,
                Unit::Percent,
                GOALS,
            ),
            (
                "specialty_output_share",
                "特色产业产值占比",
                "specialty-industry share of output",
                AtLeast,
                60.0,
                Unit::Percent,
                GOALS,
            ),
            (
                "energy_per_value_added_cut",
                "单位增加值能耗较 2020 年下降",
                "cut in energy use per value added since 2020",
                AtLeast,
                16.0,
                Unit::Percent,
                GOALS,
            ),
            (
                "water_per_value_added_cut",
                "单位增加值水耗较 2020 年下降",
                "cut in water use per value added since 2020",
                AtLeast,
                20.0,
                Unit::Percent,
                GOALS,
            ),
            (
                "bulk_solid_waste_utilisation",
                "大宗工业固废综合利用率",
                "utilisation rate of bulk industrial solid waste",
                AtLeast,
                70.0,
                Unit::Percent,
                GOALS,
            ),
        ],
    )
}

/// The seven dimensions of Chongqing's park evaluation (渝府发〔2021〕29号 §五(四), seed 004),
/// in the order the opinions list them. The opinions name no indicators or weights.
pub fn chongqing_evaluation_dimensions() -> [Bilingual; 7] {
    [
        Bilingual::new("质量效益", "quality and returns"),
        Bilingual::new("创新发展", "innovation"),
        Bilingual::new("特色发展", "specialisation"),
        Bilingual::new("开放发展", "openness"),
        Bilingual::new("集约发展", "intensive land use"),
        Bilingual::new("智能发展", "smart development"),
        Bilingual::new("绿色发展", "green development"),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::control::measure::Verdict;

    fn find(targets: &[Target], key: &str) -> Target {
        targets.iter().find(|t| t.key == key).unwrap().clone()
    }

    #[test]
    fn wuhan_2027_values() {
        let targets = wuhan_2027_targets();
        let values: Vec<_> = targets.iter().map(|t| (t.key.as_str(), t.limit.bound, t.limit.value)).collect();
        assert_eq!(
            values,
            [
                ("thousand_yi_parks", Bound::MoreThan, 5.0),
                ("hundred_yi_parks", Bound::MoreThan, 20.0),
                ("high_tech_manufacturing_share", Bound::AtLeast, 25.0),
                ("rd_intensity_growth", Bound::AtLeast, 10.0),
                ("producer_services_share_growth", Bound::AtLeast, 10.0),
                ("smart_platform_coverage", Bound::AtLeast, 90.0),
                ("digital_transformation_share", Bound::AtLeast, 85.0),
            ]
        );
        assert!(targets.iter().all(|t| t.year == 2027 && t.jurisdiction.zh == "武汉"));
    }

    #[test]
    fn chongqing_2025_values() {
        let targets = chongqing_2025_targets();
        let values: Vec<_> = targets.iter().map(|t| (t.key.as_str(), t.limit.value, t.limit.unit)).collect();
        assert_eq!(
            values,
            [
                ("industrial_output_growth", 6.5, Unit::Percent),
                ("rd_intensity", 2.2, Unit::Percent),
                ("specialty_output_share", 60.0, Unit::Percent),
                ("energy_per_value_added_cut", 16.0, Unit::Percent),
                ("water_per_value_added_cut", 20.0, Unit::Percent),
                ("bulk_solid_waste_utilisation", 70.0, Unit::Percent),
            ]
        );
    }

    #[test]
    fn target_edges() {
        let high_tech = find(&wuhan_2027_targets(), "high_tech_manufacturing_share");
        assert_eq!(high_tech.assess(25.0).verdict, Verdict::Met);
        assert_eq!(high_tech.assess(24.99).verdict, Verdict::Unmet);
        let thousand = find(&wuhan_2027_targets(), "thousand_yi_parks");
        assert_eq!(thousand.assess(5.0).verdict, Verdict::Unmet);
        assert_eq!(thousand.assess(6.0).verdict, Verdict::Met);
        let rd = find(&chongqing_2025_targets(), "rd_intensity");
        assert_eq!(rd.assess(2.2).verdict, Verdict::Met);
        assert_eq!(
            rd.assess(2.1).explanation.zh,
            "园区规模工业企业研发投入强度（重庆 2025 年目标）：当前 2.1%；要求 ≥ 2.2%：未达标，低于要求 0.1%。"
        );
    }

    #[test]
    fn chongqing_evaluates_parks_on_seven_dimensions() {
        let names: Vec<_> = chongqing_evaluation_dimensions().iter().map(|d| d.zh.clone()).collect();
        assert_eq!(names, ["质量效益", "创新发展", "特色发展", "开放发展", "集约发展", "智能发展", "绿色发展"]);
    }

    #[test]
    fn targets_round_trip_through_json() {
        let targets = [wuhan_2027_targets(), chongqing_2025_targets()].concat();
        let text = serde_json::to_string(&targets).unwrap();
        assert_eq!(serde_json::from_str::<Vec<Target>>(&text).unwrap(), targets);
    }
}
