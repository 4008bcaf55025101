//! Filing a request the GeoReport v2 way: the POST parameters become the same
//! [`NewRequest`] that `POST /api/v1/requests` takes, checked by the same rules, with each
//! problem named by the Open311 parameter it came from.
//!
//! Open311 has no title, so the title is the description's first line, cut short. The
//! contact fields are checked and then dropped: the request is filed as the key's account,
//! which already says who to answer, and nothing an anonymous client types about a person
//! is kept. `attribute[material-n]` values, the materials at hand, are appended to the text.

use parkatlas_core::calendar::{service_rules, Category};
use parkatlas_core::wire::{Location, NewRequest, MAX_ADDRESS_CHARS};

use super::format::Refusal;
use super::params::Params;
use super::services::{category_of, material_code};

/// The longest description accepted, in characters.
pub const MAX_DESCRIPTION_CHARS: usize = 4000;
/// How much of the description's first line makes the title.
const TITLE_CHARS: usize = 30;
const MAX_ATTRIBUTE_CHARS: usize = 200;
/// The contact parameters and their longest values: accepted, checked, not stored.
const CONTACT_LIMITS: [(&str, usize); 4] = [("email", 254), ("first_name", 100), ("last_name", 100), ("phone", 30)];

/// The request `params` file, or the first problem with them.
pub fn new_request(params: &Params) -> Result<NewRequest, Refusal> {
    let code = params
        .get("service_code")
        .ok_or_else(|| Refusal::bad("service_code", "is required; GET services.json lists the codes"))?;
    let category = category_of(code).ok_or_else(|| {
        Refusal::bad("service_code", format!("{code:?} is not a service; GET services.json lists them"))
    })?;
    let description = params
        .get("description")
        .ok_or_else(|| Refusal::bad("description", "is required: say what the request is about"))?;
    let chars = description.chars().count();
    if chars > MAX_DESCRIPTION_CHARS {
        let problem = format!("has {chars} characters; shorten it to at most {MAX_DESCRIPTION_CHARS}");
        return Err(Refusal::bad("description", problem));
    }
    let location = match (params.number("lat")?, params.number("long")?) {
        (Some(lat), Some(lon)) => Some(Location { lat, lon }),
        (None, None) => None,
        (Some(_), None) => return Err(Refusal::bad("long", "is required with lat")),
        (None, Some(_)) => return Err(Refusal::bad("lat", "is required with long")),
    };
    let address = params.bounded("address_string", MAX_ADDRESS_CHARS)?;
    if location.is_none() && address.is_none() {
        return Err(Refusal::bad(
            "lat",
            "the place is required: give lat and long (WGS-84 degrees) or address_string (address_id is not used here)",
        ));
    }
    for (name, max) in CONTACT_LIMITS {
        params.bounded(name, max)?;
    }
    let request = NewRequest {
        category,
        title: title_of(description, category),
        body: [description.to_string()]
            .into_iter()
            .chain(materials_at_hand(params, category)?)
            .collect::<Vec<_>>()
            .join("\n"),
        parcel_id: None,
        location,
        address: address.map(str::to_string),
        media_url: params.get("media_url").map(str::to_string),
    };
    match request.problem() {
        Some((field, problem)) => Err(Refusal::bad(parameter_of(field), problem)),
        None => Ok(request),
    }
}

/// The `attribute[material-n]` values as lines of text, each after its material's name.
fn materials_at_hand(params: &Params, category: Category) -> Result<Vec<String>, Refusal> {
    let materials = service_rules().materials(category);
    params
        .attributes()
        .map(|(code, value)| {
            let name = format!("attribute[{code}]");
            let material = (1..)
                .zip(materials)
                .find(|(n, _)| material_code(*n) == code)
                .map(|(_, material)| material)
                .ok_or_else(|| {
                    Refusal::bad(&name, format!("is not an attribute of {category}; see its service definition"))
                })?;
            if value.chars().count() > MAX_ATTRIBUTE_CHARS {
                return Err(Refusal::bad(&name, format!("give at most {MAX_ATTRIBUTE_CHARS} characters")));
            }
            Ok(format!("{}（{}）：{value}", material.zh, material.en))
        })
        .collect()
}

