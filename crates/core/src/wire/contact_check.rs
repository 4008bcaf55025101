//! Phone numbers and e-mail addresses as people type them into a form: the checks the
//! public inquiry form runs in the browser and the server runs again on what arrives.
//!
//! Pragmatic, not exhaustive: they refuse what is surely a typing mistake and accept what a
//! person in mainland China would write, without asking the number plan or DNS.
//! - Mobile: 11 digits beginning 13–19, optionally after `+86` or `86`.
//! - Landline: an area code (`010`, `02X`, or `0` and three digits beginning 3–9, which is
//!   how the plan allocates them: 北京 010, 武汉 027, 深圳 0755), then a local number of 7 or
//!   8 digits that never begins with 0 or 1, then optionally an extension `-1234` or `转1234`.
//! - Both may be broken up by spaces or dashes anywhere between digits.
//! - E-mail: one `@`, a local part of 1 to 64 characters, a domain with a dot, no spaces,
//!   254 characters at most (RFC 5321 §4.5.3.1).

/// Digits that a person may break up with these.
fn is_separator(c: char) -> bool {
    c == ' ' || c == '-'
}

/// The digits of `text`, if it holds only digits and separators and begins and ends with a digit.
fn separated_digits(text: &str) -> Option<String> {
    let starts_and_ends_with_digits =
        text.starts_with(|c: char| c.is_ascii_digit()) && text.ends_with(|c: char| c.is_ascii_digit());
    let only_digits_and_separators = text.chars().all(|c| c.is_ascii_digit() || is_separator(c));
    (starts_and_ends_with_digits && only_digits_and_separators)
        .then(|| text.chars().filter(char::is_ascii_digit).collect())
}

/// The 11 national digits of a mainland mobile number.
fn mobile_digits(text: &str) -> Option<String> {
    let text = text.trim();
    let (plus, text) = match text.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let digits = separated_digits(text)?;
    let national = match digits.strip_prefix("86") {
        Some(national) if plus || national.len() == 11 => national,
        // `+` introduces a country code, and the only one accepted is 86.
        _ if plus => return None,
        _ => &digits,
    };
    let bytes = national.as_bytes();
    (bytes.len() == 11 && bytes[0] == b'1' && (b'3'..=b'9').contains(&bytes[1])).then(|| national.to_string())
}

/// Whether `text` is a mainland China mobile number: 11 digits beginning 13 to 19, e.g.
/// `13812345678`, `+86 138 1234 5678`, `86-138-1234-5678`.
pub fn is_mainland_mobile(text: &str) -> bool {
    mobile_digits(text).is_some()
}

/// A landline number split into its parts, digits only.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Landline {
    area: String,
    local: String,
    extension: Option<String>,
}

/// The area code and local number of `text`, which carries no extension. The area code's
/// length follows from its second digit, so the digits may be run together or split anywhere.
fn landline_number(text: &str) -> Option<(String, String)> {
    let digits = separated_digits(text)?;
    let bytes = digits.as_bytes();
    let area_len = match bytes.get(..3)? {
        [b'0', b'1', b'0'] | [b'0', b'2', _] => 3,
        [b'0', b'3'..=b'9', _] => 4,
        _ => return None,
    };
    let (area, local) = digits.split_at(area_len.min(digits.len()));
    let local_ok = (7..=8).contains(&local.len()) && !local.starts_with(['0', '1']);
    local_ok.then(|| (area.to_string(), local.to_string()))
}

fn parse_landline(text: &str) -> Option<Landline> {
    let text = text.trim();
    let extension_ok =
        |extension: &str| (1..=6).contains(&extension.len()) && extension.bytes().all(|b| b.is_ascii_digit());
    let with_extension = |number: &str, extension: &str| {
        let extension = extension.trim_start();
        let (area, local) = landline_number(number.trim_end())?;
        extension_ok(extension).then(|| Landline { area, local, extension: Some(extension.to_string()) })
    };
    if let Some((number, extension)) = text.split_once('转') {
        return with_extension(number, extension);
    }
    // A dash after a whole number starts an extension (`027-8765432-1`); otherwise the
    // dashes only break up the number (`0755-2345-6789`).
    if let Some(landline) = text.rsplit_once('-').and_then(|(number, extension)| with_extension(number, extension)) {
        return Some(landline);
    }
    let (area, local) = landline_number(text)?;
    Some(Landline { area, local, extension: None })
}

