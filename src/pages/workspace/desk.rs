//! The request desk (`/app/workspace/requests`): the inbox of the official's parks by
//! deadline, overdue first ([`RequestRecord::urgency`]), filtered by state, category, park
//! and deadline in the URL, with the count of requests per state.

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use parkatlas_core::calendar::Category;
use parkatlas_core::wire::RequestRecord;

use super::filter::{wire_name, DeskFilter, Due, DESK_PATH};
use super::texts::use_workspace_texts;
use crate::api::{self, ApiFailure};
use crate::components::requests::card::RequestCard;
use crate::components::requests::deadline::china_now;
use crate::components::shared::states::{outcome, Empty, Loading};
use crate::i18n::{fill, use_texts};
use crate::offline::use_offline;
use crate::pages::requests::{self, list::by_urgency};
use crate::signed_in::session::use_session;
use crate::url_state::use_replace_query;

/// The inbox and the names of the parks in it.
#[derive(Debug, Clone)]
struct Inbox {
    records: Vec<RequestRecord>,
    parks: Vec<(i64, String)>,
}

#[component]
pub fn DeskPage() -> impl IntoView {
    let texts = use_workspace_texts();
    let session = use_session();
    let offline = use_offline();
    let location = use_location();
    let filter = Memo::new(move |_| DeskFilter::parse(&location.search.get()));
    let inbox = LocalResource::new(move || async move {
        offline.synced();
        let records = by_urgency(requests::list::load(offline, session).await?);
        let mut park_ids: Vec<i64> = records.iter().map(|record| record.park_id).collect();
        park_ids.sort_unstable();
        park_ids.dedup();
        let names = api::parks().await.ok();
        let name = |id: i64| {
            let park = names.as_ref().and_then(|parks| parks.features.iter().find(|park| park.id == id));
            park.map(|park| park.properties.name.clone()).unwrap_or_else(|| format!("#{id}"))
        };
        Ok::<_, ApiFailure>(Inbox { parks: park_ids.into_iter().map(|id| (id, name(id))).collect(), records })
    });
    view! {
        <section class="desk" aria-labelledby="desk-heading">
            <a class="back-link" href="/app/workspace">{move || texts.get().back_home}</a>
            <h1 id="desk-heading">{move || texts.get().desk_heading}</h1>
            <p class="hint">{move || texts.get().desk_intro}</p>
            <Suspense fallback=move || view! { <Loading message=Signal::derive(move || texts.get().desk_loading) /> }>
                {move || inbox.get().map(|result| {
                    outcome(result, |inbox| view! { <Desk inbox filter /> }.into_any(), move || inbox.refetch())
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Desk(inbox: Inbox, filter: Memo<DeskFilter>) -> impl IntoView {
    let texts = use_workspace_texts();
    let shared = use_texts();
    let replace = use_replace_query(DESK_PATH);
    let now = china_now();
    let records = StoredValue::new(inbox.records);
    let set = move |change: &dyn Fn(&mut DeskFilter)| {
        let mut next = filter.get_untracked();
        change(&mut next);
        replace(&next.to_query());
    };
    let set = StoredValue::new_local(set);
    let on_select = move |key: &'static str| {
        move |event: leptos::ev::Event| {
            let value = event_target_value(&event);
            set.with_value(|set| {
                set(&|filter: &mut DeskFilter| {
                    let parsed = DeskFilter::parse(&format!("{key}={value}"));
                    match key {
                        "state" => filter.state = parsed.state,
                        "category" => filter.category = parsed.category,
                        "park" => filter.park = parsed.park,
                        _ => filter.due = parsed.due,
                    }
                })
            });
        }
    };
    let counts = move || records.with_value(|records| filter.get().counts_by_state(records, now));
    let shown = move || {
        let filter = filter.get();
        records.with_value(|records| {
            records.iter().filter(|record| filter.admits(record, now)).cloned().collect::<Vec<_>>()
        })
    };
    let total = records.with_value(Vec::len);
    let parks = inbox.parks;
    view! {
        <form class="desk__filters" on:submit=|event| event.prevent_default()>
            <label class="desk__filter">
                <span>{move || texts.get().filter_due}</span>
                <select id="desk-due" on:change=on_select("due")>
                    <option value="">{move || texts.get().filter_any}</option>
                    <option value="overdue" prop:selected=move || filter.get().due == Some(Due::Overdue)>{move || texts.get().filter_overdue}</option>
                    <option value="today" prop:selected=move || filter.get().due == Some(Due::Today)>{move || texts.get().filter_today}</option>
                </select>
            </label>
            <label class="desk__filter">
                <span>{move || texts.get().filter_category}</span>
                <select id="desk-category" on:change=on_select("category")>
                    <option value="">{move || texts.get().filter_any}</option>
                    {Category::ALL.into_iter().map(|category| {
                        let label = category.label();
                        let selected = move || filter.get().category == Some(category);
                        view! { <option value=wire_name(&category) prop:selected=selected>{move || shared.get().label(label)}</option> }
                    }).collect_view()}
                </select>
            </label>
            <label class="desk__filter">
                <span>{move || texts.get().filter_park}</span>
                <select id="desk-park" on:change=on_select("park")>
                    <option value="">{move || texts.get().filter_any}</option>
                    {parks.into_iter().map(|(id, name)| {
                        let selected = move || filter.get().park == Some(id);
                        view! { <option value=id.to_string() prop:selected=selected>{name}</option> }
                    }).collect_view()}
                </select>
            </label>
            <a class="button button--quiet desk__clear" href=DESK_PATH>{move || texts.get().filter_clear}</a>
        </form>
        <nav class="chips desk__states" aria-label=move || texts.get().counts_label data-testid="state-counts">
            {move || {
                let current = filter.get();
                let all = DeskFilter { state: None, ..current.clone() };
                let any = view! {
                    <a class="chip" href=all.href() aria-current=current.state.is_none().then_some("page")>
                        {move || texts.get().filter_any}
                    </a>
                };
                let each = counts().into_iter().map(|(state, count)| {
                    let label = state.label();
                    let href = DeskFilter { state: Some(state), ..current.clone() }.href();
                    let here = current.state == Some(state);
                    view! {
                        <a class="chip" href=href aria-current=here.then_some("page") data-state=wire_name(&state)>
                            {move || shared.get().label(label)}" "<span class="chip__count">{count}</span>
                        </a>
                    }
                }).collect_view();
                view! { {any}{each} }
            }}
        </nav>
        {move || {
            let visible = shown();
            let summary = fill(texts.get().shown, &[("shown", visible.len().to_string()), ("total", total.to_string())]);
            if visible.is_empty() {
                return view! {
                    <Empty heading=Signal::derive(move || texts.get().desk_empty_heading) body=Signal::derive(move || texts.get().desk_empty_body) />
                }.into_any();
            }
            view! {
                <p class="hint" role="status">{summary}</p>
                <ul class="request-list" data-testid="desk-list">
                    {visible.into_iter().map(|record| view! { <RequestCard record /> }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}

#[cfg(test)]
mod tests {
    use parkatlas_core::calendar::RequestState;

    use super::*;

    #[test]
    fn every_state_and_category_has_a_wire_name_the_filter_reads_back() {
        for state in RequestState::ALL {
            assert_eq!(DeskFilter::parse(&format!("state={}", wire_name(&state))).state, Some(state));
        }
        for category in Category::ALL {
            assert_eq!(DeskFilter::parse(&format!("category={}", wire_name(&category))).category, Some(category));
        }
    }
}
