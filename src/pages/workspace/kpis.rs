//! The desk's KPIs (`/app/workspace/requests/kpis`): 办结率, 按时办结率, 响应率, 满意率 and the
//! median time to close over a chosen period (the last 30 days unless changed), per park and
//! per category, as a table and as bars. The formulas are core's ([`desk_kpis_by`]).

use leptos::prelude::*;
use parkatlas_core::calendar::{service_rules, working_calendar, Kpi};
use parkatlas_core::wire::{desk_kpis_by, DeskKpis, Period};

use super::texts::{use_workspace_texts, WorkspaceTexts};
use crate::api::{self, ApiFailure};
use crate::components::requests::deadline::china_now;
use crate::components::shared::states::{outcome, Loading};
use crate::i18n::{fill, use_texts};
use crate::offline::use_offline;
use crate::pages::requests;
use crate::signed_in::session::use_session;

/// A rate as the page shows it: `87.5%`, or a dash when there is nothing to divide by.
pub fn percent(kpi: &Kpi) -> String {
    kpi.ratio.map(|ratio| format!("{:.1}%", ratio * 100.0)).unwrap_or_else(|| "—".into())
}

/// A duration in whole hours, as days and hours from a day on.
pub fn duration(hours: Option<f64>, texts: &WorkspaceTexts) -> String {
    let Some(hours) = hours else { return "—".into() };
    let whole = hours.round() as i64;
    if whole >= 24 {
        fill(texts.median_days_hours, &[("days", (whole / 24).to_string()), ("hours", (whole % 24).to_string())])
    } else {
        fill(texts.median_hours, &[("hours", whole.to_string())])
    }
}

/// One group's row: its name and KPIs.
type Row = (String, DeskKpis);

#[component]
pub fn KpisPage() -> impl IntoView {
    let texts = use_workspace_texts();
    let session = use_session();
    let offline = use_offline();
    let today = china_now().date();
    let default = Period::last_days(today, 30);
    let from = RwSignal::new(default.from.to_string());
    let to = RwSignal::new(default.to.to_string());
    let data = LocalResource::new(move || async move {
        offline.synced();
        let result = requests::list::load(offline, session).await;
        let parks = api::parks().await.ok();
        let names: Vec<(i64, String)> = parks
            .map(|parks| parks.features.into_iter().map(|park| (park.id, park.properties.name)).collect())
            .unwrap_or_default();
        Ok::<_, ApiFailure>((result?, names))
    });
    let period = move || {
        let parse = |text: String| chrono::NaiveDate::parse_from_str(&text, "%Y-%m-%d").ok();
        let period = Period { from: parse(from.get())?, to: parse(to.get())? };
        period.problem().is_none().then_some(period)
    };
    view! {
        <section class="desk kpis" aria-labelledby="kpis-heading">
            <a class="back-link" href="/app/workspace">{move || texts.get().back_home}</a>
            <h1 id="kpis-heading">{move || texts.get().kpis_heading}</h1>
            <p class="hint">{move || texts.get().kpis_intro}</p>
            <div class="desk__filters">
                <label class="desk__filter">
                    <span>{move || texts.get().kpis_from}</span>
                    <input type="date" id="kpis-from" prop:value=from on:change=move |e| from.set(event_target_value(&e)) />
                </label>
                <label class="desk__filter">
                    <span>{move || texts.get().kpis_to}</span>
                    <input type="date" id="kpis-to" prop:value=to on:change=move |e| to.set(event_target_value(&e)) />
                </label>
            </div>
            <Suspense fallback=move || view! { <Loading message=Signal::derive(move || texts.get().desk_loading) /> }>
                {move || data.get().map(|result| outcome(result, move |(records, names)| {
                    let records = StoredValue::new(records);
                    let names = StoredValue::new(names);
                    (move || {
                        let Some(period) = period() else { return ().into_any() };
                        let (rules, calendar) = (service_rules(), working_calendar());
                        let park_name = |id: i64| names.with_value(|names| {
                            names.iter().find(|(park, _)| *park == id).map(|(_, name)| name.clone()).unwrap_or_else(|| format!("#{id}"))
                        });
                        let by_park = records.with_value(|records| desk_kpis_by(rules, calendar, records, period, |r| r.park_id));
                        let by_category = records.with_value(|records| desk_kpis_by(rules, calendar, records, period, |r| r.category));
                        let (Ok(by_park), Ok(by_category)) = (by_park, by_category) else { return ().into_any() };
                        let parks: Vec<Row> = by_park.into_iter().map(|(id, kpis)| (park_name(id), kpis)).collect();
                        let categories: Vec<(parkatlas_core::text::Label, DeskKpis)> =
                            by_category.into_iter().map(|(category, kpis)| (category.label(), kpis)).collect();
                        view! { <KpiGroups parks categories /> }.into_any()
                    }).into_any()
                }, move || data.refetch()))}
            </Suspense>
        </section>
    }
}

