//! The 统一社会信用代码 (unified social credit code, GB 32100-2015) and its check character.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::text::quoted;

/// The characters of a credit code, in the order of their values (GB 32100-2015 table 1):
/// digits and capital letters without I, O, S, V and Z.
const ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/// Weights of characters 1–17 in the check-character sum: 3ⁱ mod 31.
const WEIGHTS: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/// A 统一社会信用代码 (unified social credit code, GB 32100-2015), checked and in capitals.
///
/// Eighteen characters: 1 the registration authority (9 = 市场监管/工商), 2 the organisation
/// type, 3–8 the administrative division code (digits), 9–17 the organisation code
/// (GB 11714), 18 a check character: with `v` the value of a character (its index in
/// `0123456789ABCDEFGHJKLMNPQRTUWXY`) and `w` = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25,
/// 13, 8, 24, 10, 30, 28], the check is `31 − (Σ vᵢ·wᵢ mod 31)`, with 31 written as `0`.
/// Characters 1 and 2 are not checked against the lists of authorities and types, which
/// grow over time.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CreditCode(String);

/// Why a text is not a credit code; the message says which character to look at.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CreditCodeError {
    #[error("{} has {length} characters; a unified social credit code (统一社会信用代码) has 18", quoted(.code))]
    Length { code: String, length: usize },
    #[error("{} has {length} characters; give the first 17 characters of a credit code", quoted(.body))]
    BodyLength { body: String, length: usize },
    #[error(
        "character {position} (“{character}”) must be a digit: characters 3 to 8 are the administrative division \
         code"
    )]
    DivisionNotDigit { position: usize, character: char },
    #[error(
        "character {position} (“{character}”) cannot appear in a credit code: use digits and capital letters other \
         than I, O, S, V and Z"
    )]
    NotInAlphabet { position: usize, character: char },
    #[error(
        "the check character (the 18th) of {code} should be {expected}, not {found}; one of the 18 characters is \
         probably mistyped"
    )]
    CheckCharacter { code: String, expected: char, found: char },
}

impl CreditCode {
    /// Reads a code, ignoring surrounding spaces and letter case.
    pub fn parse(text: &str) -> Result<CreditCode, CreditCodeError> {
        let code = text.trim().to_uppercase();
        let chars: Vec<char> = code.chars().collect();
        if chars.len() != 18 {
            return Err(CreditCodeError::Length { length: chars.len(), code });
        }
        let values = values(&chars)?;
        let expected = check_character(&values[..17]);
        if chars[17] != expected {
            return Err(CreditCodeError::CheckCharacter { code, expected, found: chars[17] });
        }
        Ok(CreditCode(code))
    }

