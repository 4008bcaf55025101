//! Filing a request (提交诉求), phone first: a category with its time limit and its
//! 一次性告知 materials, a title and the details, a pin that starts on the enterprise's own
//! parcel (the address filled in from it), and up to 3 photos prepared in the browser.
//! What is typed is kept as it is typed; the request goes to the outbox, which files it
//! (with its photos) as soon as there is a connection, never twice.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use parkatlas_core::calendar::{service_rules, Category, Limit};
use parkatlas_core::geometry::Shape;
use parkatlas_core::wire::{
    ClientConfig, EnterpriseRecord, Feature, Location, ParcelRecord, ParkProperties, RequestRecord,
};

use super::draft::{Draft, Problem, TextField};
use super::texts::{use_request_texts, RequestTexts};
use crate::api;
use crate::components::requests::deadline::{china_now, Countdown};
use crate::components::requests::photo_picker::PhotoPicker;
use crate::components::shared::field::{Field, FieldKind};
use crate::i18n::{fill, use_texts, Texts};
use crate::map::pin::Pin;
use crate::map::tiles::BaseMap;
use crate::map::ParkMap;
use crate::offline::outbox::{ItemState, Photo, Write};
use crate::offline::use_offline;
use crate::photo::PreparedPhoto;
use crate::signed_in::session::use_session;

/// What the form starts from: the enterprise, its land and the map's data. Each may be
/// missing offline; the form works without them.
#[derive(Clone)]
struct Surroundings {
    enterprise: Option<EnterpriseRecord>,
    parcels: Vec<ParcelRecord>,
    map: Option<(ClientConfig, Vec<Feature<ParkProperties>>)>,
}

async fn surroundings(enterprise_id: Option<i64>) -> Surroundings {
    let Some(id) = enterprise_id else { return Surroundings { enterprise: None, parcels: Vec::new(), map: None } };
    let (enterprise, parcels, config, parks) =
        futures::join!(api::enterprise(id), api::enterprise_parcels(id), api::config(), api::parks());
    Surroundings {
        enterprise: enterprise.ok(),
        parcels: parcels.unwrap_or_default(),
        map: config.ok().zip(parks.ok().map(|parks| parks.features)),
    }
}

/// Where the pin starts: inside the enterprise's first parcel, else inside its park.
fn start_of(surroundings: &Surroundings) -> Option<(Location, Option<i64>)> {
    let inside = |geometry| Shape::from_geojson(geometry).ok().map(|shape| shape.interior_point());
    if let Some((parcel, (lon, lat))) = surroundings.parcels.iter().find_map(|p| Some((p, inside(&p.geometry)?))) {
        return Some((Location { lat, lon }, Some(parcel.id)));
    }
    let park_id = surroundings.enterprise.as_ref()?.park_id;
    let (_, parks) = surroundings.map.as_ref()?;
    let (lon, lat) = parks.iter().find(|park| park.id == park_id).and_then(|park| inside(&park.geometry))?;
    Some((Location { lat, lon }, None))
}

/// The address a pin on the enterprise's land stands for: its parcel code and the park, or
/// the enterprise's registered address.
fn address_of(surroundings: &Surroundings, parcel_id: Option<i64>, texts: &Texts) -> String {
    let parcel = surroundings.parcels.iter().find(|parcel| Some(parcel.id) == parcel_id);
    let park = surroundings.map.as_ref().and_then(|(_, parks)| {
        let park_id = surroundings.enterprise.as_ref()?.park_id;
        parks.iter().find(|park| park.id == park_id)
    });
    match (parcel, park) {
        (Some(parcel), Some(park)) => format!("{} · {}", texts.pick(&park.properties.name()), parcel.properties.code),
        _ => surroundings.enterprise.as_ref().and_then(|e| e.public.address.clone()).unwrap_or_default(),
    }
}

