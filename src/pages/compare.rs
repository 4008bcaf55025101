//! Parks side by side (`/compare?parks=1,2,3`): the public figures of two or three
//! parks in one table, the chosen parks kept in the URL.

use leptos::prelude::*;
use parkatlas_core::park_checks::ParkCheckRules;
use parkatlas_core::wire::{ParcelStatus, ParkRecord, ParkStatistics};

use crate::api;
use crate::components::shared::states::{outcome, Loading};
use crate::format::{area_mu, number};
use crate::i18n::{use_texts, Texts};
use crate::pages::park::load_profile;
use crate::url_state::{opened_query, use_replace_query, CompareUrl};

#[component]
pub fn ComparePage() -> impl IntoView {
    let texts = use_texts();
    let chosen = RwSignal::new(CompareUrl::parse(&opened_query()));
    let replace_query = use_replace_query("/compare");
    Effect::new(move || chosen.with(|chosen| replace_query(&chosen.to_query())));
    let parks = LocalResource::new(api::parks);
    let profiles = LocalResource::new(move || async move {
        let ids = chosen.with(|chosen| chosen.parks().to_vec());
        futures::future::try_join_all(ids.into_iter().map(load_profile)).await
    });
    view! {
        <div class="page-narrow compare" data-testid="compare">
            <h1 class="profile__name">{move || texts.get().compare_heading}</h1>
            <p class="hint">{move || texts.get().compare_intro}</p>
            <Suspense fallback=|| ()>
                {move || {
                    parks.get().and_then(Result::ok).map(|parks| {
                        view! {
                            <label class="field" for="compare-add">
                                <span class="field__label">{move || texts.get().compare_choose}</span>
                                <select
                                    id="compare-add"
                                    class="field__input"
                                    disabled=move || chosen.with(CompareUrl::is_full)
                                    on:change=move |event| {
                                        if let Ok(id) = event_target_value(&event).parse::<i64>() {
                                            chosen.update(|chosen| chosen.add(id));
                                        }
                                    }
                                >
                                    <option value="" selected=true>{move || texts.get().compare_choose}</option>
                                    {parks.features.into_iter().map(|park| {
                                        let id = park.id;
                                        let name = park.properties.name();
                                        view! {
                                            <option value=id.to_string() disabled=move || chosen.with(|chosen| chosen.has(id))>
                                                {move || texts.get().pick(&name).to_string()}
                                            </option>
                                        }
                                    }).collect_view()}
                                </select>
                            </label>
                        }
                    })
                }}
            </Suspense>
            {move || chosen.with(|chosen| chosen.parks().len() < 2).then(|| view! { <p class="message message--warn">{texts.get().compare_need_two}</p> })}
            <Transition fallback=move || view! { <Loading message=Signal::derive(move || texts.get().loading) /> }>
                {move || profiles.get().map(|loaded| outcome(loaded, |shown| view! { <CompareTable profiles=shown chosen /> }.into_any(), move || profiles.refetch()))}
            </Transition>
        </div>
    }
}

type Row = (fn(&Texts) -> &'static str, fn(&ParkRecord, &ParkStatistics, &Texts) -> String);

#[component]
fn CompareTable(profiles: Vec<(ParkRecord, ParkStatistics)>, chosen: RwSignal<CompareUrl>) -> impl IntoView {
    let texts = use_texts();
    let rows: Vec<Row> = vec![
        (|t| t.park_profile, |park, _, t| t.park_type(park.properties.park_type).to_string()),
        (|t| t.park_level, |park, _, t| t.park_level(park.properties.level).to_string()),
        (|t| t.district, |park, _, _| park.properties.district.clone()),
        (
            |t| t.approved_area,
            |park, _, t| {
                park.properties
                    .details
                    .approved_area_mu
                    .map_or(t.not_given.to_string(), |mu| format!("{} {}", number(mu, 0), t.mu))
            },
        ),
        (|t| t.available_land, |_, stats, t| area_mu(stats.land_of(ParcelStatus::Available).area_m2, t)),
        (|t| t.enterprises, |_, stats, _| stats.enterprises.to_string()),
        (
            |t| t.leading_industries,
            |park, _, t| {
                let industries = &park.properties.details.leading_industries;
                let within = ParkCheckRules::default().max_leading_industries.admits(industries.len() as f64);
                format!("{}（{}）", industries.join("、"), if within { t.rule_met } else { t.rule_unmet })
            },
        ),
        (|t| t.tiers_heading, |_, stats, _| stats.tiers.iter().map(|tier| tier.enterprises).sum::<u32>().to_string()),
        (
            |t| t.evaluation_heading,
            |_, stats, t| {
                stats.latest_evaluation.map_or(t.evaluation_none.to_string(), |run| {
                    let c = run.classes;
                    format!("A {} · B {} · C {} · D {}", c.a, c.b, c.c, c.d)
                })
            },
        ),
    ];
    let header = profiles.clone();
    view! {
        <div class="compare__scroll">
            <table class="compare__table">
                <thead>
                    <tr>
                        <th scope="col"></th>
                        {header.into_iter().map(|(park, _)| {
                            let id = park.id;
                            let name = park.properties.name();
                            view! {
                                <th scope="col">
                                    <a href=format!("/parks/{id}")>{move || texts.get().pick(&name).to_string()}</a>
                                    <button class="button button--quiet button--small" type="button" on:click=move |_| chosen.update(|chosen| chosen.remove(id))>
                                        {move || texts.get().compare_remove}
                                    </button>
                                </th>
                            }
                        }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|(label, value)| {
                        let profiles = profiles.clone();
                        view! {
                            <tr>
                                <th scope="row">{move || label(texts.get())}</th>
                                {move || profiles.iter().map(|(park, stats)| view! { <td>{value(park, stats, texts.get())}</td> }).collect_view()}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
