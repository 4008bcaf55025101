//! The atlas page (`/`): every park and parcel on the map, beside the park list and
//! the status legend.

use leptos::prelude::*;
use parkatlas_core::wire::{ClientConfig, Feature, ParcelProperties, ParcelStatus, ParkProperties};

use crate::api::{self, ApiFailure};
use crate::components::legend::Legend;
use crate::components::park_list::ParkList;
use crate::components::states::{Empty, LoadError, Loading};
use crate::i18n::{use_language, use_texts, Language};
use crate::map::ParkMap;

/// Everything the page shows, loaded together so the map draws once.
#[derive(Clone)]
struct Atlas {
    config: ClientConfig,
    parks: Vec<Feature<ParkProperties>>,
    parcels: Vec<Feature<ParcelProperties>>,
}

async fn load_atlas() -> Result<Atlas, ApiFailure> {
    let (config, parks) = futures::try_join!(api::config(), api::parks())?;
    let per_park =
        futures::future::try_join_all(parks.features.iter().map(|park| api::parcels_of_park(park.id))).await?;
    Ok(Atlas { config, parks: parks.features, parcels: per_park.into_iter().flat_map(|c| c.features).collect() })
}

#[component]
pub fn AtlasPage() -> impl IntoView {
    let texts = use_texts();
    let atlas = LocalResource::new(load_atlas);
    view! {
        <Suspense fallback=move || view! { <Loading message=Signal::derive(move || texts.get().loading) /> }>
            {move || {
                atlas
                    .get()
                    .map(|loaded| match loaded {
                        Ok(atlas) if atlas.parks.is_empty() => {
                            view! {
                                <Empty
                                    heading=Signal::derive(move || texts.get().empty_heading)
                                    body=Signal::derive(move || texts.get().empty_body)
                                />
                            }
                                .into_any()
                        }
                        Ok(loaded) => view! { <AtlasView atlas=loaded /> }.into_any(),
                        Err(failure) => {
                            view! {
                                <LoadError
                                    message=Signal::derive(move || failure.describe(texts.get()))
                                    on_retry=move || atlas.refetch()
                                />
                            }
                                .into_any()
                        }
                    })
            }}
        </Suspense>
    }
}

#[component]
fn AtlasView(atlas: Atlas) -> impl IntoView {
    let texts = use_texts();
    let selected = RwSignal::new(None::<i64>);
    let status_counts: Vec<(ParcelStatus, usize)> = ParcelStatus::ALL
        .into_iter()
        .map(|status| (status, atlas.parcels.iter().filter(|p| p.properties.status == status).count()))
        .collect();
    let parcel_total = atlas.parcels.len();
    let language = use_language();
    let names: Vec<(String, String)> =
        atlas.parks.iter().map(|p| (p.properties.name.clone(), p.properties.name_en.clone())).collect();
    let park_names = Signal::derive(move || {
        let english = language.get() == Language::En;
        names.iter().map(|(zh, en)| if english { en.clone() } else { zh.clone() }).collect::<Vec<_>>()
    });
    view! {
        <div class="atlas">
            <ParkMap
                tiles=atlas.config.tiles
                parks=atlas.parks.clone()
                parcels=atlas.parcels
                focus=selected
                park_names=park_names
                label=Signal::derive(move || texts.get().map_label)
            />
            <aside class="panel">
                {atlas
                    .config
                    .demo_data
                    .then(|| {
                        view! {
                            <p class="notice" data-testid="demo-notice">
                                <span class="badge">{move || texts.get().demo_badge}</span>
                                {move || texts.get().demo_note}
                            </p>
                        }
                    })}
                <ParkList parks=atlas.parks selected=selected on_select=move |id| selected.set(Some(id)) />
                <Legend counts=status_counts />
                <p class="panel__footnote">{move || texts.get().parcels_drawn} ": " {parcel_total}</p>
            </aside>
        </div>
    }
}
