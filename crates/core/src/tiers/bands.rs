//! Rule data shared by every tier: thresholds that carry their UNCONFIRMED flag, and the
//! one generic band table used by every banded indicator (scores, and thresholds that
//! depend on a band such as 高企's R&D ratio by sales).

use serde::{Deserialize, Serialize};

use super::profile::IpClass;

/// A threshold from the spec. `unconfirmed` marks figures no source confirmed, so the UI
/// can label them and officials know to check them.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    pub value: f64,
    #[serde(default)]
    pub unconfirmed: bool,
}

impl Figure {
    pub const fn new(value: f64) -> Figure {
        Figure { value, unconfirmed: false }
    }

    pub const fn unconfirmed(value: f64) -> Figure {
        Figure { value, unconfirmed: true }
    }
}

/// Which side of its edge a band covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BandDirection {
    /// A band covers values at or above its edge ("≥ 5% → 20"); the highest edge reached wins.
    Upward,
    /// A band covers values at or below its edge ("≤ 55% → 10"); the lowest edge reached wins.
    Downward,
}

/// One band: values reaching `edge` get `value` (points, or a required level).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Band {
    pub edge: f64,
    pub value: f64,
}

/// A banded indicator as data. The bands may be listed in any order: the band whose edge
/// is reached and lies furthest in `direction` wins, so an edited table cannot shadow a band.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BandTable {
    pub direction: BandDirection,
    /// Whether a value exactly on an edge reaches that edge's band. The spec's ranges
    /// ("3–5% → 15") leave this open; it reads them lower bound inclusive.
    pub edge_inclusive: bool,
    /// True where `edge_inclusive` is a policy choice rather than written in the source,
    /// so the UI can say so next to the table.
    pub edge_is_policy_choice: bool,
    pub bands: Vec<Band>,
    /// The value for inputs that reach no band; `None` when such inputs have no value
    /// (the rule then takes another path).
    pub otherwise: Option<f64>,
    #[serde(default)]
    pub unconfirmed: bool,
}

impl BandTable {
    /// Upward bands from `(edge, value)` pairs, edges inclusive as a policy choice.
    pub(crate) fn upward(bands: &[(f64, f64)], otherwise: Option<f64>) -> BandTable {
        BandTable::new(BandDirection::Upward, bands, otherwise)
    }

    /// Downward bands from `(edge, value)` pairs, edges inclusive as a policy choice.
    pub(crate) fn downward(bands: &[(f64, f64)], otherwise: Option<f64>) -> BandTable {
        BandTable::new(BandDirection::Downward, bands, otherwise)
    }

    fn new(direction: BandDirection, bands: &[(f64, f64)], otherwise: Option<f64>) -> BandTable {
        BandTable {
            direction,
            edge_inclusive: true,
            edge_is_policy_choice: true,
            bands: bands.iter().map(|&(edge, value)| Band { edge, value }).collect(),
            otherwise,
            unconfirmed: false,
        }
    }

    /// The source states on which side every edge falls ("≤ 55%", "> 2 亿", whole counts).
    pub(crate) fn edges_explicit(self) -> BandTable {
        BandTable { edge_is_policy_choice: false, ..self }
    }

    pub(crate) fn unconfirmed(self) -> BandTable {
        BandTable { unconfirmed: true, ..self }
    }

    /// The value for input `x`.
    pub fn lookup(&self, x: f64) -> Option<f64> {
        let reaches = |edge: f64| match (self.direction, self.edge_inclusive) {
            (BandDirection::Upward, true) => x >= edge,
            (BandDirection::Upward, false) => x > edge,
            (BandDirection::Downward, true) => x <= edge,
            (BandDirection::Downward, false) => x < edge,
        };
        let further = |a: &Band, b: &Band| match self.direction {
            BandDirection::Upward => a.edge.total_cmp(&b.edge),
            BandDirection::Downward => b.edge.total_cmp(&a.edge),
        };
        self.bands.iter().filter(|b| reaches(b.edge)).max_by(|a, b| further(a, b)).map(|b| b.value).or(self.otherwise)
    }

    /// The largest value any input can get: the item's maximum when the table scores points.
    pub fn max_value(&self) -> f64 {
        self.bands.iter().map(|b| b.value).chain(self.otherwise).fold(f64::NEG_INFINITY, f64::max)
    }
}

