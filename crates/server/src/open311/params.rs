//! Open311 parameters: `application/x-www-form-urlencoded` pairs from the query string or
//! a POST body, with `attribute[code]` keys, read leniently as GeoReport v2 clients send
//! them (unknown parameters such as `jurisdiction_id` are ignored), and the `api_key`
//! that says which account calls.

use chrono::{DateTime, FixedOffset};
use parkatlas_core::wire::UserRecord;

use super::format::Refusal;
use crate::auth::api_key_account;
use crate::store::Store;

/// The pairs of one query string or form body.
#[derive(Debug, Default)]
pub struct Params(Vec<(String, String)>);

impl Params {
    pub fn parse(encoded: &[u8]) -> Params {
        Params(form_urlencoded::parse(encoded).into_owned().collect())
    }

    /// The pairs of `uri`'s query string.
    pub fn of_query(uri: &axum::http::Uri) -> Params {
        Params::parse(uri.query().unwrap_or_default().as_bytes())
    }

    /// The first value of `name`, trimmed; `None` when absent or blank.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(key, _)| key == name).map(|(_, value)| value.trim()).filter(|value| !value.is_empty())
    }

    /// `name`'s value if it has at most `max` characters, else a 400 naming it.
    pub fn bounded(&self, name: &str, max: usize) -> Result<Option<&str>, Refusal> {
        match self.get(name) {
            Some(value) if value.chars().count() > max => {
                Err(Refusal::bad(name, format!("has {} characters; give at most {max}", value.chars().count())))
            }
            value => Ok(value),
        }
    }

    /// `name` as a number, if given.
    pub fn number(&self, name: &str) -> Result<Option<f64>, Refusal> {
        self.get(name)
            .map(|text| {
                text.parse::<f64>().map_err(|_| Refusal::bad(name, format!("{text:?} is not a number of degrees")))
            })
            .transpose()
    }

    /// `name` as an ISO 8601 date and time with its zone, if given.
    pub fn instant(&self, name: &str) -> Result<Option<DateTime<FixedOffset>>, Refusal> {
        self.get(name)
            .map(|text| {
                DateTime::parse_from_rfc3339(text).map_err(|_| {
                    Refusal::bad(
                        name,
                        format!("{text:?} is not an ISO 8601 date and time with its zone, such as 2026-03-01T00:00:00+08:00"),
                    )
                })
            })
            .transpose()
    }

    /// The comma-separated values of `name`, if given.
    pub fn list(&self, name: &str) -> Option<Vec<&str>> {
        self.get(name).map(|text| text.split(',').map(str::trim).filter(|part| !part.is_empty()).collect())
    }

    /// Every `attribute[code]` pair, as `(code, value)`.
    pub fn attributes(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().filter_map(|(key, value)| {
            let code = key.strip_prefix("attribute[")?.strip_suffix(']')?;
            Some((code, value.trim()))
        })
    }

    /// The account `api_key` acts as: `None` without a key, 403 for a key nobody holds.
    pub async fn caller(&self, store: &Store) -> Result<Option<UserRecord>, Refusal> {
        let Some(key) = self.get("api_key") else { return Ok(None) };
        match api_key_account(store, key).await? {
            Some(user) => Ok(Some(user)),
            None => Err(Refusal::forbidden(
                "api_key: this key is not valid (never issued, or revoked); ask the city admin for a key",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_decoded_trimmed_and_blank_ones_absent() {
        let params = Params::parse(b"description=%E5%B1%8B%E9%9D%A2+%E6%BC%8F%E6%B0%B4+&lat=30.5&long=&x=1");
        assert_eq!(params.get("description"), Some("屋面 漏水"));
        assert_eq!(params.number("lat").unwrap(), Some(30.5));
        assert_eq!(params.get("long"), None);
        assert!(params.number("x").unwrap().is_some());
        assert_eq!(Params::parse(b"lat=north").number("lat").unwrap_err().status.as_u16(), 400);
    }

    #[test]
    fn attributes_lists_and_instants() {
        let params = Params::parse(
            b"attribute%5Bmaterial-1%5D=%E5%B7%B2%E5%A4%87&attribute[material-2]=no&status=open,%20closed&start_date=2026-03-01T00:00:00%2B08:00",
        );
        assert_eq!(params.attributes().collect::<Vec<_>>(), vec![("material-1", "已备"), ("material-2", "no")]);
        assert_eq!(params.list("status"), Some(vec!["open", "closed"]));
        assert_eq!(params.instant("start_date").unwrap().unwrap().to_rfc3339(), "2026-03-01T00:00:00+08:00");
        let refused = Params::parse(b"end_date=2026-03-01").instant("end_date").unwrap_err();
        assert!(refused.description.starts_with("end_date: "), "{}", refused.description);
    }

    #[test]
    fn bounded_values_name_their_parameter() {
        let params = Params::parse(format!("phone={}", "1".repeat(31)).as_bytes());
        assert!(params.bounded("phone", 30).unwrap_err().description.starts_with("phone: has 31 characters"));
        assert_eq!(Params::parse(b"phone=123").bounded("phone", 30).unwrap(), Some("123"));
    }
}
