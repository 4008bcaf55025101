//! The class distribution as an SVG bar chart: one bar per class (A, B, C, D, T, not
//! evaluated), its count written beside it, and the baseline's count as a thin mark when
//! an edit changed it. The letters are written out, so colour is never the only cue.

use leptos::prelude::*;
use parkatlas_core::efficiency::Class;
use parkatlas_core::wire::ClassCounts;

use crate::i18n::fill;
use crate::pages::runs::texts::use_runs_texts;
use crate::theme::EVALUATION_CLASS_COLOURS;

/// The classes in chart order; `None` is "not evaluated".
pub const ORDER: [Option<Class>; 6] =
    [Some(Class::A), Some(Class::B), Some(Class::C), Some(Class::D), Some(Class::T), None];

/// The chart's inner width for bars, in SVG units.
pub const BAR_SPACE: f64 = 220.0;
pub const ROW_HEIGHT: f64 = 28.0;

/// One bar: its class, count, length, and the baseline's length when it differs.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub class: Option<Class>,
    pub count: usize,
    pub length: f64,
    pub baseline: Option<f64>,
}

/// Bars scaled to the largest count of either run, so the two can be compared by eye.
pub fn bars(counts: &ClassCounts, baseline: Option<&ClassCounts>) -> Vec<Bar> {
    let largest = ORDER
        .iter()
        .flat_map(|&class| [Some(counts.get(class)), baseline.map(|b| b.get(class))])
        .flatten()
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let scale = |count: usize| count as f64 / largest * BAR_SPACE;
    ORDER
        .iter()
        .map(|&class| {
            let count = counts.get(class);
            let before = baseline.map(|b| b.get(class)).filter(|&before| before != count);
            Bar { class, count, length: scale(count), baseline: before.map(scale) }
        })
        .collect()
}

fn colour(class: Option<Class>) -> &'static str {
    match class {
        Some(Class::A) => EVALUATION_CLASS_COLOURS[0],
        Some(Class::B) => EVALUATION_CLASS_COLOURS[1],
        Some(Class::C) => EVALUATION_CLASS_COLOURS[2],
        Some(Class::D) => EVALUATION_CLASS_COLOURS[3],
        _ => "#8a9a95",
    }
}

#[component]
pub fn ClassChart(
    #[prop(into)] counts: Signal<ClassCounts>,
    #[prop(into)] baseline: Signal<Option<ClassCounts>>,
) -> impl IntoView {
    let texts = use_runs_texts();
    let label_of = move |class: Option<Class>| class.map_or(texts.get().not_evaluated, Class::letter);
    let summary = move || {
        let counts = counts.get();
        let parts: Vec<String> =
            ORDER.iter().map(|&class| format!("{} {}", label_of(class), counts.get(class))).collect();
        fill(texts.get().distribution_label, &[("counts", parts.join("，"))])
    };
    let height = ROW_HEIGHT * ORDER.len() as f64;
    view! {
        <figure class="runs-chart">
            <figcaption>{move || texts.get().distribution}</figcaption>
            <svg
                viewBox=format!("0 0 340 {height}")
                role="img"
                aria-label=summary
                data-testid="class-chart"
                data-counts=move || { let c = counts.get(); format!("{},{},{},{},{},{}", c.a, c.b, c.c, c.d, c.t, c.not_evaluated) }
            >
                {move || {
                    bars(&counts.get(), baseline.get().as_ref())
                        .into_iter()
                        .enumerate()
                        .map(|(row, bar)| {
                            let y = row as f64 * ROW_HEIGHT;
                            view! {
                                <g>
                                    <text x="0" y=y + 19.0 class="runs-chart__label">{label_of(bar.class)}</text>
                                    <rect x="64" y=y + 5.0 width=bar.length.max(1.0) height="18" rx="3" fill=colour(bar.class) />
                                    {bar.baseline.map(|length| view! {
                                        <line class="runs-chart__baseline" x1=64.0 + length x2=64.0 + length y1=y + 2.0 y2=y + 26.0 />
                                    })}
                                    <text x=70.0 + bar.length.max(1.0) y=y + 19.0 class="runs-chart__count">{bar.count}</text>
                                </g>
                            }
                        })
                        .collect_view()
                }}
            </svg>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_share_one_scale_and_mark_only_changed_baselines() {
        let now = ClassCounts { a: 20, b: 40, c: 35, d: 5, t: 0, not_evaluated: 0 };
        let before = ClassCounts { a: 20, b: 80, c: 0, d: 0, t: 0, not_evaluated: 0 };
        let bars = bars(&now, Some(&before));
        assert_eq!(bars[1].length, BAR_SPACE / 2.0, "B's 40 against the largest, the baseline's 80");
        assert_eq!(bars[1].baseline, Some(BAR_SPACE));
        assert_eq!(bars[0].baseline, None, "A did not change");
        assert_eq!(bars[5].class, None);
    }

    #[test]
    fn an_empty_run_draws_empty_bars() {
        assert!(bars(&ClassCounts::default(), None).iter().all(|bar| bar.length == 0.0));
    }
}