#[component]
pub fn NewRequestPage() -> impl IntoView {
    let texts = use_request_texts();
    let session = use_session();
    let outbox = use_offline().outbox();
    let query = use_query_map();
    let editing = query.with_untracked(|query| query.get("outbox"));
    let draft = RwSignal::new(Draft::load());
    let photos = RwSignal::new(Vec::<PreparedPhoto>::new());
    // An item of the outbox the server refused is edited here, and replaces itself.
    if let Some(operation_id) = editing.clone() {
        leptos::task::spawn_local(async move {
            if let Some(Write::NewRequest { request, .. }) = outbox.write_of(&operation_id).await {
                draft.set(Draft::of(&request));
            }
        });
    }
    Effect::new(move || draft.with(Draft::keep));

    let enterprise_id = session.user().and_then(|user| user.enterprise_id);
    let around = LocalResource::new(move || surroundings(enterprise_id));
    let problem = RwSignal::new(None::<Problem>);
    let operation = RwSignal::new(None::<String>);
    let submit = Action::new_local(move |(request, photos): &(parkatlas_core::wire::NewRequest, Vec<Photo>)| {
        let write = Write::NewRequest { request: request.clone(), photos: photos.clone() };
        let editing = editing.clone();
        async move {
            match editing {
                Some(operation_id) => {
                    outbox.replace(&operation_id, write).await;
                    operation_id
                }
                None => outbox.enqueue(write).await,
            }
        }
    });
    Effect::new(move || {
        if let Some(operation_id) = submit.value().get() {
            Draft::forget();
            draft.set(Draft::default());
            photos.set(Vec::new());
            operation.set(Some(operation_id));
        }
    });
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        match draft.with_untracked(Draft::request) {
            Err(found) => problem.set(Some(found)),
            Ok(request) => {
                problem.set(None);
                let attached = photos.with_untracked(|photos| {
                    photos.iter().map(|photo| Photo { name: photo.name.clone(), blob: photo.blob.clone() }).collect()
                });
                submit.dispatch((request, attached));
            }
        }
    };
    let problem_of = move |field: &'static str| {
        Signal::derive(move || problem.get().filter(|problem| problem.field == field).map(|problem| problem.message))
    };
    let text_field = move |id: &'static str, field: TextField, label: fn(&RequestTexts) -> &'static str, kind| {
        view! {
            <Field
                id
                label=Signal::derive(move || label(texts.get()).to_string())
                value=Signal::derive(move || draft.with(|d| d.text(field).to_string()))
                on_input=move |typed| draft.update(|d| d.set_text(field, typed))
                problem=problem_of(field.name())
                kind
            />
        }
    };

    view! {
        <section class="new-request" aria-labelledby="new-request-heading">
            <a class="back-link" href="/app/requests">{move || texts.get().back_to_list}</a>
            <h1 id="new-request-heading">{move || texts.get().new_heading}</h1>
            <Show when=move || operation.get().is_some()>
                <Receipt operation=operation />
            </Show>
            <form class="new-request__form" on:submit=on_submit novalidate>
                <CategoryChoice draft problem=problem_of("category") />
                {text_field("request-title", TextField::Title, |t| t.new_title, FieldKind::Text)}
                {text_field("request-body", TextField::Body, |t| t.new_body, FieldKind::LongText)}
                <fieldset class="new-request__where">
                    <legend>{move || texts.get().new_location}</legend>
                    <p class="hint">{move || texts.get().new_location_hint}</p>
                    <Suspense fallback=|| ()>
                        {move || around.get().map(|around| view! { <PinPicker around draft /> })}
                    </Suspense>
                    <p class="field__problem" role="alert">{move || problem_of("location").get()}</p>
                    {text_field("request-address", TextField::Address, |t| t.new_address, FieldKind::Text)}
                </fieldset>
                <PhotoPicker photos />
                <p class="message message--error" role="alert" hidden=move || problem.with(|p| p.as_ref().is_none_or(|p| ["category", "title", "body", "address", "location"].contains(&p.field.as_str())))>
                    {move || problem.get().map(|problem| problem.message)}
                </p>
                <button class="button new-request__submit" type="submit" disabled=move || submit.pending().get()>
                    {move || texts.get().new_submit}
                </button>
            </form>
        </section>
    }
}

/// The categories, each with its time limit; the chosen one lists its 一次性告知 materials.
#[component]
fn CategoryChoice(draft: RwSignal<Draft>, #[prop(into)] problem: Signal<Option<String>>) -> impl IntoView {
    let texts = use_request_texts();
    let shared = use_texts();
    let rules = service_rules();
    let limit = move |category: Category| {
        let rule = rules.category(category)?;
        let verb = shared.get().label(rule.kind.label());
        Some(match rule.limit {
            Limit::WorkingDays { count } => {
                fill(texts.get().new_limit_days, &[("days", count.to_string()), ("verb", verb.into())])
            }
            Limit::ClockHours { count } => {
                fill(texts.get().new_limit_hours, &[("hours", count.to_string()), ("verb", verb.into())])
            }
        })
    };
    let chosen = move || draft.with(|d| d.category);
    let materials = move || {
        let category = chosen()?;
        let listed = rules.materials(category);
        let unconfirmed = rules.category(category).is_some_and(|rule| rule.materials_unconfirmed);
        (!listed.is_empty()).then(|| view! {
            <div class="materials" data-testid="materials">
                <h3>{move || texts.get().new_materials}</h3>
                <ul>{listed.iter().map(|material| view! { <li>{move || shared.get().pick(material).to_string()}</li> }).collect_view()}</ul>
                {unconfirmed.then(|| view! { <p class="hint"><span class="tag tag--warn">"待核实"</span>" "{move || texts.get().new_materials_unconfirmed}</p> })}
            </div>
        })
    };
    view! {
        <fieldset class="categories" aria-describedby="category-problem">
            <legend>{move || texts.get().new_category}</legend>
            {Category::ALL.into_iter().map(|category| view! {
                <label class="categories__choice">
                    <input
                        type="radio"
                        name="category"
                        value=category.label().en
                        prop:checked=move || chosen() == Some(category)
                        on:change=move |_| draft.update(|d| d.category = Some(category))
                    />
                    <span class="categories__name">{move || shared.get().label(category.label())}</span>
                    <span class="categories__limit">{move || limit(category)}</span>
                </label>
            }).collect_view()}
            <span id="category-problem" class="field__problem" role="alert">{move || problem.get()}</span>
            {materials}
        </fieldset>
    }
}