    /// Completes the first 17 characters with their check character: how demo codes are made.
    pub fn with_check_character(body17: &str) -> Result<CreditCode, CreditCodeError> {
        let body = body17.trim().to_uppercase();
        let chars: Vec<char> = body.chars().collect();
        if chars.len() != 17 {
            return Err(CreditCodeError::BodyLength { length: chars.len(), body });
        }
        let check = check_character(&values(&chars)?);
        Ok(CreditCode(format!("{body}{check}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Characters 3–8: the administrative division (行政区划) code of the registering authority.
    pub fn division_code(&self) -> &str {
        &self.0[2..8]
    }

    /// Characters 9–17: the organisation code (组织机构代码, GB 11714).
    pub fn organisation_code(&self) -> &str {
        &self.0[8..17]
    }
}

/// The value of each character, or the first character that cannot stand where it is.
fn values(chars: &[char]) -> Result<Vec<u32>, CreditCodeError> {
    chars
        .iter()
        .enumerate()
        .map(|(i, &character)| {
            let position = i + 1;
            if (3..=8).contains(&position) && !character.is_ascii_digit() {
                return Err(CreditCodeError::DivisionNotDigit { position, character });
            }
            ALPHABET
                .find(character)
                .map(|index| index as u32)
                .ok_or(CreditCodeError::NotInAlphabet { position, character })
        })
        .collect()
}

/// The check character of the values of characters 1–17.
fn check_character(values: &[u32]) -> char {
    let sum: u32 = values.iter().zip(WEIGHTS).map(|(v, w)| v * w).sum();
    let check = (31 - sum % 31) % 31;
    char::from(ALPHABET.as_bytes()[check as usize])
}

impl TryFrom<String> for CreditCode {
    type Error = CreditCodeError;

    fn try_from(text: String) -> Result<CreditCode, CreditCodeError> {
        CreditCode::parse(&text)
    }
}

impl From<CreditCode> for String {
    fn from(code: CreditCode) -> String {
        code.0
    }
}

impl std::str::FromStr for CreditCode {
    type Err = CreditCodeError;

    fn from_str(text: &str) -> Result<CreditCode, CreditCodeError> {
        CreditCode::parse(text)
    }
}

impl fmt::Display for CreditCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Published codes: 福建 (M-type organisation code), 北京, 腾讯 (深圳), 小米 (北京海淀).
    const PUBLISHED_CODES: [&str; 4] =
        ["91350100M000100Y43", "91110000802100433B", "91440300708461136T", "91110108551385082Q"];

    #[test]
    fn published_codes_are_valid() {
        for code in PUBLISHED_CODES {
            assert_eq!(CreditCode::parse(code).map(String::from), Ok(code.to_string()));
            assert_eq!(CreditCode::with_check_character(&code[..17]).unwrap().as_str(), code);
        }
    }

    #[test]
    fn spaces_and_lower_case_are_forgiven() {
        let code = CreditCode::parse(" 91110000802100433b\n").unwrap();
        assert_eq!(code.as_str(), "91110000802100433B");
        assert_eq!(code.division_code(), "110000");
        assert_eq!(code.organisation_code(), "802100433");
    }

    #[test]
    fn every_single_character_change_is_detected() {
        for code in PUBLISHED_CODES {
            for position in 0..18 {
                for replacement in ALPHABET.chars() {
                    let mut chars: Vec<char> = code.chars().collect();
                    if chars[position] == replacement {
                        continue;
                    }
                    chars[position] = replacement;
                    let changed: String = chars.into_iter().collect();
                    assert!(CreditCode::parse(&changed).is_err(), "{changed} accepted");
                }
            }
        }
    }

    #[test]
    fn messages_say_what_is_wrong() {
        let message = |text: &str| CreditCode::parse(text).unwrap_err().to_string();
        let short = message("91110000802100433");
        assert!(short.contains("has 17 characters") && short.contains("has 18"), "{short}");
        let letter_o = message("91110000802100O33B");
        assert!(letter_o.starts_with("character 15 (“O”) cannot appear"), "{letter_o}");
        let division = message("9111A000802100433B");
        assert!(division.starts_with("character 5 (“A”) must be a digit"), "{division}");
        let check = message("91110000802100433A");
        assert!(check.contains("should be B, not A"), "{check}");
        let body = CreditCode::with_check_character("9111000080210043").unwrap_err();
        assert_eq!(body, CreditCodeError::BodyLength { body: "9111000080210043".into(), length: 16 });
        assert!(body.to_string().contains("first 17"), "{body}");
    }

    #[test]
    fn serde_reads_through_parse_and_writes_a_string() {
        let code: CreditCode = serde_json::from_value(json!("91350100m000100y43")).unwrap();
        assert_eq!(serde_json::to_value(&code).unwrap(), json!("91350100M000100Y43"));
        let err = serde_json::from_value::<CreditCode>(json!("91350100M000100Y44")).unwrap_err();
        assert!(err.to_string().contains("should be 3"), "{err}");
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn the_computed_check_character_and_no_other_validates(
                body in "[0-9A-HJ-NP-RTUWXY]{2}[0-9]{6}[0-9A-HJ-NP-RTUWXY]{9}",
            ) {
                let code = CreditCode::with_check_character(&body).unwrap();
                prop_assert_eq!(CreditCode::parse(code.as_str()), Ok(code.clone()));
                let check = code.as_str().chars().last().unwrap();
                for other in ALPHABET.chars().filter(|&c| c != check) {
                    let wrong = format!("{body}{other}");
                    prop_assert!(CreditCode::parse(&wrong).is_err(), "{} accepted", wrong);
                }
            }
        }
    }
}
