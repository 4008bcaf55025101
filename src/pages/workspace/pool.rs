//! 梯度培育库 (`/app/workspace/pool`): one park's enterprises assessed in the browser by
//! parkatlas-core from one request (`GET /parks/{id}/tier-profiles`): the pyramid, the
//! candidates near their next tier under an adjustable rule with their gaps, certificates
//! expiring within 6 months, the 2022 → 2026 changes, and all of it as one Excel workbook.

use leptos::prelude::*;
use parkatlas_core::tiers::{Criterion, NearTierParams, Value};

use super::parks_texts::use_parks_texts;
use super::pool_model::{quantity, required_text, step_name, Pool};
use super::{use_managed_parks, ParkChoice};
use crate::api::{self, ApiFailure};
use crate::components::shared::states::{outcome, Loading};
use crate::export::{download, xlsx};
use crate::i18n::fill;
use crate::pages::portal::{noticed, today};
use crate::signed_in::session::use_session;

#[component]
pub fn PoolPage() -> impl IntoView {
    let texts = use_parks_texts();
    let parks = use_managed_parks();
    view! {
        <div class="workspace pool">
            <h1>{move || texts.get().pool_heading}</h1>
            <Suspense fallback=move || view! { <Loading message=Signal::derive(move || texts.get().loading) /> }>
                {move || parks.get().map(|result| outcome(result, |parks| view! { <ParkPool parks /> }.into_any(), move || parks.refetch()))}
            </Suspense>
        </div>
    }
}

#[component]
fn ParkPool(parks: Vec<parkatlas_core::wire::ParkRecord>) -> impl IntoView {
    let texts = use_parks_texts();
    let session = use_session();
    let Some(first) = parks.first().map(|park| park.id) else {
        return view! { <p class="message message--warn">{move || texts.get().no_parks}</p> }.into_any();
    };
    let chosen = RwSignal::new(first);
    let pool = LocalResource::new(move || async move {
        let park = chosen.get();
        noticed(session, api::workspace::tier_profiles(park).await).map(|profiles| Pool::new(&profiles, today()))
    });
    view! {
        <ParkChoice parks chosen />
        <Suspense fallback=move || view! { <Loading message=Signal::derive(move || texts.get().loading) /> }>
            {move || pool.get().map(|result: Result<Pool, ApiFailure>| outcome(result, |pool| view! { <PoolView pool /> }.into_any(), move || pool.refetch()))}
        </Suspense>
    }
    .into_any()
}

