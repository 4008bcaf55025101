//! The ranked table of an evaluation run as plain data: one row per enterprise, sorted by
//! any column, searched by name, and the window of rows a fixed-height list shows, so that
//! 20,000 rows scroll smoothly with only the visible ones rendered.

use std::cmp::Ordering;

use parkatlas_core::efficiency::{Class, Cohort, EvaluationRun, Outcome};
use parkatlas_core::wire::EvaluationInputRecord;

/// One enterprise's line in the ranked table.
#[derive(Debug, Clone, PartialEq)]
pub struct RankedRow {
    pub enterprise_id: i64,
    pub name: String,
    pub credit_code: String,
    pub cohort: Cohort,
    /// `None` when the enterprise was not graded (class T or not evaluated).
    pub total: Option<f64>,
    pub class: Option<Class>,
    /// Rank within the cohort; 1 is the best.
    pub rank: Option<usize>,
}

/// The columns a table can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Name,
    Cohort,
    Score,
    Class,
    Rank,
}

/// A column and its direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    pub column: Column,
    pub descending: bool,
}

impl Default for Sort {
    /// Best score first, as a ranking reads.
    fn default() -> Self {
        Sort { column: Column::Score, descending: true }
    }
}

impl Sort {
    /// The sort after the column's header is pressed: the other direction of the same
    /// column, or a new column in its natural direction (scores high to low, the rest A→Z).
    pub fn toggled(self, column: Column) -> Sort {
        match column == self.column {
            true => Sort { column, descending: !self.descending },
            false => Sort { column, descending: column == Column::Score },
        }
    }
}

/// The rows of a run, in the run's (input) order.
pub fn rows(inputs: &[EvaluationInputRecord], run: &EvaluationRun) -> Vec<RankedRow> {
    inputs
        .iter()
        .zip(&run.results)
        .map(|(input, result)| RankedRow {
            enterprise_id: input.enterprise_id,
            name: result.name.clone(),
            credit_code: input.credit_code.clone(),
            cohort: result.cohort,
            total: result.total(),
            class: result.class(),
            rank: match &result.outcome {
                Outcome::Graded(grade) => Some(grade.rank),
                _ => None,
            },
        })
        .collect()
}

/// The indices of `rows` that match `query` (a part of the name, any case), sorted by
/// `sort`; rows without a value in the sorted column come last in either direction, and
/// ties keep the run's order.
pub fn arrange(rows: &[RankedRow], sort: Sort, query: &str) -> Vec<usize> {
    let query = query.trim().to_lowercase();
    let mut order: Vec<usize> =
        (0..rows.len()).filter(|&i| query.is_empty() || rows[i].name.to_lowercase().contains(&query)).collect();
    let directed = |ordering: Ordering| if sort.descending { ordering.reverse() } else { ordering };
    let last_when_missing = |a: Option<Ordering>, missing: (bool, bool)| match missing {
        (false, false) => directed(a.unwrap_or(Ordering::Equal)),
        (a_missing, b_missing) => a_missing.cmp(&b_missing),
    };
    order.sort_by(|&a, &b| {
        let (a, b) = (&rows[a], &rows[b]);
        match sort.column {
            Column::Name => directed(a.name.cmp(&b.name)),
            Column::Cohort => directed(a.cohort.cmp(&b.cohort)),
            Column::Score => last_when_missing(a.total.partial_cmp(&b.total), (a.total.is_none(), b.total.is_none())),
            Column::Class => last_when_missing(a.class.partial_cmp(&b.class), (a.class.is_none(), b.class.is_none())),
            Column::Rank => last_when_missing(a.rank.partial_cmp(&b.rank), (a.rank.is_none(), b.rank.is_none())),
        }
    });
    order
}

/// The rows a fixed-height list draws: `first..first + count` of the arranged rows, placed
/// `first × row height` from the top of a list as tall as all of them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Window {
    pub first: usize,
    pub count: usize,
    pub offset_px: f64,
    pub total_px: f64,
}