/// The map with the enterprise's land and the pin; a tap moves the pin.
#[component]
fn PinPicker(around: Surroundings, draft: RwSignal<Draft>) -> impl IntoView {
    let texts = use_request_texts();
    let shared = use_texts();
    let Some((config, parks)) = around.map.clone() else {
        return view! { <p class="hint">{move || shared.get().error_network}</p> }.into_any();
    };
    let start = start_of(&around);
    // A fresh draft starts on the enterprise's land, the address with it.
    if draft.with_untracked(|d| d.location.is_none()) {
        if let Some((location, parcel_id)) = start {
            let address = address_of(&around, parcel_id, shared.get_untracked());
            draft.update(|d| {
                d.location = Some(location);
                d.parcel_id = parcel_id;
                if d.address.trim().is_empty() {
                    d.address = address;
                }
            });
        }
    }
    let parcels = around.parcels.clone();
    let on_ready = move |handle: crate::map::MapHandle| {
        let json = serde_json::json!({ "features": parcels }).to_string();
        let _ = handle.draw_viewport(&json);
        if let Some(location) = draft.with_untracked(|d| d.location) {
            handle.go_to(location.lat, location.lon, 17.0);
            let pin = Pin::place(&handle, location.lat, location.lon);
            handle.on_tap(move |lat, lon| {
                pin.move_to(lat, lon);
                draft.update(|d| d.location = Some(Location { lat, lon }));
            });
        }
    };
    view! {
        <div class="new-request__map">
            <ParkMap
                config=config.clone()
                parks
                base=BaseMap::default_for(&config)
                start=None
                label=Signal::derive(move || texts.get().new_location)
                on_ready
                on_view=|_| ()
                on_pick=|_| ()
            />
        </div>
    }
    .into_any()
}

/// Where the filed request stands: waiting in the outbox, or filed with its reference
/// and deadline.
#[component]
fn Receipt(operation: RwSignal<Option<String>>) -> impl IntoView {
    let texts = use_request_texts();
    let outbox = use_offline().outbox();
    let item = move || {
        let operation = operation.get()?;
        outbox.items().into_iter().find(|item| item.operation_id == operation)
    };
    move || {
        let item = item()?;
        let filed = item.answer.clone().and_then(|answer| serde_json::from_value::<RequestRecord>(answer).ok());
        Some(match (item.state, filed) {
            (ItemState::Sent, Some(record)) => {
                let (countdown, _) = Countdown::of(&record, china_now());
                let href = format!("/app/requests/{}", record.id);
                view! {
                    <div class="message message--ok" role="status" data-testid="request-receipt">
                        <p class="message__heading">{move || texts.get().new_sent}" · "{move || texts.get().reference}" #"{record.id}</p>
                        <p>{move || texts.get().deadline}": "{move || countdown.describe(texts.get())}</p>
                        <a href=href>{move || texts.get().view_request}</a>
                    </div>
                }
                .into_any()
            }
            (ItemState::NeedsAttention, _) => view! {
                <div class="message message--error" role="alert" data-testid="request-receipt">
                    <p>{item.problem.map(|(_, message)| message)}</p>
                    <a href=item.edit_href>{move || texts.get().new_heading}</a>
                </div>
            }
            .into_any(),
            _ => view! {
                <div class="message message--warn" role="status" data-testid="request-receipt">
                    <p>{move || texts.get().new_queued}</p>
                    <a href="/app/outbox">{move || texts.get().pending_heading}</a>
                </div>
            }
            .into_any(),
        })
    }
}
