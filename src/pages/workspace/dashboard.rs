//! 园区看板 (`/app/workspace/parks`, `/app/workspace/parks/:id`): one park against the
//! seeds' rules — leading industries (≤ 3), the park type's leading-share target, the
//! 百亿/千亿 scale class, the Wuhan 2027 and Chongqing 2025 targets (each met, not met or
//! unknown from the value an official enters), land-use intensity beside the national
//! reference values, Chongqing's seven evaluation dimensions; admins compare every park.
//! Bars are plain CSS with a text alternative; 打印 prints the page (`@media print`).

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use parkatlas_core::intensity::reference_values;
use parkatlas_core::park_checks::{chongqing_evaluation_dimensions, ScaleClass, Target};
use parkatlas_core::wire::{ParkRecord, Role};

use super::dashboard_model::{
    entered, leading_count, leading_share_target, park_type_name, scale_class, seed_targets, standing, ParkRow,
    Standing,
};
use super::parks_texts::use_parks_texts;
use super::{use_managed_parks, ParkChoice};
use crate::components::shared::states::{outcome, Loading};
use crate::format::number;
use crate::i18n::{fill, use_texts};
use crate::signed_in::session::use_session;

/// A rule's own text in the chosen language.
fn pick(text: &parkatlas_core::text::Bilingual) -> String {
    use_texts().get().pick(text).to_string()
}

#[component]
pub fn DashboardPage() -> impl IntoView {
    let texts = use_parks_texts();
    let parks = use_managed_parks();
    let wanted = use_params_map();
    view! {
        <div class="workspace dashboard">
            <div class="dashboard__top">
                <h1>{move || texts.get().dashboard_heading}</h1>
                <button type="button" class="button dashboard__print" on:click=move |_| { let _ = window().print(); }>{move || texts.get().print}</button>
            </div>
            <Suspense fallback=move || view! { <Loading message=Signal::derive(move || texts.get().loading) /> }>
                {move || parks.get().map(|result| outcome(result, move |parks| {
                    let asked = wanted.with_untracked(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()));
                    view! { <Parks parks asked /> }.into_any()
                }, move || parks.refetch()))}
            </Suspense>
        </div>
    }
}

#[component]
fn Parks(parks: Vec<ParkRecord>, asked: Option<i64>) -> impl IntoView {
    let texts = use_parks_texts();
    let session = use_session();
    let Some(first) = parks.first().map(|p| p.id) else {
        return view! { <p class="message message--warn">{move || texts.get().no_parks}</p> }.into_any();
    };
    let chosen = RwSignal::new(asked.filter(|id| parks.iter().any(|p| p.id == *id)).unwrap_or(first));
    let all = StoredValue::new(parks.clone());
    let is_admin = session.role() == Some(Role::Admin);
    view! {
        <ParkChoice parks chosen />
        {move || all.with_value(|parks| parks.iter().find(|p| p.id == chosen.get()).cloned()).map(|park| view! { <ParkBoard park /> })}
        {is_admin.then(|| all.with_value(|parks| view! { <Comparison parks=parks.clone() /> }))}
    }
    .into_any()
}

#[component]
fn ParkBoard(park: ParkRecord) -> impl IntoView {
    let texts = use_parks_texts();
    let count = leading_count(&park);
    let p = park.properties;
    let industries = p.details.leading_industries.join("、");
    let within = count.verdict == parkatlas_core::control::measure::Verdict::Met;
    let n = p.details.leading_industries.len();
    let mut targets: Vec<Target> = leading_share_target(p.park_type).into_iter().collect();
    targets.extend(seed_targets());
    let rows = targets.into_iter().map(|target| view! { <TargetRow target /> }).collect_view();
    let revenue = RwSignal::new(String::new());
    let scale = move || {
        let texts = texts.get();
        match entered(&revenue.get()) {
            Ok(Some(yi)) => match scale_class(yi) {
                Some(ScaleClass::ThousandYi) => texts.scale_thousand.to_string(),
                Some(ScaleClass::HundredYi) => texts.scale_hundred.to_string(),
                None => texts.scale_below.to_string(),
            },
            Ok(None) => texts.scale_unknown.to_string(),
            Err(problem) => problem,
        }
    };
    let kind = park_type_name(p.park_type);
    view! {
        <section class="dashboard__section" aria-labelledby="dash-leading">
            <h2 id="dash-leading">{move || texts.get().leading_heading}</h2>
            <p>{move || pick(&kind)}" · "{industries}</p>
            <div class="gauge" role="img" aria-label=move || fill(texts.get().leading_gauge, &[("n", n.to_string())])>
                <span class=if within { "gauge__fill" } else { "gauge__fill gauge__fill--bad" } style=format!("width: {:.0}%", (n.min(6) as f64) * 100.0 / 6.0)></span>
                <span class="gauge__mark" style="left: 50%"></span>
            </div>
            <p class="dashboard__verdict" data-standing=if within { "met" } else { "not-met" }>{move || pick(&count.explanation)}</p>
        </section>
        <section class="dashboard__section" aria-labelledby="dash-scale">
            <h2 id="dash-scale">{move || texts.get().scale_heading}</h2>
            <label class="field" for="dash-revenue">
                <span class="field__label">{move || texts.get().revenue_label}</span>
                <input id="dash-revenue" class="field__input" inputmode="decimal" prop:value=move || revenue.get() on:input=move |e| revenue.set(event_target_value(&e)) />
            </label>
            <p class="dashboard__verdict" aria-live="polite">{scale}</p>
        </section>
        <section class="dashboard__section" aria-labelledby="dash-targets">
            <h2 id="dash-targets">{move || texts.get().targets_heading}</h2>
            <p class="hint">{move || texts.get().targets_note}</p>
            <ul class="targets">{rows}</ul>
        </section>
        <Intensity />
        <section class="dashboard__section" aria-labelledby="dash-dimensions">
            <h2 id="dash-dimensions">{move || texts.get().dimensions_heading}</h2>
            <ol class="dimensions">{chongqing_evaluation_dimensions().into_iter().map(|d| view! { <li>{move || pick(&d)}</li> }).collect_view()}</ol>
        </section>
    }
}