#[component]
fn PoolView(pool: Pool) -> impl IntoView {
    let texts = use_parks_texts();
    let defaults = NearTierParams::default();
    let max_not_met = RwSignal::new(defaults.max_not_met);
    let margin_percent = RwSignal::new((defaults.max_relative_gap_ratio * 100.0).round());
    let params = Memo::new(move |_| NearTierParams {
        max_not_met: max_not_met.get(),
        max_relative_gap_ratio: margin_percent.get() / 100.0,
    });
    let pool = StoredValue::new(pool);
    let export_problem = RwSignal::new(None::<String>);
    let export = move |_| {
        let sheets = pool.with_value(|pool| pool.sheets(&params.get_untracked()));
        let saved = xlsx::workbook(&sheets)
            .map_err(|e| e.to_string())
            .and_then(|bytes| download::save(&bytes, "梯度培育库.xlsx", download::XLSX_TYPE));
        export_problem.set(saved.err());
    };
    let on = today().to_string();
    view! {
        <p class="hint">{move || fill(texts.get().assessed_on, &[("date", on.clone())])}</p>
        {pool.with_value(|pool| (!pool.refused.is_empty()).then(|| {
            let refused = pool.refused.iter().map(|(id, why)| format!("{}：{why}", pool.name(*id))).collect::<Vec<_>>().join("；");
            let n = pool.refused.len();
            view! { <p class="message message--warn">{move || fill(texts.get().refused, &[("n", n.to_string())])}{refused}</p> }
        }))}
        <div class="pool__actions">
            <button type="button" class="button" on:click=export>{move || texts.get().export}</button>
            {move || export_problem.get().map(|problem| view! { <p class="message message--error" role="alert">{texts.get().export_failed}{problem}</p> })}
        </div>
        {pool.with_value(pyramid)}
        <section class="pool__section" aria-labelledby="pool-near">
            <h2 id="pool-near">{move || texts.get().near_heading}</h2>
            <div class="pool__controls">
                <label class="field" for="pool-max-not-met">
                    <span class="field__label">{move || texts.get().max_not_met}</span>
                    <input id="pool-max-not-met" class="field__input" type="number" inputmode="numeric" min="0" max="10" step="1"
                        prop:value=move || max_not_met.get().to_string()
                        on:input=move |event| { if let Ok(n) = event_target_value(&event).parse::<usize>() { max_not_met.set(n.min(10)) } } />
                </label>
                <label class="field" for="pool-margin">
                    <span class="field__label">{move || texts.get().margin}</span>
                    <input id="pool-margin" class="field__input" type="number" inputmode="decimal" min="0" max="100" step="5"
                        prop:value=move || margin_percent.get().to_string()
                        on:input=move |event| { if let Ok(m) = event_target_value(&event).parse::<f64>() { if m.is_finite() { margin_percent.set(m.clamp(0.0, 100.0)) } } } />
                </label>
            </div>
            <p class="hint">{move || fill(texts.get().near_rule, &[("n", max_not_met.get().to_string()), ("m", margin_percent.get().to_string())])}</p>
            {move || {
                let candidates = pool.with_value(|pool| pool.candidates(&params.get()));
                let enterprises = { let mut ids: Vec<i64> = candidates.iter().map(|c| c.enterprise_id).collect(); ids.sort_unstable(); ids.dedup(); ids.len() };
                let count = fill(texts.get().near_count, &[("n", enterprises.to_string()), ("k", candidates.len().to_string())]);
                if candidates.is_empty() {
                    return view! { <p class="pool__count" data-count="0">{texts.get().near_none}</p> }.into_any();
                }
                let items = candidates.into_iter().map(|c| {
                    let name = pool.with_value(|pool| pool.name(c.enterprise_id));
                    let rows = c.criteria.iter().map(|criterion| view! { <GapRow criterion=criterion.clone() /> }).collect_view();
                    view! {
                        <li class="pool__candidate" data-enterprise=c.enterprise_id>
                            <h3>{name}" → "{c.tier.name_zh()}</h3>
                            <table class="pool__gaps">
                                <thead><tr>
                                    <th scope="col">{texts.get().criterion}</th>
                                    <th scope="col">{texts.get().current}</th>
                                    <th scope="col">{texts.get().required}</th>
                                    <th scope="col">{texts.get().difference}</th>
                                </tr></thead>
                                <tbody>{rows}</tbody>
                            </table>
                        </li>
                    }
                }).collect_view();
                view! {
                    <p class="pool__count" data-count=enterprises>{count}</p>
                    <ul class="pool__candidates">{items}</ul>
                }.into_any()
            }}
        </section>
        {pool.with_value(expiring)}
        {pool.with_value(changes)}
    }
}

/// One criterion still to go: what the enterprise has, what is asked, how far it is.
#[component]
fn GapRow(criterion: Criterion) -> impl IntoView {
    let texts = use_parks_texts();
    let current = match criterion.current {
        Some(Value::Number(n)) => quantity(n, criterion.unit),
        Some(Value::Flag(flag)) => (if flag { "是" } else { "否" }).to_string(),
        None => texts.get_untracked().unknown_value.to_string(),
    };
    let difference = criterion.difference.map(|d| quantity(d, criterion.unit)).unwrap_or_default();
    view! {
        <tr class=format!("pool__gap pool__gap--{}", criterion.outcome.key())>
            <th scope="row">{criterion.description_zh.clone()}</th>
            <td>{current}</td>
            <td>{required_text(&criterion)}</td>
            <td>{difference}</td>
        </tr>
    }
}

