//! A parcel's details (side panel on wide screens, bottom sheet on phones): area, land
//! use, status, supply mode, 标准地 terms with the plan check, the park's land-price
//! policy and contact, a share link and the inquiry form.

use leptos::prelude::*;
use parkatlas_core::wire::{Feature, ParcelRecord, ParkProperties};

use crate::api;
use crate::components::public::inquiry_form::InquiryForm;
use crate::components::public::plan_check::PlanCheck;
use crate::components::shared::states::{outcome, Loading};
use crate::components::shared::toggle::ToggleButton;
use crate::format::area_both;
use crate::i18n::{use_texts, Texts};
use crate::theme::parcel_status_colour;

/// `sheet` lets the page see how much of the map the details cover. On phones the sheet
/// opens at half height, so the parcel stays in sight above it, and expands on request.
#[component]
pub fn ParcelDetails(
    id: i64,
    parks: Vec<Feature<ParkProperties>>,
    sheet: NodeRef<leptos::html::Aside>,
    on_close: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let texts = use_texts();
    let parcel = LocalResource::new(move || api::parcel(id));
    let expanded = RwSignal::new(false);
    view! {
        <aside
            class="sheet details"
            class:sheet--expanded=move || expanded.get()
            aria-labelledby="details-heading"
            data-testid="parcel-details"
            node_ref=sheet
        >
            <header class="sheet__header">
                <h2 id="details-heading" class="sheet__title">{move || texts.get().details_heading}</h2>
                <ToggleButton open=expanded controls="details-body" class="sheet__expand">
                    {move || if expanded.get() { texts.get().details_collapse } else { texts.get().details_expand }}
                </ToggleButton>
                <button class="button button--quiet sheet__close" type="button" on:click=move |_| on_close()>
                    {move || texts.get().close}
                </button>
            </header>
            <div class="sheet__body" id="details-body">
                <Suspense fallback=move || view! { <Loading message=Signal::derive(move || texts.get().loading) /> }>
                    {move || {
                        let parks = parks.clone();
                        parcel
                            .get()
                            .map(|loaded| {
                                let show = |record: ParcelRecord| {
                                    let park = parks.into_iter().find(|p| p.id == record.properties.park_id);
                                    view! { <Facts record park /> }.into_any()
                                };
                                outcome(loaded, show, move || parcel.refetch())
                            })
                    }}
                </Suspense>
            </div>
        </aside>
    }
}

#[component]
fn Facts(record: ParcelRecord, park: Option<Feature<ParkProperties>>) -> impl IntoView {
    let texts = use_texts();
    let properties = record.properties;
    let details = properties.details.clone().unwrap_or_default();
    let area = properties.area_m2;
    let status = properties.status;
    let land_use = properties.land_use;
    let park_id = properties.park_id;
    let park_name = park.as_ref().map(|p| p.properties.name());
    let park_details = park.map(|p| p.properties.details).unwrap_or_default();
    let supply_mode = details.supply_mode;
    let occupant = details.occupant_name.clone();
    let terms = details.terms.clone();
    let policy = park_details.land_price_policy.clone();
    let contact = park_details.contact.clone();
    let share = Action::new_local(move |_: &()| copy_link(texts.get_untracked()));

    view! {
        <div class="facts" data-parcel-code=properties.code.clone()>
            <p class="facts__code">
                <span class="status-dot" style:background-color=parcel_status_colour(status)></span>
                <strong>{properties.code.clone()}</strong>
                <span class="facts__status">{move || texts.get().parcel_status(status)}</span>
                {terms.is_some().then(|| view! { <span class="tag">{move || texts.get().standard_land}</span> })}
            </p>
            <dl class="facts__list">
                <dt>{move || texts.get().area}</dt>
                <dd data-testid="parcel-area">
                    {move || area_both(area, texts.get())}
                    <small class="hint">{move || texts.get().area_note}</small>
                </dd>
                <dt>{move || texts.get().land_use}</dt>
                <dd>{move || texts.get().land_use(land_use)}</dd>
                <dt>{move || texts.get().supply_mode}</dt>
                <dd>{move || supply_mode.map_or(texts.get().not_given, |mode| texts.get().supply_mode(mode))}</dd>
                {occupant.map(|name| view! { <dt>{move || texts.get().occupant}</dt><dd>{name}</dd> })}
                <dt>{move || texts.get().park}</dt>
                <dd>
                    <a href=format!("/parks/{park_id}")>
                        {move || park_name.as_ref().map(|name| texts.get().pick(name).to_string())}
                    </a>
                </dd>
            </dl>
            <div class="facts__actions">
                <button class="button" type="button" on:click=move |_| { share.dispatch(()); } data-testid="share">{move || texts.get().share}</button>
                <a class="button button--quiet" href=format!("/parks/{park_id}")>{move || texts.get().open_park}</a>
            </div>
            {move || share.value().get().flatten().map(|text| view! { <p class="message message--ok" role="status" data-testid="share-result">{text}</p> })}

            <section class="terms" aria-labelledby="terms-heading">
                <h3 id="terms-heading" class="panel__heading">{move || texts.get().terms_heading}</h3>
                {match terms.clone() {
                    None => view! { <p class="hint">{move || texts.get().no_terms}</p> }.into_any(),
                    Some(terms) => {
                        let conditions = terms.conditions.clone();
                        view! {
                            <ul class="terms__list">
                                {conditions
                                    .into_iter()
                                    .map(|condition| {
                                        let name = condition.indicator.name();
                                        let limit = condition.limit().describe();
                                        let unconfirmed = condition.unconfirmed;
                                        view! {
                                            <li>
                                                <span>{move || texts.get().pick(&name).to_string()}</span>
                                                <span class="terms__limit">{move || texts.get().pick(&limit).to_string()}</span>
                                                {unconfirmed.then(|| view! { <span class="tag tag--warn">{move || texts.get().unconfirmed}</span> })}
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                            .into_any()
                    }
                }}
            </section>
            {terms.map(|terms| view! { <PlanCheck terms parcel_area=area /> })}

            {policy.map(|policy| {
                view! {
                    <section class="policy" aria-labelledby="policy-heading">
                        <h3 id="policy-heading" class="panel__heading">{move || texts.get().land_price_policy}</h3>
                        <p>{move || texts.get().pick(&policy).to_string()}</p>
                    </section>
                }
            })}
            {contact.map(|contact| {
                view! {
                    <section class="contact" aria-labelledby="contact-heading">
                        <h3 id="contact-heading" class="panel__heading">{move || texts.get().contact_heading}</h3>
                        <p>{contact.department.clone()}</p>
                        <p>
                            {move || texts.get().phone} ": "
                            <a href=format!("tel:{}", contact.phone.replace(['-', ' '], ""))>{contact.phone.clone()}</a>
                        </p>
                        {contact.email.clone().map(|email| {
                            view! { <p>{move || texts.get().email} ": " <a href=format!("mailto:{email}")>{email.clone()}</a></p> }
                        })}
                    </section>
                }
            })}
            <InquiryForm park_id=park_id parcel_id=Some(record.id) />
        </div>
    }
}

/// Copies the page's link, which holds the whole view, and says what became of it.
async fn copy_link(texts: &'static Texts) -> Option<String> {
    let window = web_sys::window()?;
    let url = window.location().href().unwrap_or_default();
    let copied = wasm_bindgen_futures::JsFuture::from(window.navigator().clipboard().write_text(&url)).await;
    Some(match copied {
        Ok(_) => texts.link_copied.to_string(),
        // Clipboard access can be refused; show the link to copy by hand instead.
        Err(_) => format!("{}{url}", texts.share_fallback),
    })
}
