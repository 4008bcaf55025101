//! The pieces of the import preview: they show what `pages::workspace::import_preview`
//! made of a file and report mapping changes; they never read files or call the API.

use leptos::prelude::*;
use parkatlas_exchange::parcels::{ColumnMapping, ParcelField};
use parkatlas_exchange::problem::{Item, Problem};

use crate::format::area_mu;
use crate::i18n::{fill, use_texts};
use crate::pages::workspace::import_preview::{EnterpriseFile, ParcelRow};
use crate::pages::workspace::import_texts::{use_import_texts, ImportTexts};

fn field_label(texts: &ImportTexts, field: ParcelField) -> &'static str {
    match field {
        ParcelField::Code => texts.field_code,
        ParcelField::LandUse => texts.field_land_use,
        ParcelField::Status => texts.field_status,
        ParcelField::SupplyMode => texts.field_supply_mode,
        ParcelField::Details => texts.field_details,
    }
}

/// "第 2 个地块" / "Feature 2", "第 5 行" / "Row 5".
fn item_label(texts: &ImportTexts, item: Item) -> String {
    let template = match item {
        Item::Feature(_) => texts.feature,
        Item::Row(_) => texts.row,
    };
    fill(template, &[("number", item.number().to_string())])
}

/// One problem as a line: where, which field, what.
fn problem_line(texts: &ImportTexts, problem: &Problem) -> String {
    match &problem.field {
        Some(field) => format!("{} · {field}: {}", item_label(texts, problem.item), problem.message),
        None => format!("{}: {}", item_label(texts, problem.item), problem.message),
    }
}

/// A select per column of the file, choosing the parcel field it fills (or none), with
/// the unmapped columns and the required fields no column fills.
#[component]
pub fn ColumnMap(
    mapping: ColumnMapping,
    missing: Vec<ParcelField>,
    #[prop(into)] on_map: Callback<(String, Option<ParcelField>)>,
) -> impl IntoView {
    let texts = use_import_texts();
    let unmapped: Vec<String> = mapping.unmapped().map(str::to_string).collect();
    let rows = mapping
        .columns
        .into_iter()
        .enumerate()
        .map(|(index, (column, field))| {
            let id = format!("import-column-{index}");
            let options = ParcelField::ALL
                .into_iter()
                .map(|option| {
                    view! {
                        <option value=option.key() selected=field == Some(option)>
                            {move || field_label(texts.get(), option)}
                        </option>
                    }
                })
                .collect_view();
            let name = column.clone();
            let on_change = move |event| {
                let value = event_target_value(&event);
                let field = ParcelField::ALL.into_iter().find(|field| field.key() == value);
                on_map.run((name.clone(), field));
            };
            view! {
                <tr>
                    <th scope="row"><label for=id.clone()>{column}</label></th>
                    <td>
                        <select id=id on:change=on_change>
                            <option value="" selected=field.is_none()>{move || texts.get().mapping_none}</option>
                            {options}
                        </select>
                    </td>
                </tr>
            }
        })
        .collect_view();
    let missing = (!missing.is_empty()).then(|| {
        view! {
            <p class="import__missing" role="alert">
                {move || {
                    let texts = texts.get();
                    let fields: Vec<&str> = missing.iter().map(|field| field_label(texts, *field)).collect();
                    fill(texts.missing, &[("fields", fields.join("、"))])
                }}
            </p>
        }
    });
    view! {
        <section class="import__mapping">
            <h2>{move || texts.get().mapping_heading}</h2>
            <p>{move || texts.get().mapping_intro}</p>
            <table class="import__table">
                <tbody>{rows}</tbody>
            </table>
            {(!unmapped.is_empty()).then(|| view! {
                <p class="import__unmapped">{move || texts.get().unmapped}{unmapped.join(", ")}</p>
            })}
            {missing}
        </section>
    }
}

