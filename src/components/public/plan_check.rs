//! "Check my plan": an investor's figures against a parcel's 标准地 conditions, each
//! met or short by how much, recomputed on every keystroke by `parkatlas-core`.

use leptos::prelude::*;
use parkatlas_core::control::{Development, StandardLandTerms, Storey, Verdict};
use parkatlas_core::units::{Mu, SquareMetres};

use crate::format::number;
use crate::i18n::{fill, use_texts, Texts};

/// The figures as typed; an empty field is zero, except energy, which is then unknown.
#[derive(Clone, Copy)]
struct PlanFields {
    investment: RwSignal<String>,
    land_mu: RwSignal<String>,
    footprint: RwSignal<String>,
    floor_low: RwSignal<String>,
    floor_tall: RwSignal<String>,
    green: RwSignal<String>,
    output: RwSignal<String>,
    tax: RwSignal<String>,
    energy: RwSignal<String>,
}

fn figure(text: &RwSignal<String>) -> Result<Option<f64>, String> {
    let text = text.get();
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    text.parse::<f64>().map(Some).map_err(|_| text.to_string())
}

impl PlanFields {
    /// The plan as core reads it, or the text that is not a number.
    fn development(&self, terms: &StandardLandTerms) -> Result<Development, String> {
        let zero = |field: &RwSignal<String>| figure(field).map(|value| value.unwrap_or(0.0));
        let rule = terms.tall_storey;
        Ok(Development {
            land_area_m2: Mu(zero(&self.land_mu)?).to_square_metres(),
            // Only whether a storey is over the rule's height matters to 容积率.
            storeys: vec![
                Storey { floor_area_m2: SquareMetres(zero(&self.floor_low)?), height_m: rule.height_above_m },
                Storey { floor_area_m2: SquareMetres(zero(&self.floor_tall)?), height_m: rule.height_above_m + 1.0 },
            ],
            building_footprint_m2: SquareMetres(zero(&self.footprint)?),
            structure_footprint_m2: SquareMetres(0.0),
            yard_area_m2: SquareMetres(0.0),
            admin_service_area_m2: SquareMetres(0.0),
            green_area_m2: SquareMetres(zero(&self.green)?),
            fixed_asset_investment_wan_yuan: zero(&self.investment)?,
            annual_output_wan_yuan: zero(&self.output)?,
            annual_tax_wan_yuan: zero(&self.tax)?,
            annual_energy_tce: figure(&self.energy)?,
            annual_emissions_t: None,
        })
    }

    fn any_figure(&self) -> bool {
        [
            self.investment,
            self.footprint,
            self.floor_low,
            self.floor_tall,
            self.green,
            self.output,
            self.tax,
            self.energy,
        ]
        .iter()
        .any(|field| !field.get().trim().is_empty())
    }
}

#[component]
pub fn PlanCheck(terms: StandardLandTerms, parcel_area: SquareMetres) -> impl IntoView {
    let texts = use_texts();
    let field = || RwSignal::new(String::new());
    let fields = PlanFields {
        investment: field(),
        // Plain digits: the field is a number input, which takes no thousands separators.
        land_mu: RwSignal::new(format!("{:.2}", parcel_area.to_mu().0)),
        footprint: field(),
        floor_low: field(),
        floor_tall: field(),
        green: field(),
        output: field(),
        tax: field(),
        energy: field(),
    };
    let rule = terms.tall_storey;
    let height = number(rule.height_above_m, 1);
    let times = number(rule.counts_as, 1);
    let report = Memo::new(move |_| {
        if !fields.any_figure() {
            return None;
        }
        Some(fields.development(&terms).and_then(|plan| terms.check_plan(&plan).map_err(|e| e.to_string())))
    });

    let input = move |id: &'static str, signal: RwSignal<String>, label: Signal<String>| {
        view! {
            <label class="field" for=id>
                <span class="field__label">{move || label.get()}</span>
                <input
                    id=id
                    class="field__input"
                    type="number"
                    inputmode="decimal"
                    step="any"
                    prop:value=move || signal.get()
                    on:input=move |event| signal.set(event_target_value(&event))
                />
            </label>
        }
    };
    let text = move |pick: fn(&Texts) -> &'static str| Signal::derive(move || pick(texts.get()).to_string());
    let (low_height, tall_height) = (height.clone(), height);
    let floor_low = Signal::derive(move || fill(texts.get().plan_floor_low, &[("h", low_height.clone())]));
    let floor_tall =
        Signal::derive(move || fill(texts.get().plan_floor_tall, &[("h", tall_height.clone()), ("x", times.clone())]));

    view! {
        <section class="plan-check" aria-labelledby="plan-heading" data-testid="plan-check">
            <h3 id="plan-heading" class="panel__heading">{move || texts.get().plan_heading}</h3>
            <p class="hint">{move || texts.get().plan_intro}</p>
            <div class="plan-check__fields">
                {input("plan-investment", fields.investment, text(|t| t.plan_investment))}
                {input("plan-land", fields.land_mu, text(|t| t.plan_land))}
                {input("plan-footprint", fields.footprint, text(|t| t.plan_footprint))}
                {input("plan-floor-low", fields.floor_low, floor_low)}
                {input("plan-floor-tall", fields.floor_tall, floor_tall)}
                {input("plan-green", fields.green, text(|t| t.plan_green))}
                {input("plan-output", fields.output, text(|t| t.plan_output))}
                {input("plan-tax", fields.tax, text(|t| t.plan_tax))}
                {input("plan-energy", fields.energy, text(|t| t.plan_energy))}
            </div>
            <div class="plan-check__outcome" aria-live="polite" data-testid="plan-outcome">
                {move || match report.get() {
                    None => ().into_any(),
                    Some(Err(problem)) => {
                        view! { <p class="message message--error">{texts.get().plan_problem} {problem}</p> }.into_any()
                    }
                    Some(Ok(report)) => {
                        let unmet = report.assessments.iter().filter(|a| a.verdict != Verdict::Met).count();
                        let texts = texts.get();
                        let summary = if report.all_met {
                            texts.plan_all_met.to_string()
                        } else {
                            fill(texts.plan_some_unmet, &[("n", unmet.to_string())])
                        };
                        view! {
                            <p class=if report.all_met { "message message--ok" } else { "message message--warn" }>{summary}</p>
                            <ul class="verdicts">
                                {report
                                    .assessments
                                    .into_iter()
                                    .map(|assessment| {
                                        let (class, word) = match assessment.verdict {
                                            Verdict::Met => ("verdict verdict--met", texts.verdict_met),
                                            Verdict::Unmet => ("verdict verdict--unmet", texts.verdict_unmet),
                                            Verdict::Undetermined => ("verdict verdict--unknown", texts.verdict_undetermined),
                                        };
                                        view! {
                                            <li class=class>
                                                <span class="verdict__word">{word}</span>
                                                <span class="verdict__name">{texts.pick(&assessment.name).to_string()}</span>
                                                <span class="verdict__why">{texts.pick(&assessment.explanation).to_string()}</span>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                            .into_any()
                    }
                }}
            </div>
        </section>
    }
}
