//! Points-based tier standards (科技型, 创新型, 专精特新 2022): items scored from band
//! tables, totals, and group minimums. Unknown items leave a range of possible totals, so
//! a score criterion is met, unmet, or unknown only when the range straddles the cut-off.

use serde::{Deserialize, Serialize};

use super::bands::{BandTable, Figure, FlagPoints, IpClassBands};
use super::criterion::{label, Criterion, Label, Outcome, Unit};
use super::profile::IpCounts;

/// The indicator groups of the MIIT standards, some with their own minimum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScoreGroup {
    /// 专业化.
    Specialisation,
    /// 精细化.
    Refinement,
    /// 特色化.
    Distinctiveness,
    /// 创新能力.
    Innovation,
    /// 成长性.
    Growth,
}

impl ScoreGroup {
    fn label(self) -> Label {
        match self {
            ScoreGroup::Specialisation => label("group_specialisation", "专业化得分", "specialisation points"),
            ScoreGroup::Refinement => label("group_refinement", "精细化得分", "refinement points"),
            ScoreGroup::Distinctiveness => label("group_distinctiveness", "特色化得分", "distinctiveness points"),
            ScoreGroup::Innovation => label("group_innovation", "创新能力得分", "innovation capability points"),
            ScoreGroup::Growth => label("group_growth", "成长性得分", "growth points"),
        }
    }
}

/// A group's minimum points (创新型: 创新能力 ≥ 20, 成长性 ≥ 15, 专业化 ≥ 15).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct GroupMinimum {
    pub group: ScoreGroup,
    pub min_points: Figure,
}

/// One input of a score item, shown so the score can be explained.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoreInput {
    pub key: String,
    pub value: Option<f64>,
}

/// One scored indicator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoreItem {
    pub key: String,
    pub description_zh: String,
    pub description_en: String,
    pub group: Option<ScoreGroup>,
    pub inputs: Vec<ScoreInput>,
    /// `None` when missing inputs leave the points open.
    pub points: Option<f64>,
    pub max_points: f64,
    pub unconfirmed: bool,
    /// A band edge of this item's table is a policy choice (see [`BandTable::edge_is_policy_choice`]).
    pub edge_is_policy_choice: bool,
}

impl ScoreItem {
    fn new(label: Label, group: Option<ScoreGroup>, inputs: Vec<ScoreInput>, max_points: f64) -> ScoreItem {
        ScoreItem {
            key: label.key.to_owned(),
            description_zh: label.zh.to_owned(),
            description_en: label.en.to_owned(),
            group,
            inputs,
            points: None,
            max_points,
            unconfirmed: false,
            edge_is_policy_choice: false,
        }
    }

    /// The best of several banded inputs ("R&D ≥ 500 万 or ≥ 10%"). With some inputs
    /// missing the points are known only if the known inputs already reach what the
    /// missing ones could give.
    pub(crate) fn banded(
        label: Label,
        group: Option<ScoreGroup>,
        inputs: &[(&'static str, Option<f64>, &BandTable)],
    ) -> ScoreItem {
        let points_of = |x: f64, table: &BandTable| table.lookup(x).unwrap_or(0.0);
        let known = inputs.iter().filter_map(|&(_, x, t)| x.map(|x| points_of(x, t))).reduce(f64::max);
        let open = inputs.iter().filter(|(_, x, _)| x.is_none()).map(|(_, _, t)| t.max_value()).reduce(f64::max);
        let points = match (known, open) {
            (Some(k), None) => Some(k),
            (Some(k), Some(o)) if k >= o => Some(k),
            _ => None,
        };
        let max_points = inputs.iter().map(|(_, _, t)| t.max_value()).fold(0.0, f64::max);
        let scored = inputs.iter().map(|&(key, value, _)| ScoreInput { key: key.to_owned(), value }).collect();
        ScoreItem {
            points,
            unconfirmed: inputs.iter().any(|(_, _, t)| t.unconfirmed),
            edge_is_policy_choice: inputs.iter().any(|(_, _, t)| t.edge_is_policy_choice),
            ..ScoreItem::new(label, group, scored, max_points)
        }
    }

    /// The best class of intellectual property held.
    pub(crate) fn ip(label: Label, group: Option<ScoreGroup>, ip: &IpCounts, ladder: &[IpClassBands]) -> ScoreItem {
        let inputs: Vec<_> =
            ladder.iter().map(|c| (c.class.key(), ip.count(c.class).map(f64::from), &c.bands)).collect();
        ScoreItem::banded(label, group, &inputs)
    }

    pub(crate) fn flag(
        label: Label,
        group: Option<ScoreGroup>,
        key: &'static str,
        input: Option<bool>,
        points: &FlagPoints,
    ) -> ScoreItem {
        let inputs = vec![ScoreInput { key: key.to_owned(), value: input.map(|b| f64::from(u8::from(b))) }];
        ScoreItem {
            points: input.map(|b| points.points(b)),
            unconfirmed: points.unconfirmed,
            ..ScoreItem::new(label, group, inputs, points.if_true.max(points.if_false))
        }
    }

    /// Points scored elsewhere (a province's own 特色化 indicators), kept within 0..=max.
    pub(crate) fn given(label: Label, group: Option<ScoreGroup>, input: Option<f64>, max_points: f64) -> ScoreItem {
        let inputs = vec![ScoreInput { key: label.key.to_owned(), value: input }];
        ScoreItem {
            points: input.map(|p| p.clamp(0.0, max_points)),
            ..ScoreItem::new(label, group, inputs, max_points)
        }
    }
}

/// A tier's score: its items and the range of totals the known data allows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scorecard {
    pub key: String,
    pub description_zh: String,
    pub description_en: String,
    pub items: Vec<ScoreItem>,
    /// Points of the items whose points are known: the lowest total possible.
    pub known_points: f64,
    /// The total if every open item scored its maximum.
    pub max_possible_points: f64,
}

impl Scorecard {
    pub(crate) fn new(label: Label, items: Vec<ScoreItem>) -> Scorecard {
        let (known_points, max_possible_points) = range(items.iter());
        Scorecard {
            key: label.key.to_owned(),
            description_zh: label.zh.to_owned(),
            description_en: label.en.to_owned(),
            items,
            known_points,
            max_possible_points,
        }
    }