/// Every problem of the file, or that there is none.
#[component]
pub fn ProblemList(problems: Vec<Problem>) -> impl IntoView {
    let texts = use_import_texts();
    if problems.is_empty() {
        return view! { <p class="import__ok" role="status">{move || texts.get().no_problems}</p> }.into_any();
    }
    let count = problems.len();
    view! {
        <section class="import__problems" role="alert">
            <h2>{move || fill(texts.get().problems_heading, &[("count", count.to_string())])}</h2>
            <ul>
                {problems.into_iter().map(|problem| view! { <li>{move || problem_line(texts.get(), &problem)}</li> }).collect_view()}
            </ul>
        </section>
    }
    .into_any()
}

/// The parcels of the file, each with its area in 亩 or its problem.
#[component]
pub fn ParcelTable(rows: Vec<ParcelRow>) -> impl IntoView {
    let texts = use_import_texts();
    let app_texts = use_texts();
    let count = rows.len();
    let body = rows
        .into_iter()
        .map(|row| {
            let ParcelRow { item, code, land_use, status, area, problem } = row;
            let class = if problem.is_some() { "import__row import__row--bad" } else { "import__row" };
            let problem = problem.map(|problem| match problem.field {
                Some(field) => format!("{field}: {}", problem.message),
                None => problem.message,
            });
            view! {
                <tr class=class>
                    <td>{item.number()}</td>
                    <td>{code.unwrap_or_default()}</td>
                    <td>{move || land_use.map(|land_use| app_texts.get().land_use(land_use)).unwrap_or_default()}</td>
                    <td>{move || status.map(|status| app_texts.get().parcel_status(status)).unwrap_or_default()}</td>
                    <td class="import__number">{move || area.map(|area| area_mu(area, app_texts.get())).unwrap_or_default()}</td>
                    <td>{problem}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="import__preview">
            <h2>{move || fill(texts.get().features_heading, &[("count", count.to_string())])}</h2>
            <div class="import__scroll">
                <table class="import__table">
                    <thead>
                        <tr>
                            <th scope="col">{move || texts.get().number}</th>
                            <th scope="col">{move || texts.get().code}</th>
                            <th scope="col">{move || texts.get().land_use}</th>
                            <th scope="col">{move || texts.get().status}</th>
                            <th scope="col">{move || texts.get().area}</th>
                            <th scope="col">{move || texts.get().problem}</th>
                        </tr>
                    </thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
        </section>
    }
}

/// The enterprises of a sheet, each with its problem, and how to import them.
#[component]
pub fn EnterpriseTable(file: EnterpriseFile) -> impl IntoView {
    let texts = use_import_texts();
    let problems: Vec<Problem> = file.problems().into_iter().cloned().collect();
    let count = file.rows.len();
    let body = file
        .rows
        .into_iter()
        .map(|row| {
            let (name, credit_code, problem) = match row.body {
                Ok(body) => (body.name, body.credit_code.as_str().to_string(), None),
                Err(problem) => (String::new(), String::new(), Some(problem.to_string())),
            };
            let class = if problem.is_some() { "import__row import__row--bad" } else { "import__row" };
            view! {
                <tr class=class>
                    <td>{row.item.number()}</td>
                    <td>{name}</td>
                    <td>{credit_code}</td>
                    <td>{problem}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p class="import__source">{file.file_name}" · "{file.source}</p>
        <ProblemList problems=problems />
        <section class="import__preview">
            <h2>{move || fill(texts.get().rows_heading, &[("count", count.to_string())])}</h2>
            <div class="import__scroll">
                <table class="import__table">
                    <thead>
                        <tr>
                            <th scope="col">{move || texts.get().number}</th>
                            <th scope="col">{move || texts.get().name}</th>
                            <th scope="col">{move || texts.get().credit_code}</th>
                            <th scope="col">{move || texts.get().problem}</th>
                        </tr>
                    </thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
        </section>
        <p class="import__note">{move || texts.get().enterprises_note}</p>
    }
}