/// Whether `text` is a mainland China landline number with its area code, e.g.
/// `027-87654321`, `0755 2345 678`, `01012345678`, `027-87654321-1234`, `027-87654321转1234`.
pub fn is_landline(text: &str) -> bool {
    parse_landline(text).is_some()
}

/// The number with its separators stripped, for storing and comparing: a mobile number
/// becomes its 11 national digits (`+86 138-1234-5678` → `13812345678`), a landline its area
/// code and local number with `转` before an extension (`027-87654321-12` → `02787654321转12`,
/// so the extension stays apart), and anything else loses its spaces and dashes.
pub fn normalise_phone(text: &str) -> String {
    if let Some(digits) = mobile_digits(text) {
        return digits;
    }
    if let Some(Landline { area, local, extension }) = parse_landline(text) {
        return match extension {
            Some(extension) => format!("{area}{local}转{extension}"),
            None => format!("{area}{local}"),
        };
    }
    text.trim().chars().filter(|c| !is_separator(*c)).collect()
}

/// The longest address RFC 5321 can carry, and its longest local part.
const MAX_EMAIL_CHARS: usize = 254;
const MAX_LOCAL_PART_CHARS: usize = 64;

/// Whether `text` looks like an e-mail address, e.g. `zhang.san@example.com.cn`. Refuses
/// spaces, a second `@`, empty or dotted-away parts, a domain without a dot or ending in a
/// number, and the brackets and commas of `Name <address>` pasted whole.
pub fn is_email(text: &str) -> bool {
    if text.chars().count() > MAX_EMAIL_CHARS
        || text.chars().any(|c| c.is_whitespace() || c.is_control() || "<>()[]\\,;:\"".contains(c))
    {
        return false;
    }
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    let local_ok = (1..=MAX_LOCAL_PART_CHARS).contains(&local.chars().count())
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..");
    let labels: Vec<&str> = domain.split('.').collect();
    let labels_ok = labels.len() >= 2
        && labels.iter().all(|label| !label.is_empty() && !label.starts_with('-') && !label.ends_with('-'));
    let top_level_ok =
        labels.last().is_some_and(|top| top.chars().count() >= 2 && !top.chars().all(|c| c.is_ascii_digit()));
    local_ok && !domain.contains('@') && labels_ok && top_level_ok
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn mobile_numbers() {
        let valid = [
            "13812345678",
            "19912345678",
            "15000000000",
            "+8613812345678",
            "8613812345678",
            "+86 138 1234 5678",
            "86-138-1234-5678",
            "138-1234-5678",
            "138 1234 5678",
            "138 - 1234 - 5678",
            "  13812345678  ",
        ];
        for text in valid {
            assert!(is_mainland_mobile(text), "{text:?} should be a mobile number");
        }
        let invalid = [
            "",
            "1381234567",
            "138123456789",
            "12812345678",
            "10812345678",
            "23812345678",
            "+8513812345678",
            "+13812345678",
            "+ 86 13812345678",
            "008613812345678",
            "138_1234_5678",
            "138.1234.5678",
            "-13812345678",
            "13812345678-",
            "1381234567８",
            "138１2345678",
            "027-87654321",
            "abc",
        ];
        for text in invalid {
            assert!(!is_mainland_mobile(text), "{text:?} should not be a mobile number");
        }
    }

    #[test]
    fn landline_numbers() {
        let valid = [
            "027-87654321",
            "02787654321",
            "027 87654321",
            "010-62345678",
            "021-5234567",
            "0755-23456789",
            "0755 2345 6789",
            "07552345678",
            "0311-8765432",
            "027-87654321-1234",
            "027-87654321 - 12",
            "027-87654321转1234",
            "027-87654321 转 8",
            "02787654321转123456",
            "027-8765432-1",
        ];
        for text in valid {
            assert!(is_landline(text), "{text:?} should be a landline number");
        }
        let invalid = [
            "",
            "87654321",
            "27-87654321",
            "001-87654321",
            "011-87654321",
            "0278-7654321x",
            "027-876543",
            "027-876543210",
            "027-07654321",
            "027-17654321",
            "0755-123456789",
            "027-87654321-",
            "027-87654321-1234567",
            "027-87654321转",
            "027-87654321转12a",
            "027-87654321 ext 12",
            "(027)87654321",
            "13812345678",
            "027—87654321",
        ];
        for text in invalid {
            assert!(!is_landline(text), "{text:?} should not be a landline number");
        }
    }

    #[test]
    fn the_area_code_length_follows_from_its_second_digit() {
        assert_eq!(landline_number("02787654321"), Some(("027".into(), "87654321".into())));
        assert_eq!(landline_number("07552345678"), Some(("0755".into(), "2345678".into())));
        assert_eq!(landline_number("01062345678"), Some(("010".into(), "62345678".into())));
    }

    #[test]
    fn normalised_phones_lose_their_separators_and_keep_extensions_apart() {
        let cases = [
            ("+86 138-1234-5678", "13812345678"),
            ("86 13812345678", "13812345678"),
            ("027-87654321", "02787654321"),
            ("0755 2345 6789", "075523456789"),
            ("027-87654321-12", "02787654321转12"),
            ("027 8765 4321 转 12", "02787654321转12"),
            ("027-8765432-1", "0278765432转1"),
            ("0755-2345-6789", "075523456789"),
            (" 400-123-4567 ", "4001234567"),
        ];
        for (text, normalised) in cases {
            assert_eq!(normalise_phone(text), normalised, "{text:?}");
        }
    }

    #[test]
    fn email_addresses() {
        let long_local = "a".repeat(64);
        let too_long_local = "a".repeat(65);
        let longest = format!("{long_local}@{}.cn", "b".repeat(254 - 64 - 4));
        let too_long = format!("{long_local}@{}.cn", "b".repeat(254 - 64 - 3));
        let valid = [
            "a@b.cn",
            "zhang.san@example.com.cn",
            "invest+park@hb-park.gov.cn",
            "招商@园区.中国",
            &format!("{long_local}@example.com"),
            &longest,
        ];
        for text in valid {
            assert!(is_email(text), "{text:?} should be an e-mail address");
        }
        let invalid = [
            "",
            "a",
            "@example.com",
            "a@",
            "a@b",
            "a@@b.cn",
            "a@b@c.cn",
            "a b@c.cn",
            " a@b.cn",
            "a@b.cn ",
            "a@b .cn",
            "a@.b.cn",
            "a@b.cn.",
            "a@b..cn",
            "a@-b.cn",
            "a@b-.cn",
            "a@b.c",
            "a@10.0.0.1",
            ".a@b.cn",
            "a.@b.cn",
            "a..b@c.cn",
            "张三 <a@b.cn>",
            "a@b.cn,c@d.cn",
            "a@b.cn;",
            "a\t@b.cn",
            &format!("{too_long_local}@example.com"),
            &too_long,
        ];
        for text in invalid {
            assert!(!is_email(text), "{text:?} should not be an e-mail address");
        }
    }

    /// A valid mobile number with a random prefix and a random separator in each gap.
    fn typed_mobile() -> impl Strategy<Value = (String, String)> {
        let prefix = proptest::sample::select(vec!["", "+86", "86", "+86 ", "86-", "+86 - "]);
        let gaps = proptest::collection::vec(proptest::sample::select(vec!["", "", "", " ", "-", " - ", "  "]), 10);
        ("1[3-9][0-9]{9}", prefix, gaps).prop_map(|(digits, prefix, gaps)| {
            let mut typed = prefix.to_string();
            for (i, digit) in digits.chars().enumerate() {
                if i > 0 {
                    typed.push_str(gaps[i - 1]);
                }
                typed.push(digit);
            }
            (typed, digits)
        })
    }

    proptest! {
        #[test]
        fn any_typed_mobile_number_validates_and_normalises_to_its_digits((typed, digits) in typed_mobile()) {
            prop_assert!(is_mainland_mobile(&typed), "{:?}", typed);
            prop_assert!(!is_landline(&typed), "{:?}", typed);
            prop_assert_eq!(normalise_phone(&typed), digits);
        }

        #[test]
        fn any_landline_with_an_area_code_validates(
            area in "010|02[0-9]|0[3-9][0-9]{2}",
            local in "[2-9][0-9]{6,7}",
            separator in proptest::sample::select(vec!["", "-", " ", " - "]),
            extension in proptest::option::of(("-|转| 转 ", "[0-9]{1,6}")),
        ) {
            let mut typed = format!("{area}{separator}{local}");
            let mut normalised = format!("{area}{local}");
            if let Some((marker, extension)) = extension {
                typed.push_str(&format!("{marker}{extension}"));
                normalised.push_str(&format!("转{extension}"));
            }
            prop_assert!(is_landline(&typed), "{:?}", typed);
            prop_assert_eq!(normalise_phone(&typed), normalised);
        }

        #[test]
        fn checks_never_panic(text in ".{0,40}") {
            let _ = (is_mainland_mobile(&text), is_landline(&text), is_email(&text), normalise_phone(&text));
        }
    }
}