/// Rows drawn above and below the visible ones, so that a quick flick shows no gap.
pub const OVERSCAN_ROWS: usize = 6;

/// The window of `rows` rows of `row_px` each, scrolled `scroll_px` into a viewport
/// `viewport_px` high.
pub fn window(rows: usize, row_px: f64, scroll_px: f64, viewport_px: f64) -> Window {
    let total_px = rows as f64 * row_px;
    let top = (scroll_px.max(0.0) / row_px).floor() as usize;
    let first = top.saturating_sub(OVERSCAN_ROWS).min(rows);
    let visible = (viewport_px.max(0.0) / row_px).ceil() as usize + 1;
    let count = (top + visible + OVERSCAN_ROWS).min(rows) - first;
    Window { first, count, offset_px: first as f64 * row_px, total_px }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: i64, name: &str, total: Option<f64>, class: Option<Class>) -> RankedRow {
        RankedRow {
            enterprise_id: id,
            name: name.into(),
            credit_code: String::new(),
            cohort: Cohort::AboveScale,
            total,
            class,
            rank: total.map(|t| (200.0 - t) as usize),
        }
    }

    fn table() -> Vec<RankedRow> {
        vec![
            row(1, "华工激光", Some(82.0), Some(Class::B)),
            row(2, "长飞光纤", Some(120.5), Some(Class::A)),
            row(3, "光谷热力", None, Some(Class::T)),
            row(4, "武汉锐科", Some(45.0), Some(Class::D)),
            row(5, "华星光电", Some(82.0), Some(Class::B)),
        ]
    }

    #[test]
    fn scores_sort_high_to_low_with_the_ungraded_last_and_ties_in_run_order() {
        assert_eq!(arrange(&table(), Sort::default(), ""), [1, 0, 4, 3, 2]);
        let ascending = Sort { column: Column::Score, descending: false };
        assert_eq!(arrange(&table(), ascending, ""), [3, 0, 4, 1, 2]);
    }

    #[test]
    fn classes_and_names_sort_both_ways() {
        let by_class = Sort { column: Column::Class, descending: false };
        assert_eq!(arrange(&table(), by_class, ""), [1, 0, 4, 3, 2]);
        assert_eq!(arrange(&table(), by_class.toggled(Column::Class), ""), [2, 3, 0, 4, 1]);
        let by_name = Sort::default().toggled(Column::Name);
        assert!(!by_name.descending);
        // By code point: 光 < 华 (工 < 星) < 武 < 长.
        assert_eq!(arrange(&table(), by_name, ""), [2, 0, 4, 3, 1]);
    }

    #[test]
    fn search_keeps_the_names_containing_the_query() {
        assert_eq!(arrange(&table(), Sort::default(), " 光 "), [1, 0, 4, 2], "华工激光 holds 光 too");
        assert_eq!(arrange(&table(), Sort::default(), "华"), [0, 4]);
        assert!(arrange(&table(), Sort::default(), "不存在").is_empty());
    }

    #[test]
    fn the_window_covers_the_viewport_and_the_overscan() {
        // 20,000 rows of 48 px; 844 px of viewport scrolled to row 1000.
        let window = window(20_000, 48.0, 48_000.0, 844.0);
        assert_eq!(window.first, 1000 - OVERSCAN_ROWS);
        assert_eq!(window.count, OVERSCAN_ROWS + 19 + OVERSCAN_ROWS);
        assert_eq!(window.offset_px, 994.0 * 48.0);
        assert_eq!(window.total_px, 960_000.0);
    }

    #[test]
    fn the_window_stops_at_both_ends() {
        assert_eq!(window(20_000, 48.0, 0.0, 844.0).first, 0);
        let end = window(20_000, 48.0, 959_500.0, 844.0);
        assert_eq!(end.first + end.count, 20_000);
        assert_eq!(window(3, 48.0, 0.0, 844.0), Window { first: 0, count: 3, offset_px: 0.0, total_px: 144.0 });
        assert_eq!(window(0, 48.0, 100.0, 844.0).count, 0);
    }
}
