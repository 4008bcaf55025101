//! What the land page keeps in step, as plain types: its URL (`?flag=idle&parcel=12`),
//! and the officer's parcels with the flags core raises on them (spec §3), listed by flag.

use chrono::NaiveDate;
use parkatlas_core::control::{IdleLandRule, LandFlag, LandFlagKind};
use parkatlas_core::units::SquareMetres;
use parkatlas_core::wire::ParcelRecord;

/// The flags in the order the page lists them.
pub const FLAG_KINDS: [LandFlagKind; 3] =
    [LandFlagKind::Idle, LandFlagKind::ApprovedNotSupplied, LandFlagKind::LowEfficiency];

/// The key of a flag in the URL: the words the workspace home links with.
pub fn flag_key(kind: LandFlagKind) -> &'static str {
    match kind {
        LandFlagKind::Idle => "idle",
        LandFlagKind::ApprovedNotSupplied => "unsupplied",
        LandFlagKind::LowEfficiency => "low_efficiency",
    }
}

/// The land page's shareable state: `?flag=idle&parcel=12`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LandUrl {
    /// The list shown; `None` lists every flagged parcel.
    pub flag: Option<LandFlagKind>,
    pub parcel: Option<i64>,
}

impl LandUrl {
    /// Reads a query string (with or without its `?`); unknown flags and ids are dropped.
    pub fn parse(query: &str) -> LandUrl {
        let mut url = LandUrl::default();
        for (key, value) in form_urlencoded::parse(query.trim_start_matches('?').as_bytes()) {
            match key.as_ref() {
                "flag" => url.flag = FLAG_KINDS.into_iter().find(|kind| flag_key(*kind) == value),
                "parcel" => url.parcel = value.parse().ok().filter(|id| *id > 0),
                _ => {}
            }
        }
        url
    }

    /// The query string, without `?`.
    pub fn to_query(&self) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        if let Some(flag) = self.flag {
            query.append_pair("flag", flag_key(flag));
        }
        if let Some(parcel) = self.parcel {
            query.append_pair("parcel", &parcel.to_string());
        }
        query.finish()
    }
}

/// A parcel of the officer's parks with what core flags on it.
#[derive(Debug, Clone, PartialEq)]
pub struct FlaggedParcel {
    pub record: ParcelRecord,
    pub flags: Vec<LandFlag>,
}

impl FlaggedParcel {
    pub fn id(&self) -> i64 {
        self.record.id
    }

    pub fn has(&self, kind: LandFlagKind) -> bool {
        self.flags.iter().any(|flag| flag.kind == kind)
    }
}

/// The parcels of the parks an account manages (`None`: every park, an admin), each with
/// its flags as of `today`; the list keeps every parcel, flagged or not, so that any can
/// be selected and edited.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LandBook {
    pub parcels: Vec<FlaggedParcel>,
}

impl LandBook {
    pub fn new(records: Vec<ParcelRecord>, parks: Option<&[i64]>, today: NaiveDate) -> LandBook {
        let rule = IdleLandRule::default();
        let mut parcels: Vec<FlaggedParcel> = records
            .into_iter()
            .filter(|record| parks.is_none_or(|parks| parks.contains(&record.properties.park_id)))
            .map(|record| {
                let flags = record
                    .properties
                    .details
                    .as_ref()
                    .and_then(|details| details.flags(today, &rule).ok())
                    .unwrap_or_default();
                FlaggedParcel { record, flags }
            })
            .collect();
        parcels.sort_by(|a, b| a.record.properties.code.cmp(&b.record.properties.code));
        LandBook { parcels }
    }

    /// The parcels carrying `flag` (every flagged parcel when `None`).
    pub fn listed(&self, flag: Option<LandFlagKind>) -> Vec<&FlaggedParcel> {
        self.parcels
            .iter()
            .filter(|parcel| match flag {
                Some(kind) => parcel.has(kind),
                None => !parcel.flags.is_empty(),
            })
            .collect()
    }

    pub fn count(&self, flag: LandFlagKind) -> usize {
        self.parcels.iter().filter(|parcel| parcel.has(flag)).count()
    }

    /// The total area of the parcels carrying `flag`.
    pub fn area(&self, flag: LandFlagKind) -> SquareMetres {
        SquareMetres(self.parcels.iter().filter(|p| p.has(flag)).map(|p| p.record.properties.area_m2.0).sum())
    }

    pub fn get(&self, id: i64) -> Option<&FlaggedParcel> {
        self.parcels.iter().find(|parcel| parcel.id() == id)
    }