#[component]
fn KpiGroups(parks: Vec<Row>, categories: Vec<(parkatlas_core::text::Label, DeskKpis)>) -> impl IntoView {
    let texts = use_workspace_texts();
    let shared = use_texts();
    if parks.is_empty() {
        return view! { <p class="hint" data-testid="kpis-empty">{move || texts.get().kpis_empty}</p> }.into_any();
    }
    let definitions = parks.first().map(|(_, kpis)| {
        [&kpis.completion, &kpis.on_time, &kpis.response, &kpis.satisfaction].map(|kpi| kpi.explanation.clone())
    });
    let categories: Vec<Row> =
        categories.into_iter().map(|(label, kpis)| (shared.get_untracked().label(label).to_string(), kpis)).collect();
    view! {
        <h2>{move || texts.get().kpis_by_park}</h2>
        <KpiTable rows=parks.clone() testid="kpis-parks" label=|t| t.kpis_by_park />
        <KpiBars rows=parks />
        <h2>{move || texts.get().kpis_by_category}</h2>
        <KpiTable rows=categories testid="kpis-categories" label=|t| t.kpis_by_category />
        {definitions.map(|definitions| view! {
            <details class="request__explanation">
                <summary>{move || texts.get().kpis_definitions}</summary>
                <ul>{definitions.into_iter().map(|text| view! { <li>{move || shared.get().pick(&text).to_string()}</li> }).collect_view()}</ul>
            </details>
        })}
    }
    .into_any()
}

#[component]
/// `label` names the table's scroll region: each region of a page needs its own name.
fn KpiTable(rows: Vec<Row>, testid: &'static str, label: fn(&WorkspaceTexts) -> &'static str) -> impl IntoView {
    let texts = use_workspace_texts();
    let header =
        |label: fn(&WorkspaceTexts) -> &'static str| view! { <th scope="col">{move || label(texts.get())}</th> };
    view! {
        <div class="kpis__scroll" tabindex="0" role="region" aria-label=move || label(texts.get())>
            <table class="kpis__table" data-testid=testid>
                <thead><tr>
                    {header(|t| t.kpi_group)}{header(|t| t.kpi_requests)}{header(|t| t.kpi_completion)}
                    {header(|t| t.kpi_on_time)}{header(|t| t.kpi_response)}{header(|t| t.kpi_satisfaction)}{header(|t| t.kpi_median)}
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|(name, kpis)| {
                        let unconfirmed = kpis.satisfaction.unconfirmed;
                        let median = kpis.median_hours_to_close;
                        view! {
                            <tr>
                                <th scope="row">{name}</th>
                                <td>{kpis.requests}</td>
                                <td>{percent(&kpis.completion)}</td>
                                <td>{percent(&kpis.on_time)}</td>
                                <td>{percent(&kpis.response)}</td>
                                <td>
                                    {percent(&kpis.satisfaction)}
                                    {unconfirmed.then(|| view! { " " <span class="tag tag--unconfirmed">{move || texts.get().kpi_unconfirmed}</span> })}
                                </td>
                                <td>{move || duration(median, texts.get())}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// The four rates of each group as horizontal bars, one row of bars per group.
#[component]
fn KpiBars(rows: Vec<Row>) -> impl IntoView {
    let texts = use_workspace_texts();
    const BAR: f64 = 10.0;
    const LABEL: f64 = 120.0;
    const WIDTH: f64 = 300.0;
    let group_height = BAR * 4.0 + 16.0;
    let height = group_height * rows.len() as f64;
    let names: [fn(&WorkspaceTexts) -> &'static str; 4] =
        [|t| t.kpi_completion, |t| t.kpi_on_time, |t| t.kpi_response, |t| t.kpi_satisfaction];
    view! {
        <figure class="kpis__chart">
            <figcaption>{move || texts.get().kpis_chart}</figcaption>
            <svg viewBox=format!("0 0 {} {height}", LABEL + WIDTH + 50.0) role="img" aria-label=move || texts.get().kpis_chart>
                {rows.into_iter().enumerate().map(|(group, (name, kpis))| {
                    let top = group as f64 * group_height;
                    let rates = [&kpis.completion, &kpis.on_time, &kpis.response, &kpis.satisfaction];
                    let bars = rates.into_iter().enumerate().map(|(i, kpi)| {
                        let y = top + 14.0 + i as f64 * BAR;
                        let width = kpi.ratio.unwrap_or(0.0) * WIDTH;
                        let name = names[i];
                        view! {
                            <text class="kpis__bar-label" x=LABEL - 4.0 y=y + BAR * 0.8 text-anchor="end">{move || name(texts.get())}</text>
                            <rect class=format!("kpis__bar kpis__bar--{i}") x=LABEL y=y width=width height=BAR - 2.0 />
                            <text class="kpis__bar-value" x=LABEL + width + 4.0 y=y + BAR * 0.8>{percent(kpi)}</text>
                        }
                    }).collect_view();
                    view! { <text class="kpis__group" x="0" y=top + 10.0>{name}</text>{bars} }
                }).collect_view()}
            </svg>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use parkatlas_core::text::Bilingual;

    use super::*;
    use crate::pages::workspace::texts::{WORKSPACE_EN, WORKSPACE_ZH};

    #[test]
    fn rates_and_durations_read_as_people_say_them() {
        let kpi = |ratio| Kpi {
            numerator: 0.0,
            denominator: 0,
            ratio,
            unconfirmed: false,
            explanation: Bilingual::new("", ""),
        };
        assert_eq!(percent(&kpi(Some(0.875))), "87.5%");
        assert_eq!(percent(&kpi(None)), "—");
        assert_eq!(duration(Some(49.4), &WORKSPACE_ZH), "2 天 1 小时");
        assert_eq!(duration(Some(5.6), &WORKSPACE_EN), "6 h");
        assert_eq!(duration(None, &WORKSPACE_ZH), "—");
    }
}