    /// Total ≥ `min`. Its current value is the known points.
    pub(crate) fn total_at_least(&self, label: Label, min: Figure) -> Criterion {
        bounded(label, self.known_points, self.max_possible_points, min)
    }

    /// The points of one group ≥ its minimum.
    pub(crate) fn group_at_least(&self, minimum: &GroupMinimum) -> Criterion {
        let (known, possible) = range(self.items.iter().filter(|i| i.group == Some(minimum.group)));
        bounded(minimum.group.label(), known, possible, minimum.min_points)
    }
}

fn range<'a>(items: impl Iterator<Item = &'a ScoreItem>) -> (f64, f64) {
    items.fold((0.0, 0.0), |(known, possible), i| {
        (known + i.points.unwrap_or(0.0), possible + i.points.unwrap_or(i.max_points))
    })
}

fn bounded(label: Label, known: f64, possible: f64, min: Figure) -> Criterion {
    let criterion = Criterion::at_least(label, Some(known), min, Unit::Points);
    if criterion.outcome == Outcome::Unmet && possible >= min.value {
        Criterion { outcome: Outcome::Unknown, ..criterion }
    } else {
        criterion
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const L: Label = label("x", "测试", "test");

    fn amount() -> BandTable {
        BandTable::upward(&[(500.0, 10.0), (100.0, 2.0)], Some(0.0))
    }

    fn share() -> BandTable {
        BandTable::upward(&[(0.10, 10.0), (0.03, 2.0)], Some(0.0))
    }

    #[test]
    fn banded_item_takes_the_better_input() {
        let item = ScoreItem::banded(L, None, &[("a", Some(150.0), &amount()), ("r", Some(0.12), &share())]);
        assert_eq!(item.points, Some(10.0));
        assert_eq!(item.max_points, 10.0);
    }

    #[test]
    fn banded_item_with_a_missing_input_is_known_only_at_the_maximum() {
        let full = ScoreItem::banded(L, None, &[("a", Some(600.0), &amount()), ("r", None, &share())]);
        assert_eq!(full.points, Some(10.0));
        let open = ScoreItem::banded(L, None, &[("a", Some(150.0), &amount()), ("r", None, &share())]);
        assert_eq!(open.points, None);
    }

    #[test]
    fn given_points_are_clamped_to_the_item_maximum() {
        assert_eq!(ScoreItem::given(L, None, Some(20.0), 15.0).points, Some(15.0));
        assert_eq!(ScoreItem::given(L, None, Some(-1.0), 15.0).points, Some(0.0));
    }

    #[test]
    fn total_is_unknown_while_open_items_could_still_reach_the_cut_off() {
        let known = ScoreItem::given(L, None, Some(50.0), 50.0);
        let open = ScoreItem::given(L, None, None, 20.0);
        let card = Scorecard::new(L, vec![known.clone(), open]);
        assert_eq!(card.known_points, 50.0);
        assert_eq!(card.max_possible_points, 70.0);
        assert_eq!(card.total_at_least(L, Figure::new(60.0)).outcome, Outcome::Unknown);
        assert_eq!(card.total_at_least(L, Figure::new(75.0)).outcome, Outcome::Unmet);
        assert_eq!(Scorecard::new(L, vec![known]).total_at_least(L, Figure::new(50.0)).outcome, Outcome::Met);
    }

    #[test]
    fn group_minimum_counts_only_its_group() {
        let a = ScoreItem::given(L, Some(ScoreGroup::Growth), Some(10.0), 20.0);
        let b = ScoreItem::given(L, Some(ScoreGroup::Innovation), Some(20.0), 20.0);
        let card = Scorecard::new(L, vec![a, b]);
        let growth = card.group_at_least(&GroupMinimum { group: ScoreGroup::Growth, min_points: Figure::new(15.0) });
        assert_eq!(growth.outcome, Outcome::Unmet);
        assert_eq!(growth.difference, Some(5.0));
    }
}