/// One target: its value entered by the official, met, not met or unknown, as a bar to the target.
#[component]
fn TargetRow(target: Target) -> impl IntoView {
    let texts = use_parks_texts();
    let typed = RwSignal::new(String::new());
    let id = format!("target-{}", target.key);
    let label_for = id.clone();
    let target = StoredValue::new(target);
    let result = Memo::new(move |_| entered(&typed.get()).map(|value| target.with_value(|t| standing(t, value))));
    let standing_key = move || match result.get() {
        Ok((standing, _)) => standing.key(),
        Err(_) => Standing::Unknown.key(),
    };
    let text = move || match result.get() {
        Ok((standing, None)) => pick(&standing.name()).to_string(),
        Ok((standing, Some(a))) => format!("{}：{}", pick(&standing.name()), pick(&a.explanation)),
        Err(problem) => problem,
    };
    let label = move || {
        target.with_value(|t| {
            let unconfirmed =
                if t.limit.unconfirmed { format!(" · {}", texts.get().unconfirmed) } else { String::new() };
            format!(
                "{} · {} {} · {}{unconfirmed}",
                pick(&t.name),
                pick(&t.jurisdiction),
                t.year,
                pick(&t.limit.describe())
            )
        })
    };
    let width = move || match result.get() {
        Ok((_, Some(a))) => {
            let limit = target.with_value(|t| t.limit.value);
            a.current.map_or(0.0, |c| if limit > 0.0 { (c / limit * 50.0).clamp(0.0, 100.0) } else { 0.0 })
        }
        _ => 0.0,
    };
    view! {
        <li class="target" data-key=target.with_value(|t| t.key.clone()) data-standing=standing_key>
            <label class="field" for=label_for>
                <span class="field__label">{label}</span>
                <input id=id class="field__input" inputmode="decimal" prop:value=move || typed.get() on:input=move |e| typed.set(event_target_value(&e)) />
            </label>
            <div class="gauge" aria-hidden="true">
                <span class="gauge__fill" style=move || format!("width: {:.0}%", width())></span>
                <span class="gauge__mark" style="left: 50%"></span>
            </div>
            <p class="target__standing" aria-live="polite">{text}</p>
        </li>
    }
}

/// Land-use intensity: the national reference values with the park's own beside them once entered.
#[component]
fn Intensity() -> impl IntoView {
    let texts = use_parks_texts();
    let rows = reference_values()
        .into_iter()
        .map(|r| {
            let (name, scope, year) = (r.indicator.name(), r.scope.clone(), r.year.map(|y| format!(" ({y})")));
            view! {
                <tr>
                    <th scope="row">{move || pick(&name)}</th>
                    <td>{move || pick(&scope)}{year}</td>
                    <td>{number(r.value, 2)}" "{r.unit.symbol_zh()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="dashboard__section" aria-labelledby="dash-intensity">
            <h2 id="dash-intensity">{move || texts.get().intensity_heading}</h2>
            <p class="hint">{move || texts.get().intensity_note}</p>
            <table class="dashboard__table">
                <thead><tr><th scope="col">{move || texts.get().indicator}</th><th scope="col">{move || texts.get().reference_scope}</th><th scope="col">{move || texts.get().reference_value}</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}

/// Every park side by side, for city admins.
#[component]
fn Comparison(parks: Vec<ParkRecord>) -> impl IntoView {
    let texts = use_parks_texts();
    let rows = parks
        .iter()
        .map(ParkRow::of)
        .map(|row| {
            view! {
                <tr data-park=row.id>
                    <th scope="row"><a href=format!("/app/workspace/parks/{}", row.id)>{row.name.clone()}</a></th>
                    <td>{let kind = park_type_name(row.park_type); move || pick(&kind)}</td>
                    <td data-standing=if row.leading_within_rule { "met" } else { "not-met" }>
                        {row.leading_industries}{if row.leading_within_rule { " ✓" } else { " ✗" }}
                    </td>
                    <td>{row.share_target_percent.map(|p| format!("> {p}%"))}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="dashboard__section dashboard__compare" aria-labelledby="dash-compare">
            <h2 id="dash-compare">{move || texts.get().compare_heading}</h2>
            // The table scrolls sideways on a phone, so it is a focusable region: named apart from its
            // section, as two landmarks must not share a name.
            <div class="table-scroll" tabindex="0" role="region" aria-label=move || texts.get().compare_table>
                <table class="dashboard__table">
                    <thead><tr>
                        <th scope="col">{move || texts.get().park}</th><th scope="col">{move || texts.get().park_type}</th>
                        <th scope="col">{move || texts.get().leading_count}</th><th scope="col">{move || texts.get().share_target}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}
