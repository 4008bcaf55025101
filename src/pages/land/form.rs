//! A parcel's status, land use, code and 标准地 terms as typed, checked with core's rules
//! for a parcel body as the officer types, and turned into the body of `PUT /parcels/{id}`
//! or `POST /parks/{id}/parcels`.

use parkatlas_core::control::{Bound, Condition, ControlIndicator, StandardLandTerms, TallStoreyRule};
use parkatlas_core::text::quoted;
use parkatlas_core::wire::{LandUse, ParcelBody, ParcelDetails, ParcelRecord, ParcelStatus};

/// The terms a 标准地 parcel is usually offered with: offered as empty rows when a parcel
/// has none of them yet.
const USUAL_TERMS: [(ControlIndicator, Bound); 4] = [
    (ControlIndicator::FloorAreaRatio, Bound::AtLeast),
    (ControlIndicator::InvestmentPerMu, Bound::AtLeast),
    (ControlIndicator::OutputPerMu, Bound::AtLeast),
    (ControlIndicator::TaxPerMu, Bound::AtLeast),
];

/// One condition of the terms as typed; an empty value leaves the condition out.
#[derive(Debug, Clone, PartialEq)]
pub struct TermRow {
    pub indicator: ControlIndicator,
    pub bound: Bound,
    pub text: String,
    pub unconfirmed: bool,
}

/// A field of the form, to put a problem beside.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FormField {
    Code,
    Status,
    LandUse,
    Term(usize),
    Geometry,
}

