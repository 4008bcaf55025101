//! A 亩均 result as the enterprise reads it: its class with what the class means, where its
//! score lies against the published cut-offs, each item with its value, benchmark, weight,
//! score and formula in words, and an estimate beside what was published.

use leptos::prelude::*;
use parkatlas_core::efficiency::{Class, CohortCutoffs, ItemScore, WhatIf};
use parkatlas_core::text::Bilingual;

use crate::format::number;
use crate::i18n::{fill, use_texts};
use crate::pages::portal::texts::use_portal_texts;
use crate::theme::EVALUATION_CLASS_COLOURS;

pub use crate::format::points;

/// The class's colour, as the park profile's class bars draw it, and the letter's colour on
/// it (ink on the light amber of C, where white would not read).
fn class_colours(class: Class) -> (&'static str, &'static str) {
    match class {
        Class::A => (EVALUATION_CLASS_COLOURS[0], "#fff"),
        Class::B => (EVALUATION_CLASS_COLOURS[1], "#fff"),
        Class::C => (EVALUATION_CLASS_COLOURS[2], "var(--colour-ink)"),
        Class::D => (EVALUATION_CLASS_COLOURS[3], "#fff"),
        Class::T => ("var(--colour-line-strong)", "#fff"),
    }
}

/// A published total, large, named for screen readers.
#[component]
pub fn BigScore(total: f64) -> impl IntoView {
    let portal = use_portal_texts();
    view! {
        <p class="big-number" data-testid="published-score">
            <span class="visually-hidden">{move || portal.get().score}" "</span>
            {points(total)}
        </p>
    }
}

/// A class by its letter and name (the letter says it, not only the colour), and what it
/// means for the enterprise when `explained`.
#[component]
pub fn ClassBadge(class: Class, #[prop(default = false)] explained: bool) -> impl IntoView {
    let texts = use_texts();
    let portal = use_portal_texts();
    let (name, meaning) = (class.name(), class.meaning());
    let (background, letter) = class_colours(class);
    view! {
        <div class="class-badge__wrap">
            <p class="class-badge" data-testid="class-badge" data-class=class.letter()>
                <span class="class-badge__letter" aria-hidden="true" style:background-color=background style:color=letter>
                    {class.letter()}
                </span>
                <span class="class-badge__name">{move || texts.get().pick(&name).to_string()}</span>
            </p>
            {explained.then(|| view! {
                <p class="class-badge__meaning">
                    <strong>{move || portal.get().class_meaning}</strong>
                    {move || texts.get().pick(&meaning).to_string()}
                </p>
            })}
        </div>
    }
}

/// The cohort's published cut-offs as words, and as a scale with the published and the
/// estimated score on it (the scale repeats the words, so it is hidden from screen readers).
#[component]
pub fn CutoffScale(
    cutoffs: CohortCutoffs,
    published: Option<f64>,
    #[prop(into)] estimate: Signal<Option<f64>>,
) -> impl IntoView {
    let portal = use_portal_texts();
    let minimums = [(Class::A, cutoffs.a_min), (Class::B, cutoffs.b_min), (Class::C, cutoffs.c_min)];
    let words: Vec<String> = minimums
        .iter()
        .filter_map(|(class, min)| min.map(|min| format!("{} ≥ {}", class.letter(), points(min))))
        .collect();
    let top = move || {
        let highest = minimums.iter().filter_map(|(_, min)| *min).chain(published).chain(estimate.get());
        highest.fold(100.0, f64::max) * 1.05
    };
    let share = move |score: f64| format!("{:.2}%", (score / top() * 100.0).clamp(0.0, 100.0));
    // Bands from the top down: each class runs from its minimum to the class above's.
    let bands = move || {
        let mut upper = top();
        let mut bands = Vec::new();
        for (class, min) in minimums.iter().chain(&[(Class::D, Some(0.0))]) {
            let Some(min) = min else { continue };
            bands.push((*class, min.max(0.0), upper));
            upper = min.max(0.0);
        }
        bands
    };
    view! {
        <div class="cutoffs">
            <p class="cutoffs__words" data-testid="cutoffs">{words.join(" · ")}</p>
            <div class="cutoffs__scale" aria-hidden="true" title=move || portal.get().cutoff_scale>
                {move || bands()
                    .into_iter()
                    .map(|(class, from, to)| view! {
                        <span
                            class="cutoffs__band"
                            style:border-top-color=class_colours(class).0
                            style:left=share(from)
                            style:width=format!("{:.2}%", ((to - from) / top() * 100.0).max(0.0))
                        >
                            {class.letter()}
                        </span>
                    })
                    .collect_view()}
                {published.map(|score| view! { <span class="cutoffs__marker cutoffs__marker--published" style:left=move || share(score)></span> })}
                {move || estimate.get().map(|score| view! { <span class="cutoffs__marker cutoffs__marker--estimate" style:left=share(score)></span> })}
            </div>
            <ul class="cutoffs__legend">
                {published.map(|score| view! {
                    <li class="cutoffs__key cutoffs__key--published">{move || portal.get().published_marker}" "{points(score)}</li>
                })}
                {move || estimate.get().map(|score| view! {
                    <li class="cutoffs__key cutoffs__key--estimate">{portal.get().estimate_marker}" "{points(score)}</li>
                })}
            </ul>
        </div>
    }
}

