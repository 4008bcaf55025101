//! The editing panel of the land page: a parcel's form, and its outline on the map when
//! it is reshaped or drawn new. The map reports taps and drags to the outline draft, the
//! draft is shown back on the map after every change, and a save goes through the outbox.

use leptos::prelude::*;
use parkatlas_core::geometry::ring_geometry;
use parkatlas_core::wire::ParcelRecord;

use super::form::{FormField, ParcelForm};
use super::outline::{OutlineDraft, OutlineFor};
use super::save::{save, Saved};
use super::texts::use_land_texts;
use crate::api::new_operation_id;
use crate::components::land::outline_panel::OutlinePanel;
use crate::components::land::parcel_form::{ParcelConflict, ParcelFields};
use crate::i18n::fill;
use crate::map::decode::polygons_of;
use crate::map::MapHandle;
use crate::offline::outbox::Write;
use crate::offline::use_offline;

/// What the panel edits.
#[derive(Debug, Clone, PartialEq)]
pub enum EditTarget {
    /// A stored parcel: its form, and its outline too when `reshape`.
    Parcel { record: Box<ParcelRecord>, reshape: bool },
    /// A parcel to draw in this park.
    New { park_id: i64 },
}

impl EditTarget {
    /// Whether taps on the map draw (rather than select parcels).
    pub fn draws(&self) -> bool {
        matches!(self, EditTarget::New { .. } | EditTarget::Parcel { reshape: true, .. })
    }
}

/// How the last save ended, for the line under the button.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Said {
    Saved(i64),
    Queued,
    Failed,
}

