//! The titles and honours an enterprise holds on the wire (spec §4): the body that adds
//! one and the stored record, each convertible to the tier rules' [`Certificate`].

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::tiers::{Certificate, CertificateKind};

/// Certificate numbers longer than this are refused.
pub const MAX_CERTIFICATE_NUMBER_CHARS: usize = 64;

/// No title or honour is valid for longer than this.
pub const MAX_CERTIFICATE_YEARS: u32 = 10;

/// A title or honour an enterprise holds, as added or replaced.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CertificateBody {
    /// A tier (`specialised_sme`, `little_giant`, …) or `tech_innovation_demo`, `ip_advantage_or_demo`.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub kind: CertificateKind,
    /// The number printed on the certificate or in the published list.
    pub number: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub issued_on: NaiveDate,
    /// The last day it is valid.
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub expires_on: NaiveDate,
}

impl CertificateBody {
    /// The first problem with this certificate, as `(field, problem)`.
    pub fn problem(&self) -> Option<(&'static str, String)> {
        let chars = self.number.trim().chars().count();
        if chars == 0 {
            return Some(("number", "give the certificate number as printed".into()));
        }
        if chars > MAX_CERTIFICATE_NUMBER_CHARS {
            return Some((
                "number",
                format!("{chars} characters is too long; give at most {MAX_CERTIFICATE_NUMBER_CHARS}"),
            ));
        }
        if self.expires_on < self.issued_on {
            return Some((
                "expires_on",
                format!("{} is before the issue date {}; correct one of the dates", self.expires_on, self.issued_on),
            ));
        }
        let latest = self.issued_on.checked_add_months(Months::new(12 * MAX_CERTIFICATE_YEARS));
        if latest.is_none_or(|latest| self.expires_on > latest) {
            return Some((
                "expires_on",
                format!(
                    "{} is more than {MAX_CERTIFICATE_YEARS} years after the issue date {}; no title is valid that \
                     long, so one of the dates is probably mistyped",
                    self.expires_on, self.issued_on
                ),
            ));
        }
        None
    }

    /// The certificate as the tier rules read it (they do not need its number).
    pub fn to_certificate(&self) -> Certificate {
        Certificate { kind: self.kind, issued_on: self.issued_on, expires_on: self.expires_on }
    }
}

/// A stored certificate.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateRecord {
    pub id: i64,
    pub enterprise_id: i64,
    pub version: i64,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub kind: CertificateKind,
    pub number: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub issued_on: NaiveDate,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub expires_on: NaiveDate,
}

impl CertificateRecord {
    /// The certificate as the tier rules read it.
    pub fn to_certificate(&self) -> Certificate {
        Certificate { kind: self.kind, issued_on: self.issued_on, expires_on: self.expires_on }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::tiers::Tier;

    /// A change to a valid value that should make it invalid.
    type Edit<T> = fn(&mut T);

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    pub(crate) fn certificate() -> CertificateBody {
        CertificateBody {
            kind: CertificateKind::Tier(Tier::LittleGiant),
            number: "工信部 2025-0117".into(),
            issued_on: date(2025, 7, 1),
            expires_on: date(2028, 6, 30),
        }
    }

    #[test]
    fn a_complete_certificate_has_no_problem() {
        assert_eq!(certificate().problem(), None);
        let ten_years = CertificateBody { expires_on: date(2035, 7, 1), ..certificate() };
        assert_eq!(ten_years.problem(), None);
    }

    #[test]
    fn each_problem_names_its_field() {
        let cases: [(Edit<CertificateBody>, &str); 4] = [
            (|c| c.number = " ".into(), "number"),
            (|c| c.number = "9".repeat(65), "number"),
            (|c| c.expires_on = date(2025, 6, 30), "expires_on"),
            (|c| c.expires_on = date(2035, 7, 2), "expires_on"),
        ];
        for (change, field) in cases {
            let mut certificate = certificate();
            change(&mut certificate);
            assert_eq!(certificate.problem().map(|(f, _)| f), Some(field), "{certificate:?}");
        }
    }

    #[test]
    fn converts_to_the_tier_rules_certificate() {
        let c = certificate().to_certificate();
        assert_eq!(c.kind, CertificateKind::Tier(Tier::LittleGiant));
        assert!(c.valid_on(date(2028, 6, 30)));
    }

    #[test]
    fn kind_is_a_plain_string() {
        let value = serde_json::to_value(certificate()).unwrap();
        assert_eq!(value["kind"], "little_giant");
        assert_eq!(value["issued_on"], "2025-07-01");
    }
}
