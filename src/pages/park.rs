//! A park's public profile (`/parks/:id`): type and level, leading industries against
//! the ≤ 3 rule, land by status, enterprises and tiers, the class counts of its latest
//! evaluation, policies and contact, and the inquiry form. Park totals only.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use parkatlas_core::park_checks::ParkCheckRules;
use parkatlas_core::units::SquareMetres;
use parkatlas_core::wire::{ParcelStatus, ParkRecord, ParkStatistics};

use crate::api::{self, ApiFailure};
use crate::components::public::inquiry_form::InquiryForm;
use crate::components::shared::states::{outcome, Loading};
use crate::format::{area_both, area_mu, number};
use crate::i18n::{certificate_name, fill, use_texts, Texts};
use crate::theme::{parcel_status_colour, park_type_colour, EVALUATION_CLASS_COLOURS};

pub async fn load_profile(id: i64) -> Result<(ParkRecord, ParkStatistics), ApiFailure> {
    futures::try_join!(api::park(id), api::park_statistics(id))
}

#[component]
pub fn ParkPage() -> impl IntoView {
    let texts = use_texts();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()).unwrap_or(0)));
    let profile = LocalResource::new(move || load_profile(id.get()));
    view! {
        <div class="page-narrow">
            <Suspense fallback=move || view! { <Loading message=Signal::derive(move || texts.get().loading) /> }>
                {move || {
                    profile
                        .get()
                        .map(|loaded| outcome(loaded, |(park, statistics)| view! { <Profile park statistics /> }.into_any(), move || profile.refetch()))
                }}
            </Suspense>
        </div>
    }
}

#[component]
fn Profile(park: ParkRecord, statistics: ParkStatistics) -> impl IntoView {
    let texts = use_texts();
    let properties = park.properties;
    let details = properties.details.clone();
    let park_id = park.id;
    let name = properties.name();
    let park_type = properties.park_type;
    let level = properties.level;
    let industries = details.leading_industries.clone();
    let rule = ParkCheckRules::default().max_leading_industries;
    let within_rule = rule.admits(industries.len() as f64);
    let rule_text = rule.describe();
    let available = statistics.land_of(ParcelStatus::Available).area_m2;
    let compare_href = format!("/compare?parks={park_id}");
    view! {
        <article class="profile" data-testid="park-profile">
            <header class="profile__header">
                <p class="profile__type" style:color=park_type_colour(park_type)>
                    {move || texts.get().park_type(park_type)} " · " {move || texts.get().park_level(level)}
                </p>
                <h1 class="profile__name">{move || texts.get().pick(&name).to_string()}</h1>
                <p class="hint">{properties.district.clone()}</p>
                <div class="facts__actions">
                    <a class="button" href=format!("/?park={park_id}&status=available")>{move || texts.get().view_parcels}</a>
                    <a class="button button--quiet" href=compare_href>{move || texts.get().add_compare}</a>
                </div>
            </header>
            <section class="profile__figures">
                <Figure label=|t| t.approved_area value=Signal::derive(move || {
                    details.approved_area_mu.map(|mu| format!("{} {}", number(mu, 0), texts.get().mu)).unwrap_or_else(|| texts.get().not_given.to_string())
                }) />
                <Figure label=|t| t.available_land value=Signal::derive(move || area_mu(available, texts.get())) />
                <Figure label=|t| t.enterprises value=Signal::derive(move || format!("{} {}", statistics.enterprises, texts.get().enterprises_unit)) />
            </section>
            <section aria-labelledby="industries-heading">
                <h2 id="industries-heading" class="panel__heading">{move || texts.get().leading_industries}</h2>
                <ul class="chips">{industries.iter().map(|name| view! { <li class="chip chip--static">{name.clone()}</li> }).collect_view()}</ul>
                <p class=if within_rule { "message message--ok" } else { "message message--warn" } data-testid="industry-rule">
                    {move || {
                        let texts = texts.get();
                        format!("{} {} {}", industries.len(), if within_rule { texts.rule_met } else { texts.rule_unmet }, texts.pick(&rule_text))
                    }}
                </p>
            </section>
            <LandTable statistics=statistics.clone() />
            <Tiers statistics=statistics.clone() />
            <Classes statistics />
            <p class="hint">{move || texts.get().aggregates_note}</p>
            {details.land_price_policy.clone().map(|policy| view! {
                <section aria-labelledby="policy-heading">
                    <h2 id="policy-heading" class="panel__heading">{move || texts.get().land_price_policy}</h2>
                    <p>{move || texts.get().pick(&policy).to_string()}</p>
                </section>
            })}
            {details.contact.clone().map(|contact| view! {
                <section aria-labelledby="contact-heading">
                    <h2 id="contact-heading" class="panel__heading">{move || texts.get().contact_heading}</h2>
                    <p>{contact.department.clone()} " · " <a href=format!("tel:{}", contact.phone.replace(['-', ' '], ""))>{contact.phone.clone()}</a></p>
                </section>
            })}
            <InquiryForm park_id=park_id parcel_id=None />
        </article>
    }
}