#[component]
pub fn ParcelEditor(
    target: EditTarget,
    map: RwSignal<Option<MapHandle>, LocalStorage>,
    #[prop(into)] on_saved: Callback<ParcelRecord>,
    #[prop(into)] on_close: Callback<()>,
) -> impl IntoView {
    let texts = use_land_texts();
    let outbox = use_offline().outbox();
    let (stored, park_id) = match &target {
        EditTarget::Parcel { record, .. } => (Some(record.as_ref().clone()), record.properties.park_id),
        EditTarget::New { park_id } => (None, *park_id),
    };
    let form = RwSignal::new(stored.as_ref().map_or_else(ParcelForm::blank, ParcelForm::of));
    let version = RwSignal::new(stored.as_ref().map(|record| record.properties.version));
    let draft = RwSignal::new(match &target {
        EditTarget::Parcel { record, reshape: true } => {
            let polygons = polygons_of(&record.geometry);
            let ring = polygons.first().and_then(|rings| rings.first()).cloned().unwrap_or_default();
            Some(OutlineDraft::reshape(record.id, &ring))
        }
        EditTarget::Parcel { .. } => None,
        EditTarget::New { park_id } => Some(OutlineDraft::new_parcel(*park_id)),
    });
    let stored = StoredValue::new(stored);
    let conflict = RwSignal::new(None::<ParcelRecord>);
    let refused = RwSignal::new(None::<(FormField, String)>);
    let said = RwSignal::new(None::<Said>);
    let operation_id = StoredValue::new(new_operation_id());

    // The map's taps and drags go to the draft; the draft is drawn back after each change.
    Effect::new(move || {
        let drawing = draft.with(Option::is_some);
        map.with(|map| {
            let Some(map) = map.as_ref() else { return };
            if drawing {
                map.listen_to_outline(move |event| draft.update(|draft| draft.iter_mut().for_each(|d| d.apply(event))));
            }
        });
    });
    Effect::new(move || {
        let shown = draft.with(|draft| draft.as_ref().map(OutlineDraft::shown));
        map.with(|map| match (map.as_ref(), shown) {
            (Some(map), Some(shown)) => map.show_outline(&shown),
            (Some(map), None) => map.clear_outline(),
            _ => {}
        });
    });
    on_cleanup(move || {
        map.with_untracked(|map| map.as_ref().map(MapHandle::clear_outline));
    });

    // The geometry to save: the outline drawn, or the stored one.
    let geometry = move || match draft.with(|d| d.as_ref().map(|d| d.corners().to_vec())) {
        Some(corners) => ring_geometry(&corners),
        None => stored
            .with_value(|stored| stored.as_ref().map(|r| r.geometry.clone()))
            .unwrap_or_else(|| ring_geometry(&[])),
    };
    let body = Memo::new(move |_| form.with(|form| form.body(geometry())));
    let problems = Signal::derive(move || {
        let mut shown = body.with(|body| body.as_ref().err().cloned().unwrap_or_default());
        shown.extend(refused.get());
        shown
    });
    let outline_ready = move || draft.with(|d| d.as_ref().is_none_or(|d| d.shape().is_some()));
    Effect::new(move || {
        // A refusal stands until the field it names is typed in again.
        form.track();
        refused.set(None);
    });

    let save_action = Action::new_local(move |write: &Write| {
        let write = write.clone();
        async move {
            said.set(None);
            match save(outbox, operation_id.get_value(), write).await {
                Saved::Done(record) => {
                    operation_id.set_value(new_operation_id());
                    said.set(Some(Said::Saved(record.properties.version)));
                    version.set(Some(record.properties.version));
                    stored.set_value(Some(record.clone()));
                    on_saved.run(record);
                }
                Saved::Conflict(current) => {
                    operation_id.set_value(new_operation_id());
                    conflict.set(Some(current));
                }
                Saved::Refused { field, message } => {
                    operation_id.set_value(new_operation_id());
                    refused.set(Some((FormField::of_server(field.as_deref().unwrap_or("code")), message)));
                }
                Saved::Failed => said.set(Some(Said::Failed)),
                Saved::Queued => said.set(Some(Said::Queued)),
            }
        }
    });
    let saving = save_action.pending();
    let send = move || {
        let Ok(body) = body.get_untracked() else { return };
        if !outline_ready() {
            return;
        }
        let parcel = stored.with_value(|stored| stored.as_ref().map(|record| record.id)).zip(version.get_untracked());
        let park_id = match draft.with_untracked(|d| d.as_ref().map(|d| d.purpose)) {
            Some(OutlineFor::NewParcel { park_id }) => park_id,
            _ => park_id,
        };
        save_action.dispatch(Write::Parcel { park_id, parcel, body });
    };
    let on_save_over = Callback::new(move |()| {
        if let Some(current) = conflict.get_untracked() {
            version.set(Some(current.properties.version));
            conflict.set(None);
            send();
        }
    });
    let on_take_theirs = Callback::new(move |()| {
        if let Some(current) = conflict.get_untracked() {
            form.set(ParcelForm::of(&current));
            version.set(Some(current.properties.version));
            stored.set_value(Some(current));
            conflict.set(None);
        }
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        send();
    };
    let heading = move || match stored.with_value(|s| s.as_ref().map(|r| r.properties.code.clone())) {
        Some(code) => code,
        None => texts.get().new_parcel_heading.to_string(),
    };
    let said_line = move || {
        said.get().map(|said| match said {
            Said::Saved(version) => fill(texts.get().saved, &[("version", version.to_string())]),
            Said::Queued => texts.get().queued.to_string(),
            Said::Failed => texts.get().failed.to_string(),
        })
    };
    let blocked = move || problems.with(|p| p.len()) + usize::from(!outline_ready());
    let has_outline = Memo::new(move |_| draft.with(Option::is_some));
    let outline = move || {
        has_outline.get().then(|| {
            let shown = Signal::derive(move || draft.get().unwrap_or_else(|| OutlineDraft::new_parcel(park_id)));
            let on_finish = move |()| draft.update(|d| d.iter_mut().for_each(OutlineDraft::finish));
            let on_delete = move |()| draft.update(|d| d.iter_mut().for_each(OutlineDraft::delete_corner));
            view! { <OutlinePanel draft=shown on_finish on_delete on_cancel=on_close /> }
        })
    };

    view! {
        <form class="land-editor" on:submit=submit novalidate>
            <div class="land-editor__head">
                <h2>{heading}</h2>
                <button type="button" class="button button--quiet" on:click=move |_| on_close.run(())>
                    {move || texts.get().close}
                </button>
            </div>
            {outline}
            {move || conflict.get().map(|current| view! { <ParcelConflict current on_save_over on_take_theirs /> })}
            <ParcelFields form problems />
            <p class="field__problem" role="alert" data-testid="geometry-problem">
                {move || problems.with(|p| p.iter().find(|(f, _)| *f == FormField::Geometry).map(|(_, m)| m.clone()))}
            </p>
            <div class="actions">
                <button type="submit" class="button" data-testid="save-parcel" disabled=move || saving.get() || blocked() != 0>
                    {move || if saving.get() { texts.get().saving } else { texts.get().save }}
                </button>
            </div>
            <p class="hint" role="status" data-testid="save-said">{said_line}</p>
        </form>
    }
}