/// The Open311 parameter behind a field of [`NewRequest`].
fn parameter_of(field: &str) -> &str {
    match field {
        "title" | "body" => "description",
        "location" => "lat",
        "address" => "address_string",
        other => other,
    }
}

/// A title from a description: its first line, cut at 30 characters, after the
/// category's name when the line is too short to be a title.
pub fn title_of(description: &str, category: Category) -> String {
    let line = description.lines().map(str::trim).find(|line| !line.is_empty()).unwrap_or_default();
    let mut title: String = line.chars().take(TITLE_CHARS).collect();
    if line.chars().count() > TITLE_CHARS {
        title.push('…');
    }
    if title.chars().count() < 2 {
        title = format!("{}：{title}", category.label().zh);
    }
    title
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filed(query: &str) -> Result<NewRequest, Refusal> {
        new_request(&Params::parse(query.as_bytes()))
    }

    fn refused(query: &str) -> String {
        filed(query).unwrap_err().description
    }

    #[test]
    fn a_located_description_becomes_a_request_with_a_title() {
        let request = filed("service_code=general&lat=30.5052&long=114.3983&description=%E5%B1%8B%E9%9D%A2%E6%BC%8F%E6%B0%B4%0A%E8%AF%B7%E7%BB%B4%E4%BF%AE&email=a%40b.cn").unwrap();
        assert_eq!((request.category, request.title.as_str()), (Category::General, "屋面漏水"));
        assert_eq!(request.body, "屋面漏水\n请维修");
        assert_eq!(request.location, Some(Location { lat: 30.5052, lon: 114.3983 }));
        let by_address =
            filed("service_code=enquiry&address_string=%E5%85%89%E8%B0%B7%E5%A4%A7%E9%81%93&description=x").unwrap();
        assert_eq!((by_address.address.as_deref(), by_address.title.as_str()), (Some("光谷大道"), "咨询：x"));
    }

    #[test]
    fn long_first_lines_are_cut_into_a_title() {
        assert_eq!(title_of(&"漏".repeat(31), Category::General), format!("{}…", "漏".repeat(30)));
        assert_eq!(title_of("\n  标准厂房租金  \n细节", Category::Enquiry), "标准厂房租金");
    }

    #[test]
    fn materials_at_hand_follow_the_description() {
        let request =
            filed("service_code=general&address_string=a&description=d&attribute%5Bmaterial-2%5D=%E5%B7%B2%E5%A4%87")
                .unwrap();
        assert_eq!(request.body, "d\n营业执照复印件（a copy of the business licence）：已备");
        assert!(refused("service_code=general&address_string=a&description=d&attribute[material-3]=x")
            .starts_with("attribute[material-3]: "));
        assert!(refused("service_code=enquiry&address_string=a&description=d&attribute[material-1]=x")
            .starts_with("attribute[material-1]: "));
    }

    #[test]
    fn each_problem_names_its_parameter() {
        let long = "字".repeat(4001);
        let cases = [
            ("description=d&lat=30&long=114", "service_code: is required"),
            ("service_code=pothole&description=d&lat=30&long=114", "service_code: \"pothole\" is not a service"),
            ("service_code=general&lat=30&long=114", "description: is required"),
            (&format!("service_code=general&lat=30&long=114&description={long}"), "description: has 4001 characters"),
            ("service_code=general&description=d", "lat: the place is required"),
            ("service_code=general&description=d&address_id=17", "lat: the place is required"),
            ("service_code=general&description=d&lat=30", "long: is required with lat"),
            ("service_code=general&description=d&lat=114&long=30", "lat: (114, 30) is not a WGS-84 point"),
            ("service_code=general&description=d&lat=north&long=30", "lat: \"north\" is not a number"),
            (
                &format!("service_code=general&description=d&address_string={}", "路".repeat(201)),
                "address_string: has 201",
            ),
            ("service_code=general&description=d&lat=30&long=114&media_url=javascript:x", "media_url: “javascript:x”"),
            (&format!("service_code=general&description=d&lat=30&long=114&phone={}", "1".repeat(31)), "phone: has 31"),
        ];
        for (query, start) in cases {
            let description = refused(query);
            assert!(description.starts_with(start), "{query}: {description}");
        }
        let longest = format!("service_code=general&lat=30&long=114&description={}", "字".repeat(4000));
        assert!(filed(&longest).is_ok());
    }
}