/// Every item: its score against its weight, and the numbers and formula behind it.
#[component]
pub fn ItemList(items: Vec<ItemScore>) -> impl IntoView {
    let texts = use_texts();
    let portal = use_portal_texts();
    let rows = items
        .into_iter()
        .map(|item| {
            let info = item.indicator.info();
            let name = Bilingual::new(info.name_zh, info.name_en);
            let formula = item.explain();
            let filled = format!("{:.1}%", (item.score / item.weight * 100.0).clamp(0.0, 100.0));
            let value = item.value.map(|v| format!("{} {}", number(v, 4), info.unit)).unwrap_or_else(|| "—".into());
            let benchmark = item.benchmark.map(|b| number(b, 4)).unwrap_or_else(|| "—".into());
            view! {
                <li class="item">
                    <div class="item__head">
                        <span class="item__name">{move || texts.get().pick(&name).to_string()}</span>
                        <span class="item__score">{points(item.score)}" / "{number(item.weight, 2)}</span>
                    </div>
                    <span class="item__track" aria-hidden="true"><span class="item__fill" style:width=filled></span></span>
                    <dl class="item__numbers">
                        <div><dt>{move || portal.get().value}</dt><dd>{value}</dd></div>
                        <div><dt>{move || portal.get().benchmark}</dt><dd>{benchmark}</dd></div>
                        <div><dt>{move || portal.get().weight}</dt><dd>{number(item.weight, 2)}</dd></div>
                    </dl>
                    <p class="item__formula"><span class="visually-hidden">{move || portal.get().formula}": "</span>{move || texts.get().pick(&formula).to_string()}</p>
                </li>
            }
        })
        .collect_view();
    view! { <ol class="items">{rows}</ol> }
}

/// An estimate beside a baseline (the published or the saved result): score, class, how
/// far each moved, and which items could not move.
#[component]
pub fn Estimate(
    #[prop(into)] estimate: Signal<Result<WhatIf, String>>,
    /// The total and class to compare with.
    #[prop(into)]
    baseline: Signal<Option<(Option<f64>, Class)>>,
) -> impl IntoView {
    let texts = use_texts();
    let portal = use_portal_texts();
    move || {
        let portal = portal.get();
        match estimate.get() {
            Err(problem) => view! { <p class="message message--warn">{problem}</p> }.into_any(),
            Ok(what_if) => {
                let baseline = baseline.get();
                let delta = match (what_if.total(), baseline.and_then(|(total, _)| total)) {
                    (Some(now), Some(before)) if (now - before).abs() >= 0.005 => format!(" ({:+.2})", now - before),
                    _ => String::new(),
                };
                let moved = match (baseline.map(|(_, class)| class), what_if.class()) {
                    (Some(before), Some(now)) if before != now => Some(fill(
                        portal.class_moves,
                        &[
                            ("from", texts.get().pick(&before.name()).to_string()),
                            ("to", texts.get().pick(&now.name()).to_string()),
                        ],
                    )),
                    _ => None,
                };
                let total = what_if.total().map(|total| format!("{}{delta}", points(total)));
                let held = match &what_if {
                    WhatIf::Graded { held, .. } if !held.is_empty() => Some(
                        held.iter()
                            .map(|indicator| {
                                let info = indicator.info();
                                texts.get().pick(&Bilingual::new(info.name_zh, info.name_en)).to_string()
                            })
                            .collect::<Vec<_>>()
                            .join("、"),
                    ),
                    _ => None,
                };
                let reason = match &what_if {
                    WhatIf::Exempt { reason } => Some(format!("{}{}", portal.exempt, portal.exemption(*reason))),
                    WhatIf::NotEvaluated { reason } => Some(portal.not_evaluated(*reason)),
                    WhatIf::Graded { .. } => None,
                };
                view! {
                    <div class="estimate" data-testid="estimate">
                        {total.map(|total| view! {
                            <p class="estimate__score"><span class="estimate__label">{portal.score}</span> <strong data-testid="estimate-score">{total}</strong></p>
                        })}
                        {match what_if.class() {
                            Some(class) => view! { <ClassBadge class /> }.into_any(),
                            None => view! { <p class="hint">{portal.no_class}</p> }.into_any(),
                        }}
                        {reason.map(|reason| view! { <p class="hint">{reason}</p> })}
                        {moved.map(|moved| view! { <p class="message message--warn" data-testid="class-moves">{moved}</p> })}
                        {held.map(|held| view! { <p class="hint">{portal.estimate_held}{held}</p> })}
                    </div>
                }
                .into_any()
            }
        }
    }
}