/// Enterprises per highest step as centred bars, widest at the bottom, with the counts in text.
fn pyramid(pool: &Pool) -> impl IntoView + use<> {
    let texts = use_parks_texts();
    let widest = pool.pyramid.levels.iter().map(|l| l.enterprises).max().unwrap_or(0).max(1);
    let levels = pool.pyramid.levels.iter().rev().map(|level| {
        let percent = level.enterprises as f64 * 100.0 / widest as f64;
        let name = step_name(level.step);
        // The API's own name of the step (`little_giant`), so a journey can compare.
        let key = level.step.and_then(|s| serde_json::to_value(s).ok()).and_then(|v| v.as_str().map(str::to_string)).unwrap_or_else(|| "none".into());
        let n = level.enterprises;
        view! {
            <li class="pyramid__level" data-step=key data-count=n>
                <span class="pyramid__name">{name}</span>
                <span class="pyramid__bar" aria-hidden="true"><span class="pyramid__fill" style=format!("width: {percent:.1}%")></span></span>
                <span class="pyramid__count">{move || fill(texts.get().enterprises_n, &[("n", n.to_string())])}</span>
            </li>
        }
    }).collect_view();
    let assessed = pool.assessed();
    let labels = pool
        .pyramid
        .side_labels
        .iter()
        .map(|l| {
            let n = l.enterprises;
            view! { <li>{l.tier.name_zh()}"："{n}</li> }
        })
        .collect_view();
    view! {
        <section class="pool__section" aria-labelledby="pool-pyramid">
            <h2 id="pool-pyramid">{move || texts.get().pyramid_heading}</h2>
            <ol class="pyramid" data-assessed=assessed>{levels}</ol>
            <h3>{move || texts.get().side_labels}</h3>
            <ul class="pool__labels">{labels}</ul>
        </section>
    }
}

fn expiring(pool: &Pool) -> impl IntoView + use<> {
    let texts = use_parks_texts();
    let items = pool
        .expiring
        .iter()
        .map(|c| {
            let (date, days) = (c.expires_on.to_string(), c.days_left.to_string());
            view! {
                <li><strong>{pool.name(c.enterprise_id)}</strong>" · "{c.kind.name_zh()}" · "
                    {move || fill(texts.get().expires_on, &[("date", date.clone()), ("n", days.clone())])}</li>
            }
        })
        .collect_view();
    let empty = pool.expiring.is_empty();
    view! {
        <section class="pool__section" aria-labelledby="pool-expiring">
            <h2 id="pool-expiring">{move || texts.get().expiring_heading}</h2>
            {empty.then(|| view! { <p>{move || texts.get().expiring_none}</p> })}
            <ul class="pool__list">{items}</ul>
        </section>
    }
}

fn changes(pool: &Pool) -> impl IntoView + use<> {
    let texts = use_parks_texts();
    let items = pool.changes.iter().map(|c| {
        let direction = if c.rises() { "pool__change--up" } else { "pool__change--down" };
        view! {
            <li class=direction><strong>{pool.name(c.enterprise_id)}</strong>"："{step_name(c.under_2022)}" → "{step_name(c.under_2026)}</li>
        }
    }).collect_view();
    let empty = pool.changes.is_empty();
    view! {
        <section class="pool__section" aria-labelledby="pool-changes">
            <h2 id="pool-changes">{move || texts.get().changes_heading}</h2>
            <p class="hint">{move || texts.get().changes_note}</p>
            {empty.then(|| view! { <p>{move || texts.get().changes_none}</p> })}
            <ul class="pool__list">{items}</ul>
        </section>
    }
}