    /// The ids the map keeps bright for a list.
    pub fn ids(&self, flag: Option<LandFlagKind>) -> Vec<i64> {
        self.listed(flag).iter().map(|parcel| parcel.id()).collect()
    }

    /// Puts a parcel the server just answered with in place (or adds a new one), flagged again.
    pub fn replace(&mut self, record: ParcelRecord, today: NaiveDate) {
        let id = record.id;
        let fresh = LandBook::new(vec![record], None, today).parcels.pop();
        self.parcels.retain(|parcel| parcel.id() != id);
        self.parcels.extend(fresh);
        self.parcels.sort_by(|a, b| a.record.properties.code.cmp(&b.record.properties.code));
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn parcel(id: i64, park_id: i64, code: &str, dates: serde_json::Value) -> ParcelRecord {
        serde_json::from_value(json!({
            "type": "Feature", "id": id,
            "geometry": {"type": "Polygon", "coordinates": [[[114.4, 30.5], [114.401, 30.5], [114.401, 30.501], [114.4, 30.5]]]},
            "properties": {"park_id": park_id, "code": code, "land_use": "industrial", "status": "granted",
                "area_m2": 6000.0, "version": 1, "details": {"supply_dates": dates}}
        }))
        .unwrap()
    }

    fn book(parks: Option<&[i64]>) -> LandBook {
        let records = vec![
            parcel(3, 1, "GG-3", json!({"supplied_on": "2023-01-10"})),
            parcel(1, 1, "GG-1", json!({"approved_on": "2022-05-01"})),
            parcel(
                2,
                2,
                "DH-2",
                json!({"approved_on": "2020-01-01", "supplied_on": "2020-06-01", "construction_started_on": "2020-09-01"}),
            ),
        ];
        LandBook::new(records, parks, date("2026-12-07"))
    }

    #[test]
    fn the_url_keeps_the_flag_and_the_parcel_and_drops_what_it_cannot_use() {
        let url = LandUrl::parse("?flag=unsupplied&parcel=12&at=1,2,3");
        assert_eq!(url, LandUrl { flag: Some(LandFlagKind::ApprovedNotSupplied), parcel: Some(12) });
        assert_eq!(url.to_query(), "flag=unsupplied&parcel=12");
        assert_eq!(LandUrl::parse("flag=idle"), LandUrl { flag: Some(LandFlagKind::Idle), parcel: None });
        assert_eq!(LandUrl::parse("flag=vacant&parcel=-4"), LandUrl::default());
        assert_eq!(LandUrl::default().to_query(), "");
        for kind in FLAG_KINDS {
            assert_eq!(LandUrl::parse(&LandUrl { flag: Some(kind), parcel: None }.to_query()).flag, Some(kind));
        }
    }

    #[test]
    fn an_officer_sees_the_flags_of_the_parcels_of_their_parks() {
        let officer = book(Some(&[1]));
        assert_eq!(officer.parcels.iter().map(FlaggedParcel::id).collect::<Vec<_>>(), [1, 3]);
        assert_eq!(officer.ids(Some(LandFlagKind::Idle)), [3]);
        assert_eq!(officer.ids(Some(LandFlagKind::ApprovedNotSupplied)), [1]);
        assert_eq!(officer.count(LandFlagKind::LowEfficiency), 0);
        assert_eq!(officer.area(LandFlagKind::Idle), SquareMetres(6000.0));
        let reason = &officer.get(3).unwrap().flags[0].explanation.zh;
        assert!(reason.contains("仍未动工"), "{reason}");
    }

    #[test]
    fn an_admin_sees_every_park_and_the_unflagged_parcel_is_kept_but_not_listed() {
        let admin = book(None);
        assert_eq!(admin.parcels.len(), 3);
        assert_eq!(admin.ids(None), [1, 3]);
        assert!(admin.get(2).unwrap().flags.is_empty());
    }

    #[test]
    fn a_saved_parcel_is_flagged_again_in_place() {
        let mut admin = book(None);
        let started =
            parcel(3, 1, "GG-3", json!({"supplied_on": "2023-01-10", "construction_started_on": "2023-05-01"}));
        admin.replace(started, date("2026-12-07"));
        assert_eq!(admin.parcels.len(), 3);
        assert_eq!(admin.ids(Some(LandFlagKind::Idle)), Vec::<i64>::new());
        admin.replace(parcel(9, 2, "AA-9", json!({})), date("2026-12-07"));
        assert_eq!(admin.parcels[0].id(), 9);
    }
}