impl FormField {
    /// The form field a server's field name points at (`details.terms` at the first term).
    pub fn of_server(field: &str) -> FormField {
        match field {
            "code" => FormField::Code,
            "status" => FormField::Status,
            "land_use" => FormField::LandUse,
            "geometry" => FormField::Geometry,
            _ if field.starts_with("details.terms") => FormField::Term(0),
            _ => FormField::Code,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ParcelForm {
    pub code: String,
    pub status: ParcelStatus,
    pub land_use: LandUse,
    pub terms: Vec<TermRow>,
    /// The record's details besides the terms, sent back unchanged.
    details: ParcelDetails,
    tall_storey: TallStoreyRule,
}

impl ParcelForm {
    /// The form for a stored parcel, its terms first, then the usual ones it lacks.
    pub fn of(record: &ParcelRecord) -> ParcelForm {
        let properties = &record.properties;
        let details = properties.details.clone().unwrap_or_default();
        let terms = details.terms.as_ref();
        let mut rows: Vec<TermRow> = terms
            .map(|terms| {
                terms
                    .conditions
                    .iter()
                    .map(|c| TermRow {
                        indicator: c.indicator,
                        bound: c.bound,
                        text: c.value.to_string(),
                        unconfirmed: c.unconfirmed,
                    })
                    .collect()
            })
            .unwrap_or_default();
        for (indicator, bound) in USUAL_TERMS {
            if !rows.iter().any(|row| row.indicator == indicator && row.bound == bound) {
                rows.push(TermRow { indicator, bound, text: String::new(), unconfirmed: false });
            }
        }
        ParcelForm {
            code: properties.code.clone(),
            status: properties.status,
            land_use: properties.land_use,
            terms: rows,
            tall_storey: terms.map_or_else(TallStoreyRule::edition_2008, |terms| terms.tall_storey),
            details,
        }
    }

    /// The form for a parcel just drawn: available industrial land, no terms yet.
    pub fn blank() -> ParcelForm {
        let mut form = ParcelForm {
            code: String::new(),
            status: ParcelStatus::Available,
            land_use: LandUse::Industrial,
            terms: Vec::new(),
            details: ParcelDetails::default(),
            tall_storey: TallStoreyRule::edition_2008(),
        };
        form.terms = USUAL_TERMS
            .iter()
            .map(|&(indicator, bound)| TermRow { indicator, bound, text: String::new(), unconfirmed: false })
            .collect();
        form
    }

    /// The body to send with `geometry`, or every problem at once, each beside its field:
    /// numbers that do not read, then the first of core's problems with the body.
    pub fn body(&self, geometry: geojson::Geometry) -> Result<ParcelBody, Vec<(FormField, String)>> {
        let mut problems = Vec::new();
        let mut conditions = Vec::new();
        for (index, row) in self.terms.iter().enumerate() {
            let text = row.text.trim();
            if text.is_empty() {
                continue;
            }
            match text.parse::<f64>() {
                Ok(value) if value.is_finite() && value >= 0.0 => conditions.push(Condition {
                    indicator: row.indicator,
                    bound: row.bound,
                    value,
                    unconfirmed: row.unconfirmed,
                }),
                _ => problems.push((FormField::Term(index), format!("{}: enter a number of at least 0", quoted(text)))),
            }
        }
        let mut details = self.details.clone();
        details.occupant_name = None;
        details.terms = (!conditions.is_empty()).then(|| StandardLandTerms {
            parcel_code: self.code.trim().to_owned(),
            tall_storey: self.tall_storey,
            conditions,
        });
        let body = ParcelBody {
            code: self.code.trim().to_owned(),
            land_use: self.land_use,
            status: self.status,
            geometry,
            details,
        };
        if let Some((field, problem)) = body.problem() {
            problems.push((FormField::of_server(field), problem));
        }
        if problems.is_empty() {
            Ok(body)
        } else {
            Err(problems)
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn record() -> ParcelRecord {
        serde_json::from_value(json!({
            "type": "Feature", "id": 12,
            "geometry": {"type": "Polygon", "coordinates": [[[114.4, 30.5], [114.401, 30.5], [114.401, 30.501], [114.4, 30.5]]]},
            "properties": {"park_id": 1, "code": "GG-2025-017", "land_use": "industrial", "status": "idle",
                "area_m2": 6000.0, "version": 4, "details": {
                    "supply_dates": {"supplied_on": "2023-01-10"}, "occupant_name": "星河光电",
                    "terms": {"parcel_code": "GG-2025-017", "tall_storey": {"height_above_m": 8.0, "counts_as": 2.0},
                        "conditions": [{"indicator": "floor_area_ratio", "bound": "at_most", "value": 2.5},
                                       {"indicator": "tax_per_mu", "bound": "at_least", "value": 25.0, "unconfirmed": true}]}}}
        }))
        .unwrap()
    }

    #[test]
    fn a_stored_parcel_opens_with_its_terms_then_the_usual_ones_it_lacks() {
        let form = ParcelForm::of(&record());
        let rows: Vec<_> = form.terms.iter().map(|row| (row.indicator, row.bound, row.text.as_str())).collect();
        assert_eq!(rows[0], (ControlIndicator::FloorAreaRatio, Bound::AtMost, "2.5"));
        assert_eq!(rows[1], (ControlIndicator::TaxPerMu, Bound::AtLeast, "25"));
        assert_eq!(rows.len(), 5, "容积率 ≥, 投资强度, 亩均产值 added; 亩均税收 ≥ was there");
        assert!(form.terms[1].unconfirmed);
    }

    #[test]
    fn the_body_keeps_the_details_and_the_filled_terms_only() {
        let mut form = ParcelForm::of(&record());
        form.status = ParcelStatus::UnderConstruction;
        form.terms[2].text = "1.2".into();
        let body = form.body(record().geometry).unwrap();
        assert_eq!(body.status, ParcelStatus::UnderConstruction);
        let terms = body.details.terms.unwrap();
        assert_eq!(terms.conditions.len(), 3);
        assert!(terms.conditions[1].unconfirmed, "the 待核实 mark stays");
        assert_eq!(terms.conditions[2].value, 1.2);
        assert_eq!(body.details.supply_dates, record().properties.details.unwrap().supply_dates);
        assert_eq!(body.details.occupant_name, None, "the server fills it; it is not sent");
    }

    #[test]
    fn every_problem_is_named_beside_its_field() {
        let mut form = ParcelForm::of(&record());
        form.terms[0].text = "两点五".into();
        form.terms[3].text = "-3".into();
        form.code = "GG 2025".into();
        let problems = form.body(record().geometry).unwrap_err();
        let fields: Vec<FormField> = problems.iter().map(|(field, _)| *field).collect();
        assert_eq!(fields, [FormField::Term(0), FormField::Term(3), FormField::Code]);
        assert!(problems[2].1.contains("letters, digits"), "{}", problems[2].1);
    }

    #[test]
    fn a_drawn_parcel_starts_blank_and_needs_a_code() {
        let form = ParcelForm::blank();
        let problems = form.body(record().geometry).unwrap_err();
        assert_eq!(problems, [(FormField::Code, "is empty".to_string())]);
        let body = ParcelForm { code: "GG-2026-001".into(), ..form }.body(record().geometry).unwrap();
        assert_eq!(body.details.terms, None, "no term typed, no terms");
    }

    #[test]
    fn the_server_fields_point_at_the_form_fields() {
        assert_eq!(FormField::of_server("details.terms"), FormField::Term(0));
        assert_eq!(FormField::of_server("geometry"), FormField::Geometry);
        assert_eq!(FormField::of_server("status"), FormField::Status);
    }
}
