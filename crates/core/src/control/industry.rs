//! Minimum 容积率 by industry (GB/T 4754 大类), as the 2008 《工业项目建设用地控制指标》 lists it (spec §3).
//!
//! The 2008 table uses the GB/T 4754-2002 codes, where 37 is 交通运输设备 and 38 is
//! unused; later editions renumbered the 大类, so codes are looked up exactly as given.

use serde::{Deserialize, Serialize};

use super::ControlError;

/// One row: a range of 大类 codes and the lowest 容积率 a project in them may have.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndustryMinimum {
    pub first_code: u8,
    /// Equal to `first_code` for a single 大类.
    pub last_code: u8,
    pub name_zh: String,
    pub min_floor_area_ratio: f64,
}

/// A minimum 容积率 table, with the instrument it comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndustryTable {
    pub source: String,
    pub rows: Vec<IndustryMinimum>,
}

impl IndustryTable {
    /// The 2008 table [S30].
    pub fn edition_2008() -> IndustryTable {
        let rows: [(u8, u8, &str, f64); 27] = [
            (13, 16, "农副食品/食品/饮料/烟草", 1.0),
            (17, 17, "纺织", 0.8),
            (18, 18, "服装", 1.0),
            (19, 19, "皮革", 1.0),
            (20, 20, "木材", 0.8),
            (21, 21, "家具", 0.8),
            (22, 22, "造纸", 0.8),
            (23, 23, "印刷", 0.8),
            (24, 24, "文教体育", 1.0),
            (25, 25, "石油加工", 0.5),
            (26, 26, "化学原料", 0.6),
            (27, 27, "医药", 0.7),
            (28, 28, "化纤", 0.8),
            (29, 29, "橡胶", 0.8),
            (30, 30, "塑料", 1.0),
            (31, 31, "非金属矿物", 0.7),
            (32, 32, "黑色冶炼", 0.6),
            (33, 33, "有色冶炼", 0.6),
            (34, 34, "金属制品", 0.7),
            (35, 35, "通用设备", 0.7),
            (36, 36, "专用设备", 0.7),
            (37, 37, "交通运输设备", 0.7),
            (39, 39, "电气机械", 0.7),
            (40, 40, "通信计算机电子", 1.0),
            (41, 41, "仪器仪表", 1.0),
            (42, 42, "工艺品", 1.0),
            (43, 43, "废弃资源回收", 0.7),
        ];
        IndustryTable {
            source: "《工业项目建设用地控制指标》(2008), GB/T 4754-2002 大类".to_owned(),
            rows: rows
                .into_iter()
                .map(|(first_code, last_code, name, ratio)| IndustryMinimum {
                    first_code,
                    last_code,
                    name_zh: name.to_owned(),
                    min_floor_area_ratio: ratio,
                })
                .collect(),
        }
    }

    /// The row for a two-digit 大类 code such as "26".
    pub fn minimum_for(&self, code: &str) -> Result<&IndustryMinimum, ControlError> {
        let digits = code.trim();
        let number = match digits.as_bytes() {
            [a, b] if a.is_ascii_digit() && b.is_ascii_digit() => (a - b'0') * 10 + (b - b'0'),
            _ => return Err(ControlError::MalformedIndustryCode(code.to_owned())),
        };
        self.rows
            .iter()
            .find(|row| (row.first_code..=row.last_code).contains(&number))
            .ok_or_else(|| ControlError::UnlistedIndustry { code: number, source_name: self.source.clone() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_of_the_2008_table() {
        let expected: [(&str, f64); 30] = [
            ("13", 1.0),
            ("14", 1.0),
            ("15", 1.0),
            ("16", 1.0),
            ("17", 0.8),
            ("18", 1.0),
            ("19", 1.0),
            ("20", 0.8),
            ("21", 0.8),
            ("22", 0.8),
            ("23", 0.8),
            ("24", 1.0),
            ("25", 0.5),
            ("26", 0.6),
            ("27", 0.7),
            ("28", 0.8),
            ("29", 0.8),
            ("30", 1.0),
            ("31", 0.7),
            ("32", 0.6),
            ("33", 0.6),
            ("34", 0.7),
            ("35", 0.7),
            ("36", 0.7),
            ("37", 0.7),
            ("39", 0.7),
            ("40", 1.0),
            ("41", 1.0),
            ("42", 1.0),
            ("43", 0.7),
        ];
        let table = IndustryTable::edition_2008();
        for (code, ratio) in expected {
            assert_eq!(table.minimum_for(code).unwrap().min_floor_area_ratio, ratio, "大类 {code}");
        }
    }

    #[test]
    fn food_codes_share_one_row() {
        let table = IndustryTable::edition_2008();
        assert_eq!(table.minimum_for("13").unwrap(), table.minimum_for("16").unwrap());
        assert_eq!(table.minimum_for(" 26 ").unwrap().name_zh, "化学原料");
    }

    #[test]
    fn codes_outside_the_table_are_unlisted() {
        let table = IndustryTable::edition_2008();
        for code in ["12", "38", "44", "06"] {
            assert!(matches!(table.minimum_for(code), Err(ControlError::UnlistedIndustry { .. })), "{code}");
        }
        assert_eq!(
            table.minimum_for("38").unwrap_err().to_string(),
            "《工业项目建设用地控制指标》(2008), GB/T 4754-2002 大类 sets no minimum 容积率 for 大类 38; \
             check the code (the table covers manufacturing 大类) or leave the industry empty"
        );
    }

    #[test]
    fn codes_that_are_not_two_digits_are_malformed() {
        let table = IndustryTable::edition_2008();
        for code in ["C26", "2", "261", "", "二六"] {
            assert_eq!(table.minimum_for(code), Err(ControlError::MalformedIndustryCode(code.to_owned())));
        }
    }

    #[test]
    fn table_round_trips_through_json() {
        let table = IndustryTable::edition_2008();
        let text = serde_json::to_string(&table).unwrap();
        assert_eq!(serde_json::from_str::<IndustryTable>(&text).unwrap(), table);
    }
}
