//! Industry codes of GB/T 4754-2017 (国民经济行业分类): the sections and the divisions they hold.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::text::quoted;

/// The sections (门类) of GB/T 4754-2017 with their divisions (大类), first and last.
/// The divisions run 01–97 without gaps.
const SECTIONS: [(char, u8, u8, &str); 20] = [
    ('A', 1, 5, "农、林、牧、渔业"),
    ('B', 6, 12, "采矿业"),
    ('C', 13, 43, "制造业"),
    ('D', 44, 46, "电力、热力、燃气及水生产和供应业"),
    ('E', 47, 50, "建筑业"),
    ('F', 51, 52, "批发和零售业"),
    ('G', 53, 60, "交通运输、仓储和邮政业"),
    ('H', 61, 62, "住宿和餐饮业"),
    ('I', 63, 65, "信息传输、软件和信息技术服务业"),
    ('J', 66, 69, "金融业"),
    ('K', 70, 70, "房地产业"),
    ('L', 71, 72, "租赁和商务服务业"),
    ('M', 73, 75, "科学研究和技术服务业"),
    ('N', 76, 79, "水利、环境和公共设施管理业"),
    ('O', 80, 82, "居民服务、修理和其他服务业"),
    ('P', 83, 83, "教育"),
    ('Q', 84, 85, "卫生和社会工作"),
    ('R', 86, 90, "文化、体育和娱乐业"),
    ('S', 91, 96, "公共管理、社会保障和社会组织"),
    ('T', 97, 97, "国际组织"),
];

/// An industry code of GB/T 4754-2017 (国民经济行业分类): a section letter and the
/// division (2 digits), group (3) or class (4 digits), always written with its letter,
/// e.g. `C36` 汽车制造业, `C367`, `C3670` 汽车零部件及配件制造.
///
/// Codes without the letter (`3670`) are accepted and given their section, since every
/// division belongs to exactly one. Whether a group or class exists inside its division
/// is not checked: that needs the full table.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct IndustryCode(String);

/// Why a text is not an industry code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IndustryCodeError {
    #[error(
        "{} is not an industry code (GB/T 4754-2017): write a section letter A–T and 2 to 4 digits, e.g. C3670, \
         or the digits alone",
        quoted(.0)
    )]
    Malformed(String),
    #[error("division {0:02} does not exist; divisions run from 01 to 97")]
    NoSuchDivision(u8),
    #[error("section {0} does not exist; sections run from A to T")]
    NoSuchSection(char),
    #[error(
        "division {division:02} belongs to section {section} ({section_name}), not {letter}; write {section}{digits}"
    )]
    WrongSection { division: u8, section: char, section_name: &'static str, letter: char, digits: String },
}

impl IndustryCode {
    /// Reads `C3670`, `c3670` or `3670` (and the shorter `C36`, `C367`), ignoring surrounding spaces.
    pub fn parse(text: &str) -> Result<IndustryCode, IndustryCodeError> {
        let code = text.trim().to_uppercase();
        let (letter, digits) = match code.chars().next() {
            Some(c) if c.is_ascii_uppercase() => (Some(c), &code[1..]),
            _ => (None, code.as_str()),
        };
        if !(2..=4).contains(&digits.len()) || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(IndustryCodeError::Malformed(code));
        }
        let division: u8 = digits[..2].parse().expect("two ASCII digits");
        let Some(&(section, _, _, section_name)) =
            SECTIONS.iter().find(|(_, first, last, _)| (*first..=*last).contains(&division))
        else {
            return Err(IndustryCodeError::NoSuchDivision(division));
        };
        match letter {
            Some(letter) if !SECTIONS.iter().any(|(s, ..)| *s == letter) => {
                Err(IndustryCodeError::NoSuchSection(letter))
            }
            Some(letter) if letter != section => Err(IndustryCodeError::WrongSection {
                division,
                section,
                section_name,
                letter,
                digits: digits.to_string(),
            }),
            _ => Ok(IndustryCode(format!("{section}{digits}"))),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The section letter (门类), `A` to `T`.
    pub fn section(&self) -> char {
        char::from(self.0.as_bytes()[0])
    }

    /// The division (大类), 1 to 97.
    pub fn division(&self) -> u8 {
        self.0[1..3].parse().expect("checked when parsed")
    }
}

impl TryFrom<String> for IndustryCode {
    type Error = IndustryCodeError;

    fn try_from(text: String) -> Result<IndustryCode, IndustryCodeError> {
        IndustryCode::parse(&text)
    }
}

impl From<IndustryCode> for String {
    fn from(code: IndustryCode) -> String {
        code.0
    }
}

impl std::str::FromStr for IndustryCode {
    type Err = IndustryCodeError;

    fn from_str(text: &str) -> Result<IndustryCode, IndustryCodeError> {
        IndustryCode::parse(text)
    }
}

impl fmt::Display for IndustryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn parse(text: &str) -> Result<String, String> {
        IndustryCode::parse(text).map(String::from).map_err(|error| error.to_string())
    }

    #[test]
    fn divisions_at_both_edges_of_their_sections() {
        for code in ["A01", "A05", "B06", "B12", "C13", "C43", "D44", "K70", "P83", "S91", "S96", "T97"] {
            assert_eq!(parse(code).as_deref(), Ok(code));
        }
        for (code, right) in [("A06", "B06"), ("C12", "B12"), ("C44", "D44"), ("S97", "T97"), ("L70", "K70")] {
            let err = parse(code).unwrap_err();
            assert!(err.contains(&format!("write {right}")), "{code}: {err}");
        }
    }

    #[test]
    fn groups_and_classes_keep_their_digits() {
        let code = IndustryCode::parse("c3670").unwrap();
        assert_eq!((code.as_str(), code.section(), code.division()), ("C3670", 'C', 36));
        assert_eq!(parse("C367").as_deref(), Ok("C367"));
        assert_eq!(IndustryCode::parse("A0111").unwrap().division(), 1);
    }

    #[test]
    fn bare_digits_are_given_their_section() {
        assert_eq!(parse("3670").as_deref(), Ok("C3670"));
        assert_eq!(parse(" 0111 ").as_deref(), Ok("A0111"));
        assert_eq!(parse("4411").as_deref(), Ok("D4411"));
        assert_eq!(parse("9700").as_deref(), Ok("T9700"));
    }

    #[test]
    fn malformed_codes_are_refused() {
        for code in ["", "C", "C3", "C36701", "36701", "C3a", "CC36"] {
            assert!(parse(code).unwrap_err().contains("is not an industry code"), "{code}");
        }
        assert_eq!(IndustryCode::parse("00"), Err(IndustryCodeError::NoSuchDivision(0)));
        assert!(parse("00").unwrap_err().contains("division 00 does not exist"));
        assert!(parse("9800").unwrap_err().contains("division 98 does not exist"));
        assert!(parse("U36").unwrap_err().contains("section U does not exist"));
    }

    #[test]
    fn sections_cover_01_to_97_without_gaps() {
        let mut next = 1;
        for (_, first, last, _) in SECTIONS {
            assert_eq!(first, next);
            next = last + 1;
        }
        assert_eq!(next, 98);
    }

    #[test]
    fn serde_reads_through_parse() {
        let code: IndustryCode = serde_json::from_value(json!("3670")).unwrap();
        assert_eq!(serde_json::to_value(code).unwrap(), json!("C3670"));
        assert!(serde_json::from_value::<IndustryCode>(json!("C44")).is_err());
    }
}