/// Points for a yes/no indicator (主导产品属于战略性新兴产业, 质量管理体系认证).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct FlagPoints {
    pub if_true: f64,
    pub if_false: f64,
    #[serde(default)]
    pub unconfirmed: bool,
}

impl FlagPoints {
    pub fn points(&self, flag: bool) -> f64 {
        if flag {
            self.if_true
        } else {
            self.if_false
        }
    }
}

/// Points for the count of one class of intellectual property. An IP indicator is a list
/// of these and scores the best of them ("Ⅰ类高价值 ≥ 1 → 20; 自主研发Ⅰ类 ≥ 1 → 15; …").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IpClassBands {
    pub class: IpClass,
    pub bands: BandTable,
}

impl IpClassBands {
    /// "at least `count` of `class` → `points`" rows, best row first.
    pub(crate) fn ladder(rows: &[(IpClass, f64, f64)]) -> Vec<IpClassBands> {
        let mut ladder: Vec<IpClassBands> = Vec::new();
        for &(class, count, points) in rows {
            match ladder.iter_mut().find(|c| c.class == class) {
                Some(existing) => existing.bands.bands.push(Band { edge: count, value: points }),
                None => ladder.push(IpClassBands {
                    class,
                    bands: BandTable::upward(&[(count, points)], Some(0.0)).edges_explicit(),
                }),
            }
        }
        ladder
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> BandTable {
        BandTable::upward(&[(0.05, 20.0), (0.03, 15.0), (0.02, 10.0)], Some(0.0))
    }

    #[test]
    fn upward_edge_value_reaches_its_band_when_inclusive() {
        assert_eq!(table().lookup(0.03), Some(15.0));
        assert_eq!(table().lookup(0.029_999), Some(10.0));
        assert_eq!(table().lookup(0.019_999), Some(0.0));
    }

    #[test]
    fn exclusive_edge_value_falls_to_the_band_below() {
        let t = BandTable { edge_inclusive: false, ..table() };
        assert_eq!(t.lookup(0.03), Some(10.0));
        assert_eq!(t.lookup(0.030_001), Some(15.0));
    }

    #[test]
    fn band_order_in_the_data_does_not_matter() {
        let mut t = table();
        t.bands.reverse();
        assert_eq!(t.lookup(0.06), Some(20.0));
        assert_eq!(t.lookup(0.04), Some(15.0));
    }

    #[test]
    fn downward_lowest_edge_reached_wins() {
        let t = BandTable::downward(&[(0.55, 10.0), (0.75, 5.0)], Some(0.0));
        assert_eq!(t.lookup(0.55), Some(10.0));
        assert_eq!(t.lookup(0.550_001), Some(5.0));
        assert_eq!(t.lookup(0.75), Some(5.0));
        assert_eq!(t.lookup(0.750_001), Some(0.0));
    }

    #[test]
    fn no_otherwise_means_no_value_below_the_bands() {
        let t = BandTable::upward(&[(10_000.0, 0.03)], None);
        assert_eq!(t.lookup(9_999.0), None);
        assert_eq!(t.lookup(10_000.0), Some(0.03));
    }

    #[test]
    fn max_value_includes_otherwise() {
        assert_eq!(table().max_value(), 20.0);
        assert_eq!(BandTable::upward(&[(1.0, 2.0)], Some(5.0)).max_value(), 5.0);
    }

    #[test]
    fn ip_ladder_groups_rows_by_class() {
        let ladder = IpClassBands::ladder(&[
            (IpClass::Class1, 1.0, 30.0),
            (IpClass::Class2, 4.0, 24.0),
            (IpClass::Class2, 1.0, 6.0),
        ]);
        assert_eq!(ladder.len(), 2);
        assert_eq!(ladder[1].bands.lookup(3.0), Some(6.0));
        assert_eq!(ladder[1].bands.lookup(4.0), Some(24.0));
    }

    #[test]
    fn figure_without_flag_reads_as_confirmed() {
        let f: Figure = serde_json::from_str(r#"{"value": 0.03}"#).unwrap();
        assert_eq!(f, Figure::new(0.03));
    }
}