#[component]
fn Figure(label: fn(&Texts) -> &'static str, #[prop(into)] value: Signal<String>) -> impl IntoView {
    let texts = use_texts();
    view! {
        <div class="figure">
            <span class="figure__label">{move || label(texts.get())}</span>
            <span class="figure__value">{move || value.get()}</span>
        </div>
    }
}

#[component]
fn LandTable(statistics: ParkStatistics) -> impl IntoView {
    let texts = use_texts();
    let total: f64 = statistics.land.iter().map(|tally| tally.area_m2.0).sum();
    view! {
        <section aria-labelledby="land-heading">
            <h2 id="land-heading" class="panel__heading">{move || texts.get().land_by_status}</h2>
            <ul class="bars">
                {statistics
                    .land
                    .into_iter()
                    .map(|tally| {
                        let share = if total > 0.0 { tally.area_m2.0 / total * 100.0 } else { 0.0 };
                        view! {
                            <li class="bar">
                                <span class="bar__label">{move || texts.get().parcel_status(tally.status)}</span>
                                <span class="bar__track"><span class="bar__fill" style:width=format!("{share:.1}%") style:background-color=parcel_status_colour(tally.status)></span></span>
                                <span class="bar__value">{tally.parcels} " · " {move || area_mu(tally.area_m2, texts.get())}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <p class="hint">{move || area_both(SquareMetres(total), texts.get())}</p>
        </section>
    }
}

#[component]
fn Tiers(statistics: ParkStatistics) -> impl IntoView {
    let texts = use_texts();
    view! {
        <section aria-labelledby="tiers-heading">
            <h2 id="tiers-heading" class="panel__heading">{move || texts.get().tiers_heading}</h2>
            {if statistics.tiers.is_empty() {
                view! { <p class="hint">{move || texts.get().tiers_none}</p> }.into_any()
            } else {
                view! {
                    <ul class="tally">
                        {statistics.tiers.into_iter().map(|tier| {
                            let name = certificate_name(tier.kind);
                            view! {
                                <li>
                                    <span>{move || texts.get().pick(&name).to_string()}</span>
                                    <strong>{tier.enterprises}</strong>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

/// A class's label, its count and its bar colour.
type ClassRow = (fn(&Texts) -> &'static str, usize, &'static str);

#[component]
fn Classes(statistics: ParkStatistics) -> impl IntoView {
    let texts = use_texts();
    view! {
        <section aria-labelledby="classes-heading" data-testid="park-classes">
            <h2 id="classes-heading" class="panel__heading">{move || texts.get().evaluation_heading}</h2>
            {match statistics.latest_evaluation {
                None => view! { <p class="hint">{move || texts.get().evaluation_none}</p> }.into_any(),
                Some(run) => {
                    let classes = run.classes;
                    let rows: [ClassRow; 4] = [
                        (|t| t.class_a, classes.a, EVALUATION_CLASS_COLOURS[0]),
                        (|t| t.class_b, classes.b, EVALUATION_CLASS_COLOURS[1]),
                        (|t| t.class_c, classes.c, EVALUATION_CLASS_COLOURS[2]),
                        (|t| t.class_d, classes.d, EVALUATION_CLASS_COLOURS[3]),
                    ];
                    let total = (classes.a + classes.b + classes.c + classes.d).max(1) as f64;
                    view! {
                        <p class="hint">{move || fill(texts.get().evaluation_of, &[("year", run.year.to_string()), ("date", run.evaluation_date.to_string())])}</p>
                        <ul class="bars">
                            {rows.into_iter().map(|(label, count, colour)| view! {
                                <li class="bar">
                                    <span class="bar__label">{move || label(texts.get())}</span>
                                    <span class="bar__track"><span class="bar__fill" style:width=format!("{:.1}%", count as f64 / total * 100.0) style:background-color=colour></span></span>
                                    <span class="bar__value">{count}</span>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }
            }}
        </section>
    }
}
